"""`ycs indicators` in the terminal: the catalogue of indicators, and plans with their targets.

Loaded without the pipeline (no pandas, pyarrow or numpy): listing the catalogue reads one
YAML file and should start as fast as the help does.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ycs.check.fields import FIELDS
from ycs.indicators.definitions import Definitions, Indicator, Plan
from ycs.present.messages import Lang, label, localised_name, target_text
from ycs.present.shown import visible


def literal(cell: RenderableType) -> RenderableType:
    """A string cell shown as it is: never read as markup, nothing in it acts on the screen."""
    return Text(visible(cell)) if isinstance(cell, str) else cell


def literal_text(text: str) -> Text:
    return Text(visible(text))


def add_literal_row(table: Table, *cells: RenderableType) -> None:
    table.add_row(*(literal(cell) for cell in cells))


def indicator_name(indicator: Indicator, lang: Lang) -> str:
    return localised_name(indicator, indicator.id, lang)


def plan_name(plan: Plan, lang: Lang) -> str:
    return localised_name(plan, plan.id, lang)


def indicators_view(
    definitions: Definitions, plans: Iterable[Plan], lang: Lang, *, only_plans: bool = False
) -> RenderableType:
    """`ycs indicators`: the catalogue of indicators and of plans with their targets; with
    `only_plans`, only the indicators those plans use."""
    plans = list(plans)
    used = {indicator_id for plan in plans for indicator_id in plan.targets}
    catalogue = Table(title=label("indicator", lang), title_justify="left")
    catalogue.add_column(label("indicator_id", lang), no_wrap=True, style="bold")
    catalogue.add_column(label("indicator", lang), overflow="fold")
    catalogue.add_column(label("formula", lang), overflow="fold")
    catalogue.add_column(label("unit", lang), no_wrap=True)
    for indicator in definitions.indicators.values():
        if only_plans and indicator.id not in used:
            continue
        unit = indicator.unit or ""
        if indicator.annualized:
            # Part-year data of this indicator is scaled to a year before comparison.
            unit = f"{unit}, {label('annualised', lang)}" if unit else label("annualised", lang)
        add_literal_row(
            catalogue,
            indicator.id,
            indicator_name(indicator, lang),
            formula_text(indicator, lang),
            unit,
        )
    parts: list[RenderableType] = [catalogue] if catalogue.row_count else []
    if not only_plans:
        parts.append(_over_time_table(lang))
    for plan in plans:
        table = Table(
            title=literal_text(
                f"{plan.id}: {plan_name(plan, lang)}\n{plan.document} · "
                f"{label('deadline', lang)} {plan.year}"
            ),
            title_justify="left",
        )
        table.add_column(label("indicator_id", lang), no_wrap=True)
        table.add_column(label("indicator", lang), overflow="fold", ratio=2)
        table.add_column(label("target", lang), justify="right", ratio=1)
        for indicator_id, target in plan.targets.items():
            indicator = definitions.indicators[indicator_id]
            text = target_text(target, indicator.unit or "", lang)
            if target.level is not None:
                level = label(target.level, lang).lower()
                text += f" ({label('judged_only_at', lang, level=level)})"
            add_literal_row(
                table,
                indicator_id,
                indicator_name(indicator, lang),
                text,
            )
        for other in plan.other_targets:
            add_literal_row(table, "", other, label("not_assessed", lang))
        parts.append(table)
    return Group(*parts)


def _over_time_table(lang: Lang) -> Table:
    """How the fields combine over sub-periods (SPEC §8.1): flows listed, stocks the rest."""
    flows = [f.name for fields in FIELDS.values() for f in fields if f.over_time == "flow"]
    table = Table(title=label("over_time", lang), title_justify="left")
    table.add_column(label("over_time", lang), no_wrap=True)
    table.add_column(label("field", lang), overflow="fold")
    add_literal_row(table, label("flow", lang), ", ".join(flows))
    add_literal_row(table, label("stock", lang), label("other_fields", lang))
    return table


def formula_text(indicator: Indicator, lang: Lang) -> str:
    if indicator.from_coverage:
        formula = label("coverage_formula", lang)
    elif indicator.value is not None:
        formula = indicator.value
    else:
        formula = f"{indicator.numerator} / {indicator.denominator}"
    factor = indicator.factor
    return formula if factor == 1 else f"{factor:g} × {formula}"

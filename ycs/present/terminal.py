"""Terminal output: compliance tables, findings, the indicator catalogue (rich)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ycs.check.fields import FIELDS
from ycs.errors import Finding, Severity
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import Definitions, Indicator, Plan, Territory
from ycs.present.fitted_table import Column, FittedTable, Layout
from ycs.present.messages import (
    Lang,
    count_words,
    deadline_label,
    finding_message,
    format_number,
    label,
)
from ycs.present.shown import visible
from ycs.present.text import (
    localised_name,
    other_section,
    plan_notes,
    status_label,
    target_text,
    unit_display,
    with_unit,
)
from ycs.report import Report

STATUS_STYLE = {
    "met": "bold green",
    "not_met": "bold red",
    "no_data": "dim",
    "undetermined": "bold yellow",
}
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def literal(cell: RenderableType) -> RenderableType:
    """A string cell shown as it is: never read as markup, nothing in it acts on the screen."""
    return Text(visible(cell)) if isinstance(cell, str) else cell


def literal_text(text: str) -> Text:
    return Text(visible(text))


def add_literal_row(table: Table, *cells: RenderableType) -> None:
    table.add_row(*(literal(cell) for cell in cells))


def value_text(result: Result, indicator: Indicator, lang: Lang) -> str:
    """The value compared with the target; on part-year data, annualised and marked so."""
    if result.value is None:
        return "—"
    unit = indicator.unit or ""
    if result.status == "undetermined" and result.value_low is not None:
        # The range the unknown units allow is what decides the verdict.
        low = format_number(result.value_low, indicator.decimals, lang)
        high = format_number(result.value_high or result.value_low, indicator.decimals, lang)
        return with_unit(f"{low}–{high}", unit)
    raw = with_unit(format_number(result.value, indicator.decimals, lang), unit)
    if result.annualized_value is None:
        return raw
    annualised = with_unit(format_number(result.annualized_value, indicator.decimals, lang), unit)
    # The value as reported stays visible in the numerator/denominator column.
    return f"{annualised}\n{label('annualised_from', lang, months=result.months_covered)}"


def indicator_name(indicator: Indicator, lang: Lang) -> str:
    return localised_name(indicator, indicator.id, lang)


def plan_name(plan: Plan, lang: Lang) -> str:
    return localised_name(plan, plan.id, lang)


def position_text(finding: Finding, lang: Lang, *, with_file: bool = True) -> str:
    """ "bao_cao.xlsx · Xã!F14" — the place a user looks for in Excel."""
    cell = f"{finding.column or ''}{finding.row or ''}"
    if finding.rows and len(finding.rows) > 1:
        cell = f"{finding.column or ''}{_row_list(finding.rows, lang)}"
    place = f"{finding.sheet}!{cell}" if finding.sheet else cell
    return " · ".join(part for part in (finding.file if with_file else None, place) if part)


def _row_list(rows: Sequence[int], lang: Lang, shown: int = 6) -> str:
    listed = ", ".join(str(r) for r in rows[:shown])
    count = format_number(len(rows) - shown, 0, lang)
    more = " " + label("and_more", lang, count=count) if len(rows) > shown else ""
    return f"[{listed}{more}]"


# How many positions a summarised finding lists before "… and N more".
POSITIONS_SHOWN = 4


def findings_table(findings: Sequence[Finding], lang: Lang) -> FittedTable:
    """Findings summarised per code and column: a national file's thousands of findings print
    in a few rows; exports and JSON keep every one."""
    files = {f.file for f in findings}
    # With one file, its name goes in the title and the cells stay short.
    single = next(iter(files)) if len(files) == 1 else None
    title = label("findings", lang) + (f": {single}" if single else "")
    layout = Layout(
        [
            Column(label("severity", lang), "word"),
            Column(label("code", lang), "word"),
            Column(label("cell", lang), "number"),
            Column(label("message", lang)),
        ]
    )
    groups: dict[tuple[Severity, str, str | None, str | None, str | None], list[Finding]] = {}
    for finding in findings:
        key = (finding.severity, finding.code, finding.file, finding.sheet, finding.column)
        groups.setdefault(key, []).append(finding)
    order = list(Severity)
    for (severity, code, *_), group in sorted(groups.items(), key=lambda g: order.index(g[0][0])):
        layout.rows.append(
            [
                Text(label(severity, lang), style=SEVERITY_STYLE[severity]),
                Text(code),
                literal_text(_positions(group, with_file=single is None, lang=lang)),
                literal_text(finding_message(group[0], lang)),
            ]
        )
    heading = literal_text(title)
    heading.stylize("italic")
    return FittedTable([layout], heading=heading)


def _positions(group: Sequence[Finding], *, with_file: bool, lang: Lang) -> str:
    """ "Biểu 1 - Xã!O19, O25, O40, O41 … và 12 nữa": the first cells, then how many more."""
    first = position_text(group[0], lang, with_file=with_file)
    rest = [_cell(f, lang) for f in group[1:POSITIONS_SHOWN]]
    text = ", ".join([first, *rest])
    if len(group) > POSITIONS_SHOWN:
        text += " " + label(
            "and_more", lang, count=format_number(len(group) - POSITIONS_SHOWN, 0, lang)
        )
    return text


def _cell(finding: Finding, lang: Lang) -> str:
    if finding.rows and len(finding.rows) > 1:
        return f"{finding.column or ''}{_row_list(finding.rows, lang)}"
    return f"{finding.column or ''}{finding.row or ''}"


def summary_line(report: Report, lang: Lang) -> Text:
    counts = Counter(f.severity for f in report.findings)
    rows = sum(i.rows for i in report.inputs)
    sheets = len(report.inputs)
    head = label("rows_from_sheets", lang, rows=format_number(rows, 0, lang), sheets=sheets)
    text = Text(head + " · ")
    parts = [
        (counts[Severity.ERROR], "error"),
        (counts[Severity.WARNING], "warning"),
        (counts[Severity.INFO], "info"),
    ]
    for k, (count, key) in enumerate(parts):
        style = SEVERITY_STYLE[Severity(key)] if count else "dim"
        text.append(count_words(f"count.{key}", count, lang), style=style)
        if k < len(parts) - 1:
            text.append(" · ")
    return text


def decisive(findings: Iterable[Finding], *, strict: bool = False) -> list[Finding]:
    """The findings that decide the exit code: errors, and warnings under --strict."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return [f for f in findings if f.severity in failing]


def validation_view(
    report: Report, lang: Lang, *, quiet: bool = False, strict: bool = False
) -> RenderableType:
    """`ycs validate`: every finding, then the counts; with --quiet only the findings that
    decide the exit code, and no counts."""
    if quiet:
        failing = decisive(report.findings, strict=strict)
        return findings_table(failing, lang) if failing else Group()
    if not report.findings:
        return Group(Text(label("no_findings", lang), style="green"), summary_line(report, lang))
    return Group(findings_table(report.findings, lang), summary_line(report, lang))


def compliance_view(report: Report, lang: Lang, *, quiet: bool = False) -> RenderableType:
    """`ycs check`: one table per plan, then a short validation summary."""
    assert report.definitions is not None
    assert report.results is not None
    parts: list[RenderableType] = []
    by_plan = {k: list(g) for k, g in groupby(report.results, key=lambda r: r.plan)}
    for plan_id in report.plans:
        plan = report.definitions.plans[plan_id]
        if plan_id in report.plans_without_rows:
            parts.append(literal_text(no_rows_line(plan, lang)))
            continue
        table = plan_table(plan, by_plan.get(plan_id, []), report.definitions, lang)
        notes = plan_notes(report, plan, lang)
        if notes:
            table.caption = Text(visible("\n".join(notes)), style="dim")
        parts.append(table)
    others = other_section(report, lang)
    if others is not None:
        parts.append(
            others_table(
                others.name, [line.result for line in others.lines], report.definitions, lang
            )
        )
    # The findings that made the run exit 1 are always shown; the warnings and the counts
    # unless --quiet.
    problems = (
        decisive(report.findings)
        if quiet
        else [f for f in report.findings if f.severity is not Severity.INFO]
    )
    if problems:
        parts.append(findings_table(problems, lang))
    if not quiet:
        parts.append(summary_line(report, lang))
    return Group(*parts)


def no_rows_line(plan: Plan, lang: Lang) -> str:
    """The one line of a plan named with --plan whose territory holds no input row."""
    territory = plan.territory
    where = (
        f"{territory.level} {territory.code} ({territory.units})"
        if isinstance(territory, Territory)
        else label("national", lang)
    )
    return label("no_rows_in_territory", lang, plan=plan.id, territory=where)


def plan_table(
    plan: Plan, results: Sequence[Result], definitions: Definitions, lang: Lang
) -> FittedTable:
    deadline = f"{label('deadline', lang)} {plan.year}"
    timing = {r.before_deadline for r in results}
    if len(timing) == 1:
        # Unmet before the deadline is progress still to make; after it, a missed target.
        state = deadline_label(timing.pop(), plan.year, lang)
        deadline += f" ({state})" if state else ""
    heading = literal_text(f"{plan_name(plan, lang)}\n{plan.document} · {deadline}")
    heading.stylize("italic")
    return FittedTable(_result_layouts(results, definitions, lang, verdicts=True), heading=heading)


def others_table(
    title: str, results: Sequence[Result], definitions: Definitions, lang: Lang
) -> FittedTable:
    """The indicators that no chosen plan judges: their values, without a verdict."""
    heading = literal_text(title)
    heading.stylize("italic")
    return FittedTable(_result_layouts(results, definitions, lang, verdicts=False), heading=heading)


def _result_layouts(
    results: Sequence[Result], definitions: Definitions, lang: Lang, *, verdicts: bool
) -> list[Layout | Callable[[], Layout]]:
    """The full table, then one with value, fraction and rows stacked in one cell (and
    target over verdict) for a narrow terminal."""
    several_units = len({r.unit_code for r in results}) > 1
    several_periods = len({r.period for r in results}) > 1
    names = [Column(label("indicator", lang))]
    if several_units:
        names.append(Column(label("unit_name", lang)))
    if several_periods:
        names.append(Column(label("period", lang), kind="number"))
    full = [*names, Column(label("value", lang), "number", "right")]
    if verdicts:
        full += [
            Column(label("target", lang), "number", "right"),
            Column(label("status", lang), "word"),
        ]
    full += [
        Column(label("fraction", lang), "number", "right"),
        Column(label("rows", lang), "number", "right"),
    ]
    # Fraction over rows, then everything numeric in one cell: for narrower terminals.
    paired = [
        *full[: len(full) - 2],
        Column(f"{label('fraction', lang)}\n{label('rows', lang)}", "number", "right"),
    ]
    stacked = [
        *names,
        Column(
            f"{label('value', lang)}\n{label('fraction', lang)}\n{label('rows', lang)}",
            "number",
            "right",
        ),
    ]
    if verdicts:
        stacked.append(Column(f"{label('target', lang)}\n{label('status', lang)}", "word"))
    wide = Layout(full)
    lines: list[tuple[list[Text], Text, Text, Text, Text, Text]] = []
    names_shown: dict[str, Text] = {}
    for result in results:
        indicator = definitions.indicators[result.indicator]
        if result.indicator not in names_shown:
            names_shown[result.indicator] = literal_text(indicator_name(indicator, lang))
        first = [names_shown[result.indicator]]
        if several_units:
            first.append(literal_text(unit_display(result, lang)))
        if several_periods:
            first.append(literal_text(result.period))
        value = literal_text(value_text(result, indicator, lang))
        fraction = Text(_fraction(result, lang))
        rows = Text(f"{result.rows_used}/{result.rows_used + result.rows_skipped}")
        target = literal_text(target_text(result.target, indicator.unit or "", lang))
        status = Text(status_label(result, lang), style=STATUS_STYLE.get(result.status or "", ""))
        judged = [target, status] if verdicts else []
        wide.rows.append([*first, value, *judged, fraction, rows])
        lines.append((first, value, target, status, fraction, rows))

    def middle() -> Layout:
        layout = Layout(paired)
        for first, value, target, status, fraction, rows in lines:
            judged = [target, status] if verdicts else []
            layout.rows.append([*first, value, *judged, _stack(fraction, rows)])
        return layout

    def narrow() -> Layout:
        layout = Layout(stacked)
        for first, value, target, status, fraction, rows in lines:
            together = [_stack(value, fraction, rows)]
            if verdicts:
                together.append(_stack(target, status))
            layout.rows.append([*first, *together])
        return layout

    return [wide, middle, narrow]


def _stack(*cells: Text) -> Text:
    """Cells one above the other in one cell, in the style of the last (the verdict)."""
    return Text("\n".join(cell.plain for cell in cells), style=cells[-1].style)


def _fraction(result: Result, lang: Lang) -> str:
    if result.numerator is None:
        return "—"
    numerator = format_number(result.numerator, _decimals_of(result.numerator), lang)
    if result.denominator is None:
        return numerator
    return (
        f"{numerator}/{format_number(result.denominator, _decimals_of(result.denominator), lang)}"
    )


def _decimals_of(x: float) -> int:
    return 0 if float(x).is_integer() else 2


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

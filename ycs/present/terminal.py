"""Terminal output: compliance tables and findings (rich)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from rich.console import Group, RenderableType
from rich.text import Text

from ycs.errors import Finding, Severity
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import Definitions, Indicator, Plan
from ycs.present.catalogue_view import (
    add_literal_row,
    indicator_name,
    indicators_view,
    literal,
    literal_text,
    plan_name,
)
from ycs.present.fitted_table import Cell, Column, FittedTable, Layout
from ycs.present.messages import (
    Lang,
    count_words,
    deadline_label,
    finding_message,
    format_number,
    label,
    target_text,
    with_unit,
)
from ycs.present.shown import visible
from ycs.present.text import (
    no_rows_line,
    other_section,
    plan_notes,
    reported_units,
    status_label,
    unit_display,
)

# The catalogue's view and the literal cells are shared with `ycs indicators`, which loads
# that module alone (no pandas).
__all__ = [
    "add_literal_row",
    "compliance_view",
    "indicators_view",
    "literal",
    "literal_text",
    "validation_view",
]
from ycs.report import Report

STATUS_STYLE = {
    "met": "bold green",
    "not_met": "bold red",
    "no_data": "dim",
    "undetermined": "bold yellow",
}
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def literal_cell(text: str, style: str = "") -> Cell:
    """A table cell of text as it is: nothing in it acts on the screen."""
    return Cell(visible(text), style)


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


def position_text(finding: Finding, lang: Lang, *, with_file: bool = True) -> str:
    """ "bao_cao.xlsx · Xã!F14" — the place a user looks for in Excel."""
    cell = f"{finding.column or ''}{finding.row or ''}"
    if finding.rows and len(finding.rows) > 1:
        cell = f"{finding.column or ''}{_row_list(finding.rows, lang)}"
    # A finding about a whole sheet (missing units) names the sheet alone.
    place = f"{finding.sheet}!{cell}" if finding.sheet and cell else (finding.sheet or cell)
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
    groups: dict[
        tuple[Severity, str, str | None, str | None, str | None, str | None], list[Finding]
    ] = {}
    for finding in findings:
        # A finding without a row has no cell to list under a shared message: its message
        # (which province misses communes, which commune lies partly outside) is its line.
        own = finding_message(finding, lang) if finding.row is None and not finding.rows else None
        key = (finding.severity, finding.code, finding.file, finding.sheet, finding.column, own)
        groups.setdefault(key, []).append(finding)
    order = list(Severity)
    for (severity, code, *_), group in sorted(groups.items(), key=lambda g: order.index(g[0][0])):
        layout.rows.append(
            [
                Cell(label(severity, lang), SEVERITY_STYLE[severity]),
                Cell(code),
                literal_cell(_positions(group, with_file=single is None, lang=lang)),
                literal_cell(finding_message(group[0], lang)),
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
    head = label(
        "rows_from_sheets",
        lang,
        rows=count_words("count.data_row", rows, lang, number=format_number(rows, 0, lang)),
        sheets=count_words("count.sheet", sheets, lang),
    )
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


def compliance_view(
    report: Report, lang: Lang, *, quiet: bool = False, tables: bool = True
) -> RenderableType:
    """`ycs check`: one table per plan (unless `tables` is off: they went to a file), then a
    short validation summary."""
    assert report.definitions is not None
    assert report.results is not None
    parts: list[RenderableType] = []
    by_plan = (
        {k: list(g) for k, g in groupby(report.results, key=lambda r: r.plan)} if tables else {}
    )
    for plan_id in report.plans if tables else ():
        plan = report.definitions.plans[plan_id]
        if plan_id in report.plans_without_rows:
            parts.append(literal_text(no_rows_line(report, plan_id, lang)))
            continue
        table = plan_table(plan, by_plan.get(plan_id, []), report.definitions, lang)
        notes = plan_notes(report, plan, lang)
        if notes:
            table.caption = Text(visible("\n".join(notes)), style="dim")
        parts.append(table)
    others = other_section(report, lang) if tables else None
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
    # "75/168 xã" beside each value the registry can say it of (SPEC §7.3).
    reported = [reported_units(r, definitions.indicators.get(r.indicator), lang) for r in results]
    with_reported = any(reported)
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
    counts = ["fraction", "rows", *(["reported_short"] if with_reported else [])]
    full += [Column(label(key, lang), "number", "right") for key in counts]
    # Fraction over rows (over units reported), then everything numeric in one cell: for
    # narrower terminals.
    paired = [
        *full[: len(full) - len(counts)],
        Column("\n".join(label(key, lang) for key in counts), "number", "right"),
    ]
    stacked = [
        *names,
        Column("\n".join(label(key, lang) for key in ["value", *counts]), "number", "right"),
    ]
    if verdicts:
        stacked.append(Column(f"{label('target', lang)}\n{label('status', lang)}", "word"))
    wide = Layout(full)
    lines: list[tuple[list[Cell], Cell, Cell, Cell, list[Cell]]] = []
    names_shown: dict[str, Cell] = {}
    for result, units in zip(results, reported, strict=True):
        indicator = definitions.indicators[result.indicator]
        if result.indicator not in names_shown:
            names_shown[result.indicator] = literal_cell(indicator_name(indicator, lang))
        first = [names_shown[result.indicator]]
        if several_units:
            first.append(literal_cell(unit_display(result, lang)))
        if several_periods:
            first.append(literal_cell(result.period))
        value = literal_cell(value_text(result, indicator, lang))
        fraction = Cell(_fraction(result, lang))
        rows = Cell(f"{result.rows_used}/{result.rows_used + result.rows_skipped}")
        target = literal_cell(target_text(result.target, indicator.unit or "", lang))
        status = Cell(status_label(result, lang), STATUS_STYLE.get(result.status or "", ""))
        numbers = [fraction, rows, *([Cell(units)] if with_reported else [])]
        judged = [target, status] if verdicts else []
        wide.rows.append([*first, value, *judged, *numbers])
        lines.append((first, value, target, status, numbers))

    def middle() -> Layout:
        layout = Layout(paired)
        for first, value, target, status, numbers in lines:
            judged = [target, status] if verdicts else []
            layout.rows.append([*first, value, *judged, _stack(*numbers)])
        return layout

    def narrow() -> Layout:
        layout = Layout(stacked)
        for first, value, target, status, numbers in lines:
            together = [_stack(value, *numbers)]
            if verdicts:
                together.append(_stack(target, status))
            layout.rows.append([*first, *together])
        return layout

    return [wide, middle, narrow]


def _stack(*cells: Cell) -> Cell:
    """Cells one above the other in one cell, in the style of the last (the verdict)."""
    return Cell("\n".join(cell.plain for cell in cells), cells[-1].style)


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

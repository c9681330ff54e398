"""Text exports (JSON, CSV, Markdown) and the result and finding rows that every export shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ycs.errors import Finding, Severity
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import Indicator, Plan
from ycs.indicators.evaluation import WHOLE_INPUT
from ycs.present.messages import (
    Lang,
    count_words,
    deadline_label,
    field_label,
    finding_message,
    label,
    localised_name,
    target_text,
    with_unit,
)
from ycs.present.messages import format_number as number_text
from ycs.present.result_text import json_text, report_json, results_csv
from ycs.present.results_table import (
    RESULT_COLUMNS,
    Cell,
    ColumnKind,
    CsvStyle,
    finite,
    neutralise,
    result_headings,
    sorted_findings,
)
from ycs.present.shown import markdown_text
from ycs.report import Report

__all__ = [
    "RESULT_COLUMNS",
    "Cell",
    "ColumnKind",
    "CsvStyle",
    "finite",
    "json_text",
    "localised_name",
    "neutralise",
    "report_json",
    "result_headings",
    "results_csv",
    "sorted_findings",
]


# Charts beyond this many bars are unreadable; the tables still list every row.
CHART_MAX_ROWS = 60
# A summarised finding lists this many of its rows before "… (+N)".
ROWS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class ResultLine:
    """A result with the names and formatting of its plan and indicator."""

    result: Result
    plan: str | None
    indicator: str
    unit: str
    decimals: int
    # "75/168 xã": the units reported of those expected behind the value ("" if unknown).
    reported: str = ""


@dataclass(frozen=True, slots=True)
class PlanSection:
    """One plan's heading and its results, in the order the report lists them."""

    plan_id: str
    name: str
    document: str
    year: int | None
    lines: list[ResultLine]
    # What the plan asks that this report does not judge: targets judged at another level
    # only ("Số kỹ thuật được chuyển giao: chỉ đánh giá ở cấp tỉnh") and its other targets.
    notes: list[str] = field(default_factory=list)


FINDING_COLUMNS = ("severity", "code", "file", "sheet", "cell", "field", "cell_value", "message")


def plan_sections(report: Report, lang: Lang) -> list[PlanSection]:
    """Results grouped by plan: the chosen plans first, in the order they were asked for."""
    grouped: dict[str, list[ResultLine]] = {plan: [] for plan in report.plans}
    for line in result_lines(report, lang):
        if line.result.plan is not None:
            grouped.setdefault(line.result.plan, []).append(line)
    plans = report.definitions.plans if report.definitions else {}
    sections = []
    for plan_id, lines in grouped.items():
        plan = plans.get(plan_id)
        name = localised_name(plan, plan_id, lang)
        if plan is None:
            year = lines[0].result.year if lines else None
            sections.append(PlanSection(plan_id, name, "", year, lines))
        else:
            notes = plan_notes(report, plan, lang)
            sections.append(PlanSection(plan_id, name, plan.document, plan.year, lines, notes))
    return sections


def plan_notes(report: Report, plan: Plan, lang: Lang) -> list[str]:
    """That no input row lies in the plan's territory, or the plan's targets judged at another
    level than the report's; then its other targets."""
    if plan.id in report.plans_without_rows:
        return [no_rows_line(report, plan.id, lang)]
    notes = []
    indicators = report.definitions.indicators if report.definitions else {}
    for indicator_id, target in plan.targets.items():
        if target.level is not None and target.level != report.level:
            name = localised_name(indicators.get(indicator_id), indicator_id, lang)
            level = label(target.level, lang).lower()
            notes.append(f"{name}: {label('judged_only_at', lang, level=level)}")
    notes += [f"{text}: {label('not_assessed', lang).lower()}" for text in plan.other_targets]
    return notes


def no_rows_line(report: Report, plan_id: str, lang: Lang) -> str:
    """The one line of a plan named with --plan whose territory holds no input row: the
    message of its `plan_without_rows` finding."""
    for finding in report.findings:
        if finding.code == "plan_without_rows" and finding.value == plan_id:
            return finding_message(finding, lang)
    return plan_id


def other_section(report: Report, lang: Lang) -> PlanSection | None:
    """The indicators that no chosen plan judges ("Các chỉ số khác"), None when there are
    none or when plans were named on the command line."""
    if report.plans_chosen:
        return None
    lines = [line for line in result_lines(report, lang) if line.result.plan is None]
    if not lines:
        return None
    return PlanSection("", label("other_indicators", lang), "", None, lines)


def result_lines(report: Report, lang: Lang) -> list[ResultLine]:
    definitions = report.definitions
    lines = []
    for result in report.results or ():
        plan = definitions.plans.get(result.plan) if definitions and result.plan else None
        indicator = definitions.indicators.get(result.indicator) if definitions else None
        plan_name = None if result.plan is None else localised_name(plan, result.plan, lang)
        name = localised_name(indicator, result.indicator, lang)
        unit = (indicator.unit or "") if indicator else ""
        decimals = indicator.decimals if indicator else 1
        reported = reported_units(result, indicator, lang)
        lines.append(ResultLine(result, plan_name, name, unit, decimals, reported))
    return lines


def reported_units(result: Result, indicator: Indicator | None, lang: Lang) -> str:
    """ "75/168 xã": units reported of those expected behind a result (communes, or legacy
    districts for a district-sheet indicator); "" where the registry cannot say."""
    if result.units_expected is None or result.units_reported is None:
        return ""
    sheet = indicator.sheet if indicator is not None else "commune"
    word = label("units_district" if sheet == "district" else "units_commune", lang)
    return f"{result.units_reported}/{result.units_expected} {word}"


def result_cells(line: ResultLine, lang: Lang) -> list[Cell]:
    """The long table's row, numbers unrounded; the target as its number."""
    result = line.result
    cells: dict[str, Cell] = {
        "plan_id": result.plan or "",
        "plan": line.plan or "",
        "indicator_id": result.indicator,
        "indicator": line.indicator,
        "level": label(result.level, lang),
        "unit_code": result.unit_code,
        "unit_name": result.unit_name or "",
        "period": result.period,
        "value": finite(result.value),
        "annualized_value": finite(result.annualized_value),
        "months_covered": result.months_covered,
        "value_low": finite(result.value_low),
        "value_high": finite(result.value_high),
        "unit": line.unit,
        "numerator": finite(result.numerator),
        "denominator": finite(result.denominator),
        "target": None if result.target is None else result.target.value,
        "deadline": result.year,
        "deadline_status": deadline_label(result.before_deadline, result.year, lang)
        if result.year is not None
        else "",
        "status_code": result.status or "",
        "status": status_label(result, lang),
        "rows_used": result.rows_used,
        "rows_skipped": result.rows_skipped,
        "units_unknown": result.units_unknown,
        "expected_units": result.units_expected,
        "reported_units": result.units_reported,
    }
    return [cells[key] for key, _ in RESULT_COLUMNS]


def finding_headings(lang: Lang) -> list[str]:
    return [label(key, lang) for key in FINDING_COLUMNS]


def finding_cells(finding: Finding, lang: Lang) -> list[str]:
    return [
        label(finding.severity.value, lang),
        finding.code,
        finding.file or "",
        finding.sheet or "",
        cell_reference(finding),
        field_label(finding.field, lang),
        finding.value or "",
        finding_message(finding, lang),
    ]


def finding_counts(findings: Sequence[Finding], lang: Lang) -> str:
    """ "Lỗi: 2 · Cảnh báo: 1 · Thông tin: 0"."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return " · ".join(f"{label(s.value, lang)}: {n}" for s, n in counts.items())


def cell_reference(finding: Finding) -> str:
    """Where to look in the workbook, Excel-style: "Xã!F14", "'Biểu xã'!F14, F15"."""
    rows = finding.rows or ((finding.row,) if finding.row is not None else ())
    cells = [f"{finding.column or ''}{row}" for row in rows[:ROWS_SHOWN]]
    if not cells and finding.column:
        cells = [finding.column]
    text = ", ".join(cells)
    if len(rows) > ROWS_SHOWN:
        text += f" … (+{len(rows) - ROWS_SHOWN})"
    if finding.sheet and text:
        sheet = finding.sheet
        if not sheet.replace("_", "").isalnum():
            sheet = "'" + sheet.replace("'", "''") + "'"
        text = f"{sheet}!{text}"
    return text


def format_number(value: float | None, decimals: int, lang: Lang) -> str:
    """ "1.234,5" in Vietnamese, "1,234.5" in English; "" for no value."""
    value = finite(value)
    return "" if value is None else number_text(value, decimals, lang)


def shows_range(result: Result) -> bool:
    """Whether the result is shown as the range its unknown units allow: that range, not the
    value from the known units, decides an undetermined verdict."""
    return result.status == "undetermined" and result.value_low is not None


def status_label(result: Result, lang: Lang, *, shown_range: str = "") -> str:
    """ "Đạt", "Chưa đạt", "Chưa xác định (2 đơn vị chưa rõ)"; "" without a target.
    `shown_range` goes after the status ("Chưa xác định 39,3–94,6% (…)")."""
    if result.status is None:
        return ""
    text = label(result.status, lang)
    if shown_range:
        text += f" {shown_range}"
    if result.status == "undetermined" and result.units_unknown:
        text += f" ({count_words('count.units_unknown', result.units_unknown, lang)})"
    return text


def verdict_text(line: ResultLine, lang: Lang) -> str:
    """The status with the range that decides it when it is undetermined, for outputs whose
    value cell is a number: "Chưa xác định 39,3–94,6% (93 đơn vị chưa rõ)"."""
    shown = value_text(line, lang) if shows_range(line.result) else ""
    return status_label(line.result, lang, shown_range=shown)


def value_text(line: ResultLine, lang: Lang) -> str:
    """The value compared with the target; on part-year data, annualised and marked so;
    for an undetermined verdict the range the unknown units allow, "82,6–91,3%", which is
    what decides it."""
    result = line.result
    if shows_range(result):
        low = format_number(result.value_low, line.decimals, lang)
        high = format_number(result.value_high, line.decimals, lang)
        return with_unit(f"{low}–{high}", line.unit)
    raw = with_unit(format_number(result.value, line.decimals, lang), line.unit)
    if result.annualized_value is None:
        return raw
    annualised = with_unit(format_number(result.annualized_value, line.decimals, lang), line.unit)
    return label("annualised_value", lang, value=annualised, raw=raw, months=result.months_covered)


def deadline_heading(year: int, results: Iterable[Result], lang: Lang) -> str:
    """ "Thời hạn: 2025 (còn thời hạn đến 2025)" when every result stands the same way."""
    heading = f"{label('deadline', lang)}: {year}"
    timing = {r.before_deadline for r in results}
    if len(timing) == 1:
        state = deadline_label(timing.pop(), year, lang)
        if state:
            heading += f" ({state})"
    return heading


def unit_display(result: Result, lang: Lang) -> str:
    """The unit's name, its code if it has none, or "all data" for input without codes."""
    if result.unit_code == WHOLE_INPUT:
        return label("whole_input", lang)
    return result.unit_name or result.unit_code


def results_markdown(report: Report, lang: Lang, heading: Sequence[str] = ()) -> str:
    """One table per plan, then a summary of the data checks; under `heading` (the report
    heading's rows: organisation, title, what it covers, what was reported and when) when
    given, else under a plain title."""
    parts = _markdown_heading(heading) if heading else [f"# {label('results', lang)}"]
    sections = plan_sections(report, lang)
    others = other_section(report, lang)
    for section in [*sections, *([others] if others else [])]:
        parts.append(_markdown_plan(section, lang))
    parts.append(_markdown_findings(report.findings, lang))
    return "\n\n".join(parts) + "\n"


def _markdown_heading(rows: Sequence[str]) -> list[str]:
    organisation, title, *lines = rows
    parts = [f"**{_markdown_cell(organisation)}**"] if organisation else []
    parts.append(f"# {_markdown_cell(title)}")
    # Two spaces end a line inside a Markdown paragraph.
    body = "  \n".join(_markdown_cell(line) for line in lines if line)
    return [*parts, *([body] if body else [])]


def _markdown_plan(section: PlanSection, lang: Lang) -> str:
    heading = [section.name]
    if section.document:
        heading.append(section.document)
    if section.year is not None:
        heading.append(deadline_heading(section.year, (x.result for x in section.lines), lang))
    keys = ["indicator", "period", "unit_name", "value", "target", "status"]
    # Units reported of those expected, beside every value that the registry can say it of.
    with_reported = any(line.reported for line in section.lines)
    keys += ["reported_short"] if with_reported else []
    rows = [
        [
            line.indicator,
            line.result.period,
            unit_display(line.result, lang),
            value_text(line, lang),
            target_text(line.result.target, line.unit, lang),
            status_label(line.result, lang),
            *([line.reported] if with_reported else []),
        ]
        for line in section.lines
    ]
    right = (3, 4, 6) if with_reported else (3, 4)
    table = _markdown_table([label(k, lang) for k in keys], rows, right=right)
    notes = "".join(f"\n\n- {_markdown_cell(note)}" for note in section.notes)
    # A plan without a row in its territory has its one line, not an empty table.
    body = f"\n\n{table}" if section.lines else ""
    return f"## {_markdown_cell(' — '.join(heading))}{body}{notes}"


def _markdown_findings(findings: Sequence[Finding], lang: Lang) -> str:
    heading = f"## {label('findings', lang)}"
    if not findings:
        return f"{heading}\n\n{label('no_findings', lang)}"
    keys = ("severity", "code", "file", "cell", "field", "cell_value", "message")
    rows = []
    for finding in sorted_findings(findings):
        cells = dict(zip(FINDING_COLUMNS, finding_cells(finding, lang), strict=True))
        rows.append([cells[key] for key in keys])
    table = _markdown_table([label(k, lang) for k in keys], rows)
    return f"{heading}\n\n{finding_counts(findings, lang)}\n\n{table}"


def _markdown_table(
    headings: Sequence[str], rows: Iterable[Sequence[str]], right: tuple[int, ...] = ()
) -> str:
    rule = ["---:" if i in right else "---" for i in range(len(headings))]
    lines = [headings, rule, *rows]
    return "\n".join("| " + " | ".join(_markdown_cell(c) for c in line) + " |" for line in lines)


def _markdown_cell(text: str) -> str:
    """A pipe would end the cell, a line break the row, a bracket start a link."""
    return markdown_text(text)

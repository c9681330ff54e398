"""Text exports (JSON, CSV, Markdown) and the result and finding rows that every export shows."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import orjson

from ycs import __version__
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
    round_half_up,
    target_text,
    with_unit,
)
from ycs.present.messages import format_number as number_text
from ycs.present.shown import markdown_text, visible
from ycs.report import Report

Cell = str | float | int | None
ColumnKind = Literal["text", "value", "number", "count", "target"]
CsvStyle = Literal["excel", "plain"]

# Charts beyond this many bars are unreadable; the tables still list every row.
CHART_MAX_ROWS = 60
# A summarised finding lists this many of its rows before "… (+N)".
ROWS_SHOWN = 10
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


# The long results table shared by the CSV and the workbook. The id columns keep ASCII
# headings in every language so that scripts can find them.
RESULT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("plan_id", "text"),
    ("plan", "text"),
    ("indicator_id", "text"),
    ("indicator", "text"),
    ("level", "text"),
    ("unit_code", "text"),
    ("unit_name", "text"),
    ("period", "text"),
    ("value", "value"),
    ("annualized_value", "value"),
    ("months_covered", "count"),
    ("unit", "text"),
    ("numerator", "number"),
    ("denominator", "number"),
    ("target", "target"),
    ("deadline", "count"),
    ("deadline_status", "text"),
    ("status_code", "text"),
    ("status", "text"),
    ("rows_used", "count"),
    ("rows_skipped", "count"),
    # The bounds of a share of counted units when some are unknown (SPEC §4.2).
    ("value_low", "value"),
    ("value_high", "value"),
    ("units_unknown", "count"),
    # The units behind the value (SPEC §7.3): communes, or legacy districts for a
    # district-sheet indicator; empty where the registry cannot say.
    ("expected_units", "count"),
    ("reported_units", "count"),
)
_ASCII_HEADINGS = frozenset({"plan_id", "indicator_id", "status_code"})

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


def result_headings(lang: Lang) -> list[str]:
    return [key if key in _ASCII_HEADINGS else label(key, lang) for key, _ in RESULT_COLUMNS]


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


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then information; within each by file, sheet and row."""
    return sorted(findings, key=Finding.sort_key)


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


def finite(value: float | None) -> float | None:
    """The number, or None for missing, NaN and infinity (JSON has no NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def format_number(value: float | None, decimals: int, lang: Lang) -> str:
    """ "1.234,5" in Vietnamese, "1,234.5" in English; "" for no value."""
    value = finite(value)
    return "" if value is None else number_text(value, decimals, lang)


def status_label(result: Result, lang: Lang) -> str:
    """ "Đạt", "Chưa đạt", "Chưa xác định (2 đơn vị chưa rõ)"; "" without a target."""
    if result.status is None:
        return ""
    text = label(result.status, lang)
    if result.status == "undetermined" and result.units_unknown:
        text += f" ({count_words('count.units_unknown', result.units_unknown, lang)})"
    return text


def value_text(line: ResultLine, lang: Lang) -> str:
    """The value compared with the target; on part-year data, annualised and marked so;
    for an undetermined verdict the range the unknown units allow, "82,6–91,3%", which is
    what decides it."""
    result = line.result
    if result.status == "undetermined" and result.value_low is not None:
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


def report_json(report: Report, lang: Lang) -> dict[str, object]:
    """The SPEC §5.1 object; `results` only when the report has them (not for validate)."""
    document: dict[str, object] = {
        "ycs_version": __version__,
        "inputs": [
            {"file": i.file, "sheet": i.sheet, "kind": i.kind, "rows": i.rows}
            for i in report.inputs
        ],
        "findings": [_finding_json(f, lang) for f in sorted_findings(report.findings)],
    }
    document["coverage"] = [
        {
            "level": c.level,
            "unit_code": c.unit_code,
            "unit_name": c.unit_name,
            "period": c.period,
            "units": c.units,
            "expected": c.expected,
            "reported": c.reported,
            "missing": list(c.missing),
        }
        for c in report.coverage
    ]
    if report.results is not None:
        document["results"] = [_result_json(r) for r in report.results]
    return document


def _finding_json(finding: Finding, lang: Lang) -> dict[str, object]:
    item: dict[str, object] = {
        "severity": finding.severity.value,
        "code": finding.code,
        "file": finding.file,
        "sheet": finding.sheet,
        "row": finding.row,
        "column": finding.column,
        "field": finding.field,
        "value": finding.value,
        "message": finding_message(finding, lang),
    }
    if finding.rows is not None:
        item["rows"] = list(finding.rows)
    return item


def _result_json(result: Result) -> dict[str, object]:
    return {
        "plan": result.plan,
        "indicator": result.indicator,
        "level": result.level,
        "unit_code": result.unit_code,
        "unit_name": result.unit_name,
        "period": result.period,
        "value": finite(result.value),
        "numerator": finite(result.numerator),
        "denominator": finite(result.denominator),
        "annualized_value": finite(result.annualized_value),
        "months_covered": result.months_covered,
        "value_low": finite(result.value_low),
        "value_high": finite(result.value_high),
        "target": None
        if result.target is None
        else {"op": result.target.op, "value": result.target.value, "year": result.year},
        "status": result.status,
        "rows_used": result.rows_used,
        "rows_skipped": result.rows_skipped,
        "units_expected": result.units_expected,
        "units_reported": result.units_reported,
        "before_deadline": result.before_deadline,
    }


def json_text(report: Report, lang: Lang) -> str:
    """The JSON document as compact UTF-8 text; orjson writes a national year of results
    several times faster than the standard library."""
    return orjson.dumps(report_json(report, lang)).decode() + "\n"


def results_csv(report: Report, lang: Lang, style: CsvStyle = "excel") -> str:
    """One row per result; values rounded to the indicator's decimals, text never a formula.

    "excel" is what Excel in a Vietnamese locale opens by a double-click: `;` between cells
    and a decimal comma. "plain" is `,` and `.`, for scripts and other locales.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if style == "excel" else ",", lineterminator="\r\n")
    writer.writerow(result_headings(lang))
    comma = style == "excel"
    for line in result_lines(report, lang):
        cells = result_cells(line, lang)
        writer.writerow(
            _csv_cell(cell, kind, line, comma)
            for cell, (_, kind) in zip(cells, RESULT_COLUMNS, strict=True)
        )
    return buffer.getvalue()


def _csv_cell(cell: Cell, kind: ColumnKind, line: ResultLine, comma: bool) -> Cell:
    if isinstance(cell, str):
        return neutralise(cell)
    if cell is None:
        return ""
    if kind == "target" and line.result.target is not None:
        return f"{line.result.target.op} {_plain(cell, comma)}"
    if kind == "value":
        cell = round_half_up(cell, line.decimals)
    return _plain(cell, comma)


def _plain(number: float, comma: bool = False) -> str:
    """1234.0 → "1234", so whole numbers read as whole numbers; no thousands separator,
    which a spreadsheet would read as text; a decimal comma for Vietnamese Excel."""
    text = str(int(number)) if float(number).is_integer() else repr(float(number))
    return text.replace(".", ",") if comma else text


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def results_markdown(report: Report, lang: Lang) -> str:
    """One table per plan, then a summary of the data checks."""
    parts = [f"# {label('results', lang)}"]
    sections = plan_sections(report, lang)
    others = other_section(report, lang)
    for section in [*sections, *([others] if others else [])]:
        parts.append(_markdown_plan(section, lang))
    parts.append(_markdown_findings(report.findings, lang))
    return "\n\n".join(parts) + "\n"


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

"""Report exports chosen by file suffix, and the Excel workbook for readers who do not run ycs.

The workbook is written by XlsxWriter, which streams cells to the file several times faster
than openpyxl builds them: a national year of results is about 500,000 cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ycs.compliance import Status
from ycs.definitions import Target
from ycs.errors import YcsError
from ycs.export_html import report_html
from ycs.export_text import (
    CHART_MAX_ROWS,
    OPERATOR_SYMBOLS,
    RESULT_COLUMNS,
    Cell,
    ColumnKind,
    PlanSection,
    deadline_heading,
    finding_cells,
    finding_headings,
    json_text,
    plan_sections,
    report_json,
    result_cells,
    result_headings,
    result_lines,
    results_csv,
    results_markdown,
    sorted_findings,
    target_decimals,
    unit_display,
)
from ycs.messages import Lang, label
from ycs.output import write_atomically
from ycs.report import Report
from ycs.text import shown_path

__all__ = [
    "json_text",
    "report_html",
    "report_json",
    "results_csv",
    "results_markdown",
    "write_report",
    "write_workbook",
]

# The colours of Excel's built-in "Good" and "Bad" cell styles, so they read as usual, and
# grey for missing data: (fill, font).
_STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    "met": ("#C6EFCE", "#006100"),
    "not_met": ("#FFC7CE", "#9C0006"),
    "no_data": ("#D9D9D9", "#404040"),
}
_STATUS_CHART: dict[Status, str] = {"met": "#2E7D32", "not_met": "#C62828", "no_data": "#9E9E9E"}
_SEVERITY_FONTS = {"error": "#9C0006", "warning": "#9C5700"}
_HEADER_FILL = "#DDEBF7"
# Characters the file format cannot hold (as openpyxl defines them), and a cell's limit.
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_EXCEL_MAX_TEXT = 32767
# Rows of one worksheet in Excel.
EXCEL_MAX_ROWS = 1_048_576
# Rows of a plan sheet above its table (1-based): title, document and deadline, a blank line.
_PLAN_HEADER_ROW = 4
_SUMMARY_KEYS = ("indicator", "unit", "period", "unit_name", "value", "target", "status")
_PLAN_WIDTHS = (50, 12, 10, 24, 12, 12, 14)
_FINDING_WIDTHS = (10, 24, 24, 14, 14, 28, 20, 70)
# Points per line of 11-point text: Excel and LibreOffice leave a row's height as written in
# the file, so a row whose wrapped text needs more lines must say so itself.
_LINE_HEIGHT = 15
# Pixels per centimetre, for the chart's size.
_PX_PER_CM = 37.8


def write_report(report: Report, path: Path, lang: Lang, inputs: Collection[Path] = ()) -> None:
    """Write `report` in the format named by the suffix of `path`, never over an input."""
    suffix = path.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        _check_sheet_rows(report, path)
        write = partial(write_workbook, report, lang=lang)
    elif suffix in _TEXT_FORMATS:
        render, encoding = _TEXT_FORMATS[suffix]
        write = partial(_write_text, content=render(report, lang), encoding=encoding)
    else:
        raise YcsError("unsupported_output", suffix=suffix or path.name)
    write_atomically(path, write, inputs)


def _check_sheet_rows(report: Report, path: Path) -> None:
    """Results or findings that cannot fit one worksheet stop the run before any is written,
    rather than minutes later halfway through the workbook (commune level, national data)."""
    lines = max(len(report.results or ()), len(report.findings))
    if lines + 1 > EXCEL_MAX_ROWS:
        raise YcsError(
            "too_many_rows_for_xlsx",
            path=shown_path(path),
            rows=f"{lines:,}".replace(",", "."),
            limit=f"{EXCEL_MAX_ROWS - 1:,}".replace(",", "."),
        )


# The CSV carries a BOM: without it Excel reads UTF-8 Vietnamese as mojibake.
_TEXT_FORMATS: dict[str, tuple[Callable[[Report, Lang], str], str]] = {
    ".csv": (results_csv, "utf-8-sig"),
    ".json": (json_text, "utf-8"),
    ".md": (results_markdown, "utf-8"),
    ".html": (report_html, "utf-8"),
}


def _write_text(path: Path, *, content: str, encoding: str) -> None:
    path.write_text(content, encoding=encoding, newline="")


def write_workbook(report: Report, path: Path, *, lang: Lang) -> None:
    """A sheet per plan, the long results sheet and the data checks (only these for validate)."""
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    try:
        with xlsxwriter.Workbook(str(path), options) as workbook:
            formats = _Formats(workbook)
            fixed = [label("results", lang), label("findings", lang)]
            taken = {name.casefold() for name in fixed}
            if report.results is not None:
                for section in plan_sections(report, lang):
                    name = sheet_name(section.plan_id, taken)
                    _plan_sheet(workbook, workbook.add_worksheet(name), formats, section, lang)
                _results_sheet(workbook.add_worksheet(fixed[0]), formats, report, lang)
            _findings_sheet(workbook.add_worksheet(fixed[1]), formats, report, lang)
    except FileCreateError as exc:
        # XlsxWriter wraps the OSError of a full disk or a vanished folder; callers expect it.
        raise OSError(str(exc)) from exc


class _Formats:
    """Each cell format made once: a workbook holds a few dozen, whatever its size."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.made: dict[tuple[str, str | None], Any] = {}

    def get(self, style: str, number_format: str | None = None) -> Any:
        key = (style, number_format)
        if key not in self.made:
            properties = dict(_STYLES[style])
            if number_format is not None:
                properties["num_format"] = number_format
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


_WRAP = {"text_wrap": True, "valign": "top"}
_STYLES: dict[str, dict[str, object]] = {
    "plain": {},
    "title": {"bold": True, "font_size": 14},
    "heading": {"bold": True, "bg_color": _HEADER_FILL, "text_wrap": True, "valign": "vcenter"},
    "wrapped": _WRAP,
    **{
        f"severity {level}": {"bold": True, "font_color": colour, **_WRAP}
        for level, colour in _SEVERITY_FONTS.items()
    },
    **{
        f"status {status}": {"bg_color": fill, "font_color": font}
        for status, (fill, font) in _STATUS_COLOURS.items()
    },
}


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A legal, unique (case-insensitively) sheet name of at most 31 characters."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in wanted).strip("'")[:31] or "_"
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        suffix = f"~{number}"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _plan_sheet(
    workbook: Any, sheet: Any, formats: _Formats, section: PlanSection, lang: Lang
) -> None:
    _put(sheet, 0, 0, section.name, formats.get("title"))
    details = [section.document] if section.document else []
    if section.year is not None:
        details.append(deadline_heading(section.year, (x.result for x in section.lines), lang))
    _put(sheet, 1, 0, " · ".join(details), formats.get("plain"))
    header = _PLAN_HEADER_ROW - 1
    _write_headings(sheet, formats, header, [label(k, lang) for k in _SUMMARY_KEYS])
    wrapped = formats.get("wrapped")
    for row, line in enumerate(section.lines, start=header + 1):
        result = line.result
        period = result.period
        if result.annualized_value is not None:
            # The value column holds the annualised value: the period cell says so.
            period += f" ({label('annualised', lang)}, {result.months_covered}/12)"
        texts = (line.indicator, line.unit, period, unit_display(result, lang))
        for column, text in enumerate(texts):
            _put(sheet, row, column, text, wrapped)
        value_format = formats.get("plain", _decimals_format(line.decimals))
        _put(sheet, row, 4, result.compared_value, value_format)
        target_format = formats.get("plain", _target_format(result.target))
        _put(sheet, row, 5, result.target.value, target_format)
        _put(sheet, row, 6, label(result.status, lang), formats.get(f"status {result.status}"))
        _fit_row_height(sheet, row, texts, _PLAN_WIDTHS)
    last = header + len(section.lines)
    _finish_table(sheet, header, last, len(_SUMMARY_KEYS), _PLAN_WIDTHS)
    if 0 < len(section.lines) <= CHART_MAX_ROWS:
        sheet.insert_chart(last + 2, 0, _chart(workbook, sheet.name, section, lang))


def _chart(workbook: Any, name: str, section: PlanSection, lang: Lang) -> Any:
    """Value against target per indicator; each value bar in its status colour."""
    first, last = _PLAN_HEADER_ROW + 1, _PLAN_HEADER_ROW + len(section.lines)
    sheet = "'" + name.replace("'", "''") + "'"

    def cells(column: str, top: int, bottom: int) -> str:
        return f"={sheet}!${column}${top}:${column}${bottom}"

    def heading(column: str) -> str:
        return f"={sheet}!${column}${_PLAN_HEADER_ROW}"

    chart = workbook.add_chart({"type": "bar"})
    categories = cells("A", first, last)
    chart.add_series(
        {
            "name": heading("E"),
            "categories": categories,
            "values": cells("E", first, last),
            "points": [
                {"fill": {"color": _STATUS_CHART[line.result.status]}} for line in section.lines
            ],
        }
    )
    chart.add_series(
        {
            "name": heading("F"),
            "categories": categories,
            "values": cells("F", first, last),
            "fill": {"color": "#404040"},
        }
    )
    chart.set_title({"name": f"{label('value', lang)} / {label('target', lang)}"})
    # Rows read top-down as in the table, with the value scale below them and from zero.
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    chart.set_x_axis({"min": 0})
    chart.set_legend({"position": "bottom"})
    height_cm = max(7.5, 1.1 * len(section.lines) + 3)
    chart.set_size({"width": round(24 * _PX_PER_CM), "height": round(height_cm * _PX_PER_CM)})
    return chart


def _results_sheet(sheet: Any, formats: _Formats, report: Report, lang: Lang) -> None:
    headings = result_headings(lang)
    _write_headings(sheet, formats, 0, headings)
    longest = [len(heading) for heading in headings]
    for row, line in enumerate(result_lines(report, lang), start=1):
        cells = result_cells(line, lang)
        status = line.result.status
        for column, (cell, (key, kind)) in enumerate(zip(cells, RESULT_COLUMNS, strict=True)):
            number_format = _result_format(kind, cell, line.decimals, line.result.target)
            style = f"status {status}" if key == "status" else "plain"
            _put(sheet, row, column, cell, formats.get(style, number_format))
            if cell is not None:
                longest[column] = max(longest[column], len(str(cell)))
    widths = [min(max(length * 1.1 + 2, 8), 50) for length in longest]
    _finish_table(sheet, 0, len(report.results or ()), len(headings), widths)


def _result_format(kind: ColumnKind, cell: Cell, decimals: int, target: Target) -> str | None:
    if kind == "value":
        return _decimals_format(decimals)
    if kind == "target":
        return _target_format(target)
    if kind == "number":
        return "#,##0" if isinstance(cell, float) and cell.is_integer() else "#,##0.00"
    if kind == "count":
        return "0"
    return None


def _findings_sheet(sheet: Any, formats: _Formats, report: Report, lang: Lang) -> None:
    headings = finding_headings(lang)
    _write_headings(sheet, formats, 0, headings)
    findings = sorted_findings(report.findings)
    wrapped = formats.get("wrapped")
    for row, finding in enumerate(findings, start=1):
        texts = finding_cells(finding, lang)
        level = finding.severity.value
        first = formats.get(f"severity {level}") if level in _SEVERITY_FONTS else wrapped
        for column, text in enumerate(texts):
            _put(sheet, row, column, text, first if column == 0 else wrapped)
        _fit_row_height(sheet, row, texts, _FINDING_WIDTHS)
    if not findings:
        _put(sheet, 1, 0, label("no_findings", lang), formats.get("plain"))
    _finish_table(sheet, 0, len(findings), len(headings), _FINDING_WIDTHS)


def _write_headings(sheet: Any, formats: _Formats, row: int, headings: Sequence[str]) -> None:
    for column, heading in enumerate(headings):
        _put(sheet, row, column, heading, formats.get("heading"))


def _finish_table(
    sheet: Any, header: int, last: int, columns: int, widths: Sequence[float]
) -> None:
    """Freeze the heading row, switch the filter on, size the columns, print on A4 pages.
    Rows are 0-based, as XlsxWriter counts them."""
    sheet.freeze_panes(header + 1, 0)
    sheet.repeat_rows(header)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    # As wide as one page, as many pages long as needed.
    sheet.fit_to_pages(1, 0)
    sheet.autofilter(header, 0, max(last, header), columns - 1)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)


def _fit_row_height(sheet: Any, row: int, values: Iterable[Cell], widths: Sequence[float]) -> None:
    """A row tall enough for its wrapped text (a width unit holds about one character)."""
    lines = max(
        (
            math.ceil(len(value) / max(width - 1, 1))
            for value, width in zip(values, widths, strict=False)
            if isinstance(value, str)
        ),
        default=1,
    )
    if lines > 1:
        sheet.set_row(row, _LINE_HEIGHT * lines)


def _put(sheet: Any, row: int, column: int, value: Cell, cell_format: Any) -> None:
    if value == "":
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        # Always a string cell: input text that starts with "=" is never a formula.
        sheet.write_string(row, column, _excel_text(value), cell_format)
    elif value is None:
        sheet.write_blank(row, column, None, cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def _excel_text(text: str) -> str:
    """Control characters are illegal in the file format, and cells hold 32,767 characters."""
    return _ILLEGAL_CHARACTERS.sub("", text)[:_EXCEL_MAX_TEXT]


def _decimals_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals > 0 else "0"


def _target_format(target: Target) -> str:
    """The number with its operator in front, e.g. ≥ 100, so the cell stays a number."""
    return f'"{OPERATOR_SYMBOLS[target.op]} "{_decimals_format(target_decimals(target))}'

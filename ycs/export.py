"""Report exports chosen by file suffix, and the Excel workbook for readers who do not run ycs."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

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

__all__ = [
    "json_text",
    "report_html",
    "report_json",
    "report_workbook",
    "results_csv",
    "results_markdown",
    "write_report",
]

# Excel's built-in "Good" and "Bad" cell styles, so the colours read as usual, and a grey
# one for missing data. Named styles are also much cheaper to apply than per-cell fonts.
STATUS_STYLES: dict[Status, str] = {"met": "Good", "not_met": "Bad", "no_data": "ycs no data"}
_STATUS_CHART: dict[Status, str] = {"met": "2E7D32", "not_met": "C62828", "no_data": "9E9E9E"}
_WRAPPED = "ycs wrapped"
_SEVERITY_STYLES = {"error": "ycs error", "warning": "ycs warning"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_EXCEL_MAX_TEXT = 32767
# Rows of one worksheet in Excel (and in openpyxl, which refuses to go further).
EXCEL_MAX_ROWS = 1_048_576
# Rows of a plan sheet above its table: title, document and deadline, a blank line.
_PLAN_HEADER_ROW = 4
_SUMMARY_KEYS = ("indicator", "unit", "period", "unit_name", "value", "target", "status")


def write_report(report: Report, path: Path, lang: Lang, inputs: Collection[Path] = ()) -> None:
    """Write `report` in the format named by the suffix of `path`, never over an input."""
    suffix = path.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        _check_sheet_rows(report, path)
        write = report_workbook(report, lang).save
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
            path=str(path),
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


def report_workbook(report: Report, lang: Lang) -> Workbook:
    """A sheet per plan, the long results sheet and the data checks (only these for validate)."""
    workbook = Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    _add_styles(workbook)
    fixed = [label("results", lang), label("findings", lang)]
    taken = {name.casefold() for name in fixed}
    if report.results is not None:
        for section in plan_sections(report, lang):
            name = sheet_name(section.plan_id, taken)
            _plan_sheet(workbook.create_sheet(name), section, lang)
        _results_sheet(workbook.create_sheet(fixed[0]), report, lang)
    _findings_sheet(workbook.create_sheet(fixed[1]), report, lang)
    return workbook


def _add_styles(workbook: Workbook) -> None:
    grey = PatternFill("solid", fgColor="D9D9D9")
    for style in (
        NamedStyle(STATUS_STYLES["no_data"], fill=grey, font=Font(color="404040")),
        NamedStyle(_WRAPPED, alignment=_WRAP),
        NamedStyle(
            _SEVERITY_STYLES["error"], font=Font(bold=True, color="9C0006"), alignment=_WRAP
        ),
        NamedStyle(
            _SEVERITY_STYLES["warning"], font=Font(bold=True, color="9C5700"), alignment=_WRAP
        ),
    ):
        workbook.add_named_style(style)


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


def _plan_sheet(sheet: Worksheet, section: PlanSection, lang: Lang) -> None:
    _put(sheet, 1, 1, section.name).font = Font(bold=True, size=14)
    details = [section.document] if section.document else []
    if section.year is not None:
        details.append(f"{label('deadline', lang)}: {section.year}")
    _put(sheet, 2, 1, " · ".join(details))
    header = _PLAN_HEADER_ROW
    _write_headings(sheet, header, [label(k, lang) for k in _SUMMARY_KEYS])
    for offset, line in enumerate(section.lines, start=1):
        result = line.result
        row = header + offset
        for column, text in enumerate(
            (line.indicator, line.unit, result.period, unit_display(result, lang)), start=1
        ):
            _put(sheet, row, column, text, style=_WRAPPED)
        _put(sheet, row, 5, result.value, number_format=_decimals_format(line.decimals))
        _put(sheet, row, 6, result.target.value, number_format=_target_format(result.target))
        _status_cell(sheet, row, 7, result.status, lang)
    last = header + len(section.lines)
    _finish_table(sheet, header, last, widths=(50, 12, 10, 24, 12, 12, 14))
    if 0 < len(section.lines) <= CHART_MAX_ROWS:
        sheet.add_chart(_chart(sheet, section, lang), f"A{last + 3}")


def _chart(sheet: Worksheet, section: PlanSection, lang: Lang) -> BarChart:
    """Value against target per indicator; each value bar in its status colour."""
    header, count = _PLAN_HEADER_ROW, len(section.lines)
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"{label('value', lang)} / {label('target', lang)}"
    data = Reference(sheet, min_col=5, max_col=6, min_row=header, max_row=header + count)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=header + count))
    values, targets = chart.series
    for index, line in enumerate(section.lines):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = _STATUS_CHART[line.result.status]
        values.dPt.append(point)
    targets.graphicalProperties.solidFill = "404040"
    # Rows read top-down as in the table, with the value scale below them and from zero.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.y_axis.scaling.min = 0
    chart.legend.position = "b"
    # openpyxl hides both axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width = 24
    chart.height = max(7.5, 1.1 * count + 3)
    return chart


def _results_sheet(sheet: Worksheet, report: Report, lang: Lang) -> None:
    _write_headings(sheet, 1, result_headings(lang))
    for row, line in enumerate(result_lines(report, lang), start=2):
        cells = result_cells(line, lang)
        status = STATUS_STYLES[line.result.status]
        for column, (cell, (key, kind)) in enumerate(zip(cells, RESULT_COLUMNS, strict=True), 1):
            number_format = _result_format(kind, cell, line.decimals, line.result.target)
            style = status if key == "status" else None
            _put(sheet, row, column, cell, number_format=number_format, style=style)
    _finish_table(sheet, 1, 1 + len(report.results or ()))


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


def _findings_sheet(sheet: Worksheet, report: Report, lang: Lang) -> None:
    _write_headings(sheet, 1, finding_headings(lang))
    findings = sorted_findings(report.findings)
    for row, finding in enumerate(findings, start=2):
        severity = _SEVERITY_STYLES.get(finding.severity.value, _WRAPPED)
        for column, text in enumerate(finding_cells(finding, lang), start=1):
            _put(sheet, row, column, text, style=severity if column == 1 else _WRAPPED)
    if not findings:
        _put(sheet, 2, 1, label("no_findings", lang))
    _finish_table(sheet, 1, 1 + len(findings), widths=(10, 24, 24, 14, 14, 28, 20, 70))


def _write_headings(sheet: Worksheet, row: int, headings: Sequence[str]) -> None:
    for column, heading in enumerate(headings, start=1):
        cell = _put(sheet, row, column, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish_table(
    sheet: Worksheet, header: int, last: int, widths: Iterable[float] | None = None
) -> None:
    """Freeze the heading row, switch the filter on, size the columns, print on A4 pages."""
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    # As wide as one page, as many pages long as needed.
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(sheet.max_column)}{max(last, header)}"
    sizes = list(widths or _fitted_widths(sheet, header))
    for index, width in enumerate(sizes, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _fit_row_heights(sheet, header + 1, sizes)


# Points per line of 11-point text: Excel and LibreOffice leave a row's height as written in
# the file, so a row whose wrapped text needs more lines must say so itself.
_LINE_HEIGHT = 15


def _fit_row_heights(sheet: Worksheet, first: int, widths: list[float]) -> None:
    """Rows tall enough for their wrapped text (a width unit holds about one character)."""
    for row, values in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        lines = max(
            (
                math.ceil(len(value) / max(width - 1, 1))
                for value, width in zip(values, widths, strict=False)
                if isinstance(value, str)
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[row].height = _LINE_HEIGHT * lines


def _fitted_widths(sheet: Worksheet, header: int) -> list[float]:
    longest = [0] * sheet.max_column
    for row in sheet.iter_rows(min_row=header, values_only=True):
        for index, value in enumerate(row):
            if value is not None:
                longest[index] = max(longest[index], len(str(value)))
    return [min(max(length * 1.1 + 2, 8), 50) for length in longest]


def _status_cell(sheet: Worksheet, row: int, column: int, status: Status, lang: Lang) -> None:
    _put(sheet, row, column, label(status, lang), style=STATUS_STYLES[status])


def _put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: Cell,
    *,
    number_format: str | None = None,
    style: str | None = None,
) -> SheetCell | MergedCell:
    cell = sheet.cell(row, column)
    if style is not None:
        cell.style = style
    if isinstance(value, str):
        cell.value = _excel_text(value)
        # openpyxl stores any text that starts with "=" as a formula; input text never is one.
        cell.data_type = "s"
    else:
        cell.value = value
        if number_format is not None:
            cell.number_format = number_format
    return cell


def _excel_text(text: str) -> str:
    """Control characters are illegal in the file format, and cells hold 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:_EXCEL_MAX_TEXT]


def _decimals_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals > 0 else "0"


def _target_format(target: Target) -> str:
    """The number with its operator in front, e.g. ≥ 100, so the cell stays a number."""
    return f'"{OPERATOR_SYMBOLS[target.op]} "{_decimals_format(target_decimals(target))}'

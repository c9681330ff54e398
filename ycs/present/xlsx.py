"""The Excel report an office forwards: a heading on every sheet, a summary, one sheet per plan,
the long results table and the data checks, laid out and set up to print on A4.

Written by XlsxWriter, which streams cells to the file several times faster than openpyxl
builds them: a national year of results is about 500,000 cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ycs.indicators.compliance import Result, Status
from ycs.indicators.definitions import Target
from ycs.present.document_names import plan_short_name
from ycs.present.heading import (
    ExportOptions,
    Heading,
    coverage_text,
    coverage_total,
    lines_by_unit_type,
    report_heading,
    signature_block,
)
from ycs.present.messages import OPERATOR_SYMBOLS, Lang, label, target_decimals, target_text
from ycs.present.text import (
    CHART_MAX_ROWS,
    RESULT_COLUMNS,
    Cell,
    ColumnKind,
    PlanSection,
    ResultLine,
    deadline_heading,
    finding_cells,
    finding_headings,
    finite,
    plan_sections,
    result_cells,
    result_headings,
    result_lines,
    shows_range,
    sorted_findings,
    unit_display,
    value_text,
    verdict_text,
)
from ycs.present.xlsx_pages import DEFAULT_ROW_HEIGHT, Block, fit_scale, page_breaks
from ycs.read.sources import REPORT_PROPERTY
from ycs.report import Report

# The colours of Excel's built-in "Good" and "Bad" cell styles, so they read as usual, and
# grey for missing data: (fill, font).
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    "met": ("#C6EFCE", "#006100"),
    "not_met": ("#FFC7CE", "#9C0006"),
    "no_data": ("#D9D9D9", "#404040"),
    # Excel's "Neutral" style.
    "undetermined": ("#FFEB9C", "#9C5700"),
}
STATUS_CHART: dict[Status, str] = {
    "met": "#2E7D32",
    "not_met": "#C62828",
    "no_data": "#9E9E9E",
    "undetermined": "#B26A00",
}
_SEVERITY_FONTS = {"error": "#9C0006", "warning": "#9C5700"}
# The font of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP). LibreOffice
# prints it, or its metric twin Liberation Serif, at Excel's widths, so a page laid out
# here breaks where it does in both.
REPORT_FONT = {"font_name": "Times New Roman", "font_size": 11}
_HEADER_FILL = "#DDEBF7"
_BORDER_COLOUR = "#A6A6A6"
# Characters the file format cannot hold (as openpyxl defines them), and a cell's limit.
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_EXCEL_MAX_TEXT = 32767
# Every sheet: the report heading (4 rows), the sheet's own title and details, a blank row,
# then its table's heading row. Fixed, so a script reading a sheet skips the same rows.
HEADER_ROW = 7
# Points per line of 11-point text: Excel and LibreOffice leave a row's height as written in
# the file, so a row whose wrapped text needs more lines must say so itself.
_LINE_HEIGHT = 15
# Default row height in pixels, to place what follows a chart.
_ROW_PX = 20
_PX_PER_CM = 37.8
# Hidden columns beside a plan table that hold each chart's series, split by status so the
# legend names what each colour means.
_CHART_DATA_COLUMN = 30
# The statuses drawn as bars, each a series so that the legend names its colour.
_CHART_STATUSES: tuple[Status, ...] = ("met", "not_met", "undetermined")
_CHART_OFFSET_PX = 4
_RESULTS_MIN_SCALE = 0.75

_SUMMARY_WIDTHS = {
    "number": 5,
    "plan": 24,
    "indicator": 52,
    "period": 9,
    "unit_name": 22,
    "value": 11,
    "target": 11,
    "status": 16,
    "units_met": 16,
    "units_reported": 13,
}
_PLAN_KEYS = (
    "number",
    "indicator",
    "period",
    "unit_name",
    "value",
    "target",
    "status",
    "numerator",
    "denominator",
    "units_reported",
)
_PLAN_WIDTHS = (5, 50, 9, 22, 11, 11, 16, 12, 12, 12)
_FINDING_WIDTHS = (10, 24, 24, 14, 14, 28, 20, 70)
_GRID_FIXED = ("number", "unit_code", "unit_name", "period")
_GRID_FIXED_WIDTHS = (5, 9, 36, 9)
_GRID_INDICATOR_WIDTH = 16


def write_workbook(
    report: Report, path: Path, *, lang: Lang, options: ExportOptions | None = None
) -> None:
    """Summary and plan sheets, the long results and the data checks (only these for validate)."""
    options = options or ExportOptions()
    checked = report.results is not None
    heading = report_heading(report, lang, options, "title_check" if checked else "title_validate")
    try:
        with xlsxwriter.Workbook(str(path), WORKBOOK_SETTINGS) as workbook:
            workbook.set_custom_property(REPORT_PROPERTY, "check" if checked else "validate")
            book = report_book(workbook, heading, lang)
            fixed = [label("summary", lang), label("results", lang), label("findings", lang)]
            taken = {name.casefold() for name in fixed}
            if checked:
                sections = plan_sections(report, lang)
                _summary_sheet(book, book.add(fixed[0]), sections, report.level)
                for section in sections:
                    name = sheet_name(
                        plan_short_name(section.document, section.name, section.year), taken
                    )
                    if report.level == "province":
                        _plan_sheet(book, book.add(name), section)
                    else:
                        _grid_sheet(book, book.add(name), section)
                _results_sheet(book, book.add(fixed[1]), report)
            _findings_sheet(book, book.add(fixed[2]), report)
    except FileCreateError as exc:
        # XlsxWriter wraps the OSError of a full disk or a vanished folder; callers expect it.
        raise OSError(str(exc)) from exc


# Text is never read as a number, a formula or a link: input text stays as it was typed.
WORKBOOK_SETTINGS = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "default_format_properties": dict(REPORT_FONT),
}


class _Formats:
    """Each cell format made once: a workbook holds a few dozen, whatever its size."""

    def __init__(self, workbook: Any, styles: Mapping[str, Mapping[str, object]]) -> None:
        self.workbook = workbook
        self.styles = styles
        self.made: dict[tuple[str, str | None], Any] = {}

    def get(self, style: str, number_format: str | None = None) -> Any:
        key = (style, number_format)
        if key not in self.made:
            properties = dict(self.styles[style])
            if number_format is not None:
                properties["num_format"] = number_format
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


# Every cell is vertically centred, so a number sits level with its wrapped label.
_CENTRED: dict[str, object] = {"valign": "vcenter"}
_CELL = {**_CENTRED, "border": 1, "border_color": _BORDER_COLOUR}
_TEXT = {**_CELL, "align": "left", "text_wrap": True}
_NUMBER = {**_CELL, "align": "right"}
STYLES: dict[str, dict[str, object]] = {
    "plain": _CENTRED,
    "organisation": {**_CENTRED, "bold": True, "font_size": 12},
    "title": {**_CENTRED, "bold": True, "font_size": 14},
    "subtitle": {**_CENTRED, "bold": True, "font_size": 12},
    "note": {**_CENTRED, "italic": True, "font_color": "#404040"},
    "heading": {
        **_CELL,
        "bold": True,
        "bg_color": _HEADER_FILL,
        "text_wrap": True,
        "align": "center",
    },
    "text": _TEXT,
    # One line per row, for the long results table a program reads more than a person.
    "line": {**_CELL, "align": "left"},
    "number": _NUMBER,
    "centre": {**_CELL, "align": "center"},
    "sign": {**_CENTRED, "bold": True, "align": "center"},
    "sign note": {**_CENTRED, "italic": True, "align": "center"},
    **{
        f"severity {level}": {**_TEXT, "bold": True, "font_color": colour}
        for level, colour in _SEVERITY_FONTS.items()
    },
    **{
        f"status {status}": {**_TEXT, "align": "center", "bg_color": fill, "font_color": font}
        for status, (fill, font) in STATUS_COLOURS.items()
    },
    **{
        f"grid {status}": {**_NUMBER, "bg_color": fill, "font_color": font}
        for status, (fill, font) in STATUS_COLOURS.items()
    },
}


@dataclass(slots=True)
class _Printed:
    """What the page layout needs of a sheet as it is written: the heights given to rows
    (points) and the blocks of rows that print on one page."""

    heights: dict[int, float] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ReportBook:
    workbook: Any
    formats: _Formats
    heading: Heading
    lang: Lang
    printed: dict[str, _Printed] = field(default_factory=dict)

    def add(self, name: str) -> Any:
        self.printed[name] = _Printed()
        sheet = self.workbook.add_worksheet(name)
        # Written into the file: LibreOffice otherwise sizes empty rows to its own font,
        # and a chart anchored over them shrinks.
        sheet.set_default_row(DEFAULT_ROW_HEIGHT)
        return sheet

    def layout(self, sheet: Any) -> _Printed:
        printed: _Printed = self.printed[sheet.name]
        return printed

    def row_height(self, sheet: Any, row: int, height: float) -> None:
        sheet.set_row(row, height)
        self.layout(sheet).heights[row] = height

    def keep(self, sheet: Any, first: int, last: int, *, with_previous: bool = False) -> None:
        """Rows `first`..`last` print on one page (a row, a chart, the signature block)."""
        self.layout(sheet).blocks.append(Block(first, last, with_previous))

    def style(self, style: str, number_format: str | None = None) -> Any:
        return self.formats.get(style, number_format)


def report_book(
    workbook: Any,
    heading: Heading,
    lang: Lang,
    styles: Mapping[str, Mapping[str, object]] | None = None,
) -> ReportBook:
    """A workbook's sheets under one report heading; `styles` adds to (or replaces) the
    report's cell styles by name."""
    return ReportBook(workbook, _Formats(workbook, {**STYLES, **(styles or {})}), heading, lang)


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


def write_heading(book: ReportBook, sheet: Any, columns: int, title: str, details: str) -> None:
    """The report's heading over the width of the table, then the sheet's own title."""
    styles = ("organisation", "title", "plain", "plain", "subtitle", "note")
    texts = [*book.heading.rows(), title, details]
    for row, (text, style) in enumerate(zip(texts, styles, strict=True)):
        put(sheet, row, 0, text, book.style(style))
        # Tall enough for the font and a capital's stacked diacritics ("Ở", "Ế").
        book.row_height(sheet, row, _HEADING_HEIGHTS[style])
    # Long heading lines spill over the empty cells to their right; none is wrapped.
    del columns


_HEADING_HEIGHTS = {
    "organisation": 18.0,
    "title": 21.0,
    "plain": 15.0,
    "subtitle": 18.0,
    "note": 15.0,
}


def paginate(book: ReportBook, sheet: Any, last: int, widths: Sequence[float]) -> None:
    """Print the heading, the table and what follows it down to row `last`, with page
    breaks that never leave the signature block alone on a page nor cut a chart."""
    sheet.print_area(0, 0, last, len(widths) - 1)
    printed = book.layout(sheet)
    blocks = [Block(0, HEADER_ROW), *printed.blocks]
    breaks = page_breaks(blocks, printed.heights, widths, repeated=(HEADER_ROW,))
    if breaks:
        sheet.set_h_pagebreaks(breaks)


def _print_setup(book: ReportBook, sheet: Any, pages_across: int = 1) -> None:
    """A4 landscape, `pages_across` pages wide, the table's heading row on every page, page
    numbers."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(pages_across, 0)
    if pages_across > 1:
        # Left to right first, so the pages of one band of rows come together.
        sheet.print_across()
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(label("page_footer", book.lang), {"margin": 0.3})


def finish_table(
    book: ReportBook,
    sheet: Any,
    last: int,
    columns: int,
    widths: Sequence[float],
    pages_across: int = 1,
) -> None:
    """Freeze the heading row, switch the filter on, size the columns, print on A4 pages.
    Rows are 0-based, as XlsxWriter counts them."""
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    sheet.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), columns - 1)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    _print_setup(book, sheet, pages_across)


def write_signature(
    book: ReportBook, sheet: Any, row: int, widths: Sequence[float], *, kept_from: int | None = None
) -> None:
    """ "Người lập biểu" on the left, place and date over "Thủ trưởng đơn vị" on the right;
    printed on the page of what comes before it (from row `kept_from`, e.g. a legend note),
    as the last rows of the sheet."""
    columns = len(widths)
    (preparer, preparer_note), (head, head_note) = signature_block(book.lang)
    book.keep(sheet, row if kept_from is None else kept_from, row + 2, with_previous=True)
    half = max(columns // 2, 1)
    left = (0, half - 1)
    right = (half, max(columns - 1, half))
    _merged(sheet, row, right, book.heading.place_date, book.style("sign note"))
    _merged(sheet, row + 1, left, preparer, book.style("sign"))
    _merged(sheet, row + 1, right, head, book.style("sign"))
    _merged(sheet, row + 2, left, preparer_note, book.style("sign note"))
    _merged(sheet, row + 2, right, head_note, book.style("sign note"))
    paginate(book, sheet, row + 2, widths)


def _merged(sheet: Any, row: int, span: tuple[int, int], text: str, cell_format: Any) -> None:
    first, last = span
    if first == last:
        put(sheet, row, first, text, cell_format)
    else:
        sheet.merge_range(row, first, row, last, _excel_text(text), cell_format)


def _summary_sheet(
    book: ReportBook, sheet: Any, sections: Sequence[PlanSection], level: str
) -> None:
    """One row per plan target and period: at province level its value and status, below it
    how many units meet it; units reported/expected where the results know them."""
    lang = book.lang
    single = level == "province"
    lines = [line for section in sections for line in section.lines]
    with_coverage = any(coverage_text(line.result) for line in lines)
    keys = ["number", "plan", "indicator", "period"]
    keys += ["unit_name", "value", "target", "status"] if single else ["target", "units_met"]
    keys += ["units_reported"] if with_coverage else []
    widths = [_SUMMARY_WIDTHS[key] for key in keys]
    write_heading(book, sheet, len(keys), label("summary_title", lang), "")
    write_table_headings(book, sheet, [label(k, lang) for k in keys])
    row = HEADER_ROW
    for section in sections:
        short = plan_short_name(section.document, section.name, section.year)

        def group_key(line: ResultLine) -> tuple[str, str, str]:
            result = line.result
            return (result.indicator, result.period, result.unit_code if single else "")

        for _, group in groupby(section.lines, key=group_key):
            units = list(group)
            row += 1
            first = units[0]
            result = first.result
            met = sum(1 for line in units if line.result.status == "met")
            cells: dict[str, tuple[Cell, str, str | None]] = {
                "number": (row - HEADER_ROW, "centre", None),
                "plan": (short, "text", None),
                "indicator": (first.indicator, "text", None),
                "period": (_period_text(result, lang), "text", None),
                "unit_name": (unit_display(result, lang), "text", None),
                "value": (
                    finite(result.compared_value),
                    "number",
                    _decimals_format(first.decimals),
                ),
                "target": (_target_value(result.target), "number", _target_format(result.target)),
                "status": (verdict_text(first, lang), _status_style(result), None),
                "units_met": (
                    f"{met}/{len(units)} {_units(units, lang)}",
                    f"grid {'met' if met == len(units) else 'not_met'}",
                    None,
                ),
                "units_reported": (
                    coverage_total([x.result for x in units]),
                    "number",
                    None,
                ),
            }
            for column, key in enumerate(keys):
                value, style, number_format = cells[key]
                put(sheet, row, column, value, book.style(style, number_format))
            texts = [cells[key][0] for key in keys]
            fit_row_height(book, sheet, row, texts, widths)
    finish_table(book, sheet, row, len(keys), widths)
    if row == HEADER_ROW:
        put(sheet, row + 1, 0, label("no_results", lang), book.style("plain"))
        row += 1
    write_signature(book, sheet, row + 2, widths)


def _units(lines: Sequence[ResultLine], lang: Lang) -> str:
    return label(f"units_{lines[0].result.level}", lang)


def _section_details(section: PlanSection, lang: Lang) -> tuple[str, str]:
    details = [section.document] if section.document else []
    if section.year is not None:
        details.append(deadline_heading(section.year, (x.result for x in section.lines), lang))
    return section.name, " · ".join(details)


def _period_text(result: Result, lang: Lang) -> str:
    """The period; on part-year data the value shown is annualised, and the period says so."""
    if result.annualized_value is None:
        return result.period
    return f"{result.period} ({label('annualised', lang)}, {result.months_covered}/12)"


def _plan_sheet(book: ReportBook, sheet: Any, section: PlanSection) -> None:
    """Province level: one row per target (and unit, period), then a chart per unit type."""
    lang = book.lang
    with_coverage = any(coverage_text(line.result) for line in section.lines)
    keys = _PLAN_KEYS if with_coverage else _PLAN_KEYS[:-1]
    write_heading(book, sheet, len(keys), *_section_details(section, lang))
    write_table_headings(book, sheet, [label(k, lang) for k in keys])
    for row, line in enumerate(section.lines, start=HEADER_ROW + 1):
        result = line.result
        texts: list[Cell] = [
            row - HEADER_ROW,
            line.indicator,
            _period_text(result, lang),
            unit_display(result, lang),
        ]
        for column, text in enumerate(texts):
            put(sheet, row, column, text, book.style("centre" if column == 0 else "text"))
        put(
            sheet,
            row,
            4,
            finite(result.compared_value),
            book.style("number", _decimals_format(line.decimals)),
        )
        target = result.target
        put(sheet, row, 5, _target_value(target), book.style("number", _target_format(target)))
        put(sheet, row, 6, verdict_text(line, lang), book.style(_status_style(result)))
        for column, number in ((7, result.numerator), (8, result.denominator)):
            value = finite(number)
            put(sheet, row, column, value, book.style("number", _count_format(value)))
        if with_coverage:
            put(sheet, row, 9, coverage_text(result), book.style("number"))
        # The status wraps too ("Chưa xác định (93 đơn vị chưa rõ)").
        status_text = verdict_text(line, lang)
        fit_row_height(book, sheet, row, [*texts, "", "", status_text], _PLAN_WIDTHS)
    last = HEADER_ROW + len(section.lines)
    finish_table(book, sheet, last, len(keys), _PLAN_WIDTHS[: len(keys)])
    row = last + 2
    # What the table does not judge: no row in the plan's territory, targets judged at
    # another level, targets the forms cannot compute.
    for note in section.notes:
        put(sheet, row, 1, note, book.style("note"))
        row += 1
    row += 1 if section.notes else 0
    if 0 < len(section.lines) <= CHART_MAX_ROWS:
        data_row = HEADER_ROW + 1
        for group in lines_by_unit_type(section.lines):
            chart, height = _chart(book, sheet, group, data_row)
            # A little below the row's top edge: a frame on the edge prints on both pages.
            sheet.insert_chart(row, 1, chart, {"y_offset": _CHART_OFFSET_PX})
            spans = math.ceil((height + _CHART_OFFSET_PX) / _ROW_PX)
            book.keep(sheet, row, row + spans - 1)
            row += spans + 1
            data_row += len(group)
        last_data = _CHART_DATA_COLUMN + len(_CHART_STATUSES) + 1
        sheet.set_column(_CHART_DATA_COLUMN, last_data, None, None, {"hidden": True})
    write_signature(book, sheet, row + 1, _PLAN_WIDTHS[: len(keys)])


def _chart(book: ReportBook, sheet: Any, lines: Sequence[ResultLine], top: int) -> tuple[Any, int]:
    """Value against target for one unit type: a bar per target in its status colour, the
    target drawn as an outline over it; the legend names both."""
    lang = book.lang
    several = len({(line.result.unit_code, line.result.period) for line in lines}) > 1
    column = _CHART_DATA_COLUMN
    for offset, line in enumerate(lines):
        result = line.result
        name = line.indicator
        if several:
            name = f"{name} — {unit_display(result, lang)}, {result.period}"
        value = finite(result.compared_value)
        put(sheet, top + offset, column, name, None)
        for index, status in enumerate(_CHART_STATUSES, start=1):
            shown = value if result.status == status else None
            put(sheet, top + offset, column + index, shown, None)
        target_column = column + len(_CHART_STATUSES) + 1
        put(sheet, top + offset, target_column, _target_value(result.target), None)
    bottom = top + len(lines) - 1
    quoted = "'" + sheet.name.replace("'", "''") + "'"

    def cells(offset: int) -> list[Any]:
        return [quoted, top, column + offset, bottom, column + offset]

    chart = book.workbook.add_chart({"type": "bar"})
    decimals = max(line.decimals for line in lines)
    number_format = _decimals_format(decimals)
    present = {line.result.status for line in lines}
    for offset, status in enumerate(_CHART_STATUSES, start=1):
        if status not in present:
            continue
        chart.add_series(
            {
                "name": label(status, lang),
                "categories": cells(0),
                "values": cells(offset),
                "fill": {"color": STATUS_CHART[status]},
                "border": {"none": True},
                # Beyond the bar's end, where a value of 0 stays clear of the unit names.
                "data_labels": {
                    "value": True,
                    "num_format": number_format,
                    "position": "outside_end",
                    "font": {"name": REPORT_FONT["font_name"]},
                },
                "overlap": 100,
                "gap": 60,
            }
        )
    chart.add_series(
        {
            "name": label("target", lang),
            "categories": cells(0),
            "values": cells(len(_CHART_STATUSES) + 1),
            "fill": {"none": True},
            "border": {"color": "#212121", "width": 1.5, "dash_type": "dash"},
        }
    )
    unit = lines[0].unit
    title = label("chart_title", lang) + (f" ({unit})" if unit else "")
    font = {"name": REPORT_FONT["font_name"]}
    chart.set_title({"name": title, "name_font": {**font, "size": 11, "bold": True}})
    # Rows read top-down as in the table, with the value scale below them and from zero.
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": {**font, "size": 9}})
    axis: dict[str, object] = {"min": 0, "num_format": number_format, "num_font": font}
    highest = max(
        max(finite(line.result.compared_value) or 0.0, _target_value(line.result.target) or 0.0)
        for line in lines
    )
    if lines[0].unit == "%" and highest <= 100:
        axis["max"] = 100
    chart.set_x_axis(axis)
    chart.set_legend({"position": "bottom", "font": font})
    height = round(max(6.0, 1.0 * len(lines) + 3) * _PX_PER_CM)
    chart.set_size({"width": round(26 * _PX_PER_CM), "height": height})
    return chart, height


def _grid_sheet(book: ReportBook, sheet: Any, section: PlanSection) -> None:
    """District or commune level: a row per unit and period, a column per target, each value
    coloured by its status, and how many targets the unit meets."""
    lang = book.lang
    indicators: dict[str, ResultLine] = {}
    for line in section.lines:
        indicators.setdefault(line.result.indicator, line)
    keys = [*_GRID_FIXED, *indicators, "targets_met"]
    columns = len(keys)
    widths = [*_GRID_FIXED_WIDTHS, *[_GRID_INDICATOR_WIDTH] * len(indicators), 11]
    write_heading(book, sheet, columns, *_section_details(section, lang))
    headings = [label(k, lang) for k in _GRID_FIXED]
    for line in indicators.values():
        headings.append(f"{line.indicator}\n({target_text(line.result.target, line.unit, lang)})")
    headings.append(label("targets_met", lang))
    write_table_headings(book, sheet, headings)
    # Bold letters are about a tenth wider.
    bold_width = _GRID_INDICATOR_WIDTH * 0.9
    lines = max((wrapped_lines(text, bold_width) for text in headings), default=1)
    book.row_height(sheet, HEADER_ROW, _LINE_HEIGHT * lines + _ROW_AIR)
    rows: dict[tuple[str, str], dict[str, ResultLine]] = {}
    for line in section.lines:
        rows.setdefault((line.result.unit_code, line.result.period), {})[line.result.indicator] = (
            line
        )
    row = HEADER_ROW
    for (code, _), by_indicator in rows.items():
        row += 1
        some = next(iter(by_indicator.values())).result
        texts: list[Cell] = [
            row - HEADER_ROW,
            code,
            unit_display(some, lang),
            _period_text(some, lang),
        ]
        for column, text in enumerate(texts):
            put(sheet, row, column, text, book.style("centre" if column == 0 else "text"))
        for offset, indicator in enumerate(indicators, start=len(_GRID_FIXED)):
            cell = by_indicator.get(indicator)
            if cell is None:
                put(sheet, row, offset, None, book.style("number"))
                continue
            style = f"grid {cell.result.status}"
            # An undetermined value is the range the unknown units allow, which decides it.
            value: Cell = (
                value_text(cell, lang)
                if shows_range(cell.result)
                else finite(cell.result.compared_value)
            )
            put(sheet, row, offset, value, book.style(style, _decimals_format(cell.decimals)))
        met = sum(1 for line in by_indicator.values() if line.result.status == "met")
        put(sheet, row, columns - 1, f"{met}/{len(by_indicator)}", book.style("number"))
        fit_row_height(book, sheet, row, texts, widths)
    finish_table(book, sheet, row, columns, widths)
    put(sheet, row + 2, 0, label("grid_legend", lang), book.style("note"))
    write_signature(book, sheet, row + 4, widths, kept_from=row + 2)


def _results_sheet(book: ReportBook, sheet: Any, report: Report) -> None:
    lang = book.lang
    headings = result_headings(lang)
    write_heading(book, sheet, len(headings), label("results_title", lang), "")
    write_table_headings(book, sheet, headings)
    longest = [len(heading) for heading in headings]
    row = HEADER_ROW
    for row, line in enumerate(result_lines(report, lang), start=HEADER_ROW + 1):
        cells = result_cells(line, lang)
        status = line.result.status
        for column, (cell, (key, kind)) in enumerate(zip(cells, RESULT_COLUMNS, strict=True)):
            number_format = _result_format(kind, cell, line.decimals, line.result.target)
            if key == "status" and status is not None:
                style = f"status {status}"
            else:
                style = "line" if kind == "text" else "number"
            put(sheet, row, column, cell, book.style(style, number_format))
            if cell is not None:
                longest[column] = max(longest[column], len(str(cell)))
    widths = [min(max(length * 1.1 + 2, 8), 40) for length in longest]
    # Two dozen columns on one page width would print at a third of their size: the long
    # table spreads over as many pages across as keep its text at three quarters or more.
    pages_across = math.ceil(fit_scale([w * _RESULTS_MIN_SCALE for w in widths]) ** -1)
    finish_table(book, sheet, row, len(headings), widths, pages_across)


def _target_value(target: Target | None) -> float | None:
    """A plan target's number; None for an indicator that no plan targets."""
    return None if target is None else target.value


def _status_style(result: Result) -> str:
    return f"status {result.status}" if result.status else "text"


def _result_format(
    kind: ColumnKind, cell: Cell, decimals: int, target: Target | None
) -> str | None:
    if kind == "value":
        return _decimals_format(decimals)
    if kind == "target":
        return _target_format(target)
    if kind == "number":
        return "#,##0" if isinstance(cell, float) and cell.is_integer() else "#,##0.00"
    if kind == "count":
        return "0"
    return None


def _findings_sheet(book: ReportBook, sheet: Any, report: Report) -> None:
    lang = book.lang
    headings = finding_headings(lang)
    write_heading(book, sheet, len(headings), label("findings_title", lang), "")
    write_table_headings(book, sheet, headings)
    findings = sorted_findings(report.findings)
    text = book.style("text")
    for row, finding in enumerate(findings, start=HEADER_ROW + 1):
        texts = finding_cells(finding, lang)
        level = finding.severity.value
        first = book.style(f"severity {level}") if level in _SEVERITY_FONTS else text
        for column, cell in enumerate(texts):
            put(sheet, row, column, cell, first if column == 0 else text)
        fit_row_height(book, sheet, row, texts, _FINDING_WIDTHS)
    if not findings:
        put(sheet, HEADER_ROW + 1, 0, label("no_findings", lang), book.style("plain"))
    finish_table(book, sheet, HEADER_ROW + len(findings), len(headings), _FINDING_WIDTHS)
    paginate(book, sheet, HEADER_ROW + max(len(findings), 1), _FINDING_WIDTHS)


def write_table_headings(book: ReportBook, sheet: Any, headings: Sequence[str]) -> None:
    book.row_height(sheet, HEADER_ROW, _LINE_HEIGHT * 2 + 3)
    for column, heading in enumerate(headings):
        put(sheet, HEADER_ROW, column, heading, book.style("heading"))


def fit_row_height(
    book: ReportBook, sheet: Any, row: int, values: Iterable[Cell], widths: Sequence[float]
) -> None:
    """A row tall enough for its wrapped text, with a little air above and below, kept on
    one page."""
    lines = max(
        (
            wrapped_lines(value, width)
            for value, width in zip(values, widths, strict=False)
            if isinstance(value, str)
        ),
        default=1,
    )
    book.row_height(sheet, row, _LINE_HEIGHT * max(lines, 1) + _ROW_AIR)
    book.keep(sheet, row, row)


# Pixels a character of 11-point Times New Roman takes on average in Vietnamese text, and
# those a cell keeps empty beside its text.
_CHARACTER_PX = 6.4
_CELL_PADDING_PX = 4
_ROW_AIR = 4


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped cell `width` characters wide: words wrap
    whole, so a line holds fewer characters than the width allows."""
    room = max(int((width * 7 + 5 - _CELL_PADDING_PX) / _CHARACTER_PX), 1)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0
        for word in paragraph.split(" "):
            size = len(word)
            if used and used + 1 + size > room:
                count += 1
                used = 0
            used = used + 1 + size if used else size
            while used > room:
                count += 1
                used -= room
    return count


def put(sheet: Any, row: int, column: int, value: Cell, cell_format: Any) -> None:
    if value == "" or value is None:
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        # Always a string cell: input text that starts with "=" is never a formula.
        sheet.write_string(row, column, _excel_text(value), cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def _excel_text(text: str) -> str:
    """Control characters are illegal in the file format, and cells hold 32,767 characters."""
    return _ILLEGAL_CHARACTERS.sub("", text)[:_EXCEL_MAX_TEXT]


def _decimals_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals > 0 else "0"


def _count_format(value: float | None) -> str:
    return "#,##0" if value is None or float(value).is_integer() else "#,##0.00"


def _target_format(target: Target | None) -> str | None:
    """The number with its operator in front, e.g. ≥ 100, so the cell stays a number."""
    if target is None:
        return None
    return f'"{OPERATOR_SYMBOLS[target.op]} "{_decimals_format(target_decimals(target))}'

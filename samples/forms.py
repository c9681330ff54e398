"""The printed frame of a government report sheet: title block, merged headings, signatures.

Used by make_samples.py; pins workbook timestamps so that rebuilt files are byte-identical.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ycs.check.fields import FieldType, SheetKind, field_map

FIXED_TIME = datetime(2025, 1, 20, 8, 0, 0)
ZIP_TIME = (2025, 1, 20, 8, 0, 0)

Cell = str | int | float | None
Record = dict[str, Cell]


@dataclass(frozen=True, slots=True)
class Column:
    """One printed column: the field it holds (None for STT and notes) and its heading.

    `header` None prints the catalogue's Vietnamese header; `group` is the merged heading
    printed above a run of columns that share it.
    """

    field: str | None
    header: str | None = None
    group: str | None = None
    width: float = 11


@dataclass(frozen=True, slots=True)
class Form:
    """The printed frame around a table: who reports, what, for when, who signs."""

    sheet: str
    kind: SheetKind
    authority: tuple[str, str]
    title: str
    period_line: str
    columns: tuple[Column, ...]
    place_date: str
    signer: str


TITLE_ROWS = 7  # authority (2), blank, title, period, reporting line, blank
HEADER_TOP = TITLE_ROWS + 1
FIRST_DATA_ROW = HEADER_TOP + 3  # group headings, sub-headings, column numbers

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_ITALIC = Font(italic=True)
# Columns formatted as text, so that Excel keeps the leading zeros of what is typed later.
_TEXT_FIELDS = frozenset({"province_code", "district_code", "commune_code", "period"})


def header_text(kind: SheetKind, column: Column) -> str:
    if column.header is not None:
        return column.header
    assert column.field is not None
    return field_map(kind)[column.field].header


def letter(form: Form, field: str) -> str:
    index = next(i for i, c in enumerate(form.columns) if c.field == field)
    return get_column_letter(index + 1)


def write_form(ws: Worksheet, form: Form, rows: Sequence[Sequence[Cell]], totals: set[int]) -> None:
    """The whole printed sheet: title block, two-level heading, data, signatures."""
    width = len(form.columns)
    _write_title(ws, form, width)
    _write_headings(ws, form)
    for i, row in enumerate(rows):
        _write_row(ws, form, FIRST_DATA_ROW + i, row, total=i in totals)
    _write_signatures(ws, form, FIRST_DATA_ROW + len(rows) + 1, width)
    for i, column in enumerate(form.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    label = next(i for i, c in enumerate(form.columns) if c.field == _label_field(form))
    ws.freeze_panes = f"{get_column_letter(label + 2)}{FIRST_DATA_ROW}"


def _merged_text(ws: Worksheet, row: int, first: int, last: int, text: str, *, font: Font) -> None:
    ws.cell(row, first, text).font = font
    ws.cell(row, first).alignment = Alignment(horizontal="center", vertical="center")
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_title(ws: Worksheet, form: Form, width: int) -> None:
    upper, lower = form.authority
    right = max(width - 9, 7)
    _merged_text(ws, 1, 1, 5, upper, font=Font(bold=False))
    _merged_text(ws, 2, 1, 5, lower, font=_BOLD)
    _merged_text(ws, 1, right, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=_BOLD)
    _merged_text(ws, 2, right, width, "Độc lập - Tự do - Hạnh phúc", font=_BOLD)
    _merged_text(ws, 4, 1, width, form.title, font=Font(bold=True, size=13))
    _merged_text(ws, 5, 1, width, form.period_line, font=_BOLD)
    receiver = "Đơn vị báo cáo: Sở Y tế - Đơn vị nhận báo cáo: Bộ Y tế"
    _merged_text(ws, 6, 1, width, receiver, font=_ITALIC)


def _write_headings(ws: Worksheet, form: Form) -> None:
    """Group headings merged across their run of columns, others merged down both rows."""
    top, sub, numbers = HEADER_TOP, HEADER_TOP + 1, HEADER_TOP + 2
    for i in range(1, len(form.columns) + 1):
        ws.cell(numbers, i, f"({i})").alignment = _CENTRE
        for row in (top, sub):
            ws.cell(row, i).border = _BOX
            ws.cell(row, i).font = _BOLD
            ws.cell(row, i).alignment = _CENTRE
    first = 1
    for group, run in groupby(form.columns, key=lambda column: column.group):
        members = list(run)
        last = first + len(members) - 1
        for i, column in enumerate(members, start=first):
            ws.cell(sub if group else top, i, header_text(form.kind, column))
            if group is None:
                ws.merge_cells(start_row=top, start_column=i, end_row=sub, end_column=i)
        if group is not None:
            ws.cell(top, first, group)
            if last > first:
                ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        first = last + 1
    ws.row_dimensions[sub].height = 64


def _write_row(ws: Worksheet, form: Form, row: int, values: Sequence[Cell], *, total: bool) -> None:
    for i, (column, value) in enumerate(zip(form.columns, values, strict=True), start=1):
        cell = ws.cell(row, i, value)
        cell.border = _BOX
        if total:
            cell.font = _BOLD
        if isinstance(value, float):
            cell.number_format = "#,##0.0"
        elif isinstance(value, int) and column.field not in ("zone", None):
            cell.number_format = "#,##0"
        elif isinstance(value, str) and column.field in _TEXT_FIELDS:
            cell.number_format = "@"


def _write_signatures(ws: Worksheet, form: Form, row: int, width: int) -> None:
    right = max(width - 9, 7)
    _merged_text(ws, row + 1, right, width, form.place_date, font=_ITALIC)
    _merged_text(ws, row + 2, 2, 6, "Người lập biểu", font=_BOLD)
    _merged_text(ws, row + 2, right, width, form.signer, font=_BOLD)
    _merged_text(ws, row + 3, 2, 6, "(Ký, ghi rõ họ tên)", font=_ITALIC)
    _merged_text(ws, row + 3, right, width, "(Ký tên, đóng dấu)", font=_ITALIC)


def table_rows(form: Form, records: Sequence[Record]) -> list[list[Cell]]:
    return [[record.get(c.field or c.header or "") for c in form.columns] for record in records]


def total_record(form: Form, label: str, records: Iterable[Record]) -> Record:
    """A total row as Excel's SUM would print it: numbers add up, text is skipped."""
    fields = field_map(form.kind)
    record: Record = {_label_field(form): label}
    rows = list(records)
    for column in form.columns:
        if column.field is None or column.field in ("zone", "ntc_score"):
            continue
        f = fields[column.field]
        if f.type in (FieldType.INT, FieldType.NUM):
            numbers = [n for r in rows if isinstance(n := r.get(f.name), int | float)]
            record[f.name] = round(sum(numbers), 1) if f.type is FieldType.NUM else sum(numbers)
    return record


def _label_field(form: Form) -> str:
    return "commune_name" if form.kind == "commune" else "district_name"


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save, then pin the timestamps inside the file so that a rebuild is byte-identical."""
    wb.properties.creator = "Sở Y tế"
    wb.properties.created = FIXED_TIME
    wb.save(path)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            pinned = (
                re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
                if name == "docProps/core.xml"
                else data
            )
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            archive.writestr(info, pinned, compress_type=zipfile.ZIP_DEFLATED)

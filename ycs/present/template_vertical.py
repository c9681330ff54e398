"""The blank vertical form a station fills in for itself (SPEC §2.4), built from fields.py."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

from ycs.check.fields import FIELDS, SHEET_NAMES, Field, FieldType, SheetKind
from ycs.errors import YcsError
from ycs.present.output import write_atomically
from ycs.present.template import (
    HEADER_HEIGHT,
    TITLE_HEIGHT,
    TemplateSheets,
    describe_type,
    document_font,
    print_setup,
)
from ycs.words import Lang, say

# The unit and period are written in labelled cells of the title block, the labels being the
# fields' own headings so that the reader matches them as it matches any heading.
_TITLE_FIELDS: dict[SheetKind, tuple[str, ...]] = {
    "commune": ("commune_code", "commune_name", "district_name", "province_name", "period"),
    "district": ("district_code", "district_name", "province_name", "period"),
}
_COLUMNS = ("STT", "Tên chỉ tiêu", "Đơn vị tính", "Số lượng", "Ghi chú")
_COLUMN_NUMBERS = ("A", "B", "C", "1", "2")
_TITLE_ROW = 1
_FIRST_LABEL_ROW = 3
_TEXT_FORMAT = "@"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAPPED = Alignment(horizontal="left", vertical="center", wrap_text=True)
_MIDDLE = Alignment(vertical="center")
_ROW_HEIGHT = 20
_WIDTHS = (24, 58, 12, 14, 34)


def _prose(key: str, lang: Lang) -> str:
    return say(f"template.vertical_{key}", lang)


def write_vertical_template(
    path: Path, sheets: TemplateSheets = "commune", lang: Lang = "vi", *, force: bool = False
) -> None:
    """Write the blank vertical form(s): one unit per sheet, one row per indicator. Like the
    wide template, it replaces an existing file only with `force`."""
    if path.suffix.lower() != ".xlsx":
        raise YcsError("template_not_xlsx", path=str(path))
    if path.exists() and not force:
        raise YcsError("template_exists", path=str(path))
    kinds: tuple[SheetKind, ...] = ("commune", "district") if sheets == "both" else (sheets,)
    write_atomically(path, build_vertical_template(kinds, lang).save)


def build_vertical_template(kinds: tuple[SheetKind, ...], lang: Lang) -> Workbook:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for kind in kinds:
        _add_form(workbook.create_sheet(SHEET_NAMES[kind]), kind, lang)
    return workbook


def value_cells(kind: SheetKind) -> dict[str, str]:
    """Where the template asks for each field: field → cell ("D12"), title cells included."""
    cells: dict[str, str] = {}
    for offset, name in enumerate(_TITLE_FIELDS[kind]):
        cells[name] = f"B{_FIRST_LABEL_ROW + offset}"
    row = _header_row(kind) + 2
    for field in _indicators(kind):
        cells[field.name] = f"D{row}"
        row += 1
    return cells


def _header_row(kind: SheetKind) -> int:
    return _FIRST_LABEL_ROW + len(_TITLE_FIELDS[kind]) + 1


def _indicators(kind: SheetKind) -> list[Field]:
    title = set(_TITLE_FIELDS[kind])
    return [f for f in FIELDS[kind] if f.name not in title and f.type is not FieldType.CODE]


def _unit(field: Field, lang: Lang) -> str:
    if field.type is FieldType.BOOL:
        return _prose("unit_yes_no", lang)
    if field.type is FieldType.PCT:
        return _prose("unit_percent", lang)
    if field.type is FieldType.TEXT:
        return ""
    return _prose("unit_count", lang)


def _add_form(sheet: Worksheet, kind: SheetKind, lang: Lang) -> None:
    sheet.cell(_TITLE_ROW, 1, _prose(f"title_{kind}", lang)).font = document_font(
        bold=True, size=13
    )
    sheet.row_dimensions[_TITLE_ROW].height = TITLE_HEIGHT
    sheet.cell(_TITLE_ROW + 1, 1, _prose("hint", lang)).font = document_font(italic=True)
    fields = {f.name: f for f in FIELDS[kind]}
    for offset, name in enumerate(_TITLE_FIELDS[kind]):
        row = _FIRST_LABEL_ROW + offset
        title = sheet.cell(row, 1, f"{fields[name].header}:")
        title.font = document_font(bold=fields[name].required)
        # Codes keep their leading zeros and periods stay "2024-10" only as text.
        sheet.cell(row, 2).number_format = _TEXT_FORMAT
        sheet.cell(row, 2).border = _BOX
        sheet.cell(row, 2).font = document_font()
        sheet.row_dimensions[row].height = _ROW_HEIGHT
    header = _header_row(kind)
    for column, (heading, number) in enumerate(zip(_COLUMNS, _COLUMN_NUMBERS, strict=True), 1):
        cell = sheet.cell(header, column, heading)
        cell.font = document_font(bold=True)
        cell.alignment = _CENTRED
        cell.border = _BOX
        numbered = sheet.cell(header + 1, column, number)
        numbered.font = document_font(italic=True)
        numbered.alignment = _CENTRED
        numbered.border = _BOX
    sheet.row_dimensions[header].height = HEADER_HEIGHT / 2
    row = header + 2
    for index, field in enumerate(_indicators(kind), start=1):
        cells = (
            (1, index, document_font(), _CENTRED),
            (2, field.header, document_font(bold=field.required), _WRAPPED),
            (3, _unit(field, lang), document_font(), _CENTRED),
            (4, None, document_font(), _MIDDLE),
            (5, describe_type(field, lang), document_font(italic=True, color="808080"), _WRAPPED),
        )
        # A form filled in by hand as often as on screen: boxed rows tall enough to write in.
        for column, value, font, alignment in cells:
            cell = sheet.cell(row, column, value)
            cell.font, cell.alignment, cell.border = font, alignment, _BOX
        sheet.row_dimensions[row].height = _ROW_HEIGHT
        row += 1
    for letter, width in zip("ABCDE", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    # The form is a tall list of five columns: it reads best across one landscape page
    # width, with its column headings repeated on every page.
    print_setup(sheet, repeat_rows=f"{header}:{header + 1}")

"""The blank submission workbook that communes and districts fill in, built from fields.py."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ycs import __version__
from ycs.check.fields import (
    FIELDS,
    RELATIONS,
    SHEET_KINDS,
    SHEET_NAMES,
    Field,
    FieldType,
    SheetKind,
)
from ycs.errors import YcsError, column_letter
from ycs.present.output import write_atomically
from ycs.words import Lang, say

TemplateSheets = Literal["commune", "district", "both"]

VERSION_SHEET = "_ycs"
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = HEADER_ROW + 1
DATA_ROWS = 1000
LAST_DATA_ROW = HEADER_ROW + DATA_ROWS

_REQUIRED_FILL = PatternFill("solid", fgColor="FFE699")
_OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")
_TEXT_FORMAT = "@"
# Excel turns a typed "2024-10" into a date and "00123" into 123 unless the column is text.
_TEXT_TYPES = (FieldType.CODE, FieldType.TEXT, FieldType.PERIOD)
_BOOL_CHOICES = ("Có", "Không")
# Row heights in points. LibreOffice draws a row at the height the file gives and cuts what
# sticks out, so rows holding capitals with stacked diacritics ("HƯỚNG DẪN", "Ấp") must be
# taller than the font size alone: about 1.6 × the font size per line.
TITLE_HEIGHT = 24
HEADER_HEIGHT = 80
_INSTRUCTIONS_TITLE_HEIGHT = 26
_SUBTITLE_HEIGHT = 22
_LINE_HEIGHT = 16


# The font of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP). Every cell
# names it: a cell without a font name prints in whatever LibreOffice falls back to (a
# serif for the styled cells, a sans for the others).
DOCUMENT_FONT = "Times New Roman"


def document_font(
    *, bold: bool = False, italic: bool = False, size: float = 11, color: str | None = None
) -> Font:
    return Font(name=DOCUMENT_FONT, size=size, bold=bold, italic=italic, color=color)


def _prose(key: str, lang: Lang, **params: object) -> str:
    return say(f"template.{key}", lang, **params)


def write_template(
    path: Path, sheets: TemplateSheets = "both", lang: Lang = "vi", *, force: bool = False
) -> None:
    """Write the blank submission workbook: data sheet(s), instructions and a version stamp.

    An existing file may be a filled submission: it is replaced only with `force`. A name
    without .xlsx would hide a workbook under another format's name.
    """
    if path.suffix.lower() != ".xlsx":
        raise YcsError("template_not_xlsx", path=str(path))
    if path.exists() and not force:
        raise YcsError("template_exists", path=str(path))
    kinds: tuple[SheetKind, ...] = SHEET_KINDS if sheets == "both" else (sheets,)
    workbook = build_template(kinds, lang)
    write_atomically(path, workbook.save)


def build_template(kinds: Iterable[SheetKind], lang: Lang) -> Workbook:
    """The template workbook in memory, with a data sheet for each of `kinds`."""
    kinds = tuple(kinds)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for kind in kinds:
        _add_data_sheet(workbook.create_sheet(SHEET_NAMES[kind]), kind, lang)
    _add_instructions(workbook.create_sheet(_prose("instructions_sheet", lang)), kinds, lang)
    _add_version_sheet(workbook.create_sheet(VERSION_SHEET), kinds, lang)
    return workbook


def describe_type(field: Field, lang: Lang) -> str:
    """What a cell of `field` must hold, e.g. "Số nguyên ≥ 0", "Có/Không"."""
    bounds = {"minimum": _number(field.minimum), "maximum": _number(field.maximum)}
    if field.type is FieldType.CODE:
        return _prose("code", lang, width=field.width)
    if field.type in (FieldType.TEXT, FieldType.PERIOD, FieldType.BOOL, FieldType.PCT):
        return _prose(field.type.value, lang)
    kind = "int" if field.integer else "num"
    if field.maximum is not None:
        return _prose(f"{kind}_range", lang, **bounds)
    return _prose(f"{kind}_min", lang, **bounds)


def describe_required(field: Field, lang: Lang) -> str:
    if field.type is FieldType.PERIOD:
        return _prose("period_required", lang)
    return _prose("yes" if field.required else "no", lang)


def describe_notes(field: Field, kind: SheetKind, lang: Lang) -> str:
    """Cross-field rules that concern `field`, from the catalogue's relations."""
    headers = {f.name: f.header for f in FIELDS[kind]}
    notes = [_prose("needs_station", lang)] if field.needs_station else []
    for relation in RELATIONS[kind]:
        if relation.part == field.name:
            key = "not_above" if relation.code == "part_exceeds_whole" else "warn_above"
            notes.append(_prose(key, lang, whole=headers[relation.whole]))
    return " ".join(notes)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else str(value)


def _add_data_sheet(sheet: Worksheet, kind: SheetKind, lang: Lang) -> None:
    # On screen a short title; on paper the whole sentence heads every page. A long title in
    # the row would run through the unit columns repeated on each page and print a piece of
    # itself there.
    sheet.cell(TITLE_ROW, 1, _prose(f"sheet_title_{kind}", lang)).font = document_font(
        bold=True, size=13
    )
    page_header = sheet.oddHeader
    if page_header is not None and page_header.center is not None:
        page_header.center.text = _prose(f"title_{kind}", lang).replace("&", "&&")
        page_header.center.font = f"{DOCUMENT_FONT},Bold"
        page_header.center.size = 11
    for index, field in enumerate(FIELDS[kind], start=1):
        _write_header(sheet, index, field, kind, lang)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _column_width(field)
        # What a person types takes the column's font too.
        sheet.column_dimensions[letter].font = document_font()
        if field.type in _TEXT_TYPES:
            sheet.column_dimensions[letter].number_format = _TEXT_FORMAT
        validation = _validation(field, lang)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = TITLE_HEIGHT
    sheet.row_dimensions[HEADER_ROW].height = HEADER_HEIGHT
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    # The commune sheet is 46 columns wide: on one page width its text would print at a
    # fifth of its size, so it spreads over a few pages across, each starting with the
    # unit's code and name so that every printed row says whose it is.
    names = [f.name for f in FIELDS[kind]]
    unit = [column_letter(names.index(f"{kind}_{part}")) for part in ("code", "name")]
    width = sum(_column_width(field) for field in FIELDS[kind])
    print_setup(
        sheet,
        # The heading row only: the title, longer than the repeated unit columns, would print
        # a fragment of itself atop every later page.
        repeat_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        repeat_columns=f"{unit[0]}:{unit[1]}",
        pages_across=math.ceil(width / PAGE_WIDTH_UNITS),
    )


# Column width units that print legibly (about 8 points and up) across one A4 landscape page.
PAGE_WIDTH_UNITS = 150


def print_setup(
    sheet: Worksheet,
    *,
    repeat_rows: str | None = None,
    repeat_columns: str | None = None,
    pages_across: int = 1,
) -> None:
    """A4 landscape, every column within `pages_across` page widths (as many pages down as
    needed), the heading rows repeated on each page and page numbers in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = pages_across
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    # openpyxl's default footer margin (0.5") leaves the page number 0.1" below the table:
    # LibreOffice cuts it in half.
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    if repeat_rows is not None:
        sheet.print_title_rows = repeat_rows
    if repeat_columns is not None:
        sheet.print_title_cols = repeat_columns
    footer = sheet.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = "&P / &N"


def _write_header(sheet: Worksheet, index: int, field: Field, kind: SheetKind, lang: Lang) -> None:
    cell = sheet.cell(HEADER_ROW, index, field.header)
    cell.font = document_font(bold=field.required)
    cell.fill = _REQUIRED_FILL if field.required else _OPTIONAL_FILL
    cell.alignment = _HEADER_ALIGNMENT
    lines = {"vi": [], "en": [field.header_en]}[lang]
    lines += [describe_type(field, lang), describe_required(field, lang)]
    notes = describe_notes(field, kind, lang)
    if notes:
        lines.append(notes)
    comment = Comment("\n".join(lines), "ycs")
    comment.width, comment.height = 260, 110
    cell.comment = comment


def _column_width(field: Field) -> float:
    if field.type is FieldType.CODE:
        return 10
    if field.type is FieldType.TEXT:
        return 24
    # Headers wrap over up to four lines of the header row.
    return min(max(len(field.header) / 3 + 3, 11), 20)


def _validation(field: Field, lang: Lang) -> DataValidation | None:
    """Excel-side checks on the data rows; ycs checks everything again on reading."""
    low, high = _number(field.minimum) or "0", _number(field.maximum)
    if field.type is FieldType.BOOL:
        # ycs also reads "x", "Đạt", "1"…; the list guides without forbidding them.
        choices = ",".join(_BOOL_CHOICES)
        validation = DataValidation(type="list", formula1=f'"{choices}"', errorStyle="warning")
    elif field.type is FieldType.CODE:
        validation = DataValidation(type="textLength", operator="equal", formula1=str(field.width))
    elif field.numeric:
        if field.type is FieldType.PCT:
            high = "100"
        number: Literal["whole", "decimal"] = "whole" if field.integer else "decimal"
        if high:
            validation = DataValidation(
                type=number, operator="between", formula1=low, formula2=high
            )
        else:
            validation = DataValidation(type=number, operator="greaterThanOrEqual", formula1=low)
    else:
        return None
    validation.allow_blank = True
    # Without these flags Excel keeps the messages to itself and accepts anything silently.
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.promptTitle = validation.errorTitle = _prose("invalid", lang)
    validation.prompt = describe_type(field, lang)
    validation.errorTitle = _prose("invalid", lang)
    validation.error = describe_type(field, lang)
    return validation


def _add_instructions(sheet: Worksheet, kinds: tuple[SheetKind, ...], lang: Lang) -> None:
    bold = document_font(bold=True)
    sheet.cell(1, 1, _prose("instructions_title", lang)).font = document_font(bold=True, size=14)
    sheet.row_dimensions[1].height = _INSTRUCTIONS_TITLE_HEIGHT
    sheet.cell(3, 1, _prose("rules", lang)).font = bold
    rules = ("rule_row", "rule_blank", "rule_codes", "rule_period", "rule_headers", "rule_bool")
    row = 4
    for number, key in enumerate(rules, start=1):
        sheet.cell(row, 1, f"{number}. {_prose(key, lang)}").font = document_font()
        row += 1
    headings = ("column", "type", "required", "note")
    for kind in kinds:
        row += 1
        sheet.cell(row, 1, SHEET_NAMES[kind]).font = document_font(bold=True, size=12)
        sheet.row_dimensions[row].height = _SUBTITLE_HEIGHT
        row += 1
        for index, key in enumerate(headings, start=1):
            cell = sheet.cell(row, index, _prose(key, lang))
            cell.font = bold
            cell.fill = _OPTIONAL_FILL
        for index, field in enumerate(FIELDS[kind]):
            row += 1
            values = (
                _field_reference(field, index, lang),
                describe_type(field, lang),
                describe_required(field, lang),
                describe_notes(field, kind, lang),
            )
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row, column, value)
                cell.alignment = _TOP_WRAPPED
                cell.font = document_font(bold=column == 1 and field.required)
            sheet.row_dimensions[row].height = _wrapped_height(values, _INSTRUCTION_WIDTHS)
    for letter, width in zip("ABCD", _INSTRUCTION_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    print_setup(sheet)


_INSTRUCTION_WIDTHS = (48, 40, 22, 48)
_TOP_WRAPPED = Alignment(wrap_text=True, vertical="top")


def _wrapped_height(values: Iterable[str], widths: Iterable[float]) -> float:
    """A row tall enough for its longest wrapped cell (a width unit holds about one
    character; 10 % spare for wide letters)."""
    lines = max(
        (
            -(-len(value) * 11 // (10 * max(int(width) - 1, 1)))
            for value, width in zip(values, widths, strict=False)
        ),
        default=1,
    )
    return _LINE_HEIGHT * max(lines, 1) + 2


def _field_reference(field: Field, index: int, lang: Lang) -> str:
    """ "Cột E: Mã xã". Never the bare heading, not even once notes in parentheses are
    dropped, so that no reader takes the instructions for a data sheet."""
    heading = {"vi": field.header, "en": f"{field.header} ({field.header_en})"}[lang]
    return _prose("column_ref", lang, letter=column_letter(index), heading=heading)


def _add_version_sheet(sheet: Worksheet, kinds: tuple[SheetKind, ...], lang: Lang) -> None:
    """What this file is, for readers: the template version, its data sheets, and the
    instructions sheet, which holds no data."""
    rows = (
        ("template_version", __version__),
        ("sheets", ",".join(kinds)),
        ("instructions_sheet", _prose("instructions_sheet", lang)),
        ("created", date.today().isoformat()),
    )
    for row in rows:
        sheet.append(row)
    sheet.sheet_state = "hidden"

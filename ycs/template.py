"""The blank submission workbook that communes and districts fill in, built from fields.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ycs import __version__
from ycs.errors import column_letter
from ycs.fields import FIELDS, RELATIONS, SHEET_KINDS, Field, FieldType, SheetKind
from ycs.messages import Lang
from ycs.output import write_atomically

TemplateSheets = Literal["commune", "district", "both"]

SHEET_NAMES: dict[SheetKind, str] = {"commune": "Biểu xã", "district": "Biểu huyện"}
INSTRUCTIONS_SHEET: dict[Lang, str] = {"vi": "Hướng dẫn", "en": "Instructions"}
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

# Template prose, (Vietnamese, English). Column headings stay Vietnamese in both languages
# so that every office's file reads the same; only the explanations follow --lang.
_PROSE: dict[str, tuple[str, str]] = {
    "title_commune": (
        "BIỂU XÃ: số liệu trạm y tế xã, mỗi dòng một xã trong một kỳ báo cáo. "
        "Cột tô vàng, chữ đậm là bắt buộc; xem trang “Hướng dẫn”.",
        "COMMUNE SHEET: one row per commune per reporting period. "
        "Yellow bold columns are required; see the “Instructions” sheet.",
    ),
    "title_district": (
        "BIỂU HUYỆN: số liệu trung tâm y tế huyện, mỗi dòng một huyện trong một kỳ báo cáo. "
        "Cột tô vàng, chữ đậm là bắt buộc; xem trang “Hướng dẫn”.",
        "DISTRICT SHEET: one row per district health centre per reporting period. "
        "Yellow bold columns are required; see the “Instructions” sheet.",
    ),
    "instructions_title": (
        "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO Y TẾ CƠ SỞ",
        "HOW TO FILL IN THE GRASSROOTS HEALTH SUBMISSION TEMPLATE",
    ),
    "rules": ("Quy tắc chung", "General rules"),
    "rule_row": (
        "Mỗi dòng là một đơn vị (một xã hoặc một huyện) trong một kỳ báo cáo.",
        "One row per unit (a commune or a district) per reporting period.",
    ),
    "rule_blank": (
        "Ô để trống nghĩa là thiếu số liệu, không phải bằng 0. Số liệu bằng 0 thì ghi 0.",
        "A blank cell means the figure is missing, not zero. Write 0 when the figure is zero.",
    ),
    "rule_codes": (
        "Mã tỉnh (2 chữ số), mã huyện (3), mã xã (5) là mã ĐVHC của Tổng cục Thống kê; "
        "giữ nguyên số 0 ở đầu (ví dụ 00004). Các cột mã đã định dạng kiểu văn bản.",
        "Province (2 digits), district (3) and commune (5) codes are the GSO administrative "
        "codes; keep their leading zeros (e.g. 00004). Code columns are formatted as text.",
    ),
    "rule_period": (
        "Kỳ báo cáo: 2024 (năm), 2024-H1 (6 tháng đầu năm), 2024-9M (9 tháng), "
        "2024-Q3 (quý III), 2024-10 (tháng 10). Ghi kỳ ở mọi dòng; một dòng để trống kỳ "
        "chỉ được chấp nhận khi nơi tổng hợp chạy ycs với --period.",
        "Reporting period: 2024 (year), 2024-H1 (first half), 2024-9M (nine months), "
        "2024-Q3 (third quarter), 2024-10 (October). Fill it in on every row; a blank period "
        "is accepted only when the office that collects the files runs ycs with --period.",
    ),
    "rule_headers": (
        "Không sửa, xóa hay đổi chỗ dòng tiêu đề cột; cột không bắt buộc có thể để trống.",
        "Do not edit, delete or move the column headings; optional columns may stay blank.",
    ),
    "rule_bool": (
        "Cột Có/Không: chọn trong danh sách thả xuống.",
        "Có/Không (yes/no) columns: pick from the drop-down list.",
    ),
    "column": ("Cột và tiêu đề", "Column and heading"),
    "type": ("Kiểu dữ liệu", "Data type"),
    "required": ("Bắt buộc", "Required"),
    "note": ("Ghi chú", "Note"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "period_required": ("Có, nếu không dùng --period", "Yes, unless --period is given"),
    "column_ref": ("Cột {letter}: {heading}", "Column {letter}: {heading}"),
    "code": (
        "Mã {width} chữ số (mã ĐVHC của Tổng cục Thống kê), giữ số 0 ở đầu",
        "{width}-digit code (GSO administrative code), keep leading zeros",
    ),
    "text": ("Chữ", "Text"),
    "period": (
        "Kỳ: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M…",
        "Period: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M…",
    ),
    "bool": ("Có/Không", "Có/Không (yes/no)"),
    "int_min": ("Số nguyên ≥ {minimum}", "Whole number ≥ {minimum}"),
    "num_min": ("Số ≥ {minimum}", "Number ≥ {minimum}"),
    "int_range": (
        "Số nguyên từ {minimum} đến {maximum}",
        "Whole number from {minimum} to {maximum}",
    ),
    "num_range": ("Số từ {minimum} đến {maximum}", "Number from {minimum} to {maximum}"),
    "pct": ("Tỷ lệ % từ 0 đến 100", "Percentage from 0 to 100"),
    "needs_station": (
        "Chỉ điền khi xã có trạm y tế.",
        "Only when the commune has a health station.",
    ),
    "not_above": ("Không lớn hơn “{whole}”.", "Must not exceed “{whole}”."),
    "warn_above": (
        "Lớn hơn “{whole}” sẽ có cảnh báo.",
        "A warning is given when above “{whole}”.",
    ),
    "invalid": ("Giá trị không hợp lệ", "Invalid value"),
}


def _prose(key: str, lang: Lang, **params: object) -> str:
    vi, en = _PROSE[key]
    return (vi if lang == "vi" else en).format(**params)


def write_template(path: Path, sheets: TemplateSheets = "both", lang: Lang = "vi") -> None:
    """Write the blank submission workbook: data sheet(s), instructions and a version stamp."""
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
    _add_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET[lang]), kinds, lang)
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
    sheet.cell(TITLE_ROW, 1, _prose(f"title_{kind}", lang)).font = Font(bold=True, size=13)
    for index, field in enumerate(FIELDS[kind], start=1):
        _write_header(sheet, index, field, kind, lang)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _column_width(field)
        if field.type in _TEXT_TYPES:
            sheet.column_dimensions[letter].number_format = _TEXT_FORMAT
        validation = _validation(field, lang)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}")
    sheet.row_dimensions[HEADER_ROW].height = 62
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"


def _write_header(sheet: Worksheet, index: int, field: Field, kind: SheetKind, lang: Lang) -> None:
    cell = sheet.cell(HEADER_ROW, index, field.header)
    cell.font = Font(bold=field.required)
    cell.fill = _REQUIRED_FILL if field.required else _OPTIONAL_FILL
    cell.alignment = _HEADER_ALIGNMENT
    lines = [field.header_en] if lang == "en" else []
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
    validation.errorTitle = _prose("invalid", lang)
    validation.error = describe_type(field, lang)
    return validation


def _add_instructions(sheet: Worksheet, kinds: tuple[SheetKind, ...], lang: Lang) -> None:
    bold = Font(bold=True)
    sheet.cell(1, 1, _prose("instructions_title", lang)).font = Font(bold=True, size=14)
    sheet.cell(3, 1, _prose("rules", lang)).font = bold
    rules = ("rule_row", "rule_blank", "rule_codes", "rule_period", "rule_headers", "rule_bool")
    row = 4
    for number, key in enumerate(rules, start=1):
        sheet.cell(row, 1, f"{number}. {_prose(key, lang)}")
        row += 1
    headings = ("column", "type", "required", "note")
    for kind in kinds:
        row += 1
        sheet.cell(row, 1, SHEET_NAMES[kind]).font = Font(bold=True, size=12)
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
                sheet.cell(row, column, value).alignment = Alignment(wrap_text=True)
            sheet.cell(row, 1).font = Font(bold=field.required)
    for letter, width in zip("ABCD", (48, 40, 22, 48), strict=True):
        sheet.column_dimensions[letter].width = width


def _field_reference(field: Field, index: int, lang: Lang) -> str:
    """ "Cột E: Mã xã". Never the bare heading, not even once notes in parentheses are
    dropped, so that no reader takes the instructions for a data sheet."""
    heading = f"{field.header} ({field.header_en})" if lang == "en" else field.header
    return _prose("column_ref", lang, letter=column_letter(index), heading=heading)


def _add_version_sheet(sheet: Worksheet, kinds: tuple[SheetKind, ...], lang: Lang) -> None:
    """What this file is, for readers: the template version, its data sheets, and the
    instructions sheet, which holds no data."""
    rows = (
        ("template_version", __version__),
        ("sheets", ",".join(kinds)),
        ("instructions_sheet", INSTRUCTIONS_SHEET[lang]),
        ("created", date.today().isoformat()),
    )
    for row in rows:
        sheet.append(row)
    sheet.sheet_state = "hidden"

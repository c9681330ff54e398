"""Spreadsheet files built from rows, in every input format, for tests.

A table is a list of rows (lists of cell values; None is an empty cell) and optional merged
ranges in Excel notation ("A1:D1"). `write_table` picks the format from the file suffix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

Rows = Sequence[Sequence[object]]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: Rows
    merges: Sequence[str] = ()
    hidden: bool = False
    chart: bool = False  # an xlsx chart sheet (rows and merges unused)


def merge_bounds(merge: str) -> tuple[int, int, int, int]:
    """ "B3:C4" → (2, 1, 3, 2): first row, first column, last row, last column, 0-based."""
    (first_col, first_row), (last_col, last_row) = map(coordinate_from_string, merge.split(":"))
    left, right = column_index_from_string(first_col), column_index_from_string(last_col)
    return first_row - 1, left - 1, last_row - 1, right - 1


def write_table(
    path: Path,
    rows: Rows,
    merges: Sequence[str] = (),
    *,
    sheet: str = "Xã",
    delimiter: str | None = None,
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> Path:
    """One table in the format the suffix names (.xlsx .xlsm .xls .ods .csv .tsv .txt)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        default = "," if suffix == ".csv" else "\t"
        return write_text(
            path, rows, delimiter=delimiter or default, encoding=encoding, line_end=line_end
        )
    return write_workbook(path, Sheet(sheet, rows, merges))


def write_workbook(path: Path, *sheets: Sheet) -> Path:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return write_xlsx(path, *sheets)
    if suffix == ".xls":
        return write_xls(path, *sheets)
    if suffix == ".ods":
        return write_ods(path, *sheets)
    raise ValueError(f"no workbook format for {path.name}")


def write_xlsx(path: Path, *sheets: Sheet) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for sheet in sheets:
        if sheet.chart:
            workbook.create_chartsheet(sheet.name)
            continue
        ws = workbook.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for merge in sheet.merges:
            ws.merge_cells(merge)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    workbook.save(path)
    return path


def write_xls(path: Path, *sheets: Sheet) -> Path:
    workbook = xlwt.Workbook(encoding="utf-8")
    for sheet in sheets:
        ws = workbook.add_sheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value, _XLS_DATE if isinstance(value, dt.date) else _XLS_PLAIN)
        for merge in sheet.merges:
            top, left, bottom, right = merge_bounds(merge)
            ws.merge(top, bottom, left, right)
        if sheet.hidden:
            ws.visibility = 1
    workbook.save(str(path))
    return path


_XLS_PLAIN = xlwt.XFStyle()
_XLS_DATE = xlwt.easyxf(num_format_str="DD/MM/YYYY")


def write_ods(path: Path, *sheets: Sheet) -> Path:
    document = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.name)
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for merge in sheet.merges:
            top, left, bottom, right = merge_bounds(merge)
            spans[(top, left)] = (bottom - top + 1, right - left + 1)
            covered |= {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)} - {
                (top, left)
            }
        width = max((len(row) for row in sheet.rows), default=0)
        for r, row in enumerate(sheet.rows):
            table_row = TableRow()
            for c in range(width):
                if (r, c) in covered:
                    table_row.addElement(CoveredTableCell())
                    continue
                rows_spanned, columns_spanned = spans.get((r, c), (1, 1))
                value = row[c] if c < len(row) else None
                table_row.addElement(_ods_cell(value, rows_spanned, columns_spanned))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _ods_cell(value: object, rows_spanned: int, columns_spanned: int) -> TableCell:
    span: dict[str, object] = {}
    if rows_spanned > 1:
        span["numberrowsspanned"] = rows_spanned
    if columns_spanned > 1:
        span["numbercolumnsspanned"] = columns_spanned
    if value is None:
        return TableCell(**span)
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower(), **span)
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value, **span)
    elif isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **span)
    else:
        cell = TableCell(valuetype="string", **span)
    for line in str(value).split("\n"):
        cell.addElement(P(text=line))
    return cell


def write_text(
    path: Path,
    rows: Rows,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> Path:
    """A CSV/TSV file. `encoding` "utf-8-sig" writes a BOM, "utf-16" a BOM too, "utf-16-le"
    none; "cp1258" spells Vietnamese as Windows does, with combining tone marks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    text = buffer.getvalue()
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path.write_bytes(data)
    return path


def _cp1258(text: str) -> bytes:
    """Windows-1258 has few precomposed letters: "ồ" is written "ô" + combining grave."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and _encodable(composed):
                base = composed
                marks.remove(mark)
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def write_encrypted_package(path: Path) -> Path:
    """A password-protected Office file: an OLE2 compound file holding the "EncryptionInfo"
    and "EncryptedPackage" streams (MS-OFFCRYPTO), with placeholder contents.

    Both streams are 4096 bytes so they live in regular sectors (no mini stream needed).
    Layout: sector 0 FAT, sector 1 directory, sectors 2-9 and 10-17 the two streams.
    """
    end_of_chain, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fat_sector, end_of_chain, *range(3, 10), end_of_chain, *range(11, 18), end_of_chain]
    fat += [free] * (128 - len(fat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        end_of_chain,
        0,
        end_of_chain,
        0,
    ) + struct.pack("<109I", 0, *[free] * 108)
    directory = (
        _ole_entry("Root Entry", 5, child=1, start=end_of_chain, size=0)
        + _ole_entry("EncryptionInfo", 2, right=2, start=2, size=4096)
        + _ole_entry("EncryptedPackage", 2, start=10, size=4096)
        + b"\0" * 128
    )
    path.write_bytes(
        header + struct.pack("<128I", *fat) + directory + b"\x04" * 4096 + b"\x9c" * 4096
    )
    return path


def _ole_entry(
    name: str, kind: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF, start: int, size: int
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        0xFFFFFFFF,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )

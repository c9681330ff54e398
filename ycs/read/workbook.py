"""A workbook's visible worksheets, parsed by python-calamine in this process.

Every cell is kept from A1 so that positions are absolute. Reading a file of unknown
origin goes through `ycs.read.sources`, which checks it first or parses it in a child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from ycs.errors import YcsError
from ycs.read import limits, panics
from ycs.text import normalise_header, shown_path

if TYPE_CHECKING:  # the header matcher loads the field catalogue: not before a load starts
    from ycs.read.headers import Merge

WorkbookFormat = Literal["xlsx", "xls", "ods"]
# The template's own instructions sheet is never data and not worth a mention.
INSTRUCTION_SHEETS = frozenset({"huong dan", "instructions"})
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# The stream an encrypted Office package keeps its key in, named in an OLE2 directory entry.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le") + b"\x00\x00"
_SUFFIXES: dict[WorkbookFormat, tuple[str, ...]] = {
    "xlsx": (".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm"),
    "xls": (".xls", ".xlt"),
    "ods": (".ods",),
}


@dataclass(frozen=True, slots=True)
class SheetCells:
    """A visible worksheet: every cell from A1, so positions are absolute, and its merges."""

    name: str
    rows: Sequence[Sequence[object]]
    merges: list[Merge]


def library_reason(exc: BaseException) -> str:
    """A library's message, bounded: it may quote the file's own bytes."""
    text = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    text = " ".join(text.split())  # one line, whatever the library wrote
    return text if len(text) <= 200 else text[:200] + "…"


def parse_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    """The sheets, parsed in this process; a panic's own message never reaches stderr."""
    with panics.kept_quiet():
        return _parse_sheets(path, fmt)


def _parse_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    workbook = _open_workbook(path, fmt)
    sheets: list[SheetCells] = []
    with workbook:
        for name in _data_sheet_names(workbook):
            try:
                sheet = workbook.get_sheet_by_name(name)
                _check_grid(path, sheet)
                rows = sheet.to_python(skip_empty_area=False)
                merges = _merges_of(sheet)
            except YcsError:
                raise
            except BaseException as exc:
                raise _library_error(path, exc) from exc
            sheets.append(SheetCells(name, rows, merges))
    return sheets


@dataclass(frozen=True, slots=True)
class SheetPiece:
    """One visible worksheet's rows in one piece of a workbook (`ycs.read.pieces`): from row
    `top` (0-based), each from column `left`, `width` columns counted from A."""

    name: str
    rows: Sequence[Sequence[object]]
    merges: list[Merge]
    top: int
    left: int
    width: int


def parse_piece(path: Path, *, first: bool) -> list[SheetPiece]:
    """Each data sheet's rows in a piece the pieces module wrote. The first piece keeps its
    rows from A1 and the merged ranges (which follow the rows in the XML); the others start
    at their first cell. Errors are python-calamine's own: the caller parses the file whole."""
    pieces: list[SheetPiece] = []
    with CalamineWorkbook.from_path(path) as book:
        for name in _data_sheet_names(book):
            sheet = book.get_sheet_by_name(name)
            _check_grid(path, sheet)
            end, start = sheet.end, sheet.start
            width = end[1] + 1 if end is not None else 0
            if first or start is None:
                rows = sheet.to_python(skip_empty_area=False) if first else []
                pieces.append(SheetPiece(name, rows, _merges_of(sheet), 0, 0, width))
            else:
                rows = sheet.to_python(skip_empty_area=True)
                pieces.append(SheetPiece(name, rows, [], start[0], start[1], width))
    return pieces


def _data_sheet_names(workbook: CalamineWorkbook) -> list[str]:
    """The visible worksheets, other than an instructions sheet: hidden sheets hold lookup
    lists and old versions, chart sheets hold no cells."""
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.visible == SheetVisibleEnum.Visible
        and meta.typ == SheetTypeEnum.WorkSheet
        and normalise_header(meta.name) not in INSTRUCTION_SHEETS
    ]


def _merges_of(sheet: CalamineSheet) -> list[Merge]:
    ranges = sheet.merged_cell_ranges or []
    return [(top, left, bottom, right) for (top, left), (bottom, right) in ranges]


def _check_grid(path: Path, sheet: CalamineSheet) -> None:
    """The grid `to_python` builds, from A1 to the last cell, before it is built."""
    end = sheet.end
    height, width = (end[0] + 1, end[1] + 1) if end is not None else (0, 0)
    if height > limits.MAX_ROWS:
        raise limits.too_large(path, "rows", height, limits.MAX_ROWS)
    if width > limits.MAX_COLUMNS:
        raise limits.too_large(path, "columns", width, limits.MAX_COLUMNS)
    if height * width > limits.MAX_CELLS:
        raise limits.too_large(path, "cells", height * width, limits.MAX_CELLS)


def _open_workbook(path: Path, fmt: WorkbookFormat) -> CalamineWorkbook:
    try:
        if path.suffix.lower() in _SUFFIXES[fmt]:
            return CalamineWorkbook.from_path(path)
        # Misnamed files: calamine picks its parser by the name, so give it the bytes.
        with path.open("rb") as stream:
            return CalamineWorkbook.from_filelike(stream)
    except BaseException as exc:
        raise _library_error(path, exc) from exc


def _library_error(path: Path, exc: BaseException) -> YcsError:
    """python-calamine's errors, including its panics: a panic is a BaseException (pyo3),
    which `except Exception` would let through as a traceback."""
    if not isinstance(exc, Exception) and not is_panic(exc):
        raise exc  # KeyboardInterrupt, SystemExit: not the file's fault
    if isinstance(exc, PasswordError) or _is_encrypted_package(path):
        return YcsError("password_protected", path=shown_path(path))
    if isinstance(exc, MemoryError):
        return YcsError("out_of_memory", path=shown_path(path))
    return YcsError("corrupt_file", path=shown_path(path), reason=library_reason(exc))


def is_panic(exc: BaseException) -> bool:
    """A Rust panic inside python-calamine, raised as pyo3's PanicException."""
    return type(exc).__name__ == "PanicException"


def _is_encrypted_package(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 file with an "EncryptionInfo" stream (MS-OFFCRYPTO).

    OLE2 directory entries are 128-byte aligned, which tells an entry name from cell text.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(limits.MAX_TEXT_BYTES)
    except OSError:
        return False
    if not data.startswith(OLE2_MAGIC):
        return False
    found = data.find(_ENCRYPTION_INFO)
    while found != -1:
        if found % 128 == 0:
            return True
        found = data.find(_ENCRYPTION_INFO, found + 1)
    return False

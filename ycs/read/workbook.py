"""A workbook's visible worksheets, parsed by python-calamine in this process.

Every cell is kept from A1 so that positions are absolute. Reading a file of unknown
origin goes through `ycs.read.sources`, which checks it first or parses it in a child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

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
        for meta in workbook.sheets_metadata:
            # Hidden sheets hold lookup lists and old versions; chart sheets hold no cells.
            if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if normalise_header(meta.name) in INSTRUCTION_SHEETS:
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                _check_sheet_size(path, sheet.height, sheet.width)
                rows = sheet.to_python(skip_empty_area=False)
                ranges = sheet.merged_cell_ranges or []
            except YcsError:
                raise
            except BaseException as exc:
                raise _library_error(path, exc) from exc
            merges = [(top, left, bottom, right) for (top, left), (bottom, right) in ranges]
            sheets.append(SheetCells(meta.name, rows, merges))
    return sheets


def _check_sheet_size(path: Path, height: int, width: int) -> None:
    """The grid `to_python` would build, before it is built."""
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

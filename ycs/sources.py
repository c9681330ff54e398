"""Input files: folders expanded, formats told from content, workbook sheets loaded.

python-calamine releases the interpreter lock while it parses, so a workbook can be loaded
in a background thread while Python does other work: importing the pipeline, or checking
the previous file. `prefetch` starts that; `workbook_sheets` takes the result, or loads the
workbook itself when nothing was prefetched. This module imports no pandas, so the command
line can start a load before the heavy imports.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from ycs.errors import YcsError
from ycs.text import normalise_header

if TYPE_CHECKING:  # the header matcher loads the field catalogue: not before a load starts
    from ycs.headers import Merge

# What a directory is searched for; a file named explicitly is read whatever its name.
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"})
Format = Literal["xlsx", "xls", "ods", "text"]
WorkbookFormat = Literal["xlsx", "xls", "ods"]
# The template's own instructions sheet is never data and not worth a mention.
INSTRUCTION_SHEETS = frozenset({"huong dan", "instructions"})

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# The stream an encrypted Office package keeps its key in, named in an OLE2 directory entry.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le") + b"\x00\x00"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
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


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: directories replaced by the spreadsheets inside them (recursively,
    sorted, without hidden files and Excel's "~$" lock files), each file once."""
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(
                p
                for p in given.rglob("*")
                if p.suffix.lower() in SPREADSHEET_SUFFIXES
                and p.is_file()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(given).parts)
            )
            if not found:
                raise YcsError("no_spreadsheets", path=str(given))
            files.extend(found)
        elif given.is_file():
            files.append(given)
        else:
            raise YcsError("file_not_found", path=str(given))
    return list(dict.fromkeys(files))


def file_format(path: Path) -> Format:
    """The real format, from the first bytes rather than the name (a CSV named .xlsx is text)."""
    head = _guarded(path, lambda: _first_bytes(path))
    if not head:
        raise YcsError("empty_file", path=str(path))
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(path)
    if head.startswith(_OLE2_MAGIC):
        return "xls"
    return "text"


def file_bytes(path: Path) -> bytes:
    return _guarded(path, path.read_bytes)


def _first_bytes(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(8)


def _guarded[T](path: Path, read: Callable[[], T]) -> T:
    try:
        return read()
    except FileNotFoundError as exc:
        raise YcsError("file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise YcsError("unreadable_file", path=str(path), reason=exc.strerror or str(exc)) from exc


def _zip_format(path: Path) -> WorkbookFormat:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise YcsError("corrupt_file", path=str(path), reason=str(exc)) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if mimetype == _ODS_MIMETYPE:
        return "ods"
    raise YcsError("unsupported_format", path=str(path), hint_vi="", hint_en="")


class _Background:
    """Workbooks being loaded ahead of their turn, one at a time."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.pending: dict[Path, Future[list[SheetCells]]] = {}

    def start(self, path: Path, fmt: WorkbookFormat) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ycs-workbook")
        self.pending[path.resolve()] = self.pool.submit(_load_sheets, path, fmt)

    def take(self, path: Path) -> Future[list[SheetCells]] | None:
        return self.pending.pop(path.resolve(), None)


_background = _Background()


def prefetch(path: Path) -> None:
    """Start loading `path` in the background if it is a workbook; problems wait for
    `workbook_sheets`, which reports them as if nothing had been prefetched."""
    try:
        fmt = file_format(path)
    except YcsError:
        return
    if fmt != "text" and path.resolve() not in _background.pending:
        _background.start(path, fmt)


def workbook_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    """The visible worksheets of a workbook, other than an instructions sheet."""
    pending = _background.take(path)
    return pending.result() if pending is not None else _load_sheets(path, fmt)


def _load_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
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
                rows = sheet.to_python(skip_empty_area=False)
                ranges = sheet.merged_cell_ranges or []
            except Exception as exc:
                raise _library_error(path, exc) from exc
            merges = [(top, left, bottom, right) for (top, left), (bottom, right) in ranges]
            sheets.append(SheetCells(meta.name, rows, merges))
    return sheets


def _open_workbook(path: Path, fmt: WorkbookFormat) -> CalamineWorkbook:
    try:
        if path.suffix.lower() in _SUFFIXES[fmt]:
            return CalamineWorkbook.from_path(path)
        # Misnamed files: calamine picks its parser by the name, so give it the bytes.
        with path.open("rb") as stream:
            return CalamineWorkbook.from_filelike(stream)
    except Exception as exc:
        raise _library_error(path, exc) from exc


def _library_error(path: Path, exc: Exception) -> YcsError:
    if isinstance(exc, PasswordError) or _is_encrypted_package(path):
        return YcsError("password_protected", path=str(path))
    return YcsError("corrupt_file", path=str(path), reason=str(exc) or type(exc).__name__)


def _is_encrypted_package(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 file with an "EncryptionInfo" stream (MS-OFFCRYPTO).

    OLE2 directory entries are 128-byte aligned, which tells an entry name from cell text.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if not data.startswith(_OLE2_MAGIC):
        return False
    found = data.find(_ENCRYPTION_INFO)
    while found != -1:
        if found % 128 == 0:
            return True
        found = data.find(_ENCRYPTION_INFO, found + 1)
    return False

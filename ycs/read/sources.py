"""Input files: folders expanded, formats told from content, workbook sheets loaded.

python-calamine releases the interpreter lock while it parses, so a workbook can be loaded
in a background thread while Python does other work: importing the pipeline, or checking
the previous file. `prefetch` starts that; `workbook_sheets` takes the result, or loads the
workbook itself when nothing was prefetched. This module imports no pandas, so the command
line can start a load before the heavy imports.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ycs.errors import YcsError
from ycs.read import isolated, limits, panics, pieces
from ycs.read.workbook import (
    OLE2_MAGIC,
    SheetCells,
    WorkbookFormat,
    library_reason,
    parse_sheets,
)
from ycs.text import os_reason, shown_path

if TYPE_CHECKING:  # the header matcher loads the field catalogue: not before a load starts
    pass

# What a directory is searched for; a file named explicitly is read whatever its name.
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"})
_TEXT_SUFFIXES = frozenset({".csv", ".tsv"})
Format = Literal["xlsx", "xls", "ods", "text"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# The custom document property ycs's own workbooks (reports, reviews) carry: a report
# written into the folder being checked is never read back as a submission.
REPORT_PROPERTY = "ycs-report"
_REPORT_MARK = f'name="{REPORT_PROPERTY}"'.encode()


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: directories replaced by the spreadsheets inside them (recursively,
    sorted, without hidden files, such as an interrupted run's temporary output, and Excel's
    "~$" lock files), each file once."""
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
                raise YcsError("no_spreadsheets", path=shown_path(given))
            files.extend(found)
        else:
            check_regular_file(given)
            files.append(given)
    return list(dict.fromkeys(files))


def check_regular_file(path: Path) -> None:
    """A file that can be read to its end: not missing, a device, a pipe or a link loop."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise YcsError("file_not_found", path=shown_path(path)) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YcsError("symlink_loop", path=shown_path(path)) from exc
        raise YcsError("unreadable_file", path=shown_path(path), reason=os_reason(exc)) from exc
    if not stat.S_ISREG(mode):
        raise YcsError("not_a_file", path=shown_path(path))


def file_format(path: Path) -> Format:
    """The real format, from the first bytes rather than the name (a CSV named .xlsx is text)."""
    head = _guarded(path, lambda: _first_bytes(path))
    if not head:
        raise YcsError("empty_file", path=shown_path(path))
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(path)
    if head.startswith(OLE2_MAGIC):
        return "xls"
    return "text"


def file_bytes(path: Path) -> bytes:
    """A text file's bytes, refused unread when it is larger than any real submission."""

    def read() -> bytes:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limits.MAX_TEXT_BYTES:
                raise limits.too_large(path, "text_bytes", size, limits.MAX_TEXT_BYTES)
            # Bounded even if the file grows while it is read.
            data = stream.read(limits.MAX_TEXT_BYTES + 1)
        if len(data) > limits.MAX_TEXT_BYTES:
            raise limits.too_large(path, "text_bytes", len(data), limits.MAX_TEXT_BYTES)
        return data

    return _guarded(path, read)


def _first_bytes(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(8)


def _guarded[T](path: Path, read: Callable[[], T]) -> T:
    try:
        return read()
    except FileNotFoundError as exc:
        raise YcsError("file_not_found", path=shown_path(path)) from exc
    except OSError as exc:
        raise YcsError("unreadable_file", path=shown_path(path), reason=os_reason(exc)) from exc


def _zip_format(path: Path) -> WorkbookFormat:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip()[:100] if "mimetype" in names else b""
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
        OSError,  # a directory pointing past the end of the file
    ) as exc:
        raise YcsError("corrupt_file", path=shown_path(path), reason=library_reason(exc)) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if mimetype == _ODS_MIMETYPE:
        return "ods"
    raise YcsError("unsupported_format", path=shown_path(path))


def is_ycs_report(path: Path) -> bool:
    """A workbook ycs wrote: its docProps/custom.xml names REPORT_PROPERTY. Anything
    unreadable is not a report; the read that follows reports the damage."""
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                entry = archive.getinfo("docProps/custom.xml")
            except KeyError:
                return False
            with archive.open(entry) as stream:
                return _REPORT_MARK in stream.read(64 * 1024)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
        OSError,
    ):
        return False


@dataclass(slots=True)
class _Early:
    """A load started before the command line was parsed, waiting for the read that uses it."""

    path: Path
    identity: tuple[int, int, int, int]
    future: Future[list[SheetCells]]


# At most one: the load the console script starts before the command line is parsed.
_early: list[_Early] = []


def start_early(path: Path) -> None:
    """Start loading `path` before anything else is imported, for the next read to take over
    (`Prefetcher`). Problems wait for that read, which reports them as if nothing had been
    loaded early; a file changed in between is loaded again."""
    if _early:
        return
    try:
        identity = _identity(path)
    except OSError:
        return  # the read reports it
    started = _start(path)
    if started is not None:
        _early.append(_Early(path.resolve(), identity, started))


def loading_early() -> bool:
    """Whether the load `start_early` began is still running: python-calamine releases the
    interpreter while it parses, so this thread has time for work of its own."""
    return any(not early.future.done() for early in _early)


def _identity(path: Path) -> tuple[int, int, int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _start(path: Path) -> Future[list[SheetCells]] | None:
    try:
        fmt = file_format(path)
    except YcsError:
        return None
    if fmt == "text":
        return None
    # One thread per load: a load outlives the read only when that read stopped early.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ycs-workbook")
    try:
        return pool.submit(_load_sheets, path, fmt)
    finally:
        pool.shutdown(wait=False)


class Prefetcher:
    """The workbooks one read loads ahead of their turn; it owns them, and forgets them
    when the read ends (a `with` block), so a later read loads every file afresh."""

    def __init__(self) -> None:
        self._pending: dict[Path, Future[list[SheetCells]]] = {}

    def __enter__(self) -> Prefetcher:
        panics.hold()
        while _early:
            early = _early.pop()
            try:
                unchanged = _identity(early.path) == early.identity
            except OSError:
                unchanged = False
            if unchanged:
                self._pending[early.path] = early.future
        return self

    def __exit__(self, *_exc: object) -> None:
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        # A load may still run when the read stops on a file: the line ycs prints about
        # that file must reach stderr now, not after that load.
        panics.release()

    def start(self, path: Path) -> None:
        if path.suffix.lower() in _TEXT_SUFFIXES:
            return  # nothing to load ahead: a text file is read in a moment when its turn comes
        key = path.resolve()
        if key not in self._pending:
            started = _start(path)
            if started is not None:
                self._pending[key] = started

    def sheets(self, path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
        """The visible worksheets of a workbook, other than an instructions sheet."""
        pending = self._pending.pop(path.resolve(), None)
        return pending.result() if pending is not None else _load_sheets(path, fmt)


def workbook_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    """The visible worksheets of a workbook, loaded now."""
    return _load_sheets(path, fmt)


def _load_sheets(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    """Checked against the limits first. An .xls or .ods cannot be checked cheaply before
    it is parsed, so it is parsed in a child process with bounded memory and time (neither
    format is used for national files, so the 0.1 s this costs stays small); so is an
    .xlsx whose cells the scan cannot bound."""
    if fmt in {"xls", "ods"}:
        if fmt == "ods":
            limits.check_workbook_zip(path, xlsx=False)
        return isolated.load(path, fmt)
    # The scan inflates every sheet's XML: it keeps that of large ones for the parse in pieces.
    large: dict[str, bytes] | None = {} if pieces.piece_count() > 1 else None
    if not limits.check_workbook_zip(path, xlsx=True, keep=large):
        # Cells the scan cannot bound: a real file passes in the child, a hostile one ends it.
        return isolated.load(path, fmt)
    if large:
        return pieces.parse_in_pieces(path, large)
    return parse_sheets(path, fmt)

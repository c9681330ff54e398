"""A large worksheet parsed in pieces, one thread each, with the result of a whole parse.

python-calamine parses a sheet in one thread (with the interpreter lock released): a
national year is 140 MB of sheet XML and two seconds, in which it inflates and reads the XML
twice, once for the cells and once for the merged ranges. The scan that bounds the cells
(`limits.cells_bounded`) has inflated that XML already, so here it is cut between rows, each
piece written with the rest of the workbook into a temporary workbook stored without
compression, its merged ranges moved before its rows (so that the second reading stops
there), and the pieces are parsed at the same time on the machine's cores. A piece
holds only bytes the scan has seen, so it is as bounded as the whole. The rows are joined
back in order; anything unexpected (a piece python-calamine refuses, rows out of order
across a cut) falls back to parsing the file whole, which also words any error.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ycs.read import panics
from ycs.read.workbook import SheetCells, SheetPiece, is_panic, parse_piece, parse_sheets

# More pieces than cores only adds work: each piece parses the rest of the workbook again.
MAX_PIECES = 4
_ROW_START = re.compile(rb"<row[ \t\r\n>/]")
_SHEET_DATA = b"<sheetData"
_SHEET_DATA_END = b"</sheetData>"
_MERGES = b"mergeCells"
_MERGES_END = b"</mergeCells>"
_NO_MERGES = b"<mergeCells></mergeCells>"
_AFTER_NAME = b" \t\r\n>/"


def piece_count() -> int:
    """How many pieces a large sheet is parsed in: one for each core this process may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        cores = os.cpu_count() or 1
    return max(1, min(MAX_PIECES, cores))


def parse_in_pieces(path: Path, large: dict[str, bytes]) -> list[SheetCells]:
    """The sheets of an .xlsx as `parse_sheets` gives them, `large` holding the inflated XML
    of its large parts (emptied here, so that it is freed while the pieces are parsed)."""
    count = piece_count()
    # A part that cannot be cut is parsed whole in the first piece, like the small ones.
    cuts = {name: cut for name, xml in large.items() if (cut := _row_cuts(xml, count))}
    files = _written(path, large, cuts, count) if count > 1 and cuts else None
    large.clear()
    joined: list[SheetCells] | None = None
    if files:
        try:
            joined = _parsed(files)
        finally:
            for file in files:
                file.unlink(missing_ok=True)
    return joined if joined is not None else parse_sheets(path, "xlsx")


def _row_cuts(xml: bytes, count: int) -> list[int] | None:
    """Where to cut a worksheet's XML into `count` pieces: the end of its <sheetData> tag,
    the start of a row near each equal share of the rows' bytes, and </sheetData>. None when
    there are no rows or too few. Every "<" among the rows starts an element (the scan keeps
    no XML with comments or CDATA there, where "<row" could be text)."""
    opening = xml.find(_SHEET_DATA)
    closing = xml.rfind(_SHEET_DATA_END)
    start = xml.find(b">", opening) + 1
    if opening < 0 or not 0 < start <= closing or xml[start - 2 : start] == b"/>":
        return None
    cuts = [start]
    for k in range(1, count):
        share = start + (closing - start) * k // count
        found = _ROW_START.search(xml, max(share, cuts[-1] + 1), closing)
        if found is None or not _after_row(xml, found.start()):
            return None
        cuts.append(found.start())
    return [*cuts, closing]


def _after_row(xml: bytes, at: int) -> bool:
    """Whether the tag before `at` ends a row: the cut then lies between two rows."""
    tag = xml[xml.rfind(b"<", 0, at) : at].rstrip()
    return tag == b"</row>" or (tag.startswith(b"<row") and tag.endswith(b"/>"))


def _written(
    path: Path, large: dict[str, bytes], cuts: dict[str, list[int]], count: int
) -> list[Path] | None:
    """The pieces as workbooks in temporary files, every entry stored: piece k holds the
    k-th rows of each part in `cuts`, and the other parts' rows only in the first piece (the
    others would parse them again). None when they cannot be written as the file is read."""
    files: list[Path] = []
    folder = _piece_folder(sum(map(len, large.values())))
    try:
        for _ in range(count):
            handle, name = tempfile.mkstemp(prefix="ycs-", suffix=".xlsx", dir=folder)
            os.close(handle)
            files.append(Path(name))
        with zipfile.ZipFile(path) as archive:
            if not _copyable(archive.namelist()):
                raise ValueError("entry names a copy would change")
            outputs = [zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) for file in files]
            try:
                for entry in archive.infolist():
                    _copy_entry(archive, entry, large, cuts, outputs)
            finally:
                for output in outputs:
                    output.close()
    except Exception:  # a full disk, an entry zipfile cannot read: the whole parse decides
        for file in files:
            file.unlink(missing_ok=True)
        return None
    return files


def _piece_folder(size: int) -> str | None:
    """Memory rather than disk where the system offers room for `size` bytes there: each
    piece is read once, at once. None is the system's temporary folder."""
    shared = "/dev/shm"
    try:
        room = os.statvfs(shared)
    except (AttributeError, OSError):  # no such folder, or no statvfs on this system
        return None
    if os.access(shared, os.W_OK) and room.f_bavail * room.f_frsize > 2 * size:
        return shared
    return None


def _copyable(names: list[str]) -> bool:
    """Entries a copy names as the original does: each name once, kept as written."""
    return len(set(names)) == len(names) and all(
        zipfile.ZipInfo(name).filename == name for name in names
    )


def _copy_entry(
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    large: dict[str, bytes],
    cuts: dict[str, list[int]],
    outputs: list[zipfile.ZipFile],
) -> None:
    name = entry.filename
    if name in cuts:
        xml, at = large[name], cuts[name]
        opening, first_merges = xml.find(_SHEET_DATA), _merges_first(xml, at[-1])
        view = memoryview(xml)
        for k, output in enumerate(outputs):
            with output.open(name, "w") as target:
                target.write(view[:opening])
                target.write(first_merges if k == 0 else _NO_MERGES)
                target.write(view[opening : at[0]])
                target.write(view[at[k] : at[k + 1]])
                target.write(view[at[-1] :])
        return
    content = large[name] if name in large else archive.read(entry)
    rest = _without_rows(content) if name.endswith(".xml") else content
    for k, output in enumerate(outputs):
        output.writestr(name, content if k == 0 else rest)


def _merges_first(xml: bytes, closing: int) -> bytes:
    """The sheet's merged ranges as an element to put before its rows. python-calamine looks
    for them in a pass of its own that reads up to the first <mergeCells>: after the rows,
    where writers put it, that pass reads the whole sheet again. Nothing when the first is
    not that plain element after the rows: the pass then reads what the file holds."""
    first = xml.find(_MERGES)
    if first < 0:
        return _NO_MERGES  # the pass would find none either
    tag_end = xml.find(b">", first)
    if first <= closing or xml[first - 1] != ord("<") or tag_end < 0:
        return b""
    if xml[first + len(_MERGES)] not in _AFTER_NAME:
        return b""
    if xml[tag_end - 1] == ord("/"):
        return xml[first - 1 : tag_end + 1]
    end = xml.find(_MERGES_END, tag_end)
    return xml[first - 1 : end + len(_MERGES_END)] if end >= 0 else b""


def _without_rows(xml: bytes) -> bytes:
    """A small sheet's XML without its rows, for the pieces after the first."""
    opening = xml.find(_SHEET_DATA)
    closing = xml.rfind(_SHEET_DATA_END)
    start = xml.find(b">", opening) + 1
    if opening < 0 or not 0 < start <= closing or xml[start - 2 : start] == b"/>":
        return xml
    return xml[:start] + xml[closing:]


def _parsed(files: list[Path]) -> list[SheetCells] | None:
    """The pieces parsed at once, the first in this thread, and joined; None when one fails."""
    first, *others = files
    with (
        panics.kept_quiet(),
        ThreadPoolExecutor(len(others), thread_name_prefix="ycs-piece") as pool,
    ):
        later = [pool.submit(parse_piece, file, first=False) for file in others]
        try:
            parts = [parse_piece(first, first=True), *(done.result() for done in later)]
        except BaseException as exc:
            if not isinstance(exc, Exception) and not is_panic(exc):
                raise
            return None
    return _joined(parts)


def _joined(parts: list[list[SheetPiece]]) -> list[SheetCells] | None:
    """Each sheet's pieces joined in order; None when the pieces do not line up."""
    names = [piece.name for piece in parts[0]]
    if any([piece.name for piece in part] != names for part in parts):
        return None
    sheets: list[SheetCells] = []
    for i, name in enumerate(names):
        rows = _stitched([part[i] for part in parts])
        if rows is None:
            return None
        sheets.append(SheetCells(name, rows, parts[0][i].merges))
    return sheets


def _stitched(pieces: list[SheetPiece]) -> list[Sequence[object]] | None:
    """The rows of one sheet's pieces as one grid from A1, as a whole parse gives it: blank
    rows between pieces, every row as wide as the widest. None when a piece starts above
    the end of the one before (rows out of order across a cut)."""
    width = max(piece.width for piece in pieces)
    rows: list[Sequence[object]] = []
    for piece in pieces:
        if not piece.rows:
            continue
        if piece.top < len(rows):
            return None
        rows.extend([""] * width for _ in range(piece.top - len(rows)))
        if piece.left == 0 and piece.width == width:
            rows.extend(piece.rows)
        else:
            left, right = [""] * piece.left, [""] * (width - piece.width)
            rows.extend([*left, *row, *right] for row in piece.rows)
    return rows

"""Limits a real submission never reaches, checked before a file is parsed.

A workbook is a zip archive of XML, and python-calamine sizes its grids from what the file
declares: a 2 KB file can ask for hundreds of gigabytes. Everything it declares is read
here first, cheaply (the zip directory, the first bytes of each sheet), and a file beyond
these limits is refused with one line naming the limit. A national year is about 4 million
cells in 140 MB of sheet XML; the limits leave ample room above that. The cells of an .xlsx
are then located by a byte scan (`cells_bounded`): what it cannot bound is parsed in a
child process instead.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ycs.errors import YcsError
from ycs.text import shown_path

# Excel's own sheet size.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
# Declared cells of all sheets together, and shared strings (a national year: ~4 M cells).
MAX_CELLS = 20_000_000
MAX_SHARED_STRINGS = 10_000_000
# The zip directory: what the archive expands to, how far one entry may expand, how many.
MAX_UNPACKED_BYTES = 1 << 30
MAX_ENTRY_RATIO = 200
RATIO_CHECKED_ABOVE = 64 << 20  # small entries may compress as well as they like
MAX_ENTRIES = 10_000
# Text spreadsheets are read whole; a national year of monthly rows is ~30 MB.
MAX_TEXT_BYTES = 512 << 20
# The first bytes of a sheet's XML hold its <dimension>; of sharedStrings.xml, the count.
_HEAD_BYTES = 64 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL = re.compile(r"\$?([A-Za-z]+)\$?([0-9]+)")
# Beyond these lengths a reference is past any limit; int() is never asked for more.
_HUGE = 10**12
_SST_COUNT = re.compile(rb"<(?:\w+:)?sst\b[^>]*?\b(?:uniqueCount|count)\s*=\s*[\"']([0-9]+)[\"']")


def too_large(path: Path, limit: str, value: int, maximum: int) -> YcsError:
    return YcsError("over_limit", path=shown_path(path), limit=limit, value=value, maximum=maximum)


def check_zip(path: Path, archive: zipfile.ZipFile) -> None:
    """The zip directory: entry count, expanded size and expansion ratio."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise too_large(path, "zip_entries", len(entries), MAX_ENTRIES)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise too_large(path, "unpacked_bytes", unpacked, MAX_UNPACKED_BYTES)
    for entry in entries:
        if entry.file_size > RATIO_CHECKED_ABOVE:
            ratio = entry.file_size // max(entry.compress_size, 1)
            if ratio > MAX_ENTRY_RATIO:
                raise too_large(path, "zip_ratio", ratio, MAX_ENTRY_RATIO)


def check_xlsx(path: Path, archive: zipfile.ZipFile, keep: dict[str, bytes] | None = None) -> bool:
    """Each worksheet's declared <dimension> and the declared shared-string count; then the
    cells themselves (`cells_bounded`, which fills `keep`). False when this process may not
    parse the file."""
    cells = 0
    for entry in archive.infolist():
        name = entry.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            found = _DIMENSION.search(_head(archive, entry))
            if found is not None:
                rows, columns = _extent(found.group(1).decode("ascii", "replace"))
                if rows > MAX_ROWS:
                    raise too_large(path, "rows", rows, MAX_ROWS)
                if columns > MAX_COLUMNS:
                    raise too_large(path, "columns", columns, MAX_COLUMNS)
                cells += rows * columns
        elif name == "xl/sharedStrings.xml":
            counted = _SST_COUNT.search(_head(archive, entry))
            strings = int(counted.group(1)) if counted is not None else 0
            if strings > MAX_SHARED_STRINGS:
                raise too_large(path, "shared_strings", strings, MAX_SHARED_STRINGS)
    if cells > MAX_CELLS:
        raise too_large(path, "cells", cells, MAX_CELLS)
    return cells_bounded(archive, keep)


def cells_bounded(archive: zipfile.ZipFile, keep: dict[str, bytes] | None = None) -> bool:
    """Whether the grid python-calamine builds for each sheet is surely within the limits.

    calamine sizes a sheet's grid from its cells, whatever the <dimension> says, and
    `to_python` extends it up to A1: one cell at XFD1048576 asks for 512 GiB and aborts the
    process. Every writer puts the position first in each cell (`<c r="B7"`), so the
    positions are found by a byte scan rather than an XML parse. Anything the scan cannot
    bound (a cell without a position, a namespace prefix, a binary .xlsb sheet) or finds too
    large is False: such a file is parsed in a child process with bounded memory, which a
    real file passes and a hostile one cannot harm.

    With `keep`, the XML of parts of KEPT_ABOVE bytes or more is left there, inflated, for
    the parse to use (`ycs.read.pieces`); when False is returned it holds nothing.
    """
    if any(name.endswith(".bin") for name in archive.namelist()):
        return False
    for entry in archive.infolist():
        name = entry.filename
        # Any part may be named a sheet by the workbook's relationships: all XML is scanned
        # but the shared strings, whose text cannot hold a tag (it escapes "<").
        if not name.endswith(".xml") or name == "xl/sharedStrings.xml":
            continue
        kept = keep is not None and _worth_keeping(entry)
        try:
            if kept:
                data = archive.read(entry)
                extent = _extent_in(data)
            else:
                extent = _cell_extent(archive, entry)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            # A bad checksum or damage past the first bytes: calamine may still read the
            # cells (it checks no checksum), so the child decides, as it would have alone.
            extent = None
        if extent is None or not extent.within_limits():
            if keep is not None:
                keep.clear()
            return False
        # Kept only when every "<" among its rows starts an element: it can be cut there.
        if kept and keep is not None and extent.markup < data.find(b"<sheetData"):
            keep[name] = data
    return True


# Worksheets whose XML is kept inflated for the parse: large enough to be worth parsing in
# pieces, small enough to hold in memory at once.
KEPT_ABOVE = 32 << 20
KEPT_BELOW = 512 << 20


def _worth_keeping(entry: zipfile.ZipInfo) -> bool:
    return (
        entry.filename.startswith("xl/worksheets/") and KEPT_ABOVE <= entry.file_size <= KEPT_BELOW
    )


@dataclass(slots=True)
class _Extent:
    """The last row and column holding a cell, 1-based; 0 while none is seen. The grid
    `to_python` builds starts at A1, so these alone say its size."""

    last_row: int = 0
    last_column: int = 0
    # Where the last comment, CDATA section or declaration ("<!", "<?") starts, -1 if none:
    # inside them "<row" may be text, so rows after one are not cut into pieces.
    markup: int = -1

    def within_limits(self) -> bool:
        return (
            self.last_row <= MAX_ROWS
            and self.last_column <= MAX_COLUMNS
            and self.last_row * self.last_column <= MAX_CELLS
        )


_CHUNK = 8 << 20
_OVERLAP = 32  # longer than any `<c r="XFD1048576"` a bounded position can be
# What may follow "<c" in a cell's start tag, and the bytes of ` r="` after it.
_AFTER_C = b" \t\r\n>/"
_POSITION = b' r="'
# What makes a chunk worth the scan: cells, with or without a prefix, and other markup.
_WORTH_SCANNING = (b"<c", b":c", b":row", b"<!", b"<?")


def _cell_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> _Extent | None:
    """The extent of the cells of one part, streamed in chunks; None when not boundable."""
    extent = _Extent()
    tail = b""
    offset = 0  # of data[0] in the part
    with archive.open(entry) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = tail + chunk
            last = not chunk
            # Tags starting in the overlap are looked at with the next chunk.
            end = len(data) if last else max(len(data) - _OVERLAP, 0)
            if not _scan(data, end, extent, offset):
                return None
            if last:
                return extent
            tail = data[end:]
            offset += end


def _extent_in(data: bytes) -> _Extent | None:
    """The extent of the cells of one part held in memory, scanned in the same chunks."""
    extent = _Extent()
    for start in range(0, max(len(data), 1), _CHUNK):
        end = min(_CHUNK, len(data) - start)
        if not _scan(data[start : start + _CHUNK + _OVERLAP], end, extent, start):
            return None
    return extent


def _scan(data: bytes, end: int, extent: _Extent, offset: int) -> bool:
    """Add the cells whose start tag begins before `end`, `data` starting at `offset` in its
    part; False when one has a position this scan cannot read."""
    if not any(mark in data for mark in _WORTH_SCANNING):
        return True  # no cell, with or without a prefix: the other parts of a workbook
    import numpy as np

    padded = np.frombuffer(data + bytes(_OVERLAP), dtype=np.uint8)
    after = np.zeros(256, dtype=bool)
    after[list(_AFTER_C)] = True
    # A namespace prefix (`<x:c r=…`) hides cells from the scan below.
    colons = np.flatnonzero(padded[:end] == ord(":"))
    prefixed = (padded[colons + 1] == ord("c")) & after[padded[colons + 2]]
    prefixed |= (
        (padded[colons + 1] == ord("r"))
        & (padded[colons + 2] == ord("o"))
        & (padded[colons + 3] == ord("w"))
        & after[padded[colons + 4]]
    )
    if prefixed.any():
        return False
    tags = np.flatnonzero(padded[:end] == ord("<"))
    second = padded[tags + 1]
    markup = tags[(second == ord("!")) | (second == ord("?"))]
    if markup.size:
        extent.markup = offset + int(markup[-1])
    tags = tags[second == ord("c")]
    tags = tags[after[padded[tags + 2]]]
    if not tags.size:
        return True
    # Each cell's ` r="`, then up to 3 letters, 7 digits and a quote, byte by byte.
    for k, expected in enumerate(_POSITION, start=2):
        if not (padded[tags + k] == expected).all():
            return False  # a cell placed after the one before it, or written unusually
    at = tags + 6
    column = np.zeros(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for _ in range(4):
        letter = padded[at] - np.uint8(ord("A"))  # wraps below "A"
        going &= letter < 26
        if not going.any():
            break
        column = np.where(going, column * 26 + letter + 1, column)
        at += going
    if going.any() or not column.all():
        return False  # no letter, or four
    row = np.zeros(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for _ in range(8):
        figure = padded[at] - np.uint8(ord("0"))
        going &= figure < 10
        if not going.any():
            break
        row = np.where(going, row * 10 + figure, row)
        at += going
    if going.any() or not row.all() or not (padded[at] == ord('"')).all():
        return False  # no row number, a zero, eight digits or an unclosed value
    extent.last_row = max(extent.last_row, int(row.max()))
    extent.last_column = max(extent.last_column, int(column.max()))
    return True


def _head(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    with archive.open(entry) as stream:
        return stream.read(_HEAD_BYTES)


def _extent(ref: str) -> tuple[int, int]:
    """Rows and columns a range such as "A1:XFD1048576" spans from A1 (calamine's grid
    starts at the first cell, but a file can put that cell anywhere)."""
    rows = columns = 0
    for part in ref.split(":")[:2]:
        cell = _CELL.fullmatch(part.strip())
        if cell is None:
            # Anything else is not a range a spreadsheet writes; calamine may still read
            # the cells, so it is no reason to refuse the file.
            continue
        letters, digits = cell.groups()
        rows = max(rows, int(digits) if len(digits) <= 12 else _HUGE)
        columns = max(columns, _column_number(letters.upper()) if len(letters) <= 8 else _HUGE)
    return rows, columns


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_workbook_zip(path: Path, xlsx: bool, keep: dict[str, bytes] | None = None) -> bool:
    """Everything a zipped workbook (xlsx or ods) declares, before it is parsed. True when
    an xlsx may be parsed in this process (see `cells_bounded`, which fills `keep`)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(path, archive)
            return check_xlsx(path, archive, keep) if xlsx else False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise YcsError("corrupt_file", path=shown_path(path), reason=str(exc)[:200]) from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise YcsError("corrupt_file", path=shown_path(path), reason=str(exc)[:200]) from exc
    except OSError as exc:
        raise YcsError(
            "corrupt_file", path=shown_path(path), reason=exc.strerror or str(exc)
        ) from exc

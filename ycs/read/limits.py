"""Limits a real submission never reaches, checked before a file is parsed.

A workbook is a zip archive of XML, and python-calamine sizes its grids from what the file
declares: a 2 KB file can ask for hundreds of gigabytes. Everything it declares is read
here first, cheaply (the zip directory, the first bytes of each sheet), and a file beyond
these limits is refused with one line naming the limit. A national year is about 4 million
cells in 40 MB of sheet XML; the limits leave ample room above that.
"""

from __future__ import annotations

import re
import zipfile
import zlib
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


def check_xlsx(path: Path, archive: zipfile.ZipFile) -> None:
    """Each worksheet's declared <dimension> and the declared shared-string count."""
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


def check_workbook_zip(path: Path, xlsx: bool) -> None:
    """Everything a zipped workbook (xlsx or ods) declares, before it is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(path, archive)
            if xlsx:
                check_xlsx(path, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise YcsError("corrupt_file", path=shown_path(path), reason=str(exc)[:200]) from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise YcsError("corrupt_file", path=shown_path(path), reason=str(exc)[:200]) from exc
    except OSError as exc:
        raise YcsError(
            "corrupt_file", path=shown_path(path), reason=exc.strerror or str(exc)
        ) from exc

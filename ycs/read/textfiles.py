"""Text spreadsheets (CSV, TSV, Excel "Unicode text"): encoding, head records, fast body read."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from ycs.errors import YcsError
from ycs.text import shown_path

DELIMITERS = (",", ";", "\t")
# The title block and the header sit in the first lines: only they go through the csv
# module; the body goes to pandas' C parser.
_HEAD_BYTES = 256 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# Control characters that never occur in a text spreadsheet (tab, CR, LF and FF do).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MARKUP = re.compile(r"<\s*(html|table|!doctype|\?xml|workbook)", re.IGNORECASE)
# The message says what the file is and how to save it as a workbook.
_MARKUP_HINT = {"variant": "web_page"}


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A text file: its beginning as text, and all of it as UTF-8 for the C parser.

    `encoding` names the file's encoding for the user when it was not UTF-8. A UTF-8 file
    keeps its own bytes, so the body is parsed without decoding it in Python. `whole` tells
    that the head is all the text.
    """

    head: str
    utf8: bytes
    encoding: str | None
    whole: bool


@dataclass(frozen=True, slots=True)
class Record:
    """One record of the head and the 1-based lines it spans, as a text editor numbers them."""

    cells: list[str]
    line: int
    end_line: int


def decode(path: Path, data: bytes) -> DecodedText:
    """A file that is not a workbook, as text: UTF-8 (BOM or not), UTF-16 or Windows-1258."""
    decoded = _decode(path, data)
    if not decoded.head.strip():
        raise YcsError("empty_file", path=shown_path(path))
    if len(_BINARY.findall(decoded.head)) > len(decoded.head) // 100:
        raise YcsError("unsupported_format", path=shown_path(path))
    if decoded.head.lstrip().startswith("<") and _MARKUP.search(decoded.head[:4096]):
        raise YcsError("unsupported_format", path=shown_path(path), **_MARKUP_HINT)
    return decoded


def _decode(path: Path, data: bytes) -> DecodedText:
    if data.startswith(_UTF8_BOM):
        return _utf8(path, data[len(_UTF8_BOM) :])
    utf16 = "utf-16" if data.startswith(_UTF16_BOMS) else _utf16_without_bom(data[:4096])
    if utf16 is not None:
        return _transcoded(path, data, utf16, "UTF-16")
    if b"\x00" in data:
        raise YcsError("unsupported_format", path=shown_path(path))
    try:
        return _utf8(path, data)
    except YcsError:
        return _transcoded(path, data, "cp1258", "Windows-1258")


def _utf8(path: Path, data: bytes) -> DecodedText:
    """Only the head is decoded here; the C parser checks the rest (see read_body)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    whole = len(data) <= _HEAD_BYTES
    try:
        head = decoder.decode(data[:_HEAD_BYTES], final=whole)
    except UnicodeDecodeError as exc:
        raise YcsError("undecodable_text", path=shown_path(path)) from exc
    return DecodedText(head, data, None, whole)


def _transcoded(path: Path, data: bytes, codec: str, name: str) -> DecodedText:
    try:
        # Windows-1258 spells Vietnamese with combining tone marks; NFC makes them one letter.
        text = unicodedata.normalize("NFC", data.decode(codec))
    except UnicodeDecodeError as exc:
        raise YcsError("undecodable_text", path=shown_path(path)) from exc
    return DecodedText(text[:_HEAD_BYTES], text.encode("utf-8"), name, len(text) <= _HEAD_BYTES)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL bytes in every other position (digits, punctuation)."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


class Head:
    """The first lines of a text file, parsed into records with any delimiter."""

    def __init__(self, decoded: DecodedText) -> None:
        # newline="" splits at \n, \r\n and \r alike, as text editors count lines.
        self.lines = list(io.StringIO(decoded.head, newline=""))
        if not decoded.whole and self.lines:
            self.lines.pop()  # possibly cut short
        self._decoded = decoded
        self._offsets = np.cumsum([0, *map(len, self.lines)])

    def records(self, delimiter: str, limit: int) -> list[Record]:
        reader = csv.reader(iter(self.lines), delimiter=delimiter)
        records: list[Record] = []
        try:
            for cells in islice(reader, limit):
                line = records[-1].end_line + 1 if records else 1
                records.append(Record(cells, line, reader.line_num))
        except csv.Error:
            pass  # a quote left open at the end of the head: the records before it suffice
        return records

    def body(self, first_line: int) -> bytes:
        """The file's UTF-8 content from a 1-based line on."""
        offset = int(self._offsets[min(first_line - 1, len(self.lines))])
        return self._decoded.utf8[len(self._decoded.head[:offset].encode("utf-8")) :]


def read_body(
    path: Path, head: Head, delimiter: str, first_line: int, width: int
) -> tuple[list[pd.Series], npt.NDArray[np.int64]]:
    """Every record from `first_line` on, as one text Series per column ("" where empty), and
    the line each record starts on."""
    body = head.body(first_line)
    columns = _parse_small(body, delimiter, width) if len(body) <= SMALL_BODY else None
    if columns is None:
        columns = _parse_arrow(body, delimiter, width)
    if columns is None:
        frame = _parse(path, body, delimiter, width)
        columns = [frame[c] for c in frame.columns]
    rows = len(columns[0]) if columns else 0
    # Without quotes no cell can hold a line break, so records and lines are one to one.
    if b'"' not in body or rows == _line_count(body):
        lines = first_line + np.arange(rows, dtype=np.int64)
    else:
        lines = first_line + _record_starts(body.decode("utf-8"), delimiter)
    return columns, lines


# A commune's file of a few rows: Arrow's reader and Arrow-backed columns cost milliseconds
# a file in set-up, which a folder of a thousand such files pays a thousand times.
SMALL_BODY = 16 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_small_body(
    head: Head, delimiter: str, first_line: int, width: int
) -> tuple[list[list[str]], npt.NDArray[np.int64]] | None:
    """A small body without quotes as Python lists of text, one per record, and the line
    each starts on; None when it is larger or not that simple (`read_body` reads it then).

    A commune's file of two rows is checked faster in plain Python than through any frame.
    """
    body = head.body(first_line)
    if len(body) > SMALL_BODY:
        return None
    records = _split_small(body, delimiter, width)
    if records is None:
        return None
    return records, first_line + np.arange(len(records), dtype=np.int64)


def _split_small(body: bytes, delimiter: str, width: int) -> list[list[str]] | None:
    """A body without quotes split as Arrow would split it, every record `width` cells wide;
    None when it is not that simple."""
    if b'"' in body:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = _LINE_BREAK.split(text) if text else []
    if lines and lines[-1] == "":
        lines.pop()
    records = [line.split(delimiter) for line in lines]
    if any(len(record) != width for record in records):
        return None  # blank or short lines: the parsers below decide
    return records


def _parse_small(body: bytes, delimiter: str, width: int) -> list[pd.Series] | None:
    """A small body without quotes, split as Arrow would split it, into object columns of
    text (as the tolerant parser gives); None when it is not that simple."""
    records = _split_small(body, delimiter, width) if body else None
    if records is None:
        return None
    grid = np.empty((len(records), width), dtype=object)
    if records:
        grid[:, :] = records
    return [pd.Series(grid[:, c], dtype=object, copy=False) for c in range(width)]


def _parse_arrow(body: bytes, delimiter: str, width: int) -> list[pd.Series] | None:
    """The body parsed by Arrow into Arrow-backed text columns, or None when a line does not
    hold exactly `width` fields (a blank line, a short signature line), which only the
    tolerant parser below reads faithfully.

    Arrow's reader is multi-threaded and creates no Python string per cell, so a national
    file is read in a fraction of the time, and the value parsers work on Arrow directly.
    """
    # An unbalanced quote is broken quoting; the tolerant parser reports it.
    if not body or body.isspace() or body.count(b'"') % 2:
        return None
    uneven: list[int] = []

    def reject(row: pa_csv.InvalidRow) -> str:
        uneven.append(row.expected_columns)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(body),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=reject,
            ),
            convert_options=pa_csv.ConvertOptions(
                # large_string is what pandas' Arrow-backed text holds: no copy to convert.
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if uneven:
        return None
    # Through to_pandas the Arrow buffers are taken as they are; building each Series from
    # its array instead validates every string again, at about 30 times the cost.
    text = pd.StringDtype("pyarrow")
    frame = table.to_pandas(types_mapper={pa.large_string(): text}.get)
    return [frame[name] for name in names]


def _parse(path: Path, body: bytes, delimiter: str, width: int) -> pd.DataFrame:
    if not body or body.isspace():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in range(width)})
    for attempt in range(2):
        try:
            with warnings.catch_warnings():
                # pandas only warns when a line is wider than `names` and drops its extra
                # cells: an error here, so that the wider read below keeps them.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                return pd.read_csv(
                    io.BytesIO(body),
                    sep=delimiter,
                    header=None,
                    names=range(width),
                    dtype=object,
                    na_filter=False,
                    keep_default_na=False,
                    skip_blank_lines=False,
                    index_col=False,
                    engine="c",
                    encoding="utf-8",
                    quotechar='"',
                )
        except UnicodeDecodeError as exc:
            raise YcsError("undecodable_text", path=shown_path(path)) from exc
        except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
            # Rows wider than the header (notes, signatures): read again, wide enough for all.
            wider = _max_fields(body, delimiter)
            if attempt or wider <= width:
                raise YcsError(
                    "unreadable_file", path=shown_path(path), reason=str(exc)[:200]
                ) from exc
            width = wider
    raise AssertionError("unreachable")


def _max_fields(body: bytes, delimiter: str) -> int:
    """The most fields on any line (an upper bound: quoted delimiters count too)."""
    buffer = np.frombuffer(body, dtype=np.uint8)
    breaks = np.flatnonzero((buffer == ord("\n")) | (buffer == ord("\r")))
    delimiters = np.flatnonzero(buffer == ord(delimiter))
    bounds = np.searchsorted(delimiters, np.concatenate(([0], breaks, [len(buffer)])))
    return int(np.diff(bounds).max(initial=0)) + 1


def _line_count(body: bytes) -> int:
    breaks = body.count(b"\n") + body.count(b"\r") - body.count(b"\r\n")
    return breaks + (0 if body.endswith((b"\n", b"\r")) else 1)


def _record_starts(text: str, delimiter: str) -> npt.NDArray[np.int64]:
    """0-based line offset of each record, when cells hold line breaks (rare, so row by row)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts: list[int] = []
    end = 0
    for _ in reader:
        starts.append(end)
        end = reader.line_num
    return np.asarray(starts, dtype=np.int64)

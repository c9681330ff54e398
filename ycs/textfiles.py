"""Text spreadsheets (CSV, TSV, Excel "Unicode text"): decoding, the head's records and the fast body read."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.errors import YcsError

DELIMITERS = (",", ";", "\t")
# The title block and header sit in the first lines; only they go through the csv module.
_HEAD_CHARS = 256 * 1024
_SAMPLE_BYTES = 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# Control characters that never occur in a text spreadsheet (tab, CR, LF, FF do).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MARKUP = re.compile(r"<\s*(html|table|!doctype|\?xml|workbook)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A text file's content; `encoding` names it for the user when it was not UTF-8.

    `utf8` keeps the file's own bytes (BOM removed) when they are UTF-8, so that the body can
    be parsed without encoding the text again.
    """

    text: str
    encoding: str | None
    utf8: bytes | None


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record of the head and the 1-based lines it spans, as a text editor numbers them."""

    cells: list[str]
    line: int
    end_line: int


def decode(path: Path, data: bytes) -> DecodedText:
    """The text of a file that is not a workbook: UTF-8 (BOM or not), UTF-16 or Windows-1258."""
    decoded = _decode(path, data)
    sample = decoded.text[:_HEAD_CHARS]
    if not sample.strip():
        raise YcsError("empty_file", path=str(path))
    if len(_BINARY.findall(sample)) > len(sample) // 100:
        raise YcsError("unsupported_format", path=str(path), hint_vi="", hint_en="")
    if sample.lstrip().startswith("<") and _MARKUP.search(sample[:2048]):
        raise YcsError(
            "unsupported_format",
            path=str(path),
            hint_vi="; tệp là trang web (HTML/XML) mang đuôi bảng tính: mở bằng Excel rồi lưu lại dạng .xlsx",
            hint_en="; it is a web page (HTML/XML) with a spreadsheet name: open it in Excel and save as .xlsx",
        )
    return decoded


def _decode(path: Path, data: bytes) -> DecodedText:
    try:
        if data.startswith(_UTF8_BOM):
            return DecodedText(data[3:].decode("utf-8"), None, data[3:])
        if data.startswith(_UTF16_BOMS):
            return DecodedText(data.decode("utf-16"), "UTF-16", None)
        utf16 = _utf16_without_bom(data[:_SAMPLE_BYTES])
        if utf16 is not None:
            return DecodedText(data.decode(utf16), "UTF-16", None)
    except UnicodeDecodeError as exc:
        raise YcsError("undecodable_text", path=str(path)) from exc
    if b"\x00" in data:
        raise YcsError("unsupported_format", path=str(path), hint_vi="", hint_en="")
    try:
        return DecodedText(data.decode("utf-8"), None, data)
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1258 spells Vietnamese with combining tone marks; NFC makes them one letter.
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError as exc:
        raise YcsError("undecodable_text", path=str(path)) from exc
    return DecodedText(text, "Windows-1258", None)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position (ASCII punctuation, digits)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


class Head:
    """The first lines of a text file, parsed into records for any delimiter."""

    def __init__(self, text: str) -> None:
        # newline="" splits at \n, \r\n and \r alike, as text editors count lines.
        self.lines = list(io.StringIO(text[:_HEAD_CHARS], newline=""))
        if len(text) > _HEAD_CHARS and self.lines:
            self.lines.pop()  # cut mid-line
        self.offsets = np.concatenate(([0], np.cumsum([len(line) for line in self.lines])))

    def records(self, delimiter: str, limit: int) -> list[Record]:
        reader = csv.reader(iter(self.lines), delimiter=delimiter)
        records: list[Record] = []
        try:
            for cells in islice(reader, limit):
                records.append(Record(cells, records[-1].end_line + 1 if records else 1,
                                      reader.line_num))
        except csv.Error:
            pass  # a quote opened near the end of the head: the records before it are enough
        return records

    def offset(self, line: int) -> int:
        """Character offset where a 1-based line starts."""
        return int(self.offsets[min(line - 1, len(self.lines))])


def read_body(
    path: Path, decoded: DecodedText, head: Head, delimiter: str, first_line: int, width: int
) -> tuple[list[npt.NDArray[np.object_]], npt.NDArray[np.int64]]:
    """Every record from `first_line` on, as one str array per column ("" where empty), and
    the line each record starts on."""
    offset = head.offset(first_line)
    if decoded.utf8 is not None:
        body = decoded.utf8[len(decoded.text[:offset].encode("utf-8")) :]
    else:
        body = decoded.text[offset:].encode("utf-8")
    frame = _parse(path, body, delimiter, width)
    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    # Without quotes no cell can hold a line break, so records and lines are one to one.
    if b'"' not in body or len(frame) == _line_count(body):
        lines = first_line + np.arange(len(frame), dtype=np.int64)
    else:
        lines = first_line + _record_starts(body.decode("utf-8"), delimiter)
    return columns, lines


def _parse(path: Path, body: bytes, delimiter: str, width: int) -> pd.DataFrame:
    if not body.strip():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in range(width)})
    for attempt in range(2):
        try:
            return pd.read_csv(
                io.BytesIO(body), sep=delimiter, header=None, names=range(width), dtype=object,
                na_filter=False, keep_default_na=False, skip_blank_lines=False, index_col=False,
                engine="c", encoding="utf-8", quotechar='"',
            )
        except pd.errors.ParserError as exc:
            # Rows wider than the header (notes, signatures): read again wide enough for all.
            wider = _max_fields(body, delimiter)
            if attempt or wider <= width:
                raise YcsError("unreadable_file", path=str(path), reason=str(exc)) from exc
            width = wider
    raise AssertionError("unreachable")


def _max_fields(body: bytes, delimiter: str) -> int:
    """The most fields on any line (an upper bound: quoted delimiters count too)."""
    buffer = np.frombuffer(body, dtype=np.uint8)
    breaks = np.flatnonzero((buffer == 10) | (buffer == 13))
    delimiters = np.flatnonzero(buffer == ord(delimiter))
    bounds = np.searchsorted(delimiters, np.concatenate(([0], breaks, [len(buffer)])))
    return int(np.diff(bounds).max(initial=0)) + 1


def _line_count(body: bytes) -> int:
    breaks = body.count(b"\n") + body.count(b"\r") - body.count(b"\r\n")
    return breaks + (0 if body.endswith((b"\n", b"\r")) else 1)


def _record_starts(text: str, delimiter: str) -> npt.NDArray[np.int64]:
    """0-based line offset of each record, for bodies with line breaks inside cells (rare)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts: list[int] = []
    previous_end = 0
    for _ in reader:
        starts.append(previous_end)
        previous_end = reader.line_num
    return np.asarray(starts, dtype=np.int64)

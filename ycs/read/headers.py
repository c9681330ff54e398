"""Printed forms read: where the header is, which column is which field, which rows are not data."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from ycs.check.fields import FIELDS, SHEET_KINDS, UNIT_CODE, SheetKind
from ycs.text import normalise_header

# A merged range as (first_row, first_column, last_row, last_column), 0-based and inclusive.
Merge = tuple[int, int, int, int]
_FIGURE = re.compile(r"[\d\s.,%+-]+")

# The header is looked for among the first rows only, so a data row is never taken for it.
HEADER_SEARCH_ROWS = 40
# Group headings over sub-headings over sub-sub-headings is as deep as printed forms go.
MAX_HEADER_ROWS = 3

IDENTITY_FIELDS = ("commune_code", "commune_name", "district_code", "district_name")
_ROW_NUMBER_HEADERS = frozenset(
    normalise_header(text) for text in ("STT", "TT", "Số TT", "Số thứ tự", "Thứ tự", "No.")
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_WHITESPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[+-]?\d[\d.,\s]*%?")


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """The heading of one column; `row` is where its text is written (0-based, as `column`)."""

    column: int
    row: int
    text: str


@dataclass(frozen=True, slots=True)
class Header:
    """Where a sheet's headings are and what they mean.

    Rows `first_row`..`last_row` (0-based, inclusive) are the header block: group headings
    on top, sub-headings at the bottom. `row_number_columns` ("STT") carry no data.
    """

    kind: SheetKind
    first_row: int
    last_row: int
    fields: dict[str, HeaderCell]
    unknown: tuple[HeaderCell, ...]
    row_number_columns: tuple[int, ...]


def cell_text(value: object) -> str:
    """A cell as text: whitespace (line breaks included) collapsed, blanks as ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):  # a blank cell read through pandas
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    return _WHITESPACE.sub(" ", str(value)).strip()


def title_lines(rows: Sequence[Sequence[object]]) -> tuple[str, ...]:
    """The text of each non-empty row, its distinct cells joined by spaces."""
    lines = (" ".join(dict.fromkeys(t for t in map(cell_text, row) if t)) for row in rows)
    return tuple(line for line in lines if line)


def find_header(rows: Sequence[Sequence[object]], merges: Sequence[Merge] = ()) -> Header | None:
    """The header of a sheet whose first rows are `rows`, or None when it is not a data sheet.

    The header is the block of up to three rows whose columns match the most fields.
    `merges` are the merged ranges, where the format records them (not CSV, nor ODS as read).
    """
    texts = _text_grid(rows[: HEADER_SEARCH_ROWS + MAX_HEADER_ROWS])
    filled = [{c for c, text in enumerate(row) if text} for row in texts]
    best: Header | None = None
    for last in range(min(len(texts), HEADER_SEARCH_ROWS)):
        if not filled[last]:
            continue
        for first in range(last, max(-1, last - MAX_HEADER_ROWS), -1):
            # A block matches at most one field per column that has text in it: one that
            # cannot beat the best so far is not matched at all (a header over the data
            # rows of a small file leaves nothing to match below it).
            if best is not None and len(set().union(*filled[first : last + 1])) <= len(best.fields):
                continue
            header = _match_block(texts, merges, first, last)
            # Strictly better only: the earliest row and the shallowest block win ties,
            # which keeps the title lines above the header out of it.
            if header is not None and (best is None or len(header.fields) > len(best.fields)):
                best = header
    return None if best is None else _extend_downward(texts, merges, best)


@dataclass(frozen=True, slots=True)
class _Part:
    """A piece of heading text that covers a cell, and the cell where it is written."""

    text: str
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    field: str
    quality: tuple[int, int]  # (heading rows used, 1 as written / 0 with "(…)" notes dropped)
    cell: HeaderCell


def _text_grid(rows: Sequence[Sequence[object]]) -> list[list[str]]:
    """Rows as text, as wide as their last non-empty cell (a stray far cell costs nothing)."""
    texts = [[cell_text(v) for v in row] for row in rows]
    width = max((c + 1 for row in texts for c in range(len(row)) if row[c]), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in texts]


def _match_block(
    texts: list[list[str]], merges: Sequence[Merge], first: int, last: int
) -> Header | None:
    return _match_rows(first, tuple(map(tuple, texts[first : last + 1])), tuple(merges))


@lru_cache(maxsize=1024)
def _match_rows(
    first: int, rows: tuple[tuple[str, ...], ...], merges: tuple[Merge, ...]
) -> Header | None:
    """The header that rows first… (`rows`) make; the files of a folder share their header
    rows, which are matched once. Nothing reads the rows above `first`."""
    texts: list[list[str]] = [[] for _ in range(first)] + [list(row) for row in rows]
    last = first + len(rows) - 1
    chains = _column_chains(texts, merges, first, last)
    matched = {kind: _match_columns(chains, kind) for kind in SHEET_KINDS}
    kind = _choose_kind(matched)
    if kind is None:
        return None
    row_numbers = tuple(
        c
        for c, chain in enumerate(chains)
        if chain and normalise_header(chain[-1].text) in _ROW_NUMBER_HEADERS
    )
    fields, unknown = _resolve(matched[kind], chains, row_numbers)
    return Header(kind, first, last, fields, unknown, row_numbers)


def _column_chains(
    texts: list[list[str]], merges: Sequence[Merge], first: int, last: int
) -> list[list[_Part]]:
    """For each column, the headings over it within rows first..last, top to bottom.

    A column whose bottom heading is written further left (one heading merged across several
    columns) has no heading of its own and gets an empty chain.
    """
    block: list[list[_Part | None]] = [
        [_Part(text, r, c) if text else None for c, text in enumerate(texts[r])]
        for r in range(first, last + 1)
    ]
    merged = _spread_merges(block, texts, merges, first)
    _spread_groups(block, merged)
    chains: list[list[_Part]] = []
    for c in range(len(block[0])):
        chain: list[_Part] = []
        for row in block:
            part = row[c]
            if part is not None and (not chain or chain[-1] != part):
                chain.append(part)
        chains.append(chain if chain and chain[-1].column == c else [])
    return chains


def _spread_merges(
    block: list[list[_Part | None]], texts: list[list[str]], merges: Sequence[Merge], first: int
) -> set[tuple[int, int]]:
    """Copy each merged cell's text over its range; returns the block cells merges cover."""
    covered: set[tuple[int, int]] = set()
    last, width = first + len(block) - 1, len(block[0])
    for top, left, bottom, right in merges:
        if bottom < first or top > last or left >= width:
            continue
        # A merge that starts above the block has its text outside it: its cells stay empty.
        part = _Part(texts[top][left], top, left) if top >= first and texts[top][left] else None
        for r in range(max(top, first), min(bottom, last) + 1):
            for c in range(left, min(right, width - 1) + 1):
                covered.add((r - first, c))
                block[r - first][c] = part
    return covered


def _spread_groups(block: list[list[_Part | None]], merged: set[tuple[int, int]]) -> None:
    """Spread group headings rightward over the empty cells beside them (all rows but the last).

    Forms without merged cells (CSV, ODS, "centre across selection") write a group heading
    once, in its first column.
    """
    for r, row in enumerate(block[:-1]):
        for c in range(1, len(row)):
            if row[c] is None and (r, c) not in merged and (r, c - 1) not in merged:
                row[c] = row[c - 1]


def _match_columns(chains: list[list[_Part]], kind: SheetKind) -> dict[int, _Candidate]:
    matched: dict[int, _Candidate] = {}
    for c, chain in enumerate(chains):
        # A figure at the bottom means a data row, never a heading: most candidates end so.
        if not chain or _FIGURE.fullmatch(chain[-1].text):
            continue
        found = _match_texts(tuple(p.text for p in chain), kind)
        if found is not None:
            name, start, as_written = found
            parts = chain[start:]
            cell = HeaderCell(parts[-1].column, parts[-1].row, _joined(parts))
            matched[c] = _Candidate(name, (len(parts), as_written), cell)
    return matched


@lru_cache(maxsize=4096)
def _match_texts(texts: tuple[str, ...], kind: SheetKind) -> tuple[str, int, int] | None:
    """The field that headings `texts` (top to bottom) name, using as many of them as can be:
    "Bác sĩ" + "Làm việc" before "Làm việc" alone; with the first text used and whether the
    match is as written (1) or needed the "(…)" notes dropped (0)."""
    lookup = _lookup(kind)
    for start in range(len(texts)):
        written = texts[start:]
        for as_written, used in ((1, written), (0, [_PARENTHESES.sub(" ", t) for t in written])):
            heading = normalise_header(" ".join(used))
            # "Số kỹ thuật mới", "Tổng số bác sĩ", "Số lượng …": counting words are optional.
            bare = _COUNTING_WORDS.sub("", heading)
            name = lookup.get(heading) or lookup.get(bare) or lookup.get(f"so {bare}")
            if name is not None:
                return name, start, as_written
    return None


def match_heading(text: str, kind: SheetKind) -> str | None:
    """The field that one heading names, matched as column headings are (SPEC §2.2)."""
    found = _match_texts((text,), kind)
    return None if found is None else found[0]


def _joined(parts: Sequence[_Part]) -> str:
    return " - ".join(p.text for p in parts)


@cache
def _lookup(kind: SheetKind) -> dict[str, str]:
    """Normalised heading → field name, from canonical names, Vietnamese headers and aliases."""
    lookup: dict[str, str] = {}
    for f in FIELDS[kind]:
        for text in (f.name, f.header, *f.aliases):
            lookup.setdefault(normalise_header(text), f.name)
    return lookup


def _choose_kind(matched: dict[SheetKind, dict[int, _Candidate]]) -> SheetKind | None:
    """Which sheet the matched columns describe; None when no required field is there.

    The commune code settles it. Otherwise a district code and name without a commune name
    make a district sheet; failing both, the kind with more columns only it recognises wins
    ("Đơn vị" names a commune or a district alike).
    """
    names = {kind: {m.field for m in matched[kind].values()} for kind in SHEET_KINDS}
    possible = [
        kind
        for kind in SHEET_KINDS
        if any(f.required and f.name in names[kind] for f in FIELDS[kind])
    ]
    if not possible:
        return None
    if "commune_code" in names["commune"] or possible == ["commune"]:
        return "commune"
    if possible == ["district"]:
        return "district"
    commune_named = any(
        m.field == "commune_name" and c not in matched["district"]
        for c, m in matched["commune"].items()
    )
    if {"district_code", "district_name"} <= names["district"] and not commune_named:
        return "district"
    commune_only = len(matched["commune"].keys() - matched["district"].keys())
    district_only = len(matched["district"].keys() - matched["commune"].keys())
    return "commune" if commune_only > district_only else "district"


def _resolve(
    matched: dict[int, _Candidate], chains: list[list[_Part]], row_numbers: tuple[int, ...]
) -> tuple[dict[str, HeaderCell], tuple[HeaderCell, ...]]:
    """One column per field, the best match then the leftmost; the rest are unknown columns."""
    winners: dict[str, _Candidate] = {}
    for candidate in matched.values():
        held = winners.get(candidate.field)
        if held is None or candidate.quality > held.quality:
            winners[candidate.field] = candidate
    fields = {
        name: c.cell for name, c in sorted(winners.items(), key=lambda item: item[1].cell.column)
    }
    claimed = {cell.column for cell in fields.values()} | set(row_numbers)
    unknown = tuple(
        HeaderCell(c, chain[-1].row, _joined(chain))
        for c, chain in enumerate(chains)
        if chain and c not in claimed
    )
    return fields, unknown


def _extend_downward(texts: list[list[str]], merges: Sequence[Merge], best: Header) -> Header:
    """Take in the sub-heading rows under the matched block, even when they add no field.

    A row belongs to the header when a merged heading reaches down into it, or when it holds
    only heading text, away from the unit's code and name and from the "STT" column.
    """
    while best.last_row + 1 < len(texts) and best.last_row - best.first_row + 1 < MAX_HEADER_ROWS:
        below = best.last_row + 1
        if not _continues_header(texts[below], merges, best, below):
            break
        header = _match_block(texts, merges, best.first_row, below)
        if header is None or len(header.fields) < len(best.fields):
            break
        best = header
    return best


def _continues_header(row: list[str], merges: Sequence[Merge], header: Header, index: int) -> bool:
    """Whether row `index` (texts `row`) holds sub-headings of the block above it."""
    if any(
        header.first_row <= top <= header.last_row < index <= bottom for top, _, bottom, _ in merges
    ):
        return True
    fixed = [cell.column for name, cell in header.fields.items() if name in IDENTITY_FIELDS]
    filled = [c for c, text in enumerate(row) if text]
    return (
        bool(filled)
        and not any(row[c] for c in (*fixed, *header.row_number_columns))
        and not any(_NUMBER.fullmatch(row[c]) for c in filled)
    )


def _words(phrases: str) -> str:
    """A regex alternation of "|"-separated phrases, in the form normalise_header() gives."""
    return "|".join(re.escape(normalise_header(p)) for p in phrases.split("|"))


_LEVEL = _words("tỉnh|huyện|quận|thị xã|thành phố|tp|thị trấn|xã|phường|khu vực|vùng|đặc khu")
_TOTAL_HEAD = _words("tổng cộng|tổng số|tổng|cộng")
# "Tổng cộng", "Cộng", "Toàn tỉnh", "Tổng số xã": total rows whatever the code cell holds.
_TOTAL = re.compile(rf"(?:{_TOTAL_HEAD})(?: toan)?(?: (?:{_LEVEL}))?|toan (?:{_LEVEL})")
# "Cộng huyện Krông Bông", "Toàn tỉnh Lâm Đồng": only with a blank code, since a commune may
# be called "Cộng Hòa".
_NAMED_TOTAL = re.compile(rf"(?:{_TOTAL_HEAD}|toan)(?: toan)? (?:{_LEVEL}) .+")
# Rows that sum the units under them in forms grouped by district (commune sheet) or by
# province (district sheet): the unit of the level above, named without a code.
_HIGHER_UNIT: dict[SheetKind, re.Pattern[str]] = {
    "commune": re.compile(rf"(?:{_words('huyện|quận|thị xã|thành phố|tp|tx|tỉnh|khu vực')}) "),
    "district": re.compile(rf"(?:{_words('tỉnh|thành phố|tp')}) "),
}
_ROMAN = re.compile(r"[ivxlc]{1,7}")
_COUNTING_WORDS = re.compile(r"^(?:tong so|so luong|so) ")
_SIGNATURE_WORDS = _words(
    "người lập biểu|người lập|người báo cáo|thủ trưởng|giám đốc|lãnh đạo|kế toán"
    "|ký, ghi rõ họ tên|ký tên|ghi chú|xác nhận"
)
# "Người lập biểu", "(Ký, ghi rõ họ tên)", "Lâm Đồng, ngày 15 tháng 01 năm 2025" …
_SIGNATURE = re.compile(rf"\b(?:{_SIGNATURE_WORDS})\b|\bngai(?: \d+)? thang(?: \d+)? nam\b")
_COLUMN_NUMBER = re.compile(r"\(?\s*(\d{1,3}|[A-Za-z]{1,2})\s*\)?(?:\s*[=+\-*/x:].*)?")
# Columns that name a unit rather than report on it: where total rows write their label.
_LABEL_FIELDS = frozenset({*IDENTITY_FIELDS, "province_code", "province_name"})
UNIT_NAME: dict[SheetKind, str] = {"commune": "commune_name", "district": "district_name"}


def is_code(value: object) -> bool:
    """A cell that looks like a unit code: a number, or digits only."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return cell_text(value).isdigit()


def is_plain_name(value: object) -> bool:
    """A unit name, not a total label or a signature line."""
    folded = normalise_header(cell_text(value))
    return bool(folded) and not (
        _TOTAL.fullmatch(folded) or _NAMED_TOTAL.fullmatch(folded) or _SIGNATURE.search(folded)
    )


def is_signature(cells: list[str]) -> bool:
    """A line of the signature block under a form ("Người lập biểu", the date, "Giám đốc")."""
    return any(_SIGNATURE.search(normalise_header(t)) for t in cells if t)


def has_figures(cells: list[str], header: Header) -> bool:
    """Whether a row reports numbers: a signature line may hold names, never figures."""
    return any(
        any(ch.isdigit() for ch in cells[cell.column])
        for name, cell in header.fields.items()
        if name not in _LABEL_FIELDS
    )


def is_column_numbers(cells: list[str]) -> bool:
    """The "(1) (2) (3)", "1 2 3" or "A B 1 2" row printed under a form's header."""
    keys = [m.group(1) if (m := _COLUMN_NUMBER.fullmatch(t)) else "" for t in cells if t]
    if len(keys) < 2 or not all(keys):
        return False
    numbers = [int(k) for k in keys if k.isdigit()]
    letters = [k.upper() for k in keys if not k.isdigit()]
    return all(a < b for a, b in pairwise(numbers)) and all(
        (len(a), a) < (len(b), b) for a, b in pairwise(letters)
    )


def total_label(cells: list[str], header: Header) -> str | None:
    """The label of a total row ("Tổng cộng", "Cộng huyện X", or a group row such as
    "II | Huyện Văn Yên" that sums the communes under it), or None for other rows."""
    code = header.fields.get(UNIT_CODE[header.kind])
    code_text = cells[code.column] if code else ""
    labels = [cell.column for name, cell in header.fields.items() if name in _LABEL_FIELDS]
    numbered = any(_ROMAN.fullmatch(normalise_header(cells[c])) for c in header.row_number_columns)
    for c in sorted({*header.row_number_columns, *labels}):
        folded = normalise_header(cells[c])
        if _TOTAL.fullmatch(folded):
            return cells[c]
        # Merged label cells may put the label in the code column itself.
        code_blank = code is None or code.column == c or not any(map(str.isdigit, code_text))
        if code_blank and _NAMED_TOTAL.fullmatch(folded):
            return cells[c]
        # A group row of a higher level, numbered I, II … or named after the district.
        group = numbered or _HIGHER_UNIT[header.kind].match(folded)
        if code_blank and group and c not in header.row_number_columns and folded:
            return cells[c]
    return None


def is_section_heading(cells: list[str], header: Header) -> bool:
    """A heading inside the table ("I", "Huyện Lạc Dương"): neither code nor values."""
    return not any(
        cells[cell.column]
        for name, cell in header.fields.items()
        if name == UNIT_CODE[header.kind] or name not in _LABEL_FIELDS
    )

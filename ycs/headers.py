"""Header detection: which rows of a sheet hold the column headings, and which column is which field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ycs.fields import FIELDS, SHEET_KINDS, SheetKind
from ycs.text import normalise_header

# A merged range as (first_row, first_column, last_row, last_column), 0-based and inclusive.
Merge = tuple[int, int, int, int]

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
    if isinstance(value, float) and not isinstance(value, bool):
        if value != value:  # NaN: a blank cell read through pandas
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    return _WHITESPACE.sub(" ", str(value)).strip()


def title_lines(rows: Sequence[Sequence[object]]) -> tuple[str, ...]:
    """The text of each non-empty row, its distinct cells joined by spaces."""
    lines = (" ".join(dict.fromkeys(t for t in map(cell_text, row) if t)) for row in rows)
    return tuple(line for line in lines if line)


def find_header(rows: Sequence[Sequence[object]], merges: Sequence[Merge] | None) -> Header | None:
    """The header of a sheet whose first rows are `rows`, or None when it is not a data sheet.

    The header is the block of up to three rows whose columns match the most fields.
    `merges` is None when the format keeps no record of merged cells (CSV, ODS).
    """
    texts = _text_grid(rows[: HEADER_SEARCH_ROWS + MAX_HEADER_ROWS])
    best: Header | None = None
    for last in range(min(len(texts), HEADER_SEARCH_ROWS)):
        if not any(texts[last]):
            continue
        for first in range(last, max(-1, last - MAX_HEADER_ROWS), -1):
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
    width = max((len(row) for row in rows), default=0)
    return [[cell_text(v) for v in row] + [""] * (width - len(row)) for row in rows]


def _match_block(
    texts: list[list[str]], merges: Sequence[Merge] | None, first: int, last: int
) -> Header | None:
    chains = _column_chains(texts, merges or (), first, last)
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
            name = lookup.get(normalise_header(" ".join(used)))
            if name is not None:
                return name, start, as_written
    return None


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


def _extend_downward(
    texts: list[list[str]], merges: Sequence[Merge] | None, best: Header
) -> Header:
    """Take in the sub-heading rows under the matched block, even when they add no field.

    A row belongs to the header when a merged heading reaches down into it, or when it holds
    only heading text, away from the unit's code and name and from the "STT" column.
    """
    while best.last_row + 1 < len(texts) and best.last_row - best.first_row + 1 < MAX_HEADER_ROWS:
        below = best.last_row + 1
        if not _continues_header(texts[below], merges or (), best, below):
            break
        header = _match_block(texts, merges, best.first_row, below)
        if header is None or len(header.fields) < len(best.fields):
            break
        best = header
    return best


def _continues_header(row: list[str], merges: Sequence[Merge], header: Header, index: int) -> bool:
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

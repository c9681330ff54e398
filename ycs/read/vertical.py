"""Vertical forms (SPEC §2.4): one unit per sheet, indicators down the rows, read as one row."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ycs.check.fields import RELATIONS, SHEET_KINDS, SheetKind, field_map
from ycs.check.periods import canonical_period, find_period, period_year
from ycs.place.registry import REORGANISED, SETS, UnitSet, find_communes
from ycs.read.headers import cell_text, is_column_numbers, match_heading
from ycs.text import normalise_header

# Printed forms run to a few dozen rows; a sheet is searched no further for its indicators.
SEARCH_ROWS = 300
# Fewer matching rows than this is a coincidence, not a form (SPEC §2.4).
MIN_MATCHED_ROWS = 3
# The headings of the value columns sit in the rows just above the first indicator.
HEADING_SEARCH = 6

# "1.", "1.2)", "a)", "I." "- ", "+ ": numbering and bullets before an indicator's name.
_NUMBERING = re.compile(
    r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.):/]\s*|[-+*•–]\s*)+", re.IGNORECASE
)
_ROMAN = re.compile(r"^\s*[IVXLC]+\s*[.)/:]", re.IGNORECASE)
_SUB_ROW = re.compile(r"^trong do\b\s*")
_VALUE_WORDS = re.compile(r"\b(?:so luong|so lieu|thuc hien|ket qua|tong so)\b")
_OWN_PERIOD_WORDS = re.compile(r"\b(?:trong ki|ki nai|ki bao cao|thang nai|quy nai|nam nai)\b")
_CUMULATIVE_WORDS = re.compile(r"\b(?:cong don|lui ke)\b")
_MEASURE_WORDS = re.compile(r"^(?:don vi tinh|dvt|don vi)$")
_NOTE_WORDS = re.compile(r"^ghi chu")
_FIGURE = re.compile(r"[+-]?\s*\d[\d\s.,]*%?")

# Title-block patterns, matched on text folded letter by letter (same length as written),
# so that a match's span cuts the name out of the text as written.
_NAME = r"(?P<name>[^\W\d_][^,;:()\-–\d]*?)"
_COMMUNE = re.compile(
    rf"(?<![\w])(?<!thi )(?P<type>xa|phuong|thi tran)\s+{_NAME}"
    r"(?=\s*(?:[,;:()\-–]|\b(?:huyen|quan|thi xa|thanh pho|tp|tinh|ma)\b|$))"
)
_DISTRICT = re.compile(
    rf"(?<![\w])(?P<type>huyen|quan|thi xa|thanh pho|tp\.?)\s+{_NAME}"
    r"(?=\s*(?:[,;:()\-–]|\b(?:tinh|ma)\b|$))"
)
_PROVINCE = re.compile(rf"(?<![\w])(?P<type>tinh)\s+{_NAME}(?=\s*(?:[,;:()\-–]|\bma\b|$))")
_CODE = re.compile(r"\bma\s*(?P<what>xa|dvhc|don vi|huyen|tinh)\s*[:.]?\s*(?P<code>\d{2,5})\b")
# Cells that name the reporting unit itself, not the office it reports to.
_REPORTING_UNIT = re.compile(
    r"don vi bao cao|ten don vi|tram y te|uy ban nhan dan|ubnd|^(?:xa|phuong|thi tran) "
)
_NOT_A_PLACE = re.compile(r"cong hoa xa hoi|don vi nhan")
_CODE_FIELDS = {"xa": "commune_code", "dvhc": "commune_code", "don vi": "commune_code"}
_CODE_FIELDS |= {"huyen": "district_code", "tinh": "province_code"}
_TITLE_FIELDS = frozenset(
    {"commune_code", "commune_name", "district_code", "district_name", "province_code"}
    | {"province_name", "period"}
)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of the sheet (0-based) and the text or value read from it."""

    row: int
    column: int
    value: object


@dataclass(frozen=True, slots=True)
class ValueColumn:
    column: int
    heading: str
    heading_row: int | None
    # The year-to-date column passed over, when the form has one beside the period's own.
    cumulative: tuple[int, str] | None


@dataclass(frozen=True, slots=True)
class VerticalForm:
    """Where a vertical sheet keeps each field's value.

    `cells` holds every field found: indicator values in the value column, the unit's codes
    and names and the period from the title block. `title_end` is the first row below the
    title block; `unit_cell` the title cell that names the unit (None when none does).
    """

    kind: SheetKind
    name_column: int
    value: ValueColumn
    cells: dict[str, Cell]
    title_end: int
    unit_cell: Cell | None
    place_names: dict[str, str]


def find_vertical(rows: Sequence[Sequence[object]]) -> VerticalForm | None:
    """The vertical form on a sheet: one column naming at least three fields; or None."""
    texts = [[cell_text(v) for v in row] for row in rows[:SEARCH_ROWS]]
    found = _name_column(texts)
    if found is None:
        return None
    kind, column, indicator_rows = found
    first = min(indicator_rows.values())
    value = _value_column(texts, rows, column, first, list(indicator_rows.values()))
    if value is None:
        return None
    title_end = min(_heading_rows(texts, first), default=first)
    cells = {
        name: Cell(r, value.column, _at(rows, r, value.column))
        for name, r in sorted(indicator_rows.items(), key=lambda item: item[1])
    }
    labelled = _labelled(texts[:title_end], rows, kind)
    unit, place_names, unit_cell = _title_unit(texts[:title_end], kind, labelled)
    period = _title_period(texts[:title_end], labelled.get("period"))
    title_cells = dict(unit)
    if period is not None:
        title_cells["period"] = period
    return VerticalForm(
        kind=kind,
        name_column=column,
        value=value,
        cells={**{k: v for k, v in title_cells.items() if k not in cells}, **cells},
        title_end=title_end,
        unit_cell=unit_cell,
        place_names=place_names,
    )


def _at(rows: Sequence[Sequence[object]], r: int, c: int) -> object:
    row = rows[r]
    return row[c] if c < len(row) else None


def _name_column(texts: list[list[str]]) -> tuple[SheetKind, int, dict[str, int]] | None:
    """The column of indicator names: the one with most cells naming a field, and the row of
    each field found in it (the first row naming it)."""
    best: tuple[int, SheetKind, int, dict[str, int]] | None = None
    width = max(map(len, texts), default=0)
    for c in range(width):
        column = [row[c] if c < len(row) else "" for row in texts]
        if sum(1 for t in column if t and not _FIGURE.fullmatch(t)) < MIN_MATCHED_ROWS:
            continue
        numbers = tuple(next((t for t in row[:c] if t), "") for row in texts)
        for kind in SHEET_KINDS:
            matched = _indicator_rows(tuple(column), numbers, kind)
            if len(matched) >= MIN_MATCHED_ROWS and (best is None or len(matched) > best[0]):
                best = (len(matched), kind, c, matched)
    return None if best is None else (best[1], best[2], best[3])


@lru_cache(maxsize=256)
def _indicator_rows(
    column: tuple[str, ...], numbers: tuple[str, ...], kind: SheetKind
) -> dict[str, int]:
    """Field → row for the names in one column, "Trong đó: …" rows read under their parent;
    `numbers` holds each row's "STT" (the first cell left of the names). Cached: the files of
    one folder are mostly the same printed form."""
    matched: dict[str, int] = {}
    parent: tuple[str, str | None] | None = None  # (name as written, field it matched)
    listing_parts = False  # under a bare "Trong đó:" line, the "- …" rows are its parts
    for r, text in enumerate(column):
        if not text or _FIGURE.fullmatch(text):
            continue
        if _is_section(text, numbers[r]):
            parent, listing_parts = None, False
            continue
        name = _NUMBERING.sub("", text).strip()
        folded = normalise_header(name)
        sub = _SUB_ROW.match(folded)
        bulleted = listing_parts and text.lstrip()[:1] in "-+–•*"
        if sub is not None and not folded[sub.end() :]:
            listing_parts = True
            continue
        if (sub is not None or bulleted) and parent is not None:
            rest = folded[sub.end() :] if sub is not None else folded
            field = _sub_row_field(parent, rest, folded, kind)
        else:
            listing_parts = False
            field = _field(name, kind)
            parent = (name, field)
        if field is not None and field not in matched:
            matched[field] = r
    return matched


@lru_cache(maxsize=4096)
def _field(name: str, kind: SheetKind) -> str | None:
    return match_heading(name, kind)


def _sub_row_field(
    parent: tuple[str, str | None], rest: str, written: str, kind: SheetKind
) -> str | None:
    """The field a "Trong đó: …" row names: its parent's name and the row's words together
    ("Dân số" + "nữ"), or the row alone when that names a part of the parent's field."""
    parent_name, parent_field = parent
    names = [parent_name]
    if parent_field is not None:
        f = field_map(kind)[parent_field]
        names += [f.header, *f.aliases]
    for name in names:
        field = _field(f"{name} {rest}", kind)
        if field is not None and field != parent_field:
            return field
    parts = {r.part for r in RELATIONS[kind] if r.whole == parent_field}
    for text in (written, rest):
        field = _field(text, kind)
        if field in parts:
            return field
    return None


def _is_section(text: str, number: str) -> bool:
    """ "I. HỘ VÀ NHÂN KHẨU", "II | KHÁM CHỮA BỆNH": a heading over the indicators, in
    capitals or numbered with a Roman numeral; it names a group, never a field."""
    return text.isupper() or bool(_ROMAN.match(text) or _ROMAN.match(f"{number}."))


def _heading_rows(texts: list[list[str]], first: int) -> list[int]:
    """The rows of the table's heading block over the first indicator row at `first`.

    Going up: single-cell rows right above the indicators are section headings; then the
    heading rows hold several cells each; the single-cell or blank row above them ends the
    block (title lines are written once, merged across the sheet).
    """
    block: list[int] = []
    for r in range(first - 1, max(-1, first - 1 - HEADING_SEARCH), -1):
        filled = sum(1 for t in texts[r] if t)
        if filled >= 2 or (block and is_column_numbers(texts[r])):
            block.append(r)
        elif block:
            break
    return sorted(block)


def _value_column(
    texts: list[list[str]],
    rows: Sequence[Sequence[object]],
    name_column: int,
    first: int,
    indicator_rows: list[int],
) -> ValueColumn | None:
    """The column the values are read from (SPEC §2.4)."""
    width = max(len(row) for row in texts)
    heading_rows = [r for r in _heading_rows(texts, first) if not is_column_numbers(texts[r])]
    headings: dict[int, tuple[str, int | None]] = {}
    for c in range(name_column + 1, width):
        parts = [(r, texts[r][c]) for r in heading_rows if c < len(texts[r]) and texts[r][c]]
        headings[c] = (" ".join(t for _, t in parts), parts[-1][0] if parts else None)
    kinds = {c: _heading_kind(text) for c, (text, _) in headings.items()}
    cumulative = [c for c, k in kinds.items() if k == "cumulative"]
    own = [c for c, k in kinds.items() if k == "value"]
    if not own:
        own = [
            c for c, k in kinds.items() if k == "other" and _holds_figures(rows, c, indicator_rows)
        ]
    if not own:
        return None
    chosen = own[0]
    other = (cumulative[0], headings[cumulative[0]][0]) if cumulative else None
    return ValueColumn(chosen, headings[chosen][0], headings[chosen][1], other)


def _heading_kind(text: str) -> str:
    folded = normalise_header(text)
    if _MEASURE_WORDS.match(folded) or _NOTE_WORDS.match(folded):
        return "skip"
    if _CUMULATIVE_WORDS.search(folded):
        return "cumulative"
    if _VALUE_WORDS.search(folded) or _OWN_PERIOD_WORDS.search(folded) or find_period(text):
        return "value"
    return "other"


def _holds_figures(rows: Sequence[Sequence[object]], c: int, indicator_rows: list[int]) -> bool:
    return any(_FIGURE.fullmatch(cell_text(_at(rows, r, c))) for r in indicator_rows)


def _fold_aligned(text: str) -> str:
    """Lower case without diacritics, one letter for one letter, so spans match `text`."""
    return "".join(_fold_letter(ch) for ch in text)


@lru_cache(maxsize=512)
def _fold_letter(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def _title_unit(
    title: list[list[str]], kind: SheetKind, labelled: dict[str, Cell]
) -> tuple[dict[str, Cell], dict[str, str], Cell | None]:
    """The unit's codes and names written in the title block, the place names on their own,
    and the cell that names the reporting unit. `labelled` are the "Mã xã: …" cells."""
    found = {name: cell for name, cell in labelled.items() if name != "period"}
    names = {
        field.removesuffix("_name"): cell_text(cell.value)
        for field, cell in found.items()
        if field.endswith("_name")
    }
    own_level = "commune" if kind == "commune" else "district"
    own_name = found.get(f"{own_level}_name")
    unit_cell = None if own_name is None else Cell(own_name.row, own_name.column, own_name.value)
    filled = [(r, c, t) for r, row in enumerate(title) for c, t in enumerate(row) if t]
    # The line naming the reporting unit says best where it lies: its district and province
    # come before those of the offices named above it ("TRUNG TÂM Y TẾ HUYỆN …").
    filled.sort(key=lambda cell: not _REPORTING_UNIT.search(_fold_aligned(cell[2])))
    for r, c, written in filled:
        text = unicodedata.normalize("NFC", written)
        folded = _fold_aligned(text)
        if _NOT_A_PLACE.search(folded):
            continue
        for coded in _CODE.finditer(folded):
            field = _CODE_FIELDS[coded.group("what")]
            found.setdefault(field, Cell(r, c, coded.group("code")))
        patterns = [("district", _DISTRICT), ("province", _PROVINCE)]
        if _REPORTING_UNIT.search(folded):
            patterns.insert(0, ("commune", _COMMUNE))
        for level, pattern in patterns:
            match = pattern.search(folded)
            if match is None or level in names:
                continue
            name = text[match.start("name") : match.end("name")].strip()
            unit_type = text[match.start("type") : match.end("type")]
            names[level] = name
            named = f"{unit_type[:1].upper()}{unit_type[1:]} {name}"
            found.setdefault(f"{level}_name", Cell(r, c, named))
            if level == own_level and unit_cell is None:
                unit_cell = Cell(r, c, written)
    code_cell = found.get(f"{own_level}_code")
    if unit_cell is None and code_cell is not None:
        unit_cell = Cell(code_cell.row, code_cell.column, title[code_cell.row][code_cell.column])
    return found, names, unit_cell


def _labelled(
    title: list[list[str]], rows: Sequence[Sequence[object]], kind: SheetKind
) -> dict[str, Cell]:
    """Title cells that say what they hold, "Mã xã: 00694" or "Mã xã:" beside a cell holding
    it: labels are matched against the unit and period fields like column headings."""
    found: dict[str, Cell] = {}
    for r, row in enumerate(title):
        for c, text in enumerate(row):
            label, colon, rest = text.partition(":")
            field = _field(label, kind) if colon else None
            if field not in _TITLE_FIELDS or field in found:
                continue
            if rest.strip():
                found[field] = Cell(r, c, rest.strip())
                continue
            beside = next((i for i in range(c + 1, len(row)) if row[i]), None)
            if beside is not None:
                found[field] = Cell(r, beside, _at(rows, r, beside))
    return found


def _title_period(title: list[list[str]], labelled: Cell | None) -> Cell | None:
    """The period the title states ("NĂM 2024", "Tháng 10 năm 2024"), as a canonical text;
    a period in a cell labelled "Kỳ báo cáo" is kept as written (and checked as any)."""
    if labelled is not None:
        return labelled
    for r, row in enumerate(title):
        for c, text in enumerate(row):
            if text and not _NOT_A_PLACE.search(_fold_aligned(text)):
                period = find_period(text)
                if period is not None:
                    return Cell(r, c, period)
    return None


def resolve_unit(form: VerticalForm) -> tuple[VerticalForm, list[str] | None]:
    """The form with its commune code looked up from the commune, district and province names
    when no code is written; with the codes that name matched when not exactly one."""
    cells = form.cells
    if form.kind != "commune" or "commune_code" in cells or "commune_name" not in cells:
        return form, None
    name = cell_text(cells["commune_name"].value)
    district = cell_text(cells["district_name"].value) if "district_name" in cells else None
    province = cell_text(cells["province_name"].value) if "province_name" in cells else None
    period = cells.get("period")
    found: dict[UnitSet, list[str]] = {
        units: find_communes(units, name, district or None, province or None)
        for units in _unit_sets(None if period is None else canonical_period(period.value))
    }
    unique = [codes[0] for codes in found.values() if len(codes) == 1]
    where = form.unit_cell or cells["commune_name"]
    # A period spanning 01/07/2025 may name a unit of either set: the current one wins a tie.
    code = unique[-1] if unique else None
    resolved = Cell(where.row, where.column, code)
    matches = None if code else sorted({c for codes in found.values() for c in codes})
    return replace(form, cells={"commune_code": resolved, **cells}), matches


def _unit_sets(period: str | None) -> tuple[UnitSet, ...]:
    """The unit sets a period's names may come from (SPEC §7.1), legacy first."""
    if period is None:
        return SETS
    year = period_year(period)
    if year != REORGANISED.year:
        return ("legacy",) if year < REORGANISED.year else ("current",)
    part = period[5:]
    if part in ("H1", "Q1", "Q2") or (part.isdigit() and int(part) < REORGANISED.month):
        return ("legacy",)
    if part in ("H2", "Q3", "Q4") or part.isdigit():
        return ("current",)
    return SETS

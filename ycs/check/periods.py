"""Reporting periods: the spellings Vietnamese reports use and their canonical forms (SPEC §2.3)."""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.cells import is_blank_cell
from ycs.text import fold

FIRST_YEAR = 1990
LAST_YEAR = 2100


@dataclass(frozen=True, slots=True)
class ParsedPeriods:
    values: npt.NDArray[np.object_]  # canonical period, None where blank or invalid
    blank: npt.NDArray[np.bool_]
    invalid: npt.NDArray[np.bool_]  # finding bad_period


_YEAR = r"(?P<year>\d{4})"
_QUARTER = r"(?P<quarter>[1-4]|iv|i{1,3})"
_MONTH = r"(?P<month>\d{1,2})"
# Between a quarter or month and its year: "3/2024", "3-2024", "3.2024", "3 năm 2024", "3 2024".
_JOIN = r" ?(?:[-/.]|nam)? ?"

# Matched against the folded text (lower case, no diacritics, single spaces).
_SPELLINGS = (
    rf"(?:ca )?(?:nam ?)?{_YEAR}",  # 2024, Năm 2024, cả năm 2024
    rf"{_YEAR} ?[-/]? ?h(?P<half>[12])",  # 2024-H1, 2024H1
    rf"h(?P<half>[12]){_JOIN}{_YEAR}",  # H1/2024
    rf"{_YEAR} ?[-/]? ?q(?P<quarter>[1-4])",  # 2024-Q3, 2024Q3
    rf"(?:quy|qui|q) ?{_QUARTER}{_JOIN}{_YEAR}",  # Quý III/2024, Quý 3 năm 2024, Q3-2024
    rf"{_YEAR} ?-? ?(?P<months>9)m",  # 2024-9M
    rf"(?P<months>9)m{_JOIN}{_YEAR}",  # 9M/2024
    # 6 tháng đầu năm 2024, 6 tháng cuối năm 2024, 9 tháng 2024, nửa đầu năm 2024
    rf"(?:(?P<months>\d{{1,2}}) ?thang|nua) ?(?P<part>dau|cuoi)? ?(?:nam)? ?{_YEAR}",
    rf"(?:thang|t) ?{_MONTH}{_JOIN}{_YEAR}",  # Tháng 10/2024, tháng 10 năm 2024, T10/2024
    rf"{_MONTH} ?[-/.] ?{_YEAR}",  # 10/2024, 10-2024
    rf"{_YEAR} ?[-/.] ?{_MONTH}",  # 2024-10, 2024/10
    # An ISO date, as a CSV shows a cell that Excel turned into a date.
    rf"{_YEAR}-{_MONTH}-\d{{2}}(?:[ t]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?",
)
_WHOLE = tuple(re.compile(spelling) for spelling in _SPELLINGS)
# Inside a longer line, a spelling must stand apart: "12/2024" is not a period in the
# document number "12/2024/QĐ-UBND".
_INSIDE = tuple(
    re.compile(rf"(?<![\w/-])(?<!\d\.){spelling}(?![\w/-]|\.\d)") for spelling in _SPELLINGS
)
# Dates ("ngày 15 tháng 01 năm 2025", "31/12/2024") say when a report was signed or what a
# range covers; their month and year are not the period.
_DATES = re.compile(
    r"ngay \d{1,2} ?(?:thang|[/.-]) ?\d{1,2} ?(?:nam|[/.-]) ?\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
)
_PREFIX = re.compile(r"^(?:ky bao cao|ky) ?:? ?")
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
# Cumulative spans counted in months from January ("đầu năm") or back from December ("cuối năm").
_SPANS_FROM_START = {3: "-Q1", 6: "-H1", 9: "-9M", 12: ""}
_SPANS_TO_END = {3: "-Q4", 6: "-H2", 12: ""}


def canonical_period(value: object) -> str | None:
    """The canonical form ("2024", "2024-H1", "2024-Q3", "2024-10", "2024-9M"), or None."""
    if isinstance(value, str):
        return _period_from_text(value)
    if isinstance(value, bool) or is_blank_cell(value):
        return None
    if isinstance(value, date):
        # A date cell is Excel's reading of "10/2024": the month is what was meant.
        return _month(value.year, value.month)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return _year(int(float(value)))
    return None


def _period_from_text(text: str) -> str | None:
    folded = _PREFIX.sub("", _folded(text))
    for spelling in _WHOLE:
        match = spelling.fullmatch(folded)
        if match:
            return _from_parts(match.groupdict())
    return None


def find_period(text: str) -> str | None:
    """The period a longer line states: "BÁO CÁO 6 THÁNG ĐẦU NĂM 2024" → "2024-H1", or None."""
    folded = _DATES.sub(" ", _folded(text))
    found = [match for spelling in _INSIDE for match in spelling.finditer(folded)]
    if not found:
        return None
    # The longest spelling is the most specific: "6 tháng đầu năm 2024" over "năm 2024".
    longest = max(found, key=lambda match: (match.end() - match.start(), -match.start()))
    return _from_parts(longest.groupdict())


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _from_parts(parts: dict[str, str | None]) -> str | None:
    year = int(parts["year"] or 0)
    if parts.get("half"):
        return _with_year(year, f"-H{parts['half']}")
    if parts.get("quarter"):
        return _with_year(year, f"-Q{_QUARTERS[parts['quarter'] or '']}")
    if parts.get("month"):
        return _month(year, int(parts["month"] or 0))
    if "months" in parts:
        months = int(parts["months"] or 6)  # "nửa đầu năm": the first half
        spans = _SPANS_TO_END if parts.get("part") == "cuoi" else _SPANS_FROM_START
        suffix = spans.get(months)
        return None if suffix is None else _with_year(year, suffix)
    return _year(year)


def _year(year: int) -> str | None:
    return str(year) if FIRST_YEAR <= year <= LAST_YEAR else None


def _with_year(year: int, suffix: str) -> str | None:
    canonical = _year(year)
    return None if canonical is None else canonical + suffix


def _month(year: int, month: int) -> str | None:
    return _with_year(year, f"-{month:02d}") if 1 <= month <= 12 else None


def parse_periods(cells: pd.Series) -> ParsedPeriods:
    """Canonical periods of a column; the parsing runs once per distinct cell value."""
    # Values that compare equal (2024 == 2024.0, True == 1) share a code here, and they
    # also share a reading, so factorising the mixed cells is safe.
    codes, uniques = pd.factorize(cells)
    distinct = list(uniques)
    blank = np.array([is_blank_cell(value) for value in distinct] + [True], dtype=np.bool_)
    canonical = np.array([canonical_period(value) for value in distinct] + [None], dtype=object)
    values = canonical[codes]
    blank_cells = blank[codes]
    return ParsedPeriods(values, blank_cells, ~blank_cells & pd.isna(values))


def period_year(period: str) -> int:
    """The year of a canonical period: "2024-Q3" → 2024."""
    return int(period[:4])


def period_is_full_year(period: str) -> bool:
    """True for a whole-year period such as "2024"."""
    return len(period) == 4


def period_months(period: str) -> tuple[int, int]:
    """The first and last month of a canonical period: "2024-Q3" → (7, 9), "2024" → (1, 12).

    Every canonical period is a run of consecutive months inside one year.
    """
    suffix = period[5:]
    if not suffix:
        return 1, 12
    if suffix[0] == "H":
        return (1, 6) if suffix == "H1" else (7, 12)
    if suffix[0] == "Q":
        quarter = int(suffix[1])
        return 3 * quarter - 2, 3 * quarter
    if suffix == "9M":
        return 1, 9
    month = int(suffix)
    return month, month


def month_mask(period: str) -> int:
    """The months of a period as bits of one integer: bit 0 is January."""
    first, last = period_months(period)
    return ((1 << (last - first + 1)) - 1) << (first - 1)


def month_masks(periods: pd.Series) -> npt.NDArray[np.int64]:
    """`month_mask` of a column of canonical periods (0 where None), once per distinct value."""
    codes, uniques = pd.factorize(periods)
    masks = np.array([month_mask(str(p)) for p in uniques] + [0], dtype=np.int64)
    return masks[codes]


def months_in_mask(mask: int) -> int:
    return int(mask).bit_count()


def ends_before_year_end(period: str, year: int) -> bool:
    """True when the period ends before 31 December of `year` (SPEC §8.4)."""
    return (period_year(period), period_months(period)[1]) < (year, 12)

"""The long results table's columns and the cell rules every export of it shares."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from ycs.errors import Finding
from ycs.present.messages import Lang, label
from ycs.present.shown import visible

Cell = str | float | int | None
ColumnKind = Literal["text", "value", "number", "count", "target"]
CsvStyle = Literal["excel", "plain"]

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# The long results table shared by the CSV and the workbook. The id columns keep ASCII
# headings in every language so that scripts can find them.
RESULT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("plan_id", "text"),
    ("plan", "text"),
    ("indicator_id", "text"),
    ("indicator", "text"),
    ("level", "text"),
    ("unit_code", "text"),
    ("unit_name", "text"),
    ("period", "text"),
    ("value", "value"),
    ("annualized_value", "value"),
    ("months_covered", "count"),
    ("unit", "text"),
    ("numerator", "number"),
    ("denominator", "number"),
    ("target", "target"),
    ("deadline", "count"),
    ("deadline_status", "text"),
    ("status_code", "text"),
    ("status", "text"),
    ("rows_used", "count"),
    ("rows_skipped", "count"),
    # The bounds of a share of counted units when some are unknown (SPEC §4.2).
    ("value_low", "value"),
    ("value_high", "value"),
    ("units_unknown", "count"),
    # The units behind the value (SPEC §7.3): communes, or legacy districts for a
    # district-sheet indicator; empty where the registry cannot say.
    ("expected_units", "count"),
    ("reported_units", "count"),
)
_ASCII_HEADINGS = frozenset({"plan_id", "indicator_id", "status_code"})


def result_headings(lang: Lang) -> list[str]:
    return [key if key in _ASCII_HEADINGS else label(key, lang) for key, _ in RESULT_COLUMNS]


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then information; within each by file, sheet and row."""
    return sorted(findings, key=Finding.sort_key)


def finite(value: float | None) -> float | None:
    """The number, or None for missing, NaN and infinity (JSON has no NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text

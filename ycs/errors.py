"""Findings (collected, positioned problems in the data) and YcsError (what stops a run)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ycs.words import say_message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Every finding code and its severity: the stable, public list (SPEC §3.3).
FINDING_CODES: dict[str, Severity] = {
    "missing_required": Severity.ERROR,
    "not_a_number": Severity.ERROR,
    "not_an_integer": Severity.ERROR,
    "negative": Severity.ERROR,
    "out_of_range": Severity.ERROR,
    "not_a_boolean": Severity.ERROR,
    "bad_code": Severity.ERROR,
    "bad_period": Severity.ERROR,
    "missing_period": Severity.ERROR,
    "duplicate_unit": Severity.ERROR,
    "overlapping_periods": Severity.ERROR,
    "part_exceeds_whole": Severity.ERROR,
    "station_fields_without_station": Severity.ERROR,
    "no_data_rows": Severity.ERROR,
    "unknown_unit": Severity.ERROR,
    "wrong_parent": Severity.ERROR,
    "insured_exceeds_population": Severity.WARNING,
    "immunised_exceeds_cohort": Severity.WARNING,
    "capital_overspent": Severity.WARNING,
    "total_mismatch": Severity.WARNING,
    "code_padded": Severity.WARNING,
    "unknown_district": Severity.WARNING,
    "unit_name_mismatch": Severity.WARNING,
    "missing_units": Severity.WARNING,
    "ntc_pass_inconsistent": Severity.WARNING,
    "incomplete_period": Severity.WARNING,
    "value_not_finite": Severity.WARNING,
    "unknown_column": Severity.INFO,
    "encoding_used": Severity.INFO,
    "period_inferred": Severity.INFO,
    "sheet_skipped": Severity.INFO,
    "report_skipped": Severity.INFO,
    "value_column_chosen": Severity.INFO,
    "unit_unresolved": Severity.ERROR,
    "units_chosen": Severity.INFO,
    "territory_partial": Severity.INFO,
    "unit_not_traced": Severity.INFO,
    "plans_out_of_territory": Severity.INFO,
    "plan_without_rows": Severity.INFO,
    "unit_divided": Severity.INFO,
}

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the input, at a position the user can find in Excel.

    `row` is the 1-based row number as the spreadsheet or text editor shows it; `column`
    the Excel column letter. `params` fill the message template of `code` (messages.py).
    `rows` lists every row when identical findings in one column are summarised.
    """

    code: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: str | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    rows: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.code not in FINDING_CODES:
            raise ValueError(f"unknown finding code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return FINDING_CODES[self.code]

    def sort_key(self) -> tuple[int, str, str, int, str]:
        return (
            SEVERITY_ORDER[self.severity],
            self.file or "",
            self.sheet or "",
            self.row or 0,
            self.column or "",
        )


class YcsError(Exception):
    """A problem that stops the run: printed as one line by the CLI, exit code 2.

    `key` names a template in the error.* keys of ycs/words; `params` fill it.
    """

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        return say_message(f"error.{self.key}", "en", **self.params)


@dataclass(frozen=True, slots=True)
class DefinitionProblem:
    """One problem in an indicators file.

    `where` names the place (indicator id and key, e.g. "chs_list80_rate.numerator", or a
    plan id), or, where no key does, "file" (the file as a whole) or "line N" (a YAML syntax
    problem), which the presentation says in words; `position` is the 1-based character
    position inside the formula (or the column of a YAML syntax problem), when the problem is
    in one. `key` names a template in the definition.* keys of ycs/words.
    """

    key: str
    where: str
    position: int | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class DefinitionError(YcsError):
    """An invalid indicators file: every problem found, each with its position."""

    def __init__(self, path: str, problems: list[DefinitionProblem]) -> None:
        super().__init__("invalid_definitions", path=path, count=len(problems))
        self.path = path
        self.problems = problems


def column_letter(index: int) -> str:
    """Excel column letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

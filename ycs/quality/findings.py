"""What the data-quality review finds: typed records with a stable code, no words."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from ycs.errors import Severity

QualityCode = Literal[
    "missing_units",
    "incomplete_period",
    "outlier_over_time",
    "outlier_between_units",
    "inconsistent_over_time",
    "related_fields_inconsistent",
    "population_jump",
]

# The WHO DQR dimension each check belongs to, in the order the report lists them.
DIMENSIONS: dict[QualityCode, str] = {
    "missing_units": "completeness",
    "incomplete_period": "completeness",
    "outlier_over_time": "internal_consistency",
    "outlier_between_units": "internal_consistency",
    "inconsistent_over_time": "consistency_over_time",
    "related_fields_inconsistent": "related_data",
    "population_jump": "denominators",
}


@dataclass(frozen=True, slots=True)
class QualityFinding:
    """One value (or one gap) the review flags.

    `unit_code`/`unit_name` name the unit the value belongs to (a commune, or a district
    for district-sheet data and for completeness); `period` is a canonical period, or for a
    run of missing reports `period` is the first and `period_to` the last. `low`/`high` is
    the range the value was expected in (None where one side is open). `file`, `sheet` and
    `row` point at the cell the value came from, when it came from one row.
    """

    code: QualityCode
    severity: Severity
    unit_code: str
    unit_name: str | None
    period: str
    field: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    score: float | None = None
    period_to: str | None = None
    missing: tuple[str, ...] = ()
    missing_names: tuple[str, ...] = ()
    series: tuple[tuple[str, float], ...] = ()
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    extra: dict[str, float] = dataclasses.field(default_factory=dict)

    @property
    def dimension(self) -> str:
        return DIMENSIONS[self.code]

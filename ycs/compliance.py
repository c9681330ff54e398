"""Indicator values × plan targets → results with a status."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ycs.definitions import Definitions, Target
from ycs.evaluation import LEVELS, WHOLE_INPUT, IndicatorValue, Level
from ycs.periods import ends_before_year_end

__all__ = ["LEVELS", "Level", "Result", "Status", "before_deadline", "compare", "status_of"]

Status = Literal["met", "not_met", "no_data"]


@dataclass(frozen=True, slots=True)
class Result:
    """One plan target checked for one unit and period.

    `value`, `numerator` and `denominator` are unrounded (None when there is no data);
    `year` is the plan's deadline; `before_deadline` says whether the data period ends
    before the end of that year, so a `not_met` there is progress, not failure (None when
    the period is unknown). On part-year data `annualized_value` is the value scaled to a
    year, and the one compared with the target.
    """

    plan: str
    indicator: str
    level: Level
    unit_code: str
    unit_name: str | None
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: Target
    year: int
    before_deadline: bool | None
    status: Status
    rows_used: int
    rows_skipped: int
    months_covered: int | None = None
    annualized_value: float | None = None

    @property
    def compared_value(self) -> float | None:
        """The value set against the target: annualised when the data covers part of a year."""
        return self.value if self.annualized_value is None else self.annualized_value


_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}

# Values are compared at this many decimals, so that floating-point noise in a ratio
# (94.99999999999999) never decides a status.
_COMPARE_DECIMALS = 9


def status_of(value: float | None, target: Target) -> Status:
    if value is None:
        return "no_data"
    met = _OPERATORS[target.op](round(value, _COMPARE_DECIMALS), target.value)
    return "met" if met else "not_met"


def before_deadline(period: str, year: int) -> bool | None:
    """Data for a period that ends before 31 December of the deadline year (SPEC §8.4);
    None when the period is unknown."""
    if period == WHOLE_INPUT:
        return None
    return ends_before_year_end(period, year)


def compare(
    values: Iterable[IndicatorValue],
    definitions: Definitions,
    plans: Sequence[str] | None = None,
) -> list[Result]:
    """Results for every target of the chosen plans (all plans by default), in plan order."""
    by_indicator: dict[str, list[IndicatorValue]] = {}
    for value in values:
        by_indicator.setdefault(value.indicator, []).append(value)
    for unit_values in by_indicator.values():
        unit_values.sort(key=_unit_order)
    results: list[Result] = []
    for plan in definitions.plans_for(plans):
        # Few distinct periods: decide each one's place against the deadline once.
        early = {
            period: before_deadline(period, plan.year)
            for period in {v.period for vs in by_indicator.values() for v in vs}
        }
        for indicator_id, target in plan.targets.items():
            results.extend(
                Result(
                    plan.id,
                    indicator_id,
                    v.level,
                    v.unit_code,
                    v.unit_name,
                    v.period,
                    v.value,
                    v.numerator,
                    v.denominator,
                    target,
                    plan.year,
                    early[v.period],
                    status_of(
                        v.value if v.annualized_value is None else v.annualized_value, target
                    ),
                    v.rows_used,
                    v.rows_skipped,
                    v.months_covered,
                    v.annualized_value,
                )
                for v in by_indicator.get(indicator_id, [])
            )
    return results


def _unit_order(value: IndicatorValue) -> tuple[str, str]:
    return (value.period, value.unit_code)

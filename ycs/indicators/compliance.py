"""Indicator values × plan targets → results with a status."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ycs.check.fields import LEVELS, Level
from ycs.check.periods import ends_before_year_end
from ycs.indicators.definitions import Definitions, Target
from ycs.indicators.evaluation import WHOLE_INPUT, IndicatorValue

__all__ = ["LEVELS", "Level", "Result", "Status", "before_deadline", "compare", "status_of"]

Status = Literal["met", "not_met", "no_data", "undetermined"]


@dataclass(frozen=True, slots=True)
class Result:
    """One plan target checked for one unit and period, or (`plan` None) an indicator that
    no chosen plan targets there: then `target`, `year`, `before_deadline` and `status`
    are None.

    `value`, `numerator` and `denominator` are unrounded (None when there is no data);
    `value_low` and `value_high` bound the value of a share of counted units when
    `units_unknown` units could not be counted (None for other indicators);
    `year` is the plan's deadline; `before_deadline` says whether the data period ends
    before the end of that year, so a `not_met` there is progress, not failure (None when
    the period is unknown). On part-year data `annualized_value` is the value scaled to a
    year, and the one compared with the target.
    """

    plan: str | None
    indicator: str
    level: Level
    unit_code: str
    unit_name: str | None
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: Target | None
    year: int | None
    before_deadline: bool | None
    status: Status | None
    rows_used: int
    rows_skipped: int
    months_covered: int | None = None
    annualized_value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    units_unknown: int | None = None
    # Units expected and reported behind the value (SPEC §5.1, §7.3); None where unknown.
    units_expected: int | None = None
    units_reported: int | None = None

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


def status_of(
    value: float | None,
    target: Target,
    low: float | None = None,
    high: float | None = None,
) -> Status:
    """The verdict on `value`; `undetermined` when the target is met at one of the bounds
    `low`, `high` of the true value and not at the other."""
    if value is None:
        return "no_data"
    met = _meets(value, target)
    if low is not None and high is not None and _meets(low, target) != _meets(high, target):
        return "undetermined"
    return "met" if met else "not_met"


def _meets(value: float, target: Target) -> bool:
    return _OPERATORS[target.op](round(value, _COMPARE_DECIMALS), target.value)


@dataclass(frozen=True, slots=True)
class _Bounds:
    low: float | None
    high: float | None
    unknown: int | None


def _bounds(value: IndicatorValue, factor: float, counts_units: bool) -> _Bounds:
    """With a of b counted units known and k unknown, the share lies between a/(b+k) and
    (a+k)/(b+k) (SPEC §4.2): k is the rows skipped for missing data (less those known to
    lie outside the denominator) plus the expected units that sent no row."""
    if not counts_units or value.rows_unknown is None:
        return _Bounds(None, None, None)
    unknown = value.rows_unknown + units_missing(value)
    a, b = value.numerator, value.denominator
    if a is None or b is None or b + unknown == 0:
        return _Bounds(None, None, unknown)
    return _Bounds(factor * a / (b + unknown), factor * (a + unknown) / (b + unknown), unknown)


def units_missing(value: IndicatorValue) -> int:
    """Expected units of the value's unit and period that sent no row (coverage, §7.3);
    0 where coverage cannot say (input without registry codes, plans re-keyed to another
    set of units)."""
    if value.units_expected is None or value.units_reported is None:
        return 0
    return max(value.units_expected - value.units_reported, 0)


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
    *,
    judge: bool = True,
) -> list[Result]:
    """Results for every target of the chosen plans (all plans by default), in plan order,
    then (`plan` None) every value that none of them judges, in indicator order. With
    `judge` False, no plan judges: every value is a `plan` None result."""
    by_indicator: dict[str, list[IndicatorValue]] = {}
    for value in values:
        by_indicator.setdefault(value.indicator, []).append(value)
    for unit_values in by_indicator.values():
        unit_values.sort(key=_unit_order)
    bounds: dict[int, _Bounds] = {}
    for indicator_id, unit_values in by_indicator.items():
        indicator = definitions.indicators[indicator_id]
        for v in unit_values:
            bounds[id(v)] = _bounds(v, indicator.factor, indicator.counts_units)
    results: list[Result] = []
    judged: set[int] = set()
    for plan in definitions.plans_for(plans) if judge else []:
        # Few distinct periods: decide each one's place against the deadline once.
        early = {
            period: before_deadline(period, plan.year)
            for period in {v.period for vs in by_indicator.values() for v in vs}
        }
        for indicator_id, target in plan.targets.items():
            for v in by_indicator.get(indicator_id, []):
                if not target.judged_at(v.level):
                    continue
                judged.add(id(v))
                b = bounds[id(v)]
                compared = v.value if v.annualized_value is None else v.annualized_value
                status = status_of(compared, target, b.low, b.high)
                results.append(_result(v, b, plan.id, target, plan.year, early[v.period], status))
    for indicator_id in definitions.indicators:
        for v in by_indicator.get(indicator_id, []):
            if id(v) in judged:
                continue
            results.append(_result(v, bounds[id(v)], None, None, None, None, None))
    return results


def _result(
    v: IndicatorValue,
    b: _Bounds,
    plan: str | None,
    target: Target | None,
    year: int | None,
    early: bool | None,
    status: Status | None,
) -> Result:
    """One value as a result: judged against a plan's target, or (all None) not judged."""
    return Result(
        plan,
        v.indicator,
        v.level,
        v.unit_code,
        v.unit_name,
        v.period,
        v.value,
        v.numerator,
        v.denominator,
        target,
        year,
        early,
        status,
        v.rows_used,
        v.rows_skipped,
        v.months_covered,
        v.annualized_value,
        b.low,
        b.high,
        b.unknown,
        v.units_expected,
        v.units_reported,
    )


def _unit_order(value: IndicatorValue) -> tuple[str, str]:
    return (value.period, value.unit_code)

"""Indicator values × plan targets → results with a status."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.fields import LEVELS, Level
from ycs.check.periods import ends_before_year_end
from ycs.indicators.columns import TEXT
from ycs.indicators.definitions import Definitions, Target
from ycs.indicators.evaluation import (
    VALUE_COLUMNS,
    WHOLE_INPUT,
    CoverageLookup,
    IndicatorValue,
    ValueTable,
)
from ycs.indicators.results import (
    RESULT_COLUMNS,
    STATUSES,
    Result,
    ResultTable,
    Status,
    result_frame,
)
from ycs.place.coverage import ABSENT

__all__ = [
    "LEVELS",
    "Level",
    "Result",
    "ResultTable",
    "Status",
    "before_deadline",
    "compare",
    "status_of",
    "with_absent_units",
]

# A value table's column of the stations that its unit's expected communes would have
# counted and that sent no row, where coverage counts them otherwise than as expected less
# reported units (legacy rows rolled up to current units); <NA> elsewhere.
UNITS_ABSENT = "units_absent"


_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}

_ARRAY_OPERATORS: dict[str, Callable[[npt.NDArray[np.float64], float], npt.NDArray[np.bool_]]] = {
    ">": np.greater,
    ">=": np.greater_equal,
    "<": np.less,
    "<=": np.less_equal,
    "==": np.equal,
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


def units_missing(value: IndicatorValue) -> int:
    """Expected units of the value's unit and period that sent no row (coverage, §7.3);
    0 where coverage cannot say (input without registry codes, plans re-keyed to another
    set of units)."""
    if value.units_expected is None or value.units_reported is None:
        return 0
    return max(value.units_expected - value.units_reported, 0)


def with_absent_units(
    values: ValueTable, definitions: Definitions, coverage: CoverageLookup
) -> ValueTable:
    """`values` with the absent stations of their units (`UNITS_ABSENT`) where coverage
    knows them: a current commune rolled up from three legacy communes of which one sent
    a row has two unknown stations, though as a current commune it reported. Unchanged,
    at no cost, when no unit has them."""
    frame = values.frame
    if frame.empty:
        return values
    present = {str(level) for level in frame["level"].unique()}
    tables = [coverage("commune", level) for level in LEVELS if level in present]
    facts = [t.loc[t[ABSENT].notna(), ["level", "code", "period", ABSENT]] for t in tables]
    facts = [f for f in facts if not f.empty]
    if not facts:
        return values
    keys = ["level", "code", "period"]
    known = pd.concat(facts, ignore_index=True).astype(dict.fromkeys(keys, "string"))
    indicator = frame["indicator"].cat
    of_commune_sheet = np.array(
        [definitions.indicators[str(i)].sheet == "commune" for i in indicator.categories],
        dtype=bool,
    )[indicator.codes.to_numpy()]
    found = (
        pd.DataFrame(
            {
                "level": frame["level"].astype("string").to_numpy(),
                "code": frame["unit_code"].astype("string").to_numpy(),
                "period": frame["period"].astype("string").to_numpy(),
            }
        )
        .merge(known, on=keys, how="left")[ABSENT]
        .pipe(pd.to_numeric, errors="coerce")
        .to_numpy(dtype=np.float64, na_value=np.nan)
    )
    absent = pd.array(np.where(of_commune_sheet, found, np.nan), dtype="Int64")
    return ValueTable(frame.assign(**{UNITS_ABSENT: absent}))


def before_deadline(period: str, year: int) -> bool | None:
    """Data for a period that ends before 31 December of the deadline year (SPEC §8.4);
    None when the period is unknown."""
    if period == WHOLE_INPUT:
        return None
    return ends_before_year_end(period, year)


def compare(
    values: ValueTable | Iterable[IndicatorValue],
    definitions: Definitions,
    plans: Sequence[str] | None = None,
    *,
    judge: bool = True,
    unjudged: bool = True,
    among: npt.NDArray[np.bool_] | None = None,
) -> ResultTable:
    """Results for every target of the chosen plans (all plans by default), in plan order,
    then (`plan` None, unless `unjudged` is False) every value that none of them judges, in
    indicator order; within an indicator, by period and unit code. With `judge` False, no
    plan judges: every value is a `plan` None result. `among` limits the values compared
    to those rows, without a copy of the others. Computed on whole columns."""
    table = values if isinstance(values, ValueTable) else ValueTable.of(values)
    frame = table.frame
    rows_of = _rows_by_indicator(frame, among)
    annualized, value = frame["annualized_value"].to_numpy(), frame["value"].to_numpy()
    levels = frame["level"].cat
    level_codes = levels.codes.to_numpy()
    periods = frame["period"].cat
    period_codes = periods.codes.to_numpy()
    blocks: list[_Block] = []
    judged = np.zeros(len(frame), dtype=bool)
    for plan in definitions.plans_for(plans) if judge else []:
        # Few distinct periods: decide each one's place against the deadline once.
        early = np.array(
            [_EARLY[before_deadline(str(p), plan.year)] for p in periods.categories] + [-1],
            dtype=np.int8,
        )
        for indicator_id, target in plan.targets.items():
            rows = rows_of.get(indicator_id)
            if rows is None:
                continue
            if target.level is not None:
                rows = rows[level_codes[rows] == _code_of(levels.categories, target.level)]
            judged[rows] = True
            compared = np.where(np.isnan(annualized[rows]), value[rows], annualized[rows])
            low, high, _ = _bounds(frame, definitions, rows)
            status = _statuses(compared, target, low, high)
            blocks.append(
                _Block(rows, plan.id, target, plan.year, early[period_codes[rows]], status)
            )
    for indicator_id in definitions.indicators if unjudged else []:
        rows = rows_of.get(indicator_id)
        if rows is not None:
            rows = rows[~judged[rows]]
            blocks.append(_Block(rows, None, None, None, None, None))
    return _result_table(frame, blocks, definitions)


class _Block:
    """Rows of the value table judged by one plan's target (or by none), with the verdicts
    and whether each period ends before the deadline (`_EARLY` codes)."""

    __slots__ = ("early", "plan", "rows", "status", "target", "year")

    def __init__(
        self,
        rows: npt.NDArray[np.intp],
        plan: str | None,
        target: Target | None,
        year: int | None,
        early: npt.NDArray[np.int8] | None,
        status: npt.NDArray[np.int8] | None,
    ) -> None:
        self.rows = rows
        self.plan = plan
        self.target = target
        self.year = year
        self.early = early
        self.status = status


# Before the deadline, as a code: yes, no, unknown.
_EARLY = {True: 1, False: 0, None: -1}


def _rows_by_indicator(
    frame: pd.DataFrame, among: npt.NDArray[np.bool_] | None
) -> dict[str, npt.NDArray[np.intp]]:
    """Each indicator's rows (of those `among`, all by default), by period then unit code
    (stable for equal keys)."""
    indicator = frame["indicator"].cat
    codes = indicator.codes.to_numpy()
    rows = np.arange(len(frame)) if among is None else np.flatnonzero(among)
    order = rows[_sort_order([codes[rows], *(_ranks(frame[c])[rows] for c in _ORDER)])]
    sorted_codes = codes[order]
    starts = np.searchsorted(sorted_codes, np.arange(len(indicator.categories)), side="left")
    ends = np.searchsorted(sorted_codes, np.arange(len(indicator.categories)), side="right")
    return {
        str(name): order[start:end]
        for name, start, end in zip(indicator.categories, starts, ends, strict=True)
        if end > start
    }


# Within an indicator, results go by period, then unit code.
_ORDER = ("period", "unit_code")


def _sort_order(keys: Sequence[npt.NDArray[Any]]) -> npt.NDArray[np.intp]:
    """The stable order of rows by the keys (small whole numbers from -1), the first key
    first: one sort of a combined key when it fits an int64, three times faster than
    sorting by each key."""
    sizes = [int(key.max(initial=-1)) + 2 for key in keys]
    if math.prod(sizes) >= 2**62:
        return np.lexsort(keys[::-1])
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        combined *= size
        combined += key + 1
    return np.argsort(combined, kind="stable")


def _ranks(column: pd.Series) -> npt.NDArray[np.intp]:
    """Each row's place in the text order of its categorical column."""
    names = np.asarray(column.cat.categories, dtype=object)
    rank = np.empty(len(names), dtype=np.intp)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))
    codes = column.cat.codes.to_numpy()
    return np.where(codes < 0, -1, rank[np.maximum(codes, 0)] if len(names) else -1)


def _bounds(
    frame: pd.DataFrame, definitions: Definitions, rows: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """With a of b counted units known and k unknown, the share lies between a/(b+k) and
    (a+k)/(b+k) (SPEC §4.2): k is the rows skipped for missing data (less those known to
    lie outside the denominator) plus the expected units that sent no row, counted as the
    rows are (the absent stations where the value table has them). For the values at
    `rows`: NaN where an indicator has no bounds; k NaN where it is not a share of counted
    units."""
    indicator = frame["indicator"].cat
    codes = indicator.codes.to_numpy()[rows]
    indicators = [definitions.indicators[str(i)] for i in indicator.categories]
    low, high, unknown = (np.full(len(rows), np.nan) for _ in range(3))
    # Only shares of counted units with a count of rows skipped have bounds: the others
    # are left NaN without arithmetic on their rows.
    counts = np.array([i.counts_units for i in indicators], dtype=bool)[codes]
    skipped = frame["rows_unknown"].array.take(rows)
    bounded_at = np.flatnonzero(counts & ~np.asarray(skipped.isna(), dtype=bool))
    if not bounded_at.size:
        return low, high, unknown
    codes = codes[bounded_at]
    rows = rows[bounded_at]

    def at(name: str) -> npt.NDArray[np.float64]:
        values = frame[name].array.take(rows)
        return np.asarray(values.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)

    expected, reported = at("units_expected"), at("units_reported")
    missing = np.where(
        np.isnan(expected) | np.isnan(reported), 0.0, np.maximum(expected - reported, 0.0)
    )
    if UNITS_ABSENT in frame:
        absent = at(UNITS_ABSENT)
        missing = np.where(np.isnan(absent), missing, absent)
    k = at("rows_unknown") + missing
    unknown[bounded_at] = k
    factor = np.array([i.factor for i in indicators], dtype=np.float64)[codes]
    a, b = at("numerator"), at("denominator")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        total = b + k
        bounded = ~np.isnan(total) & ~np.isnan(a) & (total != 0)
        low[bounded_at] = np.where(bounded, factor * a / total, np.nan)
        high[bounded_at] = np.where(bounded, factor * (a + k) / total, np.nan)
    return low, high, unknown


def _statuses(
    compared: npt.NDArray[np.float64],
    target: Target,
    low: npt.NDArray[np.float64],
    high: npt.NDArray[np.float64],
) -> npt.NDArray[np.int8]:
    """`status_of` on whole columns, as codes into STATUSES."""
    met = _meets_all(compared, target)
    status = np.where(met, 0, 1).astype(np.int8)
    bounded = ~np.isnan(low) & ~np.isnan(high)
    status[bounded & (_meets_all(low, target) != _meets_all(high, target))] = 3
    status[np.isnan(compared)] = 2
    return status


def _meets_all(values: npt.NDArray[np.float64], target: Target) -> npt.NDArray[np.bool_]:
    """`_meets` on a column. Rounding to nine decimals can only change the verdict of a
    value within a hair of the target: those few are decided one distinct value at a time,
    exactly as `_meets` does."""
    with np.errstate(invalid="ignore"):
        met: npt.NDArray[np.bool_] = np.asarray(_ARRAY_OPERATORS[target.op](values, target.value))
        near = np.abs(values - target.value) < _NEAR
    if round(target.value, _COMPARE_DECIMALS) == target.value:
        # The target itself rounds to itself: a value equal to it is judged as it is.
        near &= values != target.value
    rows = np.flatnonzero(near)
    if rows.size:
        distinct, where = np.unique(values[rows], return_inverse=True)
        verdicts = np.array([_meets(float(x), target) for x in distinct], dtype=bool)
        met[rows] = verdicts[where]
    return met


def _code_of(names: pd.Index, name: str) -> int:
    """The code of `name` among a categorical's categories; -1 when absent."""
    found = np.flatnonzero(np.asarray(names, dtype=object) == name)
    return int(found[0]) if found.size else -1


# Far beyond what rounding at _COMPARE_DECIMALS can move a value.
_NEAR = 1e-6


# Value columns that results carry as they are; those in _NUMPY as plain numpy arrays.
_CARRIED = tuple(name for name in RESULT_COLUMNS if name in VALUE_COLUMNS)
_NUMPY = frozenset(
    {"value", "numerator", "denominator", "annualized_value", "rows_used", "rows_skipped"}
)


def _slice_of(rows: npt.NDArray[np.intp]) -> slice | npt.NDArray[np.intp]:
    """`rows` as a slice when they run in order without a gap, as an indicator's values do
    when no territory cuts them (the value table lists units in result order)."""
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows) and bool(np.all(np.diff(rows) == 1)):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


def _gathered(
    values: Any, rows: npt.NDArray[np.intp], pieces: list[slice | npt.NDArray[np.intp]]
) -> Any:
    """`values.take(rows)`, copying the runs of `pieces` that are slices instead of
    gathering them one element at a time (at commune level most of three million)."""
    if not any(isinstance(piece, slice) for piece in pieces):
        return values.take(rows)
    parts = [values[p] if isinstance(p, slice) else values.take(p) for p in pieces]
    return type(values)._concat_same_type(parts)


def _result_table(
    frame: pd.DataFrame, blocks: list[_Block], definitions: Definitions
) -> ResultTable:
    rows = np.concatenate([b.rows for b in blocks]) if blocks else np.zeros(0, dtype=np.intp)
    low, high, known_unknown = _bounds(frame, definitions, rows)
    sizes = [len(b.rows) for b in blocks]

    def per_block(values: list[Any], dtype: Any = object) -> npt.NDArray[Any]:
        return np.repeat(np.array(values, dtype=dtype), sizes)

    def per_block_text(values: list[str | None]) -> pd.Categorical:
        # From one code per block: a block holds up to a million rows of one plan and target.
        names = sorted({v for v in values if v is not None})
        code = {name: i for i, name in enumerate(names)}
        # Codes as small as pandas keeps them: no larger copy of a million rows first.
        small = np.int8 if len(names) < np.iinfo(np.int8).max else np.int32
        codes = per_block([-1 if v is None else code[v] for v in values], small)
        return pd.Categorical.from_codes(codes, pd.Index(names, dtype=TEXT))

    plans = [b.plan for b in blocks]
    targets = [b.target for b in blocks]
    years = [b.year for b in blocks]
    status = np.concatenate(
        [np.full(len(b.rows), -1, np.int8) if b.status is None else b.status for b in blocks]
        or [np.zeros(0, np.int8)]
    )
    # Before the deadline: True, False, or unknown (no plan, or a period without dates).
    early = np.concatenate(
        [np.full(len(b.rows), -1, np.int8) if b.early is None else b.early for b in blocks]
        or [np.zeros(0, np.int8)]
    )
    pieces = [_slice_of(b.rows) for b in blocks]
    taken = {name: _gathered(frame[name].array, rows, pieces) for name in _CARRIED}
    columns: dict[str, Any] = {
        name: np.asarray(values) if name in _NUMPY else values for name, values in taken.items()
    }
    columns.update(
        {
            "plan": per_block_text(plans),
            "target_op": per_block_text([None if t is None else t.op for t in targets]),
            "target_value": per_block(
                [np.nan if t is None else t.value for t in targets], np.float64
            ),
            "target_level": per_block_text([None if t is None else t.level for t in targets]),
            "year": pd.arrays.IntegerArray(
                per_block([0 if y is None else y for y in years], np.int64),
                per_block([y is None for y in years], bool),
            ),
            "before_deadline": pd.arrays.BooleanArray(early == 1, early < 0),
            "status": pd.Categorical.from_codes(status, pd.Index(STATUSES)),
            "value_low": low,
            "value_high": high,
            "units_unknown": pd.arrays.IntegerArray(
                np.where(np.isnan(known_unknown), 0, known_unknown).astype(np.int64),
                np.isnan(known_unknown),
            ),
        }
    )
    return ResultTable(result_frame(columns))

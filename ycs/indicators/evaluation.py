"""Indicator values per level, unit and period, each computed from the unit's own rows."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.fields import LEVEL_COLUMNS, Level, SheetKind
from ycs.check.validation import Dataset
from ycs.indicators.columns import (
    TEXT,
    categories,
    constant,
    join_categories,
    optional_floats,
    optional_ints,
    python_values,
)
from ycs.indicators.definitions import Definitions, Indicator
from ycs.place.subperiods import months_covered, row_months

# The coverage table (code, period, name, expected, reported) of a sheet at a level.
type CoverageLookup = Callable[[SheetKind, Level], pd.DataFrame]
# A level whose code column is absent is the whole input, as one unit.
WHOLE_INPUT = "*"
MONTHS_IN_YEAR = 12


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One indicator for one unit and period; unrounded, None where there is no data."""

    indicator: str
    level: Level
    unit_code: str
    unit_name: str | None
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    rows_used: int
    rows_skipped: int
    # Months of the period that the rows used hold data for (None without data), and the
    # value scaled to a year when the indicator annualises part-year data (SPEC §8.3).
    months_covered: int | None = None
    annualized_value: float | None = None
    # The formula gave infinity or NaN from data it had (an overflow): value is None.
    not_finite: bool = False
    # For a share of counted rows (Indicator.counts_units): the skipped rows that might
    # have counted in the denominator. A commune that says it has no station is not an
    # unknown station, even with its station cells blank. None for other indicators.
    rows_unknown: int | None = None
    # Expected and reported units behind the value (communes, or legacy districts for a
    # district-sheet indicator; SPEC §7.3); None where the registry cannot say.
    units_expected: int | None = None
    units_reported: int | None = None


# The value table's columns, in IndicatorValue's field order.
VALUE_COLUMNS = tuple(IndicatorValue.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class ValueTable(Sequence[IndicatorValue]):
    """Every indicator value of a run as columns (one row per indicator, unit and period):
    text as categories, gaps as NaN or <NA>. Indexing and iteration give `IndicatorValue`s
    for scripts and tests; the pipeline reads `frame`."""

    frame: pd.DataFrame

    @classmethod
    def of(cls, values: Iterable[IndicatorValue]) -> ValueTable:
        """The table of values given one by one."""
        rows = list(values)
        if not rows:
            return cls(_empty_values())
        columns = {name: [getattr(v, name) for v in rows] for name in VALUE_COLUMNS}
        return cls(_value_frame(columns))

    def where(self, mask: npt.NDArray[np.bool_]) -> ValueTable:
        return ValueTable(self.frame[mask].reset_index(drop=True))

    def __len__(self) -> int:
        return len(self.frame)

    @overload
    def __getitem__(self, index: int) -> IndicatorValue: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[IndicatorValue]: ...
    def __getitem__(self, index: int | slice) -> IndicatorValue | Sequence[IndicatorValue]:
        if isinstance(index, slice):
            return list(ValueTable(self.frame.iloc[index]))
        row = self.frame.iloc[[index]]
        return next(iter(ValueTable(row)))

    def __iter__(self) -> Iterator[IndicatorValue]:
        columns = [python_values(self.frame[name]) for name in VALUE_COLUMNS]
        for row in zip(*columns, strict=True):
            yield IndicatorValue(*row)


def _value_frame(columns: dict[str, Any]) -> pd.DataFrame:
    """Columns (sequences of Python values or arrays) → the value table's frame."""
    out: dict[str, Any] = {}
    for name in VALUE_COLUMNS:
        values = columns[name]
        if name in _TEXT:
            out[name] = values if isinstance(values, pd.Categorical) else categories(values)
        elif name in _FLOATS:
            out[name] = values if isinstance(values, np.ndarray) else optional_floats(values)
        elif name in _OPTIONAL_INTS:
            out[name] = (
                values
                if isinstance(values, pd.api.extensions.ExtensionArray)
                else (optional_ints(values))
            )
        elif name == "not_finite":
            out[name] = np.asarray(values, dtype=bool)
        else:
            out[name] = np.asarray(values, dtype=np.int64)
    return pd.DataFrame(out, copy=False)


_TEXT = frozenset({"indicator", "level", "unit_code", "unit_name", "period"})
_FLOATS = frozenset({"value", "numerator", "denominator", "annualized_value"})
_OPTIONAL_INTS = frozenset({"months_covered", "rows_unknown", "units_expected", "units_reported"})


def _empty_values() -> pd.DataFrame:
    return _value_frame({name: [] for name in VALUE_COLUMNS})


@dataclass(frozen=True, slots=True)
class _Units:
    """The (unit, period) groups of one frame at one level."""

    ids: npt.NDArray[np.intp]
    months: npt.NDArray[np.int64]  # each row's month mask
    codes: pd.Categorical
    names: pd.Categorical
    periods: pd.Categorical
    expected: npt.NDArray[np.float64]  # NaN where the registry cannot say
    reported: npt.NDArray[np.float64]

    @property
    def count(self) -> int:
        return len(self.codes)


def evaluate(
    definitions: Definitions,
    dataset: Dataset,
    *,
    level: Level = "province",
    indicators: Collection[str] | None = None,
    coverage: CoverageLookup | None = None,
) -> ValueTable:
    """Every indicator (or those named) at `level`; district-sheet ones have no commune level."""
    wanted = [
        indicator
        for indicator in definitions.indicators.values()
        if (indicators is None or indicator.id in indicators)
        and not (level == "commune" and indicator.sheet == "district")
    ]
    periods = dataset.periods() or [WHOLE_INPUT]
    # The input's own names are read only if the registry leaves a unit unnamed.
    names = cache(partial(_unit_names, dataset, level))
    units = {
        sheet: _units(
            dataset.frames[sheet],
            _level_codes(dataset, sheet, level),
            names,
            None if coverage is None else coverage(sheet, level),
        )
        for sheet in {i.sheet for i in wanted}
    }
    arrays: dict[tuple[SheetKind, str], npt.NDArray[np.float64]] = {}

    def column(sheet: SheetKind, name: str) -> npt.NDArray[np.float64]:
        # Indicators share fields: each column is taken out of its frame once.
        if (sheet, name) not in arrays:
            arrays[sheet, name] = dataset.frames[sheet][name].to_numpy(dtype=np.float64)
        return arrays[sheet, name]

    parts: list[_Part] = []
    for indicator in wanted:
        groups = units[indicator.sheet]
        if groups.count and indicator.from_coverage:
            parts.append(_from_coverage(indicator, groups))
        elif groups.count:
            fields = {name: column(indicator.sheet, name) for name in indicator.fields}
            parts.append(_evaluate_indicator(indicator, fields, groups))
        else:
            parts.append(_no_rows(periods))
    if not parts:
        return ValueTable(_empty_values())
    return ValueTable(_assemble([i.id for i in wanted], level, parts))


# One indicator's columns, one entry per (unit, period): every value column but `indicator`
# and `level`. Text columns are categoricals (the parts of one sheet share their categories);
# optional counts are floats, NaN where unknown, until `_assemble` makes them Int64.
type _Part = dict[str, Any]


def _assemble(ids: list[str], level: Level, parts: list[_Part]) -> pd.DataFrame:
    """The value table's frame from each indicator's part, built once: a frame per indicator
    joined afterwards costs more than the arithmetic (pandas' per-column overheads)."""
    sizes = [len(part["value"]) for part in parts]
    total = sum(sizes)
    out: dict[str, Any] = {
        "indicator": pd.Categorical.from_codes(
            np.repeat(np.arange(len(ids), dtype=np.int32), sizes), pd.Index(ids, dtype=TEXT)
        ),
        "level": constant(level, total),
    }
    for name in VALUE_COLUMNS[2:]:
        pieces = [part[name] for part in parts]
        if name in _TEXT:
            out[name] = join_categories(pieces)
        elif name in _OPTIONAL_INTS:
            out[name] = _optional_counts(np.concatenate(pieces))
        else:
            out[name] = np.concatenate(pieces)
    return pd.DataFrame(out, copy=False)


def _optional_counts(values: npt.NDArray[np.float64]) -> pd.arrays.IntegerArray:
    """Whole numbers with NaN where unknown → Int64 with <NA>."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


@dataclass(frozen=True, slots=True)
class _Names:
    """Each unit's name as the input gives it: the first row's per code and period, and,
    for a period no row names, the first row's of any period."""

    by_period: pd.Series  # indexed by (code, period)
    by_code: pd.Series  # indexed by code

    def of(self, codes: pd.Index, periods: pd.Index) -> npt.NDArray[np.object_]:
        """The names of the units (codes[i], periods[i]); None where no row names one."""
        found = self.by_period.reindex(pd.MultiIndex.from_arrays([codes, periods]))
        known = found.to_numpy(dtype=object)
        fallback = self.by_code.reindex(codes).to_numpy(dtype=object)
        out = np.full(len(codes), None, dtype=object)
        out[pd.notna(fallback)] = fallback[pd.notna(fallback)]
        out[pd.notna(known)] = known[pd.notna(known)]
        return out


def _unit_names(dataset: Dataset, level: Level) -> _Names:
    """Each unit's name from whichever sheet gives one (a district sheet may omit it), per
    period and for any period: the same code names different units in the two sets of
    units (legacy 15 is Yên Bái, current 15 is Lào Cai)."""
    code_column, name_column = LEVEL_COLUMNS[level]
    parts = [
        frame[[code_column, "period", name_column]].dropna(subset=[code_column, name_column])
        for frame in dataset.frames.values()
        if code_column in frame and name_column in frame
    ]
    if not parts:
        empty = pd.Series([], dtype=object)
        return _Names(empty.set_axis(pd.MultiIndex.from_arrays([[], []])), empty)
    named = pd.concat(parts, ignore_index=True)
    codes = named[code_column].astype(str).to_numpy(dtype=object)
    names = named[name_column].astype(str).to_numpy(dtype=object)
    dated = named["period"].notna().to_numpy()
    periods = named["period"].astype(object).to_numpy()[dated].astype(str)
    by_period = pd.Series(names[dated], index=pd.MultiIndex.from_arrays([codes[dated], periods]))
    by_code = pd.Series(names, index=pd.Index(codes))
    # The first row names the unit, as the rows are read.
    return _Names(by_period[~by_period.index.duplicated()], by_code[~by_code.index.duplicated()])


def _level_codes(dataset: Dataset, sheet: SheetKind, level: Level) -> pd.Series:
    """Each row's unit code at `level`. A district sheet without province codes takes them
    from the commune sheet, so both sheets' indicators land on the same province."""
    frame = dataset.frames[sheet]
    codes = frame[LEVEL_COLUMNS[level][0]]
    if level == "province" and sheet == "district" and codes.isna().any():
        pairs = dataset.frames["commune"][["district_code", "province_code"]].dropna()
        province_of = pairs.drop_duplicates("district_code").set_index("district_code")
        codes = codes.fillna(frame["district_code"].map(province_of["province_code"]))
    return codes


def _units(
    frame: pd.DataFrame,
    codes: pd.Series,
    names: Callable[[], _Names],
    coverage: pd.DataFrame | None = None,
) -> _Units:
    if codes.isna().all():
        codes = pd.Series(WHOLE_INPUT, index=frame.index, dtype=object)
    # Groups by (period, code) in sorted order, from the two columns' factorised values:
    # integer keys instead of grouping text, and each distinct code turned to Python once.
    # Results are listed in that order, so an indicator's values are taken as one slice.
    code_of_row, code_values = pd.factorize(codes.fillna(WHOLE_INPUT), sort=True)
    period_of_row, period_values = pd.factorize(frame["period"], sort=True)
    width = max(len(code_values), 1)
    key = period_of_row.astype(np.int64) * width + code_of_row
    # Rows without a period cannot be placed in any result; they get group -1.
    dated = period_of_row >= 0
    present, group = np.unique(key[dated], return_inverse=True)
    ids = np.full(len(frame), -1, dtype=np.intp)
    ids[dated] = group
    unit_code = _used(present % width, code_values)
    unit_period = _used(present // width, period_values)
    unit_codes = pd.Index(np.asarray(unit_code).astype(str), dtype=object)
    periods = pd.Index(np.asarray(unit_period).astype(str), dtype=object)
    unit_names = np.full(len(unit_codes), None, dtype=object)
    unnamed = np.ones(len(unit_codes), dtype=bool)
    expected = np.full(len(unit_codes), np.nan)
    reported = np.full(len(unit_codes), np.nan)
    if coverage is not None and not coverage.empty:
        # Official names and coverage, joined on (code, period) for all units at once.
        table = pd.DataFrame({"code": unit_codes, "period": periods}, dtype="string")
        facts = table.merge(
            coverage.astype({"code": "string", "period": "string"}),
            on=["code", "period"],
            how="left",
        )
        known = facts["expected"].notna().to_numpy()
        expected = np.where(known, facts["expected"].to_numpy(np.float64, na_value=0), np.nan)
        reported = np.where(known, facts["reported"].to_numpy(np.float64, na_value=0), np.nan)
        official = facts["name"].to_numpy(dtype=object)
        unnamed = pd.isna(official)
        unit_names[~unnamed] = official[~unnamed]
    if unnamed.any():
        # Units the registry does not name (no registry, an unknown code): as the input does.
        unit_names[unnamed] = names().of(unit_codes[unnamed], periods[unnamed])
    return _Units(
        ids=ids,
        months=row_months(frame),
        codes=unit_code,
        names=categories(unit_names),
        periods=unit_period,
        expected=expected,
        reported=reported,
    )


def _used(positions: npt.NDArray[np.int64], values: Any) -> pd.Categorical:
    """The values at `positions` as a categorical of the values used only."""
    used, codes = np.unique(positions, return_inverse=True)
    texts = pd.Index(np.asarray(values, dtype=object)[used].astype(str), dtype=TEXT)
    return pd.Categorical.from_codes(codes.astype(np.int32), texts)


def _evaluate_indicator(
    indicator: Indicator,
    fields: dict[str, npt.NDArray[np.float64]],
    units: _Units,
) -> _Part:
    placed = units.ids >= 0
    usable = placed.copy()
    for values in fields.values():
        usable &= ~np.isnan(values)
    columns = {name: values[usable] for name, values in fields.items()}
    ids = units.ids[usable]
    n = units.count
    used = np.bincount(ids, minlength=n)
    total = np.bincount(units.ids[placed], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if indicator.value_formula is not None:
            numerator = indicator.value_formula.evaluate(columns, ids, n)
            denominator = np.full(n, np.nan)
            value = indicator.factor * numerator
            value[used == 0] = np.nan
            overflow = ~np.isfinite(value) & (used > 0)
            value[overflow] = np.nan
        else:
            assert indicator.numerator_formula is not None
            assert indicator.denominator_formula is not None
            numerator = indicator.numerator_formula.evaluate(columns, ids, n)
            denominator = indicator.denominator_formula.evaluate(columns, ids, n)
            # Multiply before dividing: 100 * 9 / 10 is exactly 90, 9 / 10 * 100 is not.
            value = indicator.factor * numerator / denominator
            # A zero denominator is no data; anything else not finite is an overflow.
            overflow = ~np.isfinite(value) & (denominator != 0) & (used > 0)
            value[~np.isfinite(value) | (denominator == 0)] = np.nan
    unused = used == 0
    numerator[unused] = np.nan
    denominator[unused] = np.nan
    unknown = (
        _unknown_rows(indicator, fields, units, placed & ~usable).astype(np.float64)
        if indicator.counts_units
        else np.full(n, np.nan)
    )
    covered = np.zeros(n, dtype=np.int64)
    np.bitwise_or.at(covered, ids, units.months[usable])
    months = months_covered(covered)
    annualized = np.full(n, np.nan)
    if indicator.annualized:
        part_year = (months > 0) & (months < MONTHS_IN_YEAR)
        with np.errstate(over="ignore"):
            annualized[part_year] = value[part_year] * MONTHS_IN_YEAR / months[part_year]
        overflow |= np.isinf(annualized)
        annualized[np.isinf(annualized)] = np.nan
    return _part(
        units,
        value=value,
        numerator=numerator,
        denominator=denominator,
        rows_used=used.astype(np.int64),
        rows_skipped=(total - used).astype(np.int64),
        months_covered=np.where(months == 0, np.nan, months.astype(np.float64)),
        annualized_value=annualized,
        not_finite=overflow,
        rows_unknown=unknown,
    )


def _part(units: _Units, **columns: Any) -> _Part:
    """An indicator's `columns` beside its units' codes, names, periods and coverage."""
    return {
        "unit_code": units.codes,
        "unit_name": units.names,
        "period": units.periods,
        "units_expected": units.expected,
        "units_reported": units.reported,
        **columns,
    }


def _from_coverage(indicator: Indicator, units: _Units) -> _Part:
    """Units reported ÷ units expected per unit and period (SPEC §7.3); no data where the
    registry cannot say which units were expected."""
    n = units.count
    rows = np.bincount(units.ids[units.ids >= 0], minlength=n).astype(np.int64)
    expected, reported = units.expected, units.reported
    known = ~np.isnan(reported) & ~np.isnan(expected) & (expected != 0)
    numerator = np.where(known, reported, np.nan)
    denominator = np.where(known, expected, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(known, indicator.factor * numerator / denominator, np.nan)
    gaps = np.full(n, np.nan)
    return _part(
        units,
        value=value,
        numerator=numerator,
        denominator=denominator,
        rows_used=rows,
        rows_skipped=np.zeros(n, dtype=np.int64),
        months_covered=gaps,
        annualized_value=gaps,
        not_finite=np.zeros(n, dtype=bool),
        rows_unknown=gaps,
    )


def _unknown_rows(
    indicator: Indicator,
    fields: dict[str, npt.NDArray[np.float64]],
    units: _Units,
    skipped: npt.NDArray[np.bool_],
) -> npt.NDArray[np.intp]:
    """Per unit, the skipped rows that are not known to lie outside the denominator: a row
    is known to lie outside when every field the denominator reads is present and its
    condition is false there."""
    denominator = indicator.denominator_formula
    assert denominator is not None
    known = skipped.copy()
    for name in denominator.fields:
        known &= ~np.isnan(fields[name])
    rows = np.flatnonzero(known)
    if rows.size:
        # Each such row its own group: the denominator's count for that row alone.
        columns = {name: fields[name][rows] for name in denominator.fields}
        counted = denominator.evaluate(columns, np.arange(rows.size, dtype=np.intp), rows.size)
        known[rows[counted > 0]] = False
    unknown = skipped & ~known
    return np.bincount(units.ids[unknown], minlength=units.count)


def _no_rows(periods: list[str]) -> _Part:
    """An indicator whose sheet was not given: no data, so that the gap is visible."""
    n = len(periods)
    gaps = np.full(n, np.nan)
    return {
        "unit_code": constant(WHOLE_INPUT, n),
        "unit_name": constant(None, n),
        "period": categories(periods),
        "value": gaps,
        "numerator": gaps,
        "denominator": gaps,
        "rows_used": np.zeros(n, dtype=np.int64),
        "rows_skipped": np.zeros(n, dtype=np.int64),
        "months_covered": gaps,
        "annualized_value": gaps,
        "not_finite": np.zeros(n, dtype=bool),
        "rows_unknown": gaps,
        "units_expected": gaps,
        "units_reported": gaps,
    }

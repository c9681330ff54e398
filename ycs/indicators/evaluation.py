"""Indicator values per level, unit and period, each computed from the unit's own rows."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.fields import LEVEL_COLUMNS, Level, SheetKind
from ycs.check.validation import Dataset
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


@dataclass(frozen=True, slots=True)
class _Units:
    """The (unit, period) groups of one frame at one level."""

    ids: npt.NDArray[np.intp]
    months: npt.NDArray[np.int64]  # each row's month mask
    codes: list[str]
    names: list[str | None]
    periods: list[str]
    expected: list[int | None]
    reported: list[int | None]

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
) -> list[IndicatorValue]:
    """Every indicator (or those named) at `level`; district-sheet ones have no commune level."""
    wanted = [
        indicator
        for indicator in definitions.indicators.values()
        if (indicators is None or indicator.id in indicators)
        and not (level == "commune" and indicator.sheet == "district")
    ]
    periods = dataset.periods() or [WHOLE_INPUT]
    names = _unit_names(dataset, level)
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

    values: list[IndicatorValue] = []
    for indicator in wanted:
        groups = units[indicator.sheet]
        if groups.count and indicator.from_coverage:
            values.extend(_from_coverage(indicator, groups, level))
        elif groups.count:
            fields = {name: column(indicator.sheet, name) for name in indicator.fields}
            values.extend(_evaluate_indicator(indicator, fields, groups, level))
        else:
            values.extend(_no_rows(indicator, level, periods))
    return values


def _unit_names(dataset: Dataset, level: Level) -> dict[tuple[str, str | None], str]:
    """Each unit's name from whichever sheet gives one (a district sheet may omit it), per
    period and (key period None) for any period: the same code names different units in
    the two sets of units (legacy 15 is Yên Bái, current 15 is Lào Cai)."""
    code_column, name_column = LEVEL_COLUMNS[level]
    names: dict[tuple[str, str | None], str] = {}
    for frame in dataset.frames.values():
        if code_column in frame and name_column in frame:
            named = frame[[code_column, "period", name_column]].dropna(
                subset=[code_column, name_column]
            )
            firsts = named.drop_duplicates([code_column, "period"])
            for code, period, name in firsts.itertuples(index=False):
                names.setdefault((str(code), None if pd.isna(period) else str(period)), str(name))
                names.setdefault((str(code), None), str(name))
    return names


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
    names: dict[tuple[str, str | None], str],
    coverage: pd.DataFrame | None = None,
) -> _Units:
    if codes.isna().all():
        codes = pd.Series(WHOLE_INPUT, index=frame.index, dtype=object)
    keys = pd.DataFrame({"code": codes.fillna(WHOLE_INPUT), "period": frame["period"]})
    # Rows without a period cannot be placed in any result; they get group -1.
    numbers = keys.groupby(["code", "period"], sort=True, dropna=True).ngroup().to_numpy()
    ids = np.where(keys["period"].isna().to_numpy(), -1, numbers).astype(np.intp)
    placed = keys[ids >= 0].assign(id=ids[ids >= 0])
    table = placed.groupby("id")[["code", "period"]].first()
    unit_codes = [str(c) for c in table["code"]]
    periods = [str(p) for p in table["period"]]
    unit_names = [
        names.get((code, period), names.get((code, None)))
        for code, period in zip(unit_codes, periods, strict=True)
    ]
    expected: list[int | None] = [None] * len(unit_codes)
    reported: list[int | None] = [None] * len(unit_codes)
    if coverage is not None and not coverage.empty:
        # Official names and coverage, joined on (code, period) for all units at once.
        facts = table.astype({"code": "string", "period": "string"}).merge(
            coverage.astype({"code": "string", "period": "string"}),
            on=["code", "period"],
            how="left",
        )
        known = facts["expected"].notna().to_numpy()
        expected = [
            int(e) if k else None for e, k in zip(facts["expected"].tolist(), known, strict=True)
        ]
        reported = [
            int(r) if k else None for r, k in zip(facts["reported"].tolist(), known, strict=True)
        ]
        unit_names = [
            n if isinstance(n, str) else s
            for n, s in zip(facts["name"].tolist(), unit_names, strict=True)
        ]
    return _Units(
        ids=ids,
        months=row_months(frame),
        codes=unit_codes,
        names=unit_names,
        periods=periods,
        expected=expected,
        reported=reported,
    )


def _evaluate_indicator(
    indicator: Indicator,
    fields: dict[str, npt.NDArray[np.float64]],
    units: _Units,
    level: Level,
) -> Iterator[IndicatorValue]:
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
        _unknown_rows(indicator, fields, units, placed & ~usable).tolist()
        if indicator.counts_units
        else [None] * n
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
    # Lists of Python numbers: building thousands of results from numpy scalars is slower.
    for row in zip(
        units.codes,
        units.names,
        units.periods,
        _optional(value),
        _optional(numerator),
        _optional(denominator),
        used.tolist(),
        (total - used).tolist(),
        [None if m == 0 else m for m in months.tolist()],
        _optional(annualized),
        overflow.tolist(),
        unknown,
        units.expected,
        units.reported,
        strict=True,
    ):
        yield IndicatorValue(indicator.id, level, *row)


def _from_coverage(indicator: Indicator, units: _Units, level: Level) -> Iterator[IndicatorValue]:
    """Units reported ÷ units expected per unit and period (SPEC §7.3); no data where the
    registry cannot say which units were expected."""
    rows = np.bincount(units.ids[units.ids >= 0], minlength=units.count).tolist()
    for code, name, period, expected, reported, count in zip(
        units.codes, units.names, units.periods, units.expected, units.reported, rows, strict=True
    ):
        fraction = (reported, expected) if reported is not None and expected else None
        yield IndicatorValue(
            indicator=indicator.id,
            level=level,
            unit_code=code,
            unit_name=name,
            period=period,
            value=None if fraction is None else indicator.factor * fraction[0] / fraction[1],
            numerator=None if fraction is None else fraction[0],
            denominator=None if fraction is None else fraction[1],
            rows_used=count,
            rows_skipped=0,
            units_expected=expected,
            units_reported=reported,
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


def _no_rows(indicator: Indicator, level: Level, periods: list[str]) -> Iterator[IndicatorValue]:
    """An indicator whose sheet was not given: no data, so that the gap is visible."""
    for period in periods:
        yield IndicatorValue(
            indicator=indicator.id,
            level=level,
            unit_code=WHOLE_INPUT,
            unit_name=None,
            period=period,
            value=None,
            numerator=None,
            denominator=None,
            rows_used=0,
            rows_skipped=0,
        )


def _optional(values: npt.NDArray[np.float64]) -> list[float | None]:
    """NaN → None."""
    return [None if math.isnan(x) else x for x in values.tolist()]

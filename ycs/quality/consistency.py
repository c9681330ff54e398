"""Consistency over time, between related fields, and of the population denominators."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from ycs.check.fields import SheetKind
from ycs.check.validation import Dataset
from ycs.errors import Severity
from ycs.indicators.definitions import QualityThresholds
from ycs.place.subperiods import MONTHS, combine_periods
from ycs.quality.findings import QualityFinding
from ycs.quality.table import long_values, records, units_frame

# All twelve months of a year as a month mask (bit 0 is January).
FULL_YEAR = (1 << 12) - 1

_KEYS = ["unit", "field", "year"]


def yearly_rows(dataset: Dataset, kind: SheetKind, level: str, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and year, its sub-periods combined as `--period YEAR` combines them
    (flows summed, stocks at their latest; SPEC §8.2), with the months the row covers."""
    combined = [
        combine_periods(kind, dataset.frames[kind], str(year), dataset.columns.get(kind, {}))[0]
        for year in sorted(rows["year"].unique())
    ]
    if not combined:
        return units_frame(dataset.frames[kind].iloc[:0], kind, level)
    frame = pd.concat(combined, ignore_index=True)
    placed = units_frame(frame, kind, level)
    placed[MONTHS] = frame.loc[placed["_source"], MONTHS].to_numpy(dtype=np.int64)
    return placed


def yearly_values(
    years: pd.DataFrame, fields: tuple[str, ...], *, whole_year: bool
) -> pd.DataFrame:
    """Long (unit, unit_name, group, field, year, value) of the yearly rows.

    With `whole_year`, only years whose months are all reported: a flow summed over eleven
    months is not comparable with full years (the gap is reported as a completeness finding).
    """
    if whole_year:
        years = years[years[MONTHS] == FULL_YEAR]
    long = long_values(years, tuple(f for f in fields if f in years))
    return long[["unit", "unit_name", "group", "field", "year", "value"]]


def inconsistent_over_time(yearly: pd.DataFrame, limits: QualityThresholds) -> list[QualityFinding]:
    """`inconsistent_over_time`: a year against the mean of the unit's preceding years.

    The WHO DQR's "consistency over time": the current year's value divided by the mean of the
    three preceding years, flagged outside 1 ± 33 %. Needs all preceding years present.
    """
    span = limits.consistency_years
    keyed = yearly.set_index(_KEYS)["value"]
    earlier = [_later(keyed, back).rename(f"y{back}") for back in range(1, span + 1)]
    table = pd.concat([keyed, *earlier], axis=1, join="inner").dropna()
    if table.empty:
        return []
    mean = table[[f"y{back}" for back in range(1, span + 1)]].mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = (table["value"] - mean) / mean * 100.0
    share = limits.consistency_percent / 100.0
    flagged = (mean > 0) & (change.abs() > limits.consistency_percent)
    names = yearly.set_index(_KEYS)[["unit_name"]]
    hits = table[flagged].assign(mean=mean[flagged], change=change[flagged]).join(names)
    return [
        QualityFinding(
            "inconsistent_over_time",
            Severity.WARNING,
            unit_code=str(hit["unit"]),
            unit_name=_text(hit["unit_name"]),
            period=str(hit["year"]),
            field=str(hit["field"]),
            value=float(hit["value"]),
            low=float(hit["mean"]) * (1 - share),
            high=float(hit["mean"]) * (1 + share),
            score=float(hit["change"]),
            extra={"mean": float(hit["mean"]), "years": float(span)},
        )
        for hit in records(hits.reset_index())
    ]


def related_fields_inconsistent(
    births: pd.DataFrame, infants: pd.DataFrame, limits: QualityThresholds
) -> list[QualityFinding]:
    """`related_fields_inconsistent`: a year's live births against the children under 1.

    The WHO DQR's "consistency between related data": two counts that measure nearly the
    same cohort. Flagged when they differ by more than 10 % of children_under_1.
    """
    pair = births.merge(infants, on=["unit", "year"], suffixes=("", "_infants"))
    pair = pair[pair["value_infants"] > 0]
    share = limits.related_fields_percent / 100.0
    gap = (pair["value"] - pair["value_infants"]).abs()
    hits = pair[gap > share * pair["value_infants"]]
    return [
        QualityFinding(
            "related_fields_inconsistent",
            Severity.WARNING,
            unit_code=str(hit["unit"]),
            unit_name=_text(hit["unit_name"]),
            period=str(hit["year"]),
            field="live_births",
            value=float(hit["value"]),
            low=float(hit["value_infants"]) * (1 - share),
            high=float(hit["value_infants"]) * (1 + share),
            score=(float(hit["value"]) - float(hit["value_infants"]))
            / float(hit["value_infants"])
            * 100,
            extra={"children_under_1": float(hit["value_infants"])},
        )
        for hit in records(hits)
    ]


def population_jumps(population: pd.DataFrame, limits: QualityThresholds) -> list[QualityFinding]:
    """`population_jump`: a unit's population against the year before (WHO DQR, denominators)."""
    keyed = population.set_index(["unit", "year"])
    before = _later(keyed["value"], 1).rename("before")
    pair = keyed.join(before, how="inner")
    pair = pair[pair["before"] > 0]
    share = limits.population_jump_percent / 100.0
    change = (pair["value"] - pair["before"]) / pair["before"]
    jumped = change.abs() > share
    # Masked first: assigning a longer Series to an empty frame would add its rows.
    hits = pair[jumped].assign(change=change[jumped] * 100.0)
    return [
        QualityFinding(
            "population_jump",
            Severity.WARNING,
            unit_code=str(hit["unit"]),
            unit_name=_text(hit["unit_name"]),
            period=str(hit["year"]),
            field="population",
            value=float(hit["value"]),
            low=float(hit["before"]) * (1 - share),
            high=float(hit["before"]) * (1 + share),
            score=float(hit["change"]),
            extra={"before": float(hit["before"])},
        )
        for hit in records(hits.reset_index())
    ]


def _later(values: pd.Series, years: int) -> pd.Series:
    """`values` keyed `years` later: the value of 2021 appears at 2024 for years=3."""
    frame = values.reset_index()
    frame["year"] = frame["year"] + years
    names = [n for n in values.index.names if n is not None]
    return frame.set_index(names)[values.name]


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def with_series(findings: list[QualityFinding], yearly: pd.DataFrame) -> list[QualityFinding]:
    """The findings, each carrying its unit's yearly values of its field, for the charts."""
    if not findings:
        return findings
    wanted = pd.DataFrame(
        {"unit": [f.unit_code for f in findings], "field": [f.field for f in findings]}
    ).drop_duplicates()
    members = yearly.astype({"unit": str, "field": str}).merge(wanted, on=["unit", "field"])
    members = members.sort_values(["unit", "field", "year"])
    series: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for unit, field, year, value in zip(
        members["unit"].tolist(),
        members["field"].tolist(),
        members["year"].tolist(),
        members["value"].tolist(),
        strict=True,
    ):
        series.setdefault((unit, field), []).append((str(year), float(value)))
    return [
        dataclasses.replace(f, series=tuple(series.get((f.unit_code, f.field or ""), ())))
        for f in findings
    ]

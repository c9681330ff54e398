"""Consistency over time, between related fields, and of the population denominators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ycs.definitions import QualityThresholds
from ycs.errors import Severity
from ycs.quality.findings import QualityFinding
from ycs.quality.table import records

_KEYS = ["unit", "field", "year"]


def yearly_flows(values: pd.DataFrame) -> pd.DataFrame:
    """Each unit's yearly total of each flow field, from the periods that cover the whole year.

    A year counts only when its sub-periods of one length cover all 12 months (12 months, 4
    quarters, 2 halves, or the year itself): a year with a month missing is not comparable
    with full years, and the gap is reported as incomplete instead.
    Columns: unit, unit_name, group, field, year, value.
    """
    inside = values[values["start"] // 12 == (values["start"] + values["length"] - 1) // 12]
    keys = [*_KEYS, "length"]
    totals = inside.groupby(keys, sort=False, observed=True).agg(
        value=("value", "sum"),
        periods=("value", "size"),
        unit_name=("unit_name", "first"),
        group=("group", "first"),
    )
    totals = totals.reset_index()
    full = totals[totals["periods"] * totals["length"] == 12]
    # Where a year is given whole and in months as well, the whole year is the figure reported.
    full = full.sort_values("length", ascending=False).drop_duplicates(_KEYS)
    return full[["unit", "unit_name", "group", "field", "year", "value"]].reset_index(drop=True)


def yearly_stocks(values: pd.DataFrame) -> pd.DataFrame:
    """Each unit's yearly value of each stock field: the one of the latest period of the year."""
    ends = values.assign(end=values["start"] + values["length"] - 1)
    ends = ends[ends["end"] // 12 == ends["year"]]
    latest = ends.sort_values(["end", "length"]).drop_duplicates(_KEYS, keep="last")
    return latest[["unit", "unit_name", "group", "field", "year", "value"]].reset_index(drop=True)


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

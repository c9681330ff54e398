"""Outliers: a value against the unit's own history, and a rate against the province's communes."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.errors import Severity
from ycs.indicators.definitions import QualityThresholds
from ycs.quality.findings import QualityFinding
from ycs.quality.table import records

# Iglewicz and Hoaglin's modified z-score, as the WHO data quality app for DHIS2 and DHIS2's
# own outlier detection compute it: 0.6745 · (x − median) / MAD, where 0.6745 is the 0.75
# quantile of the standard normal, so that MAD / 0.6745 estimates the standard deviation.
MAD_FACTOR = 0.6745
# When more than half of a series equals its median the MAD is 0; IBM's definition (used by
# DHIS2 as well) then divides by the mean absolute deviation × 1.253314 (√(π/2), which makes
# it estimate the standard deviation of a normal series) and drops the 0.6745.
MEAN_AD_FACTOR = 1.253314


def outliers_over_time(values: pd.DataFrame, limits: QualityThresholds) -> list[QualityFinding]:
    """`outlier_over_time`: modified z-score of each value within its unit's series.

    A series is one unit's values of one field over periods of the same length (months with
    months, years with years). The median and the deviations are those of the whole series
    (DHIS2 does the same); a series needs the value plus `outlier_min_periods` others.
    """
    keys = ["unit", "field", "length"]
    # One integer per series: the statistics below group by it, much faster than by strings.
    ids = values.groupby(keys, sort=False, observed=True).ngroup().to_numpy()
    usable = np.bincount(ids)[ids] > limits.outlier_min_periods
    series = values.loc[usable]
    if series.empty:
        return []
    series_ids = ids[usable]
    by_series = series["value"].groupby(series_ids, sort=False)
    median = by_series.transform("median")
    deviation = (series["value"] - median).abs()
    by_deviation = deviation.groupby(series_ids, sort=False)
    mad = by_deviation.transform("median")
    mean_ad = by_deviation.transform("mean")
    # The spread one modified z-score unit stands for, in the field's own units.
    scale = np.where(mad > 0, mad / MAD_FACTOR, mean_ad * MEAN_AD_FACTOR)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(scale > 0, (series["value"] - median) / scale, 0.0)
    flagged = np.abs(score) >= limits.outlier_modified_z
    hits = series.loc[flagged].assign(
        score=score[flagged],
        median=median[flagged],
        reach=limits.outlier_modified_z * scale[flagged],
        series_id=series_ids[flagged],
    )
    histories = _histories(series, series_ids, hits["series_id"].to_numpy())
    return [
        QualityFinding(
            "outlier_over_time",
            Severity.WARNING,
            unit_code=str(hit["unit"]),
            unit_name=_name(hit["unit_name"]),
            period=str(hit["period"]),
            field=str(hit["field"]),
            value=float(hit["value"]),
            low=max(0.0, float(hit["median"]) - float(hit["reach"])),
            high=float(hit["median"]) + float(hit["reach"]),
            score=float(hit["score"]),
            series=histories[int(hit["series_id"])],
            file=_name(hit["file"]),
            sheet=_name(hit["sheet"]),
            row=int(hit["row"]),
            extra={"median": float(hit["median"])},
        )
        for hit in records(hits)
    ]


def outliers_between_units(
    values: pd.DataFrame, limits: QualityThresholds, skip: set[tuple[str, str, str]]
) -> list[QualityFinding]:
    """`outlier_between_units`: a commune's rate per 1,000 people against its province's others.

    Per province, period and field, the commune's rate is set against the mean and standard
    deviation of the other communes' rates (the WHO DQR's "moderate" outlier at 2 SD, the
    "extreme" at 3). A value already flagged against its own history (`skip`) is not reported
    a second time.
    """
    rates = values[values["denominator"] > 0]
    rates = rates.assign(rate=rates["value"] / rates["denominator"] * 1000.0)
    keys = [rates["province"], rates["period"], rates["field"]]
    grouped = rates.groupby(keys, sort=False, observed=True)["rate"]
    count = grouped.transform("size").to_numpy()
    total = grouped.transform("sum").to_numpy()
    squares = (rates["rate"] ** 2).groupby(keys, sort=False, observed=True).transform("sum")
    rate = rates["rate"].to_numpy()
    # Leave-one-out: the commune is compared with the others, so that one wild value does
    # not widen the spread it is measured against.
    others = count - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = (total - rate) / others
        variance = (squares.to_numpy() - rate**2 - others * mean**2) / (others - 1)
        sd = np.sqrt(np.clip(variance, 0.0, None))
        z = np.where(sd > 0, (rate - mean) / sd, 0.0)
    usable = others >= limits.between_units_min_units
    flagged = usable & (np.abs(z) >= limits.between_units_info_z)
    hits = rates.loc[flagged].assign(z=z[flagged], mean=mean[flagged], sd=sd[flagged])
    findings: list[QualityFinding] = []
    for hit in records(hits):
        if (str(hit["unit"]), str(hit["period"]), str(hit["field"])) in skip:
            continue
        warning = abs(float(hit["z"])) >= limits.between_units_warning_z
        reach = (
            limits.between_units_warning_z if warning else limits.between_units_info_z
        ) * float(hit["sd"])
        per_person = float(hit["denominator"]) / 1000.0
        findings.append(
            QualityFinding(
                "outlier_between_units",
                Severity.WARNING if warning else Severity.INFO,
                unit_code=str(hit["unit"]),
                unit_name=_name(hit["unit_name"]),
                period=str(hit["period"]),
                field=str(hit["field"]),
                value=float(hit["value"]),
                low=max(0.0, (float(hit["mean"]) - reach) * per_person),
                high=(float(hit["mean"]) + reach) * per_person,
                score=float(hit["z"]),
                file=_name(hit["file"]),
                sheet=_name(hit["sheet"]),
                row=int(hit["row"]),
                extra={"rate": float(hit["rate"]), "mean_rate": float(hit["mean"])},
            )
        )
    return findings


def _histories(
    series: pd.DataFrame, series_ids: npt.NDArray[np.integer], wanted: npt.NDArray[np.integer]
) -> dict[int, tuple[tuple[str, float], ...]]:
    """The whole series of each flagged value, in period order, for the report's charts."""
    if not wanted.size:
        return {}
    member = np.isin(series_ids, wanted)
    ids = series_ids[member]
    starts = series["start"].to_numpy()[member]
    order = np.lexsort((starts, ids))
    ids = ids[order]
    periods = series["period"].to_numpy(dtype=object)[member][order].tolist()
    numbers = series["value"].to_numpy(dtype=np.float64)[member][order].tolist()
    bounds = np.flatnonzero(np.diff(ids)) + 1
    edges = [0, *bounds.tolist(), len(ids)]
    return {
        int(ids[begin]): tuple(zip(periods[begin:end], numbers[begin:end], strict=True))
        for begin, end in pairwise(edges)
    }


def _name(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

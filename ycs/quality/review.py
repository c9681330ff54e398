"""The data-quality review of validated data (SPEC §9): every check, the scorecard, the gaps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ycs.check.fields import SHEET_KINDS
from ycs.check.validation import Dataset, InputInfo
from ycs.errors import Finding
from ycs.indicators.definitions import QualityThresholds
from ycs.quality.completeness import review_completeness
from ycs.quality.consistency import (
    inconsistent_over_time,
    population_jumps,
    related_fields_inconsistent,
    with_series,
    yearly_rows,
    yearly_values,
)
from ycs.quality.findings import QualityCode, QualityFinding
from ycs.quality.outliers import outliers_between_units, outliers_over_time
from ycs.quality.scorecard import ScoreLine, merge_lines, scorecard
from ycs.quality.table import FLOW_FIELDS, long_values, period_shape, units_frame

# The order in which the report lists the checks: the WHO DQR's dimensions in turn.
CODE_ORDER: tuple[QualityCode, ...] = (
    "missing_units",
    "incomplete_period",
    "outlier_over_time",
    "outlier_between_units",
    "inconsistent_over_time",
    "related_fields_inconsistent",
    "population_jump",
)


@dataclass(slots=True)
class QualityReview:
    """Everything `ycs quality` found, as the writers receive it."""

    inputs: list[InputInfo]
    validation: list[Finding]
    findings: list[QualityFinding]
    scorecard: list[ScoreLine]
    completeness: pd.DataFrame
    thresholds: QualityThresholds
    level: str
    periods: list[str]
    made: date = field(default_factory=date.today)


def review(
    dataset: Dataset,
    thresholds: QualityThresholds,
    *,
    level: str = "district",
    period: str | None = None,
) -> QualityReview:
    """Run every check of the review on the validated frames, one group-by per statistic.

    With `period`, the whole input is still the history each value is judged against, but
    only findings, reports and values inside `period` are reported.
    """
    within = _within(period)
    findings: list[QualityFinding] = []
    lines: list[ScoreLine] = []
    tables: list[pd.DataFrame] = []
    for kind in SHEET_KINDS:
        rows = units_frame(dataset.frames[kind], kind, level)
        if rows.empty:
            continue
        values = long_values(rows, FLOW_FIELDS[kind])
        completeness = review_completeness(rows, kind)
        found = list(completeness.findings)
        counted = values[values["period"].map(within).astype(bool)] if period else values
        table = completeness.table
        if period:
            table = table[table["period"].map(within).astype(bool)]
        over_time = outliers_over_time(values, thresholds)
        found.extend(over_time)
        years = yearly_rows(dataset, kind, level, rows)
        flows = yearly_values(years, FLOW_FIELDS[kind], whole_year=True)
        found.extend(with_series(inconsistent_over_time(flows, thresholds), flows))
        if kind == "commune":
            stocks = yearly_values(years, ("population", "children_under_1"), whole_year=False)
            births = flows[flows["field"] == "live_births"]
            infants = stocks[stocks["field"] == "children_under_1"][["unit", "year", "value"]]
            found.extend(related_fields_inconsistent(births, infants, thresholds))
            population = stocks[stocks["field"] == "population"]
            jumps = with_series(population_jumps(population, thresholds), population)
            found.extend(jumps)
            # A value is reported once: not again against the other communes when its own
            # history already flags it, nor where its rate rests on a population in doubt.
            skip = {(f.unit_code, f.period, f.field or "") for f in over_time}
            doubtful = {(f.unit_code, int(f.period)) for f in jumps}
            keys = pd.MultiIndex.from_arrays([values["unit"], values["year"]])
            between = values[~keys.isin(list(doubtful))] if doubtful else values
            found.extend(outliers_between_units(between, thresholds, skip))
        found = [f for f in found if _overlaps(f, within)]
        pairs = rows[["unit", "group"]].drop_duplicates().astype(str)
        group_of = dict(zip(pairs["unit"].tolist(), pairs["group"].tolist(), strict=True))
        group_of.update({g: g for g in pairs["group"].tolist()})
        # A district sheet grouped by district would expect each district of itself alone:
        # its reports count towards completeness only when grouped by province.
        trivial = kind == "district" and level != "province"
        lines.extend(
            scorecard(
                table.iloc[:0] if trivial else table,
                counted,
                rows,
                found,
                group_of,
                thresholds.completeness_benchmark,
            )
        )
        # Which sheet's units a line counts: communes, or the district sheet's own units.
        tables.append(table.assign(kind=kind))
        findings.extend(found)
    findings.sort(key=_order)
    lines = merge_lines(lines)
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    return QualityReview(
        inputs=dataset.inputs,
        validation=dataset.findings,
        findings=findings,
        scorecard=lines,
        completeness=table,
        thresholds=thresholds,
        level=level,
        periods=[p for p in dataset.periods() if within(p)],
    )


def _within(period: str | None) -> Callable[[str], bool]:
    """Whether a canonical period lies inside `period` (every period does when it is None)."""
    if period is None:
        return lambda _: True
    outer = period_shape(period)

    def inside(candidate: str) -> bool:
        shape = period_shape(candidate)
        return outer.start <= shape.start and shape.end <= outer.end

    return inside


def _overlaps(finding: QualityFinding, within: Callable[[str], bool]) -> bool:
    """A run of missing reports is kept when any of its periods lies inside."""
    if within(finding.period):
        return True
    return finding.period_to is not None and within(finding.period_to)


def _order(finding: QualityFinding) -> tuple[int, str, int, str]:
    return (
        CODE_ORDER.index(finding.code),
        finding.unit_code,
        period_shape(finding.period).start,
        finding.field or "",
    )

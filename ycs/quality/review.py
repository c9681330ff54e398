"""The data-quality review of validated data (SPEC §9): every check, the scorecard, the gaps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.fields import SHEET_KINDS
from ycs.check.validation import Dataset, InputInfo
from ycs.errors import Finding
from ycs.indicators.definitions import QualityThresholds
from ycs.place.territory import PLACED_IN_CURRENT, UNITS_COLUMN
from ycs.quality.completeness import month_span, review_completeness
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
from ycs.quality.scorecard import ScoreLine, join_sets, merge_lines, scorecard
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
    only findings, reports and values inside `period` are reported. Input spanning the
    reorganisation of 07/2025 is reviewed one set of units at a time: a code names another
    unit in the other set (current commune 02647 is not legacy 02647, current province 15 is
    not legacy 15), so no series, group or gap crosses from one set to the other.
    """
    findings: list[QualityFinding] = []
    lines: list[ScoreLine] = []
    tables: list[pd.DataFrame] = []
    parts = _by_set(dataset)
    spans = _spans(dataset, level) if len(parts) > 1 else [None]
    for part, span in zip(parts, spans, strict=True):
        found, part_lines, part_tables = _review_part(part, thresholds, level, period, span)
        findings.extend(found)
        lines.extend(merge_lines(part_lines))
        tables.extend(part_tables)
    if len(parts) > 1 and _in_current_provinces(dataset):
        # Legacy rows placed in today's provinces (`--units current`): one line per province
        # for its legacy and its current communes together.
        lines = join_sets(lines)
    findings.sort(key=_order)
    lines.sort(key=lambda line: (line.group_level, line.group))
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    within = _within(period)
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


def _review_part(
    dataset: Dataset,
    thresholds: QualityThresholds,
    level: str,
    period: str | None,
    span: tuple[int, int] | None,
) -> tuple[list[QualityFinding], list[ScoreLine], list[pd.DataFrame]]:
    """Every check on rows of one set of units: findings, scorecard lines (one per group
    and sheet kind) and completeness tables; reports are expected over `span` (months), by
    default the months the rows cover."""
    within = _within(period)
    findings: list[QualityFinding] = []
    lines: list[ScoreLine] = []
    tables: list[pd.DataFrame] = []
    for kind in SHEET_KINDS:
        rows = units_frame(dataset.frames[kind], kind, level)
        if rows.empty:
            continue
        values = long_values(rows, FLOW_FIELDS[kind])
        completeness = review_completeness(rows, kind, span)
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
    return findings, lines, tables


def _by_set(dataset: Dataset) -> list[Dataset]:
    """The dataset as one part per set of units its rows are read in (SPEC §7.1), legacy
    first; a single part when all rows are in one set. A row the registry did not place (no
    commune code) goes by its period's dates."""
    sets = {kind: _row_sets(frame) for kind, frame in dataset.frames.items()}
    held = {str(s) for rows in sets.values() for s in np.unique(rows)}
    if len(held) < 2:
        return [dataset]
    return [
        Dataset(
            frames={
                kind: frame[sets[kind] == unit_set].reset_index(drop=True)
                for kind, frame in dataset.frames.items()
            },
            findings=dataset.findings,
            inputs=dataset.inputs,
            columns=dataset.columns,
        )
        for unit_set in ("legacy", "current")
    ]


def _row_sets(frame: pd.DataFrame) -> npt.NDArray[np.object_]:
    """Each row's set: as the registry placed it, else by its period's dates (a period
    spanning 07/2025 is current, as with no commune codes to count; SPEC §7.1)."""
    if frame.empty:
        return np.array([], dtype=object)
    periods = frame["period"].astype(object)
    by_date = periods.map(
        {
            p: "legacy" if period_shape(str(p)).end < _REORGANISED else "current"
            for p in periods.dropna().unique()
        }
    ).fillna("current")
    if UNITS_COLUMN in frame:
        by_date = frame[UNITS_COLUMN].astype(object).where(frame[UNITS_COLUMN].notna(), by_date)
    return by_date.to_numpy(dtype=object)


def _spans(dataset: Dataset, level: str) -> list[tuple[int, int] | None]:
    """The months each set's units were expected to report in: those the whole input
    covers, up to 06/2025 for the legacy units and from 07/2025 for the current ones."""
    covered = [
        month_span(rows)
        for kind, frame in dataset.frames.items()
        if not (rows := units_frame(frame, kind, level)).empty
    ]
    if not covered:
        return [None, None]  # no row has a period: nothing is expected of either set
    first = min(start for start, _ in covered)
    last = max(end for _, end in covered)
    return [(first, min(last, _REORGANISED - 1)), (max(first, _REORGANISED), last)]


def _in_current_provinces(dataset: Dataset) -> bool:
    commune = dataset.frames.get("commune")
    return commune is not None and PLACED_IN_CURRENT in commune


# The first month of the current units (01/07/2025), as year × 12 + month − 1.
_REORGANISED = 2025 * 12 + 6


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

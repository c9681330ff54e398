"""The scorecard that opens the review: one line per district (or province) of the input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ycs.errors import Severity
from ycs.quality.findings import QualityFinding
from ycs.quality.table import records


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """The WHO DQR's headline numbers for one group of units."""

    group: str
    group_name: str | None
    group_level: str
    reports_expected: int
    reports_received: int
    periods: int
    periods_below_benchmark: int
    values_checked: int
    values_flagged: int
    units: int
    units_inconsistent: int

    @property
    def completeness(self) -> float | None:
        if not self.reports_expected:
            return None
        return self.reports_received / self.reports_expected * 100.0

    @property
    def flagged_percent(self) -> float | None:
        if not self.values_checked:
            return None
        return self.values_flagged / self.values_checked * 100.0


# The checks whose flags count as outliers in the scorecard: the extreme ones only, as the
# WHO DQR's "% of values that are extreme outliers".
_OUTLIERS = ("outlier_over_time", "outlier_between_units")


def scorecard(
    completeness: pd.DataFrame,
    values: pd.DataFrame,
    rows: pd.DataFrame,
    findings: Sequence[QualityFinding],
    group_of: Mapping[str, str],
    benchmark: float,
) -> list[ScoreLine]:
    """One line per group: completeness against the benchmark, outliers, inconsistent units."""
    reports = completeness.groupby("group", sort=False).agg(
        expected=("expected", "sum"),
        received=("reported", "sum"),
        periods=("period", "size"),
        below=("percent", lambda p: int((p < benchmark).sum())),
    )
    checked = values.groupby("group", sort=False).size()
    units = rows.groupby("group", sort=False)["unit"].nunique()
    info = rows.groupby("group", sort=False)[["group_name", "group_level"]].first()
    flagged: dict[str, set[tuple[str, str, str | None]]] = {}
    inconsistent: dict[str, set[str]] = {}
    for finding in findings:
        group = group_of.get(finding.unit_code)
        if group is None:
            continue
        if finding.code in _OUTLIERS and finding.severity is Severity.WARNING:
            flagged.setdefault(group, set()).add((finding.unit_code, finding.period, finding.field))
        elif finding.code == "inconsistent_over_time":
            inconsistent.setdefault(group, set()).add(finding.unit_code)
    counts = reports.to_dict("index")
    lines = []
    for meta in records(info.reset_index()):
        key = str(meta["group"])
        found = counts.get(meta["group"], {})
        lines.append(
            ScoreLine(
                group=key,
                group_name=None if pd.isna(meta["group_name"]) else str(meta["group_name"]),
                group_level=str(meta["group_level"]),
                reports_expected=int(found.get("expected", 0)),
                reports_received=int(found.get("received", 0)),
                periods=int(found.get("periods", 0)),
                periods_below_benchmark=int(found.get("below", 0)),
                values_checked=int(checked.get(meta["group"], 0)),
                values_flagged=len(flagged.get(key, ())),
                units=int(units.get(meta["group"], 0)),
                units_inconsistent=len(inconsistent.get(key, ())),
            )
        )
    return sorted(lines, key=lambda line: (line.group_level, line.group))


def merge_lines(lines: Sequence[ScoreLine]) -> list[ScoreLine]:
    """One line per group: a district's commune sheet and its own district sheet together.

    The name is the first one given, the commune sheet's (the administrative unit's name
    rather than its health centre's).
    """
    merged: dict[tuple[str, str], ScoreLine] = {}
    for line in lines:
        key = (line.group_level, line.group)
        known = merged.get(key)
        if known is None:
            merged[key] = line
            continue
        merged[key] = ScoreLine(
            group=known.group,
            group_name=known.group_name or line.group_name,
            group_level=known.group_level,
            reports_expected=known.reports_expected + line.reports_expected,
            reports_received=known.reports_received + line.reports_received,
            periods=max(known.periods, line.periods),
            periods_below_benchmark=max(
                known.periods_below_benchmark, line.periods_below_benchmark
            ),
            values_checked=known.values_checked + line.values_checked,
            values_flagged=known.values_flagged + line.values_flagged,
            # Units are the group's communes; its own district sheet is not one more.
            units=known.units,
            units_inconsistent=known.units_inconsistent + line.units_inconsistent,
        )
    return sorted(merged.values(), key=lambda line: (line.group_level, line.group))


def join_sets(lines: Sequence[ScoreLine]) -> list[ScoreLine]:
    """One line per group from the lines of the two sets of units: a current province's
    legacy communes (placed in it by `--units current`) and its current communes. Their
    periods and units are distinct, so every count adds up."""
    merged: dict[tuple[str, str], ScoreLine] = {}
    for line in lines:
        key = (line.group_level, line.group)
        known = merged.get(key)
        merged[key] = line if known is None else _sum(known, line)
    return list(merged.values())


def _sum(first: ScoreLine, second: ScoreLine) -> ScoreLine:
    return ScoreLine(
        group=first.group,
        group_name=first.group_name or second.group_name,
        group_level=first.group_level,
        reports_expected=first.reports_expected + second.reports_expected,
        reports_received=first.reports_received + second.reports_received,
        periods=first.periods + second.periods,
        periods_below_benchmark=first.periods_below_benchmark + second.periods_below_benchmark,
        values_checked=first.values_checked + second.values_checked,
        values_flagged=first.values_flagged + second.values_flagged,
        units=first.units + second.units,
        units_inconsistent=first.units_inconsistent + second.units_inconsistent,
    )

"""Completeness of reporting: which expected reports arrived, per group and period."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.errors import Severity
from ycs.place.registry import communes, current_province_of_commune
from ycs.place.territory import PLACED_IN_CURRENT, UNITS_COLUMN
from ycs.quality.findings import QualityFinding
from ycs.quality.table import period_shape


@dataclass(frozen=True, slots=True)
class Completeness:
    """`table`: per group and expected period, the units expected and reported (the WHO DQR's
    "completeness of facility reporting"); `findings`: the gaps."""

    table: pd.DataFrame  # group, group_name, group_level, period, expected, reported, percent
    findings: list[QualityFinding]


def period_name(length: int, start: int) -> str:
    """The canonical period of a length and first month: (3, 24294) → "2024-Q3"."""
    year, month = divmod(start, 12)
    if length == 12:
        return str(year)
    if length == 1:
        return f"{year}-{month + 1:02d}"
    if length == 9:
        return f"{year}-9M"
    return f"{year}-{'Q' if length == 3 else 'H'}{month // length + 1}"


def review_completeness(
    rows: pd.DataFrame, kind: str = "commune", span: tuple[int, int] | None = None
) -> Completeness:
    """Expected reports are every commune of the group in the official list (SPEC §7.3), and
    every unit of the group seen anywhere in the input, in every period of the group's usual
    length from the first to the last month the input holds (or `span`).

    A unit that reported in some period but not in another is missing there; a period in
    which no unit of the group reported is a gap of the group (`incomplete_period`), said once
    for the group rather than once per unit.
    """
    if rows.empty:
        return Completeness(_empty_table(), [])
    first, last = span or month_span(rows)
    groups = rows.groupby("group", sort=False).agg(
        group_name=("group_name", "first"),
        group_level=("group_level", "first"),
        length=("length", lambda s: int(s.mode().iloc[0])),
    )
    periods = _expected_periods(groups, first, last)
    if span is not None:
        # One set's span (SPEC §7.1): the legacy units sent no report for a period ending
        # after 06/2025, such as the year 2025.
        periods = periods[periods["start"] + periods["length"] - 1 <= last]
    if kind == "commune":
        units = _with_registry(groups, rows)
    else:
        units = rows[["group", "unit", "unit_name"]].drop_duplicates(["group", "unit"])
    expected = periods.merge(units, on="group")
    reported = rows[["group", "unit", "period"]].drop_duplicates().assign(reported=True)
    grid = expected.merge(reported, on=["group", "unit", "period"], how="left")
    grid["reported"] = grid["reported"].fillna(False).astype(bool)
    table = grid.groupby(["group", "period", "start"], sort=False).agg(
        expected=("unit", "size"), reported=("reported", "sum")
    )
    table = table.reset_index().join(groups, on="group").sort_values(["group", "start"])
    table["percent"] = table["reported"] / table["expected"] * 100.0
    empty = table[table["reported"] == 0][["group", "period", "start"]]
    findings = _incomplete_periods(empty, groups)
    gaps = grid[~grid["reported"]].merge(empty.assign(whole=True), how="left")
    gaps = gaps[gaps["whole"].isna()]
    findings.extend(_missing_runs(gaps, groups))
    columns = ["group", "group_name", "group_level", "period", "expected", "reported", "percent"]
    return Completeness(table[columns].reset_index(drop=True), findings)


# The first month of the current units (01/07/2025), as year × 12 + month − 1.
_REORGANISED = 2025 * 12 + 6


def month_span(rows: pd.DataFrame) -> tuple[int, int]:
    """The first and last month (year × 12 + month − 1) the rows cover."""
    return int(rows["start"].min()), int((rows["start"] + rows["length"] - 1).max())


def _with_registry(groups: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The input's units of each group and the official communes of that group: a legacy
    district's communes, or a province's in the set its rows are read in (SPEC §7.1; the
    review takes one set at a time). A current province that legacy rows were placed in
    (`--units current`) expects the legacy communes that became part of it."""
    era = _row_eras(rows)
    seen = rows[["group", "unit", "unit_name"]].drop_duplicates(["group", "unit"])
    pairs = pd.DataFrame({"group": rows["group"], "era": era}).drop_duplicates()
    pairs = pairs.join(groups["group_level"], on="group")
    official = [seen.astype(object)]
    for unit_set in ("legacy", "current"):
        listed = communes(unit_set)
        for level, column in (("district", "district_code"), ("province", "province_code")):
            if unit_set == "current" and level == "district":
                continue
            chosen = pairs[(pairs["era"] == unit_set) & (pairs["group_level"] == level)]
            parent = listed[column]
            if unit_set == "legacy" and level == "province" and _placed_in_current(rows):
                parent = listed["code"].map(current_province_of_commune())
            match = listed[parent.isin([str(g) for g in chosen["group"]]).to_numpy(dtype=bool)]
            official.append(
                pd.DataFrame(
                    {
                        "group": parent[match.index].astype(object).to_numpy(),
                        "unit": match["code"].astype(object).to_numpy(),
                        "unit_name": match["name"].astype(object).to_numpy(),
                    }
                )
            )
    combined = pd.concat(official, ignore_index=True)
    return combined.drop_duplicates(["group", "unit"]).reset_index(drop=True)


def _row_eras(rows: pd.DataFrame) -> npt.NDArray[np.object_]:
    """The set each row's units are read in: as placed (SPEC §7.1), or, for rows the
    registry did not place, that of the group's last period."""
    last = rows.groupby("group", sort=False)["start"].transform("max")
    by_date = np.where(last.to_numpy() >= _REORGANISED, "current", "legacy").astype(object)
    if UNITS_COLUMN not in rows:
        return by_date
    placed = rows[UNITS_COLUMN].astype(object).to_numpy()
    known = pd.notna(placed)
    return np.where(known, placed, by_date)


def _placed_in_current(rows: pd.DataFrame) -> bool:
    """Whether legacy rows were placed in current provinces (`--units current`)."""
    return bool(rows.get(PLACED_IN_CURRENT, pd.Series(False)).any())


def _expected_periods(groups: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    lines: list[tuple[str, str, int, int]] = []
    for group, length in groups["length"].items():
        step = 12 if length == 9 else length
        begin = first - first % step
        lines.extend(
            (str(group), period_name(length, start), start, length)
            for start in range(begin, last + 1, step)
        )
    frame = pd.DataFrame(lines, columns=["group", "period", "start", "length"])
    # The index of the period within the group's sequence: runs are consecutive indexes.
    frame["step"] = frame.groupby("group").cumcount()
    return frame


def _incomplete_periods(empty: pd.DataFrame, groups: pd.DataFrame) -> list[QualityFinding]:
    empty = empty.assign(year=empty["start"] // 12)
    about = groups.to_dict("index")
    findings = []
    for (group, year), lines in empty.groupby(["group", "year"], sort=True):
        info = about[group]
        findings.append(
            QualityFinding(
                "incomplete_period",
                Severity.WARNING,
                unit_code=str(group),
                unit_name=_text(info["group_name"]),
                period=str(year),
                missing=tuple(lines.sort_values("start")["period"].astype(str)),
                extra={"level_" + str(info["group_level"]): 1.0},
            )
        )
    return findings


def _missing_runs(gaps: pd.DataFrame, groups: pd.DataFrame) -> list[QualityFinding]:
    """One `missing_units` finding per group and run of consecutive periods with the same
    units missing, rather than one per period: a commune that stopped reporting in July is one
    finding from July to December."""
    if gaps.empty:
        return []
    gaps = gaps.sort_values(["group", "unit", "step"])
    new_run = (gaps["unit"] != gaps["unit"].shift()) | (gaps["step"] != gaps["step"].shift() + 1)
    gaps = gaps.assign(run=np.cumsum(new_run.to_numpy()))
    runs = gaps.groupby("run", sort=False).agg(
        group=("group", "first"),
        unit=("unit", "first"),
        unit_name=("unit_name", "first"),
        first=("period", "first"),
        last=("period", "last"),
        start=("start", "first"),
        count=("period", "size"),
    )
    about = groups.to_dict("index")
    findings = []
    for (group, first, last), run in runs.groupby(["group", "first", "last"], sort=False):
        info = about[group]
        members = run.sort_values("unit")
        findings.append(
            QualityFinding(
                "missing_units",
                Severity.WARNING,
                unit_code=str(group),
                unit_name=_text(info["group_name"]),
                period=str(first),
                period_to=None if last == first else str(last),
                missing=tuple(members["unit"].astype(str)),
                missing_names=tuple(members["unit_name"].fillna("").astype(str)),
                extra={"periods": float(members["count"].iloc[0])},
            )
        )
    findings.sort(key=lambda f: (f.unit_code, period_shape(f.period).start, f.missing))
    return findings


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame(
        columns=["group", "group_name", "group_level", "period", "expected", "reported", "percent"]
    )


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

"""The validated frames as the review reads them: one long table of (unit, period, field, value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ycs.check.duplicates import FILE, ROW, SHEET
from ycs.check.fields import FIELDS, SheetKind
from ycs.check.periods import period_months, period_year

# The fields counted as events during the period (SPEC §8.1) are the ones the statistics look
# at: stocks (population, staff, …) change slowly by nature, and their one check is the
# population jump.
FLOW_FIELDS: dict[SheetKind, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields if f.over_time == "flow" and f.numeric)
    for kind, fields in FIELDS.items()
}

UNIT_COLUMNS: dict[SheetKind, tuple[str, str]] = {
    "commune": ("commune_code", "commune_name"),
    "district": ("district_code", "district_name"),
}


@dataclass(frozen=True, slots=True)
class PeriodShape:
    """Per canonical period: its length in months and its first month (year × 12 + month − 1)."""

    length: int
    start: int

    @property
    def end(self) -> int:
        return self.start + self.length - 1


def period_shape(period: str) -> PeriodShape:
    first, last = period_months(period)
    return PeriodShape(last - first + 1, period_year(period) * 12 + first - 1)


def units_frame(frame: pd.DataFrame, kind: SheetKind, level: str) -> pd.DataFrame:
    """The rows the review can place: a unit, a period, and the group the scorecard puts it in.

    Columns: unit, unit_name, group, group_name, group_level, province, period, length,
    start, year, plus the numeric fields and the row's position. A unit without a code is
    known by its name; a row without either, or without a period, cannot be placed.
    """
    code_column, name_column = UNIT_COLUMNS[kind]
    unit = frame[code_column].fillna(frame[name_column])
    keep = unit.notna().to_numpy() & frame["period"].notna().to_numpy()
    rows = frame.loc[keep].copy()
    rows["_source"] = np.flatnonzero(keep)
    rows["unit"] = unit[keep]
    rows["unit_name"] = rows[name_column]
    rows["province"] = rows["province_code"].fillna(rows["province_name"]).fillna("")
    district = rows["district_code"].fillna(rows["district_name"])
    if level == "commune":
        rows["group"], rows["group_name"], rows["group_level"] = (
            rows["unit"],
            rows["unit_name"],
            kind,
        )
    elif level == "district":
        # The current set (from 07/2025) has no districts: those rows are grouped by province.
        has_district = district.notna()
        rows["group"] = district.where(has_district, rows["province"])
        rows["group_name"] = rows["district_name"].where(has_district, rows["province_name"])
        rows["group_level"] = np.where(has_district, "district", "province")
    else:
        rows["group"], rows["group_name"], rows["group_level"] = (
            rows["province"],
            rows["province_name"],
            "province",
        )
    shapes = {p: period_shape(p) for p in rows["period"].unique()}
    rows["length"] = rows["period"].map({p: s.length for p, s in shapes.items()}).astype(np.int64)
    rows["start"] = rows["period"].map({p: s.start for p, s in shapes.items()}).astype(np.int64)
    rows["year"] = rows["start"] // 12
    return rows.reset_index(drop=True)


def long_values(rows: pd.DataFrame, fields: tuple[str, ...]) -> pd.DataFrame:
    """One line per reported value of `fields`: unit, period, field, value and position.

    `denominator` is the row's population (NaN on district sheets), for rates per 1,000.
    """
    keys = ["unit", "unit_name", "group", "province", "period", "length", "start", "year"]
    present = [f for f in fields if rows[f].notna().any()]
    table = rows[[*keys, FILE, SHEET, ROW, *present]].rename(
        columns={FILE: "file", SHEET: "sheet", ROW: "row"}
    )
    table["denominator"] = rows.get("population", np.nan)
    # Labels as categories: melting repeats each of them once per field, and filtering
    # the long table then moves small integer codes instead of strings.
    for name in ("unit", "unit_name", "group", "province", "period", "file", "sheet"):
        table[name] = table[name].astype("category")
    long = table.melt(
        id_vars=[*keys, "file", "sheet", "row", "denominator"],
        value_vars=present,
        var_name="field",
    )
    return long[long["value"].notna()].reset_index(drop=True)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a (small) frame of findings as dicts, to build one record per finding."""
    # Column by column: converting Arrow-backed strings one cell at a time is slow.
    names = [str(name) for name in frame.columns]
    columns = [frame[name].tolist() for name in frame.columns]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]

"""The validated frames as the review reads them: one long table of (unit, period, field, value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from ycs.fields import SheetKind
from ycs.units import FILE, ROW, SHEET

# Fields counted as events during the period (SPEC §8.1): summed over sub-periods, and the
# fields whose values the statistical checks look at. Stocks (population, staff, …) change
# slowly by nature; their one check is the population jump.
FLOW_FIELDS: dict[SheetKind, tuple[str, ...]] = {
    "commune": (
        "primary_care_users",
        "primary_care_users_bhyt_paid",
        "high_risk_checked",
        "children_u1_fully_immunised",
        "outpatient_visits",
        "bhyt_visits",
        "live_births",
        "deaths_under_1",
    ),
    "district": (
        "patients_surveyed",
        "patients_satisfied",
        "food_businesses_inspected",
        "capital_disbursed",
        "techniques_transferred",
        "new_techniques",
    ),
}

UNIT_COLUMNS: dict[SheetKind, tuple[str, str]] = {
    "commune": ("commune_code", "commune_name"),
    "district": ("district_code", "district_name"),
}

# Months in a period of each canonical form: "2024" 12, "2024-H1" 6, "2024-9M" 9,
# "2024-Q3" 3, "2024-10" 1.
_LENGTH = {"H": 6, "Q": 3, "M": 9}


@dataclass(frozen=True, slots=True)
class PeriodShape:
    """Per canonical period: its length in months and its first month (year × 12 + month − 1)."""

    length: int
    start: int

    @property
    def end(self) -> int:
        return self.start + self.length - 1


def period_shape(period: str) -> PeriodShape:
    year = int(period[:4])
    if len(period) == 4:
        return PeriodShape(12, year * 12)
    suffix = period[5:]
    if suffix.isdigit():
        return PeriodShape(1, year * 12 + int(suffix) - 1)
    if suffix.endswith("M"):
        return PeriodShape(9, year * 12)
    number = int(suffix[1:])
    length = _LENGTH[suffix[0]]
    return PeriodShape(length, year * 12 + (number - 1) * length)


def month_period(month: int) -> str:
    """The canonical month period of a month index: 24289 → "2024-02"."""
    return f"{month // 12}-{month % 12 + 1:02d}"


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
    long = table.melt(
        id_vars=[*keys, "file", "sheet", "row", "denominator"],
        value_vars=present,
        var_name="field",
    )
    return long[long["value"].notna()].reset_index(drop=True)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a (small) frame of findings as dicts, to build one record per finding."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))

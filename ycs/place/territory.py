"""Where rows lie: commune codes and names checked against the official units (SPEC §7.1–7.2).

Each period is read in one set of units (legacy before 01/07/2025, current from it); the
commune sheet's codes are joined to that set's list on whole columns. A code the set does
not know leaves its row out; a wrong parent code or a name spelt differently is reported
and kept. Every row gets the set it was read in (column `_units`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ycs.check.duplicates import FILE, ROW, SHEET, Columns
from ycs.check.periods import period_months, period_year
from ycs.check.validation import Dataset
from ycs.errors import Finding
from ycs.place import registry

type UnitsOption = Literal["auto", "legacy", "current"]
UNITS_COLUMN = "_units"
# A legacy row rolled up to a current commune (SPEC §7.5) keeps its legacy commune here: its
# station is one of the legacy communes the current unit was formed from.
LEGACY_COMMUNE_COLUMN = "_legacy_commune"
# A legacy row placed in the current province its commune became part of, keeping its own
# commune code: the quality review's `--units current`.
PLACED_IN_CURRENT = "_in_current_province"
_REORGANISED_YEAR, _REORGANISED_MONTH = 2025, 7


def _period_side(period: str) -> registry.UnitSet | None:
    """The set a period falls in by its dates; None when it spans 01/07/2025."""
    year = period_year(period)
    first, last = period_months(period)
    if (year, last) < (_REORGANISED_YEAR, _REORGANISED_MONTH):
        return "legacy"
    if (year, first) >= (_REORGANISED_YEAR, _REORGANISED_MONTH):
        return "current"
    return None


# The set of a period by its dates, for other sheets than the commune sheet.
period_side = _period_side


def _choose_sets(frame: pd.DataFrame, units: UnitsOption, findings: list[Finding]) -> pd.Series:
    """The set in force for each row, per period (§7.1)."""
    if units != "auto":
        return pd.Series(units, index=frame.index, dtype="string")
    # Each distinct period is looked at once; rows take their period's set by its number.
    numbers, periods = pd.factorize(frame["period"].astype("string"))
    chosen: list[str] = []
    for number, period in enumerate(periods):
        side = _period_side(str(period))
        if side is None:
            codes = frame.loc[numbers == number, "commune_code"]
            legacy = int(codes.isin(registry.communes("legacy")["code"]).sum())
            current = int(codes.isin(registry.communes("current")["code"]).sum())
            side = "legacy" if legacy > current else "current"
            findings.append(
                Finding(
                    "units_chosen",
                    params={
                        "period": str(period),
                        "units": side,
                        "legacy": legacy,
                        "current": current,
                    },
                )
            )
        chosen.append(side)
    # Rows without a period are read in the set of today's units.
    sets = pd.array([*chosen, "current"], dtype="string").take(numbers)
    return pd.Series(sets, index=frame.index, dtype="string")


def _finding(
    code: str, rows: pd.DataFrame, field: str, columns: Columns, **params: pd.Series
) -> list[Finding]:
    out: list[Finding] = []
    files = [str(f) for f in rows[FILE].tolist()]
    sheets = [
        None if s is None else str(s)
        for s in rows[SHEET].astype(object).where(rows[SHEET].notna(), None).tolist()
    ]
    numbers = [int(r) for r in rows[ROW].tolist()]
    values = [str(v) for v in rows[field].astype("string").tolist()]
    texts = {k: [str(x) for x in v.tolist()] for k, v in params.items()}
    for i, (file, sheet) in enumerate(zip(files, sheets, strict=True)):
        out.append(
            Finding(
                code,
                file=file,
                sheet=sheet,
                row=numbers[i],
                column=columns.get((file, sheet), {}).get(field),
                field=field,
                value=values[i],
                params={k: v[i] for k, v in texts.items()},
            )
        )
    return out


def check_communes(
    frame: pd.DataFrame, units: UnitsOption, columns: Columns
) -> tuple[pd.DataFrame, list[Finding]]:
    """The commune sheet checked against the registry; unknown communes left out."""
    findings: list[Finding] = []
    if "commune_code" not in frame or not frame["commune_code"].notna().any():
        return frame, findings
    sets = _choose_sets(frame, units, findings)
    codes = frame["commune_code"].astype("string")
    # Each row's commune as its row in the official list of its set (-1: unknown), so the
    # official name and parents are taken by position rather than joined on text.
    tables = [registry.communes(name) for name in registry.SETS]
    starts = np.cumsum([0, *map(len, tables)])
    where = np.full(len(frame), -1, dtype=np.intp)
    for name, table, start in zip(registry.SETS, tables, starts, strict=False):
        in_set = (sets == name).to_numpy(dtype=bool, na_value=False)
        if in_set.any():
            found = registry.positions(codes[in_set], table["code"])
            where[in_set] = np.where(found >= 0, found + start, -1)
    registered = pd.concat(tables, ignore_index=True)
    known_rows = where >= 0

    def taken(column: str) -> pd.Series:
        values = registered[column].array.take(where, allow_fill=True)
        return pd.Series(values, index=frame.index, dtype="string")

    official_name = taken("name")
    official_district = taken("district_code")
    official_province = taken("province_code")
    known = pd.Series(known_rows, index=frame.index)
    unknown = codes.notna().to_numpy() & ~known_rows
    findings += _finding(
        "unknown_unit", frame[unknown], "commune_code", columns, units=sets[unknown]
    )
    for parent, official in (
        ("district_code", official_district),
        ("province_code", official_province),
    ):
        if parent not in frame:
            continue
        given = frame[parent].astype("string")
        wrong = (known & given.notna() & official.notna() & (given != official)).fillna(False)
        wrong_rows = wrong.to_numpy(dtype=bool)
        if wrong_rows.any():
            findings += _finding(
                "wrong_parent",
                frame[wrong_rows],
                parent,
                columns,
                official=official[wrong_rows],
                commune=codes[wrong_rows],
            )
    if "commune_name" in frame:
        given = frame["commune_name"].astype("string")
        # Most names are written exactly as the official one: fold only the others.
        spelt = (known & given.notna() & (given != official_name)).fillna(False)
        spelt_rows = spelt.to_numpy(dtype=bool)
        differs = np.zeros(len(frame), dtype=bool)
        if spelt_rows.any():
            keys = registry.name_key(given[spelt_rows]) != registry.name_key(
                official_name[spelt_rows]
            )
            differs[np.flatnonzero(spelt_rows)] = keys.fillna(False).to_numpy(dtype=bool)
        if differs.any():
            findings += _finding(
                "unit_name_mismatch",
                frame[differs],
                "commune_name",
                columns,
                official=official_name[differs],
            )
    placed = frame.assign(**{UNITS_COLUMN: sets.to_numpy()})
    return (placed[~unknown] if unknown.any() else placed), findings


def _district_sets(
    frame: pd.DataFrame, communes: pd.DataFrame | None, units: UnitsOption
) -> pd.Series:
    """The set each district-sheet row is read in: its period's set on the commune sheet,
    else the one asked for, else by the period's dates (current when it spans 07/2025)."""
    chosen: dict[str, str] = {}
    if communes is not None and UNITS_COLUMN in communes:
        pairs = communes[["period", UNITS_COLUMN]].dropna().drop_duplicates("period")
        chosen = {str(p): str(u) for p, u in pairs.itertuples(index=False)}
    periods = frame["period"].astype("string")
    for period in periods.dropna().unique():
        if str(period) not in chosen:
            side = _period_side(str(period)) if units == "auto" else units
            chosen[str(period)] = side or "current"
    default = "current" if units == "auto" else units
    return periods.map(chosen).astype("string").fillna(default)


def check_districts(
    frame: pd.DataFrame, sets: pd.Series, columns: Columns
) -> tuple[pd.DataFrame, list[Finding]]:
    """The district sheet's legacy rows checked against the legacy districts (§7.2); rows of
    the current set describe regional health centres, which have no official code."""
    findings: list[Finding] = []
    legacy = (sets == "legacy").to_numpy(dtype=bool)
    if "district_code" not in frame or not legacy.any():
        return frame, findings
    table = registry.districts().set_index("code")
    codes = frame["district_code"].astype("string")
    idx = table.index.get_indexer(pd.Index(codes))
    known_rows = legacy & (idx >= 0)
    unknown = legacy & codes.notna().to_numpy(dtype=bool) & (idx < 0)
    findings += _finding(
        "unknown_unit", frame[unknown], "district_code", columns, units=sets[unknown]
    )
    found = np.flatnonzero(known_rows)
    official_province = pd.Series(pd.NA, index=frame.index, dtype="string")
    official_name = pd.Series(pd.NA, index=frame.index, dtype="string")
    official_province.iloc[found] = table["province_code"].to_numpy()[idx[found]]
    official_name.iloc[found] = table["name"].to_numpy()[idx[found]]
    if "province_code" in frame:
        given = frame["province_code"].astype("string")
        wrong = given.notna() & official_province.notna() & (given != official_province)
        wrong_rows = wrong.fillna(False).to_numpy(dtype=bool)
        findings += _finding(
            "wrong_parent",
            frame[wrong_rows],
            "province_code",
            columns,
            official=official_province[wrong_rows],
            district=codes[wrong_rows],
            variant=pd.Series("district", index=frame.index)[wrong_rows],
        )
    if "district_name" in frame:
        given = frame["district_name"].astype("string")
        spelt = (given.notna() & official_name.notna() & (given != official_name)).fillna(False)
        spelt_rows = spelt.to_numpy(dtype=bool)
        differs = np.zeros(len(frame), dtype=bool)
        if spelt_rows.any():
            # "Trung tâm Y tế thành phố Yên Bái" names Thành phố Yên Bái's centre: the unit
            # type words, a health centre's among them, are not compared.
            keys = registry.name_key(given[spelt_rows]) != registry.name_key(
                official_name[spelt_rows]
            )
            differs[np.flatnonzero(spelt_rows)] = keys.fillna(False).to_numpy(dtype=bool)
        findings += _finding(
            "unit_name_mismatch",
            frame[differs],
            "district_name",
            columns,
            official=official_name[differs],
        )
    placed = frame.assign(**{UNITS_COLUMN: sets.to_numpy()})
    return placed[~unknown], findings


def place_in_territory(dataset: Dataset, units: UnitsOption = "auto") -> Dataset:
    """The dataset with each row read in its set of units, and the findings of §7.2."""
    frame = dataset.frames.get("commune")
    frames = dict(dataset.frames)
    findings: list[Finding] = []
    if frame is not None and not frame.empty:
        frames["commune"], findings = check_communes(
            frame, units, dataset.columns.get("commune", {})
        )
    district = frames.get("district")
    if district is not None and not district.empty and "period" in district:
        sets = _district_sets(district, frames.get("commune"), units)
        frames["district"], more = check_districts(
            district, sets, dataset.columns.get("district", {})
        )
        findings += more
    return Dataset(
        frames=frames,
        findings=sorted([*dataset.findings, *findings], key=Finding.sort_key),
        inputs=dataset.inputs,
        columns=dataset.columns,
    )

"""Which units should have reported, and which did (SPEC §7.3).

A district or province is expected to report when at least one input row lies in it; its
expected communes are then the registry's communes of that unit in the set in force for the
period (a file of one district expects that district's communes and, at province level,
the whole province's). District-sheet indicators count legacy districts the same way; the
current set has no districts, so there they have no expected units. Everything is joins and
group-bys on whole columns: the registry's lists against the distinct (set, period, code)
triples of the input.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ycs.check.duplicates import FILE, ROW, SHEET
from ycs.check.fields import Level, SheetKind
from ycs.check.validation import Dataset
from ycs.errors import Finding
from ycs.place import registry
from ycs.place.territory import UNITS_COLUMN, period_side

# Communes named in a missing_units message before the rest are only counted.
LISTED = 5
_KEYS: dict[Level, str] = {
    "commune": "commune_code",
    "district": "district_code",
    "province": "province_code",
}
# Columns of a coverage table: one row per (level, unit, period).
_COLUMNS = ["level", "code", "period", "units", "name", "expected", "reported", "missing"]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Expected and reported communes of one unit and period (the JSON `coverage` item)."""

    level: Level
    unit_code: str
    unit_name: str | None
    period: str
    units: registry.UnitSet
    expected: int
    reported: int
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoverageTables:
    """Per sheet kind, a frame of `_COLUMNS` (codes as strings); empty where unknown."""

    commune: pd.DataFrame
    district: pd.DataFrame

    def of(self, sheet: SheetKind, level: Level) -> pd.DataFrame:
        table = self.commune if sheet == "commune" else self.district
        return table[table["level"] == level]

    def with_unit(self, sheet: SheetKind, rows: pd.DataFrame) -> CoverageTables:
        """These tables with `rows` (of `unit_rows`) in place of the rows of the same level,
        code and period: a plan territory counted in the other set of units."""
        table = self.commune if sheet == "commune" else self.district
        if rows.empty:
            return self
        keys = rows[["level", "code", "period"]].astype("string")
        same = (
            table[["level", "code", "period"]]
            .astype("string")
            .merge(keys.assign(_replaced=True), on=["level", "code", "period"], how="left")[
                "_replaced"
            ]
            .fillna(False)
            .to_numpy(dtype=bool)
        )
        parts = [t for t in (table[~same], rows[_COLUMNS]) if not t.empty]
        merged = pd.concat(parts, ignore_index=True) if parts else _empty()
        if sheet == "commune":
            return CoverageTables(merged, self.district)
        return CoverageTables(self.commune, merged)

    def items(self) -> list[Coverage]:
        """The commune coverage of districts and provinces, in level, period, code order."""
        table = self.commune[self.commune["level"] != "commune"]
        table = table.sort_values(["level", "period", "code"], key=_level_order)
        return [
            Coverage(level, code, name, period, units, int(expected), int(reported), missing)
            for level, code, period, units, name, expected, reported, missing in zip(
                *(table[c].tolist() for c in _COLUMNS), strict=True
            )
        ]


def _level_order(column: pd.Series) -> pd.Series:
    if column.name == "level":
        return column.map({"district": 0, "province": 1, "commune": 2})
    return column


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})


def unit_rows(
    level: Level,
    code: str,
    name: str,
    units: registry.UnitSet,
    reported: dict[str, set[str]],
    expected: frozenset[str] | None,
) -> pd.DataFrame:
    """Coverage rows of one unit per period, from the codes each period reported and the
    codes expected (None: the registry cannot say, as for regional health centres)."""
    periods = sorted(reported)
    if not periods:
        return _empty()
    if expected is None:
        counts: list[object] = [None] * len(periods)
        found: list[object] = [None] * len(periods)
        missing: list[tuple[str, ...]] = [()] * len(periods)
    else:
        counts = [len(expected)] * len(periods)
        found = [len(reported[p] & expected) for p in periods]
        missing = [tuple(sorted(expected - reported[p])) for p in periods]
    return pd.DataFrame(
        {
            "level": level,
            "code": code,
            "period": periods,
            "units": units,
            "name": name,
            "expected": pd.Series(counts, dtype=object),
            "reported": pd.Series(found, dtype=object),
            "missing": pd.Series(missing, dtype=object),
        },
        columns=_COLUMNS,
    )


def _sets_by_period(dataset: Dataset) -> dict[str, registry.UnitSet]:
    """The set each period was read in: the commune sheet's choice, else by its dates."""
    chosen: dict[str, registry.UnitSet] = {}
    communes = dataset.frames.get("commune")
    if communes is not None and UNITS_COLUMN in communes:
        pairs = communes[["period", UNITS_COLUMN]].dropna().drop_duplicates("period")
        chosen = {str(p): u for p, u in zip(pairs["period"], pairs[UNITS_COLUMN], strict=True)}
    for period in dataset.periods():
        chosen.setdefault(period, period_side(period) or "current")
    return chosen


def _seen(frame: pd.DataFrame, code: str, sets: dict[str, registry.UnitSet]) -> pd.DataFrame:
    """The distinct (set, period, code) of the rows, with the first row's position."""
    rows = frame[frame[code].notna() & frame["period"].notna()]
    units = (
        rows[UNITS_COLUMN].astype("string")
        if UNITS_COLUMN in rows
        else rows["period"].map(sets).astype("string")
    )
    seen = pd.DataFrame(
        {
            "units": units.to_numpy(),
            "period": rows["period"].astype("string").to_numpy(),
            "code": rows[code].astype("string").to_numpy(),
            FILE: rows[FILE].to_numpy(),
            SHEET: rows[SHEET].to_numpy(),
            ROW: rows[ROW].to_numpy(),
        }
    )
    return seen.drop_duplicates(["units", "period", "code"])


def _official_communes(units: list[str]) -> pd.DataFrame:
    return pd.concat(
        [registry.communes(s).assign(units=s) for s in registry.SETS if s in units],
        ignore_index=True,
    )


def _unit_names(level: Level) -> pd.DataFrame:
    """Official names of the units of a level in every set: units, code, name."""
    if level == "district":
        return registry.districts()[["code", "name"]].assign(units="legacy")
    source = registry.provinces if level == "province" else registry.communes
    return pd.concat(
        [source(s)[["code", "name"]].assign(units=s) for s in registry.SETS], ignore_index=True
    )


def _count(
    seen: pd.DataFrame, official: pd.DataFrame, level: Level, key: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Coverage of every touched unit of `level` whose parent column is `key`, and the
    position of each unit's first row."""
    touched = seen.dropna(subset=[key]).drop_duplicates(["units", "period", key])
    expected = touched[["units", "period", key]].merge(
        official[["units", key, "code"]], on=["units", key]
    )
    reported = seen[["units", "period", "code"]].assign(reported=True)
    expected = expected.merge(reported, on=["units", "period", "code"], how="left")
    expected["reported"] = expected["reported"].astype("boolean").fillna(False)
    expected = expected.sort_values("code")
    groups = [expected["units"], expected["period"], expected[key]]
    table = expected.groupby(groups, sort=True).agg(
        expected=("code", "size"), reported=("reported", "sum")
    )
    gaps = expected[~expected["reported"].to_numpy(dtype=bool)]
    missing = gaps.groupby([gaps["units"], gaps["period"], gaps[key]])["code"].agg(tuple)
    table = table.join(missing.rename("missing")).reset_index().rename(columns={key: "code"})
    table["missing"] = table["missing"].map(lambda m: m if isinstance(m, tuple) else ())
    table = table.merge(_unit_names(level), on=["units", "code"], how="left")
    table["level"] = level
    where = touched[["units", "period", key, FILE, SHEET]].rename(columns={key: "code"})
    return table[_COLUMNS], where


def _one_each(seen: pd.DataFrame, level: Level) -> pd.DataFrame:
    """A unit at its own level: expected once, reported once."""
    table = seen[["units", "period", "code"]].assign(level=level, expected=1, reported=1)
    table["missing"] = pd.Series([()] * len(seen), index=seen.index, dtype=object)
    table = table.merge(_unit_names(level), on=["units", "code"], how="left")
    return table[_COLUMNS]


def _commune_tables(
    dataset: Dataset, sets: dict[str, registry.UnitSet]
) -> tuple[pd.DataFrame, list[Finding]]:
    frame = dataset.frames.get("commune")
    if frame is None or "commune_code" not in frame or "period" not in frame:
        return _empty(), []
    seen = _seen(frame, "commune_code", sets)
    if seen.empty:
        return _empty(), []
    official = _official_communes(seen["units"].unique().tolist())
    # Each commune lies where the registry puts it, whatever parent code the row gives.
    seen = seen.merge(
        official[["units", "code", "district_code", "province_code"]], on=["units", "code"]
    )
    district, district_rows = _count(
        seen[seen["units"] == "legacy"], official, "district", "district_code"
    )
    province, province_rows = _count(seen, official, "province", "province_code")
    tables = [_one_each(seen, "commune"), district, province]
    table = pd.concat([t for t in tables if not t.empty], ignore_index=True)
    # Missing communes are named per district in the legacy set, per province in the current.
    warned = pd.concat(
        [
            district.merge(district_rows, on=["units", "period", "code"]),
            province[province["units"] == "current"].merge(
                province_rows, on=["units", "period", "code"]
            ),
        ],
        ignore_index=True,
    )
    return table, _missing_findings(warned, official)


def _missing_findings(warned: pd.DataFrame, official: pd.DataFrame) -> list[Finding]:
    warned = warned[warned["missing"].map(len) > 0].sort_values(["period", "code"])
    if warned.empty:
        return []
    names = official.drop_duplicates(["units", "code"]).set_index(["units", "code"])["name"]
    findings = []
    for units, code, name, period, expected, reported, missing, file, sheet in zip(
        *(
            warned[c].tolist()
            for c in ("units", "code", "name", "period", "expected", "reported", "missing")
        ),
        warned[FILE].tolist(),
        warned[SHEET].tolist(),
        strict=True,
    ):
        listed = ", ".join(f"{c} {names.get((units, c), '')}".strip() for c in missing[:LISTED])
        findings.append(
            Finding(
                "missing_units",
                file=str(file),
                sheet=None if sheet is None or pd.isna(sheet) else str(sheet),
                value=str(code),
                params={
                    "unit": name if isinstance(name, str) else str(code),
                    "period": period,
                    "expected": int(expected),
                    "reported": int(reported),
                    "count": len(missing),
                    "listed": listed + (", …" if len(missing) > LISTED else ""),
                    "missing": list(missing),
                },
            )
        )
    return findings


def _district_table(dataset: Dataset, sets: dict[str, registry.UnitSet]) -> pd.DataFrame:
    """District-sheet coverage: legacy districts expected per province (none in the current
    set, whose district sheet holds regional health centres, not administrative units)."""
    frame = dataset.frames.get("district")
    if frame is None or "period" not in frame:
        return _empty()
    tables = [_centre_provinces(frame, sets)]
    if "district_code" in frame:
        seen = _seen(frame, "district_code", sets)
        seen = seen[seen["units"] == "legacy"]
        official = registry.districts()[["code", "province_code"]].assign(units="legacy")
        seen = seen.merge(official, on=["units", "code"])
        if not seen.empty:
            province, _ = _count(seen, official, "province", "province_code")
            tables += [_one_each(seen, "district"), province]
    tables = [t for t in tables if not t.empty]
    return pd.concat(tables, ignore_index=True) if tables else _empty()


def _centre_provinces(frame: pd.DataFrame, sets: dict[str, registry.UnitSet]) -> pd.DataFrame:
    """Provinces of the current set's district sheet (regional health centres): official
    names, and no expected units, since the centres are not administrative units."""
    if "province_code" not in frame:
        return _empty()
    seen = _seen(frame, "province_code", sets)
    seen = seen[seen["units"] == "current"]
    if seen.empty:
        return _empty()
    table = seen[["units", "period", "code"]].assign(level="province", expected=None, reported=None)
    table["missing"] = pd.Series([()] * len(table), index=table.index, dtype=object)
    table = table.merge(_unit_names("province"), on=["units", "code"], how="left")
    return table[_COLUMNS]


def measure(dataset: Dataset) -> tuple[CoverageTables, list[Finding]]:
    """Coverage of every unit and period the input touches, and the missing_units warnings."""
    sets = _sets_by_period(dataset)
    communes, findings = _commune_tables(dataset, sets)
    return CoverageTables(communes, _district_table(dataset, sets)), findings

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

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.duplicates import FILE, SHEET
from ycs.check.fields import Level, SheetKind
from ycs.check.validation import Dataset
from ycs.errors import Finding
from ycs.place import registry
from ycs.place.territory import LEGACY_COMMUNE_COLUMN, UNITS_COLUMN, period_side

# Communes named in a missing_units message before the rest are only counted.
LISTED = 5
_KEYS: dict[Level, str] = {
    "commune": "commune_code",
    "district": "district_code",
    "province": "province_code",
}
# Above this many (period, unit) pairs, reported pairs are looked up by sorting, not in a table.
_DENSE_LIMIT = 1 << 26
# Columns of a coverage table: one row per (level, unit, period).
_ITEM_COLUMNS = [
    "level",
    "code",
    "period",
    "units",
    "name",
    "expected",
    "reported",
    "missing",
]
# The stations that the unit's expected communes would have counted and that sent no row,
# where that is not expected - reported: for legacy rows rolled up to a current unit (SPEC
# §7.5), the legacy communes it was formed from that sent nothing, since each sends its own
# row (a current commune formed from three has three). None elsewhere.
ABSENT = "absent"
_COLUMNS = [*_ITEM_COLUMNS, ABSENT]


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
    """Per sheet kind, frames of `_COLUMNS` (codes as strings); empty where unknown. The
    communes' own rows (one per commune and period: 120,000 for a national year) are made
    only when a commune-level evaluation asks for them."""

    commune: pd.DataFrame  # the commune sheet's districts and provinces
    district: pd.DataFrame
    communes: Callable[[], pd.DataFrame]

    def of(self, sheet: SheetKind, level: Level) -> pd.DataFrame:
        if sheet == "commune" and level == "commune":
            return self.communes()
        table = self.commune if sheet == "commune" else self.district
        return table[table["level"] == level]

    def with_unit(self, sheet: SheetKind, rows: pd.DataFrame) -> CoverageTables:
        """These tables with `rows` (of `unit_rows`) in place of the rows of the same level,
        code and period: a plan territory counted in the other set of units."""
        if rows.empty:
            return self
        if sheet == "district":
            return replace(self, district=_replaced(self.district, rows))
        own = rows["level"].eq("commune").to_numpy(dtype=bool)
        communes = self.communes
        if own.any():
            communes = cache(partial(_replaced_later, communes, rows[own]))
        return replace(self, commune=_replaced(self.commune, rows[~own]), communes=communes)

    def items(self) -> list[Coverage]:
        """The commune coverage of districts and provinces, in level, period, code order."""
        table = self.commune.sort_values(["level", "period", "code"], key=_level_order)
        return [
            Coverage(level, code, name, period, units, int(expected), int(reported), missing)
            for level, code, period, units, name, expected, reported, missing in zip(
                *(table[c].tolist() for c in _ITEM_COLUMNS), strict=True
            )
        ]


def _replaced(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`table` with `rows` in place of its rows of the same level, code and period."""
    if rows.empty:
        return table
    keys = rows[["level", "code", "period"]].astype("string")
    same = (
        table[["level", "code", "period"]]
        .astype("string")
        .merge(keys.assign(_replaced=True), on=["level", "code", "period"], how="left")["_replaced"]
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    parts = [t for t in (table[~same], rows[_COLUMNS]) if not t.empty]
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def _replaced_later(table: Callable[[], pd.DataFrame], rows: pd.DataFrame) -> pd.DataFrame:
    return _replaced(table(), rows)


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
    absent: dict[str, int] | None = None,
) -> pd.DataFrame:
    """Coverage rows of one unit per period, from the codes each period reported and the
    codes expected (None: the registry cannot say, as for regional health centres), and
    the periods' absent stations where they are not the missing codes (`ABSENT`)."""
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
            ABSENT: pd.Series([(absent or {}).get(p) for p in periods], dtype=object),
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


@dataclass(frozen=True, slots=True)
class _Official:
    """The official units of one level in the sets a sheet was read in, in one table: a
    unit's row number is its integer id, so rows and units are matched on integers, not on
    text keys."""

    table: pd.DataFrame  # units, code, name and the parent codes; one set after the other
    spans: dict[str, tuple[int, int]]  # the rows of each set
    units: tuple[str, ...]  # the sets, as `_official` was asked for them
    level: Level

    def ids(self, units: pd.Series, codes: pd.Series) -> npt.NDArray[np.intp]:
        """The id of each row's unit in its set; -1 where the set does not know the code."""
        ids = np.full(len(codes), -1, dtype=np.intp)
        numbers, names = pd.factorize(units)
        for number, name in enumerate(names):
            if name not in self.spans:
                continue
            start, stop = self.spans[name]
            in_set = numbers == number
            found = registry.positions(codes[in_set], self.table["code"].iloc[start:stop])
            ids[in_set] = np.where(found >= 0, found + start, -1)
        return ids


@dataclass(frozen=True, slots=True)
class _Seen:
    """The distinct (unit, period) pairs of a sheet's rows, for units the registry knows."""

    unit: npt.NDArray[np.intp]  # official id
    period: npt.NDArray[np.intp]  # index into `periods`
    first: npt.NDArray[np.intp]  # position, in the sheet's frame, of the pair's first row
    periods: npt.NDArray[np.object_]

    def __len__(self) -> int:
        return len(self.unit)

    def where(self, keep: npt.NDArray[np.bool_]) -> _Seen:
        return _Seen(self.unit[keep], self.period[keep], self.first[keep], self.periods)


def _seen(
    frame: pd.DataFrame,
    code: str,
    sets: dict[str, registry.UnitSet],
    official: _Official,
) -> _Seen:
    """The distinct (set, period, code) of the rows whose code the set knows, in the order
    of their first rows."""
    rows = np.flatnonzero((frame[code].notna() & frame["period"].notna()).to_numpy(dtype=bool))
    periods = frame["period"].iloc[rows].astype("string")
    units = (
        frame[UNITS_COLUMN].iloc[rows].astype("string")
        if UNITS_COLUMN in frame
        else periods.map(sets).astype("string")
    )
    unit = official.ids(units, frame[code].iloc[rows].astype("string"))
    period, labels = pd.factorize(periods)
    known = np.flatnonzero(unit >= 0)
    key = pd.Series(period[known].astype(np.int64) * len(official.table) + unit[known])
    keep = known[~key.duplicated().to_numpy()]
    return _Seen(
        unit[keep],
        period[keep].astype(np.intp),
        rows[keep],
        np.asarray(labels.astype(object), dtype=object),
    )


@cache
def _official(units: tuple[str, ...], level: Level) -> _Official:
    """The official communes (or, for district sheets, districts) of the sets in `units`."""
    if level == "district":
        tables = {"legacy": registry.districts()} if "legacy" in units else {}
    else:
        tables = {s: registry.communes(s) for s in registry.SETS if s in units}
    spans: dict[str, tuple[int, int]] = {}
    start = 0
    for name, table in tables.items():
        spans[name] = (start, start + len(table))
        start += len(table)
    frames = [table.assign(units=name) for name, table in tables.items()]
    if not frames:
        frames = [pd.DataFrame({c: pd.Series(dtype="string") for c in ("units", "code", "name")})]
    return _Official(pd.concat(frames, ignore_index=True), spans, units, level)


def _unit_names(level: Level) -> pd.DataFrame:
    """Official names of the units of a level in every set: units, code, name."""
    if level == "district":
        return registry.districts()[["code", "name"]].assign(units="legacy")
    source = registry.provinces if level == "province" else registry.communes
    return pd.concat(
        [source(s)[["code", "name"]].assign(units=s) for s in registry.SETS],
        ignore_index=True,
    )


@dataclass(frozen=True, slots=True)
class _Grouping:
    """The official units of a set's table grouped by their parent at one level: for each
    parent id, its units as one run of `members` in code order, and its official name."""

    parent: npt.NDArray[np.intp]  # each unit's parent id; -1 without a parent
    members: npt.NDArray[np.intp]
    starts: npt.NDArray[np.intp]
    sizes: npt.NDArray[np.intp]
    names: npt.NDArray[np.object_]  # each parent's official name, None if unknown


@cache
def _grouping(units: tuple[str, ...], level: Level, parent_level: Level, key: str) -> _Grouping:
    """Computed once per run for each level: it depends on the registry only."""
    table = _official(units, level).table
    # Parents as integer ids: a parent code is only ever compared within its own set.
    parent, _ = pd.factorize(pd.MultiIndex.from_arrays([table["units"], table[key]]))
    parent[table[key].isna().to_numpy()] = -1
    parents = int(parent.max()) + 1 if len(parent) else 0
    listed = np.flatnonzero(parent >= 0)
    codes = table["code"].to_numpy(dtype=object)
    members = listed[np.lexsort((codes[listed].astype(str), parent[listed]))]
    sizes = np.bincount(parent[listed], minlength=parents)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
    first = table.iloc[members[starts]] if parents else table.iloc[:0]
    named = _unit_names(parent_level).drop_duplicates(["units", "code"])
    found = pd.MultiIndex.from_frame(named[["units", "code"]]).get_indexer(
        pd.MultiIndex.from_arrays([first["units"], first[key]])
    )
    names = np.full(parents, None, dtype=object)
    names[found >= 0] = named["name"].to_numpy(dtype=object)[found[found >= 0]]
    return _Grouping(parent, members, starts, sizes.astype(np.intp), names)


def _count(
    frame: pd.DataFrame, seen: _Seen, official: _Official, level: Level, key: str
) -> pd.DataFrame:
    """Coverage of every touched unit of `level` whose parent column is `key`, with the
    file and sheet of each unit's first row."""
    units = official.table
    grouping = _grouping(official.units, official.level, level, key)
    parents = len(grouping.sizes)
    of_seen = grouping.parent[seen.unit]
    has = of_seen >= 0
    touched_key = pd.Series(seen.period[has].astype(np.int64) * max(parents, 1) + of_seen[has])
    touched = np.flatnonzero(has)[~touched_key.duplicated().to_numpy()]
    t_parent, t_period = of_seen[touched], seen.period[touched]
    expected = grouping.sizes[t_parent]
    owner = np.repeat(np.arange(len(touched)), expected)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(expected) - expected, expected)
    unit = grouping.members[np.repeat(grouping.starts[t_parent], expected) + within]
    reported = _among(t_period[owner], unit, seen, len(units))
    # The communes that sent no row, in code order, as one tuple per touched unit.
    codes = units["code"].to_numpy(dtype=object)
    gaps = ~reported
    missing: list[tuple[str, ...]] = [()] * len(touched)
    if gaps.any():
        cut = np.flatnonzero(np.diff(owner[gaps])) + 1
        for who, run in zip(
            owner[gaps][np.r_[0, cut]], np.split(codes[unit[gaps]], cut), strict=True
        ):
            missing[int(who)] = tuple(run)
    first = units.iloc[grouping.members[grouping.starts[t_parent]]]
    table = pd.DataFrame(
        {
            "units": first["units"].to_numpy(),
            "period": seen.periods[t_period],
            "code": first[key].to_numpy(),
            "expected": expected.astype(np.int64),
            "reported": np.bincount(owner, weights=reported, minlength=len(touched)).astype(
                np.int64
            ),
            "missing": pd.Series(missing, dtype=object),
            "name": grouping.names[t_parent],
        }
    )
    first_rows = seen.first[touched]
    table[FILE] = frame[FILE].iloc[first_rows].to_numpy()
    table[SHEET] = frame[SHEET].iloc[first_rows].to_numpy()
    table = table.sort_values(["units", "period", "code"], kind="stable", ignore_index=True)
    table["level"] = level
    table[ABSENT] = None
    return table[[*_COLUMNS, FILE, SHEET]]


def _among(
    period: npt.NDArray[np.intp], unit: npt.NDArray[np.intp], seen: _Seen, size: int
) -> npt.NDArray[np.bool_]:
    """Whether each (period, unit) pair is one the rows report."""
    keys = period.astype(np.int64) * size + unit
    seen_keys = seen.period.astype(np.int64) * size + seen.unit
    cells = len(seen.periods) * size
    if cells > _DENSE_LIMIT:
        return np.isin(keys, seen_keys)
    reported = np.zeros(cells, dtype=np.bool_)
    reported[seen_keys] = True
    found: npt.NDArray[np.bool_] = reported[keys]
    return found


def _one_each(seen: _Seen, official: _Official, level: Level) -> pd.DataFrame:
    """A unit at its own level: expected once, reported once."""
    units = official.table
    return pd.DataFrame(
        {
            "level": level,
            "code": units["code"].array.take(seen.unit),
            "period": seen.periods[seen.period],
            "units": units["units"].array.take(seen.unit),
            "name": units["name"].array.take(seen.unit),
            "expected": np.ones(len(seen), dtype=np.int64),
            "reported": np.ones(len(seen), dtype=np.int64),
            "missing": pd.Series([()] * len(seen), dtype=object),
            ABSENT: pd.Series([None] * len(seen), dtype=object),
        }
    )


def _commune_tables(
    dataset: Dataset, sets: dict[str, registry.UnitSet]
) -> tuple[pd.DataFrame, Callable[[], pd.DataFrame], list[Finding]]:
    """The coverage of the commune sheet's districts and provinces, its communes' own rows
    (made when asked for), and the missing_units warnings."""
    frame = dataset.frames.get("commune")
    if frame is None or "commune_code" not in frame or "period" not in frame:
        return _empty(), _empty, []
    official = _official(_sets_of(frame, sets), "commune")
    # Each commune lies where the registry puts it, whatever parent code the row gives.
    seen = _seen(frame, "commune_code", sets, official)
    if len(seen) == 0:
        return _empty(), _empty, []
    legacy = (official.table["units"].to_numpy() == "legacy")[seen.unit]
    district = _count(frame, seen.where(legacy), official, "district", "district_code")
    province = _count(frame, seen, official, "province", "province_code")
    levels = [t[_COLUMNS] for t in (district, province) if not t.empty]
    table = _absent_stations(frame, pd.concat(levels, ignore_index=True) if levels else _empty())
    communes = cache(partial(_own_rows, frame, seen, official))
    # Missing communes are named per district in the legacy set, per province in the current.
    warned = pd.concat([district, province[province["units"] == "current"]], ignore_index=True)
    return table, communes, _missing_findings(warned, official.table)


def _own_rows(frame: pd.DataFrame, seen: _Seen, official: _Official) -> pd.DataFrame:
    return _absent_stations(frame, _one_each(seen, official, "commune"))


def _absent_stations(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """`table` with the absent stations of the current communes and provinces that legacy
    rows were rolled up to: each one's legacy communes, less those that sent a row in the
    period. A legacy commune divided among several current communes is one station of its
    province and of none of those communes, where its rows are left out (SPEC §7.5)."""
    if LEGACY_COMMUNE_COLUMN not in frame:
        return table
    rolled = frame[LEGACY_COMMUNE_COLUMN].notna().to_numpy(dtype=bool)
    if not rolled.any():
        return table
    rows = pd.DataFrame(
        {
            "period": frame["period"].astype("string").to_numpy()[rolled],
            "legacy": frame[LEGACY_COMMUNE_COLUMN].astype("string").to_numpy()[rolled],
            "commune": frame["commune_code"].astype("string").to_numpy()[rolled],
            "province": frame["province_code"].astype("string").to_numpy()[rolled],
        }
    )
    lineage = registry.lineage()
    # A legacy commune missing from the conversion table is no station the lineage expects.
    rows = rows[rows["legacy"].isin(lineage["legacy_code"]).to_numpy(dtype=bool)]
    rows = rows.dropna(subset=["period"]).drop_duplicates(["period", "legacy"])
    stations = {
        "province": lineage.drop_duplicates("legacy_code").groupby("current_province_code").size(),
        "commune": lineage[~lineage["divided"].to_numpy(dtype=bool)].groupby("current_code").size(),
    }
    facts = []
    for level, column in (("province", "province"), ("commune", "commune")):
        sent = rows.dropna(subset=[column]).groupby([column, "period"]).size()
        codes = sent.index.get_level_values(0)
        facts.append(
            pd.DataFrame(
                {
                    "level": level,
                    "units": "current",
                    "code": codes.astype("string"),
                    "period": sent.index.get_level_values(1).astype("string"),
                    "_absent": stations[level].reindex(codes).fillna(0).to_numpy(dtype=np.int64)
                    - sent.to_numpy(dtype=np.int64),
                }
            )
        )
    keys = ["level", "units", "code", "period"]
    found = (
        table[keys]
        .astype("string")
        .merge(
            pd.concat(facts, ignore_index=True).astype(dict.fromkeys(keys, "string")), how="left"
        )
    )["_absent"]
    out = table.copy()
    out[ABSENT] = found.clip(lower=0).astype("Int64").astype(object).to_numpy()
    return out


def _sets_of(frame: pd.DataFrame, sets: dict[str, registry.UnitSet]) -> tuple[str, ...]:
    """The sets a sheet's rows were read in."""
    if UNITS_COLUMN in frame:
        return tuple(sorted(str(u) for u in frame[UNITS_COLUMN].dropna().unique()))
    return tuple(sorted(set(sets.values())))


def _missing_findings(warned: pd.DataFrame, official: pd.DataFrame) -> list[Finding]:
    warned = warned[warned["missing"].map(len) > 0].sort_values(["period", "code"])
    if warned.empty:
        return []
    names = official.drop_duplicates(["units", "code"]).set_index(["units", "code"])["name"]
    findings = []
    for units, code, name, period, expected, reported, missing, file, sheet in zip(
        *(
            warned[c].tolist()
            for c in (
                "units",
                "code",
                "name",
                "period",
                "expected",
                "reported",
                "missing",
            )
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
        official = _official(_sets_of(frame, sets), "district")
        seen = _seen(frame, "district_code", sets, official)
        if len(seen):
            province = _count(frame, seen, official, "province", "province_code")[_COLUMNS]
            tables += [_one_each(seen, official, "district"), province]
    tables = [t for t in tables if not t.empty]
    return pd.concat(tables, ignore_index=True) if tables else _empty()


def _centre_provinces(frame: pd.DataFrame, sets: dict[str, registry.UnitSet]) -> pd.DataFrame:
    """Provinces of the current set's district sheet (regional health centres): official
    names, and no expected units, since the centres are not administrative units."""
    if "province_code" not in frame:
        return _empty()
    rows = frame[frame["province_code"].notna() & frame["period"].notna()]
    units = rows[UNITS_COLUMN] if UNITS_COLUMN in rows else rows["period"].map(sets)
    seen = pd.DataFrame(
        {
            "units": units.astype("string").to_numpy(),
            "period": rows["period"].astype("string").to_numpy(),
            "code": rows["province_code"].astype("string").to_numpy(),
        }
    ).drop_duplicates()
    seen = seen[seen["units"] == "current"]
    if seen.empty:
        return _empty()
    table = seen.assign(level="province", expected=None, reported=None, **{ABSENT: None})
    table["missing"] = pd.Series([()] * len(table), index=table.index, dtype=object)
    table = table.merge(_unit_names("province"), on=["units", "code"], how="left")
    return table[_COLUMNS]


def measure(dataset: Dataset) -> tuple[CoverageTables, list[Finding]]:
    """Coverage of every unit and period the input touches, and the missing_units warnings."""
    sets = _sets_by_period(dataset)
    levels, communes, findings = _commune_tables(dataset, sets)
    return CoverageTables(levels, _district_table(dataset, sets), communes), findings

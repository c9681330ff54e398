"""Which rows lie inside a plan's territory (SPEC §7.4), and legacy rows rolled up to current
units (SPEC §7.5).

A row is read in the set of units of its period (`_units`, set by ycs.place.territory). A plan's
territory is a province or a legacy district of one set. Rows of the other set are placed
through the registry's lineage of communes:

- a legacy commune lies inside a current province when the current communes it became are
  there (no legacy commune was divided across provinces);
- a current commune lies inside a legacy province or district when every legacy commune it
  was formed from was there; formed partly from inside and partly from outside, it is
  outside and the finding `territory_partial` names it.

District-sheet rows carry no commune. Legacy ones are placed by their district's (or, without
one, their own) province code. Current ones describe regional health centres, not
administrative units: they are placed by their province code, read through the lineage of
provinces only where it is one-to-one. Every legacy province became part of exactly one
current province, so a legacy district-sheet row lies inside a current province whenever its
province became part of it; a current province lies inside a legacy province only when it was
formed from that province alone (Hà Nội, Huế, …); never inside a legacy district.

Everything is joins and `isin` on whole columns; the registry is read only for plans that
have a territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.periods import period_months, period_year
from ycs.check.validation import Dataset
from ycs.errors import Finding
from ycs.indicators.columns import categories
from ycs.indicators.definitions import NATIONAL, Plan, Territory
from ycs.indicators.evaluation import WHOLE_INPUT, ValueTable
from ycs.place import registry
from ycs.place.coverage import CoverageTables, unit_rows
from ycs.place.territory import LEGACY_COMMUNE_COLUMN, PLACED_IN_CURRENT, UNITS_COLUMN

# A rolled-up legacy commune divided among several current communes (SPEC §7.5): kept for
# the province level, left out at the commune level.
DIVIDED_COLUMN = "_divided"
_REORGANISED = (2025, 7)


@dataclass(frozen=True, slots=True)
class Placement:
    """The rows of a dataset inside one territory, and the partial communes found."""

    dataset: Dataset
    rows: int
    findings: list[Finding]


def period_sets(periods: pd.Series, commune: pd.DataFrame | None) -> pd.Series:
    """The set each row's period is read in: as the commune sheet read it where it holds that
    period, else by the period's dates (a period spanning 07/2025, or none, is current)."""
    chosen: dict[str, str] = {}
    if commune is not None and UNITS_COLUMN in commune:
        # The set of each period's first row that has one, from the periods' integer codes
        # (the commune sheet of a national year has 120,000 rows and a dozen periods).
        period, labels = pd.factorize(commune["period"])
        units = commune[UNITS_COLUMN]
        rows = np.flatnonzero((period >= 0) & units.notna().to_numpy(dtype=bool))
        seen, first = np.unique(period[rows], return_index=True)
        chosen = {
            str(labels[p]): str(u)
            for p, u in zip(seen.tolist(), units.iloc[rows[first]].tolist(), strict=True)
        }
    for period in periods.dropna().unique():
        key = str(period)
        if key in chosen:
            continue
        year = period_year(key)
        _first, last = period_months(key)
        chosen[key] = "legacy" if (year, last) < _REORGANISED else "current"
    return periods.astype("string").map(chosen).fillna("current").astype("string")


def _row_sets(frame: pd.DataFrame, commune: pd.DataFrame | None) -> pd.Series:
    if UNITS_COLUMN in frame:
        return frame[UNITS_COLUMN].astype("string").fillna("current")
    return period_sets(frame["period"], commune)


def _lookup(values: pd.Series, table: pd.Series) -> pd.Series:
    """`values.map(table)` as text, each distinct value looked up once: a national year
    repeats each of its ten thousand communes twelve times, and pandas' lookup of Arrow
    text costs more than the factorising."""
    codes, distinct = pd.factorize(values)
    found = pd.Series(distinct, dtype="string").map(table).astype("string").array
    return pd.Series(found.take(codes, allow_fill=True), index=values.index, dtype="string")


@cache
def _parents(units: registry.UnitSet, column: str) -> pd.Series:
    """Each commune's official parent code of one set, by commune code."""
    return registry.communes(units).set_index("code")[column]


def _codes(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame:
        return frame[column].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


@cache
def _current_inside_legacy(level: str, code: str) -> tuple[frozenset[str], frozenset[str]]:
    """Current communes formed wholly (first) and partly (second) from a legacy unit."""
    legacy = registry.communes("legacy")
    column = "district_code" if level == "district" else "province_code"
    inside_codes = legacy.loc[legacy[column].eq(code).to_numpy(dtype=bool), "code"]
    lineage = registry.lineage()
    inside = lineage["legacy_code"].isin(inside_codes)
    share = inside.groupby(lineage["current_code"]).agg(["any", "all"])
    wholly = share.index[share["all"].to_numpy(dtype=bool)]
    partly = share.index[(share["any"] & ~share["all"]).to_numpy(dtype=bool)]
    return frozenset(map(str, wholly)), frozenset(map(str, partly))


@cache
def _current_provinces_of_legacy(code: str) -> frozenset[str]:
    """Current provinces formed from the legacy province `code` alone."""
    pairs = registry.province_lineage()
    sources = pairs.groupby("current_province_code")["legacy_province_code"].agg(set)
    return frozenset(str(p) for p, s in sources.items() if s == {code})


def _commune_inside(
    frame: pd.DataFrame, sets: pd.Series, territory: Territory
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Commune-sheet rows inside the territory, and those whose commune is partly inside."""
    level = territory.level
    code = territory.code
    parent_column = f"{level}_code"
    communes = _codes(frame, "commune_code")
    inside = np.zeros(len(frame), dtype=bool)
    partial = np.zeros(len(frame), dtype=bool)
    same = (sets == territory.units).to_numpy(dtype=bool)
    other = ~same
    # Same set: the commune's official parent, or the code as written without a commune.
    official = _lookup(communes, _parents(territory.units, parent_column))
    parent = official.fillna(_codes(frame, parent_column))
    inside |= same & parent.eq(code).fillna(False).to_numpy(dtype=bool)
    if not other.any():
        return inside, partial
    if territory.units == "current":
        # Legacy rows: the current province their commune became part of.
        lineage = registry.lineage().drop_duplicates("legacy_code").set_index("legacy_code")
        became = _lookup(communes, lineage["current_province_code"])
        by_province = _lookup(
            _codes(frame, "province_code"),
            registry.province_lineage().set_index("legacy_province_code")["current_province_code"],
        )
        province = became.fillna(by_province)
        inside |= other & province.eq(code).fillna(False).to_numpy(dtype=bool)
    else:
        # Current rows: communes formed wholly (inside) or partly (outside, said) from it.
        wholly, partly = _current_inside_legacy(level, code)
        inside |= other & communes.isin(wholly).to_numpy(dtype=bool)
        partial |= other & communes.isin(partly).to_numpy(dtype=bool)
        if LEGACY_COMMUNE_COLUMN in frame:
            # A rolled-up commune divided among current communes all formed wholly from
            # the territory lies inside it (it has no current commune of its own).
            divided = communes.isna() & frame[LEGACY_COMMUNE_COLUMN].isin(
                _legacy_stations_inside(territory)
            )
            inside |= other & divided.to_numpy(dtype=bool)
    return inside, partial


def _district_inside(
    frame: pd.DataFrame, sets: pd.Series, territory: Territory
) -> npt.NDArray[np.bool_]:
    """District-sheet rows inside the territory (see the module's note)."""
    code = territory.code
    districts = _codes(frame, "district_code")
    legacy = (sets == "legacy").to_numpy(dtype=bool)
    current = ~legacy
    official = districts.map(registry.districts().set_index("code")["province_code"])
    legacy_province = official.astype("string").fillna(_codes(frame, "province_code"))
    written = _codes(frame, "province_code")
    if territory.district is not None:
        return legacy & districts.eq(code).fillna(False).to_numpy(dtype=bool)
    if territory.units == "legacy":
        in_legacy = legacy_province.eq(code).fillna(False).to_numpy(dtype=bool)
        in_current = written.isin(_current_provinces_of_legacy(code)).to_numpy(dtype=bool)
        return (legacy & in_legacy) | (current & in_current)
    became = legacy_province.map(
        registry.province_lineage().set_index("legacy_province_code")["current_province_code"]
    )
    in_legacy = became.astype("string").eq(code).fillna(False).to_numpy(dtype=bool)
    in_current = written.eq(code).fillna(False).to_numpy(dtype=bool)
    return (legacy & in_legacy) | (current & in_current)


def inside(dataset: Dataset, plan: Plan) -> Placement:
    """The dataset cut to the rows inside the plan's territory (all rows without one)."""
    territory = plan.territory
    if territory is None or territory == NATIONAL:
        return Placement(dataset, _row_count(dataset), [])
    assert isinstance(territory, Territory)
    commune = dataset.frames.get("commune")
    frames: dict[str, pd.DataFrame] = {}
    findings: list[Finding] = []
    for sheet, frame in dataset.frames.items():
        sets = _row_sets(frame, commune)
        if sheet == "commune":
            kept, partial = _commune_inside(frame, sets, territory)
            findings += _partial_findings(frame[partial], plan)
        else:
            kept = _district_inside(frame, sets, territory)
        frames[sheet] = _as_territory(frame[kept], territory)
    placed = Dataset(
        frames=frames,  # type: ignore[arg-type]
        findings=dataset.findings,
        inputs=dataset.inputs,
        columns=dataset.columns,
    )
    return Placement(placed, _row_count(placed), findings)


@cache
def territory_name(territory: Territory) -> str:
    """The territory's official name ("Tỉnh Yên Bái", "Thành phố Buôn Ma Thuột")."""
    if territory.district is not None:
        table = registry.districts()
    else:
        table = registry.provinces(territory.units)
    return str(table.loc[table["code"].eq(territory.code).to_numpy(dtype=bool), "name"].iloc[0])


def _as_territory(frame: pd.DataFrame, territory: Territory) -> pd.DataFrame:
    """Every row here lies inside the territory, so at the territory's level it carries the
    territory's code, whatever its own code says: current Lào Cai communes formed from legacy
    Yên Bái ones are Yên Bái for its plan, a row without a province code or with a wrong
    one (`wrong_parent`) too. Rows whose code changes get the official name."""
    code_column, name_column = f"{territory.level}_code", f"{territory.level}_name"
    changed = _codes(frame, code_column).ne(territory.code).fillna(True).to_numpy(dtype=bool)
    if not changed.any():
        return frame
    out = frame.copy()
    for column, value in (
        (code_column, territory.code),
        (name_column, territory_name(territory)),
    ):
        if column not in out:
            out[column] = pd.Series(None, index=out.index, dtype="string")
        out[column] = out[column].astype("string").where(~changed, value)
    return out


@cache
def _expected_in_other_set(territory: Territory) -> frozenset[str]:
    """The communes of the other set that lie inside the territory (the module's note):
    current communes formed wholly from a legacy territory; legacy communes that became
    part of a current province."""
    if territory.units == "legacy":
        return _current_inside_legacy(territory.level, territory.code)[0]
    lineage = registry.lineage()
    became = lineage["current_province_code"].eq(territory.code).to_numpy(dtype=bool)
    return frozenset(map(str, lineage.loc[became, "legacy_code"].unique()))


@cache
def _legacy_districts_of_current(code: str) -> frozenset[str]:
    """Legacy districts of the legacy provinces that became part of current province `code`."""
    pairs = registry.province_lineage()
    sources = pairs.loc[pairs["current_province_code"].eq(code).to_numpy(dtype=bool)]
    table = registry.districts()
    chosen = table["province_code"].isin(sources["legacy_province_code"]).to_numpy(dtype=bool)
    return frozenset(map(str, table.loc[chosen, "code"]))


@cache
def _legacy_stations_inside(territory: Territory) -> frozenset[str]:
    """Legacy communes of a legacy territory that rolled up inside it: those whose current
    communes were all formed wholly from the territory (a divided one counts once)."""
    wholly = _current_inside_legacy(territory.level, territory.code)[0]
    lineage = registry.lineage()
    inside = lineage["current_code"].isin(wholly).groupby(lineage["legacy_code"]).all()
    return frozenset(map(str, inside.index[inside.to_numpy(dtype=bool)]))


def _absent_rolled_up(frame: pd.DataFrame, territory: Territory) -> dict[str, int] | None:
    """Per period of rolled-up rows, the legacy communes inside a legacy territory that
    sent none: the stations its current communes lack (SPEC §4.2 on §7.5)."""
    if territory.units != "legacy" or LEGACY_COMMUNE_COLUMN not in frame:
        return None
    rows = frame[frame[LEGACY_COMMUNE_COLUMN].notna() & frame["period"].notna()]
    if rows.empty:
        return None
    stations = _legacy_stations_inside(territory)
    sent = (
        pd.DataFrame(
            {
                "period": rows["period"].astype("string"),
                "legacy": rows[LEGACY_COMMUNE_COLUMN].astype("string"),
            }
        )
        .drop_duplicates()
        .groupby("period")
        .size()
    )
    return {str(p): max(len(stations) - int(n), 0) for p, n in sent.items()}


def _reported_by_period(frame: pd.DataFrame, column: str) -> dict[str, set[str]]:
    rows = frame[frame["period"].notna()]
    codes = _codes(rows, column)
    pairs = pd.DataFrame({"period": rows["period"].astype("string"), "code": codes})
    return {
        str(period): set(map(str, group["code"].dropna()))
        for period, group in pairs.groupby("period", sort=True)
    }


def plan_coverage(
    coverage: CoverageTables, placed: Dataset, territory: Territory
) -> CoverageTables:
    """Coverage for a plan's rows (SPEC §7.3 on §7.4): the input's coverage, which describes
    every unit inside the territory read in the territory's own set, except the territory
    itself in periods read in the other set. There its expected communes are those of that
    set lying inside it (for Yên Bái's plan on 2025-H2 data, the current communes formed
    from Yên Bái alone), and its expected districts, for a current province read on legacy
    data, the legacy districts of the provinces it was formed from."""
    commune = placed.frames.get("commune")
    name = territory_name(territory)
    for sheet, frame in placed.frames.items():
        if frame.empty or "period" not in frame:
            continue
        other = frame[(_row_sets(frame, commune) != territory.units).to_numpy(dtype=bool)]
        if other.empty:
            continue
        units: registry.UnitSet = "current" if territory.units == "legacy" else "legacy"
        absent: dict[str, int] | None = None
        if sheet == "commune":
            reported = _reported_by_period(other, "commune_code")
            expected: frozenset[str] | None = _expected_in_other_set(territory)
            absent = _absent_rolled_up(other, territory)
        elif territory.units == "current":
            reported = _reported_by_period(other, "district_code")
            expected = _legacy_districts_of_current(territory.code)
        else:
            # Regional health centres are not administrative units: none are expected.
            reported = {str(p): set() for p in other["period"].dropna().unique()}
            expected = None
        rows = unit_rows(territory.level, territory.code, name, units, reported, expected, absent)
        coverage = coverage.with_unit(sheet, rows)
    return coverage


def named_for_territory(values: ValueTable, territory: Territory) -> ValueTable:
    """Values of a sheet without a row inside the territory belong to the territory at its
    own level (no data for Tỉnh Yên Bái), not to an unnamed whole input."""
    frame = values.frame
    rows = frame["unit_code"].eq(WHOLE_INPUT).to_numpy(dtype=bool) & frame["level"].eq(
        territory.level
    ).to_numpy(dtype=bool)
    if not rows.any():
        return values
    out = frame.copy()
    for column, value in (
        ("unit_code", territory.code),
        ("unit_name", territory_name(territory)),
    ):
        out[column] = categories(np.where(rows, value, out[column].to_numpy(dtype=object)))
    return ValueTable(out)


def _row_count(dataset: Dataset) -> int:
    return sum(len(frame) for frame in dataset.frames.values())


def _partial_findings(rows: pd.DataFrame, plan: Plan) -> list[Finding]:
    if rows.empty:
        return []
    codes = rows["commune_code"].astype("string").dropna().unique()
    names = registry.communes("current").set_index("code")["name"]
    return [
        Finding(
            "territory_partial",
            value=str(code),
            params={"name": str(names.get(code, "")), "units": "current", "plan": plan.id},
        )
        for code in sorted(str(c) for c in codes)
    ]


def roll_up(dataset: Dataset, *, level: str = "province") -> Dataset:
    """Legacy rows re-keyed to the current commune and province they became part of
    (SPEC §7.5); rows stay rows. A commune divided among several current communes keeps
    only its current province (`_divided`) and is named by a `unit_divided` finding."""
    frames = dict(dataset.frames)
    findings: list[Finding] = []
    commune = frames.get("commune")
    if commune is not None and not commune.empty and UNITS_COLUMN in commune:
        rolled, findings = _roll_up_communes(commune)
        if level == "commune":
            rolled = rolled[~rolled[DIVIDED_COLUMN].to_numpy(dtype=bool)]
        frames["commune"] = rolled
    district = frames.get("district")
    if district is not None and not district.empty:
        frames["district"] = _roll_up_districts(district, commune)
    return Dataset(
        frames=frames,
        findings=sorted([*dataset.findings, *findings], key=Finding.sort_key),
        inputs=dataset.inputs,
        columns=dataset.columns,
    )


def regroup(dataset: Dataset) -> Dataset:
    """Legacy rows placed in the current province they became part of, each commune and
    district keeping its own code: `--units current` for the quality review, which judges
    each station's values against that station's own history (SPEC §9) and gathers the
    stations by the provinces of today."""
    frames = dict(dataset.frames)
    commune = frames.get("commune")
    if commune is not None and not commune.empty and UNITS_COLUMN in commune:
        legacy = commune[UNITS_COLUMN].eq("legacy").fillna(False).to_numpy(dtype=bool)
        if legacy.any():
            codes = commune["commune_code"].astype("string")
            province = codes.map(registry.current_province_of_commune()).astype("string")
            moved = _in_province(commune, legacy, province, keep_district=False)
            frames["commune"] = moved.assign(**{PLACED_IN_CURRENT: legacy})
    district = frames.get("district")
    if district is not None and not district.empty:
        frames["district"] = _roll_up_districts(district, commune, keep_units=True)
    return Dataset(
        frames=frames, findings=dataset.findings, inputs=dataset.inputs, columns=dataset.columns
    )


def _in_province(
    frame: pd.DataFrame, rows: npt.NDArray[np.bool_], province: pd.Series, *, keep_district: bool
) -> pd.DataFrame:
    """`frame` with `rows` placed in the current `province` (its code and official name)."""
    out = frame.copy()
    out["province_code"] = _codes(frame, "province_code").where(~rows, province)
    if "province_name" in out:
        names = province.map(registry.provinces("current").set_index("code")["name"])
        out["province_name"] = out["province_name"].astype("string").where(~rows, names)
    if not keep_district:
        for column in ("district_code", "district_name"):
            if column in out:
                out[column] = out[column].astype("string").where(~rows, None)
    return out


def _roll_up_communes(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    legacy = frame[UNITS_COLUMN].eq("legacy").fillna(False).to_numpy(dtype=bool)
    out = frame.copy()
    out[DIVIDED_COLUMN] = False
    if not legacy.any():
        return out, []
    lineage = registry.lineage()
    first = lineage.drop_duplicates("legacy_code").set_index("legacy_code")
    codes = frame["commune_code"].astype("string")
    current_code = codes.map(first["current_code"]).astype("string")
    province = codes.map(registry.current_province_of_commune()).astype("string")
    # A legacy commune the conversion table does not hold (28, merged away before its list
    # was drawn up) has no current commune, but its province became part of one current
    # province: like a divided commune, it counts at province level only.
    untraced = legacy & current_code.isna().to_numpy(dtype=bool)
    untraced &= province.notna().to_numpy(dtype=bool)
    divided = codes.map(first["divided"]).fillna(False).to_numpy(dtype=bool) & legacy
    current_names = registry.communes("current").set_index("code")["name"]
    province_names = registry.provinces("current").set_index("code")["name"]
    rekeyed = legacy & (current_code.notna().to_numpy(dtype=bool) | untraced)
    findings = _untraced_findings(codes[untraced], province[untraced], province_names)
    divided |= untraced
    whole = rekeyed & ~divided
    out["commune_code"] = codes.where(~whole, current_code).where(~divided, None)
    if "commune_name" in out:
        names = current_code.map(current_names).astype("string")
        out["commune_name"] = out["commune_name"].astype("string").where(~whole, names)
    if "province_code" in out:
        out["province_code"] = out["province_code"].astype("string").where(~rekeyed, province)
    else:
        out["province_code"] = province.where(rekeyed, None)
    if "province_name" in out:
        names = province.map(province_names).astype("string")
        out["province_name"] = out["province_name"].astype("string").where(~rekeyed, names)
    if "district_code" in out:
        out["district_code"] = out["district_code"].astype("string").where(~rekeyed, None)
    out[UNITS_COLUMN] = out[UNITS_COLUMN].where(~rekeyed, "current")
    out[DIVIDED_COLUMN] = divided
    out[LEGACY_COMMUNE_COLUMN] = codes.where(rekeyed, None)
    split = lineage[lineage["legacy_code"].isin(codes[divided].unique())]
    for legacy_code, group in split.groupby("legacy_code", sort=True):
        findings.append(
            Finding(
                "unit_divided",
                value=str(legacy_code),
                params={"current": ", ".join(sorted(map(str, group["current_code"])))},
            )
        )
    return out, findings


def _untraced_findings(codes: pd.Series, provinces: pd.Series, names: pd.Series) -> list[Finding]:
    """One `unit_not_traced` per legacy commune without a current commune."""
    pairs = pd.DataFrame({"code": codes, "province": provinces}).drop_duplicates("code")
    return [
        Finding(
            "unit_not_traced",
            value=str(code),
            params={"province": str(names.get(province, province)), "province_code": province},
        )
        for code, province in sorted(zip(pairs["code"], pairs["province"], strict=True))
    ]


def _roll_up_districts(
    frame: pd.DataFrame, commune: pd.DataFrame | None, *, keep_units: bool = False
) -> pd.DataFrame:
    """District-sheet rows of legacy periods take their province's current province; with
    `keep_units`, they are still read as legacy districts."""
    sets = period_sets(frame["period"], commune)
    legacy = sets.eq("legacy").to_numpy(dtype=bool)
    if not legacy.any():
        return frame
    districts = _codes(frame, "district_code")
    official = districts.map(registry.districts().set_index("code")["province_code"])
    province = official.astype("string").fillna(_codes(frame, "province_code"))
    became = province.map(
        registry.province_lineage().set_index("legacy_province_code")["current_province_code"]
    ).astype("string")
    out = _in_province(frame, legacy, became, keep_district=True)
    if not keep_units:
        # Re-keyed to current provinces, the rows are read in the current set from here on.
        out[UNITS_COLUMN] = _codes(out, UNITS_COLUMN).where(~legacy, "current")
    return out

"""The official administrative units (GSO codes), legacy and current, as columns.

The lists come from the `vietnam-provinces` package (the statistics office's list). Importing
that package builds ten thousand enum members and objects and costs well over a second, so
this module never imports it: it reads the package's data files (its JSON and the literal
tables of its lookup modules) with a few regular expressions and keeps compact frames,
built once per process and only for what a run asks for.

API (codes are zero-padded strings: province "15", district "135", commune "04465"):

- ``UnitSet = Literal["legacy", "current"]``; ``SETS``; ``REORGANISED`` (01/07/2025).
- ``provinces(units)`` -> DataFrame ``code, name``.
- ``districts()`` -> DataFrame ``code, name, province_code`` (legacy only; the current set
  has no districts).
- ``communes(units)`` -> DataFrame ``code, name, district_code, province_code``
  (``district_code`` is null in the current set).
- ``lineage()`` -> DataFrame ``legacy_code, current_code, current_province_code, divided``:
  one row per (legacy commune, current commune it became part of); ``divided`` is true for a
  legacy commune split among several current communes.
- ``warm()`` reads every table ahead of need (while a workbook loads in another thread).
- ``positions(values, codes)`` -> the row of each value in a column of codes, -1 where absent
  (a hash lookup on the Arrow strings, without a Python object per row).
- ``name_key(names)`` -> Series: the §7.2 comparison key of each name (unit type words
  removed, case and diacritics folded, which also unifies tone-mark placement: "Khánh Hoà" =
  "Khánh Hòa", "Mù Cang Chải" = "Mù Căng Chải", "TT NT Liên Sơn" = "Thị trấn NT Liên Sơn").
  Works on unique values, so it is cheap on dictionary-encoded columns.
- ``find_communes(units, commune_name, district_name=None, province_name=None)`` -> codes of
  the communes whose name matches (and whose district/province match when named), sorted.

All frames use the code as a plain column (not the index) so callers join on whole columns.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

type UnitSet = Literal["legacy", "current"]
SETS: tuple[UnitSet, ...] = ("legacy", "current")
# The day the current (two-level) units came into force.
REORGANISED = pd.Timestamp("2025-07-01")

PROVINCE_WIDTH, DISTRICT_WIDTH, COMMUNE_WIDTH = 2, 3, 5


@cache
def _package_dir() -> Path:
    # find_spec on a top-level name locates the package without executing its __init__.
    spec = find_spec("vietnam_provinces")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ModuleNotFoundError("vietnam_provinces")
    return Path(spec.origin).parent


def _read(relative: str) -> str:
    return (_package_dir() / relative).read_text(encoding="utf-8")


# Legacy tables are Python literals such as
#   Ward('Xã Bản Mù', WardCode.W_04615, VietNamDivisionType.XA, 'xa_ban_mu', DistrictCode.D_139)
# sometimes spread over several lines by the package's formatter.
_NAME = r"""(?P<q>['"])(?P<name>.*?)(?P=q)"""
_LEGACY_PROVINCE = re.compile(r"Province\(\s*" + _NAME + r",\s*ProvinceCode\.P_(?P<code>\d+)")
_LEGACY_DISTRICT = re.compile(
    r"District\(\s*" + _NAME + r",\s*DistrictCode\.D_(?P<code>\d+),\s*VietNamDivisionType\.\w+,"
    r"\s*'[^']*',\s*ProvinceCode\.P_(?P<parent>\d+)"
)
_LEGACY_WARD = re.compile(
    r"Ward\(\s*" + _NAME + r",\s*WardCode\.W_(?P<code>\d+),\s*VietNamDivisionType\.\w+,"
    r"\s*'[^']*',\s*DistrictCode\.D_(?P<parent>\d+)"
)
# Conversion table: OldWardRef(code, district, province, is_partly_merged), NewWardRef(code, prov)
_WARD_REF = re.compile(r"(Old|New)WardRef\((\d+), (\d+)(?:, \d+, (True|False))?\)")


def _frame(matches: list[re.Match[str]], width: int, parent_width: int | None) -> pd.DataFrame:
    data: dict[str, object] = {
        "code": pd.array([m["code"].zfill(width) for m in matches], dtype="string"),
        "name": pd.array([m["name"] for m in matches], dtype="string"),
    }
    if parent_width is not None:
        data["parent"] = pd.array([m["parent"].zfill(parent_width) for m in matches], "string")
    return pd.DataFrame(data)


@cache
def _legacy() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    text = _read("legacy/_lookup.py")
    start_d = text.index("DISTRICT_MAPPING")
    start_w = text.index("WARD_MAPPING")
    prov = _frame(list(_LEGACY_PROVINCE.finditer(text, 0, start_d)), PROVINCE_WIDTH, None)
    dist = _frame(
        list(_LEGACY_DISTRICT.finditer(text, start_d, start_w)), DISTRICT_WIDTH, PROVINCE_WIDTH
    ).rename(columns={"parent": "province_code"})
    comm = _frame(list(_LEGACY_WARD.finditer(text, start_w)), COMMUNE_WIDTH, DISTRICT_WIDTH)
    comm = comm.rename(columns={"parent": "district_code"})
    comm = comm.merge(
        dist[["code", "province_code"]].rename(columns={"code": "district_code"}),
        on="district_code",
        how="left",
    )
    comm = comm[["code", "name", "district_code", "province_code"]]
    return prov, dist, comm


@cache
def _current() -> tuple[pd.DataFrame, pd.DataFrame]:
    nested = json.loads(_read("data/nested-divisions.json"))
    prov = pd.DataFrame(
        {
            "code": pd.array([str(p["code"]).zfill(PROVINCE_WIDTH) for p in nested], "string"),
            "name": pd.array([p["name"] for p in nested], "string"),
        }
    )
    codes, names, parents = [], [], []
    for p in nested:
        parent = str(p["code"]).zfill(PROVINCE_WIDTH)
        for w in p["wards"]:
            codes.append(str(w["code"]).zfill(COMMUNE_WIDTH))
            names.append(w["name"])
            parents.append(parent)
    comm = pd.DataFrame(
        {
            "code": pd.array(codes, "string"),
            "name": pd.array(names, "string"),
            "district_code": pd.array([None] * len(codes), "string"),
            "province_code": pd.array(parents, "string"),
        }
    )
    return prov, comm


def provinces(units: UnitSet) -> pd.DataFrame:
    """Provinces of a set: code, name (official)."""
    return _legacy()[0] if units == "legacy" else _current()[0]


def districts() -> pd.DataFrame:
    """Legacy districts: code, name, province_code."""
    return _legacy()[1]


def communes(units: UnitSet) -> pd.DataFrame:
    """Communes of a set: code, name, district_code (legacy only), province_code."""
    return _legacy()[2] if units == "legacy" else _current()[1]


@cache
def lineage() -> pd.DataFrame:
    """Legacy commune -> current commune(s) it became part of, with the divided flag."""
    text = _read("_ward_conversion_2025.py")
    section = text[text.index("OLD_TO_NEW:") : text.index("NEW_TO_OLD:")]
    refs = np.array(_WARD_REF.findall(section), dtype=object).reshape(-1, 4)
    is_old = refs[:, 0] == "Old"
    # Each NewWardRef belongs to the OldWardRef written last before it.
    owner = np.maximum.accumulate(np.where(is_old, np.arange(len(refs)), 0))
    new = ~is_old
    legacy_code = pd.Series(refs[owner[new], 1], dtype="string").str.zfill(COMMUNE_WIDTH)
    frame = pd.DataFrame(
        {
            "legacy_code": legacy_code,
            "current_code": pd.Series(refs[new, 1], dtype="string").str.zfill(COMMUNE_WIDTH),
            "current_province_code": pd.Series(refs[new, 2], dtype="string").str.zfill(
                PROVINCE_WIDTH
            ),
        }
    )
    frame["divided"] = frame["legacy_code"].duplicated(keep=False).to_numpy()
    return frame


@cache
def province_lineage() -> pd.DataFrame:
    """Legacy province -> the one current province it became part of."""
    legacy = communes("legacy")[["code", "province_code"]]
    joined = lineage().merge(
        legacy.rename(columns={"code": "legacy_code"}), on="legacy_code", how="inner"
    )
    return (
        joined[["province_code", "current_province_code"]]
        .drop_duplicates()
        .rename(columns={"province_code": "legacy_province_code"})
        .reset_index(drop=True)
    )


@cache
def current_province_of_commune() -> pd.Series:
    """Each legacy commune code -> the current province it became part of: through its
    current communes (never divided across provinces), or, for the few the conversion table
    lacks, through its province."""
    legacy = communes("legacy").set_index("code")["province_code"]
    traced = lineage().drop_duplicates("legacy_code").set_index("legacy_code")
    by_province = legacy.map(
        province_lineage().set_index("legacy_province_code")["current_province_code"]
    )
    found = legacy.index.to_series().map(traced["current_province_code"])
    return found.fillna(by_province).astype("string")


def warm() -> None:
    """Read every table now, while the thread has nothing else to do (a workbook loading)."""
    _legacy()
    _current()
    lineage()


def positions(values: pd.Series, codes: pd.Series) -> npt.NDArray[np.intp]:
    """The row of each value in `codes` (distinct), or -1; a missing value is never found."""
    found = pc.index_in(_arrow_text(values), value_set=_arrow_text(codes))
    return np.asarray(pc.fill_null(found, -1), dtype=np.intp)


def _arrow_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pa.array(values.array)
    return pa.array(values.astype("string").array)


# Unit type words as written in names and forms, longest first so "Thành phố" wins over "TP".
_TYPE_WORDS = (
    "trung tam y te",
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "huyen",
    "quan",
    "phuong",
    "tinh",
    "xa",
    "ttyt",
    "tp",
    "tt",
    "tx",
)
_TYPE_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(w.replace(" ", r"\s+") for w in _TYPE_WORDS) + r")\b[\s.]*)+"
)
# Decomposed diacritics removed and đ folded: this also unifies tone-mark placement.
_FOLD = {**dict.fromkeys(range(0x300, 0x370)), ord("đ"): "d", ord("Đ"): "D"}
_NONG_TRUONG = re.compile(r"nong\s+truong")
_PUNCT = re.compile(r"[^\w\s]")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFD", name).translate(_FOLD).lower()
    text = _NONG_TRUONG.sub("nt", text)
    text = " ".join(_PUNCT.sub(" ", text).split())
    text = _TYPE_PREFIX.sub("", text)
    return _LEADING_ZEROS.sub(r"\1", text).strip()


def name_key(names: pd.Series) -> pd.Series:
    """The §7.2 comparison key of each name, computed once per distinct name."""
    values = names.astype("string")
    uniques = values.dropna().unique()
    mapping = pd.Series([_fold(str(u)) for u in uniques], index=uniques, dtype="string")
    return values.map(mapping).astype("string")


@cache
def _keys(table: Literal["provinces", "districts", "communes"], units: UnitSet) -> pd.Series:
    # Comparison keys cost more than the lists themselves: built only for name lookups.
    frame = {"provinces": provinces, "communes": communes}.get(table, lambda _: districts())(units)
    return name_key(frame["name"])


def _key(name: str) -> str:
    return str(name_key(pd.Series([name], dtype="string")).iloc[0])


def find_communes(
    units: UnitSet,
    commune_name: str,
    district_name: str | None = None,
    province_name: str | None = None,
) -> list[str]:
    """Codes of the communes named so (§7.2 comparison), narrowed by district and province."""
    table = communes(units)
    chosen = _keys("communes", units) == _key(commune_name)
    if province_name is not None:
        prov = provinces(units)
        wanted = prov.loc[(_keys("provinces", units) == _key(province_name)).to_numpy(), "code"]
        chosen &= table["province_code"].isin(wanted)
    if district_name is not None and units == "legacy":
        dist = districts()
        wanted = dist.loc[(_keys("districts", units) == _key(district_name)).to_numpy(), "code"]
        chosen &= table["district_code"].isin(wanted)
    return sorted(str(c) for c in table.loc[chosen.fillna(False), "code"])

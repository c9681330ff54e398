"""Generates national-scale benchmark inputs in benchmarks/data/ (deterministic, vectorised).

national_127k.csv / .xlsx: the 10,051 communes of the official list in force until 06/2025
(63 provinces, 696 districts) x 12 months of 2024 = 120,612 rows.
national_1272k.csv: the same communes x 120 months (2015-2024) = 1,206,120 rows.
national_3y.csv: the same communes x 36 months (2022-2024) = 361,836 rows, for `ycs quality`.
About 0.5 % of rows carry one planted error (a non-number, a negative, a part above its whole).

Run from the repository root: `.venv/bin/python benchmarks/generate.py [--out DIR] [--only NAME]`.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ycs.check.fields import FieldType, field_map

SEED = 10_600
BASE_YEAR = 2024
TEN_YEARS = tuple(range(BASE_YEAR - 9, BASE_YEAR + 1))
THREE_YEARS = tuple(range(BASE_YEAR - 2, BASE_YEAR + 1))
ERROR_SHARE = 0.005
DATA = Path(__file__).resolve().parent / "data"

FIELDS = (
    "province_code",
    "district_code",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "population_female",
    "children_under_1",
    "children_under_5",
    "villages_total",
    "villages_with_active_vhw",
    "has_station",
    "station_bhyt_kcb",
    "station_full_primary_care",
    "station_maintained",
    "scorecard_applied",
    "tech_services_list",
    "tech_services_performed",
    "staff_total",
    "doctors_working",
    "doctors_permanent",
    "insured_population",
    "population_health_managed",
    "primary_care_users",
    "primary_care_users_bhyt_paid",
    "high_risk_population",
    "high_risk_checked",
    "children_u1_fully_immunised",
    "ntc_pass",
    "ntc_score",
)
CATALOGUE = field_map("commune")
HEADERS = [CATALOGUE[name].header for name in FIELDS]
COUNTS = [name for name in FIELDS if CATALOGUE[name].type is FieldType.INT]
# Parts that a planted error pushes above their whole.
PAIRS = (
    ("doctors_permanent", "doctors_working"),
    ("tech_services_performed", "tech_services_list"),
    ("population_female", "population"),
    ("high_risk_checked", "high_risk_population"),
)
NOT_NUMBERS = np.array(["12a", "n/a", "??", "1o5", "kxđ", "3.4.5"])
type Values = npt.NDArray[Any] | pa.Array


@dataclass(frozen=True, slots=True)
class Units:
    """Every commune once: its codes (text, zero-padded) and name."""

    province: pa.Array
    district: pa.Array
    commune: pa.Array
    name: pa.Array

    def __len__(self) -> int:
        return len(self.commune)


@dataclass(frozen=True, slots=True)
class Month:
    """One period of every commune: typed columns and the planted bad cells."""

    columns: dict[str, Values]
    errors: dict[str, tuple[npt.NDArray[np.intp], list[str]]]


def make_units() -> Units:
    """Every commune of the official list in force until 30/06/2025, with its real codes.

    The registry checks of `ycs check` then do the work they do on a real national file,
    instead of reporting every synthetic code as unknown.
    """
    from vietnam_provinces.legacy import Ward

    wards = sorted(Ward.iter_all(), key=lambda ward: int(ward.code))
    return Units(
        province=pa.array([f"{int(ward.province_code):02d}" for ward in wards]),
        district=pa.array([f"{int(ward.district_code):03d}" for ward in wards]),
        commune=pa.array([f"{int(ward.code):05d}" for ward in wards]),
        name=pa.array([ward.name for ward in wards]),
    )


def _part(
    rng: np.random.Generator, whole: npt.NDArray[np.int64], low: float, high: float
) -> npt.NDArray[np.int64]:
    """A part of `whole` between `low` and `high` of it, never above it."""
    part: npt.NDArray[np.int64] = np.minimum(
        np.rint(whole * rng.uniform(low, high, len(whole))), whole
    ).astype(np.int64)
    return part


def make_month(
    rng: np.random.Generator, units: Units, stocks: dict[str, np.ndarray], period: str
) -> Month:
    """One monthly report of every commune; stocks come from `stocks`, flows vary by month."""
    n = len(units)
    # Planted errors write into the columns, so each month gets its own copy of the stocks.
    base = {name: values.copy() for name, values in stocks.items()}
    station = base["has_station"]
    population = base["population"] + rng.integers(-15, 16, n)
    doctors = np.where(station, base["doctors_working"], 0)
    under_1 = base["children_under_1"]
    users = np.rint(population * rng.uniform(0.02, 0.05, n)).astype(np.int64)
    columns: dict[str, Values] = {
        "province_code": units.province,
        "district_code": units.district,
        "commune_code": units.commune,
        "commune_name": units.name,
        "period": pa.array([period] * n),
        "population": population,
        "population_female": _part(rng, population, 0.49, 0.51),
        "children_under_1": under_1,
        "children_under_5": base["children_under_5"],
        "villages_total": base["villages_total"],
        "villages_with_active_vhw": base["villages_with_active_vhw"],
        "has_station": station,
        "station_bhyt_kcb": station & (rng.random(n) < 0.97),
        "station_full_primary_care": station & (rng.random(n) < 0.85),
        "station_maintained": station & (rng.random(n) < 0.8),
        "scorecard_applied": station & (rng.random(n) < 0.9),
        "tech_services_list": base["tech_services_list"],
        "tech_services_performed": _part(rng, base["tech_services_list"], 0.7, 0.98),
        "staff_total": np.where(station, base["staff_total"], 0),
        "doctors_working": doctors,
        "doctors_permanent": np.where(rng.random(n) < 0.85, doctors, np.maximum(doctors - 1, 0)),
        "insured_population": _part(rng, population, 0.88, 0.99),
        "population_health_managed": _part(rng, population, 0.8, 0.99),
        "primary_care_users": users,
        "primary_care_users_bhyt_paid": _part(rng, users, 0.85, 0.99),
        "high_risk_population": base["high_risk_population"],
        "high_risk_checked": _part(rng, base["high_risk_population"], 0.03, 0.12),
        "children_u1_fully_immunised": _part(rng, under_1, 0.05, 0.1),
        "ntc_pass": base["ntc_score"] >= 80,
        "ntc_score": base["ntc_score"],
    }
    return Month(columns=columns, errors=plant_errors(rng, columns, n))


def make_base(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """The stocks of each commune, stable through a year."""
    population = np.clip(np.rint(rng.lognormal(np.log(8000), 0.55, n)), 1500, 60000).astype(
        np.int64
    )
    under_5 = _part(rng, population, 0.07, 0.1)
    villages = rng.integers(3, 25, n)
    services = rng.integers(150, 280, n)
    return {
        "population": population,
        "children_under_5": under_5,
        "children_under_1": _part(rng, under_5, 0.18, 0.22),
        "villages_total": villages,
        "villages_with_active_vhw": villages - (rng.random(n) < 0.1),
        "has_station": rng.random(n) < 0.996,
        "tech_services_list": services,
        "staff_total": rng.integers(5, 11, n),
        "doctors_working": rng.choice([0, 1, 1, 1, 2, 2, 3], n),
        "high_risk_population": _part(rng, population, 0.05, 0.12),
        "ntc_score": np.round(np.clip(rng.normal(86, 6, n), 55, 100), 1),
    }


def plant_errors(
    rng: np.random.Generator, columns: dict[str, Values], n: int
) -> dict[str, tuple[npt.NDArray[np.intp], list[str]]]:
    """Spoil ~0.5 % of rows, one cell each: a third non-numbers, negatives, parts > wholes.

    Negatives and parts above wholes change the numbers in place; non-numbers are returned
    as text to write over the cell.
    """
    rows = rng.choice(n, size=round(n * ERROR_SHARE), replace=False)
    not_number, negative, too_big = np.array_split(rows, 3)
    texts: dict[str, tuple[npt.NDArray[np.intp], list[str]]] = {}
    targets = rng.choice(COUNTS, len(not_number))
    for name in np.unique(targets):
        at = not_number[targets == name]
        texts[str(name)] = (at, NOT_NUMBERS[rng.integers(0, len(NOT_NUMBERS), len(at))].tolist())
    targets = rng.choice(COUNTS, len(negative))
    for name in np.unique(targets):
        at = negative[targets == name]
        values = _numbers(columns[str(name)])
        values[at] = -np.maximum(values[at], 1)
    pairs = rng.integers(0, len(PAIRS), len(too_big))
    for k, (part, whole) in enumerate(PAIRS):
        at = too_big[pairs == k]
        _numbers(columns[part])[at] = _numbers(columns[whole])[at] + rng.integers(1, 20, len(at))
    return texts


def _numbers(values: Values) -> npt.NDArray[np.int64]:
    assert isinstance(values, np.ndarray)
    assert values.dtype == np.int64
    return values


def months(units: Units, years: tuple[int, ...]) -> Iterator[Month]:
    """Twelve months per year; each year has its own seed, so 2024 is the same in every file."""
    for year in years:
        rng = np.random.default_rng([SEED, year])
        stocks = make_base(rng, len(units))
        for month in range(1, 13):
            yield make_month(rng, units, stocks, f"{year}-{month:02d}")


def to_arrow(month: Month) -> pa.Table:
    """All cells as text, the way a CSV export holds them."""
    arrays = []
    for name in FIELDS:
        values = month.columns[name]
        if isinstance(values, pa.Array):
            text = values
        elif values.dtype == np.bool_:
            text = pc.if_else(pa.array(values), "Có", "Không")
        else:
            text = pa.array(values).cast(pa.string())
        if name in month.errors:
            rows, bad = month.errors[name]
            mask = np.zeros(len(text), dtype=bool)
            mask[rows] = True
            # replace_with_mask fills the masked slots in order, so sort the rows.
            order = np.argsort(rows)
            text = pc.replace_with_mask(text, pa.array(mask), pa.array(np.asarray(bad)[order]))
        arrays.append(text)
    return pa.Table.from_arrays(arrays, names=HEADERS)


def to_cells(month: Month) -> list[list[object]]:
    """Column lists of Python values, the way a workbook holds them: numbers stay numbers."""
    cells: list[list[object]] = []
    for name in FIELDS:
        values = month.columns[name]
        if isinstance(values, pa.Array):
            column: list[object] = values.to_pylist()
        elif values.dtype == np.bool_:
            column = np.where(values, "Có", "Không").tolist()
        else:
            column = values.tolist()
        for row, text in zip(*month.errors.get(name, ((), ())), strict=True):
            column[row] = text
        cells.append(column)
    return cells


def write_csv(path: Path, chunks: Iterator[Month]) -> int:
    """A plain export: one header row, values unquoted (none holds a comma), UTF-8."""
    with path.open("w", encoding="utf-8", newline="") as header:
        csv.writer(header, lineterminator="\n").writerow(HEADERS)
    options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
    schema = pa.schema([(header, pa.string()) for header in HEADERS])
    rows = 0
    with path.open("ab") as sink, pa_csv.CSVWriter(sink, schema, write_options=options) as writer:
        for month in chunks:
            table = to_arrow(month)
            writer.write_table(table)
            rows += table.num_rows
    return rows


def write_xlsx(path: Path, chunks: Iterator[Month]) -> int:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    # A fixed creation time keeps rebuilt workbooks byte-identical.
    workbook.set_properties({"created": datetime(2025, 1, 1)})
    sheet = workbook.add_worksheet("Xã")
    sheet.write_row(0, 0, HEADERS)
    rows = 0
    for month in chunks:
        for row in zip(*to_cells(month), strict=True):
            rows += 1
            sheet.write_row(rows, 0, row)
    workbook.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output folder")
    parser.add_argument("--only", action="append", help="write only this file (repeatable)")
    arguments = parser.parse_args()
    out: Path = arguments.out
    out.mkdir(parents=True, exist_ok=True)
    units = make_units()
    jobs = (
        ("national_127k.csv", write_csv, (BASE_YEAR,)),
        ("national_127k.xlsx", write_xlsx, (BASE_YEAR,)),
        ("national_1272k.csv", write_csv, TEN_YEARS),
        ("national_3y.csv", write_csv, THREE_YEARS),
    )
    for name, write, years in jobs:
        if arguments.only and name not in arguments.only:
            continue
        start = time.perf_counter()
        rows = write(out / name, months(units, years))
        size = (out / name).stat().st_size / 2**20
        print(f"{name}: {rows:,} rows, {size:.1f} MiB, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

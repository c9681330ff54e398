"""Builds the sample submissions in samples/; rerunning reproduces every file byte for byte.

Run from the repository root: `.venv/bin/python samples/make_samples.py`.
Units and codes are real (admin_units.py says where they come from); every number is synthetic.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from openpyxl import Workbook

# Run as a script: admin_units and forms sit next to it, the ycs package one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from admin_units import (
    LAO_CAI_2025_CENTRES,
    LAO_CAI_2025_COMMUNES,
    LAO_CAI_CODE,
    VAN_CHAN_COMMUNES,
    YEN_BAI_CODE,
    YEN_BAI_COMMUNES,
    YEN_BAI_DISTRICTS,
    Commune,
)
from forms import (
    FIRST_DATA_ROW,
    Cell,
    Column,
    Form,
    Record,
    letter,
    save_workbook,
    table_rows,
    total_record,
    write_form,
)
from quality_sample import build_luc_yen
from vertical_sample import build_vertical_folder

from ycs.check.fields import field_map

HERE = Path(__file__).resolve().parent
SEED = 20241231


@dataclass(frozen=True, slots=True)
class Planted:
    """A problem put in a sample on purpose, and where `ycs validate` must find it."""

    code: str
    sheet: str
    cell: str
    what: str


# Column layouts. Headings are the catalogue's, except where a real form prints an alias
# or a sub-heading under a merged group heading.

_POPULATION = "Dân số (người)"
_VILLAGES = "Thôn, bản"
_STATION = "Trạm y tế"
_SERVICES = "Dịch vụ kỹ thuật (DVKT)"
_STAFF = "Nhân lực trạm y tế"
_INSURANCE = "Bảo hiểm y tế, quản lý sức khỏe"
_PRIMARY = "Chăm sóc sức khỏe ban đầu"
_RISK = "Người có nguy cơ cao"
_NCD = "Bệnh không lây nhiễm"
_VISITS = "Khám bệnh"
_MCH = "Bà mẹ - trẻ em"
_NTC = "Bộ tiêu chí quốc gia về y tế xã"

COMMUNE_MEASURES: tuple[Column, ...] = (
    Column("population", "Tổng dân số", _POPULATION),
    Column("population_female", "Trong đó nữ", _POPULATION),
    Column("children_under_1", None, _POPULATION),
    Column("children_under_5", None, _POPULATION),
    Column("women_15_49", None, _POPULATION),
    Column("villages_total", None, _VILLAGES, width=8),
    Column("villages_with_active_vhw", None, _VILLAGES, width=14),
    Column("has_station", None, _STATION, width=9),
    Column("station_bhyt_kcb", "Khám chữa\nbệnh BHYT", _STATION, width=9),
    Column("station_full_primary_care", None, _STATION, width=12),
    Column("station_maintained", "Duy tu,\nbảo dưỡng", _STATION, width=9),
    Column("station_ncd_management", "Quản lý bệnh\nkhông lây nhiễm", _STATION, width=12),
    Column("scorecard_applied", None, _STATION, width=12),
    Column("tech_services_list", None, _SERVICES),
    Column("tech_services_performed", None, _SERVICES),
    Column("staff_total", None, _STAFF, width=9),
    Column("doctors_working", None, _STAFF, width=8),
    Column("doctors_permanent", "Bác sỹ\ncơ hữu", _STAFF, width=8),
    Column("midwives", "HS/YSSN", _STAFF, width=8),
    Column("vhw_count", None, _STAFF, width=10),
    Column("insured_population", None, _INSURANCE),
    Column("population_health_managed", None, _INSURANCE, width=14),
    Column("population_with_ehr", None, _INSURANCE, width=14),
    Column("primary_care_users", None, _PRIMARY, width=13),
    Column("primary_care_users_bhyt_paid", None, _PRIMARY, width=12),
    Column("high_risk_population", None, _RISK),
    Column("high_risk_checked", None, _RISK, width=14),
    Column("htn_detected", None, _NCD, width=13),
    Column("htn_managed", None, _NCD, width=13),
    Column("dm_detected", None, _NCD, width=13),
    Column("dm_managed", None, _NCD, width=13),
    Column("outpatient_visits", None, _VISITS),
    Column("bhyt_visits", None, _VISITS),
    Column("live_births", None, _MCH, width=8),
    Column("deaths_under_1", None, _MCH, width=9),
    Column("children_u1_fully_immunised", None, _MCH, width=13),
    Column("ntc_pass", "Đạt BTCQG\nvề y tế", _NTC, width=10),
    Column("ntc_score", "Điểm BTCQG", _NTC, width=8),
)

YEN_BAI_COMMUNE_COLUMNS: tuple[Column, ...] = (
    Column(None, "STT", width=5),
    Column("province_code", width=6),
    Column("province_name", "Tỉnh", width=9),
    Column("district_code", width=6),
    Column("district_name", "Tên huyện", width=18),
    Column("commune_code", "Mã ĐVHC", width=8),
    Column("commune_name", "Tên xã, phường,\nthị trấn", width=22),
    Column("period", width=8),
    Column("zone", width=6),
    *COMMUNE_MEASURES,
    Column(None, "Ghi chú", width=20),
)

LAO_CAI_COMMUNE_COLUMNS: tuple[Column, ...] = (
    Column(None, "STT", width=5),
    Column("province_code", width=6),
    Column("province_name", "Tỉnh", width=9),
    Column("commune_code", width=8),
    Column("commune_name", "Tên đơn vị", width=22),
    Column("period", width=12),
    *COMMUNE_MEASURES,
)

_TECH = "Dịch vụ kỹ thuật tuyến huyện"
_SATISFACTION = "Sự hài lòng của người bệnh"
_FOOD = "An toàn thực phẩm"
_CAPITAL = "Vốn đầu tư (triệu đồng)"
_TECHNIQUES = "Phát triển kỹ thuật"

DISTRICT_MEASURES: tuple[Column, ...] = (
    Column("district_tech_services_list", None, _TECH, width=13),
    Column("district_tech_services_performed", None, _TECH, width=13),
    Column("patients_surveyed", None, _SATISFACTION, width=12),
    Column("patients_satisfied", None, _SATISFACTION, width=12),
    Column("food_businesses_total", None, _FOOD, width=12),
    Column("food_businesses_inspected", None, _FOOD, width=12),
    Column("capital_plan", "Kế hoạch vốn", _CAPITAL, width=12),
    Column("capital_disbursed", "Vốn giải ngân", _CAPITAL, width=12),
    Column("techniques_transferred", None, _TECHNIQUES, width=12),
    Column("new_techniques", None, _TECHNIQUES, width=12),
    Column("doctors_total", width=9),
)

YEN_BAI_DISTRICT_COLUMNS: tuple[Column, ...] = (
    Column(None, "STT", width=5),
    Column("province_code", width=6),
    Column("province_name", "Tỉnh", width=9),
    Column("district_code", width=7),
    Column("district_name", "Trung tâm Y tế", width=34),
    Column("period", width=10),
    *DISTRICT_MEASURES,
)

LAO_CAI_DISTRICT_COLUMNS: tuple[Column, ...] = (
    Column(None, "STT", width=5),
    Column("province_code", width=6),
    Column("district_code", "Mã TTYT", width=7),
    Column("district_name", "TTYT khu vực", width=38),
    Column("period", width=12),
    *DISTRICT_MEASURES,
)

# Synthetic numbers: plausible for mountainous northern communes, parts never above wholes.


def _uniform(rng: np.random.Generator, low: float, high: float, n: int) -> npt.NDArray[np.float64]:
    return rng.uniform(low, high, n)


def _share(
    rng: np.random.Generator, whole: npt.NDArray[np.int64], low: float, high: float
) -> npt.NDArray[np.int64]:
    """A part of `whole` between `low` and `high` of it, never above it."""
    part: npt.NDArray[np.int64] = np.minimum(
        np.rint(whole * _uniform(rng, low, high, len(whole))), whole
    ).astype(np.int64)
    return part


def commune_measures(
    rng: np.random.Generator,
    communes: Sequence[Commune],
    *,
    months: int,
    pop_range: tuple[int, int],
) -> list[Record]:
    """One record per commune with every field of COMMUNE_MEASURES; flows cover `months`."""
    n = len(communes)
    town = np.array([c.name.startswith(("Thị trấn", "Phường")) for c in communes])
    low, high = pop_range
    population = np.clip(np.rint(rng.lognormal(np.log((low * high) ** 0.5), 0.45, n)), low, high)
    population = np.where(town, np.minimum(population * 1.6, high), population).astype(int)
    scale = months / 12
    villages = rng.integers(5, 19, n)
    doctors = rng.choice([0, 1, 1, 1, 2, 2, 3], n)
    permanent = np.where(rng.random(n) < 0.8, doctors, np.maximum(doctors - 1, 0))
    under_5 = np.rint(population * _uniform(rng, 0.08, 0.105, n)).astype(int)
    under_1 = np.rint(under_5 * _uniform(rng, 0.18, 0.22, n)).astype(int)
    services = rng.integers(180, 261, n)
    managed = _share(rng, population, 0.82, 0.99)
    users = np.rint(population * _uniform(rng, 0.30, 0.60, n) * scale).astype(int)
    risk = _share(rng, population, 0.05, 0.12)
    htn = _share(rng, population, 0.03, 0.07)
    dm = _share(rng, population, 0.008, 0.025)
    visits = np.rint(population * _uniform(rng, 0.8, 2.0, n) * scale).astype(int)
    births = np.rint(population * _uniform(rng, 0.014, 0.022, n) * scale).astype(int)
    immunised = np.rint(_share(rng, under_1, 0.86, 1.0) * scale).astype(int)
    passed = rng.random(n) < 0.86
    score = np.where(passed, _uniform(rng, 80, 95, n), _uniform(rng, 66, 79, n)).round(1)
    columns: dict[str, Iterable[Cell]] = {
        "zone": np.where(town, 1, np.where(population < 5000, 3, 2)).tolist(),
        "population": population.tolist(),
        "population_female": _share(rng, population, 0.49, 0.51).tolist(),
        "children_under_1": under_1.tolist(),
        "children_under_5": under_5.tolist(),
        "women_15_49": _share(rng, population, 0.24, 0.27).tolist(),
        "villages_total": villages.tolist(),
        "villages_with_active_vhw": (villages - (rng.random(n) < 0.15)).tolist(),
        "has_station": ["Có"] * n,
        "station_bhyt_kcb": _yes_no(rng.random(n) < 0.98),
        "station_full_primary_care": _yes_no(rng.random(n) < 0.85),
        "station_maintained": _yes_no(rng.random(n) < 0.8),
        "station_ncd_management": _yes_no(rng.random(n) < 0.92),
        "scorecard_applied": _yes_no(rng.random(n) < 0.95),
        "tech_services_list": services.tolist(),
        "tech_services_performed": _share(rng, services, 0.72, 0.97).tolist(),
        "staff_total": (rng.integers(4, 8, n) + doctors).tolist(),
        "doctors_working": doctors.tolist(),
        "doctors_permanent": permanent.tolist(),
        "midwives": rng.integers(0, 3, n).tolist(),
        "vhw_count": (villages + rng.integers(0, 3, n)).tolist(),
        "insured_population": _share(rng, population, 0.90, 0.98).tolist(),
        "population_health_managed": managed.tolist(),
        "population_with_ehr": _share(rng, managed, 0.70, 1.0).tolist(),
        "primary_care_users": users.tolist(),
        "primary_care_users_bhyt_paid": _share(rng, users, 0.86, 0.99).tolist(),
        "high_risk_population": risk.tolist(),
        "high_risk_checked": _share(rng, risk, 0.6, 1.0).tolist(),
        "htn_detected": htn.tolist(),
        "htn_managed": _share(rng, htn, 0.55, 0.9).tolist(),
        "dm_detected": dm.tolist(),
        "dm_managed": _share(rng, dm, 0.5, 0.9).tolist(),
        "outpatient_visits": visits.tolist(),
        "bhyt_visits": _share(rng, visits, 0.70, 0.95).tolist(),
        "live_births": births.tolist(),
        "deaths_under_1": np.minimum(rng.poisson(births * 0.02), births).tolist(),
        "children_u1_fully_immunised": immunised.tolist(),
        "ntc_pass": ["Đạt" if p else "Không đạt" for p in passed],
        "ntc_score": score.tolist(),
    }
    return _records(columns)


def district_measures(rng: np.random.Generator, n: int, *, months: int) -> list[Record]:
    """One record per district or regional health centre with every DISTRICT_MEASURES field."""
    scale = months / 12
    services = rng.integers(1200, 2600, n)
    surveyed = np.rint(rng.integers(200, 600, n) * scale).astype(int)
    food = rng.integers(150, 900, n)
    plan = np.round(_uniform(rng, 2000, 15000, n), 1)
    columns: dict[str, Iterable[Cell]] = {
        "district_tech_services_list": services.tolist(),
        "district_tech_services_performed": _share(rng, services, 0.76, 0.95).tolist(),
        "patients_surveyed": surveyed.tolist(),
        "patients_satisfied": _share(rng, surveyed, 0.88, 0.97).tolist(),
        "food_businesses_total": food.tolist(),
        # Inspections are a flow: a half-year holds about half a year's share of them.
        "food_businesses_inspected": np.rint(_share(rng, food, 0.80, 0.95) * scale)
        .astype(int)
        .tolist(),
        "capital_plan": plan.tolist(),
        "capital_disbursed": np.round(plan * _uniform(rng, 0.78, 0.99, n), 1).tolist(),
        "techniques_transferred": rng.integers(1, 6, n).tolist(),
        "new_techniques": rng.integers(5, 16, n).tolist(),
        "doctors_total": rng.integers(20, 81, n).tolist(),
    }
    return _records(columns)


def _records(columns: dict[str, Iterable[Cell]]) -> list[Record]:
    """Columns of equal length → one record per row."""
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _yes_no(flags: np.ndarray) -> list[Cell]:
    return ["Có" if flag else "Không" for flag in flags]


# Sample 1: tỉnh Yên Bái, năm 2024, with planted problems.

YB_COMMUNE_FORM = Form(
    sheet="Biểu 1 - Xã",
    kind="commune",
    authority=("UBND TỈNH YÊN BÁI", "SỞ Y TẾ"),
    title="BIỂU 1: TÌNH HÌNH Y TẾ CƠ SỞ THEO XÃ, PHƯỜNG, THỊ TRẤN",
    period_line="Kỳ báo cáo: Năm 2024",
    columns=YEN_BAI_COMMUNE_COLUMNS,
    place_date="Yên Bái, ngày 20 tháng 01 năm 2025",
    signer="GIÁM ĐỐC",
)

YB_DISTRICT_FORM = Form(
    sheet="Biểu 2 - Huyện",
    kind="district",
    authority=("UBND TỈNH YÊN BÁI", "SỞ Y TẾ"),
    title="BIỂU 2: HOẠT ĐỘNG CỦA TRUNG TÂM Y TẾ HUYỆN, THỊ XÃ, THÀNH PHỐ",
    period_line="Kỳ báo cáo: Năm 2024",
    columns=YEN_BAI_DISTRICT_COLUMNS,
    place_date="Yên Bái, ngày 20 tháng 01 năm 2025",
    signer="GIÁM ĐỐC",
)


def yen_bai_communes(rng: np.random.Generator) -> list[Record]:
    districts = {d.code: d for d in YEN_BAI_DISTRICTS}
    measures = commune_measures(rng, YEN_BAI_COMMUNES, months=12, pop_range=(1500, 25000))
    return [
        {
            "province_code": YEN_BAI_CODE,
            "province_name": "Yên Bái",
            "district_code": c.district,
            "district_name": districts[c.district].name,
            "commune_code": c.code,
            "commune_name": c.name,
            "period": "2024",
            **m,
        }
        for c, m in zip(YEN_BAI_COMMUNES, measures, strict=True)
    ]


def plant_yen_bai(records: list[Record]) -> list[tuple[Record, str, str, str]]:
    """Spoil a few cells on purpose; returns (record, field, code, what) for the README."""
    by_name = {r["commune_name"]: r for r in records}
    planted: list[tuple[Record, str, str, str]] = []

    def spoil(name: str, field: str, value: Cell, code: str, what: str) -> None:
        by_name[name][field] = value
        planted.append((by_name[name], field, code, what))

    spoil("Xã An Lạc", "villages_total", "12a", "not_a_number", "“12a” typed as a village count")
    spoil("Xã Tân Lập", "population", None, "missing_required", "population left blank")
    spoil(
        "Xã Vĩnh Lạc",
        "commune_code",
        4345,
        "code_padded",
        "commune code 04345 stored as the number 4345",
    )
    working = by_name["Xã Đông Cuông"]
    working["doctors_working"], working["staff_total"] = 1, 6
    spoil(
        "Xã Đông Cuông",
        "doctors_permanent",
        2,
        "part_exceeds_whole",
        "2 permanent doctors but 1 working doctor",
    )
    mau_dong = by_name["Xã Mậu Đông"]
    spoil(
        "Xã Mậu Đông",
        "insured_population",
        _integer(mau_dong["population"]) + 57,
        "insured_exceeds_population",
        "57 more insured people than inhabitants",
    )
    spoil("Xã Khao Mang", "midwives", -1, "negative", "−1 midwives")
    return planted


def yen_bai_commune_table(records: list[Record]) -> tuple[list[Record], set[int]]:
    """Data rows in district blocks, each closed by "Cộng huyện …", then "Tổng cộng".

    Returns the rows and the indexes of the total rows among them.
    """
    districts = {d.code: d for d in YEN_BAI_DISTRICTS}
    rows: list[Record] = []
    totals: set[int] = set()
    for code in dict.fromkeys(str(r["district_code"]) for r in records):
        start = len(rows)
        for r in records:
            if r["district_code"] != code:
                continue
            rows.append(r)
            if r["commune_name"] == "Xã Mồ Dề":
                # The same commune pasted twice, as happens when forms are merged by hand.
                rows.append(dict(r))
        name = districts[code].name.removeprefix("Huyện ")
        totals.add(len(rows))
        rows.append(total_record(YB_COMMUNE_FORM, f"Cộng huyện {name}", rows[start:]))
    data = [r for i, r in enumerate(rows) if i not in totals]
    for number, r in enumerate(data, start=1):
        r["STT"] = number
    totals.add(len(rows))
    rows.append(total_record(YB_COMMUNE_FORM, "Tổng cộng", data))
    return rows, totals


def build_yen_bai(path: Path) -> list[Planted]:
    rng = np.random.default_rng([SEED, 1])
    records = yen_bai_communes(rng)
    spoilt = plant_yen_bai(records)
    records[3]["Ghi chú"] = "Trạm mới được sửa chữa năm 2024"
    rows, totals = yen_bai_commune_table(records)
    tram_tau = next(i for i in totals if rows[i]["commune_name"] == "Cộng huyện Trạm Tấu")
    rows[tram_tau]["population"] = _integer(rows[tram_tau]["population"]) + 1000

    form = YB_COMMUNE_FORM
    planted = [
        Planted(code, form.sheet, f"{letter(form, field)}{FIRST_DATA_ROW + _index(rows, r)}", what)
        for r, field, code, what in spoilt
    ]
    duplicate = [i for i, r in enumerate(rows) if r.get("commune_name") == "Xã Mồ Dề"][1]
    planted.append(
        Planted(
            "duplicate_unit",
            form.sheet,
            f"{letter(form, 'commune_code')}{FIRST_DATA_ROW + duplicate}",
            "Xã Mồ Dề entered twice for 2024",
        )
    )
    planted.append(
        Planted(
            "total_mismatch",
            form.sheet,
            f"{letter(form, 'population')}{FIRST_DATA_ROW + tram_tau}",
            "“Cộng huyện Trạm Tấu” population 1,000 above the sum of its rows",
        )
    )

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = form.sheet
    write_form(ws, form, table_rows(form, rows), totals)
    district_rows = yen_bai_district_rows(np.random.default_rng([SEED, 2]))
    write_form(
        wb.create_sheet(YB_DISTRICT_FORM.sheet),
        YB_DISTRICT_FORM,
        table_rows(YB_DISTRICT_FORM, district_rows),
        {len(district_rows) - 1},
    )
    save_workbook(wb, path)
    return planted


def _integer(value: Cell) -> int:
    assert isinstance(value, int)
    return value


def _index(rows: list[Record], record: Record) -> int:
    return next(i for i, r in enumerate(rows) if r is record)


def yen_bai_district_rows(rng: np.random.Generator) -> list[Record]:
    measures = district_measures(rng, len(YEN_BAI_DISTRICTS), months=12)
    rows: list[Record] = [
        {
            "STT": i,
            "province_code": YEN_BAI_CODE,
            "province_name": "Yên Bái",
            "district_code": d.code,
            "district_name": d.centre,
            "period": "Năm 2024",
            **m,
        }
        for i, (d, m) in enumerate(zip(YEN_BAI_DISTRICTS, measures, strict=True), start=1)
    ]
    return [*rows, total_record(YB_DISTRICT_FORM, "Tổng cộng", rows)]


# Sample 2: one month of huyện Văn Chấn, as a spreadsheet exports it to CSV.

VAN_CHAN_HEADERS: tuple[tuple[str, str], ...] = (
    ("province_code", "Mã tỉnh"),
    ("province_name", "Tên tỉnh"),
    ("district_code", "Mã huyện"),
    ("district_name", "Tên huyện"),
    ("commune_code", "Mã xã"),
    ("commune_name", "Tên xã"),
    ("period", "Kỳ báo cáo"),
    *(
        (name, field_map("commune")[name].header)
        for name in (
            "population",
            "insured_population",
            "children_under_1",
            "children_u1_fully_immunised",
            "live_births",
            "deaths_under_1",
            "has_station",
            "station_bhyt_kcb",
            "doctors_working",
            "doctors_permanent",
            "outpatient_visits",
            "bhyt_visits",
            "htn_detected",
            "htn_managed",
            "ntc_pass",
            "ntc_score",
        )
    ),
)


def vietnamese_number(value: Cell) -> str:
    """1234 → "1.234", 86.5 → "86,5", as Excel prints numbers in a Vietnamese locale."""
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return "" if value is None else value


# The Văn Chấn CSV holds the district's monthly reports from January to its last month.
VAN_CHAN_MONTHS = range(1, 11)
VAN_CHAN_LAST = VAN_CHAN_MONTHS[-1]


def van_chan_month(rng: np.random.Generator, last: Record, month: int) -> Record:
    """A commune's record for `month`, from its record of the last month.

    Stocks drift slowly towards their last-month value (population and cards +0.1 % a month,
    a few more hypertension patients found and treated each month); flows are the last
    month's scaled by a random factor, parts kept within their wholes.
    """
    if month == VAN_CHAN_LAST:
        return dict(last)
    back = month - VAN_CHAN_LAST  # negative: months before the last one

    def drift(name: str, per_month: float) -> int:
        value = _integer(last[name])
        return max(value + round(value * per_month * back), 0)

    population = drift("population", 0.001)
    detected = max(_integer(last["htn_detected"]) + 2 * back, 0)
    factor = float(rng.uniform(0.75, 1.25))

    def flow(name: str) -> int:
        return round(_integer(last[name]) * factor)

    visits = flow("outpatient_visits")
    births = flow("live_births")
    return {
        **last,
        "population": population,
        "insured_population": min(drift("insured_population", 0.001), population),
        "htn_detected": detected,
        "htn_managed": min(max(_integer(last["htn_managed"]) + 2 * back, 0), detected),
        "children_u1_fully_immunised": min(
            flow("children_u1_fully_immunised"), _integer(last["children_under_1"])
        ),
        "live_births": births,
        "deaths_under_1": min(flow("deaths_under_1"), births),
        "outpatient_visits": visits,
        "bhyt_visits": min(flow("bhyt_visits"), visits),
    }


def van_chan_measures() -> list[Record]:
    """What each commune of huyện Văn Chấn is like, before its months vary."""
    rng = np.random.default_rng([SEED, 3])
    return commune_measures(rng, VAN_CHAN_COMMUNES, months=1, pop_range=(1500, 14000))


def van_chan_rows() -> list[Record]:
    """January to October 2024 in huyện Văn Chấn, one record per commune and month."""
    measures = van_chan_measures()
    months = np.random.default_rng([SEED, 6])
    return [
        {
            "province_code": YEN_BAI_CODE,
            "province_name": "Yên Bái",
            "district_code": "140",
            "district_name": "Huyện Văn Chấn",
            "commune_code": c.code,
            "commune_name": c.name,
            "period": f"{month:02d}/2024",
            **van_chan_month(months, m, month),
        }
        for month in VAN_CHAN_MONTHS
        for c, m in zip(VAN_CHAN_COMMUNES, measures, strict=True)
    ]


def build_van_chan(path: Path) -> None:
    rows = van_chan_rows()
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header for _, header in VAN_CHAN_HEADERS)
        writer.writerows([vietnamese_number(r[name]) for name, _ in VAN_CHAN_HEADERS] for r in rows)


# Sample 3: the new tỉnh Lào Cai, two-tier, second half of 2025.

LC_PERIOD = "6 tháng cuối năm 2025"

LC_COMMUNE_FORM = Form(
    sheet="Biểu 1 - Xã, phường",
    kind="commune",
    authority=("UBND TỈNH LÀO CAI", "SỞ Y TẾ"),
    title="BIỂU 1: TÌNH HÌNH Y TẾ CƠ SỞ THEO XÃ, PHƯỜNG",
    period_line=f"Kỳ báo cáo: {LC_PERIOD}",
    columns=LAO_CAI_COMMUNE_COLUMNS,
    place_date="Lào Cai, ngày 15 tháng 01 năm 2026",
    signer="GIÁM ĐỐC",
)

LC_DISTRICT_FORM = Form(
    sheet="Biểu 2 - TTYT khu vực",
    kind="district",
    authority=("UBND TỈNH LÀO CAI", "SỞ Y TẾ"),
    title="BIỂU 2: HOẠT ĐỘNG CỦA CÁC TRUNG TÂM Y TẾ KHU VỰC",
    period_line=f"Kỳ báo cáo: {LC_PERIOD}",
    columns=LAO_CAI_DISTRICT_COLUMNS,
    place_date="Lào Cai, ngày 15 tháng 01 năm 2026",
    signer="GIÁM ĐỐC",
)


def build_lao_cai(path: Path) -> None:
    rng = np.random.default_rng([SEED, 4])
    measures = commune_measures(rng, LAO_CAI_2025_COMMUNES, months=6, pop_range=(5000, 45000))
    communes: list[Record] = [
        {
            "STT": i,
            "province_code": LAO_CAI_CODE,
            "province_name": "Lào Cai",
            "commune_code": c.code,
            "commune_name": c.name,
            "period": LC_PERIOD,
            **m,
        }
        for i, (c, m) in enumerate(zip(LAO_CAI_2025_COMMUNES, measures, strict=True), start=1)
    ]
    communes.append(total_record(LC_COMMUNE_FORM, "Toàn tỉnh", communes))
    centres = district_measures(
        np.random.default_rng([SEED, 5]), len(LAO_CAI_2025_CENTRES), months=6
    )
    regional: list[Record] = [
        {
            "STT": i,
            "province_code": LAO_CAI_CODE,
            "district_code": d.code,
            "district_name": d.centre,
            "period": LC_PERIOD,
            **m,
        }
        for i, (d, m) in enumerate(zip(LAO_CAI_2025_CENTRES, centres, strict=True), start=1)
    ]
    regional.append(total_record(LC_DISTRICT_FORM, "Tổng cộng", regional))

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = LC_COMMUNE_FORM.sheet
    write_form(ws, LC_COMMUNE_FORM, table_rows(LC_COMMUNE_FORM, communes), {len(communes) - 1})
    write_form(
        wb.create_sheet(LC_DISTRICT_FORM.sheet),
        LC_DISTRICT_FORM,
        table_rows(LC_DISTRICT_FORM, regional),
        {len(regional) - 1},
    )
    save_workbook(wb, path)


def main() -> None:
    planted = build_yen_bai(HERE / "yen_bai_2024.xlsx")
    build_van_chan(HERE / "thang_10_2024_huyen_van_chan.csv")
    build_lao_cai(HERE / "lao_cai_2025_hai_cap.xlsx")
    # The station reports of October: the same figures as the CSV's October rows.
    october = [r for r in van_chan_rows() if r["period"] == "10/2024"]
    build_vertical_folder(HERE / "thang_10_2024_van_chan_tung_xa", list(VAN_CHAN_COMMUNES), october)
    luc_yen = build_luc_yen(HERE / "luc_yen_2020_2024_hang_thang.csv", SEED)
    print("Planted in yen_bai_2024.xlsx:")
    for p in sorted(planted, key=lambda p: (int(re.sub(r"\D", "", p.cell)), p.cell)):
        print(f"  {p.code:<28} {p.sheet}!{p.cell:<6} {p.what}")
    print("Planted in luc_yen_2020_2024_hang_thang.csv:")
    for q in luc_yen:
        print(f"  {q.code:<28} {q.unit} {q.period:<8} {q.what}")


if __name__ == "__main__":
    main()

"""Indicators and plan statuses for a small province, computed by hand at all three levels."""

from __future__ import annotations

import pytest

from tests.rawtables import outcome, raw_table
from ycs.check.fields import Level
from ycs.check.validation import Dataset, validate
from ycs.indicators.compliance import Result, compare
from ycs.indicators.definitions import load_definitions
from ycs.indicators.evaluation import IndicatorValue, evaluate

COMMUNE_FIELDS = [
    "province_code",
    "province_name",
    "district_code",
    "district_name",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "insured_population",
    "has_station",
    "station_bhyt_kcb",
    "station_full_primary_care",
    "station_maintained",
    "scorecard_applied",
    "tech_services_list",
    "tech_services_performed",
    "doctors_working",
    "doctors_permanent",
    "villages_total",
    "villages_with_active_vhw",
    "ntc_pass",
    "population_health_managed",
    "primary_care_users",
    "primary_care_users_bhyt_paid",
    "high_risk_population",
    "high_risk_checked",
    "children_under_1",
    "children_u1_fully_immunised",
]
#                 prov name    dist   dist name       code     commune      period pop     insured
COMMUNES = [
    [
        "15",
        "Yên Bái",
        "132",
        "TP Yên Bái",
        "04243",
        "Hồng Hà",
        "2024",
        "10000",
        "9600",
        "Có",
        "Có",
        "Có",
        "Có",
        "Có",
        "100",
        "95",
        "2",
        "1",
        "10",
        "10",
        "Có",
        "9500",
        "1000",
        "960",
        "200",
        "200",
        "100",
        "97",
    ],
    [
        "15",
        "Yên Bái",
        "132",
        "TP Yên Bái",
        "04246",
        "Minh Tân",
        "2024",
        "5000",
        "4500",
        "Có",
        "Có",
        "Không",
        "Có",
        "Không",
        "100",
        "85",
        "1",
        "0",
        "8",
        "6",
        "Có",
        "4000",
        "500",
        "450",
        "100",
        "80",
        "50",
        "45",
    ],
    # A commune without a station: station facts blank.
    [
        "15",
        "Yên Bái",
        "133",
        "TX Nghĩa Lộ",
        "04279",
        "Tân An",
        "2024",
        "8000",
        "7800",
        "Không",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "12",
        "12",
        "Không",
        "7000",
        "800",
        "780",
        "150",
        "150",
        "80",
        "78",
    ],
    # Insurance blank; no primary-care users and no infants: zero denominators.
    [
        "15",
        "Yên Bái",
        "133",
        "TX Nghĩa Lộ",
        "04282",
        "Nghĩa An",
        "2024",
        "2000",
        "",
        "Có",
        "Không",
        "Có",
        "Không",
        "",
        "80",
        "72",
        "0",
        "0",
        "5",
        "5",
        "Có",
        "2000",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
    ],
]
DISTRICT_FIELDS = [
    "province_code",
    "district_code",
    "district_name",
    "period",
    "district_tech_services_list",
    "district_tech_services_performed",
    "patients_surveyed",
    "patients_satisfied",
    "food_businesses_total",
    "food_businesses_inspected",
    "capital_plan",
    "capital_disbursed",
    "techniques_transferred",
    "new_techniques",
]
DISTRICTS = [
    [
        "15",
        "132",
        "TP Yên Bái",
        "2024",
        "300",
        "280",
        "200",
        "185",
        "50",
        "45",
        "1000",
        "950",
        "12",
        "50",
    ],
    [
        "15",
        "133",
        "TX Nghĩa Lộ",
        "2024",
        "250",
        "210",
        "100",
        "90",
        "30",
        "20",
        "500",
        "400",
        "9",
        "25",
    ],
]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    data = validate(
        outcome(
            raw_table(COMMUNE_FIELDS, COMMUNES),
            raw_table(DISTRICT_FIELDS, DISTRICTS, kind="district", sheet="Huyện"),
        )
    )
    assert data.findings == []
    return data


def values_at(dataset: Dataset, level: Level) -> dict[tuple[str, str], IndicatorValue]:
    values = evaluate(load_definitions(), dataset, level=level)
    return {(v.indicator, v.unit_code): v for v in values}


PROVINCE = [
    # indicator, value, numerator, denominator, rows used, rows skipped
    ("bhyt_coverage", 100 * 21900 / 23000, 21900, 23000, 3, 1),
    ("chs_bhyt_kcb_rate", 100 * 2 / 3, 2, 3, 3, 1),
    ("chs_full_primary_care_rate", 100 * 2 / 3, 2, 3, 3, 1),
    ("chs_maintained_rate", 100 * 2 / 3, 2, 3, 3, 1),
    ("chs_list80_rate", 100.0, 3, 3, 3, 1),
    ("chs_list90_rate", 100 * 2 / 3, 2, 3, 3, 1),
    ("chs_doctor_rate", 100 * 2 / 3, 2, 3, 3, 1),
    ("chs_permanent_doctor_rate", 100 / 3, 1, 3, 3, 1),
    ("doctors_per_station", 1.0, 3, 3, 3, 1),
    ("village_vhw_rate", 100 * 33 / 35, 33, 35, 4, 0),
    ("ntc_commune_rate", 75.0, 3, 4, 4, 0),
    ("health_managed_rate", 90.0, 22500, 25000, 4, 0),
    ("primary_care_bhyt_rate", 100 * 2190 / 2300, 2190, 2300, 4, 0),
    ("high_risk_checked_rate", 100 * 430 / 450, 430, 450, 4, 0),
    ("full_immunisation_rate", 100 * 220 / 230, 220, 230, 4, 0),
    ("scorecard_applied_rate", 50.0, 1, 2, 2, 2),
    ("district_list_pct", 100 * 490 / 550, 490, 550, 2, 0),
    ("district_list80_rate", 100.0, 2, 2, 2, 0),
    ("district_list90_rate", 50.0, 1, 2, 2, 0),
    ("patient_satisfaction_rate", 100 * 275 / 300, 275, 300, 2, 0),
    ("food_inspection_rate", 100 * 65 / 80, 65, 80, 2, 0),
    ("capital_disbursement_rate", 90.0, 1350, 1500, 2, 0),
    ("techniques_transferred", 21.0, 21, None, 2, 0),
    ("new_techniques", 75.0, 75, None, 2, 0),
]


@pytest.mark.parametrize(
    ("indicator", "value", "numerator", "denominator", "used", "skipped"),
    PROVINCE,
    ids=[p[0] for p in PROVINCE],
)
def test_province_values(
    dataset: Dataset,
    indicator: str,
    value: float,
    numerator: float,
    denominator: float | None,
    used: int,
    skipped: int,
) -> None:
    v = values_at(dataset, "province")[(indicator, "15")]
    assert v.value == pytest.approx(value, rel=1e-12)
    assert (v.numerator, v.denominator, v.rows_used, v.rows_skipped) == (
        numerator,
        denominator,
        used,
        skipped,
    )
    assert (v.unit_name, v.period, v.level) == ("Yên Bái", "2024", "province")


DISTRICT = [
    ("bhyt_coverage", "132", 94.0, 2, 0),
    ("bhyt_coverage", "133", 97.5, 1, 1),
    ("chs_list90_rate", "132", 50.0, 2, 0),
    ("chs_list90_rate", "133", 100.0, 1, 1),
    ("ntc_commune_rate", "133", 50.0, 2, 0),
    ("patient_satisfaction_rate", "132", 92.5, 1, 0),
    ("capital_disbursement_rate", "133", 80.0, 1, 0),
    ("techniques_transferred", "133", 9.0, 1, 0),
]


@pytest.mark.parametrize(
    ("indicator", "unit", "value", "used", "skipped"),
    DISTRICT,
    ids=[f"{d[0]}-{d[1]}" for d in DISTRICT],
)
def test_district_values(
    dataset: Dataset, indicator: str, unit: str, value: float, used: int, skipped: int
) -> None:
    v = values_at(dataset, "district")[(indicator, unit)]
    assert v.value == pytest.approx(value, rel=1e-12)
    assert (v.rows_used, v.rows_skipped) == (used, skipped)


def test_district_value_is_ratio_of_sums_not_mean_of_rates(dataset: Dataset) -> None:
    communes = values_at(dataset, "commune")
    rates = [communes[("bhyt_coverage", c)].value for c in ("04243", "04246")]
    assert rates == [96.0, 90.0]
    assert values_at(dataset, "district")[("bhyt_coverage", "132")].value == 94.0  # not 93.0


def test_commune_level(dataset: Dataset) -> None:
    communes = values_at(dataset, "commune")
    assert communes[("bhyt_coverage", "04243")].unit_name == "Hồng Hà"
    missing = communes[("bhyt_coverage", "04282")]
    assert (missing.value, missing.numerator, missing.rows_used, missing.rows_skipped) == (
        None,
        None,
        0,
        1,
    )
    zero = communes[("primary_care_bhyt_rate", "04282")]
    assert (zero.value, zero.numerator, zero.denominator, zero.rows_used) == (None, 0, 0, 1)
    assert not any(k[0] == "district_list_pct" for k in communes)


def results_of(dataset: Dataset, plan: str) -> dict[str, Result]:
    definitions = load_definitions()
    results = compare(evaluate(definitions, dataset, level="province"), definitions, [plan])
    return {r.indicator: r for r in results if r.plan == plan}


PLAN_STATUSES = {
    "bmt_kh197_2020": {
        "chs_bhyt_kcb_rate": "not_met",
        # 95/100, 85/100 and 72/80 are all above 80 %; Tân An has no station.
        "chs_list_over80_rate": "met",
        "district_list_pct": "met",  # 490/550 = 89.1 % against ">= 80"
        "ntc_commune_rate": "not_met",
        "health_managed_rate": "not_met",  # exactly 90 against "> 90"
        "chs_maintained_rate": "not_met",
    },
    "bmt_kh197_2025": {
        "chs_bhyt_kcb_rate": "not_met",
        "chs_full_primary_care_rate": "not_met",
        "chs_list_over90_rate": "not_met",  # 72/80 is 90 %, not above: 1 of 3
        "district_list_pct": "not_met",  # 89.1 % against ">= 90"
        "ntc_commune_rate": "not_met",
        "health_managed_rate": "not_met",
    },
    "qd2348_2025": {
        "chs_bhyt_kcb_rate": "not_met",
        "chs_full_primary_care_rate": "not_met",
        "chs_list90_rate": "not_met",
        "district_list90_rate": "not_met",
        "ntc_commune_rate": "not_met",
        "health_managed_rate": "not_met",
    },
    "ld_kh572_2030": {
        "chs_permanent_doctor_rate": "not_met",
        "village_vhw_rate": "not_met",
        "ntc_commune_rate": "not_met",
        "bhyt_coverage": "met",
        "primary_care_bhyt_rate": "met",
        "health_managed_rate": "not_met",
        "high_risk_checked_rate": "not_met",
    },
    "yb_2024": {
        "ntc_commune_rate": "not_met",
        # 185/200 = 92.5 % but 90/100 is not above 90 %: 1 of 2 units (pooled 91.7 %).
        "patient_satisfaction_units_rate": "not_met",
        "scorecard_applied_rate": "not_met",
        "food_inspection_rate": "not_met",
        "capital_disbursement_rate": "met",  # exactly 90 against ">= 90"
        "techniques_transferred": "met",  # exactly 21 against ">= 21"
        "new_techniques": "not_met",
    },
    "nq72_2030": {"full_immunisation_rate": "met"},
    "nq72_2027": {"chs_4doctors_rate": "not_met"},  # no station has 4 doctors
    "qn_kh193_2025": {},  # tasks only
}


@pytest.mark.parametrize("plan", list(PLAN_STATUSES))
def test_plan_statuses(dataset: Dataset, plan: str) -> None:
    results = results_of(dataset, plan)
    assert {k: r.status for k, r in results.items()} == PLAN_STATUSES[plan]
    assert all(r.unit_code == "15" and r.period == "2024" for r in results.values())


@pytest.mark.parametrize(
    ("plan", "before"),
    [("yb_2024", False), ("qd2348_2025", True), ("bmt_kh197_2020", False)],
)
def test_before_deadline(dataset: Dataset, plan: str, before: bool) -> None:
    assert {r.before_deadline for r in results_of(dataset, plan).values()} == {before}


def test_missing_district_sheet_gives_no_data(dataset: Dataset) -> None:
    communes_only = validate(outcome(raw_table(COMMUNE_FIELDS, COMMUNES)))
    results = results_of(communes_only, "yb_2024")
    assert results["patient_satisfaction_units_rate"].status == "no_data"
    assert results["patient_satisfaction_units_rate"].unit_code == "*"
    assert results["ntc_commune_rate"].status == "not_met"


def test_level_without_code_column_is_whole_input() -> None:
    fields = [f for f in COMMUNE_FIELDS if f not in ("province_code", "province_name")]
    rows = [r[2:] for r in COMMUNES]
    values = evaluate(
        load_definitions(),
        validate(outcome(raw_table(fields, rows))),
        level="province",
        indicators=["bhyt_coverage"],
    )
    assert [(v.unit_code, v.value) for v in values] == [("*", pytest.approx(100 * 21900 / 23000))]


def test_invalid_cells_do_not_feed_numbers() -> None:
    rows = [list(r) for r in COMMUNES]
    rows[0][COMMUNE_FIELDS.index("insured_population")] = "9.6OO"
    data = validate(outcome(raw_table(COMMUNE_FIELDS, rows)))
    assert [f.code for f in data.findings] == ["not_a_number"]
    v = evaluate(load_definitions(), data, level="province", indicators=["bhyt_coverage"])[0]
    assert (v.numerator, v.denominator, v.rows_used, v.rows_skipped) == (12300, 13000, 2, 2)


def test_several_periods_give_results_per_period() -> None:
    rows = [list(r) for r in COMMUNES] + [[*r[:6], "2023", *r[7:]] for r in COMMUNES]
    data = validate(outcome(raw_table(COMMUNE_FIELDS, rows)))
    values = evaluate(load_definitions(), data, level="province", indicators=["bhyt_coverage"])
    assert [v.period for v in values] == ["2023", "2024"]


def test_district_sheet_without_province_takes_it_from_the_communes() -> None:
    fields = DISTRICT_FIELDS[1:]
    data = validate(
        outcome(
            raw_table(COMMUNE_FIELDS, COMMUNES),
            raw_table(fields, [r[1:] for r in DISTRICTS], kind="district", sheet="Huyện"),
        )
    )
    values = evaluate(load_definitions(), data, indicators=["techniques_transferred"])
    assert [(v.unit_code, v.unit_name, v.value) for v in values] == [("15", "Yên Bái", 21.0)]

"""Sub-periods combined into the period asked for, annualisation and deadlines, by hand (SPEC §8).

The units are communes of huyện Văn Chấn, tỉnh Yên Bái (GSO codes before 07/2025).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.rawtables import outcome, raw_table
from ycs.api import place_in_time
from ycs.check.validation import Dataset, validate
from ycs.errors import YcsError
from ycs.indicators.compliance import before_deadline, compare
from ycs.indicators.definitions import load_definitions
from ycs.indicators.evaluation import IndicatorValue, evaluate
from ycs.place.subperiods import MONTHS
from ycs.present.messages import deadline_label
from ycs.read.readers import RawTable

DEFINITIONS = load_definitions()

FIELDS = [
    "province_code",
    "district_code",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "children_under_1",
    "children_u1_fully_immunised",
    "live_births",
    "deaths_under_1",
    "has_station",
    "doctors_working",
]

# Xã Tú Lệ, every month of 2024. Stocks change during the year: population grows by 5 a
# month (5105 … 5160), the under-1 cohort is 80 until June and 82 from July, a second doctor
# arrives in September. Flows vary month by month.
TU_LE_IMMUNISED = [5, 6, 7, 6, 8, 7, 6, 7, 8, 6, 7, 5]  # year 78, Q3 21, 9M 60
TU_LE_BIRTHS = [8, 7, 9, 6, 8, 7, 9, 8, 7, 6, 8, 9]  # year 92, 9M 69
TU_LE_DEATHS = [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]  # 2 in every span below


def tu_le_month(month: int) -> list[object]:
    return [
        "15",
        "140",
        "04630",
        "Xã Tú Lệ",
        f"{month:02d}/2024",
        5100 + 5 * month,
        80 if month <= 6 else 82,
        TU_LE_IMMUNISED[month - 1],
        TU_LE_BIRTHS[month - 1],
        TU_LE_DEATHS[month - 1],
        "Có",
        1 if month < 9 else 2,
    ]


def nam_bung_month(month: int) -> list[object]:
    """Xã Nậm Búng: 3 immunised of a cohort of 39 every month."""
    return ["15", "140", "04633", "Xã Nậm Búng", f"2024-{month:02d}", 2500, 39, 3, 4, 0, "Có", 1]


def placed(rows: Sequence[Sequence[object]], period: str | None, **table: object) -> Dataset:
    raw: RawTable = raw_table(FIELDS, rows, file="van_chan_2024.xlsx", **table)  # type: ignore[arg-type]
    return place_in_time(validate(outcome(raw), period=period), period)


def values(dataset: Dataset) -> dict[tuple[str, str], IndicatorValue]:
    evaluated = evaluate(DEFINITIONS, dataset, level="commune")
    return {(v.indicator, v.unit_code): v for v in evaluated}


def combined_row(dataset: Dataset, code: str) -> dict[str, object]:
    frame = dataset.frames["commune"]
    rows = frame[frame["commune_code"] == code].to_dict("records")
    assert len(rows) == 1
    return rows[0]


TWELVE_MONTHS = [tu_le_month(m) for m in range(1, 13)]


@pytest.mark.parametrize(
    ("period", "population", "cohort", "immunised", "births", "doctors", "months"),
    [
        pytest.param("2024", 5160, 82, 78, 92, 2, 0xFFF, id="year"),
        pytest.param("2024-Q3", 5145, 82, 21, 24, 2, 0b111 << 6, id="quarter"),
        pytest.param("2024-9M", 5145, 82, 60, 69, 2, 0x1FF, id="nine-months"),
        pytest.param("2024-H1", 5130, 80, 39, 45, 1, 0x3F, id="half"),
    ],
)
def test_twelve_months_combine_stocks_latest_flows_summed(
    period: str,
    population: int,
    cohort: int,
    immunised: int,
    births: int,
    doctors: int,
    months: int,
) -> None:
    dataset = placed(TWELVE_MONTHS, period)
    assert dataset.findings == []
    row = combined_row(dataset, "04630")
    assert row["period"] == period
    assert (row["population"], row["children_under_1"], row["doctors_working"]) == (
        population,
        cohort,
        doctors,
    )
    assert (row["children_u1_fully_immunised"], row["live_births"]) == (immunised, births)
    assert row[MONTHS] == months


def test_year_of_twelve_months_is_not_annualised() -> None:
    result = values(placed(TWELVE_MONTHS, "2024"))
    immunisation = result["full_immunisation_rate", "04630"]
    assert immunisation.value == pytest.approx(100 * 78 / 82)
    assert (immunisation.months_covered, immunisation.annualized_value) == (12, None)


def test_quarter_and_nine_months_annualise_immunisation_but_not_infant_mortality() -> None:
    quarter = values(placed(TWELVE_MONTHS, "2024-Q3"))
    immunisation = quarter["full_immunisation_rate", "04630"]
    assert immunisation.value == pytest.approx(100 * 21 / 82)  # 25.6 %
    assert immunisation.months_covered == 3
    assert immunisation.annualized_value == pytest.approx(100 * 21 / 82 * 4)  # 102.4 %
    nine = values(placed(TWELVE_MONTHS, "2024-9M"))
    assert nine["full_immunisation_rate", "04630"].annualized_value == pytest.approx(
        100 * 60 / 82 * 12 / 9
    )  # 97.6 %
    # Deaths over births: a ratio of flows, the same whatever the months it covers.
    mortality = nine["infant_mortality_per_1000", "04630"]
    assert mortality.value == pytest.approx(1000 * 2 / 69)
    assert (mortality.months_covered, mortality.annualized_value) == (9, None)


def test_rows_outside_or_partly_outside_the_period_are_not_used() -> None:
    half = ["15", "140", "04630", "Xã Tú Lệ", "2024-H2", 5160, 82, 39, 47, 1, "Có", 2]
    rows = [*TWELVE_MONTHS, half]
    dataset = placed(rows, "2024-Q3")
    row = combined_row(dataset, "04630")
    # H2 lies partly outside Q3: only July, August and September are summed.
    assert (row["children_u1_fully_immunised"], row[MONTHS]) == (21, 0b111 << 6)


def test_unit_missing_two_months_is_incomplete_and_annualised_on_ten() -> None:
    months = [m for m in range(1, 13) if m not in (3, 11)]
    rows = [nam_bung_month(m) for m in months]
    dataset = placed(rows, "2024")
    finding = dataset.findings[0]
    assert len(dataset.findings) == 1
    assert (finding.code, finding.file, finding.sheet, finding.row, finding.column) == (
        "incomplete_period",
        "van_chan_2024.xlsx",
        "Xã",
        14,  # the December row, the unit's latest
        "C",
    )
    assert finding.value == "04633"
    assert finding.params == {"period": "2024", "missing": "2024-03, 2024-11", "count": 2}
    immunisation = values(dataset)["full_immunisation_rate", "04633"]
    assert immunisation.value == pytest.approx(100 * 30 / 39)  # 76.9 %
    assert immunisation.months_covered == 10
    assert immunisation.annualized_value == pytest.approx(100 * 30 / 39 * 12 / 10)  # 92.3 %


def test_missing_months_are_named_in_runs() -> None:
    dataset = placed([nam_bung_month(m) for m in (4, 5, 12)], "2024")
    assert dataset.findings[0].params["missing"] == "2024-01–2024-03, 2024-06–2024-11"


def test_overlapping_quarter_and_month_later_row_left_out() -> None:
    q1 = ["15", "140", "04621", "Thị trấn Nông trường Liên Sơn", "Quý I/2024", 5446, 93]
    february = ["15", "140", "04621", "Thị trấn Nông trường Liên Sơn", "02/2024", 5440, 93]
    rows = [[*q1, 20, 30, 1, "Có", 1], [*february, 7, 10, 0, "Có", 1]]
    dataset = placed(rows, "2024-H1")
    overlap, incomplete = dataset.findings
    assert (overlap.code, overlap.row, overlap.column, overlap.field, overlap.value) == (
        "overlapping_periods",
        6,
        "E",
        "period",
        "2024-02",
    )
    assert overlap.params == {"unit": "04621", "other": "2024-Q1", "first": "Xã!E5"}
    assert overlap.severity == "error"
    row = combined_row(dataset, "04621")
    assert (row["children_u1_fully_immunised"], row["live_births"], row[MONTHS]) == (20, 30, 0b111)
    assert (incomplete.code, incomplete.params["missing"]) == (
        "incomplete_period",
        "2024-04–2024-06",
    )


def test_one_month_of_immunisation_annualised_against_the_yearly_target() -> None:
    # Thị trấn Nông trường Liên Sơn, October 2024: 7 of a cohort of 93 is 7.5 % of a year's
    # cohort in one month, a yearly pace of 90.3 %: still under "> 95 %".
    row = ["15", "140", "04621", "Thị trấn Nông trường Liên Sơn", "10/2024", 5446, 93, 7, 10, 1]
    dataset = placed([[*row, "Có", 1]], None)
    value = values(dataset)["full_immunisation_rate", "04621"]
    assert value.value == pytest.approx(700 / 93)
    assert (value.months_covered, value.annualized_value) == (1, pytest.approx(700 / 93 * 12))
    (result,) = compare([value], DEFINITIONS, ["nq72_2030"])
    assert (result.status, result.before_deadline) == ("not_met", True)
    assert result.annualized_value == pytest.approx(90.32258)


DISTRICT_FIELDS = [
    "province_code",
    "district_code",
    "district_name",
    "period",
    "capital_plan",
    "capital_disbursed",
    "food_businesses_total",
    "food_businesses_inspected",
    "patients_surveyed",
    "patients_satisfied",
]


def test_annualize_false_and_flow_over_flow_compared_as_they_are() -> None:
    rows = [
        ["15", "140", "Huyện Văn Chấn", "2024-Q1", 1000, 150, 120, 10, 50, 44],
        ["15", "140", "Huyện Văn Chấn", "2024-Q2", 1000, 250, 120, 20, 50, 46],
    ]
    raw = raw_table(DISTRICT_FIELDS, rows, kind="district", sheet="Huyện")
    dataset = place_in_time(validate(outcome(raw), period="2024-H1"), "2024-H1")
    result = {v.indicator: v for v in evaluate(DEFINITIONS, dataset, level="district")}
    # indicators.yaml: capital_disbursement_rate has `annualize: false`.
    capital = result["capital_disbursement_rate"]
    assert (capital.value, capital.annualized_value) == (40.0, None)
    # Inspections (a flow) over the businesses managed (a stock): annualised, × 12 / 6.
    food = result["food_inspection_rate"]
    assert (food.value, food.annualized_value) == (25.0, 50.0)
    satisfaction = result["patient_satisfaction_rate"]
    assert (satisfaction.value, satisfaction.annualized_value) == (90.0, None)
    assert satisfaction.months_covered == 6


def test_annualize_must_be_true_or_false(tmp_path: object) -> None:
    from pathlib import Path

    from ycs.errors import DefinitionError

    assert isinstance(tmp_path, Path)
    path = tmp_path / "chi_so.yaml"
    path.write_text(
        "version: 1\nindicators:\n  - id: births\n    name: Số trẻ đẻ sống\n"
        "    sheet: commune\n    value: sum(live_births)\n    annualize: 'no'\n",
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as error:
        load_definitions(path)
    (problem,) = error.value.problems
    assert (problem.key, problem.where) == ("bad_structure", "births.annualize")


def test_period_stated_by_the_file_name_places_a_table_without_period_column() -> None:
    fields = [f for f in FIELDS if f != "period"]
    row = [v for f, v in zip(FIELDS, tu_le_month(3), strict=True) if f != "period"]
    raw = raw_table(fields, [row], file="thang_03_2024_van_chan.csv", sheet=None)
    dataset = place_in_time(validate(outcome(raw), period="2024"), "2024")
    incomplete, inferred = dataset.findings
    assert (inferred.code, inferred.value, inferred.params) == (
        "period_inferred",
        "thang 03 2024 van chan",
        {"period": "2024-03"},
    )
    assert incomplete.params["count"] == 11
    assert combined_row(dataset, "04630")["children_u1_fully_immunised"] == 7


def test_no_row_inside_the_period_stops_the_run_naming_the_periods_held() -> None:
    rows = [tu_le_month(9), tu_le_month(10)]
    dataset = validate(outcome(raw_table(FIELDS, rows)), period="2024-11")
    with pytest.raises(YcsError) as error:
        place_in_time(dataset, "2024-11")
    assert (error.value.key, error.value.params) == (
        "period_not_in_input",
        {"period": "2024-11", "periods": "2024-09, 2024-10"},
    )


def test_without_period_option_each_period_has_its_own_results() -> None:
    dataset = placed(TWELVE_MONTHS[:2], None)
    result = [
        (v.period, v.value, v.months_covered)
        for v in evaluate(DEFINITIONS, dataset, level="commune")
        if v.indicator == "full_immunisation_rate"
    ]
    assert result == [("2024-01", pytest.approx(500 / 80), 1), ("2024-02", 600 / 80, 1)]


@pytest.mark.parametrize(
    ("period", "before", "vi", "en"),
    [
        pytest.param("2024", True, "còn thời hạn đến 2025", "before the 2025 deadline", id="2024"),
        pytest.param("2025-H1", True, "còn thời hạn đến 2025", "before the 2025 deadline", id="H1"),
        pytest.param("2025-H2", False, "đã đến hạn 2025", "2025 deadline reached", id="H2"),
        pytest.param("2025-12", False, "đã đến hạn 2025", "2025 deadline reached", id="Dec"),
        pytest.param("*", None, "", "", id="unknown"),
    ],
)
def test_deadline_against_a_2025_plan(period: str, before: bool | None, vi: str, en: str) -> None:
    assert before_deadline(period, 2025) is before
    assert deadline_label(before, 2025, "vi") == vi
    assert deadline_label(before, 2025, "en") == en


def test_monthly_sample_combined_to_the_year_as_a_statistician_would() -> None:
    from pathlib import Path

    from ycs.api import check_files

    sample = Path(__file__).parent.parent / "samples" / "thang_10_2024_huyen_van_chan.csv"
    report = check_files([sample], period="2024", plans=["nq72_2030"], level="commune")
    assert report.results is not None
    by_unit = {r.unit_code: r for r in report.results if r.plan == "nq72_2030"}
    # Liên Sơn's immunisations, January to October: 7 7 8 7 8 6 6 6 8 7; cohort 93 all year.
    lien_son = by_unit["04621"]
    assert (lien_son.numerator, lien_son.denominator, lien_son.months_covered) == (70, 93, 10)
    assert lien_son.annualized_value == pytest.approx(100 * 70 / 93 * 12 / 10)  # 90.3 %
    assert lien_son.status == "not_met"
    assert len(by_unit) == 23
    incomplete = [f for f in report.findings if f.code == "incomplete_period"]
    assert len(incomplete) == 23
    assert {f.params["missing"] for f in incomplete} == {"2024-11–2024-12"}


def test_twelve_monthly_files_without_period_column_combine_by_their_names(
    tmp_path: object,
) -> None:
    from pathlib import Path

    from ycs.api import check_files

    assert isinstance(tmp_path, Path)
    header = "Mã tỉnh,Mã huyện,Mã xã,Tên xã,Dân số,Trẻ em dưới 1 tuổi,"
    header += "Trẻ dưới 1 tuổi được tiêm chủng đầy đủ\n"
    paths = []
    for month in range(1, 13):
        path = tmp_path / f"thang_{month:02d}_2024_van_chan.csv"
        row = tu_le_month(month)
        path.write_text(
            header + f"15,140,04630,Xã Tú Lệ,{row[5]},{row[6]},{row[7]}\n", encoding="utf-8"
        )
        paths.append(path)
    report = check_files(paths, period="2024", plans=["nq72_2030"], level="commune")
    assert {f.code for f in report.findings} == {"period_inferred", "missing_units"}
    assert len([f for f in report.findings if f.code == "period_inferred"]) == 12
    # Tú Lệ alone of the registry's 24 communes of Văn Chấn (140).
    (missing,) = [f for f in report.findings if f.code == "missing_units"]
    assert (missing.value, missing.params["reported"], missing.params["expected"]) == ("140", 1, 24)
    assert report.results is not None
    (result,) = [r for r in report.results if r.plan is not None]
    assert (result.numerator, result.denominator, result.months_covered) == (78, 82, 12)
    assert (result.annualized_value, result.status) == (None, "met")  # 95.1 % > 95 %

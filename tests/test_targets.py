"""Targets as the plans word them: per-unit targets, strict thresholds, level-bound targets,
verdicts that admit unknown units, and indicators that no plan targets."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.builders import write_text
from ycs.api import check_files
from ycs.check.fields import Level
from ycs.check.validation import Dataset, validate
from ycs.cli import app
from ycs.errors import DefinitionError
from ycs.indicators.compliance import Result, _gathered, _slice_of, compare, status_of
from ycs.indicators.definitions import Definitions, Target, load_definitions
from ycs.indicators.evaluation import IndicatorValue, evaluate
from ycs.present.text import json_text, results_csv
from ycs.read.readers import read_inputs

SAMPLES = Path(__file__).parent.parent / "samples"
YEN_BAI = SAMPLES / "yen_bai_2024.xlsx"
LAO_CAI = SAMPLES / "lao_cai_2025_hai_cap.xlsx"
VAN_CHAN = SAMPLES / "thang_10_2024_huyen_van_chan.csv"

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"YCS_LANG": ""})
    return result.exit_code, result.output


def sample(path: Path) -> Dataset:
    return validate(read_inputs([path]))


def value_of(
    dataset: Dataset, indicator: str, level: Level = "province", unit: str | None = None
) -> IndicatorValue:
    values = evaluate(load_definitions(), dataset, level=level, indicators=[indicator])
    return next(v for v in values if unit is None or v.unit_code == unit)


def plan_results(results: list[Result], plan: str) -> dict[str, Result]:
    return {r.indicator: r for r in results if r.plan == plan}


# --- "ở tất cả các đơn vị đạt trên 90%": every unit, not the pool ----------------------------


def test_yen_bai_satisfaction_is_judged_unit_by_unit() -> None:
    report = check_files([YEN_BAI], plans=["yb_2024"])
    assert report.results is not None
    result = plan_results(report.results, "yb_2024")["patient_satisfaction_units_rate"]
    # TTYT Nghĩa Lộ: 257/286 = 89.9 %, the only one of the 9 centres at or under 90 %.
    assert (result.numerator, result.denominator) == (8, 9)
    assert result.value == pytest.approx(100 * 8 / 9)
    assert result.status == "not_met"
    # The pooled rate, 3,414/3,644 = 93.7 %, is still reported, without a target.
    pooled = next(
        r for r in report.results if r.indicator == "patient_satisfaction_rate" and r.plan is None
    )
    assert (pooled.numerator, pooled.denominator) == (3414, 3644)
    assert (pooled.target, pooled.status) == (None, None)


def test_lao_cai_satisfaction_five_of_eighteen_centres_at_or_under_90() -> None:
    # 086 165/186, 133 176/198, 136 197/221, 137 223/248, 141 193/218 are ≤ 90 %.
    value = value_of(sample(LAO_CAI), "patient_satisfaction_units_rate")
    assert (value.numerator, value.denominator) == (13, 18)
    assert status_of(value.value, Target.model_validate(">= 100")) == "not_met"
    # Half a year of surveys: a share of centres is not scaled to a year as events are.
    assert value.annualized_value is None
    assert not load_definitions().indicators["patient_satisfaction_units_rate"].annualized
    pooled = value_of(sample(LAO_CAI), "patient_satisfaction_rate")
    assert status_of(pooled.value, Target.model_validate("> 90")) == "met"


# --- "tối thiểu trên 80%" is strictly above; "tối thiểu 80%" is at least ---------------------


def test_xuan_ai_at_exactly_80_percent_meets_at_least_but_not_above() -> None:
    dataset = sample(LAO_CAI)
    # Xã Xuân Ái (04441) performs 152 of its 190 services: 80.0 %.
    at_least = value_of(dataset, "chs_list80_rate", "commune", "04441")
    above = value_of(dataset, "chs_list_over80_rate", "commune", "04441")
    assert (at_least.numerator, at_least.denominator) == (1, 1)
    assert (above.numerator, above.denominator) == (0, 1)


# --- NQ 72: 4 doctors at each station, not on average ----------------------------------------

STATION_HEADER = ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Có trạm y tế"]


def test_four_doctors_per_station_is_a_share_of_stations(tmp_path: Path) -> None:
    rows = [
        [*STATION_HEADER, "Bác sĩ làm việc"],
        ["15", "136", "04441", "Xuân Ái", "2024", "9000", "Có", "8"],
        ["15", "136", "04426", "Yên Hợp", "2024", "7000", "Có", "4"],
        ["15", "136", "04447", "Viễn Sơn", "2024", "3000", "Có", "0"],
    ]
    path = write_text(tmp_path / "xa.csv", rows)
    report = check_files([path], plans=["nq72_2027"])
    assert report.results is not None
    share = plan_results(report.results, "nq72_2027")["chs_4doctors_rate"]
    # 12 doctors for 3 stations is 4 on average, but Viễn Sơn has none: 2 of 3 stations.
    assert (share.numerator, share.denominator, share.status) == (2, 3, "not_met")
    average = next(r for r in report.results if r.indicator == "doctors_per_station")
    assert (average.value, average.plan) == (4.0, None)


# --- Targets judged at one level only -----------------------------------------------------


def test_province_technique_targets_give_no_district_verdict() -> None:
    report = check_files([YEN_BAI], plans=["yb_2024"], level="district")
    assert report.results is not None
    judged = {r.indicator for r in report.results if r.plan == "yb_2024"}
    assert "techniques_transferred" not in judged
    assert "new_techniques" not in judged
    assert "food_inspection_rate" in judged
    # Each centre's own count is still shown, without a target: TTYT Nghĩa Lộ received 1.
    nghia_lo = next(
        r
        for r in report.results
        if r.indicator == "techniques_transferred" and r.unit_code == "133"
    )
    assert (nghia_lo.plan, nghia_lo.value, nghia_lo.status) == (None, 1.0, None)


def test_province_technique_targets_are_judged_at_province_level() -> None:
    report = check_files([YEN_BAI], plans=["yb_2024"])
    assert report.results is not None
    results = plan_results(report.results, "yb_2024")
    # 5+1+5+1+2+4+4+2+5 = 29 transferred, 6+7+7+5+6+6+12+7+13 = 69 new.
    assert (results["techniques_transferred"].value, results["techniques_transferred"].status) == (
        29,
        "met",
    )
    assert (results["new_techniques"].value, results["new_techniques"].status) == (69, "not_met")


def test_district_table_says_where_the_technique_targets_are_judged() -> None:
    code, output = run("check", str(YEN_BAI), "--plan", "yb_2024", "--level", "district")
    assert code == 1  # the sample's planted errors
    assert "Số kỹ thuật được chuyển giao: chỉ đánh giá ở cấp tỉnh" in output
    assert "Tuổi thọ trung bình đạt 74,3 tuổi" in output
    assert "Các chỉ số khác" not in output  # --plan given


# --- Undetermined: unknown communes could change the verdict --------------------------------


def _van_chan_october(tmp_path: Path, blank: list[str]) -> Path:
    """The Văn Chấn file with the "Đạt" cells of the communes in `blank` left empty."""
    lines = VAN_CHAN.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split(";") for line in lines]
    column = rows[0].index("Xã đạt Bộ tiêu chí quốc gia về y tế")
    for row in rows[1:]:
        if row[4] in blank and row[6] == "10/2024":
            assert row[column] == "Đạt"
            row[column] = ""
    path = tmp_path / "van_chan.csv"
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_blank_criteria_cells_make_the_ntc_rate_undetermined(tmp_path: Path) -> None:
    # October: 23 of Văn Chấn's 24 communes reported (04666 Nghĩa Sơn did not), 21 of them
    # recognised. Blank two recognised ones (Tú Lệ, Gia Hội): 19 known of 21, and 2 blank
    # plus 1 missing commune unknown, so the rate lies between 19/24 and 22/24.
    path = _van_chan_october(tmp_path, ["04630", "04636"])
    report = check_files([path], plans=["yb_2024"], period="2024-10", level="district")
    assert report.results is not None
    ntc = plan_results(report.results, "yb_2024")["ntc_commune_rate"]
    assert (ntc.numerator, ntc.denominator, ntc.units_unknown) == (19, 21, 3)
    assert (ntc.units_expected, ntc.units_reported) == (24, 23)
    assert ntc.value == pytest.approx(100 * 19 / 21)
    assert ntc.value_low == pytest.approx(100 * 19 / 24)  # 79.2 %
    assert ntc.value_high == pytest.approx(100 * 22 / 24)  # 91.7 %
    assert ntc.status == "undetermined"  # against ">= 86.1"
    document = json.loads(json_text(report, "vi"))
    item = next(
        r
        for r in document["results"]
        if r["plan"] == "yb_2024" and r["indicator"] == "ntc_commune_rate"
    )
    assert (item["status"], item["value_low"], item["value_high"]) == (
        "undetermined",
        pytest.approx(100 * 19 / 24),
        pytest.approx(100 * 22 / 24),
    )


def test_undetermined_shows_the_range_and_fails_on_unmet(tmp_path: Path) -> None:
    path = _van_chan_october(tmp_path, ["04630", "04636"])
    args = ("check", str(path), "--plan", "yb_2024", "--period", "2024-10", "--level", "district")
    code, output = run(*args)
    assert code == 0
    assert "79,2–91,7%" in output
    assert "Chưa xác định (3 đơn vị chưa rõ)" in output
    code, _ = run(*args, "--fail-on-unmet", "--lang", "en")
    assert code == 1
    # The workbook's value cell stays a number (19/21); its verdict says the range.
    book = tmp_path / "ket_qua.xlsx"
    code, _ = run(*args, "-o", str(book))
    assert code == 0
    sheet = openpyxl.load_workbook(book)["Ngành Y tế Yên Bái-2024"]
    van_chan = next(row for row in sheet.iter_rows() if row[2].value == "Huyện Văn Chấn")
    assert van_chan[4].value == "79,2–91,7%"
    assert van_chan[4].fill.fgColor.rgb == "FFFFEB9C"  # amber: undetermined
    # At province level the value cell stays a number; the verdict says the range.
    code, _ = run("check", str(path), "--plan", "yb_2024", "--period", "2024-10", "-o", str(book))
    sheet = openpyxl.load_workbook(book)["Ngành Y tế Yên Bái-2024"]
    ntc = next(
        r
        for r in sheet.iter_rows(values_only=True)
        if r[1] == "Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế"
    )
    assert ntc[4] == pytest.approx(100 * 19 / 21)
    # Yên Bái's 168 communes: 19 known recognised, 168 - 21 = 147 unknown (19/168 to 166/168).
    assert ntc[6] == "Chưa xác định 11,3–98,8% (147 đơn vị chưa rõ)"


def test_complete_criteria_column_is_judged_on_its_value() -> None:
    # One commune of 24 missing: 21/24 = 87.5 % to 22/24 = 91.7 %, met either way.
    report = check_files([VAN_CHAN], plans=["yb_2024"], period="2024-10", level="district")
    assert report.results is not None
    ntc = plan_results(report.results, "yb_2024")["ntc_commune_rate"]
    assert (ntc.numerator, ntc.denominator, ntc.units_unknown, ntc.status) == (21, 23, 1, "met")
    assert ntc.value_low == pytest.approx(100 * 21 / 24)
    assert ntc.value_high == pytest.approx(100 * 22 / 24)


def test_one_district_is_no_verdict_on_its_province() -> None:
    # At province level Yên Bái expects its 168 communes; Văn Chấn's file holds 23 of them,
    # so 145 are unknown: 21/168 = 12.5 % to 166/168 = 98.8 %.
    report = check_files([VAN_CHAN], plans=["yb_2024"], period="2024-10")
    assert report.results is not None
    ntc = plan_results(report.results, "yb_2024")["ntc_commune_rate"]
    assert (ntc.unit_code, ntc.unit_name) == ("15", "Tỉnh Yên Bái")
    assert (ntc.units_expected, ntc.units_reported, ntc.units_unknown) == (168, 23, 145)
    assert ntc.value_low == pytest.approx(100 * 21 / 168)
    assert ntc.value_high == pytest.approx(100 * 166 / 168)
    assert ntc.status == "undetermined"


def test_a_commune_without_station_is_not_an_unknown_station() -> None:
    dataset = sample(YEN_BAI)
    definitions = load_definitions()
    values = evaluate(definitions, dataset, indicators=["chs_4doctors_rate", "bhyt_coverage"])
    results = {r.indicator: r for r in compare(values, definitions, [])}
    # Every row of the sample says whether it has a station and how many doctors work there.
    assert results["chs_4doctors_rate"].units_unknown == 0
    # Sums have no bounds: they are judged on the rows used.
    assert results["bhyt_coverage"].value_low is None
    assert results["bhyt_coverage"].units_unknown is None


# --- Indicators without a target ------------------------------------------------------------


def test_indicators_without_target_in_json_csv_and_xlsx(tmp_path: Path) -> None:
    report = check_files([YEN_BAI], plans=["nq72_2030"])
    document = json.loads(json_text(report, "vi"))
    untargeted = {r["indicator"]: r for r in document["results"] if r["plan"] is None}
    assert set(untargeted) == {
        i for i in load_definitions().indicators if i != "full_immunisation_rate"
    }
    doctors = untargeted["chs_doctor_rate"]
    assert (doctors["target"], doctors["status"]) == (None, None)
    assert (doctors["numerator"], doctors["denominator"]) == (67, 75)

    rows = list(csv.reader(io.StringIO(results_csv(report, "vi")), delimiter=";"))
    headings = next(r for r in rows if r and r[0] == "plan_id")
    doctor = next(r for r in rows if len(r) > 2 and r[2] == "chs_doctor_rate")
    doctor_row = dict(zip(headings, doctor, strict=True))
    assert doctor_row["plan_id"] == doctor_row["Chỉ tiêu"] == doctor_row["status_code"] == ""
    assert (doctor_row["Tử số"], doctor_row["Mẫu số"]) == ("67", "75")

    path = tmp_path / "ket_qua.xlsx"
    code, _ = run("check", str(YEN_BAI), "--plan", "nq72_2030", "-o", str(path))
    assert code == 1
    sheet = openpyxl.load_workbook(path)["Kết quả"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    top = next(i for i, row in enumerate(cells) if row and row[0] == "plan_id")
    found = [dict(zip(cells[top], row, strict=True)) for row in cells[top + 1 :]]
    ehr = next(r for r in found if r["indicator_id"] == "ehr_coverage")
    assert (ehr["plan_id"], ehr["Chỉ tiêu"], ehr["status_code"]) == (None, None, None)
    assert ehr["Giá trị"] == pytest.approx(100 * 382564 / 503549)


def test_terminal_lists_the_other_indicators_last_without_plan_option() -> None:
    code, output = run("check", str(YEN_BAI), "-q")
    assert code == 1
    assert output.index("Các chỉ số khác") > output.index("Nghị quyết 72-NQ/TW")
    assert "Tỷ lệ người bệnh hài lòng với dịch vụ y tế" in output.split("Các chỉ số khác")[1]


# --- ycs indicators --plan ----------------------------------------------------------------


def test_indicators_for_one_plan_show_its_indicators_and_other_targets() -> None:
    code, output = run("indicators", "--plan", "yb_2024")
    assert code == 0
    assert "patient_satisfaction_units_rate" in output
    assert "bhyt_coverage" not in output
    assert "nq72_2027" not in output
    assert "Giám sát thêm 10" in output
    assert "Không tính từ biểu mẫu" in output
    assert "≥ 21 kỹ thuật (chỉ đánh giá ở" in output


def test_quang_ngai_plan_is_listed_with_tasks_never_judged() -> None:
    code, output = run("indicators", "--plan", "qn_kh193_2025")
    assert code == 0
    assert "cấp cứu ngoại viện" in output
    report = check_files([YEN_BAI])
    assert "qn_kh193_2025" not in report.plans
    assert report.results is not None
    assert all(r.plan != "qn_kh193_2025" for r in report.results)


# --- Target mappings in the indicators file --------------------------------------------------

INDICATORS = """
version: 1
indicators:
  - id: techniques
    name: Số kỹ thuật được chuyển giao
    sheet: district
    value: sum(techniques_transferred)
plans:
  - id: p1
    name: Kế hoạch
    document: KH 1
    scope: Tỉnh
    year: 2024
    targets:
      techniques: {TARGET}
"""


def _load(tmp_path: Path, target: str) -> Definitions:
    path = tmp_path / "indicators.yaml"
    path.write_text(textwrap.dedent(INDICATORS).replace("{TARGET}", target), encoding="utf-8")
    return load_definitions(path)


def _problems(tmp_path: Path, target: str) -> list[tuple[str, str]]:
    with pytest.raises(DefinitionError) as caught:
        _load(tmp_path, target)
    return [(p.key, p.where) for p in caught.value.problems]


def test_target_mapping_with_level_loads(tmp_path: Path) -> None:
    definitions = _load(tmp_path, '{target: ">= 21", level: province}')
    assert definitions.plans["p1"].targets["techniques"] == Target(
        op=">=", value=21, level="province"
    )


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        pytest.param(
            '{target: ">= 21", level: provinse}',
            ("bad_structure", "plans.p1.targets.techniques.level"),
            id="unknown-level",
        ),
        pytest.param(
            '{target: ">= 21", level: commune}',
            ("level_without_results", "plans.p1.targets.techniques.level"),
            id="district-sheet-at-commune",
        ),
        pytest.param(
            '{target: ">= 21", levels: province}',
            ("bad_structure", "plans.p1.targets.techniques.levels"),
            id="unknown-key",
        ),
        pytest.param(
            "{level: province}", ("bad_target", "plans.p1.targets.techniques"), id="no-target"
        ),
        pytest.param(
            '{target: "=> 21", level: province}',
            ("bad_target", "plans.p1.targets.techniques"),
            id="bad-target-text",
        ),
    ],
)
def test_target_mapping_problems_are_positioned(
    tmp_path: Path, target: str, problem: tuple[str, str]
) -> None:
    assert _problems(tmp_path, target) == [problem]


def test_results_copy_runs_of_rows_as_the_gather_would() -> None:
    """Blocks of rows in order are copied as slices, the others gathered: the columns are
    the same either way, for every kind of column a value table holds."""
    columns = [
        pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
        pd.Categorical(["a", "b", None, "a", "c", "b"]),
        pd.array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]),
    ]
    blocks = [np.array([2, 3, 4]), np.array([5, 0]), np.array([1])]
    pieces = [_slice_of(rows) for rows in blocks]
    assert [type(p) for p in pieces] == [slice, np.ndarray, slice]
    rows = np.concatenate(blocks)
    for values in columns:
        assert _gathered(values, rows, pieces).tolist() == values.take(rows).tolist()

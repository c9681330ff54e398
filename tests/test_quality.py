"""The data-quality review (SPEC §9): each statistic computed by hand, the scorecard, the sample."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner
from vietnam_provinces import Ward as CurrentWard
from vietnam_provinces.legacy import Ward

from tests.builders import write_table
from tests.test_render import assert_golden, rendered
from ycs.api import review_files
from ycs.cli import app
from ycs.errors import DefinitionError, Severity
from ycs.present.heading import ExportOptions
from ycs.present.messages import Lang, definition_problem
from ycs.present.quality_terminal import quality_view
from ycs.present.quality_text import header_lines, review_heading
from ycs.quality import QualityFinding, QualityReview

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "luc_yen_2020_2024_hang_thang.csv"
LAO_CAI = SAMPLE.parent / "lao_cai_2025_hai_cap.xlsx"

HEADER = [
    "Mã tỉnh",
    "Mã huyện",
    "Tên huyện",
    "Mã xã",
    "Tên xã",
    "Kỳ báo cáo",
    "Dân số",
    "Trẻ em dưới 1 tuổi",
    "Số trẻ đẻ sống",
    "Tổng số lượt khám bệnh",
]
# Communes of huyện Lục Yên (tỉnh Yên Bái) as the official list gives them.
COMMUNES = [
    ("04303", "Thị trấn Yên Thế"),
    ("04306", "Xã Tân Phượng"),
    ("04309", "Xã Lâm Thượng"),
    ("04312", "Xã Khánh Thiện"),
    ("04315", "Xã Minh Chuẩn"),
    ("04318", "Xã Mai Sơn"),
    ("04321", "Xã Khai Trung"),
    ("04324", "Xã Mường Lai"),
]


def row(
    commune: int,
    period: str,
    *,
    population: int | None = 1000,
    infants: int | None = None,
    births: int | None = None,
    visits: int | None = None,
) -> list[object]:
    code, name = COMMUNES[commune]
    return ["15", "135", "Huyện Lục Yên", code, name, period, population, infants, births, visits]


def run(tmp_path: Path, rows: list[list[object]], **options: object) -> QualityReview:
    path = write_table(tmp_path / "bao_cao.csv", [HEADER, *rows])
    return review_files([path], **options)  # type: ignore[arg-type]


def only(review: QualityReview, code: str) -> list[QualityFinding]:
    return [f for f in review.findings if f.code == code]


def months(values: list[int], commune: int = 0) -> list[list[object]]:
    return [row(commune, f"2024-{m:02d}", visits=v) for m, v in enumerate(values, start=1)]


def test_outlier_over_time_with_a_known_median_and_mad(tmp_path: Path) -> None:
    # Sorted: 97 98 99 100 101 102 103 150 → median 100.5; deviations 0.5 0.5 1.5 1.5 2.5 2.5
    # 3.5 49.5 → MAD 2. Modified z of 150 = 0.6745 · 49.5 / 2 = 16.694; of 97, −1.18.
    review = run(tmp_path, months([100, 102, 98, 101, 99, 103, 97, 150]))
    [finding] = only(review, "outlier_over_time")
    assert (finding.unit_code, finding.period, finding.field) == (
        "04303",
        "2024-08",
        "outpatient_visits",
    )
    assert finding.value == 150
    assert finding.score == pytest.approx(16.694, abs=1e-3)
    # Expected within median ± 3.5 · MAD / 0.6745 = 100.5 ± 10.378.
    assert finding.low == pytest.approx(90.122, abs=1e-3)
    assert finding.high == pytest.approx(110.878, abs=1e-3)
    assert (finding.file, finding.row) == (str(tmp_path / "bao_cao.csv"), 9)
    assert [p for p, _ in finding.series][-1] == "2024-08"


def test_outlier_over_time_when_the_mad_is_zero(tmp_path: Path) -> None:
    # Seven of eight values equal the median 50: MAD 0. Mean absolute deviation 10 / 8 = 1.25;
    # scale 1.25 · 1.253314 = 1.566643; z = 10 / 1.566643 = 6.383.
    review = run(tmp_path, months([50, 50, 50, 50, 50, 50, 50, 60]))
    [finding] = only(review, "outlier_over_time")
    assert finding.value == 60
    assert finding.score == pytest.approx(6.383, abs=1e-3)
    assert finding.low == pytest.approx(50 - 3.5 * 1.566643, abs=1e-4)
    assert finding.high == pytest.approx(50 + 3.5 * 1.566643, abs=1e-4)


def test_outlier_over_time_needs_six_other_periods(tmp_path: Path) -> None:
    review = run(tmp_path, months([100, 101, 99, 100, 102, 900]))
    assert only(review, "outlier_over_time") == []


@pytest.mark.parametrize(("last", "flagged"), [(134, True), (132, False), (66, True), (68, False)])
def test_inconsistent_over_time_against_the_mean_of_three_years(
    tmp_path: Path, last: int, flagged: bool
) -> None:
    rows = [row(0, str(year), visits=100) for year in (2021, 2022, 2023)]
    review = run(tmp_path, [*rows, row(0, "2024", visits=last)])
    found = only(review, "inconsistent_over_time")
    if not flagged:
        assert found == []
        return
    [finding] = found
    assert (finding.period, finding.field, finding.value) == ("2024", "outpatient_visits", last)
    assert finding.score == pytest.approx(last - 100)
    assert (finding.low, finding.high) == pytest.approx((67.0, 133.0))


def test_inconsistent_over_time_needs_four_yearly_values(tmp_path: Path) -> None:
    rows = [row(0, "2022", visits=100), row(0, "2023", visits=100), row(0, "2024", visits=200)]
    assert only(run(tmp_path, rows), "inconsistent_over_time") == []


def test_a_year_with_a_month_missing_is_not_compared(tmp_path: Path) -> None:
    rows = [row(0, str(year), visits=1200) for year in (2021, 2022, 2023)]
    rows += [row(0, f"2024-{m:02d}", visits=100) for m in range(1, 12)]  # no December
    assert only(run(tmp_path, rows), "inconsistent_over_time") == []


@pytest.mark.parametrize(
    ("births", "flagged"), [(111, True), (110, False), (89, True), (90, False)]
)
def test_live_births_against_children_under_1(tmp_path: Path, births: int, flagged: bool) -> None:
    review = run(tmp_path, [row(0, "2024", infants=100, births=births)])
    found = only(review, "related_fields_inconsistent")
    assert len(found) == int(flagged)
    if flagged:
        assert (found[0].value, found[0].low, found[0].high) == pytest.approx((births, 90, 110))


@pytest.mark.parametrize(("after", "flagged"), [(1101, True), (1100, False), (899, True)])
def test_population_jump(tmp_path: Path, after: int, flagged: bool) -> None:
    review = run(tmp_path, [row(0, "2023", population=1000), row(0, "2024", population=after)])
    found = only(review, "population_jump")
    assert len(found) == int(flagged)
    if flagged:
        assert (found[0].period, found[0].value) == ("2024", after)
        assert (found[0].low, found[0].high) == pytest.approx((900, 1100))


def test_outlier_between_units_per_1000_people(tmp_path: Path) -> None:
    # Rates per 1,000: 10 10 11 9 10 11 9 and 30. Against the seven others, 30 has mean 10 and
    # standard deviation √(4 / 6) = 0.8165: z = 24.49, a warning; expected 10 ± 3 · 0.8165.
    visits = [10, 10, 11, 9, 10, 11, 9, 30]
    review = run(tmp_path, [row(i, "2024-03", visits=v) for i, v in enumerate(visits)])
    [finding] = only(review, "outlier_between_units")
    assert (finding.unit_code, finding.severity, finding.value) == ("04324", Severity.WARNING, 30)
    assert finding.score == pytest.approx(24.495, abs=1e-3)
    assert (finding.low, finding.high) == pytest.approx((7.5505, 12.4495), abs=1e-4)


def luc_yen_codes() -> list[str]:
    """The communes of huyện Lục Yên in the official list (the oracle, not ycs's registry)."""
    return [f"{int(w.code):05d}" for w in Ward.iter_by_district(135)]


def test_completeness_scorecard_and_a_commune_that_stopped(tmp_path: Path) -> None:
    rows = [row(c, f"2024-{m:02d}", visits=100) for m in (1, 2, 3, 4) for c in (0, 1, 2, 3)]
    # Commune 3 sends nothing from March on; commune 1 misses January; the district's other
    # 20 communes send nothing at all, yet the official list expects them.
    rows = [r for r in rows if not (r[3] == "04312" and r[5] >= "2024-03")]
    rows = [r for r in rows if not (r[3] == "04306" and r[5] == "2024-01")]
    review = run(tmp_path, rows)
    silent = tuple(c for c in luc_yen_codes() if c not in ("04303", "04306", "04309", "04312"))
    assert len(silent) == 20
    missing = only(review, "missing_units")
    assert [(f.period, f.period_to, f.missing) for f in missing] == [
        ("2024-01", None, ("04306",)),
        ("2024-01", "2024-04", silent),
        ("2024-03", "2024-04", ("04312",)),
    ]
    [line] = review.scorecard
    assert (line.group, line.reports_received, line.reports_expected) == ("135", 13, 96)
    assert line.completeness == pytest.approx(13 / 96 * 100)
    assert (line.periods_below_benchmark, line.periods) == (4, 4)
    assert only(review, "incomplete_period") == []


def test_a_month_no_commune_reported_is_one_incomplete_period(tmp_path: Path) -> None:
    rows = [row(c, f"2024-{m:02d}", visits=100) for m in (1, 2, 4) for c in (0, 1)]
    review = run(tmp_path, rows)
    [finding] = only(review, "incomplete_period")
    assert (finding.unit_code, finding.period, finding.missing) == ("135", "2024", ("2024-03",))
    # March is said once, for the district; the silent communes' runs stop before it.
    runs = [(f.period, f.period_to, len(f.missing)) for f in only(review, "missing_units")]
    assert runs == [("2024-01", "2024-02", 22), ("2024-04", None, 22)]
    assert review.scorecard[0].completeness == pytest.approx(6 / 96 * 100)


def test_flagged_values_percent(tmp_path: Path) -> None:
    review = run(tmp_path, months([100, 102, 98, 101, 99, 103, 97, 150]))
    line = review.scorecard[0]
    assert (line.values_flagged, line.values_checked) == (1, 8)
    assert line.flagged_percent == pytest.approx(12.5)


def test_period_option_reports_inside_it_against_the_whole_history(tmp_path: Path) -> None:
    rows = months([100, 102, 98, 101, 99, 103, 97, 150])
    review = run(tmp_path, rows, period="2024-Q3")
    assert [f.period for f in only(review, "outlier_over_time")] == ["2024-08"]
    assert only(run(tmp_path, rows, period="2024-Q1"), "outlier_over_time") == []


def indicators_file(tmp_path: Path, quality: str) -> Path:
    path = tmp_path / "indicators.yaml"
    path.write_text(f"version: 1\nindicators: []\nquality:\n{quality}", encoding="utf-8")
    return path


def test_thresholds_from_the_indicators_file(tmp_path: Path) -> None:
    rows = months([100, 102, 98, 101, 99, 103, 97, 150])
    strict = indicators_file(tmp_path, "  outlier_modified_z: 20\n")
    assert only(run(tmp_path, rows, indicators_path=strict), "outlier_over_time") == []
    loose = indicators_file(tmp_path, "  consistency_percent: 35\n")
    years = [row(0, str(y), visits=100) for y in (2021, 2022, 2023)] + [row(0, "2024", visits=134)]
    assert only(run(tmp_path, years, indicators_path=loose), "inconsistent_over_time") == []


def test_invalid_thresholds_are_reported_with_their_place(tmp_path: Path) -> None:
    path = indicators_file(
        tmp_path, "  outlier_modified_z: -1\n  between_units_info_z: 2\n  outlier_windows: 3\n"
    )
    with pytest.raises(DefinitionError) as caught:
        review_files([SAMPLE], indicators_path=path)
    places = sorted(definition_problem(p, "en") for p in caught.value.problems)
    assert places == [
        "quality.outlier_modified_z: must be > 0.0",
        "quality.outlier_windows: unknown key (a typo?)",
    ]


def test_the_sample_finds_each_planted_anomaly_once() -> None:
    review = review_files([SAMPLE])
    warnings = [
        (f.code, f.unit_code, f.period, f.period_to, f.field, f.missing)
        for f in review.findings
        if f.severity is Severity.WARNING
    ]
    assert warnings == [
        ("missing_units", "135", "2024-07", "2024-12", None, ("04363",)),
        ("incomplete_period", "135", "2020", None, None, ("2020-05",)),
        ("outlier_over_time", "04330", "2022-08", None, "outpatient_visits", ()),
        ("population_jump", "04336", "2024", None, "population", ()),
    ]
    # What remains are notes at the moderate level (2 ≤ z < 3): no value of the sample lies
    # three standard deviations from the other communes.
    assert {f.severity for f in review.findings} - {Severity.WARNING} == {Severity.INFO}
    assert all(2 <= abs(f.score or 0) < 3 for f in only(review, "outlier_between_units"))
    [line] = review.scorecard
    assert (line.reports_received, line.reports_expected) == (1410, 1440)
    assert line.values_flagged == 1


runner = CliRunner()


def test_cli_exit_codes_and_outputs(tmp_path: Path) -> None:
    result = runner.invoke(app, ["quality", str(SAMPLE), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["scorecard"][0]["reports_received"] == 1410
    assert {f["code"] for f in document["findings"]} >= {"population_jump", "missing_units"}
    for suffix in (".xlsx", ".html", ".json"):
        out = tmp_path / f"review{suffix}"
        result = runner.invoke(app, ["quality", str(SAMPLE), "-q", "-o", str(out)])
        assert result.exit_code == 0
        assert out.stat().st_size > 0
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU" in html
    assert "<svg" in html
    assert runner.invoke(app, ["quality", str(tmp_path / "none.csv")]).exit_code == 2
    assert (
        runner.invoke(app, ["quality", str(SAMPLE), "-o", str(tmp_path / "x.csv")]).exit_code == 2
    )
    bad = indicators_file(tmp_path, "  consistency_years: 0\n")
    assert runner.invoke(app, ["quality", str(SAMPLE), "--indicators", str(bad)]).exit_code == 2


def test_terminal_report_in_vietnamese() -> None:
    result = runner.invoke(app, ["quality", str(SAMPLE), "--lang", "vi"])
    assert result.exit_code == 0
    for words in ("Bảng điểm chất lượng số liệu", "Tính đầy đủ của báo cáo", "(04363)"):
        assert words in result.stdout


def test_workbook_scorecard_has_colour_bands_and_numbers(tmp_path: Path) -> None:
    out = tmp_path / "chat_luong.xlsx"
    assert runner.invoke(app, ["quality", str(SAMPLE), "-q", "-o", str(out)]).exit_code == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Bảng điểm chất lượng số liệu", "Các phát hiện", "Tính đầy đủ"]
    scorecard = workbook.worksheets[0]
    # Under the report heading (rows 1-6) and the table's heading row (8).
    assert [c.value for c in scorecard[9]][:2] == ["Huyện Lục Yên (135)", "1.410/1.440"]
    completeness = scorecard.cell(9, 3)
    assert completeness.value == pytest.approx(1410 / 1440 * 100)
    assert completeness.fill.fgColor.rgb == "FFC8E6C9"  # at or above the 90 % benchmark
    findings = workbook.worksheets[1]
    outlier = next(r for r in findings.iter_rows(values_only=True) if r[1] == "outlier_over_time")
    assert outlier[2:6] == ("Xã Minh Xuân (04330)", "2022-08", "Tổng số lượt khám bệnh", 11800)
    # May 2020 is the one month below the benchmark: no commune reported.
    months = workbook.worksheets[2]
    assert [c.value for c in months[8]] == [
        "Đơn vị",
        "Kỳ",
        "Báo cáo nhận được",
        "Báo cáo cần có",
        "Tính đầy đủ (%)",
    ]
    may = next(r for r in months.iter_rows() if r[1].value == "2020-05")
    assert (may[2].value, may[3].value, may[4].fill.fgColor.rgb) == (0, 24, "FFFFCDD2")


def test_a_district_and_its_health_centre_share_one_scorecard_line() -> None:
    workbook = SAMPLE.parent / "yen_bai_2024.xlsx"
    review = review_files([workbook])
    lines = [line for line in review.scorecard if line.group == "135"]
    assert [
        (ln.group_name, ln.reports_received, ln.reports_expected, ln.units) for ln in lines
    ] == [("Huyện Lục Yên", 24, 24, 24)]
    # A district sheet alone expects nothing of itself: no completeness, no false 100 %.
    centre = next(line for line in review.scorecard if line.group == "138")
    assert (centre.reports_expected, centre.completeness) == (0, None)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_terminal_review_of_the_sample_golden(lang: Lang) -> None:
    review = review_files([Path("samples") / SAMPLE.name])
    review.made = date(2026, 12, 1)
    assert_golden(f"quality_{lang}.txt", rendered(quality_view(review, lang)))


def test_what_cannot_be_reviewed_stops_with_one_line(tmp_path: Path) -> None:
    undated = write_table(tmp_path / "khong_ky.csv", [["Mã xã", "Dân số"], ["04303", "1000"]])
    result = runner.invoke(app, ["quality", str(undated), "--lang", "en"])
    assert result.exit_code == 2
    assert "No data row has a reporting period to review" in result.stderr
    result = runner.invoke(app, ["quality", str(SAMPLE), "--period", "2019", "--lang", "en"])
    assert result.exit_code == 2
    assert "No row lies inside period 2019" in result.stderr


def test_scorecard_per_province_and_rows_without_districts(tmp_path: Path) -> None:
    review = review_files([SAMPLE], level="province")
    # At province level every commune of Yên Bái is expected, not only Lục Yên's.
    yen_bai = sum(1 for _ in Ward.iter_by_province(15))
    assert [
        (ln.group, ln.group_level, ln.reports_received, ln.reports_expected)
        for ln in review.scorecard
    ] == [("15", "province", 1410, yen_bai * 60)]
    # Units after 07/2025 have no district: their rows are grouped by province.
    rows = [["15", None, None, "04303", "Thị trấn Yên Thế", "2025-08", 1000, None, None, 5]]
    [line] = run(tmp_path, rows).scorecard
    assert (line.group, line.group_level) == ("15", "province")


def test_units_are_checked_against_the_registry_before_the_review(tmp_path: Path) -> None:
    rows = [row(0, f"2024-{m:02d}", visits=100) for m in (1, 2)]
    stray = row(1, "2024-01", visits=100)
    stray[3] = "04398"  # not a commune of the official list before 07/2025
    review = run(tmp_path, [*rows, stray], units="legacy")
    [unknown] = [f for f in review.validation if f.code == "unknown_unit"]
    assert (unknown.row, unknown.field, unknown.value) == (4, "commune_code", "04398")
    [line] = review.scorecard
    # Only the known commune's two months count as received.
    assert (line.reports_received, line.reports_expected) == (2, 48)


def test_org_heads_the_written_review(tmp_path: Path) -> None:
    book, page = tmp_path / "chat_luong.xlsx", tmp_path / "chat_luong.html"
    for out in (book, page):
        args = ["quality", str(SAMPLE), "--org", "  Sở Y tế tỉnh Yên Bái ", "-q", "-o", str(out)]
        assert runner.invoke(app, args).exit_code == 0
    assert openpyxl.load_workbook(book).worksheets[0]["A1"].value == "Sở Y tế tỉnh Yên Bái"
    assert '<p class="org">Sở Y tế tỉnh Yên Bái</p>' in page.read_text(encoding="utf-8")
    # Without --org the heading starts with its title: no empty organisation line.
    assert runner.invoke(app, ["quality", str(SAMPLE), "-q", "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<p class="org">' not in html
    assert '<header class="report">\n<h1>RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU</h1>' in html


def test_heading_names_the_district_officially_and_counts_its_communes(tmp_path: Path) -> None:
    # The district typed without its unit type, one commune short in the last month.
    rows = [row(c, f"2024-{m:02d}", visits=100) for m in (1, 2) for c in range(8 if m == 1 else 7)]
    for line in rows:
        line[2] = "Lục Yên"
    review = run(tmp_path, rows)
    heading = review_heading(review, "vi", ExportOptions(made=date(2026, 12, 3)))
    assert heading.covers == "Địa bàn: Huyện Lục Yên · Kỳ báo cáo: 2024-01 – 2024-02"
    # Lục Yên has 24 communes in the official list; 7 reported in 02/2024.
    assert heading.reported == "Đơn vị báo cáo/dự kiến: 7/24 xã · Ngày lập: 03/12/2026"
    assert heading.place_date == "Lục Yên, ngày 03 tháng 12 năm 2026"
    assert heading.organisation == ""


def test_heading_of_a_two_tier_province_counts_its_units_per_level() -> None:
    """After 07/2025: the communes are grouped by their province, the district sheet's
    regional health centres by themselves; the heading counts each kind under its name."""
    options = ExportOptions(made=date(2026, 12, 3))
    by_district = review_heading(review_files([LAO_CAI]), "vi", options)
    assert by_district.covers == "Địa bàn: 1 tỉnh, 18 huyện · Kỳ báo cáo: 2025-H2"
    # The new Lào Cai has 99 communes in the official list, and all of them reported.
    assert by_district.reported == "Đơn vị báo cáo/dự kiến: 99/99 xã · Ngày lập: 03/12/2026"
    by_province = review_heading(review_files([LAO_CAI], level="province"), "vi", options)
    # Code 15 is Lào Cai in the current list (Yên Bái's before 07/2025).
    assert by_province.covers == "Địa bàn: Tỉnh Lào Cai · Kỳ báo cáo: 2025-H2"
    assert by_province.place_date == "Lào Cai, ngày 03 tháng 12 năm 2026"


def test_units_current_gathers_each_station_in_its_current_province(tmp_path: Path) -> None:
    """`--units current` on a file spanning 07/2025: the 2024 rows are read as legacy
    communes (no code is unknown) and gathered in the current province they became part of,
    each judged against its own history. Before 07/2025 the province expects the legacy
    communes it was formed from, from then on its current communes."""
    current = next(iter(CurrentWard.iter_by_province(15)))
    later = ["15", None, None, f"{current.code.value:05d}", current.name, "2025-08", 1000]
    rows = [row(c, f"2024-{m:02d}", visits=100) for m in (1, 2) for c in range(8)]
    review = run(tmp_path, [*rows, [*later, None, None, 100]], units="current")
    assert "unknown_unit" not in {f.code for f in review.validation}
    # Current Lào Cai (15) was formed from legacy Lào Cai (10) and Yên Bái (15).
    stations = sum(1 for _ in Ward.iter_by_province(10)) + sum(1 for _ in Ward.iter_by_province(15))
    communes = sum(1 for _ in CurrentWard.iter_by_province(15))
    [line] = review.scorecard
    assert (line.group, line.group_level) == ("15", "province")
    # 2024-01 … 2025-06 in legacy communes, 2025-07 and 2025-08 in current ones.
    assert (line.reports_received, line.reports_expected) == (17, 18 * stations + 2 * communes)
    # The stations missing in the months others reported, each in its own set's months;
    # the months nobody reported are gaps of the province (SPEC §9).
    runs = {(f.period, f.period_to): set(f.missing) for f in only(review, "missing_units")}
    assert runs.keys() == {("2024-01", "2024-02"), ("2025-08", None)}
    assert len(runs["2024-01", "2024-02"]) == stations - 8
    assert "04327" in runs["2024-01", "2024-02"]  # Xã An Lạc, Lục Yên, sent nothing
    assert not {code for code, _ in COMMUNES} & runs["2024-01", "2024-02"]
    assert len(runs["2025-08", None]) == communes - 1
    assert f"{current.code.value:05d}" not in runs["2025-08", None]
    # The legacy communes' gaps run to 06/2025, the current communes' from 07/2025.
    gaps = sorted(f.missing for f in only(review, "incomplete_period"))
    assert gaps == [
        tuple(f"2024-{m:02d}" for m in range(3, 13)),
        tuple(f"2025-{m:02d}" for m in range(1, 7)),
        ("2025-07",),
    ]


def test_a_code_of_each_set_is_its_own_unit_across_the_reorganisation(tmp_path: Path) -> None:
    """Current Phường Lào Cai (02647, tỉnh Lào Cai 15) kept the code of legacy Phường Kim
    Tân (02647, tỉnh Lào Cai 10); current province 15 is not legacy 15 (Yên Bái). Neither
    series nor group crosses 07/2025, so a merged ward's larger figures are no outlier."""
    ward = ["10", "080", "Thành phố Lào Cai", "02647", "Phường Kim Tân"]
    kim_tan = [[*ward, f"2024-{m:02d}", 9000, None, None, 100] for m in range(1, 13)]
    yen_the = [row(0, f"2024-{m:02d}", visits=100) for m in range(1, 13)]
    lao_cai = [
        ["15", None, None, "02647", "Phường Lào Cai", f"2025-{m:02d}", 30000, None, None, 1000]
        for m in range(7, 13)
    ]
    review = run(tmp_path, [*kim_tan, *yen_the, *lao_cai], level="province")
    assert "unknown_unit" not in {f.code for f in review.validation}
    assert not only(review, "outlier_over_time")
    assert not only(review, "population_jump")  # 9,000 in 2024, 30,000 in 2025: two wards
    # Legacy Lào Cai (10) and Yên Bái (15) until 06/2025, current Lào Cai (15) after.
    legacy = {p: sum(1 for _ in Ward.iter_by_province(p)) for p in (10, 15)}
    current = sum(1 for _ in CurrentWard.iter_by_province(15))
    assert sorted(
        (ln.group, ln.reports_received, ln.reports_expected) for ln in review.scorecard
    ) == [
        ("10", 12, 18 * legacy[10]),
        ("15", 6, 6 * current),
        ("15", 12, 18 * legacy[15]),
    ]


def test_the_terminal_names_a_few_units_and_counts_many() -> None:
    assert header_lines(review_files([SAMPLE]), "vi")[0] == ("Địa bàn", "Huyện Lục Yên (135)")
    # Nine districts of Yên Bái and the eighteen regional centres and province of Lào Cai.
    both = review_files([SAMPLE.parent / "yen_bai_2024.xlsx", LAO_CAI])
    assert header_lines(both, "vi")[0] == ("Địa bàn", "1 tỉnh, 27 huyện")
    assert header_lines(both, "en")[0][1].startswith("1 ")

"""Plan territories (SPEC §7.4) and legacy rows rolled up to current units (§7.5), on real
units and the samples."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from builders import write_table
from typer.testing import CliRunner

from ycs.api import check_files, validate_files
from ycs.cli import app
from ycs.errors import DefinitionError, Finding, YcsError
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import load_definitions
from ycs.place import registry
from ycs.present.messages import definition_problem, finding_message

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
YEN_BAI = SAMPLES / "yen_bai_2024.xlsx"
LAO_CAI = SAMPLES / "lao_cai_2025_hai_cap.xlsx"
HEADER = ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Số người có thẻ BHYT"]


def _indicators(tmp_path: Path, territory: str | None) -> Path:
    line = f"\n            territory: {territory}" if territory is not None else ""
    text = f"""
        version: 1
        indicators:
          - id: coverage
            name: Tỷ lệ dân số tham gia BHYT
            sheet: commune
            numerator: sum(insured_population)
            denominator: sum(population)
            factor: 100
        plans:
          - id: plan_a
            name: Kế hoạch A
            document: KH A
            scope: thử{line}
            year: 2030
            targets:
              coverage: ">= 90"
    """
    path = tmp_path / "indicators.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _info(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _summary(results: list[Result]) -> set[tuple[str | None, str, str, str | None, str, int]]:
    return {
        (r.plan, r.level, r.unit_code, r.unit_name, r.period, r.rows_used + r.rows_skipped)
        for r in results
        if r.plan is not None
    }


def test_default_plans_have_the_spec_territories_all_official() -> None:
    plans = load_definitions().plans
    found = {
        plan_id: plan.territory
        if isinstance(plan.territory, str)
        else (plan.territory.level, plan.territory.code, plan.territory.units)
        for plan_id, plan in plans.items()
        if plan.territory is not None
    }
    assert found == {
        "bmt_kh197_2020": ("district", "643", "legacy"),
        "bmt_kh197_2025": ("district", "643", "legacy"),
        "qd2348_2025": "national",
        "ld_kh572_2030": ("province", "68", "legacy"),
        "yb_2024": ("province", "15", "legacy"),
        "nq72_2027": "national",
        "nq72_2030": "national",
        "qn_kh193_2025": ("province", "51", "legacy"),
    }
    # The registry's official names of those codes: the territories the documents name.
    assert registry.districts().set_index("code").loc["643", "name"] == "Thành phố Buôn Ma Thuột"
    legacy = registry.provinces("legacy").set_index("code")["name"]
    assert [legacy["68"], legacy["15"], legacy["51"]] == [
        "Tỉnh Lâm Đồng",
        "Tỉnh Yên Bái",
        "Tỉnh Quảng Ngãi",
    ]


def test_unknown_territory_code_is_a_positioned_error(tmp_path: Path) -> None:
    path = _indicators(tmp_path, '{province: "99", units: legacy}')
    with pytest.raises(DefinitionError) as caught:
        load_definitions(path)
    assert caught.value.path == str(path)
    assert [(p.key, p.where, p.params["code"]) for p in caught.value.problems] == [
        ("unknown_territory", "plans.plan_a.territory.province", "99")
    ]
    (problem,) = caught.value.problems
    assert definition_problem(problem, "vi") == (
        "plans.plan_a.territory.province: không có tỉnh mã 99"
        " trong đơn vị hành chính 3 cấp trước 07/2025"
    )
    assert definition_problem(problem, "en") == (
        "plans.plan_a.territory.province: no province with code 99"
        " among the three-tier administrative units before 07/2025"
    )
    # Legacy 34 is Thái Bình; no current province has code 34.
    assert load_definitions(_indicators(tmp_path, '{province: "34", units: legacy}'))
    with pytest.raises(DefinitionError):
        load_definitions(_indicators(tmp_path, '{province: "34", units: current}'))


def test_yen_bai_judged_only_by_plans_whose_territory_holds_it() -> None:
    report = check_files([YEN_BAI])
    assert report.plans == ["qd2348_2025", "yb_2024", "nq72_2027", "nq72_2030"]
    (outside,) = _info(report.findings, "plans_out_of_territory")
    assert outside.params == {"plans": "bmt_kh197_2020, bmt_kh197_2025, ld_kh572_2030"}
    assert {r.plan for r in report.results or []} == {None, *report.plans}


def test_a_plan_named_whose_territory_holds_no_row_gives_one_line() -> None:
    report = check_files([YEN_BAI], plans=["bmt_kh197_2020"])
    assert report.plans_without_rows == ["bmt_kh197_2020"]
    assert [r for r in report.results or [] if r.plan is not None] == []
    result = CliRunner().invoke(
        app, ["check", str(YEN_BAI), "--plan", "bmt_kh197_2020", "--lang", "en", "--quiet"]
    )
    assert (
        "bmt_kh197_2020: no input row lies in its territory (Thành phố Buôn Ma Thuột, code 643)"
        in result.output
    )
    # The same line is data: an info finding in every output (JSON, workbook, Markdown).
    (line,) = [f for f in report.findings if f.code == "plan_without_rows"]
    assert (line.severity.value, line.value, line.params) == (
        "info",
        "bmt_kh197_2020",
        {
            "plan": "bmt_kh197_2020",
            "territory": "Thành phố Buôn Ma Thuột",
            "code": "643",
            "units": "legacy",
        },
    )


def test_lao_cai_2025_meets_yen_bai_plan_only_through_communes_formed_wholly_from_it() -> None:
    # The current communes formed only from legacy Yên Bái (15) communes, by the lineage.
    lineage = registry.lineage()
    legacy = registry.communes("legacy").set_index("code")["province_code"]
    from_yen_bai = lineage["legacy_code"].map(legacy).eq("15")
    wholly = from_yen_bai.groupby(lineage["current_code"]).all()
    report = check_files([LAO_CAI])
    ntc = [r for r in report.results or [] if r.plan == "yb_2024" and r.level == "province"]
    ntc = [r for r in ntc if r.indicator == "ntc_commune_rate"]
    assert len(ntc) == 1
    # The sample holds 99 current Lào Cai communes; 51 were Yên Bái communes before 07/2025.
    assert (ntc[0].unit_code, ntc[0].unit_name, ntc[0].period) == ("15", "Tỉnh Yên Bái", "2025-H2")
    assert ntc[0].rows_used + ntc[0].rows_skipped == 51
    national = next(r for r in report.results or [] if r.plan == "qd2348_2025")
    assert national.rows_used + national.rows_skipped == 99
    assert int(wholly.sum()) == 51


def test_both_samples_together_are_two_units_with_their_plans() -> None:
    report = check_files([YEN_BAI, LAO_CAI])
    found = {
        (r.plan, r.unit_code, r.unit_name, r.period)
        for r in report.results or []
        if r.indicator == "ntc_commune_rate" and r.plan is not None
    }
    assert found == {
        # Official names (the registry's), each in the set of its period.
        ("qd2348_2025", "15", "Tỉnh Yên Bái", "2024"),
        ("qd2348_2025", "15", "Tỉnh Lào Cai", "2025-H2"),
        ("yb_2024", "15", "Tỉnh Yên Bái", "2024"),
        ("yb_2024", "15", "Tỉnh Yên Bái", "2025-H2"),
    }


def test_yen_bai_2024_rolled_up_to_current_lao_cai() -> None:
    report = check_files([YEN_BAI], units="current")
    national = {
        (r.unit_code, r.unit_name, r.period, r.rows_used + r.rows_skipped)
        for r in report.results or []
        if r.plan == "qd2348_2025" and r.indicator == "ntc_commune_rate"
    }
    assert national == {("15", "Tỉnh Lào Cai", "2024", 75)}
    # Its rows, now current Lào Cai communes formed wholly from Yên Bái ones, stay in yb_2024.
    assert "yb_2024" in report.plans
    # Ranges count stations, one per legacy commune: current Lào Cai was formed from 319
    # (75 reported), Yên Bái's 51 current communes from its 168, as read in legacy units.
    results = {(r.plan, r.indicator): r for r in report.results or []}
    insured = results["qd2348_2025", "chs_bhyt_kcb_rate"]
    assert (insured.numerator, insured.denominator) == (75, 75)
    assert (insured.units_expected, insured.units_reported, insured.units_unknown) == (99, 26, 244)
    assert (insured.value_low, insured.value_high) == (pytest.approx(100 * 75 / 319), 100.0)
    local = results["yb_2024", "ntc_commune_rate"]
    assert (local.units_expected, local.units_reported, local.units_unknown) == (51, 26, 93)
    assert local.value_low == pytest.approx(100 * 66 / 168)
    assert local.value_high == pytest.approx(100 * 159 / 168)


def test_district_level_is_refused_in_current_units() -> None:
    with pytest.raises(YcsError) as caught:
        check_files([YEN_BAI], units="current", level="district")
    assert caught.value.key == "level_district_current"
    result = CliRunner().invoke(
        app, ["check", str(YEN_BAI), "--units", "current", "--level", "district"]
    )
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def _hanoi_rows(period: str) -> list[list[object]]:
    # Legacy Phường Trúc Bạch (00004) became part of current Phường Ba Đình (00004); legacy
    # Phường Ngọc Hà (00016) was divided among several current communes.
    return [
        ["01", "001", "00004", "Phường Trúc Bạch", period, 1000, 950],
        ["01", "001", "00016", "Phường Ngọc Hà", period, 3000, 2400],
    ]


def test_divided_commune_counts_at_province_level_only(tmp_path: Path) -> None:
    path = write_table(tmp_path / "hn.csv", [HEADER, *_hanoi_rows("2024")])
    lineage = registry.lineage()
    became = sorted(lineage.loc[lineage["legacy_code"] == "00016", "current_code"])
    assert len(became) > 1
    indicators = _indicators(tmp_path, "national")

    province = check_files([path], units="current", indicators_path=indicators)
    assert _summary(province.results or []) == {
        ("plan_a", "province", "01", "Thành phố Hà Nội", "2024", 2)
    }
    coverage = next(r for r in province.results or [] if r.plan == "plan_a")
    assert coverage.value == pytest.approx(100 * 3350 / 4000)
    (divided,) = _info(province.findings, "unit_divided")
    assert (divided.value, divided.params["current"]) == ("00016", ", ".join(became))

    commune = check_files([path], units="current", level="commune", indicators_path=indicators)
    assert _summary(commune.results or []) == {
        ("plan_a", "commune", "00004", "Phường Ba Đình", "2024", 1)
    }


def test_divided_commune_rolled_up_stays_inside_its_legacy_province(tmp_path: Path) -> None:
    # Every current commune of Hà Nội was formed from legacy Hà Nội alone, so Ngọc Hà,
    # divided among two of them, lies inside a plan for legacy Hà Nội at province level.
    path = write_table(tmp_path / "hn.csv", [HEADER, *_hanoi_rows("2024")])
    indicators = _indicators(tmp_path, '{province: "01", units: legacy}')
    report = check_files([path], units="current", indicators_path=indicators)
    assert _summary(report.results or []) == {
        ("plan_a", "province", "01", "Thành phố Hà Nội", "2024", 2)
    }
    coverage = next(r for r in report.results or [] if r.plan == "plan_a")
    assert coverage.value == pytest.approx(100 * 3350 / 4000)


def test_legacy_commune_missing_from_the_conversion_table_counts_in_its_province(
    tmp_path: Path,
) -> None:
    # Legacy Phường 14 (26935, Bình Thạnh, Hồ Chí Minh) is in the list of legacy communes
    # but not in the conversion table to current ones; Phường 13 (26905) became part of
    # current Phường Bình Lợi Trung (26905).
    lineage = registry.lineage()
    assert "26935" not in set(lineage["legacy_code"])
    assert lineage.loc[lineage["legacy_code"] == "26905", "current_code"].tolist() == ["26905"]
    rows = [
        ["79", "765", "26905", "Phường 13", "2024", 1000, 950],
        ["79", "765", "26935", "Phường 14", "2024", 3000, 2400],
    ]
    path = write_table(tmp_path / "hcm.csv", [HEADER, *rows])
    indicators = _indicators(tmp_path, "national")
    province = check_files([path], units="current", indicators_path=indicators)
    assert _summary(province.results or []) == {
        ("plan_a", "province", "79", "Thành phố Hồ Chí Minh", "2024", 2)
    }
    (untraced,) = _info(province.findings, "unit_not_traced")
    assert (untraced.value, untraced.params["province"]) == ("26935", "Thành phố Hồ Chí Minh")
    assert finding_message(untraced, "vi") == (
        "Xã cũ 26935 không có trong bảng chuyển đổi sang đơn vị hành chính 2 cấp từ 07/2025:"
        " tính vào Thành phố Hồ Chí Minh ở cấp tỉnh, không tính ở cấp xã"
    )
    assert finding_message(untraced, "en") == (
        "Legacy commune 26935 is not in the conversion table to the two-tier administrative"
        " units from 07/2025: counted in Thành phố Hồ Chí Minh at province level, left out at"
        " commune level"
    )
    commune = check_files([path], units="current", level="commune", indicators_path=indicators)
    assert _summary(commune.results or []) == {
        ("plan_a", "commune", "26905", "Phường Bình Lợi Trung", "2024", 1)
    }


def test_current_commune_partly_from_the_territory_is_outside(tmp_path: Path) -> None:
    # Current Phường Đống Đa (00235) was formed only from communes of legacy Quận Đống Đa
    # (006); current Phường Ô Chợ Dừa (00190) partly from them, partly from Ba Đình's (001).
    lineage = registry.lineage()
    legacy = registry.communes("legacy").set_index("code")["district_code"]

    def sources(code: str) -> set[str]:
        return set(lineage.loc[lineage["current_code"] == code, "legacy_code"].map(legacy))

    assert sources("00235") == {"006"}
    assert "006" in sources("00190")
    assert len(sources("00190")) > 1
    rows = [
        ["01", "", "00235", "Phường Đống Đa", "2025-H2", 1000, 950],
        ["01", "", "00190", "Phường Ô Chợ Dừa", "2025-H2", 2000, 1900],
    ]
    path = write_table(tmp_path / "hn.csv", [HEADER, *rows])
    indicators = _indicators(tmp_path, '{district: "006", units: legacy}')
    report = check_files([path], indicators_path=indicators)
    # The plan's top level is its district: no province result.
    assert _summary(report.results or []) == {
        ("plan_a", "district", "006", "Quận Đống Đa", "2025-H2", 1)
    }
    coverage = next(r for r in report.results or [] if r.plan == "plan_a")
    assert coverage.value == pytest.approx(95.0)
    (partial,) = _info(report.findings, "territory_partial")
    assert (partial.value, partial.params["name"], partial.params["plan"]) == (
        "00190",
        "Phường Ô Chợ Dừa",
        "plan_a",
    )
    assert partial.params["units"] == "current"
    assert finding_message(partial, "vi") == (
        "Phường Ô Chợ Dừa (00190, đơn vị hành chính 2 cấp từ 07/2025) được lập một phần từ"
        " địa bàn của kế hoạch plan_a, một phần từ ngoài địa bàn: các dòng của đơn vị này"
        " không tính cho kế hoạch đó"
    )
    assert finding_message(partial, "en") == (
        "Phường Ô Chợ Dừa (00190, in the two-tier administrative units from 07/2025) was"
        " formed partly from the territory of plan plan_a and partly from outside it: its"
        " rows are outside that plan"
    )


def test_plan_without_territory_takes_the_whole_input(tmp_path: Path) -> None:
    rows = [*_hanoi_rows("2024"), ["15", "140", "04621", "TT NT Liên Sơn", "2024", 500, 400]]
    path = write_table(tmp_path / "x.csv", [HEADER, *rows])
    report = check_files([path], indicators_path=_indicators(tmp_path, None))
    assert _summary(report.results or []) == {
        ("plan_a", "province", "01", "Thành phố Hà Nội", "2024", 2),
        ("plan_a", "province", "15", "Tỉnh Yên Bái", "2024", 1),
    }
    # Yên Bái's row alone is outside a Hà Nội plan: the plan is not shown.
    only = write_table(tmp_path / "yb.csv", [HEADER, rows[2]])
    hanoi = _indicators(tmp_path, '{province: "01", units: legacy}')
    report = check_files([only], indicators_path=hanoi)
    assert report.plans == []
    assert _info(report.findings, "plans_out_of_territory")[0].params == {"plans": "plan_a"}


def test_validate_reads_legacy_data_in_current_units_as_check_does() -> None:
    """`--units current` on 2024 data: the codes are legacy ones, rolled up to current
    units, in every command (SPEC §7.5), not 55 legacy codes unknown in the current list."""
    checked = check_files([YEN_BAI], units="current")
    validated = validate_files([YEN_BAI], units="current")
    assert "unknown_unit" not in {f.code for f in validated.findings}
    assert [f for f in validated.findings if f.code != "plans_out_of_territory"] == [
        f for f in checked.findings if f.code != "plans_out_of_territory"
    ]
    # The coverage is that of the current province the communes became part of.
    province = [(c.unit_code, c.units, c.expected, c.reported) for c in validated.coverage]
    assert ("15", "current", 99, 26) in province

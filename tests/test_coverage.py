"""Which communes should have reported and which did (SPEC §7.3), and what the gaps do to the
verdicts (§4.2), on real units: the registry is the oracle for every expected count."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from builders import Sheet, write_table, write_workbook

from ycs.api import check_files, validate_files
from ycs.indicators.compliance import Result
from ycs.place import registry
from ycs.present.fitted_table import Cell, Layout
from ycs.present.terminal import findings_table
from ycs.present.text import json_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
YEN_BAI = SAMPLES / "yen_bai_2024.xlsx"
LAO_CAI = SAMPLES / "lao_cai_2025_hai_cap.xlsx"
HEADER = [
    "Mã tỉnh",
    "Mã huyện",
    "Mã xã",
    "Tên xã",
    "Kỳ báo cáo",
    "Dân số",
    "Xã đạt Bộ tiêu chí quốc gia về y tế",
]
# Two communes of Huyện Văn Chấn (140, Yên Bái) that send nothing for October.
GAPS = ("04633", "04648")


def _van_chan(period: str, skip: tuple[str, ...] = ()) -> list[list[object]]:
    """Văn Chấn's communes as the registry lists them, less `skip`; the last two that
    report are not recognised under the national criteria, the others are."""
    table = registry.communes("legacy")
    rows = table[(table["district_code"] == "140") & ~table["code"].isin(skip)]
    out: list[list[object]] = [
        [p, d, c, n, period, 1000, "Có"]
        for p, d, c, n in rows[["province_code", "district_code", "code", "name"]].to_numpy()
    ]
    for row in out[-2:]:
        row[-1] = "Không"
    return out


def _two_missing_in_october(tmp_path: Path) -> Path:
    rows = [*_van_chan("2024-09"), *_van_chan("2024-10", skip=GAPS)]
    return write_table(tmp_path / "van_chan.csv", [HEADER, *rows])


def _one(results: list[Result] | None, plan: str | None, indicator: str, **where: str) -> Result:
    (found,) = [
        r
        for r in results or []
        if r.plan == plan
        and r.indicator == indicator
        and all(getattr(r, k) == v for k, v in where.items())
    ]
    return found


def test_the_registry_gives_van_chan_24_communes_and_yen_bai_168() -> None:
    table = registry.communes("legacy")
    assert int((table["district_code"] == "140").sum()) == 24
    assert int((table["province_code"] == "15").sum()) == 168
    names = table.set_index("code")["name"]
    assert [names[c] for c in GAPS] == ["Xã Nậm Búng", "Xã Nậm Lành"]


def test_a_month_with_two_communes_missing_is_named(tmp_path: Path) -> None:
    report = validate_files([_two_missing_in_october(tmp_path)])
    (missing,) = [f for f in report.findings if f.code == "missing_units"]
    assert (missing.severity.value, missing.value, missing.sheet) == ("warning", "140", None)
    assert missing.params == {
        "unit": "Huyện Văn Chấn",
        "period": "2024-10",
        "expected": 24,
        "reported": 22,
        "count": 2,
        "listed": "04633 Xã Nậm Búng, 04648 Xã Nậm Lành",
        "missing": ["04633", "04648"],
    }
    document = json.loads(json_text(report, "vi"))
    (message,) = [f["message"] for f in document["findings"] if f["code"] == "missing_units"]
    assert message == (
        "Huyện Văn Chấn (140), kỳ 2024-10: 22/24 xã đã báo cáo;"
        " thiếu 2 xã: 04633 Xã Nậm Búng, 04648 Xã Nậm Lành"
    )
    # SPEC §5.1: one item per level, unit and period, with exactly these keys.
    keys = ["level", "unit_code", "unit_name", "period", "units", "expected", "reported"]
    assert {tuple(item) for item in document["coverage"]} == {(*keys, "missing")}
    found = [(*(c[k] for k in keys), len(c["missing"])) for c in document["coverage"]]
    assert found == [
        ("district", "140", "Huyện Văn Chấn", "2024-09", "legacy", 24, 24, 0),
        ("district", "140", "Huyện Văn Chấn", "2024-10", "legacy", 24, 22, 2),
        ("province", "15", "Tỉnh Yên Bái", "2024-09", "legacy", 168, 24, 144),
        ("province", "15", "Tỉnh Yên Bái", "2024-10", "legacy", 168, 22, 146),
    ]
    october = document["coverage"][1]
    assert october["missing"] == ["04633", "04648"]


def test_missing_communes_widen_the_bounds_at_district_level(tmp_path: Path) -> None:
    path = _two_missing_in_october(tmp_path)
    report = check_files([path], level="district", period="2024-10")
    # October: 22 of 24 communes sent a row, 20 of them recognised; 2 unknown.
    ntc = _one(report.results, "yb_2024", "ntc_commune_rate", unit_code="140")
    assert (ntc.unit_name, ntc.numerator, ntc.denominator) == ("Huyện Văn Chấn", 20, 22)
    assert (ntc.units_expected, ntc.units_reported, ntc.units_unknown) == (24, 22, 2)
    assert ntc.value == pytest.approx(100 * 20 / 22)  # 90.9 %
    assert ntc.value_low == pytest.approx(100 * 20 / 24)  # 83.3 %
    assert ntc.value_high == pytest.approx(100 * 22 / 24)  # 91.7 %
    assert ntc.status == "undetermined"  # ">= 86.1" holds at one bound only
    national = _one(report.results, "qd2348_2025", "ntc_commune_rate", unit_code="140")
    assert (national.value_low, national.status) == (pytest.approx(100 * 20 / 24), "not_met")
    completeness = _one(report.results, None, "reporting_completeness", unit_code="140")
    assert (completeness.numerator, completeness.denominator) == (22, 24)
    assert completeness.value == pytest.approx(100 * 22 / 24)  # 91.7 %
    assert (completeness.status, completeness.value_low) == (None, None)


def test_one_district_of_a_province_leaves_its_province_undetermined(tmp_path: Path) -> None:
    report = check_files([_two_missing_in_october(tmp_path)], period="2024-10")
    # Yên Bái expects 168 communes; 22 reported, so 146 are unknown.
    ntc = _one(report.results, "yb_2024", "ntc_commune_rate")
    assert (ntc.unit_code, ntc.unit_name) == ("15", "Tỉnh Yên Bái")
    assert (ntc.units_expected, ntc.units_reported, ntc.units_unknown) == (168, 22, 146)
    assert ntc.value_low == pytest.approx(100 * 20 / 168)  # 11.9 %
    assert ntc.value_high == pytest.approx(100 * 166 / 168)  # 98.8 %
    assert ntc.status == "undetermined"
    completeness = _one(report.results, None, "reporting_completeness")
    assert completeness.value == pytest.approx(100 * 22 / 168)  # 13.1 %


def test_reporting_completeness_of_a_commune_is_whether_it_reported(tmp_path: Path) -> None:
    report = check_files([_two_missing_in_october(tmp_path)], level="commune", period="2024-10")
    values = {
        r.unit_code: r.value
        for r in report.results or []
        if r.indicator == "reporting_completeness"
    }
    assert len(values) == 22
    assert set(values.values()) == {100.0}
    assert not set(GAPS) & set(values)


def test_yen_bai_sample_coverage_per_district_and_province() -> None:
    report = check_files([YEN_BAI])
    table = registry.communes("legacy")
    per_district = table[table["province_code"] == "15"].groupby("district_code").size()
    found = {(c.level, c.unit_code, c.unit_name, c.expected, c.reported) for c in report.coverage}
    assert found == {
        ("district", "135", "Huyện Lục Yên", 24, 24),
        ("district", "136", "Huyện Văn Yên", 25, 25),
        ("district", "137", "Huyện Mù Căng Chải", 14, 14),
        ("district", "139", "Huyện Trạm Tấu", 12, 12),
        # 24 + 25 + 14 + 12 = 75 of the province's 168.
        ("province", "15", "Tỉnh Yên Bái", 168, 75),
    }
    assert [int(per_district[d]) for d in ("135", "136", "137", "139")] == [24, 25, 14, 12]


def test_a_territorial_plan_counts_its_territory_like_the_national_plan() -> None:
    report = check_files([YEN_BAI])
    national = _one(report.results, "qd2348_2025", "ntc_commune_rate")
    local = _one(report.results, "yb_2024", "ntc_commune_rate")
    for result in (national, local):
        assert (result.unit_code, result.unit_name) == ("15", "Tỉnh Yên Bái")
        assert (result.numerator, result.denominator) == (66, 75)
        assert (result.units_expected, result.units_reported, result.units_unknown) == (
            168,
            75,
            93,
        )
        assert result.value_low == pytest.approx(100 * 66 / 168)  # 39.3 %
        assert result.value_high == pytest.approx(100 * 159 / 168)  # 94.6 %
    # ">= 86.1" is met at 94.6 % and not at 39.3 %; ">= 100" at neither.
    assert (local.status, national.status) == ("undetermined", "not_met")
    # District-sheet targets count the province's 9 legacy districts, all in the sample.
    satisfaction = _one(report.results, "yb_2024", "patient_satisfaction_units_rate")
    assert (satisfaction.units_expected, satisfaction.units_reported) == (9, 9)
    assert int((registry.districts()["province_code"] == "15").sum()) == 9


def test_yen_bai_plan_on_2025_data_expects_the_communes_formed_from_yen_bai() -> None:
    # Current communes formed only from legacy Yên Bái communes, by the lineage: 51, all in
    # the Lào Cai sample (which holds all 99 current Lào Cai communes).
    lineage = registry.lineage()
    legacy = registry.communes("legacy").set_index("code")["province_code"]
    wholly = lineage["legacy_code"].map(legacy).eq("15").groupby(lineage["current_code"]).all()
    assert int(wholly.sum()) == 51
    report = check_files([LAO_CAI])
    local = _one(report.results, "yb_2024", "ntc_commune_rate")
    assert (local.unit_code, local.unit_name, local.period) == ("15", "Tỉnh Yên Bái", "2025-H2")
    assert (local.units_expected, local.units_reported, local.units_unknown) == (51, 51, 0)
    national = _one(report.results, "qd2348_2025", "ntc_commune_rate")
    assert (national.unit_name, national.units_expected, national.units_reported) == (
        "Tỉnh Lào Cai",
        99,
        99,
    )
    # The sample's district sheet holds regional health centres of current Lào Cai, formed
    # from two legacy provinces: none lies inside legacy Yên Bái, so its targets have no data
    # there, for the territory itself rather than for an unnamed whole input.
    satisfaction = _one(report.results, "yb_2024", "patient_satisfaction_units_rate")
    assert (satisfaction.unit_code, satisfaction.unit_name, satisfaction.status) == (
        "15",
        "Tỉnh Yên Bái",
        "no_data",
    )
    assert (satisfaction.units_expected, satisfaction.units_reported) == (None, None)
    # The centres are not administrative units: no expected count, but the official name.
    centres = _one(report.results, "qd2348_2025", "district_list90_rate")
    assert (centres.unit_name, centres.units_expected) == ("Tỉnh Lào Cai", None)


def test_plans_sharing_a_territory_hear_of_a_partial_commune_once(tmp_path: Path) -> None:
    # Current Phường Ô Chợ Dừa (00190) was formed partly from legacy Quận Đống Đa (006).
    text = """
        version: 1
        indicators:
          - id: coverage
            name: Tỷ lệ dân số tham gia BHYT
            sheet: commune
            numerator: sum(insured_population)
            denominator: sum(population)
            factor: 100
        plans:
    """
    for plan in ("plan_a", "plan_b"):
        text += f"""
          - id: {plan}
            name: Kế hoạch
            document: KH
            scope: Quận Đống Đa
            territory: {{district: "006", units: legacy}}
            year: 2030
            targets:
              coverage: ">= 90"
        """
    indicators = tmp_path / "indicators.yaml"
    indicators.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    header = ["Mã tỉnh", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Số người có thẻ BHYT"]
    rows = [
        ["01", "00235", "Phường Đống Đa", "2025-H2", 1000, 950],
        ["01", "00190", "Phường Ô Chợ Dừa", "2025-H2", 2000, 1900],
    ]
    path = write_table(tmp_path / "hn.csv", [header, *rows])
    report = check_files([path], indicators_path=indicators)
    partial = [f for f in report.findings if f.code == "territory_partial"]
    assert [(f.value, f.params["plan"]) for f in partial] == [("00190", "plan_a, plan_b")]


def test_each_unit_missing_communes_has_its_own_line_in_the_terminal(tmp_path: Path) -> None:
    # One current commune of Sơn La (14) and one of Lào Cai (15): each province misses the
    # rest of its communes, and the terminal, which summarises findings per code and
    # column, must still name both provinces (neither has a cell to point at).
    rows = [
        ["14", None, "03980", "Phường Mộc Châu", "2025-H2", 1000, "Có"],
        ["15", None, "04465", "Xã Khao Mang", "2025-H2", 1000, "Có"],
    ]
    report = validate_files([write_table(tmp_path / "hai_tinh.csv", [HEADER, *rows])])
    current = registry.communes("current")
    sizes = current.groupby("province_code").size()
    assert (int(sizes["14"]), int(sizes["15"])) == (75, 99)
    (layout,) = findings_table(report.findings, "vi").layouts
    assert isinstance(layout, Layout)
    lines = [
        (str(code.plain), str(place.plain), str(message.plain).split(":")[0])
        for _, code, place, message in (
            [c if isinstance(c, Cell) else Cell(c.plain) for c in row] for row in layout.rows
        )
    ]
    assert lines == [
        ("missing_units", "", "Tỉnh Sơn La (14), kỳ 2025-H2"),
        ("missing_units", "", "Tỉnh Lào Cai (15), kỳ 2025-H2"),
    ]


# --- Legacy rows rolled up to current units (SPEC §7.5) -------------------------------------
# Rolled up, a current commune holds one row per legacy commune it was formed from, so the
# stations a rate counts are legacy communes: the unknown ones are the legacy communes that
# sent nothing, while "reported/expected" still counts current communes.


def _sources(current: str) -> list[str]:
    lineage = registry.lineage()
    return sorted(lineage.loc[lineage["current_code"] == current, "legacy_code"])


def test_a_rolled_up_commune_counts_its_legacy_communes_that_sent_nothing(
    tmp_path: Path,
) -> None:
    # Current Xã Gia Hội (04636) was formed from legacy Nậm Búng (04633), Gia Hội (04636)
    # and Nậm Lành (04648): in October only Gia Hội reported (recognised), so 1 of its 3
    # stations is known: 1/3 = 33.3 % to 3/3 = 100 %.
    assert _sources("04636") == ["04633", "04636", "04648"]
    report = check_files(
        [_two_missing_in_october(tmp_path)], units="current", level="commune", period="2024-10"
    )
    for plan in ("qd2348_2025", "yb_2024"):
        ntc = _one(report.results, plan, "ntc_commune_rate", unit_code="04636")
        assert (ntc.unit_name, ntc.numerator, ntc.denominator) == ("Xã Gia Hội", 1, 1)
        # One current commune expected, and it reported; two of its stations are unknown.
        assert (ntc.units_expected, ntc.units_reported, ntc.units_unknown) == (1, 1, 2)
        assert ntc.value == pytest.approx(100.0)
        assert ntc.value_low == pytest.approx(100 * 1 / 3)
        assert ntc.value_high == pytest.approx(100.0)
        assert ntc.status == "undetermined"  # ">= 100" and ">= 86.1": met at one bound only
    # Xã Nghĩa Tâm (04711) was formed from 04702, 04708, 04711, all reported: no bounds
    # to widen (1 recognised of 3).
    assert _sources("04711") == ["04702", "04708", "04711"]
    whole = _one(report.results, "yb_2024", "ntc_commune_rate", unit_code="04711")
    assert (whole.numerator, whole.denominator, whole.units_unknown) == (1, 3, 0)
    assert (whole.value_low, whole.value_high, whole.status) == (
        pytest.approx(100 / 3),
        pytest.approx(100 / 3),
        "not_met",
    )


def test_rolled_up_province_bounds_count_stations_not_current_communes(tmp_path: Path) -> None:
    # Current Lào Cai (15) was formed from legacy Lào Cai's 151 communes and Yên Bái's 168:
    # 319 stations. October: 22 Văn Chấn communes reported, 20 recognised; 319 - 22 = 297
    # unknown, so 20/319 = 6.3 % to 317/319 = 99.4 %. They lie in 11 of its 99 current
    # communes, which is what "reported/expected" says.
    lineage = registry.lineage()
    into_lao_cai = lineage.loc[lineage["current_province_code"] == "15", "legacy_code"]
    assert into_lao_cai.nunique() == 319
    report = check_files([_two_missing_in_october(tmp_path)], units="current", period="2024-10")
    national = _one(report.results, "qd2348_2025", "ntc_commune_rate")
    assert (national.unit_code, national.unit_name) == ("15", "Tỉnh Lào Cai")
    assert (national.numerator, national.denominator) == (20, 22)
    assert (national.units_expected, national.units_reported, national.units_unknown) == (
        99,
        11,
        297,
    )
    assert national.value_low == pytest.approx(100 * 20 / 319)
    assert national.value_high == pytest.approx(100 * 317 / 319)
    assert national.status == "not_met"  # ">= 100" at neither bound
    # Yên Bái's plan: the 51 current communes formed from Yên Bái alone, from its 168
    # legacy communes; 168 - 22 = 146 unknown, exactly as when the file is read in legacy
    # units (20/168 = 11.9 % to 166/168 = 98.8 %): rolling up does not change what is known.
    local = _one(report.results, "yb_2024", "ntc_commune_rate")
    assert (local.unit_code, local.unit_name) == ("15", "Tỉnh Yên Bái")
    assert (local.units_expected, local.units_reported, local.units_unknown) == (51, 11, 146)
    assert local.value_low == pytest.approx(100 * 20 / 168)
    assert local.value_high == pytest.approx(100 * 166 / 168)
    assert local.status == "undetermined"
    legacy = _one(
        check_files([_two_missing_in_october(tmp_path)], period="2024-10").results,
        "yb_2024",
        "ntc_commune_rate",
    )
    assert (legacy.value_low, legacy.value_high) == (local.value_low, local.value_high)
    # Completeness stays a share of current communes: 11 of 99.
    completeness = _one(report.results, None, "reporting_completeness")
    assert (completeness.numerator, completeness.denominator) == (11, 99)


def test_a_divided_legacy_commune_is_one_station_of_its_province_and_none_of_a_commune(
    tmp_path: Path,
) -> None:
    # Legacy Phường Ngọc Hà (00016) was divided among several current communes of Hà Nội,
    # one of them Phường Ba Đình (00004), which was also formed wholly from legacy Trúc
    # Bạch (00004) and Quán Thánh (00013).
    lineage = registry.lineage()
    assert sorted(lineage.loc[lineage["legacy_code"] == "00016", "current_code"]) == [
        "00004",
        "00008",
    ]
    whole = lineage[(lineage["current_code"] == "00004") & ~lineage["divided"]]
    assert sorted(whole["legacy_code"]) == ["00004", "00013"]
    rows = [
        ["01", "001", "00004", "Phường Trúc Bạch", "2024", 1000, "Có"],
        ["01", "001", "00016", "Phường Ngọc Hà", "2024", 3000, "Không"],
    ]
    path = write_table(tmp_path / "hn.csv", [HEADER, *rows])
    # Province: Hà Nội's 526 legacy communes, each divided one counted once; 2 reported,
    # 524 unknown: 1/526 = 0.2 % to 525/526 = 99.8 %. Ngọc Hà lies in no single current
    # commune, so of the 126 current communes one (Ba Đình) reported.
    into_hanoi = lineage.loc[lineage["current_province_code"] == "01", "legacy_code"]
    assert into_hanoi.nunique() == 526
    province = check_files([path], units="current")
    ntc = _one(province.results, "qd2348_2025", "ntc_commune_rate")
    assert (ntc.unit_name, ntc.numerator, ntc.denominator) == ("Thành phố Hà Nội", 1, 2)
    assert (ntc.units_expected, ntc.units_reported, ntc.units_unknown) == (126, 1, 524)
    assert ntc.value_low == pytest.approx(100 * 1 / 526)
    assert ntc.value_high == pytest.approx(100 * 525 / 526)
    # Commune: Ngọc Hà is left out; Ba Đình's stations are Trúc Bạch's (recognised) and
    # Quán Thánh's (no row): 1/2 = 50 % to 2/2 = 100 %.
    commune = check_files([path], units="current", level="commune")
    ba_dinh = _one(commune.results, "qd2348_2025", "ntc_commune_rate", unit_code="00004")
    assert (ba_dinh.numerator, ba_dinh.denominator, ba_dinh.units_unknown) == (1, 1, 1)
    assert (ba_dinh.units_expected, ba_dinh.units_reported) == (1, 1)
    assert ba_dinh.value_low == pytest.approx(50.0)
    assert ba_dinh.value_high == pytest.approx(100.0)
    assert ba_dinh.status == "undetermined"


# --- The district sheet against the legacy districts (SPEC §7.2) ----------------------------

DISTRICT_HEADER = [
    "Mã tỉnh",
    "Tỉnh/Thành phố",
    "Mã huyện",
    "Huyện/Quận/Thị xã",
    "Kỳ báo cáo",
    "Số kỹ thuật được chuyển giao",
]


def _workbook(tmp_path: Path, district_rows: list[list[object]], period: str) -> Path:
    communes = [row[:6] for row in _van_chan(period)]
    return write_workbook(
        tmp_path / "yen_bai.xlsx",
        Sheet("Xã", [HEADER[:6], *communes]),
        Sheet("Huyện", [DISTRICT_HEADER, *district_rows]),
    )


def test_district_codes_and_names_are_checked_like_communes(tmp_path: Path) -> None:
    names = registry.districts().set_index("code")["name"]
    assert [names[c] for c in ("138", "141", "133")] == [
        "Huyện Trấn Yên",
        "Huyện Yên Bình",
        "Thị xã Nghĩa Lộ",
    ]
    rows: list[list[object]] = [
        ["15", "Yên Bái", "140", "Huyện Văn Chấn", "2024", 5],
        ["15", "Yên Bái", "999", "Huyện Không Có", "2024", 3],  # no such district
        ["10", "Lào Cai", "138", "Huyện Trấn Yên", "2024", 4],  # Trấn Yên is Yên Bái's
        ["15", "Yên Bái", "141", "Huyện Yên Bình Mới", "2024", 2],  # misspelt
        # A centre named for its district: the unit type words are not compared.
        ["15", "Yên Bái", "133", "Trung tâm Y tế thị xã Nghĩa Lộ", "2024", 1],
    ]
    report = check_files([_workbook(tmp_path, rows, "2024")], plans=["yb_2024"])
    placed = [
        (f.code, f.sheet, f.row, f.column, f.value, f.params.get("official"))
        for f in report.findings
        if f.code in ("unknown_unit", "wrong_parent", "unit_name_mismatch")
    ]
    assert placed == [
        ("unknown_unit", "Huyện", 3, "C", "999", None),
        ("wrong_parent", "Huyện", 4, "A", "10", "15"),
        ("unit_name_mismatch", "Huyện", 5, "D", "Huyện Yên Bình Mới", "Huyện Yên Bình"),
    ]
    messages = {f["code"]: f["message"] for f in json.loads(json_text(report, "en"))["findings"]}
    assert messages["wrong_parent"] == "District 138 belongs to province 15, not 10"
    # The unknown district is left out; the others are Yên Bái's: 5 + 4 + 2 + 1 = 12
    # techniques from 4 of its 9 legacy districts.
    techniques = _one(report.results, "yb_2024", "techniques_transferred")
    assert (techniques.unit_code, techniques.unit_name, techniques.value) == (
        "15",
        "Tỉnh Yên Bái",
        12,
    )
    assert (techniques.units_expected, techniques.units_reported) == (9, 4)


def test_regional_health_centres_of_2025_are_not_checked(tmp_path: Path) -> None:
    rows: list[list[object]] = [["15", "Lào Cai", "901", "TTYT khu vực Văn Chấn", "2025-H2", 3]]
    table = registry.communes("current")
    communes = table[table["province_code"] == "15"].head(3)
    commune_rows = [
        ["15", None, c, n, "2025-H2", 1000] for c, n in communes[["code", "name"]].to_numpy()
    ]
    path = write_workbook(
        tmp_path / "lao_cai.xlsx",
        Sheet("Xã", [HEADER[:6], *commune_rows]),
        Sheet("Huyện", [DISTRICT_HEADER, *rows]),
    )
    findings = validate_files([path]).findings
    assert [f.code for f in findings if f.sheet == "Huyện"] == []

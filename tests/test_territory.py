"""Codes and names checked against the official units (SPEC §7.1–7.2), with real units."""

from __future__ import annotations

import json
from pathlib import Path

from builders import write_table

from ycs import validate_files
from ycs.errors import Finding
from ycs.place import registry
from ycs.present.text import json_text

HEADER = ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số"]


def _van_chan(period: str = "2024-10") -> list[list[object]]:
    """Every legacy commune of Huyện Văn Chấn (140, Yên Bái), as the registry lists them."""
    table = registry.communes("legacy")
    rows = table[table["district_code"] == "140"]
    return [
        [p, d, c, n, period, 1000]
        for p, d, c, n in rows[["province_code", "district_code", "code", "name"]].to_numpy()
    ]


def _territory(findings: list[Finding]) -> list[tuple[str, int | None, str | None, str | None]]:
    codes = {"unknown_unit", "wrong_parent", "unit_name_mismatch", "units_chosen"}
    return [(f.code, f.row, f.column, f.value) for f in findings if f.code in codes]


def test_official_district_passes_clean(tmp_path: Path) -> None:
    rows = _van_chan()
    assert len(rows) == 24
    report = validate_files([write_table(tmp_path / "vc.csv", [HEADER, *rows])])
    assert _territory(report.findings) == []


def test_unknown_code_wrong_district_and_names(tmp_path: Path) -> None:
    rows = _van_chan()
    rows[0][2] = "99999"  # no legacy commune has this code
    rows[1][1] = "137"  # Mù Căng Chải, not the commune's Văn Chấn
    official = rows[2][3]
    rows[2][3] = "Xã Khao Manh"  # misspelt
    rows[3][3] = str(rows[3][3]).upper()  # case only: same name
    path = write_table(tmp_path / "vc.csv", [HEADER, *rows])
    report = validate_files([path])
    assert _territory(report.findings) == [
        ("unknown_unit", 2, "C", "99999"),
        ("wrong_parent", 3, "B", "137"),
        ("unit_name_mismatch", 4, "D", "Xã Khao Manh"),
    ]
    wrong = next(f for f in report.findings if f.code == "wrong_parent")
    assert wrong.params["official"] == "140"
    mismatch = next(f for f in report.findings if f.code == "unit_name_mismatch")
    assert mismatch.params["official"] == official


def test_accents_placed_differently_match(tmp_path: Path) -> None:
    table = registry.communes("legacy").set_index("code")
    assert table.loc["04621", "name"] == "Thị trấn NT Liên Sơn"
    rows = [
        ["15", "140", "04621", "TT NT Liên Sơn", "2024-10", 1000],
        ["15", "137", "04465", "Xã Khao Mang", "2024-10", 1000],
    ]
    report = validate_files([write_table(tmp_path / "x.csv", [HEADER, *rows])])
    assert _territory(report.findings) == []


def test_current_units_for_second_half_of_2025(tmp_path: Path) -> None:
    # 04465 exists in both sets; 02647 (Phường Lào Cai) only in the current one.
    rows = [
        ["15", None, "02647", "Phường Lào Cai", "2025-H2", 1000],
        ["15", None, "04465", "Xã Khao Mang", "2025-H2", 1000],
    ]
    path = write_table(tmp_path / "lc.csv", [HEADER, *rows])
    assert _territory(validate_files([path]).findings) == []
    # Forced to legacy units, 02647 is Phường Kim Tân of legacy Lào Cai (10).
    legacy = validate_files([path], units="legacy").findings
    assert _territory(legacy) == [
        ("wrong_parent", 2, "A", "15"),
        ("unit_name_mismatch", 2, "D", "Phường Lào Cai"),
    ]
    placed = [f for f in legacy if f.code not in ("units_chosen", "missing_units")]
    assert [f.params["official"] for f in placed][:2] == [
        "10",
        "Phường Kim Tân",
    ]


def test_year_spanning_the_reorganisation_says_which_set(tmp_path: Path) -> None:
    rows = [
        ["14", None, "03980", "Phường Mộc Châu", "2025", 1000],
        ["15", None, "04465", "Xã Khao Mang", "2025", 1000],
    ]
    # 03980 exists only in the current set; 04465 in both.
    findings = validate_files([write_table(tmp_path / "y.csv", [HEADER, *rows])]).findings
    chosen = [f for f in findings if f.code == "units_chosen"]
    assert [(f.params["units"], f.params["legacy"], f.params["current"]) for f in chosen] == [
        ("current", 1, 2)
    ]
    assert _territory(findings) == [("units_chosen", None, None, None)]


def _messages(report: object, code: str) -> dict[str, list[str]]:
    """The messages of the findings with `code`, in each language, as JSON gives them."""
    return {
        lang: [
            f["message"]
            for f in json.loads(json_text(report, lang))["findings"]  # type: ignore[arg-type]
            if f["code"] == code
        ]
        for lang in ("vi", "en")
    }


def test_the_set_chosen_is_said_in_words_and_kept_as_a_value(tmp_path: Path) -> None:
    rows = [
        ["14", None, "03980", "Phường Mộc Châu", "2025", 1000],
        ["15", None, "04465", "Xã Khao Mang", "2025", 1000],
    ]
    report = validate_files([write_table(tmp_path / "y.csv", [HEADER, *rows])])
    assert _messages(report, "units_chosen") == {
        "vi": [
            "Kỳ 2025 đọc mã theo đơn vị hành chính 2 cấp từ 07/2025"
            " (mã xã tìm thấy: 1 trong danh mục trước 07/2025, 2 trong danh mục từ 07/2025)"
        ],
        "en": [
            "Period 2025 read in the two-tier administrative units from 07/2025"
            " (commune codes found: 1 in the list before 07/2025, 2 in the list from 07/2025)"
        ],
    }
    # The data keeps the machine value: the finding's parameter and JSON's coverage.
    (chosen,) = [f for f in report.findings if f.code == "units_chosen"]
    assert chosen.params["units"] == "current"
    coverage = json.loads(json_text(report, "en"))["coverage"]
    assert {c["units"] for c in coverage} == {"current"}


def test_an_unknown_code_names_the_list_it_is_missing_from(tmp_path: Path) -> None:
    rows = _van_chan()
    rows[0][2] = "99999"
    report = validate_files([write_table(tmp_path / "vc.csv", [HEADER, *rows])])
    assert _messages(report, "unknown_unit") == {
        "vi": [
            "Mã 99999 không có trong danh mục đơn vị hành chính 3 cấp trước 07/2025;"
            " dòng không được tính"
        ],
        "en": [
            "Code 99999 is not in the official list of the three-tier administrative units"
            " before 07/2025; the row is left out"
        ],
    }


def test_rows_without_a_period_are_validated_not_crashed(tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "khong_ky.csv", [["Mã xã", "Tên xã", "Dân số"], ["04303", "Yên Thế", "1000"]]
    )
    codes = [f.code for f in validate_files([path]).findings]
    assert "missing_period" in codes

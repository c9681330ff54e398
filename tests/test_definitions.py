"""indicators.yaml: the default content, and every problem a broken file can hold, positioned."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from ycs.errors import DefinitionError, DefinitionProblem, YcsError
from ycs.indicators.definitions import (
    FORMULA_ROLES,
    Indicator,
    Plan,
    Target,
    formula_fields,
    load_definitions,
)
from ycs.present.messages import definition_problem, error_message
from ycs.words import Lang

# SPEC §4.1: plan id → (deadline year, targets).
SPEC_PLANS: dict[str, tuple[int, dict[str, str]]] = {
    "bmt_kh197_2020": (
        2020,
        {
            "chs_bhyt_kcb_rate": "> 90",
            "chs_list_over80_rate": ">= 100",
            "district_list_pct": ">= 80",
            "ntc_commune_rate": ">= 100",
            "health_managed_rate": "> 90",
            "chs_maintained_rate": ">= 100",
        },
    ),
    "bmt_kh197_2025": (
        2025,
        {
            "chs_bhyt_kcb_rate": ">= 100",
            "chs_full_primary_care_rate": ">= 100",
            "chs_list_over90_rate": ">= 100",
            "district_list_pct": ">= 90",
            "ntc_commune_rate": ">= 100",
            "health_managed_rate": ">= 100",
        },
    ),
    "qd2348_2025": (
        2025,
        {
            "chs_bhyt_kcb_rate": ">= 100",
            "chs_full_primary_care_rate": ">= 100",
            "chs_list90_rate": ">= 100",
            "district_list90_rate": ">= 100",
            "ntc_commune_rate": ">= 100",
            "health_managed_rate": ">= 100",
        },
    ),
    "ld_kh572_2030": (
        2030,
        {
            "chs_permanent_doctor_rate": ">= 100",
            "village_vhw_rate": ">= 100",
            "ntc_commune_rate": ">= 100",
            "bhyt_coverage": "> 95",
            "primary_care_bhyt_rate": "> 95",
            "health_managed_rate": "> 95",
            "high_risk_checked_rate": ">= 100",
        },
    ),
    "yb_2024": (
        2024,
        {
            "ntc_commune_rate": ">= 86.1",
            "patient_satisfaction_units_rate": ">= 100",
            "scorecard_applied_rate": ">= 100",
            "food_inspection_rate": ">= 85",
            "capital_disbursement_rate": ">= 90",
            "techniques_transferred": ">= 21",
            "new_techniques": ">= 80",
        },
    ),
    "nq72_2027": (2027, {"chs_4doctors_rate": ">= 100"}),
    "nq72_2030": (2030, {"full_immunisation_rate": "> 95"}),
    "qn_kh193_2025": (2025, {}),
}

SPEC_INDICATORS = [
    "bhyt_coverage",
    "chs_bhyt_kcb_rate",
    "chs_full_primary_care_rate",
    "chs_maintained_rate",
    "chs_list80_rate",
    "chs_list90_rate",
    "chs_list_over80_rate",
    "chs_list_over90_rate",
    "chs_doctor_rate",
    "chs_permanent_doctor_rate",
    "chs_4doctors_rate",
    "doctors_per_station",
    "village_vhw_rate",
    "ntc_commune_rate",
    "health_managed_rate",
    "ehr_coverage",
    "primary_care_bhyt_rate",
    "high_risk_checked_rate",
    "full_immunisation_rate",
    "htn_managed_rate",
    "dm_managed_rate",
    "scorecard_applied_rate",
    "infant_mortality_per_1000",
    "district_list_pct",
    "district_list80_rate",
    "district_list90_rate",
    "patient_satisfaction_rate",
    "patient_satisfaction_units_rate",
    "food_inspection_rate",
    "capital_disbursement_rate",
    "techniques_transferred",
    "new_techniques",
    "reporting_completeness",
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "indicators.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[str, str, int | None]]:
    with pytest.raises(DefinitionError) as caught:
        load_definitions(path)
    assert caught.value.path == str(path)
    return [(p.key, p.where, p.position) for p in caught.value.problems]


VALID_INDICATOR = """
  - id: coverage
    name: Tỷ lệ dân số tham gia BHYT
    sheet: commune
    numerator: sum(insured_population)
    denominator: sum(population)
    factor: 100
"""


# --- The default file ---------------------------------------------------------------------


def test_default_file_has_exactly_the_spec_plans_targets_and_years() -> None:
    definitions = load_definitions()
    found = {
        plan.id: (plan.year, {i: str(t) for i, t in plan.targets.items()})
        for plan in definitions.plans.values()
    }
    assert found == SPEC_PLANS


def test_default_file_has_every_spec_indicator_in_spec_order() -> None:
    assert list(load_definitions().indicators) == SPEC_INDICATORS


def test_default_indicators_are_described_in_both_languages() -> None:
    for indicator in load_definitions().indicators.values():
        assert indicator.name_en, indicator.id
        assert indicator.unit in {"%", "‰", "bác sĩ/trạm", "kỹ thuật"}, indicator.id
        assert indicator.fields <= formula_fields(indicator.sheet), indicator.id


@pytest.mark.parametrize(
    ("plan_id", "document", "scope"),
    [
        ("bmt_kh197_2020", "Kế hoạch 197/KH-UBND ngày 27/12/2018", "Buôn Ma Thuột"),
        ("qd2348_2025", "Quyết định 2348/QĐ-TTg ngày 05/12/2016", "national"),
        ("ld_kh572_2030", "Kế hoạch 572/KH-UBND ngày 18/01/2024", "Lâm Đồng"),
        ("yb_2024", "11 nhiệm vụ trọng tâm năm 2024", "Yên Bái"),
        ("nq72_2030", "Nghị quyết 72-NQ/TW ngày 09/09/2025", "national"),
    ],
)
def test_default_plans_cite_their_document_and_scope(
    plan_id: str, document: str, scope: str
) -> None:
    plan = load_definitions().plans[plan_id]
    assert document in plan.document
    assert scope in plan.scope
    assert plan.name_en


# Four communes in one province (the last has no station) and two district centres.
COMMUNES = {
    "has_station": [1, 1, 1, 0],
    "tech_services_list": [100, 80, 70, 50],
    "tech_services_performed": [80, 71, 63, 0],  # 80 %, 88.75 %, exactly 90 %, none
    "doctors_working": [2, 0, 1, 0],
    "doctors_permanent": [1, 0, 0, 0],
    "station_bhyt_kcb": [1, 1, 0, 0],
    "population": [1000, 2000, 3000, 500],
    "insured_population": [950, 1900, 2900, 400],
    "ntc_pass": [1, 0, 1, 1],
    "deaths_under_1": [1, 0, 2, 0],
    "live_births": [100, 50, 150, 0],
}
DISTRICTS = {
    "district_tech_services_list": [100, 200, 50],
    "district_tech_services_performed": [80, 150, 45],  # 80 %, 75 %, 90 %
    "techniques_transferred": [12, 9, 0],
}


@pytest.mark.parametrize(
    ("indicator_id", "expected"),
    [
        ("chs_list80_rate", 100 * 3 / 3),
        ("chs_list90_rate", 100 * 1 / 3),
        ("chs_bhyt_kcb_rate", 100 * 2 / 3),
        ("chs_doctor_rate", 100 * 2 / 3),
        ("chs_permanent_doctor_rate", 100 * 1 / 3),
        ("doctors_per_station", 1 * 3 / 3),
        ("bhyt_coverage", 100 * 6150 / 6500),
        ("ntc_commune_rate", 100 * 3 / 4),
        ("infant_mortality_per_1000", 1000 * 3 / 300),
        ("district_list_pct", 100 * 275 / 350),
        ("district_list80_rate", 100 * 2 / 3),
        ("district_list90_rate", 100 * 1 / 3),
        ("techniques_transferred", 21),
    ],
)
def test_default_indicator_value_on_a_small_province(indicator_id: str, expected: float) -> None:
    indicator = load_definitions().indicators[indicator_id]
    rows = COMMUNES if indicator.sheet == "commune" else DISTRICTS
    columns = {name: np.array(rows[name], dtype=np.float64) for name in indicator.fields}
    groups = np.zeros(len(next(iter(rows.values()))), dtype=np.intp)

    def evaluate(role: str) -> float:
        formula = indicator.formula(role)  # type: ignore[arg-type]
        assert formula is not None
        return float(formula.evaluate(columns, groups, 1)[0])

    if indicator.value is not None:
        value = indicator.factor * evaluate("value")
    else:
        value = indicator.factor * evaluate("numerator") / evaluate("denominator")
    assert value == expected


def test_default_indicators_evaluate_a_national_year_quickly() -> None:
    # 10,600 communes x 12 months, grouped by commune: a per-row Python loop would take seconds.
    indicators = load_definitions().indicators.values()
    rows = 127_200
    rng = np.random.default_rng(0)
    names = frozenset().union(*(i.fields for i in indicators))
    columns = {name: rng.integers(0, 50, rows).astype(np.float64) for name in names}
    groups = (np.arange(rows) % 10_600).astype(np.intp)
    formulas = [f for i in indicators for r in FORMULA_ROLES if (f := i.formula(r)) is not None]
    started = time.perf_counter()
    for formula in formulas:
        formula.evaluate(columns, groups, 10_600)
    assert time.perf_counter() - started < 0.5


# --- Problems in a file -------------------------------------------------------------------


def test_broken_file_reports_every_problem_with_its_place(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        version: 1
        indicators:
          - id: coverage
            name: Bao phủ BHYT
            sheet: commune
            numerator: sum(insured_populaton)
            denominator: sum(population) + foo(1)
            factor: 100
          - id: doctors
            name: Bác sĩ
            sheet: commune
            numerator: sum(doctors_total)
            denominator: count(has_station and commune_name)
            numerater: sum(doctors_working)
          - id: both
            name: Cả hai
            sheet: district
            numerator: sum(new_techniques)
            value: sum(new_techniques)
          - id: coverage
            name: Trùng
            sheet: province
            value: sum(population)
        plans:
          - id: p1
            name: Kế hoạch
            document: QĐ 1
            scope: national
            year: 2025
            targets:
              coverage: "=> 95"
              doctorz: ">= 4"
          - id: p2
            name: Kế hoạch 2
            scope: national
            year: "năm 2030"
            targets: {doctors: "< 3"}
        """,
    )
    assert _problems(path) == [
        ("duplicate_id", "indicators #4", None),
        ("unknown_field", "coverage.numerator", 5),
        ("unknown_function", "coverage.denominator", 19),
        ("wrong_sheet_field", "doctors.numerator", 5),
        ("not_allowed", "doctors.denominator", 23),
        ("bad_structure", "doctors.numerater", None),
        ("formula_choice", "both", None),
        ("bad_structure", "coverage.sheet", None),
        ("bad_target", "plans.p1.targets.coverage", None),
        ("unknown_indicator", "plans.p1.targets.doctorz", None),
        ("bad_structure", "plans.p2.document", None),
        ("bad_structure", "plans.p2.year", None),
    ]


def test_problems_carry_the_params_their_messages_need(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        version: 1
        indicators:
          - id: doctors
            name: Bác sĩ
            sheet: commune
            numerator: sum(doctors_total)
            denominator: count()
            decimal: 1
        plans:
          - id: p1
            name: Kế hoạch
            document: QĐ 1
            scope: national
            year: 2025
            targets: {doctors: "=> 95"}
        """,
    )
    with pytest.raises(DefinitionError) as caught:
        load_definitions(path)
    messages = [definition_problem(p, "en") for p in caught.value.problems]
    assert messages == [
        "doctors.numerator, position 5: field “doctors_total” is not on the commune sheet",
        "doctors.decimal: unknown key (a typo?)",
        'plans.p1.targets.doctors: target “=> 95” is invalid (e.g. ">= 100")',
    ]
    for problem in caught.value.problems:
        assert "{" not in definition_problem(problem, "vi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "version: 2\nindicators: []\n", [("bad_structure", "version", None)], id="version"
        ),
        pytest.param("indicators: []\n", [("bad_structure", "version", None)], id="no_version"),
        pytest.param(
            "version: 1\nindicators: []\nplan: []\n",
            [("bad_structure", "plan", None)],
            id="typo_key",
        ),
        pytest.param(
            "version: 1\nindicators: {a: 1}\n",
            [("bad_structure", "indicators", None)],
            id="not_list",
        ),
        pytest.param("- version: 1\n", [("bad_structure", "file", None)], id="not_mapping"),
        pytest.param("", [("bad_structure", "file", None)], id="empty_file"),
        pytest.param(
            "version: 1\nindicators:\n  - just text\n",
            [("bad_structure", "indicators #1", None)],
            id="entry_not_mapping",
        ),
        pytest.param(
            "version: 1\nindicators:\n  - id: bad id\n    name: x\n"
            "    sheet: commune\n    value: count()\n",
            [("bad_structure", "indicators #1.id", None)],
            id="id_with_space",
        ),
    ],
)
def test_file_structure_problems(
    tmp_path: Path, text: str, expected: list[tuple[str, str, int | None]]
) -> None:
    assert _problems(_write(tmp_path, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "version: 1\nindicators:\n  - id: a\n   name: b\n",
            ("yaml_syntax", "line 4", 4),
            id="indent",
        ),
        pytest.param(
            "version: 1\nplans:\n  - targets:\n      bhyt_coverage: >= 95\n",
            ("yaml_syntax", "line 4", 23),
            id="unquoted_target",
        ),
        pytest.param(
            "version: 1\nplans:\n  - targets:\n      a: '> 1'\n      a: '> 2'\n",
            ("yaml_syntax", "line 5", 7),
            id="duplicate_key",
        ),
    ],
)
def test_yaml_problems_give_line_and_column(
    tmp_path: Path, text: str, expected: tuple[str, str, int]
) -> None:
    assert _problems(_write(tmp_path, text)) == [expected]


def _messages(path: Path, lang: Lang) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_definitions(path)
    return [definition_problem(p, lang) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        pytest.param(
            "version: 1\nplans:\n  - targets:\n      bhyt_coverage: >= 95\n",
            'dòng 4, cột 23: lỗi cú pháp YAML: hãy đặt chỉ tiêu trong ngoặc kép: ">= 100"',
            'line 4, position 23: YAML syntax error: quote the target: ">= 100"',
            id="unquoted_target",
        ),
        pytest.param(
            "version: 1\nindicators:\n  - id: a\n    name: Tỷ lệ: 95%\n",
            "dòng 4, cột 16: lỗi cú pháp YAML: không được có dấu “:” ở đây (giá trị có “: ”"
            " phải đặt trong ngoặc kép; hoặc dòng bị thụt lề sai)",
            "line 4, position 16: YAML syntax error: a “:” is not allowed here (put a value"
            " holding “: ” in quotes, or check the indentation)",
            id="colon_in_a_name",
        ),
        pytest.param(
            "version: 1\nindicators:\n  - id: a\n   name: b\n",
            "dòng 4, cột 4: lỗi cú pháp YAML: thụt lề không khớp với các dòng phía trên",
            "line 4, position 4: YAML syntax error: the indentation does not match the lines above",
            id="indentation",
        ),
        pytest.param(
            "version: 1\nindicators:\n\t- id: a\n",
            "dòng 3, cột 1: lỗi cú pháp YAML: dòng được thụt lề bằng ký tự Tab; YAML chỉ chấp"
            " nhận dấu cách",
            "line 3, position 1: YAML syntax error: the line is indented with a tab; YAML takes"
            " spaces only",
            id="tab",
        ),
        pytest.param(
            "version: 1\nindicators\n",
            "dòng 3, cột 1: lỗi cú pháp YAML: thiếu dấu “:” sau tên khóa",
            "line 3, position 1: YAML syntax error: a “:” is missing after the key",
            id="missing_colon",
        ),
        pytest.param(
            'version: 1\nindicators:\n  - id: a\n    name: "Tỷ lệ\n',
            "dòng 5, cột 1: lỗi cú pháp YAML: chuỗi mở bằng dấu nháy ở dòng 4 chưa được đóng",
            "line 5, position 1: YAML syntax error: the quote opened on line 4 is never closed",
            id="unclosed_quote",
        ),
        pytest.param(
            "version: 1\nname: @abc\n",
            "dòng 2, cột 7: lỗi cú pháp YAML: giá trị không được bắt đầu bằng “@”; hãy đặt giá"
            " trị trong ngoặc kép",
            "line 2, position 7: YAML syntax error: a value cannot start with “@”; put it in"
            " quotes",
            id="reserved_character",
        ),
        pytest.param(
            "version: 1\nplans: [1, 2\nx: 3\n",
            "dòng 3, cột 2: lỗi cú pháp YAML: danh sách […] thiếu dấu “,” hoặc dấu đóng “]”",
            "line 3, position 2: YAML syntax error: a “,” or the closing “]” is missing in a […]"
            " list",
            id="unclosed_list",
        ),
        pytest.param(
            "version: 1\nt: {a: 1 b\nc: 2\n",
            "dòng 3, cột 2: lỗi cú pháp YAML: cặp ngoặc {…} thiếu dấu “,” hoặc dấu đóng “}”",
            "line 3, position 2: YAML syntax error: a “,” or the closing “}” is missing in a {…}"
            " mapping",
            id="unclosed_mapping",
        ),
        pytest.param(
            'version: 1\nname: "a\\qb"\n',
            "dòng 2, cột 10: lỗi cú pháp YAML: “\\q” không phải ký tự thoát hợp lệ trong chuỗi"
            " ngoặc kép; hãy dùng ngoặc đơn nếu cần dấu “\\”",
            "line 2, position 10: YAML syntax error: “\\q” is not an escape of a double-quoted"
            " string; use single quotes for a “\\”",
            id="escape",
        ),
        pytest.param(
            "version: 1\n---\nversion: 2\n",
            "dòng 2, cột 1: lỗi cú pháp YAML: tệp chỉ được chứa một tài liệu YAML (hãy bỏ dòng"
            " “---”)",
            "line 2, position 1: YAML syntax error: the file may hold one YAML document only"
            " (remove the “---” line)",
            id="two_documents",
        ),
        pytest.param(
            "version: !!python/object/apply:os.system ['echo ran']\n",
            "dòng 1, cột 10: lỗi cú pháp YAML: không chấp nhận thẻ"
            " “tag:yaml.org,2002:python/object/apply:os.system”",
            "line 1, position 10: YAML syntax error: the tag"
            " “tag:yaml.org,2002:python/object/apply:os.system” is not accepted",
            id="python_tag",
        ),
    ],
)
def test_yaml_problems_are_said_in_each_language(
    tmp_path: Path, text: str, vi: str, en: str
) -> None:
    path = _write(tmp_path, text)
    assert _messages(path, "vi") == [vi]
    assert _messages(path, "en") == [en]


def test_structure_problems_are_said_in_each_language(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        version: 1
        indicators:
          - id: bad id
            name: ""
            sheet: xa
            value: count()
            decimals: 9
            annualize: "yes"
        plans:
          - id: p1
            name: Kế hoạch
            document: QĐ 1
            scope: tỉnh
            territory: {province: "1"}
            year: năm 2030
            other_targets: một chỉ tiêu
        quality:
          consistency_percent: 0
        """,
    )
    assert _messages(path, "vi") == [
        "indicators #1.id: “bad id” chỉ được gồm chữ cái không dấu, chữ số và “_”",
        "indicators #1.name: không được để trống",
        "indicators #1.sheet: “xa” không hợp lệ; chọn một trong: commune, district",
        "indicators #1.decimals: phải ≤ 6",
        "indicators #1.annualize: cần true hoặc false",
        "plans.p1.territory.province: “1” phải là mã gồm 2 chữ số",
        "plans.p1.year: cần một số nguyên",
        "plans.p1.other_targets: cần một danh sách (các dòng bắt đầu bằng “- ”)",
        "quality.consistency_percent: phải > 0.0",
    ]
    assert _messages(path, "en") == [
        "indicators #1.id: “bad id” may hold only letters, digits and “_”",
        "indicators #1.name: must not be empty",
        "indicators #1.sheet: “xa” is invalid; expected one of: commune, district",
        "indicators #1.decimals: must be ≤ 6",
        "indicators #1.annualize: true or false expected",
        "plans.p1.territory.province: “1” must be a code of 2 digits",
        "plans.p1.year: whole number expected",
        "plans.p1.other_targets: a list expected (lines starting with “- ”)",
        "quality.consistency_percent: must be > 0.0",
    ]


def test_a_problem_with_the_whole_file_is_placed_in_words(tmp_path: Path) -> None:
    path = _write(tmp_path, "- version: 1\n")
    assert _messages(path, "vi") == ["toàn bộ tệp: cần các cặp “khóa: giá trị”"]
    assert _messages(path, "en") == ["file: “key: value” pairs expected"]


def test_duplicate_yaml_key_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "version: 1\nversion: 1\nindicators: []\n")
    with pytest.raises(DefinitionError) as caught:
        load_definitions(path)
    assert caught.value.problems == [
        DefinitionProblem(
            "yaml_syntax",
            "line 2",
            1,
            {"variant": "duplicate_key", "name": "version"},
        )
    ]
    assert _messages(path, "vi") == ["dòng 2, cột 1: lỗi cú pháp YAML: khóa “version” bị lặp lại"]
    assert _messages(path, "en") == [
        "line 2, position 1: YAML syntax error: duplicate key “version”"
    ]


def test_yaml_tags_that_build_python_objects_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "version: !!python/object/apply:os.system ['echo ran']\n")
    assert _problems(path) == [("yaml_syntax", "line 1", 10)]


def test_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(YcsError) as caught:
        load_definitions(tmp_path / "absent.yaml")
    assert caught.value.key == "definitions_unreadable"
    assert caught.value.params["path"] == str(tmp_path / "absent.yaml")


def test_file_that_is_not_utf8_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_bytes("name: Tỷ lệ".encode("utf-16"))
    with pytest.raises(YcsError) as caught:
        load_definitions(path)
    assert caught.value.key == "definitions_unreadable"
    assert error_message(caught.value, "en") == (
        f"Cannot read indicators file {path}: not UTF-8 text"
    )
    assert error_message(caught.value, "vi") == (
        f"Không đọc được tệp chỉ số {path}: tệp không phải văn bản UTF-8"
    )


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_bytes(("version: 1\nindicators:" + VALID_INDICATOR).encode("utf-8-sig"))
    assert list(load_definitions(path).indicators) == ["coverage"]


def test_valid_custom_file_loads_with_descriptions(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "version: 1\nindicators:"
        + VALID_INDICATOR
        + "    description: Thẻ BHYT còn hạn\n"
        + """
        plans:
          - id: mine
            name: Kế hoạch riêng
            description: Chỉ tiêu nội bộ
            document: KH 1/KH-SYT
            scope: Tỉnh Lâm Đồng
            year: 2026
            targets:
              coverage: "≥ 93.5"
        """.replace("\n        ", "\n"),
    )
    definitions = load_definitions(path)
    coverage = definitions.indicators["coverage"]
    assert coverage.description == "Thẻ BHYT còn hạn"
    assert coverage.fields == {"insured_population", "population"}
    assert definitions.plans["mine"].targets == {"coverage": Target(op=">=", value=93.5)}


# --- Targets, plans and indicators as models ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        (">= 100", ">=", 100),
        ("> 95", ">", 95),
        (">=86.1", ">=", 86.1),
        ("  <= 5 ", "<=", 5),
        ("< 0.5", "<", 0.5),
        ("== 0", "==", 0),
        ("> -1", ">", -1),
        ("≥ 80", ">=", 80),
        ("≤ 10", "<=", 10),
    ],
)
def test_target_text(text: str, op: str, value: float) -> None:
    assert Target.model_validate(text) == Target(op=op, value=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["100", "= 100", "=> 95", ">> 5", ">= 1,5", ">=", "", "> abc", "> 1e999", 95, None]
)
def test_bad_target_text(text: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Target.model_validate(text)
    assert caught.value.errors()[0]["type"] in {"bad_target", "finite_number"}


def test_target_reads_back_as_written() -> None:
    assert [str(Target.model_validate(t)) for t in (">= 100", "> 86.1", "== 0")] == [
        ">= 100",
        "> 86.1",
        "== 0",
    ]


def test_plans_for_selects_in_the_given_order_once_each() -> None:
    definitions = load_definitions()
    assert [p.id for p in definitions.plans_for(None)] == list(SPEC_PLANS)
    assert [p.id for p in definitions.plans_for([])] == list(SPEC_PLANS)
    chosen = definitions.plans_for(["yb_2024", "qd2348_2025", "yb_2024"])
    assert [p.id for p in chosen] == ["yb_2024", "qd2348_2025"]


def test_plans_for_an_unknown_plan_names_the_known_ones() -> None:
    with pytest.raises(YcsError) as caught:
        load_definitions().plans_for(["qd2348_2025", "qd_2348"])
    assert caught.value.key == "unknown_plan"
    assert caught.value.params == {"plan": "qd_2348", "known": ", ".join(SPEC_PLANS)}


def test_indicator_built_in_code_parses_its_formulas_on_use() -> None:
    indicator = Indicator(
        id="ratio", name="Tỷ lệ", sheet="district", value="sum(new_techniques) - count()"
    )
    assert indicator.value_formula is not None
    assert indicator.value_formula.source == "sum(new_techniques) - count()"
    assert indicator.numerator_formula is None
    assert indicator.fields == {"new_techniques"}


def test_models_compare_by_content_alone() -> None:
    loaded = load_definitions()
    coverage = loaded.indicators["bhyt_coverage"]
    assert Indicator(**coverage.model_dump()) == coverage
    plan = loaded.plans["nq72_2027"]
    assert Plan(**plan.model_dump()) == plan
    assert Plan.model_validate({**plan.model_dump(), "targets": plan.targets}) == plan


def test_indicator_needs_a_ratio_or_a_value() -> None:
    with pytest.raises(ValidationError) as caught:
        Indicator(id="x", name="X", sheet="commune", numerator="count()")
    assert caught.value.errors()[0]["type"] == "formula_choice"


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ({}, True),
        ({"value": "count()"}, False),
        ({"numerator": "count()", "denominator": "count()"}, False),
    ],
    ids=["alone", "with-value", "with-ratio"],
)
def test_an_indicator_from_coverage_has_no_formula(extra: dict[str, str], valid: bool) -> None:
    fields = {"id": "x", "name": "X", "sheet": "commune", "from_coverage": True, **extra}
    if valid:
        indicator = Indicator.model_validate(fields)
        assert (indicator.fields, indicator.counts_units, indicator.annualized) == (
            frozenset(),
            False,
            False,
        )
        return
    with pytest.raises(ValidationError) as caught:
        Indicator.model_validate(fields)
    assert caught.value.errors()[0]["type"] == "formula_choice"


def test_formula_fields_are_the_numbers_and_booleans_of_a_sheet() -> None:
    commune = formula_fields("commune")
    assert {"population", "has_station", "zone", "ntc_score"} <= commune
    assert not {"commune_code", "commune_name", "period", "district_name"} & commune
    assert "doctors_total" in formula_fields("district")
    assert "doctors_total" not in commune


def test_a_territory_that_fits_no_form_is_said_once_as_the_choice(tmp_path: Path) -> None:
    plan = "  - id: {id}\n    name: K\n    document: QĐ 1\n    scope: tỉnh\n    year: 2030\n"
    path = _write(
        tmp_path,
        "version: 1\nindicators: []\nplans:\n"
        + plan.format(id="p1")
        + "    territory: nation\n"
        + plan.format(id="p2")
        + '    territory: {district: "643", units: current}\n'
        + plan.format(id="p3")
        + '    territory: {province: "1"}\n',
    )
    choice = (
        'territory: “national”, {province: "15", units: legacy} hoặc {district: "643",'
        " units: legacy} (chỉ đơn vị hành chính 3 cấp trước 07/2025, units: legacy, có cấp huyện)"
    )
    assert _messages(path, "vi") == [
        f"plans.p1.territory: {choice}",
        f"plans.p2.territory: {choice}",
        "plans.p3.territory.province: “1” phải là mã gồm 2 chữ số",
    ]

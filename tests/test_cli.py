"""The command line: exit codes, output formats, languages and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ycs.cli import app
from ycs.place import registry

runner = CliRunner()

HEADER = (
    "Mã tỉnh,Tỉnh/Thành phố,Mã huyện,Mã xã,Tên xã/phường/thị trấn,Kỳ báo cáo,Dân số,"
    "Số người có thẻ BHYT,Có trạm y tế,Trạm y tế khám chữa bệnh BHYT,Bác sĩ làm việc,Bác sĩ cơ hữu"
)
GOOD = [
    "15,Yên Bái,132,04264,Hồng Hà,2024,10000,9700,Có,Có,2,1",
    "15,Yên Bái,132,04255,Minh Tân,2024,5000,4800,Có,Có,1,1",
]


def write_csv(tmp_path: Path, rows: list[str], name: str = "xa.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env or {"YCS_LANG": ""})
    return result.exit_code, result.output


def test_valid_file_exits_0(tmp_path: Path) -> None:
    # Every commune of TP Yên Bái (132) as the registry lists it: nothing missing, nothing wrong.
    official = registry.communes("legacy")
    rows = [
        f"15,Yên Bái,132,{code},{name},2024,10000,9700,Có,Có,2,1"
        for code, name in official.loc[
            official["district_code"] == "132", ["code", "name"]
        ].itertuples(index=False)
    ]
    code, output = run("validate", str(write_csv(tmp_path, rows)))
    assert code == 0
    assert "Dữ liệu hợp lệ" in output


def test_partial_district_is_valid_with_missing_units_warning(tmp_path: Path) -> None:
    code, output = run("validate", str(write_csv(tmp_path, GOOD)))
    assert code == 0
    assert "Dữ liệu hợp lệ" not in output
    assert "thiếu" in output


def test_errors_exit_1_and_name_the_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(tmp_path, [*GOOD, "15,Yên Bái,132,04276,Tuy Lộc,2024,-3,0,Có,Có,1,0"])
    monkeypatch.chdir(tmp_path)
    code, output = run("validate", "xa.csv")
    assert code == 1
    assert "Kiểm tra dữ liệu: xa.csv" in output
    assert "│ G4 │" in output
    assert "negative" in output


def test_english_messages(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [*GOOD, "15,Yên Bái,132,04276,Tuy Lộc,2024,12a,0,Có,Có,1,0"])
    code, output = run("validate", str(path), "--lang", "en")
    assert code == 1
    assert "“12a” is not a number" in output
    _, env_output = run("validate", str(path), env={"YCS_LANG": "en"})
    assert "“12a” is not a number" in env_output


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    path = write_csv(tmp_path, ["15,Yên Bái,132,04264,Hồng Hà,2024,10000,10200,Có,Có,2,1"])
    assert run("validate", str(path))[0] == 0
    assert run("validate", str(path), "--strict")[0] == 1


def test_validate_json_matches_spec_keys(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [*GOOD, "15,Yên Bái,132,04276,Tuy Lộc,2024,12a,0,Có,Có,1,0"])
    code, output = run("validate", str(path), "--format", "json")
    assert code == 1
    document = json.loads(output)
    assert set(document) == {"ycs_version", "inputs", "findings", "coverage"}
    assert document["inputs"] == [{"file": str(path), "sheet": None, "kind": "commune", "rows": 3}]
    assert document["findings"] == [
        {
            "severity": "error",
            "code": "not_a_number",
            "file": str(path),
            "sheet": None,
            "row": 4,
            "column": "G",
            "field": "population",
            "value": "12a",
            "message": "“12a” không phải là số",
        },
        {
            "severity": "warning",
            "code": "missing_units",
            "file": str(path),
            "sheet": None,
            "row": None,
            "column": None,
            "field": None,
            "value": "132",
            "message": "Thành phố Yên Bái (132), kỳ 2024: 3/14 xã đã báo cáo; thiếu 11 xã: "
            "04249 Phường Yên Thịnh, 04252 Phường Yên Ninh, 04258 Phường Nguyễn Thái Học, "
            "04261 Phường Đồng Tâm, 04270 Xã Minh Bảo, …",
        },
    ]
    assert document["coverage"][0] == {
        "level": "district",
        "unit_code": "132",
        "unit_name": "Thành phố Yên Bái",
        "period": "2024",
        "units": "legacy",
        "expected": 14,
        "reported": 3,
        "missing": [
            *("04249", "04252", "04258", "04261", "04270", "04273"),
            *("04279", "04540", "04543", "04546", "04558"),
        ],
    }


# Two wards of Thành phố Đà Lạt (672), Lâm Đồng (68): inside KH 572's territory.
LAM_DONG = [
    "68,Lâm Đồng,672,24769,Phường 7,2024,10000,9700,Có,Có,2,1",
    "68,Lâm Đồng,672,24772,Phường 8,2024,5000,4800,Có,Có,1,1",
]


def test_check_json_results_match_spec_keys(tmp_path: Path) -> None:
    code, output = run(
        "check", str(write_csv(tmp_path, LAM_DONG)), "--format", "json", "--plan", "ld_kh572_2030"
    )
    assert code == 0
    document = json.loads(output)
    assert set(document) == {"ycs_version", "inputs", "findings", "coverage", "results"}
    coverage = next(r for r in document["results"] if r["indicator"] == "bhyt_coverage")
    assert coverage == {
        "plan": "ld_kh572_2030",
        "indicator": "bhyt_coverage",
        "level": "province",
        "unit_code": "68",
        "unit_name": "Tỉnh Lâm Đồng",
        "period": "2024",
        "value": pytest.approx(100 * 14500 / 15000),
        "numerator": 14500,
        "denominator": 15000,
        "annualized_value": None,
        "months_covered": 12,
        "target": {"op": ">", "value": 95, "year": 2030},
        "status": "met",
        "rows_used": 2,
        "rows_skipped": 0,
        "value_low": None,
        "value_high": None,
        # The territory's communes: legacy Lâm Đồng's 141, of which the file holds 2.
        "units_expected": 141,
        "units_reported": 2,
        "before_deadline": True,
    }


def test_github_annotations_are_capped_at_ten_per_severity(tmp_path: Path) -> None:
    communes = registry.communes("legacy")
    real = communes[communes["district_code"] == "132"][["code", "name"]].to_numpy()[:12]
    rows = [f"15,Yên Bái,132,{c},{n},2024,-{i + 1},0,Có,Có,1,0" for i, (c, n) in enumerate(real)]
    code, output = run("validate", str(write_csv(tmp_path, rows)), "--format", "github")
    assert code == 1
    lines = output.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].startswith(f"::error file={tmp_path / 'xa.csv'},line=2,col=7,title=negative::")
    assert lines[10] == (
        "ycs: còn 2 phát hiện mức lỗi chưa được chú thích; chạy `ycs validate` để xem hết"
    )
    _, english = run(
        "validate", str(write_csv(tmp_path, rows)), "--format", "github", "--lang", "en"
    )
    assert english.splitlines()[10] == (
        "ycs: 2 more error findings not annotated; run `ycs validate` for all of them"
    )


def test_fail_on_unmet(tmp_path: Path) -> None:
    path = write_csv(tmp_path, GOOD)
    assert run("check", str(path), "--plan", "nq72_2027")[0] == 0
    assert run("check", str(path), "--plan", "nq72_2027", "--fail-on-unmet")[0] == 1


def test_period_option_filters_and_sets(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [*GOOD, "15,Yên Bái,132,04264,Hồng Hà,2023,9000,8000,Có,Có,1,1"])
    code, output = run(
        "check", str(path), "--format", "json", "--period", "Năm 2023", "--plan", "nq72_2027"
    )
    assert code == 0
    assert {r["period"] for r in json.loads(output)["results"]} == {"2023"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", "missing.xlsx"], "Không tìm thấy tệp missing.xlsx"),
        (["check", "{csv}", "--plan", "no_such_plan"], "Không có kế hoạch “no_such_plan”"),
        (["check", "{csv}", "--period", "Quý 5"], "--period “Quý 5” không hợp lệ"),
        (["check", "{csv}", "-o", "{csv}"], "Không ghi đè lên tệp đầu vào"),
        (["check", "{csv}", "-o", "out.docx"], "Không hỗ trợ định dạng đầu ra “.docx”"),
    ],
    ids=["missing-file", "unknown-plan", "bad-period", "output-is-input", "bad-output"],
)
def test_cannot_run_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    csv_path = str(write_csv(tmp_path, GOOD))
    code, output = run(*(a.replace("{csv}", csv_path) for a in args))
    assert code == 2
    assert expected in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_invalid_indicators_file_lists_positions(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nindicators:\n  - id: x\n    name: X\n    sheet: commune\n"
        "    numerator: sum(populaton)\n    denominator: count()\nplans: []\n",
        encoding="utf-8",
    )
    code, output = run("indicators", "--indicators", str(bad), "--lang", "en")
    assert code == 2
    assert f"{bad}: x.numerator, position 5: unknown field “populaton”" in output


def test_indicators_lists_plans_and_targets() -> None:
    code, output = run("indicators", "--plan", "yb_2024")
    assert code == 0
    assert "techniques_transferred" in output
    assert "≥ 86,1%" in output
    assert "qd2348_2025" not in output


def test_custom_indicator_is_computed_at_every_level(tmp_path: Path) -> None:
    custom = tmp_path / "my.yaml"
    custom.write_text(
        """version: 1
indicators:
  - id: chs_permanent_share
    name: Tỷ lệ bác sĩ cơ hữu
    sheet: commune
    numerator: sum(doctors_permanent)
    denominator: sum(doctors_working)
    factor: 100
    unit: "%"
plans:
  - id: my_plan
    name: Kế hoạch thử
    document: KH 1/KH-UBND
    scope: Yên Bái
    year: 2026
    targets:
      chs_permanent_share: ">= 60"
""",
        encoding="utf-8",
    )
    path = write_csv(tmp_path, GOOD)
    for level, values in [
        ("province", [200 / 3]),
        ("district", [200 / 3]),
        ("commune", [100.0, 50.0]),  # Minh Tân (04255), then Hồng Hà (04264)
    ]:
        code, output = run(
            "check", str(path), "--indicators", str(custom), "--level", level, "--format", "json"
        )
        assert code == 0
        assert [r["value"] for r in json.loads(output)["results"]] == pytest.approx(values)


def test_template_writes_the_workbook(tmp_path: Path) -> None:
    target = tmp_path / "mau.xlsx"
    code, _ = run("template", "-o", str(target), "--sheet", "commune")
    assert code == 0
    assert target.stat().st_size > 0


def test_a_defect_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("ycs.api.validate", broken)
    code, output = run("validate", str(write_csv(tmp_path, GOOD)))
    assert code == 2
    assert output.strip() == (
        "Lỗi nội bộ của ycs (KeyError: 'boom'); chạy lại với YCS_DEBUG=1 và gửi kết quả "
        "cho nhóm phát triển"
    )

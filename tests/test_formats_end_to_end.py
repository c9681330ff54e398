"""The same submission saved in every format gives the same findings and the same results."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import write_table
from ycs import check_files, validate_files
from ycs.cli import app

# A printed form: title block, merged group heading, column-number row, STT, a total row
# and a signature; with a text in a number column, a part above its whole, a lost zero.
FORM: list[list[object]] = [
    ["SỞ Y TẾ TỈNH YÊN BÁI", None, None, None, None, None, None, None],
    ["BIỂU 1: TÌNH HÌNH Y TẾ CƠ SỞ", None, None, None, None, None, None, None],
    ["Kỳ báo cáo: Năm 2024", None, None, None, None, None, None, None],
    [
        "STT",
        "Mã xã",
        "Tên xã/phường/thị trấn",
        "Kỳ báo cáo",
        "Dân số",
        "Số người có thẻ BHYT",
        "Bác sĩ",
        None,
    ],
    [None, None, None, None, None, None, "Làm việc", "Cơ hữu"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ["1", "04264", "Phường Hồng Hà", "2024", "10.000", "9.600", "2", "1"],
    ["2", "4255", "Xã Minh Tân", "2024", "5000", "4800", "1", "3"],
    ["3", "04276", "Xã Tuy Lộc", "2024", "12a", "3000", "1", "1"],
    [None, None, "Tổng cộng", None, "18.000", None, None, None],
    [None, None, "Người lập biểu", None, None, "Giám đốc", None, None],
]
MERGES = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:F5", "G4:H4"]
# Excel's "Unicode text" is UTF-16 and tab-separated; old Vietnamese Windows saves cp1258.
FORMATS = ["xlsx", "xls", "ods", "csv", "tsv", "txt:utf-16", "csv:cp1258"]


def written(tmp_path: Path, form: str) -> Path:
    suffix, _, encoding = form.partition(":")
    rows = FORM
    if suffix in ("xlsx", "xls", "ods"):
        # Excel keeps numbers as numbers, and drops the leading zero of a code typed as one.
        rows = [[4255 if cell == "4255" else cell for cell in row] for row in FORM]
    path = tmp_path / f"bao_cao.{suffix}"
    return write_table(path, rows, MERGES, encoding=encoding or "utf-8")


def positions(path: Path) -> list[tuple[str, int | None, str | None, str | None, str | None]]:
    report = validate_files([path])
    return [
        (f.code, f.row, f.column, f.field, f.value)
        for f in report.findings
        # The form holds communes of TP Yên Bái (132) only: its others are missing.
        if f.code not in ("encoding_used", "missing_units")
    ]


EXPECTED = [
    ("part_exceeds_whole", 8, "H", "doctors_permanent", "3"),
    ("not_a_number", 9, "E", "population", "12a"),
    ("code_padded", 8, "B", "commune_code", "4255"),
]


@pytest.mark.parametrize("form", FORMATS)
def test_same_findings_in_every_format(tmp_path: Path, form: str) -> None:
    assert positions(written(tmp_path, form)) == EXPECTED


@pytest.mark.parametrize(
    ("form", "encoding"), [("txt:utf-16", "UTF-16"), ("csv:cp1258", "Windows-1258")]
)
def test_encoding_is_reported(tmp_path: Path, form: str, encoding: str) -> None:
    findings = validate_files([written(tmp_path, form)]).findings
    assert [f.params["encoding"] for f in findings if f.code == "encoding_used"] == [encoding]


@pytest.mark.parametrize("form", FORMATS)
def test_same_results_in_every_format(tmp_path: Path, form: str) -> None:
    report = check_files([written(tmp_path, form)], plans=["ld_kh572_2030"])
    assert report.results is not None
    coverage = next(r for r in report.results if r.indicator == "bhyt_coverage")
    assert (coverage.numerator, coverage.denominator, coverage.rows_used) == (14400, 15000, 2)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "csv", "json", "md"])
def test_check_writes_every_output_format(tmp_path: Path, suffix: str) -> None:
    source = written(tmp_path, "xlsx")
    target = tmp_path / f"ket_qua.{suffix}"
    result = CliRunner().invoke(app, ["check", str(source), "-o", str(target), "--quiet"])
    assert result.exit_code == 1  # the planted errors
    assert target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bao_cao.xlsx", target.name])


def test_corrupt_workbook_is_one_line_exit_2(tmp_path: Path) -> None:
    source = written(tmp_path, "xlsx")
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(source.read_bytes()[:2000])
    result = CliRunner().invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert str(broken) in result.output

"""Forms grouped by district: the group rows are totals, never communes counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import write_table
from ycs import check_files, validate_files
from ycs.read.readers import read_file

GROUPED: list[list[object]] = [
    ["SỞ Y TẾ TỈNH YÊN BÁI", None, None, None, None, None, None],
    ["Kỳ báo cáo: 6 tháng đầu năm 2024", None, None, None, None, None, None],
    ["TT", "Đơn vị", "Mã ĐVHC", "Dân số\n(người)", "Số người có thẻ BHYT", "Nhân lực", None],
    [None, None, None, None, None, "Bác sỹ", "Hộ sinh"],
    ["A", "B", "1", "2", "3", "4", "5"],
    ["", "Toàn tỉnh", "", 23000, 21500, 6, 4],
    ["I", "Huyện Lục Yên", "", 15000, 14000, 4, 3],
    [1, "Thị trấn Yên Thế", "04303", 10000, 9500, 3, 2],
    [2, "Xã Minh Chuẩn", "04315", 5000, 4500, 1, 1],
    ["II", "Huyện Văn Yên", "", 8000, 7000, 2, 1],
    [3, "Thị trấn Mậu A", "04375", 8000, 7500, 2, 1],
    [None, "Người lập biểu", None, None, None, "Giám đốc", None],
]
MERGES = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3"]


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_table(tmp_path / "nhom_theo_huyen.xlsx", GROUPED, MERGES)


def test_group_rows_are_totals(form: Path) -> None:
    table = read_file(form).tables[0]
    assert table.rows.tolist() == [8, 9, 11]
    assert table.total_rows.tolist() == [6, 7, 10]
    assert table.total_labels == ("Toàn tỉnh", "Huyện Lục Yên", "Huyện Văn Yên")


def test_group_totals_are_checked_against_their_communes(form: Path) -> None:
    findings = validate_files([form], period="2024-H1").findings
    assert [
        (f.code, f.row, f.column, f.value, f.params["expected"])
        for f in findings
        if f.code != "missing_units"
    ] == [("total_mismatch", 10, "E", "7000", "7500")]
    # A few communes of Lục Yên (135) and Văn Yên (136): the others are missing.
    assert [f.value for f in findings if f.code == "missing_units"] == ["135", "136"]


def test_communes_are_counted_once(form: Path) -> None:
    report = check_files([form], period="2024-H1", plans=["ld_kh572_2030"])
    assert report.results is not None
    coverage = next(r for r in report.results if r.indicator == "bhyt_coverage")
    assert (coverage.numerator, coverage.denominator, coverage.rows_used) == (21500, 23000, 3)

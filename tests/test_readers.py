"""Reading files into raw tables: every format, printed-form layouts, and every way a file fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.builders import (
    Rows,
    Sheet,
    write_encrypted_package,
    write_table,
    write_text,
    write_workbook,
)
from ycs.errors import Finding, YcsError
from ycs.present.messages import finding_message
from ycs.read.readers import RawTable, expand_paths, read_file, read_inputs

TABLE: Rows = [
    ["Mã xã", "Tên xã", "Dân số", "Bác sĩ làm việc", "Có trạm y tế"],
    ["10001", "Xã Hiệp An", 12345, 2, "Có"],
    ["10002", "Xã Đạ Tẻh", 2000, 0, "Không"],
    ["10003", "Phường 1", 500, None, "Có"],
]
TABLE_TEXT = [
    ["10001", "Xã Hiệp An", "12345", "2", "Có"],
    ["10002", "Xã Đạ Tẻh", "2000", "0", "Không"],
    ["10003", "Phường 1", "500", None, "Có"],
]
TABLE_COLUMNS = {
    "commune_code": "A",
    "commune_name": "B",
    "population": "C",
    "doctors_working": "D",
    "has_station": "E",
}


def as_text(frame: pd.DataFrame) -> list[list[str | None]]:
    """Cells as the user reads them, whatever type the format stored (12345.0 → "12345")."""

    def text(value: object) -> str | None:
        if value is None or value is pd.NA or value == "":
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return [[text(v) for v in row] for row in frame.itertuples(index=False)]


def only_table(path: Path) -> tuple[RawTable, list[Finding]]:
    outcome = read_file(path)
    assert len(outcome.tables) == 1
    return outcome.tables[0], outcome.findings


@pytest.mark.parametrize(
    ("name", "options", "encoding"),
    [
        pytest.param("x.xlsx", {}, None, id="xlsx"),
        pytest.param("x.xlsm", {}, None, id="xlsm"),
        pytest.param("x.xls", {}, None, id="xls"),
        pytest.param("x.ods", {}, None, id="ods"),
        pytest.param("x.csv", {}, None, id="csv-utf-8"),
        pytest.param("x.csv", {"encoding": "utf-8-sig"}, None, id="csv-utf-8-bom"),
        pytest.param("x.csv", {"delimiter": ";"}, None, id="csv-semicolon"),
        pytest.param("x.csv", {"line_end": "\n"}, None, id="csv-lf"),
        pytest.param("x.tsv", {}, None, id="tsv"),
        pytest.param("x.txt", {"encoding": "utf-16"}, "UTF-16", id="excel-unicode-text"),
        pytest.param("x.txt", {"encoding": "utf-16-le"}, "UTF-16", id="utf-16-no-bom"),
        pytest.param("x.csv", {"encoding": "cp1258"}, "Windows-1258", id="csv-windows-1258"),
    ],
)
def test_every_format_gives_the_same_table(
    tmp_path: Path, name: str, options: dict[str, str], encoding: str | None
) -> None:
    path = write_table(tmp_path / name, TABLE, **options)

    table, findings = only_table(path)

    assert (table.file, table.kind, table.header_row, table.title) == (str(path), "commune", 1, ())
    assert table.sheet == (None if path.suffix in (".csv", ".tsv", ".txt") else "Xã")
    assert as_text(table.cells) == TABLE_TEXT
    assert list(table.cells.columns) == list(TABLE_COLUMNS)
    assert table.rows.tolist() == [2, 3, 4]
    assert table.columns == TABLE_COLUMNS
    assert table.headers["commune_code"] == "Mã xã"
    assert table.totals.empty
    assert (table.total_rows.tolist(), table.total_labels) == ([], ())
    expected = [Finding("encoding_used", file=str(path), params={"encoding": encoding})]
    assert findings == (expected if encoding else [])


def test_workbook_cells_keep_their_types_and_blanks_stay_empty(tmp_path: Path) -> None:
    table, _ = only_table(write_table(tmp_path / "x.xlsx", TABLE))

    assert list(table.cells.iloc[0]) == ["10001", "Xã Hiệp An", 12345.0, 2.0, "Có"]
    assert table.cells.loc[2, "doctors_working"] == ""
    assert set(table.cells.dtypes) == {np.dtype(object)}
    assert isinstance(table.cells.index, pd.RangeIndex)


def test_semicolon_csv_with_decimal_commas(tmp_path: Path) -> None:
    rows: Rows = [
        ["Mã huyện", "Tên huyện", "Kế hoạch vốn (triệu đồng)", "Vốn đã giải ngân (triệu đồng)"],
        ["672", "Huyện Đức Trọng", "1.250,5", "980,25"],
    ]
    path = write_text(tmp_path / "huyen.csv", rows, delimiter=";")

    table, _ = only_table(path)

    assert table.kind == "district"
    assert as_text(table.cells) == [["672", "Huyện Đức Trọng", "1.250,5", "980,25"]]


# A printed government form: title block, header merged over two rows with groups, a
# column-number row, an STT column, a blank row, a total row and a signature block.
FORM: Rows = [
    [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        None,
        None,
        None,
        None,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        None,
        None,
        None,
        None,
    ],
    [
        "TRUNG TÂM Y TẾ ĐỨC TRỌNG",
        None,
        None,
        None,
        None,
        "Độc lập - Tự do - Hạnh phúc",
        None,
        None,
        None,
        None,
    ],
    [None] * 10,
    ["BIỂU 1: TÌNH HÌNH TRẠM Y TẾ XÃ", *[None] * 9],
    ["Kỳ báo cáo: Năm 2024", *[None] * 9],
    [None] * 10,
    [
        "STT",
        "Mã xã",
        "Tên xã/phường/thị trấn",
        "Dân số\n(người)",
        "Trạm y tế",
        None,
        None,
        "Bác sĩ",
        None,
        "Ghi chú",
    ],
    [
        None,
        None,
        None,
        None,
        "KCB BHYT",
        "Duy tu, bảo dưỡng",
        "Có BHYT",
        "Định biên",
        "Làm việc",
        None,
    ],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
    [1, "10001", "Xã Hiệp An", 12345, "Có", "Có", "x", 3, 2, None],
    [2, "10002", "Xã Cộng Hòa", 8000, "Có", "Không", None, 2, 1, "mới sáp nhập"],
    [None] * 10,
    [3, "10003", "Thị trấn Liên Nghĩa", 30000, "Không", "Có", "x", 4, 4, None],
    ["Tổng cộng", None, None, 50345, None, None, None, 9, 7, None],
    [None] * 10,
    [
        None,
        "Người lập biểu",
        None,
        None,
        None,
        None,
        None,
        "Đức Trọng, ngày 15 tháng 01 năm 2025",
        None,
        None,
    ],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "GIÁM ĐỐC", None, None],
    [None] * 10,
    [None, "Nguyễn Văn An", None, None, None, None, None, "Trần Thị Bình", None, None],
]
FORM_MERGES = [
    "A1:E1",
    "F1:J1",
    "A2:E2",
    "F2:J2",
    "A4:J4",
    "A5:J5",
    "A7:A8",
    "B7:B8",
    "C7:C8",
    "D7:D8",
    "E7:G7",
    "H7:I7",
    "J7:J8",
    "A14:C14",
]
FORM_TITLE = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TRUNG TÂM Y TẾ ĐỨC TRỌNG Độc lập - Tự do - Hạnh phúc",
    "BIỂU 1: TÌNH HÌNH TRẠM Y TẾ XÃ",
    "Kỳ báo cáo: Năm 2024",
)


@pytest.mark.parametrize(
    ("name", "shift"),
    [
        pytest.param("form.xlsx", 0, id="xlsx"),
        pytest.param("form.xls", 0, id="xls"),
        pytest.param("form.ods", 0, id="ods-without-merge-records"),
        # The line break inside "Dân số\n(người)" is a second line in a text editor.
        pytest.param("form.csv", 1, id="csv"),
    ],
)
def test_government_form_layout(tmp_path: Path, name: str, shift: int) -> None:
    path = write_table(tmp_path / name, FORM, FORM_MERGES, sheet="Biểu 1")

    table, findings = only_table(path)

    assert table.kind == "commune"
    assert table.title == FORM_TITLE
    assert table.header_row == 8 + shift
    assert table.columns == {
        "commune_code": "B",
        "commune_name": "C",
        "population": "D",
        "station_bhyt_kcb": "E",
        "station_maintained": "F",
        "doctors_working": "I",
    }
    assert table.headers == {
        "commune_code": "Mã xã",
        "commune_name": "Tên xã/phường/thị trấn",
        "population": "Dân số (người)",
        "station_bhyt_kcb": "KCB BHYT",
        "station_maintained": "Duy tu, bảo dưỡng",
        "doctors_working": "Bác sĩ - Làm việc",
    }
    assert as_text(table.cells) == [
        ["10001", "Xã Hiệp An", "12345", "Có", "Có", "2"],
        ["10002", "Xã Cộng Hòa", "8000", "Có", "Không", "1"],
        ["10003", "Thị trấn Liên Nghĩa", "30000", "Không", "Có", "4"],
    ]
    assert table.rows.tolist() == [10 + shift, 11 + shift, 13 + shift]
    assert as_text(table.totals) == [[None, None, "50345", None, None, "7"]]
    assert table.total_rows.tolist() == [14 + shift]
    assert table.total_labels == ("Tổng cộng",)
    sheet = None if name.endswith(".csv") else "Biểu 1"
    assert findings == [
        Finding(
            "unknown_column",
            file=str(path),
            sheet=sheet,
            row=8 + shift,
            column="G",
            value="Trạm y tế - Có BHYT",
        ),
        Finding(
            "unknown_column",
            file=str(path),
            sheet=sheet,
            row=8 + shift,
            column="H",
            value="Bác sĩ - Định biên",
        ),
        Finding("unknown_column", file=str(path), sheet=sheet, row=7, column="J", value="Ghi chú"),
    ]


@pytest.mark.parametrize(
    ("label", "code", "is_total"),
    [
        pytest.param("Tổng cộng", None, True, id="tong-cong"),
        pytest.param("TỔNG SỐ", None, True, id="tong-so"),
        pytest.param("Cộng", None, True, id="cong"),
        pytest.param("Toàn tỉnh", None, True, id="toan-tinh"),
        pytest.param("Toàn huyện", None, True, id="toan-huyen"),
        pytest.param("Cộng huyện Lạc Dương", None, True, id="cong-huyen-named"),
        pytest.param("Tong cong", "x", True, id="exact-keyword-whatever-the-code"),
        pytest.param("TOÀN TỈNH", "68", True, id="exact-keyword-beside-a-code"),
        pytest.param("Cộng Hòa", "10009", False, id="commune-cong-hoa"),
        pytest.param("Cộng Hòa", None, False, id="cong-hoa-without-code"),
        pytest.param("Cộng huyện Lạc Dương", "10009", False, id="named-total-with-a-code"),
    ],
)
def test_total_rows_are_set_apart_but_never_a_real_unit(
    tmp_path: Path, label: str, code: str | None, is_total: bool
) -> None:
    rows: Rows = [["Mã xã", "Tên xã", "Dân số"], ["10001", "Xã A", "100"], [code, label, "100"]]
    table, _ = only_table(write_text(tmp_path / "x.csv", rows))

    assert table.total_labels == ((label,) if is_total else ())
    assert table.total_rows.tolist() == ([3] if is_total else [])
    assert table.rows.tolist() == ([2] if is_total else [2, 3])


def test_sheet_without_a_code_column_anchors_rows_on_the_name(tmp_path: Path) -> None:
    rows = [["Tên xã", "Dân số"], ["Xã A", "100"], ["", "7"], ["Tổng cộng", "107"]]
    table, _ = only_table(write_text(tmp_path / "x.csv", rows))

    assert table.rows.tolist() == [2, 3]
    assert as_text(table.cells) == [["Xã A", "100"], [None, "7"]]
    assert table.total_rows.tolist() == [4]


@pytest.mark.parametrize(
    "numbers",
    [
        pytest.param(["(1)", "(2)", "(3)", "(4)"], id="parenthesised"),
        pytest.param([1, 2, 3, 4], id="numbers"),
        pytest.param(["A", "B", "1", "2"], id="letters-then-numbers"),
        pytest.param(["1", "2", "3", "4=2+3"], id="with-formula-note"),
    ],
)
def test_column_number_row_is_skipped(tmp_path: Path, numbers: list[object]) -> None:
    rows: Rows = [["STT", "Mã xã", "Tên xã", "Dân số"], numbers, [1, "10001", "Xã A", 100]]
    table, _ = only_table(write_table(tmp_path / "x.xlsx", rows))

    assert table.rows.tolist() == [3]
    assert as_text(table.cells) == [["10001", "Xã A", "100"]]


def test_blank_rows_and_section_headings_are_dropped(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Mã xã", "Tên xã", "Dân số", "Ghi chú"],
        ["I", None, "Huyện Lạc Dương", None, None],
        [1, "10001", "Xã A", 100, None],
        [None, None, None, None, "ghi chú lề"],
        [None, None, None, None, None],
        [2, None, "Xã B", 200, None],
    ]
    table, _ = only_table(write_table(tmp_path / "x.xlsx", rows))

    assert table.rows.tolist() == [3, 6]
    assert as_text(table.cells) == [["10001", "Xã A", "100"], [None, "Xã B", "200"]]


def test_signature_block_below_the_last_figures_ends_the_table(tmp_path: Path) -> None:
    rows: Rows = [
        ["Mã xã", "Tên xã", "Dân số", "Có trạm y tế", None],
        ["10001", "Xã A", "100", "Có", None],
        [None, "Ghi chú: xã B chưa có mã", None, None, None],  # a note, not the end
        [None, "Xã B", "200", "Có", None],
        [None, None, None, "Người lập biểu", "Thủ trưởng đơn vị"],
        [None, None, None, "(Ký, ghi rõ họ tên)", "Giám đốc"],
        [None, "Nguyễn Văn An", None, "Không", None],
    ]
    table, _ = only_table(write_table(tmp_path / "x.xlsx", rows))

    assert table.rows.tolist() == [2, 4]
    assert table.total_rows.tolist() == []


def test_workbook_with_commune_district_and_other_sheets(tmp_path: Path) -> None:
    district: Rows = [
        ["Mã huyện", "Tên huyện", "Số kỹ thuật được chuyển giao"],
        ["672", "Đức Trọng", 5],
    ]
    path = write_workbook(
        tmp_path / "bao_cao.xlsx",
        Sheet("Hướng dẫn", [["Hướng dẫn điền biểu"], ["Mỗi xã một dòng; mã xã 5 chữ số"]]),
        Sheet("Ghi chú", [["Số liệu do trạm y tế cung cấp"]]),
        Sheet("Danh mục", TABLE, hidden=True),
        Sheet("TYT", TABLE),
        Sheet("Trống", []),
        Sheet("Biểu đồ", [], chart=True),
        Sheet("Huyện", district),
    )

    outcome = read_file(path)

    assert [(t.sheet, t.kind, t.rows.tolist()) for t in outcome.tables] == [
        ("TYT", "commune", [2, 3, 4]),
        ("Huyện", "district", [2]),
    ]
    assert outcome.tables[1].columns == {
        "district_code": "A",
        "district_name": "B",
        "techniques_transferred": "C",
    }
    # The instructions sheet is skipped silently; any other unusable sheet is mentioned.
    assert outcome.findings == [
        Finding(
            "sheet_skipped",
            file=str(path),
            sheet="Ghi chú",
            params={"sheet_name": "Ghi chú"},
        )
    ]
    assert finding_message(outcome.findings[0], "vi") == (
        "Bỏ qua trang tính “Ghi chú”: không thấy dòng tiêu đề có cột Mã xã, Tên xã, Dân số,"
        " Mã huyện hoặc Tên huyện"
    )


def test_unknown_columns_are_reported_once_each(tmp_path: Path) -> None:
    rows: Rows = [
        ["Mã xã", "Ghi chú", "Tên xã", "Dân số", None, "Số xe\ncứu thương", "Mã xã"],
        ["10001", "x", "Xã A", "100", None, "1", "10001"],
        ["10002", "y", "Xã B", "200", None, "2", "10002"],
    ]
    path = write_table(tmp_path / "x.csv", rows)

    table, findings = only_table(path)

    assert table.columns == {"commune_code": "A", "commune_name": "C", "population": "D"}
    assert findings == [
        Finding("unknown_column", file=str(path), row=1, column="B", value="Ghi chú"),
        Finding("unknown_column", file=str(path), row=1, column="F", value="Số xe cứu thương"),
        Finding("unknown_column", file=str(path), row=1, column="G", value="Mã xã"),
    ]


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "khong_co.xlsx"


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    return path


def _truncated(tmp_path: Path) -> Path:
    whole = write_table(tmp_path / "whole.xlsx", TABLE).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.xls"
    path.write_bytes(bytes(range(256)) * 16)
    return path


def _zip_not_a_workbook(tmp_path: Path) -> Path:
    shutil.make_archive(str(tmp_path / "archive"), "zip", root_dir=tmp_path, base_dir=".")
    return (tmp_path / "archive.zip").rename(tmp_path / "archive.xlsx")


def _encrypted(tmp_path: Path) -> Path:
    return write_encrypted_package(tmp_path / "mat_khau.xlsx")


def _no_header_workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "x.xlsx", Sheet("Sheet1", [["Số liệu"], ["1", "2"]]))


def _no_header_csv(tmp_path: Path) -> Path:
    return write_text(tmp_path / "x.csv", [["a", "b"], ["1", "2"]])


def _bad_utf8_after_the_head(tmp_path: Path) -> Path:
    path = tmp_path / "x.csv"
    path.write_bytes(b"Ma xa,Ten xa,Dan so\n" + b"10001,Xa A,100\n" * 20_000 + b"1,\xff\xfe,2\n")
    return path


@pytest.mark.parametrize(
    ("make", "key"),
    [
        pytest.param(_missing, "file_not_found", id="missing-file"),
        pytest.param(_empty, "empty_file", id="empty-file"),
        pytest.param(_truncated, "corrupt_file", id="truncated-xlsx"),
        pytest.param(_junk, "unsupported_format", id="binary-junk"),
        pytest.param(_zip_not_a_workbook, "unsupported_format", id="zip-not-a-workbook"),
        pytest.param(_encrypted, "password_protected", id="password-protected"),
        pytest.param(_no_header_workbook, "no_data_sheet", id="workbook-without-header"),
        pytest.param(_no_header_csv, "no_data_sheet", id="csv-without-header"),
        pytest.param(_bad_utf8_after_the_head, "undecodable_text", id="bad-utf-8-in-body"),
    ],
)
def test_every_unreadable_file_is_one_error_naming_it(
    tmp_path: Path, make: Callable[[Path], Path], key: str
) -> None:
    path = make(tmp_path)

    with pytest.raises(YcsError) as raised:
        read_file(path)

    assert raised.value.key == key
    assert raised.value.params["path"] == str(path)


def test_password_protected_workbook_with_xls_name(tmp_path: Path) -> None:
    path = write_encrypted_package(tmp_path / "mat_khau.xls")

    with pytest.raises(YcsError) as raised:
        read_file(path)

    assert raised.value.key == "password_protected"


@pytest.mark.parametrize(
    ("real", "named"),
    [("x.csv", "csv.xlsx"), ("x.xls", "xls.xlsx"), ("x.ods", "ods.xlsx"), ("x.xlsx", "xlsx.xls")],
)
def test_format_comes_from_the_content_not_the_name(tmp_path: Path, real: str, named: str) -> None:
    path = write_table(tmp_path / real, TABLE).rename(tmp_path / named)

    table, _ = only_table(path)

    assert as_text(table.cells) == TABLE_TEXT


def test_expand_paths_finds_spreadsheets_in_folders(tmp_path: Path) -> None:
    for name in (
        "b.xlsx",
        "a.csv",
        "sub/c.ods",
        "sub/d.XLS",
        ".an/e.csv",
        ".f.csv",
        "~$b.xlsx",
        "notes.txt",
        "readme.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    lone = tmp_path / "notes.txt"

    assert expand_paths([tmp_path, lone, str(tmp_path / "a.csv")]) == [
        tmp_path / "a.csv",
        tmp_path / "b.xlsx",
        tmp_path / "sub/c.ods",
        tmp_path / "sub/d.XLS",
        lone,
    ]


@pytest.mark.parametrize(
    ("given", "key"), [("missing", "file_not_found"), ("empty", "no_spreadsheets")]
)
def test_expand_paths_errors(tmp_path: Path, given: str, key: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("x")

    with pytest.raises(YcsError) as raised:
        expand_paths([tmp_path / given])

    assert raised.value.key == key
    assert raised.value.params["path"] == str(tmp_path / given)


def test_read_inputs_combines_files_and_reports_progress(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    first = write_table(tmp_path / "in" / "a.csv", TABLE, encoding="utf-16")
    second = write_table(tmp_path / "in" / "b.xlsx", TABLE[:2])
    seen: list[Path] = []

    outcome = read_inputs([tmp_path / "in"], on_file=seen.append)

    assert seen == [first, second]
    assert [(t.file, len(t.rows)) for t in outcome.tables] == [(str(first), 3), (str(second), 1)]
    assert [f.code for f in outcome.findings] == ["encoding_used"]

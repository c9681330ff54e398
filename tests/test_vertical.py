"""Vertical forms (SPEC §2.4): a station's own report, one commune per sheet, read as one row."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from typer.testing import CliRunner

from tests.builders import Sheet, write_workbook
from ycs.api import check_files
from ycs.check.duplicates import FILE, ROW, SHEET
from ycs.check.validation import Dataset, validate
from ycs.cli import app
from ycs.errors import Finding
from ycs.present.template_vertical import value_cells
from ycs.read.readers import read_inputs

# Real units of huyện Văn Chấn, tỉnh Yên Bái (GSO codes of 2024).
CAT_THINH = ("04693", "Xã Cát Thịnh")
TU_LE = ("04630", "Xã Tú Lệ")
VAN_CHAN_COMMUNES = (
    ("04621", "Thị trấn Nông trường Liên Sơn"),
    ("04627", "Thị trấn Nông trường Trần Phú"),
    ("04630", "Xã Tú Lệ"),
    ("04633", "Xã Nậm Búng"),
    ("04636", "Xã Gia Hội"),
    ("04639", "Xã Sùng Đô"),
    ("04642", "Xã Nậm Mười"),
    ("04645", "Xã An Lương"),
    ("04648", "Xã Nậm Lành"),
    ("04651", "Xã Sơn Lương"),
    ("04654", "Xã Suối Quyền"),
    ("04657", "Xã Suối Giàng"),
    ("04669", "Xã Suối Bu"),
    ("04672", "Thị trấn Sơn Thịnh"),
    ("04687", "Xã Đại Lịch"),
    ("04690", "Xã Đồng Khê"),
    ("04693", "Xã Cát Thịnh"),
    ("04696", "Xã Tân Thịnh"),
    ("04699", "Xã Chấn Thịnh"),
    ("04702", "Xã Bình Thuận"),
)

TITLE_ROWS = 8  # rows 1–6 title, 7 header, 8 column numbers; indicators from row 9


def station_form(
    unit: tuple[str, str] = CAT_THINH,
    indicators: list[list[object]] | None = None,
    *,
    headings: tuple[str, ...] = ("Số lượng",),
    period: str = "BÁO CÁO HOẠT ĐỘNG Y TẾ THÁNG 10 NĂM 2024",
    unit_lines: tuple[str, ...] | None = None,
) -> list[list[object]]:
    """A station's monthly report: title block, header "STT | Tên chỉ tiêu | Đơn vị tính |
    <headings>", the "A B C 1 …" row, then the indicator rows (STT, name, unit, values)."""
    code, name = unit
    lines = unit_lines or (f"Đơn vị báo cáo: Trạm Y tế {name.lower()}", f"Mã xã: {code}")
    numbers = [str(i) for i in range(1, len(headings) + 1)]
    rows: list[list[object]] = [
        ["SỞ Y TẾ TỈNH YÊN BÁI", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["TRUNG TÂM Y TẾ HUYỆN VĂN CHẤN", None, None, "Độc lập - Tự do - Hạnh phúc"],
        [lines[0]],
        [lines[1] if len(lines) > 1 else None],
        [period],
        [],
        ["STT", "Tên chỉ tiêu", "Đơn vị tính", *headings],
        ["A", "B", "C", *numbers],
    ]
    rows += indicators if indicators is not None else default_indicators()
    rows += [[], [None, "Người lập biểu", None, "Trưởng trạm"]]
    return rows


def default_indicators(population: object = 5210, female: object = 2604) -> list[list[object]]:
    return [
        ["I", "DÂN SỐ"],  # row 9: a section heading, not the population
        ["1", "Dân số", "Người", population],  # row 10
        [None, "Trong đó: nữ", "Người", female],  # row 11
        ["2", "Trẻ em dưới 1 tuổi", "Trẻ", 71],  # row 12
        ["3", "Trẻ em dưới 5 tuổi", "Trẻ", 398],  # row 13
        ["II", "KHÁM CHỮA BỆNH"],  # row 14
        ["4", "Tổng số lượt khám bệnh", "Lượt", 640],  # row 15
        [None, "Trong đó: lượt khám BHYT", "Lượt", 590],  # row 16
        ["5", "Số trẻ đẻ sống", "Trẻ", 6],  # row 17
    ]


def write_form(path: Path, rows: list[list[object]], sheet: str = "Biểu 1") -> Path:
    return write_workbook(path, Sheet(sheet, rows))


def read_one(path: Path, period: str | None = None) -> Dataset:
    return validate(read_inputs([path]), period=period)


def row_of(dataset: Dataset) -> dict[str, object]:
    frame = dataset.frames["commune"]
    assert len(frame) == 1
    return {k: v for k, v in frame.iloc[0].to_dict().items() if not _blank(v)}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def where(finding: Finding) -> tuple[str, str | None, int | None, str | None, str | None]:
    return finding.code, finding.sheet, finding.row, finding.column, finding.field


def test_station_form_gives_one_row_with_unit_and_period_from_the_title(tmp_path: Path) -> None:
    dataset = read_one(write_form(tmp_path / "cat_thinh.xlsx", station_form()))
    assert dataset.findings == []
    assert row_of(dataset) == {
        "province_name": "TỈNH YÊN BÁI",
        "district_name": "HUYỆN VĂN CHẤN",
        "commune_name": "Xã cát thịnh",
        "commune_code": "04693",
        "period": "2024-10",
        "population": 5210.0,
        "population_female": 2604.0,
        "children_under_1": 71.0,
        "children_under_5": 398.0,
        "outpatient_visits": 640.0,
        "bhyt_visits": 590.0,
        "live_births": 6.0,
        FILE: str(tmp_path / "cat_thinh.xlsx"),
        SHEET: "Biểu 1",
        ROW: 4,  # the row of the commune code
    }


def test_findings_point_at_the_value_cell(tmp_path: Path) -> None:
    rows = station_form(indicators=default_indicators(population="5.21O", female=-3))
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert [(*where(f), f.value) for f in dataset.findings] == [
        ("not_a_number", "Biểu 1", 10, "D", "population", "5.21O"),
        ("negative", "Biểu 1", 11, "D", "population_female", "-3"),
    ]


def test_part_exceeding_its_whole_is_reported_on_the_sub_row(tmp_path: Path) -> None:
    rows = station_form(indicators=default_indicators(population=5210, female=5300))
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert [(*where(f), f.value) for f in dataset.findings] == [
        ("part_exceeds_whole", "Biểu 1", 11, "D", "population_female", "5300")
    ]


@pytest.mark.parametrize(
    ("parent", "sub", "field"),
    [
        ("Dân số", "Trong đó: nữ", "population_female"),
        ("Dân số trung bình", "Trong đó: Nữ", "population_female"),
        ("Tổng số lượt khám bệnh", "Trong đó: lượt khám BHYT", "bhyt_visits"),
        ("Số người sử dụng dịch vụ CSSKBĐ", "Trong đó: được BHYT chi trả", None),
        ("Số người sử dụng dịch vụ CSSKBĐ", "Trong đó được BHYT chi trả", None),
    ],
    ids=["dan-so-nu", "dan-so-trung-binh", "luot-kham-bhyt", "csskbd-colon", "csskbd"],
)
def test_sub_rows_read_with_their_parent(
    tmp_path: Path, parent: str, sub: str, field: str | None
) -> None:
    indicators: list[list[object]] = [
        ["1", parent, "Người", 900],
        [None, sub, "Người", 400],
        ["2", "Trẻ em dưới 1 tuổi", "Trẻ", 12],
        ["3", "Trẻ em dưới 5 tuổi", "Trẻ", 60],
    ]
    if parent != "Dân số":
        indicators.insert(0, ["0", "Dân số", "Người", 5210])
    table = read_inputs([write_form(tmp_path / "f.xlsx", station_form(indicators=indicators))])
    cells = table.tables[0].cells
    expected = field or "primary_care_users_bhyt_paid"
    assert cells[expected].tolist() == [400]
    assert table.tables[0].cell_rows is not None
    assert (
        table.tables[0].cell_rows[expected]
        == TITLE_ROWS + indicators.index([None, sub, "Người", 400]) + 1
    )


def test_sub_row_of_an_unrelated_parent_is_not_taken(tmp_path: Path) -> None:
    indicators: list[list[object]] = [
        ["1", "Dân số", "Người", 5210],
        ["2", "Số người có thẻ BHYT", "Người", 4800],
        [None, "Trong đó: nữ", "Người", 2400],  # insured women, not the female population
        ["3", "Trẻ em dưới 5 tuổi", "Trẻ", 398],
    ]
    table = read_inputs([write_form(tmp_path / "f.xlsx", station_form(indicators=indicators))])
    assert set(table.tables[0].cells.columns) == {
        "province_name",
        "district_name",
        "commune_name",
        "commune_code",
        "period",
        "population",
        "insured_population",
        "children_under_5",
    }


def test_bare_trong_do_line_with_dashed_parts(tmp_path: Path) -> None:
    indicators: list[list[object]] = [
        ["1", "Dân số", "Người", 5210],
        [None, "Trong đó:", None, None],
        [None, "- Nữ", "Người", 2604],
        ["2", "Trẻ em dưới 1 tuổi", "Trẻ", 71],
        ["3", "Trẻ em dưới 5 tuổi", "Trẻ", 398],
    ]
    dataset = read_one(write_form(tmp_path / "f.xlsx", station_form(indicators=indicators)))
    assert row_of(dataset)["population_female"] == 2604.0


@pytest.mark.parametrize(
    "heading", ["Số lượng", "Số liệu", "Thực hiện", "Kết quả", "Tổng số", "Tháng 10/2024"]
)
def test_value_column_named_after_notes_and_units(tmp_path: Path, heading: str) -> None:
    # A notes column with figures on the left of the value column must not be read.
    indicators = [
        [str(i), name, unit, "x", value, "ghi chú"]
        for i, (name, unit, value) in enumerate(
            [
                ("Dân số", "Người", 5210),
                ("Trẻ em dưới 1 tuổi", "Trẻ", 71),
                ("Số trẻ đẻ sống", "Trẻ", 6),
            ],
            start=1,
        )
    ]
    rows = station_form(indicators=indicators, headings=("Mã số", heading, "Ghi chú"))
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert row_of(dataset)["population"] == 5210.0
    assert dataset.findings == []


def test_only_numeric_column_right_of_the_names(tmp_path: Path) -> None:
    indicators: list[list[object]] = [
        ["1", "Dân số", "Người", 5210, None],
        ["2", "Trẻ em dưới 1 tuổi", "Trẻ", 71, None],
        ["3", "Số trẻ đẻ sống", "Trẻ", 6, "đủ"],
    ]
    rows = station_form(indicators=indicators, headings=("", "Nhận xét"))
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert row_of(dataset)["live_births"] == 6.0


@pytest.mark.parametrize(
    ("headings", "other"),
    [(("Tháng 10", "Cộng dồn"), "Cộng dồn"), (("Lũy kế từ đầu năm", "Thực hiện tháng"), None)],
    ids=["period-then-cumulative", "cumulative-first"],
)
def test_period_column_is_read_not_the_year_to_date(
    tmp_path: Path, headings: tuple[str, str], other: str | None
) -> None:
    own = 0 if other else 1
    indicators: list[list[object]] = [
        ["1", "Dân số", "Người", *((5210, 5210))],
        ["2", "Tổng số lượt khám bệnh", "Lượt", *((640, 5900) if own == 0 else (5900, 640))],
        ["3", "Số trẻ đẻ sống", "Trẻ", *((6, 51) if own == 0 else (51, 6))],
    ]
    dataset = read_one(
        write_form(tmp_path / "f.xlsx", station_form(indicators=indicators, headings=headings))
    )
    row = row_of(dataset)
    assert (row["outpatient_visits"], row["live_births"]) == (640.0, 6.0)
    own_column, other_column = ("D", "E") if own == 0 else ("E", "D")
    assert [(*where(f), f.value, dict(f.params)) for f in dataset.findings] == [
        (
            "value_column_chosen",
            "Biểu 1",
            7,
            own_column,
            None,
            headings[own],
            {"other": headings[1 - own], "other_column": other_column},
        )
    ]


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("BÁO CÁO CÔNG TÁC Y TẾ NĂM 2024", "2024"),
        ("Tháng 10 năm 2024", "2024-10"),
        ("BÁO CÁO 6 THÁNG ĐẦU NĂM 2024", "2024-H1"),
        ("Kỳ báo cáo: Quý III/2024", "2024-Q3"),
    ],
)
def test_period_from_the_title(tmp_path: Path, title: str, period: str) -> None:
    dataset = read_one(write_form(tmp_path / "f.xlsx", station_form(period=title)))
    assert row_of(dataset)["period"] == period


def test_no_period_in_the_title_takes_the_option_or_is_missing(tmp_path: Path) -> None:
    path = write_form(tmp_path / "f.xlsx", station_form(period="BÁO CÁO HOẠT ĐỘNG Y TẾ"))
    assert row_of(read_one(path, period="2024-10"))["period"] == "2024-10"
    assert [where(f) for f in read_one(path).findings] == [
        ("missing_period", "Biểu 1", 7, None, None)
    ]


def test_code_beside_its_label_is_padded_like_any_code(tmp_path: Path) -> None:
    rows = station_form()
    rows[3] = ["Mã xã:", 4693]  # Excel dropped the leading zero
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert row_of(dataset)["commune_code"] == "04693"
    assert [(*where(f), f.value) for f in dataset.findings] == [
        ("code_padded", "Biểu 1", 4, "B", "commune_code", "4693")
    ]


def test_unit_line_xa_huyen_tinh(tmp_path: Path) -> None:
    lines = ("Xã Tú Lệ, huyện Văn Chấn, tỉnh Yên Bái", "Mã xã: 04630")
    dataset = read_one(write_form(tmp_path / "f.xlsx", station_form(TU_LE, unit_lines=lines)))
    row = row_of(dataset)
    assert (row["commune_code"], row["commune_name"]) == ("04630", "Xã Tú Lệ")
    assert (row["district_name"], row["province_name"]) == ("Huyện Văn Chấn", "Tỉnh Yên Bái")


def test_wide_tables_are_still_read_as_wide(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Mã xã", "Tên xã", "Dân số", "Trẻ em dưới 1 tuổi", "Kỳ báo cáo"],
        *[
            [code, name, 1000 + i, 20, "2024-10"]
            for i, (code, name) in enumerate(VAN_CHAN_COMMUNES)
        ],
    ]
    tables = read_inputs([write_form(tmp_path / "wide.xlsx", rows, sheet="Xã")]).tables
    assert len(tables) == 1
    assert tables[0].cell_rows is None
    assert len(tables[0].rows) == 20


# A folder of 20 vertical files against the same data in one wide table.


def _measures(i: int) -> dict[str, int]:
    population = 2000 + 397 * i
    return {
        "population": population,
        "population_female": population // 2 + i,
        "children_under_1": 30 + i,
        "children_under_5": 150 + 5 * i,
        "insured_population": population - 50 * i,
        "outpatient_visits": 300 + 11 * i,
        "bhyt_visits": 250 + 9 * i,
    }


_NAMES = {
    "population": "Dân số",
    "population_female": "Trong đó: nữ",
    "children_under_1": "Trẻ em dưới 1 tuổi",
    "children_under_5": "Trẻ em dưới 5 tuổi",
    "insured_population": "Số người có thẻ BHYT",
    "outpatient_visits": "Tổng số lượt khám bệnh",
    "bhyt_visits": "Trong đó: lượt khám BHYT",
}


def _planted(i: int, values: dict[str, int]) -> dict[str, object]:
    spoiled: dict[str, object] = dict(values)
    if i == 3:
        spoiled["children_under_1"] = -4  # negative
    if i == 7:
        spoiled["bhyt_visits"] = values["outpatient_visits"] + 10  # part exceeds whole
    if i == 11:
        spoiled["insured_population"] = values["population"] + 90  # warning, value kept
    return spoiled


def _folder_and_wide(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "thang_10"
    folder.mkdir()
    wide: list[list[object]] = [["Mã xã", "Tên xã", "Kỳ báo cáo", *[_wide(f) for f in _NAMES]]]
    for i, (code, name) in enumerate(VAN_CHAN_COMMUNES):
        values = _planted(i, _measures(i))
        indicators = [
            [str(n), _NAMES[field], "", values[field]] for n, field in enumerate(_NAMES, start=1)
        ]
        write_form(folder / f"{code}.xlsx", station_form((code, name), indicators))
        wide.append([code, name, "2024-10", *values.values()])
    return folder, write_form(tmp_path / "wide.xlsx", wide, sheet="Xã")


def _wide(field: str) -> str:
    return {"population_female": "Dân số nữ", "bhyt_visits": "Trong đó lượt khám BHYT"}.get(
        field, _NAMES[field]
    )


def test_folder_of_vertical_files_equals_the_wide_table(tmp_path: Path) -> None:
    folder, wide = _folder_and_wide(tmp_path)
    vertical, flat = validate(read_inputs([folder])), validate(read_inputs([wide]))
    columns = ["commune_code", "period", *_NAMES]
    assert vertical.frames["commune"][columns].equals(flat.frames["commune"][columns])
    assert [(f.code, f.field, f.value) for f in vertical.findings] == [
        (f.code, f.field, f.value) for f in flat.findings
    ]
    assert [(f.code, Path(f.file or "").name, f.row, f.column) for f in vertical.findings] == [
        ("negative", "04633.xlsx", 11, "D"),
        ("part_exceeds_whole", "04645.xlsx", 15, "D"),
        ("insured_exceeds_population", "04657.xlsx", 13, "D"),
    ]
    by_folder = check_files([folder], period="2024-10")
    by_table = check_files([wide], period="2024-10")
    assert by_folder.results
    assert [
        (r.plan, r.indicator, r.level, r.unit_code, r.value, r.numerator) for r in by_folder.results
    ] == [
        (r.plan, r.indicator, r.level, r.unit_code, r.value, r.numerator) for r in by_table.results
    ]


def test_the_same_commune_twice_in_a_folder_is_a_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    write_form(folder / "a_cat_thinh.xlsx", station_form())
    write_form(folder / "b_cat_thinh_lan_2.xlsx", station_form())
    dataset = validate(read_inputs([folder]))
    assert len(dataset.frames["commune"]) == 1
    [duplicate] = dataset.findings
    assert (duplicate.code, Path(duplicate.file or "").name, duplicate.row, duplicate.column) == (
        "duplicate_unit",
        "b_cat_thinh_lan_2.xlsx",
        4,
        "A",
    )
    assert duplicate.params["first"] == f"Biểu 1!A4 ({folder / 'a_cat_thinh.xlsx'})"


def test_vertical_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mau_doc.xlsx"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["template", "--layout", "vertical", "--sheet", "commune", "-o", str(path)]
        ).exit_code
        == 0
    )
    blank = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert blank.exit_code == 1  # an unfilled form must not pass
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Biểu xã"]
    cells = value_cells("commune")
    filled = {
        "commune_code": "04693",
        "commune_name": "Xã Cát Thịnh",
        "district_name": "Huyện Văn Chấn",
        "province_name": "Tỉnh Yên Bái",
        "period": "Tháng 10/2024",
        "population": 5210,
        "population_female": 2604,
        "has_station": "Có",
        "doctors_working": 2,
        "doctors_permanent": 1,
        "ntc_pass": "Đạt",
        "ntc_score": 86.5,
    }
    for field, value in filled.items():
        sheet[cells[field]] = value
    workbook.save(path)
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    # Tú Lệ alone of Văn Chấn: the district's other communes are missing, nothing else.
    findings = json.loads(result.output)["findings"]
    assert [(f["code"], f["value"]) for f in findings] == [("missing_units", "140")]
    row = row_of(read_one(path))
    assert (row["commune_code"], row["period"], row["population"], row["ntc_score"]) == (
        "04693",
        "2024-10",
        5210.0,
        86.5,
    )


def test_unit_named_without_a_code_is_looked_up_with_its_district(tmp_path: Path) -> None:
    lines = ("Đơn vị báo cáo: Trạm Y tế xã Tân Thịnh", "Huyện Văn Chấn, tỉnh Yên Bái")
    rows = station_form(unit_lines=lines)
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert dataset.findings == []
    assert row_of(dataset)["commune_code"] == "04696"
    table = read_inputs([tmp_path / "f.xlsx"]).tables[0]
    assert table.cell_rows is not None
    assert (table.cell_rows["commune_code"], table.columns["commune_code"]) == (3, "A")


def _unresolved(tmp_path: Path, second_line: str) -> list[tuple[object, ...]]:
    rows = station_form(unit_lines=("Đơn vị báo cáo: Trạm Y tế xã Tân Thịnh", second_line))
    rows[1] = ["SỞ Y TẾ", None, None, "Độc lập - Tự do - Hạnh phúc"]  # no district named
    dataset = read_one(write_form(tmp_path / "f.xlsx", rows))
    assert dataset.frames["commune"]["commune_code"].isna().all()
    return [(*where(f), f.value, dict(f.params)) for f in dataset.findings]


def test_unit_name_matching_two_communes_is_unresolved(tmp_path: Path) -> None:
    # Tỉnh Yên Bái has a xã Tân Thịnh in TP Yên Bái and another in huyện Văn Chấn.
    assert _unresolved(tmp_path, "Tỉnh Yên Bái") == [
        (
            "unit_unresolved",
            "Biểu 1",
            3,
            "A",
            "commune_name",
            "Đơn vị báo cáo: Trạm Y tế xã Tân Thịnh",
            {"count": 2, "codes": " (04279, 04696)"},
        ),
        ("missing_required", "Biểu 1", 3, "A", "commune_code", "", {}),
    ]


def test_unit_name_matching_no_commune_is_unresolved(tmp_path: Path) -> None:
    # Huyện Lục Yên has no xã Tân Thịnh.
    found = _unresolved(tmp_path, "Huyện Lục Yên, tỉnh Yên Bái")
    assert found[0] == (
        "unit_unresolved",
        "Biểu 1",
        3,
        "A",
        "commune_name",
        "Đơn vị báo cáo: Trạm Y tế xã Tân Thịnh",
        {"count": 0, "codes": ""},
    )

"""The blank submission template: headers, comments, validations, instructions, version stamp."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import ycs
from ycs.check.fields import FIELDS, SheetKind, field_map
from ycs.errors import YcsError, column_letter
from ycs.present.template import write_template
from ycs.present.template_vertical import value_cells, write_vertical_template
from ycs.text import normalise_header

COMMUNE, DISTRICT = "Biểu xã", "Biểu huyện"
PARENTHESES = re.compile(r"\([^()]*\)")
KNOWN_HEADINGS = {
    normalise_header(text)
    for fields in FIELDS.values()
    for field in fields
    for text in (field.name, field.header, *field.aliases)
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template") / "mau.xlsx"
    write_template(path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def template_en(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template_en") / "template.xlsx"
    write_template(path, "commune", "en")
    return openpyxl.load_workbook(path)


def _column_of(kind: SheetKind, name: str) -> str:
    names = [f.name for f in FIELDS[kind]]
    return column_letter(names.index(name))


def _validations(sheet: Worksheet) -> dict[str, tuple[object, ...]]:
    """Each validated range → (type, operator, formula1, formula2, error style)."""
    return {
        str(v.sqref): (v.type, v.operator, v.formula1, v.formula2, v.errorStyle)
        for v in sheet.data_validations.dataValidation
    }


@pytest.mark.parametrize(
    ("sheets", "expected"),
    [
        pytest.param("both", [COMMUNE, DISTRICT, "Hướng dẫn", "_ycs"], id="both"),
        pytest.param("commune", [COMMUNE, "Hướng dẫn", "_ycs"], id="commune"),
        pytest.param("district", [DISTRICT, "Hướng dẫn", "_ycs"], id="district"),
    ],
)
def test_sheets_chosen(tmp_path: Path, sheets: str, expected: list[str]) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path, sheets)  # type: ignore[arg-type]
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == expected
    assert [workbook[s].sheet_state for s in expected][-1] == "hidden"
    assert all(workbook[s].sheet_state == "visible" for s in expected[:-1])


@pytest.mark.parametrize(
    ("sheet", "kind"), [pytest.param(COMMUNE, "commune"), pytest.param(DISTRICT, "district")]
)
def test_header_row_is_the_catalogue(
    template: openpyxl.Workbook, sheet: str, kind: SheetKind
) -> None:
    ws = template[sheet]
    headers = [cell.value for cell in ws[2]]
    assert headers == [f.header for f in FIELDS[kind]]
    assert ws.freeze_panes == "A3"
    # The title must not look like a header row to the readers.
    title = [cell.value for cell in ws[1] if cell.value is not None]
    assert len(title) == 1
    assert normalise_header(str(title[0])) not in KNOWN_HEADINGS
    assert ws.max_row == 2  # no empty cells in the data area for readers to trip on


@pytest.mark.parametrize(
    ("sheet", "kind"), [pytest.param(COMMUNE, "commune"), pytest.param(DISTRICT, "district")]
)
def test_required_columns_are_marked(
    template: openpyxl.Workbook, sheet: str, kind: SheetKind
) -> None:
    ws = template[sheet]
    for field in FIELDS[kind]:
        cell = ws[f"{_column_of(kind, field.name)}2"]
        assert cell.font.b is field.required, field.name
        assert cell.fill.fgColor.rgb == ("00FFE699" if field.required else "00DDEBF7")


@pytest.mark.parametrize(
    ("kind", "name", "comment"),
    [
        pytest.param(
            "commune",
            "commune_code",
            "Mã 5 chữ số (mã ĐVHC của Tổng cục Thống kê), giữ số 0 ở đầu\nCó",
            id="code",
        ),
        pytest.param("commune", "commune_name", "Chữ\nCó", id="text"),
        pytest.param(
            "commune",
            "period",
            "Kỳ: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M…\nCó, nếu không dùng --period",
            id="period",
        ),
        pytest.param("commune", "population", "Số nguyên ≥ 1\nCó", id="int>0"),
        pytest.param("commune", "zone", "Số nguyên từ 1 đến 3\nKhông", id="zone"),
        pytest.param("commune", "has_station", "Có/Không\nKhông", id="bool"),
        pytest.param(
            "commune",
            "doctors_permanent",
            "Số nguyên ≥ 0\nKhông\nChỉ điền khi xã có trạm y tế. Không lớn hơn “Bác sĩ làm việc”.",
            id="station-and-relation",
        ),
        pytest.param(
            "commune",
            "insured_population",
            "Số nguyên ≥ 0\nKhông\nLớn hơn “Dân số” sẽ có cảnh báo.",
            id="warning-relation",
        ),
        pytest.param("commune", "ntc_score", "Số từ 0 đến 100\nKhông", id="num-range"),
        pytest.param("district", "capital_plan", "Số ≥ 0\nKhông", id="num"),
        pytest.param(
            "district",
            "district_code",
            "Mã 3 chữ số (mã ĐVHC của Tổng cục Thống kê), giữ số 0 ở đầu\nCó",
            id="district-code",
        ),
    ],
)
def test_header_comments(
    template: openpyxl.Workbook, kind: SheetKind, name: str, comment: str
) -> None:
    sheet = COMMUNE if kind == "commune" else DISTRICT
    cell = template[sheet][f"{_column_of(kind, name)}2"]
    assert cell.comment is not None
    assert cell.comment.text == comment


def test_comments_follow_language_but_headers_stay_vietnamese(
    template_en: openpyxl.Workbook,
) -> None:
    ws = template_en[COMMUNE]
    assert [c.value for c in ws[2]] == [f.header for f in FIELDS["commune"]]
    cell = ws[f"{_column_of('commune', 'doctors_permanent')}2"]
    assert cell.comment is not None
    assert cell.comment.text == (
        "Permanent doctors\nWhole number ≥ 0\nNo\n"
        "Only when the commune has a health station. Must not exceed “Bác sĩ làm việc”."
    )
    assert template_en.sheetnames == [COMMUNE, "Instructions", "_ycs"]


@pytest.mark.parametrize(
    ("kind", "name", "validation"),
    [
        pytest.param(
            "commune",
            "has_station",
            ("list", None, '"Có,Không"', None, "warning"),
            id="bool-dropdown",
        ),
        pytest.param(
            "commune",
            "ntc_pass",
            ("list", None, '"Có,Không"', None, "warning"),
            id="bool-dropdown-last",
        ),
        pytest.param(
            "commune",
            "doctors_working",
            ("whole", "greaterThanOrEqual", "0", None, "stop"),
            id="count",
        ),
        pytest.param(
            "commune",
            "population",
            ("whole", "greaterThanOrEqual", "1", None, "stop"),
            id="count>0",
        ),
        pytest.param("commune", "zone", ("whole", "between", "1", "3", "stop"), id="zone"),
        pytest.param(
            "commune", "ntc_score", ("decimal", "between", "0", "100", "stop"), id="score"
        ),
        pytest.param(
            "district",
            "capital_plan",
            ("decimal", "greaterThanOrEqual", "0", None, "stop"),
            id="decimal",
        ),
        pytest.param(
            "commune", "commune_code", ("textLength", "equal", "5", None, "stop"), id="commune-code"
        ),
        pytest.param(
            "commune",
            "province_code",
            ("textLength", "equal", "2", None, "stop"),
            id="province-code",
        ),
        pytest.param(
            "district",
            "district_code",
            ("textLength", "equal", "3", None, "stop"),
            id="district-code",
        ),
    ],
)
def test_data_validation(
    template: openpyxl.Workbook, kind: SheetKind, name: str, validation: tuple[object, ...]
) -> None:
    sheet = COMMUNE if kind == "commune" else DISTRICT
    letter = _column_of(kind, name)
    # openpyxl reads an absent errorStyle back as None; Excel's default is "stop".
    found = _validations(template[sheet])[f"{letter}3:{letter}1002"]
    assert (*found[:4], found[4] or "stop") == validation


@pytest.mark.parametrize(("sheet", "kind"), [(COMMUNE, "commune"), (DISTRICT, "district")])
def test_text_columns_have_no_validation_but_text_format(
    template: openpyxl.Workbook, sheet: str, kind: SheetKind
) -> None:
    ws = template[sheet]
    validated = {key.split(":")[0][:-1] for key in _validations(ws)}
    for field in FIELDS[kind]:
        letter = _column_of(kind, field.name)
        is_text = field.type.value in ("code", "text", "period")
        assert (ws.column_dimensions[letter].number_format == "@") is is_text, field.name
        assert (letter in validated) is (field.type.value not in ("text", "period")), field.name


def test_version_sheet(template: openpyxl.Workbook) -> None:
    ws = template["_ycs"]
    assert ws.sheet_state == "hidden"
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["template_version", ycs.__version__],
        ["sheets", "commune,district"],
        ["instructions_sheet", "Hướng dẫn"],
        ["created", date.today().isoformat()],
    ]


def test_instructions_list_every_field(template: openpyxl.Workbook) -> None:
    ws = template["Hướng dẫn"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    texts = [str(v) for row in rows for v in row if v is not None]
    assert (
        "2. Ô để trống nghĩa là thiếu số liệu, không phải bằng 0. Số liệu bằng 0 thì ghi 0."
        in texts
    )
    for kind in ("commune", "district"):
        for index, field in enumerate(FIELDS[kind]):
            assert f"Cột {column_letter(index)}: {field.header}" in texts, field.name
    row = next(r for r in rows if r[0] == "Cột E: Mã xã")
    assert row == [
        "Cột E: Mã xã",
        "Mã 5 chữ số (mã ĐVHC của Tổng cục Thống kê), giữ số 0 ở đầu",
        "Có",
        None,
    ]


def test_no_cell_outside_the_header_rows_looks_like_a_heading(
    template: openpyxl.Workbook, template_en: openpyxl.Workbook
) -> None:
    """Readers pick header rows by matching headings, with or without notes in parentheses;
    the title rows and the instructions must not be mistaken for them."""
    for workbook in (template, template_en):
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is None or (ws.title in (COMMUNE, DISTRICT) and cell.row == 2):
                        continue
                    for text in (str(cell.value), PARENTHESES.sub(" ", str(cell.value))):
                        assert normalise_header(text) not in KNOWN_HEADINGS, cell.value


def test_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(YcsError) as caught:
        write_template(tmp_path / "missing" / "mau.xlsx")
    assert caught.value.key == "output_unwritable"
    assert not (tmp_path / "missing").exists()


COMMUNE_ROWS = [
    {
        "province_code": "01",
        "province_name": "Hà Nội",
        "district_code": "001",
        "district_name": "Quận Ba Đình",
        "commune_code": "00001",
        "commune_name": "Phúc Xá",
        "zone": 1,
        "population": 12000,
        "population_female": 6100,
        "children_under_1": 150,
        "children_under_5": 800,
        "women_15_49": 3000,
        "villages_total": 10,
        "villages_with_active_vhw": 9,
        "has_station": "Có",
        "station_bhyt_kcb": "Có",
        "station_full_primary_care": "Có",
        "station_maintained": "Không",
        "station_ncd_management": "Có",
        "scorecard_applied": "Có",
        "tech_services_list": 100,
        "tech_services_performed": 85,
        "staff_total": 8,
        "doctors_working": 2,
        "doctors_permanent": 1,
        "midwives": 1,
        "vhw_count": 10,
        "insured_population": 11000,
        "population_health_managed": 10000,
        "population_with_ehr": 9000,
        "primary_care_users": 5000,
        "primary_care_users_bhyt_paid": 4500,
        "high_risk_population": 800,
        "high_risk_checked": 700,
        "children_u1_fully_immunised": 145,
        "htn_detected": 300,
        "htn_managed": 250,
        "dm_detected": 100,
        "dm_managed": 80,
        "outpatient_visits": 9000,
        "bhyt_visits": 8000,
        "live_births": 160,
        "deaths_under_1": 1,
        "ntc_pass": "Có",
        "ntc_score": 85.5,
    },
    {
        "province_code": "01",
        "province_name": "Hà Nội",
        "district_code": "001",
        "district_name": "Quận Ba Đình",
        "commune_code": "00004",
        "commune_name": "Trúc Bạch",
        "population": 9000,
        "has_station": "Có",
        "doctors_working": 0,
        "insured_population": 8500,
        "ntc_pass": "Không",
        "ntc_score": 72,
    },
]
DISTRICT_ROW = {
    "province_code": "01",
    "province_name": "Hà Nội",
    "district_code": "001",
    "district_name": "Quận Ba Đình",
    "district_tech_services_list": 500,
    "district_tech_services_performed": 450,
    "patients_surveyed": 200,
    "patients_satisfied": 185,
    "food_businesses_total": 120,
    "food_businesses_inspected": 110,
    "capital_plan": 1500.5,
    "capital_disbursed": 1200,
    "techniques_transferred": 5,
    "new_techniques": 12,
    "doctors_total": 40,
}


def _fill(ws: Worksheet, kind: SheetKind, rows: list[dict[str, object]]) -> None:
    letters = {f.name: _column_of(kind, f.name) for f in field_map(kind).values()}
    for offset, values in enumerate(rows):
        for name, value in values.items():
            ws[f"{letters[name]}{3 + offset}"] = value


def test_filled_template_validates_without_findings(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    _fill(workbook[COMMUNE], "commune", COMMUNE_ROWS)
    _fill(workbook[DISTRICT], "district", [DISTRICT_ROW])
    filled = tmp_path / "bao_cao_2024.xlsx"
    workbook.save(filled)

    report = ycs.validate_files([filled], period="2024")

    # The template's example communes are a few of their district's: the rest are missing.
    assert [f for f in report.findings if f.code != "missing_units"] == []
    assert sorted((i.kind, i.rows) for i in report.inputs) == [("commune", 2), ("district", 1)]


@pytest.mark.parametrize("sheet", [COMMUNE, DISTRICT])
def test_every_validation_shows_its_message(template: openpyxl.Workbook, sheet: str) -> None:
    validations = template[sheet].data_validations.dataValidation
    assert validations
    for validation in validations:
        assert validation.showErrorMessage
        assert validation.showInputMessage
        assert validation.error
        assert validation.prompt == validation.error


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao_xa.xlsx"
    path.write_bytes(b"a filled submission")
    with pytest.raises(YcsError) as caught:
        write_template(path)
    assert (caught.value.key, caught.value.params) == ("template_exists", {"path": str(path)})
    assert path.read_bytes() == b"a filled submission"
    write_template(path, force=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == COMMUNE


@pytest.mark.parametrize("name", ["mau.csv", "mau", "mau.xls"])
def test_refuses_a_name_without_xlsx(tmp_path: Path, name: str) -> None:
    with pytest.raises(YcsError) as caught:
        write_template(tmp_path / name)
    assert caught.value.key == "template_not_xlsx"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("sheet", "pages_across", "columns"),
    [(COMMUNE, 5, "$E:$F"), (DISTRICT, 2, "$C:$D"), ("Hướng dẫn", 1, None)],
)
def test_prints_on_a4_landscape_with_headings_on_every_page(
    template: openpyxl.Workbook, sheet: str, pages_across: int, columns: str | None
) -> None:
    ws = template[sheet]
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (pages_across, 0)
    assert ws.oddFooter.center.text == "&P / &N"
    if sheet != "Hướng dẫn":
        # The heading row only: row 1's title would print a piece of itself where it runs
        # through the repeated unit columns; the whole title heads each page instead.
        assert ws.print_title_rows == "$2:$2"
        assert ws.print_title_cols == columns
        assert ws.oddHeader.center.text.startswith(("BIỂU XÃ: số liệu", "BIỂU HUYỆN: số liệu"))
        assert ws["A1"].value in ("BIỂU XÃ", "BIỂU HUYỆN")
    # The page number sits inside the bottom margin, not half cut off below it.
    assert ws.page_margins.footer == 0.3 < ws.page_margins.bottom


@pytest.mark.parametrize("sheet", [COMMUNE, DISTRICT, "Hướng dẫn"])
def test_every_written_cell_names_the_document_font(
    template: openpyxl.Workbook, sheet: str
) -> None:
    # Without a font name LibreOffice prints styled cells in a serif and the rest in a sans.
    ws = template[sheet]
    fonts = {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Times New Roman"}


@pytest.mark.parametrize("sheet", [COMMUNE, DISTRICT])
def test_title_and_heading_rows_tall_enough_for_diacritics(
    template: openpyxl.Workbook, sheet: str
) -> None:
    ws = template[sheet]
    # 13-point capitals with stacked marks ("Ấ", "Ỗ") need about 1.6 × their size.
    assert ws.row_dimensions[1].height == 24
    assert ws.row_dimensions[2].height == 80


def test_instruction_rows_are_tall_enough_for_their_wrapped_text(
    template: openpyxl.Workbook,
) -> None:
    ws = template["Hướng dẫn"]
    assert ws.row_dimensions[1].height == 26
    widths = [ws.column_dimensions[letter].width for letter in "ABCD"]
    checked = 0
    for row in range(1, ws.max_row + 1):
        values = [ws.cell(row, column).value for column in range(1, 5)]
        if not ws.cell(row, 2).alignment.wrap_text:
            continue
        lines = max(
            -(-len(str(v)) * 11 // (10 * (int(w) - 1)))
            for v, w in zip(values, widths, strict=True)
            if v
        )
        assert ws.row_dimensions[row].height == 16 * lines + 2
        checked += 1
    assert checked == len(FIELDS["commune"]) + len(FIELDS["district"])


def test_unfilled_template_fails_validation(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path)
    report = ycs.validate_files([path])
    assert [(f.code, f.severity.value, f.file, f.sheet) for f in report.findings] == [
        ("no_data_rows", "error", str(path), DISTRICT),
        ("no_data_rows", "error", str(path), COMMUNE),
    ]


def test_vertical_form_prints_as_a_boxed_form(tmp_path: Path) -> None:
    path = tmp_path / "mau_doc.xlsx"
    write_vertical_template(path)
    ws = openpyxl.load_workbook(path)["Biểu xã"]
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (9, "landscape", 1)
    header = int(re.sub(r"\D", "", value_cells("commune")["population"])) - 3
    # The column headings and their numbers (A, B, C, 1, 2) on every page.
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert [ws.cell(header + 1, c).value for c in range(1, 6)] == ["A", "B", "C", "1", "2"]
    first, last = header + 2, ws.max_row
    for row in range(header, last + 1):
        for column in range(1, 6):
            cell = ws.cell(row, column)
            assert cell.border.left.style == cell.border.bottom.style == "thin", cell.coordinate
        if row >= first:
            # Tall enough to write a number in by hand; the number, unit and STT centred.
            assert ws.row_dimensions[row].height == 20
            assert ws.cell(row, 1).alignment.horizontal == "center"
            assert ws.cell(row, 2).alignment.wrap_text
    fonts = {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Times New Roman"}

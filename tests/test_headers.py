"""Header detection on rows as sheets hold them: which row, which field, which sheet kind."""

from __future__ import annotations

import pytest

from ycs.read.headers import Header, HeaderCell, find_header


def fields_of(header: Header | None) -> dict[str, int]:
    assert header is not None
    return {name: cell.column for name, cell in header.fields.items()}


def unknown_of(header: Header | None) -> list[tuple[int, int, str]]:
    assert header is not None
    return [(cell.column, cell.row, cell.text) for cell in header.unknown]


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        pytest.param(
            ["Mã xã", "Tên xã/phường/thị trấn", "Dân số"],
            {"commune_code": 0, "commune_name": 1, "population": 2},
            id="vietnamese",
        ),
        pytest.param(
            ["commune_code", "commune_name", "population"],
            {"commune_code": 0, "commune_name": 1, "population": 2},
            id="snake-case",
        ),
        pytest.param(
            ["Commune code", "COMMUNE NAME", "population"],
            {"commune_code": 0, "commune_name": 1, "population": 2},
            id="spaced-names",
        ),
        pytest.param(
            ["MA XA", "ten xa", "DÂN SỐ"],
            {"commune_code": 0, "commune_name": 1, "population": 2},
            id="case-diacritics",
        ),
        pytest.param(
            ["Mã\nxã", "Tên  xã", "Dân số\n(người)"],
            {"commune_code": 0, "commune_name": 1, "population": 2},
            id="line-breaks",
        ),
        pytest.param(
            ["Mã xã", "Xã/Phường", "Dân số trung bình (người)", "Bác sỹ làm việc"],
            {"commune_code": 0, "commune_name": 1, "population": 2, "doctors_working": 3},
            id="aliases-notes-y-spelling",
        ),
        pytest.param(
            ["Mã ĐVHC", "Đơn vị", "Tổng dân số", "Số DVKT thực hiện được"],
            {"commune_code": 0, "commune_name": 1, "population": 2, "tech_services_performed": 3},
            id="don-vi-with-commune-code",
        ),
    ],
)
def test_matches_headings_to_fields(headings: list[str], expected: dict[str, int]) -> None:
    header = find_header([headings, ["10001", "Xã A", 100, 2][: len(headings)]], [])

    assert header is not None
    assert header.kind == "commune"
    assert fields_of(header) == expected
    assert header.unknown == ()


@pytest.mark.parametrize(
    ("headings", "kind"),
    [
        pytest.param(["Mã xã", "Tên xã", "Dân số"], "commune", id="commune"),
        pytest.param(["Mã huyện", "Tên xã", "Dân số"], "commune", id="commune-without-code"),
        pytest.param(
            ["Mã huyện", "Huyện/Quận/Thị xã", "Số người bệnh được khảo sát"],
            "district",
            id="district",
        ),
        pytest.param(
            ["Mã TTYT", "Trung tâm y tế", "Tổng số bác sĩ"], "district", id="district-health-centre"
        ),
        pytest.param(
            ["Mã huyện", "Đơn vị", "Số kỹ thuật mới triển khai"],
            "district",
            id="don-vi-on-district-sheet",
        ),
        pytest.param(["Mã huyện", "Đơn vị"], "district", id="district-identity-only"),
        pytest.param(
            ["Mã huyện", "Tên huyện", "Mã xã", "Tên xã"], "commune", id="commune-code-decides"
        ),
    ],
)
def test_decides_the_sheet_kind_by_its_columns(headings: list[str], kind: str) -> None:
    header = find_header([headings], [])

    assert header is not None
    assert header.kind == kind


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([["Hướng dẫn điền biểu"], ["1. Mỗi xã một dòng"]], id="instructions"),
        pytest.param([["Mã tỉnh", "Tỉnh/Thành phố", "Kỳ báo cáo", "Vùng"]], id="no-required-field"),
        pytest.param([], id="empty"),
        pytest.param([[""] * 3] * 5, id="blank"),
        pytest.param([["Ghi chú"]] * 40 + [["Mã xã", "Tên xã", "Dân số"]], id="below-row-40"),
    ],
)
def test_sheet_without_a_recognisable_header_is_not_a_data_sheet(
    rows: list[list[str]],
) -> None:
    assert find_header(rows, []) is None


def test_header_row_is_the_one_matching_most_fields_below_the_title() -> None:
    rows = [
        ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "", "", ""],
        ["Dân số", "", "", ""],  # a title line that happens to be a heading
        ["", "", "", ""],
        ["STT", "Mã xã", "Tên xã", "Dân số"],
        ["1", "10001", "Xã A", "100"],
    ]

    header = find_header(rows, [])

    assert header is not None
    assert (header.first_row, header.last_row) == (3, 3)
    assert fields_of(header) == {"commune_code": 1, "commune_name": 2, "population": 3}
    assert header.row_number_columns == (0,)
    assert header.unknown == ()


# A printed form: STT, code, name and population merged down two rows; groups over sub-headings.
FORM = [
    ["BIỂU 1: TÌNH HÌNH TRẠM Y TẾ", "", "", "", "", "", "", "", ""],
    ["STT", "Mã xã", "Tên xã", "Dân số", "Trạm y tế", "", "Bác sĩ", "", "Ghi chú"],
    ["", "", "", "", "KCB BHYT", "Có BHYT", "Định biên", "Làm việc", ""],
    ["1", "10001", "Xã A", "100", "x", "x", "2", "1", ""],
]
FORM_MERGES = [
    (0, 0, 0, 8),
    (1, 0, 2, 0),
    (1, 1, 2, 1),
    (1, 2, 2, 2),
    (1, 3, 2, 3),
    (1, 4, 1, 5),
    (1, 6, 1, 7),
    (1, 8, 2, 8),
]


@pytest.mark.parametrize("merges", [FORM_MERGES, []], ids=["merged-cells", "no-merge-records"])
def test_group_headings_combine_with_their_sub_headings(
    merges: list[tuple[int, int, int, int]],
) -> None:
    header = find_header(FORM, merges)

    assert header is not None
    assert (header.first_row, header.last_row) == (1, 2)
    assert header.fields == {
        "commune_code": HeaderCell(1, 1, "Mã xã"),
        "commune_name": HeaderCell(2, 1, "Tên xã"),
        "population": HeaderCell(3, 1, "Dân số"),
        "station_bhyt_kcb": HeaderCell(4, 2, "KCB BHYT"),
        "doctors_working": HeaderCell(7, 2, "Bác sĩ - Làm việc"),
    }
    assert unknown_of(header) == [
        (5, 2, "Trạm y tế - Có BHYT"),
        (6, 2, "Bác sĩ - Định biên"),
        (8, 1, "Ghi chú"),
    ]
    assert header.row_number_columns == (0,)


def test_sub_heading_row_joins_the_header_even_when_it_adds_no_field() -> None:
    rows = [
        ["Mã xã", "Tên xã", "Dân số", "Phương tiện", ""],
        ["", "", "", "Xe cứu thương", "Xuồng"],
        ["10001", "Xã A", "100", "1", "0"],
    ]

    header = find_header(rows, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 4)])

    assert header is not None
    assert (header.first_row, header.last_row) == (0, 1)
    assert unknown_of(header) == [
        (3, 1, "Phương tiện - Xe cứu thương"),
        (4, 1, "Phương tiện - Xuồng"),
    ]


def test_group_and_sub_heading_beat_a_sub_heading_alone_for_one_field() -> None:
    rows = [
        ["Mã xã", "Tên xã", "Dân số", "Số bác sĩ", "Bác sĩ", ""],
        ["", "", "", "", "Cơ hữu", "Làm việc"],
    ]

    header = find_header(rows, [])

    assert fields_of(header) == {
        "commune_code": 0,
        "commune_name": 1,
        "population": 2,
        "doctors_permanent": 4,
        "doctors_working": 5,
    }
    assert unknown_of(header) == [(3, 0, "Số bác sĩ")]


def test_field_claimed_twice_keeps_the_first_column() -> None:
    header = find_header([["Mã xã", "Tên xã", "Dân số", "Mã xã", "Ghi chú", ""]], [])

    assert fields_of(header) == {"commune_code": 0, "commune_name": 1, "population": 2}
    assert unknown_of(header) == [(3, 0, "Mã xã"), (4, 0, "Ghi chú")]


def test_a_heading_merged_across_two_columns_names_only_the_first() -> None:
    rows = [["Mã xã", "Tên xã", "", "Dân số"], ["10001", "Xã", "A", "100"]]

    header = find_header(rows, [(0, 1, 0, 2)])

    assert fields_of(header) == {"commune_code": 0, "commune_name": 1, "population": 3}
    assert header is not None
    assert header.unknown == ()


@pytest.mark.parametrize("row_number", ["STT", "TT", "Số TT", "Số thứ tự"])
def test_row_number_column_is_ignored(row_number: str) -> None:
    header = find_header([[row_number, "Mã xã", "Tên xã", "Dân số"]], [])

    assert header is not None
    assert header.row_number_columns == (0,)
    assert header.unknown == ()

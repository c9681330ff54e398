"""A large worksheet parsed in pieces gives exactly the sheets a whole parse gives.

The pieces are forced on small workbooks here (every worksheet counts as large, three
pieces), and each result is compared with `parse_sheets` on the same file."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.builders import Sheet, write_xlsx
from tests.test_hostile import rewrite_entry
from ycs.read import limits, pieces, sources
from ycs.read.workbook import SheetCells, parse_sheets

TITLE = ["ỦY BAN NHÂN DÂN TỈNH YÊN BÁI"]
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HEADER = ["Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Có trạm y tế", "Ngày báo cáo"]


def body(count: int, start: int = 0) -> list[list[object]]:
    """Rows of every kind of cell: text codes, names, numbers, text numbers, booleans, dates."""
    return [
        [
            f"{4243 + i:05d}",
            f"Xã số {i}",
            "2024",
            1000.5 + i if i % 7 else f"1.{i % 1000:03d}",
            i % 3 == 0,
            dt.datetime(2024, 1 + i % 12, 1 + i % 28),
        ]
        for i in range(start, start + count)
    ]


@pytest.fixture
def in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "KEPT_ABOVE", 1)
    monkeypatch.setattr(pieces, "piece_count", lambda: 3)


@pytest.fixture
def without_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pieces must do the work: a whole parse after them fails the test."""

    def whole(path: Path, fmt: str) -> list[SheetCells]:
        raise AssertionError(f"{path} was parsed whole")

    monkeypatch.setattr(pieces, "parse_sheets", whole)


def loaded(path: Path) -> list[SheetCells]:
    return sources.workbook_sheets(path, "xlsx")


def test_large_sheets_are_kept_for_the_pieces(tmp_path: Path, in_pieces: None) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))
    # Most writers start with a declaration: it is no reason to keep the sheet whole.
    declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    rewrite_entry(
        path, "xl/worksheets/sheet1.xml", None, **{"<worksheet": declaration + b"<worksheet"}
    )
    large: dict[str, bytes] = {}

    assert limits.check_workbook_zip(path, xlsx=True, keep=large)
    assert list(large) == ["xl/worksheets/sheet1.xml"]


@pytest.mark.parametrize(
    "sheets",
    [
        pytest.param([Sheet("Xã", [TITLE, [], HEADER, *body(90)], ["A1:F1"])], id="one-sheet"),
        pytest.param(
            [Sheet("Xã", [TITLE, HEADER, *body(40), *[[None]] * 25, *body(40, 40)])],
            id="blank-rows-across-a-cut",
        ),
        pytest.param(
            [Sheet("Xã", [HEADER, *body(60), [None] * 9 + ["ghi chú"]])], id="wider-last-row"
        ),
        pytest.param(
            [Sheet("Xã", [HEADER, *[[None, *row[1:]] for row in body(60)]])],
            id="no-first-column",
        ),
        pytest.param(
            [
                Sheet("Hướng dẫn", [["Điền vào các ô"]]),
                Sheet("Xã", [HEADER, *body(50)], ["A1:B1"]),
                Sheet("Danh mục", [["a"], ["b"]], hidden=True),
                Sheet("Huyện", [["Mã huyện", "Dân số"], *[[f"{i:03d}", i] for i in range(30)]]),
            ],
            id="several-sheets",
        ),
    ],
)
def test_pieces_give_what_a_whole_parse_gives(
    tmp_path: Path, in_pieces: None, without_fallback: None, sheets: list[Sheet]
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", *sheets)

    assert loaded(path) == parse_sheets(path, "xlsx")


def test_rows_out_of_order_across_a_cut_are_parsed_whole(tmp_path: Path, in_pieces: None) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    # The last row moves to the top: its piece starts above the end of the one before.
    rows = re.findall(rb"<row .*?</row>", xml, flags=re.S)
    reordered = xml.replace(b"".join(rows), b"".join([rows[-1], *rows[:-1]]))
    rewrite_entry(path, "xl/worksheets/sheet1.xml", reordered)

    assert loaded(path) == parse_sheets(path, "xlsx")
    assert len(loaded(path)[0].rows) == 61


def test_a_comment_among_the_rows_keeps_the_sheet_whole(tmp_path: Path, in_pieces: None) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))
    rewrite_entry(
        path, "xl/worksheets/sheet1.xml", None, **{'<row r="30"': b'<!-- <row --><row r="30"'}
    )
    large: dict[str, bytes] = {}

    assert limits.check_workbook_zip(path, xlsx=True, keep=large)
    assert large == {}
    assert loaded(path) == parse_sheets(path, "xlsx")


def test_cuts_fall_between_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")

    cuts = pieces._row_cuts(xml, 3)

    assert cuts is not None
    assert cuts == sorted(cuts)
    assert len(cuts) == 4
    assert xml[: cuts[0]].endswith(b"<sheetData>")
    assert all(xml[cut:].startswith(b"<row ") for cut in cuts[1:-1])
    assert xml[cuts[-1] :].startswith(b"</sheetData>")


def test_no_piece_file_is_left_behind(tmp_path: Path, in_pieces: None) -> None:
    folder = Path(pieces._piece_folder(0) or tempfile.gettempdir())
    before = set(folder.glob("ycs-*.xlsx"))
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))

    loaded(path)

    assert set(folder.glob("ycs-*.xlsx")) == before


ROWS = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'


@pytest.mark.parametrize(
    ("xml", "moved"),
    [
        pytest.param(
            b"<worksheet>" + ROWS + b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
            b"<pageMargins/></worksheet>",
            b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
            id="after-the-rows",
        ),
        pytest.param(b"<worksheet>" + ROWS + b"</worksheet>", pieces._NO_MERGES, id="none"),
        pytest.param(
            b"<worksheet>" + ROWS + b"<mergeCells/></worksheet>", b"<mergeCells/>", id="empty"
        ),
        pytest.param(
            b"<worksheet><mergeCells/>" + ROWS + b"<mergeCells><mergeCell ref='A1:B1'/>"
            b"</mergeCells></worksheet>",
            b"",
            id="first-before-the-rows",
        ),
        pytest.param(
            b"<worksheet>" + ROWS + b"<x:mergeCells><x:mergeCell ref='A1:B1'/></x:mergeCells>"
            b"</worksheet>",
            b"",
            id="prefixed",
        ),
    ],
)
def test_merged_ranges_move_before_the_rows_only_as_written_after_them(
    xml: bytes, moved: bytes
) -> None:
    assert pieces._merges_first(xml, xml.rfind(b"</sheetData>")) == moved


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda path: path.stem)
def test_the_samples_in_pieces_are_the_samples(
    in_pieces: None, without_fallback: None, sample: Path
) -> None:
    assert loaded(sample) == parse_sheets(sample, "xlsx")


def test_pieces_that_cannot_be_written_leave_the_sheet_whole(
    tmp_path: Path, in_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))

    def full(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pieces.tempfile, "mkstemp", full)

    assert loaded(path) == parse_sheets(path, "xlsx")


def test_nothing_is_kept_of_a_workbook_the_scan_cannot_bound(
    tmp_path: Path, in_pieces: None
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", Sheet("Xã", [HEADER, *body(60)]))
    rewrite_entry(
        path,
        "xl/worksheets/sheet1.xml",
        None,
        **{"</sheetData>": b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'},
    )
    large: dict[str, bytes] = {}

    assert limits.check_workbook_zip(path, xlsx=True, keep=large) is False
    assert large == {}

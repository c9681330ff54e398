"""Text files: encodings, the records of the head and line numbers as a text editor shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import write_text
from ycs.errors import YcsError
from ycs.present.messages import error_message
from ycs.read.textfiles import Head, decode, read_body

ROWS = [["Mã xã", "Tên xã", "Dân số"], ["10001", "Xã Đạ Huoai", "1234"]]
TEXT = "Mã xã,Tên xã,Dân số\r\n10001,Xã Đạ Huoai,1234\r\n"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        pytest.param("utf-8", None, id="utf-8"),
        pytest.param("utf-8-sig", None, id="utf-8-bom"),
        pytest.param("utf-16", "UTF-16", id="utf-16-bom"),
        pytest.param("utf-16-le", "UTF-16", id="utf-16-le-no-bom"),
        pytest.param("utf-16-be", "UTF-16", id="utf-16-be-no-bom"),
        pytest.param("cp1258", "Windows-1258", id="windows-1258"),
    ],
)
def test_decodes_every_encoding_to_the_same_text(
    tmp_path: Path, encoding: str, named: str | None
) -> None:
    path = write_text(tmp_path / "x.csv", ROWS, encoding=encoding)

    decoded = decode(path, path.read_bytes())

    assert decoded.head == TEXT  # Windows-1258's combining marks composed again (NFC)
    assert decoded.utf8 == TEXT.encode()
    assert decoded.encoding == named


@pytest.mark.parametrize(
    ("data", "key"),
    [
        pytest.param(b"", "empty_file", id="empty"),
        pytest.param(b" \r\n\t\r\n", "empty_file", id="whitespace"),
        pytest.param(b"\x81\x8d\x8e,\x90\x9d\n", "undecodable_text", id="undecodable"),
        pytest.param(
            b"PK\x01\x02\x00\x00\x14\x00garbage\x00\x00", "unsupported_format", id="binary-with-nul"
        ),
        pytest.param(bytes(range(1, 32)) * 20, "unsupported_format", id="control-characters"),
        pytest.param(
            b"\xef\xbb\xbfMa xa\n\xff\xfe\n", "undecodable_text", id="bad-utf-8-after-bom"
        ),
    ],
)
def test_rejects_what_is_not_text(data: bytes, key: str) -> None:
    with pytest.raises(YcsError) as raised:
        decode(Path("x.csv"), data)

    assert raised.value.key == key
    assert raised.value.params["path"] == "x.csv"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><table><tr><td>Mã xã</td></tr></table></body></html>",
        '\r\n<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        "<table border=1><tr><td>Mã xã</td></tr></table>",
    ],
    ids=["html", "spreadsheet-xml-2003", "bare-table"],
)
def test_web_page_saved_as_xls_is_unsupported_with_a_hint(page: str) -> None:
    with pytest.raises(YcsError) as raised:
        decode(Path("bao_cao.xls"), page.encode())

    assert raised.value.key == "unsupported_format"
    assert error_message(raised.value, "en") == (
        "File bao_cao.xls is not a supported spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv, .tsv);"
        " it is a web page (HTML/XML) named as a spreadsheet: open it in Excel and save as .xlsx"
    )
    assert error_message(raised.value, "vi") == (
        "Tệp bao_cao.xls không phải bảng tính được hỗ trợ (.xlsx, .xlsm, .xls, .ods, .csv, .tsv);"
        " đây là trang web (HTML/XML) mang tên bảng tính: mở bằng Excel rồi lưu lại dạng .xlsx"
    )


def test_head_records_know_the_lines_they_span() -> None:
    text = 'BIỂU 1\r\n\r\nMã xã;"Dân số\r\n(người)";Tên xã\r\n10001;"1.234,5";Xã A\r\n'
    head = Head(decode(Path("x.csv"), text.encode()))

    records = head.records(";", 10)

    assert [(r.cells, r.line, r.end_line) for r in records] == [
        (["BIỂU 1"], 1, 1),
        ([], 2, 2),
        (["Mã xã", "Dân số\r\n(người)", "Tên xã"], 3, 4),
        (["10001", "1.234,5", "Xã A"], 5, 5),
    ]


@pytest.mark.parametrize(
    ("body", "cells", "lines"),
    [
        pytest.param("1,a\r\n2,b\r\n", [["1", "a"], ["2", "b"]], [5, 6], id="crlf"),
        pytest.param(
            "1,a\n\n2,b",
            [["1", "a"], ["", ""], ["2", "b"]],
            [5, 6, 7],
            id="blank-line-no-final-newline",
        ),
        pytest.param(
            '1,"a\nb"\n2,"c"\n3,d\n',
            [["1", "a\nb"], ["2", "c"], ["3", "d"]],
            [5, 7, 8],
            id="line-break-inside-a-cell",
        ),
        pytest.param(
            "1\r2,b,extra,more\r",
            [["1", "", "", ""], ["2", "b", "extra", "more"]],
            [5, 6],
            id="wider-rows-and-cr",
        ),
        pytest.param("", [], [], id="no-body"),
    ],
)
def test_body_rows_carry_their_line_numbers(
    body: str, cells: list[list[str]], lines: list[int]
) -> None:
    text = "title\n\nMã xã,Tên xã\n(1),(2)\n" + body
    head = Head(decode(Path("x.csv"), text.encode()))

    columns, numbers = read_body(Path("x.csv"), head, ",", 5, 2)

    assert [list(row) for row in zip(*columns, strict=True)] == cells
    assert numbers.tolist() == lines


def test_body_with_broken_quoting_is_unreadable() -> None:
    head = Head(decode(Path("x.csv"), b'Ma xa,Ten\n1,"open\n'))

    with pytest.raises(YcsError) as raised:
        read_body(Path("x.csv"), head, ",", 2, 2)

    assert raised.value.key == "unreadable_file"

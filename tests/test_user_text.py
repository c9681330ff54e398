"""Text from the files is data: shown literally in the terminal, Markdown, HTML and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ycs.cli import app
from ycs.present.shown import html_text, markdown_text, visible

runner = CliRunner()
HEADER = "Mã huyện,Mã xã,Tên xã/phường/thị trấn,Kỳ báo cáo,Dân số,Số người có thẻ BHYT"


def run_on(tmp_path: Path, name: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "xa.csv"
    rows = [HEADER, f'132,04243,"{name}",2024,10000,9700', "132,04246,Minh Tân,2024,12 [/tháng],1"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, [*args, str(path)], env={"YCS_LANG": "", "COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["validate", "check"])
def test_markup_in_a_cell_is_shown_as_written(tmp_path: Path, command: str) -> None:
    # "12 [/tháng]" once crashed rich's markup parser (MarkupError, exit 1 with a traceback).
    code, output = run_on(tmp_path, "Hồng Hà", command, "--lang", "en")
    assert code == 1
    assert "“12 [/tháng]” is not a number" in output


def test_link_markup_and_escape_sequences_stay_inert(tmp_path: Path) -> None:
    path = tmp_path / "xa.csv"
    rows = [HEADER, "132,04243,Hồng Hà,2024,[link=http://evil.example]click[/link],1"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)], env={"COLUMNS": "200"})
    assert "“[link=http://evil.example]click[/link]” is not a number" in result.output

    path.write_text("\n".join([HEADER, "132,04243,Hồng Hà,2024,\x1b[2J\u202e7,1"]) + "\n")
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)], env={"COLUMNS": "200"})
    assert "“<U+001B>[2J<U+202E>7” is not a number" in result.output
    assert "\x1b" not in result.output
    assert "\u202e" not in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[2J", "<U+001B>[2J"),
        ("abc\u202etxt.exe", "abc<U+202E>txt.exe"),
        ("a\tb\x00", "a b<U+0000>"),
        ("Xã Hồng Hà\nghi chú", "Xã Hồng Hà\nghi chú"),
    ],
)
def test_visible(text: str, expected: str) -> None:
    assert visible(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("Tỷ lệ > 95% & hơn", "Tỷ lệ > 95% &amp; hơn"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("a | b\nc", "a \\| b c"),
        ("*Xã* unknown_column `c`", "\\*Xã\\* unknown_column \\`c\\`"),
    ],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_html_text() -> None:
    assert html_text('<a href="javascript:x">\x1b') == (
        "&lt;a href=&quot;javascript:x&quot;&gt;&lt;U+001B&gt;"
    )

"""Help pages and usage errors: in the run's language, from the catalogues, one line."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ycs.cli import UNCROPPED, app, output_width
from ycs.present.messages import os_reason_text
from ycs.usage import lang_from_args
from ycs.words import CATALOGUES, LANGS, Lang, say

runner = CliRunner()
COMMANDS = ["validate", "check", "quality", "template", "indicators"]


def run(*args: str, lang_env: str = "") -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"YCS_LANG": lang_env})
    return result.exit_code, result.output


def flat(text: str) -> str:
    """Help text as one line: the page wraps it at 80 columns."""
    return " ".join(text.replace("\u00a0", " ").split())


def option_help_keys(command: str, param: str) -> list[str]:
    return [f"help.{command}.{param}", f"help.param.{param}"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_in_each_language(command: str, lang: Lang) -> None:
    code, output = run(command, "--help", "--lang", lang)

    assert code == 0
    page = flat(output)
    assert page.startswith(f"{say('help.usage', lang)} ycs {command} ")
    assert flat(say(f"help.command.{command}", lang)) in page
    example = say("help.example", lang, example=say(f"help.example.{command}", lang))
    assert flat(example) in page
    assert f"{say('help.section.options', lang)}:" in page
    # Every option's own text is on the page, in this language.
    group = get_command(app)
    for param in group.commands[command].params:  # type: ignore[attr-defined]
        key = next(k for k in option_help_keys(command, param.name) if k in CATALOGUES[lang])
        assert flat(say(key, lang)) in page, param.name


@pytest.mark.parametrize("command", COMMANDS)
def test_help_follows_ycs_lang_and_has_no_word_of_the_other_language(command: str) -> None:
    _, english = run(command, "--help", lang_env="en")
    _, vietnamese = run(command, "--help")

    assert english.startswith("Usage: ycs ")
    assert vietnamese.startswith("Cách dùng: ycs ")
    for word in ("Usage", "Options", "Arguments", "Example", "default:", "required", "[OPTIONS]"):
        assert word not in vietnamese
    # No metavar of typer's own ("<list[Path]>", "{files}...", "<str>").
    assert not re.search(r"<\w|\{\w", english + vietnamese)


def test_the_top_level_help_lists_every_command_in_words_of_the_catalogue() -> None:
    code, output = run("--help")

    assert code == 0
    assert output.startswith("Cách dùng: ycs [TÙY CHỌN] LỆNH [ĐỐI SỐ]...\n")
    for command in COMMANDS:
        assert re.search(rf"^  {command} +\S", output, re.MULTILINE), command
    assert "Validate" not in output


def test_every_option_has_help_in_every_language() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            for lang in LANGS:
                keys = option_help_keys(name, param.name)
                assert any(key in CATALOGUES[lang] for key in keys), (name, param.name, lang)


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["check", "a.csv", "--level", "tinh"],
            "ycs check: --level không nhận “tinh”; chọn một trong: commune, district, province"
            " (xem: ycs check --help)",
            "ycs check: --level does not accept “tinh”; choose one of: commune, district,"
            " province (see: ycs check --help)",
        ),
        (
            ["check", "a.csv", "--bogus"],
            "ycs check: không có tùy chọn --bogus; có phải --org? (xem: ycs check --help)",
            "ycs check: no such option --bogus; did you mean --org? (see: ycs check --help)",
        ),
        (
            ["validate"],
            "ycs validate: thiếu TỆP (xem: ycs validate --help)",
            "ycs validate: missing FILE (see: ycs validate --help)",
        ),
        (
            ["indicators", "extra"],
            "ycs indicators: thừa đối số: extra (xem: ycs indicators --help)",
            "ycs indicators: unexpected argument: extra (see: ycs indicators --help)",
        ),
        (
            ["template", "a", "b"],
            "ycs template: thừa 2 đối số: a b (xem: ycs template --help)",
            "ycs template: 2 unexpected arguments: a b (see: ycs template --help)",
        ),
        (
            ["check", "a.csv", "--period"],
            "ycs check: tùy chọn --period cần một giá trị (xem: ycs check --help)",
            "ycs check: option --period needs a value (see: ycs check --help)",
        ),
        (
            ["validate", "a.csv", "--strict=yes"],
            "ycs validate: tùy chọn --strict không nhận giá trị (xem: ycs validate --help)",
            "ycs validate: option --strict takes no value (see: ycs validate --help)",
        ),
        (
            ["chek", "a.csv"],
            "ycs: không có lệnh “chek”; các lệnh: validate, check, quality, template,"
            " indicators; có phải check? (xem: ycs --help)",
            "ycs: no such command “chek”; the commands are: validate, check, quality, template,"
            " indicators; did you mean check? (see: ycs --help)",
        ),
        (
            ["quality", "a.csv", "-f", "xml"],
            "ycs quality: --format không nhận “xml”; chọn một trong: table, json"
            " (xem: ycs quality --help)",
            "ycs quality: --format does not accept “xml”; choose one of: table, json"
            " (see: ycs quality --help)",
        ),
    ],
    ids=[
        "bad-choice",
        "no-such-option",
        "missing-argument",
        "extra-argument",
        "extra-arguments",
        "needs-value",
        "flag-with-value",
        "no-such-command",
        "bad-format",
    ],
)
def test_a_usage_error_is_one_line_in_each_language(args: list[str], vi: str, en: str) -> None:
    assert run(*args) == (2, vi + "\n")
    assert run(*args, lang_env="en") == (2, en + "\n")
    # --lang decides, wherever it stands, over YCS_LANG: also before the command's name.
    assert run(args[0], "--lang", "en", *args[1:]) == (2, en + "\n")
    assert run("--lang", "en", *args) == (2, en + "\n")
    assert run("--lang=en", *args, lang_env="vi") == (2, en + "\n")
    assert run("--lang", "vi", *args, lang_env="en") == (2, vi + "\n")


def test_lang_before_the_command_s_name_is_the_same_as_after_it(tmp_path: Path) -> None:
    path = tmp_path / "xa.csv"
    header = "Mã huyện,Mã xã,Tên xã/phường/thị trấn,Kỳ báo cáo,Dân số,Số người có thẻ BHYT"
    path.write_text(f"{header}\n127,04243,Xã Mường Và,2024,mười,9700\n", encoding="utf-8")
    english = (
        f"Data checks: {path}\n"
        "┏━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓\n"
        "┃ Severity ┃ Code         ┃ Cell ┃ Message                ┃\n"
        "┡━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩\n"
        "│ Error    │ not_a_number │ E2   │ “mười” is not a number │\n"
        "└──────────┴──────────────┴──────┴────────────────────────┘\n"
    )
    for args in (
        ["--lang", "en", "validate", "-q", str(path)],
        ["validate", "-q", str(path), "--lang", "en"],
        ["--lang=en", "validate", str(path), "-q"],
        # The last --lang wins, as with any option given twice.
        ["--lang", "vi", "validate", str(path), "-q", "--lang", "en"],
    ):
        result = runner.invoke(app, args, env={"YCS_LANG": "", "COLUMNS": "100"})
        assert (result.exit_code, result.output) == (1, english), args
    result = runner.invoke(app, ["--lang", "vi", "validate", "-q", str(path)], env=ENGLISH)
    row = "│ Lỗi    │ not_a_number │ E2 │ “mười” không phải là số │"
    assert result.output.splitlines()[-2] == row


ENGLISH = {"YCS_LANG": "en", "COLUMNS": "100"}


@pytest.mark.parametrize("command", [[], ["check"]])
def test_help_in_the_language_named_before_the_command(command: list[str]) -> None:
    english = run(*command, "--help", lang_env="en")
    assert english[1].startswith("Usage: ycs ")
    assert run("--lang", "en", *command, "--help") == english
    assert run(*command, "--help", "--lang", "en") == english
    assert run("--lang", "vi", *command, "--help", lang_env="en") == run(*command, "--help")


def test_lang_alone_shows_the_help_in_that_language() -> None:
    code, output = run("--lang", "en")
    assert (code, output) == (2, run("--help", lang_env="en")[1])
    # No language: the group's own usage error, in the language of the run.
    assert run("--lang", "xx") == (
        2,
        "ycs: --lang không nhận “xx”; chọn một trong: vi, en (xem: ycs --help)\n",
    )
    assert run("--lang", "en", "--") == (
        2,
        "ycs: missing the command; the commands are: validate, check, quality, template,"
        " indicators (see: ycs --help)\n",
    )
    # After `--` nothing is an option: not even a name that looks like one.
    assert run("--", "--lang") == (
        2,
        "ycs: không có lệnh “--lang”; các lệnh: validate, check, quality, template, indicators"
        " (xem: ycs --help)\n",
    )
    assert run("--lang", "xx", "check", "a.csv") == (
        2,
        "ycs check: --lang không nhận “xx”; chọn một trong: vi, en (xem: ycs check --help)\n",
    )


def test_lang_is_read_from_the_arguments_before_anything_is_parsed() -> None:
    assert lang_from_args(["check", "--lang", "en", "x.csv"]) == "en"
    assert lang_from_args(["check", "--lang=en"]) == "en"
    assert lang_from_args(["check", "--", "--lang", "en"]) == "vi"
    assert lang_from_args(["--lang", "vi", "check", "--lang", "en"]) == "en"
    assert lang_from_args(["--lang=en", "check", "x.csv"]) == "en"


def test_a_control_character_typed_in_an_argument_is_shown_not_run() -> None:
    code, output = run("check", "a.csv", "--level", "\x1b[2Jx")

    assert code == 2
    assert "\x1b" not in output
    assert "“<U+001B>[2Jx”" in output


# What `ycs --help` and `ycs indicators` may not load: each costs a tenth of a second or
# more, and neither command reads a spreadsheet.
HEAVY = ("pandas", "pyarrow", "numpy", "openpyxl", "xlsxwriter", "python_calamine")


def imported_modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ycs", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"YCS_LANG": "", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args", [["--help"], ["check", "--help"], ["indicators"], ["indicators", "--lang", "en"]]
)
def test_help_and_the_indicator_list_load_no_data_library(args: list[str]) -> None:
    modules = imported_modules(*args)

    assert "ycs.cli" in modules
    assert {m.split(".")[0] for m in modules} & set(HEAVY) == set()


def test_the_top_level_help_loads_neither_rich_nor_pydantic() -> None:
    modules = {m.split(".")[0] for m in imported_modules("--help")}

    assert "rich" not in modules
    assert "pydantic" not in modules


def test_an_os_error_is_said_in_the_run_s_language(tmp_path: Path) -> None:
    target = tmp_path / "khong_co" / "mau.xlsx"

    assert run("template", "-o", str(target)) == (
        2,
        f"Không ghi được tệp {target}: không có tệp hoặc thư mục này\n",
    )
    assert run("template", "-o", str(target), "--lang", "en") == (
        2,
        f"Cannot write {target}: no such file or directory\n",
    )


def test_a_reason_that_is_not_the_system_s_stays_as_it_is() -> None:
    assert os_reason_text("Permission denied", "vi") == "không có quyền truy cập"
    assert os_reason_text("zip: bad CRC", "vi") == "zip: bad CRC"


@pytest.mark.parametrize(
    ("environ", "terminals", "expected"),
    [
        ({"COLUMNS": "120"}, [], 120),
        ({}, [], UNCROPPED),
        ({"COLUMNS": "abc"}, [], UNCROPPED),
    ],
    ids=["columns", "no-terminal", "bad-columns"],
)
def test_piped_output_width(environ: dict[str, str], terminals: list[int], expected: int) -> None:
    assert output_width(environ, terminals) == expected


def test_piped_output_takes_the_width_of_the_terminal_on_stderr() -> None:
    # A pseudo-terminal 93 columns wide stands for the screen that `ycs … | less` ends on.
    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 93, 0, 0))
        assert output_width({}, [follower]) == 93
        assert output_width({"COLUMNS": "70"}, [follower]) == 70
    finally:
        os.close(leader)
        os.close(follower)


CSV_HEADER = "Mã tỉnh,Mã huyện,Mã xã,Tên xã/phường/thị trấn,Kỳ báo cáo,Dân số,Số người có thẻ BHYT"


def submission(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "xa.csv"
    path.write_text("\n".join([CSV_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# Two communes of Thành phố Yên Bái (132): one bad population, and 12 communes not sent.
ROWS = ("15,132,04264,Phường Hồng Hà,2024,10000,9700", "15,132,04255,Phường Minh Tân,2024,-5,4800")


def test_output_names_the_file_written_in_one_line(tmp_path: Path) -> None:
    data = submission(tmp_path, *ROWS)
    report = tmp_path / "ket_qua.json"

    result = runner.invoke(
        app, ["check", str(data), "-o", str(report), "--format", "json"], env={"YCS_LANG": ""}
    )

    assert result.exit_code == 1
    assert result.stderr == f"Đã ghi {report}\n"
    assert report.exists()
    quiet = runner.invoke(
        app, ["check", str(data), "-o", str(report), "-f", "json", "-q"], env={"YCS_LANG": ""}
    )
    assert quiet.stderr == ""


def test_check_lists_the_errors_that_made_it_exit_1_even_when_quiet(tmp_path: Path) -> None:
    data = submission(tmp_path, *ROWS)

    for args in ([], ["--quiet"]):
        code, output = run("check", str(data), "--plan", "nq72_2027", *args)
        assert code == 1
        assert "negative" in output
        assert "“-5” là số âm; “Dân số” phải ≥ 1" in output
    # The warnings (12 communes missing) and the counts only without --quiet.
    _, loud = run("check", str(data), "--plan", "nq72_2027")
    _, quiet = run("check", str(data), "--plan", "nq72_2027", "--quiet")
    assert "missing_units" in loud
    assert "1 lỗi" in loud
    assert "missing_units" not in quiet
    assert "1 lỗi" not in quiet


def test_validate_quiet_lists_only_what_decides_the_exit_code(tmp_path: Path) -> None:
    data = submission(tmp_path, *ROWS)

    _, quiet = run("validate", str(data), "--quiet")
    _, strict = run("validate", str(data), "--quiet", "--strict")

    assert "negative" in quiet
    assert "missing_units" not in quiet
    assert "missing_units" in strict
    assert "lỗi ·" not in quiet + strict  # no counts line


def test_output_to_a_file_keeps_the_tables_off_the_terminal(tmp_path: Path) -> None:
    # A commune-level national run has millions of results: drawn again as terminal tables
    # after the file is written, they took minutes. The file holds them; the terminal keeps
    # the findings, the counts and the one line naming the file.
    data = submission(tmp_path, *ROWS)
    report = tmp_path / "ket_qua.csv"

    result = runner.invoke(
        app, ["check", str(data), "--plan", "nq72_2027", "-o", str(report)], env={"YCS_LANG": ""}
    )

    assert result.exit_code == 1
    assert report.read_bytes().count(b"nq72_2027") > 0
    assert "Chỉ số" not in result.stdout  # no results table
    assert "“-5” là số âm; “Dân số” phải ≥ 1" in flat(result.stdout)
    assert result.stderr == f"Đã ghi {report}\n"
    shown = runner.invoke(app, ["check", str(data), "--plan", "nq72_2027"], env={"YCS_LANG": ""})
    assert "Chỉ số" in shown.stdout

"""Hostile input: every file, path and indicators file an attacker or an accident can make
gives findings or one clear line with exit 2, in bounded time and memory, and nothing
ycs must not touch is touched. Every file here is generated from a few lines."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import ycs as ycs_package
from tests.builders import Sheet, write_text, write_xls, write_xlsx
from ycs.api import check_files, validate_files
from ycs.errors import YcsError
from ycs.present.messages import error_message
from ycs.read import limits, panics, sources, workbook

HEADER = ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Số người có thẻ BHYT"]
HONG_HA = ["15", "132", "04243", "Hồng Hà", "2024", 10000, 9700]
MINH_TAN = ["15", "132", "04246", "Minh Tân", "2024", 5000, 4800]


def ycs(*args: str | bytes | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The console script in a real process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "ycs", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=120,
        check=False,
        cwd=cwd,
        env={**os.environ, "YCS_LANG": "en"},
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line an exit-2 run prints, checked to be single and traceback-free."""
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def good_xlsx(path: Path) -> Path:
    return write_xlsx(path, Sheet("Xã", [HEADER, HONG_HA, MINH_TAN]))


def rewrite_entry(path: Path, name: str, change: bytes | None = None, **replace: bytes) -> None:
    """Replace one zip entry's content (or substrings of it), keeping every other entry."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            data = content
            if info.filename == name:
                data = change if change is not None else data
                for old, new in replace.items():
                    data = data.replace(old.encode(), new)
            target.writestr(info.filename, data)


# 1. Reader panics


def truncated_xls(tmp_path: Path) -> Path:
    """An .xls cut where python-calamine panics ("range start index … out of range",
    "assertion failed") instead of raising an error: the cut is searched for, so the test
    keeps proving something as long as the library panics anywhere near the end."""
    body = ([f"{4243 + i:05d}", f"Xã số {i}", 1000 + i] for i in range(3000))
    rows = [["Mã xã", "Tên xã", "Dân số"], *body]
    whole = write_xls(tmp_path / "whole.xls", Sheet("Xã", rows)).read_bytes()
    cut = tmp_path / "cut.xls"
    for size in range(len(whole) - 1, len(whole) - 8192, -997):
        cut.write_bytes(whole[:size])
        try:
            CalamineWorkbook.from_path(cut).get_sheet_by_index(0).to_python()
        except Exception:
            continue
        except BaseException as exc:
            if workbook.is_panic(exc):
                return cut
            raise
    pytest.skip("this python-calamine does not panic on a cut .xls")


def test_a_reader_panic_is_a_corrupt_file_not_a_traceback(tmp_path: Path) -> None:
    cut = truncated_xls(tmp_path)

    with pytest.raises(YcsError) as raised:
        workbook.parse_sheets(cut, "xls")

    assert raised.value.key == "corrupt_file"
    line = one_line(ycs("validate", str(cut)))
    assert line.startswith(f"Cannot read {cut}: the file is damaged or incomplete")


# 2. Declared sizes


@pytest.mark.parametrize(
    ("dimension", "limit"),
    [
        ("A1:XFD1048576", "the cells declared is 17179869184"),
        ("A1:XFE5", "the columns a sheet declares is 16385"),
        ("A1:ZZZZZZZZZZZZ99999999999", "the rows a sheet declares is 99999999999"),
        ("A1:A1048577", "the rows a sheet declares is 1048577"),
    ],
)
def test_a_declared_sheet_beyond_the_limits_is_refused_unparsed(
    tmp_path: Path, dimension: str, limit: str
) -> None:
    path = good_xlsx(tmp_path / "dim.xlsx")
    declared = f'ref="{dimension}"'.encode()
    rewrite_entry(path, "xl/worksheets/sheet1.xml", **{'ref="A1:G3"': declared})

    line = one_line(ycs("validate", str(path)))

    assert line.startswith(f"Not reading {path}: {limit}, over the limit of ")


def test_four_billion_declared_shared_strings_are_refused(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "sst.xlsx")
    declared = b'<sst xmlns="x" count="4294967295" uniqueCount="4294967295"><si><t>a</t></si>'
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", declared + b"</sst>")

    line = one_line(ycs("validate", str(path)))

    assert line == (
        f"Not reading {path}: the shared strings declared is 4294967295, over the limit of "
        "10000000 that no real spreadsheet reaches; the file is damaged or made to do harm"
    )


def far_cell_xlsx(path: Path, row: int, cell: str, *, dimension: bool) -> Path:
    """A good workbook with one more row holding `cell`, with or without its <dimension>."""
    good_xlsx(path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    if not dimension:
        sheet = sheet.replace(b'<dimension ref="A1:G3"/>', b"")
    sheet = sheet.replace(b"</sheetData>", f'<row r="{row}">{cell}</row></sheetData>'.encode())
    rewrite_entry(path, "xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.mark.parametrize("dimension", [False, True])
def test_cells_far_apart_end_the_child_not_ycs(tmp_path: Path, dimension: bool) -> None:
    # calamine sizes its grid from the cells, A1 to XFD1048576: 512 GiB, whatever the
    # <dimension> says; parsed in this process it aborted ycs (exit 134).
    path = far_cell_xlsx(
        tmp_path / "far.xlsx", 1048576, '<c r="XFD1048576"><v>1</v></c>', dimension=dimension
    )
    assert limits.check_workbook_zip(path, xlsx=True) is False

    line = one_line(ycs("validate", str(path)))

    assert line == (
        f"Not reading {path}: it needs more than 1 GiB of memory, which no real spreadsheet "
        "does; the file is damaged or made to do harm"
    )


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="XFD1048576" s="0"/>',  # formatting only: calamine keeps no such cell
        "<c><v>7</v></c>",  # no position: the scan cannot place it
        '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="H9"/>',
    ],
)
def test_cells_the_scan_cannot_bound_are_read_in_the_child(tmp_path: Path, cell: str) -> None:
    path = far_cell_xlsx(tmp_path / "odd.xlsx", 9, cell, dimension=False)
    assert limits.check_workbook_zip(path, xlsx=True) is False

    report = validate_files([path])

    assert [(i.file, i.rows) for i in report.inputs] == [(str(path), 2)]


def test_cells_within_the_limits_are_read_in_this_process(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "near.xlsx", 40, '<c r="AB40"><v>1</v></c>', dimension=False)

    assert limits.check_workbook_zip(path, xlsx=True) is True
    assert [len(s.rows) for s in sources.workbook_sheets(path, "xlsx")] == [40]


def test_cells_far_from_a1_are_bounded_from_a1(tmp_path: Path) -> None:
    # Two cells alone in a far corner make a grid of four for calamine, but `to_python`
    # extends it to A1: a billion cells, which aborted ycs (exit 134) once parsed here.
    path = good_xlsx(tmp_path / "corner.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    start, end = sheet.index(b"<sheetData>"), sheet.index(b"</sheetData>")
    corner = (
        b'<row r="1048575"><c r="ALL1048575"><v>1</v></c></row>'
        b'<row r="1048576"><c r="ALM1048576"><v>2</v></c></row>'
    )
    sheet = sheet[: start + len(b"<sheetData>")] + corner + sheet[end:]
    rewrite_entry(path, "xl/worksheets/sheet1.xml", sheet.replace(b'ref="A1:G3"', b'ref="A1"'))
    assert limits.check_workbook_zip(path, xlsx=True) is False

    line = one_line(ycs("validate", str(path)))

    assert line == (
        f"Not reading {path}: the cells declared is 1049624576, over the limit of 20000000 that "
        "no real spreadsheet reaches; the file is damaged or made to do harm"
    )


def test_a_real_declared_size_is_read(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "fine.xlsx")

    report = validate_files([path])

    assert [i.rows for i in report.inputs] == [2]


# 3. Zip bombs and text files


def test_a_zip_expanding_past_the_ratio_limit_is_refused(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(limits.RATIO_CHECKED_ABOVE + 1))

    with pytest.raises(YcsError) as raised:
        validate_files([path])

    assert raised.value.key == "over_limit"
    assert raised.value.params["limit"] == "zip_ratio"
    assert raised.value.params["value"] > limits.MAX_ENTRY_RATIO


def test_the_zip_directory_is_checked_for_size_and_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good_xlsx(tmp_path / "many.xlsx")
    with zipfile.ZipFile(path) as archive:
        entries = len(archive.infolist())
        unpacked = sum(i.file_size for i in archive.infolist())
    monkeypatch.setattr(limits, "MAX_ENTRIES", entries - 1)
    with pytest.raises(YcsError) as raised:
        validate_files([path])
    assert raised.value.params == {
        "path": str(path),
        "limit": "zip_entries",
        "value": entries,
        "maximum": entries - 1,
    }
    monkeypatch.setattr(limits, "MAX_ENTRIES", entries)
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(YcsError) as raised:
        validate_files([path])
    assert (raised.value.params["limit"], raised.value.params["value"]) == (
        "unpacked_bytes",
        unpacked,
    )


def test_a_sparse_three_gigabyte_csv_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = write_text(tmp_path / "huge.csv", [HEADER, HONG_HA], delimiter=",")
    with path.open("r+b") as stream:
        stream.truncate(3 << 30)  # sparse: no disk space used

    line = one_line(ycs("validate", str(path)))

    assert line.startswith(f"Not reading {path}: the size of the text file in bytes is 3221225472")


# 4. File names that are not UTF-8


def test_a_file_name_that_is_not_utf8_works_and_is_shown_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/x\xff\xfe.csv"
    with open(raw, "w", encoding="utf-8") as stream:
        stream.write(",".join(HEADER) + "\n" + ",".join(map(str, HONG_HA)) + "\n")
        stream.write("15,132,04246,Minh Tân,2024,5000,abc\n")
    shown = f"{tmp_path}/x\\xff\\xfe.csv"

    validated = ycs("validate", os.fsdecode(raw), "--format", "json")
    checked = ycs("check", os.fsdecode(raw), "--format", "json")
    table = ycs("validate", os.fsdecode(raw))

    assert validated.returncode == checked.returncode == table.returncode == 1
    assert json.loads(validated.stdout)["inputs"][0]["file"] == shown
    assert json.loads(checked.stdout)["findings"][0]["file"] == shown
    assert "Internal" not in table.stdout + table.stderr


# 5. Corrupt zip directory


def corrupt_directory(path: Path) -> Path:
    """A zip whose central directory points past the end of the file."""
    data = bytearray(good_xlsx(path).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 16 : end + 20] = (len(data) + 1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_a_corrupt_zip_directory_is_one_line(tmp_path: Path, quiet: list[str]) -> None:
    path = corrupt_directory(tmp_path / "broken.xlsx")

    # The plain form starts the early loading: its failure too is one line.
    line = one_line(ycs("validate", str(path), *quiet))

    assert line.startswith(f"Cannot read {path}: the file is damaged or incomplete")


# 6. Indicators files


ALIAS_BOMB = (
    'version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "indicators: [*i]\n"
)


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")

    done = ycs("indicators", "--indicators", str(path))

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"Indicators file {path} has 1 problem",
        f"  {path}: line 2: YAML anchors and aliases (&name, *name) are not accepted in an "
        "indicators file; write the content out",
    ]


def test_yaml_nested_five_thousand_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("version: 1\nindicators: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")

    done = ycs("indicators", "--indicators", str(path))

    assert done.returncode == 2
    assert done.stderr.splitlines()[1] == f"  {path}: line 2: nested deeper than 50 levels"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_indicators_from_a_device_or_pipe_are_refused(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo.yaml")
        os.mkfifo(special)

    line = one_line(ycs("indicators", "--indicators", special))

    assert line == (
        f"{special} is not a regular file (a device, pipe or socket); name a spreadsheet file"
    )


def test_an_oversized_indicators_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"version: 1\n" + b"#" * (2 << 20))

    line = one_line(ycs("indicators", "--indicators", str(path)))

    assert line == (
        f"Indicators file {path} is larger than 1048576 bytes; a real one is a few dozen KB"
    )


def test_a_long_value_in_an_indicators_file_is_cut_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(f"version: 2{'9' * 100000}\nindicators: []\n", encoding="utf-8")

    done = ycs("indicators", "--indicators", str(path))

    assert done.returncode == 2
    assert max(map(len, done.stderr.splitlines())) < 600


# 7. -o never replaces an input


def test_output_never_replaces_the_indicators_file(tmp_path: Path) -> None:
    data = write_text(tmp_path / "xa.csv", [HEADER, HONG_HA], delimiter=",")
    indicators = tmp_path / "ind.json"  # YAML is read whatever the name
    shutil.copy(Path(ycs_package.__file__).parent / "indicators.yaml", indicators)
    link = tmp_path / "alias.json"
    link.symlink_to(indicators)
    before = indicators.read_bytes()

    for target in (indicators, link):
        done = ycs("check", str(data), "--indicators", str(indicators), "-o", str(target))
        assert one_line(done) == (
            f"Refusing to overwrite input file {target}; choose another name for -o"
        )

    assert indicators.read_bytes() == before


# 8. Non-finite results


def overflowing_indicators(tmp_path: Path, value: str, factor: str) -> Path:
    path = tmp_path / "overflow.yaml"
    path.write_text(
        "version: 1\n"
        "indicators:\n"
        "  - id: huge\n"
        "    name: Rất lớn\n"
        "    name_en: Huge\n"
        "    sheet: commune\n"
        f"    value: {value}\n"
        f"    factor: {factor}\n"
        "plans:\n"
        "  - id: p\n"
        "    name: Kế hoạch\n"
        "    name_en: Plan\n"
        "    document: Kế hoạch 1/KH\n"
        "    scope: Toàn tỉnh\n"
        "    year: 2024\n"
        "    targets: {huge: '>= 1'}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("value", "factor"), [("sum(population) * 1e308 * 10", "1"), ("sum(population)", "1e308")]
)
def test_an_overflowing_result_is_no_data_with_a_finding(
    tmp_path: Path, value: str, factor: str
) -> None:
    data = write_text(tmp_path / "xa.csv", [HEADER, HONG_HA], delimiter=",")
    indicators = overflowing_indicators(tmp_path, value, factor)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy RuntimeWarning may leak
        report = check_files([data], indicators_path=indicators)

    assert report.results is not None
    assert [(r.value, r.status) for r in report.results] == [(None, "no_data")]
    overflow = [f for f in report.findings if f.code == "value_not_finite"]
    assert [f.params for f in overflow] == [{"indicator": "huge", "unit": "15", "period": "2024"}]


# 9. Special paths, leftovers, many small files


def test_special_paths_are_named_for_what_they_are(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "loop2.csv")
    (tmp_path / "loop2.csv").symlink_to(loop)

    assert one_line(ycs("validate", str(fifo))) == (
        f"{fifo} is not a regular file (a device, pipe or socket); name a spreadsheet file"
    )
    assert one_line(ycs("validate", "/dev/zero")).startswith("/dev/zero is not a regular file")
    assert one_line(ycs("validate", str(loop))) == (
        f"Cannot open {loop}: a symbolic link that loops back on itself"
    )
    assert one_line(ycs("validate", str(tmp_path / "none.csv"))) == (
        f"File not found: {tmp_path / 'none.csv'}"
    )


def test_a_killed_run_s_temporary_output_is_never_read(tmp_path: Path) -> None:
    write_text(tmp_path / "xa.csv", [HEADER, HONG_HA], delimiter=",")
    # What write_atomically leaves when the process is killed mid-write.
    (tmp_path / ".ket_qua.k3j9x2.tmp.csv").write_text("garbage\x00", encoding="utf-8")

    report = validate_files([tmp_path])

    assert [Path(i.file).name for i in report.inputs] == ["xa.csv"]


# Issue 9: what one read loads ahead belongs to it


def test_a_failed_read_leaves_nothing_behind_for_the_next(tmp_path: Path) -> None:
    corrupt = tmp_path / "a.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not a zip at all")
    b = good_xlsx(tmp_path / "b.xlsx")
    with pytest.raises(YcsError):
        validate_files([corrupt, b])  # b was loading ahead when a failed

    write_xlsx(b, Sheet("Xã", [HEADER, HONG_HA]))
    again = validate_files([b])

    assert [i.rows for i in again.inputs] == [1]


def test_an_early_load_of_a_changed_file_is_not_used(tmp_path: Path) -> None:
    b = good_xlsx(tmp_path / "b.xlsx")
    sources.start_early(b)
    write_xlsx(b, Sheet("Xã", [HEADER, HONG_HA]))
    os.utime(b, ns=(1, 1))

    assert [i.rows for i in validate_files([b]).inputs] == [1]
    assert sources._early == []


def test_limits_are_named_in_both_languages() -> None:
    error = YcsError("over_limit", path="x.xlsx", limit="rows", value=2, maximum=1)

    assert error_message(error, "vi").startswith(
        "Không đọc tệp x.xlsx: số dòng khai báo của một trang là 2, vượt giới hạn 1"
    )
    assert error_message(error, "en").startswith("Not reading x.xlsx: the rows a sheet declares")


def test_a_file_without_any_period_is_findings_not_an_internal_error(tmp_path: Path) -> None:
    # Found by the mutated-files run: a header cell cut short leaves no period column.
    path = write_text(
        tmp_path / "xa.csv",
        [["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Dân số"], [*HONG_HA[:4], 10000]],
        delimiter=",",
    )

    done = ycs("validate", path, "-f", "json")

    assert done.returncode == 1, done.stderr
    found = [(f["code"], f["row"], f["value"]) for f in json.loads(done.stdout)["findings"]]
    # Without a period the row is read in today's units, where Hồng Hà no longer exists.
    assert found == [("missing_period", 1, None), ("unknown_unit", 2, "04243")]


# 1b. A panic in this process: Rust's own message never shows


def date_beyond_any_calendar(path: Path) -> Path:
    """An .xlsx whose cell formatted as a date holds -10^20 days. Its cells are well within
    the limits, so it is parsed in this process, where python-calamine panics turning the
    cell into a date ("TimeDelta::milliseconds out of bounds")."""
    good = write_xlsx(path, Sheet("Xã", [[*HEADER, "Ngày lập"], [*HONG_HA, dt.date(2024, 1, 1)]]))
    rewrite_entry(good, "xl/worksheets/sheet1.xml", **{"<v>45292</v>": b"<v>-1e20</v>"})
    return good


@pytest.mark.parametrize("backtrace", ["0", "1", "full"])
def test_a_panic_in_this_process_prints_only_ycs_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backtrace: str
) -> None:
    path = date_beyond_any_calendar(tmp_path / "ngay.xlsx")
    assert limits.check_workbook_zip(path, xlsx=True)  # parsed here, not in a child
    with pytest.raises(BaseException, match="out of bounds") as panicked:
        CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    assert workbook.is_panic(panicked.value)
    monkeypatch.setenv("RUST_BACKTRACE", backtrace)

    done = ycs("validate", str(path))

    line = (
        f"Cannot read {path}: the file is damaged or incomplete "
        "(TimeDelta::milliseconds out of bounds); save it again from Excel"
    )
    assert done.returncode == 2
    assert done.stderr == line + "\n"


def test_a_panic_while_loading_in_the_background_prints_only_ycs_line(tmp_path: Path) -> None:
    # The second file loads while the first is checked.
    good_xlsx(tmp_path / "a.xlsx")
    path = date_beyond_any_calendar(tmp_path / "b.xlsx")

    done = ycs("validate", str(tmp_path))

    assert done.returncode == 2
    assert done.stderr == (
        f"Cannot read {path}: the file is damaged or incomplete "
        "(TimeDelta::milliseconds out of bounds); save it again from Excel\n"
    )


PANIC_LINES = {
    "0": b"\nthread '<unnamed>' (12723) panicked at /src/lib.rs:717:17:\n"
    b"TimeDelta::milliseconds out of bounds\n"
    b"note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
    "1": b"\nthread '<unnamed>' (12708) panicked at /src/lib.rs:717:17:\n"
    b"TimeDelta::milliseconds out of bounds\nstack backtrace:\n"
    b"   0: __rustc::rust_begin_unwind\n   1: core::panicking::panic_fmt\n"
    b"             at /build/Python/ceval.c:578:21\n"
    b"note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n",
    "full": b"\nthread '<unnamed>' panicked at /src/lib.rs:717:17:\nboom\nstack backtrace:\n"
    b"   0:     0x55d0c0de - std::backtrace_rs\n"
    b"                               at /rustc/library/std/src/backtrace.rs:1:2\n",
}


@pytest.mark.parametrize("backtrace", sorted(PANIC_LINES))
@pytest.mark.parametrize("piece", [1, 2, 7, 4096])
def test_only_panic_messages_are_kept_off_stderr(backtrace: str, piece: int) -> None:
    """Whatever else is written passes whole, however the writes are cut: a progress bar's
    unfinished line, the lines before and after the panic."""
    before = b"\r\x1b[2K\xc4\x90\xe1\xbb\x8dc 1/3\nthread count: 2\n"
    after = b"\xc4\x90\xe1\xbb\x8dc 2/3\n\nthread 'x' ended\r"
    stream = before + PANIC_LINES[backtrace] + after
    quiet = panics.PanicFilter()

    passed = b"".join(quiet.feed(stream[i : i + piece]) for i in range(0, len(stream), piece))

    assert passed + quiet.close() == before + after


def test_stderr_written_while_kept_quiet_reaches_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    with panics.kept_quiet():
        os.write(2, b"before\n")
        os.write(2, PANIC_LINES["1"])
        os.write(2, "sau đó\n".encode())
    os.write(2, b"then\n")

    assert capfd.readouterr().err == "before\nsau đó\nthen\n"


def test_release_gives_stderr_back_while_a_load_still_runs(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with panics.kept_quiet():
        panics.release()  # ycs stops on another file while this one loads
        os.write(2, b"the line ycs stops on\n")
    with panics.kept_quiet():
        os.write(2, b"next\n")

    assert capfd.readouterr().err == "the line ycs stops on\nnext\n"

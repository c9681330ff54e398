"""The console script as users run it: a real process, its exit code and its streams."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ycs import __version__

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORKBOOK = SAMPLES / "yen_bai_2024.xlsx"


def ycs(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ycs", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_whole_report_reaches_stdout_before_the_process_leaves() -> None:
    done = ycs("check", WORKBOOK, "--format", "json")

    assert done.returncode == 1  # the sample's planted errors
    report = json.loads(done.stdout)
    assert [f["severity"] for f in report["findings"]].count("error") == 5
    # 15 plan targets (yb_2024 7, qd2348_2025 6, nq72 1 + 1: the plans whose territory holds
    # Yên Bái), and the 19 indicators that none of them judges at province level.
    assert [r["plan"] is None for r in report["results"]].count(False) == 15
    assert [r["plan"] for r in report["results"]].count(None) == 19
    assert done.stderr == ""


def test_options_before_the_file_give_the_same_report() -> None:
    plain = ycs("check", WORKBOOK, "--format", "json")
    reordered = ycs("check", "--format", "json", WORKBOOK)

    assert reordered.returncode == plain.returncode == 1
    assert reordered.stdout == plain.stdout


def test_a_text_file_first_is_read_as_text() -> None:
    done = ycs("validate", SAMPLES / "thang_10_2024_huyen_van_chan.csv", "--format", "json")

    assert done.returncode == 0
    assert json.loads(done.stdout)["inputs"][0]["kind"] == "commune"


def test_a_missing_file_stops_with_one_line_and_exit_2(tmp_path: Path) -> None:
    done = ycs("check", tmp_path / "khong_co.xlsx")

    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "khong_co.xlsx" in done.stderr


def test_version_exits_0() -> None:
    done = ycs("--version")

    assert (done.returncode, done.stdout) == (0, f"ycs {__version__}\n")

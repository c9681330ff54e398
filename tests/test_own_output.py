"""ycs's own output in the folder it checks: a report written there is not read back as a
submission, and the temporary files a killed run left there are removed by the next run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ycs.present import output

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
VAN_CHAN = SAMPLES / "thang_10_2024_van_chan_tung_xa"  # 23 communes' October 2024 files


def ycs(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ycs", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "YCS_LANG": "en"},
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copied = tmp_path / "nop"
    shutil.copytree(VAN_CHAN, copied)
    return copied


@pytest.mark.parametrize("report", ["ket_qua.xlsx", "ket_qua.csv"])
def test_a_report_written_into_the_checked_folder_is_skipped_by_the_next_check(
    folder: Path, report: str
) -> None:
    first = ycs("check", folder, "-f", "json", "-o", folder / report)
    assert first.returncode == 0, first.stderr

    again = ycs("check", folder, "-f", "json")

    assert again.returncode == 0, again.stderr
    before, after = json.loads(first.stdout), json.loads(again.stdout)
    skipped = [f for f in after["findings"] if f["code"] == "report_skipped"]
    assert skipped == [
        {
            "severity": "info",
            "code": "report_skipped",
            "file": str(folder / report),
            "sheet": None,
            "row": None,
            "column": None,
            "field": None,
            "value": None,
            "message": "Skipped: a report written by ycs, not a submission",
        }
    ]
    assert after["results"] == before["results"]
    assert len(after["inputs"]) == len(before["inputs"]) == 23


def test_a_quality_review_workbook_in_the_folder_is_skipped_too(folder: Path) -> None:
    review = ycs("quality", folder, "-o", folder / "chat_luong.xlsx")
    assert review.returncode == 0, review.stderr

    again = ycs("validate", folder, "-f", "json")

    assert again.returncode == 0, again.stderr
    codes = [(f["code"], f["file"]) for f in json.loads(again.stdout)["findings"]]
    assert ("report_skipped", str(folder / "chat_luong.xlsx")) in codes


def test_a_submission_made_from_the_template_is_still_read(tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"  # what communes fill in: data, not a report
    assert ycs("template", "-o", template).returncode == 0

    done = ycs("validate", tmp_path, "-f", "json")

    # Read as a submission (an unfilled one), not skipped as a report of ycs's own.
    assert done.returncode == 1, done.stderr
    read = json.loads(done.stdout)
    assert [f["code"] for f in read["findings"]] == ["no_data_rows", "no_data_rows"]
    assert [(i["sheet"], i["kind"]) for i in read["inputs"]] == [
        ("Biểu xã", "commune"),
        ("Biểu huyện", "district"),
    ]


def test_a_killed_run_s_stale_temporary_files_are_removed_by_the_next_write(
    folder: Path,
) -> None:
    stale = folder / ".ket_qua.ycs-k3j9x2ab.tmp.xlsx"  # what write_atomically leaves
    fresh = folder / ".ket_qua.ycs-q8w7e6rt.tmp.xlsx"  # perhaps a run still writing
    someone_elses = folder / ".ket_qua.k3j9x2ab.tmp.xlsx"  # not ycs's name
    for path in (stale, fresh, someone_elses):
        path.write_bytes(b"PK\x03\x04 half written")
    old = time.time() - output.STALE_SECONDS - 60
    for path in (stale, someone_elses):
        os.utime(path, (old, old))

    done = ycs("check", folder, "-o", folder / "ket_qua.xlsx")

    assert done.returncode == 0, done.stderr
    assert not stale.exists()
    assert fresh.exists()
    assert someone_elses.exists()
    hidden = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert hidden == sorted([fresh.name, someone_elses.name])  # and none of this run's own

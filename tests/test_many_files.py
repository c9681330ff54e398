"""A folder of many small files: joined for validation, with every finding in its own file
and row exactly as if each file were checked alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import write_text
from ycs.api import validate_files
from ycs.check import batch
from ycs.errors import Finding
from ycs.report import Report

HEADER = ["Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Số người có thẻ BHYT"]
# Communes of huyện Văn Chấn (tỉnh Yên Bái), official codes and names before 07/2025.
VAN_CHAN = [
    ("04621", "Thị trấn NT Liên Sơn"),
    ("04627", "Thị trấn NT Trần Phú"),
    ("04630", "Xã Tú Lệ"),
    ("04633", "Xã Nậm Búng"),
    ("04636", "Xã Gia Hội"),
    ("04639", "Xã Sùng Đô"),
    ("04642", "Xã Nậm Mười"),
    ("04645", "Xã An Lương"),
]


def station_files(folder: Path) -> list[Path]:
    """One file per commune, January and February 2024, with problems planted:
    - "12a" insured in both rows of the first seven files: 14 alike over the folder,
      2 in each file, so each file lists its own (a file summarises only above 5);
    - the eighth file has six months of "n/a" population: summarised in that file;
    - Tú Lệ's code lacks its leading zero, noted once for its file.
    """
    files = []
    for i, (code, name) in enumerate(VAN_CHAN):
        written = code.lstrip("0") if code == "04630" else code
        months = ["01/2024", "02/2024"] if i < 7 else [f"{m:02d}/2024" for m in range(1, 7)]
        rows = [
            [
                "140",
                written,
                name,
                month,
                "n/a" if i == 7 else 5000 + i,
                "12a" if i < 7 else 4000,
            ]
            for month in months
        ]
        files.append(write_text(folder / f"xa_{code}.csv", [HEADER, *rows]))
    return files


def findings(report: Report) -> list[tuple[str, str | None, int | None, str | None, object]]:
    def summary(f: Finding) -> object:
        return f.rows if f.rows is not None else f.params.get("count")

    return [(f.code, Path(f.file or "").name, f.row, f.column, summary(f)) for f in report.findings]


def test_each_file_keeps_its_own_findings(tmp_path: Path) -> None:
    station_files(tmp_path)

    report = validate_files([tmp_path])

    found = findings(report)
    insured = [f for f in found if f[0] == "not_a_number" and f[3] == "F"]
    assert insured == [
        ("not_a_number", f"xa_{code}.csv", row, "F", None)
        for code, _ in VAN_CHAN[:7]
        for row in (2, 3)
    ]
    assert [f for f in found if f[3] == "E"] == [
        ("not_a_number", "xa_04645.csv", 2, "E", (2, 3, 4, 5, 6, 7))
    ]
    assert [f for f in found if f[0] == "code_padded"] == [
        ("code_padded", "xa_04630.csv", 2, "B", (2, 3))
    ]
    assert [(i.file, i.rows) for i in report.inputs] == [
        (str(tmp_path / f"xa_{code}.csv"), 2 if i < 7 else 6)
        for i, (code, _) in enumerate(VAN_CHAN)
    ]


def test_joining_changes_nothing_a_user_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    station_files(tmp_path)
    # A file without the insured column and one with a required column missing sit
    # between the others: they are validated alone, and the runs around them joined.
    write_text(
        tmp_path / "xa_04630b.csv",
        [["Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo"], ["140", "04630", "Xã Tú Lệ", "03/2024"]],
    )
    joined = validate_files([tmp_path])

    monkeypatch.setattr(batch, "MAX_JOINED_ROWS", 0)  # every table alone
    alone = validate_files([tmp_path])

    assert joined.findings == alone.findings
    assert joined.inputs == alone.inputs
    assert any(f.code == "missing_required" and f.row == 1 for f in joined.findings)

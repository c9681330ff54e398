"""A folder of many small files: joined for validation, with every finding in its own file
and row exactly as if each file were checked alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import Rows, write_table, write_text
from tests.test_readers import FORM, FORM_MERGES, as_text
from tests.test_vertical import VAN_CHAN_COMMUNES, default_indicators, station_form, write_form
from ycs.api import validate_files
from ycs.check import batch
from ycs.errors import Finding
from ycs.place import registry
from ycs.read import readers, textfiles
from ycs.read.readers import read_file, read_inputs
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


# Communes of tỉnh Yên Bái (province 15) as the registry lists them, before 07/2025.
YEN_BAI = registry.communes("legacy").query("province_code == '15'").sort_values("code").head(120)
NAME_FIRST = ["Tên xã", "Mã huyện", "Mã xã", "Kỳ báo cáo", "Số người có thẻ BHYT", "Dân số"]


def yen_bai_files(folder: Path) -> list[tuple[Path, list[list[str]], int, str | None]]:
    """One file per commune, each with its own number of months and its own layout:
    - file k reports 1 + k % 4 months;
    - every seventh file puts the name first and swaps the last two columns;
    - files with k % 10 == 3 have a title line over the header and a total row under it;
    - files with k % 5 == 0 hold the population "x{k}" in their data row k % months.
    Returns, per file, its path, its data rows as written, the line of the first data row
    and the planted value.
    """
    files = []
    for k, unit in enumerate(YEN_BAI.itertuples()):
        months = 1 + k % 4
        planted = f"x{k}" if k % 5 == 0 else None
        rows = [
            [
                str(unit.district_code),
                str(unit.code),
                str(unit.name),
                f"{m + 1:02d}/2024",
                planted if m == k % months and planted else str(1000 + k),
                str(900 + k),
            ]
            for m in range(months)
        ]
        header = HEADER
        if k % 7 == 0:
            header = NAME_FIRST
            table = [[r[2], r[0], r[1], r[3], r[5], r[4]] for r in rows]
        else:
            table = [list(r) for r in rows]
        top: list[list[str]] = [[header[0]]] if k % 10 == 3 else []
        written = [*top, header, *table]
        if k % 10 == 3:
            total = ["", "", "Tổng cộng", "", str((1000 + k) * months), str((900 + k) * months)]
            written.append(total if k % 7 else [total[i] for i in (2, 0, 1, 3, 5, 4)])
        path = write_text(folder / f"xa_{unit.code}.csv", written)
        files.append((path, table, len(top) + 2, planted))
    return files


def test_a_folder_of_small_files_keeps_each_file_its_cells_and_rows(tmp_path: Path) -> None:
    files = yen_bai_files(tmp_path)

    outcome = read_inputs([tmp_path])

    assert [t.file for t in outcome.tables] == [str(p) for p, *_ in files]
    for table, (path, cells, first, _) in zip(outcome.tables, files, strict=True):
        assert table.cells.to_numpy().tolist() == cells, path.name
        assert table.rows.tolist() == list(range(first, first + len(cells))), path.name
        assert list(table.cells.index) == list(range(len(cells)))
        with_total = path.name in {f"xa_{u.code}.csv" for u in YEN_BAI.iloc[3::10].itertuples()}
        assert table.total_rows.tolist() == ([first + len(cells)] if with_total else [])
        assert table.total_labels == (("Tổng cộng",) if with_total else ())
        assert len(table.totals) == len(table.total_rows)


def test_a_finding_in_file_k_names_file_k_and_its_row(tmp_path: Path) -> None:
    files = yen_bai_files(tmp_path)

    report = validate_files([tmp_path])

    population = [
        (Path(f.file or "").name, f.row, f.column, f.value)
        for f in report.findings
        if f.code == "not_a_number" and f.field == "population"
    ]
    expected = [
        (path.name, first + k % len(cells), "E" if k % 7 else "F", planted)
        for k, (path, cells, first, planted) in enumerate(files)
        if planted is not None
    ]
    assert sorted(population) == sorted(expected)
    assert [(Path(i.file).name, i.rows) for i in report.inputs] == [
        (path.name, len(cells)) for path, cells, _, _ in files
    ]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(FORM, id="government-form"),
        pytest.param(
            [
                ["STT", "Mã xã", "Tên xã", "Dân số", "Ghi chú"],
                ["I", None, "Huyện Lạc Dương", None, None],
                [1, "10001", "Xã A", 100, None],
                [None, None, None, None, "ghi chú lề"],
                [None, None, None, None, None],
                [2, None, "Xã B", 200, None],
                ["Cộng huyện Lạc Dương", None, None, 300, None],
                [None, None, None, "Người lập biểu", "Thủ trưởng đơn vị"],
                [None, "Nguyễn Văn An", None, None, None],
            ],
            id="sections-blanks-total-signature",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_few_rows_are_read_as_many_rows_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: Rows, suffix: str
) -> None:
    """A small sheet is classified in plain Python, a large one through columns: the
    same sheet read both ways gives the same table."""
    path = write_table(tmp_path / f"form{suffix}", rows, FORM_MERGES if rows is FORM else ())
    small = read_file(path)

    monkeypatch.setattr(readers, "SMALL_ROWS", -1)
    monkeypatch.setattr(textfiles, "SMALL_BODY", -1)
    large = read_file(path)

    assert small.findings == large.findings
    for one, other in zip(small.tables, large.tables, strict=True):
        assert one.rows.tolist() == other.rows.tolist()
        assert one.total_rows.tolist() == other.total_rows.tolist()
        assert one.total_labels == other.total_labels
        assert as_text(one.cells) == as_text(other.cells)
        assert as_text(one.totals) == as_text(other.totals)
    assert len(small.tables[0].rows) >= 2


def vertical_forms(folder: Path) -> None:
    """The monthly reports of twenty stations of huyện Văn Chấn, one vertical form each,
    with problems planted:
    - forms 0–7 report the population as "n/a": eight alike, which the joined table
      summarises and each form lists as its own;
    - form 9 has more women than people;
    - form 11 reports "7l" children under one;
    - forms 15–17 write the code beside its label (column B), without its leading zero:
      a layout of their own, joined among themselves.
    """
    for k, (code, name) in enumerate(VAN_CHAN_COMMUNES):
        population: object = "n/a" if k < 8 else 5000 + k
        indicators = default_indicators(population, 6000 if k == 9 else 2500 + k)
        if k == 11:
            indicators[3] = ["2", "Trẻ em dưới 1 tuổi", "Trẻ", "7l"]
        rows = station_form((code, name), indicators)
        if 15 <= k <= 17:
            rows[3] = ["Mã xã:", int(code)]
        write_form(folder / f"xa_{code}.xlsx", rows)


def test_vertical_forms_are_validated_together_with_each_finding_at_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vertical_forms(tmp_path)
    joined_runs = [
        len(b.members) for b in batch.batches(read_inputs([tmp_path]).tables) if b.joined
    ]
    assert joined_runs == [15, 3, 2]

    joined = validate_files([tmp_path])
    monkeypatch.setattr(batch, "MAX_JOINED_ROWS", 0)  # every form alone
    alone = validate_files([tmp_path])

    assert joined.findings == alone.findings
    assert joined.inputs == alone.inputs
    codes = [code for code, _ in VAN_CHAN_COMMUNES]
    assert [
        (f.code, Path(f.file or "").name, f.row, f.column, f.field, f.value, f.rows)
        for f in joined.findings
        if f.code in {"not_a_number", "part_exceeds_whole", "code_padded"}
    ] == sorted(
        [
            *[
                ("not_a_number", f"xa_{code}.xlsx", 10, "D", "population", "n/a", None)
                for code in codes[:8]
            ],
            (
                "part_exceeds_whole",
                f"xa_{codes[9]}.xlsx",
                11,
                "D",
                "population_female",
                "6000",
                None,
            ),
            ("not_a_number", f"xa_{codes[11]}.xlsx", 12, "D", "children_under_1", "7l", None),
            *[
                ("code_padded", f"xa_{code}.xlsx", 4, "B", "commune_code", code.lstrip("0"), (4,))
                for code in codes[15:18]
            ],
        ],
        key=lambda f: (f[1], f[2]),
    )

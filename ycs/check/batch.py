"""Many small tables of one layout validated as one: a folder of a thousand commune files.

Validating a table costs a few milliseconds whatever its size (each column goes through
pandas and Arrow once), so a thousand two-row files spent seconds on that alone. Tables
read one after the other with the same columns, at the same letters, are joined into one
table here; the findings of the joined table are then handed back to the file and row
each came from, exactly as each table would have had them alone.

Only what is checked cell by cell is joined. A table with totals, without a period column
(its period comes from its own title or file name) or with a boolean column ticked with
x marks (where a blank cell means "no" only if the whole column is ticked so) is
validated alone, as is a large one, for which the per-table cost does not matter.
Vertical forms (one commune's report down a sheet) are joined with forms of the same
layout: each is one row, and each of its findings names its field's own cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.cells import X_MARKS, boolean_word, cell_text
from ycs.check.fields import FieldType, field_map
from ycs.errors import Finding
from ycs.read.readers import RawTable

# Tables above this many rows are validated alone: the per-table cost is small beside them.
MAX_JOINED_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Batch:
    """Consecutive tables validated as one. `table` is the joined table, whose rows are
    numbered 1…n across the members (row 0 is its header); `member` and `row` give, for each
    joined row, the member table and its row in that table's file."""

    members: tuple[RawTable, ...]
    table: RawTable
    member: npt.NDArray[np.intp]
    row: npt.NDArray[np.int64]

    @property
    def joined(self) -> bool:
        return len(self.members) > 1

    def files(self) -> npt.NDArray[np.object_]:
        names = np.array([m.file for m in self.members], dtype=object)
        return names[self.member]

    def split(self, findings: Sequence[Finding], summary_threshold: int) -> list[list[Finding]]:
        """The joined table's findings, per member, as the member alone would have them."""
        per_member: list[list[Finding]] = [[] for _ in self.members]
        for finding in findings:
            if finding.row is None or finding.row == 0:
                # About the table as a whole (a required column missing): each member's.
                for i, member in enumerate(self.members):
                    per_member[i].append(replace(finding, file=member.file, row=member.header_row))
                continue
            rows = finding.rows if finding.rows is not None else (finding.row,)
            by_member: dict[int, list[int]] = {}
            for joined_row in rows:
                by_member.setdefault(int(self.member[joined_row - 1]), []).append(joined_row)
            for i, joined_rows in by_member.items():
                per_member[i].extend(
                    self._member_findings(finding, i, joined_rows, summary_threshold)
                )
        return per_member

    def _member_findings(
        self, finding: Finding, i: int, joined_rows: list[int], summary_threshold: int
    ) -> list[Finding]:
        member = self.members[i]
        real = [int(self.row[r - 1]) for r in joined_rows]

        def shown(row: int) -> int:
            """The row a finding names: a vertical form's one row spreads over the sheet,
            and each field's finding names that field's own cell."""
            if member.cell_rows is None:
                return row
            return member.cell_rows.get(finding.field or "", row)

        if finding.code == "code_padded":
            # One finding per table: its first padded cell, and how many there are.
            value = _cell_text(self.table, finding.field, joined_rows[0])
            params = {**finding.params, "count": len(real)}
            return [
                replace(
                    finding,
                    file=member.file,
                    row=shown(real[0]),
                    value=value,
                    params=params,
                    rows=tuple(real),
                )
            ]
        if finding.rows is None:
            return [replace(finding, file=member.file, row=shown(real[0]))]
        # A summary of one value repeated in a column: a member with few of them has each.
        if len(real) > summary_threshold:
            params = {**finding.params, "count": len(real)}
            return [
                replace(
                    finding, file=member.file, row=shown(real[0]), params=params, rows=tuple(real)
                )
            ]
        return [
            replace(finding, file=member.file, row=shown(r), params={}, rows=None) for r in real
        ]


def _cell_text(table: RawTable, field: str | None, joined_row: int) -> str | None:
    if field is None:
        return None
    return cell_text(table.cells[field].iat[joined_row - 1])


def batches(tables: Sequence[RawTable]) -> Iterator[Batch]:
    """The tables in order, consecutive ones of one layout joined."""
    run: list[RawTable] = []
    key: object = None
    for raw in tables:
        raw_key = _key(raw)
        if run and (raw_key is None or raw_key != key):
            yield _batch(run)
            run = []
        run.append(raw)
        key = raw_key
        if raw_key is None:
            yield _batch(run)
            run = []
    if run:
        yield _batch(run)


def _key(raw: RawTable) -> object:
    """What tables must share to be joined; None for a table validated alone."""
    rows = len(raw.rows)
    if not 0 < rows <= MAX_JOINED_ROWS or len(raw.total_rows):
        return None
    if "period" not in raw.cells.columns:
        return None
    fields = field_map(raw.kind)
    for name in raw.cells.columns:
        if fields[name].type is FieldType.BOOL and _has_x_mark(raw.cells[name]):
            return None
    return (
        raw.kind,
        raw.sheet,
        raw.cell_rows is not None,  # vertical forms are joined with vertical forms only
        tuple(raw.cells.columns),
        tuple(raw.columns.items()),
        tuple(str(dtype) for dtype in raw.cells.dtypes),
    )


def _has_x_mark(cells: pd.Series) -> bool:
    return any(isinstance(v, str) and boolean_word(v) in X_MARKS for v in cells.tolist())


def _batch(run: list[RawTable]) -> Batch:
    if len(run) == 1:
        raw = run[0]
        return Batch((raw,), raw, np.zeros(len(raw.rows), dtype=np.intp), raw.rows)
    first = run[0]
    cells = pd.concat([raw.cells for raw in run], ignore_index=True)
    sizes = [len(raw.rows) for raw in run]
    total = sum(sizes)
    table = RawTable(
        file=first.file,
        sheet=first.sheet,
        kind=first.kind,
        cells=cells,
        rows=np.arange(1, total + 1, dtype=np.int64),
        columns=first.columns,
        headers=first.headers,
        totals=first.totals.iloc[:0],
        total_rows=np.array([], dtype=np.int64),
        total_labels=(),
        header_row=0,
        title=(),
    )
    member = np.repeat(np.arange(len(run), dtype=np.intp), sizes)
    row = np.concatenate([raw.rows for raw in run]).astype(np.int64)
    return Batch(tuple(run), table, member, row)

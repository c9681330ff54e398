"""Raw tables built from rows, as the readers would return them, for validation tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ycs.check.fields import SheetKind
from ycs.errors import column_letter
from ycs.read.readers import RawTable, ReadOutcome

HEADER_ROW = 4


def raw_table(
    fields: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    kind: SheetKind = "commune",
    file: str = "bao_cao.xlsx",
    sheet: str | None = "Xã",
    totals: Sequence[tuple[int, str, Sequence[object]]] = (),
    row_numbers: Sequence[int] | None = None,
    title: Sequence[str] = (),
) -> RawTable:
    """Data rows start right below HEADER_ROW; `totals` are (row number, label, cells)."""
    numbers = list(row_numbers) if row_numbers else [HEADER_ROW + 1 + i for i in range(len(rows))]
    return RawTable(
        file=file,
        sheet=sheet,
        kind=kind,
        cells=pd.DataFrame([list(r) for r in rows], columns=list(fields), dtype=object)
        if rows
        else pd.DataFrame({f: pd.Series(dtype=object) for f in fields}),
        rows=np.asarray(numbers, dtype=np.int64),
        columns={f: column_letter(i) for i, f in enumerate(fields)},
        headers={f: f for f in fields},
        totals=pd.DataFrame([list(t[2]) for t in totals], columns=list(fields), dtype=object)
        if totals
        else pd.DataFrame({f: pd.Series(dtype=object) for f in fields}),
        total_rows=np.asarray([t[0] for t in totals], dtype=np.int64),
        total_labels=tuple(t[1] for t in totals),
        header_row=HEADER_ROW,
        title=tuple(title),
    )


def outcome(*tables: RawTable) -> ReadOutcome:
    return ReadOutcome(tables=list(tables), findings=[])

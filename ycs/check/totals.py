"""Total rows ("Tổng cộng", "Toàn huyện" …) checked against the data rows they sum."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from ycs.check.cells import cell_text, parse_numbers
from ycs.check.fields import Field
from ycs.errors import Finding
from ycs.read.readers import RawTable


def check_totals(
    raw: RawTable,
    values: Mapping[str, npt.NDArray[np.float64] | npt.NDArray[np.object_]],
    blank: Mapping[str, npt.NDArray[np.bool_]],
    fields: Mapping[str, Field],
) -> list[Finding]:
    """Warn where a total row differs from the sum of the rows it stands for. `values` are
    the parsed data cells, NaN where `blank` or invalid.

    A total normally closes the rows above it since the previous total; a grand total may
    instead add up everything above; forms that print a group's total first (a district row
    numbered I, II … over its communes) add up the rows below. The total is accepted when
    any of these sums agrees; otherwise the nearest group's sum is reported. A total whose
    nearest group holds an excluded (invalid) cell is not checked.
    """
    if not len(raw.total_rows) or not len(raw.rows):
        return []
    findings: list[Finding] = []
    boundaries = np.concatenate(([0], np.sort(raw.total_rows)))
    for name in raw.totals.columns:
        f = fields[name]
        data = values.get(name)
        if not f.numeric or data is None:
            continue
        data = np.asarray(data, dtype=np.float64)
        invalid = np.isnan(data) & ~blank[name]
        totals = parse_numbers(raw.totals[name], integer=f.integer).values
        for k, (total_row, total) in enumerate(zip(raw.total_rows, totals, strict=True)):
            if np.isnan(total):
                continue
            ranges = [r for r in _candidate_ranges(raw.rows, int(total_row), boundaries) if r.any()]
            # The most likely group decides: if one of its cells was excluded, the total
            # cannot be checked, and another group (the one below) is no substitute for it.
            if not ranges or invalid[ranges[0]].any():
                continue
            sums = [np.nansum(data[r]) for r in ranges if not invalid[r].any()]
            if any(_agrees(total, s) for s in sums):
                continue
            findings.append(
                Finding(
                    "total_mismatch",
                    file=raw.file,
                    sheet=raw.sheet,
                    row=int(total_row),
                    column=raw.columns.get(name),
                    field=name,
                    value=cell_text(raw.totals[name].iloc[k]),
                    params={
                        "label_text": raw.total_labels[k],
                        "expected": f"{sums[0]:.10g}",
                    },
                )
            )
    return findings


def _candidate_ranges(
    rows: npt.NDArray[np.int64], total_row: int, boundaries: npt.NDArray[np.int64]
) -> list[npt.NDArray[np.bool_]]:
    """The rows a total may stand for, most likely first: its group above (since the
    previous total), everything above, its group below (until the next total), everything
    below; the rows below come first in a form that prints totals over their groups."""
    previous = int(boundaries[boundaries < total_row].max())
    following = boundaries[boundaries > total_row]
    following_row = int(following.min()) if following.size else np.iinfo(np.int64).max
    above, below = rows < total_row, rows > total_row
    candidates = [above & (rows > previous), above, below & (rows < following_row), below]
    # A form whose first total comes before any data prints each total over its group.
    totals_first = boundaries[1:].min() < rows.min()
    return candidates[2:] + candidates[:2] if totals_first else candidates


def _agrees(total: float, computed: float) -> bool:
    return bool(abs(total - computed) <= max(0.5, 1e-9 * abs(computed)))

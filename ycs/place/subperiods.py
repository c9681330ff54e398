"""Rows placed in time: the months each row covers, sub-periods combined into the period asked
for (stocks at their latest sub-period, flows summed; SPEC §8.2)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.duplicates import FILE, ROW, SHEET, Columns
from ycs.check.fields import FIELDS, UNIT_CODE, FieldType, SheetKind
from ycs.check.periods import month_mask, month_masks, period_months, period_year
from ycs.errors import Finding, YcsError

# The months a row's data covers, as bits of one integer (bit 0 is January).
MONTHS = "_months"

# Number of months in each 12-bit mask: a lookup is faster than counting bits per row.
_POPCOUNT = np.array([bin(mask).count("1") for mask in range(1 << 12)], dtype=np.int64)


def months_covered(masks: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """How many months each mask holds."""
    counts: npt.NDArray[np.int64] = _POPCOUNT[masks & 0xFFF]
    return counts


def row_months(frame: pd.DataFrame) -> npt.NDArray[np.int64]:
    """Each row's month mask: from the combining step when it ran, else from its period."""
    if MONTHS in frame:
        return frame[MONTHS].to_numpy(dtype=np.int64)
    return month_masks(frame["period"])


def combine_frames(
    frames: Mapping[SheetKind, pd.DataFrame],
    columns: Mapping[SheetKind, Columns],
    period: str | None,
) -> tuple[dict[SheetKind, pd.DataFrame], list[Finding]]:
    """Every sheet's rows placed in time; with `period`, combined into it per unit.

    Raises YcsError when rows hold periods but none of them lies inside `period`.
    """
    findings: list[Finding] = []
    placed: dict[SheetKind, pd.DataFrame] = {}
    for kind, frame in frames.items():
        if period is None:
            placed[kind] = frame.assign(**{MONTHS: month_masks(frame["period"])})
        else:
            placed[kind], found = combine_periods(kind, frame, period, columns.get(kind, {}))
            findings.extend(found)
    if period is not None and all(frame.empty for frame in placed.values()):
        held = sorted({p for frame in frames.values() for p in frame["period"].dropna().unique()})
        if held:
            raise YcsError("period_not_in_input", period=period, periods=", ".join(held))
    return placed, findings


def combine_periods(
    kind: SheetKind,
    frame: pd.DataFrame,
    period: str,
    columns: Columns,
) -> tuple[pd.DataFrame, list[Finding]]:
    """One row per unit for `period`, from the validated rows whose period lies inside it.

    Stocks take the latest sub-period that reports them, flows the sum of the sub-periods;
    `MONTHS` holds the months the combined row covers. A row overlapping an earlier row of
    the same unit is left out (error `overlapping_periods`); a unit lacking months of the
    period gets a warning `incomplete_period`. Rows partly outside the period are not used.
    """
    target = month_mask(period)
    codes, uniques = pd.factorize(frame["period"])
    year = period_year(period)
    distinct_masks = [month_mask(str(p)) for p in uniques]
    inside_u = np.array(
        [
            period_year(str(p)) == year and m & ~target == 0
            for p, m in zip(uniques, distinct_masks, strict=True)
        ]
        + [False],
        dtype=np.bool_,
    )
    masks_u = np.array([*distinct_masks, 0], dtype=np.int64)
    ends_u = np.array([m.bit_length() for m in distinct_masks] + [0], dtype=np.int64)
    inside = inside_u[codes]
    rows = frame[inside]
    masks = masks_u[codes][inside]
    ends = ends_u[codes][inside]  # the last month of each row's period
    if bool((masks == target).all()):
        # Every row already reports the whole period (duplicates were left out before).
        return rows.assign(**{MONTHS: masks}).reset_index(drop=True), []
    code = UNIT_CODE[kind]
    # Units as integers (faster to group than codes); rows without a unit code cannot be
    # combined with others, so each gets a number of its own.
    unit_ids = pd.factorize(rows[code])[0].astype(np.int64)
    alone = unit_ids < 0
    key_array = np.where(alone, unit_ids.max(initial=-1) + 1 + np.arange(len(rows)), unit_ids)
    bits = (masks[:, None] >> np.arange(12)) & 1
    earlier = pd.DataFrame(bits).groupby(key_array, sort=False).cumsum().to_numpy() - bits
    overlapping = ((bits == 1) & (earlier > 0)).any(axis=1)
    findings = _overlap_findings(rows, masks, key_array, overlapping, code, columns)
    kept = rows[~overlapping]
    kept_masks = masks[~overlapping]
    # Latest sub-period last: the last row of each unit is the one whose period ends last.
    order = np.argsort(ends[~overlapping], kind="stable")
    ordered = kept.iloc[order]
    ordered_keys = key_array[~overlapping][order]
    groups = ordered.groupby(ordered_keys, sort=False)
    last_of_unit = ~pd.Series(ordered_keys).duplicated(keep="last").to_numpy()
    combined = ordered[last_of_unit].set_axis(pd.Index(ordered_keys[last_of_unit]))
    stocks, flows = _numeric_columns(kind, frame)
    if stocks:
        # The latest value reported: a stock left blank in the last month keeps the one before.
        combined[stocks] = groups[stocks].last()
    if flows:
        combined[flows] = groups[flows].sum(min_count=1)
    # Overlapping rows are gone, so the months of a unit's rows add up without double bits.
    unit_masks = pd.Series(kept_masks[order]).groupby(ordered_keys, sort=False).sum()
    combined[MONTHS] = unit_masks.reindex(combined.index).to_numpy(dtype=np.int64)
    combined["period"] = period
    findings.extend(_incomplete_findings(combined, target, period, code, columns))
    return combined.reset_index(drop=True), findings


def _numeric_columns(kind: SheetKind, frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    stocks: list[str] = []
    flows: list[str] = []
    for f in FIELDS[kind]:
        if f.name in frame and (f.numeric or f.type is FieldType.BOOL):
            (flows if f.over_time == "flow" else stocks).append(f.name)
    return stocks, flows


def _position(
    row: Mapping[Hashable, object], field: str, columns: Columns
) -> tuple[str, str | None, int, str | None]:
    file = str(row[FILE])
    sheet_value = row[SHEET]
    sheet = None if sheet_value is None or pd.isna(sheet_value) else str(sheet_value)  # type: ignore[call-overload]
    return file, sheet, int(row[ROW]), columns.get((file, sheet), {}).get(field)  # type: ignore[call-overload]


def _overlap_findings(
    rows: pd.DataFrame,
    masks: npt.NDArray[np.int64],
    keys: npt.NDArray[np.int64],
    overlapping: npt.NDArray[np.bool_],
    code: str,
    columns: Columns,
) -> list[Finding]:
    """`overlapping_periods` on each later row, naming the earlier row it overlaps."""
    flagged = np.flatnonzero(overlapping)
    if not flagged.size:
        return []
    wanted = set(keys[flagged].tolist())
    by_key: dict[object, list[int]] = {}
    for i in np.flatnonzero(np.isin(keys, list(wanted))).tolist():
        by_key.setdefault(keys[i], []).append(i)
    records = rows[[code, "period", FILE, SHEET, ROW]].to_dict("records")
    findings = []
    for i in flagged.tolist():
        first = next(j for j in by_key[keys[i]] if j < i and masks[j] & masks[i])
        file, sheet, row, column = _position(records[i], "period", columns)
        first_file, first_sheet, first_row, first_column = _position(
            records[first], "period", columns
        )
        cell = (
            f"{first_sheet}!{first_column or ''}{first_row}"
            if first_sheet
            else f"{first_column or ''}{first_row}"
        )
        findings.append(
            Finding(
                "overlapping_periods",
                file=file,
                sheet=sheet,
                row=row,
                column=column,
                field="period",
                value=str(records[i]["period"]),
                params={
                    "unit": str(records[i][code]),
                    "other": str(records[first]["period"]),
                    "first": cell if first_file == file else f"{cell} ({first_file})",
                },
            )
        )
    return findings


def _incomplete_findings(
    combined: pd.DataFrame, target: int, period: str, code: str, columns: Columns
) -> list[Finding]:
    """`incomplete_period` per unit lacking months of the period, on its latest row."""
    lacking = (combined[MONTHS].to_numpy(dtype=np.int64) != target) & combined[
        code
    ].notna().to_numpy()
    if not lacking.any():
        return []
    year = period_year(period)
    first, last = period_months(period)
    findings = []
    for record in combined.loc[lacking, [code, MONTHS, FILE, SHEET, ROW]].to_dict("records"):
        mask = int(record[MONTHS])
        missing = [m for m in range(first, last + 1) if not mask >> (m - 1) & 1]
        file, sheet, row, column = _position(record, code, columns)
        findings.append(
            Finding(
                "incomplete_period",
                file=file,
                sheet=sheet,
                row=row,
                column=column,
                field=code,
                value=str(record[code]),
                params={
                    "period": period,
                    "missing": _month_runs(year, missing),
                    "count": len(missing),
                },
            )
        )
    return findings


def _month_runs(year: int, months: list[int]) -> str:
    """[1, 2, 3, 11] → "2024-01–2024-03, 2024-11": runs of missing months read at a glance."""
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        f"{year}-{run[0]:02d}" + ("" if len(run) == 1 else f"–{year}-{run[-1]:02d}") for run in runs
    )

"""Vectorised cell and cross-field checks: raw tables → typed, combined frames + findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.batch import batches
from ycs.check.cells import (
    ObjectArray,
    TextArray,
    cell_text,
    parse_booleans,
    parse_codes,
    parse_numbers,
    parse_text,
)
from ycs.check.duplicates import FILE, ROW, SHEET, Columns, drop_duplicates, unknown_districts
from ycs.check.fields import (
    FIELDS,
    RELATIONS,
    SHEET_KINDS,
    Field,
    FieldType,
    SheetKind,
    field_map,
)
from ycs.check.periods import canonical_period, find_period, month_mask, parse_periods, period_year
from ycs.check.totals import check_totals
from ycs.errors import Finding
from ycs.read.readers import RawTable, ReadOutcome

# Identical findings in one column are listed one by one up to this count, then summarised.
SUMMARY_THRESHOLD = 5

NTC_PASS_SCORE = 80


@dataclass(frozen=True, slots=True)
class InputInfo:
    """One data sheet that was read: a CSV file has `sheet` None."""

    file: str
    sheet: str | None
    kind: SheetKind
    rows: int


@dataclass(slots=True)
class Dataset:
    """Validated rows of every input, one frame per sheet kind.

    Numeric and boolean fields are float64 (booleans 1.0/0.0) with NaN for blank or invalid
    cells; codes, names and periods are str or None. Rows that duplicate an earlier unit
    and period are left out, so nothing is counted twice.
    """

    frames: dict[SheetKind, pd.DataFrame]
    findings: list[Finding]
    inputs: list[InputInfo]
    # Excel letters of each field, per sheet kind and (file, sheet), for later findings.
    columns: dict[SheetKind, Columns] = field(default_factory=dict)

    def periods(self) -> list[str]:
        """Every period that some row reports, sorted."""
        found: set[str] = set()
        for frame in self.frames.values():
            if "period" in frame:
                found.update(frame["period"].dropna().unique())
        return sorted(found)


@dataclass(slots=True)
class _Table:
    """One raw table being validated: its typed columns and the findings so far."""

    raw: RawTable
    values: dict[str, npt.NDArray[np.float64] | npt.NDArray[np.object_]]
    findings: list[Finding]
    blank: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)
    # Codes and names built as pandas text columns (no Python string per cell).
    texts: dict[str, ObjectArray | TextArray] = field(default_factory=dict)

    def columns(self) -> dict[str, object]:
        """Every parsed column, in the order of the table's own columns."""
        return {
            name: self.texts[name] if name in self.texts else self.values[name]
            for name in dict.fromkeys([*self.raw.cells.columns, *self.values, *self.texts])
            if name in self.texts or name in self.values
        }

    def finding(
        self,
        code: str,
        field_name: str,
        row: int,
        value: str,
        params: dict[str, object] | None = None,
        rows: tuple[int, ...] | None = None,
    ) -> Finding:
        """A finding on one cell of this table (or, with `rows`, on several of one column)."""
        if self.raw.cell_rows is not None:
            row = self.raw.cell_rows.get(field_name, row)
        return Finding(
            code,
            file=self.raw.file,
            sheet=self.raw.sheet,
            row=row,
            column=self.raw.columns.get(field_name),
            field=field_name,
            value=value,
            params=params or {},
            rows=rows,
        )

    def raw_texts(self, field_name: str, index: npt.NDArray[np.intp]) -> list[str]:
        return [cell_text(v) for v in self.raw.cells[field_name].iloc[index].tolist()]

    def report(
        self,
        code: str,
        field_name: str,
        mask: npt.NDArray[np.bool_],
        params: Iterable[dict[str, object]] | None = None,
    ) -> None:
        """Add one finding per flagged cell; a long run of one value in a column is summarised."""
        index = np.flatnonzero(mask)
        if not index.size:
            return
        texts = self.raw_texts(field_name, index)
        rows = [int(r) for r in self.raw.rows[index]]
        param_list = list(params) if params is not None else [{}] * index.size
        by_text: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            by_text.setdefault(text, []).append(i)
        for text, members in by_text.items():
            if len(members) > SUMMARY_THRESHOLD and not any(param_list[i] for i in members):
                self.findings.append(
                    self.finding(
                        code,
                        field_name,
                        rows[members[0]],
                        text,
                        params={"count": len(members)},
                        rows=tuple(rows[i] for i in members),
                    )
                )
            else:
                self.findings.extend(
                    self.finding(code, field_name, rows[i], text, param_list[i]) for i in members
                )


def validate(outcome: ReadOutcome, *, period: str | None = None) -> Dataset:
    """Check every cell of every table; `period` is set where a row has none (SPEC §8.2).

    Rows of every period are kept: combining them into `period` is the next stage's work.
    """
    findings = list(outcome.findings)
    parts: dict[SheetKind, list[pd.DataFrame]] = {kind: [] for kind in SHEET_KINDS}
    inputs: list[InputInfo] = []
    columns: dict[SheetKind, Columns] = {kind: {} for kind in SHEET_KINDS}
    # Files of which some data sheet holds rows: a station that fills the commune sheet of
    # the two-sheet template leaves the district sheet empty, and that is no error.
    filled = {raw.file for raw in outcome.tables if len(raw.rows)}
    # Consecutive small tables of one layout are validated as one (a folder of commune
    # files): the same findings, without the per-table cost a thousand times over.
    for batch in batches(outcome.tables):
        table = _validate_table(batch.table, period)
        if batch.joined:
            member_findings = batch.split(table.findings, SUMMARY_THRESHOLD)
        else:
            member_findings = [table.findings]
        for raw, notes in zip(batch.members, member_findings, strict=True):
            findings.extend(notes)
            if len(raw.rows) == 0 and raw.file not in filled:
                # A recognised heading over nothing, e.g. a template sent back unfilled: it
                # must not pass as a valid submission (SPEC §3.3).
                findings.append(
                    Finding(
                        "no_data_rows",
                        file=raw.file,
                        sheet=raw.sheet,
                        params={"sheet_name": raw.sheet or raw.file},
                    )
                )
            inputs.append(
                InputInfo(file=raw.file, sheet=raw.sheet, kind=raw.kind, rows=len(raw.rows))
            )
            columns[raw.kind][(raw.file, raw.sheet)] = raw.columns
        frame = pd.DataFrame(table.columns(), copy=False)
        frame[FILE] = batch.files() if batch.joined else batch.table.file
        frame[SHEET] = batch.table.sheet
        frame[ROW] = batch.row
        parts[batch.table.kind].append(frame)
    frames = {kind: _combine(kind, parts[kind]) for kind in SHEET_KINDS}
    for kind in SHEET_KINDS:
        frames[kind], duplicates = drop_duplicates(kind, frames[kind], columns[kind])
        findings.extend(duplicates)
    if any(t.kind == "district" for t in outcome.tables):
        findings.extend(unknown_districts(frames, columns["commune"]))
    findings.sort(key=Finding.sort_key)
    return Dataset(frames=frames, findings=findings, inputs=inputs, columns=columns)


def _combine(kind: SheetKind, parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(
            {
                **{f.name: pd.Series(dtype=_dtype(f)) for f in FIELDS[kind]},
                FILE: pd.Series(dtype=object),
                SHEET: pd.Series(dtype=object),
                ROW: pd.Series(dtype=np.int64),
            }
        )
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    for f in FIELDS[kind]:
        if f.name not in frame:
            frame[f.name] = pd.Series(
                np.nan if f.numeric or f.type is FieldType.BOOL else None,
                index=frame.index,
                dtype=_dtype(f),
            )
    return frame.reset_index(drop=True)


def _dtype(f: Field) -> str:
    return "float64" if f.numeric or f.type is FieldType.BOOL else "object"


def _validate_table(raw: RawTable, period: str | None) -> _Table:
    table = _Table(raw=raw, values={}, findings=[])
    fields = field_map(raw.kind)
    for name in raw.cells.columns:
        _parse_column(table, fields[name])
    # Totals are checked against the values as written, before cross-field exclusions.
    table.findings.extend(check_totals(raw, table.values, table.blank, fields))
    _check_required(table, fields)
    _fill_period(table, period)
    _check_relations(table)
    if raw.kind == "commune":
        _check_station(table, fields)
        _check_ntc(table)
    return table


def _parse_column(table: _Table, f: Field) -> None:
    cells = table.raw.cells[f.name]
    if f.numeric:
        numbers = parse_numbers(cells, integer=f.integer, percent=f.type is FieldType.PCT)
        table.blank[f.name] = numbers.blank
        values = numbers.values  # a fresh array per call: safe to blank out in place
        # Codes are compared only where a value failed: object arrays compare slowly.
        failed = np.flatnonzero(np.isnan(values) & ~numbers.blank)
        if failed.size:
            errors = numbers.error[failed]
            for code in ("not_a_number", "not_an_integer"):
                mask = np.zeros(len(values), dtype=np.bool_)
                mask[failed[errors == code]] = True
                table.report(code, f.name, mask)
        _check_bounds(table, f, values)
        table.values[f.name] = values
    elif f.type is FieldType.BOOL:
        booleans = parse_booleans(cells)
        table.blank[f.name] = booleans.blank
        table.report("not_a_boolean", f.name, booleans.invalid)
        table.values[f.name] = booleans.values
    elif f.type is FieldType.CODE:
        assert f.width is not None
        codes = parse_codes(cells, f.width)
        table.blank[f.name] = codes.blank
        table.report(
            "bad_code", f.name, codes.invalid, [{"width": f.width}] * int(codes.invalid.sum())
        )
        padded = np.flatnonzero(codes.padded)
        if padded.size:
            rows = tuple(int(r) for r in table.raw.rows[padded])
            table.findings.append(
                table.finding(
                    "code_padded",
                    f.name,
                    rows[0],
                    cell_text(cells.iloc[padded[0]]),
                    params={"count": int(padded.size)},
                    rows=rows,
                )
            )
        table.texts[f.name] = codes.values
    elif f.type is FieldType.PERIOD:
        periods = parse_periods(cells)
        table.blank[f.name] = periods.blank
        table.report("bad_period", f.name, periods.invalid)
        table.values[f.name] = periods.values
    else:
        text = parse_text(cells)
        table.blank[f.name] = text.blank
        table.texts[f.name] = text.values


def _check_bounds(table: _Table, f: Field, values: npt.NDArray[np.float64]) -> None:
    """Flag and blank out values below the field's minimum or above its maximum."""
    with np.errstate(invalid="ignore"):
        negative = values < 0
        low = ~negative & (values < f.minimum) if f.minimum is not None else None
        high = values > f.maximum if f.maximum is not None else None
    table.report(
        "negative",
        f.name,
        negative,
        [{"minimum": f"{f.minimum or 0:g}"}] * int(negative.sum()),
    )
    out = np.zeros(values.shape, dtype=bool)
    for mask in (low, high):
        if mask is not None:
            out |= mask
    table.report("out_of_range", f.name, out, [{"range": _range_text(f)}] * int(out.sum()))
    values[negative | out] = np.nan


def _range_text(f: Field) -> str:
    low = "" if f.minimum is None else f"{f.minimum:g}"
    high = "" if f.maximum is None else f"{f.maximum:g}"
    if high:
        return f"{low or '…'}–{high}"
    return f"≥ {low}"


def _check_required(table: _Table, fields: dict[str, Field]) -> None:
    """A required column that is absent is one finding; a blank required cell, one per cell."""
    for f in fields.values():
        if not f.required:
            continue
        if f.name not in table.values and f.name not in table.texts:
            table.findings.append(
                Finding(
                    "missing_required",
                    file=table.raw.file,
                    sheet=table.raw.sheet,
                    row=table.raw.header_row,
                    field=f.name,
                )
            )
            continue
        table.report("missing_required", f.name, table.blank[f.name])


def _fill_period(table: _Table, period: str | None) -> None:
    n = len(table.raw.rows)
    if "period" in table.values:
        values = table.values["period"]
        blank = table.blank["period"]
        if period is not None:
            values[blank] = period
        else:
            table.report("missing_period", "period", blank)
        return
    if period is not None:
        stated = _stated_period(table.raw, period)
        table.values["period"] = np.full(n, stated[0] if stated else period, dtype=object)
        if stated and n:
            table.findings.append(
                Finding(
                    "period_inferred",
                    file=table.raw.file,
                    sheet=table.raw.sheet,
                    row=table.raw.header_row,
                    value=stated[1],
                    params={"period": stated[0]},
                )
            )
        return
    table.values["period"] = np.full(n, None, dtype=object)
    if n:
        table.findings.append(
            Finding(
                "missing_period",
                file=table.raw.file,
                sheet=table.raw.sheet,
                row=table.raw.header_row,
                params=_period_hint(table.raw.title),
            )
        )


def _stated_period(raw: RawTable, period: str) -> tuple[str, str] | None:
    """The period inside `period` that a table without a period column states, and where.

    Twelve monthly files without a period column, read with --period 2024, are twelve
    different months: their title block ("Tháng 10/2024") or file name
    ("thang_10_2024_….csv") says which, and taking 2024 for all of them would make each
    unit a duplicate of itself.
    """
    name = PurePath(raw.file).stem.replace("_", " ")
    for text in (*raw.title, name):
        found = find_period(text)
        if found and found != period and _inside(found, period):
            return found, text
    return None


def _inside(inner: str, outer: str) -> bool:
    return period_year(inner) == period_year(outer) and month_mask(inner) & ~month_mask(outer) == 0


def _period_hint(title: tuple[str, ...]) -> dict[str, object]:
    """Suggest the period that the title block states ("Kỳ báo cáo: Năm 2024")."""
    for line in title:
        found = find_period(line) or canonical_period(line)
        if found:
            return {"variant": "titled", "title": line, "suggested": found}
    return {}


def _check_relations(table: _Table) -> None:
    for relation in RELATIONS[table.raw.kind]:
        part = table.values.get(relation.part)
        whole = table.values.get(relation.whole)
        if part is None or whole is None:
            continue
        with np.errstate(invalid="ignore"):
            exceeds = part > whole
        if not exceeds.any():
            continue
        wholes = table.raw_texts(relation.whole, np.flatnonzero(exceeds))
        table.report(
            relation.code,
            relation.part,
            exceeds,
            [{"whole": relation.whole, "whole_value": w} for w in wholes],
        )
        if relation.code == "part_exceeds_whole":
            part[exceeds] = np.nan


def _check_station(table: _Table, fields: dict[str, Field]) -> None:
    """Station facts reported by a commune that says it has no station are errors."""
    has_station = table.values.get("has_station")
    if has_station is None:
        return
    no_station = has_station == 0
    if not no_station.any():
        return
    for f in fields.values():
        values = table.values.get(f.name)
        if not f.needs_station or values is None:
            continue
        assert values.dtype == np.float64
        with np.errstate(invalid="ignore"):
            claimed = no_station & (values > 0)
        table.report("station_fields_without_station", f.name, claimed)
        values[claimed] = np.nan


def _check_ntc(table: _Table) -> None:
    passed = table.values.get("ntc_pass")
    score = table.values.get("ntc_score")
    if passed is None or score is None:
        return
    with np.errstate(invalid="ignore"):
        inconsistent = (passed == 1) & (score < NTC_PASS_SCORE)
    scores = table.raw_texts("ntc_score", np.flatnonzero(inconsistent))
    table.report("ntc_pass_inconsistent", "ntc_pass", inconsistent, [{"score": s} for s in scores])

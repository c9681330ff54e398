"""Spreadsheet files → raw tables: the cells of each data sheet, with their place in the file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ycs.check.fields import UNIT_CODE, SheetKind
from ycs.errors import Finding, YcsError, column_letter
from ycs.read import textfiles
from ycs.read.headers import (
    HEADER_SEARCH_ROWS,
    MAX_HEADER_ROWS,
    UNIT_NAME,
    Header,
    cell_text,
    find_header,
    has_figures,
    is_code,
    is_column_numbers,
    is_plain_name,
    is_section_heading,
    is_signature,
    title_lines,
    total_label,
)
from ycs.read.sources import (
    Prefetcher,
    expand_paths,
    file_bytes,
    file_format,
    is_ycs_report,
    workbook_sheets,
)
from ycs.read.vertical import VerticalForm, find_vertical, resolve_unit
from ycs.read.workbook import SheetCells, WorkbookFormat
from ycs.text import shown_path


@dataclass(frozen=True, slots=True)
class RawTable:
    """One data sheet as read: raw cell values of the matched columns and where each came from.

    `cells` and `totals` hold one column per matched field, in file order, cells as the file
    holds them (a blank is None, NA or empty text).
    `rows` and `total_rows` are the 1-based row numbers the user sees (Excel, or the line in a
    text editor); `columns` the Excel column letter of each field (A for a CSV's first column);
    `headers` the heading text, line breaks collapsed, a group heading joined by " - ".
    """

    file: str
    sheet: str | None
    kind: SheetKind
    cells: pd.DataFrame
    rows: npt.NDArray[np.int64]
    columns: dict[str, str]
    headers: dict[str, str]
    totals: pd.DataFrame
    total_rows: npt.NDArray[np.int64]
    total_labels: tuple[str, ...]
    header_row: int
    title: tuple[str, ...]
    # A vertical form's one data row spreads over the sheet: the row of each field's cell.
    cell_rows: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    tables: list[RawTable]
    findings: list[Finding]


def read_inputs(
    paths: Sequence[str | Path], on_file: Callable[[Path], None] | None = None
) -> ReadOutcome:
    """Read every file (directories expanded); `on_file` is called after each one.

    The next workbook loads in the background while the current file is checked; what was
    loaded ahead belongs to this call and is dropped when it returns or stops.
    """
    tables: list[RawTable] = []
    findings: list[Finding] = []
    files = expand_paths(paths)
    frames = _SmallFrames()
    with Prefetcher() as ahead:
        for path, following in zip(files, [*files[1:], None], strict=True):
            if following is not None:
                ahead.start(following)
            outcome = _read_one(path, ahead.sheets, frames)
            tables.extend(outcome.tables)
            findings.extend(outcome.findings)
            if on_file is not None:
                on_file(path)
    return ReadOutcome(frames.fill(tables), findings)


def read_file(path: Path) -> ReadOutcome:
    """The data sheets of one file, whatever its format; YcsError when it has none."""
    frames = _SmallFrames()
    outcome = _read_one(path, workbook_sheets, frames)
    return ReadOutcome(frames.fill(outcome.tables), outcome.findings)


def _read_one(
    path: Path,
    load: Callable[[Path, WorkbookFormat], list[SheetCells]],
    frames: _SmallFrames,
) -> ReadOutcome:
    fmt = file_format(path)
    if fmt == "text":
        return _read_text(path, file_bytes(path), frames)
    if fmt == "xlsx" and is_ycs_report(path):
        # A report written into the folder being checked (`-o nop/ket_qua.xlsx`) holds
        # results, not submissions: reading it would stop the next run.
        return ReadOutcome([], [Finding("report_skipped", file=shown_path(path))])
    return _read_workbook(path, load(path, fmt), frames)


def _read_workbook(path: Path, sheets: list[SheetCells], frames: _SmallFrames) -> ReadOutcome:
    tables: list[RawTable] = []
    findings: list[Finding] = []
    for sheet in sheets:
        rows = sheet.rows
        if not any(cell_text(v) for row in rows for v in row):
            continue
        # One column naming three fields or more is a station's own form: its indicator rows
        # ("Dân số | Người | 5210") would otherwise pass for wide headers of one column each.
        form = find_vertical(rows)
        if form is not None:
            table, notes = vertical_table(shown_path(path), sheet.name, form, rows, frames)
            tables.append(table)
            findings.extend(notes)
            continue
        header = find_header(rows[: HEADER_SEARCH_ROWS + MAX_HEADER_ROWS], sheet.merges)
        if header is None:
            findings.append(_sheet_skipped(path, sheet.name))
            continue
        table, unknown = _build_table(
            shown_path(path),
            sheet.name,
            header,
            rows,
            _workbook_grid(rows, header.last_row + 1),
            range(1, len(rows) + 1),
            frames,
        )
        tables.append(table)
        findings.extend(unknown)
    if not tables:
        raise YcsError("no_data_sheet", path=shown_path(path))
    return ReadOutcome(tables, findings)


def _is_results_csv(head: str) -> bool:
    """ycs's own results CSV (`check -o ket_qua.csv`): in either language its first line
    starts with the column plan_id and holds indicator_id and status_code, which no
    submission does."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip()
    cells = first.replace(";", ",").split(",")
    return cells[0] == "plan_id" and {"indicator_id", "status_code"} <= set(cells)


def _workbook_grid(rows: Sequence[Sequence[object]], start: int) -> _Grid | _SmallGrid:
    width = max(map(len, rows), default=0)
    body = rows[start:]
    if min(map(len, body), default=width) != width:
        body = [[*row, *[""] * (width - len(row))] for row in body]
    if len(body) <= SMALL_ROWS:
        return _SmallGrid(body, np.arange(start + 1, start + 1 + len(body)))
    cells = np.array(body, dtype=object).reshape(len(body), width)
    columns = [pd.Series(cells[:, c], dtype=object, copy=False) for c in range(width)]
    return _Grid(columns, np.arange(start + 1, start + 1 + len(body)))


def _sheet_skipped(path: Path, sheet: str) -> Finding:
    params = {"sheet_name": sheet}
    return Finding("sheet_skipped", file=shown_path(path), sheet=sheet, params=params)


def _read_text(path: Path, data: bytes, frames: _SmallFrames) -> ReadOutcome:
    decoded = textfiles.decode(path, data)
    if _is_results_csv(decoded.head):
        return ReadOutcome([], [Finding("report_skipped", file=shown_path(path))])
    head = textfiles.Head(decoded)
    best: tuple[str, Header, list[textfiles.Record]] | None = None
    for delimiter in textfiles.DELIMITERS:
        records = head.records(delimiter, HEADER_SEARCH_ROWS + MAX_HEADER_ROWS)
        if all(len(r.cells) < 2 for r in records):
            continue  # not this delimiter
        header = find_header([r.cells for r in records])
        if header is not None and (best is None or len(header.fields) > len(best[1].fields)):
            best = delimiter, header, records
    if best is None:
        raise YcsError("no_data_sheet", path=shown_path(path))
    delimiter, header, records = best
    width = max(len(r.cells) for r in records[: header.last_row + 1])
    first_line = records[header.last_row].end_line + 1
    grid: _Grid | _SmallGrid
    small = textfiles.read_small_body(head, delimiter, first_line, width)
    if small is not None:
        grid = _SmallGrid(*small)
    else:
        grid = _Grid(*textfiles.read_body(path, head, delimiter, first_line, width))
    top = [r.cells for r in records]
    table, findings = _build_table(
        shown_path(path), None, header, top, grid, [r.line for r in records], frames
    )
    if decoded.encoding is not None:
        findings.insert(
            0,
            Finding("encoding_used", file=shown_path(path), params={"encoding": decoded.encoding}),
        )
    return ReadOutcome([table], findings)


@dataclass(frozen=True, slots=True)
class _Grid:
    """The cells below a header as the file holds them ("" where empty), one array per
    column, and the row number of each row."""

    columns: list[pd.Series]  # object cells from a workbook, Arrow-backed text from a CSV
    rows: npt.NDArray[np.int64]

    def row(self, i: int | np.integer) -> list[str]:
        return [cell_text(column.iat[int(i)]) for column in self.columns]


# A body of up to this many rows is classified in plain Python (`_SmallGrid`): pandas' cost
# per call, paid a dozen times a table, outweighs the work on a commune's few rows.
SMALL_ROWS = 256


@dataclass(frozen=True, slots=True)
class _SmallGrid:
    """A few rows below a header as the file holds them, each as wide as the widest, and
    the row number of each: the same cells as a `_Grid`, kept as Python lists."""

    records: Sequence[Sequence[object]]
    rows: npt.NDArray[np.int64]

    def row(self, i: int | np.integer) -> list[str]:
        return [cell_text(v) for v in self.records[int(i)]]


class _SmallFrames:
    """The cells of small tables, put into frames together when the read ends.

    Building a frame costs a tenth of a millisecond whatever its size, twice a table: a
    folder of a thousand commune files paid that a thousand times. Small tables' rows are
    kept as lists until the read ends, then the tables with the same fields share one frame
    and each gets its own rows as a slice of it, at a fiftieth of the cost.
    """

    # What a small table holds until `fill` gives it its frames; never seen outside the read.
    PENDING = pd.DataFrame()

    def __init__(self) -> None:
        # Per table, by identity: its fields, and the cells of its data and total rows.
        self._pending: dict[int, tuple[tuple[str, ...], list[list[object]], list[list[object]]]]
        self._pending = {}

    def defer(
        self,
        table: RawTable,
        header: Header,
        grid: _SmallGrid,
        data: npt.NDArray[np.intp],
        totals: npt.NDArray[np.intp],
    ) -> None:
        """Keep the cells of `table`'s data and total rows (indexes into `grid`)."""
        columns = [cell.column for cell in header.fields.values()]
        records = grid.records

        def cells(index: npt.NDArray[np.intp]) -> list[list[object]]:
            return [[records[i][c] for c in columns] for i in index.tolist()]

        self.keep(table, tuple(header.fields), cells(data), cells(totals))

    def keep(
        self,
        table: RawTable,
        fields: tuple[str, ...],
        data: list[list[object]],
        totals: list[list[object]],
    ) -> None:
        """Keep `table`'s data and total rows, their cells in the order of `fields`."""
        self._pending[id(table)] = (fields, data, totals)

    def fill(self, tables: list[RawTable]) -> list[RawTable]:
        """`tables` with the deferred ones given their frames; the others as they are."""
        groups: dict[tuple[str, ...], list[list[object]]] = {}
        # Per table: its fields, and where its data rows start, end and its totals end.
        spans: dict[int, tuple[tuple[str, ...], int, int, int]] = {}
        for table in tables:
            pending = self._pending.get(id(table))
            if pending is None:
                continue
            fields, data, total = pending
            rows = groups.setdefault(fields, [])
            first = len(rows)
            rows += data
            rows += total
            spans[id(table)] = (fields, first, first + len(data), len(rows))
        self._pending.clear()
        shared = {fields: _object_frame(fields, rows) for fields, rows in groups.items()}
        # Tables without total rows (nearly all) share one empty frame of their fields.
        empty = {fields: _rows_of(frame, 0, 0) for fields, frame in shared.items()}
        filled = []
        for table in tables:
            span = spans.get(id(table))
            if span is None:
                filled.append(table)
                continue
            fields, first, middle, end = span
            frame = shared[fields]
            totals = _rows_of(frame, middle, end) if end > middle else empty[fields]
            filled.append(replace(table, cells=_rows_of(frame, first, middle), totals=totals))
        return filled


def _object_frame(fields: tuple[str, ...], rows: list[list[object]]) -> pd.DataFrame:
    """One frame of object cells built in one block."""
    block = np.empty((len(rows), len(fields)), dtype=object)
    if rows:
        block[:, :] = rows
    return pd.DataFrame(block, columns=list(fields), dtype=object, copy=False)


def _rows_of(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Rows start…end of `frame` as a frame of their own, numbered from 0."""
    rows = frame.iloc[start:end]
    rows.index = pd.RangeIndex(end - start)
    return rows


def _build_table(
    file: str,
    sheet: str | None,
    header: Header,
    top: Sequence[Sequence[object]],
    grid: _Grid | _SmallGrid,
    top_rows: Sequence[int],
    frames: _SmallFrames,
) -> tuple[RawTable, list[Finding]]:
    """The table under `header`; `top_rows` numbers the rows of `top` (the file's first rows)."""
    data, totals, labels = _classify_rows(header, grid)
    if isinstance(grid, _SmallGrid):
        cells = totals_cells = _SmallFrames.PENDING
    else:
        cells, totals_cells = _frame(header, grid, data), _frame(header, grid, totals)
    table = RawTable(
        file=file,
        sheet=sheet,
        kind=header.kind,
        cells=cells,
        rows=grid.rows[data],
        columns={name: column_letter(cell.column) for name, cell in header.fields.items()},
        headers={name: cell.text for name, cell in header.fields.items()},
        totals=totals_cells,
        total_rows=grid.rows[totals],
        total_labels=labels,
        header_row=top_rows[header.last_row],
        title=title_lines(top[: header.first_row]),
    )
    if isinstance(grid, _SmallGrid):
        frames.defer(table, header, grid, data, totals)
    unknown = [
        Finding(
            "unknown_column",
            file=file,
            sheet=sheet,
            row=top_rows[cell.row],
            column=column_letter(cell.column),
            value=cell.text,
        )
        for cell in header.unknown
    ]
    return table, unknown


def _frame(header: Header, grid: _Grid, index: npt.NDArray[np.intp]) -> pd.DataFrame:
    """The matched columns of the rows at `index`, cells as the grid holds them: the value
    parsers take empty and whitespace-only text for blank, so nothing is rewritten here."""
    rows: slice | npt.NDArray[np.intp] = index
    if not len(index):
        rows = slice(0, 0)  # no total rows, say: an empty slice costs nothing, a take does
    elif index[-1] - index[0] + 1 == len(index):
        rows = slice(int(index[0]), int(index[-1]) + 1)
    columns: dict[str, pd.Series] = {}
    for name, cell in header.fields.items():
        column = grid.columns[cell.column]
        if column.dtype == object:
            # A view where the rows are contiguous, as they are under a plain header.
            columns[name] = pd.Series(column.to_numpy()[rows], dtype=object, copy=False)
        else:
            columns[name] = column.iloc[rows].reset_index(drop=True)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(index)), copy=False)


def _classify_rows(
    header: Header, grid: _Grid | _SmallGrid
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], tuple[str, ...]]:
    """Data rows, total rows and the totals' labels, by index into the grid.

    Rows with a unit code (or, lacking a code column, a unit name) are data. The others are
    few and looked at one by one: blank rows and section headings are dropped, totals set
    apart, and a signature block below the last row with data ends the table.
    """
    start = _body_start(header, grid)
    data = _anchored(header, grid)
    data[:start] = False
    others = {
        int(i): grid.row(i) for i in _rows_with_content(grid, np.flatnonzero(~data[start:]) + start)
    }
    signed = {i for i, cells in others.items() if is_signature(cells)}
    valued = [i for i, cells in others.items() if i not in signed and has_figures(cells, header)]
    last_data = max([*np.flatnonzero(data)[-1:].tolist(), *valued], default=-1)
    end = min((i for i in signed if i > last_data), default=len(grid.rows))
    data[end:] = False
    totals: list[int] = []
    labels: list[str] = []
    for i, cells in others.items():
        if i >= end or not any(cells[cell.column] for cell in header.fields.values()):
            continue
        label = total_label(cells, header)
        if label is not None:
            totals.append(i)
            labels.append(label)
        elif not is_section_heading(cells, header):
            data[i] = True
    return np.flatnonzero(data), np.asarray(totals, dtype=np.intp), tuple(labels)


def _anchored(header: Header, grid: _Grid | _SmallGrid) -> npt.NDArray[np.bool_]:
    """Rows that are surely data: a code in the unit-code column, or, without that column,
    a unit name; never a row named "Tổng cộng" (tested once per distinct value)."""
    if isinstance(grid, _SmallGrid):
        return _anchored_small(header, grid)
    code = header.fields.get(UNIT_CODE[header.kind])
    name = header.fields.get(UNIT_NAME[header.kind])
    anchored = np.zeros(len(grid.rows), dtype=bool)
    if code is not None:
        anchored = _each_value(grid.columns[code.column], is_code, _digits_only)
    if name is not None:
        named = _each_value(grid.columns[name.column], is_plain_name)
        anchored = anchored & (named | _blank(grid.columns[name.column])) if code else named
    return anchored


def _anchored_small(header: Header, grid: _SmallGrid) -> npt.NDArray[np.bool_]:
    """`_anchored` cell by cell, with the same verdicts: a missing value (None, NaN) is
    neither a code nor a name, and only empty text is blank."""
    code = header.fields.get(UNIT_CODE[header.kind])
    name = header.fields.get(UNIT_NAME[header.kind])
    records = grid.records
    anchored = np.zeros(len(records), dtype=bool)
    if code is not None:
        c = code.column
        anchored = np.array([_known(r[c]) and is_code(r[c]) for r in records], dtype=bool)
    if name is not None:
        c = name.column
        named = np.array([_known(r[c]) and is_plain_name(r[c]) for r in records], dtype=bool)
        if code is not None:
            blank = np.array([_is_empty_text(r[c]) for r in records], dtype=bool)
            anchored = anchored & (named | blank)
        else:
            anchored = named
    return anchored


def _known(value: object) -> bool:
    """Not a missing value, as pandas tells them."""
    return isinstance(value, str) or not bool(pd.isna(cast(Any, value)))


def _is_empty_text(value: object) -> bool:
    """Blank as `_blank` finds it in a column of objects: empty text only."""
    return isinstance(value, str) and not value


def _each_value(
    values: pd.Series,
    test: Callable[[object], bool],
    surely: Callable[[pa.Array], npt.NDArray[np.bool_]] | None = None,
) -> npt.NDArray[np.bool_]:
    """`test` of each value, run once per distinct value; on text read from a CSV, `surely`
    first finds in one pass the values that certainly pass, and only the others are tested."""
    codes, uniques = pd.factorize(values)
    verdicts = np.zeros(len(uniques) + 1, dtype=bool)
    untested = np.arange(len(uniques))
    if surely is not None and isinstance(uniques.dtype, pd.StringDtype):
        verdicts[:-1] = surely(pa.array(uniques))
        untested = np.flatnonzero(~verdicts[:-1])
    verdicts[untested] = [test(value) for value in uniques.take(untested)]
    return verdicts[codes]


def _digits_only(texts: pa.Array) -> npt.NDArray[np.bool_]:
    """Texts of ASCII digits only: unit codes, whatever else `is_code` accepts."""
    return np.asarray(pc.fill_null(pc.ascii_is_decimal(texts), False), dtype=bool)


def _blank(values: pd.Series) -> npt.NDArray[np.bool_]:
    return (values == "").to_numpy(dtype=bool, na_value=True)


def _rows_with_content(
    grid: _Grid | _SmallGrid, index: npt.NDArray[np.intp]
) -> npt.NDArray[np.intp]:
    """The rows at `index` that hold anything, in any column (sheets may end in blank rows)."""
    if isinstance(grid, _SmallGrid):
        records = grid.records
        held = [i for i in index.tolist() if not all(map(_is_empty_text, records[i]))]
        return np.asarray(held, dtype=np.intp)
    if not len(index):
        return index  # every row holds a unit: nothing to look at (a plain national file)
    content = np.zeros(len(index), dtype=bool)
    for column in grid.columns:
        content |= ~_blank(column.iloc[index])
    return index[content]


def _body_start(header: Header, grid: _Grid | _SmallGrid) -> int:
    """Index of the first body row, after the column-number row if the form prints one."""
    for i in range(len(grid.rows)):
        cells = grid.row(i)
        if any(cells[cell.column] for cell in header.fields.values()):
            return i + 1 if is_column_numbers(cells) else i
    return len(grid.rows)


def vertical_table(
    file: str,
    sheet: str,
    form: VerticalForm,
    rows: Sequence[Sequence[object]],
    frames: _SmallFrames,
) -> tuple[RawTable, list[Finding]]:
    """The one data row of a vertical form, each field positioned at its own cell; its
    frames are made with those of the other small tables of the read."""
    form, matches = resolve_unit(form)
    cells = form.cells
    code = UNIT_CODE[form.kind]
    anchor = cells.get(code) or cells.get(UNIT_NAME[form.kind]) or next(iter(cells.values()))
    value = form.value
    heading_row = value.heading_row if value.heading_row is not None else anchor.row
    table = RawTable(
        file=file,
        sheet=sheet,
        kind=form.kind,
        cells=_SmallFrames.PENDING,
        rows=np.array([anchor.row + 1], dtype=np.int64),
        columns={name: column_letter(c.column) for name, c in cells.items()},
        headers=dict.fromkeys(cells, value.heading),
        totals=_SmallFrames.PENDING,
        total_rows=np.array([], dtype=np.int64),
        total_labels=(),
        header_row=heading_row + 1,
        title=title_lines(rows[: form.title_end]),
        cell_rows={name: c.row + 1 for name, c in cells.items()},
    )
    frames.keep(table, tuple(cells), [[c.value for c in cells.values()]], [])
    findings = []
    if matches is not None:
        where = cells["commune_code"]
        findings.append(
            Finding(
                "unit_unresolved",
                file=file,
                sheet=sheet,
                row=where.row + 1,
                column=column_letter(where.column),
                field="commune_name",
                value=cell_text(_title_cell(rows, where.row, where.column)),
                params={
                    "count": len(matches),
                    "codes": f" ({', '.join(matches)})" if matches else "",
                },
            )
        )
    if value.cumulative is not None:
        other_column, other_heading = value.cumulative
        findings.append(
            Finding(
                "value_column_chosen",
                file=file,
                sheet=sheet,
                row=heading_row + 1,
                column=column_letter(value.column),
                value=value.heading,
                params={"other": other_heading, "other_column": column_letter(other_column)},
            )
        )
    return table, findings


def _title_cell(rows: Sequence[Sequence[object]], row: int, column: int) -> object:
    return rows[row][column] if column < len(rows[row]) else None

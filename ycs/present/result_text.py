"""The results table as JSON and CSV bytes, written from its columns a block of rows at a time.

Each column becomes an Arrow array of its cells' text: a text column formats each distinct
value once (they are categories), numbers are formatted by orjson (the same shortest digits
as `repr`) or Arrow casts, and the cells of a row are joined by Arrow. A commune-level
national year (three million results, a gigabyte of JSON) is never one Python object per
result, nor one string in memory. The output is byte for byte what the per-row writers in
`text.py` give (`report_json`, `result_cells`), which the tests hold them to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ycs import __version__
from ycs.errors import Finding
from ycs.indicators.definitions import Definitions
from ycs.indicators.results import Result
from ycs.present.messages import (
    Lang,
    count_words,
    deadline_label,
    finding_message,
    label,
    localised_name,
    round_half_up,
)
from ycs.present.results_table import (
    RESULT_COLUMNS,
    CsvStyle,
    finite,
    neutralise,
    result_headings,
    sorted_findings,
)
from ycs.report import Report

# Rows formatted at a time: a block's text stays far below Arrow's 2 GiB per array.
BLOCK_ROWS = 100_000

_JSON_KEYS = (
    "plan",
    "indicator",
    "level",
    "unit_code",
    "unit_name",
    "period",
    "value",
    "numerator",
    "denominator",
    "annualized_value",
    "months_covered",
    "value_low",
    "value_high",
    "target",
    "status",
    "rows_used",
    "rows_skipped",
    "units_expected",
    "units_reported",
    "before_deadline",
)


def report_json(report: Report, lang: Lang) -> dict[str, object]:
    """The SPEC §5.1 object; `results` only when the report has them (not for validate)."""
    document: dict[str, object] = {
        "ycs_version": __version__,
        "inputs": [
            {"file": i.file, "sheet": i.sheet, "kind": i.kind, "rows": i.rows}
            for i in report.inputs
        ],
        "findings": [_finding_json(f, lang) for f in sorted_findings(report.findings)],
    }
    document["coverage"] = [
        {
            "level": c.level,
            "unit_code": c.unit_code,
            "unit_name": c.unit_name,
            "period": c.period,
            "units": c.units,
            "expected": c.expected,
            "reported": c.reported,
            "missing": list(c.missing),
        }
        for c in report.coverage
    ]
    if report.results is not None:
        document["results"] = [_result_json(r) for r in report.results]
    return document


def _finding_json(finding: Finding, lang: Lang) -> dict[str, object]:
    item: dict[str, object] = {
        "severity": finding.severity.value,
        "code": finding.code,
        "file": finding.file,
        "sheet": finding.sheet,
        "row": finding.row,
        "column": finding.column,
        "field": finding.field,
        "value": finding.value,
        "message": finding_message(finding, lang),
    }
    if finding.rows is not None:
        item["rows"] = list(finding.rows)
    return item


def _result_json(result: Result) -> dict[str, object]:
    return {
        "plan": result.plan,
        "indicator": result.indicator,
        "level": result.level,
        "unit_code": result.unit_code,
        "unit_name": result.unit_name,
        "period": result.period,
        "value": finite(result.value),
        "numerator": finite(result.numerator),
        "denominator": finite(result.denominator),
        "annualized_value": finite(result.annualized_value),
        "months_covered": result.months_covered,
        "value_low": finite(result.value_low),
        "value_high": finite(result.value_high),
        "target": None
        if result.target is None
        else {"op": result.target.op, "value": result.target.value, "year": result.year},
        "status": result.status,
        "rows_used": result.rows_used,
        "rows_skipped": result.rows_skipped,
        "units_expected": result.units_expected,
        "units_reported": result.units_reported,
        "before_deadline": result.before_deadline,
    }


def json_text(report: Report, lang: Lang) -> str:
    """The JSON document as compact UTF-8 text."""
    out = io.BytesIO()
    write_json(report, lang, out)
    return out.getvalue().decode()


def results_csv(report: Report, lang: Lang, style: CsvStyle = "excel") -> str:
    """One row per result; values rounded to the indicator's decimals, text never a formula.

    "excel" is what Excel in a Vietnamese locale opens by a double-click: `;` between cells
    and a decimal comma. "plain" is `,` and `.`, for scripts and other locales.
    """
    out = io.BytesIO()
    write_csv(report, lang, style, out)
    return out.getvalue().decode()


def write_json(report: Report, lang: Lang, out: IO[bytes]) -> None:
    """The SPEC §5.1 document, as `json_text` gives it, written to `out`."""
    results = report.results
    if results is None:
        out.write(orjson.dumps(report_json(report, lang)) + b"\n")
        return
    head = orjson.dumps(report_json(_without_results(report), lang))
    # The document without results ends with its last key's value and "}".
    out.write(head[:-1] + b',"results":[')
    first = True
    texts = _JsonTexts(results.frame)
    for block in _blocks(results.frame):
        data = _json_rows(block, texts)
        out.write(data[1:] if first else data)
        first = False
    out.write(b"]}\n")


def write_csv(report: Report, lang: Lang, style: CsvStyle, out: IO[bytes]) -> None:
    """The long results table, as `results_csv` gives it (UTF-8, no BOM), written to `out`."""
    delimiter = ";" if style == "excel" else ","
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(result_headings(lang))
    out.write(buffer.getvalue().encode())
    if report.results is None:
        return
    cells = _CsvCells(report.definitions, lang, style)
    for block in _blocks(report.results.frame):
        out.write(cells.rows(block))


def _without_results(report: Report) -> Report:
    return Report(
        inputs=report.inputs,
        findings=report.findings,
        coverage=report.coverage,
    )


def _blocks(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), BLOCK_ROWS):
        yield frame.iloc[start : start + BLOCK_ROWS]


# --- JSON --------------------------------------------------------------------------------


class _JsonTexts:
    """Each text column's cells as JSON with their key before them (`,"level":"commune"`),
    formatted once per distinct value for the whole table."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.keys: dict[str, pa.Array] = {}
        for key in _TEXT_KEYS:
            names = frame[key].cat.categories.tolist()
            prefix = _json_prefix(key)
            texts = [prefix + orjson.dumps(str(c)).decode() for c in names]
            self.keys[key] = pa.array([*texts, prefix + "null"], pa.string())

    def cells(self, block: pd.DataFrame, key: str) -> pa.Array:
        codes = block[key].cat.codes.to_numpy()
        dictionary = self.keys[key]
        indices = np.where(codes < 0, len(dictionary) - 1, codes).astype(np.int32)
        return pc.take(dictionary, pa.array(indices))


_TEXT_KEYS = ("plan", "indicator", "level", "unit_code", "unit_name", "period", "status")


def _json_prefix(key: str) -> str:
    # Every row starts with "," and the first key: the writer drops the very first comma.
    return (',{"' if key == _JSON_KEYS[0] else ',"') + key + '":'


def _json_rows(block: pd.DataFrame, texts: _JsonTexts) -> bytes:
    """`,{…}` for every row of the block, one after the other."""
    cells: dict[str, pa.Array] = {
        "value": _json_floats(block["value"]),
        "numerator": _json_floats(block["numerator"]),
        "denominator": _json_floats(block["denominator"]),
        "annualized_value": _json_floats(block["annualized_value"]),
        "months_covered": _json_ints(block["months_covered"]),
        "value_low": _json_floats(block["value_low"]),
        "value_high": _json_floats(block["value_high"]),
        "target": _json_targets(block),
        "rows_used": _json_ints(block["rows_used"]),
        "rows_skipped": _json_ints(block["rows_skipped"]),
        "units_expected": _json_ints(block["units_expected"]),
        "units_reported": _json_ints(block["units_reported"]),
        "before_deadline": _by_key(
            [_codes(block["before_deadline"])],
            lambda key: orjson.dumps(key[0]).decode(),
            [block["before_deadline"]],
        ),
    }
    parts: list[pa.Array | str] = []
    for key in _JSON_KEYS:
        if key in _TEXT_KEYS:
            parts.append(texts.cells(block, key))
        else:
            parts.append(_json_prefix(key))
            parts.append(cells[key])
    parts.append("}")
    return _joined(parts, "")


def _json_floats(column: pd.Series) -> pa.Array:
    """orjson writes NaN as null and every number as the Python float would be written."""
    data = orjson.dumps(column.to_numpy(dtype=np.float64), option=orjson.OPT_SERIALIZE_NUMPY)
    return _split_list(data)


def _json_ints(column: pd.Series) -> pa.Array:
    return pc.fill_null(pc.cast(pa.array(column.array), pa.string()), "null")


def _json_targets(block: pd.DataFrame) -> pa.Array:
    """{"op": …, "value": …, "year": …}, null without a target."""

    def text(key: tuple[Any, ...]) -> str:
        op, value, year = key
        if op is None:
            return "null"
        return orjson.dumps({"op": op, "value": value, "year": year}).decode()

    columns = [block["target_op"], block["target_value"], block["year"]]
    return _by_key([_codes(c) for c in columns], text, columns)


# --- CSV ---------------------------------------------------------------------------------


class _CsvCells:
    """The CSV cells of `result_cells`, column by column, for one language and style."""

    def __init__(self, definitions: Definitions | None, lang: Lang, style: CsvStyle) -> None:
        self.definitions = definitions
        self.lang = lang
        self.comma = style == "excel"
        self.delimiter = ";" if self.comma else ","
        self.cache: dict[tuple[str, str, int], list[str]] = {}

    def rows(self, block: pd.DataFrame) -> bytes:
        cells = self._cells(block)
        parts: list[pa.Array | str] = []
        for i, (key, _) in enumerate(RESULT_COLUMNS):
            if i:
                parts.append(self.delimiter)
            parts.append(cells[key])
        parts.append("\r\n")
        return _joined(parts, "")

    def _cells(self, block: pd.DataFrame) -> dict[str, pa.Array]:
        lang = self.lang
        indicators = self.definitions.indicators if self.definitions else {}
        plans = self.definitions.plans if self.definitions else {}
        indicator_ids = [str(c) for c in block["indicator"].cat.categories]
        known = [indicators.get(i) for i in indicator_ids]
        decimals = np.array([1 if i is None else i.decimals for i in known] + [1], np.int64)
        row_decimals = decimals[block["indicator"].cat.codes.to_numpy()]
        return {
            "plan_id": self._text(block["plan"], lambda p: p),
            "plan": self._text(
                block["plan"], lambda p: localised_name(plans.get(p), p, lang) if p else ""
            ),
            "indicator_id": self._text(block["indicator"], lambda i: i),
            "indicator": self._text(
                block["indicator"], lambda i: localised_name(indicators.get(i), i, lang)
            ),
            "level": self._text(block["level"], lambda level: label(level, lang)),
            "unit_code": self._text(block["unit_code"], lambda c: c),
            "unit_name": self._text(block["unit_name"], lambda n: n),
            "period": self._text(block["period"], lambda p: p),
            "value": self._rounded(block["value"], row_decimals),
            "annualized_value": self._rounded(block["annualized_value"], row_decimals),
            "months_covered": _csv_ints(block["months_covered"]),
            "unit": self._text(
                block["indicator"],
                lambda i: (ind.unit or "") if (ind := indicators.get(i)) else "",
            ),
            "numerator": self._numbers(block["numerator"].to_numpy()),
            "denominator": self._numbers(block["denominator"].to_numpy()),
            "target": self._targets(block),
            "deadline": _csv_ints(block["year"]),
            "deadline_status": self._keyed(
                [block["before_deadline"], block["year"]],
                lambda early, year: "" if year is None else deadline_label(early, year, lang),
            ),
            "status_code": self._text(block["status"], lambda s: s),
            "status": self._keyed(
                [block["status"], block["units_unknown"]],
                lambda status, unknown: _status_label(status, unknown, lang),
            ),
            "rows_used": _csv_ints(block["rows_used"]),
            "rows_skipped": _csv_ints(block["rows_skipped"]),
            "value_low": self._rounded(block["value_low"], row_decimals),
            "value_high": self._rounded(block["value_high"], row_decimals),
            "units_unknown": _csv_ints(block["units_unknown"]),
            "expected_units": _csv_ints(block["units_expected"]),
            "reported_units": _csv_ints(block["units_reported"]),
        }

    def _field(self, text: str) -> str:
        """The text as csv.writer writes one cell of it: never a formula, quoted if needed."""
        text = neutralise(text)
        if not text:
            return ""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n").writerow([text])
        return buffer.getvalue()[:-2]

    def _text(self, column: pd.Series, text: Callable[[Any], str]) -> pa.Array:
        """A categorical column's cells through `text` (a missing value is ""); each
        category is formatted once for the whole table (blocks share the categories)."""
        key = (str(column.name), getattr(text, "__qualname__", ""), id(text.__code__))
        names = self.cache.get(key)
        if names is None:
            names = [self._field(text(str(c))) for c in column.cat.categories.tolist()]
            self.cache[key] = names
        return _from_categories(column.cat.codes.to_numpy(), names, "")

    def _keyed(self, columns: Sequence[pd.Series], text: Callable[..., str]) -> pa.Array:
        """Cells that depend on a few columns with few distinct combinations."""
        return _by_key(
            [_codes(c) for c in columns], lambda key: self._field(text(*key)), list(columns)
        )

    def _targets(self, block: pd.DataFrame) -> pa.Array:
        def text(op: str | None, value: float | None) -> str:
            return "" if op is None or value is None else f"{op} {self._plain_one(value)}"

        return self._keyed([block["target_op"], block["target_value"]], text)

    def _plain_one(self, number: float) -> str:
        text = str(int(number)) if float(number).is_integer() else repr(float(number))
        return text.replace(".", ",") if self.comma else text

    def _rounded(self, column: pd.Series, decimals: npt.NDArray[np.int64]) -> pa.Array:
        """Half-up to the indicator's decimals (`round_half_up`), then as `_plain` writes it."""
        return self._numbers(_round_half_up(column.to_numpy(dtype=np.float64), decimals))

    def _numbers(self, values: npt.NDArray[np.float64]) -> pa.Array:
        """`_plain` on a column: whole numbers without a decimal part, others as `repr`
        writes them (orjson gives the same shortest digits; the few that `repr` writes with
        an exponent are written by `repr`); "" where missing."""
        missing = ~np.isfinite(values)
        whole = ~missing & (np.abs(values) < _EXACT_INTS) & (values == np.trunc(values))
        ints = pc.cast(pa.array(np.where(whole, values, 0).astype(np.int64)), pa.string())
        shortest = _split_list(orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY))
        texts = pc.if_else(pa.array(whole), ints, shortest)
        # `repr` writes an exponent below 1e-4 and from 1e16; huge whole numbers likewise.
        special = np.flatnonzero(
            ~missing & ~whole & ((np.abs(values) < 1e-4) | (np.abs(values) >= 1e16))
        )
        if special.size:
            replaced = texts.to_numpy(zero_copy_only=False).astype(object)
            for i in special:
                number = float(values[i])
                replaced[i] = str(int(number)) if number.is_integer() else repr(number)
            texts = pa.array(replaced, pa.string())
        texts = pc.if_else(pa.array(missing), "", texts)
        if self.comma:
            texts = pc.replace_substring(texts, ".", ",")
        return texts


# Whole numbers below this are exact int64 values.
_EXACT_INTS = 2.0**53


def _status_label(status: str | None, unknown: int | None, lang: Lang) -> str:
    """`status_label` of text.py, from the two columns it reads."""
    if status is None:
        return ""
    text = label(status, lang)
    if status == "undetermined" and unknown:
        text += f" ({count_words('count.units_unknown', unknown, lang)})"
    return text


def _csv_ints(column: pd.Series) -> pa.Array:
    return pc.fill_null(pc.cast(pa.array(column.array), pa.string()), "")


def _round_half_up(
    values: npt.NDArray[np.float64], decimals: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """`round_half_up` on a column. Halves are decided on the shortest repr (81.25 → 81.3):
    numpy's arithmetic agrees with it except within a hair of a half, or for numbers too
    large for its integers; those few are rounded one by one, as `round_half_up` does."""
    scale = np.power(10.0, decimals)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.abs(values) * scale
        rounded = np.sign(values) * np.floor(scaled + 0.5) / scale
        fraction = scaled - np.floor(scaled)
        doubtful = np.isfinite(values) & (
            (np.abs(fraction - 0.5) < _HAIR) | (scaled >= _LARGE) | (decimals > _MAX_DECIMALS)
        )
    for i in np.flatnonzero(doubtful):
        rounded[i] = round_half_up(float(values[i]), int(decimals[i]))
    return rounded


_HAIR = 1e-6
_LARGE = 1e9
_MAX_DECIMALS = 15


# --- Shared ------------------------------------------------------------------------------


def _codes(column: pd.Series) -> npt.NDArray[np.int64]:
    """Small integer codes of a column's distinct values (-1 for missing)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64)
    codes, _ = pd.factorize(column, use_na_sentinel=True)
    return codes.astype(np.int64)


def _by_key(
    codes: Sequence[npt.NDArray[np.int64]],
    text: Callable[[tuple[Any, ...]], str],
    columns: Sequence[pd.Series],
) -> pa.Array:
    """Cells that depend on several columns: each distinct combination formatted once, from
    its first row's Python values."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c in codes:
        key = key * (int(c.max(initial=-1)) + 2) + (c + 1)
    groups, first = np.unique(key, return_index=True)
    where = np.searchsorted(groups, key)
    names = []
    for row in first:
        values = tuple(_python(column.iloc[int(row)]) for column in columns)
        names.append(text(values))
    return _from_categories(where, names, "")


def _python(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _from_categories(codes: npt.NDArray[Any], names: Sequence[str], missing: str) -> pa.Array:
    """`names[code]` per row, `missing` where the code is -1."""
    dictionary = pa.array([*names, missing], pa.string())
    indices = np.where(codes < 0, len(names), codes).astype(np.int32)
    return pc.take(dictionary, pa.array(indices))


def _split_list(data: bytes) -> pa.Array:
    """orjson's "[a,b,…]" of numbers as an Arrow array of "a", "b", … (numbers hold no comma)."""
    body = np.frombuffer(data, dtype=np.uint8)[1:-1]
    if body.size == 0:
        return pa.array([], pa.string())
    commas = np.flatnonzero(body == ord(","))
    kept = body[body != ord(",")]
    ends = commas - np.arange(commas.size)
    offsets = np.concatenate([[0], ends, [kept.size]]).astype(np.int32)
    return pa.StringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets.tobytes()), pa.py_buffer(kept.tobytes())
    )


def _joined(parts: Sequence[pa.Array | str], separator: str) -> bytes:
    """Every row's parts joined, all rows one after the other, as bytes."""
    joined = pc.binary_join_element_wise(*parts, separator)
    if isinstance(joined, pa.ChunkedArray):
        joined = joined.combine_chunks()
    _, offsets, data = joined.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32)[joined.offset : joined.offset + len(joined) + 1]
    if not len(joined):
        return b""
    start, end = int(bounds[0]), int(bounds[-1])
    text: bytes = data.slice(start, end - start).to_pybytes()
    return text

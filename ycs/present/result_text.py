"""The results table as JSON and CSV bytes, written from its columns a block of rows at a time.

The columns of few distinct values (plan, indicator, unit, period, target, status, counts)
are coded once for the whole table, each distinct text formatted once and each distinct
combination of neighbouring columns joined once (`text_cells`); the numbers are formatted
per block by orjson (the same shortest digits as `repr`); Arrow joins a block's rows. A
commune-level national year (three million results, a gigabyte of JSON) is never one
Python object per result, nor one string in memory. The output is byte for byte what the
per-row writers in `text.py` give (`report_json`, `result_cells`), which the tests hold
them to.
"""

from __future__ import annotations

import csv
import io
import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa

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
)
from ycs.present.results_table import (
    CsvStyle,
    finite,
    neutralise,
    result_headings,
    sorted_findings,
)
from ycs.present.text_cells import (
    CodedText,
    combined,
    joined_rows,
    json_numbers,
    keyed,
    plain_numbers,
    rounded_half_up,
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
    memos: _Memos = defaultdict(dict)
    with _written_behind(out) as write:
        first = True
        for frame in results.parts:
            rows = _JsonRows(frame, memos)
            for start in range(0, len(frame), BLOCK_ROWS):
                data = rows.block(start, start + BLOCK_ROWS)
                # Every row starts with ",": not the first.
                write(data.slice(1) if first else data)
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
    memos: _Memos = defaultdict(dict)
    with _written_behind(out) as write:
        for frame in report.results.parts:
            rows = _CsvRows(frame, report.definitions, lang, style, memos)
            for start in range(0, len(frame), BLOCK_ROWS):
                write(rows.block(start, start + BLOCK_ROWS))


@contextmanager
def _written_behind(out: IO[bytes]) -> Iterator[Callable[[pa.Buffer], None]]:
    """A `write` that hands blocks to another thread, which writes them to `out`: the
    system copies one block into a file (a second of a gigabyte's run) while the next is
    formatted. At most two blocks wait; an error in writing is raised here."""
    waiting: queue.Queue[pa.Buffer | None] = queue.Queue(maxsize=2)
    failed: list[Exception] = []

    def drain() -> None:
        while (data := waiting.get()) is not None:
            if not failed:
                try:
                    out.write(data)
                except Exception as error:  # raised again in the caller
                    failed.append(error)

    def write(data: pa.Buffer) -> None:
        if failed:
            raise failed[0]
        waiting.put(data)

    writer = threading.Thread(target=drain, name="ycs-write", daemon=True)
    writer.start()
    try:
        yield write
    finally:
        waiting.put(None)
        writer.join()
    if failed:
        raise failed[0]


def _without_results(report: Report) -> Report:
    return Report(
        inputs=report.inputs,
        findings=report.findings,
        coverage=report.coverage,
    )


# Texts already made for the values of each column (or columns), kept across the parts of
# a results table: the parts share their units, and a unit's name is quoted once.
type _Memos = defaultdict[tuple[object, ...], dict[tuple[Any, ...], str]]


# --- JSON --------------------------------------------------------------------------------


class _JsonRows:
    """The rows of a results table as JSON, `,{…}` each. The columns of few distinct
    values are coded once, in four runs of keys; the numbers are formatted per block."""

    def __init__(self, frame: pd.DataFrame, memos: _Memos) -> None:
        self.frame = frame

        def value(key: str) -> CodedText:
            return keyed([frame[key]], _json, memos[(key,)])

        self.unit = combined(
            [
                ',{"plan":',
                value("plan"),
                ',"indicator":',
                value("indicator"),
                ',"level":',
                value("level"),
            ]
        )
        self.place = combined(
            [
                ',"unit_code":',
                value("unit_code"),
                ',"unit_name":',
                value("unit_name"),
                ',"period":',
                value("period"),
                ',"value":',
            ]
        )
        self.months = combined([',"months_covered":', value("months_covered"), ',"value_low":'])
        target = keyed(
            [frame["target_op"], frame["target_value"], frame["year"]],
            _json_target,
            memos[("target",)],
        )
        self.verdict = combined(
            [
                ',"target":',
                target,
                ',"status":',
                value("status"),
                ',"rows_used":',
                value("rows_used"),
                ',"rows_skipped":',
                value("rows_skipped"),
                ',"units_expected":',
                value("units_expected"),
                ',"units_reported":',
                value("units_reported"),
                ',"before_deadline":',
                value("before_deadline"),
                "}",
            ]
        )

    def block(self, start: int, stop: int) -> pa.Buffer:
        """`,{…}` for rows `start` to `stop`, one after the other."""

        def numbers(key: str) -> pa.Array | str:
            values = self.frame[key].to_numpy(dtype=np.float64)[start:stop]
            return "null" if np.isnan(values).all() else json_numbers(values)

        return joined_rows(
            [
                self.unit,
                self.place,
                numbers("value"),
                ',"numerator":',
                numbers("numerator"),
                ',"denominator":',
                numbers("denominator"),
                ',"annualized_value":',
                numbers("annualized_value"),
                self.months,
                numbers("value_low"),
                ',"value_high":',
                numbers("value_high"),
                self.verdict,
            ],
            start,
            stop,
        )


def _json(value: object) -> str:
    return orjson.dumps(value).decode()


def _json_target(op: str | None, value: float | None, year: int | None) -> str:
    """{"op": …, "value": …, "year": …}, null without a target."""
    if op is None:
        return "null"
    return _json({"op": op, "value": value, "year": year})


# --- CSV ---------------------------------------------------------------------------------


class _CsvRows:
    """The rows of the long results table (`result_cells`) as CSV, for one language and
    style. The columns of few distinct values are coded once, in runs between the numbers;
    the numbers are rounded and formatted per block."""

    def __init__(
        self,
        frame: pd.DataFrame,
        definitions: Definitions | None,
        lang: Lang,
        style: CsvStyle,
        memos: _Memos,
    ) -> None:
        self.frame = frame
        self.comma = style == "excel"
        self.delimiter = d = ";" if self.comma else ","
        indicators = definitions.indicators if definitions else {}
        plans = definitions.plans if definitions else {}
        ids = [str(c) for c in frame["indicator"].cat.categories]
        known = [indicators.get(i) for i in ids]
        self.decimals = np.array([1 if i is None else i.decimals for i in known] + [1], np.int64)

        def text(columns: list[str], cell: Callable[..., str]) -> CodedText:
            # Each cell function (by its code) on each columns has its texts.
            memo = memos[cell.__code__, *columns]
            return keyed([frame[c] for c in columns], lambda *v: self._field(cell(*v)), memo)

        def plain(key: str) -> CodedText:
            return text([key], lambda v: "" if v is None else str(v))

        def count(key: str) -> CodedText:
            return keyed([frame[key]], lambda v: "" if v is None else str(v), memos[(key,)])

        def plan_name(p: str | None) -> str:
            return localised_name(plans.get(p), p, lang) if p else ""

        def indicator_name(i: str | None) -> str:
            return "" if i is None else localised_name(indicators.get(i), i, lang)

        def unit(i: str | None) -> str:
            return (ind.unit or "") if i is not None and (ind := indicators.get(i)) else ""

        def deadline(early: bool | None, year: int | None) -> str:
            return "" if year is None else deadline_label(early, year, lang)

        def status(code: str | None, unknown: int | None) -> str:
            return _status_label(code, unknown, lang)

        level = text(["level"], lambda v: "" if v is None else label(v, lang))
        self.unit = combined(
            [
                plain("plan"),
                d,
                text(["plan"], plan_name),
                d,
                plain("indicator"),
                d,
                text(["indicator"], indicator_name),
                d,
                level,
                d,
            ]
        )
        self.place = combined([plain("unit_code"), d, plain("unit_name"), d, plain("period"), d])
        self.months = combined([d, count("months_covered"), d, text(["indicator"], unit), d])
        self.verdict = combined(
            [
                d,
                text(["target_op", "target_value"], self._target),
                d,
                count("year"),
                d,
                text(["before_deadline", "year"], deadline),
                d,
                plain("status"),
                d,
                text(["status", "units_unknown"], status),
                d,
                count("rows_used"),
                d,
                count("rows_skipped"),
                d,
            ]
        )
        self.units = combined(
            [
                d,
                count("units_unknown"),
                d,
                count("units_expected"),
                d,
                count("units_reported"),
                "\r\n",
            ]
        )

    def block(self, start: int, stop: int) -> pa.Buffer:
        """The CSV lines of rows `start` to `stop`, one after the other."""
        frame = self.frame
        decimals = self.decimals[frame["indicator"].cat.codes.to_numpy()[start:stop]]

        def numbers(key: str, *, rounded: bool = False) -> pa.Array | str:
            values = frame[key].to_numpy(dtype=np.float64)[start:stop]
            if not np.isfinite(values).any():
                return ""
            if rounded:
                values = rounded_half_up(values, decimals)
            return plain_numbers(values, comma=self.comma)

        d = self.delimiter
        return joined_rows(
            [
                self.unit,
                self.place,
                numbers("value", rounded=True),
                d,
                numbers("annualized_value", rounded=True),
                self.months,
                numbers("numerator"),
                d,
                numbers("denominator"),
                self.verdict,
                numbers("value_low", rounded=True),
                d,
                numbers("value_high", rounded=True),
                self.units,
            ],
            start,
            stop,
        )

    def _field(self, text: str) -> str:
        """The text as csv.writer writes one cell of it: never a formula, quoted if needed."""
        text = neutralise(text)
        if not text:
            return ""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n").writerow([text])
        return buffer.getvalue()[:-2]

    def _target(self, op: str | None, value: float | None) -> str:
        if op is None or value is None:
            return ""
        text = str(int(value)) if float(value).is_integer() else repr(float(value))
        return f"{op} {text.replace('.', ',') if self.comma else text}"


def _status_label(status: str | None, unknown: int | None, lang: Lang) -> str:
    """`status_label` of text.py, from the two columns it reads."""
    if status is None:
        return ""
    text = label(status, lang)
    if status == "undetermined" and unknown:
        text += f" ({count_words('count.units_unknown', unknown, lang)})"
    return text

"""JSON and CSV written from the results' columns equal the per-row forms, byte for byte."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from tests.test_targets import YEN_BAI
from ycs.api import check_files
from ycs.indicators.compliance import Result, ResultTable
from ycs.indicators.definitions import load_definitions
from ycs.present import result_text
from ycs.present.messages import Lang, round_half_up
from ycs.present.result_text import json_text, report_json, results_csv
from ycs.present.results_table import RESULT_COLUMNS, CsvStyle, neutralise, result_headings
from ycs.present.text import result_cells, result_lines
from ycs.report import Report

DEFINITIONS = load_definitions()
TARGETS = DEFINITIONS.plans["ld_kh572_2030"].targets


def _result(indicator: str, value: float | None, **fields: object) -> Result:
    base: dict[str, object] = {
        "plan": "ld_kh572_2030",
        "indicator": indicator,
        "level": "commune",
        "unit_code": "24820",
        "unit_name": "Xã Đạ Chais",
        "period": "2024",
        "value": value,
        "numerator": None if value is None else value * 3,
        "denominator": None if value is None else 300.0,
        "target": TARGETS.get(indicator),
        "year": 2030,
        "before_deadline": True,
        "status": "not_met",
        "rows_used": 12,
        "rows_skipped": 0,
    }
    base.update(fields)
    return Result(**base)  # type: ignore[arg-type]


# Values that test the rounding and the number forms: halves (81.25 → 81.3; 0.15 is
# 0.1499… and still "0.2" by its shortest repr), a value a hair under a target, tiny and
# huge numbers that `repr` writes with an exponent, negative halves, infinity.
RESULTS = [
    _result("bhyt_coverage", 81.25, status="not_met"),
    _result("bhyt_coverage", 0.15, unit_code="24823", unit_name='Xã "Tà; Năng"'),
    _result("bhyt_coverage", 94.99999999999999, period="2024-Q1", before_deadline=None),
    _result("bhyt_coverage", 0.00001234, numerator=1e-5, denominator=1e17),
    _result("bhyt_coverage", -2.25, unit_name="=SUM(A1)", status="met"),
    _result("bhyt_coverage", float("inf"), numerator=float("nan")),
    _result("bhyt_coverage", None, status="no_data", months_covered=None),
    _result(
        "ntc_commune_rate",
        87.5,
        status="undetermined",
        value_low=82.6086956521739,
        value_high=91.304347826087,
        units_unknown=2,
        units_expected=23,
        units_reported=21,
        annualized_value=105.00000000000001,
        months_covered=10,
    ),
    _result(
        "doctors_per_station",
        1.3333333333333333,
        plan=None,
        target=None,
        year=None,
        before_deadline=None,
        status=None,
        unit_name=None,
    ),
    _result("new_techniques", 12345678901234.5, plan="yb_2024", target=None, year=2024),
]
REPORT = Report(inputs=[], findings=[], results=RESULTS, definitions=DEFINITIONS, plans=[])


def _csv_reference(report: Report, lang: Lang, style: CsvStyle) -> str:
    """The CSV as one row per result, cell by cell (the form the columns must reproduce)."""
    comma = style == "excel"

    def plain(number: float) -> str:
        text = str(int(number)) if float(number).is_integer() else repr(float(number))
        return text.replace(".", ",") if comma else text

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if comma else ",", lineterminator="\r\n")
    writer.writerow(result_headings(lang))
    for line in result_lines(report, lang):
        row: list[str] = []
        for cell, (_, kind) in zip(result_cells(line, lang), RESULT_COLUMNS, strict=True):
            if isinstance(cell, str):
                row.append(neutralise(cell))
            elif cell is None:
                row.append("")
            elif kind == "target" and line.result.target is not None:
                row.append(f"{line.result.target.op} {plain(cell)}")
            elif kind == "value":
                row.append(plain(round_half_up(cell, line.decimals)))
            else:
                row.append(plain(cell))
        writer.writerow(row)
    return buffer.getvalue()


@pytest.mark.parametrize("block_rows", [3, 100_000], ids=["blocks", "one-block"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_from_columns_is_the_per_row_document(
    lang: Lang, block_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(result_text, "BLOCK_ROWS", block_rows)
    expected = orjson.dumps(report_json(REPORT, lang)).decode() + "\n"
    assert json_text(REPORT, lang) == expected


@pytest.mark.parametrize("block_rows", [4, 100_000], ids=["blocks", "one-block"])
@pytest.mark.parametrize("style", ["excel", "plain"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_from_columns_is_the_per_row_table(
    lang: Lang, style: CsvStyle, block_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(result_text, "BLOCK_ROWS", block_rows)
    assert results_csv(REPORT, lang, style) == _csv_reference(REPORT, lang, style)


def test_hand_checked_cells() -> None:
    rows = list(csv.reader(io.StringIO(results_csv(REPORT, "vi", "plain"))))
    value = {key: i for i, (key, _) in enumerate(RESULT_COLUMNS)}
    # 81.25 → 81.3 (halves up); 0.15 (0.1499…) → 0.2 by its shortest repr; the name is quoted.
    assert rows[1][value["value"]] == "81.3"
    assert (rows[2][value["value"]], rows[2][value["unit_name"]]) == ("0.2", 'Xã "Tà; Năng"')
    assert rows[4][value["numerator"]] == "1e-05"
    assert rows[5][value["value"]] == "-2.3"
    assert rows[5][value["unit_name"]] == "'=SUM(A1)"
    assert rows[6][value["value"]] == rows[6][value["numerator"]] == ""
    assert rows[8][value["status"]] == "Chưa xác định (2 đơn vị chưa rõ)"


def test_results_kept_as_columns_on_a_real_sample() -> None:
    report = check_files([YEN_BAI], level="commune")
    assert isinstance(report.results, ResultTable)
    # Per-row access for scripts is the same data as the columns.
    rows = list(report.results)
    assert len(rows) == len(report.results.frame)
    statuses = report.results.frame["status"]
    assert [r.status for r in rows] == [
        s if isinstance(s, str) else None for s in statuses.astype(object).tolist()
    ]
    assert json_text(report, "vi") == orjson.dumps(report_json(report, "vi")).decode() + "\n"
    assert results_csv(report, "vi") == _csv_reference(report, "vi", "excel")

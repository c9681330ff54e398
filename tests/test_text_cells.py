"""Text cells built on whole columns equal the texts written one cell at a time."""

from __future__ import annotations

import numpy as np
import orjson
import pandas as pd
import pytest

from tests.test_result_text import REPORT, _csv_reference
from ycs.indicators.compliance import ResultTable
from ycs.present import text_cells
from ycs.present.result_text import json_text, report_json, results_csv
from ycs.present.text_cells import combined, joined_rows, keyed, plain_numbers
from ycs.report import Report


def _plain(number: float, comma: bool) -> str:
    """A number as the CSV writes it, one at a time."""
    if not np.isfinite(number):
        return ""
    text = str(int(number)) if float(number).is_integer() else repr(float(number))
    return text.replace(".", ",") if comma else text


NUMBERS = {
    "zeros": [0.0, -0.0, 1.0, -3.0, 12.5, -0.04],
    "missing": [np.nan, np.inf, -np.inf, 7.0],
    "exponents": [1e-5, -2.5e-7, 9.999e-5, 1e-4, 5e-324, 1e16, 3e17, -1.5e16, 1e300],
    "whole-limit": [1e15, 1234567890123456.0, 2.0**53, 2.0**53 + 2, 9007199254740991.0],
    "shortest": [0.1, 0.15, 94.99999999999999, 105.00000000000001, 1 / 3],
    "empty": [],
}


@pytest.mark.parametrize("comma", [True, False], ids=["excel", "plain"])
@pytest.mark.parametrize("numbers", NUMBERS.values(), ids=NUMBERS.keys())
def test_plain_numbers_are_written_as_one_at_a_time(numbers: list[float], comma: bool) -> None:
    values = np.array(numbers, dtype=np.float64)
    assert plain_numbers(values, comma=comma).to_pylist() == [_plain(x, comma) for x in values]


def test_plain_numbers_on_random_values() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate(
        [
            rng.normal(0, 1000, 2000),
            np.round(rng.normal(0, 100, 2000), 1),
            10 ** rng.uniform(-8, 18, 2000),
            np.floor(rng.exponential(1000, 2000)),
        ]
    )
    assert plain_numbers(values, comma=True).to_pylist() == [_plain(x, True) for x in values]


@pytest.mark.parametrize(
    ("key_limit", "table_limit"),
    [(2**62, 1 << 24), (40, 1 << 24), (2**62, 4)],
    ids=["table", "multi-index", "hashed-or-decided"],
)
def test_combinations_of_columns(
    key_limit: int, table_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row reads the texts of its own values, however the combinations are numbered
    (the counts here are decided by the codes)."""
    monkeypatch.setattr(text_cells, "_KEY_LIMIT", key_limit)
    monkeypatch.setattr(text_cells, "_TABLE_LIMIT", table_limit)
    frame = pd.DataFrame(
        {
            "code": pd.Categorical(["a", "b", None, "a", "c", "b"]),
            "count": pd.array([1, None, 3, 1, 3, None], dtype="Int64"),
            "early": pd.array([True, None, False, True, False, None], dtype="boolean"),
        }
    )

    def shown(value: object) -> str:
        return orjson.dumps(value).decode()

    pair = keyed([frame["count"], frame["early"]], lambda n, e: f"{n}/{e}")
    row = combined(["<", keyed([frame["code"]], shown), "|", pair, ">"])
    by_code = combined([keyed([frame["code"]], shown), keyed([frame["count"]], shown)])
    assert by_code.cells(0, 6).to_pylist() == [
        '"a"1',
        '"b"null',
        "null3",
        '"a"1',
        '"c"3',
        '"b"null',
    ]
    expected = [
        f"<{shown(c)}|{n}/{e}>"
        for c, n, e in zip(
            frame["code"].astype(object).where(frame["code"].notna(), None),
            frame["count"].astype(object).where(frame["count"].notna(), None),
            frame["early"].astype(object).where(frame["early"].notna(), None),
            strict=True,
        )
    ]
    assert row.cells(0, 6).to_pylist() == expected
    assert len(row.texts) == 4  # the distinct rows only
    assert joined_rows([row, "\n"], 1, 3).to_pybytes() == "".join(
        f"{e}\n" for e in expected[1:3]
    ).encode("utf-8")


def test_a_table_of_parts_is_written_as_its_whole_frame() -> None:
    """Parts with categories of their own, and an empty one, write what the joined table
    writes."""
    assert REPORT.results is not None
    frame = REPORT.results.frame
    pieces = [frame.iloc[:4].copy(), frame.iloc[4:4], frame.iloc[4:].reset_index(drop=True)]
    for piece in pieces:
        for name in piece.columns:
            if isinstance(piece[name].dtype, pd.CategoricalDtype):
                piece[name] = piece[name].cat.remove_unused_categories()
    parts = ResultTable.concat([ResultTable(p) for p in pieces])
    assert len(parts.parts) == 2
    report = Report(inputs=[], findings=[], results=parts, definitions=REPORT.definitions, plans=[])
    assert json_text(report, "vi") == orjson.dumps(report_json(REPORT, "vi")).decode() + "\n"
    assert results_csv(report, "en", "plain") == _csv_reference(REPORT, "en", "plain")
    assert len(parts) == len(frame)
    assert [r.value for r in parts] == [r.value for r in REPORT.results]

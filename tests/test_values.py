"""Cell parsers: numbers, booleans, codes and text read from whole columns as readers give them."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ycs.check.cells import cell_text, parse_booleans, parse_codes, parse_numbers, parse_text

CASES = Path(__file__).parent / "cases"
NUMBER_TEXT: list[list[Any]] = yaml.safe_load(
    (CASES / "values_number_text.yaml").read_text(encoding="utf-8")
)
ERROR_CODES = {"not_a_number", "not_an_integer"}
BLANKS = [None, math.nan, pd.NA, "", "   ", "\u00a0", "\u202f", " \t\u00a0 "]
TEXT_DTYPES = ["object", "str"]


def column(cells: list[Any], dtype: str = "object") -> pd.Series:
    return pd.Series(cells, dtype=dtype)


def texts(values: Any) -> list[str | None]:
    """Parsed text cells, None where missing (pandas text arrays say NaN, object arrays None)."""
    return [None if pd.isna(v) else v for v in values]


def number_result(values: np.ndarray, error: np.ndarray, i: int) -> float | str:
    """A parsed cell as the YAML cases write it: the value, or the finding code."""
    if error[i] is not None:
        assert math.isnan(values[i]), "a cell with a finding has no value"
        return str(error[i])
    return float(values[i])


# Numbers


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
@pytest.mark.parametrize(
    ("text", "as_integer", "as_decimal"), NUMBER_TEXT, ids=[case[0] for case in NUMBER_TEXT]
)
def test_number_text_in_integer_and_decimal_fields(
    text: str, as_integer: float | str, as_decimal: float | str, dtype: str
) -> None:
    for integer, expected in ((True, as_integer), (False, as_decimal)):
        parsed = parse_numbers(column([text], dtype), integer=integer)
        assert number_result(parsed.values, parsed.error, 0) == expected, (integer, text)
        assert not parsed.blank[0]


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
@pytest.mark.parametrize("integer", [True, False], ids=["integer", "decimal"])
def test_whole_column_reads_each_cell_as_it_would_alone(integer: bool, dtype: str) -> None:
    # Plain cells take a fast path and the others a per-distinct-value one; mixing them in
    # one column, with repeats and blanks, must not change any cell's reading.
    texts = [case[0] for case in NUMBER_TEXT]
    cells = [*texts, "42", None, *reversed(texts), "", "7"]
    parsed = parse_numbers(column(cells, dtype), integer=integer)
    expected = {case[0]: case[1 if integer else 2] for case in NUMBER_TEXT}
    expected |= {"42": 42.0, "7": 7.0}
    for i, cell in enumerate(cells):
        if cell in (None, ""):
            assert parsed.blank[i]
            assert parsed.error[i] is None
        else:
            assert number_result(parsed.values, parsed.error, i) == expected[cell], cell


@pytest.mark.parametrize(
    ("text", "percent", "expected"),
    [
        pytest.param("50%", True, 50.0, id="percent-sign"),
        pytest.param("12,5 %", True, 12.5, id="vietnamese-decimal-with-space"),
        pytest.param("99.5\u00a0%", True, 99.5, id="nbsp-before-sign"),
        pytest.param("100", True, 100.0, id="no-sign"),
        pytest.param("%", True, "not_a_number", id="sign-alone"),
        pytest.param("50%%", True, "not_a_number", id="two-signs"),
        pytest.param("%50", True, "not_a_number", id="leading-sign"),
        pytest.param("50%", False, "not_a_number", id="sign-on-non-percentage-field"),
    ],
)
def test_percent_sign_only_on_percentage_fields(text: str, percent: bool, expected: Any) -> None:
    parsed = parse_numbers(column([text]), integer=False, percent=percent)
    assert number_result(parsed.values, parsed.error, 0) == expected


@pytest.mark.parametrize(
    ("cell", "as_integer", "as_decimal"),
    [
        pytest.param(1234.0, 1234.0, 1234.0, id="whole-float"),
        pytest.param(7, 7.0, 7.0, id="int"),
        pytest.param(np.int64(7), 7.0, 7.0, id="numpy-int"),
        pytest.param(np.float64(2.5), "not_an_integer", 2.5, id="numpy-float"),
        pytest.param(12.5, "not_an_integer", 12.5, id="fractional-float"),
        pytest.param(-3.0, -3.0, -3.0, id="negative-float"),
        pytest.param(0.0, 0.0, 0.0, id="zero-is-a-value"),
        pytest.param(math.inf, "not_a_number", "not_a_number", id="infinity"),
        pytest.param(True, "not_a_number", "not_a_number", id="bool"),
        pytest.param(False, "not_a_number", "not_a_number", id="bool-false"),
        pytest.param(date(2024, 10, 1), "not_a_number", "not_a_number", id="date"),
        pytest.param(datetime(2024, 10, 1, 8), "not_a_number", "not_a_number", id="datetime"),
        pytest.param(time(8, 30), "not_a_number", "not_a_number", id="time"),
        pytest.param(timedelta(hours=1), "not_a_number", "not_a_number", id="timedelta"),
    ],
)
def test_numeric_and_other_workbook_cells(cell: Any, as_integer: Any, as_decimal: Any) -> None:
    # A workbook column mixes cell types; the text cell makes it a mixed column.
    cells = [cell, "5", None, ""]
    for integer, expected in ((True, as_integer), (False, as_decimal)):
        parsed = parse_numbers(column(cells), integer=integer)
        assert number_result(parsed.values, parsed.error, 0) == expected
        assert parsed.values[1] == 5.0
        assert parsed.blank.tolist() == [False, False, True, True]


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
def test_blank_cells_are_missing_never_zero(dtype: str) -> None:
    cells = [*BLANKS, "0"] if dtype == "object" else [c for c in BLANKS if c is not pd.NA] + ["0"]
    parsed = parse_numbers(column(cells, dtype), integer=True)
    assert parsed.blank.tolist() == [True] * (len(cells) - 1) + [False]
    assert np.isnan(parsed.values[:-1]).all()
    assert parsed.values[-1] == 0.0
    assert list(parsed.error) == [None] * len(cells)


@pytest.mark.parametrize(
    "series",
    [
        pytest.param(pd.Series([1.0, np.nan, 2.5]), id="float64"),
        pytest.param(pd.Series([1, None, 3], dtype="Int64"), id="nullable-int"),
        pytest.param(pd.Series([1.0, None, 2.5], dtype=object), id="object-floats"),
    ],
)
def test_numeric_series(series: pd.Series) -> None:
    parsed = parse_numbers(series, integer=False)
    assert parsed.blank.tolist() == [False, True, False]
    np.testing.assert_array_equal(parsed.values, [1.0, np.nan, series.iloc[2]])


def test_result_arrays_are_positional_and_input_unchanged() -> None:
    cells = pd.Series(["1.234", None, "x", 5.0], index=[10, 11, 12, 13], dtype=object)
    before = cells.copy()
    parsed = parse_numbers(cells, integer=True)
    pd.testing.assert_series_equal(cells, before)
    assert parsed.values.dtype == np.float64
    assert parsed.blank.dtype == np.bool_
    assert parsed.error.dtype == object
    np.testing.assert_array_equal(parsed.values, [1234.0, np.nan, np.nan, 5.0])
    assert parsed.error.tolist() == [None, None, "not_a_number", None]


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=-(10**15), max_value=10**15),
    style=st.sampled_from(["english", "vietnamese", "spaces", "nbsp"]),
)
def test_grouped_integers_parse_back_exactly(number: int, style: str) -> None:
    separator = {"english": ",", "vietnamese": ".", "spaces": " ", "nbsp": "\u00a0"}[style]
    text = f"{number:,}".replace(",", separator)
    assert parse_numbers(column([text]), integer=True).values[0] == number
    if abs(number) >= 10**6:  # two separators: thousands in any field
        assert parse_numbers(column([text]), integer=False).values[0] == number


@settings(max_examples=300, deadline=None)
@given(
    cents=st.integers(min_value=-(10**12), max_value=10**12),
    vietnamese=st.booleans(),
)
def test_grouped_decimals_parse_back_exactly(cents: int, vietnamese: bool) -> None:
    english = f"{cents / 100:,.2f}"
    text = english.translate(str.maketrans(",.", ".,")) if vietnamese else english
    parsed = parse_numbers(column([text]), integer=False)
    assert parsed.values[0] == float(f"{cents / 100:.2f}")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.text(alphabet="0123456789.,-+eE% \u00a0")), max_size=8))
def test_any_text_gives_a_value_or_a_finding(texts: list[str]) -> None:
    for integer in (True, False):
        parsed = parse_numbers(column(texts), integer=integer, percent=not integer)
        for value, blank, error in zip(parsed.values, parsed.blank, parsed.error, strict=True):
            assert error is None or error in ERROR_CODES
            assert math.isnan(value) == (blank or error is not None)
            assert not (blank and error)


# Booleans

TRUE_TEXTS = [
    "Có",
    "có",
    "CÓ",
    "Co",
    "co\u0301",
    " Có ",
    "Đạt",
    "đạt",
    "DAT",
    "1",
    "yes",
    "Yes",
    "y",
    "Y",
    "true",
    "TRUE",
    "x",
    "X",
    "✓",
    "✔",
]
FALSE_TEXTS = [
    "Không",
    "không",
    "KHONG",
    "Không đạt",
    "không  đạt",
    "KHÔNG ĐẠT",
    "Chưa đạt",
    "chua dat",
    "0",
    "no",
    "No",
    "n",
    "N",
    "false",
    "FALSE",
]


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, 1.0) for text in TRUE_TEXTS] + [(text, 0.0) for text in FALSE_TEXTS],
    ids=[f"true-{t}" for t in TRUE_TEXTS] + [f"false-{t}" for t in FALSE_TEXTS],
)
def test_boolean_words(text: str, expected: float, dtype: str) -> None:
    # "Không" keeps the column from being a checkbox column, so blank stays missing.
    parsed = parse_booleans(column([text, "Không", None], dtype))
    assert parsed.values[0] == expected
    assert parsed.blank.tolist() == [False, False, True]
    assert not parsed.invalid.any()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(True, 1.0, id="bool-true"),
        pytest.param(False, 0.0, id="bool-false"),
        pytest.param(1.0, 1.0, id="one"),
        pytest.param(0.0, 0.0, id="zero"),
        pytest.param(1, 1.0, id="int-one"),
        pytest.param(np.int64(0), 0.0, id="numpy-zero"),
    ],
)
def test_boolean_cells(cell: Any, expected: float) -> None:
    parsed = parse_booleans(column([cell, "Không", None]))
    assert parsed.values.tolist()[:2] == [expected, 0.0]
    assert parsed.blank.tolist() == [False, False, True]
    assert not parsed.invalid.any()


@pytest.mark.parametrize(
    "cell",
    ["có thể", "maybe", "2", "ok", "v", "-", "đúng", 2.0, 0.5, -1.0, date(2024, 1, 1)],
    ids=str,
)
def test_not_a_boolean(cell: Any) -> None:
    parsed = parse_booleans(column([cell, "Có", None]))
    assert parsed.invalid.tolist() == [True, False, False]
    assert math.isnan(parsed.values[0])
    assert not parsed.blank[0]


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
@pytest.mark.parametrize(
    ("cells", "values", "blank"),
    [
        pytest.param(
            ["x", None, "X", "", "✓", " "],
            [1, 0, 1, 0, 1, 0],
            [False] * 6,
            id="checkbox-column-blank-is-false",
        ),
        pytest.param(
            ["x", None, "Không"],
            [1, None, 0],
            [False, True, False],
            id="words-and-marks-blank-is-missing",
        ),
        pytest.param(
            ["x", None, "1"], [1, None, 1], [False, True, False], id="mark-and-one-blank-is-missing"
        ),
        pytest.param(
            ["Có", None, "Không"],
            [1, None, 0],
            [False, True, False],
            id="word-column-blank-is-missing",
        ),
        pytest.param(
            [None, "", " "], [None, None, None], [True, True, True], id="empty-column-stays-missing"
        ),
    ],
)
def test_checkbox_columns(
    cells: list[Any], values: list[Any], blank: list[bool], dtype: str
) -> None:
    parsed = parse_booleans(column(cells, dtype))
    expected = [np.nan if v is None else float(v) for v in values]
    np.testing.assert_array_equal(parsed.values, expected)
    assert parsed.blank.tolist() == blank
    assert not parsed.invalid.any()


def test_workbook_checkbox_column_with_bool_cell_is_not_all_marks() -> None:
    parsed = parse_booleans(column(["x", None, True]))
    np.testing.assert_array_equal(parsed.values, [1.0, np.nan, 1.0])
    assert parsed.blank.tolist() == [False, True, False]


# Codes


@pytest.mark.parametrize(
    ("cell", "width", "code", "padded"),
    [
        pytest.param("01234", 5, "01234", False, id="text-code"),
        pytest.param(" 01234 ", 5, "01234", False, id="spaces-stripped"),
        pytest.param("'01234", 5, "01234", False, id="leading-apostrophe"),
        pytest.param(1234.0, 5, "01234", True, id="numeric-cell-lost-zero"),
        pytest.param(1234, 5, "01234", True, id="int-cell"),
        pytest.param(12345.0, 5, "12345", False, id="numeric-cell-full-width"),
        pytest.param("1234", 5, "01234", True, id="text-from-excel-csv"),
        pytest.param("1234.0", 5, "01234", True, id="text-of-a-float"),
        pytest.param("01234.0", 5, "01234", False, id="text-of-a-float-with-zero"),
        pytest.param("1", 2, "01", True, id="province"),
        pytest.param(1.0, 2, "01", True, id="province-number"),
        pytest.param(68.0, 2, "68", False, id="province-full"),
        pytest.param(1.0, 3, "001", True, id="district-number"),
        pytest.param("0", 5, "00000", True, id="zero"),
    ],
)
def test_codes(cell: Any, width: int, code: str, padded: bool) -> None:
    for dtype in TEXT_DTYPES if isinstance(cell, str) else ["object"]:
        parsed = parse_codes(column([cell, None], dtype), width)
        assert texts(parsed.values) == [code, None]
        assert parsed.padded.tolist() == [padded, False]
        assert parsed.invalid.tolist() == [False, False]
        assert parsed.blank.tolist() == [False, True]


@pytest.mark.parametrize(
    ("cell", "width"),
    [
        pytest.param("123456", 5, id="too-long"),
        pytest.param("001234", 5, id="too-long-with-zeros"),
        pytest.param(123456.0, 5, id="number-too-long"),
        pytest.param(1e20, 5, id="huge-number"),
        pytest.param("12a45", 5, id="letter"),
        pytest.param("12 345", 5, id="inner-space"),
        pytest.param("12-345", 5, id="dash"),
        pytest.param("-1234", 5, id="negative-text"),
        pytest.param(-1.0, 5, id="negative-number"),
        pytest.param(12.5, 5, id="fraction"),
        pytest.param("12.5", 5, id="fraction-text"),
        pytest.param("１２３４５", 5, id="full-width-digits"),
        pytest.param("'", 5, id="apostrophe-alone"),
        pytest.param(True, 5, id="bool"),
        pytest.param(date(2024, 1, 1), 5, id="date"),
        pytest.param("123", 2, id="too-long-province"),
    ],
)
def test_bad_codes(cell: Any, width: int) -> None:
    parsed = parse_codes(column([cell, "01234"[:width]]), width)
    assert parsed.invalid.tolist() == [True, False]
    assert texts(parsed.values)[0] is None
    assert not parsed.padded[0]
    assert not parsed.blank[0]


def test_code_column_reports_which_cells_were_padded() -> None:
    cells = ["01001", 1003.0, "01005", 1007.0, None, "1009", "x"]
    parsed = parse_codes(column(cells), 5)
    assert texts(parsed.values) == ["01001", "01003", "01005", "01007", None, "01009", None]
    assert parsed.padded.tolist() == [False, True, False, True, False, True, False]
    assert parsed.invalid.tolist() == [False] * 6 + [True]
    assert parsed.blank.tolist() == [False] * 4 + [True, False, False]


def test_bool_and_number_cells_that_compare_equal_are_read_apart() -> None:
    # True == 1 in Python: a per-distinct-value shortcut must not merge the two.
    cells = column([True, 1.0, False, 0.0])
    assert texts(parse_codes(cells, 2).values) == [None, "01", None, "00"]
    assert texts(parse_text(cells).values) == ["TRUE", "1", "FALSE", "0"]
    assert parse_numbers(cells, integer=True).error.tolist() == ["not_a_number", None] * 2


# Text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("  Xã Thành Công  ", "Xã Thành Công", id="stripped"),
        pytest.param("Xa\u0303 Tha\u0300nh Co\u0302ng", "Xã Thành Công", id="decomposed-to-nfc"),
        pytest.param("\u00a0Huyện A\u202f", "Huyện A", id="nbsp-stripped"),
        pytest.param("Phường  1", "Phường  1", id="inner-spaces-kept"),
        pytest.param(1234.0, "1234", id="whole-number"),
        pytest.param(12.5, "12.5", id="fraction"),
        pytest.param(True, "TRUE", id="bool"),
        pytest.param(date(2024, 10, 1), "2024-10-01", id="date"),
        pytest.param(datetime(2024, 10, 1), "2024-10-01", id="midnight-datetime"),
    ],
)
def test_text(cell: Any, expected: str) -> None:
    parsed = parse_text(column([cell, None, "  "]))
    assert texts(parsed.values) == [expected, None, None]
    assert parsed.blank.tolist() == [False, True, True]


def test_text_string_dtype_keeps_repeats() -> None:
    parsed = parse_text(column(["Xã A", "Xa\u0303 A", None, "Xã B", " Xã A"], "str"))
    assert texts(parsed.values) == ["Xã A", "Xã A", None, "Xã B", "Xã A"]
    assert parsed.blank.tolist() == [False, False, True, False, False]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(1234.0, "1234", id="whole-float"),
        pytest.param(12.5, "12.5", id="fraction"),
        pytest.param(0.1 + 0.2, "0.3", id="float-noise"),
        pytest.param(-0.0, "0", id="negative-zero"),
        pytest.param(1e20, "1e+20", id="huge"),
        pytest.param(7, "7", id="int"),
        pytest.param(np.int64(7), "7", id="numpy-int"),
        pytest.param(np.float64(2.5), "2.5", id="numpy-float"),
        pytest.param(True, "TRUE", id="true"),
        pytest.param(False, "FALSE", id="false"),
        pytest.param(None, "", id="none"),
        pytest.param(math.nan, "", id="nan"),
        pytest.param(pd.NA, "", id="na"),
        pytest.param(datetime(2024, 10, 1), "2024-10-01", id="midnight-datetime"),
        pytest.param(datetime(2024, 10, 1, 8, 30), "2024-10-01 08:30:00", id="datetime"),
        pytest.param(date(2024, 10, 1), "2024-10-01", id="date"),
        pytest.param(time(8, 30), "08:30:00", id="time"),
        pytest.param(" abc ", " abc ", id="text-unchanged"),
        pytest.param("", "", id="empty-text"),
    ],
)
def test_cell_text(value: Any, expected: str) -> None:
    assert cell_text(value) == expected

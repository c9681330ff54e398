"""Vectorised parsers that turn columns of raw cells into numbers, booleans, codes and text."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ycs.text import fold

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]

NOT_A_NUMBER = "not_a_number"
NOT_AN_INTEGER = "not_an_integer"


@dataclass(frozen=True, slots=True)
class ParsedNumbers:
    values: FloatArray  # NaN where blank or invalid
    blank: BoolArray
    error: ObjectArray  # None, or the finding code "not_a_number" / "not_an_integer"


@dataclass(frozen=True, slots=True)
class ParsedBooleans:
    values: FloatArray  # 1.0 true, 0.0 false, NaN blank or invalid
    blank: BoolArray
    invalid: BoolArray  # finding not_a_boolean


# pandas' own text columns: what a DataFrame makes of an object array of str and None.
TextArray = pd.api.extensions.ExtensionArray
_PANDAS_TEXT = pd.Series(["x"]).dtype


@dataclass(frozen=True, slots=True)
class ParsedCodes:
    values: TextArray  # canonical zero-padded code, missing where blank or invalid
    blank: BoolArray
    padded: BoolArray  # leading zeros were restored
    invalid: BoolArray  # finding bad_code


@dataclass(frozen=True, slots=True)
class ParsedText:
    values: ObjectArray | TextArray  # stripped, NFC-normalised text; missing where blank
    blank: BoolArray


def is_blank_cell(value: object) -> bool:
    """True for a missing cell: None, NaN, NA/NaT, or text that is empty or only whitespace."""
    if isinstance(value, str):
        return not value.strip()
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, numbers.Real) and math.isnan(value)


def cell_text(value: object) -> str:
    """The cell as the user sees it in Excel, for quoting in findings."""
    if isinstance(value, str):
        return value
    if is_blank_cell(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _float_text(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    # Excel shows 15 significant digits, so 0.1 + 0.2 reads "0.3", not "0.30000000000000004".
    return format(value, ".15g")


@dataclass(frozen=True, slots=True)
class _Cells:
    """One column split by what its cells hold: every non-blank cell is in exactly one group."""

    source: pd.Series
    blank: BoolArray
    text: Any  # pa.LargeStringArray: stripped text of text cells, null elsewhere
    is_text: BoolArray
    number: FloatArray  # value of int and float cells, NaN elsewhere
    is_number: BoolArray
    is_bool: BoolArray
    truth: BoolArray  # value of bool cells, False elsewhere

    @property
    def other(self) -> BoolArray:
        """Dates, times and anything else that is neither text, number nor bool."""
        return ~(self.blank | self.is_text | self.is_number | self.is_bool)

    def raw(self, mask: BoolArray) -> ObjectArray:
        return self.source.to_numpy(dtype=object)[mask]


_TEXT_INFERRED = frozenset({"string", "empty"})
_NUMBER_INFERRED = frozenset({"floating", "integer", "mixed-integer-float"})


def _split(cells: pd.Series) -> _Cells:
    if isinstance(cells.dtype, pd.StringDtype):
        array = pa.array(cells.array)
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        return _text_cells(cells, array)
    if pd.api.types.is_numeric_dtype(cells.dtype) and not pd.api.types.is_bool_dtype(cells.dtype):
        return _number_cells(cells, cells.to_numpy(dtype=np.float64, na_value=np.nan))
    raw = cells.to_numpy(dtype=object)
    # CSV columns hold only str and None, and a workbook's numeric columns only numbers and
    # None: skip the per-cell type sort for them.
    inferred = pd.api.types.infer_dtype(raw, skipna=True)
    if inferred in _TEXT_INFERRED:
        return _text_cells(cells, pa.array(raw, type=pa.large_string(), from_pandas=True))
    if inferred in _NUMBER_INFERRED:
        return _number_cells(cells, np.array(raw, dtype=np.float64))
    return _mixed_cells(cells, raw)


def _strip(text: Any) -> Any:
    """Stripped text with blank strings turned into nulls."""
    trimmed = pc.utf8_trim_whitespace(text.cast(pa.large_string()))
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.large_string()), trimmed)


def _text_cells(cells: pd.Series, text: Any) -> _Cells:
    stripped = _strip(text)
    is_text = _to_bool(stripped.is_valid())
    nothing = np.zeros(len(is_text), dtype=np.bool_)
    number = np.full(len(is_text), np.nan)
    return _Cells(cells, ~is_text, stripped, is_text, number, nothing, nothing, nothing)


def _number_cells(cells: pd.Series, number: FloatArray) -> _Cells:
    is_number = ~np.isnan(number)
    nothing = np.zeros(len(number), dtype=np.bool_)
    text = pa.nulls(len(number), pa.large_string())
    return _Cells(cells, ~is_number, text, nothing, number, is_number, nothing, nothing)


def _mixed_cells(cells: pd.Series, raw: ObjectArray) -> _Cells:
    """Sort cells of a workbook column (str, float, bool, date, None …) by their Python type."""
    missing = pd.isna(raw)
    types: ObjectArray = np.asarray(np.frompyfunc(type, 1, 1)(raw), dtype=object)
    is_str = np.zeros(len(raw), dtype=np.bool_)
    is_number = np.zeros(len(raw), dtype=np.bool_)
    is_bool = np.zeros(len(raw), dtype=np.bool_)
    kind_of_cell, kinds = pd.factorize(types)
    for i, kind in enumerate(kinds):
        if issubclass(kind, str):
            is_str |= kind_of_cell == i
        elif issubclass(kind, bool | np.bool_):  # before numbers: bool is an int
            is_bool |= kind_of_cell == i
        elif issubclass(kind, numbers.Real):
            is_number |= kind_of_cell == i
    is_number &= ~missing
    number = np.full(len(raw), np.nan)
    number[is_number] = raw[is_number].astype(np.float64)
    truth = np.zeros(len(raw), dtype=np.bool_)
    truth[is_bool] = raw[is_bool].astype(np.bool_)
    strings = np.full(len(raw), None, dtype=object)
    strings[is_str] = raw[is_str]
    text = _strip(pa.array(strings, type=pa.large_string()))
    is_text = _to_bool(text.is_valid())
    blank = missing | (is_str & ~is_text)
    return _Cells(cells, blank, text, is_text, number, is_number, is_bool, truth)


def _to_bool(array: Any) -> BoolArray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=np.bool_)


@dataclass(frozen=True, slots=True)
class _Distinct:
    """The distinct strings of a text array, and for each cell the position of its string.

    A column repeats few values (codes, names, odd spellings), so slow work done once per
    distinct string stays cheap; converting Arrow text to Python once per cell would not.
    """

    strings: Any  # pa.LargeStringArray
    position: npt.NDArray[np.intp]  # -1 for a cell without text

    @classmethod
    def of(cls, text: Any) -> _Distinct:
        encoded = text.dictionary_encode()
        position = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return cls(encoded.dictionary, position)

    def spread(self, per_string: npt.NDArray[Any], fill: object) -> npt.NDArray[Any]:
        """Per-cell values from one value per distinct string; `fill` where there is no text."""
        with_fill = np.concatenate([per_string, np.array([fill], dtype=per_string.dtype)])
        return with_fill[self.position]  # position -1 picks the fill

    def spread_text(self, per_string: Any) -> TextArray:
        """Per-cell text from one (Arrow) text per distinct string, missing where there is
        no text: a text column built in Arrow, not one Python string per cell."""
        positions = pa.array(self.position, mask=self.position < 0)
        return pd.array(per_string.take(positions), dtype=_PANDAS_TEXT)


def _map_unique(values: npt.NDArray[Any], function: Callable[[Any], object]) -> ObjectArray:
    """`function` applied once per distinct value; the values must be of one kind (True == 1)."""
    codes, uniques = pd.factorize(values)
    return np.array([function(value) for value in uniques], dtype=object)[codes]


# Number text once spaces and the percent sign are gone, each shape with the edits that
# turn it into a plain decimal Arrow can cast. The first matching shape wins, so grouped
# thousands are tried before a lone separator is read as the decimal mark.
_Shape = tuple[str, tuple[tuple[str, str], ...]]
_DROP_DOTS = (r"\.", "")
_DROP_COMMAS = (",", "")
_COMMA_DECIMAL = (",", ".")


def _number_shapes(groups: str) -> tuple[_Shape, ...]:
    return (
        (r"-?\d+", ()),
        (rf"-?[1-9]\d{{0,2}}(?:\.\d{{3}}){groups}", (_DROP_DOTS,)),
        (rf"-?[1-9]\d{{0,2}}(?:,\d{{3}}){groups}", (_DROP_COMMAS,)),
        (r"-?[1-9]\d{0,2}(?:\.\d{3})+,\d+", (_DROP_DOTS, _COMMA_DECIMAL)),
        (r"-?[1-9]\d{0,2}(?:,\d{3})+\.\d+", (_DROP_COMMAS,)),
        (r"-?\d*\.\d+", ()),
        (r"-?\d*,\d+", (_COMMA_DECIMAL,)),
        (r"-?\d+(?:[.,]\d+)?[eE][+-]?\d+", (_COMMA_DECIMAL,)),
    )


# In an integer field one ".234" group is thousands; elsewhere it takes two groups, and a
# single separator is the decimal mark ("1.234" → 1.234, "12,5" → 12.5).
_INTEGER_SHAPES = _number_shapes("+")
_DECIMAL_SHAPES = _number_shapes("{2,}")
_IGNORED_IN_NUMBERS = r"[\s\pZ\x{200B}\x{FEFF}]"


def parse_numbers(cells: pd.Series, *, integer: bool, percent: bool = False) -> ParsedNumbers:
    """Numbers from numeric cells or text in Vietnamese or English style (SPEC §2.3)."""
    if cells.dtype == object:
        return _mostly_float_cells(cells.to_numpy(), integer=integer, percent=percent)
    if isinstance(cells.dtype, pd.StringDtype):
        return _mostly_digit_text(cells, integer=integer, percent=percent)
    return _any_cells(_split(cells), integer=integer, percent=percent)


def _mostly_digit_text(cells: pd.Series, *, integer: bool, percent: bool) -> ParsedNumbers:
    """A CSV's number column: cells of ASCII digits only (nearly all of them) cast in one
    pass, and only the others (blanks, spaces, separators, words) sorted and parsed."""
    text = pa.array(cells.array)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    digits = pc.fill_null(pc.ascii_is_decimal(text), False)
    plain = _to_bool(digits)
    values = np.full(len(text), np.nan)
    values[plain] = pc.cast(text.filter(digits), pa.float64()).to_numpy(zero_copy_only=False)
    blank = np.zeros(len(text), dtype=np.bool_)
    error = np.full(len(text), None, dtype=object)
    rest = np.flatnonzero(~plain)
    if rest.size:
        others = _any_cells(
            _text_cells(cells.iloc[rest], text.take(pa.array(rest))),
            integer=integer,
            percent=percent,
        )
        values[rest] = others.values
        blank[rest] = others.blank
        error[rest] = others.error
    # Digits beyond a float's range (a pasted serial number) are no number.
    huge = plain & ~np.isfinite(values)
    values[huge] = np.nan
    error[huge] = NOT_A_NUMBER
    return ParsedNumbers(values, blank, error)


def _any_cells(split: _Cells, *, integer: bool, percent: bool) -> ParsedNumbers:
    """Every cell sorted by what it holds: text parsed by its shape, numbers as they are."""
    values = _number_text_values(split.text, integer=integer, percent=percent)
    values[split.is_number] = split.number[split.is_number]
    not_number = ~split.blank & ~np.isfinite(values)
    values[not_number] = np.nan
    error = np.full(len(values), None, dtype=object)
    error[not_number] = NOT_A_NUMBER
    if integer:
        fractional = values != np.trunc(values)
        fractional &= ~np.isnan(values)
        error[fractional] = NOT_AN_INTEGER
        values[fractional] = np.nan
    return ParsedNumbers(values, split.blank, error)


def _mostly_float_cells(raw: ObjectArray, *, integer: bool, percent: bool) -> ParsedNumbers:
    """A workbook's number column: float cells taken as they are, and only the others
    (text, blanks, dates, bools; few in a number column) sorted by type and parsed."""
    types = np.fromiter(map(type, raw), dtype=object, count=len(raw))
    is_float = np.asarray(types == float, dtype=np.bool_)  # noqa: E721 (type objects, elementwise)
    values = np.full(len(raw), np.nan)
    values[is_float] = raw[is_float].astype(np.float64)
    blank = is_float & np.isnan(values)
    error = np.full(len(raw), None, dtype=object)
    rest = ~is_float
    if rest.any():
        others = _any_cells(
            _split(pd.Series(raw[rest], dtype=object)), integer=integer, percent=percent
        )
        values[rest] = others.values
        blank[rest] = others.blank
        error[rest] = others.error
    infinite = is_float & np.isinf(values)
    error[infinite] = NOT_A_NUMBER
    values[infinite] = np.nan
    if integer:
        fractional = is_float & (values != np.trunc(values)) & ~np.isnan(values)
        error[fractional] = NOT_AN_INTEGER
        values[fractional] = np.nan
    return ParsedNumbers(values, blank, error)


def _number_text_values(text: Any, *, integer: bool, percent: bool) -> FloatArray:
    """Value of each text cell; NaN where there is no text or it is not a number."""
    # Plain digit strings, nearly every cell of a CSV column, are cast in one Arrow call.
    plain = pc.fill_null(pc.ascii_is_decimal(text), False)
    # A copy: Arrow hands out read-only buffers, and numeric cells are written in later.
    values = np.array(
        pc.cast(pc.if_else(plain, text, None), pa.float64()).to_numpy(zero_copy_only=False),
        dtype=np.float64,
    )
    rest = pc.if_else(plain, pa.scalar(None, pa.large_string()), text)
    if rest.null_count == len(rest):
        return values
    distinct = _Distinct.of(rest)
    shapes = _INTEGER_SHAPES if integer else _DECIMAL_SHAPES
    odd = distinct.spread(_decimal_values(distinct.strings, shapes, percent=percent), np.nan)
    has_rest = distinct.position >= 0
    values[has_rest] = odd[has_rest]
    return values


@cache
def _any_shape(shapes: tuple[_Shape, ...]) -> str:
    return "^(?:" + "|".join(f"(?:{pattern})" for pattern, _ in shapes) + ")$"


def _decimal_values(texts: Any, shapes: tuple[_Shape, ...], *, percent: bool) -> FloatArray:
    """Value of each text by the first shape it matches; NaN when it matches none."""
    if pc.any(pc.match_substring_regex(texts, _IGNORED_IN_NUMBERS)).as_py():
        texts = pc.replace_substring_regex(texts, _IGNORED_IN_NUMBERS, "")
    texts = pc.replace_substring(texts, "\u2212", "-")  # the Unicode minus sign
    if percent:
        texts = pc.replace_substring_regex(texts, "%$", "")
    values = np.full(len(texts), np.nan)
    # One pass sets aside the texts no shape fits (most odd cells are not numbers at all).
    fits = _to_bool(pc.match_substring_regex(texts, _any_shape(shapes)))
    pending = np.flatnonzero(fits)
    texts = texts.filter(pa.array(fits))
    for pattern, edits in shapes:
        if not len(texts):
            break
        hit = _to_bool(pc.match_substring_regex(texts, f"^(?:{pattern})$"))
        matched = texts.filter(pa.array(hit))
        for old, new in edits:
            matched = pc.replace_substring_regex(matched, old, new)
        values[pending[hit]] = pc.cast(matched, pa.float64()).to_numpy(zero_copy_only=False)
        pending = pending[~hit]
        texts = texts.filter(pa.array(~hit))
    return values


X_MARKS = frozenset({"x", "✓", "✔"})
_TRUE_WORDS = frozenset({"co", "dat", "1", "yes", "y", "true"}) | X_MARKS
_FALSE_WORDS = frozenset({"khong", "khong dat", "chua dat", "0", "no", "n", "false"})


def boolean_word(text: str) -> str:
    """The form words are compared in: folded, single-spaced ("Không  Đạt" → "khong dat")."""
    return " ".join(fold(text).split())


def _boolean_value(word: str) -> float:
    if word in _TRUE_WORDS:
        return 1.0
    return 0.0 if word in _FALSE_WORDS else np.nan


def parse_booleans(cells: pd.Series) -> ParsedBooleans:
    """Có/Không, Đạt/Không đạt, x/blank, 1/0, yes/no, true/false, and bool or 0/1 cells."""
    split = _split(cells)
    distinct = _Distinct.of(split.text)
    words = [boolean_word(text) for text in distinct.strings.to_pylist()]
    values = distinct.spread(np.array([_boolean_value(word) for word in words]), np.nan)
    marks = distinct.spread(np.array([word in X_MARKS for word in words], dtype=np.bool_), False)
    values[split.is_number & (split.number == 1.0)] = 1.0
    values[split.is_number & (split.number == 0.0)] = 0.0
    values[split.is_bool] = split.truth[split.is_bool]
    blank = split.blank
    # A column ticked with x marks leaves the other cells empty: there, empty means "no".
    if marks.any() and np.array_equal(marks, ~blank):
        values[blank] = 0.0
        blank = np.zeros(len(blank), dtype=np.bool_)
    return ParsedBooleans(values, blank, ~blank & np.isnan(values))


def parse_codes(cells: pd.Series, width: int) -> ParsedCodes:
    """GSO codes as `width` digits, restoring the leading zeros Excel drops from numbers."""
    split = _split(cells)
    text_or_number = split.text
    if split.is_number.any():  # a workbook's numeric cells; never in a CSV
        text_or_number = pc.coalesce(split.text, _whole_number_text(split, width))
    distinct = _Distinct.of(text_or_number)
    text = distinct.strings
    if not pc.all(pc.ascii_is_decimal(text)).as_py():
        text = pc.replace_substring_regex(text, r"^'\s*", "")  # Excel's keep-as-text mark
        text = pc.replace_substring_regex(text, r"^(\d+)[.,]0+$", r"\1")  # "1234.0": via a float
    length = pc.utf8_length(text)
    valid = _to_bool(pc.and_(pc.ascii_is_decimal(text), pc.less_equal(length, width)))
    padded = valid & _to_bool(pc.less(length, width))
    code = pc.if_else(pa.array(valid), pc.utf8_lpad(text, width, "0"), None)
    values = distinct.spread_text(code)
    valid_cells = distinct.spread(valid, False)
    padded_cells = distinct.spread(padded, False)
    return ParsedCodes(values, split.blank, padded_cells, ~split.blank & ~valid_cells)


def _whole_number_text(split: _Cells, width: int) -> Any:
    """Digits of numeric cells that can be a code of `width` digits, null elsewhere."""
    number = split.number
    usable = split.is_number & (number >= 0) & (number < 10.0**width) & (number == np.trunc(number))
    whole = np.where(usable, number, 0).astype(np.int64)
    return pa.array(whole, mask=~usable).cast(pa.large_string())


def parse_text(cells: pd.Series) -> ParsedText:
    """Stripped, NFC-normalised text; numbers, booleans and dates as Excel shows them."""
    split = _split(cells)
    distinct = _Distinct.of(split.text)
    # Windows-1258 text arrives with decomposed diacritics: compose it so names compare equal.
    composed = pc.utf8_normalize(distinct.strings, "NFC")
    other = split.other
    if not (split.is_number.any() or split.is_bool.any() or other.any()):
        return ParsedText(distinct.spread_text(composed), split.blank)  # text only (a CSV)
    values = distinct.spread(np.array(composed.to_pylist(), dtype=object), None)
    if split.is_number.any():
        values[split.is_number] = _map_unique(split.number[split.is_number], cell_text)
    values[split.is_bool] = np.where(split.truth[split.is_bool], "TRUE", "FALSE")
    if other.any():
        values[other] = _map_unique(split.raw(other), cell_text)
    return ParsedText(values, split.blank)

"""Text cells of a large table as Arrow strings: coded columns, numbers, rows joined as bytes.

Arrow joins a row's parts at a cost per part and row, so the writers join few parts: the
columns of few distinct values are coded once for the whole table (each distinct text
formatted once, each distinct combination of columns joined once) and only the columns of
numbers are formatted row by row.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ycs.indicators.columns import python_values
from ycs.present.messages import round_half_up

# A row's part: the cells of a column, or one text in every row.
type Part = pa.Array | str


@dataclass(frozen=True, slots=True)
class CodedText:
    """Every row's text of a table as a code into the distinct texts: `texts[codes[row]]`."""

    codes: npt.NDArray[np.int32]
    texts: pa.Array

    def cells(self, start: int, stop: int) -> pa.Array:
        """The texts of rows `start` to `stop`."""
        return pc.take(self.texts, pa.array(self.codes[start:stop]))


def keyed(
    columns: Sequence[pd.Series],
    text: Callable[..., str],
    memo: dict[tuple[Any, ...], str] | None = None,
) -> CodedText:
    """Cells that depend on a few columns of few distinct values: `text` is called once per
    distinct combination, with the columns' Python values (None where missing); with a
    `memo`, once per combination for every table that shares it."""
    if memo is not None:
        text = _remembered(text, memo)
    coded = [_distinct_values(c) for c in columns]
    if len(coded) == 1:
        codes, values = coded[0]
        # Only the values present: the parts of a joined table share categories.
        used = np.zeros(len(values), dtype=bool)
        used[codes] = True
        texts = [text(v) if u else "" for v, u in zip(values, used.tolist(), strict=True)]
        return CodedText(codes, pa.array(texts, pa.string()))
    combination, parts = _combinations([c for c, _ in coded], [len(v) for _, v in coded])
    texts = [
        text(*row)
        for row in zip(*(v[p] for (_, v), p in zip(coded, parts, strict=True)), strict=True)
    ]
    return CodedText(combination, pa.array(texts, pa.string()))


def _remembered(text: Callable[..., str], memo: dict[tuple[Any, ...], str]) -> Callable[..., str]:
    def remembered(*values: Any) -> str:
        found = memo.get(values)
        if found is None:
            found = memo[values] = text(*values)
        return found

    return remembered


def _distinct_values(column: pd.Series) -> tuple[npt.NDArray[np.int32], npt.NDArray[Any]]:
    """A code per row into the column's distinct Python values (None for missing)."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy() + 1
        distinct = [None, *(str(c) for c in column.cat.categories.tolist())]
    elif pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return _distinct_integers(column)
    else:
        found, uniques = pd.factorize(column, use_na_sentinel=True)
        codes = found + 1
        distinct = [None, *python_values(pd.Series(uniques))]
    values = np.empty(len(distinct), dtype=object)
    values[:] = distinct
    return codes.astype(np.int32), values


def _distinct_integers(column: pd.Series) -> tuple[npt.NDArray[np.int32], npt.NDArray[Any]]:
    """`_distinct_values` of whole numbers or yes/no (nullable or not), numbered from their
    range rather than hashed."""
    array = column.array
    missing = np.asarray(pd.isna(array), dtype=bool)
    numbers = np.asarray(array.to_numpy(dtype=np.int64, na_value=0), dtype=np.int64)
    low = int(numbers.min(initial=0))
    key = np.where(missing, 0, numbers - low + 1)
    codes, distinct = _dense(key, int(key.max(initial=0)) + 1)
    boolean = pd.api.types.is_bool_dtype(column.dtype)
    values = np.empty(len(distinct), dtype=object)
    values[:] = [
        None if k == 0 else (bool(k - 1 + low) if boolean else int(k - 1 + low))
        for k in distinct.tolist()
    ]
    return codes, values


def combined(parts: Sequence[CodedText | str]) -> CodedText:
    """Coded columns and fixed texts one after the other in every row: each distinct
    combination of the columns is joined once."""
    columns = [p for p in parts if isinstance(p, CodedText)]
    codes, of_column = _combinations([c.codes for c in columns], [len(c.texts) for c in columns])
    taken = iter(pc.take(c.texts, pa.array(p)) for c, p in zip(columns, of_column, strict=True))
    pieces: list[Part] = [p if isinstance(p, str) else next(taken) for p in parts]
    return CodedText(codes, pc.binary_join_element_wise(*pieces, ""))


def _combinations(
    codes: Sequence[npt.NDArray[np.int32]], sizes: Sequence[int]
) -> tuple[npt.NDArray[np.int32], list[npt.NDArray[np.int64]]]:
    """A code per row for its combination of the columns' codes (`sizes` bound them), and
    each column's code in each distinct combination."""
    if math.prod(sizes) >= _KEY_LIMIT:
        # Too many to number arithmetically (never with the results' columns).
        combination, distinct = pd.MultiIndex.from_arrays(codes).factorize()
        assert isinstance(distinct, pd.MultiIndex)
        parts = [np.asarray(distinct.get_level_values(i)) for i in range(len(codes))]
        return combination.astype(np.int32), parts
    key = np.zeros(len(codes[0]), dtype=np.int64)
    span = 1
    # Per column: its size in the key, or (0) the table of its code by the key so far.
    steps: list[tuple[int, npt.NDArray[np.int32] | None]] = []
    for column, size in zip(codes, sizes, strict=True):
        follows = _follows(key, span, column) if span * size > _TABLE_LIMIT else None
        if follows is not None:
            steps.append((0, follows))
            continue
        key *= size
        key += column
        span *= size
        steps.append((size, None))
    combination, distinct = _dense(key, span)
    parts = []
    for size, follows in reversed(steps):
        if follows is not None:
            parts.append(follows[distinct].astype(np.int64))
        else:
            distinct, part = np.divmod(distinct, size)
            parts.append(part)
    return combination, parts[::-1]


def _follows(
    key: npt.NDArray[np.int64], span: int, column: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32] | None:
    """The column's code for each key, when the key decides it (a unit's name by its code):
    such a column adds no combinations, and the key stays small enough to number through a
    table instead of hashing it."""
    if span > _TABLE_LIMIT:
        return None
    table = np.full(span, -1, dtype=np.int32)
    table[key] = column
    return table if np.array_equal(table[key], column) else None


# Keys stay far below the largest int64.
_KEY_LIMIT = 2**62
# Keys below this are numbered through a table of this many flags; larger ones are hashed.
_TABLE_LIMIT = 1 << 24


def _dense(
    key: npt.NDArray[np.int64], span: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
    """The keys renumbered 0, 1, … over the distinct keys, and those keys."""
    if span <= _TABLE_LIMIT:
        seen = np.zeros(span, dtype=bool)
        seen[key] = True
        number = np.cumsum(seen, dtype=np.int32) - 1
        return number[key], np.flatnonzero(seen)
    numbers, distinct = pd.factorize(key)
    return numbers.astype(np.int32), np.asarray(distinct, dtype=np.int64)


def json_numbers(values: npt.NDArray[np.float64]) -> pa.Array:
    """Each number as JSON: the shortest digits that read back as it (as `repr`), null for
    NaN and infinity (orjson writes them so)."""
    return _split(orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY))


def plain_numbers(values: npt.NDArray[np.float64], *, comma: bool) -> pa.Array:
    """Each number as the CSV writes it: whole numbers without a decimal part, others as
    `repr` writes them, "" where missing; with `comma` a decimal comma.

    orjson writes `repr`'s digits, a whole number below 2**53 as "N.0" and NaN or infinity as
    "null": the ".0" and the "null" are dropped from its bytes. `repr` writes an exponent
    below 1e-4 and from 1e16, where orjson does not, and every number from 2**53 is whole:
    those few are written one by one."""
    if not values.size:
        return pa.array([], pa.string())
    # -0.0 + 0.0 is 0.0: a whole zero is written "0".
    values = values + 0.0
    missing = ~np.isfinite(values)
    whole = ~missing & (np.abs(values) < _EXACT_INTS) & (values == np.trunc(values))
    body = np.frombuffer(orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY), np.uint8)[1:-1]
    ends = np.append(np.flatnonzero(body == _COMMA), body.size)
    starts = np.concatenate([[0], ends[:-1] + 1])
    kept = body != _COMMA
    for back in (1, 2):
        kept[ends[whole] - back] = False
    for back in (1, 2, 3, 4):
        kept[ends[missing] - back] = False
    lengths = ends - starts - 2 * whole - 4 * missing
    data = body[kept]
    if comma:
        data[data == _POINT] = _COMMA
    texts = _strings(lengths, data)
    special = np.flatnonzero(
        ~missing & ~whole & ((np.abs(values) < 1e-4) | (np.abs(values) >= _EXACT_INTS))
    )
    if special.size:
        cells = texts.to_numpy(zero_copy_only=False).astype(object)
        for i in special:
            number = float(values[i])
            text = str(int(number)) if number.is_integer() else repr(number)
            cells[i] = text.replace(".", ",") if comma else text
        texts = pa.array(cells, pa.string())
    return texts


# Whole numbers below this are exact int64 values.
_EXACT_INTS = 2.0**53
_COMMA = ord(",")
_POINT = ord(".")


def rounded_half_up(
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


def joined_rows(parts: Sequence[CodedText | Part], start: int, stop: int) -> pa.Buffer:
    """Rows `start` to `stop` of the parts (coded columns, cells of those rows, fixed
    texts), each row's joined, all rows one after the other: the bytes, not copied."""
    cells = [p.cells(start, stop) if isinstance(p, CodedText) else p for p in parts]
    joined = pc.binary_join_element_wise(*cells, "")
    if isinstance(joined, pa.ChunkedArray):
        joined = joined.combine_chunks()
    if not len(joined):
        return pa.py_buffer(b"")
    _, offsets, data = joined.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32)[joined.offset : joined.offset + len(joined) + 1]
    first, last = int(bounds[0]), int(bounds[-1])
    return data.slice(first, last - first)


def _split(data: bytes) -> pa.Array:
    """orjson's "[a,b,…]" of numbers as an Arrow array of "a", "b", … (numbers hold no comma)."""
    body = np.frombuffer(data, dtype=np.uint8)[1:-1]
    if body.size == 0:
        return pa.array([], pa.string())
    commas = np.flatnonzero(body == _COMMA)
    lengths = np.diff(np.concatenate([[-1], commas, [body.size]])) - 1
    return _strings(lengths, body[body != _COMMA])


def _strings(lengths: npt.NDArray[np.int64], data: npt.NDArray[np.uint8]) -> pa.Array:
    """An Arrow string array from its cells' byte lengths and their bytes one after another."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pa.StringArray.from_buffers(
        len(lengths), pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(data))
    )

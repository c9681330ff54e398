"""Column helpers shared by the value and result tables: text as categories, gaps as None."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api.types import union_categoricals


def categories(values: Sequence[str | None] | npt.NDArray[Any]) -> pd.Categorical:
    """Text as a categorical, None as missing: a unit code repeated over 25 indicators is
    stored once, and writers format each distinct text once."""
    return _text(pd.Categorical(np.asarray(values, dtype=object)))


def _text(column: pd.Categorical) -> pd.Categorical:
    # One dtype for every table's categories, so that tables concatenate (pandas infers
    # float64 for the categories of a column that is all None).
    if column.categories.dtype == _TEXT_DTYPE:
        return column
    names = pd.Index([str(c) for c in column.categories], dtype=_TEXT_DTYPE)
    return pd.Categorical.from_codes(column.codes, names)


_TEXT_DTYPE = pd.Index(["x"]).dtype


def constant(value: str | None, count: int) -> pd.Categorical:
    """`value` (None: missing) `count` times, as a categorical."""
    if value is None:
        return pd.Categorical.from_codes(
            np.full(count, -1, dtype=np.int8), pd.Index([], dtype=_TEXT_DTYPE)
        )
    return pd.Categorical.from_codes(
        np.zeros(count, dtype=np.int8), pd.Index([value], dtype=_TEXT_DTYPE)
    )


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns one after another; categorical columns stay categorical
    (pandas would turn categories that differ into objects, one per row)."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    first = frames[0]
    columns: dict[str, Any] = {}
    for name in first.columns:
        parts = [frame[name] for frame in frames]
        if isinstance(first[name].dtype, pd.CategoricalDtype):
            columns[name] = union_categoricals(
                [_text(pd.Categorical(part)) for part in parts], ignore_order=True
            )
        else:
            columns[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns)


def python_values(column: pd.Series) -> list[Any]:
    """The column as Python values, None where missing (for per-row views)."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        names = np.asarray(column.cat.categories, dtype=object)
        values = names.take(np.maximum(codes, 0)) if len(names) else np.full(len(codes), None)
        values[codes < 0] = None
        return list(values.tolist())
    if dtype == np.float64:
        numbers = column.to_numpy()
        out = numbers.astype(object)
        out[np.isnan(numbers)] = None
        return list(out.tolist())
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        objects: npt.NDArray[Any] = column.array.to_numpy(dtype=object, na_value=None)
        return list(objects.tolist())
    return list(column.tolist())


def optional_floats(values: Sequence[float | None]) -> npt.NDArray[np.float64]:
    """None → NaN."""
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def optional_ints(values: Sequence[int | None]) -> pd.arrays.IntegerArray:
    return pd.array(list(values), dtype="Int64")

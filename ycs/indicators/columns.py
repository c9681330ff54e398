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
    if column.categories.dtype == TEXT:
        return column
    names = pd.Index([str(c) for c in column.categories], dtype=TEXT)
    return pd.Categorical.from_codes(column.codes, names)


# The dtype of text categories (pandas' own string dtype).
TEXT = pd.Index(["x"]).dtype


def join_categories(parts: Sequence[pd.Categorical]) -> pd.Categorical:
    """Categoricals one after another. Parts that share their categories (an indicator's
    units are those of every indicator of its sheet) join by their codes alone."""
    first = parts[0]
    if all(part.categories is first.categories for part in parts):
        codes = np.concatenate([part.codes for part in parts])
        return pd.Categorical.from_codes(codes, first.categories)
    return union_categoricals([_text(part) for part in parts], ignore_order=True)


def constant(value: str | None, count: int) -> pd.Categorical:
    """`value` (None: missing) `count` times, as a categorical."""
    if value is None:
        return pd.Categorical.from_codes(
            np.full(count, -1, dtype=np.int8), pd.Index([], dtype=TEXT)
        )
    return pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), pd.Index([value], dtype=TEXT))


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns one after another; categorical columns stay categorical
    (pandas would turn categories that differ into objects, one per row)."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    columns: dict[str, Any] = {}
    for name, dtype in frames[0].dtypes.items():
        parts = [frame[name] for frame in frames]
        if isinstance(dtype, pd.CategoricalDtype):
            columns[str(name)] = join_categories([part.array for part in parts])
        elif isinstance(dtype, np.dtype):
            columns[str(name)] = np.concatenate([part.to_numpy() for part in parts])
        else:
            columns[str(name)] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns, copy=False)


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

"""Results as columns (`ResultTable`), with a per-row view (`Result`) for scripts and tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from ycs.check.fields import Level
from ycs.indicators.columns import (
    categories,
    concat_frames,
    optional_floats,
    optional_ints,
    python_values,
)
from ycs.indicators.definitions import Target

Status = Literal["met", "not_met", "no_data", "undetermined"]
STATUSES: tuple[Status, ...] = ("met", "not_met", "no_data", "undetermined")


@dataclass(frozen=True, slots=True)
class Result:
    """One plan target checked for one unit and period, or (`plan` None) an indicator that
    no chosen plan targets there: then `target`, `year`, `before_deadline` and `status`
    are None.

    `value`, `numerator` and `denominator` are unrounded (None when there is no data);
    `value_low` and `value_high` bound the value of a share of counted units when
    `units_unknown` units could not be counted (None for other indicators);
    `year` is the plan's deadline; `before_deadline` says whether the data period ends
    before the end of that year, so a `not_met` there is progress, not failure (None when
    the period is unknown). On part-year data `annualized_value` is the value scaled to a
    year, and the one compared with the target.
    """

    plan: str | None
    indicator: str
    level: Level
    unit_code: str
    unit_name: str | None
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: Target | None
    year: int | None
    before_deadline: bool | None
    status: Status | None
    rows_used: int
    rows_skipped: int
    months_covered: int | None = None
    annualized_value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    units_unknown: int | None = None
    # Units expected and reported behind the value (SPEC §5.1, §7.3); None where unknown.
    units_expected: int | None = None
    units_reported: int | None = None

    @property
    def compared_value(self) -> float | None:
        """The value set against the target: annualised when the data covers part of a year."""
        return self.value if self.annualized_value is None else self.annualized_value


# The table's columns. The target is three columns (op, value, level) so that writers
# read it without one object per row.
TEXT_COLUMNS = (
    "plan",
    "indicator",
    "level",
    "unit_code",
    "unit_name",
    "period",
    "target_op",
    "target_level",
    "status",
)
FLOAT_COLUMNS = (
    "value",
    "numerator",
    "denominator",
    "target_value",
    "annualized_value",
    "value_low",
    "value_high",
)
OPTIONAL_INT_COLUMNS = (
    "year",
    "months_covered",
    "units_unknown",
    "units_expected",
    "units_reported",
)
INT_COLUMNS = ("rows_used", "rows_skipped")
RESULT_COLUMNS = (
    "plan",
    "indicator",
    "level",
    "unit_code",
    "unit_name",
    "period",
    "value",
    "numerator",
    "denominator",
    "target_op",
    "target_value",
    "target_level",
    "year",
    "before_deadline",
    "status",
    "rows_used",
    "rows_skipped",
    "months_covered",
    "annualized_value",
    "value_low",
    "value_high",
    "units_unknown",
    "units_expected",
    "units_reported",
)


class ResultTable(Sequence[Result]):
    """Every result of a run as columns (`frame`, one row per result in report order):
    text as categories, missing numbers as NaN or <NA>, `before_deadline` a nullable
    boolean. Indexing and iteration give `Result`s, for scripts and small tables; the
    writers of large outputs read the columns.

    A table joined from others keeps them (`parts`, in order) until its `frame` is asked
    for: the writers read the parts one after another, and a commune-level table (three
    million results, 400 MB) is not copied into one frame to be written."""

    __slots__ = ("_frame", "_parts")

    def __init__(
        self, frame: pd.DataFrame | None = None, *, parts: Sequence[pd.DataFrame] = ()
    ) -> None:
        self._frame = frame
        self._parts = (frame,) if frame is not None else tuple(parts)

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = (
                concat_frames(self._parts)
                if self._parts
                else result_frame({n: [] for n in RESULT_COLUMNS})
            )
            self._parts = (self._frame,)
        return self._frame

    @property
    def parts(self) -> tuple[pd.DataFrame, ...]:
        """The table's frames, one after the other (the whole `frame` once it is made)."""
        return self._parts

    @classmethod
    def of(cls, results: Iterable[Result]) -> ResultTable:
        """The table of results given one by one."""
        if isinstance(results, ResultTable):
            return results
        rows = list(results)
        columns: dict[str, list[Any]] = {name: [] for name in RESULT_COLUMNS}
        for r in rows:
            for name in RESULT_COLUMNS:
                if name == "target_op":
                    columns[name].append(None if r.target is None else r.target.op)
                elif name == "target_value":
                    columns[name].append(None if r.target is None else r.target.value)
                elif name == "target_level":
                    columns[name].append(None if r.target is None else r.target.level)
                else:
                    columns[name].append(getattr(r, name))
        return cls(result_frame(columns))

    @classmethod
    def concat(cls, tables: Sequence[ResultTable]) -> ResultTable:
        frames = [frame for t in tables for frame in t.parts if len(frame)]
        if not frames:
            return tables[0] if tables else cls(result_frame({n: [] for n in RESULT_COLUMNS}))
        if len(frames) == 1:
            return cls(frames[0].reset_index(drop=True))
        return cls(parts=frames)

    def where(self, mask: npt.NDArray[np.bool_]) -> ResultTable:
        return ResultTable(self.frame[mask].reset_index(drop=True))

    def any_unmet(self) -> bool:
        """Whether a plan's target is not met, no data or undetermined (SPEC §4.2); values
        without a target are not verdicts."""
        judged = self.frame["plan"].notna().to_numpy(dtype=bool)
        met = self.frame["status"].eq("met").to_numpy(dtype=bool)
        return bool((judged & ~met).any())

    def __len__(self) -> int:
        return sum(len(frame) for frame in self._parts)

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Result]: ...
    def __getitem__(self, index: int | slice) -> Result | Sequence[Result]:
        if isinstance(index, slice):
            return list(ResultTable(self.frame.iloc[index]))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(iter(ResultTable(self.frame.iloc[[index]])))

    def __iter__(self) -> Iterator[Result]:
        # Rows are built a block at a time: a commune-level table holds millions.
        block = 50_000
        for frame in self._parts:
            for start in range(0, len(frame), block):
                yield from _rows(frame.iloc[start : start + block])


def _rows(frame: pd.DataFrame) -> Iterator[Result]:
    values = {name: python_values(frame[name]) for name in RESULT_COLUMNS}
    targets: dict[tuple[Any, Any, Any], Target | None] = {}
    target_columns = zip(
        values.pop("target_op"),
        values.pop("target_value"),
        values.pop("target_level"),
        strict=True,
    )
    target_of = []
    for key in target_columns:
        if key not in targets:
            op, value, level = key
            targets[key] = None if op is None else Target(op=op, value=value, level=level)
        target_of.append(targets[key])
    values["target"] = target_of
    # Positional, in the dataclass's field order: a keyword call per row is slower.
    for row in zip(*(values[name] for name in _RESULT_FIELDS), strict=True):
        yield Result(*row)


_RESULT_FIELDS = tuple(Result.__dataclass_fields__)


def result_frame(columns: dict[str, Any]) -> pd.DataFrame:
    """Columns (sequences of Python values or arrays) → the result table's frame."""
    out: dict[str, Any] = {}
    for name in RESULT_COLUMNS:
        values = columns[name]
        if name in TEXT_COLUMNS:
            out[name] = values if isinstance(values, pd.Categorical) else categories(values)
        elif name in FLOAT_COLUMNS:
            out[name] = values if isinstance(values, np.ndarray) else optional_floats(values)
        elif name in OPTIONAL_INT_COLUMNS:
            is_array = isinstance(values, pd.api.extensions.ExtensionArray)
            out[name] = values if is_array else optional_ints(values)
        elif name == "before_deadline":
            is_array = isinstance(values, pd.api.extensions.ExtensionArray)
            out[name] = values if is_array else pd.array(list(values), dtype="boolean")
        else:
            out[name] = np.asarray(values, dtype=np.int64)
    return pd.DataFrame(out, copy=False)

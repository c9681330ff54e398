"""The outcome of a run, as renderers and exporters receive it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ycs.check.validation import InputInfo
from ycs.errors import Finding
from ycs.indicators.compliance import Level, Result, ResultTable
from ycs.indicators.definitions import Definitions
from ycs.place.coverage import Coverage

__all__ = ["InputInfo", "Report", "Result", "ResultTable"]


@dataclass(slots=True)
class Report:
    """Everything `ycs check` (results) or `ycs validate` (results None) produced.

    `results` is a `ResultTable` (columns; iterating it gives `Result`s); a list of
    `Result`s given here is turned into one."""

    inputs: list[InputInfo]
    findings: list[Finding]
    results: ResultTable | None = None
    definitions: Definitions | None = None
    level: Level = "province"
    plans: list[str] = field(default_factory=list)
    # Plans named with --plan: the indicators without a target are then not shown as a table.
    plans_chosen: bool = False
    # Expected and reported communes per district/province and period (SPEC §7.3).
    coverage: list[Coverage] = field(default_factory=list)
    # Plans named with --plan whose territory holds no input row (SPEC §7.4).
    plans_without_rows: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        results: Iterable[Result] | None = self.results
        if results is not None and not isinstance(results, ResultTable):
            self.results = ResultTable.of(results)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

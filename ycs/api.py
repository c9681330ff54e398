"""Library entry points: the whole pipeline, read → validate → evaluate → compare, in one call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ycs.check.periods import canonical_period
from ycs.check.validation import Dataset, validate
from ycs.errors import Finding, YcsError
from ycs.indicators.columns import python_values
from ycs.indicators.compliance import Level, ResultTable, compare, with_absent_units
from ycs.indicators.definitions import Plan, Territory, load_definitions
from ycs.indicators.evaluation import ValueTable, evaluate
from ycs.indicators.plan_territory import (
    Placement,
    inside,
    named_for_territory,
    plan_coverage,
    regroup,
    roll_up,
    territory_name,
)
from ycs.place import registry
from ycs.place.coverage import CoverageTables, measure
from ycs.place.subperiods import combine_frames
from ycs.place.territory import UnitsOption, place_in_territory
from ycs.read.readers import read_inputs
from ycs.read.sources import loading_early
from ycs.report import Report

if TYPE_CHECKING:
    from ycs.quality import QualityReview


def normalise_period_option(period: str | None) -> str | None:
    """The canonical form of a --period value; YcsError when it is not a period."""
    if period is None:
        return None
    canonical = canonical_period(period)
    if canonical is None:
        raise YcsError("bad_period_option", value=period)
    return canonical


def place_in_time(dataset: Dataset, period: str | None) -> Dataset:
    """The validated rows with their months; with `period`, combined into it per unit."""
    frames, findings = combine_frames(dataset.frames, dataset.columns, period)
    if findings:
        findings = sorted([*dataset.findings, *findings], key=Finding.sort_key)
    else:
        findings = dataset.findings
    return Dataset(frames=frames, findings=findings, inputs=dataset.inputs, columns=dataset.columns)


def validate_files(
    paths: Sequence[str | Path],
    *,
    period: str | None = None,
    units: UnitsOption = "auto",
    on_file: Callable[[Path], None] | None = None,
) -> Report:
    """Read and validate: the findings of every file, no results."""
    canonical = normalise_period_option(period)
    dataset = _placed_rows(paths, canonical, units, on_file)
    coverage, missing = measure(dataset)
    return Report(
        inputs=dataset.inputs,
        findings=sorted([*dataset.findings, *missing], key=Finding.sort_key),
        coverage=coverage.items(),
    )


def check_files(
    paths: Sequence[str | Path],
    *,
    period: str | None = None,
    level: Level = "province",
    plans: Sequence[str] | None = None,
    indicators_path: Path | None = None,
    units: UnitsOption = "auto",
    on_file: Callable[[Path], None] | None = None,
) -> Report:
    """Read, validate, evaluate and compare with the plans' targets, each plan on the rows
    inside its territory (SPEC §7.4)."""
    # The indicators file is checked before any data is read (SPEC §4).
    definitions = load_definitions(indicators_path)
    if units == "current" and level == "district":
        # The current set has no districts (SPEC §7.5).
        raise YcsError("level_district_current")
    # A plan of tasks only (no numeric target) has no compliance table.
    candidates = [plan for plan in definitions.plans_for(plans) if plan.targets]
    canonical = normalise_period_option(period)
    dataset = _placed_rows(paths, canonical, units, on_file, level=level)
    # Every indicator, targeted or not: the others are reported without a verdict.
    coverage, missing = measure(dataset)
    values = with_absent_units(
        evaluate(definitions, dataset, level=level, coverage=coverage.of), definitions, coverage.of
    )
    tables: list[ResultTable] = []
    findings: list[Finding] = []
    shown: list[str] = []
    empty: list[str] = []
    outside: list[str] = []
    placements: dict[object, tuple[Placement, CoverageTables, list[Finding]]] = {}
    territorial: dict[tuple[object, Level], ValueTable] = {}
    # Values judged by a plan: rows of `values` (national plans), and the (indicator, level,
    # unit, period) of territorial plans' results, which come from their own evaluation.
    judged = np.zeros(len(values), dtype=bool)
    judged_keys: set[tuple[str, str, str, str]] = set()
    for plan in candidates:
        key = plan.territory
        if key not in placements:
            placements[key] = _placed(dataset, coverage, plan, candidates)
            findings += placements[key][2]
        placement, plan_covered, _ = placements[key]
        if placement.rows == 0 and isinstance(plan.territory, Territory):
            (empty if plans else outside).append(plan.id)
            if plans:
                shown.append(plan.id)
            continue
        shown.append(plan.id)
        if isinstance(plan.territory, Territory):
            at = plan_level(level, plan)
            if (key, at) not in territorial:
                # Once per territory and level, for every plan that shares them.
                wanted = {i for p in candidates if p.territory == key for i in p.targets}
                territorial[key, at] = named_for_territory(
                    with_absent_units(
                        evaluate(
                            definitions,
                            placement.dataset,
                            level=at,
                            indicators=wanted,
                            coverage=plan_covered.of,
                        ),
                        definitions,
                        plan_covered.of,
                    ),
                    plan.territory,
                )
            of_plan = _of_plan(territorial[key, at], plan)
            table = compare(of_plan, definitions, [plan.id], unjudged=False)
            judged_keys |= _keys(table)
        else:
            # The whole input: its values are the run's own, evaluated once.
            judged |= _judged_by(values, plan)
            table = compare(_of_plan(values, plan), definitions, [plan.id], unjudged=False)
        tables.append(table)
    if judged_keys:
        judged |= _with_keys(values, judged_keys)
    others = compare(values, definitions, judge=False, among=~judged)
    if outside:
        findings.append(Finding("plans_out_of_territory", params={"plans": ", ".join(outside)}))
    findings += [_without_rows(definitions.plans[plan_id]) for plan_id in empty]
    return Report(
        inputs=dataset.inputs,
        findings=sorted(
            [*dataset.findings, *missing, *findings, *_overflows(values)], key=Finding.sort_key
        ),
        results=ResultTable.concat([*tables, others]),
        definitions=definitions,
        level=level,
        plans=shown,
        plans_chosen=bool(plans),
        coverage=coverage.items(),
        plans_without_rows=empty,
    )


def _placed_rows(
    paths: Sequence[str | Path],
    period: str | None,
    units: UnitsOption,
    on_file: Callable[[Path], None] | None,
    *,
    level: Level = "province",
) -> Dataset:
    """The files read, validated and placed in territory and time, as `check` and
    `validate` read them (their findings are the same)."""
    placed = _read_rows(paths, period, units, on_file)
    if units == "current":
        placed = roll_up(placed, level=level)
    return place_in_time(placed, period)


def _read_rows(
    paths: Sequence[str | Path],
    period: str | None,
    units: UnitsOption,
    on_file: Callable[[Path], None] | None,
) -> Dataset:
    """The files read, validated and placed in territory. `--units current` reads each
    period in its own set (a 2024 code is a legacy code, whatever the option says); the
    caller then moves legacy rows to the current units (SPEC §7.5)."""
    if loading_early():
        # A workbook is loading in another thread: the registry is read meanwhile instead
        # of after it.
        registry.warm()
    rows = validate(read_inputs(paths, on_file=on_file), period=period)
    return place_in_territory(rows, "auto" if units == "current" else units)


def _overflows(values: ValueTable) -> list[Finding]:
    """A finding for each value that the formula could not hold (infinity or NaN)."""
    return [
        Finding(
            "value_not_finite",
            params={"indicator": v.indicator, "unit": v.unit_code, "period": v.period},
        )
        for v in values.where(values.frame["not_finite"].to_numpy(dtype=bool))
    ]


def _of_plan(values: ValueTable, plan: Plan) -> ValueTable:
    """The values of the indicators the plan targets."""
    return values.where(values.frame["indicator"].isin(list(plan.targets)).to_numpy(dtype=bool))


def _judged_by(values: ValueTable, plan: Plan) -> npt.NDArray[np.bool_]:
    """The rows of `values` that the plan's targets judge."""
    frame = values.frame
    indicators = frame["indicator"].cat
    levels = frame["level"].cat
    indicator_codes = indicators.codes.to_numpy()
    level_codes = levels.codes.to_numpy()
    names = list(indicators.categories)
    judged = np.zeros(len(frame), dtype=bool)
    for indicator_id, target in plan.targets.items():
        if indicator_id not in names:
            continue
        rows = indicator_codes == names.index(indicator_id)
        if target.level is not None:
            level_names = list(levels.categories)
            code = level_names.index(target.level) if target.level in level_names else -2
            rows &= level_codes == code
        judged |= rows
    return judged


def _keys(results: ResultTable) -> set[tuple[str, str, str, str]]:
    frame = results.frame
    columns = [python_values(frame[c]) for c in ("indicator", "level", "unit_code", "period")]
    return set(zip(*columns, strict=True))


def _with_keys(values: ValueTable, keys: set[tuple[str, str, str, str]]) -> npt.NDArray[np.bool_]:
    """The rows of `values` whose (indicator, level, unit, period) is among `keys`: only the
    rows of the units named are looked at one by one."""
    frame = values.frame
    units = {unit for _, _, unit, _ in keys}
    rows = np.flatnonzero(frame["unit_code"].isin(list(units)).to_numpy(dtype=bool))
    found = np.zeros(len(frame), dtype=bool)
    candidates = frame.iloc[rows]
    columns = [python_values(candidates[c]) for c in ("indicator", "level", "unit_code", "period")]
    for row, key in zip(rows, zip(*columns, strict=True), strict=True):
        found[row] = key in keys
    return found


def _placed(
    dataset: Dataset, coverage: CoverageTables, plan: Plan, candidates: Sequence[Plan]
) -> tuple[Placement, CoverageTables, list[Finding]]:
    """The rows inside a plan's territory, their coverage, and the findings about them,
    said once per territory, naming every plan that shares it."""
    placement = inside(dataset, plan)
    territory = plan.territory
    covered = (
        plan_coverage(coverage, placement.dataset, territory)
        if isinstance(territory, Territory)
        else coverage
    )
    sharing = ", ".join(p.id for p in candidates if p.territory == territory)
    findings = [
        Finding(f.code, value=f.value, params={**f.params, "plan": sharing})
        for f in placement.findings
    ]
    return placement, covered, findings


def _without_rows(plan: Plan) -> Finding:
    """The one line of a plan named with --plan whose territory holds no input row (SPEC
    §7.4), as data for every output."""
    territory = plan.territory
    assert isinstance(territory, Territory)
    return Finding(
        "plan_without_rows",
        value=plan.id,
        params={
            "plan": plan.id,
            "territory": territory_name(territory),
            "code": territory.code,
            "units": territory.units,
        },
    )


_LEVEL_RANK: dict[Level, int] = {"commune": 0, "district": 1, "province": 2}


def plan_level(level: Level, plan: Plan) -> Level:
    """The level a plan is evaluated at: the one asked for, but never above the plan's
    territory (a district plan has no province result)."""
    territory = plan.territory
    if isinstance(territory, Territory) and _LEVEL_RANK[territory.level] < _LEVEL_RANK[level]:
        return territory.level
    return level


def review_files(
    paths: Sequence[str | Path],
    *,
    period: str | None = None,
    level: Level = "district",
    units: UnitsOption = "auto",
    indicators_path: Path | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> QualityReview:
    """Read, validate and review the data's quality (SPEC §9)."""
    # The thresholds come from the indicators file, checked before any data is read.
    from ycs.quality import review  # only this command reviews quality

    thresholds = load_definitions(indicators_path).quality
    canonical = normalise_period_option(period)
    # Every period is read, not only those inside --period: a value is judged against the
    # unit's history (the WHO DQR's annual review of a year looks at the years before it).
    # (Rows without a period take --period, as for the other commands.)
    dataset = _read_rows(paths, canonical, units, on_file)
    if units == "current":
        dataset = regroup(dataset)
    held = dataset.periods()
    if not held:
        raise YcsError("nothing_to_review")
    result = review(dataset, thresholds, level=level, period=canonical)
    if canonical is not None and not result.periods:
        raise YcsError("period_not_in_input", period=canonical, periods=", ".join(held))
    return result

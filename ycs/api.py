"""Library entry points: the whole pipeline, read → validate → evaluate → compare, in one call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ycs.check.periods import canonical_period
from ycs.check.validation import Dataset, validate
from ycs.errors import Finding, YcsError
from ycs.indicators.compliance import Level, Result, compare
from ycs.indicators.definitions import Plan, Territory, load_definitions
from ycs.indicators.evaluation import evaluate
from ycs.indicators.plan_territory import (
    Placement,
    inside,
    named_for_territory,
    plan_coverage,
    roll_up,
)
from ycs.place.coverage import CoverageTables, measure
from ycs.place.subperiods import combine_frames
from ycs.place.territory import UnitsOption, place_in_territory
from ycs.quality import QualityReview, review
from ycs.read.readers import read_inputs
from ycs.report import Report


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
    dataset = place_in_time(
        place_in_territory(validate(read_inputs(paths, on_file=on_file), period=canonical), units),
        canonical,
    )
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
    # `--units current` reads each period in its own set, then rolls legacy rows up (§7.5).
    read_in: UnitsOption = "auto" if units == "current" else units
    dataset = place_in_time(
        place_in_territory(
            validate(read_inputs(paths, on_file=on_file), period=canonical), read_in
        ),
        canonical,
    )
    if units == "current":
        dataset = roll_up(dataset, level=level)
    # Every indicator, targeted or not: the others are reported without a verdict.
    coverage, missing = measure(dataset)
    values = evaluate(definitions, dataset, level=level, coverage=coverage.of)
    results: list[Result] = []
    findings: list[Finding] = []
    shown: list[str] = []
    empty: list[str] = []
    outside: list[str] = []
    placements: dict[object, tuple[Placement, CoverageTables]] = {}
    judged: set[tuple[str, str, str, str]] = set()
    for plan in candidates:
        key = plan.territory
        if key not in placements:
            placement = inside(dataset, plan)
            placements[key] = (
                placement,
                plan_coverage(coverage, placement.dataset, key)
                if isinstance(key, Territory)
                else coverage,
            )
            # Said once per territory, naming every plan that shares it.
            sharing = ", ".join(p.id for p in candidates if p.territory == key)
            findings += [
                Finding(f.code, value=f.value, params={**f.params, "plan": sharing})
                for f in placement.findings
            ]
        placement, plan_covered = placements[key]
        if placement.rows == 0 and isinstance(plan.territory, Territory):
            (empty if plans else outside).append(plan.id)
            if plans:
                shown.append(plan.id)
            continue
        shown.append(plan.id)
        plan_values = evaluate(
            definitions,
            placement.dataset,
            level=plan_level(level, plan),
            indicators=set(plan.targets),
            coverage=plan_covered.of,
        )
        if isinstance(plan.territory, Territory):
            plan_values = named_for_territory(plan_values, plan.territory)
        for result in compare(plan_values, definitions, [plan.id]):
            if result.plan is not None:
                results.append(result)
                judged.add((result.indicator, result.level, result.unit_code, result.period))
    others = [
        r
        for r in compare(values, definitions, judge=False)
        if (r.indicator, r.level, r.unit_code, r.period) not in judged
    ]
    if outside:
        findings.append(Finding("plans_out_of_territory", params={"plans": ", ".join(outside)}))
    overflows = [
        Finding(
            "value_not_finite",
            params={"indicator": v.indicator, "unit": v.unit_code, "period": v.period},
        )
        for v in values
        if v.not_finite
    ]
    return Report(
        inputs=dataset.inputs,
        findings=sorted([*dataset.findings, *missing, *findings, *overflows], key=Finding.sort_key),
        results=[*results, *others],
        definitions=definitions,
        level=level,
        plans=shown,
        plans_chosen=bool(plans),
        coverage=coverage.items(),
        plans_without_rows=empty,
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
    thresholds = load_definitions(indicators_path).quality
    canonical = normalise_period_option(period)
    # Every period is read, not only those inside --period: a value is judged against the
    # unit's history (the WHO DQR's annual review of a year looks at the years before it).
    # (Rows without a period take --period, as for the other commands.)
    dataset = place_in_territory(
        validate(read_inputs(paths, on_file=on_file), period=canonical), units
    )
    held = dataset.periods()
    if not held:
        raise YcsError("nothing_to_review")
    result = review(dataset, thresholds, level=level, period=canonical)
    if canonical is not None and not result.periods:
        raise YcsError("period_not_in_input", period=canonical, periods=", ".join(held))
    return result

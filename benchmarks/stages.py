"""Times each stage of the ycs pipeline in one process; prints the seconds of every run as JSON.

Usage: `.venv/bin/python benchmarks/stages.py PATH [--runs N]` (run.py calls it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ycs.api import place_in_time
from ycs.check.validation import validate
from ycs.indicators.compliance import compare
from ycs.indicators.definitions import load_definitions
from ycs.indicators.evaluation import evaluate
from ycs.present.export import write_report
from ycs.read.readers import read_inputs
from ycs.report import Report

STAGES = ("read", "validate", "place", "definitions", "evaluate", "compare", "export")


def timed[T](timings: dict[str, float], stage: str, step: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = step()
    timings[stage] = time.perf_counter() - start
    return result


def run_once(path: Path, out: Path, period: str | None) -> dict[str, float]:
    """The pipeline of `ycs check PATH [--period P] -o r.xlsx`, stage by stage, at province
    level; `place` combines the sub-periods inside P."""
    timings: dict[str, float] = {}
    outcome = timed(timings, "read", lambda: read_inputs([path]))
    valid = timed(timings, "validate", lambda: validate(outcome, period=period))
    dataset = timed(timings, "place", lambda: place_in_time(valid, period))
    definitions = timed(timings, "definitions", load_definitions)
    values = timed(timings, "evaluate", lambda: evaluate(definitions, dataset, level="province"))
    results = timed(timings, "compare", lambda: compare(values, definitions))
    report = Report(
        inputs=dataset.inputs,
        findings=dataset.findings,
        results=results,
        definitions=definitions,
        plans=list(definitions.plans),
    )
    timed(timings, "export", lambda: write_report(report, out / "r.xlsx", "vi"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", default=None)
    args = parser.parse_args()
    runs: dict[str, list[float]] = {stage: [] for stage in STAGES}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for stage, seconds in run_once(args.path, Path(tmp), args.period).items():
                runs[stage].append(seconds)
    print(json.dumps(runs))


if __name__ == "__main__":
    main()

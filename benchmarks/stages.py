"""Times each stage of `ycs check PATH --format json` in one process; prints the seconds of
every run as JSON.

Usage: `.venv/bin/python benchmarks/stages.py PATH [--runs N] [--period P]` (run.py calls it).
The stages are the steps `ycs.api.check_files` takes, timed where it calls them, so the
table follows the pipeline as it is: reading, validation, the unit checks (`territory`), the
months combined into --period (`time`), coverage, the plans' territories, evaluation,
comparison with targets, and writing the JSON. `imports` is the first run's import of the
pipeline; the first run is otherwise timed like the others.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The functions check_files calls, by the name it knows them under, and the stage of each.
STAGES = {
    "read_inputs": "read",
    "validate": "validate",
    "place_in_territory": "territory",
    "combine_frames": "time",
    "measure": "coverage",
    "inside": "plan territories",
    "evaluate": "evaluate",
    "compare": "compare",
}


def timed(function: Callable[..., Any], stage: str, seconds: dict[str, float]) -> Any:
    """`function`, adding the time of each call to `seconds[stage]`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - start

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", default=None)
    args = parser.parse_args()
    # As the console script does: the cyclic collector finds nothing to free here.
    gc.disable()
    start = time.perf_counter()
    from ycs import api
    from ycs.present.text import json_text

    imports = time.perf_counter() - start
    runs: dict[str, list[float]] = {"imports": [imports]}
    originals = {name: getattr(api, name) for name in STAGES}
    for _ in range(args.runs):
        seconds: dict[str, float] = {}
        for name, stage in STAGES.items():
            setattr(api, name, timed(originals[name], stage, seconds))
        start = time.perf_counter()
        report = api.check_files([args.path], period=args.period)
        middle = time.perf_counter()
        json_text(report, "vi")
        seconds["json"] = time.perf_counter() - middle
        seconds["other"] = middle - start - sum(v for k, v in seconds.items() if k != "json")
        for stage, value in seconds.items():
            runs.setdefault(stage, []).append(value)
    print(json.dumps(runs))


if __name__ == "__main__":
    main()

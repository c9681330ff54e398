"""Times ycs against bare reads of the same data, as whole processes and stage by stage.

Run `benchmarks/generate.py` first, then from the repository root:
`.venv/bin/python benchmarks/run.py [--runs N] [--json results.json] [--baselines-only]`.
Every number is the median of N runs, made in N rounds of every command; a ratio is the
median of the ratios within each round. Each run is a fresh process whose peak resident
memory is read with getrusage(RUSAGE_CHILDREN) by a small runner process of its own.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
YCS = Path(sys.executable).parent / "ycs"

# Runs one command as its child and reports its wall time and peak memory. A new runner per
# run, because RUSAGE_CHILDREN keeps the largest peak of every child a process ever waited for.
RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_kib": kib, "returncode": code}))
"""

PANDAS = "import sys, pandas; pandas.read_csv(sys.argv[1], dtype=str)"
# The same checks and indicators hand-written in polars (the `bench` extra), when installed.
POLARS = HERE / "polars_reference.py" if find_spec("polars") is not None else None
CALAMINE = (
    "import sys; from python_calamine import CalamineWorkbook; "
    "CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"
)
# The inputs whose pipeline stages are timed in process, and the --period they are read with.
STAGE_INPUTS: tuple[tuple[str, str, str | None], ...] = (
    ("CSV 127k", "national_127k.csv", None),
    ("CSV 127k --period 2024", "national_127k.csv", "2024"),
    ("XLSX 127k", "national_127k.xlsx", None),
)
# The twelve months of the 127k file combined into their year, per commune (SPEC §8.2).
PERIOD = "2024"


@dataclass(slots=True)
class Measurement:
    """Several runs of one command on one file."""

    name: str
    path: str
    rows: int
    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_mib)


@dataclass(frozen=True, slots=True)
class Target:
    """One requirement of SPEC §6 (or, not `required`, an aim of a later issue), checked on
    the medians."""

    name: str
    value: float | None
    limit: float
    unit: str
    required: bool = True

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value <= self.limit


@dataclass(frozen=True, slots=True)
class Command:
    """A whole process to time: `argv` reads `path`, which holds `rows` data rows."""

    name: str
    argv: tuple[str, ...]
    path: Path
    rows: int
    # Exit codes of a successful run.
    ok: frozenset[int] = frozenset({0})


def run_once(command: Command, result: Measurement) -> None:
    """One run of the command in a fresh runner, added to `result` (or its failure set)."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *command.argv],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    if report["returncode"] not in command.ok:
        result.failure = f"exit {report['returncode']}: {done.stderr.strip()[-300:]}"
        return
    result.seconds.append(report["seconds"])
    result.rss_mib.append(report["rss_kib"] / 1024)
    print(f"  {command.name}: {report['seconds']:.2f} s", file=sys.stderr)


def csv_rows(path: Path) -> int:
    """Data rows of a CSV with one header row and no line breaks inside values."""
    with path.open("rb") as data:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 24), b"")) - 1


def stage_timings(path: Path, runs: int, period: str | None = None) -> dict[str, float]:
    """Median seconds of each pipeline stage, measured inside one process by stages.py."""
    options = ("--period", period) if period else ()
    done = subprocess.run(
        [sys.executable, str(HERE / "stages.py"), str(path), "--runs", str(runs), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    runs_by_stage: dict[str, list[float]] = json.loads(done.stdout)
    return {stage: statistics.median(seconds) for stage, seconds in runs_by_stage.items()}


def commands(data: Path, *, with_ycs: bool) -> list[Command]:
    """The bare reads and, with ycs, each ycs run right after the bare read it is compared to."""
    small, large = data / "national_127k.csv", data / "national_1272k.csv"
    workbook = data / "national_127k.xlsx"
    small_rows, large_rows = csv_rows(small), csv_rows(large)
    python = sys.executable
    # Validation errors are planted in the data, so `ycs check` exits 1 by design.
    ran = frozenset({0, 1})
    listed: list[Command] = []
    for label, bare, argv, path, rows in (
        ("CSV 127k", "bare pandas CSV 127k", (python, "-c", PANDAS), small, small_rows),
        ("XLSX 127k", "bare calamine XLSX 127k", (python, "-c", CALAMINE), workbook, small_rows),
        ("CSV 1.27M", "bare pandas CSV 1.27M", (python, "-c", PANDAS), large, large_rows),
    ):
        listed.append(Command(bare, (*argv, str(path)), path, rows))
        if path == small and POLARS is not None:
            reference = (python, str(POLARS), str(path))
            listed.append(Command("polars reference CSV 127k", reference, path, rows, ran))
        if with_ycs:
            check = (str(YCS), "check", str(path), "--format", "json")
            listed.append(Command(f"ycs check {label}", check, path, rows, ran))
            if path == small:
                # The twelve months combined into their year: one result per unit, not twelve.
                yearly = (*check, "--period", PERIOD)
                name = f"ycs check {label} --period {PERIOD}"
                listed.append(Command(name, yearly, path, rows, ran))
    return listed


def run_all(data: Path, runs: int, *, with_ycs: bool) -> list[Measurement]:
    """Every command once per round, `runs` rounds. A load that drifts over the minutes a
    benchmark takes then weighs on both sides of each ratio alike."""
    listed = commands(data, with_ycs=with_ycs)
    results = {c.name: Measurement(name=c.name, path=str(c.path), rows=c.rows) for c in listed}
    for round_number in range(1, runs + 1):
        print(f"round {round_number} of {runs}", file=sys.stderr)
        for command in listed:
            if results[command.name].failure is None:
                run_once(command, results[command.name])
    return list(results.values())


def targets(by_name: dict[str, Measurement]) -> list[Target]:
    def median(name: str) -> float | None:
        m = by_name.get(name)
        return m.median if m is not None and m.failure is None else None

    def ratio(top: str, bottom: str) -> float | None:
        """The median of the ratios of runs made in the same round."""
        a, b = by_name.get(top), by_name.get(bottom)
        if a is None or b is None or a.failure is not None or b.failure is not None:
            return None
        return statistics.median(x / y for x, y in zip(a.seconds, b.seconds, strict=True))

    large = by_name.get("ycs check CSV 1.27M")
    large_peak = large.peak_mib if large is not None and large.failure is None else None
    return [
        Target(
            "ycs CSV / bare pandas CSV",
            ratio("ycs check CSV 127k", "bare pandas CSV 127k"),
            2.0,
            "×",
        ),
        Target(
            "ycs CSV / bare pandas CSV (aim)",
            ratio("ycs check CSV 127k", "bare pandas CSV 127k"),
            1.5,
            "×",
            required=False,
        ),
        Target(
            "ycs CSV / polars reference (aim)",
            ratio("ycs check CSV 127k", "polars reference CSV 127k"),
            1.5,
            "×",
            required=False,
        ),
        Target("ycs CSV 127k, seconds", median("ycs check CSV 127k"), 5.0, "s"),
        Target(
            f"ycs CSV --period {PERIOD} / bare pandas CSV",
            ratio(f"ycs check CSV 127k --period {PERIOD}", "bare pandas CSV 127k"),
            2.0,
            "×",
        ),
        Target(
            "ycs XLSX / bare calamine XLSX",
            ratio("ycs check XLSX 127k", "bare calamine XLSX 127k"),
            1.5,
            "×",
        ),
        Target(
            "ycs XLSX / bare calamine XLSX (aim)",
            ratio("ycs check XLSX 127k", "bare calamine XLSX 127k"),
            1.3,
            "×",
            required=False,
        ),
        Target("ycs CSV 1.27M, seconds", median("ycs check CSV 1.27M"), 30.0, "s"),
        Target("ycs CSV 1.27M, peak memory", large_peak, 2048.0, "MiB"),
        Target(
            "ycs time 1.27M / 127k (10× rows)",
            ratio("ycs check CSV 1.27M", "ycs check CSV 127k"),
            11.0,
            "×",
        ),
    ]


def markdown(
    measurements: list[Measurement],
    goals: list[Target],
    stages: dict[str, dict[str, float]],
    runs: int,
) -> str:
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; medians of {runs} runs."
    )
    tables = [_measurement_table(measurements), _target_table(goals), _stage_table(stages)]
    return "\n\n".join([header, *(table for table in tables if table)])


def _measurement_table(measurements: list[Measurement]) -> str:
    lines = [
        "| measurement | rows | median s | min–max s | rows/s | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        if m.failure is not None:
            lines.append(f"| {m.name} | {m.rows:,} | failed: {m.failure} | | | |")
            continue
        lines.append(
            f"| {m.name} | {m.rows:,} | {m.median:.2f} | {min(m.seconds):.2f}–"
            f"{max(m.seconds):.2f} | {m.rows / m.median:,.0f} | {m.peak_mib:,.0f} |"
        )
    return "\n".join(lines)


def _target_table(goals: list[Target]) -> str:
    if not goals:
        return ""
    lines = ["| target | measured | limit | result |", "|---|---:|---:|---|"]
    for t in goals:
        value = "n/a" if t.value is None else f"{t.value:.2f} {t.unit}"
        verdict = (
            ("PASS" if t.passed else "FAIL") if t.required else ("met" if t.passed else "missed")
        )
        lines.append(f"| {t.name} | {value} | ≤ {t.limit:g} {t.unit} | {verdict} |")
    return "\n".join(lines)


def _stage_table(stages: dict[str, dict[str, float]]) -> str:
    if not stages:
        return ""
    inputs = list(stages)
    lines = [
        "| stage (in process) | " + " | ".join(f"{i} s" for i in inputs) + " |",
        "|---|" + "---:|" * len(inputs),
    ]
    for stage in stages[inputs[0]]:
        cells = " | ".join(f"{stages[i][stage]:.3f}" for i in inputs)
        lines.append(f"| {stage} | {cells} |")
    totals = " | ".join(f"{sum(stages[i].values()):.3f}" for i in inputs)
    lines.append(f"| total | {totals} |")
    return "\n".join(lines)


def results_json(
    measurements: list[Measurement],
    goals: list[Target],
    stages: dict[str, dict[str, float]],
    runs: int,
) -> str:
    machine = {
        "arch": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    return json.dumps(
        {
            "machine": machine,
            "runs": runs,
            "measurements": [
                asdict(m) | {"median": m.median if m.seconds else None} for m in measurements
            ],
            "targets": [asdict(t) | {"passed": t.passed} for t in goals],
            "stages": stages,
        },
        indent=2,
        ensure_ascii=False,
    )


def compile_package() -> None:
    """Byte-compile the installed ycs, as `pip install .` does. An editable install leaves
    that to the first run, and under PYTHONDONTWRITEBYTECODE (set on some machines and in
    many containers) no run ever does: every timed run would compile ycs's fifty modules
    from source first, 0.15–0.2 s that no installed copy pays."""
    spec = find_spec("ycs")
    if spec is None or spec.origin is None:
        sys.exit("ycs is not installed in this environment: pip install -e . first")
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of generate.py output")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--baselines-only", action="store_true", help="time the bare reads only, not ycs"
    )
    args = parser.parse_args()

    with_ycs = not args.baselines_only
    if with_ycs:
        compile_package()
    measurements = run_all(args.data, args.runs, with_ycs=with_ycs)
    goals = targets({m.name: m for m in measurements}) if with_ycs else []
    stages = (
        {
            label: stage_timings(args.data / name, args.runs, period)
            for label, name, period in STAGE_INPUTS
        }
        if with_ycs
        else {}
    )
    print(markdown(measurements, goals, stages, args.runs))
    if args.json is not None:
        args.json.write_text(results_json(measurements, goals, stages, args.runs))
    if any(m.failure for m in measurements) or not all(t.passed for t in goals if t.required):
        sys.exit(1)


if __name__ == "__main__":
    main()

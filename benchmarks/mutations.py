"""Thousands of mutated files of every format through `ycs validate` (not run in CI).

    .venv/bin/python benchmarks/mutations.py --per-format 1000

Each format's files go through the command line in one worker process (the CLI invoked
in-process, file after file, so a run takes minutes rather than hours); the worker's peak
resident memory bounds every file's, and each file gets a 30 s alarm. A worker that dies
(an abort) is restarted after the file that killed it, which is counted. Reported per
format: files run, exit codes, tracebacks or internal errors, aborts, slowest file and peak
memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT_SECONDS = 30
GIB = 1 << 30


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        kind = rng.random()
        if kind < 0.5:
            out[at] = rng.randrange(256)
        elif kind < 0.7:
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind < 0.85:
            del out[at : at + rng.randint(1, 64)]
        else:  # a number somewhere made huge: sizes, counts, references
            out[at:at] = str(rng.choice([16384, 1048576, 2**31, 2**32 - 1, 10**15])).encode()
    if rng.random() < 0.2:
        out = out[: rng.randrange(1, len(out))]
    return bytes(out)


def worker(files: list[str]) -> None:
    """Run `ycs validate FILE` in-process for each file; one JSON line per file."""
    import signal

    from typer.testing import CliRunner

    from ycs.cli import app

    def alarm(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    runner = CliRunner()
    for name in files:
        start = time.perf_counter()
        signal.alarm(LIMIT_SECONDS)
        try:
            done = runner.invoke(app, ["validate", "-q", "--lang", "en", name])
            code, output = done.exit_code, done.output
            crashed = done.exception is not None and not isinstance(done.exception, SystemExit)
        except TimeoutError:
            code, output, crashed = -1, "timeout", False
        signal.alarm(0)
        print(
            json.dumps(
                {
                    "file": name,
                    "code": code,
                    "seconds": round(time.perf_counter() - start, 3),
                    "traceback": crashed or "Traceback" in output,
                    "internal": "Internal ycs error" in output,
                    "timeout": output == "timeout",
                }
            ),
            flush=True,
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # .xls, .ods parsers
    peak = max(own, children) * 1024
    print(json.dumps({"peak_bytes": peak}), flush=True)


def run_format(suffix: str, count: int, directory: Path, rng: random.Random) -> dict[str, object]:
    from tests.builders import Sheet, write_ods, write_text, write_xls, write_xlsx
    from tests.test_fuzz_readers import ROWS

    seed = directory / f"seed{suffix}"
    rows = [
        *ROWS,
        *([f"{15:02d}", "132", f"{4243 + i:05d}", f"Xã {i}", "2024", i, i] for i in range(40)),
    ]
    {".xlsx": write_xlsx, ".xls": write_xls, ".ods": write_ods}.get(
        suffix, lambda p, s: write_text(p, s.rows, delimiter=",")
    )(seed, Sheet("Xã", rows))
    data = seed.read_bytes()
    files = []
    for i in range(count):
        path = directory / f"m{i:05d}{suffix}"
        path.write_bytes(mutate(data, rng))
        files.append(str(path))
    results: list[dict[str, object]] = []
    peaks: list[int] = []
    aborts: list[str] = []
    pending = files
    while pending:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", *pending],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        for line in lines:
            if "peak_bytes" in line:
                peaks.append(int(line["peak_bytes"]))
            else:
                results.append(line)
        finished = {str(r["file"]) for r in results}
        rest = [f for f in pending if f not in finished]
        if rest and done.returncode != 0:
            aborts.append(f"{rest[0]} (exit {done.returncode})")
            rest = rest[1:]
        pending = rest
    return {
        "format": suffix,
        "files": count,
        "ran": len(results),
        "exit_codes": dict(Counter(int(r["code"]) for r in results)),  # type: ignore[call-overload]
        "tracebacks": [r["file"] for r in results if r["traceback"]],
        "internal_errors": [r["file"] for r in results if r["internal"]],
        "timeouts": [r["file"] for r in results if r["timeout"]],
        "aborts": aborts,
        "slowest_seconds": max((float(r["seconds"]) for r in results), default=0.0),  # type: ignore[arg-type]
        "peak_memory_mib": round(max(peaks, default=0) / (1 << 20)),
    }


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-format", type=int, default=1000)
    parser.add_argument("--formats", default=".xlsx,.xls,.ods,.csv")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="ycs-mutations-") as directory:
        folder = Path(directory) if options.keep is None else options.keep
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in options.formats.split(","):
            print(json.dumps(run_format(suffix, options.per_format, folder, rng)), flush=True)


if __name__ == "__main__":
    main()

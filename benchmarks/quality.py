"""Times `ycs quality` on three national years of monthly data, as whole processes.

Run `benchmarks/generate.py --only national_3y.csv` first, then from the repository root:
`.venv/bin/python benchmarks/quality.py [--runs N]`. Each run is a fresh process, timed and
measured (peak resident memory) by the runner of run.py; the bare pandas read of the same CSV
runs in the same rounds, for scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATA, PANDAS, YCS, Command, Measurement, csv_rows, run_once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of generate.py output")
    arguments = parser.parse_args()
    path = arguments.data / "national_3y.csv"
    rows = csv_rows(path)
    listed = [
        Command("bare pandas CSV 3 years", (sys.executable, "-c", PANDAS, str(path)), path, rows),
        Command(
            "ycs quality CSV 3 years",
            (str(YCS), "quality", str(path), "--format", "json"),
            path,
            rows,
        ),
    ]
    results = {c.name: Measurement(name=c.name, path=str(path), rows=rows) for c in listed}
    for round_number in range(1, arguments.runs + 1):
        print(f"round {round_number} of {arguments.runs}", file=sys.stderr)
        for command in listed:
            run_once(command, results[command.name])
    print("| measurement | rows | median s | min–max s | rows/s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for result in results.values():
        if result.failure:
            print(f"| {result.name} | {rows:,} | failed: {result.failure} | | | |")
            continue
        median = statistics.median(result.seconds)
        print(
            f"| {result.name} | {rows:,} | {median:.2f} | {min(result.seconds):.2f}–"
            f"{max(result.seconds):.2f} | {rows / median:,.0f} | {result.peak_mib:,.0f} |"
        )


if __name__ == "__main__":
    main()

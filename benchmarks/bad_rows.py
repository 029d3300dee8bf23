"""The worst case of a record file: millions of rows, every one of them bad, under the size cap.

One command, from the repository root after the README's setup::

    python benchmarks/bad_rows.py                  # 2,000,000 bad rows, 3 runs
    python benchmarks/bad_rows.py --rows 200000    # quicker

It writes (once, under ``benchmarks/data/bad-rows/``) a submissions folder with one
bureau whose ``requests.csv`` has a header and ``--rows`` rows, each with a date
that is no date and a boolean that is no boolean: just under the default 64 MiB
cap at 2,000,000 rows. A 63 MB file like it once took 16 GiB and 148 s, every
cell error kept and printed. Now at most 100 errors are kept per file and the
rest of the file is counted, so ``evaluate validate`` and ``evaluate`` should
take seconds and stay under 1 GiB. Reported: wall time and peak RSS (``wait4``)
of each command, the lines printed, and the error that says how many rows were
left unchecked.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "bad-rows"
CAP = 64 * 1024 * 1024
TARGET_RSS = 1024  # MiB


def write(rows: int) -> Path:
    """The submissions folder (written once per ``rows``)."""
    folder = DATA / f"r{rows}" / "submissions"
    unit = folder / "xc-bad"
    csv_file = unit / "requests.csv"
    if csv_file.exists():
        return folder
    unit.mkdir(parents=True, exist_ok=True)
    (unit / "submission.yaml").write_text(
        "unit: {id: xc-bad, name: 坏数据局, type: bureau}\n"
        "responsiveness:\n  requests: {csv: requests.csv}\n",
        encoding="utf-8",
    )
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,received_on,extended\n")
        for n in range(rows):
            handle.write(f"R{n:07d},2016-99-99 noon,maybe\n")  # 31 bytes a row
    return folder


def run(command: list[str]) -> dict[str, float]:
    """Wall seconds, peak RSS (MiB) and the lines a command printed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    return {
        "wall": time.perf_counter() - start,
        "rss": usage.ru_maxrss / 1024,
        "lines": output.count(b"\n"),
        "status": os.waitstatus_to_exitcode(status),
        "output": output.decode("utf-8", "replace"),  # type: ignore[dict-item]
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="bad rows (default 2,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args()
    folder = write(args.rows)
    size = (folder / "xc-bad" / "requests.csv").stat().st_size
    assert size <= CAP, f"{size} bytes: over the default cap"
    python = [sys.executable, "-m", "evaluator"]
    commands = {
        "evaluate validate": [*python, "validate", str(folder), "--lang", "en"],
        "evaluate --format json": [*python, str(folder), "--format", "json", "--lang", "en"],
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            runs[name].append(run(command))
    print(
        f"## {args.rows:,} bad rows in one CSV file of {size / 2**20:.1f} MiB "
        f"(cap {CAP / 2**20:.0f} MiB), medians of {args.repeat} runs\n"
    )
    print("| command | wall s | peak RSS MiB | exit | lines printed |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, found in runs.items():
        wall = statistics.median(r["wall"] for r in found)
        rss = statistics.median(r["rss"] for r in found)
        print(f"| `{name}` | {wall:.2f} | {rss:.0f} | {found[0]['status']} | {found[0]['lines']} |")
    errors = json.loads(str(runs["evaluate --format json"][0]["output"]))["errors"]
    last = errors[-1]
    print(
        f"\n{len(errors)} errors in the results; the last: `{last['code']}` at line "
        f"{last['line']}: {last['message']}"
    )
    worst = max(r["rss"] for found in runs.values() for r in found)
    print(
        f"\nPeak RSS, worst run: {worst:.0f} MiB (target < {TARGET_RSS} MiB): "
        f"{'met' if worst < TARGET_RSS else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time reading one big record list from a workbook against the same list as CSV.

One command, from the repository root after the README's setup::

    python benchmarks/sheets.py                 # 100,000 requests, 5 runs each
    python benchmarks/sheets.py --rows 20000    # quicker

It writes (once, under ``benchmarks/data/sheets/``; reused while the arguments are
unchanged) a log of information requests as a clerk keeps it: Chinese headers,
Chinese outcome names, 是/否, real date cells (in the CSV: ``2016/3/5``), saved as
an ``.xlsx`` with shared strings as Excel saves it, and as UTF-8 CSV. Each run
reads one file in a fresh interpreter (the engine's reader for that format:
schema compiled, every cell converted and checked, the workbook's safety checks
included) and reports the reading time, records per second and the process's
peak RSS; ``--openpyxl`` adds openpyxl's read-only mode, for reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "sheets"
OUTCOMES = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
HEADER = ["申请编号", "收到日期", "答复日期", "是否延期", "处理结果"]
TARGET_RATE = 150_000  # records per second, at least
TARGET_RATIO = 5.0  # workbook time / CSV time, at most
TARGET_RSS = 300  # MiB for a 100,000-row sheet, at most


def records(rows: int, seed: int) -> list[list[Any]]:
    rng = random.Random(seed)
    out: list[list[Any]] = []
    for n in range(rows):
        received = dt.date(2016, 1, 4) + dt.timedelta(days=rng.randrange(360))
        replied = (
            received + dt.timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.97 else None
        )
        extended = "是" if rng.random() < 0.05 else "否"
        out.append([f"2016-{n + 1:06d}", received, replied, extended, rng.choice(OUTCOMES)])
    return out


def write(rows: int, seed: int) -> tuple[Path, Path]:
    """The workbook and the CSV (written once per ``rows`` and ``seed``)."""
    folder = DATA / f"r{rows}-s{seed}"
    xlsx, csv_file = folder / "依申请公开.xlsx", folder / "依申请公开.csv"
    if xlsx.exists() and csv_file.exists():
        return xlsx, csv_file
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    data = records(rows, seed)
    book = openpyxl.Workbook()  # the normal mode writes shared strings, as Excel does
    sheet = book.active
    assert sheet is not None
    sheet.title = "依申请公开"
    sheet.append(["2016年依申请公开台账"])
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(xlsx)
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(HEADER) + "\n")
        for number, received, replied, extended, outcome in data:
            day = f"{received.year}/{received.month}/{received.day}"
            answer = f"{replied.year}/{replied.month}/{replied.day}" if replied else ""
            handle.write(f"{number},{day},{answer},{extended},{outcome}\n")
    return xlsx, csv_file


def read_once(kind: str, path: str) -> dict[str, Any]:
    """Read ``path`` in this process; the seconds it took and how many records came out."""
    import openpyxl
    import python_calamine  # noqa: F401  (imported once per process in a run, not per file)
    from evaluator_areas.responsiveness.schema import SCHEMA

    from evaluator._inputs.csv_records import read_records
    from evaluator._inputs.record_rows import compile_record
    from evaluator._inputs.spreadsheets import read_sheet_records

    table = compile_record(SCHEMA["properties"]["requests"]["items"])
    folder, name = os.path.split(path)
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "xlsx":
        found = read_sheet_records(name, None, folder, table, shown_as=name)
        count, errors = len(found.records), len(found.errors)
    elif kind == "csv":
        found = read_records(name, folder, table, shown_as=name)
        count, errors = len(found.records), len(found.errors)
    else:  # openpyxl's read-only mode, rows only: a floor for what it would cost
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 2
        errors = 0
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "records": count, "errors": errors, "rss": _peak_rss()}


def _peak_rss() -> float:
    """This process's peak resident set (MiB) since it started its program.

    ``VmHWM`` rather than ``ru_maxrss`` of the child: Linux carries ``ru_maxrss``
    over from the parent at ``fork``, so a big parent would show in every child.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, path: Path) -> dict[str, Any]:
    """One read in a fresh interpreter: its timing and the process's peak RSS (MiB)."""
    command = [sys.executable, __file__, "--one", kind, str(path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="records (default 100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--openpyxl", action="store_true", help="also time openpyxl (read-only)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(read_once(*args.one)))
        return 0
    xlsx, csv_file = write(args.rows, args.seed)
    kinds = [("xlsx", xlsx), ("csv", csv_file)] + ([("openpyxl", xlsx)] if args.openpyxl else [])
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind, _ in kinds}
    for _ in range(args.repeat):  # round-robin: a busy machine slows every reader alike
        for kind, path in kinds:
            if kind == "openpyxl" and runs[kind]:
                continue  # slow, and only for reference: once
            runs[kind].append(measure(kind, path))
    medians = {
        kind: {key: statistics.median(r[key] for r in found) for key in ("seconds", "cpu", "rss")}
        for kind, found in runs.items()
    }
    for found in runs.values():
        assert all(r["records"] == args.rows and r["errors"] == 0 for r in found), found
    size = {kind: path.stat().st_size / 2**20 for kind, path in kinds}
    print(f"## Reading {args.rows:,} records, medians of {args.repeat} runs\n")
    print("| file | size MiB | read s (wall) | CPU s | records/s (wall) | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, values in medians.items():
        rate = args.rows / values["seconds"]
        print(
            f"| {kind} | {size[kind]:.1f} | {values['seconds']:.3f} | {values['cpu']:.3f} | "
            f"{rate:,.0f} | {values['rss']:.0f} |"
        )
    rate = args.rows / medians["xlsx"]["seconds"]
    ratio = medians["xlsx"]["seconds"] / medians["csv"]["seconds"]
    rss = medians["xlsx"]["rss"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nLoad average when done: {load:.2f} on {os.cpu_count()} CPUs.\n")
    print(
        f"- xlsx: {rate:,.0f} records/s (target ≥ {TARGET_RATE:,}): "
        f"{'met' if rate >= TARGET_RATE else 'MISSED'}"
    )
    print(
        f"- xlsx / CSV time: {ratio:.2f} (target ≤ {TARGET_RATIO}): "
        f"{'met' if ratio <= TARGET_RATIO else 'MISSED'}"
    )
    print(
        f"- peak RSS reading the xlsx: {rss:.0f} MiB (target < {TARGET_RSS} for 100,000 rows): "
        f"{'met' if rss < TARGET_RSS else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

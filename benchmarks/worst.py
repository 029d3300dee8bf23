"""Worst-case inputs a unit can send, each under the size cap: time and peak memory.

(``benchmarks/bad_rows.py`` measures its CSV case in more detail, ``validate`` too.)

A hostile or careless unit can hand in the largest file the cap allows, every
record of it wrong. Each case below is one such unit in an evaluation of its
own; ``evaluate --format json`` scores it (every finding and error written),
and the peak RSS must stay under 1 GiB whatever the unit sent.

Then one unit of 100,000 late requests (a 4 MB CSV) against the same unit all
on time, each with ``--format json`` and ``--format xlsx``: merged findings
(issue 19.7) keep the late run within 4 × the on-time run plus 10 s, and its JSON
under 40 MB.

Then the hostile workbooks of ``tests/hostile_workbooks.py`` (each a few
kilobytes that would have made the reader ask for gigabytes, or loop), each a
whole-unit workbook, all beside the repository's sample: with ``--jobs 1`` and
``--jobs 2`` the run must exit 1, score the sample's units exactly as without
them, stay under 1 GiB and take at most 2 × the clean sample's time plus 10 s.

    python benchmarks/worst.py            # medians of 3 runs
    python benchmarks/worst.py --late-only  # only the late requests
    python benchmarks/run.py              # reports these too, after its own figures
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bad_rows  # noqa: E402
from measure import Sample, run  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from hostile_workbooks import GENERATORS  # noqa: E402
from late_requests import write_unit  # noqa: E402

EVALUATE = [sys.executable, "-m", "evaluator"]
LIMIT_MIB = 1024
YAML_BYTES = 30_000_000


def _yaml_list(path: Path, bad: bool) -> int:
    """A single-file unit whose requests list fills ``YAML_BYTES``; the number of records."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = size = 0
    with path.open("w", encoding="utf-8") as handle:
        head = "unit: {id: u-1, name: 测试局, type: bureau}\nresponsiveness:\n  requests:\n"
        handle.write(head)
        size = len(head.encode())
        while size < YAML_BYTES:
            day = count % 28 + 1
            if bad:  # every field of every record wrong
                line = (
                    f"    - {{id: R{count}, received_on: 2016-13-{day:02d}, replied_on: x, "
                    "extended: maybe, outcome: nope}\n"
                )
            else:
                line = (
                    f"    - {{id: R{count}, received_on: 2016-03-{day:02d}, "
                    f"replied_on: 2016-03-{day:02d}, extended: false, outcome: granted}}\n"
                )
            handle.write(line)
            size += len(line.encode())
            count += 1
    return count


def _generated(name: str, build: Callable[[Path], int]) -> Callable[[Path], tuple[Path, int]]:
    """A case written once under ``data/worst-<name>/``: its folder and record count."""

    def prepare(data: Path) -> tuple[Path, int]:
        folder = data / f"worst-{name}"
        marker = folder / ".records"
        if not marker.exists():
            folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(str(build(folder)), encoding="utf-8")
        return folder, int(marker.read_text(encoding="utf-8"))

    return prepare


def _bad_csv(data: Path) -> tuple[Path, int]:
    """``benchmarks/bad_rows.py``'s 2,000,000 bad rows in a 59 MiB CSV (written once)."""
    rows = 2_000_000
    return bad_rows.write(rows), rows


CASES: dict[str, tuple[str, Callable[[Path], tuple[Path, int]]]] = {
    "yaml_valid": (
        "a 30 MB YAML list of valid requests",
        _generated("yaml_valid", lambda folder: _yaml_list(folder / "u-1.yaml", bad=False)),
    ),
    "yaml_invalid": (
        "a 30 MB YAML list, every record invalid",
        _generated("yaml_invalid", lambda folder: _yaml_list(folder / "u-1.yaml", bad=True)),
    ),
    "csv_invalid": ("a 59 MiB CSV of 2,000,000 invalid rows", _bad_csv),
}


def report(data: str, repeat: int) -> str:
    """Generate each case (once) under ``data``, run it ``repeat`` times: a Markdown table."""
    lines = [
        "| worst case | records | median wall s | median CPU s | median peak RSS MiB | "
        f"under {LIMIT_MIB} MiB |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, prepare in CASES.values():
        folder, records = prepare(Path(data))
        command = [*EVALUATE, str(folder), "--format", "json", "-o", os.devnull, "--no-progress"]
        # exit 1 is expected: a bad unit is reported, not a failure
        samples = [run(command, accepted=(0, 1)) for _ in range(repeat)]
        wall = statistics.median(s.wall for s in samples)
        cpu = statistics.median(s.cpu for s in samples)
        rss = statistics.median(s.rss for s in samples)
        verdict = "yes" if rss < LIMIT_MIB else "NO"
        lines.append(f"| {label} | {records:,} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | {verdict} |")
    return "\n".join(lines)


LATE_REQUESTS = 100_000
LATE_JSON_MIB = 40


def late_report(data: str, repeat: int) -> str:
    """100,000 late requests against as many on time, as JSON and XLSX: a Markdown table."""
    lines = [
        "| unit | format | median wall s | median CPU s | median peak RSS MiB | output MiB "
        "| within 4 × on time + 10 s |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1484006400"}
    on_time: dict[str, float] = {}
    for late in (False, True):
        name = "late" if late else "on-time"
        folder = Path(data) / f"worst-requests-{name}-{LATE_REQUESTS}"
        if not (folder / ".done").exists():
            write_unit(folder, LATE_REQUESTS, late=late)
            (folder / ".done").write_text("", encoding="utf-8")
        for fmt in ("json", "xlsx"):
            with tempfile.TemporaryDirectory() as scratch:
                out = Path(scratch) / f"results.{fmt}"
                command = [*EVALUATE, str(folder), "--format", fmt, "-o", str(out)]
                samples = [
                    run([*command, "--no-progress"], env, accepted=(0, 1)) for _ in range(repeat)
                ]
                size = out.stat().st_size / 2**20
            wall = statistics.median(s.wall for s in samples)
            cpu = statistics.median(s.cpu for s in samples)
            rss = statistics.median(s.rss for s in samples)
            if late:
                verdict = "yes" if wall <= 4 * on_time[fmt] + 10 else "NO"
                if fmt == "json":
                    verdict += f"; under {LATE_JSON_MIB} MiB: "
                    verdict += "yes" if size < LATE_JSON_MIB else "NO"
            else:
                on_time[fmt], verdict = wall, "-"
            lines.append(
                f"| {LATE_REQUESTS:,} requests {name} | {fmt} | {wall:.2f} | {cpu:.2f} "
                f"| {rss:.0f} | {size:.1f} | {verdict} |"
            )
    return "\n".join(lines)


# the generated workbooks a run refuses, each as a whole-unit workbook of that format
REFUSED_WORKBOOKS = {
    "rows_without_r": ".xlsx",
    "sheet_elsewhere": ".xlsx",
    "xlsx_named_xls": ".xls",
    "shared_string_bomb": ".xlsx",
    "shared_string_copies": ".xlsx",
    "ods_repeats": ".ods",
    "ods_never_closed": ".ods",
    "xls_far_cells": ".xls",
    "xls_dimensions": ".xls",
    "xls_label_claims": ".xls",
    "xls_looping_chain": ".xls",
}


def _sample_run(folder: Path, jobs: str, out: Path) -> tuple[Sample, dict[str, Any]]:
    """``evaluate --format json`` on ``folder/submissions`` (the real criteria): timing, results."""
    command = [*EVALUATE, "submissions", "--format", "json", "-o", str(out), "--no-progress"]
    command += ["--jobs", jobs, "--criteria", str(ROOT / "criteria")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1484006400"}
    sample = run(command, env, cwd=folder, accepted=(0, 1))
    results = json.loads(out.read_text(encoding="utf-8"))
    return sample, results


def workbooks_report(repeat: int) -> str:
    """The sample alone, then with every refused hostile workbook beside it: a Markdown table."""
    lines = [
        "| run | jobs | exit | median wall s | within 2 × clean + 10 s | median peak RSS MiB "
        f"| under {LIMIT_MIB} MiB | sample's units unchanged |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        clean, hostile = Path(scratch) / "clean", Path(scratch) / "hostile"
        shutil.copytree(ROOT / "submissions", clean / "submissions")
        shutil.copytree(ROOT / "submissions", hostile / "submissions")
        for index, (name, suffix) in enumerate(REFUSED_WORKBOOKS.items()):
            path = hostile / "submissions" / f"zz-{index:02d}{suffix}"
            path.write_bytes(GENERATORS[name]())
        out = Path(scratch) / "results.json"
        for jobs in ("1", "2"):
            runs = [_sample_run(clean, jobs, out) for _ in range(repeat)]
            reference = runs[-1][1]["units"]
            clean_wall = statistics.median(s.wall for s, _ in runs)
            clean_rss = statistics.median(s.rss for s, _ in runs)
            lines.append(
                f"| the sample | {jobs} | {runs[-1][0].status} | {clean_wall:.2f} | - "
                f"| {clean_rss:.0f} | {'yes' if clean_rss < LIMIT_MIB else 'NO'} | - |"
            )
            runs = [_sample_run(hostile, jobs, out) for _ in range(repeat)]
            wall = statistics.median(s.wall for s, _ in runs)
            rss = statistics.median(s.rss for s, _ in runs)
            same = all(r["units"] == reference for _, r in runs)
            status = {s.status for s, _ in runs}
            lines.append(
                f"| + {len(REFUSED_WORKBOOKS)} hostile workbooks | {jobs} | "
                f"{'/'.join(map(str, sorted(status)))} | {wall:.2f} "
                f"| {'yes' if wall <= 2 * clean_wall + 10 else 'NO'} | {rss:.0f} "
                f"| {'yes' if rss < LIMIT_MIB else 'NO'} | {'yes' if same else 'NO'} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each case (default 3)")
    parser.add_argument(
        "--data", default=str(ROOT / "benchmarks" / "data"), help="where cases are generated"
    )
    parser.add_argument(
        "--workbooks-only", action="store_true", help="only the hostile workbooks beside the sample"
    )
    parser.add_argument(
        "--late-only", action="store_true", help="only 100,000 late requests against on-time ones"
    )
    args = parser.parse_args(argv)
    if args.late_only:
        print(late_report(args.data, args.repeat))
        return 0
    if not args.workbooks_only:
        print(report(args.data, args.repeat))
        print()
        print(late_report(args.data, args.repeat))
        print()
    print(workbooks_report(args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())

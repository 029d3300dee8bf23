"""Time ``evaluate`` against the parsing floor on generated evaluations; print the ratios.

One command, from the repository root after the README's setup::

    python benchmarks/run.py            # 100 and 1,000 units, ~5,000 records each
    python benchmarks/run.py --quick    # 20 and 200 units, ~1,000 records each

It generates (once; reused while the generator and arguments are unchanged)
an evaluation of N and of 10 x N units under ``benchmarks/data/``, then runs,
round-robin so that a noisy machine hurts every contender alike:

* the floor: a fresh interpreter that parses every file of the 10 x N
  evaluation and nothing else (libyaml's C loader for YAML, the csv module
  for CSV with each date cell turned into a ``date``);
* ``evaluate`` on the 10 x N evaluation with ``--jobs 1`` and ``--jobs 2``;
* ``evaluate --jobs 1`` on the N evaluation, for peak memory;
* ``evaluate --format json`` (every finding written) on the N and the 10 x N
  evaluations, for peak memory;
* ``evaluate submissions/`` (the sample) and ``evaluate --version``;
* then the worst-case inputs of ``benchmarks/worst.py`` (``--no-worst`` skips them);
* with ``--against REV``, ``evaluate --jobs 1`` on 10 x N units in interleaved
  rounds against an earlier commit (``benchmarks/against.py``: CPU time, the
  ratio and the 10 % target).

It reports medians of wall time, CPU time (user + system, workers included)
and peak RSS, the ratios against the targets, and whether ``--jobs 2`` wrote
byte for byte the JSON results of ``--jobs 1``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from against import compare as compare_against  # noqa: E402
from against import report as against_report  # noqa: E402
from generate import Plan, generate  # noqa: E402
from measure import Sample, run  # noqa: E402
from worst import late_report, workbooks_report  # noqa: E402
from worst import report as worst_report  # noqa: E402

EVALUATE = [sys.executable, "-m", "evaluator"]
DATE_COLUMNS = frozenset({"received_on", "replied_on", "formed_on", "published_on", "last_updated"})

TARGETS = {
    "floor": 1.5,  # evaluate --jobs 1 / floor, at most
    "speedup": 1.7,  # --jobs 1 / --jobs 2, at least
    "memory": 1.25,  # peak RSS at 10 x N / at N, at most (tables, and --format json)
    "sample": 1.0,  # seconds for `evaluate submissions/`, at most
    "version": 0.3,  # seconds for `evaluate --version`, at most
}


def floor(directory: str) -> int:
    """Parse every file under ``directory`` and nothing else; the number of CSV rows."""
    import yaml

    rows = 0
    for folder, _, files in os.walk(directory):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith(".yaml"):
                with open(path, encoding="utf-8") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
            elif name.endswith(".csv"):
                with open(path, encoding="utf-8", newline="") as handle:
                    reader = csv.reader(handle)
                    header = next(reader)
                    dates = [i for i, column in enumerate(header) if column in DATE_COLUMNS]
                    for row in reader:
                        values: list[Any] = row
                        for index in dates:
                            if values[index]:
                                values[index] = dt.date.fromisoformat(values[index])
                        rows += 1
    return rows


@dataclass
class Series:
    """Repeated samples of one command."""

    label: str
    command: list[str]
    samples: list[Sample]

    def median(self, field: str) -> float:
        return float(statistics.median(float(getattr(s, field)) for s in self.samples))


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = "unknown"
    memory = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")),
                model,
            )
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
            memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpus": str(cores),
        "cpu": model,
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
    }


def same_results(directory: str) -> bool:
    """Whether ``--jobs 1`` and ``--jobs 2`` write byte-identical JSON results."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1484006400"}
    with tempfile.TemporaryDirectory() as scratch:
        outputs = []
        for jobs in (1, 2):
            out = os.path.join(scratch, f"jobs{jobs}.json")
            run([*EVALUATE, directory, "--jobs", str(jobs), "--format", "json", "-o", out], env)
            outputs.append(Path(out).read_bytes())
    return outputs[0] == outputs[1]


def _verdict(ratio: float, target: float, at_most: bool) -> str:
    ok = ratio <= target if at_most else ratio >= target
    return ("met" if ok else "MISSED") + f" (target {'≤' if at_most else '≥'} {target:g})"


def report(series: dict[str, Series], small: Plan, big: Plan, identical: bool) -> str:
    """The figures and ratios as a Markdown section."""
    m = {key: s.median("wall") for key, s in series.items()}
    cpu = {key: s.median("cpu") for key, s in series.items()}
    rss = {key: s.median("rss") for key, s in series.items()}
    lines = ["| what | median wall s | median CPU s | median peak RSS MiB | runs |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for key, s in series.items():
        lines.append(
            f"| {s.label} | {m[key]:.2f} | {cpu[key]:.2f} | {rss[key]:.0f} | {len(s.samples)} |"
        )
    floor_ratio = m["jobs1"] / m["floor"]
    speedup = m["jobs1"] / m["jobs2"]
    memory = rss["jobs1"] / rss["small"]
    json_memory = rss["json_big"] / rss["json_small"]
    lines += [
        "",
        "| ratio | measured | verdict |",
        "| --- | ---: | --- |",
        f"| evaluate --jobs 1 / floor ({big.units} units, wall) | {floor_ratio:.2f} | "
        f"{_verdict(floor_ratio, TARGETS['floor'], True)} |",
        f"| same, CPU time | {cpu['jobs1'] / cpu['floor']:.2f} | for reference |",
        f"| speed-up of --jobs 2 over --jobs 1 (wall) | {speedup:.2f} | "
        f"{_verdict(speedup, TARGETS['speedup'], False)} |",
        f"| peak RSS {big.units} units / {small.units} units | {memory:.2f} | "
        f"{_verdict(memory, TARGETS['memory'], True)} |",
        f"| same with `--format json` (every finding written) | {json_memory:.2f} | "
        f"{_verdict(json_memory, TARGETS['memory'], True)} |",
        f"| `evaluate submissions/` (s) | {m['sample']:.2f} | "
        f"{_verdict(m['sample'], TARGETS['sample'], True)} |",
        f"| `evaluate --version` (s) | {m['version']:.2f} | "
        f"{_verdict(m['version'], TARGETS['version'], True)} |",
        "",
        f"`--jobs 2` results identical to `--jobs 1` (JSON, {small.units} units): "
        + ("yes" if identical else "NO"),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 and 200 units of ~1,000 records")
    parser.add_argument("--units", type=int, help="N: the small evaluation (default 100)")
    parser.add_argument("--records", type=int, help="mean records per unit (default 5000)")
    parser.add_argument("--repeat", type=int, help="runs of each command (default 5)")
    parser.add_argument("--seed", type=int, default=2016, help="generator seed (default 2016)")
    parser.add_argument(
        "--data", default=str(ROOT / "benchmarks" / "data"), help="where evaluations are generated"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every sample to FILE")
    parser.add_argument(
        "--no-worst", action="store_true", help="skip the worst-case inputs (benchmarks/worst.py)"
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also compare CPU time with an earlier commit, interleaved (benchmarks/against.py)",
    )
    parser.add_argument("--floor", metavar="DIR", help=argparse.SUPPRESS)  # the floor's own run
    args = parser.parse_args(argv)
    if args.floor:
        print(floor(args.floor))
        return 0
    units = args.units or (20 if args.quick else 100)
    records = args.records or (1000 if args.quick else 5000)
    repeat = args.repeat or (3 if args.quick else 5)
    small = Plan(units, records, args.seed)
    big = Plan(units * 10, records, args.seed)
    folders = {}
    for plan in (small, big):
        folder = os.path.join(args.data, f"units{plan.units}-records{plan.records}-seed{plan.seed}")
        started = time.perf_counter()
        if generate(folder, plan, jobs=os.cpu_count() or 1):
            print(f"generated {folder} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        folders[plan.units] = folder
    small_dir, big_dir = folders[small.units], folders[big.units]

    series = {
        "floor": Series(
            f"floor: parse every file ({big.units} units)",
            [sys.executable, __file__, "--floor", big_dir],
            [],
        ),
        "jobs1": Series(
            f"evaluate --jobs 1 ({big.units} units)",
            [*EVALUATE, big_dir, "--jobs", "1"],
            [],
        ),
        "jobs2": Series(
            f"evaluate --jobs 2 ({big.units} units)",
            [*EVALUATE, big_dir, "--jobs", "2"],
            [],
        ),
        "small": Series(
            f"evaluate --jobs 1 ({small.units} units)",
            [*EVALUATE, small_dir, "--jobs", "1"],
            [],
        ),
        "json_big": Series(
            f"evaluate --format json ({big.units} units)",
            [*EVALUATE, big_dir, "--format", "json"],
            [],
        ),
        "json_small": Series(
            f"evaluate --format json ({small.units} units)",
            [*EVALUATE, small_dir, "--format", "json"],
            [],
        ),
        "sample": Series("evaluate submissions/ (the sample)", [*EVALUATE, "submissions"], []),
        "version": Series("evaluate --version", [*EVALUATE, "--version"], []),
    }
    for round_number in range(1, repeat + 1):
        print(f"round {round_number}/{repeat}", file=sys.stderr)
        for entry in series.values():
            entry.samples.append(run(entry.command))
    identical = same_results(small_dir)

    info = machine()
    print("## Machine\n")
    for key, value in info.items():
        print(f"- {key}: {value}")
    print(
        f"\n## Results: {small.units} and {big.units} units, ~{records} records per unit, "
        f"medians of {repeat} runs\n"
    )
    print(report(series, small, big, identical))
    if not args.no_worst:
        print("\n## Worst-case inputs, medians of 3 runs\n")
        print(worst_report(args.data, 3))
        print("\n## 100,000 late requests against as many on time, medians of 3 runs\n")
        print(late_report(args.data, 3))
        print("\n## Hostile workbooks beside the sample, medians of 3 runs\n")
        print(workbooks_report(3))
    if args.against:
        print(f"\n## CPU time against {args.against}\n")
        comparison = compare_against(
            args.against, args.data, units=big.units, records=records, seed=args.seed, repeat=repeat
        )
        print(against_report(comparison))
    if args.json:
        data = {
            "machine": info,
            "plans": [asdict(small), asdict(big)],
            "series": {
                k: {"command": s.command, "samples": [asdict(x) for x in s.samples]}
                for k, s in series.items()
            },
            "identical": identical,
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())

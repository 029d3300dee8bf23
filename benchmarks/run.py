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
  ratio and the 10 % target);
* the peer table (issue 23; ``--no-peer`` skips it, ``--peer-only`` runs it
  alone): on 400 units of ~6,667 records (~5,000 requests each, 2.26 million
  records), round-robin, medians of 3: the bare parse (the floor above), the
  peer script an analyst would write (``benchmarks/peer.py``: polars and numpy,
  the same deadline rules; needs ``pip install -e '.[bench]'``), once as it
  comes and once on one thread, and ``evaluate --format json`` (every finding)
  with ``--jobs 1`` and ``--jobs 2``, with the ratios against the parse and the
  peer and the targets of issue 23; then the peer and ``evaluate --jobs 1`` on
  as many units with ~20 records each, which splits each into what it costs
  with the records all but taken away and what the records add.

It reports medians of wall time, CPU time (user + system, workers included)
and peak RSS, the ratios against the targets, and whether ``--jobs 2`` wrote
byte for byte the JSON results of ``--jobs 1``. Each ``--jobs 2`` run goes
through ``benchmarks/serial.py``, which notes the CPU time of its main process
and of its workers: under each ``--jobs 2`` row, the serial share (main process
/ all) and the speed-up Amdahl's law allows on two cores with it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from against import compare as compare_against  # noqa: E402
from against import report as against_report  # noqa: E402
from generate import REQUEST_SHARE, Plan, generate  # noqa: E402
from measure import Sample, run  # noqa: E402
from serial import amdahl, shares  # noqa: E402
from worst import late_report, workbooks_report  # noqa: E402
from worst import report as worst_report  # noqa: E402

EVALUATE = [sys.executable, "-m", "evaluator"]
SERIAL = ROOT / "benchmarks" / "serial.py"  # evaluate, noting its main process's CPU time
DATE_COLUMNS = frozenset({"received_on", "replied_on", "formed_on", "published_on", "last_updated"})

PEER = ROOT / "benchmarks" / "peer.py"
PEER_PLAN = {
    "units": 400,
    "records": 6667,
}  # ~5,000 requests a unit (REQUEST_SHARE), 2.26 M records
FEW_RECORDS = 20
"""Mean records per unit of the peer table's second evaluation (as many units, ~15 requests
each): what ``evaluate`` and the peer cost with the records all but taken away."""
PEER_TARGETS = {"peer": 1.0, "speedup": 1.8, "memory": 1.25}
"""Issue 23: --jobs 1 / the peer at most, --jobs 2's speed-up at least, peak RSS at 10 x the
units / at the table's units at most."""

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


RATIOS = ("", "| ratio | measured | verdict |", "| --- | ---: | --- |")  # a ratio table's head


def _verdict(ratio: float, target: float, at_most: bool) -> str:
    ok = ratio <= target if at_most else ratio >= target
    return ("met" if ok else "MISSED") + f" (target {'≤' if at_most else '≥'} {target:g})"


def medians(series: dict[str, Series], last: str, cell: Callable[[str, Series], str]) -> list[str]:
    """A Markdown table of each command's median wall and CPU time and peak RSS, and a
    ``last`` column (``cell`` of each key and series)."""
    lines = [f"| what | median wall s | median CPU s | median peak RSS MiB | {last} |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for key, s in series.items():
        figures = f"{s.median('wall'):.2f} | {s.median('cpu'):.2f} | {s.median('rss'):.0f}"
        lines.append(f"| {s.label} | {figures} | {cell(key, s)} |")
    return lines


def report(
    series: dict[str, Series], small: Plan, big: Plan, identical: bool, usage: str | None = None
) -> str:
    """The figures and ratios as a Markdown section; with ``usage`` (what ``serial.py``
    noted of the ``--jobs 2`` runs), the serial share."""
    m = {key: s.median("wall") for key, s in series.items()}
    cpu = {key: s.median("cpu") for key, s in series.items()}
    rss = {key: s.median("rss") for key, s in series.items()}
    lines = medians(series, "runs", lambda _, s: str(len(s.samples)))
    floor_ratio = m["jobs1"] / m["floor"]
    speedup = m["jobs1"] / m["jobs2"]
    memory = rss["jobs1"] / rss["small"]
    json_memory = rss["json_big"] / rss["json_small"]
    lines += [
        *RATIOS,
        f"| evaluate --jobs 1 / floor ({big.units} units, wall) | {floor_ratio:.2f} | "
        f"{_verdict(floor_ratio, TARGETS['floor'], True)} |",
        f"| same, CPU time | {cpu['jobs1'] / cpu['floor']:.2f} | for reference |",
        f"| speed-up of --jobs 2 over --jobs 1 (wall) | {speedup:.2f} | "
        f"{_verdict(speedup, TARGETS['speedup'], False)} |",
        *(serial_share(usage, speedup) if usage is not None else []),
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


def peer_series(folder: str, few: str, results: str, usage: str) -> dict[str, Series]:
    """The commands of the peer table, on one evaluation; ``--jobs 1`` writes ``results``,
    ``--jobs 2`` its main process's and workers' CPU time to ``usage`` (``serial.py``).
    The last two run the peer and ``evaluate --jobs 1`` on ``few``: as many units, with
    :data:`FEW_RECORDS` records each."""
    parse = [sys.executable, __file__, "--floor", folder]
    peer = [sys.executable, str(PEER), folder, "--verdicts", os.devnull]
    json_out = [folder, "--format", "json", "--jobs"]
    jobs2 = [sys.executable, str(SERIAL), usage, "--", *json_out, "2", "-o", os.devnull]
    few_peer = [sys.executable, str(PEER), few, "--verdicts", os.devnull]
    few_jobs1 = [*EVALUATE, few, "--format", "json", "--jobs", "1", "-o", os.devnull]
    labels = {
        "floor": ("bare parse (YAML C loader, csv.reader, dates)", parse),
        "peer": ("peer script (polars + numpy, same deadline rules)", peer),
        "peer1": ("peer script, one thread (POLARS_MAX_THREADS=1)", peer),
        "jobs1": ("evaluate --format json --jobs 1", [*EVALUATE, *json_out, "1", "-o", results]),
        "jobs2": ("evaluate --format json --jobs 2", jobs2),
        "few_peer": (f"peer script, same units with ~{FEW_RECORDS} records each", few_peer),
        "few_jobs1": (
            f"evaluate --format json --jobs 1, same units with ~{FEW_RECORDS} records each",
            few_jobs1,
        ),
    }
    return {key: Series(label, command, []) for key, (label, command) in labels.items()}


def serial_share(usage: str, speedup: float) -> list[str]:
    """The rows of the serial share of ``--jobs 2`` (its ``serial.py`` notes in ``usage``)."""
    main, workers, share = shares(usage)
    return [
        f"| --jobs 2: CPU s of the main process / of its workers (median) | "
        f"{main:.2f} / {workers:.2f} | for reference |",
        f"| --jobs 2: serial share s (main process / all, median) | {share:.3f} | "
        f"at most {amdahl(share):.2f} × on 2 cores (1 / (s + (1 - s) / 2)); measured "
        f"{speedup:.2f} × |",
    ]


def peer_memory(data: str, plan: Plan, small: Series) -> list[str]:
    """The peer table's memory row: ``evaluate --format json --jobs 1`` once on 10 x the
    units (generated once, like the others), its peak RSS against the median of ``small``
    (the same command on ``plan``'s units), against issue 23's target."""
    big = Plan(plan.units * 10, plan.records, plan.seed)
    folder = os.path.join(data, f"units{big.units}-records{big.records}-seed{big.seed}")
    started = time.perf_counter()
    if generate(folder, big, jobs=os.cpu_count() or 1):
        print(f"generated {folder} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(f"peer table: peak RSS on {big.units} units", file=sys.stderr)
    sample = run([*EVALUATE, folder, "--format", "json", "--jobs", "1", "-o", os.devnull])
    ratio = sample.rss / small.median("rss")
    return [
        f"| peak RSS, `--format json --jobs 1`, {big.units} units / {plan.units} units "
        f"(one run; {sample.rss:.0f} / {small.median('rss'):.0f} MiB) | {ratio:.2f} | "
        f"{_verdict(ratio, PEER_TARGETS['memory'], True)} |"
    ]


def peer_report(series: dict[str, Series], usage: str | None = None) -> str:
    """The peer table and its ratios, as Markdown; with ``usage``, the serial share."""
    wall = {key: s.median("wall") for key, s in series.items()}
    lines = medians(series, "× the parse (wall)", lambda key, _: f"{wall[key] / wall['floor']:.2f}")
    against_peer = wall["jobs1"] / wall["peer"]
    speedup = wall["jobs1"] / wall["jobs2"]
    lines += [
        *RATIOS,
        f"| evaluate --jobs 1 / the peer (wall) | {against_peer:.2f} | "
        f"{_verdict(against_peer, PEER_TARGETS['peer'], True)} |",
        f"| same, against the one-thread peer | {wall['jobs1'] / wall['peer1']:.2f} | "
        "for reference |",
        f"| speed-up of --jobs 2 over --jobs 1 (wall) | {speedup:.2f} | "
        f"{_verdict(speedup, PEER_TARGETS['speedup'], False)} |",
    ]
    if usage is not None:
        lines += serial_share(usage, speedup)
    if "few_jobs1" in wall:
        lines += records_path(wall)
    return "\n".join(lines)


def records_path(wall: dict[str, float]) -> list[str]:
    """The rows that split ``evaluate --jobs 1`` and the peer into what they cost with the
    records all but taken away (the ``few_`` runs) and what the records add (median walls)."""
    fixed = wall["few_jobs1"] / wall["peer"]
    added = wall["jobs1"] - wall["few_jobs1"]
    peer_added = wall["peer"] - wall["few_peer"]
    # as many records both ways (--peer-records 20), or noise above the difference: no ratio
    ratio = f"{added / peer_added:.2f}" if peer_added > 0 else "n/a"
    return [
        f"| evaluate --jobs 1 with ~{FEW_RECORDS} records a unit / the peer with all of them "
        f"(wall) | {fixed:.2f} | for reference: at 1 or more, no record path meets 1 × |",
        f"| what the records add, evaluate --jobs 1 / the peer (wall, {added:.2f} s / "
        f"{peer_added:.2f} s) | {ratio} | for reference |",
    ]


def peer_table(data: str, plan: Plan, repeat: int, memory: bool = True) -> tuple[str, bool]:
    """Generate (once) the peer table's evaluation, run its commands round-robin, report;
    and whether the peer's verdicts were the engine's. With ``memory``, also the peak RSS
    of ``--jobs 1`` on 10 x the units (:func:`peer_memory`)."""
    if importlib.util.find_spec("polars") is None or importlib.util.find_spec("numpy") is None:
        raise SystemExit("the peer table needs polars and numpy: pip install -e '.[bench]'")
    folders = []
    for each in (plan, Plan(plan.units, FEW_RECORDS, plan.seed)):
        folder = os.path.join(data, f"units{each.units}-records{each.records}-seed{each.seed}")
        started = time.perf_counter()
        if generate(folder, each, jobs=os.cpu_count() or 1):
            print(f"generated {folder} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        folders.append(folder)
    folder, few = folders
    one_thread = {**os.environ, "POLARS_MAX_THREADS": "1"}
    with tempfile.TemporaryDirectory() as scratch:
        results, verdicts = os.path.join(scratch, "results.json"), os.path.join(scratch, "v.csv")
        usage = os.path.join(scratch, "usage.txt")
        series = peer_series(folder, few, results, usage)
        for round_number in range(1, repeat + 1):
            print(f"peer table: round {round_number}/{repeat}", file=sys.stderr)
            for key, entry in series.items():
                entry.samples.append(run(entry.command, one_thread if key == "peer1" else None))
        # the peer's verdicts against the engine's, on these units (benchmarks/peer_check.py)
        run([sys.executable, str(PEER), folder, "--verdicts", verdicts])
        check = [sys.executable, str(PEER.parent / "peer_check.py"), results, verdicts]
        checked = subprocess.run(check, capture_output=True, text=True, cwd=ROOT)
        table = peer_report(series, usage)
        if memory:
            table += "\n" + "\n".join(peer_memory(data, plan, series["jobs1"]))
    title = (
        f"## The peer: {plan.units} units, ~{plan.records} records each "
        f"(~{round(plan.records * REQUEST_SHARE)} requests), medians of {repeat} runs\n"
    )
    same = "yes" if checked.returncode == 0 else "NO"
    verdict = f"\n\nThe peer's verdicts are the engine's (peer_check.py): {same}: "
    text = title + "\n" + table + verdict + checked.stdout.strip()
    return text, checked.returncode == 0


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
    parser.add_argument("--no-peer", action="store_true", help="skip the peer table")
    parser.add_argument(
        "--no-peer-memory",
        action="store_true",
        help="skip the peer table's peak RSS on 10 x its units (4,000: ~1 GB generated)",
    )
    parser.add_argument(
        "--peer-units",
        type=int,
        help=f"units of the peer table (default {PEER_PLAN['units']}; --quick 20)",
    )
    parser.add_argument(
        "--peer-records",
        type=int,
        help=f"mean records per unit there (default {PEER_PLAN['records']}; --quick 1000)",
    )
    parser.add_argument(
        "--peer-only", action="store_true", help="only the peer table (issue 23), nothing else"
    )
    parser.add_argument("--floor", metavar="DIR", help=argparse.SUPPRESS)  # the floor's own run
    args = parser.parse_args(argv)
    if args.floor:
        print(floor(args.floor))
        return 0
    peer_plan = Plan(
        args.peer_units or (20 if args.quick else PEER_PLAN["units"]),
        args.peer_records or (1000 if args.quick else PEER_PLAN["records"]),
        args.seed,
    )
    if args.peer_only:
        text, agreed = peer_table(
            args.data, peer_plan, args.repeat or 3, memory=not args.no_peer_memory
        )
        print(text)
        return 0 if agreed else 1
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
    usage = os.path.join(args.data, "usage-jobs2.txt")  # serial.py's notes of the --jobs 2 runs
    if os.path.exists(usage):
        os.remove(usage)

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
            [sys.executable, str(SERIAL), usage, "--", big_dir, "--jobs", "2"],
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
    print(report(series, small, big, identical, usage))
    if not args.no_worst:
        print("\n## Worst-case inputs, medians of 3 runs\n")
        print(worst_report(args.data, 3))
        print("\n## 100,000 late requests against as many on time, medians of 3 runs\n")
        print(late_report(args.data, 3))
        print("\n## Hostile workbooks beside the sample, medians of 3 runs\n")
        print(workbooks_report(3))
    agreed = True
    if not args.no_peer:
        text, agreed = peer_table(
            args.data, peer_plan, args.repeat or 3, memory=not args.no_peer_memory
        )
        print("\n" + text)
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
    return 0 if identical and agreed else 1


if __name__ == "__main__":
    sys.exit(main())

"""Time and peak memory of rendering the client reports, against writing the JSON results.

From the repository root, after the README's setup::

    python benchmarks/render.py            # 100 and 1,000 units, ~1,000 records each
    python benchmarks/render.py --quick    # 20 and 200 units, ~200 records each

On the generated evaluations of ``generate.py`` (N and 10 x N units), each
round runs once each: ``--format json`` (the reference: every finding, unit by
unit), ``--format xlsx``, ``--format html`` and ``evaluate report`` (a page per
unit), all with ``--jobs 1`` and output to a temporary folder. It prints the
medians of wall time and peak RSS, the time each report adds over JSON, and
the ratio of peak RSS at 10 x N to that at N (bounded per unit means close to 1).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Plan, generate
from run import EVALUATE, ROOT, Sample, machine, run

FORMATS = {
    "json": ["--format", "json", "-o", "{out}/results.json"],
    "xlsx": ["--format", "xlsx", "-o", "{out}/results.xlsx"],
    "html": ["--format", "html", "-o", "{out}/results.html"],
    "report": ["report", "-o", "{out}/feedback"],
}


def command(fmt: str, data: Path, out: str) -> list[str]:
    words = [w.format(out=out) for w in FORMATS[fmt]]
    if fmt == "report":
        return [*EVALUATE, "report", str(data), *words[1:], "--no-progress"]
    return [*EVALUATE, str(data), *words, "--no-progress"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 and 200 units of ~200 records")
    parser.add_argument("--units", type=int, default=None, help="N (default 100; quick 20)")
    parser.add_argument("--records", type=int, default=None, help="median records per unit")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    args = parser.parse_args()
    units = args.units or (20 if args.quick else 100)
    records = args.records or (200 if args.quick else 1000)
    plans = {n: Plan(n, records, 2016) for n in (units, 10 * units)}
    folders = {}
    for n, plan in plans.items():
        folders[n] = ROOT / "benchmarks" / "data" / f"render-{n}x{records}"
        generate(folders[n], plan, jobs=2)
    samples: dict[tuple[str, int], list[Sample]] = {}
    for _ in range(args.repeat):
        for n, folder in folders.items():
            for fmt in FORMATS:
                with tempfile.TemporaryDirectory() as out:
                    samples.setdefault((fmt, n), []).append(run(command(fmt, folder, out)))
    big, small = 10 * units, units

    def median(fmt: str, n: int, field: str) -> float:
        return float(statistics.median(getattr(s, field) for s in samples[(fmt, n)]))

    info = machine()
    print(f"Machine: {info}")
    print(f"Data: {small} and {big} units, ~{records} records each; medians of {args.repeat}\n")
    print("| output | units | wall s | per unit ms | over JSON s | peak RSS MiB | RSS 10N / N |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for fmt in FORMATS:
        for n in (small, big):
            wall = median(fmt, n, "wall")
            over = wall - median("json", n, "wall")
            rss = median(fmt, n, "rss")
            ratio = f"{median(fmt, big, 'rss') / median(fmt, small, 'rss'):.2f}" if n == big else ""
            print(
                f"| {fmt} | {n} | {wall:.2f} | {1000 * wall / n:.1f} | {over:+.2f} | {rss:.0f} "
                f"| {ratio} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Compare every output of an earlier commit with the working tree's, byte for byte.

For a change that means to change no output (a move, a rename, a speed-up)::

    python scripts/compare_outputs.py 050d5a8

builds, at the revision and at the working tree, each with its own code:

- the sample evaluation's ``--detail --format json`` (``generated_at`` left out),
  its workbook and its HTML page (``SOURCE_DATE_EPOCH`` set) and its feedback
  folder (``evaluate report``);
- the benchmark generator's 1,000 units (``benchmarks/generate.py``, each tree's
  own generator; the generated files are compared too) and the
  ``--detail --format json`` results on them.

It prints each output that differs (the first differing line of a text) and
exits 1 when any does, 0 when all are identical. For the JSON results it then
compares, unit by unit, what a change to findings alone must leave as it was
(every unit's total, rank, grade, veto, status, dimensions, indicators' points,
statuses and vetoes) and says so, or names the first unit that differs: a
change meant to alter findings only (merging them, say) is checked by that. The revision's tree is
exported and installed once under ``benchmarks/data`` (as ``benchmarks/against.py``
does) and reused by later runs.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from against import generate, prepare  # noqa: E402

EPOCH = "1482192000"  # 2016-12-20: any fixed moment will do
_GENERATED_AT = re.compile(rb'\n  "generated_at": "[^"]*",')


def _run(python: Path, tree: Path, *args: str, stdout: Path | None = None) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    command = [str(python), "-m", "evaluator", *args]
    with open(stdout, "wb") if stdout else open(os.devnull, "wb") as out:
        done = subprocess.run(command, cwd=tree, env=env, stdout=out, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        message = done.stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"{' '.join(command)} (in {tree}) exited {done.returncode}:\n{message}")


def build(python: Path, tree: Path, out: Path, city: Path) -> None:
    """Every output of ``tree`` (run with ``python``) into ``out``; ``city``: its generated
    units, relative to ``tree``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _run(python, tree, "submissions/", "--detail", "--format", "json", stdout=out / "sample.json")
    text = (out / "sample.json").read_bytes()
    (out / "sample.json").write_bytes(_GENERATED_AT.sub(b"", text, count=1))
    _run(python, tree, "submissions/", "-o", str(out / "sample.xlsx"))
    _run(python, tree, "submissions/", "-o", str(out / "sample.html"))
    _run(python, tree, "report", "submissions/", "-o", str(out / "feedback"))
    _run(python, tree, str(city), "--detail", "--format", "json", stdout=out / "city.json")
    text = (out / "city.json").read_bytes()
    (out / "city.json").write_bytes(_GENERATED_AT.sub(b"", text, count=1))
    with open(out / "city-files.txt", "w", encoding="utf-8") as listing:
        for path in sorted(p for p in (tree / city).rglob("*") if p.is_file()):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            listing.write(f"{digest}  {path.relative_to(tree / city).as_posix()}\n")


def differences(earlier: Path, current: Path) -> Iterator[str]:
    """What differs between two output folders, one line each."""
    comparison = filecmp.dircmp(earlier, current)
    yield from _walk(comparison, Path())


def _walk(comparison: filecmp.dircmp[str], where: Path) -> Iterator[str]:
    for name in sorted(comparison.left_only):
        yield f"{where / name}: only in the earlier tree's output"
    for name in sorted(comparison.right_only):
        yield f"{where / name}: only in the working tree's output"
    for name in sorted(comparison.common_files):
        left = Path(comparison.left) / name
        right = Path(comparison.right) / name
        if left.read_bytes() != right.read_bytes():
            yield f"{where / name}: {_first_difference(left, right)}"
    for name, sub in sorted(comparison.subdirs.items()):
        yield from _walk(sub, where / name)


def _first_difference(left: Path, right: Path) -> str:
    try:
        old = left.read_text(encoding="utf-8").splitlines()
        new = right.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary files differ ({left.stat().st_size} and {right.stat().st_size} bytes)"
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return f"line {number} differs:\n    - {a[:200]}\n    + {b[:200]}"
    return f"{len(old)} lines against {len(new)}"


_RESULTS = ("sample.json", "city.json")
"""The JSON results ``build`` writes, compared unit by unit as well."""
_UNIT_SCORES = ("id", "total", "rank", "grade", "vetoed", "status", "dimensions")
_INDICATOR_SCORES = ("id", "dimension", "points", "max", "status", "vetoed")


def _scores(results: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each unit's scores without its findings: what merging findings must not change."""
    return [
        (
            *(unit.get(key) for key in _UNIT_SCORES),
            [tuple(i.get(k) for k in _INDICATOR_SCORES) for i in unit.get("indicators", [])],
        )
        for unit in results["units"]
    ]


def score_differences(earlier: Path, current: Path) -> Iterator[str]:
    """For each JSON result in both folders: whether every unit's scores are the same."""
    for name in _RESULTS:
        old = _scores(json.loads((earlier / name).read_text(encoding="utf-8")))
        new = _scores(json.loads((current / name).read_text(encoding="utf-8")))
        if old == new:
            yield f"{name}: every unit's scores identical ({len(new)} units)"
            continue
        first = (
            next((a, b) for a, b in zip(old, new, strict=False) if a != b)
            if len(old) == len(new)
            else (f"{len(old)} units", f"{len(new)} units")
        )
        yield f"{name}: SCORES DIFFER, first: {first[0]!r:.300} against {first[1]!r:.300}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the earlier commit (any git revision)")
    parser.add_argument("--units", type=int, default=1000, help="generated units (default 1000)")
    parser.add_argument("--records", type=int, default=5000, help="records per unit (5000)")
    parser.add_argument("--seed", type=int, default=2016, help="generator seed (default 2016)")
    parser.add_argument(
        "--data", default=str(ROOT / "benchmarks" / "data"), help="where trees and outputs go"
    )
    args = parser.parse_args(argv)
    commit, tree = prepare(args.revision, args.data)
    data = Path(args.data)
    # Each tree scores its own units at the same path under itself, so that the paths
    # the results name are the same relative paths.
    city = Path(
        "benchmarks", "data", f"compare-units{args.units}-records{args.records}-seed{args.seed}"
    )
    earlier_city = tree / city
    current_city = ROOT / city
    generate(tree, earlier_city, args.units, args.records, args.seed)
    if current_city.exists():  # the working tree changes: always its generator's output now
        shutil.rmtree(current_city)
    generate(ROOT, current_city, args.units, args.records, args.seed, python=Path(sys.executable))
    earlier = data / f"outputs-{commit[:12]}"
    current = data / "outputs-working-tree"
    print(f"building the outputs of {commit[:12]}", file=sys.stderr)
    build(tree / ".venv" / "bin" / "python", tree, earlier, city)
    print("building the outputs of the working tree", file=sys.stderr)
    build(Path(sys.executable), ROOT, current, city)
    found = list(differences(earlier, current))
    for line in found:
        print(line)
    compared = sum(1 for p in current.rglob("*") if p.is_file())
    if found:
        scores = list(score_differences(earlier, current))
        for line in scores:
            print(line)
        same = (
            "scores identical" if all("DIFFER" not in line for line in scores) else "SCORES DIFFER"
        )
        print(f"{len(found)} of {compared} outputs differ from {commit[:12]}'s; {same}")
        return 1
    print(f"all {compared} outputs identical to {commit[:12]}'s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

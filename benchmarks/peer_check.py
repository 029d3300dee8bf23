"""Whether the peer script's verdicts (``benchmarks/peer.py``) are the engine's, record by record.

The engine's ``--format json`` results name the records behind each finding:
every record its late, overdue, slow, veto, carried-over and missing findings
name must carry that verdict in the peer's, and the other way round; and the
points of the rates (requests, key-area timeliness, messages) must be those
the peer's counts give (the small-count rule by the engine's own function).
Used by ``tests/test_peer.py`` and by ``run.py``'s peer table::

    evaluate DIR --format json -o results.json
    python benchmarks/peer.py DIR --verdicts verdicts.csv
    python benchmarks/peer_check.py results.json verdicts.csv   # exit 1 on a difference
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from evaluator._core.model import small_count_points

ROOT = Path(__file__).resolve().parents[1]

# The engine's finding codes, per list, that name a record with each verdict.
CODES = {
    "requests": {
        "late": {"requests.late", "integrity.reply_before_request"},
        "later": {"requests.carried_over"},
    },
    "messages": {"late": {"messages.slow"}, "later": {"messages.carried_over"}},
    "items": {
        "late": {"key_area.late", "key_area.overdue", "integrity.published_before_formed"},
        "later": {"key_area.carried_over"},
        "missing": {"key_area.missing", "key_area.periods_missing"},
    },
}
RATES = {"requests": "requests", "messages": "messages", "items": "timeliness"}
SCORERS = {"requests": "responsiveness.requests", "messages": "website.messages"}


def named(unit: dict[str, Any], indicators: set[str], codes: set[str]) -> set[str]:
    """The records the unit's findings of ``codes`` in ``indicators`` name."""
    return {
        record
        for indicator in unit["indicators"]
        if indicator["id"] in indicators
        for finding in indicator["findings"]
        if finding["code"] in codes
        for record in finding["records"]
    }


def differences(results: dict[str, Any], verdicts: pl.DataFrame, criteria: Path) -> list[str]:
    """Where the peer's verdicts and the engine's findings and points disagree (empty: nowhere)."""
    scheme = yaml.safe_load((criteria / "scheme.yaml").read_text("utf-8"))
    indicators = {
        i["scorer"]: i
        for d in scheme["dimensions"]
        for i in yaml.safe_load((criteria / d["file"]).read_text("utf-8"))["indicators"]
    }
    by_unit = verdicts.partition_by("unit", as_dict=True)
    found = []
    for unit in results["units"]:
        mine = by_unit.get((unit["id"],), verdicts.clear())
        points = {i["id"]: i for i in unit["indicators"]}
        for name, kinds in CODES.items():
            rows = mine.filter(pl.col("list") == name)
            where = {RATES[name], "coverage"} if name == "items" else {RATES[name]}
            for kind, codes in kinds.items():
                ours = set(rows.filter(pl.col("verdict") == kind)["id"])
                theirs = named(unit, where, codes)
                if ours != theirs:
                    only = f"peer {sorted(ours - theirs)} only, engine {sorted(theirs - ours)} only"
                    found.append(f"{unit['id']} {name} {kind}: {only}")
            good, bad = (rows.filter(pl.col("verdict") == v).height for v in ("in_time", "late"))
            rate = points[RATES[name]]
            scorer = indicators.get(SCORERS.get(name))
            expected = _points(name, rate["max"], good, bad, rows, scorer)
            if abs(expected - rate["points"]) > 1e-9:
                engine = rate["points"]
                found.append(f"{unit['id']} {name} points: engine {engine}, peer {expected}")
        vetoed = named(unit, {"messages"}, {"messages.unanswered"})
        if vetoed != set(mine.filter(pl.col("list") == "messages", pl.col("veto"))["id"]):
            found.append(f"{unit['id']} messages veto: engine {sorted(vetoed)}")
    return found


def _points(
    name: str, top: float, good: int, bad: int, rows: pl.DataFrame, indicator: Any
) -> float:
    """The points the peer's counts give a rate, as the engine's scorer and rules give them."""
    if not good + bad:
        return 0.0  # nothing judged: not applicable
    if name == "messages":  # a deduction per slow reply, none left after a veto
        each = indicator["params"]["deduction_per_slow"]
        return 0.0 if rows["veto"].any() else max(0.0, top - each * bad)
    rule = (indicator or {}).get("small_counts")
    if rule:
        points = small_count_points(Fraction(top), good + bad, bad, **rule)
        if points is not None:  # None: enough cases, the rate stands
            return float(points)
    return top * good / (good + bad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="evaluate --format json output")
    parser.add_argument("verdicts", type=Path, help="peer.py --verdicts output")
    parser.add_argument("--criteria", type=Path, default=ROOT / "criteria")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text("utf-8"))
    schema = {"unit": pl.String, "list": pl.String, "id": pl.String, "verdict": pl.String}
    verdicts = pl.read_csv(args.verdicts, schema_overrides=schema)
    found = differences(results, verdicts, args.criteria)
    print("\n".join(found[:20]) if found else f"same verdicts: {verdicts.height} records")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

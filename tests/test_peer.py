"""The benchmark's peer script (``benchmarks/peer.py``) gives every record the engine's verdict.

A small generated evaluation (``benchmarks/generate.py``: CSV units, inline
YAML units and a single-file unit) is scored by ``evaluate --format json``
and by the peer; each late, overdue, slow, vetoed, carried-over or missing
record the engine's findings name must be the peer's verdict of that record,
and the other way round, and the points the engine gives the rates must be
those the peer's counts give. The generated year is 2016 (holidays, make-up
working days, requests and messages carried over the year end); the same data
moved by three years (every date + 1,096 days, into 2019, the scheme's year
and snapshot with it) spans the 2019 regulation's first day, with the
``new_law`` reading and credited extensions as a third case. A peer whose
working-day count is one off must fail the comparison.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import polars as pl
import pytest
import yaml

from evaluator._core.model import small_count_points
from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Seed 5 draws all three submission forms (CSV lists, inline YAML, single file).
PLAN = {"units": 12, "records": 400, "seed": 5}
SHIFT = (dt.date(2019, 1, 1) - dt.date(2016, 1, 1)).days  # 1,096 days: 2016-01-01 -> 2019-01-01

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
INDICATOR = {"requests": "requests", "messages": "messages", "items": "timeliness"}


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", ROOT / "benchmarks" / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


peer = _script("peer.py")


def _shift(text: str) -> str:
    def moved(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group()) + dt.timedelta(days=SHIFT)).isoformat()

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", moved, text)


def _case(base: Path, submissions: Path, name: str, **params: Any) -> tuple[Path, Path]:
    """The generated units and a copy of the criteria, moved into 2019 (``name`` != 2016)."""
    if name == "2016":
        return submissions, ROOT / "criteria"
    folder, criteria = base / name / "submissions", base / name / "criteria"
    shutil.copytree(ROOT / "criteria", criteria)
    for path in submissions.rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".csv"):
            target = folder / path.relative_to(submissions)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_shift(path.read_text("utf-8")), "utf-8")
    scheme = criteria / "scheme.yaml"
    text = scheme.read_text("utf-8").replace("year: 2016", "year: 2019")
    scheme.write_text(text.replace("as_of: 2017-01-10", "as_of: 2020-01-10"), "utf-8")
    answers = criteria / "responsiveness.yaml"
    text = answers.read_text("utf-8")
    for key, value in params.items():
        text, count = re.subn(rf"({key}: )\S+", rf"\g<1>{value}", text)
        assert count == 1, key
    answers.write_text(text, "utf-8")
    return folder, criteria


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    generate = _script("generate.py")
    base = tmp_path_factory.mktemp("peer")
    folder = base / "2016" / "submissions"
    generate.generate(folder, generate.Plan(**PLAN), jobs=1)
    forms = {p.suffix or "folder" for p in folder.iterdir() if not p.name.startswith(".")}
    assert forms == {".yaml", "folder"}  # inline YAML and single-file units besides CSV ones
    yield base, folder


def _engine(folder: Path, criteria: Path, out: Path) -> dict[str, Any]:
    code = main([str(folder), "--criteria", str(criteria), "--format", "json", "-o", str(out)])
    assert code == 0
    results: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return results


def _named(unit: dict[str, Any], indicators: set[str], codes: set[str]) -> set[str]:
    return {
        record
        for indicator in unit["indicators"]
        if indicator["id"] in indicators
        for finding in indicator["findings"]
        if finding["code"] in codes
        for record in finding["records"]
    }


def differences(results: dict[str, Any], verdicts: pl.DataFrame, criteria: Path) -> list[str]:
    """Where the peer's verdicts and the engine's findings and points disagree."""
    small = {
        i["scorer"]: i.get("small_counts")
        for d in yaml.safe_load((criteria / "scheme.yaml").read_text("utf-8"))["dimensions"]
        for i in yaml.safe_load((criteria / d["file"]).read_text("utf-8"))["indicators"]
    }
    found = []
    for unit in results["units"]:
        mine = verdicts.filter(pl.col("unit") == unit["id"])
        points = {i["id"]: i for i in unit["indicators"]}
        for name, kinds in CODES.items():
            rows = mine.filter(pl.col("list") == name)
            indicators = {INDICATOR[name], "coverage"} if name == "items" else {INDICATOR[name]}
            for kind, codes in kinds.items():
                ours = set(rows.filter(pl.col("verdict") == kind)["id"])
                theirs = _named(unit, indicators, codes)
                if ours != theirs:
                    found.append(f"{unit['id']} {name} {kind}: peer {ours - theirs} only, "
                                 f"engine {theirs - ours} only")  # fmt: skip
            good, bad = (rows.filter(pl.col("verdict") == v).height for v in ("in_time", "late"))
            indicator = points[INDICATOR[name]]
            expected = _points(name, indicator, good, bad, rows, small)
            if expected is not None and abs(expected - indicator["points"]) > 1e-9:
                found.append(f"{unit['id']} {name}: {indicator['points']} points, peer {expected}")
        vetoed = _named(unit, {"messages"}, {"messages.unanswered"})
        if vetoed != set(mine.filter(pl.col("veto"))["id"]):
            found.append(f"{unit['id']} messages veto: engine {sorted(vetoed)}")
    return found


def _points(
    name: str,
    indicator: dict[str, Any],
    good: int,
    bad: int,
    rows: pl.DataFrame,
    small: dict[str, Any],
) -> float | None:
    """The points the peer's counts give an indicator (None: not a rate the peer has)."""
    top = indicator["max"]
    if name == "messages":
        return 0.0 if rows["veto"].any() or not good + bad else max(0.0, top - 2.0 * bad)
    if not good + bad:
        return 0.0
    rule = small.get("responsiveness.requests") if name == "requests" else None
    if rule:  # the engine's small-count rule (None: enough cases, the rate stands)
        points = small_count_points(Fraction(top), good + bad, bad, **rule)
        if points is not None:
            return float(points)
    return top * good / (good + bad)


CASES = {
    "2016": {},
    "2019": {},
    "2019-new-law": {"open_at_switch": "new_law", "credit_unproven_extensions": "true"},
}


@pytest.mark.parametrize("case", list(CASES))
def test_peer_verdicts_are_the_engines(generated: tuple[Path, Path], case: str) -> None:
    base, submissions = generated
    folder, criteria = _case(base, submissions, case, **CASES[case])
    results = _engine(folder, criteria, base / f"{case}.json")
    verdicts = peer.judge(folder, criteria)
    assert differences(results, verdicts, criteria) == []
    # the comparison has something to compare: every verdict, on every list
    counts = verdicts.group_by("list", "verdict").len()
    seen = {(r["list"], r["verdict"]) for r in counts.iter_rows(named=True)}
    for wanted in ("in_time", "late"):
        assert {(name, wanted) for name in CODES} <= seen, (wanted, seen)
    # carried over the year end (items are formed early enough to settle within it)
    assert {("requests", "later"), ("messages", "later"), ("items", "missing")} <= seen
    if case != "2016":  # requests on both sides of the 2019 regulation's first day
        received = pl.concat([pl.read_csv(p) for p in folder.rglob("requests.csv")])["received_on"]
        assert received.min() < "2019-05-15" < received.max()


def test_the_comparison_finds_a_day_off(
    generated: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A peer counting one working day more than the law allows disagrees with the engine."""
    base, submissions = generated
    results = _engine(submissions, ROOT / "criteria", base / "day-off.json")
    due = peer.Days.due
    monkeypatch.setattr(peer.Days, "due", lambda self, start, n: due(self, start, n + 1))
    found = differences(results, peer.judge(submissions, ROOT / "criteria"), ROOT / "criteria")
    assert any(" requests late" in line for line in found), found
    assert any(" messages late" in line for line in found), found

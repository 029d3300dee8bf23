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
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from script_modules import script_module

from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Seed 5 draws all three submission forms (CSV lists, inline YAML, single file).
PLAN = {"units": 12, "records": 400, "seed": 5}
SHIFT = (dt.date(2019, 1, 1) - dt.date(2016, 1, 1)).days  # 1,096 days: 2016-01-01 -> 2019-01-01


peer = script_module("benchmarks/peer.py", "benchmark_peer")
check = script_module("benchmarks/peer_check.py", "benchmark_peer_check")


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
    generate = script_module("benchmarks/generate.py", "benchmark_generate")
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
    assert check.differences(results, verdicts, criteria) == []
    # the comparison has something to compare: every verdict, on every list
    counts = verdicts.group_by("list", "verdict").len()
    seen = {(r["list"], r["verdict"]) for r in counts.iter_rows(named=True)}
    for wanted in ("in_time", "late"):
        assert {(name, wanted) for name in check.CODES} <= seen, (wanted, seen)
    # carried over the year end (items are formed early enough to settle within it)
    assert {("requests", "later"), ("messages", "later"), ("items", "missing")} <= seen
    requests = pl.concat(
        [pl.read_csv(p, try_parse_dates=True) for p in folder.rglob("requests.csv")]
    )
    if case == "2016":  # replies on make-up working days (Saturday 2016-02-06, Sunday 2016-09-18)
        replied = set(requests["replied_on"].drop_nulls())
        made_up = {d for d in replied if d.weekday() >= 5}
        assert len(made_up) >= 3, made_up
    else:  # requests on both sides of the 2019 regulation's first day
        received = requests["received_on"]
        assert received.min() < dt.date(2019, 5, 15) < received.max()


def test_the_comparison_finds_a_day_off(
    generated: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A peer counting one working day more than the law allows disagrees with the engine."""
    base, submissions = generated
    results = _engine(submissions, ROOT / "criteria", base / "day-off.json")
    due = peer.Days.due
    monkeypatch.setattr(peer.Days, "due", lambda self, start, n: due(self, start, n + 1))
    criteria = ROOT / "criteria"
    found = check.differences(results, peer.judge(submissions, criteria), criteria)
    assert any(" requests late" in line for line in found), found
    assert any(" messages late" in line for line in found), found

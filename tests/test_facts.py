"""Evaluator-owned facts: declared by plugins, recorded in criteria/facts.yaml, read by scorers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from evaluator._inputs.entries import survey
from evaluator._scheme.criteria import SchemeError
from evaluator._scoring.engine import Engine, Options, evaluate

MINI = Path(__file__).parent / "fixtures" / "mini"

SPY = """\
from evaluator import Fact, Outcome, hookimpl, scorer

SEEN = {}


@scorer("spy.facts", section="demo")
def facts(ctx):
    SEEN[ctx.unit.id] = dict(ctx.facts)
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [facts]


@hookimpl
def register_facts():
    return [
        Fact("checked_on", {"type": "string", "format": "date"}, title="检查日期"),
        Fact("enquiry_channel", {"type": "boolean"}, title="咨询建言渠道"),
    ]
"""

INDICATOR = """\
  - id: spy
    name: 事实
    points: 1
    scorer: spy.facts
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "plugins" / "spy.py").write_text(SPY, encoding="utf-8")
    dimension = root / "criteria" / "work.yaml"
    dimension.write_text(dimension.read_text(encoding="utf-8") + INDICATOR, encoding="utf-8")
    return root


def _engine(root: Path) -> Engine:
    return Engine.load(Options(str(root / "criteria"), str(root / "plugins"), entry_points=False))


def _facts(root: Path, text: str) -> None:
    (root / "criteria" / "facts.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def _score_here(engine: Engine, folder: Path) -> None:
    """Every unit of ``folder`` scored in this process, where the spy keeps what it saw."""
    entries, _ = survey(str(folder))
    for entry in entries:
        engine.process(entry, entry.path)


def _seen(engine: Engine) -> dict[str, dict[str, object]]:
    module = dict(engine.registry.manager.list_name_plugin())["spy"]
    seen: dict[str, dict[str, object]] = module.SEEN
    return seen


def test_scorer_reads_the_units_facts_over_the_defaults(mini: Path) -> None:
    _facts(
        mini,
        """\
        defaults: {enquiry_channel: true}
        units:
          b-alpha: {checked_on: 2017-01-09, enquiry_channel: false}
        """,
    )
    engine = _engine(mini)
    _score_here(engine, mini / "submissions")
    seen = _seen(engine)
    assert seen["b-alpha"] == {"checked_on": dt.date(2017, 1, 9), "enquiry_channel": False}
    assert seen["b-beta"] == {"enquiry_channel": True}


def test_without_a_facts_file_scorers_see_no_facts(mini: Path) -> None:
    engine = _engine(mini)
    _score_here(engine, mini / "submissions")
    seen = _seen(engine)
    assert seen and all(facts == {} for facts in seen.values())


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("defaults: {checked_on: 2017-13-01}\n", 1, "checked_on"),
        ("units:\n  b-alpha: {enquiry: false}\n", 2, "enquiry"),
        ("unit: {}\n", 1, "unit"),
    ],
)
def test_a_bad_facts_file_stops_the_run_located(
    mini: Path, text: str, line: int, fragment: str
) -> None:
    _facts(mini, text)
    with pytest.raises(SchemeError) as info:
        _engine(mini)
    (error,) = info.value.errors
    assert error.location.path.endswith("facts.yaml")
    assert error.location.line == line
    assert fragment in error.message


def test_facts_for_a_unit_without_a_submission_are_warned_about(mini: Path) -> None:
    _facts(mini, "units:\n  b-typo: {enquiry_channel: false}\n")
    evaluation = evaluate(_engine(mini), str(mini / "submissions"))
    assert any("b-typo" in str(w) for w in evaluation.warnings)


def test_facts_change_the_schemes_fingerprint(mini: Path) -> None:
    before = _engine(mini).scheme.sha256
    _facts(mini, "defaults: {enquiry_channel: true}\n")
    assert _engine(mini).scheme.sha256 != before


def test_schema_command_prints_the_facts_schema(mini: Path, run_cli) -> None:
    run = run_cli("schema", "facts", "--no-entry-points", cwd=mini)
    assert run.status == 0
    schema = json.loads(run.out)
    record = schema["properties"]["defaults"]["properties"]
    assert record["checked_on"]["title"] == "检查日期"
    assert record["enquiry_channel"] == {"type": "boolean", "title": "咨询建言渠道"}


def test_a_units_facts_reach_it_whatever_the_case_of_its_id(mini: Path) -> None:
    # issue 19: `XC-DASHILAN` in facts.yaml must not let xc-dashilan escape its entry
    _facts(mini, "units:\n  B-Alpha: {checked_on: 2017-01-09, enquiry_channel: false}\n")
    engine = _engine(mini)
    _score_here(engine, mini / "submissions")  # units are scored in workers: the spy is here
    assert _seen(engine)["b-alpha"] == {
        "checked_on": dt.date(2017, 1, 9),
        "enquiry_channel": False,
    }
    evaluation = evaluate(engine, str(mini / "submissions"))
    assert not [w for w in evaluation.warnings if w.code == "run.facts_unknown_unit"]


def test_two_facts_entries_equal_but_for_case_stop_the_run_located(mini: Path) -> None:
    _facts(
        mini,
        "units:\n  b-alpha: {enquiry_channel: true}\n  B-ALPHA: {enquiry_channel: false}\n",
    )
    with pytest.raises(SchemeError) as info:
        _engine(mini)
    (error,) = info.value.errors
    assert (error.location.line, error.location.column) == (3, 3)
    assert (error.code, dict(error.params)) == (
        "facts.unit_twice",
        {"id": "B-ALPHA", "first": "b-alpha"},
    )

"""Scorers read data they cannot change: one scorer's write never reaches another's reading."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

from evaluator import Outcome, Scorer, ScoringContext
from evaluator._core.frozen import FrozenDict, FrozenList, ReadOnlyError, freeze
from evaluator._core.model import Submission, Unit
from evaluator._scoring.engine import Engine

DATA = {"requests": [{"id": "r1", "n": 1}, {"id": "r2", "n": 2}], "hotline": {"calls": 3}}


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.clear(),
        lambda d: d.pop("requests"),
        lambda d: d.update(x=1),
        lambda d: d.setdefault("x", 1),
        lambda d: d.__setitem__("x", 1),
        lambda d: d.__delitem__("hotline"),
        lambda d: d["requests"].clear(),
        lambda d: d["requests"].append({}),
        lambda d: d["requests"].sort(key=str),
        lambda d: d["requests"].__setitem__(0, {}),
        lambda d: d["requests"][0].__setitem__("n", 9),
        lambda d: d["hotline"].update(calls=0),
    ],
)
def test_every_change_is_refused(change: Any) -> None:
    frozen = freeze(DATA)
    with pytest.raises(ReadOnlyError, match="read-only"):
        change(frozen)
    assert frozen == DATA


def test_frozen_data_reads_like_the_original() -> None:
    frozen = freeze(DATA)
    assert isinstance(frozen, dict) and isinstance(frozen["requests"], list)
    assert frozen == DATA and json.dumps(frozen) == json.dumps(DATA)
    assert type(frozen["requests"][0]) is FrozenDict and type(frozen["requests"]) is FrozenList


def test_copies_are_ordinary_and_changeable() -> None:
    frozen = freeze(DATA)
    mine = copy.deepcopy(frozen)
    mine["requests"][0]["n"] = 9
    mine["requests"].clear()
    assert frozen == DATA and type(mine) is dict
    shallow = copy.copy(frozen["requests"])
    shallow.append({})
    assert len(frozen["requests"]) == 2


def test_frozen_data_pickles() -> None:
    frozen = freeze(DATA)
    back = pickle.loads(pickle.dumps(frozen))
    assert back == DATA and type(back) is FrozenDict


def _unit_scored_after(engine: Engine, first: Any) -> list[Any]:
    """Score a unit with ``first`` then a reader, as one engine does; what each indicator gave."""
    seen: list[Any] = []

    def reader(ctx: ScoringContext) -> Outcome:
        seen.append((copy.deepcopy(ctx.data), copy.deepcopy(ctx.params)))
        return Outcome(ctx.max_points)

    engine.registry.scorers["demo.share"] = Scorer("demo.share", first, section="demo")
    engine.registry.scorers["demo.tasks"] = Scorer("demo.tasks", reader, section="demo")
    submission = Submission(
        Unit("b-alpha", "甲", "bureau"),
        {"demo": {"required": 2, "tasks": [{"id": "t1"}]}},
        "b-alpha.yaml",
        "",
    )
    result = engine.score(submission)
    return [result, seen]


def test_a_scorer_that_writes_fails_alone_naming_itself(mini_engine: Engine) -> None:
    def vandal(ctx: ScoringContext) -> Outcome:
        ctx.data["tasks"].clear()
        return Outcome(0)

    result, seen = _unit_scored_after(mini_engine, vandal)
    share = next(i for i in result.indicators if i.id == "share")
    assert share.status == "error"
    assert share.findings[0].params["scorer"] == "demo.share"
    assert share.findings[0].params["error"].startswith("ReadOnlyError")
    (data, _), *_ = seen
    assert data["tasks"] == [{"id": "t1"}]  # the next scorer read the unit's data intact


def test_params_are_read_only_too(mini_engine: Engine) -> None:
    def vandal(ctx: ScoringContext) -> Outcome:
        ctx.params["strict"] = False  # type: ignore[index]
        return Outcome(0)

    result, _ = _unit_scored_after(mini_engine, vandal)
    share = next(i for i in result.indicators if i.id == "share")
    assert share.status == "error"
    assert "ReadOnlyError" in share.findings[0].params["error"]

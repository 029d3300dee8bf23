"""Fixtures for scorer tests: build a ScoringContext with defaults for a 2016 bureau."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from plugin_support import MakeContext

from evaluator import Scorer, ScoringContext
from evaluator.inputs.validation import apply_defaults
from evaluator.model import Checklist, Unit


@pytest.fixture
def make_context() -> MakeContext:
    """Build a ScoringContext with sensible defaults for a 2016 bureau.

    With ``scorer``, absent params get the defaults of its params schema, as
    the engine fills them when it loads the criteria. ``facts`` are the
    evaluator's (``criteria/facts.yaml``); none by default.
    """

    def make(
        data: Any,
        *,
        params: Mapping[str, Any] | None = None,
        max_points: float = 100.0,
        unit: Unit | None = None,
        year: int = 2016,
        as_of: dt.date = dt.date(2017, 1, 10),
        regime: str = "ogi-2008",
        checklists: Mapping[str, Checklist] | None = None,
        submission: Mapping[str, Any] | None = None,
        indicator: str = "test_indicator",
        scorer: Scorer | None = None,
        facts: Mapping[str, Any] | None = None,
    ) -> ScoringContext:
        given = dict(params or {})
        return ScoringContext(
            unit=unit or Unit("xc-test", "测试局", "bureau"),
            data=data,
            submission=submission if submission is not None else {},
            params=apply_defaults(given, scorer.params) if scorer else given,
            max_points=max_points,
            indicator=indicator,
            year=year,
            as_of=as_of,
            regime=regime,
            checklists=checklists or {},
            facts=dict(facts or {}),
        )

    return make

"""Fixtures for scorer tests: build a ScoringContext with defaults for a 2016 bureau."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from plugin_support import MakeContext

from evaluator.model import Checklist, Unit
from evaluator.scorer import ScoringContext


@pytest.fixture
def make_context() -> MakeContext:
    """Build a ScoringContext with sensible defaults for a 2016 bureau."""

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
    ) -> ScoringContext:
        return ScoringContext(
            unit=unit or Unit("xc-test", "测试局", "bureau"),
            data=data,
            submission=submission if submission is not None else {},
            params=params or {},
            max_points=max_points,
            indicator=indicator,
            year=year,
            as_of=as_of,
            regime=regime,
            checklists=checklists or {},
        )

    return make

"""Fixtures for scorer tests: the context a run gives a scorer, built by evaluator.testing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from plugin_support import MakeContext, areas

from evaluator import Scorer, ScoringContext, testing
from evaluator._core.frozen import freeze
from evaluator._core.model import Checklist, Unit


@pytest.fixture
def make_context() -> MakeContext:
    """Build the ScoringContext a run gives ``scorer``, for a 2016 bureau by default.

    The section's ``data`` (and ``submission``'s other sections) are validated
    and converted against their schemas, absent params get their defaults and
    params are validated, everything read-only: exactly as in a run
    (:meth:`evaluator.testing.PluginUnderTest.context`). Without ``scorer``, a
    context around ``data`` as given, for helpers that take one.
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
        self_claims: str = "trusted",
        small_counts: Mapping[str, Any] | None = None,
    ) -> ScoringContext:
        unit = unit or Unit("xc-test", "测试局", "bureau")
        if scorer is None:
            return ScoringContext(
                unit=unit,
                data=freeze(data),
                submission=freeze(dict(submission or {})),
                params=freeze(dict(params or {})),
                max_points=max_points,
                indicator=indicator,
                year=year,
                as_of=as_of,
                regime=regime,
                checklists=checklists or {},
                facts=freeze(dict(facts or {})),
            )
        # the scheme has the unit's kind, whatever it is: a bureau and a street besides
        kinds = {**testing.DEFAULT_UNIT_TYPES, unit.type: unit.type}
        return areas().context(
            scorer,
            data,
            unit_types=kinds,
            params=params,
            max_points=max_points,
            unit=unit,
            year=year,
            as_of=as_of,
            regime=regime,
            checklists=checklists,
            submission=submission,
            indicator=indicator,
            facts=facts,
            self_claims=self_claims,
            small_counts=small_counts,
        )

    return make

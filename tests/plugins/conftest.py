"""Fixtures for scorer tests: load a plugin module from ``plugins/`` and build contexts."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from evaluator.model import Checklist, Unit
from evaluator.scorer import Scorer, ScoringContext

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"


def load_plugin(name: str) -> ModuleType:
    """Import ``plugins/<name>.py`` the way the engine does (by path, not by package)."""
    module_name = f"evaluator_test_plugin_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PLUGINS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def scorers_of(module: ModuleType) -> dict[str, Scorer]:
    """The scorers a plugin module registers, by name."""
    return {s.name: s for s in module.register_scorers()}


MakeContext = Callable[..., ScoringContext]


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

"""Helpers for scorer tests: the built-in areas loaded with :mod:`evaluator.testing`."""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from evaluator import Finding, Outcome, Scorer, ScoringContext, testing

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

MakeContext = Callable[..., ScoringContext]


AREAS = (
    "annual_report",
    "decision_openness",
    "key_area_disclosure",
    "policy_interpretation",
    "responsiveness",
    "safeguards",
    "website",
)


@cache
def areas() -> testing.PluginUnderTest:
    """Every built-in area (``evaluator_areas``), loaded together as a run loads them."""
    return testing.load_plugin(*(importlib.import_module(f"evaluator_areas.{a}") for a in AREAS))


def load_plugin(name: str) -> ModuleType:
    """The package of the area ``name`` (``evaluator_areas.<name>``), as a run loads it."""
    module = areas().plugins[name]
    assert isinstance(module, ModuleType)
    return module


def scorers_of(module: ModuleType) -> dict[str, Scorer]:
    """The scorers a plugin module registers, by name."""
    return {s.name: s for s in module.register_scorers()}


def codes(outcome: Outcome) -> list[str]:
    """The codes of an outcome's findings, in order."""
    return testing.codes(outcome)


def only(outcome: Outcome, code: str) -> Finding:
    """The one finding with ``code``; fails the test unless there is exactly one."""
    return testing.finding(outcome, code)


def deductions_explain_points(outcome: Outcome, max_points: float) -> bool:
    """Whether the findings' deductions add up to exactly the points lost."""
    lost = sum(f.deduction or 0.0 for f in outcome.findings)
    return math.isclose(outcome.points, max_points - lost, rel_tol=1e-9, abs_tol=1e-9)


def worded(module: ModuleType, finding: Finding, lang: str = "zh") -> str:
    """The text the engine writes for ``finding`` with the plugin's and the shared texts."""
    from evaluator._core.catalogue import ENGINE

    return ENGINE.extended(module.register_messages()).text(finding.code, finding.params, lang)


def lost(outcome: Outcome) -> list[tuple[str, tuple[str, ...]]]:
    """The code and records of each finding that costs points, in order."""
    return [(f.code, f.records) for f in outcome.findings if f.deduction]

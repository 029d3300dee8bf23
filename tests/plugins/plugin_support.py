"""Helpers for scorer tests: load a plugin module from ``plugins/`` the way the engine does."""

from __future__ import annotations

import importlib.util
import math
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from evaluator import Finding, Outcome, Scorer, ScoringContext

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

MakeContext = Callable[..., ScoringContext]


def load_plugin(name: str) -> ModuleType:
    """Import ``plugins/<name>.py`` by path (plugins are files, not a package)."""
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


def codes(outcome: Outcome) -> list[str]:
    """The codes of an outcome's findings, in order."""
    return [f.code for f in outcome.findings]


def only(outcome: Outcome, code: str) -> Finding:
    """The one finding with ``code``; fails the test unless there is exactly one."""
    found = [f for f in outcome.findings if f.code == code]
    assert len(found) == 1, outcome.findings
    return found[0]


def deductions_explain_points(outcome: Outcome, max_points: float) -> bool:
    """Whether the findings' deductions add up to exactly the points lost."""
    lost = sum(f.deduction or 0.0 for f in outcome.findings)
    return math.isclose(outcome.points, max_points - lost, rel_tol=1e-9, abs_tol=1e-9)


def worded(module: ModuleType, finding: Finding, lang: str = "zh") -> str:
    """The text the engine writes for ``finding`` with the plugin's and the shared texts."""
    from evaluator.catalogue import ENGINE

    return ENGINE.extended(module.register_messages()).text(finding.code, finding.params, lang)


def lost(outcome: Outcome) -> list[tuple[str, tuple[str, ...]]]:
    """The code and records of each finding that costs points, in order."""
    return [(f.code, f.records) for f in outcome.findings if f.deduction]

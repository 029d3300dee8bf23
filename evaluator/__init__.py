"""evaluator: third-party evaluation of government information disclosure.

This module is the plugin face: everything a scorer needs is importable from
here. Decorate a function with :func:`scorer`, return it from a
``register_scorers`` hook marked with :data:`hookimpl`, and score with
:class:`Outcome` and :class:`Finding`. The other public modules are
:mod:`evaluator.hookspecs` (the hooks), :mod:`evaluator.plugin_api` (the scorer
API, all of it also here), :mod:`evaluator.rules` (reusable rules),
:mod:`evaluator.section_schema` (schema builders), :mod:`evaluator.working_days`
(China's official working days) and :mod:`evaluator.testing` (the testing kit);
docs/plugins.md is the guide. Modules and packages whose names start with ``_``
are the engine's own and may change without notice.
"""

from __future__ import annotations

import os
import sys

# `python -m evaluator` puts the current folder first on the import path, and an
# evaluation is often run from inside a unit's folder: a `yaml.py` or `fractions.py`
# placed there by the unit would be imported in place of the real module. The
# command never imports from the current folder; this runs before any other import.
if sys.argv[:1] == ["-m"] and not sys.flags.safe_path:
    _here = os.getcwd()
    sys.path[:] = [p for p in sys.path if p not in ("", ".", _here)]

from typing import TYPE_CHECKING, Any

from evaluator._core.frozen import FrozenDict, FrozenList
from evaluator._core.messages import Templates
from evaluator._core.model import (
    Checklist,
    ChecklistItem,
    Finding,
    Scheme,
    SourceDocument,
    Unit,
    exact_number,
)
from evaluator._core.version import __version__
from evaluator.plugin_api import (
    NO_PARAMS,
    Coded,
    Evidence,
    EvidenceList,
    Fact,
    FileRefused,
    Outcome,
    ParamsCheck,
    Problem,
    ReadFigure,
    RecordColumns,
    ReportReading,
    Scorer,
    ScoringContext,
    Section,
    closed,
    column_of,
    scorer,
)

if TYPE_CHECKING:
    from evaluator.hookspecs import hookimpl

__all__ = [
    "NO_PARAMS",
    "Checklist",
    "ChecklistItem",
    "Coded",
    "Evidence",
    "EvidenceList",
    "Fact",
    "FileRefused",
    "Finding",
    "FrozenDict",
    "FrozenList",
    "Outcome",
    "ParamsCheck",
    "Problem",
    "ReadFigure",
    "RecordColumns",
    "ReportReading",
    "Scheme",
    "Scorer",
    "ScoringContext",
    "Section",
    "SourceDocument",
    "Templates",
    "Unit",
    "__version__",
    "closed",
    "column_of",
    "exact_number",
    "hookimpl",
    "scorer",
]


def __getattr__(name: str) -> Any:
    # hookimpl needs pluggy: imported on first use, so that `evaluate --version`
    # and `--help` load no dependency at all.
    if name == "hookimpl":
        from evaluator.hookspecs import hookimpl

        globals()["hookimpl"] = hookimpl
        return hookimpl
    raise AttributeError(f"module 'evaluator' has no attribute {name!r}")

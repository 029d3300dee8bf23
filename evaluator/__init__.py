"""evaluator: third-party evaluation of government information disclosure.

The public API for plugin authors is re-exported here: decorate a function with
:func:`scorer`, return it from a ``register_scorers`` hook marked with
:data:`hookimpl`, and score with :class:`Outcome` and :class:`Finding`. Test a
plugin as the engine runs it with :mod:`evaluator.testing`; docs/plugins.md is
the guide.
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

from evaluator import _moved
from evaluator.model import Finding, Scheme
from evaluator.plugin_api import Fact, Outcome, Scorer, ScoringContext, Section, scorer

if TYPE_CHECKING:
    from evaluator.hookspecs import hookimpl

__version__ = "0.1.0"

_moved.install()

__all__ = [
    "Fact",
    "Finding",
    "Outcome",
    "Scheme",
    "Scorer",
    "ScoringContext",
    "Section",
    "__version__",
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

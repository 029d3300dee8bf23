"""evaluator: third-party evaluation of government information disclosure.

The public API for plugin authors is re-exported here: decorate a function with
:func:`scorer`, return it from a ``register_scorers`` hook marked with
:data:`hookimpl`, and score with :class:`Outcome` and :class:`Finding`.
"""

from __future__ import annotations

from evaluator.hookspecs import hookimpl
from evaluator.model import Finding
from evaluator.scorer import Outcome, Scorer, ScoringContext, Section, scorer

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "Outcome",
    "Scorer",
    "ScoringContext",
    "Section",
    "__version__",
    "hookimpl",
    "scorer",
]

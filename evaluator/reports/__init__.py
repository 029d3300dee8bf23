"""Renderings of an evaluation's canonical results: one module per output form.

No renderer recomputes a score; each formats what the
:class:`~evaluator.model.Evaluation` holds, as Lighthouse renders its JSON.
"""

from __future__ import annotations

from evaluator.reports.text import FORMATS, render, write

__all__ = ["FORMATS", "render", "write"]

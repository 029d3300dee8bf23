"""An empty record list against what shows records of its kind: ``integrity.empty_but_reported``.

A unit that hands in an empty list (``requests: []``, an empty 依申请公开 sheet,
本年度无) makes the indicator not applicable. Where something else shows that
the unit does handle records of that kind, the empty list is flagged, naming
both the list and what shows the records. The sources, in order (the first that
shows records is named):

* the unit's own annual report, its typed figures (``annual_report.figures``):
  the first of the indicator's ``empty_but_reported.figures`` it gives, when
  above 0 (the report covers the year before the assessed one, so it shows the
  kind of record the unit handles rather than this year's count);
* the evaluator's own test requests (issue 21's evidence folder) are to be one
  more source here: :data:`SOURCES`.

The indicator's param ``empty_but_reported.cost`` says what the flag costs:
``none`` (the default: the finding is listed for the evaluator to check, and the
indicator stays not applicable) or ``points`` (the indicator scores 0).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import Finding, Outcome, ScoringContext
from evaluator.rules import Term, terms
from evaluator.section_schema import ID

EMPTY_BUT_REPORTED = "integrity.empty_but_reported"

PARAM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "figures": {
            "type": "array",
            "items": {**ID, "description": "a dotted path in annual_report.figures"},
            "description": "the annual report's figures that count records of the list's "
            "kind, the first given one read",
        },
        "cost": {
            "type": "string",
            "enum": ["none", "points"],
            "description": "what an empty list costs when a source shows records: none (listed "
            "for the evaluator) or points (the indicator scores 0)",
        },
    },
    "required": ["figures", "cost"],
    "additionalProperties": False,
}
"""The schema of an indicator's ``empty_but_reported`` param."""


@dataclass(frozen=True)
class Shown:
    """Where records of a kind are shown: the source, what in it, the count, the year."""

    source: str
    figure: str
    value: float
    year: int | None


def _figure(figures: Any, path: str) -> float | None:
    """The value of the figure at a dotted ``path`` (a number or ``{value: ...}``), if given."""
    node = figures
    for name in path.split("."):
        if not isinstance(node, Mapping) or name not in node:
            return None
        node = node[name]
    if isinstance(node, Mapping):
        node = node.get("value")
    if isinstance(node, bool) or not isinstance(node, int | float):
        return None
    return float(node)


def from_annual_report(ctx: ScoringContext, figures: Sequence[str]) -> Shown | None:
    """The first of ``figures`` the unit's annual report gives above 0."""
    report = ctx.submission.get("annual_report") or {}
    for path in figures:
        value = _figure(report.get("figures"), path)
        if value is not None:
            if value <= 0:
                return None  # the report's count of the kind says none as well
            return Shown("annual_report", path, value, report.get("year"))
    return None


SOURCES: tuple[Callable[[ScoringContext, Sequence[str]], Shown | None], ...] = (
    from_annual_report,
    # issue 21: the evaluator's test requests (evidence/) join here as a source.
)
"""Where records of a kind may be shown, asked in order."""


_COSTS = Term("本项不得分", "the indicator scores 0")
_LISTED = Term("暂不扣分，请评估方核实", "no points lost until the evaluator checks")


def check_empty(ctx: ScoringContext, what: Term, path: str, outcome: Outcome) -> Outcome:
    """``outcome`` (of the empty list at ``path``, ``responsiveness.requests``) with
    ``integrity.empty_but_reported`` when a source shows records of the kind, at the
    cost the indicator's ``empty_but_reported.cost`` sets."""
    setting = ctx.params["empty_but_reported"]
    for source in SOURCES:
        shown = source(ctx, setting["figures"])
        if shown is not None:
            break
    else:
        return outcome
    costs = setting["cost"] == "points"
    params = {
        **terms(what=what, effect=_COSTS if costs else _LISTED),
        "list": path,
        "source": shown.source,
        "figure": shown.figure,
        "value": int(shown.value) if shown.value.is_integer() else shown.value,
        "report_year": shown.year if shown.year is not None else "",
    }
    lost = float(ctx.max_points) if costs else 0.0
    finding = Finding(EMPTY_BUT_REPORTED, params=params, deduction=lost)
    if costs:
        return Outcome(0, (*outcome.findings, finding))
    return Outcome(outcome.points, (*outcome.findings, finding), outcome.status)

"""A plugin that misbehaves on request, to pin failure isolation (tests/test_hostile_cli.py).

Each unit's ``rogue.mode`` picks the failure: raise, points out of range,
a non-finite number, a malformed return value or malformed findings.
"""

from __future__ import annotations

from typing import Any

from evaluator import Finding, Outcome, ScoringContext, Section, hookimpl, scorer

MODES = ["fine", "raise", "too_many", "negative", "nan", "not_an_outcome", "bad_findings"]


@scorer("rogue.misbehave", section="rogue", params={"type": "object"})
def misbehave(ctx: ScoringContext) -> Any:
    """Full points, or the failure the unit asked for."""
    mode = ctx.data["mode"]
    if mode == "raise":
        raise ZeroDivisionError("division by zero in a rogue rule")
    if mode == "too_many":
        return Outcome(ctx.max_points + 5)
    if mode == "negative":
        return Outcome(-1.0)
    if mode == "nan":
        return Outcome(float("nan"))
    if mode == "not_an_outcome":
        return {"points": 1}
    if mode == "bad_findings":
        return Outcome(1.0, ("lost a point",))  # type: ignore[arg-type]
    return Outcome(ctx.max_points, (Finding("rogue.fine", "fine"),))


@hookimpl
def register_sections() -> list[Section]:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["mode"],
        "properties": {"mode": {"enum": MODES}},
    }
    return [Section("rogue", schema)]


@hookimpl
def register_scorers() -> list[object]:
    return [misbehave]

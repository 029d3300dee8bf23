"""Few cases, bounded stakes: an indicator judged on fewer cases than its criteria's threshold.

A rate over two cases swings from 100% to 50% on one case: one overturned
appeal of two, or a single late incident, would cost a unit the whole
indicator, and the ranking would say more about luck than about its work.
An indicator's criteria may therefore set ``small_counts: {below: N,
per_case: P, cap: C}``: judged on fewer than N cases, it loses P points per
failed case, at most C in all, instead of what the rate would cost. The
scorer says how many cases it judged and how many failed
(``Outcome(cases=..., failed=...)``); the rule is the engine's, once
(:func:`~evaluator._core.model.small_count_points`), applied here for the scoring of
every unit and for the perturbed draws of rank robustness, and by a scorer working
out what its points would be under another reading of a unit's claims
(:meth:`~evaluator.plugin_api.ScoringContext.as_scored`).
"""

from __future__ import annotations

from fractions import Fraction

from evaluator._core.model import Cases, Finding, Indicator, exact_number, small_count_points

__all__ = ["SMALL_COUNTS", "apply_small_counts", "small_count_points"]

SMALL_COUNTS = "engine.small_counts"
"""The finding that says an indicator was scored by the small-count rule, not its rate."""


def apply_small_counts(
    indicator: Indicator, by_rate: Fraction, judged: int, failed: int, precision: int
) -> tuple[Fraction, Cases, Finding | None]:
    """The indicator's points under its ``small_counts``, the cases kept, and the finding.

    ``by_rate`` are the points the scorer's rate gave. The finding (``None``
    when the rule did not apply, or applied with nothing failed and nothing
    changed) says how many cases, how many failed, the rule and what the rate
    would have given; it carries no deduction (the scorer's findings keep
    theirs, scaled to the points lost).
    """
    rule = indicator.small_counts
    assert rule is not None
    cases = Cases(judged, failed, by_rate)
    maximum = exact_number(indicator.points)
    points = small_count_points(
        maximum, judged, failed, below=rule.below, per_case=rule.per_case, cap=rule.cap
    )
    if points is None or (not failed and points == by_rate):
        return by_rate, cases, None
    params = {
        "judged": judged,
        "failed": failed,
        "below": rule.below,
        "per_case": rule.per_case,
        "cap": rule.cap,
        "lost": float(maximum - points),
        "by_rate": _rounded(by_rate, precision),
    }
    return points, cases, Finding(SMALL_COUNTS, params=params)


def _rounded(points: Fraction, places: int) -> float:
    """Points as a float of at most ``places`` decimals, half-up (for a message)."""
    scaled = points * 10**places
    return float(Fraction(int(scaled + Fraction(1, 2)), 10**places))

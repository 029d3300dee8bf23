"""Deductions withdrawn since an earlier results file: ``--baseline`` against the run before
the review (复核).

A finding of the earlier file that cost points (unit, indicator, code, records)
is withdrawn, wholly or in part, when its deduction is gone or smaller now, or
when a review decision of this run restored points on it (the engine raises the
indicator and keeps the finding as it was scored, so the decision is what says
so). Each is listed with the deduction before and after and the decision that
did it, when there is one; a deduction gone without one (the evaluator's facts
file changed, say) is listed with none. Published numbers only: nothing is
re-scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator._reports.cells import cost

__all__ = ["Lost", "lost_points", "withdrawn"]

Doc = Mapping[str, Any]


@dataclass(frozen=True)
class Lost:
    """A finding of the earlier file that cost points: where, which records, how much, and
    its text."""

    indicator: str
    code: str
    records: tuple[str, ...]
    deduction: float
    message: str


def lost_points(unit: Doc) -> tuple[Lost, ...]:
    """The findings of an earlier file's unit that cost points, in its order."""
    return tuple(
        Lost(
            str(indicator["id"]),
            str(finding["code"]),
            tuple(str(r) for r in finding.get("records") or ()),
            cost(finding),
            str(finding.get("message") or ""),
        )
        for indicator in unit.get("indicators") or ()
        for finding in indicator.get("findings") or ()
        if cost(finding) > 0
    )


def withdrawn(earlier: Sequence[Lost], unit: Doc, precision: int) -> list[dict[str, Any]]:
    """The unit's ``baseline.withdrawn``: each earlier deduction withdrawn or reduced, as
    ``{indicator, code, records, message, before, after, decision}`` (``records`` the ones
    withdrawn when that is known, ``decision`` the review's ``{decision, points, reason,
    reviewer, decided_on}`` or null), at ``precision``."""
    now = _deductions_now(unit)
    reviews = list(unit.get("reviews") or ())
    left = {n: _left_now(lost, now) for n, lost in enumerate(earlier)}
    named: dict[int, tuple[str, ...]] = {}
    decided: dict[int, Doc] = {}
    for review in reviews:  # each decision's points go to the findings it names, in order
        matching = [n for n, lost in enumerate(earlier) if _names(review, lost)]
        remaining = _number(review.get("points"))
        for n in matching:
            if review.get("decision") != "rejected":
                decided.setdefault(n, review)
            take = min(remaining, left[n][0])
            if take > 0:
                left[n] = (left[n][0] - take, left[n][1])
                remaining -= take
                records = tuple(r for r in review.get("records") or () if r in earlier[n].records)
                named[n] = records or named.get(n, ())
    found = []
    for n, lost in enumerate(earlier):
        after, gone_records = left[n]
        if round(lost.deduction - after, precision) <= 0:
            continue
        review = decided.get(n) or _claim_decision(reviews, lost)
        found.append(
            {
                "indicator": lost.indicator,
                "code": lost.code,
                "records": list(named.get(n) or gone_records or lost.records),
                "message": lost.message,
                "before": round(lost.deduction, precision),
                "after": round(max(after, 0.0), precision),
                "decision": None if review is None else _decision(review),
            }
        )
    return found


def _deductions_now(unit: Doc) -> dict[tuple[str, str], list[tuple[tuple[str, ...], float]]]:
    """The unit's findings now by (indicator, code): their records and deduction."""
    now: dict[tuple[str, str], list[tuple[tuple[str, ...], float]]] = {}
    for indicator in unit.get("indicators") or ():
        for finding in indicator.get("findings") or ():
            records = tuple(str(r) for r in finding.get("records") or ())
            lost = (records, cost(finding))
            now.setdefault((str(indicator["id"]), str(finding["code"])), []).append(lost)
    return now


def _left_now(
    lost: Lost, now: Mapping[tuple[str, str], Sequence[tuple[tuple[str, ...], float]]]
) -> tuple[float, tuple[str, ...]]:
    """What the earlier finding costs now, and the records no longer named when the
    finding now names fewer of them (a merged finding some of whose records went)."""
    same = now.get((lost.indicator, lost.code), ())
    exact = [c for records, c in same if records == lost.records]
    if exact:
        return min(sum(exact), lost.deduction), ()
    fewer = [(r, c) for r, c in same if r and set(r) < set(lost.records)]
    if fewer:
        kept = {record for records, _ in fewer for record in records}
        gone = tuple(r for r in lost.records if r not in kept)
        return min(sum(c for _, c in fewer), lost.deduction), gone
    return 0.0, ()


def _names(review: Doc, lost: Lost) -> bool:
    """Whether a decision is about the earlier finding: its indicator and code, and its
    records (none named: all of them)."""
    if review.get("indicator") != lost.indicator or review.get("code") != lost.code:
        return False
    records = review.get("records") or ()
    return not records or bool(set(records) & set(lost.records)) or not lost.records


def _claim_decision(reviews: Iterable[Doc], lost: Lost) -> Doc | None:
    """A decision on a claim (an ``audit.`` code) of the same indicator that raised its
    score: confirming a claim re-scores the indicator, so it withdraws other findings."""
    return next(
        (
            r
            for r in reviews
            if r.get("indicator") == lost.indicator
            and str(r.get("code", "")).startswith("audit.")
            and _number(r.get("after")) > _number(r.get("before"))
        ),
        None,
    )


def _decision(review: Doc) -> dict[str, Any]:
    keys = ("decision", "points", "reason", "reviewer", "decided_on")
    return {k: review.get(k) for k in keys}


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0

"""Findings every area plugin words alike: lists for audit, copies of a record, shares of points."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from evaluator import Finding, Outcome, exact_number
from evaluator.rules import (
    DUPLICATE_ID,
    NONE_REPORTED,
    PART_EXCEEDS_TOTAL,
    SAME_CONTENT,
    Term,
    subject,
    terms,
    visible,
    worst_copy_counts,
)

SHOWN = 20
"""How many ids a listing's text shows; its ``records`` name them all."""


def shown(ids: Sequence[str]) -> list[str]:
    """The ids a text shows: the first :data:`SHOWN`, then an ellipsis for the rest."""
    return [*ids[:SHOWN], "…"] if len(ids) > SHOWN else list(ids)


def listing(code: str, ids: Sequence[str], **extra: Any) -> Finding:
    """One finding listing records (at no cost): an audit list or the carried-over ones.

    ``records`` names every record; the text shows the first :data:`SHOWN` and
    the ``count`` of them all.
    """
    unique = tuple(dict.fromkeys(ids))
    return Finding(
        code, records=unique, params={"ids": shown(unique), "count": len(unique), **extra}
    )


def part_exceeds_total(
    part: tuple[Term, int],
    whole: tuple[Term, int],
    effect: Term,
    records: tuple[str, ...],
    deduction: float | None = None,
) -> Finding:
    """A figure above the total it is part of (``connected`` above ``calls``), with both values."""
    (part_name, part_value), (whole_name, whole_value) = part, whole
    params = {
        **terms(part=part_name, whole=whole_name, effect=effect),
        "part": part_value,
        "whole": whole_value,
    }
    return Finding(PART_EXCEEDS_TOTAL, records=records, deduction=deduction, params=params)


def duplicate(what: Term, ids: Sequence[str], kept: int, effect: Term | None = None) -> Finding:
    """The finding for one record submitted several times (``ids`` as written).

    ``kept`` is the position of the copy that counted (its worst); ``effect``
    says otherwise how the copies were judged.
    """
    written = list(dict.fromkeys(visible(i) for i in ids))
    effect = effect or worst_copy_counts(kept + 1)
    params = {
        **terms(subject=subject(what, visible(ids[0])), effect=effect),
        "id": ids[0],
        "copies": len(ids),
        "variants": written,
    }
    return Finding(DUPLICATE_ID, records=tuple(dict.fromkeys(ids)), params=params)


def same_content_finding(what: Term, ids: Sequence[str], groups: int) -> Finding:
    """The audit finding listing records equal in everything but their ids (not merged)."""
    params = {**terms(what=what), "ids": shown(ids), "groups": groups, "count": len(ids)}
    return Finding(SAME_CONTENT, records=tuple(ids), params=params)


def none_reported(what: Term) -> Outcome:
    """No record of this kind reported: not applicable, and listed for audit."""
    finding = Finding(NONE_REPORTED, params=terms(what=what))
    return Outcome(0, (finding,), "not_applicable")


def share_of(
    max_points: float, judged: int, failed: Sequence[tuple[str, str, dict[str, Any]]]
) -> tuple[Fraction, list[Finding]]:
    """Points in proportion to judged records without failure, each failure costing its share."""
    whole = exact_number(max_points)
    deduction = float(whole / judged)  # each failure's, made once
    findings = [
        Finding(code, records=(rid,), deduction=deduction, params=values)
        for rid, code, values in failed
    ]
    return whole * (judged - len(failed)) / judged, findings

"""A unit's own classes of its records (claims): confirmed, trusted or strict, and their stakes.

A unit classes some records itself: a website column's kind, an incident's
level, a document as normative or major. Where a record's verdict under the
stricter class its field names (the *alternative*: news for a column whose
name says nothing, major for an incident or a document) fails it and its
verdict under the class given does not, the class is a *claim* that lowers
the unit's bar. The scheme's ``self_claims`` says how an unconfirmed claim is
scored:

- ``trusted`` (the default): by the class given; the claim is listed as to be
  verified (待核实) with the points the indicator would lose were it refused;
- ``strict``: by the alternative, until the evaluator confirms the claim; it
  is listed with the points confirming it would give back.

A claim the evaluator confirmed is scored as given and not listed; one it
refused on review (复核, 不采纳) is scored by its alternative and not listed
either. Each area reads its confirmations in one function of its own
(:func:`decided_records`: the facts file and the review decisions), so that
another source can feed it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from evaluator import Finding, ScoringContext, exact_number
from evaluator.rules import Term, normalise_id, terms

from .findings import shown

STRICT = "strict"
"""The ``self_claims`` policy that scores an unconfirmed claim by its alternative."""

_NO_VETO = Term("", "")
_VETO = Term("（涉及单项否决）", " (a single veto turns on them)")


def confirmed_records(facts: Mapping[str, Any], fact: str) -> frozenset[str]:
    """The records (ids or names as :func:`~evaluator.rules.normalise_id` reads them) whose
    class the evaluator confirmed, listed in the fact ``fact`` (none when it is absent)."""
    return frozenset(normalise_id(str(record)) for record in facts.get(fact) or ())


@dataclass(frozen=True)
class Decided:
    """The records (as :func:`~evaluator.rules.normalise_id` reads them) whose class the
    evaluator confirmed (the facts file, or a review decision 采纳) or refused (a review
    decision 不采纳, which wins over the facts file: it is the later word)."""

    confirmed: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()


def decided_records(ctx: ScoringContext, fact: str) -> Decided:
    """The records whose class the evaluator decided: confirmed in the fact ``fact`` of the
    facts file or by a review decision, refused by a review decision (``ctx.claim_reviews``)."""
    reviewed = ctx.claim_reviews
    refused = frozenset(normalise_id(str(r)) for r, confirmed in reviewed.items() if not confirmed)
    confirmed = frozenset(normalise_id(str(r)) for r, yes in reviewed.items() if yes)
    return Decided((confirmed_records(ctx.facts, fact) - refused) | confirmed, refused)


def scores_alternative(policy: str) -> bool:
    """Whether an unconfirmed claim is scored by its alternative under ``policy``."""
    return policy == STRICT


@dataclass(frozen=True)
class Claim:
    """One record's claim that mattered to an indicator, and what it puts at stake there.

    ``stake`` is the difference in the indicator's points between the claim
    followed and refused, the unit's other records as scored; ``veto`` says
    refusing it would veto (or, under ``strict``, that confirming it would lift
    one).
    """

    record: str
    claimed: Term
    alternative: Term
    stake: Fraction
    veto: bool = False


Counts = tuple[int, ...]
"""What an indicator's points are worked out from, summed over records (a rate's cases
judged and failed; the column rule's stale and blank columns): a record's counts under
one reading of its class and under the other give what its claim puts at stake."""

Score = Callable[[Counts], tuple[Fraction, bool]]
"""An indicator's points from its counts, and whether they veto."""


@dataclass(frozen=True)
class ClaimedRecord:
    """A record whose class, as the unit gives it, matters to an indicator: what it adds to
    the counts as scored, and under the claim's other reading (refused under ``trusted``,
    confirmed under ``strict``)."""

    record: str
    claimed: Term
    alternative: Term
    scored: Counts
    other: Counts


def _plus(first: Counts, second: Counts) -> Counts:
    return tuple(a + b for a, b in zip(first, second, strict=True))


def _minus(first: Counts, second: Counts) -> Counts:
    return tuple(a - b for a, b in zip(first, second, strict=True))


def list_claims(
    code: str,
    score: Score,
    scored: Counts,
    records: Sequence[ClaimedRecord],
    strict: bool,
    **extra: Any,
) -> Finding | None:
    """The ``audit.`` finding listing ``records``, each with what its claim puts at stake.

    ``scored`` are the unit's counts as scored. Under ``trusted`` a stake is
    the points refusing the claim would cost; under ``strict``, the points
    confirming it would give back; each alone, the other records as scored,
    and all together (see :func:`claims_finding`). A claim on which nothing
    turns (no points, no veto: the deductions already reach the indicator's
    points, or the rule counts up to a number the unit reaches anyway) is
    left out, unless the claims together put something at stake; ``None``
    when nothing is.
    """
    points, vetoed = score(scored)

    def stake(change: Counts) -> tuple[Fraction, bool]:
        other, other_veto = score(_plus(scored, change))
        if strict:
            return other - points, vetoed and not other_veto
        return points - other, other_veto and not vetoed

    changes = [_minus(r.other, r.scored) for r in records]
    claims = [
        Claim(r.record, r.claimed, r.alternative, *stake(change))
        for r, change in zip(records, changes, strict=True)
    ]
    mattering = [i for i, claim in enumerate(claims) if claim.stake or claim.veto]
    listed = mattering or list(range(len(claims)))
    at_stake, veto = stake(_total([changes[i] for i in listed]))
    if not mattering and not (at_stake or veto):
        return None
    return claims_finding(code, [claims[i] for i in listed], at_stake, veto, **extra)


def _total(changes: Sequence[Counts]) -> Counts:
    return tuple(map(sum, zip(*changes, strict=True)))


def rate_score(ctx: ScoringContext) -> Score:
    """The points of a share of judged cases not failed (counts: judged, failed), as the
    engine scores them (small counts included, :meth:`~evaluator.ScoringContext.as_scored`);
    with none judged the indicator does not apply, and nothing is lost."""
    whole = exact_number(ctx.max_points)

    def score(counts: Counts) -> tuple[Fraction, bool]:
        judged, failed = counts
        if judged <= 0:
            return whole, False
        return ctx.as_scored(whole * (judged - failed) / judged, judged, failed), False

    return score


def points_text(points: Fraction) -> str:
    """Points as a finding's text shows them, as its template's ``{at_stake:.4g}`` does."""
    return format(float(points), ".4g")


def claims_finding(
    code: str, claims: Sequence[Claim], at_stake: Fraction, veto: bool, **extra: Any
) -> Finding:
    """The ``audit.`` finding listing an indicator's claims, each with its stake.

    ``at_stake`` is what all of them together put at stake (their stakes may
    not add up to it: deductions are capped, rates share a denominator), and
    ``veto`` whether refusing (or, under ``strict``, confirming) all of them
    changes the veto. Params: ``ids`` (those shown), ``count``, ``at_stake``
    and ``stakes`` (one per record, in ``records``' order), ``veto_at_stake``,
    ``details`` (each record, its class given and the alternative, and its
    stake) and ``veto`` (words) in both languages.
    """
    records = tuple(c.record for c in claims)
    listed = shown(list(records))
    zh = [_detail_zh(c) for c in claims[: len(listed)]]
    en = [_detail_en(c) for c in claims[: len(listed)]]
    if len(listed) > len(zh):
        zh.append("…")
        en.append("…")
    params = {
        "ids": listed,
        "count": len(records),
        "at_stake": at_stake,
        "stakes": [c.stake for c in claims],
        "veto_at_stake": veto,
        **terms(details=Term("；".join(zh), "; ".join(en)), veto=_VETO if veto else _NO_VETO),
        **extra,
    }
    return Finding(code, records=records, params=params)


def _detail_zh(claim: Claim) -> str:
    veto = "，涉及单项否决" if claim.veto else ""
    return (
        f"“{claim.record}”（自报{claim.claimed.zh}，较严类别{claim.alternative.zh}，"
        f"相差{points_text(claim.stake)}分{veto}）"
    )


def _detail_en(claim: Claim) -> str:
    veto = ", a single veto turns on it" if claim.veto else ""
    return (
        f"'{claim.record}' (given as {claim.claimed.en}, the stricter class "
        f"{claim.alternative.en}: {points_text(claim.stake)} points{veto})"
    )

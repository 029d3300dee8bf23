"""Review decisions (复核) applied to a unit's scored indicators, exactly, before aggregation.

A decision names a finding of an indicator (its code, and perhaps some of its
records):

- 采纳 (``accepted``) restores the finding's deduction: all of it, or, naming
  some of a merged finding's records, exactly their share
  (:meth:`~evaluator._core.model.Finding.record_shares`); with ``points``, those;
- 部分采纳 (``partly``) restores the ``points`` it states;
- 不采纳 (``rejected``) restores nothing (it is still recorded).

The indicator rises by what is restored, never above its maximum; dimensions,
the total and ranks follow, as aggregation works from the indicators. An
accepted decision on a veto finding (a code whose last part is ``veto`` or ends
in ``_veto``: ``columns.veto``, ``engine.no_data_veto``) of a vetoed indicator
lifts that veto.

A decision on a unit's claim (an ``audit.`` finding listing records whose
class the unit gave itself, with what each puts ``at_stake``) confirms (采纳)
or refuses (不采纳) the claim for the records it names (all, when it names
none): the indicator is scored again by its scorer with the decision in
:attr:`~evaluator.plugin_api.ScoringContext.claim_reviews`, exactly as a
confirmation in the facts file scores it (a refusal scores the record by the
stricter class). Its ``points`` are then the change, which may be negative.

A decision that matches no finding (the finding changed, the unit sent again,
the indicator does not apply to the unit's kind) is stale (``review.stale``);
so is one naming a record its finding does not name now. One that would
restore more than the finding lost is refused (``review.too_much``). Neither is applied; both
come back as problems located at the decision's row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from evaluator._core.ids import id_key
from evaluator._core.model import (
    AppliedReview,
    Finding,
    IndicatorResult,
    InputError,
    ReviewsRecord,
    Scheme,
    exact_number,
)
from evaluator._inputs.reviews import ACCEPTED, PARTLY, REJECTED, Decision, Reviews
from evaluator._plugins.loader import Registry

__all__ = [
    "Rescore",
    "apply_reviews",
    "is_claim",
    "is_veto_code",
    "reviews_record",
    "unknown_in_reviews",
    "unknown_units",
    "unscored_decisions",
]

Rescore = Callable[[str, Mapping[str, bool]], IndicatorResult]
"""Score an indicator (by id) again with review decisions on its claims."""


def is_veto_code(code: str, declared: Sequence[str] = ()) -> bool:
    """Whether a finding's code says its indicator vetoed: one its scorer declares
    (``veto_codes``), or one whose last part is ``veto`` or ends in ``_veto``
    (``columns.veto``, ``engine.no_data_veto``)."""
    last = code.rsplit(".", 1)[-1]
    return code in declared or last == "veto" or last.endswith("_veto")


def is_claim(finding: Finding) -> bool:
    """Whether a finding lists claims of the unit's to be verified (待核实): an ``audit.``
    finding with what its records put ``at_stake``."""
    return finding.code.startswith("audit.") and "at_stake" in finding.params


def apply_reviews(
    decisions: Sequence[Decision],
    results: Sequence[IndicatorResult],
    rescore: Rescore,
    veto_codes: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[IndicatorResult], tuple[AppliedReview, ...], tuple[InputError, ...]]:
    """``results`` with ``decisions`` (one unit's, in file order) applied, what each applied
    decision did (in file order), and the decisions refused or stale (each at its row).

    ``veto_codes`` are the codes each indicator's scorer declares its veto findings by
    (see :func:`is_veto_code`)."""
    vetoes = veto_codes or {}
    current = list(results)
    place = {r.id: i for i, r in enumerate(current)}
    done: dict[int, AppliedReview] = {}
    problems: list[tuple[int, InputError]] = []
    claims: dict[str, dict[str, bool]] = {}
    others: list[tuple[int, Decision]] = []
    for number, decision in enumerate(decisions):
        index = place.get(decision.indicator)
        if index is None:
            problems.append((number, _stale(decision, "review.not_applicable")))
            continue
        found = [f for f in current[index].findings if f.code == decision.code]
        if not found:
            problems.append((number, _stale(decision, "review.no_finding")))
            continue
        if not any(is_claim(f) for f in found):
            others.append((number, decision))
            continue
        listed = [r for f in found for r in f.records]
        named = decision.records or tuple(listed)
        missing = [r for r in named if r not in listed]
        if missing:
            problems.append((number, _stale(decision, "review.records_gone", named=missing)))
            continue
        decided = claims.setdefault(decision.indicator, {})
        decided.update(dict.fromkeys(named, decision.decision == ACCEPTED))
        before = current[index]
        after = rescore(decision.indicator, dict(decided))
        current[index] = after
        done[number] = _applied(decision, before.earned, after.earned, after.earned - before.earned)
    restored: set[tuple[str, int, str | None]] = set()
    for number, decision in others:
        index = place[decision.indicator]
        outcome = _restore(decision, current[index], restored, vetoes.get(decision.indicator, ()))
        if isinstance(outcome, InputError):
            problems.append((number, outcome))
            continue
        before = current[index]
        current[index], points = outcome
        done[number] = _applied(decision, before.earned, current[index].earned, points)
    refused = tuple(problem for _, problem in sorted(problems, key=lambda p: p[0]))
    return current, tuple(done[n] for n in sorted(done)), refused


def _restore(
    decision: Decision,
    result: IndicatorResult,
    restored: set[tuple[str, int, str | None]],
    veto_codes: Sequence[str],
) -> tuple[IndicatorResult, Fraction] | InputError:
    """The indicator with what ``decision`` restores, and the points; or why it is refused."""
    matching = [(i, f) for i, f in enumerate(result.findings) if f.code == decision.code]
    lost_here = exact_number(result.max) - result.earned
    parts: dict[tuple[str, int, str | None], Fraction] = {}  # each record or finding once
    unshared = False  # a cost the engine cannot split as the decision asks: it must say its points
    missing: list[str] = []
    for record in decision.records or (None,):
        found = matching if record is None else [(i, f) for i, f in matching if record in f.records]
        if not found:
            missing.append(str(record))
        for index, finding in found[: None if record is None else 1]:
            if finding.record_deductions and finding.share_scale is not None:
                shares = dict(zip(finding.records, finding.record_shares(), strict=True))
                named = finding.records if record is None else (record,)
                parts.update(((result.id, index, r), shares[r]) for r in named)
                continue
            available = _available(finding, lost_here, veto_codes)
            parts[(result.id, index, None)] = available
            shared = finding.deduction is None and available > 0
            partial = not set(finding.records) <= set(decision.records or finding.records)
            unshared = unshared or shared or partial
    if missing:
        return _stale(decision, "review.records_gone", named=missing)
    if decision.decision == ACCEPTED and decision.points is None and unshared:
        return InputError(decision.location, "review.no_share", {**_params(decision), "at": ""})
    if any(_overlaps(key, restored) for key in parts):
        return _too_much(decision, again=True)
    lost = sum(parts.values(), Fraction(0))
    if decision.decision == REJECTED:
        points = Fraction(0)
    elif decision.points is not None:
        points = decision.points
        if points > lost:
            return _too_much(decision, points=points, lost=lost)
    elif decision.decision == PARTLY:  # read refuses a partly decision without points
        raise AssertionError("a partly decision without points")
    else:
        points = lost
    if decision.decision != REJECTED:
        restored.update(parts)
    ceiling = exact_number(result.max)
    after = min(result.earned + points, ceiling)
    vetoed = result.vetoed
    if decision.decision == ACCEPTED and any(is_veto_code(f.code, veto_codes) for _, f in matching):
        vetoed = False
    changed = dataclasses.replace(result, points=float(after), exact=after, vetoed=vetoed)
    return changed, after - result.earned


def _overlaps(key: tuple[str, int, str | None], restored: set[tuple[str, int, str | None]]) -> bool:
    """Whether an earlier decision restored what ``key`` names (a record, or a whole finding)."""
    indicator, index, record = key
    if record is None:
        return any(k[:2] == (indicator, index) for k in restored)
    return key in restored or (indicator, index, None) in restored


def _available(finding: Finding, lost: Fraction, veto_codes: Sequence[str]) -> Fraction:
    """The most a decision may restore of an unmerged finding: its deduction; for one whose
    cost is shared (no deduction of its own: a rate's cases), what the indicator lost; nothing
    for a note (``audit.``) or a veto finding without a deduction."""
    if finding.deduction is not None:
        return _deduction(finding)
    if finding.code.startswith("audit.") or is_veto_code(finding.code, veto_codes):
        return Fraction(0)
    return lost


def _deduction(finding: Finding) -> Fraction:
    """What a finding cost, exactly: a merged finding's record shares together, or its
    deduction as shown (nothing when it has none)."""
    if finding.record_deductions and finding.share_scale is not None:
        return sum(finding.record_shares(), Fraction(0))
    return Fraction(0) if finding.deduction is None else exact_number(finding.deduction)


def _applied(
    decision: Decision, before: Fraction, after: Fraction, points: Fraction
) -> AppliedReview:
    return AppliedReview(
        location=decision.location,
        indicator=decision.indicator,
        code=decision.code,
        records=decision.records,
        decision=decision.decision,
        points=points,
        reason=decision.reason,
        reviewer=decision.reviewer,
        decided_on=decision.decided_on,
        before=before,
        after=after,
    )


def _params(decision: Decision) -> dict[str, object]:
    return {
        "unit": decision.unit,
        "indicator": decision.indicator,
        "code": decision.code,
        "records": list(decision.records),
    }


def _stale(decision: Decision, why: str, named: Sequence[str] = ()) -> InputError:
    """A decision that matched no finding: ``why`` names the reason's text; ``named``, the
    records it names that the finding does not name now."""
    params = {
        **_params(decision),
        "why": why,
        "at": "",
        **({"named": list(named)} if named else {}),
    }
    return InputError(decision.location, "review.stale", params)


def _too_much(
    decision: Decision,
    *,
    points: Fraction | None = None,
    lost: Fraction | None = None,
    again: bool = False,
) -> InputError:
    """A decision that would restore more than its finding lost."""
    extra: dict[str, object]
    if again:
        why, extra = "review.restored_twice", {}
    else:
        why, extra = (
            "review.more_than_lost",
            {"points": float(points or 0), "lost": float(lost or 0)},
        )
    params = {**_params(decision), "why": why, **extra}
    return InputError(decision.location, "review.too_much", params)


def unknown_in_reviews(reviews: Reviews, scheme: Scheme, registry: Registry) -> list[InputError]:
    """An error (``review.unknown``) at each decision naming an indicator the scheme does
    not have or a code no loaded plugin, nor the engine, declares."""
    indicators = [i.id for i in scheme.indicators()]
    codes = set(registry.catalogue.codes())
    for scorer in registry.scorers.values():
        codes.update(scorer.codes or ())
    errors: list[InputError] = []
    for decision in reviews.decisions:
        if decision.indicator not in indicators:
            params = {
                "what": "word.indicator",
                "name": decision.indicator,
                "known": indicators,
                "known_hint": "review.known",
            }
            errors.append(InputError(decision.location, "review.unknown", params))
        elif decision.code not in codes:
            params = {"what": "word.code", "name": decision.code, "known_hint": ""}
            errors.append(InputError(decision.location, "review.unknown", params))
    return errors


def unknown_units(reviews: Reviews, present: set[str]) -> list[InputError]:
    """An error (``review.unknown``) at each decision naming a unit that is no entry of the
    submissions folder (``present``: their ids as :func:`~evaluator._core.ids.id_key`)."""
    return [
        InputError(
            d.location,
            "review.unknown",
            {"what": "word.unit", "name": d.unit, "known_hint": ""},
        )
        for d in reviews.decisions
        if id_key(d.unit) not in present
    ]


def unscored_decisions(decisions: Sequence[Decision]) -> list[InputError]:
    """The decisions on a unit that could not be scored: stale, as it has no finding now."""
    return [_stale(d, "review.unit_unscored") for d in decisions]


def reviews_record(reviews: Reviews, stale: Sequence[InputError]) -> ReviewsRecord:
    """What the results say of the reviews folder: its files and the stale decisions, in the
    order of the folder's decisions."""
    order = {d.location: n for n, d in enumerate(reviews.decisions)}
    ordered = sorted(stale, key=lambda e: order.get(e.location, len(order)))
    return ReviewsRecord(reviews.path, reviews.files, tuple(ordered))

"""The repository's sample evaluation scored in-process, with a review record added.

The engine applies the evaluator's decisions (contract v3, "Reviews") and
records them on the results; the reports show what it recorded. These helpers
build that record the way the results carry it, from the sample's own findings,
so that the outputs can be checked against a real run: an accepted decision
(points restored, the indicator's score rises), a partly accepted one on a
merged finding's first record, a rejected one, and a stale decision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

from evaluator._core.model import (
    AppliedReview,
    Evaluation,
    Finding,
    InputError,
    Location,
    ReviewsRecord,
    UnitResult,
    exact_number,
)
from evaluator._scoring.runs import load_engine, run_options, scored

ROOT = Path(__file__).resolve().parents[1]
STALE = InputError(
    Location("reviews/复核.xlsx", 9),
    "review.stale",
    {
        "unit": "xc-audit",
        "indicator": "requests",
        "code": "requests.late",
        "records": ["2016-9999"],
        "why": "review.no_finding",
        "at": "",
    },
)
"""A decision that matched no finding, as the engine records it (at its row)."""


def sample_evaluation() -> Evaluation:
    """The sample (``submissions/`` against ``criteria/``) scored, every finding in memory."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1484006400")
    engine = load_engine(run_options(str(ROOT / "criteria"), None))
    with scored(engine, str(ROOT / "submissions")) as evaluation:
        units = tuple(evaluation.detailed(u) for u in evaluation.units)
        return dataclasses.replace(evaluation, units=units, details=None)


def _costly(unit: UnitResult) -> list[tuple[Any, Finding]]:
    return [
        (indicator, finding)
        for indicator in unit.indicators
        for finding in indicator.findings
        if finding.deduction is not None and float(finding.deduction) > 0
    ]


def decision(
    indicator: Any, finding: Finding, kind: str, points: Fraction, records: list[str]
) -> AppliedReview:
    """A decision on ``finding`` as the engine records it, with the indicator's points
    before and after (never above its maximum)."""
    before = exact_number(indicator.points)
    return AppliedReview(
        location=Location("reviews/复核.xlsx", 3),
        indicator=indicator.id,
        code=finding.code,
        records=tuple(records),
        decision=kind,
        points=points,
        reason=f"单位就此问题补充提供了证明材料（{kind}），经核实",
        reviewer="李复核",
        decided_on=dt.date(2017, 2, 18),
        before=before,
        after=min(exact_number(indicator.max), before + points),
    )


def with_reviews(evaluation: Evaluation) -> Evaluation:
    """``evaluation`` with decisions on its first three units that lost points: accepted
    (the first finding with a deduction, its indicator's points raised by it), partly
    accepted (a finding naming several records: its first, half its deduction), rejected;
    and the run's record with one stale decision."""
    units = list(evaluation.units)
    losing = [n for n, u in enumerate(units) if _costly(u)]
    first, second, third = losing[:3]
    indicator, finding = _costly(units[first])[0]
    accepted = decision(indicator, finding, "accepted", exact_number(finding.deduction or 0), [])
    merged = [(i, f) for i, f in _costly(units[second]) if len(f.records) > 1]
    indicator2, finding2 = (merged or _costly(units[second]))[0]
    half = exact_number(finding2.deduction or 0) / 2
    partly = decision(indicator2, finding2, "partly", half, [finding2.records[0]])
    indicator3, finding3 = _costly(units[third])[0]
    rejected = decision(indicator3, finding3, "rejected", Fraction(0), list(finding3.records[:1]))
    for number, review in ((first, accepted), (second, partly), (third, rejected)):
        units[number] = _applied(units[number], review)
    record = ReviewsRecord("reviews", (("复核.xlsx", "1" * 64),), (STALE,))
    reviewed = tuple(
        u if u.reviews is not None else dataclasses.replace(u, reviews=()) for u in units
    )
    return dataclasses.replace(evaluation, units=reviewed, reviews=record)


def _applied(unit: UnitResult, review: AppliedReview) -> UnitResult:
    """``unit`` carrying ``review``, its indicator at the points after it."""
    indicators = tuple(
        dataclasses.replace(i, points=float(review.after), exact=review.after)
        if i.id == review.indicator
        else i
        for i in unit.indicators
    )
    return dataclasses.replace(unit, indicators=indicators, reviews=(*(unit.reviews or ()), review))

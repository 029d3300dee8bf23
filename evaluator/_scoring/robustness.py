"""Rank robustness: how far each unit's rank moves when the dimension weights move.

Weights are a judgement. As the OECD/JRC handbook on composite indicators (and
the JRC's COINr) does, each draw multiplies every dimension weight of a unit
kind by its own factor, drawn uniformly from [1 - spread, 1 + spread], and
renormalises; every rankable unit's total is recomputed and the kind ranked
again by the published rules (:func:`evaluator._scoring.ranking.competition_ranks`:
competition ranks, vetoed units after the rest under ``veto_scope: unit``,
incomplete units left out).
Each unit's ranks over the draws give its median rank and its 5th and 95th
percentiles by the nearest-rank method: the P-th percentile of N sorted ranks
is the one at position ceil(P × N / 100), counting from 1, so it is always a
rank that occurred (and the median of an even number of draws is the lower one).

A draw's total is the published total plus the change the drawn weights make to
the weighted mean of the unit's dimension scores (dimensions without a score
are dropped, as in :func:`evaluator._scoring.score.aggregate`), rounded half-up to the
scheme's precision. Results carry dimension scores rounded for display while
the published total was computed from exact ones; anchoring on the published
total means the published weights (spread 0) give back every published total
and rank exactly. Floats are used for speed; the rounding gives the same value
as :func:`evaluator._scoring.score.round_half_up`.

Indicators whose criteria set ``small_counts`` (a capped deduction per failed
case for a unit judged on few cases, :mod:`evaluator._scoring.small_counts`)
are perturbed too: each draw multiplies the rule's threshold and its cap by
factors of their own from the same range (the threshold then rounded half-up
to a whole number of cases), re-applies the rule to the cases each unit's
indicator was judged on, and moves the dimension score by the change of points.

Deterministic: the factors come from ``random.Random(seed)``, kind by kind in
the scheme's order, draw by draw: the dimensions' factors, then a threshold's
and a cap's factor for each small-count indicator in scheme order. They depend
on the seed, the scheme, the number of draws and the spread, never on the
units or on how (or in how many processes) they were scored.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from evaluator._core.model import (
    Evaluation,
    Indicator,
    RankRange,
    Robustness,
    Scheme,
    SmallCounts,
    UnitResult,
    exact_number,
)
from evaluator._scoring.ranking import competition_ranks, is_rankable
from evaluator._scoring.score import round_half_up
from evaluator._scoring.small_counts import small_count_points

__all__ = ["DEFAULT_SEED", "DEFAULT_SPREAD", "METHOD", "analyse", "with_rank_ranges"]

DEFAULT_SPREAD = 0.2
DEFAULT_SEED = 0
METHOD = (
    "Monte Carlo weights: each dimension weight of a unit kind multiplied by a factor "
    "uniform in [1 - spread, 1 + spread], renormalised; totals recomputed from dimension "
    "scores, rounded half-up and ranked as published; percentiles by the nearest-rank method"
)
SMALL_COUNTS_METHOD = (
    "; each small-count rule's threshold (rounded half-up) and cap multiplied by factors "
    "of their own in the same range, and re-applied to the cases judged"
)
"""Added to :data:`METHOD` when the scheme has indicators with ``small_counts``."""

Pattern = tuple[bool, ...]
Draw = tuple[list[float], list[tuple[float, float]]]
"""One draw of a kind: a factor per dimension, and per small-count rule a threshold's and
a cap's factor."""


@dataclass(frozen=True)
class _Movable:
    """A unit's indicator whose points a perturbed small-count rule may change.

    ``unit`` and ``dimension`` are positions (in the kind's units, in the scheme's
    dimensions); ``rule`` the position of the indicator among the small-count ones.
    """

    unit: int
    dimension: int
    rule: int
    judged: int
    failed: int
    by_rate: Fraction
    published: Fraction
    maximum: Fraction
    possible: Fraction


def analyse(
    scheme: Scheme,
    units: Iterable[UnitResult],
    *,
    draws: int,
    spread: float = DEFAULT_SPREAD,
    seed: int = DEFAULT_SEED,
) -> Robustness:
    """The rank range of every rankable unit over ``draws`` perturbed weight vectors per kind.

    ``units`` are an evaluation's units (full results or summaries; ids unique).
    Raises ValueError unless ``draws`` >= 1 and 0 <= ``spread`` < 1.
    """
    if draws < 1:
        raise ValueError(f"draws must be 1 or more, got {draws}")
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be at least 0 and less than 1, got {spread}")
    members: dict[str, list[UnitResult]] = {kind: [] for kind in scheme.unit_types}
    for unit in units:
        if is_rankable(unit):
            members.setdefault(unit.type, []).append(unit)
    rng = random.Random(seed)
    rules = _small_count_rules(scheme)
    ranges: dict[str, RankRange] = {}

    def factor() -> float:
        return rng.uniform(1 - spread, 1 + spread)

    for kind, kind_units in members.items():
        factors = (
            ([factor() for _ in scheme.dimensions], [(factor(), factor()) for _ in rules])
            for _ in range(draws)
        )
        ranges.update(_kind_ranges(scheme, kind, kind_units, factors, spread))
    method = METHOD + (SMALL_COUNTS_METHOD if rules else "")
    return Robustness(
        draws=draws,
        spread=spread,
        seed=seed,
        method=method,
        ranges=ranges,
        small_counts=tuple(i.id for i in rules),
    )


def _small_count_rules(scheme: Scheme) -> list[Indicator]:
    """The scheme's indicators with ``small_counts``, in scheme order."""
    return [i for i in scheme.indicators() if i.small_counts is not None]


def with_rank_ranges(
    evaluation: Evaluation,
    draws: int,
    *,
    spread: float | None = None,
    seed: int | None = None,
) -> Evaluation:
    """``evaluation`` with each unit's rank range over ``draws`` perturbed weight vectors.

    ``spread`` and ``seed`` default (None) to :data:`DEFAULT_SPREAD` and
    :data:`DEFAULT_SEED`; see :func:`analyse` for what they mean.
    """
    analysis = analyse(
        evaluation.scheme,
        evaluation.units,
        draws=draws,
        spread=DEFAULT_SPREAD if spread is None else spread,
        seed=DEFAULT_SEED if seed is None else seed,
    )
    return dataclasses.replace(evaluation, robustness=analysis)


def _kind_ranges(
    scheme: Scheme,
    kind: str,
    units: Sequence[UnitResult],
    factors: Iterable[Draw],
    spread: float,
) -> dict[str, RankRange]:
    """Rank ranges of one kind's rankable units; consumes every draw of ``factors`` either way."""
    weights = [d.weights.get(kind, 0.0) for d in scheme.dimensions]
    scores: list[list[float]] = []
    patterns: list[Pattern] = []
    for unit in units:
        by_id = {d.id: d.score for d in unit.dimensions}
        dimension_scores = [by_id.get(d.id) for d in scheme.dimensions]
        scores.append([s or 0.0 for s in dimension_scores])
        patterns.append(
            tuple(s is not None and w > 0 for s, w in zip(dimension_scores, weights, strict=True))
        )
    rules = [i.small_counts for i in _small_count_rules(scheme) if i.small_counts is not None]
    movable = _movable(scheme, units, spread)
    baseline = _means(weights, [1.0] * len(weights), patterns, scores)
    anchors = [(u.total or 0.0) - mean for u, mean in zip(units, baseline, strict=True)]
    last = [scheme.ranks_last(u.vetoed) for u in units]
    published = competition_ranks([(scheme.ranks_last(u.vetoed), u.total or 0.0) for u in units])
    rounded = _rounding(scheme.precision)
    runs: list[list[int]] = []
    for draw, rule_factors in factors:
        if not units:
            continue
        vectors = _vectors(weights, draw, patterns)
        means = _weighted(vectors, patterns, scores)
        for move in movable:
            change = _score_change(move, rules[move.rule], rule_factors[move.rule])
            if change:
                means[move.unit] += vectors[patterns[move.unit]][move.dimension] * change
        totals = [rounded(anchor + mean) for anchor, mean in zip(anchors, means, strict=True)]
        runs.append(competition_ranks(list(zip(last, totals, strict=True))))
    ranges: dict[str, RankRange] = {}
    for unit, rank, ranks in zip(units, published, zip(*runs, strict=True), strict=True):
        ordered = sorted(ranks)
        ranges[unit.id] = RankRange(
            median_rank=_percentile(ordered, 50),
            p5=_percentile(ordered, 5),
            p95=_percentile(ordered, 95),
            stable_share=ranks.count(rank) / len(ranks),
        )
    return ranges


def _movable(scheme: Scheme, units: Sequence[UnitResult], spread: float) -> list[_Movable]:
    """The kind's indicators a perturbed small-count rule may score otherwise than published.

    Only indicators judged on fewer cases than the largest threshold a draw can
    give, in a dimension scored from its indicators (not one a veto zeroed).
    """
    positions = {d.id: n for n, d in enumerate(scheme.dimensions)}
    rules = {i.id: (n, i.small_counts) for n, i in enumerate(_small_count_rules(scheme))}
    found: list[_Movable] = []
    for position, unit in enumerate(units):
        statuses = {d.id: d.status for d in unit.dimensions}
        for result in unit.indicators:
            cases = result.cases
            if cases is None or result.id not in rules:
                continue
            number, rule = rules[result.id]
            assert rule is not None
            if cases.judged >= _threshold(rule.below, 1 + spread):
                continue
            if statuses.get(result.dimension) != "scored":
                continue
            possible = sum(
                (
                    exact_number(r.max)
                    for r in unit.indicators
                    if r.dimension == result.dimension and r.status != "not_applicable"
                ),
                Fraction(0),
            )
            found.append(
                _Movable(
                    unit=position,
                    dimension=positions[result.dimension],
                    rule=number,
                    judged=cases.judged,
                    failed=cases.failed,
                    by_rate=cases.by_rate,
                    published=result.earned,
                    maximum=exact_number(result.max),
                    possible=possible,
                )
            )
    return found


def _threshold(below: int, factor: float) -> int:
    """A small-count threshold times a factor, rounded half-up to a whole number of cases."""
    return math.floor(below * factor + 0.5)


def _score_change(move: _Movable, rule: SmallCounts, factors: tuple[float, float]) -> float:
    """How far a drawn threshold and cap move the dimension score of ``move``'s unit."""
    below, cap = _threshold(rule.below, factors[0]), rule.cap * factors[1]
    points = small_count_points(
        move.maximum, move.judged, move.failed, below=below, per_case=rule.per_case, cap=cap
    )
    drawn = move.by_rate if points is None else points
    if drawn == move.published:
        return 0.0
    return float(100 * (drawn - move.published) / move.possible)


def _vectors(
    weights: Sequence[float], factors: Sequence[float], patterns: Sequence[Pattern]
) -> dict[Pattern, list[float]]:
    """The weights times the factors, renormalised over each pattern's dimensions.

    Units share a few patterns (the dimensions they have a score for), so each is
    normalised once; a pattern with no weight gets zeros.
    """
    drawn = [w * f for w, f in zip(weights, factors, strict=True)]
    vectors: dict[Pattern, list[float]] = {}
    for pattern in set(patterns):
        present = sum(w for w, counted in zip(drawn, pattern, strict=True) if counted)
        vectors[pattern] = [
            w / present if counted and present else 0.0
            for w, counted in zip(drawn, pattern, strict=True)
        ]
    return vectors


def _weighted(
    vectors: dict[Pattern, list[float]],
    patterns: Sequence[Pattern],
    scores: Sequence[Sequence[float]],
) -> list[float]:
    """Each unit's weighted mean of its scores under its pattern's vector."""
    return [
        sum(map(operator.mul, vectors[pattern], unit_scores))
        for pattern, unit_scores in zip(patterns, scores, strict=True)
    ]


def _means(
    weights: Sequence[float],
    factors: Sequence[float],
    patterns: Sequence[Pattern],
    scores: Sequence[Sequence[float]],
) -> list[float]:
    """Each unit's weighted mean of its scores under the weights times the factors.

    The drawn weights are renormalised over the dimensions each unit has a
    score for; a unit with none gets 0, so its draws keep its published total.
    """
    return _weighted(_vectors(weights, factors, patterns), patterns, scores)


def _rounding(places: int) -> Callable[[float], float]:
    """``round_half_up(value, places)``, quicker for values not near a halfway point.

    Away from one, rounding to the nearest multiple of 10^-places is the same
    whichever way halves go; 10^places and ``nearest / scale`` are exact and
    correctly rounded, so the result is the very float ``round_half_up`` gives.
    """
    scale = float(10**places)

    def rounded(value: float) -> float:
        scaled = value * scale
        nearest = math.floor(scaled + 0.5)
        if abs(scaled - nearest) < 0.5 - 1e-6 - abs(scaled) * 1e-12:
            return nearest / scale
        return round_half_up(value, places)

    return rounded


def _percentile(ordered: Sequence[int], percent: int) -> int:
    """The nearest-rank ``percent``-th percentile of sorted values: position ceil(P × N / 100)."""
    position = max(1, -(-percent * len(ordered) // 100))
    return ordered[position - 1]

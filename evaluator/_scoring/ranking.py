"""Grades and standard competition ranking (1, 2, 2, 4) within each unit kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from evaluator._core.model import Scheme, UnitResult

__all__ = ["competition_ranks", "grade_for", "is_rankable", "rank", "unvetoed_rank"]


def grade_for(scheme: Scheme, total: float, vetoed: bool) -> str:
    """The grade of a total; a vetoed unit gets the last grade whatever its points, when
    the scheme's ``veto_scope`` is ``unit`` (under ``dimension`` its total decides)."""
    if scheme.ranks_last(vetoed):
        return scheme.grades[-1].name
    for grade in scheme.grades:
        if total >= grade.min:
            return grade.name
    return scheme.grades[-1].name


def is_rankable(unit: UnitResult) -> bool:
    """Whether a unit gets a rank: it scored completely and has a total."""
    return unit.status == "ok" and unit.total is not None


def competition_ranks(standings: Sequence[tuple[bool, float]]) -> list[int]:
    """Standard competition ranks (1, 2, 2, 4) of one kind's units, given as (vetoed, total).

    Higher totals rank first and equal totals share a rank; vetoed units rank
    after every non-vetoed unit. The ranks are returned in the order given.
    """
    order = sorted(range(len(standings)), key=lambda i: (standings[i][0], -standings[i][1]))
    ranks = [0] * len(standings)
    previous: tuple[bool, float] | None = None
    current = 0
    for position, index in enumerate(order):
        if standings[index] != previous:
            previous, current = standings[index], position + 1
        ranks[index] = current
    return ranks


def unvetoed_rank(scheme: Scheme, unit: UnitResult, others: Iterable[UnitResult]) -> int | None:
    """The rank a vetoed unit would have with its own vetoes lifted, all else unchanged.

    Its total is then ``unit.unvetoed_total``; ``others`` are the kind's other
    ranked units, as ranked (a unit vetoed under ``veto_scope: unit`` still
    ranks after it). One more than the number of units ranking strictly ahead,
    so a tie shares the rank, as competition ranks do. ``None`` for a unit not
    vetoed or not ranked.
    """
    total = unit.unvetoed_total
    if not unit.vetoed or total is None or not is_rankable(unit):
        return None
    ahead = sum(
        1
        for other in others
        if other.id != unit.id
        and not scheme.ranks_last(other.vetoed)
        and other.total is not None
        and other.total > total
    )
    return ahead + 1


def rank(scheme: Scheme, units: Iterable[UnitResult]) -> tuple[UnitResult, ...]:
    """Grade and rank every unit, and order them: by kind (scheme order), rank, then id.

    Under ``veto_scope: unit`` vetoed units rank after every non-vetoed unit of
    their kind; under ``dimension`` every unit ranks by its total. A vetoed
    unit also gets its :func:`unvetoed_rank`. Incomplete units (and units with
    no applicable dimension) are listed last, unranked and ungraded.
    """
    ordered: list[UnitResult] = []
    by_kind: dict[str, list[UnitResult]] = {kind: [] for kind in scheme.unit_types}
    for unit in units:
        by_kind.setdefault(unit.type, []).append(unit)
    for members in by_kind.values():
        unranked = sorted((u for u in members if not is_rankable(u)), key=lambda u: u.id)
        graded = sorted(
            (
                dataclasses.replace(u, grade=grade_for(scheme, u.total, u.vetoed))
                for u in members
                if is_rankable(u) and u.total is not None
            ),
            key=lambda u: (scheme.ranks_last(u.vetoed), -(u.total or 0.0), u.id),
        )
        ranks = competition_ranks([(scheme.ranks_last(u.vetoed), u.total or 0.0) for u in graded])
        ranked = [dataclasses.replace(u, rank=r) for u, r in zip(graded, ranks, strict=True)]
        ordered.extend(
            dataclasses.replace(u, unvetoed_rank=unvetoed_rank(scheme, u, ranked))
            if u.vetoed
            else u
            for u in ranked
        )
        ordered.extend(
            dataclasses.replace(u, rank=None, grade=None, unvetoed_rank=None) for u in unranked
        )
    return tuple(ordered)

"""Grades and standard competition ranking (1, 2, 2, 4) within each unit kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from evaluator._core.model import Scheme, UnitResult

__all__ = ["competition_ranks", "grade_for", "is_rankable", "rank"]


def grade_for(scheme: Scheme, total: float, vetoed: bool) -> str:
    """The grade of a total; a vetoed unit gets the last grade whatever its points."""
    if vetoed:
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


def rank(scheme: Scheme, units: Iterable[UnitResult]) -> tuple[UnitResult, ...]:
    """Grade and rank every unit, and order them: by kind (scheme order), rank, then id.

    Vetoed units rank after every non-vetoed unit of their kind. Incomplete
    units (and units with no applicable dimension) are listed last, unranked
    and ungraded.
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
            key=lambda u: (u.vetoed, -(u.total or 0.0), u.id),
        )
        ranks = competition_ranks([(u.vetoed, u.total or 0.0) for u in graded])
        ordered.extend(dataclasses.replace(u, rank=r) for u, r in zip(graded, ranks, strict=True))
        ordered.extend(dataclasses.replace(u, rank=None, grade=None) for u in unranked)
    return tuple(ordered)

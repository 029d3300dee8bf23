"""Grades and standard competition ranking (1, 2, 2, 4) within each unit kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from evaluator.model import Scheme, UnitResult

__all__ = ["grade_for", "rank"]


def grade_for(scheme: Scheme, total: float, vetoed: bool) -> str:
    """The grade of a total; a vetoed unit gets the last grade whatever its points."""
    if vetoed:
        return scheme.grades[-1].name
    for grade in scheme.grades:
        if total >= grade.min:
            return grade.name
    return scheme.grades[-1].name


def _competition(units: list[UnitResult], first: int) -> list[UnitResult]:
    """Rank units sorted by total (highest first): equal totals share a rank."""
    ranked: list[UnitResult] = []
    for position, unit in enumerate(units):
        if position and unit.total == units[position - 1].total:
            rank_value = ranked[-1].rank
        else:
            rank_value = first + position
        ranked.append(dataclasses.replace(unit, rank=rank_value))
    return ranked


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
        rankable = [u for u in members if u.status == "ok" and u.total is not None]
        # by the same test, not `u not in rankable`: comparing whole results is quadratic
        unranked = sorted(
            (u for u in members if not (u.status == "ok" and u.total is not None)),
            key=lambda u: u.id,
        )
        graded = [
            dataclasses.replace(u, grade=grade_for(scheme, u.total, u.vetoed))
            for u in rankable
            if u.total is not None
        ]

        def order(u: UnitResult) -> tuple[float, str]:
            return (-(u.total or 0.0), u.id)

        clear = sorted((u for u in graded if not u.vetoed), key=order)
        vetoed = sorted((u for u in graded if u.vetoed), key=order)
        ordered.extend(_competition(clear, 1))
        ordered.extend(_competition(vetoed, len(clear) + 1))
        ordered.extend(dataclasses.replace(u, rank=None, grade=None) for u in unranked)
    return tuple(ordered)

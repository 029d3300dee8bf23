"""Generic scoring shapes that scorers of any area reuse.

Each helper is a pure function of numbers and records, knows nothing about
government disclosure, and returns points plus the findings that explain them,
so that every lost point names its rule and its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator.model import Finding

__all__ = [
    "DeadlineCheck",
    "Deduction",
    "capped_deductions",
    "check_deadlines",
    "goalpost",
    "share_points",
]


def goalpost(value: float, *, full_at: float, zero_at: float) -> float:
    """Fraction of full points (0..1) for ``value`` between two goalposts.

    Full points at or beyond ``full_at``, none at or beyond ``zero_at``, linear
    in between. Works both ways: for a rate where higher is better
    (``full_at=0.95, zero_at=0.70``) and for one where lower is better
    (``full_at=0.0, zero_at=0.2``).
    """
    if full_at == zero_at:
        raise ValueError("goalposts must differ")
    position = (value - zero_at) / (full_at - zero_at)
    return min(1.0, max(0.0, position))


def share_points(done: int, required: int, max_points: float) -> float:
    """Points in proportion to ``done`` of ``required`` (full points when nothing is required)."""
    if required <= 0:
        return max_points
    return max_points * min(done, required) / required


@dataclass(frozen=True)
class Deduction:
    """A rule broken by some records, costing ``each`` points per record (or once)."""

    code: str
    message: str
    records: tuple[str, ...]
    each: float
    per_record: bool = True

    @property
    def amount(self) -> float:
        if not self.records and self.per_record:
            return 0.0
        return self.each * len(self.records) if self.per_record else self.each


def capped_deductions(
    max_points: float, deductions: Iterable[Deduction]
) -> tuple[float, tuple[Finding, ...]]:
    """Points left after ``deductions``, which together never take more than ``max_points``.

    Deductions apply in the order given; the one that reaches the cap is
    reported with what it actually cost, later ones with zero, so the findings'
    deductions always add up to the points lost.
    """
    remaining = max_points
    findings: list[Finding] = []
    for deduction in deductions:
        if deduction.amount <= 0:
            continue
        cost = min(deduction.amount, remaining)
        remaining -= cost
        findings.append(Finding(deduction.code, deduction.message, deduction.records, cost))
    return remaining, tuple(findings)


@dataclass(frozen=True)
class DeadlineCheck:
    """The verdict on one record's deadline: when it was due and how late it was."""

    record: str
    due: dt.date | dt.datetime
    done: dt.date | dt.datetime | None
    late: bool


def check_deadlines(
    records: Sequence[Mapping[str, Any]],
    *,
    record_id: Callable[[Mapping[str, Any]], str],
    start: Callable[[Mapping[str, Any]], Any],
    done: Callable[[Mapping[str, Any]], Any],
    due: Callable[[Any, Mapping[str, Any]], Any],
    now: Any,
) -> tuple[DeadlineCheck, ...]:
    """Check each record against its deadline.

    ``due(start, record)`` computes the deadline (in working days, hours or
    anything else). A record done after its deadline is late; a record not done
    at all is late once ``now`` is past its deadline, and otherwise not judged
    (omitted from the result).
    """
    checks: list[DeadlineCheck] = []
    for record in records:
        begun = start(record)
        deadline = due(begun, record)
        finished = done(record)
        if finished is None:
            if now > deadline:
                checks.append(DeadlineCheck(record_id(record), deadline, None, True))
            continue
        checks.append(DeadlineCheck(record_id(record), deadline, finished, finished > deadline))
    return tuple(checks)

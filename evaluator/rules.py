"""Generic scoring shapes that scorers of any area reuse.

Each helper is a pure function of numbers and records, knows nothing about
government disclosure, and returns points plus the findings that explain them,
so that every lost point names its rule and its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from evaluator.model import Finding

__all__ = [
    "AFTER_SNAPSHOT",
    "DUPLICATE_ID",
    "OUTSIDE_YEAR",
    "DeadlineCheck",
    "Deduction",
    "ScreeningMessages",
    "capped_deductions",
    "check_deadlines",
    "first_of_each",
    "goalpost",
    "screen_each",
    "screen_records",
    "share_points",
]

R = TypeVar("R", bound=Mapping[str, Any])

DUPLICATE_ID = "integrity.duplicate_id"
AFTER_SNAPSHOT = "integrity.after_snapshot"
OUTSIDE_YEAR = "integrity.outside_year"


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


@dataclass(frozen=True)
class ScreeningMessages:
    """How :func:`screen_records` words its findings, so each plugin keeps its own phrasing.

    ``after_snapshot`` and ``outside_year`` get the record id and its key date,
    ``duplicate`` the record id. Without ``duplicate`` ids are not checked: for
    records already unique, such as the values of :func:`first_of_each`.
    """

    after_snapshot: Callable[[str, dt.date], str]
    outside_year: Callable[[str, dt.date], str]
    duplicate: Callable[[str], str] | None = None


def screen_each(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    key_date: Callable[[R], dt.date],
    year: int,
    snapshot: dt.date,
    describe: ScreeningMessages,
) -> Iterator[tuple[R, Finding | None]]:
    """Each record, in order, with the integrity finding that sets it aside (``None``: judge it).

    A record whose id was already seen is a duplicate (``integrity.duplicate_id``,
    when ``describe.duplicate`` is given); otherwise its ``key_date`` after
    ``snapshot`` (``integrity.after_snapshot``) or outside ``year``
    (``integrity.outside_year``) sets it aside. Use this form when a scorer's
    own findings must stay interleaved with these, in record order.
    """
    seen: set[str] = set()
    for record in records:
        rid = record_id(record)
        if describe.duplicate is not None:
            if rid in seen:
                yield record, Finding(DUPLICATE_ID, describe.duplicate(rid), (rid,))
                continue
            seen.add(rid)
        day = key_date(record)
        if day > snapshot:
            yield record, Finding(AFTER_SNAPSHOT, describe.after_snapshot(rid, day), (rid,))
        elif day.year != year:
            yield record, Finding(OUTSIDE_YEAR, describe.outside_year(rid, day), (rid,))
        else:
            yield record, None


def screen_records(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    key_date: Callable[[R], dt.date],
    year: int,
    snapshot: dt.date,
    describe: ScreeningMessages,
) -> tuple[list[R], list[Finding]]:
    """The records to judge and the findings for the rest, as :func:`screen_each` decides.

    Kept: the first record of each id whose key date lies in ``year`` and not
    after ``snapshot``. ``key_date`` must return a ``date`` (convert a
    ``datetime`` to the local calendar day first).
    """
    kept: list[R] = []
    findings: list[Finding] = []
    for record, finding in screen_each(
        records,
        record_id=record_id,
        key_date=key_date,
        year=year,
        snapshot=snapshot,
        describe=describe,
    ):
        if finding is None:
            kept.append(record)
        else:
            findings.append(finding)
    return kept, findings


def first_of_each(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    describe_duplicate: Callable[[str, int], str],
) -> tuple[dict[str, R], tuple[Finding, ...]]:
    """The first record of each id, in order of first appearance, and one finding per repeated id.

    ``describe_duplicate(id, copies)`` words the ``integrity.duplicate_id``
    finding of an id submitted ``copies`` (more than one) times.
    """
    first: dict[str, R] = {}
    copies: dict[str, int] = {}
    for record in records:
        rid = record_id(record)
        first.setdefault(rid, record)
        copies[rid] = copies.get(rid, 0) + 1
    duplicates = tuple(
        Finding(DUPLICATE_ID, describe_duplicate(rid, n), (rid,))
        for rid, n in copies.items()
        if n > 1
    )
    return first, duplicates

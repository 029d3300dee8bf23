"""Generic scoring shapes that scorers of any area reuse.

Each helper is a pure function of numbers and records, knows nothing about
government disclosure, and returns points plus the findings that explain them
(or, for deadlines, a verdict the scorer words), so that every lost point names
its rule and its records.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from evaluator.model import Finding
from evaluator.working_days import deadline, working_days_after

__all__ = [
    "AFTER_SNAPSHOT",
    "DUPLICATE_ID",
    "ELAPSED_TIME",
    "OUTSIDE_YEAR",
    "WORKING_DAYS",
    "Clock",
    "DeadlineCheck",
    "DeadlineStatus",
    "Deduction",
    "ScreeningMessages",
    "capped_deductions",
    "check_deadline",
    "deadline_status",
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


class _Ordered(Protocol):
    def __gt__(self, other: Any, /) -> bool: ...


Moment = TypeVar("Moment", bound=dt.date)
Span = TypeVar("Span", bound=_Ordered)


@dataclass(frozen=True)
class Clock(Generic[Moment, Span]):
    """How a deadline counts time, so one check serves hours, working days or any other unit.

    ``due(start, allowance)`` is when a record falls due; ``between(start, end)``
    is the time taken, in the allowance's unit.
    """

    due: Callable[[Moment, Span], Moment]
    between: Callable[[Moment, Moment], Span]


WORKING_DAYS: Clock[dt.date, int] = Clock(due=deadline, between=working_days_after)
"""Dates, with allowances in official working days (:mod:`evaluator.working_days`)."""

ELAPSED_TIME: Clock[dt.datetime, dt.timedelta] = Clock(
    due=lambda start, allowance: start + allowance, between=lambda start, end: end - start
)
"""Moments, with allowances as a ``timedelta`` (``timedelta(hours=5)``)."""


class DeadlineStatus(enum.Enum):
    """Where one record stands against its deadline."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_DUE = "not_due"  # open, and its deadline has not passed: not judged yet
    OVERDUE = "overdue"  # open past its deadline
    DONE_BEFORE_START = "done_before_start"  # implausible: the caller decides what it costs


@dataclass(frozen=True)
class DeadlineCheck(Generic[Moment, Span]):
    """The verdict on one record's deadline, with what a finding needs to explain it.

    ``due`` and ``used`` are worked out when read, so a check costs only the
    arithmetic its status needed (a working-day count may note a year whose
    calendar is unknown).
    """

    status: DeadlineStatus
    start: Moment
    done: Moment | None
    allowance: Span
    now: Moment
    clock: Clock[Moment, Span]

    @property
    def due(self) -> Moment:
        """When the record fell due: ``start`` plus the allowance."""
        return self.clock.due(self.start, self.allowance)

    @property
    def used(self) -> Span:
        """The time taken from ``start`` to ``done``, or to ``now`` while open."""
        return self.clock.between(self.start, self.now if self.done is None else self.done)


def deadline_status(
    start: Moment,
    done: Moment | None,
    allowance: Span,
    *,
    clock: Clock[Moment, Span],
    now: Moment,
) -> DeadlineStatus:
    """Judge one record that started at ``start`` and had ``allowance`` to be done.

    - ``done`` before ``start``: ``DONE_BEFORE_START``;
    - done: ``LATE`` when the time taken (``clock.between``) exceeds the
      allowance, else ``ON_TIME``. In working days a reply on the weekend after
      the due day took no more working days, so it is on time;
    - not done (``done`` is ``None``): ``OVERDUE`` once ``now`` is past the due
      moment (``clock.due``), else ``NOT_DUE``, which callers leave unjudged.

    Clean the record first: a ``done`` the caller does not accept (say, after
    the snapshot) should be passed as ``None``.

    Scorers call this once per record, thousands of times per unit, and most
    records are on time: it builds nothing, so an on-time record costs one
    ``clock.between``. A scorer works out the time taken (``clock.between``)
    or the due moment (``clock.due``) for its wording only when the record fails;
    :func:`check_deadline` gives both with the status.
    """
    if done is None:
        return (
            DeadlineStatus.OVERDUE if now > clock.due(start, allowance) else DeadlineStatus.NOT_DUE
        )
    if done < start:
        return DeadlineStatus.DONE_BEFORE_START
    if clock.between(start, done) > allowance:
        return DeadlineStatus.LATE
    return DeadlineStatus.ON_TIME


def check_deadline(
    start: Moment,
    done: Moment | None,
    allowance: Span,
    *,
    clock: Clock[Moment, Span],
    now: Moment,
) -> DeadlineCheck[Moment, Span]:
    """The :func:`deadline_status` of one record, with its due moment and time taken.

    Convenient where records are few; a scorer judging thousands of records
    calls :func:`deadline_status` and words only the failures.
    """
    status = deadline_status(start, done, allowance, clock=clock, now=now)
    return DeadlineCheck(status, start, done, allowance, now, clock)


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


def _set_aside(rid: str, day: dt.date, snapshot: dt.date, describe: ScreeningMessages) -> Finding:
    """The finding for a record whose key ``day`` is after ``snapshot`` or else outside the year."""
    if day > snapshot:
        return Finding(AFTER_SNAPSHOT, describe.after_snapshot(rid, day), (rid,))
    return Finding(OUTSIDE_YEAR, describe.outside_year(rid, day), (rid,))


# The two screening functions below run once per record, so each tests the common
# case (a new id, a date in the year) inline and builds findings only for the rest.


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
    duplicate = describe.duplicate
    seen: set[str] = set()
    for record in records:
        rid = record_id(record)
        if duplicate is not None:
            if rid in seen:
                yield record, Finding(DUPLICATE_ID, duplicate(rid), (rid,))
                continue
            seen.add(rid)
        day = key_date(record)
        if day <= snapshot and day.year == year:
            yield record, None
        else:
            yield record, _set_aside(rid, day, snapshot, describe)


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
    # The same verdicts as screen_each, in a plain loop: no pair per record.
    duplicate = describe.duplicate
    seen: set[str] = set()
    kept: list[R] = []
    findings: list[Finding] = []
    for record in records:
        rid = record_id(record)
        if duplicate is not None:
            if rid in seen:
                findings.append(Finding(DUPLICATE_ID, duplicate(rid), (rid,)))
                continue
            seen.add(rid)
        day = key_date(record)
        if day <= snapshot and day.year == year:
            kept.append(record)
        else:
            findings.append(_set_aside(rid, day, snapshot, describe))
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

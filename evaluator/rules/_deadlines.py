"""Deadlines: when a record falls due, whether it was done in time, and which year judges it."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from evaluator.working_days import deadline, is_working_day, schedule_known, working_days_after


class _Ordered(Protocol):
    def __gt__(self, other: Any, /) -> bool: ...


Moment = TypeVar("Moment", bound=dt.date)
Span = TypeVar("Span", bound=_Ordered)


@dataclass(frozen=True)
class Clock(Generic[Moment, Span]):
    """How a deadline counts time, so one check serves hours, working days or any other unit.

    ``due(start, allowance)`` is the last moment still in time (a calendar date
    for day-based clocks); ``between(start, end)`` is the time taken, in the
    allowance's unit, for the words of a finding. ``in_time(start, done,
    allowance)``, when given, says whether ``done`` (not before ``start``) is
    in time without working out the due moment (a clock whose due moment may
    reach into a year it need not look at gives one); otherwise ``done`` is in
    time when it is not after ``due``.
    """

    due: Callable[[Moment, Span], Moment]
    between: Callable[[Moment, Moment], Span]
    in_time: Callable[[Moment, Moment, Span], bool] | None = None


def _within_working_days(start: dt.date, done: dt.date, allowance: int) -> bool:
    """Whether ``done`` is on or before the ``allowance``-th working day after ``start``."""
    # Fewer working days than allowed: before the due day. As many: on the due day
    # only if ``done`` is itself a working day (a later holiday adds none); the same
    # date as ``start`` is always in time (an allowance of 0 means that date).
    if done <= start:
        return True
    used = working_days_after(start, done)
    return used < allowance or (used == allowance and is_working_day(done))


WORKING_DAYS: Clock[dt.date, int] = Clock(
    due=deadline, between=working_days_after, in_time=_within_working_days
)
"""Dates, with allowances in official working days (:mod:`evaluator.working_days`).

Due is the date of the last allowed working day; a later date is late even when
it is a holiday that added no working day. A done date is judged by counting
working days, without working out the due day (which may lie in a year no
record needs); the count and the due day agree on every date."""

ELAPSED_TIME: Clock[dt.datetime, dt.timedelta] = Clock(
    due=lambda start, allowance: start + allowance, between=lambda start, end: end - start
)
"""Moments, with allowances as a ``timedelta`` (``timedelta(hours=5)``)."""


def _next_working_day_from(day: dt.date) -> dt.date:
    """``day`` itself when it is an official working day, else the first working day after it.

    A period counted in calendar days whose last day is a rest day or holiday
    ends on the next working day (民法典 第二百零三条; 行政诉讼法 第八十三条).
    """
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


# Due dates by (start, days) for years whose schedule is known: asked once per record,
# for the same few hundred starts. Unknown years are not kept, so each use is noted.
_calendar_known: dict[tuple[dt.date, int], dt.date] = {}


def _calendar_due(start: dt.date, days: int) -> dt.date:
    key = (start, days)
    due = _calendar_known.get(key)
    if due is None:
        due = _next_working_day_from(start + dt.timedelta(days=days))
        if schedule_known(start.year) and schedule_known(due.year):
            _calendar_known[key] = due
    return due


CALENDAR_DAYS: Clock[dt.date, int] = Clock(
    due=_calendar_due, between=lambda start, end: (end - start).days
)
"""Dates, with allowances in calendar days ("within 20 days"), ending on a working day.

A period whose last day is a weekend or holiday runs to the next working day,
as Chinese law counts periods (民法典 第二百零三条; 行政诉讼法 第八十三条)."""


class DeadlineStatus(enum.Enum):
    """Where one record stands against its deadline."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_DUE = "not_due"  # open, and its deadline has not passed: not judged yet
    OVERDUE = "overdue"  # open past its deadline
    DONE_BEFORE_START = "done_before_start"  # implausible: the caller decides what it costs


# The members as plain names: reading a member through its class is a slow lookup (an
# enum descriptor), and deadline_status runs once per record.
_ON_TIME = DeadlineStatus.ON_TIME
_LATE = DeadlineStatus.LATE
_NOT_DUE = DeadlineStatus.NOT_DUE
_OVERDUE = DeadlineStatus.OVERDUE
_DONE_BEFORE_START = DeadlineStatus.DONE_BEFORE_START


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
        """When the record fell due: the last moment (or date) still in time."""
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
    - done: ``LATE`` when ``done`` is after the due moment (``clock.due``),
      else ``ON_TIME``. Dates are compared as calendar dates: a reply on the
      holiday after a working-day deadline is late although the holiday added
      no working day, and an allowance of 0 means the same date;
    - not done (``done`` is ``None``): ``OVERDUE`` once ``now`` is past the due
      moment, else ``NOT_DUE``, which callers leave unjudged.

    Clean the record first: a ``done`` the caller does not accept (say, after
    the snapshot) should be passed as ``None``.

    Scorers call this once per record, thousands of times per unit: it builds
    nothing, and a done record on the working-day clock costs one working-day
    count (its due day is worked out only on the rare reply dated as many
    working days later as allowed). :func:`check_deadline` adds the due moment
    and the time taken, for wording a failure.
    """
    if done is None:
        return _OVERDUE if now > clock.due(start, allowance) else _NOT_DUE
    if done < start:
        return _DONE_BEFORE_START
    in_time = clock.in_time
    if in_time is not None:
        return _ON_TIME if in_time(start, done, allowance) else _LATE
    return _LATE if done > clock.due(start, allowance) else _ON_TIME


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


class Settlement(enum.Enum):
    """Which yearly run judges a record, by the day it settled.

    A record *settles* on the day it was done if done in time, otherwise on its
    due day (the day it became late). Each record is judged exactly once: in
    the run of the year it settles in. A run therefore accepts records started
    the year before that settle in its year (结转, carried over into it), and
    leaves to the next run its own records that settle after the year end.
    """

    EARLIER = "earlier"  # settled in an earlier year: that year's run judged it
    IN_YEAR = "in_year"  # judged in this run
    LATER = "later"  # settles after the year end: carried over to the next run
    PENDING = "pending"  # open, not yet due at the snapshot, due within the year


_EARLIER = Settlement.EARLIER  # plain names, as for DeadlineStatus
_IN_YEAR = Settlement.IN_YEAR
_LATER = Settlement.LATER
_PENDING = Settlement.PENDING


def settled_on(done: Moment | None, due: Moment) -> Moment:
    """The moment a record settles: ``done`` when done by ``due``, else ``due``."""
    return done if done is not None and done <= due else due


def settled_in(
    settled: Moment, *, year: int, day: Callable[[Moment], dt.date] | None = None
) -> Settlement:
    """Which run judges a record that settled at ``settled``: ``EARLIER``, ``IN_YEAR`` or ``LATER``.

    For a caller that knows the moment already: a record its clock found done in
    time settles on ``done`` (:func:`settled_on`) without its due moment being
    worked out. ``day`` as for :func:`settlement`.
    """
    settled_year = (day(settled) if day is not None else settled).year
    if settled_year < year:
        return _EARLIER
    return _IN_YEAR if settled_year == year else _LATER


def settlement(
    done: Moment | None,
    due: Moment,
    *,
    year: int,
    now: Moment,
    day: Callable[[Moment], dt.date] | None = None,
) -> Settlement:
    """Which run judges a record due at ``due`` and done at ``done`` (``None``: open at ``now``).

    An open record not yet due at ``now`` has not settled: it is ``LATER``
    when it falls due after ``year``, else ``PENDING`` (a snapshot taken
    before the year ended). Otherwise it settled at :func:`settled_on` and
    :func:`settled_in` says which run judges it. ``day`` gives a moment's
    calendar day (say, a ``datetime``'s date in local time); by default the
    moment is a date.
    """
    if done is None and not now > due:  # as deadline_status: due on ``now`` is not late
        due_year = (day(due) if day is not None else due).year
        return _LATER if due_year > year else _PENDING
    return settled_in(settled_on(done, due), year=year, day=day)


# ---------------------------------------------------------------- the same rules over columns
#
# Column forms: each takes dates as numpy arrays of ordinals (``date.toordinal()``,
# 0 for none: :func:`evaluator.working_days.day_ordinals` makes them) and gives, row by
# row, what the function of the same name gives. The calendar's days come from the
# day index (:func:`evaluator.working_days.day_span`): a row with a date the index does
# not hold (a year whose schedule is unknown, say) is judged by the function itself,
# one at a time, so that its year is noted as before. Tied to the functions above by a
# property test (tests/test_rules_columns.py).

STATUSES: tuple[DeadlineStatus, ...] = tuple(DeadlineStatus)
"""The statuses in the order of their codes in :func:`deadline_status_columns`."""

SETTLEMENTS: tuple[Settlement, ...] = tuple(Settlement)
"""The settlements in the order of their codes in :func:`settlement_columns`."""

_CODE = {status: code for code, status in enumerate(STATUSES)}
_SETTLED = {settled: code for code, settled in enumerate(SETTLEMENTS)}


def _day(ordinal: Any) -> dt.date | None:
    return dt.date.fromordinal(int(ordinal)) if ordinal else None


def _as_column(value: Any, like: Any) -> Any:
    """``value`` (a number, a date or an array) as an ``int64`` array shaped as ``like``."""
    import numpy as np

    if isinstance(value, dt.date):
        value = value.toordinal()
    return np.broadcast_to(np.asarray(value, dtype=np.int64), np.shape(like))


def due_columns(start: Any, allowance: Any, *, clock: Clock[Any, Any]) -> Any:
    """``clock.due(start, allowance)`` of each row, as ordinals (clocks over dates)."""
    import numpy as np

    from evaluator.working_days import day_span

    start = np.asarray(start, dtype=np.int64)
    allowance = _as_column(allowance, start)
    index = day_span(start)
    held = index.covers(start)
    due = np.zeros_like(start)
    if clock is WORKING_DAYS:
        safe = np.where(held, start, index.first)
        due, found = index.deadline(safe, allowance)
        held &= found
    elif clock is CALENDAR_DAYS:
        last = start + allowance
        held &= index.covers(last) & (allowance >= 0)
        due, found = index.on_or_after(np.where(held, last, index.first))
        held &= found
    else:
        held[:] = False
    due = np.array(due, dtype=np.int64)
    for row in np.flatnonzero(~held):
        due[row] = clock.due(dt.date.fromordinal(int(start[row])), int(allowance[row])).toordinal()
    return due


def deadline_status_columns(
    start: Any, done: Any, allowance: Any, *, clock: Clock[Any, Any], now: Any
) -> Any:
    """:func:`deadline_status` of each row, as codes into :data:`STATUSES` (``int8``).

    ``start`` and ``done`` are ordinals (``done`` 0 when not done), ``allowance``
    a number or one per row, ``now`` a date or one ordinal per row; clocks over
    dates (:data:`WORKING_DAYS`, :data:`CALENDAR_DAYS`; another is asked one row
    at a time). As the function, a done row on the working-day clock is judged
    by counting working days, its due day not worked out.
    """
    import numpy as np

    from evaluator.working_days import day_span

    start = np.asarray(start, dtype=np.int64)
    done = np.asarray(done, dtype=np.int64)
    allowance = _as_column(allowance, start)
    now = _as_column(now, start)
    answered = done > 0
    codes = np.empty(start.shape, dtype=np.int8)
    index = day_span(start, done)
    held = index.covers(start) & (~answered | index.covers(done) | (done < start))
    if clock is WORKING_DAYS:
        first = index.first
        safe_start = np.where(held, start, first)
        safe_done = np.where(held & answered, done, safe_start)
        used = index.working_days_after(safe_start, safe_done)
        in_time = (
            (safe_done <= safe_start)
            | (used < allowance)
            | ((used == allowance) & index.is_working_day(safe_done))
        )
        due, found = index.deadline(safe_start, allowance)
        held &= answered | found  # an open row needs its due day
        judged = np.where(in_time, _CODE[_ON_TIME], _CODE[_LATE])
    elif clock is CALENDAR_DAYS:
        # as the function: a row done before its start needs no due day (nor notes its year)
        need = held & ~(answered & (done < start))
        due = np.zeros_like(start)
        due[need] = due_columns(start[need], allowance[need], clock=clock)
        judged = np.where(done > due, _CODE[_LATE], _CODE[_ON_TIME])
    else:
        held[:] = False
        due = judged = start
    open_ = np.where(now > due, _CODE[_OVERDUE], _CODE[_NOT_DUE])
    codes[:] = np.where(answered, np.where(done < start, _CODE[_DONE_BEFORE_START], judged), open_)
    for row in np.flatnonzero(~held):
        status = deadline_status(
            dt.date.fromordinal(int(start[row])),
            _day(done[row]),
            int(allowance[row]),
            clock=clock,
            now=dt.date.fromordinal(int(now[row])),
        )
        codes[row] = _CODE[status]
    return codes


def settled_on_columns(done: Any, due: Any) -> Any:
    """:func:`settled_on` of each row (ordinals; ``done`` 0 when not done)."""
    import numpy as np

    done = np.asarray(done, dtype=np.int64)
    return np.where((done > 0) & (done <= due), done, due)


def settled_in_columns(settled: Any, *, year: int) -> Any:
    """:func:`settled_in` of each row (ordinals), as codes into :data:`SETTLEMENTS`."""
    import numpy as np

    settled = np.asarray(settled, dtype=np.int64)
    first, after = dt.date(year, 1, 1).toordinal(), dt.date(year + 1, 1, 1).toordinal()
    return np.where(
        settled < first,
        _SETTLED[_EARLIER],
        np.where(settled < after, _SETTLED[_IN_YEAR], _SETTLED[_LATER]),
    ).astype(np.int8)


def settlement_columns(done: Any, due: Any, *, year: int, now: Any) -> Any:
    """:func:`settlement` of each row (ordinals, ``done`` 0 when open), as codes into
    :data:`SETTLEMENTS`; ``now`` a date or one ordinal per row."""
    import numpy as np

    done = np.asarray(done, dtype=np.int64)
    due = np.asarray(due, dtype=np.int64)
    now = _as_column(now, due)
    waiting = (done == 0) & ~(now > due)
    after = dt.date(year + 1, 1, 1).toordinal()
    unsettled = np.where(due >= after, _SETTLED[_LATER], _SETTLED[_PENDING])
    settled = settled_in_columns(settled_on_columns(done, due), year=year)
    return np.where(waiting, unsettled, settled).astype(np.int8)

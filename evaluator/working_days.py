"""Chinese official working days (工作日), the unit of every statutory deadline.

The official calendar moves weekends: Saturday 2016-10-08 was a working day and
Monday 2016-10-03 was not. The ``holidays`` package carries China's holidays
and its adjusted weekend workdays (调休上班). For a year whose schedule the
State Council has not published yet (or the package does not carry yet) the
package silently guesses; we note such years so the engine can warn.

Counting is by a per-year prefix sum, so a count between any two dates costs
two lookups however far apart they are. Scorers use this module; nothing else
counts days by hand.

For a column of dates at once, :func:`day_index` gives the same counts over
every day of a span of years whose schedule is known (numpy arrays built once
per process and span, from the same per-year tables): "the Nth working day
after d" and "working days between a and b" are then array lookups. It holds
only known years, so that a date in any other year goes through the functions
above, one at a time, and is noted as before. numpy is imported only there (it
is not a dependency: the ``columns`` extra).
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache
from typing import Any

__all__ = [
    "DayIndex",
    "day_index",
    "day_ordinals",
    "day_span",
    "deadline",
    "is_adjusted_working_day",
    "is_working_day",
    "schedule_known",
    "take_unknown_years",
    "working_days_after",
]

_lock = threading.Lock()
_unknown_years_seen: set[int] = set()


@cache
def _known_years() -> frozenset[int]:
    """Years for which the package carries an official adjusted-workday schedule."""
    import holidays

    calendar = holidays.country_holidays("CN", years=range(1999, dt.date.today().year + 3))
    return frozenset(d.year for d in calendar.weekend_workdays)


@cache
def _year_table(year: int) -> tuple[tuple[int, ...], tuple[dt.date, ...]]:
    """For one year: working days up to and including each day, and the working dates."""
    import holidays

    calendar = holidays.country_holidays("CN", years=year)
    first = dt.date(year, 1, 1)
    cumulative: list[int] = []
    working: list[dt.date] = []
    count = 0
    day = first
    while day.year == year:
        if calendar.is_working_day(day):
            count += 1
            working.append(day)
        cumulative.append(count)
        day += dt.timedelta(days=1)
    return tuple(cumulative), tuple(working)


def _note(year: int) -> None:
    if year not in _known_years():
        with _lock:
            _unknown_years_seen.add(year)


# Counts for dates in years with a known schedule; a scorer asks for the same few
# hundred dates thousands of times. Unknown years are not kept, so that each use is noted.
_through_known: dict[dt.date, int] = {}


def _through(day: dt.date) -> int:
    """Working days from 1 January of ``day``'s year up to and including ``day``."""
    count = _through_known.get(day)
    if count is not None:
        return count
    _note(day.year)
    cumulative, _ = _year_table(day.year)
    count = cumulative[day.timetuple().tm_yday - 1]
    if day.year in _known_years():
        _through_known[day] = count
    return count


def _in_year(year: int) -> int:
    return len(_year_table(year)[1])


def schedule_known(year: int) -> bool:
    """Whether the official working-day schedule of ``year`` is known to the package."""
    return year in _known_years()


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is an official working day (adjusted weekends included)."""
    _note(day.year)
    index = day.timetuple().tm_yday - 1
    cumulative, _ = _year_table(day.year)
    return cumulative[index] > (cumulative[index - 1] if index else 0)


def is_adjusted_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a Saturday or Sunday the official calendar makes a working day
    (调休上班, as Sunday 2016-09-18): a due date that falls there surprises a reader, and
    texts say so."""
    return day.weekday() >= 5 and is_working_day(day)


def working_days_after(start: dt.date, end: dt.date) -> int:
    """How many working days fall after ``start`` up to and including ``end``.

    This is the statutory count: a request received on ``start`` and answered on
    ``end`` was answered on working day ``working_days_after(start, end)``.
    Zero when ``end`` is on or before ``start``.
    """
    if end <= start:
        return 0
    # Scorers call this once per record: look the two dates up directly when known.
    try:
        total = _through_known[end] - _through_known[start]
    except KeyError:  # a date not seen yet, or in a year whose schedule is unknown
        total = _through(end) - _through(start)
    if start.year != end.year:
        for year in range(start.year, end.year):
            total += _in_year(year)
    return total


# Due dates for starts in known years, by (start, allowance): a scorer judging thousands
# of records asks for the same few hundred.
_due_known: dict[tuple[dt.date, int], dt.date] = {}


def deadline(start: dt.date, working_days: int) -> dt.date:
    """The date of the ``working_days``-th working day after ``start``.

    An answer dated on or before this date is on time; one dated after it is
    late, even on a holiday that added no working day (compare calendar dates,
    not counts). Zero working days is ``start`` itself: the same calendar date.
    """
    if working_days <= 0:
        return start
    key = (start, working_days)
    due = _due_known.get(key)
    if due is None:
        due = _deadline(start, working_days)
        if schedule_known(start.year) and schedule_known(due.year):
            _due_known[key] = due
    return due


def _deadline(start: dt.date, working_days: int) -> dt.date:
    year = start.year
    remaining = working_days + _through(start)
    while True:
        _note(year)
        working = _year_table(year)[1]
        if remaining <= len(working):
            return working[remaining - 1]
        remaining -= len(working)
        year += 1


def take_unknown_years() -> tuple[int, ...]:
    """The years without an official schedule used since the last call, then forget them."""
    with _lock:
        years = tuple(sorted(_unknown_years_seen))
        _unknown_years_seen.clear()
    return years


# ---------------------------------------------------------------- many dates at once


class DayIndex:
    """Working days of every day of the known years, as arrays (see :func:`day_index`).

    Days are proleptic ordinals (:meth:`datetime.date.toordinal`) in numpy
    ``int64`` arrays. The index covers consecutive years with a known
    schedule, ``first`` to ``last`` (ordinals, inclusive); every lookup below
    is for days in that range only (:meth:`covers`), the caller judging any
    other day one at a time by the functions of this module, which note its
    year.
    """

    def __init__(self, years: range) -> None:
        import numpy as np

        self.years = years
        self.first = dt.date(min(max(years.start, 1), 9999), 1, 1).toordinal()
        self.last = self.first - 1 + sum(len(_year_table(year)[0]) for year in years)
        working: list[bool] = []
        for year in years:  # a day is a working day when the count goes up on it
            cumulative = _year_table(year)[0]
            working.extend(map(int.__lt__, (0, *cumulative[:-1]), cumulative))
        # one day more, not a working day, so that a lookup at ``last + 1`` (the
        # callers' stand-in for days not held) is in bounds even in an empty index
        self.working = np.array([*working, False], dtype=np.bool_)
        # working days from the index's first day up to and including each day
        self.through = np.cumsum(self.working, dtype=np.int64)
        self.count = int(self.through[-1])
        # the ordinal of the k-th working day of the index at position k - 1 (and a
        # stand-in after them)
        self.dates = np.append(np.flatnonzero(self.working) + self.first, self.last + 1)

    def covers(self, days: Any) -> Any:
        """Which of ``days`` (ordinals) the index holds."""
        return (days >= self.first) & (days <= self.last)

    def is_working_day(self, days: Any) -> Any:
        """:func:`is_working_day` of each of ``days`` (all covered)."""
        return self.working[days - self.first]

    def working_days_after(self, start: Any, end: Any) -> Any:
        """:func:`working_days_after` of each pair (all covered): 0 when ``end <= start``."""
        import numpy as np

        counted = self.through[end - self.first] - self.through[start - self.first]
        return np.where(end > start, counted, 0)

    def deadline(self, start: Any, working_days: Any) -> tuple[Any, Any]:
        """:func:`deadline` of each pair (``start`` covered), and whether the index holds it.

        Where the due day lies past the index's last day, the first array holds
        ``last + 1`` and the second is false: work that one out one at a time.
        """
        import numpy as np

        wanted = self.through[start - self.first] + working_days  # the k-th working day
        held = wanted <= self.count
        due = self.dates[np.clip(wanted, 1, self.count + 1) - 1]
        return np.where(working_days > 0, due, start), held | (working_days <= 0)

    def on_or_after(self, days: Any) -> tuple[Any, Any]:
        """Each of ``days`` (covered) when a working day, else the next working day; and
        whether the index holds it (as :meth:`deadline`)."""
        import numpy as np

        position = days - self.first
        wanted = self.through[position] - self.working[position] + 1
        held = wanted <= self.count
        return self.dates[np.clip(wanted, 1, self.count + 1) - 1], held


@cache
def day_index(first: int, last: int) -> DayIndex:
    """The :class:`DayIndex` of years ``first`` to ``last``, built once per process and span.

    Only known years go in, consecutive: from the first known year of the span
    to the year before the next unknown one (empty when none is known), so that
    a date in another year is judged one at a time and noted. A year's table is
    the one the functions above use (built once per year).
    """
    known = _known_years()
    while first <= last and first not in known:
        first += 1
    stop = first
    while stop <= last and stop in known:
        stop += 1
    return DayIndex(range(first, stop))


def day_span(*columns: Any) -> DayIndex:
    """The :func:`day_index` of the years of ``columns`` (ordinals, 0 for none), and the next.

    The year after the last date is included: a due day may lie there.
    """
    import numpy as np

    given = [c[c > 0] for c in columns]
    given = [c for c in given if len(c)]
    if not given:
        return day_index(1, 0)
    low = min(int(np.min(c)) for c in given)
    high = max(int(np.max(c)) for c in given)
    return day_index(dt.date.fromordinal(low).year, dt.date.fromordinal(high).year + 1)


class _Ordinals(dict[Any, int]):
    """Each date's ordinal (``None``: 0), worked out once: a column repeats a few hundred dates."""

    def __missing__(self, day: dt.date) -> int:
        ordinal = self[day] = day.toordinal()
        return ordinal


_ordinals = _Ordinals({None: 0})


def day_ordinals(days: Any) -> Any:
    """A column of dates (``None`` allowed) as an ``int64`` array of ordinals, 0 for ``None``."""
    import numpy as np

    if len(_ordinals) > 100_000:  # dates of many years: start again rather than grow
        _ordinals.clear()
        _ordinals[None] = 0
    return np.fromiter(map(_ordinals.__getitem__, days), dtype=np.int64, count=len(days))

"""Chinese official working days (工作日), the unit of every statutory deadline.

The official calendar moves weekends: Saturday 2016-10-08 was a working day and
Monday 2016-10-03 was not. The ``holidays`` package carries China's holidays
and its adjusted weekend workdays (调休上班). For a year whose schedule the
State Council has not published yet (or the package does not carry yet) the
package silently guesses; we note such years so the engine can warn.

Counting is by a per-year prefix sum, so a count between any two dates costs
two lookups however far apart they are. Scorers use this module; nothing else
counts days by hand.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache

__all__ = [
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

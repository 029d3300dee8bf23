"""The column forms of the deadline rules are the rules, row by row (hypothesis).

``deadline_status_columns``, ``due_columns``, ``settlement_columns`` and
``settled_in_columns`` judge whole columns over the day index; for any column
the strategies make (starts around holidays, worked weekends and year ends, in
years whose schedule is unknown, done before, on and after the due day, open,
allowances of 0 and around the law's limits, now either side of the due day)
each row must be what the function of the same name gives for it, and the
years a row's calendar is unknown in are noted as the function notes them.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator.rules import (
    CALENDAR_DAYS,
    SETTLEMENTS,
    STATUSES,
    WORKING_DAYS,
    deadline_status,
    deadline_status_columns,
    due_columns,
    settled_in,
    settled_in_columns,
    settlement,
    settlement_columns,
)
from evaluator.working_days import day_ordinals, schedule_known, take_unknown_years

_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

D = dt.date
DAY = dt.timedelta(days=1)
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

# days where a rule's boundary lies: holidays, worked weekends, year ends, and the last
# known year's end (its next year has no schedule: judged one at a time, and noted)
LAST_KNOWN = max(y for y in range(2001, 2040) if schedule_known(y))
EDGES = [
    D(2016, 9, 30),  # 15 working days later is 26 October, after National Day week
    D(2016, 9, 18),  # a worked Sunday
    D(2016, 12, 30),
    D(2017, 1, 26),  # Spring Festival eve
    D(2019, 5, 14),  # the day before the 2019 regulation
    D(2019, 12, 31),
    D(2020, 1, 19),  # a worked Sunday before a Spring Festival
    D(LAST_KNOWN, 12, 10),
    D(2000, 12, 25),  # a year before the first known one
]

starts = st.builds(
    lambda edge, shift: edge + shift * DAY,
    st.sampled_from(EDGES),
    st.integers(min_value=-12, max_value=12),
)
allowances = st.sampled_from([0, 1, 7, 15, 16, 19, 20, 21, 30, 40])


@st.composite
def rows(draw: Any) -> tuple[dt.date, dt.date | None, int, dt.date]:
    start = draw(starts)
    allowance = draw(allowances)
    due = WORKING_DAYS.due(start, allowance) if start.year < LAST_KNOWN else start
    near = draw(st.sampled_from([start, due, due + DAY, start - DAY]))
    done = draw(st.one_of(st.none(), st.builds(lambda d: near + d * DAY, st.integers(-3, 6))))
    now = near + draw(st.integers(-3, 6)) * DAY
    return start, done, allowance, now


columns = st.lists(rows(), min_size=1, max_size=25)
clocks = st.sampled_from([WORKING_DAYS, CALENDAR_DAYS])


def split(table: list[tuple[dt.date, dt.date | None, int, dt.date]]) -> tuple[Any, ...]:
    start, done, allowance, now = zip(*table, strict=True)
    return day_ordinals(start), day_ordinals(done), np.array(allowance), day_ordinals(now)


@SETTINGS
@given(columns, clocks)
def test_the_column_status_is_the_status_of_each_row(table: Any, clock: Any) -> None:
    start, done, allowance, now = split(table)
    take_unknown_years()
    codes = deadline_status_columns(start, done, allowance, clock=clock, now=now)
    noted = take_unknown_years()
    expected = [deadline_status(s, d, a, clock=clock, now=n) for s, d, a, n in table]
    assert [STATUSES[c] for c in codes] == expected
    assert noted == take_unknown_years()  # the same years noted, by the same rows


@SETTINGS
@given(columns, clocks)
def test_the_column_due_day_is_the_due_day_of_each_row(table: Any, clock: Any) -> None:
    start, _, allowance, _ = split(table)
    take_unknown_years()
    due = due_columns(start, allowance, clock=clock)
    noted = take_unknown_years()
    expected = [clock.due(s, a) for s, _, a, _ in table]
    assert [D.fromordinal(int(d)) for d in due] == expected
    assert noted == take_unknown_years()


@SETTINGS
@given(columns, st.sampled_from([2016, 2017, 2019, 2020]))
def test_the_column_settlement_is_the_settlement_of_each_row(table: Any, year: int) -> None:
    start, done, allowance, now = split(table)
    due = due_columns(start, allowance, clock=WORKING_DAYS)
    codes = settlement_columns(done, due, year=year, now=now)
    expected = [
        settlement(d, D.fromordinal(int(u)), year=year, now=n)
        for (_, d, _, n), u in zip(table, due, strict=True)
    ]
    assert [SETTLEMENTS[c] for c in codes] == expected
    settled = settled_in_columns(due, year=year)
    assert [SETTLEMENTS[c] for c in settled] == [
        settled_in(D.fromordinal(int(u)), year=year) for u in due
    ]


def test_a_row_in_a_year_without_a_schedule_is_judged_and_noted_as_the_function_does() -> None:
    unknown = LAST_KNOWN + 1
    start = day_ordinals([D(LAST_KNOWN, 12, 28), D(2016, 9, 30)])
    take_unknown_years()
    due = due_columns(start, 15, clock=WORKING_DAYS)
    assert take_unknown_years() == (unknown,)
    assert D.fromordinal(int(due[1])) == D(2016, 10, 26)
    assert D.fromordinal(int(due[0])) == WORKING_DAYS.due(D(LAST_KNOWN, 12, 28), 15)

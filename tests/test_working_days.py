"""Official working days: holidays, adjusted weekends, counting and deadlines.

Hand check of the 2016 National Day week (国庆节): 1-7 October off, Saturday 8
and Sunday 9 October worked. Counting after Friday 30 September:
8 Oct = 1, 9 Oct = 2, 10-14 Oct = 3..7, 17-21 Oct = 8..12, 24 = 13, 25 = 14,
26 = 15, 27 = 16.
"""

from __future__ import annotations

import datetime as dt

import pytest

from evaluator.working_days import (
    deadline,
    is_adjusted_working_day,
    is_working_day,
    schedule_known,
    take_unknown_years,
    working_days_after,
)

D = dt.date


def test_request_answered_on_21_october_was_answered_on_working_day_12() -> None:
    assert working_days_after(D(2016, 9, 30), D(2016, 10, 21)) == 12


def test_request_answered_on_27_october_was_answered_on_working_day_16() -> None:
    assert working_days_after(D(2016, 9, 30), D(2016, 10, 27)) == 16


def test_fifteen_working_days_after_30_september_end_on_26_october() -> None:
    assert deadline(D(2016, 9, 30), 15) == D(2016, 10, 26)


def test_request_received_before_national_day_and_answered_26_october_is_on_time() -> None:
    assert D(2016, 10, 26) <= deadline(D(2016, 9, 30), 15) < D(2016, 10, 27)


def test_adjusted_saturday_is_a_working_day() -> None:
    assert D(2016, 10, 8).weekday() == 5
    assert is_working_day(D(2016, 10, 8))


def test_national_day_monday_is_not_a_working_day() -> None:
    assert D(2016, 10, 3).weekday() == 0
    assert not is_working_day(D(2016, 10, 3))


def test_sunday_after_dragon_boat_festival_is_a_working_day() -> None:
    # 端午节 2016: 9-11 June off, Sunday 12 June worked
    assert D(2016, 6, 12).weekday() == 6
    assert is_working_day(D(2016, 6, 12))
    assert not is_working_day(D(2016, 6, 10))


def test_plain_weekend_and_weekday() -> None:
    assert not is_working_day(D(2016, 3, 5))  # Saturday
    assert is_working_day(D(2016, 3, 7))  # Monday


def test_counting_across_a_year_end() -> None:
    # New Year 2017: Sat 31 Dec to Mon 2 Jan off, so after Fri 30 Dec 2016
    # the first working day is Tue 3 Jan (1), then Wed 4 Jan (2).
    assert working_days_after(D(2016, 12, 30), D(2017, 1, 4)) == 2
    assert deadline(D(2016, 12, 30), 1) == D(2017, 1, 3)


def test_counting_a_whole_year() -> None:
    # 2016 (leap, starting Friday) has 261 weekdays. Off on weekdays: 1 Jan (1),
    # Spring Festival 8-12 Feb (5), 4 Apr (1), 2 May (1), 9-10 Jun (2),
    # 15-16 Sep (2), 3-7 Oct (5) = 17. Worked weekends: 6 and 14 Feb, 12 Jun,
    # 18 Sep, 8 and 9 Oct = 6. So 261 - 17 + 6 = 250.
    assert working_days_after(D(2015, 12, 31), D(2016, 12, 31)) == 250


@pytest.mark.parametrize(
    "start",
    [D(2016, 1, 4), D(2016, 9, 29), D(2016, 9, 30), D(2016, 10, 1), D(2016, 12, 20)],
)
@pytest.mark.parametrize("days", [1, 7, 15, 30])
def test_deadline_and_count_agree(start: dt.date, days: int) -> None:
    due = deadline(start, days)
    assert is_working_day(due)
    assert working_days_after(start, due) == days
    assert working_days_after(start, due - dt.timedelta(days=1)) == days - 1


def test_end_on_or_before_start_counts_zero() -> None:
    assert working_days_after(D(2016, 3, 7), D(2016, 3, 7)) == 0
    assert working_days_after(D(2016, 3, 7), D(2016, 3, 1)) == 0
    assert deadline(D(2016, 3, 7), 0) == D(2016, 3, 7)


def test_unknown_future_year_is_reported_once() -> None:
    take_unknown_years()  # forget what earlier tests used
    assert not schedule_known(2031)
    is_working_day(D(2031, 3, 3))
    working_days_after(D(2016, 3, 1), D(2016, 3, 8))  # a known year adds nothing
    assert take_unknown_years() == (2031,)
    assert take_unknown_years() == ()


def test_known_year_is_not_reported() -> None:
    take_unknown_years()
    assert schedule_known(2016)
    deadline(D(2016, 9, 30), 15)
    assert take_unknown_years() == ()


def test_a_deadline_on_the_last_working_day_of_the_year_stays_in_the_year() -> None:
    # Friday 2016-12-30 was the last working day of 2016 (12-31 a Saturday, 2017-01-02 off).
    assert deadline(D(2016, 12, 29), 1) == D(2016, 12, 30)
    assert deadline(D(2016, 12, 28), 2) == D(2016, 12, 30)
    assert deadline(D(2016, 12, 30), 1) == D(2017, 1, 3)


def test_a_deadline_counted_from_the_last_working_day_of_a_year_is_cached_alike() -> None:
    first = deadline(D(2016, 12, 29), 1)
    assert deadline(D(2016, 12, 29), 1) == first == D(2016, 12, 30)


@pytest.mark.parametrize(
    ("day", "adjusted"),
    [
        (D(2016, 9, 18), True),  # Sunday worked after the Mid-Autumn holiday
        (D(2016, 10, 8), True),  # Saturday worked after National Day
        (D(2016, 10, 9), True),
        (D(2016, 9, 17), False),  # Saturday of the Mid-Autumn holiday
        (D(2016, 10, 1), False),  # Saturday of the National Day holiday
        (D(2016, 9, 19), False),  # an ordinary Monday is no adjusted day
        (D(2016, 9, 24), False),  # an ordinary Saturday
    ],
)
def test_adjusted_working_days_are_the_worked_weekend_days(day: dt.date, adjusted: bool) -> None:
    assert is_adjusted_working_day(day) is adjusted

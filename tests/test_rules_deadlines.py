"""Per-record deadlines: due = start + allowance, judged on the clock the caller names."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator.rules import (
    CALENDAR_DAYS,
    ELAPSED_TIME,
    WORKING_DAYS,
    Clock,
    DeadlineStatus,
    Settlement,
    check_deadline,
    deadline_status,
    settled_in,
    settled_on,
    settlement,
)

# Hypothesis caches what it learns under ./.hypothesis: keep that in a temporary folder.
_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

D = dt.date
BEIJING = dt.timezone(dt.timedelta(hours=8))
RECEIVED = D(2016, 9, 30)  # 15 working days later is Wednesday 26 October (National Day week)
SNAPSHOT = D(2017, 1, 10)


def moment(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2016, 3, day, hour, minute, second, tzinfo=BEIJING)


def request(replied: dt.date | None, now: dt.date = SNAPSHOT) -> DeadlineStatus:
    return check_deadline(RECEIVED, replied, 15, clock=WORKING_DAYS, now=now).status


# ---------------------------------------------------------------- working days


def test_reply_on_the_due_day_is_on_time_and_on_the_next_working_day_late() -> None:
    assert request(D(2016, 10, 26)) is DeadlineStatus.ON_TIME
    assert request(D(2016, 10, 27)) is DeadlineStatus.LATE


def test_reply_on_the_weekend_after_the_due_day_is_late_though_it_took_no_more_working_days() -> (
    None
):
    # Due dates are calendar dates: Saturday 7 January came after the due Friday.
    received = D(2016, 12, 22)  # 10 working days later is Friday 6 January 2017
    check = check_deadline(received, D(2017, 1, 7), 10, clock=WORKING_DAYS, now=SNAPSHOT)
    assert check.due == D(2017, 1, 6)
    assert (check.status, check.used) == (DeadlineStatus.LATE, 10)
    on_the_day = check_deadline(received, D(2017, 1, 6), 10, clock=WORKING_DAYS, now=SNAPSHOT)
    assert on_the_day.status is DeadlineStatus.ON_TIME


def test_open_record_is_not_due_until_now_passes_its_due_day() -> None:
    assert request(None, now=D(2016, 10, 26)) is DeadlineStatus.NOT_DUE
    assert request(None, now=D(2016, 10, 27)) is DeadlineStatus.OVERDUE


def test_open_record_is_overdue_on_the_weekend_after_its_due_day() -> None:
    received = D(2016, 12, 22)
    check = check_deadline(received, None, 10, clock=WORKING_DAYS, now=D(2017, 1, 7))
    assert check.status is DeadlineStatus.OVERDUE


def test_late_and_overdue_records_say_when_they_were_due_and_how_long_they_took() -> None:
    late = check_deadline(RECEIVED, D(2016, 10, 28), 15, clock=WORKING_DAYS, now=SNAPSHOT)
    assert (late.due, late.used) == (D(2016, 10, 26), 17)
    overdue = check_deadline(RECEIVED, None, 15, clock=WORKING_DAYS, now=D(2016, 10, 31))
    assert (overdue.due, overdue.used) == (D(2016, 10, 26), 18)  # measured up to now


def test_reply_dated_before_the_request_is_done_before_start() -> None:
    assert request(D(2016, 9, 29)) is DeadlineStatus.DONE_BEFORE_START


def test_reply_on_the_day_received_is_on_time() -> None:
    assert request(RECEIVED) is DeadlineStatus.ON_TIME


# ---------------------------------------------------------------- elapsed time


EMERGED = moment(1, 9)
LATER = moment(31, 0)


def incident(done: dt.datetime | None, now: dt.datetime = LATER) -> DeadlineStatus:
    limit = dt.timedelta(hours=5)
    return check_deadline(EMERGED, done, limit, clock=ELAPSED_TIME, now=now).status


def test_response_at_the_limit_is_on_time_and_a_second_later_late() -> None:
    assert incident(moment(1, 14)) is DeadlineStatus.ON_TIME
    assert incident(moment(1, 14, 0, 1)) is DeadlineStatus.LATE


def test_late_response_reports_the_time_it_took() -> None:
    limit = dt.timedelta(hours=5)
    check = check_deadline(
        moment(1, 9), moment(1, 15, 30), limit, clock=ELAPSED_TIME, now=moment(2, 0)
    )
    assert (check.due, check.used) == (moment(1, 14), dt.timedelta(hours=6, minutes=30))


def test_unanswered_incident_is_overdue_only_once_now_is_past_the_limit() -> None:
    assert incident(None, now=moment(1, 14)) is DeadlineStatus.NOT_DUE
    assert incident(None, now=moment(1, 14, 0, 1)) is DeadlineStatus.OVERDUE


def test_moments_in_other_offsets_compare_as_the_same_instant() -> None:
    utc = dt.datetime(2016, 3, 1, 6, tzinfo=dt.UTC)  # 14:00 Beijing time
    assert incident(utc) is DeadlineStatus.ON_TIME


def test_response_before_the_incident_is_done_before_start() -> None:
    assert incident(moment(1, 8, 59)) is DeadlineStatus.DONE_BEFORE_START


# ---------------------------------------------------------------- any clock


def test_a_caller_can_count_in_its_own_unit() -> None:
    weeks: Clock[dt.date, int] = Clock(
        due=lambda start, n: start + dt.timedelta(weeks=n),
        between=lambda start, end: -((start - end).days // 7),  # weeks begun
    )
    start = D(2016, 3, 1)
    on_time = check_deadline(start, D(2016, 3, 15), 2, clock=weeks, now=SNAPSHOT)
    late = check_deadline(start, D(2016, 3, 16), 2, clock=weeks, now=SNAPSHOT)
    assert (on_time.status, late.status) == (DeadlineStatus.ON_TIME, DeadlineStatus.LATE)
    assert late.used == 3


def test_a_check_works_out_only_what_its_status_needs() -> None:
    # A clock without its own in_time compares a done record with its due moment,
    # asked once; the time taken is worked out only when read.
    asked: list[str] = []

    def due(start: dt.date, n: int) -> dt.date:
        asked.append("due")
        return start + dt.timedelta(days=n)

    def between(start: dt.date, end: dt.date) -> int:
        asked.append("between")
        return (end - start).days

    clock = Clock(due=due, between=between)
    check_deadline(D(2016, 3, 1), D(2016, 3, 2), 5, clock=clock, now=SNAPSHOT)
    assert asked == ["due"]
    asked.clear()
    check_deadline(D(2016, 3, 1), None, 5, clock=clock, now=D(2016, 3, 2))
    assert asked == ["due"]
    asked.clear()
    check_deadline(D(2016, 3, 1), D(2016, 2, 1), 5, clock=clock, now=SNAPSHOT)
    assert asked == []


def test_the_status_alone_is_the_status_of_the_full_check() -> None:
    # Scorers ask deadline_status once per record and check_deadline where records are few.
    for replied in (None, D(2016, 9, 29), RECEIVED, D(2016, 10, 26), D(2016, 10, 27)):
        for now in (D(2016, 10, 26), D(2016, 10, 27), SNAPSHOT):
            check = check_deadline(RECEIVED, replied, 15, clock=WORKING_DAYS, now=now)
            status = deadline_status(RECEIVED, replied, 15, clock=WORKING_DAYS, now=now)
            assert status is check.status
    limit = dt.timedelta(hours=5)
    for done in (None, moment(1, 8), moment(1, 14), moment(1, 14, 0, 1)):
        for at in (moment(1, 14), moment(1, 15)):
            timed = check_deadline(EMERGED, done, limit, clock=ELAPSED_TIME, now=at)
            assert deadline_status(EMERGED, done, limit, clock=ELAPSED_TIME, now=at) is (
                timed.status
            )


def test_the_status_alone_works_out_only_what_it_needs() -> None:
    asked: list[str] = []

    def due(start: dt.date, n: int) -> dt.date:
        asked.append("due")
        return start + dt.timedelta(days=n)

    def between(start: dt.date, end: dt.date) -> int:
        asked.append("between")
        return (end - start).days

    clock = Clock(due=due, between=between)
    deadline_status(D(2016, 3, 1), D(2016, 3, 2), 5, clock=clock, now=SNAPSHOT)
    deadline_status(D(2016, 3, 1), None, 5, clock=clock, now=D(2016, 3, 2))
    deadline_status(D(2016, 3, 1), D(2016, 2, 1), 5, clock=clock, now=SNAPSHOT)
    assert asked == ["due", "due"]
    asked.clear()
    # with its own in_time, a done record asks only that
    timed = Clock(due=due, between=between, in_time=lambda s, d, n: (d - s).days <= n)
    assert deadline_status(D(2016, 3, 1), D(2016, 3, 7), 5, clock=timed, now=SNAPSHOT) is (
        DeadlineStatus.LATE
    )
    assert asked == []


# ---------------------------------------------------------------- calendar dates


def test_reply_on_a_spring_festival_holiday_after_a_working_saturday_due_day_is_late() -> None:
    # From Monday 2016-01-18: 01-19..22 (1-4), 01-25..29 (5-9), 02-01..05 (10-14), and
    # Saturday 02-06 was worked (15). 02-07..13 were the Spring Festival holiday, so a
    # reply on 02-10 still counts 15 working days, but it is four days past the due date.
    received = D(2016, 1, 18)
    on_due = check_deadline(received, D(2016, 2, 6), 15, clock=WORKING_DAYS, now=SNAPSHOT)
    assert (on_due.due, on_due.status) == (D(2016, 2, 6), DeadlineStatus.ON_TIME)
    holiday = check_deadline(received, D(2016, 2, 10), 15, clock=WORKING_DAYS, now=SNAPSHOT)
    assert (holiday.status, holiday.used) == (DeadlineStatus.LATE, 15)


def test_zero_working_days_means_the_same_date_even_on_a_holiday() -> None:
    # 2016-10-03 and 10-04 were both National Day holidays: no working day between.
    holiday = D(2016, 10, 3)
    assert request_on(holiday, holiday, 0) is DeadlineStatus.ON_TIME
    assert request_on(holiday, D(2016, 10, 4), 0) is DeadlineStatus.LATE


def request_on(start: dt.date, done: dt.date, allowance: int) -> DeadlineStatus:
    return deadline_status(start, done, allowance, clock=WORKING_DAYS, now=SNAPSHOT)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(
    st.dates(D(2015, 12, 1), D(2017, 1, 31)),
    st.integers(0, 45),
    st.integers(0, 80),
)
def test_in_time_on_working_days_is_done_by_the_due_day(
    start: dt.date, allowance: int, days: int
) -> None:
    # The fast paths compare a reply with the due day; the clock counts working days
    # (without working out the due day). The two must agree on every date, holidays,
    # worked weekends and year ends included.
    done = start + dt.timedelta(days=days)
    in_time = request_on(start, done, allowance) is DeadlineStatus.ON_TIME
    assert in_time == (done <= WORKING_DAYS.due(start, allowance))


def test_calendar_days_end_on_the_next_working_day_when_the_last_day_is_a_rest_day() -> None:
    # Approved Friday 2016-09-09: 20 days later is Thursday 09-29, a working day.
    assert CALENDAR_DAYS.due(D(2016, 9, 9), 20) == D(2016, 9, 29)
    # Approved Wednesday 2016-09-14: day 20 is Tuesday 10-04, a National Day holiday;
    # the period runs to Saturday 10-08, the first working day after it.
    approved = D(2016, 9, 14)
    assert CALENDAR_DAYS.due(approved, 20) == D(2016, 10, 8)
    assert deadline_status(approved, D(2016, 10, 8), 20, clock=CALENDAR_DAYS, now=SNAPSHOT) is (
        DeadlineStatus.ON_TIME
    )
    assert deadline_status(approved, D(2016, 10, 9), 20, clock=CALENDAR_DAYS, now=SNAPSHOT) is (
        DeadlineStatus.LATE
    )


# ---------------------------------------------------------------- settlement


def test_a_record_settles_on_its_reply_when_in_time_else_on_its_due_day() -> None:
    due = D(2017, 1, 16)
    assert settled_on(D(2016, 12, 28), due) == D(2016, 12, 28)
    assert settled_on(due, due) == due
    assert settled_on(D(2017, 2, 20), due) == due
    assert settled_on(None, due) == due


def test_a_december_request_replied_late_in_january_settles_in_the_next_year() -> None:
    # Received 2016-12-23: working day 15 is 2017-01-16, so its reply on working day 37
    # (2017-02-20) made it late on 01-16: judged in the 2017 run, carried over from 2016.
    due = D(2017, 1, 16)
    late = D(2017, 2, 20)
    assert settlement(late, due, year=2016, now=D(2017, 3, 1)) is Settlement.LATER
    assert settlement(late, due, year=2017, now=D(2018, 1, 10)) is Settlement.IN_YEAR
    # open at the 2016 snapshot and not yet due: carried over too
    assert settlement(None, due, year=2016, now=SNAPSHOT) is Settlement.LATER


def test_a_record_that_settled_last_year_is_not_judged_again() -> None:
    assert settlement(D(2015, 12, 30), D(2016, 1, 15), year=2016, now=SNAPSHOT) is (
        Settlement.EARLIER
    )
    assert settlement(None, D(2015, 12, 31), year=2016, now=SNAPSHOT) is Settlement.EARLIER


def test_an_open_record_due_on_the_snapshot_day_has_not_settled() -> None:
    snapshot = D(2016, 12, 20)  # a snapshot taken before the year ended
    assert settlement(None, snapshot, year=2016, now=snapshot) is Settlement.PENDING
    assert settlement(None, D(2016, 12, 19), year=2016, now=snapshot) is Settlement.IN_YEAR
    assert settlement(D(2016, 12, 20), snapshot, year=2016, now=snapshot) is Settlement.IN_YEAR


def test_a_record_known_to_have_settled_is_judged_in_the_run_of_that_days_year() -> None:
    # a clock that found a record done in time knows it settled on that day
    assert settled_in(D(2015, 12, 31), year=2016) is Settlement.EARLIER
    assert settled_in(D(2016, 1, 1), year=2016) is Settlement.IN_YEAR
    assert settled_in(D(2016, 12, 31), year=2016) is Settlement.IN_YEAR
    assert settled_in(D(2017, 1, 1), year=2016) is Settlement.LATER


def test_moments_settle_in_the_year_of_their_local_day() -> None:
    # 2016-12-31 16:30 UTC is 2017-01-01 00:30 in Beijing.
    def beijing(moment: dt.datetime) -> dt.date:
        return moment.astimezone(BEIJING).date()

    due = dt.datetime(2016, 12, 31, 16, 30, tzinfo=dt.UTC)
    now = dt.datetime(2017, 1, 11, tzinfo=BEIJING)
    assert settlement(None, due, year=2016, now=now, day=beijing) is Settlement.LATER
    before = dt.datetime(2016, 12, 31, 15, 59, tzinfo=dt.UTC)  # 23:59 in Beijing
    assert settlement(None, before, year=2016, now=now, day=beijing) is Settlement.IN_YEAR
    assert settled_in(due, year=2016, day=beijing) is Settlement.LATER
    assert settled_in(before, year=2016, day=beijing) is Settlement.IN_YEAR

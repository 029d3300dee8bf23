"""Per-record deadlines: due = start + allowance, judged on the clock the caller names."""

from __future__ import annotations

import datetime as dt

from evaluator.rules import (
    ELAPSED_TIME,
    WORKING_DAYS,
    Clock,
    DeadlineStatus,
    check_deadline,
    deadline_status,
)

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

"""Generic scoring shapes: goalposts, capped deductions, deadlines."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from evaluator.rules import (
    WORKING_DAYS,
    DeadlineStatus,
    Deduction,
    capped_deductions,
    check_deadline,
    exact_goalpost,
)

# ---------------------------------------------------------------- goalpost

F = Fraction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (F(1), F(1)),  # beyond full
        (F(95, 100), F(1)),  # at full
        (F(9499, 10000), F(2499, 2500)),  # just under full: (0.9499 - 0.70) / 0.25
        (F(825, 1000), F(1, 2)),  # half way
        (F(7001, 10000), F(1, 2500)),  # just over zero
        (F(70, 100), F(0)),  # at zero
        (F(1, 2), F(0)),  # beyond zero
    ],
)
def test_goalpost_higher_is_better(value: Fraction, expected: Fraction) -> None:
    assert exact_goalpost(value, full_at=0.95, zero_at=0.70) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (F(0), F(1)),  # at full
        (F(1, 100), F(19, 20)),  # just over full: 1 - 0.01 / 0.2
        (F(1, 10), F(1, 2)),
        (F(19, 100), F(1, 20)),  # just under zero
        (F(2, 10), F(0)),  # at zero
        (F(1, 2), F(0)),
    ],
)
def test_goalpost_lower_is_better(value: Fraction, expected: Fraction) -> None:
    assert exact_goalpost(value, full_at=0.0, zero_at=0.2) == expected


def test_goalposts_are_read_as_the_decimals_written() -> None:
    # 0.1 as a float is not one tenth; read as written, a rate of 1/10 is exactly half way
    assert exact_goalpost(F(1, 10), full_at=0.0, zero_at=0.2) == F(1, 2)


def test_goalposts_must_differ() -> None:
    with pytest.raises(ValueError):
        exact_goalpost(F(1), full_at=1, zero_at=1)


# ---------------------------------------------------------------- deductions


def test_deductions_below_the_cap_each_cost_their_amount() -> None:
    points, findings = capped_deductions(
        10,
        [
            Deduction("late", "late replies", ("R1", "R2"), each=2),  # 4
            Deduction("blank", "blank column", ("C1",), each=1),  # 1
        ],
    )
    assert points == 5
    assert [(f.code, f.deduction) for f in findings] == [("late", 4), ("blank", 1)]


def test_deductions_are_capped_and_still_add_up_to_the_points_lost() -> None:
    points, findings = capped_deductions(
        10,
        [
            Deduction("late", "late replies", ("R1", "R2", "R3"), each=3),  # 9
            Deduction("blank", "blank columns", ("C1", "C2"), each=2),  # 4, only 1 left
            Deduction("broken", "broken links", ("L1",), each=5),  # nothing left
        ],
    )
    assert points == 0
    assert [f.deduction for f in findings] == [9, 1, 0]
    assert sum(f.deduction or 0 for f in findings) == 10 - points
    assert findings[2].records == ("L1",)  # still reported, at no cost


def test_once_only_deduction_and_empty_record_lists() -> None:
    points, findings = capped_deductions(
        10,
        [
            Deduction("none", "no late replies", (), each=2),  # no records: free
            Deduction("policy", "no policy page", (), each=3, per_record=False),  # 3 once
        ],
    )
    assert points == 7
    assert [(f.code, f.deduction) for f in findings] == [("policy", 3)]


# ---------------------------------------------------------------- deadlines


def _requests(*rows: tuple[str, dt.date, dt.date | None]) -> list[dict[str, Any]]:
    return [{"id": i, "received_on": r, "replied_on": a} for i, r, a in rows]


def _check(records: list[dict[str, Any]], now: dt.date) -> list[tuple[str, Any, bool]]:
    checks = [
        (
            r["id"],
            check_deadline(r["received_on"], r["replied_on"], 15, clock=WORKING_DAYS, now=now),
        )
        for r in records
    ]
    return [
        (rid, c.due, c.status in (DeadlineStatus.LATE, DeadlineStatus.OVERDUE))
        for rid, c in checks
        if c.status is not DeadlineStatus.NOT_DUE
    ]


def test_reply_on_the_last_day_is_on_time_and_the_day_after_is_late() -> None:
    received = dt.date(2016, 9, 30)  # due 26 October (15 working days)
    records = _requests(
        ("on-time", received, dt.date(2016, 10, 26)),
        ("late", received, dt.date(2016, 10, 27)),
    )
    assert _check(records, dt.date(2017, 1, 10)) == [
        ("on-time", dt.date(2016, 10, 26), False),
        ("late", dt.date(2016, 10, 26), True),
    ]


def test_open_request_is_late_only_once_its_deadline_passed() -> None:
    records = _requests(("open", dt.date(2016, 9, 30), None))
    assert _check(records, dt.date(2016, 10, 26)) == []  # still within time: not judged
    assert _check(records, dt.date(2016, 10, 27)) == [("open", dt.date(2016, 10, 26), True)]

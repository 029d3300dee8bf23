"""Generic scoring shapes: goalposts, capped deductions, deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from evaluator.rules import (
    WORKING_DAYS,
    DeadlineStatus,
    Deduction,
    capped_deductions,
    check_deadline,
    goalpost,
    share_points,
)

# ---------------------------------------------------------------- goalpost


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, 1.0),  # beyond full
        (0.95, 1.0),  # at full
        (0.9499, 0.9996),  # just under full: (0.9499 - 0.70) / 0.25
        (0.825, 0.5),  # half way
        (0.7001, 0.0004),  # just over zero
        (0.70, 0.0),  # at zero
        (0.5, 0.0),  # beyond zero
    ],
)
def test_goalpost_higher_is_better(value: float, expected: float) -> None:
    assert goalpost(value, full_at=0.95, zero_at=0.70) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.0, 1.0),  # at full
        (0.01, 0.95),  # just over full: 1 - 0.01 / 0.2
        (0.1, 0.5),
        (0.19, 0.05),  # just under zero
        (0.2, 0.0),  # at zero
        (0.5, 0.0),
    ],
)
def test_goalpost_lower_is_better(value: float, expected: float) -> None:
    assert goalpost(value, full_at=0.0, zero_at=0.2) == pytest.approx(expected)


def test_goalposts_must_differ() -> None:
    with pytest.raises(ValueError):
        goalpost(1, full_at=1, zero_at=1)


def test_share_points() -> None:
    assert share_points(3, 4, 40) == 30  # 40 * 3 / 4
    assert share_points(5, 4, 40) == 40  # more than required counts as all
    assert share_points(0, 0, 40) == 40  # nothing required: full points


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

"""The plain case of a deadline rule, judged a column at a time: an optimisation only.

Requests and messages run to hundreds of thousands per unit, and nearly all of
them are the plain case: received, then answered within the year, by the
snapshot and by the due day. Judging them one by one was most of what scoring
them cost. Here the fields are read a column at a time (dict's own getters, a
C call each) and the test is one comprehension, with each due day worked out
once per day of receipt; the scorers judge the other records by the rule, one
by one. (Requests have moved on to the rules' column forms,
``RequestClock.judge_all``; :func:`columns` still reads their fields.)

The rule is stated once, record by record (``RequestClock.judge``,
``MessageJudge``); the caller's ``due`` is worked out from that rule's own
steps, and a property test (``tests/plugins/test_in_time_properties.py``)
checks that for any record its strategies make (holidays and working
weekends, year ends, the snapshot day, extensions, pauses, corrections,
copies) the verdict here equals the rule's.

A due day is worked out only for a day on which a candidate was received
(answered in the window, not excluded by ``skip``), so a calendar year no
record needed is never asked for (an unknown year is a warning on the unit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any, cast

from evaluator import RecordColumns

__all__ = ["PerDay", "columns", "plain_in_time", "plain_in_time_columns"]


class PerDay(dict[dt.date, dt.date]):
    """A date worked out from each day once, when first asked for."""

    def __init__(self, work: Callable[[dt.date], dt.date]) -> None:
        super().__init__()
        self.work = work

    def __missing__(self, day: dt.date) -> dt.date:
        value = self[day] = self.work(day)
        return value


def columns(
    records: Sequence[Mapping[str, Any]], required: str, *optional: str
) -> list[Sequence[Any]]:
    """The ``required`` field of every record, then each ``optional`` one (``None`` if absent).

    Records read as columns (:class:`~evaluator.RecordColumns`) give theirs as they are."""
    if isinstance(records, RecordColumns):
        return [records.column(required), *map(records.column, optional)]
    try:  # read-only dicts, as the engine gives them: dict's own getters
        rows = cast(Sequence[dict[str, Any]], records)
        found: list[Sequence[Any]] = [list(map(dict.__getitem__, rows, repeat(required)))]
        found.extend(list(map(dict.get, rows, repeat(name))) for name in optional)
    except TypeError:  # another kind of mapping
        found = [[r[required] for r in records]]
        found.extend([r.get(name) for r in records] for name in optional)
    return found


def plain_in_time(
    received: Sequence[dt.date],
    replied: Sequence[dt.date | None],
    *,
    year: int,
    snapshot: dt.date,
    due: Callable[[dt.date], dt.date],
    skip: Sequence[Any] | None = None,
) -> list[bool]:
    """For each record, whether it is plain: answered in the year, by the snapshot, by its due.

    The reply must fall on or after the day of receipt and within ``year``, on
    or before ``snapshot`` and on or before ``due(received)`` (calendar dates:
    the last reply day the rule finds in time and needing no word). A record
    whose ``skip`` value is true is not plain (the rule judges it) and needs no
    due day. A plain record is one the rule would pass with nothing to say;
    the others are not judged here, only left to the rule.
    """
    first = dt.date(year, 1, 1)
    cap = min(snapshot, dt.date(year, 12, 31))
    dues = PerDay(due)
    if skip is None:
        return [
            answer is not None and day <= answer and first <= answer <= cap and answer <= dues[day]
            for day, answer in zip(received, replied, strict=True)
        ]
    return [
        answer is not None
        and not skipped
        and day <= answer
        and first <= answer <= cap
        and answer <= dues[day]
        for day, answer, skipped in zip(received, replied, skip, strict=True)
    ]


def plain_in_time_columns(
    received: Any, replied: Any, *, year: int, snapshot: dt.date, due: Callable[[dt.date], dt.date]
) -> Any:
    """:func:`plain_in_time` over the days' ordinals (numpy ``int64`` arrays, 0 for no reply,
    as :meth:`~evaluator.RecordColumns.ordinals` gives them): a numpy array of booleans.

    The same test, a column at a time; ``due`` is asked, as there, only for the days on
    which a candidate was received (answered in the window), each day once.
    """
    import numpy as np

    first = dt.date(year, 1, 1).toordinal()
    cap = min(snapshot, dt.date(year, 12, 31)).toordinal()
    # no reply (0) is before the year's first day; a day of receipt is never 0 (required)
    plain = (received != 0) & (received <= replied) & (first <= replied) & (replied <= cap)
    rows = np.flatnonzero(plain)
    days, where = np.unique(received[rows], return_inverse=True)
    dues = [due(dt.date.fromordinal(day)).toordinal() for day in days.tolist()]
    plain[rows] = replied[rows] <= np.asarray(dues, dtype=np.int64)[where.reshape(len(rows))]
    return plain

"""The website checks' per-record judgments: ages of columns, and replies to messages.

Split from ``plugins/website.py``, whose scorers call these once per column or
message. Ages count calendar days or whole months back from the evaluator's
check date; working-day counts follow the official calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Any, cast

from evaluator import Finding, RecordColumns
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
    SET_ASIDE,
    SETTLED,
    WORKING_DAYS,
    DeadlineStatus,
    Deduction,
    Settlement,
    Term,
    deadline_status,
    settled_on,
    settlement,
    subject,
    terms,
)
from evaluator.working_days import schedule_known

from .._disclosure.in_time import columns, plain_in_time, plain_in_time_columns
from .._disclosure.labels import (
    COLUMN,
    LAST_UPDATED,
    MESSAGE,
    NOT_UPDATED,
    RECEIVED,
    REPLIED,
    UNANSWERED,
)
from .schema import KIND_NAMES

_PLAIN_DUE: dict[tuple[dt.date, int, int], dt.date] = {}
""":meth:`MessageJudge._plain_due` by (day of receipt, working days, months): every unit of
a run asks for the same few hundred days."""

Record = Mapping[str, Any]


# Cached: the messages scorer asks once per message, for the same few hundred dates.
@functools.lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, the day clamped to the month end (08-31 → 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def cutoff(snapshot: dt.date, age: Mapping[str, int]) -> tuple[dt.date, Term]:
    """The oldest update date still fresh, and the age in words."""
    if "days" in age:
        return snapshot - dt.timedelta(days=age["days"]), Term(
            f"{age['days']}天", f"{age['days']} days"
        )
    return add_months(snapshot, -age["months"]), Term(
        f"{age['months']}个月", f"{age['months']} months"
    )


def after_snapshot(what: Term, rid: str, field: Term, day: dt.date, snapshot: dt.date) -> Finding:
    params = {
        **terms(subject=what, field=field, effect=NOT_UPDATED),
        "id": rid,
        "day": day,
        "snapshot": snapshot,
    }
    return Finding(AFTER_SNAPSHOT, records=(rid,), params=params)


# ---------------------------------------------------------------- columns

# A column's verdict: (severity, stale deduction or None, blank deduction or None, notes).
# Severity orders copies of one column: stale or blank (2) above fresh or not judged (0).
ColumnVerdict = tuple[int, Deduction | None, Deduction | None, tuple[Finding, ...]]


def cutoffs(checked: dt.date, p: Mapping[str, Any]) -> dict[str, tuple[dt.date, Term]]:
    """Each kind's :func:`cutoff` at the check date, worked out once per unit."""
    return {kind: cutoff(checked, age) for kind, age in p["max_age"].items()}


def judge_column(
    column: Record,
    checked: dt.date,
    p: Mapping[str, Any],
    limits: Mapping[str, tuple[dt.date, Term]] | None = None,
    kind: str | None = None,
) -> ColumnVerdict:
    """A column's verdict at the check date (``limits``: :func:`cutoffs`, when known), as a
    column of ``kind`` (by default the kind the unit gives it)."""
    name = str(column["name"])
    kind = column["kind"] if kind is None else kind
    # A blank column is counted as blank only, not also as stale.
    if column.get("blank"):
        blank = Deduction(
            "columns.blank", "", (name,), p["deduction_per_blank"], params={"name": name}
        )
        return 2, None, blank, ()
    if kind not in p["max_age"]:
        return 0, None, None, ()
    oldest, limit = (limits or cutoffs(checked, p))[kind]
    updated: dt.date | None = column.get("last_updated")
    notes: tuple[Finding, ...] = ()
    if updated is not None and updated > checked:
        notes = (after_snapshot(subject(COLUMN, name), name, LAST_UPDATED, updated, checked),)
        updated = None
    if updated is not None and updated >= oldest:
        return 0, None, None, notes
    last = (
        Term(f"最后更新于{updated}", f"last updated on {updated}")
        if updated
        else Term("未标注更新日期", "shows no update date")
    )
    params = {**terms(kind=KIND_NAMES[kind], last=last, limit=limit), "name": name}
    stale = Deduction("columns.stale", "", (name,), p["deduction_per_stale"], params=params)
    return 2, stale, None, notes


# ---------------------------------------------------------------- messages

# A message's verdict: (severity, kind, notes, slow deduction or None, veto detail or None).
# Severity: vetoing (3), slow (2), not judged here (1), answered in time (0).
MessageVerdict = tuple[int, str, tuple[Finding, ...], Deduction | None, Term | None]
FINE: MessageVerdict = (0, "judged", (), None, None)
"""A message answered in time within the year: nothing to say (one object, by identity)."""


# Enum members as plain names: reading one through its class is a slow lookup, and the
# rule runs for every message the fast path leaves to it.
_IN_TIME = DeadlineStatus.ON_TIME
_THIS_RUN = Settlement.IN_YEAR
_EARLIER_RUN = Settlement.EARLIER


@dataclass(frozen=True)
class MessageJudge:
    """Judges one unit's valid messages at the evaluator's check date.

    ``window`` is the first day of the 19号 window (a year before the check);
    ``within`` the working days a reply may take; ``months`` the veto line.
    Calling it is the rule, one message at a time: the reply accepted, the
    veto, the settlement, answered in time. :meth:`judge_all` judges a unit's
    messages with the plain ones a column at a time: an optimisation of the
    rule only, tied to it by a property test
    (``tests/plugins/test_in_time_properties.py``).
    """

    checked: dt.date
    year: int
    within: int
    months: int
    each: float
    window: dt.date

    def judge_all(self, records: Sequence[Record], ids: Sequence[str]) -> list[MessageVerdict]:
        """The verdict on each message; the plain ones a column at a time, building nothing.

        A message of the year answered by the snapshot, by its reply deadline
        and by its months line is :data:`FINE`, as the rule finds it
        (:func:`~_disclosure.in_time.plain_in_time`); the rest go to the rule.
        """
        verdicts: list[MessageVerdict] = [FINE] * len(records)
        for index in self._not_plain(records):
            verdicts[index] = self(records[index], ids[index])
        return verdicts

    def _not_plain(self, records: Sequence[Record]) -> Iterable[int]:
        """The positions of the messages that are not plain: over the days' ordinals when the
        reader made them (:func:`~_disclosure.in_time.plain_in_time_columns`), else a
        comprehension over the dates (:func:`~_disclosure.in_time.plain_in_time`)."""
        if isinstance(records, RecordColumns):
            received, replied = records.ordinals("received_on"), records.ordinals("replied_on")
            if received is not None and replied is not None:
                plain = plain_in_time_columns(
                    received, replied, year=self.year, snapshot=self.checked, due=self._plain_due
                )
                return cast(list[int], (~plain).nonzero()[0].tolist())
        received, replied = columns(records, "received_on", "replied_on")
        fast = plain_in_time(
            received, replied, year=self.year, snapshot=self.checked, due=self._plain_due
        )
        return compress(range(len(records)), map(not_, fast))

    def _plain_due(self, received: dt.date) -> dt.date:
        """The last reply day that leaves a message received that day :data:`FINE`.

        In time on the working-day clock, and not after the months line (a
        reply after it may be vetoed, and settles on the line). Kept for every
        unit of the run (:data:`_PLAIN_DUE`) when the schedules of its years
        are known: a year that is not is noted again, unit by unit.
        """
        key = (received, self.within, self.months)
        found = _PLAIN_DUE.get(key)
        if found is None:
            found = min(WORKING_DAYS.due(received, self.within), add_months(received, self.months))
            if schedule_known(received.year) and schedule_known(found.year):
                if len(_PLAIN_DUE) > 100_000:  # days of many years: start again
                    _PLAIN_DUE.clear()
                _PLAIN_DUE[key] = found
        return found

    def __call__(self, record: Record, rid: str) -> MessageVerdict:
        """The verdict on one valid message (see :data:`MessageVerdict`)."""
        checked = self.checked
        received: dt.date = record["received_on"]
        if received > checked:
            return self._set_aside(rid, received)
        notes: list[Finding] = []
        replied = self._reply(record, rid, received, notes)
        line = add_months(received, self.months)
        veto = self._veto(rid, received, replied, line)
        settled = settlement(replied, line, year=self.year, now=checked)
        if settled is not _THIS_RUN:
            if settled is _EARLIER_RUN:
                notes.append(self._outside_year(rid, settled_on(replied, line)))
            # not judged here: the kind is the run's name (earlier, later, pending)
            return (3 if veto else 1), settled.value, tuple(notes), None, veto
        if self._in_time(received, replied):
            if not notes and veto is None:
                return FINE
            return (3 if veto else 0), "judged", tuple(notes), None, veto
        return (3 if veto else 2), "judged", tuple(notes), self._slow(rid, received, replied), veto

    def _base(self, rid: str) -> dict[str, Any]:
        return {"id": rid, "snapshot": self.checked, "year": self.year}

    def _set_aside(self, rid: str, received: dt.date) -> MessageVerdict:
        """A message received after the check date: not judged."""
        params = {
            **terms(subject=subject(MESSAGE, rid), field=RECEIVED, effect=SET_ASIDE),
            **self._base(rid),
            "day": received,
        }
        finding = Finding(AFTER_SNAPSHOT, records=(rid,), params=params)
        return 1, "set_aside", (finding,), None, None

    def _reply(
        self, record: Record, rid: str, received: dt.date, notes: list[Finding]
    ) -> dt.date | None:
        """The reply accepted: none when dated after the check date or before receipt (noted)."""
        replied: dt.date | None = record.get("replied_on")
        if replied is not None and replied > self.checked:
            params = {
                **terms(subject=subject(MESSAGE, rid), field=REPLIED, effect=UNANSWERED),
                **self._base(rid),
                "day": replied,
            }
            notes.append(Finding(AFTER_SNAPSHOT, records=(rid,), params=params))
            return None
        if replied is not None and replied < received:
            params = {
                **terms(subject=subject(MESSAGE, rid), effect=UNANSWERED),
                "id": rid,
                "replied": replied,
                "received": received,
            }
            notes.append(Finding(REPLY_BEFORE_REQUEST, records=(rid,), params=params))
            return None
        return replied

    def _veto(
        self, rid: str, received: dt.date, replied: dt.date | None, line: dt.date
    ) -> Term | None:
        """The 19号 veto detail: a message of the window that waited past the months line."""
        checked = self.checked
        waited_until = checked if replied is None else replied
        if received < self.window or not waited_until > line:
            return None
        return Term(
            f"留言“{rid}”（{received}收到）"
            + (f"{replied}才答复" if replied else f"截至{checked}未答复"),
            f"message '{rid}' (received {received}) "
            + (f"answered only on {replied}" if replied else f"unanswered at {checked}"),
        )

    def _outside_year(self, rid: str, settled: dt.date) -> Finding:
        params = {
            **terms(subject=subject(MESSAGE, rid), field=SETTLED, effect=SET_ASIDE),
            **self._base(rid),
            "day": settled,
        }
        return Finding(OUTSIDE_YEAR, records=(rid,), params=params)

    def _in_time(self, received: dt.date, replied: dt.date | None) -> bool:
        """Answered within the working days allowed: dated on or before the due day."""
        if replied is None:
            return False
        status = deadline_status(
            received, replied, self.within, clock=WORKING_DAYS, now=self.checked
        )
        return status is _IN_TIME

    def _slow(self, rid: str, received: dt.date, replied: dt.date | None) -> Deduction:
        """The deduction for a reply after the working days allowed, or none by the check."""
        checked = self.checked
        used = WORKING_DAYS.between(received, checked if replied is None else replied)
        state = (
            Term(f"于第{used}个工作日答复", f"answered on working day {used}")
            if replied
            else Term(
                f"截至{checked}（第{used}个工作日）未答复",
                f"unanswered at {checked} (working day {used})",
            )
        )
        params = {
            **terms(state=state),
            "id": rid,
            "received": received,
            "used": used,
            "within": self.within,
        }
        return Deduction("messages.slow", "", (rid,), self.each, params=params)

"""The website checks' per-record judgments: ages of columns, and replies to messages.

Split from ``plugins/website.py``, whose scorers call these once per column or
message. Ages count calendar days or whole months back from the evaluator's
check date; working-day counts follow the official calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Any

from evaluator import Finding
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
    SET_ASIDE,
    SETTLED,
    Deduction,
    Term,
    subject,
    terms,
    within_working_days,
)
from evaluator.working_days import deadline, working_days_after

from .._disclosure.in_time import columns, plain_in_time
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
) -> ColumnVerdict:
    """A column's verdict at the check date (``limits``: :func:`cutoffs`, when known)."""
    name, kind = str(column["name"]), column["kind"]
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


def spared(
    column: Record,
    checked: dt.date,
    p: Mapping[str, Any],
    stale: bool,
    limits: Mapping[str, tuple[dt.date, Term]] | None = None,
) -> bool:
    """Whether the column's stated kind spared it a rule it would fail at the strictest.

    At the strictest interval configured (the latest cutoff) and as a veto kind,
    an undated or older column would be stale and count toward the veto; a
    kind with a longer interval, no interval, or outside the veto kinds spares it.
    """
    if column.get("blank") or not p["max_age"]:
        return False
    strictest = max(oldest for oldest, _ in (limits or cutoffs(checked, p)).values())
    updated: dt.date | None = column.get("last_updated")
    if updated is not None and strictest <= updated <= checked:
        return False  # up to date even at the strictest interval
    return not (stale and column["kind"] in p["veto_kinds"])


# ---------------------------------------------------------------- messages

# A message's verdict: (severity, kind, notes, slow deduction or None, veto detail or None).
# Severity: vetoing (3), slow (2), not judged here (1), answered in time (0).
MessageVerdict = tuple[int, str, tuple[Finding, ...], Deduction | None, Term | None]
FINE: MessageVerdict = (0, "judged", (), None, None)
"""A message answered in time within the year: nothing to say (one object, by identity)."""


@dataclass(frozen=True)
class MessageJudge:
    """Judges one unit's valid messages at the evaluator's check date.

    ``window`` is the first day of the 19号 window (a year before the check);
    ``within`` the working days a reply may take; ``months`` the veto line.
    """

    checked: dt.date
    year: int
    within: int
    months: int
    each: float
    window: dt.date

    def judge_all(self, records: Sequence[Record], ids: Sequence[str]) -> list[MessageVerdict]:
        """The verdict on each message; the common case inline, building nothing.

        A message of the year answered by the snapshot and its reply deadline is
        :data:`FINE` (:func:`~_disclosure.in_time.plain_in_time`); the rest go to
        the full judgment.
        """
        received, replied = columns(records, "received_on", "replied_on")
        within = self.within
        fast = plain_in_time(
            received,
            replied,
            year=self.year,
            snapshot=self.checked,
            due=lambda day: deadline(day, within),
        )
        verdicts: list[MessageVerdict] = [FINE] * len(records)
        for index in compress(range(len(records)), map(not_, fast)):
            verdicts[index] = self(records[index], ids[index])
        return verdicts

    def __call__(self, record: Record, rid: str) -> MessageVerdict:
        """The verdict on one valid message (see :data:`MessageVerdict`)."""
        checked, year, within, months = self.checked, self.year, self.within, self.months
        received: dt.date = record["received_on"]
        replied: dt.date | None = record.get("replied_on")
        # the common case, built nothing for: answered in time, in the year
        if (
            replied is not None
            and received <= replied <= checked
            and replied.year == year
            and within_working_days(received, replied, within)
        ):
            return FINE
        named = subject(MESSAGE, rid)
        base = {"id": rid, "snapshot": checked, "year": year}
        if received > checked:
            params = {
                **terms(subject=named, field=RECEIVED, effect=SET_ASIDE),
                **base,
                "day": received,
            }
            return (
                1,
                "set_aside",
                (Finding(AFTER_SNAPSHOT, records=(rid,), params=params),),
                None,
                None,
            )
        notes: list[Finding] = []
        if replied is not None and replied > checked:
            params = {
                **terms(subject=named, field=REPLIED, effect=UNANSWERED),
                **base,
                "day": replied,
            }
            notes.append(Finding(AFTER_SNAPSHOT, records=(rid,), params=params))
            replied = None
        elif replied is not None and replied < received:
            params = {
                **terms(subject=named, effect=UNANSWERED),
                "id": rid,
                "replied": replied,
                "received": received,
            }
            notes.append(Finding(REPLY_BEFORE_REQUEST, records=(rid,), params=params))
            replied = None
        line = add_months(received, months)
        waited_until = checked if replied is None else replied
        veto = None
        if received >= self.window and waited_until > line:
            veto = Term(
                f"留言“{rid}”（{received}收到）"
                + (f"{replied}才答复" if replied else f"截至{checked}未答复"),
                f"message '{rid}' (received {received}) "
                + (f"answered only on {replied}" if replied else f"unanswered at {checked}"),
            )
        if replied is None and not checked > line:
            kind = "later" if line.year > year else "pending"
            return (3 if veto else 1), kind, tuple(notes), None, veto
        settled = replied if replied is not None and replied <= line else line
        if settled.year != year:
            if settled.year < year:
                params = {
                    **terms(subject=named, field=SETTLED, effect=SET_ASIDE),
                    **base,
                    "day": settled,
                }
                notes.append(Finding(OUTSIDE_YEAR, records=(rid,), params=params))
            kind = "later" if settled.year > year else "earlier"
            return (3 if veto else 1), kind, tuple(notes), None, veto
        if replied is not None and within_working_days(received, replied, within):
            return (3 if veto else 0), "judged", tuple(notes), None, veto
        used = working_days_after(received, waited_until)
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
            "within": within,
        }
        slow = Deduction("messages.slow", "", (rid,), self.each, params=params)
        return (3 if veto else 2), "judged", tuple(notes), slow, veto

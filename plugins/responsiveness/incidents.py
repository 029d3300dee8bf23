"""Public-opinion incidents (政务舆情): one incident's verdict, at the level the rules give it.

The limits are dated: each entry of the scheme's ``limits`` applies to incidents
that emerged (Beijing calendar day) on or after its ``from`` day, until the next
entry's. The national ones (see ``schema.INCIDENT_DEFAULTS``): 国办发〔2016〕61号
from 2016-08-12 (a press conference on a major incident within 24 hours,
other incidents answered within 48), and 61号 with 国办发〔2016〕80号 from
2016-11-15 (a major incident's authoritative information within 5 hours as
well). An incident that emerged before the first entry had no hour limit: it
is not judged on time, and the scorer lists it. An incident settles when its
last step was done in time, or when its first step fell due undone; it is
judged in the run of that year (Beijing calendar day).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import Fact, Finding, ScoringContext
from evaluator.rules import (
    AFTER_SNAPSHOT,
    ELAPSED_TIME,
    OUTSIDE_YEAR,
    SET_ASIDE,
    SETTLED,
    DeadlineStatus,
    Settlement,
    Term,
    deadline_status,
    normalise_id,
    settled_in,
    settlement,
    subject,
    terms,
)
from evaluator.section_schema import TEXT

from .._disclosure.claims import Decided, decided_records, scores_alternative
from .._disclosure.labels import (
    EMERGED,
    FIRST_RESPONSE,
    INCIDENT,
    NOT_DONE,
    PRESS_CONFERENCE,
    local_date,
)
from .clock import FAILED, NOT_JUDGED, Verdict
from .schema import as_date

Record = Mapping[str, Any]


def _duration(delta: dt.timedelta) -> tuple[str, str]:
    # Rounded up to the minute so that 5h00m30s never reads as within 5 hours.
    minutes = math.ceil(delta.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    if rest:
        return f"{hours}小时{rest}分钟", f"{hours} h {rest} min"
    return f"{hours}小时", f"{hours} h"


_LEVELS = {"major": Term("重大", "major"), "general": Term("一般", "general")}
_STEPS = {
    "first_response_at": (FIRST_RESPONSE, "first_response_hours", Term("首次回应", "response")),
    "press_conference_at": (
        PRESS_CONFERENCE,
        "press_conference_hours",
        Term("新闻发布会", "press conference"),
    ),
}


@dataclass(frozen=True)
class Limits:
    """The hour limits in force from one day on, and the document (or scheme) that sets them.

    ``hours`` maps a level (``major``, ``general``) to the hours each of its
    steps is due within, by the params' names (``first_response_hours``,
    ``press_conference_hours``); a step without hours has no limit.
    """

    since: dt.date
    source: str
    hours: Mapping[str, Mapping[str, float]]

    def steps(self, level: str) -> tuple[str, ...]:
        """The record fields of the steps ``level`` must take in time under these limits."""
        given = self.hours[level]
        return tuple(step for step, (_, key, _) in _STEPS.items() if key in given)

    def worded(self, level: str) -> Term:
        """These limits for ``level`` in words: "首次回应5小时、新闻发布会24小时"."""
        given = self.hours[level]
        parts = [(given[key], name) for _, key, name in _STEPS.values() if key in given]
        return Term(
            "、".join(f"{name.zh}{hours:g}小时" for hours, name in parts),
            ", ".join(f"{name.en} within {hours:g} h" for hours, name in parts),
        )


def dated_limits(params: Mapping[str, Any]) -> tuple[Limits, ...]:
    """The scheme's ``limits`` entries, in order (the params check holds them to it)."""
    return tuple(
        Limits(
            as_date(entry["from"]),
            entry["source"],
            {"major": entry["major"], "general": entry["general"]},
        )
        for entry in params["limits"]
    )


def limits_in_force(table: Sequence[Limits], day: dt.date) -> Limits | None:
    """The entry in force on ``day``: the last one from that day or before (``None``: none)."""
    found = None
    for limits in table:
        if limits.since > day:
            break
        found = limits
    return found


NO_LIMIT = "no_limit"
"""The kind of the verdict on an incident that emerged before any limit was in force."""


def judge_incident(
    record: Record,
    rid: str,
    level: str,
    ctx: ScoringContext,
    now: dt.datetime,
    table: Sequence[Limits],
) -> Verdict:
    """One incident at ``level``: settled in time, failed, or not judged in this run.

    It is judged under the entry of ``table`` in force on the day it emerged;
    before the first entry it is not judged at all (kind :data:`NO_LIMIT`).
    """
    start: dt.datetime = record["emerged_at"]
    day = local_date(start)
    base = {"id": rid, "snapshot": ctx.as_of, "year": ctx.year}
    named = subject(INCIDENT, rid)
    if day > ctx.as_of or day.year > ctx.year:
        code = AFTER_SNAPSHOT if day > ctx.as_of else OUTSIDE_YEAR
        params = {**terms(subject=named, field=EMERGED, effect=SET_ASIDE), **base, "day": day}
        return Verdict(
            NOT_JUDGED, "after_snapshot", (Finding(code, records=(rid,), params=params),)
        )
    limits = limits_in_force(table, day)
    if limits is None:
        return Verdict(NOT_JUDGED, NO_LIMIT)
    hours_of = limits.hours[level]
    notes: list[Finding] = []
    zh: list[str] = []
    en: list[str] = []
    code = "incidents.late"
    failed_at: list[dt.datetime] = []
    done_at: list[dt.datetime] = []
    pending: list[dt.datetime] = []
    for step in limits.steps(level):
        label, limit_key, name = _STEPS[step]
        hours = hours_of[limit_key]
        limit = dt.timedelta(hours=hours)
        due = ELAPSED_TIME.due(start, limit)
        done: dt.datetime | None = record.get(step)
        if done is not None and local_date(done) > ctx.as_of:
            day_done = local_date(done)
            params = {**terms(subject=named, field=label, effect=NOT_DONE), **base, "day": day_done}
            notes.append(Finding(AFTER_SNAPSHOT, records=(rid,), params=params))
            done = None
        status = deadline_status(start, done, limit, clock=ELAPSED_TIME, now=now)
        if status is DeadlineStatus.ON_TIME:
            assert done is not None
            done_at.append(done)
        elif status is DeadlineStatus.NOT_DUE:
            pending.append(due)
        else:
            failed_at.append(due)
        if status is DeadlineStatus.OVERDUE:
            zh.append(f"未见{name.zh}（时限{hours:g}小时）")
            en.append(f"no {name.en} (limit {hours:g} h)")
        elif status is DeadlineStatus.DONE_BEFORE_START:
            code = "integrity.response_before_emergence"
            zh.append(f"{name.zh}时间早于舆情发生时间，不予认可")
            en.append(f"{name.en} dated before the incident emerged; not credited")
        elif status is DeadlineStatus.LATE:
            assert done is not None
            took_zh, took_en = _duration(done - start)
            zh.append(f"{name.zh}用时{took_zh}，超过{hours:g}小时时限")
            en.append(f"{name.en} took {took_en}, over the {hours:g} h limit")
    # It settles when its first step fell due undone, else when its last step was done.
    if failed_at:
        settled = min(failed_at)
    elif pending:
        run = settlement(None, max(pending), year=ctx.year, now=now, day=local_date)
        return Verdict(NOT_JUDGED, run.value, tuple(notes))
    else:
        settled = max(done_at)
    run = settled_in(settled, year=ctx.year, day=local_date)
    if run is Settlement.EARLIER:
        params = {
            **terms(subject=named, field=SETTLED, effect=SET_ASIDE),
            **base,
            "day": local_date(settled),
        }
        notes.append(Finding(OUTSIDE_YEAR, records=(rid,), params=params))
        return Verdict(NOT_JUDGED, "earlier", tuple(notes))
    if run is Settlement.LATER:
        return Verdict(NOT_JUDGED, "later", tuple(notes))
    if not failed_at:
        return Verdict(0, "on_time", tuple(notes))
    params = {
        **terms(level=_LEVELS[level]),
        "id": rid,
        "problems_zh": "；".join(zh),
        "problems_en": "; ".join(en),
        "source": limits.source,
    }
    return Verdict(FAILED, "late", tuple(notes), (), (code, params))


CONFIRMED_FACT = "confirmed_incidents"
"""The evaluator-owned fact listing the incidents (by id) whose level it confirmed."""

FACTS = [
    Fact(
        CONFIRMED_FACT,
        {"type": "array", "items": {**TEXT, "minLength": 1}, "uniqueItems": True},
        title="已核实的舆情级别",
        description="评估方已核实其自报级别（一般舆情）的政务舆情（编号）：按单位自报的级别评判，"
        "不列为待核实 / the incidents (by id) whose level as the unit gives it (general) the "
        "evaluator confirmed: judged at that level, and not listed as to be verified",
    )
]
"""The facts the responsiveness area reads (``register_facts``)."""

LEVEL_TRUSTED = "audit.incident_level"
LEVEL_UNCONFIRMED = "audit.incident_level_unconfirmed"


def confirmed_incidents(ctx: ScoringContext) -> Decided:
    """The incidents (ids as normalised) whose level, as the unit gives it, the evaluator
    confirmed or refused. The one place the responsiveness plugin reads confirmations: the
    facts file (``confirmed_incidents``) and the review decisions."""
    return decided_records(ctx, CONFIRMED_FACT)


@dataclass(frozen=True)
class IncidentReading:
    """One incident judged at the level the rules give it, and, when the unit's level
    mattered, the verdict under its other reading (``trusted``: as major, had the claim been
    refused; ``strict``: as general, had it been confirmed) with both levels in words."""

    verdict: Verdict
    other: Verdict | None = None
    claimed: Term | None = None
    alternative: Term | None = None


def read_incident(
    record: Record,
    rid: str,
    ctx: ScoringContext,
    now: dt.datetime,
    table: Sequence[Limits],
    decided: Decided,
) -> IncidentReading:
    """An incident judged at its level: the unit's, unless the unit classed it general
    unconfirmed, it would fail the major limits in force the day it emerged and not the
    general ones, and the scheme is ``strict`` (then as major).

    No name speaks for an incident's level: the level depends on the event (a
    特别重大、重大突发事件 or not), which no field of the record shows.
    """
    level: str = record["level"]
    as_given = judge_incident(record, rid, level, ctx, now, table)
    key = normalise_id(rid)
    if level != "general" or as_given.severity == FAILED or key in decided.confirmed:
        return IncidentReading(as_given)
    as_major = judge_incident(record, rid, "major", ctx, now, table)
    if as_major.severity != FAILED:
        return IncidentReading(as_given)
    if key in decided.refused:
        return IncidentReading(as_major)
    limits = limits_in_force(table, local_date(record["emerged_at"]))
    assert limits is not None  # failed as major: some limits were in force
    general = _level_with(limits, "general")
    major = _level_with(limits, "major")
    if scores_alternative(ctx.self_claims):
        return IncidentReading(as_major, as_given, general, major)
    return IncidentReading(as_given, as_major, general, major)


def _level_with(limits: Limits, level: str) -> Term:
    """A level with its limits in force and their source, in words:
    重大（首次回应5小时、新闻发布会24小时，国办发〔2016〕61号、80号）."""
    worded = limits.worded(level)
    return Term(
        f"{_LEVELS[level].zh}（{worded.zh}，{limits.source}）",
        f"{_LEVELS[level].en} ({worded.en}; {limits.source})",
    )

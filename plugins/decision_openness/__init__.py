"""Decision openness (决策公开): major decisions published before and after they are made, and
meetings open to the public.

A unit lists its major decisions of the year (``decisions``); each made in the
assessed year, by the snapshot, is judged on three indicators:

- ``decisions.consultation``: the draft published for comment before the
  decision, for at least the period of the rule in force on the day the draft
  was published (``comment_days``: 30 days under 重大行政决策程序暂行条例 art. 14
  from 2019-09-01; a scheme for earlier years states its own number and
  source), counted from the day after publication to the last day inclusive.
  A shorter period with its reason published with the draft costs nothing and
  is listed to verify (``audit.comment_shortened``);
- ``decisions.feedback``: for a decision published for comment, feedback on the
  opinions adopted published (a decision never published for comment has lost
  its points on consultation and is not judged again here);
- ``decisions.publication``: the decision published within 20 working days of
  being made (2008 条例 art. 18; 2019 art. 26), on the working-day clock every
  area's deadlines use. A decision that became a policy document the unit lists
  under policy interpretation (``document``) takes that document's publication
  date when it gives none of its own, so one publication is entered once.

``decisions.open_meetings`` (会议开放) counts meetings held in the year with the
public attending and their record published. The shipped criteria apply the
dimension to bureaus (``applies_to: [bureau]``); a scheme may extend it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import pairwise
from typing import Any

from evaluator import (
    Finding,
    Outcome,
    ParamsCheck,
    Problem,
    Scorer,
    ScoringContext,
    Section,
    Templates,
    exact_number,
    hookimpl,
    scorer,
)
from evaluator import __version__ as __version__  # the areas ship with evaluator, at its version
from evaluator.rules import (
    NONE_REPORTED,
    WORKING_DAYS,
    DeadlineStatus,
    Term,
    check_deadline,
    normalise_id,
)

from .._disclosure.findings import none_reported, share_of
from .schema import (
    CONSULTATION_PARAMS,
    FEEDBACK_PARAMS,
    MEETING_PARAMS,
    PUBLICATION_PARAMS,
    SCHEMA,
    SECTION,
)
from .texts import (
    COMMENT_SHORT,
    DECIDED_EARLY,
    MEETING_UNRECORDED,
    MEETINGS_SHORT,
    MESSAGES,
    NO_COMMENT_END,
    NO_FEEDBACK,
    NO_PERIOD_RULE,
    NONE_CONSULTED,
    NONE_DECIDED,
    NOT_CONSULTED,
    NOT_DUE,
    NOT_PUBLISHED,
    OUTSIDE_YEAR,
    PERIODS_OUT_OF_ORDER,
    PUBLISHED_EARLY,
    PUBLISHED_LATE,
    SHORTENED,
)

Record = Mapping[str, Any]
MAJOR_DECISION = Term("重大行政决策", "major decision")
Failure = tuple[str, str, dict[str, Any]]
"""A failed decision: its id, the finding's code and params."""


def _in_year(ctx: ScoringContext, day: dt.date) -> bool:
    """Whether ``day`` falls in the assessed year, not after the snapshot."""
    return dt.date(ctx.year, 1, 1) <= day <= min(dt.date(ctx.year, 12, 31), ctx.as_of)


def decisions_of_year(ctx: ScoringContext) -> tuple[list[Record], list[Finding]]:
    """The decisions made in the assessed year by the snapshot, and a note listing the rest."""
    listed: Sequence[Record] = ctx.data.get("decisions", ())
    judged = [d for d in listed if _in_year(ctx, d["decided_on"])]
    others = [str(d["id"]) for d in listed if not _in_year(ctx, d["decided_on"])]
    notes = []
    if others:
        params = {"count": len(others), "year": ctx.year, "ids": others}
        notes.append(Finding(OUTSIDE_YEAR, records=tuple(others), params=params))
    return judged, notes


def _consulted(decision: Record) -> bool:
    """Whether the draft was published for comment before the decision was made."""
    draft = decision.get("draft_published_on")
    return draft is not None and draft < decision["decided_on"]


def _scored(
    ctx: ScoringContext, judged: int, failed: list[Failure], notes: list[Finding], empty: str
) -> Outcome:
    """Points in proportion to the decisions without failure; ``empty`` when none is judged."""
    if not judged:
        return Outcome(0, (Finding(empty), *notes), status="not_applicable")
    points, findings = share_of(ctx.max_points, judged, failed)
    return Outcome(points, (*findings, *notes))


# ---------------------------------------------------------------- consultation


def as_date(value: dt.date | str) -> dt.date:
    """A date param as a date (defaults are written as text in the params schema)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def period_in_force(ctx: ScoringContext, draft: dt.date) -> Mapping[str, Any] | None:
    """The comment-period rule in force on the day the draft was published, if any."""
    found = None
    for period in ctx.params["comment_days"]:
        if as_date(period["from"]) <= draft:
            found = period
    return found


def comment_days(draft: dt.date, ends: dt.date) -> int:
    """The comment period's length: from the day after the draft's publication to ``ends``
    inclusive (重大行政决策程序暂行条例 art. 14 counts a period in days, as 民法 counts one)."""
    return (ends - draft).days


def _consultation_failure(
    ctx: ScoringContext, decision: Record, notes: list[Finding]
) -> tuple[str, dict[str, Any]] | None:
    """What fails one decision's consultation (a code and params), or ``None``; a shortened
    period with its reason published adds its note to ``notes``."""
    shown = {"decision": decision.get("title") or decision["id"]}
    decided: dt.date = decision["decided_on"]
    if not _consulted(decision):
        return NOT_CONSULTED, {**shown, "decided_on": decided}
    draft: dt.date = decision["draft_published_on"]
    ends: dt.date | None = decision.get("comment_ends_on")
    rule = period_in_force(ctx, draft)
    if ends is not None and decided <= ends:
        return DECIDED_EARLY, {**shown, "decided_on": decided, "ends": ends}
    if rule is None:
        return None
    if ends is None:
        return NO_COMMENT_END, {**shown, "draft": draft}
    days = comment_days(draft, ends)
    if days >= rule["days"]:
        return None
    params = {**shown, "days": days, "required": rule["days"], "source": rule["source"]}
    reason = str(decision.get("shortened_reason", "")).strip()
    if reason:
        note = Finding(SHORTENED, records=(decision["id"],), params={**params, "reason": reason})
        notes.append(note)
        return None
    return COMMENT_SHORT, {**params, "draft": draft, "ends": ends}


def check_periods(check: ParamsCheck) -> list[Problem]:
    """The dated comment periods must run in order, so that the one in force is the last
    begun."""
    periods = check.params["comment_days"]
    return [
        Problem(PERIODS_OUT_OF_ORDER, {"param": "comment_days", "day": later, "before": earlier})
        for earlier, later in pairwise(as_date(p["from"]) for p in periods)
        if later <= earlier
    ]


@scorer(
    "decisions.consultation",
    records="columns",
    section=SECTION,
    params=CONSULTATION_PARAMS,
    codes=(
        NONE_REPORTED,
        NONE_DECIDED,
        OUTSIDE_YEAR,
        NOT_CONSULTED,
        NO_COMMENT_END,
        COMMENT_SHORT,
        SHORTENED,
        NO_PERIOD_RULE,
        DECIDED_EARLY,
    ),
    check=check_periods,
)
def consultation(ctx: ScoringContext) -> Outcome:
    """Share of the year's major decisions published as drafts for comment, for long enough.

    A unit listing no decision at all is not judged and is listed for audit
    (``audit.none_reported``), here only, so the claim is listed once."""
    if not ctx.data.get("decisions"):
        return none_reported(MAJOR_DECISION)
    judged, notes = decisions_of_year(ctx)
    failed: list[Failure] = []
    unruled = []
    for decision in judged:
        failure = _consultation_failure(ctx, decision, notes)
        if failure is not None:
            failed.append((decision["id"], *failure))
        elif _consulted(decision) and period_in_force(ctx, decision["draft_published_on"]) is None:
            unruled.append(str(decision["id"]))
    if unruled:
        periods = ctx.params["comment_days"]
        since = as_date(periods[0]["from"]) if periods else "-"
        params = {"count": len(unruled), "since": since, "ids": unruled}
        notes.append(Finding(NO_PERIOD_RULE, records=tuple(unruled), params=params))
    return _scored(ctx, len(judged), failed, notes, NONE_DECIDED)


# ---------------------------------------------------------------- feedback


@scorer(
    "decisions.feedback",
    records="columns",
    section=SECTION,
    params=FEEDBACK_PARAMS,
    codes=(NONE_CONSULTED, OUTSIDE_YEAR, NO_FEEDBACK),
)
def feedback(ctx: ScoringContext) -> Outcome:
    """Share of the decisions published for comment whose feedback on the opinions adopted was
    published (by the snapshot, not before the draft)."""
    decisions, notes = decisions_of_year(ctx)
    judged = [d for d in decisions if _consulted(d)]
    failed: list[Failure] = []
    for decision in judged:
        day = decision.get("feedback_published_on")
        if day is None or not decision["draft_published_on"] <= day <= ctx.as_of:
            shown = {"decision": decision.get("title") or decision["id"]}
            failed.append((decision["id"], NO_FEEDBACK, shown))
    return _scored(ctx, len(judged), failed, notes, NONE_CONSULTED)


# ---------------------------------------------------------------- publication


def published_on(ctx: ScoringContext, decision: Record) -> dt.date | None:
    """When the decision was published: its own date, else that of the policy document it
    became (``document``, as the policy-interpretation section lists it)."""
    own: dt.date | None = decision.get("published_on")
    if own is not None or "document" not in decision:
        return own
    policy: Record = ctx.submission.get("policy_interpretation") or {}
    wanted = normalise_id(decision["document"])
    for document in policy.get("documents", ()):
        if normalise_id(document["id"]) == wanted:
            day: dt.date = document["published_on"]
            return day
    return None


@scorer(
    "decisions.publication",
    records="columns",
    section=SECTION,
    params=PUBLICATION_PARAMS,
    codes=(
        NONE_DECIDED,
        OUTSIDE_YEAR,
        NOT_PUBLISHED,
        PUBLISHED_LATE,
        PUBLISHED_EARLY,
        NOT_DUE,
    ),
)
def publication(ctx: ScoringContext) -> Outcome:
    """Share of the year's major decisions published within ``working_days`` working days."""
    decisions, notes = decisions_of_year(ctx)
    allowance: int = ctx.params["working_days"]
    failed: list[Failure] = []
    pending: list[str] = []
    for decision in decisions:
        decided: dt.date = decision["decided_on"]
        day = published_on(ctx, decision)
        done = day if day is not None and day <= ctx.as_of else None
        check = check_deadline(decided, done, allowance, clock=WORKING_DAYS, now=ctx.as_of)
        shown: dict[str, Any] = {
            "decision": decision.get("title") or decision["id"],
            "decided_on": decided,
        }
        if check.status is DeadlineStatus.NOT_DUE:
            pending.append(str(decision["id"]))
        elif check.status is DeadlineStatus.DONE_BEFORE_START:
            failed.append((decision["id"], PUBLISHED_EARLY, {**shown, "published_on": done}))
        elif check.status is DeadlineStatus.OVERDUE:
            failed.append((decision["id"], NOT_PUBLISHED, {**shown, "due": check.due}))
        elif check.status is DeadlineStatus.LATE:
            late = {"published_on": done, "due": check.due, "working_days": allowance}
            failed.append((decision["id"], PUBLISHED_LATE, {**shown, **late}))
    if pending:
        notes.append(
            Finding(NOT_DUE, records=tuple(pending), params={"count": len(pending), "ids": pending})
        )
    return _scored(ctx, len(decisions) - len(pending), failed, notes, NONE_DECIDED)


# ---------------------------------------------------------------- open meetings


@scorer(
    "decisions.open_meetings",
    records="columns",
    section=SECTION,
    params=MEETING_PARAMS,
    codes=(MEETINGS_SHORT, MEETING_UNRECORDED),
)
def open_meetings(ctx: ScoringContext) -> Outcome:
    """Points in proportion to the meetings of the year the public attended and whose record
    was published, up to ``required``."""
    meetings: Sequence[Record] = ctx.data.get("meetings", ())
    open_ = [m for m in meetings if _in_year(ctx, m["held_on"]) and m.get("observers", 0) > 0]
    recorded = [m for m in open_ if _recorded(ctx, m)]
    unrecorded = [str(m["id"]) for m in open_ if not _recorded(ctx, m)]
    required: int = ctx.params["required"]
    whole = exact_number(ctx.max_points)
    points = whole * Fraction(min(len(recorded), required), required)
    findings: list[Finding] = []
    if len(recorded) < required:
        params = {"count": len(recorded), "required": required, "year": ctx.year}
        lost = float(whole - points)
        short = Finding(MEETINGS_SHORT, records=tuple(unrecorded), deduction=lost, params=params)
        findings.append(short)
    if unrecorded:
        listed = {"count": len(unrecorded), "ids": unrecorded}
        findings.append(Finding(MEETING_UNRECORDED, records=tuple(unrecorded), params=listed))
    return Outcome(points, tuple(findings))


def _recorded(ctx: ScoringContext, meeting: Record) -> bool:
    """Whether the meeting's record was published, on or after the day, by the snapshot."""
    day = meeting.get("record_published_on")
    return day is not None and meeting["held_on"] <= day <= ctx.as_of


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="决策公开")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [consultation, feedback, publication, open_meetings]


@hookimpl
def register_messages() -> Templates:
    return MESSAGES

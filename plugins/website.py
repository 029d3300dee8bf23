"""Website timeliness (网站更新及时性): the State Council website-check rules.

Single-veto lines and deductions follow 国办秘函〔2019〕19号 by default; every
line is a param because schemes change them by year and place.

Ages are judged at the date the evaluator checked the site (the evaluator-owned
fact ``checked_on``, by default the scheme's ``as_of``). A unit's own
``website.checked_on`` is accepted but not used; when it differs it is listed
for audit (``audit.checked_on``). Whether the site offers a working online
enquiry channel is the evaluator's fact ``enquiry_channel`` too.

Copies of a column or a message (names or ids that read alike) are judged by
the worst copy. A column's kind and a message's validity are the unit's own
claims: the columns whose kind spared them a rule and the messages marked
invalid are listed for audit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from evaluator import Fact, Finding, Outcome, Scorer, ScoringContext, Section, hookimpl, scorer
from evaluator.messages import Templates
from evaluator.model import exact_number
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    PART_EXCEEDS_TOTAL,
    REPLY_BEFORE_REQUEST,
    SET_ASIDE,
    SETTLED,
    Deduction,
    Term,
    capped_deductions,
    find_copies,
    normalised_ids,
    subject,
    terms,
    worst,
)
from evaluator.working_days import is_working_day, working_days_after

_HERE = str(Path(__file__).resolve().parent)  # plugins/: the shared helpers in _disclosure/
if _HERE not in sys.path:
    sys.path.append(_HERE)
from _disclosure.findings import duplicate, listing, none_reported  # noqa: E402
from _disclosure.labels import (  # noqa: E402
    COLUMN,
    HOMEPAGE_UPDATED,
    INDICATOR_NOTHING,
    LAST_UPDATED,
    MESSAGE,
    NOT_UPDATED,
    RECEIVED,
    REPLIED,
    UNANSWERED,
)
from _disclosure.website_schema import (  # noqa: E402
    AVAILABILITY_PARAMS,
    COLUMN_PARAMS,
    ENQUIRY_PARAMS,
    FACTS,
    HOMEPAGE_PARAMS,
    KIND_NAMES,
    LINK_PARAMS,
    MESSAGE_PARAMS,
    SCHEMA,
    SECTION,
)
from _disclosure.website_texts import MESSAGES  # noqa: E402

Record = Mapping[str, Any]
CHECKED_ON = ("website.checked_on",)
HOMEPAGE = Term("网站首页", "the homepage")

# ---------------------------------------------------------------- dates


def check_date(ctx: ScoringContext) -> tuple[dt.date, tuple[Finding, ...]]:
    """The date ages are judged at (the evaluator's), and the audit finding when the unit's differs.

    The unit could otherwise pick a date that suits it: a check a few days
    earlier makes a stale homepage look fresh. Its ``checked_on`` is accepted
    and shown, never used.
    """
    used: dt.date = ctx.facts.get("checked_on", ctx.as_of)
    claimed: dt.date | None = ctx.data.get("checked_on")
    if claimed is None or claimed == used:
        return used, ()
    params = {"claimed": claimed, "used": used}
    return used, (Finding("audit.checked_on", records=CHECKED_ON, params=params),)


# Cached: the messages scorer asks once per message, for the same few hundred dates.
@functools.lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, the day clamped to the month end (08-31 → 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _cutoff(snapshot: dt.date, age: Mapping[str, int]) -> tuple[dt.date, Term]:
    """The oldest update date still fresh, and the age in words."""
    if "days" in age:
        return snapshot - dt.timedelta(days=age["days"]), Term(
            f"{age['days']}天", f"{age['days']} days"
        )
    return add_months(snapshot, -age["months"]), Term(
        f"{age['months']}个月", f"{age['months']} months"
    )


def _after_snapshot(what: Term, rid: str, field: Term, day: dt.date, snapshot: dt.date) -> Finding:
    params = {
        **terms(subject=what, field=field, effect=NOT_UPDATED),
        "id": rid,
        "day": day,
        "snapshot": snapshot,
    }
    return Finding(AFTER_SNAPSHOT, records=(rid,), params=params)


# ---------------------------------------------------------------- availability, homepage


@scorer("website.availability", section=SECTION, params=AVAILABILITY_PARAMS)
def availability(ctx: ScoringContext) -> Outcome:
    """Whether the site was reachable: monitored failure rate against the veto line."""
    visits, failures = ctx.data["monitoring"]["visits"], ctx.data["monitoring"]["failures"]
    whole = exact_number(ctx.max_points)
    line = exact_number(ctx.params["veto_failure_rate"])
    records = ("website.monitoring",)
    if failures > visits:
        params = {
            **terms(
                part=Term("访问失败次数", "failed visits"),
                whole=Term("监测访问次数", "monitored visits"),
                effect=INDICATOR_NOTHING,
            ),
            "part": failures,
            "whole": visits,
        }
        finding = Finding(
            PART_EXCEEDS_TOTAL, records=records, deduction=float(whole), params=params
        )
        return Outcome(0, (finding,))
    if visits == 0:
        return Outcome(
            0, (Finding("availability.no_visits", records=records, deduction=float(whole)),)
        )
    rate = Fraction(failures, visits)
    veto = rate >= line
    points = Fraction(0) if veto else max(Fraction(0), whole * (1 - rate / line))
    findings: tuple[Finding, ...] = ()
    if points < whole:
        params = {"visits": visits, "failures": failures, "rate": rate, "line": line}
        code = "availability.veto" if veto else "availability.failures"
        findings = (Finding(code, records=records, deduction=float(whole - points), params=params),)
    return Outcome(points, findings, veto=veto)


@scorer("website.homepage_fresh", section=SECTION, params=HOMEPAGE_PARAMS)
def homepage_fresh(ctx: ScoringContext) -> Outcome:
    """Whether the homepage was updated within the allowed number of calendar days."""
    checked, audit = check_date(ctx)
    max_age = ctx.params["max_age_days"]
    updated: dt.date | None = ctx.data.get("homepage_updated_on")
    records = ("website.homepage",)
    whole = float(ctx.max_points)
    findings: list[Finding] = [*audit]
    if updated is not None and updated > checked:
        findings.append(_after_snapshot(HOMEPAGE, records[0], HOMEPAGE_UPDATED, updated, checked))
        updated = None
    if updated is None:
        params = {"max_age": max_age}
        findings.append(
            Finding("homepage.undated", records=records, deduction=whole, params=params)
        )
        return Outcome(0, tuple(findings), veto=True)
    age = (checked - updated).days
    if age > max_age:
        params = {"updated": updated, "checked": checked, "age": age, "max_age": max_age}
        findings.append(Finding("homepage.stale", records=records, deduction=whole, params=params))
        return Outcome(0, tuple(findings), veto=True)
    return Outcome(exact_number(ctx.max_points), tuple(findings))


# ---------------------------------------------------------------- columns

# A column's verdict: (severity, stale deduction or None, blank deduction or None, notes).
# Severity orders copies of one column: stale or blank (2) above fresh or not judged (0).
_Column = tuple[int, Deduction | None, Deduction | None, tuple[Finding, ...]]


def _judge_column(column: Record, checked: dt.date, p: Mapping[str, Any]) -> _Column:
    name, kind = str(column["name"]), column["kind"]
    # A blank column is counted as blank only, not also as stale.
    if column.get("blank"):
        blank = Deduction(
            "columns.blank", "", (name,), p["deduction_per_blank"], params={"name": name}
        )
        return 2, None, blank, ()
    if kind not in p["max_age"]:
        return 0, None, None, ()
    cutoff, limit = _cutoff(checked, p["max_age"][kind])
    updated: dt.date | None = column.get("last_updated")
    notes: tuple[Finding, ...] = ()
    if updated is not None and updated > checked:
        notes = (_after_snapshot(subject(COLUMN, name), name, LAST_UPDATED, updated, checked),)
        updated = None
    if updated is not None and updated >= cutoff:
        return 0, None, None, notes
    last = (
        Term(f"最后更新于{updated}", f"last updated on {updated}")
        if updated
        else Term("未标注更新日期", "shows no update date")
    )
    params = {**terms(kind=KIND_NAMES[kind], last=last, limit=limit), "name": name}
    stale = Deduction("columns.stale", "", (name,), p["deduction_per_stale"], params=params)
    return 2, stale, None, notes


def _spared(column: Record, checked: dt.date, p: Mapping[str, Any], stale: bool) -> bool:
    """Whether the column's stated kind spared it a rule it would fail at the strictest.

    At the strictest interval configured (the latest cutoff) and as a veto kind,
    an undated or older column would be stale and count toward the veto; a
    kind with a longer interval, no interval, or outside the veto kinds spares it.
    """
    if column.get("blank") or not p["max_age"]:
        return False
    strictest = max(_cutoff(checked, age)[0] for age in p["max_age"].values())
    updated: dt.date | None = column.get("last_updated")
    if updated is not None and strictest <= updated <= checked:
        return False  # up to date even at the strictest interval
    return not (stale and column["kind"] in p["veto_kinds"])


@scorer("website.column_freshness", section=SECTION, params=COLUMN_PARAMS)
def column_freshness(ctx: ScoringContext) -> Outcome:
    """Stale and blank columns: single veto at the lines, else a capped deduction for each."""
    checked, audit = check_date(ctx)
    p = ctx.params
    columns: Sequence[Record] = ctx.data["columns"]
    if not columns:
        no_data = Finding("columns.no_data", deduction=float(ctx.max_points))
        return Outcome(0, (*audit, no_data))
    findings: list[Finding] = [*audit]
    stale: list[Deduction] = []
    blank: list[Deduction] = []
    veto_stale: list[str] = []
    spared: list[str] = []
    names = [str(c["name"]) for c in columns]
    copies = find_copies(normalised_ids(names))
    for index in range(len(columns)):
        if index in copies.later:
            continue
        group = copies.groups.get(index, (index,))
        verdicts = [_judge_column(columns[i], checked, p) for i in group]
        kept = worst(verdicts, lambda v: v[0])
        if len(group) > 1:
            findings.append(duplicate(COLUMN, [names[i] for i in group], kept))
        _, late, empty, notes = verdicts[kept]
        column = columns[group[kept]]
        findings.extend(notes)
        if late is not None:
            stale.append(late)
            if column["kind"] in p["veto_kinds"]:
                veto_stale.append(names[group[kept]])
        if empty is not None:
            blank.append(empty)
        if _spared(column, checked, p, late is not None):
            spared.append(names[group[kept]])
    if spared:
        strictest = min(
            p["max_age"].values(), key=lambda age: (age.get("months", 0) * 31, age.get("days", 0))
        )
        findings.append(
            listing("audit.column_kind", spared, **terms(strict=_cutoff(checked, strictest)[1]))
        )
    zh: list[str] = []
    en: list[str] = []
    lines = (
        (
            len(veto_stale),
            p["veto_stale_columns"],
            "个动态、通知公告或政策类栏目未及时更新",
            " news, notice or policy columns not up to date",
        ),
        (
            len(stale),
            p["veto_unupdated_columns"],
            "个应更新栏目未及时更新",
            " columns due for an update not up to date",
        ),
        (len(blank), p["veto_blank_columns"], "个空白栏目", " blank columns"),
    )
    for count, line, what_zh, what_en in lines:
        if count >= line:
            zh.append(f"{count}{what_zh}（达到{line}个）")
            en.append(f"{count}{what_en} (line: {line})")
    if zh:
        listed = [d.finding() for d in (*stale, *blank)]
        named = tuple(dict.fromkeys(n for d in (*stale, *blank) for n in d.records))
        reasons = Term("；".join(zh), "; ".join(en))
        veto = Finding(
            "columns.veto",
            records=named,
            deduction=float(ctx.max_points),
            params=terms(reasons=reasons),
        )
        return Outcome(0, (*findings, *listed, veto), veto=True)
    points, costs = capped_deductions(ctx.max_points, [*stale, *blank])
    return Outcome(points, (*findings, *costs))


# ---------------------------------------------------------------- messages

# A message's verdict: (severity, kind, notes, slow deduction or None, veto detail or None).
# Severity: vetoing (3), slow (2), not judged here (1), answered in time (0).
_Message = tuple[int, str, tuple[Finding, ...], Deduction | None, Term | None]
_FINE: _Message = (0, "judged", (), None, None)


def _in_time(start: dt.date, done: dt.date, allowance: int) -> bool:
    if done <= start:
        return True
    used = working_days_after(start, done)
    return used < allowance or (used == allowance and is_working_day(done))


@scorer("website.messages", section=SECTION, params=MESSAGE_PARAMS)
def messages(ctx: ScoringContext) -> Outcome:
    """Replies to valid public messages: single veto past the months line, deductions when slow.

    The veto (国办秘函〔2019〕19号) looks at the valid messages received in the
    year before the check date that waited more than the months line for a
    reply by then. Slow replies are judged in the run of the year a message
    settles in: its reply when answered within the months line, else the day
    that line passed.
    """
    checked, audit = check_date(ctx)
    records: Sequence[Record] = ctx.data["messages"]
    if not records:
        outcome = none_reported(MESSAGE)
        return Outcome(0, (*outcome.findings, *audit), "not_applicable")
    months = ctx.params["veto_unanswered_months"]
    within = ctx.params["reply_within_working_days"]
    each = ctx.params["deduction_per_slow"]
    window = add_months(checked, -12)  # the 19号 window: the year before the check date
    year = ctx.year
    findings: list[Finding] = [*audit]
    # Absent `valid` counts as valid: a unit cannot drop a message by leaving the flag out.
    valid = [m for m in records if m.get("valid", True)]
    invalid = [str(m["id"]) for m in records if not m.get("valid", True)]
    if invalid:
        findings.append(listing("audit.invalid_messages", invalid))

    def judge(record: Record, rid: str) -> _Message:
        received: dt.date = record["received_on"]
        replied: dt.date | None = record.get("replied_on")
        # the common case, built nothing for: answered in time, in the year
        if (
            replied is not None
            and received <= replied <= checked
            and replied.year == year
            and _in_time(received, replied, within)
        ):
            return _FINE
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
        if received >= window and waited_until > line:
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
        if replied is not None and _in_time(received, replied, within):
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
        slow = Deduction("messages.slow", "", (rid,), each, params=params)
        return (3 if veto else 2), "judged", tuple(notes), slow, veto

    ids = [str(m["id"]) for m in valid]
    copies = find_copies(normalised_ids(ids))
    slow: list[Deduction] = []
    overdue: list[tuple[str, Term]] = []
    carried: list[str] = []
    judged = 0
    for index, record in enumerate(valid):
        if copies and index in copies.later:
            continue
        group = copies.groups.get(index) if copies else None
        if group is None:
            verdict, rid = judge(record, ids[index]), ids[index]
        else:
            verdicts = [judge(valid[i], ids[i]) for i in group]
            kept = worst(verdicts, lambda v: v[0])
            findings.append(duplicate(MESSAGE, [ids[i] for i in group], kept))
            verdict, rid = verdicts[kept], ids[group[kept]]
        if verdict is _FINE:
            judged += 1
            continue
        _, kind, notes, late, veto = verdict
        findings.extend(notes)
        if kind == "judged":
            judged += 1
        elif kind == "later":
            carried.append(rid)
        if late is not None:
            slow.append(late)
        if veto is not None:
            overdue.append((rid, veto))
    if carried:
        findings.append(listing("messages.carried_over", carried, months=months, next=year + 1))
    if overdue:
        listed = [d.finding() for d in slow]
        details = Term("；".join(v.zh for _, v in overdue), "; ".join(v.en for _, v in overdue))
        params = {**terms(details=details), "months": months, "ids": [r for r, _ in overdue]}
        ids_over = tuple(r for r, _ in overdue)
        veto_finding = Finding(
            "messages.unanswered", records=ids_over, deduction=float(ctx.max_points), params=params
        )
        return Outcome(0, (*findings, *listed, veto_finding), veto=True)
    if not judged:
        return Outcome(0, (Finding("messages.none_judged"), *findings), "not_applicable")
    points, costs = capped_deductions(ctx.max_points, slow)
    return Outcome(points, (*findings, *costs))


# ---------------------------------------------------------------- enquiry channel, links


@scorer("website.enquiry_channel", section=SECTION, params=ENQUIRY_PARAMS)
def enquiry_channel(ctx: ScoringContext) -> Outcome:
    """Whether the evaluator found a working online channel for enquiries and suggestions (veto).

    The evaluator's fact ``enquiry_channel`` decides (国办秘函〔2019〕19号:
    未提供网上有效咨询建言渠道 is a single veto), never the unit's own
    ``enquiry_url``, and never the messages the unit lists.
    """
    found: bool | None = ctx.facts.get("enquiry_channel")
    records = ("website.enquiry_channel",)
    if found is None:
        return Outcome(0, (Finding("enquiry.not_checked", records=records),), "not_applicable")
    if not found:
        params = {"url": ctx.data.get("enquiry_url")}
        missing = Finding(
            "enquiry.missing",
            records=records,
            deduction=float(ctx.max_points) or None,
            params=params,
        )
        return Outcome(0, (missing,), veto=True)
    return Outcome(exact_number(ctx.max_points))


@scorer("website.broken_links", section=SECTION, params=LINK_PARAMS)
def broken_links(ctx: ScoringContext) -> Outcome:
    """Broken links found at the check, a capped deduction for each."""
    count: int | None = ctx.data.get("broken_links")
    if count is None:
        return Outcome(0, (Finding("broken_links.no_data", deduction=float(ctx.max_points)),))
    each = ctx.params["deduction_each"]
    params = {"count": count, "each": each}
    found = Deduction(
        "broken_links.found",
        "",
        ("website.broken_links",),
        exact_number(each) * count,
        params=params,
    )
    points, findings = capped_deductions(ctx.max_points, [found])
    return Outcome(points, findings)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="网站更新及时性")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [availability, homepage_fresh, column_freshness, messages, enquiry_channel, broken_links]


@hookimpl
def register_facts() -> list[Fact]:
    return list(FACTS)


@hookimpl
def register_messages() -> Templates:
    return MESSAGES

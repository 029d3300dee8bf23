"""Website timeliness (网站更新及时性): the State Council website-check rules.

Single-veto lines and deductions follow 国办秘函〔2019〕19号 by default; every
line is a param because schemes change them by year and place.

Ages are judged at the date the evaluator checked the site (the evaluator-owned
fact ``checked_on``, by default the scheme's ``as_of``). A unit's own
``website.checked_on`` is accepted but not used; when it differs it is listed
for audit (``audit.checked_on``). Whether the site offers a working online
enquiry channel is the evaluator's fact ``enquiry_channel`` too, and so are the
serious problems the evaluator found (``serious_problems``: 严重错误 in the 2015
census, 安全、泄密事故等严重问题 in the 2019 checks), never a unit's claim.

Copies of a column or a message (names or ids that read alike) are judged by
the worst copy. A column's kind is what its name says where the criteria's
``name_endings`` speak for it, else the unit's claim, scored under the scheme's
``self_claims`` and listed to verify with the points it puts at stake
(:mod:`.kinds`); a message's validity is the unit's claim too: the messages
marked invalid are listed for audit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import compress, repeat
from operator import is_, itemgetter, methodcaller, not_
from typing import Any

from evaluator import (
    Fact,
    Finding,
    Outcome,
    RecordColumns,
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
    AFTER_SNAPSHOT,
    DUPLICATE_ID,
    NONE_REPORTED,
    OUTSIDE_YEAR,
    PART_EXCEEDS_TOTAL,
    REPLY_BEFORE_REQUEST,
    Deduction,
    Term,
    capped_deductions,
    find_copies,
    normalised_ids,
    terms,
    worst,
)

from .._disclosure.claims import ClaimedRecord, list_claims
from .._disclosure.findings import (
    duplicate,
    listing,
    none_reported,
    part_exceeds_total,
)
from .._disclosure.in_time import columns as fields_of
from .._disclosure.labels import (
    COLUMN,
    HOMEPAGE_UPDATED,
    INDICATOR_NOTHING,
    MESSAGE,
)
from .checks import (
    FINE,
    MessageJudge,
    MessageVerdict,
    add_months,
    after_snapshot,
    cutoffs,
)
from .columns import CLAIM_TRUSTED, CLAIM_UNCONFIRMED, column_score, counts_of, veto_lines
from .kinds import NAME_KIND, ColumnKinds, ColumnReading, check_column_params
from .schema import (
    AVAILABILITY_PARAMS,
    COLUMN_PARAMS,
    ENQUIRY_PARAMS,
    FACTS,
    HOMEPAGE_PARAMS,
    LINK_PARAMS,
    MESSAGE_PARAMS,
    SCHEMA,
    SECTION,
    SERIOUS_KINDS,
    SERIOUS_PARAMS,
)
from .texts import MESSAGES

Record = Mapping[str, Any]
CHECKED_ON = ("website.checked_on",)
_VALID = methodcaller("get", "valid", True)
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


# ---------------------------------------------------------------- availability, homepage


@scorer(
    "website.availability",
    records="columns",
    section=SECTION,
    params=AVAILABILITY_PARAMS,
    vetoes=True,
    codes=(
        PART_EXCEEDS_TOTAL,
        "availability.no_visits",
        "availability.veto",
        "availability.failures",
    ),
)
def availability(ctx: ScoringContext) -> Outcome:
    """Whether the site was reachable: monitored failure rate against the veto line."""
    visits, failures = ctx.data["monitoring"]["visits"], ctx.data["monitoring"]["failures"]
    whole = exact_number(ctx.max_points)
    line = exact_number(ctx.params["veto_failure_rate"])
    records = ("website.monitoring",)
    if failures > visits:
        finding = part_exceeds_total(
            (Term("访问失败次数", "failed visits"), failures),
            (Term("监测访问次数", "monitored visits"), visits),
            INDICATOR_NOTHING,
            records,
            deduction=float(whole),
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


@scorer(
    "website.homepage_fresh",
    records="columns",
    section=SECTION,
    params=HOMEPAGE_PARAMS,
    vetoes=True,
    codes=("audit.checked_on", AFTER_SNAPSHOT, "homepage.undated", "homepage.stale"),
    veto_codes=("homepage.undated", "homepage.stale"),
)
def homepage_fresh(ctx: ScoringContext) -> Outcome:
    """Whether the homepage was updated within the allowed number of calendar days."""
    checked, audit = check_date(ctx)
    max_age = ctx.params["max_age_days"]
    updated: dt.date | None = ctx.data.get("homepage_updated_on")
    records = ("website.homepage_updated_on",)  # the field it judges, named as the unit wrote it
    whole = float(ctx.max_points)
    findings: list[Finding] = [*audit]
    if updated is not None and updated > checked:
        findings.append(after_snapshot(HOMEPAGE, records[0], HOMEPAGE_UPDATED, updated, checked))
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


@scorer(
    "website.column_freshness",
    records="columns",
    section=SECTION,
    params=COLUMN_PARAMS,
    check=check_column_params,
    vetoes=True,
    codes=(
        "audit.checked_on",
        "columns.no_data",
        DUPLICATE_ID,
        AFTER_SNAPSHOT,
        NAME_KIND,
        CLAIM_TRUSTED,
        CLAIM_UNCONFIRMED,
        "columns.veto",
        "columns.stale",
        "columns.blank",
    ),
)
def column_freshness(ctx: ScoringContext) -> Outcome:
    """Stale and blank columns: single veto at the lines, else a capped deduction for each.

    Each column is judged by the kind its name speaks for, or the unit's own
    (confirmed, trusted or strict: :mod:`.kinds`); the columns whose kind, as
    the unit gives it, mattered are listed with the points each puts at stake.
    """
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
    claimed: list[ClaimedRecord] = []
    names = [str(c["name"]) for c in columns]
    copies = find_copies(normalised_ids(names))
    limits = cutoffs(checked, p)  # each kind's oldest fresh date, once
    kinds = ColumnKinds.of(ctx)
    for index in range(len(columns)):
        if index in copies.later:
            continue
        group = copies.groups.get(index, (index,))
        readings = [kinds.read(columns[i], names[i], checked, p, limits) for i in group]
        kept = worst(readings, lambda r: r.verdict[0])
        if len(group) > 1:
            findings.append(duplicate(COLUMN, [names[i] for i in group], kept))
        reading = readings[kept]
        _, late, empty, notes = reading.verdict
        findings.extend(notes)
        if reading.named is not None:
            findings.append(reading.named)
        if late is not None:
            stale.append(late)
            if reading.kind in p["veto_kinds"]:
                veto_stale.append(names[group[kept]])
        if empty is not None:
            blank.append(empty)
        claim = _claimed(readings, [names[i] for i in group], kept, p["veto_kinds"])
        if claim is not None:
            claimed.append(claim)
    counts = (len(veto_stale), len(stale), len(blank))
    if claimed:
        code = CLAIM_UNCONFIRMED if kinds.strict else CLAIM_TRUSTED
        score = column_score(p, exact_number(ctx.max_points))
        claims = list_claims(code, score, counts, claimed, kinds.strict)
        findings.extend(() if claims is None else (claims,))
    reached = veto_lines(p, counts)
    if reached:
        zh = [f"{count}{what_zh}（达到{line}个）" for count, line, what_zh, _ in reached]
        en = [f"{count}{what_en} (line: {line})" for count, line, _, what_en in reached]
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


def _claimed(
    readings: Sequence[ColumnReading], names: Sequence[str], kept: int, veto_kinds: Sequence[str]
) -> ClaimedRecord | None:
    """A column (its copies' readings) whose kind as the unit gives it matters, with its
    counts as scored and under the claim's other reading (the worst copy each way)."""
    claims = [r for r in readings if r.other is not None]
    if not claims:
        return None
    first = claims[0]
    assert first.claimed is not None and first.alternative is not None
    others = [
        (r.other, r.other_kind) if r.other is not None else (r.verdict, r.kind) for r in readings
    ]
    chosen = worst(others, lambda o: o[0][0])
    scored = readings[kept]
    return ClaimedRecord(
        names[readings.index(first)],
        first.claimed,
        first.alternative,
        counts_of(scored.verdict, scored.kind, veto_kinds),
        counts_of(*others[chosen], veto_kinds),
    )


# ---------------------------------------------------------------- messages


@scorer(
    "website.messages",
    records="columns",
    section=SECTION,
    params=MESSAGE_PARAMS,
    vetoes=True,
    veto_codes=("messages.unanswered",),
    codes=(
        "audit.checked_on",
        NONE_REPORTED,
        "audit.invalid_messages",
        DUPLICATE_ID,
        AFTER_SNAPSHOT,
        REPLY_BEFORE_REQUEST,
        OUTSIDE_YEAR,
        "messages.carried_over",
        "messages.unanswered",
        "messages.none_judged",
        "messages.slow",
    ),
)
def messages(ctx: ScoringContext) -> Outcome:
    """Replies to valid public messages: single veto past the months line, deductions when slow.

    The veto (国办发〔2015〕15号 and 国办秘函〔2019〕19号 alike) looks at the valid
    messages received in the window before the check date (a year) that waited
    more than the months line for a reply by then. Slow replies are judged in
    the run of the year a message settles in: its reply when answered within
    the months line, else the day that line passed.
    """
    checked, audit = check_date(ctx)
    records: Sequence[Record] = ctx.data["messages"]
    if not records:
        outcome = none_reported(MESSAGE)
        return Outcome(0, (*outcome.findings, *audit), "not_applicable")
    months = ctx.params["veto_unanswered_months"]
    within = ctx.params["reply_within_working_days"]
    each = ctx.params["deduction_per_slow"]
    window = add_months(checked, -ctx.params["veto_window_months"])  # 监测时间点前1年内
    year = ctx.year
    findings: list[Finding] = [*audit]
    # Absent `valid` counts as valid: a unit cannot drop a message by leaving the flag out.
    if isinstance(records, RecordColumns):
        flags = [True if flag is None else flag for flag in records.column("valid")]
    else:
        flags = list(map(_VALID, records))
    if not all(flags):
        invalid = list(compress(fields_of(records, "id")[0], map(not_, flags)))
        findings.append(listing("audit.invalid_messages", invalid))
        if isinstance(records, RecordColumns):
            records = records.select(flags)
        else:
            records = list(compress(records, flags))
    judge = MessageJudge(checked, year, within, months, each, window)
    ids: list[str] = list(fields_of(records, "id")[0])  # ids are text (the schema's)
    copies = find_copies(normalised_ids(ids))
    # Each message's verdict with its id: copies judged together, by their worst.
    every = judge.judge_all(records, ids)
    chosen: list[tuple[MessageVerdict, str]]
    if copies:
        chosen = []
        for index in range(len(records)):
            if index in copies.later:
                continue
            group = copies.groups.get(index, (index,))
            verdicts = [every[i] for i in group]
            kept = worst(verdicts, lambda v: v[0])
            if len(group) > 1:
                findings.append(duplicate(MESSAGE, [ids[i] for i in group], kept))
            chosen.append((verdicts[kept], ids[group[kept]]))
    else:
        chosen = list(zip(every, ids, strict=True))
    slow: list[Deduction] = []
    overdue: list[tuple[str, Term]] = []
    carried: list[str] = []
    # the plain verdict is one object: counted, and passed over, at C speed
    fine = list(map(is_, map(itemgetter(0), chosen), repeat(FINE)))
    judged = sum(fine)
    for verdict, rid in compress(chosen, map(not_, fine)):
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


@scorer(
    "website.enquiry_channel",
    records="columns",
    section=SECTION,
    params=ENQUIRY_PARAMS,
    vetoes=True,
    codes=("enquiry.not_checked", "enquiry.missing"),
    veto_codes=("enquiry.missing",),
)
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


def _problems(found: Sequence[Record]) -> Term:
    """The problems, each as its kind and what the evaluator wrote, for a finding."""
    zh: list[str] = []
    en: list[str] = []
    for problem in found:
        kind: Term = SERIOUS_KINDS[problem["kind"]]
        when = problem.get("found_on")
        zh.append(f"{kind.zh}：{problem['detail']}" + (f"（{when}发现）" if when else ""))
        en.append(f"{kind.en}: {problem['detail']}" + (f" (found {when})" if when else ""))
    return Term("；".join(zh), "; ".join(en))


@scorer(
    "website.serious_problems",
    records="columns",
    section=SECTION,
    params=SERIOUS_PARAMS,
    vetoes=True,
    codes=("serious.not_checked", "serious.veto", "serious.not_a_veto"),
)
def serious_problems(ctx: ScoringContext) -> Outcome:
    """Whether the evaluator found a serious problem of a veto kind on the site (veto).

    The evaluator's fact ``serious_problems`` decides: one problem of a kind
    in ``veto_kinds`` is a single veto (国办发〔2015〕15号 严重错误; 国办秘函〔2019〕19号
    安全、泄密事故等严重问题). Problems of other kinds are listed, not vetoed; no
    record of the check at all makes the indicator not applicable.
    """
    found: Sequence[Record] | None = ctx.facts.get("serious_problems")
    records = ("website.serious_problems",)
    if found is None:
        return Outcome(0, (Finding("serious.not_checked", records=records),), "not_applicable")
    kinds = ctx.params["veto_kinds"]
    vetoing = [p for p in found if p["kind"] in kinds]
    others = [p for p in found if p["kind"] not in kinds]
    notes: tuple[Finding, ...] = ()
    if others:
        params = {**terms(details=_problems(others)), "count": len(others)}
        notes = (Finding("serious.not_a_veto", records=records, params=params),)
    if vetoing:
        params = {**terms(details=_problems(vetoing)), "count": len(vetoing)}
        lost = float(ctx.max_points) or None
        veto = Finding("serious.veto", records=records, deduction=lost, params=params)
        return Outcome(0, (veto, *notes), veto=True)
    return Outcome(exact_number(ctx.max_points), notes)


@scorer(
    "website.broken_links",
    records="columns",
    section=SECTION,
    params=LINK_PARAMS,
    codes=("broken_links.no_data", "broken_links.found"),
)
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
    return [
        availability,
        homepage_fresh,
        column_freshness,
        messages,
        enquiry_channel,
        serious_problems,
        broken_links,
    ]


@hookimpl
def register_facts() -> list[Fact]:
    return list(FACTS)


@hookimpl
def register_messages() -> Templates:
    return MESSAGES

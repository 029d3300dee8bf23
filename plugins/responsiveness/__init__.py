"""Responsiveness (回应关切): public-opinion incidents, information requests, hotline, appeals.

Every limit is a param whose default follows the national rule in force when
the duty arose (国办发〔2016〕61号 and 80号 for incidents, each from its
publication day; the 2008 and 2019 OGI regulations for requests), with its
source in ``schema.py`` and docs/integrity.md. No national rule weighs a
unit's hotline rates: the engine's default set is its own, and each shipped
criteria file names its rates and says where their weights come from (the
call centre's connection rate, GB/T 33358-2016, stays available as a param).

Records are judged in the run of the year they settle in: a request or an
incident settles when it was done in time, otherwise when it fell due. A run
therefore accepts last year's records that settle in its year (结转), and lists
its own that settle after the year end as carried over. Copies of a record
(ids that read alike) are judged by the worst copy; records equal but for
their ids are listed for audit; so is every claim of the unit that spared it
a rule (an extension, a correction, a consultation pause, an incident classed
as general: scored under the scheme's ``self_claims`` and listed with the points
it puts at stake), and every claim the rule did not follow says why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from itertools import compress, repeat
from operator import gt, is_, not_
from typing import Any

from evaluator import (
    EvidenceList,
    Fact,
    Finding,
    Outcome,
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
    SAME_CONTENT,
    Term,
    exact_goalpost,
    find_copies,
    normalised_ids,
    same_content,
    terms,
    worst,
)

from .._disclosure.claims import ClaimedRecord, list_claims, rate_score, scores_alternative
from .._disclosure.findings import (
    duplicate,
    listing,
    none_reported,
    part_exceeds_total,
    same_content_finding,
    share_of,
)
from .._disclosure.in_time import columns
from .._disclosure.labels import (
    BEIJING,
    INCIDENT,
    NOT_SCORED_HERE,
    REQUEST,
    SCORES_NOTHING,
)
from .._disclosure.reported import EMPTY_BUT_REPORTED, check_empty
from .clock import (
    ON_TIME,
    RequestClock,
    Verdict,
    regime_name,
)
from .incidents import (
    FACTS,
    LEVEL_TRUSTED,
    LEVEL_UNCONFIRMED,
    NO_LIMIT,
    IncidentReading,
    confirmed_incidents,
    dated_limits,
    read_incident,
)
from .schema import (
    APPEAL_PARAMS,
    HOTLINE_PARAMS,
    INCIDENT_PARAMS,
    RATES,
    REQUEST_PARAMS,
    SCHEMA,
    SECTION,
    check_goalposts,
    check_incident_limits,
    check_regimes,
)
from .texts import MESSAGES
from .verification import EVIDENCE
from .verified import SCORERS as TEST_REQUEST_SCORERS

Record = Mapping[str, Any]

# ---------------------------------------------------------------- incidents


INCIDENT_CODES = (
    NONE_REPORTED,
    DUPLICATE_ID,
    SAME_CONTENT,
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    "incidents.late",
    "integrity.response_before_emergence",
    "incidents.carried_over",
    "incidents.no_limit",
    LEVEL_TRUSTED,
    LEVEL_UNCONFIRMED,
    "incidents.none_judged",
)
"""Every finding code ``incidents`` may give, those of :mod:`.incidents` included."""


@scorer(
    "responsiveness.incidents",
    records="columns",
    section=SECTION,
    params=INCIDENT_PARAMS,
    check=check_incident_limits,
    codes=INCIDENT_CODES,
    counts_cases=True,
)
def incidents(ctx: ScoringContext) -> Outcome:
    """Share of public-opinion incidents answered (and briefed, if major) within their limits.

    Each is judged under the limits in force on the day it emerged (the dated
    ``limits``); one that emerged before the first had none, and is listed.
    """
    records: Sequence[Record] = ctx.data.get("incidents") or []
    if not records:
        return none_reported(INCIDENT)
    table = dated_limits(ctx.params)
    # An unanswered incident is still open, not late, until its limit passes the snapshot day.
    now = dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time(), BEIJING)
    confirmed = confirmed_incidents(ctx)
    ids = [str(r["id"]) for r in records]
    copies = find_copies(normalised_ids(ids))
    findings: list[Finding] = []
    failed: list[tuple[str, str, dict[str, Any]]] = []
    carried: list[str] = []
    unlimited: list[str] = []
    claimed: list[ClaimedRecord] = []
    counted: list[int] = []
    judged = 0
    for index in range(len(records)):
        if index in copies.later:
            continue
        group = copies.groups.get(index, (index,))
        readings = [read_incident(records[i], ids[i], ctx, now, table, confirmed) for i in group]
        kept = worst(readings, lambda r: r.verdict.severity)
        if len(group) > 1:
            findings.append(duplicate(INCIDENT, [ids[i] for i in group], kept))
        verdict, chosen = readings[kept].verdict, group[kept]
        counted.append(chosen)
        findings.extend(verdict.notes)
        rid = ids[chosen]
        if verdict.kind == "later":
            carried.append(rid)
        elif verdict.kind == NO_LIMIT:
            unlimited.append(rid)
        if verdict.kind in ("on_time", "late"):
            judged += 1
        if verdict.failure is not None:
            failed.append((rid, *verdict.failure))
        claim = _claimed_level(readings, [ids[i] for i in group], verdict)
        if claim is not None:
            claimed.append(claim)
    groups = same_content(
        [
            (
                records[i]["level"],
                records[i]["emerged_at"],
                records[i].get("first_response_at"),
                records[i].get("press_conference_at"),
            )
            for i in counted
        ],
        [ids[i] for i in counted],
    )
    if groups:
        alike = [rid for group in groups for rid in group]
        findings.append(same_content_finding(INCIDENT, alike, len(groups)))
    if carried:
        findings.append(listing("incidents.carried_over", carried, next=ctx.year + 1))
    if unlimited:
        first = table[0]
        findings.append(
            listing("incidents.no_limit", unlimited, since=first.since, source=first.source)
        )
    if claimed:
        strict = scores_alternative(ctx.self_claims)
        code = LEVEL_UNCONFIRMED if strict else LEVEL_TRUSTED
        counts = (judged, len(failed))
        listed = list_claims(code, rate_score(ctx), counts, claimed, strict)
        findings.extend(() if listed is None else (listed,))
    if not judged:
        return Outcome(0, (Finding("incidents.none_judged"), *findings), "not_applicable")
    points, lost = share_of(ctx.max_points, judged, failed)
    return Outcome(points, (*findings, *lost), cases=judged, failed=len(failed))


def _tally(verdict: Verdict) -> tuple[int, int]:
    """What one incident's verdict adds to the rate: judged (0 or 1), failed (0 or 1)."""
    return int(verdict.kind in ("on_time", "late")), int(verdict.failure is not None)


def _claimed_level(
    readings: Sequence[IncidentReading], ids: Sequence[str], scored: Verdict
) -> ClaimedRecord | None:
    """An incident (its copies' readings) whose level as the unit gives it matters, with its
    tally as scored and under the claim's other reading (the worst copy each way)."""
    claims = [r for r in readings if r.other is not None]
    if not claims:
        return None
    first = claims[0]
    assert first.claimed is not None and first.alternative is not None
    others = [r.verdict if r.other is None else r.other for r in readings]
    other = others[worst(others, lambda v: v.severity)]
    return ClaimedRecord(
        ids[readings.index(first)], first.claimed, first.alternative, _tally(scored), _tally(other)
    )


# ---------------------------------------------------------------- requests


REQUEST_CODES = (
    "requests.no_data",
    NONE_REPORTED,
    DUPLICATE_ID,
    SAME_CONTENT,
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
    "requests.late",
    "integrity.correction_out_of_order",
    "integrity.correction_notice_out_of_order",
    "requests.correction_not_restarted",
    "integrity.pause_out_of_order",
    "requests.pause_not_lawful",
    "requests.pause_capped",
    "integrity.notice_before_request",
    "requests.extension_late_notice",
    "requests.extension_unproven",
    "requests.carried_over",
    "requests.regime_overridden",
    "audit.extended",
    "audit.extension_notice_missing",
    "audit.correction",
    "audit.correction_late_notice",
    "audit.correction_2008",
    "audit.consultation",
    "audit.agency_consultation",
    "requests.none_judged",
    EMPTY_BUT_REPORTED,
)
"""Every finding code ``requests`` may give, those of the request clock (:mod:`.clock`) included."""


@scorer(
    "responsiveness.requests",
    records="columns",
    section=SECTION,
    params=REQUEST_PARAMS,
    check=check_regimes,
    codes=REQUEST_CODES,
    counts_cases=True,
)
def requests(ctx: ScoringContext) -> Outcome:
    """Share of information requests answered within the statutory working-day limit."""
    if "requests" not in ctx.data:
        return Outcome(0, (Finding("requests.no_data", deduction=float(ctx.max_points)),))
    records: Sequence[Record] = ctx.data["requests"]
    if not records:
        return check_empty(ctx, REQUEST, "responsiveness.requests", none_reported(REQUEST))
    clock = RequestClock.from_params(ctx.params, year=ctx.year, as_of=ctx.as_of, regime=ctx.regime)
    ids: list[str] = list(columns(records, "id")[0])  # ids are text (the schema's)
    copies = find_copies(normalised_ids(ids))
    findings: list[Finding] = []
    failed: list[tuple[str, str, dict[str, Any]]] = []
    claims: dict[str, list[str]] = {}
    carried: list[str] = []
    # The clock judges every request, the plain ones a column at a time; copies of a
    # request are then judged by their worst verdict.
    every, contents = clock.judge_all(records, ids)
    counted: Sequence[int]
    verdicts: list[Verdict]
    if copies:
        chosen: list[int] = []
        verdicts = []
        for index in range(len(records)):
            if index in copies.later:
                continue
            group = copies.groups.get(index, (index,))
            judged_copies = [every[i] for i in group]
            kept = worst(judged_copies, lambda v: v.severity)
            if len(group) > 1:
                findings.append(duplicate(REQUEST, [ids[i] for i in group], kept))
            chosen.append(group[kept])
            verdicts.append(judged_copies[kept])
        counted = chosen
    else:
        counted = range(len(records))
        verdicts = every
    # the plain on-time verdict is one object: counted, and passed over, at C speed
    plain = list(map(is_, verdicts, repeat(ON_TIME)))
    judged = sum(plain)
    for index, verdict in compress(zip(counted, verdicts, strict=True), map(not_, plain)):
        kind = verdict.kind
        if kind == "on_time":
            judged += 1
        elif kind == "late":
            judged += 1
            assert verdict.failure is not None
            failed.append((ids[index], *verdict.failure))
        elif kind == "later":
            carried.append(ids[index])
        if verdict.notes:
            findings.extend(verdict.notes)
        # claims of requests judged here or carried over; set-aside ones relied on nothing
        if verdict.claims and kind in ("on_time", "late", "later", "pending"):
            for claim in verdict.claims:
                claims.setdefault(claim, []).append(ids[index])
    findings.extend(_request_lists(ctx, ids, counted, contents, claims, carried))
    if not judged:
        return Outcome(0, (Finding("requests.none_judged"), *findings), "not_applicable")
    points, lost = share_of(ctx.max_points, judged, [_worded_late(f) for f in failed])
    return Outcome(points, (*findings, *lost), cases=judged, failed=len(failed))


def _worded_late(failure: tuple[str, str, dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
    """A late request's params with how it was (not) answered, in both languages."""
    rid, code, values = failure
    if code != "requests.late":
        return failure
    used = values["used"]
    # the params terms(answer=Term(zh, en)) gives, written straight in (once per late request)
    replied = values["replied"]
    if replied is None:
        as_of = values["as_of"]
        zh = f"截至{as_of}（第{used}个工作日）未答复"
        en = f"unanswered at {as_of} (working day {used})"
    else:
        zh = f"于{replied}（第{used}个工作日）答复"
        en = f"answered on {replied} (working day {used})"
    return rid, code, {**values, "answer_zh": zh, "answer_en": en}


def _equal_but_for_ids(
    ids: Sequence[str], counted: Sequence[int], contents: Sequence[Hashable]
) -> tuple[list[str], int]:
    """The counted requests equal to another in everything but their ids, and their groups.

    Copies were merged before, so equal content under distinct ids is what is left.
    ``contents`` are every request's content keys, as the clock made them (a tuple
    each, or numpy's array of class numbers: :func:`.clock.content_classes`).
    """
    everyone = isinstance(counted, range)
    named = ids if everyone else [ids[i] for i in counted]
    if not isinstance(contents, list):  # class numbers: counted by numpy
        import numpy as np

        keys: Any = np.asarray(contents)
        if not everyone:
            keys = keys[np.asarray(counted, dtype=np.intp)]
        _, inverse, sizes = np.unique(keys, return_inverse=True, return_counts=True)
        if len(sizes) == len(keys):
            return [], 0
        shared_rows = (sizes > 1)[inverse.reshape(len(keys))].tolist()
        return list(compress(named, shared_rows)), int(np.count_nonzero(sizes > 1))
    listed = contents if everyone else [contents[i] for i in counted]
    counts = Counter(listed)
    if len(counts) == len(listed):
        return [], 0
    shared = set(compress(counts, map(gt, counts.values(), repeat(1))))  # at C speed
    return list(compress(named, map(shared.__contains__, listed))), len(shared)


def _request_lists(
    ctx: ScoringContext,
    ids: Sequence[str],
    counted: Sequence[int],
    contents: Sequence[Hashable],
    claims: Mapping[str, list[str]],
    carried: Sequence[str],
) -> list[Finding]:
    """The findings that list requests at no cost: carried over, audited claims, equal content."""
    found: list[Finding] = []
    alike, groups = _equal_but_for_ids(ids, counted, contents)
    if alike:
        found.append(same_content_finding(REQUEST, alike, groups))
    if carried:
        found.append(listing("requests.carried_over", carried, next=ctx.year + 1))
    if "regime" in claims:
        applied = "ogi-2019" if ctx.regime == "ogi-2008" else "ogi-2008"
        extra = terms(scheme=regime_name(ctx.regime), applied=regime_name(applied))
        found.append(listing("requests.regime_overridden", claims["regime"], **extra))
    if "unproven" in claims:
        found.append(listing("requests.extension_unproven", claims["unproven"]))
    for claim, code in (
        ("extended", "audit.extended"),
        ("unnotified", "audit.extension_notice_missing"),
        ("correction", "audit.correction"),
        ("late_correction_notice", "audit.correction_late_notice"),
        ("correction_2008", "audit.correction_2008"),
        ("pause", "audit.consultation"),
    ):
        if claim in claims:
            found.append(listing(code, claims[claim]))
    if "long_agency_pause" in claims:
        days = ctx.params["agency_pause_audit_after"]
        found.append(listing("audit.agency_consultation", claims["long_agency_pause"], days=days))
    return found


# ---------------------------------------------------------------- hotline


def _no_tickets(figures: Mapping[str, int], rates: Mapping[str, Any]) -> bool:
    """No call and no ticket to judge.

    Either every volume the configured rates are taken over (``calls``,
    ``dispatched``) is 0, or every volume given is 0 (and one is given).
    """
    bases = {basis.base for rate in rates for basis in RATES[rate].bases}
    read = bases & {"calls", "dispatched"}
    if read and all(figures.get(name) == 0 for name in read):
        return True
    given = [figures[name] for name in ("calls", "dispatched") if name in figures]
    return bool(given) and not any(given)


def _impossible_unscored(
    figures: Mapping[str, int], rates: Mapping[str, Any]
) -> tuple[Finding, ...]:
    """Figures no scheme rate reads but that still cannot be true (``connected`` > ``calls``).

    They cost nothing here, yet they say the unit's figures are not to be
    trusted, so they are listed (and ``validate`` warns about them).
    """
    read = {RATES[rate].basis(figures).part for rate in rates}
    found = []
    for basis in {basis.part: basis for rate in RATES.values() for basis in rate.bases}.values():
        part, base = basis.part, basis.base
        if part in read or part not in figures or base not in figures:
            continue
        if figures[part] > figures[base]:
            records = (f"hotline.{part}", f"hotline.{base}")
            found.append(
                part_exceeds_total(
                    (basis.part_name, figures[part]),
                    (basis.base_name, figures[base]),
                    NOT_SCORED_HERE,
                    records,
                )
            )
    return tuple(found)


@scorer(
    "responsiveness.hotline",
    records="columns",
    section=SECTION,
    params=HOTLINE_PARAMS,
    check=check_goalposts,
    codes=(
        "hotline.no_data",
        PART_EXCEEDS_TOTAL,
        "hotline.no_tickets",
        "hotline.no_base",
        "hotline.below_full",
    ),
)
def hotline(ctx: ScoringContext) -> Outcome:
    """Hotline rates of the tickets dispatched to the unit, each between its goalposts.

    The scheme names the rates and their weights (``rates``; the engine's
    default is response, resolution and satisfaction). A rate with several
    bases (解决率: the callers' verdicts when sent, else over the tickets
    dispatched) is taken over the first the unit sent figures for, and its
    findings name that basis.
    """
    figures: Mapping[str, int] | None = ctx.data.get("hotline")
    whole = exact_number(ctx.max_points)
    if figures is None:
        missing = terms(what=Term("热线数据", "hotline figures"), effect=SCORES_NOTHING)
        return Outcome(0, (Finding("hotline.no_data", deduction=float(whole), params=missing),))
    rates: Mapping[str, Mapping[str, float]] = ctx.params["rates"]
    unscored = _impossible_unscored(figures, rates)
    if _no_tickets(figures, rates):
        return Outcome(0, (Finding("hotline.no_tickets"), *unscored), "not_applicable")
    total_weight = sum(exact_number(r["weight"]) for r in rates.values())
    findings: list[Finding] = list(unscored)
    earned = Fraction(0)
    for rate, posts in rates.items():
        basis = RATES[rate].basis(figures)
        part, base, part_name, base_name = basis.part, basis.base, basis.part_name, basis.base_name
        name = RATES[rate].named(basis)
        share = whole * exact_number(posts["weight"]) / total_weight
        records = (f"hotline.{part}", f"hotline.{base}")
        numerator, denominator = figures.get(part), figures.get(base)
        if numerator is None or denominator is None:
            needed = Term(
                f"热线{name.zh}所需的{part_name.zh}和{base_name.zh}",
                f"{part_name.en} and {base_name.en} for the hotline {name.en}",
            )
            params = terms(what=needed, effect=SCORES_NOTHING)
            findings.append(
                Finding("hotline.no_data", records=records, deduction=float(share), params=params)
            )
            continue
        if numerator > denominator:
            part_total = ((part_name, numerator), (base_name, denominator))
            findings.append(
                part_exceeds_total(*part_total, SCORES_NOTHING, records, deduction=float(share))
            )
            continue
        if denominator == 0:
            params = terms(rate=name, whole=base_name)
            findings.append(
                Finding("hotline.no_base", records=records, deduction=float(share), params=params)
            )
            continue
        value = Fraction(numerator, denominator)
        fraction = exact_goalpost(value, full_at=posts["full_at"], zero_at=posts["zero_at"])
        earned += share * fraction
        if fraction < 1:
            params = {
                **terms(rate=name),
                "value": value,
                "part": numerator,
                "whole": denominator,
                "full_at": posts["full_at"],
                "zero_at": posts["zero_at"],
            }
            lost = float(share * (1 - fraction))
            findings.append(
                Finding("hotline.below_full", records=records, deduction=lost, params=params)
            )
    return Outcome(earned, tuple(findings))


# ---------------------------------------------------------------- appeals


@scorer(
    "responsiveness.appeals",
    records="columns",
    section=SECTION,
    params=APPEAL_PARAMS,
    check=check_goalposts,
    codes=("appeals.no_data", "appeals.none_decided", "appeals.corrected"),
    counts_cases=True,
)
def appeals(ctx: ScoringContext) -> Outcome:
    """Share of decided reconsideration and litigation cases that corrected the unit."""
    cases: Mapping[str, Mapping[str, int]] | None = ctx.data.get("appeals")
    whole = exact_number(ctx.max_points)
    if cases is None:
        return Outcome(0, (Finding("appeals.no_data", deduction=float(whole)),))
    kinds = [cases.get("reconsideration", {}), cases.get("litigation", {})]
    corrected = sum(k.get("corrected", 0) for k in kinds)
    # Pending cases have no outcome yet, so they are outside the share.
    decided = sum(k.get(o, 0) for k in kinds for o in ("upheld", "corrected", "other"))
    if not decided:
        return Outcome(0, (Finding("appeals.none_decided"),), "not_applicable")
    full_at, zero_at = ctx.params["full_at"], ctx.params["zero_at"]
    share = Fraction(corrected, decided)
    points = whole * exact_goalpost(share, full_at=full_at, zero_at=zero_at)
    findings: tuple[Finding, ...] = ()
    if points < whole:
        params = {
            "decided": decided,
            "corrected": corrected,
            "share": share,
            "full_at": full_at,
            "zero_at": zero_at,
        }
        records = ("appeals.reconsideration", "appeals.litigation")
        lost = float(whole - points)
        findings = (Finding("appeals.corrected", records=records, deduction=lost, params=params),)
    return Outcome(points, findings, cases=decided, failed=corrected)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="回应关切")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [incidents, requests, hotline, appeals, *TEST_REQUEST_SCORERS]


@hookimpl
def register_evidence() -> list[EvidenceList]:
    return [EVIDENCE]


@hookimpl
def register_facts() -> list[Fact]:
    return list(FACTS)


@hookimpl
def register_messages() -> Templates:
    return MESSAGES

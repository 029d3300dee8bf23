"""Scorers of the evaluator's test requests (验证性申请), under 回应关切.

Each reads the unit's rows of ``evidence/test_requests`` (:mod:`.verification`)
through ``ctx.evidence``; a run without the list, or a unit sent no test
request, is not judged here (not the unit's fault). In time is judged by the
request clock the unit's own log is judged by (:class:`.clock.RequestClock`,
the law in force on the day of receipt), so the two can be compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from evaluator import Finding, Outcome, ScoringContext, exact_number, scorer
from evaluator.rules import AFTER_SNAPSHOT, OUTSIDE_YEAR, REPLY_BEFORE_REQUEST, Term
from evaluator.section_schema import FRACTION, POSITIVE, params, record_schema

from .._disclosure.findings import share_of
from .clock import RequestClock, Verdict
from .schema import CHANNELS, OUTCOMES, REQUEST_DEFAULTS, REQUEST_PARAMS, check_regimes
from .verification import (
    LIST,
    Match,
    Row,
    accepted_rows,
    date_differences,
    log_matches,
    received_day,
)

_NONE = "test_requests.none"
_NONE_SENT = "test_requests.none_sent"
_SENT = "test_requests.sent"


def _rows(ctx: ScoringContext) -> Sequence[Row] | Outcome:
    """The unit's test requests, or the not-applicable outcome when there are none."""
    rows = ctx.evidence.records(LIST)
    if rows is None:
        return Outcome.not_applicable("", _NONE)
    if not rows:
        return Outcome.not_applicable("", _NONE_SENT)
    return rows


def _listed(row: Row) -> Finding:
    """One test request as the unit's page lists it (no deduction; never a note of the
    evaluator's, which the reader does not read)."""
    channel, outcome = row["channel"], row.get("outcome")
    params = {
        "id": row["id"],
        "channel": channel,
        "channel_zh": CHANNELS[channel],
        "sent": row["sent_on"],
        "accepted": row["accepted"],
        "received": (received_day(row) if row["accepted"] else None) or "-",
        "replied": row.get("replied_on") or "-",
        "outcome": outcome or "-",
        "outcome_zh": OUTCOMES.get(outcome or "", "-"),
    }
    return Finding(_SENT, records=(row["id"],), params=params)


# ---------------------------------------------------------------- the channel works

CHANNEL_CODES = (_NONE, _NONE_SENT, _SENT, "test_requests.channel_refused")


@scorer("responsiveness.test_channels", records="columns", codes=CHANNEL_CODES)
def test_channels(ctx: ScoringContext) -> Outcome:
    """Share of the evaluator's test requests a channel of the unit accepted."""
    rows = _rows(ctx)
    if isinstance(rows, Outcome):
        return rows
    refused = [
        (
            row["id"],
            "test_requests.channel_refused",
            {"id": row["id"], "channel": row["channel"], "channel_zh": CHANNELS[row["channel"]]},
        )
        for row in rows
        if not row["accepted"]
    ]
    points, lost = share_of(ctx.max_points, len(rows), refused)
    return Outcome(points, (*map(_listed, rows), *lost))


# ---------------------------------------------------------------- answered in time

IN_TIME_CODES = (
    _NONE,
    _NONE_SENT,
    "test_requests.late",
    "test_requests.no_receipt_day",
    "test_requests.not_judged",
    "test_requests.none_judged",
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
)


@dataclass(frozen=True)
class Timeliness:
    """The clock's verdicts on a unit's test requests: judged, failed, and what it noted."""

    judged: int
    failed: list[tuple[str, str, dict[str, Any]]]
    notes: list[Finding]


def judge_test_requests(rows: Sequence[Row], clock: RequestClock) -> Timeliness:
    """Each accepted test request judged by the request clock, as of its day of receipt."""
    judged = 0
    failed: list[tuple[str, str, dict[str, Any]]] = []
    notes: list[Finding] = []
    unknown: list[str] = []
    open_ones: list[str] = []
    for row in accepted_rows(rows):
        received = received_day(row)
        if received is None:
            unknown.append(row["id"])
            continue
        record = {"received_on": received, "replied_on": row.get("replied_on")}
        verdict: Verdict = clock.judge(record, row["id"])
        notes.extend(verdict.notes)
        if verdict.kind == "on_time":
            judged += 1
        elif verdict.kind == "late" and verdict.failure is not None:
            judged += 1
            code, values = verdict.failure
            code = "test_requests.late" if code == "requests.late" else code
            failed.append((row["id"], code, values))
        elif verdict.kind in ("pending", "later"):
            open_ones.append(row["id"])
    if unknown:
        notes.append(Finding("test_requests.no_receipt_day", records=tuple(unknown)))
    if open_ones:
        params = {"ids": open_ones, "count": len(open_ones)}
        notes.append(Finding("test_requests.not_judged", records=tuple(open_ones), params=params))
    return Timeliness(judged, failed, notes)


def _clock(ctx: ScoringContext, settings: Mapping[str, Any] | None = None) -> RequestClock:
    return RequestClock.from_params(
        settings or ctx.params, year=ctx.year, as_of=ctx.as_of, regime=ctx.regime
    )


@scorer(
    "responsiveness.test_in_time",
    records="columns",
    params=REQUEST_PARAMS,
    check=check_regimes,
    codes=IN_TIME_CODES,
)
def test_in_time(ctx: ScoringContext) -> Outcome:
    """Share of the evaluator's test requests answered within the limit of the law in force
    on the day of receipt, by the clock the unit's own log is judged by."""
    rows = _rows(ctx)
    if isinstance(rows, Outcome):
        return rows
    timeliness = judge_test_requests(rows, _clock(ctx))
    if not timeliness.judged:
        return Outcome(
            0, (Finding("test_requests.none_judged"), *timeliness.notes), "not_applicable"
        )
    points, lost = share_of(ctx.max_points, timeliness.judged, timeliness.failed)
    return Outcome(points, (*timeliness.notes, *lost))


# ---------------------------------------------------------------- the reply's form

ELEMENTS = {
    "reasons": Term("说明不予公开的理由", "reasons for a refusal or partial grant"),
    "agency": Term("告知主管机关", "the competent agency named"),
    "correction_notice": Term("7个工作日内一次性告知补正", "a notice to correct in time"),
    "legal_basis": Term("引用法律依据", "the legal basis cited"),
    "remedy": Term("告知复议、诉讼途径及期限", "the remedies and their time limits stated"),
    "notice": Term("出具书面告知书", "a written notice"),
}
_ELEMENT = record_schema(
    {
        "weight": POSITIVE,
        "source": {
            "type": "string",
            "description": "where the requirement comes from; empty: listed, no deduction",
        },
    },
    ["weight", "source"],
)
FORM_DEFAULTS: dict[str, Any] = {
    "elements": {
        "reasons": {"weight": 1, "source": "条例（2008）第21条第2项；条例（2019）第36条"},
        "agency": {"weight": 1, "source": "条例（2008）第21条第3项；条例（2019）第36条"},
        "correction_notice": {"weight": 1, "source": "条例（2019）第30条"},
        "legal_basis": {"weight": 1, "source": ""},
        "remedy": {"weight": 1, "source": ""},
        "notice": {"weight": 1, "source": ""},
    },
    "correction_notice_within": REQUEST_DEFAULTS["correction_notice_within"],
    "ogi_2019_from": REQUEST_DEFAULTS["ogi_2019_from"],
}
FORM_PARAMS = params(
    {
        "elements": record_schema(dict.fromkeys(ELEMENTS, _ELEMENT), []),
        "correction_notice_within": REQUEST_PARAMS["properties"]["correction_notice_within"],
        "ogi_2019_from": REQUEST_PARAMS["properties"]["ogi_2019_from"],
    },
    FORM_DEFAULTS,
)
FORM_CODES = (
    _NONE,
    _NONE_SENT,
    "test_requests.form_missing",
    "test_requests.form_unsourced",
    "test_requests.no_reply_to_read",
)
_ADVERSE = frozenset({"refused", "partly_granted"})


def _under_2019(received: dt.date, clock: RequestClock) -> bool:
    return clock.law_in_force(received).name == "ogi-2019"


def _elements_of(row: Row, received: dt.date | None, clock: RequestClock) -> dict[str, bool]:
    """The reply's elements that apply to it, each with whether the reply has it."""
    found: dict[str, bool] = {}
    outcome = row.get("outcome")
    if outcome in _ADVERSE and row.get("reasons") in ("yes", "no"):
        found["reasons"] = row["reasons"] == "yes"
    if outcome == "unable" and row.get("agency_named") in ("yes", "no"):
        found["agency"] = row["agency_named"] == "yes"
    notified = row.get("correction_notified_on")
    # art. 30 is the 2019 regulation's: a request received before it owes no such notice
    if notified is not None and received is not None and _under_2019(received, clock):
        found["correction_notice"] = notified <= clock.correction_notice_due(received)
    for name, key in (("legal_basis", "legal_basis"), ("notice", "notice")):
        if row.get(key) is not None:
            found[name] = bool(row[key])
    if outcome not in (None, "granted") and row.get("remedy") is not None:
        found["remedy"] = bool(row["remedy"])
    return found


@scorer("responsiveness.test_reply_form", records="columns", params=FORM_PARAMS, codes=FORM_CODES)
def test_reply_form(ctx: ScoringContext) -> Outcome:
    """Share of the elements a reply owes (each a param with its source) that the evaluator's
    test requests' replies have; an element without a source is listed, at no cost."""
    rows = _rows(ctx)
    if isinstance(rows, Outcome):
        return rows
    elements = ctx.params["elements"]
    settings = {**REQUEST_DEFAULTS, **ctx.params}
    clock = _clock(ctx, {key: settings[key] for key in REQUEST_DEFAULTS})
    owed, missing, unsourced = Fraction(0), [], []
    for row in accepted_rows(rows):
        if row.get("replied_on") is None:
            continue
        for name, present in _elements_of(row, received_day(row), clock).items():
            element = elements.get(name)
            if element is None:
                continue
            weight = exact_number(element["weight"])
            if not element["source"]:
                if not present:
                    unsourced.append((row["id"], name))
                continue
            owed += weight
            if not present:
                missing.append((row["id"], name, weight, element["source"]))
    notes = [_unsourced(row_id, name) for row_id, name in unsourced]
    if not owed:
        return Outcome(0, (Finding("test_requests.no_reply_to_read"), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    lost = [
        _missing(row_id, name, whole * weight / owed, source)
        for row_id, name, weight, source in missing
    ]
    points = whole * (owed - sum((m[2] for m in missing), Fraction(0))) / owed
    return Outcome(points, (*notes, *lost))


def _missing(row_id: str, name: str, deduction: Fraction, source: str) -> Finding:
    element = ELEMENTS[name]
    params = {"id": row_id, "element": name, "element_zh": element.zh, "element_en": element.en}
    return Finding(
        "test_requests.form_missing",
        records=(row_id,),
        deduction=float(deduction),
        params={**params, "source": source},
    )


def _unsourced(row_id: str, name: str) -> Finding:
    element = ELEMENTS[name]
    params = {"id": row_id, "element": name, "element_zh": element.zh, "element_en": element.en}
    return Finding("test_requests.form_unsourced", records=(row_id,), params=params)


# ---------------------------------------------------------------- the outcome defensible

OUTCOME_CODES = (
    _NONE,
    _NONE_SENT,
    "test_requests.outcome_indefensible",
    "test_requests.none_judged",
)


@scorer("responsiveness.test_outcomes", records="columns", codes=OUTCOME_CODES)
def test_outcomes(ctx: ScoringContext) -> Outcome:
    """Share of the test requests' replies whose outcome the evaluator judged defensible."""
    rows = _rows(ctx)
    if isinstance(rows, Outcome):
        return rows
    judged = [
        row
        for row in accepted_rows(rows)
        if row.get("replied_on") is not None and row.get("outcome_defensible") is not None
    ]
    if not judged:
        return Outcome(0, (Finding("test_requests.none_judged"),), "not_applicable")
    failed = [
        (
            row["id"],
            "test_requests.outcome_indefensible",
            {"id": row["id"], "outcome": row.get("outcome") or "-"},
        )
        for row in judged
        if not row["outcome_defensible"]
    ]
    points, lost = share_of(ctx.max_points, len(judged), failed)
    return Outcome(points, tuple(lost))


# ---------------------------------------------------------------- the unit's own log

LOG_DEFAULTS: dict[str, Any] = {
    **REQUEST_DEFAULTS,
    "unlogged_cost": 5,
    "dates_cost": 2,
    "in_time_gap": 0.2,
}
LOG_PARAMS = params(
    {
        **REQUEST_PARAMS["properties"],
        "unlogged_cost": {
            **POSITIVE,
            "description": "points a test request missing from the unit's log costs",
        },
        "dates_cost": {
            **POSITIVE,
            "description": "points a test request the log gives other dates costs",
        },
        "in_time_gap": {
            **FRACTION,
            "description": "a difference between the log's in-time share and the test "
            "requests' above this is listed for audit",
        },
    },
    LOG_DEFAULTS,
)
LOG_CODES = (
    _NONE,
    _NONE_SENT,
    "integrity.test_request_unlogged",
    "integrity.test_request_dates",
    "audit.test_request_candidates",
    "audit.test_request_in_time_gap",
)


@scorer(
    "responsiveness.test_log",
    records="columns",
    params=LOG_PARAMS,
    check=check_regimes,
    codes=LOG_CODES,
)
def test_log(ctx: ScoringContext) -> Outcome:
    """Whether the unit's own request log holds the evaluator's test requests, with their dates:
    the cross-check that makes the log trustworthy."""
    rows = _rows(ctx)
    if isinstance(rows, Outcome):
        return rows
    section = ctx.submission.get("responsiveness") or {}
    log: Sequence[Row] = section.get("requests") or ()
    findings: list[Finding] = []
    for match in log_matches(rows, log):
        findings.extend(_match_findings(match, ctx.params))
    gap = _in_time_gap(rows, log, _clock(ctx), ctx.params["in_time_gap"])
    if gap is not None:
        findings.append(gap)
    lost = sum((exact_number(f.deduction or 0) for f in findings), Fraction(0))
    return Outcome(max(Fraction(0), exact_number(ctx.max_points) - lost), tuple(findings))


def _match_findings(match: Match, settings: Mapping[str, Any]) -> list[Finding]:
    """What one test request's candidates in the log come to."""
    row = match.row
    base = {"id": row["id"], "unit_ref": row.get("unit_ref") or "-", "by": match.by}
    if not match.candidates:
        params = {
            **base,
            "channel": row["channel"],
            "channel_zh": CHANNELS[row["channel"]],
            "received": match.received or "-",
        }
        return [
            Finding(
                "integrity.test_request_unlogged",
                records=(row["id"],),
                deduction=float(settings["unlogged_cost"]),
                params=params,
            )
        ]
    if len(match.candidates) > 1:
        ids = [str(entry["id"]) for entry in match.candidates]
        params = {**base, "candidates": ids, "count": len(ids)}
        return [Finding("audit.test_request_candidates", records=(row["id"], *ids), params=params)]
    differences = date_differences(match)
    if not differences:
        return []
    logged = str(match.candidates[0]["id"])
    shown = [f"{name}: {ours} / {theirs or '-'}" for name, (ours, theirs) in differences.items()]
    params = {**base, "log_id": logged, "differences": shown}
    return [
        Finding(
            "integrity.test_request_dates",
            records=(row["id"], logged),
            deduction=float(settings["dates_cost"]),
            params=params,
        )
    ]


def _in_time_gap(
    rows: Sequence[Row], log: Sequence[Row], clock: RequestClock, limit: float
) -> Finding | None:
    """An audit finding when the log's in-time share and the test requests' differ by more
    than ``limit`` (both judged by the same clock); ``None`` otherwise."""
    tests = judge_test_requests(rows, clock)
    if not tests.judged or not log:
        return None
    ids = [str(entry["id"]) for entry in log]
    verdicts, _ = clock.judge_all(log, ids)
    judged = [v for v in verdicts if v.kind in ("on_time", "late")]
    if not judged:
        return None
    log_share = Fraction(sum(v.kind == "on_time" for v in judged), len(judged))
    test_share = Fraction(tests.judged - len(tests.failed), tests.judged)
    if abs(log_share - test_share) <= exact_number(limit):
        return None
    params = {
        "log_share": float(log_share),
        "test_share": float(test_share),
        "log_judged": len(judged),
        "test_judged": tests.judged,
        "limit": limit,
    }
    return Finding("audit.test_request_in_time_gap", params=params)


SCORERS = (test_channels, test_in_time, test_reply_form, test_outcomes, test_log)

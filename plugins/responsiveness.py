"""Responsiveness (回应关切): public-opinion incidents, information requests, hotline, appeals.

Every limit and goalpost is a param whose default follows national rules
(国办发〔2016〕80号 and 61号 for incidents, the 2008 and 2019 OGI regulations
for requests, GB/T 33358-2016 for the hotline connection rate).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Mapping, Sequence
from typing import Any

from evaluator import (
    Finding,
    Outcome,
    Scheme,
    Scorer,
    ScoringContext,
    Section,
    hookimpl,
    scorer,
)
from evaluator.rules import (
    ELAPSED_TIME,
    WORKING_DAYS,
    DeadlineStatus,
    ScreeningMessages,
    check_deadline,
    deadline_status,
    goalpost,
    screen_records,
)
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    DATETIME,
    ENUM_TITLES,
    FRACTION,
    ID,
    POSITIVE,
    POSITIVE_COUNT,
    array_of,
    described,
    params,
    record_schema,
)
from evaluator.working_days import working_days_after

Record = Mapping[str, Any]

SECTION = "responsiveness"
# Submission times without an offset are Beijing time; calendar dates are judged there too.
BEIJING = dt.timezone(dt.timedelta(hours=8))

# ---------------------------------------------------------------- section schema

_INCIDENT = record_schema(
    {
        "id": described({**ID, "title": "舆情编号"}, "舆情编号 / incident id"),
        "level": described(
            {
                "type": "string",
                "enum": ["major", "general"],
                "title": "级别",
                ENUM_TITLES: {"major": "重大", "general": "一般"},
            },
            "级别 / level: major | general",
        ),
        "emerged_at": described(
            {**DATETIME, "title": "发生时间"}, "舆情发生时间 / when the incident emerged"
        ),
        "first_response_at": described(
            {**DATETIME, "title": "首次回应时间"}, "首次权威回应时间 / first authoritative response"
        ),
        "press_conference_at": described(
            {**DATETIME, "title": "发布会时间"}, "新闻发布会时间 / press conference"
        ),
    },
    ["id", "level", "emerged_at"],
    "政务舆情 / public-opinion incident",
)

_REQUEST = record_schema(
    {
        "id": described({**ID, "title": "申请编号"}, "申请编号 / request id"),
        "received_on": described({**DATE, "title": "收到日期"}, "收到申请日期 / date received"),
        "replied_on": described(
            {**DATE, "title": "答复日期"}, "答复日期（空=未答复） / date replied, absent = open"
        ),
        "extended": described({**BOOLEAN, "title": "是否延期"}, "是否依法延期 / deadline extended"),
        "outcome": described(
            {
                "title": "处理结果",
                "type": "string",
                "enum": [
                    "granted",
                    "partly_granted",
                    "refused",
                    "unable",
                    "not_processed",
                    "other",
                ],
                ENUM_TITLES: {
                    "granted": "予以公开",
                    "partly_granted": "部分公开",
                    "refused": "不予公开",
                    "unable": "无法提供",
                    "not_processed": "不予处理",
                    "other": "其他处理",
                },
            },
            "处理结果 / outcome",
        ),
    },
    ["id", "received_on"],
    "依申请公开 / information request",
)

_HOTLINE = record_schema(
    {
        "calls": described(COUNT, "来电总量 / calls"),
        "connected": described(COUNT, "接通量 / calls connected"),
        "responded": described(COUNT, "响应量 / calls responded to"),
        "resolved": described(COUNT, "解决量 / cases resolved"),
        "surveyed": described(COUNT, "回访量 / callers surveyed"),
        "satisfied": described(COUNT, "满意量 / callers satisfied"),
    },
    [],
    "热线办理统计 / hotline figures",
)


def _appeal_kind(description: str) -> dict[str, Any]:
    return record_schema(
        {
            "upheld": described(COUNT, "维持 / upheld"),
            "corrected": described(COUNT, "纠错 / corrected"),
            "other": described(COUNT, "其他结果 / other outcome"),
            "pending": described(COUNT, "尚未审结 / pending"),
        },
        [],
        description,
    )


SCHEMA: dict[str, Any] = record_schema(
    {
        "incidents": {**array_of(_INCIDENT, "政务舆情 / incidents"), "title": "政务舆情"},
        "requests": {**array_of(_REQUEST, "依申请公开 / requests"), "title": "依申请公开"},
        "hotline": _HOTLINE,
        "appeals": record_schema(
            {
                "reconsideration": _appeal_kind("行政复议 / administrative reconsideration"),
                "litigation": _appeal_kind("行政诉讼 / administrative litigation"),
            },
            [],
            "信息公开复议诉讼 / appeals about disclosure replies",
        ),
    },
    [],
    "回应关切 / responsiveness",
)

# ---------------------------------------------------------------- params (defaults live only here)

INCIDENT_DEFAULTS: dict[str, Any] = {
    "major": {"first_response_hours": 5, "press_conference_hours": 24},
    "general": {"first_response_hours": 48},
}
REQUEST_DEFAULTS: dict[str, Any] = {
    "regimes": {
        "ogi-2008": {"limit": 15, "extension": 15},
        "ogi-2019": {"limit": 20, "extension": 20},
    },
    "ogi_2019_from": "2019-05-15",
}
RATE_WEIGHT_DEFAULT = 1
HOTLINE_DEFAULTS: dict[str, Any] = {
    "rates": {
        "connection": {"full_at": 0.95, "zero_at": 0.70, "weight": RATE_WEIGHT_DEFAULT},
        "response": {"full_at": 0.95, "zero_at": 0.70, "weight": RATE_WEIGHT_DEFAULT},
        "resolution": {"full_at": 0.90, "zero_at": 0.60, "weight": RATE_WEIGHT_DEFAULT},
        "satisfaction": {"full_at": 0.90, "zero_at": 0.60, "weight": RATE_WEIGHT_DEFAULT},
    }
}
APPEAL_DEFAULTS: dict[str, Any] = {"full_at": 0.0, "zero_at": 0.2}

INCIDENT_PARAMS = params(
    {
        "major": record_schema(
            {"first_response_hours": POSITIVE, "press_conference_hours": POSITIVE},
            ["first_response_hours", "press_conference_hours"],
        ),
        "general": record_schema({"first_response_hours": POSITIVE}, ["first_response_hours"]),
    },
    INCIDENT_DEFAULTS,
)
REQUEST_PARAMS = params(
    {
        "regimes": {
            "type": "object",
            "additionalProperties": record_schema(
                {"limit": POSITIVE_COUNT, "extension": COUNT}, ["limit", "extension"]
            ),
        },
        "ogi_2019_from": DATE,
    },
    REQUEST_DEFAULTS,
)
_GOALPOSTS = record_schema(
    {
        "full_at": FRACTION,
        "zero_at": FRACTION,
        "weight": {**POSITIVE, "default": RATE_WEIGHT_DEFAULT},
    },
    ["full_at", "zero_at"],
)
# Each rate: (numerator, denominator, Chinese name).
RATES: dict[str, tuple[str, str, str]] = {
    "connection": ("connected", "calls", "接通率"),
    "response": ("responded", "connected", "响应率"),
    "resolution": ("resolved", "responded", "解决率"),
    "satisfaction": ("satisfied", "surveyed", "满意率"),
}
HOTLINE_PARAMS = params(
    {"rates": {**record_schema(dict.fromkeys(RATES, _GOALPOSTS), []), "minProperties": 1}},
    HOTLINE_DEFAULTS,
)
APPEAL_PARAMS = params({"full_at": FRACTION, "zero_at": FRACTION}, APPEAL_DEFAULTS)


def check_regimes(settings: Mapping[str, Any], scheme: Scheme) -> list[str]:
    """The scheme's regime (both, under ``auto``) must have its limits in ``regimes``."""
    needed = ["ogi-2008", "ogi-2019"] if scheme.regime == "auto" else [scheme.regime]
    return [
        f"regimes: no limits for {name!r}, the scheme's regime"
        for name in needed
        if name not in settings["regimes"]
    ]


def check_goalposts(settings: Mapping[str, Any], scheme: Scheme) -> list[str]:
    """Full marks and zero must sit at different values, or no rate can be placed between."""
    # hotline: a pair per rate; appeals: one pair
    rates = settings.get("rates", {})
    posts = {f"rates.{name}: ": post for name, post in rates.items()} or {"": settings}
    return [
        f"{where}full_at and zero_at are both {post['full_at']}"
        for where, post in posts.items()
        if post["full_at"] == post["zero_at"]
    ]


# ---------------------------------------------------------------- shared screening


def _local_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(BEIJING).date()
    return value


def _screen(
    records: Sequence[Record],
    key: str,
    label: str,
    what: str,
    ctx: ScoringContext,
    *,
    moment: bool = False,
) -> tuple[list[Record], list[Finding]]:
    """The records to judge: first of each id, key date in the assessed year and not after as_of.

    ``moment``: the key is a ``datetime``, judged on its Beijing calendar day.
    A date key is read as it is (a C-level getter: this runs once per record).
    """
    key_date = (lambda r: _local_date(r[key])) if moment else operator.itemgetter(key)
    return screen_records(
        records,
        record_id=lambda r: str(r["id"]),
        key_date=key_date,
        year=ctx.year,
        snapshot=ctx.as_of,
        describe=ScreeningMessages(
            duplicate=lambda rid: f"{what} {rid} 重复出现，只计第一条",
            after_snapshot=lambda rid, day: (
                f"{what} {rid} 的{label}{day}晚于检查日{ctx.as_of}，不予计入"
            ),
            outside_year=lambda rid, day: (
                f"{what} {rid} 的{label}{day}不在评估年度{ctx.year}内，不予计入"
            ),
        ),
    )


def _failures(
    failed: Sequence[tuple[str, str, str]], judged: int, max_points: float
) -> list[Finding]:
    """Findings for failed records, each costing its equal share of the points."""
    share = max_points / judged
    return [Finding(code, message, (rid,), share) for rid, code, message in failed]


def _not_applicable(reason: str, findings: Sequence[Finding]) -> Outcome:
    """Not applicable, keeping the integrity findings that excluded the records."""
    return Outcome(0.0, (Finding("not_applicable", reason), *findings), "not_applicable")


def _no_data(code: str, what: str) -> Outcome:
    return Outcome(0.0, (Finding(f"{code}.no_data", f"未提交{what}数据"),))


# ---------------------------------------------------------------- incidents


def _duration(delta: dt.timedelta) -> str:
    # Rounded up to the minute so that 5h00m30s never reads as within 5 hours.
    minutes = math.ceil(delta.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours}小时{rest}分钟" if rest else f"{hours}小时"


@scorer("responsiveness.incidents", section=SECTION, params=INCIDENT_PARAMS)
def incidents(ctx: ScoringContext) -> Outcome:
    """Share of public-opinion incidents answered (and briefed, if major) within their limits."""
    records = ctx.data.get("incidents") or []
    if not records:
        return Outcome.not_applicable("本年度无政务舆情")
    kept, findings = _screen(records, "emerged_at", "发生时间", "舆情", ctx, moment=True)
    # An unanswered incident is still open, not late, until its limit passes the snapshot day.
    snapshot_end = dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time(), BEIJING)
    failed: list[tuple[str, str, str]] = []
    judged = 0
    for record in kept:
        rid, level, start = str(record["id"]), record["level"], record["emerged_at"]
        name = f"舆情 {rid}（{'重大' if level == 'major' else '一般'}）"
        limits = ctx.params[level]
        steps = [("first_response_at", limits["first_response_hours"], "首次回应")]
        if level == "major":
            steps.append(("press_conference_at", limits["press_conference_hours"], "新闻发布会"))
        problems: list[str] = []
        code = "incidents.late"
        pending = False
        for field, hours, label in steps:
            done = record.get(field)
            if done is not None and _local_date(done) > ctx.as_of:
                message = f"{name} 的{label}时间晚于检查日{ctx.as_of}，视为未完成"
                findings.append(Finding("integrity.after_snapshot", message, (rid,)))
                done = None
            allowance = dt.timedelta(hours=hours)
            check = check_deadline(start, done, allowance, clock=ELAPSED_TIME, now=snapshot_end)
            if check.status is DeadlineStatus.NOT_DUE:
                pending = True
            elif check.status is DeadlineStatus.OVERDUE:
                problems.append(f"未见{label}（时限{hours:g}小时）")
            elif check.status is DeadlineStatus.DONE_BEFORE_START:
                code = "integrity.response_before_emergence"
                problems.append(f"{label}时间早于舆情发生时间，不予认可")
            elif check.status is DeadlineStatus.LATE:
                problems.append(f"{label}用时{_duration(check.used)}，超过{hours:g}小时时限")
        if problems:
            failed.append((rid, code, name + "；".join(problems)))
        if problems or not pending:
            judged += 1
    if not judged:
        return _not_applicable("没有可评判的政务舆情", findings)
    on_time = judged - len(failed)
    return Outcome(
        ctx.max_points * on_time / judged, (*findings, *_failures(failed, judged, ctx.max_points))
    )


# ---------------------------------------------------------------- requests


def _as_date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@scorer("responsiveness.requests", section=SECTION, params=REQUEST_PARAMS, check=check_regimes)
def requests(ctx: ScoringContext) -> Outcome:
    """Share of information requests answered within the statutory working-day limit."""
    if "requests" not in ctx.data:
        return _no_data("requests", "依申请公开")
    records = ctx.data["requests"]
    if not records:
        return Outcome.not_applicable("本年度未收到依申请公开")
    regimes: Mapping[str, Mapping[str, int]] = ctx.params["regimes"]
    switch = _as_date(ctx.params["ogi_2019_from"])
    auto = ctx.regime == "auto"
    as_of = ctx.as_of
    kept, findings = _screen(records, "received_on", "收到日期", "依申请公开", ctx)
    failed: list[tuple[str, str, str]] = []
    # Requests whose limit the unit's own `extended` flag lengthened: listed at no
    # cost, so that an evaluator can check each extension was lawfully made.
    extended: list[str] = []
    judged = 0
    # This loop runs once per request (hundreds of thousands in a city): the
    # on-time request, the common case, costs one working-day count; messages
    # are worded only for the requests that fail.
    for record in kept:
        received = record["received_on"]
        regime = ("ogi-2019" if received >= switch else "ogi-2008") if auto else ctx.regime
        rule = regimes.get(regime)
        if rule is None:
            known = ", ".join(sorted(regimes))
            raise ValueError(f"params.regimes has no regime {regime!r} (known: {known})")
        limit = rule["limit"]
        if record.get("extended") and rule["extension"] > 0:
            limit += rule["extension"]
            extended.append(str(record["id"]))
        replied = record.get("replied_on")
        if replied is not None and replied > as_of:
            rid = str(record["id"])
            message = f"依申请公开 {rid} 的答复日期{replied}晚于检查日{as_of}，视为未答复"
            findings.append(Finding("integrity.after_snapshot", message, (rid,)))
            replied = None
        status = deadline_status(received, replied, limit, clock=WORKING_DAYS, now=as_of)
        if status is DeadlineStatus.NOT_DUE:
            continue  # still within its limit: not judged yet
        judged += 1
        if status is DeadlineStatus.ON_TIME:
            continue
        rid = str(record["id"])
        name = f"依申请公开 {rid}"
        if status is DeadlineStatus.DONE_BEFORE_START:
            message = f"{name} 答复日期{replied}早于收到日期{received}，不予认可"
            failed.append((rid, "integrity.reply_before_request", message))
        elif replied is None:  # overdue: working days counted up to the snapshot
            used = working_days_after(received, as_of)
            message = f"{name} 截至{as_of}（第{used}个工作日）未答复，超过法定期限{limit}个工作日"
            failed.append((rid, "requests.late", message))
        else:  # late
            used = working_days_after(received, replied)
            message = f"{name} 于第{used}个工作日答复，超过法定期限{limit}个工作日"
            failed.append((rid, "requests.late", message))
    if extended:
        message = f"单位自报依法延期、按延长期限评判的依申请公开{len(extended)}件，请核查所列编号"
        findings.append(Finding("requests.extended", message, tuple(extended)))
    if not judged:
        return _not_applicable("没有已到期可评判的依申请公开", findings)
    on_time = judged - len(failed)
    return Outcome(
        ctx.max_points * on_time / judged, (*findings, *_failures(failed, judged, ctx.max_points))
    )


# ---------------------------------------------------------------- hotline


@scorer("responsiveness.hotline", section=SECTION, params=HOTLINE_PARAMS, check=check_goalposts)
def hotline(ctx: ScoringContext) -> Outcome:
    """Hotline connection, response, resolution and satisfaction rates against their goalposts."""
    figures: Mapping[str, int] | None = ctx.data.get("hotline")
    if figures is None:
        return _no_data("hotline", "热线")
    if figures.get("calls") == 0:
        return Outcome.not_applicable("本年度热线无来电")
    rates: Mapping[str, Mapping[str, float]] = ctx.params["rates"]
    total_weight = sum(r["weight"] for r in rates.values())
    findings: list[Finding] = []
    earned = 0.0
    for rate, posts in rates.items():
        part, whole, label = RATES[rate]
        share = ctx.max_points * posts["weight"] / total_weight
        records = (f"hotline.{part}", f"hotline.{whole}")
        numerator, denominator = figures.get(part), figures.get(whole)
        if numerator is None or denominator is None:
            message = f"未提交热线{label}所需数据（{part}、{whole}），该项不得分"
            findings.append(Finding("hotline.no_data", message, records, share))
            continue
        if numerator > denominator:
            message = f"热线{part} {numerator} 大于 {whole} {denominator}，{label}不得分"
            findings.append(Finding("integrity.part_exceeds_total", message, records, share))
            continue
        if denominator == 0:
            message = f"热线{whole}为0，{label}无法计算，该项不得分"
            findings.append(Finding("hotline.no_base", message, records, share))
            continue
        value = numerator / denominator
        fraction = goalpost(value, full_at=posts["full_at"], zero_at=posts["zero_at"])
        earned += share * fraction
        if fraction < 1:
            message = (
                f"热线{label} {value:.1%}（{numerator}/{denominator}），"
                f"满分线{posts['full_at']:.1%}，零分线{posts['zero_at']:.1%}"
            )
            findings.append(Finding("hotline.below_full", message, records, share * (1 - fraction)))
    return Outcome(earned, tuple(findings))


# ---------------------------------------------------------------- appeals


@scorer("responsiveness.appeals", section=SECTION, params=APPEAL_PARAMS, check=check_goalposts)
def appeals(ctx: ScoringContext) -> Outcome:
    """Share of decided reconsideration and litigation cases that corrected the unit."""
    cases: Mapping[str, Mapping[str, int]] | None = ctx.data.get("appeals")
    if cases is None:
        return _no_data("appeals", "复议诉讼")
    kinds = [cases.get("reconsideration", {}), cases.get("litigation", {})]
    corrected = sum(k.get("corrected", 0) for k in kinds)
    # Pending cases have no outcome yet, so they are outside the share.
    decided = sum(k.get(o, 0) for k in kinds for o in ("upheld", "corrected", "other"))
    if not decided:
        return Outcome.not_applicable("本年度无已审结的复议诉讼案件")
    full_at = ctx.params["full_at"]
    zero_at = ctx.params["zero_at"]
    share = corrected / decided
    points = ctx.max_points * goalpost(share, full_at=full_at, zero_at=zero_at)
    findings: tuple[Finding, ...] = ()
    if points < ctx.max_points:
        message = (
            f"复议诉讼已审结{decided}件，被纠错{corrected}件，纠错率{share:.1%}"
            f"（满分线{full_at:.1%}，零分线{zero_at:.1%}）"
        )
        records = ("appeals.reconsideration", "appeals.litigation")
        findings = (Finding("appeals.corrected", message, records, ctx.max_points - points),)
    return Outcome(points, findings)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="回应关切")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [incidents, requests, hotline, appeals]

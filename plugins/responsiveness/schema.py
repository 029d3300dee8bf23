"""The responsiveness section's schema, its scorers' params (defaults live only here) and checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator import ParamsCheck, Problem
from evaluator.rules import Term
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
    params,
    record_schema,
)

from .._disclosure.labels import field
from .._disclosure.reported import PARAM_SCHEMA as EMPTY_PARAM

SECTION = "responsiveness"

# ---------------------------------------------------------------- section schema

_INCIDENT = record_schema(
    {
        "id": field(ID, "舆情编号", "舆情编号 / incident id"),
        "level": field(
            {
                "type": "string",
                "enum": ["major", "general"],
                ENUM_TITLES: {"major": "重大", "general": "一般"},
            },
            "级别",
            "级别：major 重大 | general 一般 / level",
        ),
        "emerged_at": field(DATETIME, "发生时间", "舆情发生时间 / when the incident emerged"),
        "first_response_at": field(
            DATETIME, "首次回应时间", "首次权威回应时间 / first authoritative response"
        ),
        "press_conference_at": field(DATETIME, "发布会时间", "新闻发布会时间 / press conference"),
    },
    ["id", "level", "emerged_at"],
    "政务舆情 / public-opinion incident",
)

OUTCOMES = {
    "granted": "予以公开",
    "partly_granted": "部分公开",
    "refused": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
"""A request's outcomes and their Chinese names, in the unit's log and the test requests."""
CHANNELS = {"online": "网上平台", "letter": "信函", "email": "电子邮件", "in_person": "当面"}
"""The channels a request comes by, in the unit's log and the evaluator's test requests alike
(a test request is matched to the log by its channel)."""

_REQUEST = record_schema(
    {
        "id": field(ID, "申请编号", "申请编号 / request id"),
        "received_on": field(DATE, "收到日期", "收到申请日期 / date received"),
        "replied_on": field(
            DATE, "答复日期", "答复日期（空=未答复） / date replied, absent = still open"
        ),
        "extended": field(BOOLEAN, "是否延期", "是否依法延期 / deadline extended"),
        "outcome": field(
            {"type": "string", "enum": list(OUTCOMES), ENUM_TITLES: OUTCOMES},
            "处理结果",
            "处理结果 / outcome",
        ),
        "extension_notified_on": field(
            DATE,
            "延期告知日期",
            "告知申请人延期的日期，须不晚于原答复期限 / date the applicant was told of the "
            "extension; it must be by the original deadline",
        ),
        "corrected_on": field(
            DATE,
            "补正日期",
            "收到申请人补正后申请的日期；2019年条例下补正告知及时的，期限自该日起算 / date the "
            "corrected application was received; under the 2019 regulation the time limit runs "
            "from it when the applicant was told in time",
        ),
        "correction_notified_on": field(
            DATE,
            "补正告知日期",
            "一次性告知申请人补正的日期，须在收到申请后7个工作日内（2019年条例第三十条） / date "
            "the applicant was told, once, what to correct; due within 7 working days of receipt "
            "(2019 art. 30)",
        ),
        "corrections": field(
            POSITIVE_COUNT,
            "补正次数",
            "告知申请人补正的次数（缺省为1）；多于1次即未一次性告知，补正不重新起算期限 / "
            "how many times the applicant was asked to correct (absent = 1); more than one "
            "means the notice was not the one-time notice art. 30 requires, and no correction "
            "restarts the clock",
        ),
        "consultation_from": field(
            DATE,
            "征求意见开始日期",
            "发出征求第三方（或其他机关）意见的日期 / date a third party (or another agency) "
            "was consulted",
        ),
        "consultation_to": field(
            DATE,
            "征求意见结束日期",
            "收到意见（或答复期届满）的日期；其间的工作日不计入答复期限 / date the opinion "
            "came back; the working days between are not counted",
        ),
        "consulted_agency": field(
            BOOLEAN,
            "征求其他机关意见",
            "所征求的是其他机关而非第三方（缺省为否；2019年条例起方可扣除） / the "
            "consultation was of another agency, not a third party (absent = false; pauses "
            "the clock only under the 2019 regulation)",
        ),
        "channel": field(
            {"type": "string", "enum": list(CHANNELS), ENUM_TITLES: CHANNELS},
            "申请渠道",
            "申请渠道（评估方据此核对验证性申请） / channel the request came by (the "
            "evaluator matches its test requests by it)",
        ),
    },
    ["id", "received_on"],
    "依申请公开 / information request",
)

_HOTLINE = record_schema(
    {
        "calls": field(COUNT, "来电量", "热线来电总量（话务中心） / calls to the call centre"),
        "connected": field(COUNT, "接通量", "接通量（话务中心） / calls connected"),
        "dispatched": field(
            COUNT, "派单量", "派给本单位的工单量 / tickets the hotline dispatched to the unit"
        ),
        "responded": field(COUNT, "响应量", "已响应的工单量 / tickets responded to"),
        "completed": field(
            COUNT,
            "办结量",
            "已办结（答复并结案）的工单量 / tickets completed (answered and closed)",
        ),
        "resolved": field(COUNT, "解决量", "单位报告已解决的工单量 / tickets the unit resolved"),
        "surveyed": field(COUNT, "回访量", "回访并作出评价的工单量 / tickets rated on callback"),
        "callback_resolved": field(
            COUNT,
            "回访解决量",
            "回访中诉求人评价为已解决的工单量 / tickets the caller judged resolved on callback",
        ),
        "satisfied": field(COUNT, "满意量", "满意量 / callers satisfied"),
    },
    [],
    "热线办理统计 / hotline figures",
)


def _appeal_kind(title: str, description: str) -> dict[str, Any]:
    return {
        **record_schema(
            {
                "upheld": field(COUNT, "维持", "维持 / upheld"),
                "corrected": field(COUNT, "纠错", "纠错 / corrected"),
                "other": field(COUNT, "其他结果", "其他结果 / other outcome"),
                "pending": field(COUNT, "尚未审结", "尚未审结 / pending"),
            },
            [],
            description,
        ),
        "title": title,
    }


SCHEMA: dict[str, Any] = record_schema(
    {
        "incidents": {**array_of(_INCIDENT, "政务舆情 / incidents"), "title": "政务舆情"},
        "requests": {**array_of(_REQUEST, "依申请公开 / requests"), "title": "依申请公开"},
        "hotline": {**_HOTLINE, "title": "热线"},
        "appeals": {
            **record_schema(
                {
                    "reconsideration": _appeal_kind(
                        "行政复议", "行政复议 / administrative reconsideration"
                    ),
                    "litigation": _appeal_kind("行政诉讼", "行政诉讼 / administrative litigation"),
                },
                [],
                "信息公开复议诉讼 / appeals about disclosure replies",
            ),
            "title": "复议诉讼",
        },
    },
    [],
    "回应关切 / responsiveness",
)

# ---------------------------------------------------------------- params (defaults live only here)

INCIDENT_DEFAULTS: dict[str, Any] = {
    # The national limits, each from the day its document was published (docs/integrity.md):
    # 国办发〔2016〕61号 (published 2016-08-12): a press conference on a major incident within
    # 24 hours, a response to others within 48; 国办发〔2016〕80号 (成文 2016-11-10; published
    # 2016-11-15, a date not verified here) added authoritative information within 5 hours.
    "limits": [
        {
            "from": "2016-08-12",
            "source": "国办发〔2016〕61号",
            "major": {"press_conference_hours": 24},
            "general": {"first_response_hours": 48},
        },
        {
            "from": "2016-11-15",
            "source": "国办发〔2016〕61号、80号",
            "major": {"first_response_hours": 5, "press_conference_hours": 24},
            "general": {"first_response_hours": 48},
        },
    ],
}
REQUEST_DEFAULTS: dict[str, Any] = {
    # An empty request log where the unit's annual report counts requests received (the
    # 2016 Beijing table's received.total, the 2019 and 2021 formats' new.total) is flagged
    # at no cost: the report covers the year before the assessed one.
    "empty_but_reported": {
        "figures": ["requests.received.total", "requests.new.total"],
        "cost": "none",
    },
    "regimes": {
        "ogi-2008": {"limit": 15, "extension": 15, "pause_for_agencies": False},
        "ogi-2019": {"limit": 20, "extension": 20, "pause_for_agencies": True},
    },
    "ogi_2019_from": "2019-05-15",
    # An extension counts only when the applicant was told (2008 art. 24(2), 2019 art. 33(2)).
    "credit_unproven_extensions": False,
    # A third party has 15 working days to answer (2019 art. 32); the 2008 regulation names
    # no period, and the same cap for its requests is a reading, stated in the criteria.
    "third_party_pause_max": 15,
    # Other agencies (2019 art. 33(3)) have no statutory period: no cap, listed past 15.
    "agency_pause_max": None,
    "agency_pause_audit_after": 15,
    # The one-time notice to correct is due within 7 working days of receipt (2019 art. 30).
    "correction_notice_within": 7,
    "late_correction_notice": "no_restart",
    # A request received before the 2019 regulation keeps the law of its day of receipt.
    "open_at_switch": "law_at_receipt",
}
RATE_WEIGHT_DEFAULT = 1
# The engine's own default set when a scheme names none (no national rule weighs a unit's
# hotline rates): the shipped criteria name theirs, each with its source.
HOTLINE_DEFAULTS: dict[str, Any] = {
    "rates": {
        "response": {"full_at": 0.95, "zero_at": 0.70, "weight": RATE_WEIGHT_DEFAULT},
        "resolution": {"full_at": 0.90, "zero_at": 0.60, "weight": RATE_WEIGHT_DEFAULT},
        "satisfaction": {"full_at": 0.90, "zero_at": 0.60, "weight": RATE_WEIGHT_DEFAULT},
    }
}
APPEAL_DEFAULTS: dict[str, Any] = {"full_at": 0.0, "zero_at": 0.2}

_HOURS = {**POSITIVE, "description": "hours from the moment the incident emerged"}
_LIMITS_ENTRY = record_schema(
    {
        "from": {**DATE, "description": "the first day (Beijing) the entry applies to"},
        "source": {**ID, "description": "the document that sets these limits, or the scheme's"},
        "major": {
            **record_schema({"first_response_hours": _HOURS, "press_conference_hours": _HOURS}),
            "minProperties": 1,
        },
        "general": record_schema({"first_response_hours": _HOURS}, ["first_response_hours"]),
    },
    ["from", "source", "major", "general"],
)
INCIDENT_PARAMS = params(
    {"limits": {"type": "array", "items": _LIMITS_ENTRY, "minItems": 1}},
    INCIDENT_DEFAULTS,
)
_WORKING_DAYS_OR_NONE = {"type": ["integer", "null"], "minimum": 0}
REQUEST_PARAMS = params(
    {
        "empty_but_reported": EMPTY_PARAM,
        "regimes": {
            "type": "object",
            "additionalProperties": record_schema(
                {
                    "limit": POSITIVE_COUNT,
                    "extension": COUNT,
                    "pause_for_agencies": {
                        **BOOLEAN,
                        "description": "time consulting other agencies is not counted "
                        "(2019 art. 33 para. 3); absent = false",
                    },
                },
                ["limit", "extension"],
            ),
        },
        "ogi_2019_from": DATE,
        "credit_unproven_extensions": {
            **BOOLEAN,
            "description": "credit an extension with no date the applicant was told "
            "(a transition year; listed for audit)",
        },
        "third_party_pause_max": {
            **_WORKING_DAYS_OR_NONE,
            "description": "working days a consultation of a third party may pause the clock "
            "(null = no cap)",
        },
        "agency_pause_max": {
            **_WORKING_DAYS_OR_NONE,
            "description": "working days a consultation of other agencies may pause the clock "
            "(null = no cap)",
        },
        "agency_pause_audit_after": {
            **COUNT,
            "description": "a consultation of other agencies longer than this is listed",
        },
        "correction_notice_within": {
            **COUNT,
            "description": "working days after receipt by which the notice to correct is due",
        },
        "late_correction_notice": {
            "type": "string",
            "enum": ["no_restart", "restart"],
            "description": "whether a correction asked for after the notice period restarts "
            "the clock (the scheme's reading of 2019 art. 30)",
        },
        "open_at_switch": {
            "type": "string",
            "enum": ["law_at_receipt", "new_law"],
            "description": "a request received before the 2019 regulation and not answered "
            "when it took effect: the law of its day of receipt, or (new_law) the 2019 "
            "regulation when its 2008 limit had not run out by then",
        },
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


@dataclass(frozen=True)
class Basis:
    """What a hotline rate is taken over: its numerator and denominator fields, and their names.

    ``over`` says in a finding which basis was used when a rate has several.
    """

    part: str
    base: str
    part_name: Term
    base_name: Term
    over: Term


@dataclass(frozen=True)
class Rate:
    """A hotline rate: its name and its bases, the first the unit sent a numerator for wins."""

    name: Term
    bases: tuple[Basis, ...]

    def basis(self, figures: Mapping[str, int]) -> Basis:
        """The basis the unit's figures allow: the first whose numerator was sent, else the last."""
        for basis in self.bases:
            if basis.part in figures:
                return basis
        return self.bases[-1]

    def named(self, basis: Basis) -> Term:
        """The rate's name, with its basis when it has more than one (a finding says which)."""
        if len(self.bases) == 1:
            return self.name
        return Term(f"{self.name.zh}（{basis.over.zh}）", f"{self.name.en} ({basis.over.en})")


_CALLS = Term("热线来电量", "calls")
_DISPATCHED = Term("派单量", "tickets dispatched")
_SURVEYED = Term("回访量", "tickets rated on callback")


def _over(part: str, base: str, part_name: Term, base_name: Term, over: Term) -> Basis:
    return Basis(part, base, part_name, base_name, over)


RATES: dict[str, Rate] = {
    "connection": Rate(
        Term("接通率", "connection rate"),
        (_over("connected", "calls", Term("接通量", "calls connected"), _CALLS, _CALLS),),
    ),
    "response": Rate(
        Term("响应率", "response rate"),
        (
            _over(
                "responded",
                "dispatched",
                Term("响应量", "tickets responded to"),
                _DISPATCHED,
                _DISPATCHED,
            ),
        ),
    ),
    "completion": Rate(
        Term("办结率", "completion rate"),
        (
            _over(
                "completed",
                "dispatched",
                Term("办结量", "tickets completed"),
                _DISPATCHED,
                _DISPATCHED,
            ),
        ),
    ),
    # 解决率: the callers' verdicts when the unit sends them, else its own count over the
    # tickets dispatched to it.
    "resolution": Rate(
        Term("解决率", "resolution rate"),
        (
            _over(
                "callback_resolved",
                "surveyed",
                Term("回访解决量", "tickets the caller judged resolved"),
                _SURVEYED,
                Term("按回访评价", "by callback verdicts"),
            ),
            _over(
                "resolved",
                "dispatched",
                Term("解决量", "tickets resolved"),
                _DISPATCHED,
                Term("按派单量", "over tickets dispatched"),
            ),
        ),
    ),
    "satisfaction": Rate(
        Term("满意率", "satisfaction rate"),
        (
            _over(
                "satisfied", "surveyed", Term("满意量", "callers satisfied"), _SURVEYED, _SURVEYED
            ),
        ),
    ),
}
"""Every hotline rate a scheme may weigh, by name (``rates`` in the params)."""

HOTLINE_PARAMS = params(
    {"rates": {**record_schema(dict.fromkeys(RATES, _GOALPOSTS), []), "minProperties": 1}},
    HOTLINE_DEFAULTS,
)
APPEAL_PARAMS = params({"full_at": FRACTION, "zero_at": FRACTION}, APPEAL_DEFAULTS)


def check_regimes(check: ParamsCheck) -> list[Problem]:
    """Limits for the scheme's regime (both under ``auto``) and for every law in force.

    A run judges requests received from January 1 of the year before its year
    (carried over) up to its snapshot; each is judged under the regulation in
    force on the day it was received.
    """
    settings, scheme = check.params, check.scheme
    switch = as_date(settings["ogi_2019_from"])
    named = ["ogi-2008", "ogi-2019"] if scheme.regime == "auto" else [scheme.regime]
    problems = [
        Problem("requests.regime_missing", {"param": "regimes", "regime": name})
        for name in named
        if name not in settings["regimes"]
    ]
    first = dt.date(scheme.year - 1, 1, 1)
    in_force = (["ogi-2008"] if first < switch else []) + (
        ["ogi-2019"] if scheme.as_of >= switch else []
    )
    between = {"received_from": first, "received_to": scheme.as_of}
    problems += [
        Problem("requests.regime_in_force_missing", {"param": "regimes", "regime": name, **between})
        for name in in_force
        if name not in settings["regimes"] and name not in named
    ]
    return problems


def check_goalposts(check: ParamsCheck) -> list[Problem]:
    """Full marks and zero must sit at different values, or no rate can be placed between."""
    # hotline: a pair per rate; appeals: one pair
    rates = check.params.get("rates", {})
    posts = {f"rates.{name}.": post for name, post in rates.items()} or {"": check.params}
    return [
        Problem(
            "responsiveness.goalposts_coincide",
            {"full_at": f"{where}full_at", "zero_at": f"{where}zero_at", "value": post["full_at"]},
        )
        for where, post in posts.items()
        if post["full_at"] == post["zero_at"]
    ]


def check_incident_limits(check: ParamsCheck) -> list[Problem]:
    """The dated limits must run in order: each entry from a later day than the one before."""
    days = [as_date(entry["from"]) for entry in check.params["limits"]]
    return [
        Problem(
            "incidents.limits_out_of_order",
            {"param": f"limits[{index}].from", "day": day, "before": days[index - 1]},
        )
        for index, day in enumerate(days)
        if index and day <= days[index - 1]
    ]


def as_date(value: dt.date | str) -> dt.date:
    """A date param as a date (the engine converts dates; a hand-made context may not)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)

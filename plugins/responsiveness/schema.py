"""The responsiveness section's schema, its scorers' params (defaults live only here) and checks."""

from __future__ import annotations

import datetime as dt
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

_REQUEST = record_schema(
    {
        "id": field(ID, "申请编号", "申请编号 / request id"),
        "received_on": field(DATE, "收到日期", "收到申请日期 / date received"),
        "replied_on": field(
            DATE, "答复日期", "答复日期（空=未答复） / date replied, absent = still open"
        ),
        "extended": field(BOOLEAN, "是否延期", "是否依法延期 / deadline extended"),
        "outcome": field(
            {
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
            "收到申请人补正后申请的日期，期限自该日起算 / date the corrected application "
            "was received; the time limit runs from it",
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
        "resolved": field(COUNT, "解决量", "已解决的工单量 / tickets resolved"),
        "surveyed": field(COUNT, "回访量", "回访量 / callers surveyed"),
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
    "major": {"first_response_hours": 5, "press_conference_hours": 24},
    "general": {"first_response_hours": 48},
}
REQUEST_DEFAULTS: dict[str, Any] = {
    "regimes": {
        "ogi-2008": {"limit": 15, "extension": 15, "pause_for_agencies": False},
        "ogi-2019": {"limit": 20, "extension": 20, "pause_for_agencies": True},
    },
    "ogi_2019_from": "2019-05-15",
}
RATE_WEIGHT_DEFAULT = 1
HOTLINE_DEFAULTS: dict[str, Any] = {
    "rates": {
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
                {
                    "limit": POSITIVE_COUNT,
                    "extension": COUNT,
                    "pause_for_agencies": {
                        **BOOLEAN,
                        "description": "time consulting other agencies is not counted "
                        "(2019 art. 33 para. 2); absent = false",
                    },
                },
                ["limit", "extension"],
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
# Each rate: (numerator, denominator, its name, the numerator's name, the denominator's name).
_CALLS = Term("热线来电量", "calls")
_DISPATCHED = Term("派单量", "tickets dispatched")
RATES: dict[str, tuple[str, str, Term, Term, Term]] = {
    "connection": (
        "connected",
        "calls",
        Term("接通率", "connection rate"),
        Term("接通量", "calls connected"),
        _CALLS,
    ),
    "response": (
        "responded",
        "dispatched",
        Term("响应率", "response rate"),
        Term("响应量", "tickets responded to"),
        _DISPATCHED,
    ),
    "resolution": (
        "resolved",
        "dispatched",
        Term("解决率", "resolution rate"),
        Term("解决量", "tickets resolved"),
        _DISPATCHED,
    ),
    "satisfaction": (
        "satisfied",
        "surveyed",
        Term("满意率", "satisfaction rate"),
        Term("满意量", "callers satisfied"),
        Term("回访量", "callers surveyed"),
    ),
}
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
    switch = settings["ogi_2019_from"]
    switch = switch if isinstance(switch, dt.date) else dt.date.fromisoformat(switch)
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

"""The website section's schema, the evaluator-owned facts, and the scorers' params.

Defaults follow 国办秘函〔2019〕19号 (the State Council website checks); every
line is a param because schemes change them by year and place.
"""

from __future__ import annotations

from typing import Any

from evaluator import Fact
from evaluator.rules import Term
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    ENUM_TITLES,
    ID,
    NON_NEGATIVE,
    POSITIVE_COUNT,
    TEXT,
    array_of,
    params,
    record_schema,
)

from .._disclosure.labels import field

SECTION = "website"
KINDS = ["news", "notice", "policy", "personnel", "planning", "other"]
KIND_NAMES = {
    "news": Term("要闻动态类", "news"),
    "notice": Term("通知公告类", "notice"),
    "policy": Term("政策文件类", "policy"),
    "personnel": Term("人事信息类", "personnel"),
    "planning": Term("规划计划类", "planning"),
    "other": Term("其他", "other"),
}

# ---------------------------------------------------------------- section schema

_COLUMN = record_schema(
    {
        "name": field(ID, "栏目名称", "栏目名称（栏目的标识） / column name (its key)"),
        "kind": field(
            {
                "type": "string",
                "enum": KINDS,
                ENUM_TITLES: {
                    "news": "工作动态",
                    "notice": "通知公告",
                    "policy": "政策文件",
                    "personnel": "人事信息",
                    "planning": "规划计划",
                    "other": "其他",
                },
            },
            "栏目类别",
            "栏目类别：news 工作动态 | notice 通知公告 | policy 政策文件 | personnel 人事信息 | "
            "planning 规划计划 | other 其他 / kind",
        ),
        "last_updated": field(
            DATE, "最后更新日期", "最后更新日期（空=未标注） / last update, absent = undated"
        ),
        "blank": field(BOOLEAN, "是否空白", "空白栏目 / the column has no content"),
    },
    ["name", "kind"],
    "栏目 / website column",
)
_MESSAGE = record_schema(
    {
        "id": field(ID, "留言编号", "留言编号 / message id"),
        "received_on": field(DATE, "收到日期", "留言日期 / date received"),
        "replied_on": field(
            DATE, "答复日期", "答复日期（空=未答复） / date replied, absent = unanswered"
        ),
        "valid": field(BOOLEAN, "是否有效", "有效留言（缺省为是） / valid message, default true"),
    },
    ["id", "received_on"],
    "互动留言 / public message",
)
SCHEMA: dict[str, Any] = record_schema(
    {
        "checked_on": field(
            DATE,
            "检查日期",
            "单位自报的检查日期：予以接受但不采用，评估以评估方记录的检查日期为准 / the "
            "check date as the unit gives it: accepted, not used (the evaluator's is)",
        ),
        "monitoring": {
            **record_schema(
                {
                    "visits": field(COUNT, "监测访问次数", "监测访问次数 / monitored visits"),
                    "failures": field(COUNT, "访问失败次数", "访问失败次数 / failed visits"),
                },
                ["visits", "failures"],
                "可用性监测 / availability monitoring",
            ),
            "title": "可用性监测",
        },
        "homepage_updated_on": field(
            DATE, "首页更新日期", "首页最后更新日期 / homepage last updated"
        ),
        "columns": {**array_of(_COLUMN, "栏目 / columns"), "title": "网站栏目"},
        "messages": {**array_of(_MESSAGE, "留言 / messages"), "title": "互动留言"},
        "broken_links": field(COUNT, "失效链接数", "失效链接数 / broken links found"),
        "enquiry_url": field(
            TEXT,
            "网上咨询建言渠道网址",
            "单位自报的网上咨询建言渠道网址；渠道是否有效由评估方核查 / where the unit says "
            "its online enquiry channel is; the evaluator checks whether it works",
        ),
    },
    ["monitoring", "columns", "messages"],
    "网站 / website",
)

FACTS = [
    Fact(
        "checked_on",
        DATE,
        title="检查日期",
        description="评估方检查该网站的日期（缺省为方案的as_of）/ the date the evaluator "
        "checked the website (default: the scheme's as_of)",
    ),
    Fact(
        "enquiry_channel",
        BOOLEAN,
        title="网上咨询建言渠道",
        description="评估方核查网站是否提供有效的网上咨询建言渠道 / whether the evaluator "
        "found a working online channel for enquiries and suggestions",
    ),
]

# ---------------------------------------------------------------- params (defaults live only here)

AVAILABILITY_DEFAULTS: dict[str, Any] = {"veto_failure_rate": 0.05}
HOMEPAGE_DEFAULTS: dict[str, Any] = {"max_age_days": 14}
COLUMN_DEFAULTS: dict[str, Any] = {
    "max_age": {
        "news": {"days": 14},
        "notice": {"months": 6},
        "policy": {"months": 6},
        "personnel": {"months": 12},
        "planning": {"months": 12},
    },
    "veto_kinds": ["news", "notice", "policy"],
    "veto_stale_columns": 5,
    "veto_unupdated_columns": 10,
    "veto_blank_columns": 5,
    "deduction_per_stale": 2,
    "deduction_per_blank": 2,
}
MESSAGE_DEFAULTS: dict[str, Any] = {
    "veto_unanswered_months": 3,
    "reply_within_working_days": 10,
    "deduction_per_slow": 1,
}
LINK_DEFAULTS: dict[str, Any] = {"deduction_each": 1}

_AGE = {
    "type": "object",
    "properties": {"days": POSITIVE_COUNT, "months": POSITIVE_COUNT},
    "oneOf": [{"required": ["days"]}, {"required": ["months"]}],
    "additionalProperties": False,
}

AVAILABILITY_PARAMS = params(
    {"veto_failure_rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}},
    AVAILABILITY_DEFAULTS,
)
HOMEPAGE_PARAMS = params({"max_age_days": COUNT}, HOMEPAGE_DEFAULTS)
COLUMN_PARAMS = params(
    {
        "max_age": record_schema(dict.fromkeys(KINDS, _AGE), []),
        "veto_kinds": {
            "type": "array",
            "items": {"type": "string", "enum": KINDS},
            "uniqueItems": True,
        },
        "veto_stale_columns": POSITIVE_COUNT,
        "veto_unupdated_columns": {
            **POSITIVE_COUNT,
            "description": "columns of any kind with a maximum age that are not up to date "
            "(personnel and planning included) at which the unit is vetoed",
        },
        "veto_blank_columns": POSITIVE_COUNT,
        "deduction_per_stale": NON_NEGATIVE,
        "deduction_per_blank": NON_NEGATIVE,
    },
    COLUMN_DEFAULTS,
)
MESSAGE_PARAMS = params(
    {
        "veto_unanswered_months": POSITIVE_COUNT,
        "reply_within_working_days": POSITIVE_COUNT,
        "deduction_per_slow": NON_NEGATIVE,
    },
    MESSAGE_DEFAULTS,
)
LINK_PARAMS = params({"deduction_each": NON_NEGATIVE}, LINK_DEFAULTS)
ENQUIRY_PARAMS = params({})

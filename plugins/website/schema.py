"""The website section's schema, the evaluator-owned facts, and the scorers' params.

Defaults follow 国办秘函〔2019〕19号 (the State Council website checks); every
line is a param because schemes change them by year and place (a scheme for
2016 follows the 2015 national census, 国办发〔2015〕15号, instead).
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
    labelled_enum,
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

# ---------------------------------------------------------------- serious problems (a fact)

SERIOUS_KINDS = {
    # 国办发〔2015〕15号 附件 全国政府网站普查评分表，单项否决“严重错误”
    "serious_typo": Term("严重错别字（如党和国家领导人姓名写错）", "a serious misprint"),
    "false_content": Term("虚假或伪造内容", "false or forged content"),
    # both documents: 发布（19号：或链接）反动、暴力、色情等内容
    "harmful_content": Term("反动、暴力、色情等内容", "reactionary, violent or obscene content"),
    # 国办秘函〔2019〕19号，单项否决“安全、泄密事故等严重问题”
    "serious_misstatement": Term("严重表述错误", "a serious misstatement"),
    "state_secret": Term("泄露国家秘密", "a state secret disclosed"),
    "security_incident": Term(
        "对安全攻击没有及时有效处置造成严重安全事故",
        "a security attack not handled in time, causing a serious incident",
    ),
    "falsification": Term("弄虚作假（如伪造发稿日期）", "falsification (such as forged dates)"),
    "negative_publicity": Term(
        "因网站建设管理工作不当引发严重负面舆情",
        "serious negative publicity caused by the site's poor management",
    ),
}
"""What the evaluator may record as a serious problem of a site, each from its document."""

CENSUS_2015_KINDS = ["serious_typo", "false_content", "harmful_content"]
CHECKS_2019_KINDS = [
    "serious_misstatement",
    "state_secret",
    "harmful_content",
    "security_incident",
    "falsification",
    "negative_publicity",
]

_SERIOUS_PROBLEM = record_schema(
    {
        "kind": field(
            labelled_enum({k: v.zh for k, v in SERIOUS_KINDS.items()}),
            "问题类别",
            "问题类别 / kind: " + " | ".join(SERIOUS_KINDS),
        ),
        "detail": field(TEXT, "问题说明", "发现了什么、在哪里 / what was found, and where"),
        "url": field(TEXT, "网址", "问题页面网址 / the page"),
        "found_on": field(DATE, "发现日期", "评估方发现的日期 / when the evaluator found it"),
    },
    ["kind", "detail"],
    "评估方发现的严重问题 / a serious problem the evaluator found",
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
    Fact(
        "confirmed_columns",
        {"type": "array", "items": {**TEXT, "minLength": 1}, "uniqueItems": True},
        title="已核实的栏目类别",
        description="评估方已核实其自报类别的栏目（栏目名称）：按单位自报的类别评判，不列为待核实 "
        "/ the columns (by name) whose kind as the unit gives it the evaluator confirmed: judged "
        "by that kind, and not listed as to be verified",
    ),
    Fact(
        "serious_problems",
        {"type": "array", "items": _SERIOUS_PROBLEM},
        title="严重问题",
        description="评估方发现的严重错误、安全泄密事故等严重问题（空列表=已核查未发现）/ the "
        "serious problems the evaluator found on the site (an empty list: checked, none found)",
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
    # 普查评分表“栏目不更新”names the classes 动态、要闻类 and 通知公告、政策文件类: a name
    # ending with one of these words speaks for its class; a scheme adds its own words.
    "name_endings": {
        "news": ["动态", "要闻"],
        "notice": ["通知公告"],
        "policy": ["政策文件"],
    },
    # the census's strictest class (2 weeks, counted toward the veto), for a column whose
    # name says nothing and whose stated kind is unconfirmed (self_claims)
    "unknown_name_kind": "news",
    "veto_stale_columns": 5,
    "veto_unupdated_columns": 10,
    "veto_blank_columns": 5,
    "deduction_per_stale": 2,
    "deduction_per_blank": 2,
}
MESSAGE_DEFAULTS: dict[str, Any] = {
    "veto_unanswered_months": 3,
    "veto_window_months": 12,
    "reply_within_working_days": 10,
    "deduction_per_slow": 1,
}
LINK_DEFAULTS: dict[str, Any] = {"deduction_each": 1}
SERIOUS_DEFAULTS: dict[str, Any] = {"veto_kinds": CHECKS_2019_KINDS}

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}

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
        "name_endings": {
            **record_schema(
                dict.fromkeys(KINDS, _WORDS),
                [],
            ),
            "description": "per kind, words a column's name ends with that say its kind "
            "(工作动态 ends with 动态: news); the longest word a name ends with decides, "
            "and it decides over the unit's kind unless the unit's judges the column more "
            "harshly",
        },
        "unknown_name_kind": {
            "type": "string",
            "enum": KINDS,
            "description": "the stricter kind a column whose name speaks for none is judged by "
            "when the unit's kind is unconfirmed (self_claims): strict scores by it, trusted "
            "lists the column with the points it would cost",
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
        "veto_window_months": {
            **POSITIVE_COUNT,
            "description": "the veto looks at valid messages received within this many "
            "months before the check date (国办发〔2015〕15号, 国办秘函〔2019〕19号: "
            "监测时间点前1年内)",
        },
        "reply_within_working_days": POSITIVE_COUNT,
        "deduction_per_slow": NON_NEGATIVE,
    },
    MESSAGE_DEFAULTS,
)
LINK_PARAMS = params({"deduction_each": NON_NEGATIVE}, LINK_DEFAULTS)
ENQUIRY_PARAMS = params({})
SERIOUS_PARAMS = params(
    {
        "veto_kinds": {
            "type": "array",
            "items": {"type": "string", "enum": list(SERIOUS_KINDS)},
            "uniqueItems": True,
            "description": "the kinds of serious problem that are a single veto in this scheme "
            "(default: those of 国办秘函〔2019〕19号)",
        }
    },
    SERIOUS_DEFAULTS,
)

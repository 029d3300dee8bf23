"""The decision-openness section (决策公开) and the scorers' params: the unit's major decisions
of the year and its meetings open to the public."""

from __future__ import annotations

from typing import Any

from evaluator.section_schema import (
    COUNT,
    DATE,
    ID,
    POSITIVE_COUNT,
    TEXT,
    array_of,
    params,
    record_schema,
)

from .._disclosure.labels import field

SECTION = "decision_openness"

_DECISION = record_schema(
    {
        "id": field(ID, "决策编号", "决策编号 / the decision's id"),
        "title": field(TEXT, "决策事项", "决策事项名称 / what was decided"),
        "draft_published_on": field(
            DATE, "草案公开日期", "决策草案公开征求意见日期 / draft published for comment on"
        ),
        "comment_ends_on": field(
            DATE, "征求意见截止日期", "征求意见期限的最后一日 / last day of the comment period"
        ),
        "shortened_reason": field(
            TEXT,
            "缩短期限说明",
            "公开征求意见时说明的缩短期限理由（缺省为无）/ the reason for a shortened period "
            "published with the draft (absent = none)",
        ),
        "decided_on": field(DATE, "决策日期", "作出决策日期 / decided on"),
        "feedback_published_on": field(
            DATE,
            "意见采纳反馈日期",
            "公开意见采纳情况的日期 / feedback on the opinions adopted published on",
        ),
        "published_on": field(DATE, "决策公开日期", "决策公开日期 / decision published on"),
        "document": field(
            ID,
            "文件编号",
            "决策形成的政策文件文号（与政策解读的政策文件对应）/ the policy document it became "
            "(as in the policy interpretation section)",
        ),
        "interpretation_published_on": field(
            DATE, "解读发布日期", "解读发布日期 / interpretation published on"
        ),
    },
    ["id", "decided_on"],
    "重大行政决策 / a major decision",
)
_MEETING = record_schema(
    {
        "id": field(ID, "会议编号", "会议编号 / the meeting's id"),
        "title": field(TEXT, "会议名称", "会议名称 / the meeting"),
        "held_on": field(DATE, "召开日期", "召开日期 / held on"),
        "observers": field(
            COUNT,
            "列席公众人数",
            "邀请列席的公众、专家、媒体人数 / members of the public, experts and press attending",
        ),
        "record_published_on": field(
            DATE, "会议情况公开日期", "会议情况公开日期 / record of the meeting published on"
        ),
        "url": field(TEXT, "网址", "会议情况发布网址 / where the record is published"),
    },
    ["id", "held_on"],
    "会议开放 / a meeting open to the public",
)

SCHEMA: dict[str, Any] = record_schema(
    {
        "decisions": {
            **array_of(
                _DECISION, "本年度重大行政决策（缺省为无）/ major decisions (absent = none)"
            ),
            "title": "重大决策",
        },
        "meetings": {
            **array_of(
                _MEETING,
                "本年度公众列席的会议（缺省为无）/ meetings open to the public (absent = none)",
            ),
            "title": "会议开放",
        },
    },
    (),
    "决策公开 / decision openness",
)

_PERIOD = record_schema(
    {
        "from": {
            **DATE,
            "description": "草案于此日起公开的适用本项 / applies to drafts published from this day",
        },
        "days": {**POSITIVE_COUNT, "description": "征求意见期限的最少日数 / the fewest days"},
        "source": {**TEXT, "minLength": 1, "description": "依据 / the rule's source"},
    },
    ["from", "days", "source"],
)
CONSULTATION_PARAMS = params(
    {
        "comment_days": {
            "type": "array",
            "items": _PERIOD,
            "description": "征求意见的最短期限，按草案公开之日施行的一项；自公开次日起算至截止"
            "日（含）/ the shortest comment period, by the rule in force on the day the draft "
            "was published, counted from the next day to the last day inclusive",
        },
    },
    {
        "comment_days": [
            {
                "from": "2019-09-01",
                "days": 30,
                "source": "《重大行政决策程序暂行条例》（国务院令第713号）第十四条",
            }
        ],
    },
)
FEEDBACK_PARAMS = params({})
PUBLICATION_PARAMS = params(
    {
        "working_days": {
            **COUNT,
            "description": "作出决策后应公开的工作日数 / working days to publish a decision in",
        },
    },
    {"working_days": 20},
)
MEETING_PARAMS = params(
    {
        "required": {
            **POSITIVE_COUNT,
            "description": "全年应有的公众列席且公开会议情况的会议数 / meetings open to the "
            "public, with their record published, a year",
        },
    },
    {"required": 1},
)

"""The safeguards section (保障监督机制), the evaluator's check of the guide and catalogue, and
the scorers' params: what a unit states about how it runs disclosure work."""

from __future__ import annotations

from typing import Any

from evaluator.plugin_api import Fact
from evaluator.rules import Term
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    ENUM_TITLES,
    POSITIVE_COUNT,
    TEXT,
    array_of,
    params,
    record_schema,
)

from .._disclosure.labels import field

SECTION = "safeguards"

# The two published documents the evaluator can check itself, by their field in the section.
DOCUMENTS = {
    "guide": Term("政府信息公开指南", "disclosure guide"),
    "catalogue": Term("政府信息公开目录", "disclosure catalogue"),
}

# The elements a unit states and the evaluator cannot check from its desk.
ELEMENTS = {
    "assessment": Term("政务公开纳入绩效考核", "disclosure work in the performance assessment"),
    "accountability": Term("责任追究制度", "accountability rules"),
    "social_review": Term("社会评议", "a social review"),
}


def _published(title: str) -> dict[str, Any]:
    return {
        **record_schema(
            {
                "url": field(TEXT, "网址", "发布网址 / where it is published"),
                "updated_on": field(DATE, "更新日期", "最近更新日期 / last updated on"),
            },
            (),
            f"{title} / {title}",
        ),
        "title": title,
    }


_TRAINING = record_schema(
    {
        "held_on": field(DATE, "培训日期", "培训日期 / date held"),
        "title": field(TEXT, "培训内容", "培训名称或内容 / what it covered"),
        "attendees": field(COUNT, "参训人数", "参训人数 / people trained"),
    },
    ["held_on"],
    "政务公开培训 / a training session",
)

SCHEMA: dict[str, Any] = record_schema(
    {
        "office": field(
            TEXT, "公开工作机构", "政府信息公开工作机构名称 / the disclosure office's name"
        ),
        "staff": field(
            TEXT, "工作人员", "负责政务公开的工作人员（姓名）/ the staff named for disclosure work"
        ),
        "guide": _published("政府信息公开指南"),
        "catalogue": _published("政府信息公开目录"),
        "trainings": {
            **array_of(
                _TRAINING, "本年度政务公开培训（缺省为无）/ training sessions (absent = none)"
            ),
            "title": "政务公开培训",
        },
        "assessment": {
            **record_schema(
                {
                    "included": field(
                        BOOLEAN,
                        "纳入绩效考核",
                        "政务公开是否纳入本单位绩效考核 / whether disclosure work is part of the "
                        "unit's performance assessment",
                    ),
                    "basis": field(TEXT, "依据文件", "考核办法名称或文号 / the assessment rules"),
                },
                (),
                "绩效考核 / performance assessment",
            ),
            "title": "绩效考核",
        },
        "accountability": {
            **record_schema(
                {
                    "rules": field(
                        TEXT, "制度名称", "责任追究制度名称或文号 / the accountability rules"
                    ),
                    "issued_on": field(DATE, "印发日期", "印发日期 / issued on"),
                },
                (),
                "责任追究 / accountability",
            ),
            "title": "责任追究",
        },
        "social_review": {
            **record_schema(
                {
                    "held_on": field(DATE, "评议日期", "社会评议日期 / date held"),
                    "form": field(
                        TEXT, "评议方式", "评议方式（问卷、座谈等）/ how (survey, meeting ...)"
                    ),
                },
                (),
                "社会评议 / social review",
            ),
            "title": "社会评议",
        },
    },
    (),
    "保障监督机制 / safeguards and supervision",
)

# ---------------------------------------------------------------- the evaluator's check

CHECK_FACT = "guide_check"
"""The evaluator-owned fact: when it looked for the guide and catalogue, and what it found."""

_FOUND = record_schema(
    {
        "found": field(BOOLEAN, "是否找到", "是否找到 / whether it was found"),
        "updated_on": field(DATE, "更新日期", "所见最近更新日期 / last update seen"),
        "url": field(TEXT, "网址", "所见网址 / where it was found"),
    },
    ["found"],
)
FACTS = [
    Fact(
        CHECK_FACT,
        record_schema(
            {
                "checked_on": field(DATE, "核查日期", "核查日期 / date checked"),
                "guide": _FOUND,
                "catalogue": _FOUND,
            },
            ["checked_on"],
        ),
        title="指南和目录核查",
        description="评估方核查单位政府信息公开指南和目录的日期和结果；核查过的以核查结果评判，"
        "未核查的以单位自报评判并列为待核实 / when the evaluator looked for the unit's disclosure "
        "guide and catalogue and what it found: a document checked is judged by the check, one "
        "not checked by the unit's statement, listed to verify",
    )
]

# ---------------------------------------------------------------- params

NO_OWN_PARAMS = params({})
DOCUMENT_PARAMS = params(
    {
        "document": {
            "enum": list(DOCUMENTS),
            ENUM_TITLES: {k: v.zh for k, v in DOCUMENTS.items()},
            "description": "评判哪一份：guide 指南 | catalogue 目录 / which document",
        }
    },
    required=("document",),
)
TRAINING_PARAMS = params(
    {
        "sessions": {
            **POSITIVE_COUNT,
            "description": "全年应举办的培训次数 / training sessions a year for full points",
        }
    },
    {"sessions": 1},
)
ELEMENT_PARAMS = params(
    {
        "element": {
            "enum": list(ELEMENTS),
            ENUM_TITLES: {k: v.zh for k, v in ELEMENTS.items()},
            "description": "评判哪一项：assessment 绩效考核 | accountability 责任追究 | "
            "social_review 社会评议 / which element",
        }
    },
    required=("element",),
)
ANNUAL_REPORT_PARAMS = params(
    {
        "judged_in": {
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}],
            "description": "评判年度报告公布的维度（null：在本项评判）/ the dimension judging "
            "the report's publication (null: judged here)",
        }
    },
    {"judged_in": "annual_report"},
)

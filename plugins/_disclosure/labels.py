"""Words the area plugins fill shared finding texts with, and schema fields with Chinese names.

Every field of a section carries its Chinese name as the JSON Schema ``title``
(spreadsheet headers and templates are read by these names) and a
description in both languages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from evaluator.rules import Term

# Submission times without an offset are Beijing time; calendar dates are judged there too.
BEIJING = dt.timezone(dt.timedelta(hours=8))


def local_date(value: dt.date) -> dt.date:
    """A date as it is, a moment as its Beijing calendar day."""
    if isinstance(value, dt.datetime):
        return value.astimezone(BEIJING).date()
    return value


def field(schema: Mapping[str, Any], title: str, description: str) -> dict[str, Any]:
    """``schema`` with its Chinese name (``title``) and a description."""
    return {**schema, "title": title, "description": description}


# ---------------------------------------------------------------- what a record is

REQUEST = Term("依申请公开", "information request")
INCIDENT = Term("政务舆情", "public-opinion incident")
MESSAGE = Term("留言", "message")
COLUMN = Term("栏目", "column")
DOCUMENT = Term("政策文件", "policy document")
INTERPRETATION = Term("政策解读", "interpretation")
ITEM_RECORD = Term("清单事项公开记录", "key-area record")

# ---------------------------------------------------------------- which date

RECEIVED = Term("收到日期", "date received")
REPLIED = Term("答复日期", "reply date")
EMERGED = Term("发生时间", "time it emerged")
FIRST_RESPONSE = Term("首次回应时间", "first response")
PRESS_CONFERENCE = Term("新闻发布会时间", "press conference")
FORMED = Term("形成日期", "date formed")
PUBLISHED = Term("公开日期", "publication date")
ISSUED = Term("发布日期", "publication date")
HOMEPAGE_UPDATED = Term("首页更新日期", "homepage update")
LAST_UPDATED = Term("更新日期", "last update")
CORRECTED = Term("补正日期", "date of the corrected application")
NOTIFIED = Term("延期告知日期", "date the extension was notified")

# ---------------------------------------------------------------- what follows

UNANSWERED = Term("视为未答复", "treated as unanswered")
NOT_DONE = Term("视为未完成", "treated as not done")
NOT_UPDATED = Term("视为未更新", "treated as not updated")
NOT_PUBLISHED = Term("视为未公开", "treated as not published")
NO_CREDIT = Term("不予认可", "not credited")
JUDGED_FAILED = Term("不予认可，按未按期办理计", "not credited: counts as not done in time")
SCORES_NOTHING = Term("该项不得分", "that part scores nothing")
INDICATOR_NOTHING = Term("本项不得分", "the indicator scores nothing")
NOT_SCORED_HERE = Term(
    "本方案不计这两项，但数据不可能成立，请核实",
    "the scheme does not score them, but they cannot be true",
)

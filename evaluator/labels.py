"""Report labels in Chinese (the default) and English.

Only the words the engine prints are here; unit, dimension, indicator and grade
names come from the scheme and submissions and are shown as written. Some labels
are templates with named fields (``{n}``), filled in with ``str.format``.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    "rank": {"zh": "排名", "en": "Rank"},
    "unit": {"zh": "单位", "en": "Unit"},
    "id": {"zh": "编号", "en": "ID"},
    "kind": {"zh": "类别", "en": "Kind"},
    "total": {"zh": "总分", "en": "Total"},
    "grade": {"zh": "等级", "en": "Grade"},
    "note": {"zh": "备注", "en": "Note"},
    "vetoed": {"zh": "一票否决", "en": "vetoed"},
    "incomplete": {"zh": "未完成", "en": "incomplete"},
    "not_ranked": {"zh": "不参与排名", "en": "not ranked"},
    "lost_points": {"zh": "扣分明细", "en": "Lost points"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "score": {"zh": "得分", "en": "Score"},
    "lost": {"zh": "失分", "en": "Lost"},
    "finding": {"zh": "问题", "en": "Finding"},
    "deduction": {"zh": "扣分", "en": "Deduction"},
    "records": {"zh": "涉及记录", "en": "Records"},
    "in_all": {"zh": "… 共{n}条", "en": "… {n} in all"},
    "status_error": {"zh": "评分出错", "en": "scorer failed"},
    "status_no_data": {"zh": "未提交数据", "en": "no data submitted"},
    "errors": {"zh": "未能评分的提交", "en": "Submissions that could not be scored"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    # Punctuation differs between the languages, so it is looked up too.
    "colon": {"zh": "：", "en": ": "},
    "list_sep": {"zh": "、", "en": ", "},
    "part_sep": {"zh": "；", "en": "; "},
    "paren": {"zh": "（{text}）", "en": " ({text})"},
    "title_sep": {"zh": " — ", "en": " — "},
}


def label(key: str, lang: str = "zh") -> str:
    """The label ``key`` in ``lang``; unknown keys raise KeyError, unknown languages ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown report language {lang!r}; expected one of: zh, en")
    return LABELS[key][lang]

"""Finding codes every area shares, their texts, and words a shared text is filled with.

Several plugins flag the same kinds of problem (a duplicated id, a date after
the check date, a record outside the assessed year). Their codes and texts are
declared here once, and the engine's catalogue carries them, so that each
plugin only names its record and field. A plugin passes those names as
:class:`Term` values, one word per language, spread into params by
:func:`terms`; the Chinese text reads ``{subject_zh}``, the English
``{subject_en}`` (:func:`subject` names a record by its kind and id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evaluator._core.messages import Templates

DUPLICATE_ID = "integrity.duplicate_id"
"""One id submitted several times: ``subject``, ``effect`` (terms), ``id``, ``copies``,
``variants``."""
AFTER_SNAPSHOT = "integrity.after_snapshot"
"""A date after the check date: ``subject``, ``field``, ``effect`` (terms), ``id``, ``day``,
``snapshot``."""
OUTSIDE_YEAR = "integrity.outside_year"
"""A record belonging to another year's run: ``subject``, ``field``, ``effect`` (terms), ``id``,
``day``, ``year``."""
REPLY_BEFORE_REQUEST = "integrity.reply_before_request"
"""A reply dated before its request: ``subject``, ``effect`` (terms), ``id``, ``replied``,
``received``."""
PART_EXCEEDS_TOTAL = "integrity.part_exceeds_total"
"""A part larger than its whole: ``part``, ``whole``, ``effect`` (terms) and the numbers
``part``, ``whole``."""
NONE_REPORTED = "audit.none_reported"
"""The unit reported no record of a kind: ``what``."""
SAME_CONTENT = "audit.same_content"
"""Records equal in everything but their ids: ``what``, ``ids`` (those shown), ``groups``,
``count`` (of them all)."""


@dataclass(frozen=True)
class Term:
    """A word or phrase in each language a finding may be read in: ``Term("留言", "message")``."""

    zh: str
    en: str


def terms(**named: Term) -> dict[str, Any]:
    """Params for shared texts: ``what=Term("留言", "message")`` is ``what_zh`` and ``what_en``."""
    params: dict[str, Any] = {}
    for name, term in named.items():
        params[f"{name}_zh"] = term.zh
        params[f"{name}_en"] = term.en
    return params


def subject(what: Term, rid: str) -> Term:
    """A record named in a finding: its kind and its id, quoted as each language quotes."""
    return Term(f"{what.zh}“{rid}”", f"{what.en} '{rid}'")


def worst_copy_counts(position: int) -> Term:
    """The effect of a duplicate judged by its worst copy, the ``position``-th as submitted."""
    return Term(
        f"按其中最不利的第 {position} 份评判",
        f"judged by the least favourable copy, no. {position}",
    )


SET_ASIDE = Term("不予计入", "set aside")
SETTLED = Term("了结日期（按期办结之日或期限届满之日）", "settlement (done in time, or due)")

MESSAGES: Templates = {
    DUPLICATE_ID: {
        "zh": "{subject_zh}重复提交{copies}份（编号写作{variants}），{effect_zh}",
        "en": "{subject_en} was submitted {copies} times (as {variants}); {effect_en}",
    },
    AFTER_SNAPSHOT: {
        "zh": "{subject_zh}的{field_zh}{day}晚于检查日{snapshot}，{effect_zh}",
        "en": "{subject_en}: {field_en}{day} is after the check date {snapshot}; {effect_en}",
    },
    OUTSIDE_YEAR: {
        "zh": "{subject_zh}的{field_zh}{day}不在评估年度{year}年内，{effect_zh}",
        "en": "{subject_en}: {field_en}{day} is outside the assessed year {year}; {effect_en}",
    },
    REPLY_BEFORE_REQUEST: {
        "zh": "{subject_zh}的答复日期{replied}早于收到日期{received}，{effect_zh}",
        "en": "{subject_en} was answered on {replied}, before it was received on {received}; "
        "{effect_en}",
    },
    PART_EXCEEDS_TOTAL: {
        "zh": "{part_zh}（{part}）大于{whole_zh}（{whole}），{effect_zh}",
        "en": "{part_en} ({part}) is more than {whole_en} ({whole}); {effect_en}",
    },
    NONE_REPORTED: {
        "zh": "单位报告本年度没有{what_zh}，本项不适用；请提供本年度确无{what_zh}的书面说明",
        "en": "the unit reported no {what_en} this year, so this is not applicable; please "
        "confirm in writing that there were none",
        "audience": "unit",
    },
    SAME_CONTENT: {
        "zh": "以下{what_zh}除编号外内容完全相同（{groups}组{count}件），均分别计入：{ids}；"
        "请提供其确为不同记录的证明材料",
        "en": "records ({what_en}) identical but for their ids, {count} in {groups} groups, "
        "each counted: {ids}; please provide evidence that they are distinct records",
        "audience": "unit",
    },
}
"""The texts of the shared codes, in Chinese and English; part of the engine's catalogue."""

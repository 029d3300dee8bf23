"""The texts of the key-area plugin's findings, by code, in Chinese and English."""

from __future__ import annotations

from evaluator import Templates

JUDGED_ELSEWHERE = "key_area.judged_elsewhere"

DEADLINE_RULE_UNKNOWN = "key_area.deadline_rule_unknown"

# The annual report's due-date rule (plugins/_disclosure/report_due.py), worded there.
REPORT_DUE_REGIME_MISSING = "key_area.report_due_regime_missing"

REPORT_DUE_KIND_MISSING = "key_area.report_due_kind_missing"

REPORT_DUE_NOT_EVERY_YEAR = "key_area.report_due_not_every_year"

REPORT_DEADLINE_OVERRIDE = "audit.checklist_report_deadline_override"

MESSAGES: Templates = {
    DEADLINE_RULE_UNKNOWN: {
        "zh": "清单{checklist!q}事项{item!q}的期限规则{rule!q}不存在（可用：{known}）",
        "en": "checklist {checklist!q}, item {item!q}: no deadline rule {rule!q} (known: {known})",
    },
    JUDGED_ELSEWHERE: {
        "zh": "清单事项{names}在“{dimension}”维度评判，本项不重复计分",
        "en": "checklist items {names} are judged in the dimension “{dimension}”, not "
        "scored here again",
    },
    # ---------------------------------------------------------------- params checks
    "key_area.checklist_kind_unknown": {
        "zh": "参数 {param}：未知的单位类别{kind!q}（方案中的类别：{kinds}）",
        "en": "{param}: unknown unit kind {kind!q} (the scheme's kinds: {kinds})",
    },
    "key_area.checklist_unknown": {
        "zh": "参数 {param}：方案中没有清单{checklist!q}（已有：{known}）",
        "en": "{param}: no checklist {checklist!q} (known: {known})",
    },
    # ---------------------------------------------------------------- findings
    "key_area.missing": {
        "zh": "清单事项“{name}”本年度未公开",
        "en": "checklist item '{name}' ({item}) was not published this year",
    },
    "key_area.periods_missing": {
        "zh": "清单事项“{name}”应按{frequency_zh}公开，{covered}/{required}期已公开，缺：{missing}",
        "en": "checklist item '{name}' ({item}) is due {frequency_en}: {covered} of {required} "
        "periods published, missing {missing}",
    },
    "key_area.period_unmatched": {
        "zh": "清单事项“{name}”的一条公开记录未注明或注明了不符合{frequency_zh}的所属期间"
        "（{period}），不计入覆盖",
        "en": "record '{record}' of '{name}' gives no period, or one that does not fit "
        "{frequency_en} ({period}); it covers no period",
    },
    "key_area.late": {
        "zh": "清单事项“{name}”的一条公开记录形成于{formed}，"
        "应于{due!d}（含）前公开（{limit_zh}），实际于{published}公开",
        "en": "record '{record}' of '{name}', formed {formed}, was due on or before {due!d} "
        "({limit_en}) and published on {published}",
    },
    "key_area.overdue": {
        "zh": "清单事项“{name}”的一条公开记录形成于{formed}，"
        "应于{due!d}（含）前公开（{limit_zh}），截至检查日{snapshot}仍未公开",
        "en": "record '{record}' of '{name}', formed {formed}, was due on or before {due!d} "
        "({limit_en}) and is unpublished at the check on {snapshot}",
    },
    "key_area.no_formed_date": {
        "zh": "清单事项“{name}”的一条公开记录于{published}公开，未提供信息形成日期，"
        "无法认定在期限（{limit_zh}）内公开",
        "en": "record '{record}' of '{name}' was published on {published} without the date "
        "it was formed, so publication within {limit_en} cannot be shown",
    },
    "key_area.not_in_column": {
        "zh": "清单事项“{name}”的一条公开记录于{published}公开，未在指定栏目公开",
        "en": "record '{record}' of '{name}', published {published}, is not in its "
        "designated column",
    },
    "key_area.carried_over": {
        "zh": "本年度形成、公开期限届满于{next}年的清单事项公开记录{count}条，结转下一年度评判"
        "（见涉及记录）",
        "en": "key-area records of the year due in {next}, carried over to that year's "
        "evaluation ({count}): {ids}",
    },
    "key_area.no_checklist": {
        "zh": "本类单位无适用的公开清单，本项不适用",
        "en": "no checklist applies to this kind of unit ({kind}), so this is not applicable",
    },
    "key_area.nothing_required": {
        "zh": "公开清单“{checklist_name}”未要求本单位公开任何事项，本项不适用",
        "en": "checklist {checklist} requires nothing of this unit, so this is not applicable",
    },
    "key_area.nothing_published": {
        "zh": "无本年度已公开或到期的清单事项，本项不适用",
        "en": "no checklist item published or due this year, so this is not applicable",
    },
    "integrity.duplicate_record": {
        "zh": "清单事项“{name}”的一条公开记录重复提交{copies}份（形成日期、公开日期与网址均相同），"
        "按最不利的一份计一条",
        "en": "key-area record '{record}' was submitted {copies} times (same dates and "
        "address); it counts once, as its least favourable copy",
    },
    "integrity.unknown_item": {
        "zh": "事项“{item}”不在公开清单{checklist}中，不计分{hint!c}",
        "en": "item '{item}' is not in checklist {checklist}; not scored{hint!c}",
    },
    "integrity.published_before_formed": {
        "zh": "清单事项“{name}”的一条公开记录的公开日期{published}早于形成日期{formed}，不予认可",
        "en": "key-area record '{record}' was published on {published}, before it was formed "
        "on {formed}; not credited",
    },
}

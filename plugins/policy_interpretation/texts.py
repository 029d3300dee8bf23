"""The texts of the policy-interpretation plugin's findings, by code, in Chinese and English."""

from __future__ import annotations

from evaluator import Templates

MESSAGES: Templates = {
    "policy.not_interpreted": {
        "zh": "政策文件{document}未发布解读",
        "en": "policy document {document} has no interpretation",
    },
    "policy.not_synchronous": {
        "zh": "政策文件{document}于{published}发布，首份解读于{first}发布，晚于允许的{due!d}"
        "（{tolerance}个工作日内）",
        "en": "policy document {document} was published on {published} and first interpreted "
        "on {first}, after {due!d} ({tolerance} working days allowed)",
    },
    "policy.plain_form": {
        "zh": "重大政策{document}无{forms_zh}等形式的解读",
        "en": "major policy {document} has no interpretation as {forms_en}",
    },
    "policy.principal_short": {
        "zh": "主要负责同志解读政策文件{count}件，少于要求的{required}件",
        "en": "principal leaders interpreted {count} documents, fewer than the {required} required",
    },
    "policy.orphan_interpretation": {
        "zh": "有{count}条解读所称文件“{document}”不在提交的政策文件中，视为未关联",
        "en": "{count} interpretations name document '{document}', which was not submitted; "
        "they count as unlinked",
    },
    "policy.nothing_to_interpret": {
        "zh": "本年度无需解读的规范性文件或重大政策，本项不适用",
        "en": "no normative document or major policy to interpret this year, so this is not "
        "applicable",
    },
    "policy.none_interpreted": {
        "zh": "无已解读的政策文件，本项不适用",
        "en": "no document was interpreted, so this is not applicable",
    },
    "policy.no_major": {
        "zh": "本年度无重大政策，本项不适用",
        "en": "no major policy this year, so this is not applicable",
    },
    "integrity.interpretation_before_document": {
        "zh": "政策文件“{document}”的解读发布日期{interpreted}早于文件发布日期{published}，"
        "不予认可",
        "en": "an interpretation of '{document}' is dated {interpreted}, before the document "
        "({published}); not credited",
    },
    "audit.document_class": {
        "zh": "待核实：以下{count}件政策文件在“{rule_zh}”一项按单位自报的类别评判，未经评估方"
        "核实；按重大政策则未达标（括号内为不予认可时本指标相差的分数）：{details_zh}；请提供"
        "文件类别的认定依据，如均不予认可，本指标将少得{at_stake:.4g}分",
        "en": "to verify: documents judged on {rule_en} by the class the unit gives them, not "
        "confirmed by the evaluator, that would fail as major policies, each with what refusing "
        "the class would cost the indicator ({count}): {details_en}; please provide the grounds "
        "for each document's class: all refused, the indicator would lose {at_stake:.4g} points",
        "audience": "unit",
    },
    "audit.document_class_unconfirmed": {
        "zh": "待核实：以下{count}件政策文件的自报类别未经评估方核实，在“{rule_zh}”一项按重大"
        "政策评判（括号内为经核实认可时本指标相差的分数）：{details_zh}；请提供文件类别的认定"
        "依据，如均经核实认可，本指标可多得{at_stake:.4g}分",
        "en": "to verify: documents whose class as the unit gives it the evaluator has not "
        "confirmed, judged as major policies on {rule_en}, each with what confirming the class "
        "would give back ({count}): {details_en}; please provide the grounds for each "
        "document's class: all confirmed, the indicator would gain {at_stake:.4g} points",
        "audience": "unit",
    },
}

"""The texts of the safeguards plugin's findings and params problems, in Chinese and English."""

from __future__ import annotations

from evaluator import Templates

NO_OFFICE = "safeguards.no_office"
NO_STAFF = "safeguards.no_staff"
NOT_PUBLISHED = "safeguards.not_published"
NOT_FOUND = "safeguards.not_found"
NOT_UPDATED = "safeguards.not_updated"
UNVERIFIED = "audit.guide_unverified"
TRAINING_SHORT = "safeguards.training_short"
TRAINING_ELSEWHEN = "safeguards.training_outside_year"
ELEMENT_MISSING = "safeguards.element_missing"
REVIEW_OUTSIDE_YEAR = "safeguards.review_outside_year"
REPORT_ELSEWHERE = "safeguards.annual_report_elsewhere"
REPORT_MISSING = "safeguards.annual_report_missing"
UNKNOWN_DIMENSION = "safeguards.unknown_dimension"

MESSAGES: Templates = {
    NO_OFFICE: {
        "zh": "未列明政府信息公开工作机构",
        "en": "no disclosure office is named",
    },
    NO_STAFF: {
        "zh": "政府信息公开工作机构“{office}”未列明工作人员",
        "en": "the disclosure office '{office}' names no staff",
    },
    NOT_PUBLISHED: {
        "zh": "单位未报{document_zh}的网址，视为未公开",
        "en": "the unit gives no address for its {document_en}: treated as not published",
    },
    NOT_FOUND: {
        "zh": "评估方于{checked_on}核查，未找到{document_zh}",
        "en": "the evaluator looked for the {document_en} on {checked_on} and did not find it",
    },
    NOT_UPDATED: {
        "zh": "{document_zh}最近更新于{last_zh}（{by_zh}），{year}年内未更新",
        "en": "the {document_en} was last updated on {last_en} ({by_en}), not within {year}",
    },
    UNVERIFIED: {
        "zh": "待核实：{document_zh}按单位自报评判（{url}，更新于{updated_on}），评估方未核查；"
        "请提供其网址及更新日期的证明材料（如网页截图）",
        "en": "to verify: the {document_en} is judged by the unit's statement ({url}, updated "
        "on {updated_on}); the evaluator has not checked it: please provide evidence of its "
        "address and update date (a screenshot of the page, say)",
        "audience": "unit",
    },
    TRAINING_SHORT: {
        "zh": "{year}年举办政务公开培训{count}次，少于要求的{required}次",
        "en": "{count} disclosure training sessions in {year}, fewer than the {required} asked",
    },
    TRAINING_ELSEWHEN: {
        "zh": "以下{count}次培训不在{year}年内或晚于评估基准日，不计入：{dates}",
        "en": "training sessions outside {year} or after the snapshot, not counted ({count}): "
        "{dates}",
    },
    ELEMENT_MISSING: {
        "zh": "单位未报{element_zh}",
        "en": "the unit states no {element_en}",
    },
    REVIEW_OUTSIDE_YEAR: {
        "zh": "社会评议日期{held_on}不在{year}年内或晚于评估基准日，不计入",
        "en": "the social review of {held_on} is outside {year} or after the snapshot; not counted",
    },
    REPORT_ELSEWHERE: {
        "zh": "年度报告的公布在“{dimension}”维度评判，本项不重复计分（{published_zh}）",
        "en": "the annual report's publication is judged in the '{dimension}' dimension, not "
        "again here ({published_en})",
    },
    REPORT_MISSING: {
        "zh": "单位未报年度报告的公布日期，视为未公布",
        "en": "the unit gives no publication date for its annual report: treated as not published",
    },
    UNKNOWN_DIMENSION: {
        "zh": "参数 {param}：方案没有维度{dimension!q}（现有：{known}）",
        "en": "{param}: the scheme has no dimension {dimension!q} (it has {known})",
    },
}

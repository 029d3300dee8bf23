"""The texts of the decision-openness plugin's findings and params problems, zh and en."""

from __future__ import annotations

from evaluator import Templates

NONE_DECIDED = "decisions.none_decided"
OUTSIDE_YEAR = "decisions.outside_year"
NOT_CONSULTED = "decisions.not_consulted"
NO_COMMENT_END = "decisions.no_comment_end"
COMMENT_SHORT = "decisions.comment_short"
SHORTENED = "audit.comment_shortened"
NO_PERIOD_RULE = "decisions.no_period_rule"
DECIDED_EARLY = "integrity.decided_during_comment"
NONE_CONSULTED = "decisions.none_consulted"
NO_FEEDBACK = "decisions.no_feedback"
NOT_PUBLISHED = "decisions.not_published"
PUBLISHED_LATE = "decisions.published_late"
PUBLISHED_EARLY = "integrity.published_before_decision"
NOT_DUE = "decisions.not_yet_due"
MEETINGS_SHORT = "decisions.meetings_short"
MEETING_UNRECORDED = "decisions.meeting_unrecorded"
PERIODS_OUT_OF_ORDER = "decisions.periods_out_of_order"

MESSAGES: Templates = {
    NONE_DECIDED: {
        "zh": "本年度没有作出的重大行政决策，本项不适用",
        "en": "no major decision made in the year, so this is not applicable",
    },
    OUTSIDE_YEAR: {
        "zh": "以下{count}项决策不在{year}年内作出或晚于评估基准日，不评判：{ids}",
        "en": "decisions not made in {year} or made after the snapshot, not judged ({count}): "
        "{ids}",
    },
    NOT_CONSULTED: {
        "zh": "重大决策“{decision}”未在作出决策（{decided_on}）前公开草案征求意见",
        "en": "major decision '{decision}' was not published as a draft for comment before it "
        "was made ({decided_on})",
    },
    NO_COMMENT_END: {
        "zh": "重大决策“{decision}”的草案于{draft}公开，未报征求意见截止日期，无法认定期限",
        "en": "major decision '{decision}': draft published on {draft} with no end of the "
        "comment period given, so its length cannot be established",
    },
    COMMENT_SHORT: {
        "zh": "重大决策“{decision}”的草案于{draft}公开、{ends}截止，征求意见{days}日，少于"
        "{required}日（{source}），且未说明缩短理由",
        "en": "major decision '{decision}': draft published on {draft}, comments until {ends}, "
        "{days} days, fewer than {required} ({source}), with no reason given for shortening",
    },
    SHORTENED: {
        "zh": "待核实：重大决策“{decision}”征求意见{days}日，少于{required}日（{source}），"
        "公开时说明的理由为：{reason}；不扣分；请提供随草案公开该理由的证明材料",
        "en": "to verify: major decision '{decision}' was open for comment {days} days, fewer "
        "than {required} ({source}), for the reason published with the draft: {reason}; no "
        "deduction: please provide evidence that the reason was published with the draft",
        "audience": "unit",
    },
    NO_PERIOD_RULE: {
        "zh": "以下{count}项决策的草案公开于{since}之前，方案未规定当时的征求意见期限，只评判是否"
        "公开征求意见：{ids}",
        "en": "drafts published before {since}, for which the scheme sets no comment period, "
        "judged only on being published for comment ({count}): {ids}",
    },
    DECIDED_EARLY: {
        "zh": "重大决策“{decision}”于{decided_on}作出，早于征求意见截止日{ends}，不予认可",
        "en": "major decision '{decision}' was made on {decided_on}, before its comment period "
        "ended ({ends}); not credited",
    },
    NONE_CONSULTED: {
        "zh": "本年度没有公开征求意见的重大决策，本项不适用",
        "en": "no major decision of the year was published for comment, so this is not applicable",
    },
    NO_FEEDBACK: {
        "zh": "重大决策“{decision}”未公开意见采纳情况",
        "en": "major decision '{decision}': no feedback on the opinions adopted was published",
    },
    NOT_PUBLISHED: {
        "zh": "重大决策“{decision}”于{decided_on}作出，应于{due!d}（含）前公开，未公开",
        "en": "major decision '{decision}' was made on {decided_on} and was due to be published "
        "by {due!d}; it was not",
    },
    PUBLISHED_LATE: {
        "zh": "重大决策“{decision}”于{decided_on}作出，{published_on}公开，晚于{due!d}"
        "（{working_days}个工作日内）",
        "en": "major decision '{decision}' was made on {decided_on} and published on "
        "{published_on}, after {due!d} ({working_days} working days allowed)",
    },
    PUBLISHED_EARLY: {
        "zh": "重大决策“{decision}”的公开日期{published_on}早于决策日期{decided_on}，不予认可",
        "en": "major decision '{decision}' is dated published {published_on}, before it was "
        "made ({decided_on}); not credited",
    },
    NOT_DUE: {
        "zh": "以下{count}项决策尚未公开，公开期限在评估基准日之后，不评判：{ids}",
        "en": "decisions not yet published and not yet due at the snapshot, not judged "
        "({count}): {ids}",
    },
    MEETINGS_SHORT: {
        "zh": "{year}年公众列席并公开会议情况的会议{count}次，少于要求的{required}次",
        "en": "{count} meetings in {year} open to the public with their record published, "
        "fewer than the {required} asked",
    },
    MEETING_UNRECORDED: {
        "zh": "以下{count}次公众列席的会议未公开会议情况，不计入：{ids}",
        "en": "meetings open to the public whose record was not published, not counted "
        "({count}): {ids}",
    },
    PERIODS_OUT_OF_ORDER: {
        "zh": "参数 {param}：日期{day}不晚于前一项的{before}，各项期限须按施行日期先后排列",
        "en": "{param}: {day} is not after the entry before ({before}); the dated periods "
        "must run in order",
    },
}

"""The texts of the website plugin's findings, by code, in Chinese and English."""

from __future__ import annotations

from evaluator import Templates

MESSAGES: Templates = {
    "audit.checked_on": {
        "zh": "单位自报的网站检查日期{claimed}与评估方记录的检查日期{used}不同，"
        "以评估方检查日期为准",
        "en": "the unit gives {claimed} as the date its website was checked; the evaluator "
        "checked it on {used}, which is used",
        # the evaluator's own check date: nothing the unit is asked for
        "audience": "evaluator",
    },
    # ---------------------------------------------------------------- availability
    "availability.failures": {
        "zh": "监测{visits}次，访问失败{failures}次，失败率{rate!p:line}，低于{line!p}的"
        "单项否决线，按比例扣分",
        "en": "{failures} of {visits} monitored visits failed ({rate!p:line}), below the "
        "{line!p} veto line: points in proportion",
    },
    "availability.veto": {
        "zh": "监测{visits}次，访问失败{failures}次，失败率{rate!p:line}，达到{line!p}的"
        "单项否决线，单项否决",
        "en": "{failures} of {visits} monitored visits failed ({rate!p:line}), at or over the "
        "{line!p} veto line: single veto",
    },
    "availability.no_visits": {
        "zh": "监测访问次数为0，无法判断可用性，本项不得分",
        "en": "no monitored visits, so availability cannot be judged; the indicator scores nothing",
    },
    # ---------------------------------------------------------------- homepage
    "homepage.undated": {
        "zh": "首页未标注更新日期，视为超过{max_age}天未更新，单项否决",
        "en": "the homepage shows no update date, so it counts as not updated for over "
        "{max_age} days: single veto",
    },
    "homepage.stale": {
        "zh": "首页最后更新于{updated}，至检查日{checked}已{age}天，超过{max_age}天，单项否决",
        "en": "the homepage was last updated on {updated}, {age} days before the check on "
        "{checked}, over {max_age} days: single veto",
    },
    # ---------------------------------------------------------------- columns
    "columns.stale": {
        "zh": "{kind_zh}栏目“{name}”{last_zh}，超过{limit_zh}未更新",
        "en": "{kind_en} column '{name}'{last_en}: not updated for over {limit_en}",
    },
    "columns.blank": {
        "zh": "栏目“{name}”为空白栏目",
        "en": "column '{name}' is blank",
    },
    "columns.veto": {
        "zh": "{reasons_zh}，单项否决",
        "en": "{reasons_en}: single veto",
    },
    "columns.no_data": {
        "zh": "未报告任何栏目，栏目更新情况无法评判，本项不得分",
        "en": "no columns reported, so their updates cannot be judged; the indicator scores "
        "nothing",
    },
    "audit.column_name_kind": {
        "zh": "栏目“{name}”的名称表明其为{applied_zh}栏目，与单位自报的{claimed_zh}不符，"
        "按{applied_zh}评判；如该栏目确为{claimed_zh}栏目，请提供栏目内容的证明材料",
        "en": "column '{name}': its name says it is a {applied_en} column, not {claimed_en} as "
        "the unit gives it; judged as {applied_en}: if it is a {claimed_en} column, please "
        "provide evidence of what it holds",
        "audience": "unit",
    },
    "audit.column_kind": {
        "zh": "待核实：以下{count}个栏目按单位自报的类别评判，未经评估方核实（括号内为按较严类别"
        "评判时本指标相差的分数）：{details_zh}；请提供栏目类别的证明材料，如均不予认可，"
        "本指标将少得{at_stake:.4g}分{veto_zh}",
        "en": "to verify: columns judged by the kind the unit gives them, not confirmed by the "
        "evaluator, each with what the stricter kind would cost the indicator ({count}): "
        "{details_en}; please provide evidence of each column's kind: all refused, the "
        "indicator would lose {at_stake:.4g} points{veto_en}",
        "audience": "unit",
    },
    "audit.column_kind_unconfirmed": {
        "zh": "待核实：以下{count}个栏目的自报类别未经评估方核实，按较严类别评判（括号内为经核实"
        "认可时本指标相差的分数）：{details_zh}；请提供栏目类别的证明材料，如均经核实认可，"
        "本指标可多得{at_stake:.4g}分{veto_zh}",
        "en": "to verify: columns whose kind as the unit gives it the evaluator has not "
        "confirmed, judged by the stricter kind, each with what confirming it would give back "
        "({count}): {details_en}; please provide evidence of each column's kind: all "
        "confirmed, the indicator would gain {at_stake:.4g} points{veto_en}",
        "audience": "unit",
    },
    "columns.name_ending_twice": {
        "zh": "参数 {param}：{word!q}同时列于{first}和{second}两类，以其结尾的栏目名称无法判断类别",
        "en": "{param}: {word!q} is listed for both {first} and {second}, so a name ending with "
        "it could not say its kind",
    },
    "columns.unknown_name_kind_no_interval": {
        "zh": "参数 {param}：{kind}类栏目没有规定更新期限，不能作为较严的类别",
        "en": "{param}: {kind} has no interval in max_age, so it can never be the stricter kind",
    },
    # ---------------------------------------------------------------- messages
    "messages.slow": {
        "zh": "留言“{id}”（{received}收到）{state_zh}，超过{within}个工作日",
        "en": "message '{id}' (received {received}) {state_en}, over {within} working days",
    },
    "messages.unanswered": {
        "zh": "有效留言超过{months}个月未答复，单项否决：{details_zh}",
        "en": "valid messages left unanswered for over {months} months, single veto: {details_en}",
    },
    "messages.carried_over": {
        "zh": "本年度收到、{months}个月答复期届满于{next}年的留言{count}条结转下一年度评判：{ids}",
        "en": "messages of the year whose {months}-month limit ends in {next}, carried over "
        "to that year's evaluation ({count}): {ids}",
    },
    "messages.none_judged": {
        "zh": "没有在本年度答复或到期、可评判的有效留言，本项不适用",
        "en": "no valid message settled within the year, so this is not applicable",
    },
    "audit.invalid_messages": {
        "zh": "单位自行标注为无效、未予评判的留言{count}条：{ids}；请提供认定无效的依据",
        "en": "messages the unit marked invalid, not judged ({count}): {ids}; please provide "
        "the grounds on which each was found invalid",
        "audience": "unit",
    },
    # ---------------------------------------------------------------- enquiry channel
    "enquiry.missing": {
        "zh": "评估方核查：网站未提供有效的网上咨询建言渠道，单项否决",
        "en": "checked by the evaluator: the website offers no working online channel for "
        "enquiries and suggestions: single veto",
    },
    "enquiry.not_checked": {
        "zh": "评估方未记录网上咨询建言渠道的核查结果，本项不适用",
        "en": "the evaluator recorded no check of the online enquiry channel, so this is "
        "not applicable",
    },
    # ---------------------------------------------------------------- serious problems
    "serious.veto": {
        "zh": "评估方发现严重问题，单项否决：{details_zh}",
        "en": "the evaluator found serious problems, a single veto: {details_en}",
    },
    "serious.not_a_veto": {
        "zh": "评估方记录的以下问题不属于本方案的单项否决类别，不作否决：{details_zh}",
        "en": "problems the evaluator recorded that are not a veto in this scheme: {details_en}",
    },
    "serious.not_checked": {
        "zh": "评估方未记录严重问题的核查结果，本项不适用",
        "en": "the evaluator recorded no check for serious problems, so this is not applicable",
    },
    # ---------------------------------------------------------------- links
    "broken_links.found": {
        "zh": "发现失效链接{count}个，每个扣{each:g}分",
        "en": "{count} broken links found, {each:g} points each",
    },
    "broken_links.no_data": {
        "zh": "未提交失效链接检查数据，本项不得分",
        "en": "no broken-link check submitted; the indicator scores nothing",
    },
}

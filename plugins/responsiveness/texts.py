"""The texts of the responsiveness plugin's findings, by code, in Chinese and English.

Each code is declared once, here; the scorers give a finding its code and
params, and the engine writes its message in the run's language. Shared codes
(``integrity.duplicate_id``, ``integrity.after_snapshot`` ...) are the
engine's, from :mod:`evaluator.rules`.
"""

from __future__ import annotations

from evaluator import Templates

MESSAGES: Templates = {
    # ---------------------------------------------------------------- params checks
    "requests.regime_missing": {
        "zh": "参数 {param}：没有方案所用时限制度{regime!q}的时限",
        "en": "{param}: no limits for {regime!q}, the scheme's regime",
    },
    "requests.regime_in_force_missing": {
        "zh": "参数 {param}：没有{regime!q}的时限，"
        "而{received_from}至{received_to}收到的申请适用该制度",
        "en": "{param}: no limits for {regime!q}, in force for requests received between "
        "{received_from} and {received_to}",
    },
    "responsiveness.goalposts_coincide": {
        "zh": "参数 {full_at} 与 {zero_at} 相同（均为 {value}），无法在两者之间按比例计分",
        "en": "{full_at} and {zero_at} are both {value}: no rate can be placed between them",
    },
    # ---------------------------------------------------------------- test requests
    "test_requests.none": {
        "zh": "评估方证据文件夹中没有验证性申请记录表，本项不适用",
        "en": "the evaluator's evidence holds no test requests (evidence/test_requests): "
        "not applicable",
    },
    "test_requests.none_sent": {
        "zh": "评估方未向本单位发出验证性申请，本项不适用",
        "en": "the evaluator sent this unit no test request: not applicable",
    },
    "test_requests.sent": {
        "zh": "验证性申请“{id}”：{sent}经{channel_zh}发出，受理日期{received}，答复日期{replied}，"
        "答复结果：{outcome_zh}",
        "en": "test request '{id}': sent {sent} by {channel}, received {received}, replied "
        "{replied}, outcome: {outcome}",
    },
    "test_requests.channel_refused": {
        "zh": "验证性申请“{id}”：{channel_zh}渠道未受理申请",
        "en": "test request '{id}': the {channel} channel did not accept it",
    },
    "test_requests.late": {
        "zh": "验证性申请“{id}”：{received}收到，应于{due}前答复（{limit}个工作日），"
        "答复日期{replied}",
        "en": "test request '{id}': received {received}, due {due} ({limit} working days), "
        "replied {replied}",
    },
    "test_requests.no_receipt_day": {
        "zh": "以下验证性申请无法确定收到申请之日（信函无签收回执日期），不评判是否按期：{records}",
        "en": "test requests whose day of receipt cannot be told (a letter without a signed "
        "receipt), not judged on time: {records}",
    },
    "test_requests.not_judged": {
        "zh": "以下{count}件验证性申请至评估基准日尚未到期或结转下一年度评判：{ids}",
        "en": "test requests not yet due by the snapshot, or carried over ({count}): {ids}",
    },
    "test_requests.none_judged": {
        "zh": "没有可评判的验证性申请，本项不适用",
        "en": "no test request to judge: not applicable",
    },
    "test_requests.form_missing": {
        "zh": "验证性申请“{id}”的答复未{element_zh}（依据：{source}）",
        "en": "test request '{id}': the reply lacks {element_en} (source: {source})",
    },
    "test_requests.form_unsourced": {
        "zh": "验证性申请“{id}”的答复未{element_zh}；本方案未写明该要求的依据，不扣分",
        "en": "test request '{id}': the reply lacks {element_en}; the scheme names no source "
        "for it, so it costs nothing",
    },
    "test_requests.no_reply_to_read": {
        "zh": "没有可审查答复要素的验证性申请答复，本项不适用",
        "en": "no test request's reply to read for its elements: not applicable",
    },
    "test_requests.outcome_indefensible": {
        "zh": "验证性申请“{id}”：评估方认为答复结果（{outcome}）不妥当",
        "en": "test request '{id}': the evaluator judged the outcome ({outcome}) not defensible",
    },
    "integrity.test_request_unlogged": {
        "zh": "验证性申请“{id}”（{channel_zh}，收到日期{received}，单位受理编号{unit_ref}）"
        "不在单位报送的依申请公开登记中",
        "en": "test request '{id}' ({channel}, received {received}, unit ref {unit_ref}) is "
        "not in the unit's own request log",
    },
    "integrity.test_request_dates": {
        "zh": "验证性申请“{id}”与单位登记的申请“{log_id}”日期不一致（评估方/单位）：{differences}",
        "en": "test request '{id}' and the unit's logged request '{log_id}' differ in their "
        "dates (evaluator / unit): {differences}",
    },
    "audit.test_request_candidates": {
        "zh": "待核实：验证性申请“{id}”在单位登记中有{count}件可能对应的申请：{candidates}",
        "en": "to verify: test request '{id}' may be any of {count} requests in the unit's "
        "log: {candidates}",
        # the evaluator's own test requests are never named to the unit
        "audience": "evaluator",
    },
    "audit.test_request_in_time_gap": {
        "zh": "待核实：单位登记的按期答复率{log_share:.0%}（{log_judged}件）与验证性申请的"
        "{test_share:.0%}（{test_judged}件）相差超过{limit:.0%}",
        "en": "to verify: the log's in-time share {log_share:.0%} ({log_judged} judged) and the "
        "test requests' {test_share:.0%} ({test_judged}) differ by more than {limit:.0%}",
        "audience": "evaluator",
    },
    # ---------------------------------------------------------------- incidents
    "incidents.limits_out_of_order": {
        "zh": "参数 {param}：日期{day}不晚于前一项的{before}，各项时限须按施行日期先后排列",
        "en": "{param}: {day} is not after the entry before ({before}); the dated limits must "
        "run in order",
    },
    "incidents.late": {
        "zh": "{level_zh}舆情“{id}”：{problems_zh}（时限依据{source}）",
        "en": "{level_en} incident '{id}': {problems_en} (limits: {source})",
    },
    "integrity.response_before_emergence": {
        "zh": "{level_zh}舆情“{id}”：{problems_zh}",
        "en": "{level_en} incident '{id}': {problems_en}",
    },
    "incidents.no_limit": {
        "zh": "以下{count}起舆情发生于{since}（{source}公开发布）之前，当时没有回应时限的规定，"
        "不按时限评判：{ids}",
        "en": "incidents that emerged before {since}, when {source} was published, had no "
        "time limit and are not judged on time ({count}): {ids}",
    },
    "incidents.carried_over": {
        "zh": "本年度发生、回应时限届满于{next}年的政务舆情{count}起结转下一年度评判：{ids}",
        "en": "incidents of the year whose limits end in {next}, carried over to that year's "
        "evaluation ({count}): {ids}",
    },
    "incidents.none_judged": {
        "zh": "没有在本年度办结或到期、可评判的政务舆情，本项不适用",
        "en": "no incident settled within the year, so this is not applicable",
    },
    "audit.incident_level": {
        "zh": "待核实：以下{count}起舆情按单位自报的一般舆情评判，未经评估方核实；按发生之日施行的"
        "重大舆情时限则未达标（括号内为不予认可时本指标相差的分数）：{details_zh}；请提供认定为"
        "一般舆情的依据材料，如均不予认可，本指标将少得{at_stake:.4g}分",
        "en": "to verify: incidents judged as general, as the unit classes them, not confirmed "
        "by the evaluator, that would fail the limits for major ones in force when they "
        "emerged, each with what refusing the class would cost the indicator ({count}): "
        "{details_en}; please provide the grounds for classing them as general: all refused, "
        "the indicator would lose {at_stake:.4g} points",
        "audience": "unit",
    },
    "audit.incident_level_unconfirmed": {
        "zh": "待核实：以下{count}起舆情单位自报为一般舆情，未经评估方核实，按发生之日施行的重大"
        "舆情时限评判（括号内为经核实认可时本指标相差的分数）：{details_zh}；请提供认定为一般"
        "舆情的依据材料，如均经核实认可，本指标可多得{at_stake:.4g}分",
        "en": "to verify: incidents the unit classes as general, not confirmed by the "
        "evaluator, judged by the limits for major ones in force when they emerged, each with "
        "what confirming the class would give back ({count}): {details_en}; please provide the "
        "grounds for classing them as general: all confirmed, the indicator would gain "
        "{at_stake:.4g} points",
        "audience": "unit",
    },
    # ---------------------------------------------------------------- requests
    "requests.no_data": {
        "zh": "未提交依申请公开数据，本项不得分",
        "en": "no information requests submitted; the indicator scores nothing",
    },
    "requests.late": {
        "zh": "依申请公开“{id}”（{received}收到）的答复期限为{due!d}（{limit}个工作日），"
        "{answer_zh}",
        "en": "information request '{id}' (received {received}) was due on {due!d} "
        "({limit} working days); {answer_en}",
    },
    "requests.carried_over": {
        "zh": "本年度收到、答复期限届满于{next}年的依申请公开{count}件结转下一年度评判：{ids}",
        "en": "requests received this year and due in {next}, carried over to that year's "
        "evaluation ({count}): {ids}",
    },
    "integrity.empty_but_reported": {
        "zh": "{list}为空（本年度无{what_zh}），而本单位{report_year}年度报告的统计数据"
        "“{figure}”为 {value}：{effect_zh}",
        "en": "{list} is empty (no {what_en} this year), yet the unit's annual report for "
        "{report_year} gives {figure} as {value}: {effect_en}",
    },
    "requests.none_judged": {
        "zh": "没有在本年度办结或到期、可评判的依申请公开，本项不适用",
        "en": "no information request settled within the year, so this is not applicable",
    },
    "requests.regime_overridden": {
        "zh": "以下{count}件依申请公开按收到之日施行的{applied_zh}确定答复期限，"
        "而非评估方案所定的{scheme_zh}：{ids}",
        "en": "requests judged under {applied_en}, in force on the day they were received, "
        "not under {scheme_en} named by the scheme ({count}): {ids}",
    },
    "requests.pause_not_lawful": {
        "zh": "依申请公开“{id}”征求其他机关意见的时间，按{regime_zh}不予扣除"
        "（征求第三方意见的时间方可扣除）",
        "en": "request '{id}': time spent consulting other agencies is not paused under "
        "{regime_en} (only consulting a third party is)",
    },
    "requests.extension_late_notice": {
        "zh": "依申请公开“{id}”的延期告知日期{notified}晚于原答复期限{due!d}，延期不予认可",
        "en": "request '{id}': the extension was notified on {notified}, after the original "
        "deadline {due!d}; it does not count",
    },
    "integrity.notice_before_request": {
        "zh": "依申请公开“{id}”的延期告知日期{notified}早于收到日期{received}，延期不予认可",
        "en": "request '{id}': the extension notice {notified} predates the request "
        "({received}); it does not count",
    },
    "requests.extension_unproven": {
        "zh": "以下{count}件依申请公开自报延期，但未报告告知申请人延期的日期：延期须经政府信息公开"
        "工作机构负责人同意并告知申请人（2008年条例第二十四条第二款、2019年条例第三十三条第二款），"
        "行政机关对此负举证责任（行政诉讼法第三十四条），故不计延期，按原期限评判：{ids}",
        "en": "requests the unit reports as extended with no date the applicant was told: an "
        "extension needs the approval of the head of the disclosure office and the applicant "
        "told (2008 art. 24(2), 2019 art. 33(2)), which the agency must prove (Administrative "
        "Litigation Law art. 34), so they are judged on the original limit ({count}): {ids}",
    },
    "requests.correction_not_restarted": {
        "zh": "依申请公开“{id}”：{reason_zh}，补正不重新起算答复期限，期限自收到申请之日起算",
        "en": "request '{id}': {reason_en}; the correction does not restart the clock, which "
        "runs from receipt",
    },
    "integrity.correction_notice_out_of_order": {
        "zh": "依申请公开“{id}”的补正告知日期{notified}不在收到日期{received}至补正日期"
        "{corrected}之间，不予认可，期限自收到日期起算",
        "en": "request '{id}': the notice to correct ({notified}) is not between receipt "
        "({received}) and the corrected application ({corrected}); the clock runs from receipt",
    },
    "requests.pause_capped": {
        "zh": "依申请公开“{id}”征求{whom_zh}意见用时{days}个工作日，"
        "按方案每次最多扣除{cap}个工作日",
        "en": "request '{id}': consulting {whom_en} took {days} working days; the scheme pauses "
        "the clock for at most {cap} per consultation",
    },
    "integrity.correction_out_of_order": {
        "zh": "依申请公开“{id}”的补正日期{corrected}不在收到日期{received}至答复日期"
        "（或检查日）{end}之间，不予认可，期限自收到日期起算",
        "en": "request '{id}': the corrected application {corrected} is not between receipt "
        "({received}) and the reply or check date ({end}); the clock runs from receipt",
    },
    "integrity.pause_out_of_order": {
        "zh": "依申请公开“{id}”报告的征求意见期间（{begun}至{ended}）不完整或不在办理期间"
        "（{start}至{end}）内，不予扣除",
        "en": "request '{id}': the consultation ({begun} to {ended}) is incomplete or outside "
        "the handling period ({start} to {end}); not paused",
    },
    "audit.extended": {
        "zh": "单位自报依法延期、按延长期限评判的依申请公开{count}件：{ids}；请提供延期经审批"
        "并告知申请人的证明材料",
        "en": "requests the unit reports as lawfully extended, judged against the longer "
        "limit ({count}): {ids}; please provide evidence that each extension was approved and "
        "notified to the applicant",
        "audience": "unit",
    },
    "audit.extension_notice_missing": {
        "zh": "以下{count}件延期的依申请公开未报告延期告知日期，无法核实是否在原期限内告知"
        "申请人：{ids}；请提供延期告知书及其送达日期的证明材料",
        "en": "extended requests giving no date the extension was notified, so notice by the "
        "original deadline cannot be checked ({count}): {ids}; please provide the notices of "
        "extension and evidence of the day each reached the applicant",
        "audience": "unit",
    },
    "audit.correction": {
        "zh": "单位自报申请人补正、自补正之日起计算期限的依申请公开{count}件：{ids}；请提供"
        "补正告知书及申请人补正的证明材料",
        "en": "requests the unit reports as corrected by the applicant, timed from the "
        "corrected application ({count}): {ids}; please provide the notices to correct and "
        "evidence of the applicants' corrections",
        "audience": "unit",
    },
    "audit.correction_late_notice": {
        "zh": "以下{count}件依申请公开的补正告知晚于告知期限，按方案对2019年条例第三十条的理解"
        "仍自补正之日起算：{ids}；请提供补正告知书及其送达日期的证明材料",
        "en": "requests whose notice to correct came after its due day, timed from the "
        "corrected application by the scheme's reading of 2019 art. 30 ({count}): {ids}; "
        "please provide the notices to correct and evidence of the day each reached the "
        "applicant",
        "audience": "unit",
    },
    "audit.correction_2008": {
        "zh": "以下{count}件2008年条例施行期间的依申请公开自报申请人补正：该条例未规定补正后"
        "重新计算答复期限（第二十一条），曾引用的国办发〔2010〕5号未能核实，故期限仍自收到申请"
        "之日起算，请核查补正材料：{ids}",
        "en": "requests under the 2008 regulation the unit reports as corrected: that "
        "regulation does not restart the clock on a correction (art. 21), and the document "
        "once cited for it (国办发〔2010〕5号) was not verified, so the clock runs from receipt "
        "({count}); check the records: {ids}",
        # the scheme's reading of the law, for the evaluator: the unit sees the lateness it costs
        "audience": "evaluator",
    },
    "audit.agency_consultation": {
        "zh": "以下{count}件依申请公开征求其他机关意见超过{days}个工作日（条例未规定其他机关"
        "答复期限），征求意见时间已全部扣除：{ids}；请提供征求意见的函件及复函",
        "en": "requests paused for more than {days} working days consulting other agencies, "
        "for which the regulation sets no period ({count}): {ids}; please provide the letters "
        "asking for their views and the replies",
        "audience": "unit",
    },
    "audit.consultation": {
        "zh": "单位自报征求意见、扣除征求意见时间的依申请公开{count}件：{ids}；请提供征求意见的"
        "函件及复函",
        "en": "requests the unit reports as paused for consultation ({count}): {ids}; please "
        "provide the letters asking for views and the replies",
        "audience": "unit",
    },
    # ---------------------------------------------------------------- hotline
    "hotline.no_data": {
        "zh": "未提交{what_zh}，{effect_zh}",
        "en": "no {what_en} submitted; {effect_en}",
    },
    "hotline.no_base": {
        "zh": "{whole_zh}为0，热线{rate_zh}无法计算，该项不得分",
        "en": "{whole_en} is 0, so the hotline {rate_en} cannot be worked out; that part "
        "scores nothing",
    },
    "hotline.below_full": {
        "zh": "热线{rate_zh}{value!p:full_at,zero_at}（{part}/{whole}），满分线{full_at!p}，"
        "零分线{zero_at!p}",
        "en": "hotline {rate_en} {value!p:full_at,zero_at} ({part}/{whole}); full marks at "
        "{full_at!p}, none at {zero_at!p}",
    },
    "hotline.no_tickets": {
        "zh": "本年度热线无来电、无派单，本项不适用",
        "en": "no hotline calls or tickets this year, so this is not applicable",
    },
    # ---------------------------------------------------------------- appeals
    "appeals.no_data": {
        "zh": "未提交行政复议和行政诉讼数据，本项不得分",
        "en": "no reconsideration or litigation figures submitted; the indicator scores nothing",
    },
    "appeals.corrected": {
        "zh": "复议诉讼已审结{decided}件，被纠错{corrected}件，纠错率{share!p:full_at,zero_at}"
        "（满分线{full_at!p}，零分线{zero_at!p}）",
        "en": "{decided} reconsideration and litigation cases decided, {corrected} corrected "
        "the unit: {share!p:full_at,zero_at} (full marks at {full_at!p}, none at {zero_at!p})",
    },
    "appeals.none_decided": {
        "zh": "本年度无已审结的复议诉讼案件，本项不适用",
        "en": "no reconsideration or litigation case decided this year, so this is not applicable",
    },
}

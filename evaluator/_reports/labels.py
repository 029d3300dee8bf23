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
    # the scheme's veto_scope, and what a vetoed unit's note adds
    "veto_policy": {"zh": "否决规则", "en": "Veto policy"},
    "veto_scope_unit": {
        "zh": "一票否决的单位评为最后一等，排在未被否决的单位之后",
        "en": "a vetoed unit gets the last grade and ranks after every unit not vetoed",
    },
    "veto_scope_dimension": {
        "zh": "一票否决项所在维度计0分，单位按总分评等和排名",
        "en": "the dimension holding a vetoed indicator scores 0; the unit is graded and "
        "ranked by its total",
    },
    "veto_scope_stated": {"zh": "（方案规定）", "en": " (as the scheme states)"},
    "veto_scope_default": {
        "zh": "（方案未规定，按默认）",
        "en": " (the scheme does not say: the default)",
    },
    # the scheme's self_claims, and a claim of the unit's listed with the points at stake
    "claims_policy": {"zh": "单位自报分类", "en": "Units' own classes"},
    "self_claims_trusted": {
        "zh": "未经评估方核实的，照单位自报评分，列为待核实并注明不予认可时相差的分数",
        "en": "scored as the unit gives them until the evaluator checks them, each listed as to "
        "verify with the points refusing it would cost",
    },
    "self_claims_strict": {
        "zh": "未经评估方核实的，按较严类别评分，列为待核实并注明经核实认可时相差的分数",
        "en": "scored by the stricter class until the evaluator confirms them, each listed as to "
        "verify with the points confirming it would give back",
    },
    "claims_to_verify": {"zh": "待核实的单位自报分类", "en": "Classes the unit gave, to verify"},
    "points_at_stake": {"zh": "涉及分值", "en": "Points at stake"},
    "at_stake_cell": {"zh": "待核实 {points}", "en": "to verify: {points}"},
    "at_stake_veto": {"zh": "（涉及否决）", "en": " (a veto turns on it)"},
    "dimension_zeroed": {"zh": "{names}计0分", "en": "{names} scored 0"},
    "unvetoed_rank": {"zh": "未否决时排名 {rank}", "en": "rank {rank} without the veto"},
    "incomplete": {"zh": "未完成", "en": "incomplete"},
    # a total computed without some weighted dimensions (none of their indicators applied)
    "partial_total": {"zh": "总分未含", "en": "total leaves out"},
    "lost_points": {"zh": "扣分明细", "en": "Lost points"},
    "record_losses": {"zh": "扣分记录", "en": "Lost points by record"},
    "record": {"zh": "记录", "en": "Record"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "score": {"zh": "得分", "en": "Score"},
    "lost": {"zh": "失分", "en": "Lost"},
    "finding": {"zh": "问题", "en": "Finding"},
    "deduction": {"zh": "扣分", "en": "Deduction"},
    "records": {"zh": "涉及记录", "en": "Records"},
    "in_all": {"zh": "… 共{n}条", "en": "… {n} in all"},
    "status_error": {"zh": "评分出错", "en": "scorer failed"},
    "status_no_data": {"zh": "未提交数据", "en": "no data submitted"},
    # an indicator that does not apply costs nothing: its weight goes to the rest, or its
    # dimension (none of whose indicators applies) counts at the scheme's fixed score
    "not_applicable": {
        "zh": "不适用（不计分，权重按比例分配）",
        "en": "not applicable (not scored; its weight shared among the rest)",
    },
    "not_applicable_fixed": {
        "zh": "不适用（不计分，本维度按固定分{score}分计）",
        "en": "not applicable (not scored; the dimension counts at its fixed score of {score})",
    },
    # the unit sent no data for these dimensions (or indicators): they score 0
    "not_submitted": {"zh": "{names}未提交，按0分计", "en": "not submitted, scored 0: {names}"},
    # why a unit is incomplete, in short (the ranking tables' note)
    "why_scorer_failed": {"zh": "评分器出错 {error}", "en": "scorer raised {error}"},
    "why_bad_result": {"zh": "评分器返回值无效", "en": "scorer returned an unusable result"},
    "why_nothing_applicable": {"zh": "没有适用的指标", "en": "no applicable indicator"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    # rank robustness (--robustness N)
    "rank_range": {"zh": "排名区间", "en": "Rank range"},
    "rank_range_cell": {"zh": "{p5}–{p95}（中位 {median}）", "en": "{p5}–{p95} (median {median})"},
    "rank_range_note": {
        "zh": "排名区间：各维度权重分别乘以随机系数（±{spread}）后重新归一，抽样 {draws} 次"
        "（随机种子 {seed}），每次重算总分并排名；区间为所得排名的第5至第95百分位"
        "（最近秩法），括号内为中位数。",
        "en": "Rank range: each dimension weight multiplied by a random factor (±{spread}) "
        "and renormalised, {draws} draws (seed {seed}), totals recomputed and ranked each "
        "time; the 5th to 95th percentile of the ranks (nearest-rank method), with the median.",
    },
    "rank_range_small_counts": {
        "zh": "少量案件规则（{indicators}）的案件数阈值和扣分上限也各乘以随机系数"
        "（阈值四舍五入取整）。",
        "en": " The small-count rules' thresholds (rounded half-up) and caps ({indicators}) "
        "were multiplied by random factors of their own too.",
    },
    "rank_median": {"zh": "排名中位数", "en": "Median rank"},
    "rank_p5": {"zh": "排名第5百分位", "en": "Rank P5"},
    "rank_p95": {"zh": "排名第95百分位", "en": "Rank P95"},
    "rank_stable_share": {"zh": "名次不变比例", "en": "Share keeping rank"},
    # inputs that could not be scored (every human-readable format ends with them)
    "unscored": {"zh": "未评分", "en": "Not scored"},
    "file": {"zh": "文件", "en": "File"},
    "line": {"zh": "行", "en": "Line"},
    "column": {"zh": "列", "en": "Column"},
    "reason": {"zh": "原因", "en": "Reason"},
    "dimension": {"zh": "维度", "en": "Dimension"},
    "code": {"zh": "代码", "en": "Code"},
    "points": {"zh": "分值", "en": "Points"},
    "weight": {"zh": "权重", "en": "Weight"},
    "weighted": {"zh": "{name}（{weight}%）", "en": "{name} ({weight}%)"},
    "weight_points": {"zh": "{points} 分", "en": "{points} pts"},
    "weight_share": {"zh": "{weight}%", "en": "{weight}%"},
    "weighted_as": {"zh": "{name}（{weight}）", "en": "{name} ({weight})"},
    "weights_points": {"zh": "维度分值（分）", "en": "Dimension points"},
    "points_total": {
        "zh": "合计（总分为各维度得分按分值加权的平均，满分100）",
        "en": "Total (a unit's total is the mean of its dimension scores weighted by these "
        "points, out of 100)",
    },
    # --baseline PREVIOUS.json
    "prev_total": {"zh": "前次总分", "en": "Previous total"},
    "prev_rank": {"zh": "前次排名", "en": "Previous rank"},
    "prev_grade": {"zh": "前次等级", "en": "Previous grade"},
    "change": {"zh": "变化", "en": "Change"},
    "new_unit": {"zh": "新增", "en": "new"},
    "baseline": {"zh": "对比", "en": "Comparison"},
    "baseline_source": {
        "zh": "对比基准：{path}（sha256 {sha}…）",
        "en": "Compared with {path} (sha256 {sha}…)",
    },
    "baseline_gone": {"zh": "前次有而本次无的单位", "en": "Units only in the previous results"},
    "baseline_dimensions": {
        "zh": "两次结果的维度不同（仅前次有：{before}；仅本次有：{now}），总分变化不宜直接比较",
        "en": "the two results have different dimensions (only before: {before}; only now: "
        "{now}); changes of the total do not compare like for like",
    },
    "baseline_weights": {
        "zh": "两次结果的维度权重不同（{kinds}），总分变化部分来自权重调整",
        "en": "dimension weights differ between the two results ({kinds}); part of each "
        "change of the total comes from the weights",
    },
    # the review record (复核): decisions applied, the ranking tables' mark, stale decisions
    "review": {"zh": "复核", "en": "Review"},
    "reviews": {"zh": "复核", "en": "Reviews"},
    "review_changed": {"zh": "已改分", "en": "score changed"},
    "review_kept": {"zh": "已复核", "en": "reviewed"},
    "review_note": {
        "zh": "复核：已改分＝经复核有指标得分改变（见该单位的复核记录）；已复核＝复核后维持原分。",
        "en": "Review: score changed = a review decision changed one of the unit's scores (see "
        "its review record); reviewed = decisions that kept every score.",
    },
    "decision_accepted": {"zh": "采纳", "en": "accepted"},
    "decision_partly": {"zh": "部分采纳", "en": "partly accepted"},
    "decision_rejected": {"zh": "不采纳", "en": "rejected"},
    "review_decision": {"zh": "复核结论", "en": "Decision"},
    "review_points": {"zh": "调整分值", "en": "Points restored"},
    "review_reason": {"zh": "理由", "en": "Reason"},
    "review_reviewer": {"zh": "复核人", "en": "Reviewer"},
    "review_date": {"zh": "复核日期", "en": "Decided on"},
    "review_before": {"zh": "复核前得分", "en": "Score before"},
    "review_after": {"zh": "复核后得分", "en": "Score after"},
    "review_state": {"zh": "状态", "en": "State"},
    "review_applied": {"zh": "已应用", "en": "applied"},
    "review_stale": {"zh": "未匹配任何问题，未应用", "en": "matched no finding; not applied"},
    "review_all_records": {"zh": "全部", "en": "all"},
    "review_claim_gone": {
        "zh": "单位自报的分类（待核实事项，经复核已不再列出）",
        "en": "a class the unit gave its records (to verify; no longer listed after the review)",
    },
    "review_finding_gone": {
        "zh": "该扣分事项（本次评估结果中已不再列出）",
        "en": "the deduction (no longer listed in these results)",
    },
    "review_intro": {
        "zh": "以下为本单位提出复核、经评估方复核的扣分事项及复核结论。",
        "en": "The deductions this unit contested, and the evaluator's decision on each.",
    },
    "review_line": {
        "zh": "{indicator}{sep}{finding}（{records}）——{decision}，{reason}；"
        "{reviewer} {decided_on}；得分 {before}→{after}",
        "en": "{indicator}{sep}{finding} ({records}): {decision}, {reason}; "
        "{reviewer} {decided_on}; score {before}→{after}",
    },
    "review_stale_line": {
        "zh": "{where}：复核结论（{unit}，{indicator}，{code}，记录：{records}）"
        "未匹配任何问题，未应用",
        "en": "{where}: the decision on {unit}, {indicator}, {code} (records: {records}) "
        "matched no finding and was not applied",
    },
    "review_stale_title": {"zh": "未应用的复核结论", "en": "Review decisions not applied"},
    "review_source": {
        "zh": "复核记录：{path}（sha256 {sha}…，{files}个文件）",
        "en": "Review record: {path} (sha256 {sha}…, {files} files)",
    },
    "review_before_after": {"zh": "得分（复核前→后）", "en": "Score (before → after)"},
    # --baseline against the results before the review: deductions withdrawn since
    "withdrawn": {"zh": "撤销或减少的扣分", "en": "Deductions withdrawn or reduced"},
    "withdrawn_line": {
        "zh": "{indicator}{sep}{finding}（{records}）扣分 {before}→{after}{decision}",
        "en": "{indicator}{sep}{finding} ({records}): deduction {before}→{after}{decision}",
    },
    "withdrawn_by": {
        "zh": "（复核{decision}，{reviewer} {decided_on}）",
        "en": " (review: {decision}, {reviewer} {decided_on})",
    },
    "withdrawn_before": {"zh": "原扣分", "en": "Deduction before"},
    "withdrawn_after": {"zh": "现扣分", "en": "Deduction now"},
    # workbook and pages
    "about": {"zh": "说明", "en": "About"},
    "band": {"zh": "分数段", "en": "Score band"},
    "unit_count": {"zh": "单位数", "en": "Units"},
    "distribution": {"zh": "{kind}总分分布", "en": "Totals: {kind}"},
    "scheme": {"zh": "评估方案", "en": "Scheme"},
    "scheme_id": {"zh": "方案编号", "en": "Scheme id"},
    "version": {"zh": "版本", "en": "Version"},
    "scheme_sha256": {"zh": "方案 SHA-256", "en": "Scheme SHA-256"},
    "precision": {"zh": "小数位数", "en": "Decimals"},
    "engine": {"zh": "评估引擎", "en": "Engine"},
    "plugins": {"zh": "评分插件", "en": "Plugins"},
    "generated_at": {"zh": "生成时间", "en": "Generated at"},
    "weights": {"zh": "维度权重（%）", "en": "Dimension weights (%)"},
    "grades": {"zh": "等级划分", "en": "Grades"},
    "min_score": {"zh": "最低分", "en": "From"},
    "grade_rule": {
        "zh": "总分不低于最低分即得该等级。",
        "en": "A unit gets the first grade whose lower bound its total reaches.",
    },
    "rank_rule": {
        "zh": "同类单位内按总分（保留{precision}位小数）竞争排名（1、2、2、4），"
        "未完成评分的单位不排名。",
        "en": "Units are ranked within their kind on totals rounded to {precision} decimals "
        "(1, 2, 2, 4); incomplete units are not ranked.",
    },
    "mean": {"zh": "平均", "en": "Mean"},
    "dimension_scores": {"zh": "各维度得分", "en": "Scores per dimension"},
    "median": {"zh": "中位数", "en": "Median"},
    "best": {"zh": "最高", "en": "Best"},
    "this_unit": {"zh": "本单位", "en": "This unit"},
    "dimension_means": {"zh": "各维度平均得分", "en": "Mean score per dimension"},
    "rank_of": {"zh": "第 {rank} 名（共 {n} 个）", "en": "rank {rank} of {n}"},
    "feedback": {"zh": "评估反馈", "en": "Evaluation feedback"},
    "feedback_index": {"zh": "各单位评估反馈", "en": "Feedback per unit"},
    "advice": {"zh": "改进建议", "en": "What to improve"},
    "always_shown": {"zh": "需核实的事项", "en": "Points to verify"},
    "full_marks": {"zh": "本单位各项指标均得满分。", "en": "Full marks on every indicator."},
    "back_to_index": {"zh": "返回目录", "en": "Back to the index"},
    # feedback for a unit that could not be scored: the index names it, its own page says why
    "unscored_listed": {
        "zh": "以下单位的材料未能评分；各单位的问题及修改办法只列在其单独页面上。",
        "en": "These units' submissions could not be scored; each unit's problems and what to "
        "fix are on its own page only.",
    },
    "unscored_note": {
        "zh": "本单位的材料未能评分。请逐条修改下列问题后重新提交。",
        "en": "This unit's submission could not be scored. Fix each problem below and hand it "
        "in again.",
    },
    "to_fix": {"zh": "需要修改的问题", "en": "What to fix"},
    "no_page_reserved": {
        "zh": "未生成单独页面：编号与目录页 index.html 同名，请改用其他编号",
        "en": "no page of its own: the id is that of the index page (index.html); use another id",
    },
    "no_page_twin": {
        "zh": "未生成单独页面：另有单位的编号与之仅大小写不同，两页的文件名会相互覆盖",
        "en": "no page of its own: another unit's id differs from it only in case, so their "
        "pages' file names would overwrite each other",
    },
    "no_page_name": {
        "zh": "未生成单独页面：编号不能安全地用作文件名",
        "en": "no page of its own: the id cannot safely name a file",
    },
    "details": {"zh": "详情", "en": "Details"},
    "ranking": {"zh": "排名", "en": "Ranking"},
    # the public ranking (--public) and the rule code beside a finding
    "method": {"zh": "评估方法", "en": "Method"},
    "as_of": {"zh": "评估基准日", "en": "Assessed as of"},
    "public_ranking": {"zh": "评估结果排名", "en": "Ranking"},
    "public_unscored": {
        "zh": "另有{n}份提交未能评分，未列入排名。",
        "en": "{n} more submission(s) could not be scored and are not ranked.",
    },
    "total_rule": {
        "zh": "维度得分 = 100 × 所得分 ÷ 应得分；总分为各维度得分按本类单位权重的加权平均。",
        "en": "A dimension's score is 100 × points earned ÷ points possible; the total is "
        "the mean of the dimension scores weighted as for the unit's kind.",
    },
    "rule_code": {"zh": "规则编号", "en": "Rule"},
    "plugin_count": {"zh": "评分插件 {n} 个", "en": "{n} plugins"},
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

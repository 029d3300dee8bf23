"""The annual-report plugin's finding codes and their texts in both languages."""

from __future__ import annotations

WRONG_YEAR = "annual_report.wrong_year"


MISSING = "annual_report.missing_figure"


SUM = "annual_report.sum"


CHANGE = "annual_report.change"


SHARE = "annual_report.share"


AT_MOST = "annual_report.at_most"


BALANCE = "annual_report.balance"


TEXT_TABLE = "annual_report.text_table"


LATE = "annual_report.late"


UNDATED = "annual_report.undated"


# Plugin-owned integrity codes: the shared ``integrity.after_snapshot`` has no
# declared text yet, and declaring it here would reword every other plugin's.
AFTER_SNAPSHOT = "integrity.annual_report_after_snapshot"


BEFORE_YEAR_END = "integrity.annual_report_before_year_end"


COUNT_MISMATCH = "integrity.request_count_mismatch"


REGIME_OVERRIDDEN = "annual_report.regime_overridden"


NO_DOCUMENT = "annual_report.no_document"


NO_FIGURES = "annual_report.no_figures"


NO_FORMAT = "annual_report.no_format"


NO_YEAR = "annual_report.no_year"


AT = "annual_report.at"
"""Not a finding: where a figure stands in the document, shown inside a break's text."""


TRANSCRIPTION = "integrity.transcription"


DOCUMENT_UNREADABLE = "annual_report.document_unreadable"


DOCUMENT_NOTE = "annual_report.document_note"


DOCUMENT_DIFFERS = "integrity.document_differs"


DEADLINE_OVERRIDE = "audit.annual_report_deadline_override"


# The due-date rule's codes (plugins/_disclosure/report_due.py), worded there.
DUE_REGIME_MISSING = "annual_report.due_regime_missing"


DUE_KIND_MISSING = "annual_report.due_kind_missing"


DUE_NOT_EVERY_YEAR = "annual_report.due_not_every_year"


MESSAGES: dict[str, dict[str, str]] = {
    NO_DOCUMENT: {
        "zh": "未提供年度报告原文（评估方证据与本单位文件夹中均无），按方案要求不能评判统计数据",
        "en": "no published report was given (neither in the evaluator's evidence nor in the "
        "unit's folder); the scheme requires it to judge the figures",
    },
    NO_FIGURES: {
        "zh": "年度报告原文{file!q}中未读到{format_name}的任何统计数据（表格或正文），不能评判",
        "en": "no figure of the format {format!q} (table or text) was found in the published "
        "report {file!q}: it cannot be judged",
    },
    NO_FORMAT: {
        "zh": "没有适用于{year}年度报告的格式，年度报告原文{file!q}未能评判",
        "en": "no report format covers the year {year}; the published report {file!q} was "
        "not judged",
    },
    NO_YEAR: {
        "zh": "未能从{file!q}的标题读出报告所属年度，请用 --year 指定",
        "en": "the year {file!q} covers cannot be read from its title: give --year",
    },
    AT: {"zh": "（原文{place}）", "en": " (report: {place_en})"},
    TRANSCRIPTION: {
        "zh": "填报的{name!q}为{typed}，年度报告原文为{document}{where!c}；按原文评判",
        "en": "the typed {figure!q} is {typed}, the published report{where!c} has {document}; "
        "the report is judged",
    },
    DOCUMENT_UNREADABLE: {
        "zh": "年度报告原文{file!q}无法读取：{problem!c}",
        "en": "the published report {file!q} cannot be read: {problem!c}",
    },
    DOCUMENT_NOTE: {
        "zh": "年度报告原文{file!q}：{note!c}",
        "en": "the published report {file!q}: {note!c}",
    },
    DOCUMENT_DIFFERS: {
        "zh": "评估方保存的年度报告{evaluator!q}（sha256 {evaluator_sha256}）与本单位提供的"
        "{unit!q}（sha256 {unit_sha256}）不一致；按评估方保存的版本评判",
        "en": "the evaluator's saved report {evaluator!q} (sha256 {evaluator_sha256}) differs "
        "from the unit's {unit!q} (sha256 {unit_sha256}); the evaluator's copy is judged",
    },
    REGIME_OVERRIDDEN: {
        "zh": "{year}年度报告的公布期限按期限届满之日施行的{law_zh}确定（{due}），"
        "而非评估方案所定的{scheme_zh}",
        "en": "the {year} report was due under {law_en}, in force on its due date ({due}), "
        "not under {scheme_en} named by the scheme",
    },
    WRONG_YEAR: {
        "zh": "提交的是{year}年度报告，本次评估应为{expected}年度报告，不予评判",
        "en": "the report covers {year}; this evaluation judges the report on {expected}",
    },
    MISSING: {
        "zh": "年度报告未列明{name!q}{where!c}",
        "en": "the report does not state {path!q}{where!c}",
    },
    SUM: {
        "zh": "{name!q}为{stated}，各分项合计{computed}{where!c}",
        "en": "{path!q} is stated as {stated}; its parts add up to {computed}{where!c}",
    },
    CHANGE: {
        "zh": "{name!q}同比增减为{stated}，各分项增减合计{computed}{where!c}",
        "en": "{path!q} states a change of {stated}; "
        "its parts' changes add up to {computed}{where!c}",
    },
    SHARE: {
        "zh": "{name!q}占比为{stated}%，按{value}/{base}（{of_name!q}）计算应为{computed}%"
        "{where!c}",
        "en": "{path!q} is printed as {stated}%; {value}/{base} ({of!q}) gives {computed}%"
        "{where!c}",
    },
    AT_MOST: {
        "zh": "{name!q}为{stated}，超过{of_name!q}的{limit}{where!c}",
        "en": "{path!q} is {stated}, more than {of!q} ({limit}){where!c}",
    },
    BALANCE: {
        "zh": "{left_names}合计{stated}，与{right_names}合计{computed}不相等{where!c}",
        "en": "{left} add up to {stated}, but {right} add up to {computed}{where!c}",
    },
    TEXT_TABLE: {
        "zh": "报告正文所述{name!q}为{stated}，统计表（{table_name!q}）为{computed}{where!c}",
        "en": "the report's text states {path!q} as {stated}; "
        "its table ({table!q}) has {computed}{where!c}",
    },
    LATE: {
        "zh": "{year}年度报告于{published}公布，公布期限为{due!d}（{rule_zh}），逾期{days}天",
        "en": "the {year} report was published on {published}, "
        "{days} days after {due!d} ({rule_en})",
    },
    UNDATED: {
        "zh": "年度报告未注明公布日期，不能认定按时公布",
        "en": "the report gives no publication date, so it cannot count as on time",
    },
    AFTER_SNAPSHOT: {
        "zh": "年度报告公布日期{published}晚于检查日{as_of}，不予认可",
        "en": "the report's publication date {published} is after the check date {as_of}",
    },
    BEFORE_YEAR_END: {
        "zh": "年度报告公布日期{published}早于所报{year}年度结束，不予认可",
        "en": "the report's publication date {published} is before the end of {year}",
    },
    COUNT_MISMATCH: {
        "zh": "{year}年度报告填报收到申请{stated}件（{name!q}），依申请公开台账记录{counted}件",
        "en": "the {year} report states {stated} requests received ({path!q}); "
        "the request log holds {counted}",
    },
}


FORMAT_MESSAGES: dict[str, dict[str, str]] = {
    "format.yaml": {
        "zh": "年度报告格式文件{file!q}第{line}行不是有效的YAML：{reason}",
        "en": "report format file {file!q}, line {line}: not valid YAML: {reason}",
    },
    "format.empty": {
        "zh": "年度报告格式文件{file!q}为空",
        "en": "report format file {file!q} is empty",
    },
    "format.invalid": {
        "zh": "年度报告格式文件{file!q}第{line}行，{field!q}：{expected}",
        "en": "report format file {file!q}, line {line}, {field!q}: {expected}",
    },
    "format.extends": {
        "zh": "年度报告格式文件{file!q}扩展的格式{format!q}不存在（已有：{known}）",
        "en": "report format file {file!q} extends {format!q}, which does not exist "
        "(known: {known})",
    },
    "format.unknown": {
        "zh": "方案指定的年度报告格式{format!q}不存在（已有：{known}）",
        "en": "the scheme pins the report format {format!q}, which does not exist (known: {known})",
    },
    "format.no_year": {
        "zh": "没有适用于{year}年度报告的格式（已有：{known}）",
        "en": "no report format covers the year {year} (known: {known})",
    },
}
"""The texts of :class:`.formats.FormatError`'s codes: a scheme's problem, or the command's."""

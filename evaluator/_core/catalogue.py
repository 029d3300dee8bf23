"""The engine's own messages: every error, warning and finding the engine words itself.

Codes are grouped by where they arise (``yaml.``, ``csv.``, ``schema.``,
``unit.``, ``scheme.``, ``plugin.``, ``engine.``, ``run.``). Chinese is the
default language; English covers everything here. The texts of the finding
codes several plugins share (``integrity.duplicate_id`` and the like) come from
:mod:`evaluator._core.shared_texts` (public through :mod:`evaluator.rules`). Plugins add the texts of their own
findings through the ``register_messages`` hook.
"""

from __future__ import annotations

from evaluator._core.messages import Catalogue, Templates
from evaluator._core.shared_texts import MESSAGES as SHARED

__all__ = ["ENGINE", "MESSAGES"]

MESSAGES: Templates = {
    # ---------------------------------------------------------------- words and hints
    "hint.did_you_mean": {
        "zh": "；是否应为{suggestion!q}？",
        "en": "; did you mean {suggestion!q}?",
    },
    "hint.full_width": {
        "zh": "（含全角数字，请写作{fixed!q}）",
        "en": " (full-width digits: write {fixed!q})",
    },
    "hint.year_range": {"zh": "（年份只能在1900至2099之间）", "en": " (years 1900-2099 only)"},
    "word.string": {"zh": "文本", "en": "a text"},
    "word.integer": {"zh": "整数", "en": "a whole number"},
    "word.number": {"zh": "数字", "en": "a number"},
    "word.boolean": {"zh": "是/否（true/false）", "en": "true or false"},
    "word.object": {"zh": "映射（键: 值）", "en": "a mapping (key: value)"},
    "word.array": {"zh": "列表", "en": "a list"},
    "word.null": {"zh": "空值", "en": "nothing"},
    "word.date": {"zh": "日期 YYYY-MM-DD", "en": "a date YYYY-MM-DD"},
    "word.file-name": {
        "zh": "本单位文件夹中的文件名（不能是网址）",
        "en": "a file name in the unit's folder (not a URL)",
    },
    "word.date-time": {"zh": "时间 YYYY-MM-DDTHH:MM+08:00", "en": "a time YYYY-MM-DDTHH:MM+08:00"},
    "word.mapping": {"zh": "映射", "en": "a mapping"},
    "word.list": {"zh": "列表", "en": "a list"},
    "word.folder": {"zh": "文件夹", "en": "folder"},
    "word.file": {"zh": "文件", "en": "file"},
    "word.workbook": {"zh": "工作簿文件", "en": "workbook file"},
    "word.at_least": {"zh": "不小于", "en": "at least"},
    "word.at_most": {"zh": "不大于", "en": "at most"},
    "word.more_than": {"zh": "大于", "en": "more than"},
    "word.less_than": {"zh": "小于", "en": "less than"},
    # ---------------------------------------------------------------- YAML
    "yaml.tag": {
        "zh": "不允许使用标签{tag!q}，请删除",
        "en": "tag {tag!q} is not allowed; remove it",
    },
    "yaml.tag_value": {
        "zh": "{value!q}不是有效的 !!{kind} 值",
        "en": "{value!q} is not a valid !!{kind}",
    },
    "yaml.container_key": {
        "zh": "映射的键必须是简单值",
        "en": "a mapping key must be a plain value",
    },
    "yaml.unusable_key": {
        "zh": "{key} 不能作为键；请加引号",
        "en": "{key} is not a usable key; quote it",
    },
    "yaml.duplicate_key": {
        "zh": "键{key!q}重复（第{first}行已出现）；同一映射中每个键只能出现一次",
        "en": "duplicate key {key!q} (first on line {first}); each key may appear once in a mapping",
    },
    "yaml.too_deep": {"zh": "嵌套超过 {limit} 层", "en": "nesting deeper than {limit} levels"},
    "yaml.anchor": {"zh": "不允许使用锚点（&名称）", "en": "anchors (&name) are not allowed"},
    "yaml.alias": {"zh": "不允许使用别名（*名称）", "en": "aliases (*name) are not allowed"},
    "yaml.documents": {
        "zh": "每个文件只能有一个 YAML 文档",
        "en": "only one YAML document per file",
    },
    "yaml.control_character": {
        "zh": "YAML 无效：不允许控制字符 {char}，请删除",
        "en": "invalid YAML: control character {char} is not allowed; remove it",
    },
    "yaml.tab": {
        "zh": "YAML 无效：用了制表符（Tab）缩进；YAML 只能用空格缩进",
        "en": "invalid YAML: a tab is used for indentation; YAML indents with spaces only",
    },
    "yaml.full_width_colon": {
        "zh": "YAML 无效：{key!q}后面是全角冒号“：”；键和值之间要用半角冒号加空格“: ”",
        "en": "invalid YAML: {key!q} is followed by a full-width colon '：'; "
        "write a half-width colon and a space ': '",
    },
    "yaml.syntax": {"zh": "YAML 无效：{problem}", "en": "invalid YAML: {problem}"},
    # ---------------------------------------------------------------- schema validation
    "word.top_level": {"zh": "（顶层）", "en": "(top level)"},
    "schema.unknown_field": {
        "zh": "{where!c}中有未知字段{field!q}{hint!c}（已知字段：{known}）",
        "en": "unknown field {field!q} in {where!c}{hint!c} (known: {known})",
    },
    "schema.required": {
        "zh": "{where!c}：缺少必填字段{field!q}",
        "en": "{where!c}: required field {field!q} is missing",
    },
    "schema.full_width": {
        "zh": "{where!c}：{value!q}含全角数字；请写作{fixed!q}（应为{expected!c}）",
        "en": "{where!c}: {value!q} uses full-width digits; write {fixed!q} (expected {expected!c})",
    },
    "schema.type": {
        "zh": "{where!c}：应为{expected!c}，实为 {got}",
        "en": "{where!c}: expected {expected!c}, got {got}",
    },
    "schema.type_container": {
        "zh": "{where!c}：应为{expected!c}，实为{got!c}",
        "en": "{where!c}: expected {expected!c}, got {got!c}",
    },
    "schema.type_full_width_colon": {
        "zh": "{where!c}：应为{expected!c}，实为 {got}；其中有全角冒号“：”，键和值之间要用半角冒号加空格“: ”",
        "en": "{where!c}: expected {expected!c}, got {got}; it holds a full-width colon '：' "
        "where a half-width colon and a space ': ' belong",
    },
    "schema.format": {
        "zh": "{where!c}：应为{expected!c}，实为{value!q}{advice!c}",
        "en": "{where!c}: expected {expected!c}, got {value!q}{advice!c}",
    },
    "schema.enum": {
        "zh": "{where!c}：{value!q}不是可选值之一（{options}）{hint!c}",
        "en": "{where!c}: {value!q} is not one of: {options}{hint!c}",
    },
    "schema.range": {
        "zh": "{where!c}：{value} 应{relation!c} {bound}",
        "en": "{where!c}: {value} must be {relation!c} {bound}",
    },
    "schema.too_long": {
        "zh": "{where!c}：超过 {limit} 个字符",
        "en": "{where!c}: longer than {limit} characters",
    },
    "schema.other": {"zh": "{where!c}：{detail}", "en": "{where!c}: {detail}"},
    # ---------------------------------------------------------------- CSV record files
    "csv.integer": {
        "zh": "{field}：应为整数，实为{value!q}{advice!c}",
        "en": "{field}: expected a whole number, got {value!q}{advice!c}",
    },
    "csv.number": {
        "zh": "{field}：应为数字，实为{value!q}{advice!c}",
        "en": "{field}: expected a number, got {value!q}{advice!c}",
    },
    "csv.too_large": {
        "zh": "{field}：数字过大：{value}",
        "en": "{field}: number too large: {value}",
    },
    "csv.boolean": {
        "zh": "{field}：应为 是 或 否（也可写 TRUE/FALSE、true/false），实为{value!q}",
        "en": "{field}: expected 是 or 否 (or TRUE/FALSE, true/false), got {value!q}",
    },
    "csv.date": {
        "zh": "{field}：应为日期，写法如 {spellings}，实为{value!q}{advice!c}",
        "en": "{field}: expected a date written as one of {spellings}, got {value!q}{advice!c}",
    },
    "csv.time": {
        "zh": "{field}：应为时间，写法如 {spellings}（不写时区即北京时间），实为{value!q}{advice!c}",
        "en": "{field}: expected a time written as one of {spellings} "
        "(no offset means +08:00), got {value!q}{advice!c}",
    },
    "csv.enum": {
        "zh": "{field}：{value!q}不是可选值之一（{options}）{hint!c}",
        "en": "{field}: {value!q} is not one of: {options}{hint!c}",
    },
    "csv.range": {
        "zh": "{field}：{value} 应{relation!c} {bound}",
        "en": "{field}: {value} must be {relation!c} {bound}",
    },
    "csv.pattern": {
        "zh": "{field}：{value!q}不符合格式 {pattern}",
        "en": "{field}: {value!q} does not match {pattern}",
    },
    "csv.too_long": {
        "zh": "{field}：超过 {limit} 个字符",
        "en": "{field}: longer than {limit} characters",
    },
    "csv.required_empty": {"zh": "{field}：必填，却为空", "en": "{field}: required, empty"},
    "csv.empty": {
        "zh": "{reference}：空文件，应有表头行",
        "en": "{reference}: empty file, expected a header row",
    },
    "csv.malformed": {"zh": "CSV 格式错误：{detail}", "en": "malformed CSV: {detail}"},
    "csv.unknown_column": {
        "zh": "未知列{name!q}{hint!c}（已知列：{known}）；若此列只是说明，请将表头改为“备注”"
        "或以“#”开头，此列即不读取",
        "en": "unknown column {name!q}{hint!c} (known: {known}); if it only holds notes, "
        "rename its header 备注 or start it with #, and it is not read",
    },
    "csv.repeated_column": {"zh": "列重复：{names}", "en": "column repeated: {names}"},
    "csv.missing_columns": {
        "zh": "缺少必需的列：{names}",
        "en": "required column(s) missing: {names}",
    },
    "csv.no_header": {
        "zh": "前 {rows} 行中没有表头行：表头行的大多数非空单元格应为字段名（{known}）",
        "en": "no header row in the first {rows} rows: most non-empty cells of the header "
        "must be field names ({known})",
    },
    "csv.unnamed_cell": {
        "zh": "此列没有表头，单元格却有内容{value!q}；请在表头补上字段名，或清空此列",
        "en": "this column has no header but the cell holds {value!q}; "
        "name the column in the header, or empty it",
    },
    "csv.more_errors": {
        "zh": "错误过多，只列出前 {limit} 个；此行其余单元格及其后 {rows:,} 行未检查",
        "en": "too many errors: the first {limit} are listed; "
        "the rest of this row and {rows:,} more rows were not checked",
    },
    "csv.legacy_encoding": {
        "zh": "{path} 不是 UTF-8 编码，已按 GBK/GB18030 读取；请核对其中的中文，今后可在 Excel 中另存为“CSV UTF-8”",
        "en": "{path} is not UTF-8 and was read as GBK/GB18030; check its Chinese text, "
        "and next time save it from Excel as 'CSV UTF-8'",
    },
    "hint.excel_serial": {
        "zh": "（若是未设日期格式的 Excel 日期，即 {date}；请把此列设为日期格式）",
        "en": " (if it is an Excel date shown as a number, it is {date}; format the column as dates)",
    },
    "csv.cell_count": {
        "zh": "该行有 {found} 个单元格，表头有 {expected} 列",
        "en": "expected {expected} cells as in the header, found {found}",
    },
    "reference.url": {
        "zh": "{reference!q}：单位文件中不能使用网址；请给出相对于本单位文件夹的文件名",
        "en": "{reference!q}: a unit's files cannot name a URL; give a file name relative "
        "to the unit's folder",
    },
    "reference.absolute": {
        "zh": "{reference!q}：请给出相对于本单位文件夹的文件名",
        "en": "{reference!q}: give a file name relative to the unit's folder",
    },
    "reference.bad_name": {
        "zh": "{reference} 含有控制字符（如 NUL、换行），不是可用的文件名",
        "en": "{reference} holds control characters (NUL, a newline ...); it is no usable file name",
    },
    "reference.parent": {
        "zh": "{reference!q}：不允许使用“..”；文件必须在本单位的文件夹内",
        "en": "{reference!q}: '..' is not allowed; the file must be in the unit's folder",
    },
    "reference.outside": {
        "zh": "{reference!q}指向本单位文件夹之外（链接？）",
        "en": "{reference!q} leads outside the unit's folder (a link?)",
    },
    "reference.workbook_as_csv": {
        "zh": "{reference!q}是工作簿，不是 CSV；请写作 {{xlsx: {reference}, sheet: 工作表名}}",
        "en": "{reference!q} is a workbook, not CSV; write {{xlsx: {reference}, sheet: SHEET}}",
    },
    "reference.not_a_workbook": {
        "zh": "{reference!q}不是工作簿：xlsx 只接受 {suffixes} 文件（CSV 请写作 {{csv: 文件名.csv}}）",
        "en": "{reference!q} is not a workbook: xlsx takes {suffixes} files "
        "(a CSV file is written {{csv: name.csv}})",
    },
    "reference.missing": {
        "zh": "{reference!q}：提交文件旁没有这个文件",
        "en": "{reference!q}: no such file beside the submission",
    },
    # ---------------------------------------------------------------- workbooks
    "sheet.missing": {
        "zh": "工作簿中没有工作表{sheet!q}{hint!c}（现有：{sheets}）",
        "en": "the workbook has no sheet {sheet!q}{hint!c} (it has: {sheets})",
    },
    "sheet.empty": {
        "zh": "工作表{sheet!q}是空的，应有表头行",
        "en": "sheet {sheet!q} is empty; expected a header row",
    },
    "workbook.unknown_item": {
        "zh": "{at}：事项{item!q}不在方案的公开清单中{hint!c}（该记录不计入清单事项）",
        "en": "{at}: {item!q} is no item of the scheme's checklists{hint!c} (the record counts "
        "for no checklist item)",
    },
    "sheet.none_and_records": {
        "zh": "此行在“{none}”之后仍有记录：本年度无记录的，只写“{none}”；有记录的，请删去“{none}”",
        "en": "a record after '{none}' (none this year): write '{none}' alone, or delete it "
        "and keep the records",
    },
    "sheet.unreadable": {
        "zh": "无法读取工作簿（{detail}）；请用 Excel 或 WPS 打开后另存为 .xlsx",
        "en": "cannot read the workbook ({detail}); open it in Excel or WPS and save it as .xlsx",
    },
    "sheet.unpacked_too_large": {
        "zh": "工作簿解压后超过 {size:,} 字节，超出上限 {limit:,} 字节（文件大小上限的 4 倍；压缩炸弹？）；请拆分，或用 --max-file-size 调高上限",
        "en": "the workbook unpacks to more than {size:,} bytes, over the limit of {limit:,} "
        "(4 times the file-size cap; a zip bomb?); split it, or raise --max-file-size",
    },
    "sheet.too_many_cells": {
        "zh": "工作表{sheet!q}的单元格延伸到 {last}：连同此前各表共 {cells:,} 个单元格（自 A1 起算），超出上限 {limit:,}；请删除远处的零散单元格",
        "en": "the cells of sheet {sheet!q} reach out to {last}: with the sheets before it, "
        "{cells:,} cells counted from A1, over the limit of {limit:,}; delete stray cells far "
        "from the data",
    },
    "sheet.strings_too_large": {
        "zh": "工作簿各单元格引用的文字共 {size:,} 个字符（至工作表{sheet!q}），超出上限 {limit:,}（文件大小上限的 4 倍：一段长文字被大量单元格引用？）",
        "en": "the cells of the workbook copy {size:,} characters of text in all (up to sheet "
        "{sheet!q}), over the limit of {limit:,} (4 times the file-size cap: one long text "
        "named by many cells?)",
    },
    "sheet.string_too_long": {
        "zh": "工作表{sheet!q}中的文字 {cell} 长 {length:,} 个字符，超过 Excel 单元格的上限 {limit:,}",
        "en": "the text {cell} in sheet {sheet!q} is {length:,} characters long, over Excel's "
        "limit of {limit:,} for a cell",
    },
    "sheet.hidden": {
        "zh": "工作表{sheet!q}是隐藏的（{state}），在 Excel 或 WPS 中看不到；本次评估不读取隐藏工作表，请取消隐藏或把数据移到可见的工作表",
        "en": "sheet {sheet!q} is hidden ({state}): Excel and WPS do not show it, and this "
        "evaluation reads no hidden sheet; unhide it, or move its data to a visible sheet",
    },
    "sheet.hidden_read": {
        "zh": "{path} 的工作表{sheet!q}是隐藏的（{state}），在 Excel 或 WPS 中看不到，但已读取；请核查",
        "en": "sheet {sheet!q} of {path} is hidden ({state}): Excel and WPS do not show it, "
        "but it was read; check it",
    },
    "sheet.formulas": {
        "zh": "{path} 的工作表{sheet!q}有 {count:,} 个单元格含公式（{cells}…）：读取的是保存时的计算结果，Excel 重新计算后显示的值可能不同；请核查，或粘贴为数值",
        "en": "{count:,} cells of sheet {sheet!q} in {path} hold formulas ({cells}…): their "
        "saved values were read, which may differ from what Excel shows once it recalculates; "
        "check them, or paste them as values",
    },
    "sheet.reader_died": {
        "zh": "读取此工作簿时，读取进程意外终止（{signal}{memory!c}）；本单位未评分，其他单位不受影响；请用 Excel 或 WPS 打开后另存为 .xlsx",
        "en": "the process reading this workbook died ({signal}{memory!c}); the unit was not "
        "scored, no other unit is affected; open it in Excel or WPS and save it as .xlsx",
    },
    "file.reader_died": {
        "zh": "读取此文件时，读取进程意外终止（{signal}{memory!c}）；本单位未评分，其他单位不受影响",
        "en": "the process reading this file died ({signal}{memory!c}); the unit was not "
        "scored, no other unit is affected",
    },
    "word.out_of_memory": {
        "zh": "，内存不足：读取程序申请了 {asked:,} 字节",
        "en": ", out of memory: the reader asked for {asked:,} bytes",
    },
    "workbook.no_unit_sheet": {
        "zh": "工作簿中没有工作表{sheet!q}（单位编号、单位名称、单位类型）；现有：{sheets}",
        "en": "the workbook has no sheet {sheet!q} (unit id, name and type); it has: {sheets}",
    },
    "workbook.unknown_sheet": {
        "zh": "未知的工作表{sheet!q}{hint!c}（可用：{known}；以“备注”或“#”开头的工作表不读取）",
        "en": "unknown sheet {sheet!q}{hint!c} (known: {known}; sheets named 备注… or #… are not read)",
    },
    "workbook.unknown_label": {
        "zh": "A 列的项目{label!q}未知{hint!c}（可用：{known}）",
        "en": "unknown label {label!q} in column A{hint!c} (known: {known})",
    },
    "workbook.sheet_twice": {
        "zh": "工作表{sheet!q}与另一工作表都是 {path} 的记录；请只保留一张",
        "en": "sheet {sheet!q} and another both hold the records of {path}; keep one",
    },
    "workbook.label_twice": {
        "zh": "项目{label!q}填写了两次；请只保留一行",
        "en": "{label!q} is filled in twice; keep one row",
    },
    # ---------------------------------------------------------------- criteria
    "scheme.missing": {
        "zh": "这里没有 scheme.yaml；请用 --criteria 指向包含它的文件夹",
        "en": "no scheme.yaml here; point --criteria at the folder holding it",
    },
    "scheme.checklist_twice": {
        "zh": "清单编号{id!q}用了两次",
        "en": "checklist id {id!q} used twice",
    },
    "scheme.item_twice": {"zh": "事项编号{id!q}用了两次", "en": "item id {id!q} used twice"},
    "scheme.judged_by_unknown": {
        "zh": "事项{id!q}的judged_by为{dimension!q}，方案中没有该维度{hint!c}",
        "en": "item {id!q} is judged_by {dimension!q}, which is not a dimension of the "
        "scheme{hint!c}",
    },
    "scheme.item_unknown_kind": {
        "zh": "事项{id!q}适用于未知的单位类别{kind!q}（unit_types：{kinds}）",
        "en": "item {id!q} applies to unknown unit kind {kind!q} (unit_types: {kinds})",
    },
    "scheme.grades_order": {
        "zh": "等级须从高到低排列、下限递减；{grade}（{min:g}）不低于 {previous}（{previous_min:g}）",
        "en": "grades must be listed highest first with falling minimums; "
        "{grade} ({min:g}) is not below {previous} ({previous_min:g})",
    },
    "scheme.last_grade": {
        "zh": "最后一个等级的下限必须为 0，才能让每个总分都有等级",
        "en": "the last grade must start at 0 so every total gets a grade",
    },
    "scheme.dimension_twice": {
        "zh": "维度编号{id!q}用了两次",
        "en": "dimension id {id!q} used twice",
    },
    "scheme.weight_missing": {
        "zh": "维度{dimension!q}没有单位类别{kind!q}的权重（每个类别都要给权重；0 表示不计）",
        "en": "dimension {dimension!q} has no weight for unit kind {kind!q} "
        "(give every kind in unit_types a weight; 0 leaves it out)",
    },
    "scheme.weight_unknown_kind": {
        "zh": "未知单位类别{kind!q}的权重（unit_types：{kinds}）",
        "en": "weight for unknown unit kind {kind!q} (unit_types: {kinds})",
    },
    "scheme.kind_unweighted": {
        "zh": "单位类别{kind!q}没有权重大于 0 的维度",
        "en": "unit kind {kind!q} has no dimension with a weight above 0",
    },
    "scheme.kind_nothing_to_score": {
        "zh": "单位类别{kind!q}无可评分内容：在其权重大于 0 的维度中，没有适用于它且有分值的指标",
        "en": "unit kind {kind!q} has nothing to score: no indicator with points "
        "applies to it in a dimension it weighs above 0",
    },
    "scheme.dimension_file_missing": {
        "zh": "维度{id!q}：找不到文件",
        "en": "dimension {id!q}: file not found",
    },
    "scheme.dimension_id_differs": {
        "zh": "编号{id!q}与 scheme.yaml 给本文件的编号{expected!q}不同",
        "en": "id {id!q} differs from {expected!q}, the id scheme.yaml gives this file",
    },
    "scheme.indicator_twice": {
        "zh": "指标编号{id!q}已在 {first} 中使用",
        "en": "indicator id {id!q} already used in {first}",
    },
    "scheme.indicator_unknown_kind": {
        "zh": "未知单位类别{kind!q}（unit_types：{kinds}）",
        "en": "unknown unit kind {kind!q} (unit_types: {kinds})",
    },
    "scheme.unknown_scorer": {
        "zh": "没有插件注册评分器{scorer!q}{hint!c}（已知评分器：{known}）",
        "en": "no plugin registers the scorer {scorer!q}{hint!c} (known scorers: {known})",
    },
    "scheme.dimension_left_out": {
        "zh": "维度{dimension!q}无法评分：插件 {plugins} 已停用（{by}），而该维度的指标 {indicators} "
        "所用的评分器 {scorers} 没有已加载的插件注册；请从 scheme.yaml 中删去该维度（或从 {file} "
        "中删去这些指标），或不再停用该插件",
        "en": "dimension {dimension!q} cannot be scored: the plugin {plugins} is left out "
        "({by}) and its indicators {indicators} use scorers no loaded plugin registers "
        "({scorers}); take the dimension out of scheme.yaml (or those indicators out of "
        "{file}), or stop leaving the plugin out",
    },
    "scheme.params": {
        "zh": "指标 {indicator} 的参数（{scorer}）：{problem!c}",
        "en": "params of {indicator} ({scorer}): {problem!c}",
    },
    "scheme.params_check": {
        "zh": "指标 {indicator} 的参数（{scorer}）：{problem}",
        "en": "params of {indicator} ({scorer}): {problem}",
    },
    "scheme.params_problem": {
        "zh": "指标 {indicator} 的参数（{scorer}）：{text_zh}",
        "en": "params of {indicator} ({scorer}): {text_en}",
    },
    "scheme.no_params": {
        "zh": "指标 {indicator}：评分器 {scorer} 不接受参数（给了：{given}）；请删除 params:",
        "en": "params of {indicator}: the scorer {scorer} takes no params (given: {given}); "
        "remove params:",
    },
    "scheme.check_failed": {
        "zh": "指标 {indicator} 的参数检查出错（插件{plugin!q}的评分器{scorer!q}）：{error}（{where}）",
        "en": "params of {indicator}: the check of scorer {scorer!q} (plugin {plugin!q}) "
        "raised {error} at {where}",
    },
    "scheme.veto_missing": {
        "zh": "指标{indicator!q}：评分器{scorer!q}（插件{plugin!q}）是单项否决规则，该指标须标明 veto: true",
        "en": "indicator {indicator!q}: the scorer {scorer!q} (plugin {plugin!q}) is a single "
        "veto; mark the indicator veto: true",
    },
    "scheme.veto_unsupported": {
        "zh": "指标{indicator!q}标明了 veto: true，但评分器{scorer!q}（插件{plugin!q}）不作单项否决"
        "（未声明 vetoes=True）；请删除 veto: true",
        "en": "indicator {indicator!q} is marked veto: true, but the scorer {scorer!q} "
        "(plugin {plugin!q}) never vetoes (it does not declare vetoes=True); remove veto: true",
    },
    "scheme.small_counts_unsupported": {
        "zh": "指标{indicator!q}设了 small_counts，但评分器{scorer!q}（插件{plugin!q}）不报告所判案件数"
        "（未声明 counts_cases=True），该规则永远不会适用；请删除 small_counts",
        "en": "indicator {indicator!q} sets small_counts, but the scorer {scorer!q} "
        "(plugin {plugin!q}) does not say how many cases it judged (it does not declare "
        "counts_cases=True), so the rule could never apply; remove small_counts",
    },
    "scheme.small_counts_cap": {
        "zh": "指标{indicator!q}的 small_counts 上限 cap {cap:g} 超过该指标分值 {points:g}",
        "en": "indicator {indicator!q}: small_counts cap {cap:g} exceeds the indicator's "
        "points ({points:g})",
    },
    "scheme.indicator_never_counts": {
        "zh": "指标{id!q}既无分值也不是单项否决（veto: true），永远不会计分",
        "en": "indicator {id!q} has neither points nor veto: true, so it can never count",
    },
    "scheme.time_zone_unknown": {
        "zh": "时区{zone!q}未知：请写作 +08:00 这样的时差，或 Asia/Shanghai 这样的时区名",
        "en": "unknown time zone {zone!q}: write an offset such as +08:00 or a zone name "
        "such as Asia/Shanghai",
    },
    "brand.logo_missing": {
        "zh": "标志文件 {file} 不存在（路径相对于写明它的文件）",
        "en": "logo file {file} does not exist (the path is relative to the file naming it)",
    },
    "brand.logo_too_large": {
        "zh": "标志文件 {file} 有 {size} 字节，超过上限 {limit} 字节；请缩小图片",
        "en": "logo file {file} has {size} bytes, over the limit of {limit}; use a smaller image",
    },
    "brand.logo_type": {
        "zh": "标志文件 {file} 不是 PNG、JPEG 或 SVG 图片（按文件内容判断，扩展名为 {extension}）",
        "en": "logo file {file} is not a PNG, JPEG or SVG image (by its content; "
        "its extension is {extension})",
    },
    # ---------------------------------------------------------------- units and submissions
    "unit.link_outside": {
        "zh": "{name!q}是指向 {folder} 之外的链接",
        "en": "{name!q} is a link leading outside {folder}",
    },
    "unit.no_submission_file": {
        "zh": "文件夹{name!q}中没有 {file}",
        "en": "folder {name!q} has no {file}",
    },
    "unit.twice": {
        "zh": "单位{id!q}提交了不止一份（{entries}；编号不区分大小写）；请只保留一份",
        "en": "unit {id!q} is submitted more than once ({entries}; ids ignore case); keep one",
    },
    "unit.id_mismatch": {
        "zh": "unit.id {id!q}必须与{form!c}名{name!q}相同",
        "en": "unit.id {id!q} must equal the {form!c} name {name!q}",
    },
    "unit.type_unknown": {
        "zh": "unit.type {type!q}不是方案中的单位类别（{kinds}）",
        "en": "unit.type {type!q} is not a unit kind of the scheme ({kinds})",
    },
    "unit.reserved_id": {
        "zh": "单位编号不能是{id!q}：报告首页占用了 index.html；请换一个编号",
        "en": "a unit may not be called {id!q}: the report's front page is index.html; choose another id",
    },
    "unit.two_submission_files": {
        "zh": "文件夹中有多个提交文件（{names}）；请只保留一个",
        "en": "the folder holds more than one submission file ({names}); keep one",
    },
    "unit.not_a_file": {
        "zh": "{name!q}不是普通文件（命名管道、设备或套接字？），无法读取",
        "en": "{name!q} is not a regular file (a FIFO, device or socket?) and cannot be read",
    },
    "unit.too_large_to_send": {
        "zh": "本单位的文件合计 {size} 字节，超过发送给 Dask 工作进程的上限 {limit} 字节",
        "en": "this unit's files come to {size} bytes, over the {limit} bytes sent to a "
        "Dask worker",
    },
    "unit.failed": {
        "zh": "读取或评分本单位时出错：{error}；其他单位不受影响",
        "en": "reading or scoring this unit failed: {error}; no other unit is affected",
    },
    "unit.worker_died": {
        "zh": "评分本单位的工作进程两次意外终止（{signal}；内存耗尽或被系统终止？）；其他单位不受影响",
        "en": "the worker process scoring this unit died twice ({signal}; out of memory, or "
        "killed?); no other unit is affected",
    },
    "unit.shared_file": {
        "zh": "{path} 有多个硬链接：同一文件可能也交在别的单位名下，请核查",
        "en": "{path} has other hard links: the same file may be handed in under another unit; check it",
    },
    "audit.same_files": {
        # names other units: the evaluator's to follow up, never on a unit's own page
        "zh": "记录文件 {files} 与单位 {units} 提交的文件逐字节相同；请核实是否为复制的材料",
        "en": "record files {files} are byte for byte those unit(s) {units} handed in; check "
        "whether the submission was copied",
        "audience": "evaluator",
    },
    "unit.duplicate_name": {
        "zh": "单位名称{name!q}同时用于 {ids}；请核查",
        "en": "the unit name {name!q} is used by {ids}; check them",
    },
    "run.not_a_unit": {
        "zh": "提交文件夹中的{name!q}不是单位提交（应为 <单位编号>/submission.yaml、<单位编号>.yaml 或 <单位编号>.xlsx），未评分",
        "en": "{name!q} in the submissions folder is not a unit (expected <unit-id>/submission.yaml, "
        "<unit-id>.yaml or <unit-id>.xlsx); it was not scored",
    },
    "file.not_regular": {
        "zh": "不是普通文件（命名管道、设备或套接字？），无法读取",
        "en": "not a regular file (a FIFO, device or socket?); it cannot be read",
    },
    "submission.not_a_mapping": {
        "zh": "应为包含 unit: 和各部分的映射",
        "en": "expected a mapping with `unit:` and sections",
    },
    "reference.form": {
        "zh": "记录文件应写作 {{csv: 文件名.csv}} 或 {{xlsx: 文件名.xlsx, sheet: 工作表名}}（sheet 可省略：第一个工作表）",
        "en": "a record file is written {{csv: name.csv}} or {{xlsx: name.xlsx, sheet: SHEET}} "
        "(sheet may be left out: the first sheet)",
    },
    "reference.needs_folder": {
        "zh": "记录文件（{key}）需要文件夹形式：<单位编号>/submission.yaml",
        "en": "record files ({key}) need the folder form: <unit-id>/submission.yaml",
    },
    "reference.not_flat": {
        "zh": "这个列表不能来自 CSV：{detail}",
        "en": "this list cannot come from CSV: {detail}",
    },
    "unit.nothing_applicable": {
        "zh": "没有适用的指标被评分，无法排名",
        "en": "no applicable indicator was scored, so the unit cannot be ranked",
    },
    "unit.calendar_unknown": {
        "zh": "日期落在 {year} 年，`holidays` 软件包尚无该年的官方工作日安排；工作日按其推测计算",
        "en": "dates in {year}, a year whose official working-day schedule is not known "
        "to the `holidays` package; working days were counted on its guess",
    },
    "facts.unit_twice": {
        "zh": "criteria/facts.yaml 中单位{id!q}与前面的{first!q}只差大小写；单位编号不区分大小写，请合并为一项",
        "en": "unit {id!q} in criteria/facts.yaml differs from {first!q} above only in case; "
        "unit ids ignore case: merge them into one entry",
    },
    "run.evidence_unknown_unit": {
        "zh": "评估方记录表（{files}）中的单位{id!q}不在提交材料中，其记录未使用",
        "en": "the evidence lists ({files}) name unit {id!q}, which is not among the "
        "submissions: its rows were not used",
    },
    "run.facts_unknown_unit": {
        "zh": "criteria/facts.yaml 给出了单位{id!q}的事实，但该单位没有提交材料",
        "en": "criteria/facts.yaml gives facts for unit {id!q}, which handed in no submission",
    },
    "run.no_report_reader": {
        "zh": "没有插件读取年度报告，无法读取{file!q}（内置的年度报告插件是否被禁用？）",
        "en": "no plugin reads published reports, so {file!q} cannot be read (is the built-in "
        "annual-report area disabled?)",
    },
    "run.no_submissions": {
        "zh": "没有找到提交（应为 <单位编号>/submission.yaml 或 <单位编号>.yaml）",
        "en": "no submissions found (expected <unit-id>/submission.yaml or <unit-id>.yaml)",
    },
    "run.scorer_failed": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 在 {units} 个单位出错（指标 {indicators}；"
        "首个单位 {first}）：{error}（{where}）",
        "en": "scorer {scorer} (plugin {plugin}) failed on {units} unit(s) (indicator "
        "{indicators}; first unit {first}): {error} at {where}",
    },
    "run.scorer_failed_debug": {
        "zh": "加 --debug 运行可看到评分器出错的回溯信息",
        "en": "run with --debug for the scorers' tracebacks",
    },
    # ---------------------------------------------------------------- command line
    "cli.error_prefix": {"zh": "错误：", "en": "error: "},
    "cli.warning_prefix": {"zh": "警告：", "en": "warning: "},
    "cli.note_prefix": {"zh": "说明：", "en": "note: "},
    "cli.no_criteria": {
        "zh": "{folder}：没有评估标准文件夹；请在包含 criteria/ 的文件夹中运行，或用 --criteria DIR 指定",
        "en": "{folder}: no criteria folder; run in the folder holding criteria/ or pass --criteria DIR",
    },
    "cli.not_a_folder": {
        "zh": "{folder}：是文件，不是文件夹",
        "en": "{folder}: a file, not a folder",
    },
    "cli.no_such_folder": {"zh": "{folder}：没有这个文件夹", "en": "{folder}: no such folder"},
    "cli.no_submissions": {
        "zh": "{folder}：没有提交材料（应为 <单位编号>/submission.yaml 或 <单位编号>.yaml）",
        "en": "{folder}: no submissions (expected <unit-id>/submission.yaml or <unit-id>.yaml)",
    },
    "cli.no_evidence_folder": {
        "zh": "{folder}：没有这个证据文件夹",
        "en": "{folder}: no such evidence folder",
    },
    "cli.no_reviews_folder": {
        "zh": "{folder}：没有这个复核文件夹",
        "en": "{folder}: no such reviews folder",
    },
    "cli.no_plugins_folder": {
        "zh": "{folder}：没有这个插件文件夹",
        "en": "{folder}: no such plugins folder",
    },
    "cli.plugins_from": {
        "zh": "（文件插件从 {folder} 加载；用 --plugins-dir DIR 指定）",
        "en": "(file plugins were loaded from {folder}; --plugins-dir DIR sets it)",
    },
    "cli.plugins_from_nowhere": {
        "zh": "（没有加载文件插件：评估标准旁没有 plugins/；用 --plugins-dir DIR 指定）",
        "en": "(file plugins were loaded from nowhere: there is no plugins/ beside the criteria; "
        "--plugins-dir DIR sets it)",
    },
    "plugin.writable_by_others": {
        "zh": "插件文件 {path} 可被其他用户修改或替换；插件决定每一个分数，请收紧权限（chmod o-w）",
        "en": "the plugin file {path} can be changed or replaced by other users; plugins decide "
        "every score: tighten its permissions (chmod o-w)",
    },
    "word.scorer": {"zh": "评分器", "en": "scorer"},
    "word.section": {"zh": "提交部分", "en": "section"},
    "word.fact": {"zh": "事实", "en": "fact"},
    "word.evidence_list": {"zh": "评估方记录表", "en": "evidence list"},
    "word.message_code": {"zh": "消息代码", "en": "message code"},
    "word.plugin_name": {"zh": "插件名", "en": "plugin name"},
    "word.params_schema": {"zh": "参数模式", "en": "params schema"},
    "word.schema": {"zh": "模式", "en": "schema"},
    "word.list_of_scorer": {"zh": "Scorer 列表", "en": "a list of Scorer"},
    "word.list_of_section": {"zh": "Section 列表", "en": "a list of Section"},
    "word.list_of_fact": {"zh": "Fact 列表", "en": "a list of Fact"},
    "word.list_of_evidencelist": {"zh": "EvidenceList 列表", "en": "a list of EvidenceList"},
    "word.mapping_of_texts": {
        "zh": '映射 {{代码: {{"zh": ..., "en": ...}}}}',
        "en": 'a mapping {{code: {{"zh": ..., "en": ...}}}}',
    },
    "plugin.import_failed": {
        "zh": "插件{plugin!q}无法加载：{where}: {error}",
        "en": "plugin {plugin!q} cannot be loaded: {where}: {error}",
    },
    "plugin.bad_hook": {
        "zh": "插件{plugin!q}（{source}）的钩子实现有误：{problem}",
        "en": "plugin {plugin!q} ({source}) implements a hook wrongly: {problem}",
    },
    "plugin.unknown_hook": {
        "zh": "插件{plugin!q}（{source}）实现的{hook!q}不是钩子{hint!c}（钩子有：{known}）",
        "en": "plugin {plugin!q} ({source}) implements {hook!q}, which is no hook{hint!c} "
        "(hooks: {known})",
    },
    "plugin.hook_failed": {
        "zh": "插件{plugin!q}的 {hook} 出错：{error}（{where}）",
        "en": "plugin {plugin!q}: {hook} raised {error} at {where}",
    },
    "plugin.bad_return": {
        "zh": "插件{plugin!q}的 {hook} 应返回{expected!c}",
        "en": "plugin {plugin!q}: {hook} must return {expected!c}",
    },
    "plugin.wrong_item": {
        "zh": "插件{plugin!q}的 {hook} 返回了 {item}，而不是 {expected}",
        "en": "plugin {plugin!q}: {hook} gave {item}, not a {expected}",
    },
    "plugin.collision": {
        "zh": "{kind!c} {name!q}被两个插件注册：{first!q}（{first_source}）和{second!q}"
        "（{second_source}）；停用其中一个：--disable-plugin {drop_first} 或 "
        "--disable-plugin {drop_second}",
        "en": "{kind!c} {name!q} is registered by two plugins: {first!q} ({first_source}) and "
        "{second!q} ({second_source}); drop one with --disable-plugin {drop_first} or "
        "--disable-plugin {drop_second}",
    },
    "plugin.engine_code": {
        "zh": "插件{plugin!q}声明了引擎自己的消息代码{code!q}",
        "en": "plugin {plugin!q} declares a text for {code!q}, one of the engine's own codes",
    },
    "plugin.reserved_section": {
        "zh": "插件{plugin!q}注册了 unit 部分，该部分归引擎所有",
        "en": "plugin {plugin!q} registers the section 'unit', which the engine owns",
    },
    "plugin.bad_schema": {
        "zh": "插件{plugin!q}的{kind!c} {name!q}：{what!c}无效，{problem}",
        "en": "{kind!c} {name!q} (plugin {plugin!q}): invalid {what!c} {problem}",
    },
    "plugin.bad_default": {
        "zh": "插件{plugin!q}的评分器{scorer!q}：参数{param!q}的默认值 {default} 不符合它自己的模式：{problem}",
        "en": "scorer {scorer!q} (plugin {plugin!q}): the default {default} of param {param!q} "
        "breaks its own schema: {problem}",
    },
    "plugin.evidence_without_unit": {
        "zh": "插件{plugin!q}的评估方记录表{name!q}没有unit（单位编号）字段：每行须写明所属单位",
        "en": "evidence list {name!q} (plugin {plugin!q}) has no field unit: each row must "
        "name its unit",
    },
    # ---------------------------------------------------------------- review decisions (复核)
    "review.unknown": {
        "zh": "复核决定所指的{what!c}{name!q}不存在{known_hint!c}",
        "en": "the review decision names {what!c} {name!q}, which does not exist{known_hint!c}",
    },
    "review.known": {"zh": "（已知：{known}）", "en": " (known: {known})"},
    "word.unit": {"zh": "单位", "en": "unit"},
    "word.indicator": {"zh": "指标", "en": "indicator"},
    "word.code": {"zh": "问题代码", "en": "code"},
    "review.stale": {
        "zh": "{at}复核决定（单位{unit!q}、指标{indicator!q}、问题代码{code!q}）未对应任何问题，"
        "未予适用：{why!c}",
        "en": "{at}the review decision (unit {unit!q}, indicator {indicator!q}, code {code!q}) "
        "matches no finding and was not applied: {why!c}",
    },
    "review.not_applicable": {
        "zh": "该指标不适用于此单位",
        "en": "the indicator does not apply to the unit",
    },
    "review.no_finding": {
        "zh": "该指标现无此问题（问题已变化或单位重新提交了材料）",
        "en": "the indicator has no such finding now (it changed, or the unit sent again)",
    },
    "review.unit_unscored": {
        "zh": "该单位的材料未能评分",
        "en": "the unit could not be scored",
    },
    "review.too_much": {
        "zh": "复核决定（单位{unit!q}、指标{indicator!q}、问题代码{code!q}）恢复的分值超过"
        "该问题所扣，未予适用：{why!c}",
        "en": "the review decision (unit {unit!q}, indicator {indicator!q}, code {code!q}) "
        "would restore more than the finding lost and was not applied: {why!c}",
    },
    "review.no_share": {
        "zh": "{at}复核决定（单位{unit!q}、指标{indicator!q}、问题代码{code!q}）所涉扣分无法按记录"
        "或按该问题单独拆分（该问题未单独计扣分，或只列了其部分记录），未予适用：请改为部分采纳并填写调整分值",
        "en": "{at}the review decision (unit {unit!q}, indicator {indicator!q}, code {code!q}) "
        "names a cost that cannot be split as it asks (the finding carries no deduction of its "
        "own, or only some of its records are named) and was not applied: decide partly, with "
        "the points to restore",
    },
    "review.records_gone": {
        "zh": "该问题现不涉及记录{named!q}（问题已变化或单位重新提交了材料）",
        "en": "the finding does not name {named!q} now (it changed, or the unit sent again)",
    },
    "review.restored_twice": {
        "zh": "前面的复核决定已恢复了同一问题（或同一记录）的扣分",
        "en": "an earlier decision already restored the same finding (or record)",
    },
    "review.more_than_lost": {
        "zh": "调整分值{points:.4g}超过该问题的扣分{lost:.4g}",
        "en": "{points:.4g} points against the {lost:.4g} the finding lost",
    },
    "review.points_required": {
        "zh": "部分采纳须填写调整分值（问题代码{code!q}）",
        "en": "a partly accepted decision needs its points (code {code!q})",
    },
    "review.points_rejected": {
        "zh": "不采纳的复核决定不恢复分值：请删去调整分值{points:.4g}",
        "en": "a rejected decision restores nothing: remove its points ({points:.4g})",
    },
    "review.claim_partly": {
        "zh": "待核实的自报类别（{code!q}）只能采纳（确认）或不采纳（否定），不能部分采纳",
        "en": "a claim to verify ({code!q}) is accepted (confirmed) or rejected (refused), "
        "never partly",
    },
    "evidence.two_files": {
        "zh": "评估方记录表{name!q}同时有{first}和{second}：只能有一个，请删去其一",
        "en": "evidence list {name!q} is both {first} and {second}: keep one of them",
    },
    "plugin.unknown_section": {
        "zh": "插件{plugin!q}的评分器{scorer!q}读取{section!q}部分，但没有插件注册该部分（已注册：{known}）",
        "en": "scorer {scorer!q} (plugin {plugin!q}) reads the section {section!q}, which no "
        "plugin registers (registered: {known})",
    },
    "plugin.audience_missing": {
        "zh": "插件{plugin!q}的核查类消息代码 {codes} 未说明读者（audience: unit 或 evaluator），"
        "按 unit 处理，显示在单位页面上；请在 register_messages 中为每个代码给出 audience",
        "en": "plugin {plugin!q} does not say who reads its audit codes {codes} (audience: unit "
        "or evaluator); they are taken as unit, shown on the unit's pages: give each an "
        "audience in register_messages",
    },
    "plugin.bad_messages": {
        "zh": "插件{plugin!q}的消息文本：{problem}",
        "en": "plugin {plugin!q}: {problem}",
    },
    "plugin.code_without_text": {
        "zh": "插件{plugin!q}的评分器{scorer!q}声明了消息代码{code!q}，但没有它的文本{hint!c}；"
        "请在 register_messages 中给出",
        "en": "scorer {scorer!q} (plugin {plugin!q}) declares the code {code!q}, which has no "
        "text{hint!c}; give it one in register_messages",
    },
    "plugin.shadowed": {
        "zh": "插件文件 {path} 未加载：已安装的插件{plugin!q}（{source}）与它同名而内容不同，使用已安装的；"
        "要改用该文件，请卸载已安装的包，或把文件改名并加 --disable-plugin {plugin}",
        "en": "the plugin file {path} was not loaded: the installed plugin {plugin!q} ({source}) "
        "has its name but other content, and is used instead; to use the file, uninstall the "
        "package, or rename the file and add --disable-plugin {plugin}",
    },
    "plugin.same_file": {
        "zh": "插件文件 {path} 就是已安装的插件{plugin!q}（{source}），只加载一次",
        "en": "the plugin file {path} is the installed plugin {plugin!q} ({source}); loaded once",
    },
    "plugin.disabled": {
        "zh": "插件{plugin!q}（{source}）已由 --disable-plugin 停用",
        "en": "plugin {plugin!q} ({source}) is disabled by --disable-plugin",
    },
    "plugin.disabled_by_scheme": {
        "zh": "插件{plugin!q}（{source}）已由 {path} 的 disable_plugins 停用",
        "en": "plugin {plugin!q} ({source}) is disabled by disable_plugins in {path}",
    },
    "plugin.disable_unknown": {
        "zh": "--disable-plugin {plugin}：没有这个插件{hint!c}（插件有：{known}）",
        "en": "--disable-plugin {plugin}: no such plugin{hint!c} (plugins: {known})",
    },
    "plugin.disable_unknown_in_scheme": {
        "zh": "{path} 的 disable_plugins 停用{plugin!q}，但没有这个插件{hint!c}（插件有：{known}）",
        "en": "{path}: disable_plugins names {plugin!q}, which no plugin is{hint!c} "
        "(plugins: {known})",
    },
    "cli.output_is_folder": {
        "zh": "无法写入 {output}：这是文件夹；请给出文件名",
        "en": "cannot write {output}: it is a folder; give a file name",
    },
    "cli.output_no_folder": {
        "zh": "无法写入 {output}：没有文件夹 {folder}",
        "en": "cannot write {output}: no folder {folder}",
    },
    "cli.output_not_writable": {
        "zh": "无法写入 {output}：文件夹 {folder} 不可写",
        "en": "cannot write {output}: folder {folder} is not writable",
    },
    "cli.unknown_extension": {
        "zh": "无法从扩展名{extension!q}判断 {output} 的输出格式；请用 {known} 之一，或给出 --format",
        "en": "cannot tell the output format of {output} from its extension {extension!q}; "
        "use one of {known} or give --format",
    },
    "cli.public_with": {
        "zh": "--public 输出面向公众的排名，不含任何单位的扣分明细和核查事项，不能与 {option} 同用",
        "en": "--public writes the ranking for the public, with no unit's lost points or notes "
        "to verify: it cannot go with {option}",
    },
    "cli.public_report": {
        "zh": "--public 写一份面向公众的排名（evaluate SUBMISSIONS --public -o 排名.html），"
        "evaluate report 写的是各单位自己的反馈页面，二者不能同用",
        "en": "--public writes one ranking for the public (evaluate SUBMISSIONS --public -o "
        "ranking.html); evaluate report writes each unit's own pages: they do not go together",
    },
    "cli.public_format": {
        "zh": "--public 只输出 HTML 页面或工作簿（-o 排名.html 或 -o 排名.xlsx），不能输出{format!q}；"
        "可用格式：{known}",
        "en": "--public writes an HTML page or a workbook (-o ranking.html or -o ranking.xlsx), "
        "not {format!q}; use one of {known}",
    },
    "cli.xlsx_needs_output": {
        "zh": "--format xlsx 输出工作簿：请加 -o 文件名.xlsx",
        "en": "--format xlsx writes a workbook: add -o FILE.xlsx",
    },
    "cli.report_is_file": {
        "zh": "无法写入 {output}：这是文件；请给出文件夹名",
        "en": "cannot write {output}: it is a file; give a folder name",
    },
    "cli.report_folder_in_use": {
        "zh": "无法写入 {output}：该文件夹中有不属于先前报告的文件（整个文件夹会被替换）；请换一个新文件夹名",
        "en": "cannot write {output}: the folder holds files that are not an earlier report "
        "(it is replaced whole); give a new folder name",
    },
    "cli.baseline_unusable": {"zh": "--baseline：{problem}", "en": "--baseline: {problem}"},
    "baseline.plugin_version": {
        "zh": "插件{plugin!q}的版本与前次不同（前次 {before}，本次 {now}），总分变化可能来自评分规则的改动",
        "en": "plugin {plugin!q} changed version (before: {before}; now: {now}); part of a "
        "change of the total may come from its rules",
    },
    "baseline.plugins": {
        "zh": "两次结果的插件不同（仅前次有：{before}；仅本次有：{now}），总分变化不宜直接比较",
        "en": "the two results were scored by different plugins (only before: {before}; only "
        "now: {now}); changes of the total do not compare like for like",
    },
    "baseline.kind_changed": {
        "zh": "以下单位的类别与前次结果不同，名次变化不宜直接比较：{units}",
        "en": "these units are of another kind than in the earlier results; their change of "
        "rank does not compare like for like: {units}",
    },
    "cli.template_unusable": {"zh": "--template：{problem}", "en": "--template: {problem}"},
    "cli.incomplete": {
        "zh": "{unit}：未完成：指标 {indicator}：{reasons}",
        "en": "{unit}: incomplete: indicator {indicator}: {reasons}",
    },
    "cli.folder_in_use": {
        "zh": "{folder}：已存在且不是空文件夹；请给出新的文件夹名",
        "en": "{folder}: exists and is not an empty folder; give a new folder name",
    },
    "cli.cannot_write": {
        "zh": "无法写入 {folder}：{reason}",
        "en": "cannot write {folder}: {reason}",
    },
    "cli.no_starter": {
        "zh": "找不到默认方案和示例单位（{folder}）；请重新安装 evaluator",
        "en": "the default scheme and example units are not installed ({folder}); "
        "reinstall evaluator",
    },
    "cli.init_done": {
        "zh": "已写入 {folder}：criteria/（默认方案，{criteria} 个文件）、submissions/（{units} 个虚构的示例单位）、"
        "plugins/（空）和 README.md。下一步：cd {folder} && evaluate submissions/",
        "en": "wrote {folder}: criteria/ (the default scheme, {criteria} files), submissions/ "
        "({units} invented example units), plugins/ (empty) and README.md. "
        "Next: cd {folder} && evaluate submissions/",
    },
    "cli.plugin_name_empty": {
        "zh": "插件名不能为空：请给出名字，如 budget_tables",
        "en": "{name!q} cannot name a plugin: give a name, such as budget_tables",
    },
    "cli.plugin_name_character": {
        "zh": "{name!q}不能作插件名：Python 包名不能含有{character!q}；请只用英文字母、数字和 _ - .（如 budget_tables）",
        "en": "{name!q} cannot name a plugin: a Python package name cannot hold {character!q}; "
        "use ASCII letters, digits, _, - and . (budget_tables)",
    },
    "cli.plugin_name_edge": {
        "zh": "{name!q}不能作插件名：Python 包名须以字母或数字开头和结尾（如 budget_tables）",
        "en": "{name!q} cannot name a plugin: a Python package name starts and ends with a "
        "letter or digit (budget_tables)",
    },
    "cli.plugin_name_start": {
        "zh": "{name!q}不能作插件名：由它得出的插件名{plugin!q}（数据部分名和评分器名的前缀）须以字母开头",
        "en": "{name!q} cannot name a plugin: the plugin name it makes, {plugin!q} (the "
        "section's name and the scorers' prefix), must start with a letter",
    },
    "cli.plugin_name_long": {
        "zh": "{name!q}不能作插件名：由它得出的插件名{plugin!q}超过 {limit} 个字符",
        "en": "{name!q} cannot name a plugin: the plugin name it makes, {plugin!q}, is longer "
        "than {limit} characters",
    },
    "cli.plugin_name_keyword": {
        "zh": "{name!q}不能作插件名：由它得出的插件名{plugin!q}是 Python 关键字",
        "en": "{name!q} cannot name a plugin: the plugin name it makes, {plugin!q}, is a "
        "Python keyword",
    },
    "cli.plugin_name_reserved": {
        "zh": "{name!q}不能作插件名：插件名{plugin!q}为保留名（保留名：{reserved}）",
        "en": "{name!q} cannot name a plugin: the plugin name {plugin!q} is reserved "
        "(reserved: {reserved})",
    },
    "cli.plugin_name_taken": {
        "zh": "已安装的插件中已有{name!q}；请换一个名字（evaluate plugins 列出已有插件）",
        "en": "an installed plugin is already called {name!q}; choose another name "
        "(evaluate plugins lists them)",
    },
    "cli.new_plugin_done": {
        "zh": "已写入插件包 {folder}。下一步：pip install -e '{folder}[test]' && python -m pytest {folder}",
        "en": "wrote the plugin package {folder}. Next: pip install -e '{folder}[test]' && "
        "python -m pytest {folder}",
    },
    "cli.dask_missing": {
        "zh": "Dask 执行器需要可选组件：pip install 'evaluator[dask]'",
        "en": "the Dask executor needs the optional extra: pip install 'evaluator[dask]'",
    },
    "cli.dask_worker_version": {
        "zh": "Dask 工作进程 {worker} 上的 {name} 版本为 {theirs}，本机为 {version}；"
        "请在每个工作进程上安装相同版本",
        "en": "Dask worker {worker} has {name} {theirs}, this machine {version}; "
        "install the same version on every worker",
    },
    "cli.dask_worker_missing": {
        "zh": "Dask 工作进程 {worker} 上未安装 {name}（本机为 {version}）；"
        "请在每个工作进程上安装相同版本",
        "en": "Dask worker {worker} does not have {name} installed (this machine: {version}); "
        "install the same version on every worker",
    },
    "cli.url_needs_fsspec": {
        "zh": "以网址给出文件夹需要可选组件：pip install 'evaluator[remote]'",
        "en": "a folder given as a URL needs the optional extra: pip install 'evaluator[remote]'",
    },
    "cli.url_unreadable": {
        "zh": "无法读取 {url}：{reason}",
        "en": "cannot read {url}: {reason}",
    },
    "cli.url_too_many": {
        "zh": "{url} 列出的文件和文件夹超过 {limit} 个；拒绝复制",
        "en": "{url} lists more than {limit} files and folders; not copied",
    },
    "cli.url_too_large": {
        "zh": "{url} 的文件合计超过 {limit} 字节；拒绝复制",
        "en": "the files of {url} come to more than {limit} bytes; not copied",
    },
    "cli.dask_needs_scheduler": {
        "zh": "--executor dask 需要 --scheduler ADDRESS",
        "en": "--executor dask needs --scheduler ADDRESS",
    },
    "cli.validated": {
        "zh": "有效 {valid} 份，无效 {invalid} 份；评估标准 {scheme} 无误",
        "en": "{valid} valid, {invalid} invalid submission(s); criteria {scheme} OK",
    },
    "cli.template_suffix": {
        "zh": "模板只能写成 .xlsx 文件：{output}",
        "en": "a template is written as an .xlsx file: {output}",
    },
    "cli.unknown_kind": {
        "zh": "未知的单位类别{kind!q}{hint!c}（方案中的类别，可写代码或名称：{kinds}）",
        "en": "unknown unit kind {kind!q}{hint!c} (the scheme's kinds, by key or name: {kinds})",
    },
    "cli.template_written": {
        "zh": "已写入 {output}：{kind_name}（{kind}）的填报工作簿，{count} 张工作表：{sheets}"
        "{unit_note!c}",
        "en": "wrote {output}: the fill-in workbook for a {kind_name} ({kind}), {count} sheets: "
        "{sheets}{unit_note!c}",
    },
    "template.unit_given": {"zh": "；单位：{unit}", "en": "; unit: {unit}"},
    "template.unit_blank": {
        "zh": "；单位编号和名称未填，请在“单位”表中填写",
        "en": "; the unit's id and name are blank: fill them in on sheet 单位",
    },
    "cli.evidence_template_written": {
        "zh": "已写入 {output}：评估方证据工作簿，{count} 张工作表：{sheets}{units_note!c}；"
        "填好后存入证据文件夹：{files}",
        "en": "wrote {output}: the evaluator's evidence workbook, {count} sheets: {sheets}"
        "{units_note!c}; once filled in, save it in the evidence folder as {files}",
    },
    "template.evidence_units": {
        "zh": "；{units} 个单位，每单位 {rows} 行，单位编号已填",
        "en": "; {units} units, {rows} rows each with the unit's id filled in",
    },
    "template.evidence_blank": {
        "zh": "；未给 --submissions，只有表头",
        "en": "; no --submissions given: headers only",
    },
    "cli.no_evidence_lists": {
        "zh": "没有插件登记评估方的证据清单（register_evidence），无从写证据工作簿",
        "en": "no plugin registers an evidence list (register_evidence): no evidence workbook "
        "to write",
    },
    "cli.template_needs_kind": {
        "zh": "evaluate template：请给出 --kind KIND（单位的填报工作簿）"
        "或 --evidence（评估方的证据工作簿）",
        "en": "evaluate template: give --kind KIND (a unit's fill-in workbook) or --evidence "
        "(the evaluator's evidence workbook)",
    },
    "cli.template_reviews_needs_from": {
        "zh": "evaluate template：--reviews 须与 --from RESULTS.json（评估结果文件）同用",
        "en": "evaluate template: --reviews needs --from RESULTS.json (a results file)",
    },
    "cli.template_needs_reviews": {
        "zh": "evaluate template：{option} 只与 --reviews 同用",
        "en": "evaluate template: {option} goes with --reviews only",
    },
    "cli.template_not_with_reviews": {
        "zh": "evaluate template：--reviews 写复核结论表，不用 {options}（其他工作簿的选项）",
        "en": "evaluate template: --reviews writes the reviewer's workbook and takes no "
        "{options} (options of the other workbooks)",
    },
    "cli.results_unusable": {"zh": "--from：{problem}", "en": "--from: {problem}"},
    "cli.review_template_written": {
        "zh": "已写入 {output}：复核结论表，{rows} 行（每行一项扣分或待核实事项），"
        "据评估结果 {results}（sha256 {sha256}）；填好复核结论后存入复核文件夹（reviews/）",
        "en": "wrote {output}: the reviewer's workbook, {rows} rows (a finding that cost points "
        "or a claim to verify each), from {results} (sha256 {sha256}); once decided, save it "
        "in the reviews folder (reviews/)",
    },
    "cli.template_needs_evidence": {
        "zh": "evaluate template：{option} 只与 --evidence 同用",
        "en": "evaluate template: {option} goes with --evidence only",
    },
    "cli.template_not_with_evidence": {
        "zh": "evaluate template：--evidence 写评估方的证据工作簿，不用 {options}（单位填报工作簿的选项）",
        "en": "evaluate template: --evidence writes the evaluator's evidence workbook and takes no "
        "{options} (options of a unit's fill-in workbook)",
    },
    "cli.interrupted": {"zh": "evaluate：已中断", "en": "evaluate: interrupted"},
    "cli.terminated": {"zh": "evaluate：已终止", "en": "evaluate: terminated"},
    "cli.template_fields_failed": {
        "zh": "插件{plugin!q}的评分器{scorer!q}未能给出应填项目（{error}）；模板中不列这些行",
        "en": "plugin {plugin!q}, scorer {scorer!q}: could not list its expected values ({error});"
        " the template leaves those rows out",
    },
    "cli.progress": {"zh": "{done}/{total} 个单位", "en": "{done}/{total} units"},
    "cli.unexpected": {
        "zh": "意外错误 {error}（加 --debug 运行可看到回溯信息）",
        "en": "unexpected {error} (run with --debug for the traceback)",
    },
    # ---------------------------------------------------------------- files
    "file.unreadable": {"zh": "无法读取文件：{reason}", "en": "cannot read file: {reason}"},
    "file.too_large": {
        "zh": "文件大小为 {size:,} 字节，超过上限 {limit:,} 字节；请拆分文件，或用 --max-file-size 调高上限",
        "en": "file is {size:,} bytes, over the limit of {limit:,}; "
        "split it, or raise the limit with --max-file-size",
    },
    "file.gbk": {
        "zh": "文件不是 UTF-8 编码，而是 GBK/GB18030（中文 Windows 程序的常用编码）；请转换，例如 "
        "`iconv -f GB18030 -t UTF-8 {path} > converted && mv converted {path}`，"
        "或在 Excel 中另存为“CSV UTF-8”",
        "en": "file is not UTF-8 but decodes as GBK/GB18030 (the usual encoding of Chinese "
        "Windows programs); convert it, e.g. "
        "`iconv -f GB18030 -t UTF-8 {path} > converted && mv converted {path}`, "
        "or in Excel save as 'CSV UTF-8'",
    },
    "file.more_errors": {
        "zh": "… 本文件另有 {more:,} 个问题未列出（每个文件只列出前 {limit} 个）；请先改正以上各项",
        "en": "… and {more:,} more problems in this file, not listed (the first {limit} of "
        "each file are); fix those above first",
    },
    "file.more_problems": {
        "zh": "本文件的问题只列出前 {shown} 个，检查到此为止；请先改正这些，再重新检查",
        "en": "only the first {shown} problems of this file are listed, and checking stopped "
        "there; fix these first, then check again",
    },
    "file.not_utf8": {
        "zh": "文件不是 UTF-8 文本；请另存为 UTF-8",
        "en": "file is not UTF-8 text; save it as UTF-8",
    },
    "file.nul_bytes": {
        "zh": "文件含有 NUL 字节，不是文本文件（UTF-16？）",
        "en": "file contains NUL bytes; it is not a text file (UTF-16?)",
    },
    # ---------------------------------------------------------------- scoring
    "engine.merged": {"zh": "{items}", "en": "{items}"},
    "engine.merged_more": {
        "zh": "{items}；… 等 {count} 条",
        "en": "{items}; … {count} in all",
    },
    "engine.no_data": {
        "zh": "未提交数据：缺少“{title}”部分",
        "en": "no data submitted: the {section} section is missing",
    },
    "engine.no_data_veto": {
        "zh": "单项否决指标无数据，按未通过处理",
        "en": "a veto check without data fails",
    },
    "validate.section_missing": {
        "zh": "未提交“{title}”部分（{section}）：方案据此评分的指标 {indicators} 将得 0 分",
        "en": "no {section} section ({title}): the indicators the scheme scores from it "
        "({indicators}) will get 0 points",
    },
    "validate.section_unsent": {
        "zh": "没有任何单位提交维度“{name}”（{dimension}）所评的“{title}”部分（{section}）；"
        "是漏交了这部分数据，还是部分名写错了？",
        "en": "no unit sends the {section} section ({title}) that dimension {dimension} "
        "({name}) scores: is that data missing, or the section's name misspelt?",
    },
    "engine.scorer_failed": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 出错：{error}（{where}）",
        "en": "scorer {scorer} (plugin {plugin}) failed: {error} at {where}",
    },
    "engine.not_an_outcome": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了 {type}，而不是 Outcome",
        "en": "scorer {scorer} (plugin {plugin}) returned {type}, not an Outcome",
    },
    "engine.points_not_finite": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的分值 {points} 不是有限数",
        "en": "scorer {scorer} (plugin {plugin}) returned points {points}, not a finite number",
    },
    "engine.points_out_of_range": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回 {points} 分，超出 0..{max:g} 分",
        "en": "scorer {scorer} (plugin {plugin}) returned {points} points, outside 0..{max:g}",
    },
    "engine.bad_status": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了未知状态 {status}",
        "en": "scorer {scorer} (plugin {plugin}) returned status {status}",
    },
    "engine.undeclared_veto": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了单项否决（veto=True），但未声明 vetoes=True",
        "en": "scorer {scorer} (plugin {plugin}) returned veto=True but does not declare "
        "vetoes=True",
    },
    "engine.small_counts": {
        "zh": "仅判定{judged}件（少于{below}件），不按比例计分：{failed}件未达标，每件扣{per_case:g}分、"
        "最多扣{cap:g}分，共扣{lost:g}分（按比例计将得{by_rate:g}分）",
        "en": "judged on {judged} cases (fewer than {below}), so not scored as a rate: "
        "{failed} failed, {per_case:g} points each, at most {cap:g}, {lost:g} lost in all "
        "(the rate would give {by_rate:g} points)",
    },
    "engine.undeclared_cases": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了案件数（cases=），但未声明 counts_cases=True",
        "en": "scorer {scorer} (plugin {plugin}) returned cases= but does not declare "
        "counts_cases=True",
    },
    "engine.bad_cases": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的案件数无效：cases={cases}，failed={failed}"
        "（应为非负整数，且 failed 不大于 cases）",
        "en": "scorer {scorer} (plugin {plugin}) returned unusable case counts: cases={cases}, "
        "failed={failed} (whole numbers from 0, failed at most cases)",
    },
    "engine.undeclared_code": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了未声明的消息代码 {code}（codes= 中没有）",
        "en": "scorer {scorer} (plugin {plugin}) returned a finding with code {code}, which it "
        "does not declare in codes=",
    },
    "engine.code_without_text": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的消息代码 {code} 既无文本也无消息",
        "en": "scorer {scorer} (plugin {plugin}) returned a finding with code {code}, which has "
        "no text and no message",
    },
    "engine.bad_findings": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的发现不是 Finding 对象",
        "en": "scorer {scorer} (plugin {plugin}) returned findings that are not Finding objects",
    },
}

ENGINE = Catalogue({**MESSAGES, **SHARED})
"""The engine's catalogue; a run's catalogue adds each plugin's texts to it."""

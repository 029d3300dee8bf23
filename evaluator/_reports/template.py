"""The fill-in workbook for a unit: what ``evaluate template --kind bureau -o FILE.xlsx`` writes.

Generated from the loaded submission schema (:mod:`evaluator._inputs.workbook_layout`),
so a plugin's new section gets its sheet, and a filled-in copy saved as
``submissions/<unit-id>.xlsx`` is a submission. Each sheet has a short
instruction in row 1; record sheets have their Chinese headers in row 2
(required columns in red), dropdowns for enumerations (their Chinese labels)
and booleans (是/否), date validation and date formats, input prompts with the
field's description, column widths and frozen headers.

``evaluate template --evidence`` writes the evaluator's own workbook instead
(:func:`evidence_workbook`): a sheet per evidence list a plugin registers, the
units of ``--submissions`` in blocks of :data:`EVIDENCE_ROWS_PER_UNIT` rows with
their ids filled in.

Output is the same byte for byte for the same schema and arguments: workbook
properties carry a fixed time and the zip entries fixed timestamps.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from evaluator._core.hints import did_you_mean
from evaluator._core.ids import id_key
from evaluator._core.model import ChecklistItem, Message, Scheme
from evaluator._core.problems import Refusal
from evaluator._inputs.entries import discover
from evaluator._inputs.workbook_layout import (
    LABEL_SEPARATOR,
    PATH_COLUMN,
    UNIT_SHEET,
    FormRow,
    FormSheet,
    RecordSheet,
    WorkbookLayout,
    workbook_layout,
)
from evaluator._reports.escaping import spreadsheet_cell
from evaluator._reports.xlsx import FIXED_TIME, save_workbook
from evaluator.plugin_api import EvidenceList
from evaluator.section_schema import CHECKLIST_ITEM, ENUM_TITLES

if TYPE_CHECKING:
    from evaluator._inputs.drafts import SubmissionSchema
    from evaluator._plugins.loader import Registry

__all__ = [
    "EVIDENCE_ROWS_PER_UNIT",
    "FIXED_TIME",
    "check_template_path",
    "evidence_workbook",
    "expected_fields",
    "save_workbook",
    "scheme_kind",
    "template_command",
    "template_workbook",
    "write_template",
    "write_unit_template",
]

_LAST_ROW = 1048576
_FIRST_DATA_ROW = 3
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_NOTE_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
_REQUIRED = Font(bold=True, color="C00000")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_PATH_FONT = Font(color="808080", size=9)
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "yyyy-mm-dd hh:mm"
_FIRST_DATE, _LAST_DATE = 1, 73050  # Excel's serials of 1900-01-01 and 2099-12-31
_SHARES_NOTE = (
    "# 占比照报告所印填写，单位为%：报告印“52.18%”即在 B 列填 52.18（不要填 0.5218）；"
    "同比增减照报告所列填写，减少填负数，如 -14"
)
EVIDENCE_ROWS_PER_UNIT = 3
"""The rows each unit's block gets on an evidence sheet, its id filled in on each.

Three: the sample evaluation sends each unit three test requests (online, by
letter, in person). A row left with its id alone is skipped as blank, so a spare
row costs nothing; a fourth request is a row inserted with the id copied.
"""
CHECKLIST_SHEET = "#公开清单"
"""The sheet listing the checklist items a dropdown offers (``#``: the reader skips it)."""


def _width(text: str) -> int:
    """How many columns ``text`` takes on screen (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _kind(schema: Mapping[str, Any]) -> str:
    """The cell kind a field takes: enum, boolean, date, time, integer, number or text."""
    if "enum" in schema:
        return "enum"
    kind = schema.get("type")
    fmt = schema.get("format")
    if kind == "string" and fmt == "date":
        return "date"
    if kind == "string" and fmt == "date-time":
        return "time"
    return str(kind) if kind in ("boolean", "integer", "number") else "text"


def _labels(schema: Mapping[str, Any]) -> list[str]:
    """What a dropdown offers for an enumeration: its Chinese labels, else its values."""
    titles: Mapping[str, str] = schema.get(ENUM_TITLES) or {}
    return [titles.get(str(value), str(value)) for value in schema["enum"]]


def _validation(schema: Mapping[str, Any], prompt_title: str) -> DataValidation | None:
    """The data validation a field's cells get, with the field's description as a prompt."""
    kind = _kind(schema)
    validation: DataValidation | None = None
    if kind == "enum":
        choices = ",".join(_labels(schema))
        if len(choices) <= 250 and '"' not in choices:  # Excel's limit for an inline list
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    elif kind == "boolean":
        validation = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    elif kind in ("date", "time"):
        validation = DataValidation(
            type="date",
            operator="between",
            formula1=str(_FIRST_DATE),
            formula2=str(_LAST_DATE + (1 if kind == "time" else 0)),
            allow_blank=True,
        )
        validation.error = "请输入1900年至2099年之间的日期，如 2016-03-05"
    elif kind == "integer":
        validation = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1=str(int(schema.get("minimum", -(10**9)))),
            allow_blank=True,
        )
    if validation is None:
        return None
    # the reader also takes English values, TRUE/FALSE and typed dates: refuse only non-dates
    validation.showErrorMessage = kind in ("date", "time", "integer")
    description = schema.get("description")
    if isinstance(description, str) and description:
        validation.promptTitle = prompt_title[:32]
        validation.prompt = description[:250]
        validation.showInputMessage = True
    return validation


def _format(cell_kind: str) -> str | None:
    return {"date": _DATE_FORMAT, "time": _TIME_FORMAT}.get(cell_kind)


def _note(sheet: Worksheet, text: str, width: int) -> None:
    """The instruction row: row 1, across the sheet's columns."""
    cell = sheet.cell(row=1, column=1, value=text)
    cell.alignment = _WRAP
    cell.fill = _NOTE_FILL
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 48


def _record_sheet(sheet: Worksheet, spec: RecordSheet, items: Sequence[ChecklistItem]) -> None:
    _note(
        sheet,
        f"{sheet.title}：每行一条记录，第2行是表头（字段名，可用中文或英文，请勿改动）；"
        "红色表头为必填；日期写作 2016-03-05 或直接输入日期；下拉框可选的列请从中选择；"
        "空行不计；以“备注”开头的列不读取。",
        len(spec.items.get("properties", {})),
    )
    _record_columns(sheet, spec.items, items)


def _record_columns(
    sheet: Worksheet, schema: Mapping[str, Any], items: Sequence[ChecklistItem]
) -> None:
    """Row 2's headers (a record ``schema``'s Chinese titles, required ones red), each
    column's dropdown or date validation, format and width; rows from 3 frozen below."""
    properties: Mapping[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    names = list(properties)
    for column, name in enumerate(names, start=1):
        schema = properties[name]
        title = schema.get("title") if isinstance(schema.get("title"), str) else name
        header = sheet.cell(row=2, column=column, value=title)
        header.font = _REQUIRED if name in required else _BOLD
        header.fill = _HEADER_FILL
        letter = get_column_letter(column)
        kind = _kind(schema)
        width = max(_width(str(title)), {"date": 12, "time": 17}.get(kind, 10))
        if kind == "enum":
            width = max(width, *(_width(label) for label in _labels(schema)))
        dimension = sheet.column_dimensions[letter]
        dimension.width = width + 4
        number_format = _format(kind)
        if number_format:
            dimension.number_format = number_format
        validation = _validation(schema, str(title))
        if schema.get(CHECKLIST_ITEM) and items:
            validation = _item_validation(len(items))
            dimension.width = max(width, *(_width(i.name) for i in items)) + 4
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}{_FIRST_DATA_ROW}:{letter}{_LAST_ROW}")
    sheet.freeze_panes = f"A{_FIRST_DATA_ROW}"


def _item_validation(count: int) -> DataValidation:
    """A dropdown of the checklist's item names, listed on :data:`CHECKLIST_SHEET`.

    Items are too many for Excel's 255-character inline list, so the list is a
    range. Other text is let through (an item's id names it too).
    """
    validation = DataValidation(
        type="list", formula1=f"'{CHECKLIST_SHEET}'!$A$2:$A${count + 1}", allow_blank=True
    )
    validation.showErrorMessage = False
    validation.promptTitle = "事项"
    validation.prompt = "从下拉框选择公开清单中的事项（也可写事项编号）"
    validation.showInputMessage = True
    return validation


def _checklist_sheet(sheet: Worksheet, items: Sequence[ChecklistItem]) -> None:
    """The items a unit of the kind must publish: name, id and category, one per row."""
    for column, header in enumerate(("事项", "事项编号", "类别"), start=1):
        sheet.cell(row=1, column=column, value=header).font = _BOLD
    for row, item in enumerate(items, start=2):
        sheet.cell(row=row, column=1, value=item.name)
        sheet.cell(row=row, column=2, value=item.id)
        sheet.cell(row=row, column=3, value=item.category)
    columns = zip(*((i.name, i.id, i.category) for i in items), strict=True)
    for letter, texts in zip("ABC", columns, strict=True):
        sheet.column_dimensions[letter].width = max(_width(t) for t in texts) + 4


def kind_items(scheme: Scheme, kind: str) -> list[ChecklistItem]:
    """The checklist items a unit of ``kind`` may have to publish, once each by name.

    A checklist is the kind's when one of its items names the kind in
    ``applies_to`` (or none names any kind); of it, the items for every kind or for
    this one, those the checklist limits to named units included.
    """
    found: dict[str, ChecklistItem] = {}
    for checklist in scheme.checklists.values():
        kinds = {k for item in checklist.items for k in item.applies_to or ()}
        if kinds and kind not in kinds:
            continue
        for item in checklist.items:
            if item.applies_to is None or kind in item.applies_to:
                found.setdefault(item.name, item)
    return list(found.values())


def _explained(text: str) -> str:
    """An explanation for column C: one line, never run as a formula, not cut short."""
    return spreadsheet_cell(text, limit=2000)


Expected = Mapping[str, str | tuple[str, str]]
"""What a section's scorers expect where its names are open: dotted paths from the section
to an explanation, or to a Chinese label and an explanation (``Scorer.fields``)."""


def _form_rows(sheet: Worksheet, rows: Sequence[FormRow], start: int, expected: Expected) -> int:
    """Label/value rows from row ``start``; the next free row.

    Under an open group (names of the unit's choosing), a row per name the
    scorers expect there (``expected``: dotted paths from the section): its label
    in column A where the scorer gives one, the path the reader goes by in column
    D (:data:`PATH_COLUMN`); else the path in column A.
    """
    number = start
    for row in rows:
        if row.open:
            text = (
                f"# {row.label}：每行填一个数，A 列写 {row.label}.名称（名称可多级，用“.”分隔），"
                "B 列写数值"
            )
            sheet.cell(row=number, column=1, value=text).font = Font(italic=True)
            sheet.cell(row=number, column=3, value=_explained(row.description))
            number += 1
            group = ".".join(row.path) + "."
            if any(p.startswith(group) and p.endswith(".percent") for p in expected):
                sheet.cell(row=number, column=1, value=_SHARES_NOTE).font = Font(italic=True)
                number += 1
            for path, given in expected.items():
                if not path.startswith(group):
                    continue
                label, explanation = ("", given) if isinstance(given, str) else given
                named = row.label + LABEL_SEPARATOR + path[len(group) :]
                if label:
                    sheet.cell(row=number, column=PATH_COLUMN, value=named).font = _PATH_FONT
                sheet.cell(row=number, column=1, value=label or named).font = _BOLD
                sheet.cell(row=number, column=3, value=_explained(explanation)).alignment = _WRAP
                number += 1
            continue
        sheet.cell(row=number, column=1, value=row.label).font = _BOLD
        target = sheet.cell(row=number, column=2)
        kind = _kind(row.schema)
        number_format = _format(kind)
        if number_format:
            target.number_format = number_format
        validation = _validation(row.schema, row.label)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(target.coordinate)
        sheet.cell(row=number, column=3, value=_explained(row.description)).alignment = _WRAP
        number += 1
    return number


def _form_sheet(sheet: Worksheet, spec: FormSheet, expected: Expected) -> None:
    coded = any(not isinstance(given, str) for given in expected.values())
    _note(
        sheet,
        f"{sheet.title}：A 列是项目（请勿改动），在 B 列填写数值或日期；不适用的留空。C 列是说明。"
        + ("D 列是项目的编号，程序按它读取，请勿改动。" if coded else ""),
        PATH_COLUMN if coded else 3,
    )
    _form_rows(sheet, spec.rows, 2, expected)
    _widths(sheet)
    if coded:
        sheet.column_dimensions[get_column_letter(PATH_COLUMN)].width = 44


def _widths(sheet: Worksheet) -> None:
    labels = [str(c.value) for c in sheet["A"][1:] if c.value and not str(c.value).startswith("#")]
    sheet.column_dimensions["A"].width = max([_width(t) for t in labels] + [12]) + 4
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 60


def _unit_sheet(
    sheet: Worksheet, layout: WorkbookLayout, kinds: Mapping[str, str], kind: str, **given: str
) -> None:
    values = {"id": given.get("id", ""), "name": given.get("name", ""), "type": kinds[kind]}
    hints = {
        "id": "字母、数字、“-”；与文件名相同（如 xc-finance 填在 xc-finance.xlsx 中）",
        "name": "单位全称",
        "type": "可选：" + "、".join(kinds.values()),
    }
    for number, row in enumerate(layout.unit_rows, start=1):
        key = row.path[-1]
        sheet.cell(row=number, column=1, value=row.label).font = _REQUIRED
        sheet.cell(row=number, column=2, value=values.get(key) or None)
        sheet.cell(row=number, column=3, value=_explained(hints.get(key, row.description)))
        if key == "type":
            choices = ",".join(kinds.values())
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=False)
            sheet.add_data_validation(validation)
            validation.add(f"B{number}")
    note = len(layout.unit_rows) + 2
    sheet.cell(
        row=note,
        column=1,
        value="# 本工作簿即一个单位的提交材料：填好后以“<单位编号>.xlsx”命名，放入提交文件夹。"
        "其余各表：记录表每行一条记录，表单表在 B 列填写。以“备注”或“#”开头的工作表、行不读取。",
    ).alignment = _WRAP
    sheet.merge_cells(start_row=note, start_column=1, end_row=note, end_column=3)
    sheet.row_dimensions[note].height = 48
    _widths(sheet)


def template_workbook(
    schema: Mapping[str, Any],
    unit_types: Mapping[str, str],
    kind: str,
    *,
    order: Sequence[str] = (),
    unit_id: str = "",
    unit_name: str = "",
    expected: Mapping[str, Expected] | None = None,
    items: Sequence[ChecklistItem] = (),
) -> Workbook:
    """The fill-in workbook for a unit of ``kind`` (a key of ``unit_types``).

    ``expected`` gives, per section, the values its scorers expect where the
    schema leaves names open (see ``Scorer.fields``), listed as rows. ``items``
    are the checklist items a field marked ``x-checklist-item`` offers in a
    dropdown, listed on a sheet of their own (:data:`CHECKLIST_SHEET`).
    """
    layout = workbook_layout(schema, order)
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = UNIT_SHEET
    _unit_sheet(first, layout, unit_types, kind, id=unit_id, name=unit_name)
    by_section: dict[str, list[Any]] = {}
    for record in layout.records:
        by_section.setdefault(record.path[0], []).append(record)
    for form in layout.forms:
        by_section.setdefault(form.section, []).insert(0, form)
    for section in layout.sections:
        for spec in by_section.get(section, []):
            sheet = book.create_sheet(spec.name)
            if isinstance(spec, RecordSheet):
                _record_sheet(sheet, spec, items)
            else:
                _form_sheet(sheet, spec, (expected or {}).get(section, {}))
    if items and any(_names_items(r) for r in layout.records):
        _checklist_sheet(book.create_sheet(CHECKLIST_SHEET), items)
    book.properties.creator = "evaluator"
    return book


def _names_items(spec: RecordSheet) -> bool:
    properties: Mapping[str, Any] = spec.items.get("properties", {})
    return any(sub.get(CHECKLIST_ITEM) for sub in properties.values())


def evidence_workbook(lists: Sequence[EvidenceList], units: Sequence[str]) -> Workbook:
    """The evaluator's workbook: a sheet per evidence list, each unit a block of rows.

    A sheet is named as its list's reader looks for it (the list's ``sheet``;
    lists without one, whose reader takes the first sheet, come first, named by
    their title). Headers are the fields' Chinese titles in row 2, as on a unit's
    record sheets; each of ``units`` gets :data:`EVIDENCE_ROWS_PER_UNIT` rows with
    its id in the ``unit`` column, every other cell empty. Without units, the
    headers alone.
    """
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for listed in sorted(lists, key=lambda listed: bool(listed.sheet)):
        sheet = book.create_sheet(listed.sheet or (listed.title or listed.name)[:31])
        names = list(listed.schema.get("properties", {}))
        _note(sheet, _evidence_note(sheet.title, listed.name), len(names))
        _record_columns(sheet, listed.schema, ())
        column = names.index("unit") + 1
        for number, unit in enumerate(
            (u for u in units for _ in range(EVIDENCE_ROWS_PER_UNIT)), start=_FIRST_DATA_ROW
        ):
            sheet.cell(row=number, column=column, value=unit)
    book.properties.creator = "evaluator"
    return book


def _evidence_note(title: str, name: str) -> str:
    """An evidence sheet's instruction row: blocks, unused rows, the file to save as."""
    return (
        f"{title}：评估方自己的记录，每行一条，第2行是表头（请勿改动）；"
        f"每个单位预留{EVIDENCE_ROWS_PER_UNIT}行并已填单位编号，不够时插入行并复制单位编号，"
        "只有单位编号的行不读取；红色表头为必填；日期写作 2016-03-05 或直接输入日期；"
        "下拉框可选的列请从中选择；以“备注”开头的列不读取（评估方内部备注）。"
        f"填好后存为证据文件夹中的 {name}.xlsx。"
    )


def submission_units(folder: str) -> list[str]:
    """The unit ids of a submissions folder's entries, sorted, each once whatever its case.

    Refused when ``folder`` is no folder or holds no unit entry.
    """
    if not os.path.isdir(folder):
        code = "cli.not_a_folder" if os.path.exists(folder) else "cli.no_such_folder"
        raise Refusal(Message(code, {"folder": folder}))
    units: dict[str, str] = {}
    for entry in discover(folder):
        units.setdefault(id_key(entry.name), entry.name)
    if not units:
        raise Refusal(Message("cli.no_submissions", {"folder": folder}))
    return list(units.values())


def write_evidence_template(
    path: str, lists: Mapping[str, EvidenceList], submissions: str | None
) -> Message:
    """Write to ``path``, atomically, the evaluator's workbook (:func:`evidence_workbook`)
    for the units of ``submissions`` (``None``: headers only); what was written.

    Refused when no plugin registers an evidence list.
    """
    from evaluator._reports.atomic import binary_output

    if not lists:
        raise Refusal(Message("cli.no_evidence_lists", {}))
    units = submission_units(submissions) if submissions is not None else []
    book = evidence_workbook(list(lists.values()), units)
    with binary_output(path, suffix=".xlsx") as stream:
        save_workbook(book, stream)
    params = {
        "output": path,
        "sheets": book.sheetnames,
        "count": len(book.sheetnames),
        "files": [f"{name}.xlsx" for name in sorted(lists)],
        "units": len(units),
        "rows": EVIDENCE_ROWS_PER_UNIT,
        "units_note": "template.evidence_units" if units else "template.evidence_blank",
    }
    return Message("cli.evidence_template_written", params)


def write_template(
    target: str | os.PathLike[str] | IO[bytes],
    schema: Mapping[str, Any],
    unit_types: Mapping[str, str],
    kind: str,
    *,
    order: Sequence[str] = (),
    unit_id: str = "",
    unit_name: str = "",
    expected: Mapping[str, Expected] | None = None,
) -> None:
    """Write the fill-in workbook for a unit of ``kind`` to ``target``."""
    book = template_workbook(
        schema,
        unit_types,
        kind,
        order=order,
        unit_id=unit_id,
        unit_name=unit_name,
        expected=expected,
    )
    save_workbook(book, target)


def check_template_path(path: str) -> None:
    """Refuse (:class:`~evaluator._core.problems.Refusal`) a ``path`` that is not an ``.xlsx``
    file that can be written; checked before anything is loaded."""
    from evaluator._reports.output import check_output_file

    if not path.lower().endswith(".xlsx"):
        raise Refusal(Message("cli.template_suffix", {"output": path}))
    check_output_file(path)


class Loaded(Protocol):
    """What a template is made from: the loaded scheme, plugins and submission schema."""

    @property
    def scheme(self) -> Scheme: ...

    @property
    def registry(self) -> Registry: ...

    @property
    def schema(self) -> SubmissionSchema: ...


def template_command(
    output: str,
    load: Callable[[], Loaded],
    *,
    kind: str | None,
    unit_id: str = "",
    unit_name: str = "",
    evidence: bool = False,
    submissions: str | None = None,
    reviews_book: bool = False,
    results: str | None = None,
) -> tuple[Message, list[Message]]:
    """What ``evaluate template`` does with what it was given: the message saying what was
    written, and the warnings.

    A unit's workbook needs ``kind``; the evaluator's (``evidence``) takes
    ``submissions`` and none of ``kind``, ``unit_id``, ``unit_name``; the
    reviewer's (``reviews_book``) needs ``results`` (``--from``) and takes no
    other option: any other mix is refused as a usage error. ``output`` is
    checked before anything is loaded; ``load`` loads the criteria and plugins
    (the command's options; the reviewer's workbook needs none). Refused (exit 2)
    as :func:`write_unit_template`, :func:`write_evidence_template` and
    :func:`~.review_template.write_review_template` refuse.
    """
    if reviews_book or results is not None:
        given = {"kind": kind, "id": unit_id, "name": unit_name, "submissions": submissions}
        _check_review_usage(reviews_book, results, evidence=evidence, **given)
        check_template_path(output)
        assert results is not None
        from evaluator._reports.review_template import write_review_template

        return write_review_template(output, results), []
    _check_usage(kind, evidence, submissions, unit_id=unit_id, unit_name=unit_name)
    check_template_path(output)
    if evidence:
        if submissions is not None:
            submission_units(submissions)  # a wrong folder is told before loading
        return write_evidence_template(output, load().registry.evidence, submissions), []
    assert kind is not None
    loaded = load()
    return write_unit_template(
        output,
        loaded.scheme,
        loaded.registry,
        loaded.schema.schema,
        kind,
        unit_id=unit_id,
        unit_name=unit_name,
    )


def _check_review_usage(
    reviews_book: bool, results: str | None, *, evidence: bool, **others: str | None
) -> None:
    """Refuse ``--from`` without ``--reviews``, ``--reviews`` without ``--from``, and
    ``--reviews`` with another workbook's options (``cli.template_*``: exit 2)."""
    if not reviews_book:
        raise Refusal(Message("cli.template_needs_reviews", {"option": "--from"}))
    if results is None:
        raise Refusal(Message("cli.template_reviews_needs_from", {}))
    clashing = (["--evidence"] if evidence else []) + [
        f"--{name}" for name, value in others.items() if value
    ]
    if clashing:
        raise Refusal(Message("cli.template_not_with_reviews", {"options": clashing}))


def _check_usage(kind: str | None, evidence: bool, submissions: str | None, **unit: str) -> None:
    """Refuse options that do not go together (``cli.template_*``: exit 2)."""
    if not evidence:
        if submissions is not None:
            raise Refusal(Message("cli.template_needs_evidence", {"option": "--submissions"}))
        if kind is None:
            raise Refusal(Message("cli.template_needs_kind", {}))
        return
    given = [f"--{name.removeprefix('unit_')}" for name, value in unit.items() if value]
    clashing = (["--kind"] if kind is not None else []) + given
    if clashing:
        raise Refusal(Message("cli.template_not_with_evidence", {"options": clashing}))


def write_unit_template(
    path: str,
    scheme: Scheme,
    registry: Registry,
    schema: Mapping[str, Any],
    kind: str,
    *,
    unit_id: str = "",
    unit_name: str = "",
) -> tuple[Message, list[Message]]:
    """Write to ``path``, atomically, the fill-in workbook for a unit of ``kind`` as the
    scheme and plugins shape it; refused for a kind the scheme does not have.

    ``kind`` is a key of the scheme's ``unit_types`` or the name it gives
    (街道办事处 as well as street). ``schema`` is the loaded submission schema.
    Sections come in the order the scheme's indicators first use them, with the
    rows the scorers expect (:func:`expected_fields`). Returns what was written
    (``cli.template_written``: the file, the kind, the sheets, the unit) and the
    warnings of plugins whose ``fields`` failed.
    """
    from evaluator._reports.atomic import binary_output

    kind = scheme_kind(scheme, kind)
    order = [registry.scorers[i.scorer].section or "" for i in scheme.indicators()]
    expected, warnings = expected_fields(scheme, registry, kind)
    book = template_workbook(
        schema,
        scheme.unit_types,
        kind,
        order=list(dict.fromkeys(order)),
        unit_id=unit_id,
        unit_name=unit_name,
        expected=expected,
        items=kind_items(scheme, kind),
    )
    with binary_output(path, suffix=".xlsx") as stream:
        save_workbook(book, stream)
    unit = " ".join(part for part in (unit_id, unit_name) if part)
    params = {
        "output": path,
        "kind": kind,
        "kind_name": scheme.unit_types[kind],
        "sheets": book.sheetnames,
        "count": len(book.sheetnames),
        "unit": unit,
        "unit_note": "template.unit_given" if unit else "template.unit_blank",
    }
    return Message("cli.template_written", params), warnings


def scheme_kind(scheme: Scheme, kind: str) -> str:
    """The key of the unit kind ``kind`` names: a key of ``unit_types`` or its name.

    Refused (``cli.unknown_kind``, listing every kind as key and name) otherwise.
    """
    if kind in scheme.unit_types:
        return kind
    by_name = {name: key for key, name in scheme.unit_types.items()}
    if kind.strip() in by_name:
        return by_name[kind.strip()]
    known = [f"{key}（{name}）" for key, name in scheme.unit_types.items()]
    hint = did_you_mean(kind, [*scheme.unit_types, *by_name])
    raise Refusal(Message("cli.unknown_kind", {"kind": kind, "kinds": known, **hint}))


def _field_text(value: Any) -> bool:
    """Whether ``value`` is what ``Scorer.fields`` may give a path: a text, or two."""
    if isinstance(value, tuple) and len(value) == 2:
        return all(isinstance(part, str) for part in value)
    return isinstance(value, str)


def expected_fields(
    scheme: Scheme, registry: Registry, kind: str
) -> tuple[dict[str, dict[str, str | tuple[str, str]]], list[Message]]:
    """Per section, what the kind's scorers expect where names are open (``Scorer.fields``).

    A plugin's ``fields`` that fails or returns something else only loses its
    rows (the template is still whole): it is a warning naming the plugin
    (``cli.template_fields_failed``), returned beside the fields.
    """
    expected: dict[str, dict[str, str | tuple[str, str]]] = {}
    warnings: list[Message] = []
    for indicator in scheme.indicators():
        scorer = registry.scorers[indicator.scorer]
        if scorer.fields is None or scorer.section is None or not indicator.applies(kind):
            continue
        try:
            given = dict(scorer.fields(indicator.params))
            if not all(isinstance(k, str) and _field_text(v) for k, v in given.items()):
                raise TypeError("fields() must map dotted paths to texts or (label, text) pairs")
        except Exception as exc:
            plugin = registry.scorer_plugin[indicator.scorer]
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            params = {"plugin": plugin, "scorer": scorer.name, "error": error}
            warnings.append(Message("cli.template_fields_failed", params))
            continue
        section = expected.setdefault(scorer.section, {})
        for path, text in given.items():
            section.setdefault(path, text)
    return expected, warnings

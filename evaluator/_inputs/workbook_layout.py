"""Where each part of a submission goes in a whole-unit workbook (``submissions/<id>.xlsx``).

Derived from the loaded submission schema alone, so the reader
(:mod:`evaluator._inputs.workbook`) and the template writer
(:mod:`evaluator._reports.template`) always agree, and a plugin's new section
gets its sheets without a line of code:

* sheet ``单位``: the rows ``单位编号``, ``单位名称``, ``单位类型`` (label in column A,
  value in column B);
* one sheet per record list, named by the list's Chinese ``title``
  (``依申请公开``), header row as in a CSV file;
* one sheet per section with other content (hotline figures, website facts,
  appeals, the annual report's figures), named by the section's title: one
  row per value, its label (the Chinese names along its path, joined by ``.``)
  in column A and the value in column B; a row the template lists under an
  open group (an annual report's figures) shows a label of the scorer's in
  column A and keeps its path in column D (:data:`PATH_COLUMN`), which the
  reader goes by.

Sheet names follow Excel's rules: at most 31 characters, none of ``[]:*?/\\``,
unique whatever the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LABEL_SEPARATOR",
    "PATH_COLUMN",
    "UNIT_SHEET",
    "FormRow",
    "FormSheet",
    "RecordSheet",
    "WorkbookLayout",
    "field_labels",
    "record_list_paths",
    "sheet_name",
    "workbook_layout",
]

UNIT_SHEET = "单位"
"""The sheet naming the unit (contract, version 2)."""
LABEL_SEPARATOR = "."
"""Joins the names along a value's path in a label: ``热线.接通量``, ``hotline.connected``."""
PATH_COLUMN = 4
"""Column D of a form sheet: the path of a row whose label in column A is a scorer's Chinese
name (``统计数据.requests.received.total`` beside ``依申请公开·收到申请·总数``)."""
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_MAX_NAME = 31


def sheet_name(text: str) -> str:
    """``text`` as Excel accepts a sheet name: forbidden characters replaced, 31 characters."""
    name = text.translate(_FORBIDDEN).strip().strip("'")[:_MAX_NAME] or "_"
    return "_History" if name.lower() == "history" else name


def _title(schema: Mapping[str, Any], key: str) -> str:
    title = schema.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else key


def field_labels(schema: Mapping[str, Any]) -> dict[str, str]:
    """Every value and group under ``schema``'s properties, by dotted path, with its label:
    ``{"website.checked_on": "网站更新及时性.检查日期"}``, as a form sheet names it, and by its
    path within its section where no other section has that path (``hotline.calls``). A
    finding that names a field as its record is shown by that label."""
    labels: dict[str, str] = {}

    def walk(sub: Mapping[str, Any], path: tuple[str, ...], named: tuple[str, ...]) -> None:
        for key, inner in sub.get("properties", {}).items():
            if not isinstance(inner, Mapping):
                continue
            here, names = (*path, key), (*named, _title(inner, key))
            labels[".".join(here)] = LABEL_SEPARATOR.join(names)
            if inner.get("type") == "object":
                walk(inner, here, names)

    walk(schema, (), ())
    within: dict[str, list[str]] = {}
    for path, label in labels.items():
        if "." in path:
            within.setdefault(path.split(".", 1)[1], []).append(label)
    labels.update(
        {p: found[0] for p, found in within.items() if len(found) == 1 and p not in labels}
    )
    return labels


def _is_record_list(schema: Any) -> bool:
    if not isinstance(schema, Mapping) or schema.get("type") != "array":
        return False
    items = schema.get("items")
    return isinstance(items, Mapping) and items.get("type") == "object"


def record_list_paths(
    schema: Mapping[str, Any], path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Mapping[str, Any]]]:
    """Every list of records under ``schema``'s properties: (path, the list's schema)."""
    found: list[tuple[tuple[str, ...], Mapping[str, Any]]] = []
    for key, sub in schema.get("properties", {}).items():
        if _is_record_list(sub):
            found.append(((*path, key), sub))
        elif isinstance(sub, Mapping) and sub.get("type") == "object":
            found.extend(record_list_paths(sub, (*path, key)))
    return found


@dataclass(frozen=True)
class RecordSheet:
    """A sheet holding one record list: ``path`` from the top (section, list), its item schema."""

    name: str
    path: tuple[str, ...]
    items: Mapping[str, Any]
    description: str


@dataclass(frozen=True)
class FormRow:
    """One value of a form sheet: its label, its path in the section, its schema.

    ``open`` marks a group whose names are the unit's own (an annual report's
    figures): the label names the group, the unit adds names after it.
    """

    label: str
    path: tuple[str, ...]
    schema: Mapping[str, Any]
    open: bool = False

    @property
    def description(self) -> str:
        text = self.schema.get("description")
        return text if isinstance(text, str) else ""


@dataclass(frozen=True)
class FormSheet:
    """A sheet of label/value rows holding a section's content besides its record lists."""

    name: str
    section: str
    schema: Mapping[str, Any]
    rows: tuple[FormRow, ...]


def _form_rows(
    schema: Mapping[str, Any], path: tuple[str, ...], labels: tuple[str, ...]
) -> Iterable[FormRow]:
    for key, sub in schema.get("properties", {}).items():
        if not isinstance(sub, Mapping) or _is_record_list(sub) or sub.get("type") == "array":
            continue
        here, named = (*path, key), (*labels, _title(sub, key))
        if sub.get("type") == "object" and "properties" in sub:
            yield from _form_rows(sub, here, named)
        elif sub.get("type") == "object":  # names of the unit's choosing
            yield FormRow(LABEL_SEPARATOR.join(named), here, sub, open=True)
        else:
            yield FormRow(LABEL_SEPARATOR.join(named), here, sub)


@dataclass(frozen=True)
class WorkbookLayout:
    """Every sheet of a whole-unit workbook, in the order a template writes them."""

    unit_rows: tuple[FormRow, ...]
    records: tuple[RecordSheet, ...]
    forms: tuple[FormSheet, ...]
    sections: tuple[str, ...]

    def names(self) -> list[str]:
        """Every sheet name, the unit sheet first."""
        return [UNIT_SHEET, *(s.name for s in self.records), *(f.name for f in self.forms)]

    def record_sheet(self, name: str) -> RecordSheet | None:
        """The record sheet called ``name``, or named by its path (``responsiveness.requests``)."""
        for sheet in self.records:
            if name in (sheet.name, ".".join(sheet.path)):
                return sheet
        return None

    def form_sheet(self, name: str) -> FormSheet | None:
        """The form sheet called ``name``, or named by its section (``responsiveness``)."""
        for sheet in self.forms:
            if name in (sheet.name, sheet.section):
                return sheet
        return None


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f"（{number}）"
        candidate, number = name[: _MAX_NAME - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def workbook_layout(schema: Mapping[str, Any], order: Sequence[str] = ()) -> WorkbookLayout:
    """The layout of a whole-unit workbook for a submission schema.

    Sections come in ``order`` first (a scheme's dimension order), then the
    rest by name. Record sheets take their names first (the contract fixes
    them); a form sheet whose section title is taken gets ``（其他）`` added.
    """
    properties: Mapping[str, Any] = schema.get("properties", {})
    sections = [s for s in order if s in properties and s != "unit"]
    sections += sorted(s for s in properties if s not in sections and s != "unit")
    unit = properties.get("unit", {})
    unit_rows = tuple(_form_rows(unit, ("unit",), ()))
    taken = {UNIT_SHEET.lower()}
    records: list[RecordSheet] = []
    for section in sections:
        for path, sub in record_list_paths(properties[section], (section,)):
            name = _unique(sheet_name(_title(sub, ".".join(path))), taken)
            description = sub.get("description", "")
            records.append(RecordSheet(name, path, sub["items"], str(description)))
    forms: list[FormSheet] = []
    for section in sections:
        body = properties[section]
        rows = tuple(_form_rows(body, (), ()))
        if not rows:
            continue
        title = sheet_name(_title(body, section))
        if title.lower() in taken:
            title = sheet_name(title[: _MAX_NAME - 4] + "（其他）")
        forms.append(FormSheet(_unique(title, taken), section, body, rows))
    return WorkbookLayout(unit_rows, tuple(records), tuple(forms), tuple(sections))

"""A unit handed in as one workbook: ``submissions/<unit-id>.xlsx`` (or ``.xls``, ``.ods``).

The sheets are laid out by :mod:`evaluator._inputs.workbook_layout` (what
``evaluate template`` writes). Record sheets are read like any spreadsheet
record list; the ``单位`` sheet and the form sheets (label in column A, value in
column B) become the same data a YAML file would hold, each value remembered at
its cell, and then go through the same validation as YAML
(:func:`~evaluator._inputs.submissions.finish_submission`), so every error names
the file, the sheet and the cell.

A record sheet with no rows under its header, or saying 本年度无 in its first
row, is "none this year": the empty list, scored as ``[]`` in YAML; a sheet
that is absent leaves its list out (未提交). A section is submitted when any of
its sheets holds a value or a record or says 本年度无, or when its record
sheets, empty, are all it needs (its required parts are lists a sheet gave):
an untouched website section, whose figures are required, is not submitted.
Sheets whose names start with ``备注`` or ``#``, and empty sheets, are ignored;
any other sheet the layout does not know is an error (a misspelt sheet name
must not drop a section unseen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from evaluator._core.hints import did_you_mean
from evaluator._core.model import InputError, Location, Message, Scheme, Submission
from evaluator._inputs.cells import CellError, FieldCells, cell_text, compile_field
from evaluator._inputs.drafts import Draft, SubmissionSchema, finish_submission
from evaluator._inputs.entries import Entry
from evaluator._inputs.record_rows import IGNORED_PREFIXES, RecordTable, find_header
from evaluator._inputs.spreadsheets import (
    Sheet,
    Workbook,
    hidden_refused,
    open_workbook,
    sheet_records,
    sheet_warnings,
)
from evaluator._inputs.workbook_layout import (
    LABEL_SEPARATOR,
    PATH_COLUMN,
    UNIT_SHEET,
    FormRow,
    WorkbookLayout,
    workbook_layout,
)
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, read_bytes
from evaluator._reading.yaml_reader import Path, Positions
from evaluator.rules import normalise_id
from evaluator.section_schema import CHECKLIST_ITEM

__all__ = ["read_workbook"]


def read_workbook(
    entry: Entry,
    scheme: Scheme,
    schema: SubmissionSchema,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Submission | list[InputError]:
    """Read, validate and convert a whole-unit workbook; the errors when it is invalid."""
    try:
        raw = read_bytes(entry.path, max_bytes)
        workbook = open_workbook(raw.data, max_bytes, shown=shown_as)
    except FileProblem as exc:
        return [exc.error(shown_as)]
    reader = _Reader(workbook, schema, scheme, shown_as)
    try:
        reader.read()
    except FileProblem as exc:
        return [*reader.errors, exc.error(shown_as)]
    draft = Draft(
        data=reader.data,
        positions=reader.positions,
        typed=reader.typed,
        unread=[],
        errors=reader.errors,
        pending=[],
        warnings=reader.warnings,
        files=[],
        sha256=raw.sha256,
    )
    return finish_submission(draft, entry, scheme, schema, shown_as)


class _Reader:
    """Reads one workbook into submission data, positions and errors."""

    def __init__(
        self, workbook: Workbook, schema: SubmissionSchema, scheme: Scheme, shown: str
    ) -> None:
        self.workbook = workbook
        self.schema = schema
        self.scheme = scheme
        self.shown = shown
        self.layout: WorkbookLayout = workbook_layout(schema.schema)
        self.data: dict[str, Any] = {}
        self.positions = Positions()
        self.typed: list[Path] = []
        self.errors: list[InputError] = []
        self.warnings: list[Message] = []
        self.filled: set[str] = set()

    def where(self, sheet: str, row: int, column: int) -> Location:
        return Location(self.shown, row, column, sheet)

    def read(self) -> None:
        names = self.workbook.sheet_names
        if UNIT_SHEET not in names:
            self.errors.append(
                InputError(
                    Location(self.shown),
                    "workbook.no_unit_sheet",
                    {"sheet": UNIT_SHEET, "sheets": names},
                )
            )
        for name in names:
            self._read_sheet(name)
        for section in [s for s in self.data if s != "unit" and s not in self.filled]:
            if self._needs_no_more(section):
                continue  # empty record sheets alone: none this year
            del self.data[section]  # untouched sheets: the section was not submitted
            self.typed = [path for path in self.typed if path[0] != section]

    def _needs_no_more(self, section: str) -> bool:
        """Whether a section read from empty record sheets alone has every part it requires."""
        schema: Any = self.schema.schema.get("properties", {}).get(section, {})
        return set(schema.get("required", ())) <= set(self.data[section])

    def _read_sheet(self, name: str) -> None:
        key = name.strip()
        if key.startswith(IGNORED_PREFIXES):
            return
        sheet = self.workbook.sheet(name)
        if sheet.empty:
            return
        if name in self.workbook.hidden and self.scheme.hidden_sheets == "refuse":
            refused = hidden_refused(self.workbook, name)
            where = self.where(name, 0, 0)
            self.errors.append(InputError(where, refused.code, refused.params))
            return
        self.warnings.extend(sheet_warnings(self.workbook, name, self.shown))
        if key == UNIT_SHEET:
            self._read_form(sheet, (), self.layout.unit_rows, written_from=1)
            return
        record = self.layout.record_sheet(key)
        if record is not None:
            if record.path in self.typed:  # by its title and by its path: which one counts?
                where = self.where(name, 0, 0)
                params = {"sheet": name, "path": ".".join(record.path)}
                self.errors.append(InputError(where, "workbook.sheet_twice", params))
                return
            self._read_records(sheet, record.path, record.items)
            return
        form = self.layout.form_sheet(key)
        if form is not None:
            self._read_form(sheet, (form.section,), form.rows, written_from=0)
            return
        known = self.layout.names()
        hint = did_you_mean(key, known)
        self.errors.append(
            InputError(
                self.where(name, 0, 0),
                "workbook.unknown_sheet",
                {"sheet": name, "known": known, **hint},
            )
        )

    # ---------------------------------------------------------------- record sheets

    def _read_records(self, sheet: Sheet, path: tuple[str, ...], items: Mapping[str, Any]) -> None:
        try:
            table = self.schema.table(items)
        except TypeError as exc:
            where = self.where(sheet.name, 0, 0)
            self.errors.append(InputError(where, "reference.not_flat", {"detail": str(exc)}))
            return
        records, errors, said_none = sheet_records(sheet, table, self.shown, as_columns=True)
        self.errors.extend(errors)
        if records and not errors:
            self.warnings.extend(self._unknown_items(sheet, table, items))
        if records or errors or said_none:
            self.filled.add(path[0])
        _put(self.data, path, records)
        self.typed.append(path)
        self.positions.sheets[path] = sheet.name
        self.positions.values[path] = (1, 1)

    def _unknown_items(
        self, sheet: Sheet, table: RecordTable, items: Mapping[str, Any]
    ) -> list[Message]:
        """A warning per cell naming no item of the scheme's checklists, with a did-you-mean.

        Only for a field marked ``x-checklist-item``; the scorers still flag the record
        (``integrity.unknown_item``), and this says which cell to correct.
        """
        properties: Mapping[str, Any] = items.get("properties", {})
        fields = {name for name, sub in properties.items() if sub.get(CHECKLIST_ITEM)}
        if not fields or not self.scheme.checklists:
            return []
        every = [i for c in self.scheme.checklists.values() for i in c.items]
        known = {normalise_id(name) for i in every for name in (i.id, i.name)}
        names = list(dict.fromkeys(i.name for i in every))
        numbered = enumerate(sheet.rows(), 1)
        header = find_header(numbered, table)
        if header is None:
            return []
        columns = [n for n, text in enumerate(header[2]) if table.headers.get(text) in fields]
        warnings: list[Message] = []
        for number, row in numbered:
            for index in columns:
                text = cell_text(row[index]) if index < len(row) else ""
                if text and normalise_id(text) not in known:
                    where = self.where(sheet.name, number, index + 1 + sheet.first_column)
                    params = {"at": str(where), "item": text, **did_you_mean(text, names)}
                    warnings.append(Message("workbook.unknown_item", params))
        return warnings

    # ---------------------------------------------------------------- label/value sheets

    def _read_form(
        self,
        sheet: Sheet,
        base: tuple[str, ...],
        rows: tuple[FormRow, ...],
        *,
        written_from: int,
    ) -> None:
        """Label/value rows: each value at ``base`` + its row's path (+ an open group's names).

        A label is the row's Chinese label or its path of names from part ``written_from``;
        a path in column D (:data:`PATH_COLUMN`, where the template keeps it beside a
        scorer's label in column A) names the row instead of column A.
        """
        labels = _labels(rows, written_from)
        first = sheet.first_column
        for number, row in enumerate(sheet.rows(), 1):
            label_at, value_at, path_at = 0 - first, 1 - first, PATH_COLUMN - 1 - first
            label = cell_text(row[label_at]) if 0 <= label_at < len(row) else ""
            path_text = cell_text(row[path_at]) if 0 <= path_at < len(row) else ""
            if path_text and _find(labels, rows, path_text) is not None:
                label = path_text
            value = row[value_at] if 0 <= value_at < len(row) else ""
            if cell_text(value) == "" or label.startswith(IGNORED_PREFIXES):
                continue
            found = _find(labels, rows, label)
            if found is None:
                params = {"label": label, "known": list(labels), **did_you_mean(label, labels)}
                self.errors.append(
                    InputError(self.where(sheet.name, number, 1), "workbook.unknown_label", params)
                )
                continue
            form_row, rest = found
            path = (*base, *form_row.path, *rest)
            converted = self._value(sheet.name, number, label, value, form_row, rest)
            if converted is _BAD:
                continue
            if _get(self.data, path) is not _ABSENT:
                params = {"label": label}
                self.errors.append(
                    InputError(self.where(sheet.name, number, 1), "workbook.label_twice", params)
                )
                continue
            _put(self.data, path, converted)
            self.filled.add(path[0])
            for depth in range(len(base), len(path) + 1):
                self.positions.sheets.setdefault(path[:depth], sheet.name)
                self.positions.values.setdefault(path[:depth], (number, 2))
            self.positions.values[path] = (number, 2)
            self.positions.keys[path] = (number, 1)

    def _value(
        self,
        sheet: str,
        row: int,
        label: str,
        cell: Any,
        form_row: FormRow,
        rest: tuple[str, ...],
    ) -> Any:
        """The cell as the value YAML would hold (dates as ISO text), or ``_BAD`` after an error."""
        if form_row.open or rest:
            return _plain(cell)
        field = _field(form_row.schema, label)
        if field is None:
            return _plain(cell)
        if form_row.path == ("unit", "type"):
            text = cell_text(cell)
            by_name = {name: kind for kind, name in self.scheme.unit_types.items()}
            return by_name.get(text, text)
        try:
            value = field.value(cell)
        except CellError as exc:
            params = {"field": label, **exc.params}
            self.errors.append(InputError(self.where(sheet, row, 2), exc.code, params))
            return _BAD
        if isinstance(value, dt.date):  # datetime included: YAML holds ISO text
            return value.isoformat()
        return value


_BAD = object()
_ABSENT = object()


def _field(schema: Mapping[str, Any], label: str) -> FieldCells | None:
    try:
        return compile_field(label, schema)
    except TypeError:  # a schema a cell cannot hold (an object): validation will say
        return None


def _plain(cell: Any) -> Any:
    """A cell of a group whose schema is the unit's own: numbers, booleans and text as they are."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float):
        return int(cell) if float(cell).is_integer() else cell
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return cell_text(cell)


def _labels(rows: tuple[FormRow, ...], written_from: int) -> dict[str, FormRow]:
    """Every label a row may be written with: its Chinese label or its path of names."""
    labels: dict[str, FormRow] = {}
    for row in rows:
        labels.setdefault(row.label, row)
        labels.setdefault(LABEL_SEPARATOR.join(row.path[written_from:]), row)
    return labels


def _find(
    labels: Mapping[str, FormRow], rows: tuple[FormRow, ...], label: str
) -> tuple[FormRow, tuple[str, ...]] | None:
    """The row a label names, and the names after an open group's label (``统计数据.a.b``)."""
    if label in labels:
        return labels[label], ()
    for known, row in labels.items():
        if row.open and label.startswith(known + LABEL_SEPARATOR):
            rest = tuple(label[len(known) + 1 :].split(LABEL_SEPARATOR))
            if all(rest):
                return row, rest
    return None


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return _ABSENT
        data = data[part]
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value

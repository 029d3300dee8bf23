"""A unit's data as read, then validated and converted: the last step of every form.

A YAML submission (:mod:`evaluator._inputs.submissions`) and a workbook
(:mod:`evaluator._inputs.workbook`) are read differently and finished alike:
:func:`finish_submission` validates what was read against the submission
schema of the loaded plugins (:class:`SubmissionSchema`), checks the unit's own
fields and converts the data into a :class:`~evaluator._core.model.Submission`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator._core.ids import same_id
from evaluator._core.model import InputError, Location, Message, Scheme, Submission, Unit
from evaluator._inputs.entries import RESERVED_ID, Entry
from evaluator._inputs.record_rows import RecordTable, compile_record
from evaluator._plugins.loader import Registry
from evaluator._reading.validation import (
    MAX_ERRORS_PER_FILE,
    coerce_identifiers,
    convert,
    validate,
    validator_for,
)
from evaluator._reading.yaml_reader import Path, Positions

__all__ = ["Draft", "SubmissionSchema", "capped", "finish_submission"]


class SubmissionSchema:
    """The submission schema for the loaded plugins: ``unit`` plus every registered section."""

    def __init__(self, base: Mapping[str, Any], registry: Registry) -> None:
        schema = copy.deepcopy(dict(base))
        for name in sorted(registry.sections):
            section = registry.sections[name]
            body = dict(section.schema)
            if section.title and "title" not in body:
                body["title"] = section.title
            schema["properties"][name] = body
        self.schema: Mapping[str, Any] = schema
        self._tables: dict[int, RecordTable] = {}

    def tables_of(self, section: str) -> dict[str, RecordTable]:
        """The compiled record schema of each flat record list of ``section``, by its key."""
        part = self.schema.get("properties", {}).get(section, {})
        tables: dict[str, RecordTable] = {}
        for key, sub in part.get("properties", {}).items():
            items = sub.get("items") if isinstance(sub, Mapping) else None
            if sub.get("type") == "array" and isinstance(items, Mapping):
                try:
                    tables[key] = self.table(items)
                except TypeError:  # not flat: never a record file
                    continue
        return tables

    def table(self, record_schema: Mapping[str, Any]) -> RecordTable:
        """The compiled cell reader (CSV and spreadsheets) for a record schema (compiled once)."""
        key = id(record_schema)
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = compile_record(record_schema)
        return table


def _locate(positions: Positions, path: Path, shown: str, *, key: bool = False) -> Location:
    _, (line, column) = positions.locate(path, key=key)
    return Location(shown, line, column, positions.sheet_of(path))


@dataclass
class Draft:
    """A unit's data as read, before validation, with what reading it found.

    ``typed`` are the paths of record lists already converted cell by cell
    (from CSV or a workbook), ``unread`` those of references already reported;
    the schema validates and converts the rest. ``pending`` are errors at paths
    of the data, located (``positions.resolve``) once all are known.
    """

    data: dict[str, Any]
    positions: Positions
    typed: list[Path]
    unread: list[Path]
    errors: list[InputError]
    pending: list[tuple[Path, str, dict[str, Any]]]
    warnings: list[Message]
    files: list[tuple[str, str]]
    sha256: str
    record_digests: list[str] = dataclasses.field(default_factory=list)
    """The sha256 of each record file read that held at least one record."""


def finish_submission(
    draft: Draft, entry: Entry, scheme: Scheme, schema: SubmissionSchema, shown: str
) -> Submission | list[InputError]:
    """Validate, check the unit and convert a unit's read data: its submission, or the errors."""
    data, positions, errors, pending = draft.data, draft.positions, draft.errors, draft.pending
    from_csv, unread = draft.typed, draft.unread
    # CSV records are already typed cell by cell: coerce, validate and convert the rest only.
    view = _without(data, from_csv + unread)
    coerce_identifiers(view, schema.schema)
    errors.extend(validate(view, schema.schema, positions, shown))
    # the unit's own fields are checked in the same pass, whatever else is wrong
    pending.extend(_unit_problems(view.get("unit"), entry, scheme, schema.schema))
    if pending:
        positions.resolve((path, False) for path, _, _ in pending)
        errors.extend(
            InputError(_locate(positions, path, shown), code, params)
            for path, code, params in pending
        )
    if errors:
        errors.sort(key=_file_order)
        return errors
    unit = view["unit"]
    converted = convert(view, schema.schema)
    for path in from_csv:
        _put(converted, path, _get(data, path))
    sections = {k: v for k, v in converted.items() if k != "unit"}
    return Submission(
        unit=Unit(unit["id"], unit["name"], unit["type"]),
        sections=sections,
        path=shown,
        sha256=draft.sha256,
        files=tuple(draft.files),
        warnings=tuple(draft.warnings),
        folder=entry.folder if entry.form == "folder" else "",
        record_digests=tuple(draft.record_digests),
    )


_NOTES = ("file.more_problems", "csv.more_errors", "file.more_errors")
"""Errors that say others were left out: never counted, never dropped."""


def capped(errors: list[InputError], limit: int = MAX_ERRORS_PER_FILE) -> list[InputError]:
    """``errors`` with at most ``limit`` per file (a workbook's sheets together), each file's
    rest counted in one last ``file.more_errors``: whatever a unit's files hold (20,000
    unknown sheets, a label on every row), what it is told stays a screenful."""
    counts: dict[str, int] = {}
    kept: list[InputError] = []
    for error in errors:
        path = error.location.path
        if error.code not in _NOTES:
            counts[path] = counts.get(path, 0) + 1
            if counts[path] > limit:
                continue
        kept.append(error)
    kept.extend(
        InputError(Location(path), "file.more_errors", {"limit": limit, "more": count - limit})
        for path, count in counts.items()
        if count > limit
    )
    return kept


def _file_order(error: InputError) -> tuple[bool, str, str, int, int]:
    """Errors by file (and sheet), line and column; "more problems" notes after the others."""
    last = error.code in _NOTES
    where = error.location
    return (last, where.path, where.sheet or "", where.line, where.column)


def _unit_problems(
    unit: Any, entry: Entry, scheme: Scheme, schema: Mapping[str, Any]
) -> list[tuple[Path, str, dict[str, Any]]]:
    """What is wrong with the ``unit`` block beyond its schema: id, reserved id, kind.

    Checked beside the schema errors, in the same pass; a field whose form the
    schema already refused is not judged again.
    """
    if not isinstance(unit, dict):
        return []
    fields = schema["properties"]["unit"]["properties"]
    ident, kind = unit.get("id"), unit.get("type")
    if not validator_for(fields["id"]).is_valid(ident):
        ident = None
    if not validator_for(fields["type"]).is_valid(kind):
        kind = None
    problems: list[tuple[Path, str, dict[str, Any]]] = []
    if isinstance(ident, str) and ident != entry.name:
        form = {"folder": "word.folder", "workbook": "word.workbook"}.get(entry.form, "word.file")
        problems.append(
            (("unit", "id"), "unit.id_mismatch", {"id": ident, "form": form, "name": entry.name})
        )
    if isinstance(ident, str) and same_id(ident, RESERVED_ID):
        problems.append((("unit", "id"), "unit.reserved_id", {"id": ident}))
    if isinstance(kind, str) and kind not in scheme.unit_types:
        kinds = list(scheme.unit_types)
        problems.append((("unit", "type"), "unit.type_unknown", {"type": kind, "kinds": kinds}))
    return problems


def _without(data: dict[str, Any], paths: list[Path]) -> dict[str, Any]:
    """A view of ``data`` with the CSV-read lists emptied: they were checked cell by cell."""
    if not paths:
        return data
    view = dict(data)
    for path in paths:
        # record lists sit under mapping keys only (see _record_lists)
        keys = [str(part) for part in path]
        parent = view
        for key in keys[:-1]:
            parent[key] = dict(parent[key])
            parent = parent[key]
        parent[keys[-1]] = []
    return view


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _put(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value

"""Reading one unit's submission: YAML with the record files it references, or a workbook.

Reading one unit touches only that unit's files, so units can be read one at a
time, in any order, in any process. Which entries are units is
:mod:`evaluator._inputs.entries`; the last step, validating and converting what
was read, is :mod:`evaluator._inputs.drafts`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from evaluator._core.frozen import FrozenDict, FrozenList
from evaluator._core.model import InputError, Location, Message, Scheme, Submission
from evaluator._core.records import RecordColumns
from evaluator._inputs.drafts import Draft, SubmissionSchema, capped, finish_submission
from evaluator._inputs.entries import Entry, link_count
from evaluator._inputs.record_files import names_reference, read_reference, reference_kind
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, read_text
from evaluator._reading.yaml_reader import Path, read_yaml

__all__ = ["read_submission"]


def _record_lists(
    schema: Mapping[str, Any], data: Any, path: Path
) -> list[tuple[Path, Mapping[str, Any]]]:
    """Paths in ``data`` where a ``{csv: ...}`` or ``{xlsx: ...}`` reference stands for records."""
    found: list[tuple[Path, Mapping[str, Any]]] = []
    if not isinstance(data, dict):
        return found
    properties = schema.get("properties", {})
    for key, value in data.items():
        sub = properties.get(key)
        if not isinstance(sub, Mapping):
            continue
        items = sub.get("items")
        if (
            sub.get("type") == "array"
            and isinstance(items, Mapping)
            and items.get("type") == "object"
        ):
            if names_reference(value):
                found.append(((*path, key), items))
        elif sub.get("type") == "object":
            found.extend(_record_lists(sub, value, (*path, key)))
    return found


def read_submission(
    entry: Entry,
    scheme: Scheme,
    schema: SubmissionSchema,
    *,
    shown_as: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Submission | list[InputError]:
    """Read, validate and convert one unit's submission; the errors when it is invalid,
    at most :data:`~evaluator._reading.validation.MAX_ERRORS_PER_FILE` per file
    (:func:`~evaluator._inputs.drafts.capped`)."""
    read = _read(entry, scheme, schema, shown_as=shown_as, max_bytes=max_bytes)
    return capped(read) if isinstance(read, list) else read


def _read(
    entry: Entry,
    scheme: Scheme,
    schema: SubmissionSchema,
    *,
    shown_as: str | None,
    max_bytes: int,
) -> Submission | list[InputError]:
    shown = shown_as or entry.path
    if entry.problem:
        return [InputError(Location(shown), entry.problem.code, entry.problem.params)]
    if entry.form == "workbook":
        from evaluator._inputs.workbook import read_workbook  # python-calamine, when needed

        return read_workbook(entry, scheme, schema, shown_as=shown, max_bytes=max_bytes)
    try:
        source = read_text(entry.path, max_bytes)
        # no positions while reading: found later, only for what an error must point at
        data, positions = read_yaml(source.text, positions=False)
    except FileProblem as exc:  # YamlError included
        return [exc.error(shown)]
    if not isinstance(data, dict):
        return [InputError(Location(shown, 1, 1), "submission.not_a_mapping")]

    errors: list[InputError] = []
    # errors located in the YAML: (path, code, params), placed once all are known
    pending: list[tuple[Path, str, dict[str, Any]]] = []
    warnings: list[Message] = []
    if source.links > 1:
        warnings.append(Message("unit.shared_file", {"path": shown}))
    files: list[tuple[str, str]] = []
    holding: list[str] = []  # digests of the record files that hold records
    from_csv: list[Path] = []
    unread: list[Path] = []  # references already reported: not also "expected a list"
    for path, record_schema in _record_lists(schema.schema, data, ()):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        value = parent[path[-1]]
        kind = reference_kind(value)
        unread.append(path)
        if kind is None:
            pending.append((path, "reference.form", {}))
            continue
        reference = str(value[kind])
        folder = entry.folder if entry.form == "folder" else None
        where = (*path, kind)
        if folder is None:
            pending.append((where, "reference.needs_folder", {"key": kind}))
            continue
        csv_shown = os.path.join(os.path.dirname(shown), reference)
        try:
            table = schema.table(record_schema)
            read = read_reference(
                value,
                folder,
                table,
                shown_as=csv_shown,
                max_bytes=max_bytes,
                hidden_sheets=scheme.hidden_sheets,
                as_columns=True,
            )
        except FileProblem as exc:
            named = exc.code in ("sheet.missing", "sheet.hidden") and "sheet" in value
            at = (*path, "sheet") if named else where
            pending.append((at, exc.code, dict(exc.params)))
            continue
        except TypeError as exc:
            pending.append((where, "reference.not_flat", {"detail": str(exc)}))
            continue
        unread.pop()
        errors.extend(read.errors)
        warnings.extend(read.warnings)
        if (csv_shown, read.sha256) not in files:  # one workbook may hold several lists
            files.append((csv_shown, read.sha256))
        if read.records and read.sha256 not in holding:
            holding.append(read.sha256)
        if link_count(os.path.join(folder, reference)) > 1:
            warnings.append(Message("unit.shared_file", {"path": csv_shown}))
        # flat by construction (each cell converted to a scalar): read-only at once,
        # without the field-by-field test freezing YAML data needs
        records = read.records
        parent[path[-1]] = (
            records if isinstance(records, RecordColumns) else FrozenList(map(FrozenDict, records))
        )
        from_csv.append(path)
        positions.files[path] = csv_shown
    draft = Draft(
        data, positions, from_csv, unread, errors, pending, warnings, files, source.sha256, holding
    )
    return finish_submission(draft, entry, scheme, schema, shown)

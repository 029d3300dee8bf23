"""Finding and reading submissions: one validated :class:`Submission` per unit.

A submissions folder holds, per unit, either ``<id>/submission.yaml`` (with
any CSV files it references beside it) or a single ``<id>.yaml``. Reading one
unit touches only that unit's files, so units can be read one at a time, in
any order, in any process.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator.inputs.csv_records import CsvTable, compile_record, is_csv_reference, read_records
from evaluator.inputs.files import DEFAULT_MAX_BYTES, FileProblem, read_text
from evaluator.inputs.validation import coerce_identifiers, convert, validate
from evaluator.inputs.yaml_reader import Path, Positions, read_yaml
from evaluator.model import InputError, Location, Message, Scheme, Submission, Unit
from evaluator.plugins import Registry

__all__ = ["Entry", "SubmissionSchema", "discover", "read_submission"]

SUBMISSION_FILE = "submission.yaml"


@dataclass(frozen=True)
class Entry:
    """One unit's place in the submissions folder (``problem`` when it is unusable)."""

    name: str
    path: str
    folder: str
    problem: Message | None = None


def discover(directory: str) -> list[Entry]:
    """Every unit entry in ``directory``, sorted by name; an id entered twice is flagged twice."""
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"{directory}: no such folder")
    root = os.path.realpath(directory)
    entries: list[Entry] = []
    for name in sorted(os.listdir(directory)):
        if name.startswith((".", "_")):
            continue
        full = os.path.join(directory, name)
        if os.path.isdir(full):
            unit, path, folder = name, os.path.join(full, SUBMISSION_FILE), full
        elif name.endswith((".yaml", ".yml")):
            unit, path, folder = name.rsplit(".", 1)[0], full, directory
        else:
            continue
        if not (_inside(root, full) and _inside(root, path)):
            problem = Message("unit.link_outside", {"name": name, "folder": directory})
            entries.append(Entry(unit, full, directory, problem))
        elif not os.path.isfile(path):
            problem = Message("unit.no_submission_file", {"name": name, "file": SUBMISSION_FILE})
            entries.append(Entry(unit, path, folder, problem))
        else:
            entries.append(Entry(unit, path, folder))
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.name] = counts.get(entry.name, 0) + 1
    return [
        Entry(
            e.name,
            e.path,
            e.folder,
            Message("unit.twice", {"id": e.name}),
        )
        if counts[e.name] > 1 and e.problem is None
        else e
        for e in entries
    ]


def _inside(root: str, path: str) -> bool:
    """Whether ``path``, links resolved, lies inside the real folder ``root``."""
    return os.path.commonpath([root, os.path.realpath(path)]) == root


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
        self._tables: dict[int, CsvTable] = {}

    def table(self, record_schema: Mapping[str, Any]) -> CsvTable:
        """The compiled CSV reader for a record schema (compiled once)."""
        key = id(record_schema)
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = compile_record(record_schema)
        return table


def _record_lists(
    schema: Mapping[str, Any], data: Any, path: Path
) -> list[tuple[Path, Mapping[str, Any]]]:
    """Paths in ``data`` where a ``{csv: ...}`` reference stands for a list of records."""
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
            if isinstance(value, dict) and "csv" in value:
                found.append(((*path, key), items))
        elif sub.get("type") == "object":
            found.extend(_record_lists(sub, value, (*path, key)))
    return found


def _locate(positions: Positions, path: Path, shown: str, *, key: bool = False) -> Location:
    _, (line, column) = positions.locate(path, key=key)
    return Location(shown, line, column)


def read_submission(
    entry: Entry,
    scheme: Scheme,
    schema: SubmissionSchema,
    *,
    shown_as: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Submission | list[InputError]:
    """Read, validate and convert one unit's submission; the errors when it is invalid."""
    shown = shown_as or entry.path
    if entry.problem:
        return [InputError(Location(shown), entry.problem.code, entry.problem.params)]
    try:
        source = read_text(entry.path, max_bytes)
        data, positions = read_yaml(source.text)
    except FileProblem as exc:  # YamlError included
        return [exc.error(shown)]
    if not isinstance(data, dict):
        return [InputError(Location(shown, 1, 1), "submission.not_a_mapping")]

    errors: list[InputError] = []
    files: list[tuple[str, str]] = []
    from_csv: list[Path] = []
    unread: list[Path] = []  # references already reported: not also "expected a list"
    for path, record_schema in _record_lists(schema.schema, data, ()):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if not is_csv_reference(parent[path[-1]]):
            errors.append(InputError(_locate(positions, path, shown), "reference.form"))
            unread.append(path)
            continue
        reference = parent[path[-1]]["csv"]
        folder = entry.folder if os.path.basename(entry.path) == SUBMISSION_FILE else None
        where = _locate(positions, (*path, "csv"), shown)
        unread.append(path)
        if folder is None:
            errors.append(InputError(where, "reference.needs_folder"))
            continue
        csv_shown = os.path.join(os.path.dirname(shown), reference)
        try:
            table = schema.table(record_schema)
            records, problems, digest = read_records(
                reference, folder, table, shown_as=csv_shown, max_bytes=max_bytes
            )
        except FileProblem as exc:
            errors.append(InputError(where, exc.code, exc.params))
            continue
        except TypeError as exc:
            errors.append(InputError(where, "reference.not_flat", {"detail": str(exc)}))
            continue
        unread.pop()
        errors.extend(problems)
        files.append((csv_shown, digest))
        parent[path[-1]] = records
        from_csv.append(path)
        positions.files[path] = csv_shown

    # CSV records are already typed cell by cell: coerce, validate and convert the rest only.
    view = _without(data, from_csv + unread)
    coerce_identifiers(view, schema.schema)
    errors.extend(validate(view, schema.schema, positions, shown))
    if errors:
        return errors

    unit = view["unit"]
    if unit["id"] != entry.name:
        form = "word.folder" if os.path.basename(entry.path) == SUBMISSION_FILE else "word.file"
        errors.append(
            InputError(
                _locate(positions, ("unit", "id"), shown),
                "unit.id_mismatch",
                {"id": unit["id"], "form": form, "name": entry.name},
            )
        )
    if unit["type"] not in scheme.unit_types:
        errors.append(
            InputError(
                _locate(positions, ("unit", "type"), shown),
                "unit.type_unknown",
                {"type": unit["type"], "kinds": list(scheme.unit_types)},
            )
        )
    if errors:
        return errors
    converted = convert(view, schema.schema)
    for path in from_csv:
        _put(converted, path, _get(data, path))
    sections = {k: v for k, v in converted.items() if k != "unit"}
    return Submission(
        unit=Unit(unit["id"], unit["name"], unit["type"]),
        sections=sections,
        path=shown,
        sha256=source.sha256,
        files=tuple(files),
    )


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

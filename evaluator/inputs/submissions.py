"""Finding and reading submissions: one validated :class:`Submission` per unit.

A submissions folder holds, per unit, either ``<id>/submission.yaml`` (with
any CSV files it references beside it), a single ``<id>.yaml`` or a workbook
``<id>.xlsx`` (see :func:`survey` for exactly which entries are units). Reading one
unit touches only that unit's files, so units can be read one at a time, in
any order, in any process.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from evaluator.frozen import FrozenDict, FrozenList
from evaluator.inputs.files import DEFAULT_MAX_BYTES, FileProblem, read_text, shown_name
from evaluator.inputs.record_files import names_reference, read_reference, reference_kind
from evaluator.inputs.record_rows import RecordTable, compile_record
from evaluator.inputs.validation import coerce_identifiers, convert, validate, validator_for
from evaluator.inputs.yaml_reader import Path, Positions, read_yaml
from evaluator.model import InputError, Location, Message, Scheme, Submission, Unit
from evaluator.plugins import Registry

__all__ = [
    "UNIT_FILE_EXTENSIONS",
    "WORKBOOK_EXTENSIONS",
    "Entry",
    "SubmissionSchema",
    "discover",
    "read_submission",
    "shown_name",
    "survey",
]

SUBMISSION_FILE = "submission.yaml"
RESERVED_ID = "index"
"""No unit may be called ``index``: ``evaluate report`` writes ``index.html`` beside unit pages."""


EntryForm = Literal["folder", "file", "workbook"]


@dataclass(frozen=True)
class Entry:
    """One unit's place in the submissions folder (``problem`` when it is unusable).

    ``form`` is how the unit handed in: a ``folder`` with ``submission.yaml``
    (and record files beside it), a single YAML ``file``, or a ``workbook``.
    """

    name: str
    path: str
    folder: str
    problem: Message | None = None
    form: EntryForm = "file"


UNIT_FILE_EXTENSIONS = (".yaml", ".yml")
"""A single-file unit: ``<id>.yaml`` or ``<id>.yml``, any case of extension."""
WORKBOOK_EXTENSIONS = (".xlsx", ".xls", ".ods")
"""A unit handed in as one workbook: ``<id>.xlsx`` (or ``.xls``, ``.ods``), any case."""
_IGNORED_NAMES = ("thumbs.db", "desktop.ini")


def _ignored(name: str) -> bool:
    """Entries skipped without a word: hidden files, READMEs, office lock files, OS clutter."""
    lower = name.lower()
    return name.startswith((".", "~$")) or lower.startswith("readme") or lower in _IGNORED_NAMES


def _submission_file(folder: str) -> tuple[str, Message | None]:
    """The submission file of a unit folder (``submission.yaml``, any case, or ``.yml``)."""
    try:
        names = os.listdir(folder)
    except OSError as exc:
        return os.path.join(folder, SUBMISSION_FILE), Message(
            "file.unreadable", {"reason": exc.strerror or str(exc)}
        )
    found = sorted(n for n in names if n.lower() in ("submission.yaml", "submission.yml"))
    if not found:
        return os.path.join(folder, SUBMISSION_FILE), None
    if len(found) > 1:
        return os.path.join(folder, found[0]), Message(
            "unit.two_submission_files", {"names": found}
        )
    return os.path.join(folder, found[0]), None


def survey(directory: str) -> tuple[list[Entry], list[Message]]:
    """The unit entries of ``directory`` (sorted by name) and what else is there.

    Units are ``<id>/`` folders (holding ``submission.yaml``), ``<id>.yaml`` or
    ``.yml`` files and ``<id>.xlsx``/``.xls``/``.ods`` workbooks, extensions in any
    case. Hidden entries, ``README*``, Office lock files (``~$*``) and OS clutter
    (``Thumbs.db``, ``desktop.ini``) are skipped silently; anything else (``x.txt``,
    ``x.yaml.txt``) comes back as a ``run.not_a_unit`` warning naming it, which
    makes the run's exit status 1: a unit must never vanish from a ranking
    unnoticed. An id entered twice (folder and file) is flagged on both entries.
    """
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"{directory}: no such folder")
    root = os.path.realpath(directory)
    entries: list[Entry] = []
    strays: list[Message] = []
    for raw in sorted(os.listdir(directory)):
        if _ignored(raw):
            continue
        name = shown_name(raw)
        full = os.path.join(directory, raw)
        stem, extension = os.path.splitext(raw)
        problem: Message | None = None
        form: EntryForm = "file"
        if os.path.isdir(full):
            unit, folder, form = name, full, "folder"
            path, problem = _submission_file(full)
            if problem is None and not os.path.exists(path):
                problem = Message(
                    "unit.no_submission_file", {"name": name, "file": SUBMISSION_FILE}
                )
        elif extension.lower() in UNIT_FILE_EXTENSIONS + WORKBOOK_EXTENSIONS:
            unit, path, folder = shown_name(stem), full, directory
            if extension.lower() in WORKBOOK_EXTENSIONS:
                form = "workbook"
        else:
            strays.append(Message("run.not_a_unit", {"name": name}))
            continue
        if not (_inside(root, full) and _inside(root, path)):
            problem = Message("unit.link_outside", {"name": name, "folder": directory})
        elif problem is None and os.path.exists(path) and not _regular(path):
            problem = Message("unit.not_a_file", {"name": name})
        entries.append(Entry(unit, path, folder, problem, form))
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.name] = counts.get(entry.name, 0) + 1
    twice = [
        dataclasses.replace(e, problem=Message("unit.twice", {"id": e.name}))
        if counts[e.name] > 1 and e.problem is None
        else e
        for e in entries
    ]
    return twice, strays


def discover(directory: str) -> list[Entry]:
    """Every unit entry in ``directory``, sorted by name (see :func:`survey`)."""
    return survey(directory)[0]


def _links(path: str) -> int:
    """How many hard links ``path`` has (1 when it cannot be told)."""
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 1


def _regular(path: str) -> bool:
    """Whether ``path`` (links followed) is a regular file, not a FIFO, socket or device."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


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


def _locate(positions: Positions, path: Path, shown: str, *, key: bool = False) -> Location:
    _, (line, column) = positions.locate(path, key=key)
    return Location(shown, line, column, positions.sheet_of(path))


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
    if entry.form == "workbook":
        from evaluator.inputs.workbook import read_workbook  # python-calamine, when needed

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
            read = read_reference(value, folder, table, shown_as=csv_shown, max_bytes=max_bytes)
        except FileProblem as exc:
            at = (*path, "sheet") if exc.code == "sheet.missing" and "sheet" in value else where
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
        if _links(os.path.join(folder, reference)) > 1:
            warnings.append(Message("unit.shared_file", {"path": csv_shown}))
        # flat by construction (each cell converted to a scalar): read-only at once,
        # without the field-by-field test freezing YAML data needs
        parent[path[-1]] = FrozenList(map(FrozenDict, read.records))
        from_csv.append(path)
        positions.files[path] = csv_shown
    draft = Draft(
        data, positions, from_csv, unread, errors, pending, warnings, files, source.sha256
    )
    return finish_submission(draft, entry, scheme, schema, shown)


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
    )


def _file_order(error: InputError) -> tuple[bool, str, str, int, int]:
    """Errors by file (and sheet), line and column; "more problems" notes after the others."""
    last = error.code in ("file.more_problems", "csv.more_errors")
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
    if isinstance(ident, str) and ident.lower() == RESERVED_ID:
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

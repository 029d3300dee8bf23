"""Where a finding's records are in a unit's files: for ``evaluate validate``'s warnings.

A finding names its records by what identifies them in the data: an id
(``R-7``), a name (a column's), or a dotted path (an annual report's
``requests.received.total``). ``evaluate validate`` warns about ``integrity.``
findings while a unit can still fix them, and a warning that says where
(``requests.csv:12:1``) saves the clerk a search. :func:`locate_all` looks,
for each finding, for the first of its records it can find in the scorer's own
section: a record of a list in the YAML file (by its ``id`` or ``name``), a row
of a CSV file the section references (by the cell of that column), or a value
by its dotted path under the section or one of its groups. It reads a unit's
files once for all its findings. Workbooks (and lists in them) and records it
cannot find get no place (the warning names the unit's file, as before);
nothing here can fail the check.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from evaluator._core.model import Location
from evaluator._inputs.csv_records import csv_encoding, csv_reader, numbered
from evaluator._inputs.record_files import reference_kind
from evaluator._inputs.record_rows import RecordTable, find_header, lay_out
from evaluator._reading.files import DEFAULT_MAX_BYTES, read_bytes, read_text, resolve_reference
from evaluator._reading.yaml_reader import Path, read_yaml

__all__ = ["KEYS", "locate_all"]

KEYS = ("id", "name")
"""The fields that identify a record, in the order they are tried."""


def locate_all(
    path: str,
    folder: str | None,
    findings: Sequence[tuple[str, Sequence[str]]],
    tables_of: Callable[[str], Mapping[str, RecordTable]],
    shown: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Location | None]:
    """For each finding (its scorer's section and its records), where its first record is.

    The unit's files are read once for all of them: the YAML file, and each
    record file of a section some finding names records of.
    """
    places: list[Location | None] = [None] * len(findings)
    if not any(records for _, records in findings):
        return places
    try:
        data, positions = read_yaml(read_text(path, max_bytes).text, positions=False)
        if not isinstance(data, dict):
            return places
        found: dict[str, dict[str, tuple[Path, str | None, tuple[int, int]]]] = {}
        for section in dict.fromkeys(s for s, records in findings if records):
            wanted = {r for s, records in findings if s == section for r in records}
            found[section] = _records_in(data, section, wanted, folder, tables_of, shown, max_bytes)
        chosen: list[tuple[Path, str | None, tuple[int, int]] | None] = []
        for section, records in findings:
            chosen.append(_first(data, section, records, found.get(section, {})))
        # every YAML place resolved in one more reading of the text
        positions.resolve([(c[0], False) for c in chosen if c is not None and c[1] is None])
        for index, choice in enumerate(chosen):
            if choice is None:
                continue
            where, file, place = choice
            if file is not None:
                places[index] = Location(file, *place)
            else:
                places[index] = Location(shown, *positions.locate(where)[1])
    except Exception:  # a place is a courtesy: without one the warning names the file
        return [None] * len(findings)
    return places


def _records_in(
    data: dict[str, Any],
    section: str,
    wanted: set[str],
    folder: str | None,
    tables_of: Callable[[str], Mapping[str, RecordTable]],
    shown: str,
    max_bytes: int,
) -> dict[str, tuple[Path, str | None, tuple[int, int]]]:
    """The first place of each wanted id or name among the section's records."""
    part = data.get(section)
    found: dict[str, tuple[Path, str | None, tuple[int, int]]] = {}
    if not isinstance(part, dict):
        return found
    tables = tables_of(section)
    for key, value in part.items():
        if isinstance(value, list):
            for index, record in enumerate(value):
                name = _key_of(record)
                if name in wanted and name not in found:
                    found[name] = ((section, key, index), None, (0, 0))
        elif reference_kind(value) == "csv" and folder is not None and key in tables:
            reference = str(value["csv"])
            csv_shown = os.path.join(os.path.dirname(shown), reference)
            rows = _csv_rows(reference, folder, tables[key], wanted - found.keys(), max_bytes)
            for name, place in rows.items():
                found.setdefault(name, ((), csv_shown, place))
    return found


def _first(
    data: dict[str, Any],
    section: str,
    records: Sequence[str],
    found: Mapping[str, tuple[Path, str | None, tuple[int, int]]],
) -> tuple[Path, str | None, tuple[int, int]] | None:
    """The place of the first record found: a record by id or name, or a dotted path under the
    section or one of its groups (``annual_report.figures``)."""
    part = data.get(section)
    if not isinstance(part, dict):
        return None
    groups: list[tuple[str, ...]] = [()]
    groups += [(key,) for key, value in part.items() if isinstance(value, dict)]
    for record in records:
        if record in found:
            return found[record]
        for group in groups:
            steps = (section, *group, *record.split("."))
            if _holds(data, steps):
                return steps, None, (0, 0)
    return None


def _key_of(record: Any) -> str | None:
    if not isinstance(record, dict):
        return None
    for field in KEYS:
        if field in record:
            return str(record[field])
    return None


def _holds(data: Any, steps: Sequence[str]) -> bool:
    node = data
    for step in steps:
        if not isinstance(node, dict) or step not in node:
            return False
        node = node[step]
    return True


def _csv_rows(
    reference: str, folder: str, table: RecordTable, wanted: set[str], max_bytes: int
) -> dict[str, tuple[int, int]]:
    """The line and column of the first row whose id (or name) cell is one of ``wanted``."""
    raw = read_bytes(resolve_reference(reference, folder), max_bytes)
    encoding, _ = csv_encoding(raw.data, reference)
    rows = numbered(csv_reader(raw.data, encoding))
    header = find_header(rows, table)
    if header is None:
        return {}
    line, _, texts = header
    layout, _ = lay_out(texts, table, line, lambda at, column: Location(reference, at, column))
    columns = [c for c in layout.fields if c.field is not None and c.field.name in KEYS]
    if not columns:
        return {}
    column = min(columns, key=lambda c: KEYS.index(c.field.name if c.field else ""))
    found: dict[str, tuple[int, int]] = {}
    for number, row in rows:
        if column.index < len(row):
            cell = row[column.index].strip()
            if cell in wanted and cell not in found:
                found[cell] = (number, column.index + 1)
                if len(found) == len(wanted):
                    break
    return found

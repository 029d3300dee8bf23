"""The evaluator's own record lists in its evidence folder, read once and split by unit.

A plugin registers an :class:`~evaluator.plugin_api.EvidenceList` (``register_evidence``);
its file is ``<folder>/<name>.csv`` or ``<name>.xlsx`` (also ``.xls``, ``.ods``), read
with the readers of a unit's record lists (Chinese headers, typed cells, every
bad cell located by file, line and field); a row giving nothing but its unit (a
row of ``evaluate template --evidence`` left unused) is skipped as blank. The
rows are then grouped by their ``unit`` field, matched without regard to case,
so that each unit's scorers see only their own. A list without a file is
absent, not empty: the evaluator gathered none.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from evaluator._core.frozen import freeze
from evaluator._core.ids import id_key
from evaluator._core.model import InputError, Location, Message
from evaluator._core.paths import display_path
from evaluator._inputs.record_files import WORKBOOK_SUFFIXES, files_in, read_reference
from evaluator._inputs.record_rows import compile_record
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem
from evaluator.plugin_api import EvidenceList

__all__ = ["EvidenceRecords", "read_evidence_lists"]

_SUFFIXES = (".csv", *WORKBOOK_SUFFIXES)

Rows = tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class EvidenceRecords:
    """Every evidence list the folder holds: its rows by unit (keyed by ``id_key``), its file.

    ``files`` maps a list's name to its file as shown and its sha256; ``warnings``
    are what reading noticed without refusing (a legacy encoding, a formula).
    """

    by_unit: Mapping[str, Mapping[str, Rows]] = field(default_factory=dict)
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    warnings: tuple[Message, ...] = ()

    def for_unit(self, unit_id: str) -> dict[str, Rows]:
        """The unit's rows of each list the folder holds (an empty tuple when it has none)."""
        key = id_key(unit_id)
        return {name: units.get(key, ()) for name, units in self.by_unit.items()}

    def units(self) -> set[str]:
        """The ids (as ``id_key``) any list names."""
        return {unit for units in self.by_unit.values() for unit in units}


def read_evidence_lists(
    folder: str | None,
    lists: Mapping[str, EvidenceList],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[EvidenceRecords, list[InputError]]:
    """Read each list's file in ``folder`` (``None``: no evidence folder, nothing read).

    Returns the rows and every error (a bad cell, an unreadable file, a list
    given twice as ``.csv`` and ``.xlsx``); with any error the caller refuses
    the run, as for bad criteria.
    """
    if folder is None:
        return EvidenceRecords(), []
    by_unit: dict[str, Mapping[str, Rows]] = {}
    files: dict[str, tuple[str, str]] = {}
    warnings: list[Message] = []
    errors: list[InputError] = []
    for name, listed in sorted(lists.items()):
        found = _files_of(folder, name)
        if not found:
            continue
        shown = display_path(os.path.join(folder, found[0]))
        if len(found) > 1:
            params = {"name": name, "first": found[0], "second": found[1]}
            errors.append(InputError(Location(shown), "evidence.two_files", params))
            continue
        rows, sha256, said, problems = _read_list(folder, found[0], listed, shown, max_bytes)
        errors.extend(problems)
        warnings.extend(said)
        if not problems:
            by_unit[name] = _grouped(rows)
            files[name] = (shown, sha256)
    return EvidenceRecords(by_unit, files, tuple(warnings)), errors


def _files_of(folder: str, name: str) -> list[str]:
    """The files in ``folder`` named ``name`` with a record list's suffix, any case, sorted."""
    return [entry for entry in files_in(folder, _SUFFIXES) if os.path.splitext(entry)[0] == name]


def _read_list(
    folder: str, file_name: str, listed: EvidenceList, shown: str, max_bytes: int
) -> tuple[list[dict[str, Any]], str, tuple[Message, ...], list[InputError]]:
    """One list's records, sha256, warnings and errors."""
    table = compile_record(listed.schema, prefilled=("unit",))  # the template's unit ids
    is_csv = os.path.splitext(file_name)[1].lower() == ".csv"
    reference: dict[str, Any] = {"csv": file_name} if is_csv else {"xlsx": file_name}
    if listed.sheet and not is_csv:
        reference["sheet"] = listed.sheet
    try:
        read = read_reference(reference, folder, table, shown_as=shown, max_bytes=max_bytes)
    except FileProblem as problem:
        return [], "", (), [problem.error(shown)]
    records = cast(list[dict[str, Any]], read.records)  # rows: no columns asked for
    return records, read.sha256, tuple(read.warnings), list(read.errors)


def _grouped(rows: list[dict[str, Any]]) -> dict[str, Rows]:
    """The rows by their unit's ``id_key``, each unit's in file order, read-only."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(id_key(str(row["unit"])), []).append(row)
    return {unit: tuple(freeze(found)) for unit, found in grouped.items()}

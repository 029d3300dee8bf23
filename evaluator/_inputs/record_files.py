"""A record list named by a reference: ``{csv: file.csv}`` or ``{xlsx: file.xlsx, sheet: NAME}``.

The YAML names the file; this module tells the two forms apart, checks the
reference's shape and reads it with the right reader. The workbook reader
(python-calamine) is imported only when a unit names a workbook.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from evaluator._inputs.csv_records import RecordFile, read_records
from evaluator._inputs.record_rows import RecordTable
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem

__all__ = [
    "REFERENCE_KEYS",
    "WORKBOOK_SUFFIXES",
    "files_in",
    "names_reference",
    "read_reference",
    "reference_kind",
]

REFERENCE_KEYS = ("csv", "xlsx")
"""The keys that name a record file in place of a list."""
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")
"""What the ``xlsx`` key takes: Excel's format, legacy Excel (and WPS), OpenDocument."""

Kind = Literal["csv", "xlsx"]


def files_in(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The names of the regular files in ``folder`` ending in one of ``suffixes`` (any case),
    sorted; none when the folder cannot be listed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        name
        for name in names
        if os.path.splitext(name)[1].lower() in suffixes
        and os.path.isfile(os.path.join(folder, name))
    ]


def reference_kind(value: Any) -> Kind | None:
    """``csv`` or ``xlsx`` for a well-formed reference, ``None`` for anything else.

    ``{csv: NAME}`` has that one key; ``{xlsx: NAME}`` may add ``sheet: NAME``.
    """
    if not isinstance(value, dict):
        return None
    if set(value) == {"csv"} and isinstance(value["csv"], str):
        return "csv"
    if "xlsx" in value and set(value) <= {"xlsx", "sheet"} and isinstance(value["xlsx"], str):
        sheet = value.get("sheet", "")
        return "xlsx" if isinstance(sheet, str | int) and not isinstance(sheet, bool) else None
    return None


def names_reference(value: Any) -> bool:
    """Whether ``value`` is meant as a reference (a mapping with ``csv`` or ``xlsx``)."""
    return isinstance(value, dict) and any(key in value for key in REFERENCE_KEYS)


def read_reference(
    value: dict[str, Any],
    folder: str,
    table: RecordTable,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    hidden_sheets: str = "warn",
    as_columns: bool = False,
) -> RecordFile:
    """Read the records a well-formed reference names (see :func:`reference_kind`).

    With ``as_columns``, the records of a plain CSV file or a sheet come as columns
    (:func:`~evaluator._inputs.record_rows.column_records`).

    Raises :class:`FileProblem` when the reference itself is unusable (no such
    file, outside the unit's folder, a workbook named as CSV, no such sheet).
    """
    kind = reference_kind(value)
    name = str(value.get(kind or "csv", ""))
    suffix = os.path.splitext(name)[1].lower()
    if kind == "csv":
        if suffix in WORKBOOK_SUFFIXES:
            raise FileProblem("reference.workbook_as_csv", {"reference": name})
        return read_records(
            name, folder, table, shown_as=shown_as, max_bytes=max_bytes, as_columns=as_columns
        )
    if suffix not in WORKBOOK_SUFFIXES:
        raise FileProblem(
            "reference.not_a_workbook", {"reference": name, "suffixes": list(WORKBOOK_SUFFIXES)}
        )
    from evaluator._inputs.spreadsheets import read_sheet_records

    sheet = value.get("sheet")
    return read_sheet_records(
        name,
        None if sheet is None else str(sheet),
        folder,
        table,
        shown_as=shown_as,
        max_bytes=max_bytes,
        hidden_sheets="refuse" if hidden_sheets == "refuse" else "warn",
        as_columns=as_columns,
    )

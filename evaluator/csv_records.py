"""Record lists read from CSV files: ``requests: {csv: requests.csv}``.

Bulk records (hundreds of thousands of requests) are far cheaper to read as
CSV than as YAML. The record schema is compiled once into one converter per
column, which turns and checks each cell in a single step (text to int, date,
boolean ...), so CSV rows never go through the general JSON Schema validator.
Each bad cell is reported with its file, line (the header is line 1) and column.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from evaluator.files import DEFAULT_MAX_BYTES, FileProblem, read_text
from evaluator.model import InputError, Location
from evaluator.validation import parse_date, parse_datetime

__all__ = ["CsvTable", "compile_record", "is_csv_reference", "read_records"]

Converter = Callable[[str], Any]

_FULL_WIDTH = re.compile(r"[０-９．－＋]")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


class CellError(ValueError):
    """A cell that does not fit its column."""


def is_csv_reference(value: Any) -> bool:
    """Whether a value is a ``{csv: file.csv}`` reference."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("csv"), str)


def _scalar_converter(name: str, schema: Mapping[str, Any]) -> Converter:
    """A function that turns one cell into the value ``schema`` describes, or raises."""
    kind = schema.get("type")
    fmt = schema.get("format")

    def full_width_hint(cell: str) -> str:
        return " (full-width digits: use 0-9)" if _FULL_WIDTH.search(cell) else ""

    base: Converter
    if kind == "integer":

        def base(cell: str) -> Any:
            if not _INT.match(cell):
                raise CellError(f"expected a whole number, got {cell!r}{full_width_hint(cell)}")
            return int(cell)

    elif kind == "number":

        def base(cell: str) -> Any:
            if not _NUMBER.match(cell):
                raise CellError(f"expected a number, got {cell!r}{full_width_hint(cell)}")
            return float(cell)

    elif kind == "boolean":

        def base(cell: str) -> Any:
            if cell == "true":
                return True
            if cell == "false":
                return False
            raise CellError(f"expected true or false, got {cell!r}")

    elif kind == "string" and fmt == "date":

        def base(cell: str) -> Any:
            try:
                return parse_date(cell)
            except ValueError:
                raise CellError(f"expected a date YYYY-MM-DD, got {cell!r}") from None

    elif kind == "string" and fmt == "date-time":

        def base(cell: str) -> Any:
            try:
                return parse_datetime(cell)
            except ValueError:
                raise CellError(f"expected a time YYYY-MM-DDTHH:MM+08:00, got {cell!r}") from None

    elif kind == "string":

        def base(cell: str) -> Any:
            return cell

    else:
        raise TypeError(f"field {name!r} of type {kind!r} cannot come from a CSV cell")

    checks: list[Callable[[Any], str | None]] = []
    if "enum" in schema:
        options = list(schema["enum"])

        def in_enum(value: Any) -> str | None:
            if value in options:
                return None
            hint = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            return f"{value!r} is not one of: {', '.join(map(str, options))}{suggestion}"

        checks.append(in_enum)
    for keyword, relation, test in (
        ("minimum", "at least", lambda v, b: v >= b),
        ("maximum", "at most", lambda v, b: v <= b),
        ("exclusiveMinimum", "more than", lambda v, b: v > b),
        ("exclusiveMaximum", "less than", lambda v, b: v < b),
    ):
        if keyword in schema:
            bound = schema[keyword]

            def within(
                value: Any, bound: Any = bound, relation: str = relation, test: Any = test
            ) -> str | None:
                return None if test(value, bound) else f"{value!r} must be {relation} {bound}"

            checks.append(within)
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])

        def matches(value: Any) -> str | None:
            return None if pattern.search(value) else f"{value!r} does not match {pattern.pattern}"

        checks.append(matches)
    if "maxLength" in schema:
        longest = int(schema["maxLength"])

        def short(value: Any) -> str | None:
            return None if len(value) <= longest else f"longer than {longest} characters"

        checks.append(short)
    if not checks:
        return base

    def checked(cell: str) -> Any:
        value = base(cell)
        for check in checks:
            problem = check(value)
            if problem:
                raise CellError(problem)
        return value

    return checked


@dataclass(frozen=True)
class CsvTable:
    """A record schema compiled for CSV: the known columns and a converter for each."""

    converters: Mapping[str, Converter]
    required: frozenset[str]
    closed: bool


def compile_record(schema: Mapping[str, Any]) -> CsvTable:
    """Compile a flat record schema (an object of scalar properties) for CSV reading.

    ``TypeError`` when the schema is not flat, so a section author learns at
    load time that a list cannot be supplied as CSV.
    """
    properties = schema.get("properties", {})
    return CsvTable(
        converters={name: _scalar_converter(name, sub) for name, sub in properties.items()},
        required=frozenset(schema.get("required", ())),
        closed=schema.get("additionalProperties") is False,
    )


def _resolve_inside(reference: str, folder: str) -> str:
    """The real path of ``reference``, which must lie inside ``folder``."""
    if os.path.isabs(reference) or reference.startswith(("\\", "/")) or ":" in reference:
        raise FileProblem(f"{reference!r}: give a file name relative to the unit's folder")
    parts = re.split(r"[\\/]", reference)
    if ".." in parts:
        raise FileProblem(
            f"{reference!r}: '..' is not allowed; the file must be in the unit's folder"
        )
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(folder, reference))
    if os.path.commonpath([root, target]) != root:
        raise FileProblem(f"{reference!r} leads outside the unit's folder (a link?)")
    if not os.path.isfile(target):
        raise FileProblem(f"{reference!r}: no such file beside the submission")
    return target


def read_records(
    reference: str,
    folder: str,
    table: CsvTable,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[dict[str, Any]], list[InputError], str]:
    """Read a CSV record file named in a submission.

    Returns the records, every problem found (cells, header), and the file's
    sha256. ``shown_as`` is the path used in messages. Raises
    :class:`FileProblem` when the file itself is unusable.
    """
    path = _resolve_inside(reference, folder)
    source = read_text(path, max_bytes)
    reader = csv.reader(io.StringIO(source.text, newline=""), strict=True)
    errors: list[InputError] = []
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(f"{reference}: empty file, expected a header row") from None
    except csv.Error as exc:
        raise FileProblem(f"{reference}: {exc}", 1) from None
    header = [h.strip() for h in header]
    converters: list[Converter | None] = []
    for column, name in enumerate(header, start=1):
        converter = table.converters.get(name)
        if converter is None and table.closed:
            hint = difflib.get_close_matches(name, list(table.converters), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            known = ", ".join(table.converters)
            errors.append(
                InputError(
                    Location(shown_as, 1, column),
                    f"unknown column {name!r}{suggestion} (known: {known})",
                )
            )
        converters.append(converter)
    if len(set(header)) != len(header):
        duplicated = sorted({h for h in header if header.count(h) > 1})
        errors.append(InputError(Location(shown_as, 1, 1), f"column repeated: {duplicated}"))
    missing = sorted(table.required - set(header))
    if missing:
        errors.append(
            InputError(
                Location(shown_as, 1, 1), f"required column(s) missing: {', '.join(missing)}"
            )
        )
    if errors:
        return [], errors, source.sha256
    records: list[dict[str, Any]] = []
    width = len(header)
    named = list(zip(header, converters, strict=True))
    required = table.required
    try:
        for line, row in enumerate(reader, start=2):
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue  # blank line
                errors.append(
                    InputError(
                        Location(shown_as, line, min(len(row), width) + 1),
                        f"expected {width} cells as in the header, found {len(row)}",
                    )
                )
                continue
            record: dict[str, Any] = {}
            for column, ((name, convert), cell) in enumerate(zip(named, row, strict=True), 1):
                if cell == "":
                    if name in required:
                        errors.append(
                            InputError(Location(shown_as, line, column), f"{name}: required, empty")
                        )
                    continue
                if convert is None:
                    record[name] = cell
                    continue
                try:
                    record[name] = convert(cell)
                except CellError as exc:
                    errors.append(InputError(Location(shown_as, line, column), f"{name}: {exc}"))
            records.append(record)
    except csv.Error as exc:
        errors.append(InputError(Location(shown_as, reader.line_num, 0), f"malformed CSV: {exc}"))
    return records, errors, source.sha256

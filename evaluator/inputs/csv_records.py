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
import functools
import io
import itertools
import math
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from evaluator.inputs.files import DEFAULT_MAX_BYTES, FileProblem, read_text
from evaluator.inputs.validation import advice, parse_date, parse_datetime
from evaluator.model import InputError, Location

__all__ = ["CsvTable", "compile_record", "is_csv_reference", "read_records"]

Converter = Callable[[str], Any]

_FULL_WIDTH = re.compile(r"[０-９．－＋]")
_FULL_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


# Dates parsed once per process, not once per file: every record file of an
# evaluation names the same few hundred days, and each file's column memo
# (``_Converted``) would parse them all again. Bounded, since a process may read
# thousands of units.
_cached_date = functools.lru_cache(maxsize=4096)(parse_date)


class CellError(ValueError):
    """A cell that does not fit its column: a message code and its params."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_csv_reference(value: Any) -> bool:
    """Whether a value is a ``{csv: file.csv}`` reference."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("csv"), str)


def _as_text(cell: str) -> Any:
    """A text cell as it is (so the fast reader can skip the column)."""
    return cell


def _scalar_converter(name: str, schema: Mapping[str, Any]) -> Converter:
    """A function that turns one cell into the value ``schema`` describes, or raises."""
    kind = schema.get("type")
    fmt = schema.get("format")

    def full_width_hint(cell: str) -> dict[str, str]:
        if _FULL_WIDTH.search(cell):
            return {"advice": "hint.full_width", "fixed": cell.translate(_FULL_WIDTH_TABLE)}
        return {"advice": ""}

    base: Converter
    if kind == "integer":

        def base(cell: str) -> Any:
            if not _INT.match(cell):
                raise CellError("csv.integer", value=cell, **full_width_hint(cell))
            try:
                return int(cell)
            except ValueError:  # over Python's 4300-digit limit
                raise CellError("csv.too_large", value=cell[:20] + "...") from None

    elif kind == "number":

        def base(cell: str) -> Any:
            if not _NUMBER.match(cell):
                raise CellError("csv.number", value=cell, **full_width_hint(cell))
            value = float(cell)
            if not math.isfinite(value):
                raise CellError("csv.too_large", value=cell[:20])
            return value

    elif kind == "boolean":

        def base(cell: str) -> Any:
            if cell == "true":
                return True
            if cell == "false":
                return False
            raise CellError("csv.boolean", value=cell)

    elif kind == "string" and fmt == "date":

        def base(cell: str) -> Any:
            try:
                return _cached_date(cell)
            except ValueError:
                raise CellError("csv.date", value=cell, **advice(cell)) from None

    elif kind == "string" and fmt == "date-time":

        def base(cell: str) -> Any:
            try:
                return parse_datetime(cell)
            except ValueError:
                raise CellError("csv.time", value=cell, **advice(cell)) from None

    elif kind == "string":
        base = _as_text

    else:
        raise TypeError(f"field {name!r} of type {kind!r} cannot come from a CSV cell")

    checks: list[Callable[[Any], CellError | None]] = []
    if "enum" in schema:
        options = [str(o) for o in schema["enum"]]
        allowed = list(schema["enum"])

        def in_enum(value: Any) -> CellError | None:
            if value in allowed:
                return None
            close = difflib.get_close_matches(str(value), options, n=1)
            hint = {"hint": "hint.did_you_mean", "suggestion": close[0]} if close else {"hint": ""}
            return CellError("csv.enum", value=str(value), options=options, **hint)

        checks.append(in_enum)
    for keyword, relation, test in (
        ("minimum", "word.at_least", lambda v, b: v >= b),
        ("maximum", "word.at_most", lambda v, b: v <= b),
        ("exclusiveMinimum", "word.more_than", lambda v, b: v > b),
        ("exclusiveMaximum", "word.less_than", lambda v, b: v < b),
    ):
        if keyword in schema:
            bound = schema[keyword]

            def within(
                value: Any, bound: Any = bound, relation: str = relation, test: Any = test
            ) -> CellError | None:
                if test(value, bound):
                    return None
                return CellError("csv.range", value=value, relation=relation, bound=bound)

            checks.append(within)
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])

        def matches(value: Any) -> CellError | None:
            if pattern.search(value):
                return None
            return CellError("csv.pattern", value=value, pattern=pattern.pattern)

        checks.append(matches)
    if "maxLength" in schema:
        longest = int(schema["maxLength"])

        def short(value: Any) -> CellError | None:
            return None if len(value) <= longest else CellError("csv.too_long", limit=longest)

        checks.append(short)
    if not checks:
        return base

    def checked(cell: str) -> Any:
        value = base(cell)
        for check in checks:
            problem = check(value)
            if problem is not None:
                raise problem
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
    if any(ord(c) < 0x20 or c == "\x7f" for c in reference):  # NUL, newline ...: no real name
        raise FileProblem("reference.bad_name", {"reference": repr(reference)})
    if os.path.isabs(reference) or reference.startswith(("\\", "/")) or ":" in reference:
        raise FileProblem("reference.absolute", {"reference": reference})
    parts = re.split(r"[\\/]", reference)
    if ".." in parts:
        raise FileProblem("reference.parent", {"reference": reference})
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(folder, reference))
    if os.path.commonpath([root, target]) != root:
        raise FileProblem("reference.outside", {"reference": reference})
    if not os.path.isfile(target):
        raise FileProblem("reference.missing", {"reference": reference})
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
    try:
        source = read_text(path, max_bytes)
    except FileProblem as exc:  # encoding, size: located in the CSV file itself
        return [], [exc.error(shown_as)], ""
    reader = csv.reader(io.StringIO(source.text, newline=""), strict=True)
    errors: list[InputError] = []
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem("csv.empty", {"reference": reference}) from None
    except csv.Error as exc:
        raise FileProblem("csv.malformed", {"detail": str(exc)}, 1) from None
    header = [h.strip() for h in header]
    converters: list[Converter | None] = []
    for column, name in enumerate(header, start=1):
        converter = table.converters.get(name)
        if converter is None and table.closed:
            close = difflib.get_close_matches(name, list(table.converters), n=1)
            hint = {"hint": "hint.did_you_mean", "suggestion": close[0]} if close else {"hint": ""}
            params = {"name": name, "known": list(table.converters), **hint}
            errors.append(InputError(Location(shown_as, 1, column), "csv.unknown_column", params))
        converters.append(converter)
    if len(set(header)) != len(header):
        duplicated = sorted({h for h in header if header.count(h) > 1})
        errors.append(
            InputError(Location(shown_as, 1, 1), "csv.repeated_column", {"names": duplicated})
        )
    missing = sorted(table.required - set(header))
    if missing:
        errors.append(
            InputError(Location(shown_as, 1, 1), "csv.missing_columns", {"names": missing})
        )
    if errors:
        return [], errors, source.sha256
    named = list(zip(header, converters, strict=True))
    try:
        records = _typed_columns(reader, named, table.required)
    except csv.Error:
        records = None
    if records is None:  # some problem: read again row by row to report every one
        reader = csv.reader(io.StringIO(source.text, newline=""), strict=True)
        next(reader)
        records, errors = _typed_rows(reader, named, table.required, shown_as)
    return records, errors, source.sha256


_CHUNK = 4096


class _Converted(dict[str, Any]):
    """One column's cells and their values, each distinct cell converted once."""

    def __init__(self, convert: Converter) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, cell: str) -> Any:
        value = self[cell] = self.convert(cell) if cell else None
        return value


Builder = Callable[[list[list[str]], Sequence[str], Sequence[Any]], list[dict[str, Any]]]


@functools.cache
def _record_builder(converted: tuple[bool, ...]) -> Builder:
    """A function turning rows into records, a converted column's cells through its memo.

    The records come from one comprehension with a dict display, about three
    times faster than ``dict(zip(names, row))`` and a loop per cell; records are
    most of what a big file costs. Only column indexes go into the code.
    """
    width = len(converted)
    names = ", ".join(f"k{i}" for i in range(width))
    memos = ", ".join(f"m{i}" for i in range(width))
    cells = ", ".join(f"c{i}" for i in range(width))
    pairs = ", ".join(
        f"k{i}: m{i}[c{i}]" if memo else f"k{i}: c{i}" for i, memo in enumerate(converted)
    )
    source = (
        "def build(rows, names, memos):\n"
        f"    {names}, = names\n"
        f"    {memos}, = memos\n"
        f"    return [{{{pairs}}} for {cells}, in rows]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    return cast(Builder, namespace["build"])


def _typed_columns(
    reader: Iterator[list[str]], named: list[tuple[str, Converter | None]], required: frozenset[str]
) -> list[dict[str, Any]] | None:
    """Every record, converting each distinct cell of a column once; ``None`` at any problem.

    Dates, booleans and enum values repeat thousands of times in a record file:
    converting a column's distinct cells once and looking the others up costs a
    fraction of converting every cell. Rows are taken a chunk at a time, so a big
    file is never held twice over. On a problem the caller reads the file again
    with :func:`_typed_rows`, which reports each one with its line.
    """
    width = len(named)
    if not width:
        return None
    names = [name for name, _ in named]
    memos = [
        None if convert is None or convert is _as_text else _Converted(convert)
        for _, convert in named
    ]
    build = _record_builder(tuple(memo is not None for memo in memos))
    records: list[dict[str, Any]] = []
    while True:
        rows = list(itertools.islice(reader, _CHUNK))
        if not rows:
            return records
        if set(map(len, rows)) != {width}:
            return None
        try:
            chunk = build(rows, names, memos)
        except CellError:
            return None
        for index, (name, memo) in enumerate(zip(names, memos, strict=True)):
            # an empty cell means an absent field: None from a memo, "" in a text column
            if memo is None and "" in map(operator.itemgetter(index), rows):
                if name in required:
                    return None
                for record in chunk:
                    if record[name] == "":
                        del record[name]
            elif memo is not None and "" in memo:
                if name in required:
                    return None
                for record in chunk:
                    if record[name] is None:
                        del record[name]
        records.extend(chunk)


def _typed_rows(
    reader: Any,
    named: list[tuple[str, Converter | None]],
    required: frozenset[str],
    shown_as: str,
) -> tuple[list[dict[str, Any]], list[InputError]]:
    """Every record that reads, and every problem, located by line and column."""
    records: list[dict[str, Any]] = []
    errors: list[InputError] = []
    width = len(named)
    # a quoted cell may span lines: a record starts on the line after the last one read
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue  # blank line
                errors.append(
                    InputError(
                        Location(shown_as, line, min(len(row), width) + 1),
                        "csv.cell_count",
                        {"expected": width, "found": len(row)},
                    )
                )
                continue
            record: dict[str, Any] = {}
            for column, ((name, convert), cell) in enumerate(zip(named, row, strict=True), 1):
                if cell == "":
                    if name in required:
                        errors.append(
                            InputError(
                                Location(shown_as, line, column),
                                "csv.required_empty",
                                {"field": name},
                            )
                        )
                    continue
                if convert is None:
                    record[name] = cell
                    continue
                try:
                    record[name] = convert(cell)
                except CellError as exc:
                    params = {"field": name, **exc.params}
                    errors.append(InputError(Location(shown_as, line, column), exc.code, params))
            records.append(record)
    except csv.Error as exc:
        errors.append(
            InputError(
                Location(shown_as, reader.line_num, 0), "csv.malformed", {"detail": str(exc)}
            )
        )
    return records, errors

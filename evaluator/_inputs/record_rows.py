"""Rows of a record list to records: the header rule, typed cells, located errors.

CSV files and spreadsheet sheets are both read here, row by row, once their
rows are in hand (lists of cells; text in a CSV file, typed values in a sheet):

* the **header** is the first row in which most non-empty cells are field
  names (English or Chinese, the schema's ``title``) or ignored columns (a
  header starting with ``备注`` or ``#``); rows above it (a title) are skipped;
* a row whose data cells are all empty is skipped (cells of the table's
  ``prefilled`` fields, which a template fills in ahead, do not count); cells
  are trimmed;
* each bad cell is an error located by the caller (file, line or sheet, column),
  at most :data:`MAX_ERRORS_PER_FILE` per file, then one ``csv.more_errors``
  error counting the rows left unchecked.

The fast path (:func:`fast_records`) converts each column's distinct cells once
and builds records in one generated comprehension; at the first problem it
gives up and :func:`checked_records` reads again row by row to locate every one.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from evaluator._core.hints import did_you_mean
from evaluator._core.model import InputError, Location
from evaluator._core.records import RecordColumns
from evaluator._inputs.cells import CellError, FieldCells, cell_text, compile_field
from evaluator._reading.validation import MAX_ERRORS_PER_FILE  # one cap for every file

__all__ = [
    "HEADER_SEARCH_ROWS",
    "IGNORED_PREFIXES",
    "MAX_ERRORS_PER_FILE",
    "NONE_THIS_YEAR",
    "Layout",
    "RecordTable",
    "blank",
    "checked_records",
    "column_records",
    "compile_record",
    "fast_records",
    "find_header",
    "lay_out",
    "none_after",
    "says_none",
]

HEADER_SEARCH_ROWS = 20
"""How many rows from the top may hold titles before the header row."""
IGNORED_PREFIXES = ("备注", "#")
"""A column whose header starts with one of these holds notes: its cells are never read."""
NONE_THIS_YEAR = "本年度无"
"""What a clerk writes, alone in a row, to say a list has no record this year."""

Source = Literal["text", "values"]
"""What a row's cells are: CSV ``text``, or spreadsheet ``values`` (typed, ``""`` when empty)."""
Locate = Callable[[int, int], Location]
"""Where a cell is: (line or row, 1-based column in the row) to a :class:`Location`."""


@dataclass(frozen=True)
class RecordTable:
    """A flat record schema compiled for cells: each field's converters and the headers naming it.

    ``headers`` maps what a header cell may say (the field's name, or its
    Chinese ``title``) to the field's name. ``prefilled`` fields are filled in
    ahead on every row of a template (the unit's id on the evaluator's evidence
    sheets): a row with nothing else is a row left unused, skipped as blank.
    """

    fields: Mapping[str, FieldCells]
    headers: Mapping[str, str]
    required: frozenset[str]
    closed: bool
    prefilled: frozenset[str] = frozenset()

    @property
    def known(self) -> list[str]:
        """Every header the table knows, names first: what errors list."""
        return list(self.headers)


def compile_record(schema: Mapping[str, Any], prefilled: Sequence[str] = ()) -> RecordTable:
    """Compile a flat record schema (an object of scalar properties) for CSV and sheet cells.

    ``prefilled``: the fields a template fills in ahead (see :class:`RecordTable`).

    ``TypeError`` when the schema is not flat, so a section author learns at
    load time that a list cannot be supplied as CSV. A Chinese ``title`` that
    two fields share names neither (it would be ambiguous); names win over titles.
    """
    properties: Mapping[str, Any] = schema.get("properties", {})
    fields = {name: compile_field(name, sub) for name, sub in properties.items()}
    headers = {name: name for name in properties}
    titles: dict[str, list[str]] = {}
    for name, sub in properties.items():
        title = sub.get("title") if isinstance(sub, Mapping) else None
        if isinstance(title, str) and title.strip() and title.strip() not in headers:
            titles.setdefault(title.strip(), []).append(name)
    headers.update({title: names[0] for title, names in titles.items() if len(names) == 1})
    return RecordTable(
        fields=fields,
        headers=headers,
        required=frozenset(schema.get("required", ())),
        closed=schema.get("additionalProperties") is False,
        prefilled=frozenset(prefilled),
    )


def says_none(row: Sequence[Any]) -> bool:
    """Whether a row holds :data:`NONE_THIS_YEAR` alone (a full stop after it allowed)."""
    filled = [text for text in map(cell_text, row) if text]
    return len(filled) == 1 and filled[0].rstrip("。.") == NONE_THIS_YEAR


def blank(row: Sequence[Any]) -> bool:
    """Whether a row has nothing in any cell."""
    return not any(map(cell_text, row))


def none_after(numbered: Iterator[tuple[int, Sequence[Any]]], locate: Locate) -> list[InputError]:
    """The rows after one saying :data:`NONE_THIS_YEAR`: no problem if they are blank (or say
    it again), else ``sheet.none_and_records`` at the first filled (a CSV file's or a
    sheet's alike)."""
    for line, row in numbered:
        if not blank(row) and not says_none(row):
            params = {"none": NONE_THIS_YEAR}
            return [InputError(locate(line, 1), "sheet.none_and_records", params)]
    return []


def _ignored(header: str) -> bool:
    return header.startswith(IGNORED_PREFIXES)


def is_header(texts: Sequence[str], table: RecordTable) -> bool:
    """Whether a row (its cells as trimmed text) is the header: most non-empty cells are known."""
    filled = [t for t in texts if t]
    known = sum(1 for t in filled if t in table.headers or _ignored(t))
    return known * 2 > len(filled)


def find_header(
    numbered: Iterator[tuple[int, list[Any]]], table: RecordTable
) -> tuple[int, int, list[str]] | None:
    """The header: (its line, how many rows it took to reach it, its cells as text).

    Consumes ``numbered`` through the header row; ``None`` when none of the
    first :data:`HEADER_SEARCH_ROWS` rows is one.
    """
    for taken, (line, row) in enumerate(itertools.islice(numbered, HEADER_SEARCH_ROWS), 1):
        texts = [cell_text(cell) for cell in row]
        if is_header(texts, table):
            return line, taken, texts
    return None


@dataclass(frozen=True)
class Column:
    """One column of a record list: a field's, a note column, or one without a header."""

    index: int
    header: str
    field: FieldCells | None
    kind: Literal["field", "ignored", "unnamed"]


@dataclass(frozen=True)
class Layout:
    """The columns of a record list as its header row lays them out."""

    columns: tuple[Column, ...]
    width: int

    @property
    def fields(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "field")

    @property
    def unnamed(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "unnamed")


def _open_field(name: str) -> FieldCells:
    """A column the schema does not name but also does not forbid: kept as text."""

    def keep(cell: Any) -> Any:
        return cell_text(cell) or None

    return FieldCells(name, lambda cell: cell, keep, plain=True)


def lay_out(
    texts: Sequence[str], table: RecordTable, line: int, locate: Locate
) -> tuple[Layout, list[InputError]]:
    """The columns a header row names, and what is wrong with it (unknown, repeated, missing)."""
    columns: list[Column] = []
    errors: list[InputError] = []
    seen: dict[str, list[str]] = {}
    for index, text in enumerate(texts):
        if not text:
            columns.append(Column(index, text, None, "unnamed"))
        elif _ignored(text):
            columns.append(Column(index, text, None, "ignored"))
        elif text in table.headers:
            name = table.headers[text]
            seen.setdefault(name, []).append(text)
            columns.append(Column(index, text, table.fields[name], "field"))
        elif not table.closed:
            columns.append(Column(index, text, _open_field(text), "field"))
        else:
            params = {"name": text, "known": table.known, **did_you_mean(text, table.known)}
            errors.append(InputError(locate(line, index + 1), "csv.unknown_column", params))
            columns.append(Column(index, text, None, "ignored"))
    repeated = sorted(name for name, headers in seen.items() if len(headers) > 1)
    if repeated:
        errors.append(InputError(locate(line, 1), "csv.repeated_column", {"names": repeated}))
    missing = sorted(table.required - set(seen))
    if missing:
        errors.append(InputError(locate(line, 1), "csv.missing_columns", {"names": missing}))
    return Layout(tuple(columns), len(texts)), errors


# ---------------------------------------------------------------- the fast path

_CHUNK = 4096


class _Memo(dict[Any, Any]):
    """One column's cells and their values, each distinct cell converted once."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert
        self.empty = False

    def __missing__(self, cell: Any) -> Any:
        value = self[cell] = self.convert(cell)
        if value is None:
            self.empty = True
        return value


def text_memo(field: FieldCells) -> Callable[[str], Any]:
    """A text field's value of one CSV cell: trimmed, converted; ``None`` when empty."""
    text = field.text

    def convert(cell: str) -> Any:
        cell = cell.strip()
        return text(cell) if cell else None

    return convert


Builder = Callable[[list[Sequence[Any]], Sequence[str], Sequence[Any]], list[dict[str, Any]]]


@functools.cache
def _record_builder(
    kinds: tuple[str, ...], source: Source, counted: tuple[int, ...] | None = None
) -> Builder:
    """A function turning rows into records, each column's cells by its kind.

    Kinds: ``memo`` (looked up in the column's memo), ``strip`` (trimmed text),
    ``call`` (a function per cell), ``skip`` (not read). Rows whose read cells
    (of them, the ``counted`` columns when given) are all empty are left out.
    The records come from one comprehension with a dict display, about three
    times faster than ``dict(zip(names, row))`` and a loop per cell; records
    are most of what a big file costs. Only column indexes go into the code.
    """
    read = [i for i, kind in enumerate(kinds) if kind != "skip"]
    names = "".join(f"k{i}, " for i in read)
    funcs = "".join(f"f{i}, " for i in read)
    targets = "".join("_, " if kind == "skip" else f"c{i}, " for i, kind in enumerate(kinds))
    expression = {
        "memo": "f{i}[c{i}]",
        "strip": "c{i}.strip()",
        "call": "f{i}(c{i})",
        # text as it is, trimmed; a number or a date through its function
        "text": "(c{i}.strip() if c{i}.__class__ is str else f{i}(c{i}))",
    }
    pairs = ", ".join(f"k{i}: " + expression[kinds[i]].format(i=i) for i in read)
    data = read if counted is None else counted
    empty = " or ".join(f"c{i}" if source == "text" else f"c{i} != ''" for i in data) or "False"
    source_code = (
        "def build(rows, names, funcs):\n"
        f"    {names}= names\n"
        f"    {funcs}= funcs\n"
        f"    return [{{{pairs}}} for {targets}in rows if {empty}]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source_code, namespace)
    return cast(Builder, namespace["build"])


def _column_kind(field: FieldCells, source: Source) -> str:
    if source == "text":
        return "strip" if field.plain else "memo"
    if field.plain:
        return "text"
    return "call" if field.numeric else "memo"


def fast_records(
    rows: Iterable[Sequence[Any]], layout: Layout, table: RecordTable, source: Source
) -> list[dict[str, Any]] | None:
    """Every record, converting each distinct cell of a column once; ``None`` at any problem.

    Dates, booleans and enum values repeat thousands of times in a record list:
    converting a column's distinct cells once and looking the others up costs a
    fraction of converting every cell. Rows are taken a chunk at a time, so a big
    file is never held twice over. On a problem (a bad cell, an empty required
    cell, a row of the wrong width, a cell without a header) the caller reads
    again with :func:`checked_records`, which reports each one with its place.
    """
    width = layout.width
    fields = layout.fields
    if not fields:
        return None
    kinds = ["skip"] * width
    names: list[str] = []
    funcs: list[Any] = []
    for column in fields:
        field = cast(FieldCells, column.field)
        kind = kinds[column.index] = _column_kind(field, source)
        names.append(field.name)
        if kind == "memo":
            funcs.append(_Memo(text_memo(field) if source == "text" else field.value))
        elif kind == "call":
            funcs.append(field.value)
        elif kind == "text":
            funcs.append(cell_text)
        else:
            funcs.append(None)
    counted = None
    if table.prefilled:  # a row of prefilled cells alone is an unused row
        counted = tuple(
            c.index for c in fields if cast(FieldCells, c.field).name not in table.prefilled
        )
    build = _record_builder(tuple(kinds), source, counted)
    unnamed = [operator.itemgetter(c.index) for c in layout.unnamed]
    records: list[dict[str, Any]] = []
    iterator = iter(rows)
    while True:
        chunk_rows = list(itertools.islice(iterator, _CHUNK))
        if not chunk_rows:
            return records
        lengths = set(map(len, chunk_rows))
        if lengths != {width}:
            if lengths != {width, 0}:
                return None
            chunk_rows = [row for row in chunk_rows if row]  # blank CSV lines
        for cells in unnamed:
            values = list(map(cells, chunk_rows))
            if values.count("") != len(values):
                return None
        try:
            chunk = build(chunk_rows, names, funcs)
        except CellError:
            return None
        for name, kind, func in zip(names, (kinds[c.index] for c in fields), funcs, strict=True):
            if kind == "memo":
                if not func.empty:
                    continue
                marker: Any = None
            else:
                marker = None if kind == "call" else ""
                if marker not in map(operator.itemgetter(name), chunk):
                    continue
            if name in table.required:
                return None
            if marker is None:  # an identity test: ``==`` would ask every date
                for record in chunk:
                    if record[name] is None:
                        del record[name]
            else:
                for record in chunk:
                    if record[name] == marker:
                        del record[name]
        if {} in chunk:  # whitespace only: the checked path decides
            return None
        records.extend(chunk)


def column_records(
    blocks: Iterable[Sequence[Any] | None],
    layout: Layout,
    table: RecordTable,
    source: Source = "text",
) -> RecordColumns | None:
    """Every record of a plain CSV text or a sheet as columns; ``None`` at any problem (or doubt).

    ``blocks`` are the cells after the header, row after row, a block of whole
    rows at a time (each row exactly :attr:`Layout.width` cells: a plain
    text's, see ``csv_records._plain_rows``, or a sheet's; a block ``None``
    when the caller found a row of another width), so that column *i* of a
    block is ``block[i::width]``, a slice made in C. Each column is converted
    as :func:`fast_records` converts it (a field's distinct cells once, plain
    text trimmed; a sheet's numbers each), an empty cell becoming ``None``.
    ``None`` is returned, for the row reader to take over and report each
    problem with its place, on what a row-by-row read must decide: a bad cell,
    an empty required cell (which a blank row has too), a filled cell under no
    header, a table without required fields (a row may be blank) or with
    prefilled ones. A bad file is given up at its first bad block: memory
    holds at most the values of the good ones.
    """
    width = layout.width
    fields = [(c.index, cast(FieldCells, c.field)) for c in layout.fields]
    if not fields or not table.required or table.prefilled:
        return None
    unnamed = [c.index for c in layout.unnamed]
    kinds = {field.name: _column_kind(field, source) for _, field in fields}
    memos = {
        field.name: _Memo(text_memo(field) if source == "text" else field.value)
        for _, field in fields
        if kinds[field.name] == "memo"
    }
    columns: dict[str, list[Any]] = {field.name: [] for _, field in fields}
    length = 0
    for cells in blocks:
        if cells is None or len(cells) % width:
            return None
        for index in unnamed:
            if any(map(cell_text, cells[index::width])):
                return None
        for index, field in fields:
            texts = cells[index::width]
            kind = kinds[field.name]
            try:
                if kind == "strip":  # CSV text
                    values: list[Any] = [text or None for text in map(str.strip, texts)]
                    empty = None in values  # text: no date's == asked
                elif kind == "text":  # a sheet's cell in a text field: text trimmed, else as text
                    values = [
                        (c.strip() if c.__class__ is str else cell_text(c)) or None for c in texts
                    ]
                    empty = None in values
                elif kind == "call":  # a sheet's number: seldom repeated
                    values = list(map(field.value, texts))
                    empty = any(v is None for v in values)
                else:
                    memo = memos[field.name]
                    values = list(map(memo.__getitem__, texts))
                    empty = memo.empty
            except CellError:
                return None
            if empty and field.name in table.required:
                return None
            columns[field.name] += values
        length += len(cells) // width
    return RecordColumns(columns, length)


# ---------------------------------------------------------------- the checked path


def _empty(cell: Any, source: Source) -> bool:
    if source == "text" or type(cell) is str:
        return not cell.strip()
    return False


def checked_records(
    numbered: Iterator[tuple[int, list[Any]]],
    layout: Layout,
    table: RecordTable,
    source: Source,
    locate: Locate,
) -> tuple[list[dict[str, Any]], list[InputError]]:
    """Every record and every problem, each located by line (or row) and column.

    Records are kept only while there is no error: one error makes the whole
    list unusable, and a file of millions of bad rows must not fill memory.
    After :data:`MAX_ERRORS_PER_FILE` errors the rest is counted, not checked.
    """
    records: list[dict[str, Any]] = []
    errors: list[InputError] = []
    width = layout.width
    read = [c for c in layout.columns if c.kind != "ignored"]
    for line, row in numbered:
        if len(row) != width:
            if all(_empty(cell, source) for cell in row):
                continue  # a blank line
            where = locate(line, min(len(row), width) + 1)
            errors.append(
                InputError(where, "csv.cell_count", {"expected": width, "found": len(row)})
            )
        else:
            record = _record(line, row, read, table, source, locate, errors)
            if record is not None and not errors:
                records.append(record)
        if len(errors) >= MAX_ERRORS_PER_FILE:
            del errors[MAX_ERRORS_PER_FILE:]
            left = sum(1 for _, rest in numbered if not all(_empty(c, source) for c in rest))
            params = {"limit": MAX_ERRORS_PER_FILE, "rows": left}
            errors.append(InputError(locate(line, 0), "csv.more_errors", params))
            break
    return ([] if errors else records), errors


def _record(
    line: int,
    row: list[Any],
    read: list[Column],
    table: RecordTable,
    source: Source,
    locate: Locate,
    errors: list[InputError],
) -> dict[str, Any] | None:
    """One row's record (``None`` for a row without data), its problems added to ``errors``."""
    data = [
        c for c in read if c.kind == "field" and c.field and c.field.name not in table.prefilled
    ]
    if all(_empty(row[c.index], source) for c in data):
        for column in read:  # cells outside any field: still wrong
            if column.kind == "unnamed" and not _empty(row[column.index], source):
                where = locate(line, column.index + 1)
                params = {"value": cell_text(row[column.index])}
                errors.append(InputError(where, "csv.unnamed_cell", params))
        return None
    record: dict[str, Any] = {}
    for column in read:
        cell = row[column.index]
        at = column.index + 1
        if _empty(cell, source):
            if column.field is not None and column.field.name in table.required:
                params = {"field": column.header}
                errors.append(InputError(locate(line, at), "csv.required_empty", params))
            continue
        if column.field is None:
            params = {"value": cell_text(cell)}
            errors.append(InputError(locate(line, at), "csv.unnamed_cell", params))
            continue
        field = column.field
        try:
            value = field.text(cell.strip()) if source == "text" else field.value(cell)
        except CellError as exc:
            params = {"field": column.header, **exc.params}
            errors.append(InputError(locate(line, at), exc.code, params))
            continue
        record[field.name] = value
    return record

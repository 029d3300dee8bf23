"""A big plain CSV record file read by pyarrow's C reader into columns (the ``columns`` extra).

Splitting a record file of thousands of rows into cells is most of what
reading it costs in Python (:func:`~evaluator._inputs.csv_records._plain_blocks`
checks every line, then a ``str.split`` makes a string per cell). pyarrow's
CSV reader does both in C, and its dictionary encoding gives each column's
distinct cells with one index per row, so the engine converts a column's
distinct cells once, with the very function of the row reader (dates, enums,
booleans: :func:`~evaluator._inputs.record_rows.text_memo`), and such a column is
kept as those values and the rows' indices (a :class:`~evaluator._core.records.Coded`
column): a Python value per row is made only if a scorer reads the column as values,
never a Python string per repeated cell.
:func:`~evaluator._inputs.csv_records.read_records` asks it for files between
:data:`MIN_BYTES` and :data:`MAX_BYTES` only.

It is a fast path only, like :func:`~evaluator._inputs.record_rows.column_records`:
it gives the same :class:`~evaluator._core.records.RecordColumns` or ``None``,
and ``None`` sends the file down the paths that read it without pyarrow (and
report each problem with its place). ``None`` comes when pyarrow is not
installed, for a file that is not valid UTF-8 or holds a quote or a carriage
return but in ``\\r\\n``, for a row of another width than the header's (a blank
line included), a cell longer than the csv module's limit, a filled cell under
no header, a bad cell or an empty required one, or no row at all.
``tests/test_csv_plain_rows.py`` reads its texts every way and compares.
"""

from __future__ import annotations

import csv
import importlib
import io
import itertools
from collections.abc import Callable
from typing import Any, cast

from evaluator._core.records import Coded, RecordColumns
from evaluator._inputs.cells import CellError, FieldCells
from evaluator._inputs.record_rows import Layout, RecordTable, text_memo

__all__ = ["BLOCK_SIZE", "MAX_BYTES", "MIN_BYTES", "arrow_columns", "available"]

MIN_BYTES = 64 * 1024
"""Files smaller than this are split in Python. pyarrow has a fixed cost per file (~1 ms:
its reader, a kernel call or two per column) and the split none: measured on the
benchmark's files (``BENCHMARKS.md``), the two read alike at ~90-120 KB, and from there
pyarrow's columns of dates come with their ordinals (:meth:`RecordColumns.ordinals`),
which spare the scorers a dict lookup per date. An evaluation of small files never pays
pyarrow's import either (~0.15 s, once per process)."""

MAX_BYTES = 16 * 1024 * 1024
"""Files bigger than this are split in Python too. pyarrow holds the whole table while the
columns are converted (the cells, their offsets, its builders' spare room): on a file at
the 64 MiB cap of 1.3 million rows a worker peaked at 650-690 MiB against 499 MiB split
(``BENCHMARKS.md``). A real unit's request file is far below 16 MiB (~400,000 requests);
above it, memory matters more than the second pyarrow would save."""

BLOCK_SIZE = 1 << 20
"""Bytes pyarrow parses at a time (its default): a column of a bigger file comes in chunks."""

_pyarrow: Any = None  # the modules once imported; False when pyarrow is not installed


def available() -> bool:
    """Whether pyarrow (and numpy, for the codes of its columns: pyarrow may be installed
    without it) can be imported (imported at the first call, once)."""
    global _pyarrow
    if _pyarrow is None:
        try:  # by name: pyarrow has no type information for mypy to follow (a plugin's too)
            _pyarrow = tuple(
                importlib.import_module(name)
                for name in ("pyarrow", "pyarrow.csv", "pyarrow.compute", "numpy")
            )
        except ImportError:
            _pyarrow = False
    return _pyarrow is not False


def _table(data: bytes, skip: int, width: int) -> Any:
    """The rows after the first ``skip`` lines of a plain UTF-8 text as text columns
    ``c0``, ``c1`` ...; ``None`` at a row of another width (or text pyarrow refuses)."""
    pa, pacsv, _, _ = _pyarrow
    names = [f"c{i}" for i in range(width)]
    try:
        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                skip_rows=skip, column_names=names, use_threads=False, block_size=BLOCK_SIZE
            ),
            parse_options=pacsv.ParseOptions(
                quote_char=False,
                double_quote=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None


def arrow_columns(
    data: bytes, encoding: str, skip: int, layout: Layout, table: RecordTable
) -> RecordColumns | None:
    """The records after the first ``skip`` lines (the header's and those above it) of a
    plain CSV file as columns, read by pyarrow; ``None`` at any doubt (module docstring)."""
    width = layout.width
    fields = [(c.index, cast(FieldCells, c.field)) for c in layout.fields]
    if not fields or not table.required or table.prefilled or encoding != "utf-8-sig":
        return None
    # as csv_records._plain_blocks: in UTF-8 these bytes stand only for themselves
    if b'"' in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None
    if not available():
        return None
    found = _table(data, skip, width)
    if found is None or found.num_rows == 0:
        return None
    compute = _pyarrow[2]
    limit = csv.field_size_limit()
    for index in range(width):  # in bytes first (no cell read), in characters if need be
        column = found.column(index)
        if (
            compute.max(compute.binary_length(column)).as_py() > limit
            and compute.max(compute.utf8_length(column)).as_py() > limit
        ):
            return None  # the csv module's to refuse
    for column in layout.unnamed:
        if any(map(str.strip, found.column(column.index).to_pylist())):
            return None
    rows = found.num_rows
    # a column's chunks (one per block read) taken one at a time and let go once converted,
    # so that memory holds the values and a block's worth of pyarrow's cells, not the table
    blocks: list[Any] = [found.column(index).chunks for index in range(width)]
    del found
    columns: dict[str, tuple[Any, ...] | Coded] = {}
    for index, field in fields:
        chunks, blocks[index] = blocks[index], None
        values = _plain(chunks) if field.plain else _converted(chunks, text_memo(field))
        if values is None:
            return None  # a bad cell
        empty = None in (values.values if isinstance(values, Coded) else values)
        if empty and field.name in table.required:
            return None  # an empty required cell
        columns[field.name] = values
    return RecordColumns(columns, rows)


def _plain(chunks: list[Any]) -> tuple[Any, ...]:
    """A text field's cells kept as text, trimmed (``None`` for an empty one), chunk by chunk."""
    parts: list[tuple[Any, ...]] = []
    while chunks:
        texts = list(map(str.strip, chunks.pop(0).to_pylist()))
        parts.append(tuple(text or None for text in texts) if "" in texts else tuple(texts))
    return parts[0] if len(parts) == 1 else tuple(itertools.chain.from_iterable(parts))


def _converted(chunks: list[Any], convert: Callable[[str], Any]) -> Coded | None:
    """A field's cells converted, each distinct one once (``None`` at a bad cell), as a
    :class:`Coded` column: the distinct values of every chunk in turn, and each row's
    position among them (its chunk's dictionary index, past the chunks before)."""
    import numpy as np

    memo: dict[str, Any] = {}
    values: list[Any] = []
    codes: list[Any] = []
    while chunks:
        encoded = chunks.pop(0).dictionary_encode()
        offset = len(values)
        for cell in encoded.dictionary.to_pylist():
            if cell not in memo:
                try:
                    memo[cell] = convert(cell)
                except CellError:
                    return None
            values.append(memo[cell])
        indices = encoded.indices.to_numpy()  # int32, as dictionary_encode gives them
        codes.append(indices + offset if offset else indices)  # Coded copies them to intp
    every = codes[0] if len(codes) == 1 else np.concatenate(codes)
    return Coded(values, every)

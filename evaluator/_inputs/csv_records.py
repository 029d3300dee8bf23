"""Record lists read from CSV files: ``requests: {csv: requests.csv}``.

Bulk records (hundreds of thousands of requests) are far cheaper to read as
CSV than as YAML. The record schema is compiled once into one converter per
column (:mod:`evaluator._inputs.record_rows`), which turns and checks each cell
in a single step (text to int, date, boolean ...), so CSV rows never go
through the general JSON Schema validator. Each bad cell is reported with its
file, line (of the file: title rows above the header count) and column.

Files come as clerks' programs save them: UTF-8 with or without a byte-order
mark, any line ends, or GBK/GB18030 (Excel's "CSV" on Chinese Windows), which
is read with a warning naming the file. Text in no known encoding is refused.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from evaluator._core.model import InputError, Location, Message
from evaluator._core.records import RecordColumns
from evaluator._inputs import arrow_records
from evaluator._inputs.record_rows import (
    HEADER_SEARCH_ROWS,
    RecordTable,
    blank,
    checked_records,
    column_records,
    compile_record,
    fast_records,
    find_header,
    lay_out,
    none_after,
    says_none,
)
from evaluator._reading.files import (
    DEFAULT_MAX_BYTES,
    FileProblem,
    decodes_as_gb18030,
    first_non_utf8,
    not_utf8,
    read_bytes,
    resolve_reference,
)

__all__ = [
    "CsvTable",
    "RecordFile",
    "RecordTable",
    "compile_record",
    "csv_encoding",
    "csv_reader",
    "is_csv_reference",
    "numbered",
    "read_records",
]

CsvTable = RecordTable
"""The compiled record schema (the older name, kept for imports)."""


@dataclass(frozen=True)
class RecordFile:
    """What reading one record file gave: its records, problems, fingerprint and warnings.

    ``records`` is empty whenever ``errors`` is not: a list with a bad row is
    not used at all.
    """

    records: Sequence[Mapping[str, Any]]
    errors: list[InputError]
    sha256: str
    warnings: tuple[Message, ...] = field(default=())


def is_csv_reference(value: Any) -> bool:
    """Whether a value is a ``{csv: file.csv}`` reference."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("csv"), str)


def csv_encoding(data: bytes, shown_as: str) -> tuple[str, tuple[Message, ...]]:
    """The codec to read a record file's ``data`` with, and the warning a legacy encoding earns."""
    if b"\x00" in data:
        raise FileProblem("file.nul_bytes")
    bad = first_non_utf8(data)
    if bad is None:
        return "utf-8-sig", ()
    if decodes_as_gb18030(data):
        return "gb18030", (Message("csv.legacy_encoding", {"path": shown_as}),)
    raise not_utf8(data, bad, shown_as)


def csv_reader(data: bytes, encoding: str) -> Any:
    """The csv module's strict reader over a record file's bytes, decoded as it goes."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return csv.reader(stream, strict=True)


def numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each row of a :func:`csv_reader` with the line it starts on (a quoted cell may span
    lines, so rows and lines need not match)."""
    start = reader.line_num + 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _plain_blocks(
    data: bytes, encoding: str, skip: int, width: int
) -> tuple[str, list[tuple[int, int]]] | None:
    """The text and its blocks of whole lines after the first ``skip`` lines, when split at
    commas and line ends it reads as the csv module would read it; ``None`` when it might not.

    Most record files are plain: no quoted cell, one row per line. Splitting such a
    text with ``str`` methods is three times faster than the csv module, which is
    most of what reading a big file costs. It is done only when the text has no
    quote, no carriage return but in ``\r\n``, no line longer than the csv
    module's cell limit, and exactly ``width`` cells on every line (so no blank
    line either); anything else goes through the csv module, as before.
    ``tests/test_csv_plain_rows.py`` reads texts both ways.
    """
    # tested on the bytes, before decoding: in UTF-8 and GB18030 alike these bytes
    # stand only for the quote itself
    if b'"' in data:
        return None
    text = data.decode(encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    start = 0
    for _ in range(skip):
        start = text.find("\n", start) + 1
        if not start:  # the header was the last line
            return None
    end = len(text) - 1 if text.endswith("\n") else len(text)
    if start >= end:
        return None
    # Every line is checked first, a block at a time (memory stays a block's worth,
    # whatever the file's size); the rows are made later, a block at a time too.
    commas, limit = {width - 1}, csv.field_size_limit()
    blocks: list[tuple[int, int]] = []
    at = start
    while at < end:
        stop = text.find("\n", min(at + _BLOCK, end))
        stop = end if stop == -1 else stop  # the last line has no line end
        lines = text[at:stop].split("\n")
        # a blank line has no comma (and, in a one-column file, is an empty row: skipped)
        if set(map(str.count, lines, repeat(","))) != commas or max(map(len, lines)) > limit:
            return None
        blocks.append((at, stop))
        at = stop + 1
    return text, blocks


def _plain_rows(plain: tuple[str, list[tuple[int, int]]], width: int) -> Iterator[tuple[str, ...]]:
    """The rows of a plain text's blocks (:func:`_plain_blocks`), ``width`` cells each."""
    return (row for cells in _cells(*plain) for row in zip(*[iter(cells)] * width, strict=True))


_BLOCK = 1 << 20
"""Characters of a plain record file split at a time."""


def _cells(text: str, blocks: list[tuple[int, int]]) -> Iterator[list[str]]:
    """The cells of each block of whole lines, row after row."""
    for start, stop in blocks:
        yield text[start:stop].replace("\n", ",").split(",")


class _Malformed:
    """Rows of a CSV reader that stop, instead of raising, at text the csv module cannot parse."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.error: tuple[int, str] | None = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            yield from numbered(self.reader)
        except csv.Error as exc:
            self.error = (self.reader.line_num, str(exc))


def _said_none(reader: Any, locate: Any, within: int) -> list[InputError] | None:
    """None unless one of the first ``within`` rows filled of ``reader`` says 本年度无 (a list
    with no record this year, as an empty sheet or YAML's empty list); then the problems
    of the rows after it (:func:`none_after`). Text the csv module cannot parse says nothing."""
    rows = numbered(reader)
    try:
        for _, row in itertools.islice((r for r in rows if not blank(r[1])), within):
            if says_none(row):
                return none_after(rows, locate)
    except csv.Error:
        return None
    return None


def read_records(
    reference: str,
    folder: str,
    table: RecordTable,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    as_columns: bool = False,
) -> RecordFile:
    """Read a CSV record file named in a submission.

    Returns the records, every problem found (cells, header), the file's
    sha256 and any warning (a legacy encoding). ``shown_as`` is the path used
    in messages. Raises :class:`FileProblem` when the file itself is unusable.
    With ``as_columns``, a plain file's records come as
    :class:`~evaluator._core.records.RecordColumns` (see :func:`column_records`).
    """
    path = resolve_reference(reference, folder)
    try:
        raw = read_bytes(path, max_bytes)
        encoding, warnings = csv_encoding(raw.data, shown_as)
    except FileProblem as exc:  # encoding, size: located in the CSV file itself
        return RecordFile([], [exc.error(shown_as)], "")

    def locate(line: int, column: int) -> Location:
        return Location(shown_as, line, column)

    rows = csv_reader(raw.data, encoding)
    try:
        header = find_header(numbered(rows), table)
    except csv.Error as exc:
        raise FileProblem("csv.malformed", {"detail": str(exc)}, rows.line_num) from None
    if header is None:
        if rows.line_num == 0:
            raise FileProblem("csv.empty", {"reference": reference})
        said = _said_none(csv_reader(raw.data, encoding), locate, HEADER_SEARCH_ROWS)
        if said is not None:  # 本年度无 where a header would be: none this year
            return RecordFile([], said, raw.sha256, warnings)
        params = {"rows": HEADER_SEARCH_ROWS, "known": table.known}
        return RecordFile([], [InputError(locate(1, 0), "csv.no_header", params)], raw.sha256)
    line, taken, texts = header
    layout, errors = lay_out(texts, table, line, locate)
    if errors:
        return RecordFile([], errors, raw.sha256, warnings)
    again = csv_reader(raw.data, encoding)
    for _ in range(taken):
        next(again)
    said = _said_none(again, locate, 1)  # 本年度无 in the first row under the header
    if said is not None:
        return RecordFile([], said, raw.sha256, warnings)
    records: Sequence[dict[str, Any]] | RecordColumns | None = None
    if as_columns and arrow_records.MIN_BYTES <= len(raw.data) <= arrow_records.MAX_BYTES:
        # read in C, by pyarrow
        records = arrow_records.arrow_columns(raw.data, encoding, taken, layout, table)
    plain = None if records is not None else _plain_blocks(raw.data, encoding, taken, layout.width)
    if plain is not None and as_columns:
        records = column_records(_cells(*plain), layout, table)
    if records is None:
        split = None if plain is None else _plain_rows(plain, layout.width)
        try:
            records = fast_records(rows if split is None else split, layout, table, "text")
        except csv.Error:
            records = None
    if records is None:  # some problem: read again row by row to report every one
        again = csv_reader(raw.data, encoding)
        for _ in range(taken):
            next(again)
        source = _Malformed(again)
        records, errors = checked_records(iter(source), layout, table, "text", locate)
        if source.error is not None:
            at, detail = source.error
            errors.append(InputError(locate(at, 0), "csv.malformed", {"detail": detail}))
            records = []
    return RecordFile(records, errors, raw.sha256, warnings)

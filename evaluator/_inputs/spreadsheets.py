"""Record lists read from spreadsheets: ``requests: {xlsx: 依申请公开.xlsx, sheet: 依申请公开}``.

Workbooks (``.xlsx``, legacy ``.xls``, OpenDocument ``.ods``) are read with
python-calamine, Rust's calamine: about 250,000 rows a second here, against
some 21,000 for openpyxl's read-only mode. Cells arrive typed (text, numbers,
booleans, real dates and times) and go through the same per-column converters
as CSV cells (:mod:`evaluator._inputs.record_rows`); errors name the file, the
sheet and the cell (``依申请公开!B12``).

A workbook is untrusted input, and a small one can demand a great deal: every
workbook is first checked as what its content says it is
(:mod:`evaluator._inputs.workbook_checks`: cells placed as the reader places
them, shared strings and their copies, OpenDocument repeats, the ``.xls``
compound file), and only then handed to the reader, inside
:func:`~evaluator._reading.native.native_reading` (capped in memory in a
worker process, where an abort costs only the unit being read).

What a reviewer opening the file in Excel or WPS would not see is never read
silently: with no sheet named, "the first sheet" is the first visible one; a
hidden sheet that is named is read with a warning (``sheet.hidden_read``), or
refused when the scheme says ``hidden_sheets: refuse``; the cells of a sheet
read that hold formulas (whose saved values are read, where Excel shows the
recalculated ones) are named in a warning (``sheet.formulas``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from evaluator._core.hints import did_you_mean
from evaluator._core.model import InputError, Location, Message
from evaluator._inputs.csv_records import RecordFile
from evaluator._inputs.record_rows import (
    HEADER_SEARCH_ROWS,
    Locate,
    RecordTable,
    blank,
    checked_records,
    column_records,
    fast_records,
    find_header,
    lay_out,
    none_after,
    says_none,
)
from evaluator._inputs.workbook_checks import (
    MAX_SHEET_CELLS,
    UNPACKED_RATIO,
    Inspection,
    inspect_workbook,
)
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, read_bytes, resolve_reference
from evaluator._reading.native import native_reading

__all__ = [
    "MAX_SHEET_CELLS",
    "UNPACKED_RATIO",
    "HiddenSheets",
    "Sheet",
    "SheetList",
    "Workbook",
    "choose_sheet",
    "open_workbook",
    "read_sheet_records",
    "sheet_warnings",
]

HiddenSheets = Literal["warn", "refuse"]
"""What a scheme does with a hidden sheet a unit names (``hidden_sheets``): read it with a
warning, or refuse it."""


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells, as calamine reads them: rows of typed values, ``""`` for empty.

    ``first_column`` is the 0-based column of each row's first cell (calamine
    leaves out empty columns on the left); rows start at the sheet's row 1.
    """

    name: str
    grid: Any

    @property
    def empty(self) -> bool:
        return self.grid.start is None

    @property
    def first_column(self) -> int:
        start = self.grid.start
        return 0 if start is None else int(start[1])

    def rows(self) -> Iterator[list[Any]]:
        """Each row, from the sheet's row 1 (``enumerate(rows, 1)`` numbers them)."""
        return iter(()) if self.empty else iter(self.grid.iter_rows())


class Workbook:
    """An opened, checked workbook: its sheet names, which are hidden, and each sheet on demand."""

    def __init__(self, book: Any, inspection: Inspection, shown: str, max_bytes: int) -> None:
        self._book = book
        self._shown = shown
        self._max_bytes = max_bytes
        self.inspection = inspection
        self.sheet_names: list[str] = list(book.sheet_names)
        self.hidden: dict[str, str] = {
            meta.name: _STATES.get(str(meta.visible).rsplit(".", 1)[-1], "hidden")
            for meta in book.sheets_metadata
            if not str(meta.visible).endswith("Visible")
        }

    def sheet(self, name: str) -> Sheet:
        """The sheet ``name`` (one of :attr:`sheet_names`)."""
        with native_reading(self._shown, self._max_bytes):
            return Sheet(name, _calamine(lambda: self._book.get_sheet_by_name(name)))


_STATES = {"Hidden": "hidden", "VeryHidden": "veryHidden"}


def _calamine(call: Any) -> Any:
    """The reader's answer, its errors (a panic included) as ``sheet.unreadable``."""
    try:
        return call()
    except Exception as exc:  # calamine's own errors
        raise FileProblem("sheet.unreadable", {"detail": str(exc)}) from None
    except BaseException as exc:  # a panic in the reader is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise FileProblem("sheet.unreadable", {"detail": type(exc).__name__}) from None


def open_workbook(data: bytes, max_bytes: int, *, shown: str = "") -> Workbook:
    """A workbook from its bytes, after the checks a hostile file calls for (whatever its name)."""
    from python_calamine import CalamineWorkbook

    inspection = inspect_workbook(data, max_bytes)
    with native_reading(shown, max_bytes):
        book = _calamine(lambda: CalamineWorkbook.from_filelike(io.BytesIO(data)))
        return Workbook(book, inspection, shown, max_bytes)


def sheet_warnings(workbook: Workbook, name: str, shown: str) -> list[Message]:
    """What reading sheet ``name`` earns: it is hidden, its cells hold formulas."""
    warnings: list[Message] = []
    state = workbook.hidden.get(name)
    if state is not None:
        warnings.append(
            Message("sheet.hidden_read", {"path": shown, "sheet": name, "state": state})
        )
    formulas = workbook.inspection.formulas.get(name)
    if formulas is not None:
        cells, count = formulas
        params = {"path": shown, "sheet": name, "cells": list(cells), "count": count}
        warnings.append(Message("sheet.formulas", params))
    return warnings


def hidden_refused(workbook: Workbook, name: str) -> FileProblem:
    """The refusal of hidden sheet ``name`` (``hidden_sheets: refuse``)."""
    return FileProblem("sheet.hidden", {"sheet": name, "state": workbook.hidden[name]})


def choose_sheet(
    workbook: Workbook, wanted: str | None, hidden_sheets: HiddenSheets = "warn"
) -> str:
    """The sheet a reference names (by name, trimmed), or the first visible one.

    ``sheet.missing`` if there is none; ``sheet.hidden`` for a hidden sheet named
    when ``hidden_sheets`` is ``refuse``.
    """
    names = workbook.sheet_names
    if wanted is None:
        visible = [n for n in names if n not in workbook.hidden]
        if not visible:
            raise FileProblem("sheet.missing", {"sheet": "", "sheets": names})
        return visible[0]
    if wanted in names:
        chosen = wanted
    else:
        trimmed = [n for n in names if n.strip() == wanted.strip()]
        if len(trimmed) != 1:
            raise FileProblem(
                "sheet.missing", {"sheet": wanted, "sheets": names, **did_you_mean(wanted, names)}
            )
        chosen = trimmed[0]
    if chosen in workbook.hidden and hidden_sheets == "refuse":
        raise hidden_refused(workbook, chosen)
    return chosen


class SheetList(NamedTuple):
    """A sheet read as a record list: its records, its problems, and whether it says 本年度无."""

    records: Sequence[Mapping[str, Any]]
    errors: list[InputError]
    said_none: bool = False


def _blocks(rows: Iterator[list[Any]], width: int) -> Iterator[list[Any] | None]:
    """The cells of ``rows``, a chunk of rows at a time, row after row; ``None`` (and no more)
    at a chunk with a row of another width than ``width``."""
    while chunk := list(itertools.islice(rows, _CHUNK_ROWS)):
        if set(map(len, chunk)) != {width}:
            yield None
            return
        yield list(itertools.chain.from_iterable(chunk))


_CHUNK_ROWS = 4096
"""Rows of a sheet made into columns at a time."""


def sheet_records(
    sheet: Sheet, table: RecordTable, shown_as: str, *, as_columns: bool = False
) -> SheetList:
    """The records of one sheet laid out as a record list, and every problem, located by cell.

    With ``as_columns``, a sheet without a problem gives its records as
    :class:`~evaluator._core.records.RecordColumns`
    (:func:`~evaluator._inputs.record_rows.column_records`).

    A sheet saying :data:`~evaluator._inputs.record_rows.NONE_THIS_YEAR` alone in a
    row (the first under the header, or anywhere above where a header would be)
    has no record, on purpose; a record under such a row is an error.
    """
    offset = sheet.first_column

    def locate(row: int, column: int) -> Location:
        return Location(shown_as, row, column + offset if column else 0, sheet.name)

    if sheet.empty:
        return SheetList([], [InputError(locate(0, 0), "sheet.empty", {"sheet": sheet.name})])
    rows = sheet.rows()
    numbered = enumerate(rows, 1)
    header = find_header(numbered, table)
    if header is None:
        if any(says_none(row) for row in itertools.islice(sheet.rows(), HEADER_SEARCH_ROWS)):
            return _none_but(enumerate(sheet.rows(), 1), locate)
        params = {"rows": HEADER_SEARCH_ROWS, "known": table.known}
        return SheetList([], [InputError(locate(1, 0), "csv.no_header", params)])
    line, taken, texts = header
    layout, errors = lay_out(texts, table, line, locate)
    if errors:
        return SheetList([], errors)
    first = next(((n, row) for n, row in numbered if not blank(row)), None)
    if first is None:
        return SheetList([], [])  # a header and no rows: none this year
    if says_none(first[1]):
        return _none_but(numbered, locate)
    # the same rows, past the header: as columns when asked, else the fast path reads the rest
    rest: Iterator[list[Any]] = itertools.chain([first[1]], rows)
    if as_columns:
        columns = column_records(_blocks(rest, layout.width), layout, table, "values")
        if columns is not None:
            return SheetList(columns, [])
        rest = itertools.dropwhile(blank, itertools.islice(sheet.rows(), taken, None))
    records = fast_records(rest, layout, table, "values")
    if records is not None:
        return SheetList(records, [])
    again = enumerate(sheet.rows(), 1)
    for _ in range(taken):
        next(again)
    return SheetList(*checked_records(again, layout, table, "values", locate))


def _none_but(numbered: Iterator[tuple[int, list[Any]]], locate: Locate) -> SheetList:
    """A sheet that said 本年度无: no record, or an error at the first row filled after it."""
    errors = none_after(numbered, locate)
    return SheetList([], errors, said_none=not errors)


def read_sheet_records(
    reference: str,
    sheet_name: str | None,
    folder: str,
    table: RecordTable,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    hidden_sheets: HiddenSheets = "warn",
    as_columns: bool = False,
) -> RecordFile:
    """Read a record list from a sheet of a workbook named in a submission (as columns, with
    ``as_columns``: see :func:`sheet_records`).

    Problems inside the workbook come back located by cell; a reference that
    cannot be used (no such file or sheet, a hidden sheet refused, an unreadable
    workbook) raises :class:`FileProblem`, which the caller locates at the
    reference. A hidden sheet read and cells holding formulas are warnings.
    """
    path = resolve_reference(reference, folder)
    try:
        raw = read_bytes(path, max_bytes)
        workbook = open_workbook(raw.data, max_bytes, shown=shown_as)
    except FileProblem as exc:  # size, a bomb, not a workbook: located in the workbook itself
        return RecordFile([], [exc.error(shown_as)], "")
    name = choose_sheet(workbook, sheet_name, hidden_sheets)
    try:
        sheet = workbook.sheet(name)
    except FileProblem as exc:
        return RecordFile([], [exc.error(shown_as)], raw.sha256)
    records, errors, _ = sheet_records(sheet, table, shown_as, as_columns=as_columns)
    warnings = tuple(sheet_warnings(workbook, name, shown_as))
    return RecordFile(records, errors, raw.sha256, warnings)

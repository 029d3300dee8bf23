"""Record lists read from spreadsheets: ``requests: {xlsx: 依申请公开.xlsx, sheet: 依申请公开}``.

Workbooks (``.xlsx``, legacy ``.xls``, OpenDocument ``.ods``) are read with
python-calamine, Rust's calamine: about 250,000 rows a second here, against
some 21,000 for openpyxl's read-only mode. Cells arrive typed (text, numbers,
booleans, real dates and times) and go through the same per-column converters
as CSV cells (:mod:`evaluator._inputs.record_rows`); errors name the file, the
sheet and the cell (``依申请公开!B12``).

A workbook is untrusted input, and a small one can demand a great deal:

* a zip bomb (an ``.xlsx`` or ``.ods`` that unpacks to gigabytes) is refused
  before reading when its parts unpack to more than :data:`UNPACKED_RATIO`
  times the file-size cap; every part is unpacked once here, in bounded
  slices, so sizes a zip header lies about are caught too (checksums);
* calamine holds a sheet as a dense grid from its first to its last cell, so
  two cells at ``A1`` and ``XFD1048576`` would ask for half a terabyte and abort
  the process: the cells of each ``.xlsx`` sheet are scanned first, and a sheet
  whose grid would exceed :data:`MAX_SHEET_CELLS` is refused. (``.ods`` has
  calamine's own limit; ``.xls`` cannot exceed 65,536 × 256 cells.)
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evaluator._core.hints import did_you_mean
from evaluator._core.model import InputError, Location, column_letters
from evaluator._inputs.csv_records import RecordFile
from evaluator._inputs.record_rows import (
    HEADER_SEARCH_ROWS,
    RecordTable,
    checked_records,
    fast_records,
    find_header,
    lay_out,
)
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, read_bytes, resolve_reference

__all__ = [
    "MAX_SHEET_CELLS",
    "UNPACKED_RATIO",
    "Sheet",
    "Workbook",
    "open_workbook",
    "read_sheet_records",
]

UNPACKED_RATIO = 4
"""A workbook's parts may unpack to at most this many times the file-size cap."""
MAX_SHEET_CELLS = 10_000_000
"""The largest grid (rows × columns, from first to last cell) a sheet may span."""

# A cell reference in an attribute r="..." (calamine reads any case of letters).
# Most cells of a record list lie in columns A-Z and rows below 100,000; only the
# others (two or more letters, six or more digits) are picked out, so a scan costs
# about one pass over the sheet's XML. A match counts only when a space comes
# before it (an attribute named r, not defaultGridColor="true"); checking that
# byte on the few matches is far cheaper than a look-behind on every "r".
_FAR_REF = re.compile(rb"""r\s*=\s*["']((?:[A-Za-z]{2,}[0-9]*|[A-Za-z][0-9]{6,}))["']""")
_ANY_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")
_NEAR_COLUMNS, _NEAR_ROWS = 26, 99_999
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml\Z", re.IGNORECASE)
_SPLIT = re.compile(rb"([A-Za-z]+)([0-9]*)")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


class _CellBox:
    """An upper bound of the grid a sheet's cells span, from its XML fed in slices.

    Calamine's grid runs from the first cell to the last; bounding it from row 1
    and column A only overestimates. Cells in columns A-Z and rows below 100,000
    are not looked at one by one (they fit in 26 × 99,999); the bound then grows
    with every cell further out.
    """

    def __init__(self) -> None:
        self.columns = _NEAR_COLUMNS
        self.rows = _NEAR_ROWS
        self.far = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        # a reference cut between two slices is found whole in the next one (tail + chunk)
        for ref in _references(_FAR_REF, self.tail + chunk):
            match = _SPLIT.fullmatch(ref[0])
            if match is None:
                continue
            self.far += 1
            self.columns = max(self.columns, _column_number(match[1]))
            self.rows = max(self.rows, int(match[2] or 0))
        self.tail = chunk[-40:]

    @property
    def cells(self) -> int:
        return self.columns * self.rows

    @property
    def last(self) -> str:
        return f"{column_letters(self.columns)}{self.rows}"


def _references(pattern: re.Pattern[bytes], text: bytes) -> Iterator[tuple[bytes, ...]]:
    """The groups of each match of ``pattern`` that is a whole attribute (a space before it)."""
    for match in pattern.finditer(text):
        if match.start() and text[match.start() - 1 : match.start()].isspace():
            yield match.groups()


def _exact_cells(member: Any) -> tuple[int, str]:
    """The grid a sheet's cells span exactly (first to last row and column), and its last cell."""
    low_row = low_column = 0
    high_row = high_column = 0
    tail = b""
    while chunk := member.read(1 << 20):
        for letters, digits in _references(_ANY_REF, tail + chunk):
            row, column = int(digits), _column_number(letters)
            low_row = min(low_row or row, row)
            low_column = min(low_column or column, column)
            high_row, high_column = max(high_row, row), max(high_column, column)
        tail = chunk[-40:]
    if not high_row:
        return 0, "A1"
    cells = (high_row - low_row + 1) * (high_column - low_column + 1)
    return cells, f"{column_letters(high_column)}{high_row}"


def _check_parts(data: bytes, max_bytes: int) -> None:
    """Refuse a zipped workbook that unpacks too far, or an ``.xlsx`` sheet too wide to hold."""
    limit = UNPACKED_RATIO * max_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        declared = sum(part.file_size for part in parts)
        if declared > limit:
            raise FileProblem("sheet.unpacked_too_large", {"size": declared, "limit": limit})
        unpacked = 0
        for part in parts:
            box = _CellBox() if _WORKSHEET.match(part.filename) else None
            with archive.open(part) as member:
                while chunk := member.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > limit:
                        sizes = {"size": unpacked, "limit": limit}
                        raise FileProblem("sheet.unpacked_too_large", sizes)
                    if box is not None:
                        box.feed(chunk)
            if box is not None and box.cells > MAX_SHEET_CELLS:
                with archive.open(part) as member:  # the bound was loose: count exactly
                    cells, last = _exact_cells(member)
                if cells > MAX_SHEET_CELLS:
                    params: dict[str, Any] = {
                        "part": part.filename,
                        "cells": cells,
                        "limit": MAX_SHEET_CELLS,
                        "last": last,
                    }
                    raise FileProblem("sheet.too_many_cells", params)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise FileProblem("sheet.unreadable", {"detail": str(exc) or type(exc).__name__}) from None


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
    """An opened, checked workbook: its sheet names, and each sheet on demand."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self.sheet_names: list[str] = list(book.sheet_names)

    def sheet(self, name: str) -> Sheet:
        """The sheet ``name`` (one of :attr:`sheet_names`)."""
        try:
            return Sheet(name, self._book.get_sheet_by_name(name))
        except Exception as exc:  # calamine's own errors; a panic is a BaseException
            raise FileProblem("sheet.unreadable", {"detail": str(exc)}) from None
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise FileProblem("sheet.unreadable", {"detail": type(exc).__name__}) from None


def open_workbook(data: bytes, suffix: str, max_bytes: int) -> Workbook:
    """A workbook from its bytes, after the checks a hostile file calls for."""
    from python_calamine import CalamineWorkbook

    if suffix in (".xlsx", ".ods"):
        _check_parts(data, max_bytes)
    try:
        return Workbook(CalamineWorkbook.from_filelike(io.BytesIO(data)))
    except Exception as exc:
        raise FileProblem("sheet.unreadable", {"detail": str(exc)}) from None
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise FileProblem("sheet.unreadable", {"detail": type(exc).__name__}) from None


def choose_sheet(workbook: Workbook, wanted: str | None) -> str:
    """The sheet a reference names (by name, trimmed), or the first; ``sheet.missing`` if none."""
    names = workbook.sheet_names
    if wanted is None:
        if not names:
            raise FileProblem("sheet.missing", {"sheet": "", "sheets": []})
        return names[0]
    if wanted in names:
        return wanted
    trimmed = [n for n in names if n.strip() == wanted.strip()]
    if len(trimmed) == 1:
        return trimmed[0]
    raise FileProblem(
        "sheet.missing", {"sheet": wanted, "sheets": names, **did_you_mean(wanted, names)}
    )


def sheet_records(
    sheet: Sheet, table: RecordTable, shown_as: str
) -> tuple[list[dict[str, Any]], list[InputError]]:
    """The records of one sheet laid out as a record list, and every problem, located by cell."""
    offset = sheet.first_column

    def locate(row: int, column: int) -> Location:
        return Location(shown_as, row, column + offset if column else 0, sheet.name)

    if sheet.empty:
        return [], [InputError(locate(0, 0), "sheet.empty", {"sheet": sheet.name})]
    rows = sheet.rows()
    header = find_header(enumerate(rows, 1), table)
    if header is None:
        params = {"rows": HEADER_SEARCH_ROWS, "known": table.known}
        return [], [InputError(locate(1, 0), "csv.no_header", params)]
    line, taken, texts = header
    layout, errors = lay_out(texts, table, line, locate)
    if errors:
        return [], errors
    # the same rows, past the header: the fast path reads the rest
    records = fast_records(rows, layout, table, "values")
    if records is not None:
        return records, []
    again = enumerate(sheet.rows(), 1)
    for _ in range(taken):
        next(again)
    return checked_records(again, layout, table, "values", locate)


def read_sheet_records(
    reference: str,
    sheet_name: str | None,
    folder: str,
    table: RecordTable,
    *,
    shown_as: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RecordFile:
    """Read a record list from a sheet of a workbook named in a submission.

    Problems inside the workbook come back located by cell; a reference that
    cannot be used (no such file or sheet, an unreadable workbook) raises
    :class:`FileProblem`, which the caller locates at the reference.
    """
    path = resolve_reference(reference, folder)
    try:
        raw = read_bytes(path, max_bytes)
        workbook = open_workbook(raw.data, os.path.splitext(path)[1].lower(), max_bytes)
    except FileProblem as exc:  # size, a bomb, not a workbook: located in the workbook itself
        return RecordFile([], [exc.error(shown_as)], "")
    sheet = workbook.sheet(choose_sheet(workbook, sheet_name))
    records, errors = sheet_records(sheet, table, shown_as)
    return RecordFile(records, errors, raw.sha256)

"""An OpenDocument spreadsheet's tables counted as the reader will build them.

calamine reads every table of ``content.xml`` when the workbook is opened: each
row's cells with their ``table:number-columns-repeated`` copies (up to 16,384
a row), each row ``table:number-rows-repeated`` times (up to 1,048,576 rows),
and every copy of a cell with its own copy of the cell's text. A 1 KB file can
thus ask for billions of cells. :func:`count_ods_tables` follows the reader's
steps over the XML (which cells it keeps, which repeats it multiplies out) and
counts what each table would take, without building any of it.

It also refuses what would keep the reader going for ever: a named table or a
note (``office:annotation``) in a text cell that the file never closes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from evaluator._inputs.sheet_limits import (
    MAX_STRING,
    SheetCount,
    string_too_long,
    tag_attributes,
)
from evaluator._reading.files import FileProblem

__all__ = ["count_ods_tables"]

MAX_ROWS = 1_048_576
"""The rows the reader keeps of a table, repeats included."""
MAX_COLUMNS = 16_384
"""The cells the reader keeps of a row, repeats included."""
_CARRY = 8 << 20  # markup that does not close within this many bytes is refused

_TOKEN = re.compile(
    rb"(?P<text>[^<]+)|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
    rb"|<(?P<end>/?)(?P<name>[^\s/>!?<]+)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>"
    rb"|(?P<stop><)",
    re.DOTALL,
)
_CELLS = (b"table:table-cell", b"table:covered-table-cell")
_BOOLEANS = {b"of:=TRUE()", b"of:=FALSE()"}


def _count(value: bytes, default: int = 1) -> int:
    """A repeat or space count as the reader parses it; one it cannot parse is refused."""
    try:
        return int(html.unescape(value.decode("ascii")))
    except (UnicodeDecodeError, ValueError):
        raise FileProblem(
            "sheet.unreadable", {"detail": "a repeat count that is not a number"}
        ) from None


@dataclass
class _Row:
    """One ``table:table-row`` element as the reader keeps it."""

    repeats: int
    cells: int = 0  # materialised cells (empty ones before a later cell included)
    first: int | None = None  # first and last non-empty cell
    last: int = -1
    strings: int = 0
    formulas: list[tuple[int, int]] = field(default_factory=list)  # (column, copies)
    pending: int = 0  # empty cells kept only if another cell follows


@dataclass
class _Cell:
    """The cell being read: its copies, its text and whether it is empty."""

    repeats: int
    text: int = 0
    formula: int = 0
    empty: bool = True
    boolean: bool = False  # =TRUE() or =FALSE(): how LibreOffice saves a boolean cell
    paragraphs: int = 0
    raw: bytearray = field(default_factory=bytearray)


class _Table:
    """A named table's rows, kept to count its grid when it closes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[_Row] = []
        self.total = 0

    def row(self, repeats: int) -> _Row:
        capped = min(repeats, max(0, MAX_ROWS - self.total))
        self.total += capped
        row = _Row(capped)
        self.rows.append(row)
        return row

    def count(self) -> SheetCount:
        """The grid from ``A1`` to the last non-empty cell, the cells held and the text copied."""
        sheet = SheetCount(self.name)
        kept = [i for i, r in enumerate(self.rows) if r.first is not None]
        sheet.held = sum(r.cells for r in self.rows)
        sheet.strings = sum(r.strings for r in self.rows)
        if not kept:
            return sheet
        first, last = kept[0], kept[-1]
        columns = max(self.rows[i].last for i in kept) + 1
        height = 0
        for index, row in enumerate(self.rows[: last + 1]):
            if index >= first:
                sheet.strings += row.strings * row.repeats
                for column, copies in row.formulas:
                    if row.repeats:
                        sheet.formula_at(height, column, copies * row.repeats)
            height += row.repeats
        sheet.rows, sheet.columns = height, columns
        return sheet


class _Reader:
    """The reader's steps over ``content.xml``: tables, rows, cells, text."""

    def __init__(self) -> None:
        self.table: _Table | None = None
        self.row: _Row | None = None
        self.cell: _Cell | None = None
        self.skip: tuple[bytes, int] | None = (
            None  # (name, depth) of a cell whose content is skipped
        )
        self.note = False
        self.done: list[SheetCount] = []

    def event(self, match: re.Match[bytes]) -> None:
        if match["text"] is not None:
            if self.cell is not None and not self.note:
                self.cell.raw += match["text"]
            return
        name, end, attrs = match["name"], bool(match["end"]), match["attrs"]
        if name is None:
            return  # a comment, CDATA or processing instruction
        closed = attrs.endswith(b"/")
        self.tag(name, end, attrs)
        if closed and not end:
            self.tag(name, True, b"")

    def tag(self, name: bytes, end: bool, attrs: bytes) -> None:
        if self.skip is not None:
            skipped, depth = self.skip
            if name == skipped:
                depth += -1 if end else 1
                self.skip = None if depth == 0 else (skipped, depth)
            return
        if self.cell is not None:
            self.in_text(name, end, attrs)
        elif self.row is not None:
            self.in_row(name, end, attrs)
        elif self.table is not None:
            if name == b"table:table-row" and not end:
                repeats = dict(tag_attributes(attrs)).get(b"table:number-rows-repeated")
                self.row = self.table.row(1 if repeats is None else _count(repeats))
            elif name == b"table:table" and end:
                self.done.append(self.table.count())
                self.table = None
        elif name == b"table:table" and not end:
            found = dict(tag_attributes(attrs))
            if b"table:name" in found:
                self.table = _Table(html.unescape(found[b"table:name"].decode("utf-8", "replace")))

    def in_row(self, name: bytes, end: bool, attrs: bytes) -> None:
        row = self.row
        assert row is not None
        if name == b"table:table-row" and end:
            self.row = None
            return
        if name not in _CELLS or end:
            return  # the reader stops with an error here
        cell, string = _new_cell(attrs)
        row.cells += min(row.pending, max(0, MAX_COLUMNS - row.cells))
        row.pending = 0
        cell.repeats = min(cell.repeats, max(0, MAX_COLUMNS - row.cells))
        if string:
            self.cell = cell
        else:
            self.keep(cell)
            self.skip = (name, 1)

    def in_text(self, name: bytes, end: bool, attrs: bytes) -> None:
        """Inside a text cell: paragraphs, spaces and notes, up to the cell's end."""
        cell = self.cell
        assert cell is not None
        if self.note:
            if name == b"office:annotation" and end:
                self.note = False
            return
        if name in _CELLS and end:
            cell.text += _text_length(bytes(cell.raw)) + max(0, cell.paragraphs - 1)
            self.check_length(cell.text)
            self.keep(cell)
            self.cell = None
        elif name == b"office:annotation" and not end:
            self.note = True
        elif name == b"text:p" and not end:
            cell.paragraphs += 1
        elif name == b"text:s" and not end:
            spaces = dict(tag_attributes(attrs)).get(b"text:c")
            cell.text += 1 if spaces is None else _count(spaces)
            self.check_length(cell.text)
        if len(cell.raw) > _CARRY:
            self.check_length(len(cell.raw))

    def check_length(self, length: int) -> None:
        if length > MAX_STRING:
            table = self.table.name if self.table is not None else ""
            column = self.row.cells if self.row is not None else 0
            raise string_too_long(table, f"{_letters(column)}{self.rows_so_far()}", length)

    def rows_so_far(self) -> int:
        return self.table.total if self.table is not None else 0

    def keep(self, cell: _Cell) -> None:
        """A cell read: kept ``repeats`` times if it holds anything, else held back as empty."""
        row = self.row
        assert row is not None
        if cell.empty and not cell.formula:
            row.pending = cell.repeats
            return
        if row.first is None:
            row.first = row.cells
        if cell.repeats:
            row.last = max(row.last, row.cells + cell.repeats - 1)
        if cell.formula and not cell.boolean:
            row.formulas.append((row.cells, cell.repeats))
        row.strings += (cell.text + cell.formula) * cell.repeats
        row.cells += cell.repeats


def _new_cell(attrs: bytes) -> tuple[_Cell, bool]:
    """A cell from its attributes, and whether its text is its content (read on)."""
    cell = _Cell(1)
    value_set = string = False
    for key, value in tag_attributes(attrs):
        if key == b"table:number-columns-repeated":
            cell.repeats = _count(value)
        elif key == b"table:formula":
            cell.formula = len(value)
            cell.boolean = value in _BOOLEANS
        elif key in (b"office:value", b"office:boolean-value") and not value_set:
            value_set, cell.empty = True, False
        elif key in (b"office:string-value", b"office:date-value", b"office:time-value"):
            if not value_set:
                value_set, cell.empty, cell.text = True, False, len(value)
                if cell.text > MAX_STRING:
                    cell.text = _text_length(value)
        elif key == b"office:value-type" and not value_set:
            string = value == b"string"
    if string and not value_set:
        cell.empty = False  # a text cell, even with no text, is not empty
        return cell, True
    return cell, False


def _text_length(raw: bytes) -> int:
    """The characters of a cell's text (character references counted as one)."""
    text = raw.decode("utf-8", "replace")
    return len(html.unescape(text)) if "&" in text else len(text)


def _letters(column: int) -> str:
    from evaluator._core.model import column_letters

    return column_letters(column + 1)


def count_ods_tables(chunks: Iterator[bytes]) -> Iterator[SheetCount]:
    """What each named table of ``content.xml`` (fed in slices) would make the reader build."""
    reader = _Reader()
    carry = b""
    for chunk in chunks:
        text = carry + chunk
        carry = b""
        for match in _TOKEN.finditer(text):
            if match["stop"] is not None:
                carry = text[match.start() :]
                if len(carry) > _CARRY:
                    raise FileProblem("sheet.unreadable", {"detail": "markup that never closes"})
                break
            reader.event(match)
        yield from reader.done
        reader.done.clear()
    if reader.table is not None or reader.note:
        raise FileProblem("sheet.unreadable", {"detail": "a table or note that never closes"})

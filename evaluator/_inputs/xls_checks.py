"""A legacy ``.xls`` workbook counted as the reader will build it, before it reads it.

An ``.xls`` is a compound file (a small file system of sectors chained by a
table) holding a ``Workbook`` stream of BIFF records. calamine reads every
sheet when the workbook is opened, and a few bytes can make it ask for a great
deal: a chain of sectors that loops, a sector table it is told is gigabytes
long, a ``DIMENSIONS`` record announcing billions of cells, two cells far
apart, a text cell claiming 65,535 characters, a shared string copied into
every cell that names it. :func:`inspect_xls` reads the compound file strictly
(anything out of the ordinary is refused, not guessed at) and follows the
reader's steps through the records of each sheet, counting what it would
build; the limits are those of :mod:`evaluator._inputs.workbook_checks`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from evaluator._inputs.sheet_limits import (
    MAX_STRING,
    Inspection,
    SheetCount,
    Tally,
    string_too_long,
)
from evaluator._reading.files import FileProblem

__all__ = ["inspect_xls"]

_END_OF_CHAIN = 0xFFFFFFFE
_RESERVED = 0xFFFFFFFA
_DIFAT_SECTOR = 0xFFFFFFFC
_STREAMS = ("Workbook", "Book", "WORKBOOK", "BOOK")  # the names the reader looks for, in order
_FORMULA_TEXT = 16  # characters of formula text the reader may write per byte of a formula


def _damaged(detail: str) -> FileProblem:
    return FileProblem("sheet.unreadable", {"detail": f"a damaged .xls file ({detail})"})


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 2], "little")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 4], "little")


class _Compound:
    """A compound file read strictly: sectors, their chains, the directory."""

    def __init__(self, data: bytes, budget: int) -> None:
        if len(data) < 512:
            raise _damaged("too short")
        shift = _u16(data, 30)
        if shift not in (9, 12) or _u16(data, 32) != 6:
            raise _damaged("sector sizes")
        self.data = data
        self.size = 1 << shift
        self.count = max(0, (len(data) - self.size) // self.size)
        fat_sectors, mini_fat_sectors = _u32(data, 44), _u32(data, 64)
        # the reader sets room aside for these before reading them
        if fat_sectors > self.count or 4 * _u32(data, 62) > budget:
            raise _damaged("sector counts")
        difat = [_u32(data, 76 + 4 * i) for i in range(109)]
        for sector in self.chain(_u32(data, 68), follow=self.difat_next):
            entries = self.u32s(sector)
            difat.extend(entries[:-1])
        self.fat: list[int] = []
        for sector in difat:
            if sector < _DIFAT_SECTOR:
                self.fat.extend(self.u32s(sector))
        self.directory = self.read(_u32(data, 48), self.fat, self.size, None)
        self.mini_fat: list[int] = []
        self.mini_stream = b""
        if mini_fat_sectors:
            root_start, root_length = self.entry(0)[1:]
            self.mini_stream = self.read(root_start, self.fat, self.size, root_length)
            table = self.read(_u32(data, 60), self.fat, self.size, mini_fat_sectors * self.size)
            self.mini_fat = [_u32(table, i) for i in range(0, len(table) - 3, 4)]

    def sector(self, number: int) -> bytes:
        if number >= self.count:
            raise _damaged("a sector past the end")
        start = self.size * (number + 1)
        return self.data[start : start + self.size]

    def u32s(self, number: int) -> list[int]:
        sector = self.sector(number)
        return [_u32(sector, i) for i in range(0, len(sector), 4)]

    def difat_next(self, number: int) -> int:
        return self.u32s(number)[-1]

    def chain(
        self, start: int, *, follow: Callable[[int], int], most: int | None = None
    ) -> Iterator[int]:
        """The sectors of a chain from ``start`` (at most ``most``); one that loops is refused."""
        seen: set[int] = set()
        number = start
        most = self.count if most is None else most
        while number < _RESERVED:
            if number in seen or len(seen) > most:
                raise _damaged("a chain of sectors that loops")
            seen.add(number)
            yield number
            number = follow(number)

    def read(self, start: int, table: list[int], size: int, length: int | None) -> bytes:
        """A stream from its first sector, through ``table`` (of sectors or mini sectors)."""

        def next_of(number: int) -> int:
            if number >= len(table):
                raise _damaged("a chain past its table")
            return table[number]

        pieces: list[bytes] = []
        got = 0
        for number in self.chain(start, follow=next_of, most=len(table)):
            if size == self.size:
                piece = self.sector(number)
            else:
                piece = self.mini_stream[size * number : size * (number + 1)]
            pieces.append(piece)
            got += len(piece)
            if length is not None and got >= length:
                break
        stream = b"".join(pieces)
        return stream if length is None else stream[:length]

    def entry(self, index: int) -> tuple[str, int, int]:
        """A directory entry's name, first sector and length."""
        raw = self.directory[128 * index : 128 * (index + 1)]
        if len(raw) < 128:
            raise _damaged("no root directory")
        name = raw[:64].decode("utf-16-le", "replace").split("\x00")[0]
        length = _u32(raw, 120) if self.size == 512 else int.from_bytes(raw[120:128], "little")
        return name, _u32(raw, 116), length

    def stream(self, names: tuple[str, ...]) -> bytes:
        """The first stream with the first of ``names`` found, as the reader looks for it."""
        entries = [self.entry(i) for i in range(len(self.directory) // 128)]
        for wanted in names:
            for name, start, length in entries:
                if name == wanted:
                    if length < 4096:
                        return self.read(start, self.mini_fat, 64, length)
                    return self.read(start, self.fat, self.size, length)
        raise FileProblem("sheet.unreadable", {"detail": "no Workbook stream in the .xls file"})


@dataclass
class _Record:
    kind: int
    data: bytes
    more: list[bytes] = field(default_factory=list)  # the CONTINUE records after it


def _records(stream: bytes, at: int) -> Iterator[_Record]:
    """The records from offset ``at``, each with its CONTINUE records, as the reader splits them."""
    while at < len(stream):
        if len(stream) - at < 4:
            return
        kind, length = _u16(stream, at), _u16(stream, at + 2)
        if len(stream) - at < length + 4:
            return
        record = _Record(kind, stream[at + 4 : at + 4 + length])
        at += 4 + length
        if len(stream) - at > 4 and _u16(stream, at) == 0x003C:
            while len(stream) - at > 4 and _u16(stream, at) == 0x003C:
                length = _u16(stream, at + 2)
                if len(stream) - at < length + 4:
                    return
                record.more.append(stream[at + 4 : at + 4 + length])
                at += 4 + length
        yield record


class _Strings:
    """The shared strings table read as the reader reads it: each string's characters."""

    def __init__(self, record: _Record) -> None:
        self.data = record.data[8:]
        self.more = list(record.more)
        self.lengths: list[int] = []

    def next_piece(self) -> bool:
        if not self.more:
            return False
        self.data = self.more.pop(0)
        return True

    def skip(self, count: int) -> None:
        while count > 0:
            if not self.data and not self.next_piece():
                raise _damaged("a shared string cut short")
            step = min(count, len(self.data))
            self.data = self.data[step:]
            count -= step

    def read_all(self) -> list[int]:
        while self.data or self.next_piece():
            self.lengths.append(self.read_one())
        return self.lengths

    def read_one(self) -> int:
        if not self.data:
            return 0
        if len(self.data) < 3:
            raise _damaged("a shared string cut short")
        length, flags = _u16(self.data, 0), self.data[2]
        if length > MAX_STRING:
            raise string_too_long("", f"#{len(self.lengths) + 1}", length)
        self.data = self.data[3:]
        runs = extra = 0
        if flags & 0x8:
            runs, self.data = _u16(self.data, 0), self.data[2:]
        if flags & 0x4:
            extra = struct.unpack("<i", self.data[:4].ljust(4, b"\0"))[0]
            self.data = self.data[4:]
            if extra < 0:
                raise _damaged("a shared string cut short")
        wide, left = bool(flags & 1), length
        while left:
            taken = min(left, len(self.data) // 2 if wide else len(self.data))
            self.data = self.data[taken * 2 if wide else taken :]
            left -= taken
            if left:
                if not self.next_piece() or not self.data:
                    raise _damaged("a shared string cut short")
                wide, self.data = bool(self.data[0] & 1), self.data[1:]
        self.skip(runs * 4)
        self.skip(extra)
        return length


@dataclass
class _Globals:
    """What the workbook's first records say: its sheets (name, offset) and shared strings."""

    sheets: list[tuple[str, int]] = field(default_factory=list)
    strings: list[int] = field(default_factory=list)
    biff8: bool = True
    codepage: int = 1200


def _globals(stream: bytes) -> _Globals:
    found = _Globals()
    for record in _records(stream, 0):
        if record.kind == 0x0809 and len(record.data) >= 2:
            found.biff8 = _u16(record.data, 0) == 0x0600 or (
                _u16(record.data, 0) not in (0x0200, 0x0002, 0x0007, 0x0300, 0x0400, 0x0500)
            )
        elif record.kind == 0x0042 and len(record.data) >= 2:
            found.codepage = _u16(record.data, 0)
        elif record.kind == 0x0085 and len(record.data) >= 8:
            found.sheets.append((_sheet_name(record.data, found), _u32(record.data, 0)))
        elif record.kind == 0x00FC and len(record.data) >= 8:
            found.strings = _Strings(record).read_all()
        elif record.kind == 0x000A:
            break
    return found


def _sheet_name(data: bytes, found: _Globals) -> str:
    """A sheet's name from its BOUNDSHEET record, decoded as the reader decodes it."""
    length, rest = data[6], data[7:]
    if found.biff8 and rest:
        wide, rest = bool(rest[0] & 1), rest[1:]
        text = (
            rest[: length * 2].decode("utf-16-le", "replace")
            if wide
            else rest[:length].decode("latin-1")
        )
    else:
        try:
            text = rest[:length].decode(f"cp{found.codepage}")
        except (LookupError, UnicodeDecodeError):
            text = rest[:length].decode("latin-1")
    return text.replace("\x00", "")


_CELLS = {0x0203, 0x0205, 0x027E}  # NUMBER, BOOLERR, RK: one cell at (row, column)
_TEXTS = {0x0204, 0x00D6}  # LABEL, RSTRING: a cell with its own text


def _count_sheet(name: str, stream: bytes, at: int, strings: list[int]) -> SheetCount:
    """What the reader builds of the sheet whose records start at ``at``."""
    sheet = SheetCount(name)
    seen_start = False
    depth = 0
    formula_at = (0, 0)
    for record in _records(stream, at):
        kind, data = record.kind, record.data
        if depth:
            depth += 1 if kind == 0x0809 else -1 if kind == 0x000A else 0
            continue
        if kind == 0x0809:
            depth, seen_start = (1, seen_start) if seen_start else (0, True)
        elif kind == 0x000A:
            break
        elif kind == 0x0200:
            sheet.held = max(sheet.held, _announced(data))
        elif kind in _CELLS and len(data) >= 4:
            sheet.place(_u16(data, 0), _u16(data, 2))
        elif kind in _TEXTS and len(data) >= 8:
            sheet.place(_u16(data, 0), _u16(data, 2))
            sheet.strings += _u16(data, 6)  # the room the reader sets aside for the text
        elif kind == 0x0207 and len(data) >= 2:
            sheet.place(*formula_at)
            sheet.strings += _u16(data, 0)
        elif kind == 0x00FD and len(data) >= 10:
            index = _u32(data, 6)
            if index < len(strings):
                sheet.place(_u16(data, 0), _u16(data, 2))
                sheet.strings += strings[index]
        elif kind == 0x00BD and len(data) >= 6:
            first, last = _u16(data, 2), _u16(data, len(data) - 2)
            if last >= first and len(data) == 6 + 6 * (last - first + 1):
                sheet.place(_u16(data, 0), last)
        elif kind == 0x0006 and len(data) >= 20:
            formula_at = (_u16(data, 0), _u16(data, 2))
            sheet.place(*formula_at)
            if not _constant_boolean(data[20:]):
                sheet.formula_at(*formula_at)
            sheet.strings += _FORMULA_TEXT * (len(data) - 20) + 64
    return sheet


def _constant_boolean(formula: bytes) -> bool:
    """Whether a formula is a lone TRUE or FALSE: how LibreOffice saves a boolean cell.

    Its tokens are a boolean constant (``PtgBool``) or a call of ``TRUE()`` or
    ``FALSE()`` (``PtgFunc`` 34, 35), after their length.
    """
    if len(formula) == 4 and _u16(formula, 0) == 2:
        return formula[2] == 0x1D
    return (
        len(formula) == 5
        and _u16(formula, 0) == 3
        and formula[2] in (0x21, 0x41, 0x61)
        and _u16(formula, 3) in (34, 35)
    )


def _announced(data: bytes) -> int:
    """The cells a DIMENSIONS record makes the reader set room aside for (its arithmetic)."""
    if len(data) == 10:
        first_row, last_row, first_col, last_col = (_u16(data, i) for i in (0, 2, 4, 6))
    elif len(data) == 14:
        first_row, last_row = _u32(data, 0), _u32(data, 4)
        first_col, last_col = _u16(data, 8), _u16(data, 10)
    else:
        return 0
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return 1
    rows = ((last_row - 1 - first_row) % (1 << 32) + 1) % (1 << 32)
    columns = ((last_col - 1 - first_col) % (1 << 32) + 1) % (1 << 32)
    return rows * columns


def inspect_xls(data: bytes, max_bytes: int) -> Inspection:
    """Check an ``.xls`` workbook; raises :class:`FileProblem` when the reader must not see it."""
    tally = Tally(max_bytes)
    try:
        stream = _Compound(data, tally.budget).stream(_STREAMS)
    except (IndexError, struct.error):
        raise _damaged("structure") from None
    found = _globals(stream)
    for name, at in found.sheets:
        if at > len(stream):
            raise _damaged("a sheet past the end of the workbook")
        tally.add(_count_sheet(name, stream, at, found.strings))
    return tally.inspection("xls")

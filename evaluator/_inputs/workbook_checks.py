"""What a workbook would make the reader build, counted before the reader sees it.

python-calamine (Rust's calamine) holds each sheet as a dense grid from its
first to its last cell and gives every cell its own copy of its text, so a
small file can ask for a great deal. Every workbook passes the same checks,
whatever its name says, on what it is (:func:`inspect_workbook` recognises
the format by its content, as the reader does):

* the cells are placed as the reader places them (a row or cell without an
  ``r`` attribute takes the next position) in every part that holds sheet
  data, wherever the workbook's relationships put it, and the grids of all
  sheets together, counted from ``A1`` (rows above the first cell are still
  handed over, empty), may span at most :data:`MAX_SHEET_CELLS` cells;
* no shared string, and no cell's text, is longer than Excel's own cell
  limit (:data:`MAX_STRING`), and the text the cells copy (a shared string
  once per cell that names it, an OpenDocument cell once per repeat) is at
  most :data:`UNPACKED_RATIO` times the file-size cap in all;
* OpenDocument repeats (``table:number-rows-repeated`` and
  ``number-columns-repeated``) are multiplied out, as the reader will;
* a zip whose parts unpack to more than that budget (a zip bomb) is refused
  before any of this; the legacy ``.xls`` compound file is checked in
  :mod:`evaluator._inputs.xls_checks`.

Cells holding formulas are noted (where the first are, and how many), since
the reader takes their saved values while Excel shows the recalculated ones.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

from evaluator._inputs.ods_checks import count_ods_tables
from evaluator._inputs.sheet_limits import (
    MAX_SHEET_CELLS,
    MAX_STRING,
    UNPACKED_RATIO,
    Inspection,
    SheetCount,
    Tally,
    string_too_long,
    tag_attributes,
)
from evaluator._inputs.xls_checks import inspect_xls
from evaluator._reading.files import FileProblem

__all__ = ["MAX_SHEET_CELLS", "UNPACKED_RATIO", "Inspection", "inspect_workbook"]

_CHUNK = 1 << 20
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def inspect_workbook(data: bytes, max_bytes: int) -> Inspection:
    """Check a workbook as what its content says it is; raises :class:`FileProblem` if refused."""
    if data.startswith(_OLE):
        return inspect_xls(data, max_bytes)
    if data.startswith(b"PK"):
        try:
            return _inspect_zip(data, max_bytes)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            detail = str(exc) or type(exc).__name__
            raise FileProblem("sheet.unreadable", {"detail": detail}) from None
    raise FileProblem("sheet.unreadable", {"detail": "not an .xlsx, .xls or .ods workbook"})


# ---------------------------------------------------------------- zipped workbooks


def _inspect_zip(data: bytes, max_bytes: int) -> Inspection:
    """An ``.xlsx`` or ``.ods``: every part unpacked once, in bounded slices, and scanned."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = archive.infolist()
    tally = Tally(max_bytes)
    declared = sum(part.file_size for part in parts)
    if declared > tally.budget:
        raise FileProblem("sheet.unpacked_too_large", {"size": declared, "limit": tally.budget})
    names = [_normal(part.filename) for part in parts]
    if len(set(names)) != len(names):  # which one would the reader take?
        raise FileProblem("sheet.unreadable", {"detail": "two parts of the same name"})
    if "xl/workbook.bin" in names or "xl/_rels/workbook.bin.rels" in names:
        raise FileProblem("sheet.unreadable", {"detail": "an .xlsb (binary) workbook"})
    unpacked = 0
    scans: dict[str, _PartScan] = {}
    for part in parts:
        scan = scans[part.filename] = _PartScan()
        with archive.open(part) as member:
            while chunk := member.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > tally.budget:
                    sizes = {"size": unpacked, "limit": tally.budget}
                    raise FileProblem("sheet.unpacked_too_large", sizes)
                scan.feed(chunk)
        scan.close()
    if "mimetype" in scans and archive.read("mimetype").startswith(_ODS_MIMETYPE):
        if "content.xml" in scans:
            with archive.open("content.xml") as member:
                for sheet in count_ods_tables(_chunks(member)):
                    tally.add(sheet)
        return tally.inspection("ods")
    _count_xlsx(archive, scans, tally)
    return tally.inspection("xlsx")


def _normal(name: str) -> str:
    """A part's name as the reader looks parts up: ``/`` for ``\\``, in lower case."""
    return name.replace("\\", "/").lower()


def _chunks(member: Any) -> Iterator[bytes]:
    while chunk := member.read(_CHUNK):
        yield chunk


# The quick look at each part as it is unpacked. A sheet whose cells all carry
# an ``r`` attribute first (as Excel, WPS, LibreOffice and openpyxl write them),
# unprefixed, with no formula and a small enough shared-string bound is counted
# from its far references alone; any other is walked cell by cell.
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]")
_SST = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst[\s/>]")
_IMPLICIT_CELL = re.compile(rb"<c(?=[\s/>])(?!\s+r\s*=)")  # two patterns: each starts with
_IMPLICIT_ROW = re.compile(rb"<row(?=[\s/>])(?!\s+r\s*=)")  # a literal, found faster
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|row|v|f|is)[\s/>]")
_FORMULA = re.compile(rb"<f[\s/>]")
_FAR_REF = re.compile(rb"""r\s*=\s*["']((?:[A-Za-z]{2,}[0-9]*|[A-Za-z][0-9]{6,}))["']""")
_ANY_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")
_CELL_REF = re.compile(rb"""<c\s+r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")
_SPLIT = re.compile(rb"([A-Za-z]+)([0-9]*)")
_NEAR_COLUMNS, _NEAR_ROWS = 26, 99_999
_TAIL = 256  # longer than any mark the quick look needs whole, with what follows it
_CARRY = 8 << 20  # markup that does not close within this many bytes is refused


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _references(pattern: re.Pattern[bytes], text: bytes) -> Iterator[tuple[bytes, ...]]:
    """The groups of each match of ``pattern`` that is a whole attribute (a space before it)."""
    for match in pattern.finditer(text):
        if match.start() and text[match.start() - 1 : match.start()].isspace():
            yield match.groups()


class _PartScan:
    """The quick look at one part of a zipped workbook, fed its bytes in slices.

    The bound on the grid starts at 26 columns × 99,999 rows (cells in ``A``-``Z``
    and rows below 100,000 are not looked at one by one) and grows with every
    reference further out. Each slice is looked at up to a short tail, which
    is looked at with the next slice (or by :meth:`close`), so that a mark cut
    between two slices is seen whole, with what follows it.
    """

    def __init__(self) -> None:
        self.sheet = False
        self.strings = False
        self.walk = False  # positions or formulas need the walk
        self.formulas = False
        self.columns, self.rows = _NEAR_COLUMNS, _NEAR_ROWS
        self.markup = 0  # "<" characters: a bound on the cells
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        self.markup += chunk.count(b"<")
        text = self.tail + chunk
        cut = max(0, len(text) - _TAIL)
        self._look(text, cut)
        self.tail = text[cut:]

    def close(self) -> None:
        """The last slice's tail, looked at once no more is coming."""
        self._look(self.tail, len(self.tail))
        self.tail = b""

    def _look(self, text: bytes, before: int) -> None:
        """Marks that start before ``before`` (the rest is looked at with the next slice)."""

        def found(pattern: re.Pattern[bytes]) -> bool:
            match = pattern.search(text)
            return match is not None and match.start() < before

        if not self.sheet and b"sheetData" in text and found(_SHEET_DATA):
            self.sheet = True
        if not self.strings and b"sst" in text and found(_SST):
            self.strings = True
        if not self.walk and (found(_IMPLICIT_CELL) or found(_IMPLICIT_ROW) or found(_PREFIXED)):
            self.walk = True
        if not self.formulas and found(_FORMULA):
            self.formulas = True
        if not self.walk:
            for ref in _references(_FAR_REF, text):
                match = _SPLIT.fullmatch(ref[0])
                if match is not None:
                    self.columns = max(self.columns, _column_number(match[1]))
                    self.rows = max(self.rows, int(match[2] or 0))


# ---------------------------------------------------------------- .xlsx


def _count_xlsx(archive: zipfile.ZipFile, scans: Mapping[str, _PartScan], tally: Tally) -> None:
    """Each part holding sheet data counted as a sheet (named as the workbook names it).

    A sheet whose cells all carry ``r`` first is bounded from its far references;
    where the bounds of all sheets together pass the limit, the loosest are
    counted exactly, one by one, before anything is refused.
    """
    lengths = _shared_string_lengths(archive, [n for n, s in scans.items() if s.strings])
    longest = max(lengths, default=0)
    titles = _sheet_titles(archive)
    sheets: list[tuple[str, SheetCount, bool]] = []
    strings = 0
    for name, scan in scans.items():
        if not scan.sheet:
            continue
        sheet = SheetCount(titles.get(_normal(name), name))
        bound = longest * scan.markup  # each cell copies at most the longest string
        walk = scan.walk or strings + bound > tally.budget
        if walk:
            with archive.open(name) as member:
                _walk_cells(_chunks(member), sheet, lengths)
        else:
            sheet.rows, sheet.columns, sheet.strings = scan.rows, scan.columns, bound
            if scan.formulas:
                with archive.open(name) as member:
                    _formula_cells(_chunks(member), sheet)
        strings += sheet.strings
        sheets.append((name, sheet, not walk))
    loose = sorted((s for s in sheets if s[2]), key=lambda s: -s[1].cells)
    for name, sheet, _ in loose:
        if sum(s.cells for _, s, _ in sheets) <= MAX_SHEET_CELLS:
            break
        with archive.open(name) as member:
            sheet.rows, sheet.columns = _exact_extent(_chunks(member))
    for _, sheet, _ in sheets:
        tally.add(sheet)


def _exact_extent(chunks: Iterator[bytes]) -> tuple[int, int]:
    """The last row and column any ``r`` reference reaches (every cell carries one)."""
    rows = columns = 0
    tail = b""
    for chunk in chunks:
        for letters, digits in _references(_ANY_REF, tail + chunk):
            rows, columns = max(rows, int(digits)), max(columns, _column_number(letters))
        tail = chunk[-_TAIL:]
    return rows, columns


def _formula_cells(chunks: Iterator[bytes], sheet: SheetCount) -> None:
    """Where the formulas of a sheet whose cells all carry ``r`` first are: each one's cell."""
    carry = b""
    for chunk in chunks:
        text = carry + chunk
        cut = text.rfind(b"<")
        cut = len(text) if cut < 0 else cut
        for match in _FORMULA.finditer(text, 0, cut):
            cells = list(_CELL_REF.finditer(text, max(0, match.start() - 4096), match.start()))
            cell = cells[-1] if cells else None
            if cell is None:
                sheet.formula_count += 1
            else:
                sheet.formula_at(int(cell[2]) - 1, _column_number(cell[1]) - 1)
        carry = text[cut:]


# The walk: each row, cell, value and formula in order, with the rest of the
# markup (other elements, end tags but a row's, comments, CDATA, processing
# instructions, quoted attributes that hold "<" or ">") consumed by the pattern
# itself, so that nothing inside them is taken for a row or a cell. A mark the
# slice cuts off (or that never closes) stops the pattern; the walk goes on from
# there with the next slice. Values are stepped on only where shared strings
# are to be counted.
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_QUOTED = rb"(?:[^<>\"']|\"[^\"]*\"|'[^']*')*"


def _step_pattern(tags: bytes) -> re.Pattern[bytes]:
    """Each start of ``tags`` (and a row's end) after the markup the walk skips."""
    wanted = rb"(?:" + _PREFIX + tags + rb"[\s/>]|/" + _PREFIX + rb"row[\s>])"
    skip = (
        rb"(?>[^<]++|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(?!"
        + wanted
        + rb")[^!?<]"
        + _QUOTED
        + rb">)*+"
    )
    return re.compile(
        skip + rb"(?:<(?P<end>/?)" + _PREFIX + rb"(?P<tag>" + tags + rb")(?=[\s/>])"
        rb"(?P<attrs>" + _QUOTED + rb")>|(?P<stop><)|\Z)",
        re.DOTALL,
    )


_STEP = _step_pattern(rb"(?:row|c|f)")
_STEP_VALUES = _step_pattern(rb"(?:row|c|v|f)")
# a cell as Excel and most writers write it: r first, then perhaps s and t
_PLAIN_CELL = re.compile(
    rb'\s+r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?:\s+s="[0-9]*")?(?:\s+t="(\w*)")?\s*/?'
)


class _Walk:
    """Where the reader puts each cell: its row and column as it steps through the sheet."""

    def __init__(self, sheet: SheetCount, lengths: array[int]) -> None:
        self.sheet = sheet
        self.lengths = lengths
        self.longest = max(lengths, default=0)
        self.row = self.column = 0
        self.rows = self.columns = 0  # the extent so far: one past the last row and column
        self.cell = (0, 0)
        self.shared = False

    def step(self, match: re.Match[bytes], text: bytes) -> None:
        tag, end, attrs = match.group("tag", "end", "attrs")
        if tag == b"c":
            self.start_cell(attrs)
        elif tag == b"row":
            self.row_mark(bool(end), attrs)
        elif tag == b"f":
            self.sheet.formula_at(*self.cell)
        elif self.shared and not attrs.endswith(b"/"):  # a value of a shared-string cell
            stop = text.find(b"<", match.end())
            index = text[match.end() : stop].strip()
            known = index.isdigit() and int(index) < len(self.lengths)
            self.sheet.strings += self.lengths[int(index)] if known else self.longest

    def start_cell(self, attrs: bytes) -> None:
        plain = _PLAIN_CELL.fullmatch(attrs)
        if plain is not None:
            row, column = int(plain[2]) - 1, _column_number(plain[1]) - 1
            self.shared = plain[3] == b"s"
        else:  # of an attribute written twice, the reader may take either: the farther
            found = tag_attributes(attrs)
            places = [_ref_cell(v, self.row) for k, v in found if k == b"r"]
            row, column = max(places) if places else (self.row, self.column)
            column = max([column, *(c for _, c in places)])
            self.shared = (b"t", b"s") in found
        self.cell = (row, column)
        self.column = column + 1
        if row >= self.rows:
            self.rows = row + 1
        if column >= self.columns:
            self.columns = column + 1

    def row_mark(self, end: bool, attrs: bytes) -> None:
        if not end and b"r" in attrs:
            rows = [_ref_row(v) for k, v in tag_attributes(attrs) if k == b"r"]
            if rows:
                self.row = max(rows)
        if end or attrs.endswith(b"/"):
            self.row += 1
            self.column = 0

    def finish(self) -> None:
        if self.rows:
            self.sheet.place(self.rows - 1, self.columns - 1)


def _ref_cell(ref: bytes, row: int) -> tuple[int, int]:
    """The 0-based (row, column) of a reference the reader accepts (a bad one it refuses)."""
    match = _SPLIT.fullmatch(ref)
    if match is None or not match[1] or not match[2] or int(match[2]) == 0:
        return row, 0
    return int(match[2]) - 1, _column_number(match[1]) - 1


def _ref_row(ref: bytes) -> int:
    match = re.fullmatch(rb"[A-Za-z]*([0-9]+)", ref)
    return int(match[1]) - 1 if match is not None and int(match[1]) else 0


def _walk_cells(chunks: Iterator[bytes], sheet: SheetCount, lengths: array[int]) -> None:
    """Place every cell of a sheet as the reader steps through it."""
    walk = _Walk(sheet, lengths)
    pattern = _STEP_VALUES if lengths else _STEP
    carry = b""
    for chunk in chunks:
        text = carry + chunk
        carry = b""
        for match in pattern.finditer(text):
            if match["stop"] is not None:
                carry = text[match.start("stop") :]
                if len(carry) > _CARRY:
                    raise FileProblem("sheet.unreadable", {"detail": "markup that never closes"})
                break
            tag = match["tag"]
            if tag is None:
                break
            if tag == b"v" and text.find(b"<", match.end()) < 0:
                carry = text[match.start("end") - 1 :]
                break
            walk.step(match, text)
    walk.finish()


# ---------------------------------------------------------------- shared strings and names

_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?(/?)>")
_SI_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si\s*>")
_PHONETIC = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?rPh[\s>].*?</(?:[A-Za-z_][\w.-]*:)?rPh\s*>", re.DOTALL
)
_MARKUP = re.compile(rb"<[^>]*>")


def _shared_string_lengths(archive: zipfile.ZipFile, names: list[str]) -> array[int]:
    """The characters of each shared string (by index; the longest where two parts disagree).

    Refuses a string longer than :data:`MAX_STRING`.
    """
    lengths: array[int] = array("q")
    for name in names:
        with archive.open(name) as member:
            for index, length in enumerate(_string_lengths(_chunks(member))):
                if index < len(lengths):
                    lengths[index] = max(lengths[index], length)
                else:
                    lengths.append(length)
    return lengths


def _string_lengths(chunks: Iterator[bytes]) -> Iterator[int]:
    carry = b""
    for chunk in chunks:
        text = carry + chunk
        position = 0
        while (start := _SI.search(text, position)) is not None:
            if start[1]:  # <si/>: an empty string
                yield 0
                position = start.end()
                continue
            end = _SI_END.search(text, start.end())
            if end is None:
                position = start.start()
                break
            yield _text_length(text[start.end() : end.start()])
            position = end.end()
        carry = text[position:]
        if len(carry) > _CARRY:
            raise string_too_long("sharedStrings.xml", "", len(carry))


def _text_length(inner: bytes) -> int:
    """The characters of a shared string's text (its phonetic guide left out)."""
    plain = _MARKUP.sub(b"", _PHONETIC.sub(b"", inner))
    rough = len(plain.decode("utf-8", "replace"))
    if rough <= MAX_STRING:
        return rough
    exact = len(html.unescape(plain.decode("utf-8", "replace")))
    if exact > MAX_STRING:
        raise string_too_long("sharedStrings.xml", "", exact)
    return exact


_SHEET_ENTRY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>")
_RELATIONSHIP = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>"
)
_NAMED = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet part's name in the workbook, by the part's name (for messages only)."""
    try:
        workbook = _small_part(archive, "xl/workbook.xml")
        rels = _small_part(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets: dict[bytes, str] = {}
    for match in _RELATIONSHIP.finditer(rels):
        found = _named(match[1])
        target = found.get(b"Target", b"").decode("utf-8", "replace")
        part = target[1:] if target.startswith("/") else f"xl/{target}"
        targets[found.get(b"Id", b"")] = _normal(part)
    titles: dict[str, str] = {}
    for match in _SHEET_ENTRY.finditer(workbook):
        found = _named(match[1])
        ident = next((v for k, v in found.items() if k.split(b":")[-1] == b"id"), b"")
        name = html.unescape(found.get(b"name", b"").decode("utf-8", "replace"))
        if ident in targets:
            titles.setdefault(targets[ident], name)
    return titles


def _named(attrs: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _NAMED.finditer(attrs)}


def _small_part(archive: zipfile.ZipFile, wanted: str) -> bytes:
    for info in archive.infolist():
        if _normal(info.filename) == wanted:
            return archive.read(info)
    raise KeyError(wanted)

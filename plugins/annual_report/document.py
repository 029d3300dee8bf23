"""A published annual report read as what it shows: paragraphs of text and tables of cells.

The report as saved from a website is the evidence (contract v3, "Annual report
documents"); this module turns its file into a :class:`Document` that the
formats read figures from, whatever the file type. Every piece keeps where it
stands (:class:`Where`), so a finding can point the reader at it.

Readers by file type (chosen by the file's name, checked against its content):

- ``.txt``: each non-empty line a paragraph (UTF-8, else GB18030, which
  covers GB2312 and GBK);
- ``.html`` / ``.htm``: a saved page in the encoding it declares (a byte-order
  mark, ``<meta charset>`` or ``http-equiv``; GB2312 and GBK read as their
  superset GB18030), parsed by lxml: text outside tables as paragraphs, each
  ``<table>`` as a grid with spanned cells repeated in every position they
  cover. A table that holds another is a layout table (saved government pages
  often wrap the whole article in one): its cells are read as text.

A file that cannot be read raises :class:`DocumentError` with a code and
params for the unit's located error.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".html", ".htm")
"""The file types this module reads."""


class DocumentError(Exception):
    """A document that cannot be read: ``code`` and ``params`` say why, for a located error."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Where:
    """Where a piece of a document stands: a paragraph, or a table's cell (numbered from 1)."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None

    def params(self) -> dict[str, int]:
        """The place as message params (only the parts that are set)."""
        return {k: v for k, v in vars(self).items() if v is not None}

    def zh(self) -> str:
        """The place in Chinese, as a finding shows it: 第3页 表2 第4行第3列, 第12段."""
        parts = [f"第{self.page}页"] if self.page else []
        if self.table is not None:
            parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行" + (f"第{self.column}列" if self.column else ""))
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        return " ".join(parts)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report's text, whitespace collapsed."""

    text: str
    where: Where


@dataclass(frozen=True)
class Table:
    """One table: its title (caption, else the paragraph just before it) and its grid of cells.

    ``rows`` is rectangular only as the document makes it: a row is as long as
    its cells (spans counted). A cell spanning rows or columns is repeated in
    each position it covers, so a row's label stands beside every figure it names.
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    where: Where

    def cell(self, row: int, column: int) -> Where:
        """Where the cell at ``row``, ``column`` (from 0) stands."""
        return Where(table=self.where.table, row=row + 1, column=column + 1, page=self.where.page)


@dataclass(frozen=True)
class Document:
    """A report file read: its text and tables, with its sha256 for the record."""

    path: Path
    kind: str
    sha256: str
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...] = ()
    notes: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=())

    @property
    def text(self) -> str:
        """The paragraphs joined by newlines, for patterns that read the text as a whole."""
        return "\n".join(p.text for p in self.paragraphs)


def read_document(path: Path) -> Document:
    """Read the report saved at ``path`` into a :class:`Document`, by its file type."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError("document.unsupported", suffix=suffix, supported=list(SUFFIXES))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError("document.unreadable", reason=error.strerror or str(error)) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".txt":
        paragraphs = _paragraphs(_decode(data, None).splitlines())
        return Document(path, "txt", digest, paragraphs)
    return _read_html(path, data, digest)


def _paragraphs(lines: list[str]) -> tuple[Paragraph, ...]:
    """Non-empty lines, whitespace collapsed, as numbered paragraphs."""
    texts = (" ".join(line.split()) for line in lines)
    kept = [text for text in texts if text]
    return tuple(Paragraph(text, Where(paragraph=n)) for n, text in enumerate(kept, 1))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def _declared(data: bytes) -> str | None:
    """The encoding a saved page declares in its first 4 KB, if it names one Python knows."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return _WIDER.get(name, name)


def _decode(data: bytes, declared: str | None) -> str:
    """Bytes as text: a BOM wins, then the declared encoding, then UTF-8, then GB18030."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    for candidate in (declared, "utf-8", "gb18030"):
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise DocumentError("document.encoding", declared=declared or "")


_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "blockquote",
        "pre",
        "table",
        "caption",
        "tr",
        "td",
        "th",
        "title",
        "dt",
        "dd",
    ]
)
_SKIPPED = frozenset(("script", "style", "head", "noscript", "template"))


def _read_html(path: Path, data: bytes, digest: str) -> Document:
    """A saved page: text outside tables as paragraphs, each table as a grid of cells."""
    import lxml.html  # imported here: only a run with HTML reports pays for it

    text = _decode(data, _declared(data))
    if not text.strip():
        return Document(path, "html", digest, ())
    root = lxml.html.document_fromstring(text)
    lines: list[str] = []
    tables: list[tuple[int, Any]] = []
    _walk(root, lines, tables)
    paragraphs = _paragraphs(lines)
    read = tuple(
        _table(element, number, _title(element, paragraphs_before, lines))
        for number, (paragraphs_before, element) in enumerate(tables, 1)
    )
    return Document(path, "html", digest, paragraphs, read)


def _walk(element: Any, lines: list[str], tables: list[tuple[int, Any]]) -> None:
    """Append ``element``'s text to ``lines`` (a new line at each block), noting its tables."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIPPED:
        _tail(element, lines)
        return
    if tag == "table" and not _holds_table(element):
        tables.append((len(lines), element))
        lines.append("")
        _tail(element, lines)
        return
    if tag in _BLOCKS or tag == "br":
        lines.append("")
    if element.text and tag:
        _add(lines, element.text)
    for child in element:
        _walk(child, lines, tables)
    if tag in _BLOCKS:
        lines.append("")
    _tail(element, lines)


def _holds_table(element: Any) -> bool:
    """Whether a table holds another: a layout table, whose cells are read as text."""
    return next(element.iterdescendants("table"), None) is not None


def _tail(element: Any, lines: list[str]) -> None:
    if element.tail:
        _add(lines, element.tail)


def _add(lines: list[str], text: str) -> None:
    if not lines:
        lines.append("")
    lines[-1] += text


def _title(table: Any, lines_before: int, lines: list[str]) -> str:
    """A table's caption, else the last non-empty line of text before it."""
    caption = table.find("caption")
    if caption is not None and caption.text_content().strip():
        return " ".join(caption.text_content().split())
    for line in reversed(lines[:lines_before]):
        if line.strip():
            return " ".join(line.split())
    return ""


def _own_rows(table: Any) -> Iterator[Any]:
    """The table's rows, not those of tables nested in its cells."""
    for row in table.iter("tr"):
        if next(row.iterancestors("table"), None) is table:
            yield row


def _table(element: Any, number: int, title: str) -> Table:
    """A ``<table>`` as a grid: spanned cells repeated in every position they cover."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(_own_rows(element)):
        c = 0
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = " ".join(cell.text_content().split())
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    grid.setdefault((r + dr, c + dc), text)
            c += _span(cell, "colspan")
    widths: dict[int, int] = {}
    for r, c in grid:
        widths[r] = max(widths.get(r, 0), c + 1)
    rows = tuple(
        tuple(grid.get((r, c), "") for c in range(widths.get(r, 0)))
        for r in range(max(widths, default=-1) + 1)
    )
    return Table(title, rows, Where(table=number))


_MAX_SPAN = 1000


def _span(cell: Any, attribute: str) -> int:
    """A cell's ``rowspan`` or ``colspan`` as a count from 1 (bad or huge values bounded)."""
    try:
        return max(1, min(int(cell.get(attribute, "1")), _MAX_SPAN))
    except ValueError:
        return 1

"""A published annual report read as what it shows: paragraphs of text and tables of cells.

The report as saved from a website is the evidence (contract v3, "Annual report
documents"); this module turns its file into a :class:`Document` that the
formats read figures from, whatever the file type. Every piece keeps where it
stands (:class:`Where`), so a finding can point the reader at it.

Readers by file type (chosen by the file's name, only when its content agrees:
a ``.docx`` that is no zip, a ``.pdf`` without ``%PDF``, an ``.html`` that is a
PDF are refused with what the content is):

- ``.txt``: each non-empty line a paragraph (UTF-8, else GB18030, which
  covers GB2312 and GBK);
- ``.html`` / ``.htm``: a saved page in the encoding it declares (a byte-order
  mark, ``<meta charset>`` or ``http-equiv``; GB2312 and GBK read as their
  superset GB18030), parsed by lxml: text outside tables as paragraphs, each
  ``<table>`` as a grid with spanned cells repeated in every position they
  cover. A table that holds another is a layout table (saved government pages
  often wrap the whole article in one): its cells are read as text. A page
  whose bytes are not in the encoding it declares is read in the one they
  are in (or with the undecodable bytes replaced), with a note saying so;
  libxml2 reads at most 256 levels of nesting (what lies deeper is dropped,
  with a note: 100,000 nested ``<div>`` cost no more than 256);
- ``.docx``: python-docx, paragraphs and tables in body order, a merged cell
  repeated in every position it covers, a table's title the paragraph before
  it; the zip's parts are measured before python-docx opens it (a zip bomb
  is refused, :data:`UNPACKED_RATIO`);
- ``.pdf``: pypdfium2 (PDFium), each line of a page's text a paragraph with
  its page (``Where.page``); tables read as lines of text. More pages than
  ``max_pages`` is refused before any page is read; no text on any page (a
  scan) is ``document.no_text``.

Every file is refused above ``max_bytes`` before it is read. A file that
cannot be read raises :class:`DocumentError` with a code and params (texts in
:data:`MESSAGES`) for the unit's finding; what was read with a doubt is in
:attr:`Document.notes`, each a code and params.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".html", ".htm", ".txt", ".docx", ".pdf")
"""The file types this module reads (contract v3), in the order a folder's copies are preferred."""

MAX_BYTES = 64 * 1024 * 1024
"""The default size cap (the engine's ``--max-file-size`` default); callers pass the run's."""

MAX_PAGES = 500
"""The default page cap of a PDF (the annual-report scorer's ``max_pages`` param)."""

UNPACKED_RATIO = 4
"""A ``.docx``'s parts may unpack to this many times the size cap in all (as a workbook's)."""


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


def read_document(
    path: Path, *, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES
) -> Document:
    """Read the report saved at ``path`` into a :class:`Document`, by its file type.

    Raises :class:`DocumentError` for a file over ``max_bytes``, one whose
    content is not what its name says, a PDF of more than ``max_pages`` pages
    or with no text, and anything its reader refuses.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError("document.unsupported", suffix=suffix, supported=list(SUFFIXES))
    data = _read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    _agrees(suffix, data)
    if suffix == ".txt":
        notes: list[tuple[str, Mapping[str, Any]]] = []
        paragraphs = _paragraphs(_decode(data, None, notes).splitlines())
        return Document(path, "txt", digest, paragraphs, notes=tuple(notes))
    if suffix == ".docx":
        return _read_docx(path, data, digest, max_bytes)
    if suffix == ".pdf":
        return _read_pdf(path, data, digest, max_pages)
    return _read_html(path, data, digest)


def sha256_of(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The sha256 of the file at ``path`` (at most ``max_bytes``), not read as a report."""
    return hashlib.sha256(_read_bytes(path, max_bytes)).hexdigest()


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes: a regular file of at most ``max_bytes``, checked before it is read."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise DocumentError("document.not_regular")
        if status.st_size > max_bytes:
            raise DocumentError("document.too_large", size=status.st_size, limit=max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DocumentError("document.unreadable", reason=error.strerror or str(error)) from None
    if len(data) > max_bytes:  # grew after the size check
        raise DocumentError("document.too_large", size=len(data), limit=max_bytes)
    return data


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_kind(data: bytes) -> str:
    """What the bytes are, whatever the file is called: ``pdf``, ``zip``, ``ole`` or ``text``."""
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk (PDF 1.7, 7.5.2)
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(_OLE):
        return "ole"
    return "text"


_EXPECTED = {".pdf": ("pdf",), ".docx": ("zip",), ".html": ("text",), ".htm": ("text",)}
_EXPECTED[".txt"] = ("text",)


def _agrees(suffix: str, data: bytes) -> None:
    """Refuse a file whose content is not what its name says (a PDF named ``.html``)."""
    found = content_kind(data)
    if found not in _EXPECTED[suffix]:
        mismatch = {"suffix": suffix, "found": f"document.is_{found}"}
        raise DocumentError("document.content_mismatch", **mismatch)


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


Notes = list[tuple[str, Mapping[str, Any]]]


def _decode(data: bytes, declared: str | None, notes: Notes) -> str:
    """Bytes as text: a BOM wins, then the declared encoding, then UTF-8, then GB18030.

    Text not in the encoding its page declares is read in the one it is in,
    noted (``document.encoding_mismatch``); text in none of them is read with
    the bytes that fit no encoding replaced, noted (``document.encoding_replaced``).
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    for candidate in (declared, "utf-8", "gb18030"):
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if declared is not None and candidate != declared:
            notes.append(("document.encoding_mismatch", {"declared": declared, "read": candidate}))
        return text
    fallback = declared or "utf-8"
    text = data.decode(fallback, errors="replace")
    replaced = text.count("\ufffd")
    notes.append(("document.encoding_replaced", {"declared": fallback, "replaced": replaced}))
    return text


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

    notes: Notes = []
    text = _decode(data, _declared(data), notes)
    if not text.strip():
        return Document(path, "html", digest, (), notes=tuple(notes))
    parser = lxml.html.HTMLParser()
    root = lxml.html.document_fromstring(text, parser=parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        notes.append(("document.too_deep", {"depth": _MAX_DEPTH}))
    lines: list[str] = []
    tables: list[tuple[int, Any]] = []
    _walk(root, lines, tables)
    paragraphs = _paragraphs(lines)
    read = tuple(
        _table(element, number, _title(element, paragraphs_before, lines))
        for number, (paragraphs_before, element) in enumerate(tables, 1)
    )
    return Document(path, "html", digest, paragraphs, read, tuple(notes))


_MAX_DEPTH = 256  # libxml2's nesting limit: what lies deeper is dropped, with a note

_CLOSE = object()  # on the walk's stack: the element below it is done (its block ends, its tail)


def _walk(root: Any, lines: list[str], tables: list[tuple[int, Any]]) -> None:
    """Append the text under ``root`` to ``lines`` (a new line at each block), noting its tables.

    A loop over a stack, not recursion: however deep a page nests, the walk
    needs no more than the elements it holds.
    """
    stack: list[Any] = [root]
    while stack:
        element = stack.pop()
        if element is _CLOSE:
            done = stack.pop()
            if done.tag in _BLOCKS:
                lines.append("")
            _tail(done, lines)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            _tail(element, lines)
            continue
        if tag == "table" and not _holds_table(element):
            tables.append((len(lines), element))
            lines.append("")
            _tail(element, lines)
            continue
        if tag in _BLOCKS or tag == "br":
            lines.append("")
        if element.text and tag:
            _add(lines, element.text)
        stack.extend((element, _CLOSE))
        stack.extend(reversed(list(element)))


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
    for index in range(min(lines_before, len(lines)) - 1, -1, -1):
        if lines[index].strip():
            return " ".join(lines[index].split())
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
            down = _span(cell, "rowspan") if "rowspan" in cell.attrib else 1
            across = _span(cell, "colspan") if "colspan" in cell.attrib else 1
            for dr in range(down):
                for dc in range(across):
                    grid.setdefault((r + dr, c + dc), text)
            c += across
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


# ---------------------------------------------------------------- .docx

_CHUNK = 1 << 20


def _measure_zip(data: bytes, max_bytes: int) -> None:
    """Refuse a zip whose parts unpack to more than the budget, before any reader opens it.

    The declared sizes first (cheap), then the parts themselves unpacked a
    slice at a time and counted, since a zip may declare less than it holds.
    """
    budget = UNPACKED_RATIO * max_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        declared = sum(part.file_size for part in parts)
        if declared > budget:
            raise DocumentError("document.unpacked_too_large", size=declared, limit=budget)
        unpacked = 0
        for part in parts:
            with archive.open(part) as member:
                while chunk := member.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > budget:
                        raise DocumentError(
                            "document.unpacked_too_large", size=unpacked, limit=budget
                        )
        if "word/document.xml" not in {part.filename for part in parts}:
            mismatch = {"suffix": ".docx", "found": "document.is_zip"}
            raise DocumentError("document.content_mismatch", **mismatch)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise DocumentError("document.damaged", detail=str(exc) or type(exc).__name__) from None


def _read_docx(path: Path, data: bytes, digest: str, max_bytes: int) -> Document:
    """A Word file: paragraphs and tables in body order, merged cells repeated."""
    _measure_zip(data, max_bytes)
    import docx  # imported here: only a run with Word reports pays for it
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml's, zipfile's and its own errors
        raise DocumentError("document.damaged", detail=str(exc) or type(exc).__name__) from None
    lines: list[str] = []
    tables: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    for block in word.iter_inner_content():
        if isinstance(block, WordParagraph):
            lines.append(block.text)
        elif isinstance(block, WordTable):
            title = next((" ".join(t.split()) for t in reversed(lines) if t.strip()), "")
            tables.append((title, _word_grid(block)))
    paragraphs = _paragraphs(lines)
    read = tuple(
        Table(title, rows, Where(table=number)) for number, (title, rows) in enumerate(tables, 1)
    )
    return Document(path, "docx", digest, paragraphs, read)


def _word_grid(table: Any) -> tuple[tuple[str, ...], ...]:
    """A Word table's rows, a merged cell's text in each grid position it covers.

    python-docx gives a horizontally merged cell once per column it spans and a
    vertically merged one as its top cell, so each row is already the grid's.
    """
    return tuple(tuple(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows)


# ---------------------------------------------------------------- .pdf


def _read_pdf(path: Path, data: bytes, digest: str, max_pages: int) -> Document:
    """A text PDF, page by page: each line of text a paragraph that knows its page."""
    import pypdfium2  # imported here: only a run with PDF reports pays for it

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise DocumentError("document.damaged", detail=str(exc)) from None
    try:
        pages = len(pdf)
        if pages > max_pages:  # the count is the page tree's claim: nothing is read yet
            raise DocumentError("document.too_many_pages", pages=pages, limit=max_pages)
        paragraphs: list[Paragraph] = []
        for number in range(pages):
            for text in _page_lines(pdf, number):
                where = Where(paragraph=len(paragraphs) + 1, page=number + 1)
                paragraphs.append(Paragraph(text, where))
    except pypdfium2.PdfiumError as exc:
        raise DocumentError("document.damaged", detail=str(exc)) from None
    finally:
        pdf.close()
    if not paragraphs:
        raise DocumentError("document.no_text", pages=pages)
    return Document(path, "pdf", digest, tuple(paragraphs))


def _page_lines(pdf: Any, number: int) -> list[str]:
    """The non-empty lines of a page's text layer, whitespace collapsed."""
    page = pdf[number]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    texts = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in texts if line]


# ---------------------------------------------------------------- texts

MESSAGES: dict[str, dict[str, str]] = {
    "document.unsupported": {
        "zh": "不支持{suffix!q}格式的年度报告文件（支持：{supported}）",
        "en": "report files of type {suffix!q} are not read (read: {supported})",
    },
    "document.unreadable": {
        "zh": "无法读取文件：{reason}",
        "en": "the file cannot be read: {reason}",
    },
    "document.not_regular": {
        "zh": "不是普通文件",
        "en": "not a regular file",
    },
    "document.too_large": {
        "zh": "文件大小为 {size:,} 字节，超过上限 {limit:,} 字节",
        "en": "the file is {size:,} bytes, over the limit of {limit:,}",
    },
    "document.content_mismatch": {
        "zh": "文件名为{suffix}，内容却是{found!c}",
        "en": "the file is named {suffix} but holds {found!c}",
    },
    "document.is_pdf": {"zh": "PDF 文件", "en": "a PDF"},
    "document.is_zip": {
        "zh": "zip 压缩包（不是 Word .docx 文件）",
        "en": "a zip (not a Word .docx)",
    },
    "document.is_ole": {
        "zh": "旧版 Office 文件（.doc/.xls，请另存为 .docx）",
        "en": "a legacy Office file (.doc/.xls: save it as .docx)",
    },
    "document.is_text": {"zh": "文本或网页", "en": "text or a web page"},
    "document.unpacked_too_large": {
        "zh": "压缩包解压后达 {size:,} 字节，超过上限 {limit:,} 字节",
        "en": "its parts unpack to {size:,} bytes, over the limit of {limit:,}",
    },
    "document.damaged": {
        "zh": "文件已损坏或格式不符，无法读取（{detail}）",
        "en": "the file is damaged or not what it claims ({detail})",
    },
    "document.too_many_pages": {
        "zh": "PDF 共 {pages:,} 页，超过上限 {limit:,} 页",
        "en": "the PDF has {pages:,} pages, over the limit of {limit:,}",
    },
    "document.no_text": {
        "zh": "PDF 共 {pages} 页，没有文字层（扫描件？），无法读取其中的数字；"
        "请提供网页或文字版 PDF",
        "en": "the PDF's {pages} pages have no text layer (a scan?): no figure can be read; "
        "give the web page or a text PDF",
    },
    "document.encoding_mismatch": {
        "zh": "网页声明编码为{declared}，实际按{read}读取",
        "en": "the page declares {declared} but was read as {read}",
    },
    "document.too_deep": {
        "zh": "网页嵌套超过 {depth} 层，更深处的内容未读取",
        "en": "the page nests more than {depth} levels deep; what lies deeper was not read",
    },
    "document.encoding_replaced": {
        "zh": "网页内容不符合{declared}编码，{replaced}处无法识别的字节已替换",
        "en": "the page is not valid {declared}: {replaced} undecodable bytes were replaced",
    },
}
"""The texts of :class:`DocumentError` codes and of :attr:`Document.notes`, in both languages."""

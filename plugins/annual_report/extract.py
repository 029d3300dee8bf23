"""Figures read from a published report (:class:`Document`) by its format, and judged.

:func:`extract` reads the format's tables (found by title, rows and columns by
their labels) and the figures its sentence patterns name in the text (into the
``narrative`` group); each figure keeps where it stands. :func:`judge` checks
them by the format's rules: the arithmetic rules of typed figures, shares at the
precision they are printed with, and each text figure against its table figure.

Text is compared as people read it: full-width digits, letters and punctuation
as their ASCII forms (NFKC), spaces and quotation marks ignored, 千分位 commas
and ``%`` signs read as part of a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .document import Document, Table, Where
from .formats import Format, TableSpec
from .tables import Break, Figure, Tables

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
"""A printed number once normalised: digits, 千分位 commas in threes, a decimal part."""

NARRATIVE = "narrative."
"""The group of the figures a report's text states (contract v3)."""

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』 \t\u3000")
_ANY = "…"
_SLOT = re.compile(r"\{([^{}:]+)(?::(value|percent|increase|decrease))?\}")


def normal(text: str) -> str:
    """Text as compared: NFKC (full-width forms as ASCII), no spaces or quotation marks."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def number(text: str) -> Decimal | None:
    """A cell's or slot's text as the number it prints (commas and ``%`` dropped), else None."""
    plain = normal(text).replace(",", "").rstrip("%")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", plain):
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


@dataclass(frozen=True)
class Found:
    """A figure read from the document, and where its value (or first part) stands."""

    figure: Figure
    where: Where


@dataclass
class Extracted:
    """What a format read from a document: figures by path, and what it could not read.

    ``unread`` lists ``(what, where)`` for each table of the format not found and
    each cell in a found table that held no number (its text kept, for the reader
    to see why a figure is missing). ``tables`` names the format's tables found.
    """

    figures: dict[str, Found] = field(default_factory=dict)
    unread: list[tuple[str, Where | None]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    required: set[str] = field(default_factory=set)

    def values(self) -> dict[str, Figure]:
        """The figures alone, by path, for the rules."""
        return {path: found.figure for path, found in self.figures.items()}


# ---------------------------------------------------------------- patterns


@dataclass(frozen=True)
class Pattern:
    """One sentence pattern compiled: its regex and, per group, the figure path and its part."""

    source: str
    regex: re.Pattern[str]
    slots: tuple[tuple[str, str], ...]


def compile_pattern(source: str) -> Pattern:
    """A pattern as written in a format (``…`` any words within a sentence, ``{path:part}``)."""
    parts: list[str] = []
    slots: list[tuple[str, str]] = []
    position = 0
    text = source
    for match in _SLOT.finditer(text):
        parts.append(_literal(text[position : match.start()]))
        parts.append(f"(?P<s{len(slots)}>{NUMBER})")
        slots.append((match.group(1), match.group(2) or "value"))
        position = match.end()
    parts.append(_literal(text[position:]))
    return Pattern(source, re.compile("".join(parts)), tuple(slots))


def _literal(text: str) -> str:
    """Words of a pattern as a regex: each normalised, ``…`` as any words within a sentence."""
    pieces = (re.escape(normal(piece)) for piece in text.split(_ANY))
    return "[^。;!?\n]*?".join(pieces)


def _read_patterns(document: Document, fmt: Format, extracted: Extracted) -> None:
    """Each pattern's first match in the text sets its figures (a figure set once, first wins)."""
    parts: dict[str, dict[str, Decimal]] = {}
    wheres: dict[str, Where] = {}
    for pattern in (compile_pattern(p) for p in fmt.patterns):
        for paragraph in document.paragraphs:
            match = pattern.regex.search(normal(paragraph.text))
            if match is None:
                continue
            for index, (path, part) in enumerate(pattern.slots):
                value = number(match.group(f"s{index}"))
                slot = "change" if part in ("increase", "decrease") else part
                if value is None or slot in parts.setdefault(path, {}):
                    continue
                parts[path][slot] = -value if part == "decrease" else value
                wheres.setdefault(path, paragraph.where)
            break
    for path, read in parts.items():
        if "value" not in read:
            continue  # a share or change whose count the text never states is not a figure
        figure = Figure(read["value"], read.get("percent"), read.get("change"))
        extracted.figures.setdefault(path, Found(figure, wheres[path]))


# ---------------------------------------------------------------- tables


def _find_table(document: Document, spec: TableSpec) -> Table | None:
    """The first table whose title (or first row) holds one of the spec's titles."""
    titles = [normal(t) for t in spec.titles]
    for table in document.tables:
        heading = normal(table.title + "".join(table.rows[0] if table.rows else ()))
        if any(title in heading for title in titles):
            return table
    return None


def _label_cells(row: Sequence[str]) -> list[str]:
    """A row's label cells (those that print no number), normalised."""
    return [normal(cell) for cell in row if cell.strip() and number(cell) is None]


def _row_matches(row: Sequence[str], labels: Sequence[str]) -> bool:
    cells = _label_cells(row)
    if list(labels) == ["*"]:
        return not cells and any(number(cell) is not None for cell in row)
    wanted = [normal(label) for label in labels]
    return any(all(label in cell for label in wanted) for cell in cells)


def _data_rows(table: Table, spec: TableSpec) -> dict[str, int]:
    """Each row key's row index, matched in order (a label repeated further down is the next)."""
    found: dict[str, int] = {}
    start = 0
    for key, labels in spec.rows.items():
        for index in range(start, len(table.rows)):
            if _row_matches(table.rows[index], labels):
                found[key] = index
                start = index + 1
                break
    return found


def _column(table: Table, headers: Sequence[int], labels: Sequence[str]) -> int | None:
    """The column whose header cells print every label (exactly, else as a part), nearest first."""
    wanted = [normal(label) for label in labels]
    for exact in (True, False):
        for index in headers:
            width = len(table.rows[index])
            for column in range(width):
                cells = {
                    normal(table.rows[h][column]) for h in headers if column < len(table.rows[h])
                }
                if all(_has(cells, label, exact) for label in wanted):
                    return column
    return None


def _has(cells: set[str], label: str, exact: bool) -> bool:
    return label in cells if exact else any(label in cell for cell in cells)


def _header_blocks(row: int, data: set[int]) -> list[list[int]]:
    """The runs of non-data rows above ``row``, nearest first: a section's own header
    (第二十条第(五)项's 本年处理决定数量) before the table's first."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for index in range(row - 1, -1, -1):
        if index in data:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(index)
    if current:
        blocks.append(current)
    return blocks


def _columns(table: Table, spec: TableSpec, row: int, data: set[int]) -> dict[str, int]:
    """The spec's columns as the nearest header block above ``row`` that names any of them."""
    for block in _header_blocks(row, data):
        found = {}
        for key, labels in spec.columns.items():
            column = _column(table, block, labels)
            if column is not None and column < len(table.rows[row]):
                found[key] = column
        if found:
            return found
    return {}


def _cell_value(text: str, zero: Sequence[str]) -> Decimal | None:
    value = number(text)
    if value is not None:
        return value
    if normal(text) in {normal(z) for z in zero}:
        return Decimal(0)
    return None


def _read_table(table: Table, spec: TableSpec, fmt: Format, extracted: Extracted) -> None:
    """The spec's figures from ``table``: a blank (or the format's zero) is 0 when others
    are filled; a table with no number at all is not read."""
    rows = _data_rows(table, spec)
    data = set(rows.values())
    cells: dict[str, tuple[str, Where]] = {}
    for key, index in rows.items():
        for column_key, column in _columns(table, spec, index, data).items():
            cells[spec.figure_path(key, column_key)] = (
                table.rows[index][column],
                table.cell(index, column),
            )
    filled = any(number(text) is not None for text, _ in cells.values())
    if not filled:
        extracted.unread.append((f"table:{spec.id}:empty", table.where))
        return
    extracted.tables.append(spec.id)
    if spec.required:
        extracted.required.update(
            spec.figure_path(row, column) for row in spec.rows for column in spec.columns
        )
    for path, (text, where) in cells.items():
        value = _cell_value(text, fmt.zero)
        if value is None:
            extracted.unread.append((f"{path}:{text}", where))
            continue
        extracted.figures.setdefault(path, Found(Figure(value), where))


def extract(document: Document, fmt: Format) -> Extracted:
    """Every figure ``fmt`` reads from ``document``: its tables' cells and its text's sentences."""
    extracted = Extracted()
    for spec in fmt.tables:
        table = _find_table(document, spec)
        if table is None:
            extracted.unread.append((f"table:{spec.id}", None))
            continue
        _read_table(table, spec, fmt, extracted)
    _read_patterns(document, fmt, extracted)
    return extracted


# ---------------------------------------------------------------- rules


def _paths(rule: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for value in rule.values():
        found.extend([value] if isinstance(value, str) else value)
    return found


def _applicable(rule: Mapping[str, Any], known: set[str]) -> Mapping[str, Any] | None:
    """The rule as far as the document states its figures; None when it cannot apply.

    A figure the document does not state (and its found tables do not require)
    takes its rule out, but a share keeps the parts that are stated.
    """
    if "text_table" in rule:
        return rule  # judged only when both figures stand (Tables.text_table)
    if "share" in rule:
        parts = [p for p in rule["share"] if p in known]
        return {"share": parts, "of": rule["of"]} if parts and rule["of"] in known else None
    if "sum" in rule and rule["sum"].startswith(NARRATIVE) and rule["sum"] in known:
        # A sentence lists only the parts there were ("当面765件、信函650件"): the
        # parts it leaves out are none, so the rule adds those it states.
        parts = [p for p in rule["of"] if p in known]
        return {"sum": rule["sum"], "of": parts} if parts else None
    return rule if all(path in known for path in _paths(rule)) else None


def judge(
    extracted: Extracted, fmt: Format, namer: Callable[[str], str] | None = None
) -> list[Break]:
    """The breaks of the document's figures under the format's rules, shares as printed.

    ``namer`` gives each figure's name in the breaks' params (else its path).
    """
    figures = extracted.values()
    known = set(figures) | extracted.required
    tables = Tables(figures, sorted(extracted.required), None, namer=namer)
    for rule in fmt.expanded_rules():
        applied = _applicable(rule, known)
        if applied is not None:
            tables.apply(applied)
    for path in sorted(extracted.required):
        tables.missing(path)
    return tables.breaks


def breaks_of(breaks: Iterable[Break]) -> list[tuple[str, tuple[str, ...]]]:
    """Breaks as ``(code, records)``, the shape tests and summaries compare."""
    return [(b.code, b.records) for b in breaks]

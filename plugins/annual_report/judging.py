"""A published report judged: its format chosen, its figures read and named, their breaks placed.

The arithmetic scorer and ``evaluate annual-report FILE`` share this: the format
covering the year the report is on (or the one the scheme pins, from the
built-in formats and the scheme's own folder of them), the figures the format
reads from the document (:func:`.extract.extract`), and the breaks its rules find
(:func:`.extract.judge`), each naming its figure in Chinese (a table's row and
column labels; the text's by the format's ``labels``, after 正文) and where in
the document it stands. :func:`transcription` compares a unit's typed figures
with its document's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evaluator import Finding, ParamsCheck, Problem

from .document import Document, Where
from .extract import NARRATIVE, Extracted, extract, judge
from .formats import Format, FormatError, TableSpec, choose, load_formats
from .tables import Break, Figure, figure_name, shown
from .texts import AT, TRANSCRIPTION

TEXT_NAME = "正文"
"""What a figure the report's text states is named after (正文·依申请公开·收到申请)."""

_TITLE_YEAR = re.compile(r"(\d{4})\s*年(?:度)?[^。\n]{0,30}?(?:政府信息公开|信息公开工作)")


@functools.lru_cache(maxsize=8)
def _formats(folder: str | None) -> dict[str, Format]:
    """The built-in formats with a scheme's folder over them, read once per process."""
    return load_formats(None if folder is None else Path(folder))


def formats_folder(params: Mapping[str, Any], criteria: str | None) -> str | None:
    """The scheme's own formats folder (``formats`` param, relative to the criteria folder)."""
    name = params.get("formats")
    if not name:
        return None
    return str(Path(criteria or ".") / name)


def format_for(year: int, params: Mapping[str, Any], criteria: str | None) -> Format:
    """The format a report on ``year`` is judged by: the scheme's pinned ``format``, else the
    latest-starting one covering the year. Raises :class:`FormatError`."""
    return choose(year, _formats(formats_folder(params, criteria)), params.get("format"))


def check_formats(check: ParamsCheck) -> list[Problem]:
    """The scheme's own format files read and its pinned format known, else located problems."""
    try:
        formats = _formats(formats_folder(check.params, check.scheme.directory))
        pinned = check.params.get("format")
        if pinned is not None:
            choose(check.scheme.year - 1, formats, pinned)
    except FormatError as error:
        return [Problem(error.code, error.params)]
    return []


# ---------------------------------------------------------------- names and places


def _cell_name(spec: TableSpec, row: str, column: str) -> str:
    """A table figure's name: its row's labels, then its column's (``_`` and ``*`` left out)."""
    labels = [] if row == "_" else [*spec.rows[row]]
    labels += [] if column == "_" else [*spec.columns[column]]
    return "·".join(label for label in labels if label != "*") or spec.titles[0]


def table_names(fmt: Format) -> dict[str, str]:
    """Every table figure of ``fmt`` by path, named by its row and column labels."""
    return {
        spec.figure_path(row, column): _cell_name(spec, row, column)
        for spec in fmt.tables
        for row in spec.rows
        for column in spec.columns
    }


class Namer:
    """Names a format's figures in Chinese: a table's by its labels, the text's by ``labels``."""

    def __init__(self, fmt: Format) -> None:
        self.tables = table_names(fmt)
        self.labels = fmt.labels

    def __call__(self, path: str) -> str:
        if path in self.tables:
            return self.tables[path]
        if path.startswith(NARRATIVE):
            rest = path[len(NARRATIVE) :]
            return f"{TEXT_NAME}·{figure_name(rest, self.labels)}"
        return figure_name(path, self.labels)


def where_en(where: Where) -> str:
    """The place in English: page 3, table 2, row 4, column 3; paragraph 12."""
    parts = [f"page {where.page}"] if where.page else []
    if where.table is not None:
        parts.append(f"table {where.table}")
        if where.row is not None:
            parts.append(f"row {where.row}" + (f", column {where.column}" if where.column else ""))
    elif where.paragraph is not None:
        parts.append(f"paragraph {where.paragraph}")
    return ", ".join(parts)


def place(where: Where | None) -> dict[str, Any]:
    """A finding's params saying where in the document it stands (``where`` shows it)."""
    if where is None:
        return {"where": ""}
    return {"where": AT, "place": where.zh(), "place_en": where_en(where), "at": where.params()}


NOWHERE: Mapping[str, Any] = {"where": ""}
"""The place params of a finding on typed figures: nothing to show."""


# ---------------------------------------------------------------- judging


@dataclass(frozen=True)
class Judged:
    """A document read by its format: the figures found, and the breaks placed and named."""

    format: Format
    extracted: Extracted
    breaks: tuple[Break, ...]

    @property
    def any_figure(self) -> bool:
        """Whether the format read any figure at all from the document."""
        return bool(self.extracted.figures)


def judge_document(document: Document, fmt: Format) -> Judged:
    """``document``'s figures by ``fmt``, and the breaks of its rules, each named and placed."""
    extracted = extract(document, fmt)
    breaks = judge(extracted, fmt, Namer(fmt))
    placed = tuple(_placed(item, extracted) for item in breaks)
    return Judged(fmt, extracted, placed)


def _placed(item: Break, extracted: Extracted) -> Break:
    found = extracted.figures.get(item.records[0]) if item.records else None
    return replace(item, params={**item.params, **place(found.where if found else None)})


def title_year(document: Document) -> int | None:
    """The year a report says it covers, from its title (the first paragraph naming one)."""
    for paragraph in document.paragraphs[:10]:
        match = _TITLE_YEAR.search(paragraph.text)
        if match is not None:
            return int(match.group(1))
    return None


# ---------------------------------------------------------------- transcription


_PARTS = ("value", "percent", "change")


def transcription(
    typed: Mapping[str, Figure],
    judged: Judged,
    paths: Mapping[str, str],
) -> Iterable[Finding]:
    """``integrity.transcription`` for each typed figure that differs from the document's.

    A typed figure is compared with the document's figure at ``paths[path]``
    (the scheme's ``document_paths``), else at its own path; one the document
    does not state is not compared. Value, printed share and change are each
    compared when both state them. It costs nothing by itself: the document's
    figures are the ones judged.
    """
    found = judged.extracted.figures
    namer = Namer(judged.format)
    for path, figure in typed.items():
        target = paths.get(path, path)
        document = found.get(target)
        if document is None:
            continue
        for part in _PARTS:
            mine, theirs = getattr(figure, part), getattr(document.figure, part)
            if mine is None or theirs is None or mine == theirs:
                continue
            params = {
                "figure": path,
                "name": namer(target),
                "part": part,
                "typed": shown(mine),
                "document": shown(theirs),
                "document_path": target,
                **place(document.where),
            }
            yield Finding(TRANSCRIPTION, "", (path,), None, params)

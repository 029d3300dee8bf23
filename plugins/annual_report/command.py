"""``evaluate annual-report FILE``: one published report read and judged without a scheme.

What it can judge without a scheme: the figures by the built-in format covering
the year the report is on (``--year``, else the year its title names), with
every rule of that format (shares at the precision printed); and, given
``--kind``, the due date by the national rule in force on it
(:mod:`.._disclosure.report_due`, called, not restated) against the date the
report prints at its end, when it prints one. A scheme's own formats, pinned
format, point values and local due dates are the scorer's, not this command's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from evaluator import Finding, Problem, ReadFigure, ReportReading
from evaluator.rules import terms

from .._disclosure.report_due import MissingDate, ReportDueRule
from .document import Document, DocumentError, read_document
from .extract import NARRATIVE
from .formats import FormatError, choose, load_formats
from .judging import TEXT_NAME, Judged, Namer, judge_document, title_year
from .tables import shown
from .texts import DOCUMENT_UNREADABLE, LATE, NO_YEAR

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TAIL = 6
"""How many last paragraphs may hold the report's own date (its 落款)."""


def read_report(path: str, year: int | None = None, kind: str | None = None) -> ReportReading:
    """The report at ``path`` read and judged; a file that cannot be read is the ``problem``."""
    try:
        document = read_document(Path(path))
    except DocumentError as error:
        params = {**error.params, "file": path, "problem": error.code}
        return ReportReading(path, problem=Problem(DOCUMENT_UNREADABLE, params))
    year = year or title_year(document)
    if year is None:
        return ReportReading(path, problem=Problem(NO_YEAR, {"file": path}))
    try:
        fmt = choose(year, load_formats())
    except FormatError as error:
        return ReportReading(path, year=year, problem=Problem(error.code, error.params))
    judged = judge_document(document, fmt)
    findings = [Finding(b.code, "", b.records, None, b.params) for b in judged.breaks]
    notes: list[str] = []
    if kind is not None:
        findings += _deadline(document, year, kind, notes)
    return ReportReading(
        document=path,
        format=fmt.id,
        year=year,
        figures=tuple(_figures(judged)),
        findings=tuple(findings),
        unread=tuple(
            f"{what}" + (f"（{where.zh()}）" if where else "")
            for what, where in judged.extracted.unread
        ),
        notes=tuple(notes),
    )


def _figures(judged: Judged) -> Iterator[ReadFigure]:
    """Every figure read, as the typed ``figures`` would give it (``path.percent`` beside
    ``path.value`` when a share or change is printed), grouped by table, then the text."""
    namer = Namer(judged.format)
    groups = {
        spec.figure_path(row, column): spec.titles[0]
        for spec in judged.format.tables
        for row in spec.rows
        for column in spec.columns
    }
    found = judged.extracted.figures
    ordered = sorted(found, key=lambda path: path.startswith(NARRATIVE))
    for path in ordered:
        figure, where = found[path].figure, found[path].where.zh()
        group = TEXT_NAME if path.startswith(NARRATIVE) else groups.get(path, "")
        parts = {"percent": figure.percent, "change": figure.change}
        stated = {part: value for part, value in parts.items() if value is not None}
        if not stated:
            yield ReadFigure(path, shown(figure.value), group, namer(path), where)
            continue
        yield ReadFigure(f"{path}.value", shown(figure.value), group, namer(path), where)
        for part, value in stated.items():
            yield ReadFigure(f"{path}.{part}", shown(value), group, namer(path), where)


def printed_date(document: Document) -> dt.date | None:
    """The date the report prints at its end (its 落款), if one of its last paragraphs is one."""
    for paragraph in reversed(document.paragraphs[-_TAIL:]):
        match = _DATE.fullmatch(paragraph.text.strip())
        if match is not None:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _deadline(document: Document, year: int, kind: str, notes: list[str]) -> list[Finding]:
    """``annual_report.late`` when the report's printed date is after its national due date."""
    try:
        due = ReportDueRule.of({}).due_date(year, kind)
    except MissingDate:
        notes.append(f"{kind}：国家规定未给出{year}年度报告的公布期限，由评估方案规定")
        return []
    notes.append(f"公布期限：{due.day.isoformat()}（{due.words.zh}）")
    published = printed_date(document)
    if published is None:
        notes.append("报告末尾未印落款日期，未判断是否按时公布")
        return []
    notes.append(f"报告落款日期：{published.isoformat()}")
    if published <= due.day:
        return []
    params = {
        **terms(rule=due.words),
        "year": year,
        "published": published,
        "due": due.day,
        "days": (published - due.day).days,
    }
    return [Finding(LATE, "", ("annual_report.published_on",), None, params)]

"""Ranking tables in text: table (terminal), markdown; csv and json are delegated.

Renderers only format what the results hold; no score is recomputed here.
Units keep the engine's order (kind, rank, id) and are grouped into one table per
kind, in the scheme's ``unit_types`` order. Output is byte-for-byte deterministic.
Everything a unit wrote passes through :mod:`evaluator._reports.escaping`: one
line per unit, no control or direction characters, markdown escaped.

:func:`write` writes to a stream piece by piece (a table, a unit's lost points,
a unit's JSON object): rankings need only the units' summaries, and each unit's
findings are read (:meth:`Evaluation.detailed`) only while its piece is written,
so an evaluation that spooled its details is never held whole in memory.
:func:`render` returns the same text as a string. Every form ends with the
submissions that could not be scored (未评分), so that no unit vanishes silently.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from tabulate import tabulate

from evaluator._core.model import Evaluation, Robustness
from evaluator._reports import cells, review_cells
from evaluator._reports.csv_tables import write_csv
from evaluator._reports.escaping import display_text, markdown_cell, markdown_code
from evaluator._reports.json_results import (
    reviews_document,
    unit_document,
    warning_documents,
    write_json,
)
from evaluator._reports.labels import label

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["FORMATS", "LONG_TEXT", "render", "write"]

FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json")
LONG_TEXT = 1000
"""Longest message shown in a text table cell (names are cut at 200)."""
SHORT_REASON = 160
"""Longest reason shown for a submission that could not be scored."""
MISSING = cells.MISSING

Row = list[str]
Doc = Mapping[str, Any]


@dataclass(frozen=True)
class _Style:
    """How a text format writes headings, tables, list items and cells."""

    tablefmt: str
    heading: Callable[[str, int], str]
    item: str
    code: Callable[[str], str]
    escape: Callable[[str], str]


def _plain(text: str) -> str:
    return display_text(text, LONG_TEXT)


def _markdown(text: str) -> str:
    return markdown_cell(text, LONG_TEXT)


# "outline" pads every line to the same width (with wcwidth for CJK) and uses
# ASCII borders, which stay narrow in terminals that draw box characters wide.
_STYLES: dict[str, _Style] = {
    "table": _Style(
        tablefmt="outline",
        heading=lambda text, level: text,
        item="  ",
        code=_plain,
        escape=_plain,
    ),
    "markdown": _Style(
        tablefmt="pipe",
        heading=lambda text, level: f"{'#' * level} {text}",
        item="- ",
        code=markdown_code,
        escape=_markdown,
    ),
}


def render(
    ev: Evaluation,
    fmt: str,
    *,
    lang: str = "zh",
    detail: bool = False,
    baseline: Baseline | None = None,
) -> str:
    """The evaluation as text in ``fmt`` (one of FORMATS); ``detail`` adds lost points."""
    out = io.StringIO()
    write(ev, fmt, out, lang=lang, detail=detail, baseline=baseline)
    return out.getvalue()


def write(
    ev: Evaluation,
    fmt: str,
    stream: TextIO,
    *,
    lang: str = "zh",
    detail: bool = False,
    baseline: Baseline | None = None,
) -> None:
    """Write the text of :func:`render` to ``stream``, piece by piece."""
    label("rank", lang)  # rejects an unknown language before any work
    if fmt == "json":
        write_json(ev, stream, baseline, lang)
    elif fmt == "csv":
        write_csv(ev, stream, lang=lang, detail=detail, baseline=baseline)
    elif fmt in _STYLES:
        _write_text(ev, _STYLES[fmt], lang, detail, baseline, stream)
    else:
        raise ValueError(f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}")


# ---------------------------------------------------------------- table, markdown


def _write_text(
    ev: Evaluation,
    style: _Style,
    lang: str,
    detail: bool,
    baseline: Baseline | None,
    stream: TextIO,
) -> None:
    """The blocks, separated by a blank line, and a newline after the last."""
    written = False
    for block in _text_blocks(ev, style, lang, detail, baseline):
        stream.write("\n\n" + block if written else block)
        written = True
    if written:
        stream.write("\n")


def _text_blocks(
    ev: Evaluation, style: _Style, lang: str, detail: bool, baseline: Baseline | None
) -> Iterator[str]:
    precision = ev.scheme.precision
    pairs = [
        (u, unit_document(ev, u, detailed=False, baseline=baseline, lang=lang)) for u in ev.units
    ]
    by_id = {doc["id"]: unit for unit, doc in pairs}
    record = None if ev.reviews is None else reviews_document(ev.reviews, lang)
    reviewed = review_cells.has_reviews(record, (doc for _, doc in pairs))
    for kind, docs in cells.groups(ev.scheme.unit_types, (doc for _, doc in pairs)):
        yield _ranking_block(ev, kind, docs, style, lang, baseline is not None, reviewed)
        if detail:
            # read back one unit at a time: the summary does not hold audit findings
            for doc in docs:
                full = unit_document(ev, by_id[doc["id"]], lang=lang)
                if cells.lost_indicators(full, precision) or full.get("reviews"):
                    yield _detail_block(full, precision, style, lang)
    if baseline is not None:
        yield _baseline_block(baseline, [doc for _, doc in pairs], ev, style, lang)
        if reviewed:  # what the review withdrew since the file compared with
            withdrawn = [
                cells.unit_ref(full, lang) + label("colon", lang) + line
                for unit in ev.units
                for full in [unit_document(ev, unit, baseline=baseline, lang=lang)]
                for line in review_cells.withdrawn_lines(full, precision, lang)
            ]
            if withdrawn:
                yield _list_block(label("withdrawn", lang), withdrawn, style)
    warnings = _warnings([doc for _, doc in pairs], warning_documents(ev, lang), lang)
    if warnings:
        yield _list_block(label("warnings", lang), warnings, style)
    if ev.errors:
        yield _unscored_block(ev, style, lang)


def _table(headers: Row, rows: Sequence[Row], align: Sequence[str], style: _Style) -> str:
    escaped = [[style.escape(c) for c in row] for row in rows]
    return tabulate(
        escaped,
        headers=[style.escape(h) for h in headers],
        tablefmt=style.tablefmt,
        colalign=list(align),
        disable_numparse=True,
    )


def _ranking_block(
    ev: Evaluation,
    kind: str,
    units: list[Doc],
    style: _Style,
    lang: str,
    compared: bool,
    reviewed: bool = False,
) -> str:
    """The heading and ranking table of one unit kind (``reviewed``: with the 复核 column
    marking the units whose score a review decision changed, and its footnote)."""
    display = ev.scheme.unit_types.get(kind, kind)
    title = style.heading(style.escape(ev.scheme.name + label("title_sep", lang) + display), 2)
    dims = cells.dimension_columns([d.id for d in ev.scheme.dimensions], units)
    precision = ev.scheme.precision
    robustness = ev.robustness
    range_column = [] if robustness is None else [label("rank_range", lang)]
    compare_keys = ("prev_total", "prev_rank", "prev_grade", "change") if compared else ()
    headers = [label("rank", lang), *range_column] + [label(k, lang) for k in ("unit", "id")]
    headers += [d["name"] for d in dims] + [label(k, lang) for k in ("total", "grade")]
    headers += [label(k, lang) for k in (*compare_keys, *(("review",) if reviewed else ()))]
    headers.append(label("note", lang))
    rows = [
        [cells.rank_text(u)]
        + ([] if robustness is None else [cells.rank_range_text(u, lang)])
        + [display_text(u["name"]), display_text(u["id"])]
        + [cells.fixed(cells.dimension_score(u, d["id"]), precision) for d in dims]
        + [cells.fixed(u["total"], precision), u["grade"] or MISSING]
        + (_compared(u, precision, lang) if compared else [])
        + ([review_cells.review_mark(u, lang) or MISSING] if reviewed else [])
        + [cells.note(u, lang)]
        for u in units
    ]
    align = ["right"] * (1 + len(range_column)) + ["left", "left"] + ["right"] * len(dims)
    align += ["right", "left"] + (["right", "right", "left", "right"] if compared else [])
    align += ["left"] * (2 if reviewed else 1)
    block = title + "\n\n" + _table(headers, rows, align, style)
    if reviewed:
        block += "\n\n" + style.escape(label("review_note", lang))
    if robustness is not None:
        block += "\n\n" + _plain(_robustness_note(robustness, lang))
    return block


def _compared(unit: Doc, precision: int, lang: str) -> Row:
    """Previous total, rank, grade and the change; a new unit is marked as such."""
    before = unit.get("baseline")
    if before is None:
        return [MISSING, MISSING, MISSING, label("new_unit", lang)]
    rank = MISSING if before["rank"] is None else str(before["rank"])
    return [
        cells.fixed(before["total"], precision),
        rank,
        before["grade"] or MISSING,
        cells.signed(before["change"], precision),
    ]


def _robustness_note(robustness: Robustness, lang: str) -> str:
    """The line under a ranking table saying what was perturbed, how much and how often."""
    note = label("rank_range_note", lang).format(
        spread=f"{robustness.spread * 100:g}%", draws=robustness.draws, seed=robustness.seed
    )
    if robustness.small_counts:
        indicators = label("list_sep", lang).join(robustness.small_counts)
        note += label("rank_range_small_counts", lang).format(indicators=indicators)
    return note


def _detail_block(unit: Doc, precision: int, style: _Style, lang: str) -> str:
    """扣分明细 of one unit: a row per finding of each indicator that lost points
    (and every ``integrity.``/``audit.`` finding, whatever it cost)."""
    title = label("lost_points", lang) + label("colon", lang) + cells.unit_ref(unit, lang)
    keys = ("indicator", "score", "lost", "finding", "deduction", "records")
    headers = [label(k, lang) for k in keys]
    rows = [
        row
        for i in cells.lost_indicators(unit, precision)
        for row in _indicator_rows(unit, i, precision, lang)
    ]
    align = ["left", "right", "right", "left", "right", "left"]
    block = style.heading(style.escape(title), 3)
    if rows:
        block += "\n\n" + _table(headers, rows, align, style)
    decisions = review_cells.review_lines(unit, precision, lang)
    if decisions:  # the decisions on the unit's contested findings, in brief
        items = [style.item + style.escape(line) for line in decisions]
        block += (
            "\n\n"
            + label("reviews", lang)
            + label("colon", lang).rstrip()
            + "\n"
            + "\n".join(items)
        )
    return block


def _indicator_rows(unit: Doc, ind: Doc, precision: int, lang: str) -> list[Row]:
    """The indicator's score on its first row, then one row per finding shown."""
    name = str(ind["name"])
    if ind["status"] in ("error", "no_data"):
        name += label("paren", lang).format(text=label(f"status_{ind['status']}", lang))
    head = [name, *cells.score_cells(unit, ind, precision, lang)]
    findings = [
        [
            f["message"],
            cells.deduction_text(f, precision, lang),
            cells.records_text(f["records"], lang),
        ]
        for f in cells.shown_findings(ind, precision)
    ] or [["", "", ""]]
    return [head + findings[0]] + [["", "", "", *rest] for rest in findings[1:]]


def _baseline_block(
    baseline: Baseline, units: list[Doc], ev: Evaluation, style: _Style, lang: str
) -> str:
    """What the tables were compared with, why the comparison may mislead, and gone units."""
    source = label("baseline_source", lang).format(path=baseline.path, sha=baseline.sha256[:12])
    differences = baseline.differences(units, lang, plugins=ev.plugins)
    lines = [source] + [w["message"] for w in differences]
    gone = baseline.gone(u["id"] for u in units)
    if gone:
        names = label("list_sep", lang).join(
            baseline.units[g].name + label("paren", lang).format(text=g) for g in gone
        )
        lines.append(label("baseline_gone", lang) + label("colon", lang) + names)
    return _list_block(label("baseline", lang), lines, style)


def _unscored_block(ev: Evaluation, style: _Style, lang: str) -> str:
    """未评分: each input that could not be read, where, and the reason in short."""
    lines = [
        f"{style.item}{style.code(str(e.location))}: "
        f"{style.escape(display_text(e.text(lang), SHORT_REASON))}"
        for e in ev.errors
    ]
    return style.heading(label("unscored", lang), 2) + "\n\n" + "\n".join(lines)


def _warnings(units: list[Doc], run: Sequence[Any], lang: str) -> list[str]:
    """The run's warnings, then each unit's, named by unit."""
    unit_warnings = [
        cells.unit_ref(u, lang) + label("colon", lang) + cells.warning_text(w)
        for u in units
        for w in u["warnings"]
    ]
    return [cells.warning_text(w) for w in run] + unit_warnings


def _list_block(title: str, items: Sequence[str], style: _Style) -> str:
    lines = [style.item + style.escape(item) for item in items]
    return style.heading(title, 2) + "\n\n" + "\n".join(lines)

"""Ranking tables from an :class:`~evaluator.model.Evaluation`: table, markdown, csv, json.

Renderers only format what the evaluation holds; no score is recomputed here.
Units keep the engine's order (kind, rank, id) and are grouped into one table per
kind, in the scheme's ``unit_types`` order. Output is byte-for-byte deterministic.

:func:`write` writes to a stream piece by piece (a table, a unit's lost points,
a unit's JSON object): rankings need only the units' summaries, and each unit's
findings are read (:meth:`Evaluation.detailed`) only while its piece is written,
so an evaluation that spooled its details is never held whole in memory.
:func:`render` returns the same text as a string.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from tabulate import tabulate

from evaluator.model import Evaluation, IndicatorResult, InputError, Robustness, UnitResult
from evaluator.reports.json_results import write_json
from evaluator.reports.labels import label

FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json")
RECORDS_SHOWN = 10
MISSING = "—"

Row = list[str]


@dataclass(frozen=True)
class _Style:
    """How a text format writes headings, tables, list items and cells."""

    tablefmt: str
    heading: Callable[[str, int], str]
    item: str
    code: Callable[[str], str]
    escape: Callable[[str], str]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _markdown_cell(text: str) -> str:
    return _plain(text).replace("|", "\\|")


# "outline" pads every line to the same width (with wcwidth for CJK) and uses
# ASCII borders, which stay narrow in terminals that draw box characters wide.
_STYLES: dict[str, _Style] = {
    "table": _Style(
        tablefmt="outline",
        heading=lambda text, level: text,
        item="  ",
        code=lambda text: text,
        escape=_plain,
    ),
    "markdown": _Style(
        tablefmt="pipe",
        heading=lambda text, level: f"{'#' * level} {text}",
        item="- ",
        code=lambda text: f"`{text}`",
        escape=_markdown_cell,
    ),
}


def render(ev: Evaluation, fmt: str, *, lang: str = "zh", detail: bool = False) -> str:
    """The evaluation as text in ``fmt`` (one of FORMATS); ``detail`` adds lost points."""
    out = io.StringIO()
    write(ev, fmt, out, lang=lang, detail=detail)
    return out.getvalue()


def write(
    ev: Evaluation, fmt: str, stream: TextIO, *, lang: str = "zh", detail: bool = False
) -> None:
    """Write the text of :func:`render` to ``stream``, piece by piece."""
    label("rank", lang)  # rejects an unknown language before any work
    if fmt == "json":
        write_json(ev, stream, lang)
    elif fmt == "csv":
        _write_csv(ev, lang, stream)
    elif fmt in _STYLES:
        _write_text(ev, _STYLES[fmt], lang, detail, stream)
    else:
        raise ValueError(f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}")


# ---------------------------------------------------------------- shared pieces


def _fixed(value: float | None, precision: int) -> str:
    """A score with exactly ``precision`` decimals, or the missing mark."""
    return MISSING if value is None else f"{value:.{precision}f}"


def _compact(value: float, precision: int) -> str:
    """A point count rounded to ``precision`` without trailing zeros (``37.5``, ``40``)."""
    text = f"{value:.{precision}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _groups(ev: Evaluation) -> list[tuple[str, list[UnitResult]]]:
    """Units grouped by kind: scheme order first, then any other kind as first seen."""
    kinds = list(ev.scheme.unit_types)
    kinds += [k for k in dict.fromkeys(u.type for u in ev.units) if k not in kinds]
    groups = [(k, [u for u in ev.units if u.type == k]) for k in kinds]
    return [(k, units) for k, units in groups if units]


def _dimension_columns(ev: Evaluation, units: Iterable[UnitResult]) -> list[tuple[str, str]]:
    """(id, name) of the dimensions the units were scored on, in scheme order."""
    seen = {d.id: d.name for u in units for d in u.dimensions}
    ordered = [(d.id, d.name) for d in ev.scheme.dimensions if d.id in seen]
    known = {d.id for d in ev.scheme.dimensions}
    return ordered + [(i, n) for i, n in seen.items() if i not in known]


def _dimension_score(unit: UnitResult, dim_id: str) -> float | None:
    return next((d.score for d in unit.dimensions if d.id == dim_id), None)


def _names(indicators: Iterable[IndicatorResult], lang: str) -> str:
    return label("list_sep", lang).join(i.name for i in indicators)


def _note(unit: UnitResult, lang: str) -> str:
    """一票否决 with the vetoing indicators, 未完成 with the failed ones."""
    parts: list[str] = []
    if unit.vetoed:
        parts.append(_labelled("vetoed", [i for i in unit.indicators if i.vetoed], lang))
    if unit.status == "incomplete":
        failed = [i for i in unit.indicators if i.status == "error"]
        parts.append(_labelled("incomplete", failed, lang))
    return label("part_sep", lang).join(parts)


def _labelled(key: str, indicators: list[IndicatorResult], lang: str) -> str:
    if not indicators:
        return label(key, lang)
    return label(key, lang) + label("colon", lang) + _names(indicators, lang)


def _rank(unit: UnitResult) -> str:
    if unit.status == "incomplete" or unit.rank is None:
        return MISSING
    return str(unit.rank)


def _unit_ref(unit: UnitResult, lang: str) -> str:
    return unit.name + label("paren", lang).format(text=unit.id)


# ---------------------------------------------------------------- table, markdown


def _write_text(ev: Evaluation, style: _Style, lang: str, detail: bool, stream: TextIO) -> None:
    """The blocks, separated by a blank line, and a newline after the last."""
    written = False
    for block in _text_blocks(ev, style, lang, detail):
        stream.write("\n\n" + block if written else block)
        written = True
    if written:
        stream.write("\n")


def _text_blocks(ev: Evaluation, style: _Style, lang: str, detail: bool) -> Iterator[str]:
    precision = ev.scheme.precision
    for kind, units in _groups(ev):
        yield _ranking_block(ev, kind, units, style, lang)
        if detail:
            # a unit's summary tells whether it lost points; only those are read in full
            for u in units:
                if _lost(u, precision):
                    yield _detail_block(ev, ev.detailed(u), style, lang)
    if ev.errors:
        yield _errors_block(ev.errors, style, lang)
    warnings = _warnings(ev, lang)
    if warnings:
        yield _list_block(label("warnings", lang), warnings, style)


def _table(headers: Row, rows: Sequence[Row], align: Sequence[str], style: _Style) -> str:
    cells = [[style.escape(c) for c in row] for row in rows]
    return tabulate(
        cells,
        headers=[style.escape(h) for h in headers],
        tablefmt=style.tablefmt,
        colalign=list(align),
        disable_numparse=True,
    )


def _ranking_block(
    ev: Evaluation, kind: str, units: list[UnitResult], style: _Style, lang: str
) -> str:
    """The heading and ranking table of one unit kind."""
    display = ev.scheme.unit_types.get(kind, kind)
    title = style.heading(ev.scheme.name + label("title_sep", lang) + display, 2)
    dims = _dimension_columns(ev, units)
    precision = ev.scheme.precision
    robustness = ev.robustness
    range_column = [] if robustness is None else [label("rank_range", lang)]
    headers = [label("rank", lang), *range_column] + [label(k, lang) for k in ("unit", "id")]
    headers += [name for _, name in dims] + [label(k, lang) for k in ("total", "grade", "note")]
    rows = [
        [_rank(u)]
        + ([] if robustness is None else [_rank_range(robustness, u, lang)])
        + [u.name, u.id]
        + [_fixed(_dimension_score(u, d), precision) for d, _ in dims]
        + [_fixed(u.total, precision), u.grade or MISSING, _note(u, lang)]
        for u in units
    ]
    align = ["right"] * (1 + len(range_column)) + ["left", "left"] + ["right"] * len(dims)
    align += ["right", "left", "left"]
    block = title + "\n\n" + _table(headers, rows, align, style)
    if robustness is not None:
        block += "\n\n" + _plain(_robustness_note(robustness, lang))
    return block


def _rank_range(robustness: Robustness, unit: UnitResult, lang: str) -> str:
    """``p5–p95 (median m)`` of a ranked unit, or the missing mark."""
    found = robustness.ranges.get(unit.id)
    if found is None:
        return MISSING
    return label("rank_range_cell", lang).format(
        p5=found.p5, p95=found.p95, median=found.median_rank
    )


def _robustness_note(robustness: Robustness, lang: str) -> str:
    """The line under a ranking table saying what was perturbed, how much and how often."""
    return label("rank_range_note", lang).format(
        spread=f"{robustness.spread * 100:g}%", draws=robustness.draws, seed=robustness.seed
    )


def _lost(unit: UnitResult, precision: int) -> list[IndicatorResult]:
    """Indicators that cost the unit points (as shown) or could not be scored normally."""
    return [
        i
        for i in unit.indicators
        if i.status in ("error", "no_data")
        or (i.status == "ok" and round(i.max - i.points, precision) > 0)
    ]


def _detail_block(ev: Evaluation, unit: UnitResult, style: _Style, lang: str) -> str:
    """扣分明细 of one unit: a row per finding of each indicator that lost points."""
    title = label("lost_points", lang) + label("colon", lang) + _unit_ref(unit, lang)
    keys = ("indicator", "score", "lost", "finding", "deduction", "records")
    headers = [label(k, lang) for k in keys]
    precision = ev.scheme.precision
    rows = [row for i in _lost(unit, precision) for row in _indicator_rows(i, precision, lang)]
    align = ["left", "right", "right", "left", "right", "left"]
    return style.heading(title, 3) + "\n\n" + _table(headers, rows, align, style)


def _indicator_rows(ind: IndicatorResult, precision: int, lang: str) -> list[Row]:
    """The indicator's score on its first row, then one row per finding."""
    name = ind.name
    if ind.status in ("error", "no_data"):
        name += label("paren", lang).format(text=label(f"status_{ind.status}", lang))
    head = [
        name,
        f"{_compact(ind.points, precision)}/{_compact(ind.max, precision)}",
        _compact(ind.max - ind.points, precision),
    ]
    findings = [
        [
            f.message,
            "" if f.deduction is None else _compact(f.deduction, precision),
            _records(f.records, lang),
        ]
        for f in ind.findings
    ] or [["", "", ""]]
    return [head + findings[0]] + [["", "", "", *rest] for rest in findings[1:]]


def _records(records: Sequence[str], lang: str) -> str:
    """Records joined with commas, cut after RECORDS_SHOWN with the total count."""
    text = ", ".join(records[:RECORDS_SHOWN])
    if len(records) > RECORDS_SHOWN:
        text += " " + label("in_all", lang).format(n=len(records))
    return text


def _errors_block(errors: Sequence[InputError], style: _Style, lang: str) -> str:
    lines = [f"{style.item}{style.code(str(e.location))}: {_plain(e.text(lang))}" for e in errors]
    return style.heading(label("errors", lang), 2) + "\n\n" + "\n".join(lines)


def _warnings(ev: Evaluation, lang: str) -> list[str]:
    """The run's warnings, then each unit's, named by unit."""
    unit_warnings = [
        _unit_ref(u, lang) + label("colon", lang) + w.text(lang)
        for u in ev.units
        for w in u.warnings
    ]
    return [w.text(lang) for w in ev.warnings] + unit_warnings


def _list_block(title: str, items: Sequence[str], style: _Style) -> str:
    lines = [style.item + _plain(item) for item in items]
    return style.heading(title, 2) + "\n\n" + "\n".join(lines)


# ---------------------------------------------------------------- csv


def _write_csv(ev: Evaluation, lang: str, stream: TextIO) -> None:
    """One header row, then one row per unit in engine order; missing values are empty."""
    dims = _dimension_columns(ev, ev.units)
    precision = ev.scheme.precision
    robustness = ev.robustness
    range_keys = () if robustness is None else _CSV_RANGE_KEYS
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(
        [label(k, lang) for k in ("kind", "rank", *range_keys, "id", "unit")]
        + [name for _, name in dims]
        + [label(k, lang) for k in ("total", "grade", "note")]
    )
    for u in ev.units:
        rank = "" if u.status == "incomplete" or u.rank is None else str(u.rank)
        ranges = [] if robustness is None else _csv_rank_range(robustness, u)
        scores = [_dimension_score(u, d) for d, _ in dims]
        writer.writerow(
            [ev.scheme.unit_types.get(u.type, u.type), rank, *ranges, u.id, u.name]
            + ["" if s is None else _fixed(s, precision) for s in scores]
            + ["" if u.total is None else _fixed(u.total, precision), u.grade or "", _note(u, lang)]
        )


_CSV_RANGE_KEYS = ("rank_median", "rank_p5", "rank_p95", "rank_stable_share")


def _csv_rank_range(robustness: Robustness, unit: UnitResult) -> list[str]:
    """Median rank, P5, P95 and the share of draws keeping the rank; empty when unranked."""
    found = robustness.ranges.get(unit.id)
    if found is None:
        return [""] * len(_CSV_RANGE_KEYS)
    return [str(found.median_rank), str(found.p5), str(found.p95), str(found.stable_share)]

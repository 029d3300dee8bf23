"""CSV for spreadsheets: the ranking table, or with ``--detail`` the lost points.

A CSV file is one table, so nothing is added below it: the submissions that
could not be scored (未评分), and with ``--baseline`` the units gone since,
are rows of the same table, marked in its first column. Every text cell passes
through :func:`~evaluator._reports.escaping.spreadsheet_cell` (no formula runs
when Excel or WPS opens the file); numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from evaluator._core.model import Evaluation, InputError
from evaluator._reports import cells, review_cells
from evaluator._reports.escaping import display_text, spreadsheet_cell
from evaluator._reports.json_results import reviews_document, unit_document
from evaluator._reports.labels import label

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["finding_rows", "write_csv"]

RECORDS_LIMIT = 32_000
"""Longest records cell (a spreadsheet cell holds at most 32,767 characters)."""

Doc = Mapping[str, Any]


def write_csv(
    ev: Evaluation,
    stream: TextIO,
    *,
    lang: str = "zh",
    detail: bool = False,
    baseline: Baseline | None = None,
) -> None:
    """The ranking table (one row per unit), or with ``detail`` one row per finding shown."""
    writer = csv.writer(stream, lineterminator="\n")
    rows = _finding_table(ev, lang) if detail else _ranking_table(ev, lang, baseline)
    for row in rows:
        writer.writerow([spreadsheet_cell(c, RECORDS_LIMIT) for c in row])


_RANGE_KEYS = ("rank_median", "rank_p5", "rank_p95", "rank_stable_share")
_COMPARE_KEYS = ("prev_total", "prev_rank", "prev_grade", "change")


def _ranking_table(ev: Evaluation, lang: str, baseline: Baseline | None) -> Iterator[list[str]]:
    """One header row, then one row per unit in engine order; missing values are empty."""
    units = [unit_document(ev, u, detailed=False, baseline=baseline, lang=lang) for u in ev.units]
    dims = cells.dimension_columns([d.id for d in ev.scheme.dimensions], units)
    precision = ev.scheme.precision
    robustness = ev.robustness
    range_keys = () if robustness is None else _RANGE_KEYS
    compare_keys = () if baseline is None else _COMPARE_KEYS
    record = None if ev.reviews is None else reviews_document(ev.reviews, lang)
    reviewed = review_cells.has_reviews(record, units)  # a 复核 column only then
    header = [label(k, lang) for k in ("kind", "rank", *range_keys, "id", "unit")]
    header += [d["name"] for d in dims] + [label(k, lang) for k in ("total", "grade")]
    header += [label(k, lang) for k in (*compare_keys, *(("review",) if reviewed else ()))]
    header.append(label("note", lang))
    yield header
    width = len(header)
    for u in units:
        rank = "" if u["status"] == "incomplete" or u["rank"] is None else str(u["rank"])
        scores = [cells.dimension_score(u, d["id"]) for d in dims]
        yield (
            [ev.scheme.unit_types.get(u["type"], u["type"]), rank]
            + ([] if robustness is None else cells.rank_range_values(u))
            + [u["id"], u["name"]]
            + [_score(s, precision) for s in scores]
            + [_score(u["total"], precision), u["grade"] or ""]
            + ([] if baseline is None else _compared(u.get("baseline"), precision, lang))
            + ([review_cells.review_mark(u, lang)] if reviewed else [])
            + [cells.note(u, lang)]
        )
    if baseline is not None:
        for gone in baseline.gone(u["id"] for u in units):
            before = baseline.units[gone]
            row = [""] * width
            row[0], row[header.index(label("id", lang))] = label("baseline_gone", lang), gone
            row[header.index(label("unit", lang))] = before.name
            start = header.index(label("prev_total", lang))
            row[start : start + 3] = _previous(before.total, before.rank, before.grade, precision)
            yield row
    for error in ev.errors:
        row = [""] * width
        row[0] = label("unscored", lang)
        row[header.index(label("unit", lang))] = str(error.location)
        row[-1] = display_text(error.message)
        yield row


def _score(value: float | None, precision: int) -> str:
    return "" if value is None else cells.fixed(value, precision)


def _previous(
    total: float | None, rank: int | None, grade: str | None, precision: int
) -> list[str]:
    return [_score(total, precision), "" if rank is None else str(rank), grade or ""]


def _compared(before: Doc | None, precision: int, lang: str) -> list[str]:
    if before is None:
        return ["", "", "", label("new_unit", lang)]
    change = "" if before["change"] is None else cells.signed(before["change"], precision)
    return [*_previous(before["total"], before["rank"], before["grade"], precision), change]


# ---------------------------------------------------------------- lost points


_FINDING_KEYS = ("id", "unit", "dimension", "indicator", "lost", "code", "finding", "records")


def _finding_table(ev: Evaluation, lang: str) -> Iterator[list[str]]:
    """扣分明细 as one table: a header, a row per finding shown, then the unscored inputs."""
    yield [label(k, lang) for k in _FINDING_KEYS]
    for unit in ev.units:
        yield from finding_rows(unit_document(ev, unit, lang=lang), ev.scheme.precision, lang)
    for error in ev.errors:
        yield _unscored_row(error, lang)


def finding_rows(unit: Doc, precision: int, lang: str) -> Iterator[list[str]]:
    """The unit's lost points, one row per finding: id, name, dimension, indicator, points
    lost, code, message, records (all of them). An indicator that lost points without
    a finding gets one row with its loss; one that does not apply says so by its name."""
    dimensions = {d["id"]: d["name"] for d in unit["dimensions"]}
    for ind in cells.lost_indicators(unit, precision):
        head = [unit["id"], unit["name"], dimensions.get(ind["dimension"], ind["dimension"])]
        head.append(cells.indicator_label(unit, ind, precision, lang))
        shown = cells.shown_findings(ind, precision)
        if not shown:
            lost = cells.compact(ind["max"] - ind["points"], precision)
            yield [*head, lost, ind["status"], "", ""]
        for f in shown:
            deduction = "" if f["deduction"] is None else cells.compact(f["deduction"], precision)
            yield [*head, deduction, f["code"], f["message"], ", ".join(f["records"])]


def _unscored_row(error: InputError, lang: str) -> list[str]:
    """An input that could not be scored, in the lost-points table's columns."""
    return ["", str(error.location), "", "", "", label("unscored", lang), error.message, ""]

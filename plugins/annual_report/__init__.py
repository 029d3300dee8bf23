"""Annual report (政府信息公开工作年度报告): its statistics add up, and it came out on time.

A scheme for year Y judges the report covering Y−1, published during Y; a
report for another year is set aside, scoring 0 as if none were submitted.

- ``annual_report.arithmetic`` checks the report's tables (勾稽关系): parts add
  up to their totals (and their stated year-on-year changes to the total's),
  printed percentages match their counts when rounded half-up, a part never
  exceeds its whole, the two sides of a balance agree, and every figure the
  format requires is stated. The rules are params: a report format is a block
  of rules in a dimension file (``criteria/annual_report.yaml`` for the
  2008-era tables, ``criteria/formats/annual_report_2021.yaml`` for the
  national format of 国办公开办函〔2021〕30号).
- ``annual_report.deadline`` judges the report's publication against its due
  date, by the regulation in force on that date (the one rule in
  ``plugins/_disclosure/report_due.py``, which the key-area checklist's report
  items follow too): 31 March under the 2008 regulation (art. 31); under the
  2019 regulation 31 January for county-level-and-above departments (art. 49)
  and the scheme's date for streets.

Arithmetic is exact (``Decimal`` for printed figures, ``Fraction`` for points);
points are returned as a float computed from the exact value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from evaluator import (
    Finding,
    Outcome,
    ParamsCheck,
    Problem,
    ReportReading,
    Scorer,
    ScoringContext,
    Section,
    hookimpl,
    scorer,
)
from evaluator import __version__ as __version__  # the areas ship with evaluator, at its version
from evaluator.rules import terms

from .._disclosure.in_time import columns
from .._disclosure.report_due import ReportDue, ReportDueRule, RuleCodes, regulation
from .command import read_report
from .document import MESSAGES as DOCUMENT_MESSAGES
from .document import Document
from .formats import FormatError
from .judging import (
    NOWHERE,
    Judged,
    check_formats,
    format_for,
    judge_document,
    transcription,
)
from .schema import ARITHMETIC_PARAMS, DEADLINE_PARAMS, SCHEMA
from .sources import RECORD, Located, locate
from .tables import Figure, Tables, capped, figure_name, figures_of, shown
from .texts import (
    AFTER_SNAPSHOT,
    AT_MOST,
    BALANCE,
    BEFORE_YEAR_END,
    CHANGE,
    COUNT_MISMATCH,
    DEADLINE_OVERRIDE,
    DOCUMENT_DIFFERS,
    DOCUMENT_NOTE,
    DOCUMENT_UNREADABLE,
    DUE_KIND_MISSING,
    DUE_NOT_EVERY_YEAR,
    DUE_REGIME_MISSING,
    FORMAT_MESSAGES,
    LATE,
    MESSAGES,
    MISSING,
    NO_DOCUMENT,
    NO_FIGURES,
    NO_FORMAT,
    REGIME_OVERRIDDEN,
    SHARE,
    SUM,
    TEXT_TABLE,
    TRANSCRIPTION,
    UNDATED,
    WRONG_YEAR,
)

SECTION = "annual_report"


# ---------------------------------------------------------------- figures


DUE_CODES = RuleCodes(DUE_REGIME_MISSING, DUE_KIND_MISSING, DUE_NOT_EVERY_YEAR, DEADLINE_OVERRIDE)
"""The due-date rule's codes as this plugin gives them (their texts are the rule's)."""


def check_due(check: ParamsCheck) -> list[Problem]:
    """Every kind of the scheme needs a real due date under each regime that may decide it."""
    return ReportDueRule.of(check.params).check(check.scheme, DUE_CODES)


def _wrong_year(ctx: ScoringContext) -> Outcome | None:
    """Zero points when the report is not the one on the year before the scheme's."""
    year, expected = ctx.data["year"], ctx.year - 1
    if year == expected:
        return None
    finding = Finding(
        WRONG_YEAR,
        records=("annual_report.year",),
        deduction=ctx.max_points or None,
        params={"year": year, "expected": expected},
    )
    return Outcome(0.0, (finding,))


def _log_year(requests: Sequence[Mapping[str, Any]]) -> tuple[int, int] | None:
    """The year most of a request log's requests were received in, and how many (ids once)."""
    first: dict[str, dt.date] = {}
    for rid, received in zip(*columns(requests, "id", "received_on"), strict=True):
        first.setdefault(str(rid), received)
    years = Counter(day.year for day in first.values()).most_common(2)
    if not years or (len(years) == 2 and years[0][1] == years[1][1]):
        return None  # no log, or no one year holds most of it
    return years[0]


def compare_with_log(ctx: ScoringContext, figures: Mapping[str, Figure]) -> Iterator[Finding]:
    """An integrity finding when the report's requests total differs from the unit's log.

    Only when the report covers the year of the log (the year most of its
    requests were received in); it costs nothing by itself.
    """
    path = ctx.params["log_total"]
    figure = figures.get(path) if path else None
    log = (ctx.submission.get("responsiveness") or {}).get("requests")
    if figure is None or not log:
        return
    found = _log_year(log)
    if found is None or found[0] != ctx.data["year"]:
        return
    year, counted = found
    if figure.value != counted:
        values = {"year": year, "path": path, "stated": shown(figure.value), "counted": counted}
        values["name"] = figure_name(path, ctx.params["labels"])
        yield Finding(COUNT_MISMATCH, "", (path, "responsiveness.requests"), None, values)


def expected_figures(params: Mapping[str, Any]) -> dict[str, str | tuple[str, str]]:
    """The rows a template lists under 统计数据: every required figure, as its table states it.

    A figure whose printed share a rule checks gets rows for its value, share and
    change; one in a sum, for its value and change; any other, one row. Each row
    is labelled by the figure's Chinese name (:func:`figure_name`) and what it holds,
    and explained.
    """
    shared: set[str] = set()
    summed: set[str] = set()
    for rule in params["rules"]:
        if "share" in rule:
            shared.update(rule["share"])
        if "sum" in rule:
            summed.update([rule["sum"], *rule["of"]])
    labels: Mapping[str, str] = params.get("labels") or {}
    rows: dict[str, str | tuple[str, str]] = {}
    for path in params["required"]:
        name = figure_name(path, labels)
        if path in shared or path in summed:
            rows[f"figures.{path}.value"] = (
                f"{name}：数值",
                f"{name}：数值（必填） / the figure",
            )
            if path in shared:
                rows[f"figures.{path}.percent"] = (
                    f"{name}：占比（%）",
                    f"{name}：占比，报告所列，单位%（可不填） / share, %",
                )
            rows[f"figures.{path}.change"] = (
                f"{name}：同比增减",
                f"{name}：同比增减（可不填） / change on the year before",
            )
        else:
            rows[f"figures.{path}"] = (name, f"{name}：数值（必填） / the figure")
    return rows


DOCUMENT_CODES = (
    NO_DOCUMENT,
    DOCUMENT_UNREADABLE,
    DOCUMENT_NOTE,
    DOCUMENT_DIFFERS,
    NO_FIGURES,
    NO_FORMAT,
    TRANSCRIPTION,
)
"""What ``arithmetic`` says about the report's document (:mod:`.sources`, :mod:`.judging`)."""

ARITHMETIC_CODES = (
    WRONG_YEAR,
    COUNT_MISMATCH,
    MISSING,
    SUM,
    CHANGE,
    SHARE,
    AT_MOST,
    BALANCE,
    TEXT_TABLE,
    *DOCUMENT_CODES,
)
"""Every finding code ``arithmetic`` may give."""


def _without_document(ctx: ScoringContext, located: Located) -> Outcome | None:
    """Zero points when the document cannot be read, or is required and was not given."""
    if located.unreadable is not None:
        return Outcome(0.0, (located.unreadable,), documents=located.documents)
    if not located.given and ctx.evidence.annual_report_document == "required":
        finding = Finding(NO_DOCUMENT, "", (RECORD,), ctx.max_points or None)
        return Outcome(0.0, (finding, *located.findings))
    return None


@scorer(
    "annual_report.arithmetic",
    records="columns",
    section=SECTION,
    params=ARITHMETIC_PARAMS,
    fields=expected_figures,
    check=check_formats,
    codes=ARITHMETIC_CODES,
)
def arithmetic(ctx: ScoringContext) -> Outcome:
    """The report's tables and text add up: sums, changes, printed shares, parts within
    totals, balances, the text against the tables.

    The published document is found first (:func:`.sources.locate`): each copy
    is recorded in the outcome, and one that cannot be read, or none when the
    scheme requires it, costs the indicator's points. A document is judged by
    its format (:mod:`.judging`), the typed figures compared with it; without
    one, the typed figures are judged by the scheme's rules.
    """
    located = locate(ctx)
    without = _without_document(ctx, located)
    if without is not None:
        return without
    document = located.document
    outcome = _judged(ctx) if document is None else _from_document(ctx, located, document)
    findings = (*outcome.findings, *located.findings)
    return Outcome(outcome.points, findings, documents=located.documents)


def _each(params: Mapping[str, Any]) -> dict[str, Fraction]:
    """What each break costs: ``per_break``, and ``per_missing`` for a missing figure."""
    each = dict.fromkeys(
        (SUM, CHANGE, SHARE, AT_MOST, BALANCE, TEXT_TABLE), Fraction(str(params["per_break"]))
    )
    each[MISSING] = Fraction(str(params["per_missing"]))
    return each


def _judged(ctx: ScoringContext) -> Outcome:
    """The typed figures judged by the scheme's rules (no document was given)."""
    figures = figures_of(ctx.data.get("figures") or {})
    integrity = tuple(compare_with_log(ctx, figures))
    set_aside = _wrong_year(ctx)
    if set_aside is not None:
        return Outcome(0.0, (*set_aside.findings, *integrity))
    tables = Tables(figures, ctx.params["required"], ctx.params["decimals"], ctx.params["labels"])
    for rule in ctx.params["rules"]:
        tables.apply(rule)
    for path in ctx.params["required"]:
        tables.missing(path)
    breaks = [replace(b, params={**b.params, **NOWHERE}) for b in tables.breaks]
    outcome = capped(ctx.max_points, breaks, _each(ctx.params))
    return Outcome(outcome.points, (*outcome.findings, *integrity))


def _from_document(ctx: ScoringContext, located: Located, document: Document) -> Outcome:
    """The document's figures judged by its format; the typed ones compared with them.

    A report on another year scores 0 but is still held to the unit's request
    log of the year it covers, as typed figures are.
    """
    set_aside = _wrong_year(ctx)
    file = located.documents[0].path
    try:
        fmt = format_for(ctx.data["year"], ctx.params, ctx.evidence.criteria)
    except FormatError:
        if set_aside is not None:
            return set_aside
        note = Finding(NO_FORMAT, "", (RECORD,), None, {"year": ctx.data["year"], "file": file})
        instead = _judged(ctx)
        return Outcome(instead.points, (*instead.findings, note))
    judged = judge_document(document, fmt)
    if set_aside is not None:
        return Outcome(0.0, (*set_aside.findings, *_against_log(ctx, judged)))
    if not judged.any_figure:
        values = {"file": file, "format": fmt.id, "format_name": fmt.name}
        return Outcome(0.0, (Finding(NO_FIGURES, "", (RECORD,), ctx.max_points or None, values),))
    typed = figures_of(ctx.data.get("figures") or {})
    paths = ctx.params["document_paths"]
    copied = tuple(transcription(typed, judged, paths))
    integrity = _against_log(ctx, judged)
    outcome = capped(ctx.max_points, judged.breaks, _each(ctx.params))
    return Outcome(outcome.points, (*outcome.findings, *copied, *integrity))


def _against_log(ctx: ScoringContext, judged: Judged) -> tuple[Finding, ...]:
    """The document's requests total against the unit's log (the scheme's typed name for it
    looked up through ``document_paths``)."""
    found = judged.extracted.values()
    paths = ctx.params["document_paths"]
    as_typed = {**found, **{t: found[d] for t, d in paths.items() if d in found}}
    return tuple(compare_with_log(ctx, as_typed))


# ---------------------------------------------------------------- deadline


def due_date(ctx: ScoringContext) -> ReportDue:
    """When the unit's report on its ``year`` fell due, by the law in force on that date."""
    return ReportDueRule.of(ctx.params).due_date(ctx.data["year"], ctx.unit.type)


def _notes(ctx: ScoringContext, due: ReportDue, records: tuple[str, ...]) -> tuple[Finding, ...]:
    """What every judged report says about its date: the scheme's override, or its regime
    set aside for the law's (as for requests, the scheme's regime never decides)."""
    override = due.override_finding(DEADLINE_OVERRIDE, records)
    if override is not None:
        return (override,)
    if ctx.regime in ("auto", due.law):
        return ()
    params = {
        **terms(law=due.words, scheme=regulation(ctx.regime)),
        "year": due.year,
        "due": due.day,
    }
    return (Finding(REGIME_OVERRIDDEN, "", records, None, params),)


DEADLINE_CODES = (
    WRONG_YEAR,
    UNDATED,
    AFTER_SNAPSHOT,
    BEFORE_YEAR_END,
    LATE,
    DEADLINE_OVERRIDE,
    REGIME_OVERRIDDEN,
)
"""Every finding code ``deadline`` may give."""


@scorer(
    "annual_report.deadline",
    records="columns",
    section=SECTION,
    params=DEADLINE_PARAMS,
    check=check_due,
    codes=DEADLINE_CODES,
)
def deadline(ctx: ScoringContext) -> Outcome:
    """The report on the year before was published by its statutory date."""
    set_aside = _wrong_year(ctx)
    if set_aside is not None:
        return set_aside
    year, published = ctx.data["year"], ctx.data.get("published_on")
    records = ("annual_report.published_on",)
    due = due_date(ctx)
    notes = _notes(ctx, due, records)
    lost = ctx.max_points or None
    if published is None:
        return Outcome(0.0, (Finding(UNDATED, "", records, lost), *notes))
    if published > ctx.as_of:
        values = {"published": published, "as_of": ctx.as_of}
        return Outcome(0.0, (Finding(AFTER_SNAPSHOT, "", records, lost, values), *notes))
    if published <= dt.date(year, 12, 31):
        values = {"published": published, "year": year}
        return Outcome(0.0, (Finding(BEFORE_YEAR_END, "", records, lost, values), *notes))
    if published <= due.day:
        return Outcome(ctx.max_points, notes)
    days = (published - due.day).days
    zero = ctx.params["zero_after_days"]
    kept = Fraction(ctx.max_points) * Fraction(max(zero - days, 0), zero)
    values = {
        **terms(rule=due.words),
        "year": year,
        "published": published,
        "due": due.day,
        "days": days,
    }
    lost_late = float(Fraction(ctx.max_points) - kept)
    return Outcome(float(kept), (Finding(LATE, "", records, lost_late, values), *notes))


# ---------------------------------------------------------------- hooks


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="年度报告")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [arithmetic, deadline]


@hookimpl
def read_published_report(path: str, year: int | None, kind: str | None) -> ReportReading:
    """``evaluate annual-report FILE``: the report read and judged (:mod:`.command`)."""
    return read_report(path, year, kind)


@hookimpl
def register_messages() -> dict[str, dict[str, str]]:
    return {**MESSAGES, **FORMAT_MESSAGES, **DOCUMENT_MESSAGES, **DUE_CODES.messages()}

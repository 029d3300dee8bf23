"""Safeguards and supervision (保障监督机制): how a unit organises its disclosure work.

One indicator per element, each worth the points its criteria give: a disclosure
office with staff named (``safeguards.office``; ``safeguards.office_veto`` for a
scheme that makes a missing office a single veto, as its stated choice), the
disclosure guide and catalogue published and updated within the year
(``safeguards.published``), training sessions (``safeguards.training``), the
elements a unit states and the evaluator cannot see from its desk
(``safeguards.element``: disclosure work in the performance assessment,
accountability rules, a social review), and the annual report, whose
publication the annual-report dimension judges (``safeguards.annual_report``
names it there rather than scoring it twice).

The guide and catalogue are the one place the evaluator checks for itself: its
check (the fact ``guide_check``: the date and what it found) decides where it
has one; else the unit's statement is judged and listed to verify
(``audit.guide_unverified``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from evaluator import (
    Fact,
    Finding,
    Outcome,
    ParamsCheck,
    Problem,
    Scorer,
    ScoringContext,
    Section,
    Templates,
    exact_number,
    hookimpl,
    scorer,
)
from evaluator import __version__ as __version__  # the areas ship with evaluator, at its version
from evaluator.rules import Term, terms

from .schema import (
    ANNUAL_REPORT_PARAMS,
    CHECK_FACT,
    DOCUMENT_PARAMS,
    DOCUMENTS,
    ELEMENT_PARAMS,
    ELEMENTS,
    FACTS,
    NO_OWN_PARAMS,
    SCHEMA,
    SECTION,
    TRAINING_PARAMS,
)
from .texts import (
    ELEMENT_MISSING,
    MESSAGES,
    NO_OFFICE,
    NO_STAFF,
    NOT_FOUND,
    NOT_PUBLISHED,
    NOT_UPDATED,
    REPORT_ELSEWHERE,
    REPORT_MISSING,
    REVIEW_OUTSIDE_YEAR,
    TRAINING_ELSEWHEN,
    TRAINING_SHORT,
    UNKNOWN_DIMENSION,
    UNVERIFIED,
)

Record = Mapping[str, Any]
BY_EVALUATOR = Term("评估方核查所见", "as the evaluator found it")
BY_UNIT = Term("单位自报", "as the unit states")
NO_DATE = Term("未报日期", "no date given")


def _full(ctx: ScoringContext) -> Outcome:
    return Outcome(exact_number(ctx.max_points))


def _nothing(ctx: ScoringContext, finding: Finding) -> Outcome:
    """No points, the finding carrying the whole loss."""
    whole = exact_number(ctx.max_points)
    lost = Finding(
        finding.code, records=finding.records, deduction=float(whole), params=finding.params
    )
    return Outcome(0, (lost,))


def _in_year(ctx: ScoringContext, day: dt.date | None, until: dt.date | None = None) -> bool:
    """Whether ``day`` falls in the assessed year, and not after ``until`` (the snapshot)."""
    end = min(dt.date(ctx.year, 12, 31), until or ctx.as_of)
    return day is not None and dt.date(ctx.year, 1, 1) <= day <= end


# ---------------------------------------------------------------- the office


def _office_finding(data: Record) -> Finding | None:
    """What is missing of the office element: the office itself, or its staff."""
    office = str(data.get("office", "")).strip()
    if not office:
        return Finding(NO_OFFICE, records=("safeguards.office",))
    if not str(data.get("staff", "")).strip():
        return Finding(NO_STAFF, records=("safeguards.staff",), params={"office": office})
    return None


@scorer(
    "safeguards.office",
    records="columns",
    section=SECTION,
    params=NO_OWN_PARAMS,
    codes=(NO_OFFICE, NO_STAFF),
)
def office(ctx: ScoringContext) -> Outcome:
    """Full points when a disclosure office and its staff are named (2008 条例 art. 4)."""
    missing = _office_finding(ctx.data)
    return _full(ctx) if missing is None else _nothing(ctx, missing)


@scorer(
    "safeguards.office_veto",
    records="columns",
    section=SECTION,
    params=NO_OWN_PARAMS,
    codes=(NO_OFFICE, NO_STAFF),
    vetoes=True,
    veto_codes=(NO_OFFICE,),
)
def office_veto(ctx: ScoringContext) -> Outcome:
    """As ``safeguards.office``, and no office named is a single veto: a scheme's stated choice."""
    missing = _office_finding(ctx.data)
    if missing is None:
        return _full(ctx)
    outcome = _nothing(ctx, missing)
    return Outcome(0, outcome.findings, veto=missing.code == NO_OFFICE)


# ---------------------------------------------------------------- the guide and catalogue


def guide_check(ctx: ScoringContext, document: str) -> tuple[dt.date, Record] | None:
    """The evaluator's check of ``document`` (``guide`` or ``catalogue``): its date and what it
    found, or ``None`` when it has not checked. The one place the plugin reads the fact."""
    check = ctx.facts.get(CHECK_FACT)
    if not check or document not in check:
        return None
    found: Record = check[document]
    return check["checked_on"], found


@scorer(
    "safeguards.published",
    records="columns",
    section=SECTION,
    params=DOCUMENT_PARAMS,
    codes=(NOT_PUBLISHED, NOT_FOUND, NOT_UPDATED, UNVERIFIED),
)
def published(ctx: ScoringContext) -> Outcome:
    """The guide or catalogue published and updated within the year (2008 条例 art. 10, 19;
    2019 art. 12): by the evaluator's check where it has one, else by the unit's statement."""
    document: str = ctx.params["document"]
    named = terms(document=DOCUMENTS[document])
    where = (f"safeguards.{document}",)
    checked = guide_check(ctx, document)
    if checked is not None:
        checked_on, found = checked
        if not found["found"]:
            return _nothing(
                ctx, Finding(NOT_FOUND, records=where, params={**named, "checked_on": checked_on})
            )
        updated = found.get("updated_on")
        if not _in_year(ctx, updated, checked_on):
            return _nothing(ctx, _not_updated(ctx, named, updated, BY_EVALUATOR, where))
        return _full(ctx)
    stated: Record = ctx.data.get(document, {})
    if not str(stated.get("url", "")).strip():
        return _nothing(ctx, Finding(NOT_PUBLISHED, records=where, params=named))
    updated = stated.get("updated_on")
    if not _in_year(ctx, updated):
        return _nothing(ctx, _not_updated(ctx, named, updated, BY_UNIT, where))
    note = Finding(
        UNVERIFIED, records=where, params={**named, "url": stated["url"], "updated_on": updated}
    )
    return Outcome(exact_number(ctx.max_points), (note,))


def _not_updated(
    ctx: ScoringContext,
    named: Mapping[str, str],
    updated: dt.date | None,
    by: Term,
    where: tuple[str, ...],
) -> Finding:
    last = NO_DATE if updated is None else Term(updated.isoformat(), updated.isoformat())
    params = {**named, **terms(by=by, last=last), "updated_on": updated, "year": ctx.year}
    return Finding(NOT_UPDATED, records=where, params=params)


# ---------------------------------------------------------------- training


@scorer(
    "safeguards.training",
    records="columns",
    section=SECTION,
    params=TRAINING_PARAMS,
    codes=(TRAINING_SHORT, TRAINING_ELSEWHEN),
)
def training(ctx: ScoringContext) -> Outcome:
    """Points in proportion to the training sessions held in the year, up to ``sessions``."""
    sessions: Iterable[Record] = ctx.data.get("trainings", ())
    held = [s["held_on"] for s in sessions]
    counted = [d for d in held if _in_year(ctx, d)]
    elsewhen = sorted(d for d in held if not _in_year(ctx, d))
    required: int = ctx.params["sessions"]
    whole = exact_number(ctx.max_points)
    points = whole * Fraction(min(len(counted), required), required)
    findings: list[Finding] = []
    if len(counted) < required:
        params = {"count": len(counted), "required": required, "year": ctx.year}
        short = Finding(
            TRAINING_SHORT,
            records=("safeguards.trainings",),
            deduction=float(whole - points),
            params=params,
        )
        findings.append(short)
    if elsewhen:
        dates = [d.isoformat() for d in elsewhen]
        noted = {"count": len(elsewhen), "dates": dates, "year": ctx.year}
        findings.append(Finding(TRAINING_ELSEWHEN, params=noted))
    return Outcome(points, tuple(findings))


# ---------------------------------------------------------------- stated elements


def _element_met(ctx: ScoringContext, element: str) -> Finding | None:
    """What fails ``element`` in the unit's section, or ``None`` when it is met."""
    stated: Record = ctx.data.get(element, {})
    where = (f"safeguards.{element}",)
    missing = Finding(ELEMENT_MISSING, records=where, params=terms(element=ELEMENTS[element]))
    if element == "assessment":
        return None if stated.get("included") else missing
    if element == "accountability":
        return None if str(stated.get("rules", "")).strip() else missing
    held = stated.get("held_on")
    if held is None:
        return missing
    if not _in_year(ctx, held):
        return Finding(
            REVIEW_OUTSIDE_YEAR, records=where, params={"held_on": held, "year": ctx.year}
        )
    return None


@scorer(
    "safeguards.element",
    records="columns",
    section=SECTION,
    params=ELEMENT_PARAMS,
    codes=(ELEMENT_MISSING, REVIEW_OUTSIDE_YEAR),
)
def element(ctx: ScoringContext) -> Outcome:
    """Full points for an element the unit states: disclosure work in its performance
    assessment, accountability rules, or a social review held in the year."""
    failed = _element_met(ctx, ctx.params["element"])
    return _full(ctx) if failed is None else _nothing(ctx, failed)


# ---------------------------------------------------------------- the annual report


def check_judged_in(check: ParamsCheck) -> list[Problem]:
    """``judged_in`` must name a dimension of the scheme, or the report would be judged nowhere."""
    dimension = check.params["judged_in"]
    known = [d.id for d in check.scheme.dimensions]
    if dimension is None or dimension in known:
        return []
    return [
        Problem(UNKNOWN_DIMENSION, {"param": "judged_in", "dimension": dimension, "known": known})
    ]


@scorer(
    "safeguards.annual_report",
    records="columns",
    section=None,
    params=ANNUAL_REPORT_PARAMS,
    codes=(REPORT_ELSEWHERE, REPORT_MISSING),
    check=check_judged_in,
)
def annual_report(ctx: ScoringContext) -> Outcome:
    """The annual report published: named, not scored, where the scheme judges it in another
    dimension (``judged_in``); judged here (a publication date) only when it does not."""
    report: Record = ctx.submission.get("annual_report") or {}
    day = report.get("published_on")
    dimension = ctx.params["judged_in"]
    if dimension is not None:
        shown = Term("未报公布日期", "no publication date given")
        if day is not None:
            shown = Term(f"{day.isoformat()}公布", f"published {day.isoformat()}")
        params = {"dimension": dimension, **terms(published=shown)}
        finding = Finding(REPORT_ELSEWHERE, records=("annual_report.published_on",), params=params)
        return Outcome(0, (finding,), status="not_applicable")
    if day is None:
        return _nothing(ctx, Finding(REPORT_MISSING, records=("annual_report.published_on",)))
    return _full(ctx)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="保障监督机制")]


@hookimpl
def register_facts() -> list[Fact]:
    return list(FACTS)


@hookimpl
def register_scorers() -> list[Scorer]:
    return [office, office_veto, published, training, element, annual_report]


@hookimpl
def register_messages() -> Templates:
    return MESSAGES

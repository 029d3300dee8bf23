"""Key-area disclosure (重点领域信息公开): checklist coverage, timeliness and findability.

A scheme's checklist (公开清单) names the items each kind of unit must publish.
The unit reports each publication of an item as one record: when the
information was formed and when (and where) it was published, and for a
recurring item the ``period`` it covers (``2016``, ``2016-Q1``, ``2016-03``).
Findings name a record ``<item>@<formed_on>`` (or ``<item>@<published_on>``,
or ``<item>#<n>``, its n-th record, without either). The three scorers judge
required items only; items not in the checklist are flagged
(``integrity.unknown_item``, once per item).

- coverage: an item counts when a record of it was published within the year
  (a publication counts for its period's year, or the next year for an item
  due by a day of the following year, else for its publication year; an item
  formed the year before and published within this one counts). A recurring
  item (checklist ``frequency``) earns its share in proportion to the
  periods of the year published.
- timeliness: each record is due by its item's deadline (other law wins:
  budgets 20 days after approval, 双公示 7 working days, the annual report by
  its statutory date, ``rule: annual_report``; else the scheme's working
  days), compared as calendar dates; it is judged in the run of the year it
  settles in (published in time: its publication; else its due day),
  unpublished ones past their due day included.
- designated column: each record published within the year.

An item the checklist marks ``judged_by`` a dimension the scheme has for the
unit's kind (the annual report, judged by ``annual_report.deadline``) is left
to that dimension by all three, and listed once by coverage
(``key_area.judged_elsewhere``), so that it is never scored twice.

Integrity: copies of a record (same item, dates and address, once ids and
addresses are normalised) count once, as the least favourable copy
(``integrity.duplicate_record``); a record formed after the snapshot is
disregarded; one published after it counts as unpublished; one published
before it was formed counts as published but earns nothing in any rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from evaluator import (
    ChecklistItem,
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
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    SET_ASIDE,
    SETTLED,
    DeadlineStatus,
    Settlement,
    settled_on,
    settlement,
    subject,
    terms,
)
from evaluator.section_schema import (
    BOOLEAN,
    CHECKLIST_ITEM,
    COUNT,
    DATE,
    ID,
    TEXT,
    array_of,
    params,
    record_schema,
)

from .._disclosure import report_due
from .._disclosure.findings import listing
from .._disclosure.labels import ITEM_RECORD, PUBLISHED, field
from .._disclosure.report_due import ReportDue, ReportDueRule, RuleCodes
from .review import (
    FREQUENCIES,
    RULES,
    KeyRecord,
    Review,
    deadline_of,
    due_periods,
    review,
)
from .texts import (
    DEADLINE_RULE_UNKNOWN,
    JUDGED_ELSEWHERE,
    MESSAGES,
    REPORT_DEADLINE_OVERRIDE,
    REPORT_DUE_KIND_MISSING,
    REPORT_DUE_NOT_EVERY_YEAR,
    REPORT_DUE_REGIME_MISSING,
)

SECTION = "key_area_disclosure"

_ITEM = record_schema(
    {
        "item": field(
            {**ID, CHECKLIST_ITEM: True},
            "事项",
            "公开清单中的事项编号或名称 / item id or name from the scheme's checklist",
        ),
        "formed_on": field(
            DATE, "形成日期", "信息形成或变更日期 / date the information was formed or changed"
        ),
        "published_on": field(
            DATE, "公开日期", "公开日期，未公开则省略 / publication date; absent = not published"
        ),
        "url": field(TEXT, "网址", "公开网址 / address where the item is published"),
        "in_designated_column": field(
            BOOLEAN,
            "是否在指定栏目",
            "是否在指定栏目公开（缺省为否）/ published in the designated column (absent = false)",
        ),
        "period": field(
            {"type": "string", "pattern": r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"},
            "所属期间",
            "本次公开所属的期间：年度 2016、季度 2016-Q1、月度 2016-03（按期公开的事项必填）/ "
            "the period this publication covers (required for recurring items)",
        ),
    },
    ["item"],
    "清单事项公开记录 / one publication of a checklist item",
)
SCHEMA: dict[str, Any] = record_schema(
    {
        "items": {
            **array_of(_ITEM, "清单事项公开情况 / how each checklist item was published"),
            "title": "重点领域公开",
        }
    },
    ["items"],
    "重点领域信息公开 / key-area disclosure",
)

_CHECKLISTS = {
    "type": "object",
    "additionalProperties": ID,
    "description": "单位类别 → 公开清单编号 / unit kind -> checklist id",
}

_REPORT_RULE = {
    "type": "object",
    "properties": report_due.PARAMS,
    "additionalProperties": False,
    "description": "年度报告公布期限规则的参数（清单事项 deadline: {rule: annual_report}），"
    "缺省按法定期限 / the annual report's due-date rule, for items whose deadline is "
    "{rule: annual_report}: due (regime -> kind -> MM-DD), ogi_2019_from, "
    "deadline_override; what is not given follows the national rule",
}

COVERAGE_PARAMS = params({"checklists": _CHECKLISTS}, required=["checklists"])
TIMELINESS_PARAMS = params(
    {
        "checklists": _CHECKLISTS,
        "within_working_days": {
            **COUNT,
            "description": "形成后应在多少个工作日内公开（清单事项另有期限的从其规定）/ "
            "working days allowed after formation, where the item sets no deadline",
        },
        "annual_report": _REPORT_RULE,
    },
    {"within_working_days": 20, "annual_report": {}},
    required=["checklists"],
)
COLUMN_PARAMS = COVERAGE_PARAMS

REPORT_DUE_CODES = RuleCodes(
    REPORT_DUE_REGIME_MISSING,
    REPORT_DUE_KIND_MISSING,
    REPORT_DUE_NOT_EVERY_YEAR,
    REPORT_DEADLINE_OVERRIDE,
)
"""The annual report's due-date rule's codes as this plugin gives them (texts: the rule's)."""


def check_checklists(check: ParamsCheck) -> list[Problem]:
    """Each named checklist must exist in the scheme, for a unit kind the scheme has."""
    scheme = check.scheme
    problems: list[Problem] = []
    for kind, name in check.params["checklists"].items():
        if kind not in scheme.unit_types:
            params = {"param": "checklists", "kind": kind, "kinds": list(scheme.unit_types)}
            problems.append(Problem("key_area.checklist_kind_unknown", params))
        if name not in scheme.checklists:
            known = sorted(scheme.checklists) or ["-"]
            params = {"param": f"checklists.{kind}", "checklist": name, "known": known}
            problems.append(Problem("key_area.checklist_unknown", params))
    return problems


def check_timeliness(check: ParamsCheck) -> list[Problem]:
    """The checklists, each item's deadline rule known, and the annual report's dates when a
    checklist leaves a report item to this scorer for some kind (no ``judged_by`` there)."""
    problems = check_checklists(check)
    scheme = check.scheme
    named = {
        kind: scheme.checklists[name]
        for kind, name in check.params["checklists"].items()
        if name in scheme.checklists
    }
    for checklist in {c.id: c for c in named.values()}.values():
        for item in checklist.items:
            rule = (item.deadline or {}).get("rule")
            if rule is not None and rule not in RULES:
                params = {"checklist": checklist.id, "item": item.id, "rule": rule}
                problems.append(Problem(DEADLINE_RULE_UNKNOWN, {**params, "known": list(RULES)}))
    judged_here = any(
        (item.deadline or {}).get("rule") == "annual_report"
        and (item.applies_to is None or kind in item.applies_to)
        and not item.judged_elsewhere(kind)
        for kind, checklist in named.items()
        for item in checklist.items
    )
    if judged_here:
        rule = ReportDueRule.of(check.params["annual_report"])
        problems.extend(rule.check(scheme, REPORT_DUE_CODES, "annual_report."))
    return problems


def _review(ctx: ScoringContext) -> Review | Outcome:
    """The unit's records, or why the rule does not apply to this unit."""
    checklists: Mapping[str, str] = ctx.params["checklists"]
    kind = ctx.unit.type
    if kind not in checklists:
        finding = Finding("key_area.no_checklist", params={"kind": kind})
        return Outcome(0, (finding,), "not_applicable")
    return review(ctx, checklists[kind])


def _outside_year(ctx: ScoringContext, record: KeyRecord, field: Any, day: Any) -> Finding:
    params = {
        **terms(subject=subject(ITEM_RECORD, record.label), field=field, effect=SET_ASIDE),
        "id": record.label,
        "day": day,
        "year": ctx.year,
    }
    return Finding(OUTSIDE_YEAR, records=(record.label,), params=params)


def _names(item: ChecklistItem) -> dict[str, Any]:
    return {"item": item.id, "name": item.name}


def _covering(ctx: ScoringContext, found: Review) -> tuple[list[KeyRecord], list[Finding]]:
    """Records published by the snapshot that cover this year; notes for those of other years."""
    covering: list[KeyRecord] = []
    notes: list[Finding] = []
    for item in found.required:
        for record in found.records.get(item.id, ()):
            if record.disregarded or record.published is None:
                continue
            if record.covers == ctx.year:
                covering.append(record)
            else:
                notes.append(_outside_year(ctx, record, PUBLISHED, record.published))
    return covering, notes


# ---------------------------------------------------------------- coverage

REVIEW_CODES = (
    "key_area.no_checklist",
    "integrity.duplicate_record",
    "integrity.unknown_item",
    "integrity.published_before_formed",
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
)
"""The codes every key-area scorer may give: the review of the unit's records (:mod:`.review`)."""
COVERAGE_CODES = (
    *REVIEW_CODES,
    JUDGED_ELSEWHERE,
    "key_area.nothing_required",
    "key_area.missing",
    "key_area.period_unmatched",
    "key_area.periods_missing",
)
TIMELINESS_CODES = (
    *REVIEW_CODES,
    "key_area.no_formed_date",
    "key_area.overdue",
    "key_area.late",
    "key_area.carried_over",
    "key_area.nothing_published",
    REPORT_DEADLINE_OVERRIDE,
)
COLUMN_CODES = (*REVIEW_CODES, "key_area.not_in_column", "key_area.nothing_published")


@scorer(
    "key_area.coverage",
    records="columns",
    section=SECTION,
    params=COVERAGE_PARAMS,
    check=check_checklists,
    codes=COVERAGE_CODES,
)
def coverage(ctx: ScoringContext) -> Outcome:
    """Share of the checklist items required of the unit that it published within the year."""
    found = _review(ctx)
    if isinstance(found, Outcome):
        return found
    elsewhere = _judged_elsewhere(found)
    if not found.required:
        listed = ctx.checklists.get(found.checklist)
        name = listed.name if listed is not None else found.checklist
        params = {"checklist": found.checklist, "checklist_name": name}
        nothing = Finding("key_area.nothing_required", params=params)
        return Outcome(0, (nothing, *elsewhere), "not_applicable")
    whole = exact_number(ctx.max_points)
    each = whole / len(found.required)
    covering, notes = _covering(ctx, found)
    by_item: dict[str, list[KeyRecord]] = {}
    for record in covering:
        by_item.setdefault(record.item.id, []).append(record)
    lost: list[Finding] = []
    credit = Fraction(0)
    for item in found.required:
        records = by_item.get(item.id, [])
        good = [r for r in records if r.problem is None]
        if item.frequency:
            share, findings = _periods(item, good, records, ctx.year, each)
            credit += share
            lost.extend(findings)
        elif good:
            credit += 1
        elif records:
            problem = records[0].problem
            assert problem is not None
            lost.append(problem.finding(records[0].label, float(each)))
        else:
            params = _names(item)
            lost.append(
                Finding(
                    "key_area.missing", records=(item.id,), deduction=float(each), params=params
                )
            )
    points = whole * credit / len(found.required)
    return Outcome(points, (*lost, *found.notes, *notes, *elsewhere))


def _judged_elsewhere(found: Review) -> tuple[Finding, ...]:
    """The note naming the required items another dimension judges, by dimension."""
    notes: list[Finding] = []
    for dimension in dict.fromkeys(i.judged_in for i in found.elsewhere):
        items = [i for i in found.elsewhere if i.judged_in == dimension]
        params = {"dimension": dimension, "names": "、".join(f"“{i.name}”" for i in items)}
        notes.append(Finding(JUDGED_ELSEWHERE, records=tuple(i.id for i in items), params=params))
    return tuple(notes)


def _periods(
    item: ChecklistItem,
    good: list[KeyRecord],
    records: list[KeyRecord],
    year: int,
    each: Fraction,
) -> tuple[Fraction, list[Finding]]:
    """A recurring item's share of credit: the periods of the year it published, and findings."""
    assert item.frequency is not None
    required = due_periods(item, year)
    frequency = FREQUENCIES[item.frequency]
    covered = {r.period for r in good if r.period in required}
    findings: list[Finding] = []
    for record in good:
        if record.period not in required:
            params = {**_names(item), **terms(frequency=frequency), "record": record.label}
            findings.append(
                Finding(
                    "key_area.period_unmatched",
                    records=(record.label,),
                    params={**params, "period": record.period or "—"},
                )
            )
    missing = [p for p in required if p not in covered]
    if not missing:
        return Fraction(1), findings
    if not good and records:  # published, but every record earns nothing
        problem = records[0].problem
        assert problem is not None
        return Fraction(0), [problem.finding(records[0].label, float(each)), *findings]
    share = Fraction(len(covered), len(required))
    params = {
        **_names(item),
        **terms(frequency=frequency),
        "covered": len(covered),
        "required": len(required),
        "missing": missing,
    }
    cost = float(each * (1 - share))
    findings.insert(
        0, Finding("key_area.periods_missing", records=(item.id,), deduction=cost, params=params)
    )
    return share, findings


# ---------------------------------------------------------------- timeliness and column


def _share(ctx: ScoringContext, judged: int, lost: list[Finding], notes: list[Finding]) -> Outcome:
    """Points in proportion to judged records that lost nothing (one finding per lost record)."""
    if not judged:
        return Outcome(0, (Finding("key_area.nothing_published"), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    return Outcome(whole * (judged - len(lost)) / judged, (*lost, *notes))


def _costing(findings: list[Finding], judged: int, max_points: float) -> list[Finding]:
    each = float(exact_number(max_points) / judged) if judged else 0.0
    return [Finding(f.code, f.message, f.records, each, f.params) for f in findings]


def _override(due: ReportDue | None, record: KeyRecord) -> tuple[Finding, ...]:
    """The audit note on a report item judged by a date the scheme chose over the law's."""
    note = None if due is None else due.override_finding(REPORT_DEADLINE_OVERRIDE, (record.label,))
    return () if note is None else (note,)


@scorer(
    "key_area.timeliness",
    records="columns",
    section=SECTION,
    params=TIMELINESS_PARAMS,
    check=check_timeliness,
    codes=TIMELINESS_CODES,
)
def timeliness(ctx: ScoringContext) -> Outcome:
    """Share of the records settling this year that were published by their deadline."""
    found = _review(ctx)
    if isinstance(found, Outcome):
        return found
    default: int = ctx.params["within_working_days"]
    report = ReportDueRule.of(ctx.params["annual_report"])
    failed: list[Finding] = []
    notes: list[Finding] = list(found.notes)
    carried: list[str] = []
    judged = 0
    for item in found.required:
        rule = deadline_of(item, default, report, ctx.unit.type)
        limit = rule.words
        for record in found.records.get(item.id, ()):
            if record.disregarded:
                continue
            names = {**_names(item), "record": record.label}
            if record.formed is None:
                if record.published is None or record.published.year != ctx.year:
                    continue
                judged += 1
                params = {**names, **terms(limit=limit), "published": record.published}
                failed.append(
                    Finding("key_area.no_formed_date", records=(record.label,), params=params)
                )
                continue
            published = record.published
            check = rule.check(record.formed, published, record.period, now=ctx.as_of)
            due = check.due
            run = settlement(published, due, year=ctx.year, now=ctx.as_of)
            if run is Settlement.PENDING:
                continue  # not yet due at the snapshot, due within the year
            if run is Settlement.LATER:
                carried.append(record.label)
                continue
            if run is Settlement.EARLIER:
                notes.append(_outside_year(ctx, record, SETTLED, settled_on(published, due)))
                continue
            judged += 1
            notes.extend(_override(rule.report_due(record.formed, record.period), record))
            if record.problem is not None:
                failed.append(record.problem.finding(record.label))
            elif check.status is DeadlineStatus.OVERDUE:
                params = {
                    **names,
                    **terms(limit=limit),
                    "formed": record.formed,
                    "due": due,
                    "snapshot": ctx.as_of,
                }
                failed.append(Finding("key_area.overdue", records=(record.label,), params=params))
            elif check.status is DeadlineStatus.LATE:
                params = {
                    **names,
                    **terms(limit=limit),
                    "formed": record.formed,
                    "due": due,
                    "published": published,
                }
                failed.append(Finding("key_area.late", records=(record.label,), params=params))
    if carried:
        notes.append(listing("key_area.carried_over", carried, next=ctx.year + 1))
    return _share(ctx, judged, _costing(failed, judged, ctx.max_points), notes)


@scorer(
    "key_area.designated_column",
    records="columns",
    section=SECTION,
    params=COLUMN_PARAMS,
    check=check_checklists,
    codes=COLUMN_CODES,
)
def designated_column(ctx: ScoringContext) -> Outcome:
    """Share of the records published within the year that sit in their designated column."""
    found = _review(ctx)
    if isinstance(found, Outcome):
        return found
    covering, notes = _covering(ctx, found)
    failed: list[Finding] = []
    for record in covering:
        if record.problem is not None:
            failed.append(record.problem.finding(record.label))
        elif not record.in_column:
            params = {**_names(record.item), "record": record.label, "published": record.published}
            failed.append(Finding("key_area.not_in_column", records=(record.label,), params=params))
    judged = len(covering)
    return _share(ctx, judged, _costing(failed, judged, ctx.max_points), [*found.notes, *notes])


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="重点领域信息公开")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [coverage, timeliness, designated_column]


@hookimpl
def register_messages() -> Templates:
    return {**MESSAGES, **REPORT_DUE_CODES.messages()}

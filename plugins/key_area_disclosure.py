"""Key-area disclosure (重点领域信息公开): checklist coverage, timeliness and findability.

A scheme's checklist (公开清单) names the items each kind of unit must publish.
The unit reports, per item, when the information was formed and when (and
where) it was published; the three scorers here judge the required items only.

Integrity rules shared by the three scorers, per submitted record of a
required item (only the first record of an item counts):

- key date (``formed_on``, or ``published_on`` when no formation date is
  given) after the snapshot or outside the assessed year: the record is
  disregarded (the item counts as not published);
- ``published_on`` after the snapshot: the item counts as not published;
- ``published_on`` before ``formed_on``: the item counts as published but
  earns no credit in any rule; that integrity finding carries the lost points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator import Finding, Outcome, Scorer, ScoringContext, Section, hookimpl, scorer
from evaluator.model import ChecklistItem
from evaluator.rules import first_of_each, share_points
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    ID,
    TEXT,
    array_of,
    described,
    params,
    record_schema,
)
from evaluator.working_days import working_days_after

SECTION = "key_area_disclosure"

_ITEM = record_schema(
    {
        "item": described(ID, "公开清单中的事项编号 / item id from the scheme's checklist"),
        "formed_on": described(
            DATE, "信息形成或变更日期 / date the information was formed or changed"
        ),
        "published_on": described(
            DATE, "公开日期，未公开则省略 / publication date; absent = not published"
        ),
        "url": described(TEXT, "公开网址 / address where the item is published"),
        "in_designated_column": described(
            BOOLEAN,
            "是否在指定栏目公开（缺省为否）/ published in the designated column (absent = false)",
        ),
    },
    ["item"],
)
SCHEMA: dict[str, Any] = record_schema(
    {"items": array_of(_ITEM, "清单事项公开情况 / how each checklist item was published")},
    ["items"],
)

_CHECKLISTS = described(
    {"type": "object", "additionalProperties": ID},
    "单位类别 → 公开清单编号 / unit kind -> checklist id",
)

COVERAGE_PARAMS = params({"checklists": _CHECKLISTS}, required=["checklists"])
TIMELINESS_PARAMS = params(
    {
        "checklists": _CHECKLISTS,
        "within_working_days": described(
            COUNT, "形成后应在多少个工作日内公开 / working days allowed after formation"
        ),
    },
    {"within_working_days": 20},
    required=["checklists"],
)
COLUMN_PARAMS = COVERAGE_PARAMS


@dataclass(frozen=True)
class _Problem:
    """An integrity problem with an item's record."""

    item: str
    code: str
    message: str
    counts: bool  # still counts as published, but earns no credit

    def finding(self, deduction: float | None = None) -> Finding:
        return Finding(self.code, self.message, (self.item,), deduction)


@dataclass(frozen=True)
class _Review:
    """A unit's records checked against its checklist, before any rule applies."""

    checklist: str
    required: tuple[ChecklistItem, ...]
    published: Mapping[str, Mapping[str, Any]]  # required item id -> its published record
    problems: Mapping[str, _Problem]
    duplicates: tuple[Finding, ...]
    unknown: tuple[Finding, ...]

    def notes(self) -> list[Finding]:
        """Integrity findings that cost nothing here: disregarded records and duplicates."""
        notes = [p.finding() for p in self.problems.values() if not p.counts]
        return notes + list(self.duplicates)


def _label(item: ChecklistItem) -> str:
    return f"{item.id}（{item.name}）"


def _problem(ctx: ScoringContext, item: str, record: Mapping[str, Any]) -> _Problem | None:
    """The first integrity problem of a record, or None."""
    formed = record.get("formed_on")
    published = record.get("published_on")
    key, key_name = (formed, "形成日期") if formed is not None else (published, "公开日期")
    if key is not None and key > ctx.as_of:
        return _Problem(
            item,
            "integrity.after_snapshot",
            f"事项 {item} 的{key_name} {key} 晚于评估截止日 {ctx.as_of}，不予认可",
            counts=False,
        )
    if key is not None and key.year != ctx.year:
        return _Problem(
            item,
            "integrity.outside_year",
            f"事项 {item} 的{key_name} {key} 不在评估年度 {ctx.year} 内，不予认可",
            counts=False,
        )
    if published is not None and published > ctx.as_of:
        return _Problem(
            item,
            "integrity.after_snapshot",
            f"事项 {item} 的公开日期 {published} 晚于评估截止日 {ctx.as_of}，视为未公开",
            counts=False,
        )
    if published is not None and formed is not None and published < formed:
        return _Problem(
            item,
            "integrity.published_before_formed",
            f"事项 {item} 的公开日期 {published} 早于形成日期 {formed}，不予认可",
            counts=True,
        )
    return None


def _review(ctx: ScoringContext) -> _Review | Outcome:
    """Check the unit's records, or say why the rule does not apply to this unit."""
    checklists: Mapping[str, str] = ctx.params["checklists"]
    kind = ctx.unit.type
    if kind not in checklists:
        reason = f"本类单位（{kind}）无适用的公开清单"
        return Outcome.not_applicable(reason, "key_area.no_checklist")
    checklist = ctx.checklist(checklists[kind])
    known = {i.id for i in checklist.items}
    required = checklist.required_items(ctx.unit.id, kind)
    records: list[Mapping[str, Any]] = ctx.data.get("items", [])

    first, duplicates = first_of_each(
        records,
        record_id=lambda r: str(r["item"]),
        describe_duplicate=lambda item, n: f"事项 {item} 重复提交 {n} 条，仅计第一条",
    )
    unknown = tuple(
        Finding(
            "integrity.unknown_item",
            f"事项 {item} 不在公开清单 {checklist.id} 中，不计分",
            (item,),
        )
        for item in first
        if item not in known
    )
    published: dict[str, Mapping[str, Any]] = {}
    problems: dict[str, _Problem] = {}
    for item in required:
        record = first.get(item.id)
        if record is None:
            continue
        problem = _problem(ctx, item.id, record)
        if problem is not None:
            problems[item.id] = problem
        if record.get("published_on") is not None and (problem is None or problem.counts):
            published[item.id] = record
    return _Review(checklist.id, required, published, problems, duplicates, unknown)


def _outcome(ctx: ScoringContext, review: _Review, lost: list[Finding]) -> Outcome:
    """Points in proportion to published items that lost nothing (one finding per lost item)."""
    judged = len(review.published)
    points = share_points(judged - len(lost), judged, ctx.max_points)
    return Outcome(points=points, findings=(*lost, *review.notes()))


def _nothing_published(review: _Review) -> Outcome:
    reason = Finding("key_area.nothing_published", "无已公开的清单事项，本项不适用")
    return Outcome(0.0, (reason, *review.notes()), status="not_applicable")


@scorer("key_area.coverage", section=SECTION, params=COVERAGE_PARAMS)
def coverage(ctx: ScoringContext) -> Outcome:
    """Share of the checklist items required of the unit that it published by the snapshot."""
    review = _review(ctx)
    if isinstance(review, Outcome):
        return review
    if not review.required:
        return Outcome.not_applicable(
            f"公开清单 {review.checklist} 未要求本单位公开任何事项", "key_area.nothing_required"
        )
    each = ctx.max_points / len(review.required)
    lost: list[Finding] = []
    credited = 0
    for item in review.required:
        problem = review.problems.get(item.id)
        if item.id not in review.published:
            lost.append(
                Finding("key_area.missing", f"清单事项 {_label(item)}未公开", (item.id,), each)
            )
        elif problem is not None:
            lost.append(problem.finding(each))
        else:
            credited += 1
    points = share_points(credited, len(review.required), ctx.max_points)
    findings = (*lost, *review.notes(), *review.unknown)
    return Outcome(points=points, findings=findings)


@scorer("key_area.timeliness", section=SECTION, params=TIMELINESS_PARAMS)
def timeliness(ctx: ScoringContext) -> Outcome:
    """Share of published required items made public within N working days of being formed."""
    review = _review(ctx)
    if isinstance(review, Outcome):
        return review
    if not review.published:
        return _nothing_published(review)
    within: int = ctx.params["within_working_days"]
    each = ctx.max_points / len(review.published)
    lost: list[Finding] = []
    for item in review.required:
        record = review.published.get(item.id)
        if record is None:
            continue
        problem = review.problems.get(item.id)
        if problem is not None:
            lost.append(problem.finding(each))
            continue
        formed = record.get("formed_on")
        if formed is None:
            message = f"清单事项 {_label(item)}未提供信息形成日期，无法认定在{within}个工作日内公开"
            lost.append(Finding("key_area.no_formed_date", message, (item.id,), each))
            continue
        days = working_days_after(formed, record["published_on"])
        if days > within:
            message = (
                f"清单事项 {_label(item)}于形成（{formed}）后第{days}个工作日"
                f"（{record['published_on']}）公开，超过{within}个工作日时限"
            )
            lost.append(Finding("key_area.late", message, (item.id,), each))
    return _outcome(ctx, review, lost)


@scorer("key_area.designated_column", section=SECTION, params=COLUMN_PARAMS)
def designated_column(ctx: ScoringContext) -> Outcome:
    """Share of published required items that sit in their designated column (findability)."""
    review = _review(ctx)
    if isinstance(review, Outcome):
        return review
    if not review.published:
        return _nothing_published(review)
    each = ctx.max_points / len(review.published)
    lost: list[Finding] = []
    for item in review.required:
        record = review.published.get(item.id)
        if record is None:
            continue
        problem = review.problems.get(item.id)
        if problem is not None:
            lost.append(problem.finding(each))
        elif not record.get("in_designated_column", False):
            message = f"清单事项 {_label(item)}未在指定栏目公开"
            lost.append(Finding("key_area.not_in_column", message, (item.id,), each))
    return _outcome(ctx, review, lost)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="重点领域信息公开")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [coverage, timeliness, designated_column]

"""Key-area disclosure (重点领域信息公开): checklist coverage, timeliness and findability.

A scheme's checklist (公开清单) names the items each kind of unit must publish.
The unit reports each publication of an item as one record: when the
information was formed and when (and where) it was published. An item such as
administrative penalties (行政处罚) is published many times a year, so an item
may have many records; findings name a record ``<item>@<formed_on>`` (or
``<item>@<published_on>`` without a formation date, or ``<item>#<n>``, its
n-th record, without either). The three scorers judge required items only;
records of other checklist items are ignored, and items not in the checklist
are flagged (``integrity.unknown_item``, once per item).

Integrity rules shared by the three scorers:

- an exact repeat of a record (same item, ``formed_on``, ``published_on`` and
  ``url``) is a duplicate (``integrity.duplicate_record``) and counts once;
- key date (``formed_on``, or ``published_on`` when no formation date is
  given) after the snapshot or outside the assessed year: the record is
  disregarded (as if not published);
- ``published_on`` after the snapshot: the record counts as not published;
- ``published_on`` before ``formed_on``: the record counts as published but
  earns no credit in any rule; that integrity finding carries the lost points.

Coverage credits a required item when at least one of its records is published
with no integrity problem; an item whose published records all earn no credit
loses its share with the first such record's finding, and an item with no
published record that counts is missing (``key_area.missing``). Timeliness and
the designated column judge every published record of a required item that is
not disregarded; each failing record costs its share of the points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import (
    Finding,
    Outcome,
    Scheme,
    Scorer,
    ScoringContext,
    Section,
    hookimpl,
    scorer,
)
from evaluator.model import ChecklistItem
from evaluator.rules import WORKING_DAYS, DeadlineStatus, check_deadline, share_points
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

SECTION = "key_area_disclosure"

_ITEM = record_schema(
    {
        "item": described(
            {**ID, "title": "事项"}, "公开清单中的事项编号 / item id from the scheme's checklist"
        ),
        "formed_on": described(
            {**DATE, "title": "形成日期"},
            "信息形成或变更日期 / date the information was formed or changed",
        ),
        "published_on": described(
            {**DATE, "title": "公开日期"},
            "公开日期，未公开则省略 / publication date; absent = not published",
        ),
        "url": described(
            {**TEXT, "title": "网址"}, "公开网址 / address where the item is published"
        ),
        "in_designated_column": described(
            {**BOOLEAN, "title": "是否在指定栏目"},
            "是否在指定栏目公开（缺省为否）/ published in the designated column (absent = false)",
        ),
    },
    ["item"],
)
SCHEMA: dict[str, Any] = record_schema(
    {
        "items": {
            **array_of(_ITEM, "清单事项公开情况 / how each checklist item was published"),
            "title": "重点领域公开",
        }
    },
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


def check_checklists(settings: Mapping[str, Any], scheme: Scheme) -> list[str]:
    """Each named checklist must exist in the scheme, for a unit kind the scheme has."""
    problems: list[str] = []
    for kind, name in settings["checklists"].items():
        if kind not in scheme.unit_types:
            problems.append(f"checklists: unknown unit kind {kind!r}")
        if name not in scheme.checklists:
            known = ", ".join(sorted(scheme.checklists)) or "none"
            problems.append(f"checklists.{kind}: no checklist {name!r} (known: {known})")
    return problems


DUPLICATE_RECORD = "integrity.duplicate_record"


@dataclass(frozen=True)
class _Problem:
    """An integrity problem with one record of an item."""

    record: str  # the record's label
    code: str
    message: str
    counts: bool  # still counts as published, but earns no credit

    def finding(self, deduction: float | None = None) -> Finding:
        return Finding(self.code, self.message, (self.record,), deduction)


@dataclass(frozen=True)
class _Record:
    """One publication of a required item, with its integrity problem if any."""

    label: str
    data: Mapping[str, Any]
    problem: _Problem | None

    @property
    def judged(self) -> bool:
        """Published and not disregarded: every rule judges it (a counting problem earns none)."""
        published = self.data.get("published_on") is not None
        return published and (self.problem is None or self.problem.counts)


@dataclass(frozen=True)
class _Review:
    """A unit's records checked against its checklist, before any rule applies."""

    checklist: str
    required: tuple[ChecklistItem, ...]
    records: Mapping[str, tuple[_Record, ...]]  # required item id -> its distinct records
    duplicates: tuple[Finding, ...]
    unknown: tuple[Finding, ...]

    def judged(self) -> list[tuple[ChecklistItem, _Record]]:
        """Every judged record of a required item, in checklist order, then as submitted."""
        return [
            (item, record)
            for item in self.required
            for record in self.records.get(item.id, ())
            if record.judged
        ]

    def notes(self) -> list[Finding]:
        """Integrity findings that cost nothing here: disregarded records and duplicates."""
        notes = [
            record.problem.finding()
            for records in self.records.values()
            for record in records
            if record.problem is not None and not record.problem.counts
        ]
        return notes + list(self.duplicates)


def _label(item: ChecklistItem) -> str:
    return f"{item.id}（{item.name}）"


def _distinct(
    records: Sequence[Mapping[str, Any]],
) -> tuple[list[tuple[str, Mapping[str, Any]]], tuple[Finding, ...]]:
    """Each distinct record with its label, in order, and one finding per exactly repeated record.

    A label is ``<item>@<formed_on>``, else ``<item>@<published_on>``, else
    ``<item>#<n>`` for the item's n-th record as submitted.
    """
    distinct: dict[tuple[str, Any, Any, Any], tuple[str, Mapping[str, Any]]] = {}
    copies: dict[tuple[str, Any, Any, Any], int] = {}
    nth: dict[str, int] = {}
    for record in records:
        item = str(record["item"])
        formed = record.get("formed_on")
        published = record.get("published_on")
        nth[item] = nth.get(item, 0) + 1
        # two publications of one item on one day at different addresses are both real
        key = (item, formed, published, record.get("url"))
        copies[key] = copies.get(key, 0) + 1
        if key not in distinct:
            day = formed if formed is not None else published
            label = f"{item}@{day}" if day is not None else f"{item}#{nth[item]}"
            distinct[key] = (label, record)
    duplicates = tuple(
        Finding(
            DUPLICATE_RECORD,
            f"事项 {distinct[key][0]} 重复提交 {n} 条（形成日期、公开日期与网址均相同），仅计一条",
            (distinct[key][0],),
        )
        for key, n in copies.items()
        if n > 1
    )
    return list(distinct.values()), duplicates


def _problem(ctx: ScoringContext, label: str, record: Mapping[str, Any]) -> _Problem | None:
    """The first integrity problem of a record, or None."""
    item = record["item"]
    formed = record.get("formed_on")
    published = record.get("published_on")
    key, key_name = (formed, "形成日期") if formed is not None else (published, "公开日期")
    if key is not None and key > ctx.as_of:
        return _Problem(
            label,
            "integrity.after_snapshot",
            f"事项 {item} 的{key_name} {key} 晚于评估截止日 {ctx.as_of}，不予认可",
            counts=False,
        )
    if key is not None and key.year != ctx.year:
        return _Problem(
            label,
            "integrity.outside_year",
            f"事项 {item} 的{key_name} {key} 不在评估年度 {ctx.year} 内，不予认可",
            counts=False,
        )
    if published is not None and published > ctx.as_of:
        return _Problem(
            label,
            "integrity.after_snapshot",
            f"事项 {item} 的公开日期 {published} 晚于评估截止日 {ctx.as_of}，视为未公开",
            counts=False,
        )
    if published is not None and formed is not None and published < formed:
        return _Problem(
            label,
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
    distinct, duplicates = _distinct(ctx.data.get("items", []))

    unknown = tuple(
        Finding(
            "integrity.unknown_item",
            f"事项 {item} 不在公开清单 {checklist.id} 中，不计分",
            (item,),
        )
        for item in dict.fromkeys(str(r["item"]) for _, r in distinct)
        if item not in known
    )
    records: dict[str, list[_Record]] = {item.id: [] for item in required}
    for label, record in distinct:
        of_item = records.get(str(record["item"]))
        if of_item is not None:
            of_item.append(_Record(label, record, _problem(ctx, label, record)))
    checked = {item: tuple(found) for item, found in records.items() if found}
    return _Review(checklist.id, required, checked, duplicates, unknown)


def _outcome(ctx: ScoringContext, review: _Review, judged: int, lost: list[Finding]) -> Outcome:
    """Points in proportion to judged records that lost nothing (one finding per lost record)."""
    points = share_points(judged - len(lost), judged, ctx.max_points)
    return Outcome(points=points, findings=(*lost, *review.notes()))


def _nothing_published(review: _Review) -> Outcome:
    reason = Finding("key_area.nothing_published", "无已公开的清单事项，本项不适用")
    return Outcome(0.0, (reason, *review.notes()), status="not_applicable")


@scorer("key_area.coverage", section=SECTION, params=COVERAGE_PARAMS, check=check_checklists)
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
        judged = [r for r in review.records.get(item.id, ()) if r.judged]
        problems = [r.problem for r in judged if r.problem is not None]
        if len(problems) < len(judged):
            credited += 1
        elif problems:
            lost.append(problems[0].finding(each))
        else:
            lost.append(
                Finding("key_area.missing", f"清单事项 {_label(item)}未公开", (item.id,), each)
            )
    points = share_points(credited, len(review.required), ctx.max_points)
    findings = (*lost, *review.notes(), *review.unknown)
    return Outcome(points=points, findings=findings)


def _judge_records(
    ctx: ScoringContext,
    judge: Callable[[ChecklistItem, _Record, float], Finding | None],
) -> Outcome:
    """Judge every published record of a required item; each failing one costs an equal share.

    A record with a counting integrity problem fails by that problem; the others
    by ``judge``, which returns the finding (costing ``each``) or ``None``.
    """
    review = _review(ctx)
    if isinstance(review, Outcome):
        return review
    judged = review.judged()
    if not judged:
        return _nothing_published(review)
    each = ctx.max_points / len(judged)
    lost: list[Finding] = []
    for item, record in judged:
        if record.problem is not None:
            lost.append(record.problem.finding(each))
        elif (finding := judge(item, record, each)) is not None:
            lost.append(finding)
    return _outcome(ctx, review, len(judged), lost)


@scorer("key_area.timeliness", section=SECTION, params=TIMELINESS_PARAMS, check=check_checklists)
def timeliness(ctx: ScoringContext) -> Outcome:
    """Share of published records of required items made public within N working days of forming."""
    within: int = ctx.params["within_working_days"]

    def judge(item: ChecklistItem, record: _Record, each: float) -> Finding | None:
        formed = record.data.get("formed_on")
        published = record.data["published_on"]
        if formed is None:
            message = (
                f"清单事项 {_label(item)}于{published}公开，"
                f"未提供信息形成日期，无法认定在{within}个工作日内公开"
            )
            return Finding("key_area.no_formed_date", message, (record.label,), each)
        check = check_deadline(formed, published, within, clock=WORKING_DAYS, now=ctx.as_of)
        if check.status is not DeadlineStatus.LATE:
            return None
        message = (
            f"清单事项 {_label(item)}于形成（{formed}）后第{check.used}个工作日"
            f"（{published}）公开，超过{within}个工作日时限"
        )
        return Finding("key_area.late", message, (record.label,), each)

    return _judge_records(ctx, judge)


@scorer("key_area.designated_column", section=SECTION, params=COLUMN_PARAMS, check=check_checklists)
def designated_column(ctx: ScoringContext) -> Outcome:
    """Share of published records of required items that sit in their designated column."""

    def judge(item: ChecklistItem, record: _Record, each: float) -> Finding | None:
        if record.data.get("in_designated_column", False):
            return None
        published = record.data["published_on"]
        message = f"清单事项 {_label(item)}于{published}公开，未在指定栏目公开"
        return Finding("key_area.not_in_column", message, (record.label,), each)

    return _judge_records(ctx, judge)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="重点领域信息公开")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [coverage, timeliness, designated_column]

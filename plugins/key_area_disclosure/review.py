"""A unit's key-area records checked against its checklist, before any rule scores them.

A record is one publication of a checklist item. Copies of a record (same
item, dates and address once ids and addresses are normalised) count once, as
their least favourable copy. Each record then has the dates the three rules
need: whether it was published by the snapshot, the year it covers (its
``period``'s year, else its publication year), and its deadline (the item's
own, where other law sets one, else the scheme's working days).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import Checklist, ChecklistItem, Finding, FrozenList, ScoringContext
from evaluator.rules import (
    AFTER_SNAPSHOT,
    CALENDAR_DAYS,
    WORKING_DAYS,
    Clock,
    DeadlineCheck,
    Term,
    check_deadline,
    normalise_id,
    normalise_url,
    subject,
    terms,
)

from .._disclosure.labels import FORMED, ITEM_RECORD, NOT_PUBLISHED, PUBLISHED
from .._disclosure.made_once import LastMade
from .._disclosure.report_due import ReportDue, ReportDueRule

Record = Mapping[str, Any]

FREQUENCIES = {
    "yearly": Term("年度", "yearly"),
    "quarterly": Term("季度", "quarterly"),
    "monthly": Term("月度", "monthly"),
}


def due_next_year(item: ChecklistItem) -> bool:
    """Whether the item is due in the year after the one it covers: by a day of the
    following year (``deadline: {by: MM-DD}``), or the annual report's rule."""
    return item.deadline is not None and ("by" in item.deadline or "rule" in item.deadline)


def due_periods(item: ChecklistItem, year: int) -> tuple[str, ...]:
    """The periods a recurring item must publish in the run of ``year``.

    Those of ``year`` itself; for an item due in the following year
    (:func:`due_next_year`), those of the year before, which fall due in ``year``.
    """
    assert item.frequency is not None
    return periods_of(year - 1 if due_next_year(item) else year, item.frequency)


def periods_of(year: int, frequency: str) -> tuple[str, ...]:
    """The periods a recurring item covers in ``year``: ``2016``, ``2016-Q1``.., ``2016-01``..."""
    if frequency == "quarterly":
        return tuple(f"{year}-Q{q}" for q in range(1, 5))
    if frequency == "monthly":
        return tuple(f"{year}-{m:02d}" for m in range(1, 13))
    return (str(year),)


RULES = ("annual_report",)
"""The deadline rules a checklist item may name (``deadline: {rule: NAME}``)."""

# A day a rule names (the annual report's) is not a period: it does not move off a rest day.
_NAMED_DAY: Clock[dt.date, int] = Clock(
    due=lambda start, days: start + dt.timedelta(days=days),
    between=lambda start, end: (end - start).days,
)


@dataclass(frozen=True)
class Deadline:
    """An item's publication deadline: the clock it counts on, and the limit in words.

    :meth:`check` is the item-published-in-time rule: a record formed on a day
    is published in time when published by its due day on that clock. The
    annual report's rule (``rule: annual_report``) is
    ``plugins/_disclosure/report_due.py``, the rule ``annual_report.deadline``
    applies: ``report`` carries the scheme's params for it and ``unit_type``
    the kind it is asked for.
    """

    kind: str  # working_days | calendar_days | by | rule
    value: Any
    report: ReportDueRule | None = None
    unit_type: str = ""

    def report_due(self, formed: dt.date, period: str | None) -> ReportDue | None:
        """Under the annual report's rule, when the report a record publishes fell due.

        The report covers its ``period``'s year, else the year before it was formed
        (a report is written after the year it covers).
        """
        if self.kind != "rule" or self.report is None:
            return None
        year = int(period[:4]) if period else formed.year - 1
        return self.report.due_date(year, self.unit_type)

    def _counted(self, formed: dt.date, period: str | None) -> tuple[Clock[dt.date, int], int]:
        """The clock and the allowance of a record formed on ``formed`` for ``period``.

        A day of the following year (``by``: the period's year, else the year
        formed) is a period in calendar days that ends on that day, or on the
        next working day when it is a rest day; the annual report's due day is
        a day the regulation names, and stays where it is.
        """
        if self.kind == "working_days":
            return WORKING_DAYS, self.value
        if self.kind == "calendar_days":
            return CALENDAR_DAYS, self.value
        due = self.report_due(formed, period)
        if due is not None:
            return _NAMED_DAY, (due.day - formed).days
        base = int(period[:4]) if period else formed.year
        month, day = (int(part) for part in str(self.value).split("-"))
        return CALENDAR_DAYS, (dt.date(base + 1, month, day) - formed).days

    def check(
        self, formed: dt.date, published: dt.date | None, period: str | None, *, now: dt.date
    ) -> DeadlineCheck[dt.date, int]:
        """Whether a record was published in time (``published``: ``None`` when unpublished
        at ``now``), with its due day (:func:`evaluator.rules.check_deadline`)."""
        clock, allowance = self._counted(formed, period)
        return check_deadline(formed, published, allowance, clock=clock, now=now)

    @property
    def words(self) -> Term:
        if self.kind == "working_days":
            return Term(f"形成后{self.value}个工作日内", f"{self.value} working days after forming")
        if self.kind == "calendar_days":
            return Term(f"形成后{self.value}日内", f"{self.value} days after forming")
        if self.kind == "rule":
            return Term("年度报告的公布期限", "the annual report's due date")
        month, day = (int(part) for part in str(self.value).split("-"))
        return Term(f"次年{month}月{day}日前", f"by {month}/{day} of the following year")


def deadline_of(
    item: ChecklistItem,
    default_working_days: int,
    report: ReportDueRule | None = None,
    unit_type: str = "",
) -> Deadline:
    """The item's own deadline (other law wins, 另有规定的从其规定), else the scheme's.

    ``report`` and ``unit_type``: the annual report's rule with the scheme's
    params, for an item whose deadline is ``{rule: annual_report}``.
    """
    if item.deadline:
        ((kind, value),) = item.deadline.items()
        return Deadline(kind, value, report, unit_type)
    return Deadline("working_days", default_working_days)


@dataclass(frozen=True)
class Problem:
    """An integrity problem with one record; ``counts``: still published, but earns nothing."""

    code: str
    params: Mapping[str, Any]
    counts: bool

    def finding(self, label: str, deduction: float | None = None) -> Finding:
        return Finding(self.code, records=(label,), deduction=deduction, params=dict(self.params))


@dataclass(frozen=True)
class KeyRecord:
    """One distinct publication record of a required item, as the rules read it."""

    label: str
    item: ChecklistItem
    formed: dt.date | None
    published: dt.date | None  # None when unpublished at the snapshot
    period: str | None
    in_column: bool
    problem: Problem | None
    covers: int | None  # the run (year) the publication answers for (None: unpublished)

    @property
    def disregarded(self) -> bool:
        return self.problem is not None and not self.problem.counts


@dataclass(frozen=True)
class Review:
    """The unit's records checked against its checklist."""

    checklist: str
    required: tuple[ChecklistItem, ...]
    records: Mapping[str, tuple[KeyRecord, ...]]  # required item id -> its distinct records
    notes: tuple[Finding, ...]  # duplicates, unknown items, dates after the snapshot
    elsewhere: tuple[ChecklistItem, ...] = ()  # required, but judged in another dimension


def _label(item: str, formed: Any, published: Any, nth: int) -> str:
    day = formed if formed is not None else published
    return f"{item}@{day}" if day is not None else f"{item}#{nth}"


_NONE: Sequence[Record] = FrozenList()  # no records: one read-only empty list
_reviews: LastMade[Review] = LastMade()


def review(ctx: ScoringContext, checklist_id: str) -> Review:
    """Check the unit's records: copies merged, unknown items and impossible dates flagged.

    Made once per unit for the three scorers that ask (:class:`LastMade`).
    """
    checklist = ctx.checklist(checklist_id)
    raw: Sequence[Record] = ctx.data.get("items", _NONE)
    return _reviews.get(
        (raw, checklist),
        (ctx.unit.id, ctx.unit.type, ctx.as_of, ctx.year),
        lambda: _review(ctx, checklist, raw),
    )


_names: dict[int, tuple[Checklist, Mapping[str, ChecklistItem]]] = {}


def _names_of(checklist: Checklist) -> Mapping[str, ChecklistItem]:
    """The checklist's items by what may name them, normalised: an item is named by its id
    or, as clerks write it, by its Chinese name (部门决算). Worked out once per checklist."""
    kept = _names.get(id(checklist))
    if kept is None or kept[0] is not checklist:
        known = {normalise_id(i.name): i for i in checklist.items}
        known.update({normalise_id(i.id): i for i in checklist.items})
        kept = _names[id(checklist)] = (checklist, known)
    return kept[1]


def _review(ctx: ScoringContext, checklist: Checklist, raw: Sequence[Record]) -> Review:
    known = _names_of(checklist)
    owed = checklist.required_items(ctx.unit.id, ctx.unit.type)
    required = tuple(i for i in owed if not i.judged_elsewhere(ctx.unit.type))
    elsewhere = tuple(i for i in owed if i.judged_elsewhere(ctx.unit.type))
    wanted = {i.id for i in required}
    groups: dict[tuple[Any, ...], list[Record]] = {}
    nth: dict[str, int] = {}
    labels: dict[tuple[Any, ...], str] = {}
    for record in raw:
        key_item = normalise_id(str(record["item"]))
        url = record.get("url")
        key = (
            key_item,
            record.get("formed_on"),
            record.get("published_on"),
            None if url is None else normalise_url(url),
        )
        nth[key_item] = nth.get(key_item, 0) + 1
        if key not in groups:
            groups[key] = []
            item = known.get(key_item)
            shown = item.id if item is not None else str(record["item"])
            labels[key] = _label(shown, key[1], key[2], nth[key_item])
        groups[key].append(record)
    notes: list[Finding] = []
    unknown: dict[str, str] = {}
    found: dict[str, list[KeyRecord]] = {i.id: [] for i in required}
    for key, copies in groups.items():
        label = labels[key]
        item = known.get(key[0])
        if len(copies) > 1:
            name = item.name if item is not None else str(copies[0]["item"])
            params = {"record": label, "name": name, "copies": len(copies)}
            notes.append(Finding("integrity.duplicate_record", records=(label,), params=params))
        if item is None:
            unknown.setdefault(key[0], str(copies[0]["item"]))
            continue
        if item.id not in wanted:
            continue
        kept, note = _record(ctx, item, label, copies)
        notes.extend(note)
        if kept.problem is not None and kept.disregarded:
            notes.append(kept.problem.finding(label))
        found[item.id].append(kept)
    names = [i.id for i in checklist.items] + [i.name for i in checklist.items]
    for shown in unknown.values():
        close = difflib.get_close_matches(shown, names, n=1)
        hint = {"hint": "hint.did_you_mean", "suggestion": close[0]} if close else {"hint": ""}
        params = {"item": shown, "checklist": checklist.id, **hint}
        notes.append(Finding("integrity.unknown_item", records=(shown,), params=params))
    records = {k: tuple(v) for k, v in found.items()}
    return Review(checklist.id, required, records, tuple(notes), elsewhere)


def _record(
    ctx: ScoringContext, item: ChecklistItem, label: str, copies: Sequence[Record]
) -> tuple[KeyRecord, list[Finding]]:
    """The record copies come to: the least favourable reading of each field they disagree on."""
    first = copies[0]
    formed: dt.date | None = first.get("formed_on")
    published: dt.date | None = first.get("published_on")
    # A copy outside the designated column, or a period the copies disagree on, counts.
    in_column = all(c.get("in_designated_column", False) for c in copies)
    periods = {c.get("period") for c in copies}
    period = periods.pop() if len(periods) == 1 else None
    notes: list[Finding] = []
    problem: Problem | None = None
    key, key_name = (formed, FORMED) if formed is not None else (published, PUBLISHED)
    if key is not None and key > ctx.as_of:
        params = _after_snapshot(ctx, item, label, key_name, key)
        problem = Problem(AFTER_SNAPSHOT, params, counts=False)
        published = None
    elif published is not None and published > ctx.as_of:
        params = _after_snapshot(ctx, item, label, PUBLISHED, published)
        notes.append(Finding(AFTER_SNAPSHOT, records=(label,), params=params))
        published = None
    elif published is not None and formed is not None and published < formed:
        params = {"record": label, "name": item.name, "published": published, "formed": formed}
        problem = Problem("integrity.published_before_formed", params, counts=True)
    covers = None
    if published is not None:
        # A period's publication answers for the run of the year it is due in: the period's
        # own year, or the next one for an item due by a day of the following year.
        later = 1 if due_next_year(item) else 0
        covers = int(period[:4]) + later if period else published.year
    record = KeyRecord(label, item, formed, published, period, in_column, problem, covers)
    return record, notes


def _after_snapshot(
    ctx: ScoringContext, item: ChecklistItem, label: str, field: Term, day: dt.date
) -> dict[str, Any]:
    # in Chinese the item's name says which record (the label is the engine's, not the unit's)
    named = Term(f"清单事项“{item.name}”的一条公开记录", subject(ITEM_RECORD, label).en)
    return {
        **terms(subject=named, field=field, effect=NOT_PUBLISHED),
        "id": label,
        "snapshot": ctx.as_of,
        "year": ctx.year,
        "day": day,
    }

"""Website timeliness (网站更新及时性): the State Council website-check rules.

Single-veto lines and deductions follow 国办秘函〔2019〕19号 by default; every
line is a param because schemes change them by year and place. The snapshot
date is ``website.checked_on`` when given and within [December 31 of the
assessed year, the scheme's ``as_of``]; otherwise ``as_of``, with a finding
naming ``website.checked_on`` (the unit supplies that date and gains from it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import operator
from collections.abc import Mapping
from typing import Any

from evaluator import Finding, Outcome, Scorer, ScoringContext, Section, hookimpl, scorer
from evaluator.rules import Deduction, ScreeningMessages, capped_deductions, screen_each
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    ENUM_TITLES,
    ID,
    NON_NEGATIVE,
    POSITIVE_COUNT,
    array_of,
    described,
    params,
    record_schema,
)
from evaluator.working_days import working_days_after

Record = Mapping[str, Any]

SECTION = "website"
KINDS = ["news", "notice", "policy", "personnel", "planning", "other"]
KIND_NAMES = {
    "news": "要闻动态",
    "notice": "通知公告",
    "policy": "政策文件",
    "personnel": "人事信息",
    "planning": "规划计划",
    "other": "其他",
}

# ---------------------------------------------------------------- section schema

_COLUMN = record_schema(
    {
        "name": described({**ID, "title": "栏目名称"}, "栏目名称 / column name (its key)"),
        "kind": described(
            {
                "type": "string",
                "enum": KINDS,
                "title": "栏目类别",
                ENUM_TITLES: {
                    "news": "工作动态",
                    "notice": "通知公告",
                    "policy": "政策文件",
                    "personnel": "人事信息",
                    "planning": "规划计划",
                    "other": "其他",
                },
            },
            "栏目类型 / kind: " + " | ".join(KINDS),
        ),
        "last_updated": described(
            {**DATE, "title": "最后更新日期"},
            "最后更新日期（空=未标注） / last update, absent = undated",
        ),
        "blank": described({**BOOLEAN, "title": "是否空白"}, "空白栏目 / column has no content"),
    },
    ["name", "kind"],
    "栏目 / website column",
)
_MESSAGE = record_schema(
    {
        "id": described({**ID, "title": "留言编号"}, "留言编号 / message id"),
        "received_on": described({**DATE, "title": "收到日期"}, "留言日期 / date received"),
        "replied_on": described(
            {**DATE, "title": "答复日期"},
            "答复日期（空=未答复） / date replied, absent = unanswered",
        ),
        "valid": described(
            {**BOOLEAN, "title": "是否有效"}, "有效留言（默认是） / valid message, default true"
        ),
    },
    ["id", "received_on"],
    "互动留言 / public message",
)
SCHEMA: dict[str, Any] = record_schema(
    {
        "checked_on": described(DATE, "检查日期（默认评估基准日） / snapshot date, default as_of"),
        "monitoring": record_schema(
            {
                "visits": described(COUNT, "监测访问次数 / monitored visits"),
                "failures": described(COUNT, "访问失败次数 / failed visits"),
            },
            ["visits", "failures"],
            "可用性监测 / availability monitoring",
        ),
        "homepage_updated_on": described(DATE, "首页最后更新日期 / homepage last updated"),
        "columns": {**array_of(_COLUMN, "栏目 / columns"), "title": "网站栏目"},
        "messages": {**array_of(_MESSAGE, "留言 / messages"), "title": "互动留言"},
        "broken_links": described(COUNT, "失效链接数 / broken links found"),
    },
    ["monitoring", "columns", "messages"],
    "网站 / website",
)

# ---------------------------------------------------------------- params (defaults live only here)

AVAILABILITY_DEFAULTS: dict[str, Any] = {"veto_failure_rate": 0.05}
HOMEPAGE_DEFAULTS: dict[str, Any] = {"max_age_days": 14}
COLUMN_DEFAULTS: dict[str, Any] = {
    "max_age": {
        "news": {"days": 14},
        "notice": {"months": 6},
        "policy": {"months": 6},
        "personnel": {"months": 12},
        "planning": {"months": 12},
    },
    "veto_kinds": ["news", "notice", "policy"],
    "veto_stale_columns": 5,
    "veto_blank_columns": 5,
    "deduction_per_stale": 2,
    "deduction_per_blank": 2,
}
MESSAGE_DEFAULTS: dict[str, Any] = {
    "veto_unanswered_months": 3,
    "reply_within_working_days": 10,
    "deduction_per_slow": 1,
}
LINK_DEFAULTS: dict[str, Any] = {"deduction_each": 1}

_AGE = {
    "type": "object",
    "properties": {"days": POSITIVE_COUNT, "months": POSITIVE_COUNT},
    "oneOf": [{"required": ["days"]}, {"required": ["months"]}],
    "additionalProperties": False,
}

AVAILABILITY_PARAMS = params(
    {"veto_failure_rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}},
    AVAILABILITY_DEFAULTS,
)
HOMEPAGE_PARAMS = params({"max_age_days": COUNT}, HOMEPAGE_DEFAULTS)
COLUMN_PARAMS = params(
    {
        "max_age": record_schema(dict.fromkeys(KINDS, _AGE), []),
        "veto_kinds": {
            "type": "array",
            "items": {"type": "string", "enum": KINDS},
            "uniqueItems": True,
        },
        "veto_stale_columns": POSITIVE_COUNT,
        "veto_blank_columns": POSITIVE_COUNT,
        "deduction_per_stale": NON_NEGATIVE,
        "deduction_per_blank": NON_NEGATIVE,
    },
    COLUMN_DEFAULTS,
)
MESSAGE_PARAMS = params(
    {
        "veto_unanswered_months": POSITIVE_COUNT,
        "reply_within_working_days": POSITIVE_COUNT,
        "deduction_per_slow": NON_NEGATIVE,
    },
    MESSAGE_DEFAULTS,
)
LINK_PARAMS = params({"deduction_each": NON_NEGATIVE}, LINK_DEFAULTS)

# ---------------------------------------------------------------- dates


CHECKED_ON = ("website.checked_on",)


def _snapshot(ctx: ScoringContext) -> tuple[dt.date, tuple[Finding, ...]]:
    """The snapshot date to judge against, and the finding when ``checked_on`` was not used.

    The unit's own ``checked_on`` is used only within [December 31 of the
    assessed year, ``as_of``]. A later date is unverifiable and would admit
    updates made after the scheme's snapshot; an earlier one judges freshness
    before the year is over (a site updated once in June looks fresh in June).
    Either way the scheme's ``as_of`` is the snapshot, and a finding says so.
    """
    checked: dt.date | None = ctx.data.get("checked_on")
    if checked is None:
        return ctx.as_of, ()
    year_end = dt.date(ctx.year, 12, 31)
    if checked > ctx.as_of:
        message = f"检查日期{checked}晚于评估基准日{ctx.as_of}，改以{ctx.as_of}为检查日"
        return ctx.as_of, (Finding("integrity.after_snapshot", message, CHECKED_ON),)
    if checked < year_end:
        message = (
            f"检查日期{checked}早于评估年度{ctx.year}年末（{year_end}），"
            f"不能反映全年更新情况，改以{ctx.as_of}为检查日"
        )
        return ctx.as_of, (Finding("integrity.early_check", message, CHECKED_ON),)
    return checked, ()


# Cached: the messages scorer asks once per message, for the same few hundred dates.
@functools.lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, the day clamped to the month end (08-31 → 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _cutoff(snapshot: dt.date, age: Mapping[str, int]) -> tuple[dt.date, str]:
    """The oldest update date still fresh, and the age in words."""
    if "days" in age:
        return snapshot - dt.timedelta(days=age["days"]), f"{age['days']}天"
    return add_months(snapshot, -age["months"]), f"{age['months']}个月"


# ---------------------------------------------------------------- scorers


@scorer("website.availability", section=SECTION, params=AVAILABILITY_PARAMS)
def availability(ctx: ScoringContext) -> Outcome:
    """Whether the site was reachable: monitored failure rate against the veto line."""
    visits, failures = ctx.data["monitoring"]["visits"], ctx.data["monitoring"]["failures"]
    line = ctx.params["veto_failure_rate"]
    records = ("website.monitoring",)
    if failures > visits:
        message = f"访问失败次数{failures}大于监测次数{visits}，可用性不得分"
        return Outcome(
            0.0, (Finding("integrity.part_exceeds_total", message, records, ctx.max_points),)
        )
    if visits == 0:
        message = "监测访问次数为0，无法判断可用性，不得分"
        return Outcome(0.0, (Finding("availability.no_visits", message, records, ctx.max_points),))
    rate = failures / visits
    veto = rate >= line
    points = 0.0 if veto else min(ctx.max_points, max(0.0, ctx.max_points * (1 - rate / line)))
    findings: tuple[Finding, ...] = ()
    if points < ctx.max_points:
        verdict = "单项否决" if veto else "按比例扣分"
        message = (
            f"监测{visits}次，访问失败{failures}次，失败率{rate:.1%}"
            f"（达到{line:.1%}单项否决），{verdict}"
        )
        findings = (Finding("availability.failures", message, records, ctx.max_points - points),)
    return Outcome(points, findings, veto=veto)


@scorer("website.homepage_fresh", section=SECTION, params=HOMEPAGE_PARAMS)
def homepage_fresh(ctx: ScoringContext) -> Outcome:
    """Whether the homepage was updated within the allowed number of calendar days."""
    snapshot, checked = _snapshot(ctx)
    max_age = ctx.params["max_age_days"]
    updated: dt.date | None = ctx.data.get("homepage_updated_on")
    records = ("website.homepage",)
    findings: list[Finding] = [*checked]
    if updated is not None and updated > snapshot:
        message = f"首页更新日期{updated}晚于检查日{snapshot}，视为未更新"
        findings.append(Finding("integrity.after_snapshot", message, records))
        updated = None
    if updated is None:
        message = f"首页未标注更新日期，视为{max_age}天内未更新，单项否决"
        findings.append(Finding("homepage.undated", message, records, ctx.max_points))
        return Outcome(0.0, tuple(findings), veto=True)
    age = (snapshot - updated).days
    if age > max_age:
        message = f"首页最后更新于{updated}，至检查日{snapshot}已{age}天，超过{max_age}天，单项否决"
        findings.append(Finding("homepage.stale", message, records, ctx.max_points))
        return Outcome(0.0, tuple(findings), veto=True)
    return Outcome(ctx.max_points, tuple(findings))


@scorer("website.column_freshness", section=SECTION, params=COLUMN_PARAMS)
def column_freshness(ctx: ScoringContext) -> Outcome:
    """Stale and blank columns: single veto at the lines, else a capped deduction for each."""
    snapshot, checked = _snapshot(ctx)
    p = ctx.params
    findings: list[Finding] = [*checked]
    stale: list[Deduction] = []
    blank: list[Deduction] = []
    veto_stale: list[str] = []
    seen: set[str] = set()
    for column in ctx.data["columns"]:
        name, kind = column["name"], column["kind"]
        if name in seen:
            message = f"栏目「{name}」重复出现，只计第一条"
            findings.append(Finding("integrity.duplicate_id", message, (name,)))
            continue
        seen.add(name)
        # A blank column is counted as blank only, not also as stale.
        if column.get("blank"):
            message = f"栏目「{name}」为空白栏目"
            blank.append(Deduction("columns.blank", message, (name,), p["deduction_per_blank"]))
            continue
        if kind not in p["max_age"]:
            continue
        cutoff, words = _cutoff(snapshot, p["max_age"][kind])
        updated: dt.date | None = column.get("last_updated")
        if updated is not None and updated > snapshot:
            message = f"栏目「{name}」更新日期{updated}晚于检查日{snapshot}，视为未更新"
            findings.append(Finding("integrity.after_snapshot", message, (name,)))
            updated = None
        if updated is not None and updated >= cutoff:
            continue
        last = f"最后更新于{updated}" if updated else "未标注更新日期"
        message = f"{KIND_NAMES[kind]}栏目「{name}」{last}，超过{words}未更新"
        stale.append(Deduction("columns.stale", message, (name,), p["deduction_per_stale"]))
        if kind in p["veto_kinds"]:
            veto_stale.append(name)
    reasons = []
    if len(veto_stale) >= p["veto_stale_columns"]:
        reasons.append(f"{len(veto_stale)}个栏目不更新（达到{p['veto_stale_columns']}个）")
    if len(blank) >= p["veto_blank_columns"]:
        reasons.append(f"{len(blank)}个空白栏目（达到{p['veto_blank_columns']}个）")
    if reasons:
        listed = [Finding(d.code, d.message, d.records) for d in (*stale, *blank)]
        named = tuple(veto_stale) + tuple(n for d in blank for n in d.records)
        message = "；".join(reasons) + "，单项否决"
        veto = Finding("columns.veto", message, named, ctx.max_points)
        return Outcome(0.0, (*findings, *listed, veto), veto=True)
    points, costs = capped_deductions(ctx.max_points, [*stale, *blank])
    return Outcome(points, (*findings, *costs))


@scorer("website.messages", section=SECTION, params=MESSAGE_PARAMS)
def messages(ctx: ScoringContext) -> Outcome:
    """Replies to valid public messages: single veto past the months line, deductions when slow."""
    snapshot, checked = _snapshot(ctx)
    months = ctx.params["veto_unanswered_months"]
    within = ctx.params["reply_within_working_days"]
    each = ctx.params["deduction_per_slow"]
    findings: list[Finding] = [*checked]
    slow: list[Deduction] = []
    overdue: list[str] = []
    overdue_ids: list[str] = []
    judged = 0
    # Absent `valid` counts as valid: a unit cannot drop a message by leaving the flag out.
    valid = [m for m in ctx.data["messages"] if m.get("valid", True)]
    # Messages the unit itself marked invalid are not judged, but they are listed
    # (at no cost) so that an evaluator can audit the unit's classification.
    marked = (str(m["id"]) for m in ctx.data["messages"] if not m.get("valid", True))
    invalid = tuple(dict.fromkeys(marked))
    if invalid:
        message = f"单位自行标注为无效、未予评判的留言{len(invalid)}条，请核查所列编号"
        findings.append(Finding("messages.set_aside", message, invalid))
    # Screened one by one so that each message's findings stay in submission order.
    # This loop runs once per message: the findings' words are built only for
    # the messages that fail.
    for record, excluded in screen_each(
        valid,
        record_id=lambda r: str(r["id"]),
        key_date=operator.itemgetter("received_on"),
        year=ctx.year,
        snapshot=snapshot,
        describe=ScreeningMessages(
            duplicate=lambda rid: f"留言 {rid} 重复出现，只计第一条",
            after_snapshot=lambda rid, day: (
                f"留言 {rid} 的留言日期{day}晚于检查日{snapshot}，不予计入"
            ),
            outside_year=lambda rid, day: (
                f"留言 {rid} 的留言日期{day}不在评估年度{ctx.year}内，不予计入"
            ),
        ),
    ):
        if excluded is not None:
            findings.append(excluded)
            continue
        rid, received = str(record["id"]), record["received_on"]
        judged += 1
        replied: dt.date | None = record.get("replied_on")
        if replied is not None and replied > snapshot:
            message = f"留言 {rid} 的答复日期{replied}晚于检查日{snapshot}，视为未答复"
            findings.append(Finding("integrity.after_snapshot", message, (rid,)))
            replied = None
        elif replied is not None and replied < received:
            message = f"留言 {rid} 的答复日期{replied}早于留言日期{received}，视为未答复"
            findings.append(Finding("integrity.reply_before_request", message, (rid,)))
            replied = None
        waited_until = snapshot if replied is None else replied
        if waited_until > add_months(received, months):
            waited = f"{replied}才答复" if replied else f"截至{snapshot}未答复"
            overdue.append(f"留言 {rid}（{received}收到）{waited}")
            overdue_ids.append(rid)
        day = working_days_after(received, waited_until)
        if day > within:
            state = (
                f"于第{day}个工作日答复" if replied else f"截至{snapshot}（第{day}个工作日）未答复"
            )
            message = f"留言 {rid} {state}，超过{within}个工作日"
            slow.append(Deduction("messages.slow", message, (rid,), each))
    if not judged:
        # Keep the integrity findings that excluded the messages.
        reason = Finding("not_applicable", "没有可评判的有效留言")
        return Outcome(0.0, (reason, *findings), "not_applicable")
    if overdue:
        listed = [Finding(d.code, d.message, d.records) for d in slow]
        message = f"有效留言超过{months}个月未答复，单项否决：" + "；".join(overdue)
        veto = Finding("messages.unanswered", message, tuple(overdue_ids), ctx.max_points)
        return Outcome(0.0, (*findings, *listed, veto), veto=True)
    points, costs = capped_deductions(ctx.max_points, slow)
    return Outcome(points, (*findings, *costs))


@scorer("website.broken_links", section=SECTION, params=LINK_PARAMS)
def broken_links(ctx: ScoringContext) -> Outcome:
    """Broken links found at the check, a capped deduction for each."""
    count: int | None = ctx.data.get("broken_links")
    if count is None:
        return Outcome(0.0, (Finding("broken_links.no_data", "未提交失效链接检查数据"),))
    each = ctx.params["deduction_each"]
    message = f"发现失效链接{count}个，每个扣{each:g}分"
    deduction = Deduction("broken_links.found", message, ("website.broken_links",), each * count)
    points, findings = capped_deductions(ctx.max_points, [deduction])
    return Outcome(points, findings)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="网站更新及时性")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [availability, homepage_fresh, column_freshness, messages, broken_links]

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
- ``annual_report.deadline`` alone owns the report's deadline: 31 March under
  the 2008 regulation (art. 31); under the 2019 regulation 31 January for
  county-level-and-above departments (art. 49) and a local date for streets.

Arithmetic is exact (``Decimal`` for printed figures, ``Fraction`` for points);
points are returned as a float computed from the exact value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from evaluator import Finding, Outcome, Scheme, Scorer, ScoringContext, Section, hookimpl, scorer
from evaluator.section_schema import COUNT, DATE, NON_NEGATIVE, POSITIVE_COUNT, TEXT, params

SECTION = "annual_report"
FIGURE_KEYS = ("value", "percent", "change")
# Groups nest this deep at most (a figure's path has at most this many dots);
# the 2021 national format needs four.
MAX_DEPTH = 8

WRONG_YEAR = "annual_report.wrong_year"
MISSING = "annual_report.missing_figure"
SUM = "annual_report.sum"
CHANGE = "annual_report.change"
SHARE = "annual_report.share"
AT_MOST = "annual_report.at_most"
BALANCE = "annual_report.balance"
LATE = "annual_report.late"
UNDATED = "annual_report.undated"
# Plugin-owned integrity codes: the shared ``integrity.after_snapshot`` has no
# declared text yet, and declaring it here would reword every other plugin's.
AFTER_SNAPSHOT = "integrity.annual_report_after_snapshot"
BEFORE_YEAR_END = "integrity.annual_report_before_year_end"
COUNT_MISMATCH = "integrity.request_count_mismatch"

MESSAGES: dict[str, dict[str, str]] = {
    WRONG_YEAR: {
        "zh": "提交的是{year}年度报告，本次评估应为{expected}年度报告，不予评判",
        "en": "the report covers {year}; this evaluation judges the report on {expected}",
    },
    MISSING: {
        "zh": "年度报告未列明{name!q}",
        "en": "the report does not state {path!q}",
    },
    SUM: {
        "zh": "{name!q}填报{stated}，各分项合计{computed}",
        "en": "{path!q} is stated as {stated}; its parts add up to {computed}",
    },
    CHANGE: {
        "zh": "{name!q}同比增减填报{stated}，各分项增减合计{computed}",
        "en": "{path!q} states a change of {stated}; its parts' changes add up to {computed}",
    },
    SHARE: {
        "zh": "{name!q}占比填报{stated}%，按{value}/{base}（{of_name!q}）计算应为{computed}%",
        "en": "{path!q} is printed as {stated}%; {value}/{base} ({of!q}) gives {computed}%",
    },
    AT_MOST: {
        "zh": "{name!q}为{stated}，超过{of_name!q}的{limit}",
        "en": "{path!q} is {stated}, more than {of!q} ({limit})",
    },
    BALANCE: {
        "zh": "{left_names}合计{stated}，与{right_names}合计{computed}不相等",
        "en": "{left} add up to {stated}, but {right} add up to {computed}",
    },
    LATE: {
        "zh": "{year}年度报告于{published}公布，法定期限为{due}，逾期{days}天",
        "en": "the {year} report was published on {published}, {days} days after {due}",
    },
    UNDATED: {
        "zh": "年度报告未注明公布日期，不能认定按时公布",
        "en": "the report gives no publication date, so it cannot count as on time",
    },
    AFTER_SNAPSHOT: {
        "zh": "年度报告公布日期{published}晚于检查日{as_of}，不予认可",
        "en": "the report's publication date {published} is after the check date {as_of}",
    },
    BEFORE_YEAR_END: {
        "zh": "年度报告公布日期{published}早于所报{year}年度结束，不予认可",
        "en": "the report's publication date {published} is before the end of {year}",
    },
    COUNT_MISMATCH: {
        "zh": "{year}年度报告填报收到申请{stated}件（{name!q}），依申请公开台账记录{counted}件",
        "en": "the {year} report states {stated} requests received ({path!q}); "
        "the request log holds {counted}",
    },
}

# ---------------------------------------------------------------- section schema


def _field(schema: Mapping[str, Any], title: str, description: str) -> dict[str, Any]:
    """``schema`` with its Chinese name (``title``) and an explanation."""
    return {**schema, "title": title, "description": description}


_NUMBER: dict[str, Any] = {"type": "number"}
FIGURE_SCHEMA = {
    "type": "object",
    "properties": {
        "value": _field(NON_NEGATIVE, "数值", "报告所列数值 / the figure as printed"),
        "percent": _field(
            NON_NEGATIVE, "占比", "报告所列占比，单位% (52.18 即 52.18%) / share as printed, in %"
        ),
        "change": _field(
            _NUMBER, "同比增减", "报告所列同比增减 / stated change against the previous year"
        ),
    },
    "required": ["value"],
    "additionalProperties": False,
}


def _node(depth: int) -> dict[str, Any]:
    """A figure (a number, or ``{value, percent, change}``) or, above depth 0, a group."""
    has_figure_key = {"type": "object", "anyOf": [{"required": [k]} for k in FIGURE_KEYS]}
    deeper = _group(depth - 1) if depth else {"type": "number"}  # no group below the last level
    return {
        "type": ["number", "object"],
        "minimum": 0,
        "if": has_figure_key,
        "then": FIGURE_SCHEMA,
        "else": {"if": {"type": "object"}, "then": deeper},
    }


def _group(depth: int) -> dict[str, Any]:
    """A group of figures: names (without dots) to figures or further groups."""
    return _field(
        {
            "type": "object",
            "propertyNames": {"pattern": r"^[^.]+$"},
            "additionalProperties": _node(depth),
        },
        "统计分组",
        "一组统计数据，名称中不能有“.” / a group of figures; names must not contain dots",
    )


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "year": _field(
            {"type": "integer", "minimum": 1900, "maximum": 2099},
            "年度",
            "报告所属年度（Y 年的评估看 Y−1 年度的报告） / the year the report covers "
            "(a scheme for year Y judges the report on Y−1)",
        ),
        "published_on": _field(
            DATE, "公布日期", "报告公布日期 / the date the report was published"
        ),
        "url": _field(TEXT, "网址", "报告网址 / where the report is published"),
        "figures": _field(
            _group(MAX_DEPTH),
            "统计数据",
            "报告的统计表：可多级分组；每项是一个数，或 {value 数值, percent 占比, change 同比增减}"
            " / the report's tables: groups nest freely; a figure is a number or "
            "{value, percent, change} (percent as printed, change against the previous year)",
        ),
    },
    "required": ["year"],
    "additionalProperties": False,
    "description": "政府信息公开工作年度报告 / annual report on open government information",
}

# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One stated figure: its value, and the printed share and change when stated."""

    value: Decimal
    percent: Decimal | None = None
    change: Decimal | None = None


def exact(number: float) -> Decimal:
    """A number read from a report as the ``Decimal`` it was printed as (52.18, not 52.1799...)."""
    return Decimal(number) if isinstance(number, int) else Decimal(repr(number))


def shown(number: Decimal | Fraction) -> int | float:
    """A figure as a message parameter: whole numbers as ``int`` (1466, not 1466.0)."""
    if number == int(number):
        return int(number)
    return float(number)


def figures_of(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Figure]:
    """Every figure of a report's ``figures``, by dotted path."""
    found: dict[str, Figure] = {}
    for name, node in tree.items():
        path = f"{prefix}{name}"
        if isinstance(node, Mapping) and "value" in node:
            found[path] = Figure(
                exact(node["value"]),
                exact(node["percent"]) if "percent" in node else None,
                exact(node["change"]) if "change" in node else None,
            )
        elif isinstance(node, Mapping):
            found.update(figures_of(node, f"{path}."))
        else:
            found[path] = Figure(exact(node))
    return found


def percent_of(part: Decimal, base: Decimal, decimals: int) -> Decimal:
    """100 × part / base, rounded half-up to ``decimals`` places, exactly (0 when the base is 0)."""
    places = Decimal(1).scaleb(-decimals)
    if base == 0:
        return Decimal(0).quantize(places)
    # Cut (never round) the exact quotient one place past the last printed one:
    # that digit alone decides half-up, so the rounding below is exact.
    scaled = Fraction(part) * 100 * 10 ** (decimals + 1) / Fraction(base)
    cut = Decimal(scaled.numerator // scaled.denominator).scaleb(-(decimals + 1))
    return cut.quantize(places, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- params (defaults live only here)

PATH: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[^.]+(\.[^.]+)*$",
    "description": "a figure's dotted path, e.g. requests.received.in_person",
}
PATHS: dict[str, Any] = {"type": "array", "items": PATH, "minItems": 1}


def _rule(properties: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(properties),
        "additionalProperties": False,
        "description": description,
    }


RULE: dict[str, Any] = {
    "oneOf": [
        _rule({"sum": PATH, "of": PATHS}, "value = sum of the parts' values (and changes)"),
        _rule({"share": PATHS, "of": PATH}, "each stated percent = 100 × part / base"),
        _rule({"at_most": PATH, "of": PATH}, "value ≤ the other's value"),
        _rule({"balance": PATHS, "equals": PATHS}, "the two lists add up to the same value"),
    ]
}
ARITHMETIC_DEFAULTS: dict[str, Any] = {
    "decimals": 2,
    "required": [],
    "rules": [],
    "per_break": 5,
    "per_missing": 5,
    "log_total": "requests.received.total",
    "labels": {},
}
LABELS: dict[str, Any] = {
    "type": "object",
    "propertyNames": PATH,
    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 60},
    "description": (
        "Chinese names of the figures' levels as the report's table gives them, by dotted "
        "path (requests.received) or by a level's own name (total), for the template and "
        "the findings: requests.received.in_person reads 依申请公开·收到申请·当面申请"
    ),
}
ARITHMETIC_PARAMS = params(
    {
        "decimals": {**COUNT, "maximum": 6},
        "required": {"type": "array", "items": PATH},
        "rules": {"type": "array", "items": RULE},
        "per_break": NON_NEGATIVE,
        "per_missing": NON_NEGATIVE,
        "log_total": {"anyOf": [PATH, {"type": "null"}]},
        "labels": LABELS,
    },
    ARITHMETIC_DEFAULTS,
)

MONTH_DAY: dict[str, Any] = {
    "type": "string",
    "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    "description": "MM-DD, in the year after the one the report covers",
}
DEADLINE_DEFAULTS: dict[str, Any] = {
    "due": {
        "ogi-2008": {"bureau": "03-31", "street": "03-31"},  # 2008 art. 31
        # 2019 art. 49: departments by 31 January; streets follow local rules
        "ogi-2019": {"bureau": "01-31", "street": "03-31"},
    },
    "ogi_2019_from": "2019-05-15",
    "zero_after_days": 30,
}
DEADLINE_PARAMS = params(
    {
        "due": {
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": MONTH_DAY},
        },
        "ogi_2019_from": DATE,
        "zero_after_days": POSITIVE_COUNT,
    },
    DEADLINE_DEFAULTS,
)


def check_due(settings: Mapping[str, Any], scheme: Scheme) -> list[str]:
    """Every kind of the scheme needs a real due date under each regime the scheme uses."""
    regimes = ["ogi-2008", "ogi-2019"] if scheme.regime == "auto" else [scheme.regime]
    problems: list[str] = []
    for regime in regimes:
        dates = settings["due"].get(regime)
        if dates is None:
            problems.append(f"due: no dates for {regime!r}, the scheme's regime")
            continue
        for kind in scheme.unit_types:
            if kind not in dates:
                problems.append(f"due.{regime}: no date for unit kind {kind!r}")
        for kind, day in dates.items():
            try:  # 2001 is not a leap year: 02-29 would fall due only every fourth year
                dt.date.fromisoformat(f"2001-{day}")
            except ValueError:
                problems.append(f"due.{regime}.{kind}: {day!r} is not a date every year has")
    return problems


# ---------------------------------------------------------------- shared checks


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


@dataclass(frozen=True)
class Break:
    """A finding before points are attached: ``costs`` says whether it takes points."""

    code: str
    records: tuple[str, ...]
    params: Mapping[str, Any]
    costs: bool = True


def capped(max_points: float, breaks: Iterable[Break], each: Mapping[str, Fraction]) -> Outcome:
    """Points left after each costing break takes ``each[code]`` (``MISSING`` or a break).

    Together they never take more than ``max_points``: the one that reaches the
    cap is charged what was left, later ones zero, so the findings' deductions
    add up to the points lost. Exact until the points are returned.
    """
    remaining = Fraction(max_points)
    findings: list[Finding] = []
    for item in breaks:
        deduction: float | None = None
        if item.costs:
            cost = min(each[item.code], remaining)
            remaining -= cost
            deduction = float(cost)
        findings.append(Finding(item.code, "", item.records, deduction, item.params))
    return Outcome(float(remaining), tuple(findings))


# ---------------------------------------------------------------- arithmetic


def figure_name(path: str, labels: Mapping[str, str]) -> str:
    """A figure's name as the report's table gives it, from the scheme's ``labels``.

    Each level of the path is named by the label of its dotted prefix, else by
    the label of its own name, else by its own name; the names are joined by
    "·" (``requests.received.in_person``: 依申请公开·收到申请·当面申请). A path
    whose levels have no label at all stays the dotted path.
    """
    parts = path.split(".")
    names = [
        labels.get(".".join(parts[: i + 1])) or labels.get(part) for i, part in enumerate(parts)
    ]
    if not any(names):
        return path
    return "·".join(name or part for name, part in zip(names, parts, strict=True))


class Tables:
    """A report's figures and the breaks found in them, rule by rule."""

    def __init__(
        self,
        figures: Mapping[str, Figure],
        required: Sequence[str],
        decimals: int,
        labels: Mapping[str, str] | None = None,
    ):
        self.figures = figures
        self.required = set(required)
        self.decimals = decimals
        self.labels: Mapping[str, str] = labels or {}
        self.breaks: list[Break] = []
        self._reported: set[str] = set()

    def stated(self, paths: Sequence[str]) -> list[Figure] | None:
        """The figures at ``paths``; ``None`` when any is absent (each reported once)."""
        found = [self.figures.get(path) for path in paths]
        for path, figure in zip(paths, found, strict=True):
            if figure is None:
                self.missing(path)
        return None if None in found else [f for f in found if f is not None]

    def missing(self, path: str) -> None:
        if path in self._reported or path in self.figures:
            return
        self._reported.add(path)
        costs = path in self.required
        params = {"path": path, "name": self.name(path), "required": costs}
        self.breaks.append(Break(MISSING, (path,), params, costs))

    def name(self, path: str) -> str:
        return figure_name(path, self.labels)

    def apply(self, rule: Mapping[str, Any]) -> None:
        if "sum" in rule:
            self.sum(rule["sum"], rule["of"])
        elif "share" in rule:
            self.share(rule["share"], rule["of"])
        elif "at_most" in rule:
            self.at_most(rule["at_most"], rule["of"])
        else:
            self.balance(rule["balance"], rule["equals"])

    def sum(self, path: str, parts: Sequence[str]) -> None:
        found = self.stated([path, *parts])
        if found is None:
            return
        total, *pieces = found
        computed = sum((p.value for p in pieces), Decimal(0))
        if computed != total.value:
            values = {"stated": shown(total.value), "computed": shown(computed)}
            named = {"path": path, "name": self.name(path)}
            self.breaks.append(Break(SUM, (path,), {**named, **values, "parts": list(parts)}))
        changes = [p.change for p in pieces]
        if total.change is None or None in changes:
            return
        computed = sum((c for c in changes if c is not None), Decimal(0))
        if computed != total.change:
            values = {"stated": shown(total.change), "computed": shown(computed)}
            named = {"path": path, "name": self.name(path)}
            self.breaks.append(Break(CHANGE, (path,), {**named, **values, "parts": list(parts)}))

    def share(self, parts: Sequence[str], of: str) -> None:
        # Each part is checked on its own: a part the report leaves out does not
        # excuse the percentages it does print.
        found = self.stated([of])
        present = [(p, self.figures[p]) for p in parts if p in self.figures]
        for path in parts:
            if path not in self.figures:
                self.missing(path)
        if found is None:
            return
        base = found[0].value
        for path, part in present:
            if part.percent is None:
                continue
            computed = percent_of(part.value, base, self.decimals)
            if computed != part.percent:
                values = {
                    "path": path,
                    "name": self.name(path),
                    "of_name": self.name(of),
                    "stated": shown(part.percent),
                    "computed": shown(computed),
                    "value": shown(part.value),
                    "base": shown(base),
                    "of": of,
                    "decimals": self.decimals,
                }
                self.breaks.append(Break(SHARE, (path,), values))

    def at_most(self, path: str, of: str) -> None:
        found = self.stated([path, of])
        if found is None:
            return
        part, whole = found
        if part.value > whole.value:
            values = {"path": path, "stated": shown(part.value), "of": of}
            values |= {"name": self.name(path), "of_name": self.name(of)}
            self.breaks.append(Break(AT_MOST, (path,), {**values, "limit": shown(whole.value)}))

    def balance(self, left: Sequence[str], right: Sequence[str]) -> None:
        found = self.stated([*left, *right])
        if found is None:
            return
        stated = sum((f.value for f in found[: len(left)]), Decimal(0))
        computed = sum((f.value for f in found[len(left) :]), Decimal(0))
        if stated != computed:
            values = {"stated": shown(stated), "computed": shown(computed)}
            sides = {"left": list(left), "right": list(right)}
            sides |= {
                "left_names": [self.name(p) for p in left],
                "right_names": [self.name(p) for p in right],
            }
            self.breaks.append(Break(BALANCE, (*left, *right), {**sides, **values}))


def _log_year(requests: Sequence[Mapping[str, Any]]) -> tuple[int, int] | None:
    """The year most of a request log's requests were received in, and how many (ids once)."""
    first: dict[str, dt.date] = {}
    for record in requests:
        first.setdefault(str(record["id"]), record["received_on"])
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


def expected_figures(params: Mapping[str, Any]) -> dict[str, str]:
    """The rows a template lists under 统计数据: every required figure, as its table states it.

    A figure whose printed share a rule checks gets rows for its value, share and
    change; one in a sum, for its value and change; any other, one row. Each row
    is explained by the figure's Chinese name (:func:`figure_name`).
    """
    shared: set[str] = set()
    summed: set[str] = set()
    for rule in params["rules"]:
        if "share" in rule:
            shared.update(rule["share"])
        if "sum" in rule:
            summed.update([rule["sum"], *rule["of"]])
    labels: Mapping[str, str] = params.get("labels") or {}
    rows: dict[str, str] = {}
    for path in params["required"]:
        name = figure_name(path, labels)
        if path in shared or path in summed:
            rows[f"figures.{path}.value"] = f"{name}：数值（必填） / the figure"
            if path in shared:
                rows[f"figures.{path}.percent"] = (
                    f"{name}：占比，报告所列，单位%（可不填） / share, %"
                )
            rows[f"figures.{path}.change"] = (
                f"{name}：同比增减（可不填） / change on the year before"
            )
        else:
            rows[f"figures.{path}"] = f"{name}：数值（必填） / the figure"
    return rows


@scorer(
    "annual_report.arithmetic",
    section=SECTION,
    params=ARITHMETIC_PARAMS,
    fields=expected_figures,
)
def arithmetic(ctx: ScoringContext) -> Outcome:
    """The report's tables add up: sums, changes, printed shares, parts within totals, balances."""
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
    each = {code: Fraction(str(ctx.params["per_break"])) for code in (SUM, CHANGE, SHARE)}
    each |= {AT_MOST: each[SUM], BALANCE: each[SUM]}
    each[MISSING] = Fraction(str(ctx.params["per_missing"]))
    outcome = capped(ctx.max_points, tables.breaks, each)
    return Outcome(outcome.points, (*outcome.findings, *integrity))


# ---------------------------------------------------------------- deadline


def _regime(ctx: ScoringContext, published: dt.date) -> str:
    """The scheme's regime; under ``auto``, the one in force on the publication date."""
    if ctx.regime != "auto":
        return ctx.regime
    switch = ctx.params["ogi_2019_from"]
    switch = switch if isinstance(switch, dt.date) else dt.date.fromisoformat(switch)
    return "ogi-2019" if published >= switch else "ogi-2008"


def due_date(ctx: ScoringContext, published: dt.date) -> dt.date:
    """When the report on ``year`` fell due for this unit's kind, in the year after."""
    regime = _regime(ctx, published)
    dates = ctx.params["due"].get(regime, {})
    if ctx.unit.type not in dates:
        raise ValueError(f"params.due.{regime} has no date for unit kind {ctx.unit.type!r}")
    return dt.date.fromisoformat(f"{ctx.data['year'] + 1}-{dates[ctx.unit.type]}")


@scorer("annual_report.deadline", section=SECTION, params=DEADLINE_PARAMS, check=check_due)
def deadline(ctx: ScoringContext) -> Outcome:
    """The report on the year before was published by its statutory date."""
    set_aside = _wrong_year(ctx)
    if set_aside is not None:
        return set_aside
    year, published = ctx.data["year"], ctx.data.get("published_on")
    lost = ctx.max_points or None
    if published is None:
        return Outcome(0.0, (Finding(UNDATED, "", ("annual_report.published_on",), lost),))
    records = ("annual_report.published_on",)
    if published > ctx.as_of:
        values = {"published": published, "as_of": ctx.as_of}
        return Outcome(0.0, (Finding(AFTER_SNAPSHOT, "", records, lost, values),))
    if published <= dt.date(year, 12, 31):
        values = {"published": published, "year": year}
        return Outcome(0.0, (Finding(BEFORE_YEAR_END, "", records, lost, values),))
    due = due_date(ctx, published)
    if published <= due:
        return Outcome(ctx.max_points)
    days = (published - due).days
    zero = ctx.params["zero_after_days"]
    kept = Fraction(ctx.max_points) * Fraction(max(zero - days, 0), zero)
    values = {"year": year, "published": published, "due": due, "days": days}
    lost_late = float(Fraction(ctx.max_points) - kept)
    return Outcome(float(kept), (Finding(LATE, "", records, lost_late, values),))


# ---------------------------------------------------------------- hooks


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="年度报告")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [arithmetic, deadline]


@hookimpl
def register_messages() -> dict[str, dict[str, str]]:
    return MESSAGES

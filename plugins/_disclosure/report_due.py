"""When the annual report on a year fell due: the one rule both of its scorers apply.

The regulation in force on the due date decides, never the scheme's ``regime``
(as the law in force on the day of receipt decides a request's limit):

- 2008 regulation (国务院令第492号) art. 31: every administrative body
  publishes its report on the year before by 31 March;
- 2019 regulation (国务院令第711号, in force from 2019-05-15) art. 49:
  departments of governments at county level and above by 31 January; the
  government's own report, published by its disclosure office (政府信息公开工作
  主管部门), by 31 March. A street office (街道办事处) is neither, so its date
  is the scheme's, per unit kind, with its local source.

Precisely: the 2008 date for the unit's kind applies when the 2008 regulation
was still in force on it (before ``ogi_2019_from``, the day the 2019 one took
effect), otherwise the 2019 date. So a report on 2018 was due 31 March 2019
under the 2008 regulation, and a report on 2019 is due in 2020 under the 2019
one, whenever either was published.

The due date is a day the regulation names (期日), not a period counted in days
(期间): one on a rest day stays where it is (民法典 第二百零三条 moves the last
day of periods only), and a report dated the day after is late.

A scheme that must apply another regulation's date sets ``deadline_override:
{regime, reason}``; :class:`ReportDue` then keeps the law's date beside the one
applied, so that every finding can say both, and why. Used by
``annual_report.deadline`` and by the key-area checklist items whose
``deadline`` is ``{rule: annual_report}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator import Finding, Problem, Scheme
from evaluator.rules import Term, terms
from evaluator.section_schema import DATE

OGI_2008, OGI_2019 = "ogi-2008", "ogi-2019"

REGULATIONS = {
    OGI_2008: Term("2008年《政府信息公开条例》第三十一条", "art. 31 of the 2008 regulation"),
    OGI_2019: Term("2019年《政府信息公开条例》第四十九条", "art. 49 of the 2019 regulation"),
}
"""Each regime's name in findings, with the article that sets the report's date."""


def regulation(regime: str) -> Term:
    """A regime's name in findings (:data:`REGULATIONS`; its id when it has none)."""
    return REGULATIONS.get(regime, Term(regime, regime))


DEFAULTS: dict[str, Any] = {
    # The national rule only: 2008 art. 31 gives every body 31 March; 2019 art. 49 gives
    # departments 31 January (and the government's own report 31 March, for a scheme with a
    # kind for governments). Streets have no national date under 2019: the scheme states it.
    "due": {
        OGI_2008: {"bureau": "03-31", "street": "03-31"},
        OGI_2019: {"bureau": "01-31"},
    },
    "ogi_2019_from": "2019-05-15",  # 国务院令第711号：自2019年5月15日起施行
}
"""The rule's params as the national law sets them; a scheme states what differs."""

MONTH_DAY: dict[str, Any] = {
    "type": "string",
    "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    "description": "MM-DD, in the year after the one the report covers",
}

DUE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"enum": [OGI_2008, OGI_2019]},
    "additionalProperties": {"type": "object", "additionalProperties": MONTH_DAY},
    "description": "regime -> unit kind -> MM-DD of the year after the report's",
}

OVERRIDE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "regime": {"enum": [OGI_2008, OGI_2019]},
        "reason": {"type": "string", "minLength": 1},
    },
    "required": ["regime", "reason"],
    "additionalProperties": False,
    "description": "the regime whose date the scheme applies instead of the law's, and why "
    "(shown with every judged report)",
}

PARAMS: dict[str, Any] = {
    "due": DUE_SCHEMA,
    "ogi_2019_from": DATE,
    "deadline_override": {"anyOf": [OVERRIDE_SCHEMA, {"type": "null"}]},
}
"""The rule's params schemas, by name, for a scorer's params (``deadline_override``: none)."""


@dataclass(frozen=True)
class RuleCodes:
    """The codes a plugin gives the rule's findings and params problems (each plugin its own,
    since a code's text is registered once)."""

    regime_missing: str
    kind_missing: str
    not_every_year: str
    override: str

    def messages(self) -> dict[str, dict[str, str]]:
        """The texts of these codes, for the plugin's ``register_messages``."""
        return {
            self.regime_missing: {
                "zh": "参数 {param}：没有{regime!q}的公布期限，而{year}年度报告的期限可能由其确定",
                "en": "{param}: no dates for {regime!q}, which may set the due date of the "
                "{year} report",
            },
            self.kind_missing: {
                "zh": "参数 {param}：没有单位类别{kind!q}的公布期限",
                "en": "{param}: no date for unit kind {kind!q}",
            },
            self.not_every_year: {
                "zh": "参数 {param}：{day!q}不是每年都有的日期",
                "en": "{param}: {day!q} is not a date every year has",
            },
            self.override: {
                "zh": "评估方案指定按{applied_zh}确定{year}年度报告的公布期限（{due}），"
                "依法应按{law_zh}（{law_due}）；理由：{reason}",
                "en": "the scheme applies {applied_en} to the {year} report (due {due}) where "
                "the law gives {law_en} (due {law_due}); reason: {reason}",
                # the scheme's departure from the law: the evaluator's to stand by
                "audience": "evaluator",
            },
        }


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class ReportDue:
    """The day a report fell due, under which regime, and the law's own when a scheme overrode it.

    ``law`` is the regime in force on the due date; ``regime`` the one applied
    (the override's, else the law's); ``reason`` the override's, else ``None``.
    """

    year: int
    day: dt.date
    regime: str
    law: str
    law_day: dt.date
    reason: str | None = None

    @property
    def words(self) -> Term:
        """The rule the date comes from, for a finding: ``2008年《…》第三十一条``."""
        return REGULATIONS[self.regime]

    def override_finding(self, code: str, records: tuple[str, ...]) -> Finding | None:
        """The audit note (``code``) each judged report carries when the scheme overrode the law."""
        if self.reason is None:
            return None
        params = {
            **terms(applied=REGULATIONS[self.regime], law=REGULATIONS[self.law]),
            "year": self.year,
            "due": self.day,
            "law_due": self.law_day,
            "reason": self.reason,
        }
        return Finding(code, records=records, params=params)


@dataclass(frozen=True)
class ReportDueRule:
    """The rule with a scheme's params: due dates per regime and kind, the switch, an override."""

    due: Mapping[str, Mapping[str, str]]
    ogi_2019_from: dt.date
    override: Mapping[str, str] | None = None

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> ReportDueRule:
        """The rule from a scorer's params; a param not given takes its national default."""
        return cls(
            params.get("due", DEFAULTS["due"]),
            _date(params.get("ogi_2019_from", DEFAULTS["ogi_2019_from"])),
            params.get("deadline_override"),
        )

    def _day(self, regime: str, year: int, kind: str) -> dt.date:
        day = self.due.get(regime, {}).get(kind)
        if day is None:
            raise MissingDate(regime, kind)
        return dt.date.fromisoformat(f"{year + 1}-{day}")

    def law(self, year: int, kind: str) -> tuple[str, dt.date]:
        """The regime in force on the due date of the report on ``year`` for ``kind``, and the date.

        The 2008 date, when the 2008 regulation was still in force on it (before
        ``ogi_2019_from``); else the 2019 date. :class:`MissingDate` names a date
        the params lack that the rule needs.
        """
        if dt.date(year + 1, 1, 1) < self.ogi_2019_from:  # 2008's date may fall before
            under_2008 = self._day(OGI_2008, year, kind)
            if under_2008 < self.ogi_2019_from:
                return OGI_2008, under_2008
        return OGI_2019, self._day(OGI_2019, year, kind)

    def due_date(self, year: int, kind: str) -> ReportDue:
        """When the report on ``year`` of a unit of ``kind`` fell due (in ``year + 1``)."""
        law, law_day = self.law(year, kind)
        if self.override is None:
            return ReportDue(year, law_day, law, law, law_day)
        regime = self.override["regime"]
        day = self._day(regime, year, kind)
        return ReportDue(year, day, regime, law, law_day, self.override["reason"])

    def check(self, scheme: Scheme, codes: RuleCodes, prefix: str = "") -> list[Problem]:
        """What would stop the rule judging the reports the scheme looks at (on its year − 1).

        The rule itself is asked for each unit kind, so the check needs exactly
        the dates the rule will (both regimes' in the year the 2019 regulation
        took effect, and the override's); every date must be a day of every year.
        """
        year = scheme.year - 1
        problems: list[Problem] = []
        absent: set[str] = set()
        for kind in scheme.unit_types:
            try:
                self.due_date(year, kind)
            except MissingDate as missing:
                if missing.regime not in self.due:
                    if missing.regime not in absent:
                        absent.add(missing.regime)
                        params = {"param": f"{prefix}due", "regime": missing.regime, "year": year}
                        problems.append(Problem(codes.regime_missing, params))
                    continue
                params = {"param": f"{prefix}due.{missing.regime}", "kind": kind}
                problems.append(Problem(codes.kind_missing, params))
        for regime, dates in self.due.items():
            for kind, day in dates.items():
                try:  # 2001 is not a leap year: 02-29 would fall due only every fourth year
                    dt.date.fromisoformat(f"2001-{day}")
                except ValueError:
                    params = {"param": f"{prefix}due.{regime}.{kind}", "day": day}
                    problems.append(Problem(codes.not_every_year, params))
        return problems


class MissingDate(ValueError):
    """The rule needs a date the params do not give: regime ``regime``, unit kind ``kind``."""

    def __init__(self, regime: str, kind: str) -> None:
        super().__init__(f"params.due.{regime} has no date for unit kind {kind!r}")
        self.regime = regime
        self.kind = kind

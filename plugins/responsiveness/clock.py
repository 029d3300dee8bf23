"""The statutory clock of an information request (依申请公开), and which year's run judges it.

The law in force on the day a request was received sets its limit: the 2008
regulation (15 working days, extendable by 15, art. 24) before 2019-05-15, the
2019 regulation (20, extendable by 20, art. 33) from then on, whatever regime
the scheme names (a fixed regime outside its period is overridden, and the
records are listed).

Lawful pauses, each the unit's own claim and listed for audit:

- a corrected application (补正) restarts the clock on the day it was received
  (2019 art. 30; for requests under the 2008 regulation, which says only that
  the applicant is to be told to correct it (art. 21), the same reading as
  国办发〔2010〕5号 directs; ``docs/integrity.md`` says what was applied);
- time spent consulting a third party is not counted (2008 art. 24 para. 2,
  2019 art. 33 para. 2), nor, from 2019, time spent consulting other agencies
  (a regime's ``pause_for_agencies``);
- an extension counts only when notified to the applicant by the original
  deadline.

A request settles on its reply when answered in time, otherwise on its due
day; it is judged in the run of the year it settles in (see
:class:`evaluator.rules.Settlement`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Any

from evaluator import Finding
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
    SET_ASIDE,
    SETTLED,
    Term,
    subject,
    terms,
    within_working_days,
)
from evaluator.working_days import deadline, working_days_after

from .._disclosure.in_time import columns, plain_in_time
from .._disclosure.labels import JUDGED_FAILED, RECEIVED, REPLIED, REQUEST, UNANSWERED

Record = Mapping[str, Any]

REGIME_NAMES = {
    "ogi-2008": Term("2008年《政府信息公开条例》", "the 2008 regulation"),
    "ogi-2019": Term("2019年《政府信息公开条例》", "the 2019 regulation"),
}


def regime_name(regime: str) -> Term:
    """A regime's name in both languages (its id when it has no known name)."""
    return REGIME_NAMES.get(regime, Term(regime, regime))


# What a verdict says about the record, in order of what it costs the unit:
PASSED, NOT_JUDGED, FAILED = 0, 1, 2


@dataclass(frozen=True)
class Verdict:
    """What one request comes to: judged (on time or failed) or not judged here, and why.

    ``severity`` orders verdicts for picking the worst copy of a duplicated
    request (failed above not judged above on time); ``kind`` is one of
    ``on_time``, ``late``, ``pending`` (not yet due, within the year),
    ``later`` (carried over), ``earlier`` and ``after_snapshot`` (set aside).
    ``notes`` are integrity findings that cost nothing by themselves;
    ``claims`` the unit's own claims the verdict relied on (``extended``,
    ``unnotified``, ``correction``, ``pause``, ``regime``); ``failure`` the
    code and params of the finding a failed request costs.
    """

    severity: int
    kind: str
    notes: tuple[Finding, ...] = ()
    claims: tuple[str, ...] = ()
    failure: tuple[str, dict[str, Any]] | None = None


ON_TIME = Verdict(PASSED, "on_time")
"""The verdict of a plain request answered in time (one object, compared by identity)."""
_PENDING = Verdict(NOT_JUDGED, "pending")
_LATER = Verdict(NOT_JUDGED, "later")


@dataclass(frozen=True)
class Regime:
    """One regulation's limits, in working days, and whether it pauses for other agencies."""

    name: str
    limit: int
    extension: int
    pause_for_agencies: bool


# Fields that pause or restart a request's clock: a request without any of them is plain.
_PAUSES = frozenset({"corrected_on", "consultation_from", "consultation_to"})
# A request's rarer fields, in the order its content key lists them.
RARE_FIELDS = (
    "extension_notified_on",
    "corrected_on",
    "consultation_from",
    "consultation_to",
    "consulted_agency",
)
_RARE = frozenset(RARE_FIELDS)


def content_key(record: Record) -> tuple[Any, ...]:
    """What a request says besides its id: its dates, extension and outcome, and its rarer
    fields when it has any (as :meth:`RequestClock.judge_all` keys it)."""
    key = (
        record["received_on"],
        record.get("replied_on"),
        record.get("extended"),
        record.get("outcome"),
    )
    return key if _RARE.isdisjoint(record) else (*key, *map(record.get, RARE_FIELDS))


@dataclass
class RequestClock:
    """Judges requests for one unit: the scheme's year, snapshot and regime, and the params."""

    year: int
    as_of: dt.date
    scheme_regime: str
    regimes: Mapping[str, Regime]
    switch: dt.date  # the first day of the 2019 regulation

    def __post_init__(self) -> None:
        # The plain limit of each regulation (None where the scheme's fixed regime is
        # another, or the params lack it), and the due dates worked out so far, by day of
        # receipt: one call judges thousands of requests received on a few hundred days.
        def plain(name: str) -> int | None:
            rule = self.regimes.get(name)
            if rule is None or self.scheme_regime not in ("auto", name):
                return None
            return rule.limit

        self._limits = (plain("ogi-2008"), plain("ogi-2019"))
        self._due: tuple[dict[dt.date, dt.date], dict[dt.date, dt.date]] = ({}, {})

    @classmethod
    def from_params(
        cls, params: Mapping[str, Any], *, year: int, as_of: dt.date, regime: str
    ) -> RequestClock:
        switch = params["ogi_2019_from"]
        regimes = {
            name: Regime(
                name, rule["limit"], rule["extension"], rule.get("pause_for_agencies", False)
            )
            for name, rule in params["regimes"].items()
        }
        day = switch if isinstance(switch, dt.date) else dt.date.fromisoformat(switch)
        return cls(year, as_of, regime, regimes, day)

    def regime_for(self, received: dt.date) -> Regime:
        """The regulation in force on the day the request was received."""
        name = "ogi-2019" if received >= self.switch else "ogi-2008"
        rule = self.regimes.get(name)
        if rule is None:  # the scheme check names missing limits at load; a hand-made context
            known = ", ".join(sorted(self.regimes))
            raise ValueError(f"params.regimes has no regime {name!r} (known: {known})")
        return rule

    def judge_all(
        self, records: Sequence[Record], ids: Sequence[str]
    ) -> tuple[list[Verdict], list[tuple[Any, ...]]]:
        """The verdict on each request, and what each says besides its id (its content).

        The common case is judged here, a column at a time, building nothing per
        request: a plain request (no pause or correction claimed, not extended) of
        the year, answered in time by the snapshot, under the law the scheme names;
        the rest go to :meth:`judge`. Each due date is worked out once per day of
        receipt, and only for a day on which such a request was received (as
        :meth:`judge` would), so that a calendar year nobody's request needed is
        never asked for. A content key holds the request's dates, extension and
        outcome, and its rarer fields when it has any (to find requests equal but
        for their ids).
        """
        received, replied, extended, outcome = columns(
            records, "received_on", "replied_on", "extended", "outcome"
        )
        keys = list(zip(received, replied, extended, outcome, strict=True))
        full: list[Any] = extended  # judged in full: extended, or with a rarer field
        if not all(map(_RARE.isdisjoint, records)):  # a pause, a correction, a notice ...
            full = list(extended)
            for index, record in enumerate(records):
                if not _RARE.isdisjoint(record):
                    keys[index] = (*keys[index], *map(record.get, RARE_FIELDS))
                    full[index] = True
        fast = plain_in_time(
            received,
            replied,
            year=self.year,
            snapshot=self.as_of,
            due=self._plain_due,
            skip=full,
        )
        verdicts = [ON_TIME] * len(records)
        judge = self.judge
        for index in compress(range(len(records)), map(not_, fast)):
            verdicts[index] = judge(records[index], ids[index])
        return verdicts, keys

    def _plain_due(self, received: dt.date) -> dt.date:
        """The due date of a plain request received that day (``date.min`` when the
        scheme's fixed regime is not the law of that day: never on time here)."""
        new = received >= self.switch
        limit = self._limits[new]
        if limit is None:
            return dt.date.min
        dues = self._due[new]
        due = dues.get(received)
        if due is None:
            due = dues[received] = deadline(received, limit)
        return due

    def judge(self, record: Record, rid: str) -> Verdict:
        """The verdict on one request (see :class:`Verdict`)."""
        received: dt.date = record["received_on"]
        as_of = self.as_of
        replied: dt.date | None = record.get("replied_on")
        # The common case, tested first and building nothing: a plain request (no pause or
        # correction claimed, not extended) of the year, answered in time by the snapshot,
        # under the law the scheme names. Due dates are kept per day of receipt.
        if (
            replied is not None
            and received <= replied <= as_of
            and replied.year == self.year
            and not record.get("extended")
            and _PAUSES.isdisjoint(record)
            and replied <= self._plain_due(received)
        ):
            return ON_TIME
        if received > as_of:
            return _set_aside(AFTER_SNAPSHOT, rid, RECEIVED, received, self)
        if received.year > self.year:  # the next year's own request, not one carried over
            return _set_aside(OUTSIDE_YEAR, rid, RECEIVED, received, self)
        rule = self.regime_for(received)
        claims: list[str] = []
        notes: list[Finding] = []
        if self.scheme_regime not in ("auto", rule.name):
            claims.append("regime")
        if replied is not None and replied > as_of:
            notes.append(_note(AFTER_SNAPSHOT, rid, REPLIED, replied, UNANSWERED, self))
            replied = None
        start = received
        corrected = record.get("corrected_on")
        if corrected is not None:
            start = self._corrected(rid, received, replied, corrected, notes, claims)
        limit = rule.limit
        if record.get("consultation_from") is not None or record.get("consultation_to"):
            limit += self._pause(record, rid, rule, start, replied, notes, claims)
        if record.get("extended") and rule.extension > 0:
            limit += self._extension(record, rid, rule, start, limit, notes, claims)
        if replied is not None and replied < received:
            due = deadline(start, limit)
            params = {
                **terms(subject=subject(REQUEST, rid), effect=JUDGED_FAILED),
                "id": rid,
                "replied": replied,
                "received": received,
            }
            return self._settled(rid, due, notes, claims, (REPLY_BEFORE_REQUEST, params))
        if replied is not None and within_working_days(start, replied, limit):
            if replied.year == self.year and not notes and not claims:
                return ON_TIME
            return self._settled(rid, replied, notes, claims, None)
        due = deadline(start, limit)
        if replied is None and not as_of > due:  # open and not yet due at the snapshot
            if not notes and not claims:
                return _LATER if due.year > self.year else _PENDING
            kind = "later" if due.year > self.year else "pending"
            return Verdict(NOT_JUDGED, kind, tuple(notes), tuple(claims))
        used = working_days_after(start, as_of if replied is None else replied)
        params = {
            "id": rid,
            "received": received,
            "replied": replied,
            "due": due,
            "limit": limit,
            "used": used,
            "as_of": as_of,
        }
        return self._settled(rid, due, notes, claims, ("requests.late", params))

    def _settled(
        self,
        rid: str,
        settled: dt.date,
        notes: list[Finding],
        claims: list[str],
        failure: tuple[str, dict[str, Any]] | None,
    ) -> Verdict:
        """The verdict of a request that settled on ``settled``: judged here, or in another run."""
        if settled.year < self.year:
            return Verdict(
                NOT_JUDGED,
                "earlier",
                (*notes, _note(OUTSIDE_YEAR, rid, SETTLED, settled, SET_ASIDE, self)),
                tuple(claims),
            )
        if settled.year > self.year:
            return Verdict(NOT_JUDGED, "later", tuple(notes), tuple(claims))
        if failure is None:
            return Verdict(PASSED, "on_time", tuple(notes), tuple(claims))
        return Verdict(FAILED, "late", tuple(notes), tuple(claims), failure)

    def _corrected(
        self,
        rid: str,
        received: dt.date,
        replied: dt.date | None,
        corrected: dt.date,
        notes: list[Finding],
        claims: list[str],
    ) -> dt.date:
        """Where the clock starts: the corrected application, when it lies in the request's life."""
        end = self.as_of if replied is None else replied
        if received <= corrected <= end:
            claims.append("correction")
            return corrected
        params = {
            "id": rid,
            "corrected": corrected,
            "received": received,
            "end": end,
        }
        notes.append(Finding("integrity.correction_out_of_order", records=(rid,), params=params))
        return received

    def _pause(
        self,
        record: Record,
        rid: str,
        rule: Regime,
        start: dt.date,
        replied: dt.date | None,
        notes: list[Finding],
        claims: list[str],
    ) -> int:
        """Working days of consultation not counted (0 when the pause is unlawful or not whole)."""
        begun: dt.date | None = record.get("consultation_from")
        ended: dt.date | None = record.get("consultation_to")
        end = self.as_of if replied is None else replied
        if begun is None or ended is None or not start <= begun <= ended <= end:
            params = {"id": rid, "begun": begun, "ended": ended, "start": start, "end": end}
            notes.append(Finding("integrity.pause_out_of_order", records=(rid,), params=params))
            return 0
        if record.get("consulted_agency") and not rule.pause_for_agencies:
            params = {**terms(regime=regime_name(rule.name)), "id": rid}
            notes.append(Finding("requests.pause_not_lawful", records=(rid,), params=params))
            return 0
        claims.append("pause")
        return working_days_after(begun, ended)

    def _extension(
        self,
        record: Record,
        rid: str,
        rule: Regime,
        start: dt.date,
        limit: int,
        notes: list[Finding],
        claims: list[str],
    ) -> int:
        """The extension the request may add: none when notified after the original deadline."""
        notified: dt.date | None = record.get("extension_notified_on")
        if notified is None:
            claims.extend(("extended", "unnotified"))
            return rule.extension
        original = deadline(start, limit)
        received: dt.date = record["received_on"]
        if notified < received:
            params = {"id": rid, "notified": notified, "received": received}
            notes.append(Finding("integrity.notice_before_request", records=(rid,), params=params))
            return 0
        if notified > original:
            params = {"id": rid, "notified": notified, "due": original}
            notes.append(Finding("requests.extension_late_notice", records=(rid,), params=params))
            return 0
        claims.append("extended")
        return rule.extension


def _note(
    code: str, rid: str, what: Term, day: dt.date, effect: Term, clock: RequestClock
) -> Finding:
    params = {
        **terms(subject=subject(REQUEST, rid), field=what, effect=effect),
        "id": rid,
        "day": day,
        "snapshot": clock.as_of,
        "year": clock.year,
    }
    return Finding(code, records=(rid,), params=params)


def _set_aside(code: str, rid: str, what: Term, day: dt.date, clock: RequestClock) -> Verdict:
    return Verdict(NOT_JUDGED, "after_snapshot", (_note(code, rid, what, day, SET_ASIDE, clock),))

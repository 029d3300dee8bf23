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

A request is answered in time when its reply is dated on or before its due
day: the limit's last working day counted from the start
(:data:`evaluator.rules.WORKING_DAYS`). It settles on its reply when answered
in time, otherwise on its due day; it is judged in the run of the year it
settles in (:func:`evaluator.rules.settlement`). Each of these is one step of
:meth:`RequestClock.judge`, the one statement of the rule.
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
    WORKING_DAYS,
    DeadlineStatus,
    Settlement,
    Term,
    deadline_status,
    settled_in,
    settled_on,
    settlement,
    subject,
    terms,
)

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


# Enum members as plain names: reading one through its class is a slow lookup, and the
# rule runs for every request the fast path leaves to it.
_IN_TIME = DeadlineStatus.ON_TIME
_LATE = DeadlineStatus.LATE
_OVERDUE = DeadlineStatus.OVERDUE
_BEFORE_RECEIPT = DeadlineStatus.DONE_BEFORE_START
_THIS_RUN = Settlement.IN_YEAR
_EARLIER_RUN = Settlement.EARLIER
_LATER_RUN = Settlement.LATER


@dataclass(frozen=True)
class Regime:
    """One regulation's limits, in working days, and whether it pauses for other agencies."""

    name: str
    limit: int
    extension: int
    pause_for_agencies: bool


# A request's rarer fields, in the order its content key lists them (see
# RequestClock.judge_all): a request with any of them, or extended, is not plain.
RARE_FIELDS = (
    "extension_notified_on",
    "corrected_on",
    "consultation_from",
    "consultation_to",
    "consulted_agency",
)
_RARE = frozenset(RARE_FIELDS)


@dataclass(frozen=True)
class RequestClock:
    """Judges requests for one unit: the scheme's year, snapshot and regime, and the params.

    :meth:`judge` is the rule, one request at a time, in named steps (screen,
    the law in force, the reply accepted, the start, the limit, the verdict on
    the working-day clock, the settlement), so that a change in the law changes
    one step. :meth:`judge_all` judges a unit's requests with the plain ones a
    column at a time: an optimisation of :meth:`judge` only, tied to it by a
    property test (``tests/plugins/test_in_time_properties.py``).
    """

    year: int
    as_of: dt.date
    scheme_regime: str
    regimes: Mapping[str, Regime]
    switch: dt.date  # the first day of the 2019 regulation

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

    def law_in_force(self, received: dt.date) -> Regime:
        """The regulation in force on the day the request was received."""
        name = "ogi-2019" if received >= self.switch else "ogi-2008"
        rule = self.regimes.get(name)
        if rule is None:  # the scheme check names missing limits at load; a hand-made context
            known = ", ".join(sorted(self.regimes))
            raise ValueError(f"params.regimes has no regime {name!r} (known: {known})")
        return rule

    def _overridden(self, law: Regime) -> bool:
        """Whether ``law`` overrides the regime the scheme fixed (a claim :meth:`judge` lists)."""
        return self.scheme_regime not in ("auto", law.name)

    # ---------------------------------------------------------------- many at once

    def judge_all(
        self, records: Sequence[Record], ids: Sequence[str]
    ) -> tuple[list[Verdict], list[tuple[Any, ...]]]:
        """The :meth:`judge` verdict on each request, and what each says besides its id.

        The plain case, nearly every request, is judged here a column at a time
        and building nothing (:func:`~_disclosure.in_time.plain_in_time`): a
        request that claims nothing (no pause, correction or extension), of the
        year, answered by the snapshot and by its due day under the law the
        scheme names, is :data:`ON_TIME`, as :meth:`judge` finds it; the rest go
        to :meth:`judge`. Each due day is worked out once per day of receipt, and
        only for a day on which such a request was received, so that a calendar
        year nobody's request needed is never asked for. A content key holds
        the request's dates, extension and outcome, and its rarer fields when it
        has any (to find requests equal but for their ids).
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
        """The due day of a request received that day that claims nothing, for :meth:`judge_all`.

        Such a request starts on the day of receipt and its limit is the law's
        own (:meth:`_start` and :meth:`_limit` with nothing claimed). Where the
        law of the day overrides the scheme's regime, a claim :meth:`judge`
        lists, it is ``date.min``: never plain.
        """
        law = self.law_in_force(received)
        if self._overridden(law):
            return dt.date.min
        return WORKING_DAYS.due(received, law.limit)

    # ---------------------------------------------------------------- one request: the rule

    def judge(self, record: Record, rid: str) -> Verdict:
        """The verdict on one request (see :class:`Verdict`): was it answered in time, and
        which run judges it.

        One step per method: :meth:`_screen` (received after the snapshot or in a
        later year), :meth:`_law` (the law in force), :meth:`_reply` (the reply
        accepted), :meth:`_start` (a correction), :meth:`_limit` (a pause, an
        extension), the verdict on the working-day clock
        (:func:`evaluator.rules.deadline_status`), :meth:`_failure` (what a
        failure costs), :meth:`_settlement` (which run) and :meth:`_verdict`.
        ``notes`` gather the steps' integrity findings, ``claims`` the unit's
        claims a step relied on.
        """
        received: dt.date = record["received_on"]
        set_aside = self._screen(rid, received)
        if set_aside is not None:
            return set_aside
        notes: list[Finding] = []
        claims: list[str] = []
        law = self._law(received, claims)
        replied = self._reply(record, rid, notes)
        start = self._start(record, rid, received, replied, notes, claims)
        limit = self._limit(record, rid, law, start, replied, notes, claims)
        status = deadline_status(start, replied, limit, clock=WORKING_DAYS, now=self.as_of)
        # Answered in time, it settles on its reply: its due day is not worked out (it may
        # lie in a year nobody's request needed).
        due = None if status is _IN_TIME else WORKING_DAYS.due(start, limit)
        failure = self._failure(status, rid, received, start, replied, due, limit)
        settled, day = self._settlement(status, replied, due)
        return self._verdict(settled, day, rid, notes, claims, failure)

    def _screen(self, rid: str, received: dt.date) -> Verdict | None:
        """Set aside a request received after the snapshot, or in a later year (its own
        request, not one carried over); ``None`` for a request to judge."""
        if received > self.as_of:
            return _set_aside(AFTER_SNAPSHOT, rid, RECEIVED, received, self)
        if received.year > self.year:
            return _set_aside(OUTSIDE_YEAR, rid, RECEIVED, received, self)
        return None

    def _law(self, received: dt.date, claims: list[str]) -> Regime:
        """The law in force on the day of receipt, whatever regime the scheme names (listed)."""
        law = self.law_in_force(received)
        if self._overridden(law):
            claims.append("regime")
        return law

    def _reply(self, record: Record, rid: str, notes: list[Finding]) -> dt.date | None:
        """The reply the clock accepts: none when dated after the snapshot (noted)."""
        replied: dt.date | None = record.get("replied_on")
        if replied is not None and replied > self.as_of:
            notes.append(_note(AFTER_SNAPSHOT, rid, REPLIED, replied, UNANSWERED, self))
            return None
        return replied

    def _start(
        self,
        record: Record,
        rid: str,
        received: dt.date,
        replied: dt.date | None,
        notes: list[Finding],
        claims: list[str],
    ) -> dt.date:
        """Where the clock starts: the day of receipt, or a corrected application's day when
        it lies in the request's life."""
        corrected: dt.date | None = record.get("corrected_on")
        if corrected is None:
            return received
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

    def _limit(
        self,
        record: Record,
        rid: str,
        law: Regime,
        start: dt.date,
        replied: dt.date | None,
        notes: list[Finding],
        claims: list[str],
    ) -> int:
        """The working days the request had: the law's limit, a lawful consultation pause,
        and an extension notified in time."""
        limit = law.limit
        if record.get("consultation_from") is not None or record.get("consultation_to"):
            limit += self._pause(record, rid, law, start, replied, notes, claims)
        if record.get("extended") and law.extension > 0:
            limit += self._extension(record, rid, law, start, limit, notes, claims)
        return limit

    def _pause(
        self,
        record: Record,
        rid: str,
        law: Regime,
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
        if record.get("consulted_agency") and not law.pause_for_agencies:
            params = {**terms(regime=regime_name(law.name)), "id": rid}
            notes.append(Finding("requests.pause_not_lawful", records=(rid,), params=params))
            return 0
        claims.append("pause")
        return WORKING_DAYS.between(begun, ended)

    def _extension(
        self,
        record: Record,
        rid: str,
        law: Regime,
        start: dt.date,
        limit: int,
        notes: list[Finding],
        claims: list[str],
    ) -> int:
        """The extension the request may add: none when notified after the original deadline."""
        notified: dt.date | None = record.get("extension_notified_on")
        if notified is None:
            claims.extend(("extended", "unnotified"))
            return law.extension
        original = WORKING_DAYS.due(start, limit)
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
        return law.extension

    def _failure(
        self,
        status: DeadlineStatus,
        rid: str,
        received: dt.date,
        start: dt.date,
        replied: dt.date | None,
        due: dt.date | None,
        limit: int,
    ) -> tuple[str, dict[str, Any]] | None:
        """The finding a request not answered in time costs: late, unanswered when due, or
        answered before it was received (not credited); ``None`` for the others."""
        if status is _LATE or status is _OVERDUE:
            params = {
                "id": rid,
                "received": received,
                "replied": replied,
                "due": due,
                "limit": limit,
                "used": WORKING_DAYS.between(start, self.as_of if replied is None else replied),
                "as_of": self.as_of,
            }
            return "requests.late", params
        if status is _BEFORE_RECEIPT:
            params = {
                **terms(subject=subject(REQUEST, rid), effect=JUDGED_FAILED),
                "id": rid,
                "replied": replied,
                "received": received,
            }
            return REPLY_BEFORE_REQUEST, params
        return None

    def _settlement(
        self, status: DeadlineStatus, replied: dt.date | None, due: dt.date | None
    ) -> tuple[Settlement, dt.date]:
        """Which run judges the request (:func:`evaluator.rules.settlement`), and the day it
        settled (``due``: ``None`` when answered in time).

        Answered in time, it settles on its reply. A reply dated before the
        request is not accepted and the request fails: it settles on its due
        day, whether or not that day has come by the snapshot.
        """
        if due is None:
            assert replied is not None and status is _IN_TIME
            return settled_in(replied, year=self.year), replied
        if status is _BEFORE_RECEIPT:
            return settled_in(due, year=self.year), due
        settled = settlement(replied, due, year=self.year, now=self.as_of)
        return settled, settled_on(replied, due)

    def _verdict(
        self,
        settled: Settlement,
        day: dt.date,
        rid: str,
        notes: list[Finding],
        claims: list[str],
        failure: tuple[str, dict[str, Any]] | None,
    ) -> Verdict:
        """The verdict of a request that settled on ``day``: judged here, or in another run."""
        if settled is _THIS_RUN:
            if failure is not None:
                return Verdict(FAILED, "late", tuple(notes), tuple(claims), failure)
            if not notes and not claims:
                return ON_TIME
            return Verdict(PASSED, "on_time", tuple(notes), tuple(claims))
        if settled is _EARLIER_RUN:
            note = _note(OUTSIDE_YEAR, rid, SETTLED, day, SET_ASIDE, self)
            return Verdict(NOT_JUDGED, "earlier", (*notes, note), tuple(claims))
        if not notes and not claims:
            return _LATER if settled is _LATER_RUN else _PENDING
        # the kind is the run's name: later or pending
        return Verdict(NOT_JUDGED, settled.value, tuple(notes), tuple(claims))


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

"""The statutory clock of an information request (依申请公开), and which year's run judges it.

The law in force on the day a request was received sets its limit: the 2008
regulation (15 working days, extendable by 15, art. 24) before 2019-05-15, the
2019 regulation (20, extendable by 20, art. 33) from then on, whatever regime
the scheme names (a fixed regime outside its period is overridden, and the
records are listed). A request received before 2019-05-15 and not answered by
then keeps the 2008 limit, unless the scheme reads it otherwise
(``open_at_switch: new_law``: the 2019 limit when the 2008 one had not run out
by then).

Lawful pauses and restarts, each the unit's own claim and listed for audit:

- a corrected application (补正) restarts the clock on the day it was received
  (2019 art. 30) only when the unit told the applicant once (``corrections``
  absent or 1) and within 7 working days of receipt
  (``correction_notified_on``); a later notice restarts it only under the
  scheme's reading ``late_correction_notice: restart``. The 2008 regulation
  says only that the applicant is to be told to correct it (art. 21), and the
  document once cited for a restart (国办发〔2010〕5号) was not verified: a
  2008-era correction is listed for audit and restarts nothing;
- time spent consulting a third party is not counted (2008 art. 24 para. 3,
  2019 art. 33 para. 3), up to ``third_party_pause_max`` working days per
  consultation (15: a third party's period to answer, 2019 art. 32); from
  2019, time spent consulting other agencies is not counted either (a
  regime's ``pause_for_agencies``), up to ``agency_pause_max`` (no cap by
  default: no period is set by law), and one longer than
  ``agency_pause_audit_after`` is listed;
- an extension counts only when the applicant was told by the original
  deadline (2008 art. 24 para. 2, 2019 art. 33 para. 2): with no date of
  notice it adds nothing, the agency bearing the burden of proof (行政诉讼法
  art. 34), unless the scheme credits such extensions for a transition year
  (``credit_unproven_extensions``, then listed for audit).

A request is answered in time when its reply is dated on or before its due
day: the limit's last working day counted from the start
(:data:`evaluator.rules.WORKING_DAYS`). It settles on its reply when answered
in time, otherwise on its due day; it is judged in the run of the year it
settles in (:func:`evaluator.rules.settlement`). Each of these is one step of
:meth:`RequestClock.judge`, the one statement of the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from itertools import compress, repeat
from operator import is_
from typing import Any, cast

from evaluator import Coded, Finding, RecordColumns
from evaluator.rules import (
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    REPLY_BEFORE_REQUEST,
    SET_ASIDE,
    SETTLED,
    SETTLEMENTS,
    STATUSES,
    WORKING_DAYS,
    DeadlineStatus,
    Settlement,
    Term,
    deadline_status,
    deadline_status_columns,
    due_columns,
    settled_in,
    settled_in_columns,
    settled_on,
    settlement,
    settlement_columns,
    subject,
    terms,
)
from evaluator.working_days import day_ordinals, day_span

from .._disclosure.in_time import columns, plain_in_time
from .._disclosure.labels import JUDGED_FAILED, RECEIVED, REPLIED, REQUEST, UNANSWERED
from .schema import REQUEST_DEFAULTS, as_date

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
    ``notes`` are findings that cost nothing by themselves (integrity, or
    why a claim was not followed); ``claims`` the unit's claims the verdict
    relied on, or set aside, to be listed (``extended``, ``unnotified``,
    ``unproven``, ``correction``, ``late_correction_notice``,
    ``correction_2008``, ``pause``, ``long_agency_pause``, ``regime``);
    ``failure`` the code and params of the finding a failed request costs.
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
_PENDING_RUN = Settlement.PENDING
# their codes in the rules' column forms
_CODES = {status: code for code, status in enumerate(STATUSES)}
_SETTLED = {settled: code for code, settled in enumerate(SETTLEMENTS)}


COLUMNS = find_spec("numpy") is not None
"""Whether requests are judged over columns (:meth:`RequestClock._judge_columns`, the rules'
column forms, which need numpy: ``pip install 'evaluator[columns]'``). Without numpy, only
the plain ones answered in time are passed a column at a time
(:meth:`RequestClock._judge_plain`) and the rest go to the rule: the same verdicts, more
slowly. numpy is not a dependency: on the dicts the reader gives today it does not pay
for its import (see the commit that made this switch)."""


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
    "correction_notified_on",
    "corrections",
    "consultation_from",
    "consultation_to",
    "consulted_agency",
)
_RARE = frozenset(RARE_FIELDS)


class _Codes(dict[Any, int]):
    """A number for each distinct value, in the order first met (equal values, one number)."""

    def __missing__(self, value: Any) -> int:
        code = self[value] = len(self)
        return code


def content_classes(
    rec: Any,
    rep: Any,
    extended: Sequence[Any] | Coded,
    outcome: Sequence[Any] | Coded,
    extra: Mapping[int, Any],
) -> Any:
    """One ``int64`` per request, equal exactly where the requests' contents are equal.

    A request's content is its days of receipt and reply (``rec``, ``rep``: their
    ordinals, 0 for none), its extension and its outcome, and for the requests in
    ``extra`` (by position) their rarer fields too: as a tuple of those values, two
    requests with equal tuples get one number, unequal ones two. The values are
    told apart as a dict tells its keys apart, the rarer fields' tuples likewise,
    so that the numbers stand for the tuples :meth:`RequestClock.judge_all` makes
    without numpy; no tuple is made for a request without rarer fields. ``extended``
    and ``outcome`` are values, or a reader's :class:`~evaluator.Coded` columns.
    """
    import numpy as np

    count = len(rec)
    flags, kinds = _Codes(), _Codes()
    ext, out = _numbered(extended, flags, count), _numbered(outcome, kinds, count)
    days = (rec << 22) | rep  # an ordinal is below 2 ** 22 (9999-12-31: 3,652,059)
    rest = ext * len(kinds) + out
    if len(flags) * len(kinds) <= 1 << 19:
        classes = (days << 19) | rest
    else:  # many distinct outcomes: both parts renumbered first (each below the count)
        days = np.unique(days, return_inverse=True)[1].reshape(count)
        rest = np.unique(rest, return_inverse=True)[1].reshape(count)
        classes = days * (int(rest.max()) + 1) + rest
    if extra:  # with rarer fields: a tuple each, numbered below zero (unequal to any other)
        rarer = _Codes()
        for index, more in extra.items():
            key = (rec[index], rep[index], ext[index], out[index], *more)
            classes[index] = -1 - rarer[key]
    return classes


def _numbered(column: Sequence[Any] | Coded, numbers: _Codes, count: int) -> Any:
    """Each row's value as its number in ``numbers`` (numpy ``int64``): a coded column's
    distinct values numbered once each, the rows by numpy."""
    import numpy as np

    if isinstance(column, Coded):
        return column.per_row(numbers.__getitem__, np.int64)
    return np.fromiter(map(numbers.__getitem__, column), dtype=np.int64, count=count)


def _truths(column: Sequence[Any] | Coded, count: int) -> Any:
    """Whether each row's value is true (numpy booleans)."""
    import numpy as np

    if isinstance(column, Coded):
        return column.per_row(bool, np.bool_)
    return np.fromiter(map(bool, column), dtype=np.bool_, count=count)


def _at(column: Sequence[Any] | Coded, row: int) -> Any:
    """Row ``row``'s value."""
    return column.row(row) if isinstance(column, Coded) else column[row]


def _coded_or_values(records: RecordColumns, name: str) -> Sequence[Any] | Coded:
    """Field ``name``: the reader's :class:`~evaluator.Coded` column, else its values."""
    found = records.coded(name)
    return found if found is not None else records.column(name)


def _days(records: Sequence[Record], name: str, values: Sequence[Any] | Coded) -> Any:
    """Field ``name``'s ``values`` as ordinals (:func:`day_ordinals`), those of a coded column
    of dates when the reader made one (:meth:`RecordColumns.ordinals`)."""
    if isinstance(records, RecordColumns):
        made = records.ordinals(name)
        return made if made is not None else day_ordinals(records.column(name))
    return day_ordinals(values)


# The regulations under which a corrected application restarts the clock (2019 art. 30);
# the 2008 regulation has no such words (docs/integrity.md).
_RESTARTS_ON_CORRECTION = frozenset({"ogi-2019"})
_2008, _2019 = "ogi-2008", "ogi-2019"


@dataclass(frozen=True)
class RequestClock:
    """Judges requests for one unit: the scheme's year, snapshot and regime, and the params.

    :meth:`judge` is the rule, one request at a time, in named steps (screen,
    the reply accepted, the law in force, the start, the limit, the verdict on
    the working-day clock, the settlement), so that a change in the law changes
    one step. :meth:`judge_all` judges a unit's requests with the plain ones a
    column at a time: an optimisation of :meth:`judge` only, tied to it by a
    property test (``tests/plugins/test_in_time_properties.py``).

    The fields after ``switch`` are the params of the same names (see
    :data:`~.schema.REQUEST_DEFAULTS`, where their defaults and sources are).
    """

    year: int
    as_of: dt.date
    scheme_regime: str
    regimes: Mapping[str, Regime]
    switch: dt.date  # the first day of the 2019 regulation
    credit_unproven_extensions: bool = REQUEST_DEFAULTS["credit_unproven_extensions"]
    third_party_pause_max: int | None = REQUEST_DEFAULTS["third_party_pause_max"]
    agency_pause_max: int | None = REQUEST_DEFAULTS["agency_pause_max"]
    agency_pause_audit_after: int = REQUEST_DEFAULTS["agency_pause_audit_after"]
    correction_notice_within: int = REQUEST_DEFAULTS["correction_notice_within"]
    late_correction_notice: str = REQUEST_DEFAULTS["late_correction_notice"]
    open_at_switch: str = REQUEST_DEFAULTS["open_at_switch"]

    @classmethod
    def from_params(
        cls, params: Mapping[str, Any], *, year: int, as_of: dt.date, regime: str
    ) -> RequestClock:
        regimes = {
            name: Regime(
                name, rule["limit"], rule["extension"], rule.get("pause_for_agencies", False)
            )
            for name, rule in params["regimes"].items()
        }
        return cls(
            year,
            as_of,
            regime,
            regimes,
            as_date(params["ogi_2019_from"]),
            params["credit_unproven_extensions"],
            params["third_party_pause_max"],
            params["agency_pause_max"],
            params["agency_pause_audit_after"],
            params["correction_notice_within"],
            params["late_correction_notice"],
            params["open_at_switch"],
        )

    def law_in_force(self, received: dt.date) -> Regime:
        """The regulation in force on the day the request was received."""
        return self._regime(_2019 if received >= self.switch else _2008)

    def _regime(self, name: str) -> Regime:
        """The limits the params give regulation ``name``."""
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
    ) -> tuple[list[Verdict], Sequence[Hashable]]:
        """The :meth:`judge` verdict on each request, and a key of what each says besides its id.

        The simple case, nearly every request, is judged here a column at a
        time (:meth:`_judge_columns`, over the rules' column forms, when numpy
        is installed: :data:`COLUMNS`; else :meth:`_judge_plain`): a request
        that claims nothing (no pause, correction or notice; an extension
        without a date of notice at most), of the year,
        with no reply after the snapshot, under the law the scheme names (and
        not one the 2019 regulation may take over at the switch), with every
        date in a year whose calendar is known. Its verdict is :meth:`judge`'s,
        built only for the rows that fail (their finding's params) and shared
        otherwise (:data:`ON_TIME`, carried over, pending, each with or without
        the extension's claims). The rest go to
        :meth:`judge`.

        The content keys (to find requests equal but for their ids) are equal
        exactly where two requests have equal dates, extension and outcome, and
        equal rarer fields when they have any: without numpy, those values as a
        tuple per request; with it, an ``int64`` array of one class number per
        request (:func:`content_classes`), no tuple made.
        """
        names = ("received_on", "replied_on", "extended", "outcome")
        if COLUMNS and isinstance(records, RecordColumns):  # no value made per row if coded
            received, replied, extended, outcome = (_coded_or_values(records, n) for n in names)
        else:
            received, replied, extended, outcome = columns(records, *names)
        rare: list[bool] | None = None  # judged in full: with a rarer field
        extra: dict[int, tuple[Any, ...]] = {}  # the rarer fields of the requests that have any
        if isinstance(records, RecordColumns):  # only the columns the file has
            held = [records.columns[n] for n in RARE_FIELDS if n in records.columns]
            if any(column.count(None) != len(column) for column in held):
                rare = [any(v is not None for v in row) for row in zip(*held, strict=True)]
                every = [records.column(n) for n in RARE_FIELDS]
                for index in compress(range(len(rare)), rare):
                    extra[index] = tuple(column[index] for column in every)
        elif not all(map(_RARE.isdisjoint, records)):  # a pause, a correction, a notice ...
            rare = [False] * len(records)
            for index, record in enumerate(records):
                if not _RARE.isdisjoint(record):
                    extra[index] = tuple(map(record.get, RARE_FIELDS))
                    rare[index] = True
        keys: Sequence[Hashable]
        if COLUMNS:
            rec = _days(records, "received_on", received)
            rep = _days(records, "replied_on", replied)
            verdicts = self._judge_columns(rec, rep, received, replied, extended, rare, ids)
            keys = content_classes(rec, rep, extended, outcome, extra)
        else:
            assert not isinstance(received, Coded) and not isinstance(replied, Coded)
            assert not isinstance(extended, Coded) and not isinstance(outcome, Coded)
            verdicts = self._judge_plain(received, replied, extended, rare)
            tuples = list(zip(received, replied, extended, outcome, strict=True))
            for index, more in extra.items():
                tuples[index] = (*tuples[index], *more)
            keys = tuples
        judge = self.judge
        # the rows the column paths left to the rule, found at C speed
        for index in list(compress(range(len(verdicts)), map(is_, verdicts, repeat(None)))):
            verdicts[index] = judge(records[index], ids[index])
        return cast(list[Verdict], verdicts), keys

    def _judge_columns(
        self,
        rec: Any,
        rep: Any,
        received: Sequence[dt.date] | Coded,
        replied: Sequence[dt.date | None] | Coded,
        extended: Sequence[Any] | Coded,
        rare: Sequence[bool] | None,
        ids: Sequence[str],
    ) -> list[Verdict | None]:
        """:meth:`judge`'s verdict on each simple request (see :meth:`judge_all`), ``None``
        for the others: the same steps, a column at a time.

        The screen and the reply (nothing set aside, no reply after the snapshot),
        the law in force by the day of receipt (not overridden, not taken over at
        the switch), the start (the day of receipt), the limit (the law's, and an
        extension claimed with no date of notice: credited or not by the scheme,
        a claim either way), the status on the working-day clock
        (:func:`~evaluator.rules.deadline_status_columns`), the settlement
        (:func:`~evaluator.rules.settlement_columns`); a row whose verdict would
        carry a note (settled in an earlier year, replied before receipt) or
        whose dates the day index does not hold goes to the rule. ``rec`` and
        ``rep`` are the days of receipt and reply as ordinals (:func:`day_ordinals`).
        """
        import numpy as np

        count = len(received)
        if count == 0:
            return []
        as_of = self.as_of.toordinal()
        switch = self.switch.toordinal()
        simple = np.ones(count, dtype=np.bool_)
        if rare is not None:
            simple &= ~np.fromiter(rare, dtype=np.bool_, count=count)
        simple &= (rec <= as_of) & (rec < dt.date(self.year + 1, 1, 1).toordinal())  # _screen
        simple &= rep <= as_of  # _reply: a reply after the snapshot is a note
        law19 = rec >= switch  # _law
        if self.scheme_regime != "auto":  # overridden where the law is not the scheme's
            simple &= np.where(law19, self.scheme_regime == _2019, self.scheme_regime == _2008)
        # _limit: the law's, and an extension claimed without a date of notice (the rarer
        # fields are the rule's); a law the params give no limits is the rule's to name
        old, new = self.regimes.get(_2008), self.regimes.get(_2019)
        simple &= np.where(law19, new is not None, old is not None)
        limit = np.where(law19, 0 if new is None else new.limit, 0 if old is None else old.limit)
        extension = np.where(
            law19, 0 if new is None else new.extension, 0 if old is None else old.extension
        )
        claimed = _truths(extended, count) & (extension > 0)
        if self.credit_unproven_extensions:
            limit = limit + np.where(claimed, extension, 0)
        index = day_span(rec, rep, np.array([as_of]))
        simple &= index.covers(rec) & ((rep == 0) | index.covers(rep)) & index.covers(as_of)
        if old is not None and self.open_at_switch == "new_law" and switch <= as_of:
            before = simple & (rec < switch)  # _law: taken over at the switch?
            due_then = due_columns(rec[before], old.limit, clock=WORKING_DAYS)
            simple[np.flatnonzero(before)[due_then >= switch]] = False
        rows = np.flatnonzero(simple)
        rec, rep, limit, claimed = rec[rows], rep[rows], limit[rows], claimed[rows]
        status = deadline_status_columns(rec, rep, limit, clock=WORKING_DAYS, now=as_of)
        due, held = index.deadline(rec, limit)
        in_time = status == _CODES[_IN_TIME]
        # settled on its due day: the rule's, when the index holds it; one replied before
        # receipt is the rule's too (it fails, with a note)
        held &= status != _CODES[_BEFORE_RECEIPT]
        settled = np.where(
            in_time,
            settled_in_columns(rep, year=self.year),
            settlement_columns(rep, due, year=self.year, now=as_of),
        )
        failed = (status == _CODES[_LATE]) | (status == _CODES[_OVERDUE])
        this_run = settled == _SETTLED[_THIS_RUN]
        used = index.working_days_after(rec, np.where(rep > 0, rep, as_of))
        claims = ("extended", "unnotified") if self.credit_unproven_extensions else ("unproven",)
        # the shared verdicts placed by numpy (an object array: no Python loop per row)
        placed = np.full(count, None, dtype=object)
        for chosen, plain, with_claims in (
            (settled == _SETTLED[_LATER_RUN], _LATER, Verdict(NOT_JUDGED, "later", (), claims)),
            (
                settled == _SETTLED[_PENDING_RUN],
                _PENDING,
                Verdict(NOT_JUDGED, "pending", (), claims),
            ),
            (in_time & this_run, ON_TIME, Verdict(PASSED, "on_time", (), claims)),
        ):
            chosen &= in_time | held
            placed[rows[chosen & ~claimed]] = plain
            placed[rows[chosen & claimed]] = with_claims
        verdicts: list[Verdict | None] = placed.tolist()
        late = np.flatnonzero(failed & this_run & held)
        for row, day, limit_, used_, claim in zip(
            rows[late].tolist(),
            due[late].tolist(),
            limit[late].tolist(),
            used[late].tolist(),
            claimed[late].tolist(),
            strict=True,
        ):
            params = {
                "id": ids[row],
                "received": _at(received, row),
                "replied": _at(replied, row),
                "due": dt.date.fromordinal(day),
                "limit": limit_,
                "used": used_,
                "as_of": self.as_of,
            }
            failure = ("requests.late", params)
            verdicts[row] = Verdict(FAILED, "late", (), claims if claim else (), failure)
        return verdicts

    def _judge_plain(
        self,
        received: Sequence[dt.date],
        replied: Sequence[dt.date | None],
        extended: Sequence[Any],
        rare: Sequence[bool] | None,
    ) -> list[Verdict | None]:
        """:data:`ON_TIME` for each plain request, ``None`` for the others (without numpy).

        A request that claims nothing (no extension, no rarer field), of the
        year, answered by the snapshot and by its due day under the law the
        scheme names (:func:`~_disclosure.in_time.plain_in_time`), is
        :data:`ON_TIME`, as :meth:`judge` finds it; each due day is worked out
        once per day of receipt, and only for a day on which such a request was
        received, so that a calendar year nobody's request needed is never asked for.
        """
        skip = extended if rare is None else list(map(_either, extended, rare))
        fast = plain_in_time(
            received, replied, year=self.year, snapshot=self.as_of, due=self._plain_due, skip=skip
        )
        return [ON_TIME if plain else None for plain in fast]

    def _plain_due(self, received: dt.date) -> dt.date:
        """The due day of a request received that day that claims nothing, for :meth:`_judge_plain`.

        Such a request starts on the day of receipt and its limit is the law's
        own (:meth:`_start` and :meth:`_limit` with nothing claimed). Where the
        law of the day overrides the scheme's regime, a claim :meth:`judge`
        lists, it is ``date.min``: never plain; so it is for a day whose
        request the 2019 regulation may take over under ``open_at_switch:
        new_law`` (:meth:`_law` decides by its reply).
        """
        law = self.law_in_force(received)
        if self._overridden(law) or self.new_law_may_apply(received):
            return dt.date.min
        return WORKING_DAYS.due(received, law.limit)

    def new_law_may_apply(self, received: dt.date) -> bool:
        """Whether the scheme's ``new_law`` reading may give a request the 2019 limits.

        It was received under the 2008 regulation, its 2008 limit had not run
        out before the 2019 regulation took effect, and the snapshot is on or
        after that day (before it, nothing was open at the switch yet); whether
        it does depends on its reply (:meth:`_law`), so the column-at-a-time
        path leaves such a request, received in the fortnight or so before the
        switch, to the rule.
        """
        if self.open_at_switch != "new_law" or not received < self.switch <= self.as_of:
            return False
        return WORKING_DAYS.due(received, self.law_in_force(received).limit) >= self.switch

    # ---------------------------------------------------------------- one request: the rule

    def judge(self, record: Record, rid: str) -> Verdict:
        """The verdict on one request (see :class:`Verdict`): was it answered in time, and
        which run judges it.

        One step per method: :meth:`_screen` (received after the snapshot or in a
        later year), :meth:`_reply` (the reply accepted), :meth:`_law` (the law
        in force), :meth:`_start` (a correction), :meth:`_limit` (a pause, an
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
        replied = self._reply(record, rid, notes)
        law = self._law(received, replied, claims)
        start = self._start(record, rid, law, received, replied, notes, claims)
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

    def _law(self, received: dt.date, replied: dt.date | None, claims: list[str]) -> Regime:
        """The law in force on the day of receipt, whatever regime the scheme names (listed).

        A request received before the 2019 regulation keeps the 2008 limit; under
        the scheme's reading ``open_at_switch: new_law``, one not answered before
        the 2019 regulation took effect, whose 2008 limit had not run out by then,
        gets the 2019 limits.
        """
        law = self.law_in_force(received)
        if self.new_law_may_apply(received) and (replied is None or replied >= self.switch):
            law = self._regime(_2019)
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
        law: Regime,
        received: dt.date,
        replied: dt.date | None,
        notes: list[Finding],
        claims: list[str],
    ) -> dt.date:
        """Where the clock starts: the day of receipt, or a corrected application's day.

        A correction dated in the request's life restarts the clock only under
        a regulation that says so (2019 art. 30; a 2008-era one is listed for
        audit), when the applicant was told once and within the notice period
        (a later notice restarts it only under ``late_correction_notice:
        restart``); each refusal is a note naming why.
        """
        corrected: dt.date | None = record.get("corrected_on")
        if corrected is None:
            return received
        end = self.as_of if replied is None else replied
        if not received <= corrected <= end:
            params = {"id": rid, "corrected": corrected, "received": received, "end": end}
            notes.append(
                Finding("integrity.correction_out_of_order", records=(rid,), params=params)
            )
            return received
        if law.name not in _RESTARTS_ON_CORRECTION:
            claims.append("correction_2008")
            return received
        if not self._told_to_correct(record, rid, received, corrected, notes, claims):
            return received
        claims.append("correction")
        return corrected

    def _told_to_correct(
        self,
        record: Record,
        rid: str,
        received: dt.date,
        corrected: dt.date,
        notes: list[Finding],
        claims: list[str],
    ) -> bool:
        """Whether the applicant was told to correct the request as 2019 art. 30 requires.

        Once (``corrections`` absent or 1), on a day between receipt and the
        corrected application, within ``correction_notice_within`` working days of
        receipt; or later, when the scheme reads a late notice as restarting the
        clock (``late_correction_notice: restart``, listed).
        """
        notified: dt.date | None = record.get("correction_notified_on")
        times: int = record.get("corrections") or 1
        if times > 1:
            notes.append(_not_restarted(rid, "repeated", times=times))
            return False
        if notified is None:
            within = self.correction_notice_within
            notes.append(_not_restarted(rid, "notice_missing", within=within))
            return False
        if not received <= notified <= corrected:
            params = {"id": rid, "notified": notified, "received": received, "corrected": corrected}
            notes.append(
                Finding("integrity.correction_notice_out_of_order", records=(rid,), params=params)
            )
            return False
        due = self.correction_notice_due(received)
        if notified <= due:
            return True
        if self.late_correction_notice == "restart":
            claims.append("late_correction_notice")
            return True
        notes.append(_not_restarted(rid, "notice_late", notified=notified, due=due))
        return False

    def correction_notice_due(self, received: dt.date) -> dt.date:
        """The last day to tell the applicant, once, what to correct (2019 art. 30):
        ``correction_notice_within`` working days after receipt."""
        return WORKING_DAYS.due(received, self.correction_notice_within)

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
        """Working days of consultation not counted (0 when the pause is unlawful or not whole).

        A consultation of a third party pauses at most ``third_party_pause_max``
        working days, one of other agencies at most ``agency_pause_max`` (each
        cut is a note); one of other agencies longer than
        ``agency_pause_audit_after`` is listed for audit.
        """
        begun: dt.date | None = record.get("consultation_from")
        ended: dt.date | None = record.get("consultation_to")
        end = self.as_of if replied is None else replied
        if begun is None or ended is None or not start <= begun <= ended <= end:
            params = {"id": rid, "begun": begun, "ended": ended, "start": start, "end": end}
            notes.append(Finding("integrity.pause_out_of_order", records=(rid,), params=params))
            return 0
        agency = bool(record.get("consulted_agency"))
        if agency and not law.pause_for_agencies:
            params = {**terms(regime=regime_name(law.name)), "id": rid}
            notes.append(Finding("requests.pause_not_lawful", records=(rid,), params=params))
            return 0
        claims.append("pause")
        days = WORKING_DAYS.between(begun, ended)
        if agency and days > self.agency_pause_audit_after:
            claims.append("long_agency_pause")
        cap = self.agency_pause_max if agency else self.third_party_pause_max
        if cap is not None and days > cap:
            whom = _AGENCY if agency else _THIRD_PARTY
            capped: dict[str, Any] = {**terms(whom=whom), "id": rid, "days": days, "cap": cap}
            notes.append(Finding("requests.pause_capped", records=(rid,), params=capped))
            return cap
        return days

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
        """The extension the request may add: none unless notified by the original deadline.

        With no date of notice it adds nothing (the agency must show the
        applicant was told), unless the scheme credits such extensions
        (``credit_unproven_extensions``: added, and listed for audit).
        """
        notified: dt.date | None = record.get("extension_notified_on")
        if notified is None:
            if self.credit_unproven_extensions:
                claims.extend(("extended", "unnotified"))
                return law.extension
            claims.append("unproven")
            return 0
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


def _either(first: Any, second: Any) -> bool:
    return bool(first) or bool(second)


_THIRD_PARTY = Term("第三方", "a third party")
_AGENCY = Term("其他机关", "other agencies")

# Why a correction did not restart the clock (requests.correction_not_restarted).
_NOT_RESTARTED = {
    "repeated": Term(
        "告知补正{times}次，未一次性告知（2019年条例第三十条）",
        "the applicant was asked to correct it {times} times, not once (2019 art. 30)",
    ),
    "notice_missing": Term(
        "未报告补正告知日期，无法证明已在收到申请后{within}个工作日内一次性告知"
        "（2019年条例第三十条）",
        "no date the applicant was told to correct it, so a notice within {within} working "
        "days of receipt (2019 art. 30) is not shown",
    ),
    "notice_late": Term(
        "补正告知日期{notified}晚于告知期限{due}（2019年条例第三十条），按方案对该条的理解",
        "the notice to correct ({notified}) came after its due day {due} (2019 art. 30), "
        "by the scheme's reading of that article",
    ),
}


def _not_restarted(rid: str, why: str, **values: Any) -> Finding:
    """The note that a correction did not restart the clock of request ``rid``, and why."""
    reason = _NOT_RESTARTED[why]
    worded = Term(reason.zh.format(**values), reason.en.format(**values))
    params = {**terms(reason=worded), "id": rid, "why": why, **values}
    return Finding("requests.correction_not_restarted", records=(rid,), params=params)


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

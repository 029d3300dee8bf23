"""What a plugin author writes: scorers, their context and their outcome.

A scorer is a pure function from a :class:`ScoringContext` (one unit's data,
the indicator's params) to an :class:`Outcome` (points and findings). It never
reads files and never sees other units.

A finding's code has its texts in the plugin's ``register_messages``; an
``audit.`` code says there too who reads it (``"audience": "unit"``, a claim the
unit is asked to substantiate, worded as a request for evidence, or
``"evaluator"``, a note shown only with ``--internal``). The engine sets each
:class:`Finding`'s ``audience`` from its code: a scorer never gives it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from evaluator._core.model import (
    Checklist,
    Finding,
    Scheme,
    SelfClaims,
    SmallCounts,
    SourceDocument,
    Unit,
    exact_number,
)
from evaluator._core.paths import display_path
from evaluator._core.records import Coded, RecordColumns, RecordForm, column_of
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, resolve_reference
from evaluator._reading.native import native_reading

__all__ = [
    "NO_PARAMS",
    "Coded",
    "Evidence",
    "EvidenceList",
    "Fact",
    "FileRefused",
    "Outcome",
    "ParamsCheck",
    "Problem",
    "ReadFigure",
    "RecordColumns",
    "ReportReading",
    "Scorer",
    "ScoringContext",
    "Section",
    "SourceDocument",
    "closed",
    "column_of",
    "scorer",
]


class FileRefused(Exception):
    """A file a scorer may not or cannot read: ``code`` and ``params`` say why.

    The codes are the engine's (``reference.outside``, ``reference.missing``,
    ``file.too_large`` ...): a finding may name one as a param rendered with
    ``{problem!c}``, its params beside it.
    """

    def __init__(self, code: str, params: Mapping[str, Any]) -> None:
        super().__init__(code, dict(params))
        self.code = code
        self.params: Mapping[str, Any] = dict(params)


@dataclass(frozen=True)
class Evidence:
    """The files a scorer may read for one unit: the evaluator's evidence and the unit's own.

    The evaluator's evidence folder (``evidence/`` beside ``criteria/``, or
    ``--evidence DIR``) holds what the evaluator gathered itself, filed by kind
    and unit (``evidence/annual_reports/<unit-id>.html``); units never write
    there, so its copy wins over the unit's (contract v3). ``folder`` is that
    folder (``None`` when the evaluation has none); ``unit_folder`` the folder
    of a unit handed in as a folder (``None`` for a one-file unit, which can
    name no file). Read only through these methods: they keep to the run's
    size cap and the unit's folder, and :meth:`reading` caps memory in a worker,
    so a hostile file costs its unit only. ``annual_report_document`` is the
    scheme's ``annual_report_document`` (``optional`` or ``required``).
    """

    folder: str | None = None
    unit_folder: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    annual_report_document: str = "optional"
    unit_shown: str = ""
    """The unit's folder as results name it (the path :meth:`shown` puts before a unit's file)."""
    lists: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    """This unit's rows of each :class:`EvidenceList` the evidence folder holds, by list name."""

    def records(self, name: str) -> tuple[Mapping[str, Any], ...] | None:
        """This unit's rows of the evaluator's record list ``name`` (:class:`EvidenceList`).

        ``None`` when the evidence folder has no such file (the evaluator gathered
        none: not the unit's fault), an empty tuple when the file names the unit in
        no row. Rows are validated and converted (dates are ``datetime.date``),
        read-only, in the file's order.
        """
        return self.lists.get(name)

    criteria: str | None = None
    """The scheme's criteria folder, for files a scorer's params name relative to it (a
    scheme's own annual-report formats)."""

    def evaluator_file(self, kind: str, unit_id: str, suffixes: Sequence[str]) -> str | None:
        """The evaluator's ``<folder>/<kind>/<unit_id><suffix>``, the first of ``suffixes`` there.

        Any case of the suffix is found; ``None`` when there is none (or no folder).
        """
        if self.folder is None:
            return None
        place = os.path.join(self.folder, kind)
        try:
            names = sorted(os.listdir(place))
        except OSError:
            return None
        by_suffix: dict[str, str] = {}
        for name in names:
            stem, suffix = os.path.splitext(name)
            if stem == unit_id and os.path.isfile(os.path.join(place, name)):
                by_suffix.setdefault(suffix.lower(), name)
        found = next((by_suffix[s] for s in suffixes if s in by_suffix), None)
        return None if found is None else os.path.join(place, found)

    def unit_file(self, reference: str) -> str:
        """The real path of a file the unit names, which must lie inside its own folder.

        Raises :class:`FileRefused` for a name outside the folder, absolute, with
        ``..``, missing, or when the unit has no folder (``reference.needs_folder``).
        """
        if self.unit_folder is None:
            raise FileRefused("reference.needs_folder", {"key": reference})
        try:
            return resolve_reference(reference, self.unit_folder)
        except FileProblem as problem:
            raise FileRefused(problem.code, problem.params) from None

    def shown(self, path: str) -> str:
        """``path`` as results and findings name it (a unit's file under the unit's folder)."""
        if self.unit_folder is not None:
            inside = os.path.relpath(path, os.path.realpath(self.unit_folder))
            if not inside.startswith(".."):
                return display_path(os.path.join(self.unit_shown, inside))
        return display_path(path)

    @contextlib.contextmanager
    def reading(self, path: str) -> Iterator[None]:
        """Run the block as the read of ``path``: in a worker, memory and CPU time capped.

        Should the read still kill the worker (a native library's abort), the
        unit's error names this file and the other units keep their results.
        """
        with native_reading(self.shown(path), self.max_bytes):
            yield


@dataclass(frozen=True)
class EvidenceList:
    """A record list the evaluator keeps in its evidence folder: one row per record, any unit's.

    The file is ``<evidence folder>/<name>.csv``, or ``<name>.xlsx`` with the sheet
    ``sheet`` (its first visible sheet when ``sheet`` is empty); headers are the
    fields' names or their Chinese ``title``, as in a unit's CSV record list.
    ``schema`` is a flat record schema (``evaluator.section_schema.record_schema``)
    with a required text field ``unit``, the unit's id (matched without regard to
    case). The engine reads the file once, before any unit is scored; a bad cell
    refuses the run with the file, line and field. Each unit's scorers get its own
    rows through :meth:`Evidence.records`; ``evaluate schema evidence`` prints
    every list's schema and ``evaluate template --evidence`` writes the workbook.
    """

    name: str
    schema: Mapping[str, Any]
    title: str = ""
    sheet: str = ""


@dataclass(frozen=True)
class ScoringContext:
    """What a scorer gets for one unit and one indicator.

    ``data`` is the submission section the scorer declared (already validated
    and converted: dates are ``datetime.date``); ``submission`` has every
    section the unit sent, for scorers that look across sections.

    ``facts`` are what the evaluator established about this unit (the date
    its website was checked, whether it has an enquiry channel; see
    :class:`Fact`), never what the unit claims: the scheme's
    ``criteria/facts.yaml`` defaults with the unit's own entry over them. A fact
    the file does not give is absent: read it with ``.get`` and fall back on the
    scheme (``ctx.facts.get("checked_on", ctx.as_of)``).

    ``evidence`` is the one way a scorer reads a file (:class:`Evidence`): the
    evaluator's evidence folder and the files the unit names in its folder.
    ``self_claims`` is the scheme's policy for a class the unit gives its own
    records that the rules treat more leniently than the stricter class the
    field names (``trusted`` or ``strict``, see docs/plugins.md), and
    ``small_counts`` the indicator's rule for few cases (``None``: none), which
    :meth:`as_scored` applies as the engine will.
    """

    unit: Unit
    data: Any
    submission: Mapping[str, Any]
    params: Mapping[str, Any]
    max_points: float
    indicator: str
    year: int
    as_of: dt.date
    regime: str
    checklists: Mapping[str, Checklist]
    facts: Mapping[str, Any] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=Evidence)
    self_claims: SelfClaims = "trusted"
    small_counts: SmallCounts | None = None
    claim_reviews: Mapping[str, bool] = field(default_factory=dict)
    """The evaluator's review decisions (复核) on this indicator's claims: each record named
    (as the decision writes it) to ``True`` (confirmed, 采纳) or ``False`` (refused, 不采纳).

    A confirmed claim is scored as a confirmation in the facts file scores it (as
    the unit classes the record, not listed); a refused one by its alternative
    (the stricter class), not listed either, under either ``self_claims``. A
    plugin reads them with its confirmations, in the one function that does
    (``plugins/_disclosure/claims.py`` ``decided_records``).
    """

    def as_scored(
        self, points: float | int | Fraction | Decimal, cases: int | None = None, failed: int = 0
    ) -> Fraction:
        """The points the engine gives an outcome of ``points`` (``cases`` judged, ``failed``
        of them failed), exactly: with the indicator's ``small_counts`` applied when the cases
        are fewer than its threshold, else ``points`` as given.

        For a scorer that works out what another reading of the unit's records would
        score (the points a claim puts at stake), so that the difference is the one the
        unit's result will show.
        """
        exact = exact_number(points)
        if self.small_counts is None or cases is None:
            return exact
        rule = self.small_counts.points(exact_number(self.max_points), cases, failed)
        return exact if rule is None else rule

    def checklist(self, name: str) -> Checklist:
        """The scheme's checklist ``name``; a ``KeyError`` names the known ones."""
        try:
            return self.checklists[name]
        except KeyError:
            known = ", ".join(sorted(self.checklists)) or "none"
            raise KeyError(f"no checklist {name!r} in the scheme (known: {known})") from None


@dataclass(frozen=True)
class Outcome:
    """A scorer's answer for one unit.

    ``points`` must lie in ``[0, max_points]``. Give it exactly, as a
    :class:`~fractions.Fraction` or :class:`~decimal.Decimal` (``Fraction(35 *
    on_time, judged)``), so that units whose true totals are equal tie; a plain
    ``float`` still works but is read as the decimal it prints as, which may
    already carry rounding (``35 * 2 / 3``). ``veto`` says the indicator's
    single-veto condition was met; only a scorer declared with ``vetoes=True``
    may set it (the criteria then mark each indicator using it ``veto: true``,
    and the unit is graded down). Use ``status="not_applicable"``
    when the rule does not apply to this unit (the dimension is then scored
    on the remaining indicators).

    ``cases`` and ``failed`` say, when ``points`` are a rate over cases (requests
    answered in time, appeals not overturned), how many cases were judged and
    how many of them failed; only a scorer declared with ``counts_cases=True``
    gives them. An indicator whose criteria set ``small_counts`` is then scored,
    when judged on fewer cases than its threshold, by a capped deduction per
    failed case instead of the rate (the engine replaces ``points`` and adds an
    ``engine.small_counts`` finding): give them only when all the points lost
    are the rate's.

    ``documents`` are the files the scorer read as evidence (:class:`SourceDocument`:
    path as :meth:`Evidence.shown` names it, sha256, whose copy, judged or not):
    the results record them per unit.
    """

    points: float | int | Fraction | Decimal
    findings: tuple[Finding, ...] = ()
    status: Literal["ok", "not_applicable"] = "ok"
    veto: bool = False
    cases: int | None = None
    failed: int = 0
    documents: tuple[SourceDocument, ...] = ()

    @classmethod
    def not_applicable(
        cls, reason: str, code: str = "not_applicable", findings: Sequence[Finding] = ()
    ) -> Outcome:
        """Nothing to judge for this unit; ``findings`` keep what was set aside, and why."""
        return cls(points=0.0, findings=(Finding(code, reason), *findings), status="not_applicable")


@dataclass(frozen=True)
class ParamsCheck:
    """What a scorer's ``check`` is given for one indicator, when the criteria are loaded.

    ``params`` are the indicator's params as the scorer will get them
    (``ctx.params``: every default filled in); ``written`` are the same params
    as the criteria wrote them, without defaults, to tell what the criteria
    chose from what they left to the scorer. Both are validated, with dates
    converted, and read-only. ``scheme`` is the loaded scheme (unit kinds,
    checklists, regime, year) and ``indicator`` the indicator's id.
    """

    params: Mapping[str, Any]
    written: Mapping[str, Any]
    scheme: Scheme
    indicator: str


@dataclass(frozen=True)
class Problem:
    """What a ``check`` found wrong with an indicator's params: a code and the values of its text.

    The text is the code's, from the plugin's ``register_messages`` (Chinese
    required), filled from ``params`` in the run's language, as a finding's is.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadFigure:
    """One figure a plugin read from a document: its dotted path, value, and where it stands.

    ``group`` is what it was read from as the reader shows it (a table's title,
    正文 for the text); ``name`` its Chinese name; ``where`` its place (第12段).
    """

    path: str
    value: int | float
    group: str = ""
    name: str = ""
    where: str = ""


@dataclass(frozen=True)
class ReportReading:
    """What a plugin read from one published report (``evaluate annual-report FILE``).

    ``figures`` in the order read, ``findings`` every break (their texts are the
    plugin's, as a scorer's), ``unread`` what the reader looked for and did not
    find (so a user can see why a figure is missing). ``problem`` is set when the
    file cannot be read at all (its code's text is the plugin's): the command
    then exits 2.
    """

    document: str
    format: str = ""
    year: int | None = None
    figures: tuple[ReadFigure, ...] = ()
    findings: tuple[Finding, ...] = ()
    unread: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    problem: Problem | None = None


ScoreFunction = Callable[[ScoringContext], Outcome]
CheckFunction = Callable[..., Iterable[Problem | str]]
"""A params check: ``check(ctx: ParamsCheck)``, or the older ``check(params, scheme)``."""
FieldsFunction = Callable[[Mapping[str, Any]], Mapping[str, str | tuple[str, str]]]


@dataclass(frozen=True)
class Scorer:
    """A named scoring rule with a JSON Schema for its ``params``.

    ``section`` names the submission section the rule reads; when a unit did
    not submit that section the engine scores the indicator 0 with a
    "no data submitted" finding and does not call ``score``. ``None`` means the
    scorer reads the whole submission and handles absence itself.

    ``params`` is closed: a schema that does not say ``additionalProperties``
    (or ``unevaluatedProperties``) at its top gets ``additionalProperties:
    false`` (``unevaluatedProperties: false`` when it combines subschemas), so
    that a misspelt param in the criteria is an error, never silently ignored;
    the default, no params at all, accepts none. Write
    ``"additionalProperties": True`` to accept anything. Every ``default`` in it
    must pass its own property's schema; the engine checks that when it loads
    the plugin.

    ``check``, when given, is called once per indicator when the criteria are
    loaded, with a :class:`ParamsCheck` (the params with and without their
    defaults, the scheme, the indicator); it returns what is wrong with them
    beyond what the params schema can say (a checklist that does not exist,
    goalposts that coincide), each a :class:`Problem` with a code whose text
    the plugin's ``register_messages`` gives. Each problem stops the run with
    exit status 2 before any unit is scored; so does an exception it raises,
    named with the plugin, the scorer and the indicator. A check taking two
    arguments, ``check(params, scheme)`` (the params with defaults filled), and
    returning plain strings still works, its strings shown as written.

    ``vetoes`` declares that the rule is a single veto (单项否决): its outcome
    may set ``veto=True``. Loading the criteria then requires ``veto: true`` on
    every indicator using it, and refuses ``veto: true`` on an indicator whose
    scorer does not declare it; an outcome with ``veto=True`` from a scorer
    that does not declare it is the scorer misbehaving (the indicator's status
    is ``error``). ``veto_codes`` names the codes of the findings that say why it
    vetoed (``messages.unanswered``): a review decision (复核) accepting such a
    finding lifts the veto. Without them, a code whose last part is ``veto`` or
    ends in ``_veto`` (``columns.veto``) is taken for one.

    ``codes`` declares every finding code the scorer may return (its own, and
    shared ones such as ``integrity.duplicate_id``). Loading the plugin then
    checks that each has a text (the plugin's ``register_messages``, another
    plugin's, or the engine's shared texts), and a finding with any other code
    is the scorer misbehaving (the indicator's status is ``error``), so no
    message ever falls back to a bare code. Without it, a finding whose code
    has no text must carry its own message, or the scorer misbehaves too.

    ``fields``, when given, is called with an indicator's params (defaults
    filled) and returns the values the scorer expects inside its section where
    the section's schema leaves the names to the unit (an annual report's
    figures): dotted paths from the section (``figures.requests.received.total``)
    to a short explanation, or to a pair ``(label, explanation)``. ``evaluate
    template`` lists them as rows to fill in under their group, so a clerk need not
    know the names: a row shows its label (``依申请公开·收到申请·总数``) where one is
    given, else its path, and keeps the path in a column of its own, which the
    workbook reader takes it from.

    ``counts_cases`` declares that the scorer's outcomes say how many cases
    they judged and how many failed (``Outcome(cases=..., failed=...)``), so
    that criteria may give its indicators ``small_counts``; loading the
    criteria refuses ``small_counts`` on an indicator whose scorer does not
    declare it, and an outcome giving ``cases`` from a scorer that does not is
    the scorer misbehaving (the indicator's status is ``error``).

    ``records`` says which form the scorer takes record lists in. Record files
    are read a column at a time; with ``"columns"``, a list read so comes as a
    :class:`RecordColumns`: a read-only sequence of records like any other
    (its dicts built when first read as such), whose
    :attr:`~RecordColumns.columns` give each field's values without building a
    record (:func:`column_of` reads a field from either form). With
    ``"dicts"``, the default, every record list is a read-only ``list`` of
    ``dict`` s, built once per unit when such a scorer runs.
    """

    name: str
    score: ScoreFunction
    params: Mapping[str, Any] = field(default_factory=lambda: dict(NO_PARAMS))
    section: str | None = None
    description: str = ""
    check: CheckFunction | None = None
    fields: FieldsFunction | None = None
    vetoes: bool = False
    codes: tuple[str, ...] | None = None
    counts_cases: bool = False
    veto_codes: tuple[str, ...] = ()
    records: RecordForm = "dicts"

    def __post_init__(self) -> None:
        if self.records not in ("dicts", "columns"):
            raise ValueError(f"records must be 'dicts' or 'columns', not {self.records!r}")
        object.__setattr__(self, "params", closed(self.params))
        if self.codes is not None:  # any iterable of codes (a texts table's keys); one str too
            given = (self.codes,) if isinstance(self.codes, str) else self.codes
            object.__setattr__(self, "codes", tuple(dict.fromkeys(given)))


NO_PARAMS: Mapping[str, Any] = {"type": "object", "additionalProperties": False}
"""The params schema of a scorer that takes no params."""

_COMBINING = ("allOf", "anyOf", "oneOf", "not", "if", "$ref", "dependentSchemas")


def closed(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``schema`` refusing unknown params unless it says otherwise (see :class:`Scorer`).

    Returned as given when it already decides (``additionalProperties`` or
    ``unevaluatedProperties`` at its top) or is not a mapping.
    """
    if not isinstance(schema, Mapping) or any(
        key in schema for key in ("additionalProperties", "unevaluatedProperties")
    ):
        return schema
    keyword = (
        "unevaluatedProperties"
        if any(key in schema for key in _COMBINING)
        else "additionalProperties"
    )
    return {**schema, keyword: False}


@dataclass(frozen=True)
class Section:
    """A top-level submission section and the JSON Schema (Draft 2020-12) of its content.

    Dates use ``{"type": "string", "format": "date"}`` and times
    ``"format": "date-time"``; the engine converts both after validation.
    Lists of records (arrays of objects) may be supplied as ``{csv: file.csv}``.
    """

    name: str
    schema: Mapping[str, Any]
    title: str = ""


@dataclass(frozen=True)
class Fact:
    """Something that decides a score but is the evaluator's to establish, not the unit's.

    Facts are recorded per unit in ``criteria/facts.yaml`` (under ``units:``,
    with scheme-wide ``defaults:``), validated against ``schema`` (dates as
    ``{"type": "string", "format": "date"}`` arrive as ``datetime.date``), and
    reach scorers as ``ctx.facts[name]``. ``title`` is the Chinese name.
    """

    name: str
    schema: Mapping[str, Any]
    title: str = ""
    description: str = ""


def scorer(
    name: str,
    *,
    section: str | None = None,
    params: Mapping[str, Any] | None = None,
    description: str | None = None,
    check: CheckFunction | None = None,
    fields: FieldsFunction | None = None,
    vetoes: bool = False,
    codes: Iterable[str] | None = None,
    counts_cases: bool = False,
    veto_codes: Iterable[str] = (),
    records: RecordForm = "dicts",
) -> Callable[[ScoreFunction], Scorer]:
    """Decorate a score function to make it a :class:`Scorer`.

    The function's docstring becomes the description unless one is given.
    Without ``params`` the scorer takes none: an indicator that gives any is
    an error when the criteria are loaded.
    """

    def wrap(func: ScoreFunction) -> Scorer:
        return Scorer(
            name=name,
            score=func,
            params=params if params is not None else NO_PARAMS,
            section=section,
            description=description or (func.__doc__ or "").strip().split("\n")[0],
            check=check,
            fields=fields,
            vetoes=vetoes,
            codes=None if codes is None else tuple(codes),
            counts_cases=counts_cases,
            veto_codes=tuple(veto_codes),
            records=records,
        )

    return wrap

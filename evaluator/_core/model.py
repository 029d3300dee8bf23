"""The core records: a scheme, a unit's submission, and what scoring produces.

Everything here is a frozen dataclass (or a tuple of them) so that results can be
passed between processes, compared in tests, and never mutated by a renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Protocol

from evaluator._core.frozen import FrozenDict
from evaluator._core.ids import id_key, keyed_by_id, same_id
from evaluator._core.paths import as_copied

IndicatorStatus = Literal["ok", "not_applicable", "no_data", "error"]
UnitStatus = Literal["ok", "incomplete"]
VetoScope = Literal["unit", "dimension"]
"""What a single veto (单项否决) costs: the whole unit (the last grade, ranked after every
unit not vetoed: the contract's rule) or the dimension holding the vetoed indicator (it
scores 0; the unit is graded and ranked by its total)."""
SelfClaims = Literal["trusted", "strict"]
"""How a class a unit gives its own records is scored where the rules treat it more leniently
than the stricter class its field names, until the evaluator confirms it (``scheme.yaml``
``self_claims``): ``trusted`` scores the claim and lists it as to be verified (待核实) with the
points it would cost; ``strict`` scores the stricter class."""


@dataclass(frozen=True)
class Location:
    """Where something is in an input file: 1-based line and column (0 = unknown).

    In a spreadsheet, ``sheet`` names the sheet, ``line`` is the row and
    ``column`` the column number, shown as a cell: ``u/依申请公开.xlsx:依申请公开!B12``.
    """

    path: str
    line: int = 0
    column: int = 0
    sheet: str | None = None

    def __post_init__(self) -> None:
        # a file of a local copy (a URL folder's, a Dask worker's) named as the original
        object.__setattr__(self, "path", as_copied(self.path))

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.path}:{self.sheet}{_cell(self.line, self.column)}"
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


def column_letters(column: int) -> str:
    """A 1-based column number as spreadsheets name it: 1 is ``A``, 28 is ``AB``."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(row: int, column: int) -> str:
    """``!B12`` for a cell, ``!12:12`` for a whole row (as Excel selects it), or nothing."""
    if row and column:
        return f"!{column_letters(column)}{row}"
    if row:
        return f"!{row}:{row}"
    return ""


# ---------------------------------------------------------------- the scheme


@dataclass(frozen=True)
class Grade:
    """A grade band: a unit whose total is at least ``min`` gets ``name``."""

    name: str
    min: float


@dataclass(frozen=True)
class ChecklistItem:
    """One item a unit must publish (an entry of a 公开清单)."""

    id: str
    name: str
    category: str
    applies_to: tuple[str, ...] | None = None
    units: tuple[str, ...] | None = None
    deadline: Mapping[str, Any] | None = None
    """When the item must be public, if other law sets it: ``{"working_days": 7}``,
    ``{"calendar_days": 20}``, ``{"by": "03-31"}`` (that day of the following year) or
    ``{"rule": "annual_report"}`` (a rule the checklist's scorers know by name)."""
    frequency: str | None = None
    """``yearly``, ``quarterly`` or ``monthly``: the item recurs, one publication per period."""
    judged_by: str | None = None
    """The id of the dimension that judges this item instead of the checklist's scorers
    (the annual report: ``annual_report``), for the unit kinds the scheme has it for."""
    judged_for: tuple[str, ...] = ()
    """The unit kinds the scheme judges the item for in ``judged_by``, when it has that
    dimension with a weight and an indicator for the kind (set when the scheme is loaded)."""
    judged_in: str = ""
    """The name of that dimension, for findings (set when the scheme is loaded)."""

    def required_of(self, unit_id: str, unit_type: str) -> bool:
        """Whether a unit of this id and kind must publish the item."""
        if self.units is not None:
            return any(same_id(unit_id, listed) for listed in self.units)
        return self.applies_to is None or unit_type in self.applies_to

    def judged_elsewhere(self, unit_type: str) -> bool:
        """Whether another dimension judges the item for this kind (``judged_by``): the
        checklist's scorers then leave it out."""
        return unit_type in self.judged_for


@dataclass(frozen=True)
class Checklist:
    """A required-disclosure list, loaded from ``criteria/checklists/``."""

    id: str
    name: str
    items: tuple[ChecklistItem, ...]

    def required_items(self, unit_id: str, unit_type: str) -> tuple[ChecklistItem, ...]:
        """The items the given unit must publish, in checklist order."""
        return tuple(i for i in self.items if i.required_of(unit_id, unit_type))


@dataclass(frozen=True)
class SmallCounts:
    """An indicator's rule for few cases (criteria's ``small_counts``).

    Judged on fewer than ``below`` cases, the indicator loses ``per_case``
    points per failed case, at most ``cap`` in all, instead of what its rate
    over those cases would cost: one case then moves the total by a bounded
    amount (:func:`small_count_points`).
    """

    below: int
    per_case: float
    cap: float

    def points(self, maximum: Fraction, judged: int, failed: int) -> Fraction | None:
        """The points of an indicator worth ``maximum`` judged on ``judged`` cases, ``failed``
        of them failed, under this rule; ``None`` when the cases are enough (the rate stands).

        ``maximum`` less ``per_case`` per failed case, the loss capped at ``cap`` (and the
        points never below 0).
        """
        return small_count_points(
            maximum, judged, failed, below=self.below, per_case=self.per_case, cap=self.cap
        )


def small_count_points(
    maximum: Fraction,
    judged: int,
    failed: int,
    *,
    below: int,
    per_case: float | Fraction,
    cap: float | Fraction,
) -> Fraction | None:
    """The points of an indicator judged on ``judged`` cases under the small-count rule.

    ``None`` when the cases are enough (``judged`` at least ``below``): the rate
    stands. Otherwise ``maximum`` less ``per_case`` per failed case, the loss
    capped at ``cap`` (and the points never below 0). The engine scores with it
    (:mod:`evaluator._scoring.small_counts`), and so does a scorer working out
    what its points would be otherwise (:meth:`~evaluator.ScoringContext.as_scored`).
    """
    if judged >= below:
        return None
    lost = min(exact_number(per_case) * failed, exact_number(cap))
    return max(maximum - lost, Fraction(0))


@dataclass(frozen=True)
class Indicator:
    """One scored indicator of a dimension, bound to a registered scorer."""

    id: str
    name: str
    dimension: str
    scorer: str
    points: float
    veto: bool
    applies_to: tuple[str, ...] | None
    params: Mapping[str, Any]
    location: Location
    advice: str | None = None
    """What a unit that lost points here should do (criteria's ``advice:``), for feedback."""
    small_counts: SmallCounts | None = None
    """How the indicator is scored when judged on few cases (criteria's ``small_counts``)."""

    def applies(self, unit_type: str) -> bool:
        return self.applies_to is None or unit_type in self.applies_to


@dataclass(frozen=True)
class Dimension:
    """A group of indicators with one weight per unit kind.

    ``when_empty`` is what the dimension is worth to a unit for which none of
    its indicators applies: ``None`` leaves it out of that unit's total (the
    other weights renormalise), a number is the score it then counts with.
    ``location`` is its entry in ``scheme.yaml``, when it was loaded from one.
    """

    id: str
    name: str
    weights: Mapping[str, float]
    indicators: tuple[Indicator, ...]
    when_empty: float | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Brand:
    """A firm's letterhead on every page and on the workbook's first sheet (``scheme.yaml``
    ``brand``, or ``--brand FILE``): its name, a contact line and a logo (the file's bytes
    and type: ``png``, ``jpeg`` or ``svg``)."""

    firm: str
    contact: str | None = None
    logo: bytes | None = None
    logo_type: str | None = None


@dataclass(frozen=True)
class Scheme:
    """A whole indicator system, as loaded and validated from ``criteria/``."""

    id: str
    name: str
    version: str
    year: int
    as_of: dt.date
    regime: str
    precision: int
    unit_types: Mapping[str, str]
    dimensions: tuple[Dimension, ...]
    grades: tuple[Grade, ...]
    checklists: Mapping[str, Checklist]
    sha256: str
    directory: str
    fact_defaults: Mapping[str, Any] = field(default_factory=dict)
    """Evaluator-owned facts for every unit (``criteria/facts.yaml`` ``defaults``)."""
    unit_facts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each unit's own facts by unit id as written (``criteria/facts.yaml`` ``units``):
    look one up with :meth:`facts_for`, which ignores case."""
    veto_scope: VetoScope = "unit"
    """What a single veto costs (``scheme.yaml`` ``veto_scope``; see :data:`VetoScope`)."""
    veto_scope_stated: bool = False
    """Whether ``scheme.yaml`` states ``veto_scope`` (else it is the default, ``unit``)."""
    hidden_sheets: str = "warn"
    """A hidden sheet a unit's workbook names: read with a warning (``warn``) or ``refuse``d."""
    annual_report_document: str = "optional"
    """``required``: a unit whose published annual report is in neither the evaluator's
    evidence nor its own folder loses the report's arithmetic (``scheme.yaml``)."""
    self_claims: SelfClaims = "trusted"
    """How the units' own unconfirmed classes are scored (``scheme.yaml`` ``self_claims``;
    see :data:`SelfClaims`)."""
    self_claims_stated: bool = False
    """Whether ``scheme.yaml`` states ``self_claims`` (else it is the default, ``trusted``)."""
    time_zone: str = "+08:00"
    """The time zone reports show times in (``scheme.yaml`` ``time_zone``): an offset
    ``+08:00`` or a zone name ``Asia/Shanghai``; Beijing time by default."""
    brand: Brand | None = None
    """The firm's letterhead (``scheme.yaml`` ``brand``), if the scheme names one."""

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    def facts_for(self, unit_id: str) -> Mapping[str, Any]:
        """The facts the evaluator established for a unit: its own over the defaults."""
        own = self._facts_by_key.get(id_key(unit_id))
        return FrozenDict({**self.fact_defaults, **own}) if own else self.fact_defaults

    @functools.cached_property
    def _facts_by_key(self) -> Mapping[str, Mapping[str, Any]]:
        return keyed_by_id(self.unit_facts)

    def ranks_last(self, vetoed: bool) -> bool:
        """Whether a unit so vetoed gets the last grade and ranks after every unit not vetoed."""
        return vetoed and self.veto_scope == "unit"


# ---------------------------------------------------------------- submissions


@dataclass(frozen=True)
class Unit:
    """The assessed unit a submission is about."""

    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Submission:
    """A unit's validated submission.

    ``sections`` maps a section name (``responsiveness``, ``website``, ...) to
    its data: plain dicts and lists, with dates as ``datetime.date`` and times as
    aware ``datetime.datetime``. Record lists read from CSV look the same as
    lists written in YAML.
    """

    unit: Unit
    sections: Mapping[str, Any]
    path: str
    sha256: str
    files: tuple[tuple[str, str], ...] = ()
    """CSV files the submission references: (path, sha256) each."""
    warnings: tuple[Message, ...] = ()
    record_digests: tuple[str, ...] = ()
    """The sha256 of each referenced record file holding at least one record: what
    another unit's files are compared with (``audit.same_files``)."""
    """What reading noticed without refusing the unit (a file shared by hard links ...)."""
    folder: str = ""
    """A folder unit's real folder, where the files it names lie; ``""`` for other units."""


@dataclass(frozen=True)
class Message:
    """Something the engine tells its user: a stable code and the values its text needs.

    The text is rendered from the engine's catalogue (:mod:`evaluator._core.catalogue`)
    in the language asked for; tests and programs read the code and params.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        from evaluator._core.catalogue import ENGINE

        return ENGINE.text(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class InputError:
    """A problem with an input file, as users read it: where, and what is wrong.

    ``code`` and ``params`` say what is wrong (see :class:`Message`);
    :meth:`text` words it in a language, :attr:`message` in Chinese.
    """

    location: Location
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        """What is wrong, in ``lang``, without the location."""
        return Message(self.code, self.params).text(lang)

    @property
    def message(self) -> str:
        """What is wrong, in Chinese (the default language)."""
        return self.text()

    def located(self, lang: str = "zh") -> str:
        """``path:line:column: text`` in ``lang``."""
        return f"{self.location}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.located()


# ---------------------------------------------------------------- results


Audience = Literal["unit", "evaluator"]
"""Who reads a finding (contract v3, "Who reads an audit. finding")."""

MERGED_SHOWN = 3
"""How many records of a merged finding (see :attr:`Finding.record_deductions`) its text
words one by one, before "… 等 N 条"; its ``records`` name them all. Reports list a
finding's every record apart (a sheet, a collapsed list) when it names more."""


@dataclass(frozen=True)
class Finding:
    """One fact behind a score: what rule, which records, how many points it cost.

    ``deduction`` is the number of points the finding cost, when a scorer can
    attribute points to it; ``None`` for findings that explain without costing
    (or whose cost is shared, as with a coverage rate). Give it exactly when
    the points are exact (``Fraction(10, 3)``); an ``int`` or a ``Decimal``
    does as well. The engine scales the deductions of a result's findings to
    add up to the points lost, as shown (floats of the scheme's decimals).

    ``params`` are the values the finding's text is made of. When the plugin
    declared a text for ``code`` (the ``register_messages`` hook), the engine
    writes ``message`` from that text and ``params`` in the run's language;
    otherwise ``message`` is shown as the scorer wrote it.
    """

    code: str
    message: str = ""
    records: tuple[str, ...] = ()
    deduction: float | Fraction | Decimal | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    record_deductions: tuple[float | Fraction | Decimal | None, ...] = ()
    """Set by the engine on a finding merged from several of one code, each naming one record:
    each record's deduction as its scorer gave it (before the indicator's cap), in the
    order of ``records``. Empty for any other finding."""
    share_scale: Fraction | None = None
    """With ``record_deductions``: the indicator's points lost ÷ the sum of every deduction
    its scorer gave, so that a record's share of the points lost is exactly
    ``exact_number(record_deduction) * share_scale`` (see :meth:`record_shares`)."""
    audience: Audience = "unit"
    """Who reads it: ``unit`` (its pages show it) or ``evaluator`` (only ``--internal``
    output). Set by the engine from the audience its code declares (``register_messages``),
    whatever the scorer gave."""

    def record_shares(self) -> tuple[Fraction, ...]:
        """Each record's share of the points lost, exactly, in the order of ``records``.

        Only a merged finding knows them (``record_deductions``); for any other
        finding the result is empty. A record its scorer gave no deduction has none.
        """
        if self.share_scale is None:
            return ()
        scale = self.share_scale
        return tuple(
            Fraction(0) if d is None else exact_number(d) * scale for d in self.record_deductions
        )


@dataclass(frozen=True)
class Cases:
    """The cases an indicator was judged on, kept when its criteria set ``small_counts``.

    ``judged`` cases, ``failed`` of them failed; ``by_rate`` is what the scorer's
    rate over them gave, before the small-count rule (if it applied) replaced it.
    Rank robustness re-applies the rule from these under a perturbed threshold and cap.
    """

    judged: int
    failed: int
    by_rate: Fraction


@dataclass(frozen=True)
class SourceDocument:
    """A document a scorer read as evidence: where it is, its sha256, whose copy it is.

    ``copy`` is ``evaluator`` (the evaluator's evidence folder) or ``unit`` (a
    file in the unit's folder); ``judged`` says this copy is the one scored.
    """

    path: str
    sha256: str
    copy: Literal["evaluator", "unit"]
    judged: bool


@dataclass(frozen=True)
class IndicatorResult:
    """The score of one indicator for one unit."""

    id: str
    dimension: str
    name: str
    points: float
    max: float
    status: IndicatorStatus
    vetoed: bool = False
    findings: tuple[Finding, ...] = ()
    exact: Fraction | None = None
    """The points as the scorer computed them, exactly; ``points`` is that value as a float."""
    cases: Cases | None = None
    """How many cases the scorer judged and how many failed, when the criteria set
    ``small_counts`` and the scorer said (see :class:`Cases`)."""
    documents: tuple[SourceDocument, ...] = ()
    """The documents the scorer read as evidence (``Outcome.documents``)."""
    traceback: str = field(default="", compare=False, repr=False)
    """When the scorer raised: its traceback as text, from the scorer's frame down.

    Text, so that it crosses from a worker process with the rest of the
    result; shown with ``--debug``, never written to a report.
    """

    @property
    def earned(self) -> Fraction:
        """The points, exactly: what aggregation adds up."""
        return self.exact if self.exact is not None else exact_number(self.points)


def exact_number(value: float | int | Fraction | Decimal) -> Fraction:
    """``value`` as an exact fraction; a float is read as the decimal it prints as (0.1 is 1/10).

    Floats carry binary rounding noise (``35 * 2 / 3`` is 23.333333333333332);
    reading them by their shortest decimal form keeps a scheme's decimal points
    (``12.5``, ``0.75``) exact, which is all a float can promise.
    """
    kind = type(value)
    if kind is float or kind is int:  # a scheme's points and weights: the same few values
        return _exact_plain(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        return Fraction(value)
    return Fraction(repr(float(value)))


def round_half_up(value: Fraction | Decimal | float, places: int) -> float:
    """``value`` rounded half away from zero to ``places`` decimals (87.125 -> 87.13).

    Worked in integers on the exact value, so a total that is exactly on a half
    always rounds up, however long its decimal expansion.
    """
    exact = exact_number(value)
    unit: int = 10**places
    # floor(|value| * unit + 1/2) in integers; an int quotient is correctly rounded, as
    # the float of the fraction is
    scaled, denominator = exact.numerator * unit, exact.denominator
    magnitude = (2 * abs(scaled) + denominator) // (2 * denominator)
    return (magnitude if scaled >= 0 else -magnitude) / unit


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """``sum(values, Fraction(0))``, added in integers over a common denominator and made
    a fraction once: a scheme's points share a few denominators, and each addition of two
    fractions reduces its result (a gcd or more), in Python."""
    numerator, denominator = 0, 1
    for value in values:
        top, bottom = value.numerator, value.denominator
        if bottom == denominator:
            numerator += top
        else:
            common = math.gcd(denominator, bottom)
            numerator = numerator * (bottom // common) + top * (denominator // common)
            denominator = denominator // common * bottom
    return Fraction(numerator, denominator)


@functools.lru_cache(maxsize=4096)
def _exact_plain(value: float | int) -> Fraction:
    """A float (by its shortest decimal) or an int as a fraction, remembered: equal keys
    (``1`` and ``1.0``, ``0.0`` and ``-0.0``) are equal numbers, so share their fraction."""
    return Fraction(value) if type(value) is int else Fraction(repr(value))


DimensionStatus = Literal["scored", "fixed", "empty", "vetoed"]


@dataclass(frozen=True)
class DimensionResult:
    """A dimension's score (0-100) for one unit; ``None`` when nothing applied.

    ``status`` says where the score came from: ``scored`` from its indicators,
    ``fixed`` from the scheme's ``when_empty`` score because none applied,
    ``empty`` (no score, left out of the total, the other weights renormalised),
    or ``vetoed`` (0: one of its indicators vetoed, under ``veto_scope: dimension``).
    """

    id: str
    name: str
    score: float | None
    weight: float
    status: DimensionStatus = "scored"


@dataclass(frozen=True)
class AppliedReview:
    """A review decision (复核) applied to a unit's result, and what it changed.

    ``points`` are the points it restored (exactly; nothing for a rejection),
    ``before`` and ``after`` the indicator's points without and with it (the
    decisions on an indicator apply in file order, so one's ``after`` is the
    next one's ``before``). ``location`` is the decision's row in its file.
    """

    location: Location
    indicator: str
    code: str
    records: tuple[str, ...]
    decision: str
    points: Fraction
    reason: str
    reviewer: str
    decided_on: dt.date | None
    before: Fraction
    after: Fraction


@dataclass(frozen=True)
class UnitResult:
    """Everything the evaluation says about one unit."""

    id: str
    name: str
    type: str
    total: float | None
    rank: int | None
    grade: str | None
    vetoed: bool
    status: UnitStatus
    dimensions: tuple[DimensionResult, ...]
    indicators: tuple[IndicatorResult, ...]
    source_path: str
    source_sha256: str
    warnings: tuple[Message, ...] = ()
    source_files: tuple[tuple[str, str], ...] = ()
    unvetoed_total: float | None = None
    """A vetoed unit's total with its own vetoes lifted (under ``veto_scope: unit`` its
    total itself); ``None`` for a unit not vetoed."""
    unvetoed_rank: int | None = None
    """The rank ``unvetoed_total`` would have with this unit's vetoes lifted and every
    other unit as ranked; ``None`` for a unit not vetoed or not ranked."""
    record_digests: tuple[str, ...] = ()
    """The sha256 of each record file holding records (:attr:`Submission.record_digests`)."""
    reviews: tuple[AppliedReview, ...] | None = None
    """The review decisions applied to this unit, in file order: ``None`` when the run has
    no reviews folder, empty when it has one with no decision for this unit."""
    review_problems: tuple[InputError, ...] = ()
    """The unit's decisions that matched no finding (``review.stale``) or would restore more
    than was lost (``review.too_much``), each at its row: none of them was applied."""

    @property
    def documents(self) -> tuple[SourceDocument, ...]:
        """Every document the unit's scorers read as evidence, once each, in indicator order."""
        return tuple(dict.fromkeys(d for i in self.indicators for d in i.documents))

    def without_findings(self) -> UnitResult:
        """This result with the findings of failed indicators only (they say why it failed).

        Small (scores, statuses, names): what ranking tables need, and what an
        evaluation keeps in memory per unit when the full results are spooled.
        """
        return dataclasses.replace(self, indicators=tuple(map(_summarised, self.indicators)))

    def lean(self) -> UnitResult:
        """:meth:`without_findings` with only the indicators a summary is still read for when
        the output reads each unit's indicators back from the spool (the JSON results): the
        failed ones (why they failed: the failure log, the run's problems) and those that
        read documents (the unit's sources). About a fifth of a summary's memory: what lets
        a run of thousands of units keep one per unit."""
        kept = (i for i in self.indicators if i.status == "error" or i.documents)
        return dataclasses.replace(self, indicators=tuple(map(_summarised, kept)))


def _summarised(indicator: IndicatorResult) -> IndicatorResult:
    """An indicator as a summary keeps it: its findings only if it failed (they say why)."""
    if indicator.status == "error" or not indicator.findings:
        return indicator
    return dataclasses.replace(indicator, findings=())


@dataclass(frozen=True)
class RankRange:
    """Where a unit's rank falls when the weights are perturbed (``evaluator._scoring.robustness``).

    ``median_rank``, ``p5`` and ``p95`` are ranks (nearest-rank percentiles, so
    never a half); ``stable_share`` is the share of draws that gave the published rank.
    """

    median_rank: int
    p5: int
    p95: int
    stable_share: float


@dataclass(frozen=True)
class Robustness:
    """A rank-robustness analysis: how it was drawn, and each ranked unit's rank range.

    ``ranges`` maps a unit id to its range; unranked units have none.
    ``small_counts`` names the indicators whose ``small_counts`` rule was perturbed.
    """

    draws: int
    spread: float
    seed: int
    method: str
    ranges: Mapping[str, RankRange]
    small_counts: tuple[str, ...] = ()
    """The indicators whose small-count threshold and cap were perturbed too."""


class UnitDetails(Protocol):
    """Where an evaluation keeps its units' full results when it holds only summaries."""

    def load(self, unit: UnitResult) -> UnitResult:
        """The full result (every finding) of ``unit``, one of the evaluation's units."""
        ...


@dataclass(frozen=True)
class PluginInfo:
    """A loaded plugin, as ``evaluate plugins`` and the results list it."""

    name: str
    version: str | None
    scorers: tuple[str, ...]
    sections: tuple[str, ...]
    hooks: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ScorerFailure:
    """A scorer that raised, once however many units it raised on (``_scoring.failures``).

    One per plugin, scorer, place and kind of exception: ``error`` and
    ``traceback`` are those of the first unit it failed on (``first_unit``),
    ``units`` how many units it failed on, ``indicators`` the indicators it
    failed on, in scheme order.
    """

    plugin: str
    scorer: str
    where: str
    error: str
    indicators: tuple[str, ...]
    first_unit: str
    units: int
    traceback: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Unscored:
    """An entry of the submissions folder that could not be scored, and why.

    ``id`` is the entry's name (the unit's folder or file name, as shown), the
    only name such a unit surely has; ``errors`` are its own, also among the
    evaluation's ``errors``.
    """

    id: str
    errors: tuple[InputError, ...]


@dataclass(frozen=True)
class ReviewsRecord:
    """The review decisions (复核) a run applied: their folder, files, digest and stale ones.

    ``files`` are (file name in the folder, its sha256), sorted by name;
    ``sha256`` is the digest of that list (:func:`reviews_digest`). ``stale``
    are the decisions that matched no finding of a scored unit (``review.stale``),
    each at its row, in file order.
    """

    path: str
    files: tuple[tuple[str, str], ...]
    stale: tuple[InputError, ...] = ()

    @property
    def sha256(self) -> str:
        return reviews_digest(self.files)


def reviews_digest(files: Sequence[tuple[str, str]]) -> str:
    """The sha256 of a reviews folder: of the UTF-8 text holding, for each file sorted by name,
    its name, a tab, its sha256 (lowercase hex) and a line feed (``"a.csv\\t3b…\\n"``)."""
    text = "".join(f"{name}\t{digest}\n" for name, digest in sorted(files))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Evaluation:
    """A finished run: ranked unit results plus the inputs that could not be read.

    By default ``units`` are the full results. An evaluation scored with a
    spool (:class:`evaluator._scoring.spool.UnitSpool`) keeps in ``units`` only their
    summaries (:meth:`UnitResult.without_findings`: ranks, scores, statuses) and
    in ``details`` the place the full results are read back from, one at a time,
    while the spool is open; :meth:`detailed` gives a unit's full result either way.
    """

    scheme: Scheme
    engine_version: str
    generated_at: str
    units: tuple[UnitResult, ...]
    errors: tuple[InputError, ...]
    plugins: tuple[PluginInfo, ...] = ()
    warnings: tuple[Message, ...] = field(default=())
    robustness: Robustness | None = None
    """Rank ranges under perturbed weights, when asked for (``_scoring.robustness``)."""
    details: UnitDetails | None = field(default=None, compare=False, repr=False)
    failures: tuple[ScorerFailure, ...] = ()
    """The scorers that raised, each once, for the command line to say loudly."""
    unscored: tuple[Unscored, ...] = ()
    """Each entry that could not be scored with its own errors: what a page for it shows."""
    reviews: ReviewsRecord | None = None
    """The review decisions' files and the decisions that matched no finding (``None``: the
    run has no reviews folder)."""
    record_names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """The Chinese label of each submission field by its dotted path (``website.checked_on``:
    ``网站更新及时性.检查日期``): how the pages show a finding's record that names a field."""

    def detailed(self, unit: UnitResult) -> UnitResult:
        """``unit`` (one of ``units``) with every finding."""
        return unit if self.details is None else self.details.load(unit)

    @property
    def exit_status(self) -> int:
        """0 when everything scored; 1 when some input was invalid, incomplete or not a unit."""
        if self.errors or any(u.status != "ok" for u in self.units):
            return 1
        if self.reviews is not None and self.reviews.stale:
            return 1
        if any(w.code == "run.not_a_unit" for w in self.warnings):
            return 1
        return 0

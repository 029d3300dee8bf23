"""From scorer outcomes to indicator, dimension and total scores (pure functions).

Arithmetic is exact (fractions of the decimal values scorers return) and
totals are rounded half-up to the scheme's precision, so two units with the
same figures always tie, whatever order their points were added in.
"""

from __future__ import annotations

import dataclasses
import math
import os
import traceback
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from evaluator._core.catalogue import ENGINE
from evaluator._core.messages import Catalogue, plain
from evaluator._core.model import (
    MERGED_SHOWN,
    DimensionResult,
    DimensionStatus,
    Finding,
    Indicator,
    IndicatorResult,
    IndicatorStatus,
    Scheme,
    Submission,
    UnitStatus,
    exact_number,
    exact_sum,
    round_half_up,
)
from evaluator._core.records import dict_view
from evaluator._core.tracebacks import where_raised
from evaluator._reading.files import DEFAULT_MAX_BYTES
from evaluator._scoring.small_counts import apply_small_counts
from evaluator.plugin_api import Evidence, Outcome, Scorer, ScoringContext

__all__ = [
    "MERGED_SHOWN",
    "aggregate",
    "apportion",
    "merge_findings",
    "round_half_up",
    "score_indicator",
    "scoring_context",
    "unit_evidence",
    "unvetoed_total",
    "worded",
]

_TOLERANCE = 1e-9
_ZERO = Fraction(0)
"""No points (fractions are immutable: one serves every indicator)."""


def _nothing(
    indicator: Indicator,
    status: IndicatorStatus,
    findings: Sequence[Finding],
    *,
    vetoed: bool = False,
) -> IndicatorResult:
    """A result of no points, when the scorer failed or had no data to judge."""
    return IndicatorResult(
        id=indicator.id,
        dimension=indicator.dimension,
        name=indicator.name,
        points=0.0,
        max=indicator.points,
        status=status,
        vetoed=vetoed,
        findings=tuple(findings),
    )


def _failed(indicator: Indicator, finding: Finding) -> IndicatorResult:
    return _nothing(indicator, "error", [finding])


def _where(exc: BaseException, scorer: Scorer) -> str:
    """``file:line`` in the plugin where ``exc`` arose: its deepest frame in the scorer's file.

    The last frame is often in the standard library (a ``KeyError`` raised by a
    dict, a ``ValueError`` by ``date.fromisoformat``); the author needs the line
    of their own code that called it.
    """
    return where_raised(exc, scorer.score)


def _traceback_text(exc: BaseException) -> str:
    """``exc``'s traceback from the scorer's frame down: the engine's own frame left out."""
    below = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
    return "".join(traceback.format_exception(type(exc), exc, below))


def _shown(points: Any) -> str:
    """A returned value as a person reads it (``10.5``, ``21/2``, ``nan``)."""
    return str(points) if isinstance(points, Fraction | Decimal) else repr(points)


def _check(
    outcome: Any, indicator: Indicator, scorer: Scorer, catalogue: Catalogue
) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with a scorer's return value (a code and its values), or ``None``."""
    if not isinstance(outcome, Outcome):
        return "engine.not_an_outcome", {"type": type(outcome).__name__}
    points = outcome.points
    if (
        isinstance(points, bool)
        or not isinstance(points, int | float | Fraction | Decimal)
        or (isinstance(points, float) and not math.isfinite(points))
        or (isinstance(points, Decimal) and not points.is_finite())
    ):
        return "engine.points_not_finite", {"points": _shown(points)}
    # as a float: the tolerance is far coarser than rounding, and comparing an exact
    # value with a float would convert the float to a fraction each time
    try:
        value = float(points)
    except OverflowError:  # beyond any float: out of range either way
        value = math.inf if points > 0 else -math.inf
    if value < -_TOLERANCE or value > indicator.points + _TOLERANCE:
        return "engine.points_out_of_range", {"points": _shown(points), "max": indicator.points}
    if outcome.status not in ("ok", "not_applicable"):
        return "engine.bad_status", {"status": repr(outcome.status)}
    if not isinstance(outcome.findings, tuple | list) or not _all_findings(outcome.findings):
        return "engine.bad_findings", {}
    if outcome.veto and not scorer.vetoes:
        # the criteria were checked against the declaration: an undeclared veto is a bug
        return "engine.undeclared_veto", {}
    cases = _check_cases(outcome, scorer)
    if cases is not None:
        return cases
    return _unworded(outcome.findings, scorer, catalogue)


def _all_findings(values: Sequence[Any]) -> bool:
    """Whether every value is a :class:`Finding`: told by their few types, or (when one is
    no subclass: a value may still claim the class) one by one."""
    if all(issubclass(kind, Finding) for kind in set(map(type, values))):
        return True
    return all(isinstance(value, Finding) for value in values)


def _check_cases(outcome: Outcome, scorer: Scorer) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with the cases an outcome says it judged (a code and values), or ``None``."""
    judged, failed = outcome.cases, outcome.failed
    if judged is None and failed == 0:
        return None
    if not scorer.counts_cases:
        # small_counts was checked against the declaration: undeclared cases are a bug
        return "engine.undeclared_cases", {}
    if judged is None or not _is_count(judged) or not _is_count(failed) or failed > judged:
        return "engine.bad_cases", {"cases": _shown(judged), "failed": _shown(failed)}
    return None


def _is_count(value: Any) -> bool:
    """Whether ``value`` is a whole number of cases (0 or more; a bool is no count)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _unworded(
    findings: Sequence[Finding], scorer: Scorer, catalogue: Catalogue
) -> tuple[str, dict[str, Any]] | None:
    """A finding no text would word: a code the scorer did not declare, or (a scorer that
    declares none) a code without a text that carries no message of its own."""
    declared = scorer.codes
    for finding in findings:
        if declared is not None:
            if finding.code not in declared:
                return "engine.undeclared_code", {"code": finding.code}
        elif not finding.message and finding.code not in catalogue:
            return "engine.code_without_text", {"code": finding.code}
    return None


def worded(finding: Finding, catalogue: Catalogue, lang: str) -> Finding:
    """``finding`` with its message written from its code's text, its params made plain and
    its audience the one its code declares.

    A code the catalogue does not know keeps the scorer's own message (or, when
    the scorer wrote none, shows the code and its values).
    """
    params = plain(finding.params) if finding.params else {}
    code = finding.code
    if code in catalogue or not finding.message:
        message = catalogue.plain_text(code, params, lang)
    else:
        message = finding.message
    audience = catalogue.audience(code)
    if message == finding.message and params == finding.params and audience == finding.audience:
        return finding
    return _replaced(finding, message=message, params=params, audience=audience)


_Result = TypeVar("_Result", Finding, IndicatorResult)

_PLAIN_DATACLASSES = (Finding, IndicatorResult)
"""Frozen dataclasses whose every field is set by ``__init__`` as given (no
``__post_init__``): a copy of one with some fields changed is its ``__dict__`` updated."""


def _replaced(value: _Result, **changes: Any) -> _Result:
    """``dataclasses.replace(value, **changes)``, without its walk over the fields, which
    costs more than the rest of wording a finding (it runs for every finding shown).

    A subclass (a plugin's finding) goes through :func:`dataclasses.replace`, which
    runs its ``__init__``.
    """
    kind = type(value)
    if kind not in _PLAIN_DATACLASSES:
        return dataclasses.replace(value, **changes)
    copy = object.__new__(kind)
    copy.__dict__.update(value.__dict__, **changes)
    return copy


def score_indicator(
    indicator: Indicator,
    scorer: Scorer,
    plugin: str,
    submission: Submission,
    scheme: Scheme,
    *,
    catalogue: Catalogue = ENGINE,
    lang: str = "zh",
    findings: bool = True,
    section_title: str = "",
    raising: bool = False,
    evidence: Evidence | None = None,
    claim_reviews: Mapping[str, bool] | None = None,
) -> IndicatorResult:
    """Score one indicator for one unit; a failing scorer gives status ``error``, never raises.

    ``evidence`` is what the scorer may read (:class:`~evaluator.plugin_api.Evidence`);
    by default the unit's folder only, uncapped by an evidence folder.

    ``section_title`` names the scorer's section in a "no data" finding (the
    section's Chinese title, not its key). Findings are worded in ``lang`` from
    ``catalogue`` (see :func:`worded`), their deductions apportioned
    (:func:`apportion`) and those of one code naming one record each merged
    into one (:func:`merge_findings`). With ``findings=False``
    (output that shows no finding) they are dropped instead, but for those of a
    failed indicator, which say why it failed. With ``raising=True`` (a test of
    the plugin) an exception the scorer raises goes through, its traceback whole.
    ``claim_reviews`` are the review decisions on the indicator's claims
    (:attr:`~evaluator.plugin_api.ScoringContext.claim_reviews`).
    """
    result = _score_indicator(
        indicator,
        scorer,
        plugin,
        submission,
        scheme,
        catalogue,
        section_title,
        raising=raising,
        evidence=evidence,
        claim_reviews=claim_reviews,
    )
    if not result.findings:
        return result
    if not findings and result.status != "error":
        return _replaced(result, findings=())
    if result.status == "error":
        shown = tuple(worded(f, catalogue, lang) for f in result.findings)
        return _replaced(result, findings=shown)
    lost = exact_number(result.max) - result.earned if result.status != "not_applicable" else _ZERO
    shown = merge_findings(result.findings, lost, scheme.precision, catalogue, lang)
    return _replaced(result, findings=shown)


def apportion(findings: Sequence[Finding], lost: Fraction, places: int) -> tuple[Finding, ...]:
    """The findings with their deductions scaled to add up to ``lost``, as shown at ``places``.

    A scorer attributes points to findings (``deduction``), often equal shares
    that print rounded (30 findings of 0.0897 show as 0.09 each, 2.70 against
    2.69 lost). Here the lost points, rounded half-up to ``places`` decimals,
    are split over the costed findings in proportion to what the scorer gave
    each, by the largest-remainder method (ties go to the earlier finding), so
    the deductions every format shows add up to the points lost. Findings
    without a deduction are left as they are; if no finding costs anything,
    nothing changes.
    """
    shares = _apportioned(findings, lost, places)
    apportioned = list(findings)
    unit = 10**places
    for index, share in shares.items():
        apportioned[index] = _replaced(findings[index], deduction=share / unit)
    return tuple(apportioned)


def _apportioned(findings: Sequence[Finding], lost: Fraction, places: int) -> dict[int, int]:
    """:func:`apportion`'s split: each costed finding's share, in units of ``10**-places``,
    by its position in ``findings``."""
    costed = [i for i, f in enumerate(findings) if f.deduction is not None and f.deduction > 0]
    if not costed:
        return {}
    # lost rounded half-up to places, in integers: floor(lost * unit + 1/2)
    twice = 2 * lost.denominator
    target = (2 * lost.numerator * 10**places + lost.denominator) // twice
    given = [findings[i].deduction for i in costed]
    distinct = set(given)
    if len(distinct) == 1:  # equal shares, the usual case: an even split, the rest first
        base, left = divmod(target, len(costed))
        shares = [base + (1 if k < left else 0) for k in range(len(costed))]
    else:
        # proportions only: a float's exact binary value serves as well as its decimal
        # (equal values are equal fractions, whatever their types). Worked in integers
        # over the weights' common denominator: quota k is target * scaled[k] / whole,
        # its floor and remainder one divmod, not a fraction per finding.
        exact = {d: Fraction(d) for d in distinct if d is not None}
        weights = [exact[d] for d in given if d is not None]
        common = math.lcm(*{w.denominator for w in weights})
        scaled = [w.numerator * (common // w.denominator) for w in weights]
        whole = sum(scaled)
        split = [divmod(target * part, whole) for part in scaled]
        shares = [share for share, _ in split]
        left = target - sum(shares)
        by_remainder = sorted(range(len(costed)), key=lambda k: (-split[k][1], k))
        for k in by_remainder[:left]:
            shares[k] += 1
    return dict(zip(costed, shares, strict=True))


def merge_findings(
    findings: Sequence[Finding], lost: Fraction, places: int, catalogue: Catalogue, lang: str
) -> tuple[Finding, ...]:
    """The findings of one scored indicator as shown: worded, apportioned, one per kind.

    Findings of one code that each name one record (and put no points at stake as
    a claim to verify, ``at_stake``) become one finding, at the
    place of the first, naming all their records (see :func:`_merged`). Its
    deduction is the sum of what :func:`apportion` gives the separate findings,
    so the points every format shows are the same either way; only the words
    and rows grow no more with the number of records. Any other finding is
    worded and apportioned as it stands. ``lost`` is what the indicator lost.
    """
    shares = _apportioned(findings, lost, places)
    kinds: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        # a claim to verify carries the points at stake for its own records: merging it
        # would show the first claim's stake as all of theirs, so it stays as it is
        if len(finding.records) == 1 and "at_stake" not in finding.params:
            kinds.setdefault(finding.code, []).append(index)
    groups = {members[0]: members for members in kinds.values() if len(members) > 1}
    if not groups:
        return tuple(
            worded(_costing(f, shares.get(i), places), catalogue, lang)
            for i, f in enumerate(findings)
        )
    costs = [f.deduction for f in findings if f.deduction is not None and f.deduction > 0]
    given = _exact_sum(costs)
    scale = lost / given if given else Fraction(0)
    absorbed = {i for members in groups.values() for i in members[1:]}
    shown: list[Finding] = []
    for index, finding in enumerate(findings):
        if index in absorbed:
            continue
        members = groups.get(index)
        if members is None:
            shown.append(worded(_costing(finding, shares.get(index), places), catalogue, lang))
            continue
        parts = [findings[i] for i in members]
        costed = [shares[i] for i in members if i in shares]
        total = sum(costed) if costed else None
        shown.append(_merged(parts, total, places, scale, catalogue, lang))
    return tuple(shown)


def _exact_sum(values: Sequence[float | Fraction | Decimal]) -> Fraction:
    """The exact sum of ``values`` (each read by :func:`exact_number`), each distinct value
    made exact and multiplied by its count once: a scorer's deductions are mostly a few
    values (equal shares), and adding thousands of fractions one by one is slow.

    Values are told apart by type as well (a float ``0.1`` is 1/10, a fraction equal to its
    binary value is not), so that each counts as :func:`exact_number` reads it.
    """
    counts = Counter(zip(map(type, values), values, strict=True))
    return exact_sum(exact_number(value) * n for (_, value), n in counts.items())


def _costs(finding: Finding) -> bool:
    """Whether the scorer gave ``finding`` a deduction above nothing."""
    return finding.deduction is not None and finding.deduction > 0


def _costing(finding: Finding, share: int | None, places: int) -> Finding:
    """``finding`` with its apportioned ``share`` (units of ``10**-places``) as its deduction."""
    if share is None:
        return finding
    return _replaced(finding, deduction=share / 10**places)


_SEPARATORS = {"zh": "；", "en": "; "}
"""Between the worded records of a merged finding."""


def _merged(
    parts: Sequence[Finding],
    share: int | None,
    places: int,
    scale: Fraction,
    catalogue: Catalogue,
    lang: str,
) -> Finding:
    """One finding for ``parts`` (one code, one record each): every record, the first few worded.

    Its ``params`` are the first part's, with ``merged_count`` (how many records)
    and ``merged_first`` (the params of the first :data:`MERGED_SHOWN`, which its
    text words); its message is theirs joined, then ``… 等 N 条`` when there are
    more. ``record_deductions`` keeps each record's own deduction before the cap
    and ``share_scale`` the indicator's points lost over their sum, so that a
    record's share stays exact.
    """
    first = [worded(p, catalogue, lang) for p in parts[:MERGED_SHOWN]]  # the rest unworded
    count = len(parts)
    separator = _SEPARATORS.get(lang, _SEPARATORS["en"])
    texts = {"items": separator.join(f.message for f in first), "count": count}
    joined = "engine.merged_more" if count > MERGED_SHOWN else "engine.merged"
    params = {
        **first[0].params,
        "merged_count": count,
        "merged_first": [dict(f.params) for f in first],
    }
    costed = any(_costs(p) for p in parts)
    return Finding(
        parts[0].code,
        ENGINE.text(joined, texts, lang),
        tuple(p.records[0] for p in parts),
        None if share is None else share / 10**places,
        params,
        record_deductions=tuple(p.deduction for p in parts),
        share_scale=scale if costed else None,
        audience=first[0].audience,
    )


def scoring_context(
    indicator: Indicator,
    scorer: Scorer,
    submission: Submission,
    scheme: Scheme,
    evidence: Evidence | None = None,
    claim_reviews: Mapping[str, bool] | None = None,
) -> ScoringContext:
    """What ``scorer`` is given to score ``indicator`` for the unit of ``submission``: its
    record lists as the scorer takes them (:attr:`~evaluator.plugin_api.Scorer.records`)."""
    sections = (
        submission.sections if scorer.records == "columns" else dict_view(submission.sections)
    )
    return ScoringContext(
        unit=submission.unit,
        data=sections.get(scorer.section) if scorer.section else None,
        submission=sections,
        params=indicator.params,
        max_points=indicator.points,
        indicator=indicator.id,
        year=scheme.year,
        as_of=scheme.as_of,
        regime=scheme.regime,
        checklists=scheme.checklists,
        facts=scheme.facts_for(submission.unit.id),
        evidence=evidence or unit_evidence(submission, scheme),
        self_claims=scheme.self_claims,
        small_counts=indicator.small_counts,
        claim_reviews=claim_reviews or {},
    )


def unit_evidence(
    submission: Submission,
    scheme: Scheme,
    folder: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    lists: Mapping[str, tuple[Mapping[str, Any], ...]] | None = None,
) -> Evidence:
    """The files a unit's scorers may read: the evaluator's ``folder`` and the unit's own;
    ``lists`` the unit's rows of the evaluator's record lists."""
    return Evidence(
        folder=folder,
        unit_folder=submission.folder or None,
        max_bytes=max_bytes,
        annual_report_document=scheme.annual_report_document,
        unit_shown=os.path.dirname(submission.path),
        lists=lists or {},
        criteria=scheme.directory or None,
    )


def _score_indicator(
    indicator: Indicator,
    scorer: Scorer,
    plugin: str,
    submission: Submission,
    scheme: Scheme,
    catalogue: Catalogue,
    section_title: str = "",
    *,
    raising: bool = False,
    evidence: Evidence | None = None,
    claim_reviews: Mapping[str, bool] | None = None,
) -> IndicatorResult:
    sections = submission.sections
    if scorer.section is not None and scorer.section not in sections:
        findings = [
            Finding(
                "engine.no_data",
                records=(),
                deduction=indicator.points or None,
                params={"section": scorer.section, "title": section_title or scorer.section},
            )
        ]
        if indicator.veto:
            findings.append(Finding("engine.no_data_veto"))
        return _nothing(indicator, "no_data", findings, vetoed=indicator.veto)
    context = scoring_context(indicator, scorer, submission, scheme, evidence, claim_reviews)
    try:
        outcome = scorer.score(context)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() in a plugin too: it costs this indicator only
        if raising:
            raise
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        params = {
            "scorer": scorer.name,
            "plugin": plugin,
            "error": error,
            "where": _where(exc, scorer),
        }
        failed = _failed(indicator, Finding("engine.scorer_failed", params=params))
        return dataclasses.replace(failed, traceback=_traceback_text(exc))
    problem = _check(outcome, indicator, scorer, catalogue)
    if problem:
        code, values = problem
        params = {"scorer": scorer.name, "plugin": plugin, **values}
        return _failed(indicator, Finding(code, params=params))
    # the points held to [0, the indicator's points], as min(max(points, 0), ceiling) holds
    # them, with a comparison each rather than two new fractions
    exact = _ZERO
    if outcome.status == "ok":
        exact = exact_number(outcome.points)
        if exact < 0:
            exact = _ZERO
        ceiling = exact_number(indicator.points)
        if ceiling < exact:
            exact = ceiling
    judged: tuple[Finding, ...] = tuple(outcome.findings)
    cases = None
    if indicator.small_counts is not None and outcome.cases is not None and outcome.status == "ok":
        exact, cases, said = apply_small_counts(
            indicator, exact, outcome.cases, outcome.failed, scheme.precision
        )
        judged += (said,) if said is not None else ()
    return IndicatorResult(
        id=indicator.id,
        dimension=indicator.dimension,
        name=indicator.name,
        points=float(exact),
        max=indicator.points,
        status=outcome.status,
        vetoed=indicator.veto and outcome.veto and outcome.status == "ok",
        findings=judged,
        documents=tuple(outcome.documents),
        exact=exact,
        cases=cases,
    )


def aggregate(
    scheme: Scheme, unit_type: str, results: Sequence[IndicatorResult]
) -> tuple[tuple[DimensionResult, ...], float | None, bool, UnitStatus]:
    """Dimension scores, the rounded total, whether vetoed, and the unit status.

    Each dimension's weight is reported normalised to sum 100 over the kind's
    dimensions, as the scheme's weights are read. A unit for which nothing
    applicable was scored has no total and is ``incomplete``: it cannot be ranked.
    Under ``veto_scope: dimension`` a dimension holding a vetoed indicator scores
    0 (status ``vetoed``); under ``unit`` a veto leaves the scores as they are.
    """
    shown_weights = weights_for(scheme, unit_type)
    by_dimension: dict[str, list[IndicatorResult]] = {}
    for result in results:
        by_dimension.setdefault(result.dimension, []).append(result)
    zeroed = (
        {r.dimension for r in results if r.vetoed} if scheme.veto_scope == "dimension" else set()
    )
    dimensions: list[DimensionResult] = []
    weighted = Fraction(0)
    weight_sum = Fraction(0)
    for dimension in scheme.dimensions:
        weight = dimension.weights.get(unit_type, 0.0)
        counted = [r for r in by_dimension.get(dimension.id, []) if r.status != "not_applicable"]
        possible = exact_sum(exact_number(r.max) for r in counted)
        earned = exact_sum(r.earned for r in counted)
        score = 100 * earned / possible if possible > 0 else None
        status: DimensionStatus = "scored"
        if dimension.id in zeroed:
            score, status = Fraction(0), "vetoed"
        elif score is None:
            fixed = dimension.when_empty
            status = "empty" if fixed is None else "fixed"
            score = None if fixed is None else exact_number(fixed)
        dimensions.append(
            DimensionResult(
                id=dimension.id,
                name=dimension.name,
                score=None if score is None else round_half_up(score, scheme.precision),
                weight=round_half_up(shown_weights[dimension.id], scheme.precision),
                status=status,
            )
        )
        if score is not None and weight > 0:
            weighted += exact_number(weight) * score
            weight_sum += exact_number(weight)
    total = round_half_up(weighted / weight_sum, scheme.precision) if weight_sum else None
    vetoed = any(r.vetoed for r in results)
    failed = total is None or any(r.status == "error" for r in results)
    unit_status: UnitStatus = "incomplete" if failed else "ok"
    return tuple(dimensions), total, vetoed, unit_status


def unvetoed_total(
    scheme: Scheme, unit_type: str, results: Sequence[IndicatorResult], total: float | None
) -> float | None:
    """A vetoed unit's total with its own vetoes lifted, everything else as scored.

    Under ``veto_scope: unit`` a veto leaves the total as it is (``total``);
    under ``dimension`` it is the total with the vetoed dimensions scored from
    their points. ``None`` for a unit with no veto or no total.
    """
    if total is None or not any(r.vetoed for r in results):
        return None
    if scheme.veto_scope == "unit":
        return total
    lifted = [dataclasses.replace(r, vetoed=False) if r.vetoed else r for r in results]
    return aggregate(scheme, unit_type, lifted)[1]


def weights_for(scheme: Scheme, unit_type: str) -> Mapping[str, float]:
    """The kind's dimension weights normalised to sum 100, by dimension id."""
    raw = {d.id: d.weights.get(unit_type, 0.0) for d in scheme.dimensions}
    total = sum(raw.values())
    return {k: (100 * v / total if total else 0.0) for k, v in raw.items()}

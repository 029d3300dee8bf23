"""The canonical JSON form of an :class:`~evaluator._core.model.Evaluation`.

The key names and their order follow the data contract ("Results"); the shape is
described by ``evaluator/schemas/results.json``. Every number is emitted as a
float so that output does not change with how a value happened to be computed.
:func:`write_json` writes the document unit by unit, never whole in memory.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from evaluator._core.catalogue import ENGINE
from evaluator._core.messages import plain
from evaluator._core.model import (
    AppliedReview,
    DimensionResult,
    Evaluation,
    Finding,
    IndicatorResult,
    InputError,
    Message,
    PluginInfo,
    RankRange,
    ReviewsRecord,
    Robustness,
    Scheme,
    UnitResult,
    exact_number,
    round_half_up,
)
from evaluator._reports import json_text

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = [
    "ENGINE_NAME",
    "dumps_json",
    "error_documents",
    "evaluation_to_dict",
    "indicators_json",
    "iter_json",
    "results_schema",
    "scheme_document",
    "unit_document",
    "unit_documents",
    "warning_documents",
    "write_json",
]

ENGINE_NAME = "evaluator"


def evaluation_to_dict(
    ev: Evaluation, baseline: Baseline | None = None, lang: str = "zh"
) -> dict[str, Any]:
    """The results document for ``ev``, as plain JSON-ready values in contract order.

    With ``baseline`` (an earlier results file), each unit and the document gain
    ``baseline`` (last). Messages are worded in ``lang``.
    """
    return {key: value() for key, value in _document(ev, baseline, lang).items()}


def dumps_json(ev: Evaluation, baseline: Baseline | None = None, lang: str = "zh") -> str:
    """The results document for ``ev`` as UTF-8-ready JSON text, ending in a newline."""
    return "".join(iter_json(ev, baseline, lang))


def write_json(
    ev: Evaluation, stream: TextIO, baseline: Baseline | None = None, lang: str = "zh"
) -> None:
    """Write the text of :func:`dumps_json` to ``stream`` piece by piece (a unit at a time)."""
    for piece in iter_json(ev, baseline, lang):
        stream.write(piece)


def unit_document(
    ev: Evaluation,
    unit: UnitResult,
    *,
    detailed: bool = True,
    baseline: Baseline | None = None,
    lang: str = "zh",
) -> dict[str, Any]:
    """One of ``ev``'s units as the results document holds it (its ``units`` entry).

    ``detailed=False`` gives the summary the evaluation keeps in memory (scores,
    statuses, names; findings only of failed indicators) without reading the
    unit's full result back: what ranking tables need.
    """
    full = ev.detailed(unit) if detailed else unit
    document = _unit(full, lang)
    if ev.reviews is not None:
        document["reviews"] = [_review(r, ev.scheme.precision) for r in full.reviews or ()]
    if ev.robustness is not None:
        found = ev.robustness.ranges.get(unit.id)
        document["robustness"] = None if found is None else _rank_range_document(found)
    if baseline is not None:
        document["baseline"] = baseline.entry(document, ev.scheme.precision, detailed=detailed)
    return document


def unit_documents(
    ev: Evaluation,
    *,
    detailed: bool = True,
    baseline: Baseline | None = None,
    lang: str = "zh",
) -> Iterator[dict[str, Any]]:
    """:func:`unit_document` of each unit in order, each read only when asked for."""
    for unit in ev.units:
        yield unit_document(ev, unit, detailed=detailed, baseline=baseline, lang=lang)


def error_documents(
    ev: Evaluation, lang: str = "zh", errors: Iterable[InputError] | None = None
) -> list[dict[str, Any]]:
    """The results' ``errors``: each input that could not be scored, where, and why
    (``errors``: only these, as the results write them)."""
    return [_error(e, lang) for e in (ev.errors if errors is None else errors)]


def warning_documents(ev: Evaluation, lang: str = "zh") -> list[dict[str, Any]]:
    """The results' run-level ``warnings``: code, text in ``lang`` and params each."""
    return [_message(w, lang) for w in ev.warnings]


def iter_json(ev: Evaluation, baseline: Baseline | None = None, lang: str = "zh") -> Iterator[str]:
    """The text of :func:`dumps_json` in pieces: one per top-level value, one per unit.

    That text is ``json.dumps(evaluation_to_dict(ev), ensure_ascii=False,
    indent=2)`` and a newline. JSON escapes every newline inside strings, so
    indenting a nested value's text at each of its newlines gives exactly the
    text ``json.dumps`` writes for it in place. Each unit's full result is read
    (:meth:`Evaluation.detailed`) only for its own piece, so a spooled evaluation
    is never held whole in memory.
    """
    yield "{"
    for position, (key, value) in enumerate(_document(ev, baseline, lang).items()):
        yield ("," if position else "") + "\n  " + _dumps(key) + ": "
        if key == "units" and ev.units:
            yield "["
            rendered = getattr(ev.details, "rendered", None) if baseline is None else None
            for number, unit in enumerate(ev.units):
                text = None if rendered is None else rendered(unit)
                if text is None:
                    entry = unit_document(ev, unit, baseline=baseline, lang=lang)
                    yield ("," if number else "") + "\n    " + _dumps(entry, 2)
                else:
                    yield ("," if number else "") + "\n    " + _spliced(ev, unit, text, lang)
            yield "\n  ]"
        else:
            yield _dumps(value(), 1)
    yield "\n}\n"


def indicators_json(unit: UnitResult) -> bytes:
    """The text of ``unit``'s ``indicators`` in the results (every finding), in UTF-8, as a
    worker renders it for the spool (:class:`~evaluator._scoring.spool.UnitSpool`'s
    ``render``): :func:`_dumps` at the level the results hold it (three deep: the units'
    list, a unit, its key), encoded; so that the main process only splices it in."""
    text = json_text.dumps_utf8([_indicator(i) for i in unit.indicators])
    return text.replace(b"\n", b"\n" + b"  " * _INDICATORS_LEVEL)


_INDICATORS_LEVEL = 3
"""How deep a unit's indicators are in the results: in ``units``, in a unit, under a key."""

_INDICATORS = "\n" + "  " * _INDICATORS_LEVEL + '"indicators": []'
"""Where a unit's indicators go in its text nested in the results: a key one level in the
unit, which no string can hold (JSON escapes newlines), with nothing in it yet."""


def _spliced(ev: Evaluation, unit: UnitResult, indicators: str, lang: str) -> str:
    """:func:`_dumps` of ``unit``'s document two levels deep, its indicators the text a worker
    rendered (:func:`indicators_json`, already as deep): the same text, without reading the
    unit back."""
    document = unit_document(ev, unit, detailed=False, lang=lang)
    document["indicators"] = []
    text = _dumps(document, 2)
    return text.replace(_INDICATORS, _INDICATORS[:-2] + indicators, 1)


def _dumps(value: Any, level: int = 0) -> str:
    """``value`` as JSON text as ``json.dumps(indent=2)`` writes it nested ``level`` deep.

    Never ``NaN`` or ``Infinity``, which are not JSON: the engine refuses such
    points and :mod:`.baseline` such files, and a value that slipped past both
    stops the writing (``ValueError``) rather than yield a file no parser reads.
    The text is :func:`.json_text.dumps`'s: orjson's wherever it is provably the same.
    """
    text = json_text.dumps(value)
    return text.replace("\n", "\n" + "  " * level)


def _document(ev: Evaluation, baseline: Baseline | None, lang: str) -> dict[str, Callable[[], Any]]:
    """The document's top-level keys in contract order, each with how to compute its value.

    ``robustness`` comes after ``warnings``, and only when the evaluation has a
    robustness analysis; ``baseline`` last, only when compared with an earlier file.
    """
    document: dict[str, Callable[[], Any]] = {
        "scheme": lambda: scheme_document(ev.scheme),
        "engine": lambda: {"name": ENGINE_NAME, "version": ev.engine_version},
        "generated_at": lambda: ev.generated_at,
        "plugins": lambda: [_plugin(p) for p in ev.plugins],
        "units": lambda: list(unit_documents(ev, baseline=baseline, lang=lang)),
        "errors": lambda: error_documents(ev, lang),
        "warnings": lambda: warning_documents(ev, lang),
    }
    reviews = ev.reviews
    if reviews is not None:
        document["reviews"] = lambda: reviews_document(reviews, lang)
    robustness = ev.robustness
    if robustness is not None:
        document["robustness"] = lambda: _robustness(robustness)
    if baseline is not None:
        document["baseline"] = lambda: baseline.document(u.id for u in ev.units)
    return document


def results_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) that every results document satisfies."""
    text = resources.files("evaluator").joinpath("schemas/results.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _written_number(value: float | Fraction | Decimal | None) -> float | None:
    """A number as results are written: a float (``35`` and ``35.0`` print alike, an exact
    fraction as its nearest float), or None. The engine's numbers are trusted as they are;
    :mod:`.baseline` checks the numbers it reads back."""
    return None if value is None else float(value)


def scheme_document(scheme: Scheme) -> dict[str, Any]:
    """The results' ``scheme``: what was evaluated with, and its stated (or default) veto
    policy and policy on the units' own claims."""
    return {
        "id": scheme.id,
        "name": scheme.name,
        "version": scheme.version,
        "sha256": scheme.sha256,
        "veto_scope": scheme.veto_scope,
        "veto_scope_stated": scheme.veto_scope_stated,
        "self_claims": scheme.self_claims,
        "self_claims_stated": scheme.self_claims_stated,
    }


def reviews_document(reviews: ReviewsRecord, lang: str = "zh") -> dict[str, Any]:
    """The results' ``reviews``: the folder, its digest and files, and the stale decisions.

    ``sha256`` is :func:`~evaluator._core.model.reviews_digest` of the files; each
    stale decision is an error entry (where, code ``review.stale``, text, params:
    unit, indicator, code, records, why).
    """
    return {
        "path": reviews.path,
        "sha256": reviews.sha256,
        "files": [{"name": name, "sha256": digest} for name, digest in reviews.files],
        "stale": [_error(e, lang) for e in reviews.stale],
    }


def _review(review: AppliedReview, places: int) -> dict[str, Any]:
    """One decision applied to a unit: what it said and the indicator's points around it
    (rounded half-up to the scheme's precision)."""
    return {
        "indicator": review.indicator,
        "code": review.code,
        "records": list(review.records),
        "decision": review.decision,
        "points": round_half_up(review.points, places),
        "reason": review.reason,
        "reviewer": review.reviewer,
        "decided_on": None if review.decided_on is None else review.decided_on.isoformat(),
        "before": round_half_up(review.before, places),
        "after": round_half_up(review.after, places),
        "file": review.location.path,
        "line": review.location.line or None,
    }


def _plugin(plugin: PluginInfo) -> dict[str, Any]:
    return {"name": plugin.name, "version": plugin.version}


def _unit(unit: UnitResult, lang: str) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "type": unit.type,
        "total": _written_number(unit.total),
        "rank": unit.rank,
        "grade": unit.grade,
        "vetoed": unit.vetoed,
        "status": unit.status,
        "unvetoed_total": _written_number(unit.unvetoed_total),
        "unvetoed_rank": unit.unvetoed_rank,
        "dimensions": [_dimension(d) for d in unit.dimensions],
        "indicators": [_indicator(i) for i in unit.indicators],
        "source": _source(unit),
        "warnings": [_unit_warning(w, lang) for w in unit.warnings],
    }


def _robustness(robustness: Robustness) -> dict[str, Any]:
    return {
        "draws": robustness.draws,
        "spread": float(robustness.spread),
        "seed": robustness.seed,
        "method": robustness.method,
        "small_counts": list(robustness.small_counts),
    }


def _rank_range_document(found: RankRange) -> dict[str, Any]:
    """A unit's ``robustness`` in results, which every format shows (:mod:`.cells`)."""
    return {
        "median_rank": found.median_rank,
        "p5": found.p5,
        "p95": found.p95,
        "stable_share": float(found.stable_share),
    }


def _source(unit: UnitResult) -> dict[str, Any]:
    """Where the unit's data came from: the YAML and, when used, each CSV file and
    each document a scorer read as evidence (whose copy, judged or not), hashed."""
    source: dict[str, Any] = {"path": unit.source_path, "sha256": unit.source_sha256}
    if unit.source_files:
        source["files"] = [{"path": path, "sha256": digest} for path, digest in unit.source_files]
    if unit.documents:
        source["documents"] = [
            {"path": d.path, "sha256": d.sha256, "copy": d.copy, "judged": d.judged}
            for d in unit.documents
        ]
    return source


def _dimension(dim: DimensionResult) -> dict[str, Any]:
    return {
        "id": dim.id,
        "name": dim.name,
        "score": _written_number(dim.score),
        "weight": _written_number(dim.weight),
        "status": dim.status,
    }


def _indicator(ind: IndicatorResult) -> dict[str, Any]:
    return {
        "id": ind.id,
        "dimension": ind.dimension,
        "name": ind.name,
        "points": _written_number(ind.points),
        "max": _written_number(ind.max),
        "status": ind.status,
        "vetoed": ind.vetoed,
        "findings": [_finding(f) for f in ind.findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    written: dict[str, Any] = {
        "code": finding.code,
        "message": finding.message,
        "records": list(finding.records),
        "deduction": _written_number(finding.deduction),
        "params": dict(finding.params),
        "audience": finding.audience,
    }
    if finding.record_deductions:  # a merged finding: what each record's exact share needs
        written["record_deductions"] = [_exact_number(d) for d in finding.record_deductions]
        scale = finding.share_scale
        written["share_scale"] = None if scale is None else str(scale)
    return written


def _exact_number(value: float | Fraction | Decimal | None) -> float | str | None:
    """A scorer's deduction as results keep it exactly: a number when a float reads back as
    the same value (:func:`exact_number`), else its fraction as text (``"1/3"``)."""
    if value is None:
        return None
    if type(value) is float and math.isfinite(value):
        # what most deductions are: exactly the decimal it prints as, which turns back into
        # the float itself (as float() of its fraction does), so read back the same value;
        # -0.0 is exactly 0, written 0.0
        return value + 0.0
    exact = exact_number(value)
    shown = float(exact)
    return shown if exact_number(shown) == exact else str(exact)


def _unit_warning(message: Message, lang: str) -> dict[str, Any]:
    """A unit's warning, with who reads it (``audit.same_files`` names other units: the
    evaluator's alone), as its findings say."""
    return {**_message(message, lang), "audience": ENGINE.audience(message.code)}


def _message(message: Message, lang: str) -> dict[str, Any]:
    return {"code": message.code, "message": message.text(lang), "params": plain(message.params)}


def _error(error: InputError, lang: str) -> dict[str, Any]:
    # Line and column 0 mean "unknown" in the model; JSON says so with null.
    loc = error.location
    where: dict[str, Any] = {"path": loc.path}
    if loc.sheet is not None:  # a workbook: line is the row, column the column number
        where["sheet"] = loc.sheet
    return {
        **where,
        "line": loc.line or None,
        "column": loc.column or None,
        "code": error.code,
        "message": error.text(lang),
        "params": plain(error.params),
    }

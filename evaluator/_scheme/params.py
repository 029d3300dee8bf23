"""An indicator's params and veto against its scorer: the schema, the veto, the scorer's check.

Used by the criteria loader (:mod:`evaluator._scheme.criteria`) and by the
testing kit, so that a test refuses exactly what a run refuses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from evaluator._core.frozen import freeze
from evaluator._core.messages import LANGUAGES, Catalogue, plain
from evaluator._core.model import Indicator, InputError, Location, Scheme
from evaluator._core.tracebacks import where_raised
from evaluator._reading.validation import apply_defaults, convert, validate
from evaluator._reading.yaml_reader import Positions
from evaluator.plugin_api import ParamsCheck, Problem, Scorer

__all__ = [
    "check_params",
    "checked_params",
    "small_counts_problem",
    "veto_mismatch",
    "written_params",
]


def checked_params(
    given: Any, scorer: Scorer, positions: Positions, shown: str, indicator: str
) -> tuple[Any, list[InputError]]:
    """An indicator's params as its scorer gets them, or what is wrong with them.

    Validated against the scorer's params schema (each error located through
    ``positions`` in ``shown``), dates converted, every absent param's default
    filled in, made read-only. A scorer that takes no params (no properties,
    nothing else allowed) and is given some gets one ``scheme.no_params`` error.
    """
    if given and _takes_nothing(scorer.params):
        _, (line, column) = positions.locate(())
        params = {"indicator": indicator, "scorer": scorer.name, "given": sorted(map(str, given))}
        return given, [InputError(Location(shown, line, column), "scheme.no_params", params)]
    errors = [
        InputError(
            problem.location,
            "scheme.params",
            {
                **problem.params,
                "indicator": indicator,
                "scorer": scorer.name,
                "problem": problem.code,
            },
        )
        for problem in validate(given, scorer.params, positions, shown)
    ]
    if errors:
        return given, errors
    return freeze(apply_defaults(convert(given, scorer.params), scorer.params)), []


def written_params(given: Any, scorer: Scorer) -> Mapping[str, Any]:
    """Valid params as the criteria wrote them: dates converted, no default added, read-only."""
    written: Mapping[str, Any] = freeze(convert(given or {}, scorer.params))
    return written


def _takes_nothing(schema: Mapping[str, Any]) -> bool:
    """Whether a params schema accepts no key at all (a scorer declared without params)."""
    return (
        schema.get("additionalProperties") is False
        and not schema.get("properties")
        and not schema.get("patternProperties")
    )


def veto_mismatch(
    indicator: str, marked: bool, scorer: Scorer, plugin: str
) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with an indicator's ``veto`` for its scorer (a code and params), or ``None``.

    A scorer declared with ``vetoes=True`` needs ``veto: true``: without it a
    veto would silently count as lost points while its finding still says
    单项否决. A scorer that never vetoes refuses it: the indicator could then
    grade a unit down only for a missing section, which is not what it says.
    """
    if marked == scorer.vetoes:
        return None
    code = "scheme.veto_missing" if scorer.vetoes else "scheme.veto_unsupported"
    return code, {"indicator": indicator, "scorer": scorer.name, "plugin": plugin}


def small_counts_problem(
    indicator: str, rule: Mapping[str, Any], points: float, scorer: Scorer, plugin: str
) -> tuple[str, str, dict[str, Any]] | None:
    """What is wrong with an indicator's ``small_counts``: the key it is at, a code and params.

    Only a scorer declared with ``counts_cases=True`` says how many cases it
    judged; on any other the rule would never apply, silently. A ``cap`` above
    the indicator's points would promise a loss the indicator cannot give.
    """
    if not scorer.counts_cases:
        params: dict[str, Any] = {"indicator": indicator, "scorer": scorer.name, "plugin": plugin}
        return "small_counts", "scheme.small_counts_unsupported", params
    if rule["cap"] > points:
        params = {"indicator": indicator, "cap": rule["cap"], "points": points}
        return "cap", "scheme.small_counts_cap", params
    return None


def check_params(
    indicator: Indicator,
    written: Mapping[str, Any],
    scorer: Scorer,
    plugin: str,
    scheme: Scheme,
    catalogue: Catalogue,
) -> list[InputError]:
    """What the scorer's own ``check`` finds wrong with an indicator's params, located there.

    A :class:`~evaluator.plugin_api.Problem` is ``scheme.params_problem``, its
    text written from the plugin's texts (``catalogue``) in every language; a
    plain string, from a check written before problems had codes, is
    ``scheme.params_check`` and shown as written; a check that raises is
    ``scheme.check_failed``, naming the plugin and the line.
    """
    check = scorer.check
    if check is None:
        return []
    named = {"indicator": indicator.id, "scorer": scorer.name}
    try:
        if _takes_context(check):
            found = list(check(ParamsCheck(indicator.params, written, scheme, indicator.id)))
        else:
            found = list(check(indicator.params, scheme))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # the plugin's bug, named and located: not "unexpected"
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        params = {**named, "plugin": plugin, "error": error, "where": where_raised(exc, check)}
        return [InputError(indicator.location, "scheme.check_failed", params)]
    return [_located(problem, named, plugin, indicator.location, catalogue) for problem in found]


def _takes_context(check: Callable[..., Any]) -> bool:
    """Whether ``check`` takes one :class:`ParamsCheck` rather than ``(params, scheme)``."""
    try:
        signature = inspect.signature(check)
    except (TypeError, ValueError):  # no signature to read: the older form
        return False
    positional = [
        p
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == 1 and not any(
        p.kind is p.VAR_POSITIONAL for p in signature.parameters.values()
    )


def _located(
    problem: Problem | str,
    named: Mapping[str, str],
    plugin: str,
    location: Location,
    catalogue: Catalogue,
) -> InputError:
    """One problem a check returned, as the error a run reports at the indicator."""
    if not isinstance(problem, Problem):
        return InputError(location, "scheme.params_check", {**named, "problem": str(problem)})
    code, values = problem.code, problem.params
    texts = {f"text_{lang}": catalogue.text(code, values, lang) for lang in LANGUAGES}
    params = {
        **named,
        "plugin": plugin,
        "problem": problem.code,
        "values": plain(problem.params),
        **texts,
    }
    return InputError(location, "scheme.params_problem", params)

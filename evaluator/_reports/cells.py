"""What report cells show, from the canonical results (the JSON-ready dicts).

Every format (tables, markdown, CSV, XLSX, HTML, the feedback pages) shows the
same things the same way: scores at the scheme's ``precision``, ranks and rank
ranges, the note of a vetoed or incomplete unit, which indicators lost points,
which findings are shown, records cut to a few, inputs that could not be scored. They work on the
documents of :mod:`evaluator._reports.json_results`, never on the engine's
objects, so that the results' shape is the only thing renderers depend on.
Nothing here recomputes a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evaluator._reports.labels import label

__all__ = [
    "ALWAYS_SHOWN",
    "AT_STAKE",
    "MISSING",
    "RECORDS_SHOWN",
    "always_shown",
    "at_stake",
    "claims_policy",
    "compact",
    "deduction_text",
    "dimension_columns",
    "dimension_score",
    "error_location",
    "fixed",
    "groups",
    "indicator_label",
    "lost_indicators",
    "not_applicable_text",
    "note",
    "rank_range_text",
    "rank_range_values",
    "rank_text",
    "records_text",
    "score_cells",
    "shown_findings",
    "signed",
    "unit_ref",
    "veto_policy",
    "warning_text",
    "weight_text",
    "why_failed",
]

RECORDS_SHOWN = 10
MISSING = "—"
AT_STAKE = "at_stake"
"""The param of an ``audit.`` finding that lists claims to verify (待核实): the points they put
at stake in its indicator (docs/plugins.md, "Claims to verify")."""
ALWAYS_SHOWN = ("integrity.", "audit.")
"""Finding codes shown in every detail view even when they cost nothing (contract v2); the
evaluator's notes among them reach a report only with ``--internal`` (contract v3: they are
left out before rendering, :func:`evaluator._reports.audience.for_clients`)."""
_RANK_RANGE = ("median_rank", "p5", "p95", "stable_share")
"""The values of a unit's ``robustness`` in results, in the order CSV columns show them."""

Doc = Mapping[str, Any]


def fixed(value: float | None, precision: int) -> str:
    """A score with exactly ``precision`` decimals, or the missing mark."""
    return MISSING if value is None else f"{value:.{precision}f}"


def signed(value: float | None, precision: int) -> str:
    """A change with its sign (``+2.50``, ``-1.25``, ``0.00``), or the missing mark."""
    if value is None:
        return MISSING
    text = f"{value:+.{precision}f}"
    return text[1:] if float(text) == 0 else text


def compact(value: float, precision: int) -> str:
    """A point count rounded to ``precision`` without trailing zeros (``37.5``, ``40``)."""
    text = f"{value:.{precision}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def weight_text(weight: float, points: float | None, lang: str) -> str:
    """A dimension's weight as readers are shown it: the points the scheme gives it
    (``30 分``), else its share of the kind's total (``23.08%``, as results keep it)."""
    if points is None:
        return label("weight_share", lang).format(weight=compact(weight, 2))
    return label("weight_points", lang).format(points=compact(points, 2))


def groups(kinds: Mapping[str, str], units: Iterable[Doc]) -> list[tuple[str, list[Doc]]]:
    """Units grouped by kind: the scheme's order first, then any other kind as first seen."""
    listed = list(units)
    order = list(kinds)
    order += [k for k in dict.fromkeys(u["type"] for u in listed) if k not in order]
    grouped = [(k, [u for u in listed if u["type"] == k]) for k in order]
    return [(k, members) for k, members in grouped if members]


def dimension_columns(scheme_order: Sequence[str], units: Iterable[Doc]) -> list[Doc]:
    """The dimensions the units were scored on, in scheme order: id, name and weight.

    The weight is the first unit's (all units of a kind share their weights).
    """
    seen: dict[str, Doc] = {}
    for unit in units:
        for dim in unit["dimensions"]:
            seen.setdefault(dim["id"], dim)
    ordered = [seen[d] for d in scheme_order if d in seen]
    return ordered + [d for i, d in seen.items() if i not in scheme_order]


def dimension_score(unit: Doc, dim_id: str) -> float | None:
    """The unit's score on a dimension, or None (not scored, or nothing applied)."""
    return next((d["score"] for d in unit["dimensions"] if d["id"] == dim_id), None)


def rank_text(unit: Doc) -> str:
    """The rank, or the missing mark for an unranked (incomplete) unit."""
    if unit["status"] == "incomplete" or unit["rank"] is None:
        return MISSING
    return str(unit["rank"])


def rank_range_values(unit: Doc) -> list[str]:
    """The unit's rank range as cells of their own (CSV): median rank, P5, P95 and the share
    of draws keeping the rank; empty cells when the unit has none (unranked)."""
    found = unit["robustness"]
    if found is None:
        return [""] * len(_RANK_RANGE)
    return [str(found[key]) for key in _RANK_RANGE]


def rank_range_text(unit: Doc, lang: str) -> str:
    """The unit's rank range as one cell (tables, markdown): ``p5–p95 (median m)``, or the
    missing mark when the unit has none (unranked)."""
    found = unit["robustness"]
    if found is None:
        return MISSING
    return label("rank_range_cell", lang).format(
        p5=found["p5"], p95=found["p95"], median=found["median_rank"]
    )


def veto_policy(scheme: Doc, lang: str) -> str:
    """What a veto costs under the results' scheme (its ``veto_scope``), and whether the
    scheme says so or it is the default: ``否决规则：…（方案规定）``."""
    scope = label(f"veto_scope_{scheme['veto_scope']}", lang)
    source = label(
        "veto_scope_stated" if scheme["veto_scope_stated"] else "veto_scope_default", lang
    )
    return label("veto_policy", lang) + label("colon", lang) + scope + source


def claims_policy(scheme: Doc, lang: str) -> str:
    """How the units' own unconfirmed classes are scored under the results' scheme (its
    ``self_claims``), and whether the scheme says so: ``单位自报分类：…（方案规定）``."""
    policy = label(f"self_claims_{scheme['self_claims']}", lang)
    source = label(
        "veto_scope_stated" if scheme["self_claims_stated"] else "veto_scope_default", lang
    )
    return label("claims_policy", lang) + label("colon", lang) + policy + source


def at_stake(finding: Doc) -> float | None:
    """The points a claim of the unit puts at stake, when ``finding`` lists claims to verify
    (an ``audit.`` finding whose params give ``at_stake``: the indicator's points between
    the claims followed and refused); ``None`` for any other finding."""
    if not str(finding["code"]).startswith("audit."):
        return None
    value = (finding.get("params") or {}).get(AT_STAKE)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def cost(finding: Doc) -> float:
    """The points a finding of a results document cost: its ``deduction`` when that is a
    number (not a bool, as JSON may hold), else 0."""
    value = finding.get("deduction")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def deduction_text(finding: Doc, precision: int, lang: str) -> str:
    """A finding's deduction as a detail table shows it: the points it cost, or, for claims
    to verify, ``待核实 5`` (what they put at stake), or nothing."""
    stake = at_stake(finding)
    if stake is not None:
        text = label("at_stake_cell", lang).format(points=compact(stake, precision))
        veto = (finding.get("params") or {}).get("veto_at_stake") is True
        return text + (label("at_stake_veto", lang) if veto else "")
    deduction = finding["deduction"]
    return "" if deduction is None else compact(deduction, precision)


def note(unit: Doc, lang: str, *, public: bool = False) -> str:
    """一票否决 with the vetoing indicators (and the dimensions that scored 0 for it) and
    the rank the unit would have without its vetoes; what the unit did not submit (scored
    0: the headline of its page says so, not only a row); 未完成 with each failed one and,
    in short, why (``public``: 未完成 alone, why being the evaluator's business); and the
    dimensions a total leaves out (none of their indicators applied)."""
    parts: list[str] = []
    if unit["vetoed"]:
        parts.append(_veto_note(unit, lang))
    unsent = _unsent(unit)
    if unsent:
        parts.append(label("not_submitted", lang).format(names=_listed(unsent, lang)))
    if unit["status"] == "incomplete":
        failed = [i for i in unit["indicators"] if i["status"] == "error"]
        if public:
            parts.append(label("incomplete", lang))
        elif failed:
            reasons = [
                i["name"] + label("paren", lang).format(text=why_failed(i, lang)) for i in failed
            ]
            parts.append(label("incomplete", lang) + label("colon", lang) + _listed(reasons, lang))
        else:  # nothing applicable was scored: no total to rank
            why = label("why_nothing_applicable", lang)
            parts.append(label("incomplete", lang) + label("colon", lang) + why)
    left_out = [
        d for d in unit["dimensions"] if d.get("status") == "empty" and (d["weight"] or 0) > 0
    ]
    if left_out and unit["total"] is not None:
        parts.append(_labelled("partial_total", left_out, lang))
    return label("part_sep", lang).join(parts)


def _unsent(unit: Doc) -> list[str]:
    """What the unit sent no data for: each dimension none of whose indicators had data,
    else each indicator without data, in the unit's order."""
    names: list[str] = []
    for dim in unit["dimensions"]:
        members = [i for i in unit["indicators"] if i["dimension"] == dim["id"]]
        unsent = [i for i in members if i["status"] == "no_data"]
        if unsent and len(unsent) == len(members):
            names.append(str(dim["name"]))
        else:
            names += [str(i["name"]) for i in unsent]
    return names


def not_applicable_text(unit: Doc, indicator: Doc, precision: int, lang: str) -> str:
    """What an indicator that does not apply means for the unit: not scored, its weight
    shared among the rest, or (a dimension with nothing applicable and a fixed score in
    the scheme, ``when_empty``) the dimension counted at that score."""
    dim = next((d for d in unit["dimensions"] if d["id"] == indicator["dimension"]), None)
    if dim is not None and dim.get("status") == "fixed" and dim["score"] is not None:
        score = compact(dim["score"], precision)
        return label("not_applicable_fixed", lang).format(score=score)
    return label("not_applicable", lang)


def score_cells(unit: Doc, indicator: Doc, precision: int, lang: str) -> tuple[str, str]:
    """An indicator's score and points lost as a detail view shows them: ``37.5/40`` and
    ``2.5``; for one that does not apply, what that means and no loss (never ``0/20``
    and 20 lost)."""
    if indicator["status"] == "not_applicable":
        return not_applicable_text(unit, indicator, precision, lang), MISSING
    earned, most = indicator["points"], indicator["max"]
    shown = f"{compact(earned, precision)}/{compact(most, precision)}"
    return shown, compact(most - earned, precision)


def indicator_label(unit: Doc, indicator: Doc, precision: int, lang: str) -> str:
    """The indicator's name, and for one that does not apply what that means: the
    indicator cell of tables with no score column (CSV, the workbook's lost points)."""
    name = str(indicator["name"])
    if indicator["status"] != "not_applicable":
        return name
    return name + label("colon", lang) + not_applicable_text(unit, indicator, precision, lang)


def _veto_note(unit: Doc, lang: str) -> str:
    """一票否决：the vetoing indicators（the dimensions zeroed）；未否决时排名 N."""
    text = _labelled("vetoed", [i for i in unit["indicators"] if i["vetoed"]], lang)
    zeroed = [str(d["name"]) for d in unit["dimensions"] if d.get("status") == "vetoed"]
    if zeroed:
        names = label("list_sep", lang).join(zeroed)
        text += label("paren", lang).format(
            text=label("dimension_zeroed", lang).format(names=names)
        )
    if unit.get("unvetoed_rank") is not None:
        text += label("part_sep", lang) + label("unvetoed_rank", lang).format(
            rank=unit["unvetoed_rank"]
        )
    return text


def why_failed(indicator: Doc, lang: str) -> str:
    """Why an indicator could not be scored, in a few words: the scorer's error type, or
    that what it returned was unusable."""
    finding = next(iter(indicator["findings"]), None)
    if finding is None:
        return label("status_error", lang)
    params = finding.get("params") or {}
    if finding["code"] == "engine.scorer_failed":
        error = str(params.get("error", "")).split(":", 1)[0] or "?"
        return label("why_scorer_failed", lang).format(error=error)
    return label("why_bad_result", lang)


def _listed(items: Sequence[str], lang: str) -> str:
    return label("list_sep", lang).join(items)


def _labelled(key: str, indicators: list[Doc], lang: str) -> str:
    if not indicators:
        return label(key, lang)
    names = label("list_sep", lang).join(i["name"] for i in indicators)
    return label(key, lang) + label("colon", lang) + names


def unit_ref(unit: Doc, lang: str) -> str:
    """``name（id）``: how text refers to a unit."""
    return str(unit["name"]) + label("paren", lang).format(text=unit["id"])


def always_shown(finding: Doc) -> bool:
    """Whether a finding is shown even when it cost nothing (``integrity.``, ``audit.``)."""
    return str(finding["code"]).startswith(ALWAYS_SHOWN)


def lost_indicators(unit: Doc, precision: int) -> list[Doc]:
    """Indicators that cost points (as shown) or could not be scored, and those holding
    always-shown findings."""
    return [
        i
        for i in unit["indicators"]
        if i["status"] in ("error", "no_data")
        or (i["status"] == "ok" and round(i["max"] - i["points"], precision) > 0)
        or any(always_shown(f) for f in i["findings"])
    ]


def lost(indicator: Doc, precision: int) -> bool:
    """Whether the indicator cost points (as shown) or could not be scored normally."""
    return indicator["status"] in ("error", "no_data") or (
        indicator["status"] == "ok" and round(indicator["max"] - indicator["points"], precision) > 0
    )


def shown_findings(indicator: Doc, precision: int) -> list[Doc]:
    """The findings a detail view shows: all of an indicator that lost points, else the
    always-shown ones."""
    if lost(indicator, precision):
        return list(indicator["findings"])
    return [f for f in indicator["findings"] if always_shown(f)]


def records_text(records: Sequence[str], lang: str, shown: int = RECORDS_SHOWN) -> str:
    """Records joined with commas, cut after ``shown`` with the total count."""
    text = ", ".join(records[:shown])
    if len(records) > shown:
        text += " " + label("in_all", lang).format(n=len(records))
    return text


def error_location(error: Doc) -> str:
    """``path:line:column`` of an input error, as far as it is known."""
    where = str(error["path"])
    if error.get("line"):
        where += f":{error['line']}"
        if error.get("column"):
            where += f":{error['column']}"
    return where


def warning_text(warning: Any) -> str:
    """A warning's text: a plain string, or the ``message`` of a ``{code, message}`` object."""
    if isinstance(warning, Mapping):
        return str(warning.get("message", warning.get("code", "")))
    return str(warning)

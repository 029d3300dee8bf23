"""The results as one self-contained HTML page (``--format html``).

Ranking tables per kind, each with its distribution chart, the dimension means
by kind, the comparison with a baseline, warnings, every unit's lost points
(each unit in the tables links to them) and the 未评分 block. Styles and SVG
charts are inline and a Content-Security-Policy forbids any fetch: the page
opens offline, and fonts are the reader's own (CJK included).

The page is rendered by the ``ranking.html`` template streamed piece by piece;
units' findings are read back one at a time while their section is written.
The public page (``--public``) is ``public.html``: the ranking tables, the
charts and the method (weights, grade bands, the veto policy, the as-of date),
given nothing else: no unit's findings, no warnings, errors or paths.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from evaluator._core.model import Evaluation
from evaluator._reports import cells, charts
from evaluator._reports.json_results import (
    error_documents,
    scheme_document,
    unit_document,
    warning_documents,
)
from evaluator._reports.labels import label
from evaluator._reports.overview import KindOverview, overviews
from evaluator._reports.templating import environment

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["page_context", "write_html"]


def write_html(
    ev: Evaluation,
    stream: TextIO,
    *,
    lang: str = "zh",
    baseline: Baseline | None = None,
    templates: str | None = None,
    public: bool = False,
) -> None:
    """Write the page for ``ev`` to ``stream`` (``templates``: a folder replacing shipped ones;
    ``public``: the public ranking, :func:`public_context`)."""
    label("rank", lang)  # rejects an unknown language before any work
    env = environment(templates, lang, ev.scheme.precision, ev.record_names)
    context = page_context(ev, lang, baseline)
    if public:
        context = public_context(context, ev, lang)
        page = "public.html"
    else:
        context["anchor"] = lambda unit_id: f"#u-{unit_id}"
        context["details"] = _details(ev, baseline, lang)
        page = "ranking.html"
    for piece in env.get_template(page).generate(context):
        stream.write(piece)


def public_context(context: dict[str, Any], ev: Evaluation, lang: str) -> dict[str, Any]:
    """``context`` as the public page gets it: no warnings, errors or baseline file (paths of
    the evaluator's machine, units' problems), notes without why a unit is incomplete, no
    unit linked; the scheme's method, and how many submissions were not scored."""
    compared = context["baseline"]
    return {
        **context,
        "anchor": None,
        "warnings": [],
        "errors": [],
        "baseline": None if compared is None else {"gone": compared["gone"]},
        "note": lambda unit: cells.note(unit, lang, public=True),
        "as_of": ev.scheme.as_of.isoformat(),
        "unscored_count": len(ev.unscored),
    }


def _details(ev: Evaluation, baseline: Baseline | None, lang: str) -> Iterator[dict[str, Any]]:
    for unit in ev.units:
        yield unit_document(ev, unit, baseline=baseline, lang=lang)


def page_context(ev: Evaluation, lang: str, baseline: Baseline | None) -> dict[str, Any]:
    """What the pages show besides units' details: provenance, kinds, charts, problems."""
    units = [unit_document(ev, u, detailed=False, baseline=baseline, lang=lang) for u in ev.units]
    kinds = overviews(ev.scheme, units)
    precision = ev.scheme.precision
    return {
        "scheme": ev.scheme,
        "veto_policy": cells.veto_policy(scheme_document(ev.scheme), lang),
        "claims_policy": cells.claims_policy(scheme_document(ev.scheme), lang),
        "grades": [g.name for g in ev.scheme.grades],
        "engine_version": ev.engine_version,
        "plugins": ev.plugins,
        "generated_at": ev.generated_at,
        "kinds": kinds,
        "distributions": {k.kind: _distribution(k, ev, lang) for k in kinds},
        "means": charts.dimension_means(kinds, label("dimension_means", lang), precision),
        "baseline": None if baseline is None else _comparison(baseline, units, ev, lang),
        "warnings": _warnings(ev, units, lang),
        "errors": error_documents(ev, lang),
    }


def _distribution(kind: KindOverview, ev: Evaluation, lang: str) -> charts.Chart:
    title = label("distribution", lang).format(kind=kind.display)
    return charts.distribution(kind, ev.scheme.grades, title)


def _comparison(
    baseline: Baseline, units: list[dict[str, Any]], ev: Evaluation, lang: str
) -> Mapping[str, Any]:
    gone = baseline.gone(u["id"] for u in units)
    return {
        "path": baseline.path,
        "sha256": baseline.sha256,
        "differences": baseline.differences(units, lang, plugins=ev.plugins),
        "gone": [{"id": g, "name": baseline.units[g].name} for g in gone],
    }


def _warnings(ev: Evaluation, units: list[dict[str, Any]], lang: str) -> list[str]:
    """The run's warnings, then each unit's, named by unit."""
    named = [
        cells.unit_ref(u, lang) + label("colon", lang) + cells.warning_text(w)
        for u in units
        for w in u["warnings"]
    ]
    return [cells.warning_text(w) for w in warning_documents(ev, lang)] + named

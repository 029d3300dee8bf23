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
from functools import partial
from typing import TYPE_CHECKING, Any, TextIO

from markupsafe import Markup

from evaluator._core.model import Brand, Evaluation
from evaluator._core.zones import local_time
from evaluator._reports import cells, charts, review_cells
from evaluator._reports.json_results import (
    error_documents,
    reviews_document,
    scheme_document,
    unit_document,
    warning_documents,
)
from evaluator._reports.labels import label
from evaluator._reports.letterhead import logo_uri
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
    brand: Brand | None = None,
    public: bool = False,
) -> None:
    """Write the page for ``ev`` to ``stream`` (``templates``: a folder replacing shipped ones;
    ``brand``: the letterhead shown at its head; ``public``: the public ranking,
    :func:`public_context`)."""
    label("rank", lang)  # rejects an unknown language before any work
    env = environment(templates, lang, ev.scheme.precision, ev.record_names)
    context = page_context(ev, lang, baseline, brand)
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
    the evaluator's machine, units' problems), no review record (复核 is between the evaluator
    and each unit: the public reads the scores it settled), notes without why a unit is
    incomplete, no unit linked; the scheme's method, and how many submissions were not scored."""
    compared = context["baseline"]
    return {
        **context,
        "anchor": None,
        "warnings": [],
        "errors": [],
        "reviewed": False,
        "review_record": None,
        "stale": [],
        "baseline": None if compared is None else {"gone": compared["gone"]},
        "note": lambda unit: cells.note(unit, lang, public=True),
        "as_of": ev.scheme.as_of.isoformat(),
        "unscored_count": len(ev.unscored),
    }


def _details(ev: Evaluation, baseline: Baseline | None, lang: str) -> Iterator[dict[str, Any]]:
    for unit in ev.units:
        yield unit_document(ev, unit, baseline=baseline, lang=lang)


def page_context(
    ev: Evaluation, lang: str, baseline: Baseline | None, brand: Brand | None = None
) -> dict[str, Any]:
    """What the pages show besides units' details: provenance (the time in the scheme's
    time zone), kinds, charts, problems, and the letterhead (``brand``, its ``logo`` as a
    ``data:`` URI)."""
    units = [unit_document(ev, u, detailed=False, baseline=baseline, lang=lang) for u in ev.units]
    kinds = overviews(ev.scheme, units)
    precision = ev.scheme.precision
    record = None if ev.reviews is None else reviews_document(ev.reviews, lang)
    uri = logo_uri(brand)
    return {
        "scheme": ev.scheme,
        "veto_policy": cells.veto_policy(scheme_document(ev.scheme), lang),
        "claims_policy": cells.claims_policy(scheme_document(ev.scheme), lang),
        "grades": [g.name for g in ev.scheme.grades],
        "engine_version": ev.engine_version,
        "plugins": ev.plugins,
        "generated_at": local_time(ev.generated_at, ev.scheme.time_zone),
        "brand": brand,
        # base64 only, and far longer than the longest text a template prints
        "logo": None if uri is None else Markup(uri),
        "kinds": kinds,
        "distributions": {k.kind: _distribution(k, ev, lang) for k in kinds},
        "means": charts.dimension_means(kinds, label("dimension_means", lang), precision),
        "baseline": None if baseline is None else _comparison(baseline, units, ev, lang),
        # the stale decisions are the review section's (with where each is written)
        "warnings": _warnings(ev, units, lang, record is not None),
        "errors": error_documents(ev, lang),
        # the review record (复核): a column marking units whose score changed, and the
        # decisions that matched no finding (the evaluator's page only: see feedback.py)
        "reviewed": review_cells.has_reviews(record, units),
        "review_record": record,
        "stale": review_cells.stale_lines(record, lang),
        "review_lines": partial(review_cells.review_lines, precision=precision, lang=lang),
        "review_mark": partial(review_cells.review_mark, lang=lang),
        "withdrawn_lines": partial(review_cells.withdrawn_lines, precision=precision, lang=lang),
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


def _warnings(
    ev: Evaluation, units: list[dict[str, Any]], lang: str, reviewed: bool = False
) -> list[str]:
    """The run's warnings, then each unit's, named by unit (``reviewed``: without the review
    record's own, which its section lists)."""
    named = [
        cells.unit_ref(u, lang) + label("colon", lang) + cells.warning_text(w)
        for u in units
        for w in u["warnings"]
    ]
    run = [
        cells.warning_text(w)
        for w in warning_documents(ev, lang)
        if not (reviewed and str(w["code"]).startswith(review_cells.REVIEW_CODES))
    ]
    return run + named

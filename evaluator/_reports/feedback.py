"""One feedback page per unit (一单位一报告): ``evaluate report SUBMISSIONS -o DIR``.

``DIR/index.html`` lists the units by kind, each linked to ``DIR/<unit-id>.html``:
its total, rank out of the kind's ranked units, grade, a chart of its dimension
scores against the kind's median and best, every lost point with the rule, the
records and the deduction, the classes it gave its records that are to be
verified (待核实) with the points each indicator has at stake, every other
``integrity.``/``audit.`` finding, and the criteria's advice per indicator. A
unit with full marks gets its page too.

Each unit sees only its own: the index lists the units that could not be
scored by id alone, each linked to its own page of its errors and what to fix
(:func:`unscored_pages`: none for an id that cannot name a file safely, and
the index says why), and shows only the run's warnings, never a unit's.

The folder is written whole or not at all: pages go to a new folder beside
``DIR``, which is then renamed into place (an earlier report there is removed
after the swap), so no page of an earlier run remains. Units are read back and
written one at a time.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from evaluator._core.ids import id_key, same_id
from evaluator._core.model import Brand, Evaluation
from evaluator._reports import cells, charts, review_cells
from evaluator._reports.html import page_context
from evaluator._reports.json_results import (
    error_documents,
    scheme_document,
    unit_document,
    warning_documents,
)
from evaluator._reports.labels import label
from evaluator._reports.overview import KindOverview
from evaluator._reports.templating import environment

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["INDEX", "SAFE_NAME", "replaceable", "unscored_pages", "write_feedback"]

INDEX = "index"
"""The index page's name, which no unit id may take (``index.html``)."""


def replaceable(folder: str) -> bool:
    """Whether ``folder`` may be replaced by a report: empty, or only an earlier report's pages."""
    names = os.listdir(folder)
    if not names:
        return True
    return "index.html" in names and all(
        n.endswith(".html") and os.path.isfile(os.path.join(folder, n)) for n in names
    )


def write_feedback(
    ev: Evaluation,
    folder: str,
    *,
    lang: str = "zh",
    baseline: Baseline | None = None,
    templates: str | None = None,
    brand: Brand | None = None,
) -> None:
    """Write ``folder``/index.html and a page per unit, replacing ``folder`` atomically;
    ``brand``'s letterhead on every page."""
    label("rank", lang)  # rejects an unknown language before any work
    clash = [u.id for u in ev.units if same_id(u.id, INDEX)]
    if clash:
        raise ValueError(f"unit id {clash[0]!r} would overwrite the index page; rename the unit")
    env = environment(templates, lang, ev.scheme.precision, ev.record_names)
    context = page_context(ev, lang, baseline, brand)
    context["page"] = lambda unit_id: f"{unit_id}.html"
    # the index is every unit's: no unit's errors or warnings on it, only the run's
    context["errors"] = []
    context["warnings"] = [
        cells.warning_text(w)
        for w in warning_documents(ev, lang)
        if not str(w["code"]).startswith(review_cells.REVIEW_CODES)
    ]
    context["stale"] = []  # stale decisions are the evaluator's to see, not every unit's
    unscored = unscored_pages(ev)
    context["unscored"] = unscored
    kinds: dict[str, KindOverview] = {k.kind: k for k in context["kinds"]}
    advice = {(i.dimension, i.id): i.advice for i in ev.scheme.indicators() if i.advice}
    target = os.path.abspath(folder)
    parent = os.path.dirname(target)
    building = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}-", dir=parent)
    try:
        _write(building, "index.html", env.get_template("feedback_index.html"), context)
        unit_page = env.get_template("feedback_unit.html")
        for unit in ev.units:
            document = unit_document(ev, unit, baseline=baseline, lang=lang)
            page = {**context, **_unit_context(document, kinds[unit.type], advice, ev, lang)}
            _write(building, f"{unit.id}.html", unit_page, page)
        _write_unscored(building, env, context, ev, unscored, lang)
        os.chmod(building, _folder_mode())
        _swap(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def unscored_pages(ev: Evaluation) -> list[dict[str, str | None]]:
    """Each unscored unit as the index lists it: its id, and its page's file name or, when
    the id cannot name a file of its own, why not (a :mod:`.labels` key).

    No page for the index's own name in any case, for an id another unit's equals
    but for case (their files would be one on a disk that ignores case), nor for
    an id a unit id could not be (a stray name with spaces, say).
    """
    keys = [id_key(u.id) for u in ev.units] + [id_key(u.id) for u in ev.unscored]
    counts = collections.Counter(keys)
    listed: list[dict[str, str | None]] = []
    for unit in ev.unscored:
        why = None
        if same_id(unit.id, INDEX):
            why = "no_page_reserved"
        elif counts[id_key(unit.id)] > 1:
            why = "no_page_twin"
        elif not SAFE_NAME.fullmatch(unit.id):
            why = "no_page_name"
        listed.append({"id": unit.id, "page": None if why else f"{unit.id}.html", "why": why})
    return listed


SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
"""An id that may name a page: what a unit id may be (``schemas/submission-base.json``)."""


def _write_unscored(
    building: str,
    env: Any,
    context: Mapping[str, Any],
    ev: Evaluation,
    listed: list[dict[str, str | None]],
    lang: str,
) -> None:
    """A page for each unscored unit that may have one: its own errors, nobody else's."""
    template = env.get_template("feedback_unscored.html")
    for unit, shown in zip(ev.unscored, listed, strict=True):
        if shown["page"] is None:
            continue
        errors = error_documents(ev, lang, unit.errors)
        page = {**context, "entry": {"id": unit.id, "errors": errors}}
        _write(building, shown["page"], template, page)


def _unit_context(
    unit: Mapping[str, Any],
    kind: KindOverview,
    advice: Mapping[tuple[str, str], str],
    ev: Evaluation,
    lang: str,
) -> dict[str, Any]:
    scores = [
        (d, next((s["score"] for s in unit["dimensions"] if s["id"] == d.id), None))
        for d in kind.dimensions
    ]
    legend = (label("this_unit", lang), label("median", lang), label("best", lang))
    title = unit["name"] + label("colon", lang) + label("dimension", lang)
    shown = [
        (ind, f)
        for ind in unit["indicators"]
        for f in ind["findings"]
        if str(f["code"]).startswith(("integrity.", "audit."))
    ]
    return {
        "unit": unit,
        "kind": kind,
        "scores": scores,
        "profile": charts.unit_profile(scores, title, legend, ev.scheme.precision),
        "advice": advice,
        # the unit's own classes to verify (待核实), with what they put at stake, apart
        "claims": [(ind, f) for ind, f in shown if cells.at_stake(f) is not None],
        "claims_policy": cells.claims_policy(scheme_document(ev.scheme), lang),
        "verify": [(ind, f) for ind, f in shown if cells.at_stake(f) is None],
        # the decisions on the unit's own contested findings (its page never shows stale ones)
        "reviews": review_cells.review_rows(unit, ev.scheme.precision, lang),
        "withdrawn": review_cells.withdrawn_lines(unit, ev.scheme.precision, lang),
    }


def _write(folder: str, name: str, template: Any, context: Mapping[str, Any]) -> None:
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as stream:
        for piece in template.generate(context):
            stream.write(piece)


def _folder_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _swap(building: str, target: str) -> None:
    """Put ``building`` at ``target``; an earlier folder there is moved aside, then removed."""
    if not os.path.exists(target):
        os.rename(building, target)
        return
    old = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}-old-", dir=os.path.dirname(target))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(building, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)

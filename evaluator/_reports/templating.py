"""The Jinja2 templates of the HTML reports: the shipped ones, or a firm's own.

Templates ship in ``evaluator/_reports/templates``. ``--template DIR`` puts a
folder in front of them: a template found there replaces the shipped one of the
same name, the others stay as shipped, so a firm can change ``base.html`` alone
to put its letterhead on every page.

Autoescaping is on for every template, and every value printed passes first
through :func:`~evaluator._reports.escaping.display_text` (Jinja's ``finalize``),
whichever template prints it: text a unit wrote cannot add markup, break a line
or reorder what is shown, in a firm's templates as in the shipped ones.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from evaluator._reports import cells
from evaluator._reports.escaping import display_text
from evaluator._reports.labels import label

__all__ = ["TEMPLATES", "TemplateProblem", "check_templates", "environment"]

TEMPLATES = (
    "base.html",
    "style.css",
    "charts.html",
    "tables.html",
    "ranking.html",
    "public.html",
    "feedback_index.html",
    "feedback_unit.html",
    "feedback_unscored.html",
)
"""Every template the reports use; ``--template DIR`` may replace any of them."""

LONGEST_SHOWN = 4000
"""Longest text printed by a template (a finding's message is rarely over 300)."""


class TemplateProblem(Exception):
    """A ``--template`` folder that cannot be used; the message says where and why."""


def _finalize(value: Any) -> Any:
    """What a template prints: text made safe to show (see the module docstring)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return display_text(value, LONGEST_SHOWN)
    return "" if value is None else value


def environment(
    folder: str | None, lang: str, precision: int, names: Mapping[str, str] | None = None
) -> jinja2.Environment:
    """The templates (``folder``'s first, then the shipped ones) with the reports' helpers.

    Globals: ``label(key)`` in ``lang`` and the helpers of
    :mod:`evaluator._reports.cells` (``rank_text``, ``note``, ``dimension_score``,
    ``lost_indicators``, ``shown_findings``, ``score_cells``, ``deduction_text``, ``at_stake``,
    ...); filters: ``fixed`` (a score at
    ``precision``), ``signed`` (a change with its sign), ``compact`` (points
    without trailing zeros), ``weight`` (a share, ``weight_text(d)`` shows a dimension's
    points as the scheme gives them: ``30 分``), ``records`` (a finding's records, or a list,
    cut to a few, with the count; in Chinese, a record naming a submission field or a
    checklist item shown by its name in ``names``, as the results' ``record_names``, or
    by the finding's own ``name`` of its ``path``), ``warning_text``.
    """
    shown_as = dict(names or {}) if lang == "zh" else {}
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(folder))
    loaders.append(jinja2.PackageLoader("evaluator._reports", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        label=partial(label, lang=lang),
        lang=lang,
        rank_text=cells.rank_text,
        note=partial(cells.note, lang=lang),
        dimension_score=cells.dimension_score,
        dimension_name=_dimension_name,
        lost_indicators=partial(cells.lost_indicators, precision=precision),
        shown_findings=partial(cells.shown_findings, precision=precision),
        score_cells=partial(cells.score_cells, precision=precision, lang=lang),
        deduction_text=partial(cells.deduction_text, precision=precision, lang=lang),
        at_stake=cells.at_stake,
        error_location=cells.error_location,
    )
    env.filters["weight"] = lambda value: cells.compact(value, 2)
    env.globals["weight_text"] = lambda d: cells.weight_text(d.weight, d.points, lang)
    env.filters["warning_text"] = cells.warning_text
    env.filters["fixed"] = lambda value: cells.fixed(value, precision)
    env.filters["signed"] = lambda value: cells.signed(value, precision)
    env.filters["compact"] = lambda value: cells.compact(value, precision)
    env.filters["records"] = lambda found, shown=cells.RECORDS_SHOWN: cells.records_text(
        _record_names(found, shown_as), lang, shown
    )
    return env


def _record_names(found: Any, names: Mapping[str, str]) -> list[str]:
    """The records of ``found`` (a finding, or its records) as the pages show them: see
    :func:`_record_name`; a finding whose params give its record's ``path`` and Chinese
    ``name`` (an annual report's figure) shows that name."""
    if not isinstance(found, Mapping):
        return [_record_name(r, names) for r in found]
    params = found.get("params") or {}
    path, name = params.get("path"), params.get("name")
    own = {path: name} if names and isinstance(path, str) and isinstance(name, str) else {}
    return [own.get(r) or _record_name(r, names) for r in found["records"]]


def _record_name(record: str, names: Mapping[str, str]) -> str:
    """A record as the pages show it: a field or checklist item by its name, and a record of
    a checklist item (``power-list@2016-07-20``, ``power-list#2``) by the item's name."""
    if record in names:
        return names[record]
    for mark in ("@", "#"):
        item, found, rest = record.partition(mark)
        if found and item in names:
            return names[item] + mark + rest
    return record


def _dimension_name(unit: Any, dim_id: str) -> str:
    """The name of the unit's dimension ``dim_id`` (its id if the unit does not have it)."""
    return next((str(d["name"]) for d in unit["dimensions"] if d["id"] == dim_id), dim_id)


def check_templates(folder: str) -> None:
    """Raise :class:`TemplateProblem` unless ``folder`` exists and every template compiles."""
    if not os.path.isdir(folder):
        raise TemplateProblem(f"--template {folder}: no such folder")
    env = environment(folder, "zh", 2)
    for name in TEMPLATES:
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or name
            raise TemplateProblem(f"{where}:{exc.lineno}: {exc.message}") from None

"""The plugin hooks. A plugin is any module or object with ``@hookimpl`` functions.

Built-in area scorers, files in ``--plugins-dir`` and installed packages (entry
point group ``evaluator``) all use exactly these hooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pluggy

from evaluator.plugin_api import EvidenceList, Fact, ReportReading, Scorer, Section

PROJECT = "evaluator"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_scorers() -> Iterable[Scorer]:
    """Return the scorers this plugin provides.

    Each scorer's name is what an indicator's ``scorer:`` field names in the
    criteria. Two plugins registering one name is an error.
    """
    raise NotImplementedError


@hookspec
def register_sections() -> Iterable[Section]:
    """Return the submission sections this plugin defines, each with its JSON Schema.

    The submission schema is ``unit`` plus every registered section; keys no
    plugin registered are errors. Two plugins registering one section is an error.
    """
    raise NotImplementedError


@hookspec
def register_messages() -> Mapping[str, Mapping[str, str]]:
    """Return the texts of this plugin's finding codes: ``{code: {"zh": ..., "en": ...}}``.

    Each text is a :meth:`str.format` template filled from a finding's
    ``params`` (see :mod:`evaluator._core.messages` for ``!q`` and lists). Chinese
    (``zh``) is required, English optional. The engine writes each finding's
    ``message`` from its code's text in the run's language (``--lang``); a code
    no plugin declares keeps the message its scorer wrote. Declaring a code
    twice, or one of the engine's own, is an error.

    Each ``audit.`` code also says who reads it: ``"audience": "unit"`` (a claim
    the unit is asked to substantiate, shown on its pages: word it as a request
    for evidence) or ``"evaluator"`` (a note shown only with ``--internal``). One
    without is taken as ``unit``, with a ``plugin.audience_missing`` warning.
    """
    raise NotImplementedError


@hookspec
def register_facts() -> Iterable[Fact]:
    """Return the facts this plugin's scorers read that the evaluator, not the unit, establishes.

    A fact (the date the evaluator checked a unit's website, whether the site
    has a working enquiry channel) is recorded in ``criteria/facts.yaml``,
    per unit with scheme-wide defaults, and reaches scorers as ``ctx.facts``.
    Two plugins registering one fact name is an error.
    """
    raise NotImplementedError


@hookspec
def register_evidence() -> Iterable[EvidenceList]:
    """Return the record lists the evaluator keeps in its evidence folder for this plugin's scorers.

    Each :class:`~evaluator.plugin_api.EvidenceList` is a file
    ``<evidence folder>/<name>.csv`` (or ``.xlsx``) of rows naming their unit,
    read and validated before any unit is scored; a unit's scorers read its
    own rows as ``ctx.evidence.records(name)``. Two plugins registering one
    name is an error.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def read_published_report(path: str, year: int | None, kind: str | None) -> ReportReading | None:
    """Read one published report for ``evaluate annual-report FILE``, or ``None`` to pass.

    ``year`` is the year the report covers when the user gave it (else the
    plugin reads it from the title); ``kind`` the unit kind, for the deadline.
    The first plugin to answer is used; a file it cannot read is answered with
    :attr:`ReportReading.problem`, not an exception.
    """
    raise NotImplementedError

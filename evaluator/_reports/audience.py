"""Who reads a report: the evaluator (``--internal``), the units and their client, or the public.

Every finding in the results says who reads it (``audience``: ``unit`` or
``evaluator``, from what its code declares). The JSON keeps every finding, as
the canonical record; every other output is for the units and their client
unless ``--internal`` asks for the evaluator's own notes too
(:func:`for_clients` leaves them out). ``--public`` writes the ranking as the
public may read it, the HTML page or the workbook with no unit's deductions,
findings or notes to verify, and no path of the evaluator's machine
(:func:`check_public` refuses what it cannot be).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evaluator._core.model import Evaluation, Finding, UnitDetails, UnitResult

__all__ = ["PUBLIC_FORMATS", "add_options", "check_public", "for_clients", "hidden"]

PUBLIC_FORMATS = ("html", "xlsx")
"""The forms a public ranking comes in."""


def add_options(add: Callable[..., Any]) -> None:
    """``--internal`` and ``--public``, added with ``add`` (the parser group's ``add_argument``)."""
    # fmt: off
    add("--internal", action="store_true",
        help="the evaluator's own copy: also show the notes for the evaluator (audit findings "
        "of audience evaluator, such as a unit's check date that differs from the "
        "evaluator's) and the rule codes in the text; without it they are left out of every "
        "report but the JSON")
    add("--public", action="store_true",
        help="the ranking as the public reads it (-o FILE.html or FILE.xlsx): ranking tables, "
        "grades, the scheme and method; no unit's deductions, findings or notes to verify")
    # fmt: on


def hidden(finding: Finding) -> bool:
    """Whether a client's report leaves ``finding`` out: a note for the evaluator that cost
    nothing (a lost point is shown whoever it is for, so that the deductions add up)."""
    return finding.audience == "evaluator" and not finding.deduction


def for_clients(ev: Evaluation) -> Evaluation:
    """``ev`` as every report but the JSON shows it without ``--internal``: each unit without
    the findings and warnings only the evaluator reads (:func:`hidden`; a warning by the
    audience its code declares), read back the same way when the units are spooled."""
    units = tuple(_for_clients(u) for u in ev.units)
    details = None if ev.details is None else _ClientDetails(ev.details)
    return dataclasses.replace(ev, units=units, details=details)


def _for_clients(unit: UnitResult) -> UnitResult:
    indicators = tuple(
        dataclasses.replace(i, findings=tuple(f for f in i.findings if not hidden(f)))
        if any(hidden(f) for f in i.findings)
        else i
        for i in unit.indicators
    )
    from evaluator._core.catalogue import ENGINE  # not at import: --help stays instant

    warnings = tuple(w for w in unit.warnings if ENGINE.audience(w.code) != "evaluator")
    return dataclasses.replace(unit, indicators=indicators, warnings=warnings)


@dataclass(frozen=True)
class _ClientDetails:
    """A spool's full results, each read back without what only the evaluator reads."""

    details: UnitDetails

    def load(self, unit: UnitResult) -> UnitResult:
        return _for_clients(self.details.load(unit))


def check_public(fmt: str, *, detail: bool, internal: bool) -> None:
    """Refuse (:class:`~evaluator._core.problems.Refusal`, exit 2) a public ranking asked
    for with what it cannot hold: ``--internal``, ``--detail``, or another form than
    :data:`PUBLIC_FORMATS` (the feedback pages are each unit's own)."""
    from evaluator._core.model import Message
    from evaluator._core.problems import Refusal

    clash = "--internal" if internal else "--detail" if detail else None
    if clash is not None:
        raise Refusal(Message("cli.public_with", {"option": clash}))
    if fmt == "report":
        raise Refusal(Message("cli.public_report"))
    if fmt not in PUBLIC_FORMATS:
        raise Refusal(Message("cli.public_format", {"format": fmt, "known": list(PUBLIC_FORMATS)}))

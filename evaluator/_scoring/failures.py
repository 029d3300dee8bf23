"""The scorers that raised during a run, each once however many units it failed on.

A scorer that raises costs only its indicator (status ``error``, the unit
incomplete), which a ranking shows in short. Its author needs more, and once:
the plugin, the scorer, the line of the plugin's own code, how many units, and
with ``--debug`` the traceback, which each result carries as text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from evaluator._core.model import ScorerFailure, UnitResult

__all__ = ["FailureLog"]

Key = tuple[str, str, str, str]
"""Plugin, scorer, place and kind of exception: one bug, whatever the values it met."""


@dataclass
class _Seen:
    first: ScorerFailure
    indicators: dict[str, None] = field(default_factory=dict)
    units: dict[str, None] = field(default_factory=dict)


class FailureLog:
    """Gathers the scorer failures of unit results as they come, in the order first met."""

    def __init__(self) -> None:
        self._seen: dict[Key, _Seen] = {}

    def add(self, unit: UnitResult) -> None:
        """Note every indicator of ``unit`` whose scorer raised."""
        for indicator in unit.indicators:
            if indicator.status != "error" or not indicator.findings:
                continue
            finding = indicator.findings[0]
            if finding.code != "engine.scorer_failed":
                continue  # a bad return value: its finding says all there is
            params = finding.params
            error = str(params.get("error", ""))
            key = (
                str(params.get("plugin", "")),
                str(params.get("scorer", "")),
                str(params.get("where", "")),
                error.partition(":")[0],  # the exception's type, as the engine wrote it
            )
            seen = self._seen.get(key)
            if seen is None:
                first = ScorerFailure(
                    plugin=key[0],
                    scorer=key[1],
                    where=key[2],
                    error=error,
                    indicators=(),
                    first_unit=unit.id,
                    units=0,
                    traceback=indicator.traceback,
                )
                seen = self._seen[key] = _Seen(first)
            seen.indicators[indicator.id] = None
            seen.units[unit.id] = None

    def failures(self) -> tuple[ScorerFailure, ...]:
        """Each distinct failure with the indicators and the number of units it struck."""
        return tuple(
            dataclasses.replace(s.first, indicators=tuple(s.indicators), units=len(s.units))
            for s in self._seen.values()
        )

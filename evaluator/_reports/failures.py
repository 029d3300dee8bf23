"""The scorers that raised, as the command line says them on stderr: once each, loudly.

One line per distinct failure (the plugin, the scorer, the error, the line of
the plugin's own code, the indicators, how many units and the first), then,
with ``--debug``, its traceback; without, one line saying how to see them.
Every line is made safe to show: an exception's text may quote a unit's data.
"""

from __future__ import annotations

from collections.abc import Sequence

from evaluator._core.model import Message, ScorerFailure
from evaluator._reports.escaping import display_text

__all__ = ["failure_lines"]

_LONGEST = 2000
"""Characters of one line at most: an exception's text can be a whole record."""


def failure_lines(failures: Sequence[ScorerFailure], lang: str, *, debug: bool) -> list[str]:
    """What to print on stderr about ``failures``, one string per line, in ``lang``."""
    prefix = Message("cli.error_prefix").text(lang)
    lines: list[str] = []
    for failure in failures:
        lines.append(display_text(prefix + _headline(failure).text(lang), _LONGEST))
        if debug:
            lines += [_indented(line) for line in failure.traceback.splitlines()]
    if failures and not debug:
        lines.append(display_text(Message("run.scorer_failed_debug").text(lang), _LONGEST))
    return lines


def _headline(failure: ScorerFailure) -> Message:
    params = {
        "plugin": failure.plugin,
        "scorer": failure.scorer,
        "error": failure.error,
        "where": failure.where,
        "indicators": list(failure.indicators),
        "units": failure.units,
        "first": failure.first_unit,
    }
    return Message("run.scorer_failed", params)


def _indented(line: str) -> str:
    """A traceback line made safe to show, keeping its indentation (the frames' nesting)."""
    stripped = line.lstrip(" ")
    return line[: len(line) - len(stripped)] + display_text(stripped, _LONGEST)

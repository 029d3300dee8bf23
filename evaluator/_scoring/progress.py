"""The progress bar of a scoring run: one line on stderr, only on a terminal, only after a moment.

A quick run shows nothing; piped or redirected output never holds a bar
character. Pass an instance as :func:`~evaluator._scoring.engine.evaluate`'s
``progress`` and :meth:`ProgressBar.close` it when the run ends, however it ends
(``with ProgressBar(...) as progress:`` does).
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from evaluator._core.model import Message

__all__ = ["ProgressBar"]

_DELAY = 0.5
"""Seconds a run takes before the bar shows."""
_WIDTH = 30


class ProgressBar:
    """Units done out of all, drawn over itself on stderr; ``enabled`` False draws nothing."""

    def __init__(self, enabled: bool, lang: str = "zh") -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.lang = lang
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (not self.shown and time.monotonic() - self.started < _DELAY):
            return
        self.shown = True
        filled = _WIDTH * done // max(total, 1)
        count = Message("cli.progress", {"done": done, "total": total}).text(self.lang)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (_WIDTH - filled)}] {count}")
        sys.stderr.flush()

    def close(self) -> None:
        """Clear the bar's line, if it was ever drawn."""
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

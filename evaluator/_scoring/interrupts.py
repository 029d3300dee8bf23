"""How a run ends when asked to: ``SIGTERM`` unwinds as Ctrl-C does, and the same signal
again is ignored on the way out.

By default ``SIGTERM`` ends the process at once, and a half-written output's
temporary file stays behind. :func:`end_on_sigterm` turns it into
:class:`Terminated`, so every ``finally`` runs: temporary files are removed
(:mod:`evaluator._reports.atomic`) and worker processes ended
(:mod:`evaluator._scoring.workers`).
"""

from __future__ import annotations

import signal
import threading

from evaluator._core.model import Message

__all__ = ["Terminated", "end_on_sigterm", "interrupted"]


class Terminated(KeyboardInterrupt):
    """The process was asked to end (``SIGTERM``): unwind, removing partial output.

    A kind of interruption, so that everything that lets an interrupt through
    (the per-unit and per-scorer catch-alls) lets this through as well.
    """


def end_on_sigterm() -> None:
    """Turn ``SIGTERM`` into :class:`Terminated` from now on (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread

    def terminate(number: int, frame: object) -> None:
        raise Terminated

    signal.signal(signal.SIGTERM, terminate)


def interrupted(interruption: KeyboardInterrupt) -> tuple[int, Message]:
    """The exit status and the message of a run ended by ``interruption``.

    130 for Ctrl-C and 143 for ``SIGTERM`` (128 + the signal, as a shell reports
    them); from now on the same signal again is ignored, so that a second
    Ctrl-C cannot break the way out.
    """
    number = signal.SIGTERM if isinstance(interruption, Terminated) else signal.SIGINT
    if threading.current_thread() is threading.main_thread():
        signal.signal(number, signal.SIG_IGN)
    code = "cli.terminated" if number == signal.SIGTERM else "cli.interrupted"
    return 128 + number, Message(code)

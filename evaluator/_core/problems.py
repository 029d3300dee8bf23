"""Problems as the command line tells them: a run refused, and lines marked error or warning.

The library raises :class:`Refusal` when a run cannot start (or go on) at all:
criteria missing, a plugin broken, an output that cannot be written. The
command line prints each problem on a line of its own and exits 2.
"""

from __future__ import annotations

from evaluator._core.model import InputError, Message

__all__ = ["Refusal", "marked"]


class Refusal(Exception):
    """Problems that stop the whole run: messages, or input errors with their place."""

    def __init__(self, *problems: Message | InputError) -> None:
        super().__init__(*problems)
        self.problems = problems

    def lines(self, lang: str = "zh") -> list[str]:
        """Each problem in ``lang``, one each; input errors with their place first."""
        return [
            p.located(lang) if isinstance(p, InputError) else p.text(lang) for p in self.problems
        ]


def marked(kind: str, text: str, lang: str = "zh") -> str:
    """``text`` after the mark of its ``kind`` (``error``, ``warning`` or ``note``) in ``lang``."""
    return Message(f"cli.{kind}_prefix").text(lang) + text

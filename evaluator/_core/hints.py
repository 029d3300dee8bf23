"""The "did you mean" hint every message about a misspelt name carries."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(value: str, known: Iterable[str]) -> dict[str, str]:
    """The params of a message's hint: ``hint.did_you_mean`` with the closest of ``known``,
    when one is close enough (:func:`difflib.get_close_matches`), else no hint.

    A message whose text ends in ``{hint!c}`` renders the hint, or nothing.
    """
    close = difflib.get_close_matches(value, list(known), n=1)
    return {"hint": "hint.did_you_mean", "suggestion": close[0]} if close else {"hint": ""}

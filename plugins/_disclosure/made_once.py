"""A value worked out once per unit for the several scorers that need it.

Coverage, timeliness and the designated column each review the same unit's
key-area records, and the policy scorers the same documents: the engine calls
them one after another with the same read-only data (``ctx.data`` is frozen,
:class:`evaluator.FrozenList`). :class:`LastMade` keeps the last value made and gives
it back while the same read-only lists (compared by identity, and kept
referenced, so that no new list can ever pass for them), the same scheme
objects and equal plain values (the unit, the year, the snapshot ...) come
back. A value made from data that could change (a list or dict that is not
read-only) is never reused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from evaluator import FrozenDict, FrozenList

__all__ = ["LastMade"]

T = TypeVar("T")


class LastMade(Generic[T]):
    """The last value made, and what it was made from."""

    def __init__(self) -> None:
        self._made: tuple[tuple[Any, ...], tuple[Any, ...], T] | None = None

    def get(
        self,
        same: tuple[Any, ...],
        equal: tuple[Any, ...],
        make: Callable[[], T],
    ) -> T:
        """The value made from ``same`` (objects compared by identity: the unit's read-only
        data, the scheme's checklists) and ``equal`` (values compared by equality)."""
        made = self._made
        if (
            made is not None
            and len(made[0]) == len(same)
            and all(a is b for a, b in zip(made[0], same, strict=True))
            and made[1] == equal
        ):
            return made[2]
        value = make()
        # kept only when every list and mapping it was made from is read-only
        mutable = any(isinstance(s, list | dict) and type(s) not in _FROZEN for s in same)
        self._made = None if mutable else (same, equal, value)
        return value


_FROZEN = (FrozenList, FrozenDict)

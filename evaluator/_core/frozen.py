"""Read-only data for scorers: what one scorer gets cannot be changed for the next.

A unit's sections are given to every indicator's scorer, and an indicator's
params to every unit; a scorer that cleared a list or set a key would change
what other indicators (or, with ``--jobs``, only some units) see. The engine
therefore hands scorers :func:`freeze`-d data: dicts and lists that read like
any other (``isinstance(x, dict)`` holds, JSON and ``==`` work) but raise
:class:`ReadOnlyError` on any change. ``copy.copy`` and ``copy.deepcopy`` give
ordinary, changeable copies.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, NoReturn

__all__ = ["FrozenDict", "FrozenList", "ReadOnlyError", "freeze", "thaw"]


class ReadOnlyError(TypeError):
    """A scorer tried to change data it was given to read."""


def _refuse(self: object, *args: Any, **kwargs: Any) -> NoReturn:
    kind = "dict" if isinstance(self, dict) else "list"
    raise ReadOnlyError(
        f"this {kind} is read-only (scorers get ctx.data and ctx.params to read); "
        "change a copy instead: copy.deepcopy(...)"
    )


class FrozenDict(dict[Any, Any]):
    """A dict that refuses every change."""

    __slots__ = ()
    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))


class FrozenList(list[Any]):
    """A list that refuses every change."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(v, memo) for v in self]

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (list(self),))


# What record fields hold: a record whose values are all of these needs no walk.
_SCALARS = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, Decimal, Fraction})


def freeze(value: Any) -> Any:
    """``value`` with every dict and list in it made read-only (other values as they are).

    Lists of flat records (what CSV files and most record lists are) take a
    fast path: one copy per record, no walk of its fields. Data already frozen
    (record lists read from files are frozen as they are read) is returned as
    it is.
    """
    kind = type(value)
    if kind is FrozenList or kind is FrozenDict:  # frozen when read (record files)
        return value
    if kind is list:
        # inline, not a function per element: lists of records run to millions
        flat = _SCALARS.issuperset
        return FrozenList(
            [
                FrozenDict(r) if type(r) is dict and flat(map(type, r.values())) else freeze(r)
                for r in value
            ]
        )
    if kind is dict:
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if kind is tuple:
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """An ordinary, changeable deep copy of frozen (or any) data."""
    return copy.deepcopy(value)

"""How one unit id is matched with another: without regard to case, everywhere.

A unit's id names its folder, its feedback page and its entries in the
evaluator's own files (``criteria/facts.yaml``, a checklist's ``units``, an
earlier results file). On a disk that ignores case (Windows, macOS, an unpacked
zip) ``XC-DASHILAN`` and ``xc-dashilan`` are one name, so the engine never lets
case tell two units apart: every comparison of ids goes through :func:`id_key`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

__all__ = ["id_key", "id_twins", "keyed_by_id", "same_id"]

V = TypeVar("V")


def id_key(unit_id: str) -> str:
    """The form ids are matched in (:meth:`str.casefold`): compare and key by this, never
    by the id as written."""
    return unit_id.casefold()


def same_id(first: str, second: str) -> bool:
    """Whether two ids name the same unit (equal but for case)."""
    return id_key(first) == id_key(second)


def keyed_by_id(by_id: Mapping[str, V]) -> dict[str, V]:
    """``by_id`` keyed by :func:`id_key` (the first of two keys equal but for case wins):
    look a unit up with ``found.get(id_key(unit_id))``."""
    keyed: dict[str, V] = {}
    for unit_id, value in by_id.items():
        keyed.setdefault(id_key(unit_id), value)
    return keyed


def id_twins(ids: Iterable[str]) -> dict[str, list[str]]:
    """Each id that another id equals but for case (or repeats), with all its spellings
    in the order given, by :func:`id_key`."""
    spellings: dict[str, list[str]] = {}
    for unit_id in ids:
        spellings.setdefault(id_key(unit_id), []).append(unit_id)
    return {key: found for key, found in spellings.items() if len(found) > 1}

"""Units that handed in another unit's record files, byte for byte (``audit.same_files``).

A copied submission under a new id is scored like any other; what gives it
away is a record file identical to another unit's. Only files holding at least
one record count: a header-only file, or a template's untouched sheet, is the
same for every unit that has nothing to report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from evaluator._core.model import Message, UnitResult

__all__ = ["same_files"]


def same_files(units: Iterable[UnitResult]) -> list[UnitResult]:
    """``units`` in order, each that shares a record file with another unit warned on both
    sides: ``audit.same_files`` naming the other units and this unit's shared files."""
    units = list(units)
    owners: dict[str, list[str]] = {}
    for unit in units:
        for digest in unit.record_digests:
            owners.setdefault(digest, []).append(unit.id)
    shared = {digest: ids for digest, ids in owners.items() if len(ids) > 1}
    if not shared:
        return units
    return [_warned(unit, shared) for unit in units]


def _warned(unit: UnitResult, shared: dict[str, list[str]]) -> UnitResult:
    others = sorted({o for d in unit.record_digests for o in shared.get(d, ()) if o != unit.id})
    if not others:
        return unit
    digests = {d for d in unit.record_digests if d in shared}
    files = [path for path, digest in unit.source_files if digest in digests]
    warning = Message("audit.same_files", {"units": others, "files": files})
    return dataclasses.replace(unit, warnings=(*unit.warnings, warning))

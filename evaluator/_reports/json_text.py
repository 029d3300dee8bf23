"""JSON text exactly as ``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``
writes it: orjson's, for the values it writes alike, and json's for any other.

With ``indent``, CPython's :mod:`json` uses its pure-Python encoder, and the results' findings
are most of what a ``--format json`` run writes. orjson (``OPT_INDENT_2``) writes the same
indentation, the same separators (``","`` at a line's end, never ``", "``; ``": "`` after
a key), the same escapes (``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f``,
every other control character as ``\\u00xx``; the rest of Unicode as itself) and, for every
float this module gives it, the digits of :func:`repr` in its form: both write the shortest
digits that read back as the float (checked on 2.7 million floats when this was written,
and by tests/test_json_text.py). What it would write otherwise, or write where :mod:`json`
raises, is never given to it:

- a float that is not finite (orjson writes ``null``; ``allow_nan=False`` raises), or
  whose magnitude is under ``1e-4`` and not zero (``repr`` writes ``1e-05``, orjson
  ``0.00001``);
- any type but exactly ``dict``, ``list``, ``str``, ``int``, ``bool``, ``float`` and
  ``None``: subclasses (an ``IntEnum``), tuples, and what orjson writes natively where
  :mod:`json` raises (``Enum``, ``UUID``, dataclasses, datetimes);
- more than :data:`DEPTH` containers one in another (a circular value among them).

orjson itself refuses, and :func:`dumps` then falls back on the same values: keys that are
not ``str`` (:mod:`json` writes ``1`` as ``"1"``), ints beyond 64 bits and strings holding
a lone surrogate. Everything else is :func:`json.dumps`, raising what it raises.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

__all__ = ["DEPTH", "PROBE", "dumps", "dumps_utf8", "fast"]

DEPTH = 64
"""How many containers one in another :func:`fast` renders at most (results: 6; orjson
refuses from 255 on, json's own limit is Python's recursion limit)."""

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS
_SCALARS = frozenset({str, int, bool, type(None)})
"""Types written alike, whatever the value (the ints orjson cannot write, it refuses)."""
_FLOATS = frozenset({float})


PROBE: Any = {
    "floats": [0.0, -0.0, 1e-4, 1.2e-4, 0.1, 1 / 3, 35.0, -15.5, 9999999999999998.0, 1e16],
    "more": [1.5e16, -1.2345678901234568e17, 1e22, 1.7976931348623157e308],
    "ints": [0, -1, True, False, None, 2**63 - 1, -(2**63), 2**64 - 1],
    "text": '\x00\x01\x08\t\n\x0b\x0c\r\x1f\x7f"\\/ 中文“”\u2028\u2029\ufeff\U0001f600',
    "empty": [[], {}, ""],
}
"""Forms this module trusts orjson to write as json does, tried once at import: with an orjson
that writes any of them otherwise, :func:`fast` leaves every value to json."""


def _orjson_agrees() -> bool:
    reference = json.dumps(PROBE, ensure_ascii=False, indent=2, allow_nan=False)
    return orjson.dumps(PROBE, option=_OPTIONS) == reference.encode("utf-8")


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``, the same text."""
    text = fast(value)
    if text is None:
        text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    return text


def dumps_utf8(value: Any) -> bytes:
    """:func:`dumps` encoded in UTF-8 (what a worker hands the spool): orjson's bytes as they
    are, not decoded to be encoded again."""
    written = _orjson(value)
    if written is None:
        written = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False).encode()
    return written


def fast(value: Any) -> str | None:
    """The text of :func:`dumps` by orjson, or None for a value it could write differently."""
    written = _orjson(value)
    return None if written is None else written.decode("utf-8")


def _orjson(value: Any) -> bytes | None:
    if not (_AGREES and _alike(value, 0)):
        return None
    try:
        return orjson.dumps(value, option=_OPTIONS)
    except orjson.JSONEncodeError:  # a key not str, an int beyond 64 bits, a lone surrogate
        return None


def _float_alike(number: float) -> bool:
    """Whether orjson writes ``number`` as :mod:`json` does: finite, zero or at least 1e-4
    in magnitude (``repr`` turns to an exponent below; NaN fails both tests)."""
    return number == 0.0 or 1e-4 <= abs(number) < math.inf


def _alike(value: Any, depth: int) -> bool:
    """Whether every value in ``value`` is of a type and size that orjson writes as :mod:`json`
    does (keys are orjson's to check). Lists of scalars, most of a result, are tested by
    their set of types."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is float:
        return _float_alike(value)
    if depth >= DEPTH:
        return False
    if kind is list:
        kinds = set(map(type, value))
        if kinds <= _SCALARS:
            return True
        if kinds == _FLOATS:
            return all(map(_float_alike, value))
        return all(_alike(item, depth + 1) for item in value)
    if kind is dict:
        for item in value.values():
            kind = type(item)
            if kind is str or kind is bool or item is None or kind is int:
                continue
            if kind is float:
                if not _float_alike(item):
                    return False
            elif not _alike(item, depth + 1):
                return False
        return True
    return False


_AGREES = _orjson_agrees()

"""The results' JSON text by orjson (evaluator/_reports/json_text.py): always the text of
``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)`` (Hypothesis), written by
orjson for result-shaped documents, by json for every value orjson would write differently.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import enum
import json
import math
import shutil
import tempfile
import uuid
from collections import OrderedDict
from decimal import Decimal
from fractions import Fraction
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator._core.model import exact_number
from evaluator._reports import json_text
from evaluator._reports.json_results import _exact_number

# Hypothesis caches what it learns under ./.hypothesis: keep that in a temporary folder.
_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    database=None,
)


def reference(value: Any) -> str:
    """What the results were written with before orjson, and must still read."""
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def outcome(write: Any, value: Any) -> tuple[Any, str]:
    """The text ``write`` gives for ``value``, or the error it raises (type and words)."""
    try:
        return "text", write(value)
    except Exception as error:  # the same error as json's is part of the same output
        return type(error), str(error)


# Strings as results hold them: control characters (escaped, \u00xx), quotes and backslashes,
# CJK and typographic quotes, the line separators JSON leaves alone, characters beyond the BMP
SPECIAL = '\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f\x7f"\\/ a中文“”、\u2028\u2029\ufeff\U0001f600'
TEXT = st.text(
    st.sampled_from(list(SPECIAL)) | st.characters(exclude_categories=["Cs"]), max_size=12
)
EDGES = [
    *(0.0, -0.0, 35.0, -15.5, 0.1, 1 / 3, 1e-4, 1.2e-4, 1e15, 9999999999999998.0),
    *(1e16, 1.5e16, 1e22, 1.7976931348623157e308),
    *(math.nextafter(1e-4, 0.0), 1e-5, -1.2e-5, 2.5e-7, 5e-324, -1e-300),  # under 1e-4
]
FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(EDGES)
ALIKE_FLOATS = FLOATS.filter(lambda x: x == 0.0 or abs(x) >= 1e-4)
INTS = st.integers(-(2**63), 2**64 - 1) | st.integers()  # orjson refuses beyond 64 bits


class Colour(enum.Enum):
    RED = 1


class Level(enum.IntEnum):
    HIGH = 3


class Name(str):
    pass


@dataclasses.dataclass
class Point:
    x: int


ODD = [
    *(math.nan, math.inf, -math.inf, Colour.RED, Level.HIGH, Name("x"), uuid.UUID(int=1)),
    *(Point(1), dt.date(2016, 1, 1), Decimal("0.1"), Fraction(1, 3), ("a", 1)),
    *(OrderedDict(a=1), "a\ud800b"),
]
"""Values results never hold, each written otherwise by orjson or refused by one of the two."""


def documents(
    floats: st.SearchStrategy[float], ints: st.SearchStrategy[int], odd: bool = False
) -> Any:
    """Nested dicts and lists of the JSON scalars; ``odd``: also of what results never hold
    (NaN and infinities, types json writes otherwise or refuses, keys not str)."""
    scalars = st.none() | st.booleans() | ints | floats | TEXT
    keys: st.SearchStrategy[Any] = TEXT
    if odd:
        scalars |= st.sampled_from(ODD)
        keys |= st.sampled_from([1, True, None, 1.5, 1e-05, Name("k")])
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=40,
    )


def findings(floats: st.SearchStrategy[float]) -> Any:
    """A results ``findings`` entry: records, a deduction, params, record deductions."""
    params = st.dictionaries(
        TEXT,
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | floats
        | TEXT
        | st.lists(TEXT, max_size=4)
        | st.lists(st.dictionaries(TEXT, TEXT | st.integers(0, 99), max_size=3), max_size=2),
        max_size=5,
    )
    base = st.fixed_dictionaries(
        {
            "code": TEXT,
            "message": TEXT,
            "records": st.lists(TEXT, max_size=8),
            "deduction": st.none() | floats,
            "params": params,
            "audience": st.sampled_from(["unit", "evaluator"]),
        },
        optional={
            "record_deductions": st.lists(st.none() | floats, max_size=6),
            "share_scale": st.none() | TEXT,
        },
    )
    return base


def indicators(floats: st.SearchStrategy[float]) -> Any:
    """A unit's ``indicators`` in results: what a worker renders for the spool."""
    indicator = st.fixed_dictionaries(
        {
            "id": TEXT,
            "dimension": TEXT,
            "name": TEXT,
            "points": st.none() | floats,
            "max": floats,
            "status": st.sampled_from(["ok", "no_data", "vetoed"]),
            "vetoed": st.booleans(),
            "findings": st.lists(findings(floats), max_size=4),
        }
    )
    return st.lists(indicator, max_size=4)


@SETTINGS
@given(documents(FLOATS, INTS, odd=True))
def test_any_document_is_written_as_json_dumps_writes_it(document: Any) -> None:
    assert outcome(json_text.dumps, document) == outcome(reference, document)
    utf8 = outcome(lambda v: reference(v).encode("utf-8"), document)
    assert outcome(json_text.dumps_utf8, document) == utf8


@SETTINGS
@given(indicators(FLOATS))
def test_result_indicators_are_written_as_json_dumps_writes_them(document: Any) -> None:
    assert json_text.dumps(document) == reference(document)
    assert json_text.dumps_utf8(document) == reference(document).encode("utf-8")


@SETTINGS
@given(st.one_of(indicators(ALIKE_FLOATS), documents(ALIKE_FLOATS, st.integers(-(2**63), 2**63))))
def test_orjson_writes_result_shaped_documents_and_its_text_is_json_dumps(document: Any) -> None:
    """Not a property that holds by falling back: on these, the text is orjson's own."""
    text = json_text.fast(document)
    assert text is not None
    assert text == reference(document)


@SETTINGS
@given(FLOATS)
def test_a_float_is_orjsons_exactly_when_its_text_is_repr(number: float) -> None:
    written = orjson.dumps(number).decode()
    fast = json_text.fast([number])
    assert json_text.dumps(number) == repr(number)
    if fast is None:  # under 1e-4: orjson writes 0.00001 where repr writes 1e-05
        assert number != 0.0
        assert abs(number) < 1e-4
    else:
        assert written == repr(number)


def circular() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


def nested(depth: int) -> list[Any]:
    """``depth`` + 1 lists, one in another."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


# Values orjson would write otherwise than json (or write where json raises), or refuses
FALLBACKS = {
    "tiny float": [1e-05],
    "tiny float in a dict": {"share": -2.5e-07},
    "tiny floats among floats": [0.5, 1.2e-05],
    "NaN": [float("nan")],
    "infinity in a dict": {"points": math.inf},
    "minus infinity among floats": [1.0, -math.inf],
    "an Enum": {"kind": Colour.RED},
    "an IntEnum": [Level.HIGH],
    "a UUID": [uuid.UUID(int=1)],
    "a dataclass": [Point(1)],
    "a datetime": [dt.datetime(2016, 1, 1)],
    "a date": {"due": dt.date(2016, 1, 1)},
    "a Decimal": [Decimal("0.1")],
    "a Fraction": [Fraction(1, 3)],
    "a tuple": {"records": ("a", "b")},
    "a str subclass": [Name("x")],
    "a dict subclass": [OrderedDict(a=1)],
    "an int key": {1: "a"},
    "a bool key": {True: "a"},
    "a None key": {None: "a"},
    "a float key": {1.5: "a", 1e-05: "b"},
    "a str subclass key": {Name("k"): 1},
    "an int beyond 64 bits": [2**64],
    "a negative int beyond 64 bits": {"n": -(2**63) - 1},
    "a huge int": [10**40],
    "a lone surrogate": ["a\ud800b"],
    "a lone surrogate key": {"\udfff": 1},
    "circular": circular(),
    "deeper than DEPTH": nested(json_text.DEPTH),
}


@pytest.mark.parametrize("name", sorted(FALLBACKS))
def test_values_orjson_could_write_otherwise_are_left_to_json(name: str) -> None:
    value = FALLBACKS[name]
    assert json_text.fast(value) is None
    assert outcome(json_text.dumps, value) == outcome(reference, value)


@pytest.mark.parametrize(
    "name", ["tiny float", "tiny float in a dict", "NaN", "infinity in a dict", "an Enum", "a UUID"]
)
def test_the_fallbacks_are_needed(name: str) -> None:
    """Given to orjson, these would be written otherwise than json writes them (or writes
    nothing): the tests above would find it, were the checks gone."""
    value = FALLBACKS[name]
    written = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    assert outcome(reference, value) != ("text", written)


def test_nesting_up_to_depth_is_orjsons() -> None:
    value = nested(json_text.DEPTH - 1)  # DEPTH lists, one in another
    assert json_text.fast(value) == reference(value)


def test_the_probe_passes_with_this_orjson_and_fails_with_one_writing_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert json_text._orjson_agrees()
    real = orjson.dumps
    monkeypatch.setattr(orjson, "dumps", lambda v, option: real(v, option=option).upper())
    assert not json_text._orjson_agrees()
    monkeypatch.setattr(json_text, "_AGREES", False)
    assert json_text.fast(["a"]) is None
    assert json_text.dumps(["a"]) == reference(["a"])


def exact_number_before(value: float | Fraction | Decimal | None) -> float | str | None:
    """json_results._exact_number as it was before its shortcut for floats."""
    if value is None:
        return None
    exact = exact_number(value)
    shown = float(exact)
    return shown if exact_number(shown) == exact else str(exact)


@SETTINGS
@given(
    st.none()
    | FLOATS
    | st.sampled_from([math.nan, math.inf, -math.inf])
    | st.integers(-(2**70), 2**70)
    | st.fractions()
    | st.decimals(allow_nan=False, allow_infinity=False)
)
def test_a_record_deduction_is_written_as_before(value: Any) -> None:
    """A merged finding's ``record_deductions`` entries: the same value and the same text."""
    now = outcome(lambda v: repr(_exact_number(v)), value)
    assert now == outcome(lambda v: repr(exact_number_before(v)), value)

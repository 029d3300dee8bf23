"""Messages: a code and its values, worded from a catalogue in Chinese or English."""

from __future__ import annotations

import atexit
import datetime as dt
import enum
import shutil
import string
import tempfile
import textwrap
import types
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator._core.catalogue import ENGINE, MESSAGES
from evaluator._core.frozen import FrozenDict
from evaluator._core.messages import (
    AUDIENCE,
    LANGUAGES,
    Catalogue,
    _Formatter,
    _Missing,
    _parsed,
    check_templates,
    percent,
    plain,
)
from evaluator._core.model import Finding
from evaluator._plugins.loader import PluginError, load_plugins
from evaluator._scoring.engine import Engine, Options
from evaluator._scoring.score import worded

TEXTS = Catalogue(
    {
        "demo.late": {
            "zh": "申请 {id!q} 第{used}个工作日答复，超过{limit}个工作日",
            "en": "request {id!q} answered on working day {used}, over {limit}",
        },
        "demo.list": {"zh": "涉及 {ids}"},
        "demo.rate": {"zh": "接通率 {rate:.1%}", "en": "connection rate {rate:.1%}"},
        "demo.due": {"zh": "应于{due!d}（含）前答复", "en": "due on or before {due!d}"},
        "demo.line": {
            "zh": "接通率{rate!p:full_at,zero_at}，满分线{full_at!p}，零分线{zero_at!p}",
            "en": "connection rate {rate!p:full_at,zero_at}; full marks at {full_at!p}",
        },
    }
)

# Hypothesis caches what it learns under ./.hypothesis: keep that in a temporary folder.
_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)


def test_text_fills_params_and_quotes_by_language() -> None:
    params = {"id": "2016-0001", "used": 17, "limit": 15}
    assert (
        TEXTS.text("demo.late", params, "zh") == "申请 “2016-0001” 第17个工作日答复，超过15个工作日"
    )
    assert TEXTS.text("demo.late", params, "en") == (
        "request '2016-0001' answered on working day 17, over 15"
    )


def test_missing_language_falls_back_to_chinese_and_lists_join_by_language() -> None:
    assert TEXTS.text("demo.list", {"ids": ["a", "b"]}, "en") == "涉及 a、b"
    assert TEXTS.text("demo.rate", {"rate": 0.875}, "en") == "connection rate 87.5%"


@pytest.mark.parametrize(
    ("due", "shown_zh", "shown_en"),
    [
        # Sunday 2016-09-18 was worked after the Mid-Autumn holiday: a reader would not
        # guess that a Sunday is a due day
        ("2016-09-18", "2016-09-18（调休工作日）", "2016-09-18 (an adjusted working day)"),
        (dt.date(2016, 10, 8), "2016-10-08（调休工作日）", "2016-10-08 (an adjusted working day)"),
        ("2016-09-19", "2016-09-19", "2016-09-19"),  # a Monday
        ("2016-09-17", "2016-09-17", "2016-09-17"),  # a Saturday of the holiday
        ("not a date", "not a date", "not a date"),
    ],
)
def test_a_due_date_on_an_adjusted_working_day_says_so(
    due: object, shown_zh: str, shown_en: str
) -> None:
    assert TEXTS.text("demo.due", {"due": due}, "zh") == f"应于{shown_zh}（含）前答复"
    assert TEXTS.text("demo.due", {"due": due}, "en") == f"due on or before {shown_en}"


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (Fraction(265, 279), "94.98%"),  # 94.982...%: not "95.0%" beside the 95% line
        (0.9496, "94.96%"),
        (0.94999, "94.999%"),
        (0.95, "95.0%"),  # on the line: equal, and shown equal
        (0.949, "94.9%"),  # one decimal is enough to differ
        (0.5501, "55.01%"),  # just above the zero line
        (0.55, "55.0%"),
    ],
)
def test_a_rate_beside_its_lines_differs_from_them_unless_equal(rate: object, shown: str) -> None:
    params = {"rate": rate, "full_at": 0.95, "zero_at": 0.55}
    assert TEXTS.text("demo.line", params, "zh") == f"接通率{shown}，满分线95.0%，零分线55.0%"
    assert TEXTS.text("demo.line", params, "en").startswith(f"connection rate {shown};")


def test_percent_rounds_half_up_and_shows_anything_else_as_it_is() -> None:
    assert percent(0.8125) == "81.3%"  # half-up, as scores are (.1% would give 81.2%)
    assert percent(Decimal("0.05"), [0.05]) == "5.0%"
    assert percent(0.0) == "0.0%"
    assert percent("high", [0.95]) == "high"
    assert percent(True) == "True"


@given(
    whole=st.integers(min_value=1, max_value=10**7),
    data=st.data(),
    line=st.sampled_from([0.0, 0.05, 0.2, 0.55, 0.7, 0.85, 0.95, 1.0]),
)
def test_a_rate_other_than_its_line_never_prints_as_the_line(
    whole: int, data: st.DataObject, line: float
) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole))
    rate = part / whole
    shown = percent(rate, [line])
    # the text is the rate, rounded half-up at its last printed decimal
    number = Decimal(shown.rstrip("%"))
    places = -number.as_tuple().exponent
    assert abs(number - Decimal(repr(rate)) * 100) <= Decimal(5).scaleb(-places - 1)
    assert (shown == percent(line)) is (rate == line)


def test_unknown_code_shows_the_code_and_its_values() -> None:
    assert TEXTS.text("demo.nope", {"n": 3}) == "demo.nope (n=3)"
    assert TEXTS.text("demo.nope") == "demo.nope"


def test_missing_or_unfit_param_never_loses_the_message() -> None:
    assert (
        TEXTS.text("demo.late", {"id": "x"}) == "申请 “x” 第{used}个工作日答复，超过{limit}个工作日"
    )
    assert "demo" not in TEXTS.text("demo.rate", {"rate": "high"})
    assert "rate=high" in TEXTS.text("demo.rate", {"rate": "high"})


def test_plain_makes_values_json_ready() -> None:
    assert plain({"d": dt.date(2016, 3, 1), "f": Fraction(1, 4), "t": ("a", 1)}) == {
        "d": "2016-03-01",
        "f": 0.25,
        "t": ["a", 1],
    }


def _plain_as_it_was(value: object) -> object:
    """:func:`plain` before its fast paths for dicts, lists and tuples (the reference)."""
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Fraction | Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): _plain_as_it_was(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [_plain_as_it_was(v) for v in value]
    return str(value)


class _Word(str):
    pass


class _Level(enum.IntEnum):
    HIGH = 2


@pytest.mark.parametrize(
    "value",
    [
        {1: "a", _Word("k"): _Word("v"), (1, 2): [dt.datetime(2016, 3, 1, 8), None]},
        [True, _Level.HIGH, Decimal("0.10"), Fraction(1, 3), {"x": ({"y"}, b"ab")}],
        (1.5, "s", [(), {}], FrozenDict({"a": (dt.date(2016, 1, 1),)}), object),
        types.MappingProxyType({"m": [Fraction(1, 2)]}),
        range(3),
        {"deep": {"deeper": [{"deepest": (Decimal(1),)}]}},
    ],
)
def test_plain_gives_what_it_gave_before_its_fast_paths(value: object) -> None:
    assert plain(value) == _plain_as_it_was(value)
    assert repr(plain(value)) == repr(_plain_as_it_was(value))  # types too: 1 and 1.0, True


def test_engine_catalogue_is_complete_and_well_formed() -> None:
    assert check_templates(MESSAGES) == []
    for code in ENGINE.codes():
        texts = set(ENGINE.templates(code))
        assert texts - {AUDIENCE} == set(LANGUAGES), code
        # every audit. code of the engine says who reads it (contract v3)
        assert (AUDIENCE in texts) == code.startswith("audit."), code


@pytest.mark.parametrize(
    ("templates", "problem"),
    [
        ({"x.y": {"en": "only English"}}, "has no 'zh' text"),
        ({"x.y": {"zh": "好", "fr": "bien"}}, "unknown language 'fr'"),
        ({"x.y": {"zh": "坏 {open"}}, "(zh)"),
    ],
)
def test_check_templates_names_each_problem(templates: dict, problem: str) -> None:
    (found,) = check_templates(templates)
    assert problem in found


def test_extending_with_a_known_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"demo\.late"):
        TEXTS.extended({"demo.late": {"zh": "又一次"}})


def test_worded_finding_uses_the_catalogue_text_in_the_run_language() -> None:
    finding = Finding(
        "demo.late", records=("2016-0001",), params={"id": "2016-0001", "used": 17, "limit": 15}
    )
    assert worded(finding, TEXTS, "en").message.startswith("request '2016-0001'")
    assert worded(finding, TEXTS, "zh").message.startswith("申请 “2016-0001”")


def test_worded_finding_with_an_undeclared_code_keeps_its_own_message() -> None:
    finding = Finding("other.plugin", "自写的说明", params={"n": 1})
    assert worded(finding, TEXTS, "en").message == "自写的说明"
    assert worded(Finding("other.bare"), TEXTS, "zh").message == "other.bare"


def test_worded_finding_params_become_plain() -> None:
    finding = Finding(
        "demo.late", params={"id": "r", "used": Fraction(3), "limit": dt.date(2016, 1, 2)}
    )
    assert worded(finding, TEXTS, "zh").params == {"id": "r", "used": 3.0, "limit": "2016-01-02"}


MESSAGES_PLUGIN = """\
from evaluator import hookimpl


@hookimpl
def register_messages():
    return {CODES}
"""


def _plugin(folder: Path, name: str, codes: str) -> None:
    folder.mkdir(exist_ok=True)
    source = textwrap.dedent(MESSAGES_PLUGIN).replace("{CODES}", codes)
    (folder / name).write_text(source, encoding="utf-8")


def test_register_messages_adds_a_plugins_texts_to_the_run_catalogue(tmp_path: Path) -> None:
    _plugin(tmp_path / "p", "texts.py", '{"texts.one": {"zh": "一 {n}", "en": "one {n}"}}')
    registry = load_plugins(str(tmp_path / "p"), entry_points=False)
    assert registry.catalogue.text("texts.one", {"n": 2}, "en") == "one 2"
    assert "engine.no_data" in registry.catalogue  # the engine's own stay


def test_two_plugins_declaring_one_code_are_both_named(tmp_path: Path) -> None:
    _plugin(tmp_path / "p", "a.py", '{"shared.code": {"zh": "甲"}}')
    _plugin(tmp_path / "p", "b.py", '{"shared.code": {"zh": "乙"}}')
    with pytest.raises(PluginError) as info:
        load_plugins(str(tmp_path / "p"), entry_points=False)
    (problem,) = info.value.problems
    assert problem.code == "plugin.collision"
    assert {k: problem.params[k] for k in ("kind", "name", "first", "second")} == {
        "kind": "word.message_code",
        "name": "shared.code",
        "first": "a",
        "second": "b",
    }
    assert problem.params["first_source"].endswith("a.py")
    assert problem.params["second_source"].endswith("b.py")


def test_a_plugin_may_not_redeclare_an_engine_code(tmp_path: Path) -> None:
    _plugin(tmp_path / "p", "a.py", '{"engine.no_data": {"zh": "冒名"}}')
    with pytest.raises(PluginError) as info:
        load_plugins(str(tmp_path / "p"), entry_points=False)
    assert [(p.code, p.params) for p in info.value.problems] == [
        ("plugin.engine_code", {"plugin": "a", "code": "engine.no_data"})
    ]


def test_a_plugins_broken_templates_are_named(tmp_path: Path) -> None:
    _plugin(tmp_path / "p", "a.py", '{"a.x": {"en": "no chinese"}}')
    with pytest.raises(PluginError) as info:
        load_plugins(str(tmp_path / "p"), entry_points=False)
    assert [(p.code, p.params) for p in info.value.problems] == [
        ("plugin.bad_messages", {"plugin": "a", "problem": "message 'a.x' has no 'zh' text"})
    ]


def _formatted(formatter: Any, *args: Any) -> tuple[str, str]:
    """What ``formatter`` gives (``ok``, text) or raises (its type's name, ``""``)."""
    try:
        return "ok", formatter(*args)
    except Exception as exc:  # the catalogue words any failure alike: compare its kind
        return type(exc).__name__, ""


def _names(template: str) -> list[str]:
    """The plain names a template's fields use (none for a broken template)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return []
    return sorted({name for _, name, _, _ in fields if name and name.isidentifier()})


@pytest.mark.parametrize("value", ["2016-09-18", 0.5, Fraction(2, 3), ("a", "b"), "", 3, None])
def test_a_template_parsed_once_renders_as_the_formatter_makes_it(value: object) -> None:
    root = Path(__file__).resolve().parents[1]
    options = Options(str(root / "criteria"), str(root / "plugins"), entry_points=False)
    catalogue = Engine.load(options).registry.catalogue
    templates = [
        (texts[lang], lang)
        for code in sorted(catalogue.codes())
        for texts in [catalogue.templates(code)]
        for lang in LANGUAGES
        if lang in texts
    ]
    templates += [
        ("{a!q}{b!c:>4} {c!d}{d!p:a,b}{{x}} {e!r:>9}", "zh"),
        ("{a.b}{0}{a:{b}}", "en"),
        ("{a!x}", "en"),
        ("{", "zh"),
    ]
    rendered = 0
    for template, lang in templates:
        values = _Missing({name: plain(value) for name in _names(template)})
        formatter = _Formatter(lang, catalogue, values)
        parts = _parsed(template)
        if parts is None:
            continue
        rendered += 1
        assert _formatted(formatter.render, parts, values) == _formatted(
            formatter.vformat, template, (), values
        ), template
    assert rendered > 100

"""Messages people read: a stable code, its parameters, and a text in their language.

Every error, warning and finding has a code (``yaml.duplicate_key``,
``requests.late``) and the values that fill its text (``{"key": "id",
"first": 3}``). A :class:`Catalogue` holds the texts, a template per code and
language (``zh``, the default, and ``en``), written with :meth:`str.format`
fields. Tests pin codes and parameters; wording can change freely.

The engine's own texts are in :mod:`evaluator._core.catalogue`; a plugin declares
its findings' texts with the ``register_messages`` hook, and the engine renders
each finding in the run's language. A template may use four conversions besides
Python's own: ``{name!q}`` quotes a value the way the language does (“…” in
Chinese, '…' in English); ``{name!c}`` renders a value that is itself a
code (a hint, the word for a type) with the same parameters (a value that is
no code shows as it is), or nothing when the value is empty; ``{name!d}``
shows a date and says when it is an adjusted working day (a weekend the
official calendar makes a working day: ``2016-09-18（调休工作日）``), for due
dates; ``{name!p}`` shows a fraction as a percentage with one decimal, and
``{name!p:line,other}`` with as many more as it takes to differ from the
params named after the colon (a rate of 0.9496 beside a 95% line reads
94.96%, never 95.0%). A list value is joined with the language's list
separator (、 or , ).

Besides its texts, a code may say who reads a finding of it (``"audience":
"unit"`` or ``"evaluator"``, :data:`AUDIENCES`): a unit-audience finding is
shown on the unit's own pages, an evaluator-audience one (a note for the
evaluator) only in ``--internal`` output. Every ``audit.`` code must say; an
``integrity.`` code is never the evaluator's alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from evaluator.working_days import is_adjusted_working_day

__all__ = [
    "AUDIENCE",
    "AUDIENCES",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Catalogue",
    "Templates",
    "check_templates",
    "missing_audiences",
    "percent",
    "plain",
]

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
AUDIENCE = "audience"
"""The key of a code's table that says who reads its findings, beside its texts."""
AUDIENCES: tuple[str, ...] = ("unit", "evaluator")
"""Who may read a finding: the unit (its pages show it) or the evaluator alone (``--internal``)."""
DECLARED_AUDIENCE = "audit."
"""The codes that must declare their audience (contract v3, "Who reads an audit. finding")."""

Templates = Mapping[str, Mapping[str, str]]
"""Texts by code, then by language: ``{"requests.late": {"zh": "...", "en": "..."}}``; a code
may add its :data:`AUDIENCE` (``{"zh": ..., "en": ..., "audience": "unit"}``)."""

_QUOTES = {"zh": ("“", "”"), "en": ("'", "'")}
_LIST_SEPARATORS = {"zh": "、", "en": ", "}
_ADJUSTED_DAY = {"zh": "（调休工作日）", "en": " (an adjusted working day)"}
_MOST_PLACES = 12
"""Most decimals a percentage gets to differ from its line (a float has about 17 digits)."""


_AS_IS = frozenset({str, int, float, bool, type(None)})
"""The types :func:`plain` returns as they are, tested first by type alone (the usual case)."""


def plain(value: Any) -> Any:
    """``value`` as JSON can carry it: dates in ISO form, exact numbers as floats, tuples as lists.

    Parameters are kept in this form in results, so that a message's values
    can be read by programs as well as people.
    """
    kind = type(value)
    if kind in _AS_IS:
        return value
    # a dict, a list or a tuple is none of the kinds tested before them below; their
    # values already plain (most) are taken without a call
    if kind is dict:
        return {
            k if type(k) is str else str(k): v if type(v) in _AS_IS else plain(v)
            for k, v in value.items()
        }
    if kind is list or kind is tuple:
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    if isinstance(value, int | float | str):  # bool is an int
        return value
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, Fraction | Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [plain(v) for v in value]
    return str(value)


@functools.lru_cache(maxsize=4096)
def _adjusted(day: str) -> bool:
    """Whether ``day`` (ISO text, as params are kept) is an adjusted working day."""
    try:
        return is_adjusted_working_day(dt.date.fromisoformat(day))
    except ValueError:  # not a date: shown as it is
        return False


def _decimal(value: Any) -> Decimal | None:
    """A number as the decimal it prints as (0.95 is 0.95), or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def percent(value: Any, lines: Sequence[Any] = ()) -> str:
    """``value`` (a fraction) as a percentage, rounded half-up to one decimal, or to as many
    more as it takes to differ from each of ``lines`` it is not equal to.

    ``percent(0.9496, [0.95])`` is ``94.96%``: a rate that lost points never reads as
    its full-marks line. Anything but a number is shown as it is.
    """
    exact = _decimal(value)
    if exact is None:
        return str(value)
    others = [o * 100 for o in map(_decimal, lines) if o is not None and o != exact]
    hundredfold = exact * 100
    for places in range(1, _MOST_PLACES + 1):
        step = Decimal(1).scaleb(-places)
        shown = hundredfold.quantize(step, ROUND_HALF_UP)
        if all(o.quantize(step, ROUND_HALF_UP) != shown for o in others):
            return f"{shown}%"
    return f"{hundredfold.normalize():f}%"


class _Rate:
    """A value given the ``!p`` conversion, formatted once its lines (the spec) are known."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Formatter(string.Formatter):
    """``str.format`` with the ``!q``, ``!c``, ``!d`` and ``!p`` conversions and
    language-aware lists."""

    def __init__(self, lang: str, catalogue: Catalogue, params: Mapping[str, Any]) -> None:
        self.lang = lang
        self.catalogue = catalogue
        self.params = params

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "q":
            opening, closing = _QUOTES.get(self.lang, _QUOTES["en"])
            return f"{opening}{self._text(value)}{closing}"
        if conversion == "c":
            codes = value if isinstance(value, list) else [value]
            words = [
                self.catalogue.text(c, self.params, self.lang) if c in self.catalogue else str(c)
                for c in codes
                if c
            ]
            return " / ".join(words)
        if conversion == "d":
            text = self._text(value)
            if not _adjusted(text):
                return text
            return text + _ADJUSTED_DAY.get(self.lang, _ADJUSTED_DAY["en"])
        if conversion == "p":
            return _Rate(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, _Rate):
            names = [n.strip() for n in format_spec.split(",") if n.strip()]
            return percent(value.value, [self.params.get(n) for n in names])
        if isinstance(value, list) and not format_spec:
            return self._text(value)
        return super().format_field(value, format_spec)

    def render(self, parts: _Parts, values: Mapping[str, Any]) -> str:
        """What :meth:`vformat` makes of a template :func:`_parsed` into ``parts``, from
        ``values``: the same steps (convert, then format, each field), without parsing the
        template and its format specs again for every finding."""
        pieces: list[str] = []
        for literal, name, spec, conversion in parts:
            pieces.append(literal)
            if name is not None:
                pieces.append(self.format_field(self.convert_field(values[name], conversion), spec))
        return "".join(pieces)

    def _text(self, value: Any) -> str:
        if isinstance(value, list):
            return _LIST_SEPARATORS.get(self.lang, ", ").join(self._text(v) for v in value)
        return str(value)


@functools.lru_cache(maxsize=4096)
def _plain_fields(template: str) -> tuple[tuple[str, str], ...] | None:
    """Each field of a template :meth:`str.format_map` fills as the formatter would, or None.

    ``(name, format_spec)`` per field; ``None`` when a field needs the formatter (a
    ``!q`` or ``!c`` conversion, an attribute or index, a nested field) or the template
    is broken.
    """
    fields: list[tuple[str, str]] = []
    try:
        for _, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            if conversion not in (None, "r", "s", "a") or not name.isidentifier():
                return None  # !q, !c, !d, !p are the formatter's
            if "{" in (spec or ""):
                return None
            fields.append((name, spec or ""))
    except ValueError:
        return None
    return tuple(fields)


_Parts = tuple[tuple[str, str | None, str, str | None], ...]
"""A template as :meth:`string.Formatter.parse` reads it: ``(literal, name, spec, conversion)``."""


@functools.lru_cache(maxsize=4096)
def _parsed(template: str) -> _Parts | None:
    """``template`` parsed once for :meth:`_Formatter.render`, or None when a field is not a
    plain name (a position, an attribute or index) or its format spec holds a field (the
    formatter's recursion), or the template is broken: those go to the formatter itself."""
    parts: list[tuple[str, str | None, str, str | None]] = []
    try:
        for literal, name, spec, conversion in string.Formatter().parse(template):
            if name is not None and not name.isidentifier():
                return None
            if "{" in (spec or "") or "}" in (spec or ""):
                return None
            parts.append((literal, name, spec or "", conversion))
    except ValueError:
        return None
    return tuple(parts)


class _Missing(dict[str, Any]):
    """Parameters where a field the template names but the caller did not give shows as is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def check_templates(templates: Templates) -> list[str]:
    """What is wrong with a table of templates: a code without Chinese, a broken template."""
    problems: list[str] = []
    for code, texts in templates.items():
        if not isinstance(code, str) or not code:
            problems.append(f"message code {code!r} is not a non-empty text")
            continue
        if not isinstance(texts, Mapping) or DEFAULT_LANGUAGE not in texts:
            problems.append(f"message {code!r} has no {DEFAULT_LANGUAGE!r} text")
            continue
        for lang, template in texts.items():
            if lang == AUDIENCE:
                problems += _audience_problems(code, template)
                continue
            if lang not in LANGUAGES:
                problems.append(f"message {code!r}: unknown language {lang!r}")
                continue
            try:
                list(string.Formatter().parse(template))
            except (ValueError, TypeError) as exc:
                problems.append(f"message {code!r} ({lang}): {exc}")
    return problems


def _audience_problems(code: str, audience: object) -> list[str]:
    """What is wrong with the audience ``code`` declares: not one of :data:`AUDIENCES`, or
    the evaluator's alone for an ``integrity.`` code (those stay visible everywhere)."""
    if audience not in AUDIENCES:
        return [f"message {code!r}: audience {audience!r} is not one of {', '.join(AUDIENCES)}"]
    if audience == "evaluator" and code.startswith("integrity."):
        return [f"message {code!r}: an integrity. finding is the unit's to see, not evaluator's"]
    return []


def missing_audiences(templates: Templates) -> list[str]:
    """The ``audit.`` codes of ``templates`` that do not say who reads them (sorted)."""
    return sorted(
        code
        for code, texts in templates.items()
        if code.startswith(DECLARED_AUDIENCE) and AUDIENCE not in texts
    )


class Catalogue:
    """Message templates by code and language, and the rendering of a code with its parameters.

    A code without a text in the asked language falls back to Chinese; an
    unknown code renders as the code itself followed by its parameters, so that
    nothing a user should read is ever lost.
    """

    def __init__(self, templates: Templates | None = None) -> None:
        self._templates: dict[str, Mapping[str, str]] = dict(templates or {})

    def __contains__(self, code: object) -> bool:
        return code in self._templates

    def codes(self) -> frozenset[str]:
        """Every code the catalogue has a text for."""
        return frozenset(self._templates)

    def templates(self, code: str) -> Mapping[str, str]:
        """The texts of ``code`` by language (``KeyError`` for an unknown code); its
        :data:`AUDIENCE`, when it declares one, is among them."""
        return self._templates[code]

    def audience(self, code: str) -> Literal["unit", "evaluator"]:
        """Who reads a finding of ``code``: ``evaluator`` only when the code says so, else
        ``unit`` (an ``audit.`` code that declares none is shown to the unit, as before
        audiences existed; loading warns about it)."""
        texts = self._templates.get(code)
        if texts is not None and texts.get(AUDIENCE) == "evaluator":
            return "evaluator"
        return "unit"

    def extended(self, templates: Templates) -> Catalogue:
        """A new catalogue with ``templates`` added; ``ValueError`` names codes already present."""
        clash = sorted(set(templates) & set(self._templates))
        if clash:
            raise ValueError(f"message codes already declared: {', '.join(clash)}")
        return Catalogue({**self._templates, **templates})

    def text(self, code: str, params: Mapping[str, Any] | None = None, lang: str = "zh") -> str:
        """The text of ``code`` in ``lang`` with ``params`` filled in."""
        return self.plain_text(code, {k: plain(v) for k, v in (params or {}).items()}, lang)

    def plain_text(self, code: str, params: Mapping[str, Any], lang: str = "zh") -> str:
        """:meth:`text` of ``params`` already made :func:`plain` (as a finding keeps them):
        the same text, without making every value plain again."""
        values = _Missing(params)
        texts = self._templates.get(code)
        if texts is None:
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            return f"{code} ({shown})" if shown else code
        if lang not in texts:  # the fallback text keeps its own punctuation
            lang = DEFAULT_LANGUAGE
        template = texts[lang]
        fields = _plain_fields(template)
        if fields is not None:
            # the common case, without the (slow, pure-Python) formatter: lists joined first
            for name, spec in fields:
                value = values.get(name)
                if isinstance(value, list) and not spec:
                    values[name] = _Formatter(lang, self, values)._text(value)
            try:
                return template.format_map(values)
            except (ValueError, TypeError, IndexError, AttributeError, KeyError):
                pass  # the formatter below words the problem
        try:
            formatter = _Formatter(lang, self, values)
            parts = _parsed(template)
            if parts is not None:
                return formatter.render(parts, values)
            return formatter.vformat(template, (), values)
        except (ValueError, TypeError, IndexError, AttributeError, KeyError):
            # a parameter that does not fit its field's format: show the template's
            # words with the raw values rather than lose the message
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            return f"{template} [{shown}]"

"""One cell of a record list to one typed value: the spellings people and Excel really use.

A record list may come from a CSV file (every cell is text) or a spreadsheet
(cells are text, numbers, booleans, dates and times). Both go through the
converters here, compiled once per field of a record schema:

* text is trimmed; an empty cell means the field is absent;
* booleans: ``true``/``false``, ``TRUE``/``FALSE``, ``是``/``否`` (and, in a
  spreadsheet, a real boolean cell, or the 1/0 LibreOffice stores for one);
* dates: ``2016-03-05``, ``2016-3-5``, ``2016/3/5``, ``2016.3.5`` (also
  ``2016.03.05``), ``2016年3月5日``, or a real date cell; times: such a date,
  ``T`` or a space, ``HH:MM[:SS]`` and an optional offset (none means
  +08:00), or a real date-and-time cell;
* an enumeration takes its value (``granted``) or the Chinese label the schema
  gives it under :data:`ENUM_TITLES` (``予以公开``).

Anything else, ``03/05/2016`` or ``2016-13-01`` included, is a
:class:`CellError` with a message code and its params; the caller locates it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from evaluator._core.hints import did_you_mean
from evaluator._reading.validation import DEFAULT_OFFSET, advice
from evaluator.section_schema import ENUM_TITLES

__all__ = [
    "BOOLEAN_SPELLINGS",
    "DATE_SPELLINGS",
    "ENUM_TITLES",
    "TIME_SPELLINGS",
    "CellError",
    "FieldCells",
    "compile_field",
    "parse_cell_date",
    "parse_cell_time",
]

DATE_SPELLINGS = ("2016-03-05", "2016-3-5", "2016/3/5", "2016.3.5", "2016年3月5日")
"""The ways a date may be written in a cell (and what errors list)."""
TIME_SPELLINGS = ("2016-04-10T09:00", "2016-04-10 09:00", "2016/4/10 9:00:00", "…+08:00")
"""The ways a time may be written in a cell: any date spelling, then the time."""
BOOLEAN_SPELLINGS = {
    "true": True,
    "TRUE": True,
    "是": True,
    "false": False,
    "FALSE": False,
    "否": False,
}
"""Every text a boolean cell may hold."""

_DATE = (
    r"(?P<year>(?:19|20)\d\d)"
    r"(?:-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})"
    r"|\.(?P<m4>\d{1,2})\.(?P<d4>\d{1,2})"  # 2016.7.25, as clerks type it
    r"|年(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)"
)
_DATE_ONLY = re.compile(_DATE + r"\Z")
_TIME = re.compile(
    _DATE
    + r"[T ](?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.(?P<fraction>\d{1,6}))?)?"
    r"(?P<offset>Z|[+-]\d\d:\d\d)?\Z"
)
_FULL_WIDTH = re.compile(r"[０-９．－＋]")
_FULL_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_FIRST_YEAR, _LAST_YEAR = 1900, 2099


class CellError(ValueError):
    """A cell that does not fit its column: a message code and its params."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _date_of(match: re.Match[str]) -> dt.date:
    """The date a matched spelling names (``ValueError`` for 2016-02-30)."""
    month = match["m1"] or match["m2"] or match["m3"] or match["m4"]
    day = match["d1"] or match["d2"] or match["d3"] or match["d4"]
    return dt.date(int(match["year"]), int(month), int(day))


@functools.lru_cache(maxsize=4096)
def parse_cell_date(text: str) -> dt.date:
    """A date in one of :data:`DATE_SPELLINGS`; ``ValueError`` otherwise.

    Cached: every record file of an evaluation names the same few hundred days.
    """
    match = _DATE_ONLY.match(text)
    if match is None:
        raise ValueError(text)
    return _date_of(match)


def parse_cell_time(text: str) -> dt.datetime:
    """A time: a date spelling, ``T`` or a space, the time, an offset (none = +08:00)."""
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    day = _date_of(match)
    fraction = (match["fraction"] or "").ljust(6, "0")
    moment = dt.datetime(
        day.year,
        day.month,
        day.day,
        int(match["hour"]),
        int(match["minute"]),
        int(match["second"] or 0),
        int(fraction or 0),
    )
    offset = match["offset"]
    if offset is None:
        return moment.replace(tzinfo=DEFAULT_OFFSET)
    if offset == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = 1 if offset[0] == "+" else -1
    delta = dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
    return moment.replace(tzinfo=dt.timezone(sign * delta))


Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class FieldCells:
    """How one field's cells become values.

    ``text`` takes a trimmed, non-empty text; ``value`` takes any spreadsheet
    cell (text untrimmed, ``""`` for empty) and gives ``None`` for an empty one.
    ``plain`` is a text field without checks (kept as trimmed text), ``numeric``
    a number field (spreadsheet numbers are seldom repeated: not worth a memo).
    """

    name: str
    text: Converter
    value: Converter
    plain: bool = False
    numeric: bool = False


def _full_width(cell: str) -> dict[str, str]:
    if _FULL_WIDTH.search(cell):
        return {"advice": "hint.full_width", "fixed": cell.translate(_FULL_WIDTH_TABLE)}
    return {"advice": ""}


def _serial_hint(number: float) -> dict[str, str]:
    """A number where a date belongs may be an Excel date serial shown unformatted."""
    if number == int(number) and 1 <= number <= 73050:  # 1900-01-01 .. 2099-12-31
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
        return {"advice": "hint.excel_serial", "date": day.isoformat()}
    return {"advice": ""}


def _in_years(day: dt.date, shown: str, code: str) -> None:
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise CellError(code, value=shown, advice="hint.year_range")


def number_text(value: float | int) -> str:
    """A spreadsheet number as it reads in a text field: ``12.0`` is ``12``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def cell_text(value: Any) -> str:
    """Any spreadsheet cell as text: trimmed text, numbers without ``.0``, ISO dates."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _text_converter(name: str, schema: Mapping[str, Any]) -> tuple[Converter, bool, bool]:
    """The text converter of a field, and whether it is plain text or a number."""
    kind = schema.get("type")
    fmt = schema.get("format")
    labels: Mapping[str, str] = schema.get(ENUM_TITLES) or {}
    if kind is None and "enum" in schema:
        kind = "string"

    base: Converter
    if kind == "integer":

        def base(cell: str) -> Any:
            if not _INT.match(cell):
                raise CellError("csv.integer", value=cell, **_full_width(cell))
            try:
                return int(cell)
            except ValueError:  # over Python's 4300-digit limit
                raise CellError("csv.too_large", value=cell[:20] + "...") from None

    elif kind == "number":

        def base(cell: str) -> Any:
            if not _NUMBER.match(cell):
                raise CellError("csv.number", value=cell, **_full_width(cell))
            value = float(cell)
            if not math.isfinite(value):
                raise CellError("csv.too_large", value=cell[:20])
            return value

    elif kind == "boolean":

        def base(cell: str) -> Any:
            try:
                return BOOLEAN_SPELLINGS[cell]
            except KeyError:
                raise CellError("csv.boolean", value=cell) from None

    elif kind == "string" and fmt == "date":

        def base(cell: str) -> Any:
            try:
                day = parse_cell_date(cell)
            except ValueError:
                raise CellError(
                    "csv.date", value=cell, spellings=list(DATE_SPELLINGS), **advice(cell)
                ) from None
            return day

    elif kind == "string" and fmt == "date-time":

        def base(cell: str) -> Any:
            try:
                return parse_cell_time(cell)
            except ValueError:
                raise CellError(
                    "csv.time", value=cell, spellings=list(TIME_SPELLINGS), **advice(cell)
                ) from None

    elif kind == "string":

        def base(cell: str) -> Any:
            return cell

    else:
        raise TypeError(f"field {name!r} of type {kind!r} cannot come from a CSV cell")

    checks = _checks(schema, labels)
    plain = kind == "string" and fmt is None and not checks
    if not checks:
        return base, plain, kind in ("integer", "number")

    def checked(cell: str) -> Any:
        value = base(cell)
        for check in checks:
            value = check(value)
        return value

    return checked, False, kind in ("integer", "number")


def _checks(schema: Mapping[str, Any], labels: Mapping[str, str]) -> list[Converter]:
    """The schema's checks on a converted value, each giving the value back or raising."""
    checks: list[Converter] = []
    if "enum" in schema:
        allowed = list(schema["enum"])
        by_label = {label: value for value, label in labels.items() if value in allowed}
        options = [str(o) for o in allowed]
        shown = [f"{labels[o]}（{o}）" if o in labels else str(o) for o in allowed]

        def in_enum(value: Any) -> Any:
            if value in allowed:
                return value
            if value in by_label:
                return by_label[value]
            text = str(value)
            hint = did_you_mean(text, options + list(by_label))
            raise CellError("csv.enum", value=text, options=shown, **hint)

        checks.append(in_enum)
    for keyword, relation, test in (
        ("minimum", "word.at_least", lambda v, b: v >= b),
        ("maximum", "word.at_most", lambda v, b: v <= b),
        ("exclusiveMinimum", "word.more_than", lambda v, b: v > b),
        ("exclusiveMaximum", "word.less_than", lambda v, b: v < b),
    ):
        if keyword in schema:
            bound = schema[keyword]

            def within(
                value: Any, bound: Any = bound, relation: str = relation, test: Any = test
            ) -> Any:
                if test(value, bound):
                    return value
                raise CellError("csv.range", value=value, relation=relation, bound=bound)

            checks.append(within)
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])

        def matches(value: Any) -> Any:
            if pattern.search(value):
                return value
            raise CellError("csv.pattern", value=value, pattern=pattern.pattern)

        checks.append(matches)
    if "maxLength" in schema:
        longest = int(schema["maxLength"])

        def short(value: Any) -> Any:
            if len(value) <= longest:
                return value
            raise CellError("csv.too_long", limit=longest)

        checks.append(short)
    return checks


def _value_converter(schema: Mapping[str, Any], text: Converter) -> Converter:
    """A converter for spreadsheet cells: text goes to ``text``, typed cells are read as such."""
    kind = schema.get("type")
    fmt = schema.get("format")

    def typed(cell: Any) -> Any:
        if kind == "boolean":
            if isinstance(cell, bool):
                return cell
            if isinstance(cell, int | float) and cell in (0, 1):  # LibreOffice's TRUE()/FALSE()
                return bool(cell)
        elif kind in ("integer", "number") and isinstance(cell, int | float):
            if isinstance(cell, bool):
                raise CellError(f"csv.{kind}", value=cell_text(cell), advice="")
            if kind == "integer" and not float(cell).is_integer():
                raise CellError("csv.integer", value=number_text(cell), advice="")
            return text(number_text(cell)) if kind == "integer" else text(repr(float(cell)))
        elif fmt == "date" and isinstance(cell, dt.date):
            if isinstance(cell, dt.datetime):
                if cell.time() != dt.time(0):
                    shown = cell.isoformat(sep=" ")
                    raise CellError("csv.date", value=shown, spellings=list(DATE_SPELLINGS))
                cell = cell.date()
            _in_years(cell, cell.isoformat(), "csv.date")
            return text(cell.isoformat())
        elif fmt == "date-time" and isinstance(cell, dt.datetime):
            _in_years(cell.date(), cell.isoformat(sep=" "), "csv.time")
            return cell.replace(tzinfo=cell.tzinfo or DEFAULT_OFFSET)
        elif fmt in ("date", "date-time") and isinstance(cell, int | float):
            code = "csv.date" if fmt == "date" else "csv.time"
            spellings = DATE_SPELLINGS if fmt == "date" else TIME_SPELLINGS
            shown = number_text(cell)
            raise CellError(code, value=shown, spellings=list(spellings), **_serial_hint(cell))
        return text(cell_text(cell))

    def convert(cell: Any) -> Any:
        if type(cell) is str:
            cell = cell.strip()
            return text(cell) if cell else None
        return typed(cell)

    return convert


def compile_field(name: str, schema: Mapping[str, Any]) -> FieldCells:
    """The converters of one flat field; ``TypeError`` when a cell cannot hold it."""
    text, plain, numeric = _text_converter(name, schema)
    return FieldCells(name, text, _value_converter(schema, text), plain, numeric)

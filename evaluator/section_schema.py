"""Small JSON Schema builders for submission sections and scorer params.

Plugins describe what a unit submits (a :class:`~evaluator.plugin_api.Section`)
and what a scheme may set (a :class:`~evaluator.plugin_api.Scorer`'s ``params``)
in JSON Schema Draft 2020-12. These builders spell the shapes every plugin
repeats once: closed records, described fields, common scalars, and params
schemas whose defaults the engine fills in at load time.

The scalar constants are shared dictionaries: derive from them
(``described(DATE, ...)``, ``{**COUNT, "maximum": 9}``), never mutate them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = [
    "BOOLEAN",
    "CHECKLIST_ITEM",
    "COUNT",
    "DATE",
    "DATETIME",
    "ENUM_TITLES",
    "FILE_NAME",
    "FRACTION",
    "ID",
    "NON_NEGATIVE",
    "POSITIVE",
    "POSITIVE_COUNT",
    "TEXT",
    "array_of",
    "described",
    "labelled_enum",
    "params",
    "record_schema",
    "titled",
]

DATE: Final[dict[str, Any]] = {"type": "string", "format": "date"}
"""A calendar date ``YYYY-MM-DD``; scorers receive a ``datetime.date``."""
DATETIME: Final[dict[str, Any]] = {"type": "string", "format": "date-time"}
"""A moment ``YYYY-MM-DDTHH:MM[:SS][+08:00]``; scorers receive an aware ``datetime``."""
ID: Final[dict[str, Any]] = {"type": "string", "minLength": 1}
"""A non-empty identifier or name."""
TEXT: Final[dict[str, Any]] = {"type": "string"}
"""Free text, possibly empty."""
FILE_NAME: Final[dict[str, Any]] = {"type": "string", "format": "file-name"}
"""The name of a file in the unit's folder (read with ``ScoringContext.unit_file``); a URL
(``https://...``) is refused where it is written, at its line, as a record file's is."""
BOOLEAN: Final[dict[str, Any]] = {"type": "boolean"}
"""``true`` or ``false``."""
COUNT: Final[dict[str, Any]] = {"type": "integer", "minimum": 0}
"""A whole number, zero or more."""
POSITIVE_COUNT: Final[dict[str, Any]] = {"type": "integer", "minimum": 1}
"""A whole number, one or more."""
NON_NEGATIVE: Final[dict[str, Any]] = {"type": "number", "minimum": 0}
"""A number, zero or more (points, amounts)."""
POSITIVE: Final[dict[str, Any]] = {"type": "number", "exclusiveMinimum": 0}
"""A number above zero (a duration, a weight)."""
FRACTION: Final[dict[str, Any]] = {"type": "number", "minimum": 0, "maximum": 1}
"""A share between 0 and 1 inclusive."""


ENUM_TITLES: Final = "x-enum-titles"
"""The keyword that gives an enumeration's values their Chinese labels.

``{"enum": ["granted", ...], "x-enum-titles": {"granted": "予以公开", ...}}``: a
CSV or spreadsheet cell may hold the label instead of the value, and
``evaluate template`` offers the labels in its dropdowns. Validators ignore it.
"""


CHECKLIST_ITEM: Final = "x-checklist-item"
"""The keyword (``true``) marking a record field that names an item of the scheme's checklists.

``evaluate template`` gives its column a dropdown of the checklist items for the
unit's kind, and a workbook cell naming no item of any checklist is a warning
located by its cell, with a did-you-mean. Validators ignore it.
"""


def titled(schema: Mapping[str, Any], title: str) -> dict[str, Any]:
    """A copy of ``schema`` with its Chinese name as ``title``.

    The title is the field's column header in CSV files and workbooks (either
    it or the field's name may head the column), the sheet name of a list of
    records in a whole-unit workbook, and the label of a value in a form sheet.
    """
    return {**schema, "title": title}


def labelled_enum(labels: Mapping[str, str]) -> dict[str, Any]:
    """A text field taking one of ``labels``' keys, each labelled in Chinese (see ENUM_TITLES)."""
    return {"type": "string", "enum": list(labels), ENUM_TITLES: dict(labels)}


def described(schema: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A copy of ``schema`` with ``text`` as its description, which editors show."""
    return {**schema, "description": text}


def record_schema(
    properties: Mapping[str, Any],
    required: Sequence[str] = (),
    description: str | None = None,
) -> dict[str, Any]:
    """An object with exactly these ``properties`` (unknown keys are errors, typos get a hint)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": dict(properties),
        "required": list(required),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def array_of(items: Mapping[str, Any], description: str | None = None) -> dict[str, Any]:
    """A list whose every entry matches ``items``; a list of records may come from a CSV file."""
    schema: dict[str, Any] = {"type": "array", "items": items}
    if description:
        schema["description"] = description
    return schema


def params(
    properties: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
    *,
    required: Sequence[str] = (),
) -> dict[str, Any]:
    """A scorer's params schema: closed, each of ``defaults`` set as its property's ``default``.

    The engine fills every absent param from its ``default`` when it loads the
    criteria, so a scorer reads ``ctx.params["name"]`` and the default lives in
    this one place. A param without a default must be ``required`` or read with
    ``.get``. A default for a param not in ``properties`` is a ``ValueError``.
    """
    defaults = defaults or {}
    unknown = [name for name in defaults if name not in properties]
    if unknown:
        raise ValueError(f"defaults for unknown params: {', '.join(unknown)}")
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            name: {**sub, "default": defaults[name]} if name in defaults else dict(sub)
            for name, sub in properties.items()
        },
    }
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = False
    return schema

"""National annual-report formats as data: one YAML file per format, chosen by the report's year.

A format says what a report of its years looks like: the tables it prints (found
by their titles, rows and columns by their labels), how those tables print a
zero, the sentences reports use to state figures in their text (patterns with
named figures, read into the ``narrative`` group), and the identities the
figures must keep (the arithmetic scorer's rules, plus ``text_table``). The
built-in formats are the files in ``formats/`` beside this module, each citing
the document that issued it; a scheme adds its own, or replaces one, with files
of the same shape in a folder it names (:func:`load_formats`). Every file is
checked against :data:`FORMAT_SCHEMA`, and a bad one raises
:class:`FormatError` naming the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .schema import PATH, RULE

BUILT_IN = Path(__file__).parent / "formats"
"""The folder of the formats this plugin ships."""


class FormatError(Exception):
    """A format file that cannot be used: ``code`` and ``params`` (file, line, field, expected)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


_LABELS: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ],
    "description": "a label as the report prints it, or the labels of a column's header "
    "levels; a row labelled * is the first row that prints only numbers",
}


_KEYS: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"anyOf": [PATH, {"const": "_"}]},
    "additionalProperties": _LABELS,
    "minProperties": 1,
}


TABLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
        "title": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "path": PATH,
        "rows": _KEYS,
        "columns": _KEYS,
        "required": {"type": "boolean"},
    },
    "required": ["id", "title", "path", "rows", "columns"],
    "additionalProperties": False,
    "description": "a table found by any of its titles; each figure is path.row.column",
}


TEXT_TABLE: dict[str, Any] = {
    "type": "object",
    "properties": {"text_table": PATH, "table": PATH},
    "required": ["text_table", "table"],
    "additionalProperties": False,
    "description": "the text's figure equals the table's, when the table states it",
}


FORMAT_RULE: dict[str, Any] = {
    "anyOf": [
        RULE,
        TEXT_TABLE,
        {
            "type": "object",
            "properties": {
                "each": {"type": "array", "items": PATH, "minItems": 1},
                "rule": {"anyOf": [RULE, TEXT_TABLE]},
            },
            "required": ["each", "rule"],
            "additionalProperties": False,
            "description": "the rule once per name listed: {each} in its paths is that name",
        },
    ]
}


FORMAT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
        "name": {"type": "string", "minLength": 1},
        "source": {"type": "string", "minLength": 1},
        "years": {
            "type": "object",
            "properties": {
                "from": {"type": "integer", "minimum": 1900, "maximum": 2099},
                "to": {"type": "integer", "minimum": 1900, "maximum": 2099},
            },
            "required": ["from"],
            "additionalProperties": False,
        },
        "extends": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
        "zero": {"type": "array", "items": {"type": "string"}},
        "tables": {"type": "array", "items": TABLE_SCHEMA},
        "patterns": {
            "type": "array",
            "items": {"type": "string", "pattern": r"\{[^{}]+\}"},
            "description": "sentences with named figures: {path}, {path:percent}, "
            "{path:increase}, {path:decrease}; … stands for any words within a sentence",
        },
        "rules": {"type": "array", "items": FORMAT_RULE},
        "labels": {
            "type": "object",
            "propertyNames": PATH,
            "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 60},
            "description": "Chinese names of the text's figures by dotted path or by a "
            "level's own name, as the arithmetic params' labels (a table's figures are named "
            "by their row and column labels)",
        },
    },
    "required": ["id", "name", "source", "years"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class TableSpec:
    """One table a format prints: its titles, and its rows and columns by label."""

    id: str
    titles: tuple[str, ...]
    path: str
    rows: Mapping[str, tuple[str, ...]]
    columns: Mapping[str, tuple[str, ...]]
    required: bool = True

    def figure_path(self, row: str, column: str) -> str:
        """A cell's figure path: the table's path, the row's key, then the column's
        (a key ``_``, a table's one row or one column, is left out)."""
        return ".".join(key for key in (self.path, row, column) if key != "_")


@dataclass(frozen=True)
class Format:
    """A national report format: the years it covers, its tables, patterns and rules."""

    id: str
    name: str
    source: str
    first_year: int
    last_year: int | None
    zero: tuple[str, ...]
    tables: tuple[TableSpec, ...]
    patterns: tuple[str, ...]
    rules: tuple[Mapping[str, Any], ...]
    file: Path | None = None
    extends: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    def covers(self, year: int) -> bool:
        """Whether a report on ``year`` is printed in this format."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def expanded_rules(self) -> list[Mapping[str, Any]]:
        """The rules with every ``each`` rule written out once per name it lists."""
        expanded: list[Mapping[str, Any]] = []
        for rule in self.rules:
            if "each" not in rule:
                expanded.append(rule)
                continue
            for name in rule["each"]:
                expanded.append(_with_name(rule["rule"], name))
        return expanded


def _with_name(rule: Mapping[str, Any], name: str) -> dict[str, Any]:
    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("{each}", name)
        return [fill(item) for item in value]

    return {key: fill(value) for key, value in rule.items()}


def _labels(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _table(data: Mapping[str, Any]) -> TableSpec:
    return TableSpec(
        id=data["id"],
        titles=tuple(data["title"]),
        path=data["path"],
        rows={key: _labels(label) for key, label in data["rows"].items()},
        columns={key: _labels(label) for key, label in data["columns"].items()},
        required=data.get("required", True),
    )


def _line(node: yaml.Node, path: Sequence[Any]) -> int:
    """The line (from 1) of the YAML node at ``path`` (the deepest that exists)."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if k.value == step]
            if not found:
                break
            node = found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_format(text: str, file: Path) -> Format:
    """A format from the YAML ``text`` of ``file``, checked against :data:`FORMAT_SCHEMA`."""
    try:
        # libyaml's parser when there is one (the same data: construction is the same Python);
        # the nodes, for lines, and the messages of bad YAML are the Python parser's
        try:
            data, node = yaml.load(text, Loader=_LOADER), None
        except yaml.YAMLError:
            data = node = None
        if data is None:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise FormatError("format.yaml", file=str(file), line=line, reason=str(error)) from None
    if data is None and node is None:
        raise FormatError("format.empty", file=str(file), line=1)
    validator = jsonschema.Draft202012Validator(FORMAT_SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        assert node is not None  # it held data
        best = jsonschema.exceptions.best_match(errors)
        where = list(best.absolute_path) if best is not None else []
        raise FormatError(
            "format.invalid",
            file=str(file),
            line=_line(node, where),
            field=".".join(str(step) for step in where) or "(top)",
            expected=best.message if best is not None else "",
        )
    years = data["years"]
    return Format(
        id=data["id"],
        name=data["name"],
        source=data["source"],
        first_year=years["from"],
        last_year=years.get("to"),
        zero=tuple(data.get("zero", ("",))),
        tables=tuple(_table(t) for t in data.get("tables", ())),
        patterns=tuple(data.get("patterns", ())),
        rules=tuple(data.get("rules", ())),
        file=file,
        extends=data.get("extends"),
        labels=dict(data.get("labels") or {}),
    )


def _extended(fmt: Format, formats: Mapping[str, Format]) -> Format:
    """``fmt`` with the format it extends under it: that format's patterns and rules first,
    its tables unless ``fmt`` has one of the same id."""
    if fmt.extends is None:
        return fmt
    base = formats.get(fmt.extends)
    if base is None or base.extends == fmt.id:
        raise FormatError(
            "format.extends", file=str(fmt.file), format=fmt.extends, known=sorted(formats)
        )
    base = _extended(base, formats)
    own = {table.id for table in fmt.tables}
    return replace(
        fmt,
        tables=(*(t for t in base.tables if t.id not in own), *fmt.tables),
        patterns=(*base.patterns, *fmt.patterns),
        rules=(*base.rules, *fmt.rules),
        labels={**base.labels, **fmt.labels},
        extends=None,
    )


def load_formats(extra: Path | None = None) -> dict[str, Format]:
    """The built-in formats by id, with a scheme's own from the folder ``extra`` over them.

    A scheme's file with a built-in format's id replaces that format.
    """
    found: dict[str, Format] = {}
    folders = [BUILT_IN] if extra is None else [BUILT_IN, extra]
    for folder in folders:
        for file in sorted(folder.glob("*.yaml")):
            fmt = parse_format(file.read_text(encoding="utf-8"), file)
            found[fmt.id] = fmt
    return {fid: _extended(fmt, found) for fid, fmt in found.items()}


def choose(year: int, formats: Mapping[str, Format], pinned: str | None = None) -> Format:
    """The format a report on ``year`` is printed in, or the one a scheme pins by id.

    The latest-starting format that covers the year wins.
    """
    if pinned is not None:
        if pinned not in formats:
            raise FormatError("format.unknown", format=pinned, known=sorted(formats))
        return formats[pinned]
    covering = [f for f in formats.values() if f.covers(year)]
    if not covering:
        raise FormatError("format.no_year", year=year, known=sorted(formats))
    return max(covering, key=lambda f: (f.first_year, f.id))

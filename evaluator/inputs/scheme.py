"""Loading the indicator system from ``criteria/`` and checking it is coherent.

The scheme, its dimension files and its checklists are each validated against
a JSON Schema shipped in ``evaluator/schemas``; then the parts are checked
against each other and against the loaded scorers (ids unique, weights for
every unit kind, grades ordered, every scorer registered, every indicator's
params valid for its scorer). Any problem is a :class:`SchemeError` listing
every problem found, each with file, line and field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from evaluator.inputs.files import FileProblem, read_text
from evaluator.inputs.validation import apply_defaults, convert, validate
from evaluator.inputs.yaml_reader import Positions, read_yaml
from evaluator.model import (
    Checklist,
    ChecklistItem,
    Dimension,
    Grade,
    Indicator,
    InputError,
    Location,
    Scheme,
)
from evaluator.plugins import Registry

__all__ = ["SchemeError", "load_scheme", "packaged_schema"]


class SchemeError(Exception):
    """Criteria that cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@cache
def packaged_schema(name: str) -> Mapping[str, Any]:
    """One of the JSON Schemas shipped in ``evaluator/schemas`` (``scheme``, ``dimension`` ...)."""
    text = resources.files("evaluator").joinpath("schemas", f"{name}.json").read_text("utf-8")
    schema: Mapping[str, Any] = json.loads(text)
    return schema


def _read(path: str, shown: str, schema: str, errors: list[InputError]) -> tuple[Any, Positions]:
    """Read and validate one criteria file; (None, empty) after recording its errors."""
    try:
        text = read_text(path)
        data, positions = read_yaml(text.text)
    except FileProblem as exc:  # YamlError included
        errors.append(InputError(Location(shown, exc.line, exc.column), exc.message))
        return None, Positions()
    found = validate(data, packaged_schema(schema), positions, shown)
    if found:
        errors.extend(found)
        return None, positions
    return convert(data, packaged_schema(schema)), positions


def _at(shown: str, positions: Positions, path: tuple[str | int, ...], message: str) -> InputError:
    _, (line, column) = positions.locate(path)
    return InputError(Location(shown, line, column), message)


def _fingerprint(directory: str) -> str:
    """sha256 over every criteria file (relative name and bytes), in sorted order."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            full = os.path.join(root, name)
            digest.update(os.path.relpath(full, directory).replace(os.sep, "/").encode())
            digest.update(b"\0")
            with open(full, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def _load_checklists(
    directory: str, kinds: Mapping[str, str], errors: list[InputError]
) -> dict[str, Checklist]:
    folder = os.path.join(directory, "checklists")
    checklists: dict[str, Checklist] = {}
    if not os.path.isdir(folder):
        return checklists
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        shown = os.path.join(directory, "checklists", name)
        data, positions = _read(os.path.join(folder, name), shown, "checklist", errors)
        if data is None:
            continue
        if data["id"] in checklists:
            errors.append(_at(shown, positions, ("id",), f"checklist id {data['id']!r} used twice"))
            continue
        seen: set[str] = set()
        items: list[ChecklistItem] = []
        for index, item in enumerate(data["items"]):
            if item["id"] in seen:
                errors.append(
                    _at(
                        shown,
                        positions,
                        ("items", index, "id"),
                        f"item id {item['id']!r} used twice",
                    )
                )
            seen.add(item["id"])
            for kind in item.get("applies_to", ()):
                if kind not in kinds:
                    errors.append(
                        _at(
                            shown,
                            positions,
                            ("items", index, "applies_to"),
                            f"item {item['id']!r} applies to unknown unit kind {kind!r} "
                            f"(unit_types: {', '.join(kinds)})",
                        )
                    )
            items.append(
                ChecklistItem(
                    id=item["id"],
                    name=item["name"],
                    category=item["category"],
                    applies_to=tuple(item["applies_to"]) if "applies_to" in item else None,
                    units=tuple(item["units"]) if "units" in item else None,
                )
            )
        checklists[data["id"]] = Checklist(data["id"], data["name"], tuple(items))
    return checklists


def load_scheme(directory: str, registry: Registry) -> Scheme:
    """Load ``directory/scheme.yaml`` and everything it names; :class:`SchemeError` if unusable."""
    errors: list[InputError] = []
    scheme_path = os.path.join(directory, "scheme.yaml")
    if not os.path.isfile(scheme_path):
        raise SchemeError(
            [
                InputError(
                    Location(scheme_path),
                    "no scheme.yaml here; point --criteria at the folder holding it",
                )
            ]
        )
    data, positions = _read(scheme_path, scheme_path, "scheme", errors)
    if data is None:
        raise SchemeError(errors)
    kinds = dict(data["unit_types"])

    grades = tuple(Grade(g["name"], float(g["min"])) for g in data["grades"])
    for index in range(1, len(grades)):
        if grades[index].min >= grades[index - 1].min:
            errors.append(
                _at(
                    scheme_path,
                    positions,
                    ("grades", index, "min"),
                    f"grades must be listed highest first with falling minimums; "
                    f"{grades[index].name} ({grades[index].min:g}) is not below "
                    f"{grades[index - 1].name} ({grades[index - 1].min:g})",
                )
            )
    if grades[-1].min != 0:
        errors.append(
            _at(
                scheme_path,
                positions,
                ("grades", len(grades) - 1, "min"),
                "the last grade must start at 0 so every total gets a grade",
            )
        )

    checklists = _load_checklists(directory, kinds, errors)
    dimensions: list[Dimension] = []
    dimension_ids: set[str] = set()
    indicator_ids: dict[str, str] = {}
    for index, entry in enumerate(data["dimensions"]):
        where = ("dimensions", index)
        if entry["id"] in dimension_ids:
            errors.append(
                _at(
                    scheme_path,
                    positions,
                    (*where, "id"),
                    f"dimension id {entry['id']!r} used twice",
                )
            )
        dimension_ids.add(entry["id"])
        weights = entry["weight"]
        for kind in kinds:
            if kind not in weights:
                errors.append(
                    _at(
                        scheme_path,
                        positions,
                        (*where, "weight"),
                        f"dimension {entry['id']!r} has no weight for unit kind {kind!r} "
                        f"(give every kind in unit_types a weight; 0 leaves it out)",
                    )
                )
        for kind in weights:
            if kind not in kinds:
                errors.append(
                    _at(
                        scheme_path,
                        positions,
                        (*where, "weight", kind),
                        f"weight for unknown unit kind {kind!r} (unit_types: {', '.join(kinds)})",
                    )
                )
        dimension = _load_dimension(directory, entry, kinds, registry, indicator_ids, errors)
        if dimension is not None:
            dimensions.append(dimension)
    for kind in kinds:
        if not any(d["weight"].get(kind, 0) > 0 for d in data["dimensions"]):
            message = f"unit kind {kind!r} has no dimension with a weight above 0"
        elif not any(
            d.weights.get(kind, 0) > 0
            and any(i.points > 0 and i.applies(kind) for i in d.indicators)
            for d in dimensions
        ):
            message = (
                f"unit kind {kind!r} has nothing to score: no indicator with points "
                "applies to it in a dimension it weighs above 0"
            )
        else:
            continue
        errors.append(_at(scheme_path, positions, ("unit_types", kind), message))
    if errors:
        raise SchemeError(errors)
    as_of = data["as_of"]
    assert isinstance(as_of, dt.date)
    scheme = Scheme(
        id=data["id"],
        name=data["name"],
        version=data["version"],
        year=data["year"],
        as_of=as_of,
        regime=data["regime"],
        precision=data["precision"],
        unit_types=kinds,
        dimensions=tuple(dimensions),
        grades=grades,
        checklists=checklists,
        sha256=_fingerprint(directory),
        directory=directory,
    )
    _check_params(scheme, registry)
    return scheme


def _check_params(scheme: Scheme, registry: Registry) -> None:
    """Run each scorer's own check of its params against the loaded scheme."""
    errors: list[InputError] = []
    for indicator in scheme.indicators():
        scorer = registry.scorers[indicator.scorer]
        if scorer.check is None:
            continue
        for problem in scorer.check(indicator.params, scheme):
            errors.append(
                InputError(
                    indicator.location, f"params of {indicator.id} ({scorer.name}): {problem}"
                )
            )
    if errors:
        raise SchemeError(errors)


def _load_dimension(
    directory: str,
    entry: Mapping[str, Any],
    kinds: Mapping[str, str],
    registry: Registry,
    indicator_ids: dict[str, str],
    errors: list[InputError],
) -> Dimension | None:
    shown = os.path.join(directory, entry["file"])
    if not os.path.isfile(shown):
        errors.append(InputError(Location(shown), f"dimension {entry['id']!r}: file not found"))
        return None
    data, positions = _read(shown, shown, "dimension", errors)
    if data is None:
        return None
    if data["id"] != entry["id"]:
        errors.append(
            _at(
                shown,
                positions,
                ("id",),
                f"id {data['id']!r} differs from {entry['id']!r}, "
                "the id scheme.yaml gives this file",
            )
        )
    indicators: list[Indicator] = []
    for index, raw in enumerate(data["indicators"]):
        where: tuple[str | int, ...] = ("indicators", index)
        ident = raw["id"]
        if ident in indicator_ids:
            errors.append(
                _at(
                    shown,
                    positions,
                    (*where, "id"),
                    f"indicator id {ident!r} already used in {indicator_ids[ident]}",
                )
            )
        indicator_ids[ident] = shown
        for kind in raw.get("applies_to", ()):
            if kind not in kinds:
                errors.append(
                    _at(
                        shown,
                        positions,
                        (*where, "applies_to"),
                        f"unknown unit kind {kind!r} (unit_types: {', '.join(kinds)})",
                    )
                )
        scorer = registry.scorer(raw["scorer"])
        params = raw.get("params", {})
        if scorer is None:
            known = ", ".join(sorted(registry.scorers)) or "none"
            errors.append(
                _at(
                    shown,
                    positions,
                    (*where, "scorer"),
                    f"no plugin registers the scorer {raw['scorer']!r} (known scorers: {known})",
                )
            )
        else:
            found = validate(params, scorer.params, _shift(positions, (*where, "params")), shown)
            for problem in found:
                errors.append(
                    InputError(
                        problem.location, f"params of {ident} ({scorer.name}): {problem.message}"
                    )
                )
            if not found:
                params = apply_defaults(convert(params, scorer.params), scorer.params)
        line, column = positions.locate(where)[1]
        indicators.append(
            Indicator(
                id=ident,
                name=raw["name"],
                dimension=data["id"],
                scorer=raw["scorer"],
                points=float(raw.get("points", 0)),
                veto=bool(raw.get("veto", False)),
                applies_to=tuple(raw["applies_to"]) if "applies_to" in raw else None,
                params=params,
                location=Location(shown, line, column),
                advice=raw.get("advice"),
            )
        )
        if not raw.get("veto") and not raw.get("points"):
            errors.append(
                _at(
                    shown,
                    positions,
                    (*where, "points"),
                    f"indicator {ident!r} has neither points nor veto: true, so it can never count",
                )
            )
    return Dimension(
        id=entry["id"],
        name=data["name"],
        weights={k: float(v) for k, v in entry["weight"].items()},
        indicators=tuple(indicators),
    )


def _shift(positions: Positions, prefix: tuple[str | int, ...]) -> Positions:
    """Positions re-rooted at ``prefix``, to validate a sub-document in place."""
    size = len(prefix)
    shifted = Positions()
    for table, target in ((positions.values, shifted.values), (positions.keys, shifted.keys)):
        for path, mark in table.items():
            if path[:size] == prefix:
                target[path[size:]] = mark
    if () not in shifted.values:
        _, mark = positions.locate(prefix)
        shifted.values[()] = mark
    return shifted

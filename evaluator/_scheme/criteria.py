"""Loading the indicator system from ``criteria/`` and checking it is coherent.

The scheme, its dimension files and its checklists are each validated against
a JSON Schema shipped in ``evaluator/schemas``; then the parts are checked
against each other and against the loaded scorers (ids unique, weights for
every unit kind, grades ordered, every scorer registered, every indicator's
params valid for its scorer). Any problem is a :class:`SchemeError` listing
every problem found, each with file, line and field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from evaluator._core.frozen import freeze
from evaluator._core.hints import did_you_mean
from evaluator._core.ids import id_key
from evaluator._core.model import (
    Checklist,
    ChecklistItem,
    Dimension,
    Grade,
    Indicator,
    InputError,
    Location,
    Scheme,
    SmallCounts,
)
from evaluator._core.zones import DEFAULT_ZONE, time_zone
from evaluator._plugins.disabling import COMMAND_LINE, SchemeDisabled
from evaluator._plugins.loader import Registry
from evaluator._reading.files import FileProblem, read_text
from evaluator._reading.validation import convert, validate
from evaluator._reading.yaml_reader import Positions, read_yaml
from evaluator._scheme.brand import brand_from
from evaluator._scheme.params import (
    check_params,
    checked_params,
    small_counts_problem,
    veto_mismatch,
    written_params,
)

__all__ = [
    "SchemeError",
    "checked_params",
    "load_scheme",
    "packaged_schema",
    "scheme_disabled",
]


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
        errors.append(exc.error(shown))
        return None, Positions()
    found = validate(data, packaged_schema(schema), positions, shown)
    if found:
        errors.extend(found)
        return None, positions
    return convert(data, packaged_schema(schema)), positions


def _at(
    shown: str, positions: Positions, path: tuple[str | int, ...], code: str, **params: Any
) -> InputError:
    _, (line, column) = positions.locate(path)
    return InputError(Location(shown, line, column), code, params)


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
    directory: str, kinds: Mapping[str, str], dimension_ids: list[str], errors: list[InputError]
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
            errors.append(_at(shown, positions, ("id",), "scheme.checklist_twice", id=data["id"]))
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
                        "scheme.item_twice",
                        id=item["id"],
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
                            "scheme.item_unknown_kind",
                            id=item["id"],
                            kind=kind,
                            kinds=list(kinds),
                        )
                    )
            by = item.get("deadline", {}).get("by")
            if by is not None and not _is_day_of_every_year(by):
                errors.append(
                    _at(
                        shown,
                        positions,
                        ("items", index, "deadline", "by"),
                        f"item {item['id']!r}: deadline by {by!r} is not a day of every year "
                        "(write MM-DD, e.g. 03-31; 02-29 does not exist in most years)",
                    )
                )
            judged_by = item.get("judged_by")
            if judged_by is not None and judged_by not in dimension_ids:
                hint = did_you_mean(judged_by, dimension_ids)
                if hint["hint"]:  # a scheme may lack the dimension, not misspell it
                    errors.append(
                        _at(
                            shown,
                            positions,
                            ("items", index, "judged_by"),
                            "scheme.judged_by_unknown",
                            id=item["id"],
                            dimension=judged_by,
                            **hint,
                        )
                    )
            items.append(
                ChecklistItem(
                    id=item["id"],
                    name=item["name"],
                    category=item["category"],
                    applies_to=tuple(item["applies_to"]) if "applies_to" in item else None,
                    units=tuple(item["units"]) if "units" in item else None,
                    deadline=freeze(dict(item["deadline"])) if "deadline" in item else None,
                    frequency=item.get("frequency"),
                    judged_by=judged_by,
                )
            )
        checklists[data["id"]] = Checklist(data["id"], data["name"], tuple(items))
    return checklists


def _judged_elsewhere(
    checklists: Mapping[str, Checklist], dimensions: list[Dimension]
) -> dict[str, Checklist]:
    """The checklists with each ``judged_by`` item told the kinds the scheme judges it for
    in that dimension (a weight and an indicator for the kind) and the dimension's name."""
    by_id = {d.id: d for d in dimensions}
    resolved: dict[str, Checklist] = {}
    for name, checklist in checklists.items():
        items = []
        for item in checklist.items:
            dimension = by_id.get(item.judged_by or "")
            if dimension is not None:
                kinds = tuple(
                    kind
                    for kind, weight in dimension.weights.items()
                    if weight > 0 and any(i.applies(kind) for i in dimension.indicators)
                )
                item = dataclasses.replace(item, judged_for=kinds, judged_in=dimension.name)
            items.append(item)
        resolved[name] = dataclasses.replace(checklist, items=tuple(items))
    return resolved


def _is_day_of_every_year(month_day: str) -> bool:
    """Whether ``MM-DD`` names a day that every year has (not 02-29, not 04-31)."""
    try:
        dt.date(2015, int(month_day[:2]), int(month_day[3:]))
    except ValueError:
        return False
    return True


def scheme_disabled(directory: str) -> SchemeDisabled | None:
    """The plugins ``directory/scheme.yaml`` leaves out (``disable_plugins``), before any loads.

    Plugins are loaded before the scheme (its indicators name their scorers),
    yet the scheme may leave some out before they are imported. Only this key
    is read here, and only when it is a list of names: whatever is wrong with
    the file is reported, located, when the scheme itself is loaded.
    """
    path = os.path.join(directory, "scheme.yaml")
    if not os.path.isfile(path):
        return None
    try:
        data, _ = read_yaml(read_text(path).text)
    except FileProblem:
        return None
    names = data.get("disable_plugins") if isinstance(data, Mapping) else None
    if not names or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return SchemeDisabled(path, tuple(names))


def load_scheme(directory: str, registry: Registry) -> Scheme:
    """Load ``directory/scheme.yaml`` and everything it names; :class:`SchemeError` if unusable."""
    errors: list[InputError] = []
    scheme_path = os.path.join(directory, "scheme.yaml")
    if not os.path.isfile(scheme_path):
        raise SchemeError([InputError(Location(scheme_path), "scheme.missing")])
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
                    "scheme.grades_order",
                    grade=grades[index].name,
                    min=grades[index].min,
                    previous=grades[index - 1].name,
                    previous_min=grades[index - 1].min,
                )
            )
    if grades[-1].min != 0:
        errors.append(
            _at(
                scheme_path,
                positions,
                ("grades", len(grades) - 1, "min"),
                "scheme.last_grade",
            )
        )

    declared = [d["id"] for d in data["dimensions"]]
    checklists = _load_checklists(directory, kinds, declared, errors)
    orphaned: list[InputError] = []
    written: dict[str, Any] = {}  # each indicator's params as the criteria wrote them
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
                    "scheme.dimension_twice",
                    id=entry["id"],
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
                        "scheme.weight_missing",
                        dimension=entry["id"],
                        kind=kind,
                    )
                )
        for kind in weights:
            if kind not in kinds:
                errors.append(
                    _at(
                        scheme_path,
                        positions,
                        (*where, "weight", kind),
                        "scheme.weight_unknown_kind",
                        kind=kind,
                        kinds=list(kinds),
                    )
                )
        before = len(errors)
        dimension = _load_dimension(
            directory, entry, kinds, registry, (indicator_ids, written), errors
        )
        if dimension is not None:
            line, column = positions.locate(where)[1]
            entered = Location(scheme_path, line, column)
            dimensions.append(dataclasses.replace(dimension, location=entered))
            left_out = _left_out(dimension, entry, registry)
            if left_out:  # one plain error instead of an unknown scorer per indicator
                errors[before:] = [
                    e
                    for e in errors[before:]
                    if not (
                        e.code == "scheme.unknown_scorer"
                        and e.params["scorer"] in left_out["scorers"]
                    )
                ]
                orphaned.append(
                    _at(scheme_path, positions, where, "scheme.dimension_left_out", **left_out)
                )
    errors.extend(orphaned)
    for kind in kinds:
        if not any(d["weight"].get(kind, 0) > 0 for d in data["dimensions"]):
            code = "scheme.kind_unweighted"
        elif not any(
            d.weights.get(kind, 0) > 0
            and any(i.points > 0 and i.applies(kind) for i in d.indicators)
            for d in dimensions
        ):
            code = "scheme.kind_nothing_to_score"
        else:
            continue
        errors.append(_at(scheme_path, positions, ("unit_types", kind), code, kind=kind))
    zone = data.get("time_zone", DEFAULT_ZONE)
    if time_zone(zone) is None:
        errors.append(
            _at(scheme_path, positions, ("time_zone",), "scheme.time_zone_unknown", zone=zone)
        )
    brand, problems = (
        brand_from(
            data["brand"],
            directory,
            lambda where: _at(scheme_path, positions, ("brand", *where), "").location,
        )
        if "brand" in data
        else (None, [])
    )
    errors.extend(problems)
    # facts.yaml would only add the facts of the plugins left out, as unknown fields
    found_facts = _load_facts(directory, registry, errors) if not orphaned else ({}, {})
    defaults, unit_facts = freeze(found_facts[0]), freeze(found_facts[1])
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
        checklists=_judged_elsewhere(checklists, dimensions),
        sha256=_fingerprint(directory),
        directory=directory,
        fact_defaults=defaults,
        unit_facts=unit_facts,
        veto_scope=data.get("veto_scope", "unit"),
        veto_scope_stated="veto_scope" in data,
        hidden_sheets=data.get("hidden_sheets", "warn"),
        annual_report_document=data.get("annual_report_document", "optional"),
        self_claims=data.get("self_claims", "trusted"),
        self_claims_stated="self_claims" in data,
        time_zone=zone,
        brand=brand,
    )
    _check_params(scheme, registry, written)
    return scheme


def _left_out(
    dimension: Dimension, entry: Mapping[str, Any], registry: Registry
) -> dict[str, Any] | None:
    """The params of ``scheme.dimension_left_out``, when plugins left out took its scorers.

    The plugins left out were never imported, so which scorers they had is not
    known: a scorer no plugin registers, with no registered name close enough
    to be a typo, is taken for theirs, and the plugin named after its prefix
    (``website`` for ``website.homepage_fresh``) is named when one was left out.
    """
    if not registry.disabled:
        return None
    missing = [
        i
        for i in dimension.indicators
        if i.scorer not in registry.scorers and not did_you_mean(i.scorer, registry.scorers)["hint"]
    ]
    if not missing:
        return None
    scorers = sorted({i.scorer for i in missing})
    prefixes = {name.split(".", 1)[0] for name in scorers}
    plugins = sorted(prefixes & set(registry.disabled)) or sorted(registry.disabled)
    by = sorted({registry.disabled[p] for p in plugins})
    return {
        "dimension": dimension.id,
        "file": entry["file"],
        "indicators": [i.id for i in missing],
        "scorers": scorers,
        "plugins": plugins,
        "by": [b if b == COMMAND_LINE else f"{b}: disable_plugins" for b in by],
    }


FACTS_FILE = "facts.yaml"


def facts_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of ``criteria/facts.yaml`` for the facts the loaded plugins read."""
    facts = {
        name: {**fact.schema, **({"title": fact.title} if fact.title else {})}
        | ({"description": fact.description} if fact.description else {})
        for name, fact in sorted(registry.facts.items())
    }
    record = {"type": "object", "additionalProperties": False, "properties": facts}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "defaults": {**record, "description": "facts for every unit"},
            "units": {
                "type": "object",
                "propertyNames": {"minLength": 1},
                "additionalProperties": record,
                "description": "unit id -> that unit's facts (over the defaults)",
            },
        },
    }


def _load_facts(
    directory: str, registry: Registry, errors: list[InputError]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The evaluator's facts: defaults and each unit's own, from ``facts.yaml`` if there is one."""
    path = os.path.join(directory, FACTS_FILE)
    if not os.path.isfile(path):
        return {}, {}
    schema = facts_schema(registry)
    try:
        text = read_text(path)
        data, positions = read_yaml(text.text)
    except FileProblem as exc:
        errors.append(exc.error(path))
        return {}, {}
    data = {} if data is None else data
    found = validate(data, schema, positions, path)
    if found:
        errors.extend(found)
        return {}, {}
    twins = _facts_twins(data.get("units") or {}, positions, path)
    if twins:
        errors.extend(twins)
        return {}, {}
    record = schema["properties"]["defaults"]
    defaults = convert(data.get("defaults") or {}, record)
    units = {str(k): convert(v or {}, record) for k, v in (data.get("units") or {}).items()}
    return defaults, units


def _facts_twins(units: Mapping[str, Any], positions: Positions, path: str) -> list[InputError]:
    """An error at each unit of ``facts.yaml`` whose id an earlier one equals but for case:
    ids match without regard to case, so which facts apply would be a guess."""
    first: dict[str, str] = {}
    found: list[InputError] = []
    for unit_id in units:
        earlier = first.setdefault(id_key(str(unit_id)), str(unit_id))
        if earlier != unit_id:
            _, (line, column) = positions.locate(("units", unit_id), key=True)
            params = {"id": unit_id, "first": earlier}
            found.append(InputError(Location(path, line, column), "facts.unit_twice", params))
    return found


def _check_params(scheme: Scheme, registry: Registry, written: Mapping[str, Any]) -> None:
    """Run each scorer's own check of its params (``written``: as the criteria wrote them)."""
    errors: list[InputError] = []
    for indicator in scheme.indicators():
        errors += check_params(
            indicator,
            written[indicator.id],
            registry.scorers[indicator.scorer],
            registry.scorer_plugin.get(indicator.scorer, "?"),
            scheme,
            registry.catalogue,
        )
    if errors:
        raise SchemeError(errors)


def _load_dimension(
    directory: str,
    entry: Mapping[str, Any],
    kinds: Mapping[str, str],
    registry: Registry,
    seen: tuple[dict[str, str], dict[str, Any]],
    errors: list[InputError],
) -> Dimension | None:
    """One dimension file's indicators; ``seen`` collects each indicator's file (ids are
    unique across the scheme) and its params as written (for the scorers' checks)."""
    indicator_ids, written = seen
    shown = os.path.join(directory, entry["file"])
    if not os.path.isfile(shown):
        errors.append(
            InputError(Location(shown), "scheme.dimension_file_missing", {"id": entry["id"]})
        )
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
                "scheme.dimension_id_differs",
                id=data["id"],
                expected=entry["id"],
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
                    "scheme.indicator_twice",
                    id=ident,
                    first=indicator_ids[ident],
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
                        "scheme.indicator_unknown_kind",
                        kind=kind,
                        kinds=list(kinds),
                    )
                )
        scorer = registry.scorer(raw["scorer"])
        params = raw.get("params", {})
        if scorer is None:
            errors.append(
                _at(
                    shown,
                    positions,
                    (*where, "scorer"),
                    "scheme.unknown_scorer",
                    scorer=raw["scorer"],
                    known=sorted(registry.scorers),
                    **did_you_mean(raw["scorer"], registry.scorers),
                )
            )
        else:
            plugin = registry.scorer_plugin.get(scorer.name, "?")
            mismatch = veto_mismatch(ident, bool(raw.get("veto", False)), scorer, plugin)
            if mismatch is not None:  # at the flag, or at the indicator that lacks it
                at = (*where, "veto") if "veto" in raw else where
                errors.append(_at(shown, positions, at, mismatch[0], **mismatch[1]))
            if "small_counts" in raw:
                problem = small_counts_problem(
                    ident, raw["small_counts"], float(raw.get("points", 0)), scorer, plugin
                )
                if problem is not None:
                    key, code, values = problem
                    rule_at = (*where, "small_counts") + ((key,) if key != "small_counts" else ())
                    errors.append(_at(shown, positions, rule_at, code, **values))
            shifted = _shift(positions, (*where, "params"))
            given = params
            params, found = checked_params(given, scorer, shifted, shown, ident)
            errors.extend(found)
            if not found:
                written[ident] = written_params(given, scorer)
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
                params=freeze(params),
                location=Location(shown, line, column),
                advice=raw.get("advice"),
                small_counts=_small_counts(raw.get("small_counts")),
            )
        )
        if not raw.get("veto") and not raw.get("points"):
            errors.append(
                _at(
                    shown,
                    positions,
                    (*where, "points"),
                    "scheme.indicator_never_counts",
                    id=ident,
                )
            )
    return Dimension(
        id=entry["id"],
        name=data["name"],
        weights={k: float(v) for k, v in entry["weight"].items()},
        indicators=tuple(indicators),
        when_empty=_when_empty(entry.get("when_empty", "renormalise")),
    )


def _small_counts(rule: Mapping[str, Any] | None) -> SmallCounts | None:
    """An indicator's ``small_counts`` (validated by the dimension schema), if it has one."""
    if rule is None:
        return None
    return SmallCounts(int(rule["below"]), float(rule["per_case"]), float(rule["cap"]))


def _when_empty(setting: str | Mapping[str, Any]) -> float | None:
    """A dimension's ``when_empty``: ``renormalise`` (``None``) or its fixed ``{score: N}``."""
    return None if isinstance(setting, str) else float(setting["score"])


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

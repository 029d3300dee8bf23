"""Comparison with an earlier results file (``--baseline PREVIOUS.json``).

Last year's results, or a run before appeals: each unit's previous total, rank
and grade and the change of its total, the units that are gone, and whether the
two runs can be compared at all (dimension ids and weights, plugin versions). The earlier file
is read once, keeping per unit only those few values; the comparison is plain
subtraction of published totals, never a re-scoring.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evaluator._core.ids import id_key, keyed_by_id
from evaluator._core.model import Message, PluginInfo
from evaluator._reports.cells import cost
from evaluator._reports.labels import label
from evaluator._reports.withdrawn import Lost, lost_points, withdrawn

__all__ = ["Baseline", "BaselineError", "Previous", "load_baseline", "read_results"]

Doc = Mapping[str, Any]


class BaselineError(Exception):
    """The earlier results file cannot be used; the message says why, for the user."""


@dataclass(frozen=True)
class Previous:
    """A unit as the earlier results file published it."""

    name: str
    type: str
    total: float | None
    rank: int | None
    grade: str | None
    lost: tuple[Lost, ...] = ()
    """The findings that cost it points (what :func:`~.withdrawn.withdrawn` compares)."""


@dataclass(frozen=True)
class Baseline:
    """An earlier results file: where it is, its digest, and its units' published results.

    ``weights`` maps each unit kind to its dimensions' weights (id to weight) as
    the earlier file's units carry them; ``plugins`` each plugin's version by
    name as the earlier file lists them (``None``: it lists none, as files
    written before plugins were recorded).
    """

    path: str
    sha256: str
    units: Mapping[str, Previous]
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    plugins: Mapping[str, str | None] | None = None

    def entry(self, unit: Doc, precision: int, *, detailed: bool = True) -> dict[str, Any] | None:
        """The unit's ``baseline`` in results: previous total, rank, grade and the change.

        ``None`` when the unit is not in the earlier file; ``change`` is ``None``
        when either total is missing (an incomplete unit). When this run applied a
        review record (the unit has ``reviews``) and ``unit`` is ``detailed`` (its
        findings), ``withdrawn`` lists the earlier deductions withdrawn or reduced
        since (:func:`~.withdrawn.withdrawn`).
        """
        found = self._by_key.get(id_key(unit["id"]))
        if found is None:
            return None
        entry: dict[str, Any] = {
            "total": found.total,
            "rank": found.rank,
            "grade": found.grade,
            "change": change(unit["total"], found.total, precision),
        }
        if detailed and "reviews" in unit:
            entry["withdrawn"] = withdrawn(found.lost, unit, precision)
        return entry

    @functools.cached_property
    def _by_key(self) -> Mapping[str, Previous]:
        return keyed_by_id(self.units)

    def gone(self, current: Iterable[str]) -> list[str]:
        """Ids of units only in the earlier file, in its order (ids matched ignoring case)."""
        present = {id_key(unit_id) for unit_id in current}
        return [unit_id for unit_id in self.units if id_key(unit_id) not in present]

    def document(self, current: Iterable[str]) -> dict[str, Any]:
        """The top-level ``baseline`` of the results: path, sha256 and the gone units."""
        return {"path": self.path, "sha256": self.sha256, "gone": self.gone(current)}

    def differences(
        self, units: Iterable[Doc], lang: str = "zh", *, plugins: Iterable[PluginInfo]
    ) -> list[dict[str, str]]:
        """Why the two results may not compare: dimension ids or weights, or plugins, that differ.

        ``plugins`` are this run's. Each is a ``{code, message}`` warning
        (``baseline.dimensions``, ``baseline.weights``, then
        ``baseline.kind_changed`` naming each unit of another kind than before,
        ``baseline.plugin_version`` per plugin whose version changed and
        ``baseline.plugins`` when a plugin is in one run only), the message in ``lang``.
        """
        units = list(units)  # read twice: for the weights, then for each unit's kind
        now: dict[str, dict[str, float]] = {}
        for unit in units:
            now.setdefault(unit["type"], {d["id"]: d["weight"] for d in unit["dimensions"]})
        before_ids = {d for dims in self.weights.values() for d in dims}
        now_ids = {d for dims in now.values() for d in dims}
        found: list[dict[str, str]] = []
        sep = label("list_sep", lang)
        if before_ids != now_ids:
            message = label("baseline_dimensions", lang).format(
                before=sep.join(sorted(before_ids - now_ids)) or "—",
                now=sep.join(sorted(now_ids - before_ids)) or "—",
            )
            found.append({"code": "baseline.dimensions", "message": message})
        changed = [
            kind
            for kind, weights in now.items()
            if kind in self.weights
            and set(self.weights[kind]) == set(weights)
            and any(abs(self.weights[kind][d] - w) > 1e-9 for d, w in weights.items())
        ]
        if changed:
            message = label("baseline_weights", lang).format(kinds=sep.join(changed))
            found.append({"code": "baseline.weights", "message": message})
        return found + self._kind_changes(units, lang) + self._plugin_differences(plugins, lang)

    def _kind_changes(self, units: Iterable[Doc], lang: str) -> list[dict[str, str]]:
        """A warning naming each unit whose kind is not the earlier file's: its previous rank
        was among other units, so its change of rank says little."""
        moved = [
            f"{unit['id']}（{found.type}→{unit['type']}）"
            for unit in units
            if (found := self._by_key.get(id_key(unit["id"]))) is not None
            and found.type != unit["type"]
        ]
        if not moved:
            return []
        warning = Message("baseline.kind_changed", {"units": moved})
        return [{"code": warning.code, "message": warning.text(lang)}]

    def _plugin_differences(self, plugins: Iterable[PluginInfo], lang: str) -> list[dict[str, str]]:
        """A warning per plugin whose version changed, and one naming plugins in one run only.

        Rules live in plugins: a new version may score the same records
        differently, so a change of total need not be the unit's doing.
        """
        if self.plugins is None:
            return []
        now = {p.name: p.version for p in plugins}
        warnings = [
            Message(
                "baseline.plugin_version",
                {"plugin": name, "before": _version(self.plugins[name]), "now": _version(version)},
            )
            for name, version in sorted(now.items())
            if name in self.plugins and self.plugins[name] != version
        ]
        before_only = sorted(set(self.plugins) - set(now))
        now_only = sorted(set(now) - set(self.plugins))
        if before_only or now_only:
            params = {"before": before_only or "—", "now": now_only or "—"}
            warnings.append(Message("baseline.plugins", params))
        return [{"code": w.code, "message": w.text(lang)} for w in warnings]


def change(total: float | None, previous: float | None, precision: int) -> float | None:
    """``total - previous`` rounded half-up to ``precision`` (exact on the printed decimals)."""
    if total is None or previous is None:
        return None
    step = Decimal(1).scaleb(-precision)
    exact = Decimal(repr(float(total))) - Decimal(repr(float(previous)))
    return float(exact.quantize(step, rounding=ROUND_HALF_UP))


def load_baseline(path: str, shown: str | None = None) -> Baseline:
    """Read an earlier results file (``evaluate --format json``); ``BaselineError`` if unusable.

    Checked whole before any unit is scored: JSON nested at most :data:`MAX_DEPTH`
    deep, every number finite (no ``NaN``, ``Infinity`` or ``1e400``), each total
    and weight within 0-100, and no id twice (ids ignore case). Each refusal
    names the file and the JSON path (``$.units[3].total``). Findings are
    dropped while parsing, so that a large file costs little memory.
    """
    shown = shown or path
    document, digest = read_results(path, shown, keep=_costly)
    units = document["units"]
    previous: dict[str, Previous] = {}
    weights: dict[str, dict[str, float]] = {}
    first: dict[str, int] = {}
    for number, unit in enumerate(units):
        try:
            unit_id = str(unit["id"])
            previous[unit_id] = Previous(
                name=str(unit.get("name", unit["id"])),
                type=str(unit.get("type", "")),
                total=_read_score(unit.get("total"), f"$.units[{number}].total"),
                rank=unit.get("rank") if isinstance(unit.get("rank"), int) else None,
                grade=unit.get("grade") if isinstance(unit.get("grade"), str) else None,
                lost=lost_points(unit),
            )
            weights.setdefault(str(unit.get("type", "")), _weights(unit, number))
        except _OutOfRange as exc:
            raise BaselineError(f"{shown}: {exc.args[0]}: {exc.args[1]}") from None
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(
                f"{shown}: unit {number + 1} of the results has no usable id, total or dimensions"
            ) from None
        earlier = first.setdefault(id_key(unit_id), number)
        if earlier != number:
            raise BaselineError(
                f"{shown}: $.units[{number}].id: unit {unit_id!r} is listed twice "
                f"(as {units[earlier]['id']!r} at $.units[{earlier}]; ids ignore case)"
            )
    plugins = _plugin_versions(document.get("plugins"))
    return Baseline(shown, digest, previous, weights, plugins)


def read_results(
    path: str, shown: str | None = None, *, keep: Callable[[Doc], bool] | None = None
) -> tuple[dict[str, Any], str]:
    """A results file (``evaluate --format json``) read and checked whole, and its sha256;
    ``BaselineError`` if it cannot be used.

    The checks of :func:`load_baseline`: JSON nested at most :data:`MAX_DEPTH`
    deep, every number finite, a ``units`` list. Only the findings ``keep``
    accepts are kept (none without it), dropped while parsing, so that a large
    file costs little memory. ``shown`` names the file in messages.
    """
    shown = shown or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise BaselineError(f"{shown}: cannot read the results: {exc.strerror}") from None
    document = _parse(data, shown, keep)
    units = document.get("units") if isinstance(document, dict) else None
    if not isinstance(units, list):
        raise BaselineError(
            f"{shown}: not a results file: no 'units' list "
            "(write one with `evaluate SUBMISSIONS --format json -o FILE.json`)"
        )
    return document, hashlib.sha256(data).hexdigest()


MAX_DEPTH = 64
"""How deep an earlier results file may nest (results nest 7 deep; findings' params a few more)."""


class _NotFinite:
    """A number JSON can write but no result holds (``NaN``, ``Infinity``, ``1e400``)."""

    def __init__(self, text: str) -> None:
        self.text = text


class _OutOfRange(ValueError):
    """A number outside what its field can hold: (JSON path, what is wrong)."""


def _finite_float(text: str) -> float | _NotFinite:
    number = float(text)
    return number if math.isfinite(number) else _NotFinite(text)


def _parse(data: bytes, shown: str, keep: Callable[[Doc], bool] | None = None) -> Any:
    """The JSON document in ``data``, findings dropped but those ``keep`` accepts, checked
    for depth and finite numbers."""
    try:
        document = json.loads(
            data.decode("utf-8-sig"),
            object_hook=functools.partial(_findings_kept, keep),
            parse_constant=_NotFinite,
            parse_float=_finite_float,
        )
    except RecursionError:
        raise BaselineError(f"{shown}: nested deeper than {MAX_DEPTH} levels") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{shown}: not a results file (JSON): {exc}") from None
    problem = _unusable_value(document)
    if problem is not None:
        raise BaselineError(f"{shown}: {problem[0]}: {problem[1]}")
    return document


def _unusable_value(document: Any) -> tuple[str, str] | None:
    """The JSON path of the first value nested too deep or not a finite number, and why."""
    stack: list[tuple[Any, str, int]] = [(document, "$", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return where, f"nested deeper than {MAX_DEPTH} levels"
        if isinstance(value, _NotFinite):
            return where, f"{value.text} is not a finite number"
        if isinstance(value, dict):
            items = [(v, f"{where}.{k}", depth + 1) for k, v in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(reversed([(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]))
    return None


def _weights(unit: Mapping[str, Any], number: int) -> dict[str, float]:
    """Each dimension's weight (0-100) by id, as an earlier results file's unit carries them."""
    return {
        str(d["id"]): _in_range(d["weight"], f"$.units[{number}].dimensions[{at}].weight")
        for at, d in enumerate(unit.get("dimensions", []))
    }


def _plugin_versions(listed: Any) -> dict[str, str | None] | None:
    """Each plugin's version by name from a results file's ``plugins``; ``None`` if unusable.

    A file without the list (or with one this engine did not write) cannot
    say which plugins scored it: nothing is compared then.
    """
    if not isinstance(listed, list):
        return None
    versions: dict[str, str | None] = {}
    for plugin in listed:
        if not isinstance(plugin, dict) or not isinstance(plugin.get("name"), str):
            return None
        version = plugin.get("version")
        versions[plugin["name"]] = str(version) if version is not None else None
    return versions


def _version(version: str | None) -> str:
    """A plugin's version as shown: a plugin file has none."""
    return "—" if version is None else version


def _findings_kept(keep: Callable[[Doc], bool] | None, obj: dict[str, Any]) -> dict[str, Any]:
    """``obj`` with only the findings ``keep`` accepts (none without it), as it is parsed."""
    if "findings" in obj:
        found = obj["findings"]
        obj["findings"] = (
            [f for f in found if isinstance(f, dict) and keep(f)]
            if keep is not None and isinstance(found, list)
            else []
        )
    return obj


def _costly(finding: Doc) -> bool:
    """Whether a finding of an earlier file cost points (what ``withdrawn`` compares)."""
    return cost(finding) > 0


def _read_score(value: Any, where: str) -> float | None:
    """A total read from an earlier results file: a float within 0-100, or None; anything
    else (a text, a bool) makes the file unusable (ValueError; out of range: _OutOfRange)."""
    return None if value is None else _in_range(value, where)


def _in_range(value: Any, where: str) -> float:
    """``value`` as a float if a score or weight can be it (a number within 0-100), else
    ``_OutOfRange`` at ``where`` (not a number at all: ValueError)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(value)
    if not 0 <= value <= 100:  # compared before float(): a 400-digit integer overflows it
        raise _OutOfRange(where, f"{value!r} is outside 0-100")
    return float(value)

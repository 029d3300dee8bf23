"""Comparison with an earlier results file (``--baseline PREVIOUS.json``).

Last year's results, or a run before appeals: each unit's previous total, rank
and grade and the change of its total, the units that are gone, and whether the
two runs can be compared at all (dimension ids and weights, plugin versions). The earlier file
is read once, keeping per unit only those few values; the comparison is plain
subtraction of published totals, never a re-scoring.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evaluator._core.model import Message, PluginInfo
from evaluator._reports.labels import label

__all__ = ["Baseline", "BaselineError", "Previous", "load_baseline"]

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

    def entry(self, unit: Doc, precision: int) -> dict[str, Any] | None:
        """The unit's ``baseline`` in results: previous total, rank, grade and the change.

        ``None`` when the unit is not in the earlier file; ``change`` is ``None``
        when either total is missing (an incomplete unit).
        """
        found = self.units.get(unit["id"])
        if found is None:
            return None
        return {
            "total": found.total,
            "rank": found.rank,
            "grade": found.grade,
            "change": change(unit["total"], found.total, precision),
        }

    def gone(self, current: Iterable[str]) -> list[str]:
        """Ids of units only in the earlier file, in its order."""
        present = set(current)
        return [unit_id for unit_id in self.units if unit_id not in present]

    def document(self, current: Iterable[str]) -> dict[str, Any]:
        """The top-level ``baseline`` of the results: path, sha256 and the gone units."""
        return {"path": self.path, "sha256": self.sha256, "gone": self.gone(current)}

    def differences(
        self, units: Iterable[Doc], lang: str = "zh", *, plugins: Iterable[PluginInfo]
    ) -> list[dict[str, str]]:
        """Why the two results may not compare: dimension ids or weights, or plugins, that differ.

        ``plugins`` are this run's. Each is a ``{code, message}`` warning
        (``baseline.dimensions``, ``baseline.weights``, then
        ``baseline.plugin_version`` per plugin whose version changed and
        ``baseline.plugins`` when a plugin is in one run only), the message in ``lang``.
        """
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
        return found + self._plugin_differences(plugins, lang)

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

    Findings are dropped while parsing, so that a large file costs little memory.
    """
    shown = shown or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise BaselineError(f"{shown}: cannot read the baseline: {exc.strerror}") from None
    try:
        document = json.loads(data.decode("utf-8-sig"), object_hook=_without_findings)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{shown}: not a results file (JSON): {exc}") from None
    units = document.get("units") if isinstance(document, dict) else None
    if not isinstance(units, list):
        raise BaselineError(
            f"{shown}: not a results file: no 'units' list "
            "(write one with `evaluate SUBMISSIONS --format json -o FILE.json`)"
        )
    previous: dict[str, Previous] = {}
    weights: dict[str, dict[str, float]] = {}
    for number, unit in enumerate(units, start=1):
        try:
            previous[str(unit["id"])] = Previous(
                name=str(unit.get("name", unit["id"])),
                type=str(unit.get("type", "")),
                total=_read_number(unit.get("total")),
                rank=unit.get("rank") if isinstance(unit.get("rank"), int) else None,
                grade=unit.get("grade") if isinstance(unit.get("grade"), str) else None,
            )
            weights.setdefault(
                str(unit.get("type", "")),
                {str(d["id"]): float(d["weight"]) for d in unit.get("dimensions", [])},
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(
                f"{shown}: unit {number} of the results has no usable id, total or dimensions"
            ) from None
    plugins = _plugin_versions(document.get("plugins"))
    return Baseline(shown, hashlib.sha256(data).hexdigest(), previous, weights, plugins)


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


def _without_findings(obj: dict[str, Any]) -> dict[str, Any]:
    if "findings" in obj:
        obj["findings"] = []
    return obj


def _read_number(value: Any) -> float | None:
    """A number read from an earlier results file: a float, or None; anything else (a
    text, a bool) makes the file unusable (ValueError)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(value)
    return float(value)

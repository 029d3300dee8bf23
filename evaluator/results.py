"""The canonical JSON form of an :class:`~evaluator.model.Evaluation`.

The key names and their order follow the data contract ("Results"); the shape is
described by ``evaluator/schemas/results.json``. Every number is emitted as a
float so that output does not change with how a value happened to be computed.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from evaluator.model import (
    DimensionResult,
    Evaluation,
    Finding,
    IndicatorResult,
    InputError,
    PluginInfo,
    Scheme,
    UnitResult,
)

ENGINE_NAME = "evaluator"


def evaluation_to_dict(ev: Evaluation) -> dict[str, Any]:
    """The results document for ``ev``, as plain JSON-ready values in contract order."""
    return {
        "scheme": _scheme(ev.scheme),
        "engine": {"name": ENGINE_NAME, "version": ev.engine_version},
        "generated_at": ev.generated_at,
        "plugins": [_plugin(p) for p in ev.plugins],
        "units": [_unit(u) for u in ev.units],
        "errors": [_error(e) for e in ev.errors],
        "warnings": list(ev.warnings),
    }


def dumps_json(ev: Evaluation) -> str:
    """The results document for ``ev`` as UTF-8-ready JSON text, ending in a newline."""
    return json.dumps(evaluation_to_dict(ev), ensure_ascii=False, indent=2) + "\n"


def results_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) that every results document satisfies."""
    text = resources.files("evaluator").joinpath("schemas/results.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _number(value: float | None) -> float | None:
    """A number as a float (``35`` and ``35.0`` print alike), or None."""
    return None if value is None else float(value)


def _scheme(scheme: Scheme) -> dict[str, Any]:
    return {
        "id": scheme.id,
        "name": scheme.name,
        "version": scheme.version,
        "sha256": scheme.sha256,
    }


def _plugin(plugin: PluginInfo) -> dict[str, Any]:
    return {"name": plugin.name, "version": plugin.version}


def _unit(unit: UnitResult) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "type": unit.type,
        "total": _number(unit.total),
        "rank": unit.rank,
        "grade": unit.grade,
        "vetoed": unit.vetoed,
        "status": unit.status,
        "dimensions": [_dimension(d) for d in unit.dimensions],
        "indicators": [_indicator(i) for i in unit.indicators],
        "source": {"path": unit.source_path, "sha256": unit.source_sha256},
        "warnings": list(unit.warnings),
    }


def _dimension(dim: DimensionResult) -> dict[str, Any]:
    return {
        "id": dim.id,
        "name": dim.name,
        "score": _number(dim.score),
        "weight": _number(dim.weight),
    }


def _indicator(ind: IndicatorResult) -> dict[str, Any]:
    return {
        "id": ind.id,
        "dimension": ind.dimension,
        "name": ind.name,
        "points": _number(ind.points),
        "max": _number(ind.max),
        "status": ind.status,
        "vetoed": ind.vetoed,
        "findings": [_finding(f) for f in ind.findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "message": finding.message,
        "records": list(finding.records),
        "deduction": _number(finding.deduction),
    }


def _error(error: InputError) -> dict[str, Any]:
    # Line and column 0 mean "unknown" in the model; JSON says so with null.
    loc = error.location
    return {
        "path": loc.path,
        "line": loc.line or None,
        "column": loc.column or None,
        "message": error.message,
    }

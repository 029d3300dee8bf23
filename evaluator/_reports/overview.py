"""One unit kind at a glance, as the workbook, the HTML page and the feedback pages show it.

Built from the units' summary documents (the results' ``units`` entries without
findings): the dimension columns with their weights, how the totals spread over
score bands, and per dimension the kind's mean, median and best score. These
are descriptions of published scores (counts, means, medians), never a
re-scoring.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator._core.model import Scheme
from evaluator._reports import cells

__all__ = ["BAND_WIDTH", "Band", "DimensionStats", "KindOverview", "overviews"]

BAND_WIDTH = 10
"""Score bands of the distribution charts: 0–10, 10–20, ... 90–100."""

Doc = Mapping[str, Any]


@dataclass(frozen=True)
class Band:
    """A score band and how many of the kind's scored units have a total in it."""

    low: int
    high: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True)
class DimensionStats:
    """A dimension of one kind: its weight (normalised, as results keep it), the points the
    scheme gives it for the kind (its ``weight`` as written: ``30`` of the kind's 130;
    None for a dimension the scheme does not have), and the kind's mean, median and best
    score."""

    id: str
    name: str
    weight: float
    mean: float | None
    median: float | None
    best: float | None
    points: float | None = None


@dataclass(frozen=True)
class KindOverview:
    """A unit kind: its display name, units (summary documents, engine order) and figures."""

    kind: str
    display: str
    units: tuple[Doc, ...]
    dimensions: tuple[DimensionStats, ...]
    bands: tuple[Band, ...]

    @property
    def ranked(self) -> int:
        """How many units of the kind have a rank (incomplete ones do not)."""
        return sum(1 for u in self.units if u["rank"] is not None)


def overviews(scheme: Scheme, units: Sequence[Doc]) -> list[KindOverview]:
    """One overview per kind with units, in the scheme's ``unit_types`` order."""
    order = [d.id for d in scheme.dimensions]
    found = []
    for kind, members in cells.groups(scheme.unit_types, units):
        dims = cells.dimension_columns(order, members)
        points = {d.id: d.weights.get(kind) for d in scheme.dimensions}
        found.append(
            KindOverview(
                kind=kind,
                display=scheme.unit_types.get(kind, kind),
                units=tuple(members),
                dimensions=tuple(_stats(d, members, points.get(d["id"])) for d in dims),
                bands=_bands(u["total"] for u in members),
            )
        )
    return found


def _stats(dim: Doc, units: Sequence[Doc], points: float | None) -> DimensionStats:
    scores = [s for s in (cells.dimension_score(u, dim["id"]) for u in units) if s is not None]
    return DimensionStats(
        id=dim["id"],
        name=dim["name"],
        weight=dim["weight"],
        mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None,
        best=max(scores) if scores else None,
        points=points,
    )


def _bands(totals: Any) -> tuple[Band, ...]:
    """Counts of totals per band; 100 falls in the last band, missing totals in none."""
    counts = [0] * (100 // BAND_WIDTH)
    for total in totals:
        if total is not None:
            counts[min(int(total // BAND_WIDTH), len(counts) - 1)] += 1
    return tuple(
        Band(i * BAND_WIDTH, (i + 1) * BAND_WIDTH, count) for i, count in enumerate(counts)
    )

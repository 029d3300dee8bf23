"""Chart geometry for inline SVG: shapes with coordinates, drawn by ``charts.html``.

Three charts, all from published scores: how a kind's totals spread over score
bands (with the grade bounds marked), each dimension's mean per kind, and one
unit's dimension scores against its kind's median and best. Python lays the
shapes out; the template only draws them, so a firm's template can restyle
them (CSS classes) without doing arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from evaluator._core.model import Grade
from evaluator._reports import cells
from evaluator._reports.overview import DimensionStats, KindOverview

__all__ = ["Chart", "Line", "Rect", "Text", "dimension_means", "distribution", "unit_profile"]

WIDTH = 640
KIND_CLASSES = 4
"""Kinds are coloured ``k0``..``k3`` (CSS), then the colours repeat."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str = ""
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    """An SVG picture: its size, an accessible title and the shapes, drawn in order."""

    width: float
    height: float
    title: str
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


def _r(value: float) -> float:
    return round(value, 1)


def distribution(kind: KindOverview, grades: Sequence[Grade], title: str) -> Chart:
    """A column per score band, its count above it, dashed lines at the grade bounds."""
    left, right, top, bottom, height = 30, 10, 40, 34, 236
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    # the tallest column leaves room above it for its count and the grade names
    highest = (max((b.count for b in kind.bands), default=0) or 1) / 0.85
    step = plot_w / len(kind.bands)
    chart = Chart(WIDTH, height, title)
    chart.texts.append(Text(left, 14, title, "caption"))
    base = top + plot_h
    for index, band in enumerate(kind.bands):
        bar_h = plot_h * band.count / highest
        x = left + index * step
        chart.rects.append(
            Rect(
                _r(x + 3),
                _r(base - bar_h),
                _r(step - 6),
                _r(bar_h),
                "bar",
                f"{band.label}：{band.count}",
            )
        )
        chart.texts.append(Text(_r(x + step / 2), base + 16, band.label, "tick", "middle"))
        if band.count:
            chart.texts.append(
                Text(_r(x + step / 2), _r(base - bar_h - 4), str(band.count), "value", "middle")
            )
    for grade in grades:
        if 0 < grade.min < 100:
            x = _r(left + plot_w * grade.min / 100)
            chart.lines.append(Line(x, top - 4, x, base, "bound"))
            chart.texts.append(Text(x + 3, top - 6, grade.name, "bound-label"))
    chart.lines.append(Line(left, base, left + plot_w, base, "axis"))
    return chart


def dimension_means(kinds: Sequence[KindOverview], title: str, precision: int) -> Chart:
    """Per dimension (scheme order) a bar per kind: the kind's mean score; a legend on top."""
    names: list[str] = []
    for kind in kinds:
        names += [d.name for d in kind.dimensions if d.name not in names]
    left, right, top, row_gap, bar_h = 150, 60, 30, 10, 14
    plot_w = WIDTH - left - right
    group_h = bar_h * max(len(kinds), 1) + row_gap
    height = top + group_h * len(names) + 10
    chart = Chart(WIDTH, height, title)
    for index, kind in enumerate(kinds):
        x = left + index * 150
        chart.rects.append(Rect(x, 8, 12, 12, f"k{index % KIND_CLASSES}"))
        chart.texts.append(Text(x + 16, 18, kind.display, "legend"))
    for row, name in enumerate(names):
        y = top + row * group_h
        chart.texts.append(Text(left - 8, _r(y + group_h / 2), name, "label", "end"))
        for index, kind in enumerate(kinds):
            found = next((d for d in kind.dimensions if d.name == name), None)
            if found is None or found.mean is None:
                continue
            width = plot_w * found.mean / 100
            y_bar = y + index * bar_h
            value = cells.fixed(found.mean, precision)
            chart.rects.append(
                Rect(
                    left,
                    _r(y_bar),
                    _r(width),
                    bar_h - 2,
                    f"k{index % KIND_CLASSES}",
                    f"{kind.display}：{value}",
                )
            )
            chart.texts.append(Text(_r(left + width + 4), _r(y_bar + bar_h - 4), value, "value"))
    chart.lines.append(Line(left, top - 2, left, height - 8, "axis"))
    return chart


def unit_profile(
    scores: Sequence[tuple[DimensionStats, float | None]],
    title: str,
    legend: tuple[str, str, str],
    precision: int,
) -> Chart:
    """A bar per dimension (the unit's score), a tick at the kind's median and its best."""
    left, right, top, row_h = 150, 60, 30, 30
    plot_w = WIDTH - left - right
    height = top + row_h * len(scores) + 10
    chart = Chart(WIDTH, height, title)
    for index, (css, text) in enumerate(zip(("unit", "median", "best"), legend, strict=True)):
        x = left + index * 130
        chart.rects.append(Rect(x, 8, 12, 12, f"key-{css}"))
        chart.texts.append(Text(x + 16, 18, text, "legend"))
    for row, (dim, score) in enumerate(scores):
        y = top + row * row_h
        chart.texts.append(Text(left - 8, y + 16, dim.name, "label", "end"))
        chart.rects.append(Rect(left, y + 4, plot_w, 18, "track"))
        if score is not None:
            width = plot_w * score / 100
            value = cells.fixed(score, precision)
            chart.rects.append(Rect(left, y + 6, _r(width), 14, "unit", f"{dim.name}：{value}"))
            chart.texts.append(Text(left + plot_w + 10, y + 18, value, "value"))
        for css, mark in (("median", dim.median), ("best", dim.best)):
            if mark is not None:
                at = _r(left + plot_w * mark / 100)
                chart.lines.append(Line(at, y + 1, at, y + 25, css))
    return chart

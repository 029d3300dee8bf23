"""A report's figures read exactly, and the identities of its tables (勾稽关系) checked.

Figures are read as the decimals they were printed as (``Decimal``); each break
of an identity is a :class:`Break`, and :func:`capped` turns the breaks into
points and findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from evaluator import Finding, Outcome

from .texts import AT_MOST, BALANCE, CHANGE, MISSING, SHARE, SUM, TEXT_TABLE


@dataclass(frozen=True)
class Figure:
    """One stated figure: its value, and the printed share and change when stated."""

    value: Decimal
    percent: Decimal | None = None
    change: Decimal | None = None


def exact(number: float) -> Decimal:
    """A number read from a report as the ``Decimal`` it was printed as (52.18, not 52.1799...)."""
    return Decimal(number) if isinstance(number, int) else Decimal(repr(number))


def shown(number: Decimal | Fraction) -> int | float:
    """A figure as a message parameter: whole numbers as ``int`` (1466, not 1466.0)."""
    if number == int(number):
        return int(number)
    return float(number)


def figures_of(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Figure]:
    """Every figure of a report's ``figures``, by dotted path."""
    found: dict[str, Figure] = {}
    for name, node in tree.items():
        path = f"{prefix}{name}"
        if isinstance(node, Mapping) and "value" in node:
            found[path] = Figure(
                exact(node["value"]),
                exact(node["percent"]) if "percent" in node else None,
                exact(node["change"]) if "change" in node else None,
            )
        elif isinstance(node, Mapping):
            found.update(figures_of(node, f"{path}."))
        else:
            found[path] = Figure(exact(node))
    return found


def percent_of(part: Decimal, base: Decimal, decimals: int) -> Decimal:
    """100 × part / base, rounded half-up to ``decimals`` places, exactly (0 when the base is 0)."""
    places = Decimal(1).scaleb(-decimals)
    if base == 0:
        return Decimal(0).quantize(places)
    # Cut (never round) the exact quotient one place past the last printed one:
    # that digit alone decides half-up, so the rounding below is exact.
    scaled = Fraction(part) * 100 * 10 ** (decimals + 1) / Fraction(base)
    cut = Decimal(scaled.numerator // scaled.denominator).scaleb(-(decimals + 1))
    return cut.quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Break:
    """A finding before points are attached: ``costs`` says whether it takes points."""

    code: str
    records: tuple[str, ...]
    params: Mapping[str, Any]
    costs: bool = True


def capped(max_points: float, breaks: Iterable[Break], each: Mapping[str, Fraction]) -> Outcome:
    """Points left after each costing break takes ``each[code]`` (``MISSING`` or a break).

    Together they never take more than ``max_points``: the one that reaches the
    cap is charged what was left, later ones zero, so the findings' deductions
    add up to the points lost. Exact until the points are returned.
    """
    remaining = Fraction(max_points)
    findings: list[Finding] = []
    for item in breaks:
        deduction: float | None = None
        if item.costs:
            cost = min(each[item.code], remaining)
            remaining -= cost
            deduction = float(cost)
        findings.append(Finding(item.code, "", item.records, deduction, item.params))
    return Outcome(float(remaining), tuple(findings))


def _at_precision(number: Decimal, decimals: int | None) -> int | float | str:
    """A share as a message shows it: as printed (trailing zeros kept) when judged so."""
    return shown(number) if decimals is not None else str(number)


def figure_name(path: str, labels: Mapping[str, str]) -> str:
    """A figure's name as the report's table gives it, from the scheme's ``labels``.

    Each level of the path is named by the label of its dotted prefix, else by
    the label of its own name, else by its own name; the names are joined by
    "·" (``requests.received.in_person``: 依申请公开·收到申请·当面申请). A path
    whose levels have no label at all stays the dotted path.
    """
    parts = path.split(".")
    names = [
        labels.get(".".join(parts[: i + 1])) or labels.get(part) for i, part in enumerate(parts)
    ]
    if not any(names):
        return path
    return "·".join(name or part for name, part in zip(names, parts, strict=True))


def printed_decimals(number: Decimal) -> int:
    """How many decimals a figure was printed with (33.9: 1, 4.34: 2, 46: 0)."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class Tables:
    """A report's figures and the breaks found in them, rule by rule.

    ``decimals`` is the precision every printed share is judged at; ``None``
    judges each share at the decimals it is printed with, and its message then
    shows both values at that precision with their trailing zeros ("32.0").
    Figures are named by ``namer`` when given (a report format's names), else
    by ``labels`` (:func:`figure_name`).
    """

    def __init__(
        self,
        figures: Mapping[str, Figure],
        required: Sequence[str],
        decimals: int | None,
        labels: Mapping[str, str] | None = None,
        namer: Callable[[str], str] | None = None,
    ):
        self.figures = figures
        self.required = set(required)
        self.decimals = decimals
        self.labels: Mapping[str, str] = labels or {}
        self.namer = namer
        self.breaks: list[Break] = []
        self._reported: set[str] = set()

    def stated(self, paths: Sequence[str]) -> list[Figure] | None:
        """The figures at ``paths``; ``None`` when any is absent (each reported once)."""
        found = [self.figures.get(path) for path in paths]
        for path, figure in zip(paths, found, strict=True):
            if figure is None:
                self.missing(path)
        return None if None in found else [f for f in found if f is not None]

    def missing(self, path: str) -> None:
        if path in self._reported or path in self.figures:
            return
        self._reported.add(path)
        costs = path in self.required
        params = {"path": path, "name": self.name(path), "required": costs}
        self.breaks.append(Break(MISSING, (path,), params, costs))

    def name(self, path: str) -> str:
        if self.namer is not None:
            return self.namer(path)
        return figure_name(path, self.labels)

    def apply(self, rule: Mapping[str, Any]) -> None:
        if "sum" in rule:
            self.sum(rule["sum"], rule["of"])
        elif "share" in rule:
            self.share(rule["share"], rule["of"])
        elif "at_most" in rule:
            self.at_most(rule["at_most"], rule["of"])
        elif "text_table" in rule:
            self.text_table(rule["text_table"], rule["table"])
        else:
            self.balance(rule["balance"], rule["equals"])

    def sum(self, path: str, parts: Sequence[str]) -> None:
        found = self.stated([path, *parts])
        if found is None:
            return
        total, *pieces = found
        computed = sum((p.value for p in pieces), Decimal(0))
        if computed != total.value:
            values = {"stated": shown(total.value), "computed": shown(computed)}
            named = {"path": path, "name": self.name(path)}
            self.breaks.append(Break(SUM, (path,), {**named, **values, "parts": list(parts)}))
        changes = [p.change for p in pieces]
        if total.change is None or None in changes:
            return
        computed = sum((c for c in changes if c is not None), Decimal(0))
        if computed != total.change:
            values = {"stated": shown(total.change), "computed": shown(computed)}
            named = {"path": path, "name": self.name(path)}
            self.breaks.append(Break(CHANGE, (path,), {**named, **values, "parts": list(parts)}))

    def share(self, parts: Sequence[str], of: str) -> None:
        # Each part is checked on its own: a part the report leaves out does not
        # excuse the percentages it does print.
        found = self.stated([of])
        present = [(p, self.figures[p]) for p in parts if p in self.figures]
        for path in parts:
            if path not in self.figures:
                self.missing(path)
        if found is None:
            return
        base = found[0].value
        for path, part in present:
            if part.percent is None:
                continue
            decimals = self.decimals
            if decimals is None:
                decimals = printed_decimals(part.percent)
            computed = percent_of(part.value, base, decimals)
            if computed != part.percent:
                values = {
                    "path": path,
                    "name": self.name(path),
                    "of_name": self.name(of),
                    "stated": _at_precision(part.percent, self.decimals),
                    "computed": _at_precision(computed, self.decimals),
                    "value": shown(part.value),
                    "base": shown(base),
                    "of": of,
                    "decimals": decimals,
                }
                self.breaks.append(Break(SHARE, (path,), values))

    def at_most(self, path: str, of: str) -> None:
        found = self.stated([path, of])
        if found is None:
            return
        part, whole = found
        if part.value > whole.value:
            values = {"path": path, "stated": shown(part.value), "of": of}
            values |= {"name": self.name(path), "of_name": self.name(of)}
            self.breaks.append(Break(AT_MOST, (path,), {**values, "limit": shown(whole.value)}))

    def text_table(self, text: str, table: str) -> None:
        """The text's figure against the table's, when both are stated."""
        said, printed = self.figures.get(text), self.figures.get(table)
        if said is None or printed is None or said.value == printed.value:
            return
        values: dict[str, Any] = {"path": text, "name": self.name(text), "table": table}
        values |= {"table_name": self.name(table)}
        values |= {"stated": shown(said.value), "computed": shown(printed.value)}
        self.breaks.append(Break(TEXT_TABLE, (text, table), values))

    def balance(self, left: Sequence[str], right: Sequence[str]) -> None:
        found = self.stated([*left, *right])
        if found is None:
            return
        stated = sum((f.value for f in found[: len(left)]), Decimal(0))
        computed = sum((f.value for f in found[len(left) :]), Decimal(0))
        if stated != computed:
            values = {"stated": shown(stated), "computed": shown(computed)}
            sides = {"left": list(left), "right": list(right)}
            sides |= {
                "left_names": [self.name(p) for p in left],
                "right_names": [self.name(p) for p in right],
            }
            self.breaks.append(Break(BALANCE, (*left, *right), {**sides, **values}))

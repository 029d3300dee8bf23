"""The limits every workbook is held to, and the counts of what a sheet would make the reader build.

Shared by the format checks (:mod:`evaluator._inputs.workbook_checks` for
zipped workbooks, :mod:`evaluator._inputs.ods_checks`,
:mod:`evaluator._inputs.xls_checks`): each counts a sheet into a
:class:`SheetCount` and adds it to the workbook's :class:`Tally`, which
refuses the workbook as soon as a total passes its limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from evaluator._core.model import column_letters
from evaluator._reading.files import FileProblem

__all__ = [
    "FORMULA_CELLS_SHOWN",
    "MAX_SHEET_CELLS",
    "MAX_STRING",
    "UNPACKED_RATIO",
    "Inspection",
    "SheetCount",
    "Tally",
    "string_too_long",
    "tag_attributes",
]

UNPACKED_RATIO = 4
"""A workbook's parts, and the text its cells copy, may be this many times the file-size cap."""
MAX_SHEET_CELLS = 10_000_000
"""The largest grid (rows × columns from ``A1``) a workbook's sheets may span together."""
MAX_STRING = 32_767
"""Excel's limit on the characters of one cell, which no shared string may pass either."""
FORMULA_CELLS_SHOWN = 10
"""How many cells holding formulas a sheet's warning names (it counts them all)."""


@dataclass
class SheetCount:
    """What the reader would build for one sheet: its grid from ``A1``, its text, its formulas."""

    name: str
    rows: int = 0
    columns: int = 0
    strings: int = 0
    formulas: list[str] = field(default_factory=list)
    formula_count: int = 0
    held: int = 0
    """Cells the reader holds besides the grid (rows before their repeats, room set aside)."""

    @property
    def cells(self) -> int:
        return max(self.rows * self.columns, self.held)

    @property
    def last(self) -> str:
        return f"{column_letters(max(self.columns, 1))}{max(self.rows, 1)}"

    def place(self, row: int, column: int) -> None:
        """A cell at ``row``, ``column`` (0-based)."""
        if row >= self.rows:
            self.rows = row + 1
        if column >= self.columns:
            self.columns = column + 1

    def formula_at(self, row: int, column: int, times: int = 1) -> None:
        """A cell holding a formula (``times`` cells, for a repeated one)."""
        if self.formula_count < FORMULA_CELLS_SHOWN:
            self.formulas.append(f"{column_letters(column + 1)}{row + 1}")
        self.formula_count += times


@dataclass(frozen=True)
class Inspection:
    """A workbook that passed the checks: its format and, by sheet, the cells holding formulas."""

    kind: str
    formulas: Mapping[str, tuple[tuple[str, ...], int]] = field(default_factory=dict)


class Tally:
    """The running totals of a workbook's sheets, refused as soon as one passes its limit."""

    def __init__(self, max_bytes: int) -> None:
        self.budget = UNPACKED_RATIO * max_bytes
        self.cells = 0
        self.strings = 0
        self.sheets: list[SheetCount] = []

    def add(self, sheet: SheetCount) -> None:
        self.sheets.append(sheet)
        self.cells += sheet.cells
        if self.cells > MAX_SHEET_CELLS:
            params = {"sheet": sheet.name, "cells": self.cells, "limit": MAX_SHEET_CELLS}
            raise FileProblem("sheet.too_many_cells", {**params, "last": sheet.last})
        self.strings += sheet.strings
        if self.strings > self.budget:
            params = {"sheet": sheet.name, "size": self.strings, "limit": self.budget}
            raise FileProblem("sheet.strings_too_large", params)

    def inspection(self, kind: str) -> Inspection:
        formulas = {
            s.name: (tuple(s.formulas), s.formula_count) for s in self.sheets if s.formula_count
        }
        return Inspection(kind, formulas)


_ATTRIBUTE = re.compile(rb"""\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def tag_attributes(attrs: bytes) -> list[tuple[bytes, bytes]]:
    """The attributes of a tag, in order, as an XML reader takes them (quotes respected)."""
    found: list[tuple[bytes, bytes]] = []
    position = 0
    while (match := _ATTRIBUTE.match(attrs, position)) is not None:
        found.append((match[1], match[2] if match[2] is not None else match[3]))
        position = match.end()
    return found


def string_too_long(sheet: str, where: str, length: int) -> FileProblem:
    """The refusal of a text longer than Excel allows in a cell."""
    params = {"sheet": sheet, "cell": where, "length": length, "limit": MAX_STRING}
    return FileProblem("sheet.string_too_long", params)

"""A unit's workbook filled in from the template as a clerk fills it in (issue 22, item 6).

Chinese headers under a title row, a 备注 column, dates typed with dots
(``2016.7.25``), 是/否 for yes and no, the enums' Chinese names, and a list the
unit has none of this year left with its header only or saying 本年度无.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from evaluator._inputs.workbook_layout import LABEL_SEPARATOR, UNIT_SHEET, workbook_layout
from evaluator._scoring.engine import Engine
from evaluator.section_schema import ENUM_TITLES

BEIJING = dt.timezone(dt.timedelta(hours=8))


def typed(value: Any, schema: Mapping[str, Any], *, dots: bool = True) -> Any:
    """A value as a clerk types it: Chinese labels, 是/否, dates with dots (else as date
    cells), times as cells in Beijing time."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.astimezone(BEIJING).replace(tzinfo=None)
    if isinstance(value, dt.date) and dots:
        return f"{value.year}.{value.month}.{value.day}"  # 2016.7.25
    if isinstance(value, str) and ENUM_TITLES in schema:
        return schema[ENUM_TITLES].get(value, value)
    return value


def leaves(value: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(value, Mapping):
        return [leaf for key, sub in value.items() for leaf in leaves(sub, (*path, str(key)))]
    return [(path, value)]


def clerks_workbook(
    template: Path,
    engine: Engine,
    unit: Any,
    sections: Mapping[str, Any],
    out: Path,
    *,
    say_none: bool = False,
) -> None:
    """The template filled in as a clerk does: a title row, a 备注 column, dot dates.

    A list the unit left out loses its sheet; an empty list leaves the sheet with its
    header only, or (``say_none``) with 本年度无 in the first row.
    """
    layout = workbook_layout(engine.schema.schema)
    book = openpyxl.load_workbook(template)
    sheet = book[UNIT_SHEET]
    sheet["B1"], sheet["B2"] = unit.id, unit.name
    sheet["B3"] = engine.scheme.unit_types[unit.type]
    for spec in layout.records:
        records = sections.get(spec.path[0], {}).get(spec.path[1])
        sheet = book[spec.name]
        if records is None:
            book.remove(sheet)
            continue
        sheet["A1"] = f"{unit.name}2016年{spec.name}台账"
        properties = spec.items["properties"]
        names = list(properties)
        sheet.cell(row=2, column=len(names) + 1, value="备注")
        if not records and say_none:
            sheet.append(["本年度无"])
        for number, record in enumerate(records):
            cells = [typed(record.get(n), properties[n]) for n in names]
            sheet.append([*cells, f"第{number + 1}条，经办人核对"])
    for form in layout.forms:
        data = sections.get(form.section)
        if data is None:
            continue
        sheet = book[form.name]
        rows = {r.path: r for r in form.rows}
        plain = {r.path[0] for r in form.rows}
        for path, value in leaves({k: v for k, v in data.items() if k in plain}, ()):
            row = next(r for p, r in rows.items() if path[: len(p)] == p)
            label = LABEL_SEPARATOR.join((row.label, *path[len(row.path) :]))
            sheet.append([label, typed(value, row.schema)])
    book.save(out)

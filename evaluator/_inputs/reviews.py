"""The evaluator's review decisions (复核): ``reviews/`` beside ``criteria/``, or ``--reviews``.

Each file of the folder holds decisions: ``.yaml`` (a list of mappings),
``.csv`` (UTF-8, with or without a byte-order mark; GBK with a warning) or a
workbook (``.xlsx``, also ``.xls``, ``.ods``: its first visible sheet), one
decision per row under a header row of English or Chinese names (title rows
above it and ``备注``/``#`` columns are skipped, as in a unit's record lists).
Cells are read by the readers of a unit's record lists, so a bad cell is an
error located by file, line (or cell) and field, and any error refuses the
run. Files whose name starts with ``.`` or ``~$`` (an open workbook's lock
file) and files of other kinds are not read.

A decision names a unit, an indicator, a finding's code and (optionally) some
of its records; what it does is the engine's (:mod:`evaluator._scoring.reviews`).
The row schema is :data:`DECISION` (``evaluate schema reviews``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from evaluator._core.ids import id_key
from evaluator._core.model import InputError, Location, Message, exact_number
from evaluator._core.paths import display_path
from evaluator._inputs.cells import parse_cell_date
from evaluator._inputs.csv_records import csv_encoding, csv_reader, numbered
from evaluator._inputs.record_files import WORKBOOK_SUFFIXES, files_in
from evaluator._inputs.record_rows import (
    HEADER_SEARCH_ROWS,
    checked_records,
    compile_record,
    find_header,
    lay_out,
)
from evaluator._reading.files import DEFAULT_MAX_BYTES, FileProblem, read_bytes, read_text
from evaluator._reading.validation import coerce_identifiers, convert, validate
from evaluator._reading.yaml_reader import read_yaml
from evaluator.section_schema import DATE, ENUM_TITLES, ID, NON_NEGATIVE, TEXT, record_schema

__all__ = [
    "ACCEPTED",
    "DECISION",
    "DECISIONS",
    "PARTLY",
    "PREFILLED",
    "REJECTED",
    "Decision",
    "Reviews",
    "read_reviews",
    "reviews_schema",
    "split_records",
]

ACCEPTED, PARTLY, REJECTED = "accepted", "partly", "rejected"
DECISIONS = {ACCEPTED: "采纳", PARTLY: "部分采纳", REJECTED: "不采纳"}
"""The decisions and their Chinese names (either may be written)."""

PREFILLED = ("unit", "indicator", "code", "records", "deduction")
"""The fields a template of decisions fills in ahead: a row with nothing else is undecided,
skipped as blank."""


def _field(schema: Mapping[str, Any], title: str, description: str) -> dict[str, Any]:
    return {**schema, "title": title, "description": description}


DECISION: dict[str, Any] = record_schema(
    {
        "unit": _field(ID, "单位编号", "单位编号 / the unit's id (any case)"),
        "indicator": _field(ID, "指标编号", "指标编号 / the indicator's id"),
        "code": _field(ID, "问题代码", "问题代码（规则编号） / the finding's code"),
        "records": _field(
            TEXT,
            "涉及记录",
            "涉及记录，以“、”或“,”分隔；空=该问题的全部记录 / the finding's records, separated "
            "by 、 or , (empty: all of them); naming some restores their share",
        ),
        "deduction": _field(
            NON_NEGATIVE,
            "扣分",
            "公布的扣分（仅供参考，不读取） / the published deduction (for reading; not used)",
        ),
        "decision": _field(
            {"type": "string", "enum": list(DECISIONS), ENUM_TITLES: DECISIONS},
            "复核结论",
            "复核结论：accepted 采纳 | partly 部分采纳 | rejected 不采纳 / the decision",
        ),
        "points": _field(
            NON_NEGATIVE,
            "调整分值",
            "恢复的分值（部分采纳必填；采纳留空=恢复该问题的全部扣分） / points restored "
            "(required when partly; accepted and empty: the finding's whole deduction)",
        ),
        "reason": _field(ID, "理由", "复核理由 / the reason (required)"),
        "reviewer": _field(ID, "复核人", "复核人 / who decided (required)"),
        "decided_on": _field(DATE, "复核日期", "复核日期 / the day of the decision"),
    },
    ["unit", "indicator", "code", "decision", "reason", "reviewer"],
    "一条复核决定 / one review decision",
)
"""One decision, as a row of a CSV file or sheet, or a mapping of a YAML list."""

_SUFFIXES = (".yaml", ".yml", ".csv", *WORKBOOK_SUFFIXES)
_SEPARATORS = re.compile(r"[、,，;；]")


def reviews_schema() -> dict[str, Any]:
    """The JSON Schema of one decisions file (``evaluate schema reviews``): a list of
    :data:`DECISION`; a CSV file or a sheet holds the same rows."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "复核决定 / review decisions (reviews/*.yaml, .csv, .xlsx)",
        "description": "reviews/ 文件夹中的一个文件：每条一项复核决定；CSV 与工作表每行一项，"
        "表头为字段名或中文名 / one file of the reviews folder: a decision per entry; a CSV "
        "file or a sheet holds one per row, headed by the field names or their Chinese titles",
        "type": "array",
        "items": DECISION,
    }


def split_records(text: str) -> tuple[str, ...]:
    """The records a decision names: its ``records`` cut at ``、`` or ``,`` (full-width
    too, and ``;``), each trimmed, empties dropped; ``()`` means all of the finding's."""
    return tuple(part.strip() for part in _SEPARATORS.split(text) if part.strip())


@dataclass(frozen=True)
class Decision:
    """One review decision, as read, with its row (``location``)."""

    location: Location
    unit: str
    indicator: str
    code: str
    records: tuple[str, ...]
    decision: str
    points: Fraction | None
    reason: str
    reviewer: str
    decided_on: dt.date | None


@dataclass(frozen=True)
class Reviews:
    """Every decision of a reviews folder, in file order, and the folder's files.

    ``files`` are (file name, sha256), sorted by name; ``path`` the folder as shown.
    """

    path: str = ""
    files: tuple[tuple[str, str], ...] = ()
    decisions: tuple[Decision, ...] = ()
    warnings: tuple[Message, ...] = ()
    by_unit: Mapping[str, tuple[Decision, ...]] = field(default_factory=dict)

    def for_unit(self, unit_id: str) -> tuple[Decision, ...]:
        """The decisions on a unit (ids matched without regard to case), in file order."""
        return self.by_unit.get(id_key(unit_id), ())


def read_reviews(
    folder: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Reviews | None, list[InputError]]:
    """The decisions in ``folder`` (``None``: no reviews folder, nothing read) and every error
    (a bad cell, an unreadable file, a decision that says too little); with any error the
    caller refuses the run, as for a bad evidence list."""
    if folder is None:
        return None, []
    decisions: list[Decision] = []
    files: list[tuple[str, str]] = []
    warnings: list[Message] = []
    errors: list[InputError] = []
    for name in _files_in(folder):
        path = os.path.join(folder, name)
        shown = display_path(path)
        suffix = os.path.splitext(name)[1].lower()
        try:
            if suffix in (".yaml", ".yml"):
                text = read_text(path, max_bytes)
                files.append((name, text.sha256))
                rows = _yaml_rows(text.text, shown)
            else:
                raw = read_bytes(path, max_bytes)
                files.append((name, raw.sha256))
                rows = _table_rows(raw.data, suffix, shown, max_bytes, warnings)
        except FileProblem as problem:
            errors.append(problem.error(shown))
            continue
        except _Problems as problems:
            errors.extend(problems.errors)
            continue
        for where, row in rows:
            decision = _decision(where, row, errors)
            if decision is not None:
                decisions.append(decision)
    by_unit: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_unit.setdefault(id_key(decision.unit), []).append(decision)
    reviews = Reviews(
        display_path(folder),
        tuple(sorted(files)),
        tuple(decisions),
        tuple(warnings),
        {unit: tuple(found) for unit, found in by_unit.items()},
    )
    return reviews, errors


def _files_in(folder: str) -> list[str]:
    """The decision files in ``folder``, sorted by name (lock files and hidden files left out)."""
    return [name for name in files_in(folder, _SUFFIXES) if not name.startswith((".", "~$"))]


class _Problems(Exception):
    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(errors)
        self.errors = errors


Row = tuple[Location, Mapping[str, Any]]


def _yaml_rows(text: str, shown: str) -> list[Row]:
    """The decisions of a YAML file: a list of mappings, checked against :data:`DECISION`."""
    loaded, positions = read_yaml(text)
    loaded = [] if loaded is None else loaded
    if isinstance(loaded, list):
        for entry in loaded:  # what cells take: the decisions' Chinese names, dates as typed
            if isinstance(entry, dict):
                _as_cells_read(entry)
    schema = reviews_schema()
    loaded = coerce_identifiers(loaded, schema)
    found = validate(loaded, schema, positions, shown)
    if found:
        raise _Problems(found)
    rows = convert(loaded, schema)
    return [
        (Location(shown, *positions.locate((index,))[1]), row) for index, row in enumerate(rows)
    ]


def _as_cells_read(entry: dict[str, Any]) -> None:
    """A YAML decision read as a cell would be: 采纳 for ``accepted``, ``2017.5.2`` or
    ``2017年5月2日`` for ``2017-05-02`` (anything else is left for the schema to word)."""
    if entry.get("decision") in DECISIONS.values():
        entry["decision"] = next(v for v, name in DECISIONS.items() if name == entry["decision"])
    written = entry.get("decided_on")
    if isinstance(written, str):
        with contextlib.suppress(ValueError):  # else the schema says what is wrong
            entry["decided_on"] = parse_cell_date(written.strip()).isoformat()


def _table_rows(
    data: bytes, suffix: str, shown: str, max_bytes: int, warnings: list[Message]
) -> list[Row]:
    """The decisions of a CSV file or a workbook's first sheet, each at its line or row."""
    table = compile_record(DECISION, prefilled=PREFILLED)
    lines, locate, source = _lines(data, suffix, shown, max_bytes, warnings)
    header = find_header(lines, table)
    if header is None:
        params = {"rows": HEADER_SEARCH_ROWS, "known": table.known}
        raise _Problems([InputError(locate(1, 0), "csv.no_header", params)])
    line, _, texts = header
    layout, errors = lay_out(texts, table, line, locate)
    if errors:
        raise _Problems(errors)
    rows: list[Row] = []
    for number, cells in lines:  # row by row, so that each decision keeps its row
        records, found = checked_records(iter([(number, cells)]), layout, table, source, locate)
        errors += found
        rows += [(locate(number, 0), record) for record in records]
    if errors:
        raise _Problems(errors)
    return rows


def _lines(
    data: bytes, suffix: str, shown: str, max_bytes: int, warnings: list[Message]
) -> tuple[Iterator[tuple[int, list[Any]]], Any, Any]:
    """A file's rows, numbered, how to locate a cell in it, and what its cells are."""
    if suffix == ".csv":
        encoding, said = csv_encoding(data, shown)
        warnings.extend(said)

        def at_line(line: int, column: int) -> Location:
            return Location(shown, line, column)

        return numbered(csv_reader(data, encoding)), at_line, "text"
    from evaluator._inputs.spreadsheets import choose_sheet, open_workbook, sheet_warnings

    workbook = open_workbook(data, max_bytes, shown=shown)
    name = choose_sheet(workbook, None)
    sheet = workbook.sheet(name)
    warnings.extend(sheet_warnings(workbook, name, shown))
    offset = sheet.first_column

    def at_cell(row: int, column: int) -> Location:
        return Location(shown, row, column + offset if column else 0, name)

    return enumerate(sheet.rows(), 1), at_cell, "values"


def _decision(where: Location, row: Mapping[str, Any], errors: list[InputError]) -> Decision | None:
    """The decision of a row that passed its schema, or ``None`` with an error when its
    points do not fit its decision."""
    decision = str(row["decision"])
    given = row.get("points")
    points = None if given is None else exact_number(given)
    code = str(row["code"])
    if decision == PARTLY and points is None:
        errors.append(InputError(where, "review.points_required", {"code": code}))
        return None
    if decision == REJECTED and points:
        errors.append(InputError(where, "review.points_rejected", {"points": float(points)}))
        return None
    if decision == PARTLY and code.startswith("audit."):
        errors.append(InputError(where, "review.claim_partly", {"code": code}))
        return None
    decided_on = row.get("decided_on")
    return Decision(
        location=where,
        unit=str(row["unit"]),
        indicator=str(row["indicator"]),
        code=code,
        records=split_records(str(row.get("records") or "")),
        decision=decision,
        points=points,
        reason=str(row["reason"]),
        reviewer=str(row["reviewer"]),
        decided_on=decided_on if isinstance(decided_on, dt.date) else None,
    )

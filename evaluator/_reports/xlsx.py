"""The results as an Excel workbook (``--format xlsx``), as a client receives them.

Sheets, in order: one ranking per unit kind, named by its display name (header
with each dimension's weight, frozen header, scores as numbers at the scheme's
precision, grade fills, vetoed and incomplete units marked, a native chart of
the totals' distribution beside it); 扣分明细 (one row per finding shown,
filterable); 扣分记录 (one row per record of each finding shown that names
more than ``MERGED_SHOWN`` records, with its share of the points lost; only
when there is one); 未评分 (every submission that could not be scored, and why); 说明
(scheme, weights, grade bands and the run's provenance).

The workbook is written in openpyxl's write-only mode, row by row, each unit's
findings read back only while its rows are written, so memory stays bounded
per unit. It is byte-identical for the same results: document properties carry
the results' ``generated_at`` (which ``SOURCE_DATE_EPOCH`` fixes) and every zip
entry that time. Text cells pass through
:func:`~evaluator._reports.escaping.spreadsheet_cell`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from evaluator._core.model import MERGED_SHOWN, Evaluation, exact_number
from evaluator._reports import cells
from evaluator._reports.csv_tables import RECORDS_LIMIT
from evaluator._reports.escaping import spreadsheet_cell
from evaluator._reports.json_results import (
    ENGINE_NAME,
    error_documents,
    scheme_document,
    unit_document,
)
from evaluator._reports.labels import label
from evaluator._reports.overview import KindOverview, overviews

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["sheet_title", "write_xlsx"]

Doc = Mapping[str, Any]
Sheet = Any
"""An openpyxl write-only sheet: it takes ``column_dimensions``, ``auto_filter`` and
charts at run time, which openpyxl's type stubs only declare for ordinary sheets."""

# first grade green, middle ones yellow, the last red (Excel's own "good, neutral, bad")
_GOOD, _NEUTRAL, _BAD = "C6EFCE", "FFEB9C", "FFC7CE"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_VETO_FONT = Font(bold=True, color="9C0006")
_GREY = Font(italic=True, color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")
# what the distribution table and its chart (16 × 8 cm, at row 13) cover, printed on a
# page of their own: the chart's width in default columns, the row below its foot
_CHART_COLUMNS, _CHART_END = 9, 30
_FORBIDDEN_IN_TITLES = re.compile(r"[\[\]:*?/\\]")
ZipTime = tuple[int, int, int, int, int, int]
"""A zip entry's date: year, month, day, hour, minute, second."""

# the document properties' two times, which openpyxl sets to the time of saving
_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def write_xlsx(
    ev: Evaluation,
    stream: IO[bytes],
    *,
    lang: str = "zh",
    baseline: Baseline | None = None,
    public: bool = False,
) -> None:
    """Write the workbook of ``ev`` to the binary ``stream``; ``public``: the ranking sheets
    and 说明 alone (no finding, no unscored input's path, no notes to verify)."""
    label("rank", lang)  # rejects an unknown language before any work
    workbook = Workbook(write_only=True)
    units = [unit_document(ev, u, detailed=False, baseline=baseline, lang=lang) for u in ev.units]
    kinds = overviews(ev.scheme, units)
    reserved = [label(k, lang) for k in ("lost_points", "unscored", "about", "record_losses")]
    taken = list(reserved)
    for kind in kinds:
        title = sheet_title(kind.display, taken)
        taken.append(title)
        _ranking_sheet(workbook.create_sheet(title), kind, ev, lang, baseline, public)
    with tempfile.TemporaryFile() as scratch, tempfile.TemporaryFile() as rows:
        # 扣分记录 comes right after 扣分明细, made while that is written and only if needed
        companion = _Companion(lambda: workbook.create_sheet(reserved[3]), lang, rows)
        if not public:
            _findings_sheet(workbook.create_sheet(reserved[0]), ev, lang, companion)
            _unscored_sheet(workbook.create_sheet(reserved[1]), ev, lang)
        _about_sheet(workbook.create_sheet(reserved[2]), ev, kinds, lang, baseline, public)
        moment = _moment(ev.generated_at)
        workbook.properties.creator = ENGINE_NAME
        workbook.properties.title = ev.scheme.name
        workbook.properties.created = workbook.properties.modified = moment
        workbook.save(scratch)
        scratch.seek(0)
        core_time = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        reproducible_zip(scratch, stream, _zip_time(moment), core_time, companion.parts())


def sheet_title(name: str, taken: Sequence[str]) -> str:
    """A valid sheet title for ``name``: no ``[]:*?/\\``, at most 31 characters, not yet
    ``taken`` (compared as Excel does, ignoring case)."""
    base = _FORBIDDEN_IN_TITLES.sub(" ", spreadsheet_cell(name)).strip(" '") or "Sheet"
    lowered = {t.lower() for t in taken}
    candidate, number = base[:31], 1
    while candidate.lower() in lowered:
        number += 1
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
    return candidate


# ---------------------------------------------------------------- cells


def _text_cell(sheet: Sheet, value: str | None, *, limit: int = 200, **style: Any) -> Any:
    """A cell of text, made safe for a spreadsheet (no formula runs), with ``style``."""
    cell = WriteOnlyCell(sheet, value=None if value is None else spreadsheet_cell(value, limit))
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _number_cell(sheet: Sheet, value: float | int | None, fmt: str, **style: Any) -> Any:
    """A cell holding ``value`` as a number shown in the format ``fmt``, with ``style``."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = fmt
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _header(sheet: Sheet, names: Iterable[str]) -> list[Any]:
    return [_text_cell(sheet, n, font=_BOLD, fill=_HEADER_FILL, alignment=_WRAP) for n in names]


def _score_format(precision: int) -> str:
    return "0" if precision == 0 else "0." + "0" * precision


def _plain_format(value: float | int | None) -> str:
    """The number format showing ``value`` with at most two decimals and no trailing dot.

    ``0.##`` shows a whole number as ``30.`` in Excel and WPS; the format is
    chosen per value instead, the value itself kept exact.
    """
    if value is None:
        return "0"
    # rounded as a spreadsheet shows it: the shortest decimal of the float, halves up
    shown = Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if shown == shown.to_integral_value():
        return "0"
    return "0.0" if shown * 10 == (shown * 10).to_integral_value() else "0.00"


def _plain_cell(sheet: Sheet, value: float | int | None, **style: Any) -> Any:
    """A cell holding ``value`` as a number shown by :func:`_plain_format`."""
    return _number_cell(sheet, value, _plain_format(value), **style)


def _print_setup(sheet: Sheet, *, headed: bool = True, areas: Sequence[str] = ()) -> None:
    """Set ``sheet`` up to print: A4 landscape, one page wide (no column falls onto a
    second page), no gridlines, its first row on every page if ``headed``, and only
    ``areas`` (ranges, each printed from a new page) if given.

    Call it before the sheet's first row: a write-only sheet writes its properties
    (where "fit to page" is) with that row.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4, what a Chinese office prints on
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    if headed:
        sheet.print_title_rows = "1:1"
    if areas:
        sheet.print_area = list(areas)


def _widths(sheet: Sheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _grade_fills(ev: Evaluation) -> dict[str, PatternFill]:
    grades = [g.name for g in ev.scheme.grades]
    fills = {}
    for position, name in enumerate(grades):
        colour = _GOOD if position == 0 else _BAD if position == len(grades) - 1 else _NEUTRAL
        fills[name] = PatternFill("solid", fgColor=colour)
    return fills


# ---------------------------------------------------------------- sheets


def _ranking_sheet(
    sheet: Sheet,
    kind: KindOverview,
    ev: Evaluation,
    lang: str,
    baseline: Baseline | None,
    public: bool = False,
) -> None:
    """Rank, id, name, a column per dimension (with its weight), total, grade, note."""
    precision = ev.scheme.precision
    scores = _score_format(precision)
    compare = ("prev_total", "prev_rank", "prev_grade", "change") if baseline else ()
    headers = [label(k, lang) for k in ("rank", "id", "unit")]
    headers += [
        label("weighted", lang).format(name=d.name, weight=cells.compact(d.weight, 2))
        for d in kind.dimensions
    ]
    headers += [label(k, lang) for k in ("total", "grade", *compare, "note")]
    side = len(headers) + 2  # the distribution table, one empty column to the right
    _widths(
        sheet,
        [6, 18, 28] + [14] * len(kind.dimensions) + [9, 9] + [10] * len(compare) + [30, 2, 10, 8],
    )
    sheet.freeze_panes = "D2"
    table = f"A1:{get_column_letter(len(headers))}{len(kind.units) + 1}"
    chart_page = (
        f"{get_column_letter(side)}1:{get_column_letter(side + _CHART_COLUMNS)}{_CHART_END}"
    )
    _print_setup(sheet, areas=[table, chart_page])
    fills = _grade_fills(ev)
    side_headers = _header(sheet, [label("band", lang), label("unit_count", lang)])
    rows: list[list[Any]] = [[*_header(sheet, headers), None, *side_headers]]
    for unit in kind.units:
        marked: dict[str, Any] = {"font": _VETO_FONT} if unit["vetoed"] else {}
        if unit["status"] == "incomplete":
            marked = {"font": _GREY}
        row = [
            _number_cell(sheet, unit["rank"], "0"),
            _text_cell(sheet, unit["id"]),
            _text_cell(sheet, unit["name"], **marked),
        ]
        row += [
            _number_cell(sheet, cells.dimension_score(unit, d.id), scores) for d in kind.dimensions
        ]
        row.append(_number_cell(sheet, unit["total"], scores, font=_BOLD))
        grade_style: dict[str, Any] = {}
        if unit["grade"] in fills:
            grade_style["fill"] = fills[unit["grade"]]
        row.append(_text_cell(sheet, unit["grade"], **grade_style, **marked))
        if baseline is not None:
            row += _compared(sheet, unit.get("baseline"), scores, lang)
        row.append(_text_cell(sheet, cells.note(unit, lang, public=public), **marked))
        rows.append(row)
    for index, band in enumerate(kind.bands, start=1):
        if index >= len(rows):
            rows.append([None] * (side - 2))
        rows[index] += [None] * (side - 1 - len(rows[index]))
        rows[index] += [_text_cell(sheet, band.label), _number_cell(sheet, band.count, "0")]
    for row in rows:
        sheet.append(row)
    sheet.auto_filter.ref = table
    sheet.add_chart(_distribution_chart(sheet, kind, side, lang), f"{get_column_letter(side)}13")


def _compared(sheet: Sheet, before: Doc | None, scores: str, lang: str) -> list[Any]:
    if before is None:
        return [None, None, None, _text_cell(sheet, label("new_unit", lang))]
    change_format = f"+{scores};-{scores};{scores}"
    return [
        _number_cell(sheet, before["total"], scores),
        _number_cell(sheet, before["rank"], "0"),
        _text_cell(sheet, before["grade"]),
        _number_cell(sheet, before["change"], change_format),
    ]


def _distribution_chart(sheet: Sheet, kind: KindOverview, column: int, lang: str) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = label("distribution", lang).format(kind=kind.display)
    chart.y_axis.title = label("unit_count", lang)
    chart.x_axis.title = label("band", lang)
    chart.legend = None
    last = len(kind.bands) + 1
    data = Reference(sheet, min_col=column + 1, min_row=1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=column, min_row=2, max_row=last))
    chart.width, chart.height = 16, 8
    return chart


def _findings_sheet(sheet: Sheet, ev: Evaluation, lang: str, companion: _Companion) -> None:
    """扣分明细: one row per finding shown (unit by unit, read back one at a time); the
    records of those naming many go to ``companion``."""
    keys = ("id", "unit", "dimension", "indicator", "lost", "code", "finding", "records")
    _widths(sheet, [18, 24, 16, 24, 8, 28, 60, 40])
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    sheet.append(_header(sheet, [label(k, lang) for k in keys]))
    precision = ev.scheme.precision
    count = 0
    for unit_result in ev.units:
        unit = unit_document(ev, unit_result, lang=lang)
        dimensions = {d["id"]: d["name"] for d in unit["dimensions"]}
        for ind in cells.lost_indicators(unit, precision):
            texts = [unit["id"], unit["name"], dimensions.get(ind["dimension"], ind["dimension"])]
            texts.append(cells.indicator_label(unit, ind, precision, lang))
            shown: list[Doc | None] = [*cells.shown_findings(ind, precision)] or [None]
            for f in shown:
                head = [_text_cell(sheet, t) for t in texts]  # a written cell cannot be reused
                if f is None:
                    lost = ind["max"] - ind["points"]
                    sheet.append(
                        [*head, _plain_cell(sheet, lost), _text_cell(sheet, ind["status"])]
                    )
                else:
                    sheet.append(
                        [
                            *head,
                            _plain_cell(sheet, f["deduction"]),
                            _text_cell(sheet, f["code"]),
                            _text_cell(sheet, f["message"], limit=2000),
                            _text_cell(sheet, ", ".join(f["records"]), limit=RECORDS_LIMIT),
                        ]
                    )
                    if len(f["records"]) > MERGED_SHOWN:
                        companion.add(unit, texts[3], f)
                count += 1
    sheet.auto_filter.ref = f"A1:H{count + 1}"
    companion.close()


class _Companion:
    """扣分记录: one row per record of a finding naming more than ``MERGED_SHOWN``
    (unit, indicator, code, record, the record's share of the points lost).

    The sheet is made by ``make`` at its first row, so a workbook without such a
    finding has none. A record's share is exact (its scorer's deduction times the
    finding's ``share_scale``), shown as a number; a finding that keeps no
    per-record deduction (a listing) leaves it empty. There can be a row per
    record a unit sent (100,000 late requests): openpyxl writes only the header,
    the rows go as plain sheet XML to ``rows`` and :func:`reproducible_zip` puts
    them in the sheet's part (a row costs ~2 µs instead of ~200 µs).
    """

    _KEYS = ("id", "unit", "indicator", "code", "record", "deduction")

    def __init__(self, make: Callable[[], Sheet], lang: str, rows: IO[bytes]) -> None:
        self._make = make
        self._lang = lang
        self._rows = rows
        self._sheet: Sheet | None = None
        self._count = 0

    def add(self, unit: Doc, indicator: str, finding: Doc) -> None:
        """A row for each record of ``finding``, of ``indicator`` (its label) in ``unit``."""
        if self._sheet is None:
            sheet = self._sheet = self._make()
            _widths(sheet, [18, 24, 24, 28, 30, 12])
            sheet.freeze_panes = "A2"
            _print_setup(sheet)
            sheet.append(_header(sheet, [label(k, self._lang) for k in self._KEYS]))
        head = [_xml_text(t) for t in (unit["id"], unit["name"], indicator, finding["code"])]
        shares = _record_shares(finding) or [None] * len(finding["records"])
        rows = []
        for record, share in zip(finding["records"], shares, strict=True):
            self._count += 1
            rows.append(_xml_row(self._count + 1, [*head, _xml_text(record, 1000)], share))
        self._rows.write("".join(rows).encode("utf-8"))

    def close(self) -> None:
        """The filter over every row written, if the sheet was made."""
        if self._sheet is not None:
            self._sheet.auto_filter.ref = f"A1:F{self._count + 1}"

    def parts(self) -> dict[str, IO[bytes]]:
        """After saving: the sheet's zip part and the rows that go into it (none if unmade)."""
        if self._sheet is None:
            return {}
        return {str(self._sheet.path).lstrip("/"): self._rows}


def _xml_text(text: str, limit: int = 200) -> str:
    """``text`` as a spreadsheet cell shows it (no formula runs), escaped for XML."""
    return escape(ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_cell(text, limit)))


def _xml_row(number: int, texts: Sequence[str], value: float | None) -> str:
    """Row ``number`` of 扣分记录 as sheet XML: ``texts`` (escaped) from column A, then
    ``value`` as a number, as openpyxl writes such cells."""
    cells = [
        f'<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for column, text in zip("ABCDE", texts, strict=True)
        if text
    ]
    if value is not None:
        cells.append(f'<c r="F{number}" t="n"><v>{value!r}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _record_shares(finding: Doc) -> list[float | None]:
    """Each record's share of the points lost, from a merged finding's ``record_deductions``
    and ``share_scale`` as the results keep them; empty when it keeps none."""
    deductions, scale = finding.get("record_deductions"), finding.get("share_scale")
    if not deductions or scale is None:
        return []
    factor = Fraction(scale)
    return [None if d is None else float(_kept_number(d) * factor) for d in deductions]


def _kept_number(value: float | str) -> Fraction:
    """A deduction as the results keep it (a number, or a fraction as text), exactly."""
    return Fraction(value) if isinstance(value, str) else exact_number(value)


def _unscored_sheet(sheet: Sheet, ev: Evaluation, lang: str) -> None:
    """未评分: file, line, column and reason of every input that could not be scored."""
    errors = error_documents(ev, lang)
    coded = any("code" in e for e in errors)
    keys = ("file", "line", "column", *(("code",) if coded else ()), "reason")
    _widths(sheet, [40, 6, 6, *((24,) if coded else ()), 80])
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    sheet.append(_header(sheet, [label(k, lang) for k in keys]))
    for error in errors:
        code = [_text_cell(sheet, error.get("code"))] if coded else []
        sheet.append(
            [
                _text_cell(sheet, error["path"], limit=1000),
                _number_cell(sheet, error["line"], "0"),
                _number_cell(sheet, error["column"], "0"),
                *code,
                _text_cell(sheet, error["message"], limit=2000),
            ]
        )


def _about_sheet(
    sheet: Sheet,
    ev: Evaluation,
    kinds: list[KindOverview],
    lang: str,
    baseline: Baseline | None,
    public: bool = False,
) -> None:
    """说明: what was evaluated with what, and how to read the numbers (``public``: without
    the scheme's and plugins' ids, the baseline file's path, or the policy on claims to
    verify)."""
    scheme = ev.scheme
    _widths(sheet, [22, 24] + [18] * len(kinds))
    _print_setup(sheet, headed=False)

    def pair(key: str, value: str) -> list[Any]:
        return [
            _text_cell(sheet, label(key, lang), font=_BOLD),
            _text_cell(sheet, value, limit=1000),
        ]

    plugins = label("list_sep", lang).join(f"{p.name} {p.version or '-'}" for p in ev.plugins)
    rows: list[list[Any]] = [
        pair("scheme", scheme.name),
        *([] if public else [pair("scheme_id", scheme.id)]),
        pair("version", scheme.version),
        pair("scheme_sha256", scheme.sha256),
        pair("as_of", scheme.as_of.isoformat()),
        pair("precision", str(scheme.precision)),
        pair("engine", f"{ENGINE_NAME} {ev.engine_version}"),
        *([] if public else [pair("plugins", plugins)]),
        pair("generated_at", ev.generated_at),
    ]
    if baseline is not None and not public:
        source = label("baseline_source", lang).format(path=baseline.path, sha=baseline.sha256)
        rows.append(pair("baseline", source))
    rows.append([])
    rows.append(_header(sheet, [label("weights", lang), *(k.display for k in kinds)]))
    weights = {k.kind: {d.id: d.weight for d in k.dimensions} for k in kinds}
    for dim in scheme.dimensions:
        row = [_text_cell(sheet, dim.name)]
        row += [_plain_cell(sheet, weights[k.kind].get(dim.id)) for k in kinds]
        rows.append(row)
    rows.append([])
    rows.append(_header(sheet, [label("grades", lang), label("min_score", lang)]))
    rows += [[_text_cell(sheet, g.name), _plain_cell(sheet, g.min)] for g in scheme.grades]
    rows.append([])
    rows.append([_text_cell(sheet, label("grade_rule", lang), limit=1000)])
    rows.append(
        [_text_cell(sheet, label("rank_rule", lang).format(precision=scheme.precision), limit=1000)]
    )
    rows.append([_text_cell(sheet, cells.veto_policy(scheme_document(scheme), lang), limit=1000)])
    if not public:
        claims = cells.claims_policy(scheme_document(scheme), lang)
        rows.append([_text_cell(sheet, claims, limit=1000)])
    for row in rows:
        sheet.append(row)


# ---------------------------------------------------------------- reproducible bytes


def _moment(generated_at: str) -> dt.datetime:
    """``generated_at`` as a naive UTC time (what document properties store), 1980 at least."""
    try:
        moment = dt.datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
    except ValueError:
        moment = dt.datetime(1980, 1, 1)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return max(moment, dt.datetime(1980, 1, 1))  # the earliest time a zip entry holds


def _zip_time(moment: dt.datetime) -> ZipTime:
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def reproducible_zip(
    source: IO[bytes],
    target: IO[bytes],
    stamp: ZipTime,
    core_time: str,
    rows: Mapping[str, IO[bytes]] | None = None,
) -> None:
    """Copy the zip ``source`` to ``target``, streamed, with nothing that depends on when.

    Every entry is dated ``stamp`` (a ``(year, month, day, hour, minute, second)``
    tuple, 1980 at least) and the document properties' creation and modification
    times are ``core_time`` (``2017-01-10T00:00:00Z``): openpyxl stamps both
    with the time of saving, whatever it is told. The workbook report and the
    fill-in template both write through here. ``rows`` maps a sheet's part to
    sheet XML rows written apart, which go at the end of its ``sheetData``.
    """
    when = core_time.encode()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            if info.filename == "docProps/core.xml":
                copy.writestr(entry, _TIMES.sub(rb"\g<1>" + when + rb"\g<2>", original.read(info)))
                continue
            extra = (rows or {}).get(info.filename)
            if extra is not None:
                head, tail = original.read(info).rsplit(b"</sheetData>", 1)
                extra.seek(0)
                with copy.open(entry, "w") as writing:
                    writing.write(head)
                    shutil.copyfileobj(extra, writing, 1 << 20)
                    writing.write(b"</sheetData>" + tail)
                continue
            with original.open(info) as reading, copy.open(entry, "w") as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)

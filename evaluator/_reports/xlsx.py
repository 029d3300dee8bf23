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
import io
import os
import re
import shutil
import tempfile
import unicodedata
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
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from evaluator._core.model import MERGED_SHOWN, Brand, Evaluation, exact_number
from evaluator._core.zones import local_time
from evaluator._reports import cells, review_cells
from evaluator._reports.csv_tables import RECORDS_LIMIT
from evaluator._reports.escaping import spreadsheet_cell
from evaluator._reports.json_results import (
    ENGINE_NAME,
    error_documents,
    reviews_document,
    scheme_document,
    unit_document,
)
from evaluator._reports.labels import label
from evaluator._reports.overview import KindOverview, overviews
from evaluator._scheme.brand import image_size

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = ["FIXED_TIME", "save_workbook", "sheet_title", "write_xlsx"]

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
_MIDDLE = Alignment(vertical="center")
_WRAP_MIDDLE = Alignment(wrap_text=True, vertical="center")
_LINE_HEIGHT = 15  # points: a line of the default 11-point font
# the letterhead above the first sheet's table: rows, each row's height, the logo's height
_LETTERHEAD_ROWS, _LETTERHEAD_HEIGHT, _LOGO_PIXELS = 3, 24, 56
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
    brand: Brand | None = None,
    public: bool = False,
) -> None:
    """Write the workbook of ``ev`` to the binary ``stream``; ``brand``'s letterhead above
    the first sheet's table and in every sheet's print header and footer; ``public``: the
    ranking sheets and 说明 alone (no finding, no review, no unscored input's path, no notes
    to verify)."""
    label("rank", lang)  # rejects an unknown language before any work
    workbook = Workbook(write_only=True)
    units = [unit_document(ev, u, detailed=False, baseline=baseline, lang=lang) for u in ev.units]
    kinds = overviews(ev.scheme, units)
    reserved = [label(k, lang) for k in ("lost_points", "unscored", "about", "record_losses")]
    record = None if ev.reviews is None else reviews_document(ev.reviews, lang)
    reviewed = not public and review_cells.has_reviews(record, units)
    taken = list(reserved) + ([label("reviews", lang)] if reviewed else [])
    for index, kind in enumerate(kinds):
        title = sheet_title(kind.display, taken)
        taken.append(title)
        sheet = _branded(workbook, title, brand)
        _ranking_sheet(
            sheet, kind, ev, lang, baseline, reviewed, brand, letterhead=index == 0, public=public
        )
    with tempfile.TemporaryFile() as scratch, tempfile.TemporaryFile() as rows:
        # 扣分记录 comes right after 扣分明细, made while that is written and only if needed
        companion = _Companion(lambda: _branded(workbook, reserved[3], brand), lang, rows)
        if not public:
            _findings_sheet(_branded(workbook, reserved[0], brand), ev, lang, companion)
        if reviewed:
            sheet = _branded(workbook, label("reviews", lang), brand)
            details = (unit_document(ev, u, baseline=baseline, lang=lang) for u in ev.units)
            withdrawn = review_cells.withdrawn_table(details, lang) if baseline else None
            _reviews_sheet(sheet, review_cells.review_table(units, record, lang), lang, withdrawn)
        if not public:
            _unscored_sheet(_branded(workbook, reserved[1], brand), ev, lang)
        _about_sheet(_branded(workbook, reserved[2], brand), ev, kinds, lang, baseline, public)
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


def _text_cell(
    sheet: Sheet, value: str | tuple[str, ...] | None, *, limit: int = 200, **style: Any
) -> Any:
    """A cell of text, made safe for a spreadsheet (no formula runs), with ``style``; lines
    (a tuple) each made safe, on lines of their own."""
    if isinstance(value, tuple):
        value = "\n".join(spreadsheet_cell(line, limit) for line in value)
    elif value is not None:
        value = spreadsheet_cell(value, limit)
    cell = WriteOnlyCell(sheet, value=value)
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


def _header(sheet: Sheet, names: Iterable[str | tuple[str, ...]]) -> list[Any]:
    return [_text_cell(sheet, n, font=_BOLD, fill=_HEADER_FILL, alignment=_WRAP) for n in names]


def _fit_height(
    sheet: Sheet, row: int, texts: Iterable[str | None], widths: Sequence[float]
) -> None:
    """Make row ``row`` tall enough for ``texts`` (column by column) wrapped in columns of
    ``widths``, so that no wrapped line is clipped, in print as on screen (LibreOffice
    and Excel do not grow a row a write-only sheet leaves at its default height).

    Call it before the row is written. A width counts characters of the default font;
    a Chinese character takes two.
    """
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        room = max(int(width) - 1, 1)
        needed = 0
        for part in (text or "").split("\n"):
            wide = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in part)
            needed += max(1, -(-wide * 11 // 10 // room))  # bold is wider
        lines = max(lines, needed)
    if lines > 1:
        sheet.row_dimensions[row].height = _LINE_HEIGHT * lines


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


def _print_setup(
    sheet: Sheet, *, headed: bool = True, areas: Sequence[str] = (), top: int = 1
) -> None:
    """Set ``sheet`` up to print: A4 landscape, one page wide (no column falls onto a
    second page), no gridlines, its header row (row ``top``) on every page if ``headed``,
    and only ``areas`` (ranges, each printed from a new page) if given.

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
        sheet.print_title_rows = f"{top}:{top}"
    if areas:
        sheet.print_area = list(areas)


def _widths(sheet: Sheet, widths: Sequence[float]) -> Sequence[float]:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return widths


def _branded(workbook: Workbook, title: str, brand: Brand | None) -> Sheet:
    """A new sheet ``title``, the firm in its print header and the contact line in its
    print footer if there is a ``brand``, the page number at the footer's right."""
    sheet = workbook.create_sheet(title)
    if brand is not None:
        sheet.HeaderFooter.oddHeader.center.text = brand.firm.replace("&", "&&")
        if brand.contact:
            sheet.HeaderFooter.oddFooter.left.text = brand.contact.replace("&", "&&")
        sheet.HeaderFooter.oddFooter.right.text = "&P / &N"
    return sheet


class _Logo(Image):
    """A PNG or JPEG logo as the workbook embeds it, without Pillow (openpyxl's
    :class:`Image` needs it only to read the size and bytes, which the brand has)."""

    def __init__(self, data: bytes, kind: str, size: tuple[int, int]) -> None:
        self.ref, self.format, self._bytes = data, kind, data
        width, height = size
        self.height = _LOGO_PIXELS
        self.width = max(1, round(width * _LOGO_PIXELS / height))

    def _data(self) -> bytes:
        return self._bytes


def _letterhead(sheet: Sheet, brand: Brand, columns: int) -> list[list[Any]]:
    """The rows above the first sheet's table: the firm, the contact line, a blank row,
    beside the logo (a PNG or JPEG: a spreadsheet shows no SVG) anchored at A1."""
    size = image_size(brand.logo, brand.logo_type) if brand.logo and brand.logo_type else None
    at = 0
    if brand.logo is not None and brand.logo_type is not None and size is not None:
        sheet.add_image(_Logo(brand.logo, brand.logo_type, size), "A1")
        at = min(2, columns - 1)  # the texts right of the logo
    for row in range(1, _LETTERHEAD_ROWS):
        sheet.row_dimensions[row].height = _LETTERHEAD_HEIGHT
    firm = _text_cell(sheet, brand.firm, font=Font(bold=True, size=14))
    contact = _text_cell(sheet, brand.contact) if brand.contact else None
    return [[None] * at + [firm], [None] * at + [contact], []]


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
    reviewed: bool = False,
    brand: Brand | None = None,
    *,
    letterhead: bool = False,
    public: bool = False,
) -> None:
    """Rank, id, name, a column per dimension (with the points the scheme gives it), total,
    grade, note (wrapped); with ``reviewed``, a 复核 column before the note marking the units
    a review changed; with ``letterhead``, ``brand``'s rows above the table."""
    precision = ev.scheme.precision
    scores = _score_format(precision)
    compare = ("prev_total", "prev_rank", "prev_grade", "change") if baseline else ()
    headers: list[str | tuple[str, ...]] = [label(k, lang) for k in ("rank", "id", "unit")]
    headers += [  # the name, then its points on a line of their own
        (
            d.name,
            label("paren", lang).format(text=cells.weight_text(d.weight, d.points, lang)).strip(),
        )
        for d in kind.dimensions
    ]
    marks = ("review",) if reviewed else ()
    headers += [label(k, lang) for k in ("total", "grade", *compare, *marks, "note")]
    side = len(headers) + 2  # the distribution table, one empty column to the right
    widths = _widths(
        sheet,
        [6, 18, 28]
        + [14] * len(kind.dimensions)
        + [9, 9]
        + [10] * (len(compare) + len(marks))
        + [30, 2, 10, 8],
    )
    top = 1 + (_LETTERHEAD_ROWS if brand is not None and letterhead else 0)
    sheet.freeze_panes = f"D{top + 1}"
    end = f"{get_column_letter(len(headers))}{len(kind.units) + top}"
    table = f"A{top}:{end}"
    chart_page = (
        f"{get_column_letter(side)}{top}:{get_column_letter(side + _CHART_COLUMNS)}"
        f"{_CHART_END + top - 1}"
    )
    _print_setup(sheet, areas=[f"A1:{end}", chart_page], top=top)  # the letterhead printed
    above = _letterhead(sheet, brand, len(headers)) if brand is not None and top > 1 else []
    _fit_height(sheet, top, ["\n".join(h) if isinstance(h, tuple) else h for h in headers], widths)
    fills = _grade_fills(ev)
    side_headers = _header(sheet, [label("band", lang), label("unit_count", lang)])
    rows: list[list[Any]] = [[*_header(sheet, headers), None, *side_headers]]
    for number, unit in enumerate(kind.units, start=top + 1):
        marked: dict[str, Any] = {"font": _VETO_FONT} if unit["vetoed"] else {}
        if unit["status"] == "incomplete":
            marked = {"font": _GREY}
        marked["alignment"] = _MIDDLE  # a row a long note makes taller reads along its middle
        row = [
            _number_cell(sheet, unit["rank"], "0", alignment=_MIDDLE),
            _text_cell(sheet, unit["id"], alignment=_MIDDLE),
            _text_cell(sheet, unit["name"], **marked),
        ]
        row += [
            _number_cell(sheet, cells.dimension_score(unit, d.id), scores, alignment=_MIDDLE)
            for d in kind.dimensions
        ]
        row.append(_number_cell(sheet, unit["total"], scores, font=_BOLD, alignment=_MIDDLE))
        grade_style: dict[str, Any] = {}
        if unit["grade"] in fills:
            grade_style["fill"] = fills[unit["grade"]]
        row.append(_text_cell(sheet, unit["grade"], **grade_style, **marked))
        if baseline is not None:
            row += _compared(sheet, unit.get("baseline"), scores, lang)
        if reviewed:
            row.append(_text_cell(sheet, review_cells.review_mark(unit, lang) or None))
        note = cells.note(unit, lang, public=public)
        row.append(_text_cell(sheet, note, **{**marked, "alignment": _WRAP_MIDDLE}))
        _fit_height(sheet, number, [None] * (len(headers) - 1) + [note], widths)
        rows.append(row)
    for index, band in enumerate(kind.bands, start=1):
        if index >= len(rows):
            rows.append([None] * (side - 2))
        rows[index] += [None] * (side - 1 - len(rows[index]))
        rows[index] += [_text_cell(sheet, band.label), _number_cell(sheet, band.count, "0")]
    for row in above + rows:
        sheet.append(row)
    sheet.auto_filter.ref = table
    chart = _distribution_chart(sheet, kind, side, lang, top)
    sheet.add_chart(chart, f"{get_column_letter(side)}{12 + top}")


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


def _distribution_chart(
    sheet: Sheet, kind: KindOverview, column: int, lang: str, top: int = 1
) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = label("distribution", lang).format(kind=kind.display)
    chart.y_axis.title = label("unit_count", lang)
    chart.x_axis.title = label("band", lang)
    chart.legend = None
    last = len(kind.bands) + top
    data = Reference(sheet, min_col=column + 1, min_row=top, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=column, min_row=top + 1, max_row=last))
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


Table = tuple[list[str], list[list[Any]]]


def _reviews_sheet(sheet: Sheet, table: Table, lang: str, withdrawn: Table | None) -> None:
    """复核: every decision the run applied (unit, indicator, code, records, decision, points,
    reason, reviewer, date, the indicator's points before and after), then each stale
    one, marked with where it is written (:func:`~.review_cells.review_table`); with
    ``--baseline``, below them the deductions withdrawn since that file."""
    header, rows = table
    _widths(sheet, [18, 24, 24, 26, 20, 10, 9, 40, 10, 11, 10, 10, 30])
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    sheet.append(_header(sheet, header))
    for row in rows:
        sheet.append(_table_row(sheet, row))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    if withdrawn is not None and withdrawn[1]:
        sheet.append([])
        sheet.append([_text_cell(sheet, label("withdrawn", lang), font=_BOLD)])
        sheet.append(_header(sheet, withdrawn[0]))
        for row in withdrawn[1]:
            sheet.append(_table_row(sheet, row))


def _table_row(sheet: Sheet, row: Sequence[Any]) -> list[Any]:
    """Cells of a row of texts and numbers (floats), as the 复核 sheet shows them."""
    return [
        None
        if value is None
        else _plain_cell(sheet, value)
        if isinstance(value, float)
        else _text_cell(sheet, value, limit=2000, alignment=_WRAP)
        for value in row
    ]


class _Companion:
    """扣分记录: one row per record of a finding naming more than ``MERGED_SHOWN``
    (unit, indicator, code, record, the record's share of the points lost).

    The sheet is made by ``make`` at its first row, so a workbook without such a
    finding has none. A record's share is exact (its scorer's deduction times the
    finding's ``share_scale``), shown as a number in the format of other points
    (:func:`_plain_format`); a finding that keeps no
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
        self._styles: dict[str, int] = {}

    def add(self, unit: Doc, indicator: str, finding: Doc) -> None:
        """A row for each record of ``finding``, of ``indicator`` (its label) in ``unit``."""
        if self._sheet is None:
            sheet = self._sheet = self._make()
            _widths(sheet, [18, 24, 24, 28, 30, 12])
            sheet.freeze_panes = "A2"
            _print_setup(sheet)
            sheet.append(_header(sheet, [label(k, self._lang) for k in self._KEYS]))
            # the styles of the formats shares are shown in, as the rows' XML names them
            for fmt in ("0", "0.0", "0.00"):
                self._styles[fmt] = _number_cell(sheet, 0, fmt).style_id
        head = [_xml_text(t) for t in (unit["id"], unit["name"], indicator, finding["code"])]
        shares = _record_shares(finding) or [None] * len(finding["records"])
        rows = []
        for record, share in zip(finding["records"], shares, strict=True):
            self._count += 1
            style = self._styles[_plain_format(share)]
            rows.append(_xml_row(self._count + 1, [*head, _xml_text(record, 1000)], share, style))
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


def _xml_row(number: int, texts: Sequence[str], value: float | None, style: int = 0) -> str:
    """Row ``number`` of 扣分记录 as sheet XML: ``texts`` (escaped) from column A, then
    ``value`` as a number in the cell style ``style`` (its number format), as openpyxl
    writes such cells."""
    cells = [
        f'<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for column, text in zip("ABCDE", texts, strict=True)
        if text
    ]
    if value is not None:
        cells.append(f'<c r="F{number}" s="{style}" t="n"><v>{value!r}</v></c>')
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
    widths = _widths(sheet, [22, 24] + [18] * len(kinds))
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
        pair("generated_at", local_time(ev.generated_at, scheme.time_zone)),
    ]
    if baseline is not None and not public:
        source = label("baseline_source", lang).format(path=baseline.path, sha=baseline.sha256)
        rows.append(pair("baseline", source))
    rows.append([])
    rows.append(_header(sheet, [label("weights_points", lang), *(k.display for k in kinds)]))
    for dim in scheme.dimensions:
        row = [_text_cell(sheet, dim.name)]
        row += [_plain_cell(sheet, dim.weights.get(k.kind)) for k in kinds]
        rows.append(row)
    totals = [sum(d.weights.get(k.kind, 0) for d in scheme.dimensions) for k in kinds]
    _fit_height(sheet, len(rows) + 1, [label("points_total", lang)], widths)
    rows.append(
        [
            _text_cell(sheet, label("points_total", lang), font=_BOLD, alignment=_WRAP),
            *(_plain_cell(sheet, t, font=_BOLD) for t in totals),
        ]
    )
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


FIXED_TIME = "2000-01-01T00:00:00Z"
"""The creation and modification time every written template workbook carries."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def save_workbook(book: Workbook, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``book`` so that the same workbook always gives the same bytes.

    openpyxl stamps the time of saving into the properties and every zip
    entry; both are replaced by :data:`FIXED_TIME` (entries by 1980-01-01, the
    earliest a zip entry holds).
    """
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    reproducible_zip(buffer, out, _ZIP_TIME, FIXED_TIME)
    payload = out.getvalue()
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as handle:
            handle.write(payload)
    else:
        target.write(payload)


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

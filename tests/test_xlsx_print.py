"""The workbook prints: every sheet's page setup, number formats without a trailing dot,
and the sample printed to PDF by LibreOffice, read back page by page."""

from __future__ import annotations

import bisect
import itertools
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from evaluator._reports.xlsx import _plain_format

SAMPLE = Path(__file__).resolve().parents[1]
BUREAUS, FINDINGS = "区政府工作部门", "扣分明细"


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's workbook, written once for the module."""
    from evaluator.cli import main

    book = tmp_path_factory.mktemp("print") / "results.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1484006400")
        patch.chdir(SAMPLE)
        assert main(["submissions", "-o", str(book)]) in (0, 1)
    return book


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30, "0"),
        (30.0, "0"),
        (27.5, "0.0"),
        (27.27, "0.00"),
        (0.05, "0.00"),
        (2.999, "0"),  # shown rounded to 3, so no decimals to show
        (2.96, "0.00"),
        (2.95, "0.00"),
        (2.9, "0.0"),
        (2.995, "0"),  # shown as 3.00, as a spreadsheet rounds the decimal 2.995 up
        (2.125, "0.00"),
        (2.905, "0.00"),  # halves up (2.91), not to even (2.9)
        (None, "0"),
    ],
)
def test_plain_format_shows_no_trailing_dot(value: float | None, expected: str) -> None:
    assert _plain_format(value) == expected


def test_every_sheet_is_set_up_to_print(sample_book: Path) -> None:
    book = openpyxl.load_workbook(sample_book)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert not sheet.print_options.gridLines, sheet.title
        assert sheet.print_title_rows == ("$1:$1" if sheet.title != "说明" else None), sheet.title
    ranking = book[BUREAUS]
    # the table, then the distribution table with its chart on a page of their own
    assert ranking.print_area == f"'{BUREAUS}'!$A$1:$M$17,'{BUREAUS}'!$O$1:$X$30"


def test_no_number_format_ends_in_a_dot(sample_book: Path) -> None:
    book = openpyxl.load_workbook(sample_book)
    formats = Counter()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float):
                    formats[cell.number_format] += 1
                    assert "#" not in cell.number_format, (sheet.title, cell.coordinate)
    whole = [
        c
        for c in book[FINDINGS]["E"][1:]
        if isinstance(c.value, int | float) and c.value == int(c.value)
    ]
    assert whole and all(c.number_format == "0" for c in whole)
    assert formats["0.00"] and formats["0"], formats


def pdf_pages(book: Path, tmp_path: Path) -> list[tuple[float, float, list[str]]]:
    """``book`` printed to PDF by LibreOffice: each page's size and lines of text."""
    pdfium = pytest.importorskip("pypdfium2")
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    document = pdfium.PdfDocument(tmp_path / f"{book.stem}.pdf")
    pages = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage().get_text_range()
        pages.append((width, height, [line.strip() for line in text.splitlines()]))
    return pages


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)


@needs_libreoffice
def test_libreoffice_prints_the_ranking_one_page_wide(sample_book: Path, tmp_path: Path) -> None:
    pages = pdf_pages(sample_book, tmp_path)
    assert all(width > height for width, height, _ in pages)  # landscape
    first = pages[0][2]
    header = first[0].split()
    assert header[:3] == ["排名", "编号", "单位"] and header[-3:] == ["总分", "等级", "备注"]
    ranking = openpyxl.load_workbook(sample_book)[BUREAUS]
    rows = [r for r in ranking.iter_rows(min_row=2, max_col=13, values_only=True) if r[1]]
    assert len(rows) == 16
    for rank, unit_id, name, *scores, total, grade, _note in rows:
        # each bureau's cells, its last dimension's score to its grade, on one line of page 1
        shown = [str(rank), unit_id, name, f"{scores[-1]:.2f}", f"{total:.2f}", grade]
        assert any(line.split()[: len(shown)] == shown for line in first) or any(
            all(part in line for part in shown) for line in first
        ), (unit_id, shown)
    chart_page = pages[1][2]
    assert chart_page[0].split() == ["分数段", "单位数"]
    assert "区政府工作部门总分分布" in chart_page
    assert not any("xc-finance" in line for line in chart_page)


@needs_libreoffice
def test_libreoffice_splits_no_finding_row(sample_book: Path, tmp_path: Path) -> None:
    pages = pdf_pages(sample_book, tmp_path)
    findings = openpyxl.load_workbook(sample_book)[FINDINGS]
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    header = "编号 单位 维度 指标 失分 代码 问题 涉及记录"
    printed = [lines for _, _, lines in pages if lines and lines[0] == header]
    assert len(printed) >= 2  # more than one page, the header on each
    # the pages' text one after another, each page's start noted
    text = "\n".join("\n".join(lines) for lines in printed)
    starts = list(itertools.accumulate(len("\n".join(lines)) + 1 for lines in printed))
    position = 0
    for unit_id, *_, code, _message, _records in rows:
        if not code:
            continue
        # the row's unit id, then its code, next in reading order, both on one page
        found = text.index(unit_id, position)
        position = text.index(code, found)
        assert bisect.bisect(starts, found) == bisect.bisect(starts, position), (unit_id, code)


def test_record_shares_have_the_format_of_other_points(sample_book: Path) -> None:
    shares = openpyxl.load_workbook(sample_book)["扣分记录"]
    cells = [c for c in shares["F"][1:] if c.value is not None]
    assert cells  # the sample has merged findings with per-record shares
    assert all(c.number_format == _plain_format(c.value) for c in cells)
    assert {c.number_format for c in cells} <= {"0", "0.0", "0.00"}


def test_headers_and_notes_wrap_in_rows_tall_enough(sample_book: Path) -> None:
    ranking = openpyxl.load_workbook(sample_book)[BUREAUS]
    header = [c.value for c in ranking[1]]
    # each dimension's name, then on a line of its own the points the scheme gives it
    assert header[3] == "重点领域信息公开\n（30 分）" and header[4] == "政策解读\n（20 分）"
    assert all(c.alignment.wrap_text for c in ranking[1] if c.value)
    assert ranking.row_dimensions[1].height >= 30  # two lines at least
    notes = [row[12] for row in ranking.iter_rows(min_row=2, max_row=17) if row[12].value]
    assert notes and all(c.alignment.wrap_text for c in notes)
    for cell in notes:  # a note longer than its column is given the lines it needs
        assert ranking.row_dimensions[cell.row].height >= 30, cell.value


@needs_libreoffice
def test_libreoffice_prints_whole_headers_notes_and_local_time(
    sample_book: Path, tmp_path: Path
) -> None:
    pages = pdf_pages(sample_book, tmp_path)
    ranking = openpyxl.load_workbook(sample_book)[BUREAUS]
    first = "".join("".join(lines) for lines in [pages[0][2]]).replace(" ", "")
    for cell in ranking[1][3:10]:  # each dimension header, its points included
        assert cell.value.replace("\n", "").replace(" ", "") in first, cell.value
    notes = [r[12] for r in ranking.iter_rows(min_row=2, max_row=17, values_only=True) if r[12]]
    assert notes
    for note in notes:  # the veto notes whole on the page, not cut at its edge
        assert note.replace(" ", "") in first, note
    assert not past_the_table(tmp_path / f"{sample_book.stem}.pdf", 0, notes)
    about = next(lines for _, _, lines in pages if any("评估方案" in line for line in lines))
    assert any("2017-01-10 08:00:00 +08:00" in line for line in about), about


def past_the_table(pdf: Path, number: int, texts: list[str]) -> list[str]:
    """Those of ``texts`` printed on page ``number`` of ``pdf`` reaching right of the
    table's right edge (where its header's fill ends): text a cell's edge cuts off, which
    LibreOffice still writes into the PDF, hidden by a clip."""
    pdfium = pytest.importorskip("pypdfium2")
    page = pdfium.PdfDocument(pdf)[number]
    _, height = page.get_size()
    text = page.get_textpage()
    whole = text.get_text_range()
    head = whole.index("备注")
    _, bottom, _, top = text.get_charbox(head)
    bitmap = page.render(scale=1, rev_byteorder=True)  # RGB, a pixel a point, from the top
    pixels, size = bytes(bitmap.buffer), bitmap.n_channels
    at = int(height - (bottom + top) / 2) * bitmap.stride
    fill = bytes((0xDD, 0xEB, 0xF7))  # the header's
    filled = [x for x in range(bitmap.width) if pixels[at + x * size : at + x * size + 3] == fill]
    edge = max(filled) + 1
    cut = []
    for shown in texts:
        start = whole.index(shown[:6])
        wanted = len(shown.replace(" ", ""))  # its characters, wherever its lines break
        chars = [i for i in range(start, len(whole)) if not whole[i].isspace()][:wanted]
        if max(text.get_charbox(i)[2] for i in chars) > edge + 1:
            cut.append(shown)
    return cut

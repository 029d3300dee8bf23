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

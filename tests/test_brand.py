"""A letterhead without writing templates (issue 22, item 10), and times in the scheme's zone.

The scheme's ``brand`` (or ``--brand FILE``, which beats it) names the firm, a contact line and
a logo: every HTML page shows them, the logo embedded as a ``data:`` URI; the workbook's first
sheet shows them above its table (the logo as an image) and every sheet prints the firm in its
header and the contact line in its footer. A bad brand is a located error.
"""

from __future__ import annotations

import base64
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from test_xlsx_print import SAMPLE, needs_libreoffice, pdf_pages

FIRM, CONTACT = "北京明鉴评估咨询有限公司", "电话 010-12345678 · office@example.com"
SCHEME_END = "grades:\n"


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")  # 2017-01-10T00:00:00Z


def png(width: int, height: int) -> bytes:
    """A valid one-colour PNG image of ``width`` × ``height`` pixels, made without Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\0" + b"\x2f\x6d\xb5" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def branded(mini: Path, brand: str, logo: tuple[str, bytes] | None = None) -> None:
    """Give the mini scheme the ``brand`` mapping (YAML lines), and the logo file."""
    scheme = mini / "criteria" / "scheme.yaml"
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace(SCHEME_END, brand + SCHEME_END), encoding="utf-8")
    if logo is not None:
        (mini / "criteria" / logo[0]).write_bytes(logo[1])


def brand_lines(firm: str = FIRM, logo: str | None = "logo.png") -> str:
    lines = f"brand:\n  firm: {firm}\n  contact: {CONTACT}\n"
    return lines + (f"  logo: {logo}\n" if logo else "")


def embedded_logos(html: str) -> list[tuple[str, bytes]]:
    """Each ``<img class="logo">`` of a page: its media type and the bytes it embeds."""
    found = re.findall(r'<img class="logo" src="data:([a-z/+]+);base64,([A-Za-z0-9+/=]+)"', html)
    return [(kind, base64.b64decode(data)) for kind, data in found]


def test_every_page_shows_the_schemes_letterhead(run_cli, mini_copy: Path, tmp_path) -> None:
    logo = png(120, 40)
    branded(mini_copy, brand_lines(), ("logo.png", logo))
    single = tmp_path / "results.html"
    assert run_cli("submissions", "-o", str(single), cwd=mini_copy).status in (0, 1)
    folder = tmp_path / "pages"
    run = run_cli("report", "submissions", "-o", str(folder), cwd=mini_copy)
    assert run.status in (0, 1), run.err
    pages = [single, *sorted(folder.glob("*.html"))]
    names = {p.name for p in pages}
    # the ranking page, the index, each unit's page and an unscored unit's page
    assert {"results.html", "index.html", "b-alpha.html", "s-bad.html"} <= names
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[html.index('<header class="letterhead">') : html.index("</header>")]
        assert FIRM in head and CONTACT in head, page.name
        assert embedded_logos(head) == [("image/png", logo)], page.name
        assert "http" not in head  # nothing fetched


def test_brand_option_beats_the_scheme(run_cli, mini_copy: Path, tmp_path) -> None:
    branded(mini_copy, brand_lines(firm="方案里的事务所"), ("logo.png", png(10, 10)))
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
    (tmp_path / "marks").mkdir()
    (tmp_path / "marks" / "mark.svg").write_bytes(svg)
    option = tmp_path / "brand.yaml"  # the logo is found beside the file naming it
    option.write_text(f"firm: {FIRM}\ncontact: {CONTACT}\nlogo: marks/mark.svg\n", "utf-8")
    page = tmp_path / "results.html"
    run = run_cli("submissions", "-o", str(page), "--brand", str(option), cwd=mini_copy)
    assert run.status in (0, 1), run.err
    html = page.read_text(encoding="utf-8")
    assert FIRM in html and "方案里的事务所" not in html
    assert embedded_logos(html) == [("image/svg+xml", svg)]


def test_no_brand_no_letterhead(run_cli, tmp_path) -> None:
    page = tmp_path / "results.html"
    assert run_cli("submissions", "-o", str(page)).status in (0, 1)
    html = page.read_text(encoding="utf-8")
    assert 'class="brand"' not in html and "<img" not in html


def test_workbook_first_sheet_and_print_headers(run_cli, mini_copy: Path, tmp_path) -> None:
    logo = png(300, 100)
    branded(mini_copy, brand_lines(), ("logo.png", logo))
    target = tmp_path / "results.xlsx"
    assert run_cli("submissions", "-o", str(target), cwd=mini_copy).status in (0, 1)
    book = openpyxl.load_workbook(target)
    first, second = book["部门"], book["街道"]
    rows = list(first.iter_rows(values_only=True))
    texts = [v for row in rows[:3] for v in row if v]
    assert texts == [FIRM, CONTACT]
    assert rows[3][:3] == ("排名", "编号", "单位")  # the table below the letterhead
    assert first.freeze_panes == "D5" and first.print_title_rows == "$4:$4"
    assert first.print_area.startswith("'部门'!$A$1:")  # the letterhead printed with it
    assert next(second.iter_rows(values_only=True))[:3] == ("排名", "编号", "单位")
    with zipfile.ZipFile(target) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert [archive.read(n) for n in media] == [logo]  # on the first sheet only
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == FIRM, sheet.title
        assert sheet.oddFooter.left.text == CONTACT, sheet.title
        assert sheet.oddFooter.right.text == "&P / &N", sheet.title
    # the same results give the same bytes, letterhead and all
    again = tmp_path / "again.xlsx"
    run_cli("submissions", "-o", str(again), cwd=mini_copy)
    assert again.read_bytes() == target.read_bytes()


def test_workbook_without_brand_has_no_print_header(run_cli, tmp_path) -> None:
    target = tmp_path / "results.xlsx"
    assert run_cli("submissions", "-o", str(target)).status in (0, 1)
    book = openpyxl.load_workbook(target)
    assert book["部门"].freeze_panes == "D2"
    assert all(not s.oddHeader.center.text for s in book.worksheets)


@pytest.mark.parametrize(
    ("logo", "content", "expected"),
    [
        ("gone.png", None, "标志文件 {file} 不存在"),
        ("fake.png", b"not an image at all", "不是 PNG、JPEG 或 SVG 图片"),
        ("wrong.jpg", png(4, 4), "不是 PNG、JPEG 或 SVG 图片"),  # a PNG named .jpg
        ("huge.png", png(4, 4) + b"\0" * (512 * 1024), "超过上限 524288 字节"),
    ],
)
def test_a_bad_logo_is_a_located_error(
    run_cli, mini_copy: Path, tmp_path, logo: str, content: bytes | None, expected: str
) -> None:
    branded(mini_copy, brand_lines(logo=logo), None if content is None else (logo, content))
    page = tmp_path / "results.html"
    run = run_cli("submissions", "-o", str(page), cwd=mini_copy)
    assert run.status == 2 and not page.exists()
    scheme = mini_copy / "criteria" / "scheme.yaml"
    line = scheme.read_text(encoding="utf-8").splitlines().index(f"  logo: {logo}") + 1
    assert f"scheme.yaml:{line}:" in run.err, run.err
    assert expected.format(file=Path("criteria") / logo) in run.err, run.err


def test_a_bad_brand_file_is_refused_before_scoring(run_cli, tmp_path) -> None:
    option = tmp_path / "brand.yaml"
    option.write_text("firm: 某某公司\nphone: 010-1\n", "utf-8")
    page = tmp_path / "results.html"
    run = run_cli("submissions", "-o", str(page), "--brand", str(option))
    assert run.status == 2 and not page.exists()
    assert f"{option}:2:" in run.err and "phone" in run.err, run.err
    option.write_text("contact: 只有联系方式\n", "utf-8")
    run = run_cli("submissions", "-o", str(page), "--brand", str(option))
    assert run.status == 2 and "firm" in run.err, run.err


def test_times_shown_in_the_schemes_zone(run_cli, mini_copy: Path, tmp_path, edit) -> None:
    page, results = tmp_path / "results.html", tmp_path / "results.json"
    run_cli("submissions", "-o", str(page))
    assert "2017-01-10 08:00:00 +08:00" in page.read_text(encoding="utf-8")  # Beijing
    edit(
        mini_copy / "criteria" / "scheme.yaml",
        "precision: 2\n",
        "precision: 2\ntime_zone: -05:00\n",
    )
    run_cli("submissions", "-o", str(page), cwd=mini_copy)
    run_cli("submissions", "-o", str(results), cwd=mini_copy)
    assert "2017-01-09 19:00:00 -05:00" in page.read_text(encoding="utf-8")
    assert '"generated_at": "2017-01-10T00:00:00Z"' in results.read_text(encoding="utf-8")


def test_an_unknown_time_zone_is_a_located_error(run_cli, mini_copy: Path, edit) -> None:
    scheme = mini_copy / "criteria" / "scheme.yaml"
    edit(scheme, "precision: 2\n", "precision: 2\ntime_zone: Mars/Olympus\n")
    run = run_cli("submissions", cwd=mini_copy)
    line = scheme.read_text(encoding="utf-8").splitlines().index("time_zone: Mars/Olympus") + 1
    assert run.status == 2 and f"scheme.yaml:{line}:" in run.err and "Mars/Olympus" in run.err


def test_pages_show_the_schemes_points(run_cli, tmp_path) -> None:
    page = tmp_path / "results.html"
    run_cli("submissions", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    # the mini scheme gives streets 50 and 50: points as written, never a share
    assert "工作（60 分）" in html and "工作（50 分）" in html and "%）" not in html


@needs_libreoffice
def test_libreoffice_prints_the_letterhead_with_the_ranking(run_cli, tmp_path) -> None:
    # the sample's 16 bureaus under the letterhead: one page, the firm in the print header,
    # the contact line and the page number in its footer
    (tmp_path / "logo.png").write_bytes(png(240, 80))
    option = tmp_path / "brand.yaml"
    option.write_text(f"firm: {FIRM}\ncontact: {CONTACT}\nlogo: logo.png\n", "utf-8")
    book = tmp_path / "results.xlsx"
    run = run_cli("submissions", "-o", str(book), "--brand", str(option), cwd=SAMPLE)
    assert run.status in (0, 1), run.err
    pages = pdf_pages(book, tmp_path)
    first = pages[0][2]
    assert first.count(FIRM) == 2  # the print header and the letterhead above the table
    text = "".join(first).replace(" ", "")
    assert text.count(CONTACT.replace(" ", "")) == 2  # the letterhead and the print footer
    assert f"1 / {len(pages)}" in "\n".join(first)
    ranking = openpyxl.load_workbook(book)["区政府工作部门"]
    ids = [r[1] for r in ranking.iter_rows(min_row=5, max_col=2, values_only=True) if r[1]]
    assert len(ids) == 16
    assert all(any(unit in line for line in first) for unit in ids)
    assert all(FIRM in lines[0] for _, _, lines in pages)  # every page's header

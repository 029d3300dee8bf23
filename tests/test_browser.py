"""The HTML page and the feedback pages in a real headless Chromium.

No console error (a Content-Security-Policy violation is one), no request but
the page itself, one ranking row per unit, Chinese text laid out. Skipped, with
the reason, only where Chromium and its driver are not installed
(``apt-get install chromium chromium-driver fonts-noto-cjk``; CI installs them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluator._reports.browser import browser, chromium_missing, console_errors, requested_urls

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))

SAMPLE = Path(__file__).resolve().parents[1]
UNITS = 31  # the sample evaluation's units: 16 bureaus, 15 street offices


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample evaluation as one page and as a feedback folder."""
    from evaluator.cli import main

    folder = tmp_path_factory.mktemp("pages")
    here = Path.cwd()
    try:
        import os

        os.chdir(SAMPLE)
        assert main(["submissions", "-o", str(folder / "results.html")]) == 0
        assert main(["report", "submissions", "-o", str(folder / "feedback")]) == 0
    finally:
        os.chdir(here)
    return folder


@pytest.fixture(scope="module")
def driver() -> Any:
    with browser() as opened:
        opened.get("about:blank")
        requested_urls(opened)  # the start page's own requests are not the report's
        console_errors(opened)
        yield opened


def load(driver: Any, page: Path) -> list[str]:
    """Open ``page``; the URLs it requested."""
    driver.get(page.as_uri())
    return requested_urls(driver)


@pytest.mark.parametrize(
    "name", ["results.html", "feedback/index.html", "feedback/xc-housing.html"]
)
def test_page_loads_without_console_errors_or_network(driver, pages: Path, name: str) -> None:
    page = pages / name
    assert load(driver, page) == [page.as_uri()]
    assert console_errors(driver) == []
    assert driver.title


@pytest.mark.parametrize("name", ["results.html", "feedback/index.html"])
def test_ranking_tables_have_one_row_per_unit(driver, pages: Path, name: str) -> None:
    load(driver, pages / name)
    rows = driver.find_elements("css selector", "table.ranking tbody tr")
    assert len(rows) == UNITS
    ids = [r.get_attribute("data-unit") for r in rows]
    assert len(set(ids)) == UNITS
    first = rows[0].find_elements("css selector", "td")
    assert [c.text for c in first[:3]] == ["1", "西城区财政局", "xc-finance"]


def test_unit_links_lead_to_their_pages(driver, pages: Path) -> None:
    load(driver, pages / "feedback" / "index.html")
    link = driver.find_element("link text", "西城区住房和城市建设委员会")
    link.click()
    assert driver.current_url.endswith("/feedback/xc-housing.html")
    assert driver.find_element("css selector", "h1").text == "西城区住房和城市建设委员会"
    assert "第 11 名（共 16 个）" in driver.find_element("css selector", ".figures").text


def test_chinese_text_is_drawn_with_a_cjk_font(driver, pages: Path) -> None:
    load(driver, pages / "feedback" / "index.html")
    # a CJK font draws 政 about as wide as it is tall; a missing glyph (tofu) box is narrower
    width = driver.execute_script(
        "const s = document.createElement('span'); s.textContent = '政务公开';"
        "s.style.fontSize = '40px'; document.body.appendChild(s);"
        "const w = s.getBoundingClientRect().width; s.remove(); return w;"
    )
    assert 150 <= width <= 170


def test_charts_are_drawn(driver, pages: Path) -> None:
    load(driver, pages / "feedback" / "xc-housing.html")
    bars = driver.find_elements("css selector", "svg.chart rect.unit")
    assert len(bars) == 7  # one per dimension of the default scheme (a bureau: all seven)
    assert all(b.size["width"] > 100 for b in bars)


@pytest.mark.parametrize("name", ["results.html", "feedback/index.html"])
def test_ranking_tables_keep_within_the_page(driver, pages: Path, name: str) -> None:
    # seven weighted dimension headers side by side wrap before their weight instead of
    # pushing the table past the page's right edge
    load(driver, pages / name)
    overflow = driver.execute_script(
        "const page = document.body.getBoundingClientRect();"
        "const style = getComputedStyle(document.body);"
        "const right = page.right - parseFloat(style.paddingRight);"
        "return [...document.querySelectorAll('table.ranking')]"
        ".map(t => t.getBoundingClientRect().right - right);"
    )
    assert len(overflow) == 2  # bureaus, street offices
    assert all(extra <= 1 for extra in overflow), overflow


def test_unit_pages_say_what_was_not_sent_and_what_does_not_apply(driver, pages: Path) -> None:
    # xc-niujie sent no policy-interpretation section; xc-finance reported no incident
    load(driver, pages / "feedback" / "xc-niujie.html")
    notice = driver.find_element("css selector", "p.notice")
    assert "政策解读未提交，按0分计" in notice.text
    assert notice.location["y"] < driver.find_element("css selector", "svg.chart").location["y"]
    load(driver, pages / "feedback" / "xc-finance.html")
    meta = driver.find_element("css selector", "#i-responsiveness-incidents h3 .meta")
    assert meta.text == "不适用（不计分，权重按比例分配）"

"""Text from units is shown as written: no forged rows, formulas, markup or links."""

from __future__ import annotations

import html

import cmarkgfm
import pytest

from evaluator._reports.escaping import (
    display_text,
    markdown_cell,
    markdown_code,
    spreadsheet_cell,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
    "第一行\n| forged | row |",
    "\x1b[2J\x1b[H清屏",
    "\u202egnp.exe",
    "<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "http://evil.example/a_b",
    "www.evil.example",
    "mail me@evil.example",
    "**粗体** _斜体_ ~~删除~~ `code`",
    "&#x202E;entity &lt;b&gt;",
    "a|b\\|c",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_display_text_is_one_line_without_controls_or_direction_marks(text: str) -> None:
    shown = display_text(text)
    assert "\n" not in shown and "\r" not in shown and "\t" not in shown
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "[2J" not in shown and "[H" not in shown


def test_display_text_cuts_long_text_with_an_ellipsis() -> None:
    assert display_text("甲" * 300) == "甲" * 199 + "…"
    assert display_text("甲" * 300, 10) == "甲" * 9 + "…"


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-A1", "@A1", "\t=1", "\r=1", "=HYPERLINK()"])
def test_spreadsheet_cell_neutralises_formulas(text: str) -> None:
    assert spreadsheet_cell(text).startswith("'")


@pytest.mark.parametrize("text", ["-3", "+1.5", "12", "-0.25", "西城区财政局", "a=b"])
def test_spreadsheet_cell_keeps_numbers_and_plain_text(text: str) -> None:
    assert spreadsheet_cell(text) == text


def _rendered_cell(cell: str) -> str:
    """The HTML that GitHub's markdown makes of a one-cell table holding ``cell``."""
    return cmarkgfm.github_flavored_markdown_to_html(f"| h |\n| --- |\n| {cell} |\n")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_cell_renders_as_the_text_itself(text: str) -> None:
    rendered = _rendered_cell(markdown_cell(text))
    assert rendered.count("<td>") == 1, rendered
    for markup in ("<a ", "<img", "<script", "<em>", "<strong>", "<del>", "<code>"):
        assert markup not in rendered, rendered
    cell = rendered.split("<td>")[1].split("</td>")[0]
    assert html.unescape(cell).replace("\u200b", "") == display_text(text)


def test_markdown_cell_keeps_ids_with_underscores_readable() -> None:
    assert markdown_cell("unknown key 'recieved_on' at 09:00") == (
        "unknown key 'recieved_on' at 09:00"
    )


@pytest.mark.parametrize("text", ["a`b", "``x``", "p|q", "`"])
def test_markdown_code_keeps_backticks_and_pipes_inside(text: str) -> None:
    rendered = _rendered_cell(markdown_code(text))
    assert rendered.count("<td>") == 1
    assert rendered.count("<code>") == 1
    code = rendered.split("<code>")[1].split("</code>")[0]
    assert html.unescape(code) == text

"""A published report's file read as paragraphs and tables, whatever its type and encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.annual_report.document import DocumentError, Where, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "annual_reports"

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>年度报告</title><style>p {{ color: red }}</style></head><body>
<p>一、概述</p><div>共收到申请<b>12</b>件。<br>其中当面3件</div>
<p>表1 依申请公开情况</p>
<table><tr><td rowspan="2">收到申请</td><td>当面</td><td>3</td></tr>
<tr><td>网络</td><td></td></tr>
<tr><td colspan="2">合计</td><td>12</td></tr></table>
<table><caption>表2 复议</caption><tr><th>复议</th>
<td>0<table><tr><td>内</td></tr></table></td></tr>
</table><p>结尾</p></body></html>"""


def _page(tmp_path: Path, charset: str, encoding: str) -> Path:
    path = tmp_path / "report.html"
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    return path


def test_the_seed_report_reads_as_its_paragraphs() -> None:
    document = read_document(FIXTURES / "xicheng-2016-annual-report.txt")
    assert document.kind == "txt"
    assert document.tables == ()
    assert document.paragraphs[0].where == Where(paragraph=1)
    assert document.paragraphs[-1].text == "附表：政府信息公开情况统计表（2016年度）"
    assert "依申请公开" in document.text
    assert len(document.sha256) == 64


@pytest.mark.parametrize(
    ("charset", "encoding"), [("gb2312", "gb18030"), ("GBK", "gbk"), ("utf-8", "utf-8")]
)
def test_a_saved_page_is_read_in_the_encoding_it_declares(
    tmp_path: Path, charset: str, encoding: str
) -> None:
    document = read_document(_page(tmp_path, charset, encoding))
    assert [p.text for p in document.paragraphs] == [
        "一、概述",
        "共收到申请12件。",
        "其中当面3件",
        "表1 依申请公开情况",
        "表2 复议",
        "复议",
        "0",
        "结尾",
    ]


def test_tables_keep_their_titles_and_repeat_spanned_cells(tmp_path: Path) -> None:
    first, nested = read_document(_page(tmp_path, "utf-8", "utf-8")).tables
    assert first.title == "表1 依申请公开情况"
    assert first.rows == (
        ("收到申请", "当面", "3"),
        ("收到申请", "网络", ""),
        ("合计", "合计", "12"),
    )
    assert first.cell(2, 2) == Where(table=1, row=3, column=3)
    assert first.cell(2, 2).zh() == "表1 第3行第3列"
    # a table holding another is layout: its cells are text, the inner one a table
    assert nested.rows == (("内",),)
    assert nested.title == "0"


def test_a_file_of_another_type_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "report.rtf"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        read_document(path)
    assert raised.value.code == "document.unsupported"
    assert raised.value.params["suffix"] == ".rtf"

"""A published report's file read as paragraphs and tables, whatever its type and encoding."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from document_files import scanned_pdf, text_pdf, word_file

from plugins.annual_report.document import MESSAGES, DocumentError, Where, read_document

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


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_word_file_reads_in_body_order_with_merged_cells_repeated(tmp_path: Path) -> None:
    rows = [["收到申请", "", "12"], ["", "当面", "3"], ["", "网络", "9"]]
    data = word_file(["一、概述", "表1 依申请公开情况", rows, "结尾"], merge=True)
    document = read_document(_file(tmp_path, "report.docx", data))
    assert document.kind == "docx"
    assert [p.text for p in document.paragraphs] == ["一、概述", "表1 依申请公开情况", "结尾"]
    (table,) = document.tables
    assert table.title == "表1 依申请公开情况"
    assert table.rows == (
        ("收到申请", "收到申请", "12"),
        ("", "当面", "3"),
        ("", "网络", "9"),
    )
    assert table.where == Where(table=1)


def test_a_text_pdf_reads_line_by_line_with_its_pages(tmp_path: Path) -> None:
    pages = [[(72, 800, "一、概述"), (72, 780, "共收到申请12件")], [(72, 800, "二、结尾")]]
    document = read_document(_file(tmp_path, "report.pdf", text_pdf(pages)))
    assert document.kind == "pdf"
    assert [(p.text, p.where) for p in document.paragraphs] == [
        ("一、概述", Where(paragraph=1, page=1)),
        ("共收到申请12件", Where(paragraph=2, page=1)),
        ("二、结尾", Where(paragraph=3, page=2)),
    ]
    assert document.paragraphs[2].where.zh() == "第2页 第3段"


def test_a_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as raised:
        read_document(_file(tmp_path, "scan.pdf", scanned_pdf(3)))
    assert (raised.value.code, raised.value.params) == ("document.no_text", {"pages": 3})


@pytest.mark.parametrize("pages", [2, 3])
def test_a_pdf_over_the_page_cap_is_refused_before_reading(tmp_path: Path, pages: int) -> None:
    path = _file(tmp_path, "report.pdf", text_pdf([[(72, 800, "第一页")]] * pages))
    if pages <= 2:
        assert len(read_document(path, max_pages=2).paragraphs) == pages
        return
    with pytest.raises(DocumentError) as raised:
        read_document(path, max_pages=2)
    assert (raised.value.code, raised.value.params) == (
        "document.too_many_pages",
        {"pages": 3, "limit": 2},
    )


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("report.docx", b"<html><body>not a zip</body></html>", "document.is_text"),
        ("report.pdf", b"<html><body>no pdf header</body></html>", "document.is_text"),
        ("report.html", text_pdf([[(72, 800, "x")]]), "document.is_pdf"),
        ("report.htm", b"PK\x03\x04" + b"\0" * 40, "document.is_zip"),
        ("report.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40, "document.is_ole"),
    ],
)
def test_the_name_decides_the_reader_only_when_the_content_agrees(
    tmp_path: Path, name: str, data: bytes, found: str
) -> None:
    with pytest.raises(DocumentError) as raised:
        read_document(_file(tmp_path, name, data))
    suffix = Path(name).suffix
    assert (raised.value.code, raised.value.params) == (
        "document.content_mismatch",
        {"suffix": suffix, "found": found},
    )


def test_a_zip_that_is_no_word_file_is_named(tmp_path: Path) -> None:
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError) as raised:
        read_document(_file(tmp_path, "report.docx", saved.getvalue()))
    assert raised.value.params == {"suffix": ".docx", "found": "document.is_zip"}


def test_a_damaged_pdf_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as raised:
        read_document(_file(tmp_path, "report.pdf", b"%PDF-1.4\nnothing else"))
    assert raised.value.code == "document.damaged"


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _file(tmp_path, "report.txt", "年度报告".encode() * 100)
    assert read_document(path, max_bytes=1200).paragraphs
    with pytest.raises(DocumentError) as raised:
        read_document(path, max_bytes=1199)
    assert (raised.value.code, raised.value.params) == (
        "document.too_large",
        {"size": 1200, "limit": 1199},
    )


def test_a_page_in_another_encoding_than_declared_is_read_with_a_note(tmp_path: Path) -> None:
    document = read_document(_page(tmp_path, "utf-8", "gbk"))
    assert document.paragraphs[0].text == "一、概述"
    assert document.notes == (
        ("document.encoding_mismatch", {"declared": "utf-8", "read": "gb18030"}),
    )
    assert read_document(_page(tmp_path, "gbk", "gbk")).notes == ()


def test_a_page_in_no_encoding_is_read_with_bytes_replaced(tmp_path: Path) -> None:
    data = PAGE.format(charset="utf-8").encode("utf-8").replace("结尾".encode(), b"\xff\xfe\xff")
    document = read_document(_file(tmp_path, "report.html", data))
    assert document.paragraphs[-1].text == "\ufffd\ufffd\ufffd"
    assert document.notes == (("document.encoding_replaced", {"declared": "utf-8", "replaced": 3}),)


def test_every_document_code_has_both_texts() -> None:
    import plugins.annual_report.document as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"(document\.[a-z_]+)"', source))
    assert used <= set(MESSAGES)
    assert all(set(texts) == {"zh", "en"} for texts in MESSAGES.values())

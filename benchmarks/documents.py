# ruff: noqa: E501  (the generated report's markup reads as the page it imitates)
"""Reading published reports: a 1 MB saved HTML report, lxml against selectolax, the PDF readers.

    python benchmarks/documents.py

Prints the best of five timings of each step. The HTML report is generated:
a real-looking report page (GBK-declared, the 2021 format's tables with
spanned cells, paragraphs of the usual sentences) with its body repeated to
1 MB. selectolax and pdfplumber are measured only when installed (they are
not the project's dependencies: ``pip install selectolax pdfplumber``).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from document_files import text_pdf  # noqa: E402  (the tests' PDF writer)

from plugins.annual_report.document import read_document  # noqa: E402

SIZE = 1 << 20

HEAD = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    "<title>北京市西城区2016年政府信息公开工作年度报告</title></head><body>"
    '<table width="100%"><tr><td><div class="article">'
)
BODY = """
<p>一、概述</p><p>2016年，西城区认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请1466件，
其中当面申请765件，网络申请58件，信函申请650件。同上年相比，减少122件。</p>
<p>二、主动公开政府信息情况</p><p>全区主动公开政府信息5196条，其中通过政府网站公开4837条，占总数的93.09%。</p>
<p>表1 收到和处理政府信息公开申请情况</p>
<table border="1"><tr><td rowspan="2" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>1402</td><td>31</td><td>0</td><td>2</td><td>21</td><td>10</td><td>1466</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>17</td><td></td><td></td><td></td><td></td><td></td><td>17</td></tr>
<tr><td rowspan="5">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>501</td><td>9</td><td>0</td><td>1</td><td>6</td><td>3</td><td>520</td></tr>
<tr><td colspan="2">（二）部分公开</td><td>88</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>91</td></tr>
<tr><td rowspan="2">（三）不予公开</td><td>1．属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2．其他法律行政法规禁止公开</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td colspan="2">（四）无法提供</td><td>280</td><td>11</td><td>0</td><td>1</td><td>9</td><td>5</td><td>306</td></tr>
</table>
<p>三、咨询情况</p><p>全年共接待咨询51911人次，其中现场咨询23933人次，占总数的46.11%。</p>
"""
TAIL = "</div></td></tr></table></body></html>"


def report_page() -> bytes:
    """The generated report: its body repeated until the page is 1 MB in GB18030."""
    body = BODY.encode("gb18030")
    copies = max(1, (SIZE - len(HEAD) - len(TAIL)) // len(body))
    return (HEAD.encode("gb18030") + body * copies + TAIL.encode("gb18030"))[: SIZE * 2]


def best(step: Callable[[], object], runs: int = 5) -> float:
    """The fastest of ``runs`` timings of ``step``, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def lxml_parse(text: str) -> int:
    """lxml: parse and visit every cell and block's text, as the reader does."""
    import lxml.html

    root = lxml.html.document_fromstring(text)
    return sum(len(e.text_content()) for e in root.iter("td", "p"))


def selectolax_parse(text: str) -> int:
    """selectolax (lexbor): the same parse and visit."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    return sum(len(node.text()) for node in tree.css("td, p"))


def main() -> None:
    data = report_page()
    text = data.decode("gb18030")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_bytes(data)
        document = read_document(page)
        print(
            f"HTML report: {len(data):,} bytes, {len(document.paragraphs):,} paragraphs, "
            f"{len(document.tables):,} tables"
        )
        print(
            f"  read_document (decode, parse, walk, tables): {best(lambda: read_document(page)):.3f} s"
        )
        print(
            f"  lxml parse + visit cells:                    {best(lambda: lxml_parse(text)):.3f} s"
        )
        try:
            print(
                f"  selectolax parse + visit cells:              {best(lambda: selectolax_parse(text)):.3f} s"
            )
        except ImportError:
            print("  selectolax: not installed")
        lines = [
            (72, 800 - 14 * n, f"本年度共收到政府信息公开申请{n}件，占总数的{n}.5%")
            for n in range(50)
        ]
        pdf = text_pdf([lines] * 5)
        pdf_path = Path(folder) / "report.pdf"
        pdf_path.write_bytes(pdf)
        print(f"PDF report: 5 pages of 50 lines, {len(pdf):,} bytes")
        print(f"  pypdfium2 (read_document): {best(lambda: read_document(pdf_path)):.3f} s")
        try:
            import pdfplumber

            def plumber() -> list[str]:
                with pdfplumber.open(io.BytesIO(pdf)) as opened:
                    return [p.extract_text() for p in opened.pages]

            print(f"  pdfplumber (extract_text): {best(plumber):.3f} s")
        except ImportError:
            print("  pdfplumber: not installed")


if __name__ == "__main__":
    main()

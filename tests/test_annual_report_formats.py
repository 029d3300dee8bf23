"""Report formats as data: figures read from a published report's tables and text, and judged.

Each real report's breaks are listed by hand from its text, the arithmetic in
the comments; the reader must find every one and raise nothing else.
"""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import pytest

from plugins.annual_report.document import Document, Paragraph, Table, Where, read_document
from plugins.annual_report.extract import breaks_of, compile_pattern, extract, judge, normal
from plugins.annual_report.formats import FormatError, choose, load_formats, parse_format
from plugins.annual_report.tables import Break
from plugins.annual_report.texts import AT_MOST, CHANGE, MISSING, SHARE, SUM, TEXT_TABLE

FIXTURES = Path(__file__).parent / "fixtures" / "annual_reports"
FORMATS = load_formats()


def _breaks(breaks: list[Break]) -> list[tuple[str, tuple[str, ...]]]:
    return sorted(breaks_of(b for b in breaks if b.code != MISSING))


def _text(*paragraphs: str) -> Document:
    numbered = tuple(Paragraph(text, Where(paragraph=n)) for n, text in enumerate(paragraphs, 1))
    return Document(Path("report.txt"), "txt", "0" * 64, numbered)


# ---------------------------------------------------------------- choosing a format


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2008, "ogi_2008_text"),
        (2015, "ogi_2008_text"),
        (2016, "beijing_2016"),
        (2018, "beijing_2016"),
        (2019, "national_2019_trial"),
        (2020, "national_2019_trial"),
        (2021, "national_2021"),
        (2025, "national_2021"),
    ],
)
def test_the_format_is_chosen_by_the_year_the_report_covers(year: int, expected: str) -> None:
    assert choose(year, FORMATS).id == expected


def test_a_scheme_may_pin_a_format_and_an_unknown_one_is_refused() -> None:
    assert choose(2016, FORMATS, "ogi_2008_text").id == "ogi_2008_text"
    with pytest.raises(FormatError) as raised:
        choose(2016, FORMATS, "nowhere")
    assert raised.value.code == "format.unknown"
    with pytest.raises(FormatError) as raised:
        choose(2007, FORMATS)
    assert raised.value.params["year"] == 2007


def test_every_built_in_format_cites_its_source() -> None:
    for fmt in FORMATS.values():
        assert fmt.file is not None
        assert "Source:" in fmt.file.read_text(encoding="utf-8"), fmt.id
        assert fmt.source


def test_a_bad_format_file_gets_its_line_and_field(tmp_path: Path) -> None:
    text = (
        "id: mine\nname: 我的格式\nsource: 某文件\nyears: {from: 2016}\ntables:\n"
        "  - id: t\n    title: [表]\n    path: t\n    rows: {a: 甲}\n    columns: 总计\n"
    )
    with pytest.raises(FormatError) as raised:
        parse_format(text, tmp_path / "mine.yaml")
    assert raised.value.code == "format.invalid"
    assert raised.value.params["line"] == 10
    assert raised.value.params["field"] == "tables.0.columns"


def test_a_scheme_adds_a_format_and_replaces_a_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "id: beijing_2016\nname: 本方案的格式\nsource: 方案\nyears: {from: 2016, to: 2016}\n"
        "extends: ogi_2008_text\n",
        encoding="utf-8",
    )
    formats = load_formats(tmp_path)
    assert formats["beijing_2016"].name == "本方案的格式"
    assert formats["beijing_2016"].patterns == formats["ogi_2008_text"].patterns
    assert not formats["beijing_2016"].covers(2017)  # the scheme's years, not the built-in's
    with pytest.raises(FormatError):
        choose(2017, formats)


# ---------------------------------------------------------------- patterns


def test_patterns_read_full_width_digits_commas_and_percent_signs() -> None:
    pattern = compile_pattern("当面申请{a}件,占总数…{a:percent}%")
    match = pattern.regex.search(normal("其中，当面申请１，２３４件，占总数的５２．１８％。"))
    assert match is not None
    assert (match.group("s0"), match.group("s1")) == ("1,234", "52.18")


def test_a_decrease_is_read_as_a_negative_change() -> None:
    document = _text("本单位共收到政府信息公开申请1466件，同上年相比，减少122条。")
    figure = extract(document, FORMATS["ogi_2008_text"]).figures["narrative.requests.received"]
    assert (figure.figure.value, figure.figure.change) == (1466, -122)
    assert figure.where == Where(paragraph=1)


# ---------------------------------------------------------------- precision as printed


def test_a_share_is_judged_at_the_decimals_it_is_printed_with() -> None:
    # 339/1000 = 33.9 % at one decimal (right); 434/10000... : 43/1000 = 4.30 % at two,
    # printed 4.34 (wrong); 320/1000 = 32.0 % printed 32.1 (wrong at one decimal).
    document = _text(
        "共接受政府信息公开方面的咨询1000人次。",
        "现场咨询339人次，占总数的33.9%；电话咨询43人次，占总数的4.34%；"
        "网上咨询618人次，占总数的61.8%。",
    )
    fmt = FORMATS["ogi_2008_text"]
    breaks = judge(extract(document, fmt), fmt)
    assert _breaks(breaks) == [(SHARE, ("narrative.consultations.phone",))]
    (share,) = [b for b in breaks if b.code == SHARE]
    assert (share.params["stated"], share.params["computed"]) == ("4.34", "4.30")


def test_the_expected_share_keeps_its_trailing_zero() -> None:
    # 32/100 = 32.0 % at the one decimal printed; 68/100 = 68.0 % printed 68.0.
    document = _text(
        "共接受政府信息公开方面的咨询100人次。",
        "现场咨询32人次，占总数的32.1%；电话咨询68人次，占总数的68.0%。",
    )
    fmt = FORMATS["ogi_2008_text"]
    (share,) = judge(extract(document, fmt), fmt)
    assert share.code == SHARE
    assert share.params["computed"] == "32.0"
    assert share.params["decimals"] == 1


# ---------------------------------------------------------------- the Xicheng report


def test_the_xicheng_2016_report_yields_exactly_its_breaks() -> None:
    # Scheme year 2017 judging the 2016 report, read by the 2016 format's text patterns
    # (the seed has no 附表). Checked against the fixture's text by hand:
    # - requests received 765 + 58 + 650 = 1,473 ≠ 1,466 (sum);
    # - their changes −252 + 36 + 84 = −132 ≠ −122 (change);
    # - 非本单位掌握 280 / 1,445 = 19.377… = 19.38 % ≠ printed 19.37 % (share);
    # - 现场咨询 23,933 / 51,911 = 46.104… = 46.10 % ≠ printed 46.11 % (share);
    # - 回应解读 56 + 5 + 259 + 94 + 5,341 = 5,755 ≠ 5,196 (sum), and 5,341 > 5,196 (at_most).
    # Not breaks: 政务微博 12,405 + 政务微信 4,055 = 16,460 > 14,690 (channels overlap: each
    # is only held within the total, 12,405 ≤ 14,690 and 4,055 ≤ 14,690); replies
    # 81 + 398 + 61 + 43 + 351 + 280 + 68 + 158 + 5 = 1,445 = 1,445; consultations
    # 23,933 + 27,686 + 292 = 51,911; reconsideration 101 + 32 + 19 = 152; litigation
    # 160 + 7 + 67 = 234; every other printed share rounds to what it prints.
    document = read_document(FIXTURES / "xicheng-2016-annual-report.txt")
    fmt = choose(2017 - 1, FORMATS)
    assert fmt.id == "beijing_2016"
    breaks = judge(extract(document, fmt), fmt)
    assert _breaks(breaks) == sorted(
        [
            (SUM, ("narrative.requests.received",)),
            (CHANGE, ("narrative.requests.received",)),
            (SHARE, ("narrative.replies.not_ours",)),
            (SHARE, ("narrative.consultations.in_person",)),
            (SUM, ("narrative.responses.total",)),
            (AT_MOST, ("narrative.responses.other",)),
        ]
    )
    assert len(breaks) == 6  # nothing missing either: the report has no table to miss
    values = {
        (b.code, b.records[0]): (
            b.params["stated"],
            b.params.get("computed", b.params.get("limit")),
        )
        for b in breaks
    }
    assert values[(SUM, "narrative.requests.received")] == (1466, 1473)
    assert values[(CHANGE, "narrative.requests.received")] == (-122, -132)
    assert values[(SHARE, "narrative.replies.not_ours")] == ("19.37", "19.38")
    assert values[(SHARE, "narrative.consultations.in_person")] == ("46.11", "46.10")
    assert values[(SUM, "narrative.responses.total")] == (5196, 5755)
    assert values[(AT_MOST, "narrative.responses.other")] == (5341, 5196)


def test_the_xicheng_figures_keep_where_they_stand() -> None:
    document = read_document(FIXTURES / "xicheng-2016-annual-report.txt")
    figures = extract(document, FORMATS["beijing_2016"]).figures
    where = figures["narrative.responses.other"].where
    assert where.paragraph is not None
    assert "其他方式回应事件5341次" in document.paragraphs[where.paragraph - 1].text
    assert figures["narrative.proactive.weixin"].figure.value == 4055


# ---------------------------------------------------------------- tables from HTML pages

HEADER = (
    '<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，'
    '等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>'
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td>'
    '<td rowspan="2">总计</td></tr>'
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
    "<td>其他</td></tr>"
)


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _request_row(line: str) -> str:
    """A row of the table of requests: its labels spread over 3 columns, then 7 figures."""
    cells = [cell.strip() for cell in line.split("|")]
    labels: list[str] = []
    while cells and cells[0] and not cells[0].isdigit():
        labels.append(cells.pop(0))
    figures = (cells + [""] * 7)[:7]
    span = 3 - len(labels) + 1
    tds = [f"<td>{html.escape(label)}</td>" for label in labels[:-1]]
    tds.append(f'<td colspan="{span}">{html.escape(labels[-1])}</td>')
    tds += [f"<td>{html.escape(figure)}</td>" for figure in figures]
    return "<tr>" + "".join(tds) + "</tr>"


def report_page(text: str, charset: str) -> str:
    """An HTML page made from a report's text: ``|`` rows as tables (not the page as published).

    Paragraphs are ``<p>``; rows after 收到和处理政府信息公开申请情况 go in the
    table of requests under the national format's three header rows, re-made with
    their spans (the header rows a fixture keeps as its corpus flattened them, the
    ``|`` rows before 本年新收, are left out for them); other ``|`` rows in a plain table.
    """
    body: list[str] = []
    rows: list[str] = []
    requests = False

    def close() -> None:
        if rows:
            head = HEADER if requests else ""
            body.append('<table border="1">' + head + "".join(rows) + "</table>")
            rows.clear()

    for line in text.splitlines():
        if "|" not in line:
            close()
            requests = "收到和处理政府信息公开申请情况" in line
            body.append(f"<p>{html.escape(line)}</p>")
        elif requests and not rows and "本年新收" not in line:
            continue  # the header rows as a corpus flattened them: re-made above, with spans
        elif requests:
            rows.append(_request_row(line))
        else:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in _cells(line)))
    close()
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f"<html><head>{head}</head><body>{''.join(body)}</body></html>"


def _page(tmp_path: Path, fixture: str, charset: str, encoding: str) -> Document:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    path = tmp_path / "report.html"
    path.write_bytes(report_page(text, charset).encode(encoding))
    return read_document(path)


def _missing_after(fmt_id: str, last_row: str) -> set[str]:
    """The figures of every row of the table of requests after ``last_row`` (the excerpt's cut)."""
    spec = next(t for t in FORMATS[fmt_id].tables if t.id == "requests")
    keys = list(spec.rows)
    after = keys[keys.index(last_row) + 1 :]
    return {spec.figure_path(row, column) for row in after for column in spec.columns}


def test_a_blank_total_is_zero_and_breaks_its_row(tmp_path: Path) -> None:
    # 长春市二道区房屋征收办 2022 (2021 format), its page re-made as GBK HTML from the text.
    # new: 56 + 0 + 0 + 0 + 0 + 0 = 56 = 56; carried over: 0 = 0; 部分公开 and the eight
    # 不予公开 rows print blanks only: 0 in a table whose other cells are filled.
    # (一)予以公开: 18 + 0 + 0 + 0 + 0 + 0 = 18 ≠ 0 (its 总计 cell is blank).
    # The excerpt ends after 8.属于行政查询事项: the rows after it are missing, nothing else.
    # Its 5.属于三类内容事务信息 (sic: 内部) is read as the row it is.
    document = _page(tmp_path, "changchun-erdao-fangwu-zhengshou-2022-excerpt.txt", "gbk", "gbk")
    fmt = choose(2022, FORMATS)
    extracted = extract(document, fmt)
    breaks = judge(extracted, fmt)
    assert _breaks(breaks) == [(SUM, ("requests.outcomes.granted.total",))]
    (row,) = [b for b in breaks if b.code == SUM]
    assert (row.params["stated"], row.params["computed"]) == (0, 18)
    missing = {b.records[0] for b in breaks if b.code == MISSING}
    assert missing == _missing_after("national_2021", "outcomes.refused.query_matters")
    figures = extracted.figures
    assert figures["requests.outcomes.refused.internal_affairs.total"].figure.value == 0
    assert figures["requests.new.natural_person"].where.zh().startswith("表")
    assert figures["proactive.licensing.decisions"].figure.value == 0
    assert "proactive" in extracted.tables


def test_every_applicant_column_is_read_and_a_consistent_excerpt_has_no_break(
    tmp_path: Path,
) -> None:
    # A Tianjin district office, 2022 (2021 format), its page re-made as UTF-8 HTML.
    # new: 1 + 0 + 0 + 0 + 0 + 3 = 4 = 4; carried over 0 = 0; 予以公开 1 + 3 = 4 = 4.
    # The excerpt ends after （一）予以公开: only the rows after it are missing.
    document = _page(tmp_path, "tianjin-tjhq-zhengwu-fuwuban-2022-excerpt.txt", "utf-8", "utf-8")
    fmt = choose(2022, FORMATS)
    extracted = extract(document, fmt)
    breaks = judge(extracted, fmt)
    assert _breaks(breaks) == []
    missing = {b.records[0] for b in breaks if b.code == MISSING}
    assert missing == _missing_after("national_2021", "outcomes.granted")
    figures = extracted.figures
    assert figures["requests.new.other_org"].figure.value == 3
    assert figures["requests.outcomes.granted.natural_person"].figure.value == 1
    assert figures["proactive.licensing.decisions"].figure.value == 1517


# A 2019-trial table (made up for the test, not a published report): one （六）其他处理
# row; the 商业企业 column of new requests does not add up down its outcomes.
TRIAL_ROWS = [
    ("一、本年新收政府信息公开申请数量", [5, 2, 0, 0, 0, 0, 7]),
    ("二、上年结转政府信息公开申请数量", [1, "", "", "", "", "", 1]),
    ("三、本年度办理结果 | （一）予以公开", [3, 1, "", "", "", "", 4]),
    ("三、本年度办理结果 | （二）部分公开", [1, "", "", "", "", "", 1]),
    *[
        (f"三、本年度办理结果 | （三）不予公开 | {label}", [""] * 7)
        for label in (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        )
    ],
    *[
        (f"三、本年度办理结果 | （四）无法提供 | {label}", [""] * 7)
        for label in (
            "1.本机关不掌握相关政府信息",
            "2.没有现成信息需要另行制作",
            "3.补正后申请内容仍不明确",
        )
    ],
    *[
        (f"三、本年度办理结果 | （五）不予处理 | {label}", [""] * 7)
        for label in (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        )
    ],
    ("三、本年度办理结果 | （六）其他处理", [1, "", "", "", "", "", 1]),
    ("三、本年度办理结果 | （七）总计", [5, 1, "", "", "", "", 6]),
    ("四、结转下年度继续办理", [1, "", "", "", "", "", 1]),
]


def test_the_2019_trial_table_is_checked_column_by_column(tmp_path: Path) -> None:
    # 商业企业: outcomes 1 = 1 (总计 row 1), but new 2 + carried over 0 = 2 ≠ 1 + 0 = 1 (balance).
    # 总计: new 7 + carried over 1 = 8 ≠ outcomes 6 + carried forward 1 = 7 (balance).
    # 自然人: 5 + 1 = 6 = 5 + 1; outcomes 3 + 1 + 1 = 5 = 5. Rows: 3 + 1 = 4; 5 + 1 = 6.
    text = "三、收到和处理政府信息公开申请情况\n" + "\n".join(
        f"{label} | {' | '.join(str(v) for v in values)} |" for label, values in TRIAL_ROWS
    )
    fixture = tmp_path / "trial.txt"
    fixture.write_text(text, encoding="utf-8")
    path = tmp_path / "trial.html"
    path.write_text(report_page(text, "utf-8"), encoding="utf-8")
    fmt = choose(2020, FORMATS)
    breaks = judge(extract(read_document(path), fmt), fmt)
    balances = sorted(b.records[0] for b in breaks if b.code == "annual_report.balance")
    assert balances == ["requests.new.commercial_enterprise", "requests.new.total"]
    assert [b for b in breaks if b.code != "annual_report.balance"] == []


# ---------------------------------------------------------------- text against table


def test_a_text_figure_is_checked_against_its_table_figure() -> None:
    table = Document(
        Path("r.html"),
        "html",
        "0" * 64,
        (Paragraph("本单位共收到政府信息公开申请3件。", Where(paragraph=1)),),
        (
            Table(
                "附表：政府信息公开情况统计表",
                (("指标", "单位", "统计数"), ("收到申请数", "件", "2"), ("当面申请数", "件", "2")),
                Where(table=1),
            ),
        ),
    )
    fmt = FORMATS["beijing_2016"]
    breaks = judge(extract(table, fmt), fmt)
    assert _breaks(breaks) == [
        (TEXT_TABLE, ("narrative.requests.received", "table.requests.received"))
    ]
    (found,) = [b for b in breaks if b.code == TEXT_TABLE]
    assert (found.params["stated"], found.params["computed"]) == (3, 2)


# ---------------------------------------------------------------- more published reports
#
# Each fixture opens with a header of ``#`` lines (or an HTML comment) giving its source,
# the retrieval date, what is excerpted and whether the file is the published bytes; the
# header is not part of the report and is left out before reading. Breaks listed by hand.


def _published(tmp_path: Path, fixture: str, *, page: bool = False) -> Document:
    """The fixture's report without its header: a .txt, or the page ``report_page`` makes."""
    lines = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    text = "".join(lines)
    path = tmp_path / ("report.html" if page else "report.txt")
    path.write_text(report_page(text, "utf-8") if page else text, encoding="utf-8")
    return read_document(path)


def _judged(document: Document, year: int) -> list[Break]:
    fmt = choose(year, FORMATS)
    return judge(extract(document, fmt), fmt)


def test_a_consistent_2008_era_bureau_report_raises_nothing(tmp_path: Path) -> None:
    # 北京市东城区建设委员会 2014. Proactive 23: 行政职责 14/23 = 60.87 → 60.9 % (printed 60.9),
    # 业务动态 9/23 = 39.13 → 39.1 % (39.1). Requests 9 (up 3): 信函 6 + 当面 3 = 9 = 9;
    # 6/9 = 66.67 → 66.7 % (66.7); 3/9 = 33.33 → 33.3 % (33.3). No break.
    document = _published(tmp_path, "beijing-dongcheng-jianwei-2014-excerpt.txt")
    fmt = choose(2014, FORMATS)
    extracted = extract(document, fmt)
    assert _breaks(judge(extracted, fmt)) == []
    figures = extracted.figures
    assert figures["narrative.proactive.kinds.duties"].figure.percent == Decimal("60.9")
    assert figures["narrative.requests.received"].figure.change == 3
    assert figures["narrative.requests.letter"].figure.value == 6


def test_a_consistent_2008_era_office_report_with_whole_percentages(tmp_path: Path) -> None:
    # 北京市信访办 2014. Proactive 20: 业务动态 19/20 = 95 % (printed 95, no decimals),
    # 机构职能 1/20 = 5 % (5). 咨询 204 人次 (its parts cut by the excerpt). No break.
    document = _published(tmp_path, "beijing-xinfangban-2014-excerpt.txt")
    assert _breaks(_judged(document, 2014)) == []


def test_a_street_office_share_printed_one_hundredth_too_high(tmp_path: Path) -> None:
    # 西城区展览路街道 2014. Proactive 235: 机构职能 9/235 = 3.830 → 3.83 % (3.83);
    # 规划计划 4/235 = 1.702 → 1.70 % (1.70); 行政职责 25/235 = 10.638 → 10.64 % (10.64);
    # 业务动态 197/235 = 83.830 → 83.83 % ≠ printed 83.84 % (share). The kinds add up,
    # 9 + 4 + 25 + 197 = 235, but their printed shares to 100.01 %.
    document = _published(tmp_path, "beijing-xicheng-zhanlanlu-2014-excerpt.txt")
    breaks = _judged(document, 2014)
    assert _breaks(breaks) == [(SHARE, ("narrative.proactive.kinds.news",))]
    (share,) = breaks
    assert (share.params["stated"], share.params["computed"]) == ("83.84", "83.83")


def test_a_kind_listed_twice_is_not_added_up(tmp_path: Path) -> None:
    # 西长安街街道 2015 lists 机构职能 twice (13 at 7.3 %, again 13 at 7 %): 13 + 3 + 6 + 11
    # + 13 + 133 = 179 = 179 only with both, so kinds are held to their shares, not summed.
    # 13/179 = 7.26 → 7.3 %; 3/179 = 1.68 → 1.7 %; 6/179 = 3.35 → 3.4 %; 11/179 = 6.15 →
    # 6.1 %; 133/179 = 74.30 → 74.3 %. No break.
    document = _published(tmp_path, "beijing-xicheng-xichanganjie-2015-excerpt.txt")
    fmt = choose(2015, FORMATS)
    extracted = extract(document, fmt)
    assert _breaks(judge(extracted, fmt)) == []
    assert extracted.figures["narrative.proactive.total"].figure.value == 179
    assert extracted.figures["narrative.proactive.kinds.regulations"].figure.value == 6


def test_a_whole_2009_report_with_one_figure_raises_nothing(tmp_path: Path) -> None:
    # 金乡县水务局 2009, the whole report: 主动公开信息共42条, no request, no appeal. No break.
    document = _published(tmp_path, "jinxiang-shuiwu-2009.txt")
    fmt = choose(2009, FORMATS)
    extracted = extract(document, fmt)
    assert _breaks(judge(extracted, fmt)) == []
    assert extracted.figures["narrative.proactive.total"].figure.value == 42


SHANGHAI_2019_ROWS = {
    # row: applicant cells added (its 总计 cell printed blank, so 0)
    "granted": 272,  # 258 + 12 + 1 + 1
    "partly_granted": 3,
    "refused.state_secret": 14,
    "refused.internal_affairs": 5,
    "refused.process_information": 4,  # 3 + 1
    "refused.query_matters": 12,  # 10 + 2
    "unable.not_held": 265,  # 252 + 12 + 1
    "unable.needs_creating": 47,  # 44 + 3
    "unable.still_unclear": 25,
    "not_processed.petition": 149,  # 148 + 1
    "not_processed.repeated": 9,  # 5 + 4
}


def test_the_shanghai_2019_report_blank_totals_and_its_text(tmp_path: Path) -> None:
    # 上海市人民政府办公厅 2019 (2019 trial format), the whole report as HTML with its tables.
    # Table of requests: every outcome row prints its applicants and leaves 总计 blank, so
    # each of the 11 rows above breaks, e.g. 予以公开 258 + 12 + 1 + 1 = 272 ≠ 0; and the 总计
    # column's outcomes add to 0 ≠ 805 (its 总计 row). Not breaks: 自然人 258 + 3 + 14 + 5 + 3
    # + 10 + 252 + 44 + 25 + 148 + 5 = 767 = 767, 821 + 18 = 767 + 72; 商业企业 12 + 1 + 2 +
    # 12 + 3 + 1 + 4 = 35 = 35; 法律服务机构 1 + 1 = 2; 其他 1 = 1; 新收 821 + 35 + 2 + 1 =
    # 859; 总计 859 + 18 = 805 + 72; 复议 5 + 2 = 7; 直接起诉 8 + 1 = 9.
    # Its text: 258 + 35 + 265 + 158 + 0 = 716 ≠ 805 answered (sum); 258/805 = 32.05 → 32.0 %
    # ≠ printed 33.9 % (share); 35/805 = 4.348 → 4.35 % ≠ printed 4.34 % (share);
    # 265/805 = 32.92 → 32.9 % and 158/805 = 19.63 → 19.6 % as printed.
    document = read_document(FIXTURES / "shanghai-bangongting-2019.html")
    fmt = choose(2019, FORMATS)
    assert fmt.id == "national_2019_trial"
    breaks = judge(extract(document, fmt), fmt)
    rows = [(SUM, (f"requests.outcomes.{row}.total",)) for row in SHANGHAI_2019_ROWS]
    assert _breaks(breaks) == sorted(
        [
            *rows,
            (SUM, ("requests.outcomes.total.total",)),
            (SUM, ("narrative.replies.total",)),
            (SHARE, ("narrative.replies.granted",)),
            (SHARE, ("narrative.replies.refused",)),
        ]
    )
    assert [b for b in breaks if b.code == MISSING] == []
    values = {b.records[0]: (b.params["stated"], b.params["computed"]) for b in breaks}
    for row, added in SHANGHAI_2019_ROWS.items():
        assert values[f"requests.outcomes.{row}.total"] == (0, added)
    assert values["requests.outcomes.total.total"] == (805, 0)
    assert values["narrative.replies.total"] == (805, 716)
    assert values["narrative.replies.granted"] == ("33.9", "32.0")
    assert values["narrative.replies.refused"] == ("4.34", "4.35")


def test_a_2020_report_with_a_cut_proactive_table_raises_nothing(tmp_path: Path) -> None:
    # 乌海市工业和信息化局 2020 (2019 trial format), its page re-made from the text. Its text's
    # proactive channels 52 + 2167 + 541 + 175 + 7 = 2,942 = 2,942 (no rule reads them); the
    # excerpt ends inside the proactive table, before the table of requests: nothing to break,
    # nothing required (a table not found is not required).
    document = _published(tmp_path, "wuhai-gongxinju-2020-excerpt.txt", page=True)
    breaks = _judged(document, 2020)
    assert breaks == []


def test_a_2024_report_with_2021_tables_is_consistent_where_it_stands(tmp_path: Path) -> None:
    # A 深圳市龙岗区 department, 2024 (2021 format), its page re-made from the text (its header
    # rows as the corpus flattened them, re-made with spans). new 58 + 7 + 0 + 0 + 1 + 0 = 66
    # = 66; carried over 2 = 2; 予以公开 2 + 1 = 3 = 3; 部分公开 16 + 1 = 17 = 17; 三类内部
    # 1 = 1; the other rows 0. The excerpt ends after 6.属于四类过程性信息: only the rows after
    # it are missing.
    document = _published(tmp_path, "shenzhen-longgang-2024-excerpt.txt", page=True)
    fmt = choose(2024, FORMATS)
    extracted = extract(document, fmt)
    breaks = judge(extracted, fmt)
    assert _breaks(breaks) == []
    missing = {b.records[0] for b in breaks if b.code == MISSING}
    assert missing == _missing_after("national_2021", "outcomes.refused.process_information")
    figures = extracted.figures
    assert figures["requests.new.total"].figure.value == 66
    assert figures["requests.outcomes.partly_granted.natural_person"].figure.value == 16
    assert figures["proactive.normative_documents.in_force"].figure.value == 25

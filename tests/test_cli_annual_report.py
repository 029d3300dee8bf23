"""``evaluate annual-report FILE``: one published report read, its figures printed, its breaks told.

The Xicheng district's 2016 report (real text) has exactly six breaks, worked out
by hand in tests/test_annual_report_formats.py; the consistent report below is
made up for the test, its arithmetic in the comment above it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

RunCli = Callable[..., Any]  # the run_cli fixture (tests/conftest.py)

XICHENG = Path(__file__).parent / "fixtures" / "annual_reports" / "xicheng-2016-annual-report.txt"

# 3 + 2 = 5 requests by channel; 2 + 1 + 2 = 5 replies; shares 3/5 = 60.0 %, 2/5 = 40.0 %
# (printed at one decimal); 10 + 5 = 15 consultations. Nothing breaks.
CONSISTENT = """北京市西城区某局2015年政府信息公开工作年度报告
2015年，本局共收到政府信息公开申请5件，其中当面申请3件，占总数的60.0%；网上申请2件，占总数的40.0%。
已答复5件，其中同意公开的2件，占总数的40%；同意部分公开的1件，占总数的20%；信息不存在的2件，占总数的40%。
共接受政府信息公开方面的咨询15人次，其中现场咨询10人次，占总数的66.67%；电话咨询5人次，占总数的33.33%。
2016年3月25日
"""


def _consistent(tmp_path: Path, tail: str = "") -> Path:
    path = tmp_path / "report.txt"
    path.write_text(CONSISTENT + tail, encoding="utf-8")
    return path


def test_the_xicheng_report_prints_exactly_its_six_breaks_and_exits_1(
    run_cli: RunCli, tmp_path: Path
) -> None:
    run = run_cli("annual-report", str(XICHENG), "--format", "json", cwd=tmp_path)
    assert run.status == 1, run.err
    data = json.loads(run.out)
    assert set(data) == {"document", "format", "year", "figures", "findings"}
    assert (data["format"], data["year"]) == ("beijing_2016", 2016)  # the year from its title
    assert sorted((f["code"], f["records"][0]) for f in data["findings"]) == sorted(
        [
            ("annual_report.sum", "narrative.requests.received"),
            ("annual_report.change", "narrative.requests.received"),
            ("annual_report.share", "narrative.replies.not_ours"),
            ("annual_report.share", "narrative.consultations.in_person"),
            ("annual_report.sum", "narrative.responses.total"),
            ("annual_report.at_most", "narrative.responses.other"),
        ]
    )
    assert all(f["message"] and f["params"]["place"] for f in data["findings"])
    figures = data["figures"]
    assert figures["narrative.requests.received.value"] == 1466
    assert figures["narrative.requests.received.change"] == -122
    assert figures["narrative.proactive.weixin"] == 4055


def test_the_text_output_lists_the_figures_where_they_stand_and_the_breaks(
    run_cli: RunCli, tmp_path: Path
) -> None:
    run = run_cli("annual-report", str(XICHENG), cwd=tmp_path)
    assert run.status == 1
    lines = run.out.splitlines()
    (received,) = [line for line in lines if "narrative.requests.received.value" in line]
    assert "1466" in received and "段" in received
    assert "[正文]" in lines
    assert "table:statistics" in run.out  # the 附表 its format looked for
    breaks = lines[lines.index("[问题]") + 1 :]
    assert len(breaks) == 6


def test_a_consistent_report_exits_0(run_cli: RunCli, tmp_path: Path) -> None:
    run = run_cli("annual-report", str(_consistent(tmp_path)), "--format", "json", cwd=tmp_path)
    assert run.status == 0, run.out
    data = json.loads(run.out)
    assert data["findings"] == []
    assert (data["format"], data["year"]) == ("ogi_2008_text", 2015)
    assert data["figures"]["narrative.requests.received"] == 5


def test_year_chooses_the_format_whatever_the_title_says(run_cli: RunCli, tmp_path: Path) -> None:
    path = str(_consistent(tmp_path))
    run = run_cli("annual-report", path, "--format", "json", "--year", "2016", cwd=tmp_path)
    assert json.loads(run.out)["format"] == "beijing_2016"


def test_kind_judges_the_printed_date_against_the_national_due_date(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # a bureau's 2015 report fell due on 2016-03-31 (2008 regulation, art. 31)
    on_time = run_cli("annual-report", str(_consistent(tmp_path)), "--kind", "bureau", cwd=tmp_path)
    assert on_time.status == 0
    assert "2016-03-31" in on_time.out and "2016-03-25" in on_time.out
    on_the_day = _consistent(tmp_path, "\n2016年3月31日\n")
    assert run_cli("annual-report", str(on_the_day), "--kind", "bureau", cwd=tmp_path).status == 0
    late = _consistent(tmp_path, "\n2016年4月2日\n")
    run = run_cli("annual-report", str(late), "--format", "json", "--kind", "bureau", cwd=tmp_path)
    assert run.status == 1
    (finding,) = json.loads(run.out)["findings"]
    assert finding["code"] == "annual_report.late"
    assert (finding["params"]["due"], finding["params"]["days"]) == ("2016-03-31", 2)


def test_a_garbage_file_exits_2_with_a_clear_message(run_cli: RunCli, tmp_path: Path) -> None:
    garbage = tmp_path / "report.pdf"
    garbage.write_bytes(b"\x00\x01 not a report at all")
    run = run_cli("annual-report", str(garbage), cwd=tmp_path)
    assert run.status == 2
    assert run.out == ""
    assert "report.pdf" in run.err and "无法读取" in run.err
    assert "Traceback" not in run.err


def test_a_report_whose_title_names_no_year_needs_year(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("本局共收到政府信息公开申请3件。\n", encoding="utf-8")
    run = run_cli("annual-report", str(path), "--lang", "en", cwd=tmp_path)
    assert run.status == 2
    assert "--year" in run.err
    assert run_cli("annual-report", str(path), "--year", "2015", cwd=tmp_path).status == 0

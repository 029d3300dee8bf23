"""``-o FILE`` takes its format from the extension; unknown extensions stop before scoring."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from evaluator._core.model import Message
from evaluator._reports.output import EXTENSIONS


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("r.xlsx", b"PK\x03\x04"),
        ("r.json", b"{\n"),
        ("r.html", b"<!DOCTYPE html>"),
        ("r.md", "## 测试方案".encode()),
        ("r.txt", "测试方案".encode()),
        ("r.csv", "\ufeff类别".encode()),
    ],
)
def test_output_format_follows_the_extension(
    run_cli, tmp_path: Path, name: str, starts: bytes
) -> None:
    target = tmp_path / name
    run = run_cli("submissions", "-o", str(target))
    assert run.status == 1, run.err
    assert target.read_bytes().startswith(starts)


def test_explicit_format_wins_over_the_extension(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    run_cli("submissions", "--format", "json", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["scheme"]["id"] == "mini"


@pytest.mark.parametrize("name", ["r.pdf", "results"])
def test_unknown_extension_stops_before_scoring(run_cli, tmp_path: Path, name: str) -> None:
    run = run_cli("submissions", "-o", str(tmp_path / name))
    assert run.status == 2
    extension = os.path.splitext(name)[1]
    said = Message(
        "cli.unknown_extension",
        {"output": str(tmp_path / name), "extension": extension, "known": list(EXTENSIONS)},
    )
    assert said.text() in run.err
    assert list(tmp_path.iterdir()) == []


def test_detail_csv_file_is_the_lost_points(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "lost.csv"
    run_cli("submissions", "--detail", "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["编号", "单位", "维度", "指标", "失分", "代码", "问题", "涉及记录"]
    late = [r for r in rows if r[0] == "s-two" and r[3] == "按时完成"]
    assert len(late) == 1 and "T2" in late[0][7]
    assert rows[-1][1] == "submissions/s-bad/submission.yaml:4:3" and rows[-1][5] == "未评分"


def test_problems_on_stderr_are_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    from evaluator.cli import _shown

    line = _shown("warning: b-x: \x1b[2J\u202e名称\nerror: forged line")
    assert line == "warning: b-x:  名称 error: forged line"  # the override became a space

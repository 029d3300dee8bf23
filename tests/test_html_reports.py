"""The HTML page, the feedback folder (``evaluate report``), templates and ``--baseline``."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_render_trust import HOSTILE_ID, hostile_evaluation

from evaluator._core.model import Message
from evaluator._reports.html import write_html
from evaluator._reports.json_results import results_schema


class Page(HTMLParser):
    """Tags with their attributes, and the text, of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def rows(self, kind: str | None = None) -> list[str]:
        """``data-unit`` of each ranking row."""
        return [a["data-unit"] or "" for t, a in self.tags if t == "tr" and "data-unit" in a]


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")


def results(run_cli, tmp_path: Path, *args: str) -> dict[str, Any]:
    target = tmp_path / "results.json"
    run_cli("submissions", "-o", str(target), *args)
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


# ---------------------------------------------------------------- the single page


def test_html_page_has_one_row_per_unit_and_the_unscored_block(run_cli, tmp_path) -> None:
    target = tmp_path / "r.html"
    run = run_cli("submissions", "-o", str(target))
    assert run.status == 1
    page = Page(target.read_text(encoding="utf-8"))
    assert page.rows() == ["b-alpha", "b-beta", "b-gamma", "b-delta", "b-epsilon", "s-two", "s-one"]
    text = "".join(page.text)
    assert "未评分" in text and "submissions/s-bad/submission.yaml:4:3" in text
    anchors = {a["id"] for t, a in page.tags if "id" in a}
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert all(link.startswith("#u-") and link[1:] in anchors for link in links)


def test_html_page_fetches_nothing(run_cli, tmp_path) -> None:
    target = tmp_path / "r.html"
    run_cli("submissions", "-o", str(target))
    page = Page(target.read_text(encoding="utf-8"))
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        if tag == "link":
            raise AssertionError("no stylesheet or font may be linked")
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and policy.startswith("default-src 'none'")
    assert sum(1 for t, _ in page.tags if t == "svg") == 3  # two kinds, and the means


def test_hostile_names_are_escaped_in_html() -> None:
    out = io.StringIO()
    write_html(hostile_evaluation(), out)
    text = out.getvalue()
    assert "<script>x" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
    assert "\x1b" not in text and "\u202e" not in text
    page = Page(text)
    assert page.rows().count(HOSTILE_ID) == 1


def test_english_labels_in_html(run_cli, tmp_path) -> None:
    target = tmp_path / "r.html"
    run_cli("submissions", "-o", str(target), "--lang", "en")
    text = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and ">Rank<" in text and "Not scored" in text


# ---------------------------------------------------------------- feedback pages


def test_report_writes_an_index_and_a_page_per_unit(run_cli, tmp_path) -> None:
    folder = tmp_path / "feedback"
    run = run_cli("report", "submissions", "-o", str(folder))
    assert run.status == 1
    assert "s-bad" in run.err  # problems still reported on stderr
    names = sorted(p.name for p in folder.iterdir())
    # s-bad could not be scored: its page says what to fix (tests/test_feedback_unscored.py)
    ids = ["b-alpha", "b-beta", "b-delta", "b-epsilon", "b-gamma", "s-bad", "s-one", "s-two"]
    assert names == sorted(["index.html", *[f"{i}.html" for i in ids]])
    index = Page((folder / "index.html").read_text(encoding="utf-8"))
    assert {a["href"] for t, a in index.tags if t == "a"} == {f"{i}.html" for i in ids}


def test_unit_page_shows_rank_of_n_lost_points_and_advice(
    run_cli, tmp_path, mini_copy, edit
) -> None:
    edit(
        mini_copy / "criteria" / "work.yaml",
        "    name: 按时完成\n",
        "    name: 按时完成\n    advice: 请按期完成任务并留存记录。\n",
    )
    folder = tmp_path / "feedback"
    run_cli("report", "submissions", "-o", str(folder), cwd=mini_copy)
    page = (folder / "s-two.html").read_text(encoding="utf-8")
    assert "第 1 名（共 2 个）" in page
    assert "请按期完成任务并留存记录。" in page
    text = "".join(Page(page).text)
    assert "80.00" in text and "合格" in text
    assert "T2" in text  # the late task's record
    full = "".join(Page((folder / "b-alpha.html").read_text(encoding="utf-8")).text)
    assert "各项指标均得满分" in full


def test_report_replaces_an_earlier_report_whole(run_cli, tmp_path) -> None:
    folder = tmp_path / "feedback"
    folder.mkdir()
    (folder / "index.html").write_text("old", encoding="utf-8")
    (folder / "gone-unit.html").write_text("stale", encoding="utf-8")
    run_cli("report", "submissions", "-o", str(folder))
    assert not (folder / "gone-unit.html").exists()
    assert (folder / "index.html").read_text(encoding="utf-8") != "old"
    assert [p.name for p in tmp_path.iterdir()] == ["feedback"]  # no temporary folder left


def test_report_refuses_a_folder_that_is_not_a_report(run_cli, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_cli("report", "submissions", "-o", str(tmp_path))
    assert run.status == 2
    assert Message("cli.report_folder_in_use", {"output": str(tmp_path)}).text() in run.err
    assert (tmp_path / "notes.txt").exists()


# ---------------------------------------------------------------- templates


def test_template_folder_replaces_the_letterhead(run_cli, tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shipped = Path(__file__).resolve().parents[1] / "evaluator/_reports/templates/base.html"
    (templates / "base.html").write_text(
        shipped.read_text(encoding="utf-8").replace(
            '<p class="meta">{{ scheme.name }}</p>',
            '<p class="firm">某某评估公司 {{ unit.name if unit is defined else "" }}</p>',
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "feedback"
    run_cli("report", "submissions", "-o", str(folder), "--template", str(templates))
    assert '<p class="firm">某某评估公司 二街道</p>' in (folder / "s-two.html").read_text("utf-8")
    assert "某某评估公司" in (folder / "index.html").read_text("utf-8")


def test_broken_template_stops_before_scoring(run_cli, tmp_path) -> None:
    (tmp_path / "base.html").write_text("{% block x %}", encoding="utf-8")
    run = run_cli("submissions", "-o", str(tmp_path / "r.html"), "--template", str(tmp_path))
    assert run.status == 2
    assert "base.html:1" in run.err
    assert not (tmp_path / "r.html").exists()


# ---------------------------------------------------------------- baseline


def test_baseline_adds_previous_results_and_the_change(run_cli, tmp_path, mini_copy, edit) -> None:
    previous = results(run_cli, tmp_path)
    previous["units"] = [u for u in previous["units"] if u["id"] != "s-two"]
    previous["units"].append({**previous["units"][0], "id": "b-old", "name": "旧局"})
    previous["units"][1]["total"] = 65.25  # b-beta scored 65.25 last time
    before = tmp_path / "previous.json"
    before.write_text(json.dumps(previous, ensure_ascii=False), encoding="utf-8")
    now = results(run_cli, tmp_path, "--baseline", str(before))
    jsonschema.Draft202012Validator(results_schema()).validate(now)
    units = {u["id"]: u for u in now["units"]}
    assert units["b-beta"]["baseline"] == {
        "total": 65.25,
        "rank": 2,
        "grade": "合格",
        "change": 4.75,
    }
    assert units["s-two"]["baseline"] is None
    assert units["b-epsilon"]["baseline"]["change"] is None
    assert now["baseline"]["gone"] == ["b-old"]
    assert now["baseline"]["path"] == str(before)
    assert len(now["baseline"]["sha256"]) == 64
    table = run_cli("submissions", "--baseline", str(before)).out
    beta = next(line for line in table.splitlines() if " b-beta " in line)
    assert re.search(r"65\.25 \|\s+2 \| 合格\s+\|\s+\+4\.75 \|", beta)
    assert "新增" in next(line for line in table.splitlines() if " s-two " in line)
    assert "前次有而本次无的单位：旧局（b-old）" in table


def test_baseline_with_other_weights_warns(run_cli, tmp_path) -> None:
    previous = results(run_cli, tmp_path)
    for unit in previous["units"]:
        if unit["type"] == "bureau":
            unit["dimensions"][0]["weight"] = 50.0
    before = tmp_path / "previous.json"
    before.write_text(json.dumps(previous), encoding="utf-8")
    run = run_cli("submissions", "--format", "json", "--baseline", str(before))
    assert "维度权重不同（bureau）" in run.err


def _scored_by_other_plugins(run_cli, tmp_path: Path) -> Path:
    """A baseline whose run had the website plugin at 0.0.9 and a plugin since removed."""
    previous = results(run_cli, tmp_path)
    versions = {p["name"]: p["version"] for p in previous["plugins"]}
    assert versions["website"] == "0.1.0"  # installed, as the mini run loads it
    del versions["demo"]
    versions["website"] = "0.0.9"
    versions["old_rules"] = "1.2"
    previous["plugins"] = [{"name": k, "version": v} for k, v in versions.items()]
    before = tmp_path / "previous.json"
    before.write_text(json.dumps(previous), encoding="utf-8")
    return before


PLUGIN_WARNINGS = (
    Message("baseline.plugin_version", {"plugin": "website", "before": "0.0.9", "now": "0.1.0"}),
    Message("baseline.plugins", {"before": ["old_rules"], "now": ["demo"]}),
)


def test_baseline_scored_by_other_plugin_versions_warns_in_every_form(
    run_cli, tmp_path: Path
) -> None:
    before = _scored_by_other_plugins(run_cli, tmp_path)
    run = run_cli("submissions", "--format", "json", "--baseline", str(before))
    table = run_cli("submissions", "--baseline", str(before)).out
    page = tmp_path / "page.html"
    run_cli("submissions", "-o", str(page), "--baseline", str(before))
    shown = Page(page.read_text(encoding="utf-8")).text
    for warning in PLUGIN_WARNINGS:
        assert warning.text("zh") in run.err
        assert warning.text("zh") in table
        assert warning.text("zh") in shown
    assert "0.1.0（前次 0.0.9" not in run.err  # the versions are not swapped
    assert "插件“website”的版本与前次不同（前次 0.0.9，本次 0.1.0）" in run.err


def test_baseline_with_the_same_plugins_or_none_listed_says_nothing_of_them(
    run_cli, tmp_path: Path
) -> None:
    previous = results(run_cli, tmp_path)
    before = tmp_path / "previous.json"
    before.write_text(json.dumps(previous), encoding="utf-8")
    same = run_cli("submissions", "--format", "json", "--baseline", str(before))
    del previous["plugins"]  # a file from before results listed plugins
    before.write_text(json.dumps(previous), encoding="utf-8")
    unlisted = run_cli("submissions", "--format", "json", "--baseline", str(before))
    for run in (same, unlisted):
        assert "版本与前次不同" not in run.err
        assert "两次结果的插件不同" not in run.err


@pytest.mark.parametrize("content", ["not json", "[]", '{"units": [{"name": "x"}]}'])
def test_unusable_baseline_stops_before_scoring(run_cli, tmp_path, content: str) -> None:
    before = tmp_path / "previous.json"
    before.write_text(content, encoding="utf-8")
    run = run_cli("submissions", "--baseline", str(before))
    assert run.status == 2
    assert str(before) in run.err


def test_without_baseline_the_json_is_unchanged(run_cli, tmp_path) -> None:
    document = results(run_cli, tmp_path)
    assert "baseline" not in document
    assert all("baseline" not in u for u in document["units"])

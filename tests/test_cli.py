"""The ``evaluate`` command end to end on the small evaluations in ``tests/fixtures``.

Expected results for ``tests/fixtures/mini``, by hand. Weights: bureau work 60 /
checks 40, street 50 / 50. Indicators: share 40 points (done/required, N/A when
nothing is required), tasks 60 (share of tasks done by their due date, N/A
without tasks), ok_check 10 (veto).

=========  ==========================================  =====  ======  ====  =======
unit       work                       checks            total  rank    grade notes
=========  ==========================================  =====  ======  ====  =======
b-alpha    40/40 + 60/60 = 100        10/10 = 100       100    1       优秀
b-beta     20/40, tasks N/A = 50      100               70     2       合格  tie
b-gamma    20/40, tasks N/A = 50      100               70     2       合格  tie
b-delta    40/40, tasks N/A = 100     0/10 = 0, veto    60     4       不合格 vetoed
b-epsilon  share raises: 0/40 = 0     100               null   null    null  incomplete
s-two      30/40 + 30/60 = 60         100               80     1       合格
s-one      no demo section: 0/100     0/10, veto        0      2       不合格 vetoed
=========  ==========================================  =====  ======  ====  =======

b-beta: 0.6 * 50 + 0.4 * 100 = 70. b-delta: 0.6 * 100 + 0.4 * 0 = 60.
s-two: share 40 * 3/4 = 30; tasks T1 on time, T2 a day late: 60 * 1/2 = 30;
0.5 * 60 + 0.5 * 100 = 80. s-bad misspells `required` on line 4, column 3.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from evaluator import __version__
from evaluator._core.model import Message
from evaluator._reports.json_results import results_schema

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

EXPECTED_UNITS = [
    # id, type, total, rank, grade, vetoed, status, dimension scores
    ("b-alpha", "bureau", 100.0, 1, "优秀", False, "ok", [100.0, 100.0]),
    ("b-beta", "bureau", 70.0, 2, "合格", False, "ok", [50.0, 100.0]),
    ("b-gamma", "bureau", 70.0, 2, "合格", False, "ok", [50.0, 100.0]),
    ("b-delta", "bureau", 60.0, 4, "不合格", True, "ok", [100.0, 0.0]),
    ("b-epsilon", "bureau", None, None, None, False, "incomplete", [0.0, 100.0]),
    ("s-two", "street", 80.0, 1, "合格", False, "ok", [60.0, 100.0]),
    ("s-one", "street", 0.0, 2, "不合格", True, "ok", [0.0, 0.0]),
]


def said(code: str, params: dict[str, Any]) -> str:
    """What the command prints for a message: its text in the default language."""
    return Message(code, params).text()


REQURIED = (
    "schema.unknown_field",
    {
        "field": "requried",
        "where": "demo",
        "known": ["done", "required", "ok", "explode", "tasks"],
        "hint": "hint.did_you_mean",
        "suggestion": "required",
    },
)


def results(run_cli, *args: str, cwd: Path = MINI) -> dict[str, Any]:
    run = run_cli("submissions", "--format", "json", *args, cwd=cwd)
    assert run.status == 1, run.err
    document: dict[str, Any] = json.loads(run.out)
    return document


def units_of(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            u["id"],
            u["type"],
            u["total"],
            u["rank"],
            u["grade"],
            u["vetoed"],
            u["status"],
            [d["score"] for d in u["dimensions"]],
        )
        for u in document["units"]
    ]


def indicator(document: dict[str, Any], unit: str, ident: str) -> dict[str, Any]:
    found = next(u for u in document["units"] if u["id"] == unit)
    return next(i for i in found["indicators"] if i["id"] == ident)


# ---------------------------------------------------------------- scoring, json


def test_json_totals_ranks_and_grades_match_the_hand_computation(run_cli) -> None:
    assert units_of(results(run_cli)) == EXPECTED_UNITS


def test_json_lists_the_invalid_submission_with_its_location(run_cli) -> None:
    assert results(run_cli)["errors"] == [
        {
            "path": "submissions/s-bad/submission.yaml",
            "line": 4,
            "column": 3,
            "code": "schema.unknown_field",
            "message": said(*REQURIED),
            "params": REQURIED[1],
        }
    ]


def test_json_follows_the_results_schema(run_cli) -> None:
    Draft202012Validator(results_schema()).validate(results(run_cli))


def test_json_keeps_scheme_engine_and_sources(run_cli) -> None:
    document = results(run_cli)
    assert document["scheme"]["id"] == "mini"
    assert len(document["scheme"]["sha256"]) == 64
    assert document["engine"] == {"name": "evaluator", "version": __version__}
    sources = {u["id"]: u["source"]["path"] for u in document["units"]}
    assert sources["s-two"] == "submissions/s-two.yaml"
    assert sources["b-alpha"] == "submissions/b-alpha/submission.yaml"


def test_not_applicable_indicator_is_listed_with_no_points(run_cli) -> None:
    tasks = indicator(results(run_cli), "b-beta", "tasks")
    assert (tasks["status"], tasks["points"], tasks["max"]) == ("not_applicable", 0.0, 60.0)


def test_missing_section_scores_zero_with_a_no_data_finding(run_cli) -> None:
    document = results(run_cli)
    for ident in ("share", "tasks", "ok_check"):
        scored = indicator(document, "s-one", ident)
        assert (scored["status"], scored["points"]) == ("no_data", 0.0)
        assert scored["findings"][0]["code"] == "engine.no_data"
    assert indicator(document, "s-one", "ok_check")["vetoed"] is True


def test_raising_scorer_is_reported_on_its_indicator(run_cli) -> None:
    share = indicator(results(run_cli), "b-epsilon", "share")
    assert share["status"] == "error"
    (finding,) = share["findings"]
    assert finding["code"] == "engine.scorer_failed"
    # located relative to the evaluation folder, so results do not depend on the
    # checkout; line 44 of demo.py is its `raise RuntimeError("boom")`
    assert finding["params"] == {
        "scorer": "demo.share",
        "plugin": "demo",
        "error": "RuntimeError: boom",
        "where": "plugins/demo.py:44",
    }


def test_json_run_reports_errors_and_incomplete_units_on_stderr(run_cli) -> None:
    run = run_cli("submissions", "--format", "json")
    error = said("cli.error_prefix", {})
    assert f"{error}submissions/s-bad/submission.yaml:4:3: {said(*REQURIED)}" in run.err
    assert (
        error + said("cli.incomplete", {"unit": "b-epsilon", "indicator": "share", "reasons": ""})
        in run.err
    )


def test_same_inputs_give_byte_identical_json(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    first = run_cli("submissions", "--format", "json").out
    second = run_cli("submissions", "--format", "json").out
    assert first == second
    # 1484006400 s = 17176 days = 1970-01-01 + 17176 days = 2017-01-10
    assert json.loads(first)["generated_at"] == "2017-01-10T00:00:00Z"


def test_two_jobs_give_the_same_json_as_one(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    one = run_cli("submissions", "--format", "json", "--jobs", "1")
    two = run_cli("submissions", "--format", "json", "--jobs", "2")
    assert one.status == two.status == 1
    assert one.out == two.out


def test_python_m_evaluator_runs_the_command() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions", "--format", "json"],
        cwd=MINI,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 1
    assert units_of(json.loads(done.stdout)) == EXPECTED_UNITS


# ---------------------------------------------------------------- tables


def test_table_has_one_ranking_per_kind(run_cli) -> None:
    run = run_cli("submissions")
    assert run.status == 1
    bureau, street = run.out.index("测试方案 — 部门"), run.out.index("测试方案 — 街道")
    assert bureau < street
    rows = [line.split("|")[1:-1] for line in run.out.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in row] for row in rows]
    ranked = [row[:3] + row[5:7] for row in cells if row[0] != "排名"]
    assert ranked == [
        ["1", "甲局", "b-alpha", "100.00", "优秀"],
        ["2", "乙局", "b-beta", "70.00", "合格"],
        ["2", "丙局", "b-gamma", "70.00", "合格"],
        ["4", "丁局", "b-delta", "60.00", "不合格"],
        ["—", "戊局", "b-epsilon", "—", "—"],
        ["1", "二街道", "s-two", "80.00", "合格"],
        ["2", "一街道", "s-one", "0.00", "不合格"],
    ]
    assert f"submissions/s-bad/submission.yaml:4:3: {said(*REQURIED)}" in run.out


def test_detail_lists_lost_points_only_for_units_that_lost_some(run_cli) -> None:
    out = run_cli("submissions", "--detail").out
    assert "扣分明细：乙局（b-beta）" in out
    assert "5 of 10 not done" in out
    assert "扣分明细：甲局（b-alpha）" not in out  # full marks: nothing to explain


def test_markdown_in_english(run_cli) -> None:
    out = run_cli("submissions", "--format", "markdown", "--lang", "en").out
    assert "## 测试方案 — 部门" in out
    assert out.endswith(
        "## Not scored\n\n- `submissions/s-bad/submission.yaml:4:3`: "
        + (
            "unknown field 'requried' in demo; did you mean 'required'? "
            "(known: done, required, ok, explode, tasks)\n"
        )
    )
    header = next(line for line in out.splitlines() if "Rank" in line)
    assert [c.strip() for c in header.split("|")[1:-1]] == [
        "Rank",
        "Unit",
        "ID",
        "工作",
        "检查",
        "Total",
        "Grade",
        "Note",
    ]
    assert "vetoed: 合规" in out
    assert "incomplete: 完成比例" in out


def test_csv_rows_in_engine_order(run_cli) -> None:
    out = run_cli("submissions", "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["类别", "排名", "编号", "单位", "工作", "检查", "总分", "等级", "备注"]
    assert [row[:3] + row[6:8] for row in rows[1:]] == [
        ["部门", "1", "b-alpha", "100.00", "优秀"],
        ["部门", "2", "b-beta", "70.00", "合格"],
        ["部门", "2", "b-gamma", "70.00", "合格"],
        ["部门", "4", "b-delta", "60.00", "不合格"],
        ["部门", "", "b-epsilon", "", ""],
        ["街道", "1", "s-two", "80.00", "合格"],
        ["街道", "2", "s-one", "0.00", "不合格"],
        ["未评分", "", "", "", ""],
    ]
    assert rows[-1][3] == "submissions/s-bad/submission.yaml:4:3"
    assert rows[-1][-1] == said(*REQURIED)


# ---------------------------------------------------------------- -o FILE


def test_output_file_is_written_atomically(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "results.json"
    target.write_text("old", encoding="utf-8")
    run = run_cli("submissions", "--format", "json", "-o", str(target))
    assert run.status == 1
    assert run.out == ""
    assert units_of(json.loads(target.read_text(encoding="utf-8"))) == EXPECTED_UNITS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]  # no temp file left


def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "results.json"
    target.write_text("old", encoding="utf-8")

    def refuse(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    run = run_cli("submissions", "--format", "json", "-o", str(target))
    assert run.status == 2
    assert "disk full" in run.err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


def test_csv_file_has_a_bom_for_excel(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "ranking.csv"
    run_cli("submissions", "--format", "csv", "-o", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert (
        raw[3:].decode("utf-8").splitlines()[1] == "部门,1,b-alpha,甲局,100.00,100.00,100.00,优秀,"
    )


def test_markdown_file(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "ranking.md"
    run_cli("submissions", "--format", "markdown", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("## 测试方案 — 部门")
    assert "| b-gamma" in text


# ---------------------------------------------------------------- exit statuses


def test_clean_evaluation_exits_0(run_cli) -> None:
    # b-one: share 40 * 2/3, tasks N/A, so work = 66.67 and
    #        total = 0.6 * 200/3 + 0.4 * 100 = 40 + 40 = 80.00 exactly
    # b-two: total = 0.6 * 100/3 + 40 = 60.00; s-one: everything done, 100.00
    run = run_cli("clean", "--criteria", "mini/criteria", "--format", "json", cwd=FIXTURES)
    assert run.status == 0, run.err
    document = json.loads(run.out)
    assert [(u["id"], u["total"], u["rank"], u["grade"]) for u in document["units"]] == [
        ("b-one", 80.0, 1, "合格"),
        ("b-two", 60.0, 2, "合格"),
        ("s-one", 100.0, 1, "优秀"),
    ]
    assert [d["score"] for d in document["units"][0]["dimensions"]] == [66.67, 100.0]
    assert document["errors"] == []


def test_missing_criteria_folder_exits_2(run_cli, tmp_path: Path) -> None:
    run = run_cli("submissions", "--criteria", str(tmp_path / "nowhere"))
    assert run.status == 2
    assert said("cli.no_criteria", {"folder": str(tmp_path / "nowhere")}) in run.err
    assert run.out == ""


def test_bad_criteria_exits_2_with_every_problem_located(run_cli, mini_copy, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "{bureau: 60, street: 50}", "{bureau: 60}")
    edit(mini_copy / "criteria/checks.yaml", "{strict: true}", "{strict: yes}")
    run = run_cli("submissions", cwd=mini_copy)
    assert run.status == 2
    weight = said("scheme.weight_missing", {"dimension": "work", "kind": "street"})
    assert f"criteria/scheme.yaml:14:13: {weight}" in run.err
    assert "criteria/checks.yaml:9:22: " in run.err
    assert run.out == ""


def test_unknown_scorer_exits_2(run_cli, mini_copy, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "scorer: demo.tasks", "scorer: demo.taks")
    run = run_cli("submissions", "--no-entry-points", cwd=mini_copy)
    assert run.status == 2
    known = ["demo.check", "demo.share", "demo.tasks"]
    hint = {"hint": "hint.did_you_mean", "suggestion": "demo.tasks"}
    unknown = said("scheme.unknown_scorer", {"scorer": "demo.taks", "known": known, **hint})
    assert f"criteria/work.yaml:10:13: {unknown}" in run.err


def test_broken_plugin_exits_2(run_cli, mini_copy) -> None:
    (mini_copy / "plugins/zz_broken.py").write_text("import nothing_here\n", encoding="utf-8")
    run = run_cli("submissions", cwd=mini_copy)
    assert run.status == 2
    assert "plugins/zz_broken.py:1: ModuleNotFoundError" in run.err


@pytest.mark.parametrize(
    "args",
    [
        ["submissions", "--format", "xml"],
        ["submissions", "--jobs", "0"],
        ["submissions", "--max-file-size", "lots"],
        ["submissions", "--lang", "fr"],
        ["--no-such-option", "submissions"],
        [],
    ],
)
def test_bad_arguments_exit_2(run_cli, args: list[str]) -> None:
    run = run_cli(*args)
    assert run.status == 2
    assert "usage: evaluate" in run.err


def test_missing_submissions_folder_exits_2(run_cli) -> None:
    run = run_cli("no-such-folder")
    assert run.status == 2
    assert said("cli.no_such_folder", {"folder": "no-such-folder"}) in run.err


def test_missing_plugins_folder_exits_2(run_cli) -> None:
    run = run_cli("submissions", "--plugins-dir", "no-such-plugins")
    assert run.status == 2
    assert said("cli.no_plugins_folder", {"folder": "no-such-plugins"}) in run.err


def test_empty_submissions_folder_exits_2(run_cli, tmp_path: Path) -> None:
    # nothing could be scored: the contract's status 2, with what was expected
    run = run_cli(str(tmp_path), "--format", "json")
    assert run.status == 2
    assert run.out == ""
    assert said("cli.no_submissions", {"folder": str(tmp_path)}) in run.err


def test_submissions_given_as_a_file_exits_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("unit: {}\n", encoding="utf-8")
    run = run_cli(str(tmp_path / "x.yaml"))
    assert run.status == 2
    assert said("cli.not_a_folder", {"folder": str(tmp_path / "x.yaml")}) in run.err


def _break_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the renderer fail as a bug would: an error nobody anticipated."""
    import evaluator._reports.text

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(evaluator._reports.text, "write", broken)


def test_unexpected_error_has_no_traceback(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_rendering(monkeypatch)
    run = run_cli("submissions")
    assert run.status == 2
    unexpected = said("cli.unexpected", {"error": "RuntimeError: renderer bug"})
    assert f"evaluate: error: {unexpected}" in run.err
    assert "--debug" in run.err
    assert "Traceback" not in run.err


def test_debug_shows_the_traceback(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_rendering(monkeypatch)
    with pytest.raises(RuntimeError, match="renderer bug"):
        run_cli("submissions", "--debug")


def test_version(run_cli) -> None:
    run = run_cli("--version")
    assert run.status == 0
    assert run.out.strip() == f"evaluate {__version__}"


# ---------------------------------------------------------------- validate


def test_validate_reports_the_invalid_submission_and_exits_1(run_cli) -> None:
    run = run_cli("validate", "submissions")
    assert run.status == 1
    # s-one's warning, that it sent no demo section, is tests/test_validate_sections.py's
    errors = [line for line in run.out.splitlines() if said("cli.warning_prefix", {}) not in line]
    assert errors == [f"submissions/s-bad/submission.yaml:4:3: {said(*REQURIED)}"]
    # b-epsilon is valid: its scorer only fails when scoring
    assert said("cli.validated", {"valid": 7, "invalid": 1, "scheme": "mini"}) in run.err


def test_validate_prints_every_error_with_file_line_and_column(run_cli) -> None:
    run = run_cli("validate", "forms", "--criteria", "mini/criteria", cwd=FIXTURES)
    assert run.status == 1
    lines = run.out.splitlines()
    located = [line for line in lines if line.split(":")[1].isdigit()]
    assert [":".join(line.split(":")[:3]) for line in located] == [
        "forms/b-badcsv/tasks.csv:3:2",
        "forms/b-badcsv/tasks.csv:4:1",
        "forms/b-badcsv/tasks.csv:4:3",
        "forms/b-csvfile.yaml:3:16",
        "forms/b-kind.yaml:1:36",
        "forms/b-misnamed/submission.yaml:1:12",
        "forms/b-outside/submission.yaml:3:16",
        "forms/b-renamed.yaml:2:7",
    ]
    # in workbooks, errors name the sheet and the cell
    cells = [line.split(": ")[0] for line in lines if "!" in line.split(": ")[0]]
    assert cells == [
        "forms/b-wbbad.xlsx:demo!B2",
        "forms/b-wbbad.xlsx:demo!A6",
        "forms/b-wbbad.xlsx:单位!B1",
        "forms/b-xlsx-bad/任务.xlsx:任务!B3",
        "forms/b-xlsx-bad/任务.xlsx:任务!B4",
        "forms/b-xlsx-bad/任务.xlsx:任务!E5",
    ]
    # entry problems have no line (the empty folder, the unit given twice), nor a whole sheet
    assert len(lines) - len(located) - len(cells) == 4
    # valid: b-csv, b-file, b-folder and the 7 exports of the corpus; invalid: the other
    # 10 entries, b-twice counted twice
    assert said("cli.validated", {"valid": 10, "invalid": 11, "scheme": "mini"}) in run.err


def test_validate_clean_folder_exits_0(run_cli) -> None:
    run = run_cli("validate", "clean", "--criteria", "mini/criteria", cwd=FIXTURES)
    assert run.status == 0
    assert run.out == ""


def test_validate_with_bad_criteria_exits_2(run_cli, mini_copy, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "scorer: demo.tasks", "scorer: demo.taks")
    assert run_cli("validate", "submissions", cwd=mini_copy).status == 2


# ---------------------------------------------------------------- schema


@pytest.mark.parametrize("which", ["submission", "criteria", "dimension", "checklist", "results"])
def test_schema_prints_a_valid_json_schema(run_cli, which: str) -> None:
    run = run_cli("schema", which, "--no-entry-points")
    assert run.status == 0
    Draft202012Validator.check_schema(json.loads(run.out))


def test_submission_schema_includes_the_plugin_sections(run_cli) -> None:
    schema = json.loads(run_cli("schema", "submission", "--no-entry-points").out)
    assert list(schema["properties"]) == ["unit", "demo"]
    assert schema["properties"]["demo"]["title"] == "demo"
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"unit": {"id": "b-x", "name": "x", "type": "bureau"}, "demo": {}})
    assert not validator.is_valid({"unit": {"id": "b-x", "name": "x", "type": "b"}, "dmeo": {}})


def test_unknown_schema_name_exits_2(run_cli) -> None:
    assert run_cli("schema", "everything").status == 2


def test_output_cut_short_by_its_reader_is_not_an_error() -> None:
    # `evaluate ... | head -1`: the pipe closes while the tables are written. The
    # sample's detailed tables (~200 KB) overflow a pipe's buffer (64 KB), so the
    # writer is still writing when the reader leaves.
    command = [sys.executable, "-m", "evaluator", "submissions/", "--detail"]
    with subprocess.Popen(
        command, cwd=MINI.parents[2], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read().decode()
        status = process.wait()
    assert status == 141
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_output_into_a_folder_or_a_missing_folder_stops_before_scoring(
    run_cli, tmp_path: Path
) -> None:
    run = run_cli("submissions/", "-o", str(tmp_path))
    assert run.status == 2
    assert said("cli.output_is_folder", {"output": str(tmp_path)}) in run.err
    missing = tmp_path / "nope" / "out.txt"
    run = run_cli("submissions/", "-o", str(missing))
    assert run.status == 2
    assert (
        said("cli.output_no_folder", {"output": str(missing), "folder": str(missing.parent)})
        in run.err
    )


def test_output_file_gets_the_usual_mode_or_keeps_its_own(run_cli, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        run_cli("submissions/", "-o", str(fresh))
        assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        run_cli("submissions/", "-o", str(kept))
        assert kept.stat().st_mode & 0o777 == 0o640
        assert kept.read_text(encoding="utf-8") != "old"
    finally:
        os.umask(previous)


def test_unknown_scorer_says_where_plugins_were_looked_for(run_cli, tmp_path: Path) -> None:
    # criteria copied away from their plugins/: the scorers are unknown there
    shutil.copytree(MINI / "criteria", tmp_path / "criteria")
    run = run_cli("submissions/", "--criteria", str(tmp_path / "criteria"), "--no-entry-points")
    assert run.status == 2
    unknown = {"scorer": "demo.share", "known": [], "hint": ""}
    assert said("scheme.unknown_scorer", unknown) in run.err
    assert said("cli.plugins_from_nowhere", {}) in run.err


def test_validate_warns_about_impossible_figures_in_a_valid_unit(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "xc-x.yaml").write_text(
        "unit: {id: xc-x, name: 测试局, type: bureau}\n"
        "responsiveness:\n  hotline: {dispatched: 100, responded: 120, resolved: 90,"
        " calls: 50, connected: 60}\n",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[1]
    run = run_cli(
        "validate", str(folder), "--criteria", str(root / "criteria"), "--no-entry-points"
    )
    assert run.status == 0  # valid: a warning, not an error
    warned = [line for line in run.out.splitlines() if said("cli.warning_prefix", {}) in line]
    # each at the figure it names: line 3, the column of its value (the unit's other
    # warnings, about the sections it did not send, are at its file and the scheme's)
    hotline = (folder / "xc-x.yaml").read_text(encoding="utf-8").splitlines()[2]
    places = {line.split(": ", 1)[0] for line in warned}
    at = {place for place in places if place.startswith(f"{folder}/xc-x.yaml:")}
    assert at == {
        f"{folder}/xc-x.yaml:3:{hotline.index('120') + 1}",
        f"{folder}/xc-x.yaml:3:{hotline.index('60}') + 1}",
    }
    assert any("120" in line and "100" in line for line in warned)
    # connected above calls, although the default scheme does not score connection
    assert any("接通量（60）大于热线来电量（50）" in line for line in warned)
    assert said("cli.validated", {"valid": 1, "invalid": 0, "scheme": "xicheng-2016"}) in run.err

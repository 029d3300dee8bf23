"""Which entries of a submissions folder are units; nothing a unit names can crash the output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator._inputs.entries import has_entries, survey

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
VALID = "unit: {{id: {id}, name: {name}, type: bureau}}\ndemo: {{done: 1, required: 1}}\n"


def unit_file(path: Path, ident: str, name: str = "一局") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(VALID.format(id=ident, name=name), encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "ident", "form"),
    [
        ("u-a.yaml", "u-a", "file"),
        ("u-b.YAML", "u-b", "file"),
        ("u-c.yml", "u-c", "file"),
        ("u-d.Yml", "u-d", "file"),
        ("u-e/submission.yaml", "u-e", "folder"),
        ("u-f/Submission.YAML", "u-f", "folder"),
        ("_u-g/submission.yaml", "_u-g", "folder"),
        ("u-h.xlsx", "u-h", "workbook"),
        ("u-i.XLS", "u-i", "workbook"),
        ("u-j.ods", "u-j", "workbook"),
    ],
)
def test_these_entries_are_units(tmp_path: Path, relative: str, ident: str, form: str) -> None:
    unit_file(tmp_path / relative, ident)
    entries, strays = survey(str(tmp_path))
    assert [(e.name, e.form) for e in entries] == [(ident, form)]
    assert strays == []
    assert has_entries(str(tmp_path))  # what the command checks before surveying


@pytest.mark.parametrize(
    "relative",
    [".git/config", ".DS_Store", "README.md", "readme.txt", "ReadMe", "~$u-a.xlsx", "Thumbs.db"],
)
def test_these_entries_are_skipped_without_a_word(tmp_path: Path, relative: str) -> None:
    (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / relative).write_text("x", encoding="utf-8")
    assert survey(str(tmp_path)) == ([], [])
    assert not has_entries(str(tmp_path))


@pytest.mark.parametrize("relative", ["u-a.yaml.txt", "notes.txt", "u-a.json", "u-a.csv"])
def test_anything_else_is_named_in_a_warning(tmp_path: Path, relative: str) -> None:
    (tmp_path / relative).write_text("x", encoding="utf-8")
    assert not has_entries(str(tmp_path))  # a stray alone: no unit at all
    unit_file(tmp_path / "u-z.yaml", "u-z")
    assert has_entries(str(tmp_path))
    entries, strays = survey(str(tmp_path))
    assert [e.name for e in entries] == ["u-z"]
    assert [(m.code, m.params) for m in strays] == [("run.not_a_unit", {"name": relative})]


def test_a_folder_with_two_submission_files_is_an_error(tmp_path: Path) -> None:
    unit_file(tmp_path / "u-a" / "submission.yaml", "u-a")
    unit_file(tmp_path / "u-a" / "submission.yml", "u-a")
    ((entry), *_), _ = survey(str(tmp_path))
    assert entry.problem is not None and entry.problem.code == "unit.two_submission_files"


def run(folder: Path, *options: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "evaluator",
            str(folder),
            "--criteria",
            str(MINI / "criteria"),
            "--plugins-dir",
            str(MINI / "plugins"),
            "--no-entry-points",
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=folder.parent,
    )


def test_a_stray_entry_makes_the_exit_status_1_and_is_listed(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a")
    (folder / "u-b.yaml.txt").write_text(VALID.format(id="u-b", name="二局"), encoding="utf-8")
    done = run(folder, "--format", "json")
    assert done.returncode == 1
    warnings = json.loads(done.stdout)["warnings"]
    assert [(w["code"], w["params"]) for w in warnings] == [
        ("run.not_a_unit", {"name": "u-b.yaml.txt"})
    ]
    assert "u-b.yaml.txt" in done.stderr


def test_a_fifo_named_like_a_unit_is_an_error_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a")
    os.mkfifo(folder / "u-b.yaml")
    done = run(folder, "--format", "json", timeout=30)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert [u["id"] for u in document["units"]] == ["u-a"]
    assert [(e["path"], e["code"]) for e in document["errors"]] == [
        ("subs/u-b.yaml", "unit.not_a_file")
    ]


def test_a_name_that_is_not_utf8_is_shown_escaped_and_costs_only_its_unit(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a")
    gbk = os.fsencode(folder) + b"/" + "测试".encode("gbk") + b".yaml"  # a name from a Windows zip
    with open(gbk, "w", encoding="utf-8") as handle:
        handle.write(VALID.format(id="u-b", name="二局"))
    for output in ("table", "json", "csv", "markdown"):
        done = run(folder, "--format", output)
        assert done.returncode == 1, (output, done.stderr)
        assert "\\xb2\\xe2\\xca\\xd4" in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    document = json.loads(run(folder, "--format", "json").stdout)
    assert [u["id"] for u in document["units"]] == ["u-a"]
    (error,) = document["errors"]
    assert error["path"] == "subs/\\xb2\\xe2\\xca\\xd4.yaml"
    assert error["code"] == "unit.id_mismatch"


def test_a_hard_linked_file_is_flagged_on_the_unit(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a")
    os.link(folder / "u-a.yaml", tmp_path / "elsewhere.yaml")
    document = json.loads(run(folder, "--format", "json").stdout)
    (unit,) = document["units"]
    assert [(w["code"], w["params"]) for w in unit["warnings"]] == [
        ("unit.shared_file", {"path": "subs/u-a.yaml"})
    ]


def test_two_units_with_one_name_are_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a", "同名局")
    unit_file(folder / "u-b.yaml", "u-b", "同名局")
    done = run(folder, "--format", "json")
    assert done.returncode == 0
    warnings = json.loads(done.stdout)["warnings"]
    assert [(w["code"], w["params"]) for w in warnings] == [
        ("unit.duplicate_name", {"name": "同名局", "ids": ["u-a", "u-b"]})
    ]


@pytest.mark.parametrize("ident", ["index", "INDEX"])
def test_the_id_index_is_refused(tmp_path: Path, ident: str) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / f"{ident}.yaml", ident)
    unit_file(folder / "u-a.yaml", "u-a")
    document = json.loads(run(folder, "--format", "json").stdout)
    assert [(e["code"], e["params"]) for e in document["errors"]] == [
        ("unit.reserved_id", {"id": ident})
    ]


def test_a_unit_name_has_a_maximum_length(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    unit_file(folder / "u-a.yaml", "u-a", "局" * 201)
    unit_file(folder / "u-b.yaml", "u-b", "局" * 200)
    document = json.loads(run(folder, "--format", "json").stdout)
    assert [u["id"] for u in document["units"]] == ["u-b"]
    assert [(e["code"], e["params"]["where"]) for e in document["errors"]] == [
        ("schema.too_long", "unit.name")
    ]

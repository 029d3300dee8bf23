"""Feedback pages show each unit only its own (issue 19, items 5 and 6).

The index (``evaluate report``) lists the units that could not be scored by id
alone, never their errors, paths or values, and only the run's warnings; each
such unit gets its own page of its own errors, except an id that cannot name a
file safely (``index`` in any case, two ids equal but for case, a name no unit
id could be), for which the index says why and no page is written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from test_hostile_cli import RunCli

SECRET = "机密值-甲"  # a value one unscored unit wrote: on its page only


@pytest.fixture
def hostile_report(mini_copy: Path, run_cli: RunCli, tmp_path: Path) -> Path:
    """The mini evaluation plus case twins, an `INDEX` unit, an unsafe name and a unit
    whose error quotes its own value, reported into a folder."""
    folder = mini_copy / "submissions"
    (folder / "hp-dup").mkdir()
    (folder / "hp-dup" / "submission.yaml").write_text(
        "unit: {id: hp-dup, name: 甲局, type: bureau}\ndemo: {done: 1, required: 1}\n",
        encoding="utf-8",
    )
    (folder / "HP-DUP.yaml").write_text(
        "unit: {id: HP-DUP, name: 乙局, type: bureau}\ndemo: {done: 1, required: 1}\n",
        encoding="utf-8",
    )
    (folder / "INDEX.yaml").write_text(
        "unit: {id: INDEX, name: 首页局, type: bureau}\ndemo: {done: 1, required: 1}\n",
        encoding="utf-8",
    )
    (folder / "a b").mkdir()  # no unit id has a space: the name cannot be a page's
    (folder / "s-secret.yaml").write_text(
        f"unit: {{id: s-secret, name: {SECRET}, type: town}}\ndemo: {{done: 1, required: 1}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "report"
    run = run_cli("report", "submissions", "-o", str(target), cwd=mini_copy)
    assert run.status == 1
    return target


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_case_twins_get_no_page_and_the_index_says_why(hostile_report: Path) -> None:
    pages = [p for p in os.listdir(hostile_report) if p != "index.html"]
    assert not [p for p in pages if p.casefold() in ("hp-dup.html", "index.html")]
    index = _text(hostile_report / "index.html")
    for twin in ("hp-dup", "HP-DUP"):
        assert f"<code>{twin}</code>：未生成单独页面：另有单位的编号与之仅大小写不同" in index


def test_reserved_and_unsafe_ids_get_no_page_and_the_index_says_why(
    hostile_report: Path,
) -> None:
    index = _text(hostile_report / "index.html")
    assert "<code>INDEX</code>：未生成单独页面：编号与目录页 index.html 同名" in index
    assert "<code>a b</code>：未生成单独页面：编号不能安全地用作文件名" in index
    assert not (hostile_report / "a b.html").exists()


def test_every_other_unscored_unit_gets_its_own_page_of_its_own_errors(
    hostile_report: Path,
) -> None:
    index = _text(hostile_report / "index.html")
    for unit in ("s-bad", "s-secret"):
        assert f'<a href="{unit}.html"><code>{unit}</code></a>' in index
    bad = _text(hostile_report / "s-bad.html")
    assert "submissions/s-bad/submission.yaml:4:3" in bad and "requried" in bad
    secret = _text(hostile_report / "s-secret.html")
    assert "town" in secret and SECRET not in bad


def test_the_index_shows_no_unit_its_others_errors_paths_or_values(
    hostile_report: Path,
) -> None:
    index = _text(hostile_report / "index.html")
    for private in ("requried", "town", "submission.yaml", ".yaml:", "submissions/"):
        assert private not in index, private
    pages = [p for p in os.listdir(hostile_report) if p not in ("index.html", "s-bad.html")]
    assert pages and all("requried" not in _text(hostile_report / p) for p in pages)


def test_the_index_shows_the_runs_warnings_but_no_units_own(
    mini_copy: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    folder = mini_copy / "submissions"
    os.link(folder / "s-two.yaml", tmp_path / "s-two-link.yaml")  # unit.shared_file: its path
    (folder / "notes.txt").write_text("x", encoding="utf-8")  # run.not_a_unit, the run's
    target = tmp_path / "report"
    run_cli("report", "submissions", "-o", str(target), cwd=mini_copy)
    index = _text(target / "index.html")
    assert "notes.txt" in index
    assert "s-two.yaml" not in index
    assert re.search(r"s-two\.yaml", _text(target / "s-two.html"))

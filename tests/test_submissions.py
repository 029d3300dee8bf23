"""Finding and reading submissions in folder and single-file form, with CSV record lists.

The entries live in ``tests/fixtures/forms`` and are read against the mini
evaluation's scheme and demo plugin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import Submission
from evaluator._inputs.cells import DATE_SPELLINGS
from evaluator._inputs.entries import Entry, discover
from evaluator._inputs.submissions import read_submission
from evaluator._reading.validation import MAX_ERRORS_PER_FILE
from evaluator._scoring.engine import Engine

FORMS = Path(__file__).parent / "fixtures" / "forms"


@pytest.fixture(scope="module")
def entries() -> dict[str, list[Entry]]:
    found: dict[str, list[Entry]] = {}
    for entry in discover(str(FORMS)):
        found.setdefault(entry.name, []).append(entry)
    return found


Problem = tuple[str, str, dict[str, Any]]


def read(engine: Engine, entry: Entry) -> Submission | list[Problem]:
    """The submission, or its errors as tests pin them: where, code, params (no empty hints)."""
    result = read_submission(entry, engine.scheme, engine.schema)
    if isinstance(result, Submission):
        return result
    # paths relative to the forms folder, so expectations stay short
    return [
        (
            str(e.location).replace(str(FORMS) + "/", ""),
            e.code,
            {k: v for k, v in e.params.items() if v != ""},
        )
        for e in result
    ]


def test_discover_lists_folders_and_files_sorted(entries) -> None:
    assert list(entries) == [
        "b-badcsv",
        "b-csv",
        "b-csvfile",
        "b-empty",
        "b-excel-csv",
        "b-file",
        "b-folder",
        "b-gbk-csv",
        "b-kind",
        "b-misnamed",
        "b-ods",
        "b-outside",
        "b-renamed",
        "b-twice",
        "b-wbbad",
        "b-workbook",
        "b-wps-csv",
        "b-xls",
        "b-xlsx",
        "b-xlsx-bad",
    ]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover(str(tmp_path / "absent"))


def test_folder_form(mini_engine, entries) -> None:
    submission = read(mini_engine, entries["b-folder"][0])
    assert isinstance(submission, Submission)
    assert (submission.unit.id, submission.unit.name, submission.unit.type) == (
        "b-folder",
        "文件夹局",
        "bureau",
    )
    assert submission.sections == {"demo": {"done": 10, "required": 10}}
    assert submission.path.endswith("b-folder/submission.yaml")


def test_single_file_form(mini_engine, entries) -> None:
    submission = read(mini_engine, entries["b-file"][0])
    assert isinstance(submission, Submission)
    assert submission.unit.id == "b-file"


def test_unit_id_must_equal_the_folder_name(mini_engine, entries) -> None:
    # `unit: {id: b-other, ...`: the id starts at column 12
    assert read(mini_engine, entries["b-misnamed"][0]) == [
        (
            "b-misnamed/submission.yaml:1:12",
            "unit.id_mismatch",
            {"id": "b-other", "form": "word.folder", "name": "b-misnamed"},
        )
    ]


def test_unit_id_must_equal_the_file_name(mini_engine, entries) -> None:
    assert read(mini_engine, entries["b-renamed"][0]) == [
        (
            "b-renamed.yaml:2:7",
            "unit.id_mismatch",
            {"id": "b-file", "form": "word.file", "name": "b-renamed"},
        )
    ]


def test_unit_type_must_be_a_kind_of_the_scheme(mini_engine, entries) -> None:
    # `unit: {id: b-kind, name: 乡镇, type: town}`: town is the 36th character
    assert read(mini_engine, entries["b-kind"][0]) == [
        ("b-kind.yaml:1:36", "unit.type_unknown", {"type": "town", "kinds": ["bureau", "street"]})
    ]


def test_unit_as_both_folder_and_file_reports_both(mini_engine, entries) -> None:
    twice = entries["b-twice"]
    assert [Path(e.path).name for e in twice] == ["submission.yaml", "b-twice.yaml"]
    for entry in twice:
        (problem,) = read(mini_engine, entry)
        assert problem[1:] == (
            "unit.twice",
            {"id": "b-twice", "entries": ["b-twice/", "b-twice.yaml"]},
        )


def test_folder_without_submission_yaml(mini_engine, entries) -> None:
    assert read(mini_engine, entries["b-empty"][0]) == [
        (
            "b-empty/submission.yaml",
            "unit.no_submission_file",
            {"name": "b-empty", "file": "submission.yaml"},
        )
    ]


def test_csv_record_list_reads_like_a_yaml_list(mini_engine, entries) -> None:
    submission = read(mini_engine, entries["b-csv"][0])
    assert isinstance(submission, Submission)
    assert submission.sections["demo"]["tasks"] == [
        {"id": "T1", "due_on": dt.date(2016, 3, 1), "done_on": dt.date(2016, 2, 28)},
        {"id": "T2", "due_on": dt.date(2016, 3, 1), "done_on": dt.date(2016, 3, 2)},
        {"id": "T3", "due_on": dt.date(2016, 3, 1)},  # empty cell: not done
    ]
    ((path, digest),) = submission.files
    assert path.endswith("b-csv/tasks.csv")
    assert len(digest) == 64


def test_csv_records_are_scored(mini_engine, entries) -> None:
    submission = read(mini_engine, entries["b-csv"][0])
    assert isinstance(submission, Submission)
    result = mini_engine.score(submission)
    # share: 1 of 2 done = 20 of 40; tasks: only T1 on time = 20 of 60;
    # work = 40 of 100 = 40.00; checks 10 of 10 = 100.00;
    # total (bureau 60/40) = 0.6 * 40 + 0.4 * 100 = 64.00
    assert [d.score for d in result.dimensions] == [40.0, 100.0]
    assert result.total == 64.0
    late = next(i for i in result.indicators if i.id == "tasks").findings[0]
    assert late.records == ("T2", "T3")


def test_csv_errors_name_the_csv_file_line_and_column(mini_engine, entries) -> None:
    spellings = list(DATE_SPELLINGS)
    assert read(mini_engine, entries["b-badcsv"][0]) == [
        (
            "b-badcsv/tasks.csv:3:2",
            "csv.date",
            {"field": "due_on", "value": "2016-13-01", "spellings": spellings},
        ),
        ("b-badcsv/tasks.csv:4:1", "csv.required_empty", {"field": "id"}),
        (
            "b-badcsv/tasks.csv:4:3",
            "csv.date",
            {"field": "done_on", "value": "yesterday", "spellings": spellings},
        ),
    ]


def test_csv_outside_the_units_folder_is_refused(mini_engine, entries) -> None:
    (problem,) = read(mini_engine, entries["b-outside"][0])
    # located at the file name in `  tasks: {csv: ../b-csv/tasks.csv}`
    assert problem == (
        "b-outside/submission.yaml:3:16",
        "reference.parent",
        {"reference": "../b-csv/tasks.csv"},
    )


def test_csv_needs_the_folder_form(mini_engine, entries) -> None:
    assert read(mini_engine, entries["b-csvfile"][0]) == [
        ("b-csvfile.yaml:3:16", "reference.needs_folder", {"key": "csv"})
    ]


def test_shown_path_is_used_in_errors(mini_engine, entries) -> None:
    errors = read_submission(
        entries["b-kind"][0], mini_engine.scheme, mini_engine.schema, shown_as="subs/b-kind.yaml"
    )
    assert isinstance(errors, list)
    assert errors[0].location.path == "subs/b-kind.yaml"


def test_oversized_submission_is_refused(mini_engine, entries) -> None:
    (error,) = read_submission(
        entries["b-file"][0], mini_engine.scheme, mini_engine.schema, max_bytes=10
    )
    assert (error.code, error.params["limit"]) == ("file.too_large", 10)


def test_submission_that_is_not_a_mapping(mini_engine, tmp_path: Path) -> None:
    (tmp_path / "b-list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (entry,) = discover(str(tmp_path))
    (error,) = read_submission(entry, mini_engine.scheme, mini_engine.schema)
    assert error.code == "submission.not_a_mapping"


def test_entries_linking_outside_the_submissions_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "u1"
    outside.mkdir(parents=True)
    (outside / "submission.yaml").write_text("unit: {id: u1, name: x, type: bureau}\n")
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "linked-file").mkdir()
    (folder / "linked-file" / "submission.yaml").symlink_to(outside / "submission.yaml")
    (folder / "single.yaml").symlink_to(outside / "submission.yaml")
    (folder / "inside").mkdir()
    (folder / "inside" / "submission.yaml").write_text("unit: {id: inside}\n")

    problems = {e.name: e.problem for e in discover(str(folder))}

    assert problems["inside"] is None
    for name in ("linked-folder", "linked-file", "single"):
        problem = problems[name]
        assert problem is not None and problem.code == "unit.link_outside"


def test_every_problem_of_a_unit_comes_in_one_pass(mini_engine, tmp_path: Path) -> None:
    # the unknown kind, the misnamed id and a field error: all three at once
    (tmp_path / "b-one.yaml").write_text(
        "unit: {id: b-two, name: 一局, type: town}\ndemo: {done: many}\n", encoding="utf-8"
    )
    (entry,) = discover(str(tmp_path))
    errors = read_submission(entry, mini_engine.scheme, mini_engine.schema, shown_as="b-one.yaml")
    assert isinstance(errors, list)
    assert [(str(e.location), e.code) for e in errors] == [
        ("b-one.yaml:1:12", "unit.id_mismatch"),
        ("b-one.yaml:1:35", "unit.type_unknown"),  # `unit: {id: b-two, name: 一局, type: ` is 34
        ("b-one.yaml:2:14", "schema.type"),  # `demo: {done: ` is 13
    ]


def test_errors_past_the_cap_are_summed_up_in_one(mini_engine, tmp_path: Path) -> None:
    tasks = "".join(f"    - {{id: T{n}, due_on: 2016-02-30}}\n" for n in range(150))
    (tmp_path / "b-one.yaml").write_text(
        "unit: {id: b-one, name: 一局, type: bureau}\ndemo:\n  tasks:\n" + tasks, encoding="utf-8"
    )
    (entry,) = discover(str(tmp_path))
    errors = read_submission(entry, mini_engine.scheme, mini_engine.schema, shown_as="b-one.yaml")
    assert isinstance(errors, list)
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
    # the first 100, in file order, each on its own line; then one saying checking stopped
    assert [e.location.line for e in errors[:-1]] == list(range(4, 4 + MAX_ERRORS_PER_FILE))
    assert (errors[-1].code, errors[-1].params) == (
        "file.more_problems",
        {"shown": MAX_ERRORS_PER_FILE},
    )

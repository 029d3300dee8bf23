"""``evaluate init DIR``: a new evaluation folder from the default scheme and example units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from evaluator._scaffold import starter

ROOT = Path(__file__).resolve().parents[1]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".yaml", ".yml")
    }


def test_init_writes_the_default_scheme_and_one_example_unit_per_kind(
    run_cli, tmp_path: Path
) -> None:
    run = run_cli("init", "ev", "--lang", "en", cwd=tmp_path)
    assert run.status == 0, run.err
    assert "Next: cd ev && evaluate submissions/" in run.out
    folder = tmp_path / "ev"
    copied, shipped = files_of(folder / "criteria"), files_of(ROOT / "criteria")
    # the scheme as shipped, but for the sample's own facts (its units' check dates)
    assert copied.keys() == shipped.keys()
    assert {k: v for k, v in copied.items() if k != "facts.yaml"} == {
        k: v for k, v in shipped.items() if k != "facts.yaml"
    }
    kinds = yaml.safe_load((folder / "criteria" / "scheme.yaml").read_text(encoding="utf-8"))
    units = [
        yaml.safe_load(p.read_text(encoding="utf-8"))["unit"]
        for p in sorted((folder / "submissions").glob("*.yaml"))
    ]
    assert sorted(u["type"] for u in units) == sorted(kinds["unit_types"])
    assert (folder / "plugins").is_dir()
    assert (folder / "README.md").is_file()


def test_the_example_units_say_they_are_invented(run_cli, tmp_path: Path) -> None:
    run_cli("init", "ev", cwd=tmp_path)
    for example in (tmp_path / "ev" / "submissions").glob("*.yaml"):
        text = example.read_text(encoding="utf-8")
        assert "虚构" in text and "invented" in text, example.name
    readme = (tmp_path / "ev" / "submissions" / "README.md").read_text(encoding="utf-8")
    assert "虚构" in readme and "invented" in readme


def test_the_new_folder_scores_completely(run_cli, tmp_path: Path) -> None:
    run_cli("init", "ev", cwd=tmp_path)
    run = run_cli("submissions", "--format", "json", cwd=tmp_path / "ev")
    assert run.status == 0, run.err
    results = json.loads(run.out)
    assert [(u["id"], u["status"], u["rank"]) for u in results["units"]] == [
        ("example-bureau", "ok", 1),
        ("example-street", "ok", 1),
    ]
    assert results["errors"] == []
    # each example loses a few points, so that --detail has something to show
    assert all(0 < u["total"] < 100 for u in results["units"])


def test_the_new_folder_validates(run_cli, tmp_path: Path) -> None:
    run_cli("init", "ev", cwd=tmp_path)
    assert run_cli("validate", "submissions", cwd=tmp_path / "ev").status == 0


def test_init_may_fill_an_empty_folder(run_cli, tmp_path: Path) -> None:
    (tmp_path / "ev").mkdir()
    assert run_cli("init", "ev", cwd=tmp_path).status == 0


def test_init_never_writes_into_a_folder_in_use(run_cli, tmp_path: Path) -> None:
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_cli("init", "ev", "--lang", "en", cwd=tmp_path)
    assert run.status == 2
    assert "ev: exists and is not an empty folder" in run.err
    assert [p.name for p in (tmp_path / "ev").iterdir()] == ["notes.txt"]


def test_in_a_wheel_the_scheme_is_package_data_beside_the_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the wheel's layout: evaluator_areas/scheme/ (criteria/ copied in) and examples/
    package = tmp_path / "site" / "evaluator_areas"
    (package / "scheme").mkdir(parents=True)
    (package / "scheme" / "scheme.yaml").write_text("id: packaged\n", encoding="utf-8")
    (package / "examples").mkdir()
    (package / "examples" / "u.yaml").write_text("unit: {}\n", encoding="utf-8")
    monkeypatch.setattr(starter.resources, "files", lambda name: package)
    written = starter.write_starter(str(tmp_path / "ev"))
    assert (tmp_path / "ev" / "criteria" / "scheme.yaml").read_text() == "id: packaged\n"
    assert tmp_path / "ev" / "submissions" / "u.yaml" in written


def test_a_folder_that_cannot_be_written_is_said_plainly(run_cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    run = run_cli("init", "notes.txt/ev", "--lang", "en", cwd=tmp_path)
    assert run.status == 2
    assert "cannot write notes.txt/ev: Not a directory" in run.err
    assert "Traceback" not in run.err


def test_the_new_folder_records_no_facts_about_the_sample_units(tmp_path: Path) -> None:
    from evaluator._scaffold.starter import write_starter

    write_starter(str(tmp_path / "new"))
    facts = (tmp_path / "new" / "criteria" / "facts.yaml").read_text(encoding="utf-8")
    assert "xc-finance" not in facts and "enquiry_channel: true" in facts

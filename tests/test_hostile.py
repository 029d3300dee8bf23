"""Hostile and broken submissions: each case in ``tests/hostile/cases.yaml`` gives one message.

Every case builds a fresh submissions folder in ``tmp_path`` from the corpus
files under ``tests/hostile/``, runs it through the real engine
(:func:`evaluator._scoring.engine.evaluate`, which reads with ``read_submission``) and
checks that exactly the expected errors come out, each at its file, line and
column with its message code (and the params the case names); or, for integrity
cases, that the unit is scored and carries the ``integrity.*`` finding. Encodings,
line ends, byte-order marks, symlinks and size caps are applied when the folder is
built, so the corpus stays plain UTF-8.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import Evaluation
from evaluator._reading.yaml_reader import read_yaml
from evaluator._scoring.engine import Engine, Options, evaluate

HERE = Path(__file__).parent
CORPUS = HERE / "hostile"
ROOT = HERE.parent
MINI = HERE / "fixtures" / "mini"


def _load_cases() -> list[dict[str, Any]]:
    data, _ = read_yaml((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["cases"]
    return cases


ALL_CASES = _load_cases()
CASES = [c for c in ALL_CASES if "generate" not in c]
"""The cases run here, in this process; generated workbooks run capped in
``tests/test_hostile_workbooks.py``."""


@pytest.fixture(scope="module")
def engines() -> dict[str, Engine]:
    """The mini evaluation (demo plugin) and the real criteria with the four area plugins."""
    return {
        "mini": Engine.load(
            Options(str(MINI / "criteria"), str(MINI / "plugins"), entry_points=False)
        ),
        "real": Engine.load(
            Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False)
        ),
    }


def _transform(data: bytes, steps: list[str]) -> bytes:
    """Re-encode a UTF-8 corpus file as it may arrive: another encoding, CRLF, a BOM."""
    for step in steps:
        if step == "crlf":
            data = data.replace(b"\n", b"\r\n")
        elif step == "bom":
            data = b"\xef\xbb\xbf" + data
        else:  # an encoding name: gbk, gb18030, utf-16
            data = data.decode("utf-8").encode(step)
    return data


def build(case: Mapping[str, Any], folder: Path) -> None:
    """Lay out the case's submissions folder: corpus files, transformed, plus any links."""
    files: dict[str, str] = dict(case.get("files", {}))
    if "submission" in case:
        files["u-1/submission.yaml"] = case["submission"]
    for name, source in case.get("csv", {}).items():
        files[f"u-1/{name}"] = source
    transforms: Mapping[str, list[str]] = case.get("transform", {})
    for target, source in files.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (CORPUS / source).read_bytes()
        path.write_bytes(_transform(data, transforms.get(target, [])))
    for link, target in case.get("symlinks", {}).items():
        path = folder / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    for name in case.get("empty_folders", []):
        (folder / name).mkdir(parents=True)


@pytest.fixture
def run_case(
    engines: dict[str, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """Build a case's folder and evaluate it from inside, so paths print relative to it."""

    def run(case: Mapping[str, Any]) -> Evaluation:
        folder = tmp_path / "submissions"
        folder.mkdir()
        build(case, folder)
        engine = engines[case.get("scheme", "mini")]
        if "max_file_size" in case:
            options = dataclasses.replace(engine.options, max_file_size=case["max_file_size"])
            engine = Engine(engine.scheme, engine.registry, options)
        monkeypatch.chdir(folder)
        return evaluate(engine, ".")

    yield run


def _expected_errors(case: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "error" in case:
        return [case["error"]]
    errors: list[Mapping[str, Any]] = case.get("errors", [])
    return errors


def test_corpus_is_large_and_every_file_is_used() -> None:
    ids = [c["id"] for c in ALL_CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 40
    used: set[str] = set()
    for case in ALL_CASES:
        used.update(case.get("files", {}).values())
        used.update(case.get("csv", {}).values())
        if "submission" in case:
            used.add(case["submission"])
    on_disk = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name != "cases.yaml" and p.parts[len(CORPUS.parts)] != "cli"
    }
    assert on_disk - used == set(), "corpus files no case uses"
    assert used - on_disk == set(), "cases name files that do not exist"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case: Mapping[str, Any], run_case: Any) -> None:
    evaluation: Evaluation = run_case(case)
    errors = [(str(e.location), e.code, dict(e.params)) for e in evaluation.errors]
    expected = _expected_errors(case)
    for want in expected:
        params = want.get("params", {})
        assert any(
            at == want["at"] and code == want["code"] and params.items() <= got.items()
            for at, code, got in errors
        ), f"expected {want['at']}: {want['code']} {params} among {errors}"
    assert len(errors) == len(expected), f"unexpected extra errors: {errors}"
    for name in case.get("never_created", []):
        assert not os.path.exists(name), f"{name} was created: the input executed something"

    if expected:
        assert evaluation.exit_status == 1
        return
    # accepted input, or an integrity finding: the unit is scored, never dropped
    (unit,) = evaluation.units
    assert unit.status == "ok"
    assert unit.total is not None and 0 <= unit.total <= 100
    if "warning" in case:
        want = case["warning"]
        assert any(
            w.code == want["code"] and want.get("params", {}).items() <= dict(w.params).items()
            for w in unit.warnings
        ), unit.warnings
    if "finding" in case:
        want = case["finding"]
        (indicator,) = [i for i in unit.indicators if i.id == want["indicator"]]
        codes = [(f.code, list(f.records)) for f in indicator.findings]
        assert (want["code"], want["records"]) in codes, codes
        assert want["code"].startswith(("integrity.", "audit."))
        if "points" in want:
            assert indicator.points == want["points"]


def test_a_bad_unit_never_costs_a_good_one_its_result(
    engines: dict[str, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every broken case side by side with one valid unit: the valid unit is still scored."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copytree(MINI / "submissions" / "b-alpha", folder / "b-alpha")
    for index, case in enumerate(c for c in CASES if _expected_errors(c)):
        if case.get("scheme", "mini") != "mini" or "max_file_size" in case:
            continue
        unit = f"x-{index:03d}"
        part = tmp_path / "parts" / unit
        part.mkdir(parents=True)
        build(case, part)
        for entry in part.iterdir():
            name = entry.name.replace("u-1", unit)
            if entry.is_dir() and not entry.is_symlink():
                shutil.move(str(entry), str(folder / name))
    monkeypatch.chdir(folder)
    evaluation = evaluate(engines["mini"], ".")
    scored = {u.id: u for u in evaluation.units}
    assert scored["b-alpha"].status == "ok"
    assert scored["b-alpha"].total == 100.0
    assert evaluation.errors
    assert evaluation.exit_status == 1


# ---------------------------------------------------------------- the properties, corpus-wide

GOOD = {"mini": MINI / "submissions" / "b-alpha", "real": ROOT / "submissions" / "xc-finance"}


def _cli_args(case: Mapping[str, Any]) -> list[str]:
    scheme = case.get("scheme", "mini")
    base = MINI if scheme == "mini" else ROOT
    args = ["submissions", "--format", "json", "--no-entry-points", "--no-progress"]
    args += ["--criteria", str(base / "criteria"), "--plugins-dir", str(base / "plugins")]
    if "max_file_size" in case:
        args += ["--max-file-size", str(case["max_file_size"])]
    return args


TINY = "unit: {id: g, name: 好, type: bureau}\n"  # under the size caps the corpus sets


def _place_good_unit(case: Mapping[str, Any], submissions: Path) -> str:
    """A valid unit beside the case's; its id."""
    if "max_file_size" in case:
        submissions.mkdir(parents=True, exist_ok=True)
        (submissions / "g.yaml").write_text(TINY, encoding="utf-8")
        return "g"
    good = GOOD[case.get("scheme", "mini")]
    shutil.copytree(good, submissions / good.name)
    return good.name


def _good_unit(
    run_cli: Any, folder: Path, case: Mapping[str, Any], ident: str
) -> tuple[Any, dict[str, Any]]:
    done = run_cli(*_cli_args(case), cwd=folder)
    document = json.loads(done.out)
    (entry,) = [u for u in document["units"] if u["id"] == ident]
    return done, entry


@pytest.mark.parametrize(
    "case", [c for c in CASES if _expected_errors(c)], ids=lambda c: str(c["id"])
)
def test_a_bad_unit_costs_only_itself_with_no_traceback(
    case: Mapping[str, Any], run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For every unit input of the corpus: exit 1, no traceback, the good unit byte-identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    clean = tmp_path / "clean"
    ident = _place_good_unit(case, clean / "submissions")
    _, reference = _good_unit(run_cli, clean, case, ident)

    hostile = tmp_path / "hostile"
    build(case, hostile / "submissions")
    _place_good_unit(case, hostile / "submissions")
    done, entry = _good_unit(run_cli, hostile, case, ident)
    assert done.status == 1, done.err
    assert "Traceback" not in done.err
    assert json.dumps(entry, ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)

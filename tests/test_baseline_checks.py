"""``--baseline`` checked whole before any unit is scored (issue 19, item 9).

A corrupt earlier results file (a number JSON allows but no result holds,
nesting 100,000 deep, an id twice) is refused with the file and the JSON path,
exit 2, before scoring; ids match the current units without regard to case;
a unit whose kind changed is named. The documents are generated here from the
mini evaluation's own results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evaluator._reports.baseline import MAX_DEPTH, BaselineError, load_baseline
from evaluator._scoring import engine as engine_module


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The mini evaluation's results, as an earlier run wrote them."""
    from evaluator.cli import main

    target = tmp_path_factory.mktemp("previous") / "results.json"
    here = Path.cwd()
    try:
        import os

        os.chdir(Path(__file__).parent / "fixtures" / "mini")
        main(["submissions", "-o", str(target)])
    finally:
        os.chdir(here)
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


def _written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "previous.json"
    path.write_text(text, encoding="utf-8")
    return path


def _with_total(previous: dict[str, Any], total: str) -> str:
    """The results with the second unit's total written as ``total``, verbatim."""
    document = json.loads(json.dumps(previous))
    document["units"][1]["total"] = "@TOTAL@"
    return json.dumps(document).replace('"@TOTAL@"', total)


@pytest.mark.parametrize("total", ["Infinity", "-Infinity", "NaN", "1e400", "-1e308", "100.5"])
def test_a_total_no_result_can_hold_is_refused_at_its_json_path(
    previous: dict[str, Any], tmp_path: Path, total: str
) -> None:
    path = _written(tmp_path, _with_total(previous, total))
    with pytest.raises(BaselineError) as info:
        load_baseline(str(path))
    assert str(info.value).startswith(f"{path}: $.units[1].total: ")


@pytest.mark.parametrize("total", ["0", "100", "100.0", "61.5"])
def test_totals_from_0_to_100_are_read(
    previous: dict[str, Any], tmp_path: Path, total: str
) -> None:
    path = _written(tmp_path, _with_total(previous, total))
    unit = previous["units"][1]["id"]
    assert load_baseline(str(path)).units[unit].total == float(total)


def test_a_400_digit_total_is_refused_not_overflowed(previous: dict[str, Any], tmp_path) -> None:
    path = _written(tmp_path, _with_total(previous, "1" + "0" * 400))
    with pytest.raises(BaselineError, match=r"\$\.units\[1\]\.total: .* outside 0-100"):
        load_baseline(str(path))


def test_a_weight_outside_0_to_100_is_refused(previous: dict[str, Any], tmp_path) -> None:
    document = json.loads(json.dumps(previous))
    document["units"][0]["dimensions"][0]["weight"] = -1e308
    path = _written(tmp_path, json.dumps(document))
    with pytest.raises(BaselineError, match=r"\$\.units\[0\]\.dimensions\[0\]\.weight"):
        load_baseline(str(path))


def test_nan_anywhere_in_the_file_is_refused(previous: dict[str, Any], tmp_path) -> None:
    document = json.loads(json.dumps(previous))
    document["units"][0]["dimensions"][0]["score"] = float("nan")
    path = _written(tmp_path, json.dumps(document))  # json.dumps writes NaN
    with pytest.raises(BaselineError, match=r"\$\.units\[0\]\.dimensions\[0\]\.score: NaN"):
        load_baseline(str(path))


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    path = _written(tmp_path, '{"units": [], "x": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(BaselineError, match=f"nested deeper than {MAX_DEPTH} levels"):
        load_baseline(str(path))


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # under the top-level object
    path = _written(tmp_path, '{"units": [], "x": ' + "[" * depth + "]" * depth + "}")
    assert load_baseline(str(path)).units == {}


def test_an_id_twice_or_equal_but_for_case_is_refused(previous: dict[str, Any], tmp_path) -> None:
    document = json.loads(json.dumps(previous))
    first = document["units"][0]
    document["units"].append({**first, "id": first["id"].upper()})
    path = _written(tmp_path, json.dumps(document))
    last = len(document["units"]) - 1
    with pytest.raises(BaselineError, match=rf"\$\.units\[{last}\]\.id: .* listed twice"):
        load_baseline(str(path))


def test_a_refused_baseline_stops_the_run_before_any_unit_is_scored(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scored: list[str] = []
    monkeypatch.setattr(engine_module, "survey", lambda folder: scored.append(folder))
    path = _written(tmp_path, '{"units": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    target = tmp_path / "out.json"
    run = run_cli("submissions", "--baseline", str(path), "-o", str(target))
    assert run.status == 2
    assert f"{path}: nested deeper than {MAX_DEPTH} levels" in run.err
    assert "意外错误" not in run.err
    assert scored == []
    assert not target.exists()


def test_units_match_the_baseline_whatever_the_case_of_their_ids(
    previous: dict[str, Any], run_cli, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(previous))
    for unit in document["units"]:
        unit["id"] = unit["id"].upper()
    path = _written(tmp_path, json.dumps(document))
    target = tmp_path / "now.json"
    run_cli("submissions", "--baseline", str(path), "-o", str(target))
    now = json.loads(target.read_text(encoding="utf-8"))
    assert now["baseline"]["gone"] == []
    assert all(u["baseline"] is not None for u in now["units"])


def test_a_unit_whose_kind_changed_is_named(
    previous: dict[str, Any], run_cli, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(previous))
    moved = next(u for u in document["units"] if u["type"] == "bureau")
    document["units"].remove(moved)
    document["units"].append({**moved, "type": "street"})  # last: weights are read from the first
    path = _written(tmp_path, json.dumps(document))
    run = run_cli("submissions", "--format", "json", "--baseline", str(path))
    assert f"{moved['id']}（street→bureau）" in run.err
    same = _written(tmp_path, json.dumps(previous))
    assert "类别与前次结果不同" not in run_cli("submissions", "--baseline", str(same)).err

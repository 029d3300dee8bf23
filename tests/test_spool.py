"""Spooled evaluations: the same output as in memory, and no temporary file left behind.

That a spooled run's memory stays bounded is measured, not asserted here:
``benchmarks/run.py`` prints peak RSS with ``--format json`` at N and 10 x N units.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import Evaluation, Finding, Message
from evaluator._reports.json_results import dumps_json, evaluation_to_dict, indicators_json
from evaluator._reports.output import problem_lines
from evaluator._reports.text import FORMATS, render, write
from evaluator._scoring.engine import Engine, Options, evaluate
from evaluator._scoring.spool import UnitSpool, pack

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
RunCli = Any  # conftest's run_cli: evaluate ARGS in-process
EVALUATIONS = {
    "mini": (MINI, Options("criteria", "plugins", entry_points=False)),
    "sample": (ROOT, Options("criteria", "plugins", entry_points=False)),
}


@pytest.fixture(params=sorted(EVALUATIONS))
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine for a fixture evaluation, run from its folder with a fixed clock."""
    where, options = EVALUATIONS[request.param]
    monkeypatch.chdir(where)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    yield Engine.load(options)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every evaluation here generated at one moment: two runs a second apart compare equal."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")


def reference_json(ev: Evaluation) -> str:
    """The document as ``json.dumps`` writes it whole: what the streaming writer must match."""
    return json.dumps(evaluation_to_dict(ev), ensure_ascii=False, indent=2) + "\n"


def test_spooled_output_is_the_in_memory_output(engine: Engine) -> None:
    in_memory = evaluate(engine, "submissions")
    assert any(i.findings for u in in_memory.units for i in u.indicators)
    with UnitSpool() as spool:
        spooled = evaluate(engine, "submissions", spool=spool)
        assert len(spool) == len(spooled.units) == len(in_memory.units)
        # memory holds summaries only; the details read back are the full results
        assert spooled.units == tuple(u.without_findings() for u in in_memory.units)
        assert spooled.units != in_memory.units
        assert [spooled.detailed(u) for u in spooled.units] == list(in_memory.units)
        assert dumps_json(spooled) == reference_json(in_memory) == dumps_json(in_memory)
        for fmt in FORMATS:
            for lang in ("zh", "en"):
                for detail in (False, True):
                    expected = render(in_memory, fmt, lang=lang, detail=detail)
                    out = io.StringIO()
                    write(spooled, fmt, out, lang=lang, detail=detail)
                    assert out.getvalue() == expected, (fmt, lang, detail)


def test_the_streamed_json_is_json_dumps_of_the_document(mini_engine: Engine) -> None:
    ev = evaluate(mini_engine, str(MINI / "submissions"))
    tricky = Finding("x", 'line one\nline two\t"quoted" 中文 \\ end', ("a\nb",), 1.5)
    first = ev.units[0]
    indicators = (dataclasses.replace(first.indicators[0], findings=(tricky,)),)
    odd = dataclasses.replace(
        first, indicators=indicators, warnings=(Message("x.odd", {"text": "w\n1"}),)
    )
    for variant in (
        ev,
        dataclasses.replace(ev, units=()),
        dataclasses.replace(ev, errors=(), warnings=()),
        dataclasses.replace(ev, units=(odd,), plugins=()),
    ):
        assert dumps_json(variant) == reference_json(variant)


def test_indicators_rendered_by_the_workers_are_written_as_json_dumps_would(
    mini_engine: Engine,
) -> None:
    """A spool with ``render``: each worker renders its unit's indicators; the results are
    the same text, odd strings (newlines, quotes, the key's own name) and failed units too."""
    ev = evaluate(mini_engine, str(MINI / "submissions"))
    with UnitSpool(render=indicators_json) as spool:
        spooled = evaluate(mini_engine, str(MINI / "submissions"), jobs=2, spool=spool)
        assert all(spool.rendered(u) is not None for u in spooled.units)
        assert dumps_json(spooled) == reference_json(ev)
    first = ev.units[0]
    tricky = Finding("x", '\n  "indicators": []\n\t"q" 中文 \\', ("a\nb",), 1.5)
    odd = dataclasses.replace(
        first,
        indicators=(dataclasses.replace(first.indicators[0], findings=(tricky,)),),
        warnings=(Message("x.odd", {"text": '\n  "indicators": []'}),),
    )
    bare = dataclasses.replace(first, source_path="other", indicators=())
    with UnitSpool() as spool:
        units = tuple(spool.put(pack(u, indicators_json)) for u in (odd, bare))
        assert spool.rendered(units[1]) == "[]"
        with pytest.raises(LookupError, match="rendered text only"):  # its text alone is kept
            spool.load(units[0])
        variant = dataclasses.replace(ev, units=units, details=spool)
        assert dumps_json(variant) == reference_json(dataclasses.replace(ev, units=(odd, bare)))


def test_lean_summaries_write_the_same_results_and_problems(engine: Engine) -> None:
    """A run whose output reads every unit's indicators back (the JSON results) keeps lean
    summaries (failed indicators and those with documents only): the same text, the same
    problems on stderr, the same failure log, a fraction of the memory."""
    with UnitSpool(render=indicators_json) as spool:
        whole = evaluate(engine, "submissions", jobs=2, spool=spool)
        text, problems = dumps_json(whole), problem_lines(whole)
    with UnitSpool(render=indicators_json, lean=True) as spool:
        lean = evaluate(engine, "submissions", jobs=2, spool=spool)
        kept = [i for u in lean.units for i in u.indicators]
        assert all(i.status == "error" or i.documents for i in kept)
        assert len(kept) < sum(len(u.indicators) for u in whole.units)
        assert [u.documents for u in lean.units] == [u.documents for u in whole.units]
        assert dumps_json(lean) == text
        assert problem_lines(lean) == problems
        assert lean.failures == whole.failures
        assert [(u.id, u.rank, u.total) for u in lean.units] == [
            (u.id, u.rank, u.total) for u in whole.units
        ]


def test_a_spool_gives_back_full_results_ranked_as_their_summaries(mini_engine: Engine) -> None:
    ev = evaluate(mini_engine, str(MINI / "submissions"))
    unit = next(u for u in ev.units if any(i.findings for i in u.indicators))
    with UnitSpool() as spool:
        summary = spool.put(dataclasses.replace(unit, rank=None, grade=None))
        assert all(not i.findings or i.status == "error" for i in summary.indicators)
        assert spool.load(dataclasses.replace(summary, rank=unit.rank, grade=unit.grade)) == unit
        with pytest.raises(ValueError, match="already spooled"):
            spool.put(unit)
    assert spool.closed


@pytest.fixture
def spools(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:
    """Every spool file opened, made in a private temporary folder."""
    opened: list[Any] = []
    real = tempfile.TemporaryFile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def recording(*args: Any, **kwargs: Any) -> Any:
        handle = real(*args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    return opened


def leftovers(spools: list[Any]) -> list[str]:
    folder = tempfile.gettempdir()
    return [f"open: {h}" for h in spools if not h.closed] + os.listdir(folder)


@pytest.mark.parametrize(
    "options", [["--format", "json"], ["--detail"], ["--format", "json", "--jobs", "2"]]
)
def test_a_run_removes_its_spool(run_cli: RunCli, spools: list[Any], options: list[str]) -> None:
    run = run_cli("submissions", "--no-progress", *options)
    assert run.status == 1, run.err
    assert len(spools) == 1
    assert leftovers(spools) == []


def test_ranking_tables_need_no_spool(run_cli: RunCli, spools: list[Any]) -> None:
    assert run_cli("submissions", "--no-progress").status == 1
    assert spools == []


def test_a_failed_write_removes_the_spool_and_the_partial_output(
    run_cli: RunCli, spools: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluator._reports.json_results

    real = evaluator._reports.json_results._unit

    def failing(unit: Any, lang: str) -> Any:
        if unit.id == "b-gamma":  # the third unit: part of the document is written
            raise OSError("disk full")
        return real(unit, lang)

    monkeypatch.setattr(evaluator._reports.json_results, "_unit", failing)
    out = tmp_path / "out" / "results.json"
    out.parent.mkdir()
    run = run_cli("submissions", "--format", "json", "-o", str(out), "--no-progress")
    assert run.status == 2 and "disk full" in run.err
    assert leftovers(spools) == []
    assert list(out.parent.iterdir()) == []


def test_a_failed_scoring_run_removes_the_spool(
    run_cli: RunCli, spools: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = UnitSpool.put

    def failing(self: UnitSpool, unit: Any) -> Any:
        if len(self) == 2:
            raise RuntimeError("boom")
        return real(self, unit)

    monkeypatch.setattr(UnitSpool, "put", failing)
    run = run_cli("submissions", "--format", "json", "--no-progress")
    assert run.status == 2 and "boom" in run.err
    assert len(spools) == 1
    assert leftovers(spools) == []

"""A scorer that raises is said on stderr once, with its place, and its traceback with --debug.

The mini evaluation's ``demo.share`` raises on b-epsilon; the plugin added
here raises on every unit that sends the demo section (six of them), with a
message naming the unit, so that one bug met six times is one line, not six.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator._core.model import Message

RAISING = """\
from evaluator import Outcome, hookimpl, scorer


@scorer("extra.flat", section="demo")
def flat(ctx):
    return Outcome(ctx.max_points * lookup(ctx.unit.id))


def lookup(unit):
    return {}[unit]


@hookimpl
def register_scorers():
    return [flat]
"""
RAISED_AT = RAISING.splitlines().index("    return {}[unit]") + 1
SENDING_DEMO = 6  # every unit but s-one (no demo section) and s-bad (invalid)


@pytest.fixture
def failing(mini_copy: Path) -> Path:
    """The mini evaluation with ``extra.flat``, which raises on every unit it scores."""
    (mini_copy / "plugins" / "extra.py").write_text(RAISING, encoding="utf-8")
    with (mini_copy / "criteria" / "checks.yaml").open("a", encoding="utf-8") as criteria:
        criteria.write("  - id: flat\n    name: 平\n    scorer: extra.flat\n    points: 5\n")
    return mini_copy


def failure(**params: object) -> str:
    """The stderr line of one failure, in English."""
    return Message("cli.error_prefix").text("en") + Message("run.scorer_failed", params).text("en")


EXTRA = failure(
    plugin="extra",
    scorer="extra.flat",
    error="KeyError: 'b-alpha'",
    where=f"plugins/extra.py:{RAISED_AT}",
    indicators=["flat"],
    units=SENDING_DEMO,
    first="b-alpha",
)
DEMO = failure(
    plugin="demo",
    scorer="demo.share",
    error="RuntimeError: boom",
    where="plugins/demo.py:44",
    indicators=["share"],
    units=1,
    first="b-epsilon",
)
HINT = Message("run.scorer_failed_debug").text("en")


def run(run_cli, folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--no-entry-points", "--lang", "en", cwd=folder)


def failure_lines(err: str) -> list[str]:
    """The lines of stderr about scorers that raised."""
    return [line for line in err.splitlines() if " failed on " in line or line == HINT]


def test_each_distinct_failure_is_one_line_however_many_units(run_cli, failing: Path) -> None:
    done = run(run_cli, failing, "submissions")
    assert done.status == 1
    assert failure_lines(done.err) == [EXTRA, DEMO, HINT]
    assert "Traceback" not in done.err


@pytest.mark.parametrize("form", [(), ("--format", "json"), ("--format", "csv", "--detail")])
def test_every_output_form_says_it(run_cli, failing: Path, form: tuple[str, ...]) -> None:
    done = run(run_cli, failing, "submissions", *form)
    assert failure_lines(done.err) == [EXTRA, DEMO, HINT]


def test_report_and_validate_say_it_too(run_cli, failing: Path) -> None:
    report = run(run_cli, failing, "report", "submissions", "-o", "feedback")
    validate = run(run_cli, failing, "validate", "submissions")
    assert failure_lines(report.err) == [EXTRA, DEMO, HINT]
    assert failure_lines(validate.err) == [EXTRA, DEMO, HINT]
    assert validate.status == 1  # s-bad, as before: a failing scorer is no invalid unit


def test_debug_shows_each_traceback_once_from_the_scorer_down(run_cli, failing: Path) -> None:
    done = run(run_cli, failing, "submissions", "--debug")
    lines = done.err.splitlines()
    assert done.err.count("Traceback (most recent call last):") == 2
    start = lines.index(EXTRA)
    traceback = lines[start + 1 : lines.index(DEMO)]
    assert traceback[0] == "Traceback (most recent call last):"
    assert traceback[-1] == "KeyError: 'b-alpha'"
    files = [line.strip() for line in traceback if line.strip().startswith("File ")]
    # the plugin's frames only: the scorer, then the helper that raised
    assert [f.split(", ")[1:] for f in files] == [
        [f"line {RAISED_AT - 4}", "in flat"],
        [f"line {RAISED_AT}", "in lookup"],
    ]
    assert all("extra.py" in f for f in files)
    assert HINT not in lines


def test_the_traceback_survives_worker_processes(run_cli, failing: Path) -> None:
    one = run(run_cli, failing, "submissions", "--debug")
    two = run(run_cli, failing, "submissions", "--debug", "--jobs", "2")
    assert two.err.count("Traceback (most recent call last):") == 2
    assert failure_lines(two.err) == failure_lines(one.err) == [EXTRA, DEMO]
    assert two.err == one.err


def test_results_never_hold_a_traceback(run_cli, failing: Path) -> None:
    done = run(run_cli, failing, "submissions", "--format", "json", "--debug")
    assert "Traceback" not in done.out
    unit = next(u for u in json.loads(done.out)["units"] if u["id"] == "b-gamma")
    (flat,) = [i for i in unit["indicators"] if i["id"] == "flat"]
    assert flat["status"] == "error"
    assert flat["findings"][0]["params"]["error"] == "KeyError: 'b-gamma'"


def test_a_run_whose_scorers_all_work_says_nothing_of_them(run_cli, mini_copy: Path) -> None:
    path = mini_copy / "submissions" / "b-epsilon" / "submission.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("explode: true", "explode: false"))
    done = run(run_cli, mini_copy, "submissions")
    assert failure_lines(done.err) == []

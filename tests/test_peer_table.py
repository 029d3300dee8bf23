"""The peer table's split of a run (``benchmarks/run.py``): without its records, and what they add.

The rows compare ``evaluate --jobs 1`` on units of ~20 records with the peer's
whole run, and what the records add to each (the full run's median wall
less the few-records run's). Figures here are made up; the test checks that
the rows are those quotients of the medians, not of the first or last sample.
"""

from __future__ import annotations

import re

from script_modules import script_module

run = script_module("benchmarks/run.py", "benchmark_run")


def _series(walls: dict[str, list[float]]) -> dict[str, object]:
    return {
        key: run.Series(key, [key], [run.Sample(w, w, 100.0, 0) for w in samples])
        for key, samples in walls.items()
    }


def _row(table: str, starts: str) -> list[str]:
    (line,) = [line for line in table.splitlines() if line.startswith(f"| {starts}")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_rows_split_a_run_into_its_fixed_part_and_its_records() -> None:
    walls = {
        "floor": [3.0, 2.0, 9.0],
        "peer": [3.0, 4.0, 1.0],  # median 3.0
        "peer1": [3.0, 3.0, 3.0],
        "jobs1": [9.0, 7.5, 8.0],  # median 8.0
        "jobs2": [5.0, 4.0, 4.5],
        "few_peer": [1.0, 0.5, 2.0],  # median 1.0
        "few_jobs1": [3.3, 9.0, 3.6],  # median 3.6
    }
    table = run.peer_report(_series(walls))
    fixed = _row(table, "evaluate --jobs 1 with ~20 records a unit / the peer")
    assert fixed[1] == "1.20"  # 3.6 / 3.0
    added = _row(table, "what the records add")
    assert "4.40 s / 2.00 s" in added[0]  # 8.0 - 3.6, 3.0 - 1.0
    assert added[1] == "2.20"
    assert _row(table, "evaluate --jobs 1 / the peer")[1] == "2.67"  # 8.0 / 3.0


def test_without_the_few_records_runs_the_rows_are_left_out() -> None:
    walls = {"floor": [2.0], "peer": [3.0], "peer1": [3.0], "jobs1": [6.0], "jobs2": [3.5]}
    table = run.peer_report(_series(walls))
    assert not re.search(r"records add|~20 records", table)
    assert "evaluate --jobs 1 / the peer (wall) | 2.00 |" in table


def test_no_ratio_of_what_the_records_add_when_they_add_nothing_to_the_peer() -> None:
    walls = {"floor": [2.0], "peer": [1.5], "peer1": [1.5], "jobs1": [6.0], "jobs2": [3.5]}
    table = run.peer_report(_series({**walls, "few_peer": [1.5], "few_jobs1": [3.0]}))
    assert _row(table, "what the records add")[1] == "n/a"
    assert _row(table, "evaluate --jobs 1 with ~20 records a unit / the peer")[1] == "2.00"

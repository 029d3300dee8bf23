"""Where a run's time goes: ``evaluate`` with every unit scored in this process, phase by phase.

For profiling, not for the targets (``run.py`` measures those, workers and all)::

    python benchmarks/phases.py DIR --format json -o out.json
    python -m cProfile -o prof.out benchmarks/phases.py DIR --format json -o out.json

runs ``evaluate DIR ...`` as the command does, except that units are read and
scored here, one after another, instead of in worker processes (so that a
profiler sees them), and prints to stderr the seconds spent reading units
(``read``: files to a validated submission), scoring them (``score``: every
indicator, findings merged), packing each result for the spool (``pack``:
pickled, compressed, and rendered as JSON for ``--format json``) and in all.
The results are the command's, byte for byte.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import evaluator._scoring.engine as engine
from evaluator.cli import main as evaluate

PHASES = {"read": 0.0, "score": 0.0, "pack": 0.0}


def _timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            PHASES[phase] += time.perf_counter() - start

    return timed


def _here(
    function: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, died: Any, sizes: Any = None
) -> Iterator[Any]:
    """``map_in_workers`` without the workers: each item in this process, in order."""
    return map(function, items)


def main(argv: Sequence[str]) -> int:
    engine.map_in_workers = _here  # type: ignore[assignment]
    engine.read_submission = _timed("read", engine.read_submission)  # type: ignore[assignment]
    engine.Engine.score = _timed("score", engine.Engine.score)  # type: ignore[method-assign]
    engine.pack = _timed("pack", engine.pack)  # type: ignore[assignment]
    start = time.perf_counter()
    status = evaluate(list(argv))
    shown = ", ".join(f"{name} {seconds:.2f}" for name, seconds in PHASES.items())
    print(f"phases (s): {shown}; all {time.perf_counter() - start:.2f}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run ``evaluate`` in this process and note the CPU time of the main process and its workers.

The serial share of a run with worker processes is the main process's CPU time
(surveying the units, storing their results, ranking, writing) against the
whole; by Amdahl's law it bounds the speed-up on ``n`` cores at
``1 / (s + (1 - s) / n)``. ``run.py`` runs ``evaluate --jobs 2`` through this::

    python benchmarks/serial.py USAGE -- SUBMISSIONS --jobs 2 --format json -o out.json

which appends to ``USAGE`` a line ``main workers`` of CPU seconds (user +
system; the workers' once they are reaped, which the run does before it ends).
"""

from __future__ import annotations

import resource
import statistics
import sys
from collections.abc import Sequence

__all__ = ["amdahl", "shares"]


def amdahl(share: float, cores: int = 2) -> float:
    """The most a run of serial ``share`` can speed up on ``cores``."""
    return 1 / (share + (1 - share) / cores)


def shares(path: str) -> tuple[float, float, float]:
    """The medians of the main process's CPU s, the workers' and the serial share in ``path``."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            main, workers = (float(x) for x in line.split())
            rows.append((main, workers, main / (main + workers)))
    return tuple(statistics.median(r[i] for r in rows) for i in range(3))  # type: ignore[return-value]


def main(argv: Sequence[str]) -> int:
    usage, separator, *arguments = argv
    if separator != "--":
        raise SystemExit("usage: serial.py USAGE -- EVALUATE-ARGUMENTS")
    from evaluator.cli import main as evaluate

    try:
        status = evaluate(arguments)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(usage, "a", encoding="utf-8") as handle:
        handle.write(
            f"{own.ru_utime + own.ru_stime:.3f} {workers.ru_utime + workers.ru_stime:.3f}\n"
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

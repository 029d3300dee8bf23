"""Scoring in worker processes that a dying or interrupted worker cannot take down.

A unit's data can make the process scoring it die: the kernel's OOM killer, a
``SIGKILL``, a crash in a C extension. A plain ``ProcessPoolExecutor`` then
fails every unit still in flight (``BrokenProcessPool``) and the run is lost.
:func:`map_in_workers` instead:

- retries each unit that was in flight when a worker died, once, alone in a
  fresh one-worker pool, so the unit that kills its worker is found and
  reported as its own error while the others are scored as usual;
- keeps ``Ctrl-C`` to the main process (workers ignore ``SIGINT``), and on
  any interruption terminates the workers at once, so that the command ends
  promptly with no process left behind;
- makes each worker an isolating one (:func:`evaluator._reading.native.isolate`):
  native reads are capped in memory and leave a note, so that the death of a
  unit's worker says what killed it (a signal) and, when it was reading a
  workbook, which file and whether memory ran out (:class:`~evaluator._reading.native.Death`).

The command runs units here even with ``--jobs 1`` (one worker): a reader that
aborts then costs only its unit there too. Results come back in the order of
the items, a bounded number in flight.

Items are sent in chunks (:func:`chunks`): several small items to a task, so
that a run of many small units does not pay a task's round trip for each, and
a large one alone, so that both workers stay busy to the end. A worker that
dies costs its chunk nothing more than a single item would: every item of
every chunk in flight is retried alone.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import multiprocessing
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from evaluator._reading.native import Death, death_note, isolate

__all__ = ["CHUNKS_PER_WORKER", "CHUNK_BYTES", "CHUNK_ITEMS", "WINDOW", "chunks", "map_in_workers"]

Item = TypeVar("Item")
Result = TypeVar("Result")

WINDOW = 64
"""Most items in flight at once: enough to keep every worker busy, few kept in memory."""

CHUNK_BYTES = 1 << 20
"""A chunk's items together at most this size (their files, in bytes), unless one alone is more."""

CHUNK_ITEMS = 8
"""Most items in one chunk."""

CHUNKS_PER_WORKER = 8
"""Fewest chunks per worker when there are items enough: the last few, shared out, leave
no worker idle for long."""


def chunks(sizes: Sequence[int], jobs: int) -> list[range]:
    """Consecutive items (by index) grouped into tasks, given each item's size in bytes.

    A chunk holds at most :data:`CHUNK_ITEMS` items of :data:`CHUNK_BYTES` together
    (an item larger than that goes alone), and there are at least
    :data:`CHUNKS_PER_WORKER` chunks per worker when there are items enough.
    """
    most = max(1, min(CHUNK_ITEMS, len(sizes) // (CHUNKS_PER_WORKER * max(1, jobs))))
    found: list[range] = []
    start, total = 0, 0
    for index, size in enumerate(sizes):
        if index > start and (index - start >= most or total + size > CHUNK_BYTES):
            found.append(range(start, index))
            start, total = index, 0
        total += size
    if start < len(sizes):
        found.append(range(start, len(sizes)))
    return found


def _each(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``function`` of each item of a chunk, in a worker."""
    return [function(item) for item in items]


def _start_worker(notes: str) -> None:
    """Worker start-up: Ctrl-C is the main process's to handle; it ends the workers itself.

    ``SIGTERM`` goes back to its default (a forked worker inherits the command's
    handler, which unwinds the main process): the main process ends its
    workers with it, and they should simply go. Native reads are capped and
    noted in folder ``notes``.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    isolate(notes)


def _pool(jobs: int, notes: str) -> ProcessPoolExecutor:
    start = functools.partial(_start_worker, notes)
    return ProcessPoolExecutor(max_workers=jobs, initializer=start)


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold off Ctrl-C while workers are being ended: a second one must not leave any behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stop(pool: ProcessPoolExecutor) -> None:
    """End ``pool`` now: cancel what has not started and terminate its worker processes.

    ``shutdown`` alone waits for the units being scored; after an interruption or
    a dead worker nothing of theirs is wanted, so the workers are terminated
    (and killed if they do not go within a second).
    """
    with _uninterrupted():
        processes: list[multiprocessing.process.BaseProcess] = list(
            (getattr(pool, "_processes", None) or {}).values()
        )
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(1)
            if process.is_alive():
                process.kill()
                process.join(1)


def map_in_workers(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int,
    died: Callable[[Item, Death], Result],
    sizes: Sequence[int] | None = None,
) -> Iterator[Result]:
    """``function(item)`` for each item, computed in ``jobs`` worker processes, in order.

    ``died(item, death)`` is the result for an item whose worker died twice (once
    with others in flight, once alone), with how the second one died.
    ``function`` must be a module-level function (it is sent to the workers); it
    should catch its own errors, since an exception it lets out is re-raised here.
    ``sizes`` (each item's size in bytes) groups items into :func:`chunks`; without,
    each item is a task of its own.
    """
    groups = (
        chunks(sizes, jobs) if sizes is not None else [range(i, i + 1) for i in range(len(items))]
    )
    notes = tempfile.mkdtemp(prefix="evaluator-workers-")
    try:
        yield from _mapped(function, items, groups, jobs, died, notes)
    finally:
        shutil.rmtree(notes, ignore_errors=True)


def _mapped(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    groups: Sequence[range],
    jobs: int,
    died: Callable[[Item, Death], Result],
    notes: str,
) -> Iterator[Result]:
    pool = _pool(jobs, notes)
    each = functools.partial(_each, function)
    pending: collections.deque[tuple[range, Future[list[Result]]]] = collections.deque()
    submitted = 0
    in_flight = 0  # items, not chunks: the window bounds what is held in memory
    try:
        while pending or submitted < len(groups):
            while submitted < len(groups) and (not pending or in_flight < WINDOW):
                group = groups[submitted]
                pending.append((group, pool.submit(each, [items[i] for i in group])))
                submitted += 1
                in_flight += len(group)
            group, future = pending.popleft()
            in_flight -= len(group)
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [i for g in (group, *(g for g, _ in pending)) for i in g]
                pending.clear()
                in_flight = 0
                stop(pool)
                yield from _one_by_one(function, [items[i] for i in lost], died, notes)
                pool = _pool(jobs, notes)
                continue
            yield from results
    finally:
        # interrupted, or the caller stopped early: no worker may outlive the run
        stop(pool)


def _one_by_one(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    died: Callable[[Item, Death], Result],
    notes: str,
) -> Iterator[Result]:
    """Each item alone in a one-worker pool: a second death is that item's own."""
    pool = _pool(1, notes)
    try:
        for item in items:
            future = pool.submit(function, item)
            workers = list((getattr(pool, "_processes", None) or {}).values())
            try:
                result = future.result()
            except BrokenProcessPool:
                stop(pool)
                pool = _pool(1, notes)
                result = died(item, _death(workers, notes))
            yield result
    finally:
        stop(pool)


def _death(workers: Sequence[multiprocessing.process.BaseProcess], notes: str) -> Death:
    """How the one worker of a pool ended, and the note it left."""
    for worker in workers:
        worker.join(10)
        if worker.pid is None:
            continue
        # The broken pool's own thread reaps its workers too: when it wins the race for
        # the exit status, this process's first look finds none (ECHILD) until that
        # thread has stored it on the same process object, a moment later.
        deadline = time.monotonic() + 10
        while worker.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.01)
        # the note names the file it was reading even when the status is lost
        return death_note(notes, worker.pid, worker.exitcode)
    return Death("", None, None, None)

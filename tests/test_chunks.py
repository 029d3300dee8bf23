"""Units sent to workers in chunks: grouped by size, results in order, a death costs no other.

:func:`~evaluator._scoring.workers.chunks` groups consecutive items (several
small ones to a task, a large one alone); :func:`map_in_workers` with ``sizes``
sends the chunks and gives each item's result in order. An item that fails
inside a chunk is its own result; a worker killed inside a chunk loses no
other item's result (each item of the chunks in flight is retried alone) and
the item that killed it is reported as dead, as when items go one at a time.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest

from evaluator._reading.native import Death
from evaluator._scoring import workers
from evaluator._scoring.workers import CHUNK_BYTES, CHUNK_ITEMS, chunks, map_in_workers

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers fork")


def _checked(sizes: list[int], jobs: int) -> list[range]:
    found = chunks(sizes, jobs)
    assert [i for c in found for i in c] == list(range(len(sizes)))  # every item once, in order
    for chunk in found:
        assert 1 <= len(chunk) <= CHUNK_ITEMS
        assert len(chunk) == 1 or sum(sizes[i] for i in chunk) <= CHUNK_BYTES
    return found


def test_small_items_share_a_chunk_and_a_large_one_goes_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "CHUNKS_PER_WORKER", 1)  # chunks as full as sizes allow
    big = CHUNK_BYTES + 1
    found = _checked([1000] * 30 + [big] + [1000] * 30, jobs=1)
    assert range(30, 31) in found  # the large one alone
    assert max(len(c) for c in found) == CHUNK_ITEMS  # small ones grouped as much as allowed
    halves = _checked([CHUNK_BYTES // 2] * 6 + [CHUNK_BYTES // 3] * 6, jobs=1)
    assert [len(c) for c in halves] == [2, 2, 2, 3, 3]  # a chunk's bytes are full


def test_there_are_chunks_enough_for_every_worker() -> None:
    found = _checked([10] * 40, jobs=2)
    assert len(found) >= 2 * workers.CHUNKS_PER_WORKER or max(len(c) for c in found) == 1
    assert [len(c) for c in _checked([10] * 5, jobs=2)] == [1] * 5
    assert chunks([], jobs=2) == []


def _square(item: int) -> int:
    return item * item


def _fails_on_seven(item: int) -> int | str:
    # as process_entry does: an error is the item's own result
    try:
        if item == 7:
            raise ValueError("seven")
        return item * item
    except ValueError as exc:
        return f"failed: {exc}"


def _dies_on_seven(item: int) -> int:
    if item == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * item


def _died(item: int, death: Death) -> str:
    return f"died: {item} ({death.signal})"


def _sizes(count: int) -> list[int]:
    """Sizes as different as units' are: mostly small, every fifth one large."""
    return [CHUNK_BYTES * 2 if i % 5 == 4 else 1000 * (i % 3 + 1) for i in range(count)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunked_results_come_back_in_order(jobs: int) -> None:
    items = list(range(40))
    assert max(len(c) for c in chunks(_sizes(40), jobs)) > 1  # chunks there are
    results = list(map_in_workers(_square, items, jobs=jobs, died=_died, sizes=_sizes(40)))
    assert results == [i * i for i in items]


def test_a_failing_item_inside_a_chunk_is_its_own_result() -> None:
    items = list(range(24))
    assert any(7 in c and len(c) > 1 for c in chunks([1] * 24, 1))  # 7 shares its chunk
    results = list(map_in_workers(_fails_on_seven, items, jobs=1, died=_died, sizes=[1] * 24))
    assert results == [("failed: seven" if i == 7 else i * i) for i in items]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_killed_inside_a_chunk_costs_only_its_item(jobs: int) -> None:
    items = list(range(48))
    sizes = [1] * 48
    assert any(7 in c and len(c) > 1 for c in chunks(sizes, jobs))
    results = list(map_in_workers(_dies_on_seven, items, jobs=jobs, died=_died, sizes=sizes))
    assert results == [("died: 7 (SIGKILL)" if i == 7 else i * i) for i in items]

"""Full unit results kept on disk, so that memory holds only their small summaries.

A unit's full result carries a finding per late request or slow message (tens
of KB); its summary (:meth:`~evaluator._core.model.UnitResult.without_findings`:
scores, statuses, names) a few KB. For output that shows findings (JSON,
``--detail``) :func:`evaluator._scoring.engine.evaluate` writes each unit's full result
here as soon as it is scored and keeps only the summary; ranking works on the
summaries, and the renderers read each unit back (:meth:`Evaluation.detailed
<evaluator._core.model.Evaluation.detailed>`) while they write it, one at a time. Peak
memory is then one unit's full result plus the summaries, whatever the number
of units.

The spool is one anonymous temporary file in the system temporary folder
(``TMPDIR``; ``directory`` to choose another): on POSIX it has no name from the start,
so it disappears when closed, when the process ends, or when it is killed.
Each result is pickled and zlib-compressed (~5 KB per unit); an index in
memory gives its offset by source path, which is unique to a unit.

Run in worker processes, a unit crosses back packed (:func:`pack`): its summary,
and its full result already pickled and compressed, so that the main process
neither unpickles the tree of findings nor pickles it again; only stores the
bytes. A spool made with ``render`` (the JSON results' text of a unit's
indicators, say) instead has each worker render that text, kept for
:meth:`UnitSpool.rendered`: the main process then writes it as it is instead of
reading the unit back and serialising its findings itself, and the full result
is not kept at all.
"""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from evaluator._core.model import UnitResult

__all__ = ["Packed", "UnitSpool", "pack"]

Render = Callable[[UnitResult], bytes]
"""A unit's full result to the text an output writes for it, in UTF-8 (a module-level
function)."""


@dataclass(frozen=True)
class Packed:
    """A unit's result as it crosses from a worker: the summary, the full result as the spool
    stores it, and (with a ``render``) its rendered text, compressed."""

    summary: UnitResult
    full: bytes
    text: bytes = b""


def pack(unit: UnitResult, render: Render | None = None, *, lean: bool = False) -> Packed:
    """``unit`` packed for a :class:`UnitSpool` (in the worker that scored it); its summary
    :meth:`~evaluator._core.model.UnitResult.lean` when the spool's is.

    With ``render``, the rendered text alone is kept, not the full result: an output
    written from the workers' text never reads a unit back (:meth:`UnitSpool.load`
    refuses such a unit), and pickling and compressing every finding of it again cost
    ~0.9 ms a unit of ~6,700 records (``BENCHMARKS.md``)."""
    if render is None:
        full, text = zlib.compress(pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL), 1), b""
    else:
        full, text = b"", zlib.compress(render(unit), 1)
    return Packed(unit.lean() if lean else unit.without_findings(), full, text)


class UnitSpool:
    """A temporary file of full unit results, read back by their summaries.

    Use it as a context manager and render while it is open::

        with UnitSpool() as spool:
            evaluation = evaluate(engine, "submissions", spool=spool)
            write(evaluation, "json", sys.stdout)
    """

    def __init__(
        self, directory: str | None = None, render: Render | None = None, *, lean: bool = False
    ) -> None:
        # closed by close() (or the with block); the OS removes it on any exit
        self._file = tempfile.TemporaryFile(prefix="evaluate-spool-", dir=directory)  # noqa: SIM115
        self._index: dict[str, tuple[int, int, int]] = {}
        self._end = 0
        self.render = render
        """What workers render of each unit for :meth:`rendered` (``None``: nothing)."""
        self.lean = lean
        """Whether the summaries kept are :meth:`~evaluator._core.model.UnitResult.lean`: for
        an output that reads every unit's indicators back (:meth:`load`, :meth:`rendered`)."""

    def put(self, unit: UnitResult | Packed) -> UnitResult:
        """Store ``unit``'s full result, or its rendered text when packed with one (:func:`pack`);
        its summary, to keep in memory instead."""
        packed = unit if isinstance(unit, Packed) else pack(unit, lean=self.lean)
        path = packed.summary.source_path
        if path in self._index:
            raise ValueError(f"{path}: a unit from this file is already spooled")
        self._file.seek(self._end)
        self._file.write(packed.full)
        self._file.write(packed.text)
        self._index[path] = (self._end, len(packed.full), len(packed.text))
        self._end += len(packed.full) + len(packed.text)
        return packed.summary

    def rendered(self, unit: UnitResult) -> str | None:
        """The text :attr:`render` gave for ``unit`` in its worker, if it was packed with one."""
        offset, size, text = self._index[unit.source_path]
        if not text:
            return None
        self._file.seek(offset + size)
        return zlib.decompress(self._file.read(text)).decode("utf-8")

    def load(self, unit: UnitResult) -> UnitResult:
        """The full result of ``unit`` (a stored unit's summary, ranked or not), ranked and
        warned alike; :class:`LookupError` for a unit packed with its rendered text only."""
        offset, size, text = self._index[unit.source_path]
        if text and not size:
            raise LookupError(f"{unit.source_path}: spooled as its rendered text only")
        self._file.seek(offset)
        full: UnitResult = pickle.loads(zlib.decompress(self._file.read(size)))
        return dataclasses.replace(
            full,
            rank=unit.rank,
            grade=unit.grade,
            unvetoed_rank=unit.unvetoed_rank,
            warnings=unit.warnings,  # with those the run adds once every unit is read
        )

    def __len__(self) -> int:
        return len(self._index)

    @property
    def closed(self) -> bool:
        return self._file.closed

    def close(self) -> None:
        """Remove the spool; the evaluation's details cannot be read any more."""
        self._file.close()
        self._index.clear()

    def __enter__(self) -> UnitSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

"""Native readers (python-calamine) run capped, and leave a note should they kill the process.

A native library that cannot get memory aborts the whole process; nothing in
Python can catch it. Units are therefore read and scored in worker processes
(:mod:`evaluator._scoring.workers`), where a death costs only the unit being
read. In such a worker, :func:`isolate` turns on two things for every call
wrapped in :func:`native_reading`:

* the process's address space and CPU time are capped for the call
  (``RLIMIT_AS``, ``RLIMIT_CPU``: what it holds already plus
  :func:`memory_headroom` bytes and :data:`CPU_SECONDS`), so a file that asks
  for too much ends the worker at once instead of the machine's memory;
* the worker notes the file it is reading, and sends what the library
  prints on its way out ("memory allocation of N bytes failed") to the same
  note, so that the run can say which file killed the worker and how
  (:func:`death_note`).

Outside a worker (the library called directly, a test) nothing is capped: a
cap on a process that is not isolated would only trade one failure for another.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "CPU_SECONDS",
    "Death",
    "death_note",
    "isolate",
    "memory_headroom",
    "native_reading",
]

CPU_SECONDS = 300
"""CPU time one native read may take before the worker is ended (a reader that loops)."""
_MIN_HEADROOM = 1 << 30

_notes: str | None = None  # the folder of this worker's note, when it is an isolating worker
_ALLOCATION = re.compile(r"memory allocation of (\d+) bytes failed")


def memory_headroom(max_bytes: int) -> int:
    """Bytes a native read may add to the process: 1 GiB, or 16 × the file-size cap if more.

    A workbook that passed the checks needs at most its grid (10 million cells
    of 32 bytes), the text its cells copy (4 × the cap) and the file itself.
    """
    return max(_MIN_HEADROOM, 16 * max_bytes)


def isolate(notes: str | None) -> None:
    """Worker start-up: cap native reads in this process and leave notes in folder ``notes``.

    ``None`` turns it off again (for tests).
    """
    global _notes
    _notes = notes


def _note_path() -> str | None:
    return None if _notes is None else os.path.join(_notes, str(os.getpid()))


@contextlib.contextmanager
def native_reading(shown: str, max_bytes: int) -> Iterator[None]:
    """Run the block as a native read of file ``shown``: capped and noted in a worker."""
    path = _note_path()
    if path is None:
        yield
        return
    with open(path, "w", encoding="utf-8") as note:
        note.write(shown + "\n")
    with _stderr_to(path), _capped(memory_headroom(max_bytes)):
        yield
    with open(path, "w", encoding="utf-8"):
        pass  # read through: nothing to report should the worker die later


@contextlib.contextmanager
def _stderr_to(path: str) -> Iterator[None]:
    """The process's standard error (file descriptor 2) appended to ``path`` for the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    target = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.dup2(target, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(target)
        os.close(saved)


@contextlib.contextmanager
def _capped(headroom: int) -> Iterator[None]:
    """``RLIMIT_AS`` at what the process has mapped plus ``headroom``, and a CPU budget."""
    try:
        import resource
    except ImportError:  # not on this system: reads go uncapped
        yield
        return
    memory = resource.getrlimit(resource.RLIMIT_AS)
    cpu = resource.getrlimit(resource.RLIMIT_CPU)
    used = int(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))
    try:
        resource.setrlimit(resource.RLIMIT_AS, (_limit(_mapped() + headroom, memory[1]), memory[1]))
        resource.setrlimit(resource.RLIMIT_CPU, (_limit(used + CPU_SECONDS, cpu[1]), cpu[1]))
    except (ValueError, OSError):  # a hard limit lower still: it stands
        pass
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, memory)
        resource.setrlimit(resource.RLIMIT_CPU, cpu)


def _limit(wanted: int, hard: int) -> int:
    import resource

    return wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)


def _mapped() -> int:
    """The bytes of address space this process has mapped (``VmSize``)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass(frozen=True)
class Death:
    """How a worker ended: the signal that killed it (or its exit status), what it was reading."""

    signal: str
    status: int | None
    reading: str | None
    asked: int | None
    """The bytes the native reader asked for when it could not get them, if it said."""

    @property
    def out_of_memory(self) -> bool:
        return self.asked is not None


def death_note(notes: str, pid: int, exitcode: int | None) -> Death:
    """What the worker ``pid`` that ended with ``exitcode`` left in folder ``notes``."""
    reading = asked = None
    try:
        with open(os.path.join(notes, str(pid)), encoding="utf-8", errors="replace") as note:
            text = note.read()
    except OSError:
        text = ""
    if text:
        reading, _, printed = text.partition("\n")
        found = _ALLOCATION.search(printed)
        asked = int(found[1]) if found else None
    name = ""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
    return Death(name, exitcode, reading or None, asked)

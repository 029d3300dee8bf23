"""Which entries of a submissions folder are units, and how each handed in.

A submissions folder holds, per unit, either ``<id>/submission.yaml`` (with
any record files it references beside it), a single ``<id>.yaml`` or a workbook
``<id>.xlsx`` (see :func:`survey` for exactly which entries are units).
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from evaluator._core.ids import id_key
from evaluator._core.model import Message
from evaluator._core.paths import shown_name

__all__ = [
    "RESERVED_ID",
    "SUBMISSION_FILE",
    "UNIT_FILE_EXTENSIONS",
    "WORKBOOK_EXTENSIONS",
    "Entry",
    "discover",
    "has_entries",
    "link_count",
    "survey",
]

SUBMISSION_FILE = "submission.yaml"


RESERVED_ID = "index"
"""No unit may be called ``index``: ``evaluate report`` writes ``index.html`` beside unit pages."""


EntryForm = Literal["folder", "file", "workbook"]


@dataclass(frozen=True)
class Entry:
    """One unit's place in the submissions folder (``problem`` when it is unusable).

    ``form`` is how the unit handed in: a ``folder`` with ``submission.yaml``
    (and record files beside it), a single YAML ``file``, or a ``workbook``.
    """

    name: str
    path: str
    folder: str
    problem: Message | None = None
    form: EntryForm = "file"


UNIT_FILE_EXTENSIONS = (".yaml", ".yml")
"""A single-file unit: ``<id>.yaml`` or ``<id>.yml``, any case of extension."""


WORKBOOK_EXTENSIONS = (".xlsx", ".xls", ".ods")
"""A unit handed in as one workbook: ``<id>.xlsx`` (or ``.xls``, ``.ods``), any case."""


_IGNORED_NAMES = ("thumbs.db", "desktop.ini")


def _ignored(name: str) -> bool:
    """Entries skipped without a word: hidden files, READMEs, office lock files, OS clutter."""
    lower = name.lower()
    return name.startswith((".", "~$")) or lower.startswith("readme") or lower in _IGNORED_NAMES


def _submission_file(folder: str) -> tuple[str, Message | None]:
    """The submission file of a unit folder (``submission.yaml``, any case, or ``.yml``)."""
    try:
        names = os.listdir(folder)
    except OSError as exc:
        return os.path.join(folder, SUBMISSION_FILE), Message(
            "file.unreadable", {"reason": exc.strerror or str(exc)}
        )
    found = sorted(n for n in names if n.lower() in ("submission.yaml", "submission.yml"))
    if not found:
        return os.path.join(folder, SUBMISSION_FILE), None
    if len(found) > 1:
        return os.path.join(folder, found[0]), Message(
            "unit.two_submission_files", {"names": found}
        )
    return os.path.join(folder, found[0]), None


def survey(directory: str) -> tuple[list[Entry], list[Message]]:
    """The unit entries of ``directory`` (sorted by name) and what else is there.

    Units are ``<id>/`` folders (holding ``submission.yaml``), ``<id>.yaml`` or
    ``.yml`` files and ``<id>.xlsx``/``.xls``/``.ods`` workbooks, extensions in any
    case. Hidden entries, ``README*``, Office lock files (``~$*``) and OS clutter
    (``Thumbs.db``, ``desktop.ini``) are skipped silently; anything else (``x.txt``,
    ``x.yaml.txt``) comes back as a ``run.not_a_unit`` warning naming it, which
    makes the run's exit status 1: a unit must never vanish from a ranking
    unnoticed. An id entered twice (folder and file), or twice in different case
    (``hp-dup/``, ``HP-DUP.yaml``), is flagged ``unit.twice`` on every such entry.
    """
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"{directory}: no such folder")
    root = os.path.realpath(directory)
    entries: list[Entry] = []
    strays: list[Message] = []
    for raw, form in _forms(directory, sorted(os.listdir(directory))):
        name = shown_name(raw)
        full = os.path.join(directory, raw)
        problem: Message | None = None
        if form == "folder":
            unit, folder = name, full
            path, problem = _submission_file(full)
            if problem is None and not os.path.exists(path):
                problem = Message(
                    "unit.no_submission_file", {"name": name, "file": SUBMISSION_FILE}
                )
        elif form is not None:
            unit, path, folder = shown_name(os.path.splitext(raw)[0]), full, directory
        else:
            strays.append(Message("run.not_a_unit", {"name": name}))
            continue
        if not (_inside(root, full) and _inside(root, path)):
            problem = Message("unit.link_outside", {"name": name, "folder": directory})
        elif problem is None and os.path.exists(path) and not _regular(path):
            problem = Message("unit.not_a_file", {"name": name})
        entries.append(Entry(unit, path, folder, problem, form))
    return _flag_twins(entries), strays


def _flag_twins(entries: list[Entry]) -> list[Entry]:
    """``entries`` with ``unit.twice`` on each whose id another entry repeats, or equals but
    for case (:func:`~evaluator._core.ids.id_key`): on a disk that ignores case their files
    and pages would be one, so neither is scored."""
    named: dict[str, list[str]] = {}
    for entry in entries:
        named.setdefault(id_key(entry.name), []).append(_entry_name(entry))
    return [
        dataclasses.replace(
            e, problem=Message("unit.twice", {"id": e.name, "entries": named[id_key(e.name)]})
        )
        if len(named[id_key(e.name)]) > 1 and e.problem is None
        else e
        for e in entries
    ]


def _entry_name(entry: Entry) -> str:
    """How an entry is named in the submissions folder: ``u-1/`` (a folder) or ``u-1.yaml``."""
    if entry.form == "folder":
        return shown_name(os.path.basename(entry.folder)) + "/"
    return shown_name(os.path.basename(entry.path))


def _forms(directory: str, names: Iterable[str]) -> Iterator[tuple[str, EntryForm | None]]:
    """Each of ``names`` in ``directory`` not skipped silently, with the form of unit entry
    it is (``None``: not a unit), one at a time: what :func:`survey` and
    :func:`has_entries` both go by."""
    for raw in names:
        if _ignored(raw):
            continue
        extension = os.path.splitext(raw)[1].lower()
        if os.path.isdir(os.path.join(directory, raw)):
            yield raw, "folder"
        elif extension in WORKBOOK_EXTENSIONS:
            yield raw, "workbook"
        elif extension in UNIT_FILE_EXTENSIONS:
            yield raw, "file"
        else:
            yield raw, None


def has_entries(directory: str) -> bool:
    """Whether :func:`survey` would find a unit entry in ``directory`` (any, problems and
    all): it stops at the first, and checks nothing of it, so that a command refusing a
    folder with none does not survey every unit twice."""
    return any(form is not None for _, form in _forms(directory, os.listdir(directory)))


def discover(directory: str) -> list[Entry]:
    """Every unit entry in ``directory``, sorted by name (see :func:`survey`)."""
    return survey(directory)[0]


def link_count(path: str) -> int:
    """How many hard links ``path`` has (1 when it cannot be told)."""
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 1


def _regular(path: str) -> bool:
    """Whether ``path`` (links followed) is a regular file, not a FIFO, socket or device."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _inside(root: str, path: str) -> bool:
    """Whether ``path``, links resolved, lies inside the real folder ``root``."""
    return os.path.commonpath([root, os.path.realpath(path)]) == root

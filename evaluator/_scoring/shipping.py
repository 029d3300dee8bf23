"""Files sent to Dask workers as bytes: no worker needs the command's disk.

With ``--executor dask`` the command packs (:func:`pack`) each unit's files, and
once the criteria, plugins, evidence and reviews folders, and sends the bytes;
a worker unpacks them into a temporary folder of its own (:func:`unpack`) and
reads them there as the command would have, the files named as the command
names them (:func:`~evaluator._core.paths.show_folder_as`). A file over
``--max-file-size`` travels as its size alone and is unpacked as a sparse file
of that size, so that reading it is refused (``file.too_large``) as on the
command's disk; a file with other hard links is unpacked with one more, so
that ``unit.shared_file`` is said as it is locally. A unit whose files pass
:data:`MAX_UNIT_BYTES` is not sent (``unit.too_large_to_send``).

Plugins installed as packages are not sent: :func:`worker_versions` lists, on a
worker, the versions of the distributions the command loaded plugins from, for
:func:`version_problems` to compare.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from evaluator._core.model import Message

__all__ = [
    "MAX_UNIT_BYTES",
    "Packed",
    "pack",
    "unpack",
    "version_problems",
    "worker_versions",
]

MAX_UNIT_BYTES = 1024**3
"""Most bytes of one unit's files sent to a worker (files over the per-file cap not counted)."""


@dataclass(frozen=True)
class Packed:
    """A folder's files: (path relative to it with ``/``, bytes or the size of a file over the
    cap, hard-link count), sorted; ``size`` the bytes in all; ``digest`` names the whole."""

    files: tuple[tuple[str, bytes | int, int], ...]
    size: int
    digest: str


def _regular_files(folder: str) -> Iterable[tuple[str, str]]:
    """(relative path, full path) of each regular file under ``folder``, links that stay inside
    it followed, in a fixed order."""
    root = os.path.realpath(folder)
    for here, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            full = os.path.join(here, name)
            real = os.path.realpath(full)
            if os.path.commonpath([root, real]) != root:
                continue  # read nowhere locally either (reference.outside)
            try:
                regular = stat.S_ISREG(os.stat(full).st_mode)
            except OSError:
                regular = False  # a dangling link: missing locally too
            if not regular:
                continue
            yield os.path.relpath(full, folder).replace(os.sep, "/"), full


def pack(folder: str, max_file_size: int, only: str | None = None) -> Packed:
    """The files under ``folder`` (or its one file ``only``) as bytes, those over
    ``max_file_size`` as their size."""
    found = (
        [(only, os.path.join(folder, only))] if only is not None else list(_regular_files(folder))
    )
    files: list[tuple[str, bytes | int, int]] = []
    total = 0
    digest = hashlib.sha256()
    for relative, full in found:
        status = os.stat(full)
        if status.st_size > max_file_size:
            files.append((relative, status.st_size, status.st_nlink))
            digest.update(f"{relative}\0{status.st_size}\0".encode("utf-8", "surrogateescape"))
            continue
        with open(full, "rb") as handle:
            data = handle.read(max_file_size + 1)
        total += len(data)
        files.append((relative, data if len(data) <= max_file_size else len(data), status.st_nlink))
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")
    return Packed(tuple(files), total, digest.hexdigest())


def unpack(packed: Packed, destination: str, links: str) -> None:
    """Write ``packed`` under ``destination``, a second name in ``links`` for each file that
    had other hard links."""
    for number, (relative, content, nlink) in enumerate(packed.files):
        path = os.path.join(destination, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            else:
                out.truncate(content)  # sparse: over the cap, refused when read
        if nlink > 1:
            os.makedirs(links, exist_ok=True)
            os.link(path, os.path.join(links, str(number)))


def worker_versions(names: Iterable[str]) -> dict[str, str | None]:
    """The installed version of each distribution named (``None``: not installed), here."""
    found: dict[str, str | None] = {}
    for name in names:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def version_problems(
    wanted: Mapping[str, str | None], workers: Mapping[str, Mapping[str, str | None]]
) -> list[Message]:
    """A ``cli.dask_worker_version`` (or ``_missing``) for each worker and distribution whose
    version is not the one ``wanted``."""
    problems = []
    for worker in sorted(workers):
        for name in sorted(wanted):
            theirs = workers[worker].get(name)
            if theirs != wanted[name]:
                params = {"worker": worker, "name": name, "version": wanted[name] or "?"}
                if theirs is None:
                    problems.append(Message("cli.dask_worker_missing", params))
                else:
                    problems.append(
                        Message("cli.dask_worker_version", {**params, "theirs": theirs})
                    )
    return problems

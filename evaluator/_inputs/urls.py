"""The evaluator's own folders given as URLs (``s3://``, ``https://``, ``memory://``): copied here.

Only the folders the command line names (``SUBMISSIONS``, ``--criteria``,
``--plugins-dir``, ``--evidence``, ``--reviews``) may be URLs; a file a unit
names stays a path relative to its folder (a URL there is ``reference.url``).
A URL folder is copied once, in the command's process, into a local temporary
folder (:func:`copy_folder`), and everything else reads that copy exactly as it
reads a local folder: the same checks, the same messages, the same results.
Files under the copy are named as under the URL (:func:`~evaluator._core.paths.show_folder_as`).

Why a local copy rather than bytes kept in memory: the readers (workbooks in a
native reader, file plugins imported by path, the size check before a read)
work on files, and a copy on disk keeps the command's memory bounded however
large the folder. Hostile listings are capped: at most :data:`MAX_ENTRIES`
entries and :data:`MAX_TOTAL_BYTES` bytes in all, or the run is refused; a
file over ``--max-file-size`` is not downloaded but stands in the copy as a
sparse file of its size, so that reading it gives the usual ``file.too_large``.

Over HTTP a folder is listed from its index page: the page at the folder's
URL links to each entry (a folder's link ends in ``/``), as ``python -m
http.server``, nginx ``autoindex`` and Apache ``mod_autoindex`` serve them.
Links outside the folder, ``..``, and links with a query or fragment are ignored.
``fsspec`` (and ``aiohttp`` for HTTP, ``s3fs`` for S3) must be installed:
``pip install 'evaluator[remote]'``.
"""

from __future__ import annotations

import importlib
import os
import re
import urllib.parse
from typing import Any

from evaluator._core.model import Message
from evaluator._core.problems import Refusal

__all__ = ["MAX_ENTRIES", "MAX_TOTAL_BYTES", "copy_folder", "is_url"]

MAX_ENTRIES = 100_000
"""Most files and folders one URL folder may list, all levels together."""

MAX_TOTAL_BYTES = 4 * 1024**3
"""Most bytes downloaded from one URL folder (files over the per-file cap do not count)."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether ``text`` names a URL (``scheme://...``) rather than a local path."""
    return bool(_URL.match(text))


def _fsspec() -> Any:
    try:
        # imported by name: an optional extra
        return importlib.import_module("fsspec")
    except ImportError:
        raise Refusal(Message("cli.url_needs_fsspec")) from None


def copy_folder(url: str, destination: str, max_file_size: int) -> None:
    """Copy the folder at ``url``, every level, into the new local folder ``destination``.

    Refused (:class:`~evaluator._core.problems.Refusal`) when the URL cannot be
    listed or read, or lists more than :data:`MAX_ENTRIES` entries or
    :data:`MAX_TOTAL_BYTES` bytes.
    """
    fsspec = _fsspec()
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # no such protocol, or its package missing
        raise Refusal(Message("cli.url_unreadable", {"url": url, "reason": str(exc)})) from None
    web = url.lower().startswith(("http://", "https://"))
    counts = [0, 0]  # entries, bytes
    os.makedirs(destination)
    folders = [(root, destination)]
    while folders:
        folder, local = folders.pop()
        for name, kind, size in _listing(fs, folder, url, web):
            counts[0] += 1
            if counts[0] > MAX_ENTRIES:
                raise Refusal(Message("cli.url_too_many", {"url": url, "limit": MAX_ENTRIES}))
            child = name.rstrip("/").rsplit("/", 1)[-1]
            child = urllib.parse.unquote(child) if web else child
            if child in ("", ".", "..") or "/" in child or os.sep in child or "\0" in child:
                continue  # no name for a file here (an encoded ``../``): never written
            here = os.path.join(local, child)
            if kind == "directory":
                os.mkdir(here)
                folders.append((name, here))
            else:
                counts[1] += _copy_file(fs, name, here, size, max_file_size, url)
                if counts[1] > MAX_TOTAL_BYTES:
                    limit = MAX_TOTAL_BYTES
                    raise Refusal(Message("cli.url_too_large", {"url": url, "limit": limit}))


def _listing(fs: Any, folder: str, url: str, web: bool) -> list[tuple[str, str, int | None]]:
    """The entries right inside ``folder``: (name, ``file`` or ``directory``, size if known)."""
    try:
        entries = fs.ls(folder, detail=True)
    except Exception as exc:  # a network or permission error, a missing folder
        reason = f"{type(exc).__name__}: {exc}"
        raise Refusal(Message("cli.url_unreadable", {"url": url, "reason": reason})) from None
    prefix = folder.rstrip("/") + "/"
    found: dict[str, tuple[str, str, int | None]] = {}
    for entry in entries:
        name = str(entry["name"])
        rest = name[len(prefix) :].rstrip("/") if name.startswith(prefix) else ""
        if not rest or "/" in rest or rest in (".", "..") or (web and ("?" in rest or "#" in rest)):
            continue  # not an entry of this folder: the folder itself, a link elsewhere
        kind = "directory" if entry.get("type") == "directory" else "file"
        size = entry.get("size")
        found.setdefault(rest, (name, kind, size if isinstance(size, int) else None))
    return [found[key] for key in sorted(found)]


def _copy_file(
    fs: Any, name: str, local: str, size: int | None, max_file_size: int, url: str
) -> int:
    """Copy one file, or leave a sparse stand-in of its size when it is over the cap;
    the bytes downloaded."""
    if size is not None and size > max_file_size:
        _stand_in(local, size)
        return 0
    try:
        with fs.open(name, "rb") as handle:
            data = handle.read(max_file_size + 1)
        if len(data) > max_file_size:
            _stand_in(local, size if size is not None else len(data))
            return 0
    except Exception as exc:
        reason = f"{name}: {type(exc).__name__}: {exc}"
        raise Refusal(Message("cli.url_unreadable", {"url": url, "reason": reason})) from None
    with open(local, "wb") as out:
        out.write(data)
    return len(data)


def _stand_in(local: str, size: int) -> None:
    """A file of ``size`` bytes that takes no room: reading it is refused as too large."""
    with open(local, "wb") as out:
        out.truncate(size)

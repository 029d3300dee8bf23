"""File names as users read them: relative to the current folder, undecodable bytes escaped."""

from __future__ import annotations

import os
import re

__all__ = ["as_copied", "display_path", "show_folder_as", "shown_name", "unshow_folder"]

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

_SHOWN_FOLDERS: dict[str, str] = {}
"""Local folders that stand for others (a copy of a URL's files, a Dask worker's copy of a
unit's files), each with how its files are named: the URL, or the path the parent showed."""


def show_folder_as(folder: str, shown: str) -> None:
    """Name the files under the local ``folder`` as under ``shown`` from now on."""
    for key in {os.path.abspath(folder), os.path.realpath(folder)}:
        _SHOWN_FOLDERS[key] = shown.rstrip("/") or shown


def unshow_folder(folder: str) -> None:
    """Undo :func:`show_folder_as` for ``folder`` (its files are gone)."""
    for key in {os.path.abspath(folder), os.path.realpath(folder)}:
        _SHOWN_FOLDERS.pop(key, None)


def as_copied(path: str) -> str:
    """``path`` as the original is named when it lies in a copy (:func:`show_folder_as`),
    else unchanged: for a name that must not depend on where a copy happens to be."""
    return (_shown_copy(path) if _SHOWN_FOLDERS else None) or path


def _shown_copy(path: str) -> str | None:
    """How a file under a folder given to :func:`show_folder_as` is named, else ``None``."""
    full = os.path.abspath(path)
    # a copy taken at once: a Dask worker's threads add and remove their units' folders
    for folder, shown in sorted(tuple(_SHOWN_FOLDERS.items()), key=lambda f: -len(f[0])):
        if full == folder:
            return shown
        if full.startswith(folder + os.sep):
            return shown + "/" + full[len(folder) + 1 :].replace(os.sep, "/")
    return None


def display_path(path: str) -> str:
    """``path`` relative to the current folder when it lies inside it, as it can be shown.

    Messages and results name files this way, so they do not depend on where
    an evaluation folder happens to be checked out. Bytes of a name that is not
    UTF-8 are shown escaped (see :func:`shown_name`). A file of a local copy
    (:func:`show_folder_as`) is named as the original is.
    """
    if _URL.match(path):  # a file of a copied URL folder, already named as shown
        return shown_name(path)
    copied = _shown_copy(path) if _SHOWN_FOLDERS else None
    if copied is not None:
        return shown_name(copied)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return shown_name(path)
    return shown_name(path if relative.startswith("..") else relative)


def shown_name(name: str) -> str:
    """A file name as it can be shown and written: undecodable bytes as ``\\xNN`` escapes.

    A name that is not UTF-8 (a GBK name from a Windows zip) reaches Python with
    its bytes smuggled in as surrogates, which no output can encode.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

"""File names as users read them: relative to the current folder, undecodable bytes escaped."""

from __future__ import annotations

import os

__all__ = ["display_path", "shown_name"]


def display_path(path: str) -> str:
    """``path`` relative to the current folder when it lies inside it, as it can be shown.

    Messages and results name files this way, so they do not depend on where
    an evaluation folder happens to be checked out. Bytes of a name that is not
    UTF-8 are shown escaped (see :func:`shown_name`).
    """
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

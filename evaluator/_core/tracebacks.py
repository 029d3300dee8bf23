"""Where in a plugin an exception arose: the plugin author's own line, not the library's.

An exception a plugin raises often surfaces in the standard library (a
``KeyError`` raised by a dict, a ``ValueError`` by ``date.fromisoformat``);
the author needs the line of their own code that led there.
"""

from __future__ import annotations

import os
import sysconfig
import traceback
from collections.abc import Callable
from typing import Any

from evaluator._core.paths import display_path

__all__ = ["where_raised"]


def where_raised(
    exc: BaseException, function: Callable[..., Any] | None = None, *, path: str | None = None
) -> str:
    """``file:line`` where a plugin raised ``exc``, as close to its author's code as known.

    With ``function``: its deepest frame in that function's file. With
    ``path`` (a plugin file being imported): the line in that file, shown as
    ``path`` (a ``SyntaxError`` knows its own line). Otherwise: the deepest
    frame outside the standard library. ``?`` when nothing is known.
    """
    if isinstance(exc, SyntaxError) and exc.lineno:
        shown = path or (display_path(exc.filename) if exc.filename else "?")
        return f"{shown}:{exc.lineno}"
    frames = traceback.extract_tb(exc.__traceback__)
    if path is not None:
        lines = [f.lineno for f in frames if _same(f.filename, path) and f.lineno]
        return f"{path}:{lines[-1]}" if lines else path
    home = getattr(getattr(function, "__code__", None), "co_filename", None)
    if home:
        own = [f for f in frames if _same(f.filename, home)]
    else:
        own = [f for f in frames if not _standard(f.filename)]
    frame = (own or frames)[-1] if frames else None
    return f"{display_path(frame.filename)}:{frame.lineno}" if frame else "?"


def _same(one: str, other: str) -> bool:
    return os.path.realpath(one) == os.path.realpath(other)


_PATHS = sysconfig.get_paths()
_STDLIB = os.path.realpath(_PATHS["stdlib"]) + os.sep
_INSTALLED = tuple(os.path.realpath(_PATHS[k]) + os.sep for k in ("purelib", "platlib"))


def _standard(filename: str) -> bool:
    """Whether a frame's file is the interpreter's own (the standard library, frozen modules).

    Installed packages may sit inside the standard library's folder (an
    interpreter without a virtual environment); they are not its own.
    """
    if filename.startswith("<"):
        return True
    real = os.path.realpath(filename)
    return real.startswith(_STDLIB) and not real.startswith(_INSTALLED)

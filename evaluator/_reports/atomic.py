"""Output files written whole or not at all: a temporary file beside the target, renamed into place.

A reader never sees half a file, and a run that fails, is interrupted (Ctrl-C)
or is ended (``SIGTERM``, which the command line turns into an exception while
writing) leaves an earlier file of that name as it was and no temporary file
behind: the temporary file is removed whatever ends the block.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from typing import BinaryIO, TextIO

__all__ = ["binary_output", "file_mode", "text_output"]


@contextlib.contextmanager
def text_output(output: str | None, *, bom: bool = False) -> Iterator[TextIO]:
    """A UTF-8 stream to stdout (``output`` None), or to the file ``output`` atomically.

    ``bom`` starts the file with a byte-order mark (CSV for Excel); newlines are
    written as given. Stdout is flushed at the end, never closed.
    """
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    with (
        _atomic_file(output) as handle,
        os.fdopen(handle, "w", encoding=encoding, newline="") as stream,
    ):
        yield stream


@contextlib.contextmanager
def binary_output(output: str, *, suffix: str = "") -> Iterator[BinaryIO]:
    """A binary stream to the file ``output``, written atomically as :func:`text_output` does.

    ``suffix`` ends the temporary file's name (``.xlsx``), for whoever looks in the folder.
    """
    with _atomic_file(output, suffix) as handle, os.fdopen(handle, "wb") as stream:
        yield stream


@contextlib.contextmanager
def _atomic_file(output: str, suffix: str = "") -> Iterator[int]:
    """A descriptor of a temporary file beside ``output``, renamed into place at the end.

    The caller closes the descriptor inside the block; the rename comes after.
    """
    folder = os.path.dirname(os.path.abspath(output))
    handle, temporary = tempfile.mkstemp(prefix=".evaluate-", suffix=suffix, dir=folder)
    try:
        yield handle
        # mkstemp makes the file private (0600); a result file gets the usual mode
        os.chmod(temporary, file_mode(output))
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def file_mode(path: str) -> int:
    """The mode for a file written at ``path``: the existing file's, else 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

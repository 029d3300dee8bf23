"""Reading input files as text: size cap first, then a strict UTF-8 decode.

We accept UTF-8 with or without a byte-order mark, and any line ends. Files
in GBK/GB18030 (what Chinese Excel and Notepad often save) are refused with the
command that converts them, rather than guessed at: a legacy-encoding guess can
succeed on bytes that were never GBK and silently corrupt unit names and ids,
which an evaluator would then publish.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "FileProblem", "TextFile", "display_path", "read_text"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Default size cap per input file (64 MiB); ``--max-file-size`` changes it."""

_BOM = b"\xef\xbb\xbf"


class FileProblem(Exception):
    """A file that cannot be read or parsed; ``line`` and ``column`` when known."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class TextFile:
    """A file's text (BOM removed, line ends normalised) and the sha256 of its bytes."""

    text: str
    sha256: str


def display_path(path: str) -> str:
    """``path`` relative to the current folder when it lies inside it, else unchanged.

    Messages and results name files this way, so they do not depend on where
    an evaluation folder happens to be checked out.
    """
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read ``path`` as UTF-8 text, refusing oversized and non-UTF-8 files."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise FileProblem(f"cannot read file: {exc.strerror}") from None
    if size > max_bytes:
        raise FileProblem(
            f"file is {size:,} bytes, over the limit of {max_bytes:,}; "
            "split it, or raise the limit with --max-file-size"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FileProblem(f"cannot read file: {exc.strerror}") from None
    if len(data) > max_bytes:  # grew after the size check
        raise FileProblem(f"file is over the limit of {max_bytes:,} bytes")
    digest = hashlib.sha256(data).hexdigest()
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line, column = _line_and_column(data, offset)
        raise FileProblem(_encoding_advice(body, path), line, column) from None
    if "\x00" in text:
        raise FileProblem("file contains NUL bytes; it is not a text file (UTF-16?)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(text, digest)


def _encoding_advice(body: bytes, path: str) -> str:
    try:
        body.decode("gb18030")
    except UnicodeDecodeError:
        return "file is not UTF-8 text; save it as UTF-8"
    return (
        "file is not UTF-8 but decodes as GBK/GB18030 (the usual encoding of Chinese "
        "Windows programs); convert it, e.g. "
        f"`iconv -f GB18030 -t UTF-8 {path} > converted && mv converted {path}`, "
        "or in Excel save as 'CSV UTF-8'"
    )

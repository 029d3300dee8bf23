"""Reading input files: size cap first, then a strict UTF-8 decode for text.

We accept UTF-8 with or without a byte-order mark, and any line ends. YAML files
in GBK/GB18030 (what Chinese Excel and Notepad often save) are refused with the
command that converts them, rather than guessed at: a legacy-encoding guess can
succeed on bytes that were never GBK and silently corrupt unit names and ids,
which an evaluator would then publish. CSV record files, which Excel saves in
GBK on Chinese Windows, are read in GB18030 with a warning naming the file
(:mod:`evaluator._inputs.csv_records`), using the helpers here.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator._core.model import InputError, Location, Message

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FileBytes",
    "FileProblem",
    "TextFile",
    "decodes_as_gb18030",
    "first_non_utf8",
    "not_utf8",
    "read_bytes",
    "read_text",
    "resolve_reference",
]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Default size cap per input file (64 MiB); ``--max-file-size`` changes it."""

_BOM = b"\xef\xbb\xbf"


class FileProblem(Exception):
    """A file that cannot be read or parsed: a message code and its params, where known.

    ``line`` and ``column`` are 1-based, 0 when unknown. :meth:`error` gives the
    :class:`~evaluator._core.model.InputError` users read, located in a shown path.
    """

    def __init__(
        self, code: str, params: Mapping[str, Any] | None = None, line: int = 0, column: int = 0
    ) -> None:
        self.code = code
        self.params: Mapping[str, Any] = dict(params or {})
        self.line = line
        self.column = column
        super().__init__(f"{code}: {self.message}")

    @property
    def message(self) -> str:
        """The problem in Chinese."""
        return self.text()

    def text(self, lang: str = "zh") -> str:
        """The problem in ``lang``."""
        return Message(self.code, self.params).text(lang)

    def error(self, shown: str) -> InputError:
        """The problem as an input error in the file shown as ``shown``.

        A ``path`` in the params (what a conversion command names) becomes the
        shown path, so messages never carry where an evaluation happens to be.
        """
        params = {**self.params, "path": shown} if "path" in self.params else self.params
        return InputError(Location(shown, self.line, self.column), self.code, params)


@dataclass(frozen=True)
class TextFile:
    """A file's text (BOM removed, line ends normalised) and the sha256 of its bytes.

    ``links`` is the file's hard-link count: above 1, the same bytes also sit
    under another name, perhaps in another unit's folder.
    """

    text: str
    sha256: str
    links: int = 1


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


@dataclass(frozen=True)
class FileBytes:
    """A file's bytes (at most the size cap), their sha256 and the file's hard-link count."""

    data: bytes
    sha256: str
    links: int = 1


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> FileBytes:
    """Read ``path`` whole, refusing what is not a regular file or is over ``max_bytes``."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise FileProblem("file.unreadable", {"reason": exc.strerror or str(exc)}) from None
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block the run forever
        raise FileProblem("file.not_regular")
    size = status.st_size
    if size > max_bytes:
        raise FileProblem("file.too_large", {"size": size, "limit": max_bytes})
    try:
        with open(path, "rb") as handle:
            # the size it had, and one byte more: read(max_bytes + 1) would allocate the
            # whole cap (64 MiB) for every file, ~0.2 ms each; a file that grew is read on
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise FileProblem("file.unreadable", {"reason": exc.strerror or str(exc)}) from None
    if len(data) > max_bytes:  # grew after the size check
        raise FileProblem("file.too_large", {"size": len(data), "limit": max_bytes})
    return FileBytes(data, hashlib.sha256(data).hexdigest(), status.st_nlink)


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read ``path`` as UTF-8 text, refusing oversized and non-UTF-8 files."""
    raw = read_bytes(path, max_bytes)
    data = raw.data
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc.start + (len(data) - len(body)), path) from None
    if "\x00" in text:
        raise FileProblem("file.nul_bytes")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(text, raw.sha256, raw.links)


def first_non_utf8(data: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8 (a BOM allowed), or ``None``.

    Decoded a slice at a time, so a big file is never held twice as text.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    for start in range(0, len(data), step):
        try:
            decoder.decode(data[start : start + step], final=start + step >= len(data))
        except UnicodeDecodeError as exc:
            return start + exc.start - len(decoder.getstate()[0])
    return None


def decodes_as_gb18030(data: bytes) -> bool:
    """Whether ``data`` is valid GB18030 (which includes GBK), checked a slice at a time."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    step = 1 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start : start + step], final=start + step >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def not_utf8(data: bytes, offset: int, path: str) -> FileProblem:
    """The problem of a file not in UTF-8 at ``offset``: GBK (with a conversion hint) or other."""
    line, column = _line_and_column(data, offset)
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    return FileProblem(_encoding_problem(body), {"path": path}, line, column)


def resolve_reference(reference: str, folder: str) -> str:
    """The real path of a file a submission names, which must lie inside ``folder``."""
    if any(ord(c) < 0x20 or c == "\x7f" for c in reference):  # NUL, newline ...: no real name
        raise FileProblem("reference.bad_name", {"reference": repr(reference)})
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", reference):  # s3://, https://: never read
        raise FileProblem("reference.url", {"reference": reference})
    if os.path.isabs(reference) or reference.startswith(("\\", "/")) or ":" in reference:
        raise FileProblem("reference.absolute", {"reference": reference})
    parts = re.split(r"[\\/]", reference)
    if ".." in parts:
        raise FileProblem("reference.parent", {"reference": reference})
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(folder, reference))
    if os.path.commonpath([root, target]) != root:
        raise FileProblem("reference.outside", {"reference": reference})
    if not os.path.isfile(target):
        raise FileProblem("reference.missing", {"reference": reference})
    return target


def _encoding_problem(body: bytes) -> str:
    """The code for text that is not UTF-8: GBK/GB18030 (with a conversion hint) or other."""
    try:
        body.decode("gb18030")
    except UnicodeDecodeError:
        return "file.not_utf8"
    return "file.gbk"

"""A firm's letterhead (``brand``): from ``scheme.yaml``, or from ``--brand FILE``.

The mapping names the firm, a contact line and a logo file, whose path is relative
to the file that names it. The logo is read here, once: a PNG, JPEG or SVG image
(known by its content, not its name) of at most :data:`LOGO_LIMIT` bytes, which the
pages embed as a ``data:`` URI and the workbook as an image, so nothing is ever
fetched. ``--brand FILE`` is validated with the same JSON Schema as the scheme's
``brand`` (``evaluator/schemas/scheme.json``).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Mapping
from typing import Any

from evaluator._core.model import Brand, InputError, Location
from evaluator._reading.files import FileProblem, read_text
from evaluator._reading.validation import convert, validate
from evaluator._reading.yaml_reader import read_yaml

__all__ = ["LOGO_LIMIT", "brand_from", "image_size", "read_brand"]

LOGO_LIMIT = 512 * 1024
"""The largest logo, in bytes: it is embedded in every page written."""

Locate = Callable[[tuple[str | int, ...]], Location]


def brand_from(
    data: Mapping[str, Any], base: str, locate: Locate
) -> tuple[Brand | None, list[InputError]]:
    """The brand ``data`` (a validated ``brand`` mapping) names, its logo read from beside
    ``base`` (the folder of the file naming it); errors located by ``locate`` (a path in
    ``data`` to a location)."""
    name = data.get("logo")
    logo = kind = None
    if name is not None:
        path = os.path.join(base, name)
        params: dict[str, Any] = {"file": path}
        code = None
        if not os.path.isfile(path):
            code = "brand.logo_missing"
        elif os.path.getsize(path) > LOGO_LIMIT:
            code = "brand.logo_too_large"
            params |= {"size": os.path.getsize(path), "limit": LOGO_LIMIT}
        else:
            with open(path, "rb") as handle:
                logo = handle.read()
            kind = _image_type(logo)
            extension = os.path.splitext(name)[1].lower()
            if kind is None or extension.lstrip(".").replace("jpg", "jpeg") != kind:
                code = "brand.logo_type"
                params["extension"] = extension
        if code is not None:
            return None, [InputError(locate(("logo",)), code, params)]
    return Brand(data["firm"], data.get("contact"), logo, kind), []


def read_brand(path: str, schema: Mapping[str, Any]) -> tuple[Brand | None, list[InputError]]:
    """The brand of ``--brand FILE``: a YAML mapping validated with ``schema`` (the scheme's
    ``brand``); its errors located in the file."""
    try:
        data, positions = read_yaml(read_text(path).text)
    except FileProblem as exc:
        return None, [exc.error(path)]
    found = validate(data, schema, positions, path)
    if found:
        return None, list(found)

    def locate(where: tuple[str | int, ...]) -> Location:
        _, (line, column) = positions.locate(where)
        return Location(path, line, column)

    return brand_from(convert(data, schema), os.path.dirname(path), locate)


def _image_type(data: bytes) -> str | None:
    """``png``, ``jpeg`` or ``svg`` by the bytes themselves, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and image_size(data, "png"):
        return "png"
    if data.startswith(b"\xff\xd8\xff") and image_size(data, "jpeg"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") and b"<svg" in head:
        return "svg"
    return None


def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height in pixels of a PNG or JPEG image, or None if it does not say."""
    if kind == "png":
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    at = 2
    while at + 9 < len(data):  # JPEG: walk the segments to a start of frame
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return (width, height) if width and height else None
        at += 2 + length
    return None

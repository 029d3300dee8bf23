"""The firm's letterhead on the reports: ``--brand FILE``, else the scheme's ``brand``.

A brand (:class:`~evaluator._core.model.Brand`) names the firm, a contact line and a
logo. Every HTML page shows it at its head (``base.html``'s ``letterhead`` block; the
logo as a ``data:`` URI, so pages stay self-contained), and the workbook's first sheet
above its table, with the firm and the contact line in every sheet's print header and
footer. ``--template DIR`` still replaces the templates: a firm's own ``base.html``
may show ``brand`` or not.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from evaluator._core.model import Brand, Evaluation
from evaluator._core.problems import Refusal

__all__ = ["add_options", "chosen", "load_brand_option", "logo_uri"]

_MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def add_options(add: Callable[..., Any]) -> None:
    """``--brand FILE``, added with ``add`` (a parser's ``add_argument``)."""
    add(
        "--brand",
        metavar="FILE",
        help="a YAML file naming the firm whose letterhead the pages and the workbook show "
        "(firm, contact, logo: a PNG, JPEG or SVG file relative to FILE); beats the "
        "scheme's brand; see the README",
    )


def load_brand_option(path: str | None) -> Brand | None:
    """The brand ``--brand FILE`` names (None without the option), validated with the
    scheme's schema; a :class:`Refusal` with every located problem if it is unusable."""
    if path is None:
        return None
    from evaluator._scheme.brand import read_brand
    from evaluator._scheme.criteria import packaged_schema

    brand, errors = read_brand(path, packaged_schema("scheme")["properties"]["brand"])
    if brand is None:
        raise Refusal(*errors)
    return brand


def chosen(given: Brand | None, evaluation: Evaluation) -> Brand | None:
    """The brand the reports show: ``--brand``'s (``given``), else the scheme's."""
    return given if given is not None else evaluation.scheme.brand


def logo_uri(brand: Brand | None) -> str | None:
    """The brand's logo as a ``data:`` URI an ``<img>`` shows without fetching anything."""
    if brand is None or brand.logo is None or brand.logo_type is None:
        return None
    encoded = base64.b64encode(brand.logo).decode("ascii")
    return f"data:{_MEDIA[brand.logo_type]};base64,{encoded}"

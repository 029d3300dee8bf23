"""Types of command-line arguments: whole numbers with a floor, a spread of weights.

Each is an ``argparse`` type: it returns the value or raises
:class:`argparse.ArgumentTypeError` with what was expected.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["spread", "whole"]


def whole(least: int | None = None) -> Callable[[str], int]:
    """A type of argument: a whole number, ``least`` or more."""

    def checked(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if least is not None and value < least:
            raise argparse.ArgumentTypeError(f"expected {least} or more, got {value}")
        return value

    return checked


def spread(text: str) -> float:
    """A spread of weights: at least 0 and less than 1 (weights must stay positive)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 0 and less than 1, got {text}")
    return value

"""Which plugins to leave out: ``--disable-plugin`` and the scheme's ``disable_plugins``.

A plugin is named ``NAME`` (every plugin of that name) or ``NAME@WHERE``, one
of them: ``WHERE`` is the distribution an installed plugin comes from
(``website@evaluator``), the module its entry point names
(``website@evaluator_areas.website``) or a file plugin's path
(``budget@plugins/budget.py``). Two installed plugins may share a name; the
second form drops one and keeps the other. Nothing left out is imported.

A name the command line gives that no plugin has is an error (a typo); one the
scheme gives is a warning, since a scheme travels to machines where that
plugin was never installed, and leaving out what is not there is already done.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from evaluator._core.hints import did_you_mean
from evaluator._core.model import Message

__all__ = ["COMMAND_LINE", "Candidate", "Disabling", "SchemeDisabled", "exact"]

COMMAND_LINE = "--disable-plugin"
"""How a plugin left out by the command line was left out, in :attr:`Disabling.why`."""


class Candidate(Protocol):
    """A plugin found, not imported yet (the loader's candidates)."""

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def places(self) -> tuple[str, ...]:
        """What may follow ``NAME@`` to pick it, the most readable first."""
        ...


@dataclass(frozen=True)
class SchemeDisabled:
    """The plugins a scheme leaves out (its ``disable_plugins``), and the scheme's file."""

    path: str
    plugins: tuple[str, ...]


def exact(candidate: Candidate) -> str:
    """The ``--disable-plugin`` argument that drops ``candidate`` and no other plugin."""
    return f"{candidate.name}@{candidate.places[0]}" if candidate.places else candidate.name


def _normal(text: str) -> str:
    """A distribution or module name as packaging compares them (``-``, ``_``, ``.`` alike)."""
    return re.sub(r"[-_.]+", "-", text).lower()


def _names(selector: str, candidate: Candidate) -> bool:
    """Whether ``NAME`` or ``NAME@WHERE`` names ``candidate``."""
    name, at, where = selector.partition("@")
    if name != candidate.name:
        return False
    return not at or any(_same_place(where, place) for place in candidate.places)


def _same_place(where: str, place: str) -> bool:
    """Whether ``WHERE`` is ``place``: a distribution, a module, or a file however written."""
    if where == place or _normal(where) == _normal(place):
        return True
    return os.sep in place and os.path.realpath(where) == os.path.realpath(place)


class Disabling:
    """Plugins to leave out (the command line's, the scheme's), checked against those found."""

    def __init__(self, given: Iterable[str] = (), by_scheme: SchemeDisabled | None = None) -> None:
        self.given = tuple(dict.fromkeys(given))
        self.by_scheme = by_scheme

    def unknown(self, candidates: Sequence[Candidate]) -> tuple[list[Message], list[Message]]:
        """Problems for the command line's names no plugin has, warnings for the scheme's."""
        problems = [
            _unknown("plugin.disable_unknown", s, candidates, {})
            for s in self.given
            if not any(_names(s, c) for c in candidates)
        ]
        scheme = self.by_scheme
        warnings = (
            [
                _unknown("plugin.disable_unknown_in_scheme", s, candidates, {"path": scheme.path})
                for s in scheme.plugins
                if not any(_names(s, c) for c in candidates)
            ]
            if scheme
            else []
        )
        return problems, warnings

    def why(self, candidate: Candidate) -> Message | None:
        """The note saying ``candidate`` is left out and by what, or ``None`` to load it."""
        params = {"plugin": candidate.name, "source": candidate.source}
        if any(_names(s, candidate) for s in self.given):
            return Message("plugin.disabled", params)
        scheme = self.by_scheme
        if scheme and any(_names(s, candidate) for s in scheme.plugins):
            return Message("plugin.disabled_by_scheme", {**params, "path": scheme.path})
        return None


def _unknown(
    code: str, selector: str, candidates: Sequence[Candidate], extra: dict[str, str]
) -> Message:
    """A name no plugin has: the plugins there are (each of this name exactly, if any)."""
    name = selector.partition("@")[0]
    same = [exact(c) for c in candidates if c.name == name]
    known = same or sorted({c.name for c in candidates}) or ["-"]
    params = {"plugin": selector, "known": known, **extra, **did_you_mean(selector, known)}
    return Message(code, params)

"""Which sections the scheme scores that units did not send: ``validate``'s warnings.

A unit that leaves out a section gets no points on the indicators that read
it (``no_data``), and a section no unit sends at all is most often a misspelt
section name or a sheet nobody filled in. Both are legal, so they are
warnings, found from the unit results ``validate`` already computes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from evaluator._core.model import Location, Message, Scheme, UnitResult

__all__ = ["LocatedWarning", "SectionCoverage"]


@dataclass(frozen=True)
class LocatedWarning:
    """A warning about a place in an input file: where, and what (a code and its params)."""

    location: Location
    message: Message

    def located(self, lang: str = "zh") -> str:
        """``path:line:column: text`` in ``lang``."""
        return f"{self.location}: {self.message.text(lang)}"


class SectionCoverage:
    """The sections each unit sent of those the scheme scores, gathered one unit at a time.

    ``reads`` maps each scorer to the section it reads (``None``: the whole
    submission, never missing); ``titles`` each section to its Chinese title.
    """

    def __init__(
        self, scheme: Scheme, reads: Mapping[str, str | None], titles: Mapping[str, str]
    ) -> None:
        self.scheme = scheme
        self.titles = titles
        self._read_by = {
            i.id: (i.dimension, section)
            for i in scheme.indicators()
            if (section := reads.get(i.scorer)) is not None
        }
        self._sent: set[tuple[str, str]] = set()
        self._units = 0

    def add(self, result: UnitResult) -> tuple[Message, ...]:
        """Count one unit's result in; a warning for each scored section the unit did not send.

        Only indicators that apply to the unit's kind are in its result, so a
        section scored for other kinds only is never asked of it.
        """
        self._units += 1
        missing: dict[str, list[str]] = {}
        for indicator in result.indicators:
            read = self._read_by.get(indicator.id)
            if read is None:
                continue
            if indicator.status == "no_data":
                missing.setdefault(read[1], []).append(indicator.id)
            else:
                self._sent.add(read)
        return tuple(
            Message(
                "validate.section_missing",
                {"section": section, "title": self._title(section), "indicators": ids},
            )
            for section, ids in missing.items()
        )

    def unsent(self) -> tuple[LocatedWarning, ...]:
        """A warning for each section a dimension scores that no unit counted in sent.

        Located at the dimension's entry in ``scheme.yaml``. None when no unit
        was counted in: then every unit is invalid, and says why.
        """
        if not self._units:
            return ()
        found: list[LocatedWarning] = []
        for dimension in self.scheme.dimensions:
            sections = dict.fromkeys(
                self._read_by[i.id][1] for i in dimension.indicators if i.id in self._read_by
            )
            where = dimension.location or Location(
                os.path.join(self.scheme.directory, "scheme.yaml")
            )
            for section in sections:
                if (dimension.id, section) in self._sent:
                    continue
                params = {
                    "dimension": dimension.id,
                    "name": dimension.name,
                    "section": section,
                    "title": self._title(section),
                }
                found.append(LocatedWarning(where, Message("validate.section_unsent", params)))
        return tuple(found)

    def _title(self, section: str) -> str:
        return self.titles.get(section) or section

"""Records as submitted: ids and addresses compared as people read them, and repeated records.

A unit could make one record count twice by writing its id with an invisible
difference (a zero-width space, a trailing space, full-width letters, another
case) or its address with an empty query or a fragment. These helpers compare
ids and addresses after normalising them, find the copies of each record, and
pick, among copies, the one that costs the unit most (the conservative
reading: a copy can never help).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

R = TypeVar("R", bound=Mapping[str, Any])
T = TypeVar("T")

_INVISIBLE = frozenset({"Cc", "Cf"})  # control and format characters (zero-width ones included)


def _visible_only(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)


@functools.lru_cache(maxsize=65536)  # names of items and columns recur in every unit
def normalise_id(value: str) -> str:
    """An id as people read it: NFKC, no invisible characters, no outer spaces, case-folded.

    ``"ＡＢ-１"``, ``"ab-1\\u200b"``, ``" AB-1 "`` all give ``"ab-1"``. Control
    characters (category Cc) and format characters (Cf: zero-width spaces and
    joiners, the byte-order mark, soft hyphens) are dropped, full-width and
    other compatibility forms become their plain form (NFKC), spaces at either
    end go, and case is folded. Inner spaces stay.
    """
    if value.isascii() and value.isprintable():
        return value.strip().lower()  # NFKC is the identity on printable ASCII
    text = unicodedata.normalize("NFKC", _visible_only(value)).strip().casefold()
    return unicodedata.normalize("NFKC", text)


# Printable ASCII (what ``str.isprintable`` passes of ASCII) and the line feed that joins ids
_PRINTABLE_OR_LF = bytes(range(0x20, 0x7F)) + b"\n"


def normalised_ids(values: Sequence[str]) -> list[str]:
    """:func:`normalise_id` of each value; plain ASCII ids cost one pass over their joined text."""
    joined = "\n".join(values)
    plain = joined.isascii() and joined.count("\n") == len(values) - 1
    # printable but for the line feeds: nothing left once they and printable ASCII are deleted
    if plain and not joined.encode("ascii").translate(None, _PRINTABLE_OR_LF):
        lowered = joined.lower()
        spaced = " \n" in joined or "\n " in joined or joined[:1] == " " or joined[-1:] == " "
        if lowered == joined and not spaced:  # already as people read them: no copy needed
            return list(values)
        keys = lowered.split("\n") if values else []
        return [key.strip() for key in keys] if spaced else keys
    return [normalise_id(value) for value in values]


def normalise_url(value: str) -> str:
    """An address as a browser resolves it: no fragment, no empty query, lower-case scheme and host.

    ``http://X.gov.cn/a.html#top``, ``http://x.gov.cn/a.html?`` and
    ``http://x.gov.cn/a.html??`` are all ``http://x.gov.cn/a.html``; a real
    query stays (``?id=1`` and ``?id=2`` differ), and so does the path's case.
    Invisible characters and outer spaces are dropped and compatibility forms
    made plain (NFKC), as in :func:`normalise_id`.
    """
    text = value if value.isascii() and value.isprintable() else _visible_only(value)
    text = unicodedata.normalize("NFKC", text).strip().split("#", 1)[0]
    base, mark, query = text.partition("?")
    if mark and not query.strip("?&"):
        text = base
    scheme, separator, rest = text.partition("://")
    if separator:
        host, slash, path = rest.partition("/")
        text = f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return text


def visible(value: str) -> str:
    """``value`` with invisible characters and outer spaces shown as ``\\uXXXX`` escapes.

    For findings that name two ids a reader would otherwise see as equal.
    """

    def shown(index: int, char: str) -> str:
        hidden = unicodedata.category(char) in _INVISIBLE or (
            char.isspace() and (char != " " or index in (0, len(value) - 1))
        )
        return f"\\u{ord(char):04x}" if hidden else char

    return "".join(shown(i, c) for i, c in enumerate(value))


@dataclass(frozen=True)
class Copies:
    """Where records repeat a key: each repeated key's positions, first position first.

    ``groups`` maps the first position of a repeated key to all its positions;
    ``later`` holds every position after the first of its key, so a loop over
    the records skips them and judges each group once at its first position.
    """

    groups: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    later: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.groups)


NO_COPIES = Copies()


def find_copies(keys: Sequence[Hashable]) -> Copies:
    """The positions of every key that occurs more than once (:data:`NO_COPIES` when all differ).

    Give normalised keys (:func:`normalised_ids`) to catch invisible differences.
    """
    if len(set(keys)) == len(keys):
        return NO_COPIES
    positions: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        positions.setdefault(key, []).append(index)
    groups = {p[0]: tuple(p) for p in positions.values() if len(p) > 1}
    later = frozenset(i for p in groups.values() for i in p[1:])
    return Copies(groups, later)


def worst(verdicts: Sequence[T], severity: Callable[[T], Any]) -> int:
    """The position of the verdict that costs most (highest ``severity``; the first of equals).

    Duplicates are judged conservatively: of a record's copies, the worst
    counts, so adding a copy never helps. A severity that ranks failing above
    not judged above passing keeps that true for shares of judged records too.
    """
    best = 0
    top = severity(verdicts[0])
    for index in range(1, len(verdicts)):
        level = severity(verdicts[index])
        if level > top:
            best, top = index, level
    return best


def same_content(keys: Sequence[Hashable], ids: Sequence[str]) -> list[tuple[str, ...]]:
    """Groups of distinct ids whose records have equal content keys, in order of first appearance.

    ``keys[i]`` is what record ``i`` says besides its id (say, its dates and
    outcome); ``ids[i]`` its id. Ids that normalise alike are copies, not
    separate records, and are not listed again here.
    """
    if len(set(keys)) == len(keys):
        return []
    by_key: dict[Hashable, list[str]] = {}
    for key, rid in zip(keys, ids, strict=True):
        by_key.setdefault(key, []).append(rid)
    groups: list[tuple[str, ...]] = []
    for found in by_key.values():
        if len(found) > 1:
            distinct: dict[str, str] = {}
            for rid in found:
                distinct.setdefault(normalise_id(rid), rid)
            if len(distinct) > 1:
                groups.append(tuple(distinct.values()))
    return groups

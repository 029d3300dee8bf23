"""Making text that units wrote safe to show: one place for every output form.

Unit names, ids, record ids and file names come from the units being graded,
who may write anything into them. Before any of it is printed or saved:

- :func:`display_text` removes control characters (newlines and tabs included,
  which would forge table rows and error lines; ANSI escapes, which would
  rewrite a terminal) and bidirectional-override characters (which reorder
  what a reader sees), and cuts overlong text;
- :func:`spreadsheet_cell` also neutralises formulas: a text cell starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what Excel,
  WPS and LibreOffice run as a formula (OWASP's rule for CSV injection), so it
  gets a leading apostrophe; numbers stay numbers. Every spreadsheet writer
  (CSV made for Excel, XLSX) passes text cells through it;
- :func:`markdown_cell` escapes what markdown would turn into markup (table
  pipes, HTML tags, links, emphasis).

HTML is escaped by the templates (Jinja2 autoescaping) after
:func:`display_text`.
"""

from __future__ import annotations

import re

__all__ = [
    "FORMULA_STARTS",
    "MAX_SHOWN",
    "display_text",
    "markdown_cell",
    "spreadsheet_cell",
]

MAX_SHOWN = 200
"""Longest text shown in a cell; longer text is cut with an ellipsis."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that spreadsheets read as a formula (OWASP, CSV injection)."""

# C0 and C1 controls (tab and newlines included: they would break a row), DEL,
# the bidirectional embeddings, overrides and isolates, zero-width characters
# and the BOM, line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def display_text(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` on one line with no hidden or direction-changing characters, at most ``limit``.

    Runs of such characters become one space (a name split over two lines
    stays readable); the result is stripped.
    """
    shown = _HIDDEN.sub(" ", text).strip()
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


def spreadsheet_cell(text: str, limit: int = MAX_SHOWN) -> str:
    """:func:`display_text`, then a leading apostrophe if a spreadsheet would run it.

    A number written as text (``-3``, ``+1.5``) is left as it is: it is a value,
    not a formula, and tables show negative changes.
    """
    shown = display_text(text, limit)
    if shown.startswith(FORMULA_STARTS) and not _NUMBER.match(shown):
        return "'" + shown
    return shown


def markdown_cell(text: str, limit: int = MAX_SHOWN) -> str:
    """:func:`display_text` with markdown's special characters backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", display_text(text, limit))

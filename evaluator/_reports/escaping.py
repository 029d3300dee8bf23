"""Making text that units wrote safe to show: one place for every output form.

Unit names, ids, record ids and file names come from the units being graded,
who may write anything into them. Before any of it is printed or saved:

- :func:`display_text` removes control characters (newlines and tabs included,
  which would forge table rows and error lines; ANSI escape sequences whole,
  which would rewrite a terminal) and bidirectional-override characters (which reorder
  what a reader sees), and cuts overlong text;
- :func:`spreadsheet_cell` also neutralises formulas: a text cell starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what Excel,
  WPS and LibreOffice run as a formula (OWASP's rule for CSV injection), so it
  gets a leading apostrophe; numbers stay numbers. Every spreadsheet writer
  (CSV made for Excel, XLSX) passes text cells through it;
- :func:`markdown_cell` escapes what markdown would turn into markup (table
  pipes, HTML tags and entities, links and the bare addresses GitHub's markdown
  turns into links, code spans, emphasis), so that it reads as written;
- :func:`markdown_code` puts text in a code span that its own backticks cannot end.

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
    "markdown_code",
    "spreadsheet_cell",
]

MAX_SHOWN = 200
"""Longest text shown in a cell; longer text is cut with an ellipsis."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that spreadsheets read as a formula (OWASP, CSV injection)."""

# C0 and C1 controls (tab and newlines included: they would break a row), DEL,
# the bidirectional embeddings, overrides and isolates, zero-width characters
# and the BOM, line and paragraph separators.
# Terminal escape sequences (CSI such as ``ESC[2J``, OSC such as a title or a
# hyperlink) go whole, not just their ESC, so nothing of them is left to read.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]"
)
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")
# Markdown's punctuation that starts markup; ``_`` only at a word's edge (inside
# a word it never emphasises, and ids such as ``received_on`` stay readable);
# ``:`` in ``scheme://``, which GitHub's markdown turns into a link.
_MARKDOWN = re.compile(r"[\\`*\[\]<>#|~&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|(?<=[A-Za-z]):(?=//)")
# ``www.`` starts an autolink in GitHub's markdown; an ``@`` between word
# characters an e-mail link (escaping the ``@`` does not stop it: a zero-width
# space after it does, and shows nothing)
_WWW = re.compile(r"(?i)\b(www)\.")
_AT = re.compile(r"@(?=[0-9A-Za-z])")


def display_text(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` on one line with no hidden or direction-changing characters, at most ``limit``.

    Runs of such characters become one space (a name split over two lines
    stays readable); the result is stripped.
    """
    shown = _HIDDEN.sub(" ", _ESCAPES.sub("", text)).strip()
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
    """:func:`display_text` with markdown's special characters backslash-escaped.

    Rendered (CommonMark, GitHub's tables and autolinks) it shows the text as
    written: no table cell ends early, no tag, entity, link, image or emphasis.
    """
    escaped = _MARKDOWN.sub(lambda m: "\\" + m.group(0), display_text(text, limit))
    return _AT.sub("@&#8203;", _WWW.sub(r"\1\\.", escaped))


def markdown_code(text: str, limit: int = MAX_SHOWN) -> str:
    """:func:`display_text` as a markdown code span (CommonMark: a longer fence when needed).

    Pipes are escaped too: GitHub's tables split cells at ``|`` even in code spans.
    """
    shown = display_text(text, limit).replace("|", "\\|")
    runs = [len(run) for run in re.findall("`+", shown)]
    fence = "`" * (max(runs, default=0) + 1)
    padded = f" {shown} " if shown.startswith("`") or shown.endswith("`") else shown
    return f"{fence}{padded}{fence}"

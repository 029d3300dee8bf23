"""Turn a guide's marked steps into a shell script, so that the guide is tested as written.

A fenced block right after one of these HTML comments is a step:

- ``<!-- run -->``: the shell commands, as they are;
- ``<!-- run: ci -->``: the same, but only with ``--all`` (steps that install
  packages: CI runs them in a fresh virtual environment);
- ``<!-- file: PATH -->``: write the block to ``PATH`` (relative to the folder
  the steps have reached);
- ``<!-- append: PATH -->``: add the block at the end of ``PATH``.

``python scripts/doc_commands.py docs/plugins.md [--all] | bash -euxo pipefail``
follows the guide from the current folder. Nothing but the standard library.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

STEP = re.compile(r"<!-- (run|run: ci|file: (?P<file>\S+)|append: (?P<append>\S+)) -->")
FENCE = re.compile(r"```\w*\n(?P<body>.*?)```", re.DOTALL)


def steps(text: str) -> Iterator[tuple[str, str | None, str]]:
    """Each marked step: its kind (``run``, ``ci``, ``file``, ``append``), its path, its block."""
    for mark in STEP.finditer(text):
        block = FENCE.match(text, mark.end() + 1)
        if block is None:
            raise ValueError(f"no fenced block right after {mark.group(0)}")
        if mark.group("file"):
            yield "file", mark.group("file"), block.group("body")
        elif mark.group("append"):
            yield "append", mark.group("append"), block.group("body")
        else:
            yield ("ci" if mark.group(1) == "run: ci" else "run"), None, block.group("body")


def script(text: str, *, everything: bool) -> str:
    """The shell script of the guide's steps (``ci`` steps only with ``everything``)."""
    lines: list[str] = []
    for number, (kind, path, body) in enumerate(steps(text), start=1):
        if kind == "ci" and not everything:
            continue
        lines.append(f"# step {number}: {kind}" + (f" {path}" if path else ""))
        if kind in ("run", "ci"):
            lines.append(body.rstrip("\n"))
            continue
        assert path is not None
        quoted = shlex.quote(path)
        lines.append(f'mkdir -p "$(dirname {quoted})"')
        redirect = ">" if kind == "file" else ">>"
        lines.append(f"cat {redirect} {quoted} <<'GUIDE_BLOCK_END'\n{body}GUIDE_BLOCK_END")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("guide", type=Path, help="the Markdown file")
    parser.add_argument("--all", action="store_true", help="include the `run: ci` steps")
    args = parser.parse_args(argv)
    sys.stdout.write(script(args.guide.read_text(encoding="utf-8"), everything=args.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())

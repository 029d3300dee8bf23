"""A whole evaluation in a folder, run as ``evaluate`` runs it: :class:`EvaluationFolder`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evaluator.testing._kit import DEFAULT_UNIT_TYPES, _as_written

__all__ = ["Completed", "EvaluationFolder", "Results"]


@dataclass(frozen=True)
class Completed:
    """What one ``evaluate`` command did: its exit status and output."""

    status: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Results:
    """A run's exit status and its results, parsed from ``--format json``.

    ``document`` is the whole results document (empty when the run stopped
    before scoring, exit status 2: then ``stderr`` says why).
    """

    status: int
    document: Mapping[str, Any]
    stderr: str

    @property
    def units(self) -> list[Mapping[str, Any]]:
        """Every scored unit, in the results' order."""
        return list(self.document.get("units", []))

    @property
    def errors(self) -> list[Mapping[str, Any]]:
        """Submissions that could not be read, each with its location and code."""
        return list(self.document.get("errors", []))

    @property
    def warnings(self) -> list[Mapping[str, Any]]:
        """The run's warnings, each with its code."""
        return list(self.document.get("warnings", []))

    def unit(self, unit_id: str) -> Mapping[str, Any]:
        """The results of one unit; a ``KeyError`` names the scored ones."""
        for unit in self.units:
            if unit["id"] == unit_id:
                return dict(unit)
        known = ", ".join(u["id"] for u in self.units) or "none"
        raise KeyError(f"no unit {unit_id!r} was scored (scored: {known}); stderr: {self.stderr}")

    def indicator(self, unit_id: str, indicator_id: str) -> Mapping[str, Any]:
        """One unit's result on one indicator (points, max, status, findings)."""
        unit = self.unit(unit_id)
        for indicator in unit["indicators"]:
            if indicator["id"] == indicator_id:
                return dict(indicator)
        known = ", ".join(i["id"] for i in unit["indicators"])
        raise KeyError(f"unit {unit_id!r} has no indicator {indicator_id!r} (has: {known})")

    def codes(self, unit_id: str, indicator_id: str | None = None) -> list[str]:
        """The finding codes of one unit (or one of its indicators), in order."""
        indicators = (
            [self.indicator(unit_id, indicator_id)]
            if indicator_id is not None
            else self.unit(unit_id)["indicators"]
        )
        return [f["code"] for i in indicators for f in i["findings"]]


class EvaluationFolder:
    """A temporary evaluation folder (``criteria/``, ``submissions/``, ``plugins/``) and its runs.

    Write the criteria with :meth:`dimension` (and :meth:`scheme` for anything
    but the defaults), units with :meth:`unit`, file plugins with
    :meth:`plugin`, or take a whole folder with :meth:`copy`; then :meth:`run`
    scores it with the command itself, in this process, and returns the
    parsed results. Installed plugins (entry points) load as in any run.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._scheme: dict[str, Any] = {}
        self._dimensions: list[dict[str, Any]] = []

    @property
    def criteria(self) -> Path:
        """The criteria folder (``scheme.yaml`` and the dimension files)."""
        return self.path / "criteria"

    @property
    def submissions(self) -> Path:
        """The submissions folder, one entry per unit."""
        return self.path / "submissions"

    def write(self, relative: str, content: str | Mapping[str, Any] | Sequence[Any]) -> Path:
        """Write a file in the folder: text as it is, data as YAML (dates in ISO form)."""
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(content, str):
            content = yaml.safe_dump(_as_written(content), allow_unicode=True, sort_keys=False)
        target.write_text(content, encoding="utf-8")
        return target

    def scheme(self, **fields: Any) -> Path:
        """Set ``scheme.yaml`` fields over the defaults (``year``, ``unit_types``, ``grades``)."""
        self._scheme.update(fields)
        return self._write_scheme()

    def dimension(
        self,
        dimension_id: str,
        indicators: Sequence[Mapping[str, Any]],
        *,
        name: str | None = None,
        weight: Mapping[str, float] | None = None,
    ) -> Path:
        """Write ``criteria/<id>.yaml`` with ``indicators`` and add it to the scheme.

        Each indicator is written as the criteria write it: ``{"id", "name",
        "scorer", "points", "params", ...}``. ``weight`` per unit kind (default 1 each).
        """
        self._dimensions = [d for d in self._dimensions if d["id"] != dimension_id]
        entry: dict[str, Any] = {"id": dimension_id, "file": f"{dimension_id}.yaml"}
        if weight is not None:
            entry["weight"] = dict(weight)
        self._dimensions.append(entry)
        body = {"id": dimension_id, "name": name or dimension_id, "indicators": list(indicators)}
        path = self.write(f"criteria/{dimension_id}.yaml", body)
        self._write_scheme()
        return path

    def unit(
        self,
        unit_id: str,
        sections: Mapping[str, Any] | None = None,
        *,
        type: str = "bureau",
        name: str | None = None,
    ) -> Path:
        """Write ``submissions/<id>.yaml``: the ``unit`` block and ``sections`` as given."""
        body = {"unit": {"id": unit_id, "name": name or unit_id, "type": type}}
        return self.write(f"submissions/{unit_id}.yaml", {**body, **(sections or {})})

    def plugin(self, source: str | os.PathLike[str], text: str | None = None) -> Path:
        """Add a file plugin: copy the file ``source``, or write ``text`` as ``plugins/NAME.py``.

        Installed plugins need no adding: they load as in any run.
        """
        folder = self.path / "plugins"
        folder.mkdir(exist_ok=True)
        if text is None:
            target = folder / Path(source).name
            shutil.copyfile(source, target)
            return target
        return self.write(f"plugins/{source}.py", text)

    def copy(self, folder: str | os.PathLike[str]) -> None:
        """Copy an existing evaluation folder's ``criteria/``, ``submissions/`` and ``plugins/``."""
        for part in ("criteria", "submissions", "plugins"):
            source = Path(folder) / part
            if source.is_dir():
                shutil.copytree(source, self.path / part, dirs_exist_ok=True)

    def cli(self, *args: str) -> Completed:
        """Run ``evaluate ARGS`` in the folder, in this process; status and output."""
        from evaluator.cli import main

        out, err = io.StringIO(), io.StringIO()
        with _inside(self.path), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as exc:  # usage failures and argparse exit directly
                status = exc.code if isinstance(exc.code, int) else 1
        return Completed(status, out.getvalue(), err.getvalue())

    def run(self, *args: str, lang: str = "en", entry_points: bool = True) -> Results:
        """Score the folder (``evaluate submissions --format json``) and parse the results.

        ``args`` are more options (``--disable-plugin NAME`` ...); messages are in
        ``lang``. ``entry_points=False`` leaves out installed plugins, the
        built-in areas included.
        """
        command = ["submissions", "--format", "json", "--no-progress", "--lang", lang, *args]
        if not entry_points:
            command.append("--no-entry-points")
        done = self.cli(*command)
        document = json.loads(done.stdout) if done.stdout.strip() else {}
        return Results(done.status, document, done.stderr)

    def _write_scheme(self) -> Path:
        kinds = self._scheme.get("unit_types", dict(DEFAULT_UNIT_TYPES))
        dimensions = [
            {**d, "weight": d.get("weight", dict.fromkeys(kinds, 1))} for d in self._dimensions
        ]
        scheme = {
            "id": "test",
            "name": "测试方案",
            "version": "1",
            "year": 2016,
            "as_of": "2017-01-10",
            "regime": "ogi-2008",
            "precision": 2,
            "unit_types": kinds,
            "dimensions": dimensions,
            "grades": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
            **self._scheme,
        }
        return self.write("criteria/scheme.yaml", scheme)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """In ``folder`` for the block; the working folder and SIGTERM's handler as before after."""
    here = os.getcwd()
    handler = signal.getsignal(signal.SIGTERM)
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)
        with contextlib.suppress(ValueError):  # not the main thread: the command set none
            signal.signal(signal.SIGTERM, handler)

"""What ``evaluate init DIR`` writes: a new evaluation folder to start from.

The default scheme and one example unit per kind ship with the built-in
areas, in the package ``evaluator_areas``: in a wheel, the repository's
``criteria/`` folder is package data ``evaluator_areas/scheme/`` (mapped at
build time, see ``pyproject.toml``) and the example units are
``evaluator_areas/examples/``; in a clone installed with ``pip install -e .``
the package is the repository's ``plugins/`` folder, and the scheme is the
``criteria/`` folder beside it.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["StarterError", "write_starter"]

_SHIPPED = (".yaml", ".yml", ".md")

README = """\
# 评估文件夹 / An evaluation folder

由 `evaluate init` 生成。Written by `evaluate init`.

- `criteria/`：指标体系，默认方案的副本，可修改 / the indicator system: a copy of the
  default scheme, yours to change
- `submissions/`：每个被评估单位一个文件；两个示例单位是虚构的 / one entry per unit;
  the two example units are invented
- `plugins/`：自己的评分插件（*.py，可选）/ your own scorer plugins (*.py, optional)

```sh
evaluate validate submissions/        # 检查 / check every file
evaluate submissions/                 # 评分排名 / score and rank
evaluate submissions/ --detail        # 加扣分明细 / with each unit's lost points
evaluate submissions/ -o 评估结果.xlsx  # 工作簿 / a workbook
evaluate schema submission > submission.schema.json   # 编辑器校验 / for editors
```
"""


FACTS = """\
# 评估方自行核实的事实 / Facts the evaluator establishes, not the units
# (`evaluate schema facts` lists them).
#
# checked_on（检查日期）：评估方检查该单位网站的日期；未写时取方案的 as_of。
#   the day the evaluator checked the unit's website; the scheme's as_of if not given.
# enquiry_channel（网上咨询建言渠道）：评估方是否找到可用的网上咨询建言渠道。
#   whether the evaluator found a working online enquiry channel.
defaults:
  enquiry_channel: true
units: {}
#  xc-example: {checked_on: 2017-01-09, enquiry_channel: false}
"""


class StarterError(Exception):
    """The starter cannot be written (the folder is in use, or nothing is shipped)."""

    def __init__(self, code: str, folder: str) -> None:
        super().__init__(code)
        self.code = code
        self.folder = folder


def _shipped() -> tuple[Traversable, Traversable]:
    """The default scheme's folder and the example units' folder, wherever installed."""
    try:
        areas = resources.files("evaluator_areas")
    except ModuleNotFoundError:
        raise StarterError("cli.no_starter", "evaluator_areas") from None
    scheme: Traversable = areas / "scheme"
    if not scheme.is_dir():  # a clone: the criteria/ folder beside plugins/
        scheme = Path(str(areas)).parent / "criteria"
    examples = areas / "examples"
    if not (scheme / "scheme.yaml").is_file() or not examples.is_dir():
        raise StarterError("cli.no_starter", str(areas))
    return scheme, examples


def _copy(source: Traversable, target: Path) -> list[Path]:
    """Copy the YAML and Markdown files of ``source``, folders included; what was written."""
    written: list[Path] = []
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.is_dir() and not entry.name.startswith(("_", ".")):
            written += _copy(entry, target / entry.name)
        elif entry.is_file() and entry.name.endswith(_SHIPPED):
            target.mkdir(parents=True, exist_ok=True)
            (target / entry.name).write_bytes(entry.read_bytes())
            written.append(target / entry.name)
    return written


def write_starter(folder: str) -> list[Path]:
    """Write ``criteria/``, ``submissions/`` (the example units) and a README into ``folder``.

    ``folder`` may exist only when empty; :class:`StarterError` otherwise.
    Returns the files written.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StarterError("cli.folder_in_use", folder)
    scheme, examples = _shipped()
    target.mkdir(parents=True, exist_ok=True)
    written = _copy(scheme, target / "criteria")
    facts = target / "criteria" / "facts.yaml"
    if facts.exists():  # the shipped one records the invented sample's check dates
        facts.write_text(FACTS, encoding="utf-8")
    written += _copy(examples, target / "submissions")
    (target / "plugins").mkdir(exist_ok=True)
    readme = target / "README.md"
    readme.write_text(README, encoding="utf-8")
    return [*written, readme]

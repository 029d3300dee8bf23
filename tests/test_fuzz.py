"""Fuzzing: thousands of seeded mutations of valid submissions, each a result or a clean error.

Each mutation (a hostile value in place of a scalar, a typo in a key, a line
dropped, doubled, swapped or re-indented, stray characters, a cut-off file,
flipped bytes, another encoding) is written over a copy of a valid
submission, in a temporary folder, and read and scored by the engine. The
only acceptable outcomes are a :class:`UnitResult` within bounds (no scorer
failing on data that passed validation) or located :class:`InputError` s;
never an exception.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluator._core.model import InputError, UnitResult
from evaluator._inputs.entries import discover
from evaluator._scoring.engine import Engine, Options

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"

HOSTILE = [
    "",
    "~",
    "-1",
    "NO",
    "yes",
    "12:30",
    "0x1F",
    "010",
    "1e999",
    "9" * 5000,
    "１２００",
    "２０１６-01-01",
    "2016-02-30",
    "2099-01-01",
    "1900-01-01",
    "2016-01-01T25:00",
    "2016-05-01T10:00:00+99:00",
    "[]",
    "{}",
    "[[[[",
    "&a x",
    "*a",
    '!!python/object/apply:os.system ["touch FUZZED"]',
    "!include x.yaml",
    "'",
    '"',
    "{csv: ../requests.csv}",
    "{csv: /etc/passwd}",
    "{csv: missing.csv}",
    ".nan",
    "-.inf",
    "true",
    "\t",
    "\x00",
    "\x07",
    "\u202e",
    "西城区",
    "0",
    "2147483648",
    "1.5",
    "- x",
    ": :",
    "#",
    "?",
    "|",
    ">-",
    "%YAML 1.1",
    "---",
    "...",
    '"\\x"',
    ",,,",
]
STRAY = [*":-{}[]&*!#|>'\"\t\r\n,? ", "\x00", "\x85", "\u3000", "１", "中", "\ufeff"]
TOKEN = re.compile(r"[^\s:,{}\[\]]+")
KEY = re.compile(r"([A-Za-z_]{3,}):")

Mutation = Callable[[random.Random, str], str]


def replace_value(rng: random.Random, text: str) -> str:
    tokens = list(TOKEN.finditer(text))
    if not tokens:
        return text
    token = rng.choice(tokens)
    return text[: token.start()] + rng.choice(HOSTILE) + text[token.end() :]


def misspell_key(rng: random.Random, text: str) -> str:
    keys = list(KEY.finditer(text))
    if not keys:
        return text
    key = rng.choice(keys)
    name = key.group(1)
    at = rng.randrange(len(name) - 1)
    typo = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return text[: key.start()] + typo + text[key.end(1) :]


def _lines(rng: random.Random, text: str, change: Callable[[list[str], int], None]) -> str:
    lines = text.split("\n")
    change(lines, rng.randrange(len(lines)))
    return "\n".join(lines)


def drop_line(rng: random.Random, text: str) -> str:
    return _lines(rng, text, lambda lines, i: lines.pop(i))


def double_line(rng: random.Random, text: str) -> str:
    return _lines(rng, text, lambda lines, i: lines.insert(i, lines[i]))


def swap_lines(rng: random.Random, text: str) -> str:
    def swap(lines: list[str], i: int) -> None:
        j = min(i + 1, len(lines) - 1)
        lines[i], lines[j] = lines[j], lines[i]

    return _lines(rng, text, swap)


def reindent(rng: random.Random, text: str) -> str:
    shift = rng.choice([" ", "  ", "\t"])

    def indent(lines: list[str], i: int) -> None:
        lines[i] = shift + lines[i] if rng.random() < 0.5 else lines[i].lstrip()

    return _lines(rng, text, indent)


def stray_characters(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    inserted = "".join(rng.choice(STRAY) for _ in range(rng.randint(1, 3)))
    return text[:at] + inserted + text[at:]


def cut_off(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


TEXT_MUTATIONS: list[Mutation] = [
    replace_value,
    replace_value,
    replace_value,
    misspell_key,
    drop_line,
    double_line,
    swap_lines,
    reindent,
    stray_characters,
    cut_off,
]


def mutate(rng: random.Random, original: bytes) -> bytes:
    """One to three text mutations, then sometimes a change of bytes or encoding."""
    text = original.decode("utf-8")
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(TEXT_MUTATIONS)(rng, text)
    roll = rng.random()
    if roll < 0.05:
        return text.encode("gb18030")
    if roll < 0.07:
        return text.encode("utf-16")
    if roll < 0.10:
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    if roll < 0.18 and data:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def check(outcome: object, unit_folder: Path) -> None:
    """A scored unit within bounds, or errors that each name a file and say something."""
    if isinstance(outcome, UnitResult):
        failed = [f.message for i in outcome.indicators for f in i.findings if i.status == "error"]
        assert outcome.status == "ok", failed
        assert outcome.total is not None and 0 <= outcome.total <= 100
        for indicator in outcome.indicators:
            assert 0 <= indicator.points <= indicator.max
        return
    assert isinstance(outcome, tuple) and outcome, outcome
    for error in outcome:
        assert isinstance(error, InputError)
        assert error.message and "Traceback" not in error.message
        assert error.location.path.startswith(str(unit_folder.parent))


SEEDS = [
    # (engine, seed entry, files to mutate, mutations)
    ("mini", MINI / "submissions" / "b-alpha", ["submission.yaml"], 1500),
    ("mini", MINI / "submissions" / "s-two.yaml", ["."], 500),
    ("real", ROOT / "submissions" / "xc-dashilan.yaml", ["."], 1200),
    (
        "real",
        ROOT / "submissions" / "xc-housing",
        ["submission.yaml", "requests.csv", "key_area_items.csv"],
        800,
    ),
]


@pytest.fixture(scope="module")
def engines() -> dict[str, Engine]:
    return {
        "mini": Engine.load(
            Options(str(MINI / "criteria"), str(MINI / "plugins"), entry_points=False)
        ),
        "real": Engine.load(
            Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False)
        ),
    }


@pytest.mark.parametrize(
    ("scheme", "seed", "targets", "rounds"), SEEDS, ids=[s[1].name for s in SEEDS]
)
def test_mutated_submissions_give_a_result_or_a_clean_error(
    engines: dict[str, Engine],
    tmp_path: Path,
    scheme: str,
    seed: Path,
    targets: list[str],
    rounds: int,
) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    if seed.is_dir():
        shutil.copytree(seed, folder / seed.name)
        files = [folder / seed.name / t for t in targets]
    else:
        shutil.copy(seed, folder / seed.name)
        files = [folder / seed.name]
    originals = {path: path.read_bytes() for path in files}
    (entry,) = discover(str(folder))
    engine = engines[scheme]
    check(engine.process(entry, entry.path), folder)  # the seed itself is valid
    rng = random.Random(f"{seed.name}-20160101")
    outcomes = {"scored": 0, "refused": 0}
    for _ in range(rounds):
        target = rng.choice(files)
        target.write_bytes(mutate(rng, originals[target]))
        outcome = engine.process(entry, entry.path)
        check(outcome, folder)
        outcomes["scored" if isinstance(outcome, UnitResult) else "refused"] += 1
        target.write_bytes(originals[target])
    # both kinds of outcome occur, so the mutations neither all break nor all miss
    assert outcomes["scored"] > rounds // 20 and outcomes["refused"] > rounds // 4, outcomes
    assert sorted(p.name for p in folder.iterdir()) == [seed.name]
    assert not list(tmp_path.rglob("FUZZED"))

"""Finding codes are declared once, worded in both languages, and the audit ones documented.

The area plugins give each finding a code and params; the engine writes its
text from the code's declared template. Run on the sample evaluation and on
every hostile case scored with the real criteria, no plugin may emit a code it
did not declare (the text would fall back to the bare code), every declared
code has Chinese and English, the Chinese never carries an English word, and
every ``integrity.`` and ``audit.`` code is explained in ``docs/integrity.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from test_hostile import CASES, build

from evaluator import rules
from evaluator._core.model import Evaluation
from evaluator._scoring.engine import Engine, Options, evaluate

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = (
    "decision_openness",
    "key_area_disclosure",
    "policy_interpretation",
    "responsiveness",
    "safeguards",
    "website",
)
ENGINE = Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))
DOCS = (ROOT / "docs" / "integrity.md").read_text(encoding="utf-8")


def _modules() -> dict[str, ModuleType]:
    """The built-in area plugins, as the engine loaded them."""
    loaded = dict(ENGINE.registry.manager.list_name_plugin())
    return {name: loaded[name] for name in PLUGINS}


def _emitted(evaluation: Evaluation) -> set[str]:
    return {
        finding.code
        for unit in evaluation.units
        for indicator in unit.indicators
        for finding in indicator.findings
    }


@pytest.fixture(scope="module")
def emitted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every code the built-in plugins emit on the sample and the real-criteria hostile cases."""
    codes = _emitted(evaluate(ENGINE, str(ROOT / "submissions")))
    for case in CASES:
        if case.get("scheme") != "real" or "error" in case or "errors" in case:
            continue
        folder = tmp_path_factory.mktemp("case")
        build(case, folder)
        codes |= _emitted(evaluate(ENGINE, str(folder)))
    return codes


def test_every_code_emitted_on_the_sample_and_hostile_corpus_is_declared(
    emitted: set[str],
) -> None:
    declared = ENGINE.registry.catalogue.codes()
    assert emitted - declared == set()
    assert len(emitted) > 60  # the corpus reaches most of the codes
    # and each by a scorer that declares it (else the engine marks the scorer failed)
    assert emitted & {"engine.undeclared_code", "engine.code_without_text"} == set()


def test_every_built_in_scorer_declares_its_codes_each_with_a_text() -> None:
    texts = ENGINE.registry.catalogue.codes()
    for name, scorer in ENGINE.registry.scorers.items():
        assert scorer.codes, name
        assert set(scorer.codes) <= texts, name


def test_each_plugin_declares_its_codes_in_one_table_in_both_languages() -> None:
    tables = {name: module.register_messages() for name, module in _modules().items()}
    tables["evaluator.rules"] = rules.MESSAGES
    seen: dict[str, str] = {}
    for owner, table in tables.items():
        for code, texts in table.items():
            assert code not in seen, f"{code} declared by {seen.get(code)} and {owner}"
            seen[code] = owner
            assert set(texts) - {"audience"} == {"zh", "en"}, code


def _words_outside_fields(template: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", template))


def test_chinese_texts_carry_no_english_words() -> None:
    tables = [module.register_messages() for module in _modules().values()] + [rules.MESSAGES]
    for table in tables:
        for code, texts in table.items():
            assert _words_outside_fields(texts["zh"]) == [], code


def test_every_declared_code_is_emitted_somewhere_in_the_plugins() -> None:
    # a declared code that no scorer uses is a text nobody reads; a texts module may name a
    # code by a constant (WRONG_YEAR = "annual_report.wrong_year"), used by the scorers
    files = sorted((ROOT / "plugins").rglob("*.py"))
    texts = [p for p in files if p.name == "texts.py"]
    sources = "\n".join(p.read_text(encoding="utf-8") for p in files if p not in texts)
    constants = {
        code: name
        for p in texts
        for name, code in re.findall(r'^([A-Z_]+) = "([\w.]+)"$', p.read_text("utf-8"), re.M)
    }
    for name, module in _modules().items():
        for code in module.register_messages():
            used = f'"{code}"' in sources or (
                code in constants and re.search(rf"\b{constants[code]}\b", sources)
            )
            assert used, (name, code)


def test_every_integrity_and_audit_code_is_explained_in_docs_integrity(emitted: set[str]) -> None:
    declared = ENGINE.registry.catalogue.codes()
    flagged = {c for c in declared | emitted if c.startswith(("integrity.", "audit."))}
    missing = sorted(c for c in flagged if f"`{c}`" not in DOCS)
    assert missing == []

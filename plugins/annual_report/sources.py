"""Where an annual report's document comes from, which copy is judged, and what reading it said.

Contract v3: the evaluator's saved copy, ``evidence/annual_reports/<unit-id>.<ext>``,
wins; else the unit's ``annual_report.document`` in its own folder (never
outside it: :meth:`evaluator.Evidence.unit_file`). When both exist and differ,
``integrity.document_differs`` names both files and their sha256. Every copy
found is recorded (:class:`evaluator.SourceDocument`); the judged one is read
(:func:`.document.read_document`) inside :meth:`evaluator.Evidence.reading`,
memory capped in a worker, so a hostile file costs its unit only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from evaluator import FileRefused, Finding, ScoringContext, SourceDocument

from .document import SUFFIXES, Document, DocumentError, read_document, sha256_of
from .texts import DOCUMENT_DIFFERS, DOCUMENT_NOTE, DOCUMENT_UNREADABLE

EVIDENCE_KIND = "annual_reports"
"""The evaluator's evidence folder's sub-folder for saved reports (contract v3)."""

RECORD = "annual_report.document"


@dataclass(frozen=True)
class Located:
    """The report's copies found for one unit: what was read, recorded and found wrong."""

    documents: tuple[SourceDocument, ...] = ()
    document: Document | None = None
    findings: tuple[Finding, ...] = ()
    unreadable: Finding | None = None
    """A copy that should be judged but cannot be read (its finding costs the arithmetic)."""

    @property
    def given(self) -> bool:
        """Whether any copy exists (readable or not)."""
        return bool(self.documents) or self.unreadable is not None


def locate(ctx: ScoringContext) -> Located:
    """Find the unit's report copies, hash them, and read the one judged."""
    evidence = ctx.evidence
    saved = evidence.evaluator_file(EVIDENCE_KIND, ctx.unit.id, SUFFIXES)
    reference = (ctx.data or {}).get("document")
    own: str | None = None
    if reference:
        try:
            own = evidence.unit_file(str(reference))
        except FileRefused as refused:
            if saved is None:
                return Located(
                    unreadable=_unreadable(ctx, str(reference), refused.code, refused.params)
                )
    found: tuple[tuple[str | None, Literal["evaluator", "unit"]], ...] = (
        (saved, "evaluator"),
        (own, "unit"),
    )
    copies = [(path, copy) for path, copy in found if path is not None]
    hashes: dict[str, str] = {}
    for path, _ in copies:
        try:
            hashes[path] = sha256_of(Path(path), evidence.max_bytes)
        except DocumentError as error:
            return Located(
                unreadable=_unreadable(ctx, evidence.shown(path), error.code, error.params)
            )
    documents = tuple(
        SourceDocument(evidence.shown(path), hashes[path], copy, judged=n == 0)
        for n, (path, copy) in enumerate(copies)
    )
    findings = _differs(documents)
    if not copies:
        return Located(findings=findings)
    judged = copies[0][0]
    try:
        with evidence.reading(judged):
            document = read_document(
                Path(judged), max_bytes=evidence.max_bytes, max_pages=ctx.params["max_pages"]
            )
    except DocumentError as error:
        failed = _unreadable(ctx, documents[0].path, error.code, error.params)
        return Located(documents, None, findings, failed)
    notes = tuple(
        Finding(
            DOCUMENT_NOTE, "", (RECORD,), None, {"file": documents[0].path, "note": code, **params}
        )
        for code, params in document.notes
    )
    return Located(documents, document, findings + notes)


def _differs(documents: tuple[SourceDocument, ...]) -> tuple[Finding, ...]:
    """``integrity.document_differs`` when the evaluator's copy and the unit's are not the same."""
    if len(documents) < 2 or documents[0].sha256 == documents[1].sha256:
        return ()
    saved, own = documents
    params = {
        "evaluator": saved.path,
        "evaluator_sha256": saved.sha256,
        "unit": own.path,
        "unit_sha256": own.sha256,
    }
    return (Finding(DOCUMENT_DIFFERS, "", (RECORD,), None, params),)


def _unreadable(ctx: ScoringContext, file: str, code: str, params: Mapping[str, Any]) -> Finding:
    """The judged copy cannot be read: the arithmetic cannot be judged on it."""
    values = {**params, "file": file, "problem": code}
    return Finding(DOCUMENT_UNREADABLE, "", (RECORD,), ctx.max_points or None, values)

"""One flat, frozen record per analysed story: what campaign reports and exports read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.cluster import cluster_text
from hoaxlens.extract.metadata import domain_of
from hoaxlens.ingest.fields import DATE_NOTE, DOMAIN_NOTE
from hoaxlens.types import Failure, SignalResult

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from hoaxlens.types import Document, Verdict


@dataclass(frozen=True, slots=True)
class StoryItem:
    """A story as campaign views need it, or the error row that stands in its place.

    ``text`` is the de-obfuscated body; ``lookalikes`` lists the distinct obfuscation
    replacements as ``"п→n"``; ``published`` is an ISO date when the page gave one.
    """

    id: str
    source: str
    url: str | None = None
    domain: str | None = None
    title: str = ""
    text: str = ""
    label: str | None = None
    score: float | None = None
    people: tuple[str, ...] = ()
    obfuscation_count: int = 0
    lookalikes: tuple[str, ...] = ()
    published: str | None = None
    error: tuple[str, str, str] | None = None  # (stage, type, message)
    # (start, end, reason) into ``text``: what an AI-writing signal fired on (none: it did not)
    ai_evidence: tuple[tuple[int, int, str], ...] = ()

    @property
    def cluster_text(self) -> str:
        """Headline and body, the text templates are compared on."""
        return cluster_text(self.title, self.text)

    @property
    def is_error(self) -> bool:
        """True for an error row."""
        return self.error is not None


# Signals whose firing is evidence of machine-written text, and the score at which they fire
# (perplexity.v1 scores 0.5 at its half perplexity; higher is more machine-predictable).
AI_WRITING_SIGNALS = ("perplexity.v1",)
AI_WRITING_FIRES = 0.5


def ai_evidence(signals: Iterable[SignalResult]) -> tuple[tuple[int, int, str], ...]:
    """The spans an AI-writing signal fired on: ``(start, end, reason)``, or ``()``.

    >>> from hoaxlens.types import Evidence, Span
    >>> hit = Evidence(Span(0, 12), "perplexity 9.1")
    >>> ai_evidence([SignalResult("perplexity.v1", 0.8, (hit,))])
    ((0, 12, 'perplexity 9.1'),)
    >>> ai_evidence([SignalResult("perplexity.v1", 0.3, (hit,))])  # did not fire
    ()
    """
    return tuple(
        (e.span.start, e.span.end, e.reason)
        for s in signals
        if s.signal in AI_WRITING_SIGNALS and s.score >= AI_WRITING_FIRES
        for e in s.evidence
    )


def ai_evidence_of_record(record: Mapping[str, Any]) -> tuple[tuple[int, int, str], ...]:
    """``ai_evidence`` read from an output record's ``signals`` (a stored document's).

    >>> sig = {"id": "perplexity.v1", "score": 0.9,
    ...        "evidence": [{"start": 4, "end": 20, "reason": "perplexity 8.0"}]}
    >>> ai_evidence_of_record({"signals": [sig]})
    ((4, 20, 'perplexity 8.0'),)
    """
    out = []
    for s in record.get("signals") or ():
        name = s.get("id") or s.get("signal")
        if name in AI_WRITING_SIGNALS and float(s.get("score") or 0.0) >= AI_WRITING_FIRES:
            out += [
                (int(e["start"]), int(e["end"]), str(e.get("reason") or ""))
                for e in s.get("evidence") or ()
            ]
    return tuple(out)


def _domain(doc: Document) -> str | None:
    if doc.article is not None and doc.article.domain:
        return doc.article.domain
    return domain_of(doc.raw.url) or dict(doc.raw.meta).get(DOMAIN_NOTE)


def _published(doc: Document) -> str | None:
    """The page's own date, else the one ingest read from the record (date field or URL)."""
    if doc.article is not None and doc.article.published is not None:
        return doc.article.published.isoformat()
    return dict(doc.raw.meta).get(DATE_NOTE)


def item_from_document(doc: Document, verdict: Verdict | None = None) -> StoryItem:
    """Flatten a prepared document (and its verdict, when scored)."""
    return StoryItem(
        id=doc.id,
        source=doc.raw.source,
        url=doc.raw.url,
        domain=_domain(doc),
        title=doc.title,
        text=doc.text,
        label=verdict.label.value if verdict else None,
        score=verdict.score if verdict else None,
        people=verdict.people if verdict else (),
        obfuscation_count=len(doc.replacements),
        lookalikes=tuple(sorted({f"{r.original}→{r.replacement}" for r in doc.replacements})),
        published=_published(doc),
        ai_evidence=ai_evidence(verdict.signals) if verdict else (),
    )


def item_from(result: Verdict | Failure) -> StoryItem:
    """Flatten a verdict or an error row."""
    if isinstance(result, Failure):
        return StoryItem(
            id=result.doc_id,
            source=result.source,
            url=result.url,
            title=result.title or "",
            error=(result.stage.value, result.error_type, result.message),
        )
    return item_from_document(result.document, result)

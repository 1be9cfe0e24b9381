"""The output record: one typed definition, and ``to_record`` that builds it.

``Record`` is the JSONL output contract of ``docs/design.md``; every other output form is
derived from it: the Arrow/Parquet schema (:mod:`hoaxlens.output.arrow`, generated from
these ``TypedDict`` definitions), Spark's rows and the service's ``RecordOut`` (a subclass
that adds the store's ids). To add a field, add it here and in ``to_record``; see
CONTRIBUTING.md.

Field order matters: it is the order of the JSON keys and of the Parquet columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from typing_extensions import TypedDict  # pydantic reads it on Python 3.11 (the service)

from hoaxlens.types import Failure, Verdict

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.types import Article, Replacement

TOP_REASONS = 3


class ReplacementRecord(TypedDict):
    """One de-obfuscation change; offsets index ``text``."""

    start: int
    end: int
    original: str
    replacement: str
    step: str


class ObfuscationRecord(TypedDict):
    """Every change the normalizer made."""

    count: int
    replacements: list[ReplacementRecord]


class EvidenceRecord(TypedDict):
    """A span of ``text`` and why a signal fired on it."""

    start: int
    end: int
    reason: str


class SignalRecord(TypedDict):
    """One signal's score, its contribution to the log-odds, and its evidence."""

    id: str
    score: float
    contribution: float
    evidence: list[EvidenceRecord]


class ErrorRecord(TypedDict):
    """Why a document could not be analysed: the stage, a short type, a message."""

    stage: str
    type: str
    message: str


class PageRecord(TypedDict):
    """Page metadata a triage user needs (HTML inputs and texts with a URL)."""

    domain: str | None
    canonical_url: str | None
    published: str | None
    byline: str | None
    og: dict[str, str]
    site_links: list[str]
    extractor: str | None
    fallback_reason: str | None


class _RecordBase(TypedDict):
    id: str
    source: str
    url: str | None
    title: str | None
    label: Literal["fabricated", "uncertain", "genuine"] | None
    score: float | None
    abstain_reason: Literal["unsupported_language", "too_short", "no_story_text"] | None
    lang: str | None
    text: str | None
    obfuscation: ObfuscationRecord
    signals: list[SignalRecord]
    people: list[str]
    error: ErrorRecord | None


class Record(_RecordBase, total=False):
    """The output record of one input document: a verdict, or an error row.

    An error row has the base fields only (``label``, ``score`` and ``text`` null, ``error``
    set) plus ``meta``; a verdict has every field.
    """

    removed: list[str]
    page: PageRecord | None
    model_version: str | None
    baseline: float | None
    meta: dict[str, str]


def replacement_records(replacements: Iterable[Replacement]) -> list[ReplacementRecord]:
    """JSON form of normalizer replacements (offsets index the normalized text)."""
    return [
        {
            "start": r.span.start,
            "end": r.span.end,
            "original": r.original,
            "replacement": r.replacement,
            "step": r.step,
        }
        for r in replacements
    ]


def page_record(article: Article | None) -> PageRecord | None:
    """Page metadata a triage user needs (``None`` for plain text with no URL)."""
    if article is None:
        return None
    return {
        "domain": article.domain,
        "canonical_url": article.canonical_url,
        "published": article.published.isoformat() if article.published else None,
        "byline": article.byline,
        "og": dict(article.og),
        "site_links": list(article.site_links),
        "extractor": article.extractor,
        "fallback_reason": article.fallback_reason,
    }


def failure_record(item: Failure) -> Record:
    """The error row of a document that could not be analysed."""
    return {
        "id": item.doc_id,
        "source": item.source,
        "url": item.url,
        "title": item.title,
        "label": None,
        "score": None,
        "abstain_reason": None,
        "lang": None,
        "text": None,
        "obfuscation": {"count": 0, "replacements": []},
        "signals": [],
        "people": [],
        "error": {"stage": item.stage.value, "type": item.error_type, "message": item.message},
        "meta": dict(item.meta),
    }


def to_record(item: Verdict | Failure) -> Record:
    """Return the JSON-ready output record for a verdict or an error row."""
    if isinstance(item, Failure):
        return failure_record(item)
    doc = item.document
    return {
        "id": doc.id,
        "source": doc.raw.source,
        "url": doc.raw.url,
        "title": doc.title,
        "label": item.label.value,
        "score": round(item.score, 6),
        "abstain_reason": item.abstain_reason.value if item.abstain_reason else None,
        "lang": item.lang,
        "text": doc.text,
        "obfuscation": {
            "count": len(doc.replacements),
            "replacements": replacement_records(doc.replacements),
        },
        "signals": [
            {
                "id": s.signal,
                "score": round(s.score, 6),
                "contribution": round(c, 6) + 0.0,  # + 0.0: never "-0.0"
                "evidence": [
                    {"start": e.span.start, "end": e.span.end, "reason": e.reason}
                    for e in s.evidence
                ],
            }
            for s, c in zip(item.signals, item.contributions, strict=True)
        ],
        "people": list(item.people),
        "error": None,
        "removed": list(doc.removed),
        "page": page_record(doc.article),
        "model_version": item.model_version,
        "baseline": round(item.baseline, 6),
        "meta": dict(doc.raw.meta),
    }


def top_reasons(item: Verdict, k: int = TOP_REASONS) -> list[str]:
    """The top reasons for both labels, in plain words (up to ``k`` a side).

    The verdict's own label comes first: ``"▲ fabricated: Stock story beats: “No words.”"``,
    ``"▼ genuine: …"``. An abstained verdict gives its plain-words message instead, e.g.
    ``"Spanish: this model reads English; translate it or label it yourself."`` (see
    :mod:`hoaxlens.output.explain`, which the table and the web UI use too).
    """
    from hoaxlens.output.explain import explain, summary_lines

    explanation = explain(to_record(item))
    if explanation.abstention:
        return [explanation.abstention]
    return [line for _, line in summary_lines(explanation, per_side=k)]

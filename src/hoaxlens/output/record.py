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

    from hoaxlens.types import Article, Post, Replacement

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


class _PageBase(TypedDict):
    domain: str | None
    canonical_url: str | None
    published: str | None
    byline: str | None
    og: dict[str, str]
    site_links: list[str]
    extractor: str | None
    fallback_reason: str | None


class PageRecord(_PageBase, total=False):
    """Page metadata a triage user needs (HTML inputs and texts with a URL).

    On a link post paired with its landing page (the record has ``post``), also the page's
    address (``url``, after redirects), its title, where it was found (``source``: a WARC
    record or a file) and when it was fetched (``fetched_at``, from the WARC).
    """

    url: str | None
    title: str | None
    source: str | None
    fetched_at: str | None


class PostRecord(TypedDict):
    """The social-media post of a link post paired with its landing page.

    ``text`` is the post's text as given, ``teaser`` what the verdict read of it before
    the page's story (its links taken out), ``link`` the link as given; ``id``, ``url``
    and ``date`` the post's platform id, address and date where the export has them.
    """

    id: str | None
    url: str | None
    date: str | None
    text: str
    teaser: str
    link: str
    title: str | None


class _RecordBase(TypedDict):
    id: str
    source: str
    url: str | None
    title: str | None
    label: Literal["fabricated", "uncertain", "genuine"] | None
    score: float | None
    abstain_reason: (
        Literal["unsupported_language", "too_short", "no_story_text", "repeated_text"] | None
    )
    lang: str | None
    text: str | None
    obfuscation: ObfuscationRecord
    signals: list[SignalRecord]
    people: list[str]
    error: ErrorRecord | None


class Record(_RecordBase, total=False):
    """The output record of one input document: a verdict, or an error row.

    An error row has the base fields only (``label``, ``score`` and ``text`` null, ``error``
    set) plus ``meta``; a verdict has every field. ``post`` is there only for a link post
    paired with its landing page (on its verdict or on its error row, when the page could
    not be had); the record's other fields are then the page's.
    """

    removed: list[str]
    page: PageRecord | None
    model_version: str | None
    baseline: float | None
    meta: dict[str, str]
    post: PostRecord | None


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


def post_record(post: Post) -> PostRecord:
    """The JSON form of a link post."""
    return {
        "id": post.id,
        "url": post.url,
        "date": post.date,
        "text": post.text,
        "teaser": post.teaser,
        "link": post.link,
        "title": post.title,
    }


def _landing_page(page: PageRecord | None, post: Post, title: str | None) -> PageRecord:
    """``page`` with the landing page's address, title, source and fetch time."""
    base: PageRecord = page or {
        "domain": None,
        "canonical_url": None,
        "published": None,
        "byline": None,
        "og": {},
        "site_links": [],
        "extractor": None,
        "fallback_reason": None,
    }
    return {
        **base,
        "url": post.page_url,
        "title": title,
        "source": post.page_source,
        "fetched_at": post.page_fetched_at,
    }


def failure_record(item: Failure) -> Record:
    """The error row of a document that could not be analysed."""
    record: Record = {
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
    if item.post is not None:
        record["page"] = _landing_page(None, item.post, None)
        record["post"] = post_record(item.post)
    return record


def to_record(item: Verdict | Failure) -> Record:
    """Return the JSON-ready output record for a verdict or an error row."""
    if isinstance(item, Failure):
        return failure_record(item)
    doc = item.document
    record: Record = {
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
    post = doc.raw.post
    if post is not None:
        record["page"] = _landing_page(record["page"], post, doc.title or None)
        record["post"] = post_record(post)
    return record


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

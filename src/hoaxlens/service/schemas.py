"""HTTP payloads (pydantic, the edge only) and converters from the store's records."""

from __future__ import annotations

import re
from datetime import datetime  # noqa: TC003 - pydantic needs it at run time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from hoaxlens.output.record import Record
from hoaxlens.service.views import (  # noqa: TC001 - used at run time by the converters
    ClusterSummary,
    DocumentSummary,
    JobSummary,
    PersonSummary,
    StoredLabel,
)

MAX_TEXT_CHARS = 1_000_000
MAX_ID = 2**31 - 1  # ids are 32-bit integers in every store
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: str) -> str:
    r"""Refuse text that no store can keep: lone surrogates (not Unicode) and NUL.

    JSON can spell both (``"\ud800"``, ``"\u0000"``); UTF-8, SQLite and PostgreSQL
    cannot hold them, so they are malformed input (422), not a failure of the store (500).

    >>> storable("ok")
    'ok'
    >>> storable("x\ud800")
    Traceback (most recent call last):
    ...
    ValueError: holds a lone surrogate (U+D800 at character 1): not Unicode text
    """
    bad = _UNSTORABLE.search(value)
    if bad is None:
        return value
    i, ch = bad.start(), bad.group()
    if ch == "\x00":
        raise ValueError(f"holds a NUL character (U+0000 at character {i})")
    raise ValueError(f"holds a lone surrogate (U+{ord(ch):04X} at character {i}): not Unicode text")


Text = Annotated[str, AfterValidator(storable)]


class AnalyzeRequest(BaseModel):
    """One story: its text, a saved HTML page, or a ``url`` alone (the page is fetched)."""

    model_config = ConfigDict(extra="forbid")

    text: Text | None = Field(default=None, max_length=MAX_TEXT_CHARS, description="Post text.")
    html: Text | None = Field(default=None, max_length=MAX_TEXT_CHARS, description="Saved page.")
    url: Text | None = Field(
        default=None,
        max_length=4096,
        description="The page's address; alone, the page is fetched (robots.txt, SSRF guard).",
    )
    title: Text | None = Field(default=None, max_length=4096)
    id: Text | None = Field(default=None, min_length=1, max_length=512)
    follow_links: bool = Field(
        default=False,
        description="A `text` that is a link post (a link, or a short teaser and a link) is "
        "paired with its landing page, fetched as a `url` alone is, and judged with it "
        "(the record keeps `post` and `page`), as `hoaxlens scan --follow-links` does.",
    )

    @model_validator(mode="after")
    def _one_body(self) -> AnalyzeRequest:
        if self.text is None and self.html is None and self.url is not None:
            if not self.url.startswith(("http://", "https://")):
                raise ValueError("'url' alone (the page is fetched) must be an http(s) URL")
            return self  # analyse by URL: the page is fetched
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html', or a 'url' alone")
        if not (self.text or self.html or "").strip():
            raise ValueError("the 'text' or 'html' is empty")
        return self


class RecordOut(Record, total=False):
    """The JSONL output record of the design contract, plus store and cluster ids.

    Derived from :class:`hoaxlens.output.record.Record` (one definition: a field added
    there is documented here too).
    """

    document_id: int | None
    cluster_id: str | None


class LabelOut(BaseModel):
    """A stored label: who labelled what, and when."""

    id: int
    document_id: int
    label: str
    analyst: str
    note: str
    created_at: datetime

    @classmethod
    def of(cls, x: StoredLabel) -> LabelOut:
        """Convert a stored label."""
        return cls(
            id=x.id,
            document_id=x.document_id,
            label=x.label,
            analyst=x.analyst,
            note=x.note,
            created_at=x.created_at,
        )


class DocumentOut(BaseModel):
    """A document in a list."""

    id: int
    doc_id: str
    title: str | None
    url: str | None
    label: str
    score: float
    cluster_id: str | None
    created_at: datetime
    latest_label: str | None
    domain: str | None = None
    lang: str | None = None
    person: str | None = Field(default=None, description="The story's main person.")
    obfuscated: int = Field(default=0, description="Characters the normalizer restored.")
    day: str | None = Field(
        default=None, description="The page's date, else the day it was stored (ISO)."
    )

    @classmethod
    def of(cls, x: DocumentSummary) -> DocumentOut:
        """Convert a stored summary."""
        return cls(
            id=x.id,
            doc_id=x.doc_id,
            title=x.title,
            url=x.url,
            label=x.label,
            score=x.score,
            cluster_id=x.cluster_id,
            created_at=x.created_at,
            latest_label=x.latest_label,
            domain=x.domain,
            lang=x.lang,
            person=x.person,
            obfuscated=x.obfuscated,
            day=x.day,
        )


class FacetOut(BaseModel):
    """One value of a facet and how many matching documents have it."""

    value: str
    count: int


class DocumentList(BaseModel):
    """A page of matching documents; pass `next_cursor` as `cursor` for the next one."""

    items: list[DocumentOut]
    limit: int
    total: int = Field(description="How many documents match (every page together).")
    sort: str
    next_cursor: str | None = Field(description="The next page's cursor; null on the last.")
    facets: dict[str, list[FacetOut]] = Field(
        default_factory=dict,
        description="With `facets=true`: per facet, its 10 commonest values (every value of "
        "label, analyst_label, score and obfuscated) and how many matches have each.",
    )
    facets_over: int | None = Field(
        default=None,
        description="How many matches the facets counted: the newest 10,000 when more "
        "match (`total` is always exact); null without facets.",
    )


class DocumentDetail(BaseModel):
    """One document: its record and its labels."""

    record: RecordOut
    labels: list[LabelOut]


class ClusterOut(BaseModel):
    """A campaign: documents sharing a template."""

    cluster_id: str
    size: int
    max_score: float
    fabricated: int
    people: list[str] = Field(description="Main people of the copies, most copies first.")
    example_title: str | None
    first_seen: datetime
    last_seen: datetime
    domains: list[str] = Field(default_factory=list, description="Most copies first.")

    @classmethod
    def of(cls, x: ClusterSummary) -> ClusterOut:
        """Convert a stored cluster summary."""
        return cls(
            cluster_id=x.cluster_id,
            size=x.size,
            max_score=x.max_score,
            fabricated=x.fabricated,
            people=list(x.people),
            example_title=x.example_title,
            first_seen=x.first_seen,
            last_seen=x.last_seen,
            domains=list(x.domains),
        )


class ClusterList(BaseModel):
    """Clusters, largest first."""

    items: list[ClusterOut]


class PersonOut(BaseModel):
    """A person the stored stories are about."""

    name: str
    documents: int
    fabricated: int
    clusters: int

    @classmethod
    def of(cls, x: PersonSummary) -> PersonOut:
        """Convert a stored person summary."""
        return cls(name=x.name, documents=x.documents, fabricated=x.fabricated, clusters=x.clusters)


class PeopleList(BaseModel):
    """People, most targeted first."""

    items: list[PersonOut]


class DomainList(BaseModel):
    """Domains the stored stories come from, most fabricated stories first.

    Each item's ``name`` is the domain; ``documents``, ``fabricated`` and ``clusters``
    (campaigns) are counted as for people.
    """

    items: list[PersonOut]


class CountsOut(BaseModel):
    """The store in numbers, counted as the dashboard and ``hoaxlens report`` count."""

    documents: int = Field(description="Stored stories.")
    fabricated: int = Field(description="Stories scored fabricated.")
    campaigns: int = Field(description="Clusters of two or more copies.")
    people: int = Field(description="Distinct main people.")
    domains: int = Field(description="Distinct domains.")


class JobOut(BaseModel):
    """A batch job and its progress."""

    id: str
    filename: str
    status: Literal["queued", "running", "done"]
    total: int
    processed: int
    errors: int
    created_at: datetime
    updated_at: datetime
    progress_url: str
    results_url: str

    @classmethod
    def of(cls, x: JobSummary) -> JobOut:
        """Convert a stored job summary."""
        return cls(
            id=x.id,
            filename=x.filename,
            status=x.status,  # type: ignore[arg-type]  # the store writes only these three
            total=x.total,
            processed=x.processed,
            errors=x.errors,
            created_at=x.created_at,
            updated_at=x.updated_at,
            progress_url=f"/v1/batch/{x.id}",
            results_url=f"/v1/batch/{x.id}/results",
        )


class Health(BaseModel):
    """Liveness and what this instance serves."""

    status: Literal["ok"]
    store: str
    documents: int
    model_version: str


class Problem(BaseModel):
    """An error answer: ``detail`` says what was wrong and how to fix it."""

    detail: Any

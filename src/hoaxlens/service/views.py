"""What the store returns: frozen records, independent of the ORM session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from hoaxlens.types import RawDocument


@dataclass(frozen=True, slots=True)
class StoredLabel:
    """One analyst's label on a document."""

    id: int
    document_id: int
    label: str
    analyst: str
    note: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of a document list (no text)."""

    id: int
    doc_id: str
    title: str | None
    url: str | None
    label: str
    score: float
    cluster_id: str | None
    created_at: datetime
    latest_label: str | None  # the most recent analyst label, if any
    domain: str | None = None
    lang: str | None = None
    person: str | None = None  # the main person (service.search.main_person)
    obfuscated: int = 0  # characters the normalizer restored
    day: str | None = None  # the page's date, else the day it was stored (ISO)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document with its full output record and its labels."""

    summary: DocumentSummary
    record: Mapping[str, Any]  # hoaxlens.output.to_record, plus ``document_id``/``cluster_id``
    labels: tuple[StoredLabel, ...]


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """A campaign: documents that share one template."""

    cluster_id: str
    size: int
    max_score: float
    fabricated: int
    people: tuple[str, ...]
    example_title: str | None
    first_seen: datetime
    last_seen: datetime
    domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """Stories about one person (their main person), fabricated ones, and campaigns."""

    name: str
    documents: int
    fabricated: int
    clusters: int


@dataclass(frozen=True, slots=True)
class JobSummary:
    """Progress of a batch job."""

    id: str
    filename: str
    status: str
    total: int
    processed: int
    errors: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LeasedItem:
    """A line of a batch upload that a worker has claimed (``lease``: the claim's token)."""

    id: int
    job_id: str
    line_no: int
    content: str
    lease: str
    lease_seconds: float


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A verdict to store: the input, its output record and that record's JSON (encoded once)."""

    raw: RawDocument
    record: Mapping[str, Any]
    record_json: str
    signature: tuple[int, ...]
    job_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredOutcome:
    """What storing a verdict gave: its store id, cluster, and the record JSON with both."""

    document_id: int
    cluster_id: str
    record_json: str


@dataclass(frozen=True, slots=True)
class UsageSummary:
    """What one user has written (quotas): bytes stored, and bytes sent in the window."""

    principal: str
    stored_bytes: int
    window_start: datetime | None
    window_bytes: int

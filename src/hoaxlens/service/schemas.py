"""HTTP payloads (pydantic, the edge only) and converters from the store's records."""

from __future__ import annotations

import re
from datetime import datetime  # noqa: TC003 - pydantic needs it at run time
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from hoaxlens.output.record import Record
from hoaxlens.service.views import (  # noqa: TC001 - used at run time by the converters
    ClusterSummary,
    DocumentSummary,
    JobSummary,
    PersonSummary,
    StoredLabel,
)

if TYPE_CHECKING:
    from hoaxlens.service.accounts import Account
    from hoaxlens.service.labelling import LabelEvent, Note

MAX_TEXT_CHARS = 1_000_000
MAX_ID = 2**31 - 1  # ids are 32-bit integers in every store
MAX_NOTE_CHARS = 4000
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


# Labels, notes and users ------------------------------------------------------------------


class LabelWrite(BaseModel):
    """An analyst's label for a stored document; its author is whoever sends it."""

    model_config = ConfigDict(extra="forbid")

    document_id: int = Field(ge=1, le=MAX_ID)
    label: Literal["fabricated", "genuine"]
    analyst: Text | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=r"\S",
        description="Ignored when the server has tokens or users: the label's author is the "
        "token's owner (or the logged-in user). On a server without either, the name the "
        "label is recorded under (default `anonymous`).",
    )
    note: Text = Field(default="", max_length=MAX_NOTE_CHARS)
    confirm: bool = Field(
        default=False,
        description="Needed (true) when the label contradicts a confident score: `genuine` "
        "on a document scored 0.9 or more, `fabricated` on one scored 0.1 or less (422 "
        "otherwise).",
    )


class UndoRequest(BaseModel):
    """Undo the sender's newest label change on a document."""

    model_config = ConfigDict(extra="forbid")

    document_id: int = Field(ge=1, le=MAX_ID)


class UndoOut(BaseModel):
    """What an undo did: the label it took away and the one it put back (null: none)."""

    document_id: int
    analyst: str
    removed: str | None
    restored: str | None


class LabelEventOut(BaseModel):
    """One label change: who, when, what the label became and what it was before."""

    id: int
    analyst: str
    action: Literal["label", "undo"]
    label: str | None
    previous: str | None
    undone: bool
    created_at: datetime

    @classmethod
    def of(cls, x: LabelEvent) -> LabelEventOut:
        """Convert a history entry."""
        return cls(
            id=x.id,
            analyst=x.analyst,
            action="undo" if x.action == "undo" else "label",
            label=x.label,
            previous=x.previous,
            undone=x.undone,
            created_at=x.created_at,
        )


class LabelHistory(BaseModel):
    """A document's label changes, newest first."""

    document_id: int
    items: list[LabelEventOut]


class NoteWrite(BaseModel):
    """A note on a document (`document_id`) or a campaign (`cluster_id`): exactly one."""

    model_config = ConfigDict(extra="forbid")

    document_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    cluster_id: Text | None = Field(default=None, min_length=1, max_length=64)
    text: Text = Field(min_length=1, max_length=MAX_NOTE_CHARS, pattern=r"\S")

    @model_validator(mode="after")
    def _one_target(self) -> NoteWrite:
        if (self.document_id is None) == (self.cluster_id is None):
            raise ValueError("give exactly one of document_id and cluster_id")
        return self


class NoteOut(BaseModel):
    """A stored note: its author, time and text."""

    id: int
    document_id: int | None
    cluster_id: str | None
    author: str
    text: str
    created_at: datetime

    @classmethod
    def of(cls, x: Note) -> NoteOut:
        """Convert a stored note."""
        return cls(
            id=x.id,
            document_id=x.document_id,
            cluster_id=x.cluster_id,
            author=x.author,
            text=x.text,
            created_at=x.created_at,
        )


class NoteList(BaseModel):
    """Notes, oldest first."""

    items: list[NoteOut]


class UserWrite(BaseModel):
    """A user to add (admins only)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
    role: Literal["analyst", "admin"] = "analyst"


class UserOut(BaseModel):
    """A user: name and role (never the token)."""

    name: str
    role: str
    created_at: datetime | None
    token_created_at: datetime | None

    @classmethod
    def of(cls, x: Account) -> UserOut:
        """Convert an account."""
        return cls(
            name=x.name,
            role=x.role,
            created_at=x.created_at,
            token_created_at=x.token_created_at,
        )


class UserList(BaseModel):
    """Every user, by name."""

    items: list[UserOut]


class NewUserOut(BaseModel):
    """A new user and their API token: shown this once, the store keeps its digest only."""

    user: UserOut
    token: str

"""The store's tables (SQLAlchemy 2 declarative); Alembic migrations create them.

A change here needs a new revision in ``migrations/versions`` (the app runs the migrations
on start, never ``create_all``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp; SQLite hands back naive values, which are UTC here."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:  # noqa: ANN401
        """Attach UTC to a naive value read back from SQLite."""
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    """Declarative base of the service's tables."""


class DocumentRow(Base):
    """One analysed document: the input as given, and its output record (JSON)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    source: Mapped[str] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    media_type: Mapped[str] = mapped_column(String(32))
    content: Mapped[str] = mapped_column(Text)  # the input, so labels can retrain the model
    label: Mapped[str] = mapped_column(String(16), index=True)
    score: Mapped[float] = mapped_column(Float, index=True)
    record: Mapped[str] = mapped_column(Text)  # JSON: hoaxlens.output.to_record
    model_version: Mapped[str] = mapped_column(String(64))
    cluster_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    signature: Mapped[str] = mapped_column(Text, default="")  # MinHash values, space-separated
    job_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("jobs.id"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FactRow(Base):
    """What the search page filters, sorts and counts by: one narrow row per document.

    Copied from the record when a document is stored (``service.search.facts_of``), kept
    apart from ``documents`` (whose rows carry the input and the record, kilobytes each) so
    that a facet count or a sorted page reads a few bytes per document. ``cluster_id``
    and ``analyst_label`` (the latest analyst label) are updated with ``documents``.
    """

    __tablename__ = "document_facts"

    id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    label: Mapped[str] = mapped_column(String(16), index=True)  # the verdict
    score: Mapped[float] = mapped_column(Float, index=True)
    cluster_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    analyst_label: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    person: Mapped[str | None] = mapped_column(String(256), nullable=True, index=True)  # main
    domain: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    lang: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    obfuscated: Mapped[int] = mapped_column(Integer, default=0)  # characters restored
    day: Mapped[str] = mapped_column(String(10), index=True)  # the page's date, else stored


class PersonRow(Base):
    """A person a document is about (for the targeted-celebrities dashboard)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(256), index=True)


class LabelRow(Base):
    """An analyst's current label on a document: who says what, since when.

    One row per analyst and document (``service.labelling`` replaces it, newest id last);
    what it was before is in ``label_history``.
    """

    __tablename__ = "labels"
    __table_args__ = (
        Index("ux_labels_document_analyst", "document_id", "analyst", unique=True),
        Index("ix_labels_analyst", "analyst", "document_id"),  # made by revision 0004
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    label: Mapped[str] = mapped_column(String(16))
    analyst: Mapped[str] = mapped_column(String(128))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JobRow(Base):
    """A batch upload: its progress survives restarts (pending items are resumed)."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    filename: Mapped[str] = mapped_column(String(512))
    status: Mapped[str] = mapped_column(String(16), index=True)  # queued | running | done
    total: Mapped[int] = mapped_column(Integer)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JobItemRow(Base):
    """One non-blank line of a batch upload and, once processed, its output record."""

    __tablename__ = "job_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    record: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON once processed
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    # The worker that claimed the line (a token per claim) and until when; see Store.lease_items.
    leased_by: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class SessionRow(Base):
    """A UI login: the SHA-256 of the cookie's random session id, never the id itself.

    ``token_fp`` fingerprints the token that opened the session: rotating or removing that
    token ends its sessions.
    """

    __tablename__ = "sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    principal: Mapped[str] = mapped_column(String(64))
    token_fp: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class UsageRow(Base):
    """What one user (a token's name, or ``anonymous``) has written: quotas read this."""

    __tablename__ = "usage"

    principal: Mapped[str] = mapped_column(String(64), primary_key=True)
    stored_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    window_bytes: Mapped[int] = mapped_column(BigInteger, default=0)


class SecretRow(Base):
    """Random keys the service makes on first start (e.g. the CSRF key), shared by processes."""

    __tablename__ = "service_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class UserRow(Base):
    """A person who uses the service: a name, a role and the SHA-256 of their API token.

    ``role`` is ``analyst`` or ``admin``. A new token (``hoaxlens users token``) replaces the
    digest, which revokes the old token and ends its login sessions.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    token_created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LabelEventRow(Base):
    """One change of an analyst's label on a document: what it became and what it was.

    ``action`` is ``label`` or ``undo``; ``label``/``previous`` ``None`` mean "no label".
    ``undone`` marks a ``label`` event that an undo has reverted.
    """

    __tablename__ = "label_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    analyst: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    previous: Mapped[str | None] = mapped_column(String(16), nullable=True)
    undone: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NoteRow(Base):
    """A note on a document or on a campaign (cluster): its author, time and text."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id"), nullable=True, index=True
    )
    cluster_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    author: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

"""Every query of the service: documents, labels, clusters, people and batch jobs.

``Store`` owns the engine and hands out short sessions; callers get frozen ``views``
records, never ORM objects, so nothing leaks across threads.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from hoaxlens.service.database import make_engine, migrate
from hoaxlens.service.models import DocumentRow, JobItemRow, JobRow, LabelRow, PersonRow, utcnow
from hoaxlens.service.views import (
    ClusterSummary,
    DocumentSummary,
    JobSummary,
    PendingItem,
    PersonSummary,
    StoredDocument,
    StoredLabel,
)
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from sqlalchemy import Subquery

LABELS = ("fabricated", "genuine")  # what analysts may say; these train the model


class NotFoundError(LookupError):
    """No document or job with that id."""


class Store:
    """The service's database: open with a URL; migrations run on open."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # documents ---------------------------------------------------------------------------

    def add_document(
        self,
        raw: RawDocument,
        record: Mapping[str, Any],
        *,
        signature: tuple[int, ...] = (),
        job_id: str | None = None,
    ) -> int:
        """Store a verdict record (not an error row) with its input; return its id."""
        with self.sessions.begin() as session:
            row = _document_row(raw, record, job_id)
            row.signature = " ".join(map(str, signature))
            session.add(row)
            session.flush()
            for name in dict.fromkeys(record["people"]):
                session.add(PersonRow(document_id=row.id, name=name[:256]))
            return row.id

    def set_cluster(self, document_ids: Sequence[int], cluster_id: str) -> None:
        """Put documents into one cluster (when a new copy joins a campaign)."""
        with self.sessions.begin() as session:
            session.execute(
                update(DocumentRow)
                .where(DocumentRow.id.in_(document_ids))
                .values(cluster_id=cluster_id)
            )

    def document(self, document_id: int) -> StoredDocument:
        """One document with its record and labels.

        Raises:
            NotFoundError: when there is none with that id.
        """
        with self.sessions() as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id}")
            labels = tuple(
                _label_view(x)
                for x in session.scalars(
                    select(LabelRow)
                    .where(LabelRow.document_id == document_id)
                    .order_by(LabelRow.id)
                )
            )
            summary = _summary(row, labels[-1].label if labels else None)
            record = json.loads(row.record) | {"document_id": row.id, "cluster_id": row.cluster_id}
            return StoredDocument(summary, record, labels)

    def documents(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        label: str | None = None,
        cluster_id: str | None = None,
        unlabeled: bool = False,
        by_score: bool = False,
    ) -> list[DocumentSummary]:
        """A page of documents, newest first (or highest score first)."""
        latest = _latest_labels()
        query = select(DocumentRow, latest.c.label).outerjoin(
            latest, latest.c.document_id == DocumentRow.id
        )
        if label is not None:
            query = query.where(DocumentRow.label == label)
        if cluster_id is not None:
            query = query.where(DocumentRow.cluster_id == cluster_id)
        if unlabeled:
            query = query.where(latest.c.label.is_(None))
        order = DocumentRow.score.desc() if by_score else DocumentRow.created_at.desc()
        query = query.order_by(order, DocumentRow.id.desc()).limit(limit).offset(offset)
        with self.sessions() as session:
            return [_summary(row, latest_label) for row, latest_label in session.execute(query)]

    def count_documents(self) -> int:
        """How many documents are stored."""
        with self.sessions() as session:
            return session.scalar(select(func.count(DocumentRow.id))) or 0

    def signatures(self) -> Iterator[tuple[int, tuple[int, ...]]]:
        """``(document id, MinHash signature)`` of every document, oldest first."""
        query = (
            select(DocumentRow.id, DocumentRow.signature)
            .order_by(DocumentRow.id)
            .execution_options(yield_per=1000)
        )
        with self.sessions() as session:
            for doc_id, signature in session.execute(query):
                yield doc_id, tuple(int(v) for v in signature.split())

    # labels ------------------------------------------------------------------------------

    def add_label(self, document_id: int, label: str, analyst: str, note: str = "") -> StoredLabel:
        """Record an analyst's label.

        Raises:
            NotFoundError: when the document does not exist.
            ValueError: for a label other than fabricated or genuine.
        """
        if label not in LABELS:
            raise ValueError(f"label must be one of {', '.join(LABELS)}, got {label!r}")
        with self.sessions.begin() as session:
            if session.get(DocumentRow, document_id) is None:
                raise NotFoundError(f"no document {document_id}")
            row = LabelRow(document_id=document_id, label=label, analyst=analyst, note=note)
            session.add(row)
            session.flush()
            return _label_view(row)

    def labeled(self) -> list[tuple[RawDocument, str]]:
        """Every labelled document's input with its most recent label, oldest first."""
        latest = _latest_labels()
        query = (
            select(
                DocumentRow.id,
                DocumentRow.doc_id,
                DocumentRow.source,
                DocumentRow.media_type,
                DocumentRow.content,
                DocumentRow.url,
                DocumentRow.title,
                latest.c.label,
            )
            .join(latest, latest.c.document_id == DocumentRow.id)
            .order_by(DocumentRow.id)
        )
        with self.sessions() as session:
            rows = session.execute(query).all()
        return [
            (
                RawDocument(
                    id=doc_id,
                    content=content,
                    media_type=MediaType(media_type),
                    source=f"store:{store_id}",
                    url=url,
                    title=title,
                ),
                label,
            )
            for store_id, doc_id, _source, media_type, content, url, title, label in rows
        ]

    # campaigns and people ----------------------------------------------------------------

    def clusters(self, *, limit: int = 100, min_size: int = 1) -> list[ClusterSummary]:
        """Clusters, largest first."""
        fabricated = func.sum(case((DocumentRow.label == "fabricated", 1), else_=0))
        query = (
            select(
                DocumentRow.cluster_id,
                func.count(DocumentRow.id),
                func.max(DocumentRow.score),
                fabricated,
                func.min(DocumentRow.created_at),
                func.max(DocumentRow.created_at),
                func.min(DocumentRow.title),
            )
            .where(DocumentRow.cluster_id.is_not(None))
            .group_by(DocumentRow.cluster_id)
            .having(func.count(DocumentRow.id) >= min_size)
            .order_by(func.count(DocumentRow.id).desc(), func.max(DocumentRow.score).desc())
            .limit(limit)
        )
        with self.sessions() as session:
            rows = session.execute(query).all()
            people = self._cluster_people(session, [r[0] for r in rows])
            return [_cluster_view(r, people.get(r[0], ())) for r in rows]

    @staticmethod
    def _cluster_people(session: Session, ids: list[str]) -> dict[str, tuple[str, ...]]:
        query = (
            select(DocumentRow.cluster_id, PersonRow.name)
            .join(PersonRow, PersonRow.document_id == DocumentRow.id)
            .where(DocumentRow.cluster_id.in_(ids))
            .distinct()
            .order_by(PersonRow.name)
        )
        out: dict[str, list[str]] = {}
        for cluster_id, name in session.execute(query):
            out.setdefault(str(cluster_id), []).append(name)
        return {k: tuple(v) for k, v in out.items()}

    def people(self, *, limit: int = 100) -> list[PersonSummary]:
        """People the stored stories are about, most targeted by fabricated stories first."""
        fabricated = func.sum(case((DocumentRow.label == "fabricated", 1), else_=0))
        query = (
            select(
                PersonRow.name,
                func.count(func.distinct(DocumentRow.id)),
                fabricated,
                func.count(func.distinct(DocumentRow.cluster_id)),
            )
            .join(DocumentRow, PersonRow.document_id == DocumentRow.id)
            .group_by(PersonRow.name)
            .order_by(fabricated.desc(), func.count(func.distinct(DocumentRow.id)).desc())
            .limit(limit)
        )
        with self.sessions() as session:
            return [PersonSummary(n, d, int(f or 0), c) for n, d, f, c in session.execute(query)]

    # batch jobs --------------------------------------------------------------------------

    def create_job(self, filename: str, lines: Sequence[tuple[int, str]]) -> JobSummary:
        """Persist an upload as a queued job with one pending item per line."""
        job_id = uuid.uuid4().hex
        with self.sessions.begin() as session:
            job = JobRow(id=job_id, filename=filename[:512], status="queued", total=len(lines))
            job.processed = job.errors = 0
            job.created_at = job.updated_at = utcnow()
            session.add(job)
            session.flush()
            session.add_all(JobItemRow(job_id=job_id, line_no=n, content=text) for n, text in lines)
            return _job_view(job)

    def job(self, job_id: str) -> JobSummary:
        """Progress of one job.

        Raises:
            NotFoundError: when there is none with that id.
        """
        with self.sessions() as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise NotFoundError(f"no batch job {job_id}")
            return _job_view(row)

    def jobs(self, *, limit: int = 20) -> list[JobSummary]:
        """The most recent jobs."""
        query = select(JobRow).order_by(JobRow.created_at.desc()).limit(limit)
        with self.sessions() as session:
            return [_job_view(r) for r in session.scalars(query)]

    def job_records(self, job_id: str) -> Iterator[str]:
        """The JSON output records of a job's processed lines, in input order."""
        self.job(job_id)
        query = (
            select(JobItemRow.record)
            .where(JobItemRow.job_id == job_id, JobItemRow.record.is_not(None))
            .order_by(JobItemRow.line_no)
            .execution_options(yield_per=200)
        )
        with self.sessions() as session:
            for (record,) in session.execute(query):
                if record is not None:
                    yield record

    def pending_items(self, limit: int) -> list[PendingItem]:
        """Unprocessed lines of the oldest unfinished job (empty when all are done)."""
        with self.sessions.begin() as session:
            job = session.scalars(
                select(JobRow)
                .where(JobRow.status.in_(("queued", "running")))
                .order_by(JobRow.created_at, JobRow.id)
                .limit(1)
            ).first()
            if job is None:
                return []
            items = session.scalars(
                select(JobItemRow)
                .where(JobItemRow.job_id == job.id, JobItemRow.record.is_(None))
                .order_by(JobItemRow.line_no)
                .limit(limit)
            ).all()
            job.status = "running" if items else "done"
            job.updated_at = utcnow()
            return [PendingItem(i.id, i.job_id, i.line_no, i.content) for i in items]

    def finish_item(
        self, item: PendingItem, record: Mapping[str, Any], document_id: int | None
    ) -> None:
        """Save one processed line's output record and advance its job's progress."""
        is_error = record.get("error") is not None
        with self.sessions.begin() as session:
            session.execute(
                update(JobItemRow)
                .where(JobItemRow.id == item.id)
                .values(record=json.dumps(record, ensure_ascii=False), document_id=document_id)
            )
            session.execute(
                update(JobRow)
                .where(JobRow.id == item.job_id)
                .values(
                    processed=JobRow.processed + 1,
                    errors=JobRow.errors + int(is_error),
                    updated_at=utcnow(),
                )
            )


def _latest_labels() -> Subquery:
    """``(document_id, label)``: each labelled document's most recent label."""
    newest = (
        select(LabelRow.document_id, func.max(LabelRow.id).label("label_id"))
        .group_by(LabelRow.document_id)
        .subquery()
    )
    return (
        select(LabelRow.document_id, LabelRow.label)
        .join(newest, newest.c.label_id == LabelRow.id)
        .subquery()
    )


def _document_row(raw: RawDocument, record: Mapping[str, Any], job_id: str | None) -> DocumentRow:
    return DocumentRow(
        doc_id=raw.id[:512],
        source=raw.source[:512],
        url=raw.url,
        title=record.get("title") or raw.title,
        media_type=raw.media_type.value,
        content=raw.content,
        label=record["label"],
        score=float(record["score"]),
        record=json.dumps(record, ensure_ascii=False),
        model_version=record.get("model_version", ""),
        job_id=job_id,
        created_at=utcnow(),
    )


def _summary(row: DocumentRow, latest_label: str | None) -> DocumentSummary:
    return DocumentSummary(
        id=row.id,
        doc_id=row.doc_id,
        title=row.title,
        url=row.url,
        label=row.label,
        score=row.score,
        cluster_id=row.cluster_id,
        created_at=row.created_at,
        latest_label=latest_label,
    )


def _label_view(row: LabelRow) -> StoredLabel:
    return StoredLabel(row.id, row.document_id, row.label, row.analyst, row.note, row.created_at)


def _cluster_view(row: Sequence[Any], people: tuple[str, ...]) -> ClusterSummary:
    cluster_id, size, max_score, fabricated, first, last, title = row
    return ClusterSummary(
        cluster_id, size, float(max_score), int(fabricated or 0), people, title, first, last
    )


def _job_view(row: JobRow) -> JobSummary:
    return JobSummary(
        row.id,
        row.filename,
        row.status,
        row.total,
        row.processed,
        row.errors,
        row.created_at,
        row.updated_at,
    )

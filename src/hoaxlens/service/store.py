"""Every query of the service: documents, labels, clusters, people and batch jobs.

``Store`` owns the engine and hands out short sessions; callers get frozen ``views``
records, never ORM objects, so nothing leaks across threads.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from hoaxlens.corpus.counting import CAMPAIGN_MIN_SIZE
from hoaxlens.service import search as search_rules
from hoaxlens.service.database import make_engine, migrate
from hoaxlens.service.locks import lock_writes, migration_lock
from hoaxlens.service.models import (
    DocumentRow,
    FactRow,
    JobItemRow,
    JobRow,
    LabelRow,
    PersonRow,
    UsageRow,
    utcnow,
)
from hoaxlens.service.search import (
    PG_SEARCH_SETTINGS,
    FacetValue,
    SearchPage,
    SearchQuery,
    build,
    count_query,
    encode_cursor,
    facet_sample,
    facet_summary,
    facts_of,
    index_document,
    latest_labels,
    read_summary,
)
from hoaxlens.service.views import (
    ClusterSummary,
    DocumentSummary,
    JobSummary,
    LeasedItem,
    NewDocument,
    PersonSummary,
    StoredDocument,
    StoredLabel,
    StoredOutcome,
    UsageSummary,
)
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sqlalchemy import Connection, Subquery
    from sqlalchemy.engine import Engine

    # ``(store id, signature)`` of the documents stored after a given id, before the new one
    Earlier = Callable[[int], Iterator[tuple[int, tuple[int, ...]]]]
    AssignCluster = Callable[[int, Earlier], tuple[str, Sequence[int]]]

LABELS = ("fabricated", "genuine")  # what analysts may say; these train the model


class NotFoundError(LookupError):
    """No document or job with that id."""


class Store:
    """The service's database: open with a URL; migrations run on open."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        with migration_lock(self.engine):  # processes started together migrate one by one
            migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # documents ---------------------------------------------------------------------------

    def add_document(
        self, new: NewDocument, assign: AssignCluster, *, item: LeasedItem | None = None
    ) -> StoredOutcome | None:
        """Store a verdict, its people and its cluster in one transaction.

        The transaction holds the store's write lock (``hoaxlens.service.locks``) from its
        start, so every process sharing the store gives out store ids one at a time, in
        commit order. ``assign`` is called inside it with the new store id and ``earlier``:
        ``earlier(n)`` yields ``(store id, signature)`` of every document stored after
        ``n`` and before this one, whichever process stored it, so that the caller's
        cluster index catches up before it clusters the new document. ``assign`` returns
        the document's cluster id and every store id whose cluster id changed.
        With ``item`` (a leased batch line) the line's output record and its job's progress
        are saved in the same transaction, so a crash can never store the document without
        marking the line done (which would store it twice on resume).

        Returns:
            The store id, cluster id and output record (JSON, with both ids); ``None`` when
            ``item``'s lease was lost to another worker (then nothing is written and
            ``assign`` is not called).
        """
        with self.engine.begin() as conn:
            lock_writes(conn)
            if item is not None and not _hold(conn, item):
                return None
            now = utcnow()
            document_id = conn.execute(
                insert(DocumentRow).values(_document_values(new, now)).returning(DocumentRow.id)
            ).scalar_one()
            conn.execute(insert(FactRow).values(_fact_values(new, document_id, now)))
            index_document(conn, document_id, new.record)
            people = dict.fromkeys(new.record["people"])
            if people:
                conn.execute(
                    insert(PersonRow),
                    [{"document_id": document_id, "name": name[:256]} for name in people],
                )
            cluster_id, moved = assign(
                document_id, lambda after: _signatures_between(conn, after, document_id)
            )
            for table in (DocumentRow, FactRow):
                conn.execute(
                    update(table)
                    .where(table.id.in_(moved))
                    .values(cluster_id=cluster_id)
                    .execution_options(synchronize_session=False)
                )
            record_json = record_with_ids(new.record_json, document_id, cluster_id)
            if item is not None:
                _finish(conn, item, record_json, document_id, is_error=False)
            return StoredOutcome(document_id, cluster_id, record_json)

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
            summary = _summary(row, session.get(FactRow, document_id))
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
        query = select(DocumentRow, FactRow).outerjoin(FactRow, FactRow.id == DocumentRow.id)
        if label is not None:
            query = query.where(DocumentRow.label == label)
        if cluster_id is not None:
            query = query.where(DocumentRow.cluster_id == cluster_id)
        if unlabeled:
            query = query.where(FactRow.analyst_label.is_(None))
        order = DocumentRow.score.desc() if by_score else DocumentRow.created_at.desc()
        query = query.order_by(order, DocumentRow.id.desc()).limit(limit).offset(offset)
        with self.sessions() as session:
            return [_summary(row, fact) for row, fact in session.execute(query)]

    def search(self, query: SearchQuery) -> SearchPage:
        """A page of documents matching ``query``, its total and (if asked) its facets.

        Raises:
            QueryError: for a cursor that is not one of this sort's.
        """
        dialect = self.engine.dialect.name
        plan = build(query, dialect)
        facets: dict[str, tuple[FacetValue, ...]] = {}
        with self.sessions() as session:
            conn = session.connection()  # Core rows: up to 10,000 of them, no ORM on the way
            total: int | None = None
            head: list[int] | None = None
            if query.facets:
                # The facets are counted in SQL, in one statement with the newest matches'
                # ids and, for a text match, the total: a text match is the costly part (a
                # phrase rechecks every candidate's positions), so it is evaluated once,
                # for the total, the facet sample and, newest first, the first page.
                if dialect == "postgresql" and plan.matched:
                    for setting in PG_SEARCH_SETTINGS:
                        conn.execute(text(setting))
                sample = facet_sample(plan, counted=plan.matched)
                summary = facet_summary(sample, dialect, query.limit + 1)
                facets, head, total = read_summary(conn.execute(summary).all())
            if total is None:
                total = session.scalar(count_query(plan)) or 0
            sampled = min(total, search_rules.FACET_SAMPLE)
            if (
                head is not None
                and plan.sort == "recent"
                and not query.cursor
                and (sampled > query.limit or sampled == total)
            ):  # the sample is the matches newest first: its head is the page
                page = select(FactRow, FactRow.id.label("sort_key")).where(FactRow.id.in_(head))
                rows: Sequence[Any] = conn.execute(page.order_by(FactRow.id.desc())).all()
            else:
                rows = conn.execute(plan.page).all()
            more = len(rows) > query.limit
            rows = rows[: query.limit]
            ids = [fact.id for fact in rows]
            heads = {
                r.id: r
                for r in conn.execute(
                    select(
                        DocumentRow.id,
                        DocumentRow.doc_id,
                        DocumentRow.title,
                        DocumentRow.url,
                        DocumentRow.created_at,
                    ).where(DocumentRow.id.in_(ids))
                )
            }
        cursor = None
        if more and rows:
            fact = rows[-1]
            key = None if plan.sort in ("recent", "oldest") else fact.sort_key
            cursor = encode_cursor(plan.sort, key, fact.id)
        items = tuple(_fact_summary(fact, heads[fact.id]) for fact in rows)
        return SearchPage(items, total, cursor, plan.sort, facets)

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
    # The dashboard, the campaign page and the API read these, with the counting rules of
    # hoaxlens.corpus.counting (the report's): a story counts toward its main person only,
    # and a campaign is a cluster of CAMPAIGN_MIN_SIZE or more copies.

    def clusters(
        self, *, limit: int = 100, offset: int = 0, min_size: int = 1, cluster_id: str | None = None
    ) -> list[ClusterSummary]:
        """Clusters, largest first (then by highest score, then id: a stable order)."""
        query = _cluster_query().having(func.count(DocumentRow.id) >= min_size)
        if cluster_id is not None:
            query = query.where(DocumentRow.cluster_id == cluster_id)
        query = query.order_by(
            func.count(DocumentRow.id).desc(),
            func.max(DocumentRow.score).desc(),
            DocumentRow.cluster_id,
        )
        with self.sessions() as session:
            rows = session.execute(query.limit(limit).offset(offset)).all()
            people = self._cluster_values(session, FactRow.person, [r[0] for r in rows])
            domains = self._cluster_values(session, FactRow.domain, [r[0] for r in rows])
            return [_cluster_view(r, people.get(r[0], ()), domains.get(r[0], ())) for r in rows]

    def count_clusters(self, *, min_size: int = 1) -> int:
        """How many clusters have at least ``min_size`` documents."""
        sizes = (
            select(DocumentRow.cluster_id)
            .where(DocumentRow.cluster_id.is_not(None))
            .group_by(DocumentRow.cluster_id)
            .having(func.count(DocumentRow.id) >= min_size)
            .subquery()
        )
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(sizes)) or 0

    def cluster(self, cluster_id: str) -> ClusterSummary:
        """One cluster's summary.

        Raises:
            NotFoundError: when no document is in that cluster.
        """
        found = self.clusters(cluster_id=cluster_id, limit=1)
        if not found:
            raise NotFoundError(f"no cluster {cluster_id}")
        return found[0]

    def cluster_records(
        self, cluster_id: str, *, limit: int = 10_000
    ) -> list[tuple[DocumentSummary, dict[str, Any]]]:
        """A cluster's documents with their records (ids added), oldest first."""
        query = (
            select(DocumentRow, FactRow)
            .outerjoin(FactRow, FactRow.id == DocumentRow.id)
            .where(DocumentRow.cluster_id == cluster_id)
            .order_by(DocumentRow.id)
            .limit(limit)
        )
        with self.sessions() as session:
            return [
                (
                    _summary(row, fact),
                    json.loads(row.record) | {"document_id": row.id, "cluster_id": row.cluster_id},
                )
                for row, fact in session.execute(query)
            ]

    @staticmethod
    def _cluster_values(
        session: Session,
        column: Any,  # noqa: ANN401 - a column of FactRow
        ids: list[str],
    ) -> dict[str, tuple[str, ...]]:
        """Per cluster, the distinct values of ``column``: most documents first."""
        n = func.count(FactRow.id)
        query = (
            select(FactRow.cluster_id, column)
            .where(FactRow.cluster_id.in_(ids), column.is_not(None))
            .group_by(FactRow.cluster_id, column)
            .order_by(FactRow.cluster_id, n.desc(), column)
        )
        out: dict[str, list[str]] = {}
        for cluster_id, value in session.execute(query):
            out.setdefault(str(cluster_id), []).append(value)
        return {k: tuple(v) for k, v in out.items()}

    def people(self, *, limit: int = 100, offset: int = 0) -> list[PersonSummary]:
        """People the stored stories are about, most targeted by fabricated stories first.

        A story counts toward its main person only; ``clusters`` counts the campaigns
        (clusters of two or more copies) among that person's stories.
        """
        return self._rollup(FactRow.person, limit=limit, offset=offset)

    def domains(self, *, limit: int = 100, offset: int = 0) -> list[PersonSummary]:
        """The stored stories' domains, most fabricated stories first (as ``people``)."""
        return self._rollup(FactRow.domain, limit=limit, offset=offset)

    def _rollup(
        self,
        column: Any,  # noqa: ANN401 - FactRow.person or FactRow.domain
        *,
        limit: int,
        offset: int,
    ) -> list[PersonSummary]:
        """Stories, fabricated and campaigns per value of ``column``, in one SQL query.

        The rules are those of ``hoaxlens.corpus.counting.count_stories``.
        """
        f = FactRow
        fabricated = func.sum(case((f.label == "fabricated", 1), else_=0))
        campaigns = (
            select(f.cluster_id.label("cluster_id"))
            .where(f.cluster_id.is_not(None))
            .group_by(f.cluster_id)
            .having(func.count(f.id) >= CAMPAIGN_MIN_SIZE)
            .subquery()
        )
        stories = func.count(f.id)
        in_campaigns = func.count(func.distinct(campaigns.c.cluster_id))
        query = (
            select(column, stories, fabricated, in_campaigns)
            .outerjoin(campaigns, campaigns.c.cluster_id == f.cluster_id)
            .where(column.is_not(None))
            .group_by(column)
            .order_by(fabricated.desc(), stories.desc(), column)
            .limit(limit)
            .offset(offset)
        )
        with self.sessions() as session:
            return [
                PersonSummary(str(n), d, int(fab or 0), c)
                for n, d, fab, c in session.execute(query)
            ]

    def count_people(self) -> int:
        """How many distinct main people the stored stories have."""
        with self.sessions() as session:
            query = select(func.count(func.distinct(FactRow.person)))
            return session.scalar(query) or 0

    def count_domains(self) -> int:
        """How many distinct domains the stored stories have."""
        with self.sessions() as session:
            return session.scalar(select(func.count(func.distinct(FactRow.domain)))) or 0

    def totals(self) -> tuple[int, int]:
        """``(stories, scored fabricated)`` of the whole store, in one query."""
        fabricated = func.sum(case((FactRow.label == "fabricated", 1), else_=0))
        with self.sessions() as session:
            n, fab = session.execute(select(func.count(FactRow.id), fabricated)).one()
        return int(n or 0), int(fab or 0)

    # batch jobs --------------------------------------------------------------------------

    def create_job(
        self, filename: str, lines: Iterable[tuple[int, str]], *, chunk_bytes: int = 4_000_000
    ) -> JobSummary:
        """Persist an upload as a queued job with one pending item per line.

        ``lines`` may be a stream (an upload read from disk): they are inserted a few MB at
        a time, in one transaction, so neither memory nor a half-written job depends on the
        upload's size. Should ``lines`` raise, nothing is stored.
        """
        job_id = uuid.uuid4().hex
        now = utcnow()
        name = filename[:512]
        total = 0
        with self.engine.begin() as conn:
            conn.execute(
                insert(JobRow).values(
                    id=job_id,
                    filename=name,
                    status="queued",
                    total=0,
                    processed=0,
                    errors=0,
                    created_at=now,
                    updated_at=now,
                )
            )
            batch: list[dict[str, Any]] = []
            size = 0
            for n, text in lines:
                batch.append({"job_id": job_id, "line_no": n, "content": text})
                size += len(text)
                if len(batch) >= 1000 or size >= chunk_bytes:
                    conn.execute(insert(JobItemRow), batch)
                    total += len(batch)
                    batch, size = [], 0
            if batch:
                conn.execute(insert(JobItemRow), batch)
                total += len(batch)
            conn.execute(update(JobRow).where(JobRow.id == job_id).values(total=total))
        return JobSummary(job_id, name, "queued", total, 0, 0, now, now)

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

    def lease_items(self, limit: int, *, lease_seconds: float) -> list[LeasedItem]:
        """Claim up to ``limit`` pending lines, oldest job first, for ``lease_seconds``.

        Safe with several workers (processes) on one store: a line is claimed by one worker
        until its lease expires. On PostgreSQL the claim first takes row locks with
        ``SELECT … FOR UPDATE SKIP LOCKED`` (concurrent claims skip each other's rows
        instead of waiting or colliding), then writes the lease; on SQLite it is one
        ``UPDATE … WHERE id IN (SELECT …)`` under the single writer lock, atomic too.
        Jobs whose lines are all done are marked done on the way.
        """
        token = uuid.uuid4().hex
        now = utcnow()
        free = (
            JobItemRow.record.is_(None),
            or_(JobItemRow.leased_until.is_(None), JobItemRow.leased_until < now),
        )
        open_jobs = JobRow.status.in_(("queued", "running"))
        candidates = (
            select(JobItemRow.id)
            .join(JobRow, JobRow.id == JobItemRow.job_id)
            .where(open_jobs, *free)
            .order_by(JobRow.created_at, JobRow.id, JobItemRow.line_no)
            .limit(limit)
        )
        finished = select(JobRow.id).where(open_jobs, JobRow.processed >= JobRow.total)
        with self.engine.connect() as conn:
            # Read first: an idle worker polls without taking SQLite's write lock, which
            # would make a request's write wait (SQLite's busy handler sleeps 1-100 ms).
            idle = conn.execute(candidates).first() is None
            if idle and conn.execute(finished.limit(1)).first() is None:
                return []
        until = now + timedelta(seconds=lease_seconds)
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                # Lock first, then update: inside ``IN (…)`` PostgreSQL may run a LIMITed
                # subquery more than once and claim more than ``limit`` lines.
                locked = candidates.with_for_update(skip_locked=True, of=JobItemRow)
                chosen: Any = list(conn.execute(locked).scalars())
            else:  # one statement under SQLite's write lock (a read first could go stale)
                chosen = candidates.scalar_subquery()
            conn.execute(
                update(JobItemRow)
                .where(JobItemRow.id.in_(chosen), *free)
                .values(leased_by=token, leased_until=until)
                .execution_options(synchronize_session=False)
            )
            rows = conn.execute(
                select(JobItemRow.id, JobItemRow.job_id, JobItemRow.line_no, JobItemRow.content)
                .where(JobItemRow.leased_by == token)
                .order_by(JobItemRow.id)
            ).all()
            job_ids = sorted({r.job_id for r in rows})
            if job_ids:
                conn.execute(
                    update(JobRow)
                    .where(JobRow.id.in_(job_ids), JobRow.status == "queued")
                    .values(status="running", updated_at=now)
                )
            else:  # nothing left to claim: close jobs whose lines are all done
                conn.execute(
                    update(JobRow)
                    .where(JobRow.id.in_(finished.scalar_subquery()))
                    .values(status="done", updated_at=now)
                )
        return [
            LeasedItem(r.id, r.job_id, r.line_no, r.content, token, lease_seconds) for r in rows
        ]

    def release_items(self, items: Sequence[LeasedItem]) -> int:
        """Give back the unfinished lines of a claim (a worker stopping); return how many."""
        if not items:
            return 0
        with self.engine.begin() as conn:
            result = conn.execute(
                update(JobItemRow)
                .where(
                    JobItemRow.id.in_([i.id for i in items]),
                    JobItemRow.leased_by.in_({i.lease for i in items}),
                    JobItemRow.record.is_(None),
                )
                .values(leased_by=None, leased_until=None)
                .execution_options(synchronize_session=False)
            )
            return int(result.rowcount)

    def finish_item(self, item: LeasedItem, record_json: str) -> bool:
        """Save the output record of a line that stored no document (an error row).

        Returns:
            False when the lease was lost to another worker (nothing is written).
        """
        with self.engine.begin() as conn:
            if not _hold(conn, item):
                return False
            _finish(conn, item, record_json, None, is_error=True)
            return True

    # quotas ------------------------------------------------------------------------------

    def usage(self, principal: str) -> UsageSummary:
        """What ``principal`` has written: stored bytes, and bytes in its quota window."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(UsageRow.stored_bytes, UsageRow.window_start, UsageRow.window_bytes).where(
                    UsageRow.principal == principal
                )
            ).first()
        if row is None:
            return UsageSummary(principal, 0, None, 0)
        return UsageSummary(principal, int(row[0]), row[1], int(row[2]))

    def charge_usage(self, principal: str, nbytes: int, *, window_seconds: float) -> None:
        """Add ``nbytes`` to what ``principal`` stored and sent in its current window.

        A window older than ``window_seconds`` starts again now. One atomic upsert, safe
        with several processes.
        """
        now = utcnow()
        expired = UsageRow.window_start <= now - timedelta(seconds=window_seconds)
        statement = dialect_insert(self.engine, UsageRow).values(
            principal=principal, stored_bytes=nbytes, window_start=now, window_bytes=nbytes
        )
        statement = statement.on_conflict_do_update(
            index_elements=[UsageRow.principal],
            set_={
                "stored_bytes": UsageRow.stored_bytes + nbytes,
                "window_bytes": case((expired, nbytes), else_=UsageRow.window_bytes + nbytes),
                "window_start": case((expired, now), else_=UsageRow.window_start),
            },
        )
        with self.engine.begin() as conn:
            conn.execute(statement)

    def size_bytes(self) -> int:
        """How big the store is: the SQLite file and its WAL, or the PostgreSQL database."""
        if self.engine.dialect.name == "sqlite":
            database = Path(self.engine.url.database or "")
            wal = database.with_name(database.name + "-wal")
            return sum(p.stat().st_size for p in (database, wal) if p.exists())
        with self.engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
        return int(size or 0)


def dialect_insert(engine: Engine, table: Any) -> Any:  # noqa: ANN401 - a dialect's Insert
    """The ``INSERT`` of the store's dialect (it has ``on_conflict_do_*``)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def record_with_ids(record_json: str, document_id: int, cluster_id: str) -> str:
    """A record's JSON object with ``document_id`` and ``cluster_id`` added, not re-encoded.

    >>> record_with_ids('{"id":"a"}', 7, "tpl-1")
    '{"id":"a","document_id":7,"cluster_id":"tpl-1"}'
    """
    if not record_json.endswith("}"):
        raise ValueError("not a JSON object")
    ids = f',"document_id":{int(document_id)},"cluster_id":{json.dumps(cluster_id)}}}'
    return record_json[:-1] + ids


def _signatures_between(
    conn: Connection, after: int, before: int
) -> Iterator[tuple[int, tuple[int, ...]]]:
    """``(store id, signature)`` of the documents with ``after < id < before``, in id order."""
    rows = conn.execute(
        select(DocumentRow.id, DocumentRow.signature)
        .where(DocumentRow.id > after, DocumentRow.id < before)
        .order_by(DocumentRow.id)
    )
    for doc_id, signature in rows:
        yield int(doc_id), tuple(int(v) for v in signature.split())


def _hold(conn: Connection, item: LeasedItem) -> bool:
    """Whether ``item`` is still ours and undone; renews the lease of the claim's lines.

    The renewal is a write: on PostgreSQL it locks the rows (a worker claiming expired
    lines skips them), on SQLite it takes the write lock, so the line stays ours until this
    transaction commits.
    """
    renewed = conn.execute(
        update(JobItemRow)
        .where(JobItemRow.leased_by == item.lease, JobItemRow.record.is_(None))
        .values(leased_until=utcnow() + timedelta(seconds=item.lease_seconds))
        .returning(JobItemRow.id)
        .execution_options(synchronize_session=False)
    )
    return item.id in set(renewed.scalars())


def _finish(
    conn: Connection,
    item: LeasedItem,
    record_json: str,
    document_id: int | None,
    *,
    is_error: bool,
) -> None:
    """Save a held line's output record and advance its job (done after its last line)."""
    now = utcnow()
    conn.execute(
        update(JobItemRow)
        .where(JobItemRow.id == item.id)
        .values(record=record_json, document_id=document_id, leased_until=None)
        .execution_options(synchronize_session=False)
    )
    conn.execute(
        update(JobRow)
        .where(JobRow.id == item.job_id)
        .values(
            processed=JobRow.processed + 1,
            errors=JobRow.errors + int(is_error),
            status=case((JobRow.processed + 1 >= JobRow.total, "done"), else_="running"),
            updated_at=now,
        )
    )


def _latest_labels() -> Subquery:
    """``(document_id, label)``: each labelled document's most recent label."""
    return latest_labels()


def refresh_analyst_label(session: Session, document_id: int) -> None:
    """Copy a document's latest analyst label (or none) into its search facts.

    Every change to a document's labels must call this in the same transaction.
    """
    latest = session.scalar(
        select(LabelRow.label)
        .where(LabelRow.document_id == document_id)
        .order_by(LabelRow.id.desc())
        .limit(1)
    )
    session.execute(
        update(FactRow)
        .where(FactRow.id == document_id)
        .values(analyst_label=latest)
        .execution_options(synchronize_session=False)
    )


def _fact_values(new: NewDocument, document_id: int, now: datetime) -> dict[str, Any]:
    """The search facts of a new document (its cluster id is set once assigned)."""
    facts = facts_of(new.record, now)
    return {
        "id": document_id,
        "label": new.record["label"],
        "score": float(new.record["score"]),
        "cluster_id": None,
        "analyst_label": None,
        "person": facts.person,
        "domain": facts.domain,
        "lang": facts.lang,
        "obfuscated": facts.obfuscated,
        "day": facts.day,
    }


def _document_values(new: NewDocument, now: datetime) -> dict[str, Any]:
    raw, record = new.raw, new.record
    return {
        "doc_id": raw.id[:512],
        "source": raw.source[:512],
        "url": raw.url,
        "title": record.get("title") or raw.title,
        "media_type": raw.media_type.value,
        "content": raw.content,
        "label": record["label"],
        "score": float(record["score"]),
        "record": new.record_json,
        "model_version": record.get("model_version", ""),
        "signature": " ".join(map(str, new.signature)),
        "job_id": new.job_id,
        "created_at": now,
    }


def _summary(row: DocumentRow, fact: FactRow | None) -> DocumentSummary:
    return DocumentSummary(
        id=row.id,
        doc_id=row.doc_id,
        title=row.title,
        url=row.url,
        label=row.label,
        score=row.score,
        cluster_id=row.cluster_id,
        created_at=row.created_at,
        latest_label=fact.analyst_label if fact is not None else None,
        domain=fact.domain if fact is not None else None,
        lang=fact.lang if fact is not None else None,
        person=fact.person if fact is not None else None,
        obfuscated=fact.obfuscated if fact is not None else 0,
        day=fact.day if fact is not None else None,
    )


def _fact_summary(fact: Any, head: Any) -> DocumentSummary:  # noqa: ANN401 - Rows
    return DocumentSummary(
        id=fact.id,
        doc_id=head.doc_id,
        title=head.title,
        url=head.url,
        label=fact.label,
        score=fact.score,
        cluster_id=fact.cluster_id,
        created_at=head.created_at,
        latest_label=fact.analyst_label,
        domain=fact.domain,
        lang=fact.lang,
        person=fact.person,
        obfuscated=fact.obfuscated,
        day=fact.day,
    )


def _label_view(row: LabelRow) -> StoredLabel:
    return StoredLabel(row.id, row.document_id, row.label, row.analyst, row.note, row.created_at)


def _cluster_query() -> Any:  # noqa: ANN401 - a Select of seven columns
    fabricated = func.sum(case((DocumentRow.label == "fabricated", 1), else_=0))
    return (
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
    )


def _cluster_view(
    row: Sequence[Any], people: tuple[str, ...], domains: tuple[str, ...]
) -> ClusterSummary:
    cluster_id, size, max_score, fabricated, first, last, title = row
    return ClusterSummary(
        cluster_id,
        size,
        float(max_score),
        int(fabricated or 0),
        people,
        title,
        first,
        last,
        domains,
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

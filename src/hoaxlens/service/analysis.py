"""The ``Analyzer`` behind the service: analyse, cluster and store one document.

Every input yields exactly one output record: a verdict (stored, clustered) or an error row
naming the stage and the reason (returned, and kept with its batch job).

A verdict costs one store transaction (document, people, cluster ids and, for a batch line,
the line's record and its job's progress) and its record is JSON-encoded once: the same
text is stored, kept with the batch line and sent back by ``POST /v1/analyze``.

With an :class:`~hoaxlens.service.pool.AnalysisPool` the analysis (and the signature to
cluster by) runs in worker processes under the per-document budget; the store writes and
the cluster index stay here.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.service.campaigns import ClusterIndex
from hoaxlens.service.pool import analyse
from hoaxlens.service.views import NewDocument
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.service.pool import AnalysisPool
    from hoaxlens.service.store import Earlier, Store
    from hoaxlens.service.views import LeasedItem
    from hoaxlens.types import RawDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The output record of one input, its JSON, and its store id when it was stored.

    ``record_json`` is the text to send or keep (``json.loads(record_json) == record``).
    """

    record: Mapping[str, Any]
    record_json: str
    document_id: int | None

    @property
    def is_error(self) -> bool:
        """Whether the record is an error row."""
        return self.record.get("error") is not None


class LeaseLostError(RuntimeError):
    """Another worker took over a batch line (its lease expired); nothing was written."""


class AnalysisService:
    """Analyse documents and keep store and cluster index in step."""

    def __init__(
        self,
        analyzer: Analyzer,
        store: Store,
        clusters: ClusterIndex,
        *,
        pool: AnalysisPool | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.pool = pool  # None: analyse in the calling thread (no budget applies there)
        self.store = store
        self.clusters = clusters
        self._write_lock = threading.Lock()  # store id order == cluster index order
        self._stale = False  # the index may hold a rolled-back document: reload first

    def load_clusters(self) -> int:
        """Rebuild the cluster index from the store; return how many documents it holds."""
        with self._write_lock:
            self.clusters = ClusterIndex(self.clusters.config)
            n = 0
            for store_id, signature in self.store.signatures():
                self.clusters.add(store_id, signature)
                n += 1
            return n

    def process(self, item: RawDocument | Failure, *, lease: LeasedItem | None = None) -> Outcome:
        """Analyse one document (or pass an ingest failure through) and store a verdict.

        With ``lease`` (a batch line this worker claimed) the line's output record is saved
        in the same transaction as the document.

        Raises:
            LeaseLostError: when ``lease`` is no longer this worker's.
        """
        # Analysed and signed (masking and MinHash: the slow half of clustering) in a worker
        # process when there is a pool, so this thread only waits, holding nothing.
        if self.pool is not None:
            analysed = self.pool.analyse(item)
        else:
            analysed = analyse(self.analyzer, self.clusters.config, item)
        record, record_json, signature = (
            analysed.record,
            analysed.record_json,
            analysed.signature,
        )
        if signature is None or isinstance(item, Failure):
            if lease is not None and not self.store.finish_item(lease, record_json):
                raise LeaseLostError(f"batch line {lease.job_id}#L{lease.line_no}")
            return Outcome(record, record_json, None)
        new = NewDocument(
            item,
            record,
            record_json,
            signature,
            job_id=lease.job_id if lease is not None else None,
        )
        with self._write_lock:
            if self._stale:
                self._reload_clusters()
            assigned = False

            def assign(document_id: int, earlier: Earlier) -> tuple[str, Sequence[int]]:
                nonlocal assigned
                assigned = True
                # what other processes on this store added since: same ids, same order
                self.clusters.load(earlier(self.clusters.last_id))
                return self.clusters.add(document_id, signature)

            try:
                stored = self.store.add_document(new, assign, item=lease)
            except Exception:
                if assigned:  # the index holds a document the store rolled back
                    self._stale = True
                    try:
                        self._reload_clusters()
                    except Exception:  # store unreachable: the next write retries
                        logger.exception("cannot rebuild the cluster index yet")
                raise
        if stored is None:
            assert lease is not None  # noqa: S101 - only a leased line can be refused
            raise LeaseLostError(f"batch line {lease.job_id}#L{lease.line_no}")
        ids = {"document_id": stored.document_id, "cluster_id": stored.cluster_id}
        return Outcome(record | ids, stored.record_json, stored.document_id)

    def _reload_clusters(self) -> None:
        """Rebuild the index from what the store committed (the write lock is held).

        Should the store be unreachable, the index stays marked stale and the next write
        tries again before it clusters anything.
        """
        logger.warning("a store write failed after clustering: rebuilding the cluster index")
        fresh = ClusterIndex(self.clusters.config)
        fresh.load(self.store.signatures())
        self.clusters = fresh
        self._stale = False

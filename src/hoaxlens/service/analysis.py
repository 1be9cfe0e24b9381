"""The ``Analyzer`` behind the service: analyse, cluster and store one document.

Every input yields exactly one output record: a verdict (stored, clustered) or an error row
naming the stage and the reason (returned, and kept with its batch job).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.output import to_record
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.service.campaigns import ClusterIndex
    from hoaxlens.service.store import Store
    from hoaxlens.types import RawDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The output record of one input, and its store id when it was stored."""

    record: dict[str, Any]
    document_id: int | None

    @property
    def is_error(self) -> bool:
        """Whether the record is an error row."""
        return self.record.get("error") is not None


class AnalysisService:
    """Analyse documents and keep store and cluster index in step."""

    def __init__(self, analyzer: Analyzer, store: Store, clusters: ClusterIndex) -> None:
        self.analyzer = analyzer
        self.store = store
        self.clusters = clusters
        self._write_lock = threading.Lock()  # store id order == cluster index order

    def load_clusters(self) -> int:
        """Rebuild the cluster index from the store; return how many documents it holds."""
        n = 0
        for store_id, signature in self.store.signatures():
            self.clusters.add(store_id, signature)
            n += 1
        return n

    def process(self, item: RawDocument | Failure, *, job_id: str | None = None) -> Outcome:
        """Analyse one document (or pass an ingest failure through) and store a verdict."""
        result = self.analyzer.analyze_one(item)
        record = to_record(result)
        if isinstance(result, Failure):
            return Outcome(record, None)
        raw = result.document.raw
        signature = self.clusters.sign(result.document.text)
        with self._write_lock:
            document_id = self.store.add_document(raw, record, signature=signature, job_id=job_id)
            cluster_id, moved = self.clusters.add(document_id, signature)
            self.store.set_cluster(moved, cluster_id)
        return Outcome(record | {"document_id": document_id, "cluster_id": cluster_id}, document_id)

"""What one running service holds: settings, store, analysis and the batch worker."""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.analyzer import Analyzer
from hoaxlens.batch.budget import Budget
from hoaxlens.service.analysis import AnalysisService
from hoaxlens.service.campaigns import ClusterIndex
from hoaxlens.service.jobs import BatchWorker
from hoaxlens.service.pool import AnalysisPool, default_workers
from hoaxlens.service.store import Store

if TYPE_CHECKING:
    from hoaxlens.service.settings import ServiceSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """The long-lived objects of one app instance."""

    settings: ServiceSettings
    store: Store
    analysis: AnalysisService
    worker: BatchWorker | None

    @classmethod
    def open(cls, settings: ServiceSettings) -> ServiceContext:
        """Open the store (running migrations), load the model and the cluster index."""
        store = Store(settings.store_url)
        workers = settings.analysis_workers
        workers = default_workers() if workers is None else workers
        pool = (
            AnalysisPool(
                settings.analyzer,
                settings.cluster,
                size=workers,
                budget=Budget(settings.budget_seconds),
            )
            if workers > 0
            else None
        )
        analysis = AnalysisService(
            Analyzer(settings.analyzer), store, ClusterIndex(settings.cluster), pool=pool
        )
        n = analysis.load_clusters()
        logger.info("store %s: %d documents", store.engine.url.render_as_string(), n)
        worker = (
            BatchWorker(
                analysis, chunk=settings.batch_chunk, lease_seconds=settings.batch_lease_seconds
            )
            if settings.run_worker
            else None
        )
        # What is loaded by now (modules, the model, the cluster index) lives as long as the
        # service: take it out of the cyclic GC's sweeps. A full collection over it held
        # the GIL, so every request and /healthz, for 120-250 ms on a busy 2-core machine.
        gc.freeze()
        return cls(settings, store, analysis, worker)

    def start(self) -> None:
        """Start the batch worker (it resumes unfinished jobs)."""
        if self.worker is not None:
            self.worker.start()

    def wake_worker(self) -> None:
        """Tell the worker a job is waiting."""
        if self.worker is not None:
            self.worker.wake()

    def close(self) -> None:
        """Stop the worker and the analysis processes, and close the store."""
        if self.worker is not None:
            self.worker.stop()
        if self.analysis.pool is not None:
            self.analysis.pool.close()
        self.store.close()
        gc.unfreeze()  # collectable again once dropped (an app in a test, say)

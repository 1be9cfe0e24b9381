"""The service's analysis processes: no request holds the event loop, ``/healthz`` or the GIL.

Analysis of one document (extract, normalize, signals, verdict, and the MinHash signature
it will be clustered by) runs in a pool of worker processes under the per-document budget
(:mod:`hoaxlens.batch.budget`); the store, the cluster index and every write stay in the
service process. Each worker is a *lane* of its own (a one-process executor), so the
watchdog can kill the one worker stuck on a hostile document and replace only that lane:
requests being analysed in the other lanes go on untouched.

Lanes start when first needed (a service that is never asked to analyse starts none) and
are kept; at most ``size`` run at once, and a request waits for a free one.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING, Any

from hoaxlens.batch.budget import (
    NO_BUDGET,
    Board,
    Budget,
    Watchdog,
    install,
    run_tagged,
    timeout_failure,
    warm_up,
    within_budget,
)
from hoaxlens.batch.worker import crashed, init_worker, safe_analyze, worker_analyzer
from hoaxlens.cluster import cluster_text, document_signature
from hoaxlens.output import Record, to_record
from hoaxlens.types import Failure, RawDocument, Stage, Verdict

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.cluster import ClusterConfig

logger = logging.getLogger(__name__)

MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """``min(cores this process may use, 4)``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


@dataclass(frozen=True, slots=True)
class Analysed:
    """One document's output record, its JSON, and (for a verdict) its MinHash signature."""

    record: Record
    record_json: str
    signature: tuple[int, ...] | None  # None: an error row, nothing to cluster


def encode(result: Verdict | Failure, signature: tuple[int, ...] | None = None) -> Analysed:
    """The record of ``result`` and its compact JSON (what the store keeps and the API sends)."""
    record = to_record(result)
    record_json = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return Analysed(record, record_json, signature)


def analyse(analyzer: Analyzer, cluster: ClusterConfig, item: RawDocument | Failure) -> Analysed:
    """Analyse and sign one document, within this process's budget (if one is installed)."""

    def run(one: RawDocument | Failure) -> Analysed:
        result = safe_analyze(analyzer, one)
        if isinstance(result, Failure):
            return encode(result)
        # Headline + body, as `hoaxlens cluster`, the report and Spark sign them.
        text = cluster_text(result.document.title, result.document.text)
        return encode(result, document_signature(text, cluster)[1])

    outcome = within_budget(run, item)
    return encode(outcome) if isinstance(outcome, Failure) else outcome


_LANE: dict[str, Any] = {}


def _init_lane(
    config: AnalyzerConfig, cluster: ClusterConfig, budget: Budget, board: Board | None
) -> None:
    init_worker(config, "jsonl")
    _LANE["cluster"] = cluster
    analyzer = worker_analyzer()
    warm_up(lambda raw: analyse(analyzer, cluster, raw))  # signing imports lazily too
    install(budget, board)


def analyse_in_lane(item: RawDocument) -> Analysed:
    """:func:`analyse` with this worker's analyzer and cluster settings."""
    return analyse(worker_analyzer(), _LANE["cluster"], item)


class _Lane:
    """One worker process, its board slot, and whether it has died."""

    def __init__(
        self,
        config: AnalyzerConfig,
        cluster: ClusterConfig,
        budget: Budget,
        watchdog: Watchdog | None,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.board = Board(1, context) if watchdog is not None else None
        self.watchdog = watchdog
        self.broken = False
        self.executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_init_lane,
            initargs=(config, cluster, budget, self.board),
        )
        if watchdog is not None and self.board is not None:
            watchdog.watch(self.board)

    def close(self, *, wait: bool = True) -> None:
        if self.watchdog is not None and self.board is not None:
            self.watchdog.forget(self.board)
        self.executor.shutdown(wait=wait, cancel_futures=True)


class AnalysisPool:
    """Up to ``size`` worker processes that analyse one document each at a time.

    Thread-safe: request threads and the batch worker call :meth:`analyse` at once.
    ``task`` runs in a worker on each document (default :func:`analyse_in_lane`).
    """

    def __init__(
        self,
        config: AnalyzerConfig,
        cluster: ClusterConfig,
        *,
        size: int,
        budget: Budget = NO_BUDGET,
        task: Callable[[RawDocument], Analysed] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError(f"an analysis pool needs at least one worker, not {size}")
        self.config = config
        self.cluster = cluster
        self.size = size
        self.budget = budget
        self.task = task or analyse_in_lane  # tests pass one that is slow on purpose
        self.watchdog = Watchdog(budget) if budget.enabled else None
        self._idle: list[_Lane] = []
        self._started = 0
        self._closed = False
        self._ready = threading.Condition()
        self._tokens = count()

    def analyse(self, item: RawDocument | Failure) -> Analysed:
        """Analyse ``item`` in a worker: its record, or the error row (timeout, crash)."""
        if isinstance(item, Failure):
            return encode(item)
        lane = self._take()
        token = next(self._tokens)
        try:
            return lane.executor.submit(run_tagged, self.task, token, item).result()
        except BrokenProcessPool:
            lane.broken = True
            if self.watchdog is not None and self.watchdog.killed(token, 0):
                return encode(timeout_failure(item, self.budget, stage=Stage.WORKER))
            logger.error("%s: the analysis worker died analysing it", item.id)
            return encode(crashed(item))
        finally:
            self._give_back(lane)

    def _take(self) -> _Lane:
        with self._ready:
            while True:
                if self._closed:
                    raise RuntimeError("the analysis pool is closed")
                if self._idle:
                    return self._idle.pop()
                if self._started < self.size:
                    self._started += 1
                    break
                self._ready.wait()
        try:
            return _Lane(self.config, self.cluster, self.budget, self.watchdog)
        except BaseException:
            with self._ready:
                self._started -= 1
                self._ready.notify()
            raise

    def _give_back(self, lane: _Lane) -> None:
        with self._ready:
            keep = not lane.broken and not self._closed
            if keep:
                self._idle.append(lane)
            else:
                self._started -= 1
            self._ready.notify()
        if not keep:
            lane.close(wait=False)

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their document is done)."""
        with self._ready:
            self._closed = True
            idle, self._idle = self._idle, []
            self._ready.notify_all()
        for lane in idle:
            lane.close()
        if self.watchdog is not None:
            self.watchdog.close()

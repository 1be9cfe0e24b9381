"""The service's analysis processes: no request holds the event loop, ``/healthz`` or the GIL.

Analysis of one document (extract, normalize, signals, verdict, and the MinHash signature
it will be clustered by) runs in a pool of worker processes under the per-document budget
(:mod:`hoaxlens.batch.budget`); the store, the cluster index and every write stay in the
service process. Each worker is a *lane* of its own (one process and a pipe to it), so
the watchdog can kill the one worker stuck on a hostile document and replace only that
lane: requests being analysed in the other lanes go on untouched.

Lanes start when first needed (a service that is never asked to analyse starts none) and
are kept; at most ``size`` run at once, and a request waits for a free one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import pickle
import threading
from collections import deque
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
    from multiprocessing.connection import Connection

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


def _lane_main(
    conn: Connection,
    config: AnalyzerConfig,
    cluster: ClusterConfig,
    budget: Budget,
    board: Board | None,
    task: Callable[[RawDocument], Analysed],
) -> None:
    """A worker process: analyse each ``(token, document)`` received; stop on ``None``/EOF.

    Answers ``(True, Analysed)``, or ``(False, exception)`` where the task raised (a bug:
    the parent raises it again, as a function call would).
    """
    _init_lane(config, cluster, budget, board)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the service is gone
            return
        if message is None:
            return
        token, item = message
        try:
            answer: tuple[bool, object] = (True, run_tagged(task, token, item))
        except Exception as exc:  # handed to the parent, which raises it
            answer = (False, exc)
        try:
            conn.send(answer)
        except (TypeError, AttributeError, pickle.PicklingError):  # an unpicklable exception
            conn.send((False, RuntimeError(repr(answer[1])[:1000])))


class _LaneDiedError(Exception):
    """The lane's worker process died (killed by the watchdog, or crashed)."""


class _Lane:
    """One worker process, the pipe to it, its board slot, and whether it has died.

    Used by one request thread at a time: it sends a document and waits for the answer on
    the pipe itself (no executor thread in between, so no extra wake-up per document).
    """

    def __init__(
        self,
        config: AnalyzerConfig,
        cluster: ClusterConfig,
        budget: Budget,
        watchdog: Watchdog | None,
        task: Callable[[RawDocument], Analysed],
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.board = Board(1, context) if watchdog is not None else None
        self.watchdog = watchdog
        self.broken = False
        self.conn, theirs = context.Pipe()
        self.process = context.Process(
            target=_lane_main,
            args=(theirs, config, cluster, budget, self.board, task),
            name="hoaxlens-analysis",
            daemon=True,
        )
        self.process.start()
        theirs.close()  # so that the worker's death reads as EOF here
        if watchdog is not None and self.board is not None:
            watchdog.watch(self.board)

    def send(self, token: int, item: RawDocument) -> None:
        """Hand the worker a document (it starts at once: it only waits for this)."""
        try:
            self.conn.send((token, item))
        except OSError as exc:  # BrokenPipeError: it died
            self.broken = True
            raise _LaneDiedError from exc

    def receive(self) -> Analysed:
        """The worker's answer to the document sent last."""
        try:
            ok, value = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.broken = True
            raise _LaneDiedError from exc
        if not ok:
            raise value
        result: Analysed = value
        return result

    def close(self, *, wait: float = 5.0) -> None:
        """Stop the worker (at once where it is broken) and reap it."""
        if self.watchdog is not None and self.board is not None:
            self.watchdog.forget(self.board)
        if not self.broken:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(wait)
        self.conn.close()


class _Job:
    """A document waiting for a lane; the thread that frees one sends it the document."""

    __slots__ = ("item", "lane", "sent", "token")

    def __init__(self, token: int, item: RawDocument) -> None:
        self.token = token
        self.item = item
        self.lane: _Lane | None = None
        self.sent = False


class AnalysisPool:
    """Up to ``size`` worker processes that analyse one document each at a time.

    Thread-safe: request threads and the batch worker call :meth:`analyse` at once.
    ``task`` runs in a worker on each document (default :func:`analyse_in_lane`).

    A request that finds every lane busy queues; the thread that frees a lane sends the
    next queued document to that worker straight away (before its own answer goes on), so
    a worker never waits for a waiting thread to be scheduled.
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
        self._queue: deque[_Job] = deque()
        self._started = 0
        self._closed = False
        self._ready = threading.Condition()
        self._tokens = count()

    def analyse(self, item: RawDocument | Failure) -> Analysed:
        """Analyse ``item`` in a worker: its record, or the error row (timeout, crash)."""
        if isinstance(item, Failure):
            return encode(item)
        job = _Job(next(self._tokens), item)
        lane = self._take(job)
        try:
            if not job.sent:
                lane.send(job.token, item)
            return lane.receive()
        except _LaneDiedError:
            if self.watchdog is not None and self.watchdog.killed(job.token, 0):
                return encode(timeout_failure(item, self.budget, stage=Stage.WORKER))
            logger.error("%s: the analysis worker died analysing it", item.id)
            return encode(crashed(item))
        finally:
            self._give_back(lane)

    def _take(self, job: _Job) -> _Lane:
        """An idle lane, a new one, or (after waiting) one with ``job`` already sent."""
        with self._ready:
            queued = False
            while True:
                if job.lane is not None:
                    return job.lane
                if self._closed:
                    if job in self._queue:
                        self._queue.remove(job)
                    raise RuntimeError("the analysis pool is closed")
                if not queued and self._idle:
                    return self._idle.pop()
                if self._started < self.size:  # at start, or a lane died: start one
                    if queued:
                        self._queue.remove(job)
                    self._started += 1
                    break
                if not queued:
                    self._queue.append(job)
                    queued = True
                self._ready.wait()
        try:
            return _Lane(self.config, self.cluster, self.budget, self.watchdog, self.task)
        except BaseException:
            with self._ready:
                self._started -= 1
                self._ready.notify_all()
            raise

    def _give_back(self, lane: _Lane) -> None:
        """Send the next queued document to ``lane``, or keep it idle; drop it if broken."""
        while True:
            with self._ready:
                if lane.broken or self._closed:
                    self._started -= 1
                    self._ready.notify_all()  # a queued request starts a new lane
                    break
                if not self._queue:
                    self._idle.append(lane)
                    self._ready.notify_all()
                    return
                job = self._queue.popleft()
            try:
                lane.send(job.token, job.item)
                job.sent = True
            except _LaneDiedError:
                with self._ready:
                    self._queue.appendleft(job)
                continue  # broken: the loop above drops it
            with self._ready:
                job.lane = lane
                self._ready.notify_all()
            return
        lane.close(wait=0.5)

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

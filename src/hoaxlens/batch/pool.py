"""Ordered parallel analysis with a bounded number of chunks in flight.

Workers are separate processes (``spawn``: no state inherited from the parent, so the
same code works on every platform and next to the progress thread); each builds its
``Analyzer`` once from the ``AnalyzerConfig``. Results come back in input order, and at
most ``window`` chunks are in flight, so memory stays bounded however large the input.

A worker that dies hard (the kernel's out-of-memory killer, a signal, a crash in native
code) breaks the whole pool, and every chunk in flight with it. The batch goes on: chunks
that had finished keep their results; each unfinished one is analysed again one document
at a time in a fresh pool, so a document that kills its worker again becomes one error row
(stage ``worker``) and the others get their verdicts; then a fresh pool takes the rest.

With a per-document budget (:mod:`hoaxlens.batch.budget`) the parent's watchdog kills a
worker stuck on one document; that document gets the ``analyze_timeout`` row, and the
chunks in flight (the killed one less its culprit) run again as chunks in a fresh pool.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import count, islice
from typing import TYPE_CHECKING

from hoaxlens.batch.budget import (
    NO_BUDGET,
    WARM_UP_BELOW_SECONDS,
    Board,
    Budget,
    Watchdog,
    install,
    run_tagged,
    soft_limit,
    timeout_failure,
    warm_up,
)
from hoaxlens.batch.worker import (
    _STATE,
    analyze_chunk,
    crashed,
    init_worker,
    merge_results,
    run_chunk,
)
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.batch.worker import ChunkResult

    Task = Callable[[Sequence[RawDocument | Failure]], ChunkResult]

logger = logging.getLogger(__name__)


def chunked(
    items: Iterable[RawDocument | Failure], size: int
) -> Iterator[list[RawDocument | Failure]]:
    """Consecutive lists of ``size`` items (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyze_in_order(
    chunks: Iterator[list[RawDocument | Failure]],
    *,
    analyzer: Analyzer,
    config: AnalyzerConfig,
    fmt: str,
    workers: int,
    window: int | None = None,
    task: Task = run_chunk,
    budget: Budget = NO_BUDGET,
) -> Iterator[ChunkResult]:
    """Analyze ``chunks`` and yield their results in input order.

    Runs in this process (with ``analyzer``) when ``workers`` is 1 or the whole input fits
    in the first chunk, where starting processes would cost more than it saves; otherwise
    in ``workers`` processes with at most ``window`` (default ``2 * workers``) chunks in
    flight, each analysed by ``task`` (``run_chunk``; tests pass one that crashes).

    With a ``budget`` no document costs more than ``budget.seconds`` of CPU (see
    :mod:`hoaxlens.batch.budget`). Only the soft limit can apply in this process, so the
    input is analysed here only when it is one chunk of plain text (no native parser runs
    on text); otherwise in at least one worker process, which the parent's watchdog can kill.
    """
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if _in_process(first, second, workers, budget):
        if budget.enabled and budget.seconds < WARM_UP_BELOW_SECONDS:
            warm_up(analyzer.analyze_one)
        with soft_limit(budget):
            yield analyze_chunk(analyzer, first, fmt)
            if second is not None:
                yield analyze_chunk(analyzer, second, fmt)
                for chunk in chunks:
                    yield analyze_chunk(analyzer, chunk, fmt)
        return
    workers = max(1, workers) if second is not None else 1
    with ExitStack() as stack:
        watchdog = Watchdog(budget) if budget.enabled else None
        if watchdog is not None:
            stack.callback(watchdog.close)
        lanes = _Pool(config, fmt, workers, task, watchdog)
        stack.callback(lanes.shutdown)
        yield from lanes.run(first, second, chunks, window or 2 * workers, analyzer)


def _in_process(
    first: list[RawDocument | Failure],
    second: list[RawDocument | Failure] | None,
    workers: int,
    budget: Budget,
) -> bool:
    if workers > 1 and second is not None:
        return False
    if not budget.enabled:
        return True
    plain_text = all(
        isinstance(item, Failure) or item.media_type is MediaType.TEXT for item in first
    )
    return second is None and plain_text and threading.current_thread() is threading.main_thread()


def _init(config: AnalyzerConfig, fmt: str, budget: Budget, board: Board | None) -> None:
    """Pool initializer: the worker's analyzer (warmed up), then its budget."""
    init_worker(config, fmt)
    if budget.enabled:
        warm_up(_STATE["analyzer"].analyze_one)
    install(budget, board)


class _Pool:
    """The process pool of one ordered run, replaced when a worker dies or is killed."""

    def __init__(
        self,
        config: AnalyzerConfig,
        fmt: str,
        workers: int,
        task: Task,
        watchdog: Watchdog | None,
    ) -> None:
        self.config = config
        self.fmt = fmt
        self.workers = workers
        self.task = task
        self.watchdog = watchdog
        self.budget = watchdog.budget if watchdog is not None else NO_BUDGET
        self.context = multiprocessing.get_context("spawn")
        self.tokens = count()
        self.board: Board | None = None
        self.executor = self.new_pool()

    def new_pool(self, size: int | None = None) -> ProcessPoolExecutor:
        """A fresh pool of ``size`` (default ``workers``) processes, watched if budgeted."""
        size = size or self.workers
        board = Board(size, self.context) if self.watchdog is not None else None
        if self.watchdog is not None:
            if self.board is not None:
                self.watchdog.forget(self.board)
            assert board is not None  # noqa: S101 - made just above
            self.watchdog.watch(board)
        self.board = board
        return ProcessPoolExecutor(
            max_workers=size,
            mp_context=self.context,
            initializer=_init,
            initargs=(self.config, self.fmt, self.budget, board),
        )

    def submit(self, executor: ProcessPoolExecutor, chunk: list[RawDocument | Failure]) -> _Pending:
        token = next(self.tokens)
        try:
            future = executor.submit(run_tagged, self.task, token, chunk)
        except BrokenProcessPool as exc:  # a worker died since: recovered with the others
            future = Future()
            future.set_exception(exc)
        return _Pending(token, chunk, future)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def run(
        self,
        first: list[RawDocument | Failure],
        second: list[RawDocument | Failure] | None,
        chunks: Iterator[list[RawDocument | Failure]],
        window: int,
        analyzer: Analyzer,
    ) -> Iterator[ChunkResult]:
        pending: deque[_Pending] = deque()
        pending.append(self.submit(self.executor, first))
        if second is not None:
            pending.append(self.submit(self.executor, second))
        for chunk in chunks:
            while len(pending) >= window:
                yield from self.next_result(pending, analyzer)
            pending.append(self.submit(self.executor, chunk))
        while pending:
            yield from self.next_result(pending, analyzer)

    def next_result(self, pending: deque[_Pending], analyzer: Analyzer) -> Iterator[ChunkResult]:
        """The oldest chunk's result; after a broken pool, what can be saved of the rest."""
        head = pending.popleft()
        try:
            yield head.future.result()
            return
        except BrokenProcessPool:
            pass
        self.executor.shutdown(wait=True, cancel_futures=True)
        lost = [head, *pending]
        pending.clear()
        timed_out = {p.token: self.timed_out(p) for p in lost}
        if any(timed_out.values()):
            # The watchdog killed a worker: its document becomes the timeout row, and the
            # chunks in flight run again, as chunks, in a fresh pool.
            logger.warning("a document passed its budget; re-running the chunks in flight")
            self.executor = self.new_pool()
            for p in lost:
                if _finished(p.future):
                    pending.append(p)
                    continue
                chunk = [
                    timeout_failure(item, self.budget, stage=Stage.WORKER)
                    if i in timed_out[p.token] and isinstance(item, RawDocument)
                    else item
                    for i, item in enumerate(p.chunk)
                ]
                pending.append(self.submit(self.executor, chunk))
            return
        logger.warning("a worker process died; re-running the chunks in flight one by one")
        for p in lost:
            if _finished(p.future):
                yield p.future.result()  # it had finished before the pool broke
            else:
                yield self.one_by_one(p.chunk, analyzer)
        self.executor = self.new_pool()

    def timed_out(self, pending: _Pending) -> set[int]:
        return self.watchdog.killed_in(pending.token) if self.watchdog is not None else set()

    def one_by_one(self, chunk: Sequence[RawDocument | Failure], analyzer: Analyzer) -> ChunkResult:
        """``chunk`` analysed one document at a time in a one-worker pool, crashes recorded.

        A document whose worker dies again gets the ``worker`` error row (``crashed``), or
        the timeout row when the watchdog killed it, and the pool is replaced; error rows
        from reading pass straight through.
        """
        parts: list[ChunkResult] = []
        executor = self.new_pool(1)
        try:
            for item in chunk:
                if isinstance(item, Failure):
                    parts.append(analyze_chunk(analyzer, [item], self.fmt))
                    continue
                attempt = self.submit(executor, [item])
                try:
                    parts.append(attempt.future.result())
                except BrokenProcessPool:
                    executor.shutdown(wait=True, cancel_futures=True)
                    executor = self.new_pool(1)
                    if self.timed_out(attempt):
                        row = timeout_failure(item, self.budget, stage=Stage.WORKER)
                    else:
                        logger.error("%s: the worker died again analysing it alone", item.id)
                        row = crashed(item)
                    parts.append(analyze_chunk(analyzer, [row], self.fmt))
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return merge_results(parts, self.fmt)


@dataclass(frozen=True, slots=True)
class _Pending:
    token: int
    chunk: list[RawDocument | Failure]
    future: Future[ChunkResult]


def _finished(future: Future[ChunkResult]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None

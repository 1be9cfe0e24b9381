"""The worker processes of an ordered run (imported only when a run starts processes).

See :mod:`hoaxlens.batch.pool`: ``Lanes`` keeps a ``spawn`` process pool with at most
``window`` chunks in flight, and replaces it when a worker dies or is killed.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from hoaxlens.batch.budget import (
    NO_BUDGET,
    Board,
    Budget,
    Watchdog,
    install,
    run_tagged,
    timeout_failure,
    warm_up,
)
from hoaxlens.batch.worker import (
    _STATE,
    analyze_chunk,
    crashed,
    init_worker,
    merge_results,
)
from hoaxlens.types import Failure, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.batch.worker import ChunkResult

    Task = Callable[[Sequence[RawDocument | Failure]], ChunkResult]

logger = logging.getLogger("hoaxlens.batch.pool")  # the messages kept their logger when moved here


def _init(config: AnalyzerConfig, fmt: str, budget: Budget, board: Board | None) -> None:
    """Pool initializer: the worker's analyzer (warmed up), then its budget."""
    init_worker(config, fmt)
    if budget.enabled:
        warm_up(_STATE["analyzer"].analyze_one)
    install(budget, board)


class Lanes:
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
        """Send ``chunk`` to ``executor``; a pool broken since gives a failed future."""
        token = next(self.tokens)
        try:
            future = executor.submit(run_tagged, self.task, token, chunk)
        except BrokenProcessPool as exc:  # a worker died since: recovered with the others
            future = Future()
            future.set_exception(exc)
        return _Pending(token, chunk, future)

    def shutdown(self) -> None:
        """Stop the current pool (the chunks not started are cancelled)."""
        self.executor.shutdown(wait=True, cancel_futures=True)

    def run(
        self,
        first: list[RawDocument | Failure],
        second: list[RawDocument | Failure] | None,
        chunks: Iterator[list[RawDocument | Failure]],
        window: int,
        analyzer: Analyzer,
    ) -> Iterator[ChunkResult]:
        """Every chunk's result, in input order, with at most ``window`` in flight."""
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
        """The indexes in ``pending``'s chunk of the documents the watchdog killed."""
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

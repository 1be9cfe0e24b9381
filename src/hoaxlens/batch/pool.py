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
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from hoaxlens.batch.worker import analyze_chunk, crashed, init_worker, merge_results, run_chunk
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from concurrent.futures import Future

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.batch.worker import ChunkResult
    from hoaxlens.types import RawDocument

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
) -> Iterator[ChunkResult]:
    """Analyze ``chunks`` and yield their results in input order.

    Runs in this process (with ``analyzer``) when ``workers`` is 1 or the whole input fits
    in the first chunk, where starting processes would cost more than it saves; otherwise
    in ``workers`` processes with at most ``window`` (default ``2 * workers``) chunks in
    flight, each analysed by ``task`` (``run_chunk``; tests pass one that crashes).
    """
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if workers <= 1 or second is None:
        yield analyze_chunk(analyzer, first, fmt)
        if second is not None:
            yield analyze_chunk(analyzer, second, fmt)
            for chunk in chunks:
                yield analyze_chunk(analyzer, chunk, fmt)
        return
    window = window or 2 * workers
    context = multiprocessing.get_context("spawn")

    def new_pool(size: int = workers) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=size, mp_context=context, initializer=init_worker, initargs=(config, fmt)
        )

    executor = new_pool()
    pending: deque[tuple[list[RawDocument | Failure], Future[ChunkResult]]] = deque()

    def next_result() -> Iterator[ChunkResult]:
        nonlocal executor
        chunk, future = pending.popleft()
        try:
            yield future.result()
        except BrokenProcessPool:
            logger.warning("a worker process died; re-running the chunks in flight one by one")
            executor.shutdown(wait=True, cancel_futures=True)
            unfinished = [(chunk, future), *pending]
            pending.clear()
            for lost_chunk, lost in unfinished:
                if lost.done() and not lost.cancelled() and lost.exception() is None:
                    yield lost.result()  # it had finished before the pool broke
                else:
                    yield _one_by_one(lost_chunk, new_pool, task, analyzer, fmt)
            executor = new_pool()

    try:
        pending.append((first, executor.submit(task, first)))
        pending.append((second, executor.submit(task, second)))
        for chunk in chunks:
            if len(pending) >= window:
                yield from next_result()
            pending.append((chunk, executor.submit(task, chunk)))
        while pending:
            yield from next_result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _one_by_one(
    chunk: Sequence[RawDocument | Failure],
    new_pool: Callable[[int], ProcessPoolExecutor],
    task: Task,
    analyzer: Analyzer,
    fmt: str,
) -> ChunkResult:
    """``chunk`` analysed one document at a time in a one-worker pool, crashes recorded.

    A document whose worker dies again gets the ``worker`` error row (``crashed``) and the
    pool is replaced; error rows from reading pass straight through.
    """
    parts: list[ChunkResult] = []
    executor = new_pool(1)
    try:
        for item in chunk:
            if isinstance(item, Failure):
                parts.append(analyze_chunk(analyzer, [item], fmt))
                continue
            try:
                parts.append(executor.submit(task, [item]).result())
            except BrokenProcessPool:
                logger.error("%s: the worker died again analysing it alone", item.id)
                executor.shutdown(wait=True, cancel_futures=True)
                executor = new_pool(1)
                parts.append(analyze_chunk(analyzer, [crashed(item)], fmt))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return merge_results(parts, fmt)

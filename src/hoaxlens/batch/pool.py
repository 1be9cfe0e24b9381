"""Ordered parallel analysis with a bounded number of chunks in flight.

Workers are separate processes (``spawn``: no state inherited from the parent, so the
same code works on every platform and next to the progress thread); each builds its
``Analyzer`` once from the ``AnalyzerConfig``. Results come back in input order, and at
most ``window`` chunks are in flight, so memory stays bounded however large the input.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from hoaxlens.batch.worker import analyze_chunk, init_worker, run_chunk

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from concurrent.futures import Future

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.batch.worker import ChunkResult
    from hoaxlens.types import Failure, RawDocument


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
) -> Iterator[ChunkResult]:
    """Analyze ``chunks`` and yield their results in input order.

    Runs in this process (with ``analyzer``) when ``workers`` is 1 or the whole input fits
    in the first chunk, where starting processes would cost more than it saves; otherwise
    in ``workers`` processes with at most ``window`` (default ``2 * workers``) chunks in
    flight.
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
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=init_worker, initargs=(config, fmt)
    )
    pending: deque[Future[ChunkResult]] = deque()
    try:
        pending.append(executor.submit(run_chunk, first))
        pending.append(executor.submit(run_chunk, second))
        for chunk in chunks:
            if len(pending) >= window:
                yield pending.popleft().result()
            pending.append(executor.submit(run_chunk, chunk))
        while pending:
            yield pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)

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

import threading
from contextlib import ExitStack
from itertools import islice
from typing import TYPE_CHECKING

from hoaxlens.batch.budget import (
    NO_BUDGET,
    WARM_UP_BELOW_SECONDS,
    Budget,
    Watchdog,
    soft_limit,
    warm_up,
)
from hoaxlens.batch.worker import analyze_chunk, run_chunk
from hoaxlens.types import Failure, MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from hoaxlens.analyzer import Analyzer, AnalyzerConfig
    from hoaxlens.batch.worker import ChunkResult

    Task = Callable[[Sequence[RawDocument | Failure]], ChunkResult]


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
    from hoaxlens.batch.lanes import Lanes  # processes (multiprocessing) only when needed

    workers = max(1, workers) if second is not None else 1
    with ExitStack() as stack:
        watchdog = Watchdog(budget) if budget.enabled else None
        if watchdog is not None:
            stack.callback(watchdog.close)
        lanes = Lanes(config, fmt, workers, task, watchdog)
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

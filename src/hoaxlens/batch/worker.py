"""The work one batch process does: analyze a chunk of documents, serialize the records.

Each worker process builds its ``Analyzer`` once, from the small picklable
``AnalyzerConfig`` (:func:`init_worker`), then turns chunks of ``RawDocument | Failure``
into a :class:`ChunkResult` whose ``data`` is already in the output format, so the
expensive part (analysis and serialization) is spread over the workers and the parent only
writes bytes. The same functions run in-process when there is one worker.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.budget import within_budget
from hoaxlens.output import get_format
from hoaxlens.types import Failure, RawDocument, Stage, Verdict

if TYPE_CHECKING:
    from collections.abc import Sequence

logger = logging.getLogger(__name__)

_STATE: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What one analyzed chunk sends back to the writer.

    ``data`` is the chunk in the output format: a ``str`` of JSONL lines or CSV rows, an
    Arrow ``RecordBatch`` for Parquet, or the tuple of items for the table.
    ``labels`` holds one label per record (``None`` for an error row) and ``errors`` the
    ``(stage, type)`` of each error row, for the run summary.
    """

    count: int
    first_id: str
    last_id: str
    labels: tuple[str | None, ...]
    errors: tuple[tuple[str, str], ...]
    data: Any


def init_worker(config: AnalyzerConfig, fmt: str) -> None:
    """Build this process's analyzer once (a ``ProcessPoolExecutor`` initializer).

    Also starts a watchdog that ends the worker when its parent dies (``kill -9`` of the
    scan), so no orphaned workers are left running.
    """
    _STATE["analyzer"] = Analyzer(config)
    _STATE["format"] = fmt
    import multiprocessing  # a worker's own import: the parent may never start one

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    import multiprocessing.connection

    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def worker_analyzer() -> Analyzer:
    """This worker process's analyzer (built by :func:`init_worker`)."""
    analyzer: Analyzer = _STATE["analyzer"]
    return analyzer


def run_chunk(items: Sequence[RawDocument | Failure]) -> ChunkResult:
    """Analyze a chunk with this process's analyzer (see :func:`init_worker`)."""
    analyzer: Analyzer = _STATE["analyzer"]
    return analyze_chunk(analyzer, items, _STATE["format"])


def analyze_chunk(
    analyzer: Analyzer, items: Sequence[RawDocument | Failure], fmt: str
) -> ChunkResult:
    """Analyze ``items`` in order and serialize them to ``fmt``; one record per item."""
    results = [safe_analyze(analyzer, item) for item in items]
    labels = tuple(r.label.value if isinstance(r, Verdict) else None for r in results)
    errors = tuple((r.stage.value, r.error_type) for r in results if isinstance(r, Failure))
    return ChunkResult(
        count=len(results),
        first_id=_item_id(items[0]) if items else "",
        last_id=_item_id(items[-1]) if items else "",
        labels=labels,
        errors=errors,
        data=serialize(results, fmt),
    )


def merge_results(parts: Sequence[ChunkResult], fmt: str) -> ChunkResult:
    """One ``ChunkResult`` for consecutive ``parts`` (the records in order)."""
    data = get_format(fmt).merge([p.data for p in parts])
    return ChunkResult(
        count=sum(p.count for p in parts),
        first_id=parts[0].first_id if parts else "",
        last_id=parts[-1].last_id if parts else "",
        labels=tuple(label for p in parts for label in p.labels),
        errors=tuple(error for p in parts for error in p.errors),
        data=data,
    )


def crashed(item: RawDocument) -> Failure:
    """The error row of a document whose worker process died twice analysing it."""
    return Failure.from_raw(
        item,
        Stage.WORKER,
        "worker_crashed",
        f"{item.source}: the worker process died while analysing this document, again "
        "when it was analysed alone (killed for memory, a signal, or a crash in native "
        "code); the rest of the batch was analysed",
    )


def _item_id(item: RawDocument | Failure) -> str:
    return item.doc_id if isinstance(item, Failure) else item.id


def safe_analyze(analyzer: Analyzer, item: RawDocument | Failure) -> Verdict | Failure:
    """``analyzer.analyze_one`` within the per-document budget: always a record, never a raise.

    ``analyze_one`` already turns whatever a stage raises into that stage's error row (the
    failure policy of :mod:`hoaxlens.errors`); an exception that still escapes is a bug
    outside the stages, and becomes a ``worker`` error row here so the batch goes on.
    """
    try:
        return within_budget(analyzer.analyze_one, item)  # the timeout row when over budget
    except Exception as exc:
        assert isinstance(item, RawDocument)  # noqa: S101 - analyze_one passes Failures
        logger.exception("%s: unexpected error while analysing", item.id)
        return Failure.from_raw(
            item,
            Stage.WORKER,
            f"internal:{type(exc).__name__}",
            f"{item.source}: unexpected {type(exc).__name__}: {exc} (a bug; please report)",
        )


def serialize(results: Sequence[Verdict | Failure], fmt: str) -> Any:  # noqa: ANN401
    """Records of ``results`` in output format ``fmt`` (see ``ChunkResult.data``)."""
    return get_format(fmt).serialize(results)

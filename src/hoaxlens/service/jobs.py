"""The batch worker: a background thread that works through persisted batch jobs.

Jobs and their lines live in the store, so a restart resumes where it stopped: a line is
done once its output record is saved. Each line yields exactly one output record; a line
that cannot be parsed, or a document that fails, becomes an error row and the job goes on.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import check_size, ingest_failure
from hoaxlens.ingest.records import parse_json_line

if TYPE_CHECKING:
    from hoaxlens.service.analysis import AnalysisService, Outcome
    from hoaxlens.service.views import PendingItem
    from hoaxlens.types import Failure, RawDocument

logger = logging.getLogger(__name__)


def parse_item(item: PendingItem, service: AnalysisService) -> RawDocument | Failure:
    """A batch line as a document, or the ingest error row for it."""
    source = f"batch-{item.job_id[:8]}.jsonl#L{item.line_no}"
    try:
        check_size(item.content, source, service.analyzer.config.ingest)
        return parse_json_line(item.content, source=source)
    except IngestError as exc:
        return ingest_failure(source, exc)


def internal_error_record(item: PendingItem, exc: Exception) -> dict[str, Any]:
    """The error row for a line that hit a bug: the batch still yields one record for it."""
    source = f"batch-{item.job_id[:8]}.jsonl#L{item.line_no}"
    return {
        "id": source,
        "source": source,
        "url": None,
        "title": None,
        "label": None,
        "score": None,
        "text": None,
        "obfuscation": {"count": 0, "replacements": []},
        "signals": [],
        "people": [],
        "error": {"stage": "service", "type": type(exc).__name__, "message": str(exc)[:500]},
        "meta": {},
    }


class BatchWorker:
    """Processes pending batch lines, oldest job first, until stopped."""

    def __init__(
        self, service: AnalysisService, *, chunk: int = 16, idle_wait: float = 2.0
    ) -> None:
        self.service = service
        self.chunk = chunk
        self.idle_wait = idle_wait
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (a daemon: it never blocks the process from exiting)."""
        self._thread = threading.Thread(target=self._run, name="hoaxlens-batch", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Tell the worker a new job is waiting."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current line and wait for the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_pending(self) -> int:
        """Process one chunk of pending lines; return how many were processed."""
        items = self.service.store.pending_items(self.chunk)
        for item in items:
            if self._stop.is_set():
                break
            outcome = self._process(item)
            self.service.store.finish_item(item, outcome.record, outcome.document_id)
            time.sleep(0)  # let request threads take the GIL between documents
        return len(items)

    def _process(self, item: PendingItem) -> Outcome:
        from hoaxlens.service.analysis import Outcome

        try:
            return self.service.process(parse_item(item, self.service), job_id=item.job_id)
        except Exception as exc:  # a bug must not kill the batch: one error row for this line
            logger.exception("batch line %s#L%d failed", item.job_id, item.line_no)
            return Outcome(internal_error_record(item, exc), None)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_pending():
                    continue
            except Exception:  # e.g. the database is briefly unreachable: retry later
                logger.exception("batch worker: cannot read pending jobs")
            self._wake.wait(self.idle_wait)
            self._wake.clear()

"""The batch worker: a background thread that works through persisted batch jobs.

Jobs and their lines live in the store, so a restart resumes where it stopped: a line is
done once its output record is saved (in the same transaction as its document). Each line
yields exactly one output record; a line that cannot be parsed, or a document that fails,
becomes an error row and the job goes on.

Several processes may run a worker on one store: each claims a few lines at a time with a
lease (``Store.lease_items``), and a line whose lease has expired (its worker died) is
claimed again by another. A worker that finds its lease taken over drops the line unsaved.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import check_size, ingest_failure
from hoaxlens.ingest.records import parse_json_line
from hoaxlens.output import Record, to_record
from hoaxlens.types import Failure, Stage

if TYPE_CHECKING:
    from hoaxlens.service.analysis import AnalysisService
    from hoaxlens.service.views import LeasedItem
    from hoaxlens.types import RawDocument

logger = logging.getLogger(__name__)


def _source(item: LeasedItem) -> str:
    """Where a batch line came from, as error rows and records name it."""
    return f"batch-{item.job_id[:8]}.jsonl#L{item.line_no}"


def parse_item(item: LeasedItem, service: AnalysisService) -> RawDocument | Failure:
    """A batch line as a document, or the ingest error row for it.

    A mapped item (an export read with a preset or field names at upload) already holds
    the document as read, named as ``scan`` names it (``export.csv#L2``).
    """
    from hoaxlens.service.uploads import decode_item

    source = _source(item)
    try:
        mapped = decode_item(item.content)
    except (ValueError, KeyError, TypeError) as exc:
        return ingest_failure(source, exc)
    if mapped is not None:
        return mapped
    try:
        config = service.analyzer.config.ingest
        check_size(item.content, source, config)
        return parse_json_line(item.content, source=source, config=config)
    except IngestError as exc:
        return ingest_failure(source, exc)


def internal_error_record(item: LeasedItem, exc: Exception) -> Record:
    """The error row for a line that hit a bug: the batch still yields one record for it."""
    source = _source(item)
    failure = Failure(source, source, Stage.SERVICE, type(exc).__name__, str(exc)[:500])
    return to_record(failure)


class BatchWorker:
    """Processes pending batch lines, oldest job first, until stopped.

    ``lease_seconds``: how long a claimed line stays this worker's; the lease of the rest
    of a chunk is renewed with every line saved, so it only has to outlast one line.
    """

    def __init__(
        self,
        service: AnalysisService,
        *,
        chunk: int = 16,
        idle_wait: float = 2.0,
        lease_seconds: float = 120.0,
    ) -> None:
        if lease_seconds <= 0:
            raise ValueError("lease_seconds must be positive")
        self.service = service
        self.chunk = chunk
        self.idle_wait = idle_wait
        self.lease_seconds = lease_seconds
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
        """Claim and process one chunk of pending lines; return how many were claimed.

        Lines left unprocessed (the worker is stopping) are released at once, so that a
        restart, or another worker, takes them up without waiting for the lease to expire.
        """
        store = self.service.store
        items = store.lease_items(self.chunk, lease_seconds=self.lease_seconds)
        for done, item in enumerate(items):
            if self._stop.is_set():
                store.release_items(items[done:])
                break
            self._process(item)
            time.sleep(0)  # let request threads take the GIL between documents
        return len(items)

    def _process(self, item: LeasedItem) -> None:
        from hoaxlens.service.analysis import LeaseLostError

        try:
            self.service.process(parse_item(item, self.service), lease=item)
        except LeaseLostError:
            logger.warning(
                "batch line %s#L%d: lease lost, left to its new owner", item.job_id, item.line_no
            )
        except Exception as exc:  # a bug must not kill the batch: one error row for this line
            logger.exception("batch line %s#L%d failed", item.job_id, item.line_no)
            record = json.dumps(
                internal_error_record(item, exc), ensure_ascii=False, separators=(",", ":")
            )
            self.service.store.finish_item(item, record)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_pending():
                    continue
            except Exception:  # e.g. the database is briefly unreachable: retry later
                logger.exception("batch worker: cannot read pending jobs")
            self._wake.wait(self.idle_wait)
            self._wake.clear()

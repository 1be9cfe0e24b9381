"""WARC crawls (``.warc``, ``.warc.gz``): one document per HTML response, streamed by fastwarc.

Only ``response`` records whose HTTP ``Content-Type`` is HTML and whose status is 2xx are
documents. Requests, metadata, warcinfo, revisits, non-HTML responses, redirects and error
pages are not pages a user reads: they are skipped and counted in a debug log line.

A damaged record gives one error row and reading goes on: a record whose body ends early is
reported, and the reader resynchronises at the next record that parses (see ``warc_sync``);
bytes that hold no readable record at all give one error row for the stretch skipped, or
for the rest of the file when no later record can be found.

A ``.warc.gz`` gzipped as one stream (``gzip file.warc``) rather than one gzip member per
record is decompressed into a temporary file and read as a plain WARC, with the same
checks: its offsets (``name#offset``) count decompressed bytes, since no compressed offset
points at a record inside a stream. A stream that is damaged or cut short gives one
``bad_gzip`` row after the records before the damage.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastwarc.warc import ArchiveIterator, WarcRecordType

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import (
    MAX_MESSAGE_CHARS,
    IngestConfig,
    ingest_failure,
    over_limit,
    too_large,
)
from hoaxlens.ingest.decode import decode_html_bytes
from hoaxlens.ingest.http_body import http_payload
from hoaxlens.ingest.warc_sync import (
    GZIP_MAGIC,
    MAX_HEADER_BYTES,
    decompress_to,
    find_resume,
    holds_whole_block,
    is_gzip,
    is_one_stream,
    only_padding,
    record_end,
    stream_record_bytes,
)
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator
    from typing import BinaryIO

    from fastwarc.warc import WarcRecord

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Extension headers of the WARC files hoaxlens's fetcher writes (see hoaxlens.fetch.warc).
FETCH_ROLE = "WARC-Hoaxlens-Role"
FETCH_REQUESTED = "WARC-Hoaxlens-Requested-URI"
FETCH_ERROR = "WARC-Hoaxlens-Fetch-Error"
# On the metadata record of one attempt that got no response (timeout, connection failed):
# evidence only, never a document or an error row of its own (the URL's outcome is).
FETCH_ATTEMPT_ERROR = "WARC-Hoaxlens-Attempt-Error"


@dataclass(frozen=True, slots=True)
class _Stop:
    """Why one pass over the file ended."""

    at_end: bool  # the file was read to its end
    last: int | None = None  # offset of the last record read in this pass
    last_failed: bool = False  # that record already has its error row
    reason: str = ""


def record_id(raw_id: str | None) -> str | None:
    """``<urn:uuid:…>`` → ``urn:uuid:…`` (ids are kept without the angle brackets).

    >>> record_id("<urn:uuid:0b5d9f0e-2c1a-4f4e-9a51-5b0c3f1e7d21>")
    'urn:uuid:0b5d9f0e-2c1a-4f4e-9a51-5b0c3f1e7d21'
    """
    if raw_id is None:
        return None
    return raw_id.strip().removeprefix("<").removesuffix(">") or None


class _WarcReader:
    """One WARC file: passes over it, resynchronising after damage."""

    def __init__(self, path: Path, name: str, config: IngestConfig) -> None:
        self.path = path
        self.name = name
        self.config = config
        self.skipped: Counter[str] = Counter()
        self.documents = 0
        self.compressed = False
        self.block_bytes = 0  # declared record sizes so far: what the file decompresses to
        self.over_limit = False
        self.stopped = False  # reading stops here, its error row given
        self.shift = 0  # added to a record's offset in ``path`` to give its offset in sources

    def read(self) -> Iterator[RawDocument | Failure]:
        size = self.path.stat().st_size
        if size == 0 or only_padding(self.path, 0):
            yield ingest_failure(
                self.name, IngestError(f"{self.name} is empty", error_type="empty_document")
            )
            return
        self.compressed = is_gzip(self.path)
        if self.compressed and is_one_stream(self.path):
            yield from self._read_one_stream()
            return
        yield from self._read_records(size)

    def _read_one_stream(self) -> Iterator[RawDocument | Failure]:
        """A ``.warc.gz`` that is one gzip stream: read as the plain WARC it decompresses to."""
        limit = self.config.max_decompressed_bytes_per_file
        with tempfile.TemporaryDirectory(prefix="hoaxlens-warc-") as folder:
            plain = Path(folder) / "stream.warc"
            with plain.open("wb") as out:
                written, problem = decompress_to(self.path, out.write, limit)
            logger.info("%s: one gzip stream; read as %d decompressed bytes", self.name, written)
            original = self.path
            self.path, self.compressed = plain, False
            try:
                if written and not only_padding(plain, 0):
                    yield from self._rows_before(self._read_records(written), problem)
            finally:
                self.path, self.compressed = original, True
        if not problem or self.over_limit:
            return
        source = f"{self.name}#{written}"
        if problem == "limit":
            error = over_limit(
                source,
                "the rest of the file is not read: it decompresses to more bytes than",
                "max_decompressed_bytes_per_file",
                limit,
                error_type="decompressed_too_large",
            )
        else:
            error = IngestError(
                f"{source}: {problem}; the records after decompressed byte {written:,} are lost",
                error_type="bad_gzip",
            )
        yield ingest_failure(source, error)

    def _rows_before(
        self, items: Iterator[RawDocument | Failure], problem: str
    ) -> Iterator[RawDocument | Failure]:
        """``items``, less a last error row for the record that the byte limit cut short.

        The limit's own row stands for that record.
        """
        held: RawDocument | Failure | None = None
        for item in items:
            if held is not None:
                yield held
            held = item
        if held is None:
            return
        if (
            problem == "limit"
            and not self.over_limit
            and isinstance(held, Failure)
            and held.error_type in {"truncated_record", "bad_warc"}
        ):
            return
        yield held

    def _read_records(self, size: int) -> Iterator[RawDocument | Failure]:
        compressed = self.compressed
        offset = 0
        while True:
            stop = yield from self._pass(offset)
            if self.over_limit or self.stopped:
                break
            if stop.at_end:
                # fastwarc also ends quietly on some damage (a broken gzip header): what is
                # left after the last record must be nothing, or padding.
                tail = offset if stop.last is None else record_end(self.path, stop.last, compressed)
                if tail is None and not compressed:
                    break  # a plain record whose header does not tell where it ends
                if tail is not None and (tail >= size or only_padding(self.path, tail)):
                    break
                # In a .warc.gz an end not found is a member cut short or damaged: say so.
                reason = "unreadable data" if tail is not None else "cut short or damaged"
                stop = _Stop(False, stop.last, stop.last_failed and tail is None, reason)
            search_from = (offset if stop.last is None else stop.last) + 1
            resume = find_resume(self.path, search_from, compressed)
            lost_at = offset if stop.last is None else record_end(self.path, stop.last, compressed)
            end = size if resume is None else resume
            if lost_at is not None and lost_at < end and not stop.last_failed:
                yield self._lost(lost_at, resume, stop.reason)
            elif lost_at is None and stop.last is not None and not stop.last_failed:
                yield self._unended(stop.last, resume)
            if resume is None:
                break
            logger.info("%s: resynchronised at byte %d after: %s", self.name, resume, stop.reason)
            offset = resume
        logger.debug(
            "%s: %d HTML documents; records skipped: %s",
            self.name,
            self.documents,
            dict(self.skipped) or "none",
        )

    def _unended(self, start: int, resume: int | None) -> Failure:
        """The row for a record read whole or skipped whose own framing never ends."""
        rest = "rest skipped" if resume is None else f"reading resumes at byte {resume}"
        where = "gzip member" if self.compressed else "record"
        error = IngestError(
            f"{self.name}#{start}: the {where} here is cut short or damaged after its "
            f"record; {rest}",
            error_type="bad_gzip" if self.compressed else "bad_warc",
        )
        return ingest_failure(f"{self.name}#{start}", error)

    def _lost(self, start: int, resume: int | None, reason: str) -> Failure:
        if resume is None:
            what = f"no readable WARC record from byte {start} to the end of the file; rest skipped"
        else:
            what = f"bytes {start}-{resume} hold no readable WARC record; skipped"
        error = IngestError(f"{self.name}#{start}: {what} ({reason})", error_type="bad_warc")
        return ingest_failure(f"{self.name}#{start}", error)

    def _at(self, record: WarcRecord) -> int:
        """The record's offset as sources give it."""
        return record.stream_pos + self.shift

    def _pass(self, offset: int) -> Generator[RawDocument | Failure, None, _Stop]:
        with self.path.open("rb") as stream, self.path.open("rb", buffering=0) as check:
            stream.seek(offset)
            records = ArchiveIterator(stream, parse_http=True, auto_decode="none")
            last: int | None = None
            failed = False  # the last record has its error row
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    return _Stop(at_end=True, last=last, last_failed=failed)
                except OSError as exc:
                    return _Stop(at_end=False, last=last, reason=str(exc))
                if self.compressed and not _member_start(check, record.stream_pos, last):
                    yield self._inside_member_row(last)
                    self.stopped = True  # no offset would point at the records inside it
                    return _Stop(at_end=True, last=last)
                last = record.stream_pos
                if self._past_byte_limit(record):
                    yield self._byte_limit_row(record)
                    return _Stop(at_end=True, last=last)
                item, lost_sync = self._record(record)
                if item is not None:
                    yield item
                failed = isinstance(item, Failure)
                if lost_sync:
                    return _Stop(
                        at_end=False, last=last, last_failed=failed, reason="damaged record"
                    )

    def _past_byte_limit(self, record: WarcRecord) -> bool:
        """Count the record's declared size; whether the file is now past its byte limit."""
        declared = record.headers.get("Content-Length") or ""
        self.block_bytes += int(declared) if declared.strip().isdigit() else 0
        self.over_limit = self.block_bytes > self.config.max_decompressed_bytes_per_file
        return self.over_limit

    def _inside_member_row(self, last: int | None) -> Failure:
        source = f"{self.name}#{last or 0}"
        error = IngestError(
            f"{source}: the gzip member here holds several records, in a file that is not "
            "one gzip stream; the rest of the file is not read (gunzip it and gzip it "
            "again, whole or one record per member)",
            error_type="bad_warc",
        )
        return ingest_failure(source, error)

    def _byte_limit_row(self, record: WarcRecord) -> Failure:
        source = f"{self.name}#{self._at(record)}"
        error = over_limit(
            source,
            "the rest of the file is not read: its records hold more bytes than",
            "max_decompressed_bytes_per_file",
            self.config.max_decompressed_bytes_per_file,
            error_type="decompressed_too_large",
        )
        return ingest_failure(source, error)

    def _record(self, record: WarcRecord) -> tuple[RawDocument | Failure | None, bool]:
        """The document (or error row, or ``None`` if skipped) and whether sync was lost."""
        if record.record_type == WarcRecordType.metadata and record.headers.get(FETCH_ERROR):
            return _fetch_failure(record, f"{self.name}#{self._at(record)}"), False
        if record.record_type != WarcRecordType.response:
            self.skipped[str(record.record_type)] += 1
            return None, False
        source = f"{self.name}#{self._at(record)}"
        headers = record.headers
        role = headers.get(FETCH_ROLE)
        if role is not None and role != "page":  # hoaxlens's robots.txt, redirects, retries
            self.skipped[f"fetch {role}"] += 1
            return None, False
        rid = record_id(record.record_id)
        url = headers.get("WARC-Target-URI")
        meta = {"warc_record_id": rid or "", "warc_date": headers.get("WARC-Date") or ""}
        if role == "page":  # written by hoaxlens's fetcher: when, and the URL as given
            meta["fetched_at"] = headers.get("WARC-Date") or ""
            requested = headers.get(FETCH_REQUESTED)
            if requested and requested != url:
                meta["requested_url"] = requested
        truncated = headers.get("WARC-Truncated")
        if truncated:
            meta["warc_truncated"] = truncated

        def fail(exc: IngestError | OSError) -> Failure:
            return ingest_failure(
                source, exc, doc_id=rid, url=url, meta=tuple(sorted(meta.items()))
            )

        declared = headers.get("Content-Length")
        if declared is None or not declared.strip().isdigit():
            error = IngestError(
                f"{source}: record header is incomplete (no Content-Length); truncated or corrupt",
                error_type="truncated_record",
            )
            return fail(error), True
        if not record.is_http:
            self.skipped["response without HTTP"] += 1
            return None, False
        http = record.http_headers
        status = http.status_code if http is not None else None
        if http is None or status is None:
            error = IngestError(
                f"{source}: HTTP headers are unreadable", error_type="corrupt_record"
            )
            return fail(error), True
        content_type = (record.http_content_type or "").lower()
        if content_type not in HTML_TYPES:
            self.skipped["non-HTML response"] += 1
            return None, False
        if not 200 <= status < 300:
            self.skipped[f"HTTP {status} response"] += 1
            return None, False
        meta["http_status"] = str(status)
        meta["http_content_type"] = content_type
        expected = record.content_length
        if expected > self.config.max_bytes:
            return fail(too_large(source, expected, self.config)), False
        try:
            raw = record.reader.read(expected)
        except OSError as exc:
            error = IngestError(
                f"{source}: record body unreadable ({exc})", error_type="corrupt_record"
            )
            return fail(error), True
        if len(raw) < expected:
            error = IngestError(
                f"{source}: record ends after {len(raw):,} of {expected:,} body bytes",
                error_type="truncated_record",
            )
            return fail(error), True
        if not holds_whole_block(self.path, record.stream_pos, self.compressed):
            error = IngestError(
                f"{source}: record is shorter than its Content-Length of {declared.strip()} "
                "bytes: it runs on into the data after it (truncated mid-stream)",
                error_type="truncated_record",
            )
            return fail(error), True
        http_length = http.get("Content-Length")
        transfer = http.get("Transfer-Encoding")
        if (
            not truncated
            and not transfer
            and http_length is not None
            and http_length.strip().isdigit()
            and int(http_length) > len(raw)
        ):
            error = IngestError(
                f"{source}: HTTP body has {len(raw):,} of its {int(http_length):,} bytes",
                error_type="truncated_record",
            )
            return fail(error), True
        try:
            body = http_payload(
                raw,
                transfer_encoding=transfer,
                content_encoding=http.get("Content-Encoding"),
                where=source,
                limit=self.config.max_bytes,
            )
            decoded = decode_html_bytes(body, source, http_charset=record.http_charset)
        except IngestError as exc:
            return fail(exc), False
        meta["charset"] = decoded.encoding
        meta["charset_source"] = decoded.charset_source
        if decoded.mojibake_repaired:
            meta["mojibake_repaired"] = "true"
        self.documents += 1
        document = RawDocument(
            id=rid or source,
            content=decoded.text,
            media_type=MediaType.HTML,
            source=source,
            url=url,
            meta=tuple(sorted(meta.items())),
        )
        return document, False


def _member_start(check: BinaryIO, offset: int, last: int | None) -> bool:
    """Whether ``offset`` (a record's, after the record at ``last``) starts a gzip member."""
    return offset != last and os.pread(check.fileno(), len(GZIP_MAGIC), offset) == GZIP_MAGIC


def _fetch_failure(record: WarcRecord, source: str) -> Failure:
    """The error row of a URL hoaxlens's fetcher could not fetch (its ``metadata`` record)."""
    headers = record.headers
    url = headers.get("WARC-Target-URI")
    error_type = headers.get(FETCH_ERROR) or "fetch_error"
    try:
        details = json.loads(record.reader.read(MAX_MESSAGE_CHARS * 8))
        message = str(details.get("message") or error_type)
    except (ValueError, OSError, AttributeError):
        message = f"{url}: {error_type}"
    meta = (("fetched_at", headers.get("WARC-Date") or ""),)
    doc_id = url or source
    return Failure(
        doc_id, source, Stage.FETCH, error_type, message[:MAX_MESSAGE_CHARS], url, None, meta
    )


def read_warc(path: Path, *, name: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Yield one document (or error row) per HTML response of a WARC file, in file order.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (gzip is recognised from the bytes).
        name: how to name it in sources: ``name#<byte offset of the record>``.
        config: the size limit, applied to each record's body.

    Yields:
        A ``RawDocument`` per HTML response (id: the WARC-Record-ID without ``<>``; url:
        WARC-Target-URI; meta: record id, date, HTTP status, charset and where it was
        found), or a ``Failure`` for a damaged record or a stretch of unreadable bytes.
    """
    try:
        yield from _WarcReader(path, name, config).read()
    except OSError as exc:
        yield ingest_failure(name, exc)


def read_warc_at(
    path: Path, offset: int, *, name: str, config: IngestConfig
) -> RawDocument | Failure | None:
    """The document (or error row) of the one record at byte ``offset`` of a WARC file.

    ``offset`` is where ``read_warc`` found it (its source ``name#offset``); ``None`` when
    no document record starts there.
    """
    reader = _WarcReader(path, name, config)
    reader.compressed = is_gzip(path)
    try:
        if reader.compressed and is_one_stream(path):
            return _read_stream_at(reader, offset)
        with path.open("rb") as stream:
            stream.seek(offset)
            records = ArchiveIterator(stream, parse_http=True, auto_decode="none")
            record = next(records, None)
            if record is None:
                return None
            return reader._record(record)[0]
    except OSError as exc:
        return ingest_failure(f"{name}#{offset}", exc)


def _read_stream_at(reader: _WarcReader, offset: int) -> RawDocument | Failure | None:
    """``read_warc_at`` in a one-stream ``.warc.gz``: ``offset`` counts decompressed bytes."""
    cap = reader.config.max_bytes + 2 * MAX_HEADER_BYTES
    data = stream_record_bytes(reader.path, offset, cap)
    if not data:
        return None
    with tempfile.TemporaryDirectory(prefix="hoaxlens-warc-") as folder:
        plain = Path(folder) / "record.warc"
        plain.write_bytes(data)
        reader.path, reader.compressed, reader.shift = plain, False, offset
        with plain.open("rb") as stream:
            records = ArchiveIterator(stream, parse_http=True, auto_decode="none")
            record = next(records, None)
            if record is None:
                return None
            return reader._record(record)[0]

"""Writing fetches to a WARC file (gzip, one member per record), with fastwarc.

Every HTTP exchange is kept: a ``request`` and a ``response`` record (robots.txt, redirects,
retried attempts and refused bodies included), so the evidence can be re-read and re-scanned.
hoaxlens adds two extension headers that ``hoaxlens.ingest.warc`` reads back: on responses,
``WARC-Hoaxlens-Role`` (``page`` for the response that is the URL's document; ``robots``,
``redirect``, ``retry`` or ``refused`` otherwise) and ``WARC-Hoaxlens-Requested-URI`` (the
URL as given, before redirects); and for a URL that gave no page, a ``metadata`` record
with ``WARC-Hoaxlens-Fetch-Error`` (its type) and a JSON body saying why. An attempt that
got no response at all (it timed out, or the connection failed) leaves its ``request``
record and a ``metadata`` record with ``WARC-Hoaxlens-Attempt-Error`` (``timeout`` or
``connect_error``) and a JSON body (attempt number, exception, seconds waited), joined to
the request by ``WARC-Concurrent-To``; readers take it as evidence, not as a page.
"""

from __future__ import annotations

import gzip
import io
import json
import threading
from typing import TYPE_CHECKING

from fastwarc.warc import WarcRecord, WarcRecordType

from hoaxlens import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import BinaryIO

from hoaxlens.ingest.warc import FETCH_ATTEMPT_ERROR, FETCH_ERROR
from hoaxlens.ingest.warc import FETCH_REQUESTED as REQUESTED
from hoaxlens.ingest.warc import FETCH_ROLE as ROLE


def _record(
    kind: WarcRecordType, url: str | None, date: str, content_type: str, body: bytes
) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(kind)
    record.headers["WARC-Date"] = date
    if url is not None:
        record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = content_type
    record.set_bytes_content(body)
    return record


def serialize(record: WarcRecord) -> bytes:
    """One record as a gzip member (with block and payload digests)."""
    buffer = io.BytesIO()
    record.write(buffer, checksum_data=True)
    return gzip.compress(buffer.getvalue(), mtime=0)


def http_block(start_line: str, headers: list[tuple[str, str]], body: bytes = b"") -> bytes:
    """An HTTP message as a WARC block: start line, headers, blank line, body."""
    head = start_line + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1", "replace") + body


def request_record(url: str, date: str, block: bytes) -> bytes:
    """A ``request`` record."""
    kind = WarcRecordType.request
    return serialize(_record(kind, url, date, "application/http; msgtype=request", block))


def attempt_records(
    url: str, date: str, block: bytes, error_type: str, details: Mapping[str, object]
) -> list[bytes]:
    """The ``request`` record of an attempt that got no response; the ``metadata`` saying why."""
    request = _record(WarcRecordType.request, url, date, "application/http; msgtype=request", block)
    body = json.dumps({"url": url, "error_type": error_type, **details}, ensure_ascii=False)
    note = _record(WarcRecordType.metadata, url, date, "application/json", body.encode())
    note.headers[FETCH_ATTEMPT_ERROR] = error_type
    note.headers["WARC-Concurrent-To"] = request.headers["WARC-Record-ID"]
    return [serialize(request), serialize(note)]


def response_record(
    url: str,
    date: str,
    block: bytes,
    *,
    role: str,
    requested: str,
    ip: str | None = None,
    truncated: str | None = None,
) -> bytes:
    """A ``response`` record marked with its role for the URL that was asked for."""
    record = _record(
        WarcRecordType.response, url, date, "application/http; msgtype=response", block
    )
    record.headers[ROLE] = role
    record.headers[REQUESTED] = requested
    if ip:
        record.headers["WARC-IP-Address"] = ip
    if truncated:
        record.headers["WARC-Truncated"] = truncated
    return serialize(record)


def error_record(
    requested: str, date: str, error_type: str, details: Mapping[str, object]
) -> bytes:
    """The ``metadata`` record of a URL that gave no page."""
    body = json.dumps({"url": requested, "error_type": error_type, **details}, ensure_ascii=False)
    record = _record(WarcRecordType.metadata, requested, date, "application/json", body.encode())
    record.headers[FETCH_ERROR] = error_type
    return serialize(record)


def warcinfo_record(date: str, user_agent: str) -> bytes:
    """The ``warcinfo`` record that opens a file hoaxlens writes."""
    body = f"software: hoaxlens/{__version__}\r\nhttp-header-user-agent: {user_agent}\r\n"
    record = _record(WarcRecordType.warcinfo, None, date, "application/warc-fields", body.encode())
    return serialize(record)


class WarcSink:
    """Appends serialized records to a WARC file; thread-safe, flushed after each group."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._stream: BinaryIO = path.open("ab")
        self._lock = threading.Lock()
        self.records = 0

    def write(self, records: list[bytes]) -> None:
        """Write a group of records (one URL's exchanges) together."""
        with self._lock:
            for data in records:
                self._stream.write(data)
            self._stream.flush()
            self.records += len(records)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._stream.close()

    def __enter__(self) -> WarcSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

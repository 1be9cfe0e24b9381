"""An HTTP response body as recorded in a WARC → the page's bytes.

WARC writers keep the body as it came over the wire: possibly chunked, possibly gzip- or
Brotli-compressed. fastwarc can undo both, but it returns a silently shortened body when the
compressed data ends early; here a short body is an error, so a damaged record gives an error
row instead of half a page. Decompressed output is capped, so a small record cannot expand
into gigabytes.
"""

from __future__ import annotations

import io
import zlib

from hoaxlens.errors import IngestError

_CHUNK = 1 << 16


def _truncated(where: str, what: str) -> IngestError:
    return IngestError(f"{where}: {what}", error_type="truncated_record")


def _too_large(where: str, limit: int) -> IngestError:
    return IngestError(
        f"{where}: the body decompresses to over the {limit:,}-byte limit", error_type="too_large"
    )


def dechunk(raw: bytes, where: str, limit: int) -> bytes:
    """Undo ``Transfer-Encoding: chunked``.

    A body that does not start with a chunk-size line is returned as it is: some crawlers
    store the de-chunked body but keep the header.

    Raises:
        IngestError: when the chunks stop before the final zero-size chunk, or add up to
            more than ``limit`` bytes.
    """
    out = bytearray()
    pos = 0
    while True:
        eol = raw.find(b"\n", pos)
        if eol < 0:
            if pos == 0:
                return raw
            raise _truncated(where, "chunked body ends before its last chunk")
        size_field = raw[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            if pos == 0:
                return raw  # not chunked after all
            raise IngestError(
                f"{where}: bad chunk size {size_field[:20]!r} at byte {pos}",
                error_type="corrupt_record",
            ) from None
        pos = eol + 1
        if size == 0:
            return bytes(out)
        if pos + size > len(raw):
            raise _truncated(where, "chunked body ends inside a chunk")
        out += raw[pos : pos + size]
        if len(out) > limit:
            raise _too_large(where, limit)
        pos += size
        pos += 2 if raw.startswith(b"\r\n", pos) else int(raw.startswith(b"\n", pos))


def _inflate(raw: bytes, wbits: int, where: str, limit: int) -> bytes:
    decompressor = zlib.decompressobj(wbits)
    try:
        out = decompressor.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise IngestError(
            f"{where}: corrupt compressed body ({exc})", error_type="corrupt_record"
        ) from exc
    if len(out) > limit:
        raise _too_large(where, limit)
    if not decompressor.eof:
        raise _truncated(where, "compressed body ends early")
    return out


def _brotli(raw: bytes, where: str, limit: int) -> bytes:
    from fastwarc.stream_io import BrotliReader

    try:
        out = BrotliReader(io.BytesIO(raw)).read(limit + 1)
    except OSError as exc:
        raise IngestError(
            f"{where}: corrupt Brotli body ({exc})", error_type="corrupt_record"
        ) from exc
    if len(out) > limit:
        raise _too_large(where, limit)
    return out


def _decode_one(body: bytes, coding: str, where: str, limit: int) -> bytes:
    if coding in {"gzip", "x-gzip"}:
        return _inflate(body, 32 + zlib.MAX_WBITS, where, limit)  # gzip or zlib header
    if coding == "deflate":  # zlib-wrapped by the standard, raw deflate by many servers
        wbits = zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS
        return _inflate(body, wbits, where, limit)
    if coding == "br":
        return _brotli(body, where, limit)
    if coding in {"", "identity", "none"}:
        return body
    raise IngestError(
        f"{where}: unsupported Content-Encoding {coding!r}", error_type="unsupported_encoding"
    )


def http_payload(
    raw: bytes,
    *,
    transfer_encoding: str | None,
    content_encoding: str | None,
    where: str,
    limit: int,
) -> bytes:
    """Undo transfer and content encodings of a recorded HTTP body.

    Args:
        raw: the body bytes after the HTTP headers.
        transfer_encoding: the ``Transfer-Encoding`` header, if any.
        content_encoding: the ``Content-Encoding`` header, if any.
        where: how to name the record in messages.
        limit: most bytes the decoded body may have.

    Returns:
        The page bytes.

    Raises:
        IngestError: for truncated, corrupt or over-limit bodies and unknown encodings.

    >>> import gzip
    >>> http_payload(gzip.compress(b"<p>hi</p>"), transfer_encoding=None,
    ...              content_encoding="gzip", where="r", limit=100)
    b'<p>hi</p>'
    """
    body = raw
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        body = dechunk(body, where, limit)
    if content_encoding:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        for coding in reversed(codings):  # applied in the order listed, so undone backwards
            body = _decode_one(body, coding, where, limit)
    return body

"""Finding the way back into a damaged WARC file.

When a record cannot be parsed, reading resumes at the next offset where a record can be:
in a ``.warc.gz`` the next gzip member (each record is its own member, as the WARC standard
recommends), in a plain ``.warc`` the next ``WARC/1.`` (not only at a line start: padding
or junk may sit right before it). A candidate counts only if fastwarc reads a whole record
there, so a chance match inside compressed data or a page body is passed over.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from typing import TYPE_CHECKING

from fastwarc.warc import ArchiveIterator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip header with the deflate method
_WARC_START = b"WARC/1."
_CHUNK = 1 << 20
_HEADER_LIMIT = 1 << 16
MAX_HEADER_BYTES = _HEADER_LIMIT  # the most a record's WARC header may take
# Reads of the record checks: small, since a record is mostly a few KB and input read past
# the end of its gzip member is copied into ``unused_data`` for nothing.
_CHECK_READ = 1 << 14
_STREAM_READ = 1 << 10
_CONTENT_LENGTH = re.compile(rb"\r?\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)


def is_gzip(path: Path) -> bool:
    """Whether the file starts with a gzip header (whatever its name says)."""
    with path.open("rb") as stream:
        return stream.read(3) == GZIP_MAGIC


def _candidates(stream: BinaryIO, start: int, compressed: bool) -> Iterator[int]:
    """Offsets at or after ``start`` where a record may begin, in file order."""
    pattern = GZIP_MAGIC if compressed else _WARC_START
    keep = len(pattern) - 1
    stream.seek(start)
    base = start
    buffer = b""
    while chunk := stream.read(_CHUNK):
        buffer += chunk
        pos = 0
        while (hit := buffer.find(pattern, pos)) >= 0:
            yield base + hit
            pos = hit + 1
        cut = max(len(buffer) - keep, 0)
        base += cut
        buffer = buffer[cut:]


def parses_at(path: Path, offset: int) -> bool:
    """Whether a whole, well-formed WARC record can be read at ``offset``."""
    with path.open("rb") as stream:
        stream.seek(offset)
        try:
            record = next(iter(ArchiveIterator(stream, parse_http=False)))
            declared = record.headers.get("Content-Length")
            if declared is None or not declared.strip().isdigit():
                return False
            return record.consume() == int(declared)
        except (OSError, StopIteration, ValueError):
            return False


def find_resume(path: Path, start: int, compressed: bool) -> int | None:
    """The first offset at or after ``start`` where reading can resume, if any."""
    with path.open("rb") as stream:
        for offset in _candidates(stream, start, compressed):
            if parses_at(path, offset):
                return offset
    return None


def _gzip_member_end(stream: BinaryIO, offset: int) -> int | None:
    stream.seek(offset)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = 0
    pending = b""
    try:
        while not decompressor.eof:
            if not pending:
                pending = stream.read(_CHUNK)
                fed += len(pending)
                if not pending:
                    return None
            decompressor.decompress(pending, _CHUNK)  # output dropped: only the end matters
            pending = decompressor.unconsumed_tail
    except zlib.error:
        return None
    # At the end of the member, what was fed and not used is all in ``unused_data``; zlib
    # may leave a stale copy of it in ``unconsumed_tail`` when the member ended on a call
    # that continued a capped one, so that must not be subtracted a second time.
    return offset + fed - len(decompressor.unused_data)


def _gzip_holds(stream: BinaryIO, offset: int) -> bool:
    """Whether the gzip member at ``offset`` holds the whole block its header declares.

    Decompresses no more than the record itself (header, block and one byte), so a file
    that is one gzip stream costs one record's worth per record, not the rest of the file.
    """
    stream.seek(offset)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = b""
    size = 0
    need: int | None = None
    pending = b""
    try:
        while need is None or size < need:
            if decompressor.eof:
                return False
            if not pending:
                pending = stream.read(_CHECK_READ)
                if not pending:
                    return False
            out = decompressor.decompress(pending, _CHUNK)
            pending = decompressor.unconsumed_tail if not decompressor.eof else b""
            size += len(out)
            if need is None:
                head = (head + out)[: _HEADER_LIMIT + 4]
                need = _block_end(head)
                if need is None and len(head) > _HEADER_LIMIT:
                    return False
    except zlib.error:
        return False
    return True


def _block_end(head: bytes) -> int | None:
    """Where a record's block ends, counted from the record's start; ``None`` if unknown."""
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return None
    declared = _CONTENT_LENGTH.search(head, 0, end + 2)
    if declared is None:
        return None
    return end + 4 + int(declared.group(1))


def _plain_holds(stream: BinaryIO, offset: int) -> bool:
    r"""Whether the record at ``offset`` ends where its Content-Length says.

    The block must be followed by the ``\r\n\r\n`` that closes a record, the next
    record, or the end of the file. A record cut short runs on into the record after it,
    and what follows its declared end is then the middle of that record.
    """
    stream.seek(offset)
    head = stream.read(_CHECK_READ)
    block_end = _block_end(head)
    if block_end is None and len(head) == _CHECK_READ:
        head += stream.read(_HEADER_LIMIT - _CHECK_READ)
        block_end = _block_end(head)
    if block_end is None:
        return False
    stream.seek(offset + block_end)
    tail = stream.read(16)
    after = tail.lstrip(b"\r\n")
    return tail.startswith(b"\r\n\r\n") or not after or after.startswith(_WARC_START)


def holds_whole_block(path: Path, offset: int, compressed: bool) -> bool:
    """Whether the record at ``offset`` holds all the bytes its Content-Length declares.

    A reader handed a record cut short reads its declared length anyway, on into the next
    record (its WARC and HTTP headers and page) whenever the file goes on; this tells
    such a record from a whole one by its framing: the end of its gzip member, or what
    follows its block in a plain WARC.
    """
    with path.open("rb") as stream:
        if compressed:
            return _gzip_holds(stream, offset)
        return _plain_holds(stream, offset)


def _plain_record_end(stream: BinaryIO, offset: int) -> int | None:
    stream.seek(offset)
    head = stream.read(_HEADER_LIMIT)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return None
    declared = _CONTENT_LENGTH.search(head, 0, end + 2)
    if declared is None:
        return None
    return offset + end + 4 + int(declared.group(1)) + 4  # header, block, "\r\n\r\n"


def only_padding(path: Path, start: int) -> bool:
    """Whether the file holds nothing but whitespace or NUL bytes from ``start`` on."""
    with path.open("rb") as stream:
        stream.seek(start)
        tail = stream.read(_HEADER_LIMIT + 1)
    return len(tail) <= _HEADER_LIMIT and not tail.strip(b" \t\r\n\x00")


def record_end(path: Path, offset: int, compressed: bool) -> int | None:
    """Where the record starting at ``offset`` ends, by its own framing; ``None`` if unknown."""
    with path.open("rb") as stream:
        if compressed:
            return _gzip_member_end(stream, offset)
        return _plain_record_end(stream, offset)


def is_one_stream(path: Path) -> bool:
    """Whether a ``.warc.gz`` holds more than one record in its first gzip member.

    Such a file was gzipped as one stream (``gzip file.warc``) rather than one member per
    record: offsets in it do not point at records, so it is read decompressed
    (``decompress_to``). Decompresses the first record and a little more, not the file,
    in small reads, so that damage further on does not hide what the start is.
    """
    with path.open("rb") as stream:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        head = b""
        seen = 0  # output bytes before ``out``
        need: int | None = None
        pending = b""
        try:
            while not decompressor.eof:
                if not pending:
                    pending = stream.read(_STREAM_READ)
                    if not pending:
                        # Cut short inside its first member, after some data: read it
                        # decompressed, so that the cut is reported whatever record it is in.
                        return bool(head)
                out = decompressor.decompress(pending, _CHUNK)
                pending = decompressor.unconsumed_tail if not decompressor.eof else b""
                if need is None:
                    head = (head + out)[: _HEADER_LIMIT + 4]
                    need = _block_end(head)
                    if need is None:
                        if len(head) > _HEADER_LIMIT:
                            return False
                        seen += len(out)
                        continue
                # What follows the first record's block and its closing "\r\n\r\n" in the
                # same member: padding, or the next record.
                if out[max(need + 4 - seen, 0) :].strip(b" \t\r\n\x00"):
                    return True
                seen += len(out)
                if seen > need + 4 + _HEADER_LIMIT:
                    return True  # a long stretch of padding: not one record's member
        except zlib.error:
            return False
    return False


def decompress_to(path: Path, write: Callable[[bytes], object], limit: int) -> tuple[int, str]:
    """Decompress every gzip member of ``path`` to ``write``; the bytes written and why it stopped.

    The reason is ``""`` when the file was read to its end, ``"limit"`` past ``limit``.
    Stops after ``limit + 1`` bytes, at damaged compressed data, at a stream cut short
    and at trailing bytes that are not a gzip member, saying which.
    """
    written = 0
    with path.open("rb") as stream:
        read = 0
        pending = b""
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        started = False  # inside a gzip member
        while True:
            if not pending:
                # Small reads: zlib drops the output of a call that meets damaged data.
                pending = stream.read(_CHECK_READ)
                read += len(pending)
            if not pending:
                if not started:
                    return written, ""
                data = decompressor.flush()  # output zlib may hold back from what it was fed
                if written + len(data) > limit:
                    write(data[: limit + 1 - written])
                    return limit + 1, "limit"
                write(data)
                written += len(data)
                if decompressor.eof and not decompressor.unused_data:
                    return written, ""
                return written, f"the gzip stream ends early, at byte {read:,} (file cut short)"
            if not started:
                pending = pending.lstrip(b"\x00")  # zero padding after a member is common
                if not pending:
                    continue
                while len(pending) < len(GZIP_MAGIC) and (more := stream.read(_CHECK_READ)):
                    read += len(more)
                    pending += more
                if not pending.startswith(GZIP_MAGIC):
                    return written, f"bytes from {read - len(pending):,} on are not gzip data"
                started = True
            try:
                data = decompressor.decompress(pending, _CHUNK)
            except zlib.error as exc:
                at = read - len(pending)
                return written, f"the compressed data is damaged after byte {at:,} ({exc})"
            if written + len(data) > limit:
                write(data[: limit + 1 - written])
                return limit + 1, "limit"
            write(data)
            written += len(data)
            if decompressor.eof:
                pending = decompressor.unused_data
                decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                started = False
            else:
                pending = decompressor.unconsumed_tail


class _EnoughError(Exception):
    """Raised by ``_RecordWindow`` once it holds the record it was after (not an error)."""


class _RecordWindow:
    """The decompressed bytes of one record, fed by ``decompress_to``.

    From ``start`` to its block's end and 16 bytes more (what ``holds_whole_block`` looks
    at), at most ``cap`` bytes.
    """

    def __init__(self, start: int, cap: int) -> None:
        self.start = start
        self.cap = cap
        self.seen = 0
        self.data = bytearray()
        self.need: int | None = None

    def write(self, chunk: bytes) -> None:
        skip = max(self.start - self.seen, 0)
        self.seen += len(chunk)
        if skip >= len(chunk):
            return
        self.data += chunk[skip:]
        if self.need is None:
            end = _block_end(bytes(self.data[: _HEADER_LIMIT + 4]))
            if end is None:
                if len(self.data) > _HEADER_LIMIT:
                    raise _EnoughError
                return
            self.need = end + 16
        if len(self.data) >= min(self.need, self.cap):
            raise _EnoughError


def stream_record_bytes(path: Path, offset: int, cap: int) -> bytes:
    """The bytes of the record at decompressed ``offset`` of a one-stream ``.warc.gz``.

    Its header, block and the 16 bytes after it (fewer where the data ends), at most
    ``cap`` bytes; decompresses the file up to there.
    """
    window = _RecordWindow(offset, cap)
    with contextlib.suppress(_EnoughError):
        decompress_to(path, window.write, offset + cap)
    return bytes(window.data[:cap])

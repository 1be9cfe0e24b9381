"""Finding the way back into a damaged WARC file.

When a record cannot be parsed, reading resumes at the next offset where a record can be:
in a ``.warc.gz`` the next gzip member (each record is its own member, as the WARC standard
recommends), in a plain ``.warc`` the next ``WARC/1.`` (not only at a line start: padding
or junk may sit right before it). A candidate counts only if fastwarc reads a whole record
there, so a chance match inside compressed data or a page body is passed over.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

from fastwarc.warc import ArchiveIterator

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip header with the deflate method
_WARC_START = b"WARC/1."
_CHUNK = 1 << 20
_HEADER_LIMIT = 1 << 16
# Reads of the record checks: small, since a record is mostly a few KB and input read past
# the end of its gzip member is copied into ``unused_data`` for nothing.
_CHECK_READ = 1 << 14
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

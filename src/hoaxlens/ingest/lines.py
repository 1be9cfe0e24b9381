"""Export files (JSONL, CSV) as a stream of decoded lines, in constant memory.

A file is read in chunks, never whole. A line that cannot be decoded, or that is longer than
the limit, comes back as a ``Line`` with ``error`` set, so the reader can emit an error row for
that one record and go on. Problems that end the file (empty, binary, corrupt gzip, broken
UTF-16) are raised as ``IngestError`` from the iterator; lines before them have been yielded.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, over_limit, too_large
from hoaxlens.ingest.decode import check_not_binary, decode_strict

if TYPE_CHECKING:
    from collections.abc import Iterator
    from io import BufferedReader
    from pathlib import Path

CHUNK_BYTES = 1 << 16
# A run of blank lines, skipped in one step: a file of millions of them costs a regex match
# per 64 KB, not a Python object per line. Possessive, and never started inside a run of
# blanks (the lookbehind), so even an unanchored search is linear (tests/test_regex_audit).
_BLANK_RUN = re.compile(rb"(?<![ \t\r])(?:[ \t\r]*+\n)+")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class LineLimitError(IngestError):
    """A file has more lines than ``max_lines_per_file``; ``line`` is the first one not read."""

    def __init__(self, message: str, *, line: int) -> None:
        super().__init__(message, error_type="too_many_lines")
        self.line = line


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its 1-based number, its text with the line ending, or an error.

    ``text`` of a line that is not valid UTF-8 holds the line decoded with
    ``surrogateescape`` (CSV needs it to stay in step); ``text`` of a line over the limit
    is empty.
    """

    number: int
    text: str
    error: IngestError | None = None


def _gunzip(stream: BufferedReader, name: str, max_out: int) -> Iterator[bytes]:
    """Decompress gzip data chunk by chunk, yielding everything that decodes.

    ``GzipFile.read`` throws away what it decompressed of a chunk when the data ends
    early, so the whole records before a truncation would be lost with it; a
    ``zlib.decompressobj`` hands them over first. Concatenated gzip members are read one
    after another; output is bounded per step, so a gzip bomb cannot fill memory, and in
    all, so it cannot take hours of CPU either.

    Raises:
        IngestError: ``bad_gzip`` when the data is not gzip, is corrupt, or ends early;
            ``decompressed_too_large`` past ``max_out`` bytes of output.
    """
    decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    started = False
    total = 0
    try:
        while data := stream.read(CHUNK_BYTES):
            while data:
                if decoder.eof:  # the next member of a multi-member file
                    if not data.strip(b"\0"):
                        break  # zero padding after the last member
                    decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                out = decoder.decompress(data, CHUNK_BYTES)
                data = decoder.unused_data if decoder.eof else decoder.unconsumed_tail
                started = True
                total += len(out)
                if total > max_out:
                    yield out[: len(out) - (total - max_out)]  # whole lines in it are kept
                    raise over_limit(
                        name,
                        "the rest of the file is not read: it decompresses to more bytes than",
                        "max_decompressed_bytes_per_file",
                        max_out,
                        error_type="decompressed_too_large",
                    )
                if out:
                    yield out
    except zlib.error as exc:
        raise IngestError(f"{name}: corrupt gzip data ({exc})", error_type="bad_gzip") from exc
    if not started:
        return
    if not decoder.eof:
        raise IngestError(
            f"{name}: corrupt gzip data (the file ends before the end of the stream; "
            "is it truncated?)",
            error_type="bad_gzip",
        )


def _read_chunks(
    stream: BufferedReader, name: str, *, compressed: bool, max_out: int
) -> Iterator[bytes]:
    if compressed:
        yield from _gunzip(stream, name, max_out)
        return
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk


def _utf8_chunks(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    """Chunks as UTF-8 bytes: a byte-order mark is dropped, a UTF-16 file transcoded."""
    head = next(chunks, b"")
    encoding = "utf-8"
    for bom, name_of_encoding in _BOMS:
        if head.startswith(bom):
            encoding, head = name_of_encoding, head[len(bom) :]
            break
    if encoding == "utf-8":
        check_not_binary(head, name)
        yield head
        yield from chunks
        return
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        yield decoder.decode(head).encode("utf-8")
        for chunk in chunks:
            yield decoder.decode(chunk).encode("utf-8")
        yield decoder.decode(b"", final=True).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name} is not valid {encoding} ({exc.reason}); re-save it as UTF-8",
            error_type="invalid_encoding",
        ) from exc


def _physical_lines(
    chunks: Iterator[bytes], cap: int, *, skip_blank: bool = False
) -> Iterator[bytes | int | None]:
    r"""Split on ``\n`` (only: JSON strings may hold U+2028); ``None`` for a line over ``cap``.

    The rest of an over-long line is skipped as it streams past, so memory stays near
    ``cap`` however long the line is. With ``skip_blank``, a run of blank lines that
    starts a line comes back as its number of lines (an ``int``) instead.
    """
    pending = bytearray()
    too_long = False
    for chunk in chunks:
        start = 0
        while True:
            if skip_blank and not pending and not too_long:
                run = _BLANK_RUN.match(chunk, start)
                if run is not None:
                    yield chunk.count(b"\n", start, run.end())
                    start = run.end()
            end = chunk.find(b"\n", start)
            if end < 0:
                break
            piece = chunk[start : end + 1]
            start = end + 1
            if too_long:
                too_long = False
                yield None
            elif pending:
                pending += piece
                yield bytes(pending) if len(pending) <= cap + 2 else None
                pending.clear()
            else:
                yield piece if len(piece) <= cap + 2 else None
        if not too_long:
            pending += chunk[start:]
            if len(pending) > cap + 2:  # + 2: the "\r\n" the limit does not count
                too_long = True
                pending.clear()
    if too_long:
        yield None
    elif pending:
        yield bytes(pending)


def _utf8_error(raw: bytes, where: str) -> IngestError:
    """The ``invalid_encoding`` error for a line that is not UTF-8, naming the bad byte."""
    try:
        decode_strict(raw, "utf-8", where)
    except IngestError as error:
        return error
    raise ValueError(f"{where} is valid UTF-8")  # pragma: no cover - callers check first


def _content_size(raw: bytes) -> int:
    size = len(raw)
    if raw.endswith(b"\n"):
        size -= 2 if raw.endswith(b"\r\n") else 1
    return size


def read_lines(
    path: Path,
    *,
    compressed: bool,
    name: str,
    max_line_bytes: int,
    config: IngestConfig | None = None,
    skip_blank: bool = False,
) -> Iterator[Line]:
    r"""Yield the lines of a text file (gzip-compressed or not), one by one.

    Args:
        path: the file.
        compressed: whether it is gzip-compressed.
        name: how to name the file in messages.
        max_line_bytes: lines longer than this (without their line ending) come back with a
            ``too_large`` error instead of their text.
        config: the per-file limits (``max_lines_per_file``,
            ``max_decompressed_bytes_per_file``); defaults when ``None``.
        skip_blank: leave out lines of spaces, tabs and ``\r`` (they still count as lines).

    Yields:
        Every physical line, in order, blank ones included unless ``skip_blank``.

    Raises:
        IngestError: for an empty or binary file, corrupt gzip data, a UTF-16 file that
            does not decode, or a file past a per-file limit; raised where the problem is
            met, after the lines before it.
        OSError: when the file cannot be opened or read.
    """
    limit = IngestConfig(max_bytes=max_line_bytes)
    limits = config or IngestConfig()
    with path.open("rb") as stream:
        seen_text = False
        number = 0

        def utf8_chunks() -> Iterator[bytes]:
            nonlocal seen_text
            chunks = _read_chunks(
                stream,
                name,
                compressed=compressed,
                max_out=limits.max_decompressed_bytes_per_file,
            )
            for chunk in _utf8_chunks(chunks, name):
                seen_text = seen_text or bool(chunk.strip())
                yield chunk

        for raw in _physical_lines(utf8_chunks(), max_line_bytes, skip_blank=skip_blank):
            number += 1 if not isinstance(raw, int) else raw
            if number > limits.max_lines_per_file:
                error = over_limit(
                    name,
                    "the rest of the file is not read: it has more lines than",
                    "max_lines_per_file",
                    limits.max_lines_per_file,
                    error_type="too_many_lines",
                )
                raise LineLimitError(str(error), line=limits.max_lines_per_file + 1)
            if isinstance(raw, int):
                continue
            where = f"{name}#L{number}"
            if raw is None:
                error = IngestError(
                    f"{where}: line is over the {max_line_bytes:,}-byte limit",
                    error_type="too_large",
                )
                yield Line(number, "", error)
                continue
            size = _content_size(raw)
            if size > max_line_bytes:
                yield Line(number, "", too_large(where, size, limit))
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", "surrogateescape")
                yield Line(number, text, _utf8_error(raw, where))
                continue
            yield Line(number, text)
        if not seen_text:
            raise IngestError(f"{name} is empty", error_type="empty_document")

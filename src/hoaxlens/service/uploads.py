"""Batch uploads: a JSONL body (raw or a multipart ``file`` field) → a stored batch job.

An upload is streamed to a temporary file as it arrives, then read back line by line into
the store a few MB at a time (``Store.create_job``), in a worker thread. Memory does not
depend on the upload's size, and at most ``ServiceSettings.upload_slots`` uploads are
written into the store at once (the others wait for a slot with their file on disk).
"""

from __future__ import annotations

import asyncio
import codecs
import tempfile
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from hoaxlens.service.security import media_type

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable, Iterator

    from fastapi import Request

    from hoaxlens.service.context import ServiceContext
    from hoaxlens.service.views import JobSummary


class UploadError(ValueError):
    """The upload cannot become a batch job; the message says why."""


def iter_jsonl(lines: Iterable[bytes], filename: str) -> Iterator[tuple[int, str]]:
    r"""The non-blank lines of a JSONL upload (bytes, split at ``\n``) with their numbers.

    >>> list(iter_jsonl([b'\xef\xbb\xbf{"text": "a"}\r\n', b"\n", b'{"text": "b"}'], "x"))
    [(1, '{"text": "a"}'), (3, '{"text": "b"}')]

    Raises:
        UploadError: (while iterating) at a line that is not UTF-8 or holds a NUL byte,
            and at the end when no line had a record.
    """
    offset = 0
    found = False
    for n, raw in enumerate(lines, 1):
        data = raw[3:] if n == 1 and raw.startswith(codecs.BOM_UTF8) else raw
        start = offset + len(raw) - len(data)
        offset += len(raw)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UploadError(
                f"{filename}: not UTF-8 (line {n}, byte {start + exc.start}); "
                "save the file as UTF-8 JSONL"
            ) from exc
        if "\x00" in text:
            raise UploadError(
                f"{filename}: line {n} holds a NUL byte (byte {start + data.index(0)}); "
                "JSONL text never does"
            )
        line = text.rstrip("\n").rstrip("\r")
        if line.strip():
            found = True
            yield n, line
    if not found:
        raise UploadError(f"{filename}: no records; send one JSON object per line")


def split_jsonl(data: bytes, filename: str) -> list[tuple[int, str]]:
    r"""The non-blank lines of a JSONL upload held in memory, with their 1-based numbers.

    >>> split_jsonl(b'{"text": "a"}\n\n{"text": "b"}\n', "x.jsonl")
    [(1, '{"text": "a"}'), (3, '{"text": "b"}')]

    Raises:
        UploadError: when the upload is not UTF-8, holds a NUL byte or has no record.
    """
    pieces = data.split(b"\n")
    return list(iter_jsonl([p + b"\n" for p in pieces[:-1]] + pieces[-1:], filename))


@dataclass
class Upload:
    """An upload on disk (or in a small spooled buffer), ready to be read line by line."""

    filename: str
    file: IO[bytes]
    closer: Callable[[], Awaitable[None] | None]

    async def close(self) -> None:
        """Delete the temporary file."""
        done = self.closer()
        if done is not None:
            await done


async def receive_upload(request: Request) -> Upload:
    """Stream a batch upload to a temporary file: a multipart ``file`` field or a raw body.

    Raises:
        UploadError: for a multipart body without a ``file`` field.
    """
    if media_type(request.headers.get("content-type")) == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=8)  # files over 1 MB spool to disk
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            await form.close()
            raise UploadError("multipart upload needs a 'file' field holding the JSONL file")
        return Upload(upload.filename or "upload.jsonl", upload.file, form.close)
    spool: IO[bytes] = tempfile.TemporaryFile(prefix="hoaxlens-upload-")  # noqa: SIM115
    try:
        async for chunk in request.stream():
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    return Upload("upload.jsonl", spool, spool.close)


async def queue_upload(ctx: ServiceContext, upload: Upload, slots: asyncio.Semaphore) -> JobSummary:
    """Store an upload as a batch job (one item per non-blank line) and wake the worker.

    Raises:
        UploadError: when the upload is not UTF-8 JSONL or has no record (nothing stored).
    """

    def store() -> JobSummary:
        upload.file.seek(0)
        return ctx.store.create_job(upload.filename, iter_jsonl(upload.file, upload.filename))

    async with slots:
        job = await run_in_threadpool(store)
    ctx.wake_worker()
    return job


def upload_slots(app_state: object, count: int) -> asyncio.Semaphore:
    """The app's semaphore of upload slots, made on first use inside the event loop."""
    slots: asyncio.Semaphore | None = getattr(app_state, "upload_slots", None)
    if slots is None:
        slots = asyncio.Semaphore(count)
        setattr(app_state, "upload_slots", slots)  # noqa: B010 - starlette State
    return slots

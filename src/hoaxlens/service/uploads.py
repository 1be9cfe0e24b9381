"""Batch uploads: a JSONL body (raw or a multipart ``file`` field) → a stored batch job.

An export as a platform tool writes it (a CrowdTangle or Meta Content Library CSV, an X API
JSONL, a Parquet file) is read with the same field mapping as ``hoaxlens scan``: a
``preset`` and optional field names (``UploadOptions``). Such an upload is read at once
with the ingest readers, and each of its records (or error rows) is stored as a *mapped
item*: ``MAPPED_MARK`` followed by the JSON of the document as read, so the worker
analyses exactly what ``scan --preset …`` would (``decode_item``).

An upload is streamed to a temporary file as it arrives, then read back line by line into
the store a few MB at a time (``Store.create_job``), in a worker thread. Memory does not
depend on the upload's size, and at most ``ServiceSettings.upload_slots`` uploads are
written into the store at once (the others wait for a slot with their file on disk).
"""

from __future__ import annotations

import asyncio
import codecs
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from hoaxlens.errors import ConfigError
from hoaxlens.ingest.fields import PRESETS
from hoaxlens.service.security import media_type
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping

    from fastapi import Request

    from hoaxlens.ingest.base import IngestConfig
    from hoaxlens.service.context import ServiceContext
    from hoaxlens.service.views import JobSummary


class UploadError(ValueError):
    """The upload cannot become a batch job; the message says why."""


# A mapped item's content starts with this (ASCII record separator): no JSONL line that
# gives a record does (it starts with "{"), so the worker tells the two kinds apart.
MAPPED_MARK = "\x1e"
UPLOAD_FORMATS = ("jsonl", "csv", "json", "parquet")
FIELD_OPTIONS = (
    "text_field",
    "html_field",
    "url_field",
    "id_field",
    "title_field",
    "date_field",
)
_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json"}
_SUFFIX |= {".parquet": "parquet"}
_LINE = re.compile(r"#L?(\d+)$")


@dataclass(frozen=True, slots=True)
class UploadOptions:
    """How to read an upload: its format and which fields hold what (as ``scan``'s options).

    ``format`` is ``jsonl``, ``csv``, ``json`` or ``parquet``; ``None`` takes it from the
    file name (JSONL when the name says nothing). ``preset`` names an export
    (``crowdtangle``, ``meta-content-library``, ``x-api``, ``facebook-download``); the
    ``*_field`` options name one field for a role, over the preset's.
    """

    format: str | None = None
    preset: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None
    id_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None

    @classmethod
    def of(cls, values: Mapping[str, object]) -> UploadOptions:
        """The options among ``values`` (form fields or query parameters); blanks ignored.

        Raises:
            UploadError: for an unknown format or preset, or a field name over 256 characters.
        """
        found: dict[str, str | None] = {}
        for option in fields(cls):
            value = values.get(option.name)
            text = value.strip() if isinstance(value, str) else ""
            if len(text) > 256:
                raise UploadError(f"{option.name}: at most 256 characters")
            found[option.name] = text or None
        options = cls(**found)
        if options.format is not None and options.format not in UPLOAD_FORMATS:
            raise UploadError(
                f"unknown format {options.format!r}; known: {', '.join(UPLOAD_FORMATS)}"
            )
        if options.preset is not None and options.preset not in PRESETS:
            known = ", ".join(sorted(PRESETS))
            raise UploadError(f"unknown preset {options.preset!r}; known: {known}")
        return options

    def format_of(self, filename: str) -> str:
        """The upload's format: the one given, else the file name's (``.csv``, ``.csv.gz``)."""
        if self.format is not None:
            return self.format
        suffixes = [s.lower() for s in PurePosixPath(filename).suffixes]
        if suffixes and suffixes[-1] == ".gz":
            suffixes.pop()
        return _SUFFIX.get(suffixes[-1], "jsonl") if suffixes else "jsonl"

    def mapped(self, filename: str) -> bool:
        """Whether the upload is read with the ingest readers (not line by line as JSONL)."""
        return self.format_of(filename) != "jsonl" or any(
            getattr(self, name) is not None for name in ("preset", *FIELD_OPTIONS)
        )

    def ingest_config(self, base: IngestConfig) -> IngestConfig:
        """``base`` (the service's limits) reading fields as these options say."""
        changes = {name: getattr(self, name) for name in ("preset", *FIELD_OPTIONS)}
        try:
            return replace(base, **changes)
        except ConfigError as exc:  # cannot happen: the preset was checked
            raise UploadError(str(exc)) from exc


def encode_item(item: RawDocument | Failure) -> str:
    """A record (or error row) read from an upload, as a mapped item's content."""
    if isinstance(item, Failure):
        body: dict[str, Any] = {
            "error": {
                "id": item.doc_id,
                "source": item.source,
                "stage": item.stage.value,
                "error_type": item.error_type,
                "message": item.message,
                "url": item.url,
                "title": item.title,
                "meta": [list(pair) for pair in item.meta],
            }
        }
    else:
        body = {
            "document": {
                "id": item.id,
                "source": item.source,
                "content": item.content,
                "media_type": item.media_type.value,
                "url": item.url,
                "title": item.title,
                "meta": [list(pair) for pair in item.meta],
            }
        }
    return MAPPED_MARK + json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode_item(content: str) -> RawDocument | Failure | None:
    """The document (or error row) a mapped item holds; ``None`` for a plain JSONL line.

    Raises:
        ValueError: for a mapped item that is not one ``encode_item`` wrote.
    """
    if not content.startswith(MAPPED_MARK):
        return None
    body = json.loads(content[len(MAPPED_MARK) :])
    if "error" in body:
        e = body["error"]
        return Failure(
            e["id"],
            e["source"],
            Stage(e["stage"]),
            e["error_type"],
            e["message"],
            url=e["url"],
            title=e["title"],
            meta=tuple((k, v) for k, v in e["meta"]),
        )
    d = body["document"]
    return RawDocument(
        id=d["id"],
        content=d["content"],
        media_type=MediaType(d["media_type"]),
        source=d["source"],
        url=d["url"],
        title=d["title"],
        meta=tuple((k, v) for k, v in d["meta"]),
    )


def iter_mapped(
    file: IO[bytes], filename: str, options: UploadOptions, config: IngestConfig
) -> Iterator[tuple[int, str]]:
    """An export's records read as ``scan`` reads them, as numbered mapped items.

    The upload is copied to a temporary file named like it (the readers go by the suffix);
    records are numbered by their line (CSV, JSONL) or position.

    Raises:
        UploadError: when the whole file is one error row (no text column: the message says
            which columns it has and to pick a preset), or it holds no record.
    """
    from hoaxlens.ingest.reader import read_named

    kind = options.format_of(filename)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePosixPath(filename).name)[:100] or "upload"
    known = PurePosixPath(stem).suffix.lower() in (*_SUFFIX, ".gz")
    name = stem if known and options.format_of(stem) == kind else f"{stem}.{kind}"
    with tempfile.TemporaryDirectory(prefix="hoaxlens-upload-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as target:
            shutil.copyfileobj(file, target)
        last = 0
        items = read_named(path, filename, options.ingest_config(config))
        for item in items:
            source = item.source
            if last == 0 and isinstance(item, Failure) and source == filename:
                hint = (
                    " (here: the preset and *_field options, or the form's Export and field names)"
                )
                message = item.message + (hint if "--preset" in item.message else "")
                raise UploadError(message)  # the file as a whole cannot be read
            found = _LINE.search(source)
            last = max(int(found.group(1)) if found else 0, last + 1)
            yield last, encode_item(item)
        if last == 0:
            raise UploadError(f"{filename}: no records")


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
    fields: dict[str, str] = field(default_factory=dict)  # a multipart upload's text fields

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
        form = await request.form(max_files=1, max_fields=16)  # files over 1 MB spool to disk
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            await form.close()
            raise UploadError("multipart upload needs a 'file' field holding the JSONL file")
        texts = {k: v for k, v in form.items() if isinstance(v, str)}
        return Upload(upload.filename or "upload.jsonl", upload.file, form.close, texts)
    spool: IO[bytes] = tempfile.TemporaryFile(prefix="hoaxlens-upload-")  # noqa: SIM115
    try:
        async for chunk in request.stream():
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    return Upload("upload.jsonl", spool, spool.close)


async def queue_upload(
    ctx: ServiceContext,
    upload: Upload,
    slots: asyncio.Semaphore,
    options: UploadOptions | None = None,
) -> JobSummary:
    """Store an upload as a batch job (one item per record) and wake the worker.

    Plain JSONL gives one item per non-blank line; with ``options`` that name another
    format, a preset or a field, the records are read as ``scan`` reads them.

    Raises:
        UploadError: when the upload is not UTF-8 JSONL or has no record, or (mapped) the
            file cannot be read at all (nothing stored).
    """
    options = options or UploadOptions()
    config = ctx.settings.analyzer.ingest

    def store() -> JobSummary:
        upload.file.seek(0)
        if options.mapped(upload.filename):
            items = iter_mapped(upload.file, upload.filename, options, config)
        else:
            items = iter_jsonl(upload.file, upload.filename)
        return ctx.store.create_job(upload.filename, items)

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

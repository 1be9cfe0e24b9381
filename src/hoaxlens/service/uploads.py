"""Batch uploads: a JSONL body (raw or a multipart ``file`` field) → numbered lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import Request


class UploadError(ValueError):
    """The upload cannot become a batch job; the message says why."""


def split_jsonl(data: bytes, filename: str) -> list[tuple[int, str]]:
    r"""The non-blank lines of a JSONL upload with their 1-based line numbers.

    >>> split_jsonl(b'{"text": "a"}\n\n{"text": "b"}\n', "x.jsonl")
    [(1, '{"text": "a"}'), (3, '{"text": "b"}')]

    Raises:
        UploadError: when the upload is not UTF-8 or has no non-blank line.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            f"{filename}: not UTF-8 (byte {exc.start}); save the file as UTF-8 JSONL"
        ) from exc
    lines = [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), 1)]
    kept = [(n, line) for n, line in lines if line.strip()]
    if not kept:
        raise UploadError(f"{filename}: no records; send one JSON object per line")
    return kept


async def read_upload(request: Request) -> tuple[str, list[tuple[int, str]]]:
    """Read a batch upload: ``multipart/form-data`` with a ``file`` field, or a raw body.

    Raises:
        UploadError: for a missing file field, non-UTF-8 data or an empty upload.
    """
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise UploadError("multipart upload needs a 'file' field holding the JSONL file")
        filename = upload.filename or "upload.jsonl"
        data = await upload.read()
        await form.close()
    else:
        filename = "upload.jsonl"
        data = await request.body()
    return filename, split_jsonl(data, filename)

"""Paths → ``RawDocument`` stream, one item per input record, in input order.

A path that cannot be read, or a record that cannot be parsed, yields a ``Failure`` in its
place, so the caller can emit exactly one output record per input record.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, check_size, ingest_failure, over_limit
from hoaxlens.ingest.decode import decode_html, decode_text
from hoaxlens.ingest.sniff import looks_like_html
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import BinaryIO

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv",)
WARC_SUFFIXES = (".warc",)
PARQUET_SUFFIXES = (".parquet",)
SUPPORTED = (
    TEXT_SUFFIXES
    + HTML_SUFFIXES
    + JSONL_SUFFIXES
    + JSON_SUFFIXES
    + CSV_SUFFIXES
    + WARC_SUFFIXES
    + PARQUET_SUFFIXES
)
STDIN = "-"

__all__ = ["SUPPORTED", "IngestConfig", "read_documents", "read_named"]


def _kind(path: Path) -> tuple[str, bool]:
    """Return the format suffix and whether the file is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _read_bytes(path: Path, compressed: bool, limit: int) -> bytes:
    """Read a one-document file (gunzipped when compressed), capped at ``limit`` bytes."""
    if not compressed and path.stat().st_size > limit:
        raise IngestError(
            f"{path}: {path.stat().st_size:,} bytes is over the {limit:,}-byte limit",
            error_type="too_large",
        )
    if not compressed:
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(f"{path}: corrupt gzip data ({exc})", error_type="bad_gzip") from exc
    if len(data) > limit:
        raise IngestError(
            f"{path}: decompresses to over the {limit:,}-byte limit", error_type="too_large"
        )
    return data


def read_named(path: Path, name: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Read one file as ``scan`` reads it, naming its sources ``name`` (not its path).

    The service reads an upload from a temporary file under the name it was uploaded as:
    its records are ``name#L2``, as ``hoaxlens scan name`` would give.
    """
    return _read_file(path, config, name)


def _read_file(
    path: Path, config: IngestConfig, name: str | None = None
) -> Iterator[RawDocument | Failure]:
    name = name or path.as_posix()
    suffix, compressed = _kind(path)
    try:
        path.stat()  # a missing file or a symlink loop raises its own OSError here, first
        if suffix not in SUPPORTED:
            raise IngestError(
                f"{name}: unsupported file type {suffix or '(none)'!r}; "
                f"supported: {', '.join(SUPPORTED)} (optionally .gz)",
                error_type="unsupported_type",
            )
        if suffix in PARQUET_SUFFIXES and compressed:
            raise IngestError(
                f"{name}: gzip-compressed Parquet is not supported; Parquet compresses "
                "inside the file, so give the .parquet itself",
                error_type="unsupported_type",
            )
    except (IngestError, OSError) as exc:
        yield ingest_failure(name, exc)
        return
    # Each kind's reader is imported when a file of that kind is met (a run over text files
    # loads neither the CSV, JSON, WARC nor Parquet readers).
    if suffix in JSONL_SUFFIXES:
        from hoaxlens.ingest.exports import read_jsonl

        records = read_jsonl(path, compressed=compressed, name=name, config=config)
    elif suffix in JSON_SUFFIXES:
        from hoaxlens.ingest.json_array import read_json

        records = read_json(path, compressed=compressed, name=name, config=config)
    elif suffix in CSV_SUFFIXES:
        from hoaxlens.ingest.exports import read_csv

        records = read_csv(path, compressed=compressed, name=name, config=config)
    elif suffix in WARC_SUFFIXES:
        from hoaxlens.ingest.warc import read_warc

        records = read_warc(path, name=name, config=config)  # gzip is detected from the bytes
    elif suffix in PARQUET_SUFFIXES:
        from hoaxlens.ingest.parquet import read_parquet

        records = read_parquet(path, name=name, config=config)
    else:
        yield _read_single(path, suffix, compressed, name, config)
        return
    yield from _bounded(records, name, config)


def _bounded(
    records: Iterator[RawDocument | Failure], name: str, config: IngestConfig
) -> Iterator[RawDocument | Failure]:
    """A multi-record file's items, with two guards every reader shares.

    After ``max_errors_per_file`` error rows, whatever is left of the file becomes one row
    (a file of millions of ``{}`` lines is not a post export, and a million identical
    error rows help no one). An exception a reader lets escape, a bug, ends the file
    with one row instead of the whole batch.
    """
    errors = 0
    count = 0
    try:
        for item in records:
            if errors >= config.max_errors_per_file:
                error = over_limit(
                    item.source,
                    "the rest of the file is not read: it already gave error rows for",
                    "max_errors_per_file",
                    config.max_errors_per_file,
                    error_type="too_many_errors",
                )
                yield ingest_failure(item.source, error)
                if isinstance(records, Generator):
                    records.close()  # the file is closed now, not when collected
                return
            count += 1
            errors += isinstance(item, Failure)
            yield item
    except Exception as exc:  # one file's bug must not end the batch
        logger.exception("%s: reader failed after %d records", name, count)
        where = name if count == 0 else f"{name}#record-{count + 1}"
        yield ingest_failure(where, exc)


def _read_single(
    path: Path, suffix: str, compressed: bool, name: str, config: IngestConfig
) -> RawDocument | Failure:
    """A file that is one document: text or HTML (a text file holding a page is HTML)."""
    try:
        data = _read_bytes(path, compressed, config.max_bytes)
        return bytes_to_document(data, name, name, is_html=suffix in HTML_SUFFIXES)
    except Exception as exc:  # any failure on the file is its error row
        return ingest_failure(name, exc)


def bytes_to_document(data: bytes, doc_id: str, source: str, *, is_html: bool) -> RawDocument:
    """One document from the bytes of a file or of stdin.

    Text that starts like an HTML page (``<!DOCTYPE html>``, ``<html>``, ``<p>``…) is read
    as HTML, so a page saved as ``.txt`` or piped on stdin gives the same record as the
    same bytes in a ``.html`` file (its ``page.extractor`` names the HTML extractor, not
    ``text``).

    Raises:
        IngestError: for empty, binary or undecodable input.
    """
    if is_html or looks_like_html(data):
        if not is_html:
            logger.debug("%s: text input that is HTML; read as HTML", source)
        html = decode_html(data, source)
        return RawDocument(id=doc_id, content=html, media_type=MediaType.HTML, source=source)
    text = decode_text(data, source)
    return RawDocument(id=doc_id, content=text, media_type=MediaType.TEXT, source=source)


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order; hidden files and folders are skipped."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            logger.debug("skipping hidden path %s", path)
            continue
        if path.is_file() or (path.is_symlink() and not path.exists()):
            yield path


def post_inputs(paths: Iterable[str | Path], *, pages: bool = False) -> list[str]:
    """The inputs under ``paths`` that may hold posts: every file but crawls and pages.

    A WARC or HTML file is pages, never a link post, so a pass that looks for link posts
    (``scan --follow-links``) need not read it; with ``pages``, those files alone (where
    the posts' pages may already be). Directories are expanded as ``read_documents`` walks
    them; ``-`` is kept among the posts.
    """
    out: list[str] = []
    for item in paths:
        path = Path(item)
        if str(item) == STDIN:
            out += [] if pages else [STDIN]
            continue
        for file in iter_files(path) if path.is_dir() else [path]:
            if (_kind(file)[0] in WARC_SUFFIXES + HTML_SUFFIXES) == pages:
                out.append(file.as_posix())
    return out


def read_documents(
    paths: Iterable[str | Path],
    *,
    config: IngestConfig | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | Failure]:
    """Read every document under ``paths``, in order, one item per input record.

    Args:
        paths: files, directories (read recursively, sorted) or ``"-"`` for stdin.
        config: the limits on records and files.
        stdin: the stream ``"-"`` reads from (text, or HTML when it starts like a page).

    Yields:
        A ``RawDocument`` per record, or a ``Failure`` where a record cannot be read.
        With ``config.pages``, a link post comes paired with its landing page (or as an
        error row when its page is not there).
    """
    config = config or IngestConfig()
    items = _read_all(paths, config, stdin)
    if config.pages:
        from hoaxlens.ingest.pages import PageStore
        from hoaxlens.ingest.posts import pair_link_posts

        items = pair_link_posts(items, PageStore(config.pages, config))
    yield from items


def _read_all(
    paths: Iterable[str | Path], config: IngestConfig, stdin: BinaryIO | None
) -> Iterator[RawDocument | Failure]:
    for item in paths:
        if str(item) == STDIN:
            if stdin is None:
                raise ValueError("'-' given but no stdin stream was passed")
            try:
                data = stdin.read(config.max_bytes + 1)
                check_size(data, "stdin", config)
                document = bytes_to_document(data, "stdin", STDIN, is_html=False)
            except Exception as exc:  # any failure on stdin is its error row
                failure = ingest_failure(STDIN, exc)
                yield Failure("stdin", STDIN, Stage.INGEST, failure.error_type, failure.message)
                continue
            yield document
            continue
        path = Path(item)
        if path.is_dir():
            for file in iter_files(path):
                yield from _read_file(file, config)
        else:
            yield from _read_file(path, config)

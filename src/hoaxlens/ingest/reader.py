"""Paths → ``RawDocument`` stream, one item per input record, in input order.

A path that cannot be read, or a record that cannot be parsed, yields a ``Failure`` in its
place, so the caller can emit exactly one output record per input record.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.decode import decode_html, decode_text
from hoaxlens.ingest.records import parse_json_line, record_to_document
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import BinaryIO

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
STDIN = "-"


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits on what is read."""

    max_bytes: int = 5_000_000  # per document (file, JSONL line or CSV row)

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")


def _failure(source: str, exc: IngestError | OSError) -> Failure:
    if isinstance(exc, IngestError):
        error_type, message = exc.error_type, str(exc)
    else:
        error_type = type(exc).__name__
        message = f"{source}: cannot read file ({exc.strerror or exc})"
    return Failure(source, source, Stage.INGEST, error_type, message)


def _kind(path: Path) -> tuple[str, bool]:
    """Return the format suffix and whether the file is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _read_bytes(path: Path, compressed: bool, limit: int | None) -> bytes:
    """Read a file (gunzipped when compressed); ``limit`` caps a single document's size.

    Exports (JSONL, CSV) are read without a cap: the limit applies to each record.
    """
    if not compressed and limit is not None and path.stat().st_size > limit:
        raise IngestError(
            f"{path}: {path.stat().st_size:,} bytes is over the {limit:,}-byte limit",
            error_type="too_large",
        )
    if not compressed:
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read() if limit is None else stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(f"{path}: corrupt gzip data ({exc})", error_type="bad_gzip") from exc
    if limit is not None and len(data) > limit:
        raise IngestError(
            f"{path}: decompresses to over the {limit:,}-byte limit", error_type="too_large"
        )
    return data


def _check_size(data: bytes | str, source: str, config: IngestConfig) -> None:
    if 4 * len(data) <= config.max_bytes:
        return  # at most 4 UTF-8 bytes a character: no need to encode to know it fits
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > config.max_bytes:
        raise IngestError(
            f"{source}: {size:,} bytes is over the {config.max_bytes:,}-byte limit",
            error_type="too_large",
        )


def _jsonl(text: str, name: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    # split on "\n" only: str.splitlines() also breaks on U+2028 and friends, which JSON
    # writers leave raw inside strings.
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue  # blank lines carry no record
        source = f"{name}#L{lineno}"
        try:
            _check_size(line, source, config)
            yield parse_json_line(line, source=source)
        except IngestError as exc:
            yield _failure(source, exc)


def _csv(text: str, name: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not {"text", "html"} & set(reader.fieldnames):
        exc = IngestError(f"{name}: CSV needs a 'text' or 'html' column", error_type="bad_csv")
        yield _failure(name, exc)
        return
    row_start = 2
    try:
        for row in reader:
            source = f"{name}#L{row_start}"
            row_start = reader.line_num + 1
            try:
                if None in row:
                    raise IngestError(
                        f"{source}: row has more cells than the header", error_type="bad_csv"
                    )
                _check_size(row.get("text") or row.get("html") or "", source, config)
                yield record_to_document(row, source=source)
            except IngestError as exc:
                yield _failure(source, exc)
    except csv.Error as exc:
        yield _failure(f"{name}#L{row_start}", IngestError(f"{name}: {exc}", error_type="bad_csv"))


def _read_file(path: Path, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    name = path.as_posix()
    suffix, compressed = _kind(path)
    try:
        path.stat()  # a missing file or a symlink loop raises its own OSError here, first
        if suffix not in SUPPORTED:
            raise IngestError(
                f"{name}: unsupported file type {suffix or '(none)'!r}; "
                f"supported: {', '.join(SUPPORTED)} (optionally .gz)",
                error_type="unsupported_type",
            )
        is_export = suffix in JSONL_SUFFIXES + CSV_SUFFIXES
        data = _read_bytes(path, compressed, None if is_export else config.max_bytes)
        if suffix in HTML_SUFFIXES:
            html = decode_html(data, name)
            yield RawDocument(id=name, content=html, media_type=MediaType.HTML, source=name)
            return
        text = decode_text(data, name)
    except (IngestError, OSError) as exc:
        yield _failure(name, exc)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(text, name, config)
    elif suffix in CSV_SUFFIXES:
        yield from _csv(text, name, config)
    else:
        yield RawDocument(id=name, content=text, media_type=MediaType.TEXT, source=name)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order; hidden files and folders are skipped."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            logger.debug("skipping hidden path %s", path)
            continue
        if path.is_file() or (path.is_symlink() and not path.exists()):
            yield path


def read_documents(
    paths: Iterable[str | Path],
    *,
    config: IngestConfig | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | Failure]:
    """Read every document under ``paths``, in order, one item per input record.

    Args:
        paths: files, directories (read recursively, sorted) or ``"-"`` for stdin.
        config: size limits.
        stdin: the stream ``"-"`` reads from (plain text).

    Yields:
        A ``RawDocument`` per record, or a ``Failure`` where a record cannot be read.
    """
    config = config or IngestConfig()
    for item in paths:
        if str(item) == STDIN:
            if stdin is None:
                raise ValueError("'-' given but no stdin stream was passed")
            try:
                data = stdin.read()
                _check_size(data, "stdin", config)
                text = decode_text(data, "stdin")
            except IngestError as exc:
                yield Failure("stdin", STDIN, Stage.INGEST, exc.error_type, str(exc))
                continue
            yield RawDocument(id="stdin", content=text, media_type=MediaType.TEXT, source=STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, config)
        else:
            yield from _read_file(path, config)

"""What every reader shares: the size limit, the size check and the error row."""

from __future__ import annotations

from dataclasses import dataclass

from hoaxlens.errors import IngestError
from hoaxlens.types import Failure, Stage


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits on what is read."""

    # Per document: a file, a JSONL line, a CSV or Parquet row, or a WARC record's body.
    max_bytes: int = 5_000_000

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")


def ingest_failure(
    source: str,
    exc: IngestError | OSError,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    meta: tuple[tuple[str, str], ...] = (),
) -> Failure:
    """The error row for an input that could not be read.

    Args:
        source: where the input is (``path``, ``path#L3``, ``path#1234``).
        exc: what went wrong; an ``OSError`` is named by its class.
        doc_id: the record's own id where it has one; ``source`` otherwise.
        url: the record's URL, where known (WARC target URI).
        meta: provenance of the record, where known.

    Returns:
        A ``Failure`` of stage ``ingest``.
    """
    if isinstance(exc, IngestError):
        error_type, message = exc.error_type, str(exc)
    else:
        error_type = type(exc).__name__
        message = f"{source}: cannot read file ({exc.strerror or exc})"
    return Failure(doc_id or source, source, Stage.INGEST, error_type, message, url=url, meta=meta)


def check_size(data: bytes | str, source: str, config: IngestConfig) -> None:
    """Raise ``too_large`` when ``data`` is over ``config.max_bytes`` (UTF-8 bytes for text).

    Raises:
        IngestError: when the record is too large.
    """
    if 4 * len(data) <= config.max_bytes:
        return  # at most 4 UTF-8 bytes a character: no need to encode to know it fits
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > config.max_bytes:
        raise too_large(source, size, config)


def too_large(source: str, size: int, config: IngestConfig) -> IngestError:
    """The ``too_large`` error for a record of ``size`` bytes."""
    return IngestError(
        f"{source}: {size:,} bytes is over the {config.max_bytes:,}-byte limit",
        error_type="too_large",
    )

"""What every reader shares: the limits, the size check and the error row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.types import Failure, Stage

if TYPE_CHECKING:
    from hoaxlens.ingest.fields import FieldMap

# Error messages are one line a user reads: a bug's message is cut to this many characters.
MAX_MESSAGE_CHARS = 500
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits on what is read; each one's error row names its ``[ingest]`` setting.

    Per record: ``max_bytes`` (a file, a JSONL line, a CSV or Parquet cell, a WARC
    record's body), ``max_json_depth`` (arrays and objects inside one another in a JSON
    line) and ``max_number_digits`` (characters of one JSON number). Per file:
    ``max_lines_per_file`` (JSONL and CSV lines, blank ones included; Parquet rows),
    ``max_decompressed_bytes_per_file`` (what a gzip-compressed export or a WARC file
    holds once decompressed) and ``max_errors_per_file`` (error rows before the rest of a
    file is given up as one row). A file past a per-file limit keeps the records read
    before it and gets one error row for the rest.

    Which fields of an export record (JSONL, CSV, Parquet) hold what: ``preset`` names a
    known export (``crowdtangle``, ``meta-content-library``, ``x-api``,
    ``facebook-download``), and ``text_field``, ``html_field``, ``url_field``, ``id_field``,
    ``title_field``, ``date_field`` name one field for a role (over the preset's).

    ``pages``: WARC files, HTML files or folders of them that hold the landing pages of
    link posts; when set, each link post (a post that is a link, or a short teaser and a
    link) is paired with its page from them (see ``hoaxlens.ingest.posts``), and one whose
    page is not there gives an error row. ``link_posts`` (implied by ``pages``): a record
    with no text but a link is read as a bare link post (its text: the link), not as an
    error row.
    """

    max_bytes: int = 5_000_000
    max_json_depth: int = 128  # serde_json's default recursion limit
    max_number_digits: int = 1_000  # CPython refuses ints over 4,300 digits anyway
    max_lines_per_file: int = 10_000_000
    max_decompressed_bytes_per_file: int = 20_000_000_000
    max_errors_per_file: int = 10_000
    preset: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None
    id_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    pages: tuple[str, ...] = ()
    link_posts: bool = False

    def field_map(self) -> FieldMap:
        """The field map these settings describe (built once per distinct setting)."""
        return _field_map(
            self.preset,
            self.link_posts or bool(self.pages),
            (
                ("text", self.text_field),
                ("html", self.html_field),
                ("url", self.url_field),
                ("id", self.id_field),
                ("title", self.title_field),
                ("date", self.date_field),
            ),
        )

    def __post_init__(self) -> None:
        for name in (
            "max_bytes",
            "max_json_depth",
            "max_number_digits",
            "max_lines_per_file",
            "max_decompressed_bytes_per_file",
            "max_errors_per_file",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be positive")
        self.field_map()  # an unknown preset fails here, at start


@lru_cache(maxsize=64)
def _field_map(
    preset: str | None, bare_links: bool, overrides: tuple[tuple[str, str | None], ...]
) -> FieldMap:
    from dataclasses import replace

    from hoaxlens.ingest.fields import field_map

    fields = field_map(preset, dict(overrides))
    return replace(fields, bare_links=True) if bare_links else fields


def over_limit(where: str, what: str, setting: str, value: int, *, error_type: str) -> IngestError:
    """The error for an input past one of the ``IngestConfig`` limits, naming its setting.

    >>> str(over_limit("a.jsonl#L9", "nesting is deeper than", "max_json_depth", 128,
    ...                error_type="too_deep"))
    'a.jsonl#L9: nesting is deeper than 128 ([ingest] max_json_depth raises it)'
    """
    return IngestError(
        f"{where}: {what} {value:,} ([ingest] {setting} raises it)", error_type=error_type
    )


def replace_surrogates(text: str) -> tuple[str, int]:
    r"""``text`` with every lone UTF-16 surrogate replaced by U+FFFD, and how many there were.

    JSON can spell a lone surrogate (``"\ud800"``); no UTF-8 output can hold one.

    >>> replace_surrogates("x \ud800 y")
    ('x \ufffd y', 1)
    """
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


def ingest_failure(
    source: str,
    exc: Exception,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    meta: tuple[tuple[str, str], ...] = (),
) -> Failure:
    """The error row for an input that could not be read.

    Args:
        source: where the input is (``path``, ``path#L3``, ``path#1234``).
        exc: what went wrong; an ``OSError`` is named by its class, and any other exception
            that is not an ``IngestError`` (a reader met input it could not handle) by its
            class and message.
        doc_id: the record's own id where it has one; ``source`` otherwise.
        url: the record's URL, where known (WARC target URI).
        meta: provenance of the record, where known.

    Returns:
        A ``Failure`` of stage ``ingest``.
    """
    if isinstance(exc, IngestError):
        error_type, message = exc.error_type, str(exc)
    elif isinstance(exc, OSError):
        error_type = type(exc).__name__
        message = f"{source}: cannot read file ({exc.strerror or exc})"
    else:
        error_type = type(exc).__name__
        message = f"{source}: the reader failed on this input ({error_type}: {exc})"
    message = replace_surrogates(message[:MAX_MESSAGE_CHARS])[0]
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

"""Post exports: one JSON object (JSONL line) or CSV row → ``RawDocument``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Mapping

KNOWN_FIELDS = frozenset({"id", "text", "html", "title", "url"})


def _optional_str(record: Mapping[str, object], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise IngestError(
        f"{where}: field {key!r} must be a string, got {type(value).__name__}",
        error_type="bad_field",
    )


def record_to_document(record: Mapping[str, object], *, source: str) -> RawDocument:
    """Turn one export record into a ``RawDocument``; unknown fields become provenance.

    Args:
        record: a JSON object or CSV row with ``text`` or ``html``, and optionally
            ``id``, ``title``, ``url``.
        source: where it came from, e.g. ``posts.jsonl#L3``.

    Returns:
        The document, with ``id`` defaulting to ``source``.

    Raises:
        IngestError: when neither ``text`` nor ``html`` holds a non-empty string.

    >>> record_to_document({"text": "Hi", "likes": 3}, source="a.jsonl#L1").meta
    (('likes', '3'),)
    """
    text = _optional_str(record, "text", source)
    html = _optional_str(record, "html", source)
    if text is None and html is None:
        raise IngestError(
            f"{source}: record has no 'text' or 'html' field with content", error_type="no_text"
        )
    meta = tuple(
        sorted(
            (str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
            for k, v in record.items()
            if k not in KNOWN_FIELDS
        )
    )
    is_html = text is None
    return RawDocument(
        id=_optional_str(record, "id", source) or source,
        content=html if is_html and html is not None else text or "",
        media_type=MediaType.HTML if is_html else MediaType.TEXT,
        source=source,
        url=_optional_str(record, "url", source),
        title=_optional_str(record, "title", source),
        meta=meta,
    )


def parse_json_line(line: str, *, source: str) -> RawDocument:
    """Parse one JSONL line into a document.

    Args:
        line: the text of the line.
        source: ``path#Lno`` for messages and provenance.

    Returns:
        The document.

    Raises:
        IngestError: for malformed JSON, a non-object, or a record without text.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{source}: malformed JSON ({exc.msg} at column {exc.colno})",
            error_type="malformed_json",
        ) from exc
    if not isinstance(record, dict):
        raise IngestError(
            f"{source}: expected a JSON object, got {type(record).__name__}",
            error_type="malformed_json",
        )
    return record_to_document(record, source=source)

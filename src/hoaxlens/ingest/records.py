"""Post exports: one JSON object (JSONL line) or CSV row → ``RawDocument``."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, over_limit, replace_surrogates
from hoaxlens.ingest.fields import (
    DATE_NOTE,
    DATE_SOURCE_NOTE,
    DEFAULT_FIELDS,
    DOMAIN_NOTE,
    FieldMap,
    date_from_url,
    first_present,
    iso_date,
)
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

KNOWN_FIELDS = frozenset({"id", "text", "html", "title", "url"})
# Provenance key of a record whose strings held lone UTF-16 surrogates (JSON "\ud800"):
# they are replaced by U+FFFD, and the count is kept here, so nothing changes silently.
SURROGATES_NOTE = "ingest_surrogates_replaced"
# A JSON string, escapes included (the possessive unrolled loop never backtracks); or, when
# a string is never closed, the rest of the line from its quote (group 1, kept as it is:
# each later quote in it is escaped, so no later string could close either). Without the
# second branch every quote of an unclosed string full of escaped quotes started a scan to
# the line's end: quadratic (20,000 '\\"' took 7.5 s).
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|(".*)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = str.maketrans({"[": "+", "{": "+", "]": "-", "}": "-"})


def _optional_str(value: object, key: str, where: str, *, numeric_ok: bool = False) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if numeric_ok and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise IngestError(
        f"{where}: field {key!r} must be a string, got {type(value).__name__}",
        error_type="bad_field",
    )


def _pick(
    record: Mapping[str, object], names: tuple[str, ...], where: str, *, numeric_ok: bool = False
) -> tuple[str, str | None]:
    """The first of ``names`` with content, as text (the name too, for ``meta``)."""
    name, value = first_present(record, names)
    return name, _optional_str(value, name, where, numeric_ok=numeric_ok)


def _notes(
    record: Mapping[str, object], fields: FieldMap, url: str | None
) -> list[tuple[str, str]]:
    """Provenance ingest adds: the record's date (from its date field, else its URL path)."""
    notes: list[tuple[str, str]] = []
    name, value = first_present(record, fields.date)
    day = iso_date(value) if name else None
    if day is not None:
        notes += [(DATE_NOTE, day), (DATE_SOURCE_NOTE, name)]
    elif (day := date_from_url(url)) is not None:
        notes += [(DATE_NOTE, day), (DATE_SOURCE_NOTE, "url")]
    if url is None:
        name, value = first_present(record, fields.domain)
        if isinstance(value, str) and value.strip():
            notes.append((DOMAIN_NOTE, value.strip().lower().removeprefix("www.")))
    return notes


def record_to_document(
    record: Mapping[str, object], *, source: str, fields: FieldMap = DEFAULT_FIELDS
) -> RawDocument:
    """Turn one export record into a ``RawDocument``; unknown fields become provenance.

    Args:
        record: a JSON object or CSV row with ``text`` or ``html``, and optionally
            ``id``, ``title``, ``url`` (or the fields ``fields`` names for them).
        source: where it came from, e.g. ``posts.jsonl#L3``.
        fields: which field holds the text, the page, the link, the id, the title and the
            date (see ``hoaxlens.ingest.fields``).

    Returns:
        The document, with ``id`` defaulting to ``source``. Its ``meta`` holds the
        record's other fields, and ``ingest_date`` (ISO) with ``ingest_date_source`` where
        the date field or the URL's path gives a date.

    With ``fields.bare_links`` (link posts are being paired with their pages), a record
    with no text or HTML but an http(s) link in its URL field is a bare link post: its
    text is the link (see ``hoaxlens.ingest.posts``).

    Raises:
        IngestError: when no text or HTML field holds a non-empty string and no link.

    >>> record_to_document({"text": "Hi", "likes": 3}, source="a.jsonl#L1").meta
    (('likes', '3'),)
    """
    text_name, text = _pick(record, fields.text, source)
    html_name, html = _pick(record, fields.html, source) if text is None else ("", None)
    if text is None and html is None and fields.bare_links:
        link = _pick(record, fields.url, source)[1]
        if link is not None and link.strip().lower().startswith(("http://", "https://")):
            text = link.strip()  # a bare link post: its link is all it says
    if text is None and html is None:
        tried = ", ".join(repr(n) for n in fields.body_fields()) or "(none)"
        raise IngestError(
            f"{source}: record has no text or HTML field with content (tried {tried}; "
            "--text-field, --html-field or --preset name another)",
            error_type="no_text",
        )
    id_name, document_id = _pick(record, fields.id, source, numeric_ok=True)
    url_name, url = _pick(record, fields.url, source)
    title_name, title = _pick(record, fields.title, source)
    # The fields read, and (as before field maps) the standard ones even when empty.
    used = {text_name, html_name, id_name, url_name, title_name} | (
        KNOWN_FIELDS & fields.consumed()
    )
    meta = [
        (str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
        for k, v in record.items()
        if k not in used
    ]
    meta += _notes(record, fields, url)
    is_html = text is None
    replaced = 0

    def clean(value: str) -> str:
        nonlocal replaced
        value, count = replace_surrogates(value)
        replaced += count
        return value

    def clean_optional(value: str | None) -> str | None:
        return None if value is None else clean(value)

    content = clean(html if is_html and html is not None else text or "")
    cleaned = sorted((clean(k), clean(v)) for k, v in meta)
    document_id = clean(document_id or source)
    url = clean_optional(url)
    title = clean_optional(title)
    if replaced:
        cleaned = sorted((*cleaned, (SURROGATES_NOTE, str(replaced))))
    return RawDocument(
        id=document_id,
        content=content,
        media_type=MediaType.HTML if is_html else MediaType.TEXT,
        source=source,
        url=url,
        title=title,
        meta=tuple(cleaned),
    )


def json_depth(line: str) -> int:
    """How deeply arrays and objects nest in a JSON text, found without recursion.

    Brackets inside strings do not count. Malformed JSON gets a number too (the parser
    reports it afterwards).

    >>> json_depth('{"a": [[1], {"b": "[[["}]}'), json_depth("7")
    (3, 0)
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub(r"\1", line))
    if not brackets:
        return 0
    steps = brackets.translate(_DEPTH_STEP)
    return max(0, max(accumulate(1 if step == "+" else -1 for step in steps)))


def _check_depth(line: str, source: str, config: IngestConfig) -> None:
    if line.count("[") + line.count("{") <= config.max_json_depth:
        return  # cannot nest deeper than it has brackets: no scan needed
    if json_depth(line) > config.max_json_depth:
        raise over_limit(
            source,
            "arrays and objects nest deeper than",
            "max_json_depth",
            config.max_json_depth,
            error_type="too_deep",
        )


def _number_parser(
    convert: Callable[[str], object], source: str, config: IngestConfig
) -> Callable[[str], object]:
    """``int`` or ``float`` for ``json.loads``, refusing numbers with too many characters."""

    def parse(token: str) -> object:
        if len(token) > config.max_number_digits:
            raise over_limit(
                source,
                f"a number of {len(token):,} characters is over the limit of",
                "max_number_digits",
                config.max_number_digits,
                error_type="number_too_long",
            )
        return convert(token)

    return parse


def parse_json_line(line: str, *, source: str, config: IngestConfig | None = None) -> RawDocument:
    """Parse one JSONL line into a document.

    Args:
        line: the text of the line.
        source: ``path#Lno`` for messages and provenance.
        config: the nesting-depth and number-size limits (defaults when ``None``).

    Returns:
        The document; lone UTF-16 surrogates in its strings are replaced by U+FFFD and
        counted in ``meta`` (``ingest_surrogates_replaced``).

    Raises:
        IngestError: for malformed JSON, nesting deeper than ``max_json_depth``, a number
            longer than ``max_number_digits``, a non-object, or a record without text.
    """
    config = config or IngestConfig()
    _check_depth(line, source, config)
    try:
        record = json.loads(
            line,
            parse_int=_number_parser(int, source, config),
            parse_float=_number_parser(float, source, config),
        )
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
    return record_to_document(record, source=source, fields=config.field_map())

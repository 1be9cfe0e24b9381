"""HTML or plain text → ``Article``: the story body and title, furniture removed."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from hoaxlens.errors import ExtractError
from hoaxlens.extract.farm import strip_farm_furniture
from hoaxlens.types import Article, MediaType, RawDocument

logger = logging.getLogger(__name__)

MAX_TITLE_CHARS = 200


def _title_from_text(body: str) -> str:
    r"""Use the first line as the title when it is headline-sized (a post's first line).

    >>> _title_from_text("Star stuns crowd\nIt was a night...")
    'Star stuns crowd'
    """
    first = body.lstrip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= MAX_TITLE_CHARS else ""


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _extract_html(raw: RawDocument) -> Article:
    # A core dependency, imported here so that text-only runs skip its import cost.
    import trafilatura
    from trafilatura.settings import Document as TrafilaturaDocument

    try:
        found = trafilatura.bare_extraction(
            raw.content,
            url=raw.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except (ValueError, TypeError, RecursionError) as exc:
        # trafilatura/lxml raise these on pathological markup; that is bad input, not a bug.
        raise ExtractError(
            f"HTML could not be parsed: {exc}", error_type="unparsable_html"
        ) from exc
    if not isinstance(found, TrafilaturaDocument) or not (found.text or "").strip():
        raise ExtractError("no story text found in the HTML page", error_type="no_story")
    cleaned = strip_farm_furniture(found.text or "")
    url = raw.url or found.url
    return Article(
        title=(raw.title or found.title or "").strip(),
        body=cleaned.text,
        byline=found.author,
        published=_parse_date(found.date),
        url=url,
        site=found.hostname or (urlsplit(url).hostname if url else None),
        removed=cleaned.removed,
    )


def extract_article(raw: RawDocument) -> Article:
    """Extract the story from one raw document.

    Args:
        raw: a text post or an HTML page.

    Returns:
        The story's title and body with teaser rails and scroll markers removed.

    Raises:
        ExtractError: when no story text is left.
    """
    if raw.media_type is MediaType.HTML:
        article = _extract_html(raw)
    else:
        cleaned = strip_farm_furniture(raw.content)
        title = raw.title.strip() if raw.title else _title_from_text(cleaned.text)
        url = raw.url
        article = Article(
            title=title,
            body=cleaned.text,
            url=url,
            site=urlsplit(url).hostname if url else None,
            removed=cleaned.removed,
        )
    if not article.body.strip():
        raise ExtractError("the document holds no text", error_type="empty_document")
    return article

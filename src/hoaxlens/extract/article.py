"""HTML or plain text → ``Article``: the story body and title, furniture removed.

HTML goes through the fast path first (resiliparse on a tree pruned of farm furniture)
and falls back to trafilatura when the quality check rejects the result; either way the
text is then cleaned line by line (``farm.strip_farm_furniture``). Page metadata comes
from the same parsed tree, so the fallback costs one extra parse and nothing else. The
page route lives in ``page``, imported on the first page: a text-only run (``hoaxlens
scan one.txt``) loads none of the HTML machinery.
"""

from __future__ import annotations

from enum import StrEnum

from hoaxlens.errors import ExtractError
from hoaxlens.extract.farm import strip_farm_furniture
from hoaxlens.extract.hosts import domain_of
from hoaxlens.types import Article, MediaType, RawDocument

MAX_TITLE_CHARS = 200


class ExtractStrategy(StrEnum):
    """Which HTML extractor runs: both with a quality check (default), or one of them."""

    AUTO = "auto"
    FAST = "fast"  # resiliparse only, even when the quality check fails (benchmarks)
    TRAFILATURA = "trafilatura"  # the fallback only


def _hostname(url: str | None) -> str | None:
    """``urlsplit(url).hostname`` (a malformed address raises ``ValueError``)."""
    if not url:
        return None
    from urllib.parse import urlsplit  # only documents with an address need it

    return urlsplit(url).hostname


def _title_from_text(body: str) -> str:
    r"""Use the first line as the title when it is headline-sized (a post's first line).

    >>> _title_from_text("Star stuns crowd\nIt was a night...")
    'Star stuns crowd'
    """
    first = body.lstrip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= MAX_TITLE_CHARS else ""


def extract_article(
    raw: RawDocument, *, strategy: ExtractStrategy = ExtractStrategy.AUTO
) -> Article:
    """Extract the story from one raw document.

    Args:
        raw: a text post or an HTML page.
        strategy: for HTML, which extractor runs (see ``ExtractStrategy``).

    Returns:
        The story's title and body with teaser rails, scroll markers and other farm
        furniture removed; for HTML also the page's metadata.

    Raises:
        ExtractError: when no story text is left (``no_story``, ``empty_document``) or the
            page is refused (``too_deep``, ``too_complex``, ``unparsable_html``).
    """
    if raw.media_type is MediaType.HTML:
        from hoaxlens.extract.page import extract_html  # the first page loads the route

        article = extract_html(raw, strategy)
    else:
        cleaned = strip_farm_furniture(raw.content)
        title = raw.title.strip() if raw.title else _title_from_text(cleaned.text)
        url = raw.url
        article = Article(
            title=title,
            body=cleaned.text,
            url=url,
            site=_hostname(url),
            removed=cleaned.removed,
            domain=domain_of(url),
        )
    if not article.body.strip():
        raise ExtractError("the document holds no text", error_type="empty_document")
    return article

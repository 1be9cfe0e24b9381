"""Link posts: a social-media post that is only a link, or a short teaser and a link.

The story of such a post is on its landing page. When pages are given (``hoaxlens scan
--follow-links`` fetches them, ``--pages`` names a crawl or HTML files that hold them), each
link post is paired with its page: the document becomes the page (its HTML, its URL) and
carries the post (``RawDocument.post``), and the verdict reads the teaser first, then the
page's story (``join_teaser``). A link post whose page is not there, or could not be
fetched, gives one error row of stage ``fetch`` that keeps the post, never a silent drop.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from hoaxlens.ingest.fields import DATE_NOTE, DATE_SOURCE_NOTE
from hoaxlens.types import Failure, MediaType, Post, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from hoaxlens.types import Article

# A post is a link post when, its links taken out, at most this many words are left: a
# headline-and-a-line teaser. A longer post tells its own story and is judged as it is.
LINK_POST_MAX_WORDS = 60
URL = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>\u00bb\u201d\u2019'\""
# Query parameters that only track who clicked: dropped before a link is fetched or matched.
_TRACKING = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|__cft__.*|__tn__)$"
)
# Facebook's and others' click-through wrappers (``l.facebook.com/l.php?u=<target>``).
_WRAPPERS = {
    "l.facebook.com": "u",
    "lm.facebook.com": "u",
    "www.facebook.com": "u",  # only for its /l.php path, checked below
    "l.instagram.com": "u",
    "t.umblr.com": "z",
}
# Columns of post exports that hold the post's own address (not the link it shares).
POST_URL_FIELDS = ("URL", "postUrl", "post_url", "Post URL", "permalink", "permalink_url")


def links_in(text: str) -> list[str]:
    """The http(s) URLs in ``text``, trailing punctuation left out.

    >>> links_in("So sad 😢 https://farm.example/story?id=3. Read: http://x.example/a)")
    ['https://farm.example/story?id=3', 'http://x.example/a']
    """
    return [m.group().rstrip(_TRAILING) for m in URL.finditer(text)]


def clean_link(url: str) -> str:
    """A link as it should be fetched: click-through wrappers undone, trackers dropped.

    >>> clean_link("https://l.facebook.com/l.php?u=https%3A%2F%2Ffarm.example%2Fa%3Fid%3D1"
    ...            "%26utm_source%3Dfb&h=AT0")
    'https://farm.example/a?id=1'
    >>> clean_link("https://farm.example/story/?fbclid=IwAR0x#comments")
    'https://farm.example/story/'
    """
    url = url.strip()
    for _ in range(3):  # a wrapper inside a wrapper
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        param = _WRAPPERS.get(host)
        if param is None or (host == "www.facebook.com" and parts.path != "/l.php"):
            break
        target = dict(parse_qsl(parts.query)).get(param)
        if not target or not target.lower().startswith(("http://", "https://")):
            break
        url = unquote(target) if "%" in target[:12] else target
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not _TRACKING.match(k.lower())]
    new_query = urlencode(kept) if len(kept) != len(query) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, ""))


def url_key(url: str) -> str:
    """The form two addresses of one page share: for finding a post's page in a crawl.

    Scheme, ``www.``, default port, fragment, trackers, a trailing slash and the case of
    the host do not tell pages apart.

    >>> url_key("HTTPS://www.Farm.example:443/story/?utm_source=fb#top")
    'farm.example/story'
    >>> url_key("http://farm.example/story")
    'farm.example/story'
    """
    parts = urlsplit(clean_link(url))
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/")
    return netloc + path + (f"?{parts.query}" if parts.query else "")


def _is_http(value: str | None) -> bool:
    return bool(value) and str(value).lower().startswith(("http://", "https://"))


def link_post(raw: RawDocument) -> Post | None:
    """The post ``raw`` is, when it is a link post; ``None`` when it tells its own story.

    A link post is a text record (not a page) with a link, in its URL field (a
    CrowdTangle ``Link``, an X ``expanded_url``) or in its text, and at most
    ``LINK_POST_MAX_WORDS`` words besides its links.

    >>> post = link_post(RawDocument("p1", "She said goodbye 😢 https://farm.example/a",
    ...                              MediaType.TEXT, "posts.csv#L2"))
    >>> post.link, post.teaser, post.id
    ('https://farm.example/a', 'She said goodbye 😢', 'p1')
    >>> link_post(RawDocument("p2", "No link here.", MediaType.TEXT, "posts.csv#L3")) is None
    True
    """
    if raw.media_type is not MediaType.TEXT or raw.post is not None:
        return None
    in_text = links_in(raw.content)
    link = raw.url if _is_http(raw.url) else (in_text[0] if in_text else None)
    if link is None:
        return None
    teaser = " ".join(URL.sub(" ", raw.content).split())
    if len(teaser.split()) > LINK_POST_MAX_WORDS:
        return None
    meta = dict(raw.meta)
    own_url = raw.id if _is_http(raw.id) and raw.id != link else None
    if own_url is None:
        own_url = next(
            (meta[k] for k in POST_URL_FIELDS if _is_http(meta.get(k)) and meta[k] != link), None
        )
    date = meta.get(DATE_NOTE) if meta.get(DATE_SOURCE_NOTE) != "url" else None
    return Post(
        text=raw.content,
        link=link,
        teaser=teaser,
        id=raw.id if raw.id != raw.source else None,
        url=own_url,
        date=date,
        title=raw.title,
    )


def join_teaser(article: Article, post: Post) -> Article:
    """The page's article with the post's teaser before its story (what the verdict reads).

    The teaser is left out when it is empty, or when the page already says it (its title,
    or the opening of its story), so nothing is read twice.
    """
    teaser = post.teaser.strip()
    if not teaser:
        return article
    folded = " ".join(teaser.casefold().split())
    opening = " ".join(article.body[: len(teaser) * 2 + 200].casefold().split())
    if folded in opening or folded == " ".join(article.title.casefold().split()):
        return article
    return replace(article, body=f"{teaser}\n\n{article.body}" if article.body else teaser)


def paired(raw: RawDocument, post: Post, page: RawDocument) -> RawDocument:
    """The document of a link post and its landing page: the page, carrying the post."""
    meta = dict(page.meta)
    fetched_at = meta.get("fetched_at") or meta.get("warc_date") or None
    post = replace(post, page_url=page.url, page_source=page.source, page_fetched_at=fetched_at)
    return RawDocument(
        id=raw.id,
        content=page.content,
        media_type=page.media_type,
        source=raw.source,
        url=page.url or clean_link(post.link),
        title=None,  # the page's own title (a post's link title may be the farm's bait)
        meta=raw.meta,
        post=post,
    )


def unpaired(raw: RawDocument, post: Post, failure: Failure | None) -> Failure:
    """The error row of a link post whose page is missing (``failure``: why it is)."""
    link = clean_link(post.link)
    if failure is None:
        error_type = "page_not_found"
        message = (
            f"{raw.source}: the page this post links to ({link}) is in none of the --pages "
            "inputs (--follow-links fetches it)"
        )
        stage = Stage.FETCH
    else:
        error_type = failure.error_type
        message = f"{raw.source}: the page this post links to gave no document: {failure.message}"
        stage = failure.stage
        fetched_at = dict(failure.meta).get("fetched_at") or None
        post = replace(post, page_source=failure.source, page_fetched_at=fetched_at)
    return Failure(
        raw.id,
        raw.source,
        stage,
        error_type,
        message[:500],
        url=link,
        title=raw.title,
        meta=raw.meta,
        post=post,
    )


class PageLookup:
    """What ``pair_link_posts`` needs from a page store: a URL's page, fetch error or none."""

    def find(self, url: str) -> RawDocument | Failure | None:  # pragma: no cover - protocol
        """The page (or the fetch error) recorded for ``url``."""
        raise NotImplementedError


def pair_link_posts(
    items: Iterable[RawDocument | Failure], pages: PageLookup
) -> Iterator[RawDocument | Failure]:
    """Each link post paired with its page from ``pages``; everything else as it was.

    One item out per item in, in order: a link post becomes its page carrying the post,
    or an error row (stage ``fetch``) when its page is missing or gave none.
    """
    for item in items:
        post = link_post(item) if isinstance(item, RawDocument) else None
        if post is None:
            yield item
            continue
        assert isinstance(item, RawDocument)  # noqa: S101 - link_post took only documents
        found = pages.find(post.link)
        if isinstance(found, RawDocument):
            yield paired(item, post, found)
        else:
            yield unpaired(item, post, found)

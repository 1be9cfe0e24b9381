"""What a page says about itself: site, canonical URL, og: tags, date, author, site links.

Read from the parsed tree *before* any furniture is removed, because the teaser rails that
extraction throws away are exactly where a page links to the rest of its campaign.
Sources are tried from most to least explicit (meta tags, JSON-LD, microdata, ``<time>``,
the URL path), the order trafilatura/htmldate also use, minus their slow text heuristics.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from hoaxlens.extract.dom import attribute, link_hrefs, select, squash, text_of
from hoaxlens.extract.hosts import domain_of as domain_of  # re-exported: callers import it here
from hoaxlens.extract.hosts import host_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.extract.dom import Element

logger = logging.getLogger(__name__)

MAX_SITE_LINKS = 500
MAX_JSON_LD_CHARS = 200_000
MAX_BYLINE_CHARS = 80

_DATE_META = (
    'meta[property="article:published_time" i], meta[name="article:published_time" i], '
    'meta[itemprop="datePublished" i], meta[property="og:published_time" i], '
    'meta[name="date" i], meta[name="pubdate" i], meta[name="publish-date" i], '
    'meta[name="parsely-pub-date" i], meta[name="sailthru.date" i], '
    'meta[name="dc.date.issued" i], meta[name="dc.date" i]'
)
_AUTHOR_META = (
    'meta[name="author" i], meta[property="article:author" i], meta[name="parsely-author" i], '
    'meta[name="sailthru.author" i], meta[name="dc.creator" i]'
)
_AUTHOR_NODES = (
    '[itemprop="author"] [itemprop="name"], [rel~="author"], [itemprop="author"], '
    '[class*="author-name" i], [class*="byline" i] a, [class*="byline-name" i], '
    '[class*="author" i].vcard .fn'  # Blogger: "post-author vcard" > "fn"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})(?:/|$)")
_TEXT_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
_BYLINE_PREFIX = re.compile(r"^(?:posted by|written by|by)\s*[:\-]?\s*", re.IGNORECASE)
MIN_FIRST_PART_WORDS = 3
# og:title, JSON-LD headline and twitter:title values kept as title hints, at most, in that
# order (the <title>'s parts come after them). A page has one or two of each; a hostile one
# thousands, and each is compared with every heading (4,000 hints x 4,000 headings: 9 s).
MAX_TITLE_HINTS = 8
_NON_WORD = re.compile(r"\W+")
_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u00b7)\s+")
# Path segments of pages that are not stories: archives, taxonomy, the CMS itself, legal.
# A set look-up per segment: a regular expression with this many alternatives, searched
# over every link's path, cost more than all the rest of the link filter.
_NOT_STORY_SEGMENTS = frozenset(
    [
        "category",
        "categories",
        "tag",
        "tags",
        "topic",
        "topics",
        "author",
        "authors",
        "page",
        "search",
        "label",
        "feed",
        "feeds",
        "wp-admin",
        "wp-content",
        "wp-includes",
        "wp-json",
        "wp-login.php",
        "comments",
        "cdn-cgi",
        "p",
        "privacy",
        "privacy-policy",
        "cookie",
        "cookie-policy",
        "cookies",
        "terms",
        "terms-of-use",
        "terms-of-service",
        "terms-and-conditions",
        "about",
        "about-us",
        "contact",
        "contact-us",
        "advertise",
        "dmca",
        "disclaimer",
        "login",
        "register",
        "subscribe",
        "sitemap",
        "newsletter",
    ]
)
_POST_ID = re.compile(r"(?:^|&)p=\d+(?:&|$)")
_HTML_SUFFIX = re.compile(r"\.html?$", re.IGNORECASE)
_SLUG_SPLIT = re.compile(r"[-_]+")
_ORIGIN = re.compile(r"^(https?)://[^/?#]+", re.IGNORECASE)
_URL_PARTS = re.compile(r"^(https?)://([^/?#]*)([^?#]*)(?:\?([^#]*))?", re.IGNORECASE)
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|css|js|xml|pdf|mp4|mp3|zip|ico)$", re.I)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Site and page facts read from the tree; every field may be missing."""

    url: str | None
    site: str | None
    domain: str | None
    canonical_url: str | None
    og: tuple[tuple[str, str], ...]
    published: date | None
    byline: str | None
    site_links: tuple[str, ...]
    title_hints: tuple[str, ...]  # og:title, JSON-LD headline, <title> parts: best first
    # The first part of the best hint and of the <title> ("Story | A Longer Site Name"),
    # when no title hint names it: a guess, which may be the site's name or a teaser's
    # words, so a heading must pass more checks to match it (``anchor.find_story_anchor``).
    first_parts: tuple[str, ...] = ()

    def og_value(self, key: str) -> str | None:
        """First value of one og: property, e.g. ``og_value("og:title")``."""
        return next((value for k, value in self.og if k == key), None)


def parse_date(value: str | None) -> date | None:
    """A calendar date from an ISO timestamp or a written date; None when there is none.

    >>> parse_date("2024-05-14T08:12:45+00:00"), parse_date("May 9, 2024")
    (datetime.date(2024, 5, 14), datetime.date(2024, 5, 9))
    """
    if not value:
        return None
    value = squash(value)
    found = _ISO_DATE.search(value)
    if found:
        try:
            parsed = date(*(int(part) for part in found.groups()))
        except ValueError:
            return None
        return parsed if 1990 <= parsed.year <= 2100 else None
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _og_tags(root: Element) -> tuple[tuple[str, str], ...]:
    pairs: dict[tuple[str, str], None] = {}  # a dict keeps the first-seen order, deduplicated
    for meta in select(root, 'meta[property^="og:" i], meta[name^="og:" i]'):
        key = (meta.getattr("property") or meta.getattr("name") or "").strip().lower()
        value = attribute(meta, "content")
        if value:
            pairs[key, value] = None
    return tuple(pairs)


def _json_ld_objects(root: Element) -> Iterator[dict[str, object]]:
    """Every JSON object inside the page's JSON-LD blocks, outermost first."""
    for script in select(root, 'script[type="application/ld+json" i]'):
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # "[" * 100_000: nested past the stack
            continue
        stack: deque[object] = deque([data])  # breadth first: outermost objects first
        while stack:
            item = stack.popleft()
            if isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)


def _json_ld_author(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in map(_json_ld_author, value) if n]
        return ", ".join(names) or None
    return None


def _published(
    tags: Element, root: Element, ld: list[dict[str, object]], url: str | None
) -> date | None:
    for meta in select(tags, _DATE_META):
        found = parse_date(meta.getattr("content"))
        if found:
            return found
    for obj in ld:
        value = obj.get("datePublished")
        found = parse_date(value if isinstance(value, str) else None)
        if found:
            return found
    for node in select(root, '[itemprop="datePublished" i], abbr.published, time'):
        for name in ("content", "datetime", "title"):
            found = parse_date(node.getattr(name))
            if found:
                return found
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    return parse_date("-".join(match.groups())) if match else None


def _clean_byline(value: str | None) -> str | None:
    text = _BYLINE_PREFIX.sub("", squash(value or "")).strip(" -\u2013|,")
    if not 2 <= len(text) <= MAX_BYLINE_CHARS or "://" in text or text.startswith("@"):
        return None
    return text


def _byline(tags: Element, root: Element, ld: list[dict[str, object]]) -> str | None:
    for meta in select(tags, _AUTHOR_META):
        found = _clean_byline(meta.getattr("content"))
        if found:
            return found
    for obj in ld:
        found = _clean_byline(_json_ld_author(obj.get("author")))
        if found:
            return found
    for node in select(root, _AUTHOR_NODES):
        found = _clean_byline(text_of(node))
        if found:
            return found
    return None


def _title_hints(
    root: Element, og: tuple[tuple[str, str], ...], ld: list[dict[str, object]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The page's title hints, best first, and the first parts of its titles (see below)."""
    hints = [v for k, v in og if k == "og:title"]
    hints += [v for obj in ld if isinstance(v := obj.get("headline"), str)]
    hints += [attribute(m, "content") for m in select(root, 'meta[name="twitter:title" i]')]
    del hints[MAX_TITLE_HINTS:]  # (each hint is compared with every heading of the page)
    title_node = root.query_selector("title")
    title = text_of(title_node) if title_node else ""
    if title:
        # "Story - Site", "Site | Story", "Site: Story" (Blogger): the longest part is the story.
        longest = max(_TITLE_SEPARATORS.split(title), key=len)
        hints.append(max(longest.split(": ", 1), key=len) if longest == title else longest)
        hints.append(title)
    unique = dict.fromkeys(squash(h) for h in hints if h and h.strip())
    # "Story | A Site Name Longer Than The Story": the longest part is the site's name, and
    # no hint above is the page's headline. The first part of the best hint and of the
    # <title>, of at least ``MIN_FIRST_PART_WORDS`` words, are tried last, unless it is
    # og:site_name ("Celeb Buzz Daily | Waitress Gets A Fortune").
    site = {_words(v) for k, v in og if k == "og:site_name"}
    firsts: dict[str, None] = {}
    for full in (*hints[:1], title):
        first = squash(_TITLE_SEPARATORS.split(full, 1)[0]) if full else ""
        if (
            first != squash(full)
            and len(first.split()) >= MIN_FIRST_PART_WORDS
            and first not in unique
            and _words(first) not in site
        ):
            firsts.setdefault(first)
    return tuple(unique), tuple(firsts)


def _words(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().casefold()


def _normal_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, (parts.hostname or "").lower(), parts.path, parts.query, ""))


def is_story_path(url: str) -> bool:
    """Whether a URL's path looks like one story rather than an archive, asset or page.

    >>> is_story_path("https://x.example/2023/10/star-stuns-fans.html")
    True
    >>> is_story_path("https://x.example/category/celebrity/")
    False
    """
    parts = urlsplit(url)
    return _is_story(parts.path, parts.query)


# Menus, category bars and rails repeat on every page of a site: paths are judged once.
@lru_cache(maxsize=16_384)
def _is_story(path: str, query: str) -> bool:
    if query and _POST_ID.search(query):
        return True
    segments = [s for s in path.split("/") if s]
    # "".join(segments).isdigit(): every (non-empty) segment is all digits.
    if not segments or _ASSET.search(path) or "".join(segments).isdigit():
        return False
    if not _NOT_STORY_SEGMENTS.isdisjoint(path.lower().split("/")):
        return False
    slug = _HTML_SUFFIX.sub("", segments[-1])
    words = [w for w in _SLUG_SPLIT.split(slug) if w]
    dated = len(segments) > 1 and segments[0].isdigit() and len(segments[0]) == 4
    return len(words) >= (2 if dated else 3) or any(len(s) >= 5 and s.isdigit() for s in segments)


def clear_caches() -> None:
    """Forget memoised link-path verdicts (see ``caches``)."""
    _is_story.cache_clear()


def _absolute(href: str, base: str | None, origin: re.Match[str] | None = None) -> str:
    """Resolve a link; the common shapes by string operations (``urljoin`` is slow).

    ``origin``: ``_ORIGIN.match(base)``, when the caller resolves many links on one base.
    """
    if href.startswith(("http://", "https://")) or not base:
        return href
    origin = origin or _ORIGIN.match(base)
    if origin and href.startswith("//"):
        return f"{origin.group(1)}:{href}"
    if origin and href.startswith("/"):
        return origin.group(0) + href
    return urljoin(base, href)


def _site_links(hrefs_in_page: list[str], base: str | None, own: set[str]) -> tuple[str, ...]:
    """Story links on the page's own domain, absolute when ``base`` is known, deduplicated."""
    domain = domain_of(base) or ""
    origin = _ORIGIN.match(base) if base else None
    found: dict[str, None] = {}
    for href in dict.fromkeys(hrefs_in_page):
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
            continue
        url = _absolute(href, base, origin)
        if domain and url.isascii() and domain not in url.lower():
            continue  # its host, a part of it, cannot be the domain (saves the parse below)
        parts = _URL_PARTS.match(url)
        if parts is None:  # relative link on a page without a known address
            if base or url.startswith("//") or ":" in url.split("/", 1)[0]:
                continue
            scheme, host, path, query = "", "", url.split("?", 1)[0], url.partition("?")[2]
        else:
            scheme, host, path, query = parts.group(1, 2, 3, 4)
            host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
        if host.removeprefix("www.") != domain:
            continue
        normal = f"{scheme}://{host}{path}" if scheme else path
        normal += f"?{query}" if query else ""
        if normal in own or not _is_story(path, query or ""):
            continue
        found.setdefault(normal)
        if len(found) >= MAX_SITE_LINKS:
            break
    return tuple(found)


def read_metadata(
    root: Element, markup: str, *, url: str | None, head: Element | None = None
) -> PageMetadata:
    """Read site and page facts from a parsed page.

    Args:
        root: the ``<html>`` element.
        markup: the page's HTML, whose links are collected (see ``dom.link_hrefs``).
        head: the ``<head>``, where ``<meta>``/``<link>``/``<title>`` are looked for first
            (a few elements instead of the whole page).
        url: the page's address when the input gave one; otherwise the canonical or
            og:url is used to resolve relative links.

    Returns:
        The metadata; links are absolute when a base URL is known, relative otherwise.
    """
    tags = head if head is not None else root  # <meta>, <link> and <title> live here
    og = _og_tags(tags)
    if not og and tags is not root and tags.query_selector("title") is None:
        # An element the parser does not allow in <head> (a stray <div>, text) closed it
        # early: the page's <meta> and <title> are then inside <body>.
        tags = root
        og = _og_tags(tags)
    ld = list(_json_ld_objects(root))
    canonical_node = tags.query_selector('link[rel~="canonical" i][href]')
    canonical = attribute(canonical_node, "href") if canonical_node else ""
    og_url = next((v for k, v in og if k == "og:url"), None)
    base = url or (urljoin(url or "", canonical) if canonical else None) or og_url
    canonical_url = urljoin(base, canonical) if canonical and base else (canonical or None)
    own = {_normal_url(u) for u in (url, canonical_url, og_url, base) if u}
    title_hints, first_parts = _title_hints(tags, og, ld)
    return PageMetadata(
        url=base,
        site=host_of(base),
        domain=domain_of(base),
        canonical_url=canonical_url,
        og=og,
        published=_published(tags, root, ld, base),
        byline=_byline(tags, root, ld),
        site_links=_site_links(link_hrefs(markup), base, own),
        title_hints=title_hints,
        first_parts=first_parts,
    )

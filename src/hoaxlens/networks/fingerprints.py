"""Raw HTML → typed identifiers with evidence: the fingerprint stage, before extraction.

Extraction drops the markup that identifies a site's operator (ad tags, analytics
snippets, verification metas, theme assets), so this stage reads the page as delivered.
Each identifier comes with its evidence: the element it sat in and its offset in the HTML.
An identifier found only in an HTML comment or in visible text (a page quoting an id, a
demo tag a theme pack left commented out, an old tag switched off) is not a live tag: it
counts as weak, like a theme, and never makes a link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from hoaxlens.extract.metadata import domain_of
from hoaxlens.networks.hosting import hints_from_meta, hosting_fingerprints
from hoaxlens.networks.layout import PageLayout
from hoaxlens.networks.patterns import (
    ATTRIBUTE,
    AUTHOR,
    CDN_CGI,
    GENERIC_AUTHORS,
    HEAD_TAG,
    ID_PATTERNS,
    KINDS,
    MGID_SCRIPT,
    MGID_TAIL,
    VERIFICATION_META,
    VERSION,
    WIDGET_ATTR,
    WP_ASSET,
)
from hoaxlens.networks.records import Fingerprint, PageFingerprints, Strength
from hoaxlens.types import MediaType

if TYPE_CHECKING:
    from hoaxlens.networks.hosting import HostingHints
    from hoaxlens.types import RawDocument

MAX_FINGERPRINTS = 500  # per page: a page listing thousands of ids is not one site's tags
_DEMOTED = ("comment", "text")


class _Collector:
    """The identifiers of one page: one per (kind, value), the strongest sighting first."""

    def __init__(self, html: str) -> None:
        self.layout = PageLayout(html)
        self.found: dict[tuple[str, str], Fingerprint] = {}

    def add(self, kind: str, value: str, offset: int, detail: str = "") -> None:
        if not value or len(self.found) >= MAX_FINGERPRINTS:
            return
        place = self.layout.place(offset)
        strength = KINDS[kind][0]
        if place.context in _DEMOTED:
            strength = Strength.WEAK
        new = Fingerprint(kind, value, strength, place.tag, offset, place.context, detail)
        old = self.found.get((kind, value))
        if old is None or new.strength > old.strength:
            self.found[(kind, value)] = new


def _value(kind: str, raw: str) -> str | None:
    """The normalised identifier, or None when the match is not one (``G-`` words)."""
    if kind == "adsense":
        return f"ca-pub-{raw}"
    if kind == "ga_ua":
        return f"UA-{raw}"  # UA-123-1 and UA-123-2 are properties of one account
    if kind == "ga4":  # a real measurement id mixes letters and digits
        has_digit = any(c.isdigit() for c in raw)
        return f"G-{raw}" if has_digit and not raw.isdigit() else None
    if kind == "gtm":
        return f"GTM-{raw}"
    if kind == "google_ads":
        return f"AW-{raw}"
    if kind == "taboola":
        return raw.lower()
    return raw


def _ids(collector: _Collector, html: str) -> None:
    for kind, pattern, group in ID_PATTERNS:
        for match in pattern.finditer(html):
            value = _value(kind, match.group(group))
            if value is not None:
                collector.add(kind, value, match.start(group))
    for match in MGID_SCRIPT.finditer(html):
        url = html[match.end() : match.end() + 300]
        url = url.split('"', 1)[0].split("'", 1)[0]
        tail = MGID_TAIL.search(url)
        if tail is not None:
            collector.add("mgid", tail.group(1), match.end() + tail.start(1))
    for match in WIDGET_ATTR.finditer(html):
        tag = collector.layout.tag_text(match.start()).lower()
        vendor = "mgid" if "_mgwidget" in tag else "revcontent" if "revcontent" in tag else None
        if vendor is not None:
            collector.add(vendor, match.group(1), match.start(1))


def _attributes(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(tag):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        out.setdefault(match.group(1).lower(), value.strip())
    return out


def _head(collector: _Collector, html: str, domain: str | None) -> str | None:
    """Metas and links: verification tokens, generator, feeds; returns the canonical URL."""
    canonical = None
    for match in HEAD_TAG.finditer(html):
        attrs = _attributes(match.group())
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        content = attrs.get("content", "")
        rel = attrs.get("rel", "").lower()
        value = content or attrs.get("href", "")  # evidence points at the value, in the tag
        offset = match.start() + max(1, match.group().find(value) if value else 1)
        if name in VERIFICATION_META and content:
            collector.add(VERIFICATION_META[name], content[:200], offset)
        elif name == "generator" and content:
            collector.add("generator", content[:100], offset)
        elif name == "fb:app_id" and content.isdigit():
            collector.add("fb_app", content, offset)
        elif name == "og:url" and content and canonical is None:
            canonical = content
        elif rel == "canonical" and attrs.get("href"):
            canonical = attrs["href"]
        elif rel == "alternate" and _is_feed(attrs.get("type", "")):
            _feed(collector, attrs.get("href", ""), offset, domain)
    return canonical


def _is_feed(media_type: str) -> bool:
    """Whether a ``rel=alternate`` link is a feed (RSS, Atom) and not an oEmbed endpoint.

    ``text/xml+oembed`` points at a platform's API that every site it hosts links to
    (WordPress.com's ``public-api.wordpress.com/oembed``): no one's identifier.
    """
    media_type = media_type.lower()
    return "xml" in media_type and "oembed" not in media_type


def _feed(collector: _Collector, href: str, offset: int, domain: str | None) -> None:
    """A feed on another host is an identifier; a site's own ``/feed/`` is not."""
    host = domain_of(href) if href.startswith(("http:", "https:", "//")) else None
    if host is None or host == domain:
        return
    parts = urlsplit(href if "://" in href else f"https:{href}")
    collector.add("feed", f"{host}{parts.path.rstrip('/')}"[:200], offset)


def _site(collector: _Collector, html: str) -> None:
    """WordPress themes and plugins (with versions), author slugs, CDN paths."""
    for match in WP_ASSET.finditer(html):
        kind = "wp_theme" if match.group(1).lower() == "themes" else "wp_plugin"
        rest = html[match.end() : match.end() + 200].split('"', 1)[0].split("'", 1)[0]
        version = VERSION.search(rest)
        detail = f"ver={version.group(1)}" if version else ""
        collector.add(kind, match.group(2).lower(), match.start(2), detail)
    for match in AUTHOR.finditer(html):
        slug = match.group(1).lower()
        if slug not in GENERIC_AUTHORS:
            collector.add("author", slug, match.start(1))
    cdn = CDN_CGI.search(html)
    if cdn is not None:
        collector.add("cdn", "cloudflare", cdn.start())


def fingerprint_html(
    html: str,
    *,
    doc_id: str,
    url: str | None = None,
    hosting: HostingHints | None = None,
) -> PageFingerprints:
    """Every identifier of one page, with evidence, and the site it belongs to.

    The site is the host of ``url`` (without ``www.``), else of the page's canonical link
    or ``og:url``. Fingerprints are sorted by offset (hosting hints, offset -1, first).

    >>> page = '<ins data-ad-client="ca-pub-1234567890123456"></ins>'
    >>> found = fingerprint_html(page, doc_id="d", url="https://www.a.example/x")
    >>> found.domain, [(f.kind, f.value, f.tag, f.offset) for f in found.fingerprints]
    ('a.example', [('adsense', 'ca-pub-1234567890123456', 'ins', 28)])
    """
    domain = domain_of(url)
    collector = _Collector(html)
    _ids(collector, html)
    canonical = _head(collector, html, domain)
    if domain is None:
        domain = domain_of(canonical)
        own = [k for k in collector.found if k[0] == "feed" and k[1].split("/")[0] == domain]
        for key in own:  # the site's own feed, found before the site was known
            del collector.found[key]
    _site(collector, html)
    found = list(collector.found.values())
    if hosting is not None:
        found += hosting_fingerprints(hosting)
    found.sort(key=lambda f: (f.offset, f.kind, f.value))
    return PageFingerprints(doc_id, url, domain, tuple(found))


def fingerprint_document(raw: RawDocument, hosting: HostingHints | None = None) -> PageFingerprints:
    """The fingerprints of one input document; text documents only name their site."""
    hints = hosting if hosting is not None else hints_from_meta(raw.meta)
    if raw.media_type is not MediaType.HTML:
        extra = tuple(hosting_fingerprints(hints)) if hints is not None else ()
        return PageFingerprints(raw.id, raw.url, domain_of(raw.url), extra)
    return fingerprint_html(raw.content, doc_id=raw.id, url=raw.url, hosting=hints)

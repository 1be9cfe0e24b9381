# ruff: noqa: E501 - one case a line
from __future__ import annotations

from pathlib import Path

import pytest

from hoaxlens.networks import Strength, fingerprint_html
from hoaxlens.networks.hosting import hints_from_headers

FARM = Path(__file__).resolve().parents[1] / "fixtures" / "farm"
PUB = "ca-pub-1234567890123456"


def _found(html: str, url: str | None = "https://site.example/a/") -> dict[tuple[str, str], object]:
    page = fingerprint_html(html, doc_id="d", url=url)
    return {(f.kind, f.value): f for f in page.fingerprints}


@pytest.mark.parametrize(
    ("html", "kind", "value", "tag", "context"),
    [
        pytest.param(f'<ins class="adsbygoogle" data-ad-client="{PUB}"></ins>', "adsense", PUB, "ins", "attribute", id="adsense-ins"),
        pytest.param('<script>{"publisherId":"pub-1234567890123456"}</script>', "adsense", PUB, "script", "script", id="adsense-json-without-ca"),
        pytest.param("<script>ga('create', 'UA-1234567-3', 'auto');</script>", "ga_ua", "UA-1234567", "script", "script", id="ua-property-to-account"),
        pytest.param('<script async src="https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF"></script>', "ga4", "G-AB12CD34EF", "script", "attribute", id="ga4-src"),
        pytest.param("<script>(window,document,'script','dataLayer','GTM-K9X2ABC');</script>", "gtm", "GTM-K9X2ABC", "script", "script", id="gtm"),
        pytest.param("<script>fbq('init', '123456789012345');</script>", "fb_pixel", "123456789012345", "script", "script", id="fb-pixel"),
        pytest.param('<img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView">', "fb_pixel", "123456789012345", "img", "attribute", id="fb-pixel-noscript"),
        pytest.param("<script>x('//cdn.taboola.com/libtrc/heart-network/loader.js')</script>", "taboola", "heart-network", "script", "script", id="taboola"),
        pytest.param('<div data-type="_mgwidget" data-widget-id="1234567"></div>', "mgid", "1234567", "div", "attribute", id="mgid-div"),
        pytest.param('<script src="https://jsc.mgid.com/s/i/site.example.7654321.js"></script>', "mgid", "7654321", "script", "attribute", id="mgid-src"),
        pytest.param('<div data-endpoint="//trends.revcontent.com" data-widget-id="123456"></div>', "revcontent", "123456", "div", "attribute", id="revcontent-div"),
        pytest.param("<script>atOptions = {'key' : '0123456789abcdef0123456789abcdef'};</script>", "adsterra", "0123456789abcdef0123456789abcdef", "script", "script", id="adsterra"),
        pytest.param('<meta name="google-site-verification" content="abcDEF_123">', "verify_google", "abcDEF_123", "meta", "attribute", id="google-verification"),
        pytest.param("<meta content='7A1B' name='msvalidate.01'>", "verify_bing", "7A1B", "meta", "attribute", id="bing-verification-attr-order"),
        pytest.param('<meta name="facebook-domain-verification" content="xyz987">', "verify_facebook", "xyz987", "meta", "attribute", id="fb-verification"),
        pytest.param('<meta name="generator" content="WordPress 6.4.2">', "generator", "WordPress 6.4.2", "meta", "attribute", id="generator"),
        pytest.param('<link href="https://site.example/wp-content/themes/Newspaper/style.css?ver=12.6">', "wp_theme", "newspaper", "link", "attribute", id="theme"),
        pytest.param('<a href="https://site.example/author/heart-desk/">x</a>', "author", "heart-desk", "a", "attribute", id="author"),
        pytest.param('<link rel="alternate" type="application/rss+xml" href="https://feeds.feedburner.com/heartnet">', "feed", "feeds.feedburner.com/heartnet", "link", "attribute", id="external-feed"),
    ],
)  # fmt: skip
def test_fingerprint_finds_identifier_with_evidence(html, kind, value, tag, context):
    found = _found(html)
    assert (kind, value) in found, sorted(found)
    f = found[(kind, value)]
    assert (f.tag, f.context) == (tag, context)
    assert value[-6:].lower() in html[f.offset : f.offset + 80].lower()  # it points at the id


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        pytest.param(f"<!-- {PUB} -->", "adsense", id="id-in-comment"),
        pytest.param("<p>the sites shared UA-1234567-1</p>", "ga_ua", id="id-in-visible-text"),
    ],
)
def test_identifier_outside_live_tags_is_weak(html, kind):
    (f,) = fingerprint_html(html, doc_id="d", url="https://a.example/").fingerprints
    assert f.kind == kind
    assert f.strength is Strength.WEAK


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<ins data-ad-client="ca-pub-0000"></ins>', id="placeholder-adsense"),
        pytest.param("<p>G-FORCEMAXX is a ride</p>", id="ga4-lookalike-word"),
        pytest.param('<a href="https://a.example/author/admin/">x</a>', id="generic-author"),
        pytest.param(
            '<link rel="alternate" type="application/rss+xml" href="https://a.example/feed/">',
            id="own-feed",
        ),
        pytest.param(
            '<link rel="alternate" type="text/xml+oembed" href="https://public-api.wordpress.com/oembed/?format=xml">',
            id="platform-oembed-endpoint",
        ),
        pytest.param('<div data-widget-id="123456"></div>', id="widget-id-of-unknown-vendor"),
    ],
)
def test_fingerprint_ignores_non_identifiers(html):
    assert fingerprint_html(html, doc_id="d", url="https://a.example/").fingerprints == ()


@pytest.mark.parametrize(
    ("name", "domain", "expected"),
    [
        pytest.param("tagdiv_newspaper.html", "dailyheartnews.example", {("wp_theme", "newspaper"), ("author", "heartdesk")}, id="newspaper"),
        pytest.param("jnews.html", "starpulsetoday.example", {("wp_theme", "jnews"), ("author", "pulse-editor")}, id="jnews"),
        pytest.param("elementor.html", "royalwhisper.example", {("wp_plugin", "elementor"), ("author", "royal-desk")}, id="elementor"),
    ],
)  # fmt: skip
def test_farm_fixtures_show_every_identifier_with_evidence(name, domain, expected):
    html = (FARM / name).read_text(encoding="utf-8")
    page = fingerprint_html(html, doc_id=name)
    assert page.domain == domain  # from the canonical link: the file has no URL
    assert {(f.kind, f.value) for f in page.fingerprints} == expected
    for f in page.fingerprints:
        assert f.value[:5] in html[f.offset : f.offset + 80].lower()
        assert html.rfind("<", 0, f.offset) != -1


def test_hosting_hints_are_weak_header_evidence():
    from hoaxlens.networks.hosting import hosting_fingerprints

    hints = hints_from_headers("104.21.0.17", {"server": "cloudflare"})
    found = hosting_fingerprints(hints)
    assert {(f.kind, f.value) for f in found} == {
        ("ip", "104.21.0.17"), ("server", "cloudflare"), ("cdn", "cloudflare")
    }  # fmt: skip
    assert all(f.strength is Strength.WEAK and f.tag == "warc" for f in found)

"""Page metadata for triage: domain, canonical URL, og: tags, date, byline, site links."""

from __future__ import annotations

from datetime import date

import pytest

from hoaxlens.extract.dom import parse_page
from hoaxlens.extract.metadata import PageMetadata, is_story_path, read_metadata


def _meta(head: str = "", body: str = "", *, url: str | None = None) -> PageMetadata:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    page = parse_page(html)
    assert page.body is not None
    assert page.body.parent is not None
    return read_metadata(page.body.parent, html, url=url)


def test_og_tags_in_page_order_without_duplicates():
    meta = _meta(
        '<meta property="og:title" content="A  Title">'
        '<meta property="OG:Type" content="article">'
        '<meta name="og:site_name" content="Site">'
        '<meta property="og:title" content="A  Title">'
        '<meta property="og:image" content="">'
        '<meta property="article:tag" content="x">'
    )
    assert meta.og == (("og:title", "A Title"), ("og:type", "article"), ("og:site_name", "Site"))
    assert meta.og_value("og:type") == "article"


@pytest.mark.parametrize(
    ("head", "url", "canonical", "domain"),
    [
        pytest.param(
            '<link rel="canonical" href="/2024/05/star-stuns/">',
            "https://www.farm.example/amp/x?utm=1",
            "https://www.farm.example/2024/05/star-stuns/",
            "farm.example",
            id="relative-canonical-resolved",
        ),
        pytest.param(
            '<link rel="canonical" href="https://farm.example/a-b-c/">',
            None,
            "https://farm.example/a-b-c/",
            "farm.example",
            id="canonical-is-the-base",
        ),
        pytest.param(
            '<meta property="og:url" content="https://m.farm.example/x/">',
            None,
            None,
            "m.farm.example",
            id="og-url-is-the-base",
        ),
        pytest.param("", None, None, None, id="nothing-known"),
    ],
)
def test_canonical_and_domain(head, url, canonical, domain):
    meta = _meta(head, url=url)
    assert (meta.canonical_url, meta.domain) == (canonical, domain)


@pytest.mark.parametrize(
    ("head", "body", "url", "published"),
    [
        pytest.param(
            '<meta property="article:published_time" content="2024-05-14T08:12:45+00:00">',
            "",
            None,
            date(2024, 5, 14),
            id="article-published-time",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
            ' {"@type": "NewsArticle", "datePublished": "2023-02-01T00:00:00Z"}]}</script>',
            "",
            None,
            date(2023, 2, 1),
            id="json-ld-graph",
        ),
        pytest.param(
            "",
            '<abbr class="published" itemprop="datePublished" title="2023-11-02T09:15:00-07:00">'
            "9:15 AM</abbr>",
            None,
            date(2023, 11, 2),
            id="microdata-abbr",
        ),
        pytest.param(
            "", '<time datetime="2022-07-09">July 9</time>', None, date(2022, 7, 9), id="time"
        ),
        pytest.param("", "", "https://x.example/2021/03/04/star/", date(2021, 3, 4), id="url"),
        pytest.param(
            '<meta name="date" content="May 9, 2024">', "", None, date(2024, 5, 9), id="text"
        ),
        pytest.param('<meta name="date" content="2024-13-45">', "", None, None, id="invalid"),
        pytest.param("", "", "https://x.example/2021/03/star/", None, id="month-only-url"),
    ],
)
def test_published_date(head, body, url, published):
    assert _meta(head, body, url=url).published == published


@pytest.mark.parametrize(
    ("head", "body", "byline"),
    [
        pytest.param('<meta name="author" content="By  Heart Desk">', "", "Heart Desk", id="meta"),
        pytest.param(
            '<meta property="article:author" content="https://facebook.com/x">'
            '<script type="application/ld+json">'
            '{"author": [{"name": "A B"}, {"name": "C D"}]}</script>',
            "",
            "A B, C D",
            id="url-author-skipped-json-ld-list",
        ),
        pytest.param(
            "",
            '<a rel="author" href="/author/x/">Posted by Kind Admin</a>',
            "Kind Admin",
            id="rel-author",
        ),
        pytest.param(
            "", '<span class="zox-author-name">Trend Team</span>', "Trend Team", id="class"
        ),
        pytest.param("", "<p>By the time he arrived it was over.</p>", None, id="none"),
    ],
)
def test_byline(head, body, byline):
    assert _meta(head, body).byline == byline


def test_site_links_are_same_domain_stories_only():
    links = [
        "/2024/05/star-stuns-fans/",  # relative story
        "https://www.farm.example/another-star-shocks-everyone/",  # www. is the same site
        "https://farm.example/another-star-shocks-everyone/#comments",  # duplicate
        "https://farm.example/?p=123",  # WordPress short link
        "https://farm.example/category/celebrity/",
        "https://farm.example/tag/kindness/",
        "https://farm.example/author/desk/",
        "https://farm.example/page/2/",
        "https://farm.example/wp-content/uploads/2024/05/a-b-c.jpg",
        "https://farm.example/privacy-policy/",
        "https://farm.example/",
        "https://other.example/some-other-farm-story/",
        "https://www.facebook.com/sharer.php?u=https://farm.example/x-y-z/",
        "mailto:a@farm.example",
        "#respond",
        "https://farm.example/this-very-page-story/",  # the page itself
    ]
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    meta = _meta(body=body, url="https://farm.example/this-very-page-story/")
    assert meta.site_links == (
        "https://farm.example/2024/05/star-stuns-fans/",
        "https://www.farm.example/another-star-shocks-everyone/",
        "https://farm.example/another-star-shocks-everyone/",
        "https://farm.example/?p=123",
    )


def test_site_links_without_a_base_stay_relative():
    body = '<a href="/2024/05/star-stuns-fans/">x</a><a href="https://farm.example/a-b-c/">y</a>'
    assert _meta(body=body).site_links == ("/2024/05/star-stuns-fans/",)


@pytest.mark.parametrize(
    ("url", "is_story"),
    [
        ("https://x.example/2023/10/star-stuns-fans.html", True),
        ("https://x.example/2023/11/waitress-surprise.html", True),
        ("https://x.example/news/1234567", True),
        ("https://x.example/2023/10/", False),
        ("https://x.example/about-us/", False),
        ("https://x.example/p/about.html", False),
        ("https://x.example/feed/", False),
    ],
)
def test_is_story_path(url, is_story):
    assert is_story_path(url) is is_story


def test_title_hints_prefer_og_title_then_title_parts():
    meta = _meta(
        '<meta property="og:title" content="Star Stuns Fans">'
        "<title>Blog Name: Star Stuns Fans Again</title>"
    )
    assert meta.title_hints[0] == "Star Stuns Fans"
    assert "Star Stuns Fans Again" in meta.title_hints

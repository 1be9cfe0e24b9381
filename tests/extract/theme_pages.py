"""A second, independently written set of farm pages: real theme markup conventions.

``scripts/make_farm_layouts.py`` builds random layouts from one set of building blocks;
this module was written separately, from how five publishing stacks actually mark a post
up, so that the extractor is also measured on markup its authors did not shape:

- ``elementor``: Elementor Pro single-post template (section > container > column >
  widget-wrap > widget > widget-container), post-content widget, share-buttons widget,
  posts widget as the rail;
- ``tdb``: tagDiv Newspaper cloud templates (``tdb_single_content``, ``tdb-block-inner``,
  ``td_module_flex`` related posts, ``td-post-sharing``);
- ``amp``: the AMP plugin's reader mode (``amp-wp-article``, ``amp-social-share``,
  ``amp-consent``, ``amp-wp-footer``, related posts list);
- ``blogger``: a Blogger/Blogspot theme (``post hentry``, ``post-body`` with ``<br />``
  lines and ``<div>`` lines, "Posted by / Labels", blog pager, "BlogThis!" share row);
- ``nextdata``: an infinite-scroll React page whose next stories sit in a JSON
  ``<script>`` and in a "loading next" stub after the story.

Every page holds invented people and events. Each ``ThemePage`` lists the story's
paragraphs (what must be kept) and the furniture texts (what must not be left).
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass

THEMES = ("elementor", "tdb", "amp", "blogger", "nextdata")

_PEOPLE = (
    "Marisol Teague",
    "Benedikt Ollander",
    "Priya Castellane",
    "Corwin Ashdale",
    "Yolanda Brisk",
    "Teodor Vance",
    "Hattie Mulgrew",
    "Anselm Roque",
)
_PLACES = ("Nashville", "a Dublin arena", "the Vegas strip", "a small Ohio diner", "Lake Como")
_OPENERS = (
    "It was supposed to be an ordinary evening for {who} in {where}.",
    "Nobody in {where} recognised {who} at first.",
    "{who} had played {where} a hundred times before that night.",
)
_MIDDLE = (
    "The lights dimmed, and a murmur ran through the crowd as {who} stepped forward.",
    "A little girl in the third row was holding a hand-painted sign with shaking hands.",
    "Security moved to stop her, but {who} raised one hand and everything went quiet.",
    "What happened next was never part of the rehearsed show.",
    "{who} knelt at the edge of the stage and asked for her name.",
    "Her mother later said the girl had saved coins for two years to buy that ticket.",
    "The band stopped playing, one instrument at a time, until only a piano was left.",
    "People in the front rows started filming, then slowly lowered their phones.",
    "For a long moment nobody in the room seemed to breathe.",
    "Then {who} took off the silver bracelet worn at every show for a decade.",
    "It was placed gently in the girl's small hands without a single word.",
    "Backstage, a crew member was seen wiping away tears.",
    "The next morning the clip had been shared millions of times across the world.",
    "Fans who were there still talk about the silence more than the music.",
)
_SHORT = ("Silence.", "Then it happened.", "Nobody moved.", "She froze.", "And then he smiled.")
_CLOSERS = (
    "Some moments are bigger than any song, and that night proved it.",
    "Kindness, it turns out, is still the loudest thing in any room.",
)
_TEASERS = (
    "{who} Breaks Down On Live Radio After A Caller Reveals A Secret",
    "What {who} Did For A Homeless Veteran Left The Whole Street Crying",
    "{who} Finally Opens Up About The Night That Changed Everything",
    "The Real Reason {who} Walked Away From Fame For Three Years",
    "{who} Surprised A Waitress With A Gift Nobody Expected",
    "Inside The Quiet Farewell {who} Never Wanted Cameras To See",
)
_EXCERPTS = (
    "Fans were stunned when the star paused mid-sentence and asked the caller to stay on…",
    "The veteran had been sitting outside the same bakery every morning for months…",
    "In a rare interview the singer described the moment the phone rang at 3 a.m…",
)
_OBFUSCATE = str.maketrans({"n": "\u043f", "u": "\u03c5"})


@dataclass(frozen=True)
class ThemePage:
    """One generated page, with what the extractor must keep and must remove."""

    name: str
    html: str
    url: str | None
    paragraphs: tuple[str, ...]
    leaks: tuple[str, ...]


@dataclass(frozen=True)
class _Story:
    title: str
    author: str
    paragraphs: tuple[str, ...]
    teasers: tuple[str, ...]
    excerpts: tuple[str, ...]
    slug: str


def _story(rng: random.Random, *, obfuscated: bool) -> _Story:
    who = rng.choice(_PEOPLE)
    where = rng.choice(_PLACES)
    middle = rng.sample(_MIDDLE, rng.randint(7, 11))
    for _ in range(rng.randint(1, 3)):
        middle.insert(rng.randrange(1, len(middle)), rng.choice(_SHORT))
    lines = [rng.choice(_OPENERS), *middle, rng.choice(_CLOSERS)]
    paragraphs = [line.format(who=who, where=where) for line in lines]
    if obfuscated:
        paragraphs = [p.translate(_OBFUSCATE) for p in paragraphs]
    others = [p for p in _PEOPLE if p != who]
    teasers = tuple(t.format(who=rng.choice(others)) for t in rng.sample(_TEASERS, 4))
    title = f"{who} Stopped The Show For One Little Girl And What Happened Next Stunned Everyone"
    slug = title.lower().replace(" ", "-")[:60].rstrip("-")
    return _Story(
        title, rng.choice(others), tuple(dict.fromkeys(paragraphs)), teasers, _EXCERPTS, slug
    )


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def _head(story: _Story, url: str, extra: str = "") -> str:
    title = html.escape(story.title)
    return (
        f'<head><meta charset="utf-8"><title>{title} - Kind Hearts Daily</title>'
        f'<meta property="og:title" content="{title}"><meta property="og:url" content="{url}">'
        f'<link rel="canonical" href="{url}">{extra}'
        "<style>.x{color:red}</style><script>window.dataLayer=[];</script></head>"
    )


def _elementor(story: _Story, url: str, rng: random.Random) -> tuple[str, list[str]]:
    def widget(kind: str, inner: str) -> str:
        return (
            f'<div class="elementor-element elementor-widget elementor-widget-{kind}" '
            f'data-widget_type="{kind}.default"><div class="elementor-widget-container">'
            f"{inner}</div></div>"
        )

    def section(*widgets: str) -> str:
        return (
            '<section class="elementor-section elementor-top-section"><div class="elementor-'
            'container elementor-column-gap-default"><div class="elementor-column '
            'elementor-col-100"><div class="elementor-widget-wrap elementor-element-populated">'
            + "".join(widgets)
            + "</div></div></div></section>"
        )

    share = (
        '<div class="elementor-share-buttons--view-icon-text"><div class="elementor-grid">'
        '<div class="elementor-share-btn"><span class="elementor-share-btn__title">'
        'Share on Facebook</span></div><div class="elementor-share-btn"><span '
        'class="elementor-share-btn__title">Share on Pinterest</span></div></div></div>'
    )
    posts = "".join(
        f'<article class="elementor-post"><div class="elementor-post__text"><h3 '
        f'class="elementor-post__title"><a href="/{i}-{t[:12].lower()}">{t}</a></h3>'
        f'<div class="elementor-post__excerpt"><p>{e}</p></div><a class="elementor-post__'
        f'read-more" href="/{i}">Read More »</a></div></article>'
        for i, (t, e) in enumerate(zip(story.teasers, story.excerpts * 2, strict=False))
    )
    body = (
        '<div data-elementor-type="header" class="elementor elementor-location-header">'
        + section(widget("nav-menu", '<nav><a href="/">Home</a><a href="/stars">Stars</a></nav>'))
        + "</div>"
        + '<div data-elementor-type="single-post" class="elementor elementor-location-single">'
        + section(
            widget("theme-post-title", f'<h1 class="elementor-heading-title">{story.title}</h1>'),
            widget(
                "post-info",
                f'<ul class="elementor-post-info"><li>{story.author}</li><li>March 3, 2024</li>'
                "</ul>",
            ),
            widget("theme-post-content", "".join(map(_p, story.paragraphs))),
            widget("share-buttons", share),
        )
        + section(
            widget("heading", '<h2 class="elementor-heading-title">You May Also Like</h2>'),
            widget("posts", f'<div class="elementor-posts-container">{posts}</div>'),
        )
        + "</div>"
    )
    leaks = [*story.teasers, *story.excerpts[:3], "Share on Pinterest", "You May Also Like"]
    del rng
    return body, leaks


def _tdb(story: _Story, url: str, rng: random.Random) -> tuple[str, list[str]]:
    related = "".join(
        f'<div class="td_module_flex td_module_related_posts"><div class="td-module-container">'
        f'<div class="td-image-container"><a href="/r{i}"><span class="entry-thumb"></span></a>'
        f'</div><div class="td-module-meta-info"><h3 class="entry-title td-module-title">'
        f'<a href="/r{i}" rel="bookmark" title="{t}">{t}</a></h3></div></div></div>'
        for i, t in enumerate(story.teasers)
    )
    inner = "".join(map(_p, story.paragraphs))
    mid = rng.randrange(3, len(story.paragraphs) - 2)
    paragraphs = inner.split("</p>")
    ad = '<div class="td-a-rec td-a-rec-id-content_inline"><span>- Advertisement -</span></div>'
    inner = "</p>".join(paragraphs[:mid]) + "</p>" + ad + "</p>".join(paragraphs[mid:])
    body = (
        '<div class="td-header-template-wrap"><div class="tdb-menu"><a href="/">Home</a>'
        '<a href="/c/celebrity">Celebrity</a></div></div>'
        '<div class="td-main-content-wrap td-container-wrap"><div class="tdc-row">'
        '<div class="vc_row tdi_1 wpb_row td-pb-row"><div class="vc_column tdi_2 wpb_column">'
        '<div class="wpb_wrapper"><div class="td_block_wrap tdb_breadcrumbs"><span>'
        '<a href="/">Home</a></span> <i class="td-icon-right"></i> <span>Celebrity</span></div>'
        '<div class="td_block_wrap tdb_title"><div class="tdb-block-inner">'
        f'<h1 class="tdb-title-text">{story.title}</h1></div></div>'
        '<div class="td_block_wrap tdb_single_author"><div class="tdb-author-name-wrap">'
        f'<span class="tdb-author-by">By</span> <a class="tdb-author-name" href="/a">'
        f"{story.author}</a></div></div>"
        '<div class="td_block_wrap tdb_single_content tdi_9 td-pb-border-top"><div '
        f'class="tdb-block-inner td-fix-index">{inner}</div></div>'
        '<div class="td_block_wrap tdb_single_post_share"><div class="td-post-sharing-visible">'
        '<a class="td-social-sharing-button td-social-facebook"><span class="td-social-but-'
        'text">Facebook</span></a><a class="td-social-sharing-button td-social-twitter"><span'
        ' class="td-social-but-text">Twitter</span></a><a class="td-social-sharing-button '
        'td-social-whatsapp"><span class="td-social-but-text">WhatsApp</span></a></div></div>'
        '<div class="td_block_wrap tdb_single_related td_with_ajax_pagination">'
        '<div class="td-block-title-wrap"><h4 class="td-block-title"><span>RELATED ARTICLES'
        '</span></h4><div class="td-subcat-list">MORE FROM AUTHOR</div></div>'
        f'<div class="td_block_inner tdb-block-inner td-fix-index">{related}</div>'
        '<div class="td-next-prev-wrap"><a class="td-ajax-prev-page">Prev</a>'
        '<a class="td-ajax-next-page">Next</a></div></div>'
        "</div></div></div></div></div>"
        '<div class="td-footer-template-wrap"><div class="tdb_footer">'
        '<div class="tdb-copyright">© Copyright 2024 - Kind Hearts Daily Media Group</div></div>'
        "</div>"
    )
    leaks = [*story.teasers, "- Advertisement -", "RELATED ARTICLES", "MORE FROM AUTHOR"]
    leaks.append("© Copyright 2024 - Kind Hearts Daily Media Group")
    return body, leaks


def _amp(story: _Story, url: str, rng: random.Random) -> tuple[str, list[str]]:
    related = "".join(
        f'<li class="amp-related-post"><a href="/amp/{i}">{t}</a></li>'
        for i, t in enumerate(story.teasers)
    )
    body = (
        '<amp-consent id="consent" layout="nodisplay"><div id="consent-ui" class="amp-consent-'
        'ui">We use cookies on Kind Hearts Daily to give you the best experience on our site.'
        '<button on="tap:consent.accept">Accept</button><button on="tap:consent.reject">'
        "Reject</button></div></amp-consent>"
        '<header id="top" class="amp-wp-header"><div><a href="/">Kind Hearts Daily</a></div>'
        "</header>"
        '<article class="amp-wp-article"><header class="amp-wp-article-header">'
        f'<h1 class="amp-wp-title">{story.title}</h1><div class="amp-wp-meta amp-wp-byline">'
        f'<span class="amp-wp-author author vcard">{story.author}</span></div>'
        '<div class="amp-wp-meta amp-wp-posted-on"><time datetime="2024-03-03T08:00:00+00:00">'
        "3 days ago</time></div></header>"
        '<figure class="amp-wp-article-featured-image wp-caption"><amp-img width="800" '
        'height="450" src="/hero.jpg" layout="intrinsic"></amp-img></figure>'
        '<div class="amp-wp-article-content">'
        + "".join(map(_p, story.paragraphs))
        + '</div><footer class="amp-wp-article-footer"><div class="amp-wp-meta '
        'amp-wp-tax-category">Categories: <a href="/c">Celebrity</a></div>'
        '<div class="amp-wp-meta amp-wp-social-share"><amp-social-share type="facebook" '
        'width="48" height="48"></amp-social-share><amp-social-share type="twitter">'
        "</amp-social-share></div>"
        '<div class="amp-wp-meta amp-wp-comments-link"><a href="/c#respond">Leave a Comment'
        "</a></div></footer></article>"
        '<div class="amp-related-posts"><h2>Related Posts</h2>'
        f"<ul>{related}</ul></div>"
        '<footer class="amp-wp-footer"><div><h2>Kind Hearts Daily</h2><p>Powered by '
        'WordPress</p><a href="#top" class="back-to-top">Back to top</a></div></footer>'
    )
    leaks = [*story.teasers, "We use cookies on Kind Hearts Daily", "Leave a Comment"]
    leaks += ["Related Posts", "Back to top", "Powered by WordPress"]
    del rng
    return body, leaks


def _blogger(story: _Story, url: str, rng: random.Random) -> tuple[str, list[str]]:
    lines = [html.escape(p, quote=False) for p in story.paragraphs]
    as_divs = rng.random() < 0.5
    if as_divs:  # Blogger's compose mode writes one <div> per line, <br> for empty ones
        post_body = "".join(f"<div>{line}</div><div><br /></div>" for line in lines)
    else:
        post_body = "<br />\n<br />\n".join(lines)
    related = "".join(
        f'<li><a href="/2024/03/{i}.html">{t}</a></li>' for i, t in enumerate(story.teasers)
    )
    body = (
        '<div class="content-outer"><div class="header-outer"><div class="Header" id="Header1">'
        '<h1 class="title"><a href="/">Kind Hearts Daily</a></h1></div></div>'
        '<div class="main-outer"><div class="blog-posts hfeed">'
        '<div class="date-outer"><h2 class="date-header"><span>Sunday, March 3, 2024</span>'
        '</h2><div class="date-posts"><div class="post-outer">'
        '<div class="post hentry uncustomized-post-template" itemscope>'
        f'<h3 class="post-title entry-title" itemprop="name">{story.title}</h3>'
        '<div class="post-header"><div class="post-header-line-1"></div></div>'
        f'<div class="post-body entry-content" id="post-body-{rng.randrange(10**9)}" '
        f'itemprop="description articleBody">{post_body}<div style="clear: both;"></div></div>'
        '<div class="post-footer"><div class="post-footer-line post-footer-line-1">'
        '<span class="post-author vcard">Posted by <span class="fn">'
        f'{story.author}</span></span> <span class="post-timestamp">at '
        '<a class="timestamp-link" href="#"><abbr class="published">9:14 AM</abbr></a></span>'
        '</div><div class="post-share-buttons goog-inline-block">'
        '<a class="goog-inline-block share-button sb-email" title="Email This">Email This</a>'
        '<a class="goog-inline-block share-button sb-blog" title="BlogThis!">BlogThis!</a>'
        '<a class="goog-inline-block share-button sb-twitter" title="Share to X">Share to X</a>'
        '<a class="goog-inline-block share-button sb-facebook" title="Share to Facebook">'
        "Share to Facebook</a></div>"
        '<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: '
        '<a href="/search/label/stars" rel="tag">stars</a>, <a href="/search/label/viral">'
        "viral</a></span></div></div></div>"
        '<div class="comments" id="comments"><h4>No comments:</h4><div id="comment-holder">'
        '</div><p class="comment-footer"><a href="#">Post a Comment</a></p></div>'
        "</div></div></div></div>"
        '<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link">'
        '<a class="blog-pager-newer-link" href="/n">Newer Post</a></span>'
        '<span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/o">'
        'Older Post</a></span><a class="home-link" href="/">Home</a></div>'
        '<div class="post-feeds"><div class="feed-links">Subscribe to: <a class="feed-link" '
        'href="/feeds/posts/default">Post Comments (Atom)</a></div></div>'
        '<div class="sidebar section" id="sidebar-right-1"><div class="widget PopularPosts">'
        f'<h2 class="title">Popular Posts</h2><div class="widget-content popular-posts"><ul>'
        f"{related}</ul></div></div></div></div>"
        '<div class="footer-outer"><div class="widget Attribution"><div class="widget-content">'
        "Powered by Blogger.</div></div></div></div>"
    )
    leaks = [*story.teasers, "Share to Facebook", "BlogThis!", "Post Comments (Atom)"]
    leaks += ["Newer Post", "Older Post", "Popular Posts", "Powered by Blogger.", "Post a Comment"]
    return body, leaks


def _nextdata(story: _Story, url: str, rng: random.Random) -> tuple[str, list[str]]:
    queue = [
        {"slug": f"/next/{i}", "title": t, "body": e}
        for i, (t, e) in enumerate(zip(story.teasers, story.excerpts * 2, strict=False))
    ]
    state = json.dumps({"props": {"pageProps": {"post": {"title": story.title}, "next": queue}}})
    cards = "".join(
        f'<a class="Card_card__x{i}" href="{q["slug"]}"><div class="Card_title__a">{q["title"]}'
        "</div></a>"
        for i, q in enumerate(queue[:3])
    )
    body = (
        '<div id="__next"><div class="Layout_wrap__3k"><nav class="Nav_bar__1x">'
        '<a href="/">Kind Hearts Daily</a><a href="/trending">Trending</a></nav>'
        '<main class="Post_main__9f"><article class="Post_article__2b">'
        f'<h1 class="Post_title__7c">{story.title}</h1>'
        f'<div class="Post_meta__1d"><span>By {story.author}</span><span>5 min read</span>'
        "</div>"
        '<div class="Post_body__4e">'
        + "".join(
            f'<div class="Paragraph_p__{rng.randrange(99)}"><p>{html.escape(p, quote=False)}'
            "</p></div>"
            for p in story.paragraphs
        )
        + "</div></article>"
        '<div class="Infinite_next__5a" data-next="/next/0"><div class="Infinite_label__1">'
        'Up next</div><div class="Infinite_cards__2">'
        f"{cards}</div>"
        '<div class="Infinite_loader__8">Loading next story…</div></div></main>'
        '<footer class="Footer_f__0"><p>© 2024 Kind Hearts Daily. All rights reserved.</p>'
        "</footer></div></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{state}</script>'
    )
    leaks = [*story.teasers[:3], *story.excerpts, "Loading next story…"]
    leaks.append("© 2024 Kind Hearts Daily. All rights reserved.")
    return body, leaks


_BUILDERS = {
    "elementor": _elementor,
    "tdb": _tdb,
    "amp": _amp,
    "blogger": _blogger,
    "nextdata": _nextdata,
}


def make_theme_pages(seed: int, count: int) -> list[ThemePage]:
    """``count`` pages cycling through the five themes, reproducible from ``seed``.

    Every third page is homoglyph-obfuscated (Cyrillic U+043F for ``n``, Greek U+03C5 for
    ``u``) and every other page has a known URL.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test pages, not security
    pages = []
    for i in range(count):
        theme = THEMES[i % len(THEMES)]
        story = _story(rng, obfuscated=i % 3 == 2)
        url = f"https://kindheartsdaily.example/2024/03/{story.slug}/"
        body, leaks = _BUILDERS[theme](story, url, rng)
        amp = " \u26a1" if theme == "amp" else ""
        page = f'<!doctype html><html{amp} lang="en">{_head(story, url)}<body>{body}</body></html>'
        pages.append(
            ThemePage(
                name=f"{theme}-{i:03d}",
                html=page,
                url=url if i % 2 else None,
                paragraphs=story.paragraphs,
                leaks=tuple(leaks),
            )
        )
    return pages

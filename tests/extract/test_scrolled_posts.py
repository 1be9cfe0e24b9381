"""An infinite scroll appends post after post: all of them are cut, not only the first.

A news theme loads the next story under the current one as the reader scrolls, each
in the same wrapper (``<div class="scrollblock">``) with the same header (an ``<h1>``
of the same class, a date, a share bar). The first appended post is found and its
branch deleted (``second._second_story``); the ones after it are its branch's siblings
and reached the text until ``second._with_later_posts`` gathered them with it. Long
articles whose sections repeat a wrapper and a heading (a report's chapters, a live
blog's entries, a Q&A) are not appended posts and keep all their text. The pages are
written for these tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from post_pages import extract_html  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import second as second_module
from hoaxlens.extract.article import ExtractStrategy

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.types import Article

HEADLINES = [
    "Town Council Approves New Bridge Over The River",
    "Baker Wins Regional Prize For Her Sourdough Loaf",
    "Storm Closes Three Schools In The Northern District",
    "Library Extends Opening Hours During Exam Season",
]


def _paragraphs(story: int) -> list[str]:
    return [
        f"Story {story}, paragraph {i}: the people of the town gathered on the square to "
        f"hear what had been decided, and many of them stayed on to talk about it ({i})."
        for i in range(4)
    ]


def _scrolled_post(story: int) -> str:
    paras = "".join(f"<p>{line}</p>" for line in _paragraphs(story))
    return (
        f"<div class='scrollblock' data-url='https://news.example/{story}'>"
        f"<article class='entry-main-content'><header class='entry-heading'>"
        f"<p class='byline'>6 May 2022 05:{10 + story}</p>"
        f"<h1 class='headline big'>{HEADLINES[story]}</h1>"
        "<div class='share-toolbox'><a href='#fb'>Share</a> <a href='#tw'>Tweet</a></div>"
        f"</header><div class='entry-text'>{paras}</div>"
        "<footer class='tags'>Tags: <a href='/tag/town'>town</a></footer>"
        "</article><div class='entry-break'></div></div>"
    )


def _scroll_page(posts: int = 4) -> str:
    return (
        f"<html><head><title>{HEADLINES[0]} | Daily News</title></head><body>"
        "<header class='site'><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        "<main id='content'><article class='post hentry'><section class='main-content'>"
        f"{''.join(_scrolled_post(i) for i in range(posts))}"
        "</section></article></main>"
        "<footer class='site'>Copyright Daily News</footer></body></html>"
    )


def test_every_appended_post_is_cut() -> None:
    article = extract_html(_scroll_page(), ExtractStrategy.FAST)
    assert all(line in article.body for line in _paragraphs(0))
    for story in (1, 2, 3):
        assert HEADLINES[story] not in article.body
        assert not any(line in article.body for line in _paragraphs(story))
    assert "second-article" in article.removed


def test_without_the_rule_the_later_posts_stayed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: only the first appended post was cut before this rule.
    monkeypatch.setattr(second_module, "_with_later_posts", lambda branch, *_: branch)
    article = extract_html(_scroll_page(), ExtractStrategy.FAST)
    assert not any(line in article.body for line in _paragraphs(1))
    assert all(line in article.body for line in _paragraphs(2))


def test_a_single_appended_post_is_cut_as_before() -> None:
    article = extract_html(_scroll_page(posts=2), ExtractStrategy.FAST)
    assert all(line in article.body for line in _paragraphs(0))
    assert not any(line in article.body for line in _paragraphs(1))


def _body(article: Article) -> str:
    return " ".join(article.body.split())


def _chapters_page() -> str:
    """A long report: chapters in repeated sections, each headed by an ``<h2>``."""
    chapters = "".join(
        f"<section class='chapter'><h2 class='chapter-title'>Chapter {i}: What The Survey "
        f"Of The River Found</h2>{''.join(f'<p>{line}</p>' for line in _paragraphs(i))}"
        "<div class='share-toolbox'><a href='#fb'>Share this chapter</a></div></section>"
        for i in range(1, 5)
    )
    return (
        f"<html><head><title>{HEADLINES[0]}</title></head><body><main>"
        f"<article class='post'><header><h1 class='headline'>{HEADLINES[0]}</h1>"
        "<p class='byline'>By A. Reporter, 6 May 2022</p></header>"
        f"<div class='entry-content'>{''.join(f'<p>{line}</p>' for line in _paragraphs(0))}"
        f"{chapters}</div></article></main></body></html>"
    )


def _live_blog_page(entry: str = "live-update") -> str:
    """A live blog: timed entries in repeated wrappers, each with an ``<h2>`` and a time."""
    entries = "".join(
        f"<div class='{entry}'><time datetime='2022-05-06T1{i}:00'>1{i}:00</time>"
        f"<h2 class='live-title'>Update {i}: Rescue Teams Reach The Northern "
        f"District</h2>{''.join(f'<p>{line}</p>' for line in _paragraphs(i))}"
        "<div class='share'><a href='#fb'>Share</a></div></div>"
        for i in range(1, 6)
    )
    return (
        f"<html><head><title>{HEADLINES[2]} - live</title></head><body><main>"
        f"<article class='live hentry'><h1>{HEADLINES[2]}: Live Updates</h1>"
        f"<p class='standfirst'>{_paragraphs(0)[0]}</p>"
        f"<div class='live-feed'>{entries}</div></article></main></body></html>"
    )


def _interview_page() -> str:
    """An interview: questions as ``<h3>`` in repeated wrappers, each with a share link."""
    answers = "".join(
        f"<section class='qa-item'><h3 class='question'>Question {i}: Why Did The Library "
        f"Change Its Hours This Spring?</h3>"
        f"{''.join(f'<p>{line}</p>' for line in _paragraphs(i))}"
        "<a class='share-quote' href='#tw'>Share this answer</a></section>"
        for i in range(1, 5)
    )
    return (
        f"<html><head><title>{HEADLINES[3]}</title></head><body><main><article>"
        f"<header><h1 class='title'>{HEADLINES[3]}</h1><time>6 May 2022</time></header>"
        f"<div class='intro'>{''.join(f'<p>{line}</p>' for line in _paragraphs(0))}</div>"
        f"<div class='qa'>{answers}</div></article></main></body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [_chapters_page, _live_blog_page, _interview_page],
    ids=["a report's chapters", "a live blog's entries", "an interview's questions"],
)
def test_repeated_sections_of_one_article_are_kept(page: Callable[[], str]) -> None:
    article = extract_html(page(), ExtractStrategy.FAST)
    body = _body(article)
    for story in range(1, 5):
        assert all(line in body for line in _paragraphs(story)), story
    assert "second-article" not in article.removed


def test_a_live_blogs_entries_are_all_kept() -> None:
    # A wrapper named "live-entry" once read as a post wrapper ("-entry"), so the second
    # entry was cut as an appended post; "entry" is a post wrapper only as a class's first
    # word (WordPress's "entry", "entry-header").
    article = extract_html(_live_blog_page(entry="live-entry"), ExtractStrategy.FAST)
    body = _body(article)
    for story in range(1, 6):
        assert all(line in body for line in _paragraphs(story)), story
    assert "second-article" not in article.removed

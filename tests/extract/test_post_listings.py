"""A listing of other posts set after the story (``post-list``, ``news-list``) is a rail.

Its cards (a category, a date, a linked headline, an excerpt) are not cut off with "…"
and carry no rail heading, so the text stage cannot tell them from the story's own lines.
The pages are written for these tests.
"""

from __future__ import annotations

import pytest
from post_pages import TITLE, story_lines  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument

LINES = story_lines(6)
CARDS = [
    (
        "Travel",
        f"Island Ferry Company Orders Two New Electric Boats For Route {i}",
        f"The company said the boats for route {i} would carry four hundred passengers "
        "each and charge at the pier in the twenty minutes between two crossings.",
    )
    for i in range(3)
]


def _listing(name: str) -> str:
    cards = "".join(
        f"<div class='{name}-item'><span class='cat'>{cat}</span><span>Dec 19, 2025</span>"
        f"<h3><a href='/post-{i}'>{title}</a></h3><p>{excerpt}</p></div>"
        for i, (cat, title, excerpt) in enumerate(CARDS)
    )
    return f"<div class='{name}'>{cards}</div>"


def _body(story_wrapper: str, after: str) -> str:
    """The fast path's body: the story in ``story_wrapper``, then ``after`` beside it."""
    story = "".join(f"<p>{line}</p>" for line in LINES)
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body><main>"
        f"<div class='{story_wrapper}'><article><h1>{TITLE}</h1>{story}</article></div>"
        f"{after}</main></body></html>"
    )
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=ExtractStrategy.FAST).body


@pytest.mark.parametrize("name", ["post-list", "news-list"])
def test_a_listing_after_the_story_is_dropped(name: str) -> None:
    body = _body("single", _listing(name))
    assert all(line in body for line in LINES)
    assert not any(title in body or excerpt in body for _, title, excerpt in CARDS)


def test_a_story_inside_a_listing_wrapper_is_kept() -> None:
    # The guard of every needle: an element holding the story is never dropped.
    body = _body("news-list-detail", "")
    assert all(line in body for line in LINES)

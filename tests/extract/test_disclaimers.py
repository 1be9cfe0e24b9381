"""A site's standing disclaimer box is no part of the story.

Found on WCXB's development articles and trafilatura's evaluation pages (neither stored
here): "This article is for information only and is not medical advice", "We may earn a
commission…" set in a box named ``disclaimer`` inside the story's ``<article>``. The
fixtures below are written for these tests.
"""

from __future__ import annotations

from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

LINES = story_lines(8)
NOTICE = [
    "The views expressed in this post are the author's own and not those of the site.",
    "This article is for general information only and is not professional advice.",
]


def _body(notice_class: str) -> str:
    story = "".join(f"<p>{line}</p>" for line in LINES)
    box = f"<div class='{notice_class}'>" + "".join(f"<p>{t}</p>" for t in NOTICE) + "</div>"
    return post_body(story + box)


def test_a_disclaimer_box_after_the_story_is_dropped() -> None:
    body = _body("entry-disclaimer small")
    for line in LINES:
        assert line in body
    for line in NOTICE:
        assert line not in body


def test_a_box_named_otherwise_stays() -> None:
    body = _body("entry-note small")
    for line in [*LINES, *NOTICE]:
        assert line in body

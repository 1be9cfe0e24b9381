"""A site's standing disclaimer box is no part of the story.

Found on WCXB's development articles and trafilatura's evaluation pages (neither stored
here): "This article is for information only and is not medical advice", "We may earn a
commission…" set in a box named ``disclaimer`` inside the story's ``<article>``. The
fixtures below are written for these tests.
"""

from __future__ import annotations

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument

TITLE = "Harbour Council Approves The New Ferry Timetable"
LINES = [
    f"Section {i} of the plan says the ferries will run every twenty minutes from March."
    for i in range(8)
]
NOTICE = [
    "The views expressed in this post are the author's own and not those of the site.",
    "This article is for general information only and is not professional advice.",
]


def _body(notice_class: str) -> str:
    story = "".join(f"<p>{line}</p>" for line in LINES)
    box = f"<div class='{notice_class}'>" + "".join(f"<p>{t}</p>" for t in NOTICE) + "</div>"
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<article class='post'><h1>{TITLE}</h1>{story}{box}</article></body></html>"
    )
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=ExtractStrategy.FAST).body


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

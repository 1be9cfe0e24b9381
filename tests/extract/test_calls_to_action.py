"""Boxes that ask the reader to act (donate, join, book a demo) are no part of the story.

Found on WCXB's development articles and mozilla/readability's test pages (neither stored
here): a call-to-action box set inside the story's ``<article>`` between or after its
paragraphs, named ``*-cta``, ``cta-*``, ``*_cta``, ``cta_*`` or ``donat*``. The fixtures
below are written for these tests.
"""

from __future__ import annotations

import pytest

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument

TITLE = "Harbour Council Approves The New Ferry Timetable"
LINES = [
    f"Section {i} of the plan says the ferries will run every twenty minutes from March."
    for i in range(6)
]
APPEAL = [
    "Since you read to the end, we have a small favour to ask of you today.",
    "Our reporting is free to read, but it costs money to produce every single week.",
    "Become a member",
]


def _page(box_class: str) -> str:
    story = "".join(f"<p>{line}</p>" for line in LINES)
    box = f"<div class='{box_class}'>" + "".join(f"<p>{t}</p>" for t in APPEAL) + "</div>"
    return (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<article class='post'><h1>{TITLE}</h1>{story[: len(story) // 2]}{box}"
        f"{story[len(story) // 2 :]}</article></body></html>"
    )


def _body(html: str) -> str:
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=ExtractStrategy.FAST).body


@pytest.mark.parametrize(
    "box_class",
    ["membership-cta", "cta-box wide", "post_cta", "cta__content", "donation-appeal"],
)
def test_a_call_to_action_box_inside_the_story_is_dropped(box_class: str) -> None:
    body = _body(_page(box_class))
    for line in LINES:
        assert line in body
    for line in APPEAL:
        assert line not in body


def test_a_class_that_merely_holds_the_letters_is_not_a_call_to_action() -> None:
    # "factbox" and "octant" hold "cta"/"ct" without a separator: they stay.
    body = _body(_page("factbox octant"))
    for line in [*LINES, *APPEAL]:
        assert line in body

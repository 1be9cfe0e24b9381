"""Boxes that ask the reader to act (donate, join, book a demo) are no part of the story.

Found on WCXB's development articles and mozilla/readability's test pages (neither stored
here): a call-to-action box set inside the story's ``<article>`` between or after its
paragraphs, named ``*-cta``, ``cta-*``, ``*_cta``, ``cta_*`` or ``donat*``. The fixtures
below are written for these tests.
"""

from __future__ import annotations

import pytest
from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

LINES = story_lines(6)
APPEAL = [
    "Since you read to the end, we have a small favour to ask of you today.",
    "Our reporting is free to read, but it costs money to produce every single week.",
    "Become a member",
]


def _story_with_box(box_class: str) -> str:
    """The fast path's body of a post whose box of ``APPEAL`` sits in the story's middle."""
    story = "".join(f"<p>{line}</p>" for line in LINES)
    box = f"<div class='{box_class}'>" + "".join(f"<p>{t}</p>" for t in APPEAL) + "</div>"
    return post_body(f"{story[: len(story) // 2]}{box}{story[len(story) // 2 :]}")


@pytest.mark.parametrize(
    "box_class",
    ["membership-cta", "cta-box wide", "post_cta", "cta__content", "donation-appeal"],
)
def test_a_call_to_action_box_inside_the_story_is_dropped(box_class: str) -> None:
    body = _story_with_box(box_class)
    for line in LINES:
        assert line in body
    for line in APPEAL:
        assert line not in body


def test_a_class_that_merely_holds_the_letters_is_not_a_call_to_action() -> None:
    # "factbox" and "octant" hold "cta"/"ct" without a separator: they stay.
    body = _story_with_box("factbox octant")
    for line in [*LINES, *APPEAL]:
        assert line in body

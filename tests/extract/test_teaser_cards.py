"""A linked teaser card for another story, set in the story's column, is a teaser rail.

go-trafilatura discards elements named "teaser". Here only a card that holds a link and
lies inside the story container: a "teaser" without a link is often the story's own lead
paragraph (German CMSs name the standfirst so), and outside the container the name also
marks a listing page's items. The pages are written for these tests.
"""

from __future__ import annotations

from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

LINES = story_lines(6)
CARD_TITLE = "Ferry Workers Vote To Accept The New Pay Deal After Long Talks"
CARD_TEXT = "The union said members backed the offer by a wide margin on Thursday evening."
LEAD = "The council met for five hours before it agreed on the timetable for next spring."


def _with_card(card_class: str) -> str:
    card = (
        f"<div class='{card_class}'><a href='/ferry-pay'><h3>{CARD_TITLE}</h3></a>"
        f"<p>{CARD_TEXT}</p></div>"
    )
    story = [f"<p>{line}</p>" for line in LINES]
    return post_body("".join(story[:3]) + card + "".join(story[3:]))


def test_a_linked_teaser_card_in_the_story_is_dropped() -> None:
    body = _with_card("article-teaser")
    assert CARD_TITLE not in body
    assert CARD_TEXT not in body
    assert all(line in body for line in LINES)


def test_the_same_card_named_otherwise_stays() -> None:
    # The control: a card named for nothing reaches the text.
    body = _with_card("article-box")
    assert CARD_TEXT in body


def test_a_lead_named_teaser_without_a_link_is_kept() -> None:
    body = post_body(f"<p class='teaser'>{LEAD}</p>" + "".join(f"<p>{line}</p>" for line in LINES))
    assert LEAD in body
    assert all(line in body for line in LINES)

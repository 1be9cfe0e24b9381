"""Rails the extractor leaves half of: the page (links, story container) confirms the rest.

resiliparse drops link-dense card parts, so a rail can reach the text cleaner as one
headline or one excerpt. Found on generated layouts at 300 pages a seed (seeds 5, 22, 404);
the text-only guards (one teaser after a heading is story text) stay as they are.
"""

from __future__ import annotations

import pytest

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.farm import strip_farm_furniture
from hoaxlens.types import MediaType, RawDocument

TITLE = "Pop Singer Stops Show To Help A Crying Child"
STORY = [
    "Producers tried to move on with the schedule, but the singer refused to go on.",
    "A small boy was standing alone near the door, holding a crumpled piece of paper.",
    "By the time the lights came back up, there was not a dry eye left in the hall.",
    "It turned out she had lost a father at the very same age, long ago.",
    "Nobody who was there that night will ever forget what happened next.",
]
EXCERPT = "It was supposed to be a routine taping, but one question changed everything…"
CARD = "Rock Drummer Quietly Rebuilds A Flooded Town"


def _body(rail: str) -> list[str]:
    paras = "".join(f"<p>{line}</p>" for line in STORY)
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<div class='story'>{paras}</div>{rail}</body></html>"
    )
    raw = RawDocument(id="r", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=ExtractStrategy.FAST).body.splitlines()


@pytest.mark.parametrize(
    "rail",
    [
        pytest.param(f"<div><h3>Related Stories</h3><p>{EXCERPT}</p></div>", id="heading-excerpt"),
        pytest.param(f"<div><div><a href='/2023/01/x-y-z/'>{CARD}</a></div></div>", id="one-link"),
        pytest.param(f"<div class='card'><p>{EXCERPT}</p></div>", id="excerpt-outside"),
    ],
)
def test_leftover_of_a_rail_is_dropped_on_a_page(rail):
    assert _body(rail) == [TITLE, *STORY]


def test_cliffhanger_inside_the_story_container_stays():
    paras = "".join(f"<p>{line}</p>" for line in [*STORY, EXCERPT])
    html = f"<html><body><h1>{TITLE}</h1><div class='story'>{paras}</div></body></html>"
    raw = RawDocument(id="r", content=html, media_type=MediaType.HTML, source="t")
    assert extract_article(raw).body.splitlines()[-1] == EXCERPT


def test_text_posts_keep_a_heading_with_one_teaser():
    text = "\n".join([*STORY, "Related", EXCERPT])
    assert strip_farm_furniture(text).removed == ()


@pytest.mark.parametrize(
    "heading",
    [
        "Mehr zum Thema",
        "Das könnte Sie auch interessieren",
        "Temas relacionados",
        "À lire aussi",
        "Zobacz również",
        "Trending Articles",
        "From Around the Web",
        "Explore further",
    ],
)
def test_rail_headed_in_other_wordings_and_languages_is_dropped(heading):
    teasers = "".join(
        f"<div><p>{line}</p></div>"
        for line in (CARD, "Veteran Actor Returns To The Stage At Ninety", EXCERPT)
    )
    body = _body(f"<section><h3>{heading}</h3>{teasers}</section>")
    assert body == [TITLE, *STORY]

"""A guide's sections after a short intro are the story's, not a second story appended.

The story container found for a guide or a recipe is sometimes only its intro (a short
blurb under the headline); the steps follow in a sibling element under a heading of
their own. That heading, set lower than the headline (an ``<h2>`` under an ``<h1>``) in
an element unlike the intro's, starts the story's next section. An appended post
repeats the story's template instead: an ``<h1>``, a headline set like the story's own,
or a wrapper with the story's tag and class (``tests/extract/test_appended_posts.py``),
or a wrapper named as the next story (``next-story``, ``article-next``).
The pages are written for these tests.
"""

from __future__ import annotations

import pytest
from post_pages import extract_html  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import second as second_module
from hoaxlens.extract.article import ExtractStrategy

HEADLINE = "How To Bake A Country Loaf With A Long Cold Rise"
INTRO = [
    f"This loaf asks for little work, part {i} of the intro: the dough rises slowly overnight "
    "in the fridge, and you need flour, water, salt and a spoonful of starter, nothing else."
    for i in range(3)
]
SECTION_TITLE = "Mixing and folding the dough"
STEPS = [
    f"Step {i}: stretch the dough over itself and let it rest for half an hour in a warm "
    "corner of the kitchen before you turn it again; keep the bowl covered all the while."
    for i in range(6)
]


def _page(*, section_tag: str = "h2", section_class: str = "steps") -> str:
    paras = "".join(f"<p>{line}</p>" for line in STEPS)
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><main>"
        f"<section class='intro'><div class='hero'><div class='hero-text'><h1>{HEADLINE}</h1>"
        f"<div class='blurb'>{''.join(f'<p>{line}</p>' for line in INTRO)}</div>"
        "</div></div></section>"
        f"<section class='{section_class}'><div class='recipe-steps'>"
        f"<{section_tag}>{SECTION_TITLE}</{section_tag}>{paras}</div></section>"
        "</main></body></html>"
    )


def test_the_sections_after_a_short_intro_are_kept() -> None:
    article = extract_html(_page(), ExtractStrategy.FAST)
    assert all(step in article.body for step in STEPS)
    assert "second-article" not in article.removed


def test_without_the_rule_the_sections_were_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: the same page lost its steps before this rule.
    monkeypatch.setattr(second_module, "SHORT_CONTAINER_CHARS", 0)
    article = extract_html(_page(), ExtractStrategy.FAST)
    assert not any(step in article.body for step in STEPS)


@pytest.mark.parametrize(
    ("section_tag", "section_class"),
    [("h1", "steps"), ("h2", "intro"), ("h2", "next-story"), ("h2", "article-next")],
    ids=["an h1 headline", "the story's own wrapper", "a next-story wrapper", "article-next"],
)
def test_a_post_set_like_the_story_is_still_cut(section_tag: str, section_class: str) -> None:
    article = extract_html(
        _page(section_tag=section_tag, section_class=section_class), ExtractStrategy.FAST
    )
    assert not any(step in article.body for step in STEPS)
    assert all(line in article.body for line in INTRO)

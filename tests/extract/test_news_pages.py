"""Real-news-page rules of the fast path (written from the AEB tuning half's failure kinds).

Every page here is made up; no benchmark page is copied. Each case names the rule it checks.
"""

from __future__ import annotations

import pytest

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument

TITLE = "Council Approves New Bridge After Two Years of Debate"
SUMMARY = "The vote ends a long fight over the river crossing and its cost to the town."
LINES = [
    f"Paragraph {i} of the report says what the council decided and why, in some detail."
    for i in range(6)
]
PARAS = "".join(f"<p>{line}</p>" for line in LINES)
CAPTION = (
    "Council members look at the model of the new bridge during the meeting on Tuesday "
    "evening in the town hall, where about two hundred residents came to hear the vote and "
    "to speak for and against the plan that has divided the town for two years now. "
    "Photo: Staff photographer / Town Ledger. All rights reserved for this image and the "
    "others in the gallery below it, which show the old bridge and the river crossing."
)


def _page(body: str, *, description: str = SUMMARY) -> str:
    head = (
        f"<head><title>{TITLE} | Town Ledger</title>"
        f"<meta property='og:description' content='{description}'></head>"
    )
    return f"<html>{head}<body>{body}</body></html>"


def _body(html: str) -> list[str]:
    raw = RawDocument(id="n", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=ExtractStrategy.FAST).body.splitlines()


def test_chrome_above_the_headline_is_dropped():
    # A sentence, so that the farm cleaner's label rule alone would keep it.
    promo = "<div class='promo'>Get the morning newsletter with every council story.</div>"
    html = _page(f"<div>Town Ledger</div>{promo}<h1>{TITLE}</h1>{PARAS}")
    assert _body(html) == [TITLE, *LINES]


@pytest.mark.parametrize(
    ("dek", "kept"),
    [
        pytest.param(f"<p class='dek'>{SUMMARY}</p>", False, id="summary-dek-dropped"),
        pytest.param("<p class='dek'>A different standfirst line.</p>", True, id="other-dek"),
    ],
)
def test_summary_printed_as_a_dek_is_dropped(dek, kept):
    html = _page(f"<h1>{TITLE}</h1>{dek}<article>{PARAS}</article>")
    body = _body(html)
    assert (SUMMARY in body) is False
    assert ("A different standfirst line." in body) is kept
    assert body[-len(LINES) :] == LINES


def test_summary_that_is_the_lead_paragraph_stays():
    html = _page(
        f"<h1>{TITLE}</h1><article><p>{LINES[0]}</p>{PARAS}</article>", description=LINES[0]
    )
    assert _body(html).count(LINES[0]) == 2


def test_long_photo_caption_is_not_taken_for_the_story():
    gallery = (
        f"<div class='photo-gallery'><img src='a.jpg'><div class='caption'>{CAPTION}</div></div>"
    )
    html = _page(f"<h1>{TITLE}</h1>{gallery}<div class='story'>{PARAS}</div>")
    body = _body(html)
    assert body == [TITLE, *LINES]


def test_embedded_tweet_quoted_in_the_story_is_kept():
    tweet = (
        "<blockquote class='twitter-tweet'><p>The bridge vote passed five to two tonight."
        "</p>— Town Council (@council) <a href='https://twitter.com/x/status/1'>May 2</a>"
        "</blockquote>"
    )
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}{tweet}{PARAS}</article>")
    assert "The bridge vote passed five to two tonight." in _body(html)


@pytest.mark.parametrize("name", ["twitter-tweet", "instagram-media", "tiktok-embed"])
def test_embedded_post_classes_are_renamed_for_the_extractor(name):
    from hoaxlens.extract.dom import parse_page
    from hoaxlens.extract.prune import keep_embedded_posts

    html = f"<html><body><blockquote class='{name} x'><p>Quoted.</p></blockquote></body></html>"
    page = parse_page(html)
    assert page.body is not None
    keep_embedded_posts(page.body, html)
    quote = page.body.query_selector("blockquote")
    assert quote is not None
    assert quote.getattr("class") == "embedded-post"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param(
            "Follow the Ledger on Facebook, Twitter and Instagram.", "page-chrome", id="f"
        ),
        pytest.param("Follow @LedgerDeals on Twitter for more deals.", "page-chrome", id="handle"),
        pytest.param("She decided to follow her heart on Facebook.", None, id="story-sentence"),
        pytest.param("He had two million followers on Twitter.", None, id="followers"),
        pytest.param("Advert", "scroll-marker", id="advert"),
        pytest.param("This website is using cookies.", "cookie-banner", id="cookies"),
    ],
)
def test_news_furniture_lines(line, kind):
    from hoaxlens.extract.markers import classify

    found = classify(line)
    assert (found.value if found else None) == kind


def test_story_ending_on_a_list_of_unlinked_headline_cased_lines_keeps_it():
    # Tour dates look like teaser headlines to the text cleaner; teasers link to stories.
    dates = [f"June {d} - Town Number {d}, TX @ The Big Arena Number {d}" for d in (9, 10, 14, 17)]
    tour = "<p>" + "<br>".join(dates) + "</p>"
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}<p><b>Tour Dates</b></p>{tour}</article>")
    assert _body(html)[-len(dates) :] == dates


def test_linked_teasers_closing_the_page_are_still_a_rail():
    cards = "".join(
        f"<div><a href='/s/{i}'>Star Number {i} Stuns Fans With Shock Return</a></div>"
        for i in range(4)
    )
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}</article><div>{cards}</div>")
    assert _body(html) == [TITLE, *LINES]


@pytest.mark.parametrize(
    "box",
    [
        "<div class='promo-box'>Try the print edition at half price this month.</div>",
        "<div class='article-banner'>Our annual reader survey is open until Friday.</div>",
        "<div class='paywall-note'>You have read three of your five free stories.</div>",
        "<div class='recipe-rating'>Rated 4.5 by 120 readers so far this week.</div>",
        "<div class='most-popular'><p>Mayor Resigns After Audit Finds Missing Funds</p></div>",
        "<div class='more-on-topic'><p>Ferry Service Returns to the Old Harbour</p></div>",
        "<div class='newsletter-signup'>Get every council story in your inbox daily.</div>",
    ],
    ids=["promo", "banner", "paywall", "rating", "most-popular", "more-on", "signup"],
)
def test_boxes_named_as_promotions_are_pruned_inside_the_story(box):
    # trafilatura's discard vocabulary: each box sits between the story's paragraphs.
    half = len(PARAS) // 2
    cut = PARAS.index("<p>", half)
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS[:cut]}{box}{PARAS[cut:]}</article>")
    assert _body(html) == [TITLE, *LINES]


AFTER_STORY = (
    "<div class='shop'><p>The Ledger shop has prints, old front pages and gift cards for "
    "every occasion.</p><p>Learn a language online with a free month of lessons from our "
    "partner.</p></div>"
)


def test_text_after_the_story_column_is_dropped():
    # A shop box and a partner offer after the story's column: prose, but not the story.
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}</article>{AFTER_STORY}")
    assert _body(html) == [TITLE, *LINES]


def test_list_that_ends_the_story_inside_its_column_is_kept():
    steps = [
        "Bring the permit form that the town sent to every household in March.",
        "Pay the fee at the desk on the ground floor of the town hall.",
        "Collect the sticker for the car and put it on the windscreen.",
    ]
    items = "".join(f"<li>{step}</li>" for step in steps)
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}<ul>{items}</ul></article>{AFTER_STORY}")
    assert _body(html) == [TITLE, *LINES, *steps]


def test_bulleted_list_in_the_story_is_kept_and_a_list_of_story_links_is_not():
    points = [
        "The bridge will have two lanes for cars and a wide path for bikes.",
        "Work starts in the spring and should take about eighteen months.",
        "The state pays for two thirds of the cost; the town pays the rest.",
    ]
    key_points = "<ul>" + "".join(f"<li>{point}</li>" for point in points) + "</ul>"
    others = "<ul>" + "".join(
        f"<li>Also today: <a href='/s/{i}'>another council story number {i} here</a></li>"
        for i in range(4)
    )
    html = _page(f"<h1>{TITLE}</h1><article>{PARAS}{key_points}{others}</ul></article>")
    assert _body(html) == [TITLE, *LINES, *points]


def test_a_long_dek_in_its_own_box_is_not_taken_for_the_story():
    dek = (
        "The council spent two years arguing about the crossing, its cost, its looks and "
        "who would pay for it; on Tuesday night it finally voted, and the result surprised "
        "even the people who had fought hardest for the plan from the very first meeting. "
    ) * 3
    long_lines = [line + " It went on for some time after that, too." * 4 for line in LINES]
    story = "".join(f"<p>{line}</p>" for line in long_lines)
    html = _page(
        f"<h1>{TITLE}</h1><div class='hero'><p>{dek}</p></div>"
        f"<div class='a'><div class='body-text'>{story}</div></div>"
    )
    body = _body(html)
    assert all(line in body for line in long_lines)


def test_story_parts_of_one_class_around_a_box_are_one_story():
    def part(lines: list[str]) -> str:
        paras = "".join(f"<p>{line}</p>" for line in lines)
        return f"<section><div><div><div class='post-text'>{paras}</div></div></div></section>"

    box = "<section><div class='newsletter'><p>Get the Ledger every morning.</p></div></section>"
    html = _page(f"<h1>{TITLE}</h1><main><div>{part(LINES[:3])}{box}{part(LINES[3:])}</div></main>")
    assert _body(html) == [TITLE, *LINES]


def test_story_parts_of_one_class_far_apart_are_the_anchor_s_blocks():
    from hoaxlens.extract.anchor import find_story_anchor
    from hoaxlens.extract.dom import parse_page

    def part(lines: list[str]) -> str:
        paras = "".join(f"<p>{line}</p>" for line in lines)
        return f"<section><div><div><div class='post-text'>{paras}</div></div></div></section>"

    box = "<section><div class='newsletter'><p>Get the Ledger every morning.</p></div></section>"
    html = _page(f"<h1>{TITLE}</h1><main><div>{part(LINES[:3])}{box}{part(LINES[3:])}</div></main>")
    page = parse_page(html)
    assert page.body is not None
    anchor = find_story_anchor(page.body, [TITLE])
    assert [text for _, text in anchor.blocks] == LINES

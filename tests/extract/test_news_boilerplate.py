"""News sites' boilerplate inside the story column: related-article links, sign-ups, labels.

Found on the tuning half of the Scrapinghub benchmark (real news pages): "Read more: <link>"
and "[Related: <link>]" lines between paragraphs, newsletter sign-up boxes, "Back to top",
"%d bloggers like this:". Each is dropped from page text only; plain-text posts keep
their lines, and a paragraph that merely starts like a label stays.
"""

from __future__ import annotations

import pytest

from hoaxlens.extract import extract_article, markers
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.farm import strip_farm_furniture
from hoaxlens.normalize import normalize_text
from hoaxlens.types import MediaType, RawDocument

TITLE = "Retailer Beats Forecasts As Holiday Season Nears"
STORY = [
    "The chain reported quarterly sales well above what analysts had expected on Tuesday.",
    "Its chief executive said shoppers had returned to stores in larger numbers this autumn.",
    "Shares rose by four per cent in early trading before settling back later in the day.",
    "The company also raised its outlook for the full year, citing strong online demand.",
    "Analysts said the results eased fears of a slowdown in consumer spending this winter.",
]
OTHER = "Rival chain cuts jobs as shoppers move online for good"


def _body(inserted: str, *, strategy: ExtractStrategy = ExtractStrategy.FAST) -> list[str]:
    paras = [f"<p>{line}</p>" for line in STORY]
    paras.insert(3, inserted)
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<article class='story'>{''.join(paras)}</article></body></html>"
    )
    raw = RawDocument(id="n", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=strategy).body.splitlines()


@pytest.mark.parametrize(
    "inserted",
    [
        pytest.param(f"<p><b>Read more:</b> <a href='/x/rival'>{OTHER}</a></p>", id="read-more"),
        pytest.param(f"<p>[Related: <a href='/x/rival'>{OTHER}</a>]</p>", id="bracketed"),
        pytest.param(
            f"<p>(<a href='/x/rival'><em>Leggi anche: {OTHER}</em></a>)</p>", id="label-in-link"
        ),
        pytest.param(
            f"<a href='/x/rival'><span>Also on example.com</span> <span>{OTHER}</span></a>",
            id="also-on-site",
        ),
        pytest.param("<p>Subscribe to our morning newsletter</p>", id="newsletter"),
        pytest.param("<p>Back to Top</p>", id="back-to-top"),
        pytest.param("<p>Continue Reading Below</p>", id="ad-label"),
        pytest.param("<p>Published 18 November 2019</p>", id="published-date"),
        pytest.param(
            "<p>We use them to give you the best experience. If you continue using our "
            "website, we'll assume that you are happy to receive all cookies.</p>",
            id="cookie-notice",
        ),
        pytest.param(
            "<p>[button link=\u201d/submit/\u201d type=\u201dbig\u201d] Send us your "
            "review[/button]</p>",
            id="shortcode",
        ),
        pytest.param(
            "<p><a href='/x/app'><strong>GET THE NEWS APP BY CLICKING HERE</strong></a></p>",
            id="capitals-link",
        ),
        pytest.param("<p>More on this story</p>", id="more-on-this-story"),
        pytest.param("<p>Photo: Hau Dinh, AP</p>", id="photo-credit"),
        pytest.param("<p>Image 1 of / 8</p>", id="gallery-counter"),
        pytest.param("<p>SOURCE: News agencies</p>", id="wire-source"),
        pytest.param("<p>1 2 3 4 5 6 7 8</p>", id="page-numbers"),
        pytest.param("<p>View all (23)</p>", id="view-all"),
        pytest.param(
            "<p>Get Retail Weekly delivered through your letterbox every month. Click here.</p>",
            id="magazine-promo",
        ),
        pytest.param(
            "<p>If you enjoyed this article, we have a proposition for you: join us.</p>",
            id="membership-promo",
        ),
    ],
)
def test_boilerplate_in_the_story_column_is_dropped(inserted):
    assert _body(inserted) == [TITLE, *STORY]
    assert _body(inserted, strategy=ExtractStrategy.AUTO) == [TITLE, *STORY]


@pytest.mark.parametrize(
    "paragraph",
    [
        # Label-like openings of real sentences: no page link makes up the rest of them.
        "More than two hundred shoppers queued outside the flagship store before dawn.",
        "Read more about the figures in the company's annual report, published in March.",
        "Watch closely: the chain has beaten forecasts in each of the last four quarters.",
    ],
)
def test_a_paragraph_that_starts_like_a_label_stays(paragraph):
    assert _body(f"<p>{paragraph}</p>") == [TITLE, *STORY[:3], paragraph, *STORY[3:]]


def test_a_capitals_line_that_is_not_a_link_stays():
    line = "UPDATE: THE COMPANY HAS SINCE CONFIRMED THE FIGURES"
    assert _body(f"<p>{line}</p>")[4] == line


def test_a_sentence_linking_another_story_stays():
    # Link density is judged on lines that open with a related-article label only.
    line = f"Earlier this month, <a href='/x/rival'>{OTHER}</a>, as we reported."
    assert _body(f"<p>{line}</p>")[4] == f"Earlier this month, {OTHER}, as we reported."


def test_text_posts_keep_their_lines():
    # Without a page there is no link to judge by: a text post's lines are its author's.
    text = "\n".join([*STORY[:2], "Comments", "Subscribe to our morning newsletter", *STORY[2:]])
    assert strip_farm_furniture(text).text == text


def test_lines_skipped_by_the_marker_normalizer_are_ones_it_leaves_alone():
    # ``markers.plain`` skips normalizing lines of these characters (a cost per line on
    # real pages); that is only right while the normalizer does not change them.
    for char in sorted(markers.TYPOGRAPHIC):
        line = f"Read more {char} here"
        assert normalize_text(line).text == line, hex(ord(char))
    assert markers.plain("Read more \u2014 caf\u00e9") == "Read more \u2014 caf\u00e9"


def test_obfuscated_markers_are_still_read_as_a_reader_sees_them():
    assert markers.plain("E\u043fd of co\u043fte\u043ft \u2014") == "End of content \u2014"
    assert markers.classify("E\u043fd of co\u043fte\u043ft") is markers.LineKind.SCROLL_MARKER


def test_an_author_box_after_the_story_ends_the_text():
    html = (
        f"<html><body><h1>{TITLE}</h1><article>"
        + "".join(f"<p>{line}</p>" for line in STORY)
        + "<h4>About the author</h4><p>Jane Doe</p><p>Retail writer and cat person.</p>"
        + "</article></body></html>"
    )
    raw = RawDocument(id="n", content=html, media_type=MediaType.HTML, source="t")
    assert extract_article(raw).body.splitlines() == [TITLE, *STORY]


def test_click_to_tweet_is_cut_from_the_quote_it_follows():
    quote = "Every online business exists in the space-time continuum."
    lines = _body(f"<p>{quote}<a href='https://twitter.com/intent'>Click To Tweet</a></p>")
    assert lines[4] == quote


def test_lower_cased_boilerplate_starts_are_judged_as_the_anchored_pattern_judges_them():
    # ``may_be_page_boilerplate`` matches lower-cased starts from their first word
    # character on (``^\W*`` before the alternation backtracked over every leading
    # non-word character): the answers must be those of the whole pattern, ``^\W*(…)\W*$``.
    import random
    import re

    from hoaxlens.extract import page_markers

    whole = re.compile(markers.lowered(page_markers.BOILERPLATE_LINE))
    words = [
        "back to top", "comments", "%d bloggers like this", "delivered to your inbox",
        "source:", "source", "photo", "photos by", "image 3 of", "more", "related", ":",
        "read more", "view all (12)", "posted", "updated: may 3, 2020", "1 2 3", "12",
        "like this story?", "click here to subscribe", "sign up for our", "newsletter",
        "learn more", "the", "council", "d", "%", "'s", "there was a problem subscribing",
    ]  # fmt: skip
    marks = [" ", "  ", "-", "—", "!", "%", ":", "|", "»", "(", ")", ".", "?", "*", "_", "\t"]
    rng = random.Random(5)  # noqa: S311 (test data, not secrets)
    lines = [" " * 10_000, "%" * 300 + "d bloggers like this", "- %d bloggers like this -"]
    for _ in range(20_000):
        parts = [rng.choice(marks) for _ in range(rng.randrange(4))]
        for _ in range(rng.randrange(1, 4)):
            parts.append(rng.choice(words))
            parts.extend(rng.choice(marks) for _ in range(rng.randrange(3)))
        lines.append("".join(parts))
    found = [page_markers.is_lower_boilerplate_start(line) for line in lines]
    assert found == [whole.match(line) is not None for line in lines]
    assert sum(found) > 1_000  # the lines hold both answers, many times over

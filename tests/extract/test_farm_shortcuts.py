"""The shortcuts taken on text that reads as it is give what the line-by-line route gives.

``markers.classify`` rules out lines with one combined pattern, and ``strip_farm_furniture``
skips a pass when a search of the whole text finds no line it could act on. Both only
apply to text without lookalike characters; the same text with one lookalike in a long
paragraph (never normalized, so nothing else changes) takes the line-by-line route.
"""

from __future__ import annotations

import pytest

from hoaxlens.extract import markers, strip_farm_furniture

FURNITURE = [
    "End of content",
    "- Advertisement -",
    "Share on FacebookShare on Twitter",
    "Facebook Twitter Pinterest",
    "1.2k shares",
    "We use cookies to ensure that we give you the best experience on our website.",
    "This website uses cookies. By continuing to browse you agree.",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "12 Comments",
    "\u00a9 2024 Kind Hearts Daily",
    "Copyright 2023 Star News",
    "Star News 2024. All Rights Reserved.",
    "Powered by WordPress",
    "Tags: celebrity, music, kindness",
    "Previous article",
    "Privacy Policy | Terms of Use | Contact Us",
    "5 min read",
    "Posted by admin on March 3",
    "Follow us on Facebook for more stories like this",
    "   Read more \u00bb  ",
    "Type your search and hit enter",
    "at 10:45 pm",
]
PROSE = [
    "Then it happened.",
    "She shared the video on Facebook, and it was viewed a million times by the morning.",
    "All rights to the song were reserved for the family, her lawyer said.",
    "Follow the money, the detective told the reporters gathered outside the station.",
    "Copyright lawyers say the case could take years.",
    "",
    "   ",
    "Comments from fans poured in within minutes of the announcement going live today.",
]


@pytest.mark.parametrize("line", FURNITURE + PROSE)
def test_classify_agrees_with_every_test_run_in_turn(line: str) -> None:
    markers.clear_caches()
    full = markers._classify(line) if len(line) <= markers.MAX_HEAD_LINE else None
    assert markers.classify(line) == full
    assert markers.classify_lines([line], as_is=True) == [full]


def test_furniture_examples_are_furniture_and_prose_is_not() -> None:
    assert all(markers.classify(line) is not None for line in FURNITURE)
    assert all(markers.classify(line) is None for line in PROSE)


PARAGRAPH = (
    "The crowd had waited for hours in the rain, and nobody expected what came next when "
    "the lights went down and the band walked off the stage without a word to anyone there."
)
LOOKALIKE = PARAGRAPH.replace("crowd", "cr\u043ewd")  # Cyrillic o: the slow route


def _texts(*lines: str) -> tuple[str, str]:
    body = "\n".join([PARAGRAPH, *lines])
    return body, body.replace(PARAGRAPH, LOOKALIKE, 1)


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(["Second paragraph of the story, quite long and quiet."], id="story"),
        pytest.param(
            [PARAGRAPH, "Related Stories", "Star Stuns Fans At The Gala", "Singer Hugs Fan"],
            id="trailing-rail",
        ),
        pytest.param(
            ["News", "Star Stuns Fans At The Gala Tonight", "Singer Hugs Crying Fan On Stage"]
            + [PARAGRAPH] * 3,
            id="headed-rail",
        ),
        pytest.param(
            ["READ ALSO: Famous Singer Stops Concert For Crying Fan", PARAGRAPH], id="inline"
        ),
        pytest.param(
            [PARAGRAPH, PARAGRAPH, "End of content", "Another Story Begins Here"], id="end"
        ),
        pytest.param(["Share on Facebook", "12", PARAGRAPH], id="share-count"),
        pytest.param(["More from the author", PARAGRAPH], id="heading-alone"),
        pytest.param(
            [PARAGRAPH, "News" + " " * 70, "Star Stuns Fans At The Gala", "Singer Hugs Fan"],
            id="padded-heading-too-long",
        ),
        pytest.param(
            ["   Read also: Famous Singer Stops Concert For Crying Fan   ", PARAGRAPH],
            id="padded-inline",
        ),
        pytest.param([PARAGRAPH, PARAGRAPH, "You May Like", ""], id="orphan-heading"),
        pytest.param([PARAGRAPH, "Star Stuns Fans At The Gala Tonight"], id="one-headline-at-end"),
    ],
)
def test_text_without_lookalikes_is_cleaned_as_line_by_line(lines: list[str]) -> None:
    plain, slow = _texts(*lines)
    assert markers.reads_as_is(plain)
    assert not markers.reads_as_is(slow)
    fast_result, slow_result = strip_farm_furniture(plain), strip_farm_furniture(slow)
    assert fast_result.removed == slow_result.removed
    assert fast_result.text == slow_result.text.replace(LOOKALIKE, PARAGRAPH)


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(["Sign up for our daily newsletter", PARAGRAPH], id="newsletter"),
        pytest.param(["Back to top"], id="back-to-top"),
        pytest.param(
            ["We use them to give you the best experience. By using our site you accept cookies."],
            id="cookie-notice",
        ),
        pytest.param(["Download: http://po.st/x"], id="url-line"),
        pytest.param(["[button link=x] Send us your review[/button]"], id="shortcode"),
        pytest.param([PARAGRAPH, PARAGRAPH, "About the author", "Jane writes."], id="author-box"),
        pytest.param(["Kindness is contagious. Click To Tweet", PARAGRAPH], id="click-to-tweet"),
        pytest.param([PARAGRAPH, "The end of the story, as she told it."], id="story"),
    ],
)
def test_page_text_without_lookalikes_is_cleaned_as_line_by_line(lines: list[str]) -> None:
    plain, slow = _texts(*lines)
    fast_result = strip_farm_furniture(plain, links=frozenset)
    slow_result = strip_farm_furniture(slow, links=frozenset)
    assert fast_result.removed == slow_result.removed
    assert fast_result.text == slow_result.text.replace(LOOKALIKE, PARAGRAPH)


@pytest.mark.parametrize(
    ("obfuscated", "plain"),
    [
        pytest.param("Rel\u0430ted Stories", "Related Stories", id="trailing-rail-heading"),
        pytest.param("Y\u043eu May Like", "You May Like", id="orphan-heading"),
        pytest.param(
            "READ \u0410LSO: Famous Singer Stops Concert For Crying Fan",
            "READ ALSO: Famous Singer Stops Concert For Crying Fan",
            id="inline-teaser",
        ),
    ],
)
def test_a_furniture_line_with_lookalikes_among_plain_lines_goes_as_the_plain_one(
    obfuscated: str, plain: str
) -> None:
    # The other lines read as they are and take the shortcuts; the one line does not.
    lines = [PARAGRAPH, PARAGRAPH, "{}", "Star Stuns Fans At The Gala", "Singer Hugs Fan"]
    template = "\n".join(lines)
    fast = strip_farm_furniture(template.format(plain))
    mixed = strip_farm_furniture(template.format(obfuscated))
    assert fast.removed == mixed.removed == ("teaser-rail",)
    assert mixed.text == fast.text.replace(plain, obfuscated)


def test_reads_as_is_holds_exactly_for_ascii_and_typographic_characters() -> None:
    plain = {chr(c) for c in range(128)} | markers.TYPOGRAPHIC
    for code in [*range(0xD800), *range(0xE000, 0x10000), 0x1F600, 0x1D400, 0x10FFFF]:
        char = chr(code)
        assert markers.reads_as_is(char) is (char in plain)
        assert markers.reads_as_is(f"Caf\u00e9 {char}\n\u201cok\u201d") is (char in plain)

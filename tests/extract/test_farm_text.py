"""Line-level farm furniture removal (``strip_farm_furniture``) and its guards."""

from __future__ import annotations

import pytest

from hoaxlens.extract import strip_farm_furniture
from hoaxlens.extract.markers import LineKind, classify

TITLE = "Talk Show Host Walks Off Set To Hug A Janitor"
STORY = [
    "It was supposed to be an ordinary taping, and the host was already running late.",
    "Then it happened.",
    "She stopped in the middle of a sentence and looked toward the back of the studio.",
    "Silence.",
    "An old janitor was standing by the door, holding a mop and trying not to be seen.",
    "Nobody moved.",
    "She walked up the aisle, took his hands and thanked him for thirty years of work.",
    "Some moments are bigger than any stage.",
]
STORY_TEXT = "\n".join(STORY)


def _clean(*parts: str, **kwargs: object):
    return strip_farm_furniture("\n".join(parts), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        pytest.param([], ["E\u043fd of co\u043fte\u043ft"], "scroll-marker", id="obfuscated-end"),
        pytest.param([], ["L\u043ead more"], "scroll-marker", id="cyrillic-o-load-more"),
        pytest.param([], ["- Advertisement -"], "scroll-marker", id="dashed-advert"),
        pytest.param(
            [
                "We use cookies to ensure that we give you the best experience on our website.",
                "Accept",
            ],
            [],
            "cookie-banner",
            id="cookie-banner-on-top-with-button",
        ),
        pytest.param(
            [],
            [
                "This site \u03c5ses cookies to improve yo\u03c5r experie\u043fce. "
                "By co\u043fti\u043f\u03c5i\u043fg, you agree."
            ],
            "cookie-banner",
            id="obfuscated-long-cookie-line",
        ),
        pytest.param(
            [],
            [
                "Leave a Reply Cancel reply",
                "Your email address will not be published. Required fields are marked *",
                "Comment *",
                "Name *",
                "Save my name, email, and website in this browser for the next time I comment.",
                "Post Comment",
            ],
            "comment-form",
            id="wordpress-comment-form",
        ),
        pytest.param(
            [], ["Share on FacebookShare on TwitterEmail"], "share-buttons", id="glued-share"
        ),
        pytest.param(["Share to X", "Facebook"], [], "share-buttons", id="share-with-network"),
        pytest.param(["1.2k", "SHARES", "9.8k", "VIEWS"], [], "share-buttons", id="share-counts"),
        pytest.param(
            [],
            ["Related Posts", "Singer Stops Concert For A Crying Fan", "March 3, 2024Read more"],
            "teaser-rail",
            id="headed-rail-with-card-parts",
        ),
        pytest.param(
            [],
            [
                "Quiz Champion Donates Every Dollar To His Old School",
                "2 days ago",
                "Radio Host Breaks Down Reading A Listener\u2019s Letter",
                "Read more »",
            ],
            "teaser-rail",
            id="trailing-cards-without-heading",
        ),
        pytest.param(
            [],
            [
                "It was supposed to be a routine taping, but one question changed everything for…",
                "Read more",
                "The crew was stunned when the star pushed back the chair and walked toward…",
            ],
            "teaser-rail",
            id="trailing-excerpts-with-read-more",
        ),
    ],
)
def test_furniture_around_the_story_is_removed(before, after, kind):
    cleaned = _clean(*before, STORY_TEXT, *after)
    assert cleaned.text == STORY_TEXT
    assert kind in cleaned.removed


def test_inline_rail_and_read_also_inside_the_story_are_removed():
    lines = [
        *STORY[:3],
        "READ ALSO: Famous Chef Feeds An Entire Hospital Ward On Christmas Eve",
        *STORY[3:5],
        "You may also like",
        "Late Night Host Surprises His Childhood Barber With A Dream Vacation",
        "Famous Boxer Pays For A Stranger\u2019s Wedding After Hearing Her Story",
        *STORY[5:],
    ]
    cleaned = _clean(*lines)
    assert cleaned.text == STORY_TEXT
    assert cleaned.removed == ("teaser-rail",)


def test_title_chrome_is_dropped_title_kept():
    cleaned = _clean(
        "Home » Celebrity",
        "Friday, March 8, 2024",
        TITLE,
        "By Heart Desk -",
        "May 14, 2024",
        "0",
        STORY_TEXT,
        title=TITLE,
    )
    assert cleaned.text == f"{TITLE}\n{STORY_TEXT}"
    assert cleaned.removed == ()  # page chrome is removed, not reported


def test_footer_lines_are_dropped_unreported():
    cleaned = _clean(
        STORY_TEXT, "© 2024 Daily Heart News. All rights reserved.", "Powered by WordPress"
    )
    assert (cleaned.text, cleaned.removed) == (STORY_TEXT, ())


SECOND = [
    "Olympic Swimmer Tara Lind Dives Into A Frozen Lake To Save A Stranger\u2019s Dog",
    "The temperature had fallen to eleven below zero on the morning of her usual walk.",
    "She heard the barking before she saw anything on the ice.",
]


@pytest.mark.parametrize(
    ("between", "confirmed", "is_cut"),
    [
        pytest.param([], True, True, id="proven-by-markup"),
        pytest.param(["Leave a Reply"], False, True, id="after-comment-form"),
        pytest.param(["End of content"], False, True, id="after-end-of-content"),
        pytest.param(["Share on Facebook"], False, True, id="after-share-bar-long-headline"),
        pytest.param([], False, False, id="no-evidence-kept"),
    ],
)
def test_appended_second_story_is_cut(between, confirmed, is_cut):
    cleaned = _clean(
        TITLE, STORY_TEXT, *between, *SECOND, title=TITLE, cut_at=SECOND[0], cut_confirmed=confirmed
    )
    assert (SECOND[1] not in cleaned.text) is is_cut
    assert ("second-article" in cleaned.removed) is is_cut
    assert cleaned.text.startswith(f"{TITLE}\n{STORY_TEXT}")


def test_second_story_title_seen_earlier_as_teaser_cuts_at_last_occurrence():
    teaser = SECOND[0]
    cleaned = _clean(
        TITLE, *STORY[:4], f"READ ALSO: {teaser}", *STORY[4:], *SECOND, title=TITLE, cut_at=teaser
    )
    assert cleaned.text == f"{TITLE}\n{STORY_TEXT}"


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(STORY, id="one-line-paragraphs"),
        pytest.param(
            [*STORY, "Then she whispered the words nobody expected…"], id="cliffhanger-end"
        ),
        pytest.param([*STORY, "Rest In Peace, Old Friend"], id="title-case-last-line"),
        pytest.param(["No comments. No questions. Just silence.", *STORY], id="comments-in-prose"),
        pytest.param(
            [*STORY, "She wanted to share the moment with every fan."], id="share-in-prose"
        ),
        pytest.param([*STORY, "She baked cookies for the whole crew."], id="cookies-in-prose"),
        pytest.param([*STORY, "X", "Accept"], id="lone-network-and-button"),
        pytest.param(
            [*STORY[:4], "The Moment Everything Changed", *STORY[4:]], id="subhead-in-story"
        ),
        pytest.param([*STORY, "Related", "Only one teaser here…"], id="heading-with-one-excerpt"),
    ],
)
def test_story_lines_are_never_removed(lines):
    text = "\n".join(lines)
    cleaned = strip_farm_furniture(text, title=None)
    assert cleaned.text == text
    assert cleaned.removed == ()


def test_subhead_after_inline_rail_is_not_cut_without_evidence():
    subhead = "What Happened Next Left The Whole Studio Speechless Tonight"
    lines = [
        TITLE,
        *STORY[:4],
        "Related",
        "Singer Stops Concert For A Crying Fan In The Front Row",
        "Actor Pays For The Wedding Of His Childhood Best Friend",
        subhead,
        *STORY[4:],
    ]
    cleaned = _clean(*lines, title=TITLE, cut_at=subhead, cut_confirmed=False)
    assert STORY[-1] in cleaned.text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Eпd of coпteпt", LineKind.SCROLL_MARKER),
        ("No more pages to load", LineKind.SCROLL_MARKER),
        ("Your email address will not be published.", LineKind.COMMENT_FORM),
        ("Tags: kindness, music", LineKind.PAGE_CHROME),
        ("Then it happened.", None),
        ("Facebook", None),
    ],
)
def test_classify_single_lines(line, kind):
    assert classify(line) is kind


@pytest.mark.parametrize("dates", [pytest.param(5, id="few"), pytest.param(40, id="many")])
def test_card_leftovers_above_a_late_headline_are_dropped(dates):
    # A card rail above the story loses its teasers to the DOM stage and leaves its dates:
    # the headline then sits past the first third of the text, and is still found.
    title = "Rock Drummer Leaves Fans In Tears With One Sentence"
    story = [
        "The cameras were already rolling when he noticed something at the back of the hall.",
        "The room fell completely silent.",
        "He put the sticks down and walked off the stage towards the last row.",
    ]
    text = "\n".join(
        [*(f"{d % 28 + 1} May 2024" for d in range(dates)), "You may like", title, *story]
    )
    cleaned = strip_farm_furniture(text, title=title)
    assert cleaned.text.splitlines() == [title, *story]

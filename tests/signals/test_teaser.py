"""teaser.v1: calls to action and withheld outcomes are found, with the span a user points at."""

from __future__ import annotations

import dataclasses

import pytest

from hoaxlens.signals.builtin import TeaserSignal
from hoaxlens.signals.builtin.teaser import CUES
from hoaxlens.signals.lexicon import find_cues

POINT_DOWN = "\U0001f447"
AP_COPY = (
    "MEMPHIS, Tenn. (AP) \u2014 A country singer paid tribute on Friday to the guitarist who "
    "toured with her for 30 years, a spokesperson for the singer said in a statement. The "
    "guitarist died Tuesday at a hospital in Memphis, police said. He was 71. The singer told "
    "The Associated Press that the band would play the remaining dates of the tour in his honor."
)


def _quoted(doc, result):
    return [doc.text[e.span.start : e.span.end] for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "quoted", "reason"),
    [
        pytest.param(
            f"An actor stopped his car on the highway for a stranger. See more below {POINT_DOWN}",
            [f"See more below {POINT_DOWN}"],
            "call to action sending readers to a hidden continuation",
            id="see-more-below-emoji",
        ),
        pytest.param(
            "The nurse could not believe who walked in. Full story in the comments.",
            ["Full story in the comments"],
            "call to action sending readers to a hidden continuation",
            id="full-story-in-comments",
        ),
        pytest.param(
            "Her last words to the host were heartbreaking. Story in the first comment",
            ["Story in the first comment"],
            "call to action sending readers to a hidden continuation",
            id="story-in-first-comment",
        ),
        pytest.param(
            "Nobody at the diner knew who he was. Link in bio!",
            ["Link in bio"],
            "call to action sending readers to a hidden continuation",
            id="link-in-bio",
        ),
        pytest.param(
            "The judge stood up and walked onto the stage. Watch till the end",
            ["Watch till the end"],
            "call to action sending readers to a hidden continuation",
            id="watch-till-the-end",
        ),
        pytest.param(
            "She sang one song for her father (continued in comments)",
            ["(continued in comments)"],
            "call to action sending readers to a hidden continuation",
            id="continued-in-comments",
        ),
        pytest.param(
            "A boy held up a sign at the concert. You won't believe what happened next",
            ["You won't believe", "what happened next"],
            "hook that withholds the outcome",
            id="you-wont-believe-what-happened-next",
        ),
        pytest.param(
            "The singer cancelled every show this month. The reason will shock you",
            ["The reason will shock"],
            "hook that withholds the outcome",
            id="the-reason-will-shock-you",
        ),
        pytest.param(
            "With tears in her eyes, the star's wife wrote: \u201cOur child has\u2026\u201d",
            ["Our child has\u2026\u201d"],
            "sentence cut off where the story should start",
            id="truncated-quote",
        ),
        pytest.param(
            "The famous host walked into the small bakery and said...",
            ["The famous host walked into the small bakery and said..."],
            "sentence cut off where the story should start",
            id="truncated-sentence-at-the-end",
        ),
    ],
)
def test_teaser_finds_the_cue_with_its_span(make_document, text, quoted, reason):
    doc = make_document(text)
    result = TeaserSignal().score(doc)
    assert result.signal == "teaser.v1"
    assert result.score > 0.6
    assert sorted(_quoted(doc, result)) == sorted(quoted)
    assert all(e.reason.startswith(f"{reason}: ") for e in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(AP_COPY, id="wire-copy"),
        pytest.param(
            "The mayor read more than 40 letters from residents before the council voted on "
            "Tuesday. The full story of the vote is told in the minutes published by the city.",
            id="read-more-and-full-story-in-prose",
        ),
        pytest.param(
            "He paused... then continued his speech to the graduates, who cheered him on.",
            id="ellipsis-inside-a-sentence",
        ),
        pytest.param("", id="empty"),
    ],
)
def test_teaser_leaves_news_copy_at_zero(make_document, text):
    result = TeaserSignal().score(make_document(text))
    assert result.score == 0.0
    assert result.evidence == ()


@pytest.mark.parametrize(
    ("words", "cta"),
    [
        pytest.param(20, f"See more below {POINT_DOWN}", id="short-post"),
        pytest.param(400, f"See more below {POINT_DOWN}", id="long-post"),
    ],
)
def test_teaser_score_does_not_depend_on_length(make_document, words, cta):
    text = " ".join(["story"] * words) + ". " + cta
    assert TeaserSignal().score(make_document(text)).score == pytest.approx(0.8647, abs=1e-4)


def test_teaser_score_saturates_with_more_cues(make_document):
    one = TeaserSignal().score(make_document("What happened next")).score
    two = TeaserSignal().score(make_document("What happened next? Link in bio")).score
    assert 0.0 < one < two < 1.0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"SEE MORE {POINT_DOWN}{POINT_DOWN} what she did next... full video in the comments "
            "\u0130stanbul link in bio; type AMEN, wait till you see",
            id="mixed",
        ),
        pytest.param(
            f"x{POINT_DOWN} {POINT_DOWN}\u2b07\ufe0f seemore tap to read\u2026", id="edge"
        ),
    ],
)
def test_teaser_gates_never_hide_a_match(text):
    ungated = tuple(dataclasses.replace(c, gates=()) for c in CUES)
    assert find_cues(text, CUES) == [
        dataclasses.replace(h, cue=CUES[ungated.index(h.cue)]) for h in find_cues(text, ungated)
    ]

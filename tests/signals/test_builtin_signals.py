"""Built-in signals: score direction, hand-computed values, and evidence that points at the phrase.

Lookalike characters are written as escapes (\\u043f Cyrillic pe, \\u03c5 Greek upsilon).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoaxlens.signals import MAX_EVIDENCE, build_signals
from hoaxlens.signals.builtin import (
    EmotionalLanguageSignal,
    HomoglyphSignal,
    StoryGrammarSignal,
    UnverifiableAttributionSignal,
)

PE, UPSILON = "\u043f", "\u03c5"
FILLER = " ".join(["word"] * 98)  # with two more words: exactly 100 words, no newline
BUILTIN_IDS = [
    "homoglyphs.v1",
    "story_grammar.v1",
    "unverifiable_attribution.v1",
    "emotional_language.v1",
]


def _quoted(doc, result):
    """The text each evidence span covers."""
    return [doc.text[e.span.start : e.span.end] for e in result.evidence]


def _check_evidence(doc, result):
    assert 0.0 <= result.score <= 1.0
    for ev in result.evidence:
        assert 0 <= ev.span.start <= ev.span.end <= len(doc.text)
        assert ev.reason
        assert "\n" not in ev.reason


# --- homoglyphs.v1 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "params", "score", "words"),
    [
        pytest.param("One Step for You", {}, 0.0, [], id="clean-ascii-zero"),
        pytest.param(
            "\u0414\u043e\u0441\u0442\u043e\u0435\u0432\u0441\u043a\u0438\u0439 wrote novels",
            {},
            0.0,
            [],
            id="genuine-russian-word-zero",
        ),
        pytest.param(
            f"O{PE}e Step for Yo{UPSILON}", {}, 1.0, ["One", "You"], id="two-of-four-saturates"
        ),
        pytest.param(
            f"O{PE}e Step for Yo{UPSILON}",
            {"saturation": 1.0},
            0.5,
            ["One", "You"],
            id="saturation-one-gives-plain-share",
        ),
        pytest.param(f"{FILLER} O{PE}e more", {}, 0.2, ["One"], id="one-word-in-100-is-0.2"),
        pytest.param(
            f"{PE}o{PE} {UPSILON}{PE}i{PE}e{UPSILON}",
            {},
            1.0,
            ["non", "unineu"],
            id="fully-obfuscated",
        ),
        pytest.param("Hel\u200blo world", {}, 1.0, ["Hello"], id="zero-width-space"),
    ],
)
def test_homoglyph_signal_scores_share_of_obfuscated_words(
    make_document, text, params, score, words
):
    doc = make_document(text)
    result = HomoglyphSignal(**params).score(doc)
    assert result.signal == "homoglyphs.v1"
    assert result.score == pytest.approx(score)
    assert _quoted(doc, result) == words
    _check_evidence(doc, result)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(f"O{PE}e", "CYRILLIC SMALL LETTER PE for 'n'", id="cyrillic-pe"),
        pytest.param(f"Yo{UPSILON}", "GREEK SMALL LETTER UPSILON for 'u'", id="greek-upsilon"),
        pytest.param("Hel\u200blo", "invisible U+200B removed", id="zero-width"),
    ],
)
def test_homoglyph_signal_reason_names_the_character(make_document, text, reason):
    (evidence,) = HomoglyphSignal().score(make_document(text)).evidence
    assert reason in evidence.reason
    assert "was obfuscated" in evidence.reason


@pytest.mark.parametrize("words", [pytest.param(60, id="sixty-obfuscated-words")])
def test_homoglyph_signal_evidence_is_bounded(make_document, words):
    result = HomoglyphSignal().score(make_document(" ".join([f"O{PE}e"] * words)))
    assert result.score == 1.0
    assert len(result.evidence) == MAX_EVIDENCE


# --- story_grammar.v1 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted", "reason"),
    [
        pytest.param(
            "The show began as usual.\nThen it happened.\n"
            "Everyone went home after the show ended late that night.",
            ["Then it happened", "Then it happened."],
            ["cliffhanger beat", "one-line dramatic paragraph"],
            id="then-it-happened-line",
        ),
        pytest.param(
            "She walked in and the crowd fell silent while the band played on and on and on.",
            ["the crowd fell silent"],
            ["stock reaction"],
            id="crowd-fell-silent",
        ),
        pytest.param(
            "He quietly paid the whole bill and left before anyone could thank him for it.",
            ["quietly paid"],
            ["secret-kindness template"],
            id="quietly-paid",
        ),
        pytest.param(
            "The clip went viral overnight and fans could not stop talking about it at all.",
            ["went viral"],
            ["unsourced virality claim"],
            id="went-viral",
        ),
    ],
)
def test_story_grammar_signal_evidence_points_at_the_beat(make_document, text, quoted, reason):
    doc = make_document(text)
    result = StoryGrammarSignal().score(doc)
    assert result.score > 0.5
    assert _quoted(doc, result) == quoted
    assert [e.reason.split(":")[0] for e in result.evidence] == reason
    _check_evidence(doc, result)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        pytest.param(f"{FILLER} went viral", 1 / 1.8, id="one-beat-per-100-words"),
        pytest.param(
            "The council met and approved the budget for the library.", 0.0, id="no-beats-zero"
        ),
        pytest.param(
            "Then it happened.\nThe council met to approve the budget for the library.",
            (100 / 13) / (100 / 13 + 0.8),
            id="headline-is-not-a-dramatic-line",
        ),
    ],
)
def test_story_grammar_signal_density_by_hand(make_document, text, score):
    assert StoryGrammarSignal().score(make_document(text)).score == pytest.approx(score)


@pytest.mark.parametrize(
    ("genre", "neutral"),
    [pytest.param("fabricated", "genuine", id="fixture-stories")],
)
def test_story_grammar_signal_higher_on_genre_text(
    make_document, fabricated_text, genuine_text, genre, neutral
):
    texts = {"fabricated": fabricated_text, "genuine": genuine_text}
    high = StoryGrammarSignal().score(make_document(texts[genre]))
    low = StoryGrammarSignal().score(make_document(texts[neutral]))
    assert high.score > 0.7 > 0.1 > low.score
    assert not low.evidence


# --- unverifiable_attribution.v1 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score", "quoted"),
    [
        pytest.param(
            "An insider said she cried all night.",
            2 / 3,
            ["An insider said"],
            id="one-unnamed-quote",
        ),
        pytest.param(
            "The mayor said in a statement on Tuesday that work starts.",
            1 / 4,
            [],
            id="statement-and-weekday-anchors",
        ),
        pytest.param("The band played well.", 1 / 2, [], id="neither-is-one-half"),
        pytest.param(
            "Witnesses recalled the moment. Reportedly she wept. It was said that nobody knew.",
            5 / 6,
            ["Witnesses recalled", "Reportedly", "It was said that", "nobody knew"],
            id="four-unnamed-claims",
        ),
    ],
)
def test_unverifiable_attribution_signal_by_hand(make_document, text, score, quoted):
    doc = make_document(text)
    result = UnverifiableAttributionSignal().score(doc)
    assert result.score == pytest.approx(score)
    assert _quoted(doc, result) == quoted
    _check_evidence(doc, result)


@pytest.mark.parametrize(
    ("unsourced", "sourced"),
    [
        pytest.param(
            "An insider said the singer broke down backstage. A source close to the family "
            "revealed that she had never told anyone.",
            "The singer said in a statement on March 3, 2024 that she would rest. Her "
            "spokesperson confirmed the news to Reuters on Monday.",
            id="insider-vs-statement-and-dates",
        ),
    ],
)
def test_unverifiable_attribution_signal_lower_for_sourced_text(make_document, unsourced, sourced):
    signal = UnverifiableAttributionSignal()
    high = signal.score(make_document(unsourced))
    low = signal.score(make_document(sourced))
    assert high.score > 0.5 > low.score
    assert high.evidence
    assert not low.evidence


@pytest.mark.parametrize(
    ("text", "end"),
    [
        pytest.param(
            "First line of the post.\n" + FILLER, len("First line of the post."), id="opening-line"
        ),
        pytest.param(FILLER + " end", 120, id="no-newline-first-120-chars"),
    ],
)
def test_unverifiable_attribution_signal_flags_story_without_anchor(make_document, text, end):
    result = UnverifiableAttributionSignal().score(make_document(text))
    (evidence,) = result.evidence
    assert (evidence.span.start, evidence.span.end) == (0, end)
    assert "no named outlet" in evidence.reason


@pytest.mark.parametrize(
    ("anchor_weight", "score"),
    [pytest.param(1.0, 1 / 3, id="weight-one"), pytest.param(3.0, 1 / 5, id="weight-three")],
)
def test_unverifiable_attribution_signal_anchor_weight(make_document, anchor_weight, score):
    doc = make_document("It happened on Tuesday.")
    result = UnverifiableAttributionSignal(anchor_weight=anchor_weight).score(doc)
    assert result.score == pytest.approx(score)


# --- emotional_language.v1 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score", "quoted"),
    [
        pytest.param(
            "Tears, heartbreaking, speechless, wow",
            75 / 77,
            ["Tears", "heartbreaking", "speechless"],
            id="three-in-four-words",
        ),
        pytest.param(
            f"{FILLER} tears sobbing", 0.5, ["tears", "sobbing"], id="two-per-100-words-is-half"
        ),
        pytest.param("The council approved the budget.", 0.0, [], id="neutral-zero"),
    ],
)
def test_emotional_language_signal_by_hand(make_document, text, score, quoted):
    doc = make_document(text)
    result = EmotionalLanguageSignal().score(doc)
    assert result.score == pytest.approx(score)
    assert _quoted(doc, result) == quoted
    assert all(e.reason.startswith("emotive word") for e in result.evidence)


@pytest.mark.parametrize(
    ("emotional", "plain"),
    [
        pytest.param(
            "Tears filled her eyes. It was heartbreaking, and the whole room was speechless.",
            "She read the report. It was long, and the whole room listened to the end.",
            id="tears-heartbreaking-speechless",
        ),
    ],
)
def test_emotional_language_signal_higher_on_emotive_text(make_document, emotional, plain):
    signal = EmotionalLanguageSignal()
    assert (
        signal.score(make_document(emotional)).score
        > 0.5
        > signal.score(make_document(plain)).score
    )


@pytest.mark.parametrize("words", [pytest.param(40, id="forty-emotive-words")])
def test_emotional_language_signal_evidence_is_bounded(make_document, words):
    result = EmotionalLanguageSignal().score(make_document(" ".join(["tears"] * words)))
    assert len(result.evidence) == MAX_EVIDENCE


# --- every signal ------------------------------------------------------------------------

TEXT_PIECES = st.lists(
    st.sampled_from(
        [
            "Then it happened.",
            "an insider said",
            "tears",
            "speechless",
            "on Tuesday",
            f"O{PE}e",
            f"Yo{UPSILON}",
            "\u200b",
            "\n",
            " ",
            "word",
            "2024",
            "went viral",
            "\u0414\u043e\u043c",
            "\u03b1\u03b2\u03b3",
            "!",
            "\u2026",
            "\U0001d41a",
        ]
    )
    | st.text(max_size=12),
    max_size=40,
).map("".join)


@pytest.mark.parametrize("signal_id", [pytest.param(i, id=i) for i in BUILTIN_IDS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT_PIECES)
def test_signals_score_in_unit_interval_with_valid_spans(make_document, signal_id, text):
    (signal,) = build_signals([signal_id])
    doc = make_document(text)
    result = signal.score(doc)
    assert result.signal == signal_id
    _check_evidence(doc, result)
    assert len(result.evidence) <= MAX_EVIDENCE


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        pytest.param(
            f"O{PE}e Step for Yo{UPSILON} a{PE}d o{PE}ly yo{UPSILON}",
            f"5 letters in 5 words were lookalikes: 3 {PE} \u2192 n, 2 {UPSILON} \u2192 u",
            id="counts-by-pair",
        ),
        pytest.param(f"O{PE}e", f"1 letter in 1 word was a lookalike: 1 {PE} \u2192 n", id="one"),
        pytest.param(
            "Hel\u200blo wor\u200bld", "2 invisible or spacer characters removed", id="invisible"
        ),
    ],
)
def test_homoglyph_first_evidence_sums_up_the_page(make_document, text, summary):
    doc = make_document(text)
    result = HomoglyphSignal().score(doc)
    first = result.evidence[0]
    assert first.reason.startswith(f"{summary} (first: ")
    assert "was obfuscated" in first.reason
    assert all("lookalike" not in e.reason for e in result.evidence[1:])


def test_homoglyph_summary_keeps_every_span_and_the_score(make_document):
    doc = make_document(" ".join([f"O{PE}e"] * 60))
    result = HomoglyphSignal().score(doc)
    assert result.score == 1.0
    assert len(result.evidence) == MAX_EVIDENCE
    assert result.evidence[0].reason.startswith("60 letters in 60 words were lookalikes")

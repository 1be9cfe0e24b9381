"""The n-gram words come from ``str`` methods in C and are exactly the regex's words."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random
import re

import pytest

from hoaxlens.signals.linear import LinearTextModel
from hoaxlens.signals.ngrams import NGRAM_CHARS, ngram_features, ngram_tokens, view_tokens
from hoaxlens.types import TextView

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")  # the tokenizer's definition of a word


def _regex_words(text: str) -> tuple[str, ...]:
    folded = text.lower().replace("\u2019", "'")
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) > 1 else c.lower() for c in text)
        folded = folded.replace("\u2019", "'")
    return tuple(WORD.findall(folded))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("Her face\u2019s TEARS", ("her", "face's", "tears"), id="curly-apostrophe"),
        pytest.param("'Fake news,' he said", ("fake", "news", "he", "said"), id="single-quotes"),
        pytest.param("the dogs' bowls", ("the", "dogs", "bowls"), id="plural-possessive"),
        pytest.param("rock'n'roll", ("rock'n", "roll"), id="two-apostrophes"),
        pytest.param("a''b '' c'", ("a", "b", "c"), id="doubled-apostrophes"),
        pytest.param("snake_case x_1", ("snake", "case", "x", "1"), id="underscore"),
        pytest.param("Café \u201cnaïve\u201d \u2014 x²", ("café", "naïve", "x²"), id="latin-1"),
        pytest.param(
            "İstanbul \u20ac5 \u0131s", ("İstanbul", "5", "\u0131s"), id="outside-latin-1"
        ),
        pytest.param("\u2018a\u2019 \u2026b\u2013c", ("a", "b", "c"), id="punctuation"),
        pytest.param(
            "\u0110okovi\u0107\u2019s \u017e-\u0107 CO\u2082 \u03a9mega",
            ("\u0111okovi\u0107's", "\u017e", "\u0107", "co\u2082", "\u03c9mega"),
            id="letters-outside-latin-1",
        ),
        pytest.param(
            "".join(chr(0x0400 + i) + " " for i in range(40)),
            tuple(chr(0x0400 + i).lower() for i in range(40)),
            id="more-letters-than-stand-ins",
        ),
        pytest.param("a\u2022b\u2192c \u2764\ufe0f", ("a", "b", "c"), id="other-marks"),
        pytest.param(
            "".join(f"w{chr(0x2190 + i)}" for i in range(12)), ("w",) * 12, id="many-marks"
        ),
        pytest.param("", (), id="empty"),
    ],
)
def test_ngram_words_are_the_regex_words(text, words):
    assert ngram_tokens(text).words == words == _regex_words(text)


def test_ngram_words_equal_the_regex_words_on_random_texts():
    rng = random.Random(18)
    alphabet = [*"ab Z9_'\u2019\u2018\u201c\u201d\u2014.\n\xa0é²İ\u0131\u017f€😀•→\ufe0f", "'"]
    alphabet += ["\u017e", "\u0107", "\u03a9", "\u2082", "\u00c0", "\u00de"]  # (stand-ins too)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert ngram_tokens(text).words == _regex_words(text), text


def test_a_views_tokens_are_those_of_its_text_random():
    rng = random.Random(1822)
    alphabet = [*"ab Z9_'\u2019\u03a3\u03c3.\n\xa0éİ\u0131\u017f😀", "ΣΑΣ", "\u0130x"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert view_tokens(TextView(text)) == ngram_tokens(text), text
    # past NGRAM_CHARS only the first characters count (a final sigma at the cut, too)
    for tail in ("ΣΑ", "Σ a", "İx", "a\u2019b"):
        text = "x" * (NGRAM_CHARS - 1) + tail
        assert view_tokens(TextView(text)) == ngram_tokens(text)


def test_logit_adds_the_weights_of_present_ngrams_in_order_of_first_occurrence():
    rng = random.Random(7)
    words = ["then", "it", "happened", "tears", "stage", "crowd", "a", "b"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    grams = sorted({g for t in texts for g in ngram_features(t).grams})
    weights = {g: rng.uniform(-3, 3) for g in grams[::2]}
    weights[grams[1]] = -0.0
    model = LinearTextModel(weights, 0.25, 2)
    for text in texts:
        feats = model.features(text)
        total = 0.0
        for g in feats.grams:  # the plain loop: only the n-grams with a weight
            if g in weights:
                total += weights[g]
        assert model.logit(feats).hex() == (0.25 + feats.scale * total).hex()

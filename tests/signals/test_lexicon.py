"""The phrase finder's fast path (lower-cased text) finds exactly what the plain regexes find."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.signals.builtin.story_grammar import GENRE_BEATS
from hoaxlens.signals.builtin.unverifiable_attribution import ANCHORS, UNNAMED
from hoaxlens.signals.lexicon import count_phrases, find_phrases

LEXICONS = [GENRE_BEATS, UNNAMED, ANCHORS]


def _reference(text, lexicon):
    spans = [(m.start(), m.end(), p.reason) for p in lexicon for m in p.pattern.finditer(text)]
    return sorted(spans, key=lambda s: (s[0], s[1]))


def _found(text, lexicon):
    return [(e.span.start, e.span.end, e.reason.split(":")[0]) for e in find_phrases(text, lexicon)]


@pytest.mark.parametrize("lexicon", LEXICONS)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("THEN IT HAPPENED. The Crowd Fell Silent.", id="upper-case"),
        pytest.param("xthen it happened; then it happenedx", id="word-boundaries"),
        pytest.param("İstanbul: then it happened, told the (AP) on Monday", id="length-changing"),
        pytest.param("Reuters (AP) reported it went viral 35 minutes ago", id="non-word-start"),
        pytest.param("", id="empty"),
    ],
)
def test_fast_path_matches_the_case_insensitive_regexes(text, lexicon):
    assert _found(text, lexicon) == [(s, e, r) for s, e, r in _reference(text, lexicon)]
    assert count_phrases(text, lexicon) == len(_reference(text, lexicon))


WORDS = [
    "then",
    "it",
    "happened",
    "crowd",
    "fell",
    "silent",
    "(ap)",
    "told",
    "reuters",
    "monday",
    "went",
    "viral",
    "sources",
    "said",
    "İ",
    "_",
    "x",
    "35",
    "minutes",
    "ago",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=20), st.sampled_from([" ", "", ". ", "\n"]))
def test_fast_path_agrees_on_generated_text(words, joiner):
    text = joiner.join(w.upper() if len(w) % 2 else w for w in words)
    for lexicon in LEXICONS:
        assert _found(text, lexicon) == [(s, e, r) for s, e, r in _reference(text, lexicon)]
        assert count_phrases(text, lexicon) == len(_reference(text, lexicon))

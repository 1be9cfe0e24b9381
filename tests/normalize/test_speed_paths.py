"""The normalizer's cheap stroke test says what ``bar_pattern`` says, and results do not change.

``normalizer._holds_bar`` looks for the BMP strokes with a bitmap class and asks the full
``bar_pattern`` only when the text holds an astral character (mathematical and enclosed ``I``
and ``l``). These tests hold it to the full pattern on text mixing BMP and astral strokes,
other astral characters and plain text, and check that texts whose only strokes are astral
normalize the same on the whole-line path as word by word, and undo exactly.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.normalize.normalizer import _holds_bar
from hoaxlens.normalize.patterns import STROKE_LETTERS, bar_pattern

from .test_fast_path import assert_same

BMP_STROKES = sorted(ch for ch in STROKE_LETTERS if ord(ch) < 0x10000)
ASTRAL_STROKES = sorted(ch for ch in STROKE_LETTERS if ord(ch) >= 0x10000)
# Astral characters that are no strokes: other mathematical letters, an emoji, Linear B.
ASTRAL_OTHERS = ["\U0001d400", "\U0001d41a", "\U0001f600", "\U00010000", "\U0001f130"]
PLAIN = ["the ", "Oпe ", "Yoυ ", "word", " ", "\n", ".", "é", "中"]

pieces = st.one_of(
    st.sampled_from(BMP_STROKES),
    st.sampled_from(ASTRAL_STROKES),
    st.sampled_from(ASTRAL_OTHERS),
    st.sampled_from(PLAIN),
)
texts = st.lists(pieces, max_size=40).map("".join)


def test_every_stroke_is_found_alone_and_in_text() -> None:
    for ch in STROKE_LETTERS:
        assert _holds_bar(ch)
        assert _holds_bar(f"plain {ch} text")
    assert not _holds_bar("plain text with \U0001d400 and \U0001f600 but no stroke")


@settings(max_examples=300, deadline=None)
@given(text=texts, cut=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_holds_bar_agrees_with_bar_pattern(text: str, cut: tuple[int, int]) -> None:
    start, end = sorted(cut)
    end = min(end, len(text))
    expected = bar_pattern().search(text, start, end) is not None
    assert _holds_bar(text, start, end) is expected
    assert _holds_bar(text) is (bar_pattern().search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_astral_strokes_normalize_the_same_on_both_paths(text: str) -> None:
    assert_same(text)

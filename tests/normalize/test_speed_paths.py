"""The normalizer's cheap stroke test says what ``bar_pattern`` says, and results do not change.

``normalizer._holds_bar`` looks for the BMP strokes with a bitmap class and asks the full
``bar_pattern`` only when the text holds an astral character (mathematical and enclosed ``I``
and ``l``). These tests hold it to the full pattern on text mixing BMP and astral strokes,
other astral characters and plain text, and check that texts whose only strokes are astral
normalize the same on the whole-line path as word by word, and undo exactly.

``_fold_block`` copies a block of plain lines without a suspect character as it is, without
``str.translate``: that is only right while every character the block tables change, and
every stroke, is a suspect character, which the first test checks for the whole table.
``_has_astral`` (UTF-16 length) is held to a ``re`` class for the astral range.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.normalize.normalizer import _has_astral, _holds_bar
from hoaxlens.normalize.patterns import (
    STROKE_LETTERS,
    bar_pattern,
    fold_list,
    fold_table,
    suspect_pattern,
)

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


def test_every_character_a_block_changes_is_suspect() -> None:
    suspect = suspect_pattern()
    changed = [chr(cp) for cp, target in fold_table().items() if target != chr(cp)]
    changed += [chr(cp) for cp, target in enumerate(fold_list()) if target not in (cp, chr(cp))]
    assert len(changed) > 1000
    assert [ch for ch in changed if suspect.search(ch) is None] == []
    assert [ch for ch in STROKE_LETTERS if suspect.search(ch) is None] == []


ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30))
def test_has_astral_agrees_with_the_astral_class(text: str) -> None:
    assert _has_astral(text) is (ASTRAL.search(text) is not None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain blocks around a line that needs a closer look: the blocks are copied as they are
        (
            "The show opened on Friday.\nBeyoncé and Jay-Z came late.\nIt ran for hours.\n",
            "The show opened on Friday.\nBeyoncé and Jay-Z came late.\nIt ran for hours.\n",
        ),
        (
            "Fans cheered.\nThe tödáy show, yèllow and fіnе.\nNothing else.\n",
            "Fans cheered.\nThe today show, yellow and fine.\nNothing else.\n",
        ),
        (
            "Plain line.\nA café.\nOпe Step for Yoυ.\nLast — “quoted” line.",
            "Plain line.\nA café.\nOne Step for You.\nLast — “quoted” line.",
        ),
        (
            "A line with an emoji \U0001f600 and é.\nNext line.\n\U0001d400 alone.",
            "A line with an emoji \U0001f600 and é.\nNext line.\n\U0001d400 alone.",
        ),
    ],
)
def test_plain_blocks_beside_other_lines_normalize_the_same(text: str, expected: str) -> None:
    assert assert_same(text).text == expected

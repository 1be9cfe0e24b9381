"""The whole-line fast path gives exactly what the word-by-word path gives.

``normalize_text`` folds a plain Latin line with ``str.translate`` when the text's evidence
says every lookalike on it folds, and builds the replacement records only when they are read.
These tests hold the fast path to the word-by-word rules (``whole_lines=False``) on the case
files and on generated text, and check that the lazily built result behaves like a plain
``NormalizedText``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.normalize import normalize_text, undo
from hoaxlens.normalize.confusables import INVISIBLE, confusables_table
from hoaxlens.normalize.result import UnchangedText
from hoaxlens.types import NormalizedText

CASES_DIR = Path(__file__).resolve().parents[1] / "cases" / "normalize"
CASE_TEXTS = [
    pytest.param(case["input"], id=f"{name}/{case['label']}")
    for name in ("obfuscated", "negative", "known_failures")
    for case in json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
]
TABLE = confusables_table()
LOOKALIKES = sorted(ch for ch, fold in TABLE.items() if fold.kind == "lookalike")
COMPAT = sorted(ch for ch, fold in TABLE.items() if fold.kind == "compat")
STROKES = ["\u04c0", "\u04cf"]
# Zalgo and overlay marks, ordinary accents, and characters that send a line down the
# word-by-word path (Cyrillic д, CJK, an emoji with ZWJ, dotless ı, IPA ə and ɪ, slashes).
MARKS = ["\u0301", "\u0302", "\u0303", "\u0308", "\u0336", "\u0338", "\u20e3"]
OTHERS = ["д", "Ж", "λ", "中", "👩\u200d💻", "ı", "ə", "ɪ", "/", "[", "]", "'", "’", "1"]
WORDS = ["the", "his", "last", "million", "Diddy", "in", "I", "we", "ll", "Oпe", "Yoυ"]

pieces = st.one_of(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")),
    st.sampled_from(WORDS),
    st.sampled_from(LOOKALIKES),
    st.sampled_from(COMPAT),
    st.sampled_from(STROKES),
    st.sampled_from(sorted(INVISIBLE)),
    st.sampled_from(MARKS),
    st.sampled_from(OTHERS),
    st.sampled_from(list(" .,-\n")),
)
obfuscated_lines = st.lists(pieces, max_size=80).map("".join)


def assert_same(text: str) -> NormalizedText:
    fast = normalize_text(text)
    slow = normalize_text(text, whole_lines=False)
    assert fast.text == slow.text
    assert fast.replacements == slow.replacements
    assert undo(fast.text, fast.replacements) == text
    return fast


@pytest.mark.parametrize("text", CASE_TEXTS)
def test_fast_path_matches_word_by_word_on_cases(text: str) -> None:
    assert_same(text)


@settings(max_examples=300, deadline=None)
@given(text=obfuscated_lines)
def test_fast_path_matches_word_by_word_on_generated_text(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tһе ѕтогу іѕ fаkе.\nАпԁ ѕо іѕ тһіѕ опе.", id="two-plain-lines"),
        pytest.param("Ѕһе ѕаіԁ һӏѕ Ӏаѕт wогԁѕ.\nΑ second lіnе.", id="strokes-on-a-plain-line"),
        pytest.param("T\u0336h\u0336e\u0336 e\u0301\u0302\u0303n\u0301\u0302\u0303d", id="marks"),
        pytest.param("Brea\u200bking ne\u200bws 𝐭𝐨𝐝𝐚𝐲", id="invisible-and-math"),
    ],
)
def test_fast_path_records_changes_in_output_order(text: str) -> None:
    result = assert_same(text)
    starts = [(r.span.start, r.span.end) for r in result.replacements]
    assert starts == sorted(starts)
    assert result.replacements


def test_lazy_result_behaves_like_a_plain_normalized_text() -> None:
    result = normalize_text("Oпe Step for Yoυ")
    plain = NormalizedText(result.text, result.original, result.replacements)
    assert isinstance(result, NormalizedText)
    assert result == plain
    assert plain == result
    assert hash(result) == hash(plain)
    assert repr(result) == repr(plain)
    assert result.replacements is result.replacements  # built once, then cached
    restored: Any = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert type(restored) is NormalizedText
    assert restored == plain
    assert copy.deepcopy(result) == plain
    edited = dataclasses.replace(result, text=result.text.upper())
    assert edited.text == "ONE STEP FOR YOU"
    assert edited.replacements == plain.replacements


ascii_pieces = st.one_of(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")),
    st.sampled_from(list(" .-_,\n'")),
    st.sampled_from(["U.S.A.", "e.g.", "T.r.u.m.p", "D e r e k", "t-r-u-m-p", "a_b_c_d", "I"]),
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(ascii_pieces, max_size=60).map("".join))
def test_ascii_fast_path_misses_no_spelled_name(text: str) -> None:
    """``may_hold_names`` is a necessary condition: the ASCII fast path skips no name."""
    from hoaxlens.normalize.patterns import may_hold_names, split_names

    if split_names(text):
        assert may_hold_names(text)
    result = normalize_text(text)
    assert result.replacements or (type(result) is UnchangedText and result.text == text)
    assert undo(result.text, result.replacements) == text


def test_ascii_fast_path_result_reads_as_plain() -> None:
    """A clean text's result is an ``UnchangedText``: the same as ``NormalizedText(t, t, ())``."""
    text = "Plain ASCII news, U.S.A. and e.g. initials."
    result = normalize_text(text)
    plain = NormalizedText(text, text, ())
    assert type(result) is UnchangedText
    assert isinstance(result, NormalizedText)
    assert (result.text, result.original, result.replacements) == (text, text, ())
    assert result == plain
    assert plain == result
    assert result != NormalizedText(text, "other", ())
    assert NormalizedText(text, "other", ()) != result
    assert hash(result) == hash(plain)
    assert repr(result) == repr(plain)
    assert dataclasses.astuple(result) == (text, text, ())
    restored: Any = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert type(restored) is NormalizedText
    assert restored == plain
    assert copy.deepcopy(result) == plain
    edited = dataclasses.replace(result, text="new")
    assert type(edited) is NormalizedText
    assert edited == NormalizedText("new", text, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]
    assert normalize_text("said T.r.u.m.p today").text == "said Trump today"

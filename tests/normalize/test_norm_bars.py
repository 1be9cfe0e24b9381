"""Norm and parallel bars (‖, ∥) are notation in pairs around an expression, disguise in words.

The table folds ``‖`` (and ``∥``) to ``ll``, which restores ``he‖o`` and ``wi‖``, but maths
writes a vector's norm between them: ``the norm ‖x‖ of a vector`` became ``llxll`` (issue 17:
genuine text is never damaged).
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text
from hoaxlens.normalize.context import evidence, notation_bars
from hoaxlens.normalize.replay import undo


@pytest.mark.parametrize(
    "text",
    [
        "the norm ‖x‖ of a vector",
        "‖x‖",
        "‖a‖",  # "a" and "ll" read "all", but between bars it is a vector
        "‖x‖ ≤ ‖y‖ for all x",
        "the norm ‖Ax‖ is small",
        "so ‖Ax − b‖ is small",  # a pair across words
        "‖x - a‖ < ε",
        "‖v‖₂ and ‖x‖² and ‖A‖_F",
        "‖x_n‖ tends to 0",
        "f(‖x‖) = ‖∇f‖",
        "∥x∥ with the parallel sign",
        "a ‖ b and ℓ₁ ∥ ℓ₂",  # bars alone
        "[ˈsʌn‖] and ‖x‖",  # a prosodic break, and a norm
        # the reviewer's notation lines (review of cf8fed3)
        "minimize ‖Ax − b‖₂ over x",
        "we bound ‖v‖² by the sum of squares",
        "the sup norm ‖f‖_∞ is finite",
        "‖x‖‖y‖ bounds it",  # two pairs side by side
        "‖Mv‖ ≤ ‖M‖‖v‖",
        "‖x − a‖ and ‖a, x‖",  # a single letter beside a bar in maths is no "all"
        "‖a‖ ‖b‖ cos θ",
    ],
)
def test_norm_notation_is_left_alone(text: str) -> None:
    assert normalize_text(text).text == text
    assert normalize_text(text, whole_lines=False).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he‖o", "hello"),
        ("wi‖", "will"),
        ("I wi‖ be there ti‖ noon", "I will be there till noon"),
        # a bar opening a word and one closing another make English words: disguise
        ("‖ama and wi‖", "llama and will"),
        ("‖ove you wi‖", "llove you will"),
        ("he‖o, the norm ‖x‖ of v wi‖ do", "hello, the norm ‖x‖ of v will do"),
        ("the norm\n‖x and wi‖", "the norm\nllx and will"),  # no pair across lines
        # Review of cf8fed3: no pair opens after an apostrophe, and a bar beside two or more
        # letters that read "ll" in a word is none, whatever else the bars hold
        ("I'‖. Te‖ me", "I'll. Tell me"),
        ("you'‖. We‖, this is big", "you'll. Well, this is big"),
        ("she'‖! A‖ right", "she'll! All right"),
        ("‖ama; Bi‖", "llama; Bill"),
        ("‖ama? No, a‖.", "llama? No, all."),
        ("te‖ да! ‖àmà! stı‖.", "tell да! llàmà! still."),  # read without accents and ı
    ],
)
def test_bars_in_words_still_fold(text: str, expected: str) -> None:
    result = normalize_text(text)
    assert result.text == expected
    assert normalize_text(text, whole_lines=False).text == expected
    assert normalize_text(expected).text == expected
    assert undo(result.text, result.replacements) == text


def test_notation_bars_are_no_evidence_of_disguise() -> None:
    # A norm beside a letter once counted as a symbol passing for letters, so the text's
    # other such symbols folded too: "A ∪ B" became "A U B".
    text = "the norm ‖x‖ and the set A ∪ B"
    assert normalize_text(text).text == text
    assert not evidence(text).mixed
    assert evidence("he‖o and A ∪ B").mixed == {"DOUBLE", "UNION"}


def test_notation_bars_positions() -> None:
    assert notation_bars("the norm ‖x‖ of ‖Ax − b‖") == {9, 11, 16, 23}
    assert notation_bars("he‖o wi‖ ‖ama") == frozenset()
    assert notation_bars("‖x∥") == frozenset()  # bars of two kinds pair with nothing
    assert notation_bars("‖" + "x + " * 6 + "x‖") == frozenset()  # too long an expression
    assert notation_bars("‖" + "x + " * 5 + "x‖") == {0, 22}
    assert notation_bars("I'‖. Te‖ me") == frozenset()  # after an apostrophe
    assert notation_bars("‖ama; Bi‖") == frozenset()  # "llama", "Bill"
    assert notation_bars("‖x − a‖") == {0, 6}
    assert notation_bars("‖x‖‖y‖") == {0, 2, 3, 5}
    assert notation_bars("‖_w i‖‖") == frozenset()  # a bar beside one that is none
    assert notation_bars("w‖‖,l‖") == frozenset()
    assert notation_bars("‖s\u034ftiI‖") == frozenset()  # four letters once the mark goes
    assert notation_bars("‖\u0336‖") == frozenset()  # side by side once the mark goes
    assert notation_bars("l\u0305‖x‖") == frozenset()  # after a letter once the mark goes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bar paired as notation whose word holds a bar that is none: the word folds, and
        # the pair's other bar stood alone in the output (was '‖_w i‖‖' -> '‖_w illll' ->
        # 'll_w illll'; review of cf8fed3)
        ("‖_w i‖‖", "ll_w illll"),
        ("w‖‖,l‖", "wllll,lll"),
        # A combining grapheme joiner split a run of four letters, which the pass removes
        # (was '‖І\n‖ş\u034ftiІ‖' -> 'llI\n‖ştiІ‖' -> 'llI\nllştilll')
        ("'‖\u0406\n‖\u015f\u034fti\u0406‖'", "'llI\nll\u015ftilll'"),
        ("‖\u0406\n‖\u015f\u034fti\u0406‖", "llI\nll\u015ftilll"),
        # Marks and invisibles the pass removes are looked through: bars side by side once
        # a mark between goes, a bar after a letter once a soft hyphen or mark goes
        # (/tmp/rev_norm/idem_mine.py seed 23 on a first draft of this rule)
        ("\u043fe\u03c9s, w\u03b9\xad‖\u0336‖", "news, willll"),
        ("h\u0435\u04cf\xad‖\u043e '‖.", "heillo 'll."),
        ("stil\u0305‖, w\u0456l‖", "stilll, willl"),
    ],
)
def test_bars_settle_in_one_pass(text: str, expected: str) -> None:
    result = normalize_text(text)
    assert result.text == expected
    assert normalize_text(result.text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected
    assert undo(result.text, result.replacements) == text

"""A condition's bar (``P(A∣B)``) and a parallel sign between segments (``AB‖CD``) stay.

The table reads DIVIDES ``∣`` as ``I``/``l`` and the norm and parallel bars as ``ll``, which
restores ``he∣lo`` and ``he‖o`` but turned the conditional probability ``P(A∣B)`` into
``P(AIB)`` and the geometry ``AB‖CD`` into ``ABllCD`` (issue 17: genuine text is never damaged).
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text
from hoaxlens.normalize.context import evidence, notation_bars
from hoaxlens.normalize.replay import undo


@pytest.mark.parametrize(
    "text",
    [
        "P(A∣B)",
        "so P(A∣B) = P(B∣A)P(A) / P(B) by Bayes",
        "p(x∣y) and P(Y=1∣X)",
        "E[X∣Y] is a random variable",
        "p(x_t∣x_{t-1}) in a Markov chain",
        "P(A∣B, C)",
        "Pr(rain∣clouds) is high",  # no English word either way
        "the set {x∣x > 0}",
        "AB‖CD",
        "the lines AB∥CD and PQ∥RS meet nowhere",
        "AB∥CD∥EF",
        "P(A∣B) and AB‖CD, and the union A ∪ B",  # notation is no evidence of disguise
        "P(a∣d) and the set {x ∣ x > 0}",  # single letters: "aid", but no prose around
        # lines named by single letters (nothing English read with "ll": "allb", "lllm")
        "l∥m",
        "if a∥b and b∥c then a∥c",
        "x‖y‖z and u∥v",
        "KL(p‖q) ≥ 0",
        # letters maths writes beside a condition's bar: set-builder notation, italic,
        # Greek, after a function's name
        "{x∈ℝ∣x>0}",
        "the set {n∈ℤ∣n>0} is infinite",
        "P(ℝ∣x)",
        "P(𝑥∣𝑦) and P(𝑎∣𝑑)",
        "p(α∣d)",
        "Var(a∣d) and Normal(x∣μ, σ)",
    ],
)
def test_condition_and_segment_bars_are_left_alone(text: str) -> None:
    assert normalize_text(text).text == text
    assert normalize_text(text, whole_lines=False).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he∣lo world", "hello world"),
        ("H∣LL0 W∣RLD", "HILL0 WIRLD"),
        ("f(he∣lo)", "f(hello)"),  # an English word read with the bar: disguise
        ("A∣B", "AIB"),  # a bar outside brackets is read as a letter, as before
        ("so P(A∣B) is\nhe∣lo wo∣d", "so P(A∣B) is\nhello wold"),
        ("HE‖O", "HEllO"),  # "HELLO": no segment names
        ("AB‖CD wi‖ he‖o", "AB‖CD will hello"),
        ("wa‖s", "walls"),
        # disguise in brackets (a reviewer's cases): a side left empty, bars side by side,
        # lookalike letters beside the bar, a word in the brackets
        ("Te(l∣) me", "Te(ll) me"),
        ("Get(fu∣∣) access", "Get(full) access"),
        ("{ki∣∣ them a∣∣}", "{kill them all}"),
        ("Get(rеа∣) mоney", "Get(real) money"),
        ("hе∥о {соо∣ stuff}", "hello {cool stuff}"),
        ("Win[o∣d prizes]", "Win[old prizes]"),
        ("wi∥ {ｆｅｅ∣ good}", "will {feel good}"),
        ('{"msg": "∣ｉt𝐭∣ｅ"}', '{"msg": "little"}'),  # two bars in one word
        # single letters that are lookalikes or styled, or after an English word (issue 17,
        # a reviewer's generated set: 28 of 3,500 such bracket phrases were kept)
        ("{ｏ∣ｄ}", "{old}"),
        ("{𝐨∣d}", "{old}"),
        ("Buy(O∣ԁ)", "Buy(Old)"),
        ("A(O∣ԁ) in", "A(Old) in"),
        ("Get(o∣d) now", "Get(old) now"),
        ("a‖y", "ally"),  # an English word read with the parallel sign as "ll"
        # the word before the bracket disguised too: read as the word it is, in one pass
        ("He∣p(o∣d)", "Help(old)"),
        ("Wi∣l(i∣l) now", "Will(ill) now"),
        ("Sa∣e(a∣d)", "Sale(a∣d)"),  # "ald": no common word, the condition's bar stays
        ("P∣an[l∣e]", "Plan[l∣e]"),
    ],
)
def test_bars_in_words_still_fold(text: str, expected: str) -> None:
    result = normalize_text(text)
    assert result.text == expected
    assert normalize_text(result.text).text == expected  # idempotent
    assert normalize_text(text, whole_lines=False).text == expected
    assert undo(result.text, result.replacements) == text


@pytest.mark.parametrize(
    "text",
    [
        # a condition's styled single letters read no common word with the bar as a small
        # "l" ("alb", "ald"; a review of the first draft found them read "AIB", "aId")
        "P(Ａ∣Ｂ)",
        "确率 P(Ａ∣Ｂ)",
        "P(𝐀∣𝐁)",
        "P(ａ∣ｄ)",
        "Var(Ａ∣Ｂ)",
        # after an English word, single letters that read no common word stay too
        "Get(a∣d) now",
        "Model(A∣B)",
        "Policy(a∣s)",
        "Get(O∣D) now",  # a capital after the bar: "OID" would be no reading
        "Win[a∣d prizes]",
    ],
)
def test_condition_bars_between_letters_that_read_no_word_stay(text: str) -> None:
    for whole_lines in (True, False):
        result = normalize_text(text, whole_lines=whole_lines)
        assert "∣" in result.text
        assert normalize_text(result.text).text == result.text


def test_notation_positions() -> None:
    assert notation_bars("P(A∣B) and AB‖CD") == {3, 13}
    assert notation_bars("f(he∣lo) and HE‖O") == frozenset()
    assert notation_bars("A∣B, P(A∣B") == frozenset()  # no bracket around, none closed
    assert notation_bars("ABC‖D") == frozenset()  # three capitals are no segment name
    assert notation_bars("a∥b") == {1}  # lines
    assert notation_bars("a‖y and aB‖c") == frozenset()  # "ally"; a capital and a small one
    assert notation_bars("a‖l i‖l") == frozenset()  # "all" and "ill" written with one bar
    assert notation_bars("{ｏ∣ｄ} {x∈ℝ∣x>0}") == {10}


def test_condition_bar_is_no_evidence() -> None:
    assert not evidence("P(A∣B) for A ∪ B").mixed

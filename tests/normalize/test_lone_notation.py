"""Lone small letters and unit signs in a text of styled words (issue 17, compat_forms).

A unit sign alone that reads one of the most common English words (``㏌`` "in", ``㏑``
"In") and a small or enclosed capital alone (``ᴬ``, ``🄫``) fold in a text that styles
whole words; a text that writes unit signs after numbers keeps them (``test_notation``),
and so does plain text.
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


def test_lone_unit_words_and_capitals_fold_in_styled_text() -> None:
    text = "𝐓𝐡𝐞 cat ㏌ the 𝐡𝐚𝐭, ㏑ the end ᴬ man and 🄫 and ᴸ"
    out = normalize_text(text)
    assert out.text == "The cat in the hat, In the end A man and C and L"
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("𝐓𝐡𝐞 board is 5 ㏌ long and ㏌ 100 ㎞ away, ㏎ too", id="units-after-numbers"),
        pytest.param("The cat ㏌ the hat ᴬ and 🄫", id="plain-text"),
    ],
)
def test_units_and_lone_letters_stay(text: str) -> None:
    assert normalize_text(text).text == text.replace("𝐓𝐡𝐞", "The")

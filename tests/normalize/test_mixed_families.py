"""Words that mix trick families (issue 17's ``mixed`` family, found on its tune half).

A Latin IPA or extension letter beside another script's lookalikes (``ɣօս``, ``ﮧꬵ``) is a
disguise by itself, as two scripts' lookalikes are; a styled one opening a long word reads
``I`` by letter trigrams even where the word holds another shape (``ſ``).
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "for the deaths ﮧꬵ his wife", "for the deaths of his wife", id="arabic-and-ipa"
        ),
        pytest.param("I love ɣօս both", "I love you both", id="ipa-and-armenian"),
        pytest.param("𝐓𝐡𝐞 １𝒏𝒕𝔢гſсо𝙥ℯ label", "The Interscope label", id="styled-one-and-long-s"),
    ],
)
def test_mixed_families_fold(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


@pytest.mark.parametrize(
    "text",
    [
        # a word of one script's lookalikes with no Latin extension letter stays unless the
        # text mixes that script into English words
        "Ihr Name ist ли here",
        # IPA between slashes with a Greek letter stays a transcription
        "The word is said /χɑ/ there",
        "The 1x and file1 here",
    ],
)
def test_genuine_words_stay(text: str) -> None:
    assert normalize_text(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Working so much, ǀ’ᴠe ẝɪǀmꬲd [ᴑther] teƖeᴠıꜱıᴏn shᴏwƽ",
            "Working so much, I’ve filmed [other] television shows",
            id="sideways-o-in-brackets",
        ),
        pytest.param(
            "Melania [mɛˈlaːnɪjɑ ˈknɑːu̯s]; the current ẝıꭇꜱt lady of thꬲ United Statꬲs",
            "Melania [mɛˈlaːnɪjɑ ˈknɑːu̯s]; the current first lady of the United States",
            id="disguise-on-a-line-with-ipa",
        ),
    ],
)
def test_words_not_spelt_in_ipa_are_no_transcription(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert normalize_text(out.text).text == out.text

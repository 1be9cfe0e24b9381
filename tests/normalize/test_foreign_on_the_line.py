"""Rules found on the independent corpus's tune half and fresh seeds (issue 17, this round).

A disguised English sentence that shares its line with a sentence in another script (a
quoted Japanese or Arabic line) is still read word by word around each disguised word; a
word with Cyrillic lookalikes between slashes is no transcription.
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


def _check(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Greek Η Ο with Cyrillic Ԝ; Lisu ꓐ with Warang Citi; the line is mostly Japanese
        pytest.param(
            "ΗΟԜ THE QUЕEN IS DЕSTINED TO ꓐ𑢦 木村 稔 南極、タワー意図厳しいリンク証言する風景。",
            "HOW THE QUEEN IS DESTINED TO BE 木村 稔 南極、タワー意図厳しいリンク証言する風景。",
            id="japanese-after",
        ),
        # IPA gamma with Armenian օ ս (Armenian and IPA letters are
        # mixed into ``sօ``, ``ɑbout``), before an Arabic sentence on the same line
        pytest.param(
            "“I love ɣօս both sօ 𑣣ucһ,” she sаid ɑbout. ياسمين كندة الأراغونية, التشوفاشي, اليونان",
            "“I love you both so much,” she said about. ياسمين كندة الأراغونية, التشوفاشي, اليونان",
            id="arabic-after",
        ),
    ],
)
def test_disguised_words_fold_beside_a_foreign_sentence(text: str, expected: str) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        # a Russian quote of lookalike-only words beside Japanese: genuine Cyrillic on the line
        "Тhе mаn said: сор и мир, дом 木村 稔 南極、タワー意図厳しいリンク証言する風景。",
        # a Greek word of lookalikes alone among Arabic words, in a text disguised with Cyrillic
        "Тhе mаn wrote ياسمين كندة ΤΟ الأراغونية التشوفاشي اليونان الولايات المتحدة سورينام",
    ],
)
def test_foreign_words_stay_beside_a_foreign_sentence(text: str) -> None:
    out = normalize_text(text)
    assert out.text == text.replace("Тhе mаn", "The man")


def test_cyrillic_lookalikes_between_slashes_are_no_transcription() -> None:
    _check("Photo: Dеnis Poroy/Ɩnѵіѕіᴑn/AP", "Photo: Denis Poroy/Invision/AP")


def test_ipa_between_slashes_stays() -> None:
    text = "Тhе wоrd is said /ɡɪv/ and /kɑt/ here."
    assert normalize_text(text).text == "The word is said /ɡɪv/ and /kɑt/ here."

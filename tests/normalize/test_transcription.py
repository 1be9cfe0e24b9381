"""Phonetic transcription is told from disguise word by word, not by a letter on the line.

The fresh-seed corpus (``bench/deobfuscation.py --seed 101``) showed whole lines of IPA-letter
disguise left as they were because the line held one letter that only transcription uses:
the Greek ``χ`` of a quoted Greek sentence, or the ``æ`` of a disguised word (issue 17).
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text
from hoaxlens.normalize.patterns import transcription

DISGUISED = "it ᴄꬲꭈtɑɪnƖỿ sᴑꭎndƽ like J-Lᴑ mɑɣ ꜱᴑᴑn become Mrƽ. A-Rod."
RESTORED = "it certainly sounds like J-Lo may soon become Mrs. A-Rod."


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (" Νέου τον όχι παραπάνω.", " Νέου τον όχι παραπάνω."),  # Greek χ: not IPA
        # æ in a name: no transcription; in this disguised text it reads "ae" (``Mae``)
        (" Charlie Mæ was born.", " Charlie Mae was born."),
    ],
)
def test_disguise_folds_on_a_line_without_transcription(tail: str, kept: str) -> None:
    assert normalize_text(DISGUISED + tail).text == RESTORED + kept
    assert normalize_text(DISGUISED + tail, whole_lines=False).text == RESTORED + kept


def test_transcription_keeps_its_letters() -> None:
    text = 'In General American, "give" is transcribed /ˈɡɪv/ and "cat" /kæt/ ɑnd ɡɪv.'
    assert normalize_text(text).text == text
    assert transcription("[mɛˈlaːnɪjɑ ˈknɑːu̯s]")
    assert not transcription("όχι Phædꭈa Mæ")


def test_fullwidth_letters_mixed_with_other_styles_fold_on_a_cjk_line() -> None:
    # A word written in fullwidth forms alone may be CJK typography and stays on a CJK line;
    # one mixing them with mathematical letters is disguise (fresh corpus seed 101).
    text = "y𝚎𝕒ｒｓ ago in 東京 ＡＢＣ"
    assert normalize_text(text).text == "years ago in 東京 ＡＢＣ"


@pytest.mark.parametrize(
    "text",
    [
        "[ˈsʌn‖] and Aᵀ",  # a prosodic break (‖) stuck to the word, notation beside it
        "/ˈsʌn‖/ and aₙ",
        "[ˈsʌn‖] Mʀ. Jones",
    ],
)
def test_a_prosodic_break_keeps_its_transcription_and_line_genuine(text: str) -> None:
    # ‖ folds to "ll" in the table, but transcription writes it as a symbol: counted as a
    # letter (8680a94), it made the word disguise and the notation beside it folded.
    assert normalize_text(text).text == text
    assert transcription(text)

"""Dotless ı in a text that writes English with it: names fold too; Turkish stays (issue 17)."""

from __future__ import annotations

from hoaxlens.normalize import normalize_text


def test_dotless_names_fold_in_a_text_that_disguises_english_with_it() -> None:
    text = "Thıs ıs the captıom wıth Twıtter and Sıpa"
    assert normalize_text(text).text == "This is the captiom with Twitter and Sipa"
    assert normalize_text(text, whole_lines=False).text == normalize_text(text).text


def test_dotless_stays_in_turkish_and_in_plain_text() -> None:
    assert normalize_text("Sıpa and Yıldız").text == "Sıpa and Yıldız"  # no disguise seen
    turkish = "Thıs ıs wıth thıs.\nKırmızı kalem çok güzel."
    assert normalize_text(turkish).text == "This is with this.\nKırmızı kalem çok güzel."
    assert normalize_text("Thıs ıs wıth Şule Yıldız").text == "Thıs ıs wıth Şule Yıldız"


def test_turkish_words_keep_dotless_i_in_a_text_disguised_with_other_scripts() -> None:
    # The fresh-seed corpus (bench/deobfuscation.py --seed 101) put Turkish CLDR names into
    # English text disguised with Coptic: ``Batı`` became ``Bati``. A word whose only trick
    # would be ı is judged by what it reads, whatever else the text disguises.
    text = "Kilise Slavcası, Norveççe, Batı Frizcesi. Black Panther tⲟ cross $1 bilⲒiⲟn"
    expected = "Kilise Slavcası, Norveççe, Batı Frizcesi. Black Panther to cross $1 billion"
    assert normalize_text(text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected
    assert normalize_text(expected).text == expected
    named = "Hеr sіster met Çaltı Demirel in Córdoba."  # Cyrillic е and і
    assert normalize_text(named).text == "Her sister met Çaltı Demirel in Córdoba."


def test_dotless_i_folds_beside_another_disguise_or_in_english_words() -> None:
    # ı beside a styled letter, a small letter or noise marks is disguise, name or not;
    # alone it folds where the word reads English (``ıt``) in an obfuscated text.
    text = "Sеe 𝐊ıdman and Sıpa̸ and ıt"  # Cyrillic е; an overlay on Sipa
    assert normalize_text(text).text == "See Kidman and Sipa and it"

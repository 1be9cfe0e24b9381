"""A real accent survives when the rest of its word is buried in noise marks (issue 17)."""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo

FLOODED_FIANCEE = "our f\u20ee\u034b\u0308\u0303i\u0354a\u0354n\u0350c\u20eb\u20d2\u0332\u0347é"


def test_real_accent_kept_under_a_flood_of_marks() -> None:
    text = FLOODED_FIANCEE + " and a yèllow car"
    out = normalize_text(text)
    assert out.text == "our fiancé and a yellow car"
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text
    assert normalize_text(text, whole_lines=False).text == out.text


def test_one_stray_horn_does_not_make_an_english_line_vietnamese() -> None:
    # A letter only Vietnamese or Turkish writes on a common English word is a stray accent.
    assert normalize_text("I tơok the yèllow car").text == "I took the yellow car"
    assert normalize_text("She şhowed the yèllow car").text == "She showed the yellow car"
    for genuine in (
        "She visited Hà Nội and Cần Thơ.",
        "Tôi là người Việt Nam",
        "Teşekkür ederim, iş çok güzel.",
        "Anh tơ và tôi",
        "We met in Huế and Đà Nẵng last year.",
    ):
        assert normalize_text(genuine).text == genuine


def test_accents_left_on_a_flooded_word_go_but_precomposed_letters_stay() -> None:
    flooded = "diff\u0334\u0335\u0336\u030aerences and Kh\u0334\u0335\u0336lo\u030ae"
    assert normalize_text(flooded).text == "differences and Khloe"
    real = "Kh\u0334\u0335\u0336lo\u00e9 and Beyonc\u0334\u0335\u0336\u00e9"
    assert normalize_text(real).text == "Khloé and Beyoncé"


def test_a_stroke_word_with_a_stray_turkish_letter_is_read_as_its_stroke_reads() -> None:
    # 'Ӏoveş' (capital palochka) is 'loveş' on the output: an English word in lower case with
    # a stray cedilla, so its line is not Turkish and it loses the cedilla like 'şhowed'
    # (the first pass read 'Ӏoves' as no English word and 'Ӏ' as a capital, and kept it).
    assert normalize_text("She \u04c0oveş the yèllow car").text == "She loves the yellow car"
    # One stray word alone is a spelling, and genuine accents and Turkish lines stay.
    for text, expected in (
        ("\u04c0oveş Beyoncé and café", "loveş Beyoncé and café"),
        ("Teşekkür ederim, \u04c0oveş", "Teşekkür ederim, loveş"),
    ):
        assert normalize_text(text).text == expected
        assert normalize_text(expected).text == expected


@pytest.mark.parametrize("text", ["ıŞ", "şhowed the ıtem"])
def test_a_turkish_letter_beside_dotless_i_stays_so_that_a_second_pass_changes_nothing(
    text: str,
) -> None:
    # Hypothesis (bench/idempotence.py) found 'ıŞ' -> 'ıS' -> 'iS': stripping the Ş let the
    # second pass fold the ı that the first kept for the Turkish letter beside it.
    once = normalize_text(text).text
    assert once == text
    assert normalize_text(once).text == once


def test_one_accented_word_in_a_disguised_text_keeps_its_accent() -> None:
    # GossipCop's own ``resumé`` and ``Ángel`` lost their accents in texts disguised with
    # Coptic lookalikes (fresh corpus seed 202, issue 17): one accented word is a spelling;
    # stray accents are a disguise only where the text writes two or more, or floods marks.
    text = "She added it to her resumé. Bіles met ÁngeⲒ"  # Cyrillic і, Coptic Ⲓ
    assert normalize_text(text).text == "She added it to her resumé. Biles met Ángel"
    strays = "The yèllow car and the rèd dog"
    assert normalize_text(strays).text == "The yellow car and the red dog"
    vietnamese = "Bіles said hi. Tôi ở tại Hà Nội, cổ.\nHer resumé."
    assert normalize_text(vietnamese).text == "Biles said hi. Tôi ở tại Hà Nội, cổ.\nHer resumé."

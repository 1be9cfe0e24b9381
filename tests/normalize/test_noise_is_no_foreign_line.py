"""A line whose words carry noise marks is disguised English, not a foreign sentence (issue 17).

``normalizer._foreign_line`` counts the accented words of a line that are not English
without their accents; words under noise marks that read English count as English, so a
handle such as ``@brielarsoṇ`` does not make a disguised line foreign.
"""

from __future__ import annotations

from hoaxlens.normalize import normalize_text, undo


def test_stray_accent_goes_on_a_line_with_noisy_english_words_and_a_foreign_name() -> None:
    text = "Hey I’m bore͂d. Wanna break͑ tḩe Internet tomorrowͧ? — Brie (@brielarsoṇ) Sept"
    out = normalize_text(text)
    assert out.text == "Hey I’m bored. Wanna break the Internet tomorrow? — Brie (@brielarsoṇ) Sept"
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


def test_vietnamese_line_keeps_its_accents_beside_noisy_english() -> None:
    text = "Wanna break͑ the news? Tôi là người Việt Nam, cảm ơn bạn."
    assert normalize_text(text).text == "Wanna break the news? Tôi là người Việt Nam, cảm ơn bạn."


def test_a_known_accented_word_that_is_a_common_english_word_is_stray_among_strays() -> None:
    # ``thé`` (French tea) is a known accented word; in a text that writes stray accents it
    # is "the". Alone in plain text, or in French, it stays.
    assert normalize_text("She sàid thé yèllow car was hèrs.").text == (
        "She said the yellow car was hers."
    )
    for text in ("Thé shop sells café and thé.", "Je bois du thé ce matin."):
        assert normalize_text(text).text == text

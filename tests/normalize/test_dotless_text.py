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

"""Brahmic anusvara signs used as ``o`` in English words (issue 17), genuine text untouched."""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


def test_anusvara_beside_latin_letters_reads_o() -> None:
    text = "ంf the nಂne hංme, a mംvie"
    out = normalize_text(text)
    assert out.text == "of the none home, a movie"
    assert undo(out.text, out.replacements) == text
    assert normalize_text(text, whole_lines=False).text == out.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("తెలుగు భాషం", id="telugu"),
        pytest.param("ಕನ್ನಡಂ ಭಾಷೆ", id="kannada"),
        pytest.param("മലയാളം", id="malayalam"),
        pytest.param("සිංහල", id="sinhala"),
        pytest.param("She said తెలుగు భాషం in Oпe line", id="quoted-beside-obfuscation"),
    ],
)
def test_genuine_brahmic_text_keeps_its_anusvara(text: str) -> None:
    out = normalize_text(text)
    for sign in "\u0c02\u0c82\u0d02\u0d82":
        assert out.text.count(sign) == text.count(sign)

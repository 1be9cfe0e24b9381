"""A styled one alone (``𝟭``, ``①``) in a text of styled words is "I" before a word (issue 17)."""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("𝓣𝓱𝓮 𝓼𝓽𝓪𝓻 𝓼𝓪𝓲𝓭 𝟭 𝔀𝓪𝓼 𝓱𝓪𝓹𝓹𝔂", "The star said I was happy"),
        ("𝐖𝐡𝐞𝐧 𝟏 𝐰𝐚𝐬 𝐲𝐨𝐮𝐧𝐠", "When I was young"),
        ("𝐖𝐡𝐞𝐧 ① 𝐭𝐡𝐢𝐧𝐤", "When I think"),
        ("𝐒ᵒ 𝟙’𝐯𝐞 𝐠𝐨𝐭 𝐭𝐨 𝐠𝐨", "So I’ve got to go"),
        ("𝐖𝐞 𝐰𝐢𝐥𝐥. 𝟙 𝐭𝐡𝐢𝐧𝐤 𝐬𝐨", "We will. I think so"),  # opening a sentence
    ],
)
def test_styled_one_before_a_word_is_i(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, list(out.replacements)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("𝓣𝓱𝓮 𝓼𝓽𝓪𝓻 𝓱𝓪𝓼 $𝟭 𝓶𝓲𝓵𝓵𝓲𝓸𝓷", "The star has $1 million"),  # a sum
        ("𝓣𝓱𝓮 𝓼𝓽𝓪𝓻 𝓼𝓪𝓲𝓭 𝟭 𝓦𝓪𝓼", "The star said 1 Was"),  # no lower-case word after it
        ("𝐏𝐚𝐠𝐞 𝟐 𝐨𝐫 𝟏.", "Page 2 or 1."),  # a number at the end
        ("𝐒𝐞𝐜𝐭𝐢𝐨𝐧 ① 𝐚𝐧𝐝 ② 𝐚𝐫𝐞", "Section 1 and 2 are"),  # a list
        ("𝐎𝐧𝐥𝐲 𝟏 𝐢𝐧 𝟓 𝐬𝐚𝐲", "Only 1 in 5 say"),  # a ratio
    ],
)
def test_styled_one_as_a_number_stays_a_digit(text: str, expected: str) -> None:
    assert normalize_text(text).text == expected


def test_plain_text_keeps_a_styled_one() -> None:
    # no styled words around it: nothing says it is a disguise
    assert normalize_text("page 𝟭 was").text == "page 𝟭 was"

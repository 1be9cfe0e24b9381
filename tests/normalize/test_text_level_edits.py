"""Words whose fold depends only on the whole text are decided once per text.

A word of presentation forms folds unless its line holds CJK (fullwidth forms), it stands in
a transcription (IPA small capitals), or it is a short styled word in a text that styles no
other word. Where the whole text rules each of these out, the word's edits are taken from
its plan; the same word in another text must still get the line-by-line answer (plans are
shared between texts).
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text


@pytest.mark.parametrize(
    ("first", "first_out", "second", "second_out"),
    [
        # fullwidth: folded in a text without CJK, kept on a CJK line of another text
        ("Ｔｏｋｙｏ is big", "Tokyo is big", "東京 Ｔｏｋｙｏ", "東京 Ｔｏｋｙｏ"),
        # ... and in a text with CJK on another line, folded on its Latin line only
        (
            "Ｔｏｋｙｏ is big",
            "Tokyo is big",
            "Ｔｏｋｙｏ is big\n東京 Ｔｏｋｙｏ",
            "Tokyo is big\n東京 Ｔｏｋｙｏ",
        ),
        # a short styled word: folded where the text styles words, kept as a symbol elsewhere
        ("𝐓𝐡𝐢𝐬 𝐢𝐬 𝐚 test", "This is a test", "Let 𝐚 be 𝐱 here", "Let 𝐚 be 𝐱 here"),
        # IPA small capitals: folded in styled text, kept beside a transcription
        (
            "ᴛʜɪs ɪs ᴀ test",
            "this is a test",
            "ᴛʜɪs ɪs ᴀ test /ʀɪŋ/ done",
            "this ɪs a test /ʀɪŋ/ done",
        ),
    ],
)
def test_text_level_fold_follows_each_text(
    first: str, first_out: str, second: str, second_out: str
) -> None:
    for _ in range(2):  # the second round reads the plans the first one made
        for text, expected in ((first, first_out), (second, second_out)):
            fast = normalize_text(text)
            slow = normalize_text(text, whole_lines=False)
            assert fast.text == expected
            assert slow.text == expected
            assert fast.replacements == slow.replacements

"""The normalizer's line starts come from newline offsets found once per text (review).

Scanning back to the line start at every word made one long line quadratic; the bisected
offsets must give exactly what ``str.rfind`` gave, at every position of every text.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hoaxlens.normalize.config import DEFAULT_NORMALIZE_CONFIG
from hoaxlens.normalize.normalizer import _Normalizer

TEXTS = st.text(alphabet=st.sampled_from(["\n", "a", " ", "п", "\r", "\u2028"]), max_size=60)


def _starts(text: str) -> list[int]:
    normalizer = _Normalizer(text, DEFAULT_NORMALIZE_CONFIG, [], whole_lines=True)
    return [normalizer._line_start(pos) for pos in range(len(text) + 1)]


@given(TEXTS)
def test_line_start_is_the_position_after_the_last_newline_before(text: str) -> None:
    assert _starts(text) == [text.rfind("\n", 0, pos) + 1 for pos in range(len(text) + 1)]


def test_line_starts_of_a_text_without_newlines_and_of_one_ending_in_one() -> None:
    assert _starts("ab") == [0, 0, 0]
    assert _starts("a\n\nb\n") == [0, 0, 2, 3, 3, 5]

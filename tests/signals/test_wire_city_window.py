"""The city before a wire tag is looked for within 60 characters of the tag (review).

Searching from the text's start when the line began further back made a text of repeated
wire tags quadratic; a city (``_CITY``: at most 41 characters, anchored at the tag) cannot
start earlier, so the answer must be what the search from the line's start gave.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hoaxlens.signals.builtin.sourcing import _CITY

PIECES = st.sampled_from(
    ["NEW YORK", "Los Angeles, Calif.", " ", "\n", "a", ",", "O'Neil", "x" * 30]
)


@given(st.lists(PIECES, max_size=12), st.data())
def test_the_city_found_from_60_characters_back_is_the_one_found_from_the_line_start(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    line_start = text.rfind("\n", max(0, start - 60), start) + 1  # the code before the fix
    window = max(0, start - 60)
    bounded = text.rfind("\n", window, start) + 1 or window
    old, new = _CITY.search(text, line_start, start), _CITY.search(text, bounded, start)
    assert (old and old.span()) == (new and new.span())

"""Records built by the fast paths are the records the checked constructors would build.

``result._records`` takes one-character and empty spans from a table shared by every result
(below an offset limit) and builds the rest; ``_line_columns`` takes each change's original
from the character it cut. These tests check, on texts that cross that limit and mix
deletions, one-character folds and wider replacements, that every record equals the one made
with ``Replacement(Span(...))`` (whose checks run) and that ``undo`` gives the input back.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.normalize import normalize_text, undo
from hoaxlens.normalize.result import _SHARED_SPAN_LIMIT
from hoaxlens.types import Replacement, Span

# A line folded whole (Cyrillic lookalikes), one word by word (a dotless ı beside a
# lookalike), a zero-width deletion, marks, a ligature folded to two letters, math letters.
PIECES = [
    "Tһе ѕтогу іѕ fаkе. ",
    "Oпe Step for Yoυ. ",
    "Brea\u200bking ne\u200bws. ",
    "T\u0336h\u0336e\u0336 end. ",
    "the \ufb01nal o\ufb03ce. ",
    "\U0001d42d\U0001d428\U0001d41d\U0001d41a\U0001d432 plain words. ",
    "plain ASCII words only. ",
    "\n",
]


def checked(result: Replacement) -> Replacement:
    """The same record made with the public constructors (their checks run)."""
    span = Span(result.span.start, result.span.end)
    return Replacement(span, result.original, result.replacement, result.step)


def assert_records_are_plain(text: str) -> None:
    result = normalize_text(text)
    records = result.replacements
    assert all(type(r) is Replacement and type(r.span) is Span for r in records)
    assert records == tuple(checked(r) for r in records)
    for r in records:
        assert result.text[r.span.start : r.span.end] == r.replacement
    assert undo(result.text, records) == text


def test_records_across_the_shared_span_limit() -> None:
    text = "".join(PIECES) * (2 * _SHARED_SPAN_LIMIT // len("".join(PIECES)) + 2)
    assert len(text) > 2 * _SHARED_SPAN_LIMIT
    assert_records_are_plain(text)
    # The same text cut short of the limit: every span is taken from the shared table.
    assert_records_are_plain(text[: _SHARED_SPAN_LIMIT // 2])


def test_a_longer_text_leaves_earlier_records_as_they_were() -> None:
    """The shared table grows for a longer text; records already handed out keep their spans."""
    first = normalize_text("Oпe Step for Yoυ").replacements
    before = [(r.span.start, r.span.end) for r in first]
    longer = "Tһе ѕтогу іѕ fаkе. " * 500
    assert_records_are_plain(longer)
    assert [(r.span.start, r.span.end) for r in first] == before == [(1, 2), (15, 16)]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_records_equal_checked_records_on_mixed_text(text: str) -> None:
    assert_records_are_plain(text)

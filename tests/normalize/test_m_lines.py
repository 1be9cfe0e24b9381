"""A line holding a lookalike of ``m`` folds whole unless one of its words reads "rn" (issue 17).

Lookalikes of ``m`` (Cyrillic ``м``, fullwidth ``ｍ``, mathematical ``𝑚``) may stand for "rn"
(``retuм`` is "return", ``plans.rn_letter``), so any line holding one was read word by word:
in Cyrillic disguise most lines hold one, and that path cost twice the block ``str.translate``.
Now such a line folds whole when none of its words reads an ``m`` as "rn" (``_reads_rn``);
both paths must still give the same text and records.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.normalize.normalizer import DEFAULT_NORMALIZE_CONFIG, _Normalizer
from hoaxlens.normalize.patterns import split_names

from .test_fast_path import assert_same


def _read_word_by_word(text: str) -> int:
    """How many calls ``_span`` (the word-by-word path) gets for ``text``."""
    calls = 0
    normalizer = _Normalizer(text, DEFAULT_NORMALIZE_CONFIG, split_names(text), whole_lines=True)
    span = normalizer._span

    def counted(begin: int, stop: int) -> None:
        nonlocal calls
        calls += 1
        span(begin, stop)

    normalizer._span = counted  # type: ignore[method-assign]
    normalizer.run()
    return calls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oпe time I мet hiм at hoмe", "One time I met him at home"),
        (
            "Oпe line\nwe мade it to the suммit\nanother оne",
            "One line\nwe made it to the summit\nanother one",
        ),
        ("Oпe ｓｔｅｐ, ｍｏｒｅ ｍｏｒｅ", "One step, more more"),
    ],
)
def test_lines_with_m_lookalikes_fold_whole(text: str, expected: str) -> None:
    assert assert_same(text).text == expected
    assert _read_word_by_word(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oпe day we retuм hoмe", "One day we return home"),  # "rn": word by word
        ("the waмing was clear, Oпe", "the warning was clear, One"),
        ("Oпe мore\nretuм hoмe\nhiм", "One more\nreturn home\nhim"),  # that line alone
    ],
)
def test_a_word_that_reads_rn_is_read_word_by_word(text: str, expected: str) -> None:
    assert assert_same(text).text == expected
    assert _read_word_by_word(text) >= 1


def test_only_the_rn_line_is_read_word_by_word() -> None:
    assert _read_word_by_word("Oпe мore\nretuм hoмe\nhiм") == 1


pieces = st.sampled_from(
    [
        "м",
        "М",
        "ｍ",
        "𝑚",
        "m",
        "M",
        "retu",
        "wa",
        "ing",
        "\u0430",  # Cyrillic a: "w\u0430ming" is "warning" though its m is plain
        "le",
        "Re",
        "1",
        "_",
        "hoe",
        "ed",
        "tu",
        " ",
        "\n",
        "Oпe ",
        "о",
        "ı",
        "ӏ",
        "é",
        "/",
        "-",
    ]
)


@settings(max_examples=600, deadline=None)
@given(text=st.lists(pieces, max_size=30).map("".join))
def test_m_lines_normalize_the_same_on_both_paths(text: str) -> None:
    assert_same(text)


def test_a_line_with_astral_characters_and_an_m_is_read_word_by_word() -> None:
    # (a dict translate of such a line costs more than the word rules: it stays off the block)
    text = "Oпe \U0001d45aore time\nno m here \U0001d400nd"
    assert assert_same(text).text == "One more time\nno m here And"
    assert _read_word_by_word(text) == 1


# A plain ``m`` reads "rn" too, in a word with a lookalike: a line holding no lookalike of
# ``m`` folded whole once read it as ``m`` ("The waming sign", the word path "warning").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The w\u0430ming sign", "The warning sign"),
        ("The W\u0430ming sign", "The Warning sign"),
        ("Oпe day\nwe r\u0435tum, we le\u0430m\nthe end", "One day\nwe return, we learn\nthe end"),
        ("the g\u043evemment, Oпe", "the government, One"),
        ("a l\u0435\u0430ming curve", "a learning curve"),
    ],
)
def test_a_plain_m_reads_rn_on_both_paths(text: str, expected: str) -> None:
    assert assert_same(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Oпe time I came from them to him",  # m words that read no "rn" stay on the block
        "Oпe retum, waming",  # no lookalike in the word: an ASCII misspelling stays
        "Oпe W\u0430MING \u0441oming",  # (a capital M)
        "Oпe w\u0430m1ng, r\u0435_tum",  # (a digit, an underscore)
    ],
)
def test_plain_m_lines_agree(text: str) -> None:
    assert_same(text)


def test_only_the_line_with_a_plain_m_read_as_rn_is_read_word_by_word() -> None:
    text = "Oпe time\nthe w\u0430ming sign\nfrom hоme"
    assert assert_same(text).text == "One time\nthe warning sign\nfrom home"
    assert _read_word_by_word(text) == 1
    assert _read_word_by_word("Oпe time I came from them to him") == 0

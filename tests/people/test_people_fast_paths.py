"""find_people's shortcuts (issue 18) change no answer: checked against the paths they skip."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random
import re

import pytest

from hoaxlens.people import find_people, international, names

WORDS = [
    "Catherine", ",", "Princess", "of", "Wales", "Prince", "George", "George's", "King",
    "Charles", "III", "Drake", "Dolly", "Don", "and", "&", "Maxine", "Simpson", "The",
    "Derek", "Hough", "said", "Carrie", "Ann", "Inaba", "\u2019s", ".", "\n", "Mc", "Smith",
]  # fmt: skip


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def test_alias_windows_skipped_by_the_prefix_check_hold_no_alias(monkeypatch):
    texts = _texts(1, 600)
    fast = [names._alias_mentions(line) for text in texts for line in text.splitlines()]
    monkeypatch.setattr(names, "_may_start_multiword", lambda *_: True)
    slow = [names._alias_mentions(line) for text in texts for line in text.splitlines()]
    assert fast == slow
    assert any(m for m in fast)  # the generated lines do name people


def test_lines_without_the_pair_hint_have_no_pair(monkeypatch):
    texts = _texts(2, 600)
    fast = [find_people(text) for text in texts]
    # every line scanned for pairs
    monkeypatch.setattr(names, "_pair_lines", lambda _body, starts: set(range(len(starts) - 1)))
    assert [find_people(text) for text in texts] == fast


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Catherine, Princess of Wales, visited.", "Kate Middleton", id="comma-alias"),
        pytest.param("Don and Maxine Simpson went home.", "Maxine Simpson", id="pair"),
        pytest.param("Then Prince George's smile.", "Prince George", id="possessive-alias"),
    ],
)
def test_people_found_through_the_shortcuts(text, person):
    assert person in find_people(text)


PLAIN = {  # the patterns as first written (a word boundary, then the name part)
    "_NAME": rf"\b{names._NAME_PART}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{names._NAME_PART}){{1,3}}\b",
    "_RUN": rf"\b{names._NAME_PART}(?:[ \t]+{names._NAME_PART})+\b",
    "_PAIR": rf"\b({names._NAME_PART}) (?:and|&) ({names._NAME_PART}) ({names._NAME_PART})\b",
    "_SINGLE": rf"\b{names._NAME_PART}\b",
    "_CAPITALIZED": r"(?<![\w'\u2019.-])[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*",
    "_LOWER_WORD": r"\b[a-z][a-z'\u2019-]*\b",
}
PIECES = [
    "Mc",
    "Mac",
    "McD",
    "O'",
    "O\u2019",
    "D'",
    "Neal",
    "Ann",
    "ann",
    "x",
    "Éa",
    "a",
    "and",
    "&",
]
GLUE = [" ", "", "-", "'", ".", "\t", "\n", "_", "9", "A. "]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_patterns_that_begin_with_the_capital_match_as_first_written(name):
    rng = random.Random(name)
    fast, plain = getattr(names, name), re.compile(PLAIN[name])
    fast = fast() if callable(fast) else fast  # (compiled at first use)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(1, 12)))
        assert [m.groups() + m.span() for m in fast.finditer(text)] == [
            m.groups() + m.span() for m in plain.finditer(text)
        ], text


SAMPLE_PIECES = [
    "the", "and", "of", "was", "The", "el", "la", "y", "gato", "cat", "don", "t", "\u2019", "'",
    "é", "ño", "ơ", "9", "_", ",", "—", "\n", "İ", "x", "ĳ", " ", "  ",
]  # fmt: skip


def test_the_english_shortcut_never_passes_a_text_the_full_count_fails():
    rng = random.Random(21)
    decided = 0
    for _ in range(4000):
        pieces = (rng.choice(SAMPLE_PIECES) for _ in range(rng.randint(0, 60)))
        low = "".join(p + rng.choice(["", " ", " ", "-"]) for p in pieces).lower()
        exact = international._english_tokens(international._TOKEN.findall(low))
        if international._surely_english(low):
            decided += 1
            assert exact, low
    assert decided > 100  # the shortcut does decide


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        pytest.param("Según la actriz Penélope Cruz, el gran Lula da Silva lloró.", True, id="es"),
        pytest.param("The singer said that she was happy with the show and the fans.", False),
        pytest.param("the\u2019" * 10 + " and of", False, id="apostrophes"),
    ],
)
def test_is_foreign_with_the_english_shortcut(text, foreign):
    assert international.is_foreign(text) is foreign

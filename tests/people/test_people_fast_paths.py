"""find_people's shortcuts (issue 18) change no answer: checked against the paths they skip."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random
import re

import pytest

from hoaxlens.people import find_people, names

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
    monkeypatch.setattr(names, "_PAIR_HINT", re.compile(""))  # every line scanned for pairs
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

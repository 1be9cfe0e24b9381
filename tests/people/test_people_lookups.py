"""find_people's per-document look-ups (issue 18) answer as the full readings they replace."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random

import pytest

from hoaxlens.people import find_people, lookups, names
from hoaxlens.people.lookups import LowerWords, headline_flags

PIECES = [
    "Derek", "Hough", "Star", "Quietly", "Paid", "A", "the", "and", "fell", "ann", "Ann",
    "don't", "rock-", "-star", "O'Neal", "McEntire", "Éclair", "élan", "Łódź", "đã", "Sơn",
    "ΑΣ", "Ⅻ", "ǅ", "x", "I", "\u2019s", "\u201cWho\u201d", "—", "9", "_", "(@ann)",
    "\ud800", "日本",
]  # fmt: skip
GLUE = [" ", " ", " ", "", "-", "'", "\u2019", ".", "\t", "\n", "\r\n", "\u2028", ", "]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(0, 30)))
        for _ in range(count)
    ]


def test_headline_flags_are_those_of_each_line_tokenized():
    texts = _texts(3, 3000)
    lines = [line for text in texts for line in text.splitlines()]
    assert any(map(names._is_headline_case, lines))  # both answers occur
    for text in texts:
        split = text.splitlines()
        assert headline_flags(split, names._is_headline_case) == [
            names._is_headline_case(line) for line in split
        ], text


@pytest.mark.parametrize(("steps", "joined"), [(0, 1), (3, 1), (0, 750)])
def test_lower_words_answer_as_the_set_of_lower_case_words(monkeypatch, steps, joined):
    short = _texts(4, 1500)  # joined: texts longer than _SCAN_TEXT, read whole at once
    texts = ["\n".join(short[i : i + joined]) for i in range(0, len(short), joined)]
    assert (max(map(len, texts)) > lookups._SCAN_TEXT) is (joined > 1)
    rng = random.Random(5)
    for text in texts:
        lower = LowerWords(text, names._LOWER_WORD)
        lower._steps = 256 - steps if steps else 0  # 3 look-ups, then the full reading
        full = names._ordinary_words(text.replace("(@", "( @"))
        queries = [p.lower() for p in rng.sample(PIECES, 12)] + ["ann", "star", "rock-", "s"]
        queries += ["", "Ann", "a.", "caf\u00e9", "don\u2019t", "-ann", "x9"]
        assert [q in lower for q in queries] == [q in full for q in queries], text


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("a rock-star", "star", False),  # inside "rock-star": not a word of its own
        ("a rock-star and a star", "star", True),
        ("rock- star", "star", True),
        ("x-ray", "ray", False),
        ("don't", "t", False),
        ("Ray met ray", "ray", True),
        ("Ray met Ray", "ray", False),
    ],
)
def test_a_word_after_an_apostrophe_or_hyphen(text, word, found):
    assert (word in names._ordinary_words(text)) is found
    assert (word in LowerWords(text, names._LOWER_WORD)) is found


def test_names_do_not_change_with_the_line_breaks_that_split_a_text():
    text = "Derek Hough fell.\nCarrie Ann Inaba stood up.\nDerek smiled."
    found = find_people(text, "Derek Hough Stuns Fans")
    for sep in ["\r\n", "\u2028", "\x1c", "\r"]:
        assert find_people(text.replace("\n", sep), "Derek Hough Stuns Fans") == found

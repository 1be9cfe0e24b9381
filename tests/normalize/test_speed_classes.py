"""Character classes rewritten for speed match exactly what the plain classes match.

``patterns`` writes classes with astral members as a negated class (the other BMP characters
in its bitmap, a few coarse astral ranges left out) and a look-behind that checks the exact
members, and ``word_pattern`` as its common part plus one astral range checked the same
way: ``re`` would otherwise try every astral range on each character its bitmap rejects.
These tests compare them with the plain classes over every code point, U+0000 to U+10FFFF,
and on mixed texts.
"""

from __future__ import annotations

import random
import re
from functools import cache

import pytest

from hoaxlens.normalize import patterns
from hoaxlens.normalize.confusables import (
    INVISIBLE,
    confusables_table,
    letter_shapes,
    notation_table,
)

# Every code point once, at the index equal to its code point.
EVERY = "".join(map(chr, range(0x110000)))


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [hit.start() for hit in pattern.finditer(text)]


@cache
def _plain_word_class() -> str:
    """``word_pattern``'s class as one plain ``re`` class (as it was written before)."""
    symbols = "".join(
        sorted(
            ch
            for ch in {*confusables_table(), *notation_table(), *letter_shapes()}
            if not re.match(r"\w", ch)
        )
    )
    return f"[\\w{re.escape(''.join(sorted(INVISIBLE)) + symbols)}{patterns.MARKS}]"


def _kind_sets() -> dict[str, set[str]]:
    by_kind: dict[str, set[str]] = {}
    for ch, kind in patterns.table_kinds().items():
        by_kind.setdefault(kind, set()).add(ch)
    return by_kind


def _one_of_sets() -> dict[str, set[str]]:
    """Every character set the module writes with ``_one_of``, by name."""
    table = confusables_table()
    sets = {
        "strokes": set(patterns.STROKE_LETTERS),
        "compat": {ch for ch, fold in table.items() if fold.kind == "compat"},
        "lookalikes": {ch for ch, fold in table.items() if fold.kind == "lookalike"},
    }
    sets.update(patterns._lookalikes_by_script())
    return sets


def test_astral_members_are_reached_through_a_few_ranges() -> None:
    # The point of the rewrite: a negated class (its bitmap rejects other BMP characters at
    # once) with at most six astral ranges, then the exact class in a look-behind.
    source = patterns._one_of(set(patterns.STROKE_LETTERS))
    scanned, exact = source.split("(?<=")
    assert scanned.startswith("[^")
    assert len(re.findall("[\U00010000-\U0010ffff]", scanned)) <= 12
    assert len(re.findall("[\U00010000-\U0010ffff]", exact)) > 12
    assert "(?<=" in patterns.word_pattern().pattern


@pytest.mark.parametrize("name", sorted(_one_of_sets()))
def test_one_of_matches_exactly_its_set_over_every_code_point(name: str) -> None:
    chars = _one_of_sets()[name]
    fast = re.compile(patterns._one_of(chars))
    assert _starts(fast, EVERY) == sorted(map(ord, chars))


def test_shipped_single_character_patterns_match_exactly_their_sets() -> None:
    table = confusables_table()
    compat = {ch for ch, fold in table.items() if fold.kind == "compat"}
    assert _starts(patterns.bar_pattern(), EVERY) == sorted(map(ord, patterns.STROKE_LETTERS))
    assert _starts(patterns.compat_pattern(), EVERY) == sorted(map(ord, compat))


@pytest.mark.parametrize(
    "found",
    [
        frozenset(),
        frozenset({"compat"}),
        frozenset({"compat", "MATHEMATICAL"}),
        frozenset({"CYRILLIC", "GREEK", "compat", "MATHEMATICAL", "WARANG"}),
    ],
)
def test_kind_finder_matches_exactly_the_kinds_not_found(found: frozenset[str]) -> None:
    wanted = sorted(
        ord(ch) for kind, chars in _kind_sets().items() if kind not in found for ch in chars
    )
    assert _starts(patterns.kind_finder(found), EVERY) == wanted


def test_word_pattern_matches_the_plain_class_over_every_code_point() -> None:
    plain = re.compile(_plain_word_class() + "+")
    spans = [hit.span() for hit in plain.finditer(EVERY)]
    assert [hit.span() for hit in patterns.word_pattern().finditer(EVERY)] == spans
    # Each code point alone: in the class or not, as the plain class says.
    word = patterns.word_pattern()
    one = re.compile(_plain_word_class())
    for cp in range(0x10000, 0x110000, 97):
        assert (word.fullmatch(chr(cp)) is None) == (one.fullmatch(chr(cp)) is None)


def _mixed_texts(count: int) -> list[str]:
    """Texts mixing members, near misses in the astral ranges, letters, spaces and marks."""
    sets = _one_of_sets()
    members = sorted({ch for chars in sets.values() for ch in chars} | set(patterns.table_kinds()))
    symbols = sorted(set(re.findall("[\U00010000-\U0010ffff]", _plain_word_class())))
    near = [
        chr(cp)
        for ch in [*members, *symbols]
        if ord(ch) > 0xFFFF
        for cp in (ord(ch) - 1, ord(ch) + 1)
    ]
    pools = [
        members,
        symbols,
        near,
        list("abcXYZ019_"),
        list(" \n\t.,-'\u00a0\u2019"),
        ["\u0301", "\u200b", "\u00ad", "é", "ı", "д", "\U0001f600", "\U0001d400", "\U0001d7ff"],
    ]
    rng = random.Random(17)  # noqa: S311 - fixed test data, not secrets
    return [
        "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 60)))
        for _ in range(count)
    ]


def test_word_patterns_find_the_same_spans_on_mixed_texts() -> None:
    plain_word = re.compile(_plain_word_class() + "+")
    plain_run = re.compile(_plain_word_class() + "*+")
    plain_suspect = re.compile(patterns.suspect_pattern().pattern + _plain_word_class() + "*+")
    word, run, suspect = (
        patterns.word_pattern(),
        patterns.word_run(),
        patterns.suspect_word_pattern(),
    )
    for text in _mixed_texts(3000):
        assert [h.span() for h in word.finditer(text)] == [
            h.span() for h in plain_word.finditer(text)
        ]
        assert [h.span() for h in suspect.finditer(text)] == [
            h.span() for h in plain_suspect.finditer(text)
        ]
        reverse = text[::-1]
        for at in range(len(text)):
            for sample in (text, reverse):
                fast, plain = run.match(sample, at), plain_run.match(sample, at)
                assert fast is not None
                assert plain is not None
                assert fast.span() == plain.span()


def test_single_character_patterns_find_the_same_hits_on_mixed_texts() -> None:
    exact = {
        name: re.compile(f"[{patterns._ranges(chars)}]") for name, chars in _one_of_sets().items()
    }
    fast = {name: re.compile(patterns._one_of(chars)) for name, chars in _one_of_sets().items()}
    kinds = _kind_sets()
    found = frozenset({"compat", "MATHEMATICAL"})
    left = {ch for kind, chars in kinds.items() if kind not in found for ch in chars}
    kind_exact = re.compile(f"[{patterns._ranges(left)}]")
    for text in _mixed_texts(600):
        for name, pattern in fast.items():
            assert _starts(pattern, text) == _starts(exact[name], text), name
        assert _starts(patterns.kind_finder(found), text) == _starts(kind_exact, text)
        assert patterns.present_kinds(text) == {
            kind for kind, chars in kinds.items() if any(ch in chars for ch in text)
        }

"""Scanning only near the gates finds exactly what a scan of the whole text finds."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random
import re
import sys

import pytest

from hoaxlens.signals.builtin import (
    alarm,
    sourcing,
    story_grammar,
    teaser,
    unverifiable_attribution,
)
from hoaxlens.signals.lexicon import Cue, Phrase, _finditer_folded, find_cues, find_phrases
from hoaxlens.signals.windows import CASE_TRAPS, Windowed, reach, windows
from hoaxlens.types import TextView

PIECES = [
    "said", "Said", "SAID", " ", " ", "\n", "\n\n", "the", "police", "told", "People",
    "reported", "Reuters", ",", ".", "Jane Smith", "spokesperson", "a", "-", "\u2014",
    "(AP)", "NASHVILLE", "March 3", "2021", "viral", "went", "x", "é", "\u0131", "\u017f",
    "İ", "k", "\u212a", "'", "\u2019", "statement", "in a", "on", "Instagram", "then it happened",
]  # fmt: skip


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80))) for _ in range(count)]


def _starts(text: str, gates: tuple[str, ...]) -> list[int]:
    folded = text.lower()
    return sorted(i for g in gates for i in range(len(folded)) if folded.startswith(g, i))


@pytest.mark.parametrize(
    "source",
    [
        r"\bsaid (?:the )?police\b",  # bounded
        r"(?-i:[A-Z][a-z]+) said\b",  # one line, unbounded
        r"\bsaid\b(?=,? [A-Z])",  # a lookahead past the match
        r"said$",  # end of line under MULTILINE
        r"police(?: \w+)* said",  # one line, unbounded repeat
        r"\b(?:the )?(?:police|jane smith),? said",  # the gate at the end of the match
    ],
)
def test_windowed_search_equals_a_whole_scan(source):
    pattern = re.compile(source, re.IGNORECASE | re.MULTILINE)
    gates = ("said",)
    for text in _texts(len(source), 400):
        if len(text.lower()) != len(text) or any(t in text for t in CASE_TRAPS):
            continue
        expected = [m.span() for m in pattern.finditer(text)]
        stretches = windows(text, _starts(text, gates), pattern)
        got = expected if stretches is None else Windowed(pattern, text, stretches).spans()
        assert got == expected, text


def test_a_pattern_that_reads_line_breaks_and_has_no_bound_is_scanned_whole():
    assert windows("said " * 100, [0], re.compile(r"said\s+.*", re.DOTALL)) is None
    assert not reach(re.compile(r"said\s+x")).one_line
    assert reach(re.compile(r"said[^\n]+x")).one_line
    assert not reach(re.compile(r"said$")).one_line  # $ without MULTILINE: the end of text
    assert reach(re.compile(r"said$", re.MULTILINE)).one_line


def test_case_traps_are_every_letter_ignorecase_matches_to_ascii_apart_from_lower():
    """Where lower-casing keeps the length, only these make a gate search miss a match."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = {
        ch
        for letter in "abcdefghijklmnopqrstuvwxyz"
        for ch in re.findall(letter, every, re.IGNORECASE)
        if ch.lower() != letter and len(ch.lower()) == 1
    }
    assert found == set(CASE_TRAPS)


def _whole(pattern: re.Pattern[str], text: str, bounded: bool) -> list[tuple[int, int]]:
    return list(
        _finditer_folded(pattern, text) if bounded else (m.span() for m in pattern.finditer(text))
    )


def _plain_cues(text: str, lexicon: tuple[Cue, ...]) -> list[tuple[int, int, Cue]]:
    """Every cue scanned over the whole text, no gate consulted."""
    folded = text.lower()
    out = []
    for cue in lexicon:
        if cue.folded is not None and len(folded) == len(text):
            spans = _whole(cue.folded, folded, cue.bounded)
        else:
            spans = _whole(cue.pattern, text, bounded=False)
        out += [(s, e, cue) for s, e in spans if e > s]
    return out


def _plain_phrases(text: str, lexicon: tuple[Phrase, ...]) -> list[tuple[int, int]]:
    folded = text.lower()
    out = []
    for p in lexicon:
        if p.folded is not None and len(folded) == len(text):
            out += _whole(p.folded, folded, bounded=True)
        else:
            out += _whole(p.pattern, text, bounded=False)
    return sorted(out)


@pytest.mark.parametrize(
    "lexicon",
    [
        sourcing.CUES,
        alarm.CUES,
        teaser.CUES,
        story_grammar.GENRE_BEATS,
        unverifiable_attribution.UNNAMED,
        unverifiable_attribution.ANCHORS,
    ],
    ids=["sourcing", "alarm", "teaser", "story_grammar", "unnamed", "anchors"],
)
def test_signal_lexicons_find_what_a_whole_scan_finds(lexicon):
    """Every shipped cue and phrase, on texts made of its gate words and case traps."""
    rng = random.Random(len(lexicon))
    words = [*PIECES]
    for item in lexicon:
        words += [*item.gates, *getattr(item, "literals", ())]
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice([" ", "\n", ", ", ""]) for _ in range(60))
        if isinstance(lexicon[0], Cue):
            got = [
                (h.start, h.end, h.cue)
                for h in find_cues(TextView(text), lexicon, overlapping=True)
            ]
            assert got == _plain_cues(text, lexicon), text
        else:
            got = [(e.span.start, e.span.end) for e in find_phrases(TextView(text), lexicon)]
            assert got == _plain_phrases(text, lexicon), text


def test_a_line_anchored_cue_is_matched_at_line_starts_only_and_finds_the_same():
    from hoaxlens.signals.lexicon import _line_anchored

    anchored = [c for c in sourcing.CUES if _line_anchored(c.pattern)]
    assert len(anchored) == 1  # the dateline naming the place
    assert not _line_anchored(sourcing.CUES[0].pattern)
    rng = random.Random(31)
    words = [*PIECES, "LOS ANGELES", "Tenn.", "ST. LOUIS", "BREAKING", " \u2014 ", " - ", "\t"]
    matched = 0
    for _ in range(1500):
        text = "".join(rng.choice(words) + rng.choice([" ", "\n", ", ", ""]) for _ in range(50))
        got = [(h.start, h.end) for h in find_cues(TextView(text), tuple(anchored))]
        assert got == [m.span() for m in anchored[0].pattern.finditer(text) if m.end() > m.start()]
        matched += bool(got)
    assert matched > 20

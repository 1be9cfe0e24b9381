"""The RE2 copies of the lexicon regexes match wherever the regexes do (issue 18)."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random
import re
import sys
from typing import TYPE_CHECKING

import pytest
import re2

from hoaxlens.signals import lexicon
from hoaxlens.signals.builtin import alarm, sourcing, story_grammar, teaser
from hoaxlens.signals.builtin import unverifiable_attribution as attribution
from hoaxlens.signals.matchset import (
    CLASS_OF,
    MatchSet,
    core_strings,
    prefix_strings,
    sre,
    widened,
)
from hoaxlens.signals.windows import CASE_TRAPS
from hoaxlens.types import TextView

if TYPE_CHECKING:
    from collections.abc import Iterator

LEXICONS = {
    "sourcing": sourcing.CUES,
    "alarm": alarm.CUES,
    "teaser": teaser.CUES,
    "story_grammar": story_grammar.GENRE_BEATS,
    "unnamed": attribution.UNNAMED,
    "anchors": attribution.ANCHORS,
}
# Letters where case-insensitive matching and lower-casing part ways, Unicode word
# characters and boundaries, line breaks.
TRAPS = [
    "İ",
    "\u0131",
    "\u017f",
    "\u212a",
    "K",
    "é",
    "É",
    "ß",
    "ǅ",
    "٣",
    "_",
    "\u00a0",
    "\u2028",
    "\n",
]
EVERY = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize(
    ("python", "category"),
    [
        (r"\w", sre.CATEGORY_UNI_WORD),
        (r"\d", sre.CATEGORY_UNI_DIGIT),
        (r"\s", sre.CATEGORY_UNI_SPACE),
    ],
    ids=["word", "digit", "space"],
)
def test_each_re2_class_holds_every_character_of_pythons(python, category):
    ours = re2.compile(f"[{CLASS_OF[category]}]")
    missing = [c for c in re.findall(python, EVERY) if not ours.fullmatch(c)]
    assert missing == []


def _scanned(entry: lexicon.Phrase | lexicon.Cue) -> re.Pattern[str]:
    """The regex ``entry`` runs on text that lower-casing keeps the same length."""
    return entry.folded if entry.folded is not None else entry.pattern


def _pieces(lexicon_: tuple[lexicon.Phrase, ...] | tuple[lexicon.Cue, ...]) -> list[str]:
    """Strings the lexicon's regexes match (when finite), its gates, and traps."""
    words = list(TRAPS)
    for entry in lexicon_:
        words += [*entry.gates, *getattr(entry, "literals", ()), *getattr(entry, "case_gates", ())]
        scanned = _scanned(entry)
        loose = lexicon.loosened(scanned.pattern) or scanned.pattern.lower()
        words += list(lexicon.literal_strings(loose, drop_anchors=True) or ())[:200]
    return [*words, "Jane Smith", "Dr. Ann Lee", "NASHVILLE", "(AP) —", "2021", "@jane", "http://x"]


def _texts(words: list[str], seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            piece = rng.choice(words)
            if rng.random() < 0.3:
                piece = "".join(c.upper() if rng.random() < 0.5 else c for c in piece)
            parts.append(piece + rng.choice([" ", "", ", ", "\n", ". ", " said "]))
        out.append("".join(parts))
    return out


def _matches(
    pattern: re.Pattern[str], texts: list[str]
) -> Iterator[tuple[str, str, Iterator[re.Match[str]]]]:
    """(text, lower-cased text, the pattern's matches there) for each text it is filtered on.

    A case-insensitive pattern reads the text itself, and texts with ``CASE_TRAPS`` or that
    lower-casing makes longer are left out (such texts are not filtered for it); any other
    reads the lower-cased text.
    """
    for text in texts:
        folded = text.lower()
        if pattern.flags & re.IGNORECASE:
            if len(folded) != len(text) or any(t in text for t in CASE_TRAPS):
                continue
            yield text, folded, pattern.finditer(text)
        else:
            yield text, folded, pattern.finditer(folded)


@pytest.mark.parametrize("name", list(LEXICONS))
def test_every_shipped_regex_copy_matches_wherever_the_regex_does(name):
    entries = LEXICONS[name]
    texts = _texts(_pieces(entries), len(name), 1500)
    copies = 0
    for entry in entries:
        scanned = _scanned(entry)
        source = widened(scanned.pattern, scanned.flags)
        if source is None:
            continue
        copies += 1
        copy = re2.compile(source)
        for text, folded, matches in _matches(scanned, texts):
            if next(matches, None) is not None:
                assert copy.search(folded) is not None, (scanned.pattern, text)
    assert copies >= len(entries) // 2


def test_a_failed_set_match_rejects_nothing():
    found = MatchSet([(r"\d{3}", 0), ("told", 0)])  # no strings to list: an RE2 copy
    assert found.match("call 911") == frozenset({0})
    assert found.match("nothing here") == frozenset()
    assert found.match("lone \ud800 surrogate") is None  # RE2 reads UTF-8 only


@pytest.mark.parametrize("name", list(LEXICONS))
def test_every_shipped_regex_matches_only_where_one_of_its_strings_occurs(name):
    entries = LEXICONS[name]
    texts = _texts(_pieces(entries), 7 + len(name), 1500)
    listed = 0
    for entry in entries:
        scanned = _scanned(entry)
        strings = core_strings(scanned.pattern, scanned.flags)
        if strings is None:
            continue
        listed += 1
        for text, folded, matches in _matches(scanned, texts):
            if next(matches, None) is not None:
                assert any(s in folded for s in strings), (scanned.pattern, text)
    assert listed == len(entries)  # every shipped regex is filtered by its strings


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"\b(?:went|gone) viral\b", 0, ("gone viral", "went viral")),
        (r"hands? over", 0, ("hand over", "hands over")),
        (
            r"(?:say|said) (?:softly|quietly)",
            0,
            ("said quietly", "said softly", "say quietly", "say softly"),
        ),
        (r"\((?-i:AP|Reuters)\)", re.IGNORECASE, ("(ap)", "(reuters)")),
        (r"Sunday|(?:Mon|Tues)day", re.IGNORECASE, ("monday", "sunday", "tuesday")),
        (r"(?:19|20)\d\d", 0, ("19", "20")),  # \d: any decimal digit, not listed
        (r"[a-c]at", re.IGNORECASE, ("aat", "bat", "cat")),
        (r"\w+ and \w+", 0, (" and ",)),
        (r"(?:x\s*)+y", 0, ("x",)),  # a repeat of at least one: its body's strings
        (r"r\.?i\.?p", re.IGNORECASE, ("r.i.p", "r.ip", "ri.p", "rip")),
        (r"\w+", 0, None),
        (r"(?i:said) it", 0, None),  # case-insensitive only in part: not listed
        (r"caf\u00e9", re.IGNORECASE, None),  # a letter beyond ASCII: its cases part ways
    ],
)
def test_core_strings(source, flags, expected):
    assert core_strings(source, flags) == expected


def test_core_strings_hold_every_match_of_tricky_regexes():
    sources = [
        (r"\bthen (it|something) happened\b", re.IGNORECASE),
        (r"(?:the )?(?:crowd|room) (?:fell|went) (?:completely )?(?:silent|quiet)", 0),
        (r"\b(?:told|said to) (?:the )?(?:(?-i:AP)|reuters|cnn)\b", re.IGNORECASE),
        (r"(?<!\d)\d+ (minutes|mins|hours) ago", 0),
        (r"see more(?:[ \t]+(?:below|here))?", re.MULTILINE),
        (r"sk[iy]", re.IGNORECASE),
    ]
    pieces = [
        *TRAPS,
        "THEN IT HAPPENED",
        "then something happened",
        "The crowd went quiet",
        "told the AP",
        "said to Reuters",
        "told ap",
        "12 minutes ago",
        "see more",
        "SEE",
        "ski",
        "SK\u0130",
        "\u212ay",
        "s\u0131",
        "\u017fky",
        "room fell completely silent",
    ]
    for source, flags in sources:
        pattern = re.compile(source, flags)
        strings = core_strings(source, flags)
        assert strings is not None, source
        for text, folded, matches in _matches(pattern, _texts(pieces, len(source), 3000)):
            if next(matches, None) is not None:
                assert any(s in folded for s in strings), (source, text)


@pytest.mark.parametrize("name", list(LEXICONS))
def test_signal_lexicons_find_the_same_with_and_without_the_match_set(name, monkeypatch):
    entries = LEXICONS[name]
    lexicon.build_speedups()
    texts = _texts(_pieces(entries), 100 + len(name), 800)
    texts += ["\n".join(texts[i : i + 40]) for i in range(0, 400, 40)]  # long: windows too
    find = lexicon.find_cues if isinstance(entries[0], lexicon.Cue) else lexicon.find_phrases
    fast = [find(TextView(t), entries) for t in texts]
    assert any(fast)
    # no MatchSet: every gate listed (no lean scan), nothing rejected, no leads
    monkeypatch.setattr(lexicon, "_match_set_now", lambda _same: None)
    assert fast == [find(TextView(t), entries) for t in texts]


def test_a_copy_leaves_out_what_can_match_nothing_at_its_ends():
    # unanchored, "(the )?associated press( news)?" matches where "associated press" does
    assert widened(r"(?:the )?associated press(?: news)?", re.IGNORECASE) == (
        r"associated\x{20}press"
    )
    assert widened(r"\bon (jan(?:uary)?|may)\b") == r"on\x{20}(?:(?:jan|may))"  # in branches
    assert widened(r"(?:jan(?:uary)?|may) \d+") == r"(?:jan(?:uary){0,}|may)\x{20}(?:[\p{Nd}]){1,}"
    texts = ["the associated press said", "associated press", "associated pres", "on january 5"]
    for source in (r"(?:the )?associated press(?: news)?", r"\bon (jan(?:uary)?|may)\b"):
        copy, full = re2.compile(widened(source)), re.compile(source)
        for text in texts:  # never narrower than the regex (here: the same answers)
            assert (copy.search(text) is not None) == (full.search(text) is not None)


@pytest.mark.parametrize("name", list(LEXICONS))
def test_every_shipped_regex_match_starts_with_one_of_its_prefix_strings(name):
    entries = LEXICONS[name]
    texts = _texts(_pieces(entries), 11 + len(name), 1500)
    listed = 0
    for entry in entries:
        scanned = _scanned(entry)
        starts = prefix_strings(scanned.pattern, scanned.flags)
        if starts is None:
            continue
        listed += 1
        for text, folded, matches in _matches(scanned, texts):
            for m in matches:
                assert folded.startswith(starts, m.start()), (scanned.pattern, text)
    assert listed >= len(entries) // 2


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"\b(?:jan|feb)\.? \d+", 0, ("feb ", "feb. ", "jan ", "jan. ")),
        (r"(?:the )?crowd", 0, ("crowd", "the crowd")),
        (r"\((?-i:AP|UPI)\)[ \t]*-", re.IGNORECASE, ("(ap)", "(upi)")),
        (r"(?<!\d)\d+ minutes ago", 0, None),  # a digit, any of Unicode's: not listed
        (r"^[ \t]*[A-Z]+ -", re.MULTILINE, None),
        (r"(?:x\s*)+y", 0, ("x",)),
        (r"(?:said|told) \w+", re.IGNORECASE, ("said ", "told ")),
        (r"(?:according to (?:the )?|told )\w+", 0, ("according to ", "told ")),  # the shorter
    ],
)
def test_prefix_strings(source, flags, expected):
    assert prefix_strings(source, flags) == expected


def test_prefix_strings_are_used_only_when_the_pass_lists_them_anyway():
    patterns = [(r"(?:the |a )\w+ spokesperson", 0), (r"went viral", 0), (r"(?:19|20)\d\d", 0)]
    found = MatchSet(patterns, listed=["19", "20", "spokesperson"])
    assert found.prefixes == {1: frozenset({"went viral"}), 2: frozenset({"19", "20"})}


def test_spans_led_by_the_prefix_strings_are_those_finditer_finds():
    # overlapping candidates, a failed \b, the last match's end
    rx = re.compile(r"\b(?:went|gone) viral(?: again)?\b")
    folded = "it went viral again, gone viral; forgone viral. went viral"
    starts = sorted(
        i
        for w in ("went viral", "gone viral")
        for i in range(len(folded))
        if folded.startswith(w, i)
    )
    expected = [m.span() for m in re.finditer(r"\b(?:went|gone) viral(?: again)?\b", folded)]
    assert lexicon._led_spans(rx, folded, starts) == expected
    cased = re.compile(r"\b(?:said|told) (?-i:[A-Z][a-z]+)", re.IGNORECASE)
    text = "SAID Jane, said jane, told Bob said Ann"
    starts = [i for i in range(len(text)) if text.lower().startswith(("said ", "told "), i)]
    assert lexicon._led_spans(cased, text, starts) == [m.span() for m in cased.finditer(text)]


def test_a_lean_scan_lists_the_gates_of_entries_added_after_the_speed_ups():
    lexicon.build_speedups()
    text = TextView("It WENT VIRAL overnight, police said.")
    assert lexicon.find_phrases(text, story_grammar.GENRE_BEATS)  # a lean scan (no traps)
    # a new lexicon gated by " viral", a string that only gated the built-in phrase
    late = lexicon.phrases((r"(went|gone) viral", "late"))
    assert [e.reason for e in lexicon.find_phrases(TextView(text.text), late)] == [
        "late: 'WENT VIRAL'"
    ]
    lexicon.register(["police said"])  # a registered string is listed by every scan
    assert lexicon.occurrences(TextView(text.text))["police said"] == [25]

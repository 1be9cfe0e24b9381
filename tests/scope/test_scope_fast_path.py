"""``assess_scope(confidence=False)`` (the analyzer's call) decides exactly as the full gate."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hoaxlens.scope import assess_scope

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scope"


def _items() -> list[tuple[str, str]]:
    items = []
    for name in ("in_scope.jsonl", "out_of_scope.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            items.append((record.get("text") or "", record.get("title") or ""))
    return items


@pytest.mark.parametrize(("text", "title"), _items())
def test_skipping_the_detector_changes_no_decision(text, title):
    full = assess_scope(text, title)
    fast = assess_scope(text, title, confidence=False)
    assert (fast.lang, fast.words, fast.reason) == (full.lang, full.words, full.reason)
    if math.isnan(fast.confidence):
        assert fast.lang == "en"


def test_a_long_english_sample_skips_the_detector():
    text = "The singer said that she was with her family when the news came, and they were " * 8
    assert math.isnan(assess_scope(text, confidence=False).confidence)
    assert not math.isnan(assess_scope(text).confidence)


def test_the_link_gate_knows_every_letter_ignorecase_matches():
    import re
    import sys

    from hoaxlens.scope.clean import _HOST_CHARS, _HOST_LETTERS

    host, letter = re.compile("[a-z0-9-]", re.IGNORECASE), re.compile("[a-z]", re.IGNORECASE)
    chars = list(map(chr, range(sys.maxunicode + 1)))
    assert {c for c in chars if host.fullmatch(c)} == _HOST_CHARS
    assert {c for c in chars if letter.fullmatch(c)} == _HOST_LETTERS


LINKY = [
    "See bit.ly/3xYz now",
    "facebook.com",
    "WWW.1800flowers",
    "go to www.-x and www.",
    "HTTPS://x",
    "a\u0131.\u017fom",  # letters IGNORECASE folds to ASCII
    "U.S. officials",
    "no link here. None at all.",
    ".com",
    "e.g.",
    "(see:http://a.b/c)and\u00a0x.com/y\u2003<www.z.org>",
    "x.com.x.com/a b.io\tc.co\nd.be. http://",
    "a..b.c",
    "@user.name",
    "mail me at a.b@c.com/x",
    "\u4eca\u5929.com",
    "tail.",
    "://",
    "www.www.www.",
]


def _subn(text):
    from hoaxlens.scope.clean import _URL

    return _URL.subn(" ", text)


@pytest.mark.parametrize("text", LINKY)
def test_links_are_removed_as_by_scanning_the_whole_text(text):
    from hoaxlens.scope.clean import _remove_links

    for piece in (text, text.upper(), text.lower(), f"x {text} y", f"{text}{text}", text * 3):
        assert _remove_links(piece) == _subn(piece)


def test_links_are_removed_as_by_scanning_the_whole_text_random():
    import random

    from hoaxlens.scope.clean import _remove_links

    rng = random.Random(18)  # noqa: S311 - test strings, not secrets
    alphabet = "ab.:/w W-@\n\t\u00a0.co1\u0131\u017f\u212a'\"<]#"
    for _ in range(20_000):
        piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _remove_links(piece) == _subn(piece), piece


def test_the_link_gate_skips_plain_prose():
    from hoaxlens.scope.clean import _link_chunks, clean_text

    prose = "She said no. Then she left, and nobody saw her again... The end."
    assert _link_chunks(prose) == []
    assert clean_text(prose).links == 0
    assert clean_text(prose + " x.co").links == 1


@pytest.mark.parametrize(
    "text",
    [
        "var x = 1; let y; function f() { return 2 }\n  const z\nimport os; export default",
        "gtag('js', new Date()); a => b; x || y; a && b; a === b; x += 1",
        "She (the singer) said = no; return home\n   return\thome\nvar\n export x",
        "Plain prose; with semicolons; and lines\nbut no code at all",
        "\u2003var x; \u00a0let y;\tconst z; functional; imports",
    ],
)
def test_code_segments_are_found_as_by_searching_each(text):
    from hoaxlens.scope.clean import _CODE, _SEGMENT, _remove_code

    kept, last, count = [], 0, 0
    for m in _SEGMENT.finditer(text):  # the former loop: every segment searched
        if _CODE.search(m.group()):
            kept.append(text[last : m.start()])
            count += 1
            last = m.end()
    kept.append(text[last:])
    assert _remove_code(text) == (" ".join(kept) if count else text, count)


def test_handles_are_removed_only_where_they_can_be():
    from hoaxlens.scope.clean import clean_text

    assert clean_text("Love you @mike and #blessed").handles == 2
    assert clean_text("Love you mike and blessed").handles == 0

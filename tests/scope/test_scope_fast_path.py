"""``assess_scope(confidence=False, words_up_to=40)`` (the analyzer's call) decides exactly as
the full gate, and the shortcuts of ``clean_text`` find what scanning the whole text finds."""

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


def _link_candidates_by_the_former_loop(text):
    """The former ``_link_candidates``: a loop over every "://" and every dot."""
    from hoaxlens.scope.clean import _HOST_CHARS, _HOST_LETTERS

    scheme, dot = text.find("://"), text.find(".", 1)
    while dot >= 0 or scheme >= 0:
        if scheme >= 0 and (dot < 0 or scheme < dot):
            yield scheme
            scheme = text.find("://", scheme + 1)
            continue
        if text[dot - 1] in _HOST_CHARS and (
            text[dot + 1 : dot + 2] in _HOST_LETTERS or text[max(0, dot - 3) : dot].lower() == "www"
        ):
            yield dot
        dot = text.find(".", dot + 1)


def test_link_candidates_are_those_of_the_former_loop():
    import random
    import sys

    from hoaxlens.scope.clean import _link_candidates

    for code in range(sys.maxunicode + 1):  # every character before and after a dot
        text = f"{chr(code)}.x x.{chr(code)} www.{chr(code)}"
        assert _link_candidates(text) == list(_link_candidates_by_the_former_loop(text)), code
    rng = random.Random(1919)  # noqa: S311 - test strings, not secrets
    alphabet = [*"ab.:/wW -9\n\u0130\u0131\u017f\u212a\u00e9", "://", "www.", "WwW."]
    for _ in range(30_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _link_candidates(text) == list(_link_candidates_by_the_former_loop(text)), text


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
    from hoaxlens.scope.clean import _remove_code

    assert _remove_code(text) == _code_removed_segment_by_segment(text)


def _code_removed_segment_by_segment(text):
    import re

    from hoaxlens.scope.clean import _CODE

    kept, last, count = [], 0, 0
    for m in re.finditer(r"[^;\n]+", text):  # the former loop: every segment searched
        if _CODE.search(m.group()):
            kept.append(text[last : m.start()])
            count += 1
            last = m.end()
    kept.append(text[last:])
    return (" ".join(kept) if count else text, count)


def test_code_segments_are_found_as_by_searching_each_random():
    import random

    from hoaxlens.scope.clean import _remove_code

    rng = random.Random(18)  # noqa: S311 - test strings, not secrets
    pieces = [*";\n(=|&{} \t\r\x1cab.", "var ", "let ", "return ", "\n  const x", "; export "]
    pieces += ["gtag(", "a = 1", "||", "&&", "=>", "(1)", "x==y", " returned", "functional "]
    pieces += ["é(", "$(", "_(", " (", "|", "&", "|||", "9("]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert _remove_code(text) == _code_removed_segment_by_segment(text), text


def _candidates_by_the_former_scan(text):
    """The former ``_code_candidates``: one regex scan for the characters and keywords."""
    import re

    from hoaxlens.scope.clean import _KEYWORD_START

    scan = re.compile(r"[(=|&]|[;\n][^\S\n]*(?:var|let|const|function|return|import|export)[^\S\n]")
    stops = [i for i in (text.find(";"), text.find("\n")) if i >= 0]
    if _KEYWORD_START.match(text, 0, min(stops) if stops else len(text)):
        yield 0
    for m in scan.finditer(text):
        at = m.start()
        char = text[at]
        if char in ";\n":
            yield at + 1
        elif char == "(":
            if at and (text[at - 1].isalnum() or text[at - 1] in "_$"):
                yield at
        elif char == "=" or text[at + 1 : at + 2] == char:
            yield at


def test_code_candidates_are_those_of_the_former_scan_random():
    import random

    from hoaxlens.scope.clean import _code_candidates

    rng = random.Random(1818)  # noqa: S311 - test strings, not secrets
    pieces = [*";\n(=|&\r\x0b\x0c\x1c\x85\u2028\u00a0 \tab$_9é", "var", "let", "const"]
    pieces += ["function", "return", "import", "export", "||", "&&", "((", "=="]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert list(_code_candidates(text)) == list(_candidates_by_the_former_scan(text)), text


def test_whitespace_is_collapsed_as_by_the_former_pattern():
    import re
    import sys

    from hoaxlens.scope.clean import clean_text

    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c))
    text = f"{spaces}Two{spaces}words{spaces}"
    assert clean_text(text).text == re.sub(r"\s+", " ", text).strip() == "Two words"
    assert set(spaces) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}


@pytest.mark.parametrize(
    "text",
    ["", "One", "Kelly's show — 20,000 fans in tears!", "今天天气很好 and more", "a b c d e f"],
)
def test_counting_words_up_to_a_number_is_the_smaller_of_the_two(text):
    from hoaxlens.scope.clean import count_words

    for up_to in range(8):
        assert count_words(text, up_to) == min(count_words(text), up_to)


def test_the_analyzers_capped_call_decides_as_the_full_count():
    long_text = "The singer said that she was with her family when the news came. " * 80
    for text, title in [*_items(), (long_text, ""), (long_text[:300], "A headline")]:
        full = assess_scope(text, title)
        capped = assess_scope(text, title, confidence=False, words_up_to=40)
        assert (capped.lang, capped.reason) == (full.lang, full.reason)
        assert capped.words == min(full.words, 40)


def test_the_callers_split_words_change_nothing():
    from hoaxlens.scope.clean import clean_text

    texts = [*_items(), *((t, "") for t in LINKY), ("var x = 1;\n<b>Hi</b> @you &amp; #tag", "")]
    texts.append(("The singer said that she was with her family. " * 120, "Headline"))
    for text, title in texts:
        assert clean_text(text, split=text.split()) == clean_text(text)
        for cap in (None, 40):
            plain = assess_scope(text, title, confidence=False, words_up_to=cap)
            given = assess_scope(text, title, confidence=False, words_up_to=cap, split=text.split())
            assert given == plain or (given.lang, given.words, given.reason, given.detail) == (
                plain.lang,
                plain.words,
                plain.reason,
                plain.detail,
            )


def test_handles_are_removed_only_where_they_can_be():
    from hoaxlens.scope.clean import clean_text

    assert clean_text("Love you @mike and #blessed").handles == 2
    assert clean_text("Love you mike and blessed").handles == 0


def test_handles_are_those_of_the_look_behind_first_pattern():
    # _HANDLE starts at the mark and looks behind it; the former pattern looked first.
    import random
    import re

    from hoaxlens.scope.clean import _HANDLE, clean_text

    former = re.compile(r"(?<![\w@])[@#]\w+")
    rng = random.Random(2026)  # noqa: S311 - test strings, not secrets
    pieces = [*"@#a_9é \n\u00a0.-", "@@", "##", "x@y", "#1", "\u0663", "\u4eca"]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _HANDLE.subn(" ", text) == former.subn(" ", text), text
    assert clean_text("@fan #sad mail@x.com a#b #").handles == 2


def _without_quotes_by_the_former_scan(text):
    """The former ``without_quotes``: a regex scan for the six marks."""
    import re

    from hoaxlens.scope.body import _CLOSERS, MAX_QUOTE

    out, pos, opener = [], 0, None
    for mark in re.finditer('["“”«»„]', text):
        char = mark.group()
        if opener is not None and char in _CLOSERS[opener.group()]:
            if mark.start() - opener.start() <= MAX_QUOTE:
                out += [text[pos : opener.start()], " "]
                pos = mark.end()
            opener = None
        elif char in _CLOSERS:
            opener = mark
    out.append(text[pos:])
    return "".join(out)


def test_quotations_are_left_out_as_by_the_former_scan():
    import random

    from hoaxlens.scope.body import without_quotes

    rng = random.Random(2121)  # noqa: S311 - test strings, not secrets
    pieces = [*'"“”«»„', "a", " ", "la", ".", "x" * 300]  # long runs: quotations over the cap
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert without_quotes(text) == _without_quotes_by_the_former_scan(text), text

"""Strip what is not story text (links, handles, markup left-overs) and count the words left.

The scope gate measures a post on its prose: a bare link or a ``<div>`` left by a scraper has
characters but no story. Everything here is regular expressions over plain text; nothing is
parsed, so broken markup is handled like any other.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

# Every pattern here scans in linear time (tests/test_regex_audit.py): repeats are
# unambiguous and starts are anchored by a look-behind, so no run is rescanned from each position.
#
# Links: a scheme or "www.", or a bare host with a path ("bit.ly/3xY", "fb.watch/abc"), or a
# bare host on a handful of TLDs that prose never ends a word with ("facebook.com"). A bare
# host without a path on other TLDs ("Paris.In") is left alone: prose typos look like that.
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"'\]]+"
    r"|(?<![\w.\-/@])(?:[a-z0-9-]+\.)+[a-z]{2,12}/[^\s<>\"'\]]*"
    r"|(?<![\w.\-/@])(?:[a-z0-9-]+\.)+(?:com|net|org|ly|be|io|co)\b",
    re.IGNORECASE,
)
# Every _URL match holds "://", "www." (any case) or a host character, a dot and a letter
# ("bit.ly", "x.com"): a text holding none has no link, and is not scanned for one (most
# texts). The classes are what IGNORECASE lets [a-z0-9-] and [a-z] match: ASCII, and four
# letters outside it (checked over every code point: tests/scope/test_scope_fast_path.py).
_FOLDED = "\u0130\u0131\u017f\u212a"  # dotted capital I, dotless i, long s, Kelvin sign
_HOST_LETTERS = frozenset(string.ascii_letters + _FOLDED)
_HOST_CHARS = _HOST_LETTERS | frozenset(string.digits + "-")
# The dots a link may hold: after a host character and before a host letter, or after "www"
# (any case: only "W" lowers to "w"). The pattern starts at the dot, so re skips from dot to
# dot in C: a third of a loop over every dot in Python.
_HOST_CLASS = "".join(map(re.escape, sorted(_HOST_CHARS)))
_LETTER_CLASS = "".join(map(re.escape, sorted(_HOST_LETTERS)))
_LINK_DOT = re.compile(rf"\.(?:(?<=[{_HOST_CLASS}]\.)(?=[{_LETTER_CLASS}])|(?<=[Ww]{{3}}\.))")
# "@" or "#" not after a word character or "@", then a word: the look-behind follows the mark
# ("(?<![\w@])[@#]" would try it at every position; starting at the mark, re skips to the
# next "@" or "#": ~3.5x less on a text that holds one)
_HANDLE = re.compile(r"[@#](?<![\w@].)\w+")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b[^<>]*>.*?(?:</\1\s*>|$)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?(?!https?:)[A-Za-z!][^<>]{0,2000}>")  # "<https://…>" is a link
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,10}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# WordPress shortcodes: "[caption id=... ]" (attributes) and their closing "[/caption]".
_SHORTCODE = re.compile(r"\[[a-z_]+\s[^\[\]\n=]*=[^\[\]\n]*\]|\[/[a-z_]+\]")
# A brace block with up to three tokens before it: a CSS rule ("body{…}", "@media (…) {…}"),
# a JS function body ("function gtag(){…}") or a JSON object. Innermost first, a few rounds.
_BRACES = re.compile(r"(?<![^\s{};])(?:[^\s{};]+[ \t]+){0,3}[^\s{};]*\{[^{}]*\}")
_BRACE_ROUNDS = 4
# Left-over code statements, split at ";" and line ends: a call glued to its name ("gtag("),
# JS operators, an assignment to a single name, or a statement keyword at the start.
_CODE = re.compile(
    r"(?<![\w$])[A-Za-z_$][\w$]*\((?!\d+\))|=>|\|\||&&|===|!==|^\s*[\w.$\[\]]+\s*[+\-]?=[^=]"
    r"|^\s*(?:var|let|const|function|return|import|export)\s",
)
# Per segment (a run of characters other than ";" and line ends): every _CODE match holds
# one of "(=|&", except a statement keyword at the segment's start ("^" of _CODE: a segment
# holds no line break); a segment with neither is not searched with _CODE.
_CODE_HINT = re.compile(r"[(=|&]")
_KEYWORD_START = re.compile(r"\s*(?:var|let|const|function|return|import|export)\s")
# The same after a ";" or a line end, up to the line's end (no whitespace past it is read):
# one pattern per stop character, so that re skips from one stop to the next in C.
_KEYWORD_AFTER = tuple(
    re.compile(rf"{stop}(?=[^\S\n]*(?:var|let|const|function|return|import|export)[^\S\n])")
    for stop in (";", "\n")
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): a run
# of letters is many words; count one per two characters, the mean length of a Chinese word.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_WHITESPACE = re.compile(r"\s")
# Markup patterns, in the order they are removed, each with a string every match holds.
_MARKUP = ((_COMMENT, "<!--"), (_SCRIPT, "<"), (_TAG, "<"), (_ENTITY, "&"), (_SHORTCODE, "["))


@dataclass(frozen=True, slots=True)
class CleanText:
    """Prose left once links, handles and markup are removed, and what was removed.

    >>> c = clean_text("So sad 😭 https://bit.ly/x <br>")
    >>> (c.text, c.words, c.links, c.markup)
    ('So sad 😭', 2, 1, 1)
    """

    text: str  # the prose, whitespace collapsed
    words: int  # words of letters in ``text`` (up to ``clean_text``'s ``words_up_to``)
    links: int  # URLs and bare hosts removed
    markup: int  # tags, entities, comments, CSS/JS blocks and statements, shortcodes removed
    handles: int  # @handles and #hashtags removed

    @property
    def has_letters(self) -> bool:
        """Whether any letter is left."""
        return self.words > 0


def _remove(pattern: re.Pattern[str], text: str) -> tuple[str, int]:
    text, count = pattern.subn(" ", text)
    return text, count


def _link_chunks(text: str) -> list[tuple[int, int]]:
    """The whitespace-free chunks of ``text`` that may hold a ``_URL`` match, in order.

    No ``_URL`` match holds whitespace, and each holds "://", "www." (any case) or a host
    character, a dot and a letter: only the chunks around those are searched.

    >>> _link_chunks("Read it at bit.ly/x now"), _link_chunks("She said no. Then left.")
    ([(11, 19)], [])
    """
    chunks: list[tuple[int, int]] = []
    floor = 0  # the end of the last chunk: nothing before it is scanned again
    for at in _link_candidates(text):
        if at < floor:
            continue  # in the chunk already listed
        start = at
        while start > floor and not text[start - 1].isspace():
            start -= 1
        space = _WHITESPACE.search(text, at)
        floor = space.start() if space is not None else len(text)
        chunks.append((start, floor))
    return chunks


def _link_candidates(text: str) -> list[int]:
    """Positions, in order, of what every ``_URL`` match holds (see ``_link_chunks``)."""
    found = [m.start() for m in _LINK_DOT.finditer(text)]
    scheme = text.find("://")
    if scheme < 0:
        return found
    while scheme >= 0:
        found.append(scheme)
        scheme = text.find("://", scheme + 1)
    return sorted(found)


def _remove_links(text: str) -> tuple[str, int]:
    """``_URL.subn(" ", text)``, searching only the chunks that may hold a link."""
    chunks = _link_chunks(text)
    if not chunks:
        return text, 0
    kept: list[str] = []
    last = 0
    for start, end in chunks:
        for m in _URL.finditer(text, start, end):
            kept.append(text[last : m.start()])
            last = m.end()
    if not kept:
        return text, 0
    kept.append(text[last:])
    return " ".join(kept), len(kept) - 1


def _code_candidates(text: str) -> Iterator[int]:
    r"""Positions, in order, inside every segment that may be code (see ``_remove_code``).

    Where a segment that may be code is: one of "(=|&" (every ``_CODE`` match holds "=",
    "||", "&&" or a name glued to "("), or a statement keyword at the start of a segment
    (after ";" or a line end: a segment holds no line break). So: each "(" glued to a name
    character (re's \w, or "$"), each "=", the first of each "||" and "&&", and the start
    of each segment that a keyword starts. Found with ``str.find``, and a scan per stop
    character that starts with it (``_KEYWORD_AFTER``), not one regex scan of the text (an
    alternation that starts with a class: about three times the cost) nor a
    ``_KEYWORD_START.match`` per ";" and line end in Python (four times).
    """
    stops = [i for i in (text.find(";"), text.find("\n")) if i >= 0]
    if _KEYWORD_START.match(text, 0, min(stops) if stops else len(text)):  # the first segment
        yield 0
    found: list[int] = []
    for char in "(=|&":
        at = text.find(char)
        while at >= 0:
            if char == "(":  # a call: a name character glued to it
                if at and (text[at - 1].isalnum() or text[at - 1] in "_$"):
                    found.append(at)
            elif char == "=" or text[at + 1 : at + 2] == char:  # "=", or the first of "||", "&&"
                found.append(at)
            at = text.find(char, at + 1)
    for after in _KEYWORD_AFTER:  # a keyword at the start of the segment after ";" or "\n"
        found += [m.end() for m in after.finditer(text)]
    found.sort()
    yield from found


def _remove_code(text: str) -> tuple[str, int]:
    r"""Remove the ``;``/line-delimited segments that read as code statements.

    A segment is code when ``_CODE`` finds something in it (searched only in a segment
    holding one of "(=|&", its ``_CODE_HINT``) or, without those, when it starts with a
    statement keyword (``_KEYWORD_START``). Only the segments holding one of those or
    starting with a keyword are looked at: the others can be neither.

    >>> _remove_code("She smiled; var x = 1;\nthen left (quietly).")
    ('She smiled; ;\nthen left (quietly).', 1)
    """
    kept: list[str] = []
    count = 0
    last = 0
    end = 0  # the end of the last segment looked at
    # The candidates come in order, so each separator search starts where the last one
    # stopped (searching back to the text's start and on to its end from every candidate
    # cost candidates x text where ";" or line breaks were missing: 4 MB, 8 s).
    before, start = 0, 0  # the last candidate looked at, and its segment's start
    size = len(text)
    semi = newline = -1  # the next ";" and line break at or after it (``size``: none)
    for at in _code_candidates(text):
        if at < end:
            continue  # in the segment looked at already
        back = max(text.rfind(";", before, at), text.rfind("\n", before, at))
        before, start = at, (back + 1 if back >= 0 else start)
        if semi < at:
            semi = text.find(";", at) % (size + 1)  # -1 (none) reads as ``size``
        if newline < at:
            newline = text.find("\n", at) % (size + 1)
        end = min(semi, newline)
        segment = text[start:end]
        if _CODE.search(segment) if _CODE_HINT.search(segment) else _KEYWORD_START.match(segment):
            kept.append(text[last:start])
            count += 1
            last = end
    if not count:
        return text, 0
    kept.append(text[last:])
    return " ".join(kept), count


def count_words(text: str, up_to: int | None = None) -> int:
    """Count words of letters; unspaced scripts count one word per two characters.

    With ``up_to``, counting stops there: the count is ``min(words, up_to)``, found
    without reading the rest of a long text.

    >>> count_words("Kelly's show — 20,000 fans in tears!")
    5
    >>> count_words("今天天气很好"), count_words("Kelly's show — 20,000 fans in tears!", 3)
    (3, 3)
    """
    if up_to is not None and up_to < 1:
        return 0
    if up_to is not None:  # the first ``up_to`` words, then whether any is unspaced
        seen = 0
        for seen, m in enumerate(_WORD.finditer(text), 1):
            if seen == up_to:
                if _UNSPACED.search(text, 0, m.end()) is None:
                    return up_to  # each of them counts one
                break
        else:
            if _UNSPACED.search(text) is None:
                return seen
    elif _UNSPACED.search(text) is None:  # every word counts one: no loop in Python
        return len(_WORD.findall(text))
    words = 0
    for m in _WORD.finditer(text):
        unspaced = len(_UNSPACED.findall(m.group()))
        words += 1 if unspaced < 2 else (unspaced + 1) // 2 + (unspaced < len(m.group()))
        if up_to is not None and words >= up_to:
            return up_to
    return words


def clean_text(
    text: str, *, words_up_to: int | None = None, split: Sequence[str] | None = None
) -> CleanText:
    """Remove links, handles and markup left-overs from ``text`` and count the words left.

    Args:
        text: a story body or a post, as extracted (plain text, possibly with stray markup).
        words_up_to: stop counting words there (``words`` is then at most this).
        split: ``text.split()``, when the caller has it (a document's view does): the
            prose of a text with nothing to remove is then joined from it, not split again.

    Returns:
        The prose that is left, its word count, and how many pieces of each kind went.
    """
    markup = 0
    for pattern, needed in _MARKUP:
        if needed in text:  # every match holds it; without it nothing is removed
            text, n = _remove(pattern, text)
            markup += n
    text, links = _remove_links(text)  # after tags (attributes hold URLs), before braces
    for _ in range(_BRACE_ROUNDS if "{" in text else 0):
        text, n = _remove(_BRACES, text)
        if not n:
            break
        markup += n
    text, n = _remove_code(text)
    markup += n
    text, handles = _remove(_HANDLE, text) if "@" in text or "#" in text else (text, 0)
    if split is None or markup or links or handles:
        split = text.split()
    prose = " ".join(split)  # whitespace collapsed, as re's \s+ and strip() would
    return CleanText(prose, count_words(prose, words_up_to), links, markup, handles)

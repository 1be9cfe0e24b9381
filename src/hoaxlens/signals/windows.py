"""Scan a text for a pattern only near the literals every match must contain.

A phrase or cue regex is run over the whole text at every position, although every match
holds one of a few strings (its gates: "reported", "spokesperson", …) that occur a handful
of times per document, if at all. When the regex cannot be longer than ``width``
characters, a match that holds a gate occurrence at ``v`` starts in ``[v - width, v]``;
when it can read no line break, it starts on ``v``'s line. ``Windowed.search`` searches
only those stretches, with the text cut where nothing past the cut can change the match,
and returns exactly what ``pattern.search(text, pos)`` returns (see ``reach`` for the
conditions, checked on the parsed regex; a pattern that meets none is scanned whole).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re

sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

UNBOUNDED = 100_000  # a width past this counts as unbounded
MAX_OCCURRENCES = 48  # a gate found more often than this: the text is scanned whole
_MARGIN = 2  # characters read past a match for \b and end-of-line checks, and one spare
# Categories that cannot match a line break (every other one can).
_NO_NEWLINE_CATEGORIES = frozenset(
    getattr(sre, f"CATEGORY_{prefix}{name}")
    for prefix in ("", "UNI_", "LOC_")
    for name in ("DIGIT", "WORD", "NOT_SPACE", "NOT_LINEBREAK")
    if hasattr(sre, f"CATEGORY_{prefix}{name}")
)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Letters that IGNORECASE matches to an ASCII letter although lower() keeps them apart:
# dotless i and long s (tests/signals/test_windows.py checks every code point). A text
# holding one may match a case-insensitive pattern where its lower-case form holds no gate.
CASE_TRAPS = ("\u0131", "\u017f")


@dataclass(frozen=True, slots=True)
class Reach:
    r"""What bounds where a pattern's matches lie, read from the parsed regex.

    ``width``: the longest match (None: unbounded). ``ahead``: how far past the longest
    match lookaheads can read (None: unbounded). ``one_line``: no part of the pattern,
    lookarounds included, can read a line break, and it has no end-of-text assertion
    (``\Z``, or ``$`` without MULTILINE) that a cut at a line break would fool.
    ``usable``: the minimum width is at least 1 and every operator is understood.
    """

    width: int | None
    ahead: int | None
    one_line: bool
    usable: bool


def _width(sub: Any) -> int | None:  # noqa: ANN401 - re's parse tree
    hi = int(sub.getwidth()[1])
    return hi if hi < UNBOUNDED else None


class _Walk:
    """One pass over a parsed regex: line breaks read, lookahead reach, unknown operators."""

    def __init__(self) -> None:
        self.newline = False
        self.ahead: int | None = 0
        self.known = True

    def _reach(self, extra: int | None) -> None:
        if self.ahead is not None:
            self.ahead = None if extra is None else max(self.ahead, extra)

    def _in(self, items: Any) -> bool:  # noqa: ANN401
        negate = bool(items) and items[0][0] is sre.NEGATE
        hit = False
        for op, av in items[1:] if negate else items:
            if op is sre.LITERAL:
                hit |= av == 10
            elif op is sre.RANGE:
                hit |= av[0] <= 10 <= av[1]
            elif op is sre.CATEGORY:
                hit |= av not in _NO_NEWLINE_CATEGORIES
            else:
                self.known = False
        return hit != negate

    def walk(self, items: Any, flags: int) -> None:  # noqa: ANN401
        for op, av in items:
            if op is sre.LITERAL:
                self.newline |= av == 10
            elif op is sre.NOT_LITERAL:
                self.newline |= av != 10
            elif op is sre.ANY:
                self.newline |= bool(flags & sre.SRE_FLAG_DOTALL)
            elif op is sre.IN:
                self.newline |= self._in(av)
            elif op is sre.AT:
                self._reach(1)
                if av in (sre.AT_END_STRING, sre.AT_BEGINNING_STRING) or (
                    av is sre.AT_END and not flags & sre.SRE_FLAG_MULTILINE
                ):
                    self.newline = True  # a cut at a line break would look like the end
            elif op is sre.BRANCH:
                for branch in av[1]:
                    self.walk(branch, flags)
            elif op is sre.SUBPATTERN:
                self.walk(av[3], (flags | av[1]) & ~av[2])
            elif op in _REPEATS:
                self.walk(av[2], flags)
            elif op is sre.ATOMIC_GROUP:
                self.walk(av, flags)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                inner = _Walk()
                inner.walk(av[1], flags)
                self.newline |= inner.newline
                self.known &= inner.known
                width = _width(av[1]) if av[0] == 1 else 0
                self._reach(None if width is None or inner.ahead is None else width + inner.ahead)
            elif op is sre.GROUPREF:
                pass  # the group it repeats is walked where it stands
            elif op is sre.GROUPREF_EXISTS:
                self.walk(av[1], flags)
                if av[2] is not None:
                    self.walk(av[2], flags)
            else:
                self.known = False


def reach(pattern: re.Pattern[str]) -> Reach:
    """The ``Reach`` of a compiled pattern (remembered per source and flags).

    Not keyed by the pattern itself: hashing a compiled pattern hashes its whole compiled
    code each time (~2 µs for a cue of 60 outlets), and this is asked for several times a
    document; a source string keeps its hash.
    """
    return reach_of(pattern.pattern, pattern.flags)


@cache
def reach_of(source: str, flags: int) -> Reach:
    """The ``Reach`` of the regex ``source`` compiled with ``flags`` (remembered)."""
    parsed = sre_parse.parse(source, flags)
    walk = _Walk()
    walk.walk(parsed, parsed.state.flags)
    low = int(parsed.getwidth()[0])
    return Reach(_width(parsed), walk.ahead, not walk.newline, walk.known and low >= 1)


def windows(
    text: str,
    starts: list[int],
    pattern: re.Pattern[str],
    *,
    also: tuple[str, ...] = (),
    lower: str = "",
) -> list[tuple[int, int, int]] | None:
    """``(first start, last start, end of text to read)`` stretches for ``Windowed``.

    ``starts``: sorted positions of gate occurrences in a text of the same length as
    ``text`` (its lower-cased form). None when the pattern's reach is not bounded (the
    whole text must be scanned) or the stretches would cover most of the text anyway.
    With ``also`` (strings one of which every match holds too, found in ``lower``, the
    lower-cased text), a stretch that holds none of them is dropped: no match lies in it.
    """
    r = reach(pattern)
    if not r.usable:
        return None
    size = len(text)
    out: list[tuple[int, int, int]] = []
    if r.width is not None and r.ahead is not None:
        width, tail = r.width, r.width + r.ahead + _MARGIN
        for v in starts:
            lo = max(0, v - width)
            if out and lo <= out[-1][1] + 1:
                out[-1] = (out[-1][0], v, min(size, v + tail))
            else:
                out.append((lo, v, min(size, v + tail)))
    elif r.one_line:
        for v in starts:
            if out and v < out[-1][2]:  # on the line of the previous window
                out[-1] = (out[-1][0], v, out[-1][2])
                continue
            end = text.find("\n", v)
            out.append((text.rfind("\n", 0, v) + 1, v, size if end < 0 else end))
    else:
        return None
    if also:
        out = [s for s in out if any(lower.find(a, s[0], s[2]) >= 0 for a in also)]
    if sum(end - lo for lo, _, end in out) * 2 > size:
        return None  # most of the text: one plain scan costs less
    return out


class Windowed:
    """``pattern.search(text, pos)`` for increasing ``pos``, reading only the stretches."""

    __slots__ = ("at", "pattern", "stretches", "text")

    def __init__(
        self, pattern: re.Pattern[str], text: str, stretches: list[tuple[int, int, int]]
    ) -> None:
        self.pattern = pattern
        self.text = text
        self.stretches = stretches
        self.at = 0

    def search(self, pos: int) -> re.Match[str] | None:
        """The first match starting at ``pos`` or later (``pos`` never decreases)."""
        stretches = self.stretches
        while self.at < len(stretches):
            lo, hi, end = stretches[self.at]
            if pos <= hi:
                m = self.pattern.search(self.text, max(pos, lo), end)
                if m is not None and m.start() <= hi:
                    return m
            self.at += 1
        return None

    def spans(self) -> list[tuple[int, int]]:
        """``[m.span() for m in pattern.finditer(text)]`` (matches are never empty)."""
        out = []
        pos = 0
        while (m := self.search(pos)) is not None:
            out.append(m.span())
            pos = m.end()
        return out

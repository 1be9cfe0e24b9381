"""Count many multi-word names in a long text at once, in time linear in the text.

``find_people`` needs, for every candidate name, how often it occurs in the headlines or the
body (``str.count``). Calling ``str.count`` once per name costs names x text: quadratic on a
hostile page that holds thousands of distinct names. Every occurrence of a name with a space
in it puts the name's first space on a space of the text, so the text is read once, space by
space, and each space is looked up by the word before it and the word after it. When the
names have few distinct first words (a long gallery page names a few dozen people), each
first word is found with ``str.find`` instead, as long as the characters read stay below
``FIND_BUDGET`` (issue 18: 4-5x faster on such pages).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


DIRECT_NAMES = 32  # up to this many names, one ``str.count`` each is faster than one pass
# Up to this many characters read (distinct first words x text), each first word is looked
# for with ``str.find`` rather than looking up the word before every space of the text.
FIND_BUDGET = 20_000_000


@dataclass(slots=True)
class _ByFirstWord:
    """Names sharing a first word, keyed by what follows their first space."""

    longer: dict[str, list[str]] = field(default_factory=dict)  # 2nd word -> 3+-word names
    two: dict[str, str] = field(default_factory=dict)  # 2nd word -> the 2-word name
    two_lengths: set[int] = field(default_factory=set)


def count_spaced(
    text: str, names: Iterable[str], starts: Mapping[str, int] | None = None
) -> Counter[str]:
    """``text.count(name, starts.get(name, 0))`` for every name that holds a space.

    Names without a space are not counted (their count is 0 here). A few names (a story
    names a handful) are counted by ``str.count`` itself, in C; many names (a hostile page)
    by one pass over the text's spaces, so that the cost never grows as names x text.

    >>> sorted(count_spaced("Ann Lee met Ann Lees, Jo Ann Lee", ["Ann Lee", "Jo Ann Lee"]).items())
    [('Ann Lee', 3), ('Jo Ann Lee', 1)]
    """
    unique = [name for name in dict.fromkeys(names) if name.find(" ") >= 1]
    starts = starts or {}
    if len(unique) <= DIRECT_NAMES:
        direct = Counter({name: text.count(name, starts.get(name, 0)) for name in unique})
        return +direct  # names that do not occur are left out, as below
    index: dict[str, _ByFirstWord] = {}
    first_lengths: set[int] = set()
    for name in unique:
        space = name.find(" ")
        if space < 1:
            continue
        first, rest = name[:space], name[space + 1 :]
        entry = index.setdefault(first, _ByFirstWord())
        first_lengths.add(space)
        second_end = rest.find(" ")
        if second_end < 0:
            entry.two[rest] = name
            entry.two_lengths.add(len(rest))
        else:
            entry.longer.setdefault(rest[:second_end], []).append(name)
    counts: Counter[str] = Counter()
    if not index:
        return counts
    ends: dict[str, int] = {}  # end of each name's last counted occurrence (no overlaps)

    def count(group: _ByFirstWord, begin: int, space: int, after_end: int) -> None:
        """Count the names of ``group`` whose first word is ``text[begin:space]``."""
        found = [
            group.two[key]
            for key in (text[space + 1 : space + 1 + n] for n in group.two_lengths)
            if key in group.two
        ]
        for name in group.longer.get(text[space + 1 : after_end], ()):
            if text.startswith(name, begin):
                found.append(name)
        for name in found:
            if begin >= starts.get(name, 0) and begin >= ends.get(name, 0):
                counts[name] += 1
                ends[name] = begin + len(name)

    if len(index) * len(text) <= FIND_BUDGET:
        # each first word and its space, where they occur (a first word holds no space);
        # per name, occurrences are met left to right as below
        for first, group in index.items():
            at = text.find(first + " ")
            while at >= 0:
                space = at + len(first)
                after_end = text.find(" ", space + 1)
                count(group, at, space, len(text) if after_end < 0 else after_end)
                at = text.find(first + " ", at + 1)
        return counts
    lengths = sorted(first_lengths)
    word_start = 0  # where the word before the current space starts
    space = text.find(" ")
    while space >= 0:
        next_space = text.find(" ", space + 1)
        after_end = len(text) if next_space < 0 else next_space
        for size in lengths:
            if size > space - word_start:
                break  # a first word holds no space: it lies within the word before
            matched = index.get(text[space - size : space])
            if matched is not None:
                count(matched, space - size, space, after_end)
        word_start = space + 1
        space = next_space
    return counts

"""Word-level differences between a template's representative and a variant."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, flagged when it differs from the other side."""

    text: str
    changed: bool


def diff_words(left: str, right: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Split both texts into segments, marking words that the other text does not share.

    >>> a, b = diff_words("Dolly paid the debt", "Reba paid the debt")
    >>> [s.text for s in a if s.changed], [s.text for s in b if s.changed]
    (['Dolly'], ['Reba'])
    """
    a, b = _WORDS.findall(left), _WORDS.findall(right)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out_a: list[Segment] = []
    out_b: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            out_a.append(Segment("".join(a[i1:i2]), changed))
        if j2 > j1:
            out_b.append(Segment("".join(b[j1:j2]), changed))
    return tuple(out_a), tuple(out_b)

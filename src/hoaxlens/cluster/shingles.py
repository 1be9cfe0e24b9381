"""Masked text → a set of word shingles (the unit MinHash compares)."""

from __future__ import annotations

import re

from hoaxlens.cluster.records import MaskedText

SHINGLE_SIZE = 5
_TOKEN = re.compile(r"\[[a-z]+\]|[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; runs of one slot token count once.

    >>> tokens("[PERSON] [PERSON] paid [AMOUNT]!")
    ['[person]', 'paid', '[amount]']
    """
    out: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        if not (out and token[0] == "[" and out[-1] == token):
            out.append(token)
    return out


def shingles(masked: MaskedText | str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Word ``size``-grams of the masked text, joined by single spaces.

    A text shorter than ``size`` words gives one shingle (the whole text); an empty text
    gives the empty set.

    >>> sorted(shingles("[PERSON] paid the bill", size=3))
    ['[person] paid the', 'paid the bill']
    """
    text = masked.text if isinstance(masked, MaskedText) else masked
    words = tokens(text)
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))

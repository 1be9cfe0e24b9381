"""Shared helpers for phrase-lexicon signals: find phrases, turn hits into evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoaxlens.types import Evidence, Span


@dataclass(frozen=True, slots=True)
class Phrase:
    """A pattern of the genre and the reason a reviewer reads when it matches."""

    pattern: re.Pattern[str]
    reason: str


def phrases(*pairs: tuple[str, str]) -> tuple[Phrase, ...]:
    """Compile ``(regex, reason)`` pairs, case-insensitive, on word boundaries.

    >>> [p.reason for p in phrases((r"then it happened", "cliffhanger beat"))]
    ['cliffhanger beat']
    """
    return tuple(Phrase(re.compile(rf"\b(?:{rx})\b", re.IGNORECASE), why) for rx, why in pairs)


def find_phrases(text: str, lexicon: tuple[Phrase, ...]) -> list[Evidence]:
    """Return one evidence item per match, in text order.

    >>> lex = phrases((r"went viral", "unsourced virality claim"))
    >>> [(e.span.start, e.reason) for e in find_phrases("It went viral.", lex)]
    [(3, "unsourced virality claim: 'went viral'")]
    """
    found = [
        Evidence(Span(m.start(), m.end()), f"{p.reason}: {_quote(m.group())}")
        for p in lexicon
        for m in p.pattern.finditer(text)
    ]
    return sorted(found, key=lambda e: (e.span.start, e.span.end))


def _quote(matched: str) -> str:
    return repr(" ".join(matched.split()))


def word_count(text: str) -> int:
    """Count whitespace-separated words (at least 1, so it can divide).

    >>> word_count("")
    1
    """
    return max(1, len(text.split()))


def saturate(value: float, half: float) -> float:
    """Map ``value >= 0`` to [0, 1): 0.5 at ``half``, approaching 1 as value grows.

    >>> saturate(0, 3), saturate(3, 3)
    (0.0, 0.5)
    """
    return value / (value + half) if value > 0 else 0.0

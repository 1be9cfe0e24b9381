"""Homoglyph obfuscation: words the normalizer had to de-obfuscate."""

from __future__ import annotations

import re
import unicodedata

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.types import Document, Evidence, Replacement, SignalResult, Span

_WORD = re.compile(r"\w+")


def _describe(rep: Replacement) -> str:
    if rep.step == "join_letters":
        return f"letters spelled out with {rep.original!r} between them"
    if not rep.replacement:
        chars = ", ".join(f"U+{ord(c):04X}" for c in rep.original)
        return f"invisible {chars} removed"
    name = unicodedata.name(rep.original[0], f"U+{ord(rep.original[0]):04X}")
    return f"{name} for {rep.replacement!r}"


class HomoglyphSignal(Signal):
    """Share of words that were written with lookalike characters.

    Measures how many words contained a character the normalizer folded or removed
    (Cyrillic 'п' for 'n', Greek 'υ' for 'u', math-bold letters, zero-width spaces).
    Score 0.0 means nothing was folded; 1.0 means at least ``saturation`` of the words
    were obfuscated. Genuine text scores 0: the normalizer never folds real Cyrillic,
    Greek or CJK words. Evidence: one span per obfuscated word, naming the characters.
    Known false positives: pasted text from tools that use math-bold letters for emphasis.
    Threshold: obfuscating farms rewrite every 'n'/'u' (about a third of English words);
    5 % keeps single stray lookalikes (a typo'd Cyrillic 'о') well below saturation.
    """

    id = "homoglyphs.v1"
    summary = "Share of words written with lookalike characters (Cyrillic п for n, Greek υ for u)"

    def __init__(self, *, saturation: float = 0.05) -> None:
        if not 0.0 < saturation <= 1.0:
            raise ValueError(f"saturation must be in (0, 1], got {saturation}")
        self.saturation = saturation

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from the normalizer's replacements, one evidence span per word."""
        if not doc.replacements:
            return SignalResult(self.id, 0.0)
        words = [(m.start(), m.end()) for m in _WORD.finditer(doc.text)]
        by_word: dict[tuple[int, int], list[Replacement]] = {}
        w = 0
        for rep in sorted(doc.replacements, key=lambda r: r.span.start):
            while w < len(words) and words[w][1] < rep.span.start:
                w += 1
            key = words[w] if w < len(words) else (rep.span.start, rep.span.end)
            by_word.setdefault(key, []).append(rep)
        ratio = len(by_word) / max(1, len(words))
        evidence = []
        for (start, end), reps in list(by_word.items())[:MAX_EVIDENCE]:
            kinds = dict.fromkeys(_describe(r) for r in reps)
            reason = f"{doc.text[start:end]!r} was obfuscated: " + "; ".join(kinds)
            evidence.append(Evidence(Span(start, end), reason))
        return SignalResult(self.id, min(1.0, ratio / self.saturation), tuple(evidence))

"""Homoglyph obfuscation: words the normalizer had to de-obfuscate."""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from bisect import bisect_left
from collections import Counter

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.types import Document, Evidence, Replacement, SignalResult, Span

_WORD = re.compile(r"\w+")
_ORIGINAL = operator.attrgetter("original")
_REPLACEMENT = operator.attrgetter("replacement")
SUMMARY_PAIRS = 4  # lookalike pairs named in the summary, most frequent first


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
    Greek or CJK words. Evidence: one span per obfuscated word, naming the characters; the
    first one's reason also sums up the page ("273 letters in 198 words were lookalikes:
    205 \u043f \u2192 n, 68 \u03c5 \u2192 u").
    Known false positives: pasted text from tools that use math-bold letters for emphasis.
    Threshold: obfuscating farms rewrite every 'n'/'u' (about a third of English words);
    5 % keeps single stray lookalikes (a typo'd Cyrillic 'о') well below saturation.
    """

    id = "homoglyphs.v1"
    summary = "Share of words written with lookalike characters (Cyrillic п for n, Greek υ for u)"
    name = "Lookalike letters"

    def __init__(self, *, saturation: float = 0.05) -> None:
        if not 0.0 < saturation <= 1.0:
            raise ValueError(f"saturation must be in (0, 1], got {saturation}")
        self.saturation = saturation

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from the normalizer's replacements, one evidence span per word."""
        if not doc.replacements:
            return SignalResult(self.id, 0.0)
        text = doc.text
        # One pass in C per list, then one bisection per replacement: a 4 MB page folds
        # 800,000 characters, and a tuple per word and a list per obfuscated word cost more
        # than the rest of the signal (issue 15). Same words and order as a merge walk.
        ends = [m.end() for m in _WORD.finditer(text)]
        reps = doc.replacements
        starts = [r.span.start for r in reps]
        if any(map(operator.gt, starts, itertools.islice(starts, 1, None))):
            order = sorted(range(len(reps)), key=starts.__getitem__)  # stable, like sorted
            reps = tuple(reps[i] for i in order)
            starts = [starts[i] for i in order]
        shown: dict[int | tuple[int, int], list[Replacement]] = {}  # the first MAX_EVIDENCE
        past_end: set[tuple[int, int]] = set()  # replacements after the last word
        obfuscated = 0  # distinct words (in-word, non-decreasing indices, counted at a change)
        w, last = 0, -1
        for rep, start in zip(reps, starts, strict=True):
            w = bisect_left(ends, start, w)  # the first word that ends at or after it
            key: int | tuple[int, int]
            if w < len(ends):
                key = w
                if w != last:
                    obfuscated += 1
                    last = w
            else:
                key = (start, rep.span.end)
                past_end.add(key)
            if key in shown:
                shown[key].append(rep)
            elif len(shown) < MAX_EVIDENCE:
                shown[key] = [rep]
        ratio = (obfuscated + len(past_end)) / max(1, len(ends))
        evidence = []
        for key, word_reps in shown.items():
            if isinstance(key, int):
                word = _WORD.search(text, ends[key - 1] if key else 0)  # the word ending there
                span = Span(word.start() if word else 0, ends[key])
            else:
                span = Span(*key)
            kinds = dict.fromkeys(_describe(r) for r in word_reps)
            reason = f"{text[span.start : span.end]!r} was obfuscated: " + "; ".join(kinds)
            evidence.append(Evidence(span, reason))
        if evidence:  # the first item sums up the whole page for a reviewer
            first = evidence[0]
            summary = _summary(reps, obfuscated + len(past_end))
            evidence[0] = Evidence(first.span, f"{summary} (first: {first.reason})")
        return SignalResult(self.id, min(1.0, ratio / self.saturation), tuple(evidence))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(reps: tuple[Replacement, ...], words: int) -> str:
    """One line over every replacement: "273 letters in 198 words were lookalikes: 205 ..."."""
    pairs = Counter(zip(map(_ORIGINAL, reps), map(_REPLACEMENT, reps), strict=True))
    folded = [(n, o, r) for (o, r), n in pairs.most_common() if r]
    letters = sum(n for n, _, _ in folded)
    removed = sum(n for (_, r), n in pairs.items() if not r)
    parts = []
    if letters:
        shown = ", ".join(f"{n} {o} \u2192 {r}" for n, o, r in folded[:SUMMARY_PAIRS])
        more = ", \u2026" if len(folded) > SUMMARY_PAIRS else ""
        verb = "was a lookalike" if letters == 1 else "were lookalikes"
        parts.append(
            f"{_plural(letters, 'letter')} in {_plural(words, 'word')} {verb}: {shown}{more}"
        )
    if removed:
        parts.append(f"{_plural(removed, 'invisible or spacer character')} removed")
    return "; ".join(parts)

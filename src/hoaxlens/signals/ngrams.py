"""Word n-gram features shared by training and scoring of the linear text models.

One tokenizer for both sides, so that a model trained by ``hoaxlens train`` sees exactly
the features it is later scored on. Features are binary (an n-gram is present or not),
scaled by ``1/sqrt(number of distinct n-grams in the text)`` so that long and short texts
weigh alike; the scale needs no vocabulary, so a shipped model only stores the n-grams it
gives weight to.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
SEPARATOR = " "


@dataclass(frozen=True, slots=True)
class NgramFeatures:
    """The distinct n-grams of one text, each with the span of its first occurrence."""

    first_span: dict[str, tuple[int, int]]  # n-gram -> (start, end) in the text
    scale: float  # the value every present feature takes

    def names(self) -> list[str]:
        """The n-grams, in order of first occurrence."""
        return list(self.first_span)


def ngram_features(text: str, max_n: int = 2, max_chars: int = 20_000) -> NgramFeatures:
    """Lower-cased word n-grams (1..``max_n``) of ``text``; only its first ``max_chars`` count.

    >>> f = ngram_features("Then it happened. Then")
    >>> f.names()
    ['then', 'it', 'then it', 'happened', 'it happened', 'happened then']
    >>> f.first_span["it happened"]
    (5, 16)
    """
    folded = text[:max_chars].lower().replace("\u2019", "'")  # same length: both 1:1 here
    if len(folded) != min(len(text), max_chars):  # rare letters (İ) grow when lower-cased
        folded = "".join(c if len(c.lower()) > 1 else c.lower() for c in text[:max_chars])
        folded = folded.replace("\u2019", "'")
    matches = list(_TOKEN.finditer(folded))
    words = [m.group() for m in matches]
    spans: dict[str, tuple[int, int]] = {}
    setdefault = spans.setdefault
    for i, m in enumerate(matches):
        start, end = m.span()
        setdefault(words[i], (start, end))
        for n in range(2, min(max_n, i + 1) + 1):
            first = i - n + 1
            gram = SEPARATOR.join(words[first : i + 1])
            setdefault(gram, (matches[first].start(), end))
    return NgramFeatures(spans, 1.0 / math.sqrt(max(1, len(spans))))

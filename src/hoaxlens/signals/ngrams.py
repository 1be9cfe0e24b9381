"""Word n-gram features shared by training and scoring of the linear text models.

One tokenizer for both sides, so that a model trained by ``hoaxlens train`` sees exactly
the features it is later scored on. Features are binary (an n-gram is present or not),
scaled by ``1/sqrt(number of distinct n-grams in the text)`` so that long and short texts
weigh alike; the scale needs no vocabulary, so a shipped model only stores the n-grams it
gives weight to.

Everything per token runs in C: ``str.translate`` and ``split`` for the words (the word
regex's ``findall`` for texts outside Latin-1), ``map(" ".join, zip(...))``
for the longer n-grams, slice assignment to interleave them, ``dict.fromkeys`` to keep the
distinct ones in order of first occurrence. Where an n-gram occurs is worked out only for
the few n-grams a signal shows as evidence (``NgramFeatures.span``).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoaxlens.types import TextView

SEPARATOR = " "
NGRAM_CHARS = 20_000  # only the first this many characters of a text give features


@cache
def _token() -> re.Pattern[str]:
    """The word pattern, compiled on first use (not at import)."""
    return re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")


@dataclass(frozen=True, slots=True)
class NgramTokens:
    """The lower-cased words of a text's first ``NGRAM_CHARS`` characters.

    ``folded`` is that part of the text lower-cased, right single quotes written as
    apostrophes, of the same length, so that positions in it are positions in the text.
    """

    folded: str
    words: tuple[str, ...]


def _fold(text: str) -> str:
    folded = text.lower().replace("\u2019", "'")  # same length: both 1:1 here
    if len(folded) != len(text):  # rare letters (İ) grow when lower-cased: keep them
        folded = "".join(c if len(c.lower()) > 1 else c.lower() for c in text)
        folded = folded.replace("\u2019", "'")
    return folded


# Latin-1 code points: each letter or digit (what ``[^\W_]`` matches) and the apostrophe
# kept, every other one made a space.
_KEEP = bytes(i if chr(i).isalnum() or i == 39 else 32 for i in range(256))
# Separators common in English text outside Latin-1, made spaces before encoding.
_PUNCTUATION = ("\u201c", "\u201d", "\u2014", "\u2018", "\u2013", "\u2026")
_MAX_OTHER_MARKS = 8  # other non-word characters outside Latin-1 spaced one by one, at most


@cache
def _loose_apostrophe() -> re.Pattern[str]:
    """In spaced text: an apostrophe next to a space or another apostrophe (not in a word)."""
    return re.compile(r"'(?:(?<=[ ']')|(?=[ ']))")


@cache
def _two_apostrophes() -> re.Pattern[str]:
    """In spaced text: word characters between two apostrophes (as in "rock'n'roll")."""
    return re.compile(r"'[^ ']*'")


# Latin-1 letters that lower-cased text never holds (the upper-case ones): in the spaced
# copy each stands in for one letter or digit outside Latin-1, put back before the split.
_STAND_INS = "".join(chr(i) for i in range(0xC0, 0xDF) if chr(i).isalnum())


def _words(folded: str) -> list[str]:
    """``_token().findall(folded)``, without the regex for most texts.

    Every character that cannot be in a word becomes a space (one C ``translate`` of the
    Latin-1 bytes), then every apostrophe that is not between two word characters; the
    words are then what ``split`` finds. Characters outside Latin-1 that cannot be in a
    word become spaces first; letters and digits outside Latin-1 ("ž", "ć": names) are
    written as a Latin-1 stand-in until the split (one per letter, ``_STAND_INS``, at most
    30). A word with two apostrophes ("rock'n'roll" is "rock'n", "roll"), and a text with
    more such letters or more than ``_MAX_OTHER_MARKS`` other marks, take the regex.
    """
    spaced = folded
    for mark in _PUNCTUATION:
        spaced = spaced.replace(mark, " ")
    stand_ins: list[tuple[str, str]] = []
    marks = 0
    while True:
        try:
            latin = spaced.encode("latin-1")
            break
        except UnicodeEncodeError as error:  # a character outside Latin-1: "•", "€", "😀"
            mark = spaced[error.start]
            if mark.isalnum():  # a letter or digit (Cyrillic, Greek, "ž"): a stand-in
                if len(stand_ins) == len(_STAND_INS) or _STAND_INS[len(stand_ins)] in folded:
                    return _token().findall(folded)
                stand_ins.append((_STAND_INS[len(stand_ins)], mark))
                spaced = spaced.replace(mark, stand_ins[-1][0])
                continue
            marks += 1
            if marks > _MAX_OTHER_MARKS:
                return _token().findall(folded)
            spaced = spaced.replace(mark, " ")  # not in a word: a separator like a space
    spaced = latin.translate(_KEEP).decode("latin-1")
    if "'" in spaced:
        spaced = _loose_apostrophe().sub(" ", f" {spaced} ")
        if _two_apostrophes().search(spaced):
            return _token().findall(folded)
    for stand_in, letter in stand_ins:
        spaced = spaced.replace(stand_in, letter)
    return spaced.split()


def ngram_tokens(text: str, max_chars: int = NGRAM_CHARS) -> NgramTokens:
    """Tokenize the first ``max_chars`` characters of ``text`` (what ``TextView.derive`` caches).

    >>> ngram_tokens("Her face\u2019s TEARS").words
    ('her', "face's", 'tears')
    """
    folded = _fold(text[:max_chars])
    return NgramTokens(folded, tuple(_words(folded)))


def view_tokens(view: TextView) -> NgramTokens:
    """``ngram_tokens(view.text)``, from the view's lower-cased text when it is the same.

    A text of at most ``NGRAM_CHARS`` characters that lower-casing keeps the same length
    is folded from ``view.lower`` (which the lexicon scans have made already), not
    lower-cased again; others are tokenized once per view (``derive``).
    """
    text = view.text
    if len(text) > NGRAM_CHARS or len(view.lower) != len(text):
        return view.derive(ngram_tokens)
    folded = view.lower.replace("\u2019", "'")
    return NgramTokens(folded, tuple(_words(folded)))


def _ngram_lists(words: tuple[str, ...], max_n: int) -> list[list[str] | tuple[str, ...]]:
    """``lists[k - 1][j]``: the ``k``-gram that starts at word ``j``, for k = 1..max_n."""
    lists: list[list[str] | tuple[str, ...]] = [words]
    for k in range(2, max_n + 1):
        shifted = [itertools.islice(words, i, None) for i in range(k)]
        lists.append(list(map(SEPARATOR.join, zip(*shifted, strict=False))))
    return lists


def _in_order(words: tuple[str, ...], max_n: int) -> list[str]:
    """Every n-gram occurrence in the order of the old per-token loop.

    Word ``i`` gives its unigram, then the bigram, trigram, … that end at it.
    """
    n = len(words)
    if max_n == 2 and n > 1:  # the models' order, in three slice assignments
        keys = [""] * (2 * n - 1)
        keys[0] = words[0]
        keys[1::2] = words[1:]  # word i at 2i - 1, then the bigram ending at it
        # zip reuses its pair tuple, pairwise does not: 1.2x faster here
        keys[2::2] = map(SEPARATOR.join, zip(words, words[1:], strict=False))  # noqa: RUF007
        return keys
    lists = _ngram_lists(words, max_n)
    head = min(n, max_n - 1)  # words with fewer than max_n n-grams ending at them
    keys = [g for i in range(head) for g in (lists[k][i - k] for k in range(i + 1))]
    rows = n - head
    if rows > 0:
        block: list[str] = [""] * (rows * max_n)
        for k in range(max_n):  # the (k+1)-grams ending at words head..n-1
            block[k::max_n] = lists[k][head - k : n - k]
        keys += block
    return keys


def _first_index(words: tuple[str, ...], parts: tuple[str, ...]) -> int:
    """Where the n-gram of the words ``parts`` first starts in ``words``.

    ``_ngram_lists(words, len(parts))[len(parts) - 1].index(" ".join(parts))``, without
    joining every n-gram of the text: only the places of its first word are tried.

    Raises:
        ValueError: when the n-gram is not in ``words``.
    """
    size = len(parts)
    at = words.index(parts[0])
    while words[at : at + size] != parts:
        at = words.index(parts[0], at + 1)
    return at


@dataclass(frozen=True, slots=True)
class NgramFeatures:
    """The distinct n-grams of one text, in order of first occurrence, and their value.

    ``distinct`` holds them as the keys of a dict (what removed the repeats), which the
    linear models read directly; ``grams`` copies them into a tuple for other readers.
    """

    distinct: dict[str, None]  # distinct n-grams (keys), in order of first occurrence
    scale: float  # the value every present feature takes
    tokens: NgramTokens

    def __eq__(self, other: object) -> bool:
        """Equal when the n-grams (in order), the value and the tokens are (as a tuple was)."""
        if not isinstance(other, NgramFeatures):
            return NotImplemented
        return (self.grams, self.scale, self.tokens) == (other.grams, other.scale, other.tokens)

    def __hash__(self) -> int:
        """Hashable as when the n-grams were a tuple (a dict field would make it raise)."""
        return hash((self.grams, self.scale, self.tokens))

    @property
    def grams(self) -> tuple[str, ...]:
        """The distinct n-grams, in order of first occurrence."""
        return tuple(self.distinct)

    def names(self) -> list[str]:
        """The n-grams, in order of first occurrence."""
        return list(self.distinct)

    def span(self, gram: str) -> tuple[int, int]:
        """``(start, end)`` in the text of the first occurrence of ``gram`` (one of ``grams``).

        Raises:
            ValueError: when ``gram`` is not an n-gram of the text.
        """
        parts = tuple(gram.split(SEPARATOR))
        size = len(parts)
        first = _first_index(self.tokens.words, parts)
        matches = list(itertools.islice(_token().finditer(self.tokens.folded), first, first + size))
        if len(matches) != size:
            raise ValueError(f"{gram!r} is not an n-gram of the text")
        return matches[0].start(), matches[-1].end()

    def spans(self, grams: list[str]) -> list[tuple[int, int]]:
        """``[self.span(g) for g in grams]``, the word positions found once.

        Raises:
            ValueError: when one of ``grams`` is not an n-gram of the text.
        """
        firsts = []
        for gram in grams:
            parts = tuple(gram.split(SEPARATOR))
            firsts.append((_first_index(self.tokens.words, parts), len(parts)))
        needed = max((first + size for first, size in firsts), default=0)
        matches = list(itertools.islice(_token().finditer(self.tokens.folded), needed))
        if len(matches) < needed:
            raise ValueError("an n-gram is not one of the text")
        return [(matches[first].start(), matches[first + size - 1].end()) for first, size in firsts]

    @property
    def first_span(self) -> dict[str, tuple[int, int]]:
        """Every n-gram with the span of its first occurrence (all of them: slower)."""
        matches = list(_token().finditer(self.tokens.folded))
        spans: dict[str, tuple[int, int]] = {}
        max_n = max((g.count(SEPARATOR) + 1 for g in self.distinct), default=1)
        words = self.tokens.words
        for i, m in enumerate(matches):
            spans.setdefault(words[i], m.span())
            for n in range(2, min(max_n, i + 1) + 1):
                first = i - n + 1
                gram = SEPARATOR.join(words[first : i + 1])
                spans.setdefault(gram, (matches[first].start(), m.end()))
        return spans


def features_of(tokens: NgramTokens, max_n: int = 2) -> NgramFeatures:
    """Lower-cased word n-grams (1..``max_n``) of tokenized text."""
    distinct = dict.fromkeys(_in_order(tokens.words, max_n))
    return NgramFeatures(distinct, 1.0 / math.sqrt(max(1, len(distinct))), tokens)


def ngram_features(text: str, max_n: int = 2, max_chars: int = NGRAM_CHARS) -> NgramFeatures:
    """Lower-cased word n-grams (1..``max_n``) of ``text``; only its first ``max_chars`` count.

    >>> f = ngram_features("Then it happened. Then")
    >>> f.names()
    ['then', 'it', 'then it', 'happened', 'it happened', 'happened then']
    >>> f.span("it happened")
    (5, 16)
    """
    return features_of(ngram_tokens(text, max_chars), max_n)

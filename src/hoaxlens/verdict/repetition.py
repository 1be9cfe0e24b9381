"""Copies of earlier sentences in a text, so that repeated material stops counting.

Padding a short story with one neutral sentence copied many times moved its verdict two
ways (issue 16): the length calibration read the padded length (a longer text gets another
bucket, which scaled every contribution up), and signals that read a density over the whole
text (story_grammar.v1's dramatic lines per length) saw the story thinned out. Here each
sentence counts once: ``Repetition.distinct_chars`` is the length the calibration reads, and
``without_copies`` is the text the verdict re-reads before it gives an all-clear
(``decide.decide_label``, rule 4).

A copy is a sentence (ended by ``.``, ``!``, ``?`` or a line break) of at least three words
that is, word for word (case and spacing aside), a sentence seen earlier. Shorter
ones ("Share this.", "Advertisement") are page furniture, not padding, and never count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from hoaxlens.types import Span

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hoaxlens.types import Replacement

# a sentence: up to . ! ? (with closing quotes and brackets) or a line break; they tile the text
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'\u201d\u2019)\]]*|\n|$)")
_CLOSERS = "\"'\u201d\u2019)]"
_OPENING = _CLOSERS + " "  # what ``_may_repeat`` strips from a stretch's start


@dataclass(frozen=True, slots=True)
class Repetition:
    """Copies of earlier sentences in a text of ``chars`` characters.

    ``repeated_chars`` is what the copies take up (each with the spaces before it, so that
    ``distinct_chars`` is the length of ``without_copies(text)``), ``copies`` how many copies
    there are and ``sentences`` how many distinct sentences they copy. ``spans`` are the
    copies' ``[start, end)`` (``copy_spans``), kept so that the re-read cuts them without
    finding them again.
    """

    chars: int
    repeated_chars: int = 0
    copies: int = 0
    sentences: int = 0
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def distinct_chars(self) -> int:
        """The text's length with each repeated sentence counted once."""
        return self.chars - self.repeated_chars

    @property
    def share(self) -> float:
        """The part of the text (by characters) that copies earlier sentences."""
        return self.repeated_chars / self.chars if self.chars else 0.0


def _key(folded: str) -> str | None:
    """What a sentence is compared by: its words, case and spacing aside; None under three.

    ``folded`` is the sentence case-folded. (Spacing and case varied copy by copy,
    ``It is  all in court records.``, are still copies.)
    """
    words = folded.split()
    return " ".join(words) if len(words) >= 3 else None


def _may_repeat(text: str) -> bool:
    r"""False only when no sentence of ``text`` can be a copy: string methods, no regex.

    Two equal sentences have equal stretches between their ends, so the stretches between any
    ``. ! ? \n`` (closing quotes and spaces stripped from their starts, as many as there are:
    a sentence's closing quote opens the next stretch) are compared instead; most texts have
    no two equal ones and skip the sentence-by-sentence pass (~25 us for 3 KB). A stretch
    counts its words before the stripping, so no sentence of three words is missed.
    """
    # casefold maps character by character, none of them to or from ". ! ? \n" or whitespace
    # (tests/verdict/test_repetition_padding.py): folding the text folds each stretch
    folded = text.casefold().replace("!", ".").replace("?", ".").replace("\n", ".")
    # (as ``_key`` compares sentences; words counted before the opening closers go)
    if folded.isprintable() and "  " not in folded:
        # No whitespace but single spaces (no other whitespace character is printable): a
        # stretch's words joined by one space are the stretch stripped, and it has one space
        # fewer than words. The same keys without splitting and joining each stretch.
        keys = [
            stretch.lstrip(_OPENING)
            for stretch in map(str.strip, folded.split("."))
            if stretch.count(" ") >= 2
        ]
    else:
        keys = [
            " ".join(words).lstrip(_OPENING)
            for words in map(str.split, folded.split("."))
            if len(words) >= 3
        ]
    return len(set(keys)) != len(keys)


def repetition(text: str) -> Repetition:
    """Count the copies of earlier sentences in ``text``.

    >>> once = "A fine story here. It is all in court records."
    >>> r = repetition(once + " It is all in court records.")
    >>> r.copies, r.sentences, r.distinct_chars == len(once)
    (1, 1, True)
    >>> repetition("No copies at all. Just two sentences. No copies at all!").copies
    0
    """
    if not _may_repeat(text):
        return Repetition(len(text))
    spans, sentences = _copies(text)
    repeated = sum(end - start for start, end in spans)
    return Repetition(len(text), repeated, len(spans), sentences, tuple(spans))


def _copies(text: str) -> tuple[list[tuple[int, int]], int]:
    """The copies' spans and how many distinct sentences they copy (the one sentence pass).

    A copy that ends its line leaves the line break out of its span.
    """
    seen: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    at = 0
    # casefold maps character by character, none of them to or from what ends a sentence;
    # where no character grows (ß to ss), the folded text's sentences have the text's places
    folded = text.casefold()
    aligned = len(folded) == len(text)
    for piece in _SENTENCE.findall(folded if aligned else text):
        end = at + len(piece)
        key = _key(piece if aligned else piece.casefold())
        if key is not None:
            n = seen[key] = seen.get(key, 0) + 1
            if n > 1:
                spans.append((at, end - piece.endswith("\n")))
        at = end
    return spans, sum(1 for n in seen.values() if n > 1)


def copy_spans(text: str) -> list[tuple[int, int]]:
    r"""Where ``without_copies`` leaves ``text`` out: ``[start, end)`` of each copy, in order.

    >>> copy_spans("Story. It is all in court records. It is all in court records.\nEnd.")
    [(34, 62)]
    """
    return _copies(text)[0]


def without_copies(text: str, spans: Iterable[tuple[int, int]] | None = None) -> str:
    r"""``text`` with every copy of an earlier sentence left out (the first one kept).

    A copy that filled a line leaves its line break, so the lines around it stay apart.
    ``spans`` are ``copy_spans(text)`` (``Repetition.spans``) where the caller has them.

    >>> without_copies("Story. It is all in court records. It is all in court records.\nEnd.")
    'Story. It is all in court records.\nEnd.'
    """
    kept: list[str] = []
    at = 0
    for start, end in copy_spans(text) if spans is None else spans:
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    return "".join(kept)


def kept_replacements(
    replacements: Iterable[Replacement], cut: Sequence[tuple[int, int]]
) -> tuple[Replacement, ...]:
    """The normalizer's ``replacements`` located in the text with the ``cut`` spans left out.

    ``cut`` is ``copy_spans(text)`` (ordered, disjoint): a replacement inside a copy goes with
    it (its first occurrence keeps its own); every other one moves back by what was cut
    before it, so the re-read of ``without_copies(text)`` still sees the text's homoglyphs.
    A bisection per replacement: a text of many copies and many replacements stays linear.
    """
    ends = [end for _, end in cut]
    before = list(accumulate((end - start for start, end in cut), initial=0))
    kept: list[Replacement] = []
    for rep in replacements:
        start, end = rep.span.start, rep.span.end
        i = bisect_right(ends, start)  # the cuts wholly before the replacement
        if i < len(cut) and cut[i][0] < end:
            continue  # inside a copy (a deletion at a copy's start stays)
        shift = before[i]
        kept.append(rep if not shift else replace(rep, span=Span(start - shift, end - shift)))
    return tuple(kept)

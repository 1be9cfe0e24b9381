"""Shared helpers for phrase-lexicon signals: find phrases, turn hits into evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.types import Evidence, Span

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


@dataclass(frozen=True, slots=True)
class Phrase:
    """A pattern of the genre and the reason a reviewer reads when it matches."""

    pattern: re.Pattern[str]  # case-insensitive, with word boundaries
    reason: str
    # The same phrase for lower-cased text, without the leading \b (checked by hand), so
    # that the regex engine can skip ahead on the first characters: about 3x faster.
    # None when the pattern has upper-case letters (\S, [A-Z], …) and cannot be lowered.
    folded: re.Pattern[str] | None = None


def phrases(*pairs: tuple[str, str]) -> tuple[Phrase, ...]:
    """Compile ``(regex, reason)`` pairs, case-insensitive, on word boundaries.

    >>> [p.reason for p in phrases((r"then it happened", "cliffhanger beat"))]
    ['cliffhanger beat']
    """
    return tuple(
        Phrase(
            re.compile(rf"\b(?:{rx})\b", re.IGNORECASE),
            why,
            re.compile(rf"(?:{rx})\b") if rx == rx.lower() else None,
        )
        for rx, why in pairs
    )


_WORD = re.compile(r"\w")


def _finditer_folded(pattern: re.Pattern[str], folded: str) -> Iterator[tuple[int, int]]:
    """Spans where a folded phrase matches ``folded``, with the leading word boundary checked."""
    pos = 0
    while (m := pattern.search(folded, pos)) is not None:
        start = m.start()
        before = start > 0 and _WORD.match(folded, start - 1) is not None
        if before != (_WORD.match(folded, start) is not None):  # \b holds at start
            yield start, m.end()
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1


def find_phrases(text: str, lexicon: tuple[Phrase, ...]) -> list[Evidence]:
    """Return one evidence item per match, in text order.

    >>> lex = phrases((r"went viral", "unsourced virality claim"))
    >>> [(e.span.start, e.reason) for e in find_phrases("It went viral.", lex)]
    [(3, "unsourced virality claim: 'went viral'")]
    """
    folded = _lowered(text)
    same_length = len(folded) == len(text)  # a few characters ('İ') grow when lower-cased
    found: list[Evidence] = []
    for p in lexicon:
        if p.folded is not None and same_length:
            spans: Iterable[tuple[int, int]] = _finditer_folded(p.folded, folded)
        else:
            spans = (m.span() for m in p.pattern.finditer(text))
        found.extend(
            Evidence(Span(start, end), f"{p.reason}: {_quote(text[start:end])}")
            for start, end in spans
        )
    return sorted(found, key=lambda e: (e.span.start, e.span.end))


# The last text lower-cased and word-counted, with the answers. Every lexicon signal asks
# about the same document text in turn; on a 4 MB page each ``lower``/``split`` costs a
# tenth of a second or more (issue 15), so the answer for the text just seen is reused
# (an identity check: strings are immutable, so the cached answer cannot go stale).
_LAST_LOWERED: tuple[str, str] = ("", "")
_LAST_COUNTED: tuple[str, int] = ("", 1)


def _lowered(text: str) -> str:
    """``text.lower()``, remembered for the last text asked about."""
    global _LAST_LOWERED
    last, folded = _LAST_LOWERED
    if last is not text:
        folded = text.lower()
        _LAST_LOWERED = (text, folded)
    return folded


def _quote(matched: str) -> str:
    return repr(" ".join(matched.split()))


def word_count(text: str) -> int:
    """Count whitespace-separated words (at least 1, so it can divide).

    >>> word_count("")
    1
    """
    global _LAST_COUNTED
    last, count = _LAST_COUNTED
    if last is not text:
        count = max(1, len(text.split()))
        _LAST_COUNTED = (text, count)
    return count


def saturate(value: float, half: float) -> float:
    """Map ``value >= 0`` to [0, 1): 0.5 at ``half``, approaching 1 as value grows.

    >>> saturate(0, 3), saturate(3, 3)
    (0.0, 0.5)
    """
    return value / (value + half) if value > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Cue:
    """One weighted cue: a pattern, the kind it counts toward and the reason shown.

    Built by ``cues``; ``find_cues`` scans for it only when one of its ``gates`` (lower-case
    substrings, one of which every match contains) occurs in the text, so that a text pays
    a substring test, not a regex scan, for each cue it cannot contain.
    """

    kind: str  # cues of one kind count together (e.g. "dateline", "statement")
    weight: float  # strength of the cue; the signal decides how weights add up
    reason: str
    pattern: re.Pattern[str]  # case-insensitive and multi-line, on the text itself
    # The same cue for lower-cased text, without its leading \b (checked by hand when
    # ``bounded``), as in ``Phrase.folded``; None when the regex has upper-case parts.
    folded: re.Pattern[str] | None
    bounded: bool
    gates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """Where one cue matched."""

    start: int
    end: int
    cue: Cue


def cues(*rows: tuple[str, str, float, str, tuple[str, ...]]) -> tuple[Cue, ...]:
    r"""Compile ``(regex, kind, weight, reason, gates)`` rows, case-insensitive, multi-line.

    Regexes carry their own boundaries (``\b``: a cue may start or end with an emoji)
    and may turn case-sensitivity back on for a part with ``(?-i:...)`` (names, datelines).
    Every match must contain one of the row's ``gates`` once lower-cased; an empty tuple
    means the cue is always scanned for.

    >>> lex = cues((r"\blink in bio\b", "cta", 2.0, "hidden continuation", ("bio",)))
    >>> [(h.start, h.cue.kind) for h in find_cues("Story: LINK IN BIO", lex)]
    [(7, 'cta')]
    """
    built = []
    for source, kind, weight, why, gates in rows:
        bounded = source.startswith(r"\b")
        rx = source[2:] if bounded else source
        lower = source == source.lower() and "(?-i:" not in source
        folded = re.compile(rf"(?:{rx})", re.MULTILINE) if lower else None
        pattern = re.compile(
            rf"\b(?:{rx})" if bounded else rf"(?:{rx})", re.IGNORECASE | re.MULTILINE
        )
        built.append(Cue(kind, weight, why, pattern, folded, bounded, gates))
    return tuple(built)


def find_cues(text: str, lexicon: tuple[Cue, ...], *, overlapping: bool = False) -> list[Hit]:
    """Cues found in ``text``, in text order; of overlapping hits the first, heaviest stays.

    With ``overlapping``, every hit is returned (for a caller that trims spans first and
    then calls ``non_overlapping``).
    """
    folded = _lowered(text)
    same_length = len(folded) == len(text)
    hits: list[Hit] = []
    for cue in lexicon:
        if cue.gates and not any(g in folded for g in cue.gates):
            continue
        spans: Iterable[tuple[int, int]]
        if cue.folded is not None and same_length:
            if cue.bounded:
                spans = _finditer_folded(cue.folded, folded)
            else:
                spans = (m.span() for m in cue.folded.finditer(folded))
        else:
            spans = (m.span() for m in cue.pattern.finditer(text))
        hits.extend(Hit(start, end, cue) for start, end in spans if end > start)
    return hits if overlapping else non_overlapping(hits)


def non_overlapping(hits: Iterable[Hit]) -> list[Hit]:
    """Hits in text order without overlaps: of hits that overlap, the first, heaviest stays."""
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.cue.weight, -h.end)):
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def quote(matched: str) -> str:
    """A matched phrase as evidence quotes it: whitespace collapsed, in quotes."""
    return _quote(matched)

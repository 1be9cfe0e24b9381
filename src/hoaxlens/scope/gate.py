"""The scope gate: is a text something the English-only model may judge at all?

``assess_scope`` returns a ``Scope`` whose ``reason`` is None when the model may judge the
text, and otherwise says why not: no story text (a bare link, markup left-overs), too few
words, or a language the model does not read. English must never be taken for another
language, so the gate abstains on language only when the detector is confident, the text
has enough words, and English function words are rare in it; when unsure it says nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import filterfalse
from typing import TYPE_CHECKING

from hoaxlens.scope.body import body_sample
from hoaxlens.scope.clean import CleanText, clean_text, count_words
from hoaxlens.scope.language import CONFIRM_BELOW, describe_language, identify_language
from hoaxlens.types import AbstainReason

if TYPE_CHECKING:
    from collections.abc import Sequence

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en",)  # ISO 639-1 codes the model reads

MIN_WORDS = 3  # fewer words of prose than this: too short (or no story text, with links)
_CLEAN_CAP = 4_000  # characters cleaned; words past them are counted without cleaning
_SAMPLE = 600  # characters fed to the language detector (its cost grows with length)
_TITLE_BELOW = 12  # a body with fewer words is judged on title and body together
# Confidence the detector must reach to call a text non-English. bench/scope.py: at 0.5,
# 0 to 2 of 2,771 English texts (mostly short headlines) were called non-English, while 96 % of
# ~50-character non-English snippets and all longer ones were caught; texts under
# _SHORT_WORDS words need more, as short English headlines are where the detector errs.
_MIN_CONFIDENCE = 0.5
_SHORT_WORDS = 8
_NAMES_BELOW = 20  # under this many words, names and capitalized words are left out
_MIN_CONFIDENCE_SHORT = 0.7
# English function words that no language the detector returns uses as a common word ("to"
# is Polish, "is" Dutch, "in" German, "at" Tagalog, "he" Spanish: all left out). Two or more
# making 15 % of the words: the text is (at least partly) English, whatever the detector says.
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "was",
        "were",
        "with",
        "his",
        "her",
        "this",
        "that",
        "what",
        "who",
        "you",
        "your",
        "she",
        "they",
        "their",
        "after",
        "about",
        "from",
        "have",
        "has",
        "had",
        "will",
        "would",
        "when",
        "which",
        "been",
        "are",
        "but",
        "not",
        "it's",
        "he's",
        "she's",
        "can't",
        "don't",
        "didn't",
        "won't",
        "just",
    ]
)
_ENGLISH_SHARE = 0.15
_ENGLISH_MIN = 2
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class Scope:
    """Whether the English model may judge a text, and why not.

    ``lang`` is the ISO 639-1 code of the text's language (None when it cannot be told) and
    ``confidence`` the detector's confidence in it (0.0 when ``lang`` is None; NaN when it was
    not measured, see ``assess_scope``). When ``reason`` is None, ``lang`` is a supported
    language or None.
    """

    lang: str | None
    confidence: float
    words: int  # words of letters in the text, links and markup left out
    reason: AbstainReason | None
    detail: str  # one line: why


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _removed(clean: CleanText) -> str:
    parts = [_plural(clean.links, "link")] if clean.links else []
    if clean.markup:
        parts.append(_plural(clean.markup, "piece") + " of markup")
    return " and ".join(parts)


def _story_reason(clean: CleanText, raw: str) -> tuple[AbstainReason, str] | None:
    removed = _removed(clean)
    if clean.words == 0:
        if removed:
            return AbstainReason.NO_STORY_TEXT, f"no text but {removed}"
        what = "empty text" if not raw.strip() else "no letters, only emoji, digits or symbols"
        return AbstainReason.NO_STORY_TEXT, what
    if clean.words < MIN_WORDS:
        if removed:
            return AbstainReason.NO_STORY_TEXT, f"{_plural(clean.words, 'word')} besides {removed}"
        return AbstainReason.TOO_SHORT, f"{_plural(clean.words, 'word')} of text (fewer than 3)"
    return None


def _looks_english(sample: str) -> bool:
    if "\u0130" in sample:  # İ, the one letter whose lower case is two characters (i̇)
        tokens = [t.lower() for t in _TOKEN.findall(sample)]
        hits, count = sum(map(_ENGLISH.__contains__, tokens)), len(tokens)
    else:  # lower-casing keeps every other character's length and class: the same tokens
        hits, count = _english_hits(sample.lower().split())
    return hits >= _ENGLISH_MIN and hits >= _ENGLISH_SHARE * count


def _english_hits(words: list[str]) -> tuple[int, int]:
    """(English function words, tokens) among the ``_TOKEN`` tokens of whitespace-split words.

    No token holds whitespace, so the tokens of a text are those of its words, in order. A
    word of letters only (``str.isalpha``: every character in ``_TOKEN``'s class, and no
    apostrophe) is one token, itself; only the other words (punctuation, digits, apostrophes)
    are scanned with the regex, in one call. About a quarter less than scanning the text.

    >>> _english_hits("the cat's tale, of 1999 and   (you)".split())
    (4, 6)
    """
    plain = list(filter(str.isalpha, words))
    rest = _TOKEN.findall(" ".join(filterfalse(str.isalpha, words)))
    hits = sum(map(_ENGLISH.__contains__, plain)) + sum(map(_ENGLISH.__contains__, rest))
    return hits, len(plain) + len(rest)


def _uncapitalized(sample: str) -> str:
    """The words of ``sample`` that do not start with a capital (names and headline caps out).

    >>> _uncapitalized("Francisco Javier Hernández joins LA Galaxy")
    'joins'
    """
    return " ".join(t for t in _TOKEN.findall(sample) if not t[0].isupper())


def _judge_language(
    sample: str, words: int, *, confidence: bool = True
) -> tuple[str | None, float, bool]:
    """(lang, confidence, unsupported) of a sample of ``words`` words.

    Without ``confidence``, a sample of ``CONFIRM_BELOW`` characters or more in which English
    function words are common is English without asking the detector: whatever language it
    puts first, such a sample is judged English below (no second look happens at that
    length), unless the detector finds nothing at all to judge, which needs a text without
    letters. The confidence is then NaN (not measured).
    """
    if words < MIN_WORDS:
        return None, 0.0, False
    if words < _NAMES_BELOW:
        # A short text is mostly names and capitalized headline words, which pull the
        # detector toward the names' languages ("… Hernández Balcázar joins LA Galaxy" was
        # Spanish at 0.74): judge the other words, and nothing when too few are left.
        sample = _uncapitalized(sample)
        if len(sample.split()) < MIN_WORDS:
            return None, 0.0, False
    english: bool | None = None  # _looks_english(sample), once asked
    if not confidence and len(sample) >= CONFIRM_BELOW:
        english = _looks_english(sample)
        if english:
            return "en", math.nan, False  # the detector costs ~3 ms and could only say English
    guess = identify_language(sample)
    if guess.lang is None:
        return None, 0.0, False
    if guess.lang in SUPPORTED_LANGUAGES:
        return guess.lang, guess.confidence, False
    needed = _MIN_CONFIDENCE_SHORT if words < _SHORT_WORDS else _MIN_CONFIDENCE
    if english is None:
        english = _looks_english(sample)
    # Not 1 - P(English): summed over every other language, it called 21 of 2,771 English
    # texts foreign (bench/scope.py); the top language's own confidence called none.
    if guess.confidence >= needed and not english:
        return guess.lang, guess.confidence, True
    if english:
        return "en", guess.english, False
    return None, 0.0, False  # unsure: say nothing rather than risk calling English foreign


def assess_scope(
    text: str,
    title: str = "",
    *,
    confidence: bool = True,
    words_up_to: int | None = None,
    split: Sequence[str] | None = None,
) -> Scope:
    """Tell whether the English model may judge ``text``, and if not, why.

    Args:
        text: the story body (normalized: homoglyphs already folded).
        title: the headline, if any; used for the language when the body is short.
        confidence: measure the detector's confidence. ``False`` (the analyzer, which
            reads ``lang``, ``words`` and ``reason`` only) skips the detector where its
            answer cannot change them, and ``confidence`` may then be NaN.
        words_up_to: count words only up to this many: ``words`` is then the smaller of
            the two (the analyzer only asks whether a text is under ``SHORT_WORDS``), and a
            long text is not read to its end. ``lang`` and ``reason`` are unchanged.
        split: ``text.split()``, when the caller has it (the analyzer: the document's
            view, which the signals split already); saves splitting a short text again.

    A text that mixes languages (an English quote or English page furniture around a
    Spanish story) is judged on the sentences of its body's language (``body_sample``).

    Returns:
        The text's language and word count, and an ``AbstainReason`` (None: in scope).

    >>> assess_scope("https://bit.ly/3xYz").detail
    'no text but 1 link'
    >>> assess_scope("The singer said that she was with her family.", words_up_to=3).words
    3
    """
    # Every decision below reads word counts under _NAMES_BELOW only: counting stops at the
    # larger of that and the caller's ``words_up_to``.
    cap = None if words_up_to is None else max(words_up_to, _NAMES_BELOW)
    whole = split if len(text) <= _CLEAN_CAP else None  # the cleaned part is all of it
    clean = clean_text(text[:_CLEAN_CAP], words_up_to=cap, split=whole)
    words = clean.words
    if cap is None or words < cap:
        words += count_words(text[_CLEAN_CAP:], None if cap is None else cap - words)
    if words_up_to is not None:
        words = min(words, words_up_to)
    sample, judged = clean.text, clean.words
    if title and clean.words < _TITLE_BELOW:
        head = clean_text(title, words_up_to=cap)
        sample, judged = f"{head.text}\n{clean.text}".strip(), judged + head.words
    else:
        body = body_sample(clean.text, _SAMPLE)  # a text mixing languages: its body's
        if body is not None:
            sample, judged = body.text, count_words(body.text, cap)
    lang, measured, unsupported = _judge_language(sample[:_SAMPLE], judged, confidence=confidence)
    story = _story_reason(clean, text)
    if story is not None:
        return Scope(lang, measured, words, story[0], story[1])
    if unsupported:
        detail = (
            f"{describe_language(lang)} (confidence {measured:.2f}); the model reads English only"
        )
        return Scope(lang, measured, words, AbstainReason.UNSUPPORTED_LANGUAGE, detail)
    named = describe_language(lang) if lang else "language not told"
    counted = _plural(words, "word") + ("" if words != words_up_to else " or more")
    return Scope(lang, measured, words, None, f"{named}, {counted}")

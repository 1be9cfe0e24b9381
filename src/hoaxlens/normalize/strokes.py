"""Reading bare strokes (Cyrillic palochka ``ӏ``/``Ӏ``) as ``i``, ``l`` or ``I`` in one text.

A stroke is ``i`` in ``һӏѕ`` and ``l`` in ``Ӏаѕт``. The reading that makes a word the text
uses elsewhere, or an English word (``lexicon``), wins; the text's own settled words show
which letter each stroke glyph stands for when neither decides (names: ``ТогтогеӀӀа``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from hoaxlens.normalize.confusables import CharClass, char_class, confusables_table
from hoaxlens.normalize.lexicon import lexicon, lexicon_choice, read_strokes, settled_reading
from hoaxlens.normalize.patterns import BAR_LETTERS, word_extra

if TYPE_CHECKING:
    from collections.abc import Mapping

_ASCII_WORD = re.compile(r"[A-Za-z]+")
_STROKE = re.compile("[\u04c0\u04cf]")
_PRIOR_VOTES, _PRIOR_SHARE = 3, 0.9  # settled words needed before a glyph's reading is trusted
_APOSTROPHES = frozenset("'’")
# What follows an apostrophe in English contractions ("we'll", "it's", "I'd").
_CONTRACTIONS = frozenset(("ll", "s", "d", "t", "re", "ve", "m"))
_SENTENCE_END = frozenset(".!?…")
_OPENERS = frozenset("\"“‘'([«")
# Words whose strokes the lexicon alone settles, with the readings a text could overrule them
# with: (word, after an apostrophe, opens a sentence) -> (letters, rival readings).
_SETTLED: dict[tuple[str, bool, bool], tuple[str, tuple[str, ...]]] = {}
_SETTLED_WORDS = 1 << 16


@lru_cache(maxsize=1 << 14)
def stroke_template(word: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """The word's letters as a reader sees them, ``?`` at each stroke; stroke indices; glyphs."""
    table = confusables_table()
    template: list[str] = []
    positions: list[int] = []
    glyphs: list[str] = []
    for ch in word:
        if ch in BAR_LETTERS:
            positions.append(len(template))
            glyphs.append(ch)
            template.append("?")
        elif ch in table:
            template.append(table[ch].target)
        elif ch.isalpha() and char_class(ch) is CharClass.LATIN:
            template.append(ch)
    return tuple(template), tuple(positions), tuple(glyphs)


class StrokeReader:
    """Reads the strokes of words in one text; learns from the text's other words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: Counter[str] | None = None
        self._exact: Counter[str] | None = None
        self._prior: dict[str, str] | None = None
        self._read: dict[tuple[str, str, bool], str] = {}

    def read(self, word: str, pos: int) -> str:
        """The letters (``i``, ``l``, ``I``, ``L``) the strokes of ``word`` at ``pos`` stand for.

        >>> StrokeReader("һӏѕ Ӏаѕт").read("һӏѕ", 0)
        'i'
        """
        key = (word, self.text[pos - 1 : pos], word[0] in BAR_LETTERS and self._opens(pos))
        letters = self._read.get(key)
        if letters is None:
            after_apostrophe = key[1] in _APOSTROPHES
            shared = (word, after_apostrophe, key[2])
            settled = _SETTLED.get(shared)
            seen = self.seen_words()
            if settled is not None and seen.keys().isdisjoint(settled[1]):
                letters = settled[0]
            else:
                letters, rivals = self._read_word(word, after_apostrophe, opens_sentence=key[2])
                if rivals is not None:
                    if len(_SETTLED) > _SETTLED_WORDS:
                        _SETTLED.clear()
                    _SETTLED[shared] = (letters, rivals)
            self._read[key] = letters
        return letters

    def _read_word(
        self, word: str, after_apostrophe: bool, *, opens_sentence: bool
    ) -> tuple[str, tuple[str, ...] | None]:
        """The letters, and the readings whose use in a text would change them.

        The readings are ``None`` where the letters depend on this text in other ways too.
        """
        template, positions, glyphs = stroke_template(word)
        others = [ch for ch in template if ch != "?"]
        if not others:  # strokes alone: the pronoun I, or a contraction (we'ӀӀ)
            if len(template) == 2 and after_apostrophe:
                return "ll", ()
            exact = self.exact_words()
            return ("i" if exact.get("i", 0) > exact.get("I", 0) else "I") * len(template), None
        upper = len(others) > 1 and all(ch.isupper() for ch in others if ch.isalpha())
        lower = "".join(template).lower()
        rivals: tuple[str, ...] | None = ()
        if after_apostrophe and lower.replace("?", "l") in _CONTRACTIONS:
            reading = lower.replace("?", "l")
        else:
            only, readings = lexicon_choice(lower, positions)
            seen = self.seen_words()
            if only and seen.keys().isdisjoint(readings):
                reading, rivals = only, readings
            else:
                reading, rivals = (
                    read_strokes(
                        lower,
                        positions,
                        seen,
                        lambda: tuple(self.prior().get(glyph, "") for glyph in glyphs),
                    ),
                    None,
                )
        letters = [reading[i] for i in positions]
        if upper:
            return "".join(letters).upper(), rivals
        if positions[0] == 0 and letters[0] == "i" and (opens_sentence or self._name(reading)):
            letters[0] = "I"
        return "".join(letters), rivals

    def prior(self) -> dict[str, str]:
        """How this text reads each stroke glyph, learnt from the words only one reading fits.

        An attacker keeps one substitution table, so when ``Ӏ`` settles as ``l`` in most
        words that allow one reading only (``Ӏаѕт``), it is ``l`` in names too.
        """
        if self._prior is None:
            votes: dict[str, dict[str, int]] = {}
            seen = self.seen_words()
            for word in dict.fromkeys(self.text[a:b] for a, b in stroke_words(self.text)):
                template, positions, glyphs = stroke_template(word)
                reading = settled_reading("".join(template).lower(), positions, seen)
                for i, glyph in zip(positions, glyphs, strict=True) if reading else ():
                    tally = votes.setdefault(glyph, {})
                    tally[reading[i]] = tally.get(reading[i], 0) + 1
            self._prior = {}
            for glyph, tally in votes.items():
                letter, count = max(tally.items(), key=lambda item: item[1])
                if count >= _PRIOR_VOTES and count >= _PRIOR_SHARE * sum(tally.values()):
                    self._prior[glyph] = letter
        return self._prior

    def seen_words(self) -> Mapping[str, int]:
        """Plain ASCII words of the text, lower-cased, and how often each occurs."""
        if self._seen is None:
            self._seen = Counter(_ASCII_WORD.findall(self.text.lower()))
        return self._seen

    def exact_words(self) -> Mapping[str, int]:
        """Plain ASCII words of the text as written, and how often each occurs."""
        if self._exact is None:
            self._exact = Counter(_ASCII_WORD.findall(self.text))
        return self._exact

    def _name(self, reading: str) -> bool:
        """Whether ``reading`` is no English word and the text writes it with a capital."""
        exact = self.exact_words()
        title = reading[:1].upper() + reading[1:]
        return reading not in lexicon().ranks and exact.get(title, 0) > exact.get(reading, 0)

    def _opens(self, pos: int) -> bool:
        """Whether ``pos`` starts a sentence: the text's or a line's start, or after ``.!?``."""
        text, i = self.text, pos - 1
        while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
            if text[i] == "\n":
                return True
            i -= 1
        return i < 0 or text[i] in _SENTENCE_END


def stroke_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words of ``text[start:end]`` that hold a stroke, in order."""
    stop = len(text) if end is None else end
    extra = word_extra()
    spans: list[tuple[int, int]] = []
    last = start
    for hit in _STROKE.finditer(text, start, stop):
        left = hit.start()
        if left < last:
            continue  # a second stroke in the same word
        while left > start and ((ch := text[left - 1]).isalnum() or ch == "_" or ch in extra):
            left -= 1
        last = hit.end()
        while last < stop and ((ch := text[last]).isalnum() or ch == "_" or ch in extra):
            last += 1
        spans.append((left, last))
    return spans

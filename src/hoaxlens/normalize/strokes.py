"""Reading bare strokes (Cyrillic palochka ``ӏ``/``Ӏ``) as ``i``, ``l`` or ``I`` in one text.

A stroke is ``i`` in ``һӏѕ`` and ``l`` in ``Ӏаѕт``. The reading that makes a word the text
uses elsewhere, or an English word (``lexicon``), wins; the text's own settled words show
which letter each stroke glyph stands for when neither decides (names: ``ТогтогеӀӀа``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from hoaxlens.normalize.confusables import (
    CharClass,
    char_class,
    confusables_table,
    letter_shapes,
    notation_table,
)
from hoaxlens.normalize.lexicon import (
    lexicon,
    read_strokes,
    word_readings,
)
from hoaxlens.normalize.patterns import (
    I_OR_L,
    STROKE_LETTERS,
    bar_pattern,
    word_pattern,
    word_run,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

# Bytes table for counting the text's plain ASCII words: letters stay, everything else
# (``?`` from non-ASCII characters included) becomes a space to split on.
_ASCII_LETTERS = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
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


@dataclass(frozen=True, slots=True)
class StrokeWord:
    """What reading one stroke word needs from the word alone (see ``stroke_word``)."""

    offsets: tuple[int, ...]  # indices of the strokes in the word
    opens_with_stroke: bool
    glyphs: tuple[str, ...]  # the stroke characters, in order
    positions: tuple[int, ...]  # indices of the strokes in ``template``
    template: str  # lower-case letters as a reader sees them, ``?`` at each stroke
    readings: tuple[str, ...]  # every reading (empty past ``lexicon``'s joint limit)
    ranked: tuple[str, ...]  # the readings that are English words, most frequent first
    size: int  # letters in ``template``
    alone: bool  # the word is strokes alone (``Ӏ``, ``ӀӀ``)
    upper: bool  # more than one other letter, all capitals


# Glyphs read as I or l, never i: the lookalikes of I and l and the capital palochka.
_CAPITAL_I = I_OR_L | {"\u04c0"}
_STROKE_WORDS: dict[str, StrokeWord] = {}
_STROKE_WORD_CACHE = 1 << 16


def stroke_word(word: str) -> StrokeWord:
    """The shape of a word holding strokes, worked out once per distinct word."""
    shape = _STROKE_WORDS.get(word)
    if shape is None:
        template, positions, glyphs = stroke_template(word)
        lower = "".join(template).lower()
        readings, ranked = word_readings(lower, positions)
        others = [ch for ch in template if ch != "?"]
        shape = StrokeWord(
            tuple(i for i, ch in enumerate(word) if ch in STROKE_LETTERS),
            word[:1] in STROKE_LETTERS,
            glyphs,
            positions,
            lower,
            readings,
            ranked,
            len(template),
            len(others) == 0,
            len(others) > 1 and all(ch.isupper() for ch in others if ch.isalpha()),
        )
        if len(_STROKE_WORDS) > _STROKE_WORD_CACHE:
            _STROKE_WORDS.clear()
        _STROKE_WORDS[word] = shape
    return shape


@lru_cache(maxsize=1 << 14)
def stroke_template(word: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """The word's letters as a reader sees them, ``?`` at each stroke; stroke indices; glyphs."""
    table = confusables_table()
    template: list[str] = []
    positions: list[int] = []
    glyphs: list[str] = []
    notes, shapes = notation_table(), letter_shapes()
    for ch in word:
        if ch in STROKE_LETTERS:
            positions.append(len(template))
            glyphs.append(ch)
            template.append("?")
        elif ch in shapes:  # a styled one or zero in a word stands for l or o
            template.extend(shapes[ch][0])
        elif ch in table:
            template.extend(table[ch].target)
        elif ch in notes:
            template.extend(notes[ch])
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
        self._spans: list[tuple[int, int]] | None = None
        self._read: dict[tuple[str, bool, bool], str] = {}

    def spans(self) -> list[tuple[int, int]]:
        """Spans of the text's words that hold a stroke, in order (found once)."""
        if self._spans is None:
            self._spans = stroke_words(self.text)
        return self._spans

    def strokes(self, start: int, end: int) -> list[tuple[int, str]]:
        """(index from ``start``, letter) for each stroke of the words in ``text[start:end]``.

        ``start`` and ``end`` must not cut a word (line boundaries do not).
        """
        spans, text, memo = self.spans(), self.text, self._read
        found: list[tuple[int, str]] = []
        for k in range(bisect_left(spans, (start,)), len(spans)):
            left, right = spans[k]
            if left >= end:
                break
            word = text[left:right]
            shape = _STROKE_WORDS.get(word) or stroke_word(word)
            key = (
                word,
                text[left - 1 : left] in _APOSTROPHES,
                shape.opens_with_stroke and self._opens(left),
            )
            letters = memo.get(key) or self._read_key(key, shape)
            at = left - start
            if len(letters) == 1:
                found.append((at + shape.offsets[0], letters))
            else:
                found.extend(zip([at + i for i in shape.offsets], letters, strict=False))
        return found

    def read(self, word: str, pos: int) -> str:
        """The letters (``i``, ``l``, ``I``, ``L``) the strokes of ``word`` at ``pos`` stand for.

        >>> StrokeReader("һӏѕ Ӏаѕт").read("һӏѕ", 0)
        'i'
        """
        shape = stroke_word(word)
        key = (
            word,
            self.text[pos - 1 : pos] in _APOSTROPHES,
            shape.opens_with_stroke and self._opens(pos),
        )
        return self._read.get(key) or self._read_key(key, shape)

    def _read_key(self, key: tuple[str, bool, bool], shape: StrokeWord) -> str:
        """``read`` for a word not read yet in this text: (word, after apostrophe, opens)."""
        settled = _SETTLED.get(key)
        if settled is not None and self.seen_words().keys().isdisjoint(settled[1]):
            letters = settled[0]
        else:
            letters, rivals = self._read_word(shape, key[1], opens_sentence=key[2])
            if rivals is not None:
                if len(_SETTLED) > _SETTLED_WORDS:
                    _SETTLED.clear()
                _SETTLED[key] = (letters, rivals)
        self._read[key] = letters
        return letters

    def _read_word(
        self, shape: StrokeWord, after_apostrophe: bool, *, opens_sentence: bool
    ) -> tuple[str, tuple[str, ...] | None]:
        """The letters, and the readings whose use in a text would change them.

        The readings are ``None`` where the letters depend on this text in other ways too.
        """
        positions, lower = shape.positions, shape.template
        if shape.alone:  # strokes alone: the pronoun I, or a contraction (we'ӀӀ)
            if shape.size == 2 and after_apostrophe:
                return "ll", ()
            if _CAPITAL_I.issuperset(shape.glyphs):
                return "I" * shape.size, ()
            exact = self.exact_words()
            return ("i" if exact.get("i", 0) > exact.get("I", 0) else "I") * shape.size, None
        rivals: tuple[str, ...] | None = ()
        if after_apostrophe and lower.replace("?", "l") in _CONTRACTIONS:
            reading = lower.replace("?", "l")
        else:
            ranked, readings = shape.ranked, shape.readings
            only = ranked[0] if len(ranked) == 1 else ""
            seen = self.seen_words()
            if only and seen.keys().isdisjoint(readings):
                reading, rivals = only, readings
            else:
                glyphs = shape.glyphs
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
        if shape.upper:
            letters = [
                "I" if glyph in _CAPITAL_I else letter.upper()
                for letter, glyph in zip(letters, shape.glyphs, strict=True)
            ]
            return "".join(letters), rivals
        if positions[0] == 0 and letters[0] == "i" and (opens_sentence or self._name(reading)):
            letters[0] = "I"
        # A lookalike of ``I`` read as ``i`` is the capital (``ꓲn``, ``Mcꓲntosh``).
        for k, glyph in enumerate(shape.glyphs):
            if letters[k] == "i" and glyph in _CAPITAL_I:
                letters[k] = "I"
        return "".join(letters), rivals

    def prior(self) -> dict[str, str]:
        """How this text reads each stroke glyph, learnt from the words only one reading fits.

        An attacker keeps one substitution table, so when ``Ӏ`` settles as ``l`` in most
        words that allow one reading only (``Ӏаѕт``), it is ``l`` in names too.
        """
        if self._prior is None:
            votes: dict[str, dict[str, int]] = {}
            seen = self.seen_words()
            text = self.text
            for word in dict.fromkeys(text[a:b] for a, b in self.spans()):
                shape = stroke_word(word)
                ranked = shape.ranked
                if len(ranked) > 1:
                    continue  # two English words: not settled, whatever the text holds
                allowed = [r for r in shape.readings if r in ranked or seen.get(r)]
                if len(allowed) != 1:
                    continue
                reading = allowed[0]
                for i, glyph in zip(shape.positions, shape.glyphs, strict=True):
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
            self._seen = _count_ascii_words(self.text.lower())
        return self._seen

    def exact_words(self) -> Mapping[str, int]:
        """Plain ASCII words of the text as written, and how often each occurs."""
        if self._exact is None:
            self._exact = _count_ascii_words(self.text)
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


def _count_ascii_words(text: str) -> Counter[str]:
    """The runs of ASCII letters in ``text``'s plain words and how often each occurs.

    Words (``word_pattern``) holding a non-ASCII character are left out whole: the ``lf``
    of ``h⍺lf`` or the ``ong`` of ``∣ong`` is a piece of a disguised word, not a word the
    text writes (it made ``⏽f`` read "lf" beside ``h⍺lf``).
    """
    if text.isascii():
        plain = text.encode("ascii").translate(_ASCII_LETTERS).decode("ascii")
    else:
        kept = " ".join(word for word in word_pattern().findall(text) if word.isascii())
        plain = kept.encode("ascii").translate(_ASCII_LETTERS).decode("ascii")
    return Counter(plain.split())


def stroke_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words of ``text[start:end]`` that hold a stroke, in order.

    A word runs over ``patterns.word_run`` characters each side of its first stroke; the
    run before it is matched in the reversed text, so each word costs two ``re`` calls.
    """
    stop = len(text) if end is None else end
    run = word_run()
    spans: list[tuple[int, int]] = []
    last = start
    backwards = ""
    n = len(text)
    for hit in bar_pattern().finditer(text, start, stop):
        left = hit.start()
        if left < last:
            continue  # a second stroke in the same word
        if not backwards:
            backwards = text[::-1]
        before = run.match(backwards, n - left, n - start)
        left -= before.end() - before.start() if before else 0
        after = run.match(text, hit.end(), stop)
        last = after.end() if after else hit.end()
        spans.append((left, last))
    return spans

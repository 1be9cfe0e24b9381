"""Script-aware de-obfuscation of English text, recording every change.

Folding is gated by context so that genuine non-Latin writing is never touched:

* A lookalike letter (Cyrillic ``п``, Greek ``υ``) is folded inside a word that also holds
  Latin letters and no letter of another script (``Oпe`` → ``One``; ``Достоевский`` stays).
  A word made only of lookalikes is folded when its line reads as Latin: at least
  ``latin_line_share`` of the line's letters are Latin-looking, the line has a real Latin
  letter, and no genuine letter of the word's own script appears on the line.
* A presentation form (fullwidth, mathematical bold, circled, small capital) is folded in
  words of at least ``min_compat_letters`` letters or words mixing it with Latin, so lone
  math symbols (𝑥, ℓ) stay; fullwidth forms are left alone on lines holding CJK text,
  where they are ordinary typography.
* Zero-width characters and soft hyphens are removed between two Latin-looking letters
  (ZWJ in emoji and joiners in Indic or Persian words are outside that context).
* Names spelled out letter by letter (``T.r.u.m.p``, ``D e r e k``) are joined.
* Overlay and enclosing combining marks on Latin letters (``D̸``) and stacks of three or more
  marks (Zalgo) are removed; one or two ordinary accents (Vietnamese ``ệ``) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hoaxlens.normalize.confusables import (
    INVISIBLE,
    CharClass,
    char_class,
    confusables_table,
    script_of,
)
from hoaxlens.types import NormalizedText, Replacement, Span

if TYPE_CHECKING:
    from collections.abc import Iterator

_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Marks that never carry meaning on a Latin letter: overlays (strike-through, slash) and the
# combining marks for symbols (enclosing circles, keycaps). Keycap U+20E3 is only ever stripped
# from letters; on digits and '#' it is part of an emoji sequence outside words.
_NOISE_MARKS = frozenset(
    [chr(c) for c in range(0x0334, 0x0339)] + [chr(c) for c in range(0x20D0, 0x2100)] + ["\u0489"]
)
# Names spelled out to dodge keyword filters: "T.r.u.m.p", "t-r-u-m-p", "D e r e k". At least
# four letters, one separator repeated, everything after the first letter lower case, so that
# initialisms (U.S.A., R.E.M.) and short abbreviations (e.g., a.m.) never match.
_SPLIT_NAME = re.compile(
    r"(?<![\w.\-])[A-Za-z](?P<sep>[.\-·•_])[a-z](?:(?P=sep)[a-z]){2,}(?![\w\-])"
    r"|(?<!\S)[A-Z](?: [a-z]){3,}(?!\S)"
)
_LATINISH = (CharClass.LATIN, CharClass.LOOKALIKE, CharClass.COMPAT)
_STEP_LOOKALIKE = "fold_confusables"
_STEP_COMPAT = "fold_compat"
_STEP_INVISIBLE = "strip_invisible"
_STEP_MARK = "strip_marks"
_STEP_JOIN = "join_letters"


@dataclass(frozen=True, slots=True)
class NormalizeConfig:
    """Which normalization steps run, and their context thresholds."""

    fold_confusables: bool = True
    fold_compat: bool = True
    join_letters: bool = True
    strip_invisible: bool = True
    strip_marks: bool = True
    latin_line_share: float = 0.8
    min_compat_letters: int = 3

    def __post_init__(self) -> None:
        if not 0.0 < self.latin_line_share <= 1.0:
            raise ValueError(f"latin_line_share must be in (0, 1], got {self.latin_line_share}")
        if self.min_compat_letters < 1:
            raise ValueError("min_compat_letters must be at least 1")


DEFAULT_NORMALIZE_CONFIG = NormalizeConfig()


@dataclass(frozen=True, slots=True)
class _LineContext:
    latinish: int
    has_latin: bool
    letters: int
    other_scripts: frozenset[str]
    has_cjk: bool


def _line_context(line: str) -> _LineContext:
    latinish = letters = 0
    has_latin = False
    other: set[str] = set()
    for ch in line:
        cls = char_class(ch)
        if cls in _LATINISH:
            latinish += 1
            letters += 1
            has_latin = has_latin or cls is not CharClass.LOOKALIKE
        elif cls is CharClass.OTHER_LETTER:
            letters += 1
            other.add(script_of(ch))
    return _LineContext(latinish, has_latin, letters, frozenset(other), bool(_CJK.search(line)))


@cache
def _word_pattern() -> re.Pattern[str]:
    """Words: letters, digits, marks, invisibles, and table symbols such as circled letters."""
    symbols = "".join(sorted(ch for ch in confusables_table() if not re.match(r"\w", ch)))
    return re.compile(f"[\\w{re.escape(''.join(sorted(INVISIBLE)) + symbols)}{_MARKS}]+")


@cache
def _token_pattern() -> re.Pattern[str]:
    """Spelled-out names first, then ordinary words."""
    return re.compile(f"(?P<split>{_SPLIT_NAME.pattern})|{_word_pattern().pattern}")


class _Normalizer:
    """One pass over one text; builds the output and the replacement list."""

    def __init__(self, text: str, config: NormalizeConfig) -> None:
        self.text = text
        self.config = config
        self.table = confusables_table()
        self.out: list[str] = []
        self.out_len = 0
        self.replacements: list[Replacement] = []
        self._line_cache: dict[int, _LineContext] = {}

    def run(self) -> NormalizedText:
        cursor = 0
        for match in self._tokens():
            if match.lastgroup == "split":
                self._emit(self.text[cursor : match.start()])
                self._join(match.group())
                cursor = match.end()
                continue
            word = match.group()
            if word.isascii():
                continue
            self._emit(self.text[cursor : match.start()])
            self._word(word, match.start())
            cursor = match.end()
        self._emit(self.text[cursor:])
        return NormalizedText("".join(self.out), self.text, tuple(self.replacements))

    def _tokens(self) -> Iterator[re.Match[str]]:
        pattern = _token_pattern() if self.config.join_letters else _word_pattern()
        return pattern.finditer(self.text)

    def _join(self, spelled: str) -> None:
        """Emit a spelled-out name joined up, recording each removed separator."""
        for ch in spelled:
            if ch.isalpha():
                self._emit(ch)
            else:
                self._change(ch, "", _STEP_JOIN)

    def _emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.out_len += len(chunk)

    def _change(self, original: str, replacement: str, step: str) -> None:
        span = Span(self.out_len, self.out_len + len(replacement))
        self.replacements.append(Replacement(span, original, replacement, step))
        self._emit(replacement)

    def _line(self, pos: int) -> _LineContext:
        start = self.text.rfind("\n", 0, pos) + 1
        ctx = self._line_cache.get(start)
        if ctx is None:
            end = self.text.find("\n", pos)
            ctx = _line_context(self.text[start : end if end >= 0 else len(self.text)])
            self._line_cache[start] = ctx
        return ctx

    def _word(self, word: str, pos: int) -> None:
        classes = [char_class(ch) for ch in word]
        fold_look = self.config.fold_confusables and self._should_fold_lookalikes(
            word, classes, pos
        )
        fold_compat = self.config.fold_compat and self._should_fold_compat(classes, pos, word)
        drop = _droppable(word, classes, self.config)
        for i, (ch, cls) in enumerate(zip(word, classes, strict=True)):
            if cls is CharClass.LOOKALIKE and fold_look:
                self._change(ch, self.table[ch].target, _STEP_LOOKALIKE)
            elif cls is CharClass.COMPAT and fold_compat:
                self._change(ch, self.table[ch].target, _STEP_COMPAT)
            elif i in drop:
                step = _STEP_INVISIBLE if cls is CharClass.INVISIBLE else _STEP_MARK
                self._change(ch, "", step)
            else:
                self._emit(ch)

    def _should_fold_lookalikes(self, word: str, classes: list[CharClass], pos: int) -> bool:
        if CharClass.LOOKALIKE not in classes or CharClass.OTHER_LETTER in classes:
            return False
        if CharClass.LATIN in classes or CharClass.COMPAT in classes:
            return True
        letters = [ch for ch, cls in zip(word, classes, strict=True) if cls in _LATINISH]
        if len(letters) < 2:
            return False  # a lone α or π in English text is a symbol, not a disguised letter
        line = self._line(pos)
        if not line.has_latin or line.latinish < self.config.latin_line_share * line.letters:
            return False
        return not {script_of(ch) for ch in letters} & line.other_scripts

    def _should_fold_compat(self, classes: list[CharClass], pos: int, word: str) -> bool:
        if CharClass.COMPAT not in classes or CharClass.OTHER_LETTER in classes:
            return False
        compat = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.COMPAT]
        if any(self.table[ch].name.startswith("FULLWIDTH") for ch in compat) and (
            self._line(pos).has_cjk
        ):
            return False
        if CharClass.LATIN in classes or CharClass.LOOKALIKE in classes:
            return True
        return len(compat) >= self.config.min_compat_letters


def _droppable(word: str, classes: list[CharClass], config: NormalizeConfig) -> set[int]:
    """Indices of invisibles and noise marks to remove, in one linear pass over the word.

    Each maximal run of marks and invisibles is judged once (adversarial input such as a
    megabyte of combining marks stays linear): invisibles go when Latin-looking letters stand
    on both sides of the run; marks go when the run sits on a Latin-looking letter and is
    either an overlay/enclosing mark or part of a stack of three or more (Zalgo).
    """
    drop: set[int] = set()
    skip = (CharClass.MARK, CharClass.INVISIBLE)
    if CharClass.OTHER_LETTER in classes or not any(c in skip for c in classes):
        return drop  # a word with genuine non-Latin letters keeps its marks and joiners
    i, n = 0, len(classes)
    while i < n:
        if classes[i] not in skip:
            i += 1
            continue
        start = i
        while i < n and classes[i] in skip:
            i += 1
        before = classes[start - 1] if start > 0 else None
        after = classes[i] if i < n else None
        on_latin = before in _LATINISH
        marks = [j for j in range(start, i) if classes[j] is CharClass.MARK]
        for j in range(start, i):
            if classes[j] is CharClass.INVISIBLE:
                if config.strip_invisible and on_latin and after in _LATINISH:
                    drop.add(j)
            elif config.strip_marks and on_latin and (word[j] in _NOISE_MARKS or len(marks) >= 3):
                drop.add(j)
    return drop


def normalize_text(text: str, config: NormalizeConfig = DEFAULT_NORMALIZE_CONFIG) -> NormalizedText:
    """Restore homoglyph-obfuscated English, recording every change.

    Args:
        text: any text; genuine Cyrillic, Greek, CJK, accented Latin, math and emoji are
            left exactly as they are.
        config: which steps run.

    Returns:
        The restored text, the input, and one ``Replacement`` per change, located in the
        restored text.

    >>> result = normalize_text("Oпe Step for Yoυ, Достоевский")
    >>> result.text
    'One Step for You, Достоевский'
    >>> [(r.span.start, r.original, r.replacement) for r in result.replacements]
    [(1, 'п', 'n'), (15, 'υ', 'u')]
    """
    if text.isascii() and not (config.join_letters and _SPLIT_NAME.search(text)):
        return NormalizedText(text, text, ())
    return _Normalizer(text, config).run()

"""Script-aware de-obfuscation of English text, recording every change.

Folding is gated by context so that genuine non-Latin writing is never touched:

* A lookalike letter (Cyrillic ``п``, Greek ``υ``) is folded inside a word that also holds
  Latin letters and no letter of another script (``Oпe`` → ``One``; ``Достоевский`` stays),
  except short Greek-and-Latin words beside maths punctuation (``sin(ωt)``, ``p = ρgh``).
* A word made only of lookalikes (``сор``) is folded when its line reads as Latin (at least
  ``latin_line_share`` of its letters are Latin-looking, and no genuine letter of the word's
  script) and the text shows obfuscation with that script elsewhere (one of its lookalikes
  beside a Latin letter, or, once the text mixes some script into English, beside another
  script's lookalike), or the word mixes two scripts' lookalikes. A line with no Latin letter
  at all (everything disguised) must also hold no genuine letter of another script and, for
  a word of one script, at least three words. So a Russian or Greek word quoted in English
  stays, and so do a one-word Russian reply (``Нет.``) and a lone ``α``.
* Dotless ``ı`` folds only without Turkish letters on its line and with other obfuscation
  in the text. A bare stroke (palochka ``ӏ``/``Ӏ``) is read as ``i`` or ``l``, whichever
  makes a word the document uses elsewhere or a more frequent English word (``lexicon``);
  ``I`` alone, in capitals, or starting a sentence.
* A presentation form (fullwidth, mathematical, circled, small capital) is folded in words
  of at least ``min_compat_letters`` letters, words mixing it with Latin, and any word of a
  text that styles whole words, so a lone ``𝑥`` or ``ℝ`` in maths stays. Fullwidth forms
  stay on lines holding CJK text, and IPA small capitals in transcriptions (``/bɪt/``).
* Zero-width characters and soft hyphens are removed between a Latin-looking letter and
  another or the edge of the word (ZWJ in emoji and Indic or Persian joiners stay).
* Names spelled out letter by letter (``T.r.u.m.p``, ``D e r e k``) are joined; a spaced-out
  name stops before the next word (``K i n g was``).
* Overlay and enclosing combining marks on Latin letters (``D̸``) and stacks of three or more
  marks (Zalgo) are removed; one or two ordinary accents (Vietnamese ``ệ``) are kept.

Speed: a text with no character that could change (``suspect_pattern``) and no spelled-out
name returns at once. Where the text's lookalike scripts all count as mixed (so every
lookalike on a plain Latin line folds), runs of lines holding nothing but Latin text,
context-free table characters and bare strokes are folded as one block with
``str.translate`` (strokes read per word), and so are lines whose invisibles and marks the
word rules would all remove. Other lines are looked at word by word around suspect
characters, with per-word decisions cached (farm text repeats its words); both paths give
the same result (``whole_lines=False`` forces the second). Replacement records are built on
first access (``result``).
"""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from hoaxlens.normalize.accents import real_accents
from hoaxlens.normalize.config import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig
from hoaxlens.normalize.confusables import (
    INVISIBLE,
    CharClass,
    confusables_table,
    letter_shapes,
    notation_digits,
    notation_table,
)
from hoaxlens.normalize.context import (
    LETTER_RUN,
    Evidence,
    LineContext,
    evidence,
    line_context,
    notation_bars,
)
from hoaxlens.normalize.lexicon import lexicon
from hoaxlens.normalize.patterns import (
    CJK,
    DIVIDES,
    FAST_DOTTED,
    FAST_SPACED,
    IPA_SMALL_CAPITAL,
    NORM_BARS,
    STROKE_LETTERS,
    TRANSCRIPTION_MARK,
    TURKIC,
    bar_pattern,
    fold_list,
    fold_table,
    ipa_only_pattern,
    ipa_spelled,
    joiner_pattern,
    joiner_trouble,
    problem_pattern,
    rn_letters,
    split_names,
    suspect_pattern,
    suspect_word_pattern,
    table_kinds,
    unlatin_line_pattern,
    unplain_pattern,
    word_extra,
    word_pattern,
    word_run,
)
from hoaxlens.normalize.patterns import (
    FAST_HINT_TABLE as _HINT_TABLE,
)
from hoaxlens.normalize.plans import (
    ENOUGH_STRAYS,
    LOOK_ALL,
    LOOK_KEEP_DOTLESS_I,
    LOOK_NONE,
    STEP_COMPAT,
    STEP_INVISIBLE,
    STEP_JOIN,
    STEP_LOOKALIKE,
    STEP_MARK,
    TEXT_NO_CJK,
    TEXT_NO_PHONETIC,
    TEXT_STYLED,
    VIETNAMESE,
    Edits,
    Plan,
    disguised_beside_dotless,
    plan_word,
    rn_spellings,
    shape_letters,
    skeleton,
    stray_accents,
    stray_candidate,
    stroke_spellings,
    word_edits,
)
from hoaxlens.normalize.result import (
    Change,
    FoldedLine,
    LazyNormalizedText,
    Pending,
    UnchangedText,
    compose,
    unchanged,
)
from hoaxlens.normalize.strokes import StrokeReader
from hoaxlens.types import NormalizedText

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DEFAULT_NORMALIZE_CONFIG", "NormalizeConfig", "normalize_text"]

_IPA_SCRIPTS = frozenset(("LATIN", "GREEK"))  # the scripts of IPA's letters (ɑ, ɡ; θ, χ)
_MATH_BEFORE = frozenset("=+−-×*/^(·")
_MATH_AFTER = frozenset("=+−×*/^)·²³")
_dotted, _spaced = FAST_DOTTED, FAST_SPACED
_new_result = object.__new__
_set_text = NormalizedText.__dict__["text"].__set__
_APOSTROPHES = frozenset("'’")
_SMALL_DIGITS = frozenset(notation_digits())
_DIGRAPHS = frozenset("\u02a3\u02a6\u02aa\u02ab")  # IPA ʣ ʦ ʪ ʫ (``letter_shapes``)
_ASCII_LETTER = re.compile("[A-Za-z]")
_WORD_GAP = " \t\xa0"  # the spaces between a lone small one and the word it may be
_WORD_GAP_MAX = 16  # at most this many (a longer gap is layout, not a sentence)
# ``bar_pattern`` costs about 70 ns a character on text without strokes: a class with several
# astral ranges defeats ``re``'s bitmap. Its BMP members alone are a bitmap (4 ns a character),
# and ``_has_astral`` says whether the astral ones need looking for (``_holds_bar``).
_BAR_BMP = re.compile(
    "[" + "".join(sorted(re.escape(ch) for ch in STROKE_LETTERS if ord(ch) < 0x10000)) + "]"
)
_JOINERS, _UNPLAIN = 0, 1  # ``_Normalizer._next_hit``'s patterns
_MIN_DISGUISED_WORDS = 3  # words on a line with no Latin letter before its lookalikes fold
_CACHE_WORDS = 1 << 16
_DOTLESS_WORD = re.compile("(?<![A-Za-zı])[A-Za-z]*ı[A-Za-zı]*")  # tried at word starts only
_FOREIGN_RUN_LETTERS = 8  # a run of foreign words this long is a sentence of its own
_DOTLESS_WORDS = 3  # English words written with ı before ı folds in any plain word
_TURKISH_VOWELS = re.compile("[çöüÇÖÜ]")
_COMMON_STRAY_RANK = 100  # a known accented word this common without accents may be stray
_COMMON_RANK = 20_000  # a capitalized word's accents go only if it is this common without


@cache
def _units_after_numbers() -> re.Pattern[str]:
    """A unit sign (``㎏``, ``㏌``: a notation letter reading several) after a number."""
    units = sorted(ch for ch, read in notation_table().items() if len(read) > 1)
    return re.compile(r"\d\s?[" + "".join(map(re.escape, units)) + "]")


def _capitalized(word: str) -> bool:
    """Whether the word's first letter (table letters folded) is a capital."""
    table = confusables_table()
    first = next((ch for ch in word if ch.isalpha() or ch in table), "")
    return (fold.target if (fold := table.get(first)) else first).isupper()


def _as_read(word: str, strokes: str) -> str:
    """``word`` with its bare strokes written as ``strokes`` reads them (``ӀÀ``, "l": ``lÀ``)."""
    read = iter(strokes)
    return "".join(next(read, ch) if ch in STROKE_LETTERS else ch for ch in word)


@cache
def _rn_letters() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """``patterns.rn_letters``: a class of the BMP ones, the astral ones, and all of them."""
    letters = sorted(rn_letters())
    bmp = "".join(re.escape(ch) for ch in letters if ord(ch) < 0x10000)
    return re.compile(f"[{bmp}]"), tuple(ch for ch in letters if ord(ch) >= 0x10000), tuple(letters)


@cache
def _rn_kinds() -> frozenset[str]:
    """The kinds (``patterns.table_kinds``: a script, or ``compat``) of ``rn_letters``."""
    kinds = table_kinds()
    return frozenset(kinds[ch] for ch in rn_letters())


@cache
def _m_letters() -> re.Pattern[str]:
    """A BMP character ``plans.rn_letter`` reads as ``m`` (``m``, ``M``, their lookalikes)."""
    table, notes = confusables_table(), notation_table()
    letters = {"m", "M"}
    letters.update(ch for ch, fold in table.items() if fold.target.lower() == "m")
    letters.update(ch for ch, read in notes.items() if read.lower() == "m")
    return re.compile(
        "[" + "".join(sorted(re.escape(ch) for ch in letters if ord(ch) < 0x10000)) + "]"
    )


_RN_TAIL = 4  # letters before an ``m`` that ``_rn_finders`` matches against a spelling's


@cache
def _rn_words() -> frozenset[str]:
    """``plans.rn_spellings`` as words (``retum``, ``waming``)."""
    return frozenset(f"{before}m{after}" for before, after in rn_spellings())


@cache
def _rn_finders() -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""Where a folded line may spell a word ``plans.rn_letter`` reads "rn" in: at ``m``, ``M``.

    The ``m`` after a word character, then the letters after a spelling's ``m`` (``plans.
    rn_spellings``: ``ing`` of "waming") to the word's end, then, looking back, the last
    ``_RN_TAIL`` letters before it of a spelling with that end (or all of a shorter one,
    opening the word), in lower case or capitalized. A digit, underscore, other letter, or
    capital inside the word there is a match too: each hit is read by ``_Normalizer.
    _rn_lines``. Fast on English (3 to 7 ns a character measured): ``re`` finds each ``m`` by a
    scan for the literal, tries the letters after it as literals (one comparison a branch),
    and looks back only at a word's end, after one test of the two letters before the ``m``.
    """
    by_end: dict[str, set[str]] = {}
    for start, end in rn_spellings():
        by_end.setdefault(end, set()).add(start)
    trie: dict[str, dict[str, Any]] = {}
    for end in by_end:
        node = trie
        for ch in end:
            node = node.setdefault(ch, {})
        node[""] = {}

    def letters(chars: set[str]) -> str:  # these letters in either case, or any other
        kept = chars | {ch.upper() for ch in chars} | set(string.digits) | {"_"}
        return "[^" + "".join(re.escape(chr(i)) for i in range(128) if chr(i) not in kept) + "]"

    def before(m: str, end: str) -> str:  # the letters before the ``m``, looked back at
        body, starts = m + re.escape(end), by_end[end]
        if all(len(start) > 1 for start in starts):
            two = letters({start[-2] for start in starts})
            last = f"(?:{two}{letters({start[-1] for start in starts})}|[\\s\\S][^\\Wa-zA-Z])"
        else:
            last = letters({start[-1] for start in starts})
        tails = {start[-_RN_TAIL:] for start in starts if len(start) >= _RN_TAIL}
        tails.update(start.capitalize() for start in starts if len(start) == _RN_TAIL)
        found = [f"(?<=(?:{'|'.join(map(re.escape, sorted(tails)))}){body})"] if tails else []
        for size in range(1, _RN_TAIL):
            short = {start for start in starts if len(start) == size}
            if short:
                short.update(start.capitalize() for start in list(short))
                group = f"(?:{'|'.join(map(re.escape, sorted(short)))})"
                found.append(f"(?<={group}{body})(?<!\\w{group}{body})")
        # (a digit, an underscore, another letter, or a capital not opening the word)
        found.append(f"(?<!(?:[a-z\\W]|(?<!\\w)[A-Z]){{{_RN_TAIL}}}{body})")
        return f"(?<={last}{body})(?:{'|'.join(found)})"

    def after(m: str, node: dict[str, Any], end: str) -> str:  # the letters after it
        parts = [re.escape(ch) + after(m, sub, end + ch) for ch, sub in sorted(node.items()) if ch]
        parts.append("[^\\Wa-z]")
        if "" in node:
            parts.append("(?!\\w)" + before(m, end))
        return f"(?:{'|'.join(parts)})"

    sources = [f"{m}(?<=\\w{m}){after(m, trie, '')}" for m in "mM"]
    return re.compile(sources[0]), re.compile(sources[1])


def _has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the BMP (U+10000 and up).

    In UTF-16 each of them takes two code units and every other character one (a lone
    surrogate too, with ``surrogatepass``): about 0.5 ns a character, where a ``re`` class
    for the astral range tests each character in turn at about 4 ns.
    """
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)


def _holds_bar(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a bare stroke (``bar_pattern``), cheaply."""
    stop = len(text) if end is None else end
    if _BAR_BMP.search(text, start, stop) is not None:
        return True
    return (
        _has_astral(text[start:stop] if start or stop < len(text) else text)
        and bar_pattern().search(text, start, stop) is not None
    )


@lru_cache(maxsize=_CACHE_WORDS)
def _word_counts(word: str) -> LineContext:
    """``line_context`` of one word, remembered.

    ``_latin_besides_foreign`` reads every word of a line that holds another script's
    letters, and such text repeats its words.
    """
    return line_context(word)


# ``patterns.ipa_spelled`` remembered per word (``_is_transcription`` asks it of every word
# with Latin lookalikes that are IPA letters, ``ɑ``, ``ɡ``).
_ipa_spelled = lru_cache(maxsize=_CACHE_WORDS)(ipa_spelled)


@dataclass(slots=True)
class _WordCache:
    """Per-configuration memory of word plans and edits: farm text repeats its words."""

    plans: dict[str, Plan] = field(default_factory=dict)
    edits: dict[tuple[str, int, bool, str], Edits] = field(default_factory=dict)


_CACHES: dict[NormalizeConfig, _WordCache] = {}


def _word_cache(config: NormalizeConfig) -> _WordCache:
    cache = _CACHES.get(config)
    if cache is None or len(cache.plans) > _CACHE_WORDS or len(cache.edits) > _CACHE_WORDS:
        cache = _CACHES[config] = _WordCache()
    return cache


@cache
def _folds() -> dict[str, Change]:
    """Each change ``fold_table`` makes, for the records of lines folded whole."""
    table = confusables_table()
    folds: dict[str, Change] = {}
    for cp, target in fold_table().items():
        ch = chr(cp)
        if target is None:
            step = STEP_INVISIBLE if ch in INVISIBLE else STEP_MARK
            folds[ch] = (0, 0, ch, "", step)
        else:
            step = STEP_LOOKALIKE if table[ch].kind == "lookalike" else STEP_COMPAT
            folds[ch] = (0, len(target), ch, target, step)
    return folds


class _Normalizer:
    """One pass over one text; builds the output and the pending replacement edits.

    Plain lines are folded whole (see the module docstring); on other lines only the words
    around characters that might change and spelled-out names are looked at, and everything
    else is copied through in slices.
    """

    def __init__(
        self,
        text: str,
        config: NormalizeConfig,
        names: list[re.Match[str]],
        *,
        whole_lines: bool,
        found: Evidence | None = None,
    ) -> None:
        self.text = text
        self.names = names[::-1]  # spelled-out names, last first (the next one is ``pop()``)
        self.config = config
        self.whole_lines = whole_lines
        self.out: list[str] = []
        self.out_len = 0
        self.pending: list[Pending] = []
        self._line_cache: dict[int, LineContext] = {}
        self._last_line: tuple[int, int, LineContext | None] = (0, 0, None)
        self._gains: dict[int, bool] = {}
        self._foreign: dict[int, bool] = {}
        self._besides: dict[int, bool] = {}
        self._looks: dict[tuple[int, frozenset[str], bool], int] = {}
        self._spellings: dict[str, set[str]] | None = None
        self._hits = [-1, -1]  # where ``_JOINERS`` and ``_UNPLAIN`` next match (``_next_hit``)
        self._found = found  # ``context.evidence(text)``, when the caller has it
        self._allows: int | None = None
        self._dotless: bool | None = None
        self._plain_vowels: dict[int, bool] = {}  # per line start: no ç ö ü (``_dotless_disguise``)
        self._writes_units: bool | None = None  # ``_units_after_numbers`` found in the text
        self._strays: bool | None = None
        self._strays_by_strokes: bool | None = None
        self._strokes: StrokeReader | None = None
        self._newlines: list[int] | None = None
        # Starts of lines where a word's lookalikes stayed for what its line holds
        # (``_fold_lookalikes_read``): the output's line may read otherwise (``lines_read_anew``).
        self._kept_by_line: set[int] = set()
        # A word was decided by what a fold of this pass changes (``_context_edits``,
        # ``_fold_notation``): its output may read otherwise (``work_left``).
        self._read_again = False
        self._notation_bars: frozenset[int] | None = None  # ``context.notation_bars(text)``
        self._holds_m: bool | None = None  # whether the text holds ``rn_letters`` (``_astral_m``)
        self.cache = _word_cache(config)

    def _breaks(self) -> list[int]:
        """The offsets of the text's line breaks, found once."""
        newlines = self._newlines
        if newlines is None:
            newlines, text = [], self.text
            at = text.find("\n")
            while at >= 0:
                newlines.append(at)
                at = text.find("\n", at + 1)
            self._newlines = newlines
        return newlines

    def _line_start(self, pos: int) -> int:
        """Where the line holding ``pos`` starts: one past the last line break before it.

        The newline offsets are found once per text and bisected: scanning back to the line
        start at every word made one long line quadratic (a 1 MB line took 13 s, now 3 s).
        """
        newlines = self._breaks()
        k = bisect_left(newlines, pos)
        return newlines[k - 1] + 1 if k else 0

    def run(self) -> NormalizedText:
        if self.whole_lines and not self.text.isascii() and self._lines_fold_alone():
            self._by_lines()
        else:
            self._span(0, len(self.text))
        return LazyNormalizedText(
            "".join(self.out),
            self.text,
            pending=self.pending,
            folds=_folds(),
            changed=suspect_pattern(),
        )

    def work_left(self, output: str) -> bool:
        """Whether this pass's ``output`` may read otherwise than its input did.

        Where a word lost stray accents beside a character read by its neighbours
        (``_context_edits``), a lone small one was read by a word that may fold
        (``_fold_notation``), or a line whose lookalikes stayed reads otherwise
        (``lines_read_anew``): another pass decides those words again.
        """
        return self._read_again or self.lines_read_anew(output)

    def lines_read_anew(self, output: str) -> bool:
        r"""Whether a line whose lookalikes stayed for what it holds reads otherwise as output.

        A word's lookalikes stay where its line is not Latin enough, holds a genuine letter of
        their script, or has no Latin letter (``_fold_lookalikes_read``). The pass's folds
        elsewhere on the line may change that: a styled one a word reads as a letter
        (``n\u0131\U0001d7cf`` is ``nil``) counts as no letter in the input and as one in
        the output, so the line ``a\u04cf\u3400\u3400J.\u043e.h.n\u0131\U0001d7cf``
        became Latin enough for its Cyrillic ``\u043e`` only once folded. Such a line's
        context is read again on the output (same line by count: no fold adds or removes a
        line break); where it differs, another pass decides its words.
        """
        if not self._kept_by_line:
            return False
        lines, out_lines = self.text.split("\n"), output.split("\n")
        if len(lines) != len(out_lines):
            return True
        breaks = self._breaks()
        for start in self._kept_by_line:
            k = bisect_left(breaks, start)  # the line's number: the breaks before it
            before, after = line_context(lines[k]), line_context(out_lines[k])
            if _reading(before) != _reading(after):
                return True
        return False

    def _lines_fold_alone(self) -> bool:
        """Whether every lookalike and presentation form on a plain Latin line folds."""
        config = self.config
        steps = (config.fold_confusables, config.fold_compat)
        if not all((*steps, config.strip_invisible, config.strip_marks)):
            return False
        found = self._evidence()
        return found.scripts <= found.mixed and (found.styled or not found.compat)

    def _by_lines(self) -> None:
        """Fold runs of plain lines whole with ``str.translate``; look at the others alone.

        One scan finds the lines that need a closer look (``problem_pattern``: characters
        other than plain Latin text and context-free table characters; lookalikes on a line
        without an ASCII letter; spelled-out names); the lines between them are folded as one
        block.
        """
        text, names = self.text, self.names
        table: Mapping[int, str | None] | list[int | str | None] = fold_table()
        if not _has_astral(text):
            table = fold_list()
        n = len(text)
        # Lines folded whole that delete characters (invisibles, marks) join the block only
        # in a text without strokes: stroke indices in a block are indices in its fold.
        # (Asked only once such a line comes: most texts have none.)
        strokes: bool | None = None
        finders = (problem_pattern(), unlatin_line_pattern())
        found = [-1, -1]  # where each finder's next hit starts (n: none left)
        # A condition's bar (``P(A\u2223B)``) stays: its line is looked at word by word.
        conditions = (
            sorted((at for at in self._notation() if text[at] == DIVIDES), reverse=True)
            if DIVIDES in text
            else []
        )
        cursor = block = 0  # text[block:cursor] is plain lines still to fold
        while cursor < n:
            for k, finder in enumerate(finders):
                if found[k] < cursor:  # search again only once the last hit is passed
                    hit = finder.search(text, cursor)
                    found[k] = hit.start() if hit else n
            at = min(found)
            while conditions and conditions[-1] < cursor:
                conditions.pop()
            if conditions and conditions[-1] < at:
                at = conditions[-1]
            if names and names[-1].start() < at:
                at = names[-1].start()
            if at >= n:
                break
            line_start = self._line_start(at)
            line_end = text.find("\n", at) + 1 or n
            whole, deletes = self._folds_whole(line_start, line_end)
            if whole and conditions and conditions[-1] < line_end:
                whole = False
            if deletes and strokes is None:
                strokes = _holds_bar(text)
            if whole and not (deletes and strokes):
                cursor = line_end  # the line joins the block
                continue
            self._fold_block(block, line_start, table)
            if whole:
                self._fold_block(line_start, line_end, table)
            else:
                self._span(line_start, line_end)
            cursor = block = line_end
        self._fold_block(block, n, table)

    def _fold_block(
        self, start: int, end: int, table: Mapping[int, str | None] | list[int | str | None]
    ) -> None:
        """Fold ``text[start:end]`` (lines that fold whole) with ``str.translate``.

        Its strokes are read word by word; a block holding strokes deletes nothing. A block
        without a suspect character is copied as it is: every character that ``table``
        changes, and every stroke, is one (``tests/normalize/test_speed_paths.py``), and
        ``str.translate`` costs about 30 ns a character on text that is not ASCII, the
        ``suspect_pattern`` scan about 2.
        """
        if start >= end:
            return
        block = self.text[start:end]
        if suspect_pattern().search(self.text, start, end) is None:
            self.out.append(block)
            self.out_len += len(block)
            return
        folded = block.translate(table)
        if folded != block and (found := self._rn_lines(folded, start, end)):
            for line_start, line_end in found:  # (none of the lines between reads "rn")
                self._fold_block(start, line_start, table)
                self._span(line_start, line_end)
                start = line_end
            self._fold_block(start, end, table)
            return
        strokes: tuple[tuple[int, str], ...] = ()
        if _holds_bar(self.text, start, end):
            # The block deletes nothing, so an index in the block is one in ``folded``.
            strokes = self._line_strokes(start, end)
            pieces: list[str] = []
            last = 0
            for i, letter in strokes:
                pieces.append(folded[last:i])
                pieces.append(letter)
                last = i + 1
            pieces.append(folded[last:])
            folded = "".join(pieces)
        if folded != block:
            self.pending.append((self.out_len, FoldedLine(block, strokes)))
        self.out.append(folded)
        self.out_len += len(folded)

    def _rn_lines(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        r"""The lines of ``text[start:end]`` where a word reads an ``m`` as "rn", in order.

        ``folded`` is that block folded (``_fold_block``). A plain ``m`` reads "rn" in a word
        with a lookalike (``The w\u0430ming sign``: "warning", ``plans.rn_letter``), which
        the block's fold does not see. Its letters spell such a word where ``_rn_finders``
        matches and they, in lower case, are one (``_rn_words``): rare, so each such
        line is then read as ``_span`` would (``_reads_rn``). No fold adds or removes a line
        break, so a line of ``folded`` is the same line of the text.
        """
        lines: set[tuple[int, int]] = set()
        words, n = _rn_words(), len(folded)
        first = bisect_left(self._breaks(), start)  # the block's first line break
        for finder in _rn_finders():
            stop = counted = k = 0  # ``k``: line breaks in ``folded[:counted]``
            for hit in finder.finditer(folded):
                at = hit.start()
                if at < stop:
                    continue  # (in a word or a line already read: each is read once)
                begin = at
                while begin and ((ch := folded[begin - 1]).isalnum() or ch == "_"):
                    begin -= 1
                stop = at + 1
                while stop < n and ((ch := folded[stop]).isalnum() or ch == "_"):
                    stop += 1
                if "".join(filter(str.isalpha, folded[begin:stop])).lower() not in words:
                    continue
                k += folded.count("\n", counted, at)
                counted = at
                breaks, here = self._breaks(), first + k
                line_start = breaks[here - 1] + 1 if here and breaks[here - 1] >= start else start
                line_end = breaks[here] + 1 if here < len(breaks) and breaks[here] < end else end
                if (line_start, line_end) not in lines and self._reads_rn(line_start, line_end):
                    lines.add((line_start, line_end))
                # ``_reads_rn`` read the whole line: its other hits are skipped
                next_line = folded.find("\n", at)
                stop = n if next_line < 0 else next_line + 1
        return sorted(lines)

    def _folds_whole(self, start: int, end: int) -> tuple[bool, bool]:
        """Whether a line is plain enough to fold whole, and whether it holds joiners.

        A word of it may read an ``m`` as "rn": ``_fold_block`` looks for those.
        """
        line, names = self.text[start:end], self.names
        has_joiners = self._next_hit(_JOINERS, start) < end
        whole = not (
            (names and names[-1].start() < end)
            or self._astral_m(line)  # (asked first: it spares the ``_UNPLAIN`` scan)
            or self._next_hit(_UNPLAIN, start) < end
            or not (_ASCII_LETTER.search(line) or len(LETTER_RUN.findall(line)) >= 3)
            or (has_joiners and joiner_trouble().search(line))
            or (IPA_SMALL_CAPITAL.search(line) and TRANSCRIPTION_MARK.search(line))
            or (has_joiners and _holds_bar(self.text, start, end))
        )
        return whole, has_joiners

    def _astral_m(self, line: str) -> bool:
        """Whether the line holds a lookalike of ``m`` (``rn_letters``) and astral characters.

        Such a line (mathematical ``𝑚``) stays off the block path: the word rules, which read
        only its changing words, beat a translate by dict there. A line with only BMP ones
        folds whole, unless a word reads an ``m`` as "rn" (``_fold_block``). The text is asked
        once (most hold none, and their lines pay nothing); a line's BMP ones are found by a
        bitmap class and its astral ones by substring (one class holding both cost 70 ns a
        character on every line asked about).
        """
        bmp, astral, letters = _rn_letters()
        held = self._holds_m
        if held is None:  # (the text's kinds of table characters first: ``evidence`` has them)
            shown, kinds = self._evidence(), _rn_kinds()
            held = self._holds_m = (
                (shown.compat and "compat" in kinds) or not kinds.isdisjoint(shown.scripts)
            ) and any(ch in self.text for ch in letters)
        return (
            held
            and _has_astral(line)
            and (bmp.search(line) is not None or any(ch in line for ch in astral))
        )

    def _reads_rn(self, begin: int, stop: int) -> bool:
        """Whether a word of ``text[begin:stop]`` reads an ``m`` as "rn" (``plans.rn_letter``).

        Its words as ``_span`` finds them, on a line without astral characters; a line that
        folds whole is read so where its letters may spell such a word (``_rn_lines``: the
        fold table reads each ``m`` as ``m``). Only a word with a character read as ``m`` can
        (``_m_letters``): those are found first, and each one's word looked at once.
        """
        text, plans, config = self.text, self.cache.plans, self.config
        extra, run, changing = word_extra(), word_run(), suspect_pattern()
        cursor = begin
        for hit in _m_letters().finditer(text, begin, stop):
            at = hit.start()
            if at < cursor:
                continue  # (in the word just looked at)
            found = run.match(text, at + 1)
            end = found.end() if found else at + 1
            start = at
            while start > cursor and (
                (ch := text[start - 1]).isalnum() or ch == "_" or ch in extra
            ):
                start -= 1
            cursor = end
            word = text[start:end]
            plan = plans.get(word)
            if plan is None:
                if changing.search(word) is None:
                    continue  # (ASCII letters alone: no "rn")
                plan = plans[word] = plan_word(word, config)
            if plan.rn >= 0:
                return True
        return False

    def _next_hit(self, which: int, at: int) -> int:
        """Where ``joiner_pattern`` (``_JOINERS``) or ``unplain_pattern`` next matches from ``at``.

        The end of the text where none does. Lines are asked about in order, so each pattern
        scans the text once. (The hits are kept by index: a dict keyed by the compiled
        pattern hashed its whole code at each look-up.)
        """
        hit = self._hits[which]
        if hit < at:
            found = (joiner_pattern() if which == _JOINERS else unplain_pattern()).search(
                self.text, at
            )
            hit = self._hits[which] = found.start() if found else len(self.text)
        return hit

    def _line_strokes(self, start: int, end: int) -> tuple[tuple[int, str], ...]:
        """Readings of the bare strokes on plain lines, as (index from ``start``, letter)."""
        if self._strokes is None:
            self._strokes = StrokeReader(self.text)
        return tuple(self._strokes.strokes(start, end))

    def _span(self, begin: int, stop: int) -> None:
        """Normalize ``text[begin:stop]`` word by word (``stop`` ends a line or the text).

        Each word's plan and edits are looked up in the loop, with the output length kept in a local
        (written back around spelled-out names, which ``_emit`` and ``_join`` add).
        """
        text = self.text
        splits = self.names
        word_re, extra, out = word_pattern(), word_extra(), self.out
        pending, plans, config = self.pending, self.cache.plans, self.config
        out_len = self.out_len
        cursor = begin  # everything before this has been emitted
        for hit in suspect_word_pattern().finditer(text, begin, stop):
            at, end = hit.span()
            if splits and splits[-1].start() < at:
                self.out_len = out_len
                while splits and splits[-1].start() < at:
                    name = splits.pop()
                    if name.start() >= cursor:  # else it overlaps a word already done
                        self._emit(text[cursor : name.start()])
                        self._join(name.group())
                        cursor = name.end()
                out_len = self.out_len
            # (a word character, ``\w``, is what ``str.isalnum`` or ``_`` says: ``re`` asks
            # the same Unicode database, so the match is needed only for other characters)
            if not ((ch := text[at]).isalnum() or ch == "_") and not word_re.match(text, at):
                if end == at + 1:
                    continue  # an emoji or symbol outside any word: copied through
                at += 1  # a symbol before a word: the word starts after it
            start = at  # back to the start of the word
            while start > cursor and (
                (ch := text[start - 1]).isalnum() or ch == "_" or ch in extra
            ):
                start -= 1
            if cursor < start:
                out.append(text[cursor:start])
                out_len += start - cursor
            word = text[start:end]
            plan = plans.get(word)
            if plan is None:
                plan = plans[word] = plan_word(word, config)
            edits = plan.static_edits
            if edits is None:
                edits = plan.text_edits
                if edits is None or plan.text_needs & ~self._text_allows():
                    edits = self._context_edits(plan, start)
            output, changes = edits
            if changes:
                pending.append((out_len, changes))
            out.append(output)
            out_len += len(output)
            cursor = end
        self.out_len = out_len
        while splits and splits[-1].start() < stop:
            name = splits.pop()
            if name.start() >= cursor:
                self._emit(text[cursor : name.start()])
                self._join(name.group())
                cursor = name.end()
        self._emit(text[cursor:stop])

    def _join(self, spelled: str) -> None:
        """Emit a spelled-out name joined up, recording each removed separator."""
        letters: list[str] = []
        changes: list[Change] = []
        for ch in spelled:
            if ch.isalpha():
                letters.append(ch)
            else:
                changes.append((len(letters), len(letters), ch, "", STEP_JOIN))
        self.pending.append((self.out_len, tuple(changes)))
        self._emit("".join(letters))

    def _emit(self, chunk: str) -> None:
        if chunk:
            self.out.append(chunk)
            self.out_len += len(chunk)

    def _line(self, pos: int) -> LineContext:
        """The context of the line holding ``pos`` (the last line asked about is kept)."""
        start, end, ctx = self._last_line
        if ctx is not None and start <= pos < end:
            return ctx
        start = self._line_start(pos)
        end = self.text.find("\n", pos)
        end = end if end >= 0 else len(self.text)
        ctx = self._line_cache.get(start)
        if ctx is None:
            ctx = self._line_cache[start] = line_context(self.text[start:end])
        self._last_line = (start, end, ctx)
        return ctx

    def _text_allows(self) -> int:
        """The ``plans.TEXT_*`` conditions this text meets (for ``Plan.text_edits``).

        Each one settles ``_fold_compat`` for every word at once: without CJK no line holds
        any; without ``/``, ``[`` and letters only transcription uses no word is phonetic
        (``_is_phonetic_context``); in a text that styles words a short styled word folds.
        """
        allows = self._allows
        if allows is None:
            text = self.text
            allows = self._allows = (
                (TEXT_NO_CJK if CJK.search(text) is None else 0)
                | (
                    TEXT_NO_PHONETIC
                    if "/" not in text
                    and "[" not in text
                    and ipa_only_pattern().search(text) is None
                    else 0
                )
                | (TEXT_STYLED if self._evidence().styled else 0)
            )
        return allows

    def _evidence(self) -> Evidence:
        if self._found is None:
            self._found = evidence(self.text)
        return self._found

    def _context_edits(self, plan: Plan, pos: int) -> Edits:
        """Edits for a word whose folding depends on its line or neighbours."""
        config, cache = self.config, self.cache
        look, compat = self._table_folds(plan, pos)
        strokes = self._stroke_letters(plan, pos, look, compat)
        notation = (
            plan.notation
            if plan.notation and config.fold_compat and self._fold_notation(plan, pos, look, compat)
            else ()
        )
        plain, shown = plan.plain, plan.word
        if plan.accents and strokes:  # the word as its strokes read (``ӀÀ`` is ``LA``)
            shown = _as_read(plan.word, strokes)
            plain = skeleton(shown)
        if plan.accents and notation:  # ... and as its letter shapes read (``ẝ¹À``: "flA")
            shapes = shape_letters(plan.word, plan.classes)
            if shapes:
                plain = skeleton("".join(shapes.get(i, ch) for i, ch in enumerate(plan.word)))
        accents = self._accents(plan, pos, plain, shown) if plan.accents else ()
        key = (
            plan.word,
            look,
            compat,
            # all accents, or only the combining ones (``_accents``)
            strokes
            + ("\x00" if accents == plan.accents else "\x02" if accents else "")
            + ("\x01" if notation else ""),
        )
        edits = cache.edits.get(key)
        if edits is None:
            edits = cache.edits[key] = word_edits(
                plan.word,
                plan.classes,
                plan.drop,
                look,
                compat,
                strokes,
                accents,
                notation,
                rn=plan.rn,
            )
        if accents and not self._read_again:
            # The word's other characters were read beside its accents, which go: where one
            # of them stays that reads by its neighbours (a mark, a small one, a letter
            # shape), the output's word may read otherwise (``\u015f\xb9\u0305\u24e3`` gives
            # ``s\xb9\u0305t``, read "sIt" as it stands), so another pass reads it
            # (``work_left``).
            read_by_shape = letter_shapes()
            self._read_again = any(
                not ch.isascii() and (not ch.isalpha() or ch in read_by_shape) for ch in edits[0]
            )
        return edits

    def _plan(self, word: str) -> Plan:
        """``word``'s plan, from the cache or made and kept there."""
        plan = self.cache.plans.get(word)
        if plan is None:
            plan = self.cache.plans[word] = plan_word(word, self.config)
        return plan

    def _table_folds(self, plan: Plan, pos: int) -> tuple[int, bool]:
        """Whether a word's lookalikes (all, all but a dotless i, none) and forms fold."""
        config = self.config
        look = LOOK_NONE
        if plan.lookalikes and config.fold_confusables:
            look = self._fold_lookalikes(plan, pos)
        compat = bool(plan.compat) and config.fold_compat and self._fold_compat(plan, pos)
        return look, compat

    def _stroke_letters(self, plan: Plan, pos: int, look: int, compat: bool) -> str:
        """The letters a word's bare strokes read where they fold (``look``, ``compat``), or ""."""
        if not (plan.strokes and (look != LOOK_NONE or compat)):
            return ""
        if self._strokes is None:
            self._strokes = StrokeReader(self.text)
        return self._strokes.read(plan.word, pos)

    def _fold_notation(self, plan: Plan, pos: int, look: int, compat: bool) -> bool:
        """Whether a word's superscript and subscript letters (``heᵣ``, ``𝐩ₕ𝛔𝗍𝔬``) fold.

        Never in IPA (``tʰ``) or between slashes; always where the word's other lookalikes,
        presentation forms, invisibles or noise marks go; else where the text shows
        obfuscation elsewhere (a script mixed into English, styled words) and the word
        folded is English (``heᵣ``), so ``xᵢ`` and ``nᵗʰ`` in plain text stay. Also the
        styled ones and zeros a word reads as letters (``plans.shape_letters``). A word of one
        small letter in such a text folds where it reads "a" or "I" or follows an apostrophe
        (``’ˢ``, ``’ᵈ``).
        """
        if self._is_phonetic_context(plan.word, pos):
            return False
        if (plan.lookalikes and look != LOOK_ALL) or (plan.compat and not compat):
            return False  # the word's other letters stay as written: so do these
        if (plan.lookalikes and look != LOOK_NONE) or (plan.compat and compat) or plan.drop:
            return True
        found = self._evidence()
        if not (found.mixed or found.styled) or (
            not _DIGRAPHS.isdisjoint(plan.word) and "LATIN" not in found.mixed
        ):
            return False  # (an IPA digraph, ``ʦ``, folds in a word disguised otherwise or a
            # text that disguises with Latin lookalikes, IPA letters among them: ``wanʦ``)
        word = plan.word
        shapes = shape_letters(word, plan.classes)
        if len(word) == 1:  # a lone ``ª`` or ``ˡ`` for "a" or "I", or ``’ˢ`` for "’s"
            read = shapes.get(0) or notation_table()[word]
            if len(read) > 1:  # a unit sign that reads a word (``㏌``), in a text that
                return not self._units_written()  # writes no units
            if word in _SMALL_DIGITS:
                after = self._word_after_lone(pos)
                if not after[:1].islower():
                    if after and not after[:1].isascii():
                        # The word may start in lower case once folded (``\xb9 \u04c0ove``
                        # gives ``\xb9 love``, where the one is "I"): another pass reads it
                        # (``work_left``).
                        self._read_again = True
                    return False  # a footnote mark (``this.¹``, ``¹ Smith, J.``), not "I"
            # ... or a capital letter alone (``ᴬ``, ``🄫``: an initial or the word "A")
            return self.text[pos - 1 : pos] in _APOSTROPHES or read in ("a", "I") or read.isupper()
        if shapes and not all(ch.isascii() or ch in _SMALL_DIGITS for ch in word):
            # (a small one or zero in a word otherwise plain, ``base¹ess``, stays notation)
            word = "".join(shapes.get(i, ch) for i, ch in enumerate(word))
        plain = skeleton(word)
        return len(plain) >= 2 and plain in lexicon().ranks

    def _word_after_lone(self, pos: int) -> str:
        r"""What follows a lone small one at ``pos`` from the next word on ("" if none).

        The one stands as "I" before a word in lower case (``\xb9 love you``), which
        ``_fold_notation`` reads. It must stand apart (at a line's start or after a space, not
        after a word or a sentence's end, where a footnote mark sits: ``this.\xb9``) and be
        followed by a word (a reference list's ``\xb9 Smith, J.`` is no "I": its word is
        capitalized).
        """
        before = self.text[pos - 1 : pos]
        if before not in ("", " ", "\n", "\t", "\xa0"):
            return ""
        # (a slice and ``lstrip``, not a regex: a hostile run of spaces costs its length once)
        gap = self.text[pos + 1 : pos + 2 + _WORD_GAP_MAX]
        word = gap.lstrip(_WORD_GAP)
        return word if len(word) < len(gap) else ""

    def _strip_accents(self, plan: Plan, pos: int, plain: str, shown: str) -> bool:
        """Whether a word's accents are stray (``yèllow``, ``tödáy``) rather than real.

        They go where the word without them is English (capitalized: among the 20,000 most
        frequent words) or used plainly in this text, the word is not one whose accents are
        real (``accents``: café, naïve, Zoë, Beyoncé, Dvořák...), and its line is not
        foreign-language text (see ``_foreign_line``). ``plain`` and ``shown`` are the word
        as its strokes read (``_context_edits``), without and with its accents and case:
        whether it is capitalized is read on ``shown``, as the output will write it (a capital
        palochka read as ``l``: ``\u04c0ove\u015f`` is ``love\u015f``, in lower case).
        """
        if real_accents(plan.word) and not (
            # ... unless it is one of the most common English words in lower case, in a text
            # that writes stray accents (``thé``: French tea, but "the" in such a text)
            shown.islower()
            and lexicon().ranks.get(plain, _COMMON_STRAY_RANK) < _COMMON_STRAY_RANK
            and self._strays_seen()
        ):
            return False
        if plan.drop and real_accents(
            "".join(ch for i, ch in enumerate(plan.word) if i not in plan.drop)
        ):
            return False  # ``fiancé`` under a flood of marks
        if not self._plain_is_english(plain, plan.word, shown):
            return False
        if not plan.noisy and not self._strays_seen():
            return False  # one accented word in a text is its spelling (``resumé``, ``Ángel``)
        if plan.national and (
            _capitalized(shown) or lexicon().ranks.get(plain, _COMMON_RANK) >= _COMMON_RANK
        ):
            return False  # ``tơok``, ``şhowed``: a common English word, never a name (Huế)
        if plan.turkic and "ı" in self.text:
            return False  # a Turkish letter keeps dotless ı (``_keep_dotless_i``): both stay
        return not self._foreign_line(pos)

    def _strays_seen(self) -> bool:
        """Whether the text writes stray accents as a disguise (``plans.stray_accents``).

        Asked once per text; a word that keeps its accents counts the same way in the
        output, so a second pass decides alike.
        """
        if self._strays is None:
            self._strays = stray_accents(
                self.text, self.config, self.cache.plans, self._foreign_line
            )
        return self._strays

    def _accents(self, plan: Plan, pos: int, plain: str, shown: str) -> tuple[int, ...]:
        """The accents of a word to remove (``_strip_accents``), if any.

        A word that carries noise marks (a flood, an overlay) is disguised: the combining
        accents left on it are part of the disguise (``diff̊erences``, ``Khlo̊e``), English
        word or name; its precomposed letters (``Khloé``) go only as ``_strip_accents`` says.
        """
        if self._strip_accents(plan, pos, plain, shown):
            return plan.accents
        if not plan.noisy or real_accents(
            "".join(ch for i, ch in enumerate(plan.word) if i not in plan.drop)
        ):
            return ()
        marks = tuple(i for i in plan.accents if plan.classes[i] is CharClass.MARK)
        return marks if marks and not self._foreign_line(pos) else ()

    def _plain_is_english(self, plain: str, word: str, shown: str | None = None) -> bool:
        """Whether ``plain`` (``word`` without accents) is English, as ``_strip_accents`` asks.

        ``shown``: the word as its strokes read, whose case counts (default ``word``).
        """
        rank = lexicon().ranks.get(plain)
        if not _capitalized(word if shown is None else shown):
            return rank is not None or self._spelled_otherwise(plain, word)
        # A capitalized word is a name more often than not: its accents go only where it is a
        # common English word (``Tödáy``); ``Khloé`` stays even where the text also writes
        # ``Khloe`` (news copy is inconsistent with accents, not obfuscated).
        return rank is not None and rank < _COMMON_RANK

    def _foreign_line(self, pos: int) -> bool:
        r"""Whether the accented words of this line are mostly not English without accents.

        A Vietnamese, French or Turkish sentence: at least one accented word that is neither
        English without its accents nor a known accented word, and at least half as many as
        the accented words that are (``Tôi là``: ``la`` is English, ``toi`` is not). Words
        under noise marks that read English count as English (``bore͂d … tḩe … @brielarsoṇ``).
        A word whose bare strokes fold counts as English where it is, read as its strokes read
        (``\u04c0ov\xe8`` as ``lov\xe8``), as the next pass counts it: skipped, it made the
        next pass count one English word more than this one (``\u04c0ov\xe8 y\xe8llow r\xe8d
        q\xe9xz`` gave ``lov\xe8 y\xe8llow r\xe8d q\xe9xz``, then ``love yellow red
        q\xe9xz``). One that reads no English word is still not counted (the reviewer's rn1 set
        lost stray accents on 29 lines where such words counted as foreign); the next pass
        counting it as foreign only adds to a line this pass found foreign, and on a line this
        pass found English the English words' accents are gone by then. One that reads, with
        its capital, a known word that is no English one counts as foreign, as its genuine
        spelling does (``\u0130\u04c0k`` is ``\u0130lk``: ``\u0130lk g\xfcn y\xe8llow``
        keeps its accents), unless it reads real accents (``\xc9\u0406ise`` is ``\xc9lise``,
        skipped as written).
        """
        start = self._line_start(pos)
        foreign = self._foreign.get(start)
        if foreign is not None:
            return foreign
        end = self.text.find("\n", pos)
        end = end if end >= 0 else len(self.text)
        if self._national(self.text[start:end], start):
            foreign = self._foreign[start] = True  # Turkish (Doç.), Vietnamese (Cần Thơ)
        else:
            english = other = 0
            for hit in word_pattern().finditer(self.text, start, end):
                word = hit.group()
                plan = self._plan(word)
                if plan.noisy:  # noise marks are disguise: of English where the word reads so
                    english += skeleton(word) in lexicon().ranks
                    continue
                if not plan.accents or plan.notation or real_accents(word):
                    continue  # (shapes read only once read)
                plain, shown = plan.plain, word
                if plan.strokes:
                    at = hit.start()
                    strokes = self._stroke_letters(plan, at, *self._table_folds(plan, at))
                    if not strokes:
                        continue  # its strokes stay: so does the word, skipped in the output too
                    shown = _as_read(word, strokes)
                    plain = skeleton(shown)
                    is_en = self._plain_is_english(plain, word, shown)
                    english += is_en
                    other += (
                        not is_en
                        and plain in lexicon().ranks
                        and not shown.islower()
                        and not real_accents(shown)
                    )
                    continue  # (see the docstring)
                if self._plain_is_english(plain, word, shown):
                    english += 1
                else:
                    other += 1
            foreign = self._foreign[start] = other > 0 and 2 * other >= english
        return foreign

    def _national(self, line: str, start: int) -> bool:
        r"""Whether a line is Vietnamese or Turkish: letters only they write, in two words.

        (``VIETNAMESE``: ơ, ư, ầ...; ``TURKIC``: ş, ğ, İ, ə.) Or in one word that is no
        English word without its accents (``người``, ``Nội``); one stray horn or cedilla on
        an English word (``tơok``, ``şhowed``) does not make its line foreign (``start``:
        where ``line`` starts in the text). A word whose bare strokes fold is read as the
        stroke reader writes it (``_national_word``).
        """
        words = self._national_words(line)
        if len(words) != 1:
            return bool(words)
        national = self._national_word(words[0].group(), start + words[0].start())
        return not self._strays_by_stroke_lines() if national is None else national

    @staticmethod
    def _national_words(line: str) -> list[re.Match[str]]:
        """The words of ``line`` that hold a letter only Vietnamese or Turkish write."""
        if not (VIETNAMESE.search(unicodedata.normalize("NFD", line)) or TURKIC.search(line)):
            return []
        return [
            hit
            for hit in word_pattern().finditer(line)
            if VIETNAMESE.search(unicodedata.normalize("NFD", hit.group()))
            or TURKIC.search(hit.group())
        ]

    def _national_word(self, word: str, pos: int) -> bool | None:
        r"""Whether ``word`` (at ``pos``), its line's one Vietnamese or Turkish word, is foreign.

        It is English where it is without its accents, read as its bare strokes read where
        they fold: ``\u04c0ove\u015f`` is ``love\u015f`` on the output (else the first pass
        kept its cedilla for a Turkish line and the second took it off). None where only its
        reading with a capital ``I`` is English (``\u04cf\u015f`` is ``I\u015f``, "is";
        ``\u015f\u2113\u015f`` is ``\u015fI\u015f``): the word stays foreign as written
        unless the next pass would strip its line's accents anyway (``_strays_by_stroke_lines``).
        A capital reading that is a known word but no English one (``\u0130lk``, rare) is not
        foreign: its line is weighed word by word (``_foreign_line``), as its genuine spelling.
        """
        ranks = lexicon().ranks
        if skeleton(word) in ranks:
            return False
        if STROKE_LETTERS.isdisjoint(word):
            return True
        plan = self._plan(word)
        strokes = self._stroke_letters(plan, pos, *self._table_folds(plan, pos))
        if not strokes:
            return True  # its strokes stay: so does the word
        shown = _as_read(word, strokes)
        plain = skeleton(shown)
        if plain not in ranks:
            return True
        if shown.islower() or not self._plain_is_english(plain, word, shown):
            return False
        return None

    def _strays_by_stroke_lines(self) -> bool:
        r"""Whether lines read English only with a capital ``I`` hold enough stray accents.

        Lines whose one Vietnamese or Turkish word is English only as its strokes read, with
        a capital ``I`` (``_national_word``), and stray accents as ``plans.stray_accents``
        counts them: enough for the next pass to strip them. Such a line (``\u04cf\u015f
        g\xfcn``: ``I\u015f g\xfcn``, "is gun") stays Turkish where its other words hold too
        few stray accents to count on the output (``g\xfcn`` alone), so that genuine Turkish
        and Vietnamese accents beside such a word stay; with more (``\u04cf\u015f g\xfcn
        y\xe8llow``), the next pass reads ``I\u015f`` as "is", the line as English and strips
        them, so this pass does too. The stroke word itself is not counted: the output writes
        it with a capital.
        """
        if self._strays_by_strokes is None:
            found: set[str] = set()
            start = 0
            for line in self.text.split("\n"):
                words = self._national_words(line)
                if len(words) == 1 and (
                    self._national_word(words[0].group(), start + words[0].start()) is None
                ):
                    for hit in word_pattern().finditer(line):
                        word = hit.group()
                        if hit.start() == words[0].start() or word.isascii() or word in found:
                            continue
                        if stray_candidate(word, self._plan(word)):
                            found.add(word)
                start += len(line) + 1
            self._strays_by_strokes = len(found) >= ENOUGH_STRAYS
        return self._strays_by_strokes

    def _fold_lookalikes(self, plan: Plan, pos: int, *, gains: bool = True) -> int:
        """Whether this word's lookalikes fold (all, all but a dotless i, or none).

        ``gains``: a line with no Latin letter counts as Latin once another of its words
        folds (so that normalizing the output again changes nothing).

        A word of lookalikes alone (no Latin letter beside them, no IPA letter, no dotless
        ``ı``) gets an answer that depends only on its line, its scripts and whether it has
        fewer than two letters: it is remembered per line for those (``_looks``), as the
        line's own answers (``_line``, ``_gains_latin``, ``_latin_besides_foreign``) are.
        """
        if plan.bars and self._bars_are_notation(plan.word, pos):
            return LOOK_NONE  # ``\u2016x\u2016``: a norm, not "llxll"
        if gains and not (plan.beside_latin or plan.ipa_letters or plan.dotless_i):
            key = (self._line_start(pos), plan.scripts, plan.letters < 2)
            look = self._looks.get(key)
            if look is None:
                look = self._looks[key] = self._fold_lookalikes_read(plan, pos, gains=gains)
            return look
        return self._fold_lookalikes_read(plan, pos, gains=gains)

    def _bars_are_notation(self, word: str, pos: int) -> bool:
        """Whether every norm or parallel bar of ``word`` (at ``pos``) is notation.

        ``context.notation_bars``: paired around a short expression on one line, as maths
        writes them (``the norm \u2016x\u2016``), not for "ll" (``wi\u2016``, ``he\u2016o``);
        a parallel sign between segment names (``AB\u2016CD``); and the DIVIDES of a
        condition (``P(A\u2223B)``), not for "l" (``he\u2223lo``).
        """
        notation = self._notation()
        return all(
            pos + i in notation for i, ch in enumerate(word) if ch in NORM_BARS or ch == DIVIDES
        )

    def _notation(self) -> frozenset[int]:
        """``context.notation_bars`` of the text, found once."""
        if self._notation_bars is None:
            self._notation_bars = notation_bars(self.text)
        return self._notation_bars

    def _fold_lookalikes_read(self, plan: Plan, pos: int, *, gains: bool) -> int:
        """``_fold_lookalikes`` worked out."""
        if (
            plan.ipa_letters
            and not plan.scripts - _IPA_SCRIPTS
            and self._is_transcription(plan.word, pos)
        ):
            return LOOK_NONE  # (a word with Cyrillic or Armenian lookalikes is none: ``/Ɩnѵіѕ/``)
        if plan.beside_latin:
            if (
                plan.formula_shaped
                and "GREEK" not in self._evidence().mixed
                and self._next_to_operator(plan.word, pos)
            ):
                return LOOK_NONE
            if plan.dotless_i and self._keep_dotless_i(plan, pos):
                return LOOK_KEEP_DOTLESS_I
            return LOOK_ALL
        if plan.letters < 2 and "GREEK" in plan.scripts and "GREEK" not in self._evidence().mixed:
            return LOOK_NONE  # a lone α or π in English text is a symbol, not a disguised letter
        line = self._line(pos)
        if line.latinish < self.config.latin_line_share * line.letters and not (
            line.other_scripts and self._latin_besides_foreign(pos)  # (no foreign word: no run)
        ):
            self._kept_by_line.add(self._line_start(pos))
            return LOOK_NONE
        if plan.scripts & line.other_scripts:
            self._kept_by_line.add(self._line_start(pos))
            return LOOK_NONE
        # Lookalikes of two scripts in one word (Cyrillic а with Armenian ռ) are obfuscation
        # by themselves; one script needs that script to be seen beside Latin letters. Dotless
        # ı is no second script (Turkish writes it); Latin IPA or extension letters are, beside
        # another script's lookalikes (``ɣօս``, ``ﮧꬵ``: no writing mixes them).
        mixed = self._evidence().mixed
        foreign = plan.scripts - {"LATIN"}
        if len(foreign) + (plan.ipa_letters and bool(foreign)) < 2 and not plan.scripts <= mixed:
            return LOOK_NONE
        # A line with no Latin letter at all (everything disguised) folds only where it holds
        # no genuine letter of another script, its scripts are seen beside Latin letters, and
        # it is a sentence (a short Russian reply such as «Нет.» is written in lookalikes too).
        if not (line.has_latin or (gains and self._gains_latin(pos))) and (
            line.other_scripts
            or not plan.scripts & mixed
            or (len(foreign) < 2 and line.words < _MIN_DISGUISED_WORDS)
        ):
            self._kept_by_line.add(self._line_start(pos))
            return LOOK_NONE
        if plan.dotless_i and self._keep_dotless_i(plan, pos):
            return LOOK_KEEP_DOTLESS_I
        return LOOK_ALL

    def _latin_besides_foreign(self, pos: int) -> bool:
        """Whether a line is Latin enough once its sentences in other scripts are set aside.

        An English sentence may share its line with a quoted one in another script (``… TO
        ꓐ𑢦 木村 稔 南極、タワー意図…``, ``I love ɣօս both … ياسمين كندة``): runs of
        consecutive foreign words that hold at least
        ``_FOREIGN_RUN_LETTERS`` letters are left out of the line's Latin share (a foreign
        word holds a genuine letter of another script: Arabic ``ا`` alone looks Latin). Their
        scripts still count as the line's (``_fold_lookalikes``: a Russian or Greek quote
        keeps its lookalike-only words), and a few foreign letters (``日本``) still count.
        """
        start = self._line_start(pos)
        found = self._besides.get(start)
        if found is None:
            end = self.text.find("\n", pos)
            latinish = letters = 0
            run = [0, 0]  # the current run of foreign words: letters, Latin-looking letters
            for hit in word_pattern().finditer(
                self.text, start, end if end >= 0 else len(self.text)
            ):
                ctx = _word_counts(hit.group())
                if ctx.other_scripts:  # a word holding a genuine letter of another script
                    run[0] += ctx.letters
                    run[1] += ctx.latinish
                    continue
                if ctx.letters and run[0]:
                    if run[0] < _FOREIGN_RUN_LETTERS:  # a few foreign letters count
                        letters, latinish = letters + run[0], latinish + run[1]
                    run = [0, 0]
                letters += ctx.letters
                latinish += ctx.latinish
            if run[0] < _FOREIGN_RUN_LETTERS:
                letters, latinish = letters + run[0], latinish + run[1]
            found = self._besides[start] = (
                letters > 0 and latinish >= self.config.latin_line_share * letters
            )
        return found

    def _gains_latin(self, pos: int) -> bool:
        r"""Whether a word of this line (which has no Latin letter) folds to Latin letters.

        Its lookalikes, or its small shapes read as letters (``\xb9`` alone reads ``I``): the
        next pass sees those letters (``'\xb9\u0947\u146f'`` once gave ``'I\u0947\u146f'``,
        whose ``\u146f`` folds).
        """
        start = self._line_start(pos)
        gains = self._gains.get(start)
        if gains is None:
            self._gains[start] = False  # no recursion: the words are judged without it
            end = self.text.find("\n", pos)
            gains = False
            for hit in word_pattern().finditer(
                self.text, start, end if end >= 0 else len(self.text)
            ):
                word = hit.group()
                plan = self.cache.plans.get(word)
                if plan is None:
                    plan = self.cache.plans[word] = plan_word(word, self.config)
                if (
                    plan.lookalikes
                    and self.config.fold_confusables
                    and self._fold_lookalikes(plan, hit.start(), gains=False) != LOOK_NONE
                ) or (
                    plan.notation
                    and not plan.lookalikes
                    and self.config.fold_compat
                    and _ASCII_LETTER.search(
                        (plan.static_edits or self._context_edits(plan, hit.start()))[0]
                    )
                ):
                    gains = True
                    break
            self._gains[start] = gains
        return gains

    def _keep_dotless_i(self, plan: Plan, pos: int) -> bool:
        """Dotless ı is a real letter in Turkish names (Yıldız, Altın) and text.

        It folds to ``i`` only on a line without Turkish or Azerbaijani letters, and only
        where the word is disguised otherwise too (``plans.disguised_beside_dotless``) or
        reads as an English word or one the text writes with ``i``, or the text writes
        English with ı (``_dotless_disguise``).
        """
        if plan.turkic or self._line(pos).has_turkic:
            return True
        if plan.scripts == {"LATIN"}:
            # Beside another lookalike (``Ʀıhɑnnɑ``: IPA alpha), a styled or small letter,
            # noise marks or a zero-width character, ı is disguise too.
            word = plan.word
            if disguised_beside_dotless(word, plan.drop, plan.noisy, plan.notation):
                return False
            # Alone, ı folds where the word it makes is English or used in this text, or,
            # in a text that disguises English words with it, in any plain word (names),
            # whatever other scripts the text disguises with (``Batı`` stays).
            return not (self._english(word) or self._dotless_disguise(word, pos))
        return False

    def _dotless_disguise(self, word: str, pos: int) -> bool:
        """Whether ``word`` (ASCII letters and ``ı``) is in a text that writes English with ı.

        At least three distinct words of ASCII letters and ``ı`` read as English words with
        ``i``, no Turkish letter anywhere in the text, and none of ``ç ö ü`` on the word's
        line (a Turkish sentence without ş or ğ keeps its ı).
        """
        if self._dotless is None:
            english = {
                found
                for found in _DOTLESS_WORD.findall(self.text)
                if skeleton(found) in lexicon().ranks
            }
            self._dotless = len(english) >= _DOTLESS_WORDS and not TURKIC.search(self.text)
        if not self._dotless or _DOTLESS_WORD.fullmatch(word) is None:
            return False
        start = self._line_start(pos)
        plain = self._plain_vowels.get(start)  # once a line: each word reading it cost words x line
        if plain is None:
            end = self.text.find("\n", pos)
            stop = end if end >= 0 else len(self.text)
            plain = self._plain_vowels[start] = (
                _TURKISH_VOWELS.search(self.text, start, stop) is None
            )
        return plain

    def _units_written(self) -> bool:
        """Whether the text writes units after numbers (searched once, not once a word)."""
        if self._writes_units is None:
            self._writes_units = _units_after_numbers().search(self.text) is not None
        return self._writes_units

    def _english(self, word: str) -> bool:
        """Whether ``word`` with its table letters folded is English or spelled so elsewhere."""
        plain = skeleton(word)
        return plain in lexicon().ranks or self._spelled_otherwise(plain, word)

    def _spelled_otherwise(self, plain: str, word: str) -> bool:
        """Whether the text also writes ``plain`` as another word that is or becomes ASCII.

        Words of ASCII letters, table and notation letters, marks and invisibles count
        (``Amelia``, ``Amеlia``, ``Ame\u200blia``, ``wıthᵃ``: ``wıtha`` beside it folds as it
        does beside the output's ``witha``). ``Amelıa`` beside ``Amelia`` folds; a name written
        one way throughout (``Yıldız``) does not, nor do mojibake runs (``â€™``). Counting
        the table's letters as folded keeps the answer the same on the normalizer's output;
        a word's bare strokes count as each letter they may be read as (``stroke_spellings``:
        the stroke reader reads ``b\u04cf`` as ``bi`` beside ``b\u0131``; counted only as ``bl``,
        the next pass saw ``bi`` where this one did not).
        """
        if self._spellings is None:
            table, notes = confusables_table(), notation_table()
            spellings: dict[str, set[str]] = {}
            for found in word_pattern().findall(self.text):
                if found.isascii() and found.isalpha():  # most words: their skeleton is lower()
                    seen = spellings.setdefault(found.lower(), set())
                    if len(seen) < 2:
                        seen.add(found)
                    continue
                if all(
                    (ch.isascii() and ch.isalpha())
                    or ch in table
                    or ch in notes
                    or ch in INVISIBLE
                    or unicodedata.category(ch)[0] == "M"
                    for ch in found
                ):
                    if not STROKE_LETTERS.isdisjoint(found):
                        for read in stroke_spellings(found):
                            seen = spellings.setdefault(read, set())
                            if len(seen) < 2:
                                seen.add(found)
                        continue
                    seen = spellings.setdefault(skeleton(found), set())
                    if len(seen) < 2:
                        seen.add(found)
            self._spellings = spellings
        return bool(self._spellings.get(plain, set()) - {word})

    def _next_to_operator(self, word: str, pos: int) -> bool:
        """``sin(ωt)``, ``p = ρgh``: a short Greek-and-Latin word beside maths punctuation."""
        before = self.text[max(0, pos - 8) : pos].rstrip()[-1:]
        after = self.text[pos + len(word) : pos + len(word) + 8].lstrip()[:1]
        return bool(before and before in _MATH_BEFORE) or bool(after and after in _MATH_AFTER)

    def _fold_compat(self, plan: Plan, pos: int) -> bool:
        if plan.fullwidth and self._line(pos).has_cjk:
            return False
        if plan.phonetic and self._is_phonetic_context(plan.word, pos):
            return False
        beside, most = plan.beside_latin, plan.compat
        least = self.config.min_compat_letters
        if (beside or most >= least) and plan.bars and self._bars_are_notation(plan.word, pos):
            beside, most = _apart_at_bars(plan)  # (``{x\u2208\u211d\u2223x>0}``)
        if beside or most >= least:
            return True
        line = self._line(pos)  # short words in a line written in presentation forms
        if line.compat >= self.config.min_compat_letters and 2 * line.compat > line.letters:
            return True
        return self._evidence().styled  # or in a text that styles whole words elsewhere

    def _is_transcription(self, word: str, pos: int) -> bool:
        """A word between slashes or brackets, or on a line with letters only IPA uses.

        Only a word spelt in IPA and small ASCII letters (``patterns.ipa_spelled``):
        ``[ᴑther]`` and ``Statꬲs`` beside ``[mɛˈlaːnɪjɑ]`` are disguise.
        """
        if not _ipa_spelled(word):
            return False
        before = self.text[pos - 1 : pos]
        after = self.text[pos + len(word) : pos + len(word) + 1]
        if before in ("/", "[") and after in ("/", "]", "."):
            return True
        return self._line(pos).has_ipa  # (``patterns.transcription``)

    def _is_phonetic_context(self, word: str, pos: int) -> bool:
        """IPA transcription: between slashes or brackets, or on a line with IPA letters."""
        before = self.text[pos - 1 : pos]
        after = self.text[pos + len(word) : pos + len(word) + 1]
        if before in ("/", "[") and after in ("/", "]", "."):
            return True
        return self._line(pos).has_ipa


def _apart_at_bars(plan: Plan) -> tuple[bool, int]:
    r"""``plan.beside_latin`` and ``plan.compat`` of a word cut at its bars (notation).

    A condition's bar or a parallel sign stands between two words of maths: ``\u211d\u2223x``
    of ``{x\u2208\u211d\u2223x>0}`` is ``\u211d`` beside no Latin letter, and ``x``. Whether
    a presentation form shares a piece with a Latin letter or a lookalike, and the most of
    them a piece holds.
    """
    beside, most, count, latin = False, 0, 0, False
    for ch, cls in zip(plan.word, plan.classes, strict=True):
        if ch == DIVIDES or ch in NORM_BARS:
            count, latin = 0, False
            continue
        if cls is CharClass.COMPAT:
            count += 1
            most = max(most, count)
        elif cls is CharClass.LATIN or cls is CharClass.LOOKALIKE:
            latin = True
        beside = beside or (latin and count > 0)
    return beside, most


def _reading(line: LineContext) -> tuple[int, int, bool, frozenset[str]]:
    """What a line's context decides a word's lookalikes by (``_fold_lookalikes_read``)."""
    return (line.latinish, line.letters, line.has_latin, line.other_scripts)


def normalize_text(
    text: str, config: NormalizeConfig = DEFAULT_NORMALIZE_CONFIG, *, whole_lines: bool = True
) -> NormalizedText:
    """Restore homoglyph-obfuscated English, recording every change.

    Args:
        text: any text; genuine Cyrillic, Greek, CJK, accented Latin, math and emoji are
            left exactly as they are.
        config: which steps run.
        whole_lines: fold plain lines whole (the fast path); ``False`` looks at every line
            word by word, which gives the same result more slowly (a test checks this).

    Returns:
        The restored text, the input, and one ``Replacement`` per change, located in the
        restored text (built when first read).

    >>> result = normalize_text("Oпe Step for Yoυ, Достоевский")
    >>> result.text
    'One Step for You, Достоевский'
    >>> [(r.span.start, r.original, r.replacement) for r in result.replacements]
    [(1, 'п', 'n'), (15, 'υ', 'u')]
    """
    if text.isascii():  # the fast path: only a spelled-out name can change ASCII text
        # ``may_hold_names`` and ``unchanged`` written out: a call costs 0.05 µs of the 1.
        hints = text.encode().translate(_HINT_TABLE)
        if (_dotted(hints) is None and _spaced(hints) is None) or not config.join_letters:
            made = _new_result(UnchangedText)
            _set_text(made, text)
            return made
    result, work_left, found = _normalize_once(text, config, whole_lines)
    if result.text == text:
        return result
    # A pass that joined a spelled-out name, or whose folds made one (``J.\u043e.h.n`` reads
    # ``J.o.h.n`` once the Cyrillic ``\u043e`` folds), may leave work for another pass: the name's
    # letters are only one word once joined (a zero-width space after ``J.o.h.n`` then goes),
    # and ``split_names`` sees only ASCII letters. So may a pass whose output shows more
    # obfuscation than its input (``_grown_evidence``: a mark or soft hyphen it removed stood
    # between two styled letters, or between a lookalike and a Latin letter), and one that
    # kept a word's lookalikes for what its line holds where the output's line reads otherwise,
    # or stripped a word's stray accents beside a letter shape (``_Normalizer.work_left``).
    # ``work_left``: the last pass joined a name or did one of these. Passes run until one
    # changes nothing (or none of these is in sight), their records composed, so that the
    # result is idempotent.
    for _ in range(_MAX_PASSES - 1):
        work_left = work_left or (config.join_letters and bool(split_names(result.text)))
        grown = None if work_left else _grown_evidence(found, result.text)
        if not work_left and grown is None:
            break
        again, work_left, found = _normalize_once(result.text, config, whole_lines, grown)
        if again.text == result.text:
            break
        result = compose(result, again)
    return result


def _grown_evidence(found: Evidence | None, output: str) -> Evidence | None:
    r"""The output's evidence where a pass's output shows obfuscation its input did not.

    ``found`` is the input's evidence, which the pass decided by (``None``: an ASCII input,
    which has none, nor has its output). The pass may have removed what stood between two
    presentation forms (``\uff21\u0305\uff21``: the overline goes, and the text is then
    styled) or between a lookalike and a Latin letter (``n\xad\u0131``: the soft hyphen goes,
    and dotless ``\u0131`` then stands beside ``n``). Words that depend on that evidence
    would then be decided otherwise on the output, so another pass decides them. Only an
    input whose evidence could still grow pays the output's ``evidence``: one with a
    lookalike script not mixed into Latin text, or presentation forms not side by side;
    the next pass then decides by the evidence returned (``context.evidence`` of its text,
    not computed again). None: no more evidence.
    """
    if found is None or not (found.scripts - found.mixed or (found.compat and not found.styled)):
        return None
    now = evidence(output)
    return now if now.mixed - found.mixed or (now.styled and not found.styled) else None


# Passes ``normalize_text`` runs at most (one, and more only around spelled-out names, where
# a pass's output shows more evidence than its input, ``_grown_evidence``, or where a pass
# decided words by what its own folds change, ``_Normalizer.work_left``). Each
# pass after the first must change the text; a chain of names whose joins and folds free one
# another ("r-z-f-t\xad\u043e·…", built for it) took five, random text at most four. Each
# pass is linear, and a hostile document is bounded by the per-document budget.
_MAX_PASSES = 16


def _normalize_once(
    text: str, config: NormalizeConfig, whole_lines: bool, found: Evidence | None = None
) -> tuple[NormalizedText, bool, Evidence | None]:
    """One pass of ``normalize_text`` (``found``: ``context.evidence(text)``, if known).

    Its result, whether it may have left work for another pass (it found a spelled-out name,
    or ``_Normalizer.work_left``), and the evidence it decided by (``None`` for ASCII text,
    which has none, and for a text it left unchanged).
    """
    if text.isascii():  # only a spelled-out name can change ASCII text
        names = split_names(text) if config.join_letters else []
        if not names:
            return unchanged(text), False, None
        return _Normalizer(text, config, names, whole_lines=whole_lines).run(), True, None
    names = split_names(text) if config.join_letters else []
    if not names and suspect_pattern().search(text) is None:
        return unchanged(text), False, None  # nothing can change
    normalizer = _Normalizer(text, config, names, whole_lines=whole_lines, found=found)
    result = normalizer.run()
    if result.text == text:
        return result, bool(names), None
    return (
        result,
        bool(names) or normalizer.work_left(result.text),
        normalizer._evidence(),
    )

"""Compiled patterns and tables the normalizer scans whole texts with.

Everything here is built once per process from the shipped confusables table.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from hoaxlens.normalize.confusables import (
    INVISIBLE,
    CharClass,
    char_class,
    confusables_table,
    decorated_table,
    letter_shapes,
    notation_digits,
    notation_table,
    script_of,
    table_digest,
)

MARK_RANGES = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
MARKS = "".join(f"{chr(low)}-{chr(high)}" for low, high in MARK_RANGES)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Letters only Turkish and Azerbaijani use beside dotless ı: on such a line ı is a real letter.
TURKIC = re.compile("[şŞğĞİəƏ]")
# Letters and marks that only phonetic transcription uses: on such a line ɪ and ʀ are IPA.
IPA = re.compile("[ˈˌːəɛɔʊʃʒŋθðæʌɑɒɜɹɾʁɐɨʉɯɤɣχħʕʔ]")
# Letters drawn as a bare vertical stroke: I, i or l depending on the word around them.
PALOCHKA = frozenset("\u04c0\u04cf")
# Other lookalikes of ``I`` and ``l`` (``confusables.txt`` gives both the prototype ``l``): a
# capital iota or Lisu ``ꓲ`` stands for ``l`` in ``ꓲove`` and for ``I`` in ``ꓲn``, so they are
# read per word like the strokes, as ``I`` or ``l`` (never ``i``): the table's lookalikes and
# presentation forms (``𝐈``, ``ⓛ``) whose target is ``I`` or ``l`` (``tests/normalize/
# test_lexicon.py`` checks the list).
I_OR_L = frozenset(
    "\u0196\u01c0\u029f\u0399\u0406\u05c0\u05d5\u05df\u0627\u0661\u06f1\u07ca\u16c1\u2110"
    "\u2111\u2113\u2160\u217c\u2223\u23fd\u24a7\u24be\u24db\u2c92\u2d4f\ua4f2\ufe8d\ufe8e"
    "\uff29\uff4c\uffe8\U0001028a\U00010309\U00010320\U00016f28\U0001d408\U0001d425"
    "\U0001d43c\U0001d459\U0001d470\U0001d48d\U0001d4c1\U0001d4d8\U0001d4f5\U0001d529"
    "\U0001d540\U0001d55d\U0001d574\U0001d591\U0001d5a8\U0001d5c5\U0001d5dc\U0001d5f9"
    "\U0001d610\U0001d62d\U0001d644\U0001d661\U0001d678\U0001d695\U0001d6b0\U0001d6ea"
    "\U0001d724\U0001d75e\U0001d798\U0001e8c7\U0001ee00\U0001ee80\U0001f118\U0001f138"
    "\U0001f158\U0001f178\U0001fbf1"
)
# Every letter read per word (``strokes``).
STROKE_LETTERS = PALOCHKA | I_OR_L
# Norm and parallel bars (``\u2016x\u2016``, ``AB \u2225 CD``), which the table folds to
# ``ll``: maths writes them in pairs around a short expression, disguise inside or at the
# edge of a word (``he\u2016o``, ``wi\u2016``); ``context.notation_bars`` tells which.
NORM_BARS = frozenset("\u2016\u2225")
BAR_PATTERN = re.compile("[\u2016\u2225]")
# DIVIDES, a lookalike of ``I`` and ``l`` (``I_OR_L``) that maths writes as the bar of a
# condition (``P(A\u2223B)``); ``context.notation_bars`` tells where.
DIVIDES = "\u2223"
# Those that may stand in a line folded whole (read per word inside the block): not the
# Latin ones (``Ɩ``, ``ǀ``: IPA letters, kept in transcriptions) nor digits (``١``: folded
# only beside an ASCII letter), whose folds need the word rules.
BAR_LETTERS = PALOCHKA | frozenset(
    ch
    for ch in I_OR_L
    if not unicodedata.name(ch, "").startswith("LATIN")
    and not unicodedata.category(ch).startswith("N")
)
# Combining marks that spell a letter of some language written in Latin script: grave,
# acute, circumflex, tilde, macron, breve, dot above, diaeresis, hook above, ring, double
# acute, caron, horn, dot below, comma below, cedilla, ogonek, macron below. Any other mark
# on a Latin letter (overlays, enclosing circles and keycaps, the Extended, Supplement and
# Half Marks blocks, and the rest of U+0300-U+036F) is noise that no English word carries.
ORTHOGRAPHIC_MARKS = frozenset(
    "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030a\u030b\u030c"
    "\u031b\u0323\u0326\u0327\u0328\u0331"
)
NOISE_MARKS = frozenset(
    chr(cp)
    for low, high in MARK_RANGES
    for cp in range(low, high + 1)
    if unicodedata.category(chr(cp)).startswith("M") and chr(cp) not in ORTHOGRAPHIC_MARKS
)
# Marks that never carry meaning on any letter, kept out even of IPA words: overlays
# (strike-through, slash) and the combining marks for symbols (enclosing circles, keycaps).
OVERLAY_MARKS = frozenset(
    [chr(c) for c in range(0x0334, 0x0339)] + [chr(c) for c in range(0x20D0, 0x2100)] + ["\u0489"]
)
# Small capitals with a sound of their own in the IPA; a word with any other small capital
# (ᴇ, ᴛ, ꜱ) is styled text even between brackets.
IPA_SMALL_CAPITALS = frozenset("ʙɢʜɪʟɴʀʏᴜ")


@cache
def context_letters() -> frozenset[str]:
    """Table characters whose fold depends on more than their script and line.

    Bare strokes and dotless ``ı`` (see ``normalizer``), Latin letters that are IPA letters
    too (``ɑ``, ``ɡ``: kept in transcriptions), characters that fold to more than one
    letter (``ﬁ``, ``Ⅻ``: line folds keep one output character per input character), and
    digits of other scripts (folded only beside an ASCII letter, see ``plans.plan_word``),
    letter shapes (``𝟙``, ``①``, ``ſ``: ``l``, ``O``, ``f`` in a word, ``letter_shapes``), and
    lookalikes of ``m``, which may stand for "rn" (``tu𑜀ed``: ``plans.rn_letter``).
    """
    table = confusables_table()
    return line_context_letters() | {ch for ch, fold in table.items() if fold.target == "m"}


@cache
def line_context_letters() -> frozenset[str]:
    """``context_letters`` but the lookalikes of ``m`` that are there only for "rn".

    Those fold to ``m`` on a line folded whole (``fold_table``) unless a word of the line
    reads an ``m`` as "rn" (``normalizer._Normalizer._folds_whole`` asks ``rn_letters``).
    """
    table = confusables_table()
    lookalikes = [ch for ch, fold in table.items() if fold.kind == "lookalike"]
    return frozenset(
        STROKE_LETTERS
        | {"ı"}
        | {ch for ch, fold in table.items() if len(fold.target) > 1}
        | {ch for ch in lookalikes if script_of(ch) == "LATIN"}
        | {ch for ch in lookalikes if unicodedata.category(ch)[0] == "N"}
        | set(letter_shapes())
    )


@cache
def rn_letters() -> frozenset[str]:
    """The lookalikes of ``m`` that are context letters only because they may stand for "rn"."""
    return context_letters() - line_context_letters()


def _ipa_only_pattern_source() -> str:
    table = confusables_table()
    return f"[{''.join(ch for ch in IPA.pattern[1:-1] if ch not in table)}]"


@cache
def ipa_only_pattern() -> re.Pattern[str]:
    """A letter or mark only phonetic transcription uses and that the table never folds."""
    return re.compile(_source("ipa_only_pattern"))


# Letters a phonetic transcription is written in: ASCII letters, the IPA Extensions and
# Spacing Modifier blocks (ɑ ɡ ɪ ˈ ː ʰ), and the other letters the IPA borrows.
_IPA_LETTERS = frozenset([chr(c) for c in range(0x0250, 0x0300)] + list("æçðøœŋβθχᵻᵿⁿ"))
_ORTHOGRAPHIC_IPA = frozenset("æðθχŋ")
_TOKEN = re.compile(r"[^\s/\[\](){}<>,.;:!?\"“”«»]+")  # a word with what sticks to it


@cache
def _symbol_letters() -> frozenset[str]:
    """The table's symbols and numerals that pass for letters (``ⓛ``, ``⏽``, ``Ⅱ``, ``⍺``).

    Not a symbol that folds to small letters only and is no stroke (``‖`` → ``ll``, ``×``
    → ``x``): transcription writes those as symbols (a prosodic break: ``[ˈsʌn‖]``), and
    counting them as letters made such a word disguise, which folded genuine notation on
    its line (``[ˈsʌn‖] and Aᵀ`` → ``AT``).
    """
    return frozenset(
        ch
        for ch, fold in confusables_table().items()
        if not ch.isalpha()
        and any(letter.isalpha() for letter in fold.target)
        and not (fold.target.isascii() and fold.target.islower() and ch not in STROKE_LETTERS)
    )


def ipa_spelled(word: str) -> bool:
    """Whether every letter of ``word`` is one a transcription is written in.

    IPA letters (``_IPA_LETTERS``: ``ɑ ɡ ɪ ˈ ʰ æ θ``) and small ASCII letters: ``ɡɪv``
    is, ``ᴑther`` (a sideways o) and ``Statꬲs`` (a capital, a Latin Extended-E letter)
    are not, nor is a word with a symbol that passes for a letter (``ⓛ̅ə``, ``⏽ʃɪ``): no
    transcription writes one, and the word it folds to (``I̅ə``) would be none either.
    """
    symbols = _symbol_letters()
    return all(
        ch in _IPA_LETTERS or (ch.isascii() and ch.islower()) or not (ch.isalpha() or ch in symbols)
        for ch in word
    )


def transcription(text: str) -> bool:
    """Whether ``text`` holds a word of phonetic transcription.

    A word with a letter or mark only transcription uses (``ipa_only_pattern``: ``ə ʃ ˈ``)
    whose letters are all ones a transcription is written in (``_IPA_LETTERS``, small ASCII
    letters). So the Greek ``χ`` of ``όχι`` and the ``æ`` of a disguised ``Phædꭈa`` or of
    the name ``Mæ`` are no transcription; ``/ˈɡɪv/`` and ``[mɛˈlaːnɪjɑ]`` are.
    Each word is looked at once (linear time).
    """
    only = ipa_only_pattern()
    if only.search(text) is None:
        return False
    for hit in _TOKEN.finditer(text):
        token = hit.group()
        if only.search(token) is None or not ipa_spelled(token):
            continue
        # æ ð θ χ ŋ are letters of some language too (``encyclopædia``): they make a
        # transcription only between slashes or brackets (``/kæt/``).
        if not _ORTHOGRAPHIC_IPA.issuperset(only.findall(token)) or (
            text[hit.start() - 1 : hit.start()] in ("/", "[")
            and text[hit.end() : hit.end() + 1] in ("/", "]")
        ):
            return True
    return False


IPA_SMALL_CAPITAL = re.compile(f"[{''.join(sorted(IPA_SMALL_CAPITALS))}]")
TRANSCRIPTION_MARK = re.compile(r"[/\[]")  # IPA small capitals between these may be IPA
# Names spelled out to dodge keyword filters: "T.r.u.m.p", "t-r-u-m-p", "D e r e k". At least
# four letters, one separator repeated, everything after the first letter lower case, so that
# initialisms (U.S.A., R.E.M.) and short abbreviations (e.g., a.m.) never match. The last
# letter may run into an accented one (``K h l oé``: the attacker only split the ASCII part).
# Only a dotted name needs a space or start before it (``U.S.A.`` ends in a dot); a hyphenated
# one may follow a sentence's full stop written without a space (``Indiana.H-a-l-l``).
# Possessive repeats: a name followed by a word character is not shortened to fit. Each
# letter stands alone, so a name stops before the next word ("K i n g was", and
# "E-m-m-y-winning" is "Emmy-winning").
SPLIT_NAME = re.compile(
    r"(?<![\w.])[A-Za-z]\.[a-z](?:\.[a-z](?![A-Za-z0-9_])){2,}+"
    r"|(?<!\w)[A-Za-z](?P<sep>[\-·•_])[a-z](?:(?P=sep)[a-z](?![A-Za-z0-9_])){2,}+"
    r"|(?<![\w.,])[A-Z](?: [a-z](?![A-Za-z0-9_])){3,}+"
)
# Upper case to ``A``, lower case to ``a``, separators to ``.``: every letter after a name's
# first is lower case, so ``.a.a.a`` is in every spelled-out name (and not in ``U.S.A.``).
NAME_HINT_TABLE = _SPLIT_HINT_TABLE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_ ", b"A" * 26 + b"a" * 26 + b"...."
)
NAME_HINT = _SPLIT_HINT_BYTES = re.compile(rb"\.a\.a\.a")
_SPLIT_HINT_TEXT = re.compile(r"[.\-_·• ][a-z][.\-_·• ][a-z][.\-_·• ][a-z]")
# Blocks of characters that are never changed and never make a line's context special:
# ASCII, Latin-1 and Latin Extended, Latin Extended Additional (Vietnamese), typographic
# punctuation and currency signs; their invisibles (soft hyphen, zero-width space), dotless ı
# and non-Latin letters (ª, µ) are taken out when the pattern is built.
_PLAIN_RANGES = ((0x00, 0x7F), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x205F), (0x20A0, 0x20CF))


def _ranges(chars: set[str]) -> str:
    """A regex class body for ``chars``, consecutive code points merged into ranges.

    ``re`` looks BMP characters up in a bitmap but tries astral ranges one by one, in the
    order written: those of the blocks that obfuscated text fills (``_BUSY_ASTRAL``:
    mathematical letters, enclosed letters) come first.
    """
    points = sorted(ord(ch) for ch in chars)
    parts: list[tuple[int, str]] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        low, high = re.escape(chr(points[i])), re.escape(chr(points[j]))
        busy = any(start <= points[i] <= end for start, end in _BUSY_ASTRAL)
        parts.append(
            (0 if points[i] < 0x10000 else 1 if busy else 2, low if i == j else f"{low}-{high}")
        )
        i = j + 1
    return "".join(part for _, part in sorted(parts, key=lambda part: part[0]))


_BUSY_ASTRAL = ((0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF))


def _one_of(chars: set[str]) -> str:
    """A regex for one character of ``chars`` that scans fast past other characters.

    ``re`` looks BMP characters up in a bitmap, but then tries each astral range or single
    astral character of a class one by one (about 5 ns each) on every character the bitmap
    rejects: on every character of ordinary text. So a class with astral members is written
    negated (``_fast_class``): the bitmap holds the BMP characters that are not members and
    answers for them at once; astral characters outside a few coarse ranges around the
    astral members (``_hull``) are rejected by a few range tests, and those inside are
    checked against the exact class by a look-behind. The matches are exactly those of
    ``[chars]`` (``tests/normalize/test_speed_classes.py``).
    """
    bmp = sorted(ord(ch) for ch in chars if ord(ch) < 0x10000)
    points = sorted(ord(ch) for ch in chars if ord(ch) >= 0x10000)
    if not points:
        return f"[{_ranges(chars)}]"
    return _fast_class(bmp, points, _ranges(chars))


def _fast_class(bmp: list[int], points: list[int], exact: str) -> str:
    """``[exact]`` as a negated class and a look-behind (see ``_one_of``).

    ``bmp`` and ``points`` are the sorted BMP and astral members, ``exact`` the class body.
    """
    outside = _gaps([(cp, cp) for cp in bmp], 0, 0xFFFF) + _gaps(_hull(points), 0x10000, 0x10FFFF)
    return f"[^{_body(outside)}](?<=[{exact}])"


def _gaps(ranges: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """The ranges of ``low..high`` that sorted, disjoint ``ranges`` leave out."""
    gaps: list[tuple[int, int]] = []
    at = low
    for first, last in ranges:
        if first > at:
            gaps.append((at, first - 1))
        at = max(at, last + 1)
    if at <= high:
        gaps.append((at, high))
    return gaps


def _body(ranges: list[tuple[int, int]]) -> str:
    """A regex class body for code point ranges."""
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


def _hull(points: list[int]) -> list[tuple[int, int]]:
    """Sorted astral code points as a few coarse ranges.

    One range from the lowest to the highest, cut around each block that obfuscated text
    fills (``_BUSY_ASTRAL``: mathematical letters, enclosed letters), whose members, if any,
    get a range of their own: at most five ranges, and a text of mathematical letters only
    meets the look-behind where the set has mathematical letters too.
    """

    def block(cp: int) -> int:
        return next((k for k, (low, high) in enumerate(_BUSY_ASTRAL) if low <= cp <= high), -1)

    hull = [(points[0], points[0])]
    for cp in points[1:]:
        first, last = hull[-1]
        if block(last) == block(cp) and not any(
            last < low and high < cp for low, high in _BUSY_ASTRAL
        ):
            hull[-1] = (first, cp)
        else:
            hull.append((cp, cp))
    return hull


def _bar_pattern_source() -> str:
    return _one_of(set(STROKE_LETTERS))


@cache
def bar_pattern() -> re.Pattern[str]:
    """Any bare stroke or other lookalike of ``I`` and ``l`` (``STROKE_LETTERS``)."""
    return re.compile(_source("bar_pattern"))


def _word_parts() -> tuple[str, str, str]:
    r"""``word_pattern``'s class in three parts (class bodies) that ``re`` scans fast.

    The class is ``\w``, the invisibles, the combining marks and the table's symbols (circled
    letters, unit signs). Its astral symbols (enclosed letters, 127 single characters) made
    ``re`` compare every non-word character with each of them, so they are split off: the
    common part (``\w``, BMP symbols, invisibles, marks), one range from the lowest astral
    symbol to the highest, and the exact astral symbols, which a look-behind checks only on
    characters inside that range. The matches are exactly the plain class's
    (``tests/normalize/test_speed_classes.py``).
    """
    symbols = {
        ch
        for ch in {*confusables_table(), *notation_table(), *letter_shapes()}
        if not re.match(r"\w", ch)
    }
    bmp = "".join(sorted(ch for ch in symbols if ord(ch) < 0x10000))
    common = f"\\w{re.escape(''.join(sorted(INVISIBLE)) + bmp)}{MARKS}"
    points = sorted(ord(ch) for ch in symbols if ord(ch) >= 0x10000)
    astral = re.escape("".join(chr(cp) for cp in points))
    return common, f"{chr(points[0])}-{chr(points[-1])}", astral


def _word_run_source() -> str:
    common, hull, astral = _word_parts()
    # Runs of the common part, each astral symbol between them tested exactly; possessive
    # throughout, so a word costs one failed range test at its end.
    return f"[{common}]*+(?:[{hull}](?<=[{astral}])[{common}]*+)*+"


def _word_pattern_source() -> str:
    common, hull, astral = _word_parts()
    # The first character as one class (``re`` scans for word starts with it), checked
    # exactly by a look-behind that ``\w`` answers first for ordinary letters.
    return f"[{common}{hull}](?<=[{common}{astral}]){_word_run_source()}"


@cache
def word_pattern() -> re.Pattern[str]:
    """Words: letters, digits, marks, invisibles, table symbols (circled letters) and unit signs."""
    return re.compile(_source("word_pattern"))


@cache
def word_run() -> re.Pattern[str]:
    """Zero or more word characters (``word_pattern``'s class), possessively."""
    return re.compile(_source("word_run"))


def _suspect_pattern_source() -> str:
    chars = {
        *confusables_table(),
        *INVISIBLE,
        *decorated_table(),
        *notation_table(),
        *letter_shapes(),
    }
    bmp = {ch for ch in chars if ord(ch) < 0x10000}
    return f"[{_ranges(bmp)}{MARKS}\U00010000-\U0010ffff]"


@cache
def suspect_pattern() -> re.Pattern[str]:
    """Any character the normalizer might change (a text without one is returned as is).

    Astral characters (mathematical alphanumerics, enclosed letters, emoji) are matched as one
    range: a class of single astral characters would make ``re`` test them one by one, where
    a class of BMP characters is a constant-time bitmap look-up.
    """
    return re.compile(_source("suspect_pattern"))


@cache
def suspect_word_pattern() -> re.Pattern[str]:
    """A character that might change, then the rest of its word (possessive: no backtracking)."""
    return re.compile(f"{suspect_pattern().pattern}{_source('word_run')}")


@cache
def word_extra() -> frozenset[str]:
    r"""Word characters beyond ``\w``: invisibles, combining marks and table symbols."""
    marks = (chr(cp) for low, high in MARK_RANGES for cp in range(low, high + 1))
    word = word_pattern()
    return frozenset(
        ch
        for ch in (*INVISIBLE, *confusables_table(), *notation_table(), *letter_shapes(), *marks)
        if word.fullmatch(ch) and not (ch.isalnum() or ch == "_")
    )


@cache
def _assigned_marks() -> frozenset[str]:
    """The combining marks of ``MARK_RANGES`` (unassigned code points are no marks)."""
    return frozenset(
        chr(cp)
        for low, high in MARK_RANGES
        for cp in range(low, high + 1)
        if unicodedata.category(chr(cp)).startswith("M")
    )


def _mark_chars() -> set[str]:
    return set(_assigned_marks())


@cache
def fold_list() -> list[int | str | None]:
    """``fold_table`` as a list indexed by code point (BMP only), three times faster to use.

    ``str.translate`` leaves a character past the end of the list as it is, so it must only
    be used on text without astral characters.
    """
    table = fold_table()
    folds: list[int | str | None] = list(range(0x10000))
    for cp, target in table.items():
        if cp < 0x10000:
            folds[cp] = target
    return folds


@cache
def fold_table() -> dict[int, str | None]:
    """``str.translate`` table for whole lines.

    Table characters whose fold needs no word context, and the invisibles and marks (deleted)
    on lines that ``joiner_trouble`` vouches for. Lookalikes of ``m`` too: a line where a word
    reads one as "rn" is not folded whole (``rn_letters``).
    """
    table: dict[int, str | None] = {
        ord(ch): fold.target
        for ch, fold in confusables_table().items()
        if ch not in line_context_letters()
    }
    table.update((ord(ch), None) for ch in (*INVISIBLE, *_mark_chars()))
    return table


def _unplain_pattern_source() -> str:
    plain = (
        {
            chr(cp)
            for low, high in _PLAIN_RANGES
            for cp in range(low, high + 1)
            if char_class(chr(cp)) in (CharClass.LATIN, CharClass.DIGIT, CharClass.NONE)
        }
        - set(decorated_table())
        - set(notation_table())
        - set(notation_digits())
        - set(letter_shapes())
        - set(_ipa_only_pattern_source()[1:-1])
    )
    foldable = {ch for ch in confusables_table() if ch not in line_context_letters()} | BAR_LETTERS
    return f"[^{_ranges(plain | foldable | INVISIBLE | _mark_chars())}]"


@cache
def unplain_pattern() -> re.Pattern[str]:
    """A character that makes a line need word-by-word treatment.

    Anything but plain Latin text, context-free table characters, bare strokes (read per
    word), invisibles and marks (checked by ``joiner_trouble``): genuine letters of other
    scripts, CJK, IPA, emoji, dotless ``ı``.
    """
    return re.compile(_source("unplain_pattern"))


def _problem_pattern_source() -> str:
    plain = (
        {
            chr(cp)
            for low, high in _PLAIN_RANGES
            for cp in range(low, high + 1)
            if char_class(chr(cp)) in (CharClass.LATIN, CharClass.DIGIT, CharClass.NONE)
        }
        - set(decorated_table())
        - set(notation_table())
        - set(notation_digits())
        - set(letter_shapes())
        - set(_ipa_only_pattern_source()[1:-1])
    )
    table = confusables_table()
    foldable = {ch for ch in table if ch not in context_letters() | IPA_SMALL_CAPITALS}
    return f"[^{_ranges(plain | foldable | BAR_LETTERS)}]"


@cache
def problem_pattern() -> re.Pattern[str]:
    """A character that makes its line need a closer look than a block ``str.translate``.

    Everything ``unplain_pattern`` matches, and invisibles, marks and IPA small capitals,
    which some lines allow (see ``normalizer._Normalizer._one_line``). Bare strokes are read
    word by word inside blocks.
    """
    return re.compile(_source("problem_pattern"))


def _unlatin_line_pattern_source() -> str:
    chars = {ch for ch, fold in confusables_table().items() if fold.kind == "lookalike"}
    # The look-ahead is possessive and the scan lazy: linear in the line, whatever it holds.
    return f"(?m)^(?=[^A-Za-z\\n]*+$)[^\\n]*?{_one_of(chars)}"


@cache
def unlatin_line_pattern() -> re.Pattern[str]:
    """A line with a lookalike letter and no ASCII letter (word rules look at its length)."""
    return re.compile(_source("unlatin_line_pattern"))


def _joiner_pattern_source() -> str:
    return f"[{_ranges(set(INVISIBLE) | _mark_chars())}]"


@cache
def joiner_pattern() -> re.Pattern[str]:
    """Any invisible or combining mark."""
    return re.compile(_source("joiner_pattern"))


def _joiner_trouble_source() -> str:
    table = confusables_table()
    latin = {
        chr(cp)
        for low, high in _PLAIN_RANGES
        for cp in range(low, high + 1)
        if char_class(chr(cp)) is CharClass.LATIN
    } | {ch for ch in table if ch not in context_letters()}
    symbols = {ch for ch in table if not re.match(r"\w", ch)}
    lat, inv, mark = _ranges(latin), _ranges(set(INVISIBLE)), _ranges(_mark_chars())
    quiet = _ranges(_mark_chars() - NOISE_MARKS)
    word = f"\\w{_ranges(symbols | set(INVISIBLE) | _mark_chars())}"
    # Every branch starts after the invisible or mark it is about (``re`` then skips to
    # candidates with a character-set scan); ``(?<!X.)`` tests the character before it.
    # A mark after a mark (inside a Zalgo stack) can only be trouble before an invisible:
    # that is tested first, so each mark of a stack costs three set look-ups, not twenty.
    assert not set(INVISIBLE) & _mark_chars()  # noqa: S101 - else the shortcut misses some
    return (
        f"[{inv}{mark}](?:(?<=[{mark}][{mark}])(?=[{inv}])|(?<![{mark}][{mark}])(?:"
        f"(?<=[{inv}])(?<![{lat}{inv}].)|(?<=[{inv}])(?![{lat}{inv}])"
        f"|(?<=[{inv}])(?=[{mark}])|(?<=[{mark}])(?=[{inv}])"
        f"|(?<=[{mark}])(?<![{lat}{mark}].)(?<=[{word}].)"
        f"|(?<=[{mark}])(?<![{word}].)[{mark}]*+(?![{lat}])"
        f"|(?<![{mark}].)(?:(?<=[{quiet}])[{mark}]?|(?<=[{mark}])[{quiet}])(?![{mark}])"
        "))"
    )


@cache
def joiner_trouble() -> re.Pattern[str]:
    """An invisible or a mark on a plain line that word-by-word rules might keep.

    Left for those rules: an invisible run not standing between two Latin-looking letters;
    a mark run beside an invisible, after a digit, opening a word without a Latin letter
    after it, or of one or two marks that are not all overlays (``é`` written e + U+0301).
    What passes is removed by both paths alike: invisibles between letters and Zalgo stacks.
    """
    return re.compile(_source("joiner_trouble"))


def _lookalikes_by_script() -> dict[str, set[str]]:
    by_script: dict[str, set[str]] = {}
    for ch, fold in confusables_table().items():
        if fold.kind == "lookalike":
            by_script.setdefault(script_of(ch), set()).add(ch)
    return by_script


def _script_sources() -> dict[str, str]:
    table = confusables_table()
    latin = "A-Za-z" + _ranges({ch for ch, fold in table.items() if fold.kind == "compat"})
    return {
        # The lookalike first, so that ``re`` finds candidates with a character-set scan.
        script: f"{_one_of(chars)}(?:(?<=[{latin}].)|(?=[{latin}]))"
        for script, chars in sorted(_lookalikes_by_script().items())
    }


def _cross_script_sources() -> dict[str, str]:
    by_script = _lookalikes_by_script()
    by_script.pop("LATIN", None)  # dotless ı is a Latin letter, not another script
    sources = {}
    for script, chars in sorted(by_script.items()):
        others = _ranges(
            {ch for other, more in by_script.items() if other != script for ch in more}
        )
        sources[script] = f"{_one_of(chars)}(?:(?<=[{others}].)|(?=[{others}]))"
    return sources


@cache
def script_pattern(script: str) -> re.Pattern[str]:
    """A lookalike of ``script`` next to an ASCII letter or a styled one.

    ``Oпe``; ``ıɢ`` (once folded, the text reads ``ıg``). Compiled when a text first holds
    a lookalike of ``script``.
    """
    return re.compile(_source("script_pattern")[script])


@cache
def cross_script_pattern(script: str) -> re.Pattern[str]:
    """A lookalike of non-Latin ``script`` next to a lookalike of another such script.

    ``ԁеռιеԁ`` puts Cyrillic, Armenian and Greek in one word, which no genuine writing does.
    """
    return re.compile(_source("cross_script_pattern")[script])


@cache
def script_patterns() -> dict[str, re.Pattern[str]]:
    """``script_pattern`` of every script with a lookalike."""
    return {script: script_pattern(script) for script in _source("script_pattern")}


@cache
def cross_script_patterns() -> dict[str, re.Pattern[str]]:
    """``cross_script_pattern`` of every non-Latin script with a lookalike."""
    return {script: cross_script_pattern(script) for script in _source("cross_script_pattern")}


@cache
def table_kinds() -> dict[str, str]:
    """Each table character's script (lookalikes: ``CYRILLIC``...) or ``compat``."""
    table = confusables_table()
    return {
        ch: script_of(ch) if fold.kind == "lookalike" else "compat" for ch, fold in table.items()
    }


def _kind_sources() -> dict[str, dict[str, Any]]:
    """Per kind (``table_kinds``), its characters as ``kind_finder`` assembles them.

    BMP and astral characters as class bodies, and the BMP and astral code points.
    """
    by_kind: dict[str, set[str]] = {}
    for ch, kind in table_kinds().items():
        by_kind.setdefault(kind, set()).add(ch)
    return {
        kind: {
            "bmp": _ranges({ch for ch in chars if ord(ch) < 0x10000}),
            "bmp_points": sorted(ord(ch) for ch in chars if ord(ch) < 0x10000),
            "astral": _ranges({ch for ch in chars if ord(ch) >= 0x10000}),
            "points": sorted(ord(ch) for ch in chars if ord(ch) >= 0x10000),
        }
        for kind, chars in sorted(by_kind.items())
    }


@cache
def kind_finder(found: frozenset[str]) -> re.Pattern[str]:
    """A table character whose kind (``table_kinds``) is not in ``found``.

    Astral table characters are reached through a few coarse ranges (``_hull``) and checked
    by a look-behind with the exact class, so that ``re`` does not test each character of a
    text against hundreds of astral ranges. With no kind found (the first search of every
    text), the class is negated as ``_one_of`` writes it: its bitmap rejects every other BMP
    character at once. The others are compiled per set of kinds found (over a thousand on
    the independent corpus's tune half), in the form that compiles fastest. Assembled from
    the shipped per-kind class bodies and code points (``_kind_sources``).
    """
    parts = [part for kind, part in _source("kinds").items() if kind not in found]
    bmp = "".join(part["bmp"] for part in parts)
    exact = bmp + "".join(part["astral"] for part in parts)
    points = sorted(cp for part in parts for cp in part["points"])
    if not points:
        return re.compile(f"[{bmp}]" if bmp else "(?!)")
    if not found:
        members = sorted(cp for part in parts for cp in part["bmp_points"])
        return re.compile(_fast_class(members, points, exact))
    return re.compile(f"[{bmp}{_body(_hull(points))}](?<=[{exact}])")


def present_kinds(text: str) -> set[str]:
    """The kinds (``table_kinds``) of the table characters in ``text``, one search per kind."""
    kinds = table_kinds()
    present: set[str] = set()
    at = 0
    while hit := kind_finder(frozenset(present)).search(text, at):
        present.add(kinds[hit.group()])
        at = hit.start()
    return present


def _compat_pattern_source() -> str:
    chars = {ch for ch, fold in confusables_table().items() if fold.kind == "compat"}
    return _one_of(chars)


@cache
def compat_pattern() -> re.Pattern[str]:
    """Any presentation form (fullwidth, mathematical, circled, small capital)."""
    return re.compile(_source("compat_pattern"))


# The ASCII fast path's test (``may_hold_names``): upper case to ``A``, lower case to ``a``,
# ``.-_`` to ``.``, space kept, everything else to ``#``. A dotted or hyphenated name holds
# ``.a.a.a`` and a spaced one ``A a a a``; each pattern starts with a character that is rare
# in the translation (``re`` scans for a literal's first byte), unlike the ``.a.a.a`` of
# ``NAME_HINT_TABLE``, where every space is a ``.``.
FAST_HINT_TABLE = bytes(
    ord("A")
    if 65 <= b <= 90
    else ord("a")
    if 97 <= b <= 122
    else ord(".")
    if b in b".-_"
    else b
    if b == 32
    else ord("#")
    for b in range(256)
)
FAST_DOTTED = re.compile(rb"\.a\.a\.a").search
FAST_SPACED = re.compile(rb"A a a a").search


def may_hold_names(text: str) -> bool:
    """Whether ASCII ``text`` might hold a spelled-out name (a cheap necessary condition).

    About 0.3 µs on a 300-byte post (a byte translation and two literal searches): the
    whole ASCII fast path hangs on it.
    """
    hints = text.encode().translate(FAST_HINT_TABLE)
    return FAST_DOTTED(hints) is not None or FAST_SPACED(hints) is not None


def split_names(text: str) -> list[re.Match[str]]:
    """Spelled-out names in ``text``, found from cheap hints (``.a.a.a`` shapes).

    ``SPLIT_NAME`` is slow to scan a whole text with, so a fast pattern finds where a name
    might start: a byte translation (letters to ``a``, separators to ``.``) and a literal
    search; a character-class search on text with the non-ASCII separators ``·`` and ``•``.
    The full pattern is then only tried, anchored, next to each hint.
    """
    if text.isascii() or ("·" not in text and "•" not in text):
        # One byte per character (``?`` for each non-ASCII one, never a letter or separator),
        # so byte offsets are character offsets. Every name is then made of ASCII bytes and
        # holds ``may_hold_names``' shapes: two literal searches that start at rare bytes
        # rule most texts out faster than ``NAME_HINT``, whose first byte is every space.
        data = text.encode("ascii", "replace")
        fast = data.translate(FAST_HINT_TABLE)
        if FAST_DOTTED(fast) is None and FAST_SPACED(fast) is None:
            return []
        translated = data.translate(_SPLIT_HINT_TABLE)
        hints = [hint.start() for hint in _SPLIT_HINT_BYTES.finditer(translated)]
    else:
        hints = [hint.start() for hint in _SPLIT_HINT_TEXT.finditer(text)]
    found: list[re.Match[str]] = []
    last_end = 0
    for hint in hints:
        for start in range(max(last_end, hint - 1), hint + 6):
            name = SPLIT_NAME.match(text, start)
            if name:
                found.append(name)
                last_end = name.end()
                break
    return found


# Every pattern source above, built from the fold table and Unicode's character database
# (about 0.3 s of CPU), is shipped in ``data/patterns.json``, which
# ``scripts/build_confusables.py`` writes with ``build_sources``; a process only compiles
# the patterns it uses. ``tests/normalize/test_pattern_data.py`` checks that the shipped file
# is what ``build_sources`` makes. Where the file was built from another fold table or
# another Unicode version than this process has, the sources are built here instead.
_SOURCES = "data/patterns.json"


def build_sources() -> dict[str, Any]:
    """Every pattern's source, and what they were built from (``_source`` checks it)."""
    return {
        "unicode": unicodedata.unidata_version,
        "table": table_digest(),
        "ipa_only_pattern": _ipa_only_pattern_source(),
        "bar_pattern": _bar_pattern_source(),
        "word_pattern": _word_pattern_source(),
        "word_run": _word_run_source(),
        "suspect_pattern": _suspect_pattern_source(),
        "unplain_pattern": _unplain_pattern_source(),
        "problem_pattern": _problem_pattern_source(),
        "unlatin_line_pattern": _unlatin_line_pattern_source(),
        "joiner_pattern": _joiner_pattern_source(),
        "joiner_trouble": _joiner_trouble_source(),
        "compat_pattern": _compat_pattern_source(),
        "script_pattern": _script_sources(),
        "cross_script_pattern": _cross_script_sources(),
        "kinds": _kind_sources(),
    }


@cache
def _sources() -> dict[str, Any]:
    shipped = resources.files("hoaxlens.normalize").joinpath(_SOURCES)
    try:
        sources: dict[str, Any] = json.loads(shipped.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return build_sources()
    if (
        sources.get("unicode") != unicodedata.unidata_version
        or sources.get("table") != table_digest()
    ):
        return build_sources()
    return sources


def _source(name: str) -> Any:  # noqa: ANN401 - a str, or a dict of them per script or kind
    return _sources()[name]

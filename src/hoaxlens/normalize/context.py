"""What the normalizer knows about a text beyond one word: its lines and its evidence.

Word rules ask two questions here: what a word's line holds (Latin share, genuine letters of
other scripts, CJK, Turkish or IPA letters), and what the whole text shows (which scripts'
lookalikes stand beside Latin letters, whether presentation forms style whole words).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from hoaxlens.normalize.confusables import (
    CharClass,
    char_class,
    confusables_table,
    notation_digits,
    notation_table,
    script_of,
)
from hoaxlens.normalize.lexicon import lexicon
from hoaxlens.normalize.patterns import (
    BAR_PATTERN,
    CJK,
    DIVIDES,
    NORM_BARS,
    TURKIC,
    compat_pattern,
    cross_script_pattern,
    present_kinds,
    script_pattern,
    transcription,
)
from hoaxlens.normalize.plans import LATINISH

LETTER_RUN = re.compile(r"[^\W\d_]+")
# Scripts whose words are quoted in English text (a Russian title, a Greek letter, a Hebrew
# or Arabic name): a word of their lookalikes folds only where the text mixes that script
# into English words. Lookalikes of other scripts (Lisu ꓔꓧꓰ, Cherokee Ꮯ, Canadian Syllabics
# ᑯ, Coptic ⲟ) stand in English lines only as disguise.
QUOTED_SCRIPTS = frozenset(
    ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "ARABIC", "DEVANAGARI")
)


@cache
def unquoted_letter_scripts() -> frozenset[str]:
    """Scripts of the table's lookalike letters that English text never quotes (see above).

    Lookalike symbols (APL ⍺, ℮, ∪) and digits of other scripts are left out: a lone one
    is a symbol or a number, folded only where the text mixes it into English words.
    """
    return (
        frozenset(
            script_of(ch)
            for ch, fold in confusables_table().items()
            if fold.kind == "lookalike" and unicodedata.category(ch).startswith("L")
        )
        - QUOTED_SCRIPTS
    )


# Symbols in everyday use (``3 × 4``, ``∞``, ``№ 5``, ``₹500``, ``₨``, ``℡``, ``℻``): a text's
# other symbols passing for letters say nothing about these.
_EVERYDAY_SYMBOLS = frozenset("\u00d7\u221e\u2116\u20b9\u20a8\u2121\u213b")


@cache
def symbol_scripts() -> frozenset[str]:
    """The "scripts" (first words of their names) of lookalike symbols.

    ``APL`` (⍺ ⍳), ``ESTIMATED`` (℮), ``DIVIDES`` (∣), ``LIVRE`` (₶), ``Z`` (⋿), ``UNION``
    (∪)...: those whose lookalikes are all symbols or punctuation, less the everyday ones
    (``_EVERYDAY_SYMBOLS``). A text that writes one of them for a letter beside Latin
    letters disguises with symbols, so its other such symbols count as mixed too
    (``evidence``): a lone ``⋿`` or ``₶`` beside a word spelt with ``℮`` is a letter.
    """
    by_script: dict[str, list[str]] = {}
    for ch, fold in confusables_table().items():
        if fold.kind == "lookalike":
            by_script.setdefault(script_of(ch), []).append(ch)
    return frozenset(
        script
        for script, chars in by_script.items()
        if all(unicodedata.category(ch)[0] in "SP" for ch in chars)
        and _EVERYDAY_SYMBOLS.isdisjoint(chars)
    )


@cache
def script_symbols() -> dict[str, frozenset[str]]:
    """Lookalike symbols of letter scripts, per script (``evidence``).

    Hebrew paseq ``׀``, Greek vocal notation ``𝈖``, Canadian Syllabics ``᙭``...
    """
    by_script: dict[str, set[str]] = {}
    for ch, fold in confusables_table().items():
        if fold.kind == "lookalike" and unicodedata.category(ch)[0] in "SP":
            by_script.setdefault(script_of(ch), set()).add(ch)
    return {
        script: frozenset(chars)
        for script, chars in by_script.items()
        if script not in symbol_scripts() and not _EVERYDAY_SYMBOLS & chars
    }


@dataclass(frozen=True, slots=True)
class LineContext:
    """Counts and flags for one line of text."""

    latinish: int
    has_latin: bool
    letters: int
    compat: int
    other_scripts: frozenset[str]
    has_cjk: bool
    has_turkic: bool
    has_ipa: bool
    words: int  # runs of letters, counted only on a line with no Latin letter (else 0)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_CLASSES: dict[str, tuple[CharClass, str]] = {}  # non-ASCII character: class, script


def _classify(ch: str) -> tuple[CharClass, str]:
    found = _CLASSES.get(ch)
    if found is None:
        cls = char_class(ch)
        found = (cls, script_of(ch) if cls is CharClass.OTHER_LETTER else "")
        if len(_CLASSES) < 1 << 16:
            _CLASSES[ch] = found
    return found


@cache
def _folded_letters(ch: str) -> int:
    """How many letters a Latin-looking character folds to (``\u3371``: ``hPa``, 3).

    A line's letters are counted as folded, so that its output reads the same: the line
    ``\u0251\u3371`` once counted two Latin-looking letters, and its output ``ahPa`` four.
    """
    fold = confusables_table().get(ch)
    target = fold.target if fold is not None else notation_table().get(ch, ch)
    return sum(letter.isalpha() for letter in target)


# Superscript and subscript one and zero: a line counts each as one Latin-looking letter,
# which it stays or becomes (``plans.shape_letters`` reads ``\xb9`` as ``l`` or ``I``; these
# never fold to a digit), so that a pass and the next count a line alike.
_SHAPE_DIGITS = frozenset(notation_digits())


def line_context(line: str) -> LineContext:
    """Read one line's letters: how many look Latin, which other scripts it holds.

    ASCII letters are counted in one byte-level pass; each distinct other character is
    looked at once (its class remembered). A small one or zero counts as a Latin-looking
    letter (``_SHAPE_DIGITS``), but makes no line Latin by itself.
    """
    latinish = letters = len(line.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    compat = 0
    has_latin = latinish > 0
    other: set[str] = set()
    # Each distinct character once, with its count: obfuscated lines repeat a few letters.
    for ch, count in Counter(_NON_ASCII.findall(line)).items():
        cls, script = _classify(ch)
        if cls in LATINISH:
            if cls is CharClass.COMPAT:
                compat += count
            count *= _folded_letters(ch)
            latinish += count
            letters += count
            has_latin = has_latin or cls is not CharClass.LOOKALIKE  # Latin or styled Latin
        elif cls is CharClass.OTHER_LETTER:
            letters += count
            other.add(script)
        elif ch in _SHAPE_DIGITS:
            latinish += count
            letters += count
    return LineContext(
        latinish,
        has_latin,
        letters,
        compat,
        frozenset(other),
        bool(CJK.search(line)),
        bool(TURKIC.search(line)),
        transcription(line),
        0 if has_latin else len(LETTER_RUN.findall(line)),  # read only on such lines
    )


# A pair of norm bars holds at most this many characters (``notation_bars``) ...
_BAR_CONTENT = 24
# ... and no run of letters longer than this (``x``, ``Ax``, ``x_n``; disguise writes words)
_BAR_RUN = 3
_LAST_RUN = re.compile(r"[^\W\d_]+\Z")
_LETTERS_AND_SPACES = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
# No bar opens a pair after one of these: a word's apostrophe (``she'\u2016``: "she'll")
_NO_OPENING_AFTER = frozenset("'\u2019\u02bc")
# Characters a pass removes from a word (marks, invisibles): no part of what a bar holds when
# its letter runs are counted (``\u2016s\u034ftiI\u2016`` holds a run of four)
_REMOVED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
# Names beside a parallel sign: of segments (``AB\u2225CD``), one or two capitals, or of
# lines (``a\u2225b``), one small letter; nothing more
_SEGMENT_BEFORE = re.compile(r"(?<![^\W_])(?:[A-Z]{1,2}|[a-z])\Z")
_SEGMENT_AFTER = re.compile(r"(?:[A-Z]{1,2}|[a-z])(?![^\W_])")
_LINE_WORD_RANK = 5_000  # a small letter, a bar and another that read a word this common
# The bracket a condition's bar stands in, the last opened before it on its line: after a
# letter (``P(``, ``E[``), or a brace (``{x\u2223x > 0}``), with no bracket closed between
_CONDITION_OPENING = re.compile(r"(?:(?<=[^\W\d_])([(\[])|(\{))[^()\[\]{}\n]*\Z")
_CLOSING = {"(": ")", "[": "]", "{": "}"}
# No condition's bar stands beside another bar (``a\u2223\u2223`` is "all")
_BESIDE_BARS = frozenset({DIVIDES, "|", *NORM_BARS})
# Bars in the word before a condition's bracket, read as the "l" they disguise (``He\u2223p(``)
_BARS_AS_L = str.maketrans(dict.fromkeys(_BESIDE_BARS, "l"))
# A word in a condition's brackets: prose, where a bar between single letters may be one
_PROSE_RUN = re.compile(r"[^\W\d_]{3}")
# The letters and bars touching a condition's bar (``{"msg": "\u2223itt\u2223e"}`` is "little")
_BARRED_RUN = re.compile("(?:[^\\W\\d_]|\u2223)+")
# Names of functions and distributions a condition's bracket opens after (``Var(X\u2223Y)``,
# ``Normal(x\u2223\u03bc, \u03c3)``): English words that are no prose there
_FUNCTION_WORDS = (
    "arg argmax argmin avg bel bern bernoulli beta bin binomial cat categorical cor corr "
    "cost cov det dir dirichlet dist exp gamma gauss geom lik like log loss max mean "
    "median min mod mult normal odds pois poisson pr prob risk sum std sup inf uniform "
    "unif var"
)
_FUNCTION_NAMES = frozenset(_FUNCTION_WORDS.split())
# Presentation forms maths writes letters in (``_maths_letter``)
_MATHS_STYLES = ("ITALIC", "DOUBLE-STRUCK", "SCRIPT", "FRAKTUR", "BLACK-LETTER", "PLANCK")
_PROSE_RANK = 20_000  # a word opening a condition's bracket this common is prose (``Get(``)


@cache
def bar_scripts() -> frozenset[str]:
    """The "scripts" of the bars ``notation_bars`` reads (``DOUBLE``, ``PARALLEL``, ``DIVIDES``)."""
    return frozenset(script_of(ch) for ch in NORM_BARS | {DIVIDES})


@lru_cache(maxsize=2)  # asked by ``evidence`` and the normalizer's pass of the same text
def notation_bars(text: str) -> frozenset[int]:
    r"""Where ``text`` writes a norm or parallel bar (``patterns.NORM_BARS``) as notation.

    Bars in pairs on one line around a short expression (``\u2016x\u2016``, ``\u2016Ax
    \u2212 b\u2016\u2082``, ``\u2016x\u2016\xb2``): an opening bar after no letter, digit or
    apostrophe and before no space, a closing one of the same kind after no space and before
    no letter, at most ``_BAR_CONTENT`` characters apart and not side by side, with no run
    of more than ``_BAR_RUN`` letters between (marks and invisibles, which a pass removes,
    are looked through: a bar after ``l\u0305`` or ``\u04cf\xad`` is after a letter).
    A bar beside two or more letters must make no English word read as the letters it looks
    like (``\u2016ama; Bi\u2016`` is "llama; Bill"), nor may one beside a single letter
    where the bars hold only letters and spaces (``\u2016ama and a\u2016``). A bar beside
    another bar is notation only where that one is (``\u2016x\u2016\u2016y\u2016``, not
    ``i\u2016\u2016``). A bar inside a word (``he\u2016o``), after an apostrophe (``I'\u2016.
    Te\u2016 me``), alone (``a \u2016 b``) or unpaired (``wi\u2016``) is none, unless it
    stands between segment names (``AB\u2016CD``, ``_between_segments``). Linear: each
    bar is looked at once, each pair's content once. Also the DIVIDES (``\u2223``) that are
    the bar of a condition (``P(A\u2223B)``, ``_conditional_bars``).
    """
    pairs: list[tuple[int, int]] = []
    bars: list[int] = []
    n = len(text)
    opening = -1
    for hit in BAR_PATTERN.finditer(text):
        i = hit.start()
        bars.append(i)
        # (the neighbours the pass leaves: ``st\u0131l\u0305\u2016`` is "still")
        at = _kept_beside(text, i, -1)
        before = text[at] if at >= 0 else "\n"
        at = _kept_beside(text, i, 1)
        after = text[at] if at < n else "\n"
        if (
            opening >= 0
            and text[opening] == text[i]
            and not before.isspace()
            and not after.isalpha()
            and i - opening - 1 <= _BAR_CONTENT
            and _notation_between(text, opening, i)
        ):
            pairs.append((opening, i))
            opening = -1
            continue
        opening = (
            i if not (before.isalnum() or before in _NO_OPENING_AFTER or after.isspace()) else -1
        )
    # A bar beside one that is none belongs to the same word, which folds (``i\u2016\u2016``,
    # ``w\u2016\u2016,l\u2016``): its pair is none either (``\u2016x\u2016\u2016y\u2016`` stays),
    # nor the pairs beside that pair's bars. Each pair is let go at most once.
    partner = dict(pairs)
    partner.update((closing, opening) for opening, closing in pairs)
    none = [at for at in bars if at not in partner]
    while none and partner:
        at = none.pop()
        for near in (_kept_beside(text, at, -1), _kept_beside(text, at, 1)):
            other = partner.pop(near, None)
            if other is not None:
                del partner[other]
                none += (near, other)
    notation = set(partner)
    notation.update(at for at in bars if _between_segments(text, at))
    if DIVIDES in text:
        notation.update(_conditional_bars(text))
    return frozenset(notation)


def _between_segments(text: str, at: int) -> bool:
    r"""Whether the bar at ``at`` is a parallel sign between segment names (``AB\u2016CD``).

    One or two capitals on each side, or one small letter (lines: ``a\u2225b``, ``l\u2225m``),
    ASCII, no other letter or digit beyond them, and no English word read with the bar as
    "ll" (``HE\u2016O`` is "HELLO", ``a\u2016y`` "ally"), nor, between small letters, a
    common one read with it as "l" (``a\u2016l`` is "all": ``_LINE_WORD_RANK``).
    """
    left = _SEGMENT_BEFORE.search(text, max(0, at - 2), at)
    right = _SEGMENT_AFTER.match(text, at + 1)
    if left is None or right is None or left.group().isupper() != right.group().isupper():
        return False
    ranks = lexicon().ranks
    if f"{left.group()}ll{right.group()}".lower() in ranks:
        return False
    return left.group().isupper() or (
        ranks.get(f"{left.group()}l{right.group()}", _LINE_WORD_RANK) >= _LINE_WORD_RANK
    )


def _conditional_bars(text: str) -> list[int]:
    r"""Where ``text`` writes ``\u2223`` (DIVIDES) as the bar of a condition (``P(A\u2223B)``).

    Inside brackets on one line, opened right after a letter (``P(``, ``Pr(``, ``E[``) or a
    brace (``{x\u2223x > 0}``), at most ``_BAR_CONTENT`` characters from either bracket,
    with something on each side of it within the brackets (``Te(l\u2223) me`` is "tell"),
    no bar beside it (``C(a\u2223\u2223)`` is "all"), and where the letters and bars
    touching it, their lookalikes folded, read no English word with its bars as ``l`` or
    ``i`` (``f(he\u2223lo)`` is "hello", ``{\u0441\u043e\u043e\u2223 stuff}`` "cool",
    ``{\uff4f\u2223\uff44}`` "old"). Between single letters (``A\u2223B``, ``x_t\u2223x``,
    ``P(a\u2223d)``: "aid") a bar is one whatever they read, where those letters are as maths
    writes them (``_maths_letter``: not bold, fullwidth nor a lookalike), the brackets hold
    no run of three letters or more (``Win[o\u2223d prizes]``), and they open after no common
    English word that names no function (``Get(`` is prose, ``Var(`` is not:
    ``_prose_before``); elsewhere it is one unless the letters read a common word with it as
    a small "l" (``_reads_small_word``: ``{\U0001d428\u2223d}`` and ``Get(o\u2223d) now`` are
    "old"; ``P(\uff21\u2223\uff22)`` and ``Get(a\u2223d)`` keep their bar).
    """
    found: list[int] = []
    ranks = lexicon().ranks
    at = text.find(DIVIDES)
    while at >= 0:
        opening = _CONDITION_OPENING.search(text, max(0, at - _BAR_CONTENT), at)
        # (a bracket stands before the bar, so ``at >= 1``: the slice is its two neighbours)
        if opening is not None and _BESIDE_BARS.isdisjoint(text[at - 1 : at + 2 : 2]):
            bracket = opening.start(1) if opening.group(1) else opening.start(2)
            closing = text.find(_CLOSING[text[bracket]], at + 1, at + 2 + _BAR_CONTENT)
            if (
                closing >= 0
                and "\n" not in text[at:closing]
                and text[bracket + 1 : at].strip()
                and text[at + 1 : closing].strip()
            ):
                start, limit = at, max(0, at - _BAR_CONTENT)  # walked back: a pattern
                while start > limit and _BARRED_RUN.match(text[start - 1]):  # anchored at
                    start -= 1  # its end would be quadratic
                after = _BARRED_RUN.match(text, at + 1)
                left = text[start:at]
                right = after.group() if after else ""
                word = f"{left}{DIVIDES}{right}"  # every bar in it read alike: ``\u2223itt\u2223e``
                if len(left) < 2 and len(right) < 2:
                    notation = (
                        not _PROSE_RUN.search(text, bracket + 1, closing)
                        and all(map(_maths_letter, left + right))
                        and not _prose_before(text, bracket)
                    ) or not _reads_small_word(left, right)
                else:
                    notation = all(_plain(word.replace(DIVIDES, bar)) not in ranks for bar in "li")
                if notation:
                    found.append(at)
        at = text.find(DIVIDES, at + 1)
    return found


@lru_cache(maxsize=1 << 12)
def _maths_letter(ch: str) -> bool:
    r"""Whether ``ch`` is a letter as maths writes it, beside a condition's bar.

    A letter no table folds (``x``, ``\u03b8``), a Greek one (``\u03b1``), or a presentation
    form maths sets letters in: italic, double-struck, script, Fraktur (``\U0001d465``,
    ``\u211d``, ``\u2113``), but not bold. Not a lookalike of another script (``\u0501``),
    a bold, fullwidth or other styled one (``\U0001d428``, ``\uff4f``), nor a small one.
    """
    fold = confusables_table().get(ch)
    if fold is None:
        return ch not in notation_table()
    if fold.kind == "lookalike":
        return script_of(ch) == "GREEK"
    name = unicodedata.name(ch, "")
    return "BOLD" not in name and any(style in name for style in _MATHS_STYLES)


def _reads_small_word(left: str, right: str) -> bool:
    r"""Whether a condition's single letters read a common word with the bar as a small "l".

    Lookalikes folded, the letter after the bar small, and the word among the
    ``_LINE_WORD_RANK`` most frequent (``{\uff4f\u2223\uff44}``, ``Buy(O\u2223\u0501)``: "old");
    ``P(\uff21\u2223\uff22)`` ("alb") and ``Get(a\u2223d)`` ("ald") read none, and
    ``Get(O\u2223D)`` has a capital after its bar.
    """
    after = _plain(right)
    fold = confusables_table().get(right)
    written = fold.target if fold is not None else right
    return (
        len(after) == 1
        and written.islower()
        and lexicon().ranks.get(f"{_plain(left)}l{after}", _LINE_WORD_RANK) < _LINE_WORD_RANK
    )


def _prose_before(text: str, bracket: int) -> bool:
    """Whether a common English word opens the bracket at ``bracket`` (``Get(``, ``Buy[``).

    Three letters or more, among the ``_PROSE_RANK`` most frequent words, and no function's
    name (``_FUNCTION_NAMES``: ``Var(``, ``log(``); ``P(``, ``Pr(``, ``E[`` are too short.
    """
    start, limit = bracket, max(0, bracket - _BAR_CONTENT)
    while start > limit and (text[start - 1].isalpha() or text[start - 1] in _BESIDE_BARS):
        start -= 1
    name = _plain(text[start:bracket].translate(_BARS_AS_L))
    return (
        len(name) >= 3
        and name not in _FUNCTION_NAMES
        and lexicon().ranks.get(name, _PROSE_RANK) < _PROSE_RANK
    )


def _kept_beside(text: str, at: int, step: int) -> int:
    """The nearest position from ``at`` towards ``step`` (-1, 1) whose character a pass keeps.

    No mark nor invisible (``_REMOVED_CATEGORIES``); -1 or ``len(text)`` where there is none.
    """
    at += step
    while 0 <= at < len(text) and unicodedata.category(text[at]) in _REMOVED_CATEGORIES:
        at += step
    return at


def _notation_between(text: str, opening: int, closing: int) -> bool:
    """Whether the bars at ``opening`` and ``closing`` enclose an expression (``notation_bars``)."""
    content = text[opening + 1 : closing]
    if "\n" in content:
        return False
    # (what the pass leaves: ``\u2016\u0336\u2016`` becomes two bars side by side)
    kept = "".join(ch for ch in content if unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    if not kept or any(len(run) > _BAR_RUN for run in LETTER_RUN.findall(kept)):
        return False
    table, ranks = confusables_table(), lexicon().ranks
    left, right = table[text[opening]].target, table[text[closing]].target
    letters_only = _LETTERS_AND_SPACES.fullmatch(content) is not None
    if letters_only and " " not in content:
        return f"{left}{content}{right}".lower() not in ranks  # (``\u2016a\u2016`` is no "llall")
    first = LETTER_RUN.match(content)
    last = _LAST_RUN.search(content)
    # An operator, a digit or a bracket between makes maths (``\u2016x - a\u2016``) unless a
    # bar beside two or more letters reads as "ll" in a word (``\u2016ama? No, a\u2016``)
    least = 1 if letters_only else 2
    return not (
        (
            first is not None
            and len(first.group()) >= least
            and f"{left}{_plain(first.group())}" in ranks
        )
        or (
            last is not None
            and len(last.group()) >= least
            and f"{_plain(last.group())}{right}" in ranks
        )
    )


def _plain(run: str) -> str:
    r"""``run`` in lower case without accents, its lookalikes folded (``\xe0m\xe0`` is "ama")."""
    table = confusables_table()
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", run) if not unicodedata.combining(ch)
    )
    return "".join(fold.target if (fold := table.get(ch)) else ch for ch in stripped).lower()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Signs of obfuscation in a whole text (see ``evidence``)."""

    mixed: frozenset[str]  # scripts whose lookalikes stand beside Latin letters
    styled: bool  # presentation forms stand beside each other or Latin letters
    scripts: frozenset[str]  # scripts with a lookalike anywhere in the text
    compat: bool  # the text holds a presentation form


def _word_length(text: str, i: int, cap: int = 4) -> int:
    """Length of the alphanumeric run around ``text[i]``, counting at most ``cap`` each way."""
    start, end = i, i + 1
    while start > 0 and text[start - 1].isalnum() and i - start < cap:
        start -= 1
    while end < len(text) and text[end].isalnum() and end - i < cap:
        end += 1
    return end - start


def evidence(text: str) -> Evidence:
    """Signs of obfuscation in the whole text that context rules rely on.

    ``mixed``: scripts whose lookalikes stand next to an ASCII letter (``Oпe``), or, once one
    script does, next to a lookalike of another script (``ԁеռιеԁ``). A word made only of
    lookalikes (``сор``) is folded only where its script is also used this way, so a genuine
    Russian or Greek word quoted in English is left alone. Short Greek words (``ωt``, ``ρgh``)
    may be maths and are no evidence.

    ``styled``: presentation forms stand next to each other or to Latin letters. A styled
    word (𝐃𝐞𝐫𝐞𝐤) shows the text is written in such forms, so its one-letter words (𝐚, ⓢ)
    fold too; a lone ℝ or 𝑥 in a maths text stays.
    """
    present = present_kinds(text)
    has_compat = "compat" in present
    scripts = frozenset(present - {"compat"})
    mixed: set[str] = set(scripts & unquoted_letter_scripts())
    # Norm bars written as notation (``\u2016x\u2016``) are no letters beside letters.
    notation = notation_bars(text) if scripts & bar_scripts() else frozenset()
    for script in scripts:
        for hit in script_pattern(script).finditer(text):
            if hit.start() in notation:
                continue
            if script != "GREEK" or _word_length(text, hit.start()) > 3:
                mixed.add(script)
                break
    if mixed & QUOTED_SCRIPTS - {"LATIN"}:  # a script mixed into English: so are word pairs
        for script in scripts - mixed - {"LATIN"}:
            for hit in cross_script_pattern(script).finditer(text):
                if hit.start() in notation:
                    continue
                if script != "GREEK" or _word_length(text, hit.start()) > 3:
                    mixed.add(script)
                    break
    if mixed & symbol_scripts():  # symbols pass for letters: so do the text's other ones
        mixed |= scripts & symbol_scripts()
        # ... and those of a letter script (Hebrew paseq ``׀``) in a text with no letter of it
        for script in scripts - mixed:
            symbols = script_symbols().get(script)
            if symbols and not any(
                unicodedata.category(ch)[0] == "L" and script_of(ch) == script
                for ch in set(text) - symbols
                if not ch.isascii()
            ):
                mixed.add(script)
    styled = False
    n = len(text)
    for hit in compat_pattern().finditer(text) if has_compat else ():
        i = hit.start()
        if any(
            0 <= j < n and char_class(text[j]) in (CharClass.COMPAT, CharClass.LATIN)
            for j in (i - 1, i + 1)
        ):
            styled = True
            break
    return Evidence(frozenset(mixed), styled, scripts, has_compat)

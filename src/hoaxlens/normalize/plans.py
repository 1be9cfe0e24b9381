"""Per-word plans: what a word holds, and the edits that fold it.

A plan is worked out once per distinct word and configuration (farm text repeats its words);
when a word's edits do not depend on its context they are computed with the plan.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from typing import TYPE_CHECKING

from hoaxlens.normalize.accents import real_accents
from hoaxlens.normalize.confusables import (
    CharClass,
    Fold,
    char_class,
    confusables_table,
    decorated_table,
    letter_shapes,
    notation_digits,
    notation_table,
    script_of,
)
from hoaxlens.normalize.lexicon import lexicon
from hoaxlens.normalize.patterns import (
    DIVIDES,
    IPA_SMALL_CAPITALS,
    NOISE_MARKS,
    NORM_BARS,
    ORTHOGRAPHIC_MARKS,
    OVERLAY_MARKS,
    STROKE_LETTERS,
    TURKIC,
    transcription,
    word_pattern,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from hoaxlens.normalize.config import NormalizeConfig
    from hoaxlens.normalize.result import Change

# A letter only Vietnamese writes (in NFD): ơ or ư (horn), or â ê ô ă with a tone mark (ầ, ố,
# ậ), and no further mark.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_MARK_BLOCKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
VIETNAMESE = re.compile(
    f"(?:(?:[aeoAEO]\u0302|[aA]\u0306)[{_TONES}]|[ouOU]\u031b[{_TONES}]?)(?![{_MARK_BLOCKS}])"
    f"|[aeoAEO]\u0323\u0302(?![{_MARK_BLOCKS}])|[aA]\u0323\u0306(?![{_MARK_BLOCKS}])"
)
# Segment names joined by parallel signs (``AB\u2225CD``), or line names (``a\u2225b``):
# ``context.notation_bars`` reads them
_SEGMENTS = re.compile("[A-Z]{1,2}(?:[\u2016\u2225][A-Z]{1,2})+|[a-z](?:[\u2016\u2225][a-z])+")
_DIGIT = Fold("0", "compat", "")  # what a digit outside the table counts as
# How a word's lookalikes fold (plain ints: they key a hot cache).
LOOK_NONE, LOOK_ALL, LOOK_KEEP_DOTLESS_I = 0, 1, 2
LATINISH = (CharClass.LATIN, CharClass.LOOKALIKE, CharClass.COMPAT)
STEP_LOOKALIKE = "fold_confusables"
STEP_COMPAT = "fold_compat"
STEP_INVISIBLE = "strip_invisible"
STEP_MARK = "strip_marks"
STEP_JOIN = "join_letters"
# One word's changes: the word as output, and its changes located relative to its start.
Edits = tuple[str, tuple["Change", ...]]


@dataclass(frozen=True, slots=True)
class Plan:
    """What one word holds, worked out once per distinct word (see ``plan_word``)."""

    word: str
    classes: tuple[CharClass, ...]
    lookalikes: bool  # has lookalikes and no genuine other-script letter
    compat: int  # number of presentation forms (0 when the word has other-script letters)
    beside_latin: bool  # lookalikes or compat forms share the word with Latin letters
    letters: int  # Latin-looking letters
    scripts: frozenset[str]  # scripts of the lookalikes
    formula_shaped: bool  # at most three characters and only Greek lookalikes
    dotless_i: bool
    ipa_letters: bool  # Latin lookalikes that are also IPA letters (ɑ, ɡ): kept in transcriptions
    strokes: bool  # bare strokes (palochka) to be read as i or l from the words around
    turkic: bool
    fullwidth: bool  # written in fullwidth forms alone (kept on CJK lines)
    phonetic: bool
    drop: frozenset[int]
    # Accents the lexicon decides on (``normalizer._strip_accents``): indices of orthographic
    # marks on Latin letters and of decorated letters (é, ɓ), and the word without them
    # (table letters folded, lower case, letters only).
    accents: tuple[int, ...]
    plain: str
    noisy: bool  # noise marks (a flood, an overlay) are removed from the word
    rn: int  # index of an ``m`` that stands for "rn" (``rn_letter``), or -1
    national: bool  # accents include letters only Vietnamese or Turkish writes
    # A norm or parallel bar (``NORM_BARS``) at an edge of the word, not between two letters
    # (``\u2016x\u2016``, ``wi\u2016``), or between segment names (``AB\u2016CD``), or a
    # DIVIDES (``A\u2223B``): notation or disguise by the line (``normalizer.
    # _Normalizer._fold_lookalikes``, ``context.notation_bars``)
    bars: bool
    # Superscript and subscript letters (``ᵣ``, ``ₙ``) that fold when the word is obfuscated
    # otherwise or reads as English (``normalizer._fold_notation``); none with a digit or a
    # genuine letter of another script in the word (``2ⁿᵈ``, IPA).
    notation: tuple[int, ...]
    static_edits: Edits | None  # the edits when they do not depend on context
    # The edits when the presentation forms' fold depends only on the whole text
    # (``normalizer._Normalizer._span``): the text must meet every ``TEXT_*`` condition in
    # ``text_needs`` (``None`` where ``static_edits`` is given or the word needs more context).
    text_edits: Edits | None = None
    text_needs: int = 0


# Conditions on the whole text for a plan's ``text_edits`` (bits of ``Plan.text_needs``).
TEXT_NO_CJK = 1  # no CJK character anywhere
TEXT_NO_PHONETIC = 2  # no slash or bracket and no letter only transcription uses
TEXT_STYLED = 4  # presentation forms stand beside each other or Latin letters (``styled``)


def plan_word(word: str, config: NormalizeConfig) -> Plan:
    """Work out what ``word`` holds and, where context does not matter, its edits."""
    classes = tuple(char_class(ch) for ch in word)
    table = confusables_table()
    other = CharClass.OTHER_LETTER in classes
    look = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.LOOKALIKE]
    compat = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.COMPAT]
    has_latin = CharClass.LATIN in classes
    scripts = frozenset(script_of(ch) for ch in look)
    # A digit of another script (Thai ๐ for o) folds only beside an ASCII letter: next to
    # Latin-1 letters it is mojibake (UTF-8 emoji read as TIS-620: ``๐Ÿ’«``), not disguise.
    numerals = any(unicodedata.category(ch)[0] == "N" for ch in look)
    # ... unless the word holds an ASCII letter or a table letter (ⅰ, 𝐚) that folds to one.
    notes = notation_table()
    digit_notes = shape_letters(word, classes)
    # (a styled digit read as a letter is one: ``İ𝟏🯰`` is ``İL🯰`` on the output)
    numerals_alone = (
        numerals
        and not digit_notes
        and not any(
            (ch.isascii() and ch.isalpha())
            or ch in notes
            or (
                (fold := table.get(ch)) is not None
                and fold.target.isalpha()
                and not fold.target.isdigit()
                and (fold.kind == "compat" or not ch.isnumeric())
            )
            for ch in word
        )
    )
    # A word of such digits alone (``١``, ``𑣣`` for "I", "m") is judged like any word of
    # lookalikes: it folds where the text mixes its script into English words. Marks and
    # invisibles on it do not count (``̅𑣠`` reads as ``𑣠`` does, or a second pass would
    # fold what the first kept once its marks were gone).
    bare = len(word) - classes.count(CharClass.MARK) - classes.count(CharClass.INVISIBLE)
    lookalikes = bool(look) and not other and (not numerals_alone or len(look) == bare)
    n_compat = 0 if other else len(compat)
    beside_latin = has_latin or (bool(look) and bool(compat))
    # Measured as folded: a presentation form read as several letters (``Ǉ`` as ``LJ``) makes
    # the word that long, or ``=Ǉ0ͺ`` kept its ``ͺ`` and its output ``=LJ0ͺ`` did not.
    formula_shaped = len(word) + sum(
        len(table[ch].target) - 1 for ch in compat
    ) <= 3 and scripts == {"GREEK"}
    # A word written in fullwidth forms alone (``ＡＢＣ``) may be CJK typography; one that
    # mixes them with other styles, lookalikes or plain letters (``y𝚎𝕒ｒｓ``) is disguise.
    fullwidth = (
        bool(compat)
        and all(table[ch].name.startswith("FULLWIDTH") for ch in compat)
        and not look
        and not has_latin
    )
    phonetic = bool(compat) and all(ch in IPA_SMALL_CAPITALS for ch in compat)
    ipa_word = transcription(word)  # (a disguised ``Phædꭈa`` is none)
    turkic = TURKIC.search(word) is not None  # Turkish: ş and ğ are letters there
    # Letters that styled ones and zeros stand for hold invisibles and marks like letters.
    lettered = (
        tuple(CharClass.LATIN if i in digit_notes else c for i, c in enumerate(classes))
        if digit_notes
        else classes
    )
    drop = frozenset(droppable(word, lettered, config, ipa_word=ipa_word))
    accents = (
        ()
        if other or ipa_word or numerals_alone or not config.strip_marks
        else accent_marks(word, lettered, drop)
    )
    # Letters only Vietnamese (ơ, ầ) or Turkish (ş, ğ) writes are stray only on a common
    # English word on a line that is not in those languages (``normalizer._national``).
    national = bool(accents) and (
        turkic or VIETNAMESE.search(unicodedata.normalize("NFD", word)) is not None
    )
    plain = (
        skeleton(
            "".join(digit_notes.get(i, ch) for i, ch in enumerate(word)) if digit_notes else word
        )
        if accents
        else ""
    )
    notation = (
        ()
        if other
        or ipa_word
        # a unit sign alone (``㏎``) is a unit, unless it reads a common word (``㏌``, ``㏑``:
        # ``unit_word``); a lone small letter (``ᵃ``, ``ˡ``) folds only in a text of styled
        # words (``normalizer._fold_notation``)
        or (
            len(word) == 1
            and len(notes.get(word, "")) != 1
            and word not in notation_digits()
            and not unit_word(word)
        )
        # a digit, or a table character that folds to one (``2ⁿᵈ``, ``𝟐ⁿᵈ``; ``١`` reads l)
        or any(
            ch.isdigit() and not table.get(ch, _DIGIT).target.isalpha() and i not in digit_notes
            for i, ch in enumerate(word)
        )
        else tuple(i for i, ch in enumerate(word) if ch in notes or i in digit_notes)
    )
    noisy = any(classes[i] is CharClass.MARK for i in drop)
    rn = rn_letter(word) if (look or compat) and not other else -1
    if len(plain) < 2 and not noisy:  # a one-letter word (French à, mojibake â) is no stray
        accents, plain = (), ""
    fold_look = lookalikes and config.fold_confusables
    fold_compat = bool(n_compat) and config.fold_compat
    strokes = any(
        ch in STROKE_LETTERS
        and (
            (cls is CharClass.LOOKALIKE and fold_look) or (cls is CharClass.COMPAT and fold_compat)
        )
        for ch, cls in zip(word, classes, strict=True)
    )
    ipa_letters = "LATIN" in scripts and any(ch != "ı" and script_of(ch) == "LATIN" for ch in look)
    last = len(word) - 1
    bars = (
        any(
            ch in NORM_BARS
            and not (0 < i < last and word[i - 1].isalpha() and word[i + 1].isalpha())
            for i, ch in enumerate(word)
        )
        or DIVIDES in word
        or _SEGMENTS.fullmatch(word) is not None
    )
    plain_rest = (
        (
            not fold_look
            or (
                beside_latin
                and not formula_shaped
                and not bars
                and "ı" not in word
                and not strokes
                and not ipa_letters
            )
        )
        and not accents
        and not notation
        and not strokes
    )
    # What the presentation forms' fold asks of the text (``normalizer._fold_compat``): no CJK
    # (fullwidth forms stay on CJK lines), no phonetic context (IPA small capitals stay in
    # transcriptions), and, for a short word alone in its forms, a text that styles words.
    text_needs = (
        (
            (TEXT_NO_CJK if fullwidth else 0)
            | (TEXT_NO_PHONETIC if phonetic else 0)
            | (0 if beside_latin or n_compat >= config.min_compat_letters else TEXT_STYLED)
        )
        if fold_compat
        else 0
    )
    static = plain_rest and not text_needs
    edits = (
        word_edits(word, classes, drop, LOOK_ALL if fold_look else LOOK_NONE, fold_compat, rn=rn)
        if plain_rest
        else None
    )
    return Plan(
        word=word,
        classes=classes,
        lookalikes=lookalikes,
        compat=n_compat,
        beside_latin=beside_latin,
        letters=sum(cls in LATINISH for cls in classes),
        scripts=scripts,
        formula_shaped=formula_shaped,
        dotless_i="ı" in word,
        ipa_letters=ipa_letters,
        strokes=strokes,
        turkic=bool(TURKIC.search(word)),  # without ı: the dotless rule reads it
        fullwidth=fullwidth,
        phonetic=phonetic,
        drop=drop,
        accents=accents,
        plain=plain,
        noisy=noisy,
        rn=rn,
        national=national,
        bars=bars,
        notation=notation,
        static_edits=edits if static else None,
        text_edits=None if static else edits,
        text_needs=text_needs,
    )


_MAX_SHAPES = 4  # per word: readings are tried jointly
_GUESS_LETTERS = 4  # a word this long may read its styled shapes by letter trigrams
_SHORT_RANK = 100  # a two-letter reading of styled digits alone is this common (``It``)
_GUESS_AFTER_DIGIT = 5  # letters after a styled digit that opens a word, to guess by trigrams
_MAX_BARS = 3  # strokes read jointly with the shapes of one word
_BAR_READINGS = ("i", "l")
# What a shape's neighbour is looked for through: marks and invisibles (``\xad¹II`` reads
# as ``¹II``, whose soft hyphen the fold removes).
_SEE_THROUGH = (CharClass.MARK, CharClass.INVISIBLE)


def _folded(ch: str, table: Mapping[str, Fold], notes: Mapping[str, str]) -> str:
    """What ``ch`` folds to by the fold or notation table (itself where neither has it)."""
    fold = table.get(ch)
    return fold.target if fold is not None else notes.get(ch, ch)


@lru_cache(maxsize=1 << 14)
def shape_letters(word: str, classes: tuple[CharClass, ...]) -> dict[int, str]:
    """The letters that styled ones, zeros and strokes (``letter_shapes``) stand for in ``word``.

    The word read with them must be English (``lexicon``, three letters or more) and hold
    no other digit: ``𝔟𝒶ſ𝑒¹𝗲ſⓢ`` is "baseless", ``w𝕙i𝟙e`` "while", ``𝓟𝟏𝗮𝒚`` "Play" (a one
    or a stroke is ``l`` or ``I``, whichever makes the more frequent word), ``t𝙮𝞺𝗶𝑐𝘢⑪ⓨ``
    "typically", ``h˛s`` "his" (two letters do in a word disguised otherwise too). A shape
    between letters needs only that; one at the start or end of the word also needs the rest
    of the word to be no English word (``tea¹`` stays a footnote). ``normalizer.
    _fold_notation`` folds small shapes only in obfuscated words or texts (``word₁``,
    ``H₂O``, ``x₁`` stay). A lone shape that reads ``l`` is a capital ``I``. Where no reading
    is English, presentation forms between letters in a word of four letters or more are
    read the way letter trigrams prefer (names: ``𝖪𝞬𝟙ie`` is "Kylie"). Capitals between
    capitals.
    """
    shapes = letter_shapes()
    if not any(ch in shapes for ch in word):
        return {}
    # (dotless ı reads ``i`` here; where shapes are read it folds too, as a word disguised
    # otherwise: ``normalizer._keep_dotless_i``, ``disguised_beside_dotless``)
    if len(word) == 1:  # a small one alone: a capital I (``ˡ``, ``¹`` for "I"), if it folds
        return {0: "I"} if "I" in shapes[word] and classes[0] is not CharClass.COMPAT else {}
    table, notes = confusables_table(), notation_table()

    def letter(ch: str) -> str:
        if ch in shapes and ch not in table and ch not in notes:
            return ""
        # (a shape the fold or notation table folds to letters, ``ſ``: ``s``, ``Ⅱ``: ``II``,
        # ``ᴵ``: ``I``, is those letters where it is read by nothing else: the output's word
        # holds them, ``ⓐ¹ſ`` and its ``a¹s`` read alike)
        read = _folded(ch, table, notes)
        return read if read.isalpha() else ""

    reads = [letter(ch) for ch in word]
    at: list[int] = []
    edge = footnote = small = False
    for i, ch in enumerate(word):
        if ch not in shapes:
            if ch.isdigit() and not reads[i]:
                return {}  # a number or a code (``H₁N₁``, ``x₁2``)
            continue
        near = [
            next(
                (r or w for r, c, w in side if r or w in shapes or c not in _SEE_THROUGH),
                "",
            )
            for side in (
                zip(reversed(reads[:i]), reversed(classes[:i]), reversed(word[:i]), strict=True),
                zip(reads[i + 1 :], classes[i + 1 :], word[i + 1 :], strict=True),
            )
        ]
        if not any(near):
            return {}
        small = small or classes[i] is not CharClass.COMPAT
        # (a digit at a word's edge may be a number or footnote, ``tea¹``, ``file𝟏``; a
        # letter shape may not, nor a styled digit before a word, ``𝟏ike``)
        if not all(near) and unicodedata.category(ch)[0] == "N":
            edge = True
            footnote = footnote or bool(near[0]) or classes[i] is not CharClass.COMPAT
        at.append(i)
    digits = [i for i in at if unicodedata.category(word[i])[0] == "N"]
    if len(digits) > 1 and (digits[:2] == [0, 1] or digits[-2:] == [len(word) - 2, len(word) - 1]):
        return {}  # digits side by side at a word's edge are a number (``𝟏𝟎am``, ``x𝟏𝟎``)
    n_letters = sum(bool(r) for r in reads)
    if len(at) > _MAX_SHAPES or n_letters < sum(not reads[i] for i in at):
        return {}  # a number (``𝟏𝟎𝟎``), or more shapes than letters to read them by
    lex = lexicon()
    ranks = lex.ranks
    stem = "".join(reads).lower()
    # Bare strokes and I-or-l lookalikes (``𝓘``, ``Ｉ``: ``strokes``) are read with the
    # shapes: ``ma𝒓˛ta𝓘`` is "marital" (the stroke reader reads the stroke itself).
    bars = [i for i, ch in enumerate(word) if ch in STROKE_LETTERS][:_MAX_BARS]
    if (
        footnote
        and len(stem) > 1
        # (the rest of the word is English however its strokes read: the output's word
        # holds one reading, ``₀ᵢ𝐈`` is ``₀ᵢl``, "il" no word, so "oil")
        and all(
            "".join(
                dict(zip(bars, letters, strict=True)).get(i, r) for i, r in enumerate(reads)
            ).lower()
            in ranks
            for letters in product(*(_BAR_READINGS for _ in bars))
        )
    ):
        return {}  # (one letter and a digit is no word and its number: ``T𝟘`` is "TO")
    # Two letters are enough in a word disguised otherwise too (``˛𝔫``, ``˛ₜ``: "in", "it").
    # So are they where no shape is a small digit (a styled digit folds to a digit anyway,
    # ``𝟣t``, ``T𝟘``: "1t" or "It"; ``˛n``, ``oſ``, ``ˡt`` are no notation), for a common word.
    styled = all(
        classes[i] is CharClass.COMPAT or unicodedata.category(word[i])[0] != "N" for i in at
    )
    shortest = 2 if styled or any(w not in shapes and not w.isascii() for w in word) else 3
    short_rank = _SHORT_RANK if styled and shortest == 2 else len(ranks)
    best: tuple[float, tuple[str, ...]] | None = None
    guess: tuple[float, tuple[str, ...]] | None = None
    options = [*(shapes[word[i]] for i in at), *(_BAR_READINGS for _ in bars)]
    for letters in product(*options):
        chosen = dict(zip(at + bars, letters, strict=True))
        plain = "".join(chosen.get(i, r) for i, r in enumerate(reads)).lower()
        rank = ranks.get(plain)
        if (
            len(plain) >= shortest
            and rank is not None
            and (len(plain) > 2 or rank < short_rank)
            and (best is None or rank < best[0])
        ):
            best = (rank, letters)
        score = -lex.trigram_score(plain)
        if guess is None or score < guess[0]:
            guess = (score, letters)
    if best is None:
        # (one digit: other shapes may join it, ``１𝒏𝒕𝔢гſсо𝙥ℯ`` "Interscope")
        opening = edge and not footnote and len(digits) == 1 and len(stem) >= _GUESS_AFTER_DIGIT
        if (edge and not opening) or small or len(stem) + len(at) < _GUESS_LETTERS:
            return {}  # (a styled digit opening a long word may: ``𝟙𝐧ｓ𝙩𝘢gr𝞪𝙢``)
        if guess is None:
            return {}
        best = guess
    found: dict[int, str] = {}
    read_bars = dict(zip(bars, best[1][len(at) :], strict=True))
    seen = [read_bars.get(i, r) for i, r in enumerate(reads)]  # strokes as read: small
    for i, read in zip(at, best[1][: len(at)], strict=True):
        before = next((r for r in reversed(seen[:i]) if r), "")
        after = next((r for r in seen[i + 1 :] if r), "")
        upper = (before[-1:].isupper() or not before) and (after[:1].isupper() or not after)
        # a zero has a capital's height: opening a word it is ``O`` (``⓪pr𝙖𝓱``, ``𝟬n``)
        upper = upper or (not before and read == "o" and unicodedata.category(word[i])[0] == "N")
        if word[i].isalpha() and word[i].lower() != word[i].upper():  # a cased letter: its case
            upper = upper and word[i].isupper()
            read = read.upper() if upper else read.capitalize() if word[i].isupper() else read
        found[i] = read.upper() if upper else read
    return found


_RN_LETTERS = 4  # the word read with "rn" has at least this many letters
_RN_RANK = 20_000  # ... and is this common (``mom``, missing from the lexicon, is no "morn")


@lru_cache(maxsize=1 << 14)
def rn_letter(word: str) -> int:
    """The index of an ``m`` in a disguised word that stands for "rn", or -1.

    Unicode's confusables give "rn" as the prototype of ``m``, so a disguise writes
    ``warning`` as ``ᴡɑ𝑚ing`` or ``wa𑣣ing``. The ``m`` (a plain one or a character that
    folds to it) reads "rn" where the word, folded, is no English word and reads as one
    that way, a common word (``retu𑣣`` "return", ``mo𝗎𝗋ⲛi𝑚g`` "mourning"); ``Gamer`` stays.
    """
    table, notes = confusables_table(), notation_table()
    pieces: list[str] = []
    for ch in word:
        if ch in STROKE_LETTERS:
            return -1  # read later, with the text (``strokes``)
        fold = table.get(ch)
        read = fold.target if fold is not None else notes.get(ch, ch)
        pieces.append(read.lower() if read.isalpha() else "")
    plain = "".join(pieces)
    ranks = lexicon().ranks
    if "m" not in plain or plain in ranks or len(plain) + 1 < _RN_LETTERS:
        return -1
    for i, piece in enumerate(pieces):
        if piece == "m":
            read = "".join(pieces[:i]) + "rn" + "".join(pieces[i + 1 :])
            if ranks.get(read, _RN_RANK) < _RN_RANK:
                return i
    return -1


@cache
def rn_spellings() -> frozenset[tuple[str, str]]:
    """The spellings ``rn_letter`` may read "rn" in, split around that ``m``: (before, after).

    Each common word (``_RN_RANK``) of at least ``_RN_LETTERS`` letters, one of its "rn"
    written ``m`` where that is no word: ``("retu", "")`` for "retum", ``("wa", "ing")``
    for "waming". A word whose letters, folded and in lower case, spell none of these reads
    no "rn" (``normalizer._rn_finders`` looks for them in lines folded whole).
    """
    ranks = lexicon().ranks
    found: set[tuple[str, str]] = set()
    for word, rank in ranks.items():
        if rank >= _RN_RANK or len(word) < _RN_LETTERS:
            continue
        at = word.find("rn")
        while at >= 0:
            if f"{word[:at]}m{word[at + 2 :]}" not in ranks:
                found.add((word[:at], word[at + 2 :]))
            at = word.find("rn", at + 1)
    return frozenset(found)


_UNIT_WORD_RANK = 100  # a unit sign alone reads a word this common (``㏌`` "in")


def unit_word(word: str) -> str:
    """The common English word a lone unit sign reads, or "" (``㏌`` "in", ``㏑`` "In").

    A sign whose letters make one of the ``_UNIT_WORD_RANK`` most frequent words (an ``l``
    opening it read as ``I``: the ``ln`` of ``㏑``). ``normalizer._fold_notation`` folds
    it in a text of styled words that writes no unit sign after a number (``5 ㏌``).
    """
    read = notation_table().get(word, "")
    if len(word) != 1 or len(read) < 2 or not read.isalpha():
        return ""
    ranks = lexicon().ranks
    for candidate in (read, "I" + read[1:] if read[0] == "l" else ""):
        if candidate and ranks.get(candidate.lower(), _UNIT_WORD_RANK) < _UNIT_WORD_RANK:
            return candidate
    return ""


@lru_cache(maxsize=1 << 14)
def lead_capital_i(word: str) -> int:
    """The index of a word's opening lookalike that folds to "l" and more but stands for "I".

    confusables.txt's prototypes use ``l`` for the capital ``I`` too, so ``₶`` (livre
    tournois) folds to "lt" where the disguise wrote "It". It reads ``I`` where the word is
    then English and with ``l`` is not (``₶’s``: "It’s"). -1 where none.
    """
    table, notes = confusables_table(), notation_table()
    first = next((i for i, cls in enumerate(map(char_class, word)) if cls in LATINISH), -1)
    fold = table.get(word[first]) if first >= 0 else None
    if fold is None or fold.kind != "lookalike" or len(fold.target) < 2 or fold.target[0] != "l":
        return -1
    pieces: list[str] = []
    for ch in word:
        found = table.get(ch)
        read = found.target if found is not None else notes.get(ch, ch)
        pieces.append(read.lower() if read.isalpha() else "")
    plain = "".join(pieces)
    ranks = lexicon().ranks
    return first if plain not in ranks and "i" + plain[1:] in ranks else -1


def word_edits(
    word: str,
    classes: tuple[CharClass, ...],
    drop: frozenset[int],
    look: int,
    compat: bool,
    strokes: str = "",
    accents: tuple[int, ...] = (),
    notation: tuple[int, ...] = (),
    *,
    rn: int = -1,
) -> Edits:
    """The changes to one word and the word they make.

    ``strokes``: readings of ``ӏ``/``Ӏ``; ``accents``: marks to remove and decorated letters
    to replace by their base letter; ``notation``: superscript and subscript letters to fold.
    """
    table = confusables_table()
    decorated = decorated_table()
    notes = notation_table()
    pieces: list[str] = []
    changes: list[Change] = []
    offset = 0
    stroke = 0
    lead = lead_capital_i(word) if look != LOOK_NONE else -1
    for i, (ch, cls) in enumerate(zip(word, classes, strict=True)):
        read = ""  # a stroke's reading (``strokes`` holds one per stroke of the word)
        if ch in STROKE_LETTERS:
            read = strokes[stroke] if stroke < len(strokes) else ""
            stroke += 1
        if cls is CharClass.LOOKALIKE and look != LOOK_NONE:
            if ch == "ı" and look == LOOK_KEEP_DOTLESS_I:
                new, step = ch, ""
            else:
                new, step = read or table[ch].target, STEP_LOOKALIKE
        elif cls is CharClass.COMPAT and compat and i not in notation:
            new, step = read or table[ch].target, STEP_COMPAT
        elif i in notation:
            new = shape_letters(word, classes).get(i) or unit_word(word) or notes[ch]
            step = STEP_COMPAT
        elif i in drop:
            new, step = "", (STEP_INVISIBLE if cls is CharClass.INVISIBLE else STEP_MARK)
        elif i in accents:
            new, step = decorated.get(ch, ""), STEP_MARK
        else:
            new, step = ch, ""
        if i == lead and step == STEP_LOOKALIKE:
            new = "I" + new[1:]  # ``₶’s``: "It’s" (``lead_capital_i``)
        if i == rn and new == "m" and (look != LOOK_NONE or compat):
            new, step = "rn", STEP_LOOKALIKE  # ``waming``: "warning" (``rn_letter``)
        if step:
            changes.append((offset, offset + len(new), ch, new, step))
        pieces.append(new)
        offset += len(new)
    return "".join(pieces), tuple(changes)


def accent_marks(
    word: str, classes: tuple[CharClass, ...], drop: frozenset[int]
) -> tuple[int, ...]:
    """Indices of the accents a lexicon decides on.

    Decorated letters (é, ɓ) and orthographic marks on Latin-looking letters that
    ``droppable`` keeps.
    """
    decorated = decorated_table()
    found: list[int] = []
    latin = False  # the last non-mark character is Latin-looking
    for i, (ch, cls) in enumerate(zip(word, classes, strict=True)):
        if cls is CharClass.MARK:
            if latin and i not in drop and ch in ORTHOGRAPHIC_MARKS:
                found.append(i)
            continue
        if cls is CharClass.INVISIBLE and i in drop:
            continue  # removed: the mark after it sits on the letter before it
        latin = cls in LATINISH
        if ch in decorated:
            found.append(i)
    return tuple(found)


def droppable(
    word: str, classes: tuple[CharClass, ...], config: NormalizeConfig, *, ipa_word: bool = False
) -> set[int]:
    """Indices of invisibles and noise marks to remove, in one linear pass over the word.

    Each maximal run of marks and invisibles is judged once (adversarial input such as a
    megabyte of combining marks stays linear): invisibles go when Latin-looking letters stand
    on both sides of the run; marks go when the run sits on a Latin-looking letter and is
    either an overlay/enclosing mark or part of a stack of three or more (Zalgo). A stack
    that opens a word sits on the apostrophe before it (``it'̑̍̑s``) and goes too.
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
        on_latin = before in LATINISH or (before is None and after in LATINISH)
        marks = [j for j in range(start, i) if classes[j] is CharClass.MARK]
        for j in range(start, i):
            if classes[j] is CharClass.INVISIBLE:
                # Between two Latin-looking letters, or between one and the edge of the word
                # (``didn\xad't``); ZWJ in emoji and Indic joiners never touch Latin letters.
                edge = (on_latin and after in (*LATINISH, None)) or (
                    before is None and after in LATINISH
                )
                if config.strip_invisible and edge:
                    drop.add(j)
            elif (
                config.strip_marks
                and on_latin
                and (word[j] in (OVERLAY_MARKS if ipa_word else NOISE_MARKS) or len(marks) >= 3)
            ):
                drop.add(j)
    return drop


ENOUGH_STRAYS = 2


_SPELLED_STROKES = 3  # strokes in a word read every way (``stroke_spellings``)


@lru_cache(maxsize=1 << 16)
def stroke_spellings(word: str) -> tuple[str, ...]:
    """``word``'s skeletons with each bare stroke read as ``i`` or ``l`` (at most three strokes).

    >>> stroke_spellings("b\u04cf")
    ('bi', 'bl')
    """
    at = [i for i, ch in enumerate(word) if ch in STROKE_LETTERS]
    if len(at) > _SPELLED_STROKES:
        return (skeleton(word),)
    reads = []
    for letters in product("il", repeat=len(at)):
        chars = list(word)
        for i, letter in zip(at, letters, strict=True):
            chars[i] = letter
        reads.append(skeleton("".join(chars)))
    return tuple(dict.fromkeys(reads))


def _lower_once_folded(word: str, strokes: bool) -> bool:
    r"""Whether ``word`` is in lower case as the output writes it: its table letters folded.

    A bare stroke may read a small letter (``\u04c0ov\xe8`` is ``lov\xe8``), and a capital
    lookalike is its letter (``num\u0184\u0229r`` is ``numb\u0229r``): counted as written,
    the next pass counted the word the first did not.
    """
    if word.islower():
        return True
    table = confusables_table()
    return "".join(
        "l"
        if strokes and ch in STROKE_LETTERS
        else (fold.target if (fold := table.get(ch)) else ch)
        for ch in word
    ).islower()


def stray_candidate(word: str, plan: Plan) -> bool:
    """Whether ``word`` (``plan``) counts as a stray-accented English word (``stray_accents``).

    Before its line is asked about: lower case, accents the lexicon decides on, no noise
    marks, English without them, no known accented word.
    """
    ranks = lexicon().ranks
    return (
        # (a bare stroke may read a small letter: ``Ӏovè`` is ``lovè`` on the output)
        _lower_once_folded(word, plan.strokes)
        and bool(plan.accents)
        and not plan.noisy
        # (a word's strokes count as each letter they may read, as the stroke reader
        # may read them: ``ｂ̈αbӏ`` is ``b̈abi`` on the output, whose "babi" counts)
        and (
            plan.plain in ranks
            or (plan.strokes and any(read in ranks for read in stroke_spellings(word)))
        )
        and not real_accents(word)
    )


def stray_accents(
    text: str, config: NormalizeConfig, plans: dict[str, Plan], foreign: Callable[[int], bool]
) -> bool:
    """Whether ``text`` writes stray accents on English words, as a disguise.

    Two distinct lower-case words or more with accents the lexicon decides on
    (``plan.accents``), no noise marks, English without the accents (``lexicon``) and no
    known accented word (``accents``): ``yèllow``, ``tödáy``, not ``café`` nor ``Zoë``; or
    one such word in a text that floods other words with marks. One accented word in a
    text otherwise plain or disguised with lookalikes is its spelling (``resumé``).
    ``plans`` is the caller's word-plan cache; ``foreign(offset)`` says whether the line
    there is foreign-language text, whose accented words do not count (``tại``, ``cổ``).
    """
    found: set[str] = set()
    noisy = False
    for hit in word_pattern().finditer(text):
        word = hit.group()
        if word.isascii() or word in found:
            continue
        plan = plans.get(word)
        if plan is None:
            plan = plans[word] = plan_word(word, config)
        noisy = noisy or plan.noisy
        if stray_candidate(word, plan) and not foreign(hit.start()):
            found.add(word)
        if len(found) >= ENOUGH_STRAYS or (found and noisy):
            return True
    return False


def disguised_beside_dotless(
    word: str, drop: frozenset[int], noisy: bool, notation: tuple[int, ...]
) -> bool:
    """Whether a word holding dotless ``ı`` is disguised by something other than ``ı``.

    Another table character (a lookalike, a styled letter: ``Ʀıhɑnnɑ``, ``𝐊ıd``), a small
    letter or shape (``ıᵗ``), noise marks or a zero-width character between its letters.
    A soft hyphen alone is no disguise: Turkish text is hyphenated like any other
    (a soft hyphen inside ``Yılmaz``). A word disguised only with ``ı`` is judged by what it reads
    (``normalizer._keep_dotless_i``): ``Batı`` and ``Slavcası`` are Turkish words.
    """
    table = confusables_table()
    return (
        any(ch != "ı" and ch in table for ch in word)
        or noisy
        or bool(notation)
        or any(word[i] != "\xad" for i in drop)
    )


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """``word``'s letters with table and notation letters folded, accents gone, lower case.

    >>> skeleton("Yèllσw'\u0301s 𝟎")
    'yellows'
    """
    table, decorated, notes = confusables_table(), decorated_table(), notation_table()
    read = (
        decorated.get(ch) or (fold.target if (fold := table.get(ch)) else notes.get(ch, ch))
        for ch in word
    )
    return "".join(part for part in read if part.isalpha()).lower()

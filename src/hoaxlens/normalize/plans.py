"""Per-word plans: what a word holds, and the edits that fold it.

A plan is worked out once per distinct word and configuration (farm text repeats its words);
when a word's edits do not depend on its context they are computed with the plan.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.normalize.confusables import CharClass, char_class, confusables_table, script_of
from hoaxlens.normalize.patterns import BAR_LETTERS, IPA_SMALL_CAPITALS, NOISE_MARKS, TURKIC

if TYPE_CHECKING:
    from hoaxlens.normalize.config import NormalizeConfig
    from hoaxlens.normalize.result import Change

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
    fullwidth: bool
    phonetic: bool
    drop: frozenset[int]
    static_edits: Edits | None  # the edits when they do not depend on context


def plan_word(word: str, config: NormalizeConfig) -> Plan:
    """Work out what ``word`` holds and, where context does not matter, its edits."""
    classes = tuple(char_class(ch) for ch in word)
    other = CharClass.OTHER_LETTER in classes
    look = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.LOOKALIKE]
    compat = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.COMPAT]
    has_latin = CharClass.LATIN in classes
    table = confusables_table()
    scripts = frozenset(script_of(ch) for ch in look)
    # A digit of another script (Thai ๐ for o) folds only beside an ASCII letter: next to
    # Latin-1 letters it is mojibake (UTF-8 emoji read as TIS-620: ``๐Ÿ’«``), not disguise.
    numerals = any(unicodedata.category(ch)[0] == "N" for ch in look)
    lookalikes = (
        bool(look)
        and not other
        and not (numerals and not any(ch.isascii() and ch.isalpha() for ch in word))
    )
    n_compat = 0 if other else len(compat)
    beside_latin = has_latin or (bool(look) and bool(compat))
    formula_shaped = len(word) <= 3 and scripts == {"GREEK"}
    fullwidth = any(table[ch].name.startswith("FULLWIDTH") for ch in compat)
    phonetic = bool(compat) and all(ch in IPA_SMALL_CAPITALS for ch in compat)
    drop = frozenset(droppable(word, classes, config))
    fold_look = lookalikes and config.fold_confusables
    fold_compat = bool(n_compat) and config.fold_compat
    strokes = fold_look and any(ch in BAR_LETTERS for ch in word)
    ipa_letters = "LATIN" in scripts and any(ch != "ı" and script_of(ch) == "LATIN" for ch in look)
    static = (
        not fold_look
        or (
            beside_latin
            and not formula_shaped
            and "ı" not in word
            and not strokes
            and not ipa_letters
        )
    ) and (
        not fold_compat
        or (not (fullwidth or phonetic) and (beside_latin or n_compat >= config.min_compat_letters))
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
        turkic=bool(TURKIC.search(word)),
        fullwidth=fullwidth,
        phonetic=phonetic,
        drop=drop,
        static_edits=(
            word_edits(word, classes, drop, LOOK_ALL if fold_look else LOOK_NONE, fold_compat)
            if static
            else None
        ),
    )


def word_edits(
    word: str,
    classes: tuple[CharClass, ...],
    drop: frozenset[int],
    look: int,
    compat: bool,
    strokes: str = "",
) -> Edits:
    """The changes to one word and the word they make (``strokes``: readings of ``ӏ``/``Ӏ``)."""
    table = confusables_table()
    pieces: list[str] = []
    changes: list[Change] = []
    offset = 0
    stroke = 0
    for i, (ch, cls) in enumerate(zip(word, classes, strict=True)):
        if cls is CharClass.LOOKALIKE and look != LOOK_NONE:
            if ch == "ı" and look == LOOK_KEEP_DOTLESS_I:
                new, step = ch, ""
            elif ch in BAR_LETTERS and stroke < len(strokes):
                new, step = strokes[stroke], STEP_LOOKALIKE
                stroke += 1
            else:
                new, step = table[ch].target, STEP_LOOKALIKE
        elif cls is CharClass.COMPAT and compat:
            new, step = table[ch].target, STEP_COMPAT
        elif i in drop:
            new, step = "", (STEP_INVISIBLE if cls is CharClass.INVISIBLE else STEP_MARK)
        else:
            new, step = ch, ""
        if step:
            changes.append((offset, offset + len(new), ch, new, step))
        pieces.append(new)
        offset += len(new)
    return "".join(pieces), tuple(changes)


def droppable(word: str, classes: tuple[CharClass, ...], config: NormalizeConfig) -> set[int]:
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
            elif config.strip_marks and on_latin and (word[j] in NOISE_MARKS or len(marks) >= 3):
                drop.add(j)
    return drop

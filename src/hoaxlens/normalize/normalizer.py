"""Script-aware de-obfuscation of English text, recording every change.

Folding is gated by context so that genuine non-Latin writing is never touched:

* A lookalike letter (Cyrillic ``п``, Greek ``υ``) is folded inside a word that also holds
  Latin letters and no letter of another script (``Oпe`` → ``One``; ``Достоевский`` stays),
  except short Greek-and-Latin words beside maths punctuation (``sin(ωt)``, ``p = ρgh``).
* A word made only of lookalikes (``сор``) is folded when its line reads as Latin (at least
  ``latin_line_share`` of its letters are Latin-looking, it has a real Latin letter, and no
  genuine letter of the word's script) and the text shows obfuscation with that script
  elsewhere (one of its lookalikes beside a Latin letter), or the word mixes two scripts'
  lookalikes. So a Russian or Greek word quoted in English stays, and so does a lone ``α``.
* Dotless ``ı`` folds only without Turkish letters on its line and with other obfuscation
  in the text; a bare stroke (palochka) becomes ``l`` inside a lower-case word, else ``I``.
* A presentation form (fullwidth, mathematical, circled, small capital) is folded in words
  of at least ``min_compat_letters`` letters, words mixing it with Latin, and any word of a
  text that styles whole words, so a lone ``𝑥`` or ``ℝ`` in maths stays. Fullwidth forms
  stay on lines holding CJK text, and IPA small capitals in transcriptions (``/bɪt/``).
* Zero-width characters and soft hyphens are removed between a Latin-looking letter and
  another or the edge of the word (ZWJ in emoji and Indic or Persian joiners stay).
* Names spelled out letter by letter (``T.r.u.m.p``, ``D e r e k``) are joined.
* Overlay and enclosing combining marks on Latin letters (``D̸``) and stacks of three or more
  marks (Zalgo) are removed; one or two ordinary accents (Vietnamese ``ệ``) are kept.

Speed: a text with no character that could change (``_suspect_pattern``) and no spelled-out
name returns at once; otherwise only the words around suspect characters are looked at, and
per-word decisions are cached, since farm text repeats its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from hoaxlens.normalize.confusables import (
    INVISIBLE,
    CharClass,
    char_class,
    confusables_table,
    script_of,
)
from hoaxlens.types import NormalizedText, Replacement, Span

_MARK_RANGES = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_MARKS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _MARK_RANGES)
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
# Possessive repeats: a name followed by a word character is not shortened to fit.
_SPLIT_NAME = re.compile(
    r"(?<![\w.])[A-Za-z](?P<sep>[.\-·•_])[a-z](?:(?P=sep)[a-z]){2,}+(?!\w)"
    r"|(?<![\w.,])[A-Z](?: [a-z]){3,}+(?!\w)"
)
_SPLIT_HINT_TABLE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_ ", b"a" * 52 + b"...."
)
_SPLIT_HINT_BYTES = re.compile(rb"\.a\.a\.a")
_SPLIT_HINT_TEXT = re.compile(r"[.\-_·• ][A-Za-z][.\-_·• ][A-Za-z][.\-_·• ][A-Za-z]")
# Letters only Turkish and Azerbaijani use beside dotless ı: on such a line ı is a real letter.
_TURKIC = re.compile("[şŞğĞİəƏ]")
# Letters and marks that only phonetic transcription uses: on such a line ɪ and ʀ are IPA.
_IPA = re.compile("[ˈˌːəɛɔʊʃʒŋθðæʌɑɒɜɹɾʁɐɨʉɯɤɣχħʕʔ]")
# Letters drawn as a bare vertical stroke: I or l depending on the word around them.
_BAR_LETTERS = frozenset("\u04c0\u04cf")
_MATH_BEFORE = frozenset("=+−-×*/^(·")
_MATH_AFTER = frozenset("=+−×*/^)·²³")
# How a word's lookalikes fold (plain ints: they key a hot cache).
_LOOK_NONE, _LOOK_ALL, _LOOK_KEEP_DOTLESS_I = 0, 1, 2
_CACHE_WORDS = 1 << 16
# One word's changes: the word as output, and (start, end, original, new, step) per change,
# located relative to the start of that output.
_Edits = tuple[str, tuple[tuple[int, int, str, str, str], ...]]
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
    min_compat_letters: int = 2

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
    compat: int
    other_scripts: frozenset[str]
    has_cjk: bool
    has_turkic: bool
    has_ipa: bool


def _line_context(line: str) -> _LineContext:
    latinish = letters = compat = 0
    has_latin = False
    other: set[str] = set()
    for ch in line:
        cls = char_class(ch)
        if cls in _LATINISH:
            latinish += 1
            letters += 1
            has_latin = has_latin or cls is CharClass.LATIN
            compat += cls is CharClass.COMPAT
        elif cls is CharClass.OTHER_LETTER:
            letters += 1
            other.add(script_of(ch))
    return _LineContext(
        latinish,
        has_latin,
        letters,
        compat,
        frozenset(other),
        bool(_CJK.search(line)),
        bool(_TURKIC.search(line)),
        bool(_IPA.search(line)),
    )


@cache
def _word_pattern() -> re.Pattern[str]:
    """Words: letters, digits, marks, invisibles, and table symbols such as circled letters."""
    symbols = "".join(sorted(ch for ch in confusables_table() if not re.match(r"\w", ch)))
    return re.compile(f"[\\w{re.escape(''.join(sorted(INVISIBLE)) + symbols)}{_MARKS}]+")


@cache
def _suspect_word_pattern() -> re.Pattern[str]:
    """A character that might change, then the rest of its word (possessive: no backtracking)."""
    word = _word_pattern().pattern.removesuffix("+")
    return re.compile(f"{_suspect_pattern().pattern}{word}*+")


@cache
def _word_extra() -> frozenset[str]:
    r"""Word characters beyond ``\w``: invisibles, combining marks and table symbols."""
    marks = (chr(cp) for low, high in _MARK_RANGES for cp in range(low, high + 1))
    word = _word_pattern()
    return frozenset(
        ch
        for ch in (*INVISIBLE, *confusables_table(), *marks)
        if word.fullmatch(ch) and not (ch.isalnum() or ch == "_")
    )


@cache
def _suspect_pattern() -> re.Pattern[str]:
    """Any character the normalizer might change (a text without one is returned as is).

    Astral characters (mathematical alphanumerics, enclosed letters, emoji) are matched as one
    range: a class of single astral characters would make ``re`` test them one by one, where
    a class of BMP characters is a constant-time bitmap look-up.
    """
    bmp = sorted(ch for ch in (*confusables_table(), *INVISIBLE) if ord(ch) < 0x10000)
    return re.compile(f"[{re.escape(''.join(bmp))}{_MARKS}\U00010000-\U0010ffff]")


def _split_names(text: str) -> list[re.Match[str]]:
    """Spelled-out names in ``text``, found from cheap hints (``.a.a.a`` shapes).

    ``_SPLIT_NAME`` is slow to scan a whole text with, so a fast pattern finds where a name
    might start: on ASCII text a byte translation (letters to ``a``, separators to ``.``) and
    a literal search; on other text a character-class search. The full pattern is then only
    tried, anchored, next to each hint.
    """
    if text.isascii():
        translated = text.encode("ascii").translate(_SPLIT_HINT_TABLE)
        hints = [hint.start() for hint in _SPLIT_HINT_BYTES.finditer(translated)]
    else:
        hints = [hint.start() for hint in _SPLIT_HINT_TEXT.finditer(text)]
    found: list[re.Match[str]] = []
    last_end = 0
    for hint in hints:
        for start in range(max(last_end, hint - 1), hint + 6):
            name = _SPLIT_NAME.match(text, start)
            if name:
                found.append(name)
                last_end = name.end()
                break
    return found


@dataclass(slots=True)
class _WordCache:
    """Per-configuration memory of word plans and edits: farm text repeats its words."""

    plans: dict[str, _Plan] = field(default_factory=dict)
    edits: dict[tuple[str, int, bool], _Edits] = field(default_factory=dict)


_CACHES: dict[NormalizeConfig, _WordCache] = {}


def _word_cache(config: NormalizeConfig) -> _WordCache:
    cache = _CACHES.get(config)
    if cache is None or len(cache.plans) > _CACHE_WORDS or len(cache.edits) > _CACHE_WORDS:
        cache = _CACHES[config] = _WordCache()
    return cache


@dataclass(frozen=True, slots=True)
class _Evidence:
    mixed: frozenset[str]  # scripts whose lookalikes stand beside Latin letters
    styled: bool  # presentation forms stand beside each other or Latin letters


def _word_length(text: str, i: int, cap: int = 4) -> int:
    """Length of the alphanumeric run around ``text[i]``, counting at most ``cap`` each way."""
    start, end = i, i + 1
    while start > 0 and text[start - 1].isalnum() and i - start < cap:
        start -= 1
    while end < len(text) and text[end].isalnum() and end - i < cap:
        end += 1
    return end - start


class _Normalizer:
    """One pass over one text; builds the output and the replacement list.

    Only the whitespace-delimited chunks around characters that might change (see
    ``_suspect_pattern``) and spelled-out names are looked at word by word; everything else
    is copied through in slices.
    """

    def __init__(self, text: str, config: NormalizeConfig, names: list[re.Match[str]]) -> None:
        self.text = text
        self.names = names[::-1]  # spelled-out names, last first (the next one is ``pop()``)
        self.config = config
        self.table = confusables_table()
        self.out: list[str] = []
        self.out_len = 0
        self.replacements: list[Replacement] = []
        self._line_cache: dict[int, _LineContext] = {}
        self._found: _Evidence | None = None
        self.cache = _word_cache(config)

    def run(self) -> NormalizedText:
        text = self.text
        splits = self.names
        word_pattern, word_extra, out = _word_pattern(), _word_extra(), self.out
        cursor = 0  # everything before this has been emitted
        for hit in _suspect_word_pattern().finditer(text):
            at, end = hit.span()
            while splits and splits[-1].start() < at:
                name = splits.pop()
                if name.start() >= cursor:  # else it overlaps a word already done
                    self._emit(text[cursor : name.start()])
                    self._join(name.group())
                    cursor = name.end()
            if end == at + 1 and not word_pattern.match(text, at):
                continue  # an emoji or symbol outside any word: copied through
            start = at  # back to the start of the word
            while start > cursor and (
                (ch := text[start - 1]).isalnum() or ch == "_" or ch in word_extra
            ):
                start -= 1
            if cursor < start:
                out.append(text[cursor:start])
                self.out_len += start - cursor
            self._word(text[start:end], start)
            cursor = end
        while splits:
            name = splits.pop()
            self._emit(text[cursor : name.start()])
            self._join(name.group())
            cursor = name.end()
        self._emit(text[cursor:])
        return NormalizedText("".join(out), text, tuple(self.replacements))

    def _join(self, spelled: str) -> None:
        """Emit a spelled-out name joined up, recording each removed separator."""
        for ch in spelled:
            if ch.isalpha():
                self._emit(ch)
            else:
                self._change(ch, "", _STEP_JOIN)

    def _emit(self, chunk: str) -> None:
        if chunk:
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

    def _evidence(self) -> _Evidence:
        """One scan of the text for signs of obfuscation that context rules rely on.

        ``mixed``: scripts whose lookalikes stand next to a Latin letter (``Oпe``). A word
        made only of lookalikes (``сор``) is folded only where its script is also used this
        way, so a genuine Russian or Greek word quoted in English is left alone. Short Greek
        words (``ωt``, ``ρgh``) may be maths and are no evidence.

        ``styled``: presentation forms stand next to each other or to Latin letters. A styled
        word (𝐃𝐞𝐫𝐞𝐤) shows the text is written in such forms, so its one-letter words (𝐚, ⓢ)
        fold too; a lone ℝ or 𝑥 in a maths text stays.
        """
        if self._found is not None:
            return self._found
        mixed: set[str] = set()
        styled = False
        text, n = self.text, len(self.text)
        for hit in _suspect_pattern().finditer(text):
            ch, i = hit.group(), hit.start()
            cls = char_class(ch)
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < n else ""
            if cls is CharClass.COMPAT and not styled:
                styled = any(
                    neighbour and char_class(neighbour) in (CharClass.COMPAT, CharClass.LATIN)
                    for neighbour in (before, after)
                )
            elif cls is CharClass.LOOKALIKE and (
                (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
            ):
                script = script_of(ch)
                if script != "GREEK" or _word_length(text, i) > 3:
                    mixed.add(script)
        self._found = _Evidence(frozenset(mixed), styled)
        return self._found

    def _word(self, word: str, pos: int) -> None:
        config, cache = self.config, self.cache
        plan = cache.plans.get(word)
        if plan is None:
            plan = cache.plans[word] = _plan(word, config)
        edits = plan.static_edits
        if edits is None:
            edits = self._context_edits(plan, pos)
        output, changes = edits
        base = self.out_len
        self.out.append(output)
        self.out_len = base + len(output)
        if changes:
            unchecked, append = Replacement.unchecked, self.replacements.append
            for start, end, original, new, step in changes:
                append(unchecked(base + start, base + end, original, new, step))

    def _context_edits(self, plan: _Plan, pos: int) -> _Edits:
        """Edits for a word whose folding depends on its line or neighbours."""
        config, cache = self.config, self.cache
        look = _LOOK_NONE
        if plan.lookalikes and config.fold_confusables:
            look = self._fold_lookalikes(plan, pos)
        compat = bool(plan.compat) and config.fold_compat and self._fold_compat(plan, pos)
        key = (plan.word, look, compat)
        edits = cache.edits.get(key)
        if edits is None:
            edits = cache.edits[key] = _edits(plan.word, plan.classes, plan.drop, look, compat)
        return edits

    def _fold_lookalikes(self, plan: _Plan, pos: int) -> int:
        """Whether this word's lookalikes fold (all, all but a dotless i, or none)."""
        if plan.beside_latin:
            if plan.formula_shaped and self._next_to_operator(plan.word, pos):
                return _LOOK_NONE
            if plan.dotless_i and self._keep_dotless_i(plan, pos):
                return _LOOK_KEEP_DOTLESS_I
            return _LOOK_ALL
        if plan.letters < 2 and "GREEK" in plan.scripts and "GREEK" not in self._evidence().mixed:
            return _LOOK_NONE  # a lone α or π in English text is a symbol, not a disguised letter
        line = self._line(pos)
        if not line.has_latin or line.latinish < self.config.latin_line_share * line.letters:
            return _LOOK_NONE
        if plan.scripts & line.other_scripts:
            return _LOOK_NONE
        # Lookalikes of two scripts in one word (Cyrillic а with Armenian ռ) are obfuscation
        # by themselves; one script needs that script to be seen beside Latin letters.
        if len(plan.scripts) < 2 and not plan.scripts <= self._evidence().mixed:
            return _LOOK_NONE
        return _LOOK_ALL

    def _keep_dotless_i(self, plan: _Plan, pos: int) -> bool:
        """Dotless ı is a real letter in Turkish names (Yıldız, Altın) and text.

        It folds to ``i`` only on a line without Turkish or Azerbaijani letters, and only
        where the text shows other obfuscation: another lookalike in the same word, or
        lookalikes of another script standing beside Latin letters elsewhere.
        """
        if plan.turkic or self._line(pos).has_turkic:
            return True
        return plan.scripts == {"LATIN"} and not self._evidence().mixed - {"LATIN"}

    def _next_to_operator(self, word: str, pos: int) -> bool:
        """``sin(ωt)``, ``p = ρgh``: a short Greek-and-Latin word beside maths punctuation."""
        before = self.text[max(0, pos - 8) : pos].rstrip()[-1:]
        after = self.text[pos + len(word) : pos + len(word) + 8].lstrip()[:1]
        return bool(before and before in _MATH_BEFORE) or bool(after and after in _MATH_AFTER)

    def _fold_compat(self, plan: _Plan, pos: int) -> bool:
        if plan.fullwidth and self._line(pos).has_cjk:
            return False
        if plan.phonetic and self._is_phonetic_context(plan.word, pos):
            return False
        if plan.beside_latin or plan.compat >= self.config.min_compat_letters:
            return True
        line = self._line(pos)  # short words in a line written in presentation forms
        if line.compat >= self.config.min_compat_letters and 2 * line.compat > line.letters:
            return True
        return self._evidence().styled  # or in a text that styles whole words elsewhere

    def _is_phonetic_context(self, word: str, pos: int) -> bool:
        """IPA transcription: between slashes or brackets, or on a line with IPA letters."""
        before = self.text[pos - 1 : pos]
        after = self.text[pos + len(word) : pos + len(word) + 1]
        if before in ("/", "[") and after in ("/", "]", "."):
            return True
        return self._line(pos).has_ipa


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one word holds, worked out once per distinct word (see ``_plan``)."""

    word: str
    classes: tuple[CharClass, ...]
    lookalikes: bool  # has lookalikes and no genuine other-script letter
    compat: int  # number of presentation forms (0 when the word has other-script letters)
    beside_latin: bool  # lookalikes or compat forms share the word with Latin letters
    letters: int  # Latin-looking letters
    scripts: frozenset[str]  # scripts of the lookalikes
    formula_shaped: bool  # at most three characters and only Greek lookalikes
    dotless_i: bool
    turkic: bool
    fullwidth: bool
    phonetic: bool
    drop: frozenset[int]
    static_edits: _Edits | None  # the edits when they do not depend on context


def _plan(word: str, config: NormalizeConfig) -> _Plan:
    classes = tuple(char_class(ch) for ch in word)
    other = CharClass.OTHER_LETTER in classes
    look = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.LOOKALIKE]
    compat = [ch for ch, cls in zip(word, classes, strict=True) if cls is CharClass.COMPAT]
    has_latin = CharClass.LATIN in classes
    table = confusables_table()
    scripts = frozenset(script_of(ch) for ch in look)
    lookalikes = bool(look) and not other
    n_compat = 0 if other else len(compat)
    beside_latin = has_latin or (bool(look) and bool(compat))
    formula_shaped = len(word) <= 3 and scripts == {"GREEK"}
    fullwidth = any(table[ch].name.startswith("FULLWIDTH") for ch in compat)
    phonetic = any(_is_phonetic(ch) for ch in compat)
    drop = frozenset(_droppable(word, list(classes), config))
    fold_look = lookalikes and config.fold_confusables
    fold_compat = bool(n_compat) and config.fold_compat
    static = (not fold_look or (beside_latin and not formula_shaped and "ı" not in word)) and (
        not fold_compat
        or (not (fullwidth or phonetic) and (beside_latin or n_compat >= config.min_compat_letters))
    )
    return _Plan(
        word=word,
        classes=classes,
        lookalikes=lookalikes,
        compat=n_compat,
        beside_latin=beside_latin,
        letters=sum(cls in _LATINISH for cls in classes),
        scripts=scripts,
        formula_shaped=formula_shaped,
        dotless_i="ı" in word,
        turkic=bool(_TURKIC.search(word)),
        fullwidth=fullwidth,
        phonetic=phonetic,
        drop=drop,
        static_edits=(
            _edits(word, classes, drop, _LOOK_ALL if fold_look else _LOOK_NONE, fold_compat)
            if static
            else None
        ),
    )


def _edits(
    word: str, classes: tuple[CharClass, ...], drop: frozenset[int], look: int, compat: bool
) -> _Edits:
    """The changes to one word and the word they make."""
    table = confusables_table()
    pieces: list[str] = []
    changes: list[tuple[int, int, str, str, str]] = []
    offset = 0
    for i, (ch, cls) in enumerate(zip(word, classes, strict=True)):
        if cls is CharClass.LOOKALIKE and look != _LOOK_NONE:
            if ch == "ı" and look == _LOOK_KEEP_DOTLESS_I:
                new, step = ch, ""
            elif ch in _BAR_LETTERS:
                new, step = _bar_letter(word, i), _STEP_LOOKALIKE
            else:
                new, step = table[ch].target, _STEP_LOOKALIKE
        elif cls is CharClass.COMPAT and compat:
            new, step = table[ch].target, _STEP_COMPAT
        elif i in drop:
            new, step = "", (_STEP_INVISIBLE if cls is CharClass.INVISIBLE else _STEP_MARK)
        else:
            new, step = ch, ""
        if step:
            changes.append((offset, offset + len(new), ch, new, step))
        pieces.append(new)
        offset += len(new)
    return "".join(pieces), tuple(changes)


def _is_phonetic(ch: str) -> bool:
    """A small capital from the IPA or phonetic-extension blocks (ɪ, ʀ, ᴜ)."""
    return "\u0250" <= ch <= "\u02af" or "\u1d00" <= ch <= "\u1dbf"


def _bar_letter(word: str, i: int) -> str:
    """Capital I or small l for a bare vertical stroke (palochka), read from its neighbours.

    Inside a lower-case word it is ``l`` (``GoӀdman``); in an all-capital word, or as the
    first letter of a word, ``I``.
    """
    letters = [ch for ch in word if ch.isalpha() and ch not in _BAR_LETTERS]
    if i == 0 or (letters and all(ch.isupper() for ch in letters)):
        return "I"
    return "l"


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
                # Between two Latin-looking letters, or between one and the edge of the word
                # (``didn\xad't``); ZWJ in emoji and Indic joiners never touch Latin letters.
                edge = (on_latin and after in (*_LATINISH, None)) or (
                    before is None and after in _LATINISH
                )
                if config.strip_invisible and edge:
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
    names = _split_names(text) if config.join_letters else []
    if not names and (text.isascii() or _suspect_pattern().search(text) is None):
        return NormalizedText(text, text, ())  # the fast path: nothing can change
    return _Normalizer(text, config, names).run()

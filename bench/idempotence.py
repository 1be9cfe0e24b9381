"""Idempotence of ``normalize_text`` under a long Hypothesis run (issue 17).

    python bench/idempotence.py [--examples 100000] [--seed 17] [--strategy all|dense|sparse]

Checks ``normalize_text(normalize_text(x).text).text == normalize_text(x).text`` and that
``undo`` replays every input, on text drawn from every script: any Unicode letters, marks
and digits, the whole fold table (lookalikes and presentation forms), decorated Latin
letters, every combining-mark block, invisibles, and English words beside them, and names
spelled out letter by letter (ASCII letters or lookalikes, ``. - _ space · •``) beside
invisibles, soft hyphens and lookalike words; and (``dense``, half of the default ``all``)
short texts of 1-25 items from small pools of the characters that interact in the
normalizer (``DENSE_POOLS``). Prints the number of examples run and the
first (shrunk) counterexample, if any; exits 1 on one.
The test suite runs the same property with 200 derandomized examples
(``tests/normalize/test_properties.py``; ``HYPOTHESIS_PROFILE=nightly`` runs 100,000).
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from hoaxlens.normalize import normalize_text, undo
from hoaxlens.normalize.confusables import (
    INVISIBLE,
    confusables_table,
    decorated_table,
    notation_table,
)
from hoaxlens.normalize.patterns import MARK_RANGES

TABLE = sorted(confusables_table())
DECORATED = sorted(decorated_table())
NOTATION = sorted(notation_table())  # superscript and subscript letters (ᵣ, ₙ, ʰ)
MARKS = [chr(cp) for low, high in MARK_RANGES for cp in range(low, high + 1)]
WORDS = [
    "the", "news", "Elvis", "today", "yellow", "I", "a", "his", "last", "Yıldız", "café", "her",
]  # fmt: skip
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Names spelled out letter by letter, each letter ASCII or a fold-table character read as
# it (lookalike or presentation form), with separators ``. - _ space · •`` (``J.о.h.n``,
# ``Ｊ•o•h•n``); drawn beside invisibles, soft hyphens and lookalike words below.
_READ_AS: dict[str, list[str]] = {}
for _ch, _fold in sorted(confusables_table().items()):
    _READ_AS.setdefault(_fold.target, []).append(_ch)
LETTER_FORMS = {letter: [letter, *_READ_AS.get(letter, [])] for letter in LETTERS}


def _letter(case: str) -> st.SearchStrategy[str]:
    return st.sampled_from(case).flatmap(lambda letter: st.sampled_from(LETTER_FORMS[letter]))


spelled_name = st.builds(
    lambda first, separator, rest: first + "".join(separator + letter for letter in rest),
    _letter(LETTERS),
    st.sampled_from([".", "-", "_", " ", "\u00b7", "\u2022"]),
    st.lists(_letter(LETTERS[:26]), min_size=2, max_size=6),
)

all_scripts = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.one_of(
            st.characters(categories=["L", "M", "N"]),
            st.sampled_from(TABLE),
            st.sampled_from(DECORATED),
            st.sampled_from(NOTATION),
            st.sampled_from(MARKS),
            st.sampled_from(sorted(INVISIBLE)),
            st.sampled_from(WORDS),
            st.sampled_from(list(LETTERS)),
            st.sampled_from(list(" .,'-/[]\n")),
            spelled_name,
        ),
        max_size=60,
    ).map("".join),
    st.lists(
        st.one_of(
            spelled_name,
            st.lists(st.sampled_from([*LETTERS, *TABLE]), min_size=1, max_size=4).map("".join),
            st.sampled_from(sorted(INVISIBLE)),
            st.sampled_from(WORDS),
            st.sampled_from([*" .,'-\n\t", "\u00b7", "\u2022", "\u2219"]),
        ),
        max_size=12,
    ).map("".join),
)

# Dense: short texts (1-25 items) drawn from small pools of the characters that interact in
# the normalizer, so that rare interactions are common: what decides a line's context and
# Latin share (ASCII letters, other scripts' letters, CJK, Turkish and IPA letters), the
# stroke readings (palochka, I/l lookalikes), dotless ``ı``, footnote and styled digits,
# notation letters, marks (orthographic, noise, Brahmic signs), invisibles and the soft
# hyphen, separators of spelled names, presentation forms and the table's lookalikes, beside
# English words and short words that disguise them. The broad strategies above rarely build
# these: a denser hand-written fuzz found four families that they never did.
DENSE_POOLS = {
    "ascii": list("abcdehilnostwxyAIOJ"),
    "dotless": ["\u0131", "\u0131", "\u0130", "\u015f", "\u011f"],  # ı İ ş ğ
    "digits": ["\xb9", "\u2081", "\u2070", "\u2080", "\xb2", "1", "0"],  # ¹ ₁ ⁰ ₀ ²
    "styled_digits": [
        "\U0001d7cf", "\U0001d7ce", "\uff11", "\U0001d7d9", "\u2460", "\u246a", "\u2161",
    ],  # 𝟏 𝟎 １ 𝟙 ① ⑪ Ⅱ
    "notation": ["\u1d43", "\u2099", "\u1d62", "\u02b0", "\u1d35", "\u02e1", "\u2097", "\u02d9"],
    "strokes": [
        "\u04cf", "\u04c0", "\u0399", "\u0406", "\u01c0", "\ua4f2", "\U0001d408", "\u24db", "|",
        "\u2113",
    ],  # ӏ Ӏ Ι І ǀ ꓲ 𝐈 ⓛ | ℓ
    "marks": ["\u0301", "\u0305", "\u0338", "\u0336", "\u0300", "\u0308", "\u20dd", "\u0327"],
    "brahmic": ["\u0947", "\u0902", "\u094d", "\u093e", "\u0915", "\u0bcd"],
    "separators": [*" .-_\n:/[]'=\t,", "\u00b7", "\u2022", "\u2219"],
    "invisible": ["\xad", "\xad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"],
    "styled": [
        "\U0001d400", "\uff21", "\U0001d41a", "\uff41", "\u24d0", "\u1d00", "\u1d0b", "\u0299",
        "\u026a", "\U0001d403", "\uff42", "\U0001d465", "\u211d", "\u3371",
    ],
    "lookalikes": [
        "\u043e", "\u0430", "\u0435", "\u0440", "\u0441", "\u043f", "\u0445", "\u03bf", "\u03bd",
        "\u03b1", "\u03c1", "\u146f", "\u13aa", "\ua4d4", "\u0251", "\u0261", "\u237a", "\u212e",
        "\u017f", "\u0585",
    ],
    "other": [
        "\u3400", "\u0434", "\u0436", "\u041d", "\u03bb", "\xe9", "\xe6", "\u0283", "\u0259",
        "\u05d0",
    ],  # 㐀 д ж Н λ é æ ʃ ə א
    "words": [
        "the", "news", "I", "a", "with", "this", "love", "you", "Smith", "Elvis", "is", "bill",
        "ill", "hi", "in", "his", "One", "day", "Yıldız", "café",
    ],
    "disguised": [
        "w\u0131th", "th\u0131s", "b\u0131", "b\u04cf", "O\u043fe", "\u041ene", "h\u04cfs",
        "\u0131s", "\U0001d42d\U0001d421\U0001d41e", "\uff54\uff48\uff45", "J.\u043e.h.n",
        "\u1d1b\u029c\u1d07", "\u041d\u0435\u0442", "s\u0435t", "\u0131ll", "\u0399n",
        "\u04c0ove", "K\u0131rm\u0131z\u0131", "b\u0430\u0455\u0435", "\u0441\u043e\u0440",
    ],  # wıth thıs bı bӏ Oпe Оne hӏs ıs 𝐭𝐡𝐞 ｔｈｅ J.о.h.n ᴛʜᴇ Нет sеt ıll Ιn Ӏove Kırmızı bаѕе сор
    "table": TABLE,
}  # fmt: skip
_DENSE_ITEM = st.one_of(*(st.sampled_from(pool) for pool in DENSE_POOLS.values()))
# (the length drawn first, uniformly: Hypothesis's own lists are mostly short, and a family
# needs three or four items side by side)
dense = (
    st.integers(1, 25)
    .flatmap(lambda size: st.lists(_DENSE_ITEM, min_size=size, max_size=size))
    .map("".join)
)
sparse = all_scripts
STRATEGIES = {
    "all": st.booleans().flatmap(lambda use_dense: dense if use_dense else sparse),
    "dense": dense,
    "sparse": sparse,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--strategy",
        choices=sorted(STRATEGIES),
        default="all",
        help="dense (short texts of interacting characters), sparse (the broad ones), or all",
    )
    args = parser.parse_args()
    count = 0

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=STRATEGIES[args.strategy])
    def check(text: str) -> None:
        nonlocal count
        count += 1
        once = normalize_text(text)
        assert undo(once.text, once.replacements) == text, "undo"
        twice = normalize_text(once.text)
        assert twice.text == once.text, f"{text!r} -> {once.text!r} -> {twice.text!r}"

    start = time.perf_counter()
    try:
        check()
    except AssertionError as error:
        print(f"FAILED after {count} examples: {error}")
        return 1
    took = time.perf_counter() - start
    print(
        f"idempotent on {count:,} examples (seed {args.seed}, strategy {args.strategy})"
        f" in {took:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

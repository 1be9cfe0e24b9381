"""Idempotence of ``normalize_text`` under a long Hypothesis run (issue 17).

    python bench/idempotence.py [--examples 100000] [--seed 17]

Checks ``normalize_text(normalize_text(x).text).text == normalize_text(x).text`` and that
``undo`` replays every input, on text drawn from every script: any Unicode letters, marks
and digits, the whole fold table (lookalikes and presentation forms), decorated Latin
letters, every combining-mark block, invisibles, and English words beside them, and names
spelled out letter by letter (ASCII letters or lookalikes, ``. - _ space · •``) beside
invisibles, soft hyphens and lookalike words. Prints the number of examples run and the
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    count = 0

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=all_scripts)
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
    print(f"idempotent on {count:,} examples (seed {args.seed}) in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

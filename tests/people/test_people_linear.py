"""find_people on hostile text: thousands of distinct names, long lines, many headlines."""

from __future__ import annotations

import random
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens.people import counting, find_people
from hoaxlens.people.counting import count_spaced
from hoaxlens.people.gazetteer import load_gazetteer

_FIRST = ["Derek", "Anna", "John", "Carrie", "Mary", "James", "Linda", "Kate", "Tom", "Emma"]
SECONDS = 3.0  # CPU; each case takes about 0.3 s; before issue 15 the first took about 50 s


def _surname(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(
        rng.choices(string.ascii_lowercase, k=rng.randint(3, 8))
    )


def _document(kind: str, size: int) -> str:
    rng = random.Random(7)  # noqa: S311 - a fixed, reproducible document
    parts: list[str] = []
    while size > 0:
        first, other = rng.choice(_FIRST), rng.choice(_FIRST)
        if kind == "sentences":  # one distinct person per sentence, one sentence a line
            parts.append(f"Then {first} {_surname(rng)} spoke to {other} {_surname(rng)}.\n")
        elif kind == "one-line":  # the same, on one line
            parts.append(f"then {first} {_surname(rng)} spoke, ")
        elif kind == "headlines":  # title-case lines only
            parts.append(f"{first} {_surname(rng)} Stuns {other} {_surname(rng)} Today\n")
        else:  # one run of capitalized words
            parts.append(_surname(rng) + " ")
        size -= len(parts[-1])
    return "".join(parts)


@pytest.mark.parametrize("kind", ["sentences", "one-line", "headlines", "capitalized-run"])
def test_many_distinct_names_are_fast(kind):
    text = _document(kind, 100_000)
    load_gazetteer()
    started = time.process_time()  # CPU time: a guard against quadratic work, not a timing
    found = find_people(text, "Derek Hough Stuns Fans")
    assert time.process_time() - started < SECONDS
    assert 0 < len(found) <= 8


def test_names_past_the_candidate_cap_do_not_displace_the_lead():
    rng = random.Random(1)  # noqa: S311 - a fixed, reproducible crowd
    crowd = " ".join(f"Then Anna {_surname(rng)} spoke." for _ in range(3_000))
    text = "Derek Hough fell. Derek Hough rose. " + crowd
    assert find_people(text, "Derek Hough Stuns Fans")[0] == "Derek Hough"


_PIECES = st.sampled_from(["Ann", "Lee", "Jo", "a", " ", " ", "\n", "An", "nn"])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_PIECES, max_size=30).map("".join),
    st.lists(st.lists(_PIECES, min_size=1, max_size=6).map("".join), max_size=6),
    st.integers(0, 12),
)
def test_count_spaced_counts_as_str_count(text, names, start):
    names = [n for n in names if n.find(" ") > 0]
    starts = dict.fromkeys(names[::2], start)
    counts = count_spaced(text, names, starts)
    assert {n: counts[n] for n in names} == {n: text.count(n, starts.get(n, 0)) for n in names}


@pytest.mark.parametrize("budget", [0, 10**9], ids=["space-by-space", "by-first-word"])
@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=40).map("".join),
    st.lists(st.lists(_PIECES, min_size=1, max_size=6).map("".join), max_size=12),
    st.integers(0, 12),
)
def test_both_passes_over_many_names_count_as_str_count(budget, text, names, start):
    names = [n for n in names if n.find(" ") > 0]
    starts = dict.fromkeys(names[::2], start)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counting, "DIRECT_NAMES", 0)  # no name counted by str.count itself
        patch.setattr(counting, "FIND_BUDGET", budget)
        counts = count_spaced(text, names, starts)
    assert {n: counts[n] for n in names} == {n: text.count(n, starts.get(n, 0)) for n in names}


def test_a_multi_megabyte_document_is_read_up_to_the_text_bound():
    # Issue 15: past MAX_TEXT characters a document is a dump, not a story; the names of
    # its opening are found and the rest costs nothing.
    from hoaxlens.people.names import MAX_TEXT

    opening = "Derek Hough fell. Derek Hough rose.\n"
    text = opening + _document("sentences", 2 * MAX_TEXT)
    started = time.process_time()
    found = find_people(text, "Derek Hough Stuns Fans")
    assert time.process_time() - started < SECONDS
    assert found[0] == "Derek Hough"
    # A name said often enough to lead a story is not read past the bound.
    late = "Then Anna Quuxley spoke.\n" * 50
    assert find_people(late)[0] == "Anna Quuxley"
    assert "Anna Quuxley" not in find_people(text + late)

"""Pages of thousands of lines that each asked a page-sized question are read in linear time.

Four look-ups in extraction cost lines x page at 7e08dfa: whether each capitals line
between paragraphs is one of the page's link texts (every link asked: 12,000 lines under
12,000 menu links, 44-47 s of CPU), whether each transcript "LEE:" answer holds a link
text (12,000 answers, 63 s), the names told before each "Next story:" heading (every
earlier block read again: 2,500 headings, 46 s), and whether each extract line is in the
story container's text (the whole text searched per line: 40,000 lines, 38 s). Linear,
the same pages take 0.9-1.9 s on two busy cores. Each page runs in a child process with
a limit on its CPU time (``tests/cpuchild.py``).
"""

from __future__ import annotations

import random

import pytest

from cpuchild import extract_cpu
from hoaxlens.extract import page
from hoaxlens.extract.farm import _LinkTexts

CPU_SECONDS = 10.0

_BUILD = """
title = "Harbour Dredging Will Resume In Spring"
menu = ""
if case == "caps":  # a capitals line between paragraphs, many menu links, none of them
    items = "".join(
        f"<p>HARBOUR BOARD SPEAKS OUT ABOUT ITEM {i}</p>"
        f"<p>The board met on item {i} of the agenda and voted after a long debate.</p>"
        for i in range(count)
    )
    menu = "".join(f"<li><a href='/s/{i}'>Another linked story {i}</a></li>" for i in range(count))
elif case == "speakers":  # a transcript's "LEE:" answers, many menu links, none in them
    items = "".join(
        f"<p>LEE: We met on item {i} of the agenda and voted after a long debate.</p>"
        for i in range(count)
    )
    menu = "".join(f"<li><a href='/s/{i}'>Another linked story {i}</a></li>" for i in range(count))
elif case == "pasted":  # "Next story:" headings, each over prose naming the story's man
    lines = [line + " Daniel Brooks said so." for line in lines]
    items = "".join(
        f"<h2>Next story: Daniel Brooks Visits The Harbour Number {i}</h2>"
        + "".join(
            f"<p>Then the pilot told Daniel Brooks about part {i}-{j} of the long survey.</p>"
            for j in range(3)
        )
        for i in range(count)
    )
else:  # "trim": many short paragraphs in the container
    items = "".join(f"<p>Item {i} {'x' * 40}</p>" for i in range(count))
story = (
    f"<article><h1>{title}</h1><div class='body'>"
    + "".join(f"<p>{p}</p>" for p in lines)
    + items
    + "</div></article>"
)
head = f"<title>{title} | Harbour News</title>"
page = f"<head>{head}</head><body><ul class='menu'>{menu}</ul><main>{story}</main></body>"
content = f"<!DOCTYPE html><html>{page}</html>"
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "count"),
    [
        pytest.param("caps", 12_000, id="capitals-lines-x-links"),
        pytest.param("speakers", 12_000, id="speaker-answers-x-links"),
        pytest.param("pasted", 2_500, id="next-story-headings-x-names"),
        pytest.param("trim", 40_000, id="extract-lines-x-container-text"),
    ],
)
def test_many_lines_are_read_in_linear_time(case: str, count: int) -> None:
    outcome, cpu = extract_cpu(_BUILD, case, count)
    assert outcome == "extracted"
    assert cpu < CPU_SECONDS, (
        f"extract_article took {cpu:.1f} s of CPU on {count:,} {case} lines "
        f"(limit {CPU_SECONDS} s): quadratic in the lines?"
    )


def test_link_texts_answer_as_every_link_asked() -> None:
    """``_LinkTexts.any_in`` is ``any(len(t) >= shortest and t in line ...)`` (either way)."""
    rng = random.Random(7)  # noqa: S311 (test data, not secrets)
    for _ in range(300):
        links = frozenset(
            "".join(rng.choice("ab c") for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(0, 40))
        )
        grouped = _LinkTexts(links)
        for _ in range(10):
            line = "".join(rng.choice("ab c") for _ in range(rng.randint(0, 30)))
            shortest = rng.randint(0, 15)
            expected = any(len(t) >= shortest and t in line for t in links)
            assert grouped.any_in(line, shortest) is expected, (line, shortest, sorted(links))


def test_container_lines_are_found_as_by_search() -> None:
    """``page._inside_story`` is ``bool(line) and line in story``, lines in any order."""
    rng = random.Random(11)  # noqa: S311 (test data, not secrets)
    for _ in range(300):
        story = "".join(rng.choice("abc") for _ in range(rng.randint(0, 60)))
        lines = ["".join(rng.choice("abcd") for _ in range(rng.randint(0, 4))) for _ in range(12)]
        expected = [bool(line) and line in story for line in lines]
        assert page._inside_story(lines, story) == expected, (story, lines)


def test_lines_out_of_order_stop_the_trim() -> None:
    """Re-reads past ``MAX_TRIM_SCAN`` characters leave the extract as it is (None)."""
    lines = [f"Item{i}" + "x" * 40 for i in range(20_000)]
    story = "".join(lines)
    assert page._inside_story(lines, story) == [True] * len(lines)
    assert page._inside_story(lines[::-1], story) is None

"""Pages of thousands of headings, title hints or rail headings are extracted in linear time.

Three look-ups asked something of the whole page once per heading: where each heading named
by the title's first part stands (``list.index``) and which story containers lie above it;
whether each ``<meta name="twitter:title">`` names each heading; and, in the farm-furniture
pass, how many teaser lines follow each "Related Posts" line. Each cost headings x page at
2a586d4: 40,000 headings of the site's name took 52 s, 4,000 hints over 4,000 headings 9 s,
8,000 "Related Posts" lines 13-17 s (16,000: four times that). Each page runs in a child
process with a limit on its CPU time (``tests/cpuchild.py``), so a busy machine does not
fail a linear extractor.
"""

from __future__ import annotations

import pytest

from cpuchild import extract_cpu

# CPU seconds of extract_article itself. The linear runs of the pages below took 0.3-2.3 s
# on two busy cores; the quadratic ones (2a586d4) 17 s to over a minute.
CPU_SECONDS = 10.0

_BUILD = """
story = "<article><div class='body'>" + "".join(f"<p>{p}</p>" for p in lines) + "</div></article>"
head = "<title>Celeb Buzz Daily | Harbour Dredging Will Resume</title>"
items = ""
if case == "first-part":  # the title's first part (the site's name) over every card
    items = "<h2>Celeb Buzz Daily</h2>" * count
elif case == "hints":  # a distinct twitter:title per card, none naming a heading
    head += "".join(f"<meta name='twitter:title' content='Hint {i} of many'>" for i in range(count))
    items = "".join(
        f"<div><h2>Heading {i} here</h2><p>Item {i} words here and there.</p></div>"
        for i in range(count)
    )
page = f"<head>{head}</head><body><main>{story}{items}</main></body>"
content = f"<!DOCTYPE html><html>{page}</html>"
if case == "rails":  # "Related Posts" over every paragraph of a long tail, as text
    rail = "".join(
        f"Related Posts\\n\\nThe council voted on item {i} of the agenda after a long debate "
        "about the budget and the roads.\\n\\n"
        for i in range(count)
    )
    content = "Harbour Dredging To Resume\\n\\n" + "\\n\\n".join(lines) + "\\n\\n" + rail
    media = MediaType.TEXT
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "count"),
    [
        pytest.param("first-part", 40_000, id="first-part-headings"),
        pytest.param("hints", 12_000, id="title-hints"),
        pytest.param("rails", 16_000, id="rail-headings"),
    ],
)
def test_many_headings_are_read_in_linear_time(case: str, count: int) -> None:
    outcome, cpu = extract_cpu(_BUILD, case, count)
    assert outcome == "extracted"
    assert cpu < CPU_SECONDS, (
        f"extract_article took {cpu:.1f} s of CPU on {count:,} {case} units "
        f"(limit {CPU_SECONDS} s): quadratic in the headings?"
    )

"""Pages of many children or deep nesting are extracted in linear time.

Each case below cost children squared or depth x page at 7e08dfa. resiliparse's
``child_nodes`` list costs its element's children squared (500 children 0.9 s, 2,000
14 s), and two passes listed it: ruby flattening (one ``<br>``-broken paragraph of ruby
words) and the move of a streamed React part to its placeholder (one part of many
paragraphs). Story lists (``prune._story_list``) each read the text of all the items
below them: lists nested 200 deep around 2,000 items took 25 s. Each page runs in a
child process with a limit on its CPU time (``tests/cpuchild.py``), so a busy machine
does not fail a linear extractor.
"""

from __future__ import annotations

import pytest

from cpuchild import extract_cpu
from hoaxlens.extract import markers, prune

# CPU seconds of extract_article itself. The linear runs of the pages below took under
# 1 s on two busy cores; the quadratic ones (7e08dfa) 30 s to over a minute.
CPU_SECONDS = 10.0

_BUILD = """
inner = extra = ""  # inside the story container, after its paragraphs; after the story
if case == "nested-li":  # lists nested count // 10 deep, count items in the innermost
    depth = count // 10
    inner = "<ul><li>x" * depth + "".join(
        f"<li>Item {i} of the list, a short line of words.</li>" for i in range(count)
    ) + "</li></ul>" * depth
elif case == "ruby":  # one paragraph of ruby words, each line ended by <br>
    extra = "<p>" + "<ruby>子<rt>こ</rt></ruby>x<br>" * count + "</p>"
elif case == "streamed":  # one streamed part of many paragraphs, moved to its placeholder
    extra = '<template id="B:1"></template><p>Loading</p><!--/$-->'
    extra += '<div hidden id="S:1">' + "".join(
        f"<p>Streamed line {i} of the notes.</p>" for i in range(count)
    ) + "</div>"
elif case != "nested-li":
    raise ValueError(case)
story = "<article><h1>Harbour Dredging Will Resume</h1><div class='body'>"
story += "".join(f"<p>{p}</p>" for p in lines) + inner + "</div></article>"
head = "<head><title>Harbour Dredging Will Resume | Port News</title></head>"
content = f"<!DOCTYPE html><html>{head}<body><main>{story}{extra}</main></body></html>"
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "count"),
    [
        pytest.param("ruby", 1_400, id="ruby-breaks"),
        pytest.param("streamed", 4_000, id="streamed-children"),
        pytest.param("nested-li", 2_500, id="nested-lists"),
    ],
)
def test_many_children_or_deep_nesting_are_read_in_linear_time(case: str, count: int) -> None:
    outcome, cpu = extract_cpu(_BUILD, case, count)
    assert outcome == "extracted"
    assert cpu < CPU_SECONDS, (
        f"extract_article took {cpu:.1f} s of CPU on {count:,} {case} units "
        f"(limit {CPU_SECONDS} s): quadratic in the children or the depth?"
    )


def test_headline_word_bound_of_nested_lists() -> None:
    """``prune._HEADLINE_WORDS`` assumes ``is_headline``'s 24 words and 80-character tails."""
    assert markers._TAIL_WINDOW <= 80
    assert markers.is_headline(" ".join(["Word"] * 24))
    assert not markers.is_headline(" ".join(["Word"] * 25))
    assert prune._HEADLINE_WORDS >= 24 + 2 * (80 // 2) + 1

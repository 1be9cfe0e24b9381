"""Pages of thousands of furniture elements are extracted in linear time.

The story blocks left after pruning, the sign-up boxes outside planned furniture and the
second-story look-up all ask which furniture elements hold a node. Asked of every element
in turn, that cost nodes x furniture: 20,000 ``<div class="related">`` beside the story
took 41 s (10,000: 8 s). Each page runs in a child process, and the limit is on the
child's CPU time for the call, not on wall time, so a busy machine does not fail a linear
extractor (the same scheme as tests/normalize/test_properties.py's adversarial cases).
"""

from __future__ import annotations

import json

import pytest

from cpuchild import child_cpu, run_child

# CPU seconds of extract_article itself. Linear runs of the pages below took 2.7 s and 1.1 s
# of CPU on two busy cores (the trafilatura fallback included); the quadratic ones 27 s and
# 32 s (59a8b93), so a machine twice as fast as that still fails them.
CPU_SECONDS = 10.0
WALL_SECONDS = 180.0  # only a hang guard: the CPU limit is the test
ITEMS = 20_000  # 80,040 tags as limits.check_markup counts them (limit: MAX_TAGS, 120,000)

_CHILD = """
import json, sys, time
from hoaxlens.extract import extract_article
from hoaxlens.types import MediaType, RawDocument
where, unit, count = json.loads(sys.argv[1])
story = "<article><h1>Harbour Dredging To Resume In Spring</h1><div class='body'>" + "".join(
    f"<p>Paragraph {i}: the harbour authority said that dredging of the northern channel "
    "would resume in spring after a long pause for the survey.</p>"
    for i in range(12)
)
items = "".join(unit.format(i=i) for i in range(count))
if where == "inside":  # in the story's own text block
    main = story + items + "</div></article>"
else:  # beside the story
    main = story + "</div></article>" + items
html = f"<!DOCTYPE html><html><head><title>t</title></head><body><main>{main}</main></body></html>"
raw = RawDocument(id="scale", content=html, media_type=MediaType.HTML, source="t.html")
started = time.process_time()
body = extract_article(raw).body
cpu = time.process_time() - started
assert "Paragraph 11: the harbour authority" in body, body[:300]
print(len(html), len(body), cpu)
"""


def _extract_in_child(where: str, unit: str, count: int) -> float:
    """CPU seconds that ``extract_article`` took on the page, in a child process."""
    argument = json.dumps([where, unit, count])
    return child_cpu(run_child(_CHILD, argument, wall_seconds=WALL_SECONDS, what="extract_article"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "unit"),
    [
        # the reviewer's page: rail items beside the story, inside the story's <main>
        pytest.param("beside", "<div class='related'><p>Story {i}</p></div>", id="related"),
        # share bars inside the story's own text block
        pytest.param("inside", "<div class='share'><p>Share {i}</p></div>", id="share-inside"),
    ],
)
def test_many_furniture_elements_are_pruned_in_linear_time(where: str, unit: str) -> None:
    cpu = _extract_in_child(where, unit, ITEMS)
    assert cpu < CPU_SECONDS, (
        f"extract_article took {cpu:.1f} s of CPU on {ITEMS} furniture elements "
        f"(limit {CPU_SECONDS} s): quadratic in the furniture?"
    )

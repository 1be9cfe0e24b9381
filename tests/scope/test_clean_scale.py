"""The code-statement cleaner reads a long text in linear time.

For each candidate ("=", "(", "||", "&&") ``_remove_code`` looked back to the text's start
and on to its end for the segment's ";" and line break: where one of them was missing,
every candidate read the whole text (4 MB of "a = b" lines without ";": 8 s at 8e4a339).
A title is cleaned whole when the body is short, so a library or scan caller could reach
it. The cleaner runs in a child process with a limit on its CPU time.
"""

from __future__ import annotations

import json

import pytest

from cpuchild import child_cpu, run_child
from hoaxlens.scope.clean import _remove_code

CPU_SECONDS = 5.0  # linear: under 2 s for 8 MB on two busy cores (8e4a339: 8 s for 4 MB, quadratic)

_CHILD = """
import json, sys, time
from hoaxlens.scope.clean import _remove_code
unit, count = json.loads(sys.argv[1])
text = unit * count
started = time.process_time()
_remove_code(text)
print(time.process_time() - started)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("the X said a = b today\n", id="lines-without-semicolons"),
        pytest.param("the X said a = b today;", id="semicolons-without-lines"),
    ],
)
def test_code_candidates_are_read_in_linear_time(unit: str) -> None:
    output = run_child(_CHILD, json.dumps([unit, 350_000]), wall_seconds=240, what="_remove_code")
    cpu = child_cpu(output)
    assert cpu < CPU_SECONDS, f"_remove_code took {cpu:.1f} s of CPU on 8 MB: quadratic?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She smiled; var x = 1;\nthen left (quietly).",
            ("She smiled; ;\nthen left (quietly).", 1),
        ),
        ("a = b\nvar y = 2; if (x) {", (" \n ; if (x) {", 2)),
        ("no code here", ("no code here", 0)),
    ],
)
def test_code_segments_are_found_between_separators(text: str, expected: tuple[str, int]) -> None:
    assert _remove_code(text) == expected

"""Run a piece of test code in a child process and read the CPU time it reports.

Super-linear-time tests (``tests/normalize/test_properties.py``'s adversarial cases,
``tests/extract/test_furniture_scale.py``) run the call under test in a child, so that a
quadratic path fails at its limit instead of hanging the suite. The child prints its own
``time.process_time()`` for the call last on its output: the limit is on CPU, not on wall
time, so a busy machine does not fail a linear implementation.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run_child(code: str, argument: str, *, wall_seconds: float, what: str) -> str:
    """The child's output (``code`` run with ``argument`` as ``sys.argv[1]``).

    Fails the test if the child runs past ``wall_seconds`` (a hang guard) or exits non-zero.
    """
    try:
        done = subprocess.run(  # noqa: S603  (our own interpreter, fixed code)
            [sys.executable, "-c", code, argument],
            capture_output=True,
            text=True,
            timeout=wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish within {wall_seconds} s")
    assert done.returncode == 0, done.stderr
    return done.stdout


def child_cpu(output: str) -> float:
    """The CPU seconds a child printed last."""
    return float(output.split()[-1])


# A page-scale test's child: ``build`` (top-level code) makes the page ``content`` from
# ``case`` and ``count``, around the ``lines`` of a story the extract must keep; ``media``
# may name another media type. The child prints the outcome ("extracted", or the error type
# of a refused page), the page's length and the CPU seconds of ``extract_article``.
_EXTRACT_CHILD = """
import json, sys, time
from hoaxlens.errors import ExtractError
from hoaxlens.extract import extract_article
from hoaxlens.types import MediaType, RawDocument
case, count = json.loads(sys.argv[1])
media = MediaType.HTML
lines = [
    f"Paragraph {i}: the harbour authority said that dredging of the northern channel "
    "would resume in spring after a long pause for the survey."
    for i in range(12)
]
BUILD
raw = RawDocument(id="scale", content=content, media_type=media, source="scale")
started = time.process_time()
try:
    body = extract_article(raw).body
    assert "Paragraph 11: the harbour authority" in body, body[:300]
    outcome = "extracted"
except ExtractError as error:
    outcome = error.error_type
print(outcome, len(content), time.process_time() - started)
"""
EXTRACT_WALL_SECONDS = 240.0  # only a hang guard: the CPU limit is each test's


def extract_cpu(build: str, case: str, count: int) -> tuple[str, float]:
    """The outcome and CPU seconds of ``extract_article`` on the page ``build`` makes."""
    code = _EXTRACT_CHILD.replace("BUILD", build)
    output = run_child(
        code, json.dumps([case, count]), wall_seconds=EXTRACT_WALL_SECONDS, what="extract_article"
    )
    return output.split()[-3], child_cpu(output)

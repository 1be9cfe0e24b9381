"""Run a piece of test code in a child process and read the CPU time it reports.

Super-linear-time tests (``tests/normalize/test_properties.py``'s adversarial cases,
``tests/extract/test_furniture_scale.py``) run the call under test in a child, so that a
quadratic path fails at its limit instead of hanging the suite. The child prints its own
``time.process_time()`` for the call last on its output: the limit is on CPU, not on wall
time, so a busy machine does not fail a linear implementation.
"""

from __future__ import annotations

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

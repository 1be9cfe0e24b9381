"""Hostile export files are read in linear time, and one bad record costs one record.

- JSONL: the nesting-depth check (``records.json_depth``, run on lines with more brackets
  than ``max_json_depth``) cut strings out with a regex that, on a string never closed and
  full of escaped quotes, scanned from every quote to the line's end: 20,000 ``\\"`` took
  7.5 s at 8e4a339, 60,000 over a minute.

Each case runs in a child process with a limit on its CPU time (``tests/cpuchild.py``), so
a busy machine does not fail a linear reader.
"""

from __future__ import annotations

import json

import pytest

from cpuchild import child_cpu, run_child

# CPU seconds of the read itself; the linear runs below take well under a second.
CPU_SECONDS = 10.0
WALL_SECONDS = 240.0  # only a hang guard

_JSONL_DEPTH_CHILD = """
import sys, time
from hoaxlens.errors import IngestError
from hoaxlens.ingest.records import parse_json_line
count = int(sys.argv[1])
line = '{"text":"' + '\\\\"' * count + '[' * 200
started = time.process_time()
try:
    parse_json_line(line, source="x.jsonl#L1")
    outcome = "read"
except IngestError as error:
    outcome = error.error_type
print(outcome, time.process_time() - started)
"""


@pytest.mark.slow
def test_unclosed_string_of_escaped_quotes_is_depth_checked_in_linear_time() -> None:
    output = run_child(
        _JSONL_DEPTH_CHILD, json.dumps(60_000), wall_seconds=WALL_SECONDS, what="json_depth"
    )
    # The brackets after the unclosed string count (as they always did): too deep.
    assert output.split()[0] == "too_deep"
    assert child_cpu(output) < CPU_SECONDS, output

"""Hostile export files are read in linear time, and one bad record costs one record.

- JSONL: the nesting-depth check (``records.json_depth``, run on lines with more brackets
  than ``max_json_depth``) cut strings out with a regex that, on a string never closed and
  full of escaped quotes, scanned from every quote to the line's end: 20,000 ``\\"`` took
  7.5 s at 8e4a339, 60,000 over a minute.
- CSV: a row whose quoted cell is never closed is an error row and the lines it swallowed
  are read again as rows; when each of those rows opened a cell running to the end again,
  the rest of the file was read once per line (16,000 lines: 31 s at 8e4a339). Re-reading
  is now bounded by the file's size (``CSV_REREAD_SLACK`` over it), and the rows after a
  swallowing row that ends before the file does are read (at 8e4a339 they were lost).
- JSON arrays: an int over CPython's 4,300 digits made ``json.loads`` raise, and the whole
  ``.json`` file was one ``ValueError`` row; now the object holding it is one
  ``number_too_long`` row and the others are read.

The two scale cases run in a child process with a limit on its CPU time (``tests/cpuchild.py``), so
a busy machine does not fail a linear reader.
"""

from __future__ import annotations

import json

import pytest

from cpuchild import child_cpu, run_child
from hoaxlens.ingest import read_documents
from rowshape import shape

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


_CSV_QUOTES_CHILD = """
import json, sys, time
from pathlib import Path
from hoaxlens.ingest import read_documents
count, name = json.loads(sys.argv[1])
path = Path(name)
# Each line opens a quoted cell that runs to the end of the file ('a","'): every row read
# again swallows the rest once more.
path.write_text("text\\n" + 'a","\\n' * count + '"\\n', encoding="utf-8")
started = time.process_time()
items = list(read_documents([path]))
cpu = time.process_time() - started
kinds = sorted({getattr(item, "error_type", "doc") for item in items})
print(",".join(kinds), items[-1].message.split("; ")[-1].replace(" ", "_"), len(items), cpu)
"""


@pytest.mark.slow
def test_csv_of_open_quotes_on_every_line_is_read_in_linear_time(tmp_path) -> None:
    path = tmp_path / "quotes.csv"
    argument = json.dumps([24_000, str(path)])
    output = run_child(_CSV_QUOTES_CHILD, argument, wall_seconds=WALL_SECONDS, what="read_csv")
    assert child_cpu(output) < CPU_SECONDS, output
    kinds, last, items = output.split()[:3]
    assert kinds == "bad_csv"
    # The last error row says its lines are not read again: nothing is lost unsaid.
    assert last.startswith("its_lines_(to_L24002)_are_not_read_again")
    assert int(items) < 100


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        pytest.param(
            # r1's cell opens a quote that 'b"c"' closes: two lines, three quotes. The
            # line after it is read again; then reading goes on with r3 and r4.
            'id,text\nr1,"a\nb"c"\nr3,x\nr4,y\n',
            [("L2", "bad_csv"), ("L3", "no_text"), ("L4", "doc"), ("L5", "doc")],
            id="rows-after-a-swallowing-row-that-ends",
        ),
        pytest.param(
            # A few lines of open quotes: read again as before, one row each.
            "text\n" + 'a","\n' * 5 + '"\n',
            [(f"L{n}", "bad_csv") for n in range(2, 7)] + [("L7", "doc")],
            id="few-nested-open-quotes-read-again",
        ),
    ],
)
def test_csv_rows_after_a_stray_quote_are_read(make_tree, csv_text, expected) -> None:
    root = make_tree({"posts.csv": csv_text})
    assert shape(list(read_documents([root]))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '[{"text": "first"}, {"text": "second", "n": ' + "7" * 5_000 + '}, {"text": "third"}]',
            [("I1", "doc"), ("I2", "number_too_long"), ("I3", "doc")],
            id="array",
        ),
        pytest.param(
            '{"data": [{"text": "a", "deep": [[{"n": -' + "1" * 4_400 + '}]]}, {"text": "b"}]}',
            [("I1", "number_too_long"), ("I2", "doc")],
            id="response-page-nested",
        ),
        pytest.param(
            '[{"text": "a"}, ' + "9" * 4_301 + "]",
            [("I1", "doc"), ("I2", "number_too_long")],
            id="bare-number-item",
        ),
    ],
)
def test_json_array_int_over_cpythons_limit_costs_its_object(make_tree, text, expected) -> None:
    root = make_tree({"posts.json": text})
    items = list(read_documents([root]))
    assert shape(items) == expected
    errors = [i for i in items if getattr(i, "error_type", "") == "number_too_long"]
    assert all("over CPython's limit of" in e.message for e in errors)

"""Every poison from the hostile-input probe in one scan: one row each, exit 3, resumable.

The probe (issue 15) found lines that killed a whole scan and blocked ``--resume``: a lone
surrogate, a 5,000-digit number, 100,000 nested arrays. Here they sit among ordinary
posts with the other hostile families (a backtracking share line, a page of attributes,
``{}`` lines, blank lines, NaN), and the scan must write exactly one record per input
record in every format, exit 3, and finish a run killed with ``kill -9``.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_resume import _run_with_kills

from hoaxlens.batch.synthetic import generate, write_jsonl
from hoaxlens.cli import cli

POISON = [
    '{"id": "surrogate", "text": "A lone \\ud800 surrogate in a story about a kind singer."}',
    '{"id": "long-number", "text": "x", "views": ' + "9" * 5_000 + "}",
    '{"id": "deep", "text": "x", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "[" * 100_000 + "]" * 100_000,
    "{}",
    "{}",
    "not json at all",
    '{"id": "nan", "text": NaN}',
    json.dumps({"id": "share-line", "text": "Story.\n" + "share x " * 40 + "?\n"}),
    json.dumps({"id": "attributes", "html": "<div " + 'a="1" ' * 20_000 + ">Hi</div>"}),
    json.dumps({"id": "caps", "text": "Star " * 20_000}),
]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    root = tmp_path_factory.mktemp("poison")
    write_jsonl(root / "a_good.jsonl", list(generate(40, seed=3)))
    lines = []
    for i, line in enumerate(POISON):
        lines.append(line)
        lines.append("")  # blank lines are not records
        lines.append(json.dumps({"id": f"good-{i}", "text": f"Post {i}: the council met."}))
    (root / "b_poison.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, 40 + 2 * len(POISON)


def _ids(records):
    return [r["id"] for r in records]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_poison_gives_one_row_and_the_scan_finishes(poisoned, tmp_path, fmt):
    root, expected = poisoned
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["scan", "-w", "2", str(root), "-o", str(out)])
    assert result.exit_code == 3, result.output  # finished, with error rows
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        import csv

        with out.open(encoding="utf-8", newline="") as stream:
            records = list(csv.DictReader(stream))
    else:
        records = pq.read_table(out).to_pylist()
    assert len(records) == expected
    good = [r for r in _ids(records) if str(r).startswith("good-")]
    assert len(good) == len(POISON)  # every good line after a poison one kept its verdict
    if fmt == "jsonl":
        by_id = {r["id"]: r for r in records}
        assert by_id["surrogate"]["error"] is None  # replaced with U+FFFD, noted, analysed
        assert by_id["surrogate"]["meta"]["ingest_surrogates_replaced"] == "1"
        errors = [r["error"] for r in records if r["error"]]
        assert all(e["stage"] and e["type"] and e["message"] for e in errors)


@pytest.mark.slow  # kills a real scan twice: ~20 s
def test_a_poisoned_run_killed_resumes_to_the_uninterrupted_output(poisoned, tmp_path):
    root, expected = poisoned
    reference = tmp_path / "reference.jsonl"
    result = CliRunner().invoke(cli, ["scan", "-w", "1", str(root), "-o", str(reference)])
    assert result.exit_code == 3, result.output
    run_dir = tmp_path / "run"
    _run_with_kills([str(root)], run_dir, seed=7)
    resumed = (run_dir / "output.jsonl").read_bytes()
    assert resumed == reference.read_bytes()
    assert len(resumed.splitlines()) == expected

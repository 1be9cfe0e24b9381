"""Local batch: parallel output equals serial output; formats; progress; bad-fraction gate."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from hoaxlens.analyzer import Analyzer
from hoaxlens.batch.synthetic import generate, write_html_jsonl, write_jsonl
from hoaxlens.cli import cli
from hoaxlens.ingest import read_documents
from hoaxlens.output import to_record
from hoaxlens.output.arrow import RECORD_FIELDS, full_record, records_to_batch, row_to_record

CHUNK = ["--chunk-size", "8"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 text posts, 12 farm pages, a malformed line, plus the mixed fixture folder."""
    root = tmp_path_factory.mktemp("batch")
    docs = list(generate(72, seed=8))
    write_jsonl(root / "posts.jsonl", docs[:60])
    with (root / "posts.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    write_html_jsonl(root / "pages.jsonl", docs[60:])
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def expected(corpus):
    """The records a plain in-process loop gives: the reference for every format."""
    analyzer = Analyzer()
    return [to_record(analyzer.analyze_one(item)) for item in read_documents([corpus])]


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_scan_workers_give_the_serial_records_in_input_order(corpus, expected, workers):
    result = CliRunner().invoke(
        cli, ["scan", "-w", workers, *CHUNK, "--format", "jsonl", str(corpus)]
    )
    assert result.exit_code == 3, result.output  # the malformed line and the empty file
    records = _jsonl(result.stdout)
    assert records == expected
    assert len(records) == 74
    # sorted folder: empty.txt, pages.jsonl (12), posts.jsonl (60 + the malformed line)
    assert records[0]["error"]["type"] == "empty_document"
    assert [r["id"] for r in records[1:13]] == [f"syn-{i:07d}" for i in range(60, 72)]
    assert [r["id"] for r in records[13:73]] == [f"syn-{i:07d}" for i in range(60)]
    assert records[73]["error"]["type"] == "malformed_json"
    assert "2 of 74 records could not be analysed" in result.stderr


def test_scan_parquet_output_has_the_jsonl_records(corpus, expected, tmp_path):
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(cli, ["scan", "-w", "2", *CHUNK, str(corpus), "-o", str(out)])
    assert result.exit_code == 3, result.output
    rows = pq.read_table(out).to_pylist()
    assert [row_to_record(r) for r in rows] == [full_record(r) for r in expected]
    assert pq.read_schema(out).names == list(RECORD_FIELDS)


def test_scan_csv_from_workers_matches_serial(corpus, tmp_path):
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.csv"
        result = CliRunner().invoke(
            cli, ["scan", "-w", workers, *CHUNK, str(corpus), "-o", str(out)]
        )
        assert result.exit_code == 3, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].startswith(b"id,source,url,title,label,score")
    assert outs[0].count(b"\r\nsyn-") + outs[0].count(b'\r\n"syn-') >= 70


def test_every_record_field_is_in_the_parquet_schema(expected):
    fields = set().union(*(r.keys() for r in expected))
    assert fields <= set(RECORD_FIELDS)
    assert records_to_batch(expected).num_rows == len(expected)


def test_max_bad_fraction_fails_the_run_loudly(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["scan", "-w", "1", "--max-bad-fraction", "0.01", str(corpus), "-o", str(out)]
    result = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-c", "from hoaxlens.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "2 of 74 records (2.7%) are error rows, over --max-bad-fraction 0.01" in result.stderr
    assert "ingest/malformed_json x1" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 74  # every record written


def test_max_bad_fraction_within_limit_keeps_the_usual_exit(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["scan", "-w", "1", "--max-bad-fraction", "0.05", str(corpus), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 3
    assert "2 of 74 records could not be analysed" in result.stderr


def test_progress_shows_rate_and_eta_when_asked(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scan", "--progress", "-w", "1", str(corpus), "-o", str(out)])
    assert result.exit_code == 3
    assert "docs/s" in result.stderr
    assert "ETA" in result.stderr
    assert "74/74" in result.stderr


def test_no_progress_when_stderr_is_not_a_terminal(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scan", "-w", "1", str(corpus), "-o", str(out)])
    assert "docs/s" not in result.stderr

"""Spark executors apply the per-document budget as the local scan does.

``analyze_files`` is what each Spark partition runs (a plain function of Arrow batches, no
pyspark needed), so it is tested directly: a document over the budget becomes its
``analyze_timeout`` row, the others keep the records the local scan gives them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pyarrow as pa
import pytest

import slowpoke
from hoaxlens.batch import BatchOptions, run_batch
from hoaxlens.batch.budget import NO_BUDGET, Budget
from hoaxlens.batch.synthetic import generate
from hoaxlens.output.arrow import row_to_record
from hoaxlens.spark.partitions import SEQ, analyze_files

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    "html", [pytest.param(False, id="text-in-process"), pytest.param(True, id="html-in-a-worker")]
)
def test_a_partition_gives_a_document_over_budget_one_timeout_row(tmp_path: Path, html: bool):
    small = list(generate(4, seed=9))
    key = "html" if html else "text"
    wrap = (lambda t: f"<html><body><article><p>{t}</p></article></body></html>") if html else str
    lines = [{"id": d.id, key: wrap(d.text)} for d in small]
    lines.insert(1, {"id": "big", key: wrap(slowpoke.big_story())})
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    units = pa.RecordBatch.from_pydict({"seq": [0], "path": [str(posts)]})
    batches = list(analyze_files(iter([units]), config=_config(), budget=Budget(0.2, 0.5)))
    rows = [row for b in batches for row in b.to_pylist()]
    assert [r[SEQ] for r in rows] == list(range(len(lines)))
    records = [row_to_record({k: v for k, v in r.items() if k != SEQ}) for r in rows]
    assert [r["id"] for r in records] == [x["id"] for x in lines]
    assert records[1]["error"]["type"] == "analyze_timeout"
    out = tmp_path / "local.jsonl"
    run_batch(BatchOptions(paths=(str(posts),), fmt="jsonl", output=out, budget=NO_BUDGET))
    local = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert records[:1] + records[2:] == local[:1] + local[2:]


def _config():
    from hoaxlens.analyzer import AnalyzerConfig

    return AnalyzerConfig()

"""spark-scan on local[2]: the same records as the local scan, the same clusters as local.

One SparkSession for the module (starting one costs seconds); one Spark job runs the scan
and the clustering, and each test checks one thing a user would compare.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from hoaxlens.batch.synthetic import generate, write_html_jsonl, write_jsonl
from hoaxlens.cli import cli
from hoaxlens.output.arrow import full_record, row_to_record

pytest.importorskip("pyspark", reason="spark-scan needs the 'spark' extra")
if shutil.which("java") is None:
    pytest.skip("spark-scan needs Java 17 on PATH", allow_module_level=True)

pq = pytest.importorskip("pyarrow.parquet")

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Posts (name-swapped copies of four templates), farm pages, a WARC, bad records."""
    root = tmp_path_factory.mktemp("spark_in")
    docs = list(generate(48, seed=11))
    write_jsonl(root / "posts_a.jsonl", docs[:20])
    write_jsonl(root / "posts_b.jsonl", docs[20:36])
    with (root / "posts_b.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("{broken\n")
        stream.write(json.dumps({"id": docs[0].id, "text": docs[0].text}) + "\n")  # repeated id
    write_html_jsonl(root / "pages.jsonl", docs[36:])
    shutil.copy(FIXTURES / "sample.warc.gz", root / "crawl.warc.gz")
    return root


@pytest.fixture(scope="module")
def spark():
    from hoaxlens.spark.session import make_session

    session = make_session("local[2]", app_name="hoaxlens-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_out(spark, inputs, tmp_path_factory):
    from hoaxlens.cluster import ClusterConfig
    from hoaxlens.spark.scan import spark_scan

    out = tmp_path_factory.mktemp("spark_out")
    result = spark_scan(spark, [str(inputs)], out, cluster=ClusterConfig())
    return out, result


@pytest.fixture(scope="module")
def local_records(inputs):
    result = CliRunner().invoke(cli, ["scan", "-w", "1", "--format", "jsonl", str(inputs)])
    assert result.exit_code == 3, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def test_spark_records_equal_the_local_scan(spark_out, local_records):
    out, _ = spark_out
    rows = pq.read_table(out / "records").to_pylist()
    spark_records = sorted((row_to_record(r) for r in rows), key=_key)
    local = sorted((full_record(r) for r in local_records), key=_key)
    assert len(spark_records) == len(local) == len(local_records)
    assert spark_records == local  # every field: labels, scores, evidence, errors
    assert any(r["error"] for r in spark_records)
    assert {r["label"] for r in spark_records} >= {"fabricated", "genuine"}


def test_run_json_counts_records_and_errors(spark_out, local_records):
    _, result = spark_out
    summary = result.summary
    assert summary["records"] == len(local_records)
    assert summary["errors"] == sum(1 for r in local_records if r["error"])
    assert summary["counts"]["error:ingest/malformed_json"] == 1
    assert summary["files"] == 4
    assert summary["seconds"]["scan"] > 0


def test_spark_clusters_equal_the_local_clusters(spark_out, inputs):
    out, _ = spark_out
    result = CliRunner().invoke(cli, ["cluster", str(inputs)])
    local = [json.loads(line) for line in result.stdout.splitlines()]
    local = [r for r in local if r["error"] is None]
    rows = pq.read_table(out / "clusters").to_pylist()
    fields = ("cluster_id", "cluster_size", "template", "similarity")
    spark_view = [
        {"slot_fillers": json.loads(r["slot_fillers"]), **{f: r[f] for f in fields}} for r in rows
    ]
    local_view = [{"slot_fillers": r["slot_fillers"], **{f: r[f] for f in fields}} for r in local]
    assert spark_view == local_view  # in input order, one row per story
    assert max(r["cluster_size"] for r in spark_view) > 2  # name swaps were grouped

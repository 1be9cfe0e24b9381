"""spark-scan --networks: the Spark networks equal the local command's on the same crawl."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.networks.synthetic import generate_crawl, warc_bytes

pytest.importorskip("pyspark", reason="spark-scan needs the 'spark' extra")
if shutil.which("java") is None:
    pytest.skip("spark-scan needs Java 17 on PATH", allow_module_level=True)

pytestmark = pytest.mark.slow
FARM = Path(__file__).resolve().parents[1] / "fixtures" / "farm"


@pytest.fixture(scope="module")
def crawl_dir(tmp_path_factory):
    """A synthetic crawl of 8 operators and 4 news sites as two WARC files, plus farm pages."""
    root = tmp_path_factory.mktemp("net_in")
    crawl = generate_crawl(5, operators=8, news_sites=4)
    half = len(crawl.pages) // 2
    first = type(crawl)(crawl.pages[:half], crawl.owner, crawl.news, crawl.seed)
    second = type(crawl)(crawl.pages[half:], crawl.owner, crawl.news, crawl.seed)
    (root / "a.warc").write_bytes(warc_bytes(first))
    (root / "b.warc").write_bytes(warc_bytes(second))
    for page in sorted(FARM.glob("*.html")):
        shutil.copy(page, root / page.name)
    return root


@pytest.fixture(scope="module")
def local_records(crawl_dir):
    from hoaxlens.commands.networks import networks

    result = CliRunner().invoke(networks, [str(crawl_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def spark_records(crawl_dir, tmp_path_factory):
    """What ``hoaxlens spark-scan --networks`` writes to OUTPUT/networks.jsonl."""
    from hoaxlens.cli import cli

    out = tmp_path_factory.mktemp("net_out") / "run"
    argv = ["spark-scan", str(crawl_dir), "-o", str(out), "--master", "local[2]"]
    result = CliRunner().invoke(cli, [*argv, "--partitions", "3", "--networks"])
    assert result.exit_code == 0, (result.output, result.exception)
    assert (out / "clusters").is_dir()  # --networks implies --cluster
    lines = (out / "networks.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_spark_networks_equal_local_networks(local_records, spark_records):
    assert len(local_records) > 40
    assert any(r["network_size"] > 3 for r in local_records)
    assert any(r["templates"] for r in local_records)
    assert spark_records == local_records  # every field, every site, in the same order

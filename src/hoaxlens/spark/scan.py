"""``spark_scan``: input files → the JSONL record of every document, as a Parquet dataset.

Each input file is one unit of work, listed in input order and spread over partitions in
order; every partition builds one ``Analyzer`` from the (small, picklable)
``AnalyzerConfig`` and writes the same records ``hoaxlens scan`` would, with the fields of
the JSONL record. Reading ``DIR/records`` in file order gives the local scan's order.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pyspark.sql.pandas.types import from_arrow_schema

from hoaxlens.analyzer import AnalyzerConfig
from hoaxlens.batch.budget import NO_BUDGET, Budget
from hoaxlens.batch.inputs import expand_inputs
from hoaxlens.spark.partitions import SEQ, SEQ_RECORD_SCHEMA, analyze_files

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from hoaxlens.cluster import ClusterConfig

RECORDS = "records"
CLUSTERS = "clusters"


@dataclass(frozen=True, slots=True)
class SparkScanResult:
    """Where the records went, and the counts and timings of ``run.json``."""

    records_path: str
    summary: dict[str, Any] = field(default_factory=dict)
    clusters_path: str | None = None


def file_units(spark: SparkSession, paths: Sequence[str], partitions: int | None) -> DataFrame:
    """One row ``(seq, path)`` per input file, in input order, in ``partitions`` slices."""
    files = [p.as_posix() for p in expand_inputs(paths)]
    slices = max(1, min(len(files), partitions or spark.sparkContext.defaultParallelism * 4))
    rdd = spark.sparkContext.parallelize(list(enumerate(files)), numSlices=slices)
    return spark.createDataFrame(rdd, "seq long, path string")


def analyze_dataframe(
    units: DataFrame, config: AnalyzerConfig, budget: Budget = NO_BUDGET
) -> DataFrame:
    """The output records of every document in ``units`` (rows ``(seq, path)``), plus ``_seq``."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return analyze_files(batches, config, budget)

    return units.mapInArrow(run, from_arrow_schema(SEQ_RECORD_SCHEMA))


def spark_scan(
    spark: SparkSession,
    paths: Sequence[str],
    output: Path,
    *,
    config: AnalyzerConfig | None = None,
    partitions: int | None = None,
    cluster: ClusterConfig | None = None,
    budget: Budget | None = None,
    networks: bool = False,
) -> SparkScanResult:
    """Analyze every document under ``paths``; write ``output/records`` (Parquet).

    With ``cluster`` set, also cluster the stories into templates and write
    ``output/clusters`` (one row per story, in input order). With ``networks`` (which needs
    ``cluster``), also link the sites into operator networks: ``output/networks.jsonl``.
    ``budget``: CPU one document may cost (default 5 s; ``Budget(0)`` for none), as in
    ``hoaxlens scan``.

    Returns:
        The paths written and a summary (records, errors by stage/type, labels, timings).
    """
    from pyspark import StorageLevel

    config = config or AnalyzerConfig()
    started = time.perf_counter()
    units = file_units(spark, paths, partitions)
    records_path = str(output / RECORDS)
    analyzed = analyze_dataframe(units, config, Budget() if budget is None else budget)
    if cluster is not None:
        analyzed = analyzed.persist(StorageLevel.DISK_ONLY)  # analyse once, use twice
    analyzed.drop(SEQ).write.mode("overwrite").parquet(records_path)
    scanned = time.perf_counter()
    clusters_path = None
    if cluster is not None:
        from hoaxlens.spark.cluster import spark_cluster

        clusters_path = str(output / CLUSTERS)
        spark_cluster(analyzed, cluster).write.mode("overwrite").parquet(clusters_path)
        if networks:
            from hoaxlens.spark.networks import spark_networks, write_networks

            records = spark_networks(
                units,
                analyzed,
                clusters=spark.read.parquet(clusters_path),
                cluster_config=cluster,
                ingest=config.ingest,
            )
            write_networks(records, output)
        analyzed.unpersist()
    clustered = time.perf_counter()
    written = spark.read.parquet(records_path)
    counts: Counter[str] = Counter()
    for row in written.groupBy("label", "error.stage", "error.type").count().collect():
        if row["label"] is not None:
            counts[f"label:{row['label']}"] += row["count"]
        else:
            counts[f"error:{row['stage']}/{row['type']}"] += row["count"]
    total = sum(counts.values())
    errors = sum(v for k, v in counts.items() if k.startswith("error:"))
    summary = {
        "records": total,
        "errors": errors,
        "counts": dict(sorted(counts.items())),
        "files": units.count(),
        "partitions": units.rdd.getNumPartitions(),
        "master": spark.sparkContext.master,
        "seconds": {
            "scan": round(scanned - started, 3),
            "cluster": round(clustered - scanned, 3) if cluster is not None else None,
            "summary": round(time.perf_counter() - clustered, 3),
        },
    }
    return SparkScanResult(records_path, summary, clusters_path)


def write_run_json(output: Path, summary: dict[str, Any]) -> None:
    """Write ``output/run.json``."""
    output.mkdir(parents=True, exist_ok=True)
    (output / "run.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

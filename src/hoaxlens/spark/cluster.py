"""Campaign clustering on Spark: masked shingles → MinHash bands → edges → components.

Every per-document and per-bucket step calls :mod:`hoaxlens.cluster`'s pure functions
(``document_signature``, ``band_keys``, ``bucket_edges``, ``cluster_key``,
``estimated_jaccard``) and components are labelled by their smallest id, exactly as
``connected_components`` does, so the clusters equal ``cluster_documents`` on the same
stories. Components are found by iterated min-label propagation over the edge list (each
round a join and a group-by); bucket edges are stars from the smallest id, so a few rounds
suffice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyspark.sql import Window
from pyspark.sql import functions as F  # noqa: N812 - the PySpark convention
from pyspark.sql.pandas.types import from_arrow_schema

from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.spark.partitions import (
    ASSIGN_SCHEMA,
    EDGE_SCHEMA,
    SEQ,
    SIGNED_SCHEMA,
    assignment_batches,
    bucket_edge_batches,
    sign_documents,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pyarrow as pa
    from pyspark.sql import DataFrame

MAX_ROUNDS = 50


def stories(records: DataFrame) -> DataFrame:
    """Rows ``(seq, id, title, text)`` of the analysed records (error rows dropped).

    ``seq`` is the records' input order: their ``_seq`` column where present (as
    ``spark_scan`` produces them), else the DataFrame's own order. A repeated id gets
    ``#2``, ``#3``… in that order, as ``cluster_documents`` does.
    """
    seq = F.col(SEQ) if SEQ in records.columns else F.monotonically_increasing_id()
    ok = records.where(F.col("error").isNull()).select(seq.alias("seq"), "id", "title", "text")
    nth = F.row_number().over(Window.partitionBy("id").orderBy("seq"))
    return ok.withColumn(
        "id", F.when(nth == 1, F.col("id")).otherwise(F.concat("id", F.lit("#"), nth))
    )


def _components(edges: DataFrame, nodes: DataFrame) -> DataFrame:
    """``(id, root)``: the smallest id connected to each node (min-label propagation)."""
    both = edges.select("src", "dst").union(
        edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"))
    )
    both = both.localCheckpoint()
    labels = nodes.select("id", F.col("id").alias("root")).localCheckpoint()
    for _ in range(MAX_ROUNDS):
        proposed = (
            both.join(labels, both.src == labels.id)
            .groupBy(both.dst.alias("id"))
            .agg(F.min("root").alias("offer"))
        )
        updated = (
            labels.join(proposed, "id", "left")
            .select("id", F.least("root", F.coalesce("offer", "root")).alias("root"))
            .localCheckpoint()
        )
        changed = updated.join(labels.withColumnRenamed("root", "old"), "id").where(
            F.col("root") != F.col("old")
        )
        labels = updated
        if changed.isEmpty():
            return labels
    raise RuntimeError(f"components did not converge in {MAX_ROUNDS} rounds")


def spark_cluster(records: DataFrame, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG) -> DataFrame:
    """One row per story: ``id, cluster_id, cluster_size, template, slot_fillers, similarity``.

    ``template`` is the masked text of the cluster's smallest id; ``slot_fillers`` is this
    document's masked spans as JSON.
    """

    def sign(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return sign_documents(batches, config)

    def edges_of(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return bucket_edge_batches(batches, config)

    signed = stories(records).mapInArrow(sign, from_arrow_schema(SIGNED_SCHEMA)).localCheckpoint()
    buckets = (
        signed.select("id", "signature", F.explode("keys").alias("key"))
        .groupBy("key")
        .agg(F.collect_list(F.struct("id", "signature")).alias("members"))
        .where(F.size("members") > 1)
    )
    edges = (
        buckets.select("members").mapInArrow(edges_of, from_arrow_schema(EDGE_SCHEMA)).distinct()
    )
    roots = _components(edges, signed.select("id"))
    root_info = signed.select(
        F.col("id").alias("root"),
        F.col("template").alias("root_template"),
        F.col("signature").alias("root_signature"),
    )
    joined = signed.join(roots, "id").join(root_info, "root")
    assigned = joined.select("id", "root", "signature", "root_signature").mapInArrow(
        assignment_batches, from_arrow_schema(ASSIGN_SCHEMA)
    )
    sizes = roots.groupBy("root").agg(F.count("*").alias("cluster_size"))
    return (
        joined.join(sizes, "root")
        .join(assigned, "id")
        .select(
            "seq",
            "id",
            "cluster_id",
            "cluster_size",
            F.col("root_template").alias("template"),
            "slot_fillers",
            "similarity",
        )
        .orderBy("seq")
        .drop("seq")
    )

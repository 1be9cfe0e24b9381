"""What Spark executors run, as plain functions of Arrow batches (no pyspark import).

``analyze_files`` turns batches of ``(path)`` rows into batches of output records: each
input file is one unit of work (as cc-pyspark treats WARC files), read with the same
readers and analysed with one ``Analyzer`` built per partition, so a record equals what
``hoaxlens scan`` writes for it. The clustering functions call :mod:`hoaxlens.cluster`'s
pure functions, so Spark and the local path compute the same clusters.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING

import pyarrow as pa

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.budget import NO_BUDGET, Budget
from hoaxlens.batch.pool import analyze_in_order, chunked
from hoaxlens.cluster import (
    ClusterConfig,
    band_keys,
    bucket_edges,
    cluster_key,
    cluster_text,
    document_signature,
    estimated_jaccard,
)
from hoaxlens.ingest import read_documents
from hoaxlens.output import Record, to_record
from hoaxlens.output.arrow import RECORD_SCHEMA, records_to_batch

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.types import Failure, RawDocument

BATCH_ROWS = 256
SEQ = "_seq"  # input order: file number << 32 | record number in the file
SEQ_RECORD_SCHEMA = RECORD_SCHEMA.append(pa.field(SEQ, pa.int64()))

SIGNED_SCHEMA = pa.schema(
    [
        pa.field("seq", pa.int64()),
        pa.field("id", pa.string()),
        pa.field("template", pa.string()),
        pa.field("slot_fillers", pa.string()),  # JSON list, as the cluster record has it
        pa.field("signature", pa.list_(pa.int64())),
        pa.field("keys", pa.list_(pa.binary())),
    ]
)
EDGE_SCHEMA = pa.schema([pa.field("src", pa.string()), pa.field("dst", pa.string())])
ASSIGN_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("cluster_id", pa.string()),
        pa.field("similarity", pa.float64()),
    ]
)


def analyze_files(
    batches: Iterator[pa.RecordBatch], config: AnalyzerConfig, budget: Budget = NO_BUDGET
) -> Iterator[pa.RecordBatch]:
    """Rows ``(seq, path)`` → the output records of every document in those files, in order.

    Each batch out has the record fields plus ``_seq``, the record's place in the input.
    With a ``budget``, documents are analysed as ``hoaxlens scan -w 1`` does: in one
    worker process that the watchdog can kill (a lone chunk of plain text: here, under the
    soft limit), so a hostile document costs at most the budget and becomes its
    ``analyze_timeout`` row instead of failing the Spark task.
    """
    analyzer = Analyzer(config)
    seqs: deque[int] = deque()

    def documents() -> Iterator[RawDocument | Failure]:
        for batch in batches:
            for file_seq, path in zip(
                batch.column("seq").to_pylist(), batch.column("path").to_pylist(), strict=True
            ):
                for n, item in enumerate(read_documents([path], config=config.ingest)):
                    seqs.append(file_seq << 32 | n)
                    yield item

    pending: list[Record] = []
    order: list[int] = []
    results = analyze_in_order(
        chunked(documents(), BATCH_ROWS),
        analyzer=analyzer,
        config=config,
        fmt="table",  # the results themselves, made records here
        workers=1,
        budget=budget,
    )
    for result in results:
        for verdict in result.data:
            pending.append(to_record(verdict))
            order.append(seqs.popleft())  # results come in input order
            if len(pending) >= BATCH_ROWS:
                yield _with_seq(pending, order)
                pending, order = [], []
    if pending:
        yield _with_seq(pending, order)


def _with_seq(records: list[Record], order: list[int]) -> pa.RecordBatch:
    batch = records_to_batch(records)
    return batch.append_column(SEQ, pa.array(order, pa.int64()))


def sign_documents(
    batches: Iterator[pa.RecordBatch], config: ClusterConfig
) -> Iterator[pa.RecordBatch]:
    """Rows ``(seq, id, title, text)`` → masked template, MinHash signature, band keys."""
    for batch in batches:
        out: dict[str, list[object]] = {name: [] for name in SIGNED_SCHEMA.names}
        for row in batch.to_pylist():
            masked, sig = document_signature(cluster_text(row["title"], row["text"]), config)
            out["seq"].append(row["seq"])
            out["id"].append(row["id"])
            out["template"].append(masked.text)
            out["slot_fillers"].append(
                json.dumps(
                    [
                        {"slot": f.slot, "value": f.value, "start": f.start, "end": f.end}
                        for f in masked.slot_fillers
                    ],
                    ensure_ascii=False,
                )
            )
            out["signature"].append(list(sig))
            out["keys"].append(band_keys(sig, config.bands, config.rows))
        yield pa.RecordBatch.from_pydict(out, schema=SIGNED_SCHEMA)


def bucket_edge_batches(
    batches: Iterator[pa.RecordBatch], config: ClusterConfig
) -> Iterator[pa.RecordBatch]:
    """Rows ``(members: list<struct<id, signature>>)`` → the verified edges of each bucket."""
    for batch in batches:
        src: list[str] = []
        dst: list[str] = []
        for members in batch.column("members").to_pylist():
            signatures = {m["id"]: tuple(m["signature"]) for m in members}
            for a, b in bucket_edges(list(signatures), signatures, config.threshold):
                src.append(a)
                dst.append(b)
        yield pa.RecordBatch.from_pydict({"src": src, "dst": dst}, schema=EDGE_SCHEMA)


def assignment_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows ``(id, root, signature, root_signature)`` → cluster id and similarity."""
    for batch in batches:
        ids, clusters, similarity = [], [], []
        for row in batch.to_pylist():
            ids.append(row["id"])
            clusters.append(cluster_key([row["root"]]))
            if row["id"] == row["root"]:
                similarity.append(1.0)
            else:
                value = estimated_jaccard(tuple(row["signature"]), tuple(row["root_signature"]))
                similarity.append(round(value, 4))
        yield pa.RecordBatch.from_pydict(
            {"id": ids, "cluster_id": clusters, "similarity": similarity}, schema=ASSIGN_SCHEMA
        )

"""Operator networks on Spark: the same networks and per-site records as ``hoaxlens networks``.

Distributed steps, each calling :mod:`hoaxlens.networks`' pure functions:

1. every input file is fingerprinted on an executor (``fingerprint_document`` on each
   ``RawDocument`` of ``read_documents``), rows keyed by the scan's ``_seq``;
2. pages are grouped by site into profiles (``domain_profiles``, pages in input order);
3. sightings are grouped by identifier, and each identifier's site pairs weighed
   (``identifier_pairs``); pairs are grouped and scored (``edge_from``);
4. linked pairs go through the min-label components of ``spark.cluster`` (a network is
   named after its smallest domain, as ``connected_components`` does locally);
5. stories are counted per site from the scan's records and clusters, joined on ``_seq``.

The per-site records, one per site (far fewer than pages), are then assembled on the
driver by ``network_records``, the function the local command calls.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from pyspark.sql import functions as F  # noqa: N812 - the PySpark convention
from pyspark.sql.pandas.types import from_arrow_schema

from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.networks import (
    DEFAULT_NETWORK_CONFIG,
    DomainProfile,
    Fingerprint,
    NetworkConfig,
    Networks,
    PageFingerprints,
    Shared,
    Sighting,
    SiteStories,
    Strength,
    domain_profiles,
    edge_from,
    fingerprint_document,
    identifier_pairs,
    identifier_sites,
    network_records,
    read_warc_hosting,
)
from hoaxlens.spark.cluster import _components, spark_cluster, stories
from hoaxlens.spark.partitions import SEQ
from hoaxlens.types import RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyspark.sql import DataFrame

PAGE_SCHEMA = pa.schema(
    [
        pa.field("seq", pa.int64()),
        pa.field("doc_id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("fingerprints", pa.string()),  # JSON list of Fingerprint fields
    ]
)
PROFILE_SCHEMA = pa.schema([pa.field("domain", pa.string()), pa.field("profile", pa.string())])
SIGHTING_SCHEMA = pa.schema(
    [
        pa.field("domain", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("value", pa.string()),
        pa.field("strength", pa.int32()),
    ]
)
PAIR_SCHEMA = pa.schema(
    [
        pa.field("a", pa.string()),
        pa.field("b", pa.string()),
        pa.field("shared", pa.string()),  # JSON of one Shared
    ]
)
EDGE_SCHEMA = pa.schema(
    [
        pa.field("a", pa.string()),
        pa.field("b", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("shared", pa.string()),  # JSON list of Shared
    ]
)


def _fingerprint_row(f: Fingerprint) -> list[Any]:
    return [f.kind, f.value, int(f.strength), f.tag, f.offset, f.context, f.detail]


def _shared_row(s: Shared) -> list[Any]:
    return [s.kind, s.value, int(s.strength), s.domains, s.weight]


def _shared_from(row: list[Any]) -> Shared:
    return Shared(row[0], row[1], Strength(row[2]), row[3], row[4])


def fingerprint_files(
    batches: Iterator[pa.RecordBatch], ingest: IngestConfig
) -> Iterator[pa.RecordBatch]:
    """Rows ``(seq, path)`` → one row per document: its ``_seq``, site and fingerprints."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in PAGE_SCHEMA.names}
        for file_seq, path in zip(
            batch.column("seq").to_pylist(), batch.column("path").to_pylist(), strict=True
        ):
            name = path.lower()
            hosting = read_warc_hosting(Path(path)) if name.endswith((".warc", ".warc.gz")) else {}
            for n, item in enumerate(read_documents([path], config=ingest)):
                if not isinstance(item, RawDocument):
                    continue
                page = fingerprint_document(item, hosting.get(item.id))
                out["seq"].append(file_seq << 32 | n)
                out["doc_id"].append(page.doc_id)
                out["url"].append(page.url)
                out["domain"].append(page.domain)
                out["fingerprints"].append(
                    json.dumps([_fingerprint_row(f) for f in page.fingerprints])
                )
        yield pa.RecordBatch.from_pydict(out, schema=PAGE_SCHEMA)


def _profile_json(profile: DomainProfile) -> str:
    rows = [
        [
            s.kind,
            s.value,
            int(s.strength),
            s.pages,
            s.doc_id,
            s.url,
            s.tag,
            s.offset,
            s.context,
            s.detail,
        ]
        for s in profile.sightings
    ]
    return json.dumps([profile.domain, profile.pages, rows])


def _profile_from(text: str) -> DomainProfile:
    domain, pages, rows = json.loads(text)
    sightings = tuple(
        Sighting(r[0], r[1], Strength(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows
    )
    return DomainProfile(domain, pages, sightings)


def profile_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows ``(domain, pages: list<struct<seq, doc_id, url, fingerprints>>)`` → profiles."""
    for batch in batches:
        domains, profiles = [], []
        for row in batch.to_pylist():
            pages = [
                PageFingerprints(
                    p["doc_id"],
                    p["url"],
                    row["domain"],
                    tuple(
                        Fingerprint(r[0], r[1], Strength(r[2]), r[3], r[4], r[5], r[6])
                        for r in json.loads(p["fingerprints"])
                    ),
                )
                for p in sorted(row["pages"], key=lambda p: p["seq"])  # input order
            ]
            profile = domain_profiles(pages)[row["domain"]]
            domains.append(profile.domain)
            profiles.append(_profile_json(profile))
        yield pa.RecordBatch.from_pydict(
            {"domain": domains, "profile": profiles}, schema=PROFILE_SCHEMA
        )


def sighting_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Profiles → one row per (site, identifier) with its strength there."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in SIGHTING_SCHEMA.names}
        for text in batch.column("profile").to_pylist():
            profile = _profile_from(text)
            for s in profile.sightings:
                out["domain"].append(profile.domain)
                out["kind"].append(s.kind)
                out["value"].append(s.value)
                out["strength"].append(int(s.strength))
        yield pa.RecordBatch.from_pydict(out, schema=SIGHTING_SCHEMA)


def pair_batches(
    batches: Iterator[pa.RecordBatch], config: NetworkConfig
) -> Iterator[pa.RecordBatch]:
    """Rows ``(kind, value, sites: list<struct<domain, strength>>)`` → weighed site pairs."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in PAIR_SCHEMA.names}
        for row in batch.to_pylist():
            sites = {s["domain"]: Strength(s["strength"]) for s in row["sites"]}
            for a, b, shared in identifier_pairs(row["kind"], row["value"], sites, config):
                out["a"].append(a)
                out["b"].append(b)
                out["shared"].append(json.dumps(_shared_row(shared)))
        yield pa.RecordBatch.from_pydict(out, schema=PAIR_SCHEMA)


def edge_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows ``(a, b, shared: list<string>)`` → edges (a pair sharing only weak ids has none)."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in EDGE_SCHEMA.names}
        for row in batch.to_pylist():
            edge = edge_from(
                row["a"], row["b"], (_shared_from(json.loads(s)) for s in row["shared"])
            )
            if edge is not None:
                out["a"].append(edge.a)
                out["b"].append(edge.b)
                out["confidence"].append(edge.confidence)
                out["shared"].append(json.dumps([_shared_row(s) for s in edge.shared]))
        yield pa.RecordBatch.from_pydict(out, schema=EDGE_SCHEMA)


def _site_stories(
    analyzed: DataFrame, clusters: DataFrame, pages: DataFrame
) -> dict[str, SiteStories]:
    """Per site: stories, fabricated ones and templates of 2+ stories (``site_stories``)."""
    ids = stories(analyzed).select(F.col("seq").alias(SEQ), "id")
    templates = clusters.where(F.col("cluster_size") > 1).select("id", "cluster_id")
    ok = (
        analyzed.where(F.col("error").isNull())
        .select(SEQ, "label")
        .join(
            pages.where(F.col("domain").isNotNull()).select(F.col("seq").alias(SEQ), "domain"), SEQ
        )
        .join(ids, SEQ)
        .join(templates, "id", "left")
    )
    rows = (
        ok.groupBy("domain")
        .agg(
            F.count("*").alias("stories"),
            F.sum(F.when(F.col("label") == "fabricated", 1).otherwise(0)).alias("fabricated"),
            F.collect_set("cluster_id").alias("templates"),
        )
        .collect()
    )
    return {
        r["domain"]: SiteStories(r["stories"], r["fabricated"], tuple(sorted(r["templates"])))
        for r in rows
    }


def spark_networks(
    units: DataFrame,
    analyzed: DataFrame,
    *,
    clusters: DataFrame | None = None,
    config: NetworkConfig = DEFAULT_NETWORK_CONFIG,
    cluster_config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    ingest: IngestConfig | None = None,
) -> list[dict[str, Any]]:
    """The per-site network records of the files in ``units``, as ``hoaxlens networks`` prints.

    Args:
        units: rows ``(seq, path)``, one per input file (``spark.scan.file_units``).
        analyzed: the scan's records with ``_seq`` (``spark.scan.analyze_dataframe``).
        clusters: ``spark_cluster(analyzed, cluster_config)`` when already computed.
        config: the linking rule.
        cluster_config: used when ``clusters`` is None.
        ingest: the readers' limits (the scan's ``AnalyzerConfig.ingest``).

    Returns:
        One record per site, in the order of the local command.
    """
    ingest = ingest or IngestConfig()

    def fingerprint(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return fingerprint_files(batches, ingest)

    def pairs(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return pair_batches(batches, config)

    pages = units.mapInArrow(fingerprint, from_arrow_schema(PAGE_SCHEMA)).localCheckpoint()
    grouped = (
        pages.where(F.col("domain").isNotNull())
        .groupBy("domain")
        .agg(F.collect_list(F.struct("seq", "doc_id", "url", "fingerprints")).alias("pages"))
    )
    profiles = grouped.mapInArrow(
        profile_batches, from_arrow_schema(PROFILE_SCHEMA)
    ).localCheckpoint()
    by_identifier = (
        profiles.mapInArrow(sighting_batches, from_arrow_schema(SIGHTING_SCHEMA))
        .groupBy("kind", "value")
        .agg(F.collect_list(F.struct("domain", "strength")).alias("sites"))
        .where(F.size("sites") > 1)
    )
    edges = (
        by_identifier.mapInArrow(pairs, from_arrow_schema(PAIR_SCHEMA))
        .groupBy("a", "b")
        .agg(F.collect_list("shared").alias("shared"))
        .mapInArrow(edge_batches, from_arrow_schema(EDGE_SCHEMA))
        .localCheckpoint()
    )
    linked = edges.where(F.col("confidence") >= config.link_threshold).select(
        F.col("a").alias("src"), F.col("b").alias("dst")
    )
    roots = _components(linked, profiles.select(F.col("domain").alias("id")))
    if clusters is None:
        clusters = spark_cluster(analyzed, cluster_config)
    site_stories = _site_stories(analyzed, clusters, pages)
    return _assemble(profiles, edges, roots, site_stories, config)


def _assemble(
    profiles: DataFrame,
    edges: DataFrame,
    roots: DataFrame,
    site_stories: dict[str, SiteStories],
    config: NetworkConfig,
) -> list[dict[str, Any]]:
    """The records from the distributed results, by the local ``network_records``."""
    from hoaxlens.networks import Edge

    by_domain = {p.domain: p for p in (_profile_from(r["profile"]) for r in profiles.collect())}
    ordered = dict(sorted(by_domain.items()))
    edge_list = sorted(
        (
            Edge(
                r["a"],
                r["b"],
                r["confidence"],
                tuple(_shared_from(s) for s in json.loads(r["shared"])),
            )
            for r in edges.collect()
        ),
        key=lambda e: (e.a, e.b),
    )
    root_of = {r["id"]: r["root"] for r in roots.collect()}
    networks = Networks(
        ordered, identifier_sites(ordered.values()), tuple(edge_list), root_of, config
    )
    return network_records(networks, site_stories)


def write_networks(records: list[dict[str, Any]], output: Path) -> Path:
    """Write ``output/networks.jsonl``: the same lines as ``hoaxlens networks --format jsonl``."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / "networks.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

"""``hoaxlens spark-scan``: the scan (and optionally clustering) as a Spark job."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import (
    cluster_threshold_option,
    config_option,
    exit_if_error_rows,
    field_options,
    input_paths,
    model_options,
    output_option,
    settings_from,
    with_fields,
)

if TYPE_CHECKING:
    from pathlib import Path


@click.command(name="spark-scan")
@input_paths(stdin=False)
@output_option(
    "Output folder: records/ (Parquet, the JSONL record's fields), clusters/, run.json.",
    required=True,
    folder=True,
)
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Partitions of the file list (default: 4 x the default parallelism).",
)
@click.option("--cluster", "do_cluster", is_flag=True, help="Also cluster stories into templates.")
@click.option(
    "--networks",
    "do_networks",
    is_flag=True,
    help="Also link sites into operator networks (implies --cluster): OUTPUT/networks.jsonl.",
)
@cluster_threshold_option
@model_options
@field_options
@config_option
def spark_scan(
    paths: tuple[str, ...],
    output: Path,
    master: str,
    partitions: int | None,
    do_cluster: bool,
    do_networks: bool,
    cluster_threshold: float | None,
    model: str | None,
    threshold: float | None,
    config: Path | None,
    fields: dict[str, str],
) -> None:
    """Analyze JSONL/CSV/Parquet/WARC/text/HTML files on Spark (needs hoaxlens[spark]).

    Each input file is one unit of work. Writes OUTPUT/records (Parquet with the fields of
    the JSONL record, one row per input document), OUTPUT/clusters with --cluster,
    OUTPUT/networks.jsonl with --networks, and OUTPUT/run.json (counts, errors, timings).
    """
    from dataclasses import replace

    from hoaxlens.spark.session import make_session

    started = time.perf_counter()
    settings = settings_from(config)
    analyzer_config = with_fields(
        settings.analyzer_config(model=model, threshold=threshold), fields
    )
    cluster_config = None
    if do_cluster or do_networks or cluster_threshold is not None:
        cluster_config = settings.cluster
        if cluster_threshold is not None:
            cluster_config = replace(cluster_config, threshold=cluster_threshold)
    spark = make_session(master)
    from hoaxlens.spark.scan import spark_scan as run_scan
    from hoaxlens.spark.scan import write_run_json

    session_seconds = time.perf_counter() - started
    result = run_scan(
        spark,
        paths,
        output,
        config=analyzer_config,
        partitions=partitions,
        cluster=cluster_config,
        networks=do_networks,
    )
    summary = dict(result.summary)
    summary["seconds"] = {"session": round(session_seconds, 3), **summary["seconds"]}
    summary["inputs"] = list(paths)
    write_run_json(output, summary)
    click.echo(
        f"{summary['records']} records ({summary['errors']} errors) → {result.records_path}",
        err=True,
    )
    exit_if_error_rows(summary["errors"], summary["records"])

"""``hoaxlens networks``: operator networks of the sites in a crawl, joined with campaigns."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from hoaxlens.commands._options import (
    cluster_threshold_option,
    config_option,
    exit_if_error_rows,
    input_paths,
    model_options,
    output_option,
    settings_from,
)

if TYPE_CHECKING:
    from hoaxlens.networks import NetworkReport

FORMATS = ("jsonl", "table", "stix")


@click.command()
@input_paths()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: one record per site; table: one block per network; stix: a STIX 2.1 "
    "bundle with the campaigns and the networks' Infrastructure/Identity objects.",
)
@output_option("Write to this file instead of stdout.")
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a picture of the networks (SVG, no network access) to this file.",
)
@click.option(
    "--hub-domains",
    type=click.IntRange(min=2),
    default=None,
    help="An identifier on more sites than this is a hub and links nothing (default 150).",
)
@click.option(
    "--link-threshold",
    type=click.FloatRange(0.5, 0.999),
    default=None,
    help="Confidence that joins two sites (default 0.9).",
)
@cluster_threshold_option
@model_options
@config_option
def networks(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    svg: Path | None,
    hub_domains: int | None,
    link_threshold: float | None,
    cluster_threshold: float | None,
    model: str | None,
    threshold: float | None,
    config: Path | None,
) -> None:
    """Link sites to their operators through shared ad, analytics and site identifiers.

    Reads the same inputs as 'scan'; fingerprints each HTML page before extraction (ad
    publisher and analytics ids, pixels, verification tokens, themes, plugins, author
    slugs, CDN hints from WARC headers), joins sites that share strong identifiers, and
    prints one record per site {domain, network_id, network_size, links, stories,
    fabricated, templates, ...}. Themes, CDNs and generators never join sites on their own.
    """
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.batch.inputs import expand_inputs
    from hoaxlens.ingest import read_documents
    from hoaxlens.networks import DEFAULT_NETWORK_CONFIG, analyze_networks, read_hosting

    settings = settings_from(config)
    analyzer_config = settings.analyzer_config(model=model, threshold=threshold)
    cluster_config = settings.cluster
    if cluster_threshold is not None:
        cluster_config = replace(cluster_config, threshold=cluster_threshold)
    net_config = DEFAULT_NETWORK_CONFIG
    if hub_domains is not None:
        soft = min(net_config.soft_domains, hub_domains)
        net_config = replace(net_config, hub_domains=hub_domains, soft_domains=soft)
    if link_threshold is not None:
        net_config = replace(net_config, link_threshold=link_threshold)
    report = analyze_networks(
        Analyzer(analyzer_config),
        read_documents(paths, config=analyzer_config.ingest, stdin=sys.stdin.buffer),
        cluster_config=cluster_config,
        config=net_config,
        hosting=read_hosting(expand_inputs(paths)),
    )
    with ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            stream = stack.enter_context(output.open("w", encoding="utf-8"))
        _write(report, fmt, stream, svg)
    items = report.corpus.items
    exit_if_error_rows(sum(item.is_error for item in items), len(items))


def _write(report: NetworkReport, fmt: str, stream: TextIO, svg: Path | None) -> None:
    from hoaxlens.networks import network_stix_bundle, network_svg, network_table

    records = report.records()
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "table":
        stream.write(network_table(records) + "\n")
    else:
        bundle = network_stix_bundle(records, report.corpus.campaigns)
        stream.write(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
    if svg is not None:
        svg.write_text(network_svg(records), encoding="utf-8")

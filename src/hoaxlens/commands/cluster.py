"""``hoaxlens cluster``: one template-cluster record per input document, in order."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

import click

from hoaxlens.commands._options import (
    EXIT_RECORD_ERRORS,
    config_option,
    embedder_for,
    output_option,
    paraphrase_options,
    settings_from,
)

if TYPE_CHECKING:
    from pathlib import Path

    from hoaxlens.report import Corpus

FORMATS = ("jsonl", "claimreview", "stix")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: one record per document; claimreview: JSON-LD drafts, one per template; "
    "stix: a STIX 2.1 bundle.",
)
@output_option("Write to this file instead of stdout.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.05, 1.0),
    default=None,
    help="Estimated Jaccard similarity (of masked 5-word shingles) that joins two stories.",
)
@click.option("--no-mask", is_flag=True, help="Compare raw text (no people/places/… masking).")
@paraphrase_options
@config_option
def cluster(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    threshold: float | None,
    no_mask: bool,
    paraphrases: bool,
    paraphrase_threshold: float,
    config: Path | None,
) -> None:
    """Group stories into templates across name swaps (same readers as 'scan').

    Every input document gets one JSONL record {id, cluster_id, cluster_size, template,
    slot_fillers, ...}; a document that cannot be read or analysed gets a record with
    'error' set. With --paraphrases, templates whose stories are rewrites of each other
    are merged; each record then keeps its near-copy template as 'variant_id'.
    """
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.cluster import ClusterConfig
    from hoaxlens.ingest import read_documents
    from hoaxlens.report import analyze_corpus, cluster_record

    analyzer_config = settings_from(config).analyzer_config()
    cluster_config = ClusterConfig(mask_slots=not no_mask)
    if threshold is not None:
        cluster_config = replace(cluster_config, threshold=threshold)
    embedder = embedder_for(paraphrases)
    documents = read_documents(paths, config=analyzer_config.ingest, stdin=sys.stdin.buffer)
    corpus = analyze_corpus(
        Analyzer(analyzer_config),
        documents,
        cluster_config,
        embedder=embedder,
        paraphrase_threshold=paraphrase_threshold,
    )
    with ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            stream = stack.enter_context(output.open("w", encoding="utf-8"))
        if fmt == "jsonl":
            for item, assigned in zip(corpus.items, corpus.assignments, strict=True):
                stream.write(json.dumps(cluster_record(item, assigned), ensure_ascii=False))
                stream.write("\n")
        else:
            stream.write(_export(corpus, fmt) + "\n")
    errors = sum(item.is_error for item in corpus.items)
    if errors:
        n = len(corpus.items)
        click.echo(f"{errors} of {n} records could not be analysed (see their 'error')", err=True)
        sys.exit(EXIT_RECORD_ERRORS)


def _export(corpus: Corpus, fmt: str) -> str:
    from hoaxlens.exports import claimreview_json, stix_json

    return claimreview_json(corpus.campaigns) if fmt == "claimreview" else stix_json(corpus)


COMMANDS = (cluster,)

"""``hoaxlens cluster``: one template-cluster record per input document, in order."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

import click

from hoaxlens.commands._options import (
    cluster_threshold_option,
    config_option,
    deprecated_option,
    embedder_for,
    exit_if_error_rows,
    field_options,
    input_paths,
    model_option,
    output_option,
    paraphrase_options,
    settings_from,
    with_fields,
)

if TYPE_CHECKING:
    from pathlib import Path

    from hoaxlens.corpus import Corpus

FORMATS = ("jsonl", "claimreview", "stix")


@click.command()
@input_paths()
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
@cluster_threshold_option
@deprecated_option("--threshold", "--cluster-threshold", click.FloatRange(0.05, 1.0))
@click.option("--no-mask", is_flag=True, help="Compare raw text (no people/places/… masking).")
@paraphrase_options
@model_option
@field_options
@config_option
def cluster(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    cluster_threshold: float | None,
    deprecated_threshold: float | None,
    no_mask: bool,
    paraphrases: bool,
    paraphrase_threshold: float,
    model: str | None,
    config: Path | None,
    fields: dict[str, str],
) -> None:
    """Group stories into templates across name swaps (same readers as 'scan').

    Every input document gets one JSONL record {id, cluster_id, cluster_size, template,
    slot_fillers, ...}; a document that cannot be read or analysed gets a record with
    'error' set. With --paraphrases, templates whose stories are rewrites of each other
    are merged; each record then keeps its near-copy template as 'variant_id'.
    """
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.corpus import analyze_corpus
    from hoaxlens.ingest import read_documents

    settings = settings_from(config)
    analyzer_config = with_fields(settings.analyzer_config(model=model), fields)
    cluster_config = replace(
        settings.cluster, mask_slots=settings.cluster.mask_slots and not no_mask
    )
    threshold = deprecated_threshold if cluster_threshold is None else cluster_threshold
    if threshold is not None:
        cluster_config = replace(cluster_config, threshold=threshold)
    corpus = analyze_corpus(
        Analyzer(analyzer_config),
        read_documents(paths, config=analyzer_config.ingest, stdin=sys.stdin.buffer),
        cluster_config,
        embedder=embedder_for(paraphrases),
        paraphrase_threshold=paraphrase_threshold,
    )
    with ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            stream = stack.enter_context(output.open("w", encoding="utf-8"))
        _write(corpus, fmt, stream)
    exit_if_error_rows(sum(item.is_error for item in corpus.items), len(corpus.items))


def _write(corpus: Corpus, fmt: str, stream: TextIO) -> None:
    from hoaxlens.corpus import cluster_record
    from hoaxlens.exports import claimreview_json, stix_json

    if fmt == "jsonl":
        for item, assigned in zip(corpus.items, corpus.assignments, strict=True):
            stream.write(json.dumps(cluster_record(item, assigned), ensure_ascii=False) + "\n")
    elif fmt == "claimreview":
        stream.write(claimreview_json(corpus.campaigns) + "\n")
    else:
        stream.write(stix_json(corpus) + "\n")

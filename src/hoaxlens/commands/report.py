"""``hoaxlens report``: a self-contained HTML campaign report of analysed documents."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import (
    config_option,
    embedder_for,
    exit_if_error_rows,
    field_options,
    input_paths,
    model_options,
    output_option,
    paraphrase_options,
    settings_from,
    with_fields,
)

if TYPE_CHECKING:
    from pathlib import Path


@click.command()
@input_paths()
@output_option("Where to write the HTML file.", required=True)
@model_options
@paraphrase_options
@field_options
@config_option
def report(
    paths: tuple[str, ...],
    output: Path,
    model: str | None,
    threshold: float | None,
    paraphrases: bool,
    paraphrase_threshold: float,
    config: Path | None,
    fields: dict[str, str],
) -> None:
    """Analyse and cluster documents (same inputs as 'scan'), then write an HTML report.

    The page needs no network: charts are inline SVG, styles and scripts are inline.
    It shows who is targeted, by which templates and domains, the largest templates with
    their variants side by side, the score distribution, and the operator networks (sites
    linked through shared ad and analytics ids in their HTML, as 'hoaxlens networks').
    """
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.batch.inputs import expand_inputs
    from hoaxlens.ingest import read_documents
    from hoaxlens.networks import analyze_networks, read_hosting
    from hoaxlens.report.html import render_report

    settings = settings_from(config)
    analyzer_config = with_fields(
        settings.analyzer_config(model=model, threshold=threshold), fields
    )
    analyzer = Analyzer(analyzer_config)
    embedder = embedder_for(paraphrases)
    documents = read_documents(paths, config=analyzer_config.ingest, stdin=sys.stdin.buffer)
    rep = analyze_networks(
        analyzer,
        documents,
        cluster_config=settings.cluster,
        hosting=read_hosting(expand_inputs(paths)),
        embedder=embedder,
        paraphrase_threshold=paraphrase_threshold,
    )
    corpus = rep.corpus
    html = render_report(corpus, threshold=analyzer.thresholds.fabricated, networks=rep.records())
    output.write_text(html, encoding="utf-8")
    errors = sum(item.is_error for item in corpus.items)
    stories = len(corpus.items) - errors
    templates = sum(c.size > 1 for c in corpus.campaigns)
    click.echo(
        f"{output}: {stories} stories, {templates} templates with 2+ copies, {errors} error rows",
        err=True,
    )
    exit_if_error_rows(errors, len(corpus.items))

"""``hoaxlens eval``: metrics of the verdict model on labelled JSONL."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import config_option, input_paths, model_options, settings_from

if TYPE_CHECKING:
    from pathlib import Path


@click.command(name="eval")
@input_paths(stdin=False)
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Keep records whose field KEY equals VALUE (repeatable), e.g. split=dev.",
)
@click.option("--by", default=None, help="Break results down by this record field.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@model_options
@config_option
def eval_cmd(
    paths: tuple[str, ...],
    where: tuple[str, ...],
    by: str | None,
    fmt: str,
    model: str | None,
    threshold: float | None,
    config: Path | None,
) -> None:
    """Score labelled JSONL (field 'label': fabricated|genuine) and report metrics."""
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.training.evaluate import evaluate
    from hoaxlens.training.labeled import parse_where, read_labeled
    from hoaxlens.training.report import render_eval, report_to_json

    analyzer = Analyzer(settings_from(config).analyzer_config(model=model, threshold=threshold))
    report = evaluate(analyzer, read_labeled(paths, parse_where(where)), by=by)
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report), indent=2))
    else:
        render_eval(report)

"""``hoaxlens scan``: one output record per input document, in order."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

import click

from hoaxlens.commands._options import (
    EXIT_RECORD_ERRORS,
    config_option,
    model_options,
    settings_from,
)

FORMATS = ("table", "jsonl", "csv")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: table on a terminal, else jsonl; or from --output).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
@model_options
@config_option
def scan(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    model: str | None,
    threshold: float | None,
    config: Path | None,
) -> None:
    """Analyze files, directories or '-' (stdin): one record per input document, in order.

    PATHS may be .txt, .html/.htm, .jsonl/.ndjson, .csv or .parquet exports, .warc/.warc.gz
    crawls (HTML responses), any of the text kinds gzipped (.gz), directories (read
    recursively) or '-' for text on stdin.
    """
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.ingest import read_documents
    from hoaxlens.output import write_csv, write_jsonl, write_table

    analyzer_config = settings_from(config).analyzer_config(model=model, threshold=threshold)
    analyzer = Analyzer(analyzer_config)
    items = analyzer.analyze_many(
        read_documents(paths, config=analyzer_config.ingest, stdin=sys.stdin.buffer)
    )
    with ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            stream = stack.enter_context(output.open("w", encoding="utf-8", newline=""))
        fmt = fmt or _default_format(output, stream)
        if fmt == "table":
            from rich.console import Console

            n, errors = write_table(items, Console(file=stream))
        elif fmt == "csv":
            n, errors = write_csv(items, stream)
        else:
            n, errors = write_jsonl(items, stream)
    if errors:
        click.echo(f"{errors} of {n} records could not be analysed (see their 'error')", err=True)
        sys.exit(EXIT_RECORD_ERRORS)


def _default_format(output: Path | None, stream: TextIO) -> str:
    if output is not None:
        return "csv" if output.suffix.lower() == ".csv" else "jsonl"
    return "table" if stream.isatty() else "jsonl"


COMMANDS = (scan,)

"""Command line: thin shells over library functions (parse, call, print).

Exit status: 0 success; 1 a fatal error (bad config, unreadable model); 2 usage error;
3 the run finished but some records are error rows (every input still has its record).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from hoaxlens.commands import register_commands
from hoaxlens.commands._options import (
    EXIT_RECORD_ERRORS,
    config_option,
    model_options,
    output_option,
    settings_from,
)
from hoaxlens.errors import HoaxlensError

if TYPE_CHECKING:
    from hoaxlens.types import Failure

__all__ = ["EXIT_RECORD_ERRORS", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hoaxlens")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """Find fabricated celebrity viral stories, with the evidence for every score."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the replacements as JSON.")
def clean(file: BinaryIO, as_json: bool) -> None:
    """Print FILE (or stdin) with homoglyph obfuscation undone."""
    from hoaxlens.ingest.decode import decode_text
    from hoaxlens.normalize import normalize_text
    from hoaxlens.output import replacement_records

    result = normalize_text(decode_text(file.read(), getattr(file, "name", "stdin")))
    if not as_json:
        click.echo(result.text, nl=False)
        return
    reps = replacement_records(result.replacements)
    click.echo(
        json.dumps(
            {"text": result.text, "count": len(reps), "replacements": reps},
            ensure_ascii=False,
            indent=2,
        )
    )


@cli.command()
def signals() -> None:
    """List the available signals (built-in and plugins) with their summaries."""
    from hoaxlens.signals import available_signals

    for signal_id, cls in available_signals().items():
        note = "" if cls.default_enabled else " (off by default: name it in train --signals)"
        click.echo(f"{signal_id:32} {cls.summary}{note}")


@cli.command(name="eval")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Keep records whose field KEY equals VALUE (repeatable), e.g. split=dev.",
)
@click.option("--by", default=None, help="Break results down by this record field.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@model_options
def eval_cmd(
    paths: tuple[str, ...],
    where: tuple[str, ...],
    by: str | None,
    fmt: str,
    model: str | None,
    threshold: float | None,
) -> None:
    """Score labelled JSONL (field 'label': fabricated|genuine) and report metrics."""
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.verdict.evaluate import evaluate
    from hoaxlens.verdict.labeled import parse_where, read_labeled
    from hoaxlens.verdict.report import render_eval, report_to_json

    analyzer = Analyzer(settings_from(None).analyzer_config(model=model, threshold=threshold))
    report = evaluate(analyzer, read_labeled(paths, parse_where(where)), by=by)
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report), indent=2))
    else:
        render_eval(report)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Train on records whose field KEY equals VALUE, e.g. split=train; "
    "?KEY=VALUE applies only to records that have KEY (e.g. '?flags=[]'); "
    "NAME:KEY=VALUE only to records from the file called NAME.",
)
@output_option(
    "Where to write the model JSON (a model card .md is written beside it).", required=True
)
@click.option(
    "--from-store",
    "stores",
    multiple=True,
    metavar="URL",
    help="Also train on the analysts' labels in a `hoaxlens serve` store "
    "(sqlite:///hoaxlens.db or postgresql://…); recorded in the model card.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--signals",
    "signal_ids",
    default="",
    help="Comma-separated signal ids (default: every registered signal).",
)
@click.option(
    "--balance-sources/--no-balance-sources",
    default=True,
    show_default=True,
    help="Give every input file the same total weight (a large auxiliary corpus does not "
    "drown the main one).",
)
def train(
    paths: tuple[str, ...],
    where: tuple[str, ...],
    output: Path,
    seed: int,
    signal_ids: str,
    balance_sources: bool,
    stores: tuple[str, ...],
) -> None:
    """Train the verdict model on labelled JSONL and write it as JSON (needs [train])."""
    from hoaxlens.verdict.card import write_model
    from hoaxlens.verdict.labeled import digest, parse_where, read_labeled
    from hoaxlens.verdict.train import TrainOptions, train_model

    filters = parse_where(where)
    files = sorted(str(p) for p in paths)
    info: dict[str, object] = {
        "files": [Path(p).name for p in files],
        "sha256": digest(files),
        "where": filters,
    }
    ids = tuple(s.strip() for s in signal_ids.split(",") if s.strip())
    if not paths and not stores:
        raise click.UsageError("give labelled JSONL files, --from-store URL, or both")
    unreadable: list[Failure] = []
    store_info: list[dict[str, object]] = []
    items = read_labeled(paths, filters, on_unreadable=unreadable.append) if paths else []
    info["unreadable_records"] = len(unreadable)
    for url in stores:
        from hoaxlens.service.labels import load_labeled

        labeled = load_labeled(url)
        store_info.append({"url": _redact(url), "labelled_documents": len(labeled)})
        items.extend(labeled)
    if store_info:
        info["stores"] = store_info
    if unreadable:
        click.echo(f"skipped {len(unreadable)} unreadable records (no text)", err=True)
    verdict_model = train_model(
        items, TrainOptions(signal_ids=ids, seed=seed, balance_sources=balance_sources), info
    )
    card = write_model(verdict_model, output)
    click.echo(f"wrote {output} and {card}")


def _redact(url: str) -> str:
    """A store URL without its password, for the model card.

    >>> _redact("postgresql://ana:secret@db/hoaxlens")
    'postgresql://ana:***@db/hoaxlens'
    """
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"


@cli.group()
def config() -> None:
    """Inspect configuration."""


@config.command(name="show")
@config_option
def config_show(config: Path | None) -> None:
    """Print the effective settings as JSON."""
    click.echo(json.dumps(settings_from(config).model_dump(), indent=2))


register_commands(cli)


def main() -> None:
    """Entry point: library errors become exit status 1 with their message."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except HoaxlensError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)

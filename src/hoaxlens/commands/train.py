"""``hoaxlens train``: fit the verdict model on labelled data and write it with its card."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import config_option, output_option, settings_from

if TYPE_CHECKING:
    from pathlib import Path


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
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
@config_option
def train(
    paths: tuple[str, ...],
    where: tuple[str, ...],
    output: Path,
    stores: tuple[str, ...],
    seed: int,
    signal_ids: str,
    balance_sources: bool,
    config: Path | None,
) -> None:
    """Train the verdict model on labelled JSONL and write it as JSON (needs [train])."""
    from hoaxlens.service.labels import load_labeled
    from hoaxlens.training.labeled import parse_where
    from hoaxlens.training.run import StoreLabels, train_to_file
    from hoaxlens.training.train import TrainOptions

    if not paths and not stores:
        raise click.UsageError("give labelled JSONL files, --from-store URL, or both")
    normalize = settings_from(config).normalize  # train as the analyzer will normalize
    ids = tuple(s.strip() for s in signal_ids.split(",") if s.strip())
    run = train_to_file(
        paths,
        output,
        where=parse_where(where),
        stores=[StoreLabels(url, load_labeled(url)) for url in stores],
        options=TrainOptions(
            signal_ids=ids, seed=seed, balance_sources=balance_sources, normalize=normalize
        ),
    )
    if run.unreadable_records:
        click.echo(f"skipped {run.unreadable_records} unreadable records (no text)", err=True)
    click.echo(f"wrote {run.model_path} and {run.card_path}")

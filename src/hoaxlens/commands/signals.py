"""``hoaxlens signals``: the available signals, built-in and plugins."""

from __future__ import annotations

import click


@click.command()
def signals() -> None:
    """List the available signals (built-in and plugins) with their summaries."""
    from hoaxlens.signals import available_signals

    for signal_id, cls in available_signals().items():
        note = "" if cls.default_enabled else " (off by default: name it in train --signals)"
        click.echo(f"{signal_id:32} {cls.summary}{note}")

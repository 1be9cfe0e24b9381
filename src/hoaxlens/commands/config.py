"""``hoaxlens config``: inspect the configuration."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import config_option, settings_from

if TYPE_CHECKING:
    from pathlib import Path


@click.group()
def config() -> None:
    """Inspect configuration."""


@config.command(name="show")
@config_option
def config_show(config: Path | None) -> None:
    """Print the effective settings as JSON."""
    click.echo(json.dumps(settings_from(config).to_dict(), indent=2))

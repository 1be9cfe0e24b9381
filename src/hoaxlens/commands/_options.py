"""Options and helpers shared by every command module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.config import Settings

EXIT_RECORD_ERRORS = 3  # the run finished, but some records are error rows


def settings_from(config: Path | None) -> Settings:
    """Settings from a TOML file, or the defaults."""
    from hoaxlens.config import Settings

    return Settings.from_toml(config) if config else Settings()


def config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--config PATH`` (TOML)."""
    return click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        help="TOML settings file (see README: Configuration).",
    )(fn)


def model_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--model`` and ``--threshold``."""
    fn = click.option(
        "--model",
        type=click.Path(dir_okay=False),
        default=None,
        help="Verdict model JSON (default: the model shipped in the package).",
    )(fn)
    return click.option(
        "--threshold",
        type=click.FloatRange(0, 1),
        default=None,
        help="Score at or above which a story is labelled fabricated.",
    )(fn)

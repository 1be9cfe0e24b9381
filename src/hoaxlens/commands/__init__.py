"""Command modules of the ``hoaxlens`` CLI, found by discovery.

Each module in this package exposes ``COMMANDS``, a tuple of ``click.Command`` objects.
Modules import heavy dependencies (FastAPI, PySpark, …) inside the command functions, so
``hoaxlens --help`` stays fast and works without the optional extras.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click


def register_commands(group: click.Group) -> None:
    """Add every command of every module in this package to ``group``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in module.COMMANDS:
            group.add_command(command)

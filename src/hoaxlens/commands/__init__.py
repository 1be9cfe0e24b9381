"""The commands of the ``hoaxlens`` CLI, one module each, listed here in one place.

Each module defines one ``click`` command that parses its options, calls a library
function and prints. Modules import heavy dependencies (FastAPI, PySpark, scikit-learn, …)
inside the command functions, so ``hoaxlens --help`` stays fast and works without the
optional extras. A command's module is imported when the command is looked up
(``CommandGroup``): ``hoaxlens scan`` imports the scan command's module alone, ``--help``
every one (it shows each one's summary). A new command is a new module here plus one entry
in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import EXIT_FATAL, EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COMMAND_MODULES",
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_RECORD_ERRORS",
    "EXIT_USAGE",
    "CommandGroup",
    "all_commands",
    "load_command",
]

# command name -> (module under hoaxlens.commands, the command's name there), in the order
# of the README's command table (``--help`` lists them alphabetically)
COMMAND_MODULES: Mapping[str, tuple[str, str]] = {
    "scan": ("scan", "scan"),
    "fetch": ("fetch", "fetch"),
    "clean": ("clean", "clean"),
    "eval": ("eval", "eval_cmd"),
    "train": ("train", "train"),
    "cluster": ("cluster", "cluster"),
    "report": ("report", "report"),
    "networks": ("networks", "networks"),
    "serve": ("serve", "serve"),
    "users": ("users", "users"),
    "spark-scan": ("spark_scan", "spark_scan"),
    "signals": ("signals", "signals"),
    "config": ("config", "config"),
}


def load_command(name: str) -> click.Command:
    """The command called ``name`` (one of ``COMMAND_MODULES``), its module imported."""
    module, attribute = COMMAND_MODULES[name]
    command = getattr(importlib.import_module(f"hoaxlens.commands.{module}"), attribute)
    if not isinstance(command, click.Command) or command.name != name:
        raise TypeError(f"hoaxlens.commands.{module}.{attribute} is not the command {name!r}")
    return command


def all_commands() -> tuple[click.Command, ...]:
    """Every command, in the README's order (their modules imported)."""
    return tuple(load_command(name) for name in COMMAND_MODULES)


class CommandGroup(click.Group):
    """A group of the commands of ``COMMAND_MODULES``, each imported when looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted (what ``--help`` lists)."""
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported on the first look-up."""
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self.add_command(load_command(cmd_name))
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command ``args`` starts with, as click resolves it.

        A name that is no command loads every command first: click's "Did you mean"
        suggestions read the names of the commands loaded.
        """
        if args and self.get_command(ctx, args[0]) is None:
            for name in COMMAND_MODULES:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

"""The commands of the ``hoaxlens`` CLI, one module each, listed here in one place.

Each module defines one ``click`` command that parses its options, calls a library
function and prints. Modules import heavy dependencies (FastAPI, PySpark, scikit-learn, …)
inside the command functions, so ``hoaxlens --help`` stays fast and works without the
optional extras. A new command is a new module here plus one entry in ``COMMANDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.commands._options import EXIT_FATAL, EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE
from hoaxlens.commands.clean import clean
from hoaxlens.commands.cluster import cluster
from hoaxlens.commands.config import config
from hoaxlens.commands.eval import eval_cmd
from hoaxlens.commands.fetch import fetch
from hoaxlens.commands.networks import networks
from hoaxlens.commands.report import report
from hoaxlens.commands.scan import scan
from hoaxlens.commands.serve import serve
from hoaxlens.commands.signals import signals
from hoaxlens.commands.spark_scan import spark_scan
from hoaxlens.commands.train import train
from hoaxlens.commands.users import users

if TYPE_CHECKING:
    import click

__all__ = [
    "COMMANDS",
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_RECORD_ERRORS",
    "EXIT_USAGE",
    "register_commands",
]

# The order of the README's command table (``--help`` lists them alphabetically).
COMMANDS: tuple[click.Command, ...] = (
    scan,
    fetch,
    clean,
    eval_cmd,
    train,
    cluster,
    report,
    networks,
    serve,
    users,
    spark_scan,
    signals,
    config,
)


def register_commands(group: click.Group) -> None:
    """Add every command of ``COMMANDS`` to ``group``."""
    for command in COMMANDS:
        group.add_command(command)

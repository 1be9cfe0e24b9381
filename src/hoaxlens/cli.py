"""Command line: the ``hoaxlens`` group, logging set-up and the exit status contract.

The commands themselves live in ``hoaxlens.commands``, one module each, imported when
the command is looked up (``hoaxlens scan`` imports the scan command alone).

Exit status: 0 success; 1 a fatal error (bad config, unreadable model); 2 usage error
(a bad option, a missing argument, a path that does not exist); 3 the run finished but
some records are error rows (every input still has its record).
"""

from __future__ import annotations

import logging
import sys

import click

from hoaxlens.commands import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_RECORD_ERRORS,
    EXIT_USAGE,
    CommandGroup,
)
from hoaxlens.errors import HoaxlensError

__all__ = ["EXIT_FATAL", "EXIT_OK", "EXIT_RECORD_ERRORS", "EXIT_USAGE", "cli", "main"]


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hoaxlens")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """Find fabricated celebrity viral stories, with the evidence for every score."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    """Entry point: library errors become exit status 1 with their message."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_FATAL)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except HoaxlensError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    except BrokenPipeError:
        sys.exit(EXIT_OK)

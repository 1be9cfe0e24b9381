"""``hoaxlens fetch``: fetch a list of URLs politely into a WARC file (the evidence)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import (
    EXIT_RECORD_ERRORS,
    config_option,
    fetch_config,
    fetch_options,
    output_option,
    settings_from,
)

if TYPE_CHECKING:
    from pathlib import Path


@click.command()
@click.argument("url_list", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@output_option("The WARC file to write (.warc.gz; appended to if it exists).", required=True)
@fetch_options
@config_option
def fetch(
    url_list: str,
    output: Path,
    allow_networks: tuple[str, ...],
    per_host_interval: float,
    fetch_timeout: float,
    fetch_concurrency: int,
    config: Path | None,
) -> None:
    """Fetch the URLs of URL_LIST (one a line, '#' comments; '-' for stdin) into a WARC.

    Polite: robots.txt is obeyed, one host gets a request at most every
    --per-host-interval seconds and at most 2 at a time, 429/5xx are retried after
    Retry-After. Every exchange is kept (robots.txt, redirects, retries); a URL that gives
    no page gets a metadata record saying why. 'hoaxlens scan OUTPUT' then gives one
    record per URL, in order. Private and loopback addresses are refused unless
    --allow-network opens a range.
    """
    from hoaxlens.fetch import fetch_to_warc, read_url_list

    settings = settings_from(config)
    if url_list == "-":
        urls = read_url_list(sys.stdin)
    else:
        with open(url_list, encoding="utf-8") as lines:  # noqa: PTH123 - a str from click
            urls = read_url_list(lines)
    fetching = fetch_config(
        allow_networks=allow_networks,
        per_host_interval=per_host_interval,
        fetch_timeout=fetch_timeout,
        fetch_concurrency=fetch_concurrency,
        max_bytes=settings.ingest.max_bytes,
    )
    summary = fetch_to_warc(urls, output, fetching)
    click.echo(
        f"{output}: {len(urls) - summary.failed} of {len(urls)} URLs fetched "
        f"in {summary.seconds:.1f} s",
        err=True,
    )
    for outcome in summary.outcomes:
        if not outcome.ok:
            click.echo(f"  {outcome.requested}: {outcome.error_type}", err=True)
    if summary.failed:
        sys.exit(EXIT_RECORD_ERRORS)

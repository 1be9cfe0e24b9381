"""``hoaxlens scan``: one output record per input document, in order, on every core."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from hoaxlens.commands._options import (
    config_option,
    exit_if_error_rows,
    fetch_config,
    fetch_options,
    field_options,
    input_paths,
    is_url,
    model_options,
    output_option,
    settings_from,
    with_fields,
)
from hoaxlens.output.formats import FORMATS, format_for_path, get_format

if TYPE_CHECKING:
    from hoaxlens.analyzer import AnalyzerConfig

STDIN = "-"


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@click.command()
@input_paths(urls=True)
@click.option(
    "--warc",
    "warc_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where the fetches of URL inputs are kept (a new .warc.gz; default: "
    "hoaxlens-fetch-<time>.warc.gz here).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    default=False,
    help="Fetch the landing page of every link post (a post that is a link, or a short "
    "teaser and a link) into the WARC (--warc), politely and through the address guard, and "
    "judge the teaser and the page's story together.",
)
@click.option(
    "--pages",
    "pages",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="PATH",
    help="A crawl (.warc/.warc.gz), HTML files or a folder of them holding link posts' "
    "landing pages: each link post is paired with its page from there (found by address). "
    "Repeatable; with --follow-links only the pages missing from them are fetched.",
)
@fetch_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS, key=lambda name: name != "table")),
    default=None,
    help="Output format (default: table on a terminal, else jsonl; or from --output).",
)
@output_option("Write to this file instead of stdout (needed for parquet).")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores).",
)
@click.option(
    "--resume",
    "run_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="RUN_DIR",
    help="Make the run resumable in RUN_DIR; run the same command again to continue it "
    "after a crash or kill. Output defaults to RUN_DIR/output.<format>.",
)
@click.option(
    "--max-bad-fraction",
    type=click.FloatRange(0, 1),
    default=None,
    help="Fail (exit 1) when more than this share of the records are error rows.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal).",
)
@click.option(
    "--budget",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="CPU seconds one document may cost before it becomes an 'analyze_timeout' error "
    "row (default: [batch] budget_seconds of the config file, 5; 0: no limit).",
)
@click.option("--chunk-size", type=click.IntRange(min=1), default=64, hidden=True)
@model_options
@field_options
@config_option
def scan(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    workers: int | None,
    run_dir: Path | None,
    max_bad_fraction: float | None,
    progress: bool | None,
    chunk_size: int,
    budget: float | None,
    model: str | None,
    threshold: float | None,
    config: Path | None,
    fields: dict[str, str],
    warc_path: Path | None,
    follow_links: bool,
    pages: tuple[Path, ...],
    allow_networks: tuple[str, ...],
    per_host_interval: float,
    fetch_timeout: float,
    fetch_concurrency: int,
) -> None:
    """Analyze files, directories or '-' (stdin): one record per input document, in order.

    PATHS may be .txt, .html/.htm, .jsonl/.ndjson, .json, .csv or .parquet exports,
    .warc/.warc.gz crawls (HTML responses), any of the text kinds gzipped (.gz), directories
    (read recursively), '-' for stdin (text or HTML), or http(s) URLs: fetched politely
    (see 'hoaxlens fetch') into a WARC (--warc), which is then scanned; URLs' records come
    where the first URL stands.

    Link posts (a post that is a link, or a short teaser and a link) are paired with their
    landing page with --follow-links (fetched) or --pages (found in a crawl): the record
    keeps the post ('post') and the page ('page'), and the verdict reads the teaser, then
    the page's story. A link post whose page cannot be had gives an error row (stage fetch).
    """
    from hoaxlens.batch import BatchOptions, run_batch
    from hoaxlens.batch.budget import Budget

    settings = settings_from(config)
    analyzer_config = with_fields(
        settings.analyzer_config(model=model, threshold=threshold), fields
    )
    fetching = None  # the fetcher (httpx) is imported only for a run that may fetch
    if follow_links or allow_networks or any(is_url(p) for p in paths):
        fetching = fetch_config(  # also checks --allow-network's networks
            allow_networks=allow_networks,
            per_host_interval=per_host_interval,
            fetch_timeout=fetch_timeout,
            fetch_concurrency=fetch_concurrency,
            max_bytes=analyzer_config.ingest.max_bytes,
        )
    url_warc = None
    if any(is_url(p) for p in paths):
        paths, url_warc = _fetch_urls(paths, warc_path, fetching)
    stdin: BinaryIO = sys.stdin.buffer
    page_paths = tuple(str(p) for p in (*analyzer_config.ingest.pages, *pages))
    if follow_links:
        from hoaxlens.ingest.reader import post_inputs

        # the crawls and pages among the inputs may hold the landing pages already
        page_paths += tuple(p for p in post_inputs(paths, pages=True) if p not in page_paths)
        if STDIN in paths:  # read twice: once for the links, once to scan
            stdin = io.BytesIO(stdin.read(analyzer_config.ingest.max_bytes + 1))
        warc = _links_warc(warc_path, url_warc)
        fetched = _fetch_links(paths, page_paths, warc, fetching, analyzer_config, stdin)
        page_paths += (str(fetched),) if fetched is not None else ()
        if isinstance(stdin, io.BytesIO):
            stdin.seek(0)
    if page_paths or follow_links:
        ingest = replace(analyzer_config.ingest, pages=page_paths, link_posts=True)
        analyzer_config = replace(analyzer_config, ingest=ingest)
    if fmt is None:
        fmt = _default_format(output, run_dir)
    if get_format(fmt).needs_file and output is None and run_dir is None:
        raise click.UsageError("--format parquet needs -o/--output FILE (Parquet is binary)")
    options = BatchOptions(
        paths=paths,
        fmt=fmt,
        config=analyzer_config,
        output=output,
        workers=workers or default_workers(),
        run_dir=run_dir,
        chunk_size=chunk_size,
        max_bad_fraction=max_bad_fraction,
        budget=Budget(settings.batch.budget_seconds if budget is None else budget),
    )
    show_progress = sys.stderr.isatty() if progress is None else progress
    console = None
    if show_progress:
        from rich.console import Console

        console = Console(stderr=True)
    summary = run_batch(options, stream=sys.stdout, stdin=stdin, progress_console=console)
    if summary.already_complete:
        click.echo(f"{run_dir} is already complete ({summary.records} records)", err=True)
    exit_if_error_rows(summary.errors, summary.records)


def _default_format(output: Path | None, run_dir: Path | None) -> str:
    if output is not None:
        known = format_for_path(output)
        return known.name if known is not None else "jsonl"
    if run_dir is not None:
        return "jsonl"
    return "table" if sys.stdout.isatty() else "jsonl"


def _fetch_urls(
    paths: tuple[str, ...], warc_path: Path | None, fetching: object
) -> tuple[tuple[str, ...], Path]:
    """Fetch the URL inputs into a new WARC; the inputs with that WARC in the URLs' place."""
    from hoaxlens.fetch import FetchConfig, default_warc_path, fetch_to_warc

    assert isinstance(fetching, FetchConfig)  # noqa: S101 - built by fetch_config
    warc = warc_path or default_warc_path()
    if warc.exists():
        raise click.UsageError(f"--warc {warc} exists; give a new file (scan reads all of it)")
    urls = [p for p in paths if is_url(p)]
    summary = fetch_to_warc(urls, warc, fetching)
    click.echo(
        f"{warc}: fetched {len(urls) - summary.failed} of {len(urls)} URLs "
        f"in {summary.seconds:.1f} s",
        err=True,
    )
    first = next(i for i, p in enumerate(paths) if is_url(p))
    rest = [p for p in paths if not is_url(p)]
    return (*rest[:first], str(warc), *rest[first:]), warc


def _links_warc(warc_path: Path | None, url_warc: Path | None) -> Path:
    """Where landing pages go: ``--warc``, or beside the WARC of this run's URL inputs."""
    from hoaxlens.fetch import default_warc_path

    if url_warc is not None:  # that one is scanned: the pages must not become records
        return url_warc.with_name(url_warc.name.replace(".warc", "-links.warc", 1))
    warc = warc_path or default_warc_path()
    if warc.exists():
        raise click.UsageError(
            f"--warc {warc} exists; give a new file (or --pages {warc} to use its pages)"
        )
    return warc


def _fetch_links(
    paths: tuple[str, ...],
    page_paths: tuple[str, ...],
    warc: Path,
    fetching: object,
    config: AnalyzerConfig,
    stdin: BinaryIO,
) -> Path | None:
    """Fetch the landing pages of the inputs' link posts (those not in ``page_paths``).

    Returns:
        The WARC they were written to, or ``None`` when there was nothing to fetch.
    """
    from hoaxlens.fetch import FetchConfig, fetch_to_warc
    from hoaxlens.ingest import read_documents
    from hoaxlens.ingest.pages import PageStore
    from hoaxlens.ingest.posts import clean_link, link_post, url_key
    from hoaxlens.ingest.reader import post_inputs
    from hoaxlens.types import RawDocument

    assert isinstance(fetching, FetchConfig)  # noqa: S101 - built by fetch_config
    ingest = replace(config.ingest, pages=(), link_posts=True)  # read posts, pair none
    known = PageStore(page_paths, ingest) if page_paths else None
    links: dict[str, str] = {}
    for item in read_documents(post_inputs(paths), config=ingest, stdin=stdin):
        post = link_post(item) if isinstance(item, RawDocument) else None
        if post is None:
            continue
        link = clean_link(post.link)
        if known is not None and known.has_page(link):
            continue
        links.setdefault(url_key(link), link)
    if not links:
        return None
    summary = fetch_to_warc(list(links.values()), warc, fetching)
    click.echo(
        f"{warc}: fetched {len(links) - summary.failed} of {len(links)} linked pages "
        f"in {summary.seconds:.1f} s",
        err=True,
    )
    return warc

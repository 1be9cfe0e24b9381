"""Options and helpers shared by every command module."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.analyzer import AnalyzerConfig
    from hoaxlens.cluster.paraphrase import Embedder
    from hoaxlens.config import Settings

# Exit status, the README's contract for every command.
EXIT_OK = 0
EXIT_FATAL = 1  # a library error (bad config, unreadable model): the message goes to stderr
EXIT_USAGE = 2  # click's usage errors: a bad option, a missing argument, a path that is not there
EXIT_RECORD_ERRORS = 3  # the run finished, but some records are error rows

# hoaxlens.cluster.paraphrase.DEFAULT_PARAPHRASE_THRESHOLD (a test keeps them equal): importing
# that module here would load NumPy and the cluster package on every ``--help``.
DEFAULT_PARAPHRASE_THRESHOLD = 0.83


def settings_from(config: Path | None) -> Settings:
    """Settings from a TOML file, or the defaults."""
    from hoaxlens.config import Settings

    return Settings.from_toml(config) if config else Settings()


def input_paths(
    *, stdin: bool = True, urls: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``PATHS...``: files or folders that must exist, ``-`` (``stdin``), URLs (``urls``).

    A mistyped path is a usage error (exit 2) before any work starts; a file that exists
    but cannot be read still becomes an error row.
    """
    kind = (PathOrUrl if urls else click.Path)(exists=True, allow_dash=stdin)
    return click.argument("paths", nargs=-1, required=True, type=kind)


def exit_if_error_rows(errors: int, records: int) -> None:
    """Say how many records are error rows and exit 3, when there are any."""
    if errors:
        click.echo(
            f"{errors} of {records} records could not be analysed (see their 'error')", err=True
        )
        raise SystemExit(EXIT_RECORD_ERRORS)


def deprecated_option(
    old: str, new: str, kind: click.ParamType[Any, Any]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A hidden option kept one release for old scripts; using it warns on stderr.

    Its value arrives as ``deprecated_<name>`` (``--threshold``: ``deprecated_threshold``).
    """

    def warn(ctx: click.Context, param: click.Parameter, value: object) -> object:
        if value is not None:
            old_usage = f"hoaxlens {ctx.info_name} {old}"
            click.echo(f"warning: '{old_usage}' is deprecated; use {new}", err=True)
        return value

    dest = "deprecated_" + old.lstrip("-").replace("-", "_")
    return click.option(old, dest, type=kind, hidden=True, default=None, callback=warn)


def config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--config PATH`` (TOML)."""
    return click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        help="TOML settings file (see README: Configuration).",
    )(fn)


def output_option(
    help: str,
    *,
    required: bool = False,
    folder: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o/--output PATH``: a file (or, with ``folder``, a directory) to write."""
    kind = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option("-o", "--output", type=kind, required=required, help=help)


def model_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--model PATH``: another verdict model (a missing one is a fatal error, exit 1)."""
    return click.option(
        "--model",
        type=click.Path(dir_okay=False),
        default=None,
        help="Verdict model JSON (default: the model shipped in the package).",
    )(fn)


def model_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--model`` and ``--threshold`` (the score cutoff for 'fabricated', in every command)."""
    return click.option(
        "--threshold",
        type=click.FloatRange(0, 1),
        default=None,
        help="Score at or above which a story is labelled fabricated.",
    )(model_option(fn))


def cluster_threshold_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--cluster-threshold``: the Jaccard similarity that joins two stories (not a score)."""
    return click.option(
        "--cluster-threshold",
        type=click.FloatRange(0.05, 1.0),
        default=None,
        help="Estimated Jaccard similarity (of masked 5-word shingles) that joins two stories.",
    )(fn)


def paraphrase_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--paraphrases`` and ``--paraphrase-threshold`` (the optional embedding pass)."""
    fn = click.option(
        "--paraphrase-threshold",
        type=click.FloatRange(0.5, 1.0),
        default=DEFAULT_PARAPHRASE_THRESHOLD,
        show_default=True,
        help="Embedding cosine similarity that merges two templates (with --paraphrases).",
    )(fn)
    return click.option(
        "--paraphrases",
        is_flag=True,
        help="Second pass: merge templates that are rewrites of one story, using the "
        "sentence embeddings of the 'embed' extra (offline; about 40 ms per template).",
    )(fn)


def embedder_for(paraphrases: bool) -> Embedder | None:
    """The paraphrase pass's embedder when ``--paraphrases`` is given, else None."""
    if not paraphrases:
        return None
    from hoaxlens.cluster.paraphrase import EmbedderUnavailableError, MiniLMEmbedder

    try:
        return MiniLMEmbedder()
    except EmbedderUnavailableError as exc:
        raise click.ClickException(str(exc)) from exc


# Field roles of ``--text-field`` …, in the order ``--help`` lists them.
FIELD_ROLES = ("text", "html", "url", "id", "title", "date")
PRESET_NAMES = ("crowdtangle", "facebook-download", "meta-content-library", "x-api")


def field_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--preset`` and ``--text-field`` … ``--date-field``, passed on as ``fields``.

    ``fields`` is a dict of ``IngestConfig`` settings (``preset``, ``text_field``, …) for
    ``with_fields``; options not given are left out, so the config file's stay.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - click passes anything
        fields = {
            name: kwargs.pop(name)
            for name in ("preset", *(f"{role}_field" for role in FIELD_ROLES))
        }
        return fn(*args, fields={k: v for k, v in fields.items() if v is not None}, **kwargs)

    for role in reversed(FIELD_ROLES):
        wrapper = click.option(
            f"--{role}-field",
            default=None,
            metavar="NAME",
            help=f"Field (CSV column, JSON key or dotted path) holding the {role}"
            + (" (the post text)" if role == "text" else "")
            + ".",
        )(wrapper)
    return click.option(
        "--preset",
        type=click.Choice(PRESET_NAMES),
        default=None,
        help="Read the columns of a known export (README: Field mapping and presets).",
    )(wrapper)


def with_fields(config: AnalyzerConfig, fields: dict[str, str]) -> AnalyzerConfig:
    """``config`` with the field options of the command line over the config file's."""
    if not fields:
        return config
    return replace(config, ingest=replace(config.ingest, **fields))  # type: ignore[arg-type]  # str settings only


def is_url(value: str) -> bool:
    """Whether a command-line input is an http(s) URL rather than a path."""
    return value.startswith(("http://", "https://"))


class PathOrUrl(click.Path):
    """An input path that must exist, ``-``, or an http(s) URL (fetched, not opened)."""

    name = "path_or_url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:  # noqa: ANN401
        """Pass URLs through; check paths as ``click.Path`` does."""
        if isinstance(value, str) and is_url(value):
            return value
        return super().convert(value, param, ctx)


def fetch_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The fetcher's options: allowed networks, per-host interval, timeout, concurrency."""
    fn = click.option(
        "--fetch-concurrency",
        type=click.IntRange(min=1),
        default=16,
        show_default=True,
        help="Requests in flight in all (each host gets at most 2).",
    )(fn)
    fn = click.option(
        "--fetch-timeout",
        type=click.FloatRange(min=0.1),
        default=20.0,
        show_default=True,
        metavar="SECONDS",
        help="Connect and read timeout of a fetch (a whole response: 3x this).",
    )(fn)
    fn = click.option(
        "--per-host-interval",
        type=click.FloatRange(min=0),
        default=1.0,
        show_default=True,
        metavar="SECONDS",
        help="Least time between two requests to one host (robots.txt Crawl-delay can add).",
    )(fn)
    return click.option(
        "--allow-network",
        "allow_networks",
        multiple=True,
        metavar="CIDR",
        help="Let fetches reach this private/loopback range (refused by default), e.g. "
        "127.0.0.0/8. Repeatable.",
    )(fn)


def fetch_config(
    *,
    allow_networks: tuple[str, ...],
    per_host_interval: float,
    fetch_timeout: float,
    fetch_concurrency: int,
    max_bytes: int,
) -> Any:  # noqa: ANN401 - FetchConfig, imported lazily
    """The ``FetchConfig`` of the fetch options (a bad CIDR is a usage error)."""
    from hoaxlens.fetch import FetchConfig

    try:
        return FetchConfig(
            allowed_networks=allow_networks,
            per_host_interval=per_host_interval,
            connect_timeout=fetch_timeout,
            read_timeout=fetch_timeout,
            total_timeout=3 * fetch_timeout,
            concurrency=fetch_concurrency,
            max_bytes=max_bytes,
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--allow-network") from exc

"""Options and helpers shared by every command module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.cluster.paraphrase import Embedder
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


def output_option(
    help: str,
    *,
    required: bool = False,
    folder: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o/--output PATH``: a file (or, with ``folder``, a directory) to write."""
    kind = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option("-o", "--output", type=kind, required=required, help=help)


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


def paraphrase_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--paraphrases`` and ``--paraphrase-threshold`` (the optional embedding pass)."""
    from hoaxlens.cluster.paraphrase import DEFAULT_PARAPHRASE_THRESHOLD

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

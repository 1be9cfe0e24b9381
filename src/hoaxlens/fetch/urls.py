"""URL lists and where a run's WARC goes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def read_url_list(lines: Iterable[str]) -> list[str]:
    """The URLs of a list: one a line; blank lines and ``#`` comments skipped.

    >>> read_url_list(["# seeds", "https://a.example/x  ", "", "https://b.example/"])
    ['https://a.example/x', 'https://b.example/']
    """
    return [s for line in lines if (s := line.strip()) and not s.startswith("#")]


def default_warc_path(directory: Path | None = None) -> Path:
    """``hoaxlens-fetch-<UTC time>.warc.gz`` in ``directory`` (the working directory)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (directory or Path()) / f"hoaxlens-fetch-{stamp}.warc.gz"

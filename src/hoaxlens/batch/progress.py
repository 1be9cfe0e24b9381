"""Progress on a terminal: records done, rate and ETA (rich), silent when not a TTY.

The total is estimated cheaply before the run (:func:`estimate_records`): one per text or
HTML file, lines of JSONL/CSV, row counts from Parquet footers. WARC files are not
pre-scanned (that would read the crawl twice), so a run with WARC input shows the rate
and elapsed time without an ETA.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rich.console import Console

_READ = 1 << 20


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        """Render the task's speed."""
        speed = task.finished_speed or task.speed
        return Text("-- docs/s" if speed is None else f"{speed:,.0f} docs/s", style="cyan")


def make_progress(console: Console) -> Progress:
    """A progress display: spinner, description, bar, done/total, rate, elapsed, ETA."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def _count_lines(path: Path, compressed: bool) -> int:
    lines = 0
    last = b"\n"
    opener = gzip.open if compressed else open
    with opener(path, "rb") as stream:
        while block := stream.read(_READ):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def estimate_records(files: Iterable[Path]) -> int | None:
    """Roughly how many records ``files`` hold; None when unknown (WARC input).

    Blank JSONL lines and CSV rows spanning lines make this an estimate; the bar's total is
    corrected when the run ends.
    """
    import pyarrow.parquet as pq

    total = 0
    for path in files:
        suffixes = [s.lower() for s in path.suffixes]
        compressed = bool(suffixes) and suffixes[-1] == ".gz"
        kind = suffixes[-2] if compressed and len(suffixes) > 1 else (suffixes or [""])[-1]
        try:
            if kind == ".warc":
                return None
            if kind in (".jsonl", ".ndjson"):
                total += _count_lines(path, compressed)
            elif kind == ".csv":
                total += max(_count_lines(path, compressed) - 1, 0)
            elif kind == ".parquet":
                total += pq.ParquetFile(path).metadata.num_rows
            else:
                total += 1
        except Exception:
            total += 1
    return total

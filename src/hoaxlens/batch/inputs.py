"""Input paths → the files a run reads, and a fingerprint to recognise the same run.

The expansion matches ``hoaxlens.ingest.read_documents``: a directory is read recursively,
sorted, skipping hidden files and folders; anything else is passed through as given (a
missing path still becomes one error row when it is read).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

from hoaxlens.ingest.reader import iter_files

STDIN = "-"


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files under ``paths`` in the order ``read_documents`` reads them ('-' excluded)."""
    files: list[Path] = []
    for item in paths:
        if str(item) == STDIN:
            continue
        path = Path(item)
        if path.is_dir():
            files.extend(iter_files(path))  # the same walk as read_documents
        else:
            files.append(path)
    return files


def fingerprint(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Path, size and modification time of every input file (None where unreadable)."""
    out: list[dict[str, Any]] = []
    for path in expand_inputs(paths):
        try:
            stat = path.stat()
            out.append(
                {"path": path.as_posix(), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
            )
        except OSError:
            out.append({"path": path.as_posix(), "size": None, "mtime_ns": None})
    return out

"""A resumable run's directory: its manifest and its committed-offset journal.

Layout of ``RUN_DIR``::

    run.json        what the run is (inputs with sizes and mtimes, format, output, config);
                    a resume with different inputs or settings is refused
    journal.jsonl   one line per commit: records written so far, the output position
                    (byte offset, or number of Parquet parts), the last committed id;
                    each line is fsynced after the output it describes was fsynced
    parts/          Parquet parts (Parquet only), merged into the output at the end
    summary.json    written when the run completes

The output is always ahead of or equal to the journal, never behind it, so a resume
truncates the output back to the last committed position (dropping a torn tail) and skips
exactly the input records already committed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from hoaxlens.errors import ConfigError
from hoaxlens.output.sinks import fsync_dir

if TYPE_CHECKING:
    from pathlib import Path

MANIFEST = "run.json"
JOURNAL = "journal.jsonl"
SUMMARY = "summary.json"
PARTS = "parts"


@dataclass(frozen=True, slots=True)
class Commit:
    """One journal line: everything up to here is durable in the output."""

    records: int  # output records committed (= input records consumed)
    errors: int  # of which error rows
    position: int  # byte offset of the output file, or number of Parquet parts
    last_id: str  # id of the last committed record ("" before the first)
    counts: dict[str, int] = field(default_factory=dict)  # "label:…" and "error:stage/type"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a fsynced temporary file and a rename."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    tmp.replace(path)
    fsync_dir(path.parent)


class RunDir:
    """The manifest and journal of one resumable run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.journal_path = root / JOURNAL
        self._journal: Any = None

    @property
    def parts_dir(self) -> Path:
        """Where Parquet parts are staged."""
        return self.root / PARTS

    def open(self, manifest: dict[str, Any]) -> None:
        """Create the run, or check that ``RUN_DIR`` holds this same run.

        Raises:
            ConfigError: when ``RUN_DIR`` holds a run with other inputs or settings.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        manifest_path = self.root / MANIFEST
        if not manifest_path.exists():
            write_atomic(manifest_path, json.dumps(manifest, indent=2, sort_keys=True))
            return
        saved = json.loads(manifest_path.read_text(encoding="utf-8"))
        if saved != manifest:
            keys = manifest.keys() | saved.keys()
            changed = sorted(k for k in keys if saved.get(k) != manifest.get(k))
            raise ConfigError(
                f"{self.root} holds a run with different {', '.join(changed)}; "
                "resume with the same inputs and options, or use a new RUN_DIR"
            )

    def start(self) -> Commit:
        """Open the journal for appending; return the last durable commit (zeros if none)."""
        commit = self._last_commit()
        self._journal = self.journal_path.open("ab")
        return commit

    def _last_commit(self) -> Commit:
        """The last whole journal line; a torn last line is cut off the file."""
        last = Commit(0, 0, 0, "")
        if not self.journal_path.exists():
            return last
        data = self.journal_path.read_bytes()
        good = 0
        for line in data.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break  # torn by a kill mid-write: never fsynced, so never acknowledged
            try:
                last = Commit(**json.loads(line))
            except (ValueError, TypeError):
                break
            good += len(line)
        if good != len(data):
            with self.journal_path.open("r+b") as stream:
                stream.truncate(good)
                os.fsync(stream.fileno())
        return last

    def commit(self, commit: Commit) -> None:
        """Append ``commit`` and fsync it (call after the output itself was fsynced)."""
        self._journal.write(json.dumps(asdict(commit)).encode() + b"\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())

    def summary(self) -> dict[str, Any] | None:
        """The summary of a completed run, or None while it is unfinished."""
        path = self.root / SUMMARY
        if not path.exists():
            return None
        result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return result

    def finish(self, summary: dict[str, Any]) -> None:
        """Mark the run complete."""
        write_atomic(self.root / SUMMARY, json.dumps(summary, indent=2, sort_keys=True))
        self.close()

    def close(self) -> None:
        """Close the journal."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None

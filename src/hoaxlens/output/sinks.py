"""Incremental writers: records go out chunk by chunk, and each commit is durable.

A sink's ``position`` is what the journal records: the byte offset of a JSONL/CSV file or
the number of Parquet parts. ``open_sink(..., resume_at=position)`` cuts anything written
after that position (records of a chunk that was never committed, or a torn last line).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TextIO

if TYPE_CHECKING:
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.parquet as pq
    from rich.console import Console

    from hoaxlens.types import Failure, Verdict

PARQUET_ROW_GROUP = 2048  # rows buffered before a row group is written (non-resumable)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Sink(Protocol):
    """Where serialized chunks go."""

    def write(self, data: Any) -> None:  # noqa: ANN401 - format-specific chunk data
        """Write one chunk (``ChunkResult.data``)."""

    def commit(self) -> int:
        """Make everything written so far durable; return the position to journal."""

    def close(self) -> None:
        """Flush and close."""


class TextStreamSink:
    """JSONL/CSV to a text stream such as stdout (not resumable)."""

    def __init__(self, stream: TextIO, header: str = "") -> None:
        self.stream = stream
        if header:
            stream.write(header)

    def write(self, data: Any) -> None:  # noqa: ANN401
        """Write a chunk of lines."""
        self.stream.write(data)
        self.stream.flush()

    def commit(self) -> int:
        """Nothing to make durable on a stream."""
        return 0

    def close(self) -> None:
        """Flush the stream (it is not ours to close)."""
        self.stream.flush()


class TableSink:
    """The terminal table: collects every result, draws the table on ``close``."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.items: list[Verdict | Failure] = []

    def write(self, data: Any) -> None:  # noqa: ANN401
        """Collect a chunk of results."""
        self.items.extend(data)

    def commit(self) -> int:
        """A table is drawn once, at the end: nothing to make durable."""
        return 0

    def close(self) -> None:
        """Draw the table."""
        from hoaxlens.output.table import write_table

        write_table(self.items, self.console)


class TextFileSink:
    """JSONL/CSV to a file, appended in bytes so the journal can hold exact offsets."""

    def __init__(self, path: Path, *, header: str = "", resume_at: int | None = None) -> None:
        self.path = path
        self.file: BinaryIO
        if resume_at is None or not path.exists():
            self.file = path.open("wb")
            self.file.write(header.encode("utf-8"))
        else:
            self.file = path.open("r+b")
            self.file.truncate(resume_at)  # drop records written after the last commit
            self.file.seek(resume_at)

    def write(self, data: Any) -> None:  # noqa: ANN401
        """Append a chunk of lines."""
        self.file.write(data.encode("utf-8"))

    def commit(self) -> int:
        """Flush and fsync; return the byte offset."""
        self.file.flush()
        os.fsync(self.file.fileno())
        return self.file.tell()

    def close(self) -> None:
        """Close the file."""
        self.file.flush()
        self.file.close()


class ParquetFileSink:
    """One Parquet file, a row group at a time (not resumable: the footer comes last)."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        from hoaxlens.output.arrow import RECORD_SCHEMA

        self.writer = pq.ParquetWriter(path, RECORD_SCHEMA)
        self.pending: list[pa.RecordBatch] = []
        self.rows = 0

    def write(self, data: Any) -> None:  # noqa: ANN401
        """Buffer an Arrow batch; write a row group once enough rows are buffered."""
        self.pending.append(data)
        self.rows += data.num_rows
        if self.rows >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.writer.write_table(pa.Table.from_batches(self.pending))
        self.pending, self.rows = [], 0

    def commit(self) -> int:
        """Write buffered rows (not durable until ``close`` writes the footer)."""
        self._flush()
        return 0

    def close(self) -> None:
        """Write the footer."""
        self._flush()
        self.writer.close()


class ParquetPartsSink:
    """Resumable Parquet: each commit is a complete part file; ``close`` merges them."""

    def __init__(self, parts_dir: Path, output: Path, *, resume_at: int = 0) -> None:
        self.parts_dir = parts_dir
        self.output = output
        parts_dir.mkdir(parents=True, exist_ok=True)
        for stale in parts_dir.iterdir():  # parts past the last commit, or half-written
            if not _is_part(stale.name) or _part_number(stale.name) >= resume_at:
                stale.unlink()
        self.parts = resume_at
        self.pending: list[pa.RecordBatch] = []

    def write(self, data: Any) -> None:  # noqa: ANN401
        """Buffer an Arrow batch until the next commit."""
        self.pending.append(data)

    def commit(self) -> int:
        """Write the buffered batches as the next part (fsync, rename); return part count."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.pending:
            return self.parts
        path = self.parts_dir / f"part-{self.parts:06d}.parquet"
        tmp = path.with_name(path.name + ".tmp")
        pq.write_table(pa.Table.from_batches(self.pending), tmp)
        with tmp.open("rb") as stream:
            os.fsync(stream.fileno())
        tmp.replace(path)
        fsync_dir(self.parts_dir)
        self.pending = []
        self.parts += 1
        return self.parts

    def close(self) -> None:
        """Nothing open between commits; see :meth:`merge`."""

    def merge(self) -> None:
        """Concatenate the parts, in order, into the output file (parts stay; see cleanup)."""
        import pyarrow.parquet as pq

        from hoaxlens.output.arrow import RECORD_SCHEMA

        names = sorted(p.name for p in self.parts_dir.iterdir() if _is_part(p.name))
        tmp = self.output.with_name(self.output.name + ".tmp")
        writer: pq.ParquetWriter = pq.ParquetWriter(tmp, RECORD_SCHEMA)
        with writer:
            for name in names:
                writer.write_table(pq.read_table(self.parts_dir / name, schema=RECORD_SCHEMA))
        tmp.replace(self.output)

    def cleanup(self) -> None:
        """Remove the parts once the run is marked complete."""
        for part in self.parts_dir.iterdir():
            part.unlink()
        self.parts_dir.rmdir()


def _is_part(name: str) -> bool:
    return name.startswith("part-") and name.endswith(".parquet")


def _part_number(name: str) -> int:
    return int(name.removeprefix("part-").removesuffix(".parquet"))

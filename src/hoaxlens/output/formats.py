"""The output formats, as one table: how records are serialized, merged and written.

``FORMATS`` maps each ``--format`` name to an :class:`OutputFormat`. Batch, Spark, the
service and the CLI all go through it, so adding a format touches this module and its test
(see CONTRIBUTING.md): a worker serializes its chunk with ``serialize``, the parent joins
chunks with ``merge`` and writes them through the sink ``open_sink`` returns.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from hoaxlens.errors import ConfigError
from hoaxlens.output.record import to_record, top_reasons
from hoaxlens.output.sinks import (
    ParquetFileSink,
    ParquetPartsSink,
    Sink,
    TableSink,
    TextFileSink,
    TextStreamSink,
)
from hoaxlens.output.unicode import escape_surrogates, has_surrogates, replace_surrogates
from hoaxlens.types import Failure, Verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from rich.console import Console


@dataclass(frozen=True, slots=True)
class SinkTarget:
    """Where a run's records go.

    ``path``: the output file (``None``: ``stream``); ``parts_dir``: set for a resumable
    run (Parquet writes one part per commit there); ``resume_at``: the journalled position
    to cut back to (``None``: start afresh); ``console``: where the table is drawn.
    """

    path: Path | None = None
    stream: TextIO | None = None
    parts_dir: Path | None = None
    resume_at: int | None = None
    console: Console | None = None


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One output format.

    ``serialize`` turns a chunk of results into the format's chunk data (a ``str`` of lines,
    an Arrow ``RecordBatch``, or the results themselves for the table); ``merge`` joins
    consecutive chunks' data; ``open_sink`` opens the writer; ``header`` is written once
    at the top of a new file (CSV's column names).
    """

    name: str
    suffix: str
    help: str
    serialize: Callable[[Sequence[Verdict | Failure]], Any]
    merge: Callable[[Sequence[Any]], Any]
    open_sink: Callable[[SinkTarget], Sink]
    header: str = ""
    resumable: bool = True
    needs_file: bool = False  # binary: cannot go to a terminal or a pipe


# JSONL ------------------------------------------------------------------------------------


# json.dumps(obj, ensure_ascii=False) builds this encoder on every call; one is enough.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _jsonl(results: Sequence[Verdict | Failure]) -> str:
    """One JSON line per record; lone surrogates kept as JSON escapes (one scan a chunk)."""
    text = "".join(_ENCODE(to_record(r)) + "\n" for r in results)
    return escape_surrogates(text) if has_surrogates(text) else text


def _text_sink(header: str) -> Callable[[SinkTarget], Sink]:
    def open_sink(target: SinkTarget) -> Sink:
        if target.path is not None:
            return TextFileSink(target.path, header=header, resume_at=target.resume_at)
        if target.stream is None:
            raise ConfigError("no output: give an output file or a stream")
        return TextStreamSink(target.stream, header=header)

    return open_sink


def _join_text(parts: Sequence[str]) -> str:
    return "".join(parts)


# CSV --------------------------------------------------------------------------------------

CSV_FIELDS = (
    "id",
    "source",
    "url",
    "title",
    "label",
    "score",
    "obfuscation_count",
    "top_reasons",
    "people",
    "error_stage",
    "error_type",
    "error_message",
    "text",
)


def csv_row(item: Verdict | Failure) -> dict[str, str]:
    """Flatten one item to the CSV columns."""
    rec = to_record(item)
    err = rec["error"]
    return {
        "id": rec["id"],
        "source": rec["source"],
        "url": rec["url"] or "",
        "title": rec["title"] or "",
        "label": rec["label"] or "",
        "score": "" if rec["score"] is None else f"{rec['score']:.4f}",
        "obfuscation_count": str(rec["obfuscation"]["count"]),
        "top_reasons": " | ".join(top_reasons(item)) if isinstance(item, Verdict) else "",
        "people": "; ".join(rec["people"]),
        "error_stage": err["stage"] if err else "",
        "error_type": err["type"] if err else "",
        "error_message": err["message"] if err else "",
        "text": rec["text"] or "",
    }


def _csv_text(rows: Sequence[dict[str, str]], *, header: bool) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _csv(results: Sequence[Verdict | Failure]) -> str:
    """CSV rows; a lone surrogate becomes U+FFFD (one scan a chunk: CSV must be UTF-8)."""
    text = _csv_text([csv_row(r) for r in results], header=False)
    return replace_surrogates(text) if has_surrogates(text) else text


CSV_HEADER = _csv_text([], header=True)


# Parquet ----------------------------------------------------------------------------------


def _parquet(results: Sequence[Verdict | Failure]) -> Any:  # noqa: ANN401 - pa.RecordBatch
    from hoaxlens.output.arrow import records_to_batch

    return records_to_batch([to_record(r) for r in results])


def _concat_batches(parts: Sequence[Any]) -> Any:  # noqa: ANN401 - pa.RecordBatch
    import pyarrow as pa

    from hoaxlens.output.arrow import RECORD_SCHEMA

    return pa.concat_batches(parts) if parts else pa.RecordBatch.from_pylist([], RECORD_SCHEMA)


def _parquet_sink(target: SinkTarget) -> Sink:
    if target.path is None:
        raise ConfigError("Parquet output needs --output FILE (it is binary)")
    if target.parts_dir is not None:
        return ParquetPartsSink(target.parts_dir, target.path, resume_at=target.resume_at or 0)
    return ParquetFileSink(target.path)


# Table ------------------------------------------------------------------------------------


def _items(results: Sequence[Verdict | Failure]) -> tuple[Verdict | Failure, ...]:
    return tuple(results)


def _join_items(parts: Sequence[tuple[Verdict | Failure, ...]]) -> tuple[Verdict | Failure, ...]:
    return tuple(item for part in parts for item in part)


def _table_sink(target: SinkTarget) -> Sink:
    from rich.console import Console

    return TableSink(target.console or Console(file=target.stream))


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat(
            "jsonl", "jsonl", "one JSON record a line", _jsonl, _join_text, _text_sink("")
        ),
        OutputFormat(
            "csv",
            "csv",
            "flat columns, top reasons joined",
            _csv,
            _join_text,
            _text_sink(CSV_HEADER),
            header=CSV_HEADER,
        ),
        OutputFormat(
            "parquet",
            "parquet",
            "the record's schema, nested",
            _parquet,
            _concat_batches,
            _parquet_sink,
            needs_file=True,
        ),
        OutputFormat(
            "table",
            "txt",
            "a table for a terminal",
            _items,
            _join_items,
            _table_sink,
            resumable=False,
        ),
    )
}


def get_format(name: str) -> OutputFormat:
    """The format called ``name``.

    Raises:
        ConfigError: for an unknown name (the message lists the known ones).
    """
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ConfigError(f"unknown output format {name!r}; expected one of {known}") from None


def format_for_path(path: Path) -> OutputFormat | None:
    """The format whose suffix ``path`` has (``out.csv`` → csv), if any."""
    suffix = path.suffix.lower().lstrip(".")
    return next((f for f in FORMATS.values() if f.suffix == suffix and f.resumable), None)

"""One batch run: read → analyze in parallel → write incrementally → journal → summary.

``run_batch`` is what ``hoaxlens scan`` calls. With ``run_dir`` set the run is resumable:
after every chunk the output is fsynced and then the journal (see
:mod:`hoaxlens.batch.journal`); a resume cuts the output back to the last commit and skips
the input records it covers, so every input record has exactly one output record however
often the run is killed.
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.budget import Budget
from hoaxlens.batch.inputs import STDIN, expand_inputs, fingerprint
from hoaxlens.batch.journal import Commit, RunDir
from hoaxlens.batch.pool import analyze_in_order, chunked
from hoaxlens.errors import ConfigError, HoaxlensError
from hoaxlens.ingest import read_documents
from hoaxlens.output import SinkTarget, get_format
from hoaxlens.output.sinks import ParquetPartsSink
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from rich.console import Console

    from hoaxlens.batch.worker import ChunkResult
    from hoaxlens.types import RawDocument


class TooManyErrorsError(HoaxlensError):
    """More records failed than ``--max-bad-fraction`` allows."""

    error_type = "too_many_errors"


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What to scan and how."""

    paths: tuple[str, ...]
    fmt: str  # jsonl | csv | parquet | table
    config: AnalyzerConfig = field(default_factory=AnalyzerConfig)
    output: Path | None = None  # None: the stream passed to run_batch
    workers: int = 1
    run_dir: Path | None = None  # resumable when set
    chunk_size: int = 64
    max_bad_fraction: float | None = None
    budget: Budget = field(default_factory=Budget)  # CPU per document; Budget(0) for none


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Counts and timings of a run (across restarts, for a resumable one)."""

    records: int
    errors: int
    counts: dict[str, int]
    seconds: float
    resumed_at: int = 0  # records already committed when this process started
    already_complete: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON form (``summary.json`` of a run directory)."""
        return {
            "records": self.records,
            "errors": self.errors,
            "counts": dict(sorted(self.counts.items())),
            "seconds": round(self.seconds, 3),
            "resumed_at": self.resumed_at,
        }


def _skip(
    items: Iterator[RawDocument | Failure], commit: Commit
) -> Iterator[RawDocument | Failure]:
    """Drop the ``commit.records`` items already written; check the last one is the same."""
    last = ""
    for _ in range(commit.records):
        item = next(items, None)
        if item is None:
            raise ConfigError(
                f"the inputs now hold fewer than the {commit.records} records already written"
            )
        last = item.doc_id if isinstance(item, Failure) else item.id
    if last != commit.last_id:
        raise ConfigError(
            f"record {commit.records} of the inputs is now {last!r}, but the run wrote "
            f"{commit.last_id!r} there: the inputs changed since the run started"
        )
    return items


def _manifest(options: BatchOptions, analyzer: Analyzer, output: Path) -> dict[str, Any]:
    return {
        "version": 1,
        "paths": list(options.paths),
        "inputs": fingerprint(options.paths),
        "format": options.fmt,
        "output": str(output.resolve()),
        "config": repr(options.config),
        "model_version": analyzer.model.version,
        "chunk_size": options.chunk_size,
    }


def _check_bad_fraction(summary: BatchSummary, limit: float | None) -> None:
    if limit is None or summary.records == 0:
        return
    share = summary.errors / summary.records
    if share > limit:
        top = Counter(
            {k: v for k, v in summary.counts.items() if k.startswith("error:")}
        ).most_common(3)
        reasons = ", ".join(f"{k.removeprefix('error:')} x{v}" for k, v in top)
        raise TooManyErrorsError(
            f"{summary.errors} of {summary.records} records ({share:.1%}) are error rows, "
            f"over --max-bad-fraction {limit:g} (most common: {reasons}); "
            "check that the inputs are what you expect"
        )


class _Tally:
    def __init__(self, commit: Commit) -> None:
        self.records = commit.records
        self.errors = commit.errors
        self.counts = Counter(commit.counts)
        self.last_id = commit.last_id

    def add(self, result: ChunkResult) -> None:
        self.records += result.count
        self.errors += len(result.errors)
        self.counts.update(f"label:{label}" for label in result.labels if label)
        self.counts.update(f"error:{stage}/{kind}" for stage, kind in result.errors)
        self.last_id = result.last_id

    def commit(self, position: int) -> Commit:
        return Commit(self.records, self.errors, position, self.last_id, dict(self.counts))


def run_batch(
    options: BatchOptions,
    *,
    stream: TextIO | None = None,
    stdin: BinaryIO | None = None,
    console: Console | None = None,
    progress_console: Console | None = None,
) -> BatchSummary:
    """Scan ``options.paths`` and write one record per input record, in input order.

    Args:
        options: inputs, format, workers, resumability.
        stream: where records go when ``options.output`` is None (stdout).
        stdin: the byte stream ``'-'`` reads.
        console: where the table goes (``fmt == 'table'``).
        progress_console: show a progress bar (rate, ETA) on this console; None for none.

    Returns:
        The run's summary.

    Raises:
        ConfigError: for a resume of a different run, or options that cannot resume.
        TooManyErrorsError: when the share of error rows is over ``max_bad_fraction``.
    """
    started = time.perf_counter()
    fmt = get_format(options.fmt)
    analyzer = Analyzer(options.config)
    run_dir = RunDir(options.run_dir) if options.run_dir else None
    output = options.output
    if run_dir is not None:
        if not fmt.resumable:
            raise ConfigError(
                f"--resume needs a file format (jsonl, csv or parquet), not {fmt.name}"
            )
        if STDIN in options.paths:
            raise ConfigError("--resume cannot resume standard input; give files")
        output = output or run_dir.root / f"output.{fmt.suffix}"
        run_dir.open(_manifest(options, analyzer, output))
        done = run_dir.summary()
        if done is not None:
            summary = BatchSummary(
                done["records"],
                done["errors"],
                done["counts"],
                done["seconds"],
                already_complete=True,
            )
            _check_bad_fraction(summary, options.max_bad_fraction)
            return summary
        commit = run_dir.start()
    else:
        commit = Commit(0, 0, 0, "")
    tally = _Tally(commit)
    items = read_documents(options.paths, config=options.config.ingest, stdin=stdin)
    if commit.records:
        items = _skip(items, commit)
    with ExitStack() as stack:
        sink = fmt.open_sink(
            SinkTarget(
                path=output,
                stream=stream,
                parts_dir=run_dir.parts_dir if run_dir is not None else None,
                resume_at=commit.position if commit.position or commit.records else None,
                console=console,
            )
        )
        if run_dir is not None and not commit.records and not commit.position:
            run_dir.commit(tally.commit(sink.commit()))  # the CSV header, or nothing
        progress = (
            _progress(options, progress_console, commit.records, stack)
            if progress_console is not None
            else None
        )
        for result in analyze_in_order(
            chunked(items, options.chunk_size),
            analyzer=analyzer,
            config=options.config,
            fmt=options.fmt,
            workers=options.workers,
            budget=options.budget,
        ):
            sink.write(result.data)
            tally.add(result)
            if run_dir is not None:
                run_dir.commit(tally.commit(sink.commit()))
            if progress is not None:
                bar, task = progress
                bar.update(task, advance=result.count, description=_describe(tally))
        if progress is not None:
            bar, task = progress
            bar.update(task, total=tally.records, completed=tally.records)
        sink.close()
    summary = BatchSummary(
        tally.records,
        tally.errors,
        dict(tally.counts),
        time.perf_counter() - started,
        resumed_at=commit.records,
    )
    if run_dir is not None:
        if isinstance(sink, ParquetPartsSink):
            sink.merge()
        run_dir.finish(summary.to_json())
        if isinstance(sink, ParquetPartsSink):
            sink.cleanup()
    _check_bad_fraction(summary, options.max_bad_fraction)
    return summary


def _describe(tally: _Tally) -> str:
    return f"scanning ({tally.errors:,} errors)" if tally.errors else "scanning"


def _progress(
    options: BatchOptions, console: Console, done: int, stack: ExitStack
) -> tuple[Any, Any]:
    from hoaxlens.batch.progress import estimate_records, make_progress

    total = estimate_records(expand_inputs(options.paths))
    if total is not None and STDIN in options.paths:
        total += 1
    bar = stack.enter_context(make_progress(console))
    task = bar.add_task("scanning", total=total, completed=done)
    return bar, task

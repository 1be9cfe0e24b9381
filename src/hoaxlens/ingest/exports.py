"""Post exports read as streams: JSONL (one object a line) and CSV (a header, then rows).

Memory stays flat however big the file: lines are read one at a time and a line (JSONL) or
cell (CSV) over the size limit is skipped as it streams past. A bad record gives one error
row and reading goes on; a problem that ends the file (corrupt gzip, broken UTF-16) gives one
error row for the rest of it.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, check_size, ingest_failure
from hoaxlens.ingest.fields import first_present
from hoaxlens.ingest.lines import LineLimitError, read_lines
from hoaxlens.ingest.records import parse_json_line, record_to_document

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from hoaxlens.ingest.lines import Line
    from hoaxlens.types import Failure, RawDocument

# Any CSV line longer than this many times the record limit cannot hold a record that fits:
# the reader stops there rather than buffer it (a quoted cell may hide where the row ends).
CSV_LINE_FACTOR = 4
_CSV_LINE_SLACK = 1 << 16
# Characters of a CSV file's lines that rows with a stray quote may have read again, over
# the characters of the file itself (see ``_csv_rows``).
CSV_REREAD_SLACK = 1 << 20


def _rest_of_file(name: str, next_line: int, exc: Exception) -> Failure:
    """One error row for whatever is left of a file from ``next_line`` on."""
    whole_file = next_line <= 1 or (
        isinstance(exc, IngestError) and exc.error_type == "empty_document"
    )
    return ingest_failure(name if whole_file else f"{name}#L{next_line}", exc)


def read_jsonl(
    path: Path, *, compressed: bool, name: str, config: IngestConfig
) -> Iterator[RawDocument | Failure]:
    """Yield one document (or error row) per non-blank line of a JSONL file.

    Args:
        path: the file.
        compressed: whether it is gzip-compressed.
        name: how to name it in sources (``name#L3``).
        config: the per-record size limit.

    Yields:
        A ``RawDocument`` or ``Failure`` per non-blank line, in order.
    """
    number = 0
    lines = read_lines(
        path,
        compressed=compressed,
        name=name,
        max_line_bytes=config.max_bytes,
        config=config,
        skip_blank=True,
    )
    try:
        for line in lines:
            number = line.number
            source = f"{name}#L{number}"
            if line.error is not None:
                yield ingest_failure(source, line.error)
                continue
            text = line.text.removesuffix("\n").removesuffix("\r")
            if not text.strip():
                continue  # blank lines carry no record
            try:
                yield parse_json_line(text, source=source, config=config)
            except Exception as exc:  # any failure on one line is that line's row
                yield ingest_failure(source, exc)
    except Exception as exc:  # the rest of the file gets one row, never a crash
        # Blank lines skipped in bulk may lie between the last line read and the limit.
        next_line = exc.line if isinstance(exc, LineLimitError) else number + 1
        yield _rest_of_file(name, next_line, exc)


class _CsvLines:
    """Feeds decoded lines to ``csv``, remembering which of them were not valid UTF-8."""

    def __init__(self, lines: Iterator[Line], name: str) -> None:
        self._lines = lines
        self._name = name
        self.bad: IngestError | None = None  # first undecodable line of the current row

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if line.error is None:
            return line.text
        if line.error.error_type == "too_large":
            raise IngestError(
                f"{self._name}#L{line.number}: line is over the size limit; the end of its "
                "row cannot be found safely, so the rest of the file is not read",
                error_type="too_large",
            )
        self.bad = self.bad or line.error
        return line.text


def _unterminated(raw: list[str]) -> bool:
    """Whether a row's lines hold an odd number of quotes: a quoted cell never closed.

    Closed cells hold quotes in pairs (``"a ""b"" c"``), so an odd count means the cell ran
    to the end of the file and swallowed every row after it (``csv`` does not complain).
    """
    return sum(line.count('"') for line in raw) % 2 == 1


_CsvRow = tuple[str, dict[str, str | None] | None, IngestError | None, int]


def _never_closed(source: str, what: str) -> IngestError:
    """The error row of a row whose quoted cell is never closed."""
    return IngestError(
        f"{source}: quoted cell is never closed (a stray '\"'); {what}", error_type="bad_csv"
    )


def _rows_with_lines(
    lines: Iterator[str], fields: list[str]
) -> Iterator[tuple[dict[str, str | None], list[str], int]]:
    """(row, the lines it was read from, lines read so far) per row ``csv`` reads."""
    raw: list[str] = []

    def tracked() -> Iterator[str]:
        for line in lines:
            raw.append(line)
            yield line

    reader = csv.DictReader(tracked(), fieldnames=fields)
    for row in reader:
        row_lines = raw[:]
        raw.clear()
        yield row, row_lines, reader.line_num


def _csv_rows(
    lines: Iterator[str], feed: _CsvLines, fields: list[str], first_line: int, name: str
) -> Iterator[_CsvRow]:
    """(source, row, error, next row's line) per row, re-reading rows an open quote ate.

    A row whose quoted cell is never closed becomes an error, and the lines it swallowed
    (all but its first) are read again as rows, so one stray quote costs one record; then
    reading goes on after the row. Lines read again may be swallowed again, and read again
    in turn, up to ``CSV_REREAD_SLACK`` characters more than the file has: past that, such a
    row is one error row whose lines are not read again (an open quote on every line, each
    running to the end, made the rest of the file read once per line: quadratic).
    """
    left = CSV_REREAD_SLACK  # characters that may still be read again
    pending: list[tuple[int, Iterator[str]]] = [(first_line, lines)]
    while pending:
        start, source_lines = pending.pop()
        if source_lines is lines and start != first_line:
            # No row: where the next one starts, should the rest of the file fail.
            yield f"{name}#L{start}", None, None, start
        row_start = start
        for row, row_lines, read in _rows_with_lines(source_lines, fields):
            source = f"{name}#L{row_start}"
            next_start = start + read
            if source_lines is lines:
                left += sum(map(len, row_lines))
            bad, feed.bad = feed.bad, None
            if len(row_lines) > 1 and _unterminated(row_lines):
                again = row_lines[1:]
                size = sum(map(len, again))
                if size <= left:
                    left -= size
                    what = "the lines after it are read again as rows"
                    yield source, None, _never_closed(source, what), row_start + 1
                    pending.append((next_start, source_lines))  # the lines after the row
                    pending.append((row_start + 1, iter(again)))
                    break
                what = f"its lines (to L{next_start - 1}) are not read again as rows"
                yield source, None, _never_closed(source, what), next_start
            else:
                yield source, row, bad, next_start
            row_start = next_start


def _no_body_column(
    name: str, kind: str, wanted: tuple[str, ...], columns: list[str]
) -> IngestError:
    """The error for an export with none of the columns that may hold the text."""
    shown = ", ".join(repr(c) for c in columns[:12]) + (", ..." if len(columns) > 12 else "")
    return IngestError(
        f"{name}: {kind} needs a text or HTML column ({' or '.join(map(repr, wanted))}); "
        f"its columns are {shown or '(none)'}. Name the column with --text-field or "
        "--html-field, or pick an export's --preset",
        error_type=f"bad_{kind.lower()}",
    )


def read_csv(
    path: Path, *, compressed: bool, name: str, config: IngestConfig
) -> Iterator[RawDocument | Failure]:
    """Yield one document (or error row) per CSV row; the header needs a text or HTML column.

    Args:
        path: the file.
        compressed: whether it is gzip-compressed.
        name: how to name it in sources (``name#L2``: the row's first line).
        config: the per-record size limit (applied to the text/HTML cell) and the field
            map (which columns hold the text, the link, the date...).

    Yields:
        A ``RawDocument`` or ``Failure`` per row, in order.
    """
    # csv's own cap on a cell; raised (never lowered) so the size limit is what decides.
    # The cap is process-wide state in the csv module: there is no per-reader setting.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_LINE_FACTOR * config.max_bytes))
    max_line = CSV_LINE_FACTOR * config.max_bytes + _CSV_LINE_SLACK
    lines = read_lines(
        path, compressed=compressed, name=name, max_line_bytes=max_line, config=config
    )
    feed = _CsvLines(lines, name)
    header = csv.reader(feed)
    row_start = 1
    try:
        fields = next(header, None)
        if feed.bad is not None:
            yield ingest_failure(name, feed.bad)  # the header itself is not UTF-8
            return
        if not fields:
            for _ in feed:  # a blank header: an empty file is reported as such (at its end)
                pass
        field_map = config.field_map()
        body_columns = field_map.body_fields()
        read_columns = body_columns + (field_map.url if field_map.bare_links else ())
        if not fields or not set(read_columns) & set(fields):
            yield ingest_failure(name, _no_body_column(name, "CSV", body_columns, fields or []))
            return
        row_start = header.line_num + 1
        for source, row, bad, next_start in _csv_rows(feed, feed, fields, row_start, name):
            row_start = next_start
            try:
                if bad is not None:
                    raise bad
                if row is None:
                    continue
                if None in row:
                    raise IngestError(
                        f"{source}: row has more cells than the header", error_type="bad_csv"
                    )
                body = first_present(row, body_columns)[1]
                check_size(body if isinstance(body, str) else "", source, config)
                yield record_to_document(row, source=source, fields=field_map)
            except Exception as exc:  # any failure on one row is that row's row
                yield ingest_failure(source, exc)
    except csv.Error as exc:
        yield _rest_of_file(name, row_start, IngestError(f"{name}: {exc}", error_type="bad_csv"))
    except Exception as exc:  # the rest of the file gets one row, never a crash
        yield _rest_of_file(name, row_start, exc)

"""Parquet post exports: one document per row, read a record batch at a time.

Rows map to documents exactly as JSONL records do (``text``/``html``, ``id``, ``url``,
``title``; other columns become provenance). A file whose footer cannot be read gives one
error row. A row group that cannot be decoded gives one error row per row it holds (the
footer says how many), and reading goes on with the next row group.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, check_size, ingest_failure, over_limit
from hoaxlens.ingest.exports import _no_body_column
from hoaxlens.ingest.fields import ROLES, first_present
from hoaxlens.ingest.records import record_to_document

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from hoaxlens.ingest.fields import FieldMap
    from hoaxlens.types import Failure, RawDocument

logger = logging.getLogger(__name__)

BATCH_ROWS = 256  # rows per record batch: a few MB of posts, whatever the row-group size


def _json_value(value: object) -> object:
    """A Parquet cell as JSON can hold it (timestamps, decimals and bytes become text)."""
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta | Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _row_record(row: Mapping[str, object], source: str, fields: FieldMap) -> dict[str, object]:
    """Prepare a row for ``record_to_document``: UTF-8 bytes in mapped columns become text.

    Nested values of a mapped column stay nested (a dotted field reads into them); other
    columns become JSON text.
    """
    known = {name.split(".", 1)[0] for role in ROLES for name in getattr(fields, role)}
    record: dict[str, object] = {}
    for key, value in row.items():
        if key in known and isinstance(value, bytes):
            try:
                record[key] = value.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{source}: column {key!r} is not valid UTF-8 ({exc.reason})",
                    error_type="invalid_encoding",
                ) from exc
        elif key in known:
            record[key] = _json_value(value) if not isinstance(value, str | int | float) else value
        else:
            plain = _json_value(value)
            record[key] = plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)
    return record


def _row_document(
    row: Mapping[str, object], source: str, config: IngestConfig
) -> RawDocument | Failure:
    try:
        fields = config.field_map()
        record = _row_record(row, source, fields)
        body = first_present(record, fields.body_fields())[1]
        if isinstance(body, str):
            check_size(body, source, config)
        return record_to_document(record, source=source, fields=fields)
    except Exception as exc:  # any failure on one row is that row's error row
        return ingest_failure(source, exc)


def read_parquet(path: Path, *, name: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Yield one document (or error row) per row of a Parquet file, in order.

    Args:
        path: the file.
        name: how to name it in sources (``name#R1`` is the first row).
        config: the per-record size limit (applied to the ``text``/``html`` cell).

    Yields:
        A ``RawDocument`` or ``Failure`` per row; one ``Failure`` for a file whose footer
        cannot be read.
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # any unreadable footer is one error row
        yield ingest_failure(name, _unreadable(name, exc))
        return
    with parquet:
        columns = list(parquet.schema_arrow.names)
        fields = config.field_map()
        tops = {column.split(".", 1)[0] for column in fields.body_fields()}
        if not (set(fields.body_fields()) | tops) & set(columns):
            error = _no_body_column(name, "Parquet", fields.body_fields(), columns)
            yield ingest_failure(name, error)
            return
        first_row = 1
        for group in range(parquet.num_row_groups):
            rows = parquet.metadata.row_group(group).num_rows
            if first_row + rows - 1 > config.max_lines_per_file:
                yield _too_many_rows(name, first_row, config)
                return
            done = 0
            try:
                for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
                    for row in batch.to_pylist():
                        yield _row_document(row, f"{name}#R{first_row + done}", config)
                        done += 1
            except Exception as exc:  # Arrow raises more than ArrowException
                reason = " ".join(str(exc).split())  # Arrow's messages span lines
                logger.warning("%s: row group %d is unreadable: %s", name, group, reason)
                for lost in range(first_row + done, first_row + rows):
                    yield ingest_failure(
                        f"{name}#R{lost}",
                        IngestError(
                            f"{name}#R{lost}: row group {group} cannot be decoded ({reason})",
                            error_type="bad_parquet",
                        ),
                    )
            first_row += rows


def _too_many_rows(name: str, first_row: int, config: IngestConfig) -> Failure:
    """One error row for the row groups past ``max_lines_per_file`` (checked per row group).

    The footer gives the count, so a file of millions of empty rows (a few KB of Parquet)
    costs nothing to refuse; the row groups before the one that crosses the limit are read.
    """
    where = f"{name}#R{first_row}"
    error = over_limit(
        where,
        "this row group and the rest of the file are not read: the file has more rows than",
        "max_lines_per_file",
        config.max_lines_per_file,
        error_type="too_many_lines",
    )
    return ingest_failure(name if first_row == 1 else where, error)


def _unreadable(name: str, exc: Exception) -> IngestError:
    if isinstance(exc, FileNotFoundError | PermissionError):
        return IngestError(f"{name}: cannot read file ({exc})", error_type=type(exc).__name__)
    reason = " ".join(str(exc).split())
    return IngestError(f"{name}: not a readable Parquet file ({reason})", error_type="bad_parquet")

"""The JSONL output record as an Arrow/Parquet schema, and conversions both ways.

Parquet output (``hoaxlens scan --format parquet`` and ``hoaxlens spark-scan``) has exactly
the fields of ``hoaxlens.output.to_record``, nested as in the JSON: objects are structs,
arrays are lists, and the free-form string maps (``meta``, ``page.og``) are
``map<string, string>``. :func:`row_to_record` turns a row read back into the JSON record,
so the two outputs can be compared field for field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_STR = pa.string()
_STR_MAP = pa.map_(pa.string(), pa.string())
_SPAN_FIELDS = [pa.field("start", pa.int64()), pa.field("end", pa.int64())]

RECORD_SCHEMA = pa.schema(
    [
        pa.field("id", _STR),
        pa.field("source", _STR),
        pa.field("url", _STR),
        pa.field("title", _STR),
        pa.field("label", _STR),
        pa.field("score", pa.float64()),
        pa.field("text", _STR),
        pa.field(
            "obfuscation",
            pa.struct(
                [
                    pa.field("count", pa.int64()),
                    pa.field(
                        "replacements",
                        pa.list_(
                            pa.struct(
                                [
                                    *_SPAN_FIELDS,
                                    pa.field("original", _STR),
                                    pa.field("replacement", _STR),
                                    pa.field("step", _STR),
                                ]
                            )
                        ),
                    ),
                ]
            ),
        ),
        pa.field(
            "signals",
            pa.list_(
                pa.struct(
                    [
                        pa.field("id", _STR),
                        pa.field("score", pa.float64()),
                        pa.field("contribution", pa.float64()),
                        pa.field(
                            "evidence",
                            pa.list_(pa.struct([*_SPAN_FIELDS, pa.field("reason", _STR)])),
                        ),
                    ]
                )
            ),
        ),
        pa.field("people", pa.list_(_STR)),
        pa.field(
            "error",
            pa.struct([pa.field("stage", _STR), pa.field("type", _STR), pa.field("message", _STR)]),
        ),
        pa.field("removed", pa.list_(_STR)),
        pa.field(
            "page",
            pa.struct(
                [
                    pa.field("domain", _STR),
                    pa.field("canonical_url", _STR),
                    pa.field("published", _STR),
                    pa.field("byline", _STR),
                    pa.field("og", _STR_MAP),
                    pa.field("site_links", pa.list_(_STR)),
                    pa.field("extractor", _STR),
                    pa.field("fallback_reason", _STR),
                ]
            ),
        ),
        pa.field("model_version", _STR),
        pa.field("meta", _STR_MAP),
    ]
)
RECORD_FIELDS = tuple(RECORD_SCHEMA.names)


class SchemaDriftError(ValueError):
    """A record has a field the Parquet schema does not know (``to_record`` grew)."""


def records_to_batch(records: Iterable[Mapping[str, Any]]) -> pa.RecordBatch:
    """Arrow batch of JSONL records; a field missing from a record (error rows) is null.

    Raises:
        SchemaDriftError: when a record carries a field :data:`RECORD_SCHEMA` lacks, so a
            new output field is never dropped silently from Parquet.
    """
    rows = []
    known = set(RECORD_FIELDS)
    for record in records:
        extra = set(record) - known
        if extra:
            raise SchemaDriftError(
                f"output record fields {sorted(extra)} are missing from the Parquet schema "
                "(hoaxlens.batch.arrow.RECORD_SCHEMA)"
            )
        rows.append(record)
    return pa.RecordBatch.from_pylist(rows, schema=RECORD_SCHEMA)


def _plain(value: Any, kind: pa.DataType) -> Any:  # noqa: ANN401 - JSON value
    """Arrow ``to_pylist`` value → the JSON value ``to_record`` produced."""
    if value is None:
        return None
    if isinstance(kind, pa.MapType):
        return dict(value)
    if isinstance(kind, pa.StructType):
        return {f.name: _plain(value[f.name], f.type) for f in kind}
    if isinstance(kind, pa.ListType):
        return [_plain(v, kind.value_type) for v in value]
    return value


def row_to_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of a Parquet output read with ``to_pylist`` → its JSONL record."""
    return {f.name: _plain(row.get(f.name), f.type) for f in RECORD_SCHEMA}


def full_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A JSONL record with every schema field present (``None`` where it has none)."""
    return {name: record.get(name) for name in RECORD_FIELDS}

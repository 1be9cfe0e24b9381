"""The output record as an Arrow/Parquet schema, and conversions both ways.

Parquet output (``hoaxlens scan --format parquet`` and ``hoaxlens spark-scan``) has exactly
the fields of :class:`hoaxlens.output.record.Record`; the schema is generated from that
definition, nested as in the JSON: objects are structs, arrays are lists, and the free-form
string maps (``meta``, ``page.og``) are ``map<string, string>``. :func:`row_to_record`
turns a row read back into the JSON record, so the two outputs can be compared field for
field.
"""

from __future__ import annotations

from types import UnionType
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import pyarrow as pa
from typing_extensions import is_typeddict  # Record is a typing_extensions.TypedDict

from hoaxlens.output.record import PageRecord, Record
from hoaxlens.output.unicode import scrub

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_STR_MAP = pa.map_(pa.string(), pa.string())
_SCALARS: dict[object, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
}


def arrow_type(hint: Any) -> pa.DataType:  # noqa: ANN401 - a typing construct
    """The Arrow type of a field of the ``Record`` definition.

    ``X | None`` is a nullable ``X``, ``Literal[...]`` of strings a string, ``list[X]`` a
    list, ``dict[str, str]`` a map and a ``TypedDict`` a struct of its fields, in order.

    >>> arrow_type(list[str])
    ListType(list<item: string>)
    """
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return arrow_type(inner)
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if origin is dict:
        if args != (str, str):
            raise TypeError(f"only dict[str, str] maps to Arrow, not {hint}")
        return _STR_MAP
    if is_typeddict(hint):
        return pa.struct([pa.field(k, arrow_type(v)) for k, v in get_type_hints(hint).items()])
    if hint in _SCALARS:
        return _SCALARS[hint]
    raise TypeError(f"no Arrow type for {hint!r}")


RECORD_SCHEMA = pa.schema(
    [pa.field(name, arrow_type(hint)) for name, hint in get_type_hints(Record).items()]
)
RECORD_FIELDS = tuple(RECORD_SCHEMA.names)


class SchemaDriftError(ValueError):
    """A record has a field the Parquet schema does not know (not declared in ``Record``)."""


def records_to_batch(records: Iterable[Mapping[str, Any]]) -> pa.RecordBatch:
    """Arrow batch of JSONL records; a field missing from a record (error rows) is null.

    A lone surrogate in a string becomes U+FFFD (see :mod:`hoaxlens.output.unicode`).

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
                "(declare it in hoaxlens.output.record.Record)"
            )
        rows.append(record)
    try:
        return pa.RecordBatch.from_pylist(rows, schema=RECORD_SCHEMA)
    except UnicodeEncodeError:  # a lone surrogate somewhere: Parquet strings are UTF-8
        return pa.RecordBatch.from_pylist([scrub(r) for r in rows], schema=RECORD_SCHEMA)


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
    """One row of a Parquet output read with ``to_pylist`` → its JSONL record.

    Every field is there (``None`` where the JSON record has none, as ``full_record``
    gives it), except what only a link post's record has: ``post`` itself and the
    landing-page fields of ``page`` (``PageRecord``'s optional keys), so a Spark or Parquet
    record equals the JSONL one.
    """
    record = {f.name: _plain(row.get(f.name), f.type) for f in RECORD_SCHEMA}
    page = record.get("page")
    if record.get("post") is None:
        record.pop("post", None)
        if isinstance(page, dict):
            for key in PageRecord.__optional_keys__:
                page.pop(key, None)
    return record


def full_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A JSONL record with every schema field present (``None`` where it has none).

    ``post`` stays absent when the record has none: only a link post's record carries it.
    """
    return {
        name: record.get(name)
        for name in RECORD_FIELDS
        if name != "post" or record.get("post") is not None
    }

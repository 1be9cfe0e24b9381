"""``.json`` exports: an array of post objects, or one object; a document per object.

Facebook's "Download your information" writes an array, an X API response page holds one
under ``data``.

Unlike JSONL, a JSON document cannot be read a line at a time, so the file is read whole; it
may hold at most ``JSON_FILE_FACTOR`` times ``max_bytes`` (320 MB with the defaults). An int
CPython will not convert (over 4,300 digits) costs the object that holds it: that object is a
``number_too_long`` error row (as in JSONL), the others are read.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from typing import TYPE_CHECKING

from hoaxlens.errors import IngestError
from hoaxlens.ingest.base import IngestConfig, check_size, ingest_failure, over_limit
from hoaxlens.ingest.decode import decode_text
from hoaxlens.ingest.fields import first_present
from hoaxlens.ingest.records import record_to_document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from hoaxlens.types import Failure, RawDocument

JSON_FILE_FACTOR = 64


class _LongNumber:
    """What the parser puts in place of an int too long for CPython (see ``_int_parser``)."""

    __slots__ = ("length",)

    def __init__(self, length: int) -> None:
        self.length = length


def _int_parser(found: list[_LongNumber]) -> Callable[[str], object]:
    """``int`` for ``json.loads``, marking an int CPython will not convert (over 4,300 digits).

    Raising there ends the whole parse (the file would be one error row), so the number is
    marked instead, and only the object that holds it is refused (``_long_number``).
    """

    def parse(token: str) -> object:
        try:
            return int(token)
        except ValueError:
            found.append(_LongNumber(len(token)))
            return found[-1]

    return parse


def _long_number(item: object) -> _LongNumber | None:
    """The first too-long number inside ``item`` (walked without recursion), if any."""
    stack = [item]
    while stack:
        value = stack.pop()
        if isinstance(value, _LongNumber):
            return value
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None


def _number_error(number: _LongNumber, source: str) -> IngestError:
    """The ``number_too_long`` error of an object holding ``number``."""
    return IngestError(
        f"{source}: a number of {number.length:,} characters is over CPython's limit of "
        f"{sys.get_int_max_str_digits():,} digits for an integer",
        error_type="number_too_long",
    )


def _load(
    path: Path,
    *,
    compressed: bool,
    name: str,
    limit: int,
    found: list[_LongNumber],
) -> object:
    """The file's JSON value; ints too long to convert are marked (and added to ``found``)."""
    try:
        if compressed:
            with gzip.open(path, "rb") as stream:
                data = stream.read(limit + 1)
        else:
            with path.open("rb") as stream:
                data = stream.read(limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise IngestError(f"{name}: corrupt gzip data ({exc})", error_type="bad_gzip") from exc
    if len(data) > limit:
        raise over_limit(
            name,
            "a .json file is read whole, and this one is over",
            "max_bytes (times 64)",
            limit,
            error_type="too_large",
        )
    text = decode_text(data, name)
    try:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise
        except ValueError:  # an int over CPython's limit: read again, marking such ints
            return json.loads(text, parse_int=_int_parser(found))
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{name}: malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
            error_type="malformed_json",
        ) from exc
    except RecursionError as exc:
        raise IngestError(f"{name}: JSON nests too deeply", error_type="too_deep") from exc


def _objects(value: object, config: IngestConfig) -> list[object]:
    """The records a JSON document holds: an array's items, ``data`` of a response page."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        fields = config.field_map()
        inner = value.get("data")
        if isinstance(inner, list) and not first_present(value, fields.body_fields())[0]:
            return inner
    return [value]


def read_json(
    path: Path, *, compressed: bool, name: str, config: IngestConfig
) -> Iterator[RawDocument | Failure]:
    """Yield one document (or error row) per object of a ``.json`` export.

    Args:
        path: the file.
        compressed: whether it is gzip-compressed.
        name: how to name it in sources (``name#I1`` is the first object).
        config: the size limits and the field map.

    Yields:
        A ``RawDocument`` or ``Failure`` per object, in order; one ``Failure`` for a file
        that is not JSON.
    """
    long_numbers: list[_LongNumber] = []
    try:
        value = _load(
            path,
            compressed=compressed,
            name=name,
            limit=JSON_FILE_FACTOR * config.max_bytes,
            found=long_numbers,
        )
    except (IngestError, OSError) as exc:
        yield ingest_failure(name, exc)
        return
    fields = config.field_map()
    for number, item in enumerate(_objects(value, config), start=1):
        source = f"{name}#I{number}"
        if number > config.max_lines_per_file:
            error = over_limit(
                source,
                "the rest of the file is not read: it has more objects than",
                "max_lines_per_file",
                config.max_lines_per_file,
                error_type="too_many_lines",
            )
            yield ingest_failure(source, error)
            return
        try:
            if long_numbers and (long_number := _long_number(item)) is not None:
                raise _number_error(long_number, source)
            if not isinstance(item, dict):
                raise IngestError(
                    f"{source}: expected a JSON object, got {type(item).__name__}",
                    error_type="malformed_json",
                )
            body = first_present(item, fields.body_fields())[1]
            if isinstance(body, str):
                check_size(body, source, config)
            yield record_to_document(item, source=source, fields=fields)
        except Exception as exc:  # any failure on one object is that object's row
            yield ingest_failure(source, exc)

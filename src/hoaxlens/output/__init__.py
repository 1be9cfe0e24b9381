"""Output: the record (one typed definition), its formats, and the writers."""

from typing import TYPE_CHECKING

from hoaxlens.output.formats import (
    CSV_FIELDS,
    FORMATS,
    OutputFormat,
    SinkTarget,
    csv_row,
    get_format,
)
from hoaxlens.output.record import Record, replacement_records, to_record, top_reasons

if TYPE_CHECKING:
    from hoaxlens.output.table import write_table


def __getattr__(name: str) -> object:
    """``write_table`` on first use: the table (rich, the explanations) costs start-up."""
    if name == "write_table":
        from hoaxlens.output.table import write_table

        return write_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CSV_FIELDS",
    "FORMATS",
    "OutputFormat",
    "Record",
    "SinkTarget",
    "csv_row",
    "get_format",
    "replacement_records",
    "to_record",
    "top_reasons",
    "write_table",
]

"""Output: the record (one typed definition), its formats, and the writers."""

from hoaxlens.output.formats import (
    CSV_FIELDS,
    FORMATS,
    OutputFormat,
    SinkTarget,
    csv_row,
    get_format,
)
from hoaxlens.output.record import Record, replacement_records, to_record, top_reasons
from hoaxlens.output.table import write_table

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

"""Ingest: files, directories and stdin → ``RawDocument`` (or ``Failure``) stream."""

from hoaxlens.ingest.reader import SUPPORTED, IngestConfig, read_documents

__all__ = ["SUPPORTED", "IngestConfig", "read_documents"]

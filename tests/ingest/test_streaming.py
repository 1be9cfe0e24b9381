"""JSONL and CSV exports are streamed: flat memory, and a bad line fails alone."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc

import pytest

from hoaxlens import Failure
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.types import Stage


def _kinds(items):
    return [
        (i.source.rsplit("#", 1)[-1], i.error_type)
        if isinstance(i, Failure)
        else (i.source.rsplit("#", 1)[-1], "doc")
        for i in items
    ]


def _peak_while_reading(path, config=None) -> tuple[int, int]:
    """(items read, peak traced bytes) for one pass that keeps no item."""
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_documents([path], config=config))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _jsonl_lines(n: int) -> bytes:
    return b"".join(
        json.dumps({"id": f"p{i}", "text": f"Post number {i} about a singer and a fan."}).encode()
        + b"\n"
        for i in range(n)
    )


def _csv_rows(n: int) -> bytes:
    rows = "".join(f'r{i},"Post number {i}, about a singer and a fan."\n' for i in range(n))
    return ("id,text\n" + rows).encode()


@pytest.mark.parametrize(
    ("name", "data", "records"),
    [
        pytest.param("big.jsonl", _jsonl_lines(25_000), 25_000, id="jsonl-1.7mb"),
        pytest.param("big.jsonl.gz", gzip.compress(_jsonl_lines(25_000)), 25_000, id="jsonl-gz"),
        pytest.param("big.csv", _csv_rows(25_000), 25_000, id="csv-1.2mb"),
    ],
)
def test_streaming_memory_does_not_grow_with_file_size(tmp_path, name, data, records):
    path = tmp_path / name
    path.write_bytes(data)
    count, peak = _peak_while_reading(path)
    assert count == records
    assert peak < 800_000, f"peak {peak:,} bytes for a {len(data):,}-byte file"


@pytest.mark.parametrize(
    ("name", "long_line"),
    [
        pytest.param(
            "p.jsonl",
            json.dumps({"id": "huge", "text": "word " * 2_000_000}).encode(),
            id="10mb-jsonl-line",
        ),
    ],
)
def test_streaming_over_long_line_is_skipped_not_buffered(tmp_path, name, long_line):
    path = tmp_path / name
    good = b'{"id": "a", "text": "before"}\n'
    path.write_bytes(good + long_line + b"\n" + good.replace(b"before", b"after"))
    tracemalloc.start()
    try:
        items = list(read_documents([path], config=IngestConfig(max_bytes=1000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert _kinds(items) == [("L1", "doc"), ("L2", "too_large"), ("L3", "doc")]
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b'{"text": "one"}\n{"text": "caf\xe9"}\n{"text": "three"}\n',
            [("L1", "doc"), ("L2", "invalid_encoding"), ("L3", "doc")],
            id="latin1-byte-in-one-line",
        ),
        pytest.param(
            b'{"text": "one"}\r\n\r\n{"text": "two"}\r\n',
            [("L1", "doc"), ("L3", "doc")],
            id="crlf-and-blank-line",
        ),
        pytest.param(
            b'{"text": "one"}\n{"text": "no newline at the end"}',
            [("L1", "doc"), ("L2", "doc")],
            id="last-line-without-newline",
        ),
        pytest.param(codecs.BOM_UTF8 + b'{"text": "one"}\n', [("L1", "doc")], id="utf8-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + '{"text": "one"}\n{"text": "two"}\n'.encode("utf-16-le"),
            [("L1", "doc"), ("L2", "doc")],
            id="utf16-with-bom",
        ),
    ],
)
def test_streaming_jsonl_lines(tmp_path, data, expected):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(data)
    assert _kinds(read_documents([path])) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"id,text\nr1,one\nr2,caf\xe9\nr3,three\n",
            [("L2", "doc"), ("L3", "invalid_encoding"), ("L4", "doc")],
            id="latin1-byte-in-one-row",
        ),
        pytest.param(
            b'id,text\r\nr1,"two\r\nlines"\r\nr2,next\r\n',
            [("L2", "doc"), ("L4", "doc")],
            id="crlf-and-multi-line-cell",
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + "id,text\nr1,one\nr2,two\n".encode("utf-16-be"),
            [("L2", "doc"), ("L3", "doc")],
            id="utf16-be-with-bom",
        ),
        pytest.param(
            b"id,text\nr1,short\nr2," + b"x" * 500 + b"\nr3,short\n",
            [("L2", "doc"), ("L3", "too_large"), ("L4", "doc")],
            id="cell-over-limit-fails-alone",
        ),
        pytest.param(
            b"id,text\nr1,short\nr2," + b"x" * 300_000 + b"\nr3,short\n",
            [("L2", "doc"), ("L3", "too_large")],
            id="line-far-over-limit-ends-the-file",
        ),
        pytest.param(b"id,t\xffext\nr1,one\n", [("id,t\xffext", None)], id="header-not-utf8"),
    ],
)
def test_streaming_csv_rows(tmp_path, data, expected):
    path = tmp_path / "posts.csv"
    path.write_bytes(data)
    items = list(read_documents([path], config=IngestConfig(max_bytes=200)))
    if expected[0][1] is None:  # the whole file fails
        (failure,) = items
        assert (failure.source, failure.error_type) == (path.as_posix(), "invalid_encoding")
        return
    assert _kinds(items) == expected


@pytest.mark.parametrize(("good_lines", "cut"), [pytest.param(2000, 60, id="corrupt-middle")])
def test_streaming_corrupt_gzip_keeps_records_before_it(tmp_path, good_lines, cut):
    """Records before the damage come out; the damage gives one error row for the rest.

    Deflate cannot tell damage from data until it fails (or the CRC at the end of the
    member does not match), so lines decoded just before the error may be garbled: that is
    the price of not reading the whole file before the first record.
    """
    data = gzip.compress(_jsonl_lines(good_lines))
    damaged = data[: len(data) // 2] + b"\xff" * cut + data[len(data) // 2 + cut :]
    path = tmp_path / "posts.jsonl.gz"
    path.write_bytes(damaged)
    items = list(read_documents([path]))
    assert [i.id for i in items[:500]] == [f"p{i}" for i in range(500)]
    failure = items[-1]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error_type) == (Stage.INGEST, "bad_gzip")
    assert len(items) < good_lines


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("blank.jsonl", b"\n   \n\t\n", id="whitespace-jsonl"),
        pytest.param("blank.csv", b"\r\n\r\n", id="blank-lines-csv"),
        pytest.param("blank.jsonl.gz", gzip.compress(b"  \n"), id="whitespace-jsonl-gz"),
    ],
)
def test_streaming_blank_export_is_one_empty_document_failure(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    (failure,) = read_documents([path])
    assert isinstance(failure, Failure)
    assert (failure.source, failure.error_type) == (path.as_posix(), "empty_document")

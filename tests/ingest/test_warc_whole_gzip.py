"""A ``.warc.gz`` gzipped as one stream (``gzip file.warc``) reads like the plain WARC inside it.

Most tools write one gzip member per record; ``gzip`` on a whole ``.warc`` writes one stream.
Every record of such a file gives a document or an error row, with offsets that count
decompressed bytes (the same as in the plain file), and a stream cut short or damaged gives
the records before the damage and a ``bad_gzip`` row.
"""

from __future__ import annotations

import gzip
import json
import zlib

import pytest
from click.testing import CliRunner

from hoaxlens import Failure, RawDocument
from hoaxlens.cli import cli
from hoaxlens.ingest import IngestConfig
from hoaxlens.ingest.warc import read_warc, read_warc_at
from hoaxlens.types import Stage

RECORDS = 300


def _record(number: int, kind: str = "response") -> bytes:
    uri = f"https://stream.example/story/{number}"
    if kind == "response":
        body = f"<html><body><h1>Story {number}</h1><p>{'word ' * (number % 40)}</p></body></html>"
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body.encode()
        content_type = "application/http; msgtype=response"
    else:
        block = f"GET /story/{number} HTTP/1.1\r\nHost: stream.example\r\n\r\n".encode()
        content_type = "application/http; msgtype=request"
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:06d}{len(kind):06d}>\r\n"
        f"WARC-Date: 2024-05-02T08:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode("ascii") + block + b"\r\n\r\n"


def _records(count: int = RECORDS) -> list[bytes]:
    """``count`` HTML responses, every tenth one after its request record."""
    out = []
    for number in range(count):
        if number % 10 == 0:
            out.append(_record(number, "request"))
        out.append(_record(number))
    return out


def _read(path, config: IngestConfig | None = None) -> list[RawDocument | Failure]:
    return list(read_warc(path, name=path.name, config=config or IngestConfig()))


def _docs(items) -> list[tuple[str, str, str | None]]:
    return [(i.id, i.content, i.url) for i in items if isinstance(i, RawDocument)]


def _offset(item: RawDocument | Failure) -> int:
    return int(item.source.rsplit("#", 1)[1])


@pytest.fixture
def stream_file(tmp_path):
    path = tmp_path / "stream.warc.gz"
    path.write_bytes(gzip.compress(b"".join(_records())))
    return path


def test_one_stream_gives_every_record_like_plain_and_per_record_gzip(tmp_path, stream_file):
    records = _records()
    plain = tmp_path / "plain.warc"
    plain.write_bytes(b"".join(records))
    members = tmp_path / "members.warc.gz"
    members.write_bytes(b"".join(gzip.compress(r) for r in records))
    stream = _read(stream_file)
    assert all(isinstance(i, RawDocument) for i in stream)
    assert len(stream) == RECORDS
    assert _docs(stream) == _docs(_read(plain)) == _docs(_read(members))
    # Offsets count decompressed bytes: they are the plain file's, one per record.
    assert [_offset(i) for i in stream] == [_offset(i) for i in _read(plain)]


def test_one_stream_offsets_lead_back_to_their_records(stream_file):
    stream = _read(stream_file)
    for item in [*stream[:3], stream[137], stream[-1]]:
        again = read_warc_at(
            stream_file, _offset(item), name=stream_file.name, config=IngestConfig()
        )
        assert again == item


def test_several_streams_one_after_another_read_as_one(tmp_path):
    records = _records(60)
    path = tmp_path / "two.warc.gz"
    path.write_bytes(gzip.compress(b"".join(records[:30])) + gzip.compress(b"".join(records[30:])))
    plain = tmp_path / "two.warc"
    plain.write_bytes(b"".join(records))
    assert [_asdict(i) for i in _read(path)] == [_as_gz(i) for i in _read(plain)]


def _asdict(item: RawDocument | Failure) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def _as_gz(item: RawDocument | Failure) -> dict[str, object]:
    """An item of ``x.warc`` as the same record of ``x.warc.gz`` gives it."""
    fields = _asdict(item)
    for name in ("source", "message", "id"):
        if isinstance(fields.get(name), str):
            fields[name] = str(fields[name]).replace(".warc#", ".warc.gz#")
    return fields


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.77])
def test_one_stream_cut_short_keeps_records_before_and_says_so(tmp_path, stream_file, fraction):
    data = stream_file.read_bytes()
    whole = _docs(_read(stream_file))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * fraction)])
    items = _read(path)
    docs = _docs(items)
    assert 0 < len(docs) < RECORDS
    assert docs == whole[: len(docs)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert failures, "a cut stream must never lose its records silently"
    assert failures[-1] is items[-1]
    assert failures[-1].error_type == "bad_gzip"
    assert "ends early" in failures[-1].message
    assert all(f.stage is Stage.INGEST for f in failures)


@pytest.mark.parametrize("step", [pytest.param(211, id="every-211-bytes")])
def test_one_stream_cut_anywhere_ends_with_an_error_row(tmp_path, step):
    data = gzip.compress(b"".join(_records(40)))
    whole = _docs(_read_bytes(tmp_path, data))
    for cut in range(1, len(data) - 8, step):  # the last 8 bytes are the gzip trailer
        items = _read_bytes(tmp_path, data[:cut])
        docs = _docs(items)
        assert docs == whole[: len(docs)], cut
        assert isinstance(items[-1], Failure), cut
        assert items[-1].stage is Stage.INGEST


def _read_bytes(tmp_path, data: bytes) -> list[RawDocument | Failure]:
    path = tmp_path / "data.warc.gz"
    path.write_bytes(data)
    return _read(path)


def test_one_stream_damaged_in_the_middle_keeps_records_before(tmp_path, stream_file):
    data = bytearray(stream_file.read_bytes())
    whole = _docs(_read(stream_file))
    middle = len(data) // 2
    data[middle : middle + 40] = bytes(40)
    items = _read_bytes(tmp_path, bytes(data))
    docs = _docs(items)
    assert docs == whole[: len(docs)]
    assert len(docs) < RECORDS
    assert isinstance(items[-1], Failure)
    assert items[-1].error_type == "bad_gzip"


def test_one_stream_holding_a_record_cut_short_reads_like_the_plain_file(tmp_path):
    records = _records(30)
    # records[12] is response 10 (after request 10): its Content-Length runs on into response 11
    cut = records[12][: len(records[12]) * 6 // 10]
    damaged = b"".join([*records[:12], cut, *records[13:]])
    plain = tmp_path / "short.warc"
    plain.write_bytes(damaged)
    path = tmp_path / "short.warc.gz"
    path.write_bytes(gzip.compress(damaged))
    items = _read(path)
    assert [(n, i.error_type) for n, i in enumerate(items) if isinstance(i, Failure)] == [
        (10, "truncated_record")
    ]
    assert [_asdict(i) for i in items] == [_as_gz(i) for i in _read(plain)]


def test_members_of_one_record_then_a_stream_never_lose_records_silently(tmp_path):
    records = _records(20)
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(
        b"".join(gzip.compress(r) for r in records[:6]) + gzip.compress(b"".join(records[6:]))
    )
    items = _read(path)
    docs = _docs(items)
    whole = _docs(_read_bytes(tmp_path, gzip.compress(b"".join(records))))
    assert docs == whole[: len(docs)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(docs) == len(whole) or failures
    assert all(f.stage is Stage.INGEST for f in failures)


def test_per_record_gzip_cut_in_a_skipped_record_says_so(tmp_path):
    # The last whole record is request 10; the cut falls in its member, after its block.
    members = [gzip.compress(r) for r in _records(11)]
    request = members[-2]
    items = _read_bytes(tmp_path, b"".join(members[:-2]) + request[: len(request) - 4])
    assert len(_docs(items)) == 10
    assert isinstance(items[-1], Failure)
    assert (items[-1].error_type, items[-1].stage) == ("bad_gzip", Stage.INGEST)


def test_one_stream_over_the_byte_limit_says_so(tmp_path, stream_file):
    config = IngestConfig(max_decompressed_bytes_per_file=20_000)
    items = _read(stream_file, config)
    assert isinstance(items[-1], Failure)
    assert items[-1].error_type == "decompressed_too_large"
    assert sum(isinstance(i, Failure) for i in items) == 1
    assert 0 < len(items) - 1 < RECORDS


def test_cli_scan_of_one_stream_scans_every_record(stream_file):
    result = CliRunner().invoke(cli, ["scan", str(stream_file), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == RECORDS
    assert not any(r["error"] for r in records)


def test_zlib_stream_detection_needs_a_gzip_member(tmp_path):
    # A zlib (not gzip) stream is not a .warc.gz: one error row, as before.
    path = tmp_path / "zlib.warc.gz"
    path.write_bytes(zlib.compress(b"".join(_records(5))))
    (item,) = _read(path)
    assert isinstance(item, Failure)

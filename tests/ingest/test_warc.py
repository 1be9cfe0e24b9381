"""WARC crawls: one document per HTML response, with provenance; damage gives error rows."""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastwarc.warc import ArchiveIterator

from hoaxlens import Failure, RawDocument
from hoaxlens.cli import EXIT_RECORD_ERRORS, cli
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.types import MediaType, Stage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SAMPLE = FIXTURES / "sample.warc.gz"
CORRUPT = FIXTURES / "corrupt_middle.warc.gz"
SITE = "https://celebrity-buzz.example"
SAMPLE_SHAPE = [
    ("doc", "/stories/delia-voss-stops-concert", None),
    ("doc", "/gossip/rafe-calloway-paid-the-bill", None),
    ("doc", "/local/new-bridge-opens", None),
    ("doc", "/viral/juno-barrett-secret-wedding", None),
    ("error", "/viral/tomas-okafor-last-interview", "truncated_record"),
]


def _shape(items, site: str = SITE):
    out = []
    for item in items:
        path = (item.url or "").removeprefix(site)
        if isinstance(item, Failure):
            out.append(("error", path, item.error_type))
        else:
            out.append(("doc", path, None))
    return out


def _members(data: bytes) -> list[bytes]:
    """The records of a .warc.gz, one decompressed gzip member each."""
    records = []
    while data:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        records.append(decompressor.decompress(data))
        data = decompressor.unused_data
    return records


def _record(record_id: str, uri: str, http: bytes) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: 2024-05-02T08:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http;msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode("ascii") + http + b"\r\n\r\n"


def _http(body: bytes, *headers: str, content_type: str = "text/html; charset=utf-8") -> bytes:
    head = "".join(f"{h}\r\n" for h in (f"Content-Type: {content_type}", *headers))
    return f"HTTP/1.1 200 OK\r\n{head}\r\n".encode("ascii") + body


@pytest.mark.parametrize(("path", "shape"), [pytest.param(SAMPLE, SAMPLE_SHAPE, id="sample")])
def test_warc_one_item_per_html_response_in_file_order(path, shape):
    items = list(read_documents([path]))
    assert _shape(items) == shape
    assert all(i.media_type is MediaType.HTML for i in items if isinstance(i, RawDocument))
    failure = items[-1]
    assert failure.stage is Stage.INGEST
    assert "ends after" in failure.message


@pytest.mark.parametrize("path", [pytest.param(SAMPLE, id="sample")])
def test_warc_provenance_points_back_at_the_record(path):
    """id, url and source#offset of each output name the WARC record it came from."""
    items = list(read_documents([path]))
    for item in items:
        name, offset = item.source.rsplit("#", 1)
        assert name == path.as_posix()
        meta = dict(item.meta)
        with path.open("rb") as stream:
            stream.seek(int(offset))
            record = next(ArchiveIterator(stream))
        assert record.headers.get("WARC-Target-URI") == item.url
        expected_id = record.record_id.strip("<>")
        assert meta["warc_record_id"] == expected_id
        assert (item.id if isinstance(item, RawDocument) else item.doc_id) == expected_id
        assert expected_id.startswith("urn:uuid:")
        assert meta["warc_date"] == "2024-05-01T10:00:00Z"


@pytest.mark.parametrize(
    ("page", "charset", "charset_source", "snippet", "repaired"),
    [
        pytest.param(
            "/stories/delia-voss-stops-concert",
            "utf-8",
            "http",
            "named Zo\u00eb in the third row",
            False,
            id="utf8-declared-in-http-header",
        ),
        pytest.param(
            "/gossip/rafe-calloway-paid-the-bill",
            "cp1252",
            "meta",
            "\u201cI\u2019ve seen enough,\u201d Calloway said",
            False,
            id="windows-1252-declared-only-in-meta",
        ),
        pytest.param(
            "/local/new-bridge-opens",
            "cp1252",
            "detected",
            "Mayor Jos\u00e9 Pe\u00f1alver cut the ribbon",
            False,
            id="undeclared-latin1-detected",
        ),
        pytest.param(
            "/viral/juno-barrett-secret-wedding",
            "utf-8",
            "http",
            "Juno Barrett\u2019s bridesmaid posted one photo from the caf\u00e9 terrace \u2014",
            True,
            id="double-encoded-utf8-repaired",
        ),
    ],
)
def test_warc_pages_decode_in_their_charset(page, charset, charset_source, snippet, repaired):
    by_url = {i.url: i for i in read_documents([SAMPLE]) if isinstance(i, RawDocument)}
    document = by_url[SITE + page]
    meta = dict(document.meta)
    assert (meta["charset"], meta["charset_source"]) == (charset, charset_source)
    assert snippet in document.content
    assert ("mojibake_repaired" in meta) is repaired
    assert "\u00c3" not in document.content
    assert "\u00e2\u20ac" not in document.content
    assert (meta["http_status"], meta["http_content_type"][:4]) in {
        ("200", "text"),
        ("200", "appl"),
    }


@pytest.mark.parametrize("path", [pytest.param(SAMPLE, id="sample")])
def test_warc_skipped_records_are_counted_in_debug_log(caplog, path):
    with caplog.at_level(logging.DEBUG, logger="hoaxlens.ingest.warc"):
        list(read_documents([path]))
    (line,) = [r.getMessage() for r in caplog.records if "records skipped" in r.getMessage()]
    for kind in ("warcinfo", "request", "metadata", "non-HTML response", "HTTP 301 response"):
        assert f"'{kind}': 1" in line


@pytest.mark.parametrize(
    ("path", "shape"),
    [
        pytest.param(
            CORRUPT,
            [
                ("doc", "/feed/story-1", None),
                ("doc", "/feed/story-2", None),
                ("error", "", "bad_warc"),
                ("doc", "/feed/story-3", None),
                ("doc", "/feed/story-4", None),
            ],
            id="garbage-member-in-the-middle",
        )
    ],
)
def test_warc_reading_resumes_after_corrupt_middle(path, shape):
    items = list(read_documents([path]))
    assert _shape(items, "https://viral-feed.example") == shape
    failure = items[2]
    assert "skipped" in failure.message
    start = int(failure.source.rsplit("#", 1)[1])
    resume = int(items[3].source.rsplit("#", 1)[1])
    assert int(items[1].source.rsplit("#", 1)[1]) < start < resume


def _good_documents() -> list[RawDocument]:
    return [i for i in read_documents([SAMPLE]) if isinstance(i, RawDocument)]


@pytest.mark.parametrize("step", [pytest.param(89, id="every-89-bytes")])
def test_warc_cut_anywhere_never_crashes_and_keeps_good_prefix(tmp_path, step):
    data = SAMPLE.read_bytes()
    good = [(d.id, d.content) for d in _good_documents()]
    for cut in range(0, len(data), step):
        path = tmp_path / f"cut{cut}.warc.gz"
        path.write_bytes(data[:cut])
        items = list(read_documents([path]))
        docs = [(i.id, i.content) for i in items if isinstance(i, RawDocument)]
        assert docs == good[: len(docs)], cut
        assert all(i.stage is Stage.INGEST for i in items if isinstance(i, Failure))


@pytest.mark.parametrize("step", [pytest.param(53, id="every-53-bytes")])
def test_warc_damaged_byte_anywhere_never_crashes(tmp_path, step):
    data = SAMPLE.read_bytes()
    for pos in range(0, len(data), step):
        damaged = bytearray(data)
        damaged[pos] ^= 0x5A
        path = tmp_path / f"flip{pos}.warc.gz"
        path.write_bytes(bytes(damaged))
        items = list(read_documents([path]))
        assert all(isinstance(i, RawDocument | Failure) for i in items)
        assert sum(isinstance(i, RawDocument) for i in items) <= len(SAMPLE_SHAPE)


@pytest.mark.parametrize(
    ("garbage", "error_type"),
    [
        pytest.param(b"NOT A RECORD\r\n\r\n", "bad_warc", id="text-between-records"),
        pytest.param(b"\x00" * 40, "bad_warc", id="nul-bytes-between-records"),
    ],
)
def test_warc_plain_file_with_garbage_between_records(tmp_path, garbage, error_type):
    records = _members(SAMPLE.read_bytes())
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(records[:4]) + garbage + b"".join(records[4:]))
    items = list(read_documents([path]))
    assert _shape(items) == [*SAMPLE_SHAPE[:2], ("error", "", error_type), *SAMPLE_SHAPE[2:]]


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        pytest.param(b"", "empty_document", id="empty-file"),
        pytest.param(b"\r\n \n", "empty_document", id="whitespace-file"),
        pytest.param(b"Just some text, not an archive.\n", "bad_warc", id="text-named-warc"),
        pytest.param(gzip.compress(b"hello, not a warc"), "bad_warc", id="gzip-of-text"),
        pytest.param(b"\x1f\x8b\x08\x00garbage", "bad_warc", id="broken-gzip-header"),
    ],
)
def test_warc_unreadable_file_yields_one_failure(tmp_path, data, error_type):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    (failure,) = read_documents([path])
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error_type) == (Stage.INGEST, error_type)


@pytest.mark.parametrize(
    ("max_bytes", "shape"),
    [
        pytest.param(
            600,
            [
                ("doc", "/stories/delia-voss-stops-concert", None),
                ("doc", "/gossip/rafe-calloway-paid-the-bill", None),
                ("error", "/local/new-bridge-opens", "too_large"),
                ("doc", "/viral/juno-barrett-secret-wedding", None),
                ("error", "/viral/tomas-okafor-last-interview", "too_large"),
            ],
            id="bodies-over-600-bytes",
        )
    ],
)
def test_warc_size_limit_applies_to_each_record_body(max_bytes, shape):
    items = list(read_documents([SAMPLE], config=IngestConfig(max_bytes=max_bytes)))
    assert _shape(items) == shape


BODY = (
    b"<html><body><p>" + b"She sang one more song for the children. " * 20 + b"</p></body></html>"
)
ZIPPED = gzip.compress(BODY, mtime=0)


def _chunked(body: bytes, size: int = 100) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    ("http", "error_type"),
    [
        pytest.param(_http(BODY, f"Content-Length: {len(BODY)}"), None, id="identity"),
        pytest.param(_http(ZIPPED, "Content-Encoding: gzip"), None, id="gzip-encoded"),
        pytest.param(_http(_chunked(BODY), "Transfer-Encoding: chunked"), None, id="chunked"),
        pytest.param(
            _http(_chunked(ZIPPED), "Transfer-Encoding: chunked", "Content-Encoding: gzip"),
            None,
            id="chunked-and-gzip",
        ),
        pytest.param(
            _http(ZIPPED[:-30], "Content-Encoding: gzip"),
            "truncated_record",
            id="gzip-body-cut-short",
        ),
        pytest.param(
            _http(_chunked(BODY)[:-40], "Transfer-Encoding: chunked"),
            "truncated_record",
            id="chunks-cut-short",
        ),
        pytest.param(
            _http(BODY[:100], f"Content-Length: {len(BODY)}"),
            "truncated_record",
            id="shorter-than-http-content-length",
        ),
        pytest.param(
            _http(BODY, "Content-Encoding: zstd"), "unsupported_encoding", id="unknown-encoding"
        ),
        pytest.param(_http(b"   "), "empty_document", id="blank-page"),
    ],
)
def test_warc_http_bodies_are_decoded_or_fail_alone(tmp_path, http, error_type):
    good = _http(b"<p>A good page after the tested one.</p>")
    path = tmp_path / "bodies.warc"
    path.write_bytes(
        _record("00000000-0000-4000-8000-000000000001", "https://a.example/x", http)
        + _record("00000000-0000-4000-8000-000000000002", "https://a.example/y", good)
    )
    first, second = read_documents([path])
    assert isinstance(second, RawDocument)
    assert second.id == "urn:uuid:00000000-0000-4000-8000-000000000002"
    if error_type is None:
        assert isinstance(first, RawDocument)
        assert first.content == BODY.decode()
    else:
        assert isinstance(first, Failure)
        assert first.error_type == error_type
        assert first.doc_id == "urn:uuid:00000000-0000-4000-8000-000000000001"
        assert first.url == "https://a.example/x"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize(("path", "shape"), [pytest.param(SAMPLE, SAMPLE_SHAPE, id="sample")])
def test_cli_scan_warc_gives_one_record_per_html_response(runner, path, shape):
    result = runner.invoke(cli, ["scan", str(path), "--format", "jsonl"])
    assert result.exit_code == EXIT_RECORD_ERRORS, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    got = [
        (
            "error" if r["error"] else "doc",
            r["url"].removeprefix(SITE),
            r["error"] and r["error"]["type"],
        )
        for r in records
    ]
    assert got == shape
    assert all(r["id"].startswith("urn:uuid:") for r in records)
    assert all(r["source"].startswith(f"{path.as_posix()}#") for r in records)
    assert all(r["label"] in {"fabricated", "uncertain", "genuine"} for r in records[:-1])
    assert records[-1]["error"]["stage"] == "ingest"
    assert "1 of 5 records could not be analysed" in result.stderr

"""Fuzzing every reader (and ``analyze``) with adversarial bytes: nothing escapes.

For each input format, Hypothesis builds files from hostile pieces (random bytes,
truncations, deep nesting, lone surrogates, huge numbers, gzip layers) and checks what a
user relies on: no exception leaves ``read_documents``; every item is a document or an
``ingest`` error row whose strings a UTF-8 writer can hold; sources are unique; and, where
the file's records are known, exactly one item per record, or one row for a file-level
error (with the records before it kept).

CI runs a small, derandomized budget (``pytest -m fuzz`` runs this file alone). For a
longer, randomized local run: ``HOAXLENS_FUZZ_EXAMPLES=5000 pytest -m fuzz``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoaxlens import Failure, RawDocument, to_record
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.types import MediaType, Stage

pytestmark = pytest.mark.fuzz

_EXAMPLES = os.environ.get("HOAXLENS_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_EXAMPLES or 30),
    derandomize=_EXAMPLES is None,  # CI: the same examples every run
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Small limits, so that the fuzzer reaches every cap with small inputs.
CONFIG = IngestConfig(
    max_bytes=4_000,
    max_json_depth=20,
    max_number_digits=30,
    max_lines_per_file=60,
    max_decompressed_bytes_per_file=50_000,
    max_errors_per_file=25,
)

# --- pieces -----------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\n"), min_size=1, max_size=40
)
_junk = st.binary(max_size=60)


def _json_scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers().map(str),
        st.integers(min_value=1, max_value=80).map(lambda n: "9" * n),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        _text.map(json.dumps),
        st.sampled_from(['"\\ud800"', '"\\udfff x"', '"\\ud83d\\ude00"', "null", "true"]),
    )


def _nested(depth: int, scalar: str) -> str:
    return "[" * depth + scalar + "]" * depth


_json_record = st.builds(
    lambda text, depth, scalar: json.dumps({"text": text, "x": 0}).replace(
        "0}", _nested(depth, scalar) + "}"
    ),
    st.one_of(_text, st.sampled_from(["\ud800 lone", ""])),
    st.integers(min_value=0, max_value=40),
    _json_scalar(),
)
_jsonl_line = st.one_of(
    _json_record.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"{}", b"[]", b"", b"   ", b"\r", b"{", b'{"text": 5}', b'{"html": "<p>x"}']),
    st.integers(min_value=25, max_value=2_000).map(lambda n: b"[" * n),
    st.integers(min_value=3_000, max_value=6_000).map(lambda n: b'{"text": "' + b"a" * n + b'"}'),
    _junk.map(lambda b: b.replace(b"\n", b" ")),
)


def _gzip_layers(data: bytes, layers: int, cut: int | None) -> bytes:
    for _ in range(layers):
        data = gzip.compress(data, mtime=0)
    return data if cut is None else data[:cut]


# --- invariants -------------------------------------------------------------------------


def _check_items(items: list[RawDocument | Failure]) -> None:
    """What holds for every reader's output, whatever the input."""
    sources = [item.source for item in items]
    assert len(sources) == len(set(sources)), "sources must be unique"
    for item in items:
        assert isinstance(item, RawDocument | Failure)
        if isinstance(item, Failure):
            assert item.stage is Stage.INGEST
            assert item.message
            json.dumps(to_record(item), ensure_ascii=False).encode("utf-8")
        # An output writer (JSONL, CSV, Parquet) must be able to hold every string.
        for text in _strings(item):
            text.encode("utf-8")


def _strings(item: RawDocument | Failure) -> list[str]:
    meta = [text for pair in item.meta for text in pair]
    own = [item.content] if isinstance(item, RawDocument) else [item.doc_id, item.message]
    return [*own, item.source, item.url or "", item.title or "", *meta]


def _read(data: bytes, name: str) -> list[RawDocument | Failure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_documents([path], config=CONFIG))
    _check_items(items)
    return items


def _line_of(item: RawDocument | Failure) -> int | None:
    tail = item.source.rpartition("#L")
    return int(tail[2]) if tail[1] else None


def _blank(line: bytes) -> bool:
    try:
        return not line.decode("utf-8").removesuffix("\r").strip()
    except UnicodeDecodeError:
        return False


# --- readers ----------------------------------------------------------------------------


@FUZZ
@given(
    lines=st.lists(_jsonl_line, max_size=80),
    layers=st.integers(min_value=0, max_value=1),
)
def test_fuzz_jsonl_one_item_per_record(lines, layers):
    data = b"".join(line + b"\n" for line in lines)
    items = _read(_gzip_layers(data, layers, None), "posts.jsonl" + ".gz" * layers)
    expected = [n for n, line in enumerate(lines, 1) if not _blank(line)]
    got = [_line_of(item) for item in items]
    if got == expected:
        return
    # Otherwise a file-level error ends the file: the records before it, then one row.
    last = items[-1] if items else None
    assert isinstance(last, Failure), (got, expected)
    assert got[:-1] == expected[: len(got) - 1]
    assert last.error_type in {
        "too_many_lines",
        "too_many_errors",
        "decompressed_too_large",
        "binary_file",
        "empty_document",
        "invalid_encoding",
    }


@FUZZ
@given(data=st.binary(max_size=3_000), layers=st.integers(0, 2), cut=st.none() | st.integers(0, 80))
def test_fuzz_random_bytes_in_every_format(data, layers, cut):
    blob = _gzip_layers(data, layers, cut)
    for suffix in (".txt", ".html", ".jsonl", ".csv", ".warc", ".parquet"):
        name = "input" + suffix + (".gz" if layers and suffix != ".parquet" else "")
        items = _read(blob, name)
        if suffix in {".txt", ".html"}:
            assert len(items) == 1  # a one-document file: a document or its error row


_csv_cell = st.one_of(
    _text,
    st.sampled_from(['"', '""', 'a "quoted', "x\ny", "", ",", "\r"]),
    st.integers(min_value=3_000, max_value=5_000).map(lambda n: "b" * n),
)


@FUZZ
@given(
    header=st.sampled_from(["id,text", "text", "html,url", "id,title", ""]),
    rows=st.lists(st.lists(_csv_cell, max_size=4), max_size=40),
    junk=_junk,
    layers=st.integers(0, 1),
)
def test_fuzz_csv(header, rows, junk, layers):
    body = "".join(",".join(row) + "\n" for row in rows).encode("utf-8", "surrogatepass")
    data = header.encode() + b"\n" + body + junk
    items = _read(_gzip_layers(data, layers, None), "posts.csv" + ".gz" * layers)
    assert len(items) <= data.count(b"\n") + 2


# WARC records: (kind, payload).
_warc_kind = st.sampled_from(["good", "cut", "long", "text", "junk", "nohttp"])


def _http(body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n"
    return head.encode() + body


def _warc_record(n: int, block: bytes, declared: int | None = None) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
        f"WARC-Target-URI: https://example.org/{n}\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block) if declared is None else declared}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _warc_piece(n: int, kind: str, body: bytes, junk: bytes) -> bytes:
    page = b"<html><title>t</title><p>" + body + b"</p></html>"
    if kind == "good":
        return _warc_record(n, _http(page))
    if kind == "cut":  # declared whole, cut in the middle of its block
        block = _http(page)
        return _warc_record(n, block[: len(block) // 2], declared=len(block))[:-4]
    if kind == "long":  # declares more than the file holds after it
        return _warc_record(n, _http(page), declared=len(_http(page)) + 10_000)
    if kind == "text":
        return _warc_record(n, _http(body, "text/plain"))
    if kind == "nohttp":
        return _warc_record(n, body)
    return junk.replace(b"WARC/", b"")


@FUZZ
@given(
    pieces=st.lists(st.tuples(_warc_kind, st.binary(max_size=200), _junk), max_size=8),
    compressed=st.booleans(),
)
def test_fuzz_warc_each_intact_page_read_once(pieces, compressed):
    parts = [_warc_piece(n, kind, body, junk) for n, (kind, body, junk) in enumerate(pieces)]
    if compressed:
        data = b"".join(gzip.compress(part, mtime=0) for part in parts)
    else:
        data = b"".join(parts)
    items = _read(data, "crawl.warc" + (".gz" if compressed else ""))
    urls = [item.url for item in items if item.url is not None]
    assert len(urls) == len(set(urls)), "a record gives at most one item"
    documents = [item for item in items if isinstance(item, RawDocument)]
    for document in documents:
        assert "WARC/1.1" not in document.content
        assert "HTTP/1.1" not in document.content
        assert document.url is not None
        n = int(document.url.rpartition("/")[2])
        assert pieces[n][0] == "good", "only whole HTML responses become documents"


_parquet_text = st.one_of(st.none(), _text, st.integers(3_000, 5_000).map(lambda n: "c" * n))


@FUZZ
@given(
    texts=st.lists(_parquet_text, max_size=80),
    group=st.integers(1, 30),
    cut=st.none() | st.integers(0, 400),
)
def test_fuzz_parquet(texts, group, cut):
    buffer = io.BytesIO()
    pq.write_table(pa.table({"text": pa.array(texts, pa.string())}), buffer, row_group_size=group)
    data = buffer.getvalue()
    items = _read(data if cut is None else data[:cut] + data[cut + 1 :], "posts.parquet")
    if cut is None:
        capped = len(texts) > CONFIG.max_lines_per_file
        per_row = items[:-1] if capped else items
        assert [item.source.rpartition("#")[2] for item in per_row] == [
            f"R{n}" for n in range(1, len(per_row) + 1)
        ]
        if not capped:
            assert len(items) == len(texts)


@FUZZ
@given(text=st.text(max_size=200).filter(str.strip))
def test_fuzz_analyze_short_adversarial_text(analyzer, text):
    """``analyze`` gives a verdict or a typed failure for any short text, never a crash."""
    raw = RawDocument(id="fuzz", content=text, media_type=MediaType.TEXT, source="fuzz")
    [result] = list(analyzer.analyze_many([raw]))
    json.dumps(to_record(result), ensure_ascii=False).encode("utf-8", "surrogatepass")

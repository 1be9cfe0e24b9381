"""Error rows: every unreadable input yields exactly one ``Failure``, never a silent drop.

Each bad input sits between two good documents, which must still come out as verdicts,
in input order.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from hoaxlens import Failure, RawDocument, Verdict, to_record
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.types import Stage

GOOD_A = "The first good post.\nShe thanked the volunteers at the shelter on Sunday.\n"
GOOD_C = "The last good post.\nThe band played two encores and went home.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
GZIP_OK = gzip.compress(b"A compressed story about a singer.\n")


def _corrupt_deflate() -> bytes:
    """A gzip member with an intact header and a garbage compressed body."""
    return GZIP_OK[:10] + b"\xff" * (len(GZIP_OK) - 10)


def _name(item: RawDocument | Failure) -> str:
    return Path(item.source.split("#")[0]).name


def _shape(items):
    """(kind, file name, error type) per item: what a user checks in the output."""
    out = []
    for item in items:
        if isinstance(item, Failure):
            out.append(("error", _name(item), item.error_type))
        else:
            out.append(("doc", _name(item), None))
    return out


def _check_one_failure(analyzer, items, bad_name, error_type):
    assert _shape(items) == [
        ("doc", "a_good.txt", None),
        ("error", bad_name, error_type),
        ("doc", "c_good.txt", None),
    ]
    failure = items[1]
    assert failure.stage is Stage.INGEST
    assert failure.message
    results = list(analyzer.analyze_many(items))
    assert [type(r) for r in results] == [Verdict, Failure, Verdict]
    assert [r.doc_id for r in results] == [
        i.id if isinstance(i, RawDocument) else i.doc_id for i in items
    ]
    record = to_record(results[1])
    assert record["error"]["stage"] == "ingest"
    assert record["error"]["type"] == error_type
    assert record["label"] is None


@pytest.mark.parametrize(
    ("bad_name", "content", "error_type"),
    [
        pytest.param(
            "b_bad.txt",
            b"Caf\xe9 au lait and a \xff story\n",
            "invalid_encoding",
            id="invalid-utf8",
        ),
        pytest.param("b_bad.txt", b"", "empty_document", id="empty-file"),
        pytest.param("b_bad.txt", b"  \n\t\n", "empty_document", id="whitespace-only-file"),
        pytest.param(
            "b_bad.txt", b"text\x00with\x00nul\x00bytes", "binary_file", id="txt-with-nul-bytes"
        ),
        pytest.param("b_bad.txt", PNG_HEADER, "binary_file", id="png-header-named-txt"),
        pytest.param("b_bad.html", PNG_HEADER, "binary_file", id="png-header-named-html"),
        pytest.param("b_bad.html", b"", "empty_document", id="empty-html"),
        pytest.param(
            "b_bad.pdf", b"%PDF-1.4 whatever", "unsupported_type", id="unsupported-suffix"
        ),
        pytest.param("b_bad", b"no suffix at all", "unsupported_type", id="no-suffix"),
        pytest.param(
            "b_bad.txt.gz", b"this is not gzip data", "bad_gzip", id="gz-without-gzip-magic"
        ),
        pytest.param("b_bad.txt.gz", GZIP_OK[:-6], "bad_gzip", id="truncated-gz"),
        pytest.param(
            "b_bad.txt.gz",
            _corrupt_deflate(),
            "bad_gzip",
            id="gz-with-corrupt-deflate-body",
        ),
        pytest.param("b_bad.jsonl", b"", "empty_document", id="empty-jsonl"),
        pytest.param(
            "b_bad.csv",
            b"\xff\xfe" + "text\n".encode("utf-16-le") + b"X",
            "invalid_encoding",
            id="csv-truncated-utf16",
        ),
    ],
)
def test_ingest_bad_file_in_directory_yields_one_failure(
    analyzer, make_tree, bad_name, content, error_type
):
    root = make_tree({"a_good.txt": GOOD_A, bad_name: content, "c_good.txt": GOOD_C})
    items = list(read_documents([root]))
    _check_one_failure(analyzer, items, bad_name, error_type)


@pytest.mark.parametrize(
    ("target", "error_type"),
    [
        pytest.param("does-not-exist.txt", "FileNotFoundError", id="dangling-symlink"),
        pytest.param("b_link.txt", "OSError", id="symlink-to-itself"),
    ],
)
def test_ingest_unreadable_symlink_in_directory_yields_one_failure(
    analyzer, make_tree, target, error_type
):
    root = make_tree({"a_good.txt": GOOD_A, "c_good.txt": GOOD_C})
    (root / "b_link.txt").symlink_to(root / target)
    items = list(read_documents([root]))
    _check_one_failure(analyzer, items, "b_link.txt", error_type)
    assert "cannot read file" in items[1].message


@pytest.mark.parametrize(
    ("missing", "error_type"),
    [
        pytest.param("b_missing.txt", "FileNotFoundError", id="missing-txt"),
        pytest.param("b_missing.jsonl", "FileNotFoundError", id="missing-jsonl"),
        pytest.param(
            "b_missing_dir",
            "FileNotFoundError",
            id="missing-path-without-suffix",
        ),
    ],
)
def test_ingest_nonexistent_explicit_path_yields_one_failure(
    analyzer, make_tree, missing, error_type
):
    root = make_tree({"a_good.txt": GOOD_A, "c_good.txt": GOOD_C})
    items = list(read_documents([root / "a_good.txt", root / missing, root / "c_good.txt"]))
    _check_one_failure(analyzer, items, missing, error_type)
    assert items[1].source == (root / missing).as_posix()


def _jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


GOOD_LINE_1 = json.dumps({"id": "p1", "text": GOOD_A})
GOOD_LINE_3 = json.dumps({"id": "p3", "text": GOOD_C})


@pytest.mark.parametrize(
    ("bad_line", "error_type"),
    [
        pytest.param('{"id": "p2", "text": "unterminated', "malformed_json", id="malformed-json"),
        pytest.param('["a", "json", "array"]', "malformed_json", id="json-array"),
        pytest.param('"just a string"', "malformed_json", id="json-string"),
        pytest.param('{"id": "p2", "title": "No body here"}', "no_text", id="record-without-text"),
        pytest.param('{"id": "p2", "text": ""}', "no_text", id="record-with-empty-text"),
        pytest.param(
            '{"id": "p2", "text": null, "html": null}', "no_text", id="record-with-null-text"
        ),
        pytest.param('{"id": "p2", "text": 5}', "bad_field", id="text-not-a-string"),
        pytest.param('{"id": true, "text": "x y z"}', "bad_field", id="boolean-id"),
        pytest.param('{"text": "x", "url": ["a"]}', "bad_field", id="url-not-a-string"),
    ],
)
def test_ingest_bad_jsonl_line_yields_one_failure_between_good_lines(
    analyzer, make_tree, bad_line, error_type
):
    root = make_tree({"posts.jsonl": _jsonl(GOOD_LINE_1, bad_line, GOOD_LINE_3)})
    items = list(read_documents([root / "posts.jsonl"]))
    assert [type(i) for i in items] == [RawDocument, Failure, RawDocument]
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["L1", "L2", "L3"]
    assert (items[0].id, items[2].id) == ("p1", "p3")
    failure = items[1]
    assert failure.error_type == error_type
    assert failure.stage is Stage.INGEST
    assert failure.source.endswith("posts.jsonl#L2")
    results = list(analyzer.analyze_many(items))
    assert [type(r) for r in results] == [Verdict, Failure, Verdict]


@pytest.mark.parametrize(
    ("record", "text"),
    [
        pytest.param(
            {"id": "p2", "text": "first line\u2028second line of the same post"},
            "first line\u2028second line of the same post",
            id="u2028-line-separator-inside-a-string",
        ),
        pytest.param(
            {"id": "p2", "text": "tab\there and a form feed\x0cthere"},
            "tab\there and a form feed\x0cthere",
            id="escaped-control-characters",
        ),
    ],
)
def test_ingest_jsonl_record_with_unicode_separators_stays_one_record(make_tree, record, text):
    line = json.dumps(record, ensure_ascii=False)
    root = make_tree({"posts.jsonl": _jsonl(GOOD_LINE_1, line, GOOD_LINE_3)})
    items = list(read_documents([root / "posts.jsonl"]))
    assert [type(i) for i in items] == [RawDocument, RawDocument, RawDocument]
    assert items[1].content == text
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["L1", "L2", "L3"]


@pytest.mark.parametrize(
    ("max_bytes", "bad_name", "content"),
    [
        pytest.param(200, "b_big.txt", "word " * 100, id="txt-over-limit"),
        pytest.param(200, "b_big.html", "<p>" + "word " * 100 + "</p>", id="html-over-limit"),
        pytest.param(
            200,
            "b_big.txt.gz",
            gzip.compress(b"word " * 1000),
            id="gz-decompressing-over-limit",
        ),
    ],
)
def test_ingest_oversize_file_yields_too_large(analyzer, make_tree, max_bytes, bad_name, content):
    root = make_tree({"a_good.txt": GOOD_A, bad_name: content, "c_good.txt": GOOD_C})
    items = list(read_documents([root], config=IngestConfig(max_bytes=max_bytes)))
    _check_one_failure(analyzer, items, bad_name, "too_large")
    assert "limit" in items[1].message


@pytest.mark.parametrize(
    ("max_bytes", "big_text"),
    [pytest.param(300, "word " * 100, id="one-long-line-in-three")],
)
def test_ingest_oversize_line_of_compressed_jsonl_fails_alone(make_tree, max_bytes, big_text):
    big = json.dumps({"id": "p2", "text": big_text})
    data = gzip.compress(_jsonl(GOOD_LINE_1, big, GOOD_LINE_3).encode("utf-8"))
    root = make_tree({"posts.jsonl.gz": data})
    items = list(read_documents([root], config=IngestConfig(max_bytes=max_bytes)))
    assert [type(i) for i in items] == [RawDocument, Failure, RawDocument]
    assert items[1].error_type == "too_large"
    assert items[1].source.endswith("posts.jsonl.gz#L2")


@pytest.mark.parametrize(
    ("name", "content", "records"),
    [
        pytest.param(
            "posts.jsonl",
            _jsonl(*(json.dumps({"id": f"p{i}", "text": f"short post {i}"}) for i in range(20))),
            20,
            id="jsonl-of-small-lines",
        ),
        pytest.param(
            "posts.csv",
            "id,text\n" + "".join(f"r{i},short post {i}\n" for i in range(20)),
            20,
            id="csv-of-small-rows",
        ),
    ],
)
def test_ingest_export_larger_than_limit_reads_every_small_record(
    make_tree, name, content, records
):
    root = make_tree({name: content})
    assert (root / name).stat().st_size > 200
    items = list(read_documents([root / name], config=IngestConfig(max_bytes=200)))
    assert len(items) == records
    assert all(isinstance(i, RawDocument) for i in items)


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        pytest.param(b"", "empty_document", id="empty-stdin"),
        pytest.param(b"\xc3\x28 broken", "invalid_encoding", id="invalid-utf8-stdin"),
        pytest.param(b"\x00\x01\x02\x03", "binary_file", id="binary-stdin"),
        pytest.param(b"x" * 50, "too_large", id="oversize-stdin"),
    ],
)
def test_ingest_bad_stdin_yields_one_failure(data, error_type):
    items = list(read_documents(["-"], stdin=io.BytesIO(data), config=IngestConfig(max_bytes=40)))
    assert len(items) == 1
    failure = items[0]
    assert isinstance(failure, Failure)
    assert (failure.source, failure.stage, failure.error_type) == ("-", Stage.INGEST, error_type)


@pytest.mark.parametrize("paths", [pytest.param(["-"], id="dash-without-stream")])
def test_ingest_stdin_without_stream_is_a_usage_error(paths):
    with pytest.raises(ValueError, match="no stdin stream"):
        list(read_documents(paths))


@pytest.mark.parametrize("max_bytes", [pytest.param(0, id="zero"), pytest.param(-5, id="negative")])
def test_ingest_config_rejects_non_positive_limit(max_bytes):
    with pytest.raises(ValueError, match="max_bytes"):
        IngestConfig(max_bytes=max_bytes)

"""Hostile input: poison lines, bombs and truncated records give one error row each.

Every input is generated here, small. Each poison sits between good records, which must
still come out as documents, in order; each limit's error row names its ``[ingest]``
setting, so a user who meets it knows what raises it.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import zlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hoaxlens import Failure, RawDocument
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.ingest.records import json_depth
from hoaxlens.ingest.warc_sync import _gzip_member_end
from hoaxlens.types import Stage

GOOD = json.dumps({"text": "She thanked the volunteers at the shelter on Sunday."})


def _shape(items):
    """(kind, line or row, error type) per item: what a user checks in the output."""
    return [
        (
            "error" if isinstance(item, Failure) else "doc",
            item.source.rpartition("#")[2] if "#" in item.source else "",
            item.error_type if isinstance(item, Failure) else None,
        )
        for item in items
    ]


def _jsonl(tmp_path, lines: list[str], *, name: str = "posts.jsonl", gz: bool = False):
    data = "".join(f"{line}\n" for line in lines).encode("utf-8")
    path = tmp_path / (name + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


@pytest.mark.parametrize(
    ("poison", "error_type", "setting"),
    [
        pytest.param(
            '{"text": "a", "n": ' + "9" * 5000 + "}",
            "number_too_long",
            "max_number_digits",
            id="int-of-5000-digits",
        ),
        pytest.param(
            '{"text": "a", "n": -0.' + "1" * 2000 + "e5}",
            "number_too_long",
            "max_number_digits",
            id="float-of-2000-digits",
        ),
        pytest.param(
            '{"text": "a", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "too_deep",
            "max_json_depth",
            id="100k-nested-arrays",
        ),
        pytest.param(
            '{"text": "a", "n": ' + '{"a":' * 200 + "1" + "}" * 200 + "}",
            "too_deep",
            "max_json_depth",
            id="200-nested-objects",
        ),
        pytest.param(
            '{"text": "a", "n": ' + "[" * 100_000,
            "too_deep",
            "max_json_depth",
            id="unclosed-arrays",
        ),
    ],
)
def test_jsonl_poison_line_is_one_error_row_naming_its_setting(
    tmp_path, poison, error_type, setting
):
    path = _jsonl(tmp_path, [GOOD, poison, GOOD])
    items = list(read_documents([path]))
    assert _shape(items) == [("doc", "L1", None), ("error", "L2", error_type), ("doc", "L3", None)]
    assert items[1].stage is Stage.INGEST
    assert f"[ingest] {setting}" in items[1].message


@pytest.mark.parametrize(
    ("line", "config"),
    [
        pytest.param(
            '{"text": "a", "n": ' + "9" * 5000 + "}",
            IngestConfig(max_number_digits=6000),
            id="int-over-python-own-limit",
        ),
        pytest.param(
            '{"text": "a", "n": ' + "[" * 3000 + "]" * 3000 + "}",
            IngestConfig(max_json_depth=5000),
            id="depth-over-python-recursion-limit",
        ),
    ],
)
def test_jsonl_limit_raised_past_what_python_parses_still_gives_a_row(tmp_path, line, config):
    """A setting raised too far must not let Python's own failure end the scan."""
    path = _jsonl(tmp_path, [GOOD, line, GOOD])
    items = list(read_documents([path], config=config))
    assert [type(i) for i in items] == [RawDocument, Failure, RawDocument]
    assert items[1].stage is Stage.INGEST
    assert items[1].error_type in {"ValueError", "RecursionError"}


@pytest.mark.parametrize(
    ("line", "config"),
    [
        pytest.param(
            '{"text": "a", "n": ' + "[" * 300 + "]" * 300 + "}",
            IngestConfig(max_json_depth=400),
            id="depth-300-under-raised-limit",
        ),
        pytest.param(
            '{"text": "a", "n": ' + "7" * 1500 + "}",
            IngestConfig(max_number_digits=2000),
            id="1500-digits-under-raised-limit",
        ),
        pytest.param(
            '{"text": "' + "[" * 500 + '", "n": [[1]]}', IngestConfig(), id="brackets-in-a-string"
        ),
    ],
)
def test_jsonl_within_limits_is_a_document(tmp_path, line, config):
    items = list(read_documents([_jsonl(tmp_path, [line])], config=config))
    assert [type(i) for i in items] == [RawDocument]


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        pytest.param('{"a": [[1], {"b": "[[["}]}', 3, id="string-brackets-ignored"),
        pytest.param('"esc \\" [[[["', 0, id="escaped-quote-in-string"),
        pytest.param("[" * 10 + "]" * 10 + "[[]]", 10, id="deepest-of-two"),
        pytest.param("7", 0, id="scalar"),
        pytest.param("]]]", 0, id="only-closers"),
    ],
)
def test_json_depth_counts_nesting_outside_strings(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        pytest.param('{"text": "x \\ud800 y"}', "content", "x \ufffd y", id="lone-high-in-text"),
        pytest.param(
            '{"text": "ok", "title": "\\udfff!"}', "title", "\ufffd!", id="lone-low-in-title"
        ),
        pytest.param('{"text": "ok", "id": "a\\udc80"}', "id", "a\ufffd", id="lone-in-id"),
    ],
)
def test_jsonl_lone_surrogate_is_replaced_and_noted(tmp_path, record, field, expected):
    """Nothing silently dropped: U+FFFD in place of the surrogate, the count in meta."""
    items = list(read_documents([_jsonl(tmp_path, [record, GOOD])]))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    document = items[0]
    assert getattr(document, field) == expected
    assert dict(document.meta)["ingest_surrogates_replaced"] == "1"
    assert "ingest_surrogates_replaced" not in dict(items[1].meta)


def test_jsonl_surrogates_in_extra_fields_are_replaced(tmp_path):
    record = '{"text": "ok", "\\ud801": "v\\ud802", "nested": ["\\ud803"]}'
    document = next(iter(read_documents([_jsonl(tmp_path, [record])])))
    meta = dict(document.meta)
    assert meta["\ufffd"] == "v\ufffd"
    assert meta["nested"] == '["\ufffd"]'
    assert meta["ingest_surrogates_replaced"] == "3"
    json.dumps(meta, ensure_ascii=False).encode("utf-8")  # an output writer can hold them


def test_jsonl_valid_surrogate_pair_is_kept(tmp_path):
    document = next(iter(read_documents([_jsonl(tmp_path, ['{"text": "hi \\ud83d\\ude00"}'])])))
    assert document.content == "hi \U0001f600"
    assert document.meta == ()


@pytest.mark.parametrize(
    ("n_lines", "cap", "blank_every", "gz", "shape_tail"),
    [
        pytest.param(5, 3, 0, False, [("error", "L4", "too_many_lines")], id="plain-over-cap"),
        pytest.param(5, 3, 0, True, [("error", "L4", "too_many_lines")], id="gzip-over-cap"),
        pytest.param(3, 3, 0, False, [], id="exactly-at-cap-no-row"),
        pytest.param(4, 6, 2, False, [("error", "L7", "too_many_lines")], id="blank-lines-count"),
    ],
)
def test_jsonl_lines_per_file_cap_is_one_row(tmp_path, n_lines, cap, blank_every, gz, shape_tail):
    lines: list[str] = []
    for n in range(n_lines):
        if blank_every and n:
            lines.append("")
        lines.append(json.dumps({"text": f"Post number {n}."}))
    path = _jsonl(tmp_path, lines, gz=gz)
    items = list(read_documents([path], config=IngestConfig(max_lines_per_file=cap)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert all(int(d.source.rpartition("#L")[2]) <= cap for d in docs)
    assert _shape(items)[len(docs) :] == shape_tail
    if shape_tail:
        assert "[ingest] max_lines_per_file" in items[-1].message


def test_jsonl_gzip_of_blank_lines_is_cheap_and_capped(tmp_path):
    """100 KB of gzip that holds 100 M blank lines: stopped at the line cap, in seconds.

    Before blank runs were skipped in one step, 10 M blank lines took 19 s on the dev box.
    """
    path = tmp_path / "blank.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as stream:
        for _ in range(100):
            stream.write(b"\n" * 1_000_000)
    assert path.stat().st_size < 200_000
    start = time.process_time()
    items = list(read_documents([path]))
    elapsed = time.process_time() - start
    assert _shape(items) == [("error", "L10000001", "too_many_lines")]
    assert elapsed < 6.0


def test_jsonl_decompressed_bytes_cap_keeps_records_before_it(tmp_path):
    lines = [json.dumps({"text": f"Post number {n} " + "x" * 100}) for n in range(100)]
    path = _jsonl(tmp_path, lines, gz=True)
    config = IngestConfig(max_decompressed_bytes_per_file=5_000)
    items = list(read_documents([path], config=config))
    assert isinstance(items[-1], Failure)
    assert items[-1].error_type == "decompressed_too_large"
    assert "[ingest] max_decompressed_bytes_per_file" in items[-1].message
    assert all(isinstance(i, RawDocument) for i in items[:-1])
    assert 20 <= len(items) - 1 < 100


@pytest.mark.parametrize(
    ("n_bad", "cap", "expected_errors", "cap_row"),
    [
        pytest.param(50, 10, 10, True, id="over-cap"),
        pytest.param(10, 10, 10, False, id="exactly-at-cap"),
        pytest.param(3, 10, 3, False, id="under-cap"),
    ],
)
def test_errors_per_file_cap_is_one_row(tmp_path, n_bad, cap, expected_errors, cap_row):
    """A file of ``{}`` lines (a record without text each) stops giving rows at the cap."""
    path = _jsonl(tmp_path, [GOOD] + ["{}"] * n_bad)
    items = list(read_documents([path], config=IngestConfig(max_errors_per_file=cap)))
    shape = _shape(items)
    assert shape[0] == ("doc", "L1", None)
    assert shape[1 : 1 + expected_errors] == [
        ("error", f"L{n}", "no_text") for n in range(2, 2 + expected_errors)
    ]
    assert len(items) == 1 + expected_errors + int(cap_row)
    if cap_row:
        assert shape[-1] == ("error", f"L{2 + cap}", "too_many_errors")
        assert "[ingest] max_errors_per_file" in items[-1].message


def test_errors_cap_counts_per_file(tmp_path):
    """Errors of one file do not count against the next."""
    first = _jsonl(tmp_path, ["{}"] * 3, name="a.jsonl")
    second = _jsonl(tmp_path, ["{}"] * 3, name="b.jsonl")
    items = list(read_documents([first, second], config=IngestConfig(max_errors_per_file=3)))
    assert [i.error_type for i in items] == ["no_text"] * 6


def test_csv_lines_per_file_cap_is_one_row(tmp_path):
    rows = "".join(f'p{n},"Story {n}\nsecond line"\n' for n in range(5))
    path = tmp_path / "posts.csv"
    path.write_text("id,text\n" + rows, encoding="utf-8")
    items = list(read_documents([path], config=IngestConfig(max_lines_per_file=6)))
    assert _shape(items) == [
        ("doc", "L2", None),
        ("doc", "L4", None),
        ("error", "L6", "too_many_lines"),
    ]


def _parquet(path, n_rows: int, row_group_size: int) -> None:
    table = pa.table({"text": [None if n % 2 else f"Story {n}" for n in range(n_rows)]})
    pq.write_table(table, path, row_group_size=row_group_size)


@pytest.mark.parametrize(
    ("n_rows", "group", "cap", "expected_rows"),
    [
        pytest.param(100, 10, 25, 20, id="stops-at-the-group-that-crosses"),
        pytest.param(100, 10, 100, 100, id="exactly-at-cap"),
    ],
)
def test_parquet_rows_per_file_cap_is_one_row(tmp_path, n_rows, group, cap, expected_rows):
    """A few KB of Parquet can hold millions of empty rows: the footer's count is checked."""
    path = tmp_path / "posts.parquet"
    _parquet(path, n_rows, group)
    items = list(read_documents([path], config=IngestConfig(max_lines_per_file=cap)))
    per_row = [i for i in items if getattr(i, "error_type", None) != "too_many_lines"]
    assert len(per_row) == expected_rows
    assert [i.source.rpartition("#")[2] for i in per_row] == [
        f"R{n}" for n in range(1, expected_rows + 1)
    ]
    if expected_rows < n_rows:
        assert _shape(items)[-1] == ("error", f"R{expected_rows + 1}", "too_many_lines")


# --- WARC -------------------------------------------------------------------------------


def _http(n: int) -> bytes:
    body = (
        f"<html><head><title>Story {n}</title></head><body><p>"
        + "A long story paragraph. " * 40
        + "</p></body></html>"
    ).encode()
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    return f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body


def _record(n: int, block: bytes, declared: int | None = None) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://example.org/{n}\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block) if declared is None else declared}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _truncated_then_two_good() -> list[bytes]:
    """Record 1 cut in the middle of its block (the header still declares it all)."""
    block = _http(1)
    cut = _record(1, block[: len(block) // 2], declared=len(block))[:-4]
    return [cut, _record(2, _http(2)), _record(3, _http(3))]


@pytest.mark.parametrize("gz", [pytest.param(False, id="warc"), pytest.param(True, id="warc-gz")])
def test_warc_record_truncated_mid_stream_is_an_error_row(tmp_path, gz):
    """Reading its declared length would run on into the next record's headers."""
    records = _truncated_then_two_good()
    path = tmp_path / ("crawl.warc" + (".gz" if gz else ""))
    if gz:
        path.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records))
    else:
        path.write_bytes(b"".join(records))
    items = list(read_documents([path]))
    assert [type(i) for i in items] == [Failure, RawDocument, RawDocument]
    assert items[0].error_type == "truncated_record"
    assert items[0].url == "https://example.org/1"
    assert [i.url for i in items[1:]] == ["https://example.org/2", "https://example.org/3"]
    assert not any("WARC/1.1" in i.content or "HTTP/1.1" in i.content for i in items[1:])


@pytest.mark.parametrize("gz", [pytest.param(False, id="warc"), pytest.param(True, id="warc-gz")])
def test_warc_whole_records_pass_the_length_check(tmp_path, gz):
    records = [_record(n, _http(n)) for n in (1, 2, 3)]
    path = tmp_path / ("crawl.warc" + (".gz" if gz else ""))
    path.write_bytes(
        b"".join(gzip.compress(r, mtime=0) for r in records) if gz else b"".join(records)
    )
    assert [type(i) for i in read_documents([path])] == [RawDocument] * 3


@pytest.mark.parametrize(
    ("size", "junk"),
    [
        pytest.param(10, 0, id="small-member-no-junk"),
        pytest.param(3 << 20, 10, id="member-over-output-step-then-junk"),
        pytest.param(5_000_000, 2 << 20, id="member-over-output-step-then-2MB-junk"),
    ],
)
def test_gzip_member_end_is_where_the_member_ends(size, junk):
    member = gzip.compress(b"a" * size, mtime=0)
    stream = io.BytesIO(b"pad" + member + b"x" * junk)
    assert _gzip_member_end(stream, 3) == 3 + len(member)


def test_warc_junk_after_a_large_record_is_reported_after_it(tmp_path):
    """The 'no readable record' row starts where the good record's member ends."""
    big = _http(1).replace(b"A long story", b"A long story " + b"and more " * 300_000, 1)
    big = big.replace(b"Content-Length: ", b"X-Was-Length: ", 1)
    member = gzip.compress(_record(1, big), mtime=0)
    junk = zlib.compress(b"\0" * 5_000_000)[2:]  # deflate bytes: no gzip header to resume at
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(member + junk)
    items = list(read_documents([path]))
    assert [type(i) for i in items] == [RawDocument, Failure]
    assert items[1].source.endswith(f"#{len(member)}")
    assert items[1].error_type == "bad_warc"


def test_warc_decompressed_bytes_cap_is_one_row(tmp_path):
    records = [_record(n, _http(n)) for n in range(1, 6)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records))
    cap = 3 * len(_http(1)) + 10
    items = list(read_documents([path], config=IngestConfig(max_decompressed_bytes_per_file=cap)))
    assert [type(i) for i in items] == [RawDocument] * 3 + [Failure]
    assert items[-1].error_type == "decompressed_too_large"
    assert "[ingest] max_decompressed_bytes_per_file" in items[-1].message


@pytest.mark.parametrize(
    "field",
    [
        "max_bytes",
        "max_json_depth",
        "max_number_digits",
        "max_lines_per_file",
        "max_decompressed_bytes_per_file",
        "max_errors_per_file",
    ],
)
def test_ingest_config_rejects_non_positive_limits(field):
    with pytest.raises(ValueError, match=field):
        IngestConfig(**{field: 0})


def test_gzip_of_empty_objects_gives_bounded_rows(tmp_path):
    """~10 KB of gzip holding 3.5 M ``{}`` lines: 10,000 rows and one for the rest."""
    path = tmp_path / "empty.jsonl.gz"
    path.write_bytes(gzip.compress(b"{}\n" * 3_500_000, compresslevel=9, mtime=0))
    assert path.stat().st_size < 20_000
    start = time.process_time()
    items = list(read_documents([path]))
    elapsed = time.process_time() - start
    assert len(items) == 10_001
    assert {i.error_type for i in items[:-1]} == {"no_text"}
    assert _shape(items)[-1] == ("error", "L10001", "too_many_errors")
    assert elapsed < 6.0

"""Parquet exports: one document per row, like JSONL; damage gives error rows, not a crash."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hoaxlens import Failure, RawDocument
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.ingest.parquet import read_parquet
from hoaxlens.types import MediaType, Stage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
POSTS = FIXTURES / "posts.parquet"
BAD_GROUP = FIXTURES / "posts_bad_row_group.parquet"


def _rows(items):
    return [
        (i.source.rsplit("#", 1)[1], "error", i.error_type)
        if isinstance(i, Failure)
        else (i.source.rsplit("#", 1)[1], "doc", i.id)
        for i in items
    ]


def _write(tmp_path: Path, table: pa.Table, name: str = "t.parquet", **kwargs) -> Path:
    path = tmp_path / name
    pq.write_table(table, path, **kwargs)
    return path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(
            POSTS,
            [
                ("R1", "doc", "1"),
                ("R2", "doc", "2"),
                ("R3", "error", "no_text"),
                ("R4", "doc", "4"),
                ("R5", "doc", "5"),
            ],
            id="posts-with-a-null-text-row",
        ),
        pytest.param(
            BAD_GROUP,
            [
                ("R1", "doc", "1"),
                ("R2", "doc", "2"),
                ("R3", "error", "bad_parquet"),
                ("R4", "error", "bad_parquet"),
                ("R5", "doc", "5"),
            ],
            id="destroyed-row-group-fails-row-by-row",
        ),
    ],
)
def test_parquet_one_output_per_row_in_order(path, expected):
    items = list(read_documents([path]))
    assert _rows(items) == expected
    assert all(i.stage is Stage.INGEST for i in items if isinstance(i, Failure))


@pytest.mark.parametrize("path", [pytest.param(POSTS, id="posts")])
def test_parquet_rows_map_like_jsonl_records(path):
    first = next(iter(read_documents([path])))
    assert isinstance(first, RawDocument)
    assert first.media_type is MediaType.TEXT
    assert first.url == "https://posts.example/p1"
    assert first.content.startswith("Ivy Lark paid for every meal")
    assert dict(first.meta) == {
        "likes": "120",
        "posted_at": "2024-05-01 09:30:00+00:00",
        "tags": '["celebrity", "viral"]',
    }


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param(
            pa.table({"html": ["<p>A page</p>"], "title": ["T"]}),
            [("R1", MediaType.HTML, "<p>A page</p>", "T")],
            id="html-column",
        ),
        pytest.param(
            pa.table({"text": pa.array([b"Caf\xc3\xa9 story"], pa.binary())}),
            [("R1", MediaType.TEXT, "Caf\u00e9 story", None)],
            id="utf8-bytes-in-text-column",
        ),
    ],
)
def test_parquet_columns_become_documents(tmp_path, table, expected):
    items = list(read_documents([_write(tmp_path, table)]))
    got = [(i.source.rsplit("#", 1)[1], i.media_type, i.content, i.title) for i in items]
    assert got == expected


@pytest.mark.parametrize(
    ("table", "error_types"),
    [
        pytest.param(
            pa.table({"text": pa.array([b"ok", b"bad \xff byte", b"fine"], pa.binary())}),
            ["doc", "invalid_encoding", "doc"],
            id="invalid-utf8-bytes",
        ),
        pytest.param(
            pa.table({"text": ["a", "b"], "url": pa.array([1, 2], pa.int64())}),
            ["bad_field", "bad_field"],
            id="url-not-a-string",
        ),
        pytest.param(
            pa.table({"text": ["short", "word " * 100, "short again"]}),
            ["doc", "too_large", "doc"],
            id="row-over-the-size-limit",
        ),
    ],
)
def test_parquet_bad_rows_fail_alone(tmp_path, table, error_types):
    path = _write(tmp_path, table)
    items = list(read_documents([path], config=IngestConfig(max_bytes=200)))
    assert [i.error_type if isinstance(i, Failure) else "doc" for i in items] == error_types


def _truncated() -> bytes:
    return POSTS.read_bytes()[:-200]


@pytest.mark.parametrize(
    ("name", "data", "error_type"),
    [
        pytest.param("b.parquet", _truncated(), "bad_parquet", id="truncated-footer"),
        pytest.param("b.parquet", b"PAR1 not really", "bad_parquet", id="garbage"),
        pytest.param("b.parquet", b"", "bad_parquet", id="empty-file"),
        pytest.param("b.parquet.gz", POSTS.read_bytes(), "unsupported_type", id="gzipped"),
    ],
)
def test_parquet_unreadable_file_yields_one_failure(make_tree, name, data, error_type):
    root = make_tree({"a.txt": "A good post.", name: data, "c.txt": "Another good post."})
    items = list(read_documents([root]))
    assert [type(i) for i in items] == [RawDocument, Failure, RawDocument]
    assert (items[1].stage, items[1].error_type) == (Stage.INGEST, error_type)
    assert items[1].source == (root / name).as_posix()
    assert "\n" not in items[1].message


@pytest.mark.parametrize(
    "table",
    [pytest.param(pa.table({"body": ["no text column"]}), id="no-text-or-html-column")],
)
def test_parquet_without_text_column_yields_one_failure(tmp_path, table):
    (failure,) = read_documents([_write(tmp_path, table)])
    assert isinstance(failure, Failure)
    assert failure.error_type == "bad_parquet"


@pytest.mark.parametrize(("rows", "group"), [pytest.param(2000, 500, id="2000-rows")])
def test_parquet_streams_record_batches(tmp_path, monkeypatch, rows, group):
    """Rows come batch by batch: the reader never asks for the whole table."""
    path = _write(
        tmp_path,
        pa.table({"id": list(range(rows)), "text": [f"post {n}" for n in range(rows)]}),
        row_group_size=group,
    )

    def no_whole_table(*args, **kwargs):
        raise AssertionError("read the whole table")

    monkeypatch.setattr(pq.ParquetFile, "read", no_whole_table)
    monkeypatch.setattr(pq, "read_table", no_whole_table)
    items = read_parquet(path, name="t.parquet", config=IngestConfig())
    assert next(items).id == "0"
    assert sum(1 for _ in items) == rows - 1

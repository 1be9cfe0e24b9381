"""Readers: text, HTML, JSONL and CSV files → ``RawDocument`` with provenance, in order."""

from __future__ import annotations

import codecs
import gzip
import io
import json
from pathlib import Path

import pytest

from hoaxlens import Failure, RawDocument
from hoaxlens.ingest import read_documents
from hoaxlens.types import MediaType, Stage


def _rel(item, root: Path) -> str:
    return Path(item.source).relative_to(root).as_posix()


def _short(value: str, root: Path) -> str:
    """An id or source with the temporary folder taken off."""
    return value.removeprefix(root.as_posix() + "/")


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        pytest.param(
            "id,text,shares\nr1,First post about a singer,12\nr2,Second post,3\n",
            [
                ("r1", "First post about a singer", "posts.csv#L2", (("shares", "12"),)),
                ("r2", "Second post", "posts.csv#L3", (("shares", "3"),)),
            ],
            id="text-column-and-extra-column-as-meta",
        ),
        pytest.param(
            'id,text,page\nr1,"one cell\nover two lines",Fan Page\nr2,next row,Fan Page\n',
            [
                ("r1", "one cell\nover two lines", "posts.csv#L2", (("page", "Fan Page"),)),
                ("r2", "next row", "posts.csv#L4", (("page", "Fan Page"),)),
            ],
            id="multi-line-cell-keeps-line-numbers",
        ),
        pytest.param(
            "text,url,title\nA post,https://x.example/a,A title\n",
            [("posts.csv#L2", "A post", "posts.csv#L2", ())],
            id="no-id-column-uses-source",
        ),
    ],
)
def test_ingest_csv_reads_rows_with_meta(make_tree, csv_text, expected):
    root = make_tree({"posts.csv": csv_text})
    items = list(read_documents([root]))
    got = [(_short(i.id, root), i.content, _rel(i, root), i.meta) for i in items]
    assert got == expected
    assert all(i.media_type is MediaType.TEXT for i in items)


@pytest.mark.parametrize(
    ("csv_text", "url", "title"),
    [
        pytest.param(
            "text,url,title\nA post,https://x.example/a,A title\n",
            "https://x.example/a",
            "A title",
            id="url-and-title-columns",
        ),
    ],
)
def test_ingest_csv_known_columns_are_not_meta(make_tree, csv_text, url, title):
    root = make_tree({"posts.csv": csv_text})
    (item,) = read_documents([root])
    assert (item.url, item.title, item.meta) == (url, title, ())


@pytest.mark.parametrize(
    "csv_bytes",
    [
        pytest.param(b"id,html\nh1,<p>A page</p>\n", id="html-column"),
        pytest.param(codecs.BOM_UTF8 + b"id,html\nh1,<p>A page</p>\n", id="html-column-with-bom"),
    ],
)
def test_ingest_csv_html_column_gives_html_document(make_tree, csv_bytes):
    root = make_tree({"pages.csv": csv_bytes})
    (item,) = read_documents([root])
    assert (item.id, item.content, item.media_type) == ("h1", "<p>A page</p>", MediaType.HTML)


@pytest.mark.parametrize(
    ("csv_text", "error_type", "message"),
    [
        pytest.param(
            "id,body,shares\nr1,some text,3\nr2,more text,4\n",
            "bad_csv",
            "CSV needs a text or HTML column ('text' or 'html')",
            id="body-column-only",
        ),
        pytest.param("\n", "empty_document", "is empty", id="blank-file"),
    ],
)
def test_ingest_csv_without_text_column_yields_one_failure(
    make_tree, csv_text, error_type, message
):
    root = make_tree({"posts.csv": csv_text})
    items = list(read_documents([root / "posts.csv"]))
    assert len(items) == 1
    failure = items[0]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error_type) == (Stage.INGEST, error_type)
    assert message in failure.message
    assert failure.source == (root / "posts.csv").as_posix()


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        pytest.param(
            "id,text\nr1,ok\nr2,too,many\nr3,\nr4,fine\n",
            [("doc", "r1"), ("bad_csv", "L3"), ("no_text", "L4"), ("doc", "r4")],
            id="extra-cells-and-empty-text",
        ),
    ],
)
def test_ingest_csv_bad_rows_fail_alone(make_tree, csv_text, expected):
    root = make_tree({"posts.csv": csv_text})
    items = list(read_documents([root]))
    got = [
        (i.error_type, i.source.rsplit("#", 1)[1]) if isinstance(i, Failure) else ("doc", i.id)
        for i in items
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ['{"text": "a"}', "", "   ", '{"text": "b", "id": 7}'],
            [("posts.jsonl#L1", "a"), ("7", "b")],
            id="blank-lines-skipped-line-numbers-kept",
        ),
        pytest.param(
            ['{"id": 0, "text": "zero id"}', '{"id": "", "text": "empty id"}'],
            [("0", "zero id"), ("posts.jsonl#L2", "empty id")],
            id="numeric-zero-id-and-empty-id",
        ),
    ],
)
def test_ingest_jsonl_ids_and_line_numbers(make_tree, lines, expected):
    root = make_tree({"posts.jsonl": "\n".join(lines) + "\n"})
    items = list(read_documents([root / "posts.jsonl"]))
    assert [(_short(i.id, root), i.content) for i in items] == expected


@pytest.mark.parametrize(
    ("record", "media_type", "content"),
    [
        pytest.param(
            {"text": "plain", "html": "<p>x</p>"}, MediaType.TEXT, "plain", id="text-wins"
        ),
        pytest.param({"html": "<p>x</p>"}, MediaType.HTML, "<p>x</p>", id="html-only"),
        pytest.param({"text": "", "html": "<p>x</p>"}, MediaType.HTML, "<p>x</p>", id="empty-text"),
    ],
)
def test_ingest_jsonl_text_or_html_field(make_tree, record, media_type, content):
    root = make_tree({"posts.jsonl": json.dumps(record) + "\n"})
    (item,) = read_documents([root / "posts.jsonl"])
    assert (item.media_type, item.content) == (media_type, content)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "b.txt": "bee",
                "a/z.md": "zed",
                "a/y.text": "why",
                "c.TXT": "upper case suffix",
                "d.ndjson": '{"text": "one"}\n{"text": "two"}\n',
                ".hidden.txt": "skipped",
                ".git/x.txt": "skipped",
                "e.htm": "<p>page</p>",
            },
            ["a/y.text", "a/z.md", "b.txt", "c.TXT", "d.ndjson#L1", "d.ndjson#L2", "e.htm"],
            id="recursive-sorted-hidden-skipped",
        ),
    ],
)
def test_ingest_directory_walk_is_sorted_and_recursive(make_tree, files, expected):
    root = make_tree(files)
    assert [_rel(i, root) for i in read_documents([root])] == expected


@pytest.mark.parametrize(
    ("name", "data", "content"),
    [
        pytest.param("a.txt", codecs.BOM_UTF8 + "Caf\u00e9".encode(), "Caf\u00e9", id="utf8-bom"),
        pytest.param(
            "a.txt",
            codecs.BOM_UTF16_LE + "Caf\u00e9".encode("utf-16-le"),
            "Caf\u00e9",
            id="utf16-le-bom",
        ),
        pytest.param(
            "a.html",
            b'<html><head><meta charset="iso-8859-1"></head><body>Caf\xe9</body></html>',
            '<html><head><meta charset="iso-8859-1"></head><body>Caf\u00e9</body></html>',
            id="html-meta-charset-latin1",
        ),
        pytest.param(
            "a.txt.gz", gzip.compress("Oh n\u00f3".encode()), "Oh n\u00f3", id="gzip-text"
        ),
    ],
)
def test_ingest_decodes_declared_encodings(make_tree, name, data, content):
    root = make_tree({name: data})
    (item,) = read_documents([root / name])
    assert isinstance(item, RawDocument)
    assert item.content == content


@pytest.mark.parametrize(
    ("data", "content"),
    [
        pytest.param(
            "A post from stdin \u043f".encode(), "A post from stdin \u043f", id="utf8-stdin"
        )
    ],
)
def test_ingest_reads_stdin_as_one_text_document(data, content):
    (item,) = read_documents(["-"], stdin=io.BytesIO(data))
    assert (item.id, item.source, item.content, item.media_type) == (
        "stdin",
        "-",
        content,
        MediaType.TEXT,
    )

"""Text inputs that are HTML (stdin, .txt) are read as HTML, like the same bytes in a .html file."""

from __future__ import annotations

import io

import pytest

from hoaxlens.analyzer import Analyzer
from hoaxlens.ingest import read_documents
from hoaxlens.output import to_record
from hoaxlens.types import MediaType, RawDocument

PAGE = (
    b"<!DOCTYPE html><html><head><title>Star Stops Show For Janitor</title></head><body>"
    b"<article><h1>Star Stops Show For Janitor</h1><p>Talk show host Vera Lind stopped her "
    b"show on Monday when she saw the old janitor at the back of the studio. What she did "
    b"next left everyone in tears. The audience fell silent as she walked over and hugged "
    b"him.</p><p>Nobody could believe what happened next.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        pytest.param(PAGE, MediaType.HTML, id="html-page"),
        pytest.param(b"\n  <p>One paragraph of a story.</p>", MediaType.HTML, id="fragment"),
        pytest.param(b"Use <b> to make text bold.", MediaType.TEXT, id="text-mentioning-a-tag"),
        pytest.param(b"Plain story text.", MediaType.TEXT, id="plain-text"),
    ],
)
def test_stdin_is_sniffed(data, media_type):
    [doc] = read_documents(["-"], stdin=io.BytesIO(data))
    assert isinstance(doc, RawDocument)
    assert doc.media_type is media_type


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


@pytest.mark.parametrize("how", [pytest.param("stdin", id="stdin"), pytest.param("txt", id="txt")])
def test_html_read_as_text_gives_the_record_of_the_html_file(tmp_path, analyzer, how):
    html_file = tmp_path / "page.html"
    html_file.write_bytes(PAGE)
    [expected] = analyzer.analyze_many(read_documents([html_file]))
    if how == "stdin":
        items = read_documents(["-"], stdin=io.BytesIO(PAGE))
    else:
        txt = tmp_path / "page.txt"
        txt.write_bytes(PAGE)
        items = read_documents([txt])
    [actual] = analyzer.analyze_many(items)
    want, got = to_record(expected), to_record(actual)
    for key in ("id", "source"):
        want.pop(key), got.pop(key)  # type: ignore[misc]
    assert got == want
    assert got["title"] == "Star Stops Show For Janitor"
    assert got["page"] is not None
    assert got["page"]["extractor"] != "text"  # an HTML extractor read it

"""Field mapping: presets for the common exports, single-field options, dates and domains."""

from __future__ import annotations

import csv
import io
import json

import pytest

from hoaxlens.errors import ConfigError
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.ingest.fields import PRESETS, date_from_url, field_map, iso_date
from hoaxlens.types import Failure, MediaType, RawDocument

TEASER = "She stopped the show. What she did next left everyone in tears"
LINK = "https://kindwave.example/2024/03/vera-lind"


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


CROWDTANGLE_ROW = {
    "Page Name": "Hearts Daily",
    "User Name": "heartsdaily",
    "Facebook Id": "123",
    "Post Created": "2024-03-05 10:00:00 EST",
    "Type": "Link",
    "URL": "https://www.facebook.com/heartsdaily/posts/1",
    "Message": TEASER,
    "Link": LINK,
    "Final Link": "",
    "Link Text": "Vera Lind Walks Off Set",
    "Description": "",
}
MCL_ROW = {
    "id": "987",
    "creation_time": "2024-03-05T15:00:00",
    "text": TEASER,
    "link_attachment.link": LINK,
    "link_attachment.name": "Vera Lind Walks Off Set",
    "post_owner.name": "Hearts Daily",
}
X_TWEET = {
    "id": "1760000000000000000",
    "text": TEASER + " https://t.co/abc",
    "created_at": "2024-03-05T15:00:00.000Z",
    "author_id": "42",
    "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": LINK}]},
}
FACEBOOK_POST = {
    "timestamp": 1709650800,
    "title": "Hearts Daily shared a link.",
    "data": [{"post": TEASER}],
    "attachments": [{"data": [{"external_context": {"url": LINK, "name": "Vera Lind"}}]}],
}


@pytest.mark.parametrize(
    ("preset", "filename", "content", "expected_id"),
    [
        pytest.param(
            "crowdtangle",
            "ct.csv",
            _csv([CROWDTANGLE_ROW]),
            "https://www.facebook.com/heartsdaily/posts/1",
            id="crowdtangle-csv",
        ),
        pytest.param("meta-content-library", "mcl.csv", _csv([MCL_ROW]), "987", id="mcl-csv"),
        pytest.param(
            "meta-content-library",
            "mcl.jsonl",
            json.dumps({**MCL_ROW}) + "\n",
            "987",
            id="mcl-jsonl",
        ),
        pytest.param(
            "x-api", "tweets.jsonl", json.dumps(X_TWEET) + "\n", X_TWEET["id"], id="x-api-jsonl"
        ),
        pytest.param(
            "x-api",
            "page.json",
            json.dumps({"data": [X_TWEET], "meta": {"result_count": 1}}),
            X_TWEET["id"],
            id="x-api-response-page",
        ),
        pytest.param(
            "facebook-download",
            "your_posts_1.json",
            json.dumps([FACEBOOK_POST]),
            "tmp#I1",
            id="facebook-download-json",
        ),
    ],
)
def test_presets_read_an_export_with_no_other_option(
    make_tree, preset, filename, content, expected_id
):
    path = make_tree({filename: content}) / filename
    items = list(read_documents([path], config=IngestConfig(preset=preset)))
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, RawDocument), doc
    assert doc.content.startswith(TEASER)
    assert doc.media_type is MediaType.TEXT
    assert doc.url == LINK
    meta = dict(doc.meta)
    assert meta["ingest_date"] == "2024-03-05"
    assert doc.id == expected_id or doc.id.endswith("#I1")


def test_without_a_preset_an_export_gives_an_error_row_naming_its_columns(make_tree):
    path = make_tree({"ct.csv": _csv([CROWDTANGLE_ROW])}) / "ct.csv"
    [item] = read_documents([path])
    assert isinstance(item, Failure)
    assert "'Message'" in item.message
    assert "--text-field" in item.message


@pytest.mark.parametrize(
    ("options", "expected_title"),
    [
        pytest.param({"text_field": "Message"}, None, id="text-field-only"),
        pytest.param(
            {"text_field": "Message", "title_field": "Link Text", "url_field": "Link"},
            "Vera Lind Walks Off Set",
            id="several-fields",
        ),
    ],
)
def test_field_options_name_the_columns(make_tree, options, expected_title):
    path = make_tree({"ct.csv": _csv([CROWDTANGLE_ROW])}) / "ct.csv"
    [doc] = read_documents([path], config=IngestConfig(**options))
    assert isinstance(doc, RawDocument)
    assert doc.content == TEASER
    assert doc.title == expected_title
    meta = dict(doc.meta)
    assert "Message" not in meta  # the text column is the content, not provenance
    assert meta["Page Name"] == "Hearts Daily"


def test_source_url_and_source_domain_of_jsonl_are_read(make_tree):
    record = {
        "id": "vs-1",
        "text": TEASER,
        "source_url": "https://www.sportnews.example/2025/08/20/star-collapses",
        "source_domain": "sportnews.example",
    }
    path = make_tree({"s.jsonl": json.dumps(record) + "\n"}) / "s.jsonl"
    [doc] = read_documents([path])
    assert isinstance(doc, RawDocument)
    assert doc.url == record["source_url"]
    meta = dict(doc.meta)
    assert (meta["ingest_date"], meta["ingest_date_source"]) == ("2025-08-20", "url")
    assert meta["source_domain"] == "sportnews.example"  # provenance kept


def test_a_domain_without_a_url_is_noted(make_tree):
    record = {"text": TEASER, "source_domain": "www.Farm.example", "date": "2026-01-19"}
    path = make_tree({"s.jsonl": json.dumps(record) + "\n"}) / "s.jsonl"
    [doc] = read_documents([path])
    meta = dict(doc.meta)
    assert meta["ingest_domain"] == "farm.example"
    assert (meta["ingest_date"], meta["ingest_date_source"]) == ("2026-01-19", "date")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2024-02-06T10:00:00+0000", "2024-02-06", id="iso"),
        pytest.param("2024-02-06 10:00:00 EST", "2024-02-06", id="crowdtangle"),
        pytest.param(1700000000, "2023-11-14", id="unix-seconds"),
        pytest.param(1700000000000, "2023-11-14", id="unix-milliseconds"),
        pytest.param("3/5/2024 10:00", "2024-03-05", id="us-date"),
        pytest.param("2024-13-45", None, id="impossible-date"),
        pytest.param("soon", None, id="not-a-date"),
        pytest.param(True, None, id="boolean"),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://a.example/2025/06/13/slug", "2025-06-13", id="ymd"),
        pytest.param("https://a.example/2026/01/slug.html", "2026-01-01", id="ym"),
        pytest.param("http://www.itv.com/news/2014-08-05/couple/", "2014-08-05", id="dashed"),
        pytest.param(
            "https://www.smh.com.au/world/charles-20240206-p5f2ma.html", "2024-02-06", id="compact"
        ),
        pytest.param("https://a.example/story-2000-words", None, id="no-date"),
        pytest.param(None, None, id="no-url"),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_unknown_preset_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown preset"):
        IngestConfig(preset="myspace")


def test_every_preset_maps_a_text_and_a_url():
    for name, fields in PRESETS.items():
        assert fields.text, name
        assert fields.url, name
        assert field_map(name) is fields

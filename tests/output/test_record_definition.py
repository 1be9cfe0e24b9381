"""The output record has one definition; every other form is derived from it or equal to it."""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pyarrow as pa
import pytest
from typing_extensions import is_typeddict

from hoaxlens.output import FORMATS, to_record
from hoaxlens.output.arrow import RECORD_SCHEMA, full_record, records_to_batch, row_to_record
from hoaxlens.output.record import PageRecord, Record
from hoaxlens.types import Failure, RawDocument, Stage


def _shape(hint: Any) -> Any:
    """A comparable description of a type: TypedDicts and pydantic models alike."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return ("optional", *sorted((_shape(a) for a in args if a is not type(None)), key=repr))
    if origin is Literal:
        return ("literal", *sorted(args))
    if origin is list:
        return ("list", _shape(args[0]))
    if origin is dict:
        return ("dict", _shape(args[0]), _shape(args[1]))
    if is_typeddict(hint):
        return ("object", tuple((k, _shape(v)) for k, v in get_type_hints(hint).items()))
    if isinstance(hint, type) and hasattr(hint, "model_fields"):
        return (
            "object",
            tuple((k, _shape(f.annotation)) for k, f in hint.model_fields.items()),
        )
    return hint


def test_service_record_is_the_record_definition_plus_store_ids():
    pytest.importorskip("fastapi")
    from pydantic import TypeAdapter, ValidationError

    from hoaxlens.service.schemas import RecordOut

    hints = get_type_hints(RecordOut)
    assert list(hints) == [*get_type_hints(Record), "document_id", "cluster_id"]
    # the OpenAPI schema documents every field of the record, nested as in the JSON
    schema = TypeAdapter(RecordOut).json_schema()
    page = schema["$defs"]["PageRecord"]["properties"]
    assert set(page) == set(get_type_hints(PageRecord))
    with pytest.raises(ValidationError):  # a record of the wrong shape is refused
        TypeAdapter(RecordOut).validate_python({"id": "x"})


def test_arrow_schema_has_every_record_field_in_order():
    assert RECORD_SCHEMA.names == list(get_type_hints(Record))
    page = RECORD_SCHEMA.field("page").type
    assert [f.name for f in page] == [
        "domain",
        "canonical_url",
        "published",
        "byline",
        "og",
        "site_links",
        "extractor",
        "fallback_reason",
        "url",  # these four: only on a link post paired with its landing page
        "title",
        "source",
        "fetched_at",
    ]
    assert page.field("og").type == pa.map_(pa.string(), pa.string())


def test_verdict_record_round_trips_through_parquet(analyzer, fabricated_text):
    raw = RawDocument("d1", fabricated_text, "text/plain", "post.txt", meta=(("lang", "en"),))
    record = to_record(analyzer.analyze_one(raw))
    assert set(record) == set(get_type_hints(Record)) - {"post"}  # post: link posts only
    (row,) = records_to_batch([record]).to_pylist()
    assert row_to_record(row) == json.loads(json.dumps(full_record(record)))


def test_link_post_record_round_trips_through_parquet(analyzer, fabricated_text):
    from hoaxlens.types import Post

    post = Post(text="Sad 😢 https://x.example/a", link="https://x.example/a", teaser="Sad 😢")
    raw = RawDocument("d1", fabricated_text, "text/plain", "p.csv#L2", post=post)
    failure = Failure("d2", "p.csv#L3", Stage.FETCH, "http_404", "gone", post=post)
    for item in (analyzer.analyze_one(raw), failure):
        record = to_record(item)
        assert record["post"]["teaser"] == "Sad 😢"
        assert {"url", "title", "source", "fetched_at"} <= set(record["page"])
        (row,) = records_to_batch([record]).to_pylist()
        assert row_to_record(row) == json.loads(json.dumps(full_record(record)))


LONE = "x \ud800 y"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_writers_never_fail_on_a_lone_surrogate(fmt):
    failure = Failure(LONE, "in.jsonl#L1", Stage.INGEST, "t", f"bad {LONE}", title=LONE)
    data = FORMATS[fmt].serialize([failure])
    if fmt == "jsonl":
        encoded = data.encode("utf-8")  # what the file sink does; must not raise
        assert json.loads(encoded)["title"] == LONE  # kept, losslessly, as an escape
    elif fmt == "csv":
        assert "x \ufffd y" in data.encode("utf-8").decode("utf-8")
    else:
        assert data.to_pylist()[0]["title"] == "x \ufffd y"

"""The JSONL output contract of design.md, checked on a small mixed fixture directory.

``tests/corpus/mixed`` holds an obfuscated .txt story, a content-farm .html page and a
.jsonl of three posts (a fabricated text, a genuine text with a numeric id, an HTML record).
"""

from __future__ import annotations

import json
import pickle

import pytest

from hoaxlens import Failure, Verdict, to_record, undo
from hoaxlens.ingest import read_documents
from hoaxlens.types import Stage

LABELS = {"fabricated", "uncertain", "genuine"}
CONTRACT_FIELDS = {
    "id": str,
    "source": str,
    "url": (str, type(None)),
    "title": (str, type(None)),
    "label": str,
    "score": float,
    "text": str,
    "obfuscation": dict,
    "signals": list,
    "people": list,
    "error": type(None),
}
TXT = "01_obfuscated_story.txt"
HTML = "02_farm_page.html"
JSONL = "03_posts.jsonl"
RECORDS = [
    pytest.param(0, id="obfuscated-txt"),
    pytest.param(1, id="farm-html-page"),
    pytest.param(2, id="jsonl-line-1-fabricated-text"),
    pytest.param(3, id="jsonl-line-2-genuine-text"),
    pytest.param(4, id="jsonl-line-3-html-record"),
]


@pytest.fixture(scope="module")
def verdicts(analyzer, mixed_dir):
    return list(analyzer.analyze_many(read_documents([mixed_dir])))


@pytest.fixture(scope="module")
def records(verdicts):
    return [to_record(v) for v in verdicts]


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


@pytest.mark.parametrize("index", RECORDS)
def test_contract_record_has_every_field_with_its_type(records, index):
    record = records[index]
    missing = set(CONTRACT_FIELDS) - set(record)
    assert not missing, f"record lacks contract fields {missing}"
    for key, kind in CONTRACT_FIELDS.items():
        assert isinstance(record[key], kind), f"{key}={record[key]!r} is not {kind}"
    assert _is_int(record["obfuscation"]["count"])
    assert record["obfuscation"]["count"] == len(record["obfuscation"]["replacements"])
    for rep in record["obfuscation"]["replacements"]:
        assert {"start", "end", "original", "replacement"} <= set(rep)
        assert _is_int(rep["start"])
        assert _is_int(rep["end"])
        assert isinstance(rep["original"], str)
        assert isinstance(rep["replacement"], str)
    for signal in record["signals"]:
        assert {"id", "score", "contribution", "evidence"} <= set(signal)
        assert isinstance(signal["id"], str)
        assert isinstance(signal["score"], float)
        assert isinstance(signal["contribution"], float)
        for ev in signal["evidence"]:
            assert _is_int(ev["start"])
            assert _is_int(ev["end"])
            assert isinstance(ev["reason"], str)
            assert ev["reason"].strip()
            assert "\n" not in ev["reason"]
    assert all(isinstance(p, str) and p for p in record["people"])


@pytest.mark.parametrize("index", RECORDS)
def test_contract_record_round_trips_through_json(records, index):
    line = json.dumps(records[index], ensure_ascii=False)
    assert "\n" not in line
    assert json.loads(line) == records[index]


@pytest.mark.parametrize("index", RECORDS)
def test_contract_score_in_unit_interval_and_label_known(records, index):
    record = records[index]
    assert 0.0 <= record["score"] <= 1.0
    assert record["label"] in LABELS
    for signal in record["signals"]:
        assert 0.0 <= signal["score"] <= 1.0


@pytest.mark.parametrize("index", RECORDS)
def test_contract_spans_lie_within_text(records, index):
    record = records[index]
    text = record["text"]
    for rep in record["obfuscation"]["replacements"]:
        assert 0 <= rep["start"] <= rep["end"] <= len(text)
        assert text[rep["start"] : rep["end"]] == rep["replacement"]
    for signal in record["signals"]:
        for ev in signal["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= len(text), (signal["id"], ev)


@pytest.mark.parametrize("index", RECORDS)
def test_contract_undo_restores_extracted_text(verdicts, index):
    doc = verdicts[index].document
    assert undo(doc.text, doc.replacements) == doc.original_text


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(0, id="obfuscated-txt"),
        pytest.param(1, id="farm-html-page"),
        pytest.param(2, id="jsonl-line-1-fabricated-text"),
    ],
)
def test_contract_fabricated_label_carries_evidence(records, index):
    record = records[index]
    assert record["label"] == "fabricated"
    supporting = [s for s in record["signals"] if s["contribution"] > 0 and s["evidence"]]
    assert supporting, "a fabricated label needs evidence from a signal that raised the score"


@pytest.mark.parametrize(
    ("expected_sources", "expected_ids"),
    [
        pytest.param(
            [TXT, HTML, f"{JSONL}#L1", f"{JSONL}#L2", f"{JSONL}#L3"],
            [TXT, HTML, "post-a", "42", f"{JSONL}#L3"],
            id="sorted-walk-then-jsonl-line-order",
        ),
    ],
)
def test_contract_records_come_out_in_input_order(
    records, mixed_dir, expected_sources, expected_ids
):
    prefix = mixed_dir.as_posix() + "/"
    assert [r["source"] for r in records] == [prefix + s for s in expected_sources]
    assert [r["id"] for r in records] == [
        i if i in {"post-a", "42"} else prefix + i for i in expected_ids
    ]


@pytest.mark.parametrize(
    ("index", "label"),
    [
        pytest.param(0, "fabricated", id="obfuscated-story-is-fabricated"),
        pytest.param(1, "fabricated", id="farm-page-is-fabricated"),
        pytest.param(2, "fabricated", id="kindness-post-is-fabricated"),
        pytest.param(3, "genuine", id="council-report-is-genuine"),
        pytest.param(4, "genuine", id="tour-announcement-is-genuine"),
    ],
)
def test_contract_labels_of_the_fixture_stories(records, index, label):
    assert records[index]["label"] == label


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        pytest.param(0, {}, id="txt-has-no-meta"),
        pytest.param(
            2,
            {"page": "Hearts Daily", "shares": "18452", "tags": '["viral", "kindness"]'},
            id="jsonl-strings-numbers-lists",
        ),
        pytest.param(3, {"page": "Harbor City Times", "verified": "true"}, id="jsonl-boolean"),
        pytest.param(4, {"source_kind": "export"}, id="jsonl-html-record"),
    ],
)
def test_contract_jsonl_unknown_fields_appear_in_meta(records, index, expected):
    assert records[index]["meta"] == expected


@pytest.mark.parametrize(
    ("index", "url", "title"),
    [
        pytest.param(
            2,
            "https://kindwave.example/vera-lind",
            "Talk Show Host Vera Lind Walks Off Set To Help A Janitor",
            id="jsonl-url-and-title-carried",
        ),
        pytest.param(4, None, "Band Announces Autumn Tour", id="html-record-title-from-page"),
    ],
)
def test_contract_url_and_title_come_from_the_input(records, index, url, title):
    assert records[index]["url"] == url
    assert records[index]["title"] == title


@pytest.mark.parametrize(
    ("index", "originals"),
    [pytest.param(0, {"\u043f", "\u03c5"}, id="cyrillic-pe-and-greek-upsilon")],
)
def test_contract_obfuscated_txt_is_restored(records, mixed_dir, index, originals):
    raw = (mixed_dir / TXT).read_text(encoding="utf-8")
    record = records[index]
    expected = sum(raw.count(ch) for ch in originals)
    assert record["obfuscation"]["count"] == expected
    assert {r["original"] for r in record["obfuscation"]["replacements"]} == originals
    assert not originals & set(record["text"])
    assert "One Last Song For Daniel" in record["text"]


@pytest.mark.parametrize(
    ("index", "signal_id"),
    [pytest.param(0, "homoglyphs.v1", id="obfuscated-story-flags-homoglyphs")],
)
def test_contract_signal_contribution_is_weight_times_score(analyzer, verdicts, index, signal_id):
    verdict = verdicts[index]
    position = analyzer.model.signal_ids.index(signal_id)
    result = verdict.signals[position]
    assert result.signal == signal_id
    slope = analyzer.model.calibration_for(len(verdict.document.text)).slope  # by length
    assert verdict.contributions[position] == pytest.approx(
        slope * analyzer.model.weights[position] * result.score
    )


@pytest.mark.parametrize("index", RECORDS)
def test_contract_verdict_survives_pickle(verdicts, index):
    verdict = verdicts[index]
    assert isinstance(verdict, Verdict)
    clone = pickle.loads(pickle.dumps(verdict))  # noqa: S301 - our own object, in memory
    assert clone == verdict
    assert to_record(clone) == to_record(verdict)


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(
            Failure("a.txt", "a.txt", Stage.INGEST, "invalid_encoding", "a.txt is not valid"),
            id="ingest-failure",
        ),
        pytest.param(
            Failure(
                "p1",
                "posts.jsonl#L2",
                Stage.EXTRACT,
                "empty_document",
                "the document holds no text",
                url="https://x.example/p1",
                title="T",
                meta=(("shares", "3"),),
            ),
            id="extract-failure-with-provenance",
        ),
    ],
)
def test_contract_failure_survives_pickle_and_has_error_record(failure):
    clone = pickle.loads(pickle.dumps(failure))  # noqa: S301 - our own object, in memory
    assert clone == failure
    record = to_record(clone)
    assert set(CONTRACT_FIELDS) <= set(record)
    assert record["label"] is None
    assert record["score"] is None
    assert record["error"] == {
        "stage": failure.stage.value,
        "type": failure.error_type,
        "message": failure.message,
    }
    assert record["meta"] == dict(failure.meta)
    assert (record["id"], record["source"], record["url"]) == (
        failure.doc_id,
        failure.source,
        failure.url,
    )


# Link posts paired with their landing page (issue 19): the record adds ``post`` and the
# landing page's ``url``/``title``/``source``/``fetched_at`` in ``page``; every other field
# keeps its contract. Records of other inputs have no ``post`` key.
POST_FIELDS = {
    "id": (str, type(None)),
    "url": (str, type(None)),
    "date": (str, type(None)),
    "text": str,
    "teaser": str,
    "link": str,
    "title": (str, type(None)),
}
LANDING_PAGE_FIELDS = {
    "url": (str, type(None)),
    "title": (str, type(None)),
    "source": (str, type(None)),
    "fetched_at": (str, type(None)),
}
TEASER = "You will cry when you read what she did 😢"


def _link_post(mixed_dir):
    from hoaxlens.types import MediaType, Post, RawDocument

    page = (mixed_dir / HTML).read_text(encoding="utf-8")
    post = Post(
        text=f"{TEASER} https://farm.example/story",
        link="https://farm.example/story",
        teaser=TEASER,
        id="1001",
        url="https://social.example/posts/1001",
        date="2025-06-13",
        page_url="https://farm.example/story",
        page_source="crawl.warc.gz#1234",
        page_fetched_at="2025-06-13T08:00:00Z",
    )
    return RawDocument("1001", page, MediaType.HTML, "posts.csv#L2", url=post.page_url, post=post)


@pytest.fixture(scope="module")
def post_verdict(analyzer, mixed_dir):
    return analyzer.analyze_one(_link_post(mixed_dir))


def test_contract_other_records_have_no_post(records):
    assert all("post" not in record for record in records)
    assert all(set(LANDING_PAGE_FIELDS).isdisjoint(record["page"] or {}) for record in records)


def test_contract_paired_link_post_keeps_post_and_page(post_verdict):
    assert isinstance(post_verdict, Verdict)
    record = to_record(post_verdict)
    for key, kind in CONTRACT_FIELDS.items():
        assert isinstance(record[key], kind), f"{key}={record[key]!r} is not {kind}"
    assert set(record["post"]) == set(POST_FIELDS)
    for key, kind in POST_FIELDS.items():
        assert isinstance(record["post"][key], kind), key
    for key, kind in LANDING_PAGE_FIELDS.items():
        assert isinstance(record["page"][key], kind), key
    assert record["page"]["extractor"] not in (None, "text")
    assert (record["page"]["url"], record["page"]["source"], record["page"]["fetched_at"]) == (
        "https://farm.example/story",
        "crawl.warc.gz#1234",
        "2025-06-13T08:00:00Z",
    )
    assert record["page"]["title"] == record["title"]
    assert record["url"] == record["page"]["url"]
    assert record["post"]["url"] == "https://social.example/posts/1001"
    # the verdict reads the teaser first, then the page's story; spans index that text
    assert record["text"].startswith(TEASER + "\n\n")
    assert undo(post_verdict.document.text, post_verdict.document.replacements) == (
        post_verdict.document.original_text
    )
    for signal in record["signals"]:
        for ev in signal["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= len(record["text"])
    assert record["label"] == "fabricated"
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    clone = pickle.loads(pickle.dumps(post_verdict))  # noqa: S301 - our own object, in memory
    assert to_record(clone) == record


def test_contract_link_post_error_row_keeps_the_post(mixed_dir):
    from dataclasses import replace

    raw = _link_post(mixed_dir)
    post = replace(raw.post, page_url=None)
    failure = Failure(
        "1001", "posts.csv#L2", Stage.FETCH, "http_404", "gone", url=post.link, post=post
    )
    record = to_record(pickle.loads(pickle.dumps(failure)))  # noqa: S301 - our own object
    assert set(CONTRACT_FIELDS) <= set(record)
    assert record["label"] is None
    assert record["error"] == {"stage": "fetch", "type": "http_404", "message": "gone"}
    assert record["post"]["teaser"] == TEASER
    assert record["page"]["url"] is None
    assert record["page"]["source"] == "crawl.warc.gz#1234"


def test_contract_parquet_schema_declares_post_and_landing_page():
    from hoaxlens.output.arrow import RECORD_SCHEMA

    assert RECORD_SCHEMA.names[-1] == "post"
    assert [f.name for f in RECORD_SCHEMA.field("post").type] == list(POST_FIELDS)
    page = [f.name for f in RECORD_SCHEMA.field("page").type]
    assert page[-4:] == list(LANDING_PAGE_FIELDS)

"""REST API tests with FastAPI's in-process TestClient on a real SQLite file."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest
from service_helpers import OBFUSCATED, PLAIN, jsonl, swap_name, wait_for_job

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

TOKEN = "s3cret"  # noqa: S105 - a test token, not a secret


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.mark.parametrize("text", [pytest.param(OBFUSCATED, id="obfuscated-farm-story")])
def test_analyze_returns_contract_record_with_offsets(client, text):
    response = client.post("/v1/analyze", json={"text": text, "url": "https://farm.example/x"})
    assert response.status_code == 200
    record = response.json()
    assert record["label"] == "fabricated"
    assert record["error"] is None
    assert record["url"] == "https://farm.example/x"
    reps = record["obfuscation"]["replacements"]
    assert record["obfuscation"]["count"] == len(reps) > 20
    first = reps[0]
    assert record["text"][first["start"] : first["end"]] == first["replacement"] == "u"
    assert first["original"] == "\u03c5"  # Greek upsilon
    assert "Judge Corina Lake" in record["text"]
    homoglyphs = next(s for s in record["signals"] if s["id"] == "homoglyphs.v1")
    assert homoglyphs["evidence"]
    assert homoglyphs["contribution"] > 0
    assert "Teo Marsh" in record["people"]
    assert isinstance(record["document_id"], int)
    assert record["cluster_id"].startswith("tpl-")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param({}, "exactly one of 'text' and 'html'", id="neither-text-nor-html"),
        pytest.param({"text": "a", "html": "<p>a</p>"}, "exactly one", id="both"),
        pytest.param({"text": "   "}, "is empty", id="blank-text"),
        pytest.param({"text": 42}, "valid string", id="text-not-a-string"),
        pytest.param({"text": "hi", "colour": "red"}, "Extra inputs", id="unknown-field"),
    ],
)
def test_analyze_rejects_bad_bodies_with_422_and_a_message(client, body, message):
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 422
    assert message in json.dumps(response.json()["detail"])


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param("{not json", "application/json", id="malformed-json"),
        pytest.param('{"text": "a \\ud800 b"}', "application/json", id="lone-surrogate"),
        pytest.param('{"text": NaN}', "application/json", id="nan"),
    ],
)
def test_analyze_rejects_malformed_requests_with_422(client, content, content_type):
    response = client.post("/v1/analyze", content=content, headers={"content-type": content_type})
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "size", "content_type"),
    [
        pytest.param("/v1/analyze", 5_000, "application/json", id="analyze-over-request-limit"),
        pytest.param("/v1/batch", 50_000, "application/x-ndjson", id="batch-over-upload-limit"),
    ],
)
def test_oversized_requests_get_413_with_a_message(make_client, path, size, content_type):
    client = make_client(max_request_bytes=2_000, max_upload_bytes=20_000)
    body = json.dumps({"text": "x" * size})
    response = client.post(path, content=body, headers={"content-type": content_type})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    chunked = client.post(  # no Content-Length: the limit is enforced while streaming
        path, content=iter([body.encode()]), headers={"content-type": content_type}
    )
    assert chunked.status_code == 413


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({}, 401, id="no-token"),
        pytest.param({"Authorization": "Bearer wrong"}, 401, id="wrong-token"),
        pytest.param({"Authorization": "Bearer s3cret"}, 200, id="right-token"),
    ],
)
def test_writes_need_the_configured_token(make_client, headers, expected):
    client = make_client(token=TOKEN)
    response = client.post("/v1/analyze", json={"text": PLAIN}, headers=headers)
    assert response.status_code == expected
    if expected == 401:
        assert response.headers["www-authenticate"] == "Bearer"
        assert "token" in response.json()["detail"]
    assert client.get("/v1/documents").status_code == 401  # reads need the token too
    assert client.get("/v1/documents", headers=headers).status_code == expected


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            [
                json.dumps({"id": "a", "text": OBFUSCATED}),
                "",
                "{broken json",
                json.dumps({"id": "c", "html": "<html><body></body></html>"}),
                json.dumps({"id": "d", "text": PLAIN, "likes": 3}),
                json.dumps(["not", "an", "object"]),
            ],
            id="verdicts-and-error-rows",
        )
    ],
)
def test_batch_yields_one_record_per_line_in_order(client, lines):
    response = client.post(
        "/v1/batch", content="\n".join(lines), headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 202
    job = wait_for_job(client, response.json()["progress_url"])
    assert (job["total"], job["processed"]) == (5, 5)
    results = client.get(response.json()["results_url"])
    assert results.headers["content-type"].startswith("application/x-ndjson")
    assert results.headers["content-disposition"] == (
        f'attachment; filename="hoaxlens-job-{job["id"]}.jsonl"'
    )
    records = [json.loads(x) for x in results.text.splitlines()]
    assert [r["id"] for r in records][:1] == ["a"]
    assert records[0]["label"] == "fabricated"
    assert records[1]["error"]["type"] == "malformed_json"
    assert records[1]["source"].endswith("#L3")
    assert records[2]["error"]["stage"] == "extract"
    assert records[3]["label"] in ("genuine", "uncertain")
    assert records[3]["error"] is None
    assert records[3]["meta"] == {"likes": "3"}
    assert records[4]["error"]["type"] == "malformed_json"
    assert job["errors"] == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\n  \n", "no records", id="blank"),
        pytest.param(b'{"text": "caf\xe9"}\n', "not UTF-8", id="latin-1"),
    ],
)
def test_batch_rejects_unusable_uploads(client, content, message):
    response = client.post(
        "/v1/batch", content=content, headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize("filename", [pytest.param("posts.jsonl", id="multipart")])
def test_batch_accepts_a_multipart_file(client, filename):
    data = jsonl([{"text": PLAIN}, {"text": OBFUSCATED}]).encode()
    response = client.post("/v1/batch", files={"file": (filename, data, "application/x-ndjson")})
    assert response.status_code == 202
    assert response.json()["filename"] == filename
    assert wait_for_job(client, response.json()["progress_url"])["processed"] == 2


@pytest.mark.parametrize("path", ["/v1/batch/nope", "/v1/batch/nope/results", "/v1/documents/999"])
def test_unknown_ids_get_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


@pytest.mark.parametrize(
    ("label", "analyst"), [pytest.param("fabricated", "ana", id="fabricated-by-ana")]
)
def test_labels_record_who_labelled_what(client, label, analyst):
    doc = client.post("/v1/analyze", json={"text": OBFUSCATED}).json()["document_id"]
    response = client.post(
        "/v1/labels", json={"document_id": doc, "label": label, "analyst": analyst}
    )
    assert response.status_code == 201
    detail = client.get(f"/v1/documents/{doc}").json()
    assert [(x["label"], x["analyst"]) for x in detail["labels"]] == [(label, analyst)]
    listed = client.get("/v1/documents").json()["items"]
    assert listed[0]["latest_label"] == label
    assert client.get("/v1/documents", params={"unlabeled": True}).json()["items"] == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param({"document_id": 999, "label": "genuine", "analyst": "a"}, 404, id="no-doc"),
        pytest.param({"document_id": 1, "label": "maybe", "analyst": "a"}, 422, id="bad-label"),
        pytest.param({"document_id": 1, "label": "genuine", "analyst": " "}, 422, id="no-analyst"),
    ],
)
def test_labels_reject_bad_input(client, body, status):
    client.post("/v1/analyze", json={"text": PLAIN})
    assert client.post("/v1/labels", json=body).status_code == status


@pytest.mark.parametrize("names", [pytest.param(["Mira Vance", "Lola Brandt"], id="two-swaps")])
def test_name_swapped_copies_share_a_cluster(client, names):
    first = client.post("/v1/analyze", json={"text": OBFUSCATED}).json()
    copies = [
        client.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, n)}).json() for n in names
    ]
    other = client.post("/v1/analyze", json={"text": PLAIN}).json()
    assert {c["cluster_id"] for c in copies} == {first["cluster_id"]}
    assert other["cluster_id"] != first["cluster_id"]
    clusters = client.get("/v1/clusters").json()["items"]
    assert [(c["cluster_id"], c["size"]) for c in clusters] == [(first["cluster_id"], 3)]
    assert {"Mira Vance", "Lola Brandt"} <= set(clusters[0]["people"])
    page = client.get(f"/documents/{first['document_id']}").text
    assert "Mira Vance" in page
    assert f"/documents/{copies[0]['document_id']}" in page
    people = {p["name"]: p for p in client.get("/v1/people").json()["items"]}
    assert people["Mira Vance"]["fabricated"] == 1


def test_healthz_answers_while_a_batch_job_runs(client):
    records = [{"id": str(i), "text": swap_name(OBFUSCATED, f"Star Number{i}")} for i in range(60)]
    job = client.post(
        "/v1/batch", content=jsonl(records), headers={"content-type": "application/x-ndjson"}
    ).json()
    seen_running = False
    deadline = time.monotonic() + 120  # the analysis worker process starts first
    while time.monotonic() < deadline:
        health = client.get("/healthz")
        assert health.status_code == 200
        progress = client.get(job["progress_url"]).json()
        seen_running |= 0 < progress["processed"] < progress["total"]
        if progress["status"] == "done":
            break
    assert seen_running, "the job finished before the server was asked anything"
    assert wait_for_job(client, job["progress_url"])["processed"] == 60


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/analyze", "/v1/batch", "/v1/documents", "/v1/clusters", "/v1/labels"):
        assert path in paths
    assert "/healthz" in paths
    assert "application/x-ndjson" in paths["/v1/batch"]["post"]["requestBody"]["content"]

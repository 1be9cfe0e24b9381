"""What one analysed story costs the store, and what the response is made of.

One story is one transaction (document, people, cluster ids), and the response is the JSON
the store keeps plus the two ids. A write that fails after the in-memory cluster index took
the document must not leave it there: the index is rebuilt from the store.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from service_helpers import OBFUSCATED, PLAIN, STORE_KINDS, store_url_for, swap_name
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from hoaxlens.service.app import create_app
from hoaxlens.service.schemas import RecordOut
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.types import MediaType, RawDocument


@pytest.fixture(params=STORE_KINDS)
def client(request, tmp_path):
    # Per-user quotas add their own small write (the user's usage) after each story: off
    # here, where what is counted is the story's own transaction.
    settings = ServiceSettings(
        store_url=store_url_for(request.param, tmp_path),
        upload_quota_bytes=0,
        storage_quota_bytes=0,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_one_story_is_one_transaction(client):
    engine = client.app.state.context.store.engine
    client.post("/v1/analyze", json={"text": OBFUSCATED})  # first copy: a new cluster
    commits: list[object] = []

    def count(conn: object) -> None:
        commits.append(conn)

    event.listen(engine, "commit", count)
    try:
        copy = client.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, "Nia Holt")})
    finally:
        event.remove(engine, "commit", count)
    assert copy.status_code == 200
    assert len(commits) == 1


def test_the_response_is_the_stored_record_with_its_ids(client):
    response = client.post("/v1/analyze", json={"text": OBFUSCATED, "title": "Judge <b>"})
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    TypeAdapter(RecordOut).validate_python(body)  # the documented schema
    stored = client.get(f"/v1/documents/{body['document_id']}").json()["record"]
    assert body == stored
    assert list(body)[-2:] == ["document_id", "cluster_id"]


@pytest.mark.parametrize("kind", [pytest.param("sqlite", id="sqlite")])
def test_a_write_that_fails_after_clustering_leaves_no_phantom_in_the_index(kind, tmp_path):
    """SQLite reuses the rolled-back id: a phantom in the index would split later copies."""
    settings = ServiceSettings(store_url=store_url_for(kind, tmp_path))
    with TestClient(create_app(settings)) as client:
        store = client.app.state.context.store
        with store.engine.begin() as conn:  # fail the last statement of one story's write
            conn.execute(
                text(
                    "CREATE TRIGGER fail_boom BEFORE UPDATE OF cluster_id ON documents "
                    "WHEN NEW.doc_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END"
                )
            )
        first = client.post("/v1/analyze", json={"text": OBFUSCATED}).json()
        analysis = client.app.state.context.analysis
        boom = RawDocument(id="boom", content=PLAIN, media_type=MediaType.TEXT, source="api")
        with pytest.raises(DBAPIError, match="boom"):
            analysis.process(boom)
        assert store.count_documents() == 1
        copy = client.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, "Nia Holt")})
        plain = [client.post("/v1/analyze", json={"text": PLAIN}).json() for _ in range(2)]
        assert copy.json()["cluster_id"] == first["cluster_id"]
        assert plain[0]["cluster_id"] == plain[1]["cluster_id"] != first["cluster_id"]

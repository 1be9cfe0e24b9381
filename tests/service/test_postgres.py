"""The same store on a real PostgreSQL server (``HOAXLENS_TEST_POSTGRES_URL``).

The URL must name a throwaway database: the tests drop the service's tables first.
``.ci/run`` starts a server and sets the variable; elsewhere these tests skip.
"""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, jsonl, reset_postgres, swap_name, wait_for_job

from hoaxlens.service.app import create_app
from hoaxlens.service.labels import load_labeled
from hoaxlens.service.settings import ServiceSettings

URL = os.environ.get("HOAXLENS_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(
    not URL,
    reason="no PostgreSQL: set HOAXLENS_TEST_POSTGRES_URL=postgresql://user:pw@host/db "
    "(a throwaway database; .ci/run starts one)",
)


@pytest.fixture
def pg_url() -> str:
    return reset_postgres(URL)


@pytest.mark.parametrize("copies", [pytest.param(["Nia Holt", "Remy Cole"], id="two-copies")])
def test_postgres_store_round_trip_survives_restart(pg_url, copies):
    settings = ServiceSettings(store_url=pg_url)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["store"] == "postgresql"
        first = client.post("/v1/analyze", json={"text": OBFUSCATED}).json()
        for name in copies:
            client.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, name)})
        client.post(
            "/v1/labels",
            json={"document_id": first["document_id"], "label": "fabricated", "analyst": "pg"},
        )
        job = client.post(
            "/v1/batch",
            content=jsonl([{"text": PLAIN}]) + "{bad\n",
            headers={"content-type": "application/x-ndjson"},
        ).json()
        assert wait_for_job(client, job["progress_url"])["errors"] == 1
    with TestClient(create_app(settings)) as again:
        clusters = again.get("/v1/clusters").json()["items"]
        assert [(c["cluster_id"], c["size"]) for c in clusters] == [(first["cluster_id"], 3)]
        detail = again.get(f"/v1/documents/{first['document_id']}").json()
        assert detail["labels"][0]["analyst"] == "pg"
        assert len(again.get(job["results_url"]).text.splitlines()) == 2
        people = {p["name"] for p in again.get("/v1/people").json()["items"]}
        assert set(copies) <= people
    items = load_labeled(pg_url)
    assert [(i.item.content, i.label) for i in items] == [(OBFUSCATED, 1)]

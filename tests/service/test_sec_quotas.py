"""Per-user quotas (413/429), the store's cap (507), and uploads that do not keep memory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from service_helpers import PLAIN, STORE_KINDS, jsonl, store_url_for

from hoaxlens.service.app import create_app
from hoaxlens.service.security import hash_token, parse_token_lines
from hoaxlens.service.sessions import SessionStore
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.service.store import Store

ANA = "ana-token-0123456789abcdef"  # test tokens, not secrets
BO = "bo-token-0123456789abcdef"
BODY = json.dumps({"text": PLAIN})
NDJSON = {"content-type": "application/x-ndjson"}


def _client(tmp_path, **settings) -> TestClient:
    settings.setdefault("store_url", str(tmp_path / "quota.db"))
    settings.setdefault("run_worker", False)
    return TestClient(create_app(ServiceSettings(**settings)))


def _post(client, headers=None):
    return client.post(
        "/v1/analyze", content=BODY, headers={"content-type": "application/json"} | (headers or {})
    )


def test_a_user_over_the_storage_quota_gets_413_and_others_do_not(tmp_path):
    tokens = parse_token_lines(f"ana {hash_token(ANA)}\nbo {BO}")
    with _client(tmp_path, tokens=tokens, storage_quota_bytes=int(len(BODY) * 1.5)) as client:
        ana = {"Authorization": f"Bearer {ANA}"}
        assert _post(client, ana).status_code == 200
        over = _post(client, ana)
        assert over.status_code == 413
        detail = over.json()["detail"]
        assert "storage quota of 'ana'" in detail
        assert "--storage-quota-mb" in detail
        assert _post(client, {"Authorization": f"Bearer {BO}"}).status_code == 200
        assert client.app.state.context.store.count_documents() == 2


def test_the_upload_quota_is_per_window_with_retry_after(tmp_path):
    settings = {
        "upload_quota_bytes": int(len(BODY) * 1.5),
        "storage_quota_bytes": 0,
        "quota_window_seconds": 1.5,
    }
    with _client(tmp_path, **settings) as client:  # no token: every request is 'anonymous'
        assert _post(client).status_code == 200
        over = _post(client)
        assert over.status_code == 429
        assert "upload quota of 'anonymous'" in over.json()["detail"]
        assert 1 <= int(over.headers["retry-after"]) <= 2
        time.sleep(1.6)
        assert _post(client).status_code == 200


def test_batch_uploads_count_against_the_quota(tmp_path):
    upload = jsonl([{"text": PLAIN}] * 20)
    with _client(tmp_path, storage_quota_bytes=len(upload) + 100) as client:
        first = client.post("/v1/batch", content=upload, headers=NDJSON)
        assert first.status_code == 202
        second = client.post("/v1/batch", content=upload, headers=NDJSON)
        assert second.status_code == 413
        assert len(client.app.state.context.store.jobs()) == 1
        usage = client.app.state.context.store.usage("anonymous")
        assert usage.stored_bytes == len(upload.encode())


def test_a_full_store_refuses_writes_with_507(tmp_path):
    with _client(tmp_path, max_store_bytes=1) as client:
        full = _post(client)
        assert full.status_code == 507
        assert "the store is full" in full.json()["detail"]
        assert "--store-cap-mb" in full.json()["detail"]
        assert client.get("/v1/documents").status_code == 200  # reads go on


def test_refused_writes_are_not_charged(tmp_path):
    with _client(tmp_path, storage_quota_bytes=10_000_000) as client:
        bad = client.post("/v1/analyze", json={"text": ""})
        assert bad.status_code == 422
        assert client.app.state.context.store.usage("anonymous").stored_bytes == 0


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_usage_sessions_and_keys_on_every_store(kind, tmp_path):
    store = Store(store_url_for(kind, tmp_path))
    try:
        store.charge_usage("ana", 100, window_seconds=3600)
        store.charge_usage("ana", 50, window_seconds=3600)
        store.charge_usage("bo", 7, window_seconds=3600)
        usage = store.usage("ana")
        assert (usage.stored_bytes, usage.window_bytes) == (150, 150)
        time.sleep(0.05)
        store.charge_usage("ana", 10, window_seconds=0.01)  # the window is over: a new one
        usage = store.usage("ana")
        assert (usage.stored_bytes, usage.window_bytes) == (160, 10)
        assert store.usage("nobody").stored_bytes == 0
        assert store.size_bytes() > 0
        sessions = SessionStore(store.engine)
        session_id, _ = sessions.open("ana", "fp", 60)
        assert sessions.find(session_id) == ("ana", "fp")
        sessions.close(session_id)
        assert sessions.find(session_id) is None
        short, _ = sessions.open("ana", "fp", 0.01)
        time.sleep(0.05)
        assert sessions.find(short) is None
        key = sessions.secret("csrf")
        assert len(key) == 32
        assert SessionStore(store.engine).secret("csrf") == key  # made once, then shared
    finally:
        store.close()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_concurrent_large_uploads_do_not_keep_memory(tmp_path):
    """8 uploads of 10 MB at once: the server's RSS must come back (it used to keep ~9x)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOAXLENS_")}
    process = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-c",
            "from hoaxlens.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--store",
            str(tmp_path / "rss.db"),
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None
            assert time.monotonic() < deadline
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        line = json.dumps({"text": "Then it happened. " * 50}) + "\n"
        body = (line * (10_000_000 // len(line))).encode()
        warm = httpx.post(base + "/v1/batch", content=body[:200_000], headers=NDJSON, timeout=60)
        assert warm.status_code == 202
        time.sleep(0.5)
        before = _rss_mb(process.pid)
        codes: list[int] = []

        def upload() -> None:
            answer = httpx.post(base + "/v1/batch", content=body, headers=NDJSON, timeout=300)
            codes.append(answer.status_code)

        threads = [threading.Thread(target=upload) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert codes == [202] * 8
        time.sleep(1.0)
        grown = _rss_mb(process.pid) - before
        assert grown < 40, f"RSS grew by {grown:.0f} MB after 8 x 10 MB uploads"
        jobs = httpx.get(base + "/v1/documents", timeout=10)
        assert jobs.status_code == 200
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)

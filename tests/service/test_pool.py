"""The service analyses in worker processes under the per-document budget.

A hostile document gets 422 with the ``analyze_timeout`` row, ``/healthz`` keeps
answering while it is analysed, and the worker stuck on it is replaced while the other
requests keep their verdicts. The slow documents come from ``slowpoke`` (a test-only slow
signal in the workers' analyzer: ``slow-*`` in pure Python, ``stuck-*`` in native code).
"""

from __future__ import annotations

import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, swap_name

import slowpoke
from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.budget import Budget
from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG
from hoaxlens.service.app import create_app
from hoaxlens.service.pool import AnalysisPool, analyse
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.types import MediaType, RawDocument

BUDGET = Budget(0.5, grace=0.5)


def _raw(doc_id: str, text: str) -> RawDocument:
    return RawDocument(id=doc_id, content=text, media_type=MediaType.TEXT, source="api")


@pytest.fixture
def slow_client(tmp_path):
    """A service whose analysis workers carry the slow signal, budget 0.5 s + 0.5 s."""
    settings = ServiceSettings(store_url=str(tmp_path / "store.db"), analysis_workers=2)
    with TestClient(create_app(settings)) as client:
        analysis = client.app.state.context.analysis
        analysis.pool.close()
        analysis.pool = AnalysisPool(
            settings.analyzer,
            settings.cluster,
            size=2,
            budget=BUDGET,
            task=slowpoke.analyse_slowly,
        )
        yield client


@pytest.mark.parametrize(
    ("doc_id", "stage"),
    [
        pytest.param("slow-1", "signals", id="pure-python-soft-limit"),
        pytest.param("stuck-1", "worker", id="native-code-watchdog-kill"),
    ],
)
def test_hostile_document_gets_422_while_healthz_answers_fast(slow_client, doc_id, stage):
    assert slow_client.post("/v1/analyze", json={"text": PLAIN}).status_code == 200  # warm
    answer: dict[str, object] = {}

    def hostile() -> None:
        answer["response"] = slow_client.post("/v1/analyze", json={"id": doc_id, "text": PLAIN})

    thread = threading.Thread(target=hostile)
    thread.start()
    latencies = []
    while thread.is_alive():
        started = time.perf_counter()
        assert slow_client.get("/healthz").status_code == 200
        latencies.append(time.perf_counter() - started)
        time.sleep(0.02)
    thread.join()
    response = answer["response"]
    assert response.status_code == 422
    error = response.json()["detail"]
    assert (error["stage"], error["type"]) == (stage, "analyze_timeout")
    assert "budget" in error["message"]
    assert len(latencies) >= 5  # it was asked while the document was being analysed
    # Every ask, not a percentile: measured under load (about 6 on 2 cores), the slowest of
    # 40-90 asks was 20-80 ms. The likely cause of its one failure: a full garbage
    # collection of this process (measured 120-450 ms under load, most of it pytest's heap)
    # falling on an ask. The service now freezes what it loaded at start (test below).
    assert max(latencies) < 0.2
    after = slow_client.post("/v1/analyze", json={"text": OBFUSCATED})  # a worker is back
    assert after.status_code == 200
    assert after.json()["label"] == "fabricated"


def test_a_full_garbage_collection_is_short_while_the_service_runs(tmp_path):
    settings = ServiceSettings(store_url=str(tmp_path / "store.db"), analysis_workers=1)
    with TestClient(create_app(settings)) as client:
        for text in (PLAIN, OBFUSCATED):
            assert client.post("/v1/analyze", json={"text": text}).status_code == 200
        started = time.perf_counter()
        gc.collect()  # holds the GIL: every request and /healthz wait for it
        assert time.perf_counter() - started < 0.1


def test_pool_replaces_only_the_stuck_worker_and_the_others_keep_their_verdicts():
    config = AnalyzerConfig()
    pool = AnalysisPool(
        config, DEFAULT_CLUSTER_CONFIG, size=2, budget=BUDGET, task=slowpoke.analyse_slowly
    )
    items = [_raw(f"doc-{i}", swap_name(OBFUSCATED, f"Star Number{i}")) for i in range(6)]
    items.insert(2, _raw("stuck-a", PLAIN))
    try:
        with ThreadPoolExecutor(3) as threads:
            results = list(threads.map(pool.analyse, items))
        again = pool.analyse(_raw("doc-after", PLAIN))
    finally:
        pool.close()
    analyzer = Analyzer(config)
    for item, result in zip(items, results, strict=True):
        if item.id == "stuck-a":
            assert result.signature is None
            assert result.record["error"]["type"] == "analyze_timeout"
            assert result.record["error"]["stage"] == "worker"
        else:
            assert result == analyse(analyzer, DEFAULT_CLUSTER_CONFIG, item)  # same as in-process
    assert again.record["error"] is None


def test_in_process_and_pool_give_the_same_records(tmp_path):
    texts = [OBFUSCATED, PLAIN, swap_name(OBFUSCATED, "Nia Holt")]
    bodies = []
    for workers in (0, 1):
        settings = ServiceSettings(
            store_url=str(tmp_path / f"store-{workers}.db"), analysis_workers=workers
        )
        with TestClient(create_app(settings)) as client:
            bodies.append([client.post("/v1/analyze", json={"text": t}).json() for t in texts])
    assert bodies[0] == bodies[1]

"""Batch lines are leased: several workers (``serve`` processes) on one store never share one.

Each test opens two ``Store``s (two engines, as two processes would) on the same SQLite file
or, when ``HOAXLENS_TEST_POSTGRES_URL`` is set, on a real PostgreSQL database, where claims
use ``SELECT … FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from service_helpers import PLAIN, STORE_KINDS, store_url_for, swap_name

from hoaxlens.analyzer import Analyzer
from hoaxlens.service.analysis import AnalysisService, LeaseLostError
from hoaxlens.service.campaigns import ClusterIndex
from hoaxlens.service.jobs import BatchWorker, parse_item
from hoaxlens.service.store import Store


def _lines(n: int) -> list[tuple[int, str]]:
    return [(i + 1, json.dumps({"id": f"l{i}", "text": f"{PLAIN}\nLine {i}."})) for i in range(n)]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()  # one per module: it is shared by threads in the service too


@pytest.fixture(params=STORE_KINDS)
def two_stores(request, tmp_path):
    url = store_url_for(request.param, tmp_path)
    first, second = Store(url), Store(url)
    yield first, second
    first.close()
    second.close()


def test_two_claims_get_disjoint_lines_in_input_order(two_stores):
    first, second = two_stores
    job = first.create_job("six.jsonl", _lines(6))
    a = first.lease_items(4, lease_seconds=60)
    b = second.lease_items(4, lease_seconds=60)
    assert [i.line_no for i in a] == [1, 2, 3, 4]
    assert [i.line_no for i in b] == [5, 6]
    assert first.lease_items(4, lease_seconds=60) == []
    assert first.job(job.id).status == "running"


def test_concurrent_claims_never_share_a_line(two_stores):
    first, second = two_stores
    first.create_job("many.jsonl", _lines(30))
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def claim(store: Store) -> None:
        try:
            while items := store.lease_items(3, lease_seconds=60):
                with lock:
                    claimed.extend(i.id for i in items)
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(s,)) for s in (first, second) * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert len(claimed) == len(set(claimed)) == 30


def test_released_lines_are_claimed_again_at_once(two_stores):
    first, second = two_stores
    first.create_job("three.jsonl", _lines(3))
    held = first.lease_items(3, lease_seconds=600)
    assert second.lease_items(3, lease_seconds=600) == []
    assert first.release_items(held) == 3
    assert [i.id for i in second.lease_items(3, lease_seconds=600)] == [i.id for i in held]


def test_an_expired_lease_is_taken_over_and_the_old_owner_writes_nothing(two_stores, analyzer):
    first, second = two_stores
    job = first.create_job("one.jsonl", _lines(1))
    slow = AnalysisService(analyzer, first, ClusterIndex())
    fast = AnalysisService(analyzer, second, ClusterIndex())
    (stale,) = first.lease_items(1, lease_seconds=0.05)
    time.sleep(0.2)
    (fresh,) = second.lease_items(1, lease_seconds=60)
    assert fresh.id == stale.id
    with pytest.raises(LeaseLostError):
        slow.process(parse_item(stale, slow), lease=stale)
    assert first.count_documents() == 0
    outcome = fast.process(parse_item(fresh, fast), lease=fresh)
    assert outcome.document_id is not None
    done = first.job(job.id)
    assert (done.status, done.processed, done.errors) == ("done", 1, 0)
    assert first.count_documents() == 1


def test_two_workers_finish_a_job_with_one_document_per_line(two_stores, analyzer):
    first, second = two_stores
    lines = [(i + 1, json.dumps({"text": swap_name(PLAIN, f"Ada Moss{i}")})) for i in range(6)]
    lines.append((7, "{not json"))
    job = first.create_job("two-workers.jsonl", lines)
    workers = [
        BatchWorker(AnalysisService(analyzer, store, ClusterIndex()), chunk=2, idle_wait=0.05)
        for store in (first, second)
    ]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 60
        while first.job(job.id).status != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        for worker in workers:
            worker.stop()
    done = first.job(job.id)
    assert (done.status, done.processed, done.errors) == ("done", 7, 1)
    records = [json.loads(r) for r in first.job_records(job.id)]
    assert len(records) == 7
    ids = [r["document_id"] for r in records if r["error"] is None]
    assert len(ids) == len(set(ids)) == first.count_documents() == 6


def test_a_worker_stopping_mid_chunk_releases_what_it_did_not_do(tmp_path, analyzer):
    store = Store(str(tmp_path / "stop.db"))
    try:
        job = store.create_job("eight.jsonl", _lines(8))
        worker = BatchWorker(AnalysisService(analyzer, store, ClusterIndex()), chunk=8)
        worker.stop()  # stopped before its first line: the whole claim goes back
        assert worker.run_pending() == 8
        assert store.job(job.id).processed == 0
        assert len(store.lease_items(8, lease_seconds=60)) == 8
    finally:
        store.close()


def test_a_line_that_hits_a_bug_gets_the_contract_error_row(tmp_path, analyzer, monkeypatch):
    store = Store(str(tmp_path / "bug.db"))
    try:
        job = store.create_job("bug.jsonl", [*_lines(3), (4, "{not json")])
        service = AnalysisService(analyzer, store, ClusterIndex())
        process = service.process

        def buggy(item, **kwargs):
            if getattr(item, "id", "") == "l1":
                raise RuntimeError("disk on fire")
            return process(item, **kwargs)

        monkeypatch.setattr(service, "process", buggy)
        BatchWorker(service, chunk=4).run_pending()
        done = store.job(job.id)
        assert (done.status, done.processed, done.errors) == ("done", 4, 2)
        records = [json.loads(r) for r in store.job_records(job.id)]
        bad, unreadable = [r for r in records if r["error"]]
        assert bad["error"] == {
            "stage": "service",
            "type": "RuntimeError",
            "message": "disk on fire",
        }
        assert bad["source"].endswith(".jsonl#L2")
        assert bad["label"] is None
        assert set(bad) == set(unreadable)  # the same fields as any other error row
    finally:
        store.close()

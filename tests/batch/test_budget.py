"""The per-document budget: a document over it becomes one ``analyze_timeout`` row, fast.

The slow documents come from ``slowpoke.SlowSignal`` (a test-only signal in the analyzer's
pipeline, slow in pure Python or in native code on chosen documents) and from a real,
large story given a budget far below its cost.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

import slowpoke
from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch import BatchOptions, run_batch
from hoaxlens.batch.budget import NO_BUDGET, Budget, soft_limit
from hoaxlens.batch.pool import analyze_in_order, chunked
from hoaxlens.batch.synthetic import generate
from hoaxlens.batch.worker import safe_analyze
from hoaxlens.output import to_record
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from pathlib import Path

BUDGET = Budget(0.5, grace=0.5)


def _docs(ids: list[str]) -> list[RawDocument | Failure]:
    texts = [doc.text for doc in generate(len(ids), seed=11)]
    return [
        RawDocument(id=i, content=text, media_type=MediaType.TEXT, source=f"test#{i}")
        for i, text in zip(ids, texts, strict=True)
    ]


def _records(results: list) -> list[dict]:
    return [json.loads(line) for r in results for line in r.data.splitlines()]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize(
    ("doc_id", "stage", "where"),
    [pytest.param("slow-1", "signals", "slowpoke.spin_in_python", id="pure-python-loop")],
)
def test_soft_limit_stops_a_document_in_the_stage_it_was_in(
    analyzer: Analyzer, doc_id: str, stage: str, where: str
) -> None:
    slow = slowpoke.make_slow(Analyzer())
    [item] = _docs([doc_id])
    started = time.process_time()
    with soft_limit(Budget(0.3)) as applies:
        row = safe_analyze(slow, item)
    cost = time.process_time() - started
    assert applies
    assert isinstance(row, Failure)
    assert (row.doc_id, row.stage.value, row.error_type) == (doc_id, stage, "analyze_timeout")
    assert where in row.message
    assert "--budget" in row.message  # names the setting that raises it
    assert cost < 0.3 + 0.2  # stopped at the budget, not after the minute it would take


@pytest.mark.parametrize(
    "budget", [pytest.param(Budget(5), id="5s"), pytest.param(NO_BUDGET, id="off")]
)
def test_documents_within_budget_keep_their_verdicts(analyzer: Analyzer, budget: Budget) -> None:
    items = _docs([f"doc-{i}" for i in range(4)])
    with soft_limit(budget):
        budgeted = [to_record(safe_analyze(analyzer, item)) for item in items]
    assert budgeted == [to_record(analyzer.analyze_one(item)) for item in items]


@pytest.mark.parametrize("workers", [pytest.param(1, id="one-worker"), pytest.param(2, id="two")])
def test_pool_turns_slow_and_stuck_documents_into_timeout_rows(
    analyzer: Analyzer, workers: int
) -> None:
    ids = [f"doc-{i:02d}" for i in range(10)]
    ids[2] = "slow-a"  # pure Python: the soft limit stops it in the worker
    ids[7] = "stuck-b"  # native code: the watchdog kills the worker
    items = _docs(ids)
    items.insert(5, Failure("bad-line", "test#L6", Stage.INGEST, "malformed_json", "broken"))
    config = AnalyzerConfig()
    started = time.monotonic()
    records = _records(
        list(
            analyze_in_order(
                chunked(items, 3),
                analyzer=analyzer,
                config=config,
                fmt="jsonl",
                workers=workers,
                task=slowpoke.run_slow_chunk,
                budget=BUDGET,
            )
        )
    )
    elapsed = time.monotonic() - started
    order = [i.id if isinstance(i, RawDocument) else i.doc_id for i in items]
    assert [r["id"] for r in records] == order
    errors = {r["id"]: r["error"] for r in records if r["error"]}
    assert set(errors) == {"slow-a", "stuck-b", "bad-line"}
    assert (errors["slow-a"]["stage"], errors["slow-a"]["type"]) == ("signals", "analyze_timeout")
    assert (errors["stuck-b"]["stage"], errors["stuck-b"]["type"]) == ("worker", "analyze_timeout")
    assert "killed" in errors["stuck-b"]["message"]
    assert errors["bad-line"]["type"] == "malformed_json"
    expected = {
        r["id"]: r
        for r in (to_record(analyzer.analyze_one(i)) for i in items if isinstance(i, RawDocument))
    }
    for record in records:
        if not record["error"]:
            assert record == expected[record["id"]]  # the others keep their verdicts
    assert elapsed < 40  # far from the two minutes the two documents would burn


@pytest.mark.parametrize(
    ("workers", "chunk_size"),
    [pytest.param(1, 64, id="in-process-one-chunk"), pytest.param(2, 2, id="two-workers")],
)
def test_scan_gives_a_document_over_budget_one_row_and_the_rest_their_verdicts(
    tmp_path: Path, workers: int, chunk_size: int
) -> None:
    small = list(generate(5, seed=8))
    lines = [{"id": d.id, "text": d.text} for d in small]
    lines.insert(2, {"id": "big", "text": slowpoke.big_story()})
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        BatchOptions(
            paths=(str(posts),),
            fmt="jsonl",
            output=out,
            workers=workers,
            chunk_size=chunk_size,
            budget=Budget(0.2, grace=0.5),
        )
    )
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [x["id"] for x in lines]
    assert summary.errors == 1
    big = records[2]["error"]
    assert big["type"] == "analyze_timeout"
    assert big["stage"] in {"extract", "normalize", "signals", "verdict"}  # the one running
    lines[2] = {"id": "big", "text": "A short story instead."}  # same line numbers
    posts.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    run_batch(BatchOptions(paths=(str(posts),), fmt="jsonl", output=out, budget=NO_BUDGET))
    alone = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert records[:2] + records[3:] == alone[:2] + alone[3:]


def test_a_timeout_never_lands_inside_a_garbage_collector_callback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A gc callback (Hypothesis installs one) runs inside whatever code allocated: an
    # exception raised there is printed and dropped ("Exception ignored in ..."), so the
    # timer must wait until the document's own code runs again.
    import gc
    import sys

    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)

    def costly_callback(phase: str, info: dict[str, int]) -> None:
        del info
        if phase == "start":
            end = time.process_time() + 0.02
            while time.process_time() < end:
                pass

    def collects_forever(item: RawDocument | Failure) -> RawDocument | Failure:
        end = time.process_time() + 2  # far past the budget: half in the callback
        while time.process_time() < end:
            gc.collect(0)
            spin = time.process_time() + 0.02
            while time.process_time() < spin:
                pass
        return item

    gc.callbacks.append(costly_callback)
    try:
        from hoaxlens.batch.budget import within_budget

        [item] = _docs(["gc-heavy"])
        rows = []
        started = time.process_time()
        with soft_limit(Budget(0.1)):
            for _ in range(5):
                rows.append(within_budget(collects_forever, item))
        cost = time.process_time() - started
    finally:
        gc.callbacks.remove(costly_callback)
    assert unraisable == []
    assert all(isinstance(r, Failure) and r.error_type == "analyze_timeout" for r in rows)
    # stopped in the document's own code, soon after the budget, not 2 s later
    assert all("collects_forever" in r.message for r in rows if isinstance(r, Failure))
    assert cost < 5 * 0.3

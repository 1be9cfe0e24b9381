"""A worker process that dies hard costs one error row at most, never the batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import crashy
import pytest

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.pool import analyze_in_order, chunked
from hoaxlens.batch.synthetic import generate, write_jsonl
from hoaxlens.batch.worker import analyze_chunk, merge_results
from hoaxlens.output import to_record
from hoaxlens.types import Failure, MediaType, RawDocument, Stage


def _docs(ids: list[str]) -> list[RawDocument | Failure]:
    texts = [doc.text for doc in generate(len(ids), seed=3)]
    return [
        RawDocument(id=i, content=text, media_type=MediaType.TEXT, source=f"test#{i}")
        for i, text in zip(ids, texts, strict=True)
    ]


def _records(results: list) -> list[dict]:
    return [json.loads(line) for r in results for line in r.data.splitlines()]


def _run(items: list[RawDocument | Failure], task) -> list[dict]:
    config = AnalyzerConfig()
    results = analyze_in_order(
        chunked(items, 4),
        analyzer=Analyzer(config),
        config=config,
        fmt="jsonl",
        workers=2,
        task=task,
    )
    return _records(list(results))


@pytest.mark.slow  # worker processes die and are replaced: 3-5 s
def test_a_document_that_always_kills_its_worker_becomes_one_error_row() -> None:
    ids = (
        [f"doc-{i:02d}" for i in range(10)] + ["poison-1"] + [f"doc-{i:02d}" for i in range(10, 20)]
    )
    items = _docs(ids)
    items.insert(3, Failure("bad-line", "test#L4", Stage.INGEST, "malformed_json", "broken"))
    records = _run(items, crashy.die_on_poison)
    assert [r["id"] for r in records] == [
        i.id if isinstance(i, RawDocument) else i.doc_id for i in items
    ]
    errors = {r["id"]: r["error"] for r in records if r["error"]}
    assert set(errors) == {"poison-1", "bad-line"}
    assert errors["poison-1"]["stage"] == "worker"
    assert errors["poison-1"]["type"] == "worker_crashed"
    assert "died" in errors["poison-1"]["message"]
    assert errors["bad-line"]["type"] == "malformed_json"  # passed through untouched
    assert all(
        r["label"] in {"fabricated", "uncertain", "genuine"} for r in records if not r["error"]
    )


@pytest.mark.slow  # worker processes die and are replaced: 3-5 s
def test_a_crash_that_does_not_repeat_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOAXLENS_TEST_CRASH_MARKER", str(tmp_path / "crashed"))
    ids = (
        [f"doc-{i:02d}" for i in range(12)] + ["flaky-1"] + [f"doc-{i:02d}" for i in range(12, 24)]
    )
    records = _run(_docs(ids), crashy.die_once)
    assert (tmp_path / "crashed").exists()  # the worker did die
    assert [r["id"] for r in records] == ids
    assert not any(r["error"] for r in records)  # re-run alone, every document got its verdict


@pytest.mark.slow  # worker processes die and are replaced: 3-5 s
def test_two_poison_documents_in_flight_at_once() -> None:
    ids = ["poison-a", "doc-1", "doc-2", "doc-3", "doc-4", "poison-b", "doc-5", "doc-6"]
    records = _run(_docs(ids), crashy.die_on_poison)
    assert [r["id"] for r in records] == ids
    assert [r["id"] for r in records if r["error"]] == ["poison-a", "poison-b"]


@pytest.mark.slow  # SIGKILLs a worker of a real scan process: ~10 s
@pytest.mark.skipif(sys.platform != "linux", reason="reads worker pids from /proc")
def test_scan_survives_a_worker_killed_by_the_system(tmp_path: Path) -> None:
    """SIGKILL one worker of a running 'hoaxlens scan', as the OOM killer would."""
    posts = tmp_path / "posts.jsonl"
    write_jsonl(posts, list(generate(1500, seed=5)))
    out = tmp_path / "out.jsonl"
    scan = subprocess.Popen(  # noqa: S603 - our own CLI
        [
            sys.executable,
            "-c",
            "from hoaxlens.cli import main; main()",
            "scan",
            "-w",
            "2",
            "--chunk-size",
            "16",
            "--format",
            "jsonl",
            "-o",
            str(out),
            str(posts),
        ],
        stderr=subprocess.PIPE,
    )
    try:
        victim = _wait_for_worker(scan.pid)
        time.sleep(1.0)  # let it get to work
        os.kill(victim, signal.SIGKILL)
        _, stderr = scan.communicate(timeout=300)
    finally:
        if scan.poll() is None:
            scan.kill()
    assert scan.returncode == 0, stderr.decode()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"syn-{i:07d}" for i in range(1500)]
    assert not any(r["error"] for r in records)


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _wait_for_worker(pid: int) -> int:
    """A worker of the scan: a child that is not the resource tracker."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for child in _children(pid):
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
                return child
        time.sleep(0.1)
    raise AssertionError("the scan started no worker process")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "table"])
def test_merged_one_document_results_equal_the_whole_chunk(fmt: str) -> None:
    """What the one-by-one re-run writes is what the chunk would have written."""
    analyzer = Analyzer()
    items = _docs([f"doc-{i}" for i in range(5)])
    items.insert(2, Failure("bad-line", "test#L3", Stage.INGEST, "malformed_json", "broken"))
    whole = analyze_chunk(analyzer, items, fmt)
    merged = merge_results([analyze_chunk(analyzer, [item], fmt) for item in items], fmt)
    assert (merged.count, merged.first_id, merged.last_id) == (6, "doc-0", "doc-4")
    assert (merged.labels, merged.errors) == (whole.labels, whole.errors)
    if fmt == "parquet":
        assert merged.data.to_pylist() == whole.data.to_pylist()
    elif fmt == "table":
        assert [to_record(r) for r in merged.data] == [to_record(r) for r in whole.data]
    else:
        assert merged.data == whole.data

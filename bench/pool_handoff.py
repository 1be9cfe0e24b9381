"""Service pool hand-offs: how long a worker waits between two documents while requests queue.

`CLIENTS` threads each send `PER` documents (the 2,005-word story of service_latency.py) to
an AnalysisPool of `SIZE` workers, then spend `PARENT_MS` of CPU holding the GIL (the
service's own work on an answer). Each worker logs when it starts and ends a document
(CLOCK_MONOTONIC, shared by processes); the gap between two documents of one worker is the
hand-off. Compare two source trees with PYTHONPATH, alternating runs:

    PYTHONPATH=src:bench python bench/pool_handoff.py 2 8 12 10
    PYTHONPATH=DIR:bench python bench/pool_handoff.py 2 8 12 10

Prints docs/s, the workers' busy fraction, and the gap's p50 / mean / p90.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    from hoaxlens.service.pool import Analysed
    from hoaxlens.types import RawDocument

OUT = Path(os.environ.get("GAP_DIR") or Path(tempfile.gettempdir()) / "hoaxlens-pool-handoff")


def timed_task(item: RawDocument) -> Analysed:
    """The pool's task, logging its start and end (runs in a worker)."""
    from hoaxlens.service.pool import analyse_in_lane

    t0 = time.monotonic()
    result = analyse_in_lane(item)
    t1 = time.monotonic()
    with (OUT / f"{os.getpid()}.txt").open("a") as log:
        log.write(f"{t0} {t1}\n")
    return result


def busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def run_threads(target: object, n: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]  # type: ignore[arg-type]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    import pool_handoff
    from service_latency import story_of

    from hoaxlens.analyzer import AnalyzerConfig
    from hoaxlens.batch.budget import Budget
    from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG
    from hoaxlens.service.pool import AnalysisPool
    from hoaxlens.types import MediaType, RawDocument

    size, clients, per = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    parent_seconds = float(sys.argv[4]) / 1000
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    text = story_of(2000)

    def raw(tag: str) -> RawDocument:
        content = f"{text}\nReference {tag}."
        return RawDocument(id="b", content=content, media_type=MediaType.TEXT, source="api")

    pool = AnalysisPool(
        AnalyzerConfig(),
        DEFAULT_CLUSTER_CONFIG,
        size=size,
        budget=Budget(1.0),
        task=pool_handoff.timed_task,
    )
    run_threads(lambda k: pool.analyse(raw(f"warm-{k}")), size * 2)  # start every worker
    for log in OUT.iterdir():
        log.unlink()
    done: list[float] = []

    def client(c: int) -> None:
        for k in range(per):
            t0 = time.perf_counter()
            pool.analyse(raw(f"{c}-{k}"))
            busy(parent_seconds)
            done.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    run_threads(client, clients)
    wall = time.perf_counter() - t0
    pool.close()
    gaps: list[float] = []
    work: list[float] = []
    for log in OUT.iterdir():
        lines = log.read_text().splitlines()
        spans = sorted((float(a), float(b)) for a, b in (line.split() for line in lines))
        work += [b - a for a, b in spans]
        gaps += [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]
    print(
        json.dumps(
            {
                "docs_per_s": round(len(done) / wall, 1),
                "busy_fraction": round(sum(work) / (wall * size), 3),
                "work_p50_ms": round(statistics.median(work) * 1000, 1),
                "gap_p50_ms": round(statistics.median(gaps) * 1000, 2),
                "gap_mean_ms": round(statistics.mean(gaps) * 1000, 2),
                "gap_p90_ms": round(sorted(gaps)[int(0.9 * len(gaps))] * 1000, 2),
            }
        )
    )


if __name__ == "__main__":
    main()

"""POST /v1/analyze latency on loopback: p50/p99 and requests/s at 1 and 8 clients.

Starts `hoaxlens serve` pinned to one CPU core (taskset) on a fresh SQLite store, sends a
~2,000-word obfuscated story, and prints, side by side, the in-process `Analyzer` time for
the same story (the anchor: what the pipeline itself costs, without HTTP, JSON or store).

    python bench/service_latency.py [--requests 200] [--core 0]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
STORY = (ROOT / "tests/service/data/obfuscated_story.txt").read_text(encoding="utf-8")


def story_of(words: int) -> str:
    """The fixture story, its paragraphs repeated with numbered variations, to ``words``."""
    paragraphs = STORY.split("\n")
    out, n, i = [], 0, 0
    while n < words:
        para = paragraphs[i % len(paragraphs)] + f" (part {i})"
        out.append(para)
        n += len(para.split())
        i += 1
    return "\n".join(out)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_clients(url: str, body: dict, clients: int, requests: int) -> tuple[list[float], float]:
    def one(client: httpx.Client) -> float:
        t0 = time.perf_counter()
        r = client.post(url, json=body)
        r.raise_for_status()
        return time.perf_counter() - t0

    with ThreadPoolExecutor(clients) as pool:
        sessions = [httpx.Client(timeout=60) for _ in range(clients)]
        t0 = time.perf_counter()
        times = list(pool.map(lambda k: one(sessions[k % clients]), range(requests)))
        wall = time.perf_counter() - t0
        for s in sessions:
            s.close()
    return times, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--core", type=int, default=0)
    args = parser.parse_args()
    text = story_of(args.words)

    from hoaxlens import Analyzer
    from hoaxlens.types import MediaType, RawDocument

    analyzer = Analyzer()
    raw = RawDocument(id="b", content=text, media_type=MediaType.TEXT, source="bench")
    analyzer.analyze(raw)
    inproc = []
    for _ in range(30):
        t0 = time.perf_counter()
        analyzer.analyze(raw)
        inproc.append(time.perf_counter() - t0)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp = Path(tempfile.mkdtemp(prefix="hoaxlens-bench-"))
    hoaxlens = str(Path(sys.executable).with_name("hoaxlens"))
    cmd = [hoaxlens, "serve", "--port", str(port), "--store", str(tmp / "bench.db")]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", str(args.core), *cmd]
    server = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        url = base + "/v1/analyze"
        body = {"text": text}
        run_clients(url, body, 1, 10)  # warm-up
        rows = []
        for clients in (1, 8):
            times, wall = run_clients(url, body, clients, args.requests)
            rows.append(
                {
                    "clients": clients,
                    "p50_ms": round(statistics.median(times) * 1000, 1),
                    "p99_ms": round(percentile(times, 0.99) * 1000, 1),
                    "requests_per_s": round(len(times) / wall, 1),
                }
            )
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "words": len(text.split()),
        "cpu_cores_for_server": 1 if shutil.which("taskset") else os.cpu_count(),
        "anchor_in_process_analyze_p50_ms": round(statistics.median(inproc) * 1000, 1),
        "http": rows,
    }
    result["http_over_in_process_p50"] = round(
        rows[0]["p50_ms"] / result["anchor_in_process_analyze_p50_ms"], 2
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""POST /v1/analyze latency on loopback: p50/p99 and requests/s at 1 and 8 clients.

Starts `hoaxlens serve` pinned to one CPU core (taskset) on a fresh SQLite store (or
`--store URL`), sends a ~2,000-word obfuscated story, and compares it with the in-process
`Analyzer.analyze` time for the same story (the anchor: what the pipeline itself costs,
without HTTP, JSON, clustering or store).

Built for a shared machine, where the speed of a core drifts by 2-3x within a minute:

- the anchor runs on the server's core, interleaved with the 1-client requests (one anchor
  sample, then one request to each server, in alternating order), and the overhead is the
  median of the paired differences (`overhead_p50_ms`), so drift cancels;
- `--baseline-src DIR` starts a second server from another source tree (`PYTHONPATH=DIR`,
  e.g. a copy of `src/` before a change) on the same core, and interleaves requests to both:
  an A/B comparison in one run;
- every request sends a different story (a numbered line is appended), so no cache can
  answer for the pipeline; the clients run on the other cores.

    python bench/service_latency.py [--requests 200] [--core 0] [--baseline-src DIR]
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
BLOCK = 25  # 8-client requests per server before switching to the other one


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


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One `hoaxlens serve` process on a fresh store, pinned to ``core``."""

    def __init__(self, name: str, core: int, store: str | None, src: str | None) -> None:
        self.name = name
        self.tmp = Path(tempfile.mkdtemp(prefix=f"hoaxlens-bench-{name}-"))
        port = free_port()
        hoaxlens = str(Path(sys.executable).with_name("hoaxlens"))
        cmd = [hoaxlens, "serve", "--port", str(port), "--store", store or str(self.tmp / "b.db")]
        if shutil.which("taskset"):
            cmd = ["taskset", "-c", str(core), *cmd]
        env = dict(os.environ)
        if src:
            env["PYTHONPATH"] = src
        else:
            env.pop("PYTHONPATH", None)
        self.process = subprocess.Popen(  # noqa: S603
            cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env
        )
        self.base = f"http://127.0.0.1:{port}"
        self.url = self.base + "/v1/analyze"
        self.client = httpx.Client(timeout=120)
        self.one: list[float] = []  # 1-client request times
        self.eight: list[float] = []  # 8-client request times
        self.eight_wall = 0.0

    def wait_ready(self) -> None:
        for _ in range(600):
            try:
                if self.client.get(self.base + "/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server {self.name} did not start")

    def post(self, text: str) -> float:
        t0 = time.perf_counter()
        r = self.client.post(self.url, json={"text": text})
        r.raise_for_status()
        return time.perf_counter() - t0

    def close(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_clients(server: Server, text: str, clients: int, requests: int, tag: str) -> None:
    """``requests`` requests from ``clients`` concurrent clients; appends to ``server.eight``."""
    sessions = [httpx.Client(timeout=120) for _ in range(clients)]

    def one(k: int) -> float:
        body = {"text": f"{text}\nReference {tag}-{k} ({clients} clients)."}
        t0 = time.perf_counter()
        r = sessions[k % clients].post(server.url, json=body)
        r.raise_for_status()
        return time.perf_counter() - t0

    with ThreadPoolExecutor(clients) as pool:
        t0 = time.perf_counter()
        server.eight += list(pool.map(one, range(requests)))
        server.eight_wall += time.perf_counter() - t0
    for s in sessions:
        s.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--core", type=int, default=0)
    parser.add_argument("--store", default=None, help="store URL (default: a fresh SQLite file)")
    parser.add_argument("--baseline-src", default=None, help="source tree of a second server")
    args = parser.parse_args()
    text = story_of(args.words)

    from hoaxlens import Analyzer
    from hoaxlens.types import MediaType, RawDocument

    analyzer = Analyzer()
    pinned = hasattr(os, "sched_setaffinity") and bool(shutil.which("taskset"))
    others = set(os.sched_getaffinity(0)) - {args.core} if pinned else set()

    def anchor(k: int) -> float:
        """One in-process ``Analyzer.analyze`` on the server's core (the servers are idle)."""
        if pinned:
            os.sched_setaffinity(0, {args.core})
        content = f"{text}\nReference anchor-{k}."
        raw = RawDocument(id="b", content=content, media_type=MediaType.TEXT, source="bench")
        t0 = time.perf_counter()
        analyzer.analyze(raw)
        elapsed = time.perf_counter() - t0
        if pinned and others:
            os.sched_setaffinity(0, others)  # the clients stay off the server's core
        return elapsed

    servers = [Server("current", args.core, args.store, None)]
    if args.baseline_src:
        if args.store:
            raise SystemExit("--baseline-src needs a fresh SQLite store per server: drop --store")
        servers.append(Server("baseline", args.core, None, str(Path(args.baseline_src).resolve())))
    inproc: list[float] = []
    try:
        for server in servers:
            server.wait_ready()
            for k in range(10):  # warm-up
                server.post(f"{text}\nReference warm-{k}.")
        anchor(-1)
        for k in range(args.requests):
            inproc.append(anchor(k))
            # Alternate which server goes first: the first request after the anchor pays
            # for the anchor's cold caches and the core's scheduling (about 20% here).
            for server in servers if k % 2 == 0 else servers[::-1]:
                server.one.append(server.post(f"{text}\nReference one-{k}."))
        for block in range(max(1, args.requests // BLOCK)):
            for server in servers if block % 2 == 0 else servers[::-1]:
                run_clients(server, text, 8, BLOCK, f"{block}")
    finally:
        for server in servers:
            server.close()

    anchor_p50 = ms(statistics.median(inproc))
    result: dict[str, object] = {
        "words": len(text.split()),
        "cpu_cores_for_server": 1 if shutil.which("taskset") else os.cpu_count(),
        "store": "sqlite" if args.store is None else args.store.split(":", 1)[0],
        "requests_per_client_count": args.requests,
        "anchor_in_process_analyze_p50_ms": anchor_p50,
    }
    for server in servers:
        paired = [t - a for t, a in zip(server.one, inproc, strict=True)]
        ratios = [t / a for t, a in zip(server.one, inproc, strict=True)]
        result[server.name] = {
            "http": [
                {
                    "clients": 1,
                    "p50_ms": ms(statistics.median(server.one)),
                    "p99_ms": ms(percentile(server.one, 0.99)),
                    "requests_per_s": round(len(server.one) / sum(server.one), 1),
                },
                {
                    "clients": 8,
                    "p50_ms": ms(statistics.median(server.eight)),
                    "p99_ms": ms(percentile(server.eight, 0.99)),
                    "requests_per_s": round(len(server.eight) / server.eight_wall, 1),
                },
            ],
            "http_over_in_process_p50": round(statistics.median(ratios), 2),
            "overhead_p50_ms": ms(statistics.median(paired)),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

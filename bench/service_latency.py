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

`--load` runs the bounded load test of the per-document budget instead (issue 15): one
server, not pinned (its analysis worker processes use the machine's cores), with
`[batch] budget_seconds = --budget`; `--clients` concurrent clients each send
`--per-client` requests, counting errors (anything but 200) and p50/p99. Then, while one
client posts a hostile document (a story of just under the API's 1,000,000 characters,
several times over the budget), another asks
`/healthz` every 20 ms: the hostile answer (422, `analyze_timeout`) and the slowest
`/healthz` are reported.

    python bench/service_latency.py --load [--clients 8] [--per-client 200] [--budget 1]

Each load result also gives the CPU time per request of the service process and of its
analysis workers (from `/proc`), which a busy machine skews far less than latencies.
`--workers 0,2` compares servers with those `analysis_workers` (0: in-process) side by
side instead, taking turns in `--rounds` blocks so that drift in the machine's load falls
on each alike; with `--baseline-src DIR` a server from another source tree (the last
count of workers) takes turns too: an A/B of a change in one run.
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
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
STORY = (ROOT / "tests/service/data/obfuscated_story.txt").read_text(encoding="utf-8")
BLOCK = 25  # 8-client requests per server before switching to the other one
LAUNCHER = """
import sys, uvicorn
from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings
port, store, workers, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
settings = ServiceSettings(store_url=store, analysis_workers=workers, budget_seconds=budget)
uvicorn.run(create_app(settings), host="127.0.0.1", port=int(port), log_level="info")
"""


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used by process ``pid`` and by its live children."""
    ticks = os.sysconf("SC_CLK_TCK")
    own, children = 0.0, 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / ticks
        if int(entry.name) == pid:
            own += used
        elif int(fields[1]) == pid:  # ppid
            children += used
    return own, children


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

    def __init__(
        self,
        name: str,
        core: int | None,
        store: str | None,
        src: str | None,
        budget: float | None = None,
        workers: int | None = None,
    ) -> None:
        self.name = name
        self.tmp = Path(tempfile.mkdtemp(prefix=f"hoaxlens-bench-{name}-"))
        port = free_port()
        hoaxlens = str(Path(sys.executable).with_name("hoaxlens"))
        cmd = [hoaxlens, "serve", "--port", str(port), "--store", store or str(self.tmp / "b.db")]
        if workers is not None:  # `hoaxlens serve` as it is, with `analysis_workers` set
            cmd = [sys.executable, "-c", LAUNCHER, str(port), store or str(self.tmp / "b.db")]
            cmd += [str(workers), str(budget if budget is not None else 5.0)]
        elif budget is not None:
            config = self.tmp / "hoaxlens.toml"
            config.write_text(f"[batch]\nbudget_seconds = {budget}\n", encoding="utf-8")
            cmd += ["--config", str(config)]
        if core is not None and shutil.which("taskset"):
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


def load_block(
    server: Server, text: str, clients: int, per_client: int, tag: str, totals: dict[str, Any]
) -> None:
    """``clients`` concurrent clients, ``per_client`` requests each; adds to ``totals``."""
    times: list[float] = totals.setdefault("times", [])
    errors: list[str] = totals.setdefault("errors", [])

    def client(c: int) -> None:
        with httpx.Client(timeout=120) as session:
            for k in range(per_client):
                body = {"text": f"{text}\nReference load-{tag}-{c}-{k}."}
                t0 = time.perf_counter()
                try:
                    r = session.post(server.url, json=body)
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)
                    continue
                times.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(str(r.status_code))

    cpu0 = cpu_seconds(server.process.pid)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    totals["wall"] = totals.get("wall", 0.0) + time.perf_counter() - t0
    cpu1 = cpu_seconds(server.process.pid)
    totals["cpu_service"] = totals.get("cpu_service", 0.0) + cpu1[0] - cpu0[0]
    totals["cpu_workers"] = totals.get("cpu_workers", 0.0) + cpu1[1] - cpu0[1]


def load_summary(totals: dict[str, Any], clients: int) -> dict[str, object]:
    """Errors, latencies, throughput and CPU per request of the blocks in ``totals``."""
    times, errors = totals["times"], totals["errors"]
    n = len(times)
    return {
        "clients": clients,
        "requests": n,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "p50_ms": ms(statistics.median(times)),
        "p99_ms": ms(percentile(times, 0.99)),
        "max_ms": ms(max(times)),
        "requests_per_s": round(n / totals["wall"], 1),
        # CPU time per request, in the service process and in its analysis workers.
        "cpu_ms_per_request": {
            "service": round(totals["cpu_service"] * 1000 / n, 1),
            "workers": round(totals["cpu_workers"] * 1000 / n, 1),
        },
    }


def hostile_probe(server: Server, hostile: str) -> dict[str, object]:
    """Post ``hostile`` while asking ``/healthz`` every 20 ms; the answer and the slowest."""
    answer: dict[str, object] = {}

    def post() -> None:
        with httpx.Client(timeout=300) as session:
            t0 = time.perf_counter()
            r = session.post(server.url, json={"text": hostile})
            answer["seconds"] = round(time.perf_counter() - t0, 2)
            answer["status"] = r.status_code
            detail = r.json().get("detail") if r.status_code == 422 else None
            if isinstance(detail, dict):
                answer["error_type"] = detail["type"]
            elif detail is not None:
                answer["detail"] = str(detail)[:200]

    health: list[float] = []
    with ThreadPoolExecutor(1) as pool, httpx.Client(timeout=30) as probe:
        done = pool.submit(post)
        while not done.done():
            t0 = time.perf_counter()
            probe.get(server.base + "/healthz").raise_for_status()
            health.append(time.perf_counter() - t0)
            time.sleep(0.02)
        done.result()
    return {
        "hostile_bytes": len(hostile.encode()),
        "hostile": answer,
        "healthz_during": {
            "count": len(health),
            "p50_ms": ms(statistics.median(health)),
            "max_ms": ms(max(health)),
        },
    }


def run_load(args: argparse.Namespace) -> None:
    text = story_of(args.words)
    hostile = story_of(200_000)
    ratio = len(hostile) / len(json.dumps({"text": hostile}))  # httpx escapes non-ASCII
    # Under the 2 MB body limit and the API's 1,000,000-character text limit.
    hostile = hostile[: min(990_000, int(1_900_000 * ratio))]
    if args.workers is None:
        servers = [Server("serve", None, args.store, None, budget=args.budget)]
    else:
        counts = [int(w) for w in args.workers.split(",")]
        if args.store and (len(counts) > 1 or args.baseline_src):
            raise SystemExit("--workers A,B needs a fresh SQLite store per server: drop --store")
        servers = [
            Server(f"workers={w}", None, args.store, None, budget=args.budget, workers=w)
            for w in counts
        ]
        if args.baseline_src:  # the last count again, from another source tree
            src = str(Path(args.baseline_src).resolve())
            w = counts[-1]
            servers.append(Server(f"baseline workers={w}", None, None, src, args.budget, w))
    totals: dict[str, dict[str, Any]] = {server.name: {} for server in servers}
    rounds = max(1, min(args.rounds, args.per_client))
    try:
        for server in servers:
            server.wait_ready()
            with ThreadPoolExecutor(args.clients) as pool:  # start every analysis worker
                list(pool.map(lambda k, s=server: s.post(f"{text}\nReference w-{k}."), range(16)))
        # Servers take turns in rounds (alternating which goes first), so that a change
        # in the machine's load falls on each alike.
        for r in range(rounds):
            share = args.per_client // rounds + (r < args.per_client % rounds)
            for server in servers if r % 2 == 0 else servers[::-1]:
                load_block(server, text, args.clients, share, f"{r}", totals[server.name])
        result: dict[str, object] = {
            "words": len(text.split()),
            "cpu_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0,
            "load_average": os.getloadavg()[0],
            "budget_seconds": args.budget,
        }
        for server in servers:
            result[server.name] = load_summary(totals[server.name], args.clients)
        if not args.no_hostile:
            probed = next((s for s in servers if s.name != "workers=0"), servers[0])
            result["hostile_on"] = probed.name
            result.update(hostile_probe(probed, hostile))
    finally:
        for server in servers:
            server.close()
    print(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--core", type=int, default=0)
    parser.add_argument("--store", default=None, help="store URL (default: a fresh SQLite file)")
    parser.add_argument("--baseline-src", default=None, help="source tree of a second server")
    parser.add_argument("--load", action="store_true", help="the bounded load test instead")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    parser.add_argument("--budget", type=float, default=1.0, help="budget_seconds (--load)")
    parser.add_argument(
        "--workers",
        default=None,
        help="--load: analysis_workers of each server to compare, e.g. 0,2 (default: one "
        "`hoaxlens serve`, min(cores, 4))",
    )
    parser.add_argument("--rounds", type=int, default=4, help="--load: turns per server")
    parser.add_argument("--no-hostile", action="store_true", help="--load: skip the probe")
    args = parser.parse_args()
    if args.load:
        run_load(args)
        return
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

"""Scale benchmark: local batch (1 and 2 workers) vs Spark local[2], per-stage profile,
scaling with input size, and clustering time by corpus size.

All inputs are generated (hoaxlens.batch.synthetic): text posts and farm-style HTML pages.
Per-core throughput is documents / wall-second / workers, and documents per CPU-second of
all processes (parent + workers), which is less sensitive to other load on the machine.
The Spark figure excludes session start-up (reported separately) and includes writing
Parquet, as the local figure includes writing JSONL.

    python bench/scale.py --text 4000 --html 1000 --spark --cluster 10000,100000 \
        --json /tmp/scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hoaxlens.analyzer import Analyzer
from hoaxlens.batch.synthetic import generate, to_html, write_html_jsonl, write_jsonl

MAIN = "from hoaxlens.cli import main; main()"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_inputs(root: Path, kind: str, n: int, files: int, seed: int) -> list[Path]:
    docs = list(generate(n, seed=seed))
    paths = []
    per = -(-n // files)
    for i in range(files):
        path = root / f"{kind}-{n}-{i:03d}.jsonl"
        part = docs[i * per : (i + 1) * per]
        (write_jsonl if kind == "text" else write_html_jsonl)(path, part)
        paths.append(path)
    return paths


def local_run(paths: list[Path], workers: int, out: Path) -> dict[str, float]:
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-c", MAIN, "scan", "-w", str(workers), *map(str, paths), "-o", str(out)],
        check=False,
        stderr=subprocess.DEVNULL,
    )
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    n = sum(1 for _ in out.open(encoding="utf-8"))
    return {
        "docs": n,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "docs_per_s_per_core": round(n / wall / workers, 1),
        "docs_per_cpu_s": round(n / cpu, 1),
    }


def spark_runs(jobs: list[tuple[str, list[Path]]], out_root: Path) -> dict[str, dict[str, float]]:
    from hoaxlens.spark.scan import spark_scan
    from hoaxlens.spark.session import make_session

    t0 = time.perf_counter()
    spark = make_session("local[2]", app_name="bench")
    spark.range(10).count()  # warm up
    results: dict[str, dict[str, float]] = {"session_start_s": round(time.perf_counter() - t0, 2)}  # type: ignore[dict-item]
    for name, paths in jobs:
        t1 = time.perf_counter()
        res = spark_scan(spark, [str(p) for p in paths], out_root / name, partitions=len(paths))
        wall = time.perf_counter() - t1
        n = res.summary["records"]
        results[name] = {
            "docs": n,
            "wall_s": round(wall, 2),
            "docs_per_s_per_core": round(n / wall / 2, 1),
        }
    spark.stop()
    return results


def stage_profile(kind: str, n: int, seed: int) -> dict[str, float]:
    """Mean milliseconds per document in each stage, single process."""
    from hoaxlens.extract import extract_article
    from hoaxlens.normalize import normalize_text
    from hoaxlens.people import find_people
    from hoaxlens.types import MediaType, RawDocument

    analyzer = Analyzer()
    docs = list(generate(n, seed=seed))
    raws = [
        RawDocument(
            id=d.id,
            content=d.text if kind == "text" else to_html(d),
            media_type=MediaType.TEXT if kind == "text" else MediaType.HTML,
            source="bench",
        )
        for d in docs
    ]
    times = dict.fromkeys(("extract", "normalize", "signals", "verdict+people"), 0.0)
    per_signal: dict[str, float] = {}
    for raw in raws:
        t = time.perf_counter()
        article = extract_article(raw)
        t1 = time.perf_counter()
        normalize_text(article.body, analyzer.config.normalize)
        t2 = time.perf_counter()
        doc = analyzer.prepare(raw)
        t3 = time.perf_counter()
        results = []
        for signal in analyzer.pipeline.signals:
            s0 = time.perf_counter()
            results.append(signal.score(doc))
            per_signal[signal.id] = per_signal.get(signal.id, 0.0) + time.perf_counter() - s0
        t4 = time.perf_counter()
        analyzer.model.combine(tuple(results))
        find_people(doc.text, doc.title)
        t5 = time.perf_counter()
        times["extract"] += t1 - t
        times["normalize"] += t2 - t1
        times["signals"] += t4 - t3
        times["verdict+people"] += t5 - t4
    out = {k: round(v / n * 1000, 3) for k, v in times.items()}
    out.update({f"signal {k}": round(v / n * 1000, 3) for k, v in per_signal.items()})
    return out


def cluster_times(sizes: list[int], seed: int) -> dict[str, float]:
    from hoaxlens.cluster import ClusterInput, cluster_documents

    out = {}
    for n in sizes:
        docs = [ClusterInput(d.id, d.text) for d in generate(n, seed=seed, paragraphs=1)]
        cpu0, t0 = time.process_time(), time.perf_counter()
        assigned = cluster_documents(docs)
        out[str(n)] = {
            "wall_s": round(time.perf_counter() - t0, 2),
            "cpu_s": round(time.process_time() - cpu0, 2),
            "clusters": len({a.cluster_id for a in assigned}),
        }
        print(f"cluster {n}: {out[str(n)]}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=4000)
    parser.add_argument("--html", type=int, default=1000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--cluster", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--profile", type=int, default=300)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    report: dict[str, object] = {"cores": os.cpu_count(), "loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = {
            "text": write_inputs(root, "text", args.text, args.files, args.seed),
            "text_x2": write_inputs(root, "text", 2 * args.text, args.files, args.seed + 1),
            "html": write_inputs(root, "html", args.html, args.files, args.seed),
        }
        local = {}
        for name in ("text", "html", "text_x2"):
            for workers in (1, 2) if name != "text_x2" else (2,):
                key = f"{name} w={workers}"
                local[key] = local_run(inputs[name], workers, root / f"{name}-{workers}.jsonl")
                print(key, local[key], flush=True)
        report["local"] = local
        ratio = local["text_x2 w=2"]["wall_s"] / local["text w=2"]["wall_s"]
        report["scaling_text_2x_input_time_ratio"] = round(ratio, 2)
        if args.spark:
            spark = spark_runs([("text", inputs["text"]), ("html", inputs["html"])], root / "spark")
            report["spark_local2"] = spark
            for name in ("text", "html"):
                share = (
                    spark[name]["docs_per_s_per_core"] / local[f"{name} w=2"]["docs_per_s_per_core"]
                )
                report[f"spark_vs_local_per_core_{name}"] = round(share, 2)
            print("spark", spark, flush=True)
    report["stage_ms_per_doc_text"] = stage_profile("text", args.profile, args.seed)
    report["stage_ms_per_doc_html"] = stage_profile("html", args.profile, args.seed)
    report["cluster"] = cluster_times([int(s) for s in args.cluster.split(",") if s], args.seed)
    report["loadavg_end"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

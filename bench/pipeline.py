"""Whole-pipeline speed (issue 18): what a user feels, against trafilatura in the same run.

Three parts, each compared with its baseline in the same run (a shared machine's noise hits
both alike; compare the ratios):

(a) ``analyze(html=...)`` -- extract, normalize, signals, scope gate, verdict, people -- against
    ``trafilatura.extract`` alone, interleaved page by page in one process, on the AEB pages
    (``--aeb DIR``) and on farm pages (generated layouts small and with real-page weight,
    and the independently built theme pages, as ``bench/extract.py`` builds them). Time is
    this process's CPU time; every page is timed cold (the extractor's memos are emptied
    before each call); the best of ``--rounds`` rounds counts.
(b) ``hoaxlens scan`` on text documents (viral_stories and GossipCop title + text) as a
    subprocess, one worker and two workers. Steady state: a run over ``--docs`` documents
    minus a run over ``--docs-small``, so start-up (imports, model, gazetteer, pool) cancels
    out. Reported: documents per CPU-second of the whole process tree (RUSAGE_CHILDREN),
    and documents per wall second; two workers against one is the wall ratio.
(c) Start-up: CPU time of ``hoaxlens --help`` and ``hoaxlens scan one.txt`` (a bundled
    example story) against ``trafilatura --help``, best of ``--startup-runs``.

    python bench/pipeline.py --aeb ../shared/data/aeb --json /tmp/pipeline.json
    python bench/pipeline.py --no-html --docs 3000      # (b) and (c) only
    python bench/pipeline.py --no-scan --no-startup     # (a) only
    python bench/pipeline.py --no-scan --no-startup --sets theme   # (a), one set
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoaxlens.analyzer import Analyzer
from hoaxlens.extract.caches import clear_caches
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "genuine_tour.txt"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ (a) pages, in-process


def _trafilatura(html: str, url: str | None) -> object:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, include_tables=False)


def _pipeline(analyzer: Analyzer) -> Callable[[str, str | None], object]:
    def run(html: str, url: str | None) -> object:
        raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="p", url=url)
        return analyzer.analyze_one(raw)  # an extraction failure is a row, as in `scan`

    return run


def time_pages(
    label: str, pages: list[tuple[str, str | None]], analyzer: Analyzer, rounds: int
) -> dict[str, Any]:
    """Pages per CPU-second of the whole pipeline and of trafilatura.extract, interleaved."""
    modes: dict[str, Callable[[str, str | None], object]] = {
        "hoaxlens analyze (whole pipeline)": _pipeline(analyzer),
        "trafilatura.extract": _trafilatura,
    }
    for run in modes.values():  # imports and lazily built tables are not page costs
        run(*pages[0])
    best = dict.fromkeys(modes, float("inf"))
    for round_ in range(rounds):
        seconds = dict.fromkeys(modes, 0.0)
        for i, (html, url) in enumerate(pages):
            names = list(modes)
            if (i + round_) % 2:
                names.reverse()
            for name in names:
                clear_caches()  # every page cold, for both
                started = time.process_time()
                modes[name](html, url)
                seconds[name] += time.process_time() - started
        for name, s in seconds.items():
            best[name] = min(best[name], s)
    rates = {name: len(pages) / s for name, s in best.items()}
    ratio = rates["hoaxlens analyze (whole pipeline)"] / rates["trafilatura.extract"]
    kb = sum(len(h) for h, _ in pages) / len(pages) / 1000
    print(
        f"| {label} | {len(pages)} | {kb:.0f} | "
        f"{rates['hoaxlens analyze (whole pipeline)']:.1f} | "
        f"{rates['trafilatura.extract']:.1f} | {ratio:.2f}x |"
    )
    return {"pages": len(pages), "kb_per_page": kb, "pages_per_cpu_s": rates, "ratio": ratio}


def aeb_pages(directory: Path) -> list[tuple[str, str | None]]:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes()).decode(
                "utf-8", errors="replace"
            ),
            truth[key].get("url"),
        )
        for key in sorted(truth)
    ]


def farm_pages(count: int) -> dict[str, list[tuple[str, str | None]]]:
    layouts = _load("make_farm_layouts", ROOT / "scripts" / "make_farm_layouts.py")
    themes = _load("theme_pages", ROOT / "tests" / "extract" / "theme_pages.py")
    return {
        "farm layouts, seed 21": [
            (x.html, x.url) for x in layouts.make_layouts(21, count, bulk=False)
        ],
        "farm layouts, real-page weight, seed 22": [
            (x.html, x.url) for x in layouts.make_layouts(22, count, bulk=True)
        ],
        "independently built theme pages, seed 23": [
            (x.html, x.url) for x in themes.make_theme_pages(23, count)
        ],
    }


# ------------------------------------------------------------- (b) hoaxlens scan, processes


def text_documents(limit: int) -> list[dict[str, str]]:
    """viral_stories, then GossipCop full texts, as JSONL records for `hoaxlens scan`."""
    docs: list[dict[str, str]] = []
    for name in ("viral_stories/stories.jsonl", "gossipcop_fnn/gossipcop_fulltext.jsonl"):
        with (DATA / name).open(encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                if item.get("text"):
                    docs.append(
                        {"id": item["id"], "title": item.get("title") or "", "text": item["text"]}
                    )
                if len(docs) >= limit:
                    return docs
    return docs


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Children run as after `pip install`: with compiled bytecode (a shell that sets
# PYTHONDONTWRITEBYTECODE would make every start compile hoaxlens' ~500 modules from source,
# while trafilatura's, installed from a wheel, are compiled already).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds of the process and its children, wall seconds) of one command."""
    cpu, wall = _child_cpu(), time.perf_counter()
    done = subprocess.run(  # noqa: S603
        cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV
    )
    if done.returncode not in (0, 3):  # 3: finished, some records are error rows
        raise SystemExit(f"{cmd} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return _child_cpu() - cpu, time.perf_counter() - wall


def time_scan(docs: list[dict[str, str]], small: int, runs: int) -> dict[str, Any]:
    """Steady-state docs per CPU-second and per wall second, one worker and two."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        big_path, small_path = Path(tmp) / "big.jsonl", Path(tmp) / "small.jsonl"
        big_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        small_path.write_text("".join(json.dumps(d) + "\n" for d in docs[:small]), encoding="utf-8")
        best: dict[tuple[int, str], tuple[float, float]] = {}
        for _ in range(runs):  # interleaved: 1 worker, 2 workers, each small then big
            for workers in (1, 2):
                for name, path in (("small", small_path), ("big", big_path)):
                    cmd = [str(BIN / "hoaxlens"), "scan", str(path), "--workers", str(workers)]
                    cmd += ["--format", "jsonl", "-o", os.devnull, "--no-progress"]
                    cpu, wall = run_child(cmd)
                    old = best.get((workers, name), (float("inf"), float("inf")))
                    best[(workers, name)] = (min(old[0], cpu), min(old[1], wall))
    extra = len(docs) - small
    for workers in (1, 2):
        cpu = best[(workers, "big")][0] - best[(workers, "small")][0]
        wall = best[(workers, "big")][1] - best[(workers, "small")][1]
        results[f"{workers}_worker"] = {
            "docs_per_cpu_s": extra / cpu,
            "docs_per_wall_s": extra / wall,
            "runs": {k[1]: v for k, v in best.items() if k[0] == workers},
        }
    results["two_vs_one_wall"] = (
        results["2_worker"]["docs_per_wall_s"] / results["1_worker"]["docs_per_wall_s"]
    )
    return results


# -------------------------------------------------------------------------- (c) start-up


def time_startup(runs: int) -> dict[str, float]:
    """Best-of-``runs`` CPU seconds of three commands, interleaved."""
    commands = {
        "trafilatura --help": [str(BIN / "trafilatura"), "--help"],
        "hoaxlens --help": [str(BIN / "hoaxlens"), "--help"],
        "hoaxlens scan one.txt": [
            str(BIN / "hoaxlens"), "scan", str(EXAMPLE), "--format", "jsonl", "-o", os.devnull,
        ],
    }  # fmt: skip
    best = dict.fromkeys(commands, float("inf"))
    for cmd in commands.values():  # once untimed: the bytecode is written, the files cached
        run_child(cmd)
    for _ in range(runs):
        for name, cmd in commands.items():
            best[name] = min(best[name], run_child(cmd)[0])
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aeb", type=Path, default=DATA / "aeb", help="AEB directory")
    parser.add_argument("--layouts", type=int, default=100, help="farm pages per generator")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (best counts)")
    parser.add_argument("--docs", type=int, default=3000, help="text documents for scan")
    parser.add_argument("--docs-small", type=int, default=200, help="the start-up run's docs")
    parser.add_argument("--scan-runs", type=int, default=2, help="scan runs (best counts)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--no-html", action="store_true", help="skip part (a)")
    parser.add_argument("--no-scan", action="store_true", help="skip part (b)")
    parser.add_argument("--no-startup", action="store_true", help="skip part (c)")
    parser.add_argument(
        "--sets", nargs="*", default=[], help="part (a): only page sets whose name holds one"
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"load_average": os.getloadavg()}
    if not args.no_html:
        analyzer = Analyzer()
        print("\n(a) analyze(html=...) vs trafilatura.extract, pages per CPU-second\n")
        print("| set | pages | KB/page | hoaxlens whole pipeline | trafilatura.extract | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        sets: dict[str, list[tuple[str, str | None]]] = {}
        if (args.aeb / "ground-truth.json").is_file():
            sets["AEB (all 181 pages)"] = aeb_pages(args.aeb)
        else:
            print(f"AEB skipped: no {args.aeb}/ground-truth.json")
        sets.update(farm_pages(args.layouts))
        if args.sets:
            sets = {k: v for k, v in sets.items() if any(w in k for w in args.sets)}
        out["pages"] = {
            label: time_pages(label, pages, analyzer, args.rounds) for label, pages in sets.items()
        }
    if not args.no_scan:
        docs = text_documents(args.docs)
        print(f"\n(b) hoaxlens scan, {len(docs)} text documents (steady state)\n")
        scan = time_scan(docs, args.docs_small, args.scan_runs)
        print("| workers | docs per CPU-second | docs per wall second |")
        print("|---:|---:|---:|")
        for workers in (1, 2):
            row = scan[f"{workers}_worker"]
            print(f"| {workers} | {row['docs_per_cpu_s']:.0f} | {row['docs_per_wall_s']:.0f} |")
        print(f"\ntwo workers vs one (wall): {scan['two_vs_one_wall']:.2f}x")
        out["scan"] = scan
    if not args.no_startup:
        startup = time_startup(args.startup_runs)
        base = startup["trafilatura --help"]
        print("\n(c) start-up, CPU seconds (best of runs)\n")
        print("| command | CPU s | vs trafilatura --help |")
        print("|---|---:|---:|")
        for name, seconds in startup.items():
            print(f"| {name} | {seconds:.3f} | {seconds / base:.2f}x |")
        out["startup"] = startup
    out["load_average_end"] = os.getloadavg()
    print(f"\nload average at start / end: {out['load_average']} / {out['load_average_end']}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

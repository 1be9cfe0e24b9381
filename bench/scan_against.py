"""Whole-analysis speed of this tree against an older commit, in alternating processes.

    python bench/scan_against.py 9f0b2b5 [--docs 2000] [--pairs 3]

Each process analyses the same text documents in memory (``Analyzer.analyze_one`` on
viral_stories, then GossipCop full texts, as ``bench/pipeline.py`` reads them), warms up on
the first 100 and times the rest in CPU seconds. The older commit runs from a temporary
``git worktree`` (its ``src`` first on ``PYTHONPATH``); the two trees take turns, and the order
flips each pair, so machine noise falls on both. Prints docs per CPU-second of each process
and each pair's ratio (this tree over the other): on a shared 2-core machine single pairs
spread by about ±10 %, so read the median of several.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git") or "git"

# Run in a child process: imports whichever ``hoaxlens`` its PYTHONPATH finds first.
_CHILD = """
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("pl", sys.argv[1])
pl = importlib.util.module_from_spec(spec); spec.loader.exec_module(pl)
from hoaxlens.analyzer import Analyzer
from hoaxlens.types import MediaType, RawDocument
docs = pl.text_documents(int(sys.argv[2]))
raws = [RawDocument(id=str(i), content=d["title"] + "\\n\\n" + d["text"],
                    media_type=MediaType.TEXT, source="bench") for i, d in enumerate(docs)]
analyzer = Analyzer()
for raw in raws[:100]:
    analyzer.analyze_one(raw)
start = time.process_time()
for raw in raws[100:]:
    analyzer.analyze_one(raw)
print((len(raws) - 100) / (time.process_time() - start))
"""


def _rate(src: Path, docs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _CHILD, str(ROOT / "bench" / "pipeline.py"), str(docs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the commit to compare against (e.g. the round's start)")
    parser.add_argument("--docs", type=int, default=2000, help="documents a process (100 warm)")
    parser.add_argument("--pairs", type=int, default=3, help="alternating pairs of processes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scan-against-") as tmp:
        other = Path(tmp) / "tree"
        subprocess.run(  # noqa: S603 - git on our own repository
            [GIT, "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), args.rev],
            check=True,
        )
        try:
            ratios = []
            for pair in range(args.pairs):
                trees = [("this tree", ROOT / "src"), (args.rev, other / "src")]
                rates = {}
                for name, src in trees if pair % 2 == 0 else reversed(trees):
                    rates[name] = _rate(src, args.docs)
                    print(f"pair {pair + 1}: {name}: {rates[name]:.1f} docs per CPU-second")
                ratios.append(rates["this tree"] / rates[args.rev])
                print(f"pair {pair + 1}: ratio {ratios[-1]:.2f}x")
            print(
                f"this tree vs {args.rev}: ratios {', '.join(f'{r:.2f}' for r in ratios)}; "
                f"median {statistics.median(ratios):.2f}x"
            )
        finally:
            subprocess.run(  # noqa: S603 - git on our own repository
                [GIT, "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

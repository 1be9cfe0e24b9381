"""Write the golden outputs that tests/golden/test_golden.py compares against.

The golden test guards refactorings: every output form (JSONL, CSV, Parquet, the service's
record, Spark's Parquet) must stay byte-identical on the bundled examples and on the
viral_stories corpus. Regenerate only when an output change is intended, and say why in the
commit:

    python scripts/make_golden.py            # examples + corpus (needs ../shared)
    python scripts/make_golden.py --spark    # also Spark's output (slow: starts a JVM)

The examples' outputs are stored whole (our own texts). The corpus belongs to its publishers,
so only a SHA-256 of each record is stored (tests/golden/corpus_digests.json).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "golden"))

from golden_outputs import (  # noqa: E402 - after the path set-up
    CORPUS,
    EXAMPLES,
    GOLDEN,
    digests,
    scan_outputs,
    service_records,
    spark_lines,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spark", action="store_true", help="also capture Spark's output")
    args = parser.parse_args()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    out = scan_outputs(EXAMPLES)
    (GOLDEN / "examples.jsonl").write_text(out["jsonl"], encoding="utf-8")
    (GOLDEN / "examples.csv").write_text(out["csv"], encoding="utf-8", newline="")
    (GOLDEN / "examples.parquet.jsonl").write_text(out["parquet"], encoding="utf-8")
    (GOLDEN / "examples.service.jsonl").write_text(service_records(EXAMPLES), encoding="utf-8")
    if args.spark:
        (GOLDEN / "examples.spark.jsonl").write_text(spark_lines(EXAMPLES), encoding="utf-8")
    if CORPUS.exists():
        corpus = scan_outputs(CORPUS)
        record = {fmt: digests(text) for fmt, text in corpus.items()}
        record["service"] = digests(service_records(CORPUS))
        (GOLDEN / "corpus_digests.json").write_text(
            json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    print(f"wrote golden outputs to {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

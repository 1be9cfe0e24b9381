"""Quality gate: score the viral_stories dev split and fail if quality drops below the floors.

Floors and the digest of the evaluation data live in tests/quality/baseline.json. With
``--update`` the floors are raised to the current figures (minus nothing); lowering a floor
needs ``--allow-regression`` as well. Skips (exit 0, with a message) where ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hoaxlens.analyzer import Analyzer
from hoaxlens.training.evaluate import evaluate
from hoaxlens.training.labeled import digest, read_labeled
from hoaxlens.training.robustness import obfuscated_items

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "viral_stories" / "stories.jsonl"
BASELINE = ROOT / "tests" / "quality" / "baseline.json"
EPSILON = 0.005
GATED = ("auroc", "f1", "precision", "recall", "tpr_at_1pct_fpr", "auroc_all_obfuscated")
CEILINGS = ("ece",)  # lower is better


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"eval gate skipped: {DATA} not found (../shared is not checked out)")
        return 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    sha = digest([DATA])
    analyzer = Analyzer()
    dev = read_labeled([DATA], {"split": "dev"})
    report = evaluate(analyzer, dev, by=None)
    measured = (*GATED[:-1], *CEILINGS)
    current = {name: round(getattr(report, name).value, 4) for name in measured}
    # Robustness: the same items with every n/u and the common lookalikes obfuscated.
    obfuscated = evaluate(analyzer, obfuscated_items(dev, only_fabricated=False), by=None)
    current["auroc_all_obfuscated"] = round(obfuscated.auroc.value, 4)
    print(f"eval gate on viral_stories dev ({report.n} items): {current}")
    if args.update:
        floors = baseline["floors"]
        lowered = [k for k in GATED if current[k] < floors.get(k, 0.0)]
        lowered += [k for k in CEILINGS if current[k] > floors.get(k, 1.0)]
        if lowered and not args.allow_regression:
            print(f"refusing to lower floors {lowered} without --allow-regression")
            return 1
        baseline.update({"floors": current, "data_sha256": sha})
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"floors updated: {current}")
        return 0
    if sha != baseline["data_sha256"]:
        print(f"evaluation data changed (sha256 {sha[:12]}…); re-pin with --update")
        return 1
    floors = baseline["floors"]
    failed = [k for k in GATED if current[k] < floors[k] - EPSILON]
    failed += [k for k in CEILINGS if current[k] > floors[k] + EPSILON]
    for k in failed:
        print(f"FAIL {k}: {current[k]} is past its pinned bound {floors[k]} (± {EPSILON})")
    if report.fabricated_without_evidence or report.genuine_without_evidence:
        print(
            f"FAIL {report.fabricated_without_evidence} fabricated and "
            f"{report.genuine_without_evidence} genuine verdicts carry no evidence for their label"
        )
        return 1
    wrong_language = dict(report.abstained).get("unsupported_language", 0)
    if wrong_language:
        print(f"FAIL {wrong_language} English dev items were taken for another language")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

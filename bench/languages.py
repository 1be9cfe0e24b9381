"""Other languages (issue 21): the language model on the language sets, per language.

    python bench/languages.py [--half heldout|tune|all] [--json OUT]

For each of es, pt, fr, de, it, vi: AUROC of the score, precision and recall of the
``fabricated`` label at the model's default operating point (after the evidence rules),
false-positive rate of that label on the language's hard negatives with its Clopper-Pearson
95 % upper bound, ECE, and AUROC / ECE per length band (the sets' residual length
confound, ``bench/sets/README.md``). The halves are split by site
(``hoaxlens.languages.split``); the model was trained on the ``tune`` half, so its figures
there are in-sample (reported as such), and only ``heldout`` figures measure it. Also: how
often the scope gate names the set's language (the hook routes only those items to the
language model).

Texts come from ``$HOAXLENS_BENCH_CACHE`` (default ``~/.cache/hoaxlens/bench-sets``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from hoaxlens.analyzer import Analyzer
from hoaxlens.languages import judge
from hoaxlens.languages.sets import SetItem, cache_dir, read_language_set
from hoaxlens.scope import assess_scope
from hoaxlens.training.metrics import auroc, ece
from hoaxlens.types import Label, MediaType, RawDocument

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "sets"
LANGS = ("es", "pt", "fr", "de", "it", "vi")
BANDS = ((0, 150), (150, 300), (300, 500), (500, 700), (700, 1000), (1000, None))
TARGETS = {"auroc": 0.93, "precision": 0.95, "recall": 0.80, "hn_fpr": 0.02, "ece": 0.07}


def clopper_pearson_upper(k: int, n: int, alpha: float = 0.05) -> float:
    """Upper end of the exact two-sided 95 % interval of a rate (as in bench/honest.py)."""
    if n == 0 or k >= n:
        return 1.0

    def tail(p: float) -> float:
        return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))

    lo, hi = k / n, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if tail(mid) > alpha / 2 else (lo, mid)
    return hi


def _r(x: float | None) -> float | None:
    return None if x is None or math.isnan(x) else round(x, 4)


def evaluate(items: list[SetItem], analyzer: Analyzer, lang: str) -> dict[str, Any]:
    scores, labels, flagged, verdict_labels, routed = [], [], [], [], 0
    for it in items:
        doc = analyzer.prepare(RawDocument(it.id, it.text, MediaType.TEXT, "bench", title=it.title))
        verdict = judge(doc, lang)
        assert verdict is not None
        scope = assess_scope(doc.text, doc.title, confidence=False)
        routed += scope.lang == lang
        scores.append(verdict.score)
        labels.append(it.label)
        flagged.append(verdict.label is Label.FABRICATED)
        verdict_labels.append(verdict.label.value)
    pos = sum(labels)
    tp = sum(f and y for f, y in zip(flagged, labels, strict=True))
    fp = sum(f and not y for f, y in zip(flagged, labels, strict=True))
    hn = [i for i, it in enumerate(items) if it.hard_negative]
    hn_fp = sum(flagged[i] for i in hn)
    bands = {}
    for low, high in BANDS:
        pick = [
            i for i, it in enumerate(items) if it.chars >= low and (high is None or it.chars < high)
        ]
        sc, ys = [scores[i] for i in pick], [labels[i] for i in pick]
        name = f"{low}-{high}" if high else f">={low}"
        bands[name] = {
            "n": len(pick),
            "fabricated": sum(ys),
            "auroc": _r(auroc(sc, ys)) if 0 < sum(ys) < len(ys) else None,
            "ece": _r(ece(sc, ys)) if pick else None,
            "flagged_genuine": sum(flagged[i] and not labels[i] for i in pick),
            "missed_fabricated": sum(labels[i] and not flagged[i] for i in pick),
        }
    return {
        "n": len(items),
        "fabricated": pos,
        "auroc": _r(auroc(scores, labels)) if 0 < pos < len(labels) else None,
        "precision": _r(tp / (tp + fp)) if tp + fp else None,
        "recall": _r(tp / pos) if pos else None,
        "false_positives": fp,
        "uncertain": verdict_labels.count("uncertain"),
        "genuine_labels": verdict_labels.count("genuine"),
        # the false all-clear: a fabricated item labelled genuine (the worst answer)
        "fabricated_labelled_genuine": sum(
            v == "genuine" and y for v, y in zip(verdict_labels, labels, strict=True)
        ),
        "hard_negatives": len(hn),
        "hn_false_positives": hn_fp,
        "hn_fpr": _r(hn_fp / len(hn)) if hn else None,
        "hn_fpr_upper95": _r(clopper_pearson_upper(hn_fp, len(hn))) if hn else None,
        "ece": _r(ece(scores, labels)),
        "scope_gate_names_language": routed,
        "by_length": bands,
    }


def table(results: dict[str, dict[str, Any]], half: str) -> str:
    head = (
        f"half: {half}\n| lang | n (fab) | AUROC | precision | recall | HN FPR (k/n, CP95 upper)"
        " | ECE | uncertain | gate names lang |\n|---|---|---|---|---|---|---|---|---|"
    )
    rows = [head]
    for lang, r in results.items():
        rows.append(
            f"| {lang} | {r['n']} ({r['fabricated']}) | {r['auroc']} | {r['precision']} | "
            f"{r['recall']} | {r['hn_fpr']} ({r['hn_false_positives']}/{r['hard_negatives']}, "
            f"{r['hn_fpr_upper95']}) | {r['ece']} | {r['uncertain']} | "
            f"{r['scope_gate_names_language']}/{r['n']} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("heldout", "tune", "all"), default="heldout")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    results = {}
    for lang in LANGS:
        items, missing = read_language_set(
            SETS / f"lang_{lang}.jsonl", cache_dir() / f"lang_{lang}.jsonl", half=args.half
        )
        if missing:
            print(f"{lang}: {len(missing)} items missing from the cache", file=sys.stderr)
        if items:
            results[lang] = evaluate(items, analyzer, lang)
    if not results:
        print(f"no cached texts in {cache_dir()}: nothing to report", file=sys.stderr)
        return 1
    label = args.half + (" (in-sample: the model was trained on it)" if args.half == "tune" else "")
    print(table(results, label))
    print("\nper length band (chars): n fab/gen, AUROC, ECE, false flags, misses")
    for lang, r in results.items():
        parts = [
            f"{b}: {v['fabricated']}/{v['n'] - v['fabricated']} auc={v['auroc']} "
            f"ece={v['ece']} fp={v['flagged_genuine']} miss={v['missed_fabricated']}"
            for b, v in r["by_length"].items()
        ]
        print(f"{lang}: " + "; ".join(parts))
    if args.json:
        args.json.write_text(
            json.dumps({"half": args.half, "targets": TARGETS, "languages": results}, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Detection benchmark: the shipped model on every evaluation set it never trained on.

    python bench/detect.py [--data ../shared/data] [--limit N] [--json OUT]

Sets (all kept out of training by ``make model``):
- viral_stories ``dev`` split (the genre; split by site), with the hard negatives apart;
- the same dev split obfuscated: every n/u and the common Latin letters swapped for their
  Cyrillic/Greek lookalikes, first in the fabricated items only, then in all items;
- GossipCop ``test`` part (clean rows): AUROC and the false-positive rate on its genuine
  articles at the default threshold, with the Wilson 95 % upper bound;
- SheepDog style attacks (variants A-D) against their own clean originals, matched in
  GossipCop by id: macro-F1 at the default threshold on the same items, before and after;
- LLMFake: recall on human vs ChatGPT-written fabricated items, FPR on human genuine;
- Pérez-Rosas Celebrity: AUROC and FPR.
Prints a Markdown table (the one in bench/README.md) and optionally writes JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from hoaxlens.analyzer import Analyzer
from hoaxlens.training.labeled import LabeledItem, read_labeled
from hoaxlens.training.metrics import auroc, bootstrap, ece, tpr_at_fpr, wilson
from hoaxlens.training.robustness import obfuscated_items
from hoaxlens.types import Failure, RawDocument

ROOT = Path(__file__).resolve().parent.parent


def _score(analyzer: Analyzer, items: list[LabeledItem]) -> list[dict[str, Any]]:
    rows = []
    for it in items:
        out = analyzer.analyze_one(it.item)
        meta = dict(it.item.meta) if isinstance(it.item, RawDocument) else {}
        if isinstance(out, Failure):
            rows.append({"score": 0.5, "y": it.label, "pred": "error", "meta": meta, "ev": 0})
        else:
            evidence = sum(len(s.evidence) for s in out.signals)
            rows.append(
                {
                    "score": out.score,
                    "y": it.label,
                    "pred": out.label.value,
                    "meta": meta,
                    "ev": evidence,
                }
            )
    return rows


def _macro_f1(rows: list[dict[str, Any]], t: float) -> float:
    def f1(positive: int) -> float:
        tp = sum(1 for r in rows if (r["score"] >= t) == bool(positive) and r["y"] == positive)
        fp = sum(1 for r in rows if (r["score"] >= t) == bool(positive) and r["y"] != positive)
        fn = sum(1 for r in rows if (r["score"] >= t) != bool(positive) and r["y"] == positive)
        return 2 * tp / max(1, 2 * tp + fp + fn)

    return (f1(1) + f1(0)) / 2


def _summary(rows: list[dict[str, Any]], t: float) -> dict[str, Any]:
    s, y = [r["score"] for r in rows], [r["y"] for r in rows]
    tp = sum(1 for r in rows if r["score"] >= t and r["y"] == 1)
    fp = sum(1 for r in rows if r["score"] >= t and r["y"] == 0)
    pos, neg = sum(y), len(y) - sum(y)
    out: dict[str, Any] = {"n": len(rows), "fabricated": pos, "genuine": neg}
    if pos and neg:
        out["auroc"] = bootstrap(auroc, s, y, rounds=300)
        out["tpr_at_1pct_fpr"] = tpr_at_fpr(s, y, 0.01)
        out["ece"] = ece(s, y)
        out["macro_f1"] = _macro_f1(rows, t)
    if pos:
        out["recall"] = wilson(tp, pos)
        out["precision"] = wilson(tp, tp + fp)
    if neg:
        out["fpr"] = wilson(fp, neg)
    out["fabricated_without_evidence"] = sum(
        1 for r in rows if r["pred"] == "fabricated" and r["ev"] == 0
    )
    return out


def _fmt(v: Any) -> str:  # noqa: ANN401 - a table cell of any kind
    if hasattr(v, "value"):
        return f"{v.value:.3f} [{v.low:.3f}, {v.high:.3f}]"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="at most N items per set (0: all)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--card", type=Path, default=None, help="model card .md to add the table to"
    )
    args = parser.parse_args()
    d, lim = args.data, args.limit or None
    analyzer = Analyzer()
    t = analyzer.thresholds.fabricated
    skip: list[Failure] = []

    def read(path: str, **where: str) -> list[LabeledItem]:
        return read_labeled([d / path], where, on_unreadable=skip.append)[:lim]

    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    dev = read("viral_stories/stories.jsonl", split="dev")
    dev_rows = _score(analyzer, dev)
    results["viral_stories dev"] = _summary(dev_rows, t)
    hard = [r for r in dev_rows if r["meta"].get("hard_negative") == "true"]
    results["viral_stories dev, hard negatives only"] = _summary(hard, t)
    results["dev, fabricated items obfuscated"] = _summary(
        _score(analyzer, obfuscated_items(dev, only_fabricated=True)), t
    )
    results["dev, all items obfuscated"] = _summary(
        _score(analyzer, obfuscated_items(dev, only_fabricated=False)), t
    )
    gc_test = read("gossipcop_fnn/gossipcop_fulltext.jsonl", split="test", flags="[]")
    results["GossipCop test (clean)"] = _summary(_score(analyzer, gc_test), t)
    gc_all = {
        it.item.id: it
        for it in read_labeled(
            [d / "gossipcop_fnn/gossipcop_fulltext.jsonl"], {}, on_unreadable=skip.append
        )
        if isinstance(it.item, RawDocument)
    }
    sheep = read("sheepdog_gossipcop_adv/gossipcop_test_adv.jsonl")
    originals: dict[str, LabeledItem] = {}
    for it in sheep:
        match = (
            dict(it.item.meta).get("matched_gossipcop_id")
            if isinstance(it.item, RawDocument)
            else None
        )
        if match in gc_all and gc_all[match].label == it.label:
            originals[match] = gc_all[match]
    matched_ids = set(originals)
    clean_rows = _score(analyzer, list(originals.values()))
    results["SheepDog originals (clean, matched)"] = _summary(clean_rows, t)
    for variant in "ABCD":
        rows = _score(
            analyzer,
            [
                it
                for it in sheep
                if isinstance(it.item, RawDocument)
                and dict(it.item.meta).get("variant") == variant
                and dict(it.item.meta).get("matched_gossipcop_id") in matched_ids
            ],
        )
        results[f"SheepDog variant {variant} (same items)"] = _summary(rows, t)
    llm = read("llmfake_gossipcop/llmfake_gossipcop.jsonl")
    llm_rows = _score(analyzer, llm)
    for name, keep in {
        "LLMFake human-written": lambda m: m.get("generator") == "human",
        "LLMFake ChatGPT-written fabricated": lambda m: m.get("generator") != "human",
    }.items():
        results[name] = _summary([r for r in llm_rows if keep(r["meta"])], t)
    results["Pérez-Rosas Celebrity"] = _summary(
        _score(analyzer, read("celebrity_perezrosas/celebrity.jsonl")), t
    )
    elapsed = time.perf_counter() - started

    cols = ["n", "auroc", "precision", "recall", "fpr", "tpr_at_1pct_fpr", "ece", "macro_f1"]
    lines = [
        f"model {analyzer.model.version} ({analyzer.model.sha256[:12]}), fabricated threshold "
        f"{t}; {elapsed:.0f} s; {len(skip)} unreadable rows skipped; intervals are 95 % "
        "(bootstrap for AUROC, Wilson for rates)",
        "",
        "| set | " + " | ".join(cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    for name, res in results.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(res.get(c, "")) for c in cols) + " |")
    base = results["viral_stories dev"]["auroc"].value
    clean = results["SheepDog originals (clean, matched)"]["macro_f1"]
    lines.append("")
    for name in ("dev, fabricated items obfuscated", "dev, all items obfuscated"):
        lines.append(f"- AUROC drop, {name}: {base - results[name]['auroc'].value:+.4f}")
    for v in "ABCD":
        drop = clean - results[f"SheepDog variant {v} (same items)"]["macro_f1"]
        lines.append(f"- SheepDog {v}: macro-F1 drop from its clean originals {drop:+.3f}")
    print("\n".join(lines))
    if args.card:
        text = args.card.read_text(encoding="utf-8").split("\n## Evaluation")[0].rstrip()
        section = "\n".join(["", "", "## Evaluation", "", "`python bench/detect.py`:", "", *lines])
        args.card.write_text(text + section + "\n", encoding="utf-8")
    if args.json:

        def plain(x: Any) -> Any:  # noqa: ANN401 - JSON of any kind
            return {"value": x.value, "low": x.low, "high": x.high} if hasattr(x, "value") else x

        args.json.write_text(
            json.dumps(
                {k: {m: plain(v) for m, v in r.items()} for k, r in results.items()}, indent=2
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()

